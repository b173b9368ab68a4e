"""Pictures: fully decoded, upright, in sRGB, stripped of metadata, fitted, refused clearly.

All inputs are generated here with Pillow; nothing depends on files outside the test.
"""

from __future__ import annotations

import io
import math
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from pptx import Presentation
from pptx.util import Emu

from deck_builder.content import pictures

INCH = pictures.EMU_PER_INCH
RED, GREEN, BLUE, YELLOW = (220, 30, 30), (30, 180, 60), (30, 60, 220), (240, 200, 20)
Colour = tuple[int, ...]


# -- picture makers ----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _process_small_files(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pictures made here are a few KB: without this, `fit` would pass most of them
    through unchanged (see SMALL_FILE_BYTES) and the processing would go untested."""
    if "small_original" not in request.keywords:
        monkeypatch.setattr(pictures, "SMALL_FILE_BYTES", 0)
    pictures.clear_cache()


def make_png(path: Path, size: tuple[int, int] = (60, 30), colour: str = "#14365d") -> Path:
    """A small solid PNG picture."""
    Image.new("RGB", size, colour).save(path, "PNG")
    return path


def photo_image(size: tuple[int, int]) -> Image.Image:
    """A picture that compresses like a photograph: soft shapes, texture and grain."""
    width, height = size
    layers = []
    for cells, sigma in (((12, 8), 80), ((150, 100), 60), ((1500, 1000), 50)):
        cells = (min(cells[0], width), min(cells[1], height))
        layer = Image.merge("RGB", [Image.effect_noise(cells, sigma) for _ in range(3)])
        layers.append(layer.resize(size, Image.Resampling.BICUBIC))
    picture = Image.blend(Image.blend(layers[0], layers[1], 0.35), layers[2], 0.25)
    return Image.blend(picture, Image.effect_noise(size, 20).convert("RGB"), 0.1)


def make_photo(path: Path, size: tuple[int, int] = (6000, 4000)) -> Path:
    """A photograph-like JPEG (6000×4000 by default: 24 megapixels)."""
    photo_image(size).save(path, "JPEG", quality=90)
    return path


def quadrants(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """Red, green / blue, yellow quadrants (top-left, top-right / bottom-left, -right)."""
    width, height = size
    picture = Image.new("RGB", size, YELLOW)
    picture.paste(RED, (0, 0, width // 2, height // 2))
    picture.paste(GREEN, (width // 2, 0, width, height // 2))
    picture.paste(BLUE, (0, height // 2, width // 2, height))
    return picture.convert(mode)


def stripes(size: tuple[int, int], colours: tuple[Colour, ...], across: bool) -> Image.Image:
    """Equal stripes in `colours`: side by side when `across`, else stacked."""
    picture = Image.new("RGB", size)
    width, height = size
    for index, colour in enumerate(colours):
        if across:
            box = (width * index // len(colours), 0, width * (index + 1) // len(colours), height)
        else:
            box = (0, height * index // len(colours), width, height * (index + 1) // len(colours))
        picture.paste(colour, box)
    return picture


def bomb_png(path: Path, width: int, height: int) -> Path:
    """A tiny PNG whose header claims `width` × `height` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )
    return path


def swapped_primaries_profile() -> bytes:
    """An ICC v2 RGB profile whose red primary is sRGB's green and vice versa.

    Pure red in a picture tagged with it means sRGB green, so a picture that comes out
    green proves the profile was applied.
    """

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ \0\0\0\0" + s15(x) + s15(y) + s15(z)

    gamma = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(2.2 * 256)) + b"\0\0"
    text = b"swapped\0"
    tags = [
        (b"desc", b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + bytes(78)),
        (b"cprt", b"text\0\0\0\0" + b"none\0\0\0\0"),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.3851, 0.7169, 0.0971)),  # sRGB's green primary (D50)
        (b"gXYZ", xyz(0.4361, 0.2225, 0.0139)),  # sRGB's red primary
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", gamma), (b"gTRC", gamma), (b"bTRC", gamma),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += bytes(-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    header = (
        struct.pack(">I", offset + len(body)) + bytes(4) + bytes([2, 0x10, 0, 0])
        + b"mntrRGB XYZ " + bytes(12) + b"acsp" + bytes(28)
        + s15(0.9642) + s15(1.0) + s15(0.8249) + bytes(48)
    )
    return header + struct.pack(">I", len(tags)) + table + body


def decoded(data: bytes) -> Image.Image:
    """The encoded picture `data`, loaded."""
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


def near(actual: Colour, expected: Colour, tolerance: int = 24) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual[:3], expected[:3], strict=True))


def rgb_at(picture: Image.Image, xy: tuple[int, int]) -> Colour:
    pixel = picture.convert("RGB").getpixel(xy)
    assert isinstance(pixel, tuple)
    return pixel


def aspect_error(size: tuple[int, int], expected: float) -> float:
    return abs(size[0] / size[1] / expected - 1)


# -- basics --------------------------------------------------------------------------------


def test_clean_png_keeps_its_size_format_and_bytes(tmp_path: Path) -> None:
    path = make_png(tmp_path / "a.png", (120, 80))
    prepared = pictures.prepare(path)
    assert (prepared.width, prepared.height) == (120, 80)
    assert pictures.inspect(path) == (120, 80)
    assert prepared.extension == "png"
    assert prepared.data == path.read_bytes()  # nothing to change: the file goes in as is
    assert decoded(prepared.data).format == "PNG"


def test_transparency_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    Image.new("RGBA", (50, 50), (255, 0, 0, 0)).save(path)
    picture = decoded(pictures.prepare(path).data)
    assert picture.mode == "RGBA"
    assert picture.getpixel((0, 0))[3] == 0


def test_opaque_alpha_channel_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "vol.png"
    photo_image((300, 200)).convert("RGBA").save(path)
    fitted = pictures.fit(path, 3 * INCH, 2 * INCH, dpi=100)
    assert fitted.extension == "jpg"  # no real transparency, photographic pixels
    assert decoded(fitted.data).mode == "RGB"


def test_metadata_is_dropped(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {2: (52.0, 22.0, 0.0)}  # GPS latitude
    jpeg = tmp_path / "foto.jpg"
    Image.new("RGB", (64, 48), "green").save(
        jpeg, "JPEG", exif=exif.tobytes(), comment=b"private note", xmp=b"<x:xmpmeta/>"
    )
    png = tmp_path / "grafiek.png"
    text = PngInfo()
    text.add_text("Author", "private note")
    Image.new("RGB", (64, 48), "green").save(png, "PNG", pnginfo=text, exif=exif.tobytes())
    for path, extension in ((jpeg, "jpg"), (png, "png")):
        fitted = pictures.fit(path, INCH, INCH)
        assert fitted.extension == extension
        picture = decoded(fitted.data)
        assert len(picture.getexif()) == 0
        assert not {"exif", "comment", "xmp", "XML:com.adobe.xmp", "Author"} & set(picture.info)
        assert b"CameraMaker" not in fitted.data
        assert b"private note" not in fitted.data


def test_inspect_gives_the_full_size(tmp_path: Path) -> None:
    path = make_png(tmp_path / "breed.png", (3000, 1000))
    assert pictures.inspect(path) == (3000, 1000)
    assert max(pictures.prepare(path).width, pictures.prepare(path).height) == pictures.MAX_EDGE


def test_large_picture_is_scaled_down_by_prepare(tmp_path: Path) -> None:
    path = make_png(tmp_path / "groot.png", (5000, 1000))
    prepared = pictures.prepare(path)
    assert (prepared.width, prepared.height) == (2560, 512)


# -- formats and colour ----------------------------------------------------------------------


def _save_as(picture: Image.Image, path: Path, fmt: str) -> None:
    if fmt == "JPEG":
        picture.save(path, fmt, quality=95)
    elif fmt == "WEBP":
        picture.save(path, fmt, lossless=True)
    else:
        picture.save(path, fmt)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP", "TIFF", "BMP"])
def test_each_format_converts_and_keeps_its_shape(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"plaatje.{fmt.lower()}"
    _save_as(quadrants((640, 360)), path, fmt)
    for box_inches in ((2, 2), (8, 8)):  # scaled down, and kept at full size
        fitted = pictures.fit(path, box_inches[0] * INCH, box_inches[1] * INCH)
        assert aspect_error((fitted.width, fitted.height), 640 / 360) <= 0.01
        picture = decoded(fitted.data)
        assert picture.format == {"jpg": "JPEG", "png": "PNG"}[fitted.extension]
        assert picture.size == (fitted.width, fitted.height)
        assert near(rgb_at(picture, (5, 5)), RED)
        assert near(rgb_at(picture, (fitted.width - 5, fitted.height - 5)), YELLOW)
        if fmt in {"GIF", "WEBP", "TIFF", "BMP"}:
            assert fitted.data != path.read_bytes()
    assert pictures.fit(path, 8 * INCH, 8 * INCH).width == 640  # never upscaled


@pytest.mark.parametrize(
    ("orientation", "red_corner"),
    [(6, "top-right"), (8, "bottom-left"), (3, "bottom-right"), (1, "top-left")],
)
@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_exif_orientation_gives_an_upright_picture(
    tmp_path: Path, fmt: str, orientation: int, red_corner: str
) -> None:
    # Stored landscape with a red top-left corner; the camera says how to turn it.
    path = tmp_path / f"gedraaid.{fmt.lower()}"
    stored = Image.new("RGB", (160, 80), BLUE)
    stored.paste(RED, (0, 0, 48, 32))
    exif = Image.Exif()
    exif[0x0112] = orientation
    stored.save(path, fmt, exif=exif.tobytes(), **({"quality": 95} if fmt == "JPEG" else {}))
    upright = (80, 160) if orientation in (6, 8) else (160, 80)
    assert pictures.inspect(path) == upright
    fitted = pictures.fit(path, 10 * INCH, 10 * INCH)
    assert (fitted.width, fitted.height) == upright
    picture = decoded(fitted.data)
    width, height = upright
    corners = {
        "top-left": (3, 3), "top-right": (width - 4, 3),
        "bottom-left": (3, height - 4), "bottom-right": (width - 4, height - 4),
    }
    for corner, xy in corners.items():
        assert near(rgb_at(picture, xy), RED if corner == red_corner else BLUE), corner


@pytest.mark.parametrize("orientation", [6, 8])
def test_orientation_with_reduced_jpeg_decoding(tmp_path: Path, orientation: int) -> None:
    # Large enough that the decoder shrinks it (by 1/4) before it is turned.
    path = tmp_path / "groot-gedraaid.jpg"
    stored = Image.new("RGB", (2400, 1200), BLUE)
    stored.paste(RED, (0, 0, 800, 400))
    exif = Image.Exif()
    exif[0x0112] = orientation
    stored.save(path, "JPEG", exif=exif.tobytes(), quality=95)
    fitted = pictures.fit(path, 1 * INCH, 2 * INCH, dpi=100)
    assert (fitted.width, fitted.height) == (100, 200)
    picture = decoded(fitted.data)
    red_xy = (95, 5) if orientation == 6 else (5, 195)
    assert near(rgb_at(picture, red_xy), RED)
    assert near(rgb_at(picture, (50, 100)), BLUE)


@pytest.mark.parametrize(
    ("cmyk", "rgb"),
    [
        ((0, 255, 255, 0), (255, 0, 0)),
        ((255, 0, 255, 0), (0, 255, 0)),
        ((255, 255, 0, 0), (0, 0, 255)),
        ((0, 0, 0, 255), (0, 0, 0)),
        ((0, 0, 0, 0), (255, 255, 255)),
    ],
)
def test_cmyk_jpeg_colours_come_out_right(tmp_path: Path, cmyk: Colour, rgb: Colour) -> None:
    path = tmp_path / "drukwerk.jpg"
    Image.new("CMYK", (64, 64), cmyk).save(path, "JPEG", quality=95)
    with Image.open(path) as source:
        assert "adobe" in source.info  # stored inverted, as Photoshop writes CMYK JPEGs
    fitted = pictures.fit(path, INCH, INCH)
    picture = decoded(fitted.data)
    assert picture.mode == "RGB"
    assert near(rgb_at(picture, (32, 32)), rgb, tolerance=8)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_icc_profile_is_applied_and_dropped(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"profiel.{fmt.lower()}"
    Image.new("RGB", (40, 40), (255, 0, 0)).save(
        path, fmt, icc_profile=swapped_primaries_profile()
    )
    fitted = pictures.fit(path, INCH, INCH)
    picture = decoded(fitted.data)
    assert "icc_profile" not in picture.info
    assert near(rgb_at(picture, (20, 20)), (0, 255, 0), tolerance=12)


def test_broken_icc_profile_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "kapot-profiel.png"
    Image.new("RGB", (40, 40), (255, 0, 0)).save(path, icc_profile=b"not a profile" * 20)
    picture = decoded(pictures.fit(path, INCH, INCH).data)
    assert near(rgb_at(picture, (20, 20)), (255, 0, 0), tolerance=2)


@pytest.mark.parametrize("fmt", ["PNG", "TIFF"])
def test_16_bit_grey_keeps_its_gradient(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"diep.{fmt.lower()}"
    ramp = b"".join((x * 128).to_bytes(2, "little") for x in range(512))
    Image.frombytes("I;16", (512, 1), ramp).resize((512, 16)).save(path, fmt)
    with Image.open(path) as source:
        assert source.mode.startswith("I")
    picture = decoded(pictures.fit(path, 10 * INCH, 10 * INCH).data)
    for x in range(0, 512, 16):
        # Scaled to 8 bits (x * 128 / 257), not clipped: 32768 is mid grey, not white.
        assert abs(rgb_at(picture, (x, 8))[0] - x * 128 / 257) <= 1, x


@pytest.mark.parametrize("fmt", ["PNG", "GIF"])
def test_palette_with_transparency_keeps_alpha(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"palet.{fmt.lower()}"
    picture = Image.new("P", (40, 20), 0)
    picture.putpalette([0, 0, 0, *RED, *BLUE] + [0] * 759)
    picture.paste(1, (0, 0, 20, 20))
    picture.paste(2, (20, 0, 30, 20))
    picture.save(path, fmt, transparency=0)
    fitted = pictures.fit(path, INCH, INCH)
    assert fitted.extension == "png"
    result = decoded(fitted.data)
    assert result.mode == "RGBA"
    assert result.getpixel((35, 10))[3] == 0
    assert result.getpixel((10, 10)) == (*RED, 255)
    assert result.getpixel((25, 10)) == (*BLUE, 255)


@pytest.mark.parametrize(
    ("mode", "fmt", "pixel", "alpha"),
    [
        ("1", "PNG", 255, False),
        ("1", "BMP", 255, False),
        ("L", "TIFF", 200, False),
        ("LA", "PNG", (200, 100), True),
        ("RGBA", "WEBP", (*GREEN, 100), True),
    ],
)
def test_other_modes_become_rgb_or_rgba(
    tmp_path: Path, mode: str, fmt: str, pixel: Any, alpha: bool
) -> None:
    path = tmp_path / f"modus.{fmt.lower()}"
    extra = {"lossless": True} if fmt == "WEBP" else {}
    Image.new(mode, (30, 30), pixel).save(path, fmt, **extra)
    result = decoded(pictures.fit(path, INCH, INCH).data)
    assert result.mode == ("RGBA" if alpha else "RGB")
    expected = Image.new(mode, (1, 1), pixel).convert("RGBA").getpixel((0, 0))
    assert result.convert("RGBA").getpixel((15, 15)) == expected


@pytest.mark.parametrize("fmt", ["GIF", "WEBP"])
def test_animation_gives_its_first_frame(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"film.{fmt.lower()}"
    frames = [Image.new("RGB", (48, 32), colour) for colour in (RED, GREEN, BLUE)]
    extra = {"lossless": True} if fmt == "WEBP" else {}
    frames[0].save(path, fmt, save_all=True, append_images=frames[1:], duration=100, **extra)
    with Image.open(path) as source:
        assert source.n_frames == 3
    fitted = pictures.fit(path, INCH, INCH)
    picture = decoded(fitted.data)
    assert picture.format in {"PNG", "JPEG"}
    assert getattr(picture, "n_frames", 1) == 1
    assert near(rgb_at(picture, (24, 16)), RED, tolerance=8)


# -- JPEG or PNG -------------------------------------------------------------------------------


def _screenshot() -> Image.Image:
    # Flat background with a smooth colour band: far more than 256 colours, mostly flat.
    picture = Image.new("RGB", (800, 500), (250, 250, 250))
    band = Image.merge("RGB", [
        Image.linear_gradient("L").rotate(90).resize((600, 120)),
        Image.linear_gradient("L").resize((600, 120)),
        Image.new("L", (600, 120), 90),
    ])
    picture.paste(band, (100, 100))
    picture.paste((20, 54, 93), (100, 300, 700, 340))
    return picture


@pytest.mark.parametrize(
    ("name", "make", "extension"),
    [
        ("photo.png", lambda path: photo_image((600, 400)).save(path), "jpg"),
        ("photo.jpg", lambda path: photo_image((600, 400)).save(path, quality=90), "jpg"),
        ("screenshot.png", lambda path: _screenshot().save(path), "png"),
        ("screenshot.bmp", lambda path: _screenshot().save(path), "png"),
        ("logo.tiff", lambda path: quadrants((600, 400)).save(path), "png"),
        ("logo.jpg", lambda path: quadrants((600, 400)).save(path, quality=95), "jpg"),
        ("cutout.png", lambda path: photo_image((600, 400)).convert("RGBA").rotate(
            30, expand=True).save(path), "png"),
    ],
)
def test_photos_become_jpeg_and_graphics_png(
    tmp_path: Path, name: str, make: Callable[[Path], None], extension: str
) -> None:
    path = tmp_path / name
    make(path)
    fitted = pictures.fit(path, 2 * INCH, 2 * INCH, dpi=150)
    assert fitted.extension == extension
    picture = decoded(fitted.data)
    assert picture.format == {"jpg": "JPEG", "png": "PNG"}[extension]
    if extension == "jpg":
        assert picture.info.get("progressive", 0) == 0
        assert picture.layer[0][1:3] == (2, 2)  # luma sampled 2×2: 4:2:0 chroma


# -- fitting -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def photo_24mp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_photo(tmp_path_factory.mktemp("foto") / "24mp.jpg")


def test_24_megapixel_photo_is_small_and_sharp_enough(photo_24mp: Path) -> None:
    fitted = pictures.fit(photo_24mp, 6 * INCH, 4 * INCH)
    assert photo_24mp.stat().st_size > 3_000_000  # the source really is photo-sized
    assert fitted.extension == "jpg"
    assert len(fitted.data) < 1_000_000
    assert (fitted.width / 6, fitted.height / 4) == (220, 220)
    assert decoded(fitted.data).size == (1320, 880)


def test_truncated_large_jpeg_is_refused_even_when_decoded_small(
    photo_24mp: Path, tmp_path: Path
) -> None:
    path = tmp_path / "afgebroken.jpg"
    data = photo_24mp.read_bytes()
    path.write_bytes(data[: len(data) * 9 // 10])
    with pytest.raises(pictures.ImageProblem, match=r"afgebroken\.jpg is damaged or truncated"):
        pictures.fit(path, INCH, INCH, dpi=72)


def test_contain_follows_dpi(tmp_path: Path) -> None:
    path = tmp_path / "foto.png"
    quadrants((1000, 500)).save(path)
    fitted = pictures.fit(path, 4 * INCH, 4 * INCH, dpi=100)
    assert (fitted.width, fitted.height) == (400, 200)
    fitted = pictures.fit(path, 4 * INCH, 1 * INCH, dpi=100)
    assert (fitted.width, fitted.height) == (200, 100)
    assert fitted.crop == (0.0, 0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("focal", "expected"), [((0.0, 0.0), RED), ((0.5, 0.5), GREEN), ((1.0, 1.0), BLUE)]
)
@pytest.mark.parametrize("across", [True, False])
def test_cover_crops_around_the_focal_point(
    tmp_path: Path, focal: tuple[float, float], expected: Colour, across: bool
) -> None:
    # Three stripes, each exactly the square window: the focal point picks one.
    path = tmp_path / "strepen.png"
    size = (900, 300) if across else (300, 900)
    stripes(size, (RED, GREEN, BLUE), across).save(path)
    fitted = pictures.fit(path, INCH, INCH, "cover", focal, dpi=100)
    assert (fitted.width, fitted.height) == (100, 100)
    picture = decoded(fitted.data)
    assert picture.getcolors() == [(100 * 100, expected)]
    assert fitted.crop == (0.0, 0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("focal", "corner"),
    [((0.0, 0.0), RED), ((1.0, 0.0), GREEN), ((0.0, 1.0), BLUE), ((1.0, 1.0), YELLOW)],
)
def test_cover_focal_point_picks_a_quadrant(
    tmp_path: Path, focal: tuple[float, float], corner: Colour
) -> None:
    # A wide box on a square picture keeps full width; a tall box keeps full height.
    path = tmp_path / "kwadranten.png"
    quadrants((400, 400)).save(path)
    wide = decoded(pictures.fit(path, 2 * INCH, INCH, "cover", focal, dpi=100).data)
    tall = decoded(pictures.fit(path, INCH, 2 * INCH, "cover", focal, dpi=100).data)
    assert wide.size == (200, 100)
    assert tall.size == (100, 200)
    left_or_right = 150 if focal[0] else 50
    top_or_bottom = 150 if focal[1] else 50
    assert rgb_at(wide, (left_or_right, 50)) == corner  # the half the focal point is in
    assert rgb_at(tall, (50, top_or_bottom)) == corner


def test_cover_without_cropping_pixels_reports_the_crop(tmp_path: Path) -> None:
    path = tmp_path / "strepen.png"
    stripes((900, 300), (RED, GREEN, BLUE), across=True).save(path)
    fitted = pictures.fit(path, INCH, INCH, "cover", (0.0, 0.5), dpi=100, crop_pixels=False)
    assert (fitted.width, fitted.height) == (300, 100)  # the window is 100 px: at 100 dpi
    assert fitted.crop == pytest.approx((0.0, 0.0, 2 / 3, 0.0))
    fitted = pictures.fit(path, INCH, INCH, "cover", (0.5, 0.5), dpi=100, crop_pixels=False)
    assert fitted.crop == pytest.approx((1 / 3, 0.0, 1 / 3, 0.0))


@pytest.mark.parametrize("size", [(1, 2000), (2000, 1), (1, 1)])
@pytest.mark.parametrize("mode", ["contain", "cover"])
def test_thin_strips_keep_at_least_one_pixel(
    tmp_path: Path, size: tuple[int, int], mode: pictures.FitMode
) -> None:
    path = tmp_path / "streep.png"
    Image.new("RGB", size, RED).save(path)
    fitted = pictures.fit(path, 6 * INCH, 4 * INCH, mode)
    assert fitted.width >= 1
    assert fitted.height >= 1
    assert decoded(fitted.data).size == (fitted.width, fitted.height)
    if mode == "contain":
        # A 1 px strip cannot get thinner: it keeps its length, so it is not distorted.
        assert (fitted.width, fitted.height) == size
    tiny = pictures.fit(path, 1, 1, mode)  # a box smaller than a pixel at 220 dpi
    assert (tiny.width, tiny.height) == (size if mode == "contain" else (1, 1))


def test_prepare_keeps_a_long_strip(tmp_path: Path) -> None:
    path = tmp_path / "lang.png"
    Image.new("RGB", (1, 4000), RED).save(path)
    prepared = pictures.prepare(path)
    assert (prepared.width, prepared.height) == (1, 2560)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"box_w_emu": 0}, "positive size"),
        ({"box_h_emu": -5}, "positive size"),
        ({"mode": "stretch"}, "'contain' or 'cover'"),
        ({"focal": (1.5, 0.5)}, "within 0..1"),
        ({"dpi": 0}, "dpi must be positive"),
    ],
)
def test_impossible_arguments(tmp_path: Path, kwargs: dict[str, Any], message: str) -> None:
    path = make_png(tmp_path / "a.png")
    arguments: dict[str, Any] = {"box_w_emu": INCH, "box_h_emu": INCH, **kwargs}
    with pytest.raises(ValueError, match=message) as raised:
        pictures.fit(path, **arguments)
    assert not isinstance(raised.value, pictures.ImageProblem)


@settings(max_examples=60)
@given(
    source=st.tuples(st.integers(1, 1500), st.integers(1, 1500)),
    box_inches=st.tuples(st.floats(0.02, 12), st.floats(0.02, 12)),
    dpi=st.integers(30, 300),
    mode=st.sampled_from(["contain", "cover"]),
    focal=st.tuples(st.floats(0, 1), st.floats(0, 1)),
)
@example((1000, 10), (8.0, 8.0), 220, "contain", (0.5, 0.5))  # small picture, big box
@example((1000, 10), (8.0, 8.0), 220, "cover", (0.5, 0.5))
@example((1200, 900), (1.0, 6.0), 220, "cover", (1.0, 0.0))  # narrow window at the edge
@example((900, 1200), (6.0, 1.0), 220, "cover", (0.0, 1.0))
@example((1, 1500), (6.0, 4.0), 220, "contain", (0.5, 0.5))  # the strip
def test_fit_never_distorts_never_oversizes(
    tmp_path: Path,
    source: tuple[int, int],
    box_inches: tuple[float, float],
    dpi: int,
    mode: pictures.FitMode,
    focal: tuple[float, float],
) -> None:
    """Output ≥ 1 px, no larger than the box at `dpi` or the picture, and undistorted.

    "Undistorted": the output is a rounding (to whole pixels, at least 1) of a rectangle
    with the exact aspect ratio, which for sides of 200 px or more is within 1 %.
    """
    width, height = source
    path = tmp_path / f"{width}x{height}.png"  # a name per size: same size, same picture
    if not path.exists():
        Image.new("L", source, 128).save(path)
    box = (max(1, round(box_inches[0] * INCH)), max(1, round(box_inches[1] * INCH)))
    fitted = pictures.fit(path, box[0], box[1], mode, focal, dpi)
    out = (fitted.width, fitted.height)
    assert decoded(fitted.data).size == out
    assert min(out) >= 1
    target = (box[0] / INCH * dpi, box[1] / INCH * dpi)
    # At most the needed size, or the picture's own when that is nearly right.
    slack = pictures.KEEP_LARGER
    # A picture whose short side is already 1 px keeps its length (see _plan).
    thin = min(out) == 1 and max(out) == max(source)
    assert thin or out[0] <= max(1, math.ceil(target[0])) or out[0] <= math.ceil(target[0] * slack)
    assert thin or out[1] <= max(1, math.ceil(target[1])) or out[1] <= math.ceil(target[1] * slack)
    assert out[0] <= width
    assert out[1] <= height
    # Not needlessly small either: one side reaches the box or the picture's own size.
    assert out[0] >= min(target[0], width) - 1 or out[1] >= min(target[1], height) - 1
    if mode == "contain":
        shape: tuple[float, float] = (width, height)
    else:
        shape = target
        # The window is whole pixels of the picture: rounding there counts as well.
        window = (min(width, max(1, round(height * target[0] / target[1]))),
                  min(height, max(1, round(width * target[1] / target[0]))))
        assert out[0] <= window[0]
        assert out[1] <= window[1]
    aspect = shape[0] / shape[1]
    if min(out) >= 200:
        assert aspect_error(out, aspect) <= 0.01
    if mode == "contain":
        # Some scale s rounds to both sides (a side of 1 px may stand for less).
        low = max((out[0] - 0.5) / width if out[0] > 1 else 0, (out[1] - 0.5) / height
                  if out[1] > 1 else 0)
        high = min((out[0] + 0.5) / width, (out[1] + 0.5) / height)
        assert low <= high + 1e-9


@settings(max_examples=30, deadline=None)
@given(
    st.tuples(st.integers(1, 900), st.integers(1, 900)),
    st.tuples(st.integers(1, 4 * INCH), st.integers(1, 4 * INCH)),
    st.booleans(),
)
@example((900, 601), (2 * INCH, 2 * INCH), False)
@example((900, 601), (3 * INCH, 2 * INCH), True)
def test_shown_size_is_the_size_fit_gives(
    tmp_path: Path, source: tuple[int, int], box: tuple[int, int], small: bool,
) -> None:
    """What a planner learns from `shown_size` is what `fit` embeds, with or without the
    small-file rule."""
    path = tmp_path / f"{source[0]}x{source[1]}.png"
    if not path.exists():
        Image.new("RGB", source, RED).save(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pictures, "SMALL_FILE_BYTES", 10**9 if small else 0)
        shown = pictures.shown_size(path, *box, dpi=100)
        fitted = pictures.fit(path, *box, dpi=100)
    assert (fitted.width, fitted.height) == shown
    assert decoded(fitted.data).size == shown


def test_fit_embeds_at_the_size_it_is_given(tmp_path: Path) -> None:
    path = tmp_path / "foto.jpg"
    photo_image((1200, 900)).save(path, quality=92)
    fitted = pictures.fit(path, 2 * INCH, 2 * INCH, dpi=100, size=(301, 223))
    assert (fitted.width, fitted.height) == (301, 223)
    assert decoded(fitted.data).size == (301, 223)
    with pytest.raises(ValueError, match="at least 1 px"):
        pictures.fit(path, INCH, INCH, size=(0, 5))


@pytest.mark.parametrize("source", [(6007, 4001), (1601, 3001)])
def test_a_picture_read_back_from_a_deck_keeps_its_size_and_bytes(
    tmp_path: Path, source: tuple[int, int]
) -> None:
    """Embedded at its shown size, the picture taken out of the deck and shown in a box
    of its new shape (as a rebuild of an imported deck does) is not resampled again."""
    path = tmp_path / "groot.jpg"
    photo_image(source).save(path, quality=90)
    first = pictures.fit(path, 5 * INCH, 3 * INCH)
    embedded = tmp_path / f"uit-de-dia.{first.extension}"
    embedded.write_bytes(first.data)
    scale = min(5 * INCH / first.width, 3 * INCH / first.height)
    box = (round(first.width * scale), round(first.height * scale))
    assert pictures.shown_size(embedded, *box) == (first.width, first.height)
    assert pictures.fit(embedded, *box).data == first.data


# -- cache -------------------------------------------------------------------------------------


def test_same_picture_twice_is_decoded_once_with_identical_bytes(tmp_path: Path) -> None:
    path = tmp_path / "foto.jpg"
    photo_image((800, 600)).save(path, quality=92)
    pictures.clear_cache()
    before = pictures.cache_info()
    first = pictures.fit(path, 2 * INCH, 2 * INCH)
    second = pictures.fit(path, 2 * INCH, 2 * INCH, "contain", (0.5, 0.5), 220)
    after = pictures.cache_info()
    assert first.data == second.data
    assert after.decodes - before.decodes == 1
    assert (after.hits, after.misses) == (1, 1)
    pictures.clear_cache()
    assert pictures.fit(path, 2 * INCH, 2 * INCH).data == first.data  # deterministic
    # Identical bytes: python-pptx keeps a single image part for both pictures.
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    for left in (0, 3 * INCH):
        slide.shapes.add_picture(io.BytesIO(first.data), Emu(left), Emu(0))
    parts = {rel.target_part.partname for rel in slide.part.rels.values()
             if rel.reltype.endswith("/image")}
    assert len(parts) == 1


def test_changed_file_is_decoded_again(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), RED).save(path)
    first = pictures.fit(path, INCH, INCH)
    Image.new("RGB", (40, 20), BLUE).save(path)  # another size on disk as well
    second = pictures.fit(path, INCH, INCH)
    assert (second.width, second.height) == (40, 20)
    assert second.data != first.data
    assert pictures.inspect(path) == (40, 20)


def test_cache_is_bounded(tmp_path: Path) -> None:
    path = make_png(tmp_path / "klein.png", (200, 100))
    pictures.clear_cache()
    for index in range(pictures.CACHE_SIZE + 3):
        pictures.fit(path, INCH + index, INCH)
    assert pictures.cache_info().entries == pictures.CACHE_SIZE


# -- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("leeg.png", b"", r"empty: leeg\.png"),
        ("tekst.png", b"geen plaatje, wel tekst\n",
         r"tekst\.png is not a PNG, JPEG or GIF picture \(nor WebP, TIFF or BMP\)"),
        ("tekening.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>',
         r"tekening\.svg is an SVG drawing; export it as PNG"),
        ("vermomd.png", b'<?xml version="1.0"?>\n<svg width="10" height="10"></svg>',
         r"vermomd\.png is an SVG drawing; export it as PNG"),
        ("folder.png", b"%PDF-1.7\n", r"folder\.png is a PDF document"),
        ("iphone.heic", b"\0\0\0\x18ftypheic\0\0\0\0", r"iphone\.heic is a HEIC/AVIF"),
    ],
)
def test_unusable_files_are_refused(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    for use in (pictures.inspect, pictures.prepare, lambda p: pictures.fit(p, INCH, INCH)):
        with pytest.raises(pictures.ImageProblem, match=message):
            use(path)


@pytest.mark.parametrize("fmt", ["ICO", "PCX", "TGA"])
def test_other_picture_formats_are_refused(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"ander.{fmt.lower()}"
    Image.new("RGB", (16, 16), RED).save(path, fmt)
    with pytest.raises(pictures.ImageProblem,
                       match=r"ander\.\w+ is not a PNG, JPEG or GIF picture"):
        pictures.inspect(path)


def test_truncated_png_is_refused(tmp_path: Path) -> None:
    whole = tmp_path / "heel.png"
    photo_image((300, 300)).save(whole)
    data = whole.read_bytes()
    broken = tmp_path / "half.png"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(pictures.ImageProblem, match=r"half\.png is damaged or truncated"):
        pictures.inspect(broken)


@pytest.mark.parametrize("use", ["inspect", "prepare", "fit"])
def test_truncated_jpeg_is_refused(tmp_path: Path, use: str) -> None:
    whole = tmp_path / "heel.jpg"
    photo_image((640, 480)).save(whole, quality=90)
    data = whole.read_bytes()
    broken = tmp_path / "kapot.jpg"
    broken.write_bytes(data[: len(data) // 2])
    call: Callable[[Path], object] = (
        (lambda p: pictures.fit(p, INCH, INCH, dpi=50)) if use == "fit" else getattr(pictures, use)
    )
    with pytest.raises(pictures.ImageProblem, match=r"kapot\.jpg is damaged or truncated"):
        call(broken)


def test_missing_picture(tmp_path: Path) -> None:
    with pytest.raises(pictures.ImageProblem, match=r"not found: weg\.png"):
        pictures.inspect(tmp_path / "weg.png")


def test_folder_is_not_a_picture(tmp_path: Path) -> None:
    (tmp_path / "map.png").mkdir()
    with pytest.raises(pictures.ImageProblem, match=r"not a file: map\.png"):
        pictures.fit(tmp_path / "map.png", INCH, INCH)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "enorm.png"
    with path.open("wb") as file:  # sparse: no disk space or time used
        file.truncate(pictures.MAX_FILE_BYTES + 1)
    with pytest.raises(pictures.ImageProblem, match=r"enorm\.png is [\d.]+ MB; the limit is"):
        pictures.inspect(path)


@pytest.mark.parametrize(
    "size",
    [
        (8000, 6000),  # over the module's own limit
        (10_000, 10_000),  # over Pillow's warning limit
        (100_000, 100_000),  # over Pillow's hard limit
    ],
)
def test_decompression_bomb_is_refused(tmp_path: Path, size: tuple[int, int]) -> None:
    path = bomb_png(tmp_path / "bom.png", *size)
    for use in (pictures.inspect, lambda p: pictures.fit(p, INCH, INCH)):
        with pytest.raises(pictures.ImageProblem, match=r"bom\.png has too many pixels"):
            use(path)


def test_a_picture_nearly_the_right_size_goes_in_unchanged(tmp_path: Path) -> None:
    """A clean PNG 10 % larger than needed keeps its bytes; 50 % larger is scaled."""
    path = make_png(tmp_path / "bijna.png", (440, 220))
    box_w = int(400 / 220 * INCH)  # 400 px wide at 220 dpi
    kept = pictures.fit(path, box_w, box_w)
    assert (kept.width, kept.height) == (440, 220)
    assert kept.data == path.read_bytes()
    scaled = pictures.fit(path, int(box_w / 1.5), int(box_w / 1.5))
    assert scaled.width == pytest.approx(440 / 1.65, abs=2)


@pytest.mark.small_original
def test_a_small_clean_file_goes_in_as_it_is(tmp_path: Path) -> None:
    """A clean PNG of a few KB shown at up to half its size keeps its bytes; shown
    smaller still, or with metadata, it is scaled."""
    path = make_png(tmp_path / "klein.png", (800, 400))
    assert path.stat().st_size <= pictures.SMALL_FILE_BYTES
    box = int(500 / 220 * INCH)  # 500 px at 220 dpi: 800 px is 1.6× that
    kept = pictures.fit(path, box, box)
    assert kept.data == path.read_bytes()
    assert (kept.width, kept.height, kept.extension) == (800, 400, "png")
    scaled = pictures.fit(path, box // 2, box // 2)
    assert scaled.width == pytest.approx(250, abs=2)
    tagged = tmp_path / "met-tekst.png"
    info = PngInfo()
    info.add_text("Author", "iemand")
    Image.open(path).save(tagged, pnginfo=info)
    assert pictures.fit(tagged, box, box).data != tagged.read_bytes()


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    position, found = 8, []
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        found.append((kind, data[position + 8:position + 8 + length]))
        position += 12 + length
    return found


def _png(chunks: list[tuple[bytes, bytes]]) -> bytes:
    out = b"\x89PNG\r\n\x1a\n"
    for kind, body in chunks:
        out += struct.pack(">I", len(body)) + kind + body
        out += struct.pack(">I", zlib.crc32(kind + body))
    return out


def test_a_plain_png_is_checked_completely_without_a_full_decode(tmp_path: Path) -> None:
    """Damaged image data is refused even when every chunk's checksum is right."""
    path = make_png(tmp_path / "goed.png", (300, 200))
    assert pictures.inspect(path) == (300, 200)
    chunks = _chunks(path.read_bytes())
    stream = b"".join(body for kind, body in chunks if kind == b"IDAT")
    pixels = bytearray(zlib.decompress(stream))
    pixels[0] = 9  # a filter type that does not exist
    broken = [(k, b) for k, b in chunks if k != b"IDAT"]
    broken.insert(1, (b"IDAT", zlib.compress(bytes(pixels))))
    bad = tmp_path / "kapot.png"
    bad.write_bytes(_png(broken))
    with pytest.raises(pictures.ImageProblem, match=r"kapot\.png is damaged"):
        pictures.inspect(bad)
    short = [(k, b) for k, b in chunks if k != b"IDAT"]
    short.insert(1, (b"IDAT", zlib.compress(bytes(pixels[1:]))[:-4]))
    cut = tmp_path / "kort.png"
    cut.write_bytes(_png(short))
    with pytest.raises(pictures.ImageProblem, match=r"kort\.png is damaged"):
        pictures.inspect(cut)


def _with_stream(chunks: list[tuple[bytes, bytes]], pixels: bytes) -> bytes:
    rebuilt = [(k, b) for k, b in chunks if k != b"IDAT"]
    rebuilt.insert(1, (b"IDAT", zlib.compress(pixels)))
    return _png(rebuilt)


@pytest.mark.parametrize("where", ["first", "second piece", "last"])
def test_a_bad_row_anywhere_in_a_large_plain_png_is_found(tmp_path: Path, where: str) -> None:
    """The image stream is checked a piece at a time; rows across piece ends count too."""
    width, height = 700, 500  # 1.05 MB of RGB rows: several pieces
    path = make_png(tmp_path / "groot.png", (width, height))
    chunks = _chunks(path.read_bytes())
    pixels = bytearray(zlib.decompress(b"".join(b for k, b in chunks if k == b"IDAT")))
    row = 1 + 3 * width
    assert len(pixels) == row * height
    rows = {"first": 0, "second piece": pictures._INFLATE_PIECE // row + 1, "last": height - 1}
    pixels[rows[where] * row] = 7
    bad = tmp_path / "rij.png"
    bad.write_bytes(_with_stream(chunks, bytes(pixels)))
    with pytest.raises(pictures.ImageProblem, match=r"rij\.png is damaged"):
        pictures.inspect(bad)


@pytest.mark.parametrize("rows", [-1, 1])
def test_a_plain_png_with_a_row_too_few_or_too_many_is_refused(tmp_path: Path, rows: int) -> None:
    width, height = 400, 300
    path = make_png(tmp_path / "goed.png", (width, height))
    chunks = _chunks(path.read_bytes())
    pixels = zlib.decompress(b"".join(b for k, b in chunks if k == b"IDAT"))
    row = 1 + 3 * width
    changed = pixels[:-row] if rows < 0 else pixels + pixels[-row:]
    bad = tmp_path / "rijen.png"
    bad.write_bytes(_with_stream(chunks, changed))
    with pytest.raises(pictures.ImageProblem, match=r"rijen\.png is damaged"):
        pictures.inspect(bad)
    same = tmp_path / "zelfde.png"
    same.write_bytes(_with_stream(chunks, pixels))
    assert pictures.inspect(same) == (width, height)


@pytest.mark.small_original
def test_a_png_with_text_metadata_is_not_passed_on(tmp_path: Path) -> None:
    path = make_png(tmp_path / "tekst.png", (200, 100))
    chunks = _chunks(path.read_bytes())
    chunks.insert(1, (b"tEXt", b"Author\x00iemand"))
    tagged = tmp_path / "metadata.png"
    tagged.write_bytes(_png(chunks))
    assert pictures.inspect(tagged) == (200, 100)
    fitted = pictures.fit(tagged, INCH, INCH)
    assert fitted.data != tagged.read_bytes()
    assert b"iemand" not in fitted.data


@pytest.mark.small_original
@pytest.mark.parametrize("interlaced", [False, True])
def test_a_png_without_its_closing_chunk_is_used_and_written_whole(
    tmp_path: Path, interlaced: bool
) -> None:
    # Some writers leave IEND off; every viewer shows such a file. Cut mid-image it is
    # still refused.
    whole = io.BytesIO()
    Image.new("RGB", (88, 31), BLUE).save(whole, "PNG", interlace=interlaced)
    data = whole.getvalue()
    assert data.endswith(b"IEND\xaeB`\x82")
    path = tmp_path / "knop.png"
    path.write_bytes(data[:-12])
    assert pictures.inspect(path) == (88, 31)
    fitted = pictures.fit(path, INCH, INCH)
    assert fitted.data.endswith(b"IEND\xaeB`\x82")
    assert decoded(fitted.data).getpixel((5, 5)) == BLUE
    cut = tmp_path / "half.png"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(pictures.ImageProblem, match="damaged or truncated"):
        pictures.inspect(cut)
