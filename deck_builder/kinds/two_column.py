"""`two-column`: two headed columns of bullets, each with an optional partner list."""

from __future__ import annotations

from typing import Literal, NamedTuple

from deck_builder.content.records import Body, PartnerRef, SlideBase, Text
from deck_builder.content.richtext import Run
from deck_builder.content.schema import Record
from deck_builder.kinds.partners import chips
from deck_builder.kinds.registry import SlideKind
from deck_builder.ooxml.geometry import EMU_PER_INCH, Rect
from deck_builder.planning.continuation import MIN_FILL, parents
from deck_builder.planning.model import Para, Shape, SlidePlan, TextFill
from deck_builder.planning.planner import PlanContext, one, paragraphs
from deck_builder.template import design
from deck_builder.template.design import (
    BODY_BOTTOM,
    BODY_LIST,
    BODY_Y,
    CONTENT_W,
    LOGO,
    MARGIN,
    PROMPT_LIST,
    TITLE_RULE,
    Box,
    LayoutDesign,
    Ph,
    Style,
    title_placeholder,
)
from deck_builder.template.needs import Role
from deck_builder.template.placement import Placement, Slot, halves

CHIP_ROW_H = int(0.55 * EMU_PER_INCH)
GAP = int(0.15 * EMU_PER_INCH)


class Column(Record):
    """One column: a heading, bullets, and partners (abbreviations from partners.yaml)."""

    heading: Text | None = None
    """The column's heading.
    Example: Bouwsteen emissiereductie landbouw"""
    body: Body = ()
    """The column's bullets and paragraphs, like a bullets slide's body; both columns
    are set at one size and continue together."""
    partners: tuple[PartnerRef, ...] = ()
    """Abbreviations from partners.yaml, shown as labelled chips above the text, linked
    to the partners' sites.
    Example: [IPO, LTO, NAJK, UvW, VNG]"""


class TwoColumnSlide(SlideBase):
    """Two columns side by side under one title."""

    kind: Literal["two-column"]
    title: Text
    """The slide's title (required).
    Example: Bouwstenen tbv stikstof"""
    left: Column
    """The left column: heading, body, partners."""
    right: Column
    """The right column: heading, body, partners."""


def plan(slide: TwoColumnSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide, continued on more when a column is too long.

    Both columns are set at one size (columns side by side at different sizes look like
    a mistake) and continue independently, each balanced over its own slides. Once one
    column is finished, the other continues alone in the bullets layout's body, under a
    repeated heading: never a heading or chips over an empty column.
    """
    sides: list[_Side] = []
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
                          "name fewer partners", f"{side}.partners")
                used = 0
            rect = Rect(rect.x, rect.y + used + GAP, rect.w, rect.h - used - GAP)
        sides.append(_Side(f"{side}_body", column, rect, chip_shapes, paragraphs(column.body)))
    stacked = _stacked_paras(ctx, sides)
    if _too_narrow(ctx, sides):
        return _stacked(slide, ctx, sides, stacked)
    # The fewest slides first, then the largest size that needs no more: a smaller size
    # may let the short column end sooner and the long one go on alone, in a wider box.
    top = min(ctx.top("two-column", s.role) for s in sides)
    floor = max(ctx.floor("two-column", s.role,
                          s.rect.inset(*ctx.role("two-column", s.role).insets))
                for s in sides)
    size = top
    arranged = _arrange(ctx, sides, top)
    if arranged.pages > 1 and floor < top:
        least = _arrange(ctx, sides, floor)
        low, high = round(floor * 2), round(top * 2)
        while low < high:
            middle = (low + high + 1) // 2
            tried = _arrange(ctx, sides, middle / 2)
            if tried.pages <= least.pages and tried.overflows <= least.overflows:
                low = middle
            else:
                high = middle - 1
        size = low / 2
        arranged = _arrange(ctx, sides, size)
    if arranged.pages > 2 and len(ctx.flow("bullets", "body", stacked)[0]) < arranged.pages - 1:
        # Columns so narrow that the text needs far fewer slides one column after the
        # other (a slide or two more keep the columns the content asks for).
        return _stacked(slide, ctx, sides, stacked)
    flows, alone, longer, _ = arranged
    both = min(len(chunks) for chunks in flows) if alone else max(map(len, flows))
    filled = [s.role for s in sides if s.paras]
    pages = both + len(alone)
    if filled:
        ctx.flowed("two-column", filled, slide.title, pages, size)
    plans = []
    for part in range(both):
        texts: dict[str, TextFill] = {
            "title": ctx.fit("two-column", "title", one(ctx.continued(slide.title, part)))
        }
        shapes: list[Shape] = []
        for s, chunks in zip(sides, flows, strict=True):
            heading_role = s.role.replace("_body", "_heading")
            chunk = chunks[part] if part < len(chunks) else []
            if part and not chunk:
                continue  # finished: no heading or chips over an empty column
            if s.column.heading:
                texts[heading_role] = ctx.fit("two-column", heading_role, one(s.column.heading))
            shapes.extend(s.chips)
            if chunk:
                texts[s.role] = ctx.sized("two-column", s.role, chunk, size, s.rect)
        plans.append(
            SlidePlan("two-column", ctx.template.layouts["two-column"].name,
                      ctx.slide_name(slide, part), texts, tuple(shapes), ctx.notes(slide))
        )
    field = ctx.field_name("two-column", sides[longer].role)
    for offset, chunk in enumerate(alone):
        part = both + offset
        texts = {
            "title": ctx.fit("bullets", "title", one(ctx.continued(slide.title, part))),
            "body": ctx.sized("bullets", "body", chunk, size, field=field),
        }
        plans.append(
            SlidePlan("bullets", ctx.template.layouts["bullets"].name,
                      ctx.slide_name(slide, part), texts, (), ctx.notes(slide))
        )
    return plans


class _Arranged(NamedTuple):
    """Both columns' chunks on the slides they share, the longer column's chunks on the
    slides after them (alone), and which column that is (0: left)."""

    flows: list[list[list[Para]]]
    alone: list[list[Para]]
    longer: int
    overflows: int  # chunks that do not fit their box (an item too long for one)

    @property
    def pages(self) -> int:
        """How many slides the two columns take."""
        if self.alone:
            return min(map(len, self.flows)) + len(self.alone)
        return max(map(len, self.flows))


def _arrange(ctx: PlanContext, sides: list[_Side], size: float) -> _Arranged:
    """Both columns at `size`: each balanced over its own slides; a column that outlasts
    the other goes on alone (see `_continue_alone`)."""
    flows = [ctx.flow_at(s.paras, s.rect, "two-column", s.role, size) for s in sides]
    both = min(len(chunks) for chunks in flows)
    longer = max(range(2), key=lambda i: len(flows[i]))
    alone: list[list[Para]] = []
    if len(flows[longer]) > both:
        flows[longer], alone = _continue_alone(ctx, sides[longer], both, size)
    wide = ctx.role("bullets", "body").text_rect
    overflows = sum(not _fits(ctx, s, chunk, size) for s, chunks in zip(sides, flows, strict=True)
                    for chunk in chunks)
    overflows += sum(not ctx.measurer.fits(chunk, wide.w, wide.h, size,
                                           ctx.style("bullets", "body")) for chunk in alone)
    return _Arranged(flows, alone, longer, overflows)


def _too_narrow(ctx: PlanContext, sides: list[_Side]) -> bool:
    """Whether the template's columns cannot hold this content even at the floor: a
    heading or an item too long for its column (a narrow column beside artwork)."""
    for s in sides:
        box = s.rect.inset(*ctx.role("two-column", s.role).insets)
        floor = ctx.floor("two-column", s.role, box)
        style = ctx.style("two-column", s.role)
        if any(not ctx.measurer.fits([para], box.w, box.h, floor, style) for para in s.paras):
            return True
        heading_role = s.role.replace("_body", "_heading")
        if s.column.heading and heading_role in ctx.template.layouts["two-column"].roles:
            spec = ctx.role("two-column", heading_role)
            head = spec.text_rect
            heading = [Para(s.column.heading)]
            if not ctx.measurer.fits(heading, head.w, head.h,
                                     ctx.floor("two-column", heading_role, head),
                                     ctx.style("two-column", heading_role)._replace(bold=True)):
                roomier = ctx.room("two-column", heading_role, spec.rect)
                wider = roomier.inset(*spec.insets) if roomier else head
                if not ctx.measurer.fits(heading, wider.w, wider.h,
                                         ctx.floor("two-column", heading_role, head),
                                         ctx.style("two-column", heading_role)._replace(
                                             bold=True)):
                    return True
    return False


def _stacked(slide: TwoColumnSlide, ctx: PlanContext, sides: list[_Side],
             paras: list[Para]) -> list[SlidePlan]:
    """The columns one after the other in the bullets layout's body (`_stacked_paras`),
    continued like any body. For templates whose columns are too narrow for the content."""
    chunks, size = ctx.flow("bullets", "body", paras)
    fields = [ctx.field_name("two-column", s.role) for s in sides if s.paras]
    ctx.flowed("two-column", [s.role for s in sides if s.paras], slide.title, len(chunks), size)
    plans = []
    for part, chunk in enumerate(chunks):
        texts = {"title": ctx.fit("bullets", "title", one(ctx.continued(slide.title, part)))}
        if chunk:
            texts["body"] = ctx.sized("bullets", "body", chunk, size,
                                      field=fields[0] if fields else None)
        plans.append(SlidePlan("bullets", ctx.template.layouts["bullets"].name,
                               ctx.slide_name(slide, part), texts, (), ctx.notes(slide)))
    return plans


def _stacked_paras(ctx: PlanContext, sides: list[_Side]) -> list[Para]:
    """Both columns as one body: each heading in bold, its partners and items under it."""
    paras: list[Para] = []
    for s in sides:
        column = s.column
        if column.heading:
            paras.append(Para(tuple(run._replace(bold=True) for run in column.heading)))
        if column.partners:
            names: list[Run] = [Run(f"{ctx.lang.partners}: ")]
            for index, ref in enumerate(column.partners):
                partner = ctx.deck.partners.get(ref)
                url = partner.url if partner is not None else None
                names.append(Run(("" if index == 0 else ", ") + ref))
                if url:
                    names[-1] = names[-1]._replace(text=names[-1].text.lstrip(", "), link=url)
                    if index:
                        names.insert(-1, Run(", "))
            paras.append(Para(tuple(names), 1 if column.heading else 0))
        shift = 1 if column.heading else 0
        paras.extend(para._replace(level=para.level + shift) for para in s.paras)
    return paras


class _Side(NamedTuple):
    """One column as planned: its body role, content, text box, chips, paragraphs."""

    role: str
    column: Column
    rect: Rect
    chips: list[Shape]
    paras: list[Para]


_ALONE_TRIES = 60  # cut points tried for a column continuing alone


def _continue_alone(
    ctx: PlanContext, side: _Side, pages: int, size: float
) -> tuple[list[list[Para]], list[list[Para]]]:
    """Split a column that outlasts the other: its chunks for the first `pages` slides
    (in its column) and for the slides after them (alone, in the bullets layout's body,
    under its heading marked as continued).

    The cut is chosen like a split of one body (see planning.continuation): fewest
    slides, no parent left alone above its sub-items, no box under MIN_FILL, a cut
    between top-level items, then the most even fill.
    """
    paras, levels = side.paras, [para.level for para in side.paras]
    column_box = side.rect.inset(*ctx.role("two-column", side.role).insets)
    wide_box = ctx.role("bullets", "body").text_rect
    column_style, wide_style = ctx.style("two-column", side.role), ctx.style("bullets", "body")
    heading: tuple[Para, ...] = ()
    if side.column.heading:
        heading = (ctx.marked(Para(tuple(run._replace(bold=True)
                                         for run in side.column.heading))),)
    measurer = ctx.measurer
    best: tuple[tuple[float, ...], list[list[Para]], list[list[Para]]] | None = None
    cuts = range(len(paras) - 1, 0, -1)
    tried = 0
    for cut in cuts:
        # The column fills each of the slides it shares with the other, then goes alone.
        columns = ctx.flow_at(paras[:cut], side.rect, "two-column", side.role, size, pages)
        if not columns or any(not _fits(ctx, side, c, size) for c in columns):
            continue
        # Under the heading (a parent, so it is repeated on every slide it goes on to).
        shift = 1 if heading else 0
        rest = [*heading, *(ctx.marked(paras[p]) for p in parents(levels, cut)),
                *paras[cut:]]
        rest[len(heading):] = [para._replace(level=para.level + shift)
                               for para in rest[len(heading):]]
        alone = ctx.flow_at(rest, None, "bullets", "body", size)
        fills = [measurer.height(c, column_box.w, size, column_style) / column_box.h
                 for c in columns]
        fills += [measurer.height(c, wide_box.w, size, wide_style) / wide_box.h
                  for c in alone]
        cost = (
            float(len(alone)),
            float(levels[cut] > levels[cut - 1]),  # a parent left above its sub-items
            float(sum(fill < MIN_FILL for fill in fills)),
            float(levels[cut] > 0),
            -min(fills),
        )
        if best is None or cost < best[0]:
            best = (cost, columns, alone)
        tried += 1
        if tried >= _ALONE_TRIES:
            break
    if best is None:  # no cut fills the shared slides: the column stays in its place
        return ctx.flow_at(paras, side.rect, "two-column", side.role, size), []
    return best[1], best[2]


def _fits(ctx: PlanContext, side: _Side, chunk: list[Para], size: float) -> bool:
    """Whether a chunk of a column fits the column's box at `size`."""
    box = side.rect.inset(*ctx.role("two-column", side.role).insets)
    return ctx.measurer.fits(chunk, box.w, box.h, size, ctx.style("two-column", side.role))


def recipe(r: Placement) -> None:
    """Two text areas side by side, each with a smaller area above it as its heading;
    else one area split in two, a line carved off the top of each half."""
    r.title(centred=False)
    columns = r.columns()
    if columns is None:
        # One content area (or none): split in two, the left half keeps the placeholder.
        body = r.area("left_body")
        box = r.slots["left_body"].rect if body is not None else r.info.region
        left, right = halves(box)
        if body is not None:
            r.slots["left_body"] = Slot(left, body, "carved", note="the left half of the content")
            r.free("right_body", right, "carved", "the right half of the content", body)
        else:
            r.free("left_body", left, "free", "the left half of the content area")
            r.free("right_body", right, "free", "the right half of the content area")
        for side in ("left", "right"):
            r.carve_top(f"{side}_heading", f"{side}_body", 1)
        return
    for side, column in zip(("left", "right"), columns, strict=True):
        body = column[-1]
        r.take(f"{side}_body", body, "exact", f"{body.type} placeholder, {side} column")
        if len(column) > 1:
            r.take(f"{side}_heading", column[0], "exact", f"{column[0].type} placeholder above")
        else:
            r.carve_top(f"{side}_heading", f"{side}_body", 1)


_COLUMN_GAP = 0.5
_COLUMN_W = (CONTENT_W - _COLUMN_GAP) / 2
_RIGHT_X = MARGIN + _COLUMN_W + _COLUMN_GAP
_HEAD_H = 0.6
_RULE_Y = BODY_Y + _HEAD_H + 0.12
_BODY_Y = _RULE_Y + 0.25
DESIGN = LayoutDesign(
    dark=False,
    logo=LOGO,
    decorations=(
        TITLE_RULE,
        design.Rect("Kolomlijn links", Box(MARGIN, _RULE_Y, _COLUMN_W, 0.035), "accent"),
        design.Rect("Kolomlijn rechts", Box(_RIGHT_X, _RULE_Y, _COLUMN_W, 0.035), "accent"),
    ),
    placeholders={
        "title": title_placeholder(),
        "left_heading": Ph(
            "Kop links",
            Box(MARGIN, BODY_Y, _COLUMN_W, _HEAD_H),
            Style(colour="primary", bold=True, anchor="b"),
            "Kop linkerkolom",
        ),
        "left_body": Ph(
            "Tekst links",
            Box(MARGIN, _BODY_Y, _COLUMN_W, BODY_BOTTOM - _BODY_Y),
            BODY_LIST,
            PROMPT_LIST,
        ),
        "right_heading": Ph(
            "Kop rechts",
            Box(_RIGHT_X, BODY_Y, _COLUMN_W, _HEAD_H),
            Style(colour="primary", bold=True, anchor="b"),
            "Kop rechterkolom",
        ),
        "right_body": Ph(
            "Tekst rechts",
            Box(_RIGHT_X, _BODY_Y, _COLUMN_W, BODY_BOTTOM - _BODY_Y),
            BODY_LIST,
            PROMPT_LIST,
        ),
    },
)

KIND = SlideKind(
    name="two-column",
    model=TwoColumnSlide,
    plan=plan,
    fields={"left_body": "left.body", "right_body": "right.body",
            "left_heading": "left.heading", "right_heading": "right.heading"},
    roles=(
        Role("title", "heading", required=True),
        Role("left_body", required=True),
        Role("right_body", required=True),
        Role("left_heading", "minor", line_pt=22),
        Role("right_heading", "minor", line_pt=22),
    ),
    hints={"comparison": 4, "two_content": 3},
    recipe=recipe,
    literal=frozenset({"partners"}),  # abbreviations from partners.yaml
    design=DESIGN,
)
