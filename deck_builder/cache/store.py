"""deck-builder's per-user cache folder: what a build may remember for the next one.

The folder is the platform's user cache folder (`platformdirs`: on Linux
`$XDG_CACHE_HOME/deck-builder`, by default `~/.cache/deck-builder`), created private
to the user. Everything in it can be made again: an entry that is missing, damaged,
from another version or not what this version writes is simply a miss, and an entry
that cannot be written is no error. Each kind keeps its CACHE_ENTRIES newest files.

Entries are JSON (safe to read whatever a file holds), wrapped with the kind and the
FORMAT they were written in.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

CACHE_ENTRIES = 32  # entries of each kind kept; older ones are made again when needed
FORMAT = 1  # bump when the wrapping of entries changes
_APP = "deck-builder"


def cache_folder() -> Path:
    """deck-builder's per-user cache folder (created, private), or a writable stand-in:
    a private folder in the system's temporary folder."""
    import platformdirs  # only when something is read from or written to the cache

    for folder in (Path(platformdirs.user_cache_dir(_APP, appauthor=False)),
                   Path(tempfile.gettempdir()) / f"{_APP}-{_user()}"):
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if os.access(folder, os.W_OK):
                return folder
        except OSError:
            continue
    return Path(tempfile.mkdtemp(prefix=f"{_APP}-"))


def prune(folder: Path, pattern: str, keep: Path) -> None:
    """Remove all but the CACHE_ENTRIES most recently written files matching `pattern`
    (remembered template checks, prepared templates, ...); never `keep`."""
    try:
        entries = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime_ns,
                         reverse=True)
        for old in entries[CACHE_ENTRIES:]:
            if old != keep:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # another process pruned at the same time; the cache is only an optimisation


def entry_path(kind: str, key: str) -> Path:
    """Where the entry `key` (a hex digest) of `kind` is kept."""
    return cache_folder() / f"{kind}-{key}.json"


def read_entry(path: Path) -> Any:
    """The value stored at `path`, or None when there is none or it is not an entry of
    this format and kind."""
    try:
        stored = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):  # missing, damaged, not JSON
        return None
    if (not isinstance(stored, dict) or stored.get("format") != FORMAT
            or stored.get("kind") != _kind(path)):
        return None
    return stored.get("value")


def write_entry(path: Path, value: Any) -> None:
    """Store `value` (made of what JSON holds) at `path` atomically and prune older
    entries of its kind."""
    kind = _kind(path)
    try:
        data = json.dumps({"format": FORMAT, "kind": kind, "value": value},
                          ensure_ascii=False, allow_nan=False).encode()
    except (TypeError, ValueError):  # a value JSON cannot hold
        return
    write_file(path, data)
    prune(path.parent, f"{kind}-*.json", keep=path)


def write_file(path: Path, data: bytes) -> bool:
    """Write `data` at `path` atomically; False when it cannot be written."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    return True


def _kind(path: Path) -> str:
    """The kind of an entry from its name (`<kind>-<key>.json`)."""
    return path.stem.rsplit("-", 1)[0]


def _user() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid is not None else os.environ.get("USERNAME", "user")
