"""`closing`: the last slide, with a message and contact details (e-mail becomes a link)."""

from __future__ import annotations

from typing import Literal

from deck_builder.content import richtext
from deck_builder.content.records import Body, SlideBase, Text
from deck_builder.kinds.compose import text_height
from deck_builder.kinds.registry import SlideKind
from deck_builder.ooxml.geometry import EMU_PER_INCH, Rect
from deck_builder.planning.model import BoxShape, Para, SlidePlan, TextFill
from deck_builder.planning.planner import PlanContext, one, paragraphs
from deck_builder.template.design import (
    DARK_MOTIF,
    DARK_TEXT_W,
    DARK_TITLE_STYLE,
    MARGIN,
    NEGATIVE_LOGO,
    PROMPT_LIST,
    RIGHT,
    Box,
    LayoutDesign,
    Ph,
    Style,
    dark_rule,
)
from deck_builder.template.needs import Role
from deck_builder.template.placement import TEXT_AREA_TYPES, Placement


class ClosingSlide(SlideBase):
    """Closing slide; `contact` lines (names, e-mail addresses, sites) are linked."""

    kind: Literal["closing"]
    title: Text | None = None
    """The slide's title; "Dank voor uw aandacht" by default (in English: "Thank you").
    Example: Vragen?"""
    body: Body = ()
    """Text beside the contact details, like a bullets slide's body.
    Example: Neem gerust contact met ons op."""
    contact: tuple[Text, ...] = ()
    """Contact lines: names, e-mail addresses and web addresses (these become links).
    Example: [VNG, team Landelijk gebied, naam@example.org]"""


def plan(slide: ClosingSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide; where the text and the contact details stand side by side, a thin
    divider between them as long as the taller of the two."""
    title = slide.title or richtext.parse(ctx.lang.closing)
    texts = {"title": ctx.fit("closing", "title", one(title))}
    if slide.body:
        texts["body"] = ctx.fit("closing", "body", paragraphs(slide.body))
    if slide.contact:
        texts["contact"] = ctx.fit("closing", "contact", [Para(line) for line in slide.contact])
    shapes = (_divider(ctx, texts),) if "body" in texts and "contact" in texts else ()
    return [
        SlidePlan("closing", ctx.template.layouts["closing"].name, ctx.slide_name(slide), texts,
                  tuple(s for s in shapes if s is not None), ctx.notes(slide))
    ]


DIVIDER_W = int(0.02 * EMU_PER_INCH)


def _divider(ctx: PlanContext, texts: dict[str, TextFill]) -> BoxShape | None:
    """The rule between the text and the contact details, from the top of their text
    to the bottom of the longer one, in the middle of the space between them; None
    when they do not stand side by side."""
    layout = ctx.template.layouts["closing"]
    body, contact = layout.roles["body"].rect, layout.roles["contact"].rect
    if contact.x < body.x + body.w:
        return None
    top = max(body.y, contact.y) + min(layout.roles["body"].insets[1],
                                        layout.roles["contact"].insets[1])
    heights = [text_height(ctx, "closing", role, texts[role]) for role in ("body", "contact")]
    bottom = min(max(body.y + heights[0], contact.y + heights[1]),
                 max(body.y + body.h, contact.y + contact.h))
    x = (body.x + body.w + contact.x) // 2 - DIVIDER_W // 2
    colour = ctx.colour("light") if layout.dark else ctx.colour("muted")
    return BoxShape(Rect(x, top, DIVIDER_W, max(bottom - top, DIVIDER_W)), "Scheidingslijn",
                    fill=colour)


def recipe(r: Placement) -> None:
    """A centred title; the text and the contact details in two text areas, else the
    contact details in lines carved off the bottom of the text's box."""
    r.title(centred=True)
    areas = r.unused(TEXT_AREA_TYPES)
    if len(areas) >= 2:
        r.take("body", areas[0], "exact", f"{areas[0].type} placeholder")
        r.take("contact", areas[1], "exact", f"{areas[1].type} placeholder")
        return
    if areas:
        r.take("body", areas[0], "exact", f"{areas[0].type} placeholder")
    elif r.info.subtitle is not None:
        r.take("body", r.info.subtitle, "good", "subtitle placeholder")
    else:
        r.region_box("body", "no content placeholder: the content area")
    r.carve_bottom("contact", "body", 3)


DESIGN = LayoutDesign(
    dark=True,
    logo=NEGATIVE_LOGO,
    decorations=(
        *DARK_MOTIF,
        dark_rule(3.15),
    ),
    placeholders={
        "title": Ph(
            "Titel",
            Box(MARGIN, 1.1, DARK_TEXT_W, 1.85),
            DARK_TITLE_STYLE,
            "Dank voor uw aandacht",
            "title",
        ),
        "body": Ph(
            "Tekst",
            Box(MARGIN, 3.5, 5.9, 2.95),
            Style(colour="background", bullets=True),
            PROMPT_LIST,
        ),
        "contact": Ph(
            "Contact",
            Box(7.35, 3.5, RIGHT - 7.35, 2.95),
            Style(colour="light"),
            "Contactgegevens",
        ),
    },
)

KIND = SlideKind(
    name="closing",
    model=ClosingSlide,
    plan=plan,
    roles=(
        Role("title", "display", required=True),
        Role("body"),
        Role("contact", "line", line_pt=18),
    ),
    layout_names=("closing", "thank you", "afsluiting", "=slot", "=einde", "bedankt",
                  "abschluss", "=ende", "danke", "=fin", "merci", "=end"),
    hints={"closing": 8},
    recipe=recipe,
    design=DESIGN,
)
