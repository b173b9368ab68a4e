"""`bullets`: a title, bullets and paragraphs nested up to three levels, and a callout."""

from __future__ import annotations

from typing import Literal

from deck_builder.kinds import SlideKind
from deck_builder.model import Body, SlideBase, Text
from deck_builder.plan import PlanContext, one, paragraphs
from deck_builder.slideplan import EMU_PER_INCH, BoxShape, Para, Rect, SlidePlan, TextBlock

CALLOUT_MIN_PT = 14.0
_CALLOUT_SIZES = (20.0, 18.0, 16.0, CALLOUT_MIN_PT)
CALLOUT_PAD = int(0.18 * EMU_PER_INCH)
GAP = int(0.25 * EMU_PER_INCH)


class BulletsSlide(SlideBase):
    """Title with body text; `callout` is shown highlighted under the body."""

    kind: Literal["bullets"]
    title: Text
    body: Body = ()
    callout: Text | None = None


def plan(slide: BulletsSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide, or more with "(vervolg)" titles when the body is too long."""
    area = ctx.role("bullets", "body").rect
    paras = paragraphs(slide.body)
    callout: BoxShape | None = None
    body_rect = area
    chunks, size = ctx.flow("bullets", "body", paras, body_rect)
    # The callout is set no larger than the body text it sums up: try sizes from the
    # largest down until the body (in the room the callout leaves) is at least as big.
    for callout_pt in _CALLOUT_SIZES if slide.callout else ():
        callout = _callout(slide, ctx, area, callout_pt)
        body_rect = Rect(area.x, area.y, area.w, area.h - callout.rect.h - GAP)
        chunks, size = ctx.flow("bullets", "body", paras, body_rect)
        if not paras or size >= callout_pt:
            break
    # The callout belongs to the end of the text: only the last slide gives it room.
    plans: list[SlidePlan] = []
    for part, chunk in enumerate(chunks):
        last = part == len(chunks) - 1
        texts = {"title": ctx.fit("bullets", "title", one(ctx.continued(slide.title, part)))}
        if chunk:
            texts["body"] = ctx.sized("bullets", "body", chunk, size, body_rect)
        shapes = (callout,) if (last and callout is not None) else ()
        plans.append(
            SlidePlan("bullets", ctx.template.layouts["bullets"].name,
                      ctx.slide_name(slide, part), texts, shapes, ctx.notes(slide))
        )
    return plans


def _callout(slide: BulletsSlide, ctx: PlanContext, area: Rect, size: float) -> BoxShape:
    """The highlighted box at the bottom of `area`, its text at `size` (or smaller,
    so that it takes at most 40 % of the area)."""
    assert slide.callout is not None
    measurer = ctx.template.measurer
    paras = [Para(slide.callout)]
    inner_w = area.w - 2 * CALLOUT_PAD - int(0.1 * EMU_PER_INCH)
    height = measurer.height(paras, inner_w, size)
    while height > area.h * 0.4 and size > CALLOUT_MIN_PT:
        size -= 1
        height = measurer.height(paras, inner_w, size)
    box_h = int(height + 2 * CALLOUT_PAD)
    rect = Rect(area.x, area.y + area.h - box_h, area.w, box_h)
    return BoxShape(
        rect,
        name="Kader",
        fill=ctx.colour("light"),
        text=TextBlock(tuple(paras), size, ctx.colour("text")),
        insets=(CALLOUT_PAD + int(0.1 * EMU_PER_INCH), CALLOUT_PAD, CALLOUT_PAD, CALLOUT_PAD),
        anchor="ctr",
        accent_bar=ctx.colour("accent"),
    )


KIND = SlideKind("bullets", BulletsSlide, ("title", "body"), plan)
