"""Tables and charts read from a deck → the fields of `kind: table` and `kind: chart`.

A table's first row gives the column headings; a column is a number column (with its
`format:` and `decimals:`) only when every value is a number and the table kind would
write each one exactly as the source shows it (`12,5%` → percent, `€ 1.200` → euro,
`1.234` → integer); any other column stays text, written as shown, its bold, italic
and links as inline markup. Values are written as the table kind reads them back
(Dutch numbers); where that differs from what the slide shows (an English deck's
`1,234.5`), the shown text is in `shows`, what a build writes from the content.

A chart's values come from its caches: each written so that the chart kind reads back
exactly the number the source stored, and its number format from the format code.
What could not be kept as it was is said in `notes` (the import report's lines).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from deck_builder.content import richtext
from deck_builder.content.data import (
    Cell,
    FigureColumn,
    build_table,
    decimals_written,
    display,
    parse_number,
)
from deck_builder.content.i18n import LANGUAGES, Language
from deck_builder.errors import ProblemCollector, SourceRef
from deck_builder.importing.markup import markup
from deck_builder.importing.model import ChartFigure, Paragraph, Span, TableCell, TableFigure
from deck_builder.kinds.chart import ChartSlide, Series, data_notes, describe_chart

MAX_COLUMNS = 8
"""The most columns a table is imported with as `kind: table`: wider ones rarely fit a
slide's width at the kind's smallest size, so they stay as they were."""
_MAX_DECIMALS = 6  # what a column's `decimals:` allows
_MERGED_SHARE = 0.25  # more of a table's cells under merges: it is a layout, not figures
# Numbers only one way of writing reads: a group mark and a decimal mark, two group
# marks, or a decimal mark not followed by three digits (`12.000` is either).
_NL_ONLY = re.compile(r"-?(?:\d{1,3}(?:\.\d{3})+,\d+|\d+,(?:\d{1,2}|\d{4,})"
                      r"|\d{1,3}(?:\.\d{3}){2,})")
_EN_ONLY = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+\.\d+|\d+\.(?:\d{1,2}|\d{4,})"
                      r"|\d{1,3}(?:,\d{3}){2,})")
_BLANKS = re.compile(r"\s+")
_NOWHERE = SourceRef(Path("import"))


class Row(list[str]):
    """A table's row of cells: written on one line, as people write rows."""


class Inline(dict[str, Any]):
    """A column with its format: written on one line (`{name: Aandeel, format: …}`)."""


@dataclass
class Fields:
    """A figure's content fields (in the order people write them), what the import
    report says of it, and the texts a build shows that the fields hold otherwise."""

    content: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    shows: list[str] = field(default_factory=list)


# -- tables -------------------------------------------------------------------------------


def table_fields(parts: Sequence[TableFigure], language: str, ours: bool = False
                 ) -> Fields | None:
    """The `kind: table` fields of a table shown on one slide or more (`parts`, whose
    first rows repeat the header); None when it is no table of figures: no header
    row, merged cells all over, too many columns, no rows under the header.

    `ours`: a table deck-builder drew, whose number columns are the right-aligned ones.
    """
    first, last = parts[0], parts[-1]
    grid: list[list[TableCell]] = []
    for index, part in enumerate(parts):  # a continuation repeats the header row
        grid.extend(list(row) for row in (part.rows if index == 0 else part.rows[1:]))
    grid = [grid[0], *(row for row in grid[1:] if any(cell.text for cell in row))] \
        if grid else []
    if len(grid) < 2:
        return None
    width = max(len(row) for row in grid)
    cells = sum(len(row) for row in grid)
    merged = sum(cell.merged for row in grid for cell in row)
    header, body = grid[0], grid[1:]
    if width > MAX_COLUMNS or merged > cells * _MERGED_SHARE or not _has_header(
            header, first.first_row, language):
        return None
    out = Fields({})
    if any(len(row) != width for row in grid):
        out.notes.append("rows of unequal length filled up with empty cells")
    if merged:
        out.notes.append("merged cells split: their text is in the first of them")
    if any(len([p for p in cell.paragraphs if p.text.strip()]) > 1
           for row in grid for cell in row):
        out.notes.append("paragraphs within a cell joined into one line")
    empty = TableCell(())
    header = header + [empty] * (width - len(header))
    body = [row + [empty] * (width - len(row)) for row in body]
    names = _names([_cell_text(cell, plain_bold=True) for cell in header],
                   _labels(language).column, out)
    totals = last.last_row
    columns: list[Any] = []
    rows: list[Row] = [Row() for _ in body]
    mark = _decimal_mark([cell.text for row in body for cell in row], language)
    for index, name in enumerate(names):
        texts = [row[index].text for row in body]
        number = _number_column(texts, mark, language)
        if ours and header[index].align != "r":
            number = None  # we right-align number columns: this one is text
        if number is not None:
            fmt, decimals, values = number
            columns.append(_column(name, fmt, decimals))
            for row, text, value in zip(rows, texts, values, strict=True):
                written = _as_written(text, value, decimals)
                row.append(written)
                if written != text:
                    out.shows.append(text)
            continue
        bold_plain = (first.first_column and index == 0)
        for number_row, (row, cells_row) in enumerate(zip(rows, body, strict=True)):
            plain = bold_plain or (totals and number_row == len(body) - 1)
            row.append(_cell_text(cells_row[index], plain_bold=plain))
        if any(row[index] for row in rows) and all(
                _reads_as_number(row[index]) for row in rows if row[index]):
            columns.append(Inline(name=name, format="text"))  # else the kind sees numbers
        else:
            columns.append(name)
    out.content["columns"] = columns
    out.content["rows"] = rows
    if first.first_column:
        out.content["first_column"] = True
    if totals:
        out.content["totals"] = True
    return out


def _has_header(header: list[TableCell], flagged: bool, language: str) -> bool:
    """Whether the first row is a row of headings: marked as such, or all text."""
    texts = [cell.text for cell in header]
    if not any(texts):
        return False
    if flagged:
        return True
    return all(text and _number_column([text], ",", language) is None
               and _number_column([text], ".", language) is None for text in texts)


def _cell_text(cell: TableCell, plain_bold: bool) -> str:
    """A cell as content text; `plain_bold`: its bold is the row's or column's style."""
    parts = []
    for paragraph in cell.paragraphs:
        spans = paragraph.spans
        if plain_bold:
            spans = tuple(Span(s.text, False, s.italic, s.link) for s in spans)
        text = markup(spans)
        if text:
            parts.append(text)
    return " ".join(parts)


def _names(found: list[str], word: str, out: Fields) -> list[str]:
    """Column headings, each given one (`Kolom 2`) where it has none, each unique."""
    names: list[str] = []
    for index, name in enumerate(found):
        if not name:
            name = f"{word} {index + 1}"
            out.notes.append(f"column {index + 1} has no heading: named {name!r}")
        base, counter = name, 2
        while name in names:
            name = f"{base} ({counter})"
            counter += 1
        if name != base:
            out.notes.append(f"heading {base!r} used twice: the second is {name!r}")
        names.append(name)
    return names


def _decimal_mark(texts: list[str], language: str) -> str:
    """The decimal mark the table's numbers are written with: the one more of them can
    only be written with; by the deck's language when they do not tell."""
    dutch = sum(bool(_NL_ONLY.fullmatch(t.strip("€% "))) for t in texts)
    english = sum(bool(_EN_ONLY.fullmatch(t.strip("€% "))) for t in texts)
    if dutch != english:
        return "," if dutch > english else "."
    return "." if language == "en" else ","


def _number_column(texts: list[str], mark: str, language: str
                   ) -> tuple[str, int, list[float | None]] | None:
    """(format, decimals, values) when every value is a number that the table kind
    shows exactly as written; None for a text column."""
    filled = [text for text in texts if text]
    if not filled:
        return None
    values: list[float | None] = []
    for text in texts:
        if not text:
            values.append(None)
            continue
        try:
            values.append(parse_number(text, mark))
        except ValueError:
            return None
    if any("€" in text for text in filled):
        fmt = "euro"
    elif all(text.rstrip().endswith("%") for text in filled):
        fmt = "percent"
    else:
        fmt = "integer"
    decimals = max(decimals_written(text, mark) for text in filled)
    if fmt == "integer" and decimals:
        fmt = "decimal"
    if decimals > _MAX_DECIMALS:
        return None
    for text, value in zip(texts, values, strict=True):
        if value is not None and _plain(display(value, fmt, decimals, language)) != \
                _plain(text):
            return None
    return fmt, decimals, values


def _plain(text: str) -> str:
    return _BLANKS.sub("", text.replace("\u2212", "-"))


def _as_written(text: str, value: float | None, decimals: int) -> str:
    """A number cell as YAML holds it: as shown where the kind reads that as the same
    number, else written the Dutch way."""
    if value is None:
        return ""
    try:
        if parse_number(text, ",", lenient=True) == value:
            return text
    except ValueError:
        pass
    return display(value, "decimal", decimals, "nl")


def _reads_as_number(text: str) -> bool:
    try:
        parse_number(text, ",", lenient=True)
    except ValueError:
        return False
    return True


# -- charts -------------------------------------------------------------------------------


def chart_fields(figure: ChartFigure, title: str, language: str) -> Fields | None:
    """The `kind: chart` fields of a chart (after its `title`, which the caller
    writes); None for a chart the kind does not have."""
    kind = figure.type
    if kind is None or not figure.series:
        return None
    lines = [s for s in figure.series if s.line]
    if kind == "combo" and (not lines or len(lines) == len(figure.series)):
        return None
    out = Fields({})
    scatter = kind == "scatter"
    if kind != "column":
        out.content["type"] = kind
    if figure.stacking != "clustered":
        out.content["stacking"] = figure.stacking
    first_name = figure.category_title or figure.titles[0] or \
        ("X" if scatter else _labels(language).category)
    word = _labels(language).series
    unnamed = [number for number, s in enumerate(figure.series, start=1) if not s.name]
    if unnamed:
        out.notes.append(f"{len(unnamed)} series without a name: named {word} N")
    names = _names([first_name, *(s.name or f"{word} {number}"
                                  for number, s in enumerate(figure.series, start=1))],
                   word, out)
    formats = [_code_format(s.code, s.values) for s in figure.series]
    columns: list[Any] = []
    if scatter:
        xs = figure.series[0].x_values or ()
        if all(x is None for x in xs):
            return None
        x_format = _code_format(figure.series[0].x_code, xs)
        columns.append(_column(names[0], *x_format))
        first_texts = [_number_text(x, False) for x in xs]
    else:
        columns.append(names[0])
        first_texts = list(figure.categories)
    for name, (fmt, decimals) in zip(names[1:], formats, strict=True):
        columns.append(_column(name, fmt, decimals))
    rows = []
    for index, category in enumerate(first_texts):
        row = Row([category])
        for series, (fmt, _decimals) in zip(figure.series, formats, strict=True):
            row.append(_number_text(series.values[index], fmt == "percent"))
        rows.append(row)
    out.content["columns"] = columns
    out.content["rows"] = rows
    if kind == "combo":
        out.content["lines"] = [name for name, s in zip(names[1:], figure.series, strict=True)
                                if s.line]
    if figure.labels:
        out.content["labels"] = True
    default = ("right" if kind in {"pie", "doughnut"}
               else "bottom" if len(figure.series) > 1 else "none")
    if figure.legend != default:
        out.content["legend"] = figure.legend
    for key, text in zip(("x_title", "y_title", "y2_title"), figure.titles, strict=True):
        if text and (key != "y2_title" or kind == "combo"):
            out.content[key] = richtext.escape(text)
    if figure.alt:
        plotted = tuple(Series(name, s.values, "", fmt, decimals, s.line)
                        for name, s, (fmt, decimals)
                        in zip(names[1:], figure.series, formats, strict=True))
        record = ChartSlide(kind="chart", title=richtext.parse(title), type=kind,
                            stacking=figure.stacking)
        plain = richtext.plain(richtext.parse(title))
        if figure.alt != describe_chart(record, plain, tuple(first_texts), plotted,
                                        language):
            out.content["alt"] = figure.alt
    return out


def _column(name: str, fmt: str, decimals: int) -> Inline:
    entry = Inline(name=name, format=fmt)
    if fmt != "integer":
        entry["decimals"] = decimals
    return entry


def _code_format(code: str, values: Sequence[float | None]) -> tuple[str, int]:
    """(format, decimals) of a number format code (`#,##0.0`, `0%`, `"€" #,##0.00`);
    by the values for `General`."""
    section = code.split(";")[0]
    numbers = [v for v in values if v is not None]
    if section.strip().lower() in {"general", "@", ""} or not re.search(r"[0#]", section):
        places = max((_places(v) for v in numbers), default=0)
        return ("integer", 0) if places == 0 else ("decimal", min(places, 4))
    fraction = re.search(r"\.([0#]+)", section)
    decimals = min(len(fraction.group(1)) if fraction else 0, _MAX_DECIMALS)
    if "%" in section:
        return "percent", decimals
    if "€" in section:
        return "euro", decimals
    if decimals == 0 and all(float(v).is_integer() for v in numbers):
        return "integer", 0
    return "decimal", decimals


def _places(value: float) -> int:
    digits = format(Decimal(repr(value)), "f")
    return len(digits.partition(".")[2].rstrip("0"))


def _number_text(value: float | None, percent: bool) -> str:
    """A stored number as a YAML cell: Dutch, and such that the chart kind reads back
    exactly `value` (a percentage is stored divided by 100: 12,5 is 0.125)."""
    if value is None:
        return ""
    written = format(Decimal(repr(value)), "f")
    if percent:
        written = _percentage(value)
    sign, digits = ("-", written[1:]) if written.startswith("-") else ("", written)
    whole, _dot, fraction = digits.partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped}" + (f",{fraction}" if fraction else "")


def _percentage(value: float) -> str:
    """The shortest percentage `p` (as text) for which p × 0.01 is `value`, as the chart
    kind computes it."""
    exact = format(Decimal(repr(value)) * 100, "f")
    if float(exact) * 0.01 == value:
        return exact
    for places in range(18):
        text = f"{value * 100:.{places}f}"
        if float(text) * 0.01 == value:
            return text
    return exact


def data_lines(content: dict[str, Any], language: str) -> list[str]:
    """The lines `table: true` adds to a chart's notes for these fields (its figures as
    text), so notes that end with them are told apart; [] when they cannot be made."""
    columns = tuple(FigureColumn(**c) if isinstance(c, dict) else FigureColumn(name=c)
                    for c in content.get("columns", ()))
    header = tuple(Cell(column.name, _NOWHERE) for column in columns)
    body = tuple(tuple(Cell(text, _NOWHERE) for text in row) for row in content["rows"])
    table = build_table(header, body, columns, ",", True, ProblemCollector())
    if table is None:
        return []
    return [" ".join("".join(run.text for run in para.runs).split())
            for para in data_notes(table, language)]


def paragraph_texts(paragraphs: Sequence[Paragraph]) -> list[str]:
    """The paragraphs' texts, each on one line."""
    return [" ".join(p.text.split()) for p in paragraphs]



def _labels(language: str) -> Language:
    """The deck language's words for headings an import makes up (Dutch by default)."""
    return LANGUAGES.get(language, LANGUAGES["nl"])
