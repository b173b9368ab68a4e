"""Serialise a presentation reproducibly: fixed zip timestamps and permissions, so the
same content gives the same bytes.

python-pptx's `Presentation.save` stamps each zip entry with the current time. The
package is written here instead, with the standard library's `zipfile`, from what
python-pptx's public API tells about it: its parts (`package.iter_parts()`, each
part's `blob`, `content_type` and `rels`) and its relationships (`iter_rels()`). The
members, their order and their bytes are python-pptx's own (tests/ooxml compare them
with `Presentation.save`): `[Content_Types].xml`, the package relationships, then
each part followed by its relationships, if it has any.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from pptx.opc.oxml import CT_Relationships, CT_Types, serialize_part_xml
from pptx.opc.spec import default_content_types

if TYPE_CHECKING:
    from pptx.opc.package import OpcPackage, Part
    from pptx.presentation import Presentation

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_UNIX = 3  # the "made by" system of every entry, so that Windows writes the same bytes
_CONTENT_TYPES = "[Content_Types].xml"
_PACKAGE_RELS = "_rels/.rels"
# Extensions every package declares by default, whatever its parts.
_BASE_DEFAULTS = {
    "rels": "application/vnd.openxmlformats-package.relationships+xml",
    "xml": "application/xml",
}


class _RelationshipLike(Protocol):
    """What a relationship of python-pptx's tells about itself."""

    @property
    def rId(self) -> str: ...  # python-pptx's name
    @property
    def reltype(self) -> str: ...
    @property
    def target_ref(self) -> str: ...
    @property
    def is_external(self) -> bool: ...


def to_bytes(presentation: Presentation, members: dict[str, bytes] | None = None) -> bytes:
    """Serialise the presentation into reproducible .pptx bytes.

    `members`, when given, receives each member's uncompressed bytes by name (what a
    package check would otherwise inflate again).
    """
    package = presentation.part.package
    parts = list(package.iter_parts())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:

        def write(name: str, data: bytes) -> None:
            archive.writestr(_entry(name), data, compresslevel=6)
            if members is not None:
                members[name] = data

        write(_CONTENT_TYPES, _content_types(parts))
        write(_PACKAGE_RELS, _relationships_xml(_package_relationships(package, parts)))
        for part in parts:
            write(part.partname.membername, part.blob)
            if len(part.rels):
                write(part.partname.rels_uri.membername, part.rels.xml)
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


def _content_types(parts: Sequence[Part]) -> bytes:
    """`[Content_Types].xml`: a Default per extension whose parts all have the standard
    type for it (by lower-case extension), an Override for every other part; each
    list sorted."""
    defaults = dict(_BASE_DEFAULTS)
    overrides = {}
    for part in parts:
        extension = part.partname.ext.lower()
        if (extension, part.content_type) in default_content_types:
            defaults[extension] = part.content_type
        else:
            overrides[part.partname] = part.content_type
    types = CT_Types.new()
    for extension, content_type in sorted(defaults.items()):
        types.add_default(extension, content_type)
    for partname, content_type in sorted(overrides.items()):
        types.add_override(partname, content_type)
    return serialize_part_xml(types)


def _package_relationships(package: OpcPackage, parts: Sequence[Part]
                           ) -> list[_RelationshipLike]:
    """The package's own relationships: those of the package's relationship graph that
    no part has."""
    owned = {id(rel) for part in parts for rel in part.rels.values()}
    return [rel for rel in package.iter_rels() if id(rel) not in owned]


def _relationships_xml(relationships: Iterable[_RelationshipLike]) -> bytes:
    """A .rels member listing `relationships` by number (rId2 before rId10)."""

    def number(rel: _RelationshipLike) -> tuple[int, str]:
        digits = rel.rId[3:]
        return (int(digits) if rel.rId.startswith("rId") and digits.isdigit() else 0, rel.rId)

    element = CT_Relationships.new()
    for rel in sorted(relationships, key=number):
        element.add_rel(rel.rId, rel.reltype, rel.target_ref, rel.is_external)
    return element.xml_file_bytes
