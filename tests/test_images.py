"""Pictures: fully decoded, upright, stripped of metadata, scaled down, refused clearly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from deck_builder import images
from tests.conftest import make_png


def test_png_keeps_its_size_and_format(tmp_path: Path) -> None:
    path = make_png(tmp_path / "a.png", (120, 80))
    prepared = images.prepare(path)
    assert (prepared.width, prepared.height) == (120, 80)
    assert images.inspect(path) == (120, 80)
    assert prepared.extension == "png"
    with Image.open(io.BytesIO(prepared.data)) as image:
        assert image.format == "PNG"
        assert image.size == (120, 80)


def test_transparency_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    Image.new("RGBA", (50, 50), (255, 0, 0, 0)).save(path)
    with Image.open(io.BytesIO(images.prepare(path).data)) as image:
        assert image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0


def test_photo_stays_jpeg_without_metadata(tmp_path: Path) -> None:
    path = tmp_path / "foto.jpg"
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {2: (52.0, 22.0, 0.0)}  # GPS latitude
    Image.new("RGB", (64, 48), "green").save(path, "JPEG", exif=exif.tobytes())
    prepared = images.prepare(path)
    assert prepared.extension == "jpg"
    with Image.open(io.BytesIO(prepared.data)) as image:
        assert image.format == "JPEG"
        assert len(image.getexif()) == 0
        assert "exif" not in image.info


def test_exif_rotation_is_applied(tmp_path: Path) -> None:
    # Stored landscape, but the camera says "rotate 90°": shown as portrait.
    path = tmp_path / "staand.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 CW
    Image.new("RGB", (80, 40), "blue").save(path, "JPEG", exif=exif.tobytes())
    assert images.inspect(path) == (40, 80)


def test_large_picture_is_scaled_down(tmp_path: Path) -> None:
    path = make_png(tmp_path / "groot.png", (5000, 1000))
    prepared = images.prepare(path)
    assert max(prepared.width, prepared.height) <= 2560
    assert prepared.width / prepared.height == pytest.approx(5.0, rel=0.01)


def test_gif_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "a.gif"
    Image.new("P", (30, 20)).save(path, "GIF")
    assert images.inspect(path) == (30, 20)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("leeg.png", b"", "empty"),
        ("tekst.png", b"geen plaatje", "not a PNG, JPEG or GIF"),
        ("plaatje.bmp", None, "not a PNG, JPEG or GIF"),
    ],
)
def test_unusable_files_are_refused(
    tmp_path: Path, name: str, data: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if data is None:
        Image.new("RGB", (10, 10)).save(path, "BMP")
    else:
        path.write_bytes(data)
    with pytest.raises(images.ImageProblem, match=message):
        images.inspect(path)


def test_truncated_png_is_refused(tmp_path: Path) -> None:
    whole = make_png(tmp_path / "heel.png", (300, 300), "#123456")
    data = whole.read_bytes()
    broken = tmp_path / "half.png"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(images.ImageProblem, match="damaged or truncated"):
        images.inspect(broken)


def test_missing_picture(tmp_path: Path) -> None:
    with pytest.raises(images.ImageProblem, match=r"not found: weg\.png"):
        images.inspect(tmp_path / "weg.png")


def test_too_many_pixels(tmp_path: Path) -> None:
    path = tmp_path / "bom.png"
    Image.new("1", (8000, 6000)).save(path, "PNG")
    with pytest.raises(images.ImageProblem, match="too many pixels"):
        images.inspect(path)
