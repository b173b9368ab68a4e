"""The presentation model: what each slide will show, in template terms, before any XML.

The planner produces these plain values; the renderer turns them into python-pptx
calls without knowing slide kinds. Lengths are EMU integers, font sizes points.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles every
# string annotation into a ForwardRef when the class is made, and this module's value
# types are imported by every build (real annotations are cheaper to check).
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from deck_builder.content.richtext import RichText
from deck_builder.errors import SourceRef
from deck_builder.ooxml.geometry import EMU_PER_INCH, EMU_PER_PT, Rect
from deck_builder.ooxml.geometry import LINE_HEIGHT as LINE_HEIGHT  # re-exported for text_fit

if TYPE_CHECKING:
    from collections.abc import Mapping

    from lxml import etree

# Paragraph geometry shared by the fitter (to measure) and the renderer (to write):
# each level indents by one bullet hang, so a sub-bullet's glyph sits under the
# parent's text, and a plain paragraph lines up with the text of the bullet above it.
BULLET_HANG = int(0.3 * EMU_PER_INCH)
NUMBER_HANG_EM = 1.8  # a number's hang, in ems of the text size
SPACE_BEFORE = (0.5, 0.25, 0.2)  # space above a paragraph, × font size, per level


class Para(NamedTuple):
    """One paragraph: runs, nesting level (0-based), whether it has a bullet."""

    runs: RichText
    level: int = 0
    bullet: bool = False
    numbered: int = 0  # its number in an automatically numbered list (0: not numbered)
    align: str | None = None  # "l", "ctr", "r"; None keeps the layout's alignment

    def hang(self, size_pt: float) -> int:
        """Room left of the text for the marker (EMU): a bullet's hang, or for a number
        enough for "10." and a gap at `size_pt` (a wider number would touch the text)."""
        if self.numbered:
            return max(BULLET_HANG, int(NUMBER_HANG_EM * size_pt * EMU_PER_PT))
        return BULLET_HANG

    def margin_left(self, size_pt: float = 0.0) -> int:
        """Left margin of the text in EMU at `size_pt` (see BULLET_HANG and `hang`)."""
        indent = BULLET_HANG * self.level
        return indent + self.hang(size_pt) if self.bullet or self.numbered else indent


class TextBlock(NamedTuple):
    """Paragraphs fitted at one font size; colour/bold override the layout when set."""

    paragraphs: tuple[Para, ...]
    size: float
    color: str | None = None
    bold: bool | None = None
    overflows: bool = False  # did not fit even at the minimum size


class TextFill(NamedTuple):
    """Text for a placeholder role; `rect` moves the placeholder when given."""

    block: TextBlock
    rect: Rect | None = None


class Canvas(Protocol):
    """The slide a free shape is drawn on, as the renderer gives it to `Shape.draw`.

    It draws the standard shapes (`box`, `picture`), and gives any other shape what it
    needs to add XML of its own: shape ids, the shape tree, text, links, brand colours.
    """

    def box(self, shape: "BoxShape") -> None:
        """Draw a BoxShape."""

    def picture(self, shape: "PictureShape") -> None:
        """Draw a PictureShape."""

    def next_shape_id(self) -> int:
        """An id no shape on the slide has yet."""

    def append(self, element: "etree._Element") -> None:
        """Add a shape element (`p:sp`, `p:graphicFrame`, …) to the slide's shape tree."""

    def write_text(self, element: "etree._Element", block: "TextBlock") -> None:
        """Replace the text of a shape element with a `p:txBody` by `block`, as the
        renderer writes placeholders' text (bullets, runs, links, the deck's language)."""

    def link(self, url: str) -> str:
        """The relationship id of an external link from the slide to `url`."""

    def colour(self, name: str) -> str:
        """A brand colour as hex."""

    def scheme_colours(self) -> dict[str, str]:
        """The slide's theme colours as hex, by scheme name (`accent1`, …, and `bg1`,
        `tx1`, `bg2`, `tx2` as the slide master's colour map assigns them)."""

    def chart(self, chart_xml: bytes, workbook: bytes) -> str:
        """Add a chart part (`chart_xml`, a `c:chartSpace` whose `c:externalData` names
        relationship `rId1`) with its embedded `workbook` (.xlsx bytes); the slide's
        relationship id of the chart, for its graphic frame."""

    def copy_slide(self, members: "Mapping[str, bytes]", part: str) -> None:
        """Replace the slide's background and shapes by slide `part` (a member name) of
        another package's `members`, with every part they use (see render.copying)."""


class Shape(Protocol):
    """A free shape on a slide, drawn after the placeholders in the plan's order.

    Any value with a `rect` (where it is: it is read before the text below it) and a
    `draw` method is one, so a new shape (a table, a chart) is a type of its own. Slides
    are compared by their plans' repr (see render.slide_reuse), so a shape's repr must
    show everything its drawing depends on, as a NamedTuple's or dataclass's does.
    """

    @property
    def rect(self) -> "Rect":
        """Where the shape is on the slide."""

    def draw(self, canvas: Canvas) -> None:
        """Add the shape to the slide."""


class BoxShape(NamedTuple):
    """A free rectangle (optionally rounded) with optional fill, outline and text."""

    rect: Rect
    name: str
    fill: str | None = None
    line: str | None = None
    text: TextBlock | None = None
    rounded: bool = False
    insets: tuple[int, int, int, int] = (91440, 45720, 91440, 45720)
    anchor: str = "t"  # "t", "ctr", "b"
    link: str | None = None  # click target of the whole shape
    accent_bar: str | None = None  # colour of a bar along the left edge (callouts)
    wrap: bool = True  # False keeps a label on one line (chips)

    def draw(self, canvas: Canvas) -> None:
        """Drawn by the renderer (see Canvas.box)."""
        canvas.box(self)


class PictureShape(NamedTuple):
    """A picture placed at `rect`, with alternative text (empty when `decorative`).

    `fit` "contain": `rect` is already aspect-fitted, to `pixels` when given (the size
    the picture is embedded at); "cover": the picture fills `rect`, cropped around
    `focal` (x, y from 0 to 1; the centre when None).
    """

    rect: Rect
    name: str
    image: Path
    alt: str
    link: str | None = None
    fit: str = "contain"
    focal: tuple[float, float] | None = None
    decorative: bool = False
    pixels: tuple[int, int] | None = None

    def draw(self, canvas: Canvas) -> None:
        """Drawn by the renderer (see Canvas.picture)."""
        canvas.picture(self)


class SlidePlan(NamedTuple):
    """Everything the renderer needs for one slide."""

    kind: str
    layout: str
    name: str
    texts: dict[str, TextFill]
    shapes: tuple[Shape, ...] = ()
    notes: tuple[Para, ...] = ()
    source: SourceRef | None = None  # where the slide is written in the content


def place(box: Rect, width: int, height: int, fit: str, align: str = "ctr") -> Rect:
    """Where a picture of `width` × `height` px goes in `box`: the whole box for "cover"
    (the picture is cropped to it), else the `contain` rectangle."""
    return box if fit == "cover" else contain(box, width, height, align)


def contain(box: Rect, width: int, height: int, align: str = "ctr") -> Rect:
    """The largest rectangle with the picture's aspect ratio inside `box` (all of it when
    the two differ by less than one of the picture's pixels).

    `align` places it horizontally: "l", "ctr" or "r"; it is always centred vertically.
    """
    if width <= 0 or height <= 0:
        return box
    scale = min(box.w / width, box.h / height)
    w, h = round(width * scale), round(height * scale)
    if abs(box.w - w) <= scale and abs(box.h - h) <= scale:
        # Within one of its pixels of the box's shape (as a picture cropped to the box
        # is): it fills the box, with no hairline gap, and read back it gets the box.
        w, h = box.w, box.h
    x = {"l": box.x, "r": box.x + box.w - w}.get(align, box.x + (box.w - w) // 2)
    return Rect(x, box.y + (box.h - h) // 2, w, h)
