"""Pictures of a template's layouts with what `template check` read drawn over them.

Each layout is put on a slide of its own (its placeholders left empty and removed, so
the picture shows the layout's background and artwork as a deck would), the slides go
through LibreOffice and poppler as a preview does, and over each picture Pillow draws
the layout's free area (translucent green), its artwork (outlined red, by each shape's
real outline) and its placeholders (thin blue boxes). One PNG per layout,
`01-<layout name>.png`, …, in the order `template check` lists them.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from PIL import Image, ImageDraw, ImageFont

from deck_builder.delivery.preview import png_bytes, preview
from deck_builder.files import write_atomically
from deck_builder.ooxml.geometry import Rect
from deck_builder.template.artwork import Artwork, Point
from deck_builder.template.load import TemplateCheck

FREE_FILL = (46, 204, 113, 90)  # translucent green: the page shows through
FREE_EDGE = (25, 135, 70, 255)
ARTWORK_EDGE = (220, 38, 38, 255)
PLACEHOLDER_EDGE = (37, 99, 235, 255)
LABEL_TEXT = (17, 24, 39, 255)
LABEL_BACK = (255, 255, 255, 220)
_LABEL_SIZE = 14


class LayoutPicture(NamedTuple):
    """What is drawn over one layout: its name, free area, artwork and placeholders
    (EMU on a slide `slide_w` × `slide_h`)."""

    name: str
    free: Rect | None
    artwork: tuple[Artwork, ...]
    placeholders: tuple[Rect, ...]
    slide_w: int
    slide_h: int


def write_overlays(checked: TemplateCheck, out_dir: Path, dpi: int = 96) -> list[Path]:
    """Render every layout of the checked template with its free area, artwork and
    placeholders drawn over it into `out_dir`; returns the PNGs in layout order.

    Needs LibreOffice and poppler: raises DeckError (LibreOfficeMissing) as `preview`
    does when they are missing or fail. Nothing but the PNGs is written.
    """
    report = checked.report
    infos = report.layouts
    if not infos:
        return []
    width, height = checked.template.slide_width, checked.template.slide_height
    pictures = [
        LayoutPicture(info.name, report.free_areas.get(info.name),
                      report.artwork.get(info.name, ()),
                      tuple(p.rect for p in info.placeholders if p.rect is not None),
                      width, height)
        for info in infos
    ]
    # The layouts belong to the presentation the check read (sample slides already
    # left out): a slide of each, as a deck on the template would show it.
    presentation = infos[0].layout.part.package.presentation_part.presentation
    for info in infos:
        slide = presentation.slides.add_slide(info.layout)
        for placeholder in list(slide.placeholders):
            element = placeholder.element
            element.getparent().remove(element)
    buffer = io.BytesIO()
    presentation.save(buffer)
    with tempfile.TemporaryDirectory(prefix="deck-builder-overlay-") as work_name:
        work = Path(work_name)
        deck = work / "layouts.pptx"
        deck.write_bytes(buffer.getvalue())
        rendered = preview(deck, work / "pages", dpi).slides
        images = [_load(path) for path in rendered]
    written: list[Path] = []
    digits = max(2, len(str(len(pictures))))
    for number, (picture, image) in enumerate(zip(pictures, images, strict=False), start=1):
        path = Path(out_dir) / f"{number:0{digits}d}-{_file_name(picture.name)}.png"
        write_atomically(png_bytes(draw_overlay(image, picture)), path)
        written.append(path)
    return written


def draw_overlay(image: Image.Image, picture: LayoutPicture) -> Image.Image:
    """`image` (the rendered slide) with the free area tinted green, the artwork outlined
    red, the placeholders outlined blue and the layout's name in the top left corner."""
    base = image.convert("RGBA")
    scale_x = base.width / max(picture.slide_w, 1)
    scale_y = base.height / max(picture.slide_h, 1)

    def box(rect: Rect) -> tuple[float, float, float, float]:
        return (rect.x * scale_x, rect.y * scale_y, (rect.x + rect.w) * scale_x - 1,
                (rect.y + rect.h) * scale_y - 1)

    def points(polygon: Sequence[Point]) -> list[tuple[float, float]]:
        return [(x * scale_x, y * scale_y) for x, y in polygon]

    layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    line = max(2, round(base.width / 400))
    if picture.free is not None and picture.free.w > 0 and picture.free.h > 0:
        draw.rectangle(box(picture.free), fill=FREE_FILL, outline=FREE_EDGE, width=line)
    for rect in picture.placeholders:
        draw.rectangle(box(rect), outline=PLACEHOLDER_EDGE, width=1)
    for art in picture.artwork:
        for polygon in art.outlines or ((
                (art.rect.x, art.rect.y), (art.rect.x + art.rect.w, art.rect.y),
                (art.rect.x + art.rect.w, art.rect.y + art.rect.h),
                (art.rect.x, art.rect.y + art.rect.h)),):
            shown = points(polygon)
            if len(shown) >= 2:
                draw.line([*shown, shown[0]] if len(shown) > 2 else shown, fill=ARTWORK_EDGE,
                          width=line)
    font = ImageFont.load_default(size=_LABEL_SIZE)
    left, top, right, bottom = draw.textbbox((6, 6), picture.name, font=font)
    draw.rectangle((left - 4, top - 3, right + 4, bottom + 3), fill=LABEL_BACK)
    draw.text((6, 6), picture.name, fill=LABEL_TEXT, font=font)
    return Image.alpha_composite(base, layer).convert("RGB")


def _file_name(name: str) -> str:
    """A layout name as a portable file name: lower case, dashes, no other signs."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    return cleaned or "layout"


def _load(path: Path) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("RGB")
