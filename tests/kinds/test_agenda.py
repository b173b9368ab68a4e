"""`kind: agenda`: a numbered list, given or taken from the section slides."""

from __future__ import annotations

from tests.conftest import (
    NS,
    KindSlide,
    SlideBuilder,
    bullet_marks,
    kind_slides,
    slide_name,
    text_runs,
)


def test_agenda_items_are_numbered(build_slides: SlideBuilder) -> None:
    slides = """\
    - kind: agenda
      title: Programma
      items:
        - Opening
        - Zienswijze *Nota Ruimte*
        - Rondvraag
    """
    (agenda,) = kind_slides(build_slides(slides), "agenda")
    agenda.check({"title": "Programma"}, sized=("title", "body"))
    assert agenda.paragraphs("body") == [
        "Opening",
        "Zienswijze Nota Ruimte",
        "Rondvraag",
    ]
    body = agenda.shape("body")
    assert bullet_marks(body) == ["auto", "auto", "auto"]
    assert [r.text for r in text_runs(body) if r.font.italic] == ["Nota Ruimte"]


def test_agenda_without_items_lists_the_section_titles(build_slides: SlideBuilder) -> None:
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
    agenda = KindSlide(build_slides(slides).slides[0], "agenda")
    assert slide_name(agenda.slide) == "agenda:1"
    # The default title is the Dutch word for agenda.
    agenda.check({"title": "Agenda"})
    assert agenda.paragraphs("body") == [
        "Nota Ruimte",
        "De Nieuwe Polder",
        "Overige actualiteiten",
    ]
    assert set(bullet_marks(agenda.shape("body"))) == {"auto"}


def test_a_very_long_agenda_continues(build_slides: SlideBuilder) -> None:
    items = [f"Agendapunt nummer {n} met een wat langere omschrijving" for n in range(40)]
    listed = "".join(f"    - {item}\n" for item in items)
    parts = kind_slides(build_slides("- kind: agenda\n  id: lang\n  items:\n" + listed), "agenda")
    assert len(parts) >= 2
    assert slide_name(parts[1].slide) == "agenda:lang:2"
    assert parts[1].text("title") == "Agenda (vervolg)"
    assert [text for part in parts for text in part.paragraphs("body")] == items
    for part in parts:
        part.sizes("body")


def test_numbering_carries_on_over_a_continued_agenda(build_slides: SlideBuilder) -> None:
    items = "".join(f"    - Agendapunt {n}\n" for n in range(1, 61))
    parts = kind_slides(build_slides("- kind: agenda\n  items:\n" + items), "agenda")
    assert len(parts) >= 2
    first, second = parts[0].shape("body"), parts[1].shape("body")
    shown_before = len(first.text_frame.paragraphs)
    number = second._element.find(".//a:p/a:pPr/a:buAutoNum", NS)
    assert number is not None
    # The first item on the second slide is item shown_before + 1.
    assert second.text_frame.paragraphs[0].text == f"Agendapunt {shown_before + 1}"
    assert number.get("startAt") == str(shown_before + 1)
