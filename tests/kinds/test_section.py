"""`kind: section`: a divider with a large section number."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pptx.presentation import Presentation as PresentationType

from tests.conftest import (
    LAYOUTS,
    Content,
    ContentMaker,
    assert_role_sizes,
    role_shape,
    run_sizes,
)

Builder = Callable[[Content], PresentationType]


def test_sections_are_numbered_in_order(make_content: ContentMaker, build_deck: Builder) -> None:
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
    prs = build_deck(make_content(slides))
    first, _, second = prs.slides
    assert first.slide_layout.name == LAYOUTS["section"]["layout"]
    assert role_shape(first, "section", "title").text_frame.text == "Nota Ruimte"
    assert role_shape(first, "section", "subtitle").text_frame.text == "Zienswijze"
    # Numbers count section slides only, with two digits.
    assert role_shape(first, "section", "number").text_frame.text == "01"
    assert role_shape(second, "section", "number").text_frame.text == "02"
    assert role_shape(second, "section", "subtitle") is None
    for role in ("title", "subtitle", "number"):
        assert_role_sizes(first, "section", role)


def test_a_given_number_is_shown_as_written(
    make_content: ContentMaker, build_deck: Builder
) -> None:
    slides = """\
    - kind: section
      title: Bijlage
      number: "B*"
    - kind: section
      title: Daarna
    """
    prs = build_deck(make_content(slides))
    assert role_shape(prs.slides[0], "section", "number").text_frame.text == "B*"
    # A given number does not break the count: this is the second section.
    assert role_shape(prs.slides[1], "section", "number").text_frame.text == "02"


@pytest.mark.parametrize("number", ["01", "12", "IV"])
def test_number_size_stays_within_the_role_range(
    make_content: ContentMaker, build_deck: Builder, number: str
) -> None:
    prs = build_deck(make_content(f'- kind: section\n  title: X\n  number: "{number}"\n'))
    spec = LAYOUTS["section"]["roles"]["number"]
    for size in run_sizes(role_shape(prs.slides[0], "section", "number")):
        assert spec["min_pt"] <= size <= spec["max_pt"]
