"""cache: entries round-trip, damage is a miss, each kind keeps its newest entries; only
a private folder is used, and a cache that cannot be written never fails anything."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from deck_builder.cache import store
from tests.conftest import subprocess_env


@pytest.fixture(autouse=True)
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(store, "_said", set())  # each test sees its own warnings
    return tmp_path / "xdg" / "deck-builder"


def entry_file(kind: str, payload: bytes, **header: object) -> bytes:
    """An entry file as `write_entry` writes one, around any payload (header fields
    may be overridden)."""
    about = {"format": store.FORMAT, "kind": kind, "length": len(payload),
             "sha256": hashlib.sha256(payload).hexdigest(), **header}
    return json.dumps(about).encode() + b"\n" + payload


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
    b'"just text"', b'{"format": 1, "kind": "proef", "value": ["goed"]}',  # the old wrapping
    entry_file("ander", b'["goed"]'),  # another kind's entry
    entry_file("proef", b'["goed"]', format=store.FORMAT - 1),  # an older format
    entry_file("proef", b'["goed"]', sha256="0" * 64),  # not what its digest says
    entry_file("proef", b'["goed"]')[:-1],  # cut short
    entry_file("proef", b'["goed"]') + b" ",  # longer than it says
    entry_file("proef", b"[NaN]"), entry_file("proef", b"[-Infinity]"),  # not numbers
    entry_file("proef", b"[" * 100_000),  # intact, and deeper than the parser goes
    entry_file("proef", b"1" * 5000),  # more digits than Python reads as a number
    entry_file("proef", b'"' + b"x" * store.MAX_ENTRY_BYTES + b'"'),  # too large to read
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


def test_an_entry_that_is_not_a_regular_file_is_a_miss(tmp_path: Path) -> None:
    path = store.entry_path("proef", "link")
    assert path is not None
    elsewhere = tmp_path / "elders.json"
    elsewhere.write_bytes(entry_file("proef", b'"van elders"'))
    path.symlink_to(elsewhere)  # a link, even to an intact entry
    assert store.read_entry(path) is None
    path.unlink()
    os.mkfifo(path)  # a pipe: refused without waiting for a writer
    assert store.read_entry(path) is None


def _no_cache(capsys: pytest.CaptureFixture[str], reason: str) -> None:
    """There is no cache, and the reason was said once (however often it is asked)."""
    for _ in range(3):
        path = store.entry_path("proef", "x")
        assert path is None
        store.write_entry(path, 1)
        assert store.read_entry(path) is None
    warnings = capsys.readouterr().err.splitlines()
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith("warning: the cache folder ")
    assert reason in warnings[0]
    assert warnings[0].endswith("building without a cache (remove it, or make it yours "
                                "with mode 700)")


def test_a_folder_others_may_write_in_is_not_used(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder.mkdir(parents=True)
    folder.chmod(0o770)
    _no_cache(capsys, "is writable by others (mode 770)")
    folder.chmod(0o707)
    store._said.clear()
    _no_cache(capsys, "is writable by others (mode 707)")


def test_a_folder_that_is_a_link_is_not_used(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = tmp_path / "echt"
    real.mkdir(mode=0o700)
    folder.parent.mkdir(parents=True)
    folder.symlink_to(real)  # private and ours, but someone may point it elsewhere later
    _no_cache(capsys, "is a symbolic link")
    assert list(real.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a folder to another user needs root")
def test_a_folder_of_another_user_is_not_used(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import pwd

    folder.mkdir(parents=True, mode=0o700)
    nobody = pwd.getpwnam("nobody")
    os.chown(folder, nobody.pw_uid, nobody.pw_gid)  # as another user would create it first
    _no_cache(capsys, f"belongs to another user (uid {nobody.pw_uid})")


def test_there_is_no_stand_in_in_the_temporary_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Another user could create a predictable /tmp/deck-builder-<uid> first."""
    shared = tmp_path / "gedeeld"
    shared.mkdir()
    monkeypatch.setenv("TMPDIR", str(shared))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    blocked = tmp_path / "bestand"
    blocked.write_text("geen map")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # a file where the folder should be
    for _ in range(2):
        path = store.entry_path("proef", "x")
        assert path is None
        store.write_entry(path, 1)
    assert list(shared.iterdir()) == []
    (warning,) = capsys.readouterr().err.splitlines()
    assert warning.startswith(f"warning: cannot create the cache folder {blocked}")
    assert "(a file is in the way)" in warning
    assert warning.endswith("; building without a cache")


def _limited(script: str, tmp_path: Path, limit: int = 0) -> subprocess.CompletedProcess[str]:
    """Run `script` in a fresh Python whose files may not grow past `limit` bytes (as
    on a full disk: every write fails with EFBIG); pipes are not limited."""
    env = {**subprocess_env(), "XDG_CACHE_HOME": str(tmp_path / "xdg"),
           "PYTHONDONTWRITEBYTECODE": "1"}
    preamble = f"import resource; resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
    return subprocess.run([sys.executable, "-c", preamble + textwrap.dedent(script)],
                          env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, check=False)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="file size limits are POSIX")
def test_a_full_disk_is_said_once_and_fails_nothing(folder: Path, tmp_path: Path) -> None:
    run = _limited("""
        from deck_builder.cache import store
        for number in range(3):
            path = store.entry_path("proef", str(number))
            store.write_entry(path, list(range(1000)))
            assert store.read_entry(path) is None
        print("klaar")
    """, tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "klaar\n"
    (warning,) = run.stderr.splitlines()
    assert warning.startswith(
        f"warning: cannot write in the cache folder {folder} (File too large)")
    assert [p.name for p in folder.iterdir()] == []  # no temporary file left behind
