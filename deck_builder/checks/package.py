"""Package integrity: the causes of PowerPoint's "PowerPoint found a problem … repair" dialog.

`check_package` reads the .pptx zip with lxml directly (no python-pptx: it runs after every
build and must be fast, and python-pptx itself refuses or silently mends some of the
damage looked for here). Each XML part is parsed once. What is checked:

- the zip: readable (every member inflated with a count, `ooxml.reading`: a damaged
  member, or members that unpack past the limit, make the file unreadable), no two
  entries with the same name (ignoring case, as OPC part names are compared), no
  folder entries or names with a leading '/', '\\' or '..';
- content types: every part has one (a Default for its extension or an Override), every
  Override names an existing part, nothing is declared twice, and the parts that slides,
  layouts, masters, notes, themes and pictures relate to carry the content type of that
  kind of part;
- XML: every XML part is well-formed, without characters XML forbids and without DTD;
- relationships: Ids unique within each .rels part, every internal target exists
  (resolved relative to the source part; `TargetMode="External"` is skipped), and every
  attribute in the relationships namespace (`r:id`, `r:embed`, `r:link`, `r:pict`, …)
  names a relationship of its own part (an empty `r:id`, as PowerPoint writes for
  action-only hyperlinks, is allowed);
- external targets: relationships that point outside the package at what a reader
  fetches to show a slide (linked pictures, media, objects) or at a local file or
  program (a warning; web and mail hyperlinks are what decks carry);
- orphans: parts not reachable from `_rels/.rels` through relationships (a warning:
  PowerPoint opens the file, but the bytes travel along, e.g. an old slide's text);
- ids: shape ids (`p:cNvPr/@id`) unique per slide, layout, master and notes page
  (shapes in an `mc:Fallback` repeat their `mc:Choice` twin and are not counted); slide ids
  unique and within 256…2147483647, each slide relationship listed once; slide master and
  layout ids unique and at least 2147483648.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
import zipfile
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple, cast
from urllib.parse import unquote

from lxml import etree

from deck_builder.checks.findings import Finding, finding
from deck_builder.files import regular_file
from deck_builder.ooxml import parsing, reading
from deck_builder.ooxml.external import ExternalTarget
from deck_builder.ooxml.namespaces import CT_NS, MC_NS, P_NS, PR_NS, R_NS

__all__ = ["Package", "Relationship", "check_loaded_package", "check_package", "open_package"]

CONTENT_TYPES = "[Content_Types].xml"
ROOT_RELS = "_rels/.rels"

_PML = "application/vnd.openxmlformats-officedocument.presentationml."
# Relationship type (its last path segment) → content type its target must have.
_EXPECTED_TYPES = {
    "slide": _PML + "slide+xml",
    "slideLayout": _PML + "slideLayout+xml",
    "slideMaster": _PML + "slideMaster+xml",
    "notesSlide": _PML + "notesSlide+xml",
    "notesMaster": _PML + "notesMaster+xml",
    "handoutMaster": _PML + "handoutMaster+xml",
    "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
}
# Root elements of parts that hold a shape tree (shape ids must be unique in each).
_SHAPE_TREE_ROOTS = frozenset(
    f"{{{P_NS}}}{name}"
    for name in ("sld", "sldLayout", "sldMaster", "notes", "notesMaster", "handoutMaster")
)
_SHAPE_TAGS = frozenset(
    f"{{{P_NS}}}{name}" for name in ("sp", "pic", "graphicFrame", "grpSp", "cxnSp", "contentPart")
)
_SLIDE_ID_MIN, _SLIDE_ID_MAX = 256, 2147483647
_LAYOUT_ID_MIN = 2147483648

# A name test is several times faster than comparing every attribute's namespace.
_R_ATTRIBUTES = etree.XPath("//@r:*", namespaces={"r": R_NS})
_SHAPE_IDS = etree.XPath(
    ".//p:cNvPr[not(ancestor::mc:Fallback)]", namespaces={"p": P_NS, "mc": MC_NS}
)
_RELS_NAME = re.compile(r"^(?:(?P<folder>.*)/)?_rels/(?P<name>[^/]*)\.rels$")
_R_NS_BYTES = R_NS.encode()
_MEDIA_FOLDER = "ppt/media/"


class Relationship(NamedTuple):
    """One relationship of a part; `resolved` is the target's part name (None if external)."""

    id: str
    type: str
    target: str
    external: bool
    resolved: str | None

    @property
    def kind(self) -> str:
        """The last segment of the relationship type: `slide`, `image`, `theme`, …"""
        return self.type.rsplit("/", 1)[-1]


# Parsed parts by name and bytes: the decks of a batch share their template's layouts,
# masters and themes byte for byte (the same bytes objects, whose hash Python keeps),
# and most of their relationship parts, so each is parsed once. Slides are not kept:
# they differ from deck to deck (dates, names), and their trees are large. The same
# bytes parse to the same tree, and the trees are only read.
_PARSED: dict[tuple[str, bytes], tuple[etree._Element | None, str | None]] = {}
_PARSED_ENTRIES = 512
_SHARED_PARTS = ("ppt/slideLayouts/", "ppt/slideMasters/", "ppt/theme/")


class Package:
    """A .pptx opened for checking: member names, content types, XML parsed once, rels.

    Part names are zip member names (`ppt/slides/slide1.xml`, no leading '/'); lookups
    ignore case, as OPC part names are compared case-insensitively.
    """

    def __init__(
        self, archive: zipfile.ZipFile, members: Mapping[str, bytes] | None = None
    ) -> None:
        self.entries: list[str] = [info.filename for info in archive.infolist()]
        self._actual: dict[str, str] = {}
        for name in self.entries:
            if not name.endswith("/"):
                self._actual[name.casefold()] = name
        self.parts: list[str] = sorted(set(self._actual.values()))
        self.defaults: dict[str, str] = {}
        self.overrides: dict[str, str] = {}
        self.duplicate_types: list[str] = []
        self.bad_xml: dict[str, str] = {}
        self._xml: dict[str, etree._Element | None] = {}
        self._rels: dict[str, list[Relationship]] = {}
        self._slides: list[str] | None = None
        self._blobs: dict[str, bytes] = {}
        known = members or {}
        # Every member is inflated in chunks and counted (`ooxml.reading`), whatever the
        # zip directory claims; XML is kept for parsing, anything else only verified
        # (a damaged picture makes PowerPoint repair too). Members the caller already
        # has uncompressed (a builder that has just written them) are not inflated.
        budget = reading.Budget()
        budget.claim(archive.infolist())
        for info in archive.infolist():
            name = info.filename
            if name.endswith("/"):
                continue
            data = known.get(name)
            if data is not None:
                budget.take(len(data))
            else:
                data = reading.inflate(archive, info, budget, keep=self._keeps(name))
            if data:
                self._blobs[name] = data
        types = self.actual(CONTENT_TYPES)
        if types is not None:
            self._read_content_types(types)
        for name in [name for name in self._blobs if not self.is_xml(name)]:
            del self._blobs[name]  # kept before the content types were known

    def _keeps(self, name: str) -> bool:
        # Whether a member may be XML (its content type is not known yet): .xml, .rels,
        # and any name without the extension of a picture, video or sound.
        return not name.casefold().startswith(_MEDIA_FOLDER)

    # -- names and content types ---------------------------------------------------------

    def actual(self, name: str) -> str | None:
        """The member name of part `name` (any case), or None when there is no such part."""
        return self._actual.get(name.casefold())

    def content_type(self, name: str) -> str | None:
        """The part's content type: its Override, else the Default for its extension."""
        override = self.overrides.get(name.casefold())
        if override is not None:
            return override
        # Not posixpath.splitext: it sees no extension in the dot-file name `.rels`.
        base = posixpath.basename(name)
        extension = base.rsplit(".", 1)[1].casefold() if "." in base else ""
        return self.defaults.get(extension) if extension else None

    def is_xml(self, name: str) -> bool:
        """Whether the part is XML by its content type (or, lacking one, its extension)."""
        content_type = self.content_type(name)
        if content_type is None:
            return name.casefold().endswith((".xml", ".rels"))
        return content_type.endswith("+xml") or content_type in {"application/xml", "text/xml"}

    def _read_content_types(self, name: str) -> None:
        root = self.xml(name)
        if root is None:
            return
        for element in root.iter(f"{{{CT_NS}}}Default", f"{{{CT_NS}}}Override"):
            if element.tag == f"{{{CT_NS}}}Default":
                key, table = (element.get("Extension") or "").casefold(), self.defaults
            else:
                key, table = (element.get("PartName") or "").lstrip("/").casefold(), self.overrides
            if key in table:
                self.duplicate_types.append(key)
            table[key] = element.get("ContentType") or ""

    # -- XML -----------------------------------------------------------------------------

    def xml(self, name: str) -> etree._Element | None:
        """The parsed root of an XML part, parsed once; None when missing or not well-formed."""
        if name in self._xml:
            return self._xml[name]
        root: etree._Element | None = None
        data = self._blobs.get(name)
        if data is not None:
            shared = name.startswith(_SHARED_PARTS) or name.endswith(".rels")
            parsed = _PARSED.get((name, data)) if shared else None
            if parsed is None:
                parsed = self._parse(data)
                if shared:
                    if len(_PARSED) >= _PARSED_ENTRIES:
                        _PARSED.clear()
                    _PARSED[(name, data)] = parsed
            root, problem = parsed
            if problem:
                self.bad_xml[name] = problem
        self._xml[name] = root
        return root

    def _parse(self, data: bytes) -> tuple[etree._Element | None, str | None]:
        try:
            root = parsing.parse(data)
        except etree.XMLSyntaxError as error:
            return None, f"not well-formed XML: {error}"
        if root.getroottree().docinfo.doctype:  # type: ignore[attr-defined]  # not in the stubs
            return root, "declares a DOCTYPE, which OOXML forbids"
        return root, None

    def mentions_relationships(self, name: str) -> bool:
        """Whether the part's bytes mention the relationships namespace (a cheap pre-filter)."""
        return _R_NS_BYTES in self._blobs.get(name, b"")

    # -- relationships -------------------------------------------------------------------

    def rels(self, source: str) -> list[Relationship]:
        """The relationships of part `source` ('' for the package itself), in file order."""
        if source in self._rels:
            return self._rels[source]
        found: list[Relationship] = []
        rels_part = self.actual(rels_name(source))
        root = self.xml(rels_part) if rels_part is not None else None
        if root is not None:
            for element in root.iter(f"{{{PR_NS}}}Relationship"):
                external = element.get("TargetMode") == "External"
                target = element.get("Target") or ""
                resolved = None if external else resolve_target(source, target)
                found.append(
                    Relationship(
                        element.get("Id") or "",
                        element.get("Type") or "",
                        target,
                        external,
                        resolved,
                    )
                )
        self._rels[source] = found
        return found

    def rel_ids(self, source: str) -> dict[str, Relationship]:
        """The relationships of `source` by Id (the first one wins when an Id repeats)."""
        table: dict[str, Relationship] = {}
        for rel in self.rels(source):
            table.setdefault(rel.id, rel)
        return table

    def related(self, source: str, kind: str) -> list[str]:
        """Existing parts that `source` relates to with relationship type `kind`."""
        names = []
        for rel in self.rels(source):
            if rel.kind == kind and rel.resolved is not None:
                actual = self.actual(rel.resolved)
                if actual is not None:
                    names.append(actual)
        return names

    def main_part(self) -> str | None:
        """The presentation part (the package's officeDocument relationship)."""
        found = self.related("", "officeDocument")
        return found[0] if found else None

    def slides(self) -> list[str]:
        """The slide parts in presentation order (entries that resolve to no part skipped)."""
        if self._slides is None:
            self._slides = []
            main = self.main_part()
            root = self.xml(main) if main is not None else None
            if main is not None and root is not None:
                table = self.rel_ids(main)
                for slide_id in root.iterfind(f"{{{P_NS}}}sldIdLst/{{{P_NS}}}sldId"):
                    rel = table.get(slide_id.get(f"{{{R_NS}}}id") or "")
                    actual = self.actual(rel.resolved) if rel and rel.resolved else None
                    if actual is not None and actual not in self._slides:
                        self._slides.append(actual)
        return self._slides

    def slide_number(self, name: str) -> int | None:
        """The 1-based number of a slide part (or of the slide a .rels part belongs to)."""
        match = _RELS_NAME.match(name)
        if match:
            name = source_of_rels(name)
        try:
            return self.slides().index(name) + 1
        except ValueError:
            return None


def open_package(
    source: Path | str | bytes, members: Mapping[str, bytes] | None = None
) -> Package:
    """Open a .pptx from a path or its bytes; raises zipfile.BadZipFile when it is no zip,
    a member is damaged, or the package unpacks to more than `parsing.MAX_UNPACKED_BYTES`.

    `members` may give the uncompressed contents of (some of) its members, by name, when
    the caller has them anyway (a builder that has just written them).
    """
    try:
        if not isinstance(source, bytes) and not regular_file(Path(source)):
            # A pipe would wait for a writer, a device (/dev/zero) be read without end.
            raise zipfile.BadZipFile("not a regular file (a folder, pipe or device)")
        with reading.open_zip(source if isinstance(source, bytes) else os.fspath(source)
                              ) as archive:
            return Package(archive, members)
    except reading.NotAZip as error:
        raise zipfile.BadZipFile(error.reason) from None
    except reading.PackageError as error:
        raise zipfile.BadZipFile(str(error)) from None


@functools.lru_cache(maxsize=4096)  # pure, and asked for the same names deck after deck
def rels_name(part: str) -> str:
    """The .rels part holding the relationships of `part` ('' → `_rels/.rels`)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def source_of_rels(rels_part: str) -> str:
    """The part a .rels part belongs to ('' for `_rels/.rels`)."""
    match = _RELS_NAME.match(rels_part)
    if match is None:
        raise ValueError(f"{rels_part} is not a relationships part")
    folder, name = match.group("folder") or "", match.group("name")
    return posixpath.join(folder, name) if name else ""


@functools.lru_cache(maxsize=4096)
def resolve_target(source: str, target: str) -> str | None:
    """The part name an internal target points at, or None when it leaves the package."""
    target = target.split("#", 1)[0]
    if not target:
        return None
    if target.startswith("/"):
        path = target[1:]
    else:
        path = posixpath.join(posixpath.dirname(source), target)
    resolved = posixpath.normpath(unquote(path))
    if resolved in {".", ".."} or resolved.startswith("../"):
        return None
    return resolved


# -- the checks --------------------------------------------------------------------------


def check_package(
    source: Path | str | bytes, members: Mapping[str, bytes] | None = None
) -> list[Finding]:
    """Everything in the package that makes PowerPoint repair (or refuse) the file.

    `source` is a path or the file's bytes (so a builder can check before writing);
    `members` as for `open_package`. An empty list means the package is sound.
    """
    try:
        package = open_package(source, members)
    except zipfile.BadZipFile as error:
        return [finding("PKG-BAD-ZIP", f"not a readable zip archive: {error}")]
    return check_loaded_package(package)


def check_loaded_package(package: Package) -> list[Finding]:
    """The package checks on an already opened package (shared with the other checks)."""
    found: list[Finding] = []
    found += _zip_entries(package)
    found += _content_types(package)
    found += _xml_parts(package)
    found += _relationships(package)
    found += _orphans(package)
    found += _external_targets(package)
    found += _presentation_ids(package)
    found += _shape_ids(package)
    return found


def _at(package: Package, code: str, message: str, part: str | None, **extra: str) -> Finding:
    slide = package.slide_number(part) if part else None
    return finding(code, message, part=part, slide=slide, shape=extra.get("shape"))


def _zip_entries(package: Package) -> Iterator[Finding]:
    counts = Counter(name.casefold() for name in package.entries)
    reported: set[str] = set()
    for name in package.entries:
        key = name.casefold()
        if counts[key] > 1 and key not in reported:
            reported.add(key)
            spelled = sorted({n for n in package.entries if n.casefold() == key})
            yield finding(
                "PKG-DUP-ZIP-ENTRY",
                f"{' / '.join(spelled)} is in the zip {counts[key]} times",
                part=name,
            )
        segments = name.rstrip("/").split("/")
        if name.endswith("/"):
            why = "is a folder entry"
        elif name.startswith("/") or "\\" in name or ".." in segments or "" in segments:
            why = "is not a valid part name"
        else:
            continue
        yield finding("PKG-BAD-PART-NAME", f"zip entry {name!r} {why}", part=name)


def _content_types(package: Package) -> Iterator[Finding]:
    if package.actual(CONTENT_TYPES) is None:
        yield finding("PKG-MISSING-PART", f"{CONTENT_TYPES} is missing", part=CONTENT_TYPES)
        return
    if package.xml(package.actual(CONTENT_TYPES) or "") is None:
        return  # not well-formed: reported as PKG-BAD-XML, and nothing else can be said
    for key in sorted(set(package.duplicate_types)):
        yield finding(
            "PKG-DUP-CONTENT-TYPE", f"{key!r} is declared more than once", part=CONTENT_TYPES
        )
    for name in package.parts:
        if name != package.actual(CONTENT_TYPES) and package.content_type(name) is None:
            yield _at(
                package,
                "PKG-NO-CONTENT-TYPE",
                f"{name} has no content type (no Default for its extension, no Override)",
                name,
            )
    for key in sorted(package.overrides):
        if package.actual(key) is None:
            yield finding(
                "PKG-DANGLING-OVERRIDE",
                f"the content type Override for /{key} names a part that is not in the package",
                part=CONTENT_TYPES,
            )


def _xml_parts(package: Package) -> Iterator[Finding]:
    for name in package.parts:
        if package.is_xml(name):
            package.xml(name)  # parse every XML part once; parsing records what fails
    for name, problem in sorted(package.bad_xml.items()):
        yield _at(package, "PKG-BAD-XML", f"{name}: {problem}", name)


def _relationships(package: Package) -> Iterator[Finding]:
    for rels_part in package.parts:
        if _RELS_NAME.match(rels_part) is None or package.xml(rels_part) is None:
            continue
        source = source_of_rels(rels_part)
        if source and package.actual(source) is None:
            continue  # relationships of a missing part: reported as an orphan
        rels = package.rels(source)
        ids = Counter(rel.id for rel in rels)
        for rel_id in sorted(i for i, n in ids.items() if n > 1):
            yield _at(
                package,
                "PKG-DUP-REL-ID",
                f"relationship Id {rel_id!r} is used {ids[rel_id]} times",
                rels_part,
            )
        for rel in rels:
            if rel.external:
                continue
            target = package.actual(rel.resolved) if rel.resolved else None
            if target is None:
                yield _at(
                    package,
                    "PKG-DANGLING-REL",
                    f"relationship {rel.id} ({rel.kind}) targets {rel.target!r}, "
                    "which is not in the package",
                    rels_part,
                )
                continue
            expected = _EXPECTED_TYPES.get(rel.kind)
            actual_type = package.content_type(target)
            if actual_type is None:
                continue  # reported as PKG-NO-CONTENT-TYPE
            if (expected is not None and actual_type != expected) or (
                rel.kind == "image" and not actual_type.startswith("image/")
            ):
                yield _at(
                    package,
                    "PKG-WRONG-CONTENT-TYPE",
                    f"{target} is related as {rel.kind} but has content type {actual_type!r}",
                    target,
                )
    for name in package.parts:
        if not package.mentions_relationships(name) or _RELS_NAME.match(name):
            continue
        root = package.xml(name)
        own_rels = package.actual(rels_name(name))
        if root is None or (own_rels is not None and package.xml(own_rels) is None):
            continue  # this part or its relationships are not well-formed: PKG-BAD-XML
        known = package.rel_ids(name)
        for value in _relationship_attributes(root):
            element = value.getparent()
            if value and value not in known and element is not None:
                attribute = etree.QName(value.attrname or "").localname
                yield _at(
                    package,
                    "PKG-UNRESOLVED-RID",
                    f"<{etree.QName(element).localname} r:{attribute}={str(value)!r}> names no "
                    f"relationship in {rels_name(name)}",
                    name,
                    **_shape_of(element),
                )


def _relationship_attributes(root: etree._Element) -> list[etree._ElementUnicodeResult]:
    """Every attribute in the relationships namespace (`r:id`, `r:embed`, …) in `root`."""
    return cast("list[etree._ElementUnicodeResult]", _R_ATTRIBUTES(root))


def _shape_of(element: etree._Element) -> dict[str, str]:
    # The name of the shape an element belongs to, so the user can find it on the slide.
    for ancestor in element.iterancestors():
        if ancestor.tag in _SHAPE_TAGS:
            for props in ancestor.iter(f"{{{P_NS}}}cNvPr"):
                return {"shape": props.get("name") or f"id {props.get('id')}"}
    return {}


def _orphans(package: Package) -> Iterator[Finding]:
    if any(_RELS_NAME.match(name) for name in package.bad_xml):
        return  # what a broken .rels part points at is unknown: every guess would mislead
    reached: set[str] = set()
    queue = [""]
    while queue:
        source = queue.pop()
        rels_part = package.actual(rels_name(source))
        if rels_part is not None:
            reached.add(rels_part)
        for rel in package.rels(source):
            target = package.actual(rel.resolved) if rel.resolved and not rel.external else None
            if target is not None and target not in reached:
                reached.add(target)
                queue.append(target)
    for name in package.parts:
        if name in reached or name == package.actual(CONTENT_TYPES):
            continue
        if _RELS_NAME.match(name):
            source = source_of_rels(name)
            if not source:
                continue  # the package relationships themselves: missing-part territory
            if package.actual(source) is not None:
                continue  # reported through its source part
            message = f"{name} holds the relationships of {source}, which is not in the package"
        else:
            message = f"{name} is not reachable from {ROOT_RELS} through relationships"
        yield finding("PKG-ORPHAN-PART", message, part=name)


def _external_targets(package: Package) -> Iterator[Finding]:
    # Web and mail hyperlinks are what decks carry; linked media and objects are fetched
    # by whoever opens the deck, and a file: or program link points at the author's disk.
    for rels_part in package.parts:
        if _RELS_NAME.match(rels_part) is None:
            continue
        source = source_of_rels(rels_part)
        for rel in package.rels(source):
            link = ExternalTarget(source, rel.id, rel.kind, rel.target)
            if rel.external and not link.web_link:
                yield _at(package, "PKG-EXTERNAL-TARGET", link.describe(), source or rels_part)


def _presentation_ids(package: Package) -> Iterator[Finding]:
    if package.actual(ROOT_RELS) is None:
        yield finding("PKG-MISSING-PART", f"{ROOT_RELS} is missing", part=ROOT_RELS)
        return
    main = package.main_part()
    if main is None and package.xml(package.actual(ROOT_RELS) or "") is not None:
        yield finding(
            "PKG-MISSING-PART",
            "the package has no presentation part (officeDocument)",
            part=ROOT_RELS,
        )
    if main is None:
        return
    root = package.xml(main)
    if root is None:
        return
    if not package.related(main, "slideMaster"):
        yield finding("PKG-MISSING-PART", f"{main} has no slide master", part=main)
    slide_ids: Counter[str] = Counter()
    slide_rels: Counter[str] = Counter()
    for element in root.iterfind(f"{{{P_NS}}}sldIdLst/{{{P_NS}}}sldId"):
        value = element.get("id") or ""
        slide_ids[value] += 1
        slide_rels[element.get(f"{{{R_NS}}}id") or ""] += 1
        if not value.isdigit() or not _SLIDE_ID_MIN <= int(value) <= _SLIDE_ID_MAX:
            yield finding(
                "PKG-BAD-SLIDE-ID",
                f"slide id {value!r} is outside {_SLIDE_ID_MIN}…{_SLIDE_ID_MAX}",
                part=main,
            )
    for value, count in sorted(slide_ids.items()):
        if count > 1:
            yield finding(
                "PKG-DUP-SLIDE-ID", f"slide id {value} is listed {count} times", part=main
            )
    for value, count in sorted(slide_rels.items()):
        if count > 1:
            yield finding(
                "PKG-DUP-SLIDE-ID",
                f"slide relationship {value} is listed {count} times (the same slide twice)",
                part=main,
            )
    yield from _layout_ids(package, main, root)


def _layout_ids(package: Package, main: str, root: etree._Element) -> Iterator[Finding]:
    # Master ids (in presentation.xml) and layout ids (in each master) share one range.
    seen: Counter[str] = Counter()
    where: dict[str, str] = {}
    owners = [(main, root, "sldMasterIdLst/p:sldMasterId")]
    for master in package.related(main, "slideMaster"):
        master_root = package.xml(master)
        if master_root is not None:
            owners.append((master, master_root, "sldLayoutIdLst/p:sldLayoutId"))
    for part, owner, path in owners:
        for element in owner.iterfind(f"p:{path}", {"p": P_NS}):
            value = element.get("id") or ""
            seen[value] += 1
            where.setdefault(value, part)
            if not value.isdigit() or int(value) < _LAYOUT_ID_MIN:
                yield finding(
                    "PKG-DUP-LAYOUT-ID",
                    f"master/layout id {value!r} is below {_LAYOUT_ID_MIN}",
                    part=part,
                )
    for value, count in sorted(seen.items()):
        if count > 1:
            yield finding(
                "PKG-DUP-LAYOUT-ID",
                f"master/layout id {value} is used {count} times",
                part=where[value],
            )


def _shape_ids(package: Package) -> Iterator[Finding]:
    for name in package.parts:
        root = package.xml(name) if name.casefold().endswith(".xml") else None
        if root is None or root.tag not in _SHAPE_TREE_ROOTS:
            continue
        first_name: dict[str, str] = {}
        reported: set[str] = set()
        # The ancestor test is slow; it only matters where alternate content exists.
        fallback = root.find(f".//{{{MC_NS}}}Fallback") is not None
        shapes = (cast("list[etree._Element]", _SHAPE_IDS(root)) if fallback
                  else root.iter(f"{{{P_NS}}}cNvPr"))
        for props in shapes:
            value = props.get("id") or ""
            shape = props.get("name") or ""
            if value not in first_name:
                first_name[value] = shape
            elif value not in reported:
                reported.add(value)
                yield _at(
                    package,
                    "PKG-DUP-SHAPE-ID",
                    f'shape id {value} is used by "{first_name[value]}" and "{shape}"',
                    name,
                    shape=shape,
                )
