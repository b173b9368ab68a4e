"""`kind: image`: a picture as large as the layout allows, with caption and alt text."""

from __future__ import annotations

import pytest

from tests.conftest import (
    SlideBuilder,
    assert_inside,
    descr,
    kind_slides,
    pictures,
    png_bytes,
    rect_of,
)


@pytest.mark.parametrize("size", [(1600, 400), (300, 900)])
def test_picture_is_contained_and_keeps_its_aspect(
    build_slides: SlideBuilder, size: tuple[int, int]
) -> None:
    slides = """\
    - kind: image
      title: De kaart
      picture:
        file: kaart.png
        alt: Kaart van de regio met de zoekgebieden
        caption: Bron, PBL
    """
    prs = build_slides(slides, files={"kaart.png": png_bytes(size)})
    (slide,) = kind_slides(prs, "image")
    slide.check({"title": "De kaart", "caption": "Bron, PBL"}, sized=("title", "caption"))
    (picture,) = pictures(slide.slide)
    assert descr(picture) == "Kaart van de regio met de zoekgebieden"
    assert abs(picture.width / picture.height - size[0] / size[1]) < 0.01
    area = slide.area("picture")
    assert_inside(rect_of(picture), rect_of(area))
    # As large as allowed: it touches two opposite sides of the area.
    assert picture.width >= area.width - 2 or picture.height >= area.height - 2


def test_picture_without_title_or_caption(build_slides: SlideBuilder) -> None:
    slides = "- kind: image\n  picture: {file: p.png, alt: Een foto}\n"
    (slide,) = kind_slides(build_slides(slides, files={"p.png": png_bytes()}), "image")
    assert slide.shape("title") is None
    assert slide.shape("caption") is None
    assert [descr(p) for p in pictures(slide.slide)] == ["Een foto"]


def test_cover_fills_the_area_with_a_cropped_picture(build_slides: SlideBuilder) -> None:
    import io

    from PIL import Image

    slides = """\
    - kind: image
      picture: {file: breed.png, alt: Een brede foto, fit: cover, focal: [0.2, 0.5]}
    """
    prs = build_slides(slides, files={"breed.png": png_bytes((1600, 300))})
    (slide,) = kind_slides(prs, "image")
    (picture,) = pictures(slide.slide)
    area = slide.area("picture")
    assert rect_of(picture) == rect_of(area)
    # The pixels are cropped to the area's shape, so nothing is stretched.
    with Image.open(io.BytesIO(picture.image.blob)) as image:
        width, height = image.size
    assert abs(width / height - area.width / area.height) < 0.01 * area.width / area.height
    assert descr(picture) == "Een brede foto"
