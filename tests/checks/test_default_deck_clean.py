"""The repository's own decks pass the deck check without a single finding.

Errors and warnings alike: titles on every slide, contrast, text size, reading order and
a sound package. A finding here means the brand, a layout or a kind regressed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from deck_builder.checks import check_deck
from deck_builder.variants.batch import build_variants
from tests.conftest import CONTENT_DIR, BuiltDeck


def test_the_default_deck_has_no_findings(default_deck: BuiltDeck) -> None:
    report = check_deck(default_deck.path)
    assert report.errors == [], report.to_text()
    assert report.warnings == [], report.to_text()


@pytest.fixture(scope="module")
def afdeling_decks(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The deck of every afdeling in content/afdelingen.yaml, built once."""
    out = tmp_path_factory.mktemp("afdelingen")
    outcomes = build_variants(CONTENT_DIR, output_dir=out)
    assert all(outcome.ok for outcome in outcomes), [o.problems for o in outcomes]
    return [outcome.output for outcome in outcomes if outcome.output is not None]


def test_every_afdeling_deck_has_no_findings(afdeling_decks: list[Path]) -> None:
    assert len(afdeling_decks) == 12
    reports = {deck.name: check_deck(deck) for deck in afdeling_decks}
    found = {name: report.to_text() for name, report in reports.items() if report.findings}
    assert found == {}
