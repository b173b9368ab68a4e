"""The accessibility report of the repository's content: the default deck and all 12
afdeling decks pass or leave to a person every criterion, none fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deck_builder.checks.wcag import AccessibilityReport
from deck_builder.content_check import check_content
from deck_builder.report import content_report, report_language, write_report
from tests.variants_support import copy_content

# What a person judges for the default content: what no program can establish.
PERSON = ["1.1.1", "1.3.1", "1.3.3", "1.4.1", "1.4.5", "1.4.10", "1.4.11", "2.4.6", "3.1.2"]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> AccessibilityReport:
    content = copy_content(tmp_path_factory.mktemp("report"))
    findings = check_content(content)
    made, language = content_report(content, findings, drawn=False)
    assert language == "nl"
    return made


def test_no_criterion_fails_for_the_default_deck_and_the_afdeling_decks(
    report: AccessibilityReport, tmp_path: Path
) -> None:
    from deck_builder import pipeline
    from tests.conftest import CONTENT_DIR

    assert report.count("fail") == 0
    assert [v.criterion.number for v in report.verdicts if v.status == "review"] == PERSON
    assert report.facts.slides == pipeline.build(CONTENT_DIR, tmp_path / "d.pptx").slides
    assert report.facts.language == "nl-NL"


def test_build_warnings_are_other_findings(report: AccessibilityReport) -> None:
    assert {f.code for f in report.other} <= {"FIT-WARNING", "TEMPLATE-WARNING"}


def test_the_report_is_written_as_html_or_json(report: AccessibilityReport,
                                               tmp_path: Path) -> None:
    write_report(report, "nl", tmp_path / "toegankelijkheid.html")
    page = (tmp_path / "toegankelijkheid.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="nl">' in page
    write_report(report, "nl", tmp_path / "rapport.json")
    document = json.loads((tmp_path / "rapport.json").read_text(encoding="utf-8"))
    assert document["summary"]["fail"] == 0
    assert len(document["criteria"]) == 50


@pytest.mark.parametrize(("tag", "language"), [("nl-NL", "nl"), ("en-GB", "en"), ("en", "en"),
                                               ("de-DE", "nl"), ("", "nl")])
def test_the_report_follows_the_decks_language(tag: str, language: str) -> None:
    assert report_language(tag) == language
