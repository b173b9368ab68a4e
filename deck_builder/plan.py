"""Plan a deck: turn the typed model into slide plans (layouts, fitted text, geometry).

Kind-specific planning lives in `deck_builder.kinds`; this module holds the shared
machinery those planners use and `plan_deck`, which runs them in order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from deck_builder.errors import SourceRef
from deck_builder.i18n import LANGUAGES, Language
from deck_builder.model import Deck, Item, SlideBase
from deck_builder.richtext import RichText, Run
from deck_builder.slideplan import Para, Rect, SlidePlan, TextBlock, TextFill

if TYPE_CHECKING:
    from deck_builder.template import RoleSpec, Template


@dataclass
class PlanContext:
    """What a kind's planner may know: the deck, the template, the language, warnings."""

    deck: Deck
    template: Template
    sections: list[tuple[str, RichText]] = field(default_factory=list)
    section_numbers: dict[int, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    index: int = 0  # position of the slide being planned in deck.slides

    @property
    def lang(self) -> Language:
        """The deck's language."""
        return LANGUAGES[self.deck.meta.language]

    @property
    def source(self) -> SourceRef:
        """Where the slide being planned is written."""
        return self.deck.sources[self.index]

    def colour(self, name: str) -> str:
        """A brand colour as hex."""
        return self.template.brand.colours[name]

    def role(self, kind: str, role: str) -> RoleSpec:
        """The template's placeholder for a kind's role."""
        return self.template.layouts[kind].roles[role]

    def fit(
        self,
        kind: str,
        role: str,
        paragraphs: list[Para],
        rect: Rect | None = None,
        color: str | None = None,
        bold: bool | None = None,
        max_pt: float | None = None,
    ) -> TextFill:
        """Fit paragraphs into a role's placeholder (or `rect` in its place).

        When the text does not fit at the role's minimum size it is set at the minimum
        and a warning is recorded; callers that can continue on a new slide should
        split first (see `split_to_fit`).
        """
        spec = self.role(kind, role)
        box = rect.inset(*spec.insets) if rect else spec.text_rect
        top = min(max_pt or spec.max_pt, spec.max_pt)
        size = self.template.measurer.fit(paragraphs, box.w, box.h, top, min(spec.min_pt, top))
        overflows = size is None
        if size is None:
            size = spec.min_pt
            self.warnings.append(
                f"{self.source}: text of {role!r} does not fit its box even at {size:g} pt; "
                "shorten it"
            )
        return TextFill(TextBlock(tuple(paragraphs), size, color, bold, overflows), rect)

    def fit_line(self, kind: str, role: str, text: RichText, rect: Rect | None = None) -> TextFill:
        """Fit a short text (a figure, a number) on one line, as large as the role allows."""
        spec = self.role(kind, role)
        box = rect.inset(*spec.insets) if rect else spec.text_rect
        words = "".join(run.text for run in text)
        bold = any(run.bold for run in text)
        size = self.template.measurer.single_line_size(words, box.w, spec.max_pt, bold)
        height_cap = box.h / 12700 / 1.2
        size = max(min(size, height_cap), 1.0)
        return TextFill(TextBlock((Para(text),), round(size * 2) / 2), rect)

    def split_to_fit(
        self, kind: str, role: str, paragraphs: list[Para], rect: Rect | None = None
    ) -> list[list[Para]]:
        """Split paragraphs into chunks that each fit the role's box at its minimum size.

        Chunks break between top-level items where possible, so a bullet stays with
        its sub-bullets; a single item too long for one slide is broken between its
        paragraphs. Returns one chunk when everything fits.
        """
        spec = self.role(kind, role)
        box = rect.inset(*spec.insets) if rect else spec.text_rect
        measurer = self.template.measurer
        size = spec.min_pt

        def fits(chunk: list[Para]) -> bool:
            return measurer.fits(chunk, box.w, box.h, size)

        if fits(paragraphs):
            return [paragraphs]
        groups: list[list[Para]] = []
        for para in paragraphs:
            if para.level == 0 or not groups:
                groups.append([para])
            else:
                groups[-1].append(para)
        chunks: list[list[Para]] = []
        current: list[Para] = []
        for group in groups:
            if fits(current + group):
                current = current + group
                continue
            if current:
                chunks.append(current)
                current = []
            if fits(group):
                current = list(group)
                continue
            for para in group:  # one item longer than a slide: break inside it
                if current and not fits([*current, para]):
                    chunks.append(current)
                    current = []
                current.append(para)
        if current:
            chunks.append(current)
        return chunks

    def continued(self, title: RichText, part: int) -> RichText:
        """The title of continuation slide `part` (0 is the first, unchanged)."""
        if part == 0:
            return title
        return (*title, Run(f" ({self.lang.continued})"))

    def slide_name(self, slide: SlideBase, part: int = 0) -> str:
        """The slide's name in the deck: `<kind>:<id or position>[:<part>]`."""
        name = f"{slide.kind}:{slide.id or self.index + 1}"
        return f"{name}:{part + 1}" if part else name

    def notes(self, slide: SlideBase) -> tuple[Para, ...]:
        """Speaker notes as paragraphs."""
        return tuple(paragraphs(slide.notes or ()))


def paragraphs(items: tuple[Item, ...], level: int = 0) -> list[Para]:
    """Flatten nested items into paragraphs with levels."""
    result: list[Para] = []
    for item in items:
        result.append(Para(item.text, level, item.bullet))
        result.extend(paragraphs(item.items, level + 1))
    return result


def one(text: RichText | None, **kwargs: Any) -> list[Para]:
    """A single paragraph list for optional text (empty when there is no text)."""
    return [Para(text, **kwargs)] if text else []


Planner = Callable[[Any, PlanContext], list[SlidePlan]]


def plan_deck(
    deck: Deck, template: Template, planners: Mapping[str, Planner]
) -> tuple[list[SlidePlan], list[str]]:
    """Plan every slide in order; returns the plans and the warnings."""
    context = PlanContext(deck, template)
    number = 0
    for index, slide in enumerate(deck.slides):
        if slide.kind == "section":
            title = slide.title  # type: ignore[attr-defined]
            given = slide.number  # type: ignore[attr-defined]
            number += 1
            label = given if given is not None else f"{number:02d}"
            context.section_numbers[index] = label
            context.sections.append((label, title))
    plans: list[SlidePlan] = []
    for index, slide in enumerate(deck.slides):
        context.index = index
        for plan in planners[slide.kind](slide, context):
            plans.append(plan)
    return plans, context.warnings
