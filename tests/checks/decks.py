"""Crafted decks for the check tests: python-pptx decks and surgical edits of zip bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Emu, Pt

from tests.conftest import png_bytes

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
BOX = (Emu(914400), Emu(914400 * 2), Emu(914400 * 6), Emu(914400))


def parts(data: bytes) -> dict[str, bytes]:
    """The members of a zip, by name, in archive order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rebuild(
    data: bytes,
    *,
    replace: dict[str, bytes] | None = None,
    remove: frozenset[str] = frozenset(),
    add: dict[str, bytes] | None = None,
) -> bytes:
    """A copy of the zip with some members replaced, removed or added (in that order)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in parts(data).items():
            if name not in remove:
                archive.writestr(name, (replace or {}).get(name, blob))
        for name, blob in (add or {}).items():
            archive.writestr(name, blob)
    return out.getvalue()


def edit(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    """Replace the first `old` in one member by `new`; the text must be there."""
    blob = parts(data)[part]
    assert old in blob, (part, old)
    return rebuild(data, replace={part: blob.replace(old, new, 1)})


def edit_xml(data: bytes, part: str, change: Callable[[etree._Element], None]) -> bytes:
    """Parse one member, let `change` modify its tree, write it back."""
    root = etree.fromstring(parts(data)[part])
    change(root)
    return rebuild(
        data,
        replace={
            part: etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        },
    )


def to_bytes(prs: PresentationType) -> bytes:
    """The presentation saved in memory."""
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def new_deck(title: str = "Testdeck") -> PresentationType:
    """python-pptx's stock presentation with a document title (its language is en-US)."""
    prs = Presentation()
    prs.core_properties.title = title
    return prs


def titled_slide(prs: PresentationType, title: str, layout: int = 5) -> Slide:
    """A slide of layout `layout` ("Title Only" by default) with its title filled in."""
    slide = prs.slides.add_slide(prs.slide_layouts[layout])
    slide.shapes.title.text = title
    return slide


def text_box(
    slide: Slide,
    text: str,
    *,
    colour: str | None = None,
    size: float | None = 24,
    bold: bool = False,
    box: tuple[Emu, Emu, Emu, Emu] = BOX,
) -> etree._Element:
    """A text box with one run; returns the box's XML element."""
    shape = slide.shapes.add_textbox(*box)
    run = shape.text_frame.paragraphs[0].add_run()
    run.text = text
    if size is not None:
        run.font.size = Pt(size)
    run.font.bold = bold
    if colour is not None:
        run.font.color.rgb = RGBColor.from_string(colour)
    return shape.element


def picture(slide: Slide, alt: str | None) -> etree._Element:
    """A picture; `alt` None keeps python-pptx's default alt text (the file name)."""
    shape = slide.shapes.add_picture(io.BytesIO(png_bytes()), Emu(0), Emu(0))
    if alt is not None:
        shape.element.nvPicPr.cNvPr.set("descr", alt)
    return shape.element


def mark_decorative(shape: etree._Element) -> None:
    """Add PowerPoint's "Mark as decorative" extension to a shape's cNvPr."""
    props = shape.find(f"*/{{{P}}}cNvPr")
    ext_list = etree.SubElement(props, f"{{{A}}}extLst")
    ext = etree.SubElement(ext_list, f"{{{A}}}ext", uri=DECORATIVE_URI)
    etree.SubElement(ext, f"{{{ADEC}}}decorative", nsmap={"adec": ADEC}, val="1")
