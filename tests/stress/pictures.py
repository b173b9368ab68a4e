"""Draw the pictures and logos of the stress deck into a copy of `tests/stress/`.

They are made when needed (by tests/test_stress.py and benchmarks/bench_stress.py)
rather than kept in the repository: together they are tens of megabytes. Every
picture is drawn the same way each time (fixed seeds), so builds are comparable.

    copy_stress_set(target)  # tests/stress copied to target, pictures drawn in it
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

STRESS_DIR = Path(__file__).resolve().parent
FONT = STRESS_DIR.parents[1] / "templates" / "vng" / "fonts" / "LiberationSans-Bold.ttf"

PHOTO_SIZE = (6000, 4000)  # 24 megapixels, as a camera takes it
PHONE_SIZE = (1200, 1600)  # upright; stored turned a quarter, with EXIF orientation 6
STRIP_SIZE = (1, 2000)
ORIENTATION = 0x0112  # the EXIF tag

# file name → (width, height, background, text colour, transparent background)
LOGOS: dict[str, tuple[int, int, str, str, bool]] = {
    "ipo": (480, 160, "#ffffff", "#00549f", False),
    "uvw": (300, 300, "#0a7a8f", "#ffffff", False),
    "vng": (400, 140, "#14365d", "#ffffff", False),
    "ienw": (160, 360, "#154273", "#ffffff", False),  # taller than wide
    "kgg": (520, 130, "#ffffff", "#2b7a3d", True),  # transparent around the letters
    "pbl": (240, 240, "#e5761a", "#ffffff", False),
    "landschappen": (600, 150, "#ffffff", "#5b8c2a", True),
    "aedes": (360, 120, "#c8102e", "#ffffff", False),
    "neprom": (1200, 300, "#1f2a37", "#ffffff", False),  # large: scaled down in the deck
}


def copy_stress_set(target: Path) -> Path:
    """The stress content (its YAML files) copied to `target`, with its pictures drawn."""
    shutil.copytree(STRESS_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    make_pictures(target)
    return target


def make_pictures(folder: Path) -> dict[str, Path]:
    """Write every picture and logo the stress deck names into `folder`; returns them
    by name (e.g. "foto-24mp.jpg", "logos/ipo.png")."""
    images = folder / "images"
    logos = folder / "logos"
    images.mkdir(parents=True, exist_ok=True)
    logos.mkdir(parents=True, exist_ok=True)
    made = {
        "foto-24mp.jpg": _photo(images / "foto-24mp.jpg"),
        "telefoon.jpg": _phone_photo(images / "telefoon.jpg"),
        "drukwerk-cmyk.jpg": _cmyk(images / "drukwerk-cmyk.jpg"),
        "kaart.webp": _webp_map(images / "kaart.webp"),
        "strook.png": _strip(images / "strook.png"),
    }
    for name, spec in LOGOS.items():
        made[f"logos/{name}.png"] = _logo(logos / f"{name}.png", name, *spec)
    return made


def _photo(path: Path) -> Path:
    """A landscape photograph of 6000 × 4000: sky, fields, a tree line and film grain.

    Smooth areas with fine grain compress like a real photo (about 3 MB at quality 90);
    pure noise would not, and a flat drawing would be unrealistically small.
    """
    width, height = PHOTO_SIZE
    horizon = height * 11 // 20
    sky = Image.linear_gradient("L").resize((width, horizon))
    land = Image.linear_gradient("L").resize((width, height - horizon))
    photo = Image.new("RGB", PHOTO_SIZE)
    photo.paste(Image.merge("RGB", [sky.point(lambda v: 70 + v // 2),
                                    sky.point(lambda v: 120 + v // 3),
                                    sky.point(lambda v: 200 + v // 5)]), (0, 0))
    photo.paste(Image.merge("RGB", [land.point(lambda v: 90 - v // 4),
                                    land.point(lambda v: 130 - v // 5),
                                    land.point(lambda v: 50 - v // 8)]), (0, horizon))
    draw = ImageDraw.Draw(photo)
    rng = random.Random(24)
    for index in range(14):  # fields in perspective, alternating crops
        top = horizon + int((index / 14) ** 1.6 * (height - horizon))
        bottom = horizon + int(((index + 1) / 14) ** 1.6 * (height - horizon))
        shade = (110 + rng.randint(-30, 30), 140 + rng.randint(-25, 25), 60 + rng.randint(-20, 20))
        draw.polygon([(0, top), (width, top - 40), (width, bottom - 40), (0, bottom)], fill=shade)
    for _ in range(220):  # a tree line on the horizon
        x = rng.randint(0, width)
        r = rng.randint(30, 90)
        draw.ellipse((x - r, horizon - 2 * r, x + r, horizon + 10), fill=(40, 70 + r // 3, 35))
    grain = Image.effect_noise((width // 2, height // 2), 18).resize(PHOTO_SIZE)
    photo = Image.blend(photo, Image.merge("RGB", [grain] * 3), 0.12)
    photo.save(path, "JPEG", quality=90)
    return path


def _phone_photo(path: Path) -> Path:
    """An upright phone photo with an arrow and "BOVEN" at its top, stored turned a
    quarter to the left with EXIF orientation 6 ("turn right to show"), as phones do."""
    upright = Image.new("RGB", PHONE_SIZE, "#9cc3e6")
    draw = ImageDraw.Draw(upright)
    width, height = PHONE_SIZE
    draw.rectangle((0, height * 2 // 3, width, height), fill="#5e8c3a")  # the dike
    draw.polygon([(width // 2, 80), (width // 2 - 200, 380), (width // 2 + 200, 380)],
                 fill="#e5761a")
    draw.rectangle((width // 2 - 70, 380, width // 2 + 70, 800), fill="#e5761a")
    draw.text((width // 2, 900), "BOVEN", fill="#14365d", anchor="mm",
              font=ImageFont.truetype(str(FONT), 160))
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    stored.save(path, "JPEG", quality=88, exif=exif.tobytes())
    return path


def _cmyk(path: Path) -> Path:
    """A CMYK JPEG, as print work is delivered: cyan, magenta and yellow blocks."""
    picture = Image.new("CMYK", (1500, 1000), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    for index, colour in enumerate([(255, 0, 0, 0), (0, 255, 0, 0), (0, 0, 255, 0)]):
        draw.rectangle((80 + index * 460, 120, 480 + index * 460, 880), fill=colour)
    draw.rectangle((0, 940, 1500, 1000), fill=(0, 0, 0, 255))
    picture.save(path, "JPEG", quality=90)
    return path


def _webp_map(path: Path) -> Path:
    """A map-like drawing saved as WebP."""
    picture = Image.new("RGB", (1800, 1000), "#eef2f7")
    draw = ImageDraw.Draw(picture)
    rng = random.Random(7)
    for _ in range(60):
        x, y = rng.randint(0, 1700), rng.randint(0, 900)
        draw.rectangle((x, y, x + rng.randint(40, 220), y + rng.randint(30, 160)),
                       fill=rng.choice(["#cfe3c1", "#b7d3ef", "#f3d9b1", "#d9d9d9"]))
    draw.line([(0, 800), (600, 500), (1200, 620), (1800, 200)], fill="#2f6db5", width=18)
    picture.save(path, "WEBP", quality=80)
    return path


def _strip(path: Path) -> Path:
    """A picture one pixel wide and 2000 high: a colour gradient."""
    strip = Image.linear_gradient("L").resize(STRIP_SIZE)
    Image.merge("RGB", [strip, strip.point(lambda v: 255 - v), strip]).save(path, "PNG")
    return path


def _logo(path: Path, name: str, width: int, height: int, background: str, colour: str,
          transparent: bool) -> Path:
    """A stand-in logo: the organisation's short name on a coloured field."""
    mode = "RGBA" if transparent else "RGB"
    logo = Image.new(mode, (width, height), (0, 0, 0, 0) if transparent else background)
    draw = ImageDraw.Draw(logo)
    text = name.upper()
    if height > width:  # a tall logo: letters stacked
        text = "\n".join(text)
    lines = text.split("\n")
    # As large as fits 80 % of the field, measured with the font itself.
    size = 200
    font = ImageFont.truetype(str(FONT), size)
    wide = max(font.getlength(line) for line in lines) / size
    tall = 1.2 * len(lines)
    size = max(int(min(width * 0.8 / wide, height * 0.8 / tall)), 8)
    draw.multiline_text((width / 2, height / 2), text, fill=colour, anchor="mm", align="center",
                        font=ImageFont.truetype(str(FONT), size))
    logo.save(path, "PNG")
    return path
