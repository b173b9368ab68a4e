"""Saving: reproducible zip bytes and an atomic write that never damages an old deck."""

from __future__ import annotations

import io
import zipfile

import pytest
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI

from deck_builder.ooxml import package
from tests.conftest import BuiltDeck


def test_to_bytes_is_reproducible(kitchen_deck: BuiltDeck) -> None:
    once = package.to_bytes(Presentation(str(kitchen_deck.path)))
    again = package.to_bytes(Presentation(str(kitchen_deck.path)))
    assert once == again
    assert Presentation(io.BytesIO(once)).slides[0] is not None


def test_every_entry_has_the_fixed_time_mode_and_system(kitchen_deck: BuiltDeck) -> None:
    members: dict[str, bytes] = {}
    data = package.to_bytes(Presentation(str(kitchen_deck.path)), members)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        assert infos[0].filename == "[Content_Types].xml"
        assert sorted(members) == sorted(info.filename for info in infos)
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.external_attr == 0o644 << 16
            assert info.create_system == 3
            assert archive.read(info) == members[info.filename]
            stored = info.filename.startswith("ppt/media/")
            assert info.compress_type == (zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)


def test_the_parts_are_python_pptx_s_own(kitchen_deck: BuiltDeck) -> None:
    """Repacking changes how members are stored, never which or what they are."""
    prs = Presentation(str(kitchen_deck.path))
    saved = io.BytesIO()
    prs.save(saved)
    with zipfile.ZipFile(saved) as theirs, \
            zipfile.ZipFile(io.BytesIO(package.to_bytes(prs))) as ours:
        assert ours.namelist() == theirs.namelist()
        assert all(ours.read(name) == theirs.read(name) for name in theirs.namelist())


@pytest.mark.slow
def test_a_package_of_more_than_65535_members_is_written_as_zip64() -> None:
    # A deck of some 33,000 slides has that many members (a slide and its relationships
    # each); past 65,535 the zip directory needs ZIP64 records. Pictures (three levels
    # deep, so that python-pptx relates each one cheaply) stand in for the slides.
    prs = Presentation()
    owner = prs.part.package
    count = 0

    def picture() -> Part:
        nonlocal count
        count += 1
        return Part(PackURI(f"/ppt/media/image{count}.png"), "image/png", owner, b"png")

    for _ in range(40):
        first = picture()
        prs.part.relate_to(first, RT.IMAGE)
        for _ in range(40):
            second = picture()
            first.relate_to(second, RT.IMAGE)
            for _ in range(41):
                second.relate_to(picture(), RT.IMAGE)
    data = package.to_bytes(prs)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert archive.testzip() is None
    assert len(names) > 65535
    assert len(names) == len(set(names))
    assert b"PK\x06\x06" in data[-200:]  # the ZIP64 end of central directory record
    assert sum(name.endswith(".png") for name in names) == count
