"""Findings, the code registry, the report and check_deck."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from deck_builder.checks import CODES, Finding, Report, check_deck
from deck_builder.checks.findings import finding
from deck_builder.errors import SourceRef
from tests.checks.decks import new_deck, picture, text_box, titled_slide, to_bytes
from tests.checks.test_accessibility import ACCESSIBILITY_CASES
from tests.checks.test_more import MORE_CASES
from tests.checks.test_package import PACKAGE_CASES
from tests.checks.test_pdf_ua import PDF_CASES
from tests.conftest import BuiltDeck

# -- the registry --------------------------------------------------------------------------


def test_every_code_is_well_formed() -> None:
    for code, info in CODES.items():
        assert info.code == code
        assert re.fullmatch(r"(PKG|A11Y|CONTENT|AFDELING|FIT|TEMPLATE)(-[A-Z0-9]+)+", code), code
        assert info.severity in {"error", "warning"}
        assert info.description
        assert "\n" not in info.description
        assert info.description == info.description.strip()


def test_every_code_has_a_crafted_deck_that_produces_it() -> None:
    # PKG-BAD-ZIP is produced from bytes that are no zip (test_package); the content codes
    # by checking content folders (tests/checks/test_content.py).
    covered = (set(PACKAGE_CASES) | set(ACCESSIBILITY_CASES) | set(MORE_CASES)
               | set(PDF_CASES) | {"PKG-BAD-ZIP"})
    content = {code for code in CODES
               if code.split("-")[0] in {"CONTENT", "AFDELING", "FIT", "TEMPLATE"}}
    assert covered | content == set(CODES)
    assert not covered & content


def test_unknown_codes_and_severities_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown finding code"):
        Finding("PKG-NOPE", "error", "?")
    with pytest.raises(ValueError, match="severity"):
        Finding("PKG-BAD-XML", "fatal", "?")  # type: ignore[arg-type]


def test_finding_takes_the_default_severity() -> None:
    assert finding("PKG-ORPHAN-PART", "x").severity == "warning"
    assert finding("A11Y-ALT-MISSING", "x").severity == "error"


# -- text and locations ----------------------------------------------------------------------


def test_text_line_of_a_shape_on_a_slide() -> None:
    item = finding(
        "A11Y-ALT-MISSING",
        "picture has no alt text",
        slide=3,
        shape="Titel 1",
        part="ppt/slides/slide3.xml",
    )
    assert item.to_text() == 'slide 3, shape "Titel 1": A11Y-ALT-MISSING: picture has no alt text'


def test_text_line_of_a_part_and_of_the_deck() -> None:
    assert finding("PKG-ORPHAN-PART", "x", part="ppt/media/a.png").to_text() == (
        "ppt/media/a.png: PKG-ORPHAN-PART: x"
    )
    assert finding("A11Y-NO-LANGUAGE", "y").to_text() == "deck: A11Y-NO-LANGUAGE: y"


def test_a_content_position_leads_the_line(tmp_path: Path) -> None:
    where = SourceRef(tmp_path / "deck.yaml", 12, 5)
    item = finding("A11Y-NO-TITLE", "no title", slide=2, where=where)
    assert item.to_text() == f"{where}, slide 2: A11Y-NO-TITLE: no title"
    assert item.to_dict()["location"] == str(where)


# -- the report ------------------------------------------------------------------------------

MIXED = [
    finding("A11Y-SMALL-TEXT", "small", slide=2, shape="B", part="ppt/slides/slide2.xml"),
    finding("PKG-ORPHAN-PART", "orphan", part="ppt/media/x.png"),
    finding("A11Y-NO-TITLE", "untitled", slide=1, part="ppt/slides/slide1.xml"),
    finding("A11Y-ALT-MISSING", "alt", slide=2, shape="A", part="ppt/slides/slide2.xml"),
    finding("A11Y-NO-DOC-TITLE", "no doc title", part="docProps/core.xml"),
]


def test_report_sorts_deck_findings_first_then_by_slide() -> None:
    report = Report(MIXED)
    assert [f.code for f in report.findings] == [
        "A11Y-NO-DOC-TITLE",
        "PKG-ORPHAN-PART",
        "A11Y-NO-TITLE",
        "A11Y-ALT-MISSING",
        "A11Y-SMALL-TEXT",
    ]


def test_report_counts_and_drops_repeats() -> None:
    report = Report([*MIXED, MIXED[0]])
    assert len(report.findings) == 5
    assert [f.code for f in report.errors] == [
        "A11Y-NO-DOC-TITLE",
        "A11Y-NO-TITLE",
        "A11Y-ALT-MISSING",
    ]
    assert [f.code for f in report.warnings] == ["PKG-ORPHAN-PART", "A11Y-SMALL-TEXT"]


@pytest.mark.parametrize(
    ("findings", "lenient", "strict"),
    [
        ([], 0, 0),
        ([MIXED[0]], 0, 1),  # a warning
        ([MIXED[2]], 1, 1),  # an error
        (MIXED, 1, 1),
    ],
)
def test_exit_code(findings: list[Finding], lenient: int, strict: int) -> None:
    report = Report(findings)
    assert report.exit_code(strict=False) == lenient
    assert report.exit_code(strict=True) == strict


def test_text_ends_with_a_summary() -> None:
    lines = Report(MIXED).to_text().splitlines()
    assert len(lines) == 6
    assert lines[0] == "docProps/core.xml: A11Y-NO-DOC-TITLE: no doc title"
    assert lines[-1] == "3 errors, 2 warnings"
    assert Report([MIXED[2]]).to_text().splitlines()[-1] == "1 error, 0 warnings"
    assert Report([]).to_text() == "no problems found"


def test_json_has_the_documented_schema_and_is_stable() -> None:
    text = Report(MIXED).to_json()
    shuffled = MIXED[:]
    random.Random(4).shuffle(shuffled)
    assert Report(shuffled).to_json() == text
    document = json.loads(text)
    assert set(document) == {"findings", "errors", "warnings"}
    assert (document["errors"], document["warnings"]) == (3, 2)
    for item in document["findings"]:
        assert set(item) == {"code", "severity", "message", "slide", "shape", "part", "location"}
    assert document["findings"][3] == {
        "code": "A11Y-ALT-MISSING",
        "severity": "error",
        "message": "alt",
        "slide": 2,
        "shape": "A",
        "part": "ppt/slides/slide2.xml",
        "location": None,
    }


# -- check_deck ------------------------------------------------------------------------------


def broken_deck() -> bytes:
    prs = new_deck(title="")
    slide = titled_slide(prs, "Foto")
    picture(slide, alt="")
    text_box(slide, "klein", size=9)
    return to_bytes(prs)


def test_check_deck_combines_both_checks(default_deck: BuiltDeck) -> None:
    report = check_deck(broken_deck())
    assert report.codes() == {"A11Y-NO-DOC-TITLE", "A11Y-ALT-MISSING", "A11Y-SMALL-TEXT"}
    assert report.exit_code() == 1
    assert check_deck(default_deck.path, accessibility=False).findings == ()


def test_check_deck_can_skip_either_check() -> None:
    assert check_deck(broken_deck(), accessibility=False).findings == ()
    assert check_deck(broken_deck(), package=False).codes() == {
        "A11Y-NO-DOC-TITLE",
        "A11Y-ALT-MISSING",
        "A11Y-SMALL-TEXT",
    }
    assert check_deck(broken_deck(), package=False, accessibility=False).findings == ()


def test_check_deck_reads_a_presentation_object() -> None:
    prs = new_deck()
    prs.slides.add_slide(prs.slide_layouts[6])
    assert check_deck(prs).codes() == {"A11Y-NO-TITLE"}


def test_check_deck_on_something_that_is_no_deck() -> None:
    report = check_deck(b"no zip")
    assert report.codes() == {"PKG-BAD-ZIP"}
    assert report.exit_code() == 1


def test_slide_sources_locate_findings_in_the_content(tmp_path: Path) -> None:
    where = SourceRef(tmp_path / "deck.yaml", 7, 3)
    report = check_deck(broken_deck(), slide_sources={1: where})
    on_slide = [f for f in report.findings if f.slide == 1]
    assert on_slide
    assert all(f.where == where for f in on_slide)
    assert [f.where for f in report.findings if f.slide is None] == [None]
    assert f"{where}, slide 1" in report.to_text()
