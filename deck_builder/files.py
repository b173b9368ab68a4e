"""Files written whole or not at all, and sizes as people read them."""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path
from typing import BinaryIO

from deck_builder.errors import DeckError


def write_atomically(data: bytes, target: Path) -> None:
    """Write `data` to `target` via a temporary file in the same folder and os.replace.

    Raises DeckError when the folder cannot be created or written, or the target is
    locked (e.g. open in PowerPoint on Windows); `target` is then left as it was.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DeckError(f"cannot create output folder {target.parent}: {exc.strerror}") from None
    if target.is_dir():
        raise DeckError(f"output path {target} is a folder; give a file name ending in .pptx")
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
