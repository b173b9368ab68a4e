"""Damaged packages for tests: zips written by hand, so that every header can lie.

`zip_bytes` writes members with exactly the sizes, CRC and method it is told (the
standard library's writer would correct them); `bomb` is a deflate stream that
inflates to any size from about a thousandth of it, made without inflating anything.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

STORED, DEFLATED = 0, 8


@dataclass
class Member:
    """One zip entry: `raw` is what is stored (compressed when `method` is DEFLATED);
    `crc`, `size` (uncompressed) are what the headers claim."""

    name: str
    raw: bytes
    method: int
    crc: int
    size: int
    extra: dict[str, int] = field(default_factory=dict)


def member(name: str, data: bytes, method: int = DEFLATED) -> Member:
    """An honest member holding `data`."""
    if method == DEFLATED:
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        raw = packer.compress(data) + packer.flush()
    else:
        raw = data
    return Member(name, raw, method, zlib.crc32(data), len(data))


def members_of(data: bytes) -> list[Member]:
    """The members of a real package, in order, rewritten honestly."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [member(info.filename, archive.read(info.filename)) for info in archive.infolist()]


def zip_bytes(members: list[Member]) -> bytes:
    """A zip holding `members` as they are (no ZIP64; sizes below 4 GiB)."""
    out = io.BytesIO()
    central = io.BytesIO()
    for item in members:
        offset = out.tell()
        name = item.name.encode()
        fields = (20, 0, item.method, 0, 0x21, item.crc & 0xFFFFFFFF, len(item.raw),
                  item.size & 0xFFFFFFFF, len(name), 0)
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + name + item.raw)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0,
                                  offset) + name)
    directory = central.getvalue()
    start = out.tell()
    out.write(directory)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members),
                          len(directory), start, 0))
    return out.getvalue()


def bomb(size: int) -> bytes:
    """A raw deflate stream of `size` zero bytes (a multiple of 1 MiB), about size/1000
    bytes long: one flushed block of a MiB of zeros, repeated, then an empty last block."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(1 << 20)) + packer.flush(zlib.Z_FULL_FLUSH)
    end = zlib.compressobj(9, zlib.DEFLATED, -15)
    return block * (size >> 20) + end.compress(b"") + end.flush()


def zero_crc(size: int) -> int:
    """The CRC-32 of `size` zero bytes (a multiple of 1 MiB)."""
    chunk = bytes(1 << 20)
    crc = 0
    for _ in range(size >> 20):
        crc = zlib.crc32(chunk, crc)
    return crc
