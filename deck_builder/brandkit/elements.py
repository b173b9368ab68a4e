"""The value types a layout design is made of: text styles, placeholders, shapes."""

from __future__ import annotations

from dataclasses import dataclass

from deck_builder.brandkit.grid import Box

# Text styles and shapes are described as plain values; XML is produced from them in
# ooxml.py and shapes.py. Colours are semantic brand keys (see ooxml.SCHEME), not RGB.


@dataclass(frozen=True)
class Style:
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


@dataclass(frozen=True)
class Ph:
    """A placeholder in a layout design."""

    name: str
    box: Box
    style: Style
    prompt: str
    ph_type: str = "body"


@dataclass(frozen=True)
class FooterField:
    """One of the footer placeholders (date, footer text, slide number)."""

    ph_type: str  # "dt", "ftr" or "sldNum"
    name: str
    box: Box
    style: Style


@dataclass(frozen=True)
class Rect:
    """A decorative filled shape (rule, panel, circle)."""

    name: str
    box: Box
    colour: str  # key of SCHEME
    geometry: str = "rect"
    alpha: int | None = None  # opacity in percent; None = opaque


@dataclass(frozen=True)
class Glyph:
    """A decorative text character (the large quotation mark)."""

    name: str
    box: Box
    text: str
    size: float
    colour: str


@dataclass(frozen=True)
class Logo:
    """Where the logo picture sits, and whether the white variant is used."""

    box: Box
    negative: bool = False


Decoration = Rect | Glyph


@dataclass(frozen=True)
class LayoutDesign:
    """The designed look of one slide kind; placeholders are keyed by role."""

    dark: bool
    placeholders: dict[str, Ph]
    decorations: tuple[Decoration, ...] = ()
    logo: Logo | None = None
    layout_type: str | None = None  # p:sldLayout@type, helps PowerPoint map layouts
    footer_rule: bool = True
