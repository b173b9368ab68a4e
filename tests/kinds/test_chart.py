"""`kind: chart`: native charts read back with python-pptx, their workbooks with openpyxl."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lxml import etree
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.presentation import Presentation as PresentationType

from deck_builder import pipeline
from deck_builder.kinds.chart import series_colours
from deck_builder.ooxml.colours import contrast_ratio
from tests.conftest import (
    BuildFails,
    ContentMaker,
    Problem,
    SlideBuilder,
    assert_inside,
    kind_slides,
    rect_of,
)

C = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
     "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
STIKSTOF = "Provincie;2024;2030;Aandeel\nDrenthe;12,5;20,1;10,5%\nGelderland;45,6;60;30%\n" \
           "Groningen;1.234,5;80;12%\n"
FILES = {"cijfers/stikstof.csv": STIKSTOF}


def charts(prs: PresentationType) -> list[Any]:
    """The chart frame of each slide, in order."""
    found = []
    for slide in prs.slides:
        (frame,) = [s for s in slide.shapes if s.has_chart]
        found.append(frame)
    return found


def chart_xml(frame: Any) -> etree._Element:
    return etree.fromstring(frame.chart.part.blob)


def workbook_rows(frame: Any) -> list[tuple[Any, ...]]:
    blob = frame.chart.part.chart_workbook.xlsx_part.blob
    sheet = openpyxl.load_workbook(io.BytesIO(blob)).worksheets[0]
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows()]


def one_chart(build_slides: SlideBuilder, extra: str, series: str = "['2024', '2030']",
              **options: Any) -> Any:
    slides = f"""\
    - kind: chart
      title: Stikstofreductie per provincie
      data: cijfers/stikstof.csv
      series: {series}
    """.rstrip(" ") + "".join(f"      {line}\n" for line in extra.splitlines())
    prs = build_slides(slides, files=FILES, **options)
    (frame,) = charts(prs)
    return frame


def test_a_column_chart_from_csv(build_slides: SlideBuilder) -> None:
    frame = one_chart(build_slides, "labels: true\ny_title: Reductie (kiloton)\nx_title: Provincie")
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    plot = chart.plots[0]
    assert list(plot.categories) == ["Drenthe", "Gelderland", "Groningen"]
    assert [(s.name, list(s.values)) for s in plot.series] == [
        ("2024", [12.5, 45.6, 1234.5]), ("2030", [20.1, 60.0, 80.0])]
    # Neutral format codes, not linked to the source: the application localises them.
    assert plot.data_labels.number_format == "#,##0.0"
    assert not plot.data_labels.number_format_is_linked
    assert plot.data_labels.show_value
    assert chart.value_axis.tick_labels.number_format == "#,##0.0"
    assert chart.value_axis.axis_title.text_frame.text == "Reductie (kiloton)"
    assert chart.category_axis.axis_title.text_frame.text == "Provincie"
    assert chart.value_axis.has_major_gridlines
    assert chart.has_legend
    assert chart.legend.position == XL_LEGEND_POSITION.BOTTOM
    assert not chart.has_title  # the slide's title names the chart
    root = chart_xml(frame)
    assert root.find("c:lang", C).get("val") == "nl-NL"
    assert all(int(axis.get("val")) > 0 for axis in root.iterfind(".//c:axId", C))
    # The embedded workbook holds exactly the plotted numbers.
    assert workbook_rows(frame) == [("Provincie", "2024", "2030"), ("Drenthe", 12.5, 20.1),
                                    ("Gelderland", 45.6, 60), ("Groningen", 1234.5, 80)]


def test_the_chart_fills_its_layout_area_and_has_alt_text_from_the_data(
    build_slides: SlideBuilder,
) -> None:
    slides = """\
    - kind: chart
      title: Stikstofreductie per provincie
      data: cijfers/stikstof.csv
      series: ['2024', '2030']
    """
    prs = build_slides(slides, files=FILES)
    (slide,) = kind_slides(prs, "chart")
    slide.check({"title": "Stikstofreductie per provincie"})
    (frame,) = charts(prs)
    assert rect_of(frame) == rect_of(slide.area("chart"))
    alt = frame._element.nvGraphicFramePr.cNvPr.get("descr")
    assert alt == ("Kolomdiagram: Stikstofreductie per provincie. 3 categorieën, 2 reeksen "
                   "(2024, 2030). Hoogste waarde: 1.234,5 (Groningen, 2024); laagste: 12,5 "
                   "(Drenthe, 2024).")


def test_given_alt_text_and_the_data_in_the_notes(build_slides: SlideBuilder) -> None:
    prs = build_slides("""\
    - kind: chart
      title: Reductie
      data: cijfers/stikstof.csv
      series: ['2030']
      alt: Gelderland reduceert het meest.
      table: true
      notes: Toelichting.
    """, files=FILES)
    (frame,) = charts(prs)
    assert frame._element.nvGraphicFramePr.cNvPr.get("descr") == "Gelderland reduceert het meest."
    notes = prs.slides[0].notes_slide.notes_text_frame.text.splitlines()
    assert notes == ["Toelichting.", "Provincie | 2024 | 2030 | Aandeel",
                     "Drenthe | 12,5 | 20,1 | 10,5%", "Gelderland | 45,6 | 60,0 | 30,0%",
                     "Groningen | 1.234,5 | 80,0 | 12,0%"]
    assert not frame.chart.has_legend  # one series: its name is the title's business


@pytest.mark.parametrize(("extra", "series", "expected"), [
    ("type: bar", "['2024', '2030']", XL_CHART_TYPE.BAR_CLUSTERED),
    ("type: bar\nstacking: stacked", "['2024', '2030']", XL_CHART_TYPE.BAR_STACKED),
    ("stacking: percent", "['2024', '2030']", XL_CHART_TYPE.COLUMN_STACKED_100),
    ("stacking: stacked", "['2024', '2030']", XL_CHART_TYPE.COLUMN_STACKED),
    ("type: line", "['2024', '2030']", XL_CHART_TYPE.LINE_MARKERS),
    ("type: pie", "['2030']", XL_CHART_TYPE.PIE),
    ("type: doughnut", "['2030']", XL_CHART_TYPE.DOUGHNUT),
])
def test_every_chart_type(build_slides: SlideBuilder, extra: str, series: str,
                          expected: XL_CHART_TYPE) -> None:
    frame = one_chart(build_slides, extra + "\nlabels: true", series)
    chart = frame.chart
    assert chart.chart_type == expected
    assert list(chart.plots[0].categories) == ["Drenthe", "Gelderland", "Groningen"]
    values = [list(s.values) for s in chart.plots[0].series]
    assert values[-1] == [20.1, 60.0, 80.0]
    if expected in {XL_CHART_TYPE.PIE, XL_CHART_TYPE.DOUGHNUT}:
        assert chart.legend.position == XL_LEGEND_POSITION.RIGHT
        points = chart_xml(frame).findall(".//c:dPt", C)
        assert len(points) == 3  # each slice its own accent
    if expected == XL_CHART_TYPE.COLUMN_STACKED_100:
        assert chart.value_axis.tick_labels.number_format == "0%"


def test_a_combo_chart_has_its_line_on_a_secondary_axis(build_slides: SlideBuilder) -> None:
    frame = one_chart(build_slides, "type: combo\ny2_title: Aandeel",
                      "['2024', '2030', Aandeel]")
    chart = frame.chart
    bars, lines = chart.plots
    assert [s.name for s in bars.series] == ["2024", "2030"]
    assert [s.name for s in lines.series] == ["Aandeel"]
    assert list(lines.series[0].values) == pytest.approx([0.105, 0.30, 0.12])
    root = chart_xml(frame)
    value_axes = root.findall(".//c:valAx", C)
    assert [axis.find("c:axPos", C).get("val") for axis in value_axes] == ["l", "r"]
    assert value_axes[1].find("c:numFmt", C).get("formatCode") == "0.0%"
    line_axes = [a.get("val") for a in root.findall(".//c:lineChart/c:axId", C)]
    assert line_axes == [a.find("c:axId", C).get("val")
                         for a in (root.findall(".//c:catAx", C)[1], value_axes[1])]
    assert root.find(".//c:lineChart/c:ser/c:marker/c:symbol", C).get("val") == "circle"
    # Percentages are stored as the fractions the format shows as percent.
    assert workbook_rows(frame)[1] == ("Drenthe", 12.5, 20.1, 0.105)


def test_a_scatter_chart_plots_numbers_against_numbers(build_slides: SlideBuilder) -> None:
    prs = build_slides("""\
    - kind: chart
      title: Inwoners en woningen
      type: scatter
      columns: [{name: Inwoners, format: integer}, {name: Woningen, format: integer}]
      rows: [['1.000', '450'], ['2.500', '1.100'], ['4.000', '1.900']]
      x_title: Inwoners
    """)
    (frame,) = charts(prs)
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.XY_SCATTER_LINES_NO_MARKERS or \
        chart.chart_type in {XL_CHART_TYPE.XY_SCATTER, XL_CHART_TYPE.XY_SCATTER_LINES}
    root = chart_xml(frame)
    xs = [float(v.text) for v in root.findall(".//c:xVal//c:v", C)]
    ys = [float(v.text) for v in root.findall(".//c:yVal//c:v", C)]
    assert (xs, ys) == ([1000, 2500, 4000], [450, 1100, 1900])
    assert workbook_rows(frame) == [("Inwoners", "Woningen"), (1000, 450), (2500, 1100),
                                    (4000, 1900)]


def test_series_colours_are_theme_accents_that_stand_out() -> None:
    scheme = {"bg1": "FFFFFF", "tx1": "000000", "accent1": "FFFF00", "accent2": "14365D",
              "accent3": "E5761A", "accent4": "EEEEEE"}
    colours = series_colours(scheme, 3)
    # Yellow and light grey on white are dropped; the others first, then darker shades.
    assert colours[:2] == ['<a:schemeClr val="accent2"></a:schemeClr>',
                           '<a:schemeClr val="accent3"></a:schemeClr>']
    assert len(colours) >= 3
    assert "lumMod" in colours[2]
    assert series_colours({"bg1": "FFFFFF", "tx1": "222222"}, 2) == ['<a:srgbClr val="222222"/>']
    assert contrast_ratio((0.078, 0.21, 0.36), (1, 1, 1)) > 3


def test_five_series_of_fifty_categories(build_slides: SlideBuilder, tmp_path: Path) -> None:
    header = "Gemeente;" + ";".join(f"Jaar {y}" for y in range(2021, 2026))
    rows = "".join(f"G{n};" + ";".join(f"{n * y % 997},5" for y in range(1, 6)) + "\n"
                   for n in range(1, 51))
    prs = build_slides("""\
    - kind: chart
      title: Vijftig gemeenten
      type: line
      data: groot.csv
    """, files={"groot.csv": f"{header}\n{rows}"})
    (frame,) = charts(prs)
    plot = frame.chart.plots[0]
    assert len(plot.categories) == 50
    assert len(plot.series) == 5
    assert list(plot.series[4].values)[:2] == [5.5, 10.5]
    assert len(workbook_rows(frame)) == 51
    from tests.template.test_foreign_template import VALIDATOR, sdk_errors

    if VALIDATOR.is_file():
        assert sdk_errors(tmp_path / "out" / "deck.pptx") == (set(), 0)


def test_a_chart_deck_builds_to_the_same_bytes(make_content: ContentMaker) -> None:
    content = make_content("- kind: chart\n  title: T\n  data: c.csv\n  labels: true\n",
                           files={"c.csv": "A;B\nx;1,5\ny;2\n"})
    deck = pipeline.load_deck(content.dir)
    first = pipeline.build_bytes(deck, pipeline.open_session(pipeline.open_template(deck)))[0]
    again = pipeline.build_bytes(deck, pipeline.open_session(pipeline.open_template(deck)))[0]
    assert first == again


@pytest.mark.parametrize("problem", [
    Problem("- kind: chart\n  title: T\n  type: pie\n  data: c.csv\n", "kind",
            ("a pie chart shows one series",), files={"c.csv": "A;B;C\nx;1;2\n"}),
    Problem("- kind: chart\n  title: T\n  data: c.csv\n", "veel",
            ("the column 'B' is plotted but holds text",), file="c.csv",
            files={"c.csv": "A;B\nx;1\ny;veel\n"}),
    Problem("- kind: chart\n  title: T\n  data: c.csv\n  series: [Z]\n", "series",
            ("no series column 'Z'",), files={"c.csv": "A;B\nx;1\n"}),
    Problem("- kind: chart\n  title: T\n  lines: [B]\n  data: c.csv\n", "kind",
            ("`lines:` is for `type: combo`",), files={"c.csv": "A;B\nx;1\n"}),
    Problem("- kind: chart\n  title: T\n  type: scatter\n  data: c.csv\n", "A",
            ("x values: numbers",), file="c.csv", files={"c.csv": "A;B\nx;1\n"}),
    Problem("- kind: chart\n  title: T\n  type: line\n  stacking: stacked\n  data: c.csv\n",
            "kind", ("`stacking:` is for column, bar and combo",), files={"c.csv": "A;B\nx;1\n"}),
])
def test_chart_problems_are_located(build_fails: BuildFails, problem: Problem) -> None:
    build_fails(problem)


def test_an_afdeling_gets_its_own_figures(make_content: ContentMaker, tmp_path: Path) -> None:
    afdelingen = ("- slug: drenthe\n  name: Vereniging van Drentse Gemeenten\n"
                  "  meeting: Ledenvergadering\n  date: 2025-12-10\n  override:\n"
                  "    stikstof-grafiek: {data: cijfers/drenthe.csv}\n")
    content = make_content("- kind: chart\n  id: stikstof-grafiek\n  title: Stikstof\n"
                           "  data: cijfers/stikstof.csv\n  series: ['2030']\n",
                           files={**FILES, "afdelingen.yaml": afdelingen,
                                  "cijfers/drenthe.csv": "Gemeente;2030\nAssen;1.234,5\n"})
    out = tmp_path / "drenthe.pptx"
    pipeline.build(content.dir, out, afdeling="drenthe")
    from pptx import Presentation

    (frame,) = charts(Presentation(str(out)))
    assert list(frame.chart.plots[0].categories) == ["Assen"]
    assert list(frame.chart.plots[0].series[0].values) == [1234.5]
    assert_inside(rect_of(frame), (0, 0, 12192000, 6858000))


def test_any_template_gets_a_content_layout_without_configuration(
    make_content: ContentMaker, tmp_path: Path,
) -> None:
    import json

    from pptx import Presentation

    from deck_builder.kinds import KINDS
    from deck_builder.template.load import check_template

    plain = tmp_path / "plain.pptx"
    Presentation().save(str(plain))
    report = check_template(plain, KINDS.layout_needs())
    for kind in ("table", "chart"):
        layout = report.template.layouts[kind]
        assert layout.name.startswith("Title and Content"), layout.name
    content = make_content(
        "- kind: chart\n  title: Stikstof\n  data: cijfers/stikstof.csv\n"
        "- kind: table\n  title: Woningbouw\n  columns: [Regio, Aantal]\n"
        "  rows: [[Noord, '1.234']]\n",
        files=FILES, meta={"template": json.dumps(str(plain))})
    out = tmp_path / "plain-deck.pptx"
    pipeline.build(content.dir, out)
    prs = Presentation(str(out))
    chart_frame = next(s for s in prs.slides[0].shapes if s.has_chart)
    table_frame = next(s for s in prs.slides[1].shapes if s.has_table)
    area = rect_of(next(p for p in prs.slides[0].slide_layout.placeholders
                        if p.placeholder_format.idx == 1))
    assert_inside(rect_of(chart_frame), area)
    assert_inside(rect_of(table_frame), area)
