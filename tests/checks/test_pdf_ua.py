"""The PDF beside a deck: one crafted PDF per code, a sound one without findings, and
`check DECK.pptx` checking the PDF `build --pdf` wrote."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from deck_builder.checks import CODES
from deck_builder.checks.pdf_ua import check_pdf, pdf_beside
from tests.conftest import Cli
from tests.variants_support import copy_content


def _sound(folder: Path, drop: str = "") -> Path:
    """A one-page tagged PDF/UA PDF with one figure (with alt text unless `drop` is
    "alt"), leaving out what `drop` names."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    page = pdf.pages[0]
    figure = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.StructElem, S=pikepdf.Name.Figure, Pg=page.obj, K=0))
    if drop != "alt":
        figure.Alt = pikepdf.String("Kaart van Nederland")
    if drop != "tags":
        pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([figure])))
    if drop != "lang":
        pdf.Root.Lang = pikepdf.String("nl-NL")
    if drop != "title":
        pdf.docinfo["/Title"] = "Actualiteiten"
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=drop != "show-title")
    if drop != "ua":
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["pdfuaid:part"] = "1"
    path = folder / f"deck-{drop or 'sound'}.pdf"
    pdf.save(path)
    return path


PDF_CASES: dict[str, Callable[[Path], Path]] = {
    "A11Y-PDF-UNTAGGED": lambda folder: _sound(folder, "tags"),
    "A11Y-PDF-NO-LANGUAGE": lambda folder: _sound(folder, "lang"),
    "A11Y-PDF-NO-TITLE": lambda folder: _sound(folder, "title"),
    "A11Y-PDF-FIGURE-ALT": lambda folder: _sound(folder, "alt"),
    "A11Y-PDF-NOT-UA": lambda folder: _sound(folder, "ua"),
}


@pytest.mark.parametrize("code", sorted(PDF_CASES))
def test_each_crafted_pdf_gives_exactly_its_code(code: str, tmp_path: Path) -> None:
    found = check_pdf(PDF_CASES[code](tmp_path))
    assert {f.code for f in found} == {code}, [f.to_text() for f in found]
    assert {f.severity for f in found} == {CODES[code].severity}


def test_a_sound_pdf_has_no_findings(tmp_path: Path) -> None:
    assert check_pdf(_sound(tmp_path)) == []


def test_a_title_the_viewer_does_not_show_is_found(tmp_path: Path) -> None:
    found = check_pdf(_sound(tmp_path, "show-title"))
    assert [f.code for f in found] == ["A11Y-PDF-NO-TITLE"]
    assert "DisplayDocTitle" in found[0].message


def test_a_file_that_is_no_pdf_is_untagged(tmp_path: Path) -> None:
    broken = tmp_path / "deck.pdf"
    broken.write_bytes(b"%PDF-1.7 nothing")
    found = check_pdf(broken)
    assert [f.code for f in found] == ["A11Y-PDF-UNTAGGED"]
    assert pdf_beside(tmp_path / "deck.pptx") == broken


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_check_of_a_deck_checks_its_pdf_too(cli: Cli, tmp_path: Path) -> None:
    copy_content(tmp_path)
    assert cli("build", "content", "-o", "deck.pptx", "--pdf").exit_code == 0
    run = cli("check", "deck.pptx", "--report", "rapport.json")
    assert run.exit_code == 0, run.stdout
    assert "A11Y-PDF" not in run.stdout
    assert '"pdf": "deck.pdf"' in Path("rapport.json").read_text(encoding="utf-8")
    # An untagged PDF in its place is found.
    untagged = pikepdf.new()
    untagged.add_blank_page()
    untagged.save("deck.pdf")
    run = cli("check", "deck.pptx")
    assert run.exit_code == 1
    assert "deck.pdf: A11Y-PDF-UNTAGGED" in run.stdout
