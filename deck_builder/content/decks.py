"""Presentations that content names (`kind: slides-from`), read and checked once.

A deck in the content folder is untrusted input like any picture: it is unpacked the
one safe way (ooxml.reading: counted, no DOCTYPE, one copy of each member) when the
content is loaded, so a file that is missing or no presentation is an error at the line
that names it. What a build needs of it is kept: its members, and for each slide its
part, title, layout type and speaker notes, by file and its size and time.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from deck_builder.files import FileTooLarge, NotRegularFile, read_regular
from deck_builder.ooxml import parsing
from deck_builder.ooxml.namespaces import PR_NS, A, P, R
from deck_builder.ooxml.reading import PackageError, package_problems, read_package

MAX_DECK_BYTES = 200_000_000
"""The largest presentation a slide may come from (decks with video run to some tens
of megabytes)."""

EXTENSIONS = (".pptx", ".potx", ".pptm")
_SLIDE = "/slide"
_LAYOUT = "/slideLayout"
_NOTES = "/notesSlide"


class DeckProblem(ValueError):
    """A named presentation that cannot be used; the message is a plain sentence."""


@dataclass(frozen=True)
class ForeignSlide:
    """One slide of another presentation: where it is, what it says of itself."""

    number: int
    part: str  # its member name, e.g. ppt/slides/slide3.xml
    title: str
    layout_type: str  # the type its layout declares (title, obj, secHead, …), or ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ForeignDeck:
    """A presentation content copies slides from: its verified members and slides.

    `digest` stands for the members (they are left out of its repr and comparisons,
    which plans are compared by)."""

    path: Path
    digest: str
    slides: tuple[ForeignSlide, ...]
    members: dict[str, bytes] = field(repr=False, compare=False, hash=False)

    def find(self, wanted: int | str) -> ForeignSlide | None:
        """The slide with that number (from 1) or title (ignoring case and spaces)."""
        if isinstance(wanted, int):
            return self.slides[wanted - 1] if 1 <= wanted <= len(self.slides) else None
        folded = " ".join(wanted.split()).casefold()
        return next((s for s in self.slides if " ".join(s.title.split()).casefold()
                     == folded), None)

    def listing(self) -> str:
        """The slides as a message lists them: `1 "Titel", 2 "Kaart", …`."""
        shown = [f"{s.number} {s.title!r}" if s.title else str(s.number)
                 for s in self.slides[:30]]
        more = f", … ({len(self.slides)} in all)" if len(self.slides) > 30 else ""
        return ", ".join(shown) + more


def inspect(path: Path) -> ForeignDeck:
    """The presentation at `path`, read and verified (cached by size and time).

    Raises DeckProblem when it is missing, too large, no presentation, or damaged."""
    try:
        status = path.stat()
    except OSError:
        raise DeckProblem(f"presentation not found: {path.name}") from None
    return _inspected(path, status.st_mtime_ns, status.st_size)


@functools.lru_cache(maxsize=16)
def _inspected(path: Path, mtime: int, size: int) -> ForeignDeck:
    del mtime, size  # the cache key: a changed file is read again
    try:
        data = read_regular(path, MAX_DECK_BYTES)
    except (NotRegularFile, FileTooLarge) as exc:
        raise DeckProblem(f"{path.name}: {exc.strerror}") from None
    except OSError as exc:
        raise DeckProblem(f"{path.name}: cannot read it ({exc.strerror or exc})") from None
    try:
        members = read_package(data)
    except PackageError as exc:
        raise DeckProblem(f"{path.name} is not a presentation that can be read: {exc}"
                          ) from None
    problems = package_problems(members)
    if problems:
        raise DeckProblem(f"{path.name} is not a presentation that can be read: "
                          f"{problems[0]}")
    return ForeignDeck(path, hashlib.sha256(data).hexdigest(), _slides(members), members)


def related(members: Mapping[str, bytes], part: str) -> dict[str, tuple[str, str, bool]]:
    """The relationships of `part`: id → (type, target member name or URL, external)."""
    folder, base = posixpath.split(part)
    data = members.get(posixpath.join(folder, "_rels", f"{base}.rels"))
    found: dict[str, tuple[str, str, bool]] = {}
    if data is None:
        return found
    try:
        root = parsing.parse(data)
    except etree.XMLSyntaxError:
        return found
    for element in root.iter(f"{{{PR_NS}}}Relationship"):
        external = element.get("TargetMode") == "External"
        target = element.get("Target") or ""
        if not external:
            target = posixpath.normpath(target[1:] if target.startswith("/") else
                                        posixpath.join(folder, target))
        found[element.get("Id") or ""] = (element.get("Type") or "", target, external)
    return found


def _slides(members: dict[str, bytes]) -> tuple[ForeignSlide, ...]:
    main = next((target for kind, target, external in related(members, "").values()
                 if kind.endswith("/officeDocument") and not external), None)
    if main is None or main not in members:
        return ()
    rels = related(members, main)
    root = parsing.parse(members[main])
    slides: list[ForeignSlide] = []
    for slide_id in root.iterfind(f"{P}sldIdLst/{P}sldId"):
        rel = rels.get(slide_id.get(f"{R}id") or "")
        if rel is None or not rel[0].endswith(_SLIDE) or rel[1] not in members:
            continue
        slides.append(_slide(members, rel[1], len(slides) + 1))
    return tuple(slides)


def _slide(members: dict[str, bytes], part: str, number: int) -> ForeignSlide:
    root = parsing.parse(members[part])
    title = ""
    for shape in root.iter(f"{P}sp"):
        ph = shape.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        if ph is not None and ph.get("type") in {"title", "ctrTitle"}:
            title = " ".join("".join(t.text or "" for t in shape.iter(f"{A}t")).split())
            break
    layout_type = ""
    notes: tuple[str, ...] = ()
    for kind, target, external in related(members, part).values():
        if external or target not in members:
            continue
        if kind.endswith(_LAYOUT):
            layout_type = parsing.parse(members[target]).get("type", "")
        elif kind.endswith(_NOTES):
            notes = _notes(parsing.parse(members[target]))
    return ForeignSlide(number, part, title, layout_type, notes)


def _notes(root: etree._Element) -> tuple[str, ...]:
    for shape in root.iter(f"{P}sp"):
        ph = shape.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        if ph is not None and ph.get("type") == "body":
            return tuple(text for text in (
                " ".join("".join(t.text or "" for t in p.iter(f"{A}t")).split())
                for p in shape.iter(f"{A}p")) if text)
    return ()
