"""`closing`: the last slide, with a message and contact details (e-mail becomes a link)."""

from __future__ import annotations

from typing import Literal

from deck_builder.content import richtext
from deck_builder.content.records import Body, SlideBase, Text
from deck_builder.kinds import SlideKind
from deck_builder.planning.model import Para, SlidePlan
from deck_builder.planning.planner import PlanContext, one, paragraphs


class ClosingSlide(SlideBase):
    """Closing slide; `contact` lines (names, e-mail addresses, sites) are linked."""

    kind: Literal["closing"]
    title: Text | None = None
    body: Body = ()
    contact: tuple[Text, ...] = ()


def plan(slide: ClosingSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide."""
    title = slide.title or richtext.parse(ctx.lang.closing)
    texts = {"title": ctx.fit("closing", "title", one(title))}
    if slide.body:
        texts["body"] = ctx.fit("closing", "body", paragraphs(slide.body))
    if slide.contact:
        texts["contact"] = ctx.fit("closing", "contact", [Para(line) for line in slide.contact])
    return [
        SlidePlan("closing", ctx.template.layouts["closing"].name, ctx.slide_name(slide), texts,
                  notes=ctx.notes(slide))
    ]


KIND = SlideKind("closing", ClosingSlide, ("title",), plan)
