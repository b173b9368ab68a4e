"""The warm LibreOffice: pictures of the wanted slides only, a PDF, and nothing left
behind when it stops."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from deck_builder.serve import office as office_module
from deck_builder.serve.office import ColdOffice, Office, find_uno_python
from tests.serve.conftest import SOFFICE, UNO_PYTHON, libreoffice, needs_office, write_small


def processes_mentioning(text: str) -> list[int]:
    """Processes whose command line mentions `text` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if text in command:
            found.append(int(entry.name))
    return found


def small_deck(tmp_path: Path) -> bytes:
    from deck_builder import pipeline

    deck = pipeline.load_deck(write_small(tmp_path / "c"))
    return pipeline.build_bytes(deck, pipeline.open_session(pipeline.open_template(deck)))[0]


@needs_office
@libreoffice
def test_only_the_asked_slides_are_drawn(office: Office, tmp_path: Path) -> None:
    deck = small_deck(tmp_path)
    before = office.renders
    pictures = office.render(deck, [1, 3], 640, 360)
    assert sorted(pictures) == [1, 3]
    assert office.renders - before == 2
    for data in pictures.values():
        with Image.open(io.BytesIO(data)) as picture:
            assert picture.format == "PNG"
            assert picture.size == (640, 360)
    assert office.pdf(deck).startswith(b"%PDF-")


@needs_office
@libreoffice
def test_a_killed_office_starts_again_and_a_stopped_one_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert SOFFICE is not None
    assert UNO_PYTHON is not None
    work = tmp_path / "work"
    office = Office(SOFFICE, UNO_PYTHON, work)
    try:
        deck = small_deck(tmp_path)
        office.render(deck, [0], 320, 180)
        running = processes_mentioning(str(work))
        assert running, "LibreOffice should be kept running between requests"
        for pid in running:
            os.kill(pid, signal.SIGKILL)
        assert sorted(office.render(deck, [0], 320, 180)) == [0]
        assert office.starts == 2
        # After many documents it is started afresh when idle, the old one stopped.
        office.maintain()
        assert office.starts == 2
        monkeypatch.setattr(office_module, "DOCUMENTS_PER_START", 1)
        before = set(processes_mentioning(str(work)))
        office.maintain()
        assert office.starts == 3
        assert not before & set(processes_mentioning(str(work)))
        assert sorted(office.render(deck, [0], 320, 180)) == [0]
    finally:
        office.close()
    assert processes_mentioning(str(work)) == []
    assert not any((work / "jobs").iterdir())  # each request's files went with it


def test_a_python_without_uno_is_passed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    if SOFFICE is None or sys.executable == UNO_PYTHON:
        pytest.skip("needs LibreOffice, and a Python running the tests without uno")
    monkeypatch.setenv("DECK_BUILDER_UNO_PYTHON", sys.executable)
    monkeypatch.setenv("PATH", "")
    found = find_uno_python(SOFFICE)
    if found is not None:  # LibreOffice's own Python (macOS, Windows)
        assert found != sys.executable
        assert subprocess.run([found, "-c", "import uno"], check=False).returncode == 0


@libreoffice
def test_without_uno_a_fresh_libreoffice_draws_the_asked_slides(tmp_path: Path) -> None:
    if SOFFICE is None or shutil.which("pdftoppm") is None:
        pytest.skip("needs LibreOffice and poppler")
    office = ColdOffice(tmp_path / "work")
    pictures = office.render(small_deck(tmp_path), [2], 640, 360)
    assert sorted(pictures) == [2]
    assert office.renders == 1
    with Image.open(io.BytesIO(pictures[2])) as picture:
        assert picture.format == "PNG"
        assert picture.size == (640, 360)
    office.close()
    assert not any((tmp_path / "work").iterdir())
