"""Pictures marked decorative, and whether PowerPoint and screen readers can tell.

PowerPoint's "Mark as decorative" writes `<adec:decorative val="1"/>` inside an
`a:ext` with uri `{C183D7F6-B498-43B3-948B-1728B52AA6E4}` in the shape's `cNvPr`
extension list; only written that way is it read (by PowerPoint, its accessibility
checker and the screen readers that follow it).

- `A11Y-DECORATIVE-UNREAD`: a decorative flag written anywhere else or otherwise (another
  extension uri, outside `cNvPr`, a value that is neither 1/true nor 0/false), so the
  picture counts as one without alt text.
- `A11Y-DECORATIVE-ALT`: a shape marked decorative that also has alt text: screen
  readers skip it, so if the text says something it is lost; PowerPoint clears the alt
  text when marking a picture decorative.

`decorative_shapes` lists the decorative shapes for the accessibility report: a person
judges whether each really carries no information.
"""

from __future__ import annotations

from collections.abc import Iterator

from deck_builder.checks.findings import Finding, finding
from deck_builder.checks.package import Package
from deck_builder.checks.slide_text import SlideShape, slide_shapes
from deck_builder.ooxml.namespaces import ADEC_NS, DECORATIVE_EXT_URI, A

_FLAG = f"{{{ADEC_NS}}}decorative"
_VALUES = {"1", "true", "0", "false"}


def is_decorative(shape: SlideShape) -> bool:
    """Whether the shape is marked decorative the way PowerPoint reads it."""
    props = shape.properties
    if props is None:
        return False
    for ext in props.iterfind(f"{A}extLst/{A}ext"):
        if ext.get("uri") == DECORATIVE_EXT_URI:
            flag = ext.find(_FLAG)
            if flag is not None and flag.get("val") in {"1", "true"}:
                return True
    return False


def decorative_shapes(package: Package) -> list[SlideShape]:
    """The shapes of the slides marked decorative, in slide and reading order."""
    return [shape for shape in slide_shapes(package) if is_decorative(shape)]


def check_decorative(package: Package) -> list[Finding]:
    """The decorative-flag findings of every slide."""
    return [item for shape in slide_shapes(package) for item in _shape(shape)]


def _shape(shape: SlideShape) -> Iterator[Finding]:
    props = shape.properties
    for flag in shape.element.iter(_FLAG):
        ext = flag.getparent()
        ext_list = ext.getparent() if ext is not None else None
        placed = (ext is not None and ext.tag == A + "ext"
                  and ext.get("uri") == DECORATIVE_EXT_URI
                  and ext_list is not None and ext_list.getparent() is props)
        if not placed or flag.get("val") not in _VALUES:
            yield finding(
                "A11Y-DECORATIVE-UNREAD",
                "the decorative flag is not written the way PowerPoint reads it (an "
                f"adec:decorative val=\"1\" in an a:ext uri=\"{DECORATIVE_EXT_URI}\" of the "
                "shape's cNvPr): mark it again with PowerPoint's \"Mark as decorative\"",
                slide=shape.slide, shape=shape.name, part=shape.part)
            break
    if props is not None and is_decorative(shape) and (props.get("descr") or "").strip():
        yield finding(
            "A11Y-DECORATIVE-ALT",
            f'is marked decorative but has alt text "{props.get("descr", "").strip()[:60]}": '
            "screen readers skip it; if the picture says something, unmark it",
            slide=shape.slide, shape=shape.name, part=shape.part)
