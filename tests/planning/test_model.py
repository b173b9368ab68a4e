"""The presentation model's geometry: where a contained picture goes in its box."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from deck_builder.ooxml.geometry import Rect
from deck_builder.planning.model import contain


def test_a_picture_is_as_large_as_fits_and_centred() -> None:
    assert contain(Rect(0, 0, 1000, 1000), 200, 100) == Rect(0, 250, 1000, 500)
    assert contain(Rect(0, 0, 1000, 1000), 100, 200, "l") == Rect(0, 0, 500, 1000)
    assert contain(Rect(0, 0, 1000, 1000), 100, 200, "r") == Rect(500, 0, 500, 1000)


def test_a_picture_within_a_pixel_of_the_box_shape_fills_it() -> None:
    # 200 × 100 px in 1000 × 503 EMU: one pixel is 5 EMU, the gap would be 3.
    assert contain(Rect(10, 20, 1000, 503), 200, 100) == Rect(10, 20, 1000, 503)
    # Two pixels off: shown in its own shape, centred.
    assert contain(Rect(10, 20, 1000, 510), 200, 100) == Rect(10, 25, 1000, 500)


@given(st.integers(1, 5000), st.integers(1, 5000), st.integers(1, 10**7), st.integers(1, 10**7))
def test_contain_stays_inside_and_keeps_the_shape(
    width: int, height: int, box_w: int, box_h: int
) -> None:
    box = Rect(0, 0, box_w, box_h)
    placed = contain(box, width, height)
    assert placed.x >= 0
    assert placed.y >= 0
    assert placed.x + placed.w <= box_w
    assert placed.y + placed.h <= box_h
    assert placed.w == box_w or placed.h == box_h
    # Off the picture's shape by at most rounding plus one of its pixels as shown.
    scale = min(box_w / width, box_h / height)
    assert abs(placed.w - width * scale) <= scale + 0.5
    assert abs(placed.h - height * scale) <= scale + 0.5
