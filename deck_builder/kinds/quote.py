"""`quote`: a quotation with attribution and an optional picture with caption."""

from __future__ import annotations

from typing import Literal

from deck_builder import images
from deck_builder.kinds import SlideKind
from deck_builder.model import Picture, SlideBase, Text
from deck_builder.plan import PlanContext, one
from deck_builder.slideplan import PictureShape, Rect, SlidePlan, contain


class QuoteSlide(SlideBase):
    """A quotation; with a picture the quote takes the left part of the slide."""

    kind: Literal["quote"]
    quote: Text
    attribution: Text | None = None
    picture: Picture | None = None


def plan(slide: QuoteSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide; without a picture the quote widens over the picture's place."""
    quote_spec = ctx.role("quote", "quote")
    quote_rect: Rect | None = None
    shapes: list[PictureShape] = []
    texts = {}
    if slide.picture is None:
        picture_spec = ctx.template.layouts["quote"].roles.get("picture")
        if picture_spec is not None and picture_spec.rect.x > quote_spec.rect.x:
            right = picture_spec.rect.x + picture_spec.rect.w
            quote_rect = Rect(quote_spec.rect.x, quote_spec.rect.y,
                              right - quote_spec.rect.x, quote_spec.rect.h)
    else:
        picture_spec = ctx.role("quote", "picture")
        width, height = images.inspect(slide.picture.file)
        shapes.append(
            PictureShape(contain(picture_spec.rect, width, height), "Afbeelding",
                         slide.picture.file, slide.picture.alt)
        )
    # Reading order: the quote, who said it, then the picture's caption.
    texts["quote"] = ctx.fit("quote", "quote", one(slide.quote), quote_rect)
    if slide.attribution:
        texts["attribution"] = ctx.fit("quote", "attribution", one(slide.attribution))
    if slide.picture is not None and slide.picture.caption:
        texts["caption"] = ctx.fit("quote", "caption", one(slide.picture.caption))
    return [
        SlidePlan("quote", ctx.template.layouts["quote"].name, ctx.slide_name(slide), texts,
                  tuple(shapes), ctx.notes(slide))
    ]


KIND = SlideKind("quote", QuoteSlide, ("quote",), plan)
