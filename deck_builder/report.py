"""The accessibility report of content or of any deck (`deck-builder check --report`).

For content, the findings are those of `content_check` (the base deck and every
afdeling's deck) and the facts those of the base deck; for a .pptx, both come from the
deck. The report is written in the deck's language (Dutch unless it is English), as
self-contained HTML or, for a `.json` name, JSON.
"""

from __future__ import annotations

from pathlib import Path

from deck_builder.checks.findings import Report
from deck_builder.checks.package import open_package
from deck_builder.checks.wcag import (
    AccessibilityReport,
    DeckFacts,
    Language,
    build_report,
    deck_facts,
)
from deck_builder.files import write_atomically


def report_language(tag: str) -> Language:
    """The report's language for a deck language tag: English for `en…`, else Dutch."""
    return "en" if tag.casefold().startswith("en") else "nl"


def deck_report(path: Path, findings: Report, drawn: bool) -> tuple[AccessibilityReport,
                                                                    Language]:
    """The report of a .pptx, from its check's findings (its PDF's among them when
    `pdf_beside` finds one)."""
    from deck_builder.checks.pdf_ua import pdf_beside

    pdf = pdf_beside(path)
    facts = deck_facts(open_package(path), drawn, pdf.name if pdf is not None else "")
    return build_report(path.name, findings.findings, facts), report_language(facts.language)


def content_report(content_path: Path, findings: Report, drawn: bool,
                   template_path: Path | None = None) -> tuple[AccessibilityReport, Language]:
    """The report of a content folder: its check's findings, the base deck's facts (none
    when the base deck cannot be built; its errors are among the findings)."""
    from deck_builder import pipeline
    from deck_builder.errors import DeckError

    facts = DeckFacts()
    language: Language = "nl"
    try:
        deck = pipeline.load_deck(content_path)
        language = report_language(deck.meta.language)
        session = pipeline.open_session(pipeline.open_template(deck, template_path))
        data, _, _ = pipeline.build_bytes(deck, session, max_bytes=None)
        facts = deck_facts(open_package(data), drawn)
    except DeckError:
        pass
    return build_report(str(content_path), findings.findings, facts), language


def write_report(report: AccessibilityReport, language: Language, target: Path,
                 as_json: bool = False) -> None:
    """Write the report to `target`: JSON when asked or named `.json`, else HTML."""
    from deck_builder import __version__
    from deck_builder.checks.report_html import to_html

    if as_json or target.suffix.lower() == ".json":
        text = report.to_json() + "\n"
    else:
        text = to_html(report, language, __version__)
    write_atomically(text.encode("utf-8"), target)
