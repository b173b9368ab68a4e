"""The placeholders of a slide layout, read from its XML with PowerPoint's inheritance.

A layout placeholder that does not set its position, text insets or text look takes
them from the slide master's placeholder of the same kind, then from the master's
text styles (see `inheritance`). python-pptx answers these questions through proxy
objects that search the shape trees with XPath on every access (over a thousand
searches for one build); here each layout is read once, in a single pass over its
shapes.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from lxml import etree

from deck_builder.ooxml.geometry import Rect
from deck_builder.ooxml.inheritance import (
    Placeholders,
    inherited_insets,
    inherited_rect,
    inherited_size,
    placeholder_idx,
    placeholder_of,
    placeholder_styles,
    placeholder_type,
)
from deck_builder.ooxml.namespaces import NSMAP, A, P

__all__ = ["LATENT_TYPES", "Placeholder", "layout_placeholders", "slide_shape"]

_NAME = f"{P}nvSpPr/{P}cNvPr"
_NSMAP = {prefix: NSMAP[prefix] for prefix in ("a", "p", "r")}  # what a new shape declares


class Placeholder(NamedTuple):
    """One placeholder of a layout, with what it inherits filled in.

    `type` is the OOXML placeholder type ("obj" when the XML names none); `rect` is
    None when neither the layout nor the master positions it; `size` is the font size
    (pt) its first-level text gets when a run sets none; `styles` are the list styles
    its text inherits, most specific first (for `inheritance.run_default` and
    `inheritance.line_spacing`).
    """

    element: etree._Element
    type: str
    idx: int
    name: str
    rect: Rect | None
    insets: tuple[int, int, int, int]  # left, top, right, bottom (EMU)
    size: float
    has_text: bool
    styles: tuple[etree._Element, ...] = ()


@functools.lru_cache(maxsize=256)
def layout_placeholders(
    layout: etree._Element, master: etree._Element
) -> tuple[Placeholder, ...]:
    """The placeholders of a layout (`p:sldLayout`) on its master (`p:sldMaster`), in
    document order; the master's own placeholders when `layout` is the master.

    Read once per layout (template checks, new slides and footers all ask): the
    answer is cached, so the XML must not be changed afterwards — templates are not.
    """
    bases = Placeholders.of(master)
    found = []
    for shape in _shapes(layout):
        ph = placeholder_of(shape)
        if ph is None:
            continue
        kind = placeholder_type(ph)
        base = bases.for_layout(kind)
        chain = [shape] if base is None else [shape, base]
        name = shape.find(_NAME)
        styles = placeholder_styles(chain, kind, master)
        found.append(Placeholder(
            element=shape,
            type=kind,
            idx=placeholder_idx(ph),
            name=name.get("name", "") if name is not None else "",
            rect=inherited_rect(chain),
            insets=inherited_insets(chain),
            size=inherited_size(styles),
            has_text=shape.tag == f"{P}sp",
            styles=styles,
        ))
    return tuple(found)


def _shapes(root: etree._Element) -> list[etree._Element]:
    tree = root.find(f"{P}cSld/{P}spTree")
    return [] if tree is None else [child for child in tree if child.tag == f"{P}sp"]


# Placeholder types whose slide copy starts with an empty text body (as PowerPoint and
# python-pptx make them); pictures, tables and charts get theirs when filled.
_TEXT_TYPES = frozenset({"title", "ctrTitle", "subTitle", "body", "obj", "dt", "ftr", "sldNum"})
LATENT_TYPES = frozenset({"dt", "ftr", "sldNum"})
"""Footer placeholders: a new slide leaves them out unless the footer is switched on."""


def slide_shape(placeholder: Placeholder, shape_id: int) -> etree._Element:
    """An empty `p:sp` for a new slide that inherits everything from `placeholder`:
    what PowerPoint adds for a layout placeholder (named after it, as PowerPoint does)."""
    sp = etree.Element(f"{P}sp", nsmap=_NSMAP)
    nv = etree.SubElement(sp, f"{P}nvSpPr")
    etree.SubElement(nv, f"{P}cNvPr", id=str(shape_id), name=placeholder.name)
    etree.SubElement(etree.SubElement(nv, f"{P}cNvSpPr"), f"{A}spLocks", noGrp="1")
    ph = etree.SubElement(etree.SubElement(nv, f"{P}nvPr"), f"{P}ph")
    source = placeholder_of(placeholder.element)
    for name, value in source.attrib.items() if source is not None else ():
        if name in {"type", "orient", "sz", "idx"}:  # not the layout's prompt flag
            ph.set(name, value)
    etree.SubElement(sp, f"{P}spPr")
    if placeholder.type in _TEXT_TYPES:
        body = etree.SubElement(sp, f"{P}txBody")
        etree.SubElement(body, f"{A}bodyPr")
        etree.SubElement(body, f"{A}lstStyle")
        etree.SubElement(body, f"{A}p")
    return sp

