"""fastslides: the same package as python-pptx's own slide and picture calls, faster."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from deck_builder.checks.package import check_package
from deck_builder.render import fastslides

BOX = (Emu(914400), Emu(457200), Emu(1828800), Emu(1371600))


def _picture_bytes(kind: str, colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "PNG" if kind == "png" else "JPEG")
    return buffer.getvalue()


def _deck(pictures: list[tuple[bytes, str]], ours: bool) -> bytes:
    presentation = Presentation()
    factory = fastslides.SlideFactory(presentation)
    for blob, ext in pictures:
        slide = factory.add_slide(presentation.slide_layouts[6])
        if ours:
            fastslides.add_picture(slide, blob, ext, *BOX)
        else:
            slide.shapes.add_picture(io.BytesIO(blob), *BOX)
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("kinds", [["png"], ["jpg"], ["png", "jpg", "png"]])
def test_add_picture_writes_what_python_pptx_writes(kinds: list[str]) -> None:
    colours = [(200, 30, 30), (30, 200, 30), (200, 30, 30)]  # the third repeats the first
    pictures = [(_picture_bytes(kind, colour), kind) for kind, colour in
                zip(kinds, colours[:len(kinds)], strict=True)]
    ours, theirs = _parts(_deck(pictures, True)), _parts(_deck(pictures, False))
    assert sorted(ours) == sorted(theirs)
    for name in theirs:
        assert ours[name] == theirs[name], name
    assert check_package(_deck(pictures, True)) == []


def test_the_same_picture_twice_is_stored_once() -> None:
    blob = _picture_bytes("png", (10, 20, 30))
    parts = _parts(_deck([(blob, "png"), (blob, "png")], True))
    media = [name for name in parts if name.startswith("ppt/media/")]
    assert media == ["ppt/media/image1.png"]


def test_add_picture_does_not_open_the_picture(monkeypatch: pytest.MonkeyPatch) -> None:
    """The format and size are given, so Pillow is never asked (its plugins stay unloaded)."""
    import PIL.Image

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the picture was opened with Pillow")

    monkeypatch.setattr(PIL.Image, "open", refuse)
    data = _deck([(_picture_bytes("png", (1, 2, 3)), "png")], True)
    assert "ppt/media/image1.png" in _parts(data)


def test_a_picture_on_a_template_with_pictures_takes_the_next_free_number(
    tmp_path: Path,
) -> None:
    first = Presentation()
    slide = first.slides.add_slide(first.slide_layouts[6])
    slide.shapes.add_picture(io.BytesIO(_picture_bytes("png", (5, 5, 5))), *BOX)
    path = tmp_path / "met-plaatje.pptx"
    first.save(path)
    presentation = Presentation(str(path))
    factory = fastslides.SlideFactory(presentation)
    added = factory.add_slide(presentation.slide_layouts[6])
    fastslides.add_picture(added, _picture_bytes("jpg", (9, 9, 9)), "jpg", *BOX)
    out = io.BytesIO()
    presentation.save(out)
    names = sorted(name for name in _parts(out.getvalue()) if name.startswith("ppt/media/"))
    assert names == ["ppt/media/image1.png", "ppt/media/image2.jpg"]
    assert check_package(out.getvalue()) == []
