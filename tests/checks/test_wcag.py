"""The accessibility report: the criteria table, and the verdict and report line each
crafted problem gets."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from pptx import Presentation
from pptx.util import Emu

from deck_builder.checks import check_deck
from deck_builder.checks.contrast import SlideImages
from deck_builder.checks.package import open_package
from deck_builder.checks.wcag import CRITERIA, AccessibilityReport, build_report, deck_facts
from tests.checks.decks import new_deck, picture, text_box, titled_slide, to_bytes
from tests.checks.test_contrast import _dark_picture_deck

VOID = {"2.4.1", "2.4.5", "3.2.3", "3.2.4"}


def _report(data: bytes, draw: SlideImages | None = None) -> AccessibilityReport:
    findings = check_deck(data, draw=draw).findings
    return build_report("deck.pptx", findings, deck_facts(open_package(data), draw is not None))


def _verdict(report: AccessibilityReport, number: str) -> tuple[str, list[str]]:
    verdict = next(v for v in report.verdicts if v.criterion.number == number)
    return verdict.status, [f.code for f in verdict.findings]


def test_the_table_holds_wcag_21_a_and_aa_with_four_void_for_documents() -> None:
    numbers = [c.number for c in CRITERIA]
    assert len(numbers) == len(set(numbers)) == 50
    assert sum(c.level == "A" for c in CRITERIA) == 30
    assert {c.number for c in CRITERIA if c.void} == VOID
    assert all(c.name[0] and c.name[1] for c in CRITERIA)
    assert next(c for c in CRITERIA if c.number == "1.4.10").clause == "10.1.4.10"


def test_void_criteria_are_not_applicable_with_the_reason() -> None:
    report = _report(to_bytes(new_deck()))
    for verdict in report.verdicts:
        if verdict.criterion.number in VOID:
            assert verdict.status == "not-applicable"
            assert "EN 301 549" in verdict.note[1]


def _nl_deck() -> Presentation:
    prs = new_deck("Testdeck")
    prs.core_properties.language = "nl-NL"
    return prs


def test_a_bare_web_address_link_asks_for_a_look_at_link_purpose() -> None:
    prs = _nl_deck()
    slide = titled_slide(prs, "Partners")
    run = slide.shapes.add_textbox(914400, 1828800, 5486400, 914400) \
        .text_frame.paragraphs[0].add_run()
    run.text = "https://www.ipo.nl"
    run.hyperlink.address = "https://www.ipo.nl"
    assert _verdict(_report(to_bytes(prs)), "2.4.4") == ("review", ["A11Y-LINK-BARE-URL"])


def test_an_untagged_decorative_picture_fails_non_text_content() -> None:
    prs = _nl_deck()
    picture(titled_slide(prs, "Sfeer"), "")
    report = _report(to_bytes(prs))
    assert _verdict(report, "1.1.1") == ("fail", ["A11Y-ALT-MISSING"])
    finding = next(v for v in report.verdicts if v.criterion.number == "1.1.1").findings[0]
    assert finding.slide == 1
    assert finding.shape == "Picture 2"


def test_english_text_without_a_marker_asks_for_a_look_at_language_of_parts() -> None:
    prs = _nl_deck()
    box = text_box(titled_slide(prs, "Samenvatting"), "This is the summary of the plan for you")
    for props in box.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}rPr"):
        props.set("lang", "nl-NL")
    assert _verdict(_report(to_bytes(prs)), "3.1.2") == ("review", ["A11Y-LANGUAGE-UNMARKED"])


def test_a_wrong_reading_order_asks_for_a_look_at_meaningful_sequence() -> None:
    prs = _nl_deck()
    slide = titled_slide(prs, "Volgorde")
    # The lower box first in the shape tree: read before the one above it.
    text_box(slide, "Tweede alinea", box=(Emu(914400), Emu(914400 * 4), Emu(914400 * 6),
                                          Emu(914400)))
    text_box(slide, "Eerste alinea", box=(Emu(914400), Emu(914400 * 2), Emu(914400 * 6),
                                          Emu(914400)))
    report = _report(to_bytes(prs))
    assert _verdict(report, "1.3.2") == ("review", ["A11Y-READING-ORDER"])
    assert _verdict(report, "2.4.3") == ("review", ["A11Y-READING-ORDER"])


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                    reason="needs LibreOffice and poppler")
def test_low_contrast_on_a_dark_picture_fails_contrast() -> None:
    from deck_builder.delivery.slide_pictures import slide_pictures

    report = _report(_dark_picture_deck("333333"), slide_pictures)
    assert _verdict(report, "1.4.3") == ("fail", ["A11Y-CONTRAST-RENDERED"])
    assert report.facts.drawn


def test_text_over_a_picture_without_drawing_is_left_to_a_person() -> None:
    report = _report(_dark_picture_deck("333333"))
    status, _ = _verdict(report, "1.4.3")
    assert status == "review"
    note = next(v for v in report.verdicts if v.criterion.number == "1.4.3").note[1]
    assert "not measured" in note


def test_a_python_pptx_deck_with_a_picture_without_alt_text_gets_a_useful_report() -> None:
    prs = Presentation()  # another tool's defaults: no title, no language
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Resultaten"
    slide.shapes.add_picture(io.BytesIO(_png()), Emu(0), Emu(0))
    report = _report(to_bytes(prs))
    assert _verdict(report, "1.1.1") == ("fail", ["A11Y-ALT-MISSING"])
    assert _verdict(report, "2.4.2") == ("fail", ["A11Y-NO-DOC-TITLE"])
    assert report.count("fail") >= 2
    document = json.loads(report.to_json())
    first = next(c for c in document["criteria"] if c["criterion"] == "1.1.1")
    assert first["findings"][0]["slide"] == 1
    assert first["note"]["nl"]
    assert first["note"]["en"]


def _png() -> bytes:
    from tests.conftest import png_bytes

    return png_bytes()
