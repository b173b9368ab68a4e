"""fastslides: the same package as python-pptx's own slide and picture calls, faster.

These tests are the canary of the one module that uses python-pptx's private names:
they fail when python-pptx's internals that fastslides relies on change.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pptx
import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.opc.package import _Relationships
from pptx.oxml.presentation import CT_SlideIdList
from pptx.shapes.shapetree import SlideShapes
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


def test_python_pptx_is_the_version_fastslides_was_made_for() -> None:
    """fastslides depends on python-pptx's internals: a new version must be checked
    against these tests (and the pin in pyproject.toml moved) on purpose."""
    assert pptx.__version__ == "1.0.2"


def test_the_private_names_fastslides_uses_are_there() -> None:
    from pptx.package import Package, _ImageParts
    from pptx.util import lazyproperty

    assert callable(_Relationships._add_relationship)
    assert callable(CT_SlideIdList._add_sldId)
    assert isinstance(CT_SlideIdList._next_id, property)
    assert isinstance(Package.__dict__["_image_parts"], lazyproperty)
    assert callable(_ImageParts.get_or_add_image_part)
    assert callable(_ImageParts.__iter__)
    assert {"_next_shape_id", "_shape_factory"} <= set(dir(SlideShapes))
    presentation = Presentation()
    factory = fastslides.SlideFactory(presentation)
    slide = factory.add_slide(presentation.slide_layouts[1])
    assert slide.shapes._spTree is slide.element.cSld.spTree
    # The index replaced python-pptx's lazily made image-part collection.
    assert isinstance(presentation.part.package._image_parts, _ImageParts)
    assert type(presentation.part.package._image_parts).__name__ == "_IndexedImageParts"


def _slides_deck(ours: bool, template: Path | None = None) -> dict[str, bytes]:
    """Slides of several layouts, some with speaker notes, made by the factory or by
    python-pptx's own calls."""
    presentation = Presentation(str(template) if template else None)
    factory = fastslides.SlideFactory(presentation) if ours else None
    for number in range(9):
        layout = presentation.slide_layouts[number % 4]
        slide = factory.add_slide(layout) if factory else presentation.slides.add_slide(layout)
        if number % 3 == 0:
            notes = factory.notes_slide(slide) if factory else slide.notes_slide
            assert notes.notes_text_frame is not None
            notes.notes_text_frame.text = f"Notitie {number}"
    out = io.BytesIO()
    presentation.save(out)
    return _parts(out.getvalue())


@pytest.mark.parametrize("with_slides", [False, True], ids=["empty", "template-with-slides"])
def test_slides_and_notes_are_python_pptx_s_own(tmp_path: Path, with_slides: bool) -> None:
    template = None
    if with_slides:  # slides and notes slides there already: numbering continues
        first = Presentation()
        for _ in range(2):
            first.slides.add_slide(first.slide_layouts[1]).notes_slide.notes_text_frame.text = "x"
        template = tmp_path / "met-dias.pptx"
        first.save(str(template))
    ours, theirs = _slides_deck(True, template), _slides_deck(False, template)
    assert sorted(ours) == sorted(theirs)
    for name in theirs:
        # Canonical XML: the placeholders are written by ooxml.placeholders, which puts
        # a `p:ph`'s attributes in another order than python-pptx where both are given.
        assert _canonical(ours[name]) == _canonical(theirs[name]), name


def _canonical(data: bytes) -> bytes:
    if not data.startswith(b"<?xml"):
        return data
    return etree.tostring(etree.fromstring(data), method="c14n")


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
