"""`section`: a divider that opens an agenda item, with a large section number."""

from __future__ import annotations

from typing import Literal

from deck_builder.content import richtext
from deck_builder.content.records import PlainText, SlideBase, Text
from deck_builder.content.richtext import RichText
from deck_builder.kinds.registry import SlideKind
from deck_builder.planning.model import SlidePlan
from deck_builder.planning.planner import PlanContext, one
from deck_builder.template.design import (
    DARK_MOTIF,
    DARK_TEXT_W,
    FIGURE_STYLE,
    MARGIN,
    NEGATIVE_LOGO,
    Box,
    LayoutDesign,
    Ph,
    Style,
)
from deck_builder.template.needs import Role
from deck_builder.template.placement import Placement


class SectionSlide(SlideBase):
    """Section divider; `number` defaults to its position among sections (01, 02, …)."""

    kind: Literal["section"]
    title: Text
    """The section's title (required); the agenda lists it.
    Example: Zienswijze Nota Ruimte"""
    subtitle: Text | None = None
    """A line under the title."""
    number: PlainText | None = None
    """Your own label instead of the automatic number (01, 02, …).
    Example: A"""

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


def recipe(r: Placement) -> None:
    """The title, and a small text area (else the subtitle) for the subtitle."""
    r.title(centred=False)
    small = r.small_text_areas()
    if small:
        r.take("subtitle", small[0], "exact", f"{small[0].type} placeholder")
    elif r.info.subtitle is not None:
        r.take("subtitle", r.info.subtitle, "good", "subtitle placeholder")
    elif r.area("subtitle", big=False) is not None:
        slot = r.slots["subtitle"]
        r.slots["subtitle"] = slot._replace(quality="good")
    else:
        r.free_below_title("subtitle", 2)


DESIGN = LayoutDesign(
    dark=True,
    layout_type="secHead",
    logo=NEGATIVE_LOGO,
    decorations=DARK_MOTIF,
    placeholders={
        "number": Ph(
            "Sectienummer",
            Box(MARGIN, 1.05, 5.0, 1.6),
            FIGURE_STYLE,
            "01",
        ),
        "title": Ph(
            "Titel",
            Box(MARGIN, 2.85, DARK_TEXT_W, 1.8),
            Style(colour="background", bold=True, line_pct=90, spaced=False),
            "Titel van de sectie",
            "title",
        ),
        "subtitle": Ph(
            "Ondertitel",
            Box(MARGIN, 4.85, DARK_TEXT_W, 1.3),
            Style(colour="light"),
            "Korte toelichting",
        ),
    },
)

KIND = SlideKind(
    name="section",
    model=SectionSlide,
    plan=plan,
    roles=(
        Role("title", "display", required=True),
        Role("subtitle", "subtitle"),
        # The automatic number goes only where layouts.yaml maps a placeholder.
        Role("number", "number", decoration=True),
    ),
    hints={"section": 8, "title_slide": 2},
    recipe=recipe,
    design=DESIGN,
)
