"""`quote`: a quotation with attribution and an optional picture with caption.

Every quote slide has a title, for navigation and screen readers: the slide's own
`title:`, else the deck language's word for a quote ("Citaat"). The attribution is not
used for it: it is already on the slide and read right after the quote, so a title
built from it would show and read the same name twice. A deck with several quotes
gives them titles of their own (the accessibility check reports duplicate titles).
"""

from __future__ import annotations

from typing import Literal

from deck_builder.content import pictures, richtext
from deck_builder.content.records import Picture, SlideBase, Text
from deck_builder.kinds import SlideKind
from deck_builder.planning.model import PictureShape, Rect, SlidePlan, place
from deck_builder.planning.planner import PlanContext, one


class QuoteSlide(SlideBase):
    """A quotation; with a picture the quote takes the left part of the slide."""

    kind: Literal["quote"]
    title: Text | None = None
    quote: Text
    attribution: Text | None = None
    picture: Picture | None = None


def plan(slide: QuoteSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide; without a picture the quote widens over the picture's place.

    The default title is left out when the template maps no title for quotes; a title
    the slide gives needs one (an error at the slide otherwise).
    """
    quote_spec = ctx.role("quote", "quote")
    quote_rect: Rect | None = None
    shapes: list[PictureShape] = []
    texts = {}
    title = slide.title
    if title is None and "title" in ctx.template.layouts["quote"].roles:
        title = richtext.parse(richtext.escape(ctx.lang.quote))
    if title:
        # Read first: the title is how a screen reader announces the slide.
        texts["title"] = ctx.fit("quote", "title", one(title))
    if slide.picture is None:
        picture_spec = ctx.template.layouts["quote"].roles.get("picture")
        if picture_spec is not None and picture_spec.rect.x > quote_spec.rect.x:
            right = picture_spec.rect.x + picture_spec.rect.w
            quote_rect = Rect(quote_spec.rect.x, quote_spec.rect.y,
                              right - quote_spec.rect.x, quote_spec.rect.h)
    else:
        picture_spec = ctx.role("quote", "picture")
        picture = slide.picture
        width, height = pictures.inspect(picture.file)
        shapes.append(
            PictureShape(place(picture_spec.rect, width, height, picture.fit), "Afbeelding",
                         picture.file, picture.alt or "", None, picture.fit, picture.focal,
                         picture.decorative)
        )
    # Reading order: the title, the quote, who said it, then the picture's caption.
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
