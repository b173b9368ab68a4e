"""How the layouts of a generated brand template look: the design vocabulary and its grid.

The template builder (deck_builder.brandkit) draws one master and one layout per slide
kind from these plain values; each kind declares its own layout's design with them
(`SlideKind.design`). Lengths are inches, colours semantic brand keys ("primary",
"accent", …; see brandkit.ooxml.SCHEME), never RGB. They are NamedTuples: every kind
module makes some when it is imported, on every build.
"""

from __future__ import annotations

from typing import NamedTuple

from deck_builder.ooxml.geometry import EMU_PER_INCH

# -- the grid ------------------------------------------------------------------------------

SLIDE_W_EMU = 12192000  # 13.333 in: PowerPoint's own "Widescreen" size, so no rounding
SLIDE_H_EMU = 6858000  # 7.5 in
SLIDE_W = SLIDE_W_EMU / EMU_PER_INCH
SLIDE_H = SLIDE_H_EMU / EMU_PER_INCH

# One grid for every layout: 0.75 in side margins, titles on the same baseline zone,
# the body starting at the same height and a footer band at the bottom. Keeping the
# numbers here (not scattered through the layouts) is what makes slides line up when
# a deck flips between layouts.
MARGIN = 0.75
RIGHT = SLIDE_W - MARGIN  # right edge of the content area
CONTENT_W = RIGHT - MARGIN
TOP = 0.6
LOGO_W, LOGO_H = 1.8, 0.6  # logo.png is 3:1
TITLE_Y, TITLE_H = TOP, 1.15  # bottom-anchored so one- and two-line titles sit on the rule
RULE_Y, RULE_H, RULE_W = 1.9, 0.07, 0.9  # the short accent rule under a title
BODY_Y = 2.3
BODY_BOTTOM = 6.45
BODY_H = BODY_BOTTOM - BODY_Y
FOOTER_RULE_Y = 6.78
FOOTER_Y, FOOTER_H = 6.88, 0.3
HAIRLINE = 0.012  # ~0.9 pt: thinnest line that still renders on projectors


def emu(inches: float) -> int:
    """Inches to EMU, rounded to whole EMU."""
    return round(inches * EMU_PER_INCH)


class Box(NamedTuple):
    """A rectangle in inches: left, top, width, height."""

    x: float
    y: float
    w: float
    h: float


# -- the vocabulary ------------------------------------------------------------------------


class Style(NamedTuple):
    """Default text formatting of a placeholder (level 1; lists derive levels 2-3)."""

    colour: str = "text"  # key of SCHEME
    # Luminance of `colour` in percent (DrawingML lumMod): a darker shade of the same
    # theme colour, as PowerPoint's "darker" palette entries are. None = the colour as is.
    shade: int | None = None
    size: float | None = None  # pt; None = the role's max_pt
    bold: bool = False
    italic: bool = False
    align: str = "l"
    anchor: str = "t"
    line_pct: int = 100  # 100 = single spacing, what the planner's fitter assumes
    bullets: bool = False
    bullet_colour: str = "accent"
    spaced: bool = True  # space before paragraphs; off for one-line roles (titles, figures)


class Ph(NamedTuple):
    """A placeholder in a layout design."""

    name: str
    box: Box
    style: Style
    prompt: str
    ph_type: str = "body"


class FooterField(NamedTuple):
    """One of the footer placeholders (date, footer text, slide number)."""

    ph_type: str  # "dt", "ftr" or "sldNum"
    name: str
    box: Box
    style: Style


class Rect(NamedTuple):
    """A decorative filled shape (rule, panel, circle)."""

    name: str
    box: Box
    colour: str  # key of SCHEME
    geometry: str = "rect"
    alpha: int | None = None  # opacity in percent; None = opaque


class Glyph(NamedTuple):
    """A decorative text character (the large quotation mark)."""

    name: str
    box: Box
    text: str
    size: float
    colour: str


class Logo(NamedTuple):
    """Where the logo picture sits, and whether the white variant is used."""

    box: Box
    negative: bool = False


Decoration = Rect | Glyph


class LayoutDesign(NamedTuple):
    """The designed look of one slide kind; placeholders are keyed by role."""

    dark: bool
    placeholders: dict[str, Ph]
    decorations: tuple[Decoration, ...] = ()
    logo: Logo | None = None
    layout_type: str | None = None  # p:sldLayout@type, helps PowerPoint map layouts
    footer_rule: bool = True


# -- what the layouts share ------------------------------------------------------------------

LOGO_BOX = Box(RIGHT - LOGO_W, TOP, LOGO_W, LOGO_H)
LOGO = Logo(LOGO_BOX)
NEGATIVE_LOGO = Logo(LOGO_BOX, negative=True)  # the white logo, on the dark layouts
TITLE_BOX = Box(MARGIN, TITLE_Y, LOGO_BOX.x - 0.4 - MARGIN, TITLE_H)
TITLE_RULE = Rect("Accentlijn titel", Box(MARGIN, RULE_Y, RULE_W, RULE_H), "accent")
BODY_BOX = Box(MARGIN, BODY_Y, CONTENT_W, BODY_H)
DARK_TEXT_W = 8.9  # text width on the dark slides: clear of the circle motif

TITLE_STYLE = Style(colour="primary", bold=True, anchor="b", line_pct=90, spaced=False)
DARK_TITLE_STYLE = TITLE_STYLE._replace(colour="background")
FIGURE_STYLE = TITLE_STYLE._replace(colour="accent")  # section numbers on the dark blue
# The key figure sits on the light panel, where the accent itself reaches only 2.7:1; the
# accent at 88 % luminance (#CA6817 for the VNG orange) reaches 3.4:1 there, more than
# the 3:1 WCAG asks of large text, and still reads as the one accent colour.
FIGURE_ON_LIGHT = FIGURE_STYLE._replace(shade=88)
BODY_LIST = Style(colour="text", bullets=True)
PROMPT_TITLE = "Klik om de titel te bewerken"
PROMPT_LIST = "Eerste niveau\nTweede niveau\nDerde niveau"


def title_placeholder(box: Box = TITLE_BOX) -> Ph:
    """The title placeholder of the white content layouts."""
    return Ph("Titel", box, TITLE_STYLE, PROMPT_TITLE, "title")


def _circle_motif(cx: float, cy: float, r: float) -> tuple[Rect, Rect]:
    """Two large, barely-there white circles in the corner of the dark layouts.

    White at a few percent opacity tints the blue rather than adding a colour, so the
    blue slides get depth without competing with the one accent.
    """
    outer = Rect(
        "Decoratie cirkel",
        Box(cx - r, cy - r, 2 * r, 2 * r),
        "background",
        "ellipse",
        alpha=6,
    )
    inner_r = r * 0.62
    inner = Rect(
        "Decoratie cirkel binnen",
        Box(cx - inner_r, cy - inner_r, 2 * inner_r, 2 * inner_r),
        "background",
        "ellipse",
        alpha=6,
    )
    return outer, inner


# The same circles in the lower right corner of every dark layout.
DARK_MOTIF = _circle_motif(12.4, 6.6, 3.9)


def dark_rule(y: float) -> Rect:
    """The accent rule of the dark layouts: longer and heavier than TITLE_RULE."""
    return Rect("Accentlijn titel", Box(MARGIN, y, 1.2, 0.09), "accent")
