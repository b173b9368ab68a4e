"""`bullets`: a title, bullets and paragraphs nested up to three levels, and a callout."""

from __future__ import annotations

from typing import Literal

from deck_builder.kinds import SlideKind
from deck_builder.model import Body, SlideBase, Text
from deck_builder.plan import PlanContext, one, paragraphs
from deck_builder.slideplan import EMU_PER_INCH, BoxShape, Para, Rect, SlidePlan, TextBlock

CALLOUT_PT = 20.0
CALLOUT_MIN_PT = 14.0
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
    body_spec = ctx.role("bullets", "body")
    area = body_spec.rect
    callout = _callout(slide, ctx, area) if slide.callout else None
    body_rect = area
    if callout is not None:
        body_rect = Rect(area.x, area.y, area.w, area.h - callout.rect.h - GAP)
    paras = paragraphs(slide.body)
    chunks, size = ctx.flow("bullets", "body", paras, body_rect)
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


def _callout(slide: BulletsSlide, ctx: PlanContext, area: Rect) -> BoxShape:
    assert slide.callout is not None
    measurer = ctx.template.measurer
    paras = [Para(slide.callout)]
    inner_w = area.w - 2 * CALLOUT_PAD - int(0.1 * EMU_PER_INCH)
    size = CALLOUT_PT
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


KIND = SlideKind(
    "bullets", BulletsSlide, ("title", "body"), plan, "Title, nested bullets, optional callout"
)
