"""Saving: reproducible zip bytes and an atomic write that never damages an old deck."""

from __future__ import annotations

import io
import zipfile

from pptx import Presentation

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
