"""`partners`: organisations from the partner registry as a grid of tiles."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from deck_builder import images, richtext
from deck_builder.kinds import SlideKind
from deck_builder.model import PartnerRef, SlideBase, Text
from deck_builder.plan import PlanContext, one
from deck_builder.richtext import Run
from deck_builder.schema import Items
from deck_builder.slideplan import (
    EMU_PER_INCH,
    BoxShape,
    Para,
    PictureShape,
    Rect,
    Shape,
    SlidePlan,
    TextBlock,
    contain,
)

GAP = int(0.2 * EMU_PER_INCH)
TILE_ASPECT = 2.4  # width / height of a tile: room for a logo or a two-line name
MAX_TILE_H = int(1.5 * EMU_PER_INCH)


class PartnersSlide(SlideBase):
    """A titled grid of partner tiles; `partners` are abbreviations from partners.yaml."""

    kind: Literal["partners"]
    title: Text
    intro: Text | None = None
    partners: Annotated[tuple[PartnerRef, ...], Items(min=1)]


def tiles(ctx: PlanContext, refs: tuple[str, ...], area: Rect, name_pt: float = 18.0
          ) -> list[Shape]:
    """Lay out one tile per partner in `area`: the logo if there is one, else the name.

    Picks the number of columns that makes tiles as large as possible; all names are
    set at one size (a grid of differently sized names looks untidy). Each tile links
    to the partner's website when the registry gives one.
    """
    count = len(refs)
    best: tuple[int, int] = (1, 0)
    for columns in range(1, count + 1):
        rows = math.ceil(count / columns)
        w = (area.w - GAP * (columns - 1)) / columns
        h = min(w / TILE_ASPECT, (area.h - GAP * (rows - 1)) / rows, MAX_TILE_H)
        if h > best[1]:
            best = (columns, int(h))
    columns, tile_h = best
    tile_w = min(int(tile_h * TILE_ASPECT), int((area.w - GAP * (columns - 1)) / columns))
    insets = (GAP // 2, GAP // 3, GAP // 2, GAP // 3)
    texts = {ref: _tile_text(ctx.deck.partners[ref].name, ref) for ref in refs}
    inner = Rect(0, 0, tile_w, tile_h).inset(*insets)
    measurer = ctx.template.measurer
    size = min(
        (measurer.fit(paras, inner.w, inner.h, name_pt, 8) or 8.0
         for ref, paras in texts.items() if ctx.deck.partners[ref].logo is None),
        default=name_pt,
    )
    shapes: list[Shape] = []
    for index, ref in enumerate(refs):
        partner = ctx.deck.partners[ref]
        row, column = divmod(index, columns)
        rect = Rect(area.x + column * (tile_w + GAP), area.y + row * (tile_h + GAP),
                    tile_w, tile_h)
        if partner.logo is None:
            shapes.append(BoxShape(rect, f"Tegel {ref}", fill=ctx.colour("light"),
                                   text=TextBlock(tuple(texts[ref]), size, ctx.colour("primary")),
                                   rounded=True, insets=insets, anchor="ctr", link=partner.url))
            continue
        shapes.append(BoxShape(rect, f"Tegel {ref}", fill=ctx.colour("background"),
                               line=ctx.colour("light"), rounded=True, link=partner.url))
        width, height = images.inspect(partner.logo)
        pad = tile_h // 8
        shapes.append(PictureShape(contain(rect.inset(pad, pad, pad, pad), width, height),
                                   f"Logo {ref}", partner.logo, partner.name, partner.url))
    return shapes


def _tile_text(name: str, abbreviation: str) -> list[Para]:
    """The abbreviation in bold, then the full name when it says more."""
    paras = [Para((Run(abbreviation, bold=True),), align="ctr")]
    if name != abbreviation:
        paras.append(Para(richtext.parse(richtext.escape(name)), align="ctr"))
    return paras


def chips(ctx: PlanContext, refs: tuple[str, ...], row: Rect,
          size: float = 12.0) -> tuple[list[Shape], int]:
    """Small labelled pills, one per partner abbreviation, wrapping over lines in `row`.

    Returns the shapes and the height they use. Each pill links to the partner's site.
    """
    measurer = ctx.template.measurer
    pad_x, pad_y = int(0.12 * EMU_PER_INCH), int(0.05 * EMU_PER_INCH)
    height = int(size * 12700 * 1.2) + 2 * pad_y
    gap = int(0.08 * EMU_PER_INCH)
    x, y = row.x, row.y
    shapes: list[Shape] = []
    for ref in refs:
        partner = ctx.deck.partners[ref]
        width = int(measurer.em_width(ref, True) * size * 12700 / 0.96) + 2 * pad_x
        if x > row.x and x + width > row.x + row.w:
            x, y = row.x, y + height + gap
        block = TextBlock((Para(richtext.parse(richtext.escape(ref)), align="ctr"),), size,
                          ctx.colour("primary"), True)
        shapes.append(BoxShape(Rect(x, y, width, height), f"Partner {ref}",
                               fill=ctx.colour("light"), text=block, rounded=True,
                               insets=(pad_x, pad_y, pad_x, pad_y), anchor="ctr",
                               link=partner.url, wrap=False))
        x += width + gap
    return shapes, y + height - row.y


def plan(slide: PartnersSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide: title, optional intro line, the tile grid in the body area."""
    area = ctx.role("partners", "body").rect
    texts = {"title": ctx.fit("partners", "title", one(slide.title))}
    if slide.intro:
        intro_h = int(0.7 * EMU_PER_INCH)
        texts["body"] = ctx.fit("partners", "body", one(slide.intro),
                                Rect(area.x, area.y, area.w, intro_h))
        area = Rect(area.x, area.y + intro_h + GAP, area.w, area.h - intro_h - GAP)
    shapes = tiles(ctx, slide.partners, area)
    return [
        SlidePlan("partners", ctx.template.layouts["partners"].name, ctx.slide_name(slide),
                  texts, tuple(shapes), ctx.notes(slide))
    ]


KIND = SlideKind("partners", PartnersSlide, ("title", "body"), plan)
