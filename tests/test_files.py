"""files: a file is written whole or not at all, and leftovers of killed writes go."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from deck_builder import files
from deck_builder.errors import DeckError
from tests.conftest import unwritable_folder


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


def test_a_killed_writes_leftover_goes_with_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    stale = tmp_path / ".deck.pptx.abc123.part"
    stale.write_bytes(b"half a deck")
    long_ago = 946_684_800.0  # 2000-01-01: made long before this process started
    os.utime(stale, (long_ago, long_ago))
    other = tmp_path / ".ander.pptx.abc123.part"  # another output's: not ours to judge
    other.write_bytes(b"x")
    os.utime(other, (long_ago, long_ago))
    files.write_atomically(b"nieuw", target)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".ander.pptx.abc123.part",
                                                          "deck.pptx"]


def test_a_write_in_progress_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    busy = tmp_path / ".deck.pptx.xyz789.part"  # made since this process started
    busy.write_bytes(b"being written")
    files.write_atomically(b"nieuw", target)
    assert busy.read_bytes() == b"being written"


@pytest.mark.parametrize("scribble", [
    lambda fd: os.pwrite(fd, b"X", 0),  # a changed byte
    lambda fd: os.ftruncate(fd, 3),  # cut short
    lambda fd: os.pwrite(fd, b"meer", os.fstat(fd).st_size),  # more than was written
])
def test_a_file_that_reads_back_differently_is_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scribble: Callable[[int], object]
) -> None:
    """What is written is read back before it replaces the old file: another program
    (or a failing disk) changing it in between is caught, and the old file stays."""
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"oud en goed")
    real_fsync = os.fsync

    def fsync_after_scribbling(fd: int) -> None:
        scribble(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_after_scribbling)
    with pytest.raises(DeckError, match=r"the file read back is not what was written"):
        files.write_atomically(b"nieuw en langer dan een blok" * 100_000, target)
    assert target.read_bytes() == b"oud en goed"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]
