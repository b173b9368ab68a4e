"""Links of LibreOffice's tagged PDF put into the structure tree, each with its text.

LibreOffice 7.4 exports a presentation's links as Link annotations, but leaves them out
of the structure tree (PDF/UA asks for a Link element that holds each annotation), and
names a link on a whole shape (a partner chip) just "Go to document". Here every Link
annotation gets a Link structure element right after the element whose text it covers,
is entered in the parent tree, and, where LibreOffice gave no name, is named by that
text; pages with annotations get the structure's tab order.

Which text an annotation covers is found from where LibreOffice starts each line of text
(`Td` inside `BT … ET`, in page coordinates: it sets no other text position in what it
exports), decoded through the fonts' ToUnicode maps.
"""

from __future__ import annotations

import re

import pikepdf

# What LibreOffice names a link it has no text for.
_GENERIC = re.compile(r"^Go to document( .*)?$")


def tag_links(document: pikepdf.Pdf) -> None:
    """Give every Link annotation a Link structure element and a name (see the module)."""
    root = document.Root.get("/StructTreeRoot")
    if root is None or root.get("/ParentTree") is None:
        return
    numbers = pikepdf.NumberTree(root.ParentTree)
    next_key = max((int(key) for key, _ in numbers.items()), default=-1) + 1
    owners = _mcid_owners(root)
    for page in document.pages:
        links = [annotation for annotation in page.obj.get("/Annots", pikepdf.Array())
                 if isinstance(annotation, pikepdf.Dictionary)
                 and annotation.get("/Subtype") == pikepdf.Name.Link
                 and "/StructParent" not in annotation]
        if not links:
            continue
        page.obj.Tabs = pikepdf.Name.S
        texts, starts = _page_text(page)
        for annotation in links:
            covered = [mcid for mcid, points in starts.items()
                       if any(_inside(point, annotation.Rect) for point in points)]
            text = " ".join(texts[mcid].strip() for mcid in sorted(covered)
                            if texts.get(mcid, "").strip())
            contents = str(annotation.get("/Contents", ""))
            if text and (not contents.strip() or _GENERIC.match(contents)):
                annotation.Contents = pikepdf.String(text)
            owner = next((owners[(page.obj.objgen, mcid)] for mcid in sorted(covered)
                          if (page.obj.objgen, mcid) in owners), None)
            parent, after = _place(root, owner)
            reference = pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annotation,
                                           Pg=page.obj)
            link = document.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.StructElem, S=pikepdf.Name.Link, P=parent, Pg=page.obj,
                K=pikepdf.Array([reference])))
            if str(annotation.get("/Contents", "")).strip():
                link.Alt = annotation.Contents
            _insert(parent, after, link)
            annotation.StructParent = next_key
            numbers[next_key] = link
            next_key += 1
    root.ParentTreeNextKey = next_key


def _mcid_owners(root: pikepdf.Object) -> dict[tuple[tuple[int, int], int], pikepdf.Dictionary]:
    """The structure element that holds each marked-content id, by (page, id)."""
    owners: dict[tuple[tuple[int, int], int], pikepdf.Dictionary] = {}

    def walk(node: pikepdf.Object | None, page: tuple[int, int] | None) -> None:
        if not isinstance(node, pikepdf.Dictionary):
            return
        at = node.get("/Pg")
        if isinstance(at, pikepdf.Dictionary):
            page = at.objgen
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int) and page is not None and "/S" in node:
                owners[(page, int(kid))] = node
            else:
                walk(kid, page)

    walk(root, None)
    return owners


def _place(root: pikepdf.Object, owner: pikepdf.Dictionary | None
           ) -> tuple[pikepdf.Object, pikepdf.Dictionary | None]:
    """Where a link goes: after `owner` among its parent's kids, else at the end of the
    document's top element."""
    if owner is not None:
        parent = owner.get("/P")
        if isinstance(parent, pikepdf.Dictionary):
            return parent, owner
    top = root.get("/K")
    if isinstance(top, pikepdf.Array) and len(top) == 1 and \
            isinstance(top[0], pikepdf.Dictionary):
        return top[0], None
    if isinstance(top, pikepdf.Dictionary):
        return top, None
    return root, None


def _insert(parent: pikepdf.Object, after: pikepdf.Dictionary | None,
            link: pikepdf.Dictionary) -> None:
    kids = parent.get("/K")
    if kids is None:
        parent.K = pikepdf.Array([link])
        return
    if not isinstance(kids, pikepdf.Array):
        kids = pikepdf.Array([kids])
        parent.K = kids
    position = len(kids)
    if after is not None:
        for index, kid in enumerate(kids):
            if isinstance(kid, pikepdf.Dictionary) and kid.objgen == after.objgen:
                position = index + 1
                break
    kids.insert(position, link)


def _inside(point: tuple[float, float], rect: pikepdf.Object) -> bool:
    x0, y0, x1, y1 = (float(value) for value in rect)
    x, y = point
    return min(x0, x1) - 1 <= x <= max(x0, x1) + 1 and min(y0, y1) - 1 <= y <= max(y0, y1) + 1


def _page_text(page: pikepdf.Page) -> tuple[dict[int, str], dict[int, list[tuple[float, float]]]]:
    """The text of each marked-content id of a page and where its lines start."""
    resources = page.obj.get("/Resources", pikepdf.Dictionary()).get("/Font",
                                                                     pikepdf.Dictionary())
    fonts: dict[str, tuple[dict[int, str], int]] = {}
    texts: dict[int, str] = {}
    starts: dict[int, list[tuple[float, float]]] = {}
    stack: list[int | None] = []
    font: tuple[dict[int, str], int] | None = None
    for instruction in pikepdf.parse_content_stream(page):
        if not isinstance(instruction, pikepdf.ContentStreamInstruction):
            continue
        operator, operands = str(instruction.operator), instruction.operands
        mcid = next((m for m in reversed(stack) if m is not None), None)
        if operator == "BDC":
            properties = operands[1] if len(operands) > 1 else None
            own = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
            stack.append(int(own) if isinstance(own, int) else None)
        elif operator == "BMC":
            stack.append(None)
        elif operator == "EMC" and stack:
            stack.pop()
        elif operator == "Td" and mcid is not None and len(operands) == 2:
            starts.setdefault(mcid, []).append((float(operands[0]), float(operands[1])))
        elif operator == "Tf" and operands:
            name = str(operands[0])
            if name not in fonts:
                entry = resources.get(name)
                fonts[name] = _unicode_map(entry) if isinstance(entry, pikepdf.Dictionary) \
                    else ({}, 1)
            font = fonts[name]
        elif operator in {"Tj", "TJ"} and mcid is not None and font is not None and operands:
            texts[mcid] = texts.get(mcid, "") + _decode(operands[0], *font)
    return texts, starts


def _decode(shown: pikepdf.Object, table: dict[int, str], width: int) -> str:
    pieces = shown if isinstance(shown, pikepdf.Array) else [shown]
    out = []
    for piece in pieces:
        if isinstance(piece, pikepdf.String):
            raw = bytes(piece)
            out += [table.get(int.from_bytes(raw[i:i + width], "big"), "")
                    for i in range(0, len(raw), width)]
        elif isinstance(piece, int | float) and float(piece) < -200:
            out.append(" ")  # a wide gap between words
    return "".join(out)


def _unicode_map(font: pikepdf.Dictionary) -> tuple[dict[int, str], int]:
    """A font's ToUnicode map (code → text) and its code width in bytes."""
    table: dict[int, str] = {}
    width = 1
    stream = font.get("/ToUnicode")
    if not isinstance(stream, pikepdf.Stream):
        return table, width
    data = stream.read_bytes().decode("latin-1")
    hexa = r"<([0-9A-Fa-f]+)>"
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for source, target in re.findall(rf"{hexa}\s*{hexa}", block):
            width = len(source) // 2
            table[int(source, 16)] = _text(target)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, target in re.findall(rf"{hexa}\s*{hexa}\s*{hexa}", block):
            width = len(low) // 2
            first = int(target, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                table[code] = chr(first + offset) if first + offset < 0x110000 else ""
    return table, width


def _text(hex_utf16: str) -> str:
    try:
        return bytes.fromhex(hex_utf16).decode("utf-16-be")
    except (ValueError, UnicodeDecodeError):
        return ""
