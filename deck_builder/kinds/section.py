"""`section`: a divider that opens an agenda item, with a large section number."""

from __future__ import annotations

import math
from typing import Literal

from lxml import etree

from deck_builder.content import richtext
from deck_builder.content.records import PlainText, SlideBase, Text
from deck_builder.content.richtext import RichText
from deck_builder.kinds.compose import gap, text_height
from deck_builder.kinds.registry import SlideKind
from deck_builder.ooxml.geometry import EMU_PER_PT, Rect
from deck_builder.ooxml.inheritance import level_properties
from deck_builder.planning.model import Para, SlidePlan, TextBlock, TextFill
from deck_builder.planning.planner import ABSOLUTE_MIN_PT, PlanContext, one
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
    """One slide: number, title and optional subtitle.

    A number in a box the template did not have (see `recipe`) is set in the theme's
    accent, as the number of a section divider usually is.
    """
    texts = {"title": ctx.fit("section", "title", one(slide.title))}
    label = ctx.section_numbers.get(ctx.index, "")
    roles = ctx.template.layouts["section"].roles
    # An automatic number needs a place in the template; a number the slide gives
    # (`number:`) is content, and asks for one.
    automatic = slide.number is None
    if label and (not automatic or "number" in roles):
        text = richtext.parse(richtext.escape(label))
        texts["number"] = (_free_number(ctx, label, texts["title"]) if roles["number"].free
                           else ctx.fit_line("section", "number", text))
    # Every section slide alike, with a subtitle or without: the title's text right
    # above where the subtitle starts, the number right above the title.
    for role, rect in _tight(ctx, texts).items():
        texts[role] = texts[role]._replace(rect=rect)
    if not slide.subtitle and "number" in texts:
        lowered = _number_onto_title(ctx)
        if lowered is not None:
            texts["number"] = texts["number"]._replace(rect=lowered)
    if slide.subtitle:
        texts["subtitle"] = ctx.fit("section", "subtitle", one(slide.subtitle))
    return [
        SlidePlan("section", ctx.template.layouts["section"].name, ctx.slide_name(slide), texts,
                  notes=ctx.notes(slide))
    ]


def _free_number(ctx: PlanContext, label: str, title: TextFill) -> TextFill:
    """The number in a box the template did not have: in the theme's accent, as large
    as its box allows up to twice the title's size, centred when its box is centred
    on a wider title's (see `_number`)."""
    roles = ctx.template.layouts["section"].roles
    box, title_box = roles["number"].text_rect, roles["title"].rect
    line = ctx.style("section", "number").line_height
    top = min(2 * title.block.size, box.h / EMU_PER_PT / line)
    size = math.floor(ctx.measurer.single_line_size(label, box.w, top, True) * 2) / 2
    size = max(size, ABSOLUTE_MIN_PT)
    centred = (box.w < title_box.w * 0.9
               and abs(box.x + box.w // 2 - (title_box.x + title_box.w // 2)) < title_box.w // 50)
    para = Para(richtext.parse(richtext.escape(label)), align="ctr" if centred else None)
    return TextFill(TextBlock((para,), size, ctx.colour("accent"), True))


def _number_onto_title(ctx: PlanContext) -> Rect | None:
    """Without a subtitle, a number placed above the subtitle that heads the title
    moves down into the subtitle's empty room, next to the title; None keeps it."""
    roles = ctx.template.layouts["section"].roles
    number, subtitle, title = roles["number"].rect, roles.get("subtitle"), roles["title"].rect
    if subtitle is None:
        return None
    sub = subtitle.rect
    if not (number.y + number.h <= sub.y + 1 and sub.y + sub.h <= title.y + 1):
        return None
    return Rect(number.x, max(sub.y + sub.h - number.h, number.y), number.w, number.h)


def _tight(ctx: PlanContext, texts: dict[str, TextFill]) -> dict[str, Rect]:
    """New boxes for the title and the number, when the layout has the subtitle under
    a title box taller than its text (a one-line title in a box made for two would
    leave a line's height above the subtitle): the title's box shrunk to its text and
    moved down onto the subtitle, the number's (when it is above the title) moved
    down onto the title. Both stay inside the room they had, so clear of artwork."""
    roles = ctx.template.layouts["section"].roles
    title_spec, subtitle_spec = roles["title"], roles.get("subtitle")
    if subtitle_spec is None:
        return {}
    box, sub = title_spec.rect, subtitle_spec.rect
    if sub.y < box.y + box.h - 1 or sub.x >= box.x + box.w or box.x >= sub.x + sub.w:
        return {}
    block = texts["title"].block
    height = min(text_height(ctx, "section", "title", texts["title"]), box.h)
    top = max(min(sub.y - gap(texts["title"]) // 2, box.y + box.h) - height, box.y)
    moved = {"title": Rect(box.x, top, box.w, height)}
    number = roles.get("number")
    if "number" in texts and number is not None and number.rect.y + number.rect.h <= box.y:
        lowest = top - int(block.size * EMU_PER_PT * 0.2) - number.rect.h
        moved["number"] = Rect(number.rect.x, max(lowest, number.rect.y), number.rect.w,
                               number.rect.h)
    return moved


def recipe(r: Placement) -> None:
    """The title, and a small text area (else the subtitle) for the subtitle; the
    number in a box of its own where the layout has no place for it (see `_number`)."""
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
    if "number" in r.roles:
        _number(r)


def _number(r: Placement) -> None:
    """A line for the section number where the layout has none, in free space near the
    title: above the title (or above the subtitle that heads it), else at the top of a
    tall subtitle box under it, else under both. Over a centred title the box is
    narrower and centred on it (the planner centres the number there too)."""
    title = r.slots["title"].rect
    height = r.line_height("number", 1)
    slide = r.info.slide
    edge = int(slide.h * 0.04)
    subtitle = r.slots.get("subtitle")
    width = title.w
    x = title.x
    if r.info.title is not None and _alignment(r.info.title.styles) == "ctr":
        width = title.w // 2
        x = title.x + (title.w - width) // 2
    candidates: list[tuple[Rect, str]] = []
    if subtitle is None or subtitle.rect.y >= title.y:
        candidates.append((Rect(x, title.y - height, width, height), "above the title"))
    else:
        top = subtitle.rect.y
        candidates.append((Rect(x, top - height, width, height), "above the subtitle"))
    if subtitle is not None and subtitle.rect.y >= title.y and subtitle.rect.h >= 3 * height:
        sub = subtitle.rect
        candidates.append((Rect(x, sub.y, width, height), "the top of the subtitle box"))
    bottom = max(title.y + title.h, *(s.rect.y + s.rect.h for s in r.slots.values()))
    candidates.append((Rect(x, bottom, width, height), "under the title"))
    for rect, note in candidates:
        carved = note == "the top of the subtitle box"
        inside = rect.y >= edge and rect.y + rect.h <= slide.h - edge
        clear = r.info.space is None or r.info.space.clear(rect)
        apart = all(not _overlap(rect, s.rect) for role, s in r.slots.items()
                    if not (role == "subtitle" and carved))
        if inside and clear and apart:
            if carved and subtitle is not None:
                sub = subtitle.rect
                r.slots["subtitle"] = subtitle._replace(
                    rect=Rect(sub.x, sub.y + height, sub.w, sub.h - height))
            r.free("number", rect, "free", note, r.info.title)
            return


def _alignment(styles: tuple[etree._Element, ...]) -> str:
    """The alignment a placeholder's first-level text inherits ("l" when none says)."""
    for style in styles:
        for properties in level_properties(style, 0):
            if properties.get("algn"):
                return str(properties.get("algn"))
    return "l"


def _overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


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
        # Where the layout has no place for the number, the recipe makes one.
        Role("number", "number", line_pt=54),
    ),
    hints={"section": 8, "title_slide": 2},
    recipe=recipe,
    design=DESIGN,
)
