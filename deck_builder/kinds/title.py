"""`title`: the opening slide with the deck title, subtitle, meeting, date and presenter."""

from __future__ import annotations

from typing import Literal

from deck_builder.content import pictures, richtext
from deck_builder.content.records import DeckMeta, SlideBase, Text
from deck_builder.content.richtext import RichText
from deck_builder.kinds import SlideKind
from deck_builder.planning.model import BoxShape, Para, PictureShape, Shape, SlidePlan, contain
from deck_builder.planning.planner import PlanContext, one


class TitleSlide(SlideBase):
    """Deck title slide; every field defaults to the deck's metadata."""

    kind: Literal["title"]
    title: Text | None = None
    subtitle: Text | None = None
    date: Text | None = None
    presenter: Text | None = None


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
    width, height = pictures.inspect(meta.logo)
    tile = BoxShape(spec.rect, "Logo organisator achtergrond", fill=ctx.colour("background"),
                    rounded=True)
    picture = PictureShape(contain(spec.rect.inset(pad, pad, pad, pad), width, height),
                           "Logo organisator", meta.logo, f"Logo {meta.host or ''}".strip())
    return (tile, picture)


def _date_line(meta: DeckMeta, ctx: PlanContext) -> str:
    parts = [ctx.lang.long_date(meta.date), ctx.lang.time_span(meta.start, meta.end),
             meta.place or ""]
    return " · ".join(part for part in parts if part)


def _text(value: str | None) -> RichText | None:
    # Metadata is plain text: shown as written, markup characters included.
    return richtext.parse(richtext.escape(value)) if value else None


KIND = SlideKind("title", TitleSlide, ("title",), plan)
