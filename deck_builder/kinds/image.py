"""`image`: a picture, as large as the layout allows, with caption and alt text."""

from __future__ import annotations

from typing import Literal

from deck_builder import images
from deck_builder.kinds import SlideKind
from deck_builder.model import Picture, SlideBase, Text
from deck_builder.plan import PlanContext, one
from deck_builder.slideplan import PictureShape, SlidePlan, contain


class ImageSlide(SlideBase):
    """A picture slide; the picture's `alt` text is required for accessibility."""

    kind: Literal["image"]
    title: Text | None = None
    picture: Picture


def plan(slide: ImageSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide: the picture scaled to fit (never cropped or stretched)."""
    spec = ctx.role("image", "picture")
    width, height = images.inspect(slide.picture.file)
    texts = {}
    if slide.title:
        texts["title"] = ctx.fit("image", "title", one(slide.title))
    if slide.picture.caption:
        texts["caption"] = ctx.fit("image", "caption", one(slide.picture.caption))
    # Aligned left, on the text's edge, with the caption beside it.
    shape = PictureShape(contain(spec.rect, width, height, "l"), "Afbeelding", slide.picture.file,
                         slide.picture.alt)
    return [
        SlidePlan("image", ctx.template.layouts["image"].name, ctx.slide_name(slide), texts,
                  (shape,), ctx.notes(slide))
    ]


KIND = SlideKind("image", ImageSlide, ("picture",), plan)
