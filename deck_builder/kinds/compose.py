"""Composing a slide's boxes by the design rules, for the kinds' planners.

A caption sits directly under what it captions, centred on it; a picture is centred in
its area and never stretched; text that belongs together (a quote and its attribution,
a figure and its caption) is one group, centred in the room its boxes had. These
helpers measure fitted text and place it; the template gives the room.
"""

from __future__ import annotations

from deck_builder.ooxml.geometry import EMU_PER_PT, Rect
from deck_builder.planning.model import TextFill, contain
from deck_builder.planning.planner import PlanContext
from deck_builder.template.placement import centred_under, stack

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


def picture_and_caption(area: Rect, width: int, height: int, fit: str,
                        caption_h: int, caption_gap: int, min_caption_w: int = 0
                        ) -> tuple[Rect, Rect | None]:
    """A picture of `width` × `height` px in `area` with a caption `caption_h` high
    directly under it (none when 0): the picture as large as the room above the
    caption allows ("contain": all of it, "cover": the whole room, cropped), the two
    centred in `area` as one group, the caption centred on the picture."""
    if not caption_h:
        return (area if fit == "cover" else contain(area, width, height)), None
    room = Rect(area.x, area.y, area.w, max(area.h - caption_h - caption_gap, 1))
    picture = room if fit == "cover" else contain(room, width, height)
    top, _ = stack(Rect(area.x, area.y, area.w, area.h),
                   [picture.h, caption_h], caption_gap)
    picture = Rect(picture.x, top.y, picture.w, picture.h)
    return picture, centred_under(picture, area, caption_h, caption_gap, min_caption_w)
