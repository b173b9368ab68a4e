"""`two-column`: two headed columns of bullets, each with an optional partner list."""

from __future__ import annotations

from typing import Literal

from deck_builder.kinds import SlideKind
from deck_builder.kinds.partners import tiles
from deck_builder.model import Body, PartnerRef, SlideBase, Strict, Text
from deck_builder.plan import PlanContext, one, paragraphs
from deck_builder.slideplan import EMU_PER_INCH, Para, Rect, Shape, SlidePlan, TextBlock, TextFill

CHIP_ROW_H = int(0.55 * EMU_PER_INCH)
GAP = int(0.15 * EMU_PER_INCH)


class Column(Strict):
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
        chips: list[Shape] = []
        if column.partners:
            row = Rect(rect.x + spec.insets[0], rect.y, rect.w - spec.insets[0] - spec.insets[2],
                       CHIP_ROW_H)
            chips = tiles(ctx, column.partners, row, max_h=CHIP_ROW_H, name_pt=11.0)
            chips = [_chip_only_abbreviation(shape) for shape in chips]
            rect = Rect(rect.x, rect.y + CHIP_ROW_H + GAP, rect.w, rect.h - CHIP_ROW_H - GAP)
        paras = paragraphs(column.body)
        chunks = ctx.split_to_fit("two-column", f"{side}_body", paras, rect) if paras else [[]]
        sides.append((side, column, rect, chips, chunks))
    count = max(len(chunks) for *_, chunks in sides)
    plans = []
    for part in range(count):
        texts: dict[str, TextFill] = {
            "title": ctx.fit("two-column", "title", one(ctx.continued(slide.title, part)))
        }
        shapes: list[Shape] = []
        for side, column, rect, chips, chunks in sides:
            if column.heading:
                texts[f"{side}_heading"] = ctx.fit("two-column", f"{side}_heading",
                                                   one(column.heading))
            if part == 0:
                shapes.extend(chips)
            body_rect = rect if part == 0 else ctx.role("two-column", f"{side}_body").rect
            chunk = chunks[part] if part < len(chunks) else []
            if chunk:
                texts[f"{side}_body"] = ctx.fit("two-column", f"{side}_body", chunk, body_rect)
        _share_size(texts)
        plans.append(
            SlidePlan("two-column", ctx.template.layouts["two-column"].name,
                      ctx.slide_name(slide, part), texts, tuple(shapes), ctx.notes(slide))
        )
    return plans


def _chip_only_abbreviation(shape: Shape) -> Shape:
    # In a column there is room for the abbreviation only; the full name stays in
    # the registry (and on a partners slide).
    from dataclasses import replace

    text = getattr(shape, "text", None)
    if text is None:
        return shape
    return replace(shape, text=TextBlock(text.paragraphs[:1], text.size, text.color))


def _share_size(texts: dict[str, TextFill]) -> None:
    # Two columns side by side at different sizes look like a mistake.
    bodies = [k for k in ("left_body", "right_body") if k in texts]
    if len(bodies) < 2:
        return
    size = min(texts[k].block.size for k in bodies)
    for key in bodies:
        block = texts[key].block
        texts[key] = TextFill(
            TextBlock(block.paragraphs, size, block.color, block.bold, block.overflows),
            texts[key].rect,
        )


KIND = SlideKind(
    "two-column", TwoColumnSlide,
    ("title", "left_heading", "left_body", "right_heading", "right_body"), plan,
    "Two headed columns with bullets and partner lists",
)

__all__ = ["KIND", "Para"]
