"""`kind: section`: a divider with a large section number."""

from __future__ import annotations

import pytest

from tests.conftest import KindSlide, SlideBuilder, kind_slides


def test_sections_are_numbered_in_order(build_slides: SlideBuilder) -> None:
    slides = """\
    - kind: section
      title: Nota Ruimte
      subtitle: Zienswijze
    - kind: bullets
      title: Tussendoor
      body: [iets]
    - kind: section
      title: De Nieuwe Polder
    """
    first, _, second = (KindSlide(slide, "section") for slide in build_slides(slides).slides)
    # Numbers count section slides only, with two digits.
    first.check(
        {"title": "Nota Ruimte", "subtitle": "Zienswijze", "number": "01"},
        sized=("title", "subtitle", "number"),
    )
    assert second.text("number") == "02"
    assert second.shape("subtitle") is None


def test_a_given_number_is_shown_as_written(build_slides: SlideBuilder) -> None:
    slides = """\
    - kind: section
      title: Bijlage
      number: "B*"
    - kind: section
      title: Daarna
    """
    given, after = kind_slides(build_slides(slides), "section")
    assert given.text("number") == "B*"
    # A given number does not break the count: this is the second section.
    assert after.text("number") == "02"


@pytest.mark.parametrize("number", ["01", "12", "IV"])
def test_number_size_stays_within_the_role_range(build_slides: SlideBuilder, number: str) -> None:
    prs = build_slides(f'- kind: section\n  title: X\n  number: "{number}"\n')
    (slide,) = kind_slides(prs, "section")
    assert slide.text("number") == number
    slide.sizes("number")
