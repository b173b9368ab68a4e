"""deck-builder's per-user cache folder: what a build may remember for the next one.

Prepared copies of templates, remembered template checks and measured font advances
live here. Everything in it can be made again: an entry that is missing, damaged or
from another version is simply a miss, and an entry that cannot be written is no
error. Each kind keeps its CACHE_ENTRIES newest files.

Entries are stored with `marshal` (built into the interpreter, so nothing to import):
plain tuples, dicts, strings and numbers only.
"""

from __future__ import annotations

import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

CACHE_ENTRIES = 32  # entries of each kind kept; older ones are made again when needed
# marshal's format may change between Python versions: each version has its own entries.
_PYTHON = f"py{sys.version_info[0]}{sys.version_info[1]}"


def cache_folder() -> Path:
    """deck-builder's per-user cache folder (created, private), or a writable stand-in.

    `$XDG_CACHE_HOME/deck-builder` (default `~/.cache/deck-builder`), else a private
    folder in the system's temporary folder.
    """
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    for folder in (Path(base) / "deck-builder",
                   Path(tempfile.gettempdir()) / f"deck-builder-{_user()}"):
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if os.access(folder, os.W_OK):
                return folder
        except OSError:
            continue
    return Path(tempfile.mkdtemp(prefix="deck-builder-"))


def prune(folder: Path, pattern: str, keep: Path) -> None:
    """Remove all but the CACHE_ENTRIES most recently written files matching `pattern`
    (prepared templates, remembered template checks, ...); never `keep`."""
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
    return cache_folder() / f"{kind}-{_PYTHON}-{key}.bin"


def read_entry(path: Path) -> Any:
    """The value stored at `path`, or None when there is none or it cannot be read."""
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):  # missing, damaged or foreign
        return None


def write_entry(path: Path, value: Any) -> None:
    """Store `value` at `path` atomically and prune older entries of its kind."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(marshal.dumps(value))
        os.replace(temporary, path)
    except (OSError, ValueError):  # unwritable, or a value marshal cannot store
        temporary.unlink(missing_ok=True)
        return
    kind = path.name.split(f"-{_PYTHON}-", 1)[0]
    prune(path.parent, f"{kind}-*.bin", keep=path)


def _user() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid is not None else os.environ.get("USERNAME", "user")
