"""`check --report` through the command line, on content and on a deck."""

from __future__ import annotations

import json
from pathlib import Path

from tests.checks.decks import new_deck, picture, titled_slide, to_bytes
from tests.conftest import Cli
from tests.variants_support import copy_content


def test_check_writes_the_dutch_html_report_of_content(cli: Cli, tmp_path: Path) -> None:
    copy_content(tmp_path)
    run = cli("check", "content", "--report", "toegankelijkheid.html")
    assert run.exit_code == 0, run.stderr
    assert "wrote toegankelijkheid.html" in run.stderr
    page = Path("toegankelijkheid.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in page
    assert "Toegankelijkheidsrapport: Actualiteiten" in page
    assert "Beoordelen door een mens" in page


def test_check_writes_json_with_format_json(cli: Cli, tmp_path: Path) -> None:
    prs = new_deck("Handgemaakt")
    picture(titled_slide(prs, "Foto"), "")
    Path("hand.pptx").write_bytes(to_bytes(prs))
    run = cli("check", "hand.pptx", "--format", "json", "--report", "rapport.json")
    assert run.exit_code == 1  # the picture without alt text is an error
    assert json.loads(run.stdout)["errors"] >= 1
    document = json.loads(Path("rapport.json").read_text(encoding="utf-8"))
    first = next(c for c in document["criteria"] if c["criterion"] == "1.1.1")
    assert first["status"] == "fail"
    assert first["findings"][0]["shape"] == "Picture 2"
    # python-pptx's stock deck is English (en-US in its default text style).
    assert document["facts"]["language"] == "en-US"


def test_an_english_deck_gets_an_english_report(cli: Cli, tmp_path: Path) -> None:
    prs = new_deck("Results")
    prs.core_properties.language = "en-GB"
    titled_slide(prs, "Results")
    Path("en.pptx").write_bytes(to_bytes(prs))
    run = cli("check", "en.pptx", "--report", "report.html")
    assert run.exit_code == 0, run.stdout
    page = Path("report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    assert "To be judged by a person" in page
