"""The language of every run: unmarked foreign text and wrongly marked text are found."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deck_builder.checks import check_deck
from deck_builder.checks.language import reads_as
from deck_builder.content_check import check_content
from tests.checks.decks import new_deck, text_box, titled_slide, to_bytes
from tests.conftest import ContentMaker

ENGLISH = "This is the summary of the plan for the region"
DUTCH = "Dit is de samenvatting van het plan voor de regio"


def _deck(text: str, run_lang: str, deck_lang: str = "nl-NL") -> bytes:
    prs = new_deck()
    prs.core_properties.language = deck_lang
    box = text_box(titled_slide(prs, "Samenvatting"), text)
    for props in box.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}rPr"):
        props.set("lang", run_lang)
    return to_bytes(prs)


def _found(data: bytes) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in check_deck(data).findings
            if f.code.startswith("A11Y-LANGUAGE")]


def test_english_text_marked_as_the_decks_dutch_is_found() -> None:
    found = _found(_deck(ENGLISH, "nl-NL"))
    assert [code for code, _ in found] == ["A11Y-LANGUAGE-UNMARKED"]
    assert "reads as English" in found[0][1]
    assert "(lang:en)" in found[0][1]


def test_english_text_marked_as_english_passes() -> None:
    assert _found(_deck(ENGLISH, "en-GB")) == []


def test_dutch_text_marked_as_english_is_found() -> None:
    found = _found(_deck(DUTCH, "en-US"))
    assert [code for code, _ in found] == ["A11Y-LANGUAGE-MISMATCH"]


def test_short_text_and_names_are_not_judged() -> None:
    assert _found(_deck("stakeholder management", "nl-NL")) == []
    assert _found(_deck("Vereniging van Nederlandse Gemeenten", "en-US")) == []


@pytest.mark.parametrize(("text", "language"), [
    (ENGLISH, "en"), (DUTCH, "nl"),
    ("Wir sind nicht mit der Lösung zufrieden", "de"),
    ("Nous ne sommes pas contents avec cette solution", "fr"),
])
def test_text_is_recognised(text: str, language: str) -> None:
    assert reads_as(text) == language


@given(st.text(max_size=200))
def test_recognition_never_fails(text: str) -> None:
    assert reads_as(text) in {None, "nl", "en", "de", "fr"}


def test_content_points_at_the_slide_with_unmarked_english(make_content: ContentMaker) -> None:
    content = make_content("""
        - kind: bullets
          title: Samenvatting
          body:
            - This is the summary of the plan for the region
            - Dit is de samenvatting van het plan voor de regio
        - kind: bullets
          title: Gemarkeerd
          body:
            - "[This is the summary of the plan for the region](lang:en)"
        """)
    found = [f for f in check_content(content.dir).findings
             if f.code.startswith("A11Y-LANGUAGE")]
    assert [(f.code, f.slide) for f in found] == [("A11Y-LANGUAGE-UNMARKED", 1)]
    line, _ = content.where("- kind: bullets")
    assert found[0].where is not None
    assert (found[0].where.path.name, found[0].where.line) == ("deck.yaml", line)
