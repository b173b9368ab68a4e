"""What an imported deck holds, read off its slides: the stage between the .pptx and
the content folder.

Records are plain values in the slide's reading order; no python-pptx or lxml object
leaves the reader, so classifying and writing can be tested on hand-made records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from deck_builder.ooxml.geometry import Rect


@dataclass(frozen=True)
class Span:
    """A run of text with one formatting; `link` is the hyperlink target, if any."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its runs, outline level (0 = top) and whether it shows a bullet."""

    spans: tuple[Span, ...]
    level: int = 0
    bullet: bool = False

    @property
    def text(self) -> str:
        """The paragraph's text without formatting."""
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class TextBlock:
    """The text of one shape (or table cell group, or diagram).

    `role` is what the shape is for, from its placeholder type where it has one:
    title, subtitle, body, number (a short figure or section number), or other (a text
    box drawn on the slide). `filled` says the shape has a fill or outline of its own (a
    callout box looks like that). `size` is the largest explicit font size, in points;
    `link` where a click on the shape leads.
    """

    role: str
    name: str
    rect: Rect | None
    paragraphs: tuple[Paragraph, ...]
    filled: bool = False
    size: float | None = None
    placeholder: str | None = None
    link: str | None = None

    @property
    def text(self) -> str:
        """All paragraphs, one per line."""
        return "\n".join(paragraph.text for paragraph in self.paragraphs)


@dataclass(frozen=True)
class Picture:
    """A picture on a slide: its original bytes and what describes it."""

    data: bytes
    extension: str
    name: str
    rect: Rect | None
    alt: str = ""
    decorative: bool = False
    link: str | None = None


@dataclass(frozen=True)
class TableCell:
    """One cell of a table: its paragraphs and the alignment of its first one.

    `merged` says a merge covers the cell from its left or above (the merged text is
    in the cell that starts it); `spans` that the cell starts such a merge.
    """

    paragraphs: tuple[Paragraph, ...]
    align: str | None = None
    merged: bool = False
    spans: bool = False

    @property
    def text(self) -> str:
        """The cell's paragraphs on one line."""
        return " ".join(" ".join(p.text.split()) for p in self.paragraphs if p.text.strip())


@dataclass(frozen=True)
class TableFigure:
    """A native table: its rows of cells as the grid has them (a merge's covered cells
    included) and its `a:tblPr` flags; `block` is the text kept for it if it is not
    imported as a table."""

    name: str
    rect: Rect | None
    rows: tuple[tuple[TableCell, ...], ...]
    first_row: bool = False
    first_column: bool = False
    last_row: bool = False
    block: TextBlock | None = None


@dataclass(frozen=True)
class ChartSeries:
    """One series of a chart: name, values (None: no point), the values' format code;
    `line` marks a combo's series drawn as a line on the second axis; a scatter
    series has its own x values."""

    name: str
    values: tuple[float | None, ...]
    code: str = "General"
    line: bool = False
    x_values: tuple[float | None, ...] | None = None
    x_code: str = "General"


@dataclass(frozen=True)
class ChartFigure:
    """A native chart, read from its chart part.

    `type` is the chart kind's type (column, bar, line, pie, doughnut, scatter, combo),
    None when the chart is none of those, `unsupported` then saying what it is.
    `titles` are the axis titles (x, y, second y); `title` the chart's own title; `alt`
    the frame's alternative text; `block` the text kept for it if it is not imported
    as a chart.
    """

    name: str
    rect: Rect | None
    type: str | None
    unsupported: str = ""
    stacking: str = "clustered"
    categories: tuple[str, ...] = ()
    category_title: str = ""
    series: tuple[ChartSeries, ...] = ()
    labels: bool = False
    legend: str = "none"
    titles: tuple[str, str, str] = ("", "", "")
    title: str = ""
    alt: str = ""
    block: TextBlock | None = None


Figure = TableFigure | ChartFigure


@dataclass(frozen=True)
class Approximation:
    """Something of the source slide that no kind holds as it was (said in the report)."""

    slide: int
    what: str


@dataclass
class SourceSlide:
    """One slide of the source deck, read: texts in reading order, pictures, notes.

    `name` is the slide's own name (deck-builder names its slides `kind:id`), `layout`
    its layout's name, `kind_hint` the layout's type where the template says it.
    """

    number: int
    name: str
    layout: str
    width: int
    height: int
    blocks: list[TextBlock] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    notes: list[Paragraph] = field(default_factory=list)
    approximations: list[Approximation] = field(default_factory=list)
    hidden: bool = False
    texts: list[str] = field(default_factory=list)
    """Every paragraph of the slide and its notes, read straight from the XML (see
    SourceDeck.texts)."""
    footers: dict[str, str] = field(default_factory=dict)
    """The texts of its footer, date and slide number placeholders, by type (dt, ftr,
    sldNum): what the deck's metadata or the template writes there."""
    figures: list[Figure] = field(default_factory=list)
    """Its tables and charts, read as figures (their text is in `blocks` too)."""

    def role(self, role: str) -> list[TextBlock]:
        """The blocks with that role, in reading order."""
        return [block for block in self.blocks if block.role == role]


@dataclass
class SourceDeck:
    """A whole source deck: metadata from its core properties, then its slides."""

    title: str
    subject: str
    author: str
    created: str | None
    category: str
    language: str | None
    slides: list[SourceSlide]
    texts: list[str] = field(default_factory=list)
    """Every piece of text of the source (each a:t of slides and notes, without
    footers and slide numbers), to measure what the import kept."""
    sections: dict[int, str] = field(default_factory=dict)
    """PowerPoint's own sections (File > Sections): the number of each section's
    first slide, and the section's name."""
