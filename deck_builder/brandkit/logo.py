"""Draw the brand's stand-in logo and its white variant with Pillow."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from deck_builder.brandkit.colour import rgb
from deck_builder.files import write_atomically
from deck_builder.template.load import Brand

_LOGO_SIZE = (600, 200)
_SUPERSAMPLE = 4  # draw large and scale down: Pillow's shapes are not antialiased


def negative_path(logo: Path) -> Path:
    """Where the white variant of `logo` goes: `<stem>-negative<suffix>` beside it."""
    return logo.with_name(f"{logo.stem}-negative{logo.suffix}")


def build_logos(brand: Brand, logo: Path) -> tuple[Path, Path]:
    """Write the logo to `logo` and its negative beside it; return both paths.

    PNGs are written without metadata (no timestamps, no text chunks) so a rebuild is
    byte-identical.
    """
    paths = (logo, negative_path(logo))
    for path, negative in zip(paths, (False, True), strict=True):
        buffer = io.BytesIO()
        _draw_logo(brand, negative).save(buffer, format="PNG", optimize=False)
        write_atomically(buffer.getvalue(), path)
    return paths


def _draw_logo(brand: Brand, negative: bool) -> Image.Image:
    """A deliberately generic word-and-mark logo, labelled as a stand-in.

    The mark is a 2×2 grid of tiles (a nod to municipalities working together), one
    tile in the accent colour. It must not resemble the real VNG logo, and the filled
    "STAND-IN" tag plus "voorbeeldlogo" keep anyone from shipping it by mistake; the tag
    is sized to stay legible when the logo is 0.6 in tall on a slide.
    """
    s = _SUPERSAMPLE
    width, height = _LOGO_SIZE[0] * s, _LOGO_SIZE[1] * s
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    ink = rgb("FFFFFF") if negative else rgb(brand.colours["primary"])
    accent = rgb(brand.colours["accent"])
    quiet = rgb(brand.colours["light"]) if negative else rgb(brand.colours["muted"])
    tag_text = rgb(brand.colours["primary"]) if negative else rgb("FFFFFF")

    # Mark: four rounded tiles in a 168 px square, vertically centred.
    tile, gap = 78 * s, 12 * s
    mark = 2 * tile + gap
    top = (height - mark) // 2
    for row in range(2):
        for col in range(2):
            x0 = col * (tile + gap)
            y0 = top + row * (tile + gap)
            colour = accent if (row, col) == (1, 1) else ink
            draw.rounded_rectangle((x0, y0, x0 + tile, y0 + tile), radius=14 * s, fill=colour)

    word_font = ImageFont.truetype(str(brand.fonts.bold), 124 * s)
    tag_font = ImageFont.truetype(str(brand.fonts.bold), 32 * s)
    note_font = ImageFont.truetype(str(brand.fonts.regular), 32 * s)
    text_x = mark + 30 * s

    # "VNG": cap tops level with the top of the mark (bbox top is negative: above baseline).
    _, cap_top, _, _ = word_font.getbbox("VNG", anchor="ls")
    draw.text((text_x, top - cap_top), "VNG", font=word_font, fill=ink, anchor="ls")

    # Tag row, bottom level with the bottom of the mark.
    _, tag_top, tag_right, _ = tag_font.getbbox("STAND-IN", anchor="ls")
    pad_x, pad_y = 14 * s, 12 * s
    tag_h = -tag_top + 2 * pad_y
    tag_y1 = top + mark
    tag_y0 = tag_y1 - tag_h
    baseline = tag_y1 - pad_y
    draw.rounded_rectangle(
        (text_x, tag_y0, text_x + tag_right + 2 * pad_x, tag_y1), radius=8 * s, fill=quiet
    )
    draw.text((text_x + pad_x, baseline), "STAND-IN", font=tag_font, fill=tag_text, anchor="ls")
    note_x = text_x + tag_right + 2 * pad_x + 14 * s
    draw.text((note_x, baseline), "voorbeeldlogo", font=note_font, fill=quiet, anchor="ls")
    return image.resize(_LOGO_SIZE, Image.Resampling.LANCZOS)
