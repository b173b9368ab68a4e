"""Slide keys (same picture ⇔ same key) and what the page is told about each slide."""

from __future__ import annotations

from pathlib import Path

from deck_builder import pipeline
from deck_builder.checks.package import open_package
from deck_builder.errors import Problem, SourceRef
from deck_builder.serve.slides import accessibility_notes, slide_keys, slide_views
from tests.conftest import make_png
from tests.serve.conftest import write_small


def built(folder: Path, afdeling: str | None = None) -> tuple[bytes, list, list[Problem]]:
    deck = pipeline.load_deck(folder, afdeling)
    session = pipeline.open_session(pipeline.open_template(deck))
    plans: list = []
    warnings: list[Problem] = []
    data, _, _ = pipeline.build_bytes(deck, session, plans_out=plans, warnings_out=warnings)
    return data, plans, warnings


def keys(folder: Path) -> list[str]:
    data = built(folder)[0]
    return slide_keys(data, open_package(data))


def test_the_same_content_gives_the_same_keys(tmp_path: Path) -> None:
    folder = write_small(tmp_path / "c")
    first = keys(folder)
    assert len(first) == 4
    assert len(set(first)) == 4
    assert keys(folder) == first


def test_an_edit_changes_the_key_of_its_slide_only(tmp_path: Path) -> None:
    folder = write_small(tmp_path / "c")
    before = keys(folder)
    section = folder / "sections/een.yaml"
    section.write_text(section.read_text().replace("Twee", "Twee en een half"))
    after = keys(folder)
    assert [a == b for a, b in zip(before, after, strict=True)] == [True, False, True, True]


def test_a_new_picture_changes_the_key_of_the_slide_showing_it(tmp_path: Path) -> None:
    folder = write_small(tmp_path / "c")
    before = keys(folder)
    make_png(folder / "images/foto.png", (400, 300), "#00aa00")  # same size, other pixels
    after = keys(folder)
    assert [a == b for a, b in zip(before, after, strict=True)] == [True, True, False, True]


def test_an_inserted_slide_renumbers_the_ones_after_it(tmp_path: Path) -> None:
    # The footer shows the slide number, so the slides after an insertion look different.
    folder = write_small(tmp_path / "c")
    before = keys(folder)
    deck = folder / "deck.yaml"
    deck.write_text(deck.read_text().replace(
        "  - include", "  - kind: section\n    title: Nieuw\n  - include"))
    after = keys(folder)
    assert after[0] == before[0]
    assert len(after) == 5
    assert not set(after[2:]) & set(before[1:])


def test_views_carry_title_source_text_and_the_warnings_of_their_lines(tmp_path: Path) -> None:
    folder = write_small(tmp_path / "c")
    section = folder / "sections/een.yaml"
    section.write_text(section.read_text().replace(
        "quote: Een citaat", "quote: " + "Een heel lang citaat dat niet past " * 12))
    data, plans, warnings = built(folder)
    assert warnings, "the long quote should have been shrunk"
    views, loose = slide_views(data, plans, warnings)
    assert [view.title for view in views] == ["Proefdeck", "Punten", "Citaat", "Kolommen"]
    assert views[1].source.endswith("een.yaml:1")
    assert views[2].source.endswith("een.yaml:5")
    assert [note.code for note in views[2].notes] == ["FIT-WARNING"]
    assert all(not view.notes for index, view in enumerate(views) if index != 2)
    assert loose == []
    body = next(block for block in views[1].text if block["role"] == "body")
    assert [(p["text"], p["bullet"]) for p in body["paragraphs"]] == [
        ("Een", True), ("Twee", True), ("Drie", True)]


def test_a_warning_without_a_slide_belongs_to_the_deck(tmp_path: Path) -> None:
    folder = write_small(tmp_path / "c")
    data, plans, _ = built(folder)
    elsewhere = Problem("in afdelingen.yaml", SourceRef(folder / "afdelingen.yaml", 3, 5))
    _views, loose = slide_views(data, plans, [elsewhere])
    assert [note.message for note in loose] == ["in afdelingen.yaml"]
    assert loose[0].where.endswith("afdelingen.yaml:3:5")


def test_accessibility_findings_are_beside_their_slide(tmp_path: Path) -> None:
    folder = write_small(tmp_path / "c")
    section = folder / "sections/een.yaml"
    # Two slides with one title: the accessibility check's A11Y-DUP-TITLE.
    section.write_text(section.read_text().replace("title: Kolommen", "title: Punten"))
    data, plans, warnings = built(folder)
    views, _ = slide_views(data, plans, warnings)
    assert accessibility_notes(data, views) == []  # nothing about the deck as a whole
    assert "A11Y-DUP-TITLE" in {note.code for note in views[3].notes}
    assert not any(note.code.startswith("A11Y") for note in views[0].notes)


def test_a_continued_slide_carries_its_warning_on_every_part(tmp_path: Path) -> None:
    folder = write_small(tmp_path / "c")
    section = folder / "sections/een.yaml"
    long_body = ", ".join(f"Punt {n} met een flinke zin erachter om te vullen" for n in range(40))
    section.write_text(section.read_text().replace("[Een, Twee, Drie]", f"[{long_body}]"))
    data, plans, warnings = built(folder)
    views, _ = slide_views(data, plans, warnings)
    continued = [view for view in views if view.source.endswith("een.yaml:1")]
    assert len(continued) > 1
    for view in continued:
        assert any("continues on" in note.message for note in view.notes)
    assert not any(note.code == "FIT-WARNING" for note in views[0].notes)
