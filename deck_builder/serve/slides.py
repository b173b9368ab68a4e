"""What the page shows of a built deck: each slide's key, text, source and diagnostics.

A slide's key is a digest of everything that decides its picture: its XML (which
carries its number in the footer) and, through its relationships, the bytes of its
pictures, its layout, the layout's master and theme. The same key means the same
picture, so a picture is drawn once per key and kept by it.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from deck_builder.checks.accessibility import check_loaded_accessibility
from deck_builder.checks.findings import Finding
from deck_builder.checks.package import Package, open_package
from deck_builder.content import richtext
from deck_builder.errors import Problem, SourceRef
from deck_builder.planning.model import SlidePlan, TextBlock

# Relationships that do not change what a slide looks like.
_UNSEEN = frozenset({"notesSlide"})


@dataclass
class Note:
    """One diagnostic shown beside a slide (or above the deck): a build warning, an
    accessibility finding or a content error."""

    level: str  # "error" or "warning"
    message: str
    where: str = ""
    code: str = ""

    def as_dict(self) -> dict[str, str]:
        """A JSON-ready view."""
        return {"level": self.level, "message": self.message, "where": self.where,
                "code": self.code}


@dataclass
class SlideView:
    """One slide as the page shows it."""

    number: int
    key: str
    name: str
    kind: str
    layout: str
    title: str
    source: str
    text: list[dict[str, Any]]
    notes: list[Note] = field(default_factory=list)

    def as_dict(self, picture: bool) -> dict[str, Any]:
        """A JSON-ready view; `picture`: whether the picture of `key` is ready."""
        return {"number": self.number, "key": self.key, "name": self.name, "kind": self.kind,
                "layout": self.layout, "title": self.title, "source": self.source,
                "text": self.text, "notes": [note.as_dict() for note in self.notes],
                "picture": picture}


def slide_keys(data: bytes, package: Package) -> list[str]:
    """The key of each slide of a built deck, in slide order (see the module's doc)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = {info.filename for info in archive.infolist()}
        digests: dict[str, bytes] = {}

        def digest(part: str) -> bytes:
            if part in digests:
                return digests[part]
            digests[part] = b""  # a cycle (master ↔ layouts) counts each part once
            hasher = hashlib.sha256(archive.read(part) if part in names else b"")
            for rel in package.rels(part):
                if rel.kind in _UNSEEN:
                    continue
                hasher.update(rel.id.encode() + b"\0" + rel.type.encode() + b"\0")
                if rel.external or rel.resolved is None:
                    hasher.update(rel.target.encode())
                else:
                    hasher.update(digest(package.actual(rel.resolved) or rel.resolved))
            digests[part] = hasher.digest()
            return digests[part]

        return [digest(part).hex() for part in package.slides()]


def slide_views(data: bytes, plans: list[SlidePlan], warnings: list[Problem]
                ) -> tuple[list[SlideView], list[Note]]:
    """The slides of a built deck with their build warnings, and the warnings that
    belong to no slide. A warning goes to the slide written at or above its line in
    the same file, and to that slide's "(vervolg)" slides."""
    package = open_package(data)
    keys = slide_keys(data, package)
    views = [_view(number, key, plan)
             for number, (key, plan) in enumerate(zip(keys, plans, strict=False), start=1)]
    loose: list[Note] = []
    for problem in warnings:
        note = Note("warning", problem.message, _place(problem.where), "FIT-WARNING")
        owners = _slides_of(views, plans, problem.where)
        for view in owners:
            view.notes.append(note)
        if not owners:
            loose.append(note)
    return views, loose


def accessibility_notes(data: bytes, views: list[SlideView]) -> list[Note]:
    """The accessibility findings of a built deck (those of `deck-builder check`) as
    notes: each slide's added to its view, the deck's returned."""
    loose: list[Note] = []
    for finding in check_loaded_accessibility(open_package(data)):
        note = _finding_note(finding)
        if finding.slide is not None and 0 < finding.slide <= len(views):
            views[finding.slide - 1].notes.append(note)
        else:
            loose.append(note)
    return loose


def problem_notes(problems: list[Problem], level: str = "error") -> list[Note]:
    """Content problems as notes (`file:line:col` and message)."""
    return [Note(level, problem.message, str(problem.where) if problem.where else "")
            for problem in problems]


def _view(number: int, key: str, plan: SlidePlan) -> SlideView:
    text: list[dict[str, Any]] = []
    for role, fill in plan.texts.items():
        text.append(_block(role, fill.block))
    for shape in plan.shapes:
        block = getattr(shape, "text", None)
        if isinstance(block, TextBlock):
            text.append(_block(str(getattr(shape, "name", "")), block))
    title_fill = plan.texts.get("title")
    title = (" ".join(richtext.plain(para.runs) for para in title_fill.block.paragraphs)
             if title_fill is not None else "")
    return SlideView(number, key, plan.name, plan.kind, plan.layout, title,
                     _place(plan.source, column=False), text)


def _block(role: str, block: TextBlock) -> dict[str, Any]:
    return {"role": role, "size": block.size, "overflows": block.overflows,
            "paragraphs": [{"text": richtext.plain(para.runs), "level": para.level,
                            "bullet": para.bullet or bool(para.numbered)}
                           for para in block.paragraphs]}


def _slides_of(views: list[SlideView], plans: list[SlidePlan],
               where: SourceRef | None) -> list[SlideView]:
    """The slides written nearest at or above `where` in the same file: one slide, or
    a slide and its "(vervolg)" slides, which share its source."""
    if where is None:
        return []
    best = -1
    for plan in plans[:len(views)]:
        source = plan.source
        if source is not None and source.path == where.path and best < source.line <= where.line:
            best = source.line
    return [view for view, plan in zip(views, plans, strict=False)
            if plan.source is not None and plan.source.path == where.path
            and plan.source.line == best]


def _place(where: SourceRef | None, column: bool = True) -> str:
    if where is None:
        return ""
    return str(where) if column else _without_column(where)


def _without_column(where: SourceRef) -> str:
    shown = str(where)
    if where.line <= 0:
        return shown
    return shown.rsplit(":", 1)[0]


def _finding_note(finding: Finding) -> Note:
    where = str(finding.where) if finding.where is not None else (
        f'dia {finding.slide}' + (f', "{finding.shape}"' if finding.shape else "")
        if finding.slide is not None else "")
    return Note(finding.severity, finding.message, where, finding.code)
