"""Choose a layout for each slide kind by what the layouts contain, for any template.

Every layout of the master in use is read as placeholders with a type, position and
size (`LayoutInfo`). Each slide kind has a recipe that places its roles on a layout:
a role goes into a placeholder of the right type and shape where there is one
("exact" or "good"), into a strip carved from a placeholder it shares ("carved"), or
into a free box in the layout's content area ("free"). A recipe's score is the sum of
its roles' qualities (exact 10, good 7, carved 3, free 0; optional roles count half),
less a penalty for each content placeholder the kind would leave empty, plus a bonus
when the layout's name says what it is for. Names are hints only, understood in
English, Dutch, German, French, Spanish and Italian ("Title and Content", "Titel en
inhoud", "Title, Content", "Titel und Inhalt", …); two layouts with the same
placeholders are told apart by them, a layout is never chosen for its name alone.

The result per kind is a `KindMatch`: the layout, a `Slot` per role and the reasons,
which `template.py` turns into the planner's `LayoutSpec` (a layout copy with the
carved and free boxes drawn in as placeholders, when the kind needs one).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

from deck_builder.ooxml.colours import Palette, Theme, colour_map, luminance
from deck_builder.ooxml.geometry import EMU_PER_INCH, EMU_PER_PT, Rect
from deck_builder.ooxml.inheritance import run_property
from deck_builder.ooxml.namespaces import A as _A
from deck_builder.ooxml.namespaces import P as _P
from deck_builder.ooxml.placeholders import Placeholder, layout_placeholders

if TYPE_CHECKING:
    from pptx.slide import SlideLayout, SlideMaster

TITLE_TYPES = frozenset({"title", "ctrTitle"})
TEXT_AREA_TYPES = frozenset({"body", "obj"})  # content areas that take text on a slide
AREA_TYPES = frozenset({"body", "obj", "pic", "tbl", "chart", "dgm", "clipArt", "media"})
FOOTER_TYPES = frozenset({"dt", "ftr", "sldNum", "hdr"})
QUALITY = {"exact": 10.0, "good": 7.0, "carved": 3.0, "free": 0.0}

# Every role each kind can fill, required ones first (see deck_builder/kinds); the
# optional ones get a place too, so content is never dropped. `number` (a section's
# automatic number) and `logo` (a host's logo) are decoration: only a placeholder that
# is there anyway is used for them.
KIND_ROLES: dict[str, tuple[str, ...]] = {
    "title": ("title", "subtitle", "date", "presenter"),
    "agenda": ("title", "body"),
    "section": ("title", "subtitle"),
    "bullets": ("title", "body"),
    "quote": ("quote", "title", "attribution", "picture", "caption"),
    "statistic": ("title", "figure", "body", "caption"),
    "two-column": ("title", "left_body", "right_body", "left_heading", "right_heading"),
    "partners": ("title", "body"),
    "image": ("picture", "title", "caption"),
    "closing": ("title", "body", "contact"),
}
PICTURE_ROLES = frozenset({"picture", "logo"})


# -- layouts as the matcher sees them ----------------------------------------------------


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

    def rect(self, placeholder: Placeholder) -> Rect:
        """The placeholder's box, kept inside the slide."""
        assert placeholder.rect is not None
        return clip(placeholder.rect, self.slide)


def read_layouts(master: SlideMaster, width: int, height: int,
                 theme: etree._Element | None) -> list[LayoutInfo]:
    """The layouts of `master` as the matcher sees them."""
    slide = Rect(0, 0, width, height)
    master_shapes = layout_placeholders(master.element, master.element)
    master_title = next((p.rect for p in master_shapes if p.type in TITLE_TYPES and p.rect),
                        None)
    master_body = next((p.rect for p in master_shapes if p.type in TEXT_AREA_TYPES and p.rect),
                       None)
    palette = Palette(Theme.read(theme), colour_map(master.element.find(f"{_P}clrMap")))
    infos = []
    for layout in master.slide_layouts:
        placeholders = layout_placeholders(layout.element, master.element)
        usable = [p for p in placeholders if p.rect is not None and not _vertical(p)
                  and p.rect.w * p.rect.h >= 0.005 * width * height]
        title = next((p for p in usable if p.type in TITLE_TYPES), None)
        subtitle = next((p for p in usable if p.type == "subTitle"), None)
        areas = tuple(_reading_order([p for p in usable if p.type in AREA_TYPES]))
        footers = [p.rect.y for p in placeholders
                   if p.type in FOOTER_TYPES and p.rect is not None and p.rect.y > height * 0.6]
        top = (clip(title.rect, slide).y + clip(title.rect, slide).h if title and title.rect
               else (master_title.y + master_title.h if master_title else int(height * 0.12)))
        bottom = min(footers, default=int(height * 0.93))
        extents = [clip(p.rect, slide) for p in (title, *areas) if p is not None and p.rect]
        if not extents and master_body is not None:
            extents = [clip(master_body, slide)]
        left = min((r.x for r in extents), default=int(width * 0.06))
        right = max((r.x + r.w for r in extents), default=int(width * 0.94))
        gap = int(height * 0.02)
        if bottom - top - 2 * gap < height * 0.25:  # a title low on the slide: use its top
            top, bottom = int(height * 0.08), max(bottom, int(height * 0.5))
        region = Rect(left, top + gap, max(right - left, width // 4), bottom - top - 2 * gap)
        # Dark means light body text (links must be light there); a layout without a
        # text area is judged by the body text its master would give it.
        main = next((p for p in (*[a for a in areas if a.type in TEXT_AREA_TYPES], subtitle)
                     if p is not None), None)
        colour = _text_colour(main, layout, master, palette)
        dark = colour is not None and luminance(colour) > 0.5
        infos.append(LayoutInfo(layout.name, layout, placeholders, title, subtitle, areas,
                                region, slide, dark))
    return infos


def clip(rect: Rect, slide: Rect) -> Rect:
    """`rect` cut to the slide (a box reaching past the edge would put text off it)."""
    x, y = max(rect.x, slide.x), max(rect.y, slide.y)
    right = min(rect.x + rect.w, slide.x + slide.w)
    bottom = min(rect.y + rect.h, slide.y + slide.h)
    return Rect(x, y, max(right - x, 1), max(bottom - y, 1))


def _reading_order(items: list[Placeholder]) -> list[Placeholder]:
    # Rows first (boxes whose vertical ranges overlap by half share a row), then x.
    rows: list[list[Placeholder]] = []
    for item in sorted(items, key=lambda p: (p.rect.y, p.rect.x)):  # type: ignore[union-attr]
        for row in rows:
            if _v_overlap(row[0].rect, item.rect) > 0.5:  # type: ignore[arg-type]
                row.append(item)
                break
        else:
            rows.append([item])
    return [p for row in rows for p in sorted(row, key=lambda p: p.rect.x)]  # type: ignore[union-attr]


def _v_overlap(a: Rect, b: Rect) -> float:
    overlap = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
    return max(overlap, 0) / max(min(a.h, b.h), 1)


def _h_overlap(a: Rect, b: Rect) -> float:
    overlap = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
    return max(overlap, 0) / max(min(a.w, b.w), 1)


def _vertical(placeholder: Placeholder) -> bool:
    ph = placeholder.element.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
    if ph is not None and ph.get("orient") == "vert":
        return True
    body = placeholder.element.find(f"{_P}txBody/{_A}bodyPr")
    return body is not None and body.get("vert", "horz") not in ("horz", "")


def _text_colour(placeholder: Placeholder | None, layout: SlideLayout, master: SlideMaster,
                 palette: Palette) -> tuple[float, float, float] | None:
    """The colour of a placeholder's first-level text as a slide inherits it (without
    one: of body text on the layout)."""
    override = layout.element.find(f"{_P}clrMapOvr/{_A}overrideClrMapping")
    if override is not None:
        palette = Palette(palette.theme, colour_map(override))
    if placeholder is None:
        placeholder = next((p for p in layout_placeholders(master.element, master.element)
                            if p.type not in TITLE_TYPES and p.type not in FOOTER_TYPES), None)
    fill = run_property(placeholder.styles if placeholder is not None else (), 0,
                        f"{_A}solidFill")
    if fill is not None and len(fill):
        paint = palette.colour(fill[0])
        return paint.rgb if paint is not None else None
    scheme = palette.theme.colours.get(palette.colour_map.get("tx1", "dk1"))
    return scheme


# -- names -------------------------------------------------------------------------------

_NUMBERS = {"two": "2", "twee": "2", "zwei": "2", "deux": "2", "dos": "2", "due": "2",
            "three": "3", "drie": "3", "drei": "3", "trois": "3", "tres": "3", "tre": "3",
            "four": "4", "vier": "4", "quatre": "4", "cuatro": "4", "quattro": "4"}
_STOP = frozenset({"and", "en", "und", "et", "y", "e", "with", "met", "mit", "avec", "con",
                   "de", "the", "het", "der", "die", "das", "le", "la", "les", "of", "van",
                   "von", "du", "des", "di", "del", "a", "an"})
# Concepts a layout's name can announce, as phrases (folded, stop words left out); a
# phrase starting with "=" must be the whole name ("Titel" alone is a title slide,
# "Titel en inhoud" is not).
CONCEPTS: dict[str, tuple[str, ...]] = {
    "title_slide": ("title slide", "titeldia", "titelslide", "titel dia", "titelpagina",
                    "titelfolie", "diapositive titre", "diapositiva titulo",
                    "diapositiva titolo", "title page", "=title", "=titel", "=cover",
                    "=voorblad", "=titre", "=titulo", "=titolo"),
    "title_content": ("title content", "titel inhoud", "titel object", "titel inhalt",
                      "titel objekt", "titre contenu", "titulo objetos",
                      "titulo contenido", "titolo contenuto", "title text", "titel tekst",
                      "titre texte", "titel text", "=tekst", "=text", "=content", "=inhoud",
                      "=inhalt", "=contenu"),
    "section": ("section header", "section", "sectiekop", "sectie", "hoofdstuk",
                "tussenblad", "abschnittsuberschrift", "abschnitt", "kapitel",
                "en tete section", "encabezado seccion", "intestazione sezione", "divider",
                "chapter"),
    "two_content": ("2 content", "2 inhoud", "2 inhoudselementen", "2 objecten", "2 kolommen",
                    "2 columns", "2 inhalte", "2 contenus", "2 objetos", "2 contenuti",
                    "2 spalten"),
    "comparison": ("comparison", "vergelijking", "vergleich", "comparaison", "comparacion",
                   "confronto"),
    "title_only": ("title only", "alleen titel", "nur titel", "titre seul", "solo titulo",
                   "solo titolo"),
    "blank": ("=blank", "blank slide", "=leeg", "=leer", "=vide", "=en blanco", "=vuota"),
    "picture_caption": ("picture caption", "afbeelding bijschrift", "bild uberschrift",
                        "bild beschriftung", "image legende", "imagen titulo",
                        "immagine didascalia", "=picture", "=afbeelding", "=image", "=foto",
                        "=photo", "=bild"),
    "content_caption": ("content caption", "inhoud bijschrift", "inhalt uberschrift",
                        "contenu legende", "contenido titulo"),
    "quote": ("quote", "citaat", "zitat", "citation", "cita", "citazione"),
    "statistic": ("statistic", "big number", "kengetal", "kerncijfer", "kennzahl",
                  "chiffre cle", "key figure"),
    "agenda": ("agenda", "tagesordnung", "ordre jour", "inhoudsopgave"),
    "closing": ("closing", "thank you", "afsluiting", "=slot", "=einde", "bedankt",
                "abschluss", "=ende", "danke", "=fin", "merci", "=end"),
    "partners": ("partners", "partner", "logos"),
}
# What each kind gains when a layout's name announces a concept; a name announcing
# another kind's own concept (worth 8 there) costs 3.
KIND_HINTS: dict[str, dict[str, float]] = {
    "title": {"title_slide": 8},
    "section": {"section": 8, "title_slide": 2},
    "agenda": {"agenda": 8, "title_content": 2},
    "bullets": {"title_content": 3},
    "partners": {"partners": 8, "title_content": 1},
    "closing": {"closing": 8},
    "two-column": {"comparison": 4, "two_content": 3},
    "statistic": {"statistic": 8},
    "quote": {"quote": 8},
    "image": {"picture_caption": 5},
}


def name_tokens(name: str) -> tuple[str, ...]:
    """A layout name as words: accents and case folded, numbers as digits, stop words out."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    words = re.findall(r"[a-z0-9]+", folded)
    return tuple(_NUMBERS.get(w, w) for w in words if w not in _STOP)


def concepts(name: str) -> set[str]:
    """The concepts (see CONCEPTS) a layout's name announces."""
    tokens = name_tokens(name)
    found = set()
    for concept, phrases in CONCEPTS.items():
        for phrase in phrases:
            whole = phrase.startswith("=")
            words = tuple(phrase.lstrip("=").split())
            inside = any(tokens[i:i + len(words)] == words
                         for i in range(len(tokens) - len(words) + 1))
            if (tokens == words) if whole else inside:
                found.add(concept)
    return found


def name_bonus(kind: str, name: str) -> tuple[float, str | None]:
    """The score a layout's name adds for a kind, and why (None: nothing)."""
    announced = concepts(name)
    hints = KIND_HINTS.get(kind, {})
    gained = [(hints[c], c) for c in announced if c in hints]
    if gained:
        value, concept = max(gained)
        return value, f"name says {concept.replace('_', ' ')} (+{value:g})"
    others = [c for c in announced
              if any(h.get(c, 0) >= 8 for k, h in KIND_HINTS.items() if k != kind)]
    if others:
        return -3.0, f"name says {others[0].replace('_', ' ')}, meant for another kind (-3)"
    return 0.0, None


# -- recipes -------------------------------------------------------------------------------


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


class _Recipe:
    """Places one kind's roles on one layout, scoring as it goes."""

    def __init__(self, info: LayoutInfo, kind: str, roles: Sequence[str],
                 required: Iterable[str]) -> None:
        self.info = info
        self.kind = kind
        self.roles = list(roles)
        self.required = set(required)
        self.slots: dict[str, Slot] = {}
        self.used: set[int] = set()  # ids of placeholder elements taken
        self.reasons: list[str] = []
        self.scale = info.slide.h / (7.5 * EMU_PER_INCH)

    # placing

    def take(self, role: str, placeholder: Placeholder, quality: str, note: str,
             rect: Rect | None = None) -> Rect:
        self.used.add(id(placeholder.element))
        box = rect or self.info.rect(placeholder)
        self.slots[role] = Slot(box, placeholder, quality, note=note)
        return box

    def free(self, role: str, rect: Rect, quality: str, note: str,
             like: Placeholder | None = None) -> None:
        self.slots[role] = Slot(rect, None, quality, like, note)

    def unused(self, types: frozenset[str] = AREA_TYPES) -> list[Placeholder]:
        return [a for a in self.info.areas
                if id(a.element) not in self.used and a.type in types]

    def line_height(self, role: str, lines: float = 1.0) -> int:
        size = {"left_heading": 22, "right_heading": 22, "contact": 18}.get(role, 16)
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
        self.free(role, self.info.region, "free", note)

    # scoring

    def result(self) -> KindMatch:
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
        bonus, why = name_bonus(self.kind, self.info.name)
        score += bonus
        if why:
            self.reasons.append(why)
        slots = {role: self.slots[role] for role in self.roles if role in self.slots}
        return KindMatch(self.kind, self.info, slots, score, tuple(self.reasons))


def _area(rect: Rect) -> int:
    return rect.w * rect.h


def _single_body(r: _Recipe) -> None:
    r.title(centred=False)
    if r.area("body") is None:
        if r.info.subtitle is not None and id(r.info.subtitle.element) not in r.used:
            r.take("body", r.info.subtitle, "good", "subtitle placeholder")
        else:
            r.region_box("body", "no content placeholder: the content area")


def _title_slide(r: _Recipe) -> None:
    r.title(centred=True)
    subtitle = r.info.subtitle
    if subtitle is not None:
        r.take("subtitle", subtitle, "exact", "subtitle placeholder")
    else:
        small = _small_text_areas(r)
        if small:
            r.take("subtitle", small[0], "good", f"{small[0].type} placeholder")
        elif r.area("subtitle", big=False) is None:
            _free_below_title(r, "subtitle", 2)
    for role in ("date", "presenter"):
        spare = _small_text_areas(r)
        if spare:
            r.take(role, spare[0], "good", f"{spare[0].type} placeholder")
        else:
            r.carve_bottom(role, "subtitle", 1)


def _section(r: _Recipe) -> None:
    r.title(centred=False)
    small = _small_text_areas(r)
    if small:
        r.take("subtitle", small[0], "exact", f"{small[0].type} placeholder")
    elif r.info.subtitle is not None:
        r.take("subtitle", r.info.subtitle, "good", "subtitle placeholder")
    elif r.area("subtitle", big=False) is not None:
        slot = r.slots["subtitle"]
        r.slots["subtitle"] = slot._replace(quality="good")
    else:
        _free_below_title(r, "subtitle", 2)


def _closing(r: _Recipe) -> None:
    r.title(centred=True)
    areas = r.unused(TEXT_AREA_TYPES)
    if len(areas) >= 2:
        r.take("body", areas[0], "exact", f"{areas[0].type} placeholder")
        r.take("contact", areas[1], "exact", f"{areas[1].type} placeholder")
        return
    if areas:
        r.take("body", areas[0], "exact", f"{areas[0].type} placeholder")
    elif r.info.subtitle is not None:
        r.take("body", r.info.subtitle, "good", "subtitle placeholder")
    else:
        r.region_box("body", "no content placeholder: the content area")
    r.carve_bottom("contact", "body", 3)


def _columns(r: _Recipe) -> tuple[list[Placeholder], list[Placeholder]] | None:
    """The unused text areas as a left and a right column (each top to bottom)."""
    areas = r.unused(TEXT_AREA_TYPES)
    best: tuple[list[Placeholder], list[Placeholder]] | None = None
    best_area = 0
    for left in areas:
        for right in areas:
            a, b = r.info.rect(left), r.info.rect(right)
            if a.x + a.w <= b.x + b.w * 0.1 and _v_overlap(a, b) > 0.5 and a.x < b.x:
                area = _area(a) + _area(b)
                if area > best_area:
                    best, best_area = ([left], [right]), area
    if best is None:
        return None
    # A smaller area right above a column's area is its heading.
    for column in best:
        below = r.info.rect(column[0])
        for other in areas:
            rect = r.info.rect(other)
            if (other is not column[0] and _h_overlap(rect, below) > 0.8
                    and abs(rect.y + rect.h - below.y) < r.info.slide.h * 0.05
                    and rect.h < below.h * 0.5):
                column.insert(0, other)
                break
    return best


def _two_column(r: _Recipe) -> None:
    r.title(centred=False)
    columns = _columns(r)
    if columns is None:
        # One content area (or none): split in two, the left half keeps the placeholder.
        body = r.area("left_body")
        box = r.slots["left_body"].rect if body is not None else r.info.region
        left, right = _halves(box)
        if body is not None:
            r.slots["left_body"] = Slot(left, body, "carved", note="the left half of the content")
            r.free("right_body", right, "carved", "the right half of the content", body)
        else:
            r.free("left_body", left, "free", "the left half of the content area")
            r.free("right_body", right, "free", "the right half of the content area")
        for side in ("left", "right"):
            r.carve_top(f"{side}_heading", f"{side}_body", 1)
        return
    for side, column in zip(("left", "right"), columns, strict=True):
        body = column[-1]
        r.take(f"{side}_body", body, "exact", f"{body.type} placeholder, {side} column")
        if len(column) > 1:
            r.take(f"{side}_heading", column[0], "exact", f"{column[0].type} placeholder above")
        else:
            r.carve_top(f"{side}_heading", f"{side}_body", 1)


def _statistic(r: _Recipe) -> None:
    r.title(centred=False)
    columns = _columns(r)
    if columns is not None:
        figure = columns[0][-1]
        r.take("figure", figure, "exact", f"{figure.type} placeholder, left column")
        body = columns[1][-1]
        r.take("body", body, "exact", f"{body.type} placeholder, right column")
        r.carve_bottom("caption", "figure", 2)
        return
    area = r.area("body")
    box = r.slots["body"].rect if area is not None else r.info.region
    if area is None:
        r.free("body", box, "free", "no content placeholder: the content area")
    # The figure above, a caption under it, the text below: all in one area.
    figure_h = int(box.h * 0.42)
    r.free("figure", Rect(box.x, box.y, box.w, figure_h), "carved" if area else "free",
           "the top of the content area", area)
    caption_h = min(r.line_height("caption", 1), box.h // 6)
    r.free("caption", Rect(box.x, box.y + figure_h, box.w, caption_h),
           "carved" if area else "free", "a line under the figure", area)
    rest = Rect(box.x, box.y + figure_h + caption_h, box.w, box.h - figure_h - caption_h)
    r.slots["body"] = r.slots["body"]._replace(rect=rest,
                                               quality="carved" if area else "free")


def _quote(r: _Recipe) -> None:
    if "title" in r.roles:
        r.title(centred=False)
    columns = _columns(r)
    if columns is not None:
        quote = columns[0][-1]
        r.take("quote", quote, "exact", f"{quote.type} placeholder, left column")
        pictures = [a for a in r.unused(frozenset({"pic"}))]
        picture = pictures[0] if pictures else columns[1][-1]
        r.take("picture", picture, "exact" if picture.type == "pic" else "good",
               f"{picture.type} placeholder, right column")
        for role, host, column in (("attribution", "quote", columns[0]),
                                   ("caption", "picture", columns[1])):
            if len(column) > 1 and id(column[0].element) not in r.used:
                r.take(role, column[0], "good", f"{column[0].type} placeholder above")
            else:
                r.carve_bottom(role, host, 2)
        return
    pictures = r.unused(frozenset({"pic"}))
    if pictures:
        r.take("picture", pictures[0], "exact", "picture placeholder")
    area = r.area("quote")
    if area is None and r.info.subtitle is not None:
        r.take("quote", r.info.subtitle, "good", "subtitle placeholder")
    elif area is None:
        r.region_box("quote", "no content placeholder: the content area")
    if "picture" not in r.slots:
        # The quote on the left, the picture on the right of the same area.
        quote = r.slots["quote"]
        left, right = _halves(quote.rect, 0.56)
        r.slots["quote"] = quote._replace(rect=left, quality="carved" if not quote.free
                                          else "free")
        r.free("picture", right, "carved", "the right part of the content area")
        r.carve_bottom("caption", "picture", 2)
    else:
        r.carve_bottom("caption", "picture", 2)
    r.carve_bottom("attribution", "quote", 2)


def _image(r: _Recipe) -> None:
    r.title(centred=False)
    pictures = r.unused(frozenset({"pic"}))
    if pictures:
        r.take("picture", pictures[0], "exact", "picture placeholder")
    elif r.area("picture", AREA_TYPES) is not None:
        slot = r.slots["picture"]
        r.slots["picture"] = slot._replace(quality="good")
    else:
        r.region_box("picture", "no content placeholder: the content area")
    small = _small_text_areas(r)
    if small:
        r.take("caption", small[0], "exact", f"{small[0].type} placeholder")
    else:
        r.carve_bottom("caption", "picture", 2)


def _generic(r: _Recipe) -> None:
    """A kind without a recipe: a title into the title, the rest into areas in order."""
    for role in r.roles:
        if role == "title":
            r.title(centred=False)
        elif r.area(role, AREA_TYPES if role in PICTURE_ROLES else TEXT_AREA_TYPES) is None:
            host = next((name for name in reversed(r.slots) if name != "title"), None)
            if host is None:
                r.region_box(role, "no content placeholder: the content area")
            else:
                r.carve_bottom(role, host, 2)


def _small_text_areas(r: _Recipe) -> list[Placeholder]:
    """Unused text areas of at most a third of the content region's height."""
    return [a for a in r.unused(TEXT_AREA_TYPES)
            if r.info.rect(a).h <= r.info.region.h / 3]


def _free_below_title(r: _Recipe, role: str, lines: float) -> None:
    title = r.slots["title"].rect
    height = r.line_height(role, lines) * 2
    top = min(title.y + title.h, r.info.slide.h - height - int(r.info.slide.h * 0.08))
    r.free(role, Rect(title.x, top, title.w, height), "free", "below the title")


def _halves(box: Rect, share: float = 0.5) -> tuple[Rect, Rect]:
    gap = int(box.w * 0.04)
    left_w = int((box.w - gap) * share)
    return (Rect(box.x, box.y, left_w, box.h),
            Rect(box.x + left_w + gap, box.y, box.w - left_w - gap, box.h))


RECIPES: dict[str, Callable[[_Recipe], None]] = {
    "title": _title_slide,
    "agenda": _single_body,
    "bullets": _single_body,
    "partners": _single_body,
    "section": _section,
    "closing": _closing,
    "two-column": _two_column,
    "statistic": _statistic,
    "quote": _quote,
    "image": _image,
}


def place(kind: str, info: LayoutInfo, roles: Sequence[str],
          required: Iterable[str]) -> KindMatch:
    """Place `roles` of `kind` on the layout `info` and score the result."""
    recipe = _Recipe(info, kind, roles, required)
    RECIPES.get(kind, _generic)(recipe)
    # Roles a recipe does not know (a kind that grew one) get a line under the last box.
    for role in roles:
        if role not in recipe.slots:
            host = next((name for name in reversed(recipe.slots) if name != "title"), None)
            if host is None:
                recipe.region_box(role, "no place: the content area")
            else:
                recipe.carve_bottom(role, host, 2)
    return recipe.result()


def best_layout(kind: str, layouts: Sequence[LayoutInfo], roles: Sequence[str],
                required: Iterable[str]) -> KindMatch:
    """The best-scoring placement of a kind over `layouts` (the first of equals)."""
    required = tuple(required)
    matches = [place(kind, info, roles, required) for info in layouts]
    return max(matches, key=lambda m: m.score)  # max keeps the first of equal scores


def kind_roles(kind: str, required: Sequence[str]) -> tuple[str, ...]:
    """Every role of a kind worth a place: the required ones, then the known optional."""
    return tuple(dict.fromkeys([*required, *KIND_ROLES.get(kind, ())]))
