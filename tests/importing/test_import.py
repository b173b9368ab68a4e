"""`deck-builder import`: decks made elsewhere and our own decks, into content that builds."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from deck_builder import pipeline
from deck_builder.errors import DeckError
from deck_builder.importing import import_deck
from tests.conftest import CONTENT_DIR, Cli, slide_name
from tests.importing.decks import foreign_deck


def _kinds(report_kinds: list[tuple[list[int], str]]) -> list[str]:
    return [kind for _numbers, kind in report_kinds]


def _load_yaml(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_a_deck_made_elsewhere_becomes_the_kinds_it_is_and_keeps_all_text(
    tmp_path: Path,
) -> None:
    source = foreign_deck(tmp_path / "regio.pptx")
    report = import_deck(source, tmp_path / "regio")
    # The table and the chart become the kinds that draw them natively.
    assert _kinds(report.kinds) == ["title", "section", "bullets", "two-column",
                                    "table", "chart", "bullets", "image", "statistic"]
    assert report.kept_share == 1.0
    whats = [a.what for a in report.approximations if a.slide in (5, 6)]
    assert whats == ["chart 'Chart 2': the chart's own title 'Opgeleverde woningen' kept in "
                     "the notes"]
    assert not (tmp_path / "regio" / "bronnen").exists()
    deck = pipeline.load_deck(tmp_path / "regio")
    table, chart = deck.slides[4], deck.slides[5]
    assert [(c.name, c.format) for c in table.columns] == [("Regio", None),
                                                            ("Doel", "integer")]
    assert [[cell.text for cell in row] for row in table.rows or ()] == [
        ["Noord", "12.000"], ["Zuid", "15.500"]]
    assert [run.text for run in chart.title] == ["Bouwtempo"]
    assert [[cell.text for cell in row] for row in chart.rows or ()] == [
        ["2024", "70.000"], ["2025", "82.000"]]
    assert deck.meta.title == "Woningbouw in de regio"
    assert deck.meta.language == "nl"
    out = tmp_path / "regio.out.pptx"
    pipeline.build(tmp_path / "regio", out)
    slides = list(Presentation(str(out)).slides)
    assert len(slides) == 9
    assert any(shape.has_chart for shape in slides[5].shapes)
    assert any(shape.has_table for shape in slides[4].shapes)


def test_levels_markup_links_and_notes_come_through(tmp_path: Path) -> None:
    import_deck(foreign_deck(tmp_path / "regio.pptx"), tmp_path / "regio")
    section = next((tmp_path / "regio" / "sections").glob("*.yaml"))
    slides = _load_yaml(section)
    assert isinstance(slides, list)
    bullets = next(s for s in slides if s.get("title") == "Waarom nu?")
    assert bullets["body"][0] == {"text": "**Tekort aan woningen**",
                                  "items": [{"text": "vooral betaalbare huur",
                                             "items": ["in alle regio's"]}]}
    assert bullets["body"][1] == "Bouwtempo moet omhoog"
    assert bullets["body"][2] == "[Meer op de website](https://example.org/woningbouw)"
    assert bullets["notes"] == [{"paragraph": "Begin met het verhaal van de wethouder."}]
    image = next(s for s in slides if s.get("kind") == "image")
    assert image["picture"]["alt"] == "Huizen aan het water"
    assert image["picture"]["caption"] == "Impressie van de nieuwe wijk"
    assert (section.parent / image["picture"]["file"]).is_file()
    statistic = next(s for s in slides if s.get("kind") == "statistic")
    assert statistic["figure"] == "82%"
    assert statistic["caption"] == "van de gemeenten doet mee"


def test_grouped_text_is_read_in_visual_order(tmp_path: Path) -> None:
    import_deck(foreign_deck(tmp_path / "regio.pptx"), tmp_path / "regio")
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "regio").rglob("*.yaml"))
    assert text.index("Stap één: plannen") < text.index("Stap twee: bouwen")


def test_our_default_deck_comes_back_byte_for_byte(tmp_path: Path) -> None:
    first = tmp_path / "first.pptx"
    pipeline.build(CONTENT_DIR, first)
    report = import_deck(first, tmp_path / "content")
    assert report.kept_share == 1.0
    assert not report.approximations
    again = tmp_path / "again.pptx"
    pipeline.build(tmp_path / "content", again)
    assert again.read_bytes() == first.read_bytes()


def test_each_afdeling_deck_comes_back_byte_for_byte(tmp_path: Path) -> None:
    from deck_builder.content import overlays

    for slug in overlays.load_variants(CONTENT_DIR).slugs():
        built = tmp_path / f"{slug}.pptx"
        pipeline.build(CONTENT_DIR, built, afdeling=slug)
        import_deck(built, tmp_path / slug)
        rebuilt = tmp_path / f"{slug}.again.pptx"
        pipeline.build(tmp_path / slug, rebuilt)
        assert _readable(rebuilt) == _readable(built), slug
        # Kinds, text, pictures and notes, and all else: the same deck, byte for byte.
        assert rebuilt.read_bytes() == built.read_bytes(), slug


def _readable(path: Path) -> list[tuple[str, list[str], str]]:
    """Per slide: its name, the text of each shape, the notes."""
    out = []
    for slide in Presentation(str(path)).slides:
        texts = [" ".join(shape.text_frame.text.split()) for shape in slide.shapes
                 if shape.has_text_frame]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out.append((slide_name(slide), texts, notes))
    return out


def test_nothing_is_written_over_an_existing_folder(tmp_path: Path) -> None:
    source = foreign_deck(tmp_path / "regio.pptx")
    folder = tmp_path / "regio"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me")
    with pytest.raises(DeckError, match="--force"):
        import_deck(source, folder)
    assert sorted(p.name for p in folder.iterdir()) == ["mine.txt"]
    import_deck(source, folder, force=True)
    assert not (folder / "mine.txt").exists()
    assert (folder / "deck.yaml").is_file()


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.write_bytes(b"not a zip at all"), "not a zip"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
     "password-protected"),
    (lambda p: _zip(p, {"word/document.xml": b"<w/>", "[Content_Types].xml": b"<T/>"}),
     "not a presentation"),
])
def test_what_is_not_a_presentation_is_said_and_nothing_written(
    tmp_path: Path, make: object, message: str
) -> None:
    source = tmp_path / "bad.pptx"
    make(source)  # type: ignore[operator]
    with pytest.raises(DeckError, match=message):
        import_deck(source, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def _zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def _rewritten(source: Path, target: Path, change: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, change.get(info.filename, old.read(info.filename)))
        for name, data in change.items():
            if name not in old.namelist():
                new.writestr(name, data)
    return target


def test_entities_and_decompression_bombs_are_refused(tmp_path: Path) -> None:
    source = foreign_deck(tmp_path / "regio.pptx")
    with zipfile.ZipFile(source) as archive:
        slide = archive.read("ppt/slides/slide1.xml")
    doctype = slide.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaaaaaa">]>', 1)
    bad = _rewritten(source, tmp_path / "doctype.pptx", {"ppt/slides/slide1.xml": doctype})
    with pytest.raises(DeckError, match="DOCTYPE"):
        import_deck(bad, tmp_path / "a")
    bomb = _rewritten(source, tmp_path / "bomb.pptx",
                      {"ppt/media/huge.bin": b"\0" * 201_000_000})
    with pytest.raises(DeckError, match="unpacks to"):
        import_deck(bomb, tmp_path / "b")
    assert not (tmp_path / "a").exists()
    assert not (tmp_path / "b").exists()


def test_the_command_prints_a_report_and_refuses_to_overwrite(
    cli: Cli, tmp_path: Path
) -> None:
    source = foreign_deck(tmp_path / "regio.pptx")
    result = cli("import", str(source), "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["text"]["share"] == 1.0
    assert report["kinds"][0] == {"slides": [1], "kind": "title"}
    assert (tmp_path / "regio" / "deck.yaml").is_file()
    again = cli("import", str(source))
    assert again.exit_code == 1
    assert "--force" in again.stderr
    assert "Traceback" not in again.stderr


def test_the_report_ends_with_the_next_command_which_works(cli: Cli, tmp_path: Path) -> None:
    import shlex

    source = foreign_deck(tmp_path / "regio.pptx")
    result = cli("import", str(source), "-o", "mijn deck")
    assert result.exit_code == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("next: deck-builder build ")
    command = shlex.split(last.removeprefix("next: deck-builder ").split("   (")[0])
    built = cli(*command, "-o", "mijn.pptx")
    assert built.exit_code == 0, built.stderr
    assert (tmp_path / "mijn.pptx").is_file()


def test_the_stress_deck_comes_back_byte_for_byte(tmp_path: Path) -> None:
    # Its pictures are embedded resampled (a 24-megapixel photo, a phone photo turned
    # upright, a map cropped to "cover", logos larger than their tiles): read back,
    # each must get the same box and keep its bytes.
    from tests.stress.pictures import copy_stress_set

    content = copy_stress_set(tmp_path / "stress")
    built = tmp_path / "stress.pptx"
    pipeline.build(content, built)
    report = import_deck(built, tmp_path / "again")
    assert report.kept_share == 1.0
    rebuilt = tmp_path / "again.pptx"
    pipeline.build(tmp_path / "again", rebuilt)
    assert _readable(rebuilt) == _readable(built)
    assert rebuilt.read_bytes() == built.read_bytes()


PANDOC_MARKDOWN = """---
title: Woningbouw in de regio
author: Team Wonen
---

# Aanleiding

## Waarom nu?

- Tekort van **390.000** woningen
    - vooral *betaalbare* huur
- Bouwtempo moet [omhoog](https://example.org/tempo)

::: notes
Begin met het verhaal van de wethouder.
:::

## Twee sporen

:::::::::::::: {.columns}
::: {.column width="50%"}
Spoor 1: versnellen van procedures en vergunningen voor nieuwe woningen
:::
::: {.column width="50%"}
Spoor 2: meer geld voor betaalbare woningen in de regio's en gemeenten
:::
::::::::::::::
"""


def test_a_deck_pandoc_wrote_imports_with_its_levels_links_and_notes(tmp_path: Path) -> None:
    import shutil
    import subprocess

    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("needs pandoc (Debian: pandoc)")
    (tmp_path / "talk.md").write_text(PANDOC_MARKDOWN, encoding="utf-8")
    subprocess.run([pandoc, "talk.md", "-o", "talk.pptx"], cwd=tmp_path, check=True)
    report = import_deck(tmp_path / "talk.pptx", tmp_path / "talk")
    assert _kinds(report.kinds) == ["title", "section", "bullets", "two-column"]
    assert report.kept_share == 1.0
    deck = pipeline.load_deck(tmp_path / "talk")
    assert deck.meta.presenter == "Team Wonen"
    bullets = deck.slides[2]
    assert [run.text for run in bullets.body[0].text] == ["Tekort van ", "390.000", " woningen"]
    assert bullets.body[0].items[0].text[1].italic
    assert bullets.body[1].text[-1].link == "https://example.org/tempo"
    assert "wethouder" in str(bullets.notes)
    pipeline.build(tmp_path / "talk", tmp_path / "again.pptx")


def test_our_deck_saved_by_libreoffice_comes_back_as_its_kinds(tmp_path: Path) -> None:
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("needs LibreOffice (soffice; Debian: libreoffice-impress)")
    built = tmp_path / "deck.pptx"
    pipeline.build(CONTENT_DIR, built)
    profile = (tmp_path / "profile").as_uri()
    for target in ("odp", "pptx"):
        source = built if target == "odp" else tmp_path / "odp" / "deck.odp"
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", target, "--outdir", str(tmp_path / target),
                        str(source)], check=True, capture_output=True, timeout=180)
    report = import_deck(tmp_path / "pptx" / "deck.pptx", tmp_path / "content")
    kinds = _kinds(report.kinds)
    assert kinds[:10] == ["title", "agenda", "quote", "section", "bullets", "bullets",
                          "bullets", "statistic", "section", "bullets"]
    assert report.kinds[10] == ([11, 12, 13], "two-column")  # continuation folded back
    assert report.kept_share == 1.0
    pipeline.build(tmp_path / "content", tmp_path / "again.pptx")


def test_text_boxes_alone_give_a_title_slide_and_the_text_its_language(tmp_path: Path) -> None:
    from pptx.util import Inches, Pt

    from tests.importing.decks import BLANK

    prs = Presentation()
    for number, (big, small) in enumerate([
        ("Woningbouw in de regio", "Team Wonen · voorjaar 2027"),
        ("Waarom nu?", "Er is een tekort van woningen en het bouwtempo moet omhoog"),
    ]):
        slide = prs.slides.add_slide(prs.slide_layouts[BLANK])
        for top, text, size in ((1, big, 40), (3, small, 20)):
            box = slide.shapes.add_textbox(Inches(0.5), Inches(top + number), Inches(9),
                                           Inches(1))
            run = box.text_frame.paragraphs[0].add_run()
            run.text, run.font.size = text, Pt(size)
            run.font._rPr.set("lang", "en-US")
    source = tmp_path / "vakken.pptx"
    prs.save(str(source))
    report = import_deck(source, tmp_path / "content")
    assert _kinds(report.kinds)[0] == "title"
    deck = pipeline.load_deck(tmp_path / "content")
    assert deck.meta.title == "Woningbouw in de regio"
    assert deck.meta.subtitle == "Team Wonen · voorjaar 2027"
    assert deck.meta.language == "nl"
    assert [run.text for run in deck.slides[1].title] == ["Waarom nu?"]


def test_a_title_too_long_and_a_paragraph_too_long_still_build(tmp_path: Path) -> None:
    # Made elsewhere, text in any amount: the imported content must build on our
    # template, with all of it.
    from tests.importing.decks import BULLETS

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[BULLETS])
    slide.shapes.title.text = ("Een titel die eigenlijk een alinea is, want alles staat erin: "
                               * 5).strip()
    slide.placeholders[1].text = "Een punt"
    slide = prs.slides.add_slide(prs.slide_layouts[BULLETS])
    slide.shapes.title.text = "Lange alinea"
    sentence = "Deze zin gaat over de plannen van de gemeente voor de komende jaren. "
    slide.placeholders[1].text_frame.paragraphs[0].text = (sentence * 40).strip()
    source = tmp_path / "lang.pptx"
    prs.save(str(source))
    report = import_deck(source, tmp_path / "content")
    assert report.kept_share == 1.0
    notes = [(a.slide, a.what) for a in report.approximations]
    assert [number for number, _ in notes] == [1, 2]
    deck = pipeline.load_deck(tmp_path / "content")
    first, second = deck.slides
    title = "".join(run.text for run in first.title)
    assert title.startswith("Een titel die eigenlijk")
    assert len(title) <= 62
    assert "".join(run.text for run in first.body[0].text).count("alinea") == 5
    parts = ["".join(run.text for run in item.text) for item in second.body]
    assert len(parts) > 1
    assert all(len(part) <= 800 and part.endswith(".") for part in parts)
    assert " ".join(parts) == (sentence * 40).strip()
    pipeline.build(tmp_path / "content", tmp_path / "lang-again.pptx")


def test_a_template_file_with_a_mail_link_and_a_decorative_picture(tmp_path: Path) -> None:
    # A .potx (the template content type), an e-mail link, a picture marked decorative.
    import io

    from lxml import etree
    from pptx.util import Inches

    from tests.importing.decks import BULLETS, picture_bytes

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = "Sjabloon met voorbeeld"
    slide.placeholders[1].text = "Team Wonen"
    slide = prs.slides.add_slide(prs.slide_layouts[BULLETS])
    slide.shapes.title.text = "Contact"
    run = slide.placeholders[1].text_frame.paragraphs[0].add_run()
    run.text = "Mail ons"
    run.hyperlink.address = "mailto:wonen@example.org"
    for line in ("of bel ons op werkdagen", "of kom langs op het provinciehuis"):
        slide.placeholders[1].text_frame.add_paragraph().text = line
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # title only
    slide.shapes.title.text = "Sfeer"
    picture = slide.shapes.add_picture(io.BytesIO(picture_bytes()), Inches(7), Inches(5),
                                       Inches(2))
    extension = etree.SubElement(etree.SubElement(
        picture._element.nvPicPr.cNvPr,
        "{http://schemas.openxmlformats.org/drawingml/2006/main}extLst"),
        "{http://schemas.openxmlformats.org/drawingml/2006/main}ext",
        uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
    etree.SubElement(extension, "{http://schemas.microsoft.com/office/drawing/2017/decorative}"
                                "decorative", val="1")
    deck = tmp_path / "deck.pptx"
    prs.save(str(deck))
    with zipfile.ZipFile(deck) as archive:
        types = archive.read("[Content_Types].xml").replace(
            b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
    template = _rewritten(deck, tmp_path / "sjabloon.potx", {"[Content_Types].xml": types})
    report = import_deck(template, tmp_path / "content")
    assert report.kept_share == 1.0
    content = pipeline.load_deck(tmp_path / "content")
    contact = content.slides[1]
    assert [run.link for run in contact.body[0].text] == ["mailto:wonen@example.org"]
    text = "".join(p.read_text(encoding="utf-8")
                   for p in (tmp_path / "content").rglob("*.yaml"))
    assert "wonen@example.org" in text
    assert "mailto:" not in text  # written as the plain address
    assert "decorative: true" in text
    assert "no alternative text" not in " ".join(a.what for a in report.approximations)
    pipeline.build(tmp_path / "content", tmp_path / "sjabloon.pptx")


FIGURES_YAML = Path(__file__).resolve().parent / "fixtures" / "figures.yaml"


def test_tables_and_charts_written_in_yaml_come_back_byte_for_byte(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "deck.yaml").write_bytes(FIGURES_YAML.read_bytes())
    first = tmp_path / "first.pptx"
    pipeline.build(content, first)
    report = import_deck(first, tmp_path / "again")
    assert _kinds(report.kinds) == ["table", "table", *["chart"] * 8]
    assert report.kinds[1] == ([2, 3, 4], "table")  # continued twice, folded back
    assert report.kept_share == 1.0
    assert not report.approximations
    deck = pipeline.load_deck(tmp_path / "again")
    chart = deck.slides[2]
    assert chart.table  # the figures in the notes are what `table: true` writes
    again = tmp_path / "again.pptx"
    pipeline.build(tmp_path / "again", again)
    assert again.read_bytes() == first.read_bytes()


def test_tables_and_charts_from_data_files_come_back_with_their_figures(
    tmp_path: Path,
) -> None:
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "cijfers"
    first = tmp_path / "first.pptx"
    pipeline.build(fixture, first)
    report = import_deck(first, tmp_path / "again")
    assert _kinds(report.kinds) == ["table", "table", *["chart"] * 11]
    assert report.kept_share == 1.0
    slides = _load_yaml(tmp_path / "again" / "deck.yaml")["slides"]  # type: ignore[index]
    assert "data" not in slides[0]
    assert slides[0]["rows"][1] == ["Oost; west", "2.345", "7,3%", "€ 99,00"]
    again = tmp_path / "again.pptx"
    pipeline.build(tmp_path / "again", again)
    assert _figures(again) == _figures(first)
    assert _readable(again) == _readable(first)


def _figures(path: Path) -> list[object]:
    """Per slide: its kind, each table's cells and each chart's type, categories and
    series (name and values)."""
    out: list[object] = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_table:
                out.append([[cell.text for cell in row.cells] for row in shape.table.rows])
            if shape.has_chart:
                plot = shape.chart.plots[0]
                out.append((shape.chart.chart_type, tuple(plot.categories),
                            [(s.name, tuple(s.values)) for p in shape.chart.plots
                             for s in p.series]))
    return out


def test_a_deck_of_figures_imports_as_tables_and_charts_of_each_type(tmp_path: Path) -> None:
    from tests.importing.decks import figures_deck

    source = figures_deck(tmp_path / "cijfers.pptx")
    report = import_deck(source, tmp_path / "cijfers")
    assert _kinds(report.kinds) == ["title", "table", *["chart"] * 7,
                                    "slides-from", "slides-from"]
    assert report.kept_share == 1.0
    shown = {a.slide: a.what for a in report.approximations}
    assert "(an area chart)" in shown[10]
    assert "(a radar chart)" in shown[11]
    slides = _load_yaml(tmp_path / "cijfers" / "deck.yaml")["slides"]  # type: ignore[index]
    table = slides[1]
    assert table["columns"] == ["Regio", {"name": "Woningen", "format": "integer"},
                                {"name": "Aandeel", "format": "percent", "decimals": 1},
                                {"name": "Budget", "format": "euro", "decimals": 0},
                                {"name": "Groei", "format": "decimal", "decimals": 2}]
    assert table["rows"] == [["*Noord*", "1.234", "12,5%", "€ 1.200", "0,75"],
                             ["[Zuid](https://example.org/zuid)", "2.345", "7,3%", "€ 950",
                              "1,20"],
                             ["Totaal", "3.579", "19,8%", "€ 2.150", "1,95"]]
    assert table["first_column"] is True
    assert table["totals"] is True
    assert table["caption"] == "Bron: provincie, 2026"
    charts = {slide["title"]: slide for slide in slides[2:9]}
    assert {title: (c.get("type", "column"), c.get("stacking", "clustered"))
            for title, c in charts.items()} == {
        "Kolommen": ("column", "clustered"), "Staven gestapeld": ("bar", "stacked"),
        "Kolommen 100 procent": ("column", "percent"), "Lijn": ("line", "clustered"),
        "Taart": ("pie", "clustered"), "Ring": ("doughnut", "clustered"),
        "Spreiding": ("scatter", "clustered")}
    columns = charts["Kolommen"]
    assert columns["rows"] == [["Noord", "12,5", "20,1"], ["Oost", "45,6", "60"],
                               ["Zuid", "33,3", "41,2"]]
    assert columns["columns"][1] == {"name": "2024", "format": "decimal", "decimals": 1}
    assert columns["labels"] is True
    assert (columns["x_title"], columns["y_title"]) == ("Regio", "Reductie (kiloton)")
    assert "legend" not in columns  # bottom: what two series get anyway
    assert charts["Lijn"]["legend"] == "top"
    assert charts["Taart"]["columns"][1] == {"name": "Aandeel", "format": "percent",
                                             "decimals": 1}
    assert charts["Taart"]["rows"] == [["Noord", "12,5"], ["Oost", "50"], ["Zuid", "37,5"]]
    assert charts["Spreiding"]["rows"][1] == ["2.500", "1.100"]
    out = tmp_path / "again.pptx"
    pipeline.build(tmp_path / "cijfers", out)
    rebuilt = _figures(out)
    assert rebuilt[0] == [["Regio", "Woningen", "Aandeel", "Budget", "Groei"],
                          ["Noord", "1.234", "12,5%", "€ 1.200", "0,75"],
                          ["Zuid", "2.345", "7,3%", "€ 950", "1,20"],
                          ["Totaal", "3.579", "19,8%", "€ 2.150", "1,95"]]
    assert rebuilt[5][2] == [("Aandeel", (0.125, 0.5, 0.375))]  # the pie's stored values


def test_a_first_slide_with_a_chart_is_no_title_slide(tmp_path: Path) -> None:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # title only
    slide.shapes.title.text = "Bouwtempo"
    data = CategoryChartData()
    data.categories = ["2024", "2025"]
    data.add_series("Woningen", (70000, 82000))
    slide.shapes.add_chart(XL_CHART_TYPE.AREA, Inches(1), Inches(2), Inches(6), Inches(4),
                           data)
    source = tmp_path / "grafiek.pptx"
    prs.save(str(source))
    report = import_deck(source, tmp_path / "content")
    assert _kinds(report.kinds) == ["slides-from"]  # an area chart: shown as it is
    deck = pipeline.load_deck(tmp_path / "content")
    assert deck.meta.subtitle is None  # the chart's text is not taken for one
    assert report.kept_share == 1.0


def test_a_hidden_slide_is_imported_and_said(tmp_path: Path) -> None:
    source = foreign_deck(tmp_path / "regio.pptx")
    prs = Presentation(str(source))
    prs.slides[2]._element.set("show", "0")
    prs.save(str(source))
    report = import_deck(source, tmp_path / "content")
    assert report.kept_share == 1.0
    assert any(a.slide == 3 and "hidden in PowerPoint" in a.what
               for a in report.approximations)
    assert len(pipeline.load_deck(tmp_path / "content").slides) == len(report.kinds)


def test_powerpoint_sections_become_content_files(tmp_path: Path) -> None:
    # PowerPoint's File > Sections, as it writes them into presentation.xml.
    from lxml import etree

    from tests.importing.decks import BULLETS

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = "Woningbouw"
    slide.placeholders[1].text = "Team Wonen"
    for title in ("Waarom nu?", "Wat doen we?", "Wie betaalt?", "Wat vragen we?"):
        slide = prs.slides.add_slide(prs.slide_layouts[BULLETS])
        slide.shapes.title.text = title
        slide.placeholders[1].text_frame.text = f"{title} Eerste punt"
        for point in ("Tweede punt", "Derde punt met wat meer woorden erin"):
            slide.placeholders[1].text_frame.add_paragraph().text = point
    ids = [entry.get("id") for entry in prs.slides._sldIdLst]
    p14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    extensions = prs.element.find(f"{{{p}}}extLst")
    if extensions is None:
        extensions = etree.SubElement(prs.element, f"{{{p}}}extLst")
    extension = etree.SubElement(extensions, f"{{{p}}}ext",
                                 uri="{521415D9-36F7-43E2-AB2F-B90AF26B5E84}")
    sections = etree.SubElement(extension, f"{{{p14}}}sectionLst", nsmap={"p14": p14})
    for name, members in (("Standaardsectie", ids[:2]), ("Plan en geld", ids[2:4]),
                          ("Vragen", ids[4:])):
        section = etree.SubElement(sections, f"{{{p14}}}section", name=name,
                                   id="{00000000-0000-0000-0000-000000000000}")
        listed = etree.SubElement(section, f"{{{p14}}}sldIdLst")
        for member in members:
            etree.SubElement(listed, f"{{{p14}}}sldId", id=member)
    source = tmp_path / "secties.pptx"
    prs.save(str(source))
    report = import_deck(source, tmp_path / "content")
    assert report.kept_share == 1.0
    files = sorted(p.name for p in (tmp_path / "content" / "sections").glob("*.yaml"))
    assert files == ["01-plan-en-geld.yaml", "02-vragen.yaml"]
    deck = pipeline.load_deck(tmp_path / "content")
    titles = ["".join(run.text for run in s.title) for s in deck.slides[1:]]
    assert titles == ["Waarom nu?", "Wat doen we?", "Wie betaalt?", "Wat vragen we?"]
    pipeline.build(tmp_path / "content", tmp_path / "secties-again.pptx")
