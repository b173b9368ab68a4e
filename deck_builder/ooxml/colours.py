"""Colours as DrawingML defines them: theme colour schemes, colour maps, transforms,
fills, and WCAG luminance and contrast.

Shared by the accessibility check (text contrast), the template reader (a foreign
template's brand colours come from its theme) and the layout matcher.
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from deck_builder.ooxml.namespaces import NSMAP, A

FILL_TAGS = frozenset(
    f"{A}{name}"
    for name in ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill")
)
COLOUR_TAGS = frozenset(
    f"{A}{name}"
    for name in ("srgbClr", "schemeClr", "sysClr", "scrgbClr", "hslClr", "prstClr")
)
_PRESET_COLOURS = {
    "black": "000000",
    "white": "FFFFFF",
    "red": "FF0000",
    "green": "008000",
    "blue": "0000FF",
    "yellow": "FFFF00",
    "gray": "808080",
    "grey": "808080",
    "silver": "C0C0C0",
    "navy": "000080",
    "orange": "FFA500",
    "purple": "800080",
}
_SYSTEM_COLOURS = {"windowText": "000000", "window": "FFFFFF"}


RGB = tuple[float, float, float]


def colour_map(element: etree._Element | None) -> dict[str, str]:
    """A colour map (`p:clrMap`, `a:overrideClrMapping`) as slot → theme colour (bg1 →
    lt1, …); empty for None."""
    if element is None:
        return {}
    return {str(slot): str(colour) for slot, colour in element.attrib.items()}


# -- colours -----------------------------------------------------------------------------


def luminance(rgb: RGB) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour with channels in 0…1."""

    def linear(channel: float) -> float:
        if channel <= 0.04045:
            return channel / 12.92
        return float(((channel + 0.055) / 1.055) ** 2.4)

    red, green, blue = (linear(c) for c in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: RGB, second: RGB) -> float:
    """WCAG 2.1 contrast ratio of two colours: 1 (same) … 21 (black on white)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class Paint:
    """A solid colour (sRGB channels 0…1) and its opacity."""

    rgb: RGB
    alpha: float = 1.0

    def over(self, below: RGB) -> RGB:
        """This colour composited over an opaque one (in sRGB, as renderers blend)."""
        a = self.alpha
        return (
            self.rgb[0] * a + below[0] * (1 - a),
            self.rgb[1] * a + below[1] * (1 - a),
            self.rgb[2] * a + below[2] * (1 - a),
        )


@dataclass(frozen=True)
class Unknown:
    """A fill the check does not evaluate: a gradient, pattern or picture."""

    what: str


class Unset:
    """The answer of a lookup when the element does not set the property at all."""


UNSET = Unset()

# What a fill element gives: a colour, nothing (transparent), or something not evaluated.
Fill = Paint | Unknown | None


def _hex(value: str) -> RGB | None:
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", value or ""):
        return None
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def to_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in rgb)


def _srgb_to_linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else float(((c + 0.055) / 1.055) ** 2.4)


def _linear_to_srgb(c: float) -> float:
    c = min(max(c, 0.0), 1.0)
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def _percent(element: etree._Element) -> float:
    try:
        return int(element.get("val", "100000")) / 100000
    except ValueError:
        return 1.0


def _transform(paint: Paint, colour: etree._Element) -> Paint:
    """Apply the colour element's transform children in document order."""
    red, green, blue = paint.rgb
    alpha = paint.alpha
    for child in colour:
        name = etree.QName(child).localname
        value = _percent(child)
        if name == "alpha":
            alpha = value
        elif name == "alphaMod":
            alpha *= value
        elif name == "alphaOff":
            alpha += value
        elif name in {"lumMod", "lumOff", "satMod"}:
            hue, light, sat = colorsys.rgb_to_hls(red, green, blue)
            if name == "lumMod":
                light *= value
            elif name == "lumOff":
                light += value
            else:
                sat *= value
            red, green, blue = colorsys.hls_to_rgb(
                hue, min(max(light, 0.0), 1.0), min(max(sat, 0.0), 1.0)
            )
        elif name in {"tint", "shade"}:
            # DrawingML tints towards white and shades towards black in linear RGB.
            channels = [_srgb_to_linear(c) for c in (red, green, blue)]
            if name == "tint":
                channels = [1 - (1 - c) * value for c in channels]
            else:
                channels = [c * value for c in channels]
            red, green, blue = (_linear_to_srgb(c) for c in channels)
    return Paint((red, green, blue), min(max(alpha, 0.0), 1.0))


@dataclass
class Theme:
    """A theme's colour scheme and fill style lists."""

    colours: dict[str, RGB] = field(default_factory=dict)
    fill_styles: list[etree._Element] = field(default_factory=list)
    background_styles: list[etree._Element] = field(default_factory=list)

    @classmethod
    def read(cls, root: etree._Element | None) -> Theme:
        """The theme of a theme part's root (an empty theme when there is none)."""
        theme = cls()
        if root is None:
            return theme
        scheme = root.find("a:themeElements/a:clrScheme", NSMAP)
        for slot in scheme if scheme is not None else []:
            for colour in slot:
                value = colour.get("lastClr") if colour.tag == A + "sysClr" else colour.get("val")
                rgb = _hex(value or "")
                if rgb is not None:
                    theme.colours[etree.QName(slot).localname] = rgb
        formats = root.find("a:themeElements/a:fmtScheme", NSMAP)
        if formats is not None:
            fills = formats.find("a:fillStyleLst", NSMAP)
            backgrounds = formats.find("a:bgFillStyleLst", NSMAP)
            theme.fill_styles = list(fills) if fills is not None else []
            theme.background_styles = list(backgrounds) if backgrounds is not None else []
        return theme


class Palette(NamedTuple):
    """What scheme colours mean on one slide: its theme and its colour map."""

    theme: Theme
    colour_map: dict[str, str]

    def colour(self, element: etree._Element, placeholder: Paint | None = None) -> Paint | None:
        """The paint of a colour element (`a:srgbClr`, `a:schemeClr`, …), or None if unknown."""
        tag = element.tag
        base: Paint | None = None
        if tag == A + "srgbClr":
            rgb = _hex(element.get("val", ""))
            base = Paint(rgb) if rgb else None
        elif tag == A + "schemeClr":
            name = element.get("val", "")
            if name == "phClr":
                base = placeholder
            else:
                rgb = self.theme.colours.get(self.colour_map.get(name, name))
                base = Paint(rgb) if rgb else None
        elif tag == A + "sysClr":
            value = element.get("lastClr") or _SYSTEM_COLOURS.get(element.get("val", ""), "")
            rgb = _hex(value)
            base = Paint(rgb) if rgb else None
        elif tag == A + "prstClr":
            rgb = _hex(_PRESET_COLOURS.get(element.get("val", ""), ""))
            base = Paint(rgb) if rgb else None
        elif tag == A + "scrgbClr":
            channels = [_percent_attr(element, key) for key in ("r", "g", "b")]
            base = Paint(tuple(_linear_to_srgb(c) for c in channels))  # type: ignore[arg-type]
        elif tag == A + "hslClr":
            hue = _percent_attr(element, "hue") * 100000 / 21600000  # 60000ths of a degree
            sat = _percent_attr(element, "sat")
            lum = _percent_attr(element, "lum")
            base = Paint(colorsys.hls_to_rgb(hue, lum, sat))
        return None if base is None else _transform(base, element)

    def fill(self, parent: etree._Element | None, placeholder: Paint | None = None) -> Fill | Unset:
        """The fill a parent element (spPr, bgPr, rPr, a style entry) sets, UNSET if none."""
        if parent is None:
            return UNSET
        for child in parent:
            if child.tag in FILL_TAGS:
                return self.fill_element(child, placeholder)
        return UNSET

    def fill_element(self, element: etree._Element, placeholder: Paint | None = None) -> Fill:
        """The value of one fill element."""
        name = etree.QName(element).localname
        if name == "noFill":
            return None
        if name == "solidFill":
            for colour in element:
                if colour.tag in COLOUR_TAGS:
                    paint = self.colour(colour, placeholder)
                    return paint if paint is not None else Unknown("an unknown colour")
            return Unknown("an empty solid fill")
        return Unknown(
            {
                "gradFill": "a gradient",
                "blipFill": "a picture",
                "pattFill": "a pattern",
                "grpFill": "the group's fill",
            }.get(name, name)
        )

    def style_fill(self, reference: etree._Element | None) -> Fill | Unset:
        """The fill of a `a:fillRef` / `p:bgRef`: a theme fill style, in the reference's colour.

        Indexes 1…999 pick from the theme's fill styles, 1001 and up from its background
        fill styles; 0 and 1000 mean no fill.
        """
        if reference is None:
            return UNSET
        try:
            index = int(reference.get("idx", "0"))
        except ValueError:
            return Unknown("an unknown theme fill")
        if index == 0 or index == 1000:
            return None
        styles = self.theme.fill_styles
        if index > 1000:
            styles, index = self.theme.background_styles, index - 1000
        if not 1 <= index <= len(styles):
            return Unknown("an unknown theme fill")
        placeholder = None
        for colour in reference:
            if colour.tag in COLOUR_TAGS:
                placeholder = self.colour(colour)
        return self.fill_element(styles[index - 1], placeholder)


def _percent_attr(element: etree._Element, key: str) -> float:
    try:
        return int(element.get(key, "0")) / 100000
    except ValueError:
        return 0.0
