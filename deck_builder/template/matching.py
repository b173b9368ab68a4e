"""Choose a layout for each slide kind by what the layouts contain, for any template.

Every layout of the master in use is read as placeholders with a type, position and
size (`LayoutInfo`). Each slide kind has a recipe that places its roles on a layout
(see placement.py). A placement's score is the sum of its roles' qualities (exact 10,
good 7, carved 3, free 0; optional roles count half), less a penalty for each content
placeholder the kind would leave empty, plus a bonus when the layout's name says what
it is for. Names are hints only, understood in English, Dutch, German, French, Spanish
and Italian ("Title and Content", "Titel en inhoud", "Title, Content", "Titel und
Inhalt", …); two layouts with the same placeholders are told apart by them, a layout is
never chosen for its name alone.

What each kind needs (its roles, recipe, names and hints) is given to a `Matcher` as
`needs.LayoutNeed` values; this module knows no kind by name. The result per kind is a
`KindMatch`: the layout, a `Slot` per role and the reasons, which `load.py` turns into
the planner's `LayoutSpec` (a layout copy with the carved and free boxes drawn in as
placeholders, when the kind needs one).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from lxml import etree

from deck_builder.ooxml.colours import Palette, Theme, colour_map, luminance
from deck_builder.ooxml.geometry import Rect
from deck_builder.ooxml.inheritance import TITLE_TYPES, run_property
from deck_builder.ooxml.namespaces import A as _A
from deck_builder.ooxml.namespaces import P as _P
from deck_builder.ooxml.placeholders import Placeholder, layout_placeholders
from deck_builder.template.needs import LayoutNeed
from deck_builder.template.placement import (
    AREA_TYPES,
    TEXT_AREA_TYPES,
    KindMatch,
    LayoutInfo,
    Placement,
    clip,
    generic,
    v_overlap,
)

if TYPE_CHECKING:
    from pptx.slide import SlideLayout, SlideMaster


FOOTER_TYPES = frozenset({"dt", "ftr", "sldNum", "hdr"})


# -- layouts as the matcher sees them ----------------------------------------------------


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


def _reading_order(items: list[Placeholder]) -> list[Placeholder]:
    # Rows first (boxes whose vertical ranges overlap by half share a row), then x.
    rows: list[list[Placeholder]] = []
    for item in sorted(items, key=lambda p: (p.rect.y, p.rect.x)):  # type: ignore[union-attr]
        for row in rows:
            if v_overlap(row[0].rect, item.rect) > 0.5:  # type: ignore[arg-type]
                row.append(item)
                break
        else:
            rows.append([item])
    return [p for row in rows for p in sorted(row, key=lambda p: p.rect.x)]  # type: ignore[union-attr]


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
# Concepts a layout's name can announce: the kinds of layout PowerPoint and most
# templates have, as phrases (folded, stop words left out); a phrase starting with "="
# must be the whole name ("Titel" alone is a title slide, "Titel en inhoud" is not). A
# kind adds the words of layouts made for it (see needs.LayoutNeed.names).
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
}
# A kind's hint for a concept of its own is worth OWN_CONCEPT; a layout whose name
# announces another kind's own concept costs a kind NOT_OURS.
OWN_CONCEPT = 8.0
NOT_OURS = -3.0


def name_tokens(name: str) -> tuple[str, ...]:
    """A layout name as words: accents and case folded, numbers as digits, stop words out."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    words = re.findall(r"[a-z0-9]+", folded)
    return tuple(_NUMBERS.get(w, w) for w in words if w not in _STOP)


def _announces(tokens: tuple[str, ...], phrase: str) -> bool:
    whole = phrase.startswith("=")
    words = tuple(phrase.lstrip("=").split())
    if whole:
        return tokens == words
    return any(tokens[i:i + len(words)] == words for i in range(len(tokens) - len(words) + 1))


# -- the matcher ---------------------------------------------------------------------------


class Matcher:
    """Places slide kinds on layouts by what each kind needs (`needs.LayoutNeed`).

    It knows every kind at once: a layout's name announcing another kind's own concept
    costs a kind a little (an "Agenda" layout is not for bullets).
    """

    def __init__(self, needs: Iterable[LayoutNeed]) -> None:
        self.needs = {need.kind: need for need in needs}
        self.concepts: dict[str, tuple[str, ...]] = dict(CONCEPTS)
        for need in self.needs.values():
            if need.names:
                self.concepts[need.kind] = (*self.concepts.get(need.kind, ()), *need.names)

    def announced(self, name: str) -> set[str]:
        """The concepts (see CONCEPTS and the kinds' names) a layout's name announces."""
        tokens = name_tokens(name)
        return {concept for concept, phrases in self.concepts.items()
                if any(_announces(tokens, phrase) for phrase in phrases)}

    def name_bonus(self, kind: str, name: str) -> tuple[float, str | None]:
        """The score a layout's name adds for a kind, and why (None: nothing)."""
        announced = self.announced(name)
        hints = self.needs[kind].hints
        gained = [(hints[c], c) for c in announced if c in hints]
        if gained:
            value, concept = max(gained)
            return value, f"name says {concept.replace('_', ' ')} (+{value:g})"
        others = [c for c in announced
                  if any(need.hints.get(c, 0) >= OWN_CONCEPT
                         for other, need in self.needs.items() if other != kind)]
        if others:
            return NOT_OURS, (f"name says {others[0].replace('_', ' ')}, meant for another "
                              f"kind ({NOT_OURS:g})")
        return 0.0, None

    def place(self, kind: str, info: LayoutInfo, roles: Sequence[str],
              required: Iterable[str]) -> KindMatch:
        """Place `roles` of `kind` on the layout `info` and score the result."""
        need = self.needs[kind]
        placement = Placement(info, need, roles, required)
        (need.recipe or generic)(placement)
        # Roles a recipe does not know (a kind that grew one) get a line under the last box.
        for role in roles:
            if role not in placement.slots:
                host = next((name for name in reversed(placement.slots) if name != "title"),
                            None)
                if host is None:
                    placement.region_box(role, "no place: the content area")
                else:
                    placement.carve_bottom(role, host, 2)
        return placement.result(*self.name_bonus(kind, info.name))

    def best_layout(self, kind: str, layouts: Sequence[LayoutInfo], roles: Sequence[str],
                    required: Iterable[str]) -> KindMatch:
        """The best-scoring placement of a kind over `layouts` (the first of equals)."""
        required = tuple(required)
        matches = [self.place(kind, info, roles, required) for info in layouts]
        return max(matches, key=lambda m: m.score)  # max keeps the first of equal scores
