"""`table`: figures as a native PowerPoint table, fitted, continued with its header.

The data is written in the YAML (`columns:` and `rows:`) or read from a CSV or XLSX
file (`data:`; see content.data). Numbers are right-aligned and written the way the
deck's language does; the first row is marked as the header (screen readers announce
it); columns get the width their text needs, and the text the largest size between
18 and 12 pt at which the table fits, else the table continues on "(vervolg)" slides
that repeat its header row.
"""

from __future__ import annotations

import copy
import functools
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple

from lxml import etree

from deck_builder.content import richtext
from deck_builder.content.data import (
    NUMERIC,
    Cell,
    DataRule,
    FigureColumn,
    Grid,
    RowsRule,
    Table,
    build_table,
    with_options,
)
from deck_builder.content.records import SlideBase, Text
from deck_builder.content.schema import Str
from deck_builder.content.source import Node
from deck_builder.errors import SourceRef
from deck_builder.kinds.compose import FIGURE_AREAS, figure_design, place_figure
from deck_builder.kinds.registry import SlideKind
from deck_builder.ooxml.geometry import EMU_PER_INCH, EMU_PER_PT, LINE_HEIGHT, Rect
from deck_builder.ooxml.namespaces import NSMAP
from deck_builder.planning.model import Para, SlidePlan, TextBlock
from deck_builder.planning.planner import ABSOLUTE_MIN_PT, PlanContext, one
from deck_builder.template.needs import PICTURE, Role
from deck_builder.template.placement import Placement

if TYPE_CHECKING:
    from deck_builder.planning.model import Canvas
    from deck_builder.planning.text_fit import TextMeasurer

TABLE_MAX_PT = 18.0
"""Table text is set at most this large: a table is read, not a headline."""
CELL_X = int(0.08 * EMU_PER_INCH)  # left and right cell margins
CELL_Y = int(0.04 * EMU_PER_INCH)  # top and bottom cell margins
_TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
_SAFETY = 1.04  # measured widths get this much room: renderers differ a little


class TableSlide(SlideBase):
    """Figures as a table: written here (`columns:` and `rows:`) or from a CSV or XLSX
    file (`data:`), with the first row as the header."""

    kind: Literal["table"]
    title: Text
    """The slide's title (required): what the table shows.
    Example: Woningbouw per regio"""
    data: Annotated[Grid, DataRule()] | None = None
    """A CSV file (Dutch Excel's `;` and decimal comma, or `,` and a decimal point;
    UTF-8 or Windows-1252) or an XLSX workbook, relative to this YAML file; its first
    row holds the column headings.
    Example: cijfers/woningbouw.csv"""
    sheet: Annotated[str, Str()] | None = None
    """With an XLSX `data:` file: the sheet to read (default: the first).
    Example: Blad1"""
    range: Annotated[str, Str()] | None = None
    """With an XLSX `data:` file: the cells to read, headings included (default: all).
    Example: A1:D20"""
    columns: tuple[FigureColumn, ...] = ()
    """The columns: their headings (required without `data:`), and how each is shown:
    `{name: Aandeel, format: percent, decimals: 1}`; formats: text, integer, decimal,
    percent, euro.
    Example: [Regio, {name: Woningen, format: integer}]"""
    rows: Annotated[tuple[tuple[Cell, ...], ...], RowsRule()] | None = None
    """The rows, each a list of values in column order; numbers are written the Dutch
    way ('1.234,5', in quotes) or plainly (12.5).
    Example: [[Noord, '1.234'], [Zuid, '2.345']]"""
    first_column: bool = False
    """Show the first column in bold (row headings)."""
    totals: bool = False
    """The last row is a totals row: bold, with a line above it, on the last slide."""
    caption: Text | None = None
    """A line under the table, such as its source.
    Example: 'Bron: CBS, 2025'"""

    @classmethod
    def _shorthand(cls, node: Node) -> Node:
        return with_options(node)

    def _check(self) -> None:
        check_data(self)


def check_data(slide: TableSlide | object) -> None:
    """The rules on where a slide's figures come from, for tables and charts."""
    data, rows, columns = (getattr(slide, name) for name in ("data", "rows", "columns"))
    if data is not None and rows is not None:
        raise ValueError("give either `data:` (a file) or `rows:`, not both")
    if data is None and rows is None:
        raise ValueError("missing the figures: give `data:` (a CSV or XLSX file) or "
                         "`columns:` and `rows:`")
    if rows is not None and not columns:
        raise ValueError("`rows:` need `columns:` with the column headings")
    if data is None and (getattr(slide, "sheet", None) or getattr(slide, "range", None)):
        raise ValueError("`sheet:` and `range:` are for an XLSX `data:` file")


def figures(slide: TableSlide | object, ctx: PlanContext) -> Table | None:
    """The slide's figures with their columns' formats; problems (a text in a number
    column) are reported at their place, and None returned."""
    data: Grid | None = getattr(slide, "data", None)
    columns: tuple[FigureColumn, ...] = getattr(slide, "columns", ())
    if data is not None:
        header, body, decimal, lenient = data.rows[0], data.rows[1:], data.decimal, False
    else:
        rows: tuple[tuple[Cell, ...], ...] = getattr(slide, "rows", ()) or ()
        where = ctx.at("columns")
        header = tuple(Cell(column.name, where) for column in columns)
        body, decimal, lenient = rows, ",", True
    if not body:
        ctx.error("the table has no rows below its headings", "data" if data else "rows")
        return None
    named = ctx.at("data") if data is not None else None
    return build_table(header, body, columns, decimal, lenient, ctx.errors, named)


# -- planning ------------------------------------------------------------------------------


class _Layout(NamedTuple):
    """The table at one size: column widths, row heights (header first), pages."""

    size: float
    widths: tuple[int, ...]
    heights: tuple[int, ...]
    pages: tuple[tuple[int, ...], ...]  # body row indexes per slide


def cell_paragraphs(table: Table, ctx: PlanContext) -> tuple[
        tuple[Para, ...], tuple[tuple[Para, ...], ...]]:
    """The header's and each body row's cells as paragraphs: numbers right-aligned,
    written for the deck's language; text with its inline markup."""
    language = ctx.deck.meta.language
    header = tuple(Para(_markup(column.name, column.where, ctx),
                        align="r" if column.format in NUMERIC else None)
                   for column in table.columns)
    rows = []
    for row, shown in zip(table.rows, table.texts(language), strict=True):
        cells = []
        for column, cell, text in zip(table.columns, row, shown, strict=True):
            if column.format in NUMERIC:
                cells.append(Para(richtext.parse(richtext.escape(text)), align="r"))
            else:
                cells.append(Para(_markup(text, cell.where, ctx)))
        rows.append(tuple(cells))
    return header, tuple(rows)


def _markup(text: str, where: SourceRef, ctx: PlanContext) -> richtext.RichText:
    try:
        return richtext.parse(text) if text else ()
    except ValueError as error:
        ctx.errors.add(str(error), where)
        return richtext.parse(richtext.escape(text))


def _natural(measurer: TextMeasurer, para: Para, bold: bool) -> tuple[float, float]:
    """(width on one line, widest word) of a cell's text in ems."""
    whole = 0.0
    widest = 0.0
    for run in para.runs:
        face = bool(run.bold or bold)
        whole += measurer.em_width(run.text, face, run.italic)
        for word in run.text.split():
            widest = max(widest, measurer.em_width(word, face, run.italic))
    return whole, widest


def _widths(measurer: TextMeasurer, header: tuple[Para, ...],
            rows: tuple[tuple[Para, ...], ...], bold_rows: set[int], first_column: bool,
            numeric: tuple[bool, ...], size: float, width: int) -> tuple[int, ...] | None:
    """FigureColumn widths (EMU) filling `width` at `size`, or None when the columns do not
    fit: numbers never wrap, text wraps between words."""
    scale = size * EMU_PER_PT * _SAFETY
    natural = [0.0] * len(header)
    least = [0.0] * len(header)
    for index, row in enumerate((header, *rows)):
        for column, para in enumerate(row):
            bold = index == 0 or (index - 1) in bold_rows or (first_column and column == 0)
            whole, word = _natural(measurer, para, bold)
            natural[column] = max(natural[column], whole * scale + 2 * CELL_X)
            least[column] = max(least[column], (whole if numeric[column] else word) * scale
                                + 2 * CELL_X)
    if sum(natural) <= width:
        base, spare = natural, width - sum(natural)
        weights = natural
    elif sum(least) <= width:
        base, spare = least, width - sum(least)
        weights = [n - m for n, m in zip(natural, least, strict=True)]
    else:
        return None
    total = sum(weights) or 1.0
    widths = [int(b + spare * w / total) for b, w in zip(base, weights, strict=True)]
    widths[-1] += width - sum(widths)
    return tuple(widths)


def _row_height(measurer: TextMeasurer, row: tuple[Para, ...], widths: tuple[int, ...],
                size: float) -> int:
    lines = max((measurer.line_count(para, (w - 2 * CELL_X) / _SAFETY, size) if para.runs
                 else 1) for para, w in zip(row, widths, strict=True))
    return int(lines * size * LINE_HEIGHT * EMU_PER_PT + 2 * CELL_Y)


def lay_out(ctx: PlanContext, header: tuple[Para, ...], rows: tuple[tuple[Para, ...], ...],
            numeric: tuple[bool, ...], bold_rows: set[int], first_column: bool,
            box: Rect, size: float) -> _Layout | None:
    """The table at `size` in `box`: None when its columns do not fit the width.
    Rows go on as few slides as they need, each slide repeating the header; a row
    taller than a slide leaves the slide to itself (the caller reports it)."""
    measurer = ctx.measurer
    widths = _widths(measurer, header, rows, bold_rows, first_column, numeric, size, box.w)
    if widths is None:
        return None
    heights = tuple(_row_height(measurer, row, widths, size) for row in (header, *rows))
    pages: list[tuple[int, ...]] = []
    current: list[int] = []
    used = heights[0]
    for index in range(len(rows)):
        height = heights[index + 1]
        if current and used + height > box.h:
            pages.append(tuple(current))
            current, used = [], heights[0]
        current.append(index)
        used += height
    pages.append(tuple(current))
    return _Layout(size, widths, heights, tuple(pages))


def choose(ctx: PlanContext, header: tuple[Para, ...], rows: tuple[tuple[Para, ...], ...],
           numeric: tuple[bool, ...], bold_rows: set[int], first_column: bool,
           box: Rect, top: float) -> _Layout | None:
    """The largest size (in half points, from `top` down to 12 pt) at which the table
    fits one slide, else the largest at which it needs no more slides than at 12 pt."""
    floor = ABSOLUTE_MIN_PT
    sizes = [top - step / 2 for step in range(int((top - floor) * 2) + 1)]
    smallest = lay_out(ctx, header, rows, numeric, bold_rows, first_column, box, floor)
    if smallest is None:
        return None
    for size in sizes:
        found = lay_out(ctx, header, rows, numeric, bold_rows, first_column, box, size)
        if found is not None and (len(found.pages) == 1
                                  or len(found.pages) <= len(smallest.pages)):
            return found
    return smallest


def plan(slide: TableSlide, ctx: PlanContext) -> list[SlidePlan]:
    """The table on one slide, or continued on more with its header row repeated."""
    table = figures(slide, ctx)
    if table is None:
        return []
    header, rows = cell_paragraphs(table, ctx)
    numeric = tuple(column.format in NUMERIC for column in table.columns)
    spec = ctx.role("table", "table")
    box = spec.rect
    totals = len(rows) - 1 if slide.totals else None
    bold_rows = {totals} if totals is not None else set()
    found = choose(ctx, header, rows, numeric, bold_rows, slide.first_column, box,
                   TABLE_MAX_PT)
    field = "data" if slide.data is not None else "columns"
    if found is None:
        ctx.error(f"the table's {len(header)} columns do not fit the slide's width even at "
                  f"{ABSOLUTE_MIN_PT:g} pt; leave out columns or shorten the longest words",
                  field)
        return []
    for index, height in enumerate(found.heights[1:]):
        if found.heights[0] + height > box.h:
            ctx.errors.add(f"this row of the table does not fit a slide even at "
                           f"{ABSOLUTE_MIN_PT:g} pt; shorten its text", table.rows[index][0].where)
    pages = len(found.pages)
    if pages > 1:
        more = "1 more slide" if pages == 2 else f"{pages - 1} more slides"
        shown = "".join(run.text for run in ctx.continued(slide.title, 1))
        ctx.warn(f"the table continues on {more}, {shown!r}, at {found.size:g} pt, its "
                 "header row repeated", field)
    elif found.size < TABLE_MAX_PT:
        ctx.warn(f"the table's text set at {found.size:g} pt instead of {TABLE_MAX_PT:g} pt "
                 "to fit its box", field)
    colours = TableColours.of(ctx)
    plans = []
    layout = ctx.template.layouts["table"].name
    for part, page in enumerate(found.pages):
        texts = {"title": ctx.fit("table", "title", one(ctx.continued(slide.title, part)))}
        if slide.caption and part == pages - 1:
            texts["caption"] = ctx.fit("table", "caption", one(slide.caption))
        heights = (found.heights[0], *(found.heights[i + 1] for i in page))
        shape = TableShape(
            Rect(box.x, box.y, sum(found.widths), sum(heights)), "Tabel",
            found.widths, heights,
            tuple(tuple(TextBlock((para,), found.size) for para in row)
                  for row in (header, *(rows[i] for i in page))),
            slide.first_column, totals is not None and totals in page, colours)
        plans.append(SlidePlan("table", layout, ctx.slide_name(slide, part), texts, (shape,),
                               ctx.notes(slide)))
    return plans


# -- the shape -----------------------------------------------------------------------------


class TableColours(NamedTuple):
    """The brand's colours a table is drawn in (hex)."""

    header_fill: str
    header_text: str
    band: str
    text: str
    rule: str

    @classmethod
    def of(cls, ctx: PlanContext) -> TableColours:
        """The colours of the deck's template."""
        return cls(ctx.colour("primary"), ctx.colour("background"), ctx.colour("light"),
                   ctx.colour("text"), ctx.colour("muted"))


class TableShape(NamedTuple):
    """A native table (`a:tbl`): the first row its header (marked as such), rows
    banded, an optional bold first column and totals row (the last row)."""

    rect: Rect
    name: str
    widths: tuple[int, ...]
    heights: tuple[int, ...]
    cells: tuple[tuple[TextBlock, ...], ...]  # header row first
    first_column: bool
    totals: bool
    colours: TableColours

    def draw(self, canvas: Canvas) -> None:
        """Add the table as a graphic frame."""
        canvas.append(self.element(canvas))

    def element(self, canvas: Canvas) -> etree._Element:
        """The `p:graphicFrame` of the table, its cells' text written by `canvas`."""
        p, a = f"{{{NSMAP['p']}}}", f"{{{NSMAP['a']}}}"
        frame = etree.Element(f"{p}graphicFrame", nsmap={"a": NSMAP["a"], "p": NSMAP["p"],
                                                           "r": NSMAP["r"]})
        nv = etree.SubElement(frame, f"{p}nvGraphicFramePr")
        etree.SubElement(nv, f"{p}cNvPr", id=str(canvas.next_shape_id()), name=self.name)
        locks = etree.SubElement(nv, f"{p}cNvGraphicFramePr")
        etree.SubElement(locks, f"{a}graphicFrameLocks", noGrp="1")
        etree.SubElement(nv, f"{p}nvPr")
        xfrm = etree.SubElement(frame, f"{p}xfrm")
        etree.SubElement(xfrm, f"{a}off", x=str(self.rect.x), y=str(self.rect.y))
        etree.SubElement(xfrm, f"{a}ext", cx=str(self.rect.w), cy=str(self.rect.h))
        data = etree.SubElement(etree.SubElement(frame, f"{a}graphic"), f"{a}graphicData",
                                uri=_TABLE_URI)
        tbl = etree.SubElement(data, f"{a}tbl")
        props = etree.SubElement(tbl, f"{a}tblPr", firstRow="1", bandRow="1")
        if self.first_column:
            props.set("firstCol", "1")
        if self.totals:
            props.set("lastRow", "1")
        grid = etree.SubElement(tbl, f"{a}tblGrid")
        for width in self.widths:
            etree.SubElement(grid, f"{a}gridCol", w=str(width))
        last = len(self.cells) - 1
        for index, (row, height) in enumerate(zip(self.cells, self.heights, strict=True)):
            tr = etree.SubElement(tbl, f"{a}tr", h=str(height))
            header, totals = index == 0, self.totals and index == last
            for column, block in enumerate(row):
                bold = header or totals or (self.first_column and column == 0)
                colour = self.colours.header_text if header else self.colours.text
                tr.append(self._cell(canvas, block._replace(color=colour, bold=bold or None),
                                     header, totals, index))
        return frame

    def _cell(self, canvas: Canvas, block: TextBlock, header: bool, totals: bool,
              index: int) -> etree._Element:
        p, a = f"{{{NSMAP['p']}}}", f"{{{NSMAP['a']}}}"
        tc = etree.Element(f"{a}tc")
        # The canvas writes text into a shape's p:txBody; a cell's is an a:txBody of
        # the same content, so the paragraphs are written there and moved.
        holder = etree.Element(f"{p}sp")
        body = etree.SubElement(holder, f"{p}txBody")
        etree.SubElement(body, f"{a}bodyPr")
        etree.SubElement(body, f"{a}lstStyle")
        canvas.write_text(holder, block)
        text = etree.SubElement(tc, f"{a}txBody")
        text.extend(list(body))
        tc.append(copy.copy(_cell_properties(self.colours, header, totals, index % 2 == 0)))
        return tc


@functools.cache
def _cell_properties(colours: TableColours, header: bool, totals: bool,
                     band: bool) -> etree._Element:
    """A cell's `a:tcPr` (margins, lines, fill) for its row's style; copied into cells."""
    a = f"{{{NSMAP['a']}}}"
    pr = etree.Element(f"{a}tcPr", marL=str(CELL_X), marR=str(CELL_X), marT=str(CELL_Y),
                       marB=str(CELL_Y), anchor="ctr")
    for side in ("lnL", "lnR", "lnT", "lnB"):
        line = etree.SubElement(pr, f"{a}{side}")
        if (side == "lnB" and not header) or (side == "lnT" and totals):
            line.set("w", "19050" if totals else "6350")
            fill = etree.SubElement(line, f"{a}solidFill")
            etree.SubElement(fill, f"{a}srgbClr", val=colours.rule)
        else:
            line.set("w", "0")
            etree.SubElement(line, f"{a}noFill")
    if header or band:
        fill = etree.SubElement(pr, f"{a}solidFill")
        etree.SubElement(fill, f"{a}srgbClr",
                         val=colours.header_fill if header else colours.band)
    else:
        etree.SubElement(pr, f"{a}noFill")
    return pr


# -- template --------------------------------------------------------------------------


def recipe(r: Placement) -> None:
    """The table in a table or content placeholder (else the content area), a caption
    in a small text area or a line carved off the bottom."""
    place_figure(r, "table", "tbl", FIGURE_AREAS, 1)


DESIGN = figure_design("table", "Tabel",
                       "Klik op het pictogram om een tabel toe te voegen", "tbl")

KIND = SlideKind(
    name="table",
    model=TableSlide,
    plan=plan,
    roles=(
        Role("title", "heading", required=True),
        Role("table", PICTURE, required=True),
        Role("caption", "line"),
    ),
    layout_names=("table", "tabel", "tabelle", "tableau", "data", "cijfers"),
    hints={"table": 8},
    recipe=recipe,
    files=frozenset({"data"}),
    literal=frozenset({"data", "sheet", "range"}),
    design=DESIGN,
)
