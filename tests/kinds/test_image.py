"""`kind: image`: a picture as large as its room allows, centred, with its caption
centred under it, and alt text."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Pt

from tests.conftest import (
    KindSlide,
    SlideBuilder,
    assert_inside,
    descr,
    kind_slides,
    pictures,
    png_bytes,
    rect_of,
)


def _room(slide: KindSlide) -> tuple[int, int, int, int]:
    """The picture's room: its own and its caption's area together."""
    x1, y1, w1, h1 = rect_of(slide.area("picture"))
    x2, y2, w2, h2 = rect_of(slide.area("caption"))
    left, top = min(x1, x2), min(y1, y2)
    return left, top, max(x1 + w1, x2 + w2) - left, max(y1 + h1, y2 + h2) - top


def _centre(rect: tuple[int, int, int, int]) -> float:
    return rect[0] + rect[2] / 2


@pytest.mark.parametrize("size", [(1600, 400), (300, 900)])
def test_picture_is_contained_with_its_caption_centred_under_it(
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
    room = _room(slide)
    caption = rect_of(slide.shape("caption"))
    assert_inside(rect_of(picture), room)
    assert_inside(caption, room)
    # Centred in the room, the caption centred directly under it, its text too.
    assert abs(_centre(rect_of(picture)) - _centre(room)) <= 2
    assert abs(_centre(caption) - _centre(rect_of(picture))) <= 2
    assert 0 <= caption[1] - (picture.top + picture.height) <= Emu(Pt(24))
    assert {p.alignment for p in slide.shape("caption").text_frame.paragraphs} == {PP_ALIGN.CENTER}
    # As large as allowed: it fills the room's width, or its height less the caption's.
    assert picture.width >= room[2] - 2 or \
        picture.height >= room[3] - caption[3] - Emu(Pt(24))


@pytest.mark.parametrize("size", [(6007, 1601), (1201, 3997)])
def test_a_resampled_picture_gets_a_box_of_its_embedded_shape(
    build_slides: SlideBuilder, size: tuple[int, int]
) -> None:
    # Scaled down to whole pixels, the picture's shape differs from the file's by a
    # rounding; the box follows the pixels embedded, so nothing is stretched and the
    # deck read back gives the same box.
    slides = "- kind: image\n  picture: {file: p.png, alt: Een grote kaart}\n"
    prs = build_slides(slides, files={"p.png": png_bytes(size)})
    (slide,) = kind_slides(prs, "image")
    (picture,) = pictures(slide.slide)
    embedded = Image.open(io.BytesIO(picture.image.blob)).size
    assert embedded[0] < size[0]  # resampled
    width, height = int(picture.width), int(picture.height)
    assert abs(width * embedded[1] - height * embedded[0]) <= max(embedded)


def test_picture_without_caption_uses_the_whole_room(build_slides: SlideBuilder) -> None:
    slides = "- kind: image\n  picture: {file: p.png, alt: Een foto}\n"
    prs = build_slides(slides, files={"p.png": png_bytes((300, 900))})
    (slide,) = kind_slides(prs, "image")
    (picture,) = pictures(slide.slide)
    room = _room(slide)
    assert abs(picture.height - room[3]) <= 2
    assert abs(_centre(rect_of(picture)) - _centre(room)) <= 2


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
    # Without a caption the picture fills its whole room, the caption's place too.
    room = _room(slide)
    assert rect_of(picture) == room
    # The pixels are cropped to the room's shape, so nothing is stretched.
    with Image.open(io.BytesIO(picture.image.blob)) as image:
        width, height = image.size
    assert abs(width / height - room[2] / room[3]) < 0.01 * room[2] / room[3]
    assert descr(picture) == "Een brede foto"
