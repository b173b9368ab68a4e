"""Figures for tables and charts: CSV and XLSX files, Dutch numbers, column formats.

Dutch Excel writes CSV with `;` between fields and a decimal comma (`1.234,5`), in
UTF-8 with or without a byte order mark or in Windows-1252; English Excel writes `,`
and `1,234.5`. `read_csv` works out which, and keeps where every cell is written, so a
value that cannot be read is reported at its `file:line:col` (the csv module does not
report columns, hence a small reader of our own). `read_xlsx` reads a sheet (or a
range of it) with openpyxl; a cell is located by its row and column.

A grid is text, as everything in the content is, until a column's `format` says it
holds numbers (`parse_number`); `display` writes a number the way the deck's language
does (`1.234,5` in Dutch) and `number_format` gives the neutral format code charts
store (`#,##0.0`), which PowerPoint and LibreOffice show in the reader's locale.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple

from deck_builder import files
from deck_builder.content.schema import FAILED, Range, Record, Rule, Str
from deck_builder.content.source import Mapping, Node, Scalar, Sequence, describe
from deck_builder.errors import ProblemCollector, SourceRef

MAX_DATA_BYTES = 5_000_000
"""The most a CSV file may hold (and an XLSX file, compressed)."""
MAX_XLSX_UNPACKED = 50_000_000
"""The most an XLSX file may unpack to."""
MAX_CELLS = 100_000
"""The most cells a data file may give one slide: far beyond a readable table."""

Format = Literal["text", "integer", "decimal", "percent", "euro"]
NUMERIC: frozenset[str] = frozenset({"integer", "decimal", "percent", "euro"})


class Cell(NamedTuple):
    """One value as written (`text`), where it is written, and for a spreadsheet's
    numeric cell its number (a CSV or YAML cell is text until its column is numeric)."""

    text: str
    where: SourceRef
    number: float | None = None


class Grid(NamedTuple):
    """Rows of cells, the header row first; `decimal` is the decimal mark its numbers
    are written with ("," or ".")."""

    rows: tuple[tuple[Cell, ...], ...]
    decimal: str = ","


class DataError(ValueError):
    """A data file that cannot be read, with where (a cell, or the file)."""

    def __init__(self, message: str, where: SourceRef) -> None:
        super().__init__(message)
        self.where = where


# -- numbers ---------------------------------------------------------------------------

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2212": "-", "\u2009": " "})
_GROUPED = {
    ",": re.compile(r"\d{1,3}(?:[. ]\d{3})+(?:,\d+)?|\d+(?:,\d+)?|,\d+"),
    ".": re.compile(r"\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"),
}
_POINT_DECIMAL = re.compile(r"\d+\.\d+")
_DUTCH_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def parse_number(text: str, decimal: str = ",", lenient: bool = False) -> float:
    """The number `text` writes, with `decimal` as its decimal mark ("," or ".") and
    the other mark (or a space) between groups of three digits: `1.234,5`, `-12`,
    `€ 1.234,50`, `12,5%` (a sign, a euro sign and a percent sign are allowed; the
    value is the number as written, without dividing by 100).

    With `lenient` (text written by hand in YAML, Dutch by default), a single point
    that does not separate groups of three digits is read as a decimal point: `12.5`
    is 12.5, while `1.234` is 1234. Raises ValueError with a plain message.
    """
    shown = text
    value = text.translate(_SPACES).strip()
    if value.startswith("€"):
        value = value[1:].strip()
    elif value.endswith("€"):
        value = value[:-1].strip()
    if value.endswith("%"):
        value = value[:-1].strip()
    sign = 1.0
    if value[:1] in "+-" and value:
        sign = -1.0 if value[0] == "-" else 1.0
        value = value[1:].strip()
    if value.startswith("€"):  # -€ 5
        value = value[1:].strip()
    if not value:
        raise ValueError(f"{shown!r} is not a number")
    if lenient and decimal == "," and _POINT_DECIMAL.fullmatch(value) \
            and not _DUTCH_GROUPS.fullmatch(value):
        return sign * float(value)
    if decimal not in _GROUPED or not _GROUPED[decimal].fullmatch(value):
        example = "1.234,5" if decimal == "," else "1,234.5"
        raise ValueError(f"{shown!r} is not a number (write numbers like {example})")
    group = "." if decimal == "," else ","
    plain = value.replace(group, "").replace(" ", "").replace(decimal, ".")
    number = sign * float(plain)
    if not math.isfinite(number):
        raise ValueError(f"{shown!r} is too large a number")
    return number


def decimals_written(text: str, decimal: str) -> int:
    """How many digits `text` writes after its decimal mark (0 without one)."""
    value = text.strip().rstrip("%€ ").strip()
    if decimal in value:
        return len(value.rsplit(decimal, 1)[1].strip())
    return 0


def display(value: float, fmt: str, decimals: int, language: str = "nl") -> str:
    """`value` written for readers of `language`: `1.234,5` (nl) or `1,234.5` (en);
    `percent` values are percentages (12.5 → `12,5%`), `euro` gets a euro sign."""
    places = 0 if fmt == "integer" else max(0, decimals)
    # Halves round away from zero, as Excel and PowerPoint show them (7,25 → 7,3), on
    # the number as written rather than its nearest binary fraction.
    rounded = Decimal(repr(abs(value))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    written = f"{rounded:,.{places}f}"
    if language == "nl":
        written = written.replace(",", "\0").replace(".", ",").replace("\0", ".")
    negative = value < 0 and rounded != 0
    sign = "−" if negative else ""
    if fmt == "percent":
        return f"{sign}{written}%"
    if fmt == "euro":
        return f"{sign}€ {written}"
    return f"{sign}{written}"


def number_format(fmt: str, decimals: int) -> str:
    """The neutral number format code (what a file stores; the application shows it in
    the reader's locale): `#,##0.0`, `0.0%`, `"€" #,##0.00`."""
    places = 0 if fmt == "integer" else max(0, decimals)
    fraction = "." + "0" * places if places else ""
    if fmt == "percent":
        return f"0{fraction}%"
    if fmt == "euro":
        return f'"€"\\ #,##0{fraction}'
    return f"#,##0{fraction}"


# -- CSV -------------------------------------------------------------------------------


def decode(data: bytes, path: Path) -> str:
    """The text of a data file: UTF-8 (with or without BOM), else Windows-1252.

    Raises DataError at the first byte that is text in neither.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError("the file is UTF-16; save it as CSV UTF-8 (Excel: 'CSV UTF-8 "
                        "(door lijstscheidingsteken gescheiden)')", SourceRef(path))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise DataError(f"byte 0x{data[error.start]:02X} is not text in UTF-8 or "
                        "Windows-1252; save the file as CSV UTF-8",
                        SourceRef(path, line, column)) from None


def _delimiter(text: str) -> str:
    """`;`, `,` or a tab: the one the first line holding any of them uses most
    (outside quotes)."""
    for line in text.splitlines()[:20]:
        outside = re.sub(r'"[^"]*"', "", line)
        counts = {mark: outside.count(mark) for mark in (";", "\t", ",")}
        best = max(counts, key=lambda mark: counts[mark])
        if counts[best]:
            return best
    return ";"


_LINE_END = re.compile(r"\r\n|\r|\n")


def split_csv(text: str, path: Path, delimiter: str | None = None) -> tuple[
        list[list[Cell]], str]:
    """The rows of CSV `text` (RFC 4180 quoting: `"a;b"`, `""` for a quote), each cell
    with its line and column, and the delimiter used (sniffed when not given). Blank
    lines are left out. Raises DataError for a quote left open or text after a
    closing quote."""
    mark = delimiter or _delimiter(text)
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    line, line_start, pos, end = 1, 0, 0, len(text)
    plain = re.compile(f'[^{re.escape(mark)}"\\r\\n]*')
    while True:
        column = pos - line_start + 1
        where = SourceRef(path, line, column)
        if pos < end and text[pos] == '"':
            pieces: list[str] = []
            pos += 1
            while True:
                quote = text.find('"', pos)
                if quote < 0:
                    raise DataError("a quoted value is not closed (a \" is missing)", where)
                pieces.append(text[pos:quote])
                if text.startswith('""', quote):
                    pieces.append('"')
                    pos = quote + 2
                    continue
                pos = quote + 1
                break
            value = "".join(pieces)
            opened = where.column - 1 + line_start
            inside = list(_LINE_END.finditer(text, opened, pos))  # line ends in the quotes
            if inside:
                line += len(inside)
                line_start = inside[-1].end()
            if pos < end and text[pos] not in (mark, "\r", "\n"):
                raise DataError(f"text after the closing quote of {value!r}; put the "
                                "whole value in quotes", SourceRef(path, line,
                                                                   pos - line_start + 1))
        else:
            found_plain = plain.match(text, pos)
            assert found_plain is not None
            value = found_plain.group()
            pos = found_plain.end()
            if pos < end and text[pos] == '"':
                raise DataError('a " inside a value that does not start with one; put the '
                                'whole value in quotes and write the " twice',
                                SourceRef(path, line, pos - line_start + 1))
        row.append(Cell(value.strip(), where))
        if pos < end and text[pos] == mark:
            pos += 1
            continue
        if any(cell.text for cell in row):
            rows.append(row)
        row = []
        if pos >= end:
            break
        newline = _LINE_END.match(text, pos)
        assert newline is not None
        pos = newline.end()
        line += 1
        line_start = pos
        if pos >= end:
            break
    return rows, mark


_NL_ONLY = re.compile(r"-?\d{1,3}(?:\.\d{3})*,\d+|-?\d{1,3}(?:\.\d{3}){2,}")
_EN_ONLY = re.compile(r"-?\d{1,3}(?:,\d{3})*\.\d+|-?\d{1,3}(?:,\d{3}){2,}")


def _decimal_mark(rows: list[list[Cell]], delimiter: str) -> str:
    """The decimal mark the numbers of a CSV file use: "," when more of them can only
    be Dutch than can only be English; by the delimiter when they do not tell."""
    dutch = english = 0
    for row in rows[1:]:
        for cell in row:
            value = cell.text.strip("€% ")
            dutch += bool(_NL_ONLY.fullmatch(value))
            english += bool(_EN_ONLY.fullmatch(value))
    if dutch != english:
        return "," if dutch > english else "."
    return "." if delimiter == "," else ","


def read_csv(path: Path) -> Grid:
    """The grid of the CSV file at `path` (see the module doc). Raises DataError, at
    the place in the file, for a file that cannot be read; OSError as reading does."""
    text = decode(files.read_regular(path, MAX_DATA_BYTES), path)
    if "\0" in text:
        raise DataError("the file holds binary data, not CSV text", SourceRef(path))
    rows, delimiter = split_csv(text, path)
    if not rows:
        raise DataError("the file holds no rows", SourceRef(path))
    _check_size(rows, path)
    return Grid(tuple(tuple(row) for row in rows), _decimal_mark(rows, delimiter))


def _check_size(rows: list[list[Cell]], path: Path) -> None:
    if sum(len(row) for row in rows) > MAX_CELLS:
        raise DataError(f"the file holds more than {MAX_CELLS:,} cells; a slide shows far "
                        "fewer: give a `range:` or a smaller file", SourceRef(path))


# -- XLSX ------------------------------------------------------------------------------

_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")


def _column_number(letters: str) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def parse_range(text: str) -> tuple[int, int, int, int]:
    """`A1:D20` as (first row, first column, last row, last column), 1-based; a single
    cell is a range of one. Raises ValueError."""
    parts = text.strip().split(":")
    refs = [_CELL_REF.fullmatch(part.strip()) for part in parts]
    if len(parts) > 2 or not all(refs):
        raise ValueError(f"{text!r} is not a cell range; write it like A1:D20")
    cells = [(int(ref.group(2)), _column_number(ref.group(1))) for ref in refs if ref]
    (row1, col1), (row2, col2) = cells[0], cells[-1]
    return min(row1, row2), min(col1, col2), max(row1, row2), max(col1, col2)


def _check_package(data: bytes, path: Path) -> None:
    """Refuse an XLSX that would unpack to too much, or that declares a DTD (entities),
    before openpyxl parses it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DataError("the file is not an XLSX workbook (not a zip package)",
                        SourceRef(path)) from None
    with archive:
        members = archive.infolist()
        if sum(member.file_size for member in members) > MAX_XLSX_UNPACKED:
            raise DataError(f"the workbook unpacks to more than {MAX_XLSX_UNPACKED:,} bytes",
                            SourceRef(path))
        for member in members:
            if member.filename.endswith((".xml", ".rels")):
                with archive.open(member) as stream:
                    head = stream.read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise DataError("the workbook declares XML entities, which are not "
                                    "read", SourceRef(path))


def read_xlsx(path: Path, sheet: str | None = None, cells: str | None = None) -> Grid:
    """The grid of a sheet of the XLSX workbook at `path` (the first sheet unless
    `sheet` names one), or of the range `cells` of it (`A1:D20`). Each cell is located
    at its row and column (`file:3:2` is B3). Raises DataError; OSError as reading does.
    """
    data = files.read_regular(path, MAX_DATA_BYTES)
    _check_package(data, path)
    import warnings

    import openpyxl  # only when a workbook is read: it takes a while to import

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it skips
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise DataError(f"the workbook cannot be read: {error}", SourceRef(path)) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise DataError(f"the workbook has no sheet {sheet!r} (sheets: "
                            f"{', '.join(book.sheetnames)})", SourceRef(path))
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        bounds: dict[str, int] = {}
        if cells is not None:
            row1, col1, row2, col2 = parse_range(cells)
            bounds = {"min_row": row1, "min_col": col1, "max_row": row2, "max_col": col2}
        rows: list[list[Cell]] = []
        count = 0
        for values in worksheet.iter_rows(**bounds):
            row: list[Cell] = []
            for cell in values:
                value = getattr(cell, "value", None)
                row_number = getattr(cell, "row", None) or 0
                column = getattr(cell, "column", None) or 0
                row.append(_xlsx_cell(value, SourceRef(path, row_number, column)))
            count += len(row)
            if count > MAX_CELLS:
                _check_size([row] * (MAX_CELLS + 1), path)
            if any(cell.text for cell in row):
                rows.append(row)
    finally:
        book.close()
    if not rows:
        raise DataError("the sheet holds no rows" if cells is None
                        else f"the range {cells} holds no values", SourceRef(path))
    width = max(max((i + 1 for i, cell in enumerate(row) if cell.text), default=0)
                for row in rows)
    return Grid(tuple(tuple(row[:width]) for row in rows), ".")


def _xlsx_cell(value: Any, where: SourceRef) -> Cell:
    import datetime as dt

    if value is None:
        return Cell("", where)
    if isinstance(value, bool):
        return Cell("WAAR" if value else "ONWAAR", where)
    if isinstance(value, int | float):
        number = float(value)
        text = repr(number) if not number.is_integer() else str(int(number))
        return Cell(text, where, number)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return Cell(value.date().isoformat(), where)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return Cell(value.isoformat(), where)
    return Cell(str(value).strip(), where)


def read_grid(path: Path, sheet: str | None = None, cells: str | None = None) -> Grid:
    """The grid of a data file by its extension: `.csv` (or `.txt`), `.xlsx`."""
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return read_xlsx(path, sheet, cells)
    if suffix in {".csv", ".txt", ".tsv"}:
        if sheet is not None or cells is not None:
            raise DataError("`sheet:` and `range:` are for XLSX workbooks; a CSV file is "
                            "read whole", SourceRef(path))
        return read_csv(path)
    raise DataError(f"{path.name!r} is neither a CSV nor an XLSX file (.xls: save it as "
                    ".xlsx or CSV)", SourceRef(path))


# -- the content's side ----------------------------------------------------------------


class DataRule(Rule):
    """`data:` names a CSV or XLSX file (resolved by the loader), or is a mapping with
    `path`, `sheet` and `range` (what a slide's `sheet:` and `range:` become). The
    value is the file's Grid; a problem in it is reported where it is in the file,
    with the YAML line that names it."""

    expected = "a file name"

    def convert(self, node: Node, label: str, problems: ProblemCollector) -> Any:
        options: dict[str, str | None] = {"sheet": None, "range": None}
        target: Node = node
        if isinstance(node, Mapping):
            target = node.entries.get("path", Scalar(node.where, None))
            for key in options:
                option = node.entries.get(key)
                if isinstance(option, Scalar) and option.value:
                    options[key] = option.value.strip()
        if not isinstance(target, Scalar) or not target.value:
            problems.add(f"{label}expected {self.expected}, got {describe(target)}",
                         target.where)
            return FAILED
        path = Path(target.value)
        if not path.is_absolute():
            return FAILED  # outside the content folder: the loader reported it
        try:
            return read_grid(path, options["sheet"], options["range"])
        except DataError as error:
            if error.where.line:  # a place in the file
                problems.add(f"{error} (the data file of {target.where})", error.where)
            else:  # the file as a whole: said where the YAML names it
                problems.add(f"{label}{path.name}: {error}", target.where)
        except ValueError as error:  # a range written wrong
            problems.add(f"{label}{error}", node.where)
        except FileNotFoundError:
            problems.add(f"{label}data file {path.name!r} not found", target.where)
        except OSError as error:
            problems.add(f"{label}cannot read {path.name!r}: {error.strerror or error}",
                         target.where)
        return FAILED

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "pattern": r"(?i)\.(csv|txt|tsv|xlsx|xlsm)$"}


class RowsRule(Rule):
    """Rows written in YAML: a list of lists of values (text, as everything is)."""

    expected = "a list of rows"

    def convert(self, node: Node, label: str, problems: ProblemCollector) -> Any:
        if not isinstance(node, Sequence):
            problems.add(f"{label}expected a list of rows (each a list like [Noord, "
                         f"'1.234']), got {describe(node)}", node.where)
            return FAILED
        rows: list[tuple[Cell, ...]] = []
        failed = False
        for row_node in node.items:
            if not isinstance(row_node, Sequence):
                problems.add(f"{label}a row is a list of values ([Noord, '1.234']), got "
                             f"{describe(row_node)}", row_node.where)
                failed = True
                continue
            row: list[Cell] = []
            for item in row_node.items:
                if not isinstance(item, Scalar):
                    problems.add(f"{label}a cell holds text or a number, got "
                                 f"{describe(item)}", item.where)
                    failed = True
                    continue
                row.append(Cell((item.value or "").strip(), item.where))
            rows.append(tuple(row))
        return FAILED if failed else tuple(rows)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        cell = {"type": ["string", "number", "boolean", "null"]}
        return {"type": "array", "items": {"type": "array", "items": cell}}


Decimals = Annotated[int, Range(ge=0, le=6)]


class FigureColumn(Record):
    """How one column is shown: its heading, what it holds, its decimals."""

    name: Annotated[str, Str()]
    """The column's heading (for data from a file: the heading in the file's first row
    this entry is about).
    Example: Woningen"""
    format: Format | None = None
    """What the column holds: text, integer, decimal, percent (the values are
    percentages: 12,5 is shown as 12,5%) or euro; by default a number format when every
    value is a number, else text.
    Example: percent"""
    decimals: Decimals | None = None
    """Digits after the decimal comma; by default as many as the values have (euro: 0
    or 2).
    Example: 1"""

    @classmethod
    def _shorthand(cls, node: Node) -> Node:
        if isinstance(node, Scalar) and node.value is not None:  # `- Regio`
            return Mapping(node.where, {"name": node}, {"name": node.where})
        return node

    @classmethod
    def _adjust_schema(cls, schema: dict[str, Any]) -> dict[str, Any]:
        return {"anyOf": [{"type": ["string", "number"]}, schema],
                "description": schema.get("description")}


def with_options(node: Node) -> Node:
    """A slide's node with `sheet:` and `range:` moved into its `data:` (see DataRule),
    for a kind's record `_shorthand`."""
    if not isinstance(node, Mapping) or not {"sheet", "range"} & node.entries.keys():
        return node
    data = node.entries.get("data")
    if not isinstance(data, Scalar):
        return node  # no file to read them from: `_check` says so
    entries, keys = dict(node.entries), dict(node.keys)
    inner: dict[str, Node] = {"path": data}
    for key in ("sheet", "range"):
        if key in entries:
            inner[key] = entries.pop(key)
            keys.pop(key)
    entries["data"] = Mapping(data.where, dict(inner), {k: v.where for k, v in inner.items()})
    return Mapping(node.where, entries, keys)


class ShownColumn(NamedTuple):
    """A column as shown: heading, format, decimals, its cells' numbers (None: text)."""

    name: str
    format: str
    decimals: int
    where: SourceRef


class Table(NamedTuple):
    """Figures ready to show: the header, the columns, the body rows of cells, and the
    numbers of numeric cells (None for an empty cell)."""

    columns: tuple[ShownColumn, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numbers: tuple[tuple[float | None, ...], ...]
    # Per column, the first value that is not a number (a text column's), or None.
    not_numbers: tuple[Cell | None, ...] = ()

    def texts(self, language: str) -> tuple[tuple[str, ...], ...]:
        """Every body cell as shown: numbers written for `language`, text as is."""
        shown = []
        for row, numbers in zip(self.rows, self.numbers, strict=True):
            cells = []
            for column, cell, number in zip(self.columns, row, numbers, strict=True):
                if column.format in NUMERIC and number is not None:
                    cells.append(display(number, column.format, column.decimals, language))
                else:
                    cells.append(cell.text)
            shown.append(tuple(cells))
        return tuple(shown)


def build_table(header: tuple[Cell, ...], body: tuple[tuple[Cell, ...], ...],
                given: tuple[FigureColumn, ...], decimal: str, lenient: bool,
                problems: ProblemCollector, named: SourceRef | None = None) -> Table | None:
    """The figures of a header and body rows, with the columns' formats (`given`, by
    heading; the others detected): each numeric cell parsed (a text in a number column
    is reported at its place, with `named`, where the YAML names the data file). None
    when anything was reported."""
    of = f" (the data file of {named})" if named is not None else ""
    width = len(header)
    ok = True
    rows: list[tuple[Cell, ...]] = []
    for row in body:
        if len(row) > width and any(cell.text for cell in row[width:]):
            extra = next(cell for cell in row[width:] if cell.text)
            problems.add(f"this row has more values than the header has columns ({width}){of}",
                         extra.where)
            ok = False
        padded = tuple(row[:width]) + tuple(
            Cell("", row[-1].where if row else header[0].where) for _ in range(width - len(row)))
        rows.append(padded)
    by_name = {column.name: column for column in given}
    names = [cell.text for cell in header]
    for column in given:
        if column.name not in names:
            problems.add(f"no column {column.name!r} in the data (columns: "
                         f"{', '.join(names)})", header[0].where)
            ok = False
    columns: list[ShownColumn] = []
    not_numbers: list[Cell | None] = []
    numbers: list[list[float | None]] = [[] for _ in rows]
    for index, head in enumerate(header):
        spec = by_name.get(head.text)
        cells = [row[index] for row in rows]
        fmt: str | None = spec.format if spec is not None else None
        parsed: list[float | None] = []
        errors: list[tuple[str, SourceRef]] = []
        first_text: Cell | None = None
        for cell in cells:
            if not cell.text:
                parsed.append(None)
            elif cell.number is not None:
                parsed.append(cell.number)
            else:
                try:
                    parsed.append(parse_number(cell.text, decimal, lenient))
                except ValueError as error:
                    parsed.append(None)
                    errors.append((str(error), cell.where))
                    first_text = first_text or cell
        not_numbers.append(first_text)
        if fmt is None:
            fmt = _detected(cells, parsed, errors)
        if fmt in NUMERIC and errors:
            for message, where in errors:
                problems.add(f"{message}, in the {fmt} column {head.text!r}{of}", where)
            ok = False
        places = spec.decimals if spec is not None and spec.decimals is not None else None
        if places is None:
            places = _decimals(fmt, cells, parsed, decimal)
        columns.append(ShownColumn(head.text, fmt, places, head.where))
        for row_numbers, number in zip(numbers, parsed, strict=True):
            row_numbers.append(number if fmt in NUMERIC else None)
    if not ok:
        return None
    return Table(tuple(columns), tuple(rows), tuple(tuple(row) for row in numbers),
                 tuple(not_numbers))


def _detected(cells: list[Cell], parsed: list[float | None],
              errors: list[tuple[str, SourceRef]]) -> str:
    if errors or all(number is None for number in parsed):
        return "text"
    if any("€" in cell.text for cell in cells):
        return "euro"
    if all(cell.text.endswith("%") for cell in cells if cell.text):
        return "percent"
    if all(number is None or float(number).is_integer() for number in parsed):
        return "integer"
    return "decimal"


def _decimals(fmt: str, cells: list[Cell], parsed: list[float | None], decimal: str) -> int:
    if fmt not in NUMERIC or fmt == "integer":
        return 0
    written = 0
    for cell, number in zip(cells, parsed, strict=True):
        if number is None:
            continue
        if cell.number is not None:  # a spreadsheet's number: its shortest digits
            text = repr(cell.number)
            written = max(written, len(text.split(".")[1]) if "." in text
                          and not cell.number.is_integer() else 0)
        else:
            written = max(written, decimals_written(cell.text, decimal))
            if not float(number).is_integer():  # `12.5` written by hand in a Dutch deck
                fraction = repr(abs(number)).partition(".")[2]
                written = max(written, len(fraction) if "e" not in fraction else 4)
    if fmt == "euro":
        return 0 if written == 0 else 2
    return min(written, 4)
