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
    bullet: bool = True
    items: tuple[Item, ...] = ()

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
            | {"paragraph": schema["properties"]["text"]},
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


Focal = Annotated[tuple[float, ...], Check(_focal_point, {"minItems": 2, "maxItems": 2})]


class Picture(Record):
    """A picture file with alternative text (or `decorative: true`) and a caption.

    `fit: contain` shows all of it, `fit: cover` fills the space, cropped around
    `focal: [x, y]` (0 to 1 from the left and top; the centre by default).
    """

    file: Path
    alt: PlainText | None = None
    decorative: bool = False
    caption: Text | None = None
    fit: Literal["contain", "cover"] = "contain"
    focal: Focal | None = None

    def _check(self) -> None:
        if self.alt is None and not self.decorative:
            raise ValueError(
                "missing required key 'alt' (what the picture shows, read out by screen "
                "readers); a picture that is only decoration may say `decorative: true`"
            )


class SlideBase(Record):
    """Fields every slide kind has."""

    kind: str
    id: Identifier | None = None
    notes: Body | None = None

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
    subtitle: str | None = None
    date: dt.date
    organisation: str = ""
    presenter: str | None = None
    # The meeting the deck is presented at (set per afdeling by a variant).
    meeting: str | None = None
    host: str | None = None  # the organisation holding the meeting
    place: str | None = None
    start: str | None = None  # "13:30": text, never a number of minutes
    end: str | None = None
    logo: Path | None = None  # the host's logo, shown on the title slide
    # Who is invited to the meeting of a deck presented once (`invite` without
    # afdelingen): listed here, or a CSV file (naam,email).
    recipients: list[Contact] = []  # noqa: RUF012 (records copy mutable defaults)
    recipients_file: Path | None = None
    language: Language = "nl"
    template: str = "vng"
    slug: Identifier | None = None
    footer: str | None = None
    variables: dict[Identifier, str] = {}  # noqa: RUF012 (records copy mutable defaults)

    @property
    def deck_slug(self) -> str:
        """The slug used in output file names: `slug:` or one made from the title."""
        return self.slug or slugify(self.title)


class Partner(Record):
    """One organisation of the partner registry."""

    name: NonEmpty
    logo: Path | None = None
    url: Url | None = None


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
    email: Email


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


