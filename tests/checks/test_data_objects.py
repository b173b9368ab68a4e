"""Tables without a header row and charts without alt text are found, as PowerPoint's
accessibility checker finds them."""

from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu

from deck_builder.checks import check_accessibility, check_package
from tests.checks.decks import new_deck, titled_slide, to_bytes

BOX = (Emu(914400), Emu(914400 * 2), Emu(914400 * 6), Emu(914400 * 2))


def table_without_header() -> bytes:
    """A deck whose one table has its header row switched off."""
    prs = new_deck()
    slide = titled_slide(prs, "Cijfers")
    table = slide.shapes.add_table(2, 2, *BOX).table
    table.first_row = False
    for row, texts in zip(table.rows, (("Regio", "Woningen"), ("Noord", "1.234")), strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    return to_bytes(prs)


def test_a_table_without_header_row_is_found_with_its_shape() -> None:
    found = check_accessibility(table_without_header())
    assert [(f.code, f.slide) for f in found] == [("A11Y-TABLE-HEADER", 1)]
    assert found[0].shape
    assert "Table" in found[0].shape
    assert check_package(table_without_header()) == []


def test_a_table_with_its_header_row_is_fine() -> None:
    prs = new_deck()
    slide = titled_slide(prs, "Cijfers")
    slide.shapes.add_table(2, 2, *BOX)  # python-pptx marks the first row as header
    assert check_accessibility(to_bytes(prs)) == []


def test_a_chart_without_alt_text_is_found() -> None:
    prs = new_deck()
    slide = titled_slide(prs, "Grafiek")
    data = CategoryChartData()
    data.categories = ["Noord", "Zuid"]
    data.add_series("2024", (1.5, 2.5))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, *BOX, data)
    found = check_accessibility(to_bytes(prs))
    assert [(f.code, f.shape) for f in found] == [("A11Y-ALT-MISSING", frame.name)]
    assert "chart" in found[0].message
    frame._element.nvGraphicFramePr.cNvPr.set("descr", "Kolomdiagram van twee regio's")
    assert check_accessibility(to_bytes(prs)) == []
