"""PDF through LibreOffice: one page per slide, parallel calls, failures keep the old PDF."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation

from deck_builder.delivery.pdf import LibreOfficeMissing, find_soffice, to_pdf
from deck_builder.errors import DeckError
from tests.conftest import build, header
from tests.helpers import pdf_pages

HAVE_LIBREOFFICE = shutil.which("soffice") is not None and shutil.which("pdfinfo") is not None
skip_without_libreoffice = pytest.mark.skipif(
    not HAVE_LIBREOFFICE,
    reason="needs LibreOffice (soffice; Debian: libreoffice-impress) and pdfinfo "
    "(Debian: poppler-utils)",
)


SMALL_DECK_SLIDES = """\
slides:
  - kind: title
  - kind: bullets
    title: Punten
    body: [Een, Twee, Drie]
  - kind: closing
    title: Vragen?
"""


@dataclass(frozen=True)
class SmallDeck:
    """A three-slide deck built with the pipeline, and its slide count."""

    path: Path
    slides: int


def build_small_deck(folder: Path, name: str = "deck.pptx") -> SmallDeck:
    """Write a three-slide content folder in `folder` and build it into `folder/out/name`."""
    content = folder / "content"
    content.mkdir(parents=True)
    (content / "deck.yaml").write_text(header() + SMALL_DECK_SLIDES, encoding="utf-8")
    out = folder / "out" / name
    prs = build(content, out)
    return SmallDeck(out, len(prs.slides))


@pytest.fixture(scope="module")
def small_deck(tmp_path_factory: pytest.TempPathFactory) -> SmallDeck:
    return build_small_deck(tmp_path_factory.mktemp("pdf"), "Actualiteiten – Fryslân.pptx")


def fake_program(folder: Path, name: str, script: str) -> Path:
    """An executable shell script called `name` in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


@pytest.mark.libreoffice
@pytest.mark.slow
@skip_without_libreoffice
def test_parallel_conversions_give_one_page_per_slide(
    small_deck: SmallDeck, tmp_path: Path
) -> None:
    # Two conversions at once: beside the deck and into another folder. Each has its
    # own LibreOffice profile, so neither waits for nor hands its work to the other.
    elsewhere = tmp_path / "elders"
    with ThreadPoolExecutor(2) as pool:
        beside = pool.submit(to_pdf, small_deck.path)
        other = pool.submit(to_pdf, small_deck.path, elsewhere)
        results = [beside.result(), other.result()]
    assert results == [
        small_deck.path.with_suffix(".pdf"),
        elsewhere / "Actualiteiten – Fryslân.pdf",
    ]
    for pdf in results:
        assert pdf.read_bytes().startswith(b"%PDF-")
        assert pdf_pages(pdf) == small_deck.slides == 3
    # Nothing else appears beside the deck: no lock files, profiles or temporary files.
    assert sorted(p.name for p in small_deck.path.parent.iterdir()) == [
        "Actualiteiten – Fryslân.pdf",
        "Actualiteiten – Fryslân.pptx",
    ]
    assert sorted(p.name for p in elsewhere.iterdir()) == ["Actualiteiten – Fryslân.pdf"]


@pytest.mark.libreoffice
@pytest.mark.slow
@skip_without_libreoffice
def test_a_timeout_keeps_the_existing_pdf_and_stops_libreoffice(
    small_deck: SmallDeck, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A private temp folder: its name finds this conversion's processes, and only these.
    work = tmp_path / "tmp"
    work.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(work))
    folder = tmp_path / "deck"
    folder.mkdir()
    deck = folder / "deck.pptx"
    shutil.copyfile(small_deck.path, deck)
    old = folder / "deck.pdf"
    old.write_bytes(b"%PDF-1.4 the earlier PDF")
    started = time.monotonic()
    with pytest.raises(DeckError, match=r"did not convert .*deck\.pptx to PDF within 0\.3 s"):
        to_pdf(deck, timeout=0.3)
    assert time.monotonic() - started < 30
    assert old.read_bytes() == b"%PDF-1.4 the earlier PDF"
    assert sorted(p.name for p in folder.iterdir()) == ["deck.pdf", "deck.pptx"]
    assert list(work.iterdir()) == [], "the conversion's temporary folder was left behind"
    running = subprocess.run(
        ["pgrep", "-f", str(work)], capture_output=True, text=True, check=False
    ).stdout
    assert running.strip() == "", "a timed-out conversion left LibreOffice running"


def test_missing_libreoffice_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(b"PK")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert find_soffice() is None
    with pytest.raises(LibreOfficeMissing) as caught:
        to_pdf(deck)
    assert isinstance(caught.value, DeckError)
    text = str(caught.value)
    for hint in (
        "apt-get install libreoffice-impress",
        "brew install --cask libreoffice",
        "installer",
        "PATH",
    ):
        assert hint in text
    assert not (tmp_path / "deck.pdf").exists()


def test_find_soffice_also_knows_the_libreoffice_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = fake_program(tmp_path / "bin", "libreoffice", "exit 0\n")
    monkeypatch.setenv("PATH", str(program.parent))
    assert find_soffice() == str(program)
    soffice = fake_program(tmp_path / "bin", "soffice", "exit 0\n")
    assert find_soffice() == str(soffice)


def test_a_missing_deck_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DeckError, match=r"cannot convert .*weg\.pptx to PDF: no such file"):
        to_pdf(tmp_path / "weg.pptx")


# LibreOffice cannot be made to fail on demand, so these two stand-ins play a LibreOffice
# that exits with an error and one that exits cleanly without writing a PDF.
@pytest.mark.skipif(os.name != "posix", reason="uses a shell script as a stand-in program")
@pytest.mark.parametrize(
    ("script", "expected"),
    [
        (
            "echo 'loading' >&2\necho 'Error: source file could not be loaded' >&2\nexit 3\n",
            "failed to convert .*exit status 3.*loading \\| Error: source file could not be loaded",
        ),
        ("echo 'convert done'\nexit 0\n", "wrote no PDF for .*: convert done"),
    ],
    ids=["exit-status", "no-pdf"],
)
def test_a_failing_conversion_reports_the_output_and_keeps_the_old_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str, expected: str
) -> None:
    fake_program(tmp_path / "bin", "soffice", script)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    deck = tmp_path / "deck.pptx"
    Presentation().save(str(deck))  # a real package: only those are handed to LibreOffice
    old = tmp_path / "deck.pdf"
    old.write_bytes(b"%PDF-1.4 old")
    with pytest.raises(DeckError, match=expected):
        to_pdf(deck)
    assert old.read_bytes() == b"%PDF-1.4 old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "deck.pdf", "deck.pptx"]


def test_the_export_filter_asks_for_tagged_pdf_ua() -> None:
    import json

    from deck_builder.delivery.pdf import export_filter

    name, _, options = export_filter().partition(":impress_pdf_Export:")
    assert name == "pdf"
    values = {key: value["value"] for key, value in json.loads(options).items()}
    assert values["UseTaggedPDF"] == values["PDFUACompliance"] == "true"
    assert values["DisplayPDFDocumentTitle"] == values["ExportBookmarks"] == "true"
    assert values["ExportNotesPages"] == "false"
    assert json.loads(export_filter("handout").partition(":impress_pdf_Export:")[2])[
        "ExportNotesPages"]["value"] == "true"


def test_the_decks_language_comes_from_its_core_properties(small_deck: SmallDeck) -> None:
    from deck_builder.delivery.office_profile import deck_locale

    assert deck_locale(small_deck.path.read_bytes()) == "nl-NL"
    assert deck_locale(b"no zip") == "nl-NL"
