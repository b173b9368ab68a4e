"""A deck PptxGenJS made (text boxes on a master of its own, a table, a chart) imports
into kinds with all of its text, its levels, links, notes and picture, its table and
chart as `kind: table` and `kind: chart`.

PptxGenJS is a Node.js library: `.ci/run` installs it into `tests/importing/node/`
(`npm install --prefix tests/importing/node`); without Node.js the test is skipped.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from deck_builder import pipeline
from deck_builder.importing import import_deck

NODE_DIR = Path(__file__).resolve().parent / "node"


@pytest.fixture(scope="module")
def pptxgenjs_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "pptxgenjs").is_dir():
        pytest.skip("needs Node.js and PptxGenJS (npm install --prefix tests/importing/node)")
    folder = tmp_path_factory.mktemp("pptxgenjs")
    picture = folder / "kaart.png"
    Image.new("RGB", (1600, 900), "#5b8c2a").save(picture)
    deck = folder / "woningbouw.pptx"
    subprocess.run([node, str(NODE_DIR / "make_deck.js"), str(deck), str(picture)],
                   cwd=NODE_DIR, check=True, timeout=120, capture_output=True)
    return deck


def test_a_pptxgenjs_deck_imports_as_its_kinds_with_all_its_text(
    pptxgenjs_deck: Path, tmp_path: Path
) -> None:
    report = import_deck(pptxgenjs_deck, tmp_path / "content")
    assert report.kept_share == 1.0
    kinds = [kind for _numbers, kind in report.kinds]
    assert kinds == ["title", "bullets", "two-column", "image", "table", "chart"]
    assert not report.approximations
    deck = pipeline.load_deck(tmp_path / "content")
    # The headline in a text box is the title; the text says Dutch though every run is
    # marked en-US.
    assert deck.meta.title == "Woningbouw in de regio"
    assert deck.meta.subtitle == "Team Wonen · voorjaar 2027"
    assert deck.meta.language == "nl"
    bullets = deck.slides[1]
    assert [run.text for run in bullets.body[0].text] == ["Tekort van ", "390.000", " woningen"]
    assert bullets.body[0].text[1].bold
    assert [run.text for run in bullets.body[0].items[0].text] == ["vooral betaalbare huur"]
    assert bullets.body[1].text[-1].link == "https://example.org/tempo"
    assert "wethouder" in str(bullets.notes)
    picture = deck.slides[3].picture
    assert picture.alt == "Kaart van de provincie met drie zoekgebieden"
    assert picture.caption is not None
    with Image.open(picture.file) as image:
        assert image.size == (1600, 900)
    # The table: bold headings are the header row's style; numbers as integers.
    table = deck.slides[4]
    assert [(column.name, column.format) for column in table.columns] == [
        ("Gemeente", None), ("Woningen", "integer")]
    assert [[cell.text for cell in row] for row in table.rows or ()] == [
        ["Assen", "1.200"], ["Emmen", "950"]]
    # The chart: its categories on one level, its values, its own alt text and notes.
    chart = deck.slides[5]
    assert (chart.type, chart.legend, chart.alt) == ("column", None, "Staafdiagram")
    assert [[cell.text for cell in row] for row in chart.rows or ()] == [
        ["2024", "820"], ["2025", "910"], ["2026", "1.040"]]
    assert "CBS" in str(chart.notes)
    out = tmp_path / "again.pptx"
    pipeline.build(tmp_path / "content", out)
    shapes = list(Presentation(str(out)).slides[5].shapes)
    (frame,) = [shape for shape in shapes if shape.has_chart]
    assert list(frame.chart.plots[0].series[0].values) == [820, 910, 1040]
