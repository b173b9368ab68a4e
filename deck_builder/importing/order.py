"""Reading order of the things on a slide, from where they are, not from XML order.

A recursive cut: things are split into columns where a vertical line crosses none of
them (read left to right), else into bands where a horizontal line crosses none (read
top to bottom), and so on, until a group cannot be cut; what remains is read by its top
edge, then left edge. Neighbouring bands that share their columns are cut as one, so two
columns under a title are read one after the other, each heading with its text. Things
without a position come last, in the order given.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from deck_builder.ooxml.geometry import Rect

T = TypeVar("T")

_MAX_DEPTH = 12


def reading_order(items: Sequence[tuple[Rect | None, T]]) -> list[T]:
    """The items in reading order (see the module's description)."""
    placed = [(rect, index, item) for index, (rect, item) in enumerate(items) if rect]
    unplaced = [item for rect, item in items if rect is None]
    return [item for _rect, _index, item in _cut(placed, depth=0)] + unplaced


def _cut(group: list[tuple[Rect, int, T]], depth: int) -> list[tuple[Rect, int, T]]:
    if len(group) <= 1 or depth > _MAX_DEPTH:
        return sorted(group, key=lambda entry: (entry[0].y, entry[0].x, entry[1]))
    columns = _split(group, horizontal=False)
    if len(columns) > 1:
        return [entry for column in columns for entry in _cut(column, depth + 1)]
    bands = _split(group, horizontal=True)
    if len(bands) == 1:
        return sorted(group, key=lambda entry: (entry[0].y, entry[0].x, entry[1]))
    # Bands that stand in the same columns (headings over their texts) are read as
    # columns together, not band by band.
    merged: list[list[tuple[Rect, int, T]]] = []
    for band in bands:
        if merged and len(_split(band, horizontal=False)) > 1 and \
                len(_split(merged[-1], horizontal=False)) > 1 and \
                len(_split(merged[-1] + band, horizontal=False)) > 1:
            merged[-1] = merged[-1] + band
        else:
            merged.append(band)
    return [entry for band in merged for entry in _cut(band, depth + 1)]


def _split(group: list[tuple[Rect, int, T]], horizontal: bool
           ) -> list[list[tuple[Rect, int, T]]]:
    """The group split at every gap along y (horizontal) or x, in reading order.

    Overlaps of a few percent of the smaller extent are not counted, as boxes that
    merely touch (a heading's box running a little into the text below) still read
    one after the other.
    """
    def span(rect: Rect) -> tuple[int, int]:
        start, size = (rect.y, rect.h) if horizontal else (rect.x, rect.w)
        slack = max(0, size // 10)
        return start + slack, start + size - slack

    entries = sorted(group, key=lambda entry: span(entry[0]))
    parts: list[list[tuple[Rect, int, T]]] = []
    end = None
    for entry in entries:
        start, stop = span(entry[0])
        if end is None or start >= end:
            parts.append([entry])
            end = stop
        else:
            parts[-1].append(entry)
            end = max(end, stop)
    return parts
