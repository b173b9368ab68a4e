"""Generate a brand's PowerPoint template and stand-in logo from its YAML definition.

`build_template(brand_dir)` reads `brand.yaml` (colours, fonts, footer) and
`layouts.yaml` (which layout each slide kind uses and which placeholder idx holds each
role) and writes `logo.png`, `logo-negative.png` and `template.pptx` into `brand_dir`.

The template starts from python-pptx's default package (so every part PowerPoint
expects is there), then its theme, slide master and layouts are rewritten as XML:
one master, exactly the layouts named in layouts.yaml, no slides. The geometry of each
layout is designed here per slide kind; names, idx values and size ranges come from the
YAML so the planner and the template can never disagree about them.

Run `python -m deck_builder.brandkit templates/vng` to rebuild a brand.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import yaml
from lxml import etree
from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.parts.slide import SlideLayoutPart, SlideMasterPart
from pptx.presentation import Presentation as PresentationObject
from pptx.util import Emu

__all__ = ["build_template"]

# --------------------------------------------------------------------------- units

EMU_PER_INCH = 914400
SLIDE_W_EMU = 12192000  # 13.333 in: PowerPoint's own "Widescreen" size, so no rounding
SLIDE_H_EMU = 6858000  # 7.5 in
SLIDE_W = SLIDE_W_EMU / EMU_PER_INCH
SLIDE_H = SLIDE_H_EMU / EMU_PER_INCH

NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL = f'xmlns:a="{NS_A}" xmlns:p="{NS_P}" xmlns:r="{NS_R}"'
LANG = "nl-NL"

# Fixed package metadata keeps the generated package identical from run to run
# (apart from zip timestamps), so a rebuild only shows up in git when the design changed.
_FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)
_GUID_NS = uuid.UUID("6f1f4f3e-2b7a-4c1e-9a55-0d0c5e1b7a10")


def emu(inches: float) -> int:
    """Inches to EMU, rounded to whole EMU."""
    return round(inches * EMU_PER_INCH)


def _guid(name: str) -> str:
    """A stable `{GUID}` for field ids: derived from `name`, not random."""
    return "{" + str(uuid.uuid5(_GUID_NS, name)).upper() + "}"


# --------------------------------------------------------------------------- grid
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
BULLET_HANG = 0.3  # per list level; matches deck_builder.slideplan.BULLET_HANG
SPACE_BEFORE = (0.5, 0.25, 0.2)  # × font size per level; matches the planner's fitter

# Semantic brand colour → theme slot as seen from slides (through the master clrMap).
# Layouts refer to theme colours rather than RGB values so a theme edit in PowerPoint
# recolours the whole template consistently.
SCHEME = {
    "text": "tx1",
    "background": "bg1",
    "primary": "tx2",
    "light": "bg2",
    "accent": "accent1",
    "muted": "accent3",
}


# --------------------------------------------------------------------------- brand


@dataclass(frozen=True)
class Brand:
    """The parts of brand.yaml the template builder needs."""

    name: str
    colours: dict[str, str]
    font_family: str
    font_files: dict[str, Path]
    logo: Path
    footer: str

    @property
    def logo_negative(self) -> Path:
        """The white variant of the logo for dark backgrounds, next to the logo."""
        return self.logo.with_name(f"{self.logo.stem}-negative{self.logo.suffix}")


def _load_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def load_brand(brand_dir: Path) -> Brand:
    """Read brand.yaml; raise ValueError naming the key when something is missing."""
    data = _load_yaml(brand_dir / "brand.yaml")
    try:
        colours = {key: str(value).lstrip("#").upper() for key, value in data["colours"].items()}
        fonts = data["fonts"]
        brand = Brand(
            name=str(data["name"]),
            colours=colours,
            font_family=str(fonts["family"]),
            font_files={key: brand_dir / value for key, value in fonts["files"].items()},
            logo=brand_dir / str(data.get("logo", "logo.png")),
            footer=str(data.get("footer", "")),
        )
    except KeyError as missing:
        raise ValueError(f"{brand_dir / 'brand.yaml'}: missing key {missing}") from None
    for key in SCHEME:
        value = brand.colours.get(key, "")
        if len(value) != 6 or any(c not in "0123456789ABCDEF" for c in value):
            raise ValueError(f"brand.yaml: colours.{key} must be 6 hex digits, got {value!r}")
    return brand


@dataclass(frozen=True)
class RoleSpec:
    """One role of a kind in layouts.yaml: placeholder idx and optional size range."""

    idx: int
    max_pt: float | None = None
    min_pt: float | None = None


@dataclass(frozen=True)
class KindSpec:
    """One slide kind in layouts.yaml."""

    kind: str
    layout: str
    roles: dict[str, RoleSpec]


def load_layouts(brand_dir: Path) -> list[KindSpec]:
    """Read layouts.yaml in file order (the template's layout order follows it)."""
    data = _load_yaml(brand_dir / "layouts.yaml")
    kinds: list[KindSpec] = []
    for kind, entry in data["kinds"].items():
        roles = {
            role: RoleSpec(int(spec["idx"]), spec.get("max_pt"), spec.get("min_pt"))
            for role, spec in entry["roles"].items()
        }
        kinds.append(KindSpec(kind, str(entry["layout"]), roles))
    return kinds


# --------------------------------------------------------------------------- logo

_LOGO_SIZE = (600, 200)
_SUPERSAMPLE = 4  # draw large and scale down: Pillow's shapes are not antialiased


def _rgb(hex_colour: str, alpha: int = 255) -> tuple[int, int, int, int]:
    value = int(hex_colour, 16)
    return (value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF, alpha


def _draw_logo(brand: Brand, negative: bool) -> Image.Image:
    """A deliberately generic word-and-mark logo, labelled as a stand-in.

    The mark is a 2×2 grid of tiles (a nod to municipalities working together), one
    tile in the accent colour. It must not resemble the real VNG logo, and the filled
    "STAND-IN" tag plus "voorbeeldlogo" keep anyone from shipping it by mistake; the tag
    is sized to stay legible when the logo is 0.6 in tall on a slide.
    """
    s = _SUPERSAMPLE
    width, height = _LOGO_SIZE[0] * s, _LOGO_SIZE[1] * s
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    ink = _rgb("FFFFFF") if negative else _rgb(brand.colours["primary"])
    accent = _rgb(brand.colours["accent"])
    quiet = _rgb(brand.colours["light"]) if negative else _rgb(brand.colours["muted"])
    tag_text = _rgb(brand.colours["primary"]) if negative else _rgb("FFFFFF")

    # Mark: four rounded tiles in a 168 px square, vertically centred.
    tile, gap = 78 * s, 12 * s
    mark = 2 * tile + gap
    top = (height - mark) // 2
    for row in range(2):
        for col in range(2):
            x0 = col * (tile + gap)
            y0 = top + row * (tile + gap)
            colour = accent if (row, col) == (1, 1) else ink
            draw.rounded_rectangle((x0, y0, x0 + tile, y0 + tile), radius=14 * s, fill=colour)

    word_font = ImageFont.truetype(str(brand.font_files["bold"]), 124 * s)
    tag_font = ImageFont.truetype(str(brand.font_files["bold"]), 32 * s)
    note_font = ImageFont.truetype(str(brand.font_files["regular"]), 32 * s)
    text_x = mark + 30 * s

    # "VNG": cap tops level with the top of the mark (bbox top is negative: above baseline).
    _, cap_top, _, _ = word_font.getbbox("VNG", anchor="ls")
    draw.text((text_x, top - cap_top), "VNG", font=word_font, fill=ink, anchor="ls")

    # Tag row, bottom level with the bottom of the mark.
    _, tag_top, tag_right, _ = tag_font.getbbox("STAND-IN", anchor="ls")
    pad_x, pad_y = 14 * s, 12 * s
    tag_h = -tag_top + 2 * pad_y
    tag_y1 = top + mark
    tag_y0 = tag_y1 - tag_h
    baseline = tag_y1 - pad_y
    draw.rounded_rectangle(
        (text_x, tag_y0, text_x + tag_right + 2 * pad_x, tag_y1), radius=8 * s, fill=quiet
    )
    draw.text((text_x + pad_x, baseline), "STAND-IN", font=tag_font, fill=tag_text, anchor="ls")
    note_x = text_x + tag_right + 2 * pad_x + 14 * s
    draw.text((note_x, baseline), "voorbeeldlogo", font=note_font, fill=quiet, anchor="ls")
    return image.resize(_LOGO_SIZE, Image.Resampling.LANCZOS)


def build_logos(brand: Brand) -> tuple[Path, Path]:
    """Write the logo and its negative; return their paths.

    PNGs are written without metadata (no timestamps, no text chunks) so a rebuild is
    byte-identical.
    """
    paths = (brand.logo, brand.logo_negative)
    for path, negative in zip(paths, (False, True), strict=True):
        _draw_logo(brand, negative).save(path, format="PNG", optimize=False)
    return paths


# --------------------------------------------------------------------------- design
# Text styles and shapes are described as plain values; XML is produced from them
# further down. A layout design maps each role of layouts.yaml to a placeholder design.


@dataclass(frozen=True)
class Box:
    """A rectangle in inches."""

    x: float
    y: float
    w: float
    h: float

    def xfrm(self) -> str:
        return (
            f'<a:xfrm><a:off x="{emu(self.x)}" y="{emu(self.y)}"/>'
            f'<a:ext cx="{emu(self.w)}" cy="{emu(self.h)}"/></a:xfrm>'
        )


@dataclass(frozen=True)
class Style:
    """Default text formatting of a placeholder (level 1; lists derive levels 2-3)."""

    colour: str = "text"  # key of SCHEME
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
    """The designed look of one slide kind."""

    dark: bool
    placeholders: dict[str, Ph]
    decorations: tuple[Decoration, ...] = ()
    logo: Logo | None = None
    layout_type: str | None = None  # p:sldLayout@type, helps PowerPoint map layouts
    footer_rule: bool = True


LOGO_BOX = Box(RIGHT - LOGO_W, TOP, LOGO_W, LOGO_H)
TITLE_BOX = Box(MARGIN, TITLE_Y, LOGO_BOX.x - 0.4 - MARGIN, TITLE_H)
TITLE_RULE = Rect("Accentlijn titel", Box(MARGIN, RULE_Y, RULE_W, RULE_H), "accent")
BODY_BOX = Box(MARGIN, BODY_Y, CONTENT_W, BODY_H)

TITLE_STYLE = Style(colour="primary", bold=True, anchor="b", line_pct=90, spaced=False)
BODY_LIST = Style(colour="text", bullets=True)
PROMPT_TITLE = "Klik om de titel te bewerken"
PROMPT_LIST = "Eerste niveau\nTweede niveau\nDerde niveau"


def _title(box: Box = TITLE_BOX) -> Ph:
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


def _designs() -> dict[str, LayoutDesign]:
    """The layout designs by slide kind (keys of layouts.yaml `kinds`)."""
    neg_logo = Logo(LOGO_BOX, negative=True)
    logo = Logo(LOGO_BOX)
    dark_text = 8.9  # text width on the dark slides: clear of the circle motif

    title = LayoutDesign(
        dark=True,
        layout_type="title",
        logo=neg_logo,
        decorations=(
            *_circle_motif(12.4, 6.6, 3.9),
            Rect("Accentlijn titel", Box(MARGIN, 4.35, 1.2, 0.09), "accent"),
        ),
        placeholders={
            "title": Ph(
                "Titel",
                Box(MARGIN, 1.6, dark_text, 2.55),
                Style(colour="background", bold=True, anchor="b", line_pct=90, spaced=False),
                "Titel van de presentatie",
                "ctrTitle",
            ),
            "subtitle": Ph(
                "Ondertitel",
                Box(MARGIN, 4.65, dark_text, 1.05),
                Style(colour="light"),
                "Ondertitel",
                "subTitle",
            ),
            "presenter": Ph(
                "Spreker",
                Box(MARGIN, 5.8, 6.0, 0.4),
                Style(colour="background", bold=True, anchor="b"),
                "Naam spreker, functie",
            ),
            "date": Ph(
                "Datum",
                Box(MARGIN, 6.2, 6.0, 0.4),
                Style(colour="light"),
                "Datum",
            ),
            # Where a variant shows the logo of the afdeling that hosts the meeting.
            "logo": Ph(
                "Logo organisator",
                Box(9.9, 4.95, 2.68, 1.25),
                Style(),
                "Logo van de organisator",
                "pic",
            ),
        },
    )

    agenda_panel_w = 4.9
    agenda = LayoutDesign(
        dark=False,
        logo=logo,
        decorations=(
            Rect("Paneel", Box(0, 0, agenda_panel_w, SLIDE_H), "light"),
            TITLE_RULE,
        ),
        placeholders={
            "title": _title(Box(MARGIN, TITLE_Y, agenda_panel_w - MARGIN - 0.4, TITLE_H)),
            "body": Ph(
                "Agendapunten",
                Box(agenda_panel_w + MARGIN, BODY_Y, RIGHT - agenda_panel_w - MARGIN, BODY_H),
                Style(colour="primary", bullets=True),
                PROMPT_LIST,
            ),
        },
    )

    section = LayoutDesign(
        dark=True,
        layout_type="secHead",
        logo=neg_logo,
        decorations=_circle_motif(12.4, 6.6, 3.9),
        placeholders={
            "number": Ph(
                "Sectienummer",
                Box(MARGIN, 1.05, 5.0, 1.6),
                Style(colour="accent", bold=True, anchor="b", line_pct=90, spaced=False),
                "01",
            ),
            "title": Ph(
                "Titel",
                Box(MARGIN, 2.85, dark_text, 1.8),
                Style(colour="background", bold=True, line_pct=90, spaced=False),
                "Titel van de sectie",
                "title",
            ),
            "subtitle": Ph(
                "Ondertitel",
                Box(MARGIN, 4.85, dark_text, 1.3),
                Style(colour="light"),
                "Korte toelichting",
            ),
        },
    )

    bullets = LayoutDesign(
        dark=False,
        logo=logo,
        decorations=(TITLE_RULE,),
        placeholders={
            "title": _title(),
            "body": Ph("Tekst", BODY_BOX, BODY_LIST, PROMPT_LIST),
        },
    )

    quote_w = 7.35
    pic_x = RIGHT - 3.75
    quote = LayoutDesign(
        dark=False,
        logo=logo,
        decorations=(
            Glyph("Aanhalingsteken", Box(MARGIN - 0.12, 0.05, 1.6, 1.9), "“", 200, "accent"),
        ),
        placeholders={
            "quote": Ph(
                "Citaat",
                Box(MARGIN, 1.95, quote_w, 3.3),
                Style(colour="primary", italic=True),
                "Citaat",
            ),
            "attribution": Ph(
                "Bron",
                Box(MARGIN, 5.75, quote_w, 0.7),
                Style(colour="muted"),
                "Naam, functie",
            ),
            "picture": Ph(
                "Foto",
                Box(pic_x, 1.95, 3.75, 3.65),
                Style(),
                "Klik op het pictogram om een foto toe te voegen",
                "pic",
            ),
            "caption": Ph(
                "Bijschrift",
                Box(pic_x, 5.75, 3.75, 0.7),
                Style(colour="muted"),
                "Bijschrift",
            ),
        },
    )

    stat_panel_w = 6.25
    stat_right_x = stat_panel_w + MARGIN
    stat_right_w = RIGHT - stat_right_x
    statistic = LayoutDesign(
        dark=False,
        logo=logo,
        decorations=(
            Rect("Paneel", Box(0, 0, stat_panel_w, SLIDE_H), "light"),
            Rect("Accentlijn titel", Box(stat_right_x, 2.65, RULE_W, RULE_H), "accent"),
        ),
        placeholders={
            "figure": Ph(
                "Kengetal",
                Box(MARGIN, 1.1, stat_panel_w - MARGIN - 0.45, 2.75),
                Style(colour="accent", bold=True, anchor="b", line_pct=90, spaced=False),
                "99%",
            ),
            "caption": Ph(
                "Toelichting kengetal",
                Box(MARGIN, 4.0, stat_panel_w - MARGIN - 0.45, 2.45),
                Style(colour="primary"),
                "Wat het getal betekent",
            ),
            "title": _title(Box(stat_right_x, 1.35, stat_right_w, TITLE_H)),
            "body": Ph(
                "Tekst",
                Box(stat_right_x, 3.0, stat_right_w, BODY_BOTTOM - 3.0),
                Style(colour="text"),
                "Uitleg bij het kengetal",
            ),
        },
    )

    col_gap = 0.5
    col_w = (CONTENT_W - col_gap) / 2
    right_x = MARGIN + col_w + col_gap
    head_h = 0.6
    col_rule_y = BODY_Y + head_h + 0.12
    col_body_y = col_rule_y + 0.25
    two_column = LayoutDesign(
        dark=False,
        logo=logo,
        decorations=(
            TITLE_RULE,
            Rect("Kolomlijn links", Box(MARGIN, col_rule_y, col_w, 0.035), "accent"),
            Rect("Kolomlijn rechts", Box(right_x, col_rule_y, col_w, 0.035), "accent"),
        ),
        placeholders={
            "title": _title(),
            "left_heading": Ph(
                "Kop links",
                Box(MARGIN, BODY_Y, col_w, head_h),
                Style(colour="primary", bold=True, anchor="b"),
                "Kop linkerkolom",
            ),
            "left_body": Ph(
                "Tekst links",
                Box(MARGIN, col_body_y, col_w, BODY_BOTTOM - col_body_y),
                BODY_LIST,
                PROMPT_LIST,
            ),
            "right_heading": Ph(
                "Kop rechts",
                Box(right_x, BODY_Y, col_w, head_h),
                Style(colour="primary", bold=True, anchor="b"),
                "Kop rechterkolom",
            ),
            "right_body": Ph(
                "Tekst rechts",
                Box(right_x, col_body_y, col_w, BODY_BOTTOM - col_body_y),
                BODY_LIST,
                PROMPT_LIST,
            ),
        },
    )

    partners = LayoutDesign(
        dark=False,
        logo=logo,
        decorations=(TITLE_RULE,),
        placeholders={
            "title": _title(),
            "body": Ph("Partners", BODY_BOX, BODY_LIST, PROMPT_LIST),
        },
    )

    image_w = 7.9  # ≈ 1.9:1, so both 3:2 photos and 16:9 stills crop gently
    caption_x = MARGIN + image_w + 0.45
    image = LayoutDesign(
        dark=False,
        logo=logo,
        decorations=(TITLE_RULE,),
        placeholders={
            "title": _title(),
            "picture": Ph(
                "Afbeelding",
                Box(MARGIN, BODY_Y, image_w, BODY_H),
                Style(),
                "Klik op het pictogram om een afbeelding toe te voegen",
                "pic",
            ),
            "caption": Ph(
                "Bijschrift",
                Box(caption_x, BODY_Y, RIGHT - caption_x, BODY_H),
                Style(colour="muted"),
                "Bijschrift bij de afbeelding",
            ),
        },
    )

    closing = LayoutDesign(
        dark=True,
        logo=neg_logo,
        decorations=(
            *_circle_motif(12.4, 6.6, 3.9),
            Rect("Accentlijn titel", Box(MARGIN, 3.15, 1.2, 0.09), "accent"),
            Rect("Scheidingslijn contact", Box(7.0, 3.55, 0.02, 2.3), "background", alpha=35),
        ),
        placeholders={
            "title": Ph(
                "Titel",
                Box(MARGIN, 1.1, dark_text, 1.85),
                Style(colour="background", bold=True, anchor="b", line_pct=90, spaced=False),
                "Dank voor uw aandacht",
                "title",
            ),
            "body": Ph(
                "Tekst",
                Box(MARGIN, 3.5, 5.9, 2.95),
                Style(colour="background", bullets=True),
                PROMPT_LIST,
            ),
            "contact": Ph(
                "Contact",
                Box(7.35, 3.5, RIGHT - 7.35, 2.95),
                Style(colour="light"),
                "Contactgegevens",
            ),
        },
    )

    return {
        "title": title,
        "agenda": agenda,
        "section": section,
        "bullets": bullets,
        "quote": quote,
        "statistic": statistic,
        "two-column": two_column,
        "partners": partners,
        "image": image,
        "closing": closing,
    }


# --------------------------------------------------------------------------- XML
# Small string builders. Attribute order and element order follow the OOXML schema
# (CT_TextParagraphProperties, CT_TextCharacterProperties, CT_TextBodyProperties).


def _scheme_clr(brand_key: str, alpha: int | None = None) -> str:
    """`<a:schemeClr>` for a semantic brand colour, optionally translucent."""
    mods = "" if alpha is None else f'<a:alpha val="{alpha * 1000}"/>'
    return f'<a:schemeClr val="{SCHEME[brand_key]}">{mods}</a:schemeClr>'


def _fill(brand_key: str, alpha: int | None = None) -> str:
    return f"<a:solidFill>{_scheme_clr(brand_key, alpha)}</a:solidFill>"


def _rpr(tag: str, style: Style, size: float | None, font: str = "+mn-lt") -> str:
    """Run properties (`a:defRPr` or `a:rPr`): Dutch, size, weight, colour, theme font."""
    attrs = f' lang="{LANG}"'
    if size is not None:
        attrs += f' sz="{round(size * 100)}"'
    attrs += f' b="{int(style.bold)}" i="{int(style.italic)}"'
    return (
        f"<a:{tag}{attrs}>{_fill(style.colour)}"
        f'<a:latin typeface="{font}"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
        f"</a:{tag}>"
    )


def _level_ppr(level: int, style: Style, size: float | None, font: str = "+mn-lt") -> str:
    """`<a:lvlNpPr>` for level 1..9 of a placeholder or master text style."""
    lvl_size = size
    if size is not None and style.bullets:
        lvl_size = _level_size(size, level)
    # Space before follows the planner's rule (× font size per level, rounded to half
    # points) so an unfitted paragraph looks like a fitted one.
    factor = SPACE_BEFORE[min(level, 3) - 1] if style.bullets else SPACE_BEFORE[0]
    spc_bef = 0.0 if lvl_size is None or not style.spaced else round(lvl_size * factor * 2) / 2
    if style.bullets:
        mar_l = emu(BULLET_HANG * level)
        # Bullet in the accent colour at full text size: "•" on odd levels, "–" on even
        # ones, the same characters the renderer writes, so template and decks agree.
        char = "–" if level % 2 == 0 else "•"
        bullet_xml = (
            f"<a:buClr>{_scheme_clr(style.bullet_colour)}</a:buClr>"
            f'<a:buSzPct val="100000"/>'
            f'<a:buFont typeface="Arial" panose="020B0604020202020204"/>'
            f'<a:buChar char="{char}"/>'
        )
        indent = -emu(BULLET_HANG)
    else:
        # Nested levels of non-list roles still indent, so a stray level 2 reads as such.
        mar_l = emu(BULLET_HANG * (level - 1))
        bullet_xml = "<a:buNone/>"
        indent = 0
    return (
        f'<a:lvl{level}pPr marL="{mar_l}" indent="{indent}" algn="{style.align}" '
        f'defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
        f'<a:lnSpc><a:spcPct val="{style.line_pct * 1000}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{round(spc_bef * 100)}"/></a:spcBef>'
        f'<a:spcAft><a:spcPts val="0"/></a:spcAft>'
        f"{bullet_xml}{_rpr('defRPr', style, lvl_size, font)}</a:lvl{level}pPr>"
    )


def _level_size(size: float, level: int) -> float:
    """Deeper list levels are a step smaller, but never below 12 pt."""
    return max(12.0, size - 2 * (min(level, 3) - 1))


def _body_pr(anchor: str) -> str:
    """Text body properties shared by every text shape of the template.

    Zero insets, written out explicitly, put text exactly on the grid lines (and the
    rules) of the layout; the planner reads them when it measures. noAutofit: the
    planner fits text itself, so PowerPoint must not shrink it a second time.
    """
    return (
        '<a:bodyPr vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" '
        f'rtlCol="0" anchor="{anchor}"><a:noAutofit/></a:bodyPr>'
    )


def _prompt_paragraphs(prompt: str, bullets: bool) -> str:
    lines = prompt.split("\n")
    out = []
    for level, line in enumerate(lines):
        ppr = f'<a:pPr lvl="{level}"/>' if bullets else ""
        out.append(f'<a:p>{ppr}<a:r><a:rPr lang="{LANG}"/><a:t>{escape(line)}</a:t></a:r></a:p>')
    return "".join(out)


class _Ids:
    """Sequential shape ids; id 1 is the spTree group itself."""

    def __init__(self) -> None:
        self._next = 2

    def take(self) -> int:
        value = self._next
        self._next += 1
        return value


def _ph_attrs(ph_type: str, idx: int) -> str:
    """Attributes of `<p:ph>`. Title placeholders carry no idx: 0 is the schema default
    and PowerPoint itself omits it. `sz` only hints PowerPoint's placeholder menus."""
    size = {"dt": ' sz="half"', "title": "", "ctrTitle": "", "subTitle": ""}.get(
        ph_type, ' sz="quarter"'
    )
    idx_attr = "" if idx == 0 else f' idx="{idx}"'
    return f' type="{ph_type}"{size}{idx_attr}'


def _default_size(style: Style, role: RoleSpec) -> float:
    """The placeholder's default size: the design's wish clamped to the role's range,
    else the role's max_pt (what the planner tries first), else 18 pt."""
    size = style.size if style.size is not None else role.max_pt
    if size is None:
        return 18.0
    if role.min_pt is not None:
        size = max(size, float(role.min_pt))
    if role.max_pt is not None:
        size = min(size, float(role.max_pt))
    return float(size)


def _placeholder_xml(shape_id: int, ph: Ph, role: RoleSpec) -> str:
    """A placeholder `<p:sp>` with position, text defaults and a Dutch custom prompt."""
    size = _default_size(ph.style, role)
    # hasCustomPrompt: PowerPoint shows the layout's own text ("Klik om de titel te
    # bewerken") in empty placeholders instead of its English default.
    prompt_attr = ' hasCustomPrompt="1"'
    nv = (
        f'<p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(ph.name)}/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr><p:ph{_ph_attrs(ph.ph_type, role.idx)}{prompt_attr}/></p:nvPr></p:nvSpPr>"
    )
    sp_pr = f'<p:spPr>{ph.box.xfrm()}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
    if ph.ph_type == "pic":
        # Centred prompt so the empty frame reads as "drop a picture here" when editing.
        style = Style(colour="muted", align="ctr", anchor="ctr", spaced=False)
        lst = _level_ppr(1, style, 14)
        return (
            f"<p:sp>{nv}{sp_pr}<p:txBody>{_body_pr('ctr')}<a:lstStyle>{lst}</a:lstStyle>"
            f"{_prompt_paragraphs(ph.prompt, False)}</p:txBody></p:sp>"
        )
    font = "+mj-lt" if ph.ph_type in ("title", "ctrTitle") else "+mn-lt"
    levels = range(1, 4) if ph.style.bullets else range(1, 2)
    lst = "".join(_level_ppr(level, ph.style, size, font) for level in levels)
    return (
        f"<p:sp>{nv}{sp_pr}<p:txBody>{_body_pr(ph.style.anchor)}<a:lstStyle>{lst}</a:lstStyle>"
        f"{_prompt_paragraphs(ph.prompt, ph.style.bullets)}</p:txBody></p:sp>"
    )


def _footer_xml(ids: _Ids, dark: bool, footer_text: str, master: bool = False) -> str:
    """Date, footer text and slide number in the footer band.

    Footer text on the left (the organisation), date and slide number on the right,
    so the eye finds "where am I" in the same corner on every slide.
    """
    colour = "light" if dark else "muted"
    num_colour = "background" if dark else "primary"
    idx = (2, 3, 4) if master else (10, 11, 12)
    date_w, num_w = 2.6, 0.6
    num_x = RIGHT - num_w
    date_x = num_x - 0.2 - date_w
    parts = [
        (
            "dt",
            idx[0],
            "Voettekst datum",
            Box(date_x, FOOTER_Y, date_w, FOOTER_H),
            Style(colour=colour, align="r", anchor="ctr", size=10, spaced=False),
            f'<a:p><a:fld id="{_guid("date")}" type="datetimeFigureOut">'
            f'<a:rPr lang="{LANG}"/><a:t>1-1-2025</a:t></a:fld>'
            f'<a:endParaRPr lang="{LANG}"/></a:p>',
        ),
        (
            "ftr",
            idx[1],
            "Voettekst",
            Box(MARGIN, FOOTER_Y, 6.8, FOOTER_H),
            Style(colour=colour, anchor="ctr", size=10, spaced=False),
            f'<a:p><a:r><a:rPr lang="{LANG}"/><a:t>{escape(footer_text)}</a:t></a:r></a:p>',
        ),
        (
            "sldNum",
            idx[2],
            "Dianummer",
            Box(num_x, FOOTER_Y, num_w, FOOTER_H),
            Style(colour=num_colour, align="r", anchor="ctr", size=10, bold=True, spaced=False),
            f'<a:p><a:fld id="{_guid("slidenum")}" type="slidenum">'
            f'<a:rPr lang="{LANG}"/><a:t>‹#›</a:t></a:fld><a:endParaRPr lang="{LANG}"/></a:p>',
        ),
    ]
    out = []
    for ph_type, ph_idx, name, box, style, paragraph in parts:
        out.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{ids.take()}" name="{name}"/>'
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f"<p:nvPr><p:ph{_ph_attrs(ph_type, ph_idx)}/></p:nvPr></p:nvSpPr>"
            f'<p:spPr>{box.xfrm()}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
            f"<p:txBody>{_body_pr('ctr')}<a:lstStyle>{_level_ppr(1, style, style.size)}"
            f"</a:lstStyle>{paragraph}</p:txBody></p:sp>"
        )
    return "".join(out)


def _rect_xml(shape_id: int, rect: Rect) -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(rect.name)}/>'
        f'<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{rect.box.xfrm()}<a:prstGeom prst="{rect.geometry}"><a:avLst/></a:prstGeom>'
        f"{_fill(rect.colour, rect.alpha)}"
        f"<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )


def _glyph_xml(shape_id: int, glyph: Glyph) -> str:
    style = Style(colour=glyph.colour, bold=True)
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(glyph.name)}/>'
        f'<p:cNvSpPr txBox="1"/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{glyph.box.xfrm()}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f"<a:noFill/><a:ln><a:noFill/></a:ln></p:spPr>"
        f"<p:txBody>{_body_pr('t')}<a:lstStyle/>"
        f'<a:p><a:pPr><a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:buNone/></a:pPr>'
        f"<a:r>{_rpr('rPr', style, glyph.size, '+mj-lt')}<a:t>{escape(glyph.text)}</a:t></a:r>"
        f"</a:p></p:txBody></p:sp>"
    )


def _picture_xml(shape_id: int, rid: str, box: Box, name: str, descr: str) -> str:
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name={quoteattr(name)} '
        f"descr={quoteattr(descr)}/>"
        f'<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr userDrawn="1"/>'
        f'</p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
        f'</p:blipFill><p:spPr>{box.xfrm()}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f"</p:spPr></p:pic>"
    )


def _sp_tree(shapes: str) -> str:
    return (
        '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
        '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
        f"{shapes}</p:spTree>"
    )


def _background(dark: bool) -> str:
    # Only the dark layouts override the master's white background.
    if not dark:
        return ""
    return f"<p:bg><p:bgPr>{_fill('primary')}<a:effectLst/></p:bgPr></p:bg>"


# --------------------------------------------------------------------------- parts


def _layout_xml(
    name: str, design: LayoutDesign, kind: KindSpec, logo_rid: str | None, footer_text: str
) -> str:
    """Complete `<p:sldLayout>` XML for one kind."""
    ids = _Ids()
    shapes: list[str] = []
    # Drawing order = z-order: background decorations first, then placeholders on top,
    # the logo last so nothing can cover it.
    for deco in design.decorations:
        if isinstance(deco, Glyph):
            shapes.append(_glyph_xml(ids.take(), deco))
        else:
            shapes.append(_rect_xml(ids.take(), deco))
    if design.footer_rule:  # after the panels, so the band runs across them
        shapes.append(_rect_xml(ids.take(), _footer_rule(design.dark)))
    unknown = set(kind.roles) - set(design.placeholders)
    if unknown:
        raise ValueError(
            f"layouts.yaml: kind {kind.kind!r} has roles without a design: {sorted(unknown)}"
        )
    # The title goes first: spTree order is the reading order for screen readers, and
    # python-pptx copies placeholders to new slides in this order.
    ordered = sorted(design.placeholders.items(), key=lambda item: item[0] != "title")
    for role, ph in ordered:
        spec = kind.roles.get(role)
        if spec is None:
            continue  # the brand does not use this role; leave it out of the layout
        if role == "title" and spec.idx != 0:
            raise ValueError(f"layouts.yaml: {kind.kind}.title must be idx 0")
        shapes.append(_placeholder_xml(ids.take(), ph, spec))
    shapes.append(_footer_xml(ids, design.dark, footer_text))
    if design.logo is not None and logo_rid is not None:
        shapes.append(
            _picture_xml(
                ids.take(),
                logo_rid,
                design.logo.box,
                "Logo",
                "Logo (voorbeeld, geen officieel logo)",
            )
        )
    type_attr = f' type="{design.layout_type}"' if design.layout_type else ""
    return (
        f'<p:sldLayout {NSDECL}{type_attr} preserve="1" showMasterSp="0">'
        f"<p:cSld name={quoteattr(name)}>{_background(design.dark)}"
        f"{_sp_tree(''.join(shapes))}</p:cSld>"
        f"<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )


def _master_children_xml(brand: Brand, logo_rid: str) -> str:
    """New children of `<p:sldMaster>`: cSld, clrMap, empty layout list, text styles."""
    ids = _Ids()
    # The master's own placeholders mirror the "Tekst" layout: they are what PowerPoint
    # falls back to and what its master view shows.
    title = _placeholder_xml(ids.take(), _title(), RoleSpec(0, 32, 22))
    body_ph = Ph("Tekst", BODY_BOX, BODY_LIST, PROMPT_LIST, "body")
    body = _placeholder_xml(ids.take(), body_ph, RoleSpec(1, 24, 14))
    footers = _footer_xml(ids, False, brand.footer, master=True)
    rule = _rect_xml(ids.take(), TITLE_RULE)
    logo = _picture_xml(
        ids.take(), logo_rid, LOGO_BOX, "Logo", "Logo (voorbeeld, geen officieel logo)"
    )
    footer_rule = _rect_xml(ids.take(), _footer_rule(False))
    shapes = rule + footer_rule + title + body + footers + logo
    bg = '<p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>'
    clr_map = (
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" '
        'accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" '
        'accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
    )
    return (
        f"<p:sldMaster {NSDECL}><p:cSld>{bg}{_sp_tree(shapes)}</p:cSld>{clr_map}"
        f"<p:sldLayoutIdLst/>{_text_styles()}</p:sldMaster>"
    )


def _footer_rule(dark: bool) -> Rect:
    # A translucent hairline works on any background colour of the layout.
    colour = "background" if dark else "muted"
    return Rect(
        "Voetlijn",
        Box(MARGIN, FOOTER_RULE_Y, CONTENT_W, HAIRLINE),
        colour,
        alpha=30 if dark else 35,
    )


def _text_styles() -> str:
    """Master title/body/other styles: brand colours, theme fonts, Dutch language."""
    title = _level_ppr(1, TITLE_STYLE, 32, "+mj-lt")
    body = "".join(_level_ppr(level, BODY_LIST, 24) for level in range(1, 10))
    other_style = Style(colour="text")
    other = "".join(
        _level_ppr(level, other_style, 18).replace(
            f'marL="{emu(BULLET_HANG * (level - 1))}"', f'marL="{emu(0.5 * (level - 1))}"', 1
        )
        for level in range(1, 10)
    )
    return (
        f"<p:txStyles><p:titleStyle>{title}</p:titleStyle><p:bodyStyle>{body}</p:bodyStyle>"
        f'<p:otherStyle><a:defPPr><a:defRPr lang="{LANG}"/></a:defPPr>{other}</p:otherStyle>'
        f"</p:txStyles>"
    )


def _mix(hex_a: str, hex_b: str, share_b: float) -> str:
    """Blend two RGB hex colours; used for tints of the brand palette in the theme."""
    a = _rgb(hex_a)[:3]
    b = _rgb(hex_b)[:3]
    return "".join(f"{round(x + (y - x) * share_b):02X}" for x, y in zip(a, b, strict=True))


def _theme_blob(blob: bytes, brand: Brand) -> bytes:
    """Rewrite the default theme: brand colour scheme, brand font for both font slots."""
    root = etree.fromstring(blob)
    ns = {"a": NS_A}
    c = brand.colours
    root.set("name", brand.name)
    # Chart and table colours come from accent1..6 in order: the accent first, then the
    # primary, muted grey and tints, so generated charts stay within the calm palette.
    slots = {
        "dk1": c["text"],
        "lt1": c["background"],
        "dk2": c["primary"],
        "lt2": c["light"],
        "accent1": c["accent"],
        "accent2": c["primary"],
        "accent3": c["muted"],
        "accent4": _mix(c["primary"], "FFFFFF", 0.45),
        "accent5": _mix(c["accent"], "FFFFFF", 0.45),
        "accent6": _mix(c["muted"], "FFFFFF", 0.45),
        "hlink": c["primary"],
        "folHlink": c["muted"],
    }
    scheme = root.find("a:themeElements/a:clrScheme", ns)
    if scheme is None:
        raise ValueError("default theme has no colour scheme")
    scheme.set("name", brand.name)
    for slot, value in slots.items():
        holder = scheme.find(f"a:{slot}", ns)
        if holder is None:
            raise ValueError(f"default theme lacks colour slot {slot}")
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, f"{{{NS_A}}}srgbClr", val=value)
    fonts = root.find("a:themeElements/a:fontScheme", ns)
    if fonts is None:
        raise ValueError("default theme has no font scheme")
    fonts.set("name", brand.name)
    for slot in ("a:majorFont", "a:minorFont"):
        latin = fonts.find(f"{slot}/a:latin", ns)
        if latin is None:
            raise ValueError(f"default theme lacks {slot}/latin")
        latin.set("typeface", brand.font_family)
        for attr in ("panose", "pitchFamily", "charset"):
            latin.attrib.pop(attr, None)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _app_blob(blob: bytes, theme_name: str) -> bytes:
    """docProps/app.xml: widescreen format, theme name (the default says 4:3, Office)."""
    ns_ep = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    root = etree.fromstring(blob)
    fmt = root.find(f"{{{ns_ep}}}PresentationFormat")
    if fmt is not None:
        fmt.text = "Breedbeeld"
    titles = root.find(f"{{{ns_ep}}}TitlesOfParts")
    if titles is not None:
        for lpstr in titles.iter(
            "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}lpstr"
        ):
            lpstr.text = theme_name
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --------------------------------------------------------------------------- build


def build_template(brand_dir: Path) -> Path:
    """Write brand_dir/logo.png and brand_dir/template.pptx from brand.yaml + layouts.yaml;
    return the pptx path.

    Also writes the white logo variant (`logo-negative.png`) used on the dark layouts.
    Deterministic: an unchanged brand rebuilds byte-identical files. Raises ValueError
    when the YAML asks for a kind or role this module has no design for.
    """
    brand_dir = Path(brand_dir)
    brand = load_brand(brand_dir)
    kinds = load_layouts(brand_dir)
    designs = _designs()
    missing = [k.kind for k in kinds if k.kind not in designs]
    if missing:
        raise ValueError(f"layouts.yaml: no layout design for kind(s) {missing}")
    names = [k.layout for k in kinds]
    if len(set(names)) != len(names):
        raise ValueError("layouts.yaml: two kinds use the same layout; names must be unique")

    logo_path, negative_path = build_logos(brand)

    prs = Presentation()
    prs.slide_width = Emu(SLIDE_W_EMU)
    prs.slide_height = Emu(SLIDE_H_EMU)
    # python-pptx has no API for the rest; edit the presentation XML directly.
    pres_el = prs.part._element
    sld_sz = pres_el.find(f"{{{NS_P}}}sldSz")
    if sld_sz is not None:
        sld_sz.attrib.pop("type", None)  # the default says "screen4x3"; 16:9 has no type
    for def_rpr in pres_el.iter(f"{{{NS_A}}}defRPr"):
        if def_rpr.get("lang"):
            def_rpr.set("lang", LANG)

    master = prs.slide_master
    # Remove the eleven default layouts through python-pptx: it drops the sldLayoutId
    # entry and the master's relationship, after which the part is unreachable and is
    # not written. New layouts are added as fresh parts below.
    for layout in list(master.slide_layouts):
        master.slide_layouts.remove(layout)

    master_part: SlideMasterPart = master.part
    theme_part = master_part.part_related_by(RT.THEME)
    theme_part.blob = _theme_blob(theme_part.blob, brand)  # a plain (blob) part

    # Rebuild the master in place (same part, same theme relationship).
    _, master_logo_rid = master_part.get_or_add_image_part(str(logo_path))
    new_master = parse_xml(_master_children_xml(brand, master_logo_rid))
    master_el = master_part._element
    for child in list(master_el):
        master_el.remove(child)
    for child in list(new_master):
        master_el.append(child)
    id_list = master_el.find(f"{{{NS_P}}}sldLayoutIdLst")

    package = prs.part.package
    next_id = 2147483649  # ids share one space with sldMasterId (2147483648)
    for kind in kinds:
        design = designs[kind.kind]
        partname = package.next_partname("/ppt/slideLayouts/slideLayout%d.xml")
        part = SlideLayoutPart(
            PackURI(partname),
            CT.PML_SLIDE_LAYOUT,
            package,
            parse_xml(f"<p:sldLayout {NSDECL}><p:cSld/></p:sldLayout>"),
        )
        part.relate_to(master_part, RT.SLIDE_MASTER)
        logo_rid = None
        if design.logo is not None:
            image = negative_path if design.logo.negative else logo_path
            _, logo_rid = part.get_or_add_image_part(str(image))
        part._element = parse_xml(_layout_xml(kind.layout, design, kind, logo_rid, brand.footer))
        rid = master_part.relate_to(part, RT.SLIDE_LAYOUT)
        entry = etree.SubElement(id_list, f"{{{NS_P}}}sldLayoutId")
        entry.set("id", str(next_id))
        entry.set(f"{{{NS_R}}}id", rid)
        next_id += 1

    _tidy_package(prs, brand)
    buffer = io.BytesIO()
    prs.save(buffer)
    out = brand_dir / "template.pptx"
    out.write_bytes(_normalised_zip(buffer.getvalue()))
    return out


def _normalised_zip(data: bytes) -> bytes:
    """The same zip with fixed entry timestamps, so an unchanged design rebuilds
    byte-identically and does not show up as a change in git."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _tidy_package(prs: PresentationObject, brand: Brand) -> None:
    """Metadata and leftovers of the default package that would misdescribe the template."""
    package = prs.part.package
    # The default thumbnail shows an empty 4:3 Office slide, and the Mac printer
    # settings mean nothing here; neither is referenced from any XML, so dropping the
    # relationship removes the part.
    for rid, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rid)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part.blob = _app_blob(rel.target_part.blob, brand.name)
    for rid, rel in list(prs.part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(rid)

    props = prs.core_properties
    props.title = f"{brand.name} – sjabloon"
    props.subject = "PowerPoint-sjabloon gegenereerd door deck-builder"
    props.author = "deck-builder"
    props.last_modified_by = "deck-builder"
    props.keywords = "sjabloon; huisstijl; stand-in"
    props.comments = "Stand-in huisstijl; het logo is een voorbeeldlogo, geen officieel logo."
    props.language = LANG
    props.revision = 1
    props.created = _FIXED_TIME
    props.modified = _FIXED_TIME


def _main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m deck_builder.brandkit BRAND_DIR", file=sys.stderr)
        return 2
    out = build_template(Path(argv[0]))
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
