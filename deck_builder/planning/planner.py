"""Plan a deck: turn the typed model into slide plans (layouts, fitted text, geometry).

Kind-specific planning lives in `deck_builder.kinds`; this module holds the shared
machinery those planners use and `plan_deck`, which runs them in order.

Text always fits: PowerPoint applies "shrink text on overflow" only once someone edits
the text, so every size is chosen here, by measuring (see `text_fit`), and written out.
For each text box:

1. the template's size (the role's `max_pt` in layouts.yaml) when the text fits at it;
2. else the largest size, in half points, down to the role's floor: its `min_pt` in
   layouts.yaml (the brand's setting, e.g. 14 pt for body text), but never below
   `ABSOLUTE_MIN_PT` (12 pt), whatever a layouts.yaml says;
3. else, where the kind can (bullets, agenda, two-column, partner grids), continuation
   slides titled "<title> (vervolg)" (the word follows the deck's language): as few as
   the floor allows, at the largest size that needs no more, all at one size, split
   where the slides come out evenly full (see `continuation`); a bullet split from its
   sub-bullets is repeated above them, marked "(vervolg)";
4. else an error: a title, or one item, that does not fit even at the floor on a slide
   of its own, at the item's own `file:line:col`.

A box too small for its text at the floor (a placeholder cut down to clear the
template's artwork) first takes the clear room around it (`room`).

A shrink of more than `NOTICEABLE_SHRINK` below the template's size, and every split,
is a warning at the slide's `file:line:col` (half a point less is not news);
`plan_deck(..., strict=True)` turns those warnings into errors.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from deck_builder.content.i18n import LANGUAGES, Language
from deck_builder.content.records import Deck, Item, SlideBase
from deck_builder.content.richtext import RichText, Run
from deck_builder.errors import DeckError, Problem, ProblemCollector, SourceRef
from deck_builder.ooxml.geometry import EMU_PER_PT, Rect
from deck_builder.planning.continuation import Measured, Split, parents, split
from deck_builder.planning.model import Para, SlidePlan, TextBlock, TextFill
from deck_builder.planning.text_fit import PLAIN, TextMeasurer
from deck_builder.template.model import TextStyle

if TYPE_CHECKING:
    from deck_builder.template.load import RoleSpec, Template

ABSOLUTE_MIN_PT = 12.0
"""No fitted text is set smaller than this, whatever a brand's layouts.yaml allows."""

NOTICEABLE_SHRINK = 0.15
"""A size more than this share under the template's size is reported; less is not."""

_EXCERPT = 40  # characters of an item quoted in a message
_ROOM_GAP = int(0.1 * 914400)  # between a grown box and the boxes around it (EMU)


def shrunk_noticeably(size: float, top: float) -> bool:
    """Whether text set at `size` instead of the template's `top` is worth a warning:
    more than NOTICEABLE_SHRINK smaller."""
    return size < top * (1 - NOTICEABLE_SHRINK)


class Splits:
    """Splits of paragraphs into boxes (`continuation.split` of their measured heights),
    remembered for one measurer: fitting asks again at sizes its search has tried, and
    the decks of a batch share most of their text.

    Made by the caller and passed to `plan_deck` (a build session keeps one for its
    decks, beside its measurer). An answer depends only on the question (paragraphs,
    box, size, style, marker, box count) and the measurer's fonts, so what a deck is
    planned to never depends on what was asked before.
    """

    def __init__(self, measurer: TextMeasurer, limit: int = 16384) -> None:
        self.measurer = measurer
        self._known: dict[tuple[Any, ...], Split | None] = {}
        self._limit = limit

    def get(self, key: tuple[Any, ...], compute: Callable[[], Split | None]) -> Split | None:
        """The split remembered for `key`, else `compute()`'s (then remembered)."""
        if key in self._known:
            return self._known[key]
        if len(self._known) >= self._limit:  # bounded: a batch may run for hundreds of decks
            self._known.clear()
        found = self._known[key] = compute()
        return found


@dataclass
class PlanContext:
    """What a kind's planner may know: the deck, the template, the language, the
    measurer of this build (the caller's: it remembers what it measured); and where it
    reports shrunk or continued text (`warnings`) and text that cannot fit (`errors`).
    """

    deck: Deck
    template: Template
    measurer: TextMeasurer
    # kind → role → the field the role shows, as the content names it (`left.body`);
    # a role not listed shows the field of its own name.
    fields: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    sections: list[tuple[str, RichText]] = field(default_factory=list)
    section_numbers: dict[int, str] = field(default_factory=dict)
    # The caller's splits for `measurer` (see Splits); by default this context's own.
    splits: Splits | None = None
    warnings: list[Problem] = field(default_factory=list)
    errors: ProblemCollector = field(default_factory=ProblemCollector)
    index: int = 0  # position of the slide being planned in deck.slides

    @property
    def lang(self) -> Language:
        """The deck's language."""
        return LANGUAGES[self.deck.meta.language]

    @property
    def source(self) -> SourceRef:
        """Where the slide being planned is written."""
        return self.deck.sources[self.index]

    def field_name(self, kind: str, role: str) -> str:
        """The field a kind's role shows, as the content names it (`left.body`)."""
        return self.fields.get(kind, {}).get(role, role)

    def at(self, field: str | None) -> SourceRef:
        """Where the slide being planned writes `field` (a dotted name); the slide's
        own place when it does not (a default) or when `field` is None."""
        if field is not None and self.index < len(self.deck.fields):
            fields = self.deck.fields[self.index]
            name = field
            while name:  # an item's place, else its list's (an afdeling's override)
                found = fields.get(name)
                if found is not None:
                    return found
                name = name.rpartition(".")[0]
        return self.source

    def warn(self, message: str, field: str | None = None) -> None:
        """Report a shrink or split at `field` of the slide being planned."""
        self.warnings.append(Problem(message, self.at(field)))

    def error(self, message: str, field: str | None = None) -> None:
        """Report text that cannot fit, at `field` of the slide being planned; the
        build fails."""
        self.errors.add(message, self.at(field))

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

    def style(self, kind: str, role: str) -> TextStyle:
        """What the role's placeholder gives its text: inherited bold, line pitch."""
        return self.template.styles.get((kind, role), PLAIN)

    def floor(self, kind: str, role: str, box: Rect | None = None) -> float:
        """The smallest size text of the role may be set at (see the module doc).

        With `box` (where the text goes, insets taken off): a box too low for one line
        at that size lowers it to the largest size one line fits, but never below
        ABSOLUTE_MIN_PT. That is a limit of the template, which no content can meet.
        """
        floor = max(self.role(kind, role).min_pt, ABSOLUTE_MIN_PT)
        if box is not None:
            line = self.style(kind, role).line_height
            floor = max(min(floor, math.floor(box.h / EMU_PER_PT / line * 2) / 2),
                        ABSOLUTE_MIN_PT)
        return floor

    def top(self, kind: str, role: str, max_pt: float | None = None) -> float:
        """The template's size for the role (or `max_pt` when smaller), at least the floor."""
        spec = self.role(kind, role)
        return max(min(max_pt or spec.max_pt, spec.max_pt), self.floor(kind, role))

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

        At the template's size when they fit, else smaller (a warning) down to the
        floor; text that does not fit even there is an error (set at the floor, so
        planning goes on and every problem is reported). Callers that can continue on
        a new slide should `flow` the text instead.
        """
        spec = self.role(kind, role)
        box = rect.inset(*spec.insets) if rect else spec.text_rect
        style = self.style(kind, role)
        if bold:
            style = style._replace(bold=True)
        top, floor = self.top(kind, role, max_pt), self.floor(kind, role, box)
        size, grown = self._sized(kind, role, paragraphs, rect, top, floor, style)
        rect = grown or rect
        overflows = size is None
        name = self.field_name(kind, role)
        size = self._settle(name, floor if size is None else size, top, floor, overflows,
                            f"text of {name!r} does not fit its box even at {floor:g} pt, "
                            "the smallest size allowed; shorten it")
        return TextFill(TextBlock(tuple(paragraphs), size, color, bold, overflows), rect)

    def fits(self, kind: str, role: str, paragraphs: list[Para],
             rect: Rect | None = None) -> bool:
        """Whether `paragraphs` fit a role's box (or `rect` in its place) at the floor,
        also when grown into the clear room around it, as `fit` would grow it. For a
        kind that can arrange its slide otherwise when its text would not fit."""
        spec = self.role(kind, role)
        box = rect.inset(*spec.insets) if rect else spec.text_rect
        floor = self.floor(kind, role, box)
        size, _grown = self._sized(kind, role, paragraphs, rect, floor, floor,
                                   self.style(kind, role))
        return size is not None

    def _sized(self, kind: str, role: str, paragraphs: list[Para], rect: Rect | None,
               top: float, floor: float, style: TextStyle) -> tuple[float | None, Rect | None]:
        """The size the text fits its box at (or None), and the grown box it needed
        (None: its own). A box cut down to clear the template's artwork (or just small)
        is not a reason to fail: the text takes the clear room around it."""
        spec = self.role(kind, role)
        box = rect.inset(*spec.insets) if rect else spec.text_rect
        size = self.measurer.fit(paragraphs, box.w, box.h, top, floor, style)
        if size is not None:
            return size, None
        roomier = self.room(kind, role, rect or spec.rect)
        if roomier is None:
            return None, None
        wider = roomier.inset(*spec.insets)
        size = self.measurer.fit(paragraphs, wider.w, wider.h, top, floor, style)
        return size, (roomier if size is not None else None)

    def room(self, kind: str, role: str, rect: Rect) -> Rect | None:
        """A larger box for a role's text than `rect`, or None: grown up and down, then
        sideways, into the clear part of the kind's layout (its free area, the room
        between the other roles' boxes), a small gap from those boxes.

        A box beside the free area (on or near the template's artwork) is not grown
        along it; one above it (a title) only sideways, as wide as the free area."""
        slide = Rect(0, 0, self.template.slide_width, self.template.slide_height)
        free = self.template.free_area(kind)
        others = [spec.rect for name, spec in self.template.layouts[kind].roles.items()
                  if name != role]
        gap = _ROOM_GAP
        low, high = rect.y, rect.y + rect.h
        if free.x <= rect.x and rect.x + rect.w <= free.x + free.w:
            low = min(rect.y, max(free.y, slide.y))
            high = max(rect.y + rect.h, min(free.y + free.h, slide.h))
        for other in others:
            if other.x < rect.x + rect.w and rect.x < other.x + other.w:
                if other.y + other.h <= rect.y:
                    low = max(low, other.y + other.h + gap)
                elif other.y >= rect.y + rect.h:
                    high = min(high, other.y - gap)
        low, high = min(low, rect.y), max(high, rect.y + rect.h)
        grown = Rect(rect.x, low, rect.w, high - low)
        left, right = rect.x, rect.x + rect.w
        within = free.y <= grown.y and grown.y + grown.h <= free.y + free.h
        if within or grown.y + grown.h <= free.y:
            left = min(rect.x, max(free.x, slide.x))
            right = max(rect.x + rect.w, min(free.x + free.w, slide.w))
        for other in others:
            if other.y < grown.y + grown.h and grown.y < other.y + other.h:
                if other.x + other.w <= rect.x:
                    left = max(left, other.x + other.w + gap)
                elif other.x >= rect.x + rect.w:
                    right = min(right, other.x - gap)
        left, right = min(left, rect.x), max(right, rect.x + rect.w)
        grown = Rect(left, grown.y, right - left, grown.h)
        return None if grown == rect else grown

    def _settle(self, field: str, size: float, top: float, floor: float, overflows: bool,
                too_long: str) -> float:
        """Report a size noticeably below the template's (a warning, see
        `shrunk_noticeably`) or text that does not fit at
        the floor (`too_long`, an error), at `field`; the size to set: at least the
        floor."""
        if overflows:
            self.error(too_long, field)
            return floor
        if shrunk_noticeably(size, top):
            self.warn(_shrunk(field, size, top), field)
        return size

    def fit_line(self, kind: str, role: str, text: RichText, rect: Rect | None = None) -> TextFill:
        """Fit a short text (a figure, a number) on one line, as large as the role allows."""
        spec = self.role(kind, role)
        box = rect.inset(*spec.insets) if rect else spec.text_rect
        words = "".join(run.text for run in text)
        style = self.style(kind, role)
        bold = style.bold or any(run.bold for run in text)
        top, floor = self.top(kind, role), self.floor(kind, role, box)
        measurer = self.measurer
        tallest = box.h / EMU_PER_PT / style.line_height
        size = math.floor(min(measurer.single_line_size(words, box.w, top, bold), tallest) * 2) / 2
        if size < floor <= tallest and measurer.single_line_size(words, box.w, floor, bold,
                                                                slack=False) >= floor:
            # The longest figures fill the line at the floor: one short line has no
            # wrapping to go wrong, so the box's full width is allowed there.
            size = floor
        if size < floor:
            roomier = self.room(kind, role, rect or spec.rect)
            if roomier is not None:  # the clear room beside a box too narrow
                wider = roomier.inset(*spec.insets)
                if measurer.single_line_size(words, wider.w, floor, bold) >= floor <= tallest:
                    size = math.floor(min(measurer.single_line_size(words, wider.w, top, bold),
                                          tallest) * 2) / 2
                    rect = roomier
        overflows = size < floor
        size = self._settle(self.field_name(kind, role), size, top, floor, overflows,
                            f"{words!r} does not fit on one line of its box even at "
                            f"{floor:g} pt; shorten it")
        return TextFill(TextBlock((Para(text),), size, overflows=overflows), rect)

    def flow(
        self, kind: str, role: str, paragraphs: list[Para], rect: Rect | None = None,
        most: float | None = None,
    ) -> tuple[list[list[Para]], float]:
        """Spread paragraphs over as few boxes as possible, at the largest common size
        (at most `most` when given: to match other text set beside it).

        The split is balanced and never falls inside a paragraph; a box that starts
        with sub-items repeats their parents, marked "(vervolg)" (see `continuation`).
        Returns the chunks (one per slide) and the font size for all of them. Reports
        nothing: planners try several layouts, then report the one they keep with
        `flowed` (shrink, split) and `sized` (what cannot fit).
        """
        spec = self.role(kind, role)
        box = rect.inset(*spec.insets) if rect else spec.text_rect
        top, floor = self.top(kind, role, most), self.floor(kind, role, box)
        if not paragraphs:
            return [[]], top
        measurer, style = self.measurer, self.style(kind, role)
        if measurer.fits(paragraphs, box.w, box.h, top, style):
            return [paragraphs], top  # the usual case: one box at full size
        least = self._boxes(paragraphs, box, floor, style)
        # The fewest boxes first, then the largest size at which that many suffice: the
        # text reads at one size instead of a crammed slide and a sparse one. More text
        # per box needs more boxes as the size grows, so a binary search finds it.
        low, high = round(floor * 2), round(top * 2)
        while low < high:
            middle = (low + high + 1) // 2
            tried = self._boxes(paragraphs, box, middle / 2, style)
            if tried.boxes <= least.boxes and tried.overfull(box.h) <= least.overfull(box.h):
                low = middle
            else:
                high = middle - 1
        # A larger size may only reach that count with a nearly empty box: a half point
        # smaller at a time until the boxes are balanced as well as at the floor.
        wanted = least.underfull(box.h)
        while low > round(floor * 2) and (
            self._boxes(paragraphs, box, low / 2, style).underfull(box.h) > wanted
        ):
            low -= 1
        size = low / 2
        return self.flow_at(paragraphs, rect, kind, role, size), size

    def flow_at(
        self, paragraphs: list[Para], rect: Rect | None, kind: str, role: str, size: float,
        boxes: int | None = None,
    ) -> list[list[Para]]:
        """Spread paragraphs over boxes at a given size (see `flow`); with `boxes`, over
        exactly that many (an empty list when there are fewer paragraphs)."""
        spec = self.role(kind, role)
        box = rect.inset(*spec.insets) if rect else spec.text_rect
        if not paragraphs:
            return [[]] if boxes in (None, 1) else []
        chosen = self._split(paragraphs, box, size, self.style(kind, role), boxes)
        if chosen is None:
            return []
        levels = [para.level for para in paragraphs]
        chunks: list[list[Para]] = []
        ends = (*chosen.starts[1:], len(paragraphs))
        for start, end in zip(chosen.starts, ends, strict=True):
            repeated = [self.marked(paragraphs[p]) for p in parents(levels, start)]
            chunks.append(repeated + paragraphs[start:end])
        return chunks

    def marked(self, para: Para) -> Para:
        """A parent repeated above its continued sub-items: "… (vervolg)" (once)."""
        marker = Run(f" ({self.lang.continued})", italic=True)
        if para.runs and para.runs[-1] == marker:
            return para
        return para._replace(runs=(*para.runs, marker))

    def _split(
        self, paragraphs: list[Para], box: Rect, size: float, style: TextStyle,
        boxes: int | None = None,
    ) -> Split | None:
        if self.splits is None or self.splits.measurer is not self.measurer:
            self.splits = Splits(self.measurer)
        marker = self.lang.continued  # what a repeated parent is measured with
        return self.splits.get(
            (tuple(paragraphs), box.w, box.h, size, style, boxes, marker),
            lambda: self._measure_split(paragraphs, box, size, style, boxes))

    def _measure_split(
        self, paragraphs: list[Para], box: Rect, size: float, style: TextStyle,
        boxes: int | None,
    ) -> Split | None:
        measurer = self.measurer
        heights = measurer.heights(paragraphs, box.w, size, style)
        levels = [para.level for para in paragraphs]
        has_children = {p for i in range(len(levels)) for p in parents(levels, i)[-1:]}
        line = size * style.line_height * EMU_PER_PT
        measured = [
            Measured(lines, space,
                     measurer.line_count(self.marked(para), box.w, size, style) * line
                     if index in has_children else lines)
            for index, ((lines, space), para) in enumerate(zip(heights, paragraphs, strict=True))
        ]
        return split(levels, measured, box.h, boxes)

    def _boxes(self, paragraphs: list[Para], box: Rect, size: float, style: TextStyle) -> Split:
        chosen = self._split(paragraphs, box, size, style)
        assert chosen is not None  # without a fixed count there is always a split
        return chosen

    def sized(
        self, kind: str, role: str, paragraphs: list[Para], size: float,
        rect: Rect | None = None, color: str | None = None, field: str | None = None,
    ) -> TextFill:
        """Paragraphs at a size chosen by the caller (e.g. from `flow`).

        Text that does not fit is an error: after `flow` that is one item too long for
        a box of its own even at the floor, reported at that item's line. `field` names
        the content field shown when it is not the role's own (a column continued in
        another kind's layout).
        """
        spec = self.role(kind, role)
        box = rect.inset(*spec.insets) if rect else spec.text_rect
        style = self.style(kind, role)
        overflows = not self.measurer.fits(paragraphs, box.w, box.h, size, style)
        if overflows:
            name = field or self.field_name(kind, role)
            message, where = _too_long(self, name, paragraphs, box, size, style)
            self.error(message, where)
        return TextFill(TextBlock(tuple(paragraphs), size, color, None, overflows), rect)

    def flowed(
        self, kind: str, roles: Sequence[str], title: RichText, pages: int, size: float
    ) -> None:
        """Report how flowed text (of one or more roles, at one size) was set: a warning
        when it continues on more slides or is noticeably smaller than the template's
        size (see `shrunk_noticeably`)."""
        fields = [self.field_name(kind, role) for role in roles]
        names = " and ".join(repr(name) for name in fields)
        top = min(self.top(kind, role) for role in roles)
        first = fields[0] if fields else None
        if pages > 1:
            shown = "".join(run.text for run in self.continued(title, 1))
            more = "1 more slide" if pages == 2 else f"{pages - 1} more slides"
            at = f" at {size:g} pt" + (f" (instead of {top:g} pt)" if size < top else "")
            self.warn(f"text of {names} continues on {more}, {shown!r},{at}", first)
        elif shrunk_noticeably(size, top):
            self.warn(_shrunk(names, size, top, quote=False), first)

    def continued(self, title: RichText, part: int) -> RichText:
        """The title of continuation slide `part` (0 is the first, unchanged): "X (vervolg)",
        then "X (vervolg 2)", … so that no two slides share a title (screen readers list
        slides by title, and the accessibility check reports duplicates)."""
        if part == 0:
            return title
        number = f" {part}" if part > 1 else ""
        return (*title, Run(f" ({self.lang.continued}{number})"))

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
    deck: Deck, template: Template, planners: Mapping[str, Planner], measurer: TextMeasurer,
    strict: bool = False, fields: Mapping[str, Mapping[str, str]] | None = None,
    splits: Splits | None = None,
) -> tuple[list[SlidePlan], list[Problem]]:
    """Plan every slide in order; returns the plans and the warnings, located (text set
    below the template's size, text continued on more slides), in file order.
    `measurer` measures the template's fonts (the caller's, and may be shared by the
    decks of a batch).

    `fields` names the field each kind's role shows (see PlanContext.fields), so a
    message names it as the content does and points at its line. `splits`: the
    caller's remembered splits for `measurer` (see Splits); without it the deck's own.
    Raises DeckError with every problem of the deck: text that does not fit even at
    its floor, a role the template lacks; and with `strict`, the warnings too.
    """
    if splits is not None and splits.measurer is not measurer:
        raise ValueError("splits are remembered for another measurer")
    context = PlanContext(deck, template, measurer, fields or {}, splits=splits)
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
        source = deck.sources[index] if index < len(deck.sources) else None
        try:
            plans.extend(plan._replace(source=source)
                         for plan in planners[slide.kind](slide, context))
        except DeckError as error:  # one slide's problem; the others are still planned
            context.errors.extend(error)
    # A box repeated on continuation slides (a column heading) is reported once; they
    # read top to bottom like the files.
    warnings = sorted(dict.fromkeys(context.warnings), key=_place)
    if strict:
        for warning in warnings:
            context.errors.add(f"{warning.message} (not allowed in strict mode)", warning.where)
    context.errors.raise_if_any()
    return plans, warnings


def _place(problem: Problem) -> tuple[str, int, int]:
    where = problem.where
    return ("", 0, 0) if where is None else (str(where.path), where.line, where.column)


def _shrunk(field: str, size: float, top: float, quote: bool = True) -> str:
    name = repr(field) if quote else field
    return f"text of {name} set at {size:g} pt instead of {top:g} pt to fit its box"


def _too_long(
    ctx: PlanContext, name: str, paragraphs: list[Para], box: Rect, size: float,
    style: TextStyle,
) -> tuple[str, str]:
    """The message for a chunk that does not fit and the field it is reported at: the
    item's own (`body.3.items.1`) when one item is too long for a box of its own."""
    measurer = ctx.measurer
    for para in paragraphs:
        if not measurer.fits([para], box.w, box.h, size, style):
            text = "".join(run.text for run in para.runs)
            shown = text if len(text) <= _EXCERPT else text[: _EXCERPT - 1] + "…"
            return (
                f"the item {shown!r} of {name!r} does not fit a slide of its own even at "
                f"{size:g} pt; shorten it or split it into several items",
                _item_field(ctx, name, para),
            )
    return f"text of {name!r} does not fit its box even at {size:g} pt; shorten it", name


def _item_field(ctx: PlanContext, name: str, para: Para) -> str:
    """The dotted field of the item shown as `para` in the slide's field `name` (see
    content.validate.field_positions), or `name` itself when no item is (running text)."""
    value: Any = ctx.deck.slides[ctx.index] if ctx.index < len(ctx.deck.slides) else None
    for part in name.split("."):
        value = getattr(value, part, None)
    if not isinstance(value, tuple):
        return name

    def find(items: tuple[Any, ...], prefix: str) -> str | None:
        for index, item in enumerate(items):
            if not isinstance(item, Item):
                return None
            if item.text == para.runs:
                return f"{prefix}.{index}"
            found = find(item.items, f"{prefix}.{index}.items")
            if found is not None:
                return found
        return None

    return find(value, name) or name
