"""deck-builder's per-user cache folder: what a build may remember for the next one.

The folder is the platform's user cache folder (`platformdirs`: on Linux
`$XDG_CACHE_HOME/deck-builder`, by default `~/.cache/deck-builder`). It is used only
while it is private: created with mode 0700, and when it exists already, a real folder
(not a symbolic link) owned by the user and writable by nobody else. Otherwise there
is no cache at all (there is no stand-in in a shared temporary folder, which another
user could create first), and the process says so once on standard error.

Everything in it can be made again, so everything read from it is untrusted input: an
entry that is missing, damaged, too large, a link, from another version or not what
this version writes is simply a miss; and an entry that cannot be written (a full
disk, a read-only folder) is never an error, only said once. Each kind keeps its
CACHE_ENTRIES newest files.

An entry file is one line of JSON saying what it is (FORMAT, its kind, the SHA-256 and
length of what follows), then the value as JSON, which must match that digest and
holds no NaN or infinities.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

CACHE_ENTRIES = 32  # entries of each kind kept; older ones are made again when needed
FORMAT = 2  # bump when the wrapping of entries changes
MAX_ENTRY_BYTES = 4_000_000  # a remembered template check is some tens of kB
_APP = "deck-builder"
_said: set[str] = set()  # what this process has warned about (each said once)


def cache_folder() -> Path | None:
    """deck-builder's per-user cache folder (created private), or None when there is no
    private folder to use; then the reason is said once per process."""
    import platformdirs  # only when something is read from or written to the cache

    try:
        folder = Path(platformdirs.user_cache_dir(_APP, appauthor=False))
    except (OSError, KeyError, RuntimeError):  # no home folder to put it in
        _warn_once("no-home", "no user cache folder (no home folder); building without "
                   "a cache")
        return None
    if not folder.is_absolute():
        _warn_once(f"relative:{folder}", f"the cache folder {folder} is not an absolute "
                   "path (check XDG_CACHE_HOME); building without a cache")
        return None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):  # then it must pass as private
            folder.mkdir(mode=0o700)
    except OSError as exc:
        why = ("a file is in the way" if isinstance(exc, FileExistsError | NotADirectoryError)
               else exc.strerror or str(exc))
        _warn_once(f"create:{folder}", f"cannot create the cache folder {folder} ({why}); "
                   "building without a cache")
        return None
    problem = _not_private(folder)
    if problem is not None:
        _warn_once(f"private:{folder}", f"the cache folder {folder} {problem}, so others "
                   "could change what builds read from it; building without a cache "
                   "(remove it, or make it yours with mode 700)")
        return None
    return folder


def _not_private(folder: Path) -> str | None:
    """Why `folder` is not a private folder of this user, or None when it is."""
    try:
        info = os.lstat(folder)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISLNK(info.st_mode):
        return "is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return "is not a folder"
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:  # Windows: access is by the ACLs of the user's profile
        return None
    if info.st_uid != geteuid():
        return f"belongs to another user (uid {info.st_uid})"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"is writable by others (mode {stat.S_IMODE(info.st_mode):o})"
    return None


def prune(folder: Path, pattern: str, keep: Path) -> None:
    """Remove all but the CACHE_ENTRIES most recently written files matching `pattern`
    (remembered template checks, prepared templates, ...); never `keep`."""
    try:
        entries = sorted(folder.glob(pattern), key=lambda p: p.lstat().st_mtime_ns,
                         reverse=True)
        for old in entries[CACHE_ENTRIES:]:
            if old != keep:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # another process pruned at the same time; the cache is only an optimisation


def entry_path(kind: str, key: str) -> Path | None:
    """Where the entry `key` (a hex digest) of `kind` is kept; None without a cache."""
    folder = cache_folder()
    return None if folder is None else folder / f"{kind}-{key}.json"


def read_entry(path: Path | None) -> Any:
    """The value stored at `path`, or None when there is none (or no cache), or it is
    not an intact entry of this format and kind."""
    if path is None:
        return None
    data = read_file(path, MAX_ENTRY_BYTES)
    if data is None:
        return None
    header, _, payload = data.partition(b"\n")
    try:
        about = json.loads(header, parse_constant=_refuse_constant)
        if (not isinstance(about, dict) or about.get("format") != FORMAT
                or about.get("kind") != _kind(path) or about.get("length") != len(payload)
                or about.get("sha256") != hashlib.sha256(payload).hexdigest()):
            return None
        return json.loads(payload, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):  # damaged, not JSON, NaN or infinite numbers
        return None


def write_entry(path: Path | None, value: Any) -> None:
    """Store `value` (made of what JSON holds, finite numbers only) at `path` atomically
    and prune older entries of its kind; nothing without a cache."""
    if path is None:
        return
    kind = _kind(path)
    try:
        payload = json.dumps(value, ensure_ascii=False, allow_nan=False,
                             separators=(",", ":")).encode()
    except (TypeError, ValueError, RecursionError):  # a value JSON cannot hold
        return
    if len(payload) > MAX_ENTRY_BYTES - 200:
        return  # it would be refused when read
    header = json.dumps({"format": FORMAT, "kind": kind, "length": len(payload),
                         "sha256": hashlib.sha256(payload).hexdigest()}).encode()
    if write_file(path, header + b"\n" + payload):
        prune(path.parent, f"{kind}-*.json", keep=path)


def read_file(path: Path, limit: int) -> bytes | None:
    """The bytes of the cache file at `path`: a regular file, not a symbolic link, of at
    most `limit` bytes; None for anything else or when it cannot be read."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) \
        | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
                return None
            data = stream.read(limit + 1)
    except OSError:
        return None
    return data if len(data) <= limit else None


def write_file(path: Path, data: bytes) -> bool:
    """Write `data` at `path` atomically (a private temporary file beside it, moved into
    place); False when it cannot be written, said once per process."""
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        _warn_once(f"write:{path.parent}", f"cannot write in the cache folder "
                   f"{path.parent} ({exc.strerror or exc}); builds go on without "
                   "remembering their template check")
        return False
    return True


def _kind(path: Path) -> str:
    """The kind of an entry from its name (`<kind>-<key>.json`)."""
    return path.stem.rsplit("-", 1)[0]


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number an entry holds")


def _warn_once(key: str, message: str) -> None:
    """Say `message` on standard error, once per process for each `key`: a cache that
    cannot be used is worth knowing about, never worth stopping a build for."""
    if key in _said:
        return
    _said.add(key)
    with contextlib.suppress(OSError, ValueError):  # no standard error to say it on
        print(f"warning: {message}", file=sys.stderr)
