"""Finishing LibreOffice's tagged PDF: decoration as artifacts, dates from the deck.

LibreOffice 7.4 tags every drawn shape that holds no text as a Figure, with the shape's
alt text as /Alt: a decorative picture (it does not read PowerPoint's decorative flag)
and a plain accent bar become Figures without /Alt, which screen readers announce as
unnamed graphics and PDF/UA forbids. Pictures in our decks have alt text unless they are
decoration (the build refuses them otherwise), so here every Figure without /Alt becomes
an artifact: its marked content is re-marked `/Artifact`, and the Figure leaves the
structure tree and the page's entry in the parent tree.

LibreOffice also stamps the export time as the creation date and derives the file
identifier from it; both are replaced by the deck's own creation date (the deck date,
for our decks) and an identifier computed from the content, so the same deck gives the
same PDF bytes.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pikepdf

from deck_builder.checks.package import open_package
from deck_builder.delivery.pdf_links import tag_links
from deck_builder.ooxml.namespaces import NSMAP

_DCTERMS = "http://purl.org/dc/terms/"


def finish_pdf(pdf: bytes, deck: bytes) -> bytes:
    """The PDF with figures without alt text as artifacts, links in the structure tree
    with their text (`pdf_links`), the deck's creation date and a content-derived
    identifier."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        _artifact_unnamed_figures(document)
        tag_links(document)
        created = _deck_created(deck)
        if created is not None:
            _set_dates(document, created)
        # LibreOffice's checksum and identifier of the export, both made from its time:
        # the identifier is made again from the content when the file is written.
        for key in ("/DocChecksum", "/ID"):
            if key in document.trailer:
                del document.trailer[key]
        out = io.BytesIO()
        document.save(out, deterministic_id=True, fix_metadata_version=False)
        return out.getvalue()


def _artifact_unnamed_figures(document: pikepdf.Pdf) -> None:
    root = document.Root.get("/StructTreeRoot")
    if root is None:
        return
    unnamed: list[tuple[pikepdf.Dictionary, pikepdf.Object]] = []
    _find(root, unnamed)
    if not unnamed:
        return
    # Marked content ids of each page (by object id) that become artifacts.
    by_page: dict[tuple[int, int], set[int]] = {}
    for element, parent in unnamed:
        at = element.get("/Pg")
        kids = element.get("/K")
        ids = {_integer(k) for k in (kids if isinstance(kids, pikepdf.Array) else [kids])
               if isinstance(k, int)}
        if at is not None and ids:
            by_page.setdefault(at.objgen, set()).update(ids)
        _remove_kid(parent, element)
    tree = root.get("/ParentTree")
    numbers = pikepdf.NumberTree(tree) if tree is not None else None
    for page in document.pages:
        marked = by_page.get(page.obj.objgen)
        if not marked:
            continue
        _remark(document, page, marked)
        key = page.obj.get("/StructParents")
        if numbers is not None and isinstance(key, int) and int(key) in numbers:
            entries = numbers[int(key)]
            for mcid in marked:
                if mcid < len(entries):
                    entries[mcid] = None


def _integer(value: object) -> int:
    """A PDF integer (pikepdf gives them as Python ints) as an int."""
    assert isinstance(value, int)
    return value


def _find(node: pikepdf.Object, found: list[tuple[pikepdf.Dictionary, pikepdf.Object]]) -> None:
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
            continue
        if kid.get("/S") == pikepdf.Name.Figure and not str(kid.get("/Alt", "")).strip():
            found.append((kid, node))
        else:
            _find(kid, found)


def _remove_kid(parent: pikepdf.Object, element: pikepdf.Dictionary) -> None:
    kids = parent.get("/K")
    if isinstance(kids, pikepdf.Array):
        for index in reversed(range(len(kids))):
            if isinstance(kids[index], pikepdf.Dictionary) and kids[index].objgen == element.objgen:
                del kids[index]
    elif isinstance(kids, pikepdf.Dictionary):
        del parent["/K"]


def _remark(document: pikepdf.Pdf, page: pikepdf.Page, ids: set[int]) -> None:
    """Re-mark the marked content with these ids on `page` as artifacts."""
    instructions: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = []
    for instruction in pikepdf.parse_content_stream(page):
        if isinstance(instruction, pikepdf.ContentStreamInstruction) \
                and str(instruction.operator) == "BDC" and len(instruction.operands) == 2:
            properties = instruction.operands[1]
            if isinstance(properties, pikepdf.Dictionary) and \
                    properties.get("/MCID") in ids:
                instructions.append(pikepdf.ContentStreamInstruction(
                    [pikepdf.Name.Artifact], pikepdf.Operator("BMC")))
                continue
        instructions.append(instruction)
    page.obj.Contents = document.make_stream(pikepdf.unparse_content_stream(instructions))


def _deck_created(deck: bytes) -> datetime | None:
    try:
        core = open_package(deck).xml("docProps/core.xml")
    except Exception:  # no deck: keep LibreOffice's date
        return None
    if core is None:
        return None
    text = (core.findtext(f"{{{_DCTERMS}}}created", namespaces=NSMAP) or "").strip()
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", text):
        return None
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _set_dates(document: pikepdf.Pdf, created: datetime) -> None:
    stamp = created.strftime("D:%Y%m%d%H%M%SZ")
    document.docinfo["/CreationDate"] = stamp
    document.docinfo["/ModDate"] = stamp
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        iso = created.strftime("%Y-%m-%dT%H:%M:%SZ")
        meta["xmp:CreateDate"] = iso
        meta["xmp:ModifyDate"] = iso
