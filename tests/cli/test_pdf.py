"""`build --pdf` and `preview` through the command line, with the real LibreOffice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from tests.conftest import Cli
from tests.helpers import pdf_pages
from tests.variants_support import copy_content

HAS_TOOLS = shutil.which("soffice") is not None and shutil.which("pdfinfo") is not None
needs_libreoffice = pytest.mark.skipif(
    not HAS_TOOLS, reason="needs LibreOffice (soffice) and poppler (pdfinfo, pdftoppm)"
)


@pytest.mark.libreoffice
@pytest.mark.slow
@needs_libreoffice
def test_build_pdf_writes_one_page_per_slide(cli: Cli, tmp_path: Path) -> None:
    copy_content(tmp_path)
    run = cli("build", "content", "-o", "deck.pptx", "--pdf")
    assert run.exit_code == 0, run.stderr
    slides = int(run.stdout.split(" slides")[0].rsplit("(", 1)[1])
    assert slides > 10
    assert pdf_pages(Path("deck.pdf")) == slides


def test_build_pdf_without_libreoffice_keeps_the_deck(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_content(tmp_path)
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # a machine without LibreOffice
    run = cli("build", "content", "-o", "deck.pptx", "--pdf")
    assert run.exit_code == 1
    assert "LibreOffice" in run.stderr
    assert "apt-get install libreoffice-impress" in run.stderr
    assert "Traceback" not in run.stderr
    assert Path("deck.pptx").stat().st_size > 10_000
    assert not Path("deck.pdf").exists()


@pytest.mark.libreoffice
@pytest.mark.slow
@needs_libreoffice
def test_preview_writes_slides_and_a_contact_sheet(cli: Cli, tmp_path: Path) -> None:
    copy_content(tmp_path)
    built = cli("build", "content", "-o", "deck.pptx")
    assert built.exit_code == 0
    count = int(built.stdout.split(" slides")[0].rsplit("(", 1)[1])
    run = cli("preview", "deck.pptx", "-o", "kijk")
    assert run.exit_code == 0, run.stderr
    slides = sorted(Path("kijk").glob("slide-*.png"))
    assert len(slides) == count > 10
    with Image.open(slides[0]) as first, Image.open(Path("kijk/contact-sheet.png")) as sheet:
        assert first.width > first.height  # 16:9
        assert sheet.width > first.width


@pytest.mark.libreoffice
@pytest.mark.slow
@needs_libreoffice
def test_build_pdf_handout_adds_the_notes_pages(cli: Cli, tmp_path: Path) -> None:
    copy_content(tmp_path)
    run = cli("build", "content", "-o", "deck.pptx", "--pdf", "handout")
    assert run.exit_code == 0, run.stderr
    # A page per slide, then a notes page per slide.
    assert pdf_pages(Path("deck.pdf")) == 2 * len(Presentation("deck.pptx").slides)


def test_build_pdf_refuses_an_unknown_kind(cli: Cli, tmp_path: Path) -> None:
    copy_content(tmp_path)
    run = cli("build", "content", "-o", "deck.pptx", "--pdf", "posters")
    assert run.exit_code == 2
    assert "'slides', 'handout'" in run.stderr
