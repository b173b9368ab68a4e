"""The typed content model: what a deck says, independent of any template.

Models are frozen pydantic classes that forbid unknown keys, so a mistyped key is an
error rather than silently ignored. Text fields hold parsed rich text (see richtext).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from deck_builder import richtext
from deck_builder.errors import SourceRef
from deck_builder.i18n import LANGUAGES
from deck_builder.richtext import RichText

MAX_LEVELS = 3


def _to_rich(value: Any) -> RichText:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {_type_name(value)}{_colon_hint(value)}")
    text = value.strip()
    if not text:
        raise ValueError("text must not be empty")
    return richtext.parse(text)


def _colon_hint(value: Any) -> str:
    # `- Doel: iets` is a one-key mapping in YAML, not the text "Doel: iets".
    if isinstance(value, dict) and len(value) == 1:
        key, inner = next(iter(value.items()))
        if inner is None or isinstance(inner, str):
            shown = f"{key}: {inner}" if inner else f"{key}:"
            return f" ({shown!r}); put text that contains ': ' in quotes"
    return ""


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


Text = Annotated[RichText, BeforeValidator(_to_rich)]
"""Non-empty text with inline markup, stored as runs."""

PlainText = Annotated[str, StringConstraints(min_length=1), AfterValidator(richtext.unescape)]
"""Text shown without markup (alt text, a figure): escapes from variables are undone."""

Identifier = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)
]


class Strict(BaseModel):
    """Base of every content model: immutable, unknown keys are errors."""

    # defer_build: a schema is built when a model is first used, not at import, so a
    # run pays only for the kinds its deck has.
    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, defer_build=True
    )


class Item(Strict):
    """One paragraph of a body: a bullet (default) or a plain paragraph, with sub-items."""

    text: Text
    bullet: bool = True
    items: tuple[Item, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        # `- some text` is a bullet; `- paragraph: text` is a paragraph without bullet.
        if isinstance(value, str):
            return {"text": value}
        if isinstance(value, dict) and not value.keys() & {"text", "paragraph"}:
            hint = _colon_hint(value)
            if hint:
                raise ValueError(f"this item was read as a mapping{hint}")
        if isinstance(value, dict) and "paragraph" in value:
            if "text" in value or "bullet" in value:
                raise ValueError("give either `paragraph:` or `text:`, not both")
            rest = {k: v for k, v in value.items() if k != "paragraph"}
            return {"text": value["paragraph"], "bullet": False, **rest}
        return value


def _body_from_text(value: Any) -> Any:
    # A plain string body is running text: paragraphs separated by blank lines.
    if isinstance(value, str):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
        return [{"text": " ".join(p.split("\n")), "bullet": False} for p in paragraphs]
    return value


def _check_depth(items: tuple[Item, ...]) -> tuple[Item, ...]:
    def depth(item: Item) -> int:
        return 1 + max((depth(child) for child in item.items), default=0)

    if max((depth(i) for i in items), default=0) > MAX_LEVELS:
        raise ValueError(f"bullets nest at most {MAX_LEVELS} levels deep")
    return items


Body = Annotated[
    tuple[Item, ...], BeforeValidator(_body_from_text), AfterValidator(_check_depth)
]
"""Bullets and paragraphs (a list), or running text (a string with blank-line breaks)."""


class Picture(Strict):
    """A picture file with its required alternative text and an optional caption."""

    file: Path
    alt: PlainText
    caption: Text | None = None


class SlideBase(Strict):
    """Fields every slide kind has."""

    kind: str
    id: Identifier | None = None
    notes: Body | None = None

    def opens_section(self) -> tuple[RichText, str | None] | None:
        """(title, own label) when this slide opens an agenda item, else None.

        Kinds that divide the deck into sections override it; the planner numbers
        them and the agenda lists them.
        """
        return None


def _parse_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                f"{value!r} is not a valid date; write it as YYYY-MM-DD, e.g. 2025-12-04"
            ) from None
    return value


DeckDate = Annotated[dt.date, BeforeValidator(_parse_date)]


class DeckMeta(Strict):
    """The deck file's metadata: everything above `slides:`."""

    title: Annotated[str, StringConstraints(min_length=1)]
    subtitle: str | None = None
    date: DeckDate
    organisation: str = ""
    presenter: str | None = None
    # The meeting the deck is presented at (set per afdeling by a variant).
    meeting: str | None = None
    host: str | None = None  # the organisation holding the meeting
    place: str | None = None
    start: str | None = None  # "13:30": text, never a number of minutes
    end: str | None = None
    logo: Path | None = None  # the host's logo, shown on the title slide
    language: str = "nl"
    template: str = "vng"
    slug: Identifier | None = None
    footer: str | None = None
    variables: dict[Identifier, str] = Field(default_factory=dict)

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise ValueError(
                f"unknown language {value!r}; choose one of: {', '.join(sorted(LANGUAGES))}"
            )
        return value

    @property
    def deck_slug(self) -> str:
        """The slug used in output file names: `slug:` or one made from the title."""
        return self.slug or slugify(self.title)


class Partner(Strict):
    """One organisation of the partner registry."""

    name: Annotated[str, StringConstraints(min_length=1)]
    logo: Path | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None


PartnerRef = Annotated[str, StringConstraints(min_length=1)]


class Deck(BaseModel):
    """A validated deck: metadata, slides in order, and the partner registry."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    meta: DeckMeta
    slides: tuple[SlideBase, ...]
    partners: dict[str, Partner] = Field(default_factory=dict)
    source: Path  # the deck file
    sources: tuple[SourceRef, ...] = ()  # where each slide is written, for messages


def slugify(text: str) -> str:
    """Lower-case ASCII slug: `Actualiteiten – Q3` → `actualiteiten-q3`."""
    import unicodedata

    ascii_text = (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "deck"


