"""ooxml/workbook.py: a small XLSX that spreadsheet readers accept, the same on every run."""

from __future__ import annotations

import io

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from deck_builder.ooxml.workbook import SHEET, column_letters, workbook


def test_openpyxl_reads_back_text_numbers_and_formats() -> None:
    data = workbook([["Provincie", "2030", "Aandeel"], ["Drenthe", 1234.5, 0.105],
                     ["Zuid & <Oost>", None, 2]], [None, "#,##0.0", "0.0%"])
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book[SHEET]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Provincie", "2030", "Aandeel"], ["Drenthe", 1234.5, 0.105], ["Zuid & <Oost>", None, 2]]
    assert sheet["B2"].number_format == "#,##0.0"
    assert sheet["C2"].number_format == "0.0%"
    assert workbook([["a", 1]]) == workbook([["a", 1]])  # no dates inside: reproducible


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, width=64), min_size=1,
                max_size=20))
def test_numbers_are_stored_exactly(values: list[float]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook([[v] for v in values])))
    assert [row[0].value for row in book.active.iter_rows()] == values  # type: ignore[union-attr]


def test_column_letters() -> None:
    assert [column_letters(n) for n in (1, 2, 26, 27, 28, 702, 703)] == [
        "A", "B", "Z", "AA", "AB", "ZZ", "AAA"]
