"""`kind: closing`: the last slide with a message and linked contact details."""

from __future__ import annotations

from pathlib import Path

from pptx.util import Emu, Pt

from tests.conftest import (
    BUILT_DECK,
    KindSlide,
    SlideBuilder,
    assert_all_runs_tagged,
    kind_slides,
    linked_runs,
    rect_of,
)


def test_contact_addresses_become_links(build_slides: SlideBuilder) -> None:
    slides = """\
    - kind: closing
      title: Vragen?
      body: Neem gerust contact met ons op.
      contact:
        - VNG, team Landelijk gebied
        - wieger.zwikstra@vng.nl
        - Meer op https://vng.nl/landelijk-gebied
    """
    (slide,) = kind_slides(build_slides(slides), "closing")
    slide.check(
        {"title": "Vragen?", "body": "Neem gerust contact met ons op."},
        sized=("title", "body", "contact"),
    )
    assert slide.paragraphs("contact") == [
        "VNG, team Landelijk gebied",
        "wieger.zwikstra@vng.nl",
        "Meer op https://vng.nl/landelijk-gebied",
    ]
    assert set(linked_runs(slide.shape("contact"))) == {
        ("wieger.zwikstra@vng.nl", "mailto:wieger.zwikstra@vng.nl"),
        ("https://vng.nl/landelijk-gebied", "https://vng.nl/landelijk-gebied"),
    }


def test_closing_defaults_to_a_dutch_thank_you(build_slides: SlideBuilder) -> None:
    (slide,) = kind_slides(build_slides("- kind: closing\n"), "closing")
    assert slide.text("title") == "Dank voor uw aandacht"
    assert slide.shape("contact") is None


def test_english_deck_uses_english_defaults(build_slides: SlideBuilder, tmp_path: Path) -> None:
    prs = build_slides(
        "- kind: agenda\n- kind: section\n  title: One\n- kind: closing\n",
        meta={"language": "en"},
    )
    assert KindSlide(prs.slides[0], "agenda").text("title") == "Agenda"
    assert KindSlide(prs.slides[2], "closing").text("title") == "Thank you"
    assert assert_all_runs_tagged(tmp_path / BUILT_DECK, "en-GB") > 0


def test_the_divider_is_as_long_as_the_text_it_divides(build_slides: SlideBuilder) -> None:
    def divider(contact: str) -> tuple[int, int, int, int]:
        slides = (f"- kind: closing\n  body: Neem gerust contact met ons op.\n"
                  f"  contact: {contact}\n")
        (slide,) = kind_slides(build_slides(slides), "closing")
        (line,) = [s for s in slide.slide.shapes if s.name == "Scheidingslijn"]
        body, contact_box = rect_of(slide.shape("body")), rect_of(slide.shape("contact"))
        # Between the two, from the top of their text.
        assert body[0] + body[2] <= line.left < contact_box[0]
        assert contact_box[1] <= line.top < contact_box[1] + Emu(Pt(12))
        return rect_of(line)

    two, five = divider("[VNG, a@vng.nl]"), divider("[VNG, a, b, c, d@vng.nl]")
    # It grows with the text: three lines (paragraphs) more for three more.
    assert Emu(Pt(3 * 18)) <= five[3] - two[3] <= Emu(Pt(3 * 22 * 1.8))


def test_no_divider_without_contact_details(build_slides: SlideBuilder) -> None:
    (slide,) = kind_slides(build_slides("- kind: closing\n  body: Tot ziens.\n"), "closing")
    assert [s for s in slide.slide.shapes if s.name == "Scheidingslijn"] == []
