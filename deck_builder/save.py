"""Write a presentation to disk atomically and reproducibly.

The deck is serialised in memory, repacked with fixed timestamps (so the same content
gives the same bytes), written to a temporary file in the target folder and moved
into place with os.replace: a failed build never damages an existing deck.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from deck_builder.errors import DeckError

if TYPE_CHECKING:
    from pptx.presentation import Presentation

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def to_bytes(presentation: Presentation) -> bytes:
    """Serialise the presentation into reproducible .pptx bytes."""
    raw = io.BytesIO()
    presentation.save(raw)
    return normalise_zip(raw.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Repack a zip with fixed timestamps and permissions, keeping the member order.

    `[Content_Types].xml` goes first, as Office writes it.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as target:
        names = source.namelist()
        names.sort(key=lambda name: name != "[Content_Types].xml")
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            # Pictures are already compressed; deflating them again only costs time.
            if name.startswith("ppt/media/"):
                info.compress_type = zipfile.ZIP_STORED
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()


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
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent
    )
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
