"""Write a presentation to disk atomically and reproducibly.

The deck is serialised in memory with fixed timestamps and permissions (so the same
content gives the same bytes), written to a temporary file in the target folder and
moved into place with os.replace: a failed build never damages an existing deck.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from pptx.opc.serialized import PackageWriter

from deck_builder.errors import DeckError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pptx.opc.package import Part, _Relationships
    from pptx.opc.packuri import PackURI
    from pptx.presentation import Presentation

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


# Parts a build never changes: they come from the template as they are. A batch of decks
# on one template serialises them once (see `to_bytes`'s `unchanged`).
TEMPLATE_PARTS = ("/ppt/slideLayouts/", "/ppt/slideMasters/", "/ppt/theme/")


def to_bytes(
    presentation: Presentation,
    members: dict[str, bytes] | None = None,
    unchanged: dict[str, bytes] | None = None,
) -> bytes:
    """Serialise the presentation into reproducible .pptx bytes.

    The same bytes as `normalise_zip` of python-pptx's own `presentation.save`, but
    each part is compressed once, straight from the package: python-pptx's writer
    decides which parts go in and in what order (`[Content_Types].xml` first, as
    Office writes it), `_add` fixes each entry's timestamp and permissions. `members`,
    when given, receives each member's uncompressed bytes by name. `unchanged` keeps the
    serialised layouts, masters and themes (and their relationships) by name between
    decks made from one template: the build never changes those parts.
    """
    package = presentation.part.package
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        writer = _FixedTimePackageWriter(
            archive, package._rels, tuple(package.iter_parts()), members, unchanged
        )
        writer.write_all()
    return out.getvalue()


class _FixedTimePackageWriter(PackageWriter):
    """python-pptx's PackageWriter, writing into an open zip with fixed entry metadata.

    PackageWriter opens its own zip, stamping entries with the current time; this
    subclass keeps its choice of parts and order and only replaces that physical
    writer (anything with `write(pack_uri, blob)`).
    """

    def __init__(
        self, archive: zipfile.ZipFile, pkg_rels: _Relationships, parts: Sequence[Part],
        members: dict[str, bytes] | None = None,
        unchanged: dict[str, bytes] | None = None,
    ) -> None:
        super().__init__(archive, pkg_rels, parts)  # type: ignore[arg-type]
        self._archive = archive
        self._members = members
        self._unchanged = unchanged
        self._parts_to_write = parts

    def write_all(self) -> None:
        """Write the content types, the package relationships, then every part."""
        self._write_content_types_stream(self)  # type: ignore[arg-type]
        self._write_pkg_rels(self)  # type: ignore[arg-type]
        self._write_parts(self)  # type: ignore[arg-type]

    def _write_parts(self, phys_writer: Any) -> None:
        """Each part and its relationships, as PackageWriter writes them; template parts
        from `unchanged` when it has them."""
        cache = self._unchanged
        for part in self._parts_to_write:
            name = str(part.partname)
            if cache is not None and name.startswith(TEMPLATE_PARTS):
                blob = cache.get(name)
                if blob is None:
                    blob = cache[name] = part.blob
                phys_writer.write(part.partname, blob)
                if part._rels:
                    rels = cache.get(name + "#rels")
                    if rels is None:
                        rels = cache[name + "#rels"] = part.rels.xml
                    phys_writer.write(part.partname.rels_uri, rels)
                continue
            phys_writer.write(part.partname, part.blob)
            if part._rels:
                phys_writer.write(part.partname.rels_uri, part.rels.xml)

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        """The physical-writer call PackageWriter makes for each entry."""
        _add(self._archive, pack_uri.membername, blob)
        if self._members is not None:
            self._members[pack_uri.membername] = blob


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    """Add one entry with a fixed timestamp and permissions."""
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    # Pictures are already compressed; deflating them again only costs time.
    if name.startswith("ppt/media/"):
        info.compress_type = zipfile.ZIP_STORED
    archive.writestr(info, data, compresslevel=6)


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
            _add(target, name, source.read(name))
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
    """A byte count as people read it, in decimal units: 812 B, 152 KB, 6.1 MB."""
    if size < 1000:
        return f"{size} B"
    if round(size / 1000) < 1000:
        return f"{round(size / 1000)} KB"
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
