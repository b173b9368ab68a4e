"""`quote`: a quotation with attribution and an optional picture with caption.

Every quote slide has a title, for navigation and screen readers: the slide's own
`title:`, else the deck language's word for a quote ("Citaat"). The attribution is not
used for it: it is already on the slide and read right after the quote, so a title
built from it would show and read the same name twice. A deck with several quotes
gives them titles of their own (the accessibility check reports duplicate titles).
"""

from __future__ import annotations

from typing import Literal

from deck_builder.content import richtext
from deck_builder.content.records import Picture, SlideBase, Text
from deck_builder.kinds import image
from deck_builder.kinds.compose import gap, picture_and_caption, text_height
from deck_builder.kinds.image import ImageSlide
from deck_builder.kinds.registry import SlideKind
from deck_builder.ooxml.geometry import Rect
from deck_builder.planning.model import PictureShape, SlidePlan
from deck_builder.planning.planner import PlanContext, one
from deck_builder.template.design import (
    LOGO,
    LOGO_BOX,
    MARGIN,
    PROMPT_TITLE,
    RIGHT,
    TOP,
    Box,
    Glyph,
    LayoutDesign,
    Ph,
    Style,
)
from deck_builder.template.needs import PICTURE, Role
from deck_builder.template.placement import Placement, halves, stack, union


class QuoteSlide(SlideBase):
    """A quotation; with a picture the quote takes the left part of the slide."""

    kind: Literal["quote"]
    title: Text | None = None
    """A small heading; "Citaat" by default (every slide has a title for screen
    readers).
    Example: Zienswijze Nota Ruimte"""
    quote: Text
    """The quotation (required); in quotes in YAML when it starts with a quote mark.
    Example: '"De Nota Ruimte is een Rijkskader …"'"""
    attribution: Text | None = None
    """Who said or wrote it.
    Example: Ontwerp-Nota Ruimte"""
    picture: Picture | None = None
    """A picture beside the quote; without one the quote uses the full width."""


def plan(slide: QuoteSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide: the quote in italics with its attribution directly under it, as one
    group centred in the room the template gives them; the picture centred in its own
    room with its caption directly under it, centred on it. Without a picture the
    quote widens over the picture's room.

    A quote too long to sit beside its picture at the floor (a template with little
    room) takes the whole width, and the picture follows on a slide of its own, on the
    image layout, titled as continued.

    The default title is left out when the template maps no title for quotes; a title
    the slide gives needs one (an error at the slide otherwise).
    """
    if slide.picture is not None and not _fits_beside(slide, ctx):
        alone = _plan(slide.replace(picture=None), ctx)
        title = slide.title or richtext.parse(richtext.escape(ctx.lang.quote))
        picture = ImageSlide(kind="image", title=ctx.continued(title, 1),
                             picture=slide.picture)
        shown = [plan._replace(name=ctx.slide_name(slide, 1), notes=())
                 for plan in image.plan(picture, ctx)]
        ctx.warn("the quote does not fit beside its picture; the picture follows on a "
                 "slide of its own", "quote")
        return alone + shown
    return _plan(slide, ctx)


def _fits_beside(slide: QuoteSlide, ctx: PlanContext) -> bool:
    """Whether the quote fits its room beside the picture at the floor (grown into the
    clear room around it, as fitting does)."""
    layout = ctx.template.layouts["quote"]
    spec = ctx.role("quote", "quote")
    room = spec.rect
    attribution = layout.roles.get("attribution")
    if attribution is not None:
        room = union(room, attribution.rect)
    quote = one(tuple(run._replace(italic=True) for run in slide.quote))
    return ctx.fits("quote", "quote", quote, Rect(room.x, spec.rect.y, room.w, spec.rect.h))


def _plan(slide: QuoteSlide, ctx: PlanContext) -> list[SlidePlan]:
    layout = ctx.template.layouts["quote"]
    quote_spec = ctx.role("quote", "quote")
    shapes: list[PictureShape] = []
    texts = {}
    title = slide.title
    if title is None and "title" in layout.roles:
        title = richtext.parse(richtext.escape(ctx.lang.quote))
    if title:
        # Read first: the title is how a screen reader announces the slide.
        texts["title"] = ctx.fit("quote", "title", one(title))
    room = quote_spec.rect
    attribution_spec = layout.roles.get("attribution")
    if attribution_spec is not None:  # without an attribution too: no empty strip
        room = union(room, attribution_spec.rect)
    picture_room: Rect | None = None
    if slide.picture is None:
        picture_spec = layout.roles.get("picture")
        if picture_spec is not None and picture_spec.rect.x > room.x:
            right = picture_spec.rect.x + picture_spec.rect.w
            room = Rect(room.x, room.y, right - room.x, room.h)
    else:
        picture_room = ctx.role("quote", "picture").rect
        caption_spec = layout.roles.get("caption")
        if caption_spec is not None and slide.picture.caption:
            picture_room = union(picture_room, caption_spec.rect)
    # Reading order: the title, the quote, who said it, then the picture's caption.
    quote_text = tuple(run._replace(italic=True) for run in slide.quote)
    quote = ctx.fit("quote", "quote", one(quote_text),
                    Rect(room.x, quote_spec.rect.y, room.w, quote_spec.rect.h))
    members = [("quote", quote)]
    if slide.attribution:
        attribution = ctx.fit("quote", "attribution", one(slide.attribution),
                              Rect(room.x, 0, room.w, ctx.role("quote", "attribution").rect.h))
        members.append(("attribution", attribution))
    heights = [text_height(ctx, "quote", role, fill, room.w) for role, fill in members]
    boxes = stack(room, heights, gap(members[-1][1]) if len(members) > 1 else 0)
    for (role, fill), box in zip(members, boxes, strict=True):
        texts[role] = fill._replace(rect=box)
    if slide.picture is not None and picture_room is not None:
        picture = slide.picture
        caption = None
        caption_h = 0
        if picture.caption:
            caption = ctx.fit("quote", "caption", one(picture.caption, align="ctr"),
                              Rect(0, 0, picture_room.w, ctx.role("quote", "caption").rect.h))
            caption_h = text_height(ctx, "quote", "caption", caption, picture_room.w)
        at, under, pixels = picture_and_caption(picture_room, picture.file, picture.fit,
                                                caption_h, gap(caption) if caption else 0,
                                                picture_room.w)
        focal = (picture.focal[0], picture.focal[1]) if picture.focal else None  # [x, y]
        shapes.append(PictureShape(at, "Afbeelding", picture.file, picture.alt or "", None,
                                   picture.fit, focal, picture.decorative, pixels))
        if caption is not None and under is not None:
            texts["caption"] = ctx.fit("quote", "caption", one(picture.caption, align="ctr"),
                                       under)
    return [
        SlidePlan("quote", layout.name, ctx.slide_name(slide), texts, tuple(shapes),
                  ctx.notes(slide))
    ]


def recipe(r: Placement) -> None:
    """The quote on the left with its attribution under it, the picture on the right
    with its caption: in two columns of the layout, else side by side in one area."""
    if "title" in r.roles:
        r.title(centred=False)
    columns = r.columns()
    if columns is not None:
        quote = columns[0][-1]
        r.take("quote", quote, "exact", f"{quote.type} placeholder, left column")
        pictures = [a for a in r.unused(frozenset({"pic"}))]
        picture = pictures[0] if pictures else columns[1][-1]
        r.take("picture", picture, "exact" if picture.type == "pic" else "good",
               f"{picture.type} placeholder, right column")
        # A column's heading area is above it: the attribution and the caption go
        # under what they belong to instead.
        r.carve_bottom("caption", "picture", 2)
        r.carve_bottom("attribution", "quote", 2)
        return
    pictures = r.unused(frozenset({"pic"}))
    if pictures:
        r.take("picture", pictures[0], "exact", "picture placeholder")
    area = r.area("quote")
    if area is None and r.info.subtitle is not None:
        r.take("quote", r.info.subtitle, "good", "subtitle placeholder")
    elif area is None:
        r.region_box("quote", "no content placeholder: the content area")
    if "picture" not in r.slots:
        # The quote on the left, the picture on the right of the same area.
        slot = r.slots["quote"]
        left, right = halves(slot.rect, 0.56)
        r.slots["quote"] = slot._replace(rect=left, quality="carved" if not slot.free
                                         else "free")
        r.free("picture", right, "carved", "the right part of the content area")
        r.carve_bottom("caption", "picture", 2)
    else:
        r.carve_bottom("caption", "picture", 2)
    r.carve_bottom("attribution", "quote", 2)


_QUOTE_W = 7.35
_PICTURE_X = RIGHT - 3.75
DESIGN = LayoutDesign(
    dark=False,
    logo=LOGO,
    decorations=(
        # Under the title, its top clear of it; the glyph's ink sits in the top of its box.
        Glyph("Aanhalingsteken", Box(MARGIN - 0.09, 1.12, 1.3, 0.75), "“", 150, "accent"),
    ),
    placeholders={
        # A quiet label on the logo's top line, not a headline: the quote is the
        # slide's message, the title only names it for navigation and screen readers.
        "title": Ph(
            "Titel",
            Box(MARGIN, TOP, LOGO_BOX.x - 0.4 - MARGIN, 0.5),
            Style(colour="muted", bold=True, spaced=False),
            PROMPT_TITLE,
            "title",
        ),
        "quote": Ph(
            "Citaat",
            Box(MARGIN, 2.35, _QUOTE_W, 2.9),
            Style(colour="primary", italic=True),
            "Citaat",
        ),
        "attribution": Ph(
            "Bron",
            Box(MARGIN, 5.75, _QUOTE_W, 0.7),
            Style(colour="muted"),
            "Naam, functie",
        ),
        "picture": Ph(
            "Foto",
            Box(_PICTURE_X, 1.95, 3.75, 3.65),
            Style(),
            "Klik op het pictogram om een foto toe te voegen",
            "pic",
        ),
        "caption": Ph(
            "Bijschrift",
            Box(_PICTURE_X, 5.75, 3.75, 0.7),
            Style(colour="muted"),
            "Bijschrift",
        ),
    },
)

KIND = SlideKind(
    name="quote",
    model=QuoteSlide,
    plan=plan,
    fields={"caption": "picture.caption"},
    roles=(
        Role("quote", "quote", required=True),
        Role("title", "heading"),
        Role("attribution", "line"),
        Role("picture", PICTURE),
        Role("caption", "line"),
    ),
    layout_names=("quote", "citaat", "zitat", "citation", "cita", "citazione"),
    hints={"quote": 8},
    recipe=recipe,
    design=DESIGN,
)
