"""A minimal XLSX workbook: one sheet of text and numbers, for a chart's embedded data.

PowerPoint's "Edit data" opens the workbook a chart embeds. It is written here rather
than by a spreadsheet library so that it is small, quick and byte for byte the same on
every build (no creation time, fixed zip dates): the deck around it is reproducible.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

SHEET = "Blad1"
"""The sheet's name (what Dutch Excel calls the first sheet); charts refer to it."""

_FIXED_DATE = (1980, 1, 1, 0, 0, 0)
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"

Value = str | float | None


def column_letters(number: int) -> str:
    """Spreadsheet column letters of a 1-based column number (1 → A, 28 → AB)."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def workbook(rows: Sequence[Sequence[Value]], formats: Sequence[str | None] = ()) -> bytes:
    """The .xlsx bytes of one sheet holding `rows` from A1: text, numbers (written
    exactly, as Python's shortest repr), None for an empty cell. `formats` gives each
    column's number format code (None: General)."""
    codes = sorted({code for code in formats if code})
    ids = {code: 164 + index for index, code in enumerate(codes)}
    style = {code: 1 + index for index, code in enumerate(codes)}
    cells = []
    for r, row in enumerate(rows, start=1):
        written = []
        for c, value in enumerate(row, start=1):
            ref = f"{column_letters(c)}{r}"
            code = formats[c - 1] if c - 1 < len(formats) else None
            if value is None:
                continue
            if isinstance(value, str):
                written.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">'
                               f"{escape(value)}</t></is></c>")
            else:
                s = f' s="{style[code]}"' if code else ""
                written.append(f'<c r="{ref}"{s}><v>{_number(value)}</v></c>')
        cells.append(f'<row r="{r}">{"".join(written)}</row>')
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             f'<worksheet xmlns="{_MAIN}" xmlns:r="{_R}"><sheetData>{"".join(cells)}'
             f"</sheetData></worksheet>")
    num_fmts = "".join(f'<numFmt numFmtId="{ids[code]}" formatCode={quoteattr(code)}/>'
                       for code in codes)
    xfs = "".join(f'<xf numFmtId="{ids[code]}" fontId="0" fillId="0" borderId="0" '
                  f'xfId="0" applyNumberFormat="1"/>' for code in codes)
    styles = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_MAIN}">'
        + (f'<numFmts count="{len(codes)}">{num_fmts}</numFmts>' if codes else "")
        + '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        f'<cellXfs count="{1 + len(codes)}"><xf numFmtId="0" fontId="0" fillId="0" '
        f'borderId="0" xfId="0"/>{xfs}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            f'xmlns="{_PKG_R}"><Relationship Id="rId1" Type="{_R}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook '
            f'xmlns="{_MAIN}" xmlns:r="{_R}"><sheets><sheet name="{SHEET}" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            f'xmlns="{_PKG_R}"><Relationship Id="rId1" Type="{_R}/worksheet" '
            f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{_R}/styles" '
            'Target="styles.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/styles.xml": styles,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, _FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)
