"""The PDF of a deck, checked for what a screen reader needs (PDF/UA-1, WCAG 2.1).

`check DECK.pptx` also checks `DECK.pdf` beside it, when there is one:

- `A11Y-PDF-UNTAGGED`: no structure tree, or not marked as tagged: a screen reader gets
  the text in drawing order, without headings, lists or alt text (1.3.1).
- `A11Y-PDF-NO-LANGUAGE`: no document language (/Lang) (3.1.1).
- `A11Y-PDF-NO-TITLE`: no title in the metadata, or the viewer is not asked to show it
  instead of the file name (2.4.2).
- `A11Y-PDF-FIGURE-ALT`: a Figure in the structure tree without alt text (1.1.1).
- `A11Y-PDF-NOT-UA`: the PDF does not identify itself as PDF/UA (warning: it may be
  accessible all the same).

A file that is no readable PDF is `A11Y-PDF-UNTAGGED` with the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pikepdf

from deck_builder.checks.findings import Finding, finding

MAX_FIGURES_REPORTED = 20


def pdf_beside(deck: Path) -> Path | None:
    """The PDF made of `deck` (`<stem>.pdf` in its folder), if there is one."""
    candidate = deck.with_suffix(".pdf")
    return candidate if candidate.is_file() else None


def check_pdf(path: Path) -> list[Finding]:
    """The findings of a PDF; each names the PDF as its part."""
    name = path.name
    try:
        with pikepdf.open(path) as pdf:
            return list(_check(pdf, name))
    except (pikepdf.PdfError, OSError) as error:
        return [finding("A11Y-PDF-UNTAGGED", f"not a readable PDF: {error}", part=name)]


def _check(pdf: pikepdf.Pdf, name: str) -> Iterator[Finding]:
    root = pdf.Root
    mark = root.get("/MarkInfo")
    marked = isinstance(mark, pikepdf.Dictionary) and bool(mark.get("/Marked", False))
    tree = root.get("/StructTreeRoot")
    if tree is None or not marked:
        yield finding("A11Y-PDF-UNTAGGED", "the PDF is not tagged: export it with "
                      "`deck-builder build --pdf` (or PowerPoint's “Document structure tags "
                      "for accessibility”)", part=name)
    if not str(root.get("/Lang", "")).strip():
        yield finding("A11Y-PDF-NO-LANGUAGE", "the PDF has no document language (/Lang)",
                      part=name)
    title = str(pdf.docinfo.get("/Title", "")).strip() if pdf.docinfo is not None else ""
    preferences = root.get("/ViewerPreferences")
    shows = isinstance(preferences, pikepdf.Dictionary) and \
        bool(preferences.get("/DisplayDocTitle", False))
    if not title:
        yield finding("A11Y-PDF-NO-TITLE", "the PDF has no title", part=name)
    elif not shows:
        yield finding("A11Y-PDF-NO-TITLE", "the PDF viewer is not asked to show the title "
                      "(DisplayDocTitle) but the file name", part=name)
    with pdf.open_metadata() as meta:
        identified = str(meta.get("pdfuaid:part", "")).strip() == "1"
    if not identified:
        yield finding("A11Y-PDF-NOT-UA", "the PDF does not identify itself as PDF/UA-1",
                      part=name)
    if tree is not None:
        pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        reported = 0
        for element, page in _figures(tree, 0, pages):
            if str(element.get("/Alt", "")).strip():
                continue
            reported += 1
            if reported > MAX_FIGURES_REPORTED:
                break
            where = f" on page {page}" if page else ""
            yield finding("A11Y-PDF-FIGURE-ALT", f"a figure{where} has no alt text", part=name)


def _figures(node: pikepdf.Object | None, page: int, pages: dict[tuple[int, int], int]
             ) -> Iterator[tuple[pikepdf.Dictionary, int]]:
    if not isinstance(node, pikepdf.Dictionary):
        return
    at = node.get("/Pg")
    if isinstance(at, pikepdf.Dictionary):
        page = pages.get(at.objgen, page)
    if node.get("/S") == pikepdf.Name.Figure:
        yield node, page
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        yield from _figures(kid, page, pages)
