"""`kind: table`: native tables from YAML rows or CSV/XLSX data, read back with python-pptx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pptx.enum.text import PP_ALIGN
from pptx.presentation import Presentation as PresentationType

from deck_builder.kinds.table import CELL_X
from tests.conftest import (
    BuildFails,
    Cli,
    ContentMaker,
    KindSlide,
    Problem,
    SlideBuilder,
    assert_inside,
    build,
    expect_error,
    kind_slides,
    rect_of,
)

WONINGBOUW = ("\ufeffRegio;Woningen;Aandeel;Budget\r\nNoord;1.234;12,5;1.234,5\r\n"
              '"Oost; west";2.345;7,25;99\r\nTotaal;3.579;19,75;1.333,5\r\n').encode()


def tables(prs: PresentationType) -> list[Any]:
    """The table of each slide, in order."""
    found = []
    for slide in prs.slides:
        (shape,) = [s for s in slide.shapes if s.has_table]
        found.append(shape)
    return found


def grid(shape: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in shape.table.rows]


def test_a_csv_table_is_native_with_a_header_row_and_dutch_numbers(
    build_slides: SlideBuilder,
) -> None:
    slides = """\
    - kind: table
      title: Woningbouw per regio
      data: cijfers/woningbouw.csv
      columns: [{name: Aandeel, format: percent, decimals: 1}]
      first_column: true
      totals: true
      caption: 'Bron: CBS'
    """
    prs = build_slides(slides, files={"cijfers/woningbouw.csv": WONINGBOUW})
    (slide,) = kind_slides(prs, "table")
    slide.check({"title": "Woningbouw per regio", "caption": "Bron: CBS"}, sized=("title",))
    (shape,) = tables(prs)
    assert grid(shape) == [["Regio", "Woningen", "Aandeel", "Budget"],
                           ["Noord", "1.234", "12,5%", "1.234,5"],
                           ["Oost; west", "2.345", "7,3%", "99,0"],
                           ["Totaal", "3.579", "19,8%", "1.333,5"]]
    table = shape.table
    assert table.first_row  # the header flag screen readers announce
    assert table.first_col
    assert table.last_row
    assert table.horz_banding
    # Numbers right-aligned (their headings too), text as the layout has it.
    for row in table.rows:
        aligns = [cell.text_frame.paragraphs[0].alignment for cell in row.cells]
        assert aligns == [None, PP_ALIGN.RIGHT, PP_ALIGN.RIGHT, PP_ALIGN.RIGHT]
    # Header, first column and totals bold; a body cell plain; one size, 12 to 18 pt.
    runs = [[cell.text_frame.paragraphs[0].runs[0] for cell in row.cells] for row in table.rows]
    assert all(run.font.bold for run in runs[0])
    assert runs[1][0].font.bold
    assert not runs[1][1].font.bold
    assert all(run.font.bold for run in runs[3])
    sizes = {run.font.size.pt for row in runs for run in row}
    assert len(sizes) == 1
    assert 12 <= sizes.pop() <= 18
    assert_inside(rect_of(shape), rect_of(slide.area("table")))
    # The columns fill the area and each is wide enough for its text.
    assert sum(column.width for column in table.columns) == slide.area("table").width
    assert all(column.width > 2 * CELL_X for column in table.columns)


def test_inline_rows_with_markup_and_hand_written_numbers(build_slides: SlideBuilder) -> None:
    slides = """\
    - kind: table
      title: Budget
      columns: [Post, {name: Bedrag, format: euro}, Groei]
      rows:
        - ['**Wonen**', '1.234,5', '12.5']
        - ['[VNG](https://vng.nl)', '10', '3']
    """
    prs = build_slides(slides)
    (shape,) = tables(prs)
    assert grid(shape) == [["Post", "Bedrag", "Groei"], ["Wonen", "€ 1.234,50", "12,5"],
                           ["VNG", "€ 10,00", "3,0"]]
    cell = shape.table.cell(1, 0).text_frame.paragraphs[0].runs[0]
    assert cell.font.bold
    link = shape.table.cell(2, 0).text_frame.paragraphs[0].runs[0]
    assert link.hyperlink.address == "https://vng.nl"


def test_a_long_table_continues_with_its_header_repeated(
    build_slides: SlideBuilder, tmp_path: Path,
) -> None:
    rows = "".join(f"Gemeente {n};{n * 1000}\n" for n in range(1, 201))
    slides = """\
    - kind: table
      title: Woningen per gemeente
      data: woningen.csv
    """
    prs = build_slides(slides, files={"woningen.csv": "Gemeente;Woningen\n" + rows})
    shapes = tables(prs)
    assert len(shapes) > 3
    titles = [slide.shapes.title.text for slide in prs.slides]
    assert titles[:3] == ["Woningen per gemeente", "Woningen per gemeente (vervolg)",
                          "Woningen per gemeente (vervolg 2)"]
    body: list[list[str]] = []
    size = None
    for shape in shapes:
        rows_ = grid(shape)
        assert rows_[0] == ["Gemeente", "Woningen"]
        assert shape.table.first_row
        body.extend(rows_[1:])
        sizes = {run.font.size.pt for row in shape.table.rows for cell in row.cells
                 for run in cell.text_frame.paragraphs[0].runs}
        assert len(sizes) == 1
        size = sizes.pop() if size is None else size
        assert sizes in (set(), {size})
        area = KindSlide(prs.slides[0], "table").area("table")
        assert shape.top + sum(row.height for row in shape.table.rows) <= area.top + area.height
    assert body == [[f"Gemeente {n}", f"{n * 1000:,}".replace(",", ".")] for n in range(1, 201)]
    assert size == 12  # as many rows per slide as readable text allows
    from tests.template.test_foreign_template import VALIDATOR, sdk_errors

    if VALIDATOR.is_file():
        kinds, lint = sdk_errors(tmp_path / "out" / "deck.pptx")
        assert (kinds, lint) == (set(), 0)


def test_an_xlsx_sheet_range(build_slides: SlideBuilder, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Blad1"
    for row in (["Toelichting"], [], ["Jaar", "Budget"], [2024, 1234.5], [2025, 2000]):
        sheet.append(row)
    path = tmp_path / "begroting.xlsx"
    book.save(path)
    slides = """\
    - kind: table
      title: Begroting
      data: begroting.xlsx
      sheet: Blad1
      range: A3:B5
      columns: [{name: Jaar, format: text}, {name: Budget, format: euro, decimals: 0}]
    """
    prs = build_slides(slides, files={"begroting.xlsx": path.read_bytes()})
    assert grid(tables(prs)[0]) == [["Jaar", "Budget"], ["2024", "€ 1.235"], ["2025", "€ 2.000"]]


def test_english_decks_write_english_numbers(build_slides: SlideBuilder) -> None:
    slides = """\
    - kind: table
      title: Homes
      columns: [Region, {name: Homes, format: decimal, decimals: 1}]
      rows: [[North, '1.234,5']]
    """
    prs = build_slides(slides, meta={"language": "en"})
    assert grid(tables(prs)[0])[1] == ["North", "1,234.5"]


@pytest.mark.parametrize("problem", [
    Problem("- kind: table\n  title: T\n  data: c.csv\n  columns: [{name: B, format: decimal}]\n",
            "1.x34", ("'1.x34' is not a number",
            "decimal column 'B'", "the data file of content/deck.yaml:"),
            file="c.csv", files={"c.csv": "A;B\nx;1,5\ny;1.x34\n"}),
    Problem("- kind: table\n  title: T\n  columns: [A, {name: B, format: integer}]\n"
            "  rows: [[x, veel]]\n", "veel", ("'veel' is not a number",)),
    Problem("- kind: table\n  title: T\n  data: c.csv\n", '"', ("not closed",), file="c.csv",
            files={"c.csv": 'A;B\n"x;1\n'}),
    Problem("- kind: table\n  title: T\n  data: weg.csv\n", "weg.csv", ("not found",)),
    Problem("- kind: table\n  title: T\n  rows: [[x]]\n", "kind", ("need `columns:`",)),
    Problem("- kind: table\n  title: T\n", "kind", ("missing the figures",)),
    Problem("- kind: table\n  title: T\n  data: c.csv\n  sheet: Blad1\n", "c.csv",
            ("`sheet:` and `range:` are for XLSX",), files={"c.csv": "A\n1\n"}),
    Problem("- kind: table\n  title: T\n  columns: [A, B]\n  rows: [[x, y, z]]\n", "z",
            ("more values than the header has columns",)),
    Problem("- kind: table\n  title: T\n  data: c.csv\n  columns: [Bedrag]\n", "A",
            ("no column 'Bedrag'",), file="c.csv", files={"c.csv": "A\n1\n"}),
])
def test_problems_are_reported_where_they_are(build_fails: BuildFails, problem: Problem) -> None:
    build_fails(problem)


def test_a_row_that_fits_no_slide_is_an_error_at_its_line(
    make_content: ContentMaker, cli: Cli,
) -> None:
    long = " ".join(["woord"] * 1200)
    content = make_content("- kind: table\n  title: T\n  data: c.csv\n",
                           files={"c.csv": f"A;B\nkort;1\n{long};2\n"})
    expect_error(cli("build", "content", "-o", "out.pptx"), "content/c.csv:3:1",
                 "does not fit a slide even at 12 pt")
    assert content.dir.is_dir()


def test_too_many_wide_columns_are_an_error(make_content: ContentMaker, cli: Cli) -> None:
    heads = ";".join(f"Kolomkopzonderspaties{n}" for n in range(12))
    content = make_content("- kind: table\n  title: T\n  data: c.csv\n",
                           files={"c.csv": f"{heads}\n" + ";".join("1" * 12) + "\n"})
    expect_error(cli("build", "content", "-o", "out.pptx"), content.ref("data"),
                 "columns do not fit the slide's width even at 12 pt")


def test_an_afdeling_overrides_cells_and_data(make_content: ContentMaker, tmp_path: Path) -> None:
    from deck_builder import pipeline

    slides = """\
    - kind: table
      id: cijfers
      title: Cijfers
      columns: [Regio, Aantal]
      rows: [[Noord, '1'], [Zuid, '2']]
    - kind: table
      id: bestand
      title: Bestand
      data: landelijk.csv
    """
    afdelingen = """\
- slug: drenthe
  name: Vereniging van Drentse Gemeenten
  meeting: Ledenvergadering
  date: 2025-12-10
  override:
    cijfers: {rows.2.2: '99', rows.1.1: Drenthe}
    bestand: {data: cijfers/drenthe.csv}
"""
    content = make_content(slides, files={
        "landelijk.csv": "Provincie;Aantal\nAlle;12\n", "afdelingen.yaml": afdelingen,
        "cijfers/drenthe.csv": "Provincie;Aantal\nDrenthe;3\n"})
    out = tmp_path / "drenthe.pptx"
    result = pipeline.build(content.dir, out, afdeling="drenthe")
    assert result.slides == 2
    from pptx import Presentation

    shapes = tables(Presentation(str(out)))
    assert grid(shapes[0]) == [["Regio", "Aantal"], ["Drenthe", "1"], ["Zuid", "99"]]
    assert grid(shapes[1]) == [["Provincie", "Aantal"], ["Drenthe", "3"]]
    base = tables(build(content, tmp_path / "base.pptx"))
    assert grid(base[1]) == [["Provincie", "Aantal"], ["Alle", "12"]]


def test_an_override_of_a_missing_row_is_located(make_content: ContentMaker) -> None:
    from deck_builder import pipeline
    from deck_builder.errors import DeckError

    afdelingen = ("- slug: drenthe\n  name: D\n  meeting: M\n  date: 2025-12-10\n"
                  "  override:\n    cijfers: {rows.5.1: x}\n")
    content = make_content("- kind: table\n  id: cijfers\n  title: T\n  columns: [A]\n"
                           "  rows: [['1']]\n", files={"afdelingen.yaml": afdelingen})
    with pytest.raises(DeckError, match=r"afdelingen.yaml:6:15: there is no item 5 here"):
        pipeline.load_deck(content.dir, "drenthe")
