"""Serialise a presentation reproducibly: fixed zip timestamps and permissions, so the
same content gives the same bytes."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import TYPE_CHECKING, Any, NamedTuple

from pptx.opc.serialized import PackageWriter

from deck_builder.errors import DeckError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pptx.opc.package import Part, _Relationships
    from pptx.opc.packuri import PackURI
    from pptx.presentation import Presentation

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


# Parts a build never changes: they come from the template as they are. A batch of decks
# on one template serialises and compresses them once (see `to_bytes`'s `unchanged`).
TEMPLATE_PARTS = ("/ppt/slideLayouts/", "/ppt/slideMasters/", "/ppt/theme/")


def to_bytes(
    presentation: Presentation,
    members: dict[str, bytes] | None = None,
    unchanged: dict[str, Any] | None = None,
) -> bytes:
    """Serialise the presentation into reproducible .pptx bytes.

    The same bytes as `normalise_zip` of python-pptx's own `presentation.save`, but
    each part is compressed once, straight from the package: python-pptx's writer
    decides which parts go in and in what order (`[Content_Types].xml` first, as
    Office writes it), `_Archive` writes each entry with a fixed timestamp and
    permissions. `members`, when given, receives each member's uncompressed bytes by
    name. `unchanged` keeps the serialised and compressed layouts, masters and themes
    of the template (and their relationships) by name between decks made from one
    template: the build never changes those parts.
    """
    package = presentation.part.package
    archive = _Archive()
    writer = _FixedTimePackageWriter(
        archive, package._rels, tuple(package.iter_parts()), members, unchanged
    )
    writer.write_all()
    return archive.finish()


class Packed(NamedTuple):
    """A member as it goes into the zip: stored bytes, CRC-32, size, method."""

    stored: bytes
    crc: int
    size: int
    method: int


def pack(name: str, data: bytes) -> Packed:
    """A member's zip entry: deflated at level 6 (as zipfile does), pictures stored."""
    # Pictures are already compressed; deflating them again only costs time.
    if name.startswith("ppt/media/"):
        return Packed(data, zlib.crc32(data), len(data), zipfile.ZIP_STORED)
    # Raw deflate at level 6, as zipfile writes it.
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    stored = compressor.compress(data) + compressor.flush()
    return Packed(stored, zlib.crc32(data), len(data), zipfile.ZIP_DEFLATED)


class _Archive:
    """A zip written in memory, entry by entry, byte for byte as `zipfile` writes
    `_add`'s entries (fixed time, mode 644, no data descriptors), but taking entries
    already compressed: a batch compresses each template part once, not once per deck.
    """

    _DATE = (_FIXED_TIME[0] - 1980) << 9 | _FIXED_TIME[1] << 5 | _FIXED_TIME[2]
    _TIME = _FIXED_TIME[3] << 11 | _FIXED_TIME[4] << 5 | _FIXED_TIME[5] // 2

    def __init__(self) -> None:
        self._out = io.BytesIO()
        self._central: list[bytes] = []

    def add(self, name: str, entry: Packed) -> None:
        """Append one member."""
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), 0x800  # the name is UTF-8
        if max(len(entry.stored), entry.size, self._out.tell()) >= 0xFFFFFFFF:
            raise DeckError("the deck is larger than 4 GB, more than a .pptx can hold")
        offset = self._out.tell()
        self._out.write(struct.pack(
            "<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, flags, entry.method, self._TIME,
            self._DATE, entry.crc, len(entry.stored), entry.size, len(encoded), 0,
        ))
        self._out.write(encoded)
        self._out.write(entry.stored)
        self._central.append(struct.pack(
            "<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0, flags, entry.method,
            self._TIME, self._DATE, entry.crc, len(entry.stored), entry.size,
            len(encoded), 0, 0, 0, 0, 0o644 << 16, offset,
        ) + encoded)

    def finish(self) -> bytes:
        """The central directory and its end record written; the whole zip."""
        start = self._out.tell()
        directory = b"".join(self._central)
        self._out.write(directory)
        self._out.write(struct.pack(
            "<4s4H2LH", b"PK\x05\x06", 0, 0, len(self._central), len(self._central),
            len(directory), start, 0,
        ))
        return self._out.getvalue()


class _FixedTimePackageWriter(PackageWriter):
    """python-pptx's PackageWriter, writing into an `_Archive`.

    PackageWriter opens its own zip, stamping entries with the current time; this
    subclass keeps its choice of parts and order and only replaces that physical
    writer (anything with `write(pack_uri, blob)`).
    """

    def __init__(
        self, archive: _Archive, pkg_rels: _Relationships, parts: Sequence[Part],
        members: dict[str, bytes] | None = None,
        unchanged: dict[str, Any] | None = None,
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
                self._write_unchanged(part.partname, lambda part=part: part.blob)
                if part._rels:
                    self._write_unchanged(part.partname.rels_uri,
                                          lambda part=part: part.rels.xml)
                continue
            phys_writer.write(part.partname, part.blob)
            if part._rels:
                phys_writer.write(part.partname.rels_uri, part.rels.xml)

    def _write_unchanged(self, pack_uri: PackURI, blob: Any) -> None:
        """A template member from the cache: its bytes and entry made on first use."""
        assert self._unchanged is not None
        name = pack_uri.membername
        cached = self._unchanged.get(name)
        if cached is None:
            data = blob()
            cached = self._unchanged[name] = (data, pack(name, data))
        self._archive.add(name, cached[1])
        if self._members is not None:
            self._members[name] = cached[0]

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        """The physical-writer call PackageWriter makes for each entry."""
        name = pack_uri.membername
        self._archive.add(name, pack(name, blob))
        if self._members is not None:
            self._members[name] = blob


def normalise_zip(data: bytes) -> bytes:
    """Repack a zip with fixed timestamps and permissions, keeping the member order.

    `[Content_Types].xml` goes first, as Office writes it.
    """
    archive = _Archive()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        names.sort(key=lambda name: name != "[Content_Types].xml")
        for name in names:
            archive.add(name, pack(name, source.read(name)))
    return archive.finish()
