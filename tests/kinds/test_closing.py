"""`kind: closing`: the last slide with a message and linked contact details."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pptx.presentation import Presentation as PresentationType

from tests.conftest import (
    LAYOUTS,
    Content,
    ContentMaker,
    assert_all_runs_tagged,
    assert_role_sizes,
    role_shape,
)

Builder = Callable[[Content], PresentationType]


def test_contact_addresses_become_links(make_content: ContentMaker, build_deck: Builder) -> None:
    slides = """\
    - kind: closing
      title: Vragen?
      body: Neem gerust contact met ons op.
      contact:
        - VNG, team Landelijk gebied
        - wieger.zwikstra@vng.nl
        - Meer op https://vng.nl/landelijk-gebied
    """
    prs = build_deck(make_content(slides))
    (slide,) = prs.slides
    assert slide.slide_layout.name == LAYOUTS["closing"]["layout"]
    assert role_shape(slide, "closing", "title").text_frame.text == "Vragen?"
    assert role_shape(slide, "closing", "body").text_frame.text == "Neem gerust contact met ons op."
    contact = role_shape(slide, "closing", "contact")
    lines = [p.text for p in contact.text_frame.paragraphs]
    assert lines == [
        "VNG, team Landelijk gebied",
        "wieger.zwikstra@vng.nl",
        "Meer op https://vng.nl/landelijk-gebied",
    ]
    links = {
        (r.text, r.hyperlink.address)
        for p in contact.text_frame.paragraphs
        for r in p.runs
        if r.hyperlink.address
    }
    assert links == {
        ("wieger.zwikstra@vng.nl", "mailto:wieger.zwikstra@vng.nl"),
        ("https://vng.nl/landelijk-gebied", "https://vng.nl/landelijk-gebied"),
    }
    for role in ("title", "body", "contact"):
        assert_role_sizes(slide, "closing", role)


def test_closing_defaults_to_a_dutch_thank_you(
    make_content: ContentMaker, build_deck: Builder
) -> None:
    prs = build_deck(make_content("- kind: closing\n"))
    slide = prs.slides[0]
    assert role_shape(slide, "closing", "title").text_frame.text == "Dank voor uw aandacht"
    assert role_shape(slide, "closing", "contact") is None


def test_english_deck_uses_english_defaults(
    make_content: ContentMaker, build_deck: Builder, tmp_path: Path
) -> None:
    prs = build_deck(
        make_content(
            "- kind: agenda\n- kind: section\n  title: One\n- kind: closing\n",
            meta={"language": "en"},
        )
    )
    assert role_shape(prs.slides[0], "agenda", "title").text_frame.text == "Agenda"
    assert role_shape(prs.slides[2], "closing", "title").text_frame.text == "Thank you"
    assert assert_all_runs_tagged(tmp_path / "out" / "deck.pptx", "en-GB") > 0
