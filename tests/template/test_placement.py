"""Composing boxes by the design rules (template.placement's helpers)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from deck_builder.ooxml.geometry import Rect
from deck_builder.template.placement import centred_under, stack, union

AREA = Rect(1000, 2000, 8000, 6000)


def test_union_holds_every_box() -> None:
    assert union(Rect(0, 0, 10, 10), Rect(20, 5, 10, 30)) == Rect(0, 0, 30, 35)


def test_a_stack_is_centred_in_its_area_with_its_gaps() -> None:
    top, bottom = stack(AREA, [1000, 500], 200)
    assert (top.y, top.h, bottom.y, bottom.h) == (4150, 1000, 5350, 500)
    assert top.x == bottom.x == AREA.x
    assert top.w == bottom.w == AREA.w
    # Centred: as much room above the group as below it.
    assert top.y - AREA.y == AREA.y + AREA.h - (bottom.y + bottom.h)


def test_a_stack_higher_than_its_area_starts_at_its_top() -> None:
    (box,) = stack(AREA, [9000], 0)
    assert box.y == AREA.y


@given(st.integers(0, 7000), st.integers(1, 8000), st.integers(0, 20000))
def test_a_caption_is_centred_on_what_it_captions_and_stays_in_its_area(
        x: int, width: int, min_w: int) -> None:
    above = Rect(AREA.x + min(x, AREA.w - 1), 2500, min(width, AREA.w - min(x, AREA.w - 1)),
                 1000)
    box = centred_under(above, AREA, 300, 100, min_w)
    assert box.y == above.y + above.h + 100
    assert box.h == 300
    assert abs((box.x + box.w / 2) - (above.x + above.w / 2)) <= 1
    assert AREA.x <= box.x
    assert box.x + box.w <= AREA.x + AREA.w
    assert box.w <= max(above.w, min_w) + 1
