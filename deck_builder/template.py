"""Load a brand folder (layouts.yaml, brand.yaml, template.pptx) and check it is usable.

All template knowledge the planner needs is answered here: which layout a kind uses,
where each role's placeholder sits, the brand's colours and fonts. Problems are
reported together, each at its line in layouts.yaml or brand.yaml.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

from pptx import Presentation

from deck_builder.errors import DeckError, ProblemCollector, SourceRef
from deck_builder.placeholders import layout_placeholders
from deck_builder.schema import Length, Pattern, Range, Record, validate
from deck_builder.slideplan import Rect
from deck_builder.source import Mapping, Node, load_file
from deck_builder.text_fit import FontSet, TextMeasurer

if TYPE_CHECKING:
    from pptx.slide import SlideLayout

Hex = Annotated[
    str,
    Pattern(r"^[0-9A-Fa-f]{6}$", "{value!r} is not a colour; write six hex digits, e.g. 14365D"),
]
Size = Annotated[float, Range(gt=0, le=400)]  # points
MAX_TEMPLATE_BYTES = 200_000_000  # unpacked; real templates are a few MB
REQUIRED_COLOURS = ("primary", "accent", "text", "muted", "light", "background")
FONT_FACES = ("regular", "bold", "italic", "bold_italic")  # the fields of FontSet, in order


class RoleConfig(Record):
    """One role of a kind's layout in layouts.yaml."""

    idx: Annotated[int, Range(ge=0)]
    max_pt: Size | None = None
    min_pt: Size | None = None


class KindConfig(Record):
    """The layout of one kind in layouts.yaml."""

    layout: Annotated[str, Length(min=1)]
    dark: bool = False  # dark background: links are drawn in the brand's light link colour
    roles: dict[str, RoleConfig]


class LayoutsConfig(Record):
    """layouts.yaml as a whole."""

    template: str = "template.pptx"
    brand: str = "brand.yaml"
    kinds: dict[str, KindConfig]


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


class RoleSpec(NamedTuple):
    """Where a role's placeholder sits and how large its text may be."""

    idx: int
    rect: Rect  # the placeholder's outer box
    insets: tuple[int, int, int, int]  # left, top, right, bottom text margins
    max_pt: float
    min_pt: float

    @property
    def text_rect(self) -> Rect:
        """The box available to text: the outer box less the insets."""
        return self.rect.inset(*self.insets)


class LayoutSpec(NamedTuple):
    """A kind's layout: its name in the template and its roles."""

    name: str
    roles: dict[str, RoleSpec]
    dark: bool = False


class Brand(NamedTuple):
    """Colours (hex without #), font family and measuring fonts, logo, footer text."""

    name: str
    colours: dict[str, str]
    font_family: str
    fonts: FontSet
    logo: Path | None
    footer: str


@dataclass(frozen=True)
class Template:
    """A checked brand template, ready for planning and rendering."""

    folder: Path
    pptx: Path
    layouts: dict[str, LayoutSpec]
    brand: Brand
    slide_width: int
    slide_height: int
    measurer: TextMeasurer
    # Rendering work that is the same for every deck on this template (blank slides,
    # footer shapes), kept here so a batch of decks does it once per process.
    render_cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def resolve_template(name_or_path: str, base_dir: Path, is_path: bool = False) -> Path:
    """Find a brand folder from a deck's `template:` value or a `--template` option.

    A path (`is_path`, or a value with a slash) is taken relative to `base_dir` (the
    deck file's folder, or the working folder for the option); a bare name is looked
    up in `templates/` beside the content folder, then in `templates/` of the working
    folder. Raises DeckError listing what was tried.
    """
    candidates: list[Path] = []
    given = Path(name_or_path)
    if is_path or "/" in name_or_path or "\\" in name_or_path:
        candidates.append((base_dir / given).resolve())
    else:
        for base in (base_dir.parent, base_dir, Path.cwd()):
            candidates.append((base / "templates" / given).resolve())
    for candidate in candidates:
        if candidate.suffix in {".yaml", ".yml"} and candidate.is_file():
            return candidate.parent
        if (candidate / "layouts.yaml").is_file():
            return candidate
    tried = ", ".join(str(c) for c in dict.fromkeys(candidates))
    raise DeckError(f"template {name_or_path!r} not found (looked for layouts.yaml in: {tried})")


def load_template(folder: Path, required_roles: dict[str, tuple[str, ...]]) -> Template:
    """Load and check the brand folder.

    `required_roles` maps each slide kind to the roles it needs; every kind must be
    mapped to an existing layout with placeholders at those idx values.
    Raises DeckError with every problem found.
    """
    problems = ProblemCollector()
    layouts_file = folder / "layouts.yaml"
    layouts_node = load_file(layouts_file)
    config = validate(LayoutsConfig, layouts_node, problems)
    if config is None:
        problems.raise_if_any()
    assert config is not None
    brand_file = folder / config.brand
    brand_node = load_file(brand_file)
    brand_config = validate(BrandConfig, brand_node, problems)
    brand = _brand(folder, brand_config, brand_node, problems) if brand_config else None

    pptx_path = folder / config.template
    if not pptx_path.is_file():
        problems.add(
            f"template file {config.template!r} not found in {folder} "
            "(build it with: deck-builder template build)",
            _key_ref(layouts_node, "template"),
        )
        problems.raise_if_any()
    _check_package_size(pptx_path)
    try:
        presentation = Presentation(str(pptx_path))
    except Exception as exc:  # python-pptx raises many types for a broken package
        raise DeckError(f"{pptx_path}: cannot open template: {exc}") from None
    if len(presentation.slides):
        problems.add(
            "the template must not contain slides (found "
            f"{len(presentation.slides)}); save it with its slides deleted",
            SourceRef(pptx_path),
        )
    by_name = {layout.name: layout for layout in presentation.slide_layouts}

    layouts: dict[str, LayoutSpec] = {}
    kinds_node = layouts_node.get("kinds") if isinstance(layouts_node, Mapping) else None
    for kind, roles in required_roles.items():
        kind_config = config.kinds.get(kind)
        if kind_config is None:
            problems.add(
                f"slide kind {kind!r} has no layout; add it under `kinds:`",
                _key_ref(layouts_node, "kinds"),
            )
            continue
        where = _key_ref(kinds_node, kind) if kinds_node is not None else SourceRef(layouts_file)
        layout = by_name.get(kind_config.layout)
        if layout is None:
            problems.add(
                f"layout {kind_config.layout!r} (for kind {kind!r}) is not in {pptx_path.name}; "
                f"it has: {', '.join(sorted(by_name))}",
                where,
            )
            continue
        missing = [role for role in roles if role not in kind_config.roles]
        if missing:
            problems.add(f"kind {kind!r} needs roles: {', '.join(missing)}", where)
        layouts[kind] = LayoutSpec(
            kind_config.layout, _roles(kind, kind_config, layout, where, problems),
            kind_config.dark,
        )
    problems.raise_if_any()
    assert brand is not None
    return Template(
        folder=folder,
        pptx=pptx_path,
        layouts=layouts,
        brand=brand,
        slide_width=int(presentation.slide_width or 0),
        slide_height=int(presentation.slide_height or 0),
        measurer=TextMeasurer(brand.fonts),
        # Only read here: the renderer copies it for each deck instead of parsing again.
        render_cache={"presentation": presentation},
    )


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


def _check_package_size(path: Path) -> None:
    """Refuse a template whose unpacked size is absurd before python-pptx reads it.

    python-pptx loads every member of the zip into memory, referenced or not, so a
    small file can claim gigabytes; the declared sizes are checked first.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise DeckError(f"{path}: cannot open template: not a .pptx file ({exc})") from None
    if unpacked > MAX_TEMPLATE_BYTES:
        raise DeckError(
            f"{path}: template unpacks to {unpacked / 1e6:.0f} MB; the limit is "
            f"{MAX_TEMPLATE_BYTES // 1_000_000} MB"
        )


def _roles(
    kind: str,
    config: KindConfig,
    layout: SlideLayout,
    where: SourceRef,
    problems: ProblemCollector,
) -> dict[str, RoleSpec]:
    placeholders = {
        ph.idx: ph for ph in layout_placeholders(layout._element, layout.slide_master._element)
    }
    roles: dict[str, RoleSpec] = {}
    for role, role_config in config.roles.items():
        placeholder = placeholders.get(role_config.idx)
        if placeholder is None:
            problems.add(
                f"layout {config.layout!r} has no placeholder idx {role_config.idx} "
                f"(role {role!r} of kind {kind!r}); it has idx "
                f"{', '.join(str(i) for i in sorted(placeholders))}",
                where,
            )
            continue
        if placeholder.rect is None:
            problems.add(
                f"placeholder idx {role_config.idx} of layout {config.layout!r} has no position",
                where,
            )
            continue
        max_pt = role_config.max_pt or 24.0
        roles[role] = RoleSpec(
            idx=role_config.idx,
            rect=placeholder.rect,
            insets=placeholder.insets if placeholder.has_text else (0, 0, 0, 0),
            max_pt=max_pt,
            min_pt=min(role_config.min_pt or max_pt, max_pt),
        )
    return roles


def _brand(
    folder: Path, config: BrandConfig, node: Node, problems: ProblemCollector
) -> Brand | None:
    where = _key_ref(node, "colours")
    missing = [c for c in REQUIRED_COLOURS if c not in config.colours]
    if missing:
        problems.add(f"brand colours missing: {', '.join(missing)}", where)
    files: dict[str, Path] = {}
    for face in ("regular", "bold", "italic", "bold_italic"):
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
