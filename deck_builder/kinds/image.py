"""`image`: a picture, as large as the layout allows, with caption and alt text."""

from __future__ import annotations

from typing import Literal

from deck_builder.content.records import Picture, SlideBase, Text
from deck_builder.kinds.compose import gap, picture_and_caption, place_figure, text_height
from deck_builder.kinds.registry import SlideKind
from deck_builder.ooxml.geometry import Rect
from deck_builder.planning.model import PictureShape, SlidePlan
from deck_builder.planning.planner import PlanContext, one
from deck_builder.template.artwork import overlaps
from deck_builder.template.design import (
    BODY_BOTTOM,
    BODY_H,
    BODY_Y,
    CONTENT_W,
    LOGO,
    MARGIN,
    TITLE_RULE,
    Box,
    LayoutDesign,
    Ph,
    Style,
    title_placeholder,
)
from deck_builder.template.needs import PICTURE, Role
from deck_builder.template.placement import AREA_TYPES, Placement, union


class ImageSlide(SlideBase):
    """A picture slide; the picture's `alt` text is required for accessibility."""

    kind: Literal["image"]
    title: Text | None = None
    """The slide's title (optional; screen readers navigate by slide titles).
    Example: Gebiedsprocessen"""
    picture: Picture
    """The picture, as large as the slide allows, with its `alt` text and an optional
    caption.
    Example: {file: images/kaart.png, alt: Kaart van de provincie}"""


def plan(slide: ImageSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide: the picture as large as the picture's room allows, never stretched,
    centred in it; a caption directly under it, centred on it. The room is the
    picture's and the caption's boxes together, so a picture without a caption uses
    all of it.

    `fit: contain` (the default) shows all of the picture; `fit: cover` fills the room
    (above the caption), cropped around `focal`.
    """
    layout = ctx.template.layouts["image"]
    picture = slide.picture
    room = ctx.role("image", "picture").rect
    caption_spec = layout.roles.get("caption")
    title_spec = layout.roles.get("title")
    # The caption's box joins the picture's room, unless the template puts the title
    # between them (pandoc's "Picture with Caption"): then the caption goes directly
    # under the picture within the picture's own box, and the title stays clear.
    apart = caption_spec is not None and title_spec is not None and slide.title is not None \
        and overlaps(union(room, caption_spec.rect), title_spec.rect)
    if caption_spec is not None and not apart:
        room = union(room, caption_spec.rect)
    texts = {}
    if slide.title:
        texts["title"] = ctx.fit("image", "title", one(slide.title))
    caption = None
    caption_h = 0
    if picture.caption:
        caption_box = Rect(room.x, room.y, room.w, ctx.role("image", "caption").rect.h)
        caption = ctx.fit("image", "caption", one(picture.caption, align="ctr"), caption_box)
        caption_h = text_height(ctx, "image", "caption", caption, room.w)
    rect, under, pixels = picture_and_caption(room, picture.file, picture.fit, caption_h,
                                              gap(caption) if caption else 0, room.w)
    if caption is not None and under is not None:
        texts["caption"] = ctx.fit("image", "caption", one(picture.caption, align="ctr"), under)
    focal = (picture.focal[0], picture.focal[1]) if picture.focal else None  # [x, y]
    shape = PictureShape(rect, "Afbeelding", picture.file, picture.alt or "",
                         fit=picture.fit, focal=focal, decorative=picture.decorative,
                         pixels=pixels)
    return [
        SlidePlan("image", layout.name, ctx.slide_name(slide), texts, (shape,),
                  ctx.notes(slide))
    ]


def recipe(r: Placement) -> None:
    """The picture in a picture placeholder (else the largest area), the caption in a
    small text area or a line under the picture."""
    place_figure(r, "picture", "pic", AREA_TYPES, 2)


_CAPTION_H = 0.5
DESIGN = LayoutDesign(
    dark=False,
    logo=LOGO,
    decorations=(TITLE_RULE,),
    placeholders={
        "title": title_placeholder(),
        # The picture over the whole content area, its caption centred under it.
        "picture": Ph(
            "Afbeelding",
            Box(MARGIN, BODY_Y, CONTENT_W, BODY_H - _CAPTION_H - 0.1),
            Style(),
            "Klik op het pictogram om een afbeelding toe te voegen",
            "pic",
        ),
        "caption": Ph(
            "Bijschrift",
            Box(MARGIN, BODY_BOTTOM - _CAPTION_H, CONTENT_W, _CAPTION_H),
            Style(colour="muted", align="ctr"),
            "Bijschrift bij de afbeelding",
        ),
    },
)

KIND = SlideKind(
    name="image",
    model=ImageSlide,
    plan=plan,
    fields={"caption": "picture.caption"},
    roles=(
        Role("picture", PICTURE, required=True),
        Role("title", "heading"),
        Role("caption", "line"),
    ),
    hints={"picture_caption": 5},
    recipe=recipe,
    design=DESIGN,
)
