"""Pictures of a deck's slides and one contact sheet, for checking a deck at a glance.

The deck goes through LibreOffice to PDF (pdf.py) and through poppler's `pdftoppm` to
one PNG per page. Every picture is re-encoded by Pillow without metadata, so the same
PDF gives the same bytes, and written atomically.
"""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from deck_builder.delivery.pdf import to_pdf
from deck_builder.errors import DeckError
from deck_builder.files import write_atomically

POPPLER_HINT = (
    "install poppler to make slide pictures: on Debian/Ubuntu `apt-get install "
    "poppler-utils`, on macOS `brew install poppler`; or put its `pdftoppm` on the PATH"
)
SHEET_NAME = "contact-sheet.png"
SLIDE_NAME = re.compile(r"slide-(\d+)\.png\Z")

# Contact sheet geometry in pixels; thumbnails are never scaled up.
THUMB_MAX_WIDTH = 480
MARGIN = 24
GAP = 16
LABEL_SIZE = 16
LABEL_GAP = 6
BORDER = "#8c8c8c"
BACKGROUND = "#ffffff"
LABEL_COLOUR = "#333333"


@dataclass(frozen=True)
class PreviewResult:
    """The slide pictures in slide order and the contact sheet."""

    slides: list[Path]
    sheet: Path


def preview(pptx: Path, out_dir: Path, dpi: int = 50) -> PreviewResult:
    """Write `slide-01.png`, `slide-02.png`, … and `contact-sheet.png` of `pptx` into out_dir.

    Numbers are zero-padded to the width of the slide count (at least two digits).
    Pictures of slides that no longer exist (`slide-NN.png` beyond the count, from an
    earlier preview of a longer deck) are removed. Raises DeckError when LibreOffice or
    poppler is missing or fails.
    """
    if not 10 <= dpi <= 600:
        raise DeckError(f"preview resolution must be 10 to 600 dpi, not {dpi}")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:  # checked first: no point in a slow conversion that cannot finish
        raise DeckError(f"poppler's pdftoppm was not found; {POPPLER_HINT}")
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="deck-builder-preview-") as work_name:
        work = Path(work_name)
        pdf = to_pdf(pptx, work)
        pages = _render_pages(pdftoppm, pdf, work / "pages", dpi)
        images = [_load(page) for page in pages]

    width = max(2, len(str(len(images))))
    slides: list[Path] = []
    for number, image in enumerate(images, start=1):
        path = out_dir / f"slide-{number:0{width}d}.png"
        write_atomically(png_bytes(image), path)
        slides.append(path)
    _remove_stale(out_dir, set(slides))
    sheet = out_dir / SHEET_NAME
    write_atomically(png_bytes(contact_sheet(images)), sheet)
    return PreviewResult(slides, sheet)


def contact_sheet(slides: list[Image.Image], columns: int | None = None) -> Image.Image:
    """One white picture with every slide as a bordered thumbnail, its number underneath.

    Columns default to `sheet_columns(len(slides))`; thumbnails keep their aspect ratio
    and are at most THUMB_MAX_WIDTH wide.
    """
    if not slides:
        raise ValueError("a contact sheet needs at least one slide")
    columns = columns or sheet_columns(len(slides))
    thumbs = [_thumbnail(slide) for slide in slides]
    cell_w = max(t.width for t in thumbs) + 2  # + the border
    cell_h = max(t.height for t in thumbs) + 2
    font = ImageFont.load_default(size=LABEL_SIZE)
    row_h = cell_h + LABEL_GAP + LABEL_SIZE + GAP
    rows = math.ceil(len(thumbs) / columns)
    sheet = Image.new(
        "RGB",
        (2 * MARGIN + columns * cell_w + (columns - 1) * GAP, 2 * MARGIN + rows * row_h - GAP),
        BACKGROUND,
    )
    draw = ImageDraw.Draw(sheet)
    for index, thumb in enumerate(thumbs):
        row, column = divmod(index, columns)
        left = MARGIN + column * (cell_w + GAP)
        top = MARGIN + row * row_h
        # Centre a smaller slide (mixed page sizes) in its cell.
        x = left + (cell_w - thumb.width - 2) // 2
        y = top + (cell_h - thumb.height - 2) // 2
        sheet.paste(thumb, (x + 1, y + 1))
        draw.rectangle((x, y, x + thumb.width + 1, y + thumb.height + 1), outline=BORDER)
        draw.text(
            (left + cell_w / 2, top + cell_h + LABEL_GAP),
            str(index + 1),
            fill=LABEL_COLOUR,
            font=font,
            anchor="ma",
        )
    return sheet


def sheet_columns(count: int) -> int:
    """Columns of a contact sheet of `count` slides: 4, more for long decks, fewer if few."""
    return max(1, min(count, max(4, math.ceil(math.sqrt(count)))))


def png_bytes(image: Image.Image) -> bytes:
    """The picture as PNG bytes without metadata (the same picture gives the same bytes)."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _render_pages(pdftoppm: str, pdf: Path, folder: Path, dpi: int) -> list[Path]:
    """Every page of `pdf` as a PNG in `folder`, in page order."""
    folder.mkdir()
    try:
        result = subprocess.run(
            [pdftoppm, "-png", "-r", str(dpi), str(pdf), str(folder / "page")],
            capture_output=True,
            timeout=300,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise DeckError(f"pdftoppm did not render {pdf.name} within 300 s") from None
    except OSError as exc:
        raise DeckError(f"cannot start pdftoppm: {exc.strerror or exc}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise DeckError(f"pdftoppm failed (exit status {result.returncode}): {' | '.join(message)}")
    # pdftoppm pads page numbers to the page count's width: page-1.png or page-01.png.
    numbered = []
    for path in folder.glob("page-*.png"):
        match = re.fullmatch(r"page-(\d+)\.png", path.name)
        if match:
            numbered.append((int(match.group(1)), path))
    if not numbered:
        raise DeckError(f"pdftoppm rendered no pages of {pdf.name}")
    return [path for _, path in sorted(numbered)]


def _load(path: Path) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("RGB")


def _thumbnail(slide: Image.Image) -> Image.Image:
    if slide.width <= THUMB_MAX_WIDTH:
        return slide
    height = max(1, round(slide.height * THUMB_MAX_WIDTH / slide.width))
    return slide.resize((THUMB_MAX_WIDTH, height), Image.Resampling.LANCZOS)


def _remove_stale(out_dir: Path, keep: set[Path]) -> None:
    """Remove `slide-N.png` files in out_dir that are not among this preview's slides."""
    for path in out_dir.glob("slide-*.png"):
        if SLIDE_NAME.fullmatch(path.name) and path not in keep:
            path.unlink(missing_ok=True)
