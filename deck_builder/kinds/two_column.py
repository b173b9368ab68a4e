"""`two-column`: two headed columns of bullets, each with an optional partner list."""

from __future__ import annotations

from typing import Literal

from deck_builder.content.records import Body, PartnerRef, SlideBase, Text
from deck_builder.content.schema import Record
from deck_builder.kinds import SlideKind
from deck_builder.kinds.partners import chips
from deck_builder.planning.model import EMU_PER_INCH, Rect, Shape, SlidePlan, TextFill
from deck_builder.planning.planner import PlanContext, one, paragraphs

CHIP_ROW_H = int(0.55 * EMU_PER_INCH)
GAP = int(0.15 * EMU_PER_INCH)


class Column(Record):
    """One column: a heading, bullets, and partners (abbreviations from partners.yaml)."""

    heading: Text | None = None
    body: Body = ()
    partners: tuple[PartnerRef, ...] = ()


class TwoColumnSlide(SlideBase):
    """Two columns side by side under one title."""

    kind: Literal["two-column"]
    title: Text
    left: Column
    right: Column


def plan(slide: TwoColumnSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide, continued on more when a column is too long; both columns share a size."""
    sides = []
    for side, column in (("left", slide.left), ("right", slide.right)):
        spec = ctx.role("two-column", f"{side}_body")
        rect = spec.rect
        chip_shapes: list[Shape] = []
        if column.partners:
            row = Rect(rect.x + spec.insets[0], rect.y, rect.w - spec.insets[0] - spec.insets[2],
                       CHIP_ROW_H)
            chip_shapes, used = chips(ctx, column.partners, row)
            if used + GAP >= rect.h:
                ctx.error(f"the partners of the {side} column take its whole height; "
                          "name fewer partners")
                used = 0
            rect = Rect(rect.x, rect.y + used + GAP, rect.w, rect.h - used - GAP)
        sides.append((f"{side}_body", column, rect, chip_shapes, paragraphs(column.body)))
    # Both columns get the same number of slides and one font size: columns side by
    # side at different sizes look like a mistake.
    pages = max(len(ctx.flow("two-column", role, paras, rect)[0])
                for role, _, rect, _, paras in sides)
    size = min(ctx.flow("two-column", role, paras, rect, pages)[1]
               for role, _, rect, _, paras in sides)
    flows = [ctx.flow_at(paras, rect, "two-column", role, size)
             for role, _, rect, _, paras in sides]
    pages = max(pages, *(len(chunks) for chunks in flows))  # never drop a chunk
    filled = [role for role, _, _, _, paras in sides if paras]
    if filled:
        ctx.flowed("two-column", filled, slide.title, pages, size)
    plans = []
    for part in range(pages):
        texts: dict[str, TextFill] = {
            "title": ctx.fit("two-column", "title", one(ctx.continued(slide.title, part)))
        }
        shapes: list[Shape] = []
        for (role, column, rect, chip_shapes, _), chunks in zip(sides, flows, strict=True):
            heading_role = role.replace("_body", "_heading")
            if column.heading:
                texts[heading_role] = ctx.fit("two-column", heading_role, one(column.heading))
            shapes.extend(chip_shapes)
            chunk = chunks[part] if part < len(chunks) else []
            if chunk:
                texts[role] = ctx.sized("two-column", role, chunk, size, rect)
        plans.append(
            SlidePlan("two-column", ctx.template.layouts["two-column"].name,
                      ctx.slide_name(slide, part), texts, tuple(shapes), ctx.notes(slide))
        )
    return plans


KIND = SlideKind("two-column", TwoColumnSlide, ("title", "left_body", "right_body"), plan)
