"""Pictures of a deck's slides in memory, for checks that look at the drawn slide.

The deck goes through LibreOffice to PDF (`pdf.pdf_bytes`) and poppler's `pdftoppm` to
one picture per page; everything happens in a private temporary folder, removed
afterwards.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from deck_builder.delivery.pdf import find_soffice, pdf_bytes
from deck_builder.errors import DeckError

DPI = 96  # letters of 12 pt are 16 pixels high: enough to tell letters from background


def can_draw() -> bool:
    """Whether LibreOffice and pdftoppm are there to draw slides."""
    return find_soffice() is not None and shutil.which("pdftoppm") is not None


def slide_pictures(deck: bytes, dpi: int = DPI, timeout: float = 180) -> list[Image.Image]:
    """One RGB picture per slide of `deck`. Raises DeckError when LibreOffice or poppler
    is missing or fails."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise DeckError("poppler's pdftoppm was not found; install poppler-utils")
    pdf = pdf_bytes(deck, Path("deck.pptx"), timeout)
    with tempfile.TemporaryDirectory(prefix="deck-builder-draw-") as work_name:
        work = Path(work_name)
        (work / "deck.pdf").write_bytes(pdf)
        try:
            result = subprocess.run(
                [pdftoppm, "-png", "-r", str(dpi), str(work / "deck.pdf"), str(work / "page")],
                capture_output=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise DeckError(f"pdftoppm could not draw the slides: {error}") from None
        if result.returncode != 0:
            raise DeckError(f"pdftoppm failed (exit status {result.returncode})")
        pages = sorted(work.glob("page-*.png"), key=lambda path: int(path.stem.split("-")[-1]))
        pictures = []
        for page in pages:
            with Image.open(page) as image:
                pictures.append(image.convert("RGB"))
        return pictures
