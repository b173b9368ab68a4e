"""Measure and fit text with real font metrics (Pillow), without touching any deck.

Word widths are measured once at a reference size and scaled: TrueType advance widths
are linear in the size, so fitting a paragraph at any size costs only arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from PIL import ImageFont

from deck_builder.slideplan import EMU_PER_PT, LINE_HEIGHT, SPACE_BEFORE, Para

_REFERENCE_SIZE = 200  # px; large enough that rounding in Pillow does not matter
# Cache sizes: enough for a large deck, bounded for a batch of many decks.
_MAX_CACHED = 4096  # paragraphs
_MAX_WORDS = 65536  # word widths (small entries)
_SAFETY = 0.96  # keep a little slack: renderers differ in kerning and justification


class FontSet(NamedTuple):
    """The four faces of one family, as font files used for measuring."""

    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def face(self, bold: bool, italic: bool) -> Path:
        """The file of the face for this formatting."""
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        return self.italic if italic else self.regular


class TextMeasurer:
    """Measures paragraph heights for a font set; caches word widths."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self._widths: dict[tuple[str, bool, bool], float] = {}
        self._paragraphs: dict[Para, list[tuple[list[tuple[float, float]], bool]]] = {}

    def em_width(self, text: str, bold: bool = False, italic: bool = False) -> float:
        """Advance width of `text` in ems (multiply by the size in EMU for EMU)."""
        key = (text, bold, italic)
        width = self._widths.get(key)
        if width is None:
            font = _font(self.fonts.face(bold, italic))
            width = font.getlength(text) / _REFERENCE_SIZE
            if len(self._widths) > _MAX_WORDS:
                self._widths.clear()
            self._widths[key] = width
        return width

    def line_count(self, para: Para, width_emu: float, size_pt: float) -> int:
        """Number of lines `para` wraps to in a box `width_emu` wide at `size_pt`."""
        size_emu = size_pt * EMU_PER_PT
        available = (width_emu - para.margin_left()) * _SAFETY / size_emu  # in ems
        if available <= 0:
            return 10_000
        lines = 1
        used = 0.0
        for chunk_words, has_break in self._widths_of(para):
            for word_w, space_w in chunk_words:
                if used > 0 and used + space_w + word_w > available:
                    lines += 1
                    used = 0.0
                    space_w = 0.0
                if word_w > available:  # a word longer than the line is broken up
                    extra = math.ceil(word_w / available) - 1
                    lines += extra
                    used = word_w - extra * available
                else:
                    used += space_w + word_w
            if has_break:
                lines += 1
                used = 0.0
        return lines

    def _widths_of(self, para: Para) -> list[tuple[list[tuple[float, float]], bool]]:
        """Per line chunk of `para`: (word width, width of the space before it) in ems.

        Fitting tries many sizes for the same paragraph; widths in ems do not depend
        on the size, so they are worked out once.
        """
        widths = self._paragraphs.get(para)
        if widths is None:
            widths = [
                (
                    [
                        (
                            self.em_width(word, bold, italic),
                            self.em_width(" ", bold, italic) if space else 0.0,
                        )
                        for word, space, bold, italic in words
                    ],
                    has_break,
                )
                for words, has_break in _words(para)
            ]
            if len(self._paragraphs) > _MAX_CACHED:  # bounded: a batch shares one measurer
                self._paragraphs.clear()
            self._paragraphs[para] = widths
        return widths

    def heights(
        self, paragraphs: Sequence[Para], width_emu: float, size_pt: float
    ) -> list[tuple[float, float]]:
        """Per paragraph: (height of its lines, space above it when not first), in EMU.

        Packing paragraphs into boxes adds these up instead of measuring every
        candidate chunk again.
        """
        line = size_pt * LINE_HEIGHT * EMU_PER_PT
        return [
            (
                self.line_count(para, width_emu, size_pt) * line,
                space_before(para, size_pt) * EMU_PER_PT,
            )
            for para in paragraphs
        ]

    def height(self, paragraphs: Sequence[Para], width_emu: float, size_pt: float) -> float:
        """Height in EMU of the paragraphs set at `size_pt` in a box `width_emu` wide."""
        return stacked(self.heights(paragraphs, width_emu, size_pt))

    def fits(
        self, paragraphs: Sequence[Para], width_emu: float, height_emu: float, size_pt: float
    ) -> bool:
        """Whether the paragraphs fit the box at this size."""
        return self.height(paragraphs, width_emu, size_pt) <= height_emu

    def fit(
        self,
        paragraphs: Sequence[Para],
        width_emu: float,
        height_emu: float,
        max_pt: float,
        min_pt: float,
    ) -> float | None:
        """Largest size in half points within [min_pt, max_pt] at which the text fits.

        Returns None when it does not fit even at `min_pt`.
        """
        low, high = round(min_pt * 2), round(max_pt * 2)
        if self.fits(paragraphs, width_emu, height_emu, high / 2):
            return high / 2  # most text fits at full size: no search
        if not self.fits(paragraphs, width_emu, height_emu, low / 2):
            return None
        # Height grows with size (monotone), so a binary search finds the largest fit.
        while low < high:
            middle = (low + high + 1) // 2
            if self.fits(paragraphs, width_emu, height_emu, middle / 2):
                low = middle
            else:
                high = middle - 1
        return low / 2

    def single_line_size(self, text: str, width_emu: float, max_pt: float, bold: bool) -> float:
        """Largest size up to `max_pt` at which `text` stays on one line."""
        em = self.em_width(text, bold, False)
        if em <= 0:
            return max_pt
        return min(max_pt, math.floor(width_emu * _SAFETY / em / EMU_PER_PT * 2) / 2)


def stacked(heights: Sequence[tuple[float, float]]) -> float:
    """Total height of paragraphs given by `heights`; the first has no space above."""
    return sum(lines + space for lines, space in heights) - (heights[0][1] if heights else 0.0)


def space_before(para: Para, size_pt: float) -> float:
    """Space above a paragraph (not the first) in points."""
    factor = SPACE_BEFORE[min(para.level, len(SPACE_BEFORE) - 1)]
    return round(size_pt * factor * 2) / 2


@lru_cache(maxsize=16)
def _font(path: Path) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), _REFERENCE_SIZE)


def _words(para: Para) -> list[tuple[list[tuple[str, bool, bool, bool]], bool]]:
    """Split a paragraph into line chunks (at line breaks) of (word, space-before, b, i)."""
    chunks: list[tuple[list[tuple[str, bool, bool, bool]], bool]] = []
    current: list[tuple[str, bool, bool, bool]] = []
    pending_space = False
    for run in para.runs:
        lines = run.text.split("\n")
        for line_index, line in enumerate(lines):
            if line_index:
                chunks.append((current, True))
                current = []
                pending_space = False
            parts = line.split(" ")
            for part_index, part in enumerate(parts):
                if part_index:
                    pending_space = True
                if not part:
                    continue
                # A word continuing across a formatting change has no space before it.
                joins = not pending_space and current and part_index == 0
                if joins:
                    word, _, bold, italic = current[-1]
                    current[-1] = (word + part, current[-1][1], bold, italic)
                else:
                    current.append((part, pending_space and bool(current), run.bold, run.italic))
                pending_space = False
    chunks.append((current, False))
    return chunks
