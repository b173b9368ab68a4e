"""The placeholders of a slide layout, read from its XML with PowerPoint's inheritance.

A layout placeholder that does not set its position, text insets or font size takes
them from the slide master's placeholder of the same kind, then from the master's
text styles. python-pptx answers these questions through proxy objects that search
the shape trees with XPath on every access (over a thousand searches for one build);
here each layout is read once, in a single pass over its shapes.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from lxml import etree

from deck_builder.planning.model import Rect

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_PH = f"{_P}nvSpPr/{_P}nvPr/{_P}ph"
_NAME = f"{_P}nvSpPr/{_P}cNvPr"
_XFRM = f"{_P}spPr/{_A}xfrm"
_BODY_PR = f"{_P}txBody/{_A}bodyPr"
_LEVEL1_SIZE = f"{_P}txBody/{_A}lstStyle/{_A}lvl1pPr/{_A}defRPr"
# bodyPr's defaults (ECMA-376 §21.1.2.1.1): 0.1" left and right, 0.05" top and bottom.
_DEFAULT_INSETS = {"lIns": 91440, "tIns": 45720, "rIns": 91440, "bIns": 45720}
# The master placeholder a layout placeholder inherits from, by type; the rest: body.
_BASE_TYPE = {"title": "title", "ctrTitle": "title", "dt": "dt", "ftr": "ftr",
              "sldNum": "sldNum", "hdr": "hdr"}
_TEXT_STYLE = {"title": "titleStyle", "body": "bodyStyle"}
DEFAULT_SIZE = 18.0  # PowerPoint's size for text that nothing sizes


class Placeholder(NamedTuple):
    """One placeholder of a layout, with what it inherits filled in.

    `type` is the OOXML placeholder type ("obj" when the XML names none); `rect` is
    None when neither the layout nor the master positions it; `size` is the font size
    (pt) its first-level text gets when a run sets none.
    """

    element: etree._Element
    type: str
    idx: int
    name: str
    rect: Rect | None
    insets: tuple[int, int, int, int]  # left, top, right, bottom (EMU)
    size: float
    has_text: bool


@functools.lru_cache(maxsize=256)
def layout_placeholders(
    layout: etree._Element, master: etree._Element
) -> tuple[Placeholder, ...]:
    """The placeholders of a layout (`p:sldLayout`) on its master (`p:sldMaster`), in
    document order.

    Read once per layout (template checks, new slides and footers all ask): the
    answer is cached, so the XML must not be changed afterwards — templates are not.
    """
    bases: dict[str, etree._Element] = {}
    for shape in _shapes(master):
        ph = shape.find(_PH)
        if ph is not None:
            bases.setdefault(ph.get("type", "obj"), shape)
    styles = master.find(f"{_P}txStyles")
    found = []
    for shape in _shapes(layout):
        ph = shape.find(_PH)
        if ph is None:
            continue
        kind = ph.get("type", "obj")
        base_type = _BASE_TYPE.get(kind, "body")
        base = bases.get(base_type)
        chain = [shape] if base is None else [shape, base]
        name = shape.find(_NAME)
        found.append(Placeholder(
            element=shape,
            type=kind,
            idx=int(ph.get("idx", "0")),
            name=name.get("name", "") if name is not None else "",
            rect=_rect(chain),
            insets=_insets(chain),
            size=_size(chain, styles, _TEXT_STYLE.get(base_type, "otherStyle")),
            has_text=shape.tag == f"{_P}sp",
        ))
    return tuple(found)


def _shapes(root: etree._Element) -> list[etree._Element]:
    tree = root.find(f"{_P}cSld/{_P}spTree")
    return [] if tree is None else [child for child in tree if child.tag == f"{_P}sp"]


def _rect(chain: list[etree._Element]) -> Rect | None:
    for shape in chain:
        xfrm = shape.find(_XFRM)
        if xfrm is None:
            continue
        off, ext = xfrm.find(f"{_A}off"), xfrm.find(f"{_A}ext")
        if off is not None and ext is not None:
            return Rect(int(off.get("x", "0")), int(off.get("y", "0")),
                        int(ext.get("cx", "0")), int(ext.get("cy", "0")))
    return None


def _insets(chain: list[etree._Element]) -> tuple[int, int, int, int]:
    bodies = [body for body in (shape.find(_BODY_PR) for shape in chain) if body is not None]
    values = []
    for name in ("lIns", "tIns", "rIns", "bIns"):
        value = _DEFAULT_INSETS[name]
        for body_pr in bodies:
            if body_pr.get(name) is not None:
                value = int(body_pr.get(name))
                break
        values.append(value)
    return (values[0], values[1], values[2], values[3])


def _size(chain: list[etree._Element], styles: etree._Element | None, style: str) -> float:
    for shape in chain:
        default = shape.find(_LEVEL1_SIZE)
        if default is not None and default.get("sz"):
            return int(default.get("sz")) / 100
    if styles is not None:
        default = styles.find(f"{_P}{style}/{_A}lvl1pPr/{_A}defRPr")
        if default is not None and default.get("sz"):
            return int(default.get("sz")) / 100
    return DEFAULT_SIZE


# Placeholder types whose slide copy starts with an empty text body (as PowerPoint and
# python-pptx make them); pictures, tables and charts get theirs when filled.
_TEXT_TYPES = frozenset({"title", "ctrTitle", "subTitle", "body", "obj", "dt", "ftr", "sldNum"})
LATENT_TYPES = frozenset({"dt", "ftr", "sldNum"})
"""Footer placeholders: a new slide leaves them out unless the footer is switched on."""


def slide_shape(placeholder: Placeholder, shape_id: int) -> etree._Element:
    """An empty `p:sp` for a new slide that inherits everything from `placeholder`:
    what PowerPoint adds for a layout placeholder (named after it, as PowerPoint does)."""
    sp = etree.Element(f"{_P}sp", nsmap=_NSMAP)
    nv = etree.SubElement(sp, f"{_P}nvSpPr")
    etree.SubElement(nv, f"{_P}cNvPr", id=str(shape_id), name=placeholder.name)
    etree.SubElement(etree.SubElement(nv, f"{_P}cNvSpPr"), f"{_A}spLocks", noGrp="1")
    ph = etree.SubElement(etree.SubElement(nv, f"{_P}nvPr"), f"{_P}ph")
    source = placeholder.element.find(_PH)
    for name, value in source.attrib.items() if source is not None else ():
        if name in {"type", "orient", "sz", "idx"}:  # not the layout's prompt flag
            ph.set(name, value)
    etree.SubElement(sp, f"{_P}spPr")
    if placeholder.type in _TEXT_TYPES:
        body = etree.SubElement(sp, f"{_P}txBody")
        etree.SubElement(body, f"{_A}bodyPr")
        etree.SubElement(body, f"{_A}lstStyle")
        etree.SubElement(body, f"{_A}p")
    return sp


_NSMAP = {
    "a": _A[1:-1],
    "p": _P[1:-1],
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
