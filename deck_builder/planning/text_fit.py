"""Measure and fit text with real font metrics (Pillow), without touching any deck.

Word widths are measured once at a reference size and scaled: TrueType advance widths
are linear in the size, so fitting a paragraph at any size costs only arithmetic.

The model of a text box, shared with the renderer (which writes these values out):

- lines wrap greedily at spaces (a word longer than a line is broken up), each line
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
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import PIL

from deck_builder.cache import store
from deck_builder.planning.model import (
    EMU_PER_INCH,
    EMU_PER_PT,
    LINE_HEIGHT,
    SPACE_BEFORE,
    Para,
)

if TYPE_CHECKING:
    from PIL import ImageFont

_REFERENCE_SIZE = 200  # px; large enough that rounding in Pillow does not matter
_ADVANCES_KIND = "advances"  # cache entries: a font file's measured characters
# Cache sizes: enough for a large deck, bounded for a batch of many decks.
_MAX_CACHED = 4096  # paragraphs
_MAX_WORDS = 65536  # word widths (small entries)
_MAX_LINE_COUNTS = 16384  # (paragraph, width, size, style) → lines
_SAFETY = 0.96  # keep a little slack: renderers differ in kerning and justification
DEFAULT_TAB = EMU_PER_INCH  # PowerPoint's default tab stop distance (`defTabSz`)
# The widest bullet glyph the renderer uses ("•" or "–"): measured instead of the exact
# one, so the measurer does not depend on the renderer's choice of character.
_WIDEST_BULLET = "–"


class TextStyle(NamedTuple):
    """What a text box gives all its text, on top of each run's own formatting.

    `bold`: the box shows every run bold (a title placeholder whose layout says so);
    `line_height`: the line pitch as a multiple of the font size.
    """

    bold: bool = False
    line_height: float = LINE_HEIGHT


PLAIN = TextStyle()


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
        self._chars: dict[tuple[bool, bool], dict[str, float]] = {}
        self._remembered: dict[tuple[bool, bool], int] = {}  # characters loaded per face
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
            advances = self._advances(bold, italic)
            try:
                width = sum(map(advances.__getitem__, text))
            except KeyError:  # a character not measured yet in this face
                font = _font(self.fonts.face(bold, italic))
                for char in set(text).difference(advances):
                    advances[char] = font.getlength(char) / _REFERENCE_SIZE
                width = sum(map(advances.__getitem__, text))
            if len(self._widths) > _MAX_WORDS:
                self._widths.clear()
            self._widths[key] = width
        return width

    def _advances(self, bold: bool, italic: bool) -> dict[str, float]:
        """Character → advance in ems, for one face: what earlier runs measured in its
        font file (see `remember_measured`), filled as new characters turn up."""
        table = self._chars.get((bold, italic))
        if table is None:
            table = self._chars[(bold, italic)] = _remembered(self.fonts.face(bold, italic))
            self._remembered[(bold, italic)] = len(table)
        return table

    def remember_measured(self) -> None:
        """Keep the characters measured since the font files were read for the next
        run, in the user cache: a deck's text mostly uses characters measured before,
        and then neither Pillow's font support nor the fonts need loading at all."""
        for face, table in self._chars.items():
            if len(table) > self._remembered.get(face, 0):
                _remember(self.fonts.face(*face), table)
                self._remembered[face] = len(table)

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
        for chunk_words, has_break in self._widths_of(para, style.bold):
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


@lru_cache(maxsize=16)
def _font(path: Path) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont  # only when a character has not been measured before

    return ImageFont.truetype(str(path), _REFERENCE_SIZE)


def _advances_entry(path: Path) -> Path | None:
    """The cache entry of a font file: by its path, size and modification time, and
    Pillow's version (its FreeType may measure differently); None if it is unreadable."""
    try:
        resolved = path.resolve()
        info = resolved.stat()
    except OSError:
        return None
    key = repr((str(resolved), info.st_size, info.st_mtime_ns, _REFERENCE_SIZE,
                PIL.__version__))
    return store.entry_path(_ADVANCES_KIND, hashlib.sha256(key.encode()).hexdigest()[:32])


def _remembered(path: Path) -> dict[str, float]:
    """The advances measured before in this font file (a fresh dict; empty if none)."""
    entry = _advances_entry(path)
    stored = store.read_entry(entry) if entry is not None else None
    if not isinstance(stored, dict):
        return {}
    return {char: width for char, width in stored.items()
            if isinstance(char, str) and isinstance(width, float)}


def _remember(path: Path, table: dict[str, float]) -> None:
    entry = _advances_entry(path)
    if entry is not None:
        store.write_entry(entry, table)


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
