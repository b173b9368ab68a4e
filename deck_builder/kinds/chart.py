"""`chart`: a native, editable PowerPoint chart of figures, with its data embedded.

FigureColumn and bar (clustered, stacked, 100 % stacked), line (with markers), pie and
doughnut, scatter, and columns with lines on a secondary axis (`combo`). The figures
come as a table's do (see kinds.table and content.data): the first column gives the
categories (for scatter: the x values), each further column a series unless
`series:` picks them. The chart embeds a workbook with exactly the plotted numbers,
so PowerPoint's "Edit data" opens them. Number formats are stored neutral
(`#,##0.0`); PowerPoint and LibreOffice show them in the reader's locale, and the
chart is tagged with the deck's language. Series take the theme's accent colours
that stand out against the background (3:1), darker shades of them when too few do.
Alt text is written from the data unless given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple
from xml.sax.saxutils import escape, quoteattr

from deck_builder.content.data import (
    NUMERIC,
    Cell,
    DataRule,
    FigureColumn,
    Grid,
    RowsRule,
    Table,
    display,
    number_format,
    with_options,
)
from deck_builder.content.i18n import LANGUAGES
from deck_builder.content.records import PlainText, SlideBase, Text
from deck_builder.content.richtext import Run
from deck_builder.content.schema import Str
from deck_builder.content.source import Node
from deck_builder.kinds.compose import FIGURE_AREAS, figure_design, place_figure
from deck_builder.kinds.registry import SlideKind
from deck_builder.kinds.table import check_data, figures
from deck_builder.ooxml.colours import contrast_ratio
from deck_builder.ooxml.geometry import Rect
from deck_builder.ooxml.namespaces import NSMAP
from deck_builder.ooxml.workbook import SHEET, column_letters, workbook
from deck_builder.planning.model import Para, SlidePlan
from deck_builder.planning.planner import PlanContext, one
from deck_builder.template.needs import PICTURE, Role
from deck_builder.template.placement import Placement

if TYPE_CHECKING:
    from deck_builder.planning.model import Canvas

ChartType = Literal["column", "bar", "line", "pie", "doughnut", "scatter", "combo"]
Stacking = Literal["clustered", "stacked", "percent"]
LegendPosition = Literal["bottom", "right", "top", "left", "none"]
_LEGEND = {"bottom": "b", "right": "r", "top": "t", "left": "l"}
_CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
# Axis ids: any unsigned numbers unique in the chart (positive, unlike the ones some
# libraries write, which validators flag).
_AXES = (50010001, 50010002, 50010003, 50010004)
CHART_PT = 14  # text size of labels, axes and legend: readable from the back of a room
_MIN_CONTRAST = 3.0  # WCAG's contrast for graphics against their background


class ChartSlide(SlideBase):
    """A native chart of figures written here (`columns:` and `rows:`) or from a CSV
    or XLSX file (`data:`): categories in the first column, a series per further one."""

    kind: Literal["chart"]
    title: Text
    """The slide's title (required): it names the chart for everyone, screen reader
    users first.
    Example: Stikstofreductie per provincie"""
    type: ChartType = "column"
    """column (default), bar, line, pie, doughnut, scatter, or combo (columns with the
    `lines:` series as lines on a second axis)."""
    stacking: Stacking = "clustered"
    """For column and bar charts: clustered (default), stacked or percent (100 %)."""
    data: Annotated[Grid, DataRule()] | None = None
    """A CSV or XLSX file, as a table's `data:`: headings in the first row, the
    categories in the first column.
    Example: cijfers/stikstof.csv"""
    sheet: Annotated[str, Str()] | None = None
    """With an XLSX `data:` file: the sheet to read (default: the first).
    Example: Blad1"""
    range: Annotated[str, Str()] | None = None
    """With an XLSX `data:` file: the cells to read, headings included.
    Example: A1:C13"""
    columns: tuple[FigureColumn, ...] = ()
    """The columns (required without `data:`): categories first, then the series,
    each with its number format: `{name: Reductie, format: percent, decimals: 1}`.
    Example: [Provincie, {name: '2030', format: decimal, decimals: 1}]"""
    rows: Annotated[tuple[tuple[Cell, ...], ...], RowsRule()] | None = None
    """The rows: a category and its values.
    Example: [[Drenthe, '12,5'], [Gelderland, '45,6']]"""
    series: tuple[Annotated[str, Str()], ...] = ()
    """The columns to plot, by heading (default: every column after the first).
    Example: ['2024', '2030']"""
    lines: tuple[Annotated[str, Str()], ...] = ()
    """With `type: combo`: the series drawn as lines on the second axis (default: the
    last one).
    Example: [Aandeel]"""
    labels: bool = False
    """Show each value on the chart (data labels)."""
    legend: LegendPosition | None = None
    """Where the legend goes: bottom, right, top, left or none (default: bottom, or
    none for a single series; right for pie and doughnut)."""
    x_title: Text | None = None
    """The title of the category (horizontal) axis.
    Example: Provincie"""
    y_title: Text | None = None
    """The title of the value axis.
    Example: Reductie (kiloton)"""
    y2_title: Text | None = None
    """With `type: combo`: the title of the second value axis."""
    alt: PlainText | None = None
    """Alternative text for screen readers; by default written from the data (the
    chart's type, what it plots, its range, highest and lowest values)."""
    table: bool = False
    """Also give the figures as a table in the speaker notes (for those who cannot
    see the chart)."""
    caption: Text | None = None
    """A line under the chart, such as its source.
    Example: 'Bron: RIVM, 2025'"""

    @classmethod
    def _shorthand(cls, node: Node) -> Node:
        return with_options(node)

    def _check(self) -> None:
        check_data(self)
        if self.lines and self.type != "combo":
            raise ValueError("`lines:` is for `type: combo` (columns with lines)")
        if self.y2_title and self.type != "combo":
            raise ValueError("`y2_title:` is for `type: combo`, which has a second axis")
        if self.stacking != "clustered" and self.type not in {"column", "bar", "combo"}:
            raise ValueError("`stacking:` is for column, bar and combo charts")


class Series(NamedTuple):
    """One plotted series: its name, values (None: empty), format code and display."""

    name: str
    values: tuple[float | None, ...]
    code: str
    format: str
    decimals: int
    line: bool = False  # a combo's line on the second axis


class ChartShape(NamedTuple):
    """A native chart: its type, categories, series and options; `alt` its alt text."""

    rect: Rect
    name: str
    chart_type: str
    stacking: str
    categories: tuple[str, ...]
    x_values: tuple[float | None, ...] | None  # scatter: the x values
    x_code: str  # scatter: the x values' format code
    category_title: str
    series: tuple[Series, ...]
    labels: bool
    legend: str | None
    titles: tuple[str | None, str | None, str | None]  # x, y, y2
    alt: str
    lang: str
    text_colour: str

    def draw(self, canvas: Canvas) -> None:
        """Add the chart part, its workbook and the graphic frame that shows it."""
        from lxml import etree

        colours = series_colours(canvas.scheme_colours(), len(self._coloured()))
        rid = canvas.chart(self.chart_xml(colours), self.workbook())
        p, a = f"{{{NSMAP['p']}}}", f"{{{NSMAP['a']}}}"
        frame = etree.Element(f"{p}graphicFrame", nsmap={"a": NSMAP["a"], "p": NSMAP["p"],
                                                           "r": NSMAP["r"]})
        nv = etree.SubElement(frame, f"{p}nvGraphicFramePr")
        etree.SubElement(nv, f"{p}cNvPr", id=str(canvas.next_shape_id()), name=self.name,
                         descr=self.alt)
        locks = etree.SubElement(nv, f"{p}cNvGraphicFramePr")
        etree.SubElement(locks, f"{a}graphicFrameLocks", noGrp="1")
        etree.SubElement(nv, f"{p}nvPr")
        xfrm = etree.SubElement(frame, f"{p}xfrm")
        etree.SubElement(xfrm, f"{a}off", x=str(self.rect.x), y=str(self.rect.y))
        etree.SubElement(xfrm, f"{a}ext", cx=str(self.rect.w), cy=str(self.rect.h))
        data = etree.SubElement(etree.SubElement(frame, f"{a}graphic"), f"{a}graphicData",
                                uri=_CHART_URI)
        chart = etree.SubElement(data, f"{{{_C}}}chart", nsmap={"c": _C})
        chart.set(f"{{{NSMAP['r']}}}id", rid)
        canvas.append(frame)

    def _coloured(self) -> tuple[object, ...]:
        """What gets a colour each: a pie's slices, else the series."""
        return self.categories if self.chart_type in {"pie", "doughnut"} else self.series

    # -- the workbook ------------------------------------------------------------------

    def workbook(self) -> bytes:
        """The embedded workbook: categories (or x values) in column A from row 2, each
        series' name in row 1 and its values below: exactly what is plotted."""
        first: list[str | float | None] = (
            list(self.x_values) if self.x_values is not None else list(self.categories))
        rows: list[list[str | float | None]] = [
            [self.category_title, *(series.name for series in self.series)]]
        for index, category in enumerate(first):
            rows.append([category, *(series.values[index] for series in self.series)])
        return workbook(rows, [None, *(series.code for series in self.series)])

    # -- the chart part ----------------------------------------------------------------

    def chart_xml(self, colours: list[str]) -> bytes:
        """The `c:chartSpace` part."""
        kind = self.chart_type
        plot: list[str] = []
        primary = [s for s in self.series if not s.line]
        secondary = [s for s in self.series if s.line]
        if kind in {"column", "bar", "combo"}:
            plot.append(self._bars(primary, colours, _AXES[:2]))
            if secondary:
                plot.append(self._lines(secondary, colours, _AXES[2:], offset=len(primary)))
        elif kind == "line":
            plot.append(self._lines(self.series, colours, _AXES[:2]))
        elif kind in {"pie", "doughnut"}:
            plot.append(self._pie(colours))
        else:
            plot.append(self._scatter(colours))
        if kind not in {"pie", "doughnut"}:
            plot.extend(self._axes(bool(secondary)))
        legend = ""
        if self.legend is not None:
            legend = (f'<c:legend><c:legendPos val="{_LEGEND[self.legend]}"/>'
                      f'<c:overlay val="0"/>{self._text_props(CHART_PT)}</c:legend>')
        xml = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<c:chartSpace xmlns:c="{_C}" xmlns:a="{NSMAP["a"]}" xmlns:r="{NSMAP["r"]}">'
            f'<c:date1904 val="0"/><c:lang val="{self.lang}"/><c:roundedCorners val="0"/>'
            '<c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>'
            f'{"".join(plot)}<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>'
            f'{legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
            '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
            f'{self._text_props(CHART_PT)}'
            '<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData>'
            "</c:chartSpace>"
        )
        return xml.encode("utf-8")

    def _text_props(self, size: float, rotate: bool = False, bold: bool = False) -> str:
        rot = ' rot="-5400000" vert="horz"' if rotate else ""
        b = ' b="1"' if bold else ""
        return (f'<c:txPr><a:bodyPr{rot}/><a:lstStyle/><a:p><a:pPr><a:defRPr '
                f'sz="{round(size * 100)}"{b}><a:solidFill><a:srgbClr val="{self.text_colour}"/>'
                f'</a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang="{self.lang}"/></a:p>'
                "</c:txPr>")

    def _name(self, index: int, series: Series) -> str:
        column = column_letters(index + 2)
        return (f"<c:tx><c:strRef><c:f>{SHEET}!${column}$1</c:f><c:strCache>"
                f'<c:ptCount val="1"/><c:pt idx="0"><c:v>{escape(series.name)}</c:v></c:pt>'
                "</c:strCache></c:strRef></c:tx>")

    def _categories(self, tag: str = "cat") -> str:
        last = len(self.categories) + 1
        if self.x_values is not None:
            points = "".join(f'<c:pt idx="{i}"><c:v>{_num(v)}</c:v></c:pt>'
                             for i, v in enumerate(self.x_values) if v is not None)
            return (f"<c:{tag}><c:numRef><c:f>{SHEET}!$A$2:$A${last}</c:f><c:numCache>"
                    f"<c:formatCode>{escape(self.x_code)}</c:formatCode>"
                    f'<c:ptCount val="{last - 1}"/>'
                    f"{points}</c:numCache></c:numRef></c:{tag}>")
        points = "".join(f'<c:pt idx="{i}"><c:v>{escape(text)}</c:v></c:pt>'
                         for i, text in enumerate(self.categories))
        return (f"<c:{tag}><c:strRef><c:f>{SHEET}!$A$2:$A${last}</c:f><c:strCache>"
                f'<c:ptCount val="{last - 1}"/>{points}</c:strCache></c:strRef></c:{tag}>')

    def _values(self, index: int, series: Series, tag: str = "val") -> str:
        column = column_letters(index + 2)
        last = len(series.values) + 1
        points = "".join(f'<c:pt idx="{i}"><c:v>{_num(v)}</c:v></c:pt>'
                         for i, v in enumerate(series.values) if v is not None)
        return (f"<c:{tag}><c:numRef><c:f>{SHEET}!${column}$2:${column}${last}</c:f>"
                f"<c:numCache><c:formatCode>{escape(series.code)}</c:formatCode>"
                f'<c:ptCount val="{last - 1}"/>{points}</c:numCache></c:numRef></c:{tag}>')

    def _labels(self, code: str, position: str | None = None, percent: bool = False) -> str:
        if not self.labels:
            return ""
        pos = f'<c:dLblPos val="{position}"/>' if position else ""
        # On a pie's slices the text sits on a box of the background colour: readable
        # whatever the slice's colour.
        fill = ('<a:solidFill><a:schemeClr val="bg1"/></a:solidFill>'
                if self.chart_type in {"pie", "doughnut"} else "<a:noFill/>")
        return (f"<c:dLbls><c:numFmt formatCode={quoteattr(code)} sourceLinked=\"0\"/>"
                f'<c:spPr>{fill}<a:ln><a:noFill/></a:ln></c:spPr>'
                f"{self._text_props(CHART_PT - 2)}{pos}"
                '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
                '<c:showSerName val="0"/>'
                f'<c:showPercent val="{int(percent)}"/><c:showBubbleSize val="0"/></c:dLbls>')

    def _fill(self, colour: str) -> str:
        return f"<c:spPr><a:solidFill>{colour}</a:solidFill></c:spPr>"

    def _bars(self, series: list[Series], colours: list[str], axes: tuple[int, ...]) -> str:
        grouping = {"clustered": "clustered", "stacked": "stacked",
                    "percent": "percentStacked"}[self.stacking]
        direction = "bar" if self.chart_type == "bar" else "col"
        position = "outEnd" if self.stacking == "clustered" else "ctr"
        body = []
        for index, item in enumerate(series):
            order = self.series.index(item)
            body.append(
                f'<c:ser><c:idx val="{order}"/><c:order val="{order}"/>{self._name(order, item)}'
                f'{self._fill(colours[index % len(colours)])}<c:invertIfNegative val="0"/>'
                f"{self._labels(item.code, position)}{self._categories()}"
                f"{self._values(order, item)}</c:ser>")
        overlap = '<c:overlap val="100"/>' if self.stacking != "clustered" else ""
        return (f'<c:barChart><c:barDir val="{direction}"/><c:grouping val="{grouping}"/>'
                f'<c:varyColors val="0"/>{"".join(body)}{self._labels(series[0].code, position)}'
                f'<c:gapWidth val="80"/>{overlap}'
                f'<c:axId val="{axes[0]}"/><c:axId val="{axes[1]}"/></c:barChart>')

    def _marker(self, colour: str) -> str:
        return (f'<c:marker><c:symbol val="circle"/><c:size val="7"/><c:spPr><a:solidFill>'
                f"{colour}</a:solidFill><a:ln><a:noFill/></a:ln></c:spPr></c:marker>")

    def _line_props(self, colour: str) -> str:
        return (f'<c:spPr><a:ln w="31750" cap="rnd"><a:solidFill>{colour}</a:solidFill>'
                '<a:round/></a:ln></c:spPr>')

    def _lines(self, series: list[Series] | tuple[Series, ...], colours: list[str],
               axes: tuple[int, ...], offset: int = 0) -> str:
        body = []
        for index, item in enumerate(series):
            order = self.series.index(item)
            colour = colours[(index + offset) % len(colours)]
            body.append(
                f'<c:ser><c:idx val="{order}"/><c:order val="{order}"/>{self._name(order, item)}'
                f"{self._line_props(colour)}{self._marker(colour)}{self._labels(item.code, 't')}"
                f'{self._categories()}{self._values(order, item)}<c:smooth val="0"/></c:ser>')
        return ('<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>'
                f'{"".join(body)}{self._labels(series[0].code, "t")}<c:marker val="1"/>'
                f'<c:axId val="{axes[0]}"/><c:axId val="{axes[1]}"/></c:lineChart>')

    def _pie(self, colours: list[str]) -> str:
        item = self.series[0]
        points = "".join(
            f'<c:dPt><c:idx val="{i}"/><c:bubble3D val="0"/><c:spPr><a:solidFill>'
            f"{colours[i % len(colours)]}</a:solidFill><a:ln w=\"19050\"><a:solidFill>"
            '<a:schemeClr val="bg1"/></a:solidFill></a:ln></c:spPr></c:dPt>'
            for i in range(len(self.categories)))
        series = (f'<c:ser><c:idx val="0"/><c:order val="0"/>{self._name(0, item)}{points}'
                  f"{self._labels(item.code, 'bestFit' if self.chart_type == 'pie' else None)}"
                  f"{self._categories()}{self._values(0, item)}</c:ser>")
        if self.chart_type == "pie":
            return (f'<c:pieChart><c:varyColors val="1"/>{series}{self._labels(item.code)}'
                    '<c:firstSliceAng val="0"/></c:pieChart>')
        return (f'<c:doughnutChart><c:varyColors val="1"/>{series}{self._labels(item.code)}'
                '<c:firstSliceAng val="0"/><c:holeSize val="55"/></c:doughnutChart>')

    def _scatter(self, colours: list[str]) -> str:
        body = []
        for index, item in enumerate(self.series):
            colour = colours[index % len(colours)]
            body.append(
                f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>{self._name(index, item)}'
                '<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>'
                f"{self._marker(colour)}{self._labels(item.code, 't')}"
                f'{self._categories("xVal")}{self._values(index, item, "yVal")}'
                '<c:smooth val="0"/></c:ser>')
        return ('<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>'
                f'{"".join(body)}{self._labels(self.series[0].code, "t")}'
                f'<c:axId val="{_AXES[0]}"/><c:axId val="{_AXES[1]}"/></c:scatterChart>')

    def _title(self, text: str | None, rotate: bool) -> str:
        if not text:
            return ""
        rot = ' rot="-5400000" vert="horz"' if rotate else ""
        return (f"<c:title><c:tx><c:rich><a:bodyPr{rot}/><a:lstStyle/><a:p><a:pPr><a:defRPr "
                f'sz="{CHART_PT * 100}" b="0"/></a:pPr><a:r><a:rPr lang="{self.lang}" '
                f'sz="{CHART_PT * 100}" b="0"><a:solidFill><a:srgbClr val="{self.text_colour}"/>'
                f"</a:solidFill></a:rPr><a:t>{escape(text)}</a:t></a:r></a:p></c:rich></c:tx>"
                '<c:overlay val="0"/></c:title>')

    def _axes(self, second: bool) -> list[str]:
        horizontal = self.chart_type == "bar"
        cat_pos, val_pos = ("l", "b") if horizontal else ("b", "l")
        x_title, y_title, y2_title = self.titles
        primary = [s for s in self.series if not s.line] or list(self.series)
        code = "0%" if self.stacking == "percent" else primary[0].code
        grid = ('<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr '
                f'val="{self.text_colour}"><a:alpha val="20000"/></a:srgbClr></a:solidFill>'
                "</a:ln></c:spPr></c:majorGridlines>")
        line = ('<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr '
                f'val="{self.text_colour}"><a:alpha val="50000"/></a:srgbClr></a:solidFill>'
                "</a:ln></c:spPr>")
        props = self._text_props(CHART_PT)
        between = "midCat" if self.chart_type == "scatter" else "between"
        if self.chart_type == "scatter":
            first = (f'<c:valAx><c:axId val="{_AXES[0]}"/><c:scaling><c:orientation '
                     f'val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>'
                     f'{self._title(x_title, False)}<c:numFmt formatCode={quoteattr(self.x_code)} '
                     'sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark '
                     f'val="none"/><c:tickLblPos val="nextTo"/>{line}{props}'
                     f'<c:crossAx val="{_AXES[1]}"/><c:crosses val="autoZero"/>'
                     '<c:crossBetween val="midCat"/></c:valAx>')
        else:
            first = (f'<c:catAx><c:axId val="{_AXES[0]}"/><c:scaling><c:orientation '
                     f'val="{"maxMin" if horizontal else "minMax"}"/></c:scaling>'
                     f'<c:delete val="0"/><c:axPos val="{cat_pos}"/>'
                     f'{self._title(x_title, horizontal)}<c:numFmt formatCode="General" '
                     'sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark '
                     f'val="none"/><c:tickLblPos val="low"/>{line}{props}'
                     f'<c:crossAx val="{_AXES[1]}"/><c:crosses val="autoZero"/>'
                     '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
                     '<c:noMultiLvlLbl val="0"/></c:catAx>')
        value = (f'<c:valAx><c:axId val="{_AXES[1]}"/><c:scaling><c:orientation '
                 f'val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="{val_pos}"/>'
                 f'{grid}{self._title(y_title, not horizontal)}<c:numFmt '
                 f'formatCode={quoteattr(code)} sourceLinked="0"/><c:majorTickMark '
                 'val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
                 f'<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>{props}<c:crossAx '
                 f'val="{_AXES[0]}"/><c:crosses val="{"max" if horizontal else "autoZero"}"/>'
                 f'<c:crossBetween val="{between}"/></c:valAx>')
        axes = [first, value]
        if second:
            line_code = next(s for s in self.series if s.line).code
            axes.append(
                f'<c:catAx><c:axId val="{_AXES[2]}"/><c:scaling><c:orientation val="minMax"/>'
                '</c:scaling><c:delete val="1"/><c:axPos val="b"/><c:majorTickMark '
                'val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
                f'<c:crossAx val="{_AXES[3]}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
                '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/>'
                "</c:catAx>")
            axes.append(
                f'<c:valAx><c:axId val="{_AXES[3]}"/><c:scaling><c:orientation val="minMax"/>'
                f'</c:scaling><c:delete val="0"/><c:axPos val="r"/>{self._title(y2_title, True)}'
                f'<c:numFmt formatCode={quoteattr(line_code)} sourceLinked="0"/>'
                '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos '
                f'val="nextTo"/><c:spPr><a:ln><a:noFill/></a:ln></c:spPr>{props}'
                f'<c:crossAx val="{_AXES[2]}"/><c:crosses val="max"/>'
                '<c:crossBetween val="between"/></c:valAx>')
        return axes


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)


def series_colours(scheme: dict[str, str], count: int) -> list[str]:
    """DrawingML colours (`a:schemeClr`, so a theme change recolours the chart) for
    `count` series: the theme's accents that reach 3:1 against its background, then
    darker shades of the accents (lumMod) that do; at least one colour."""
    background = _rgb(scheme.get("bg1", "FFFFFF"))
    found: list[str] = []
    for shade in (100, 75, 50):
        for number in range(1, 7):
            name = f"accent{number}"
            if name not in scheme:
                continue
            rgb = tuple(channel * shade / 100 for channel in _rgb(scheme[name]))
            if contrast_ratio(rgb, background) < _MIN_CONTRAST:  # type: ignore[arg-type]
                continue
            mod = f'<a:lumMod val="{shade * 1000}"/>' if shade != 100 else ""
            found.append(f'<a:schemeClr val="{name}">{mod}</a:schemeClr>')
        if len(found) >= count:
            break
    if not found:
        text = scheme.get("tx1", "000000")
        found.append(f'<a:srgbClr val="{text}"/>')
    return found


def _rgb(value: str) -> tuple[float, float, float]:
    value = value.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


# -- planning ------------------------------------------------------------------------------

_TYPE_NAMES = {
    "nl": {"column": "kolomdiagram", "bar": "staafdiagram", "line": "lijndiagram",
           "pie": "cirkeldiagram", "doughnut": "ringdiagram", "scatter": "spreidingsdiagram",
           "combo": "combinatiediagram van kolommen en lijnen"},
    "en": {"column": "column chart", "bar": "bar chart", "line": "line chart",
           "pie": "pie chart", "doughnut": "doughnut chart", "scatter": "scatter chart",
           "combo": "combination chart of columns and lines"},
}


def describe_chart(slide: ChartSlide, title: str, categories: tuple[str, ...],
                   series: tuple[Series, ...], language: str) -> str:
    """Alt text written from the data: the chart's type, what it plots, how many
    categories, and the highest and lowest values with where they are."""
    nl = language == "nl"
    kind = _TYPE_NAMES["nl" if nl else "en"][slide.type]
    if slide.stacking == "stacked":
        kind += " (gestapeld)" if nl else " (stacked)"
    elif slide.stacking == "percent":
        kind += " (100% gestapeld)" if nl else " (100% stacked)"
    names = ", ".join(s.name for s in series)
    points = [(value, category, s) for s in series
              for category, value in zip(categories, s.values, strict=True)
              if value is not None]
    what = "reeks" if len(series) == 1 else "reeksen"
    if not nl:
        what = "series"
    text = (f"{kind.capitalize()}: {title}. {len(categories)} "
            f"{'categorieën' if nl else 'categories'}, {len(series)} {what} ({names}).")
    if points:
        high = max(points, key=lambda p: p[0])
        low = min(points, key=lambda p: p[0])

        def shown(point: tuple[float, str, Series]) -> str:
            value, category, item = point
            where = category if len(series) == 1 else f"{category}, {item.name}"
            number = display(value * (100 if item.format == "percent" else 1),
                             item.format if item.format in NUMERIC else "decimal",
                             item.decimals, language)
            return f"{number} ({where})"

        text += (f" {'Hoogste waarde' if nl else 'Highest value'}: {shown(high)}; "
                 f"{'laagste' if nl else 'lowest'}: {shown(low)}.")
    return text


def _series(slide: ChartSlide, table: Table, ctx: PlanContext) -> tuple[Series, ...] | None:
    names = [column.name for column in table.columns]
    picked = list(slide.series) or names[1:]
    field = "series" if slide.series else ("data" if slide.data is not None else "columns")
    ok = True
    for name in picked:
        if name not in names[1:]:
            ctx.error(f"no series column {name!r} (columns: {', '.join(names[1:])})", field)
            ok = False
    for name in slide.lines:
        if name not in picked:
            ctx.error(f"`lines:` names {name!r}, which is not plotted", "lines")
            ok = False
    if not ok or not picked:
        if ok:
            ctx.error("a chart needs at least one column of values after the categories",
                      field)
        return None
    lines = set(slide.lines) or ({picked[-1]} if slide.type == "combo" else set())
    if slide.type == "combo" and len(lines) >= len(picked):
        ctx.error("a combo chart needs a column series besides its lines", "lines")
        return None
    result = []
    for name in picked:
        index = names.index(name)
        column = table.columns[index]
        if column.format not in NUMERIC:
            bad = table.not_numbers[index]
            where = bad.where if bad is not None else column.where
            ctx.errors.add(f"the column {name!r} is plotted but holds text"
                           + (f" ({bad.text!r})" if bad is not None else ""), where)
            ok = False
            continue
        scale = 0.01 if column.format == "percent" else 1.0
        values = tuple(None if row[index] is None else row[index] * scale  # type: ignore[operator]
                       for row in table.numbers)
        result.append(Series(name, values, number_format(column.format, column.decimals),
                             column.format, column.decimals, name in lines))
    return tuple(result) if ok else None


def plan(slide: ChartSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide: the title naming the chart, the chart in the content area."""
    table = figures(slide, ctx)
    if table is None:
        return []
    series = _series(slide, table, ctx)
    if series is None:
        return []
    if slide.type in {"pie", "doughnut"} and len(series) > 1:
        ctx.error(f"a {slide.type} chart shows one series; pick it with `series:`",
                  "series" if slide.series else None)
        return []
    language = ctx.deck.meta.language
    categories = tuple(row[0].text for row in table.rows)
    x_values = None
    first = table.columns[0]
    x_code = number_format(first.format, first.decimals) if first.format in NUMERIC else "General"
    if slide.type == "scatter":
        if table.columns[0].format not in NUMERIC:
            ctx.errors.add("a scatter chart's first column holds the x values: numbers",
                           table.columns[0].where)
            return []
        x_values = tuple(row[0] for row in table.numbers)
    title = "".join(run.text for run in slide.title)
    alt = slide.alt or describe_chart(slide, title, categories, series, language)
    legend: str | None = slide.legend
    if legend is None:
        legend = ("right" if slide.type in {"pie", "doughnut"}
                  else "bottom" if len(series) > 1 else "none")
    spec = ctx.role("chart", "chart")
    texts = {"title": ctx.fit("chart", "title", one(slide.title))}
    if slide.caption:
        texts["caption"] = ctx.fit("chart", "caption", one(slide.caption))
    shape = ChartShape(
        spec.rect, "Grafiek", slide.type,
        "clustered" if slide.type not in {"column", "bar", "combo"} else slide.stacking,
        categories, x_values, x_code, table.columns[0].name, series, slide.labels,
        None if legend == "none" else legend,
        tuple(None if t is None else "".join(r.text for r in t)  # type: ignore[arg-type]
              for t in (slide.x_title, slide.y_title, slide.y2_title)),
        alt, LANGUAGES[language].tag, ctx.colour("text"))
    notes = ctx.notes(slide)
    if slide.table:
        notes = (*notes, *data_notes(table, language))
    return [SlidePlan("chart", ctx.template.layouts["chart"].name, ctx.slide_name(slide),
                      texts, (shape,), notes)]


def data_notes(table: Table, language: str) -> tuple[Para, ...]:
    """The figures as lines of text for the speaker notes: the headings, then a line
    per row, values separated by a vertical bar."""
    lines = [" | ".join(column.name for column in table.columns)]
    lines.extend(" | ".join(row) for row in table.texts(language))
    return tuple(Para((Run(line),)) for line in lines)


# -- template --------------------------------------------------------------------------


def recipe(r: Placement) -> None:
    """The chart in a chart or content placeholder (else the content area), a caption
    in a small text area or a line carved off the bottom."""
    place_figure(r, "chart", "chart", FIGURE_AREAS, 1)


DESIGN = figure_design("chart", "Grafiek",
                       "Klik op het pictogram om een grafiek toe te voegen", "chart")

KIND = SlideKind(
    name="chart",
    model=ChartSlide,
    plan=plan,
    roles=(
        Role("title", "heading", required=True),
        Role("chart", PICTURE, required=True),
        Role("caption", "line"),
    ),
    layout_names=("chart", "grafiek", "diagram", "diagramm", "graphique", "graph"),
    hints={"chart": 8},
    recipe=recipe,
    files=frozenset({"data"}),
    literal=frozenset({"data", "sheet", "range", "series", "lines"}),
    design=DESIGN,
)
