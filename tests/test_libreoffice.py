"""A real client: LibreOffice converts the default deck to PDF with one page per slide."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import BuiltDeck
from tests.helpers import pdf_pages

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
        reason="needs LibreOffice (soffice; Debian: libreoffice-impress) and pdfinfo "
        "(Debian: poppler-utils)",
    ),
]


def convert(deck: Path, out: Path) -> Path:
    profile = out / "profile"
    # LibreOffice's exit code is not trusted: the PDF and its page count decide.
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(deck),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    return out / f"{deck.stem}.pdf"


def test_default_deck_converts_to_one_page_per_slide(
    default_deck: BuiltDeck, tmp_path: Path
) -> None:
    pdf = convert(default_deck.path, tmp_path)
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    assert pdf_pages(pdf) == len(default_deck.prs.slides)
