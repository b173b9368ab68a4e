"""Opening a package that may come from anywhere: the one way a .pptx is unpacked.

A zip's headers say what each member inflates to, but nothing makes them true: a
member can claim a kilobyte and inflate to gigabytes, a deflate stream or CRC can be
damaged, one name can be in the archive twice (and then which copy a reader takes is
up to the reader). So `read_package` inflates every member in chunks and counts what
comes out, stopping at `parsing.MAX_UNPACKED_BYTES` whatever the headers claim, turns
every way inflating can fail into `PackageError`, and refuses repeated names (ignoring
case, as OPC compares part names). `package_problems` then says what keeps the parts
from being a presentation a reader may be handed: XML that is not well-formed or has
a DOCTYPE (entities), no presentation part, no slide master.

Template loading, the deck check and importing all start here, so a package gets one
verdict whichever command reads it. The message of a `PackageError` is a plain sentence
without the file's name, which callers add.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator
from urllib.parse import unquote

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deck_builder.files import human_size
from deck_builder.ooxml import parsing
from deck_builder.ooxml.namespaces import CT_NS, PR_NS

__all__ = ["Budget", "NotAZip", "PackageError", "as_presentation", "inflate", "open_zip",
           "package_problems", "read_package", "rels_source", "write_members",
           "xml_part_names"]

CONTENT_TYPES = "[Content_Types].xml"
_PACKAGE_RELS = "_rels/.rels"
_CHUNK = 1 << 16
# Every way the standard library reports a zip or a member it cannot read: damaged
# directories and streams, bad CRCs, encryption (RuntimeError), methods it does not
# implement, names that are not text, truncated streams.
_READ_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
    NotImplementedError, RuntimeError, struct.error, KeyError, OverflowError, IndexError)
try:  # a member stored with LZMA whose stream or options are damaged
    import lzma

    _READ_ERRORS += (lzma.LZMAError,)
except ImportError:  # a Python without lzma: zipfile refuses the method itself
    pass
_OFFICE_DOCUMENT = "/officeDocument"
_SLIDE_MASTER = "/slideMaster"


class PackageError(Exception):
    """A package that cannot be read safely; the message is a plain sentence."""


class NotAZip(PackageError):
    """What was given is no zip archive at all; `reason` is what zipfile said."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the file is not a readable zip archive ({reason})")
        self.reason = reason


class Budget:
    """What the members of one package may still inflate to, counted as they do."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = parsing.MAX_UNPACKED_BYTES if limit is None else limit
        self.left = self.limit

    def claim(self, infos: list[zipfile.ZipInfo]) -> None:
        """Refuse, before inflating anything, members whose headers already claim more
        than the limit together (headers that claim less are found out by `take`)."""
        claimed = sum(info.file_size for info in infos)
        if claimed > self.limit:
            raise PackageError(f"the package unpacks to {human_size(claimed)}; the limit is "
                               f"{human_size(self.limit)}")

    def take(self, size: int) -> None:
        """Count `size` more bytes; raises PackageError past the limit."""
        self.left -= size
        if self.left < 0:
            raise PackageError(f"the package unpacks to more than {human_size(self.limit)}, "
                               "the limit (a zip bomb, or not a presentation)")


def open_zip(source: bytes | str) -> zipfile.ZipFile:
    """The zip archive in `source` (its bytes, or a path); raises PackageError when it
    is none."""
    try:
        return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except _READ_ERRORS as exc:
        raise NotAZip(_reason(exc)) from None


def inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget,
            keep: bool = True) -> bytes:
    """The inflated bytes of a member (b"" unless `keep`: read only to verify it),
    counted against `budget` as they come, whatever the header claims. Raises
    PackageError for a damaged member or one past the budget."""
    chunks: list[bytes] = []
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                budget.take(len(chunk))
                if keep:
                    chunks.append(chunk)
    except _READ_ERRORS as exc:
        raise PackageError(f"{info.filename} is damaged ({_reason(exc)})") from None
    return b"".join(chunks)


def read_package(data: bytes, limit: int | None = None) -> dict[str, bytes]:
    """Every member of the package in `data` by name, in zip order, folder entries left
    out. Raises PackageError for what is no zip, a name in it twice (ignoring case), a
    damaged member, or more than `limit` bytes unpacked (told by the headers, or found
    while inflating)."""
    with open_zip(data) as archive:
        infos = archive.infolist()
        seen: dict[str, str] = {}
        for info in infos:
            key = info.filename.casefold()
            if key in seen:
                twice = (info.filename if seen[key] == info.filename
                         else f"{seen[key]} / {info.filename}")
                raise PackageError(f"{twice} is in the zip twice (which copy counts is "
                                   "up to the reader)")
            seen[key] = info.filename
        budget = Budget(limit)
        budget.claim(infos)
        return {info.filename: inflate(archive, info, budget)
                for info in infos if not info.filename.endswith("/")}


# The main part's content type of a template and a slide show; python-pptx opens only
# presentations, and the parts are otherwise the same.
_MAIN_TYPES = {
    CT.PML_TEMPLATE_MAIN.encode(): CT.PML_PRESENTATION_MAIN.encode(),
    CT.PML_SLIDESHOW_MAIN.encode(): CT.PML_PRESENTATION_MAIN.encode(),
}
# What to rewrite before python-pptx reads a package: the content type of a template's
# main part, and the older name of the core properties relationship that LibreOffice
# writes in a .potx (python-pptx would not find the part and add a second one).
_PATCHES: dict[str, list[tuple[bytes, bytes]]] = {
    CONTENT_TYPES: list(_MAIN_TYPES.items()),
    _PACKAGE_RELS: [(b"http://schemas.openxmlformats.org/officedocument/2006/relationships/"
                     b"metadata/core-properties", RT.CORE_PROPERTIES.encode())],
}


def as_presentation(members: dict[str, bytes]) -> tuple[dict[str, bytes], bool]:
    """The members of a .pptx, .potx or .ppsx as python-pptx opens them (a template's or
    slide show's main part typed as a presentation's), and whether it was a template
    or slide show. `members` itself is not changed."""
    patched = dict(members)
    converted = False
    for name, replacements in _PATCHES.items():
        original = members.get(name)
        if original is None:
            continue
        changed = original
        for old, new in replacements:
            changed = changed.replace(old, new)
        patched[name] = changed
        converted = converted or (name == CONTENT_TYPES and
                                  any(old in original for old in _MAIN_TYPES))
    return patched, converted


def write_members(members: dict[str, bytes]) -> bytes:
    """A zip of `members` (stored, in order): verified parts handed to a reader that
    trusts what it opens, such as python-pptx, which inflates every member whole."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


def xml_part_names(members: dict[str, bytes]) -> Iterator[str]:
    """The members that are XML: by extension (.xml, .rels) or by an XML content type."""
    declared = _content_types(members)
    for name in members:
        content_type = declared.get(name.casefold(), "")
        if (name.casefold().endswith((".xml", ".rels")) or content_type.endswith("+xml")
                or content_type in {"application/xml", "text/xml"}):
            yield name


def package_problems(members: dict[str, bytes]) -> list[str]:
    """What keeps the members from being a presentation any reader may open, in plain
    sentences (empty: nothing): XML that is not well-formed or declares a DOCTYPE, a
    missing content types part, relationships to parts that are not there, no
    presentation part, no slide master."""
    problems: list[str] = []
    roots: dict[str, etree._Element] = {}
    for name in xml_part_names(members):
        try:
            root = parsing.parse(members[name])
        except etree.XMLSyntaxError as exc:
            problems.append(f"{name} is not well-formed XML ({exc})")
            continue
        if root.getroottree().docinfo.doctype:  # type: ignore[attr-defined]  # not in the stubs
            problems.append(f"{name} declares a DOCTYPE, which OOXML forbids (its "
                            "entities could expand without bound)")
            continue
        roots[name] = root
    actual = {name.casefold(): name for name in members}
    if CONTENT_TYPES.casefold() not in actual:
        problems.append(f"{CONTENT_TYPES} is missing")
    problems += _dangling(roots, actual)
    main = _related(roots, actual, "", _OFFICE_DOCUMENT)
    if actual.get(_PACKAGE_RELS) is None:
        problems.append(f"{_PACKAGE_RELS} is missing")
    elif not main:
        problems.append("it has no presentation part (no officeDocument relationship to "
                        "a part in the package)")
    elif not _related(roots, actual, main[0], _SLIDE_MASTER):
        problems.append(f"{main[0]} has no slide master")
    return problems


def _dangling(roots: dict[str, etree._Element], actual: dict[str, str]) -> list[str]:
    """A sentence per internal relationship of an existing part (or of the package)
    whose target is not in the package: readers fail on them, or repair the file."""
    found = []
    for name, root in roots.items():
        source = rels_source(name)
        if source is None or (source and source.casefold() not in actual):
            continue
        for element in root.iter(f"{{{PR_NS}}}Relationship"):
            if element.get("TargetMode") == "External":
                continue
            target = _resolve(source, element.get("Target") or "")
            if target is None or target.casefold() not in actual:
                found.append(f"{name}: relationship {element.get('Id')!r} targets "
                             f"{element.get('Target')!r}, which is not in the package")
    return found


def rels_source(name: str) -> str | None:
    """The part whose relationships member `name` holds ('' for the package's), or None
    when it is no relationships part."""
    folder, base = posixpath.split(name)
    if not base.endswith(".rels") or posixpath.basename(folder) != "_rels":
        return None
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])


def _resolve(source: str, target: str) -> str | None:
    """The member name an internal target names, or None when it leaves the package."""
    target = target.split("#", 1)[0]
    if not target:
        return None
    path = target[1:] if target.startswith("/") else posixpath.join(
        posixpath.dirname(source), target)
    resolved = posixpath.normpath(unquote(path))
    return None if resolved.startswith(("../", "/")) or resolved in {".", ".."} else resolved


def _related(roots: dict[str, etree._Element], actual: dict[str, str], source: str,
             kind: str) -> list[str]:
    """The existing parts `source` relates to with a relationship type ending in `kind`."""
    folder, base = posixpath.split(source)
    rels = actual.get(posixpath.join(folder, "_rels", f"{base}.rels").casefold())
    root = roots.get(rels) if rels is not None else None
    found: list[str] = []
    for element in root.iter(f"{{{PR_NS}}}Relationship") if root is not None else ():
        if (not (element.get("Type") or "").endswith(kind)
                or element.get("TargetMode") == "External"):
            continue
        target = _resolve(source, element.get("Target") or "")
        name = actual.get(target.casefold()) if target is not None else None
        if name is not None:
            found.append(name)
    return found


def _content_types(members: dict[str, bytes]) -> dict[str, str]:
    """Part name (case-folded, no leading '/') → its Override content type; a Default
    per extension under the key '.ext'. Empty when the part is missing or unreadable."""
    data = next((value for name, value in members.items()
                 if name.casefold() == CONTENT_TYPES.casefold()), None)
    if data is None:
        return {}
    try:
        root = parsing.parse(data)
    except etree.XMLSyntaxError:
        return {}
    table: dict[str, str] = {}
    for element in root.iter(f"{{{CT_NS}}}Override"):
        table[(element.get("PartName") or "").lstrip("/").casefold()] = (
            element.get("ContentType") or "")
    return table


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "…"

