"""Reading order from positions: columns one after the other, a title first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from deck_builder.importing.order import reading_order
from deck_builder.ooxml.geometry import Rect

rects = st.builds(Rect, st.integers(0, 10_000), st.integers(0, 10_000),
                  st.integers(1, 5_000), st.integers(1, 5_000))


@given(st.lists(st.one_of(st.none(), rects), max_size=25))
def test_every_item_is_read_once(positions: list[Rect | None]) -> None:
    items = list(enumerate(positions))
    order = reading_order([(rect, index) for index, rect in items])
    assert sorted(order) == [index for index, _rect in items]


def test_two_columns_under_a_title_are_read_column_by_column() -> None:
    title = Rect(100, 100, 9_000, 800)
    left_heading, right_heading = Rect(100, 1_200, 4_000, 400), Rect(5_000, 1_200, 4_000, 400)
    left_text, right_text = Rect(100, 1_800, 4_000, 3_000), Rect(5_000, 1_800, 4_000, 2_000)
    order = reading_order([(right_text, "right text"), (left_heading, "left heading"),
                           (title, "title"), (right_heading, "right heading"),
                           (left_text, "left text"), (None, "unplaced")])
    assert order == ["title", "left heading", "left text", "right heading", "right text",
                     "unplaced"]


def test_rows_of_full_width_boxes_are_read_top_to_bottom() -> None:
    boxes = [(Rect(100, 300 * n, 9_000, 200), n) for n in (3, 1, 2, 0)]
    assert reading_order(boxes) == [0, 1, 2, 3]
