"""Load a template and check it is usable: a brand folder, or any .pptx or .potx.

All template knowledge the planner needs is answered here: which layout a kind uses,
where each role's placeholder sits, the brand's colours and fonts.

A brand folder holds layouts.yaml (slide kind → layout, role → placeholder idx and
size range), brand.yaml (colours, fonts, logo) and the template file. Any other
template (a file given as `--template`, or a folder without brand.yaml) works too:
`matching` maps each kind to a layout by what the layouts contain, a layouts.yaml
beside it overrides that per kind and per role, and colours and fonts come from its
theme. The file is prepared in memory (`template_package`: sample slides removed,
repeated ids made unique, …) and, when that changed anything, written to a cache file
for the renderer; the user's file is never changed.

Problems are reported together, each at its line in layouts.yaml or brand.yaml.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

from lxml import etree

from deck_builder.content.schema import Length, Pattern, Range, Record, validate
from deck_builder.content.source import Mapping, Node, Scalar, load_file
from deck_builder.errors import DeckError, ProblemCollector, SourceRef, close_matches
from deck_builder.files import regular_file
from deck_builder.ooxml import package
from deck_builder.ooxml.colours import Theme, colour_map, contrast_ratio, luminance
from deck_builder.ooxml.geometry import EMU_PER_INCH, EMU_PER_PT, LINE_HEIGHT, Rect
from deck_builder.ooxml.inheritance import inherited_bold, line_spacing, run_property, text_styles
from deck_builder.ooxml.namespaces import A as _A
from deck_builder.ooxml.namespaces import P as _P
from deck_builder.ooxml.placeholders import Placeholder, layout_placeholders
from deck_builder.template.artwork import TOO_LITTLE, Artwork, FreeSpace, layout_artwork
from deck_builder.template.matching import Matcher, read_layouts
from deck_builder.template.model import (
    Brand,
    FontSet,
    LayoutSpec,
    RoleSpec,
    Template,
    TextStyle,
    resolve_template,
    template_files,
)
from deck_builder.template.needs import (
    BODY_CLASSES,
    BODY_FLOOR,
    PICTURE,
    SIZE_CLASSES,
    LayoutNeed,
)
from deck_builder.template.package import (
    MAX_TEMPLATE_BYTES,
    NewPlaceholder,
    Opened,
    derive_layout,
    master_name,
    normalize,
    open_template_package,
    theme_root,
)
from deck_builder.template.placement import KindMatch, LayoutInfo, Slot

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationType
    from pptx.slide import SlideMaster

    from deck_builder.template.fonts import FontMatch

__all__ = ["MAX_TEMPLATE_BYTES", "Brand", "LayoutSpec", "RoleSpec", "Template",
           "TemplateCheck", "TemplateReport", "check_template", "load_configs", "load_template",
           "resolve_template", "role_sizes"]

Hex = Annotated[
    str,
    Pattern(r"^[0-9A-Fa-f]{6}$", "{value!r} is not a colour; write six hex digits, e.g. 14365D"),
]
Size = Annotated[float, Range(gt=0, le=400)]  # points
REQUIRED_COLOURS = ("primary", "accent", "text", "muted", "light", "background")
FONT_FACES = ("regular", "bold", "italic", "bold_italic")  # the fields of FontSet, in order
DEFAULT_PICTURE_PT = 24.0  # a picture role has no text; its sizes are never read
ABSOLUTE_FLOOR_PT = 12.0  # no brand setting sets any text smaller


class RoleConfig(Record):
    """One role of a kind's layout in layouts.yaml.

    A placeholder by `idx` or by `name` (its name in PowerPoint's selection pane, for
    templates whose idx values repeat), with an optional size range in points; or
    `auto`: a placeholder if one fits, else a free box.
    """

    idx: Annotated[int, Range(ge=0)] | None = None
    name: Annotated[str, Length(min=1)] | None = None
    max_pt: Size | None = None
    min_pt: Size | None = None

    @classmethod
    def _shorthand(cls, node: Node) -> Node:
        if isinstance(node, Scalar) and node.value is not None:
            if node.value.strip().lower() == "auto":
                return Mapping(node.where)
            raise ValueError(f"expected a mapping such as {{idx: 1}}, or auto; got {node.value!r}")
        return node

    def _check(self) -> None:
        if self.idx is not None and self.name is not None:
            raise ValueError("give the placeholder's idx or its name, not both")

    @property
    def automatic(self) -> bool:
        """Whether the role is placed automatically (`auto`, or only sizes given)."""
        return self.idx is None and self.name is None


class KindConfig(Record):
    """The layout of one kind in layouts.yaml; what it leaves out is chosen automatically.

    `roles` given: those roles as written; a required role left out is placed
    automatically, an optional one is left out (its content is then an error).
    """

    layout: Annotated[str, Length(min=1)] | None = None
    dark: bool = False  # dark background: links are drawn in the brand's light link colour
    roles: dict[str, RoleConfig] = {}  # noqa: RUF012 (records copy mutable defaults)


class LayoutsConfig(Record):
    """layouts.yaml as a whole."""

    template: str = "template.pptx"
    brand: str = "brand.yaml"
    master: Annotated[int, Range(ge=1)] | None = None  # which master (1: the first) to use
    # The smallest size of body text (body, minor and quote roles) on this template; a
    # role's own min_pt may ask more. Without it: needs.BODY_FLOOR.
    body_min_pt: Annotated[float, Range(ge=ABSOLUTE_FLOOR_PT, le=72)] | None = None
    kinds: dict[str, KindConfig] = {}  # noqa: RUF012 (records copy mutable defaults)


class FontsConfig(Record):
    """brand.yaml `fonts:`."""

    family: Annotated[str, Length(min=1)]
    files: dict[str, str]


class BrandConfig(Record):
    """brand.yaml as a whole."""

    name: str
    colours: dict[str, Hex]
    fonts: FontsConfig
    logo: str | None = None
    footer: str = ""


class ThemeSummary(NamedTuple):
    """A template's theme as `template check` shows it: scheme colours by slot (hex),
    the major (headings) and minor (body) fonts, and the fonts titles and body text are
    actually set in (a master may name other fonts than its theme)."""

    name: str
    colours: dict[str, str]
    major_font: str
    minor_font: str
    title_font: str
    body_font: str


class MasterSummary(NamedTuple):
    """A master of the template: its position in the file, name, layouts, and whether
    the deck is built on it."""

    number: int
    name: str
    layouts: tuple[str, ...]
    used: bool


class TemplateReport(NamedTuple):
    """How a template was read and mapped (what `deck-builder template check` prints)."""

    path: Path
    mapping_file: Path | None
    brand_file: Path | None
    changes: tuple[str, ...]
    masters: tuple[MasterSummary, ...]
    layouts: tuple[LayoutInfo, ...]
    matches: dict[str, KindMatch]
    origins: dict[str, str]  # kind → "automatic" or "layouts.yaml:<line>"
    theme: ThemeSummary | None
    fonts: FontMatch | None
    free_areas: dict[str, Rect] = {}  # noqa: RUF012 (layout name → free content area)
    artwork: dict[str, tuple[Artwork, ...]] = {}  # noqa: RUF012 (layout name → artwork)
    crowded: tuple[str, ...] = ()  # layouts of content kinds with too little free room
    remarks: tuple[str, ...] = ()  # worth knowing, not wrong: the web links it keeps


class TemplateCheck(NamedTuple):
    """A checked template and how it was read (`template check` prints the report)."""

    template: Template
    report: TemplateReport


def load_template(path: Path, needs: Sequence[LayoutNeed]) -> Template:
    """Load and check the template at `path`: a brand folder or a .pptx/.potx file.

    `needs` says what each slide kind asks of a layout (its roles, recipe, names). Every
    kind gets a layout: the one layouts.yaml names, else the best match; every role a
    place: the placeholder layouts.yaml names, else the best fitting one, else a free box.
    Raises DeckError with every problem found (each at its line in layouts.yaml).
    """
    return check_template(path, needs).template


def check_template(path: Path, needs: Sequence[LayoutNeed]) -> TemplateCheck:
    """`load_template`, with the report of what was read and how kinds were mapped.

    Reads the template's files and writes none: a package that had to be changed is
    the Template's `prepared` bytes.
    """
    problems = ProblemCollector()
    source = _read_source(path, problems)
    brand, brand_file = _read_brand(source, problems)
    opened = open_template_package(source.pptx)
    try:
        return _check_opened(opened, source, brand, brand_file, needs, problems)
    except _DAMAGE as exc:
        # The package was verified as a zip of well-formed parts that relate to what is
        # there (`ooxml.reading`); what is left is XML python-pptx or the readers here
        # cannot make sense of (a required element or attribute missing or odd).
        raise DeckError(f"{source.pptx}: cannot read template: its parts are damaged or "
                        f"not what a presentation holds ({type(exc).__name__}: {exc})"
                        ) from exc


def _check_opened(opened: Opened, source: _Source, brand: Brand | None,
                  brand_file: Path | None, needs: Sequence[LayoutNeed],
                  problems: ProblemCollector) -> TemplateCheck:
    presentation, converted, dropped, kept = opened
    normalized = normalize(presentation, _master_hint(presentation, source, problems))
    master = presentation.slide_masters[0]
    width, height = int(presentation.slide_width or 0), int(presentation.slide_height or 0)
    theme = theme_root(master)
    infos = read_layouts(master, width, height, theme)
    matcher = Matcher(needs)
    spaces = {info.name: layout_space(info, master) for info in infos}
    infos = [_with_space(info, spaces[info.name]) for info in infos]
    matches, origins = _map_kinds(infos, matcher, source.config, source.node, problems)
    # Where layouts.yaml says a kind's boxes go, they go there (its author has seen the
    # artwork); automatic placements keep clear of it.
    matches = {kind: (_clear_of_artwork(match, spaces[match.layout.name])
                      if origins.get(kind) == "automatic" else match)
               for kind, match in matches.items()}
    free_areas = {info.name: info.region for info in infos}
    summary = _theme_summary(master, theme)
    fonts: FontMatch | None = None
    if brand_file is None:
        from deck_builder.template.fonts import find_fonts  # only templates without a brand file

        fonts = find_fonts(summary.body_font, [source.folder])
        brand = _theme_brand(summary, master, theme, fonts, source.pptx)
    problems.raise_if_any()
    assert brand is not None

    masters = _masters(presentation, normalized.master)
    layouts, derived = _layout_specs(presentation, matches, matcher.needs, source.config,
                                     source.node)
    warnings = [fonts.note] if fonts is not None and fonts.note else []
    slide_area = width * height
    crowded: dict[str, list[str]] = {}  # layout → the content kinds on it
    for kind, match in matches.items():
        free = free_areas[match.layout.name]
        content = any(role.required and role.size in ("body", PICTURE)
                      for role in matcher.needs[kind].roles)
        if content and free.w * free.h < TOO_LITTLE * slide_area:
            crowded.setdefault(match.layout.name, []).append(kind)
    for name, kinds in crowded.items():
        free = free_areas[name]
        warnings.append(
            f"{source.pptx.name}: layout {name!r} (for {', '.join(kinds)} slides) leaves "
            f"{_cm(free.w)} × {_cm(free.h)} cm clear of its artwork, "
            f"{free.w * free.h / slide_area:.0%} of the slide (less than {TOO_LITTLE:.0%})")
    for kind, match in matches.items():
        if match.free_roles:
            warnings.append(
                f"{source.pptx.name} has no layout made for {kind} slides: they use "
                f"{match.layout.name!r} with {', '.join(match.free_roles)} in free boxes"
            )
    changed = bool(normalized.changes or converted or derived or dropped)
    as_presentation = (("opened as a presentation (it is a template or show file)",)
                       if converted else ())
    report = TemplateReport(
        path=source.pptx,
        mapping_file=source.layouts_file if source.config is not None else None,
        brand_file=brand_file,
        changes=(*as_presentation, *dropped, *normalized.changes),
        masters=masters,
        layouts=tuple(infos),
        matches=matches,
        origins=origins,
        theme=summary,
        fonts=fonts,
        free_areas=free_areas,
        artwork={name: space.artwork for name, space in spaces.items()},
        crowded=tuple(crowded),
        remarks=tuple(f"{source.pptx.name}: {link}" for link in kept),
    )
    template = Template(
        folder=source.folder,
        pptx=source.pptx,
        layouts=layouts,
        brand=brand,
        slide_width=width,
        slide_height=height,
        styles=_role_styles(presentation, layouts),
        free_areas={kind: free_areas[match.layout.name] for kind, match in matches.items()},
        warnings=tuple(warnings),
        prepared=package.to_bytes(presentation) if changed else None,
    )
    return TemplateCheck(template, report)


# What reading a verified package whose XML is nonetheless not a sound presentation
# raises, in python-pptx and in the readers here (never DeckError, a problem already
# put in words).
_DAMAGE = (LookupError, ValueError, TypeError, AttributeError, ArithmeticError,
           AssertionError, etree.LxmlError)


def layout_space(info: LayoutInfo, master: SlideMaster) -> FreeSpace:
    """Where the layout's artwork (its own and its master's) leaves room."""
    boxes = [info.rect(p) for p in (info.title, info.subtitle, *info.areas)
             if p is not None and p.rect is not None]
    artwork = layout_artwork(info.layout.element, master.element, info.slide.w, info.slide.h,
                             boxes)
    return FreeSpace(artwork, info.slide)


def _with_space(info: LayoutInfo, space: FreeSpace) -> LayoutInfo:
    """`info` seen through its free space: its content region cut to the free area, its
    placeholders (`LayoutInfo.rect`) to their part clear of artwork, and without the
    content areas that have no fair part clear of it (the recipes then use the region)."""
    seen = info._replace(space=space, region=space.usable(info.region))
    return seen._replace(areas=tuple(a for a in info.areas if space.clear(seen.rect(a))))


def _clear_of_artwork(match: KindMatch, space: FreeSpace) -> KindMatch:
    """The match with every role's box cut back to the part clear of artwork (see
    `artwork.FreeSpace.usable`): a placeholder the template lets run over its artwork is
    used up to where the artwork starts (moved in a copy of the layout), a free box or
    picture is placed there."""
    slots = {role: slot._replace(rect=space.usable(slot.rect, title=role == "title"))
             for role, slot in match.slots.items()}
    return match._replace(slots=slots)


def _cm(emu: int) -> str:
    return f"{emu / 360000:.1f}"


class _Source(NamedTuple):
    """Where a template's parts are: its folder, file, and mapping (if any)."""

    folder: Path
    pptx: Path
    layouts_file: Path
    config: LayoutsConfig | None
    node: Node | None


def _read_source(path: Path, problems: ProblemCollector) -> _Source:
    """The template file and the layouts.yaml that applies to it (one beside a file
    applies when its `template:` names that file)."""
    if path.exists() and not path.is_dir() and not regular_file(path):
        raise DeckError(f"{path}: not a regular file (a pipe or device cannot be a template)")
    folder, given = (path.parent, path) if path.is_file() else (path, None)
    layouts_file = folder / "layouts.yaml"
    config: LayoutsConfig | None = None
    node: Node | None = None
    if layouts_file.is_file():
        node = load_file(layouts_file)
        config = validate(LayoutsConfig, node, problems)
        problems.raise_if_any()
        assert config is not None
        if given is not None and config.template != given.name:
            config, node = None, None  # the mapping of another template file
    if given is not None:
        return _Source(folder, given, layouts_file, config, node)
    if config is not None:
        pptx_path = folder / config.template
        if not pptx_path.is_file():
            problems.add(
                f"template file {config.template!r} not found in {folder} "
                "(build it with: deck-builder template build)",
                _key_ref(node, "template"),
            )
            problems.raise_if_any()
        return _Source(folder, pptx_path, layouts_file, config, node)
    files = template_files(folder)
    if len(files) != 1:
        raise DeckError(f"{folder}: expected layouts.yaml or one .pptx/.potx file, found "
                        f"{len(files)} template files")
    return _Source(folder, files[0], layouts_file, None, None)


def _read_brand(source: _Source, problems: ProblemCollector) -> tuple[Brand | None, Path | None]:
    """The brand of a brand folder's brand.yaml, and that file; (None, None) when there
    is none (the template's theme gives colours and fonts)."""
    if source.config is None:
        return None, None
    brand_file = source.folder / source.config.brand
    written = isinstance(source.node, Mapping) and "brand" in source.node.keys
    if not written and not brand_file.is_file():
        return None, None
    brand_node = load_file(brand_file)
    brand_config = validate(BrandConfig, brand_node, problems)
    if brand_config is None:
        return None, brand_file
    return _brand(source.folder, brand_config, brand_node, problems), brand_file


def _master_hint(prs: PresentationType, source: _Source,
                 problems: ProblemCollector) -> int | None:
    """The master layouts.yaml asks for (`master:`, or the one holding the layouts it
    names), or None to let `normalize` choose."""
    config = source.config
    if config is None:
        return None
    if config.master is not None:
        count = len(prs.slide_masters)
        if config.master > count:
            problems.add(f"master {config.master} does not exist; {source.pptx.name} has "
                         f"{count} master(s)", _key_ref(source.node, "master"))
            problems.raise_if_any()
        return config.master - 1
    named = {kind.layout for kind in config.kinds.values() if kind.layout}
    return _master_with(prs, named) if named else None


def load_configs(folder: Path) -> tuple[LayoutsConfig, BrandConfig]:
    """Read and validate layouts.yaml and the brand file it names.

    Checks what the two files say (types, the required colours, the four font faces),
    not the files they name: the template builder reads them before it writes the
    template and the logo. Raises DeckError with every problem, each at its line.
    """
    problems = ProblemCollector()
    layouts = validate(LayoutsConfig, load_file(folder / "layouts.yaml"), problems)
    problems.raise_if_any()
    assert layouts is not None
    brand_node = load_file(folder / layouts.brand)
    brand = validate(BrandConfig, brand_node, problems)
    if brand is not None:
        missing = [c for c in REQUIRED_COLOURS if c not in brand.colours]
        if missing:
            problems.add(
                f"brand colours missing: {', '.join(missing)}", _key_ref(brand_node, "colours")
            )
        for face in FONT_FACES:
            if face not in brand.fonts.files:
                problems.add(f"fonts.files has no {face!r} face", _key_ref(brand_node, "fonts"))
    problems.raise_if_any()
    assert brand is not None
    return layouts, brand


def role_sizes(size_class: str, rect: Rect, inherited: float | None,
               slide_height: int, body_floor: float = BODY_FLOOR) -> tuple[float, float]:
    """A size range (max, min in points) for a role the mapping placed: the size the
    placeholder inherits, kept within what its size class (needs.SIZE_CLASSES) suits on
    a slide of this height; body text never below `body_floor`."""
    scale = min(max(slide_height / (7.5 * EMU_PER_INCH), 0.6), 1.4)
    if size_class == PICTURE:
        return DEFAULT_PICTURE_PT, DEFAULT_PICTURE_PT
    low, high, ratio, floor = SIZE_CLASSES[size_class]
    if size_class == "figure":  # as large as the box allows: the figure is the slide
        top = min(high * scale, rect.h / EMU_PER_PT / 1.25)
    else:
        top = min(max(inherited or (low + high) / 2, low * scale), high * scale)
    least = body_floor if size_class in BODY_CLASSES else ABSOLUTE_FLOOR_PT
    top = max(round(top * 2) / 2, least)
    # A figure must stay on one line: its floor is the class's own, not a share of a
    # size that only the box's height set.
    share = 0.0 if size_class == "figure" else top * ratio
    bottom = round(max(floor * scale, share, least) * 2) / 2
    return top, min(bottom, top)


# -- mapping -----------------------------------------------------------------------------


def _map_kinds(
    infos: list[LayoutInfo],
    matcher: Matcher,
    config: LayoutsConfig | None,
    layouts_node: Node | None,
    problems: ProblemCollector,
) -> tuple[dict[str, KindMatch], dict[str, str]]:
    """Each kind's layout and slots: from layouts.yaml where it says, else automatic."""
    by_name = {info.name: info for info in infos}
    kinds_node = layouts_node.get("kinds") if isinstance(layouts_node, Mapping) else None
    matches: dict[str, KindMatch] = {}
    origins: dict[str, str] = {}
    for kind in config.kinds if config else ():
        if kind not in matcher.needs:
            close = close_matches(kind, list(matcher.needs))
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.add(f"unknown slide kind {kind!r}{hint} (kinds: "
                         f"{', '.join(matcher.needs)})", _key_ref(kinds_node, kind))
    for kind, need in matcher.needs.items():
        roles, required = need.placed, need.required
        kind_config = config.kinds.get(kind) if config else None
        kind_node = kinds_node.get(kind) if isinstance(kinds_node, Mapping) else None
        if kind_config is None:
            matches[kind] = matcher.best_layout(kind, infos, roles, required)
            origins[kind] = "automatic"
            continue
        origins[kind] = f"layouts.yaml:{_key_ref(kinds_node, kind).line}"
        info: LayoutInfo | None = None
        if kind_config.layout is not None:
            info = by_name.get(kind_config.layout)
            if info is None:
                problems.add(_unknown_layout(kind, kind_config.layout, list(by_name)),
                             _key_ref(kind_node, "layout"))
                continue
        roles_node = kind_node.get("roles") if isinstance(kind_node, Mapping) else None
        explicit: dict[str, Slot] = {}
        wanted = list(roles)
        if kind_config.roles:
            # Listed roles as written; of the others only the required ones are placed.
            wanted = [r for r in roles if r in required or r in kind_config.roles]
            wanted += [r for r in kind_config.roles if r not in wanted]
            for role, role_config in kind_config.roles.items():
                if role_config.automatic:
                    continue
                where = _key_ref(roles_node, role)
                if info is None:
                    problems.add(f"role {role!r} of kind {kind!r} names a placeholder, but "
                                 "the kind has no `layout:`; name the layout too", where)
                    continue
                found = _placeholder(info, role_config, kind, role, where, problems)
                if found is not None:
                    explicit[role] = Slot(found.rect or Rect(0, 0, 0, 0), found, "exact",
                                          note=f"layouts.yaml:{where.line}")
        automatic = [r for r in wanted if r not in explicit]
        if info is None:
            match = matcher.best_layout(kind, infos, automatic, required)
        elif automatic:
            match = _place_around(matcher, kind, info, wanted, required, explicit)
        else:
            match = KindMatch(kind, info, {}, 0.0, ("as layouts.yaml says",))
        slots = {role: match.slots.get(role) or explicit[role]
                 for role in [*kind_config.roles, *automatic]
                 if role in explicit or role in match.slots}
        matches[kind] = match._replace(slots=slots)
    return matches, origins


def _place_around(matcher: Matcher, kind: str, info: LayoutInfo, roles: list[str],
                  required: tuple[str, ...], explicit: dict[str, Slot]) -> KindMatch:
    """Place the roles layouts.yaml leaves to the matcher on a layout it names.

    When the automatic placement would put the named roles where layouts.yaml does (a
    mapping written by `template init`), it is kept whole, boxes carved from them
    included; otherwise the other roles are placed around the named placeholders.
    """
    full = matcher.place(kind, info, roles, required)
    agrees = all(
        full.slots.get(role) is not None and full.slots[role].placeholder is not None
        and full.slots[role].placeholder.element is slot.placeholder.element  # type: ignore[union-attr]
        for role, slot in explicit.items()
    )
    if agrees:
        kept = {role: (full.slots[role]._replace(note=explicit[role].note)
                       if role in explicit else full.slots[role]) for role in full.slots}
        return full._replace(slots=kept)
    others = [role for role in roles if role not in explicit]
    return matcher.place(kind, _without(info, explicit.values()), others,
                         required)._replace(layout=info)


def _placeholder(info: LayoutInfo, config: RoleConfig, kind: str, role: str,
                 where: SourceRef, problems: ProblemCollector) -> Placeholder | None:
    """The placeholder a role's config names, or None after reporting why not."""
    placeholders = info.placeholders
    placeholder: Placeholder | None
    if config.name is not None:
        found = [p for p in placeholders if p.name == config.name]
        if len(found) != 1:
            problems.add(
                f"layout {info.name!r} has {'no' if not found else len(found)} placeholder(s) "
                f"named {config.name!r} (role {role!r} of kind {kind!r}); it has: "
                f"{', '.join(repr(p.name) for p in placeholders) or 'none'}",
                where,
            )
            return None
        placeholder = found[0]
    else:
        by_idx = {p.idx: p for p in placeholders}
        placeholder = by_idx.get(config.idx) if config.idx is not None else None
        if placeholder is None:
            problems.add(
                f"layout {info.name!r} has no placeholder idx {config.idx} "
                f"(role {role!r} of kind {kind!r}); it has idx "
                f"{', '.join(str(i) for i in sorted(by_idx)) or 'none'}",
                where,
            )
            return None
    if placeholder.rect is None:
        problems.add(f"placeholder {placeholder.name!r} (idx {placeholder.idx}) of layout "
                     f"{info.name!r} has no position", where)
        return None
    return placeholder


def _without(info: LayoutInfo, taken: Any) -> LayoutInfo:
    """`info` without the placeholders layouts.yaml gave to roles."""
    ids = {id(slot.placeholder.element) for slot in taken if slot.placeholder is not None}
    return info._replace(
        areas=tuple(a for a in info.areas if id(a.element) not in ids),
        title=None if info.title is not None and id(info.title.element) in ids else info.title,
        subtitle=(None if info.subtitle is not None and id(info.subtitle.element) in ids
                  else info.subtitle),
    )


def _unknown_layout(kind: str, name: str, names: list[str]) -> str:
    close = close_matches(name, names, cutoff=0.5)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return (f"layout {name!r} (for kind {kind!r}) is not in the template{hint}; it has: "
            f"{', '.join(names)}")


def _master_with(prs: PresentationType, names: set[str]) -> int | None:
    """The master holding most of the layouts named in layouts.yaml; None when several
    do equally (masters made by LibreOffice all have the same layouts)."""
    counts = [sum(layout.name in names for layout in master.slide_layouts)
              for master in prs.slide_masters]
    best = max(counts)
    return counts.index(best) if counts.count(best) == 1 else None


def _layout_specs(
    prs: PresentationType,
    matches: dict[str, KindMatch],
    needs: dict[str, LayoutNeed],
    config: LayoutsConfig | None,
    layouts_node: Node | None,
) -> tuple[dict[str, LayoutSpec], dict[str, str]]:
    """The planner's LayoutSpec per kind, drawing copies of layouts where a kind needs
    boxes moved or added; returns them and the names of those copies by kind."""
    kinds_node = layouts_node.get("kinds") if isinstance(layouts_node, Mapping) else None
    master = prs.slide_masters[0]
    names = {layout.name for layout in master.slide_layouts}
    layouts: dict[str, LayoutSpec] = {}
    derived: dict[str, str] = {}
    body_floor = BODY_FLOOR
    if config is not None and config.body_min_pt is not None:
        body_floor = config.body_min_pt
    for kind, match in matches.items():
        info = match.layout
        need = needs[kind]
        pictures = need.pictures
        kind_config = config.kinds.get(kind) if config else None
        kind_node = kinds_node.get(kind) if isinstance(kinds_node, Mapping) else None
        dark_given = isinstance(kind_node, Mapping) and "dark" in kind_node.keys
        dark = kind_config.dark if kind_config is not None and dark_given else info.dark
        layout = info.layout
        moves, added, idx_of = _changes(info, match, pictures)
        if moves or added:
            name = _copy_name(info.name, kind, names)
            names.add(name)
            layout = derive_layout(info.layout, name, moves, added)
            derived[kind] = name
        placeholders = {p.idx: p for p in
                        layout_placeholders(layout.element, layout.slide_master.element)}
        roles: dict[str, RoleSpec] = {}
        role_configs = kind_config.roles if kind_config is not None else {}
        for role, slot in match.slots.items():
            idx = idx_of[role]
            placeholder = placeholders.get(idx)
            # A picture is placed by the planner in the slot (its placeholder stays put);
            # text goes where the placeholder is (moved there in a copied layout).
            rect = slot.rect if placeholder is None or placeholder.rect is None \
                or role in pictures else placeholder.rect
            insets = (placeholder.insets if placeholder is not None and placeholder.has_text
                      else (0, 0, 0, 0))
            role_config = role_configs.get(role)
            if role_config is not None and role_config.max_pt is not None:
                top = role_config.max_pt
                bottom = min(role_config.min_pt or top, top)
            elif role_config is not None and not role_config.automatic and role in pictures:
                top = bottom = DEFAULT_PICTURE_PT
            else:
                inherited = placeholder.size if placeholder is not None else None
                if slot.like is not None and placeholder is None:
                    inherited = slot.like.size
                top, bottom = role_sizes(need.size_class(role), rect, inherited,
                                         info.slide.h, body_floor)
                if role_config is not None and role_config.min_pt is not None:
                    bottom = min(role_config.min_pt, top)
            if role not in pictures:
                # The floors hold whatever a role's sizes say: body text at least the
                # brand's body floor, any text at least ABSOLUTE_FLOOR_PT.
                least = (body_floor if need.size_class(role) in BODY_CLASSES
                         else ABSOLUTE_FLOOR_PT)
                bottom = max(bottom, least)
                top = max(top, bottom)
            roles[role] = RoleSpec(idx, rect, insets, top, bottom, slot.free)
        layouts[kind] = LayoutSpec(layout.name, roles, dark)
    return layouts, derived


def _changes(info: LayoutInfo, match: KindMatch, pictures: frozenset[str]
             ) -> tuple[dict[int, Rect], list[NewPlaceholder], dict[str, int]]:
    """What a kind's copy of its layout needs: text placeholders to move (by idx), boxes
    to add (none for `pictures`: the planner places those), and the idx of every role's
    placeholder in the copy."""
    used = {p.idx for p in info.placeholders}
    next_idx = max(used, default=0) + 1
    moves: dict[int, Rect] = {}
    added: list[NewPlaceholder] = []
    idx_of: dict[str, int] = {}
    for role, slot in match.slots.items():
        if slot.placeholder is not None:
            idx_of[role] = slot.placeholder.idx
            own = slot.placeholder.rect
            if role not in pictures and own is not None and slot.rect != own:
                moves[slot.placeholder.idx] = slot.rect
            continue
        idx_of[role] = next_idx
        if role not in pictures:
            kind = "title" if role == "title" else "body"
            label = role.replace("_", " ").capitalize()
            like = slot.like.element if slot.like is not None else None
            added.append(NewPlaceholder(kind, next_idx, f"{label} {next_idx}", slot.rect, like))
        next_idx += 1
    return moves, added, idx_of


def _copy_name(base: str, kind: str, names: set[str]) -> str:
    name = f"{base} ({kind})"
    number = 2
    while name in names:
        name = f"{base} ({kind} {number})"
        number += 1
    return name


# -- brand and theme ---------------------------------------------------------------------


def _theme_summary(master: SlideMaster, theme: Any) -> ThemeSummary:
    """The theme of the master in use: colours, theme fonts and the fonts used."""
    read = Theme.read(theme)
    colours = {slot: _hex(rgb) for slot, rgb in read.colours.items()}
    major = minor = ""
    name = ""
    if theme is not None:
        name = theme.get("name", "")
        major_latin = theme.find(f"{_A}themeElements/{_A}fontScheme/{_A}majorFont/{_A}latin")
        minor_latin = theme.find(f"{_A}themeElements/{_A}fontScheme/{_A}minorFont/{_A}latin")
        major = major_latin.get("typeface", "") if major_latin is not None else ""
        minor = minor_latin.get("typeface", "") if minor_latin is not None else ""
    major, minor = major or minor or "Calibri", minor or major or "Calibri"

    styles = text_styles(master.element)

    def used(style: str, default: str) -> str:
        latin = run_property([styles[style]] if style in styles else [], 0, f"{_A}latin")
        face = latin.get("typeface", "") if latin is not None else ""
        if face.startswith("+mj"):
            return major
        if face.startswith("+mn") or not face:
            return default
        return face

    return ThemeSummary(name, colours, major, minor, used("titleStyle", major),
                        used("bodyStyle", minor))


def _theme_brand(summary: ThemeSummary, master: SlideMaster, theme: Any, fonts: FontMatch,
                 path: Path) -> Brand:
    """A brand for a template without brand.yaml: colours from its theme as its master
    maps them (text on background, headings, accents), fonts as found."""
    read = Theme.read(theme)
    mapping = colour_map(master.element.find(f"{_P}clrMap"))

    def slot(name: str, default: tuple[float, float, float]) -> tuple[float, float, float]:
        return read.colours.get(mapping.get(name, name), default)

    text = slot("tx1", (0.0, 0.0, 0.0))
    background = slot("bg1", (1.0, 1.0, 1.0))
    if contrast_ratio(text, background) < 4.5:  # a theme whose own text does not read
        text = (0.0, 0.0, 0.0) if luminance(background) > 0.5 else (1.0, 1.0, 1.0)
    heading = slot("tx2", text)
    primary = heading if contrast_ratio(heading, background) >= 4.5 else text
    accent = slot("accent1", primary)
    light = slot("bg2", background)
    if light == background or min(contrast_ratio(text, light),
                                  contrast_ratio(primary, light)) < 4.5:
        light = _mix(accent, background, 0.12)
        if min(contrast_ratio(text, light), contrast_ratio(primary, light)) < 4.5:
            light = _mix(text, background, 0.06)
    link = slot("hlink", primary)
    if contrast_ratio(link, background) < 4.5:
        link = primary
    lighter = background if luminance(background) >= luminance(text) else text
    colours = {
        "primary": primary, "accent": accent, "text": text, "muted": _mix(text, background, 0.6),
        "light": light, "background": background, "link": link, "link_on_dark": lighter,
    }
    return Brand(
        name=summary.name or path.stem,
        colours={key: _hex(value)[1:] for key, value in colours.items()},
        font_family=summary.body_font,
        fonts=fonts.fonts,
        logo=None,
        footer="",
    )


def _mix(colour: tuple[float, float, float], base: tuple[float, float, float],
         share: float) -> tuple[float, float, float]:
    """`share` of `colour` over `base`."""
    return (colour[0] * share + base[0] * (1 - share), colour[1] * share + base[1] * (1 - share),
            colour[2] * share + base[2] * (1 - share))


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in rgb)


def _masters(prs: PresentationType, used: int) -> tuple[MasterSummary, ...]:
    """The masters in file order, marking the one in use (now first in `prs`)."""
    masters = list(prs.slide_masters)
    # `prs` has the used master first; the others follow in file order.
    order = [used, *[i for i in range(len(masters)) if i != used]]
    found = []
    for position, master in zip(order, masters, strict=True):
        found.append(MasterSummary(position + 1, master_name(master, position),
                                   tuple(layout.name for layout in master.slide_layouts),
                                   position == used))
    return tuple(sorted(found, key=lambda m: m.number))


def _brand(
    folder: Path, config: BrandConfig, node: Node, problems: ProblemCollector
) -> Brand | None:
    where = _key_ref(node, "colours")
    missing = [c for c in REQUIRED_COLOURS if c not in config.colours]
    if missing:
        problems.add(f"brand colours missing: {', '.join(missing)}", where)
    files: dict[str, Path] = {}
    for face in FONT_FACES:
        name = config.fonts.files.get(face)
        if name is None:
            problems.add(f"fonts.files has no {face!r} face", _key_ref(node, "fonts"))
            continue
        path = folder / name
        if not path.is_file():
            problems.add(f"font file {name!r} not found", _key_ref(node, "fonts"))
        files[face] = path
    logo = folder / config.logo if config.logo else None
    if logo is not None and not logo.is_file():
        problems.add(f"logo file {config.logo!r} not found", _key_ref(node, "logo"))
    if missing or len(files) < 4:
        return None
    return Brand(
        name=config.name,
        colours={k: v.upper() for k, v in config.colours.items()},
        font_family=config.fonts.family,
        fonts=FontSet(files["regular"], files["bold"], files["italic"], files["bold_italic"]),
        logo=logo,
        footer=config.footer,
    )


def _key_ref(node: Node | None, key: str) -> SourceRef:
    if isinstance(node, Mapping) and key in node.keys:
        return node.keys[key]
    assert node is not None
    return node.where


# -- what placeholders give their text -------------------------------------------------

_LEVELS = (0, 1, 2)  # the paragraph levels (a:pPr/@lvl) content may use (model.MAX_LEVELS)


def _role_styles(presentation: PresentationType, layouts: dict[str, LayoutSpec]
                 ) -> dict[tuple[str, str], TextStyle]:
    """(kind, role) → the TextStyle its placeholder inherits.

    Titles inherit bold from the master's title style and measuring them in the regular
    face would let a long title run over its box; a layout may also space lines wider
    than single. The values are read from the layouts the way PowerPoint inherits them
    (see `ooxml.inheritance`).
    """
    by_name = {layout.name: layout for layout in presentation.slide_layouts}
    styles: dict[tuple[str, str], TextStyle] = {}
    for kind, spec in layouts.items():
        layout = by_name.get(spec.name)
        if layout is None:
            continue
        found = {ph.idx: ph for ph in
                 layout_placeholders(layout.element, layout.slide_master.element)}
        for role, role_spec in spec.roles.items():
            placeholder = found.get(role_spec.idx)
            if placeholder is not None:
                styles[(kind, role)] = _inherited_style(placeholder)
    return styles


def _inherited_style(placeholder: Placeholder) -> TextStyle:
    """Bold (first level) and the widest line spacing (the levels content uses) a
    placeholder's text inherits; spacing is never taken tighter than single."""
    spacing = 1.0
    for level in _LEVELS:
        spacing = max(spacing, line_spacing(placeholder.styles, level) or 1.0)
    return TextStyle(inherited_bold(placeholder.styles), LINE_HEIGHT * spacing)
