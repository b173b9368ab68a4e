"""cache: entries round-trip, damage is a miss, each kind keeps its newest entries."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from deck_builder.cache import store


@pytest.fixture(autouse=True)
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "deck-builder"


def test_an_entry_round_trips(folder: Path) -> None:
    value = [1, ["a", 2.5, None, True], {"x": [1, 2]}, "é", 0.1 + 0.2]
    path = store.entry_path("proef", "abc123")
    assert path.parent == folder
    assert store.read_entry(path) is None  # nothing yet
    store.write_entry(path, value)
    assert store.read_entry(path) == value
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_the_folder_is_private(folder: Path) -> None:
    store.cache_folder()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.parametrize("damage", [
    b"", b"\xff\xfe rommel", b"\x00" * 16, b"[" * 100_000,  # deeper than the parser goes
    b'"just text"', b'{"format": 1, "kind": "ander", "value": 1}',  # another kind's entry
    b'{"format": 0, "kind": "proef", "value": 1}',  # an older format
])
def test_a_damaged_or_foreign_entry_reads_as_none(damage: bytes) -> None:
    path = store.entry_path("proef", "kapot")
    store.write_entry(path, ["goed"])
    path.write_bytes(damage)
    assert store.read_entry(path) is None


def test_a_value_json_cannot_hold_is_not_written() -> None:
    path = store.entry_path("proef", "object")
    store.write_entry(path, [object()])
    assert not path.exists()
    store.write_entry(path, [float("nan")])
    assert not path.exists()


def test_each_kind_keeps_its_newest_entries(folder: Path) -> None:
    written = []
    for number in range(store.CACHE_ENTRIES + 3):
        path = store.entry_path("een", f"{number:04x}")
        store.write_entry(path, number)
        os.utime(path, ns=(number * 10**9, number * 10**9))  # a clear order of age
        written.append(path)
    other = store.entry_path("twee", "0")
    store.write_entry(other, "ander")
    kept = sorted(folder.glob("een-*.json"))
    assert len(kept) == store.CACHE_ENTRIES
    assert written[-1] in kept
    assert written[0] not in kept
    assert store.read_entry(other) == "ander"


def test_an_unwritable_cache_is_no_error(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "bestand"
    blocked.write_text("geen map")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # a file where the folder should be
    path = store.entry_path("proef", "x")
    assert path.parent.is_dir()  # the stand-in in the temporary folder
    store.write_entry(path, 1)
    assert store.read_entry(path) == 1
