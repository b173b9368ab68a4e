"""`kind: image`: a picture as large as the layout allows, with caption and alt text."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pptx.presentation import Presentation as PresentationType

from tests.conftest import (
    LAYOUTS,
    Content,
    ContentMaker,
    assert_inside,
    assert_role_sizes,
    descr,
    pictures,
    png_bytes,
    rect_of,
    role_shape,
)

Builder = Callable[[Content], PresentationType]


@pytest.mark.parametrize("size", [(1600, 400), (300, 900)])
def test_picture_is_contained_and_keeps_its_aspect(
    make_content: ContentMaker, build_deck: Builder, size: tuple[int, int]
) -> None:
    slides = """\
    - kind: image
      title: De kaart
      picture:
        file: kaart.png
        alt: Kaart van de regio met de zoekgebieden
        caption: Bron, PBL
    """
    prs = build_deck(make_content(slides, files={"kaart.png": png_bytes(size)}))
    (slide,) = prs.slides
    assert slide.slide_layout.name == LAYOUTS["image"]["layout"]
    assert role_shape(slide, "image", "title").text_frame.text == "De kaart"
    assert role_shape(slide, "image", "caption").text_frame.text == "Bron, PBL"
    assert_role_sizes(slide, "image", "title")
    assert_role_sizes(slide, "image", "caption")
    (picture,) = pictures(slide)
    assert descr(picture) == "Kaart van de regio met de zoekgebieden"
    assert abs(picture.width / picture.height - size[0] / size[1]) < 0.01
    idx = LAYOUTS["image"]["roles"]["picture"]["idx"]
    area = next(p for p in slide.slide_layout.placeholders if p.placeholder_format.idx == idx)
    assert_inside(rect_of(picture), rect_of(area))
    # As large as allowed: it touches two opposite sides of the area.
    assert picture.width >= area.width - 2 or picture.height >= area.height - 2


def test_picture_without_title_or_caption(make_content: ContentMaker, build_deck: Builder) -> None:
    slides = "- kind: image\n  picture: {file: p.png, alt: Een foto}\n"
    prs = build_deck(make_content(slides, files={"p.png": png_bytes()}))
    slide = prs.slides[0]
    assert role_shape(slide, "image", "title") is None
    assert role_shape(slide, "image", "caption") is None
    assert [descr(p) for p in pictures(slide)] == ["Een foto"]
