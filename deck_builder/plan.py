"""Plan a deck: turn the typed model into slide plans (layouts, fitted text, geometry).

Kind-specific planning lives in `deck_builder.kinds`; this module holds the shared
machinery those planners use and `plan_deck`, which runs them in order.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from deck_builder.errors import DeckError, SourceRef
from deck_builder.i18n import LANGUAGES, Language
from deck_builder.model import Deck, Item, SlideBase
from deck_builder.richtext import RichText, Run
from deck_builder.slideplan import (
    EMU_PER_PT,
    LINE_HEIGHT,
    Para,
    Rect,
    SlidePlan,
    TextBlock,
    TextFill,
)

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
        """The template's placeholder for a kind's role.

        Raises DeckError, at the slide, when the template's mapping has no placeholder
        for a role this slide's content needs (an optional one such as a caption).
        """
        layout = self.template.layouts[kind]
        spec = layout.roles.get(role)
        if spec is None:
            raise DeckError(
                f"{self.source}: this {kind} slide needs a placeholder for {role!r}, but "
                f"layout {layout.name!r} has none mapped; add the role under kinds.{kind} "
                f"in {self.template.folder.name}/layouts.yaml, or leave that content out"
            )
        return spec

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
        flow over several slides first (see `flow`).
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
        size = min(size, box.h / EMU_PER_PT / LINE_HEIGHT)
        overflows = size < spec.min_pt
        if overflows:
            size = spec.min_pt
            self.warnings.append(
                f"{self.source}: {words!r} does not fit on one line of its box even at "
                f"{size:g} pt; shorten it"
            )
        return TextFill(TextBlock((Para(text),), math.floor(size * 2) / 2, overflows=overflows),
                        rect)

    def flow(
        self, kind: str, role: str, paragraphs: list[Para], rect: Rect | None = None,
        pages: int | None = None,
    ) -> tuple[list[list[Para]], float]:
        """Spread paragraphs over as few boxes as possible, at the largest common size.

        Breaks fall between top-level items where possible, so a bullet stays with its
        sub-bullets; a single item longer than a box is broken between its paragraphs.
        With `pages` the text may use up to that many boxes (to match another column).
        Returns the chunks (one per slide) and the font size for all of them.
        """
        spec = self.role(kind, role)
        box = rect.inset(*spec.insets) if rect else spec.text_rect
        if not paragraphs:
            return [[]], spec.max_pt
        measurer = self.template.measurer
        if measurer.fits(paragraphs, box.w, box.h, spec.max_pt):
            return [paragraphs], spec.max_pt  # the usual case: one box at full size
        needed = len(self._pack(paragraphs, box, spec.min_pt))
        limit = max(needed, pages or 0)
        # Fewest slides first, then the largest size at which that many slides suffice:
        # the text reads at one size instead of a crammed slide and a sparse one. More
        # text per box needs more boxes as the size grows, so a binary search finds it.
        low, high = round(spec.min_pt * 2), round(spec.max_pt * 2)
        while low < high:
            middle = (low + high + 1) // 2
            if len(self._pack(paragraphs, box, middle / 2)) <= limit:
                low = middle
            else:
                high = middle - 1
        size = low / 2
        return self.flow_at(paragraphs, rect, kind, role, size), size

    def flow_at(
        self, paragraphs: list[Para], rect: Rect | None, kind: str, role: str, size: float
    ) -> list[list[Para]]:
        """Spread paragraphs over boxes at a given size, balancing the last box."""
        spec = self.role(kind, role)
        box = rect.inset(*spec.insets) if rect else spec.text_rect
        if not paragraphs:
            return [[]]
        chunks = self._pack(paragraphs, box, size)
        return self._balance(chunks, box, size) if len(chunks) > 1 else chunks

    def _pack(self, paragraphs: list[Para], box: Rect, size: float) -> list[list[Para]]:
        heights = self.template.measurer.heights(paragraphs, box.w, size)
        # Top-level items with their sub-items are the units that stay together.
        groups: list[list[int]] = []
        for index, para in enumerate(paragraphs):
            if para.level == 0 or not groups:
                groups.append([index])
            else:
                groups[-1].append(index)
        # The height of a chunk is kept as a running total (its first paragraph has
        # no space above), so each paragraph is added once, not re-measured per try.
        chunks: list[list[int]] = []
        current: list[int] = []
        height = 0.0

        def added(index: int) -> float:
            lines, space = heights[index]
            return lines + (space if current else 0.0)

        def grown(indexes: list[int]) -> float:
            total, first = height, not current
            for index in indexes:
                lines, space = heights[index]
                total += lines + (0.0 if first else space)
                first = False
            return total

        for group in groups:
            if grown(group) <= box.h:
                for index in group:
                    height += added(index)
                    current.append(index)
                continue
            if current:
                chunks.append(current)
                current, height = [], 0.0
            for index in group:  # one item longer than a box is broken inside it
                if current and height + added(index) > box.h:
                    chunks.append(current)
                    current, height = [], 0.0
                height += added(index)
                current.append(index)
        if current:
            chunks.append(current)
        return [[paragraphs[i] for i in chunk] for chunk in chunks]

    def _balance(self, chunks: list[list[Para]], box: Rect, size: float) -> list[list[Para]]:
        # Greedy packing fills early slides and leaves the last one nearly empty; move
        # whole top-level items backwards while that makes the last slide less empty
        # and everything still fits.
        measurer = self.template.measurer
        chunks = [list(c) for c in chunks]
        for index in range(len(chunks) - 1, 0, -1):
            while True:
                previous, current = chunks[index - 1], chunks[index]
                cut = max((i for i, p in enumerate(previous) if p.level == 0), default=0)
                if cut == 0:
                    break
                moved = previous[cut:]
                candidate = moved + current
                before = measurer.height(previous[:cut], box.w, size)
                after = measurer.height(candidate, box.w, size)
                if after > box.h or after > before:
                    break
                chunks[index - 1], chunks[index] = previous[:cut], candidate
        return chunks

    def sized(
        self, kind: str, role: str, paragraphs: list[Para], size: float,
        rect: Rect | None = None, color: str | None = None,
    ) -> TextFill:
        """Paragraphs at a size chosen by the caller (e.g. from `flow`)."""
        spec = self.role(kind, role)
        box = rect.inset(*spec.insets) if rect else spec.text_rect
        overflows = not self.template.measurer.fits(paragraphs, box.w, box.h, size)
        if overflows:
            self.warnings.append(
                f"{self.source}: text of {role!r} does not fit its box even at {size:g} pt; "
                "shorten it"
            )
        return TextFill(TextBlock(tuple(paragraphs), size, color, None, overflows), rect)

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
        section = slide.opens_section()
        if section is not None:
            title, given = section
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
