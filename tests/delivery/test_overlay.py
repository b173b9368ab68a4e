"""`template check --overlay`: a picture of each layout with its free area and artwork."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from deck_builder.delivery.overlay import FREE_FILL, LayoutPicture, draw_overlay
from deck_builder.ooxml.geometry import Rect
from deck_builder.template.artwork import Artwork
from tests.conftest import TEMPLATE_DIR, Cli

HAVE_TOOLS = all(shutil.which(tool) for tool in ("soffice", "pdftoppm"))
skip_without_tools = pytest.mark.skipif(
    not HAVE_TOOLS,
    reason="needs LibreOffice (soffice; Debian: libreoffice-impress) and poppler's pdftoppm "
    "(poppler-utils)",
)
SLIDE_W, SLIDE_H = 12192000, 6858000


def _tinted(under: tuple[int, int, int]) -> tuple[int, int, int]:
    """`under` seen through the free area's translucent green."""
    alpha = FREE_FILL[3] / 255
    r, g, b = (round(c * (1 - alpha) + f * alpha) for c, f in zip(under, FREE_FILL[:3],
                                                                  strict=False))
    return r, g, b


def _close(a: tuple[int, ...], b: tuple[int, ...], tolerance: int = 3) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def _patch_colour(image: Image.Image, x: float, y: float) -> tuple[int, int, int]:
    """The most common colour around (x, y): a one-pixel line there does not count."""
    pixels = [image.getpixel((round(x) + dx, round(y) + dy))
              for dx in range(-4, 5) for dy in range(-4, 5)]
    colour = Counter(pixels).most_common(1)[0][0]
    assert isinstance(colour, tuple)
    return colour[0], colour[1], colour[2]


@pytest.mark.parametrize("ground", [(255, 255, 255), (20, 54, 93), (238, 242, 247)])
def test_the_free_area_is_tinted_and_the_rest_left_alone(ground: tuple[int, int, int]) -> None:
    image = Image.new("RGB", (1280, 720), ground)
    free = Rect(SLIDE_W // 4, SLIDE_H // 4, SLIDE_W // 2, SLIDE_H // 2)
    art = Artwork(Rect(0, SLIDE_H - SLIDE_H // 8, SLIDE_W // 8, SLIDE_H // 8), "shape", "Hoek")
    drawn = draw_overlay(image, LayoutPicture("Tekst", free, (art,), (), SLIDE_W, SLIDE_H))
    assert drawn.size == image.size
    assert _close(_patch_colour(drawn, 640, 360), _tinted(ground))
    assert drawn.getpixel((1200, 100)) == ground  # outside everything
    # The artwork's outline is red, its inside untouched.
    assert drawn.getpixel((1, 700)) == (220, 38, 38)
    assert drawn.getpixel((80, 680)) == ground


@skip_without_tools
def test_one_picture_per_layout_with_its_free_area_tinted(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "lagen"
    run = cli("template", "check", str(TEMPLATE_DIR), "--format", "json",
              "--overlay", str(folder))
    assert run.exit_code == 0, run.stderr
    report = json.loads(run.stdout)  # stdout stays one JSON document
    layouts = report["layouts"]
    written = sorted(folder.glob("*.png"))
    assert [path.name for path in written] == [
        f"{number:02d}-{layout['name'].casefold().replace(' ', '-')}.png"
        for number, layout in enumerate(layouts, start=1)]
    assert f"wrote {len(layouts)} layout pictures in {folder}" in run.stderr
    brand = report["brand_colours"]
    grounds = [tuple(int(brand[key][i:i + 2], 16) for i in (1, 3, 5))
               for key in ("background", "light", "primary")]
    width, height = report["slide"]["width_emu"], report["slide"]["height_emu"]
    for layout, path in zip(layouts, written, strict=True):
        free = layout["free_area"]
        assert free is not None, layout["name"]
        with Image.open(path) as opened:
            image = opened.convert("RGB")
        assert image.width > 600
        x = (free["x"] + free["w"] / 2) / width * image.width
        y = (free["y"] + free["h"] / 2) / height * image.height
        seen = _patch_colour(image, x, y)
        assert any(_close(seen, _tinted(ground), 8) for ground in grounds), (path.name, seen)
