"""Accessibility of a deck, after PowerPoint's accessibility checker and WCAG 2.1.

`check_accessibility` reads the package XML (slides, layouts, masters, theme, core
properties) and reports:

- `A11Y-NO-TITLE`: a slide without a title (or ctrTitle) placeholder holding text;
  a hidden title counts, as it does for PowerPoint and screen readers.
- `A11Y-DUP-TITLE`: two slides with the same title (whitespace and case folded).
  Continuation slides ("X", then "X (vervolg)", "X (vervolg 2)", … or "(continued)")
  are one slide to this rule: titles repeated within such a run are not reported,
  and when two runs share a title, only their first slides are.
- `A11Y-ALT-MISSING`: a picture (`p:pic`, a shape filled with a picture, a chart,
  SmartArt diagram or embedded object) without alt text (`cNvPr/@descr`) that is not
  marked decorative (the `adec:decorative val="1"` extension); alt text that is just a
  file name ("image.png", as python-pptx writes by default) counts as missing (WCAG F30).
- `A11Y-READING-ORDER`: the order of the shapes in the shape tree (the order a screen
  reader reads them) against their positions. The title should be read first, wherever it
  sits; of the other text-bearing shapes, a shape must not be read after one it stands
  clearly above in the same column, or clearly left of in the same row. Shapes that
  overlap in neither direction (diagonal neighbours, like the top of a right column and
  the bottom of a left one) are not compared, so both row-first and column-first reading
  are accepted. Date, footer and slide-number placeholders are left out: PowerPoint's
  Header & Footer dialog itself puts them in the tree as date, footer, number.
- `A11Y-CONTRAST`: per run, the effective text colour against the effective background,
  with the WCAG 2.1 relative luminance and contrast ratio; 4.5:1 is needed, 3:1 for large
  text (at least 18 pt, or 14 pt bold). Reported once per shape, for its worst run.
- `A11Y-SMALL-TEXT`: a run below 12 pt (explicit `sz`, or the size it inherits, scaled
  by the shape's autofit `fontScale`). Reported once per shape, for its smallest run.
- `A11Y-NO-DOC-TITLE`: no `dc:title` in docProps/core.xml.
- `A11Y-NO-LANGUAGE`: neither `dc:language` in the core properties nor a `lang` on the
  text, the masters or the presentation's default text style.

How the effective values are found, and what is approximated:

- Text properties follow the run's `a:rPr`, then the shape's own `a:lstStyle`, then (for
  placeholders) the matching layout placeholder's and master placeholder's `a:lstStyle`,
  then the master's `p:txStyles` (titleStyle for titles, otherStyle for date, footer,
  slide number, header and for shapes that are not placeholders, bodyStyle for the
  rest), then the presentation's `p:defaultTextStyle`, at the paragraph's level; PowerPoint's
  defaults (18 pt, not bold, colour tx1) when nothing sets them. A shape's `p:style`
  font colour comes after its own list style. Paragraph-level `a:pPr/a:defRPr` and the
  theme's object defaults are not consulted. Slide placeholders match layout placeholders
  by idx (then type), layout placeholders match master placeholders by type (the rules
  of `ooxml.inheritance`, which the template reader follows too).
- Hyperlinked runs take the theme's hlink colour, as PowerPoint draws them, unless the
  run asks for its own colour (the `ahyp:hlinkClr val="tx"` extension).
- Colours: srgbClr, schemeClr (through the clrMap of the master, overridden by the
  layout's and slide's `p:clrMapOvr`), sysClr (its lastClr), scrgbClr, hslClr and the
  common prstClr names; the transforms alpha, alphaMod, alphaOff, lumMod, lumOff, satMod,
  tint and shade. Other transforms are ignored. Semi-transparent text and fills are
  blended over what lies below them.
- The background of a text shape is its own solid fill (spPr, else its `p:style` fill
  reference, else the fill its layout or master placeholder gives it); when it has none,
  the topmost visible filled shape below it (on the slide, its layout and master) whose
  bounding box contains the text shape's box; else the slide's background (slide, then
  layout, then master `p:bg`: bgPr solid fill, or bgRef into the theme). Shapes are
  compared by bounding box, so an ellipse counts as its box, and shapes that cover only
  part of the text box are ignored; shapes grouped on a layout or master are placed by
  their own coordinates (the group's scaling is not applied there).
- Contrast is skipped (never guessed) when the background is a gradient, a pattern or a
  picture (a slide background picture, or a picture, chart or table behind the text), and
  for text filled with a gradient, pattern or picture. Text in tables, charts and SmartArt
  is not checked for contrast or size; pictures on layouts and masters are not checked for
  alt text (screen readers do not read them).
- Reading order and positions assume left-to-right text; rotation is ignored.
"""

from __future__ import annotations

import io
import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from deck_builder.checks.data_objects import table_findings
from deck_builder.checks.findings import Finding, finding
from deck_builder.checks.package import Package, open_package
from deck_builder.content.i18n import LANGUAGES
from deck_builder.ooxml.colours import (
    COLOUR_TAGS,
    RGB,
    UNSET,
    Fill,
    Paint,
    Palette,
    Theme,
    Unknown,
    Unset,
    colour_map,
    contrast_ratio,
    luminance,
    to_hex,
)
from deck_builder.ooxml.inheritance import (
    FOOTER_TYPES,
    TITLE_TYPES,
    Placeholders,
    placeholder_of,
    placeholder_type,
    rect_of,
    run_defaults,
    text_style_name,
    text_styles,
    xfrm_of,
)
from deck_builder.ooxml.namespaces import (
    AHYP_NS,
    CHART_URI,
    DC_NS,
    DECORATIVE_EXT_URI,
    DIAGRAM_URI,
    NSMAP,
    OLE_URI,
    TABLE_URI,
    A,
    P,
)

if TYPE_CHECKING:
    from pptx.presentation import Presentation

__all__ = ["TemplateStyles", "check_accessibility", "check_loaded_accessibility", "contrast_ratio",
           "luminance"]

MIN_TEXT_PT = 12.0
NORMAL_RATIO, LARGE_RATIO = 4.5, 3.0
DEFAULT_SIZE = 1800  # PowerPoint's size (hundredths of a point) when nothing sets one

_GRAPHIC_KINDS = {CHART_URI: "chart", DIAGRAM_URI: "SmartArt graphic", OLE_URI: "embedded object"}
_FILE_NAME = re.compile(r"^[^\s/\\]+\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp)$", re.I)
_SPACE = re.compile(r"\s+")
# A continuation slide's title: the continued title and the suffix the planner adds, in
# any deck language.
_CONTINUED = re.compile(
    r"(.*?) \((?:" + "|".join(sorted({re.escape(lang.continued.casefold())
                                      for lang in LANGUAGES.values()})) + r")(?: \d+)?\)"
)

_SHAPE_TAGS = frozenset(P + n for n in ("sp", "pic", "graphicFrame", "grpSp", "cxnSp"))
# Paths in Clark notation for the lookups made for every shape and run: faster than
# resolving prefixes on each call.
_CNVPR = P + "cNvPr"
_COLOUR_MAP_OVERRIDE = f"{P}clrMapOvr/{A}overrideClrMapping"
_SHAPE_TREE = f"{P}cSld/{P}spTree"
_RUN, _FIELD, _BREAK, _T, _RUN_PROPS = A + "r", A + "fld", A + "br", A + "t", A + "rPr"
_HYPERLINK = A + "hlinkClick"
_OWN_LINK_COLOUR = f"{A}extLst/{A}ext/{{{AHYP_NS}}}hlinkClr[@val='tx']"

# -- slides, layouts, masters ------------------------------------------------------------

Rect = tuple[int, int, int, int]  # left, top, right, bottom in EMU


@dataclass(eq=False)
class _Master:
    root: etree._Element
    theme: Theme
    theme_root: etree._Element | None  # what `theme` was read from
    colour_map: dict[str, str]
    placeholders: Placeholders
    text_styles: dict[str, etree._Element]


@dataclass(eq=False)
class _Layout:
    root: etree._Element
    master: _Master
    placeholders: Placeholders


def _props(shape: etree._Element) -> etree._Element | None:
    """The shape's `cNvPr` (its id, name, alt text)."""
    if len(shape) == 0:
        return None
    return shape[0].find(_CNVPR)


def _hidden(shape: etree._Element) -> bool:
    props = _props(shape)
    return props is not None and props.get("hidden") in {"1", "true"}


def _box(shape: etree._Element | None) -> Rect | None:
    """The shape's own box as edges, None when it sets none."""
    rect = rect_of(shape)
    return None if rect is None else (rect.x, rect.y, rect.x + rect.w, rect.y + rect.h)


@dataclass
class _Shape:
    """A shape of a slide, flattened out of groups, with what the checks need."""

    element: etree._Element
    name: str
    top_level: int  # index of its top-level ancestor in the shape tree: the reading order
    rect: Rect | None
    ph_type: str | None
    # The matching layout placeholder, then master placeholder, each with a phrase naming it.
    inherited: list[tuple[etree._Element, str]]
    nested: bool  # inside a group
    hidden: bool

    @cached_property
    def text(self) -> str:
        """All the shape's text."""
        return _text_of(self.element)

    @cached_property
    def has_text(self) -> bool:
        """Whether the shape's text is more than white space (`text.strip()`, sooner)."""
        return _has_text(self.element)


@dataclass(frozen=True)
class _Defaults:
    """What a paragraph level gives its runs when they set nothing themselves."""

    size: int
    size_origin: str
    bold: bool
    colour: Fill


@dataclass
class _Run:
    text: str
    size: int  # hundredths of a point, after autofit
    size_origin: str
    bold: bool
    colour: Fill


# A palette as a key: the theme part's root (an element, never an id(): see _Deck) and
# the colour map.
PaletteKey = tuple[etree._Element | None, tuple[tuple[str, str], ...]]
Layer = tuple[Rect | None, Fill]


class TemplateStyles:
    """What the accessibility check reads from layouts, masters and themes, interpreted
    once: their placeholders and text styles, what slide placeholders inherit, the run
    defaults and fills that gives, the shapes that lie behind text.

    Made and owned by the caller, and passed to `check_loaded_accessibility` with each
    deck it checks; a batch keeps one for all its decks. Entries are keyed by the parsed
    elements themselves (never by part name or id()), so decks share them only where
    their packages share parsed parts, as the decks of a batch share their template's
    layouts, masters and themes (`checks.package` parses identical parts once); a deck
    with other layouts gets answers of its own. The findings of a deck never depend on
    what was checked before.
    """

    def __init__(self, masters: int = 16) -> None:
        self._limit = masters  # distinct masters kept before everything is let go
        self._masters: dict[tuple[etree._Element, etree._Element | None], _Master] = {}
        self._layouts: dict[tuple[etree._Element, _Master], _Layout] = {}
        # What slide placeholders inherit from: by (layout, idx, type).
        self.chains: dict[tuple[_Layout | None, str | None, str | None],
                          list[tuple[etree._Element, str]]] = {}
        # Run defaults of shapes that set none of their own, by what they inherit:
        # (placeholder chain, master, text style name, level, palette, default text style).
        self.defaults: dict[tuple[object, ...], _Defaults] = {}
        self.fills: dict[tuple[object, ...], Fill] = {}  # by placeholder chain and palette
        self.scales: dict[tuple[etree._Element, ...], float] = {}  # by placeholder chain
        self.decorations: dict[tuple[etree._Element, PaletteKey], list[Layer]] = {}
        self.contrasts: dict[tuple[Paint, RGB], tuple[RGB, float]] = {}
        # By layout and the slide's own colour map override (its attributes, or None).
        self.palettes: dict[tuple[_Layout | None, tuple[tuple[str, str], ...] | None],
                            tuple[Palette, PaletteKey]] = {}
        self._level_defaults: dict[tuple[etree._Element, int], list[etree._Element]] = {}
        self._boxes: dict[etree._Element, Rect | None] = {}
        self._list_styles: dict[etree._Element, etree._Element | None] = {}

    def master(self, root: etree._Element, theme: etree._Element | None) -> _Master:
        """The master `root` with the theme `theme`."""
        key = (root, theme)
        found = self._masters.get(key)
        if found is None:
            if len(self._masters) >= self._limit:
                self._forget()
            found = self._masters[key] = _Master(
                root,
                Theme.read(theme),
                theme,
                colour_map(root.find("p:clrMap", NSMAP)),
                Placeholders.of(root),
                text_styles(root),
            )
        return found

    def _forget(self) -> None:
        # Many masters: parts parsed again, or many templates. Let the old ones go.
        for table in (self._masters, self._layouts, self.chains, self.defaults, self.fills,
                      self.scales, self.decorations, self.contrasts, self.palettes,
                      self._level_defaults, self._boxes, self._list_styles):
            table.clear()

    def layout(self, root: etree._Element, master: _Master) -> _Layout:
        """The layout `root` on `master`."""
        key = (root, master)
        found = self._layouts.get(key)
        if found is None:
            found = self._layouts[key] = _Layout(root, master, Placeholders.of(root))
        return found

    def list_style(self, shape: etree._Element) -> etree._Element | None:
        """The `a:lstStyle` of a layout or master placeholder."""
        if shape not in self._list_styles:
            self._list_styles[shape] = shape.find(f"{P}txBody/{A}lstStyle")
        return self._list_styles[shape]

    def box(self, shape: etree._Element) -> Rect | None:
        """The box of a layout or master shape."""
        if shape not in self._boxes:
            self._boxes[shape] = _box(shape)
        return self._boxes[shape]

    def level_defaults(self, style: etree._Element, level: int) -> list[etree._Element]:
        """The `a:defRPr` of a list style for a paragraph level, then its `a:defPPr` one."""
        key = (style, level)
        found = self._level_defaults.get(key)
        if found is None:
            found = self._level_defaults[key] = run_defaults(style, level)
        return found


class _Deck:
    """The parts of a deck the accessibility checks read, each interpreted once; what
    its layouts, masters and themes give is in `styles`."""

    def __init__(self, package: Package, styles: TemplateStyles) -> None:
        self.package = package
        self.styles = styles
        self.main = package.main_part()
        self.presentation = package.xml(self.main) if self.main else None
        self.default_style = (
            self.presentation.find("p:defaultTextStyle", NSMAP)
            if self.presentation is not None
            else None
        )
        # The default text style as a key: presentation.xml is the deck's own part.
        self.default_style_key = (
            None if self.default_style is None else etree.tostring(self.default_style)
        )
        self._masters: dict[str, _Master | None] = {}
        self._layouts: dict[str, _Layout | None] = {}
        # Keys hold the elements themselves, not id(): lxml creates element proxies on
        # access and frees them when unused, so an id() can come back for another element.
        self.fills: dict[tuple[etree._Element, PaletteKey], Fill] = {}

    def master(self, part: str) -> _Master | None:
        if part not in self._masters:
            root = self.package.xml(part)
            themes = self.package.related(part, "theme")
            theme = self.package.xml(themes[0]) if themes else None
            self._masters[part] = None if root is None else self.styles.master(root, theme)
        return self._masters[part]

    def layout(self, part: str) -> _Layout | None:
        if part not in self._layouts:
            root = self.package.xml(part)
            masters = self.package.related(part, "slideMaster")
            master = self.master(masters[0]) if masters else None
            self._layouts[part] = (None if root is None or master is None
                                   else self.styles.layout(root, master))
        return self._layouts[part]


# -- the checks --------------------------------------------------------------------------


def check_accessibility(source: Path | str | bytes | Presentation | Package) -> list[Finding]:
    """Accessibility findings of a deck given as a path, its bytes or a python-pptx Presentation.

    A Presentation is serialised in memory first, so what is checked is exactly what
    would be saved. Raises zipfile.BadZipFile when the source is no zip at all.
    """
    if isinstance(source, Package):
        package = source
    elif isinstance(source, bytes | str | os.PathLike):
        package = open_package(source)
    else:
        buffer = io.BytesIO()
        source.save(buffer)
        package = open_package(buffer.getvalue())
    return check_loaded_accessibility(package)


def check_loaded_accessibility(package: Package,
                               styles: TemplateStyles | None = None) -> list[Finding]:
    """The accessibility checks on an already opened package. `styles`: the caller's,
    to share what layouts, masters and themes give with the decks it checks next (see
    TemplateStyles); without it, the deck's own."""
    deck = _Deck(package, styles if styles is not None else TemplateStyles())
    found: list[Finding] = []
    found += _document(deck)
    titles = _Titles()
    for number, part in enumerate(package.slides(), start=1):
        root = package.xml(part)
        if root is None:
            continue  # not well-formed: a package finding
        checker = _SlideChecker(deck, number, part, root)
        found += checker.check()
        found += table_findings(root, number, part)
        if checker.title:
            earlier = titles.duplicate(number, checker.title)
            if earlier is not None:
                found.append(
                    finding(
                        "A11Y-DUP-TITLE",
                        f'title "{checker.title}" is also the title of slide {earlier}',
                        slide=number,
                        shape=checker.title_shape,
                        part=part,
                    )
                )
    return found


class _Titles:
    """The titles seen so far, slide by slide, and which of them repeat one.

    A run of continuation slides ("X", "X (vervolg)", "X (vervolg 2)") counts as one
    slide: its titles are never duplicates of each other, and when a whole run repeats
    another's title, its first slide is reported, not each continuation again.
    """

    def __init__(self) -> None:
        self._first: dict[str, tuple[int, int]] = {}  # title → (slide, run)
        self._run = 0
        self._base: str | None = None  # the title the current run continues
        self._reported = False  # the current run's first slide repeats another title

    def duplicate(self, number: int, title: str) -> int | None:
        """The earlier slide whose title slide `number`'s `title` repeats, if it is to
        be reported."""
        key = _SPACE.sub(" ", title).strip().casefold()
        continued = _CONTINUED.fullmatch(key)
        base = continued.group(1) if continued else key
        if continued is None or base != self._base:
            self._run, self._base, self._reported = self._run + 1, base, False
        earlier = self._first.setdefault(key, (number, self._run))
        if earlier[1] == self._run:
            return None  # first seen here, or earlier in the same run
        if continued is not None and self._reported:
            return None  # said for the run's first slide
        self._reported = self._reported or continued is None
        return earlier[0]


def _document(deck: _Deck) -> Iterator[Finding]:
    package = deck.package
    cores = package.related("", "core-properties")
    core_part = cores[0] if cores else "docProps/core.xml"
    core = package.xml(core_part) if cores else None
    title = core.findtext(f"{{{DC_NS}}}title") if core is not None else None
    if not (title or "").strip():
        yield finding(
            "A11Y-NO-DOC-TITLE",
            "the document has no title (dc:title in the core properties); screen readers "
            "and PDF exports announce it",
            part=core_part,
        )
    language = core.findtext(f"{{{DC_NS}}}language") if core is not None else None
    if not (language or "").strip() and not _text_has_language(deck):
        yield finding(
            "A11Y-NO-LANGUAGE",
            "no language is set: neither dc:language in the core properties nor lang on "
            "the text or the default text style",
            part=core_part,
        )


def _text_has_language(deck: _Deck) -> bool:
    # Cheapest first: the presentation default, then masters, then every slide.
    roots = [deck.presentation]
    roots += [deck.package.xml(m) for m in deck.package.related(deck.main or "", "slideMaster")]
    roots += [deck.package.xml(s) for s in deck.package.slides()]
    for root in roots:
        if root is None:
            continue
        for element in root.iter(A + "defRPr", A + "rPr", A + "endParaRPr"):
            if element.get("lang"):
                return True
    return False


class _SlideChecker:
    """The checks of one slide."""

    def __init__(self, deck: _Deck, number: int, part: str, root: etree._Element) -> None:
        self.deck = deck
        self.styles = deck.styles
        self.number = number
        self.part = part
        self.root = root
        self.title: str | None = None
        self.title_shape: str | None = None
        layouts = deck.package.related(part, "slideLayout")
        self.layout = deck.layout(layouts[0]) if layouts else None
        self.master = self.layout.master if self.layout else None
        override = root.find(_COLOUR_MAP_OVERRIDE)
        own = None if override is None else tuple(colour_map(override).items())
        palettes = self.styles.palettes
        key = (self.layout, own)
        if key not in palettes:
            palettes[key] = self._palette(override)
        self.palette, self.palette_key = palettes[key]
        self.master_root = self.master.root if self.master else None
        self.shapes = list(self._flatten())
        self._style_cache: dict[tuple[etree._Element, int], _Defaults] = {}

    def _palette(self, override: etree._Element | None) -> tuple[Palette, PaletteKey]:
        """What scheme colours mean on this slide: the master's colour map, overridden
        by the layout's and then by the slide's (`override`)."""
        mapping = dict(self.master.colour_map) if self.master else {}
        layout = self.layout.root.find(_COLOUR_MAP_OVERRIDE) if self.layout else None
        for found in (layout, override):
            if found is not None:
                mapping = colour_map(found)
        theme = self.master.theme if self.master else Theme()
        key = (self.master.theme_root if self.master else None, tuple(sorted(mapping.items())))
        return Palette(theme, mapping), key

    def _finding(self, code: str, message: str, shape: str | None = None) -> Finding:
        return finding(code, message, slide=self.number, shape=shape, part=self.part)

    def check(self) -> list[Finding]:
        found: list[Finding] = []
        found += self._title()
        found += self._alt_text()
        found += self._reading_order()
        found += self._text()
        return found

    # -- shapes ------------------------------------------------------------------------

    def _flatten(self) -> Iterator[_Shape]:
        tree = self.root.find(_SHAPE_TREE)
        if tree is None:
            return
        for index, shape in enumerate(tree):
            if shape.tag in _SHAPE_TAGS:
                yield from self._walk(shape, index, _IDENTITY, nested=False)

    def _walk(
        self,
        shape: etree._Element,
        index: int,
        transform: tuple[float, float, float, float],
        nested: bool,
    ) -> Iterator[_Shape]:
        ph = placeholder_of(shape)
        inherited = self._inherited(ph) if ph is not None else []
        box = _box(shape)
        for source, _ in inherited:
            if box is not None:
                break
            box = self.styles.box(source)  # a placeholder without xfrm sits where its layout says
        rect = box if box is None or transform is _IDENTITY else _apply(transform, box)
        kind = placeholder_type(ph) if ph is not None else None
        props = _props(shape)
        name = "?" if props is None else props.get("name") or f"id {props.get('id')}"
        hidden = props is not None and props.get("hidden") in {"1", "true"}
        yield _Shape(shape, name, index, rect, kind, inherited, nested, hidden)
        if shape.tag == P + "grpSp":
            inner = _group_transform(shape, transform)
            for child in shape:
                if child.tag in _SHAPE_TAGS:
                    yield from self._walk(child, index, inner, nested=True)

    def _inherited(self, ph: etree._Element) -> list[tuple[etree._Element, str]]:
        """The layout placeholder and master placeholder a slide placeholder inherits
        from (those there are), each with a phrase naming it."""
        # The placeholders of a layout's slides match by idx and type alone.
        key = (self.layout, ph.get("idx"), ph.get("type"))
        chain = self.styles.chains.get(key)
        if chain is None:
            chain = self.styles.chains[key] = self._find_inherited(ph)
        return chain

    def _find_inherited(self, ph: etree._Element) -> list[tuple[etree._Element, str]]:
        chain: list[tuple[etree._Element, str]] = []
        kind = placeholder_type(ph)
        if self.layout is not None:
            layout_shape = self.layout.placeholders.for_slide(ph)
            if layout_shape is not None:
                chain.append((layout_shape, _FROM_LAYOUT))
                layout_ph = placeholder_of(layout_shape)
                if layout_ph is not None:
                    kind = placeholder_type(layout_ph)
        if self.master is not None:
            master_shape = self.master.placeholders.for_layout(kind)
            if master_shape is not None:
                chain.append((master_shape, _FROM_MASTER))
        return chain

    # -- titles and alt text -------------------------------------------------------------

    def _title(self) -> Iterator[Finding]:
        empty: str | None = None
        for shape in self.shapes:
            if shape.ph_type in TITLE_TYPES:
                text = _SPACE.sub(" ", shape.text).strip()
                if text:
                    self.title, self.title_shape = text, shape.name
                    return
                empty = empty or shape.name
        if empty is not None:
            yield self._finding("A11Y-NO-TITLE", "the slide title is empty", empty)
        else:
            yield self._finding(
                "A11Y-NO-TITLE",
                "the slide has no title; screen readers use titles to find slides "
                "(a title may be hidden or placed off the slide)",
            )

    def _alt_text(self) -> Iterator[Finding]:
        for shape in self.shapes:
            what = _needs_alt_text(shape.element)
            if what is None or _decorative(shape.element):
                continue
            props = _props(shape.element)
            descr = (props.get("descr") if props is not None else None) or ""
            descr = descr.strip()
            if not descr:
                yield self._finding(
                    "A11Y-ALT-MISSING",
                    f"{what} has no alt text (describe it, or mark it as decorative)",
                    shape.name,
                )
            elif _FILE_NAME.match(descr):
                yield self._finding(
                    "A11Y-ALT-MISSING",
                    f"{what} has a file name as alt text ({descr!r}), not a description",
                    shape.name,
                )

    # -- reading order -----------------------------------------------------------------

    def _reading_order(self) -> Iterator[Finding]:
        # Top-level entries of the shape tree are what a screen reader steps through; a
        # group counts as one, placed by its own box.
        ordered = [
            shape
            for shape in self.shapes
            if not shape.nested
            and shape.rect is not None
            and shape.ph_type not in FOOTER_TYPES
            and not shape.hidden
            and shape.has_text
        ]
        titles = [s for s in ordered if s.ph_type in TITLE_TYPES]
        if titles and ordered[0] is not titles[0]:
            yield self._finding(
                "A11Y-READING-ORDER",
                f'"{ordered[0].name}" is read before the slide title "{titles[0].name}"; '
                "move the title to the top of the reading order",
                ordered[0].name,
            )
        rest = [s for s in ordered if s.ph_type not in TITLE_TYPES]
        inversions: list[tuple[_Shape, _Shape, str]] = []
        for i, earlier in enumerate(rest):
            for later in rest[i + 1 :]:
                relation = _visually_before(later.rect, earlier.rect)  # type: ignore[arg-type]
                if relation:
                    inversions.append((earlier, later, relation))
        if inversions:
            earlier, later, relation = inversions[0]
            more = f" ({len(inversions)} such pairs on this slide)" if len(inversions) > 1 else ""
            yield self._finding(
                "A11Y-READING-ORDER",
                f'"{earlier.name}" is read before "{later.name}", which stands {relation} it{more}',
                earlier.name,
            )

    # -- text: contrast and size ---------------------------------------------------------

    def _text(self) -> Iterator[Finding]:
        layers = self._layers()
        below = len(layers) - len(self.shapes)
        for position, shape in enumerate(self.shapes):
            if shape.element.tag != P + "sp" or shape.hidden:
                continue
            body = shape.element.find(P + "txBody")
            if body is None:
                continue
            runs = list(self._runs(shape, body))
            if not runs:
                continue
            smallest = min(runs, key=lambda run: run.size)
            if smallest.size < MIN_TEXT_PT * 100:
                yield self._finding(
                    "A11Y-SMALL-TEXT",
                    f"text at {smallest.size / 100:g} pt{smallest.size_origin} is smaller than "
                    f"{MIN_TEXT_PT:g} pt: {_sample(smallest.text)}",
                    shape.name,
                )
            backdrop = self._backdrop(shape, layers[: below + position])
            if isinstance(backdrop, tuple):
                yield from self._contrast(shape, runs, backdrop)

    def _contrast(self, shape: _Shape, runs: list[_Run], backdrop: RGB) -> Iterator[Finding]:
        worst: tuple[float, float, RGB, _Run] | None = None
        for run in runs:
            if not isinstance(run.colour, Paint):
                continue  # invisible, gradient or unknown text colour: not evaluated
            pair = (run.colour, backdrop)
            known = self.styles.contrasts.get(pair)
            if known is None:
                blended = run.colour.over(backdrop)
                known = self.styles.contrasts[pair] = (blended, contrast_ratio(blended, backdrop))
            colour, ratio = known
            large = run.size >= 1800 or (run.bold and run.size >= 1400)
            needed = LARGE_RATIO if large else NORMAL_RATIO
            if worst is None or ratio / needed < worst[0] / worst[1]:
                worst = (ratio, needed, colour, run)
        if worst is None or worst[0] >= worst[1]:
            return
        ratio, needed, colour, run = worst
        shown = math.floor(ratio * 100) / 100  # never round a failing ratio up to a pass
        yield self._finding(
            "A11Y-CONTRAST",
            f"text {to_hex(colour)} on {to_hex(backdrop)} has contrast {shown:.2f}:1, "
            f"needs {needed:g}:1 at {run.size / 100:g} pt{' bold' if run.bold else ''}: "
            f"{_sample(run.text)}",
            shape.name,
        )

    def _runs(self, shape: _Shape, body: etree._Element) -> Iterator[_Run]:
        scale = self._autofit_scale(shape, body)
        for paragraph in body.iterfind(A + "p"):
            defaults = self._defaults(shape, body, _level(paragraph))
            for run in paragraph:
                if run.tag != _RUN and run.tag != _FIELD:
                    continue
                text = run.findtext(_T, "")
                if text.strip():
                    yield self._run(text, run.find(_RUN_PROPS), defaults, scale)

    def _run(
        self, text: str, props: etree._Element | None, defaults: _Defaults, scale: float
    ) -> _Run:
        size, origin = defaults.size, defaults.size_origin
        bold, colour = defaults.bold, defaults.colour
        if props is not None:
            if props.get("sz", "").isdigit():
                size, origin = int(props.get("sz", "")), ""
            if props.get("b") is not None:
                bold = props.get("b") in {"1", "true"}
            if len(props):
                link = props.find(_HYPERLINK)
                if link is not None and link.find(_OWN_LINK_COLOUR) is None:
                    # PowerPoint draws links in the theme's hlink colour, whatever the run says.
                    colour = self._scheme_colour("hlink")
                else:
                    fill = self.palette.fill(props)
                    if not isinstance(fill, Unset):
                        colour = fill
        if scale < 1:
            origin += f" (shrunk to {scale:.0%} by autofit)"
        return _Run(text, round(size * scale), origin, bold, colour)

    def _scheme_colour(self, name: str) -> Fill:
        paint = self.palette.colour(etree.Element(A + "schemeClr", val=name))
        return paint if paint is not None else Unknown(f"an unknown {name} colour")

    def _defaults(self, shape: _Shape, body: etree._Element, level: int) -> _Defaults:
        """Size, boldness and colour a paragraph level of the shape gives its runs."""
        key = (shape.element, level)
        found = self._style_cache.get(key)
        if found is None:
            own = body.find(A + "lstStyle")
            font_ref = shape.element.find(f"{P}style/{A}fontRef")
            if font_ref is None and (own is None or len(own) == 0):
                # Nothing of the shape's own: what it inherits decides, as it does for
                # every shape on the same placeholders, so the slides share the answer.
                shared = (tuple(shape.inherited), self.master_root,
                          text_style_name(shape.ph_type), level, self.palette_key,
                          self.deck.default_style_key)
                found = self.styles.defaults.get(shared)
                if found is None:
                    found = self.styles.defaults[shared] = self._resolve(
                        self._style_chain(shape, None, None, level))
            else:
                found = self._resolve(self._style_chain(shape, own, font_ref, level))
            self._style_cache[key] = found
        return found

    def _resolve(self, chain: list[tuple[etree._Element, str]]) -> _Defaults:
        """The first size, boldness and colour along a style chain (PowerPoint's
        defaults where it sets none)."""
        size, origin = DEFAULT_SIZE, " (PowerPoint's default size)"
        for element, where in chain:
            if element.get("sz", "").isdigit():
                size, origin = int(element.get("sz", "")), where
                break
        bold = False
        for element, _ in chain:
            if element.get("b") is not None:
                bold = element.get("b") in {"1", "true"}
                break
        colour: Fill | Unset = UNSET
        for element, _ in chain:
            if element.tag == _FONT_REF:
                paint = _font_ref_colour(self.palette, element)
                colour = UNSET if paint is None else paint
            else:
                colour = self.palette.fill(element)
            if not isinstance(colour, Unset):
                break
        if isinstance(colour, Unset):
            colour = self._scheme_colour("tx1")
        return _Defaults(size, origin, bold, colour)

    def _style_chain(
        self, shape: _Shape, own: etree._Element | None, font_ref: etree._Element | None,
        level: int,
    ) -> list[tuple[etree._Element, str]]:
        """The run-property defaults that apply at a paragraph level, most specific first:
        from the shape's own list style `own`, its `p:style` font reference `font_ref`
        (in the chain for its colour), then what it inherits.

        Each comes with a phrase naming where it is defined.
        """
        lists: list[tuple[etree._Element | None, str]] = [(own, "")]
        if font_ref is not None:
            lists.append((font_ref, ""))
        for source, origin in shape.inherited:
            lists.append((self.styles.list_style(source), origin))
        if self.master is not None:
            style = self.master.text_styles.get(text_style_name(shape.ph_type))
            lists.append((style, _FROM_MASTER))
        lists.append((self.deck.default_style, " (from the presentation's default text style)"))
        resolved: list[tuple[etree._Element, str]] = []
        for style, origin in lists:
            if style is None:
                continue
            if style.tag == _FONT_REF:
                resolved.append((style, origin))
                continue
            resolved += [(e, origin) for e in self.styles.level_defaults(style, level)]
        return resolved

    def _autofit_scale(self, shape: _Shape, body: etree._Element) -> float:
        scale = _autofit(body)
        if scale is not None:
            return scale
        key = tuple(element for element, _ in shape.inherited)
        found = self.styles.scales.get(key)
        if found is None:
            found = 1.0
            for source, _ in shape.inherited:
                properties = source.find(P + "txBody")
                scale = _autofit(properties) if properties is not None else None
                if scale is not None:
                    found = scale
                    break
            self.styles.scales[key] = found
        return found

    # -- backgrounds ---------------------------------------------------------------------

    def _layers(self) -> list[Layer]:
        """Every visible shape that may lie behind text, bottom first: master, layout, slide."""
        layers: list[Layer] = []
        slide_shows = self.root.get("showMasterSp") not in {"0", "false"}
        if self.layout is not None and self.master is not None and slide_shows:
            if self.layout.root.get("showMasterSp") not in {"0", "false"}:
                layers += self._decoration(self.master.root)
            layers += self._decoration(self.layout.root)
        for shape in self.shapes:
            fill = None if shape.hidden else self._fill(shape.element, shape.inherited)
            layers.append((shape.rect, fill))
        return layers

    def _decoration(self, root: etree._Element) -> list[Layer]:
        # Shapes of a layout or master that show on its slides: all but its placeholders.
        key = (root, self.palette_key)
        if key not in self.styles.decorations:
            tree = root.find("p:cSld/p:spTree", NSMAP)
            layers: list[Layer] = []
            for shape in tree.iter(*_SHAPE_TAGS) if tree is not None else []:
                if placeholder_of(shape) is not None or _hidden(shape) or shape.tag == P + "grpSp":
                    continue
                layers.append((_box(shape), self._fill(shape, [])))
            self.styles.decorations[key] = layers
        return self.styles.decorations[key]

    def _fill(self, element: etree._Element, inherited: list[tuple[etree._Element, str]]) -> Fill:
        """A shape's own fill: spPr, else its style's fill reference, else its placeholders'."""
        key = (element, self.palette_key)
        if key not in self.deck.fills:
            self.deck.fills[key] = self._find_fill(element, inherited)
        return self.deck.fills[key]

    def _find_fill(
        self, element: etree._Element, inherited: list[tuple[etree._Element, str]]
    ) -> Fill:
        if element.tag == P + "pic":
            return Unknown("a picture")
        if element.tag == P + "graphicFrame":
            return Unknown("a table or chart")
        if element.tag != P + "sp":
            return None
        own = self._own_fill(element)
        if not isinstance(own, Unset):
            return own
        if not inherited:
            return None
        key = (tuple(source for source, _ in inherited), self.palette_key)
        found = self.styles.fills.get(key, UNSET)
        if isinstance(found, Unset):
            found = UNSET
            for source, _ in inherited:
                found = self._own_fill(source)
                if not isinstance(found, Unset):
                    break
            found = self.styles.fills[key] = None if isinstance(found, Unset) else found
        return found

    def _own_fill(self, source: etree._Element) -> Fill | Unset:
        """The fill a shape sets itself: spPr, else its style's fill reference."""
        fill = self.palette.fill(source.find(P + "spPr"))
        if not isinstance(fill, Unset):
            return fill
        return self.palette.style_fill(source.find(f"{P}style/{A}fillRef"))

    def _backdrop(self, shape: _Shape, below: list[Layer]) -> RGB | Unknown:
        """The opaque colour behind a shape's text, or Unknown when it is not a solid colour."""
        own = self._fill(shape.element, shape.inherited)
        if isinstance(own, Unknown):
            return own
        behind = self._background if shape.rect is None else self._behind(shape.rect, below)
        if isinstance(own, Paint) and isinstance(behind, tuple):
            return own.over(behind)
        if isinstance(own, Paint) and own.alpha >= 1:
            return own.rgb
        return behind

    def _behind(self, rect: Rect, below: list[Layer]) -> RGB | Unknown:
        for index in range(len(below) - 1, -1, -1):
            box, fill = below[index]
            if box is None or fill is None or not _contains(box, rect):
                continue
            if isinstance(fill, Unknown):
                return fill
            if fill.alpha >= 1:
                return fill.rgb
            under = self._behind(rect, below[:index])
            return fill.over(under) if isinstance(under, tuple) else under
        return self._background

    @cached_property
    def _background(self) -> RGB | Unknown:
        """The slide's background colour: slide, layout, then master `p:bg`."""
        owners = [self.root]
        if self.layout is not None:
            owners += [self.layout.root, self.layout.master.root]
        white: RGB = (1.0, 1.0, 1.0)
        for owner in owners:
            background = owner.find("p:cSld/p:bg", NSMAP)
            if background is None:
                continue
            properties = background.find("p:bgPr", NSMAP)
            fill: Fill | Unset
            if properties is not None:
                fill = self.palette.fill(properties)
            else:
                fill = self.palette.style_fill(background.find("p:bgRef", NSMAP))
            if isinstance(fill, Unset) or fill is None:
                return white
            if isinstance(fill, Unknown):
                return Unknown(f"a background of {fill.what}")
            return fill.over(white)
        default = self.palette.colour(etree.Element(A + "schemeClr", val="bg1"))
        return default.rgb if default is not None else white


_FONT_REF = A + "fontRef"
_IDENTITY = (1.0, 1.0, 0.0, 0.0)
_FROM_LAYOUT = " (inherited from the layout)"
_FROM_MASTER = " (inherited from the slide master)"


def _autofit(body: etree._Element) -> float | None:
    """The font scale a text body's autofit setting gives, None when it has none."""
    fit = body.find(A + "bodyPr")
    for choice in fit if fit is not None else []:
        if choice.tag == A + "normAutofit":
            scale = choice.get("fontScale", "100000")
            return int(scale) / 100000 if scale.isdigit() else 1.0
        if choice.tag in {A + "noAutofit", A + "spAutoFit"}:
            return 1.0
    return None


def _font_ref_colour(palette: Palette, reference: etree._Element) -> Paint | None:
    for colour in reference:
        if colour.tag in COLOUR_TAGS:
            return palette.colour(colour)
    return None


def _needs_alt_text(shape: etree._Element) -> str | None:
    """What kind of non-text content the shape is ("picture", "chart", …), or None."""
    if shape.tag == P + "pic":
        return "picture"
    if shape.tag == P + "sp" and shape.find("p:spPr/a:blipFill", NSMAP) is not None:
        return "shape filled with a picture"
    if shape.tag == P + "graphicFrame":
        data = shape.find("a:graphic/a:graphicData", NSMAP)
        uri = data.get("uri", "") if data is not None else ""
        if uri != TABLE_URI:
            return _GRAPHIC_KINDS.get(uri, "graphic")
    return None


def _decorative(shape: etree._Element) -> bool:
    props = _props(shape)
    if props is None:
        return False
    for ext in props.iterfind("a:extLst/a:ext", NSMAP):
        if ext.get("uri") == DECORATIVE_EXT_URI:
            mark = ext.find("adec:decorative", NSMAP)
            if mark is not None and mark.get("val") in {"1", "true"}:
                return True
    return False


def _text_of(shape: etree._Element) -> str:
    """All text of a shape (and of a group's shapes), paragraphs on lines of their own."""
    lines = []
    for paragraph in shape.iter(A + "p"):
        pieces = []
        for item in paragraph:
            if item.tag == _RUN or item.tag == _FIELD:
                pieces.append(item.findtext(_T, ""))
            elif item.tag == _BREAK:
                pieces.append(" ")
        lines.append("".join(pieces))
    return "\n".join(lines)


def _has_text(shape: etree._Element) -> bool:
    """Whether `_text_of(shape)` has more than white space: a run or field with some."""
    for paragraph in shape.iter(A + "p"):
        for item in paragraph:
            if (item.tag == _RUN or item.tag == _FIELD) and item.findtext(_T, "").strip():
                return True
    return False


def _level(paragraph: etree._Element) -> int:
    properties = paragraph.find(A + "pPr")
    try:
        level = int(properties.get("lvl", "0")) if properties is not None else 0
    except ValueError:
        level = 0
    return min(max(level, 0), 8)


def _sample(text: str, limit: int = 40) -> str:
    text = _SPACE.sub(" ", text).strip()
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 1]}…"'


def _apply(transform: tuple[float, float, float, float], box: Rect) -> Rect:
    scale_x, scale_y, shift_x, shift_y = transform
    return (
        round(box[0] * scale_x + shift_x),
        round(box[1] * scale_y + shift_y),
        round(box[2] * scale_x + shift_x),
        round(box[3] * scale_y + shift_y),
    )


def _group_transform(
    group: etree._Element, outer: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    """Maps a group's child coordinates to slide coordinates (composed with `outer`)."""
    xfrm = xfrm_of(group)
    box = _box(group)
    child_offset = xfrm.find("a:chOff", NSMAP) if xfrm is not None else None
    child_extent = xfrm.find("a:chExt", NSMAP) if xfrm is not None else None
    if box is None or child_offset is None or child_extent is None:
        return outer
    try:
        child_x, child_y = int(child_offset.get("x", "0")), int(child_offset.get("y", "0"))
        child_w, child_h = int(child_extent.get("cx", "0")), int(child_extent.get("cy", "0"))
    except ValueError:
        return outer
    scale_x = (box[2] - box[0]) / child_w if child_w else 1.0
    scale_y = (box[3] - box[1]) / child_h if child_h else 1.0
    inner_shift_x = box[0] - child_x * scale_x
    inner_shift_y = box[1] - child_y * scale_y
    outer_sx, outer_sy, outer_tx, outer_ty = outer
    return (
        outer_sx * scale_x,
        outer_sy * scale_y,
        outer_sx * inner_shift_x + outer_tx,
        outer_sy * inner_shift_y + outer_ty,
    )


def _contains(outer: Rect, inner: Rect) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and outer[2] >= inner[2]
        and outer[3] >= inner[3]
    )


def _visually_before(first: Rect, second: Rect) -> str | None:
    """ "above" / "left of" when `first` clearly comes before `second` in reading order.

    Clearly above: the boxes share a column (overlap horizontally) and `first` ends
    before `second` starts, give or take a tenth of the smaller height. Clearly left of:
    they share a row (overlap vertically by more than that slack) and `first` ends before
    `second` starts horizontally, with the same slack on widths.
    """
    slack_y = 0.1 * min(first[3] - first[1], second[3] - second[1])
    slack_x = 0.1 * min(first[2] - first[0], second[2] - second[0])
    overlap_x = min(first[2], second[2]) - max(first[0], second[0])
    overlap_y = min(first[3], second[3]) - max(first[1], second[1])
    if overlap_x > slack_x and first[3] <= second[1] + slack_y and first[1] < second[1]:
        return "above"
    if overlap_y > slack_y and first[2] <= second[0] + slack_x and first[0] < second[0]:
        return "left of"
    return None
