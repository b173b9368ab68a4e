"""Lengths on a slide as OOXML writes them: EMU, points, rectangles, single line spacing.

Pure values, shared by everything from the template reader to the renderer.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles every
# string annotation into a ForwardRef when the class is made, and Rect is made for
# every box of every build (real annotations are cheaper to check).
from typing import NamedTuple

EMU_PER_INCH = 914400
EMU_PER_PT = 12700
LINE_HEIGHT = 1.2
"""Single line spacing: the line pitch as a multiple of the font size."""


class Rect(NamedTuple):
    """A rectangle on the slide in EMU."""

    x: int
    y: int
    w: int
    h: int

    def inset(self, left: int, top: int, right: int, bottom: int) -> "Rect":
        """The rectangle shrunk by the given margins."""
        return Rect(self.x + left, self.y + top, self.w - left - right, self.h - top - bottom)
