"""`partners`: organisations from the partner registry as a grid of tiles.

N partners share equal tiles, rows × columns chosen to make them as large as the body
area allows; when they would get too small to read, the grid continues on "(vervolg)"
slides with the partners spread evenly over them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Annotated, Literal, NamedTuple

from deck_builder.content import richtext
from deck_builder.content.records import PartnerRef, SlideBase, Text
from deck_builder.content.richtext import Run
from deck_builder.content.schema import Items
from deck_builder.kinds.compose import contained
from deck_builder.kinds.registry import SlideKind
from deck_builder.ooxml.geometry import EMU_PER_INCH, Rect
from deck_builder.planning.model import (
    BoxShape,
    Para,
    PictureShape,
    Shape,
    SlidePlan,
    TextBlock,
)
from deck_builder.planning.planner import ABSOLUTE_MIN_PT, PlanContext, one, shrunk_noticeably
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

GAP = int(0.2 * EMU_PER_INCH)
TILE_ASPECT = 2.4  # width / height a tile is given at most from its width …
WIDEST_TILE = 3.4  # … and the widest it may become when the rows limit its height
MAX_TILE_H = int(1.5 * EMU_PER_INCH)
MIN_TILE_H = int(0.6 * EMU_PER_INCH)  # smaller tiles are unreadable: continue instead
NAME_PT = 18.0  # names in tiles without a logo, at most …
MIN_NAME_PT = ABSOLUTE_MIN_PT  # … and at least (else the grid continues on a new slide)
INTRO_H = int(0.7 * EMU_PER_INCH)


class PartnersSlide(SlideBase):
    """A titled grid of partner tiles; `partners` are abbreviations from partners.yaml."""

    kind: Literal["partners"]
    title: Text
    """The slide's title (required).
    Example: Partners"""
    intro: Text | None = None
    """A line above the tiles.
    Example: Samen met"""
    partners: Annotated[tuple[PartnerRef, ...], Items(min=1)]
    """Abbreviations from partners.yaml, at least one: a tile each, its logo if the
    registry has one, else its name; linked to the partner's site.
    Example: [IPO, LTO, NAJK, UvW, VNG]"""


class Grid(NamedTuple):
    """Equal tiles in `columns` columns, left to right and top to bottom."""

    columns: int
    tile_w: int
    tile_h: int


def grid(area: Rect, count: int) -> Grid:
    """The columns × rows of equal tiles that makes `count` tiles as large as possible
    in `area` (height first, then width)."""
    best = Grid(1, 0, 0)
    for columns in range(1, count + 1):
        rows = math.ceil(count / columns)
        cell_w = (area.w - GAP * (columns - 1)) // columns
        tile_h = int(min(cell_w / TILE_ASPECT, (area.h - GAP * (rows - 1)) / rows, MAX_TILE_H))
        tile_w = min(cell_w, int(tile_h * WIDEST_TILE))
        if (tile_h, tile_w) > (best.tile_h, best.tile_w):
            best = Grid(columns, tile_w, tile_h)
    return best


def name_size(ctx: PlanContext, refs: Sequence[str], tiles_of: Grid) -> float | None:
    """The one size (NAME_PT down to MIN_NAME_PT) at which the name of every partner
    without a logo fits its tile; None when one does not fit even at MIN_NAME_PT."""
    inner = Rect(0, 0, tiles_of.tile_w, tiles_of.tile_h).inset(*_INSETS)
    measurer = ctx.measurer
    size = NAME_PT
    for ref in refs:
        partner = ctx.deck.partners[ref]
        if partner.logo is None:
            fitted = measurer.fit(_tile_text(partner.name, ref), inner.w, inner.h, size,
                                  MIN_NAME_PT)
            if fitted is None:
                return None
            size = fitted  # the next names need only be tried up to this size
    return size


def tiles(ctx: PlanContext, refs: Sequence[str], area: Rect, tiles_of: Grid, size: float
          ) -> list[Shape]:
    """One tile per partner in `area`: the logo (aspect-fitted, padded, its alt text the
    partner's full name) if there is one, else the abbreviation and name at `size`.

    All names are set at one size (a grid of differently sized names looks untidy).
    Each tile links to the partner's website when the registry gives one.
    """
    columns, tile_w, tile_h = tiles_of
    shapes: list[Shape] = []
    for index, ref in enumerate(refs):
        partner = ctx.deck.partners[ref]
        row, column = divmod(index, columns)
        rect = Rect(area.x + column * (tile_w + GAP), area.y + row * (tile_h + GAP),
                    tile_w, tile_h)
        if partner.logo is None:
            text = TextBlock(tuple(_tile_text(partner.name, ref)), size, ctx.colour("primary"))
            shapes.append(BoxShape(rect, f"Tegel {ref}", fill=ctx.colour("light"), text=text,
                                   rounded=True, insets=_INSETS, anchor="ctr", link=partner.url))
            continue
        shapes.append(BoxShape(rect, f"Tegel {ref}", fill=ctx.colour("background"),
                               line=ctx.colour("light"), rounded=True, link=partner.url))
        pad = tile_h // 8
        at, pixels = contained(rect.inset(pad, pad, pad, pad), partner.logo)
        shapes.append(PictureShape(at, f"Logo {ref}", partner.logo, partner.name, partner.url,
                                   pixels=pixels))
    return shapes


_INSETS = (GAP // 2, GAP // 3, GAP // 2, GAP // 3)


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
    measurer = ctx.measurer
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
    """Title, optional intro line and the tile grid in the body area; continued on more
    slides (one grid for all, the partners spread evenly) when tiles would get too small
    to read: lower than MIN_TILE_H, or names below MIN_NAME_PT."""
    area = ctx.role("partners", "body").rect
    intro = None
    if slide.intro:
        intro = ctx.fit("partners", "body", one(slide.intro),
                        Rect(area.x, area.y, area.w, INTRO_H))
        area = Rect(area.x, area.y + INTRO_H + GAP, area.w, area.h - INTRO_H - GAP)
    refs = slide.partners
    pages, chosen, size = _layout(ctx, refs, area)
    if pages > 1:
        ctx.warn(_continued(ctx, slide, area, pages), "partners")
    if shrunk_noticeably(size, NAME_PT):
        ctx.warn(f"partner names set at {size:g} pt instead of {NAME_PT:g} pt to fit their "
                 "tiles", "partners")
    # Even spread: the first slides take one partner more when they do not divide evenly.
    share, extra = divmod(len(refs), pages)
    plans: list[SlidePlan] = []
    start = 0
    for part in range(pages):
        count = share + (1 if part < extra else 0)
        texts = {"title": ctx.fit("partners", "title", one(ctx.continued(slide.title, part)))}
        if intro is not None and part == 0:
            texts["body"] = intro
        shapes = tiles(ctx, refs[start:start + count], area, chosen, size)
        start += count
        plans.append(
            SlidePlan("partners", ctx.template.layouts["partners"].name,
                      ctx.slide_name(slide, part), texts, tuple(shapes), ctx.notes(slide))
        )
    return plans


def _layout(ctx: PlanContext, refs: Sequence[str], area: Rect) -> tuple[int, Grid, float]:
    """The fewest slides whose grid has readable tiles: (slides, grid, name size)."""
    for pages in range(1, len(refs) + 1):
        chosen = grid(area, math.ceil(len(refs) / pages))
        size = name_size(ctx, refs, chosen) if chosen.tile_h >= MIN_TILE_H else None
        if size is not None:
            return pages, chosen, size
    ctx.error(_unfit(ctx, refs, area), "partners")
    return 1, grid(area, len(refs)), MIN_NAME_PT


def _continued(ctx: PlanContext, slide: PartnersSlide, area: Rect, pages: int) -> str:
    """The warning for a grid over `pages` slides; names the longest name when names,
    not the number of tiles, made it need more slides."""
    refs = slide.partners
    shown = "".join(run.text for run in ctx.continued(slide.title, 1))
    share, extra = divmod(len(refs), pages)
    each = f"{share}" if not extra else f"{share} or {share + 1}"
    more = "1 more slide" if pages == 2 else f"{pages - 1} more slides"
    message = f"the {len(refs)} partners continue on {more}, {shown!r}, {each} on each"
    by_count = next((p for p in range(1, len(refs) + 1)
                     if grid(area, math.ceil(len(refs) / p)).tile_h >= MIN_TILE_H), pages)
    if pages > by_count:
        named = [ref for ref in refs if ctx.deck.partners[ref].logo is None]
        longest = max(named, key=lambda ref: len(ctx.deck.partners[ref].name))
        message += (f"; long names need larger tiles (the longest: {longest!r}), a shorter "
                    "name in partners.yaml lets more partners share a slide")
    return message


def _unfit(ctx: PlanContext, refs: Sequence[str], area: Rect) -> str:
    """The message when even one tile per slide is too small: names those partners."""
    alone = grid(area, 1)
    if alone.tile_h < MIN_TILE_H:
        return ("the layout leaves too little room for a readable partner tile; shorten "
                "the intro or map the partners body to a larger placeholder")
    names = [ref for ref in refs if name_size(ctx, (ref,), alone) is None]
    listed = ", ".join(repr(ref) for ref in names)
    return (f"the name of {listed} does not fit a partner tile even alone on a slide at "
            f"{MIN_NAME_PT:g} pt; shorten it in partners.yaml")


DESIGN = LayoutDesign(
    dark=False,
    logo=LOGO,
    decorations=(TITLE_RULE,),
    placeholders={
        "title": title_placeholder(),
        "body": Ph("Partners", BODY_BOX, BODY_LIST, PROMPT_LIST),
    },
)

KIND = SlideKind(
    name="partners",
    model=PartnersSlide,
    plan=plan,
    fields={"body": "intro"},
    roles=(Role("title", "heading", required=True), Role("body", required=True)),
    layout_names=("partners", "partner", "logos"),
    hints={"partners": 8, "title_content": 1},
    recipe=single_body,
    literal=frozenset({"partners"}),  # abbreviations from partners.yaml
    design=DESIGN,
)
