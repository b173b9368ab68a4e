"""`kind: title`: the opening slide, filled from the deck metadata."""

from __future__ import annotations

from tests.conftest import SlideBuilder, kind_slides, slide_name, text_runs

META = {
    "title": "Actualiteiten landelijk gebied",
    "subtitle": "Ruimte en natuur",
    "presenter": "Team Landelijk gebied",
    "date": "2026-03-01",
}


def test_title_slide_shows_the_deck_metadata(build_slides: SlideBuilder) -> None:
    (slide,) = kind_slides(build_slides("- kind: title\n  id: opening\n", meta=META), "title")
    assert slide_name(slide.slide) == "title:opening"
    shown = {role: META[role] for role in ("title", "subtitle", "presenter")}
    # The date in Dutch, written out: 1 March 2026.
    slide.check({**shown, "date": "1 maart 2026"}, sized=("title", "subtitle", "date", "presenter"))


def test_slide_fields_override_the_metadata(build_slides: SlideBuilder) -> None:
    slides = """\
    - kind: title
      title: Eigen **titel**
      subtitle: Eigen ondertitel
      presenter: Iemand anders
      date: Voorjaar 2026
      notes: Welkom.
    """
    (slide,) = kind_slides(build_slides(slides, meta=META), "title")
    slide.check(
        {
            "title": "Eigen titel",
            "subtitle": "Eigen ondertitel",
            "presenter": "Iemand anders",
            "date": "Voorjaar 2026",
        }
    )
    assert [run.text for run in text_runs(slide.shape("title")) if run.font.bold] == ["titel"]
    assert slide.slide.notes_slide.notes_text_frame.text == "Welkom."


def test_metadata_markup_characters_are_shown_as_written(build_slides: SlideBuilder) -> None:
    # Metadata is plain text: stars in the deck title are not bold markup.
    title = "Dit *is* **geen** opmaak"
    (slide,) = kind_slides(build_slides("- kind: title\n", meta={"title": f'"{title}"'}), "title")
    assert slide.text("title") == title
    assert not any(run.font.bold for run in text_runs(slide.shape("title")))


def test_without_subtitle_or_presenter_no_empty_placeholders_remain(
    build_slides: SlideBuilder,
) -> None:
    (slide,) = kind_slides(build_slides("- kind: title\n"), "title")
    assert slide.shape("subtitle") is None
    assert slide.shape("presenter") is None
    for shape in slide.slide.placeholders:
        assert shape.text_frame.text.strip(), f"empty placeholder {shape.name} left on slide"
