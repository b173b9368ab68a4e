"""Findings of the deck checks, the registry of their codes, and the report built from them.

Every finding carries a stable code (`PKG-…` for package integrity, `A11Y-…` for
accessibility). `CODES` lists each code with its default severity and a one-line
description, so documentation and `--format json` users can rely on them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, NamedTuple

from deck_builder.errors import SourceRef

Severity = Literal["error", "warning"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning")


class CodeInfo(NamedTuple):
    """A finding code: its default severity and what it means, in one line."""

    code: str
    severity: Severity
    description: str


def _registry(*entries: tuple[str, Severity, str]) -> dict[str, CodeInfo]:
    return {code: CodeInfo(code, severity, text) for code, severity, text in entries}


# Errors are what makes PowerPoint offer to "repair" a file (package) or what PowerPoint's
# accessibility checker and WCAG 2.1 level A treat as failures; warnings need a human look.
CODES: dict[str, CodeInfo] = _registry(
    ("PKG-BAD-ZIP", "error", "the file is not a readable zip archive"),
    ("PKG-DUP-ZIP-ENTRY", "error", "two zip entries have the same name (ignoring case)"),
    (
        "PKG-BAD-PART-NAME",
        "error",
        "a zip entry name is not a valid part name (folder entry, leading '/', '\\' or '..')",
    ),
    ("PKG-MISSING-PART", "error", "a part every presentation needs is missing"),
    ("PKG-NO-CONTENT-TYPE", "error", "a part has no content type (no Default or Override)"),
    ("PKG-DANGLING-OVERRIDE", "error", "a content type Override names a part that is missing"),
    ("PKG-DUP-CONTENT-TYPE", "error", "an extension or part name is declared twice"),
    (
        "PKG-WRONG-CONTENT-TYPE",
        "error",
        "a part's content type does not fit the relationship that points at it",
    ),
    ("PKG-BAD-XML", "error", "an XML part is not well-formed (or has illegal characters)"),
    ("PKG-DANGLING-REL", "error", "an internal relationship targets a part that is missing"),
    ("PKG-DUP-REL-ID", "error", "a relationship Id is used twice in one .rels part"),
    ("PKG-UNRESOLVED-RID", "error", "an r:id-style attribute names no relationship of its part"),
    ("PKG-ORPHAN-PART", "warning", "a part is not reachable from the package relationships"),
    ("PKG-EXTERNAL-TARGET", "warning",
     "a relationship points outside the package at what readers fetch, or at a local file"),
    ("PKG-DUP-SHAPE-ID", "error", "two shapes of one slide, layout or master share an id"),
    ("PKG-DUP-SLIDE-ID", "error", "a slide id or slide relationship is listed twice"),
    ("PKG-BAD-SLIDE-ID", "error", "a slide id is outside 256…2147483647"),
    (
        "PKG-DUP-LAYOUT-ID",
        "error",
        "a slide master or layout id is repeated or below 2147483648",
    ),
    ("A11Y-NO-TITLE", "error", "a slide has no title placeholder with text"),
    ("A11Y-DUP-TITLE", "warning", "two slides have the same title"),
    ("A11Y-ALT-MISSING", "error", "a picture, chart or diagram has no alt text"),
    ("A11Y-TABLE-HEADER", "error", "a table has no header row"),
    ("A11Y-READING-ORDER", "warning", "the reading order differs from the visual order"),
    ("A11Y-CONTRAST", "warning", "text contrast is below WCAG 2.1 AA (4.5:1, large text 3:1)"),
    ("A11Y-SMALL-TEXT", "warning", "text is smaller than 12 pt"),
    ("A11Y-NO-DOC-TITLE", "error", "the document title (docProps/core.xml) is not set"),
    ("A11Y-NO-LANGUAGE", "error", "no language is set for the document or its text"),
    ("CONTENT-ERROR", "error", "the content cannot be built (schema, files, variables, YAML)"),
    ("AFDELING-ERROR", "error",
     "an afdeling's deck cannot be built (its overlay, or what it makes of the base deck)"),
    ("FIT-WARNING", "warning", "text was shrunk or split over continuation slides to fit"),
    ("TEMPLATE-WARNING", "warning",
     "the template lacks something the deck uses (a font, a layout of its own for a kind)"),
    # What PowerPoint's accessibility checker does not look at (links.py, language.py,
    # decorative.py, contrast.py).
    ("A11Y-LINK-BARE-URL", "warning", "the text of a link is a web address, not a name"),
    ("A11Y-LINK-TEXT", "warning", "a link's text does not say where it leads, or it has none"),
    ("A11Y-LANGUAGE-UNMARKED", "warning",
     "text in another language than the deck's is not marked as such"),
    ("A11Y-LANGUAGE-MISMATCH", "warning", "text is marked as a language it is not written in"),
    ("A11Y-DECORATIVE-UNREAD", "error",
     "a decorative flag is not written the way PowerPoint and screen readers read it"),
    ("A11Y-DECORATIVE-ALT", "warning", "a shape marked decorative also has alt text"),
    ("A11Y-CONTRAST-RENDERED", "error",
     "text contrast on the rendered slide (over a picture or gradient) is below WCAG 2.1 AA"),
    # The deck's PDF beside it (pdf_ua.py).
    ("A11Y-PDF-UNTAGGED", "error", "the PDF is not tagged (no structure tree)"),
    ("A11Y-PDF-NO-LANGUAGE", "error", "the PDF has no document language"),
    ("A11Y-PDF-NO-TITLE", "error", "the PDF has no title, or does not show it"),
    ("A11Y-PDF-FIGURE-ALT", "error", "a figure in the PDF has no alt text"),
    ("A11Y-PDF-NOT-UA", "warning", "the PDF does not identify itself as PDF/UA-1"),
)


@dataclass(frozen=True)
class Finding:
    """One problem of a deck.

    `slide` is the 1-based slide number, `shape` the shape's name, `part` the package
    part (`ppt/slides/slide3.xml`), `where` the content file position when the caller
    knows it. The code must be registered in `CODES`.
    """

    code: str
    severity: Severity
    message: str
    slide: int | None = None
    shape: str | None = None
    part: str | None = None
    where: SourceRef | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown finding code {self.code!r}: add it to CODES")
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be 'error' or 'warning', not {self.severity!r}")

    @property
    def location(self) -> str:
        """Where the finding is, as a person reads it: content position, slide, shape, part."""
        pieces: list[str] = []
        if self.where is not None:
            pieces.append(str(self.where))
        if self.slide is not None:
            pieces.append(f"slide {self.slide}")
        elif self.part is not None:
            pieces.append(self.part)
        if self.shape is not None:
            pieces.append(f'shape "{self.shape}"')
        return ", ".join(pieces) if pieces else "deck"

    def to_text(self) -> str:
        """`slide 3, shape "Titel 1": A11Y-ALT-MISSING: picture has no alt text`."""
        return f"{self.location}: {self.code}: {self.message}"

    def to_dict(self) -> dict[str, str | int | None]:
        """The finding as the JSON report writes it."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "slide": self.slide,
            "shape": self.shape,
            "part": self.part,
            "location": None if self.where is None else str(self.where),
        }


def finding(
    code: str,
    message: str,
    *,
    slide: int | None = None,
    shape: str | None = None,
    part: str | None = None,
    where: SourceRef | None = None,
) -> Finding:
    """A finding with its code's default severity from `CODES`."""
    return Finding(code, CODES[code].severity, message, slide, shape, part, where)


def _sort_key(item: Finding) -> tuple[int, str, int, int, int, str, str, str, str, str]:
    # Deck-wide findings first; then by content file and position, as numbers (line 3
    # before line 32), which keeps each slide's findings together; then slide by slide
    # (a deck without content), and within a slide by part and shape, so the order
    # does not depend on the order the checks ran in.
    where = item.where
    return (
        0 if item.slide is None and where is None else 1,
        "" if where is None else str(where.path),
        0 if where is None else where.line,
        0 if where is None else where.column,
        item.slide or 0,
        item.part or "",
        item.shape or "",
        item.code,
        item.message,
        item.severity,
    )


@dataclass(frozen=True, init=False)
class Report:
    """The findings of a deck check, sorted and de-duplicated."""

    findings: tuple[Finding, ...]

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        unique = sorted(set(findings), key=_sort_key)
        object.__setattr__(self, "findings", tuple(unique))

    @property
    def errors(self) -> list[Finding]:
        """The findings of severity error."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """The findings of severity warning."""
        return [f for f in self.findings if f.severity == "warning"]

    def codes(self) -> set[str]:
        """The distinct codes found."""
        return {f.code for f in self.findings}

    def exit_code(self, strict: bool = False) -> int:
        """1 when there are errors (or, when strict, warnings); otherwise 0."""
        if self.errors or (strict and self.warnings):
            return 1
        return 0

    def summary(self) -> str:
        """One English line: how many errors and warnings."""
        if not self.findings:
            return "no problems found"
        return f"{_count(len(self.errors), 'error')}, {_count(len(self.warnings), 'warning')}"

    def to_text(self) -> str:
        """One line per finding, then the summary line."""
        return "\n".join([*(f.to_text() for f in self.findings), self.summary()])

    def to_json(self) -> str:
        """`{"findings": [...], "errors": n, "warnings": n}` with sorted keys and findings."""
        import json  # only for --format json; a build checks its deck without it
        document = {
            "findings": [f.to_dict() for f in self.findings],
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }
        return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
