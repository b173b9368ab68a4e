"""Font files for measuring a template's text: its own, installed, compatible, estimated."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deck_builder.template import fonts
from deck_builder.template.fonts import BUNDLED_DIR, find_fonts, installed_fonts
from deck_builder.template.model import FontSet

BUNDLED = ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
           "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf")


def _installed(family: str) -> bool:
    return any(f.family.casefold() == family.casefold() for f in installed_fonts())


def test_fonts_in_the_template_folder_come_first(tmp_path: Path) -> None:
    for name in BUNDLED:
        shutil.copy(BUNDLED_DIR / name, tmp_path / name)
    found = find_fonts("Liberation Sans", [tmp_path])
    assert found.source == "template"
    assert found.exact
    assert found.fonts == FontSet(*(tmp_path / name for name in BUNDLED))


def test_fonts_in_a_fonts_folder_beside_the_template_count_too(tmp_path: Path) -> None:
    (tmp_path / "fonts").mkdir()
    shutil.copy(BUNDLED_DIR / BUNDLED[0], tmp_path / "fonts" / "huisfont.ttf")
    found = find_fonts("liberation sans", [tmp_path])
    assert found.source == "template"
    assert found.fonts.regular == tmp_path / "fonts" / "huisfont.ttf"
    # Only a regular face there: the others are measured with it, and that is said.
    assert found.fonts.bold_italic == found.fonts.regular
    assert found.note is not None
    assert "bold" in found.note


@pytest.mark.skipif(_installed("Arial"), reason="Arial itself is installed here")
def test_arial_is_measured_with_its_metric_twin() -> None:
    found = find_fonts("Arial")
    assert found.source == "substitute"
    assert found.family == "Liberation Sans"
    assert found.note is not None
    assert "same widths" in found.note
    for face in found.fonts:
        assert face.is_file()


@pytest.mark.skipif(_installed("Calibri") or not _installed("Carlito"),
                    reason="needs Carlito (Debian: fonts-crosextra-carlito) and no Calibri")
def test_calibri_is_measured_with_carlito() -> None:
    found = find_fonts("Calibri")
    assert (found.source, found.family) == ("substitute", "Carlito")
    assert "Bold" in found.fonts.bold.name


@pytest.mark.skipif(_installed("Cambria") or not _installed("Caladea"),
                    reason="needs Caladea (Debian: fonts-crosextra-caladea) and no Cambria")
def test_cambria_is_measured_with_caladea() -> None:
    assert find_fonts("Cambria").family == "Caladea"


def test_an_unknown_font_is_an_estimate_and_says_so() -> None:
    found = find_fonts("Geen Bestaand Lettertype")
    assert found.source in {"estimate", "fallback"}
    assert not found.exact
    assert found.note is not None
    assert "estimate" in found.note
    assert all(face.is_file() for face in found.fonts)


def test_the_bundled_faces_are_the_last_resort() -> None:
    faces, missing = fonts._faces("Liberation Sans", fonts._bundled())
    assert missing == []
    assert faces == FontSet(*(BUNDLED_DIR / name for name in BUNDLED))


@pytest.mark.parametrize(("style", "weight", "italic"), [
    ("Regular", 80, False), ("Bold", 200, False), ("Bold Italic", 200, True),
    ("SemiBold", 180, False), ("Light Oblique", 50, True), ("Book", 75, False),
    ("ExtraBold", 205, False),
])
def test_style_names_give_weight_and_slant(style: str, weight: int, italic: bool) -> None:
    face = fonts._from_style(Path("x.ttf"), "Family", style)
    assert (face.weight, face.italic) == (weight, italic)


def test_installed_fonts_are_read_with_their_families() -> None:
    found = installed_fonts()
    if not found:
        pytest.skip("no fonts installed here")
    assert all(font.path.suffix.lower() in fonts.FONT_SUFFIXES for font in found)
    assert all(font.family for font in found)
