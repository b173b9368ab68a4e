"""The typed content model: what a deck says, independent of any template.

Models are frozen records (see schema) that forbid unknown keys, so a mistyped key is
an error rather than silently ignored. Text fields hold parsed rich text (see richtext).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, NamedTuple

from deck_builder.content import richtext
from deck_builder.content.addresses import address_problem, header_problem
from deck_builder.content.i18n import LANGUAGES
from deck_builder.content.richtext import RichText
from deck_builder.content.schema import (
    FAILED,
    Check,
    Length,
    Pattern,
    Record,
    RecordRule,
    Rule,
    Seq,
)
from deck_builder.content.source import Mapping, Node, Scalar, Sequence, describe
from deck_builder.errors import ProblemCollector, SourceRef

MAX_LEVELS = 3


def _colon_hint(node: Node) -> str:
    # `- Doel: iets` is a one-key mapping in YAML, not the text "Doel: iets".
    if isinstance(node, Mapping) and len(node.entries) == 1:
        key, inner = next(iter(node.entries.items()))
        if isinstance(inner, Scalar):
            shown = f"{key}: {inner.value}" if inner.value else f"{key}:"
            return f" ({shown!r}); put text that contains ': ' in quotes"
    return ""


class TextRule(Rule):
    """Non-empty text with inline markup, parsed into runs."""

    expected = "text"

    def convert(self, node: Node, label: str, problems: ProblemCollector) -> Any:
        if not isinstance(node, Scalar) or node.value is None:
            got = "nothing" if isinstance(node, Scalar) else describe(node)
            problems.add(f"{label}expected text, got {got}{_colon_hint(node)}", node.where)
            return FAILED
        text = node.value.strip()
        if not text:
            problems.add(f"{label}text must not be empty", node.where)
            return FAILED
        try:
            return richtext.parse(text)
        except ValueError as error:  # bad markup, e.g. a link with an unsafe scheme
            problems.add(f"{label}{error}", node.where)
            return FAILED

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": ["string", "number", "boolean"], "minLength": 1}


Text = Annotated[RichText, TextRule()]
"""Non-empty text with inline markup, stored as runs."""

PlainText = Annotated[str, Length(min=1), Check(richtext.unescape)]
"""Text shown without markup (alt text, a figure): escapes from variables are undone."""

NonEmpty = Annotated[str, Length(min=1)]
"""Plain text that must not be empty (a name, a layout)."""

IDENTIFIER = r"^[a-z0-9][a-z0-9_-]*$"
Identifier = Annotated[
    str,
    Pattern(
        IDENTIFIER,
        "{value!r} is not a valid identifier: use lower-case letters, digits, '-' and "
        "'_', starting with a letter or digit",
    ),
    Length(max=64),
]

Url = Annotated[
    str, Pattern(r"^https?://\S+$", "{value!r} must be a web address starting with "
                 "http:// or https://")
]


class Item(Record):
    """One paragraph of a body: a bullet (default) or a plain paragraph, with sub-items."""

    text: Text
    """The text of the bullet or paragraph; inline markup: **bold**, *italic*,
    [text](https://…), [phrase](lang:en) for words in another language than the deck's;
    a bullet that starts with * or [ is written in quotes.
    Example: '**Doel:** een gedragen zienswijze'"""
    bullet: bool = True
    """Whether it has a bullet (`paragraph: …` is the same item without one)."""
    items: tuple[Item, ...] = ()
    """Its sub-bullets, a list like a body; bullets nest at most three levels deep.
    Example: [Tweede niveau, {text: Met kinderen, items: [Derde niveau]}]"""

    _instead: ClassVar[dict[str, tuple[str, str]]] = {
        key: ("items", "the sub-bullets of a bullet go under 'items:'")
        for key in ("bullets", "body", "sub", "subitems", "sub-items", "children")
    }

    @classmethod
    def _shorthand(cls, node: Node) -> Node:
        # `- some text` is a bullet; `- paragraph: text` is a paragraph without bullet.
        if isinstance(node, Scalar) and node.value is not None:
            return Mapping(node.where, {"text": node}, {"text": node.where})
        if isinstance(node, Sequence):
            raise ValueError(
                "a list inside a list is not a bullet: sub-bullets belong to a bullet, so "
                "write the bullet above as '- text: <the bullet>' and put these under its "
                "'items:'"
            )
        if not isinstance(node, Mapping):
            return node
        if not node.entries.keys() & {"text", "paragraph"}:
            hint = _colon_hint(node)
            if hint:
                raise ValueError(f"this item was read as a mapping{hint}")
        if "paragraph" in node.entries:
            if "text" in node.entries or "bullet" in node.entries:
                raise ValueError("give either `paragraph:` or `text:`, not both")
            entries = {("text" if k == "paragraph" else k): v for k, v in node.entries.items()}
            keys = {("text" if k == "paragraph" else k): v for k, v in node.keys.items()}
            where = node.keys["paragraph"]
            entries["bullet"], keys["bullet"] = Scalar(where, "false"), where
            return Mapping(node.where, entries, keys)
        return node

    @classmethod
    def _adjust_schema(cls, schema: dict[str, Any]) -> dict[str, Any]:
        # The short forms: plain text, or `paragraph:` instead of `text:`.
        as_paragraph = {
            **schema,
            "properties": {k: v for k, v in schema["properties"].items()
                           if k not in {"text", "bullet"}}
            | {"paragraph": {**schema["properties"]["text"],
                             "description": "A paragraph without a bullet: its text."}},
            "required": ["paragraph"],
        }
        text = {"type": ["string", "number", "boolean"]}
        return {"anyOf": [text, schema, as_paragraph], "description": schema.get("description")}


class BodyRule(Rule):
    """Bullets and paragraphs (a list), or running text (paragraphs split at blank lines)."""

    expected = "a list"

    def __init__(self) -> None:
        self.items = Seq(RecordRule(Item), tuple)

    def convert(self, node: Node, label: str, problems: ProblemCollector) -> Any:
        if isinstance(node, Scalar) and node.value is not None:
            paragraphs = [p.strip() for p in re.split(r"\n\s*\n", node.value) if p.strip()]
            node = Sequence(node.where, [
                Mapping(node.where, {"text": Scalar(node.where, " ".join(p.split("\n"))),
                                     "bullet": Scalar(node.where, "false")},
                        {"text": node.where, "bullet": node.where})
                for p in paragraphs
            ])
        items = self.items.convert(node, label, problems)
        if items is not FAILED and max(map(_depth, items), default=0) > MAX_LEVELS:
            problems.add(f"{label}bullets nest at most {MAX_LEVELS} levels deep", node.where)
            return FAILED
        return items

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        items = {"type": "array", "items": RecordRule(Item).schema(defs)}
        return {"anyOf": [items, {"type": "string"}]}


def _depth(item: Item) -> int:
    return 1 + max((_depth(child) for child in item.items), default=0)


Body = Annotated[tuple[Item, ...], BodyRule()]
"""Bullets and paragraphs (a list), or running text (a string with blank-line breaks)."""


def _focal_point(value: tuple[float, ...]) -> tuple[float, float]:
    if len(value) != 2 or not all(0.0 <= v <= 1.0 for v in value):
        raise ValueError("give the point to keep as [x, y], each from 0 to 1 (e.g. [0.5, 0.3])")
    return (value[0], value[1])


Focal = Annotated[tuple[float, ...], Check(_focal_point, {
    "minItems": 2, "maxItems": 2, "items": {"type": "number", "minimum": 0, "maximum": 1}})]


class Picture(Record):
    """A picture file with alternative text (or `decorative: true`) and a caption.

    `fit: contain` shows all of it, `fit: cover` fills the space, cropped around
    `focal: [x, y]` (0 to 1 from the left and top; the centre by default).
    """

    file: Path
    """The picture file, relative to the YAML file it is written in, inside the content
    folder: PNG, JPEG, GIF, WebP, TIFF or BMP (not SVG), at most 80 MB and 40
    megapixels.
    Example: images/kaart.jpg"""
    alt: PlainText | None = None
    """Alternative text: what the picture shows, read out by screen readers; required
    unless the picture is `decorative`.
    Example: Kaart van de gebiedsprocessen per provincie"""
    decorative: bool = False
    """True for a picture that is only decoration: screen readers skip it (PowerPoint's
    "Mark as decorative"), and it needs no `alt`."""
    caption: Text | None = None
    """A line shown with the picture.
    Example: 'Bron: ontwerp-Nota Ruimte'"""
    fit: Literal["contain", "cover"] = "contain"
    """contain (default): all of the picture, never cropped; cover: it fills the space,
    cropped around `focal`."""
    focal: Focal | None = None
    """With `fit: cover`: the point to keep in view, [x, y], each from 0 (left, top) to
    1 (right, bottom); the centre by default.
    Example: [0.5, 0.3]"""

    def _check(self) -> None:
        if self.alt is None and not self.decorative:
            raise ValueError(
                "missing required key 'alt' (what the picture shows, read out by screen "
                "readers); a picture that is only decoration may say `decorative: true`"
            )


class SlideBase(Record):
    """Fields every slide kind has."""

    kind: str
    """Which kind of slide: title, agenda, section, bullets, quote, statistic,
    two-column, partners, image, table, chart or closing."""
    id: Identifier | None = None
    """A stable name (lower-case-with-dashes, at most 64 characters), used in the
    slide's name inside the deck and by afdelingen.yaml to override, drop or add
    slides next to it.
    Example: resultaat-zienswijze"""
    notes: Body | None = None
    """Speaker notes: text, or a list like a body."""

    _instead: ClassVar[dict[str, tuple[str, str]]] = {
        key: ("body", "the bullets and paragraphs of a slide go under 'body:'")
        for key in ("bullets", "items", "text", "paragraphs")
    }

    def opens_section(self) -> tuple[RichText, str | None] | None:
        """(title, own label) when this slide opens an agenda item, else None.

        Kinds that divide the deck into sections override it; the planner numbers
        them and the agenda lists them.
        """
        return None


def _known_language(value: str) -> str:
    if value not in LANGUAGES:
        raise ValueError(
            f"unknown language {value!r}; choose one of: {', '.join(sorted(LANGUAGES))}"
        )
    return value


Language = Annotated[str, Check(_known_language, {"enum": sorted(LANGUAGES)})]


class DeckMeta(Record):
    """The deck file's metadata: everything above `slides:`."""

    title: NonEmpty
    """The deck's title: the title slide, the document title; also the file name when
    there is no `slug`.
    Example: Actualiteiten"""
    subtitle: str | None = None
    """A line under the title on the title slide.
    Example: Ruimte, landbouw en natuur"""
    date: dt.date
    """The deck's date, YYYY-MM-DD: title slide, footer, file dates.
    Example: 2025-12-04"""
    organisation: str = ""
    """Who the deck is from.
    Example: VNG"""
    presenter: str | None = None
    """Who presents it, on the title slide.
    Example: VNG, team Landelijk gebied"""
    # The meeting the deck is presented at: an afdeling's (set by afdelingen.yaml), or
    # written here for a deck presented once (see `invite`).
    meeting: str | None = None
    """The meeting the deck is presented at, named on the title slide ({vergadering}).
    Example: Algemene ledenvergadering"""
    host: str | None = None
    """Who holds the meeting, named on the title slide ({afdeling} in an invitation).
    Example: Vereniging van Drentse Gemeenten"""
    place: str | None = None
    """Where the meeting is, on the title slide's date line.
    Example: Assen"""
    start: str | None = None
    """When the meeting starts, HH:MM (in quotes); with `end`, on the title slide's date
    line and in the invitation.
    Example: '13:30'"""
    end: str | None = None
    """When the meeting ends, HH:MM (in quotes).
    Example: '16:00'"""
    logo: Path | None = None
    """The meeting host's logo, shown on the title slide: PNG, JPEG or GIF.
    Example: logos/vdg.png"""
    recipients: list[Contact] = []  # noqa: RUF012 (records copy mutable defaults)
    """Who is invited to the meeting of a deck presented once (`deck-builder invite`
    without afdelingen): a list of {name, email}.
    Example: [{name: Secretariaat, email: secretariaat@example.org}]"""
    recipients_file: Path | None = None
    """A CSV file of the people invited, with the columns naam,email (or naam;email),
    relative to the deck file.
    Example: ontvangers/vergadering.csv"""
    language: Language = "nl"
    """nl (default) or en: labels, dates and the spell-check language."""
    template: str = "vng"
    """The brand: a folder in templates/ (beside the content, in the working folder, or
    one that comes with deck-builder, such as vng), or a path to a brand folder or a
    .pptx/.potx file.
    Example: vng"""
    slug: Identifier | None = None
    """The deck's file name, lower-case-with-dashes (at most 64 characters); by default
    made from the title.
    Example: actualiteiten"""
    footer: str | None = None
    """The footer text of every slide; by default the brand's.
    Example: Vereniging van Nederlandse Gemeenten"""
    variables: dict[Identifier, str] = {}  # noqa: RUF012 (records copy mutable defaults)
    """Your own values for {name} in slide text.
    Example: {vergadering: Algemene ledenvergadering}"""

    @property
    def deck_slug(self) -> str:
        """The slug used in output file names: `slug:` or one made from the title."""
        return self.slug or slugify(self.title)


class Partner(Record):
    """One organisation of the partner registry."""

    name: NonEmpty
    """The organisation's full name (required): on its tile, and after its abbreviation.
    Example: Interprovinciaal Overleg"""
    logo: Path | None = None
    """Its logo (PNG, JPEG or GIF), relative to partners.yaml: the tile shows it instead
    of the name.
    Example: logos/ipo.png"""
    url: Url | None = None
    """Its web site (http:// or https://): tiles and chips link to it.
    Example: https://www.ipo.nl"""


PartnerRef = NonEmpty


def _header_safe(value: str) -> str:
    problem = header_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _address(value: str) -> str:
    problem = address_problem(value)
    if problem:
        raise ValueError(f"{value!r} is not a usable e-mail address: {problem}")
    return value


HeaderText = Annotated[str, Length(min=1), Check(_header_safe)]
"""Text that goes into an e-mail header (a subject, a name): one line, no control codes."""

Email = Annotated[str, Check(_address, {"format": "email"})]
"""One e-mail address, `name@example.org`, checked strictly (never shortened)."""


class Contact(Record):
    """Someone who gets or sends an invitation: a name (optional) and an address."""

    name: HeaderText | None = None
    """The person's name, as mail programs show it (one line).
    Example: Secretariaat"""
    email: Email
    """The e-mail address, name@example.org.
    Example: secretariaat@example.org"""


class Deck(NamedTuple):
    """A validated deck: metadata, slides in order, and the partner registry."""

    meta: DeckMeta
    slides: tuple[SlideBase, ...]
    source: Path  # the deck file
    partners: dict[str, Partner]
    sources: tuple[SourceRef, ...] = ()  # where each slide is written, for messages
    # Per slide: where each of its fields is written, by dotted name (`left.body`); an
    # afdeling's override is at its line in afdelingen.yaml.
    fields: tuple[dict[str, SourceRef], ...] = ()


def slugify(text: str) -> str:
    """Lower-case ASCII slug: `Actualiteiten – Q3` → `actualiteiten-q3`."""
    import unicodedata

    ascii_text = (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "deck"


