"""`title`: the opening slide with the deck title, subtitle, meeting, date and presenter."""

from __future__ import annotations

from typing import Literal

from deck_builder.content import richtext
from deck_builder.content.records import DeckMeta, SlideBase, Text
from deck_builder.content.richtext import RichText
from deck_builder.kinds.compose import contained
from deck_builder.kinds.registry import SlideKind
from deck_builder.planning.model import BoxShape, Para, PictureShape, Shape, SlidePlan
from deck_builder.planning.planner import PlanContext, one
from deck_builder.template.design import (
    DARK_MOTIF,
    DARK_TEXT_W,
    DARK_TITLE_STYLE,
    MARGIN,
    NEGATIVE_LOGO,
    Box,
    LayoutDesign,
    Ph,
    Style,
    dark_rule,
)
from deck_builder.template.needs import PICTURE, Role
from deck_builder.template.placement import Placement


class TitleSlide(SlideBase):
    """Deck title slide; every field defaults to the deck's metadata."""

    kind: Literal["title"]
    title: Text | None = None
    """The deck's title by default."""
    subtitle: Text | None = None
    """The deck's subtitle by default (an afdeling's deck adds its meeting)."""
    date: Text | None = None
    """The date line, as text; by default the deck's date written out (an afdeling's
    deck: its meeting's date, time and place).
    Example: 4 december 2025"""
    presenter: Text | None = None
    """The deck's presenter by default."""


def plan(slide: TitleSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide; metadata fills what the slide does not say.

    For a meeting (a variant sets `meeting`/`host`), the subtitle gains a line naming
    it, and the date line carries the time and place. Text taken from the metadata is
    left out where the template has no place for it; text the slide gives is not.
    """
    meta = ctx.deck.meta
    roles = ctx.template.layouts["title"].roles

    def chosen(role: str, given: RichText | None, default: RichText | None) -> RichText | None:
        return given or (default if role in roles else None)

    title = slide.title or _text(meta.title)
    occasion = " · ".join(part for part in (meta.meeting, meta.host) if part)
    subtitle_lines = [
        chosen("subtitle", slide.subtitle, _text(meta.subtitle)),
        chosen("subtitle", None, _text(occasion)),
    ]
    date = chosen("date", slide.date, _text(_date_line(meta, ctx)))
    presenter = chosen("presenter", slide.presenter, _text(meta.presenter))
    texts = {"title": ctx.fit("title", "title", one(title))}
    shapes = _host_logo(meta, ctx) if meta.logo else ()
    subtitle = [Para(line) for line in subtitle_lines if line]
    if subtitle:
        texts["subtitle"] = ctx.fit("title", "subtitle", subtitle)
    for role, text in (("date", date), ("presenter", presenter)):
        if text:
            texts[role] = ctx.fit("title", role, one(text))
    return [
        SlidePlan("title", ctx.template.layouts["title"].name, ctx.slide_name(slide), texts,
                  shapes, ctx.notes(slide))
    ]


def _host_logo(meta: DeckMeta, ctx: PlanContext) -> tuple[Shape, ...]:
    # On a white tile, so any logo reads on the dark title background.
    spec = ctx.template.layouts["title"].roles.get("logo")
    if spec is None or meta.logo is None:
        return ()
    pad = spec.rect.h // 8
    tile = BoxShape(spec.rect, "Logo organisator achtergrond", fill=ctx.colour("background"),
                    rounded=True)
    at, pixels = contained(spec.rect.inset(pad, pad, pad, pad), meta.logo)
    picture = PictureShape(at, "Logo organisator", meta.logo,
                           f"Logo {meta.host or ''}".strip(), pixels=pixels)
    return (tile, picture)


def _date_line(meta: DeckMeta, ctx: PlanContext) -> str:
    parts = [ctx.lang.long_date(meta.date), ctx.lang.time_span(meta.start, meta.end),
             meta.place or ""]
    return " · ".join(part for part in parts if part)


def _text(value: str | None) -> RichText | None:
    # Metadata is plain text: shown as written, markup characters included.
    return richtext.parse(richtext.escape(value)) if value else None


def recipe(r: Placement) -> None:
    """A centred title, the subtitle under it, then a line each for date and presenter."""
    r.title(centred=True)
    subtitle = r.info.subtitle
    if subtitle is not None:
        r.take("subtitle", subtitle, "exact", "subtitle placeholder")
    else:
        small = r.small_text_areas()
        if small:
            r.take("subtitle", small[0], "good", f"{small[0].type} placeholder")
        elif r.area("subtitle", big=False) is None:
            r.free_below_title("subtitle", 2)
    for role in ("date", "presenter"):
        spare = r.small_text_areas()
        if spare:
            r.take(role, spare[0], "good", f"{spare[0].type} placeholder")
        else:
            r.carve_bottom(role, "subtitle", 1)


DESIGN = LayoutDesign(
    dark=True,
    layout_type="title",
    logo=NEGATIVE_LOGO,
    decorations=(
        *DARK_MOTIF,
        dark_rule(4.35),
    ),
    placeholders={
        "title": Ph(
            "Titel",
            Box(MARGIN, 1.6, DARK_TEXT_W, 2.55),
            DARK_TITLE_STYLE,
            "Titel van de presentatie",
            "ctrTitle",
        ),
        "subtitle": Ph(
            "Ondertitel",
            Box(MARGIN, 4.65, DARK_TEXT_W, 1.05),
            Style(colour="light"),
            "Ondertitel",
            "subTitle",
        ),
        # Date above presenter: the planner writes them in this order, and the shape
        # order on a slide is its reading order, so what is seen first is read first.
        "date": Ph(
            "Datum",
            Box(MARGIN, 5.8, 6.0, 0.4),
            Style(colour="light", anchor="b"),
            "Datum",
        ),
        "presenter": Ph(
            "Spreker",
            Box(MARGIN, 6.2, 6.0, 0.4),
            Style(colour="background", bold=True),
            "Naam spreker, functie",
        ),
        # Where a variant shows the logo of the afdeling that hosts the meeting.
        "logo": Ph(
            "Logo organisator",
            Box(9.9, 4.95, 2.68, 1.25),
            Style(),
            "Logo van de organisator",
            "pic",
        ),
    },
)

KIND = SlideKind(
    name="title",
    model=TitleSlide,
    plan=plan,
    roles=(
        Role("title", "display", required=True),
        Role("subtitle", "subtitle"),
        Role("date", "line"),
        Role("presenter", "line"),
        # A host's logo goes only where layouts.yaml maps a picture placeholder.
        Role("logo", PICTURE, decoration=True),
    ),
    hints={"title_slide": 8},
    recipe=recipe,
    design=DESIGN,
)
