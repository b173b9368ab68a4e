"""`statistic`: one big figure with its caption, beside a title and explanatory text."""

from __future__ import annotations

from typing import Annotated, Literal

from deck_builder.content import richtext
from deck_builder.content.records import Body, PlainText, SlideBase, Text
from deck_builder.content.schema import Length
from deck_builder.kinds import SlideKind
from deck_builder.planning.model import SlidePlan
from deck_builder.planning.planner import PlanContext, one, paragraphs


class StatisticSlide(SlideBase):
    """A key figure such as `99%`; the figure is short text, shown as large as fits."""

    kind: Literal["statistic"]
    title: Text
    figure: Annotated[PlainText, Length(max=12)]
    caption: Text | None = None
    body: Body = ()


def plan(slide: StatisticSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide: title and text on one side, the figure dominating the other."""
    texts = {"title": ctx.fit("statistic", "title", one(slide.title))}
    if slide.body:
        texts["body"] = ctx.fit("statistic", "body", paragraphs(slide.body))
    texts["figure"] = ctx.fit_line(
        "statistic", "figure", richtext.parse(richtext.escape(slide.figure))
    )
    if slide.caption:
        texts["caption"] = ctx.fit("statistic", "caption", one(slide.caption))
    return [
        SlidePlan("statistic", ctx.template.layouts["statistic"].name, ctx.slide_name(slide),
                  texts, notes=ctx.notes(slide))
    ]


KIND = SlideKind("statistic", StatisticSlide, ("title", "figure"), plan)
