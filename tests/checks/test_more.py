"""One crafted deck per code of the checks beyond PowerPoint's (links, language,
decorative flag, drawn contrast): each gives exactly its code."""

from __future__ import annotations

import shutil
from collections.abc import Callable

import pytest
from lxml import etree

from deck_builder.checks import CODES, check_deck, check_package
from tests.checks.decks import (
    ADEC,
    A,
    P,
    mark_decorative,
    new_deck,
    picture,
    text_box,
    titled_slide,
    to_bytes,
)
from tests.checks.test_contrast import _dark_picture_deck


def _linked(text: str, url: str) -> bytes:
    prs = new_deck()
    prs.core_properties.language = "nl-NL"
    run = titled_slide(prs, "Links").shapes.add_textbox(914400, 1828800, 5486400, 914400) \
        .text_frame.paragraphs[0].add_run()
    run.text = text
    run.hyperlink.address = url
    return to_bytes(prs)


def _text(text: str, lang: str) -> bytes:
    prs = new_deck()
    prs.core_properties.language = "nl-NL"
    box = text_box(titled_slide(prs, "Tekst"), text)
    for props in box.iter(f"{{{A}}}rPr"):
        props.set("lang", lang)
    return to_bytes(prs)


def _flag_elsewhere() -> bytes:
    prs = new_deck()
    prs.core_properties.language = "nl-NL"
    shape = picture(titled_slide(prs, "Sfeer"), "Een sfeerbeeld")
    props = shape.find(f"*/{{{P}}}cNvPr")
    ext = etree.SubElement(etree.SubElement(props, f"{{{A}}}extLst"), f"{{{A}}}ext",
                           uri="{00000000-0000-0000-0000-000000000000}")
    etree.SubElement(ext, f"{{{ADEC}}}decorative", nsmap={"adec": ADEC}, val="1")
    return to_bytes(prs)


def _decorative_with_alt() -> bytes:
    prs = new_deck()
    prs.core_properties.language = "nl-NL"
    mark_decorative(picture(titled_slide(prs, "Sfeer"), "Een sfeerbeeld"))
    return to_bytes(prs)


MORE_CASES: dict[str, Callable[[], bytes]] = {
    "A11Y-LINK-BARE-URL": lambda: _linked("https://vng.nl/nota", "https://vng.nl/nota"),
    "A11Y-LINK-TEXT": lambda: _linked("klik hier", "https://vng.nl/nota"),
    "A11Y-LANGUAGE-UNMARKED": lambda: _text("This is the summary of the plan for you", "nl-NL"),
    "A11Y-LANGUAGE-MISMATCH": lambda: _text("Dit is de samenvatting van het plan", "en-US"),
    "A11Y-DECORATIVE-UNREAD": _flag_elsewhere,
    "A11Y-DECORATIVE-ALT": _decorative_with_alt,
    "A11Y-CONTRAST-RENDERED": lambda: _dark_picture_deck("333333"),
}
NEEDS_DRAWING = {"A11Y-CONTRAST-RENDERED"}


@pytest.mark.parametrize("code", sorted(MORE_CASES))
def test_each_crafted_deck_gives_exactly_its_code(code: str) -> None:
    deck = MORE_CASES[code]()
    draw = None
    if code in NEEDS_DRAWING:
        if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
            pytest.skip("needs LibreOffice and poppler")
        from deck_builder.delivery.slide_pictures import slide_pictures

        draw = slide_pictures
    found = check_deck(deck, draw=draw).findings
    assert {f.code for f in found} == {code}, [f.to_text() for f in found]
    assert {f.severity for f in found} == {CODES[code].severity}
    assert check_package(deck) == []
