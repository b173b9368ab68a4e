"""content/data.py: Dutch numbers, CSV as Dutch and English Excel write it, XLSX sheets."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from deck_builder.content.data import (
    DataError,
    FigureColumn,
    build_table,
    decimals_written,
    display,
    number_format,
    parse_number,
    parse_range,
    read_csv,
    read_grid,
    read_xlsx,
)
from deck_builder.errors import ProblemCollector

# -- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("1.234,5", 1234.5), ("-12", -12.0), ("€ 1.234,50", 1234.5), ("12,5%", 12.5),
    ("1 234,5", 1234.5), ("1\u00a0234", 1234.0), ("\u22123,5", -3.5), ("0,25", 0.25),
    ("1.234.567", 1234567.0), (",5", 0.5), ("+7", 7.0), ("-€ 5", -5.0),
])
def test_dutch_numbers(text: str, value: float) -> None:
    assert parse_number(text, ",") == value


@pytest.mark.parametrize(("text", "value"), [
    ("1,234.5", 1234.5), ("12.25", 12.25), ("1,234,567", 1234567.0), ("€1,234.50", 1234.5),
])
def test_english_numbers(text: str, value: float) -> None:
    assert parse_number(text, ".") == value


@pytest.mark.parametrize("text", ["abc", "1,2,3", "12.5.6", "1.23,4", "", "€", "12 3", "1e5",
                                  "--3", "1.2345,6"])
def test_not_numbers_are_refused_with_the_way_to_write_them(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_number(text, ",")


def test_hand_written_yaml_may_use_a_decimal_point() -> None:
    assert parse_number("12.5", ",", lenient=True) == 12.5
    assert parse_number("1.234", ",", lenient=True) == 1234.0  # a Dutch thousands dot
    with pytest.raises(ValueError, match=r"write numbers like 1\.234,5"):
        parse_number("12.5", ",")


@given(st.integers(-10**12, 10**12), st.integers(0, 4), st.sampled_from(["nl", "en"]))
def test_what_display_writes_reads_back(units: int, places: int, language: str) -> None:
    value = units / 10**places
    shown = display(value, "decimal", places, language).replace("\u2212", "-")
    decimal = "," if language == "nl" else "."
    assert parse_number(shown, decimal) == pytest.approx(value, abs=10**-places / 2)
    assert decimals_written(shown, decimal) == places


@given(st.text(max_size=30))
def test_any_text_is_a_number_or_a_plain_refusal(text: str) -> None:
    for decimal in ",.":
        message = ""
        try:
            value = parse_number(text, decimal)
        except ValueError as error:
            message = str(error)
        else:
            assert value == value  # never NaN
        assert not message or "number" in message


def test_display_is_dutch_by_default_and_formats_are_neutral() -> None:
    assert display(1234.5, "decimal", 1) == "1.234,5"
    assert display(1234.5, "decimal", 1, "en") == "1,234.5"
    assert display(12.5, "percent", 1) == "12,5%"
    assert display(1234, "euro", 2) == "€ 1.234,00"
    assert display(-3, "integer", 0) == "\u22123"
    assert number_format("decimal", 1) == "#,##0.0"
    assert number_format("integer", 0) == "#,##0"
    assert number_format("percent", 1) == "0.0%"
    assert number_format("euro", 2) == '"€"\\ #,##0.00'


# -- CSV -------------------------------------------------------------------------------


def write(tmp_path: Path, data: bytes, name: str = "cijfers.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def texts(rows: tuple[tuple, ...]) -> list[list[str]]:
    return [[cell.text for cell in row] for row in rows]


def test_dutch_excel_csv_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeffRegio;Woningen\r\nNoord;1.234,5\r\n".encode())
    grid = read_csv(path)
    assert texts(grid.rows) == [["Regio", "Woningen"], ["Noord", "1.234,5"]]
    assert grid.decimal == ","
    assert grid.rows[1][1].where[1:] == (2, 7)


def test_english_csv_with_commas(tmp_path: Path) -> None:
    grid = read_csv(write(tmp_path, b'Region,Homes\nNorth,"1,234.5"\nSouth,12.25\n'))
    assert texts(grid.rows) == [["Region", "Homes"], ["North", "1,234.5"], ["South", "12.25"]]
    assert grid.decimal == "."


def test_windows_1252_and_quoted_separators(tmp_path: Path) -> None:
    data = 'Gemeente;Opmerking\n"Súdwest-Fryslân";"groei; krimp"\n"Den ""Bosch""";€ 5\n'
    grid = read_csv(write(tmp_path, data.encode("cp1252")))
    assert texts(grid.rows) == [["Gemeente", "Opmerking"], ["Súdwest-Fryslân", "groei; krimp"],
                                ['Den "Bosch"', "€ 5"]]


def test_empty_cells_and_blank_lines(tmp_path: Path) -> None:
    grid = read_csv(write(tmp_path, b"A;B;C\n\n1;;3\n;;\n4;5;\n"))
    assert texts(grid.rows) == [["A", "B", "C"], ["1", "", "3"], ["4", "5", ""]]
    assert grid.rows[2][0].where[1] == 5


def test_a_line_break_in_quotes_keeps_later_positions_right(tmp_path: Path) -> None:
    grid = read_csv(write(tmp_path, b'A;B\n"twee\nregels";1\nx;2\n'))
    assert texts(grid.rows)[1] == ["twee\nregels", "1"]
    assert grid.rows[1][1].where[1:] == (3, 9)
    assert grid.rows[2][1].where[1:] == (4, 3)


@pytest.mark.parametrize(("data", "message", "line", "column"), [
    (b'A;B\n"open;1\n', "not closed", 2, 1),
    (b'A;B\n"x"y;1\n', "after the closing quote", 2, 4),
    (b'A;B\nx"y;1\n', "inside a value", 2, 2),
    (b"A;B\n\x81\x8d;1\n", "not text in UTF-8 or Windows-1252", 2, 1),
])
def test_broken_csv_is_located(tmp_path: Path, data: bytes, message: str, line: int,
                               column: int) -> None:
    with pytest.raises(DataError, match=message) as caught:
        read_csv(write(tmp_path, data))
    assert caught.value.where[1:] == (line, column)


def test_utf16_and_empty_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="UTF-16"):
        read_csv(write(tmp_path, "A;B\n".encode("utf-16")))
    with pytest.raises(DataError, match="no rows"):
        read_csv(write(tmp_path, b"\n\n"))


def test_a_text_in_a_number_column_is_reported_at_its_cell(tmp_path: Path) -> None:
    grid = read_csv(write(tmp_path, b"Regio;Woningen\nNoord;1.234\nZuid;veel\n"))
    problems = ProblemCollector()
    columns = (FigureColumn(name="Woningen", format="integer"),)
    assert build_table(grid.rows[0], grid.rows[1:], columns, grid.decimal, False,
                       problems) is None
    (problem,) = problems.problems
    assert "'veel' is not a number" in problem.message
    assert "integer column 'Woningen'" in problem.message
    assert problem.where is not None
    assert problem.where[1:] == (3, 6)


def test_formats_are_detected_from_the_values(tmp_path: Path) -> None:
    grid = read_csv(write(tmp_path, "R;A;B;C;D\nx;1.234;1,25;12,5%;€ 3\ny;5;2;1%;€ 4,50\n"
                          .encode()))
    table = build_table(grid.rows[0], grid.rows[1:], (), grid.decimal, False,
                        ProblemCollector())
    assert table is not None
    assert [(c.format, c.decimals) for c in table.columns] == [
        ("text", 0), ("integer", 0), ("decimal", 2), ("percent", 1), ("euro", 2)]
    assert table.numbers[0] == (None, 1234.0, 1.25, 12.5, 3.0)
    assert table.texts("nl")[1] == ("y", "5", "2,00", "1,0%", "€ 4,50")


# -- XLSX ------------------------------------------------------------------------------


def workbook_file(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Overzicht"
    sheet.append(["Niets"])
    other = book.create_sheet("Cijfers")
    other.append(["Regio", "Woningen", "Aandeel"])
    other.append(["Noord", 1234, 0.125])
    other.append(["Zuid", 10.5, None])
    path = tmp_path / "cijfers.xlsx"
    book.save(path)
    return path


def test_an_xlsx_sheet_and_range(tmp_path: Path) -> None:
    path = workbook_file(tmp_path)
    grid = read_xlsx(path, "Cijfers")
    assert texts(grid.rows) == [["Regio", "Woningen", "Aandeel"], ["Noord", "1234", "0.125"],
                                ["Zuid", "10.5", ""]]
    assert grid.rows[1][1].number == 1234
    assert grid.rows[2][1].where[1:] == (3, 2)  # B3
    part = read_grid(path, "Cijfers", "A1:B2")
    assert texts(part.rows) == [["Regio", "Woningen"], ["Noord", "1234"]]
    assert texts(read_xlsx(path).rows) == [["Niets"]]


def test_xlsx_problems(tmp_path: Path) -> None:
    path = workbook_file(tmp_path)
    with pytest.raises(DataError, match="no sheet 'Blad9'"):
        read_xlsx(path, "Blad9")
    with pytest.raises(DataError, match="not an XLSX"):
        read_xlsx(write(tmp_path, b"no zip", "kapot.xlsx"))
    with pytest.raises(ValueError, match="not a cell range"):
        parse_range("A1-B2")
    assert parse_range("$B$3:A1") == (1, 1, 3, 2)
    with pytest.raises(DataError, match="neither a CSV nor an XLSX"):
        read_grid(write(tmp_path, b"x", "oud.xls"))
