"""`import EDITED.pptx --update CONTENT`: edits made in PowerPoint back into the YAML."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from deck_builder import pipeline
from deck_builder.importing.update import update
from tests.conftest import CONTENT_DIR, Cli, slide_name
from tests.stress.pictures import copy_stress_set

Edit = Callable[[Any], None]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the default content, to edit."""
    return Path(shutil.copytree(CONTENT_DIR, tmp_path / "content"))


def edited(content: Path, tmp_path: Path, edits: dict[str, Edit],
           afdeling: str | None = None) -> Path:
    """The deck built from `content`, with `edits` made by slide name, saved as a copy."""
    built = tmp_path / "built.pptx"
    pipeline.build(content, built, afdeling=afdeling)
    prs = Presentation(str(built))
    for slide in prs.slides:
        edit = edits.get(slide_name(slide))
        if edit is not None:
            edit(slide)
    out = tmp_path / "edited.pptx"
    prs.save(str(out))
    return out


def body_of(slide: Any) -> Any:
    """The slide's largest text placeholder other than the title."""
    shapes = [s for s in slide.placeholders if s.has_text_frame
              and s.placeholder_format.idx != 0]
    return max(shapes, key=lambda s: len(s.text_frame.text))


def changed_lines(before: Path, after: Path) -> list[tuple[str, str]]:
    """(old line, new line) pairs of two versions of a file with the same line count."""
    old = before.read_text(encoding="utf-8").splitlines()
    new = after.read_text(encoding="utf-8").splitlines()
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_a_title_a_bullet_and_the_notes_go_back_into_their_lines(
    content: Path, tmp_path: Path
) -> None:
    def constateringen(slide: Any) -> None:
        slide.shapes.title.text_frame.paragraphs[0].runs[0].text = "Onze constateringen"
        paragraph = body_of(slide).text_frame.paragraphs[2]
        run = paragraph.runs[0]
        text = run.text
        run.text = text[:10]  # PowerPoint splits runs as it likes
        paragraph.add_run().text = text[10:].replace("nu geen", "nu nog geen")

    def title(slide: Any) -> None:
        slide.notes_slide.notes_text_frame.text = "Welkom, en een korte voorstelronde."

    deck = edited(content, tmp_path, {"bullets:constateringen": constateringen,
                                      "title:titel": title})
    report = update(deck, content)
    section = content / "sections" / "01-nota-ruimte.yaml"
    assert changed_lines(CONTENT_DIR / "sections" / "01-nota-ruimte.yaml", section) == [
        ("  title: Constateringen", "  title: Onze constateringen"),
        ("    - Bij de ontwerp-Nota is nu geen uitvoeringsagenda of investeringsagenda "
         "bijgevoegd.",
         "    - Bij de ontwerp-Nota is nu nog geen uitvoeringsagenda of investeringsagenda "
         "bijgevoegd."),
    ]
    assert changed_lines(CONTENT_DIR / "deck.yaml", content / "deck.yaml") == [
        ("    notes: Welkom en korte voorstelronde.",
         "    notes: Welkom, en een korte voorstelronde."),
    ]
    assert [str(change).split(": ", 1)[0].rsplit("/", 1)[-1] for change in report.changes] \
        == ["deck.yaml:17", "01-nota-ruimte.yaml:42", "01-nota-ruimte.yaml:34"]
    assert report.unplaced == []
    rebuilt = tmp_path / "rebuilt.pptx"
    pipeline.build(content, rebuilt)
    titles = [s.shapes.title.text_frame.text for s in Presentation(str(rebuilt)).slides
              if s.shapes.title is not None]
    assert "Onze constateringen" in titles


def test_a_folded_text_stays_folded_and_curly_quotes_are_no_edit(
    content: Path, tmp_path: Path
) -> None:
    def constateringen(slide: Any) -> None:
        run = body_of(slide).text_frame.paragraphs[0].runs[0]
        run.text = run.text.replace("Blij met", "Erg blij met")

    def quote(slide: Any) -> None:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.startswith('"De Nota'):
                run = shape.text_frame.paragraphs[0].runs[0]
                run.text = "“" + run.text[1:-1] + "”"

    deck = edited(content, tmp_path, {"bullets:constateringen": constateringen,
                                      "quote:nota-ruimte-citaat": quote})
    report = update(deck, content)
    assert len(report.changes) == 1
    text = (content / "sections" / "01-nota-ruimte.yaml").read_text(encoding="utf-8")
    assert "    - >-\n      Erg blij met een langetermijnvisie" in text
    loaded = pipeline.load_deck(content)
    assert any("Erg blij met" in str(slide) for slide in loaded.slides)


def test_a_dry_run_writes_nothing(content: Path, tmp_path: Path) -> None:
    def constateringen(slide: Any) -> None:
        slide.shapes.title.text_frame.paragraphs[0].runs[0].text = "Anders"

    deck = edited(content, tmp_path, {"bullets:constateringen": constateringen})
    before = {p: p.read_bytes() for p in content.rglob("*.yaml")}
    report = update(deck, content, dry_run=True)
    assert len(report.changes) == 1
    assert report.written == []
    assert {p: p.read_bytes() for p in content.rglob("*.yaml")} == before


def test_added_and_deleted_slides_and_added_bullets_are_listed_not_guessed(
    content: Path, tmp_path: Path
) -> None:
    def constateringen(slide: Any) -> None:
        body_of(slide).text_frame.add_paragraph().text = "Een nieuw punt"

    deck = edited(content, tmp_path, {"bullets:constateringen": constateringen})
    prs = Presentation(str(deck))
    extra = prs.slides.add_slide(prs.slide_layouts[1])
    extra.shapes.title.text = "Nieuwe dia"
    slides = prs.slides._sldIdLst
    slides.remove(slides[4])  # a slide deleted
    prs.save(str(deck))
    before = {p: p.read_bytes() for p in content.rglob("*.yaml")}
    report = update(deck, content)
    assert report.changes == []
    assert {p: p.read_bytes() for p in content.rglob("*.yaml")} == before
    text = "\n".join(report.unplaced)
    assert "'Nieuwe dia') was added" in text
    assert "was deleted" in text
    assert "'Constateringen'), body: bullets or paragraphs were added" in text


def test_an_afdeling_edit_goes_into_its_overlay(content: Path, tmp_path: Path) -> None:
    def resolutie(slide: Any) -> None:
        slide.shapes.title.text_frame.paragraphs[0].runs[0].text = "Resolutie in Drenthe"

    deck = edited(content, tmp_path, {"statistic:resolutie": resolutie}, afdeling="drenthe")
    report = update(deck, content, afdeling="drenthe")
    assert len(report.changes) == 1
    assert report.changes[0].where.path.name == "afdelingen.yaml"
    base = tmp_path / "base.pptx"
    pipeline.build(content, base)
    assert "Resolutie in Drenthe" not in _titles(base)
    drenthe = tmp_path / "drenthe.pptx"
    pipeline.build(content, drenthe, afdeling="drenthe")
    assert "Resolutie in Drenthe" in _titles(drenthe)


def _titles(path: Path) -> list[str]:
    return [s.shapes.title.text_frame.text for s in Presentation(str(path)).slides
            if s.shapes.title is not None]


def test_a_partner_renamed_on_its_tile_is_renamed_in_partners_yaml(tmp_path: Path) -> None:
    content = copy_stress_set(tmp_path / "stress")

    def partners(slide: Any) -> None:
        for shape in slide.shapes:
            if shape.name == "Tegel LTO":
                shape.text_frame.paragraphs[-1].runs[0].text = "LTO Nederland"

    deck = edited(content, tmp_path, {"partners:partners": partners})
    report = update(deck, content)
    assert [change.new for change in report.changes] == ["LTO Nederland"]
    assert "  name: LTO Nederland\n" in (content / "partners.yaml").read_text(encoding="utf-8")


def test_the_command_prints_each_change_with_its_line(cli: Cli, content: Path,
                                                      tmp_path: Path) -> None:
    def constateringen(slide: Any) -> None:
        slide.shapes.title.text_frame.paragraphs[0].runs[0].text = "Anders"

    deck = edited(content, tmp_path, {"bullets:constateringen": constateringen})
    result = cli("import", str(deck), "--update", str(content), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith("01-nota-ruimte.yaml:34: Constateringen → Anders")


def test_an_edited_table_cell_goes_back_into_its_yaml_cell_or_is_listed(
    tmp_path: Path,
) -> None:
    content = tmp_path / "cijfers"
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "cijfers"
    shutil.copytree(fixture, content)

    def cell(row: int, column: int, text: str) -> Edit:
        def edit(slide: Any) -> None:
            (shape,) = [s for s in slide.shapes if s.has_table]
            shape.table.cell(row, column).text_frame.paragraphs[0].runs[0].text = text
        return edit

    deck = edited(content, tmp_path, {
        "table:2": cell(2, 1, "€ 990.000"),  # rows written in the YAML
        "table:woningbouw": cell(1, 1, "1.300"),  # rows from a CSV file
    })
    report = update(deck, content)
    assert changed_lines(fixture / "deck.yaml", content / "deck.yaml") == [
        ("      - ['Natuur', '987.654', '-1']", "      - ['Natuur', '€ 990.000', '-1']")]
    assert len(report.unplaced) == 1
    assert report.unplaced[0].startswith("slide 1 ('Woningbouw per regio'), rows 1, value 2:")
    rebuilt = tmp_path / "rebuilt.pptx"
    pipeline.build(content, rebuilt)
    (frame,) = [s for s in Presentation(str(rebuilt)).slides[1].shapes if s.has_table]
    assert frame.table.cell(2, 1).text == "€ 990.000"


def test_a_new_picture_and_a_moved_shape_are_listed_not_guessed(
    content: Path, tmp_path: Path
) -> None:
    import io

    from PIL import Image
    from pptx.util import Emu

    def constateringen(slide: Any) -> None:
        picture = io.BytesIO()
        Image.new("RGB", (60, 40), "#e5761a").save(picture, "PNG")
        slide.shapes.add_picture(picture, Emu(100000), Emu(100000))

    def moved(slide: Any) -> None:
        # As PowerPoint writes a moved shape: its whole position and size.
        title = slide.shapes.title
        x, y, w, h = int(title.left), int(title.top), int(title.width), int(title.height)
        title.left, title.top, title.width, title.height = x + 900000, y, w, h

    deck = edited(content, tmp_path, {"bullets:constateringen": constateringen,
                                      "bullets:elementen-zienswijze": moved})
    before = {p: p.read_bytes() for p in content.rglob("*.yaml")}
    report = update(deck, content)
    assert report.changes == []
    assert {p: p.read_bytes() for p in content.rglob("*.yaml")} == before
    text = "\n".join(report.unplaced)
    assert "a picture was added, removed or replaced" in text
    assert "moved or resized in PowerPoint" in text
    assert len(report.unplaced) == 2
