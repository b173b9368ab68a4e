"""Where a body continues on the next box: balanced splits, parents repeated.

A body is a list of paragraphs with nesting levels. A split before paragraph `j` starts
the next box with it; when `j` is a sub-item, its parents (the nearest paragraph above
it at each lower level) are repeated at the top of that box, marked as continued, so a
sub-item never appears without its parent. A paragraph is never split: a line of text
stays in one box.

Of all splits whose boxes hold their text, the one chosen has, in this order:

1. the fewest boxes;
2. the fewest parents left alone at the bottom of a box (their sub-items all on the
   next one, under the repeated parent);
3. the fewest boxes less than MIN_FILL full (a run of one box is never "less full");
4. the fewest splits inside an item (between a bullet and its sub-items, or between
   sub-items): a top-level item keeps its sub-items where the boxes allow;
5. the fullest emptiest box: the text spread evenly rather than a full box and a
   nearly empty one.

The order is lexicographic over sums (and, last, a minimum), so dynamic programming
over the split points finds the best split exactly.

Heights are the caller's (measured with `text_fit`); this module only adds them up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

MIN_FILL = 0.4
"""A continued box less full than this (measured height / box height) is avoided."""


class Measured(NamedTuple):
    """One paragraph's measured height (EMU): its lines, the space above it when it is
    not the first in its box, and its lines when repeated as a continued parent."""

    lines: float
    space: float
    marked: float


class Split(NamedTuple):
    """A chosen split: the index of the first paragraph of each box (the first is 0),
    and the measured height of each box's text (repeated parents included)."""

    starts: tuple[int, ...]
    heights: tuple[float, ...]

    @property
    def boxes(self) -> int:
        """How many boxes the text takes."""
        return len(self.starts)

    def overfull(self, height: float) -> int:
        """How many boxes hold a paragraph taller than the box (an error to report)."""
        return sum(h > height for h in self.heights)

    def underfull(self, height: float) -> int:
        """How many boxes are less than MIN_FILL full (0 for a run of one box)."""
        if len(self.heights) < 2:
            return 0
        return sum(h < MIN_FILL * height for h in self.heights)


def parents(levels: Sequence[int], index: int) -> list[int]:
    """The indexes of the parents of paragraph `index`, outermost first: the nearest
    paragraph above it at each lower level."""
    found: list[int] = []
    level = levels[index]
    for above in range(index - 1, -1, -1):
        if level <= 0:
            break
        if levels[above] < level:
            found.append(above)
            level = levels[above]
    return found[::-1]


_Cost = tuple[int, int, int, int, float]


def split(
    levels: Sequence[int], measured: Sequence[Measured], height: float,
    boxes: int | None = None,
) -> Split | None:
    """The best split (see the module doc) of paragraphs into boxes `height` high; with
    `boxes`, into exactly that many (None when there are fewer paragraphs).

    A paragraph that does not fit a box even on its own (with its parents) gets a box
    of its own, overfull: the caller reports it.
    """
    count = len(levels)
    if count == 0:
        return Split((0,), (0.0,)) if boxes in (None, 1) else None
    # running[k]: the paragraphs before k, stacked with the space above every one.
    running = [0.0]
    for lines, space, _ in measured:
        running.append(running[-1] + lines + space)
    spaces = [item.space for item in measured]
    lead = [_lead(levels, measured, j) for j in range(count)]
    # A box that starts with a sub-item (not the first box) splits inside an item.
    inside = [start > 0 and levels[start] > 0 for start in range(count)]
    # best[layer][end]: the best split of the paragraphs before `end`, and back[layer][end]
    # where its last box starts and how full it is; a layer per box count when the
    # count is fixed, else one.
    layers = boxes or 1
    best: list[list[_Cost | None]] = [[None] * (count + 1) for _ in range(layers + 1)]
    back: list[list[tuple[int, float]]] = [[(0, 0.0)] * (count + 1) for _ in range(layers + 1)]
    best[0][0] = (0, 0, 0, 0, -1.0)
    for end in range(1, count + 1):
        # A split before `end` that leaves paragraph end-1 without its sub-items.
        orphaned = end < count and levels[end] > levels[end - 1]
        total = running[end]
        for start in range(end - 1, -1, -1):
            plain = total - running[start] - spaces[start]
            if plain > height and start < end - 1:
                break  # starting earlier only adds text
            used = plain + lead[start]
            if used > height and start < end - 1:
                continue
            fill = min(used / height, 1.0) if height > 0 else 1.0
            under = fill < MIN_FILL
            for layer in range(layers) if boxes else (0,):
                before = best[layer][start]
                if before is None:
                    continue
                worst = before[4]
                cost: _Cost = (
                    before[0] + 1,
                    before[1] + orphaned,
                    before[2] + under,
                    before[3] + inside[start],
                    worst if worst >= -fill else -fill,
                )
                target = layer + 1 if boxes else 0
                known = best[target][end]
                if known is None or cost < known:
                    best[target][end] = cost
                    back[target][end] = (start, used)
    layer = boxes or 0
    if best[layer][count] is None:
        return None
    starts: list[int] = []
    heights: list[float] = []
    end = count
    while end > 0:
        start, used = back[layer][end]
        starts.append(start)
        heights.append(used)
        end = start
        layer = layer - 1 if boxes else 0
    return Split(tuple(starts[::-1]), tuple(heights[::-1]))


def _lead(levels: Sequence[int], measured: Sequence[Measured], start: int) -> float:
    """What the repeated parents add above paragraph `start` when a box begins with it:
    their marked lines and the space between them and below them."""
    above = parents(levels, start)
    if not above:
        return 0.0
    total = sum(measured[p].marked + measured[p].space for p in above)
    return total - measured[above[0]].space + measured[start].space
