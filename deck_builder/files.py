"""Files written whole or not at all, files read only when they are what they claim
(a regular file inside the folder it must be in), and sizes as people read them."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from deck_builder.errors import DeckError

# When this process started (near enough: this module is imported before any write). A
# temporary file of ours older than that was left by a process that was killed while
# writing (SIGKILL, a power cut), never by one still writing: see `write_atomically`.
_STARTED = time.time()


class NotRegularFile(OSError):
    """The path names a folder, a pipe, a device or a socket, not a file's bytes."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: not a regular file")
        self.filename = str(path)
        self.strerror = "not a regular file (a folder, pipe or device cannot be read)"


class FileTooLarge(OSError):
    """The file holds more than the reader's limit; `size` is what it holds (at least)."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(f"{path}: {human_size(size)}, more than {human_size(limit)}")
        self.filename, self.size, self.limit = str(path), size, limit
        self.strerror = f"file is {human_size(size)}; the limit is {human_size(limit)}"


def contained(root: Path, path: Path) -> Path | None:
    """`path` with every symbolic link followed, when that lies inside `root` (itself
    resolved); None when it leads out. A path that does not exist yet is resolved as far
    as it does, so a missing file is reported as missing by whoever reads it.
    """
    try:
        real_root = root.resolve(strict=True)
    except (OSError, RuntimeError):
        real_root = root.resolve()
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a loop of links: the read reports it
        real = Path(os.path.realpath(path))
    return real if real.is_relative_to(real_root) else None


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path` (links followed).

    Refuses a folder, pipe, device or socket before reading (NotRegularFile: opening a
    pipe does not wait for a writer, reading /dev/zero never ends), and a file holding
    more than `limit` bytes (FileTooLarge), whatever its size said when it was opened.
    Raises OSError as `open` does otherwise.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path)
        if limit is not None and info.st_size > limit:
            raise FileTooLarge(path, info.st_size, limit)
        data = stream.read() if limit is None else stream.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise FileTooLarge(path, len(data), limit)
    return data


def _holds(path: Path, data: bytes, chunk: int = 1 << 20) -> bool:
    """Whether the file at `path` holds exactly `data` (read in chunks, not whole)."""
    expected = memoryview(data)
    with open(path, "rb") as stream:
        for start in range(0, len(data), chunk):
            if stream.read(chunk) != expected[start:start + chunk]:
                return False
        return stream.read(1) == b""


def regular_file(path: Path) -> bool:
    """Whether `path` (links followed) is a regular file; never blocks or reads."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def write_atomically(data: bytes, target: Path) -> None:
    """Write `data` to `target` via a temporary file in the same folder and os.replace.

    The temporary file is read back before it replaces `target`: what lands on disk is
    what was built and checked, byte for byte. Raises DeckError when the folder cannot
    be created or written, the file read back differs, or the target is locked (e.g.
    open in PowerPoint on Windows); `target` is then left as it was.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DeckError(f"cannot create output folder {target.parent}: {exc.strerror}") from None
    if target.is_dir():
        raise DeckError(f"output path {target} is a folder; give a file name ending in .pptx")
    _remove_leftovers(target)
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
    except OSError as exc:
        raise DeckError(
            f"cannot write in {target.parent}: {exc.strerror or exc}"
        ) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if not _holds(temp, data):
            raise DeckError(
                f"cannot write {target}: the file read back is not what was written (a "
                "failing disk, or another program writing to it); the old file is kept"
            )
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except PermissionError:
        temp.unlink(missing_ok=True)
        raise DeckError(
            f"cannot write {target}: permission denied (is the file open in PowerPoint?)"
        ) from None
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise DeckError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_folder(files: dict[str, bytes], folder: Path, replace: bool = False,
                 check: Callable[[Path], None] | None = None) -> None:
    """Write `files` (path inside the folder → bytes) as the folder `folder`, whole or
    not at all: into a temporary folder beside it, `check`ed there (it raises to stop),
    then moved into place. An existing folder with files in it is replaced only with
    `replace` (and then only once the new one is complete); an empty one is taken over.

    Raises DeckError when the folder cannot be written, or a file has its name; the
    caller says beforehand whether an existing folder may be replaced.
    """
    parent = folder.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".new", dir=parent))
        # mkdtemp makes the folder private; a content folder is as any other folder.
        mask = os.umask(0o022)
        os.umask(mask)
        os.chmod(staging, 0o777 & ~mask)
    except OSError as exc:
        raise DeckError(f"cannot create {folder}: {exc.strerror or exc}") from None
    old: Path | None = None
    try:
        for name, data in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if check is not None:
            check(staging)
        if folder.is_dir() and any(folder.iterdir()):
            if not replace:
                raise DeckError(f"{folder}: exists already and is not empty; nothing was "
                                "written")
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=parent))
            os.replace(folder, old / "content")
        elif folder.is_dir():
            folder.rmdir()
        elif folder.exists():
            raise DeckError(f"{folder}: a file of that name exists; nothing was written")
        os.replace(staging, folder)
    except OSError as exc:
        raise DeckError(f"cannot write {folder}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def human_size(size: int) -> str:
    """A byte count as people read it, in decimal (SI) units, as `--max-size` reads
    them: 812 B, 152 kB, 6.1 MB. Every size in a message is written by this."""
    if size < 1000:
        return f"{size} B"
    if round(size / 1000) < 1000:
        return f"{round(size / 1000)} kB"
    if size < 999_950_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{size / 1_000_000_000:.1f} GB"


def largest_members(path: Path | BinaryIO, count: int = 3) -> list[tuple[str, int]]:
    """The `count` largest members of a zip (a .pptx) by stored size; [] if not a zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (OSError, zipfile.BadZipFile):
        return []
    infos.sort(key=lambda info: (-info.compress_size, info.filename))
    return [(info.filename, info.compress_size) for info in infos[:count]]


def _remove_leftovers(target: Path) -> None:
    """Remove the temporary files (`.<name>.*.part`) that an earlier write of `target`
    left when it was killed; ones made since this process started may be another
    process's write in progress and are left alone."""
    for leftover in target.parent.glob(f".{target.name}.*.part"):
        try:
            if leftover.is_file() and leftover.stat().st_mtime < _STARTED:
                leftover.unlink()
        except OSError:
            continue  # gone meanwhile, or not ours to remove: the write goes on
