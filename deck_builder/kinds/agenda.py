"""`agenda`: the numbered agenda, given or taken from the deck's section slides."""

from __future__ import annotations

from typing import Literal

from deck_builder.content import richtext
from deck_builder.content.records import SlideBase, Text
from deck_builder.kinds.registry import SlideKind
from deck_builder.planning.model import Para, SlidePlan
from deck_builder.planning.planner import PlanContext, one
from deck_builder.template.design import (
    BODY_H,
    BODY_Y,
    LOGO,
    MARGIN,
    PROMPT_LIST,
    RIGHT,
    SLIDE_H,
    TITLE_H,
    TITLE_RULE,
    TITLE_Y,
    Box,
    LayoutDesign,
    Ph,
    Rect,
    Style,
    title_placeholder,
)
from deck_builder.template.needs import Role
from deck_builder.template.placement import single_body


class AgendaSlide(SlideBase):
    """Agenda; without `items` it lists the titles of the section slides."""

    kind: Literal["agenda"]
    title: Text | None = None
    """The slide's title; "Agenda" by default."""
    items: tuple[Text, ...] | None = None
    """The agenda's points; without them, the titles of the section slides.
    Example: [Zienswijze Nota Ruimte, Overige actualiteiten]"""


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


_PANEL_W = 4.9
DESIGN = LayoutDesign(
    dark=False,
    logo=LOGO,
    decorations=(
        Rect("Paneel", Box(0, 0, _PANEL_W, SLIDE_H), "light"),
        TITLE_RULE,
    ),
    placeholders={
        "title": title_placeholder(Box(MARGIN, TITLE_Y, _PANEL_W - MARGIN - 0.4, TITLE_H)),
        "body": Ph(
            "Agendapunten",
            Box(_PANEL_W + MARGIN, BODY_Y, RIGHT - _PANEL_W - MARGIN, BODY_H),
            Style(colour="primary", bullets=True),
            PROMPT_LIST,
        ),
    },
)

KIND = SlideKind(
    name="agenda",
    model=AgendaSlide,
    plan=plan,
    fields={"body": "items"},
    roles=(Role("title", "heading", required=True), Role("body", required=True)),
    layout_names=("agenda", "tagesordnung", "ordre jour", "inhoudsopgave"),
    hints={"agenda": 8, "title_content": 2},
    recipe=single_body,
    design=DESIGN,
)
