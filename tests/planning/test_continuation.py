"""Choosing where a body continues: fewest boxes, balanced, parents repeated."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from deck_builder.planning.continuation import MIN_FILL, Measured, Split, parents, split

LINE = 100.0  # one line of text, in the units of the box height
SPACE = 20.0


def measured(lines: list[int], marked: int = 1) -> list[Measured]:
    return [Measured(n * LINE, SPACE, marked * LINE) for n in lines]


def box_contents(result: Split, count: int) -> list[range]:
    ends = (*result.starts[1:], count)
    return [range(start, end) for start, end in zip(result.starts, ends, strict=True)]


def test_parents_are_the_nearest_paragraphs_above_at_each_lower_level() -> None:
    levels = [0, 1, 2, 2, 1, 2, 0, 1]
    assert parents(levels, 0) == []
    assert parents(levels, 3) == [0, 1]
    assert parents(levels, 5) == [0, 4]
    assert parents(levels, 7) == [6]


def test_text_that_fits_one_box_is_one_box() -> None:
    result = split([0, 0, 0], measured([1, 1, 1]), 1000.0)
    assert result.starts == (0,)
    assert result.underfull(1000.0) == 0  # a run of one box is never "less full"


def test_equal_items_are_spread_evenly_not_a_full_box_and_a_sparse_one() -> None:
    # 10 items of one line in boxes of four: packing each box full leaves 4 + 4 + 2;
    # balanced, the boxes hold 4 + 3 + 3.
    result = split([0] * 10, measured([1] * 10), 500.0)
    sizes = [len(r) for r in box_contents(result, 10)]
    assert len(sizes) == 3
    assert max(sizes) - min(sizes) <= 1


def test_a_bullet_with_many_sub_bullets_is_split_inside_rather_than_leave_a_box_half_empty(
) -> None:
    # A short bullet, then one with 9 sub-bullets: keeping the second whole would leave
    # the first box nearly empty; it splits inside it and repeats it on the next box.
    levels = [0, 0, *([1] * 9)]
    result = split(levels, measured([1] * 11), 700.0)
    boxes = box_contents(result, 11)
    assert len(boxes) == 2
    first, second = boxes
    assert 1 in first  # the parent and some of its sub-bullets stay
    assert len(first) > 2
    assert levels[second.start] == 1
    assert parents(levels, second.start) == [1]  # repeated above the rest
    assert result.underfull(700.0) == 0


def test_a_parent_is_never_left_alone_at_the_bottom_of_a_box() -> None:
    # Splitting right after the parent would fit as well; its sub-items go with it.
    levels = [0, 0, 0, 1, 1]
    result = split(levels, measured([1, 1, 1, 1, 1]), 370.0)
    for start in result.starts[1:]:
        assert not levels[start] > levels[start - 1]


def test_repeated_parents_count_in_the_height_of_their_box() -> None:
    levels = [0, 1, 1, 1, 1]
    # Each sub-item 1 line; the parent 1 line, and 3 lines when marked (a long one).
    items = [Measured(LINE, SPACE, 3 * LINE), *measured([1, 1, 1, 1])]
    result = split(levels, items, 500.0)
    assert any(levels[start] for start in result.starts[1:])
    for index, start in enumerate(result.starts):
        assert result.heights[index] <= 500.0
        if start and levels[start]:
            assert result.heights[index] >= 3 * LINE  # the marked parent is in it


def test_an_exact_number_of_boxes_can_be_asked_for() -> None:
    result = split([0] * 6, measured([1] * 6), 1000.0, boxes=3)
    assert result is not None
    assert result.boxes == 3
    assert split([0] * 2, measured([1] * 2), 1000.0, boxes=3) is None


def test_a_paragraph_taller_than_a_box_gets_a_box_of_its_own_to_be_reported() -> None:
    result = split([0, 0, 0], measured([1, 9, 1]), 500.0)
    assert [list(r) for r in box_contents(result, 3)] == [[0], [1], [2]]
    assert result.overfull(500.0) == 1


@st.composite
def bodies(draw: st.DrawFn) -> tuple[list[int], list[Measured]]:
    count = draw(st.integers(1, 40))
    levels = [0]
    for _ in range(count - 1):
        levels.append(draw(st.integers(0, min(levels[-1] + 1, 2))))
    lines = draw(st.lists(st.integers(1, 4), min_size=count, max_size=count))
    return levels, [Measured(n * LINE, SPACE, (n + draw(st.integers(0, 1))) * LINE)
                    for n in lines]


def _greedy(levels: list[int], items: list[Measured], height: float) -> int:
    """Boxes a plain fill-each-box-in-turn packing needs (parents repeated too)."""
    boxes, used, first = 1, 0.0, True
    for index, item in enumerate(items):
        extra = item.lines + (0.0 if first else item.space)
        if not first and used + extra > height:
            boxes += 1
            lead = [items[p] for p in parents(levels, index)]
            used = sum(p.marked + p.space for p in lead) - (lead[0].space if lead else 0.0)
            used += item.lines + (item.space if lead else 0.0)
        else:
            used += extra
        first = False
    return boxes


@given(bodies(), st.sampled_from([450.0, 700.0, 1200.0]))
def test_every_split_holds_its_text_in_order_in_no_more_boxes_than_greedy_packing(
    body: tuple[list[int], list[Measured]], height: float
) -> None:
    levels, items = body
    result = split(levels, items, height)
    assert result.starts[0] == 0
    assert list(result.starts) == sorted(set(result.starts))
    for index, start in enumerate(result.starts):
        end = result.starts[index + 1] if index + 1 < result.boxes else len(levels)
        single = end - start == 1
        assert result.heights[index] <= height or single  # only a lone item overflows
    if result.overfull(height) == 0:
        assert result.boxes <= _greedy(levels, items, height)


@given(st.integers(2, 60), st.integers(1, 3))
def test_equal_top_level_items_leave_no_box_under_the_minimum_fill(count: int, lines: int
                                                                   ) -> None:
    height = 700.0
    result = split([0] * count, measured([lines] * count), height)
    if result.boxes > 1:
        assert all(h >= MIN_FILL * height for h in result.heights)
