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


RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def with_external_links(data: bytes, part: str, links: dict[str, str]) -> bytes:
    """The package with shapes added to `part` (a slide, layout or master) that refer to
    external targets: `links` maps each target URL to its kind, `image` (a linked
    picture, `a:blip r:link`), `video` (a picture playing a linked video) or
    `hyperlink` (a text run linking to it)."""
    rels = part.rsplit("/", 1)[0] + "/_rels/" + part.rsplit("/", 1)[1] + ".rels"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    shapes, relationships = [], []
    for number, (target, kind) in enumerate(links.items(), start=1):
        rid, shape_id = f"rIdX{number}", 9000 + number
        relationships.append(f'<Relationship Id="{rid}" Type="{RELATIONSHIPS}/{kind}" '
                             f'Target="{target}" TargetMode="External"/>')
        box = (f'<p:spPr><a:xfrm><a:off x="{number * 600000}" y="600000"/>'
               '<a:ext cx="500000" cy="500000"/></a:xfrm>'
               '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>')
        if kind == "hyperlink":
            shapes.append(
                f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Link {number}"/>'
                '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>' + box +
                '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="nl-NL">'
                f'<a:hlinkClick r:id="{rid}"/></a:rPr><a:t>link</a:t></a:r></a:p>'
                '</p:txBody></p:sp>')
        else:
            media = f'<a:videoFile r:link="{rid}"/>' if kind == "video" else ""
            blip = f'<a:blip r:link="{rid}"/>' if kind == "image" else "<a:blip/>"
            shapes.append(
                f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="Linked {number}" '
                f'descr="linked"/><p:cNvPicPr/><p:nvPr>{media}</p:nvPr></p:nvPicPr>'
                f'<p:blipFill>{blip}<a:stretch><a:fillRect/></a:stretch></p:blipFill>'
                + box + '</p:pic>')
    members[part] = members[part].replace(b"</p:spTree>", "".join(shapes).encode() +
                                          b"</p:spTree>")
    members[rels] = members[rels].replace(b"</Relationships>", "".join(relationships).encode()
                                          + b"</Relationships>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def inflate(item: Member) -> bytes:
    """What an honest member holds."""
    return zlib.decompress(item.raw, -15) if item.method == DEFLATED else item.raw
