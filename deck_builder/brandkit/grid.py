"""Slide size, inch-to-EMU conversion and the one grid every layout is drawn on."""

from __future__ import annotations

from dataclasses import dataclass

from deck_builder.ooxml.geometry import EMU_PER_INCH

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


@dataclass(frozen=True)
class Box:
    """A rectangle in inches: left, top, width, height."""

    x: float
    y: float
    w: float
    h: float
