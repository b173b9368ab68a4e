"""`bullets`: a title, bullets and paragraphs nested up to three levels, and a callout."""

from __future__ import annotations

from typing import Literal

from deck_builder.content.records import Body, SlideBase, Text
from deck_builder.kinds.registry import SlideKind
from deck_builder.ooxml.geometry import EMU_PER_INCH, Rect
from deck_builder.planning.model import BoxShape, Para, SlidePlan, TextBlock
from deck_builder.planning.planner import PlanContext, one, paragraphs, shrunk_noticeably
from deck_builder.template.design import (
    BODY_BOX,
    BODY_LIST,
    LOGO,
    PROMPT_LIST,
    TITLE_RULE,
    LayoutDesign,
    Ph,
    title_placeholder,
)
from deck_builder.template.needs import Role
from deck_builder.template.placement import single_body

CALLOUT_MIN_PT = 14.0
_CALLOUT_SIZES = (20.0, 18.0, 16.0, CALLOUT_MIN_PT)
CALLOUT_PAD = int(0.18 * EMU_PER_INCH)
CALLOUT_SHARE = 0.4  # the callout's text takes at most this part of the body area …
CALLOUT_MAX_SHARE = 0.6  # … and the whole box, at its smallest size, at most this part
GAP = int(0.25 * EMU_PER_INCH)


class BulletsSlide(SlideBase):
    """Title with body text; `callout` is shown highlighted under the body."""

    kind: Literal["bullets"]
    title: Text
    """The slide's title (required); a slide too long for one slide continues on more,
    titled "… (vervolg)".
    Example: Belangrijke elementen"""
    body: Body = ()
    """Bullets and paragraphs, nested up to three levels (`- text:` with `items:`), or
    running text with paragraphs separated by a blank line.
    Example: [Een bullet, {paragraph: Een alinea zonder bullet}]"""
    callout: Text | None = None
    """A highlighted box under the text.
    Example: '**Narratief ontbreekt:** de samenhang is nog niet beschreven'"""


def plan(slide: BulletsSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide, or more with "(vervolg)" titles when the body is too long."""
    area = ctx.role("bullets", "body").rect
    paras = paragraphs(slide.body)
    callout: BoxShape | None = None
    body_rect = area
    chunks, size = ctx.flow("bullets", "body", paras, body_rect)
    # The callout's size decides the body's room. Of its sizes, the one that needs the
    # fewest slides; then one no larger than the body text it sums up; then the largest
    # body text and callout.
    wanted = _CALLOUT_SIZES[0]
    if slide.callout:
        tried = []
        for wanted in _CALLOUT_SIZES:
            callout = _callout(slide, ctx, area, wanted)
            body_rect = Rect(area.x, area.y, area.w, area.h - callout.rect.h - GAP)
            chunks, size = ctx.flow("bullets", "body", paras, body_rect)
            tried.append((wanted, callout, body_rect, chunks, size))
        wanted, callout, body_rect, chunks, size = min(
            tried, key=lambda t: (len(t[3]), bool(paras) and t[4] < t[0], -t[4], -t[0]))
    if callout is not None and not _report_callout(ctx, callout, wanted, area):
        # Reported; the body is laid out as if the callout were not there, so it does
        # not add errors of its own.
        body_rect = area
        chunks, size = ctx.flow("bullets", "body", paras, body_rect)
    if paras:
        ctx.flowed("bullets", ("body",), slide.title, len(chunks), size)
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
    so that the text takes at most CALLOUT_SHARE of the area, down to CALLOUT_MIN_PT or
    the body's floor when that is higher: it is body text too)."""
    assert slide.callout is not None
    measurer = ctx.measurer
    paras = [Para(slide.callout)]
    inner_w = area.w - 2 * CALLOUT_PAD - int(0.1 * EMU_PER_INCH)
    least = max(CALLOUT_MIN_PT, ctx.floor("bullets", "body"))
    size = max(size, least)
    height = measurer.height(paras, inner_w, size)
    while height > area.h * CALLOUT_SHARE and size > least:
        size = max(size - 1, least)
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


def _report_callout(ctx: PlanContext, callout: BoxShape, wanted: float, area: Rect) -> bool:
    """Whether the callout fits: one that leaves the body less than CALLOUT_MAX_SHARE of
    the area even at its smallest size is an error; one set below the size the body
    allows (to stay within its share) by more than the planner's noticeable shrink, a
    warning."""
    assert callout.text is not None
    size = callout.text.size
    if callout.rect.h > area.h * CALLOUT_MAX_SHARE:
        ctx.error(
            f"the callout takes more than {CALLOUT_MAX_SHARE:.0%} of the text area even at "
            f"{size:g} pt; shorten it", "callout"
        )
        return False
    if shrunk_noticeably(size, wanted):
        ctx.warn(f"text of 'callout' set at {size:g} pt instead of {wanted:g} pt to fit "
                 "its box", "callout")
    return True


DESIGN = LayoutDesign(
    dark=False,
    logo=LOGO,
    decorations=(TITLE_RULE,),
    placeholders={
        "title": title_placeholder(),
        "body": Ph("Tekst", BODY_BOX, BODY_LIST, PROMPT_LIST),
    },
)

KIND = SlideKind(
    name="bullets",
    model=BulletsSlide,
    plan=plan,
    roles=(Role("title", "heading", required=True), Role("body", required=True)),
    hints={"title_content": 3},
    recipe=single_body,
    design=DESIGN,
)
