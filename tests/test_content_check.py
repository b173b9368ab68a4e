"""`deck-builder check`: content folders and any .pptx, text and JSON reports."""

from __future__ import annotations

import json
from pathlib import Path

import pptx

from tests.conftest import Cli, locate_in
from tests.variants_support import copy_content, write_overlay


def test_the_default_content_is_ready(cli: Cli, tmp_path: Path) -> None:
    copy_content(tmp_path)
    run = cli("check", "content", "--format", "json")
    report = json.loads(run.stdout)
    assert report["errors"] == 0, report
    assert run.exit_code == 0
    assert not Path("output").exists()  # nothing written
    fit = [f for f in report["findings"] if f["code"] == "FIT-WARNING"]
    # Shrinking is reported; --strict turns such warnings into a failure.
    assert cli("check", "content", "--strict").exit_code == (1 if report["warnings"] else 0)
    assert all("content/sections/" in f["message"] or f["location"] for f in fit)


def test_content_errors_are_all_reported_at_their_lines(cli: Cli, tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    path = content / "sections" / "03-overige.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("kind: bullets", "kind: bulets", 1)
    path.write_text(text, encoding="utf-8")
    deck_text = (content / "deck.yaml").read_text(encoding="utf-8")
    (content / "deck.yaml").write_text(deck_text.replace("date: 2025-12-04", "date: 4-12-2025"),
                                       encoding="utf-8")
    date_line, date_column = locate_in(deck_text, "2025-12-04")
    run = cli("check", "content")
    assert run.exit_code == 1
    line, column = locate_in(text, "bulets")
    lines = run.stdout.splitlines()
    # Said once, as the base deck's problem, not again for each afdeling.
    assert lines[:-1] == [
        f"content/deck.yaml:{date_line}:{date_column}: CONTENT-ERROR: date: '4-12-2025' is not "
        "a valid date; write it as YYYY-MM-DD, e.g. 2025-12-04",
        f"content/sections/03-overige.yaml:{line}:{column}: CONTENT-ERROR: unknown slide "
        "kind 'bulets'; did you mean 'bullets'? (kinds: title, agenda, section, bullets, "
        "quote, statistic, two-column, partners, image, closing)"
    ], run.stdout
    assert lines[-1] == "2 errors, 0 warnings"


def test_a_broken_overlay_is_an_afdeling_error(cli: Cli, tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    text = write_overlay(content, "drenthe", "drop: [spookdia]\n")
    line, column = locate_in(text, "spookdia")
    run = cli("check", "content", "--format", "json")
    assert run.exit_code == 1
    report = json.loads(run.stdout)
    errors = [f for f in report["findings"] if f["code"] == "AFDELING-ERROR"]
    assert len(errors) == 1, errors
    assert errors[0]["message"].startswith("drenthe: ")
    assert errors[0]["location"] == f"content/afdelingen.yaml:{line}:{column}"


def test_a_deck_made_by_hand_is_checked(cli: Cli, tmp_path: Path) -> None:
    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])  # blank: no title
    slide.shapes.add_textbox(0, 0, 914400, 914400).text_frame.text = "Hallo"
    presentation.save(tmp_path / "hand.pptx")
    run = cli("check", "hand.pptx")
    assert run.exit_code == 1
    assert "A11Y-NO-TITLE" in run.stdout
    assert "PKG-" not in run.stdout


def test_a_file_that_is_no_deck(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "kapot.pptx").write_text("geen zip", encoding="utf-8")
    run = cli("check", "kapot.pptx", "--format", "json")
    assert run.exit_code == 1
    assert [f["code"] for f in json.loads(run.stdout)["findings"]] == ["PKG-BAD-ZIP"]


def test_findings_on_slides_point_at_their_content(cli: Cli, tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    path = content / "sections" / "03-overige.yaml"
    extra = "\n- kind: bullets\n  title: Dubbel\n  body: [a]\n- kind: bullets\n  title: Dubbel\n" \
            "  body: [b]\n"
    text = path.read_text(encoding="utf-8") + extra
    path.write_text(text, encoding="utf-8")
    run = cli("check", "content", "--format", "json")
    report = json.loads(run.stdout)
    (duplicate,) = [f for f in report["findings"] if f["code"] == "A11Y-DUP-TITLE"]
    line, column = locate_in(text, "kind: bullets\n  title: Dubbel", 2)
    assert duplicate["location"] == f"content/sections/03-overige.yaml:{line}:{column}"
    assert duplicate["slide"] > 1


def test_without_a_content_folder_check_says_what_build_says(cli: Cli, tmp_path: Path) -> None:
    for args in ((), ("nergens",)):
        built, checked = cli("build", *args), cli("check", *args)
        assert checked.exit_code == built.exit_code == 1
        assert checked.stderr == built.stderr
        assert checked.stderr == (f"error: {args[0] if args else 'content'}: content folder or "
                                  "deck file not found (a content folder holds deck.yaml)\n")
    Path("leeg").mkdir()
    built, checked = cli("build", "leeg"), cli("check", "leeg")
    assert checked.stderr == built.stderr == "error: leeg: deck.yaml not found in this folder\n"
    missing = cli("check", "weg.pptx")
    assert (missing.exit_code, missing.stderr) == (1, "error: weg.pptx: file not found\n")
