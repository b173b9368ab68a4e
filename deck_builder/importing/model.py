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
