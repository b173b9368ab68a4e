"""Composing a slide's boxes by the design rules, for the kinds' planners.

A caption sits directly under what it captions, centred on it; a picture is centred in
its area and never stretched; text that belongs together (a quote and its attribution,
a figure and its caption) is one group, centred in the room its boxes had. These
helpers measure fitted text and place it; the template gives the room.
"""

from __future__ import annotations

from pathlib import Path

from deck_builder.content import pictures
from deck_builder.ooxml.geometry import EMU_PER_PT, Rect
from deck_builder.planning.model import TextFill, contain
from deck_builder.planning.planner import PlanContext
from deck_builder.template.design import (
    BODY_BOTTOM,
    BODY_Y,
    CONTENT_W,
    LOGO,
    MARGIN,
    TITLE_RULE,
    Box,
    LayoutDesign,
    Ph,
    Style,
    title_placeholder,
)
from deck_builder.template.placement import Placement, centred_under, stack

GAP_EM = 0.5  # between the members of a group, × the text size of the lower one


def text_height(ctx: PlanContext, kind: str, role: str, fill: TextFill,
                width: int | None = None) -> int:
    """The height of a role's fitted text in its box (or one `width` wide), with the
    box's top and bottom insets and a little room for rounding."""
    spec = ctx.role(kind, role)
    left, top, right, bottom = spec.insets
    inner = (width if width is not None else spec.rect.w) - left - right
    block = fill.block
    used = ctx.measurer.height(list(block.paragraphs), inner, block.size,
                               ctx.style(kind, role))
    return int(used + block.size * EMU_PER_PT * 0.2) + top + bottom


def gap(fill: TextFill) -> int:
    """The space between a group's member and the text `fill` under it."""
    return int(fill.block.size * EMU_PER_PT * GAP_EM)


def contained(room: Rect, image: Path, align: str = "ctr"
              ) -> tuple[Rect, tuple[int, int]]:
    """Where the picture in `image` goes in `room`, shown whole and as large as fits, and
    the pixel size it is embedded at: the box has that size's aspect ratio (which can
    differ from the file's by a rounding), so the picture is never stretched and, read
    back from the deck, gets the same box again."""
    width, height = pictures.inspect(image)
    first = contain(room, width, height, align)
    pixels = pictures.shown_size(image, first.w, first.h)
    return contain(room, *pixels, align), pixels


def picture_and_caption(area: Rect, image: Path, fit: str, caption_h: int,
                        caption_gap: int, min_caption_w: int = 0
                        ) -> tuple[Rect, Rect | None, tuple[int, int] | None]:
    """The picture in `image` in `area` with a caption `caption_h` high directly under
    it (none when 0): the picture as large as the room above the caption allows
    ("contain": all of it, "cover": the whole room, cropped), the two centred in `area`
    as one group, the caption centred on the picture. Also the pixel size a contained
    picture is embedded at (see `contained`)."""
    room = Rect(area.x, area.y, area.w,
                max(area.h - caption_h - caption_gap, 1) if caption_h else area.h)
    picture, pixels = (room, None) if fit == "cover" else contained(room, image)
    if not caption_h:
        return picture, None, pixels
    top, _ = stack(Rect(area.x, area.y, area.w, area.h),
                   [picture.h, caption_h], caption_gap)
    picture = Rect(picture.x, top.y, picture.w, picture.h)
    return picture, centred_under(picture, area, caption_h, caption_gap, min_caption_w), pixels


def place_figure(r: Placement, role: str, own: str, areas: frozenset[str],
                 caption_lines: int) -> None:
    """A recipe for a kind that shows one thing (a picture, a table, a chart) with a
    caption: the thing in a placeholder of its own type `own` (else the largest of
    `areas`, else the content area), the caption in a small text area or in
    `caption_lines` lines carved off the bottom of the thing's box."""
    r.title(centred=False)
    found = r.unused(frozenset({own}))
    if found:
        r.take(role, found[0], "exact", f"{own} placeholder")
    elif r.area(role, areas) is not None:
        slot = r.slots[role]
        r.slots[role] = slot._replace(quality="good")
    else:
        r.region_box(role, "no content placeholder: the content area")
    small = r.small_text_areas()
    if small:
        r.take("caption", small[0], "exact", f"{small[0].type} placeholder")
    else:
        r.carve_bottom("caption", role, caption_lines)


FIGURE_CAPTION_H = 0.4  # inches: a source line under a table or chart
# Where tables and charts go on a layout not made for them: a content area, never a
# picture's.
FIGURE_AREAS = frozenset({"tbl", "chart", "obj", "body"})


def figure_design(role: str, name: str, prompt: str, ph_type: str) -> LayoutDesign:
    """The brand layout of a table or chart: the thing over the content area, a
    source line ("Bron") under it."""
    return LayoutDesign(
        dark=False,
        logo=LOGO,
        decorations=(TITLE_RULE,),
        placeholders={
            "title": title_placeholder(),
            role: Ph(
                name,
                Box(MARGIN, BODY_Y, CONTENT_W, BODY_BOTTOM - BODY_Y - FIGURE_CAPTION_H - 0.1),
                Style(),
                prompt,
                ph_type,
            ),
            "caption": Ph(
                "Bron",
                Box(MARGIN, BODY_BOTTOM - FIGURE_CAPTION_H, CONTENT_W, FIGURE_CAPTION_H),
                Style(colour="muted", anchor="b"),
                "Bron van de cijfers",
            ),
        },
    )
