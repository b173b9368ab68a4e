"""Link text: bare web addresses and phrases that name no destination are found."""

from __future__ import annotations

from pptx.slide import Slide

from deck_builder.checks import check_deck
from tests.checks.decks import new_deck, text_box, titled_slide, to_bytes


def _linked(slide: Slide, text: str, url: str) -> None:
    shape = slide.shapes.add_textbox(914400, 914400 * 2, 914400 * 6, 914400)
    paragraph = shape.text_frame.paragraphs[0]
    before = paragraph.add_run()
    before.text = "Zie "
    run = paragraph.add_run()
    run.text = text
    run.hyperlink.address = url


def _codes(data: bytes) -> list[tuple[str, int | None, str]]:
    return [(f.code, f.slide, f.message) for f in check_deck(data).findings
            if f.code.startswith("A11Y-LINK")]


def test_a_bare_web_address_as_link_text_is_found() -> None:
    prs = new_deck()
    _linked(titled_slide(prs, "Partners"), "https://www.ipo.nl/", "https://www.ipo.nl/")
    found = _codes(to_bytes(prs))
    assert [(code, slide) for code, slide, _ in found] == [("A11Y-LINK-BARE-URL", 1)]
    assert "[name](https://www.ipo.nl/)" in found[0][2]


def test_a_web_address_without_scheme_is_bare_too() -> None:
    prs = new_deck()
    _linked(titled_slide(prs, "Partners"), "www.ipo.nl", "https://www.ipo.nl")
    assert [code for code, _, _ in _codes(to_bytes(prs))] == ["A11Y-LINK-BARE-URL"]


def test_a_named_link_and_an_email_address_pass() -> None:
    prs = new_deck()
    slide = titled_slide(prs, "Contact")
    _linked(slide, "Interprovinciaal Overleg", "https://www.ipo.nl")
    _linked(slide, "info@vng.nl", "mailto:info@vng.nl")
    assert _codes(to_bytes(prs)) == []


def test_vague_link_text_is_found() -> None:
    prs = new_deck()
    _linked(titled_slide(prs, "Meer"), "klik hier", "https://vng.nl/nota")
    found = _codes(to_bytes(prs))
    assert [code for code, _, _ in found] == ["A11Y-LINK-TEXT"]
    assert '"klik hier"' in found[0][2]


def test_a_linked_shape_without_text_or_alt_text_has_no_name() -> None:
    prs = new_deck()
    slide = titled_slide(prs, "Logo")
    box = slide.shapes.add_shape(1, 914400, 914400 * 2, 914400, 914400)
    box.click_action.hyperlink.address = "https://vng.nl"
    text_box(slide, "Tekst")
    found = _codes(to_bytes(prs))
    assert [code for code, _, _ in found] == ["A11Y-LINK-TEXT"]
    assert "no text and no alt text" in found[0][2]
