"""Decks to import, made here with python-pptx on its own default template (a deck
nobody here designed): every layout kind, levels, notes, a group, a table, a chart."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu, Inches, Pt

TITLE, BULLETS, SECTION, TWO, TITLE_ONLY, BLANK, CAPTION = 0, 1, 2, 3, 5, 6, 8


def picture_bytes(colour: str = "#336699", size: tuple[int, int] = (320, 200)) -> bytes:
    """A small PNG."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def foreign_deck(path: Path) -> Path:
    """A deck as someone might make it by hand, with python-pptx's default template."""
    prs = Presentation()
    layouts = prs.slide_layouts

    slide = prs.slides.add_slide(layouts[TITLE])
    slide.shapes.title.text = "Woningbouw in de regio"
    slide.placeholders[1].text = "Stand van zaken voorjaar"
    prs.core_properties.author = "Team Wonen"
    prs.core_properties.language = "nl-NL"

    slide = prs.slides.add_slide(layouts[SECTION])
    slide.shapes.title.text = "Aanleiding"

    slide = prs.slides.add_slide(layouts[BULLETS])
    slide.shapes.title.text = "Waarom nu?"
    body = slide.placeholders[1].text_frame
    body.text = "Tekort aan woningen"
    for text, level in (("vooral betaalbare huur", 1), ("in alle regio's", 2),
                        ("Bouwtempo moet omhoog", 0)):
        paragraph = body.add_paragraph()
        paragraph.text, paragraph.level = text, level
    run = body.paragraphs[0].runs[0]
    run.font.bold = True
    link = body.add_paragraph().add_run()
    link.text = "Meer op de website"
    link.hyperlink.address = "https://example.org/woningbouw"
    slide.notes_slide.notes_text_frame.text = "Begin met het verhaal van de wethouder."

    slide = prs.slides.add_slide(layouts[TWO])
    slide.shapes.title.text = "Twee sporen"
    slide.placeholders[1].text = "Versnellen van procedures en vergunningen voor woningen"
    slide.placeholders[2].text = "Meer geld voor betaalbare woningen in de regio's"

    slide = prs.slides.add_slide(layouts[TITLE_ONLY])
    slide.shapes.title.text = "Doelen per regio"
    rows = (("Regio", "Doel"), ("Noord", "12.000"), ("Zuid", "15.500"))
    table = slide.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(6), Inches(2)).table
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text

    slide = prs.slides.add_slide(layouts[TITLE_ONLY])
    slide.shapes.title.text = "Bouwtempo"
    data = CategoryChartData()
    data.categories = ["2024", "2025"]
    data.add_series("Woningen", (70000, 82000))
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2),
                                   Inches(6), Inches(4), data).chart
    chart.has_title = True
    chart.chart_title.text_frame.text = "Opgeleverde woningen"

    slide = prs.slides.add_slide(layouts[BLANK])
    group = slide.shapes.add_group_shape()
    for index, text in enumerate(("Stap één: plannen", "Stap twee: bouwen")):
        box = group.shapes.add_textbox(Inches(1 + 4 * index), Inches(3), Inches(3), Inches(1))
        box.text_frame.text = text

    slide = prs.slides.add_slide(layouts[CAPTION])
    slide.shapes.title.text = "De nieuwe wijk"
    slide.placeholders[1].insert_picture(io.BytesIO(picture_bytes()))
    slide.placeholders[2].text = "Impressie van de nieuwe wijk"
    slide.shapes[1]._element.nvPicPr.cNvPr.set("descr", "Huizen aan het water")

    slide = prs.slides.add_slide(layouts[TITLE_ONLY])
    slide.shapes.title.text = "Kengetal"
    figure = slide.shapes.add_textbox(Inches(3), Inches(2.5), Inches(4), Inches(1.5))
    figure.text_frame.text = "82%"
    figure.text_frame.paragraphs[0].runs[0].font.size = Pt(72)
    caption = slide.shapes.add_textbox(Inches(3), Inches(4.2), Inches(4), Emu(500000))
    caption.text_frame.text = "van de gemeenten doet mee"

    prs.save(str(path))
    return path


def figures_deck(path: Path) -> Path:
    """A python-pptx deck of figures: a table with number formats and markup, a chart
    of each type the chart kind has, and an area and a radar chart, which it has not."""
    from pptx.chart.data import XyChartData
    from pptx.enum.chart import XL_LEGEND_POSITION

    prs = Presentation()
    prs.core_properties.language = "nl-NL"
    layouts = prs.slide_layouts

    slide = prs.slides.add_slide(layouts[TITLE])
    slide.shapes.title.text = "Cijfers van de regio"
    slide.placeholders[1].text = "Team Wonen"

    slide = prs.slides.add_slide(layouts[TITLE_ONLY])
    slide.shapes.title.text = "Woningbouw per regio"
    rows = (("Regio", "Woningen", "Aandeel", "Budget", "Groei"),
            ("Noord", "1.234", "12,5%", "€ 1.200", "0,75"),
            ("Zuid", "2.345", "7,3%", "€ 950", "1,20"),
            ("Totaal", "3.579", "19,8%", "€ 2.150", "1,95"))
    shape = slide.shapes.add_table(4, 5, Inches(0.5), Inches(1.8), Inches(9), Inches(2))
    table = shape.table
    table.first_col = True
    table.last_row = True
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 0).text_frame.paragraphs[0].runs[0].font.italic = True
    link = table.cell(2, 0).text_frame.paragraphs[0].runs[0]
    link.hyperlink.address = "https://example.org/zuid"
    caption = slide.shapes.add_textbox(Inches(0.5), Inches(4.2), Inches(9), Inches(0.5))
    caption.text_frame.text = "Bron: provincie, 2026"

    def chart(title: str, kind: Any, data: Any) -> Any:
        added = prs.slides.add_slide(layouts[TITLE_ONLY])
        added.shapes.title.text = title
        return added.shapes.add_chart(kind, Inches(1), Inches(1.8), Inches(8), Inches(5),
                                      data).chart

    def regions(*series: tuple[str, tuple[float, ...]], code: str = "General") -> Any:
        data = CategoryChartData(number_format=code)
        data.categories = ["Noord", "Oost", "Zuid"]
        for name, values in series:
            data.add_series(name, values)
        return data

    two = (("2024", (12.5, 45.6, 33.3)), ("2030", (20.1, 60.0, 41.2)))
    made = chart("Kolommen", XL_CHART_TYPE.COLUMN_CLUSTERED, regions(*two, code="#,##0.0"))
    made.plots[0].has_data_labels = True
    made.has_legend = True
    made.legend.position = XL_LEGEND_POSITION.BOTTOM
    made.category_axis.has_title = True
    made.category_axis.axis_title.text_frame.text = "Regio"
    made.value_axis.has_title = True
    made.value_axis.axis_title.text_frame.text = "Reductie (kiloton)"
    chart("Staven gestapeld", XL_CHART_TYPE.BAR_STACKED, regions(*two, code="#,##0.0"))
    chart("Kolommen 100 procent", XL_CHART_TYPE.COLUMN_STACKED_100,
          regions(*two, code="#,##0.0"))
    made = chart("Lijn", XL_CHART_TYPE.LINE_MARKERS, regions(*two, code="#,##0.0"))
    made.has_legend = True
    made.legend.position = XL_LEGEND_POSITION.TOP
    chart("Taart", XL_CHART_TYPE.PIE, regions(("Aandeel", (0.125, 0.5, 0.375)), code="0.0%"))
    chart("Ring", XL_CHART_TYPE.DOUGHNUT, regions(("Woningen", (1200, 950, 400)), code="0"))
    xy = XyChartData(number_format="#,##0")
    points = xy.add_series("Woningen", number_format="#,##0")
    for x, y in ((1000, 450), (2500, 1100), (4000, 1900)):
        points.add_data_point(x, y)
    chart("Spreiding", XL_CHART_TYPE.XY_SCATTER, xy)
    chart("Vlakken", XL_CHART_TYPE.AREA, regions(*two))
    chart("Radar", XL_CHART_TYPE.RADAR, regions(*two))

    prs.save(str(path))
    return path
