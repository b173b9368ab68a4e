"""`image`: a picture, as large as the layout allows, with caption and alt text."""

from __future__ import annotations

from typing import Literal

from deck_builder.content import pictures
from deck_builder.content.records import Picture, SlideBase, Text
from deck_builder.kinds import SlideKind
from deck_builder.planning.model import PictureShape, SlidePlan, contain
from deck_builder.planning.planner import PlanContext, one


class ImageSlide(SlideBase):
    """A picture slide; the picture's `alt` text is required for accessibility."""

    kind: Literal["image"]
    title: Text | None = None
    picture: Picture


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
    shape = PictureShape(rect, "Afbeelding", picture.file, picture.alt or "",
                         fit=picture.fit, focal=picture.focal, decorative=picture.decorative)
    return [
        SlidePlan("image", ctx.template.layouts["image"].name, ctx.slide_name(slide), texts,
                  (shape,), ctx.notes(slide))
    ]


KIND = SlideKind("image", ImageSlide, ("picture",), plan)
