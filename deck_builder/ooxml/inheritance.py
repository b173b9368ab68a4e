"""What a placeholder inherits, the way PowerPoint resolves it.

What a shape does not set itself comes from, most specific first:

1. on a slide, the layout placeholder with the same idx (else the first one of the same
   type);
2. the master placeholder of its type (`master_type`: title for titles, the date,
   footer, slide number and header placeholders for theirs, body for every other type);
3. for text, the master's text style (`text_style_name`: titleStyle for titles,
   otherStyle for date, footer, slide number, header and for shapes that are no
   placeholder, bodyStyle for the rest);
4. for text, the presentation's `p:defaultTextStyle`, where the caller has it.

Position (`a:xfrm`) and text insets (`a:bodyPr`) follow steps 1-2 with the
schema's defaults last; run properties (size, bold, colour: `a:defRPr`) and paragraph
properties (line spacing) follow all four, and within each list style a paragraph
level's `a:lvlNpPr` comes before the list's `a:defPPr`.

The template reader, the renderer and the accessibility check all ask here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lxml import etree

from deck_builder.ooxml.geometry import Rect
from deck_builder.ooxml.namespaces import A, P

TITLE_TYPES = frozenset({"title", "ctrTitle"})
FOOTER_TYPES = frozenset({"dt", "ftr", "sldNum", "hdr"})
"""Date, footer, slide number and header: placeholders with master placeholders and a
text style (otherStyle) of their own."""
DEFAULT_INSETS = (91440, 45720, 91440, 45720)
"""bodyPr's insets when nothing sets them (ECMA-376 §21.1.2.1.1): left, top, right,
bottom in EMU (0.1" left and right, 0.05" top and bottom)."""
DEFAULT_SIZE = 18.0
"""PowerPoint's font size (pt) for text that nothing sizes."""

_NVPR_PH = f"{P}nvPr/{P}ph"
_LIST_STYLE = f"{P}txBody/{A}lstStyle"
_BODY_PR = f"{P}txBody/{A}bodyPr"
_INSETS = ("lIns", "tIns", "rIns", "bIns")


# -- placeholders --------------------------------------------------------------------------


def placeholder_of(shape: etree._Element) -> etree._Element | None:
    """The `p:ph` of a shape (`p:sp`, `p:pic`, `p:graphicFrame`, …), None when it is no
    placeholder; it sits in the shape's non-visual properties, its first child."""
    if len(shape) == 0:
        return None
    return shape[0].find(_NVPR_PH)


def placeholder_type(ph: etree._Element) -> str:
    """The type of a `p:ph` ("obj" when it names none, as the schema says)."""
    return ph.get("type", "obj")


def placeholder_idx(ph: etree._Element) -> int:
    """The idx of a `p:ph` (0 when it gives none or no number)."""
    try:
        return int(ph.get("idx", "0"))
    except ValueError:
        return 0


def master_type(kind: str) -> str:
    """The type of the master placeholder a placeholder of type `kind` inherits from."""
    if kind in TITLE_TYPES:
        return "title"
    return kind if kind in FOOTER_TYPES else "body"


@dataclass
class Placeholders:
    """The placeholders of a layout or master (`p:sldLayout`, `p:sldMaster`), by idx and
    by type: what slides and layouts on it match theirs against."""

    by_idx: dict[int, etree._Element] = field(default_factory=dict)
    by_type: dict[str, etree._Element] = field(default_factory=dict)
    by_master_type: dict[str, etree._Element] = field(default_factory=dict)

    @classmethod
    def of(cls, root: etree._Element) -> Placeholders:
        """The placeholders of `root`'s shape tree; the first of each idx and type counts."""
        table = cls()
        tree = root.find(f"{P}cSld/{P}spTree")
        for shape in tree.iter(f"{P}sp", f"{P}pic") if tree is not None else ():
            ph = placeholder_of(shape)
            if ph is None:
                continue
            kind = placeholder_type(ph)
            table.by_idx.setdefault(placeholder_idx(ph), shape)
            table.by_type.setdefault(kind, shape)
            table.by_master_type.setdefault(master_type(kind), shape)
        return table

    def for_slide(self, ph: etree._Element) -> etree._Element | None:
        """The layout placeholder a slide placeholder (its `p:ph`) inherits from: the one
        with its idx, else the first of its type."""
        found = self.by_idx.get(placeholder_idx(ph))
        return found if found is not None else self.of_type(placeholder_type(ph))

    def for_layout(self, kind: str) -> etree._Element | None:
        """The master placeholder a placeholder of type `kind` inherits from."""
        return self.of_type(master_type(kind))

    def of_type(self, kind: str) -> etree._Element | None:
        """The first placeholder of type `kind`, else the first that stands in for that
        type (an "obj" placeholder for a missing body)."""
        found = self.by_type.get(kind)
        return found if found is not None else self.by_master_type.get(kind)


# -- position and insets -------------------------------------------------------------------


def xfrm_of(shape: etree._Element) -> etree._Element | None:
    """A shape's own `a:xfrm` (a graphic frame and a group keep theirs elsewhere)."""
    if shape.tag == f"{P}graphicFrame":
        return shape.find(f"{P}xfrm")
    if shape.tag == f"{P}grpSp":
        return shape.find(f"{P}grpSpPr/{A}xfrm")
    return shape.find(f"{P}spPr/{A}xfrm")


def rect_of(shape: etree._Element | None) -> Rect | None:
    """A shape's own position and size, None when it sets none (or not as numbers)."""
    xfrm = xfrm_of(shape) if shape is not None else None
    if xfrm is None:
        return None
    offset, extent = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
    if offset is None or extent is None:
        return None
    try:
        return Rect(int(offset.get("x", "0")), int(offset.get("y", "0")),
                    int(extent.get("cx", "0")), int(extent.get("cy", "0")))
    except ValueError:
        return None


def inherited_rect(chain: Iterable[etree._Element]) -> Rect | None:
    """The position of the first shape of `chain` (a shape, then what it inherits from)
    that sets one."""
    for shape in chain:
        rect = rect_of(shape)
        if rect is not None:
            return rect
    return None


def inherited_insets(chain: Iterable[etree._Element]) -> tuple[int, int, int, int]:
    """Left, top, right and bottom text insets (EMU) along `chain`, each from the first
    `a:bodyPr` that sets it, else the schema's default."""
    bodies = [body for body in (shape.find(_BODY_PR) for shape in chain) if body is not None]
    values = []
    for name, default in zip(_INSETS, DEFAULT_INSETS, strict=True):
        value = next((body.get(name) for body in bodies if body.get(name) is not None), None)
        try:
            values.append(int(value) if value is not None else default)
        except ValueError:
            values.append(default)
    return (values[0], values[1], values[2], values[3])


# -- text styles ---------------------------------------------------------------------------


def text_style_name(kind: str | None) -> str:
    """The master text style (child of `p:txStyles`) for a placeholder of type `kind`,
    or for a shape that is no placeholder (None)."""
    if kind is None or kind in FOOTER_TYPES:
        return "otherStyle"
    return "titleStyle" if kind in TITLE_TYPES else "bodyStyle"


def text_styles(master: etree._Element) -> dict[str, etree._Element]:
    """The master's text styles by name (`titleStyle`, `bodyStyle`, `otherStyle`)."""
    styles = master.find(f"{P}txStyles")
    if styles is None:
        return {}
    return {etree.QName(style).localname: style for style in styles
            if isinstance(style.tag, str)}


def list_styles(chain: Iterable[etree._Element]) -> list[etree._Element]:
    """The `a:lstStyle` of each shape of `chain` that has one, in order."""
    return [style for style in (shape.find(_LIST_STYLE) for shape in chain)
            if style is not None]


def placeholder_styles(chain: Sequence[etree._Element], kind: str,
                       master: etree._Element) -> tuple[etree._Element, ...]:
    """The list styles a placeholder's text inherits, most specific first: those of
    `chain` (the placeholder, then what it inherits from), then the master text style
    for its type `kind`."""
    found = list_styles(chain)
    style = text_styles(master).get(text_style_name(kind))
    if style is not None:
        found.append(style)
    return tuple(found)


def level_properties(style: etree._Element, level: int) -> list[etree._Element]:
    """The paragraph properties a list style gives paragraph level `level` (0-based, as
    `a:pPr/@lvl`): its `a:lvlNpPr`, then its `a:defPPr`, those it has."""
    found = []
    for path in (f"{A}lvl{level + 1}pPr", f"{A}defPPr"):
        element = style.find(path)
        if element is not None:
            found.append(element)
    return found


def run_defaults(style: etree._Element, level: int) -> list[etree._Element]:
    """The run defaults (`a:defRPr`) a list style gives paragraph level `level`."""
    found = []
    for properties in level_properties(style, level):
        default = properties.find(f"{A}defRPr")
        if default is not None:
            found.append(default)
    return found


def run_default(styles: Iterable[etree._Element], level: int, attribute: str) -> str | None:
    """The run property `attribute` ("sz", "b", …) that a paragraph level inherits from
    `styles` (most specific first), None when none sets it."""
    for style in styles:
        for default in run_defaults(style, level):
            value = default.get(attribute)
            if value is not None:
                return value
    return None


def run_property(styles: Iterable[etree._Element], level: int, tag: str) -> etree._Element | None:
    """The first `tag` element (a fill, `a:latin`, …) in the run defaults a paragraph
    level inherits from `styles` (most specific first), None when none has one."""
    for style in styles:
        for default in run_defaults(style, level):
            found = default.find(tag)
            if found is not None:
                return found
    return None


def inherited_size(styles: Iterable[etree._Element], level: int = 0) -> float:
    """The font size (pt) a paragraph level's runs get when they set none."""
    for style in styles:
        for default in run_defaults(style, level):
            value = default.get("sz", "")
            if value.isdigit():
                return int(value) / 100
    return DEFAULT_SIZE


def inherited_bold(styles: Iterable[etree._Element], level: int = 0) -> bool:
    """Whether a paragraph level's runs are bold when they do not say."""
    return run_default(styles, level, "b") in {"1", "true"}


def line_spacing(styles: Iterable[etree._Element], level: int) -> float | None:
    """The line spacing a paragraph level inherits, as a multiple of single spacing;
    None when nothing sets it, or sets it in points (`a:spcPts`)."""
    for style in styles:
        for properties in level_properties(style, level):
            spacing = properties.find(f"{A}lnSpc")
            if spacing is not None:
                percent = spacing.find(f"{A}spcPct")
                return _percentage(percent.get("val", "")) if percent is not None else None
    return None


def _percentage(value: str) -> float | None:
    """An OOXML percentage: thousandths of a percent ("90000") or "90%"; as a fraction."""
    try:
        return float(value[:-1]) / 100 if value.endswith("%") else int(value) / 100_000
    except ValueError:
        return None
