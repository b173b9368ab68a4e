"""Reading a tagged PDF back with pikepdf, independently of how it was made: the structure
elements in tree order with their page, alt text and the text of their marked content."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pikepdf


@dataclass(frozen=True)
class Element:
    """A structure element: its type (`H`, `P`, `Figure`, …), page (1-based), alt text
    and the text of its own marked content."""

    kind: str
    page: int
    alt: str | None
    text: str


def elements(pdf: pikepdf.Pdf) -> list[Element]:
    """Every structure element in the order of the tag tree (the reading order)."""
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    texts: dict[int, dict[int, str]] = {}
    found: list[Element] = []

    def walk(node: pikepdf.Object, page: int) -> None:
        if not isinstance(node, pikepdf.Dictionary):
            return
        if "/Pg" in node:
            page = pages.get(node.Pg.objgen, page)
        kids = node.get("/K")
        listed = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        if "/S" in node:
            if page not in texts and page:
                texts[page] = mcid_texts(pdf.pages[page - 1])
            own = "".join(texts.get(page, {}).get(int(k), "") for k in listed
                          if isinstance(k, int))
            alt = str(node.Alt) if "/Alt" in node else None
            found.append(Element(str(node.S)[1:], page, alt, own))
        for kid in listed:
            walk(kid, page)

    walk(pdf.Root.StructTreeRoot, 0)
    return found


def _cmap(font: pikepdf.Object) -> tuple[dict[int, str], int]:
    table: dict[int, str] = {}
    width = 1
    stream = font.get("/ToUnicode")
    if stream is None:
        return table, width
    data = stream.read_bytes().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for source, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            width = len(source) // 2
            table[int(source, 16)] = bytes.fromhex(target).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, target in re.findall(
                r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            width = len(low) // 2
            start = int(target, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                table[code] = chr(start + offset)
    return table, width


def mcid_texts(page: pikepdf.Page) -> dict[int, str]:
    """The text shown inside each marked-content id of a page, through the fonts'
    ToUnicode maps; text in artifacts is left out."""
    fonts: dict[str, tuple[dict[int, str], int]] = {}
    resources = page.obj.Resources.get("/Font", pikepdf.Dictionary())
    out: dict[int, str] = {}
    stack: list[int | None] = []
    current: tuple[dict[int, str], int] | None = None
    for instruction in pikepdf.parse_content_stream(page):
        if not isinstance(instruction, pikepdf.ContentStreamInstruction):
            continue
        operator, operands = str(instruction.operator), instruction.operands
        if operator == "BDC":
            properties = operands[1]
            stack.append(int(properties["/MCID"]) if isinstance(properties, pikepdf.Dictionary)
                         and "/MCID" in properties else None)
        elif operator == "BMC":
            stack.append(None)
        elif operator == "EMC" and stack:
            stack.pop()
        elif operator == "Tf":
            name = str(operands[0])
            if name not in fonts:
                fonts[name] = _cmap(resources[name])
            current = fonts[name]
        elif operator in {"Tj", "TJ"} and stack and stack[-1] is not None and current:
            table, width = current
            pieces = operands[0] if operator == "TJ" else [operands[0]]
            text = []
            for piece in pieces:
                if isinstance(piece, pikepdf.String):
                    raw = bytes(piece)
                    text += [table.get(int.from_bytes(raw[i:i + width], "big"), "")
                             for i in range(0, len(raw), width)]
                elif float(piece) < -200:  # a wide gap in a TJ array is a space
                    text.append(" ")
            mcid = stack[-1]
            out[mcid] = out.get(mcid, "") + "".join(text)
    return out


def outline_titles(pdf: pikepdf.Pdf) -> list[str]:
    """The titles of the top-level bookmarks, in order."""
    titles = []
    with pdf.open_outline() as outline:
        for item in outline.root:
            titles.append(item.title)
    return titles
