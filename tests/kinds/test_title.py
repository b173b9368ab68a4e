"""`kind: title`: the opening slide, filled from the deck metadata."""

from __future__ import annotations

from collections.abc import Callable

from pptx.presentation import Presentation as PresentationType

from tests.conftest import (
    LAYOUTS,
    Content,
    ContentMaker,
    assert_role_sizes,
    role_shape,
    slide_name,
)

Builder = Callable[[Content], PresentationType]
META = {
    "title": "Actualiteiten landelijk gebied",
    "subtitle": "Ruimte en natuur",
    "presenter": "Team Landelijk gebied",
    "date": "2026-03-01",
}


def test_title_slide_shows_the_deck_metadata(
    make_content: ContentMaker, build_deck: Builder
) -> None:
    prs = build_deck(make_content("- kind: title\n  id: opening\n", meta=META))
    (slide,) = prs.slides
    assert slide.slide_layout.name == LAYOUTS["title"]["layout"]
    assert slide_name(slide) == "title:opening"
    assert role_shape(slide, "title", "title").text_frame.text == META["title"]
    assert role_shape(slide, "title", "subtitle").text_frame.text == META["subtitle"]
    assert role_shape(slide, "title", "presenter").text_frame.text == META["presenter"]
    # The date in Dutch, written out: 1 March 2026.
    assert role_shape(slide, "title", "date").text_frame.text == "1 maart 2026"
    for role in ("title", "subtitle", "date", "presenter"):
        assert_role_sizes(slide, "title", role)


def test_slide_fields_override_the_metadata(
    make_content: ContentMaker, build_deck: Builder
) -> None:
    slides = """\
    - kind: title
      title: Eigen **titel**
      subtitle: Eigen ondertitel
      presenter: Iemand anders
      date: Voorjaar 2026
      notes: Welkom.
    """
    prs = build_deck(make_content(slides, meta=META))
    slide = prs.slides[0]
    title = role_shape(slide, "title", "title")
    assert title.text_frame.text == "Eigen titel"
    bold = [run.text for p in title.text_frame.paragraphs for run in p.runs if run.font.bold]
    assert bold == ["titel"]
    assert role_shape(slide, "title", "subtitle").text_frame.text == "Eigen ondertitel"
    assert role_shape(slide, "title", "presenter").text_frame.text == "Iemand anders"
    assert role_shape(slide, "title", "date").text_frame.text == "Voorjaar 2026"
    assert slide.notes_slide.notes_text_frame.text == "Welkom."


def test_metadata_markup_characters_are_shown_as_written(
    make_content: ContentMaker, build_deck: Builder
) -> None:
    # Metadata is plain text: stars in the deck title are not bold markup.
    prs = build_deck(make_content("- kind: title\n", meta={"title": '"Dit *is* **geen** opmaak"'}))
    title = role_shape(prs.slides[0], "title", "title")
    assert title.text_frame.text == "Dit *is* **geen** opmaak"
    assert not any(run.font.bold for p in title.text_frame.paragraphs for run in p.runs)


def test_without_subtitle_or_presenter_no_empty_placeholders_remain(
    make_content: ContentMaker, build_deck: Builder
) -> None:
    prs = build_deck(make_content("- kind: title\n"))
    slide = prs.slides[0]
    assert role_shape(slide, "title", "subtitle") is None
    assert role_shape(slide, "title", "presenter") is None
    for shape in slide.placeholders:
        assert shape.text_frame.text.strip(), f"empty placeholder {shape.name} left on slide"
