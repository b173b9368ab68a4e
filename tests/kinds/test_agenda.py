"""`kind: agenda`: a numbered list, given or taken from the section slides."""

from __future__ import annotations

from collections.abc import Callable

from pptx.presentation import Presentation as PresentationType

from tests.conftest import (
    LAYOUTS,
    NS,
    Content,
    ContentMaker,
    assert_role_sizes,
    role_shape,
    slide_name,
)

Builder = Callable[[Content], PresentationType]


def numbered(shape: object) -> list[bool]:
    """Per paragraph: does it carry an automatic number?"""
    paragraphs = shape._element.findall(".//a:p", NS)  # type: ignore[attr-defined]
    return [p.find("a:pPr/a:buAutoNum", NS) is not None for p in paragraphs]


def test_agenda_items_are_numbered(make_content: ContentMaker, build_deck: Builder) -> None:
    slides = """\
    - kind: agenda
      title: Programma
      items:
        - Opening
        - Zienswijze *Nota Ruimte*
        - Rondvraag
    """
    prs = build_deck(make_content(slides))
    (slide,) = prs.slides
    assert slide.slide_layout.name == LAYOUTS["agenda"]["layout"]
    assert role_shape(slide, "agenda", "title").text_frame.text == "Programma"
    body = role_shape(slide, "agenda", "body")
    assert [p.text for p in body.text_frame.paragraphs] == [
        "Opening",
        "Zienswijze Nota Ruimte",
        "Rondvraag",
    ]
    assert numbered(body) == [True, True, True]
    italic = [r.text for p in body.text_frame.paragraphs for r in p.runs if r.font.italic]
    assert italic == ["Nota Ruimte"]
    assert_role_sizes(slide, "agenda", "title")
    assert_role_sizes(slide, "agenda", "body")


def test_agenda_without_items_lists_the_section_titles(
    make_content: ContentMaker, build_deck: Builder
) -> None:
    slides = """\
    - kind: agenda
    - kind: section
      title: Nota Ruimte
    - kind: bullets
      title: Tussendoor
      body: [iets]
    - kind: section
      title: De Nieuwe Polder
      subtitle: Formatie
    - kind: section
      title: Overige actualiteiten
    """
    prs = build_deck(make_content(slides))
    agenda = prs.slides[0]
    assert slide_name(agenda) == "agenda:1"
    # The default title is the Dutch word for agenda.
    assert role_shape(agenda, "agenda", "title").text_frame.text == "Agenda"
    body = role_shape(agenda, "agenda", "body")
    assert [p.text for p in body.text_frame.paragraphs] == [
        "Nota Ruimte",
        "De Nieuwe Polder",
        "Overige actualiteiten",
    ]
    assert all(numbered(body))


def test_a_very_long_agenda_continues(make_content: ContentMaker, build_deck: Builder) -> None:
    items = "".join(
        f"    - Agendapunt nummer {n} met een wat langere omschrijving\n" for n in range(40)
    )
    prs = build_deck(make_content("- kind: agenda\n  id: lang\n  items:\n" + items))
    assert len(prs.slides) >= 2
    assert slide_name(prs.slides[1]) == "agenda:lang:2"
    assert role_shape(prs.slides[1], "agenda", "title").text_frame.text == "Agenda (vervolg)"
    shown = [
        p.text
        for slide in prs.slides
        for p in role_shape(slide, "agenda", "body").text_frame.paragraphs
    ]
    assert shown == [f"Agendapunt nummer {n} met een wat langere omschrijving" for n in range(40)]
    for slide in prs.slides:
        assert_role_sizes(slide, "agenda", "body")


def test_numbering_carries_on_over_a_continued_agenda(
    make_content: ContentMaker, build_deck: Builder
) -> None:
    items = "".join(f"    - Agendapunt {n}\n" for n in range(1, 61))
    prs = build_deck(make_content("- kind: agenda\n  items:\n" + items))
    assert len(prs.slides) >= 2
    first = role_shape(prs.slides[0], "agenda", "body")
    second = role_shape(prs.slides[1], "agenda", "body")
    shown_before = len(first.text_frame.paragraphs)
    number = second._element.find(".//a:p/a:pPr/a:buAutoNum", NS)
    assert number is not None
    # The first item on the second slide is item shown_before + 1.
    assert second.text_frame.paragraphs[0].text == f"Agendapunt {shown_before + 1}"
    assert number.get("startAt") == str(shown_before + 1)
