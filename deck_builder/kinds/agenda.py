"""`agenda`: the numbered agenda, given or taken from the deck's section slides."""

from __future__ import annotations

from typing import Literal

from deck_builder.content import richtext
from deck_builder.content.records import SlideBase, Text
from deck_builder.kinds import SlideKind
from deck_builder.planning.model import Para, SlidePlan
from deck_builder.planning.planner import PlanContext, one


class AgendaSlide(SlideBase):
    """Agenda; without `items` it lists the titles of the section slides."""

    kind: Literal["agenda"]
    title: Text | None = None
    items: tuple[Text, ...] | None = None


def plan(slide: AgendaSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide (continued when the agenda is very long)."""
    title = slide.title or richtext.parse(ctx.lang.agenda)
    items = slide.items if slide.items is not None else tuple(t for _, t in ctx.sections)
    paras = [Para(item, numbered=number) for number, item in enumerate(items, start=1)]
    chunks, size = ctx.flow("agenda", "body", paras)
    if paras:
        ctx.flowed("agenda", ("body",), title, len(chunks), size)
    plans = []
    for part, chunk in enumerate(chunks):
        texts = {"title": ctx.fit("agenda", "title", one(ctx.continued(title, part)))}
        if chunk:
            texts["body"] = ctx.sized("agenda", "body", chunk, size)
        plans.append(
            SlidePlan("agenda", ctx.template.layouts["agenda"].name, ctx.slide_name(slide, part),
                      texts, notes=ctx.notes(slide))
        )
    return plans


KIND = SlideKind("agenda", AgendaSlide, ("title", "body"), plan)
