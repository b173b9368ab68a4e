"""Placing one slide kind's roles on one layout: what a kind's recipe works with.

A recipe (see needs.LayoutNeed) gets a `Placement` of the kind on a layout and fills its
slots: a role goes into a placeholder of the right type and shape where there is one
("exact" or "good"), into a strip carved from a placeholder it shares ("carved"), or
into a free box in the layout's content area ("free"). `matching.Matcher` runs the
recipes over a template's layouts and keeps the best-scoring placement per kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from deck_builder.ooxml.geometry import EMU_PER_INCH, EMU_PER_PT, Rect
from deck_builder.ooxml.inheritance import TITLE_TYPES
from deck_builder.template.needs import LayoutNeed

if TYPE_CHECKING:
    from pptx.slide import SlideLayout

    from deck_builder.ooxml.placeholders import Placeholder
    from deck_builder.template.artwork import FreeSpace


class LayoutInfo(NamedTuple):
    """One layout, read for matching.

    `areas` are its content placeholders (body, object, picture, …) in reading order,
    without vertical text and tiny ones; `region` is where content may go (below the
    title, above the footers); `dark` says its body text is light (a dark background).
    """

    name: str
    layout: SlideLayout
    placeholders: tuple[Placeholder, ...]
    title: Placeholder | None
    subtitle: Placeholder | None
    areas: tuple[Placeholder, ...]
    region: Rect
    slide: Rect
    dark: bool
    space: FreeSpace | None = None  # where the layout's artwork leaves room (None: anywhere)

    def rect(self, placeholder: Placeholder) -> Rect:
        """The placeholder's box, kept inside the slide and, where it runs over the
        layout's artwork, cut back to the part clear of it (see FreeSpace.usable)."""
        assert placeholder.rect is not None
        box = clip(placeholder.rect, self.slide)
        if self.space is None:
            return box
        return self.space.usable(box, title=placeholder.type in TITLE_TYPES)


def clip(rect: Rect, slide: Rect) -> Rect:
    """`rect` cut to the slide (a box reaching past the edge would put text off it)."""
    x, y = max(rect.x, slide.x), max(rect.y, slide.y)
    right = min(rect.x + rect.w, slide.x + slide.w)
    bottom = min(rect.y + rect.h, slide.y + slide.h)
    return Rect(x, y, max(right - x, 1), max(bottom - y, 1))



TEXT_AREA_TYPES = frozenset({"body", "obj"})  # content areas that take text on a slide
AREA_TYPES = frozenset({"body", "obj", "pic", "tbl", "chart", "dgm", "clipArt", "media"})
QUALITY = {"exact": 10.0, "good": 7.0, "carved": 3.0, "free": 0.0}


class Slot(NamedTuple):
    """Where a role goes: a placeholder of the layout (`placeholder`), moved to `rect`
    when that differs from its own box; or, without one, a free box at `rect` that
    copies the look of `like` (the placeholder it was carved from) when there is one."""

    rect: Rect
    placeholder: Placeholder | None
    quality: str
    like: Placeholder | None = None
    note: str = ""

    @property
    def free(self) -> bool:
        """Whether the role has no placeholder of the template's own."""
        return self.placeholder is None


class KindMatch(NamedTuple):
    """A kind placed on a layout: its slots by role, the score and the reasons."""

    kind: str
    layout: LayoutInfo
    slots: dict[str, Slot]
    score: float
    reasons: tuple[str, ...]

    @property
    def free_roles(self) -> list[str]:
        """Roles drawn as free boxes (no placeholder of the template's own)."""
        return [role for role, slot in self.slots.items() if slot.free]


class Placement:
    """One kind's roles being placed on one layout: what a kind's recipe works with.

    A recipe fills `slots` (role → Slot) with `take` (a placeholder), `free` (a box),
    `carve_bottom`/`carve_top` (a strip of another role's box) and the helpers below;
    `Matcher.place` then scores the result.
    """

    def __init__(self, info: LayoutInfo, need: LayoutNeed, roles: Sequence[str],
                 required: Iterable[str]) -> None:
        self.info = info
        self.need = need
        self.kind = need.kind
        self.roles = list(roles)
        self.required = set(required)
        self.slots: dict[str, Slot] = {}
        self.used: set[int] = set()  # ids of placeholder elements taken
        self.reasons: list[str] = []
        self.scale = info.slide.h / (7.5 * EMU_PER_INCH)

    # placing

    def take(self, role: str, placeholder: Placeholder, quality: str, note: str,
             rect: Rect | None = None) -> Rect:
        """Put `role` into `placeholder` (at `rect` when given, else its own box)."""
        self.used.add(id(placeholder.element))
        box = rect or self.info.rect(placeholder)
        self.slots[role] = Slot(box, placeholder, quality, note=note)
        return box

    def free(self, role: str, rect: Rect, quality: str, note: str,
             like: Placeholder | None = None) -> None:
        """Put `role` into a box of its own at `rect`, looking like `like`."""
        self.slots[role] = Slot(rect, None, quality, like, note)

    def unused(self, types: frozenset[str] = AREA_TYPES) -> list[Placeholder]:
        """The layout's content areas of `types` no role has taken, in reading order."""
        return [a for a in self.info.areas
                if id(a.element) not in self.used and a.type in types]

    def line_height(self, role: str, lines: float = 1.0) -> int:
        """The height of `lines` lines of `role`'s text (at the size the kind gives it)."""
        size = self.need.line_pt(role)
        return int((lines * size * 1.3 + 8) * EMU_PER_PT * self.scale)

    def carve_bottom(self, role: str, host_role: str, lines: float) -> None:
        """Give `role` a strip at the bottom of `host_role`'s box (which shrinks)."""
        host = self.slots[host_role]
        height = min(self.line_height(role, lines), host.rect.h // 3)
        rest = Rect(host.rect.x, host.rect.y, host.rect.w, host.rect.h - height)
        strip = Rect(host.rect.x, rest.y + rest.h, host.rect.w, height)
        self.slots[host_role] = host._replace(rect=rest)
        self.free(role, strip, "carved", f"a line under the {host_role}",
                  host.placeholder or host.like)

    def carve_top(self, role: str, host_role: str, lines: float) -> None:
        """Give `role` a strip at the top of `host_role`'s box (which shrinks)."""
        host = self.slots[host_role]
        height = min(self.line_height(role, lines), host.rect.h // 3)
        strip = Rect(host.rect.x, host.rect.y, host.rect.w, height)
        self.slots[host_role] = host._replace(
            rect=Rect(host.rect.x, host.rect.y + height, host.rect.w, host.rect.h - height))
        self.free(role, strip, "carved", f"a line above the {host_role}",
                  host.placeholder or host.like)

    # common roles

    def title(self, centred: bool) -> None:
        """Put the title into the layout's title placeholder, else above the content."""
        title = self.info.title
        if title is not None and id(title.element) not in self.used:
            ideal = (title.type == "ctrTitle") == centred
            self.take("title", title, "exact" if ideal else "good", f"{title.type} placeholder")
            return
        region = self.info.region
        height = int(region.h * 0.22)
        self.free("title", Rect(region.x, max(region.y - height, int(self.info.slide.h * 0.04)),
                                region.w, height), "free", "no title placeholder")

    def area(self, role: str, types: frozenset[str] = TEXT_AREA_TYPES,
             big: bool = True) -> Placeholder | None:
        """Take the largest unused area of `types` for `role` (exact when it is large)."""
        choices = self.unused(types)
        if not choices:
            return None
        best = max(choices, key=lambda p: self.info.rect(p).w * self.info.rect(p).h)
        share = _area(self.info.rect(best)) / max(_area(self.info.region), 1)
        quality = "exact" if (share >= 0.3 or not big) else "good"
        self.take(role, best, quality, f"{best.type} placeholder")
        return best

    def region_box(self, role: str, note: str) -> None:
        """Put `role` into a box filling the layout's content region."""
        self.free(role, self.info.region, "free", note)

    def columns(self) -> tuple[list[Placeholder], list[Placeholder]] | None:
        """The unused text areas as a left and a right column (each top to bottom)."""
        areas = self.unused(TEXT_AREA_TYPES)
        best: tuple[list[Placeholder], list[Placeholder]] | None = None
        best_area = 0
        for left in areas:
            for right in areas:
                a, b = self.info.rect(left), self.info.rect(right)
                if a.x + a.w <= b.x + b.w * 0.1 and v_overlap(a, b) > 0.5 and a.x < b.x:
                    area = _area(a) + _area(b)
                    if area > best_area:
                        best, best_area = ([left], [right]), area
        if best is None:
            return None
        # A smaller area right above a column's area is its heading.
        for column in best:
            below = self.info.rect(column[0])
            for other in areas:
                rect = self.info.rect(other)
                if (other is not column[0] and h_overlap(rect, below) > 0.8
                        and abs(rect.y + rect.h - below.y) < self.info.slide.h * 0.05
                        and rect.h < below.h * 0.5):
                    column.insert(0, other)
                    break
        return best

    def small_text_areas(self) -> list[Placeholder]:
        """Unused text areas of at most a third of the content region's height."""
        return [a for a in self.unused(TEXT_AREA_TYPES)
                if self.info.rect(a).h <= self.info.region.h / 3]

    def free_below_title(self, role: str, lines: float) -> None:
        """Put `role` into a box of `lines` (doubled) right below the title."""
        title = self.slots["title"].rect
        height = self.line_height(role, lines) * 2
        top = min(title.y + title.h, self.info.slide.h - height - int(self.info.slide.h * 0.08))
        self.free(role, Rect(title.x, top, title.w, height), "free", "below the title")

    # scoring

    def result(self, bonus: float, why: str | None) -> KindMatch:
        """The placement scored; `bonus` (and `why`) is what the layout's name adds."""
        score = 0.0
        for role in self.roles:
            slot = self.slots.get(role)
            if slot is None:
                continue
            weight = 1.0 if role in self.required else 0.5
            score += weight * QUALITY[slot.quality]
        for area in self.unused():
            share = _area(self.info.rect(area)) / max(_area(self.info.region), 1)
            penalty = 3 + 6 * min(share, 1.0)
            score -= penalty
            self.reasons.append(f"leaves a {area.type} placeholder empty (-{penalty:.0f})")
        if self.info.subtitle is not None and id(self.info.subtitle.element) not in self.used:
            score -= 2
            self.reasons.append("leaves the subtitle empty (-2)")
        if self.info.title is not None and id(self.info.title.element) not in self.used:
            score -= 1
            self.reasons.append("leaves the title empty (-1)")
        score += bonus
        if why:
            self.reasons.append(why)
        slots = {role: self.slots[role] for role in self.roles if role in self.slots}
        return KindMatch(self.kind, self.info, slots, score, tuple(self.reasons))


def _area(rect: Rect) -> int:
    return rect.w * rect.h


def halves(box: Rect, share: float = 0.5) -> tuple[Rect, Rect]:
    """`box` split side by side, the left part taking `share` of it, with a small gap."""
    gap = int(box.w * 0.04)
    left_w = int((box.w - gap) * share)
    return (Rect(box.x, box.y, left_w, box.h),
            Rect(box.x + left_w + gap, box.y, box.w - left_w - gap, box.h))


# -- recipes any kind may use --------------------------------------------------------------


def single_body(r: Placement) -> None:
    """A title and one text area (`body`): the largest text placeholder, else the
    subtitle, else the content region."""
    r.title(centred=False)
    if r.area("body") is None:
        if r.info.subtitle is not None and id(r.info.subtitle.element) not in r.used:
            r.take("body", r.info.subtitle, "good", "subtitle placeholder")
        else:
            r.region_box("body", "no content placeholder: the content area")


def generic(r: Placement) -> None:
    """A kind without a recipe: a title into the title, the rest into areas in order."""
    pictures = r.need.pictures
    for role in r.roles:
        if role == "title":
            r.title(centred=False)
        elif r.area(role, AREA_TYPES if role in pictures else TEXT_AREA_TYPES) is None:
            host = next((name for name in reversed(r.slots) if name != "title"), None)
            if host is None:
                r.region_box(role, "no content placeholder: the content area")
            else:
                r.carve_bottom(role, host, 2)


def v_overlap(a: Rect, b: Rect) -> float:
    """How much two boxes overlap vertically, as a share of the shorter one's height."""
    overlap = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
    return max(overlap, 0) / max(min(a.h, b.h), 1)


def h_overlap(a: Rect, b: Rect) -> float:
    """How much two boxes overlap horizontally, as a share of the narrower one's width."""
    overlap = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
    return max(overlap, 0) / max(min(a.w, b.w), 1)


# -- composing boxes on a slide (the planners' side of the design rules) ------------------


def union(*boxes: Rect) -> Rect:
    """The smallest box holding all `boxes`."""
    left, top = min(b.x for b in boxes), min(b.y for b in boxes)
    right, bottom = max(b.x + b.w for b in boxes), max(b.y + b.h for b in boxes)
    return Rect(left, top, right - left, bottom - top)


def stack(area: Rect, heights: Sequence[int], gap: int) -> list[Rect]:
    """Boxes of `heights`, one under another `gap` apart, as wide as `area`, the group
    centred vertically in it (from its top when it is higher than `area`)."""
    total = sum(heights) + gap * (len(heights) - 1)
    y = area.y + max((area.h - total) // 2, 0)
    boxes = []
    for height in heights:
        boxes.append(Rect(area.x, y, area.w, height))
        y += height + gap
    return boxes


def centred_under(above: Rect, area: Rect, height: int, gap: int,
                  min_w: int = 0) -> Rect:
    """A box `height` high, `gap` under `above` and centred on it: as wide as `above`,
    or `min_w` when that is wider, as far as `area` allows on both sides (so its
    centre stays on `above`'s)."""
    centre = above.x + above.w // 2
    half = min(max(above.w, min_w) // 2, centre - area.x, area.x + area.w - centre)
    return Rect(centre - half, above.y + above.h + gap, 2 * half, height)
