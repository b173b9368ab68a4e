"""`slides-from`: slides of another presentation, copied in as they are.

`{kind: slides-from, file: bibliotheek/over-de-vng.pptx, slides: [3, "Kaart"]}` copies
those slides (by number, or by title) with everything on them: pictures, charts and
their workbooks, media, links, and their speaker notes. Each goes on the layout of the
template that serves the kind its own layout stands for (a section header on the
section layout, two contents on the two-column layout, …), so the template's
background and footers frame it; the slide keeps its own shapes where they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from deck_builder.content import decks, richtext
from deck_builder.content.records import NonEmpty, SlideBase
from deck_builder.content.schema import Items
from deck_builder.kinds.registry import SlideKind
from deck_builder.ooxml.geometry import Rect
from deck_builder.planning.model import Canvas, Para, SlidePlan
from deck_builder.planning.planner import PlanContext

# The kind whose layout a copied slide takes, by the type its own layout declares.
_LAYOUT_KINDS = {
    "title": "title",
    "secHead": "section",
    "twoObj": "two-column",
    "twoTxTwoObj": "two-column",
    "twoColTx": "two-column",
    "picTx": "image",
    "titleOnly": "partners",
}
_FALLBACK = "bullets"


class SlidesFromSlide(SlideBase):
    """Slides of another presentation (.pptx or .potx in the content folder)."""

    kind: Literal["slides-from"]
    file: Path
    """The presentation, relative to this YAML file, inside the content folder.
    Example: bibliotheek/over-de-vng.pptx"""
    slides: Annotated[tuple[NonEmpty, ...], Items(min=1)]
    """Which slides, in the order wanted: numbers (from 1) or titles.
    Example: [3, "Kaart gebiedsprocessen"]"""


@dataclass(frozen=True)
class CopiedSlide:
    """A whole slide of `deck` (its part `part`) drawn in place of a slide's content."""

    rect: Rect
    deck: decks.ForeignDeck
    part: str

    def draw(self, canvas: Canvas) -> None:
        """The renderer copies the slide (see Canvas.copy_slide)."""
        canvas.copy_slide(self.deck.members, self.part)


def plan(slide: SlidesFromSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide per slide asked for; an unknown number or title is an error that
    lists the slides the presentation has."""
    try:
        deck = decks.inspect(slide.file)
    except decks.DeckProblem as problem:
        ctx.error(str(problem), "file")
        return []
    whole = Rect(0, 0, ctx.template.slide_width, ctx.template.slide_height)
    plans: list[SlidePlan] = []
    for wanted in slide.slides:
        found = deck.find(int(wanted) if wanted.isdigit() else wanted)
        if found is None:
            what = f"slide {wanted}" if wanted.isdigit() else f"slide titled {wanted!r}"
            ctx.error(f"{slide.file.name} has no {what}; its slides: {deck.listing()}",
                      "slides")
            continue
        kind = _LAYOUT_KINDS.get(found.layout_type, _FALLBACK)
        if kind not in ctx.template.layouts:
            kind = _FALLBACK
        layout = ctx.template.layouts[kind]
        notes = ctx.notes(slide) or tuple(
            Para(richtext.parse(richtext.escape(line))) for line in found.notes)
        # The plan is the borrowed kind's (its layout, none of its roles filled).
        plans.append(SlidePlan(kind, layout.name,
                               ctx.slide_name(slide, len(plans)),
                               {}, (CopiedSlide(whole, deck, found.part),), notes))
    return plans


KIND = SlideKind(
    name="slides-from",
    model=SlidesFromSlide,
    plan=plan,
    # No layout of its own: a copied slide borrows the layout of the kind its own
    # layout stands for, so the kind asks nothing of a template.
    roles=(),
    literal=frozenset({"slides"}),
)
