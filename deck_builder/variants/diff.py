"""What an afdeling's deck changes compared with the base deck, for a reviewer.

Both decks are compared as validated models (variables already substituted), so the
diff shows what the audience will read: slides added and dropped, and every changed
field with its old and new text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deck_builder.content import richtext
from deck_builder.content.records import Deck, Item, Picture, SlideBase
from deck_builder.content.schema import Record, record_fields

if TYPE_CHECKING:
    from deck_builder.pipeline import BuildSession


@dataclass(frozen=True)
class FieldChange:
    """One field whose text differs; `field` is dotted for nested fields."""

    slide: str
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class SlideRef:
    """A slide named in a diff: its key (id or position), kind, title and position."""

    key: str
    kind: str
    title: str
    position: int  # 1-based, in its own deck


@dataclass
class DeckDiff:
    """Differences between the base deck and one variant."""

    slug: str
    name: str
    output: str
    meta: list[FieldChange] = field(default_factory=list)
    added: list[SlideRef] = field(default_factory=list)
    dropped: list[SlideRef] = field(default_factory=list)
    changed: list[FieldChange] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "slug": self.slug,
            "name": self.name,
            "output": self.output,
            "meta": [{"field": c.field, "old": c.old, "new": c.new} for c in self.meta],
            "added": [vars(s) for s in self.added],
            "dropped": [vars(s) for s in self.dropped],
            "changed": [vars(c) for c in self.changed],
        }


def diff_decks(
    base: Deck,
    variant: Deck,
    slug: str,
    name: str,
    output: Path,
    slide_numbers: list[int] | None = None,
) -> DeckDiff:
    """Compare two validated decks slide by slide (matched by id, else by kind and title).

    `slide_numbers` gives the deck slide number of each of the variant's content slides
    (continuation slides shift them); without it, positions count content slides.
    """
    result = DeckDiff(slug, name, str(output))
    for key in record_fields(type(base.meta)):
        old_value, new_value = getattr(base.meta, key), getattr(variant.meta, key)
        if isinstance(old_value, dict):
            continue  # variables: what they change shows in the slides' text
        old, new = _text(old_value), _text(new_value)
        if old != new:
            result.meta.append(FieldChange("", key, old, new))
    base_slides = {_key(s, i): (i, s) for i, s in enumerate(base.slides)}
    variant_slides = {_key(s, i): (i, s) for i, s in enumerate(variant.slides)}
    for key, (index, slide) in variant_slides.items():
        if key not in base_slides:
            number = slide_numbers[index] if slide_numbers else index + 1
            result.added.append(_ref(key, slide, number - 1))
    for key, (index, slide) in base_slides.items():
        if key not in variant_slides:
            result.dropped.append(_ref(key, slide, index))
            continue
        new_slide = variant_slides[key][1]
        result.changed.extend(_field_changes(key, slide, new_slide))
    return result


def format_text(diffs: list[DeckDiff]) -> str:
    """A plain report, one block per afdeling."""
    lines: list[str] = []
    for diff in diffs:
        lines.append(f"{diff.slug}: {diff.name} → {diff.output}")
        for change in diff.meta:
            lines.append(f"  meta {change.field}: {_quote(change.old)} → {_quote(change.new)}")
        for slide in diff.added:
            lines.append(f"  + added   {slide.key} ({slide.kind}, slide {slide.position}): "
                         f"{_quote(slide.title)}")
        for slide in diff.dropped:
            lines.append(f"  - dropped {slide.key} ({slide.kind}): {_quote(slide.title)}")
        for change in diff.changed:
            lines.append(f"  ~ changed {change.slide}.{change.field}: "
                         f"{_quote(change.old)} → {_quote(change.new)}")
        if not (diff.meta or diff.added or diff.dropped or diff.changed):
            lines.append("  (same as the base deck)")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _key(slide: SlideBase, index: int) -> str:
    if slide.id:
        return slide.id
    return f"{slide.kind}:{_text(getattr(slide, 'title', None)) or index + 1}"


def _ref(key: str, slide: SlideBase, index: int) -> SlideRef:
    return SlideRef(key, slide.kind, _text(getattr(slide, "title", None)), index + 1)


def _field_changes(key: str, old: Record, new: Record, prefix: str = "") -> list[FieldChange]:
    changes: list[FieldChange] = []
    for name in record_fields(type(old)):
        if name in {"kind", "id"}:
            continue
        old_value, new_value = getattr(old, name), getattr(new, name, None)
        if old_value == new_value:
            continue
        if isinstance(old_value, Record) and isinstance(new_value, Record) and not (
            isinstance(old_value, Picture)
        ):
            changes.extend(_field_changes(key, old_value, new_value, f"{prefix}{name}."))
            continue
        changes.append(FieldChange(key, prefix + name, _text(old_value), _text(new_value)))
    return changes


def _text(value: Any) -> str:
    """Readable text of a model value: runs become plain text, bodies become lines."""
    if value is None:
        return ""
    if isinstance(value, tuple) and value and isinstance(value[0], richtext.Run):
        return richtext.plain(value)
    if isinstance(value, tuple) and value and isinstance(value[0], Item):
        return "\n".join(_item_lines(value, 0))
    if isinstance(value, tuple):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, Path):
        return value.name
    if isinstance(value, Picture):
        caption = f", {_text(value.caption)}" if value.caption else ""
        return f"{value.file.name} ({value.alt or 'decorative'}{caption})"
    if isinstance(value, Record):
        return "; ".join(f"{k}: {_text(getattr(value, k))}" for k in record_fields(type(value)))
    return str(value)


def _item_lines(items: tuple[Item, ...], level: int) -> list[str]:
    lines = []
    for item in items:
        mark = "• " if item.bullet else ""
        lines.append("  " * level + mark + richtext.plain(item.text))
        lines.extend(_item_lines(item.items, level + 1))
    return lines


def _quote(text: str) -> str:
    return '"' + text.replace("\n", " / ") + '"'


@dataclass(frozen=True)
class DiffFailure:
    """An afdeling whose deck could not be made, with the problems that stopped it."""

    slug: str
    problems: list[str]


def variant_diffs(content_path: Path, slugs: list[str] | None) -> list[DeckDiff | DiffFailure]:
    """The diff of each chosen afdeling (all when `slugs` is None), in file order.

    An afdeling whose overlay is broken yields a DiffFailure instead of a diff.
    Raises DeckError for problems shared by all (base content, unknown slug).
    """
    from deck_builder.content import loader, overlays, validate
    from deck_builder.errors import DeckError, ProblemCollector
    from deck_builder.kinds import KINDS
    from deck_builder.pipeline import open_session, open_template
    from deck_builder.variants.batch import select

    problems = ProblemCollector()
    raw = loader.load_content(content_path, problems)
    base = validate.parse_deck(raw, KINDS, problems)
    variant_set = overlays.load_variants(content_path)
    session: BuildSession | None = None
    results: list[DeckDiff | DiffFailure] = []
    for slug in select(variant_set, slugs):
        if slug in variant_set.problems:
            results.append(DiffFailure(slug, variant_set.problems[slug]))
            continue
        variant = variant_set.variants[slug]
        collector = ProblemCollector()
        try:
            deck = validate.parse_deck(
                overlays.apply_variant(raw, variant, KINDS, collector), KINDS, collector
            )
        except DeckError as error:
            results.append(DiffFailure(slug, [str(p) for p in error.problems]))
            continue
        output = Path("output") / overlays.output_name(deck.meta.deck_slug, variant)
        if session is None:
            session = open_session(open_template(base))
        numbers = first_slide_numbers(deck, session)
        results.append(diff_decks(base, deck, slug, variant.afdeling.name, output, numbers))
    return results


def first_slide_numbers(deck: Deck, session: BuildSession) -> list[int]:
    """The deck slide number at which each content slide starts, after continuations."""
    from deck_builder.pipeline import plan

    plans, _ = plan(deck, session)
    first: dict[str, int] = {}
    for number, slide_plan in enumerate(plans, start=1):
        first.setdefault(slide_plan.name, number)
    return [
        first.get(f"{slide.kind}:{slide.id or index + 1}", index + 1)
        for index, slide in enumerate(deck.slides)
    ]
