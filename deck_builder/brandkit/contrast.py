"""Can the brand's text colours be read where its template puts them?

Every text the generated template styles (each layout's placeholders, the master's, the
footer fields) has a colour and sits on a background: the layout's (white, or the
primary colour on the dark layouts) or a panel drawn under it (the light panel of the
statistic layout). Each such pair must reach the WCAG 2.1 contrast the deck check asks
of the text (4.5:1; 3:1 for large text, 18 pt or 14 pt bold), at the smallest size the
role may be set at. A brand whose colours fail is refused before anything is written,
at the line of the text colour in brand.yaml, naming the pair, the ratio and the need.

Decorations are not text: the large quotation mark, the accent rules, bullets.
"""

from __future__ import annotations

import colorsys
from collections.abc import Callable, Mapping
from typing import NamedTuple

from deck_builder.brandkit.designs import footer_fields, master_placeholders
from deck_builder.checks.accessibility import LARGE_RATIO, NORMAL_RATIO
from deck_builder.errors import ProblemCollector, SourceRef
from deck_builder.ooxml.colours import RGB, Paint, contrast_ratio
from deck_builder.template.design import Box, LayoutDesign, Rect, Style
from deck_builder.template.load import KindConfig

# Large text in WCAG 2.1 (and in the deck check): at least 18 pt, or 14 pt bold.
LARGE_PT, LARGE_BOLD_PT = 18.0, 14.0
_LINE = 0.2  # inches: a shape thinner than this is a rule, not a background for text
_DEFAULT_PT = 18.0  # PowerPoint's size when nothing sets one


class TextUse(NamedTuple):
    """One styled text of the template: its colour (brand key and shown colour), its
    background (the same), its smallest size, and where it is (for the message)."""

    colour: str
    shown: str  # the colour as drawn: the brand's, or darkened by the style's shade
    ground: str
    ground_shown: str
    size: float
    bold: bool
    place: str

    @property
    def ratio(self) -> float:
        """The WCAG contrast ratio of the text on its background."""
        return contrast_ratio(_rgb(self.shown), _rgb(self.ground_shown))

    @property
    def needed(self) -> float:
        """The ratio its size asks for: 3:1 for large text, else 4.5:1."""
        large = self.size >= LARGE_PT or (self.bold and self.size >= LARGE_BOLD_PT)
        return LARGE_RATIO if large else NORMAL_RATIO


def text_uses(colours: Mapping[str, str], designs: Mapping[str, LayoutDesign],
              kinds: Mapping[str, KindConfig]) -> list[TextUse]:
    """Every text of the template (`designs` of the `kinds` in layouts.yaml, the master's
    placeholders and the footers) with its colour on each background it may sit on."""
    uses: list[TextUse] = []
    for kind, config in kinds.items():
        design = designs.get(kind)
        if design is None:
            continue  # reported by the inputs check
        layout = config.layout or kind
        for role, ph in design.placeholders.items():
            if ph.ph_type == "pic":
                continue  # a picture's place: no text
            sizes = config.roles.get(role)
            size = ph.style.size or (sizes and (sizes.min_pt or sizes.max_pt)) or _DEFAULT_PT
            uses += _on_grounds(colours, design, ph.box, ph.style, float(size),
                                f"{ph.name!r} of layout {layout!r}")
        for footer in footer_fields(design.dark):
            uses += _on_grounds(colours, design, footer.box, footer.style,
                                footer.style.size or _DEFAULT_PT,
                                f"{footer.name!r} of layout {layout!r}")
    master = LayoutDesign(dark=False, placeholders={})
    for ph, sizes in master_placeholders():
        uses += _on_grounds(colours, master, ph.box, ph.style,
                            float(sizes.min_pt or sizes.max_pt or _DEFAULT_PT),
                            f"{ph.name!r} of the slide master")
    return uses


def check_contrast(colours: Mapping[str, str], designs: Mapping[str, LayoutDesign],
                   kinds: Mapping[str, KindConfig], locate: Callable[[str], SourceRef],
                   problems: ProblemCollector) -> None:
    """Add a problem for each text colour that fails on a background it is used on: once
    per pair of colours (at its worst use), at `locate(colour key)`, the line in
    brand.yaml."""
    worst: dict[tuple[str, str, str, str], tuple[TextUse, list[str]]] = {}
    for use in text_uses(colours, designs, kinds):
        if use.ratio >= use.needed:
            continue
        key = (use.colour, use.shown, use.ground, use.ground_shown)
        known = worst.get(key)
        if known is None:
            worst[key] = (use, [use.place])
            continue
        first, places = known
        places.append(use.place)
        if use.needed - use.ratio > first.needed - first.ratio:
            worst[key] = (use, places)
    for use, places in worst.values():
        shown = colours[use.colour].upper()
        darker = "" if use.shown == shown else f" (shown darker, as {use.shown})"
        kind = "large text" if use.needed == LARGE_RATIO else "text"
        weight = " bold" if use.bold else ""
        ground = colours[use.ground].upper()
        tinted = "" if use.ground_shown == ground else f" (tinted to {use.ground_shown} there)"
        problems.add(
            f"colour {use.colour} {shown}{darker} on {use.ground} {ground}{tinted} has a "
            f"contrast of {use.ratio:.2f}:1; {kind} ({use.size:g} pt{weight}) needs "
            f"{use.needed:g}:1 (used for {_listed(places)}); set {use.colour} to a colour "
            f"with more contrast against {use.ground}", locate(use.colour))


def shaded(hex_colour: str, shade: int | None) -> str:
    """`hex_colour` with its HSL luminance at `shade` percent, as DrawingML's lumMod
    draws it (None: unchanged)."""
    if shade is None:
        return hex_colour.upper()
    hue, light, sat = colorsys.rgb_to_hls(*_rgb(hex_colour))
    red, green, blue = colorsys.hls_to_rgb(hue, min(max(light * shade / 100, 0.0), 1.0), sat)
    return "".join(f"{round(c * 255):02X}" for c in (red, green, blue))


def _on_grounds(colours: Mapping[str, str], design: LayoutDesign, box: Box, style: Style,
                size: float, place: str) -> list[TextUse]:
    """The text in `box` on each background it may sit on: the layout's, unless a panel
    covers the whole box, and every panel it overlaps."""
    base = "primary" if design.dark else "background"
    grounds = [(base, colours[base].upper())]
    for shape in design.decorations:
        if not isinstance(shape, Rect) or min(shape.box.w, shape.box.h) < _LINE:
            continue
        if not _overlap(shape.box, box):
            continue
        colour = colours[shape.colour].upper()
        if shape.alpha is not None:  # a translucent shape tints what is under it
            under, shown = grounds[0]
            mixed = Paint(_rgb(colour), shape.alpha / 100).over(_rgb(shown))
            grounds.append((under, "".join(f"{round(c * 255):02X}" for c in mixed)))
            continue
        if _covers(shape.box, box):
            grounds = []
        grounds.append((shape.colour, colour))
    text = shaded(colours[style.colour], style.shade)
    return [TextUse(style.colour, text, ground, shown, size, style.bold, place)
            for ground, shown in dict.fromkeys(grounds)]


def _overlap(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def _covers(outer: Box, inner: Box) -> bool:
    return (outer.x <= inner.x and outer.y <= inner.y and outer.x + outer.w >= inner.x + inner.w
            and outer.y + outer.h >= inner.y + inner.h)


def _listed(places: list[str]) -> str:
    shown = list(dict.fromkeys(places))
    if len(shown) <= 3:
        return ", ".join(shown)
    return f"{', '.join(shown[:3])} and {len(shown) - 3} more"


def _rgb(hex_colour: str) -> RGB:
    value = int(hex_colour, 16)
    return ((value >> 16) & 0xFF) / 255, ((value >> 8) & 0xFF) / 255, (value & 0xFF) / 255
