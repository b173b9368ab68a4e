"""Variants: one deck per afdeling, made by applying an overlay to the base deck's nodes.

An overlay (one entry of `afdelingen.yaml`) sets the meeting metadata, adds slides at
named positions, drops slides by id and overrides fields of slides by id. It works on
node trees, so every value keeps the file and line it came from: a mistake in an
overlay is reported at its line in afdelingen.yaml.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from deck_builder.content import loader
from deck_builder.content.loader import RawDeck
from deck_builder.content.records import Contact, Identifier, NonEmpty
from deck_builder.content.schema import Items, Record, field_path_exists, record_fields, validate
from deck_builder.content.source import Mapping, Node, Scalar, Sequence, describe, load_file
from deck_builder.content.validate import ContentKind
from deck_builder.errors import DeckError, Problem, ProblemCollector, SourceRef, close_matches

AFDELINGEN_FILE = "afdelingen.yaml"
Line = NonEmpty

# Afdeling fields that become deck metadata, and the variables each one defines.
_META_FIELDS = {"meeting": "meeting", "name": "host", "place": "place", "start": "start",
                "end": "end", "presenter": "presenter", "date": "date"}
_VARIABLES = {"name": "afdeling", "short": "afdeling_kort", "meeting": "vergadering",
              "place": "plaats", "start": "begintijd", "end": "eindtijd", "chair": "voorzitter",
              "contact": "contactpersoon"}


class Addition(Record):
    """Slides to insert: `after:` or `before:` a slide id, or `at: start|end`."""

    after: Identifier | None = None
    """Insert the slides after the slide with this id (of the base deck, or added
    earlier in the same list).
    Example: agenda"""
    before: Identifier | None = None
    """Insert the slides before the slide with this id."""
    at: Literal["start", "end"] | None = None
    """Insert the slides at the start or the end of the deck."""
    slides: Annotated[list[Any], Items(min=1)]
    """The slides to insert, at least one, written as in the deck file."""

    def _check(self) -> None:
        given = [name for name in ("after", "before", "at") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of `after: <id>`, `before: <id>` or `at: end`")


class Afdeling(Record):
    """One afdeling: who meets where and when, and how its deck differs from the base."""

    slug: Identifier
    """The afdeling's short name (lower-case-with-dashes): on the command line
    (--afdeling drenthe) and in the deck's file name.
    Example: drenthe"""
    name: Line
    """Its full name: the title slide and {afdeling}.
    Example: Vereniging van Drentse Gemeenten"""
    short: Line | None = None
    """Its abbreviation: {afdeling_kort}.
    Example: VDG"""
    meeting: Line
    """The meeting the deck is presented at: the title slide and {vergadering}.
    Example: Ledenvergadering"""
    date: dt.date
    """The meeting's date, YYYY-MM-DD: title slide, footers, file name and {datum}.
    Example: 2025-12-10"""
    start: Line | None = None
    """When the meeting starts, HH:MM in quotes: {begintijd}; the invitation needs it.
    Example: '13:30'"""
    end: Line | None = None
    """When the meeting ends, HH:MM in quotes: {eindtijd}.
    Example: '16:00'"""
    place: Line | None = None
    """Where the meeting is: {plaats}.
    Example: Assen"""
    chair: Line | None = None
    """The chair (voorzitter): {voorzitter}."""
    presenter: Line | None = None
    """Who presents the deck there (instead of the deck's presenter).
    Example: VNG, team Landelijk gebied"""
    contact: Line | None = None
    """The local contact: {contactpersoon}.
    Example: secretariaat@example.org"""
    logo: Path | None = None
    """The afdeling's logo on the title slide (PNG, JPEG or GIF), relative to
    afdelingen.yaml.
    Example: logos/vdg.png"""
    # Records copy mutable defaults, so these are never shared.
    recipients: list[Contact] = []  # noqa: RUF012
    """Who gets the meeting invitation: a list of {name, email}.
    Example: [{name: Secretariaat, email: secretariaat@example.org}]"""
    recipients_file: Path | None = None
    """Who gets the invitation, from a CSV file with the columns naam,email (or
    naam;email, as Dutch Excel writes it), relative to afdelingen.yaml.
    Example: ontvangers/zeeland.csv"""
    variables: dict[Identifier, str] = {}  # noqa: RUF012
    """Extra variables for slide text.
    Example: {thema: Kust en water}"""
    add: list[Addition] = []  # noqa: RUF012
    """Slides to insert: `after:` or `before:` a slide id, or `at: start|end`, with the
    `slides:` (applied after overrides and drops)."""
    drop: list[Identifier] = []  # noqa: RUF012
    """Ids of base slides this afdeling's deck leaves out.
    Example: [resolutie]"""
    override: dict[Identifier, dict[str, Any]] = {}  # noqa: RUF012
    """Fields to replace, per slide id; a dotted name reaches into a column
    (left.heading), numbers into a list (rows.2.3: a table's row 2, value 3). An
    override replaces the whole field; `data:` names another data file.
    Example: {overige-actualiteiten: {title: Overige actualiteiten en rondvraag}}"""


@dataclass(frozen=True)
class Variant:
    """A validated afdeling with the node it was read from (for locating problems)."""

    afdeling: Afdeling
    node: Mapping


@dataclass(frozen=True)
class VariantSet:
    """All afdelingen of a content folder; `problems` holds each invalid entry's errors."""

    path: Path
    variants: dict[str, Variant]
    problems: dict[str, list[str]]  # slug (or "#n") → messages of an entry that is invalid
    order: tuple[str, ...]  # every slug, valid or not, in file order
    # The same problems with their places kept apart from their messages.
    located: dict[str, list[Problem]] = dataclasses.field(default_factory=dict)

    def slugs(self) -> list[str]:
        """Every slug in file order, valid or not."""
        return list(self.order)


def load_variants(content_path: Path) -> VariantSet:
    """Read `afdelingen.yaml` beside the deck file.

    Each entry is validated on its own, so one broken entry does not stop the others;
    its problems are kept under its slug. Raises DeckError when the file is missing or
    not a list, or when two entries share a slug.
    """
    path = loader.find_deck_file(content_path).resolve().parent / AFDELINGEN_FILE
    if not path.is_file():
        raise DeckError(f"{path}: no afdelingen file found (expected {AFDELINGEN_FILE})")
    root = load_file(path)
    items = root.get("afdelingen") if isinstance(root, Mapping) else root
    if not isinstance(items, Sequence):
        raise DeckError(
            f"{root.where}: expected a list of afdelingen (or `afdelingen:` with a list), "
            f"found {describe(root)}"
        )
    variants: dict[str, Variant] = {}
    problems: dict[str, list[str]] = {}
    located: dict[str, list[Problem]] = {}
    seen: dict[str, SourceRef] = {}
    for index, item in enumerate(items.items):
        slug = _slug_of(item) or f"#{index + 1}"
        if slug in seen:
            raise DeckError(
                f"{item.where}: afdeling slug {slug!r} is used twice (first at {seen[slug]})"
            )
        seen[slug] = item.where
        collector = ProblemCollector()
        if not isinstance(item, Mapping):
            collector.add(f"an afdeling must be a mapping, found {describe(item)}", item.where)
        else:
            item = loader.resolve_files(item, collector, path.parent)
            afdeling = validate(Afdeling, item, collector)
            if afdeling is not None and not collector.problems:
                assert isinstance(item, Mapping)
                variants[slug] = Variant(afdeling, item)
                continue
        located[slug] = DeckError(collector.problems).problems
        problems[slug] = [str(p) for p in located[slug]]
    return VariantSet(path, variants, problems, tuple(seen), located)


def apply_variant(
    raw: RawDeck, variant: Variant, kinds: MappingABC[str, ContentKind],
    problems: ProblemCollector,
) -> RawDeck:
    """The base deck with the afdeling's overlay applied (the base is not changed).

    Overrides are applied first, then drops, then additions, so an addition may be
    placed after an overridden slide but not after a dropped one. Unknown slide ids
    and fields are added to `problems` at their line in the overlay.
    """
    node = variant.node
    slides = list(raw.slides)
    ids: dict[str, int] = {}
    for position, slide in enumerate(slides):
        slide_id = _slide_id(slide)
        if slide_id:
            ids[slide_id] = position

    overrides = node.get("override")
    if isinstance(overrides, Mapping):
        for slide_id, fields in overrides.entries.items():
            index = _existing(slide_id, ids, overrides.keys[slide_id], problems)
            if index is not None and isinstance(fields, Mapping):
                slides[index] = _override(slides[index], fields, kinds, problems)

    drops = node.get("drop")
    dropped: set[int] = set()
    if isinstance(drops, Sequence):
        for item in drops.items:
            if isinstance(item, Scalar) and item.value is not None:
                index = _existing(item.value, ids, item.where, problems)
                if index is not None:
                    dropped.add(index)
    kept = [(i, slide) for i, slide in enumerate(slides) if i not in dropped]

    additions = node.get("add")
    placed: dict[tuple[str, str], Node] = {}
    if isinstance(additions, Sequence):
        for addition in additions.items:
            kept = _add(kept, addition, ids, dropped, problems, placed)

    return RawDeck(raw.deck_file, _meta(raw.meta, variant), [s for _, s in kept], raw.partners)


def output_name(deck_slug: str, variant: Variant) -> str:
    """`<date>-<deck-slug>-<afdeling-slug>.pptx`."""
    afdeling = variant.afdeling
    return f"{afdeling.date.isoformat()}-{deck_slug}-{afdeling.slug}.pptx"


def _slug_of(item: Node) -> str | None:
    if isinstance(item, Mapping):
        slug = item.get("slug")
        if isinstance(slug, Scalar) and slug.value:
            return slug.value
    return None


def _slide_id(slide: Node) -> str | None:
    if isinstance(slide, Mapping):
        value = slide.get("id")
        if isinstance(value, Scalar):
            return value.value
    return None


def _existing(
    slide_id: str, ids: dict[str, int], where: SourceRef, problems: ProblemCollector
) -> int | None:
    if slide_id in ids:
        return ids[slide_id]
    close = close_matches(slide_id, list(ids))
    hint = f"; did you mean {close[0]!r}?" if close else ""
    problems.add(f"no slide with id {slide_id!r} in the base deck{hint}", where)
    return None


def _override(
    slide: Node, fields: Mapping, kinds: MappingABC[str, ContentKind],
    problems: ProblemCollector,
) -> Node:
    assert isinstance(slide, Mapping)
    kind_node = slide.get("kind")
    kind = kinds.get(kind_node.value) if isinstance(kind_node, Scalar) and kind_node.value else None
    result = slide
    for dotted, value in fields.entries.items():
        where = fields.keys[dotted]
        path = dotted.split(".")
        if path[0] in {"kind", "id"}:
            problems.add(f"{path[0]!r} cannot be overridden; drop the slide and add another",
                         where)
            continue
        # Numbers after a field reach into its list (`rows.2.3`: row 2, value 3).
        named = path[:next((i for i, step in enumerate(path) if step.isdigit()), len(path))]
        if kind is not None and not field_path_exists(kind.model, named):
            allowed = ", ".join(n for n in record_fields(kind.model) if n not in {"kind", "id"})
            problems.add(
                f"slide kind {kind.name!r} has no field {dotted!r} (fields: {allowed})", where
            )
            continue
        result = _set(result, path, value, where, problems)
    return result


def _set(node: Mapping, path: list[str], value: Node, where: SourceRef,
         problems: ProblemCollector) -> Mapping:
    entries, keys = dict(node.entries), dict(node.keys)
    head = path[0]
    if len(path) == 1:
        entries[head], keys[head] = value, where
        return Mapping(node.where, entries, keys)
    child = entries.get(head)
    if child is None:
        child = Mapping(where, {}, {})
    if isinstance(child, Sequence) and path[1].isdigit():
        replaced = _set_item(child, path[1:], value, where, problems)
        if replaced is None:
            return node
        entries[head] = replaced
        return Mapping(node.where, entries, keys)
    if not isinstance(child, Mapping):
        problems.add(f"{head!r} of this slide is not a mapping; cannot set {'.'.join(path)!r}",
                     where)
        return node
    entries[head] = _set(child, path[1:], value, where, problems)
    keys.setdefault(head, where)
    return Mapping(node.where, entries, keys)


def _set_item(node: Sequence, path: list[str], value: Node, where: SourceRef,
              problems: ProblemCollector) -> Sequence | None:
    """`node` with its item number `path[0]` (from 1) replaced by `value`, or set
    further down (`rows.2.3`); None after reporting a number that is not there."""
    number = int(path[0])
    if not 1 <= number <= len(node.items):
        problems.add(f"there is no item {number} here (items 1 to {len(node.items)})", where)
        return None
    items = list(node.items)
    if len(path) == 1:
        items[number - 1] = value
    else:
        inner = items[number - 1]
        if isinstance(inner, Sequence) and path[1].isdigit():
            replaced = _set_item(inner, path[1:], value, where, problems)
            if replaced is None:
                return None
            items[number - 1] = replaced
        elif isinstance(inner, Mapping):
            items[number - 1] = _set(inner, path[1:], value, where, problems)
        else:
            problems.add(f"item {number} is not a list or mapping; cannot set "
                         f"{'.'.join(path)!r}", where)
            return None
    return Sequence(node.where, items)


def _add(
    kept: list[tuple[int, Node]],
    addition: Node,
    ids: dict[str, int],
    dropped: set[int],
    problems: ProblemCollector,
    placed: dict[tuple[str, str], Node],
) -> list[tuple[int, Node]]:
    """Insert an addition's slides; `placed` remembers the last slide put at each place.

    Several additions at the same place keep their file order: a second `after: X`
    goes after the slides the first one put there, not between them and X.
    """
    assert isinstance(addition, Mapping)
    new_slides = addition.get("slides")
    assert isinstance(new_slides, Sequence)
    inserted = [(-1, slide) for slide in new_slides.items]
    position = _position(kept, addition, ids, dropped, problems)
    if position is None:
        return kept
    place, index = position
    if place in placed and place[0] != "before":
        index = next(p for p, (_, s) in enumerate(kept) if s is placed[place]) + 1
    placed[place] = new_slides.items[-1]
    return kept[:index] + inserted + kept[index:]


def _position(
    kept: list[tuple[int, Node]],
    addition: Mapping,
    ids: dict[str, int],
    dropped: set[int],
    problems: ProblemCollector,
) -> tuple[tuple[str, str], int] | None:
    """Where an addition goes: its place key and the index in `kept` to insert at."""
    at = addition.get("at")
    if isinstance(at, Scalar) and at.value is not None:
        return ("at", at.value), (0 if at.value == "start" else len(kept))
    for key, offset in (("after", 1), ("before", 0)):
        anchor = addition.get(key)
        if not isinstance(anchor, Scalar) or anchor.value is None:
            continue
        # Slides added earlier by this overlay may be anchors too.
        added_ids = {_slide_id(s): pos for pos, (i, s) in enumerate(kept) if i == -1}
        if anchor.value in added_ids:
            return (key, anchor.value), added_ids[anchor.value] + offset
        index = _existing(anchor.value, ids, anchor.where, problems)
        if index is None:
            return None
        if index in dropped:
            problems.add(f"slide {anchor.value!r} is dropped by this afdeling; add the "
                         "slides relative to another one", anchor.where)
            return None
        return (key, anchor.value), next(
            pos for pos, (i, _) in enumerate(kept) if i == index
        ) + offset
    return None


def _meta(base: Mapping, variant: Variant) -> Mapping:
    node = variant.node
    entries, keys = dict(base.entries), dict(base.keys)
    for field, meta_key in _META_FIELDS.items():
        value = node.get(field)
        if value is not None:
            entries[meta_key], keys[meta_key] = value, node.keys[field]
    logo = node.get("logo")
    if logo is not None:
        entries["logo"], keys["logo"] = logo, node.keys["logo"]
    # Variables: the base deck's, then the afdeling's fields, then its own variables.
    variables = base.get("variables")
    merged = dict(variables.entries) if isinstance(variables, Mapping) else {}
    merged_keys = dict(variables.keys) if isinstance(variables, Mapping) else {}
    for field, name in _VARIABLES.items():
        value = node.get(field)
        if value is not None:
            merged[name], merged_keys[name] = value, node.keys[field]
    own = node.get("variables")
    if isinstance(own, Mapping):
        merged.update(own.entries)
        merged_keys.update(own.keys)
    where = variables.where if isinstance(variables, Mapping) else node.where
    entries["variables"] = Mapping(where, merged, merged_keys)
    keys.setdefault("variables", where)
    return Mapping(base.where, entries, keys)
