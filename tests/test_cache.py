"""cache: entries round-trip, damage is a miss, each kind keeps its newest entries."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deck_builder import cache


@pytest.fixture(autouse=True)
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "deck-builder"


def test_an_entry_round_trips(folder: Path) -> None:
    value = (1, ("a", 2.5, None), {"x": (1, 2)}, "é")
    path = cache.entry_path("proef", "abc123")
    assert path.parent == folder
    assert cache.read_entry(path) is None  # nothing yet
    cache.write_entry(path, value)
    assert cache.read_entry(path) == value
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("damage", [b"", b"\xff\xfe rommel", b"\x00" * 16])
def test_a_damaged_entry_reads_as_none(damage: bytes) -> None:
    path = cache.entry_path("proef", "kapot")
    cache.write_entry(path, ("goed",))
    path.write_bytes(damage)
    assert cache.read_entry(path) is None


def test_a_value_marshal_cannot_store_is_not_written() -> None:
    path = cache.entry_path("proef", "object")
    cache.write_entry(path, (object(),))
    assert not path.exists()


def test_each_kind_keeps_its_newest_entries(folder: Path) -> None:
    written = []
    for number in range(cache.CACHE_ENTRIES + 3):
        path = cache.entry_path("een", f"{number:04x}")
        cache.write_entry(path, number)
        os.utime(path, ns=(number * 10**9, number * 10**9))  # a clear order of age
        written.append(path)
    other = cache.entry_path("twee", "0")
    cache.write_entry(other, "ander")
    kept = sorted(folder.glob("een-*.bin"))
    assert len(kept) == cache.CACHE_ENTRIES
    assert written[-1] in kept
    assert written[0] not in kept
    assert cache.read_entry(other) == "ander"


def test_an_unwritable_cache_is_no_error(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "bestand"
    blocked.write_text("geen map")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # a file where the folder should be
    path = cache.entry_path("proef", "x")
    assert path.parent.is_dir()  # the stand-in in the temporary folder
    cache.write_entry(path, 1)
    assert cache.read_entry(path) == 1
