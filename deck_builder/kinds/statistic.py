"""`statistic`: one big figure with its caption, beside a title and explanatory text."""

from __future__ import annotations

from typing import Annotated, Literal

from deck_builder.content import richtext
from deck_builder.content.records import Body, PlainText, SlideBase, Text
from deck_builder.content.schema import Length
from deck_builder.kinds import bullets
from deck_builder.kinds.bullets import BulletsSlide
from deck_builder.kinds.compose import gap, text_height
from deck_builder.kinds.registry import SlideKind
from deck_builder.ooxml.geometry import EMU_PER_PT, Rect
from deck_builder.planning.model import Para, SlidePlan, TextBlock, TextFill
from deck_builder.planning.planner import PlanContext, one, paragraphs
from deck_builder.template import design
from deck_builder.template.design import (
    BODY_H,
    BODY_Y,
    FIGURE_ON_LIGHT,
    LOGO,
    MARGIN,
    RIGHT,
    RULE_H,
    RULE_W,
    RULE_Y,
    SLIDE_H,
    SLIDE_W,
    TITLE_H,
    TITLE_Y,
    Box,
    LayoutDesign,
    Ph,
    Style,
    title_placeholder,
)
from deck_builder.template.needs import SIZE_CLASSES, Role
from deck_builder.template.placement import Placement, stack, union


class StatisticSlide(SlideBase):
    """A key figure such as `99%`; the figure is short text, shown as large as fits."""

    kind: Literal["statistic"]
    title: Text
    """The slide's title (required).
    Example: Resolutie ‘Onze inwoners verdienen beter!’"""
    figure: Annotated[PlainText, Length(max=12)]
    """The key figure: short text, at most 12 characters, shown as large as it fits.
    Example: 99%"""
    caption: Text | None = None
    """A line under the figure.
    Example: steun voor de resolutie"""
    body: Body = ()
    """Explanatory text, like a bullets slide's body."""


def plan(slide: StatisticSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide: title and text on one side, the figure dominating the other, its
    caption directly under it: the two one group, centred in the room their boxes
    had.

    Text too long for its box beside the figure at the floor (a template with little
    room) goes on after it, on bullets slides titled as continued."""
    if slide.body and not _body_fits(slide, ctx):
        alone = _plan(slide.replace(body=()), ctx)
        text = BulletsSlide(kind="bullets", title=ctx.continued(slide.title, 1),
                            body=slide.body)
        after = [plan._replace(name=ctx.slide_name(slide, number), notes=())
                 for number, plan in enumerate(bullets.plan(text, ctx), start=1)]
        ctx.warn("the text does not fit beside the figure; it follows on slides of its "
                 "own", "body")
        return alone + after
    return _plan(slide, ctx)


def _body_fits(slide: StatisticSlide, ctx: PlanContext) -> bool:
    """Whether the text fits its box at the floor (grown into the clear room around
    it, as fitting does)."""
    return ctx.fits("statistic", "body", paragraphs(slide.body))


def _plan(slide: StatisticSlide, ctx: PlanContext) -> list[SlidePlan]:
    layout = ctx.template.layouts["statistic"]
    texts = {"title": ctx.fit("statistic", "title", one(slide.title))}
    if slide.body:
        texts["body"] = ctx.fit("statistic", "body", paragraphs(slide.body))
    figure = _figure(slide, ctx)
    figure_spec = ctx.role("statistic", "figure")
    room = figure_spec.rect
    caption_spec = layout.roles.get("caption")
    if slide.caption and caption_spec is not None:
        room = union(room, caption_spec.rect)
    members = [("figure", figure)]
    if slide.caption:
        members.append(("caption", ctx.fit("statistic", "caption", one(slide.caption))))
    heights = [min(text_height(ctx, "statistic", role, fill), ctx.role("statistic", role).rect.h)
               for role, fill in members]
    # A figure has no descenders: the caption starts in the room a line keeps below
    # them, so that it reads with the figure, not after a gap.
    below = int(figure.block.size * EMU_PER_PT * FIGURE_DESCENT) if len(members) > 1 else 0
    boxes = stack(room, [heights[0] - below, *heights[1:]],
                  gap(members[-1][1]) // 2 if len(members) > 1 else 0)
    for (role, fill), box, height in zip(members, boxes, heights, strict=True):
        spec = ctx.role("statistic", role)
        # Each keeps the width (and so the line breaks) it was fitted to.
        texts[role] = fill._replace(rect=Rect(spec.rect.x, box.y, spec.rect.w, height))
    return [
        SlidePlan("statistic", layout.name, ctx.slide_name(slide), texts, notes=ctx.notes(slide))
    ]


FIGURE_LOWEST = SIZE_CLASSES["figure"][3]
FIGURE_DESCENT = 0.12  # of a line of the figure's size: below the baseline, and slack


def _figure(slide: StatisticSlide, ctx: PlanContext) -> TextFill:
    """The figure on one line, as large as its box allows: at the template's size down
    to the role's floor; a long figure (twelve characters) in a narrow column of a
    template matched automatically may go below that floor, to FIGURE_LOWEST, with a
    warning, rather than fail: it is still the largest text on the slide."""
    text = richtext.parse(richtext.escape(slide.figure))
    box = ctx.role("statistic", "figure").text_rect
    floor = ctx.floor("statistic", "figure", box)
    bold = ctx.style("statistic", "figure").bold
    size = ctx.measurer.single_line_size(slide.figure, box.w, ctx.top("statistic", "figure"),
                                         bold)
    at_floor = ctx.measurer.single_line_size(slide.figure, box.w, floor, bold, slack=False)
    if at_floor >= floor or size < FIGURE_LOWEST:
        return ctx.fit_line("statistic", "figure", text)
    ctx.warn(f"figure {slide.figure!r} set at {size:g} pt, below the {floor:g} pt its box "
             "asks, to stay on one line", "figure")
    return TextFill(TextBlock((Para(text),), size))


def recipe(r: Placement) -> None:
    """The figure in the left column and the text in the right one; else all in one
    area: the figure above, a caption under it, the text below."""
    r.title(centred=False)
    columns = r.columns()
    if columns is not None:
        figure = columns[0][-1]
        r.take("figure", figure, "exact", f"{figure.type} placeholder, left column")
        body = columns[1][-1]
        r.take("body", body, "exact", f"{body.type} placeholder, right column")
        r.carve_bottom("caption", "figure", 2)
        return
    area = r.area("body")
    box = r.slots["body"].rect if area is not None else r.info.region
    if area is None:
        r.free("body", box, "free", "no content placeholder: the content area")
    figure_h = int(box.h * 0.42)
    r.free("figure", Rect(box.x, box.y, box.w, figure_h), "carved" if area else "free",
           "the top of the content area", area)
    caption_h = min(r.line_height("caption", 1), box.h // 6)
    r.free("caption", Rect(box.x, box.y + figure_h, box.w, caption_h),
           "carved" if area else "free", "a line under the figure", area)
    rest = Rect(box.x, box.y + figure_h + caption_h, box.w, box.h - figure_h - caption_h)
    r.slots["body"] = r.slots["body"]._replace(rect=rest,
                                               quality="carved" if area else "free")


# Title and explanation on the left, the figure on a panel to their right: the planner
# writes title, text, figure, caption, and that is also the order the eye takes here
# (left column first), so screen readers and sighted readers agree.
_PANEL_W = 6.25
_PANEL_X = SLIDE_W - _PANEL_W
_TEXT_W = _PANEL_X - 2 * MARGIN
_FIGURE_X = _PANEL_X + 0.45
_FIGURE_W = RIGHT - _FIGURE_X
DESIGN = LayoutDesign(
    dark=False,
    logo=LOGO,
    decorations=(
        design.Rect("Paneel", Box(_PANEL_X, 0, _PANEL_W, SLIDE_H), "light"),
        # The title, its rule and the text where every content layout has them.
        design.Rect("Accentlijn titel", Box(MARGIN, RULE_Y, RULE_W, RULE_H), "accent"),
    ),
    placeholders={
        "title": title_placeholder(Box(MARGIN, TITLE_Y, _TEXT_W, TITLE_H)),
        "body": Ph(
            "Tekst",
            Box(MARGIN, BODY_Y, _TEXT_W, BODY_H),
            Style(colour="text"),
            "Uitleg bij het kengetal",
        ),
        # Figure and caption: one group on the panel, under the logo.
        "figure": Ph(
            "Kengetal",
            Box(_FIGURE_X, 1.55, _FIGURE_W, 2.6),
            FIGURE_ON_LIGHT,
            "99%",
        ),
        "caption": Ph(
            "Toelichting kengetal",
            Box(_FIGURE_X, 4.2, _FIGURE_W, 2.25),
            Style(colour="primary"),
            "Wat het getal betekent",
        ),
    },
)

KIND = SlideKind(
    name="statistic",
    model=StatisticSlide,
    plan=plan,
    roles=(
        Role("title", "heading", required=True),
        Role("figure", "figure", required=True),
        Role("body"),
        Role("caption", "line"),
    ),
    layout_names=("statistic", "big number", "kengetal", "kerncijfer", "kennzahl",
                  "chiffre cle", "key figure"),
    hints={"statistic": 8},
    recipe=recipe,
    design=DESIGN,
)
