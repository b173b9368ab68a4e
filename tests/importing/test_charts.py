"""A chart part read into a ChartFigure: the types the chart kind has, and why not."""

from __future__ import annotations

import pytest

from deck_builder.importing.charts import Heading, read_chart, workbook_heading
from deck_builder.importing.model import ChartFigure
from deck_builder.ooxml import parsing
from deck_builder.ooxml.workbook import workbook

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def part(plots: str, extra: str = "") -> bytes:
    return (f'<c:chartSpace xmlns:c="{C}" xmlns:a="{A}"><c:chart>{extra}<c:plotArea>'
            f'{plots}<c:catAx><c:axId val="1"/><c:axPos val="b"/>{_title("Regio")}</c:catAx>'
            f'<c:valAx><c:axId val="2"/><c:axPos val="l"/></c:valAx></c:plotArea>'
            '</c:chart></c:chartSpace>').encode()


def _title(text: str) -> str:
    return (f"<c:title><c:tx><c:rich><a:p><a:r><a:t>{text}</a:t></a:r></a:p></c:rich></c:tx>"
            "</c:title>")


def series(order: int, name: str, values: str, categories: str = "") -> str:
    cats = categories or ("<c:cat><c:strRef><c:f>Blad1!$A$2:$A$3</c:f><c:strCache>"
                          '<c:ptCount val="2"/><c:pt idx="0"><c:v>Noord</c:v></c:pt>'
                          '<c:pt idx="1"><c:v>Zuid</c:v></c:pt></c:strCache></c:strRef></c:cat>')
    return (f'<c:ser><c:idx val="{order}"/><c:order val="{order}"/><c:tx><c:v>{name}</c:v>'
            f'</c:tx>{cats}<c:val><c:numLit><c:formatCode>0.0%</c:formatCode>'
            f'<c:ptCount val="2"/>{values}</c:numLit></c:val></c:ser>')


POINTS = '<c:pt idx="0"><c:v>0.125</c:v></c:pt>'  # the second point is missing


def read(data: bytes, heading: Heading | None = None) -> ChartFigure:
    return read_chart(parsing.parse(data), "Grafiek", None, "", None, heading)


def test_a_stacked_bar_chart_with_its_series_in_order_and_its_heading() -> None:
    bars = ('<c:barChart><c:barDir val="bar"/><c:grouping val="percentStacked"/>'
            f'{series(1, "Koop", POINTS)}{series(0, "Huur", POINTS)}'
            '<c:axId val="1"/><c:axId val="2"/></c:barChart>')
    heading = workbook_heading(workbook([["Gebied", "Huur", "Koop"], ["Noord", 1, 2]]))
    figure = read(part(bars, '<c:legend><c:legendPos val="t"/></c:legend>'), heading)
    assert figure.type == "bar"
    assert figure.stacking == "percent"
    assert [s.name for s in figure.series] == ["Huur", "Koop"]
    assert figure.series[0].values == (0.125, None)
    assert figure.series[0].code == "0.0%"
    assert figure.categories == ("Noord", "Zuid")
    assert figure.category_title == "Gebied"
    assert figure.legend == "top"
    assert figure.titles == ("Regio", "", "")


@pytest.mark.parametrize(("plots", "why"), [
    (f"<c:areaChart>{series(0, 'A', POINTS)}</c:areaChart>", "an area chart"),
    (f"<c:radarChart>{series(0, 'A', POINTS)}</c:radarChart>", "a radar chart"),
    (f"<c:bar3DChart>{series(0, 'A', POINTS)}</c:bar3DChart>", "a 3-D bar chart"),
    ('<c:lineChart><c:grouping val="stacked"/>' f"{series(0, 'A', POINTS)}</c:lineChart>",
     "a stacked line chart"),
    (f"<c:pieChart>{series(0, 'A', POINTS)}{series(1, 'B', POINTS)}</c:pieChart>",
     "a pie chart of 2 series"),
    ('<c:barChart><c:barDir val="col"/>'
     f"{series(0, 'A', POINTS)}<c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>"
     f"<c:lineChart>{series(1, 'B', POINTS)}<c:axId val=\"1\"/><c:axId val=\"2\"/>"
     "</c:lineChart>", "columns and lines on one axis"),
    ("<c:barChart>" + series(0, "A", POINTS, "<c:cat><c:multiLvlStrRef><c:multiLvlStrCache>"
                             "<c:lvl/><c:lvl/></c:multiLvlStrCache></c:multiLvlStrRef>"
                             "</c:cat>") + "</c:barChart>",
     "a chart with categories on several levels"),
    ("<c:barChart>" + series(0, "A", POINTS).replace(
        "</c:tx>", "</c:tx><c:dLbls><c:dLbl><c:tx><c:rich><a:p><a:r><a:t>Let op!</a:t>"
        "</a:r></a:p></c:rich></c:tx></c:dLbl></c:dLbls>") + "</c:barChart>",
     "a chart with text of its own ('Let op!')"),
])
def test_what_the_chart_kind_does_not_have_is_said(plots: str, why: str) -> None:
    figure = read(part(plots))
    assert figure.type is None
    assert figure.unsupported == why


def test_a_combo_has_its_lines_on_the_second_axis() -> None:
    plots = ('<c:barChart><c:barDir val="col"/><c:grouping val="stacked"/>'
             f'{series(0, "A", POINTS)}<c:axId val="1"/><c:axId val="2"/></c:barChart>'
             f'<c:lineChart><c:grouping val="standard"/>{series(1, "B", POINTS)}'
             '<c:axId val="3"/><c:axId val="4"/></c:lineChart>'
             f'<c:valAx><c:axId val="4"/><c:axPos val="r"/>{_title("Aandeel")}</c:valAx>')
    figure = read(part(plots))
    assert (figure.type, figure.stacking) == ("combo", "stacked")
    assert [s.line for s in figure.series] == [False, True]
    assert figure.titles == ("Regio", "", "Aandeel")


def test_a_broken_workbook_gives_no_heading() -> None:
    assert workbook_heading(b"not a zip")("Blad1", "A1") is None
