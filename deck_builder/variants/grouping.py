"""What the decks of several afdelingen report alike, said once, by place, naming them.

The decks of a batch share most of their slides, so they share most of their warnings:
"text of 'quote' set at 22.5 pt instead of 36 pt" on the same slide of all twelve. Each
is said once, at its place in the content, with the afdelingen it concerns (`all 12
afdelingen` when it is every deck of the batch, `all 12 afdelingen but friesland`).
Messages that differ only in their figures (a subtitle set at 21 pt in one deck and
18.5 pt in another) are one message with the range of each figure (`18.5–21 pt`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from deck_builder.errors import Problem, SourceRef

_FIGURE = re.compile(r"\d+(?:\.\d+)?")


class Shared(NamedTuple):
    """One message at one place, and the afdelingen (slugs, in batch order) that have it."""

    message: str
    where: SourceRef | None
    slugs: tuple[str, ...]

    def text(self, everyone: Sequence[str]) -> str:
        """`file:line:col: drenthe, zeeland: message`, naming the afdelingen as
        `afdelingen` does among `everyone` (the slugs of the batch). A message without
        a place that every deck makes is about what they share (the template), and is
        said without names."""
        if self.where is None and len(self.slugs) == len(everyone):
            return self.message
        who = afdelingen(self.slugs, everyone)
        return f"{self.where}: {who}: {self.message}" if self.where else f"{who}: {self.message}"


def afdelingen(slugs: Sequence[str], everyone: Sequence[str]) -> str:
    """The afdelingen `slugs` named among `everyone`: `all 12 afdelingen`, `all 12
    afdelingen but friesland` (when at most three are not among them), or the slugs
    themselves (two or three read as easily as "all")."""
    total = len(everyone)
    if total <= 3 or len(slugs) <= 3:
        return ", ".join(slugs)
    missing = [slug for slug in everyone if slug not in slugs]
    if not missing:
        return f"all {total} afdelingen"
    if len(missing) <= 3:
        return f"all {total} afdelingen but {', '.join(missing)}"
    return ", ".join(slugs)


def skeleton(message: str) -> str:
    """The message with its figures left out: what messages that differ only in sizes
    or counts have in common."""
    return _FIGURE.sub("#", message)


def merged(messages: Sequence[str]) -> str:
    """One message for messages of the same `skeleton`: each figure that differs between
    them as the range of its values (`18.5–21`)."""
    if len(set(messages)) == 1:
        return messages[0]
    columns = zip(*(_FIGURE.findall(message) for message in messages), strict=True)
    figures = []
    for values in columns:
        low = min(values, key=float)
        high = max(values, key=float)
        figures.append(low if float(low) == float(high) else f"{low}–{high}")
    pieces = _FIGURE.split(messages[0])
    return pieces[0] + "".join(figure + piece for figure, piece in zip(figures, pieces[1:],
                                                                        strict=True))


def group(per_deck: Mapping[str, Iterable[Problem]]) -> list[Shared]:
    """The problems of each afdeling's deck (slug → problems, in batch order), each said
    once: at its place, with the afdelingen that have it; sorted by place (a slide's
    together, the places without a file first), then by message."""
    found: dict[tuple[SourceRef | None, str], dict[str, list[str]]] = {}
    for slug, problems in per_deck.items():
        for problem in problems:
            by_slug = found.setdefault((problem.where, skeleton(problem.message)), {})
            by_slug.setdefault(slug, []).append(problem.message)
    shared = [
        Shared(merged([m for messages in by_slug.values() for m in messages]), where,
               tuple(by_slug))
        for (where, _), by_slug in found.items()
    ]
    return sorted(shared, key=_order)


def _order(item: Shared) -> tuple[int, str, int, int, str]:
    where = item.where
    if where is None:
        return 0, "", 0, 0, item.message
    return 1, str(where.path), where.line, where.column, item.message
