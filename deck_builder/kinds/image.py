"""`image`: a picture, as large as the layout allows, with caption and alt text."""

from __future__ import annotations

from typing import Literal

from deck_builder.content import pictures
from deck_builder.content.records import Picture, SlideBase, Text
from deck_builder.kinds.registry import SlideKind
from deck_builder.planning.model import PictureShape, SlidePlan, contain
from deck_builder.planning.planner import PlanContext, one
from deck_builder.template.design import (
    BODY_H,
    BODY_Y,
    LOGO,
    MARGIN,
    RIGHT,
    TITLE_RULE,
    Box,
    LayoutDesign,
    Ph,
    Style,
    title_placeholder,
)
from deck_builder.template.needs import PICTURE, Role
from deck_builder.template.placement import AREA_TYPES, Placement


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
    """One slide: the picture as large as the picture area allows, never stretched.

    `fit: contain` (the default) shows all of it, aligned left on the text's edge with
    the caption beside it; `fit: cover` fills the area, cropped around `focal`.
    """
    spec = ctx.role("image", "picture")
    picture = slide.picture
    texts = {}
    if slide.title:
        texts["title"] = ctx.fit("image", "title", one(slide.title))
    if picture.caption:
        texts["caption"] = ctx.fit("image", "caption", one(picture.caption))
    if picture.fit == "cover":
        rect = spec.rect
    else:
        width, height = pictures.inspect(picture.file)
        rect = contain(spec.rect, width, height, "l")
    focal = (picture.focal[0], picture.focal[1]) if picture.focal else None  # [x, y]
    shape = PictureShape(rect, "Afbeelding", picture.file, picture.alt or "",
                         fit=picture.fit, focal=focal, decorative=picture.decorative)
    return [
        SlidePlan("image", ctx.template.layouts["image"].name, ctx.slide_name(slide), texts,
                  (shape,), ctx.notes(slide))
    ]


def recipe(r: Placement) -> None:
    """The picture in a picture placeholder (else the largest area), the caption in a
    small text area or a line under the picture."""
    r.title(centred=False)
    pictures = r.unused(frozenset({"pic"}))
    if pictures:
        r.take("picture", pictures[0], "exact", "picture placeholder")
    elif r.area("picture", AREA_TYPES) is not None:
        slot = r.slots["picture"]
        r.slots["picture"] = slot._replace(quality="good")
    else:
        r.region_box("picture", "no content placeholder: the content area")
    small = r.small_text_areas()
    if small:
        r.take("caption", small[0], "exact", f"{small[0].type} placeholder")
    else:
        r.carve_bottom("caption", "picture", 2)


_IMAGE_W = 7.9  # ≈ 1.9:1, so both 3:2 photos and 16:9 stills crop gently
_CAPTION_X = MARGIN + _IMAGE_W + 0.45
DESIGN = LayoutDesign(
    dark=False,
    logo=LOGO,
    decorations=(TITLE_RULE,),
    placeholders={
        "title": title_placeholder(),
        "picture": Ph(
            "Afbeelding",
            Box(MARGIN, BODY_Y, _IMAGE_W, BODY_H),
            Style(),
            "Klik op het pictogram om een afbeelding toe te voegen",
            "pic",
        ),
        "caption": Ph(
            "Bijschrift",
            Box(_CAPTION_X, BODY_Y, RIGHT - _CAPTION_X, BODY_H),
            Style(colour="muted"),
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
