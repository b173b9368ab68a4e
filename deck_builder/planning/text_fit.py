"""Measure and fit text with real font metrics (Pillow), without touching any deck.

Word widths are measured once at a reference size and scaled: TrueType advance widths
are linear in the size, so fitting a paragraph at any size costs only arithmetic.

The model of a text box, shared with the renderer (which writes these values out):

- lines wrap greedily at spaces (a word wider than a line is broken between
  characters, as PowerPoint and LibreOffice break it), each line
  `_SAFETY` shorter than the box, for renderers that set text a little wider;
- a paragraph's lines start at its left margin (`Para.margin_left`, one bullet hang per
  level); a bullet or number wider than the hang ("12." at 28 pt) is taken to push the
  first line's text to the next default tab stop: the most room a renderer gives it
  (LibreOffice starts the text right after the number);
- each line takes `TextStyle.line_height` × the size (1.2: single spacing, more when the
  layout asks for it), and a paragraph other than the first has `space_before` above it;
- runs are measured in the face they are shown in: their own bold/italic, or bold when
  the box's style makes all its text bold (titles inherit that from the layout).

The box itself (the placeholder's size less its insets) is the caller's business.

A TextMeasurer is the state of one build (or of one batch of decks on a template): it
remembers what it measured. It is given the font files' bytes and reads no file.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from deck_builder.ooxml.geometry import EMU_PER_INCH, EMU_PER_PT
from deck_builder.planning.model import SPACE_BEFORE, Para
from deck_builder.template.model import TextStyle

if TYPE_CHECKING:
    from PIL import ImageFont

_REFERENCE_SIZE = 200  # px; large enough that rounding in Pillow does not matter
# Cache sizes: enough for a large deck, bounded for a batch of many decks.
_MAX_CACHED = 4096  # paragraphs
_MAX_WORDS = 65536  # word widths (small entries)
_MAX_LINE_COUNTS = 16384  # (paragraph, width, size, style) → lines
_SAFETY = 0.96  # keep a little slack: renderers differ in kerning and justification
DEFAULT_TAB = EMU_PER_INCH  # PowerPoint's default tab stop distance (`defTabSz`)
# The widest bullet glyph the renderer uses ("•" or "–"): measured instead of the exact
# one, so the measurer does not depend on the renderer's choice of character.
_WIDEST_BULLET = "–"


PLAIN = TextStyle()


class FontFaces(NamedTuple):
    """The four faces of one family (see `template.model.FontSet`), their files read."""

    regular: bytes
    bold: bytes
    italic: bytes
    bold_italic: bytes

    def face(self, bold: bool, italic: bool) -> bytes:
        """The font file of the face for this formatting."""
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        return self.italic if italic else self.regular


class TextMeasurer:
    """Measures paragraph heights for one font family; remembers what it measured."""

    def __init__(self, faces: FontFaces) -> None:
        self.faces = faces
        self._fonts: dict[tuple[bool, bool], ImageFont.FreeTypeFont] = {}
        self._widths: dict[tuple[str, bool, bool], float] = {}
        self._chars: dict[tuple[bool, bool], dict[str, float]] = {}
        self._line_counts: dict[tuple[Para, float, float, TextStyle], int] = {}
        self._paragraphs: dict[
            tuple[Para, bool], list[tuple[list[tuple[float, float]], bool]]
        ] = {}

    def em_width(self, text: str, bold: bool = False, italic: bool = False) -> float:
        """Advance width of `text` in ems (multiply by the size in EMU for EMU)."""
        key = (text, bold, italic)
        width = self._widths.get(key)
        if width is None:
            # The sum of the characters' advances: PowerPoint does not kern text unless
            # a run asks for it (`kern`), and a deck's few hundred distinct characters
            # are measured far faster than its thousands of distinct words.
            advances = self._chars.setdefault((bold, italic), {})
            try:
                width = sum(map(advances.__getitem__, text))
            except KeyError:  # a character not measured yet in this face
                font = self._font(bold, italic)
                for char in set(text).difference(advances):
                    advances[char] = font.getlength(char) / _REFERENCE_SIZE
                width = sum(map(advances.__getitem__, text))
            if len(self._widths) > _MAX_WORDS:
                self._widths.clear()
            self._widths[key] = width
        return width

    def _font(self, bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
        """The face for this formatting, opened from its bytes on first use."""
        font = self._fonts.get((bold, italic))
        if font is None:
            from PIL import ImageFont  # only once a character needs measuring

            data = io.BytesIO(self.faces.face(bold, italic))
            font = self._fonts[(bold, italic)] = ImageFont.truetype(data, _REFERENCE_SIZE)
        return font

    def line_count(
        self, para: Para, width_emu: float, size_pt: float, style: TextStyle = PLAIN
    ) -> int:
        """Number of lines `para` wraps to in a box `width_emu` wide at `size_pt`."""
        # Remembered: packing asks again at sizes it tried, and the decks of a batch
        # share most of their paragraphs.
        key = (para, width_emu, size_pt, style)
        lines = self._line_counts.get(key)
        if lines is None:
            if len(self._line_counts) > _MAX_LINE_COUNTS:
                self._line_counts.clear()
            lines = self._line_counts[key] = self._count_lines(para, width_emu, size_pt, style)
        return lines

    def _count_lines(self, para: Para, width_emu: float, size_pt: float,
                     style: TextStyle) -> int:
        size_emu = size_pt * EMU_PER_PT
        available = (width_emu - para.margin_left(size_pt)) * _SAFETY / size_emu  # in ems
        if available <= 0:
            return 10_000
        lines = 1
        # The first line starts later when its bullet or number overruns the hang.
        used = self._marker_overrun(para, size_emu, style) / size_emu
        chunks = self._widths_of(para, style.bold)
        for chunk_index, (chunk_words, has_break) in enumerate(chunks):
            for word_index, (word_w, space_w) in enumerate(chunk_words):
                if used > 0 and used + space_w + word_w > available:
                    lines += 1
                    used = 0.0
                    space_w = 0.0
                if word_w > available:
                    # A word wider than the line is broken at character boundaries, as
                    # PowerPoint and LibreOffice do: each line takes as many whole
                    # characters as fit.
                    extra, used = self._broken(para, style.bold, chunk_index, word_index,
                                               available)
                    lines += extra
                else:
                    used += space_w + word_w
            if has_break:
                lines += 1
                used = 0.0
        return lines

    def _broken(self, para: Para, bold: bool, chunk: int, word: int,
                available: float) -> tuple[int, float]:
        """A word wider than the line (`available` ems), broken at characters: the
        lines it adds after its first, and the width of its last line (ems)."""
        text, _, word_bold, italic = _words(para)[chunk][0][word]
        self.em_width(text, bold or word_bold, italic)  # measures every character
        advances = self._chars[(bold or word_bold, italic)]
        extra, used = 0, 0.0
        for char in text:
            width = advances[char]
            if used > 0 and used + width > available:
                extra += 1
                used = 0.0
            used += width  # a character wider than the line still takes one
        return extra, used

    def _marker_overrun(self, para: Para, size_emu: float, style: TextStyle) -> float:
        """How far (EMU) the first line's text starts right of the paragraph's margin.

        A marker (bullet or "12.") fits in the hang left of the margin; a wider one
        pushes the text to the next default tab stop (counted from the box's edge).
        """
        if not (para.bullet or para.numbered):
            return 0.0
        marker = f"{para.numbered}." if para.numbered else _WIDEST_BULLET
        bold = style.bold or bool(para.runs and para.runs[0].bold)
        width = self.em_width(marker, bold) * size_emu
        size_pt = size_emu / EMU_PER_PT
        hang = para.hang(size_pt)
        if width <= hang:
            return 0.0
        margin = para.margin_left(size_pt)
        end = margin - hang + width
        return math.ceil(end / DEFAULT_TAB) * DEFAULT_TAB - margin

    def _widths_of(
        self, para: Para, bold: bool = False
    ) -> list[tuple[list[tuple[float, float]], bool]]:
        """Per line chunk of `para`: (word width, width of the space before it) in ems.

        Fitting tries many sizes for the same paragraph; widths in ems do not depend
        on the size, so they are worked out once. `bold` measures every run bold.
        """
        widths = self._paragraphs.get((para, bold))
        if widths is None:
            widths = [
                (
                    [
                        (
                            self.em_width(word, bold or word_bold, italic),
                            self.em_width(" ", bold or word_bold, italic) if space else 0.0,
                        )
                        for word, space, word_bold, italic in words
                    ],
                    has_break,
                )
                for words, has_break in _words(para)
            ]
            if len(self._paragraphs) > _MAX_CACHED:  # bounded: a batch shares one measurer
                self._paragraphs.clear()
            self._paragraphs[(para, bold)] = widths
        return widths

    def heights(
        self,
        paragraphs: Sequence[Para],
        width_emu: float,
        size_pt: float,
        style: TextStyle = PLAIN,
    ) -> list[tuple[float, float]]:
        """Per paragraph: (height of its lines, space above it when not first), in EMU.

        Packing paragraphs into boxes adds these up instead of measuring every
        candidate chunk again.
        """
        line = size_pt * style.line_height * EMU_PER_PT
        return [
            (
                self.line_count(para, width_emu, size_pt, style) * line,
                space_before(para, size_pt) * EMU_PER_PT,
            )
            for para in paragraphs
        ]

    def height(
        self,
        paragraphs: Sequence[Para],
        width_emu: float,
        size_pt: float,
        style: TextStyle = PLAIN,
    ) -> float:
        """Height in EMU of the paragraphs set at `size_pt` in a box `width_emu` wide."""
        return stacked(self.heights(paragraphs, width_emu, size_pt, style))

    def fits(
        self,
        paragraphs: Sequence[Para],
        width_emu: float,
        height_emu: float,
        size_pt: float,
        style: TextStyle = PLAIN,
    ) -> bool:
        """Whether the paragraphs fit the box at this size."""
        return self.height(paragraphs, width_emu, size_pt, style) <= height_emu

    def fit(
        self,
        paragraphs: Sequence[Para],
        width_emu: float,
        height_emu: float,
        max_pt: float,
        min_pt: float,
        style: TextStyle = PLAIN,
    ) -> float | None:
        """Largest size in half points within [min_pt, max_pt] at which the text fits.

        Returns None when it does not fit even at `min_pt`.
        """
        low, high = round(min_pt * 2), round(max_pt * 2)
        if self.fits(paragraphs, width_emu, height_emu, high / 2, style):
            return high / 2  # most text fits at full size: no search
        if not self.fits(paragraphs, width_emu, height_emu, low / 2, style):
            return None
        # Height grows with size (monotone), so a binary search finds the largest fit.
        while low < high:
            middle = (low + high + 1) // 2
            if self.fits(paragraphs, width_emu, height_emu, middle / 2, style):
                low = middle
            else:
                high = middle - 1
        return low / 2

    def single_line_size(
        self, text: str, width_emu: float, max_pt: float, bold: bool, slack: bool = True
    ) -> float:
        """Largest size (half points) up to `max_pt` at which `text` stays on one line;
        `slack=False` lets it fill the full width (no room for renderer differences)."""
        em = self.em_width(text, bold, False)
        if em <= 0:
            return max_pt
        usable = width_emu * (_SAFETY if slack else 1.0)
        return min(max_pt, math.floor(usable / em / EMU_PER_PT * 2) / 2)


def stacked(heights: Sequence[tuple[float, float]]) -> float:
    """Total height of paragraphs given by `heights`; the first has no space above."""
    return sum(lines + space for lines, space in heights) - (heights[0][1] if heights else 0.0)


def space_before(para: Para, size_pt: float) -> float:
    """Space above a paragraph (not the first) in points."""
    factor = SPACE_BEFORE[min(para.level, len(SPACE_BEFORE) - 1)]
    return round(size_pt * factor * 2) / 2


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
