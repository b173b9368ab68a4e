"""Serialise a presentation reproducibly: fixed zip timestamps and permissions, so the
same content gives the same bytes.

python-pptx decides which parts go into a package and writes them (`Presentation.save`),
but stamps each zip entry with the current time. The archive it writes is therefore
repacked here with the standard library's `zipfile`, member by member in the same
order, with a fixed time, mode 644 and the same compression for every build.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pptx.presentation import Presentation

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_UNIX = 3  # the "made by" system of every entry, so that Windows writes the same bytes
_CONTENT_TYPES = "[Content_Types].xml"


def to_bytes(presentation: Presentation, members: dict[str, bytes] | None = None) -> bytes:
    """Serialise the presentation into reproducible .pptx bytes.

    `members`, when given, receives each member's uncompressed bytes by name (what a
    package check would otherwise inflate again).
    """
    written = io.BytesIO()
    presentation.save(written)
    return normalise_zip(written.getvalue(), members)


def normalise_zip(data: bytes, members: dict[str, bytes] | None = None) -> bytes:
    """Repack a zip with fixed timestamps and permissions, keeping the member order.

    `[Content_Types].xml` goes first, as Office writes it. XML is deflated at level 6;
    pictures (`ppt/media/`), already compressed, are stored. `members` as in `to_bytes`.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        names.sort(key=lambda name: name != _CONTENT_TYPES)
        for name in names:
            content = source.read(name)
            target.writestr(_entry(name), content, compresslevel=6)
            if members is not None:
                members[name] = content
    return out.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    """The zip entry of a member: a fixed time, mode 644, stored if a picture."""
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.external_attr = 0o644 << 16
    info.create_system = _UNIX
    # Pictures are already compressed; deflating them again only costs time.
    info.compress_type = (zipfile.ZIP_STORED if name.startswith("ppt/media/")
                          else zipfile.ZIP_DEFLATED)
    return info
