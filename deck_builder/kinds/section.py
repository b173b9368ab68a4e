"""`section`: a divider that opens an agenda item, with a large section number."""

from __future__ import annotations

from typing import Literal

from deck_builder.content import richtext
from deck_builder.content.records import PlainText, SlideBase, Text
from deck_builder.content.richtext import RichText
from deck_builder.kinds import SlideKind
from deck_builder.planning.model import SlidePlan
from deck_builder.planning.planner import PlanContext, one


class SectionSlide(SlideBase):
    """Section divider; `number` defaults to its position among sections (01, 02, …)."""

    kind: Literal["section"]
    title: Text
    subtitle: Text | None = None
    number: PlainText | None = None

    def opens_section(self) -> tuple[RichText, str | None]:
        """A section divider opens an agenda item, with its own label if it gives one."""
        return self.title, self.number


def plan(slide: SectionSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide: number, title and optional subtitle."""
    texts = {"title": ctx.fit("section", "title", one(slide.title))}
    label = ctx.section_numbers.get(ctx.index, "")
    # An automatic number needs a place in the template; a number the slide gives
    # (`number:`) is content, and asks for one.
    automatic = slide.number is None
    if label and (not automatic or "number" in ctx.template.layouts["section"].roles):
        texts["number"] = ctx.fit_line("section", "number", richtext.parse(richtext.escape(label)))
    if slide.subtitle:
        texts["subtitle"] = ctx.fit("section", "subtitle", one(slide.subtitle))
    return [
        SlidePlan("section", ctx.template.layouts["section"].name, ctx.slide_name(slide), texts,
                  notes=ctx.notes(slide))
    ]


KIND = SlideKind("section", SectionSlide, ("title",), plan)
