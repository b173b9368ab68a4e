"""A chart part (`c:chartSpace`) read into a ChartFigure: what the chart kind holds.

The plot says the type: `c:barChart` (barDir col/bar, grouping clustered, stacked or
percentStacked), `c:lineChart`, `c:pieChart`, `c:doughnutChart`, `c:scatterChart`,
and a bar chart with a line chart on a second axis is a combo. Series names,
categories and values come from the caches the chart part keeps (`c:strCache`,
`c:numCache`, or literals `c:strLit`/`c:numLit`), never from the embedded workbook,
which may be stale or absent; only the heading of the categories column, which the
chart part does not hold, is looked up there (`heading`). Whatever the kind cannot
show as it was (area, radar, bubble, stock, surface, 3-D charts, other mixtures,
multi-level categories, text of the chart's own beyond its titles) makes the figure
unsupported, with the reason.

The part is untrusted: the caller parses it with the safe parser (ooxml.parsing).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from deck_builder.importing.model import ChartFigure, ChartSeries, TextBlock
from deck_builder.ooxml import parsing
from deck_builder.ooxml.geometry import Rect
from deck_builder.ooxml.namespaces import CHART_URI, A
from deck_builder.ooxml.reading import PackageError, read_package

_C = f"{{{CHART_URI}}}"
_LEGEND = {"b": "bottom", "r": "right", "t": "top", "l": "left", "tr": "right"}
_STACKING = {"clustered": "clustered", "standard": "clustered", "stacked": "stacked",
             "percentStacked": "percent"}
_NAMES = {"areaChart": "an area chart", "area3DChart": "a 3-D area chart",
          "radarChart": "a radar chart", "bubbleChart": "a bubble chart",
          "stockChart": "a stock chart", "surfaceChart": "a surface chart",
          "surface3DChart": "a 3-D surface chart", "bar3DChart": "a 3-D bar chart",
          "line3DChart": "a 3-D line chart", "pie3DChart": "a 3-D pie chart",
          "ofPieChart": "a pie-of-pie chart"}
_MAX_POINTS = 10_000  # far beyond a readable chart; a cache claiming more is not read
_CELL = re.compile(r"^(?:'?(?P<sheet>[^!]*?)'?!)?\$?(?P<col>[A-Z]{1,3})\$?(?P<row>\d{1,7})"
                   r"(?::\$?[A-Z]{1,3}\$?\d{1,7})?$")

Heading = Callable[[str, str], str | None]
"""(sheet, cell such as A1) → the text of that cell of the embedded workbook, if any."""


class _Unsupported(Exception):
    """The chart is none the kind holds; the message says what it is."""


def read_chart(root: etree._Element, name: str, rect: Rect | None, alt: str,
               block: TextBlock | None, heading: Heading | None = None) -> ChartFigure:
    """The chart of the part `root` (a `c:chartSpace`), shown in the frame `name`."""
    try:
        return _read(root, name, rect, alt, block, heading)
    except _Unsupported as reason:
        return ChartFigure(name, rect, None, str(reason), alt=alt, block=block)


def _read(root: etree._Element, name: str, rect: Rect | None, alt: str,
          block: TextBlock | None, heading: Heading | None) -> ChartFigure:
    chart = root.find(f"{_C}chart")
    plot_area = chart.find(f"{_C}plotArea") if chart is not None else None
    if chart is None or plot_area is None:
        raise _Unsupported("a chart without a plot area")
    plots = [child for child in plot_area
             if isinstance(child.tag, str) and child.tag.startswith(_C)
             and child.tag.endswith("Chart")]
    kinds = [etree.QName(plot).localname for plot in plots]
    for kind in kinds:
        if kind in _NAMES:
            raise _Unsupported(_NAMES[kind])
    chart_type, stacking = _type(plots, kinds)
    series: list[tuple[int, ChartSeries, etree._Element]] = []
    for plot in plots:
        line = chart_type == "combo" and etree.QName(plot).localname == "lineChart"
        for element in plot.iterfind(f"{_C}ser"):
            series.append(_series(element, line, chart_type == "scatter"))
    if not series:
        raise _Unsupported("a chart without series")
    series.sort(key=lambda item: item[0])
    if chart_type in {"pie", "doughnut"} and len(series) > 1:
        raise _Unsupported(f"a {chart_type} chart of {len(series)} series")
    categories, title_cell = _categories([element for _o, _s, element in series],
                                         chart_type == "scatter")
    items = tuple(s for _o, s, _e in series)
    if chart_type == "scatter":
        xs = {s.x_values for s in items}
        if len(xs) > 1:
            raise _Unsupported("a scatter chart whose series have x values of their own")
    count = max([len(categories), *(len(s.values) for s in items),
                 *(len(s.x_values or ()) for s in items)])
    categories = categories + ("",) * (count - len(categories))
    items = tuple(_padded(s, count) for s in items)
    axes = _axes(plot_area)
    titles = _titles(plots, axes, chart_type)
    own_title = _rich(chart.find(f"{_C}title"))
    left = _other_texts(root, [own_title, *titles])
    if left:
        raise _Unsupported(f"a chart with text of its own ({left[0]!r})")
    category_title = ""
    if heading is not None and title_cell is not None:
        category_title = " ".join((heading(*title_cell) or "").split())
    return ChartFigure(
        name=name, rect=rect, type=chart_type, stacking=stacking, categories=categories,
        category_title=category_title, series=items,
        labels=any(_shows_values(element) for element in root.iter(f"{_C}dLbls")),
        legend=_legend(chart), titles=titles, title=own_title, alt=alt, block=block)


def _type(plots: list[etree._Element], kinds: list[str]) -> tuple[str, str]:
    """(chart type, stacking) of the plots, or _Unsupported."""
    if kinds == ["barChart"]:
        direction = _val(plots[0], "barDir", "col")
        return ("bar" if direction == "bar" else "column"), _bar_stacking(plots[0])
    if kinds == ["lineChart"]:
        if _val(plots[0], "grouping", "standard") != "standard":
            raise _Unsupported("a stacked line chart")
        return "line", "clustered"
    if kinds in (["pieChart"], ["doughnutChart"]):
        return ("pie" if kinds[0] == "pieChart" else "doughnut"), "clustered"
    if kinds == ["scatterChart"]:
        return "scatter", "clustered"
    if sorted(kinds) == ["barChart", "lineChart"]:
        bars = plots[kinds.index("barChart")]
        lines = plots[kinds.index("lineChart")]
        if _val(bars, "barDir", "col") != "col":
            raise _Unsupported("horizontal bars with lines")
        if _axis_ids(bars) == _axis_ids(lines):
            raise _Unsupported("columns and lines on one axis")
        if _val(lines, "grouping", "standard") != "standard":
            raise _Unsupported("columns with stacked lines")
        return "combo", _bar_stacking(bars)
    shown = ", ".join(kinds) or "nothing"
    raise _Unsupported(f"a chart of {shown}")


def _bar_stacking(plot: etree._Element) -> str:
    grouping = _val(plot, "grouping", "clustered")
    if grouping not in _STACKING:
        raise _Unsupported(f"bars grouped {grouping!r}")
    return _STACKING[grouping]


def _val(element: etree._Element, tag: str, default: str) -> str:
    found = element.find(f"{_C}{tag}")
    return found.get("val", default) if found is not None else default


def _axis_ids(plot: etree._Element) -> list[str]:
    return [axis.get("val", "") for axis in plot.iterfind(f"{_C}axId")]


def _series(element: etree._Element, line: bool, scatter: bool
            ) -> tuple[int, ChartSeries, etree._Element]:
    try:
        order = int(_val(element, "order", _val(element, "idx", "0")))
    except ValueError:
        order = 0
    name = _series_name(element.find(f"{_C}tx"))
    values, code = _numbers(element.find(f"{_C}yVal" if scatter else f"{_C}val"))
    x_values: tuple[float | None, ...] | None = None
    x_code = "General"
    if scatter:
        x = element.find(f"{_C}xVal")
        if x is None or (x.find(f".//{_C}numCache") is None and \
                x.find(f"{_C}numLit") is None):
            raise _Unsupported("a scatter chart whose x values are not numbers")
        x_values, x_code = _numbers(x)
    return order, ChartSeries(name, values, code, line, x_values, x_code), element


def _series_name(tx: etree._Element | None) -> str:
    if tx is None:
        return ""
    return " ".join(" ".join(v.text.split()) for v in tx.iter(f"{_C}v") if v.text)


def _count(cache: etree._Element) -> etree._Element | None:
    """A cache's `c:ptCount` (a level of categories has its parent's)."""
    found = cache.find(f"{_C}ptCount")
    parent = cache.getparent()
    if found is None and parent is not None:
        found = parent.find(f"{_C}ptCount")
    return found


def _points(cache: etree._Element) -> list[tuple[int, str]]:
    """(index, text) of a cache's points; _Unsupported for a cache claiming too many."""
    count = _int(_count(cache))
    points = []
    for point in cache.iterfind(f"{_C}pt"):
        index = _int(point, "idx")
        if index < 0 or index >= _MAX_POINTS:
            raise _Unsupported("a chart of more points than can be read")
        points.append((index, point.findtext(f"{_C}v") or ""))
    if count > _MAX_POINTS:
        raise _Unsupported("a chart of more points than can be read")
    return points


def _int(element: etree._Element | None, attribute: str = "val") -> int:
    if element is None:
        return 0
    try:
        return int(element.get(attribute, "0"))
    except ValueError:
        return -1


def _length(cache: etree._Element, points: list[tuple[int, str]]) -> int:
    return max([_int(_count(cache)), *(index + 1 for index, _t in points)])


def _numbers(holder: etree._Element | None) -> tuple[tuple[float | None, ...], str]:
    """The values of a `c:val` (or x/y values) and their format code."""
    if holder is None:
        return (), "General"
    cache = holder.find(f"{_C}numRef/{_C}numCache")
    if cache is None:
        cache = holder.find(f"{_C}numLit")
    if cache is None:
        raise _Unsupported("a series whose values are not numbers")
    points = _points(cache)
    values: list[float | None] = [None] * _length(cache, points)
    for index, text in points:
        try:
            number = float(text)
        except ValueError:
            raise _Unsupported(f"a value that is no number ({text!r})") from None
        if number != number or number in {float("inf"), float("-inf")}:
            raise _Unsupported("a value that is no number")
        values[index] = number
    code = (cache.findtext(f"{_C}formatCode") or "General").strip() or "General"
    return tuple(values), code


def _categories(series: list[etree._Element], scatter: bool
                ) -> tuple[tuple[str, ...], tuple[str, str] | None]:
    """The categories (the first series' that has them; all must agree) and the
    workbook cell of their heading (the cell above the first), if the part says."""
    if scatter:
        return (), None
    found: tuple[str, ...] | None = None
    cell: tuple[str, str] | None = None
    for element in series:
        cat = element.find(f"{_C}cat")
        if cat is None:
            continue
        cache = cat.find(f"{_C}strRef/{_C}strCache")
        levels = cat.find(f"{_C}multiLvlStrRef/{_C}multiLvlStrCache")
        if levels is not None:  # one level is plain categories (PptxGenJS writes them so)
            if len(levels.findall(f"{_C}lvl")) != 1:
                raise _Unsupported("a chart with categories on several levels")
            cache = levels.find(f"{_C}lvl")
        if cache is None:
            cache = cat.find(f"{_C}strLit")
        numeric = cache is None
        if cache is None:
            cache = cat.find(f"{_C}numRef/{_C}numCache")
            if cache is None:
                cache = cat.find(f"{_C}numLit")
        if cache is None:
            continue
        if numeric and re.search(r"[dmyhs]", (cache.findtext(f"{_C}formatCode") or "")
                                 .replace("General", "").lower()):
            raise _Unsupported("a chart whose categories are dates")
        points = _points(cache)
        texts = [""] * _length(cache, points)
        for index, text in points:
            texts[index] = " ".join(_number_text(text).split()) if numeric else \
                " ".join(text.split())
        if found is None:
            found = tuple(texts)
            formula = cat.findtext(f".//{_C}f") or ""
            cell = _above(formula)
        elif tuple(texts) != found:
            raise _Unsupported("a chart whose series have categories of their own")
    return found or (), cell


def _number_text(text: str) -> str:
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else text


def _above(formula: str) -> tuple[str, str] | None:
    """(sheet, cell) of the cell above the range `formula` starts at: its heading."""
    match = _CELL.match(formula.strip())
    if match is None or int(match["row"]) < 2:
        return None
    return (match["sheet"] or "").strip("'"), f"{match['col']}{int(match['row']) - 1}"


def _padded(series: ChartSeries, count: int) -> ChartSeries:
    values = series.values + (None,) * (count - len(series.values))
    x_values = None if series.x_values is None else \
        series.x_values + (None,) * (count - len(series.x_values))
    return ChartSeries(series.name, values, series.code, series.line, x_values,
                       series.x_code)


def _axes(plot_area: etree._Element) -> dict[str, etree._Element]:
    axes = {}
    for axis in plot_area:
        if axis.tag in {f"{_C}catAx", f"{_C}valAx", f"{_C}dateAx", f"{_C}serAx"}:
            axes[_val(axis, "axId", "")] = axis
    return axes


def _titles(plots: list[etree._Element], axes: dict[str, etree._Element],
            chart_type: str) -> tuple[str, str, str]:
    """(x, y, second y) axis titles."""
    def title(axis_id: str | None) -> str:
        axis = axes.get(axis_id or "")
        return _rich(axis.find(f"{_C}title")) if axis is not None else ""

    if chart_type in {"pie", "doughnut"}:
        return "", "", ""
    first = [*_axis_ids(plots[0]), "", ""]
    if chart_type == "scatter":
        x, y = first[0], first[1]
        if x in axes and _val(axes[x], "axPos", "b") in {"l", "r"}:
            x, y = y, x
        return title(x), title(y), ""
    bars = next((p for p in plots if etree.QName(p).localname == "barChart"), plots[0])
    ids = [*_axis_ids(bars), "", ""]
    second = ""
    if chart_type == "combo":
        lines = next(p for p in plots if etree.QName(p).localname == "lineChart")
        second = title(([*_axis_ids(lines), "", ""])[1])
    return title(ids[0]), title(ids[1]), second


def _rich(title: etree._Element | None) -> str:
    """The text of a `c:title` written in it (not one made from a series name)."""
    if title is None:
        return ""
    rich = title.find(f"{_C}tx/{_C}rich")
    if rich is None:
        return ""
    lines = ["".join(t.text or "" for t in p.iter(f"{A}t")) for p in rich.iter(f"{A}p")]
    return " ".join(" ".join(line.split()) for line in lines if line.strip())


def _other_texts(root: etree._Element, held: list[str]) -> list[str]:
    """Paragraphs of the part that none of the `held` titles holds (custom data labels,
    text boxes drawn on the chart)."""
    joined = " ".join(held)
    left = []
    for paragraph in root.iter(f"{A}p"):
        text = " ".join("".join(t.text or "" for t in paragraph.iter(f"{A}t")).split())
        if text and text not in joined:
            left.append(text)
    return left


def _shows_values(labels: etree._Element) -> bool:
    if labels.find(f"{_C}delete") is not None and _val(labels, "delete", "0") in {"1", "true"}:
        return False
    return any(_val(labels, tag, "0") in {"1", "true"} for tag in ("showVal", "showPercent"))


def _legend(chart: etree._Element) -> str:
    legend = chart.find(f"{_C}legend")
    if legend is None:
        return "none"
    return _LEGEND.get(_val(legend, "legendPos", "r"), "right")


# -- the embedded workbook: only for the categories' heading ------------------------------

_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_WORKBOOK_BYTES = 20_000_000
"""The most an embedded workbook may unpack to before it is left unread."""


def workbook_heading(data: bytes) -> Heading:
    """A Heading that reads cells of the workbook `data` (an embedded .xlsx), unpacked
    the one safe way (ooxml.reading) and parsed with the safe parser; None for any
    cell that cannot be read."""
    members: dict[str, bytes] | None = None

    def heading(sheet: str, cell: str) -> str | None:
        nonlocal members
        if members is None:
            try:
                members = read_package(data, MAX_WORKBOOK_BYTES)
            except PackageError:
                members = {}
        try:
            return _cell_text(members, sheet, cell)
        except (etree.XMLSyntaxError, ValueError, IndexError):
            return None

    return heading


def _cell_text(members: dict[str, bytes], sheet: str, cell: str) -> str | None:
    if "xl/workbook.xml" not in members:
        return None
    book = parsing.parse(members["xl/workbook.xml"])
    sheets = list(book.iter(f"{_SHEET_NS}sheet"))
    chosen = next((s for s in sheets if s.get("name") == sheet), sheets[0] if sheets else None)
    if chosen is None or "xl/_rels/workbook.xml.rels" not in members:
        return None
    rels = parsing.parse(members["xl/_rels/workbook.xml.rels"])
    target = next((rel.get("Target", "") for rel in rels.iter(f"{_PKG_REL_NS}Relationship")
                   if rel.get("Id") == chosen.get(f"{_REL_NS}id")), "")
    path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    if path not in members:
        return None
    found = next((c for c in parsing.parse(members[path]).iter(f"{_SHEET_NS}c")
                  if c.get("r") == cell), None)
    if found is None:
        return None
    kind = found.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in found.iter(f"{_SHEET_NS}t"))
    value = found.findtext(f"{_SHEET_NS}v")
    if kind == "s" and value is not None and "xl/sharedStrings.xml" in members:
        strings = list(parsing.parse(members["xl/sharedStrings.xml"]).iter(f"{_SHEET_NS}si"))
        item = strings[int(value)]
        return "".join(t.text or "" for t in item.iter(f"{_SHEET_NS}t"))
    return _number_text(value) if value is not None else None
