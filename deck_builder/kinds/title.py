"""`title`: the opening slide with the deck title, subtitle, date and presenter."""

from __future__ import annotations

from typing import Literal

from deck_builder import richtext
from deck_builder.kinds import SlideKind
from deck_builder.model import SlideBase, Text
from deck_builder.plan import PlanContext, one
from deck_builder.slideplan import SlidePlan


class TitleSlide(SlideBase):
    """Deck title slide; every field defaults to the deck's metadata."""

    kind: Literal["title"]
    title: Text | None = None
    subtitle: Text | None = None
    date: Text | None = None
    presenter: Text | None = None


def plan(slide: TitleSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide; metadata fills what the slide does not say."""
    meta = ctx.deck.meta
    title = slide.title or richtext.parse(richtext.escape(meta.title))
    subtitle = slide.subtitle or (
        richtext.parse(richtext.escape(meta.subtitle)) if meta.subtitle else None
    )
    date = slide.date or richtext.parse(ctx.lang.long_date(meta.date))
    presenter = slide.presenter or (
        richtext.parse(richtext.escape(meta.presenter)) if meta.presenter else None
    )
    texts = {"title": ctx.fit("title", "title", one(title))}
    for role, text in (("subtitle", subtitle), ("date", date), ("presenter", presenter)):
        if text:
            texts[role] = ctx.fit("title", role, one(text))
    return [
        SlidePlan("title", ctx.template.layouts["title"].name, ctx.slide_name(slide), texts,
                  notes=ctx.notes(slide))
    ]


KIND = SlideKind("title", TitleSlide, ("title",), plan, "Deck title, subtitle, date, presenter")
