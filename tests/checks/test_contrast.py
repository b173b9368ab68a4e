"""Contrast of text over pictures, measured on drawn slides: the measurement on made-up
pictures, which text is measured, and a crafted deck drawn by LibreOffice."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image, ImageDraw, ImageFont
from pptx.dml.color import RGBColor
from pptx.util import Emu, Pt

from deck_builder.checks import check_deck
from deck_builder.checks.contrast import (
    check_rendered_contrast,
    measured_contrast,
    text_over_pictures,
)
from deck_builder.checks.package import open_package
from deck_builder.ooxml.geometry import Rect
from tests.checks.decks import new_deck, text_box, titled_slide, to_bytes

SLIDE_WIDTH = 9_144_000  # python-pptx's default slide, 10 inches
BOX = Rect(914_400, 914_400, 914_400 * 6, 914_400)


def _drawn(text_colour: str, background: str) -> tuple[Image.Image, Image.Image]:
    """A 960-pixel slide with a photo-like background and text in BOX, and the same
    slide without the text."""
    bare = Image.new("RGB", (960, 540), background)
    noise = ImageDraw.Draw(bare)
    for x in range(0, 960, 16):  # some texture, as a photo has
        noise.line((x, 0, x, 540), fill=background if x % 32 else "#202030")
    drawn = bare.copy()
    ImageDraw.Draw(drawn).text((100, 100), "Tekst op een foto", fill=text_colour,
                               font=ImageFont.load_default(size=40))
    return drawn, bare


def test_dark_text_on_a_dark_picture_measures_low() -> None:
    ratio = measured_contrast(*_drawn("#333333", "#1a1a2e"), BOX, SLIDE_WIDTH)
    assert ratio is not None
    assert ratio < 2


def test_white_text_on_a_dark_picture_measures_high() -> None:
    ratio = measured_contrast(*_drawn("#ffffff", "#1a1a2e"), BOX, SLIDE_WIDTH)
    assert ratio is not None
    assert ratio > 12


def test_no_letters_means_no_measurement() -> None:
    bare = Image.new("RGB", (960, 540), "#1a1a2e")
    assert measured_contrast(bare, bare.copy(), BOX, SLIDE_WIDTH) is None


def _dark_picture_deck(*colours: str) -> bytes:
    prs = new_deck("Donker")
    prs.core_properties.language = "nl-NL"
    slide = titled_slide(prs, "Donker")
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), "#1a1a2e").save(buffer, "PNG")
    buffer.seek(0)
    photo = slide.shapes.add_picture(buffer, 0, Emu(914400 * 2), prs.slide_width,
                                     Emu(914400 * 4))
    photo.element.nvPicPr.cNvPr.set("descr", "Een donkere foto")
    for index, colour in enumerate(colours):
        box = slide.shapes.add_textbox(Emu(914400), Emu(int(914400 * (2.5 + index * 1.5))),
                                       Emu(914400 * 6), Emu(914400))
        run = box.text_frame.paragraphs[0].add_run()
        run.text = "Tekst op een donkere foto"
        run.font.size = Pt(24)
        run.font.color.rgb = RGBColor.from_string(colour)
    return to_bytes(prs)


def test_only_text_over_pictures_is_measured() -> None:
    prs = new_deck("Licht")
    text_box(titled_slide(prs, "Licht"), "Gewone tekst", colour="333333")
    assert text_over_pictures(open_package(to_bytes(prs))) == []
    found = text_over_pictures(open_package(_dark_picture_deck("333333")))
    assert [(c.shape.slide, c.shape.text, c.large) for c in found] == [
        (1, "Tekst op een donkere foto", True)]


def test_a_deck_without_text_over_pictures_is_never_drawn() -> None:
    def draw(deck: bytes) -> list[Image.Image]:
        raise AssertionError("drawn")

    prs = new_deck("Licht")
    text_box(titled_slide(prs, "Licht"), "Gewone tekst")
    assert check_rendered_contrast(to_bytes(prs), draw) == []


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                    reason="needs LibreOffice and poppler")
def test_low_contrast_on_a_dark_picture_is_found_on_the_drawn_slide() -> None:
    from deck_builder.delivery.slide_pictures import slide_pictures

    data = _dark_picture_deck("333333", "FFFFFF")
    # The XML-based check cannot judge text on a picture: it says nothing.
    assert "A11Y-CONTRAST" not in check_deck(data).codes()
    found = check_deck(data, draw=slide_pictures).findings
    rendered = [f for f in found if f.code == "A11Y-CONTRAST-RENDERED"]
    assert len(rendered) == 1
    assert rendered[0].slide == 1
    assert rendered[0].shape == "TextBox 3"
    assert "1.4:1" in rendered[0].message or "1.3:1" in rendered[0].message
