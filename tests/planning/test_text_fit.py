"""Measuring and fitting text with the brand's font metrics."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import ImageFont

from deck_builder.content.richtext import Run
from deck_builder.planning.model import BULLET_HANG, EMU_PER_INCH, EMU_PER_PT, Para
from deck_builder.planning.text_fit import DEFAULT_TAB, FontFaces, TextMeasurer
from deck_builder.template.model import FontSet, TextStyle
from tests.conftest import TEMPLATE_DIR
from tests.helpers import load_yaml

_FILES = load_yaml(TEMPLATE_DIR / "brand.yaml")["fonts"]["files"]
FONTS = FontSet(
    *(TEMPLATE_DIR / _FILES[face] for face in ("regular", "bold", "italic", "bold_italic"))
)
FACES = FontFaces(*(path.read_bytes() for path in FONTS))
WIDTH = 8 * EMU_PER_INCH
HEIGHT = 4 * EMU_PER_INCH


@pytest.fixture(scope="module")
def measurer() -> TextMeasurer:
    return TextMeasurer(FACES)


def para(text: str, level: int = 0, bullet: bool = False, bold: bool = False) -> Para:
    return Para((Run(text, bold=bold),), level, bullet)


def test_em_width_matches_the_font_file(measurer: TextMeasurer) -> None:
    font = ImageFont.truetype(str(FONTS.regular), 1000)
    assert measurer.em_width("Nota Ruimte") == pytest.approx(
        font.getlength("Nota Ruimte") / 1000, rel=0.01
    )
    assert measurer.em_width("Nota", bold=True) > measurer.em_width("Nota")


def test_short_text_is_one_line_and_wraps_when_narrow(measurer: TextMeasurer) -> None:
    text = para("Bestuurlijke ronde via VNG-afdelingen")
    assert measurer.line_count(text, WIDTH, 24) == 1
    narrow = measurer.em_width("Bestuurlijke ronde") * 24 * EMU_PER_PT * 1.1
    assert measurer.line_count(text, narrow, 24) >= 2


def test_line_breaks_add_lines(measurer: TextMeasurer) -> None:
    assert measurer.line_count(para("een\ntwee\ndrie"), WIDTH, 20) == 3


def test_a_word_longer_than_the_line_is_broken_up(measurer: TextMeasurer) -> None:
    word = "natuurherstelverordening" * 4
    width = measurer.em_width(word) * 20 * EMU_PER_PT / 3
    assert measurer.line_count(para(word), width, 20) >= 3


@pytest.mark.parametrize("word", ["https://www.example.org/" + "pad/" * 40, "7" * 5000])
def test_a_word_wider_than_the_line_breaks_between_whole_characters(
    measurer: TextMeasurer, word: str
) -> None:
    # As PowerPoint and LibreOffice break it: each line takes as many whole characters
    # as fit (the digits of a number all have one width, so that is a fixed count).
    size = 16
    width = 5 * EMU_PER_INCH
    available = width * 0.96 / (size * EMU_PER_PT)  # the measurer's slack, in ems
    lines, used = 1, 0.0
    for char in word:
        advance = measurer.em_width(char)
        if used and used + advance > available:
            lines, used = lines + 1, 0.0
        used += advance
    assert measurer.line_count(para(word), width, size) == lines
    # After a short word it starts a line of its own, as the renderers do.
    assert measurer.line_count(para("Zie " + word), width, size) == lines + 1


def test_height_counts_lines_and_spacing(measurer: TextMeasurer) -> None:
    one = measurer.height([para("Een")], WIDTH, 20)
    assert one == pytest.approx(20 * 1.2 * EMU_PER_PT)
    two = measurer.height([para("Een"), para("Twee")], WIDTH, 20)
    assert two > 2 * one  # the second paragraph has space before it


def test_indentation_narrows_the_line(measurer: TextMeasurer) -> None:
    text = "woord " * 40
    flat = measurer.line_count(para(text), WIDTH, 20)
    nested = measurer.line_count(para(text, level=2, bullet=True), WIDTH, 20)
    assert nested >= flat


def test_fit_picks_the_largest_size_in_half_points(measurer: TextMeasurer) -> None:
    paras = [para("Constateringen over de ontwerp-Nota Ruimte " * 6)]
    size = measurer.fit(paras, WIDTH, HEIGHT / 3, 40, 10)
    assert size is not None
    assert 10 <= size < 40
    assert (size * 2).is_integer()
    assert measurer.fits(paras, WIDTH, HEIGHT / 3, size)
    assert not measurer.fits(paras, WIDTH, HEIGHT / 3, size + 0.5)


def test_fit_gives_none_when_even_the_minimum_is_too_large(measurer: TextMeasurer) -> None:
    paras = [para("heel veel tekst " * 400)]
    assert measurer.fit(paras, WIDTH, HEIGHT, 24, 14) is None


def test_single_line_size_keeps_text_on_one_line(measurer: TextMeasurer) -> None:
    size = measurer.single_line_size("99%", 4 * EMU_PER_INCH, 150, True)
    assert size <= 150
    long = measurer.single_line_size("€ 12.345.678", 4 * EMU_PER_INCH, 150, True)
    assert long < size
    assert measurer.em_width("€ 12.345.678", True) * long * EMU_PER_PT <= 4 * EMU_PER_INCH


def test_a_bold_style_measures_every_run_bold(measurer: TextMeasurer) -> None:
    # A title inherits bold from its layout: its runs say nothing, yet it is shown bold.
    text = para("Resolutie onze inwoners verdienen beter")
    regular = measurer.em_width("Resolutie onze inwoners verdienen beter") * 30 * EMU_PER_PT
    bold = measurer.em_width("Resolutie onze inwoners verdienen beter", True) * 30 * EMU_PER_PT
    width = (regular + bold) / 2 / 0.96  # wide enough for the regular face only
    assert measurer.line_count(text, width, 30) == 1
    assert measurer.line_count(text, width, 30, TextStyle(bold=True)) == 2
    assert measurer.fits([text], width, 40 * EMU_PER_PT, 30)
    assert not measurer.fits([text], width, 40 * EMU_PER_PT, 30, TextStyle(bold=True))


def test_a_wider_line_pitch_makes_text_taller(measurer: TextMeasurer) -> None:
    paras = [para("Een"), para("Twee")]
    single = measurer.height(paras, WIDTH, 20)
    wide = measurer.height(paras, WIDTH, 20, TextStyle(line_height=1.8))
    assert wide - single == pytest.approx(2 * 20 * (1.8 - 1.2) * EMU_PER_PT)


def test_a_number_wider_than_the_hang_pushes_the_first_line_to_a_tab(
    measurer: TextMeasurer,
) -> None:
    size = 28
    number = measurer.em_width("12.") * size * EMU_PER_PT
    assert number > BULLET_HANG  # "12." at 28 pt overruns the 0.3 inch hang
    # A line that just fits beside the margin no longer fits after the tab stop.
    words = "Formatieproces bouwstenen landbouw natuur"
    width = BULLET_HANG + measurer.em_width(words) * size * EMU_PER_PT / 0.96 + 1000
    plain = Para((Run(words),), bullet=True)
    numbered = Para((Run(words),), numbered=12)
    assert measurer.line_count(plain, width, size) == 1
    assert measurer.line_count(numbered, width, size) == 2
    # A small number fits in the hang and changes nothing.
    assert measurer.line_count(numbered, width, 12) == measurer.line_count(plain, width, 12)
    assert DEFAULT_TAB > BULLET_HANG


# -- properties --------------------------------------------------------------------------

WORDS = st.lists(
    st.sampled_from(
        [
            "de",
            "Nota",
            "Ruimte",
            "gemeenten",
            "rijksregie",
            "uitvoeringsagenda",
            "’25",
            "99%",
            "coöperaties/collectieven",
            "—",
            "WWWWWWWW",
            "i.r.t.",
            "\n",
        ]
    )
    | st.text(
        st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=12
    ),
    min_size=1,
    max_size=60,
)
SIZES = st.tuples(st.integers(8, 30), st.integers(0, 30)).map(lambda t: (t[0], t[0] + t[1]))


@given(WORDS, SIZES, st.integers(2, 10), st.integers(1, 6))
def test_fitted_size_is_in_range_and_fits(
    words: list[str], sizes: tuple[int, int], width_in: int, height_in: int
) -> None:
    measurer = TextMeasurer(FACES)
    low, high = sizes
    paras = [para(" ".join(words))]
    width, height = width_in * EMU_PER_INCH, height_in * EMU_PER_INCH
    size = measurer.fit(paras, width, height, high, low)
    if size is None:
        assert not measurer.fits(paras, width, height, low)
        return
    assert low <= size <= high
    assert measurer.fits(paras, width, height, size)
    if size < high:
        assert not measurer.fits(paras, width, height, size + 0.5)


@given(WORDS, WORDS, SIZES, st.integers(2, 10), st.integers(1, 6), st.booleans())
def test_more_text_never_gives_a_larger_size(
    words: list[str],
    more: list[str],
    sizes: tuple[int, int],
    width_in: int,
    height_in: int,
    new_paragraph: bool,
) -> None:
    measurer = TextMeasurer(FACES)
    low, high = sizes
    width, height = width_in * EMU_PER_INCH, height_in * EMU_PER_INCH
    base = [para(" ".join(words))]
    longer = [*base, para(" ".join(more))] if new_paragraph else [para(" ".join(words + more))]
    before = measurer.fit(base, width, height, high, low)
    after = measurer.fit(longer, width, height, high, low)
    if after is not None:
        assert before is not None
        assert after <= before


def test_the_measurer_reads_no_file(tmp_path: Path) -> None:
    """It measures with the bytes it was given: the font files may be gone meanwhile."""
    copies = []
    for path in FONTS:
        copy = tmp_path / path.name
        shutil.copy(path, copy)
        copies.append(copy)
    faces = FontFaces(*(path.read_bytes() for path in copies))
    for path in copies:
        path.unlink()
    text = "Stikstof en natuur: bouwstenen — één overzicht (2026)"
    own = TextMeasurer(faces)
    shared = TextMeasurer(FACES)
    for bold, italic in ((False, False), (True, False), (False, True), (True, True)):
        assert own.em_width(text, bold, italic) == shared.em_width(text, bold, italic)
