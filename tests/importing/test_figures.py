"""Tables and charts read from a deck → `kind: table` and `kind: chart` fields."""

from __future__ import annotations

import pytest

from deck_builder.importing.figures import MAX_COLUMNS, chart_fields, table_fields
from deck_builder.importing.model import (
    ChartFigure,
    ChartSeries,
    Paragraph,
    Span,
    TableCell,
    TableFigure,
)


def cell(text: str, *, bold: bool = False, merged: bool = False) -> TableCell:
    return TableCell((Paragraph((Span(text, bold=bold),)),) if text else (), merged=merged)


def table(*rows: tuple[str, ...], header: bool = True, **flags: bool) -> TableFigure:
    return TableFigure("Tabel", None, tuple(tuple(cell(t, bold=header and i == 0)
                                                  for t in row)
                                            for i, row in enumerate(rows)),
                       first_row=header, **flags)


def test_number_columns_get_the_format_their_values_show() -> None:
    found = table_fields([table(
        ("Regio", "Woningen", "Aandeel", "Budget", "Groei", "Jaar", "Code"),
        ("Noord", "1.234", "12%", "€ 1.200", "0,75", "2024", "1200"),
        ("Zuid", "−12", "7 %", "€ 950", "1,20", "2025", "0950"),
    )], "nl")
    assert found is not None
    assert found.content["columns"] == [
        "Regio", {"name": "Woningen", "format": "integer"},
        {"name": "Aandeel", "format": "percent", "decimals": 0},
        {"name": "Budget", "format": "euro", "decimals": 0},
        {"name": "Groei", "format": "decimal", "decimals": 2},
        # A number the kind would write otherwise (2.024) stays text, as written.
        {"name": "Jaar", "format": "text"}, {"name": "Code", "format": "text"}]
    assert found.content["rows"] == [
        ["Noord", "1.234", "12%", "€ 1.200", "0,75", "2024", "1200"],
        ["Zuid", "−12", "7 %", "€ 950", "1,20", "2025", "0950"]]
    assert found.notes == []
    assert found.shows == []


def test_the_percent_column_is_text_when_its_decimals_differ() -> None:
    found = table_fields([table(("Regio", "Aandeel"), ("Noord", "12,5%"), ("Zuid", "7%"))],
                         "nl")
    assert found is not None
    # Said to be text: the kind would read the values as numbers.
    assert found.content["columns"] == ["Regio", {"name": "Aandeel", "format": "text"}]


def test_an_english_deck_writes_numbers_the_dutch_way_and_shows_its_own() -> None:
    found = table_fields([table(("Region", "Budget"), ("North", "1,234.5"),
                                ("South", "99.0"))], "en")
    assert found is not None
    assert found.content["columns"][1] == {"name": "Budget", "format": "decimal",
                                           "decimals": 1}
    # As the kind reads YAML: `99.0` is 99,0 as it is, `1,234.5` is not a number.
    assert found.content["rows"] == [["North", "1.234,5"], ["South", "99.0"]]
    assert found.shows == ["1,234.5"]


def test_header_bold_first_column_bold_and_totals_are_style_other_bold_is_markup() -> None:
    rows = ((cell("Post", bold=True), cell("Toelichting", bold=True)),
            (cell("Wonen", bold=True), cell("vooral", bold=True)),
            (cell("Totaal", bold=True), cell("alles", bold=True)))
    found = table_fields([TableFigure("T", None, rows, True, True, True)], "nl")
    assert found is not None
    assert found.content["rows"] == [["Wonen", "**vooral**"], ["Totaal", "alles"]]
    assert found.content["first_column"] is True
    assert found.content["totals"] is True


def test_gaps_are_filled_and_said() -> None:
    rows = ((cell(""), cell("2024"), cell("2024")),
            (cell("Noord"), cell("12"), cell("13"), cell("extra")),
            (cell("Zuid"), cell("4", merged=True)))
    found = table_fields([TableFigure("T", None, rows, True)], "nl")
    assert found is not None
    names = [c if isinstance(c, str) else c["name"] for c in found.content["columns"]]
    assert names == ["Kolom 1", "2024", "2024 (2)", "Kolom 4"]
    assert found.content["rows"][1] == ["Zuid", "4", "", ""]
    assert len(found.notes) == 5  # no heading twice, used twice, ragged, merged


@pytest.mark.parametrize("figure", [
    table(("1", "2"), ("3", "4"), header=False),  # no header row
    table(("Regio",)),  # no rows under it
    table(tuple(f"K{i}" for i in range(MAX_COLUMNS + 1)),
          tuple(str(i) for i in range(MAX_COLUMNS + 1))),
    TableFigure("T", None, ((cell("A"), cell("B", merged=True)),
                            (cell("C"), cell("", merged=True))), True),
])
def test_what_is_no_table_of_figures_is_not_one(figure: TableFigure) -> None:
    assert table_fields([figure], "nl") is None


def chart(kind: str, *series: ChartSeries, alt: str = "") -> ChartFigure:
    return ChartFigure("Grafiek", None, kind, categories=("Noord", "Zuid"), series=series,
                       alt=alt)


def test_stored_numbers_are_written_so_the_kind_reads_them_back_exactly() -> None:
    share = ChartSeries("Aandeel", (0.105, 0.1 + 0.2), "0.0%")
    count = ChartSeries("Aantal", (1234.5, None), "General")
    found = chart_fields(chart("line", share, count), "Titel", "nl")
    assert found is not None
    assert found.content["columns"] == [
        "Categorie", {"name": "Aandeel", "format": "percent", "decimals": 1},
        {"name": "Aantal", "format": "decimal", "decimals": 1}]
    rows = found.content["rows"]
    assert rows == [["Noord", "10,5", "1.234,5"], ["Zuid", rows[1][1], ""]]
    assert float(rows[1][1].replace(",", ".")) * 0.01 == 0.1 + 0.2


def test_a_combo_names_its_lines_and_a_default_alt_text_is_left_out() -> None:
    bars = ChartSeries("2024", (1.0, 2.0), "#,##0")
    line = ChartSeries("Aandeel", (0.5, 0.25), "0%", line=True)
    alt = ("Combinatiediagram van kolommen en lijnen: Titel. 2 categorieën, 2 reeksen "
           "(2024, Aandeel). Hoogste waarde: 2 (Zuid, 2024); laagste: 25% (Zuid, Aandeel).")
    found = chart_fields(chart("combo", bars, line, alt=alt), "Titel", "nl")
    assert found is not None
    assert found.content["type"] == "combo"
    assert found.content["lines"] == ["Aandeel"]
    assert "alt" not in found.content
    own = chart_fields(chart("combo", bars, line, alt="Kolommen en een lijn"), "Titel", "nl")
    assert own is not None
    assert own.content["alt"] == "Kolommen en een lijn"
    assert chart_fields(chart("combo", bars), "Titel", "nl") is None  # lines only in name
    assert chart_fields(ChartFigure("G", None, None, "an area chart"), "Titel", "nl") is None
