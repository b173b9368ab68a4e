"""spares: a copy of one parse is a fresh parse, before and after a deck is drawn on it.

The canary of copying python-pptx's object graph: these fail when python-pptx keeps
state that a deep copy does not carry over, or that copies would share.
"""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from deck_builder.ooxml import package
from deck_builder.render import fastslides, spares
from tests.conftest import TEMPLATE_DIR

PACKAGE = (TEMPLATE_DIR / "template.pptx").read_bytes()


def _fresh(notes: bool) -> bytes:
    presentation = Presentation(io.BytesIO(PACKAGE))
    if notes:
        presentation.part.notes_master_part  # noqa: B018 - made on first access
    return package.to_bytes(presentation)


def _draw(presentation: object) -> None:
    """Slides of every layout, with notes and a picture the template also has."""
    factory = fastslides.SlideFactory(presentation)  # type: ignore[arg-type]
    media = next(part for part in presentation.part.package.iter_parts()  # type: ignore[attr-defined]
                 if str(part.partname).startswith("/ppt/media/"))
    for layout in presentation.slide_layouts:  # type: ignore[attr-defined]
        slide = factory.add_slide(layout)
        notes = factory.notes_slide(slide).notes_text_frame
        assert notes is not None
        notes.text = layout.name
        fastslides.add_picture(slide, media.blob, media.partname.ext, 0, 0, 100, 100)
    presentation.core_properties.title = "Getekend"  # type: ignore[attr-defined]


@pytest.mark.parametrize("notes", [False, True])
def test_a_copy_is_a_fresh_parse(notes: bool) -> None:
    made = spares.Spares(PACKAGE)
    assert package.to_bytes(made.presentation(notes)) == _fresh(notes)


@pytest.mark.parametrize("notes", [False, True])
def test_drawing_on_a_copy_changes_neither_the_spare_nor_the_next_copy(notes: bool) -> None:
    made = spares.Spares(PACKAGE)
    first = made.presentation(notes)
    _draw(first)
    second = made.presentation(notes)
    assert package.to_bytes(second) == _fresh(notes)
    drawn_on_fresh = Presentation(io.BytesIO(PACKAGE))
    if notes:
        drawn_on_fresh.part.notes_master_part  # noqa: B018 - made on first access
    _draw(drawn_on_fresh)
    _draw(second)
    assert package.to_bytes(second) == package.to_bytes(first) == package.to_bytes(drawn_on_fresh)


def test_only_the_parts_no_build_changes_are_shared() -> None:
    made = spares.Spares(PACKAGE)
    one, two = made.presentation(True), made.presentation(True)
    parts_one = {str(p.partname): p for p in one.part.package.iter_parts()}
    parts_two = {str(p.partname): p for p in two.part.package.iter_parts()}
    assert parts_one.keys() == parts_two.keys()
    assert any(name.startswith("/ppt/slideLayouts/") for name in parts_one)
    for name, part in parts_one.items():
        shared = name.startswith(spares.SHARED_PARTS)
        assert (part is parts_two[name]) == shared, name
    assert one.part.package is not two.part.package
