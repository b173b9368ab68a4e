"""Slide pictures and the contact sheet, rendered through LibreOffice and poppler."""

from __future__ import annotations

import io
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from deck_builder.delivery.preview import (
    BACKGROUND,
    BORDER,
    GAP,
    LABEL_GAP,
    LABEL_SIZE,
    MARGIN,
    PreviewResult,
    contact_sheet,
    png_bytes,
    preview,
    sheet_columns,
)
from deck_builder.errors import DeckError
from tests.conftest import subprocess_env
from tests.delivery.test_pdf import SmallDeck, build_small_deck

HAVE_TOOLS = all(shutil.which(tool) for tool in ("soffice", "pdftoppm"))
skip_without_tools = pytest.mark.skipif(
    not HAVE_TOOLS,
    reason="needs LibreOffice (soffice; Debian: libreoffice-impress) and poppler's pdftoppm "
    "(Debian: poppler-utils)",
)
DPI = 30  # small enough that the sheet shows slides at full size


@dataclass(frozen=True)
class Previewed:
    deck: SmallDeck
    result: PreviewResult
    out: Path


@pytest.fixture(scope="module")
def previewed(tmp_path_factory: pytest.TempPathFactory) -> Previewed:
    """The small deck previewed once, into a folder holding an earlier, longer preview."""
    root = tmp_path_factory.mktemp("preview")
    deck = build_small_deck(root)
    out = root / "preview"
    out.mkdir()
    for stale in ("slide-04.png", "slide-12.png"):
        (out / stale).write_bytes(b"old")
    (out / "notes.png").write_bytes(b"mine")
    return Previewed(deck, preview(deck.path, out, dpi=DPI), out)


def load(path: Path) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("RGB")


def colour(image: Image.Image, x: int, y: int) -> tuple[int, int, int]:
    pixel = image.getpixel((x, y))
    assert isinstance(pixel, tuple)
    return (int(pixel[0]), int(pixel[1]), int(pixel[2]))


def hex_colour(text: str) -> tuple[int, int, int]:
    return (int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16))


@pytest.mark.libreoffice
@pytest.mark.slow
@skip_without_tools
def test_one_picture_per_slide_at_the_requested_resolution(previewed: Previewed) -> None:
    result = previewed.result
    assert previewed.deck.slides == 3
    assert result.slides == [previewed.out / f"slide-0{n}.png" for n in (1, 2, 3)]
    prs = Presentation(str(previewed.deck.path))
    width_in = int(prs.slide_width) / 914400
    height_in = int(prs.slide_height) / 914400
    for path in result.slides:
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert abs(image.width - width_in * DPI) <= 1
            assert abs(image.height - height_in * DPI) <= 1
            assert not image.info.get("dpi")
            assert "tIME" not in image.info
            # A rendered slide, not an empty page: more than one colour.
            assert len(image.convert("RGB").getcolors(1 << 16) or []) > 1


@pytest.mark.libreoffice
@pytest.mark.slow
@skip_without_tools
def test_stale_slide_pictures_go_and_other_files_stay(previewed: Previewed) -> None:
    assert sorted(p.name for p in previewed.out.iterdir()) == [
        "contact-sheet.png",
        "notes.png",
        "slide-01.png",
        "slide-02.png",
        "slide-03.png",
    ]
    assert (previewed.out / "notes.png").read_bytes() == b"mine"


@pytest.mark.libreoffice
@pytest.mark.slow
@skip_without_tools
def test_contact_sheet_shows_every_slide_in_a_row(previewed: Previewed) -> None:
    slides = [load(path) for path in previewed.result.slides]
    assert slides[0].width <= 480
    assert previewed.result.sheet == previewed.out / "contact-sheet.png"
    sheet_bytes = previewed.result.sheet.read_bytes()
    assert sheet_bytes == png_bytes(contact_sheet(slides))
    with Image.open(io.BytesIO(sheet_bytes)) as sheet:
        width, height = slides[0].size
        assert sheet.size == (
            2 * MARGIN + 3 * (width + 2) + 2 * GAP,
            2 * MARGIN + height + 2 + LABEL_GAP + LABEL_SIZE,
        )
        # The first slide is pasted inside its border, pixel for pixel.
        box = (MARGIN + 1, MARGIN + 1, MARGIN + 1 + width, MARGIN + 1 + height)
        inside = sheet.convert("RGB").crop(box)
        assert inside.tobytes() == slides[0].tobytes()


def test_contact_sheet_layout_borders_and_numbers() -> None:
    colours = ["#d00000", "#00a000", "#0000c0", "#c0c000", "#00c0c0"]
    slides = [Image.new("RGB", (160, 90), c) for c in colours]
    sheet = contact_sheet(slides)
    cell_w, cell_h = 162, 92
    row_h = cell_h + LABEL_GAP + LABEL_SIZE + GAP
    assert sheet.size == (2 * MARGIN + 4 * cell_w + 3 * GAP, 2 * MARGIN + 2 * row_h - GAP)
    assert colour(sheet, 0, 0) == hex_colour(BACKGROUND)
    for index, wanted in enumerate(colours):
        row, column = divmod(index, 4)
        left, top = MARGIN + column * (cell_w + GAP), MARGIN + row * row_h
        assert colour(sheet, left + cell_w // 2, top + cell_h // 2) == hex_colour(wanted)
        assert colour(sheet, left, top) == hex_colour(BORDER)
        assert colour(sheet, left + cell_w - 1, top + cell_h - 1) == hex_colour(BORDER)
        label_box = (left, top + cell_h, left + cell_w, top + cell_h + LABEL_GAP + LABEL_SIZE + 4)
        label = sheet.crop(label_box)
        darkest = min(label.convert("L").getextrema())
        assert darkest < 160, f"no number under slide {index + 1}"
    # The empty sixth cell stays white.
    left = MARGIN + 1 * (cell_w + GAP)
    top = MARGIN + row_h
    assert colour(sheet, left + cell_w // 2, top + cell_h // 2) == hex_colour(BACKGROUND)
    assert png_bytes(sheet) == png_bytes(contact_sheet(slides))


def test_numbers_differ_per_slide() -> None:
    slides = [Image.new("RGB", (160, 90), "#ffffff") for _ in range(2)]
    sheet = contact_sheet(slides)
    labels = [
        sheet.crop((x, MARGIN + 92, x + 162, MARGIN + 92 + LABEL_GAP + LABEL_SIZE + 4)).tobytes()
        for x in (MARGIN, MARGIN + 162 + GAP)
    ]
    assert labels[0] != labels[1]


def test_wide_slides_are_scaled_down_on_the_sheet() -> None:
    sheet = contact_sheet([Image.new("RGB", (1200, 675), "#123456")])
    assert sheet.width == 2 * MARGIN + 480 + 2
    assert sheet.height == 2 * MARGIN + 270 + 2 + LABEL_GAP + LABEL_SIZE


@pytest.mark.parametrize(
    ("count", "columns"), [(1, 1), (3, 3), (4, 4), (5, 4), (12, 4), (16, 4), (17, 5), (30, 6)]
)
def test_sheet_columns(count: int, columns: int) -> None:
    assert sheet_columns(count) == columns


def test_missing_poppler_is_reported_before_converting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(b"PK")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(DeckError, match=r"pdftoppm was not found.*apt-get install poppler-utils"):
        preview(deck, tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("dpi", [0, 9, 601])
def test_a_silly_resolution_is_refused(tmp_path: Path, dpi: int) -> None:
    with pytest.raises(DeckError, match="10 to 600 dpi"):
        preview(tmp_path / "deck.pptx", tmp_path / "out", dpi=dpi)


def _processes_mentioning(text: str) -> list[int]:
    """Ids of running processes whose command line mentions `text` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if text in line:
            found.append(int(entry.name))
    return found


@pytest.mark.libreoffice
@pytest.mark.slow
@skip_without_tools
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP],
                         ids=["ctrl-c", "terminate", "hangup"])
def test_an_interrupted_preview_leaves_no_temporary_folder(
    tmp_path: Path, signal_number: int
) -> None:
    deck = build_small_deck(tmp_path)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = subprocess_env()
    env["TMPDIR"] = str(scratch)
    process = subprocess.Popen(
        [sys.executable, "-m", "deck_builder", "preview", str(deck.path), "-o",
         str(tmp_path / "prev")],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Interrupted while LibreOffice converts: its profile is in the temporary folder.
    deadline = time.monotonic() + 60
    while not _processes_mentioning(str(scratch)) and time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    assert _processes_mentioning(str(scratch)), "LibreOffice never started"
    process.send_signal(signal_number)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert b"Traceback" not in stderr, stderr
    assert list(scratch.iterdir()) == []
    assert _processes_mentioning(str(scratch)) == []  # no LibreOffice left running
    assert not (tmp_path / "prev").exists() or not list((tmp_path / "prev").iterdir())
