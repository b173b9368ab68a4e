"""Saving: reproducible zip bytes and an atomic write that never damages an old deck."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation

from deck_builder import files
from deck_builder.errors import DeckError
from deck_builder.ooxml import package
from tests.conftest import BuiltDeck, unwritable_folder


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


def test_write_creates_folders_and_the_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "deck.pptx"
    files.write_atomically(b"nieuw", target)
    assert target.read_bytes() == b"nieuw"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert sorted(p.name for p in target.parent.iterdir()) == ["deck.pptx"]


def test_write_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"oud")
    files.write_atomically(b"nieuw", target)
    assert target.read_bytes() == b"nieuw"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def raising(error: BaseException) -> Callable[..., None]:
    """A stand-in for an os function that fails with `error`."""

    def fail(*args: object) -> None:
        raise error

    return fail


@pytest.mark.parametrize(
    ("os_function", "error", "raised", "match"),
    [
        # A file open in PowerPoint on Windows: replacing it fails with PermissionError.
        pytest.param(
            "replace", PermissionError(13, "Permission denied"), DeckError, "permission denied",
            id="locked_target",
        ),
        pytest.param(
            "fsync", OSError(28, "No space left on device"), DeckError, "No space left",
            id="disk_full",
        ),
        pytest.param("fsync", KeyboardInterrupt(), KeyboardInterrupt, None, id="interrupt"),
    ],
)
def test_failed_write_keeps_the_old_file_and_no_temp(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    os_function: str,
    error: BaseException,
    raised: type[BaseException],
    match: str | None,
) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"oud en goed")
    monkeypatch.setattr(os, os_function, raising(error))
    with pytest.raises(raised, match=match):
        files.write_atomically(b"nieuw", target)
    assert target.read_bytes() == b"oud en goed"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_target_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "deck.pptx").mkdir()
    with pytest.raises(DeckError, match="folder"):
        files.write_atomically(b"x", tmp_path / "deck.pptx")


def test_parent_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bestand").write_text("x")
    with pytest.raises(DeckError, match="cannot create output folder"):
        files.write_atomically(b"x", tmp_path / "bestand" / "deck.pptx")


def test_unwritable_folder_is_a_clean_error(tmp_path: Path) -> None:
    folder = unwritable_folder(tmp_path)
    with pytest.raises(DeckError, match="cannot write"):
        files.write_atomically(b"x", folder / "deck.pptx")
