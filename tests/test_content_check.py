"""`deck-builder check`: content folders and any .pptx, text and JSON reports."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pptx

from deck_builder.variants.grouping import skeleton
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
        "quote, statistic, two-column, partners, image, table, chart, closing, slides-from)"
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


# -- check never lies: it reports what build and build --all-afdelingen report ---------

BUILD_CODES = {"CONTENT-ERROR", "AFDELING-ERROR", "FIT-WARNING", "TEMPLATE-WARNING"}
LOCATED = re.compile(r"^(?P<where>\S+:\d+:\d+): (?P<message>.*)$")
Said = tuple[str, str | None, str | None, str]  # severity, afdeling, location, message


def _afdelingen_named(who: str, slugs: list[str]) -> list[str] | None:
    """The slugs a grouped message names (`all 12 afdelingen`, `… but friesland`,
    `drenthe, zeeland`); None when `who` names no afdelingen."""
    everyone = f"all {len(slugs)} afdelingen"
    if who == everyone:
        return list(slugs)
    if who.startswith(f"{everyone} but "):
        left_out = who[len(everyone) + 5:].split(", ")
        assert set(left_out) <= set(slugs), who
        return [slug for slug in slugs if slug not in left_out]
    named = who.split(", ")
    return named if set(named) <= set(slugs) else None


def _expanded(severity: str, where: str | None, rest: str, slugs: list[str]) -> set[Said]:
    """One said line as (severity, afdeling, location, message) per afdeling it names;
    messages by their skeleton (several afdelingen' figures are said as a range)."""
    who, _, message = rest.partition(": ")
    named = _afdelingen_named(who, slugs)
    if named is None:
        return {(severity, None, where, skeleton(rest))}
    return {(severity, slug, where, skeleton(message)) for slug in named}


def _said_by_build(stderr: str, slugs: list[str]) -> set[Said]:
    """(severity, afdeling, location, message) of every error and warning line: a batch
    says a warning once at its place for the afdelingen it names, an error per afdeling."""
    said: set[Said] = set()
    for line in stderr.splitlines():
        severity, _, rest = line.partition(": ")
        if severity not in {"error", "warning"}:
            continue
        slug, _, after = rest.partition(": ")
        if slug in slugs:  # an error: `error: drenthe: where: message`
            match = LOCATED.match(after)
            where, message = (match["where"], match["message"]) if match else (None, after)
            said.add((severity, slug, where, skeleton(message)))
            continue
        match = LOCATED.match(rest)
        where, message = (match["where"], match["message"]) if match else (None, rest)
        said |= _expanded(severity, where, message, slugs)
    return said


def _said_by_check(report: dict[str, Any], slugs: list[str]) -> tuple[set[Said], set[str]]:
    """The build-like findings of a JSON report as build says them, and the codes of the
    others (the deck checks', which only check runs)."""
    said: set[Said] = set()
    others: set[str] = set()
    for item in report["findings"]:
        if item["code"] not in BUILD_CODES:
            others.add(item["code"])
            continue
        said |= _expanded(item["severity"], item["location"], item["message"], slugs)
    return said, others


def _compare(cli: Cli, tmp_path: Path) -> tuple[set[Said], set[Said]]:
    """What check says, and what build and build --all-afdelingen say together, with
    each afdeling's findings that the base deck shares said as the base deck's."""
    text = (tmp_path / "content" / "afdelingen.yaml").read_text(encoding="utf-8")
    slugs = re.findall(r"^  - slug: (\S+)$", text, re.MULTILINE)
    report = json.loads(cli("check", "content", "--format", "json").stdout)
    checked, others = _said_by_check(report, slugs)
    assert others <= {code for code in others if code.startswith(("A11Y-", "PKG-"))}
    base = _said_by_build(cli("build", "content", "-o", "base.pptx").stderr, slugs)
    batch = _said_by_build(cli("build", "content", "--all-afdelingen", "-o", "decks").stderr,
                           slugs)
    from_base = {(severity, where, message) for severity, _, where, message in base}
    built = set(base)
    for severity, slug, where, message in batch:
        built.add((severity, None if (severity, where, message) in from_base else slug,
                   where, message))
    return checked, built


def test_check_says_what_the_builds_say_on_valid_content(cli: Cli, tmp_path: Path) -> None:
    copy_content(tmp_path)
    checked, built = _compare(cli, tmp_path)
    assert checked == built
    assert any(slug for _, slug, _, _ in checked)  # afdelingen warn of their own text


def test_check_says_what_the_builds_say_on_broken_afdelingen(
    cli: Cli, tmp_path: Path
) -> None:
    content = copy_content(tmp_path)
    long_title = "Een titel die voor deze afdeling veel en veel te lang is geworden " * 6
    write_overlay(content, "overijssel", f"override:\n  zienswijze:\n    title: '{long_title}'\n")
    write_overlay(content, "gelderland", "drop: [spookdia]\n")
    text = write_overlay(content, "brabant", (
        "add:\n  - at: end\n    slides:\n      - kind: bullets\n        title: Extra\n"
        "        body:\n" + "".join(f"          - Punt {n} over de samenwerking tussen rijk "
                                    "en regio bij de uitvoering\n" for n in range(9))))
    text = text.replace("date: 2026-01-16", "date: 2026-02-30")  # limburg
    (content / "afdelingen.yaml").write_text(text, encoding="utf-8")
    checked, built = _compare(cli, tmp_path)
    assert checked == built
    errors = {(slug, where) for severity, slug, where, _ in checked if severity == "error"}
    line, column = locate_in(text, f"title: '{long_title[:20]}")
    # The too-long title is the override's, and said there, not at the base slide.
    assert ("overijssel", f"content/afdelingen.yaml:{line}:{column}") in errors
    assert {slug for slug, _ in errors} == {"overijssel", "gelderland", "limburg"}
    assert any(slug == "brabant" and where and where.startswith("content/afdelingen.yaml:")
               for severity, slug, where, _ in checked if severity == "warning")
    run = cli("check", "content")
    assert run.exit_code == 1


def test_check_reports_at_least_what_build_does_on_a_broken_base(
    cli: Cli, tmp_path: Path
) -> None:
    content = copy_content(tmp_path)
    path = content / "sections" / "03-overige.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "titel:", 1),
                    encoding="utf-8")
    checked, built = _compare(cli, tmp_path)
    assert built
    assert built <= checked


def test_findings_are_sorted_by_file_and_line_as_numbers(cli: Cli, tmp_path: Path) -> None:
    copy_content(tmp_path)
    run = cli("check", "content")
    places = []
    for line in run.stdout.splitlines()[:-1]:
        match = re.match(r"^(\S+):(\d+):(\d+)[:,]", line)
        assert match, line  # every finding of the default content has its place first
        places.append((match[1], int(match[2]), int(match[3])))
    assert places == sorted(places)
    assert any(line < 10 for _, line, _ in places)
    assert any(line >= 10 for _, line, _ in places)


def test_what_the_template_lacks_is_a_template_warning(cli: Cli, tmp_path: Path) -> None:
    # Build prints these too (a font measured with a substitute, a kind without a layout
    # of its own); check says them once, for the whole deck.
    copy_content(tmp_path)
    pptx.Presentation().save(tmp_path / "kaal.pptx")
    report = json.loads(cli("check", "content", "--template", "kaal.pptx",
                            "--format", "json").stdout)
    remarks = [f for f in report["findings"] if f["code"] == "TEMPLATE-WARNING"]
    assert any("has no layout made for statistic slides" in f["message"] for f in remarks)
    assert all(f["severity"] == "warning" and f["location"] is None for f in remarks)
    built = cli("build", "content", "-o", "uit.pptx", "--template", "kaal.pptx")
    assert {f"warning: {f['message']}" for f in remarks} <= set(built.stderr.splitlines())


def test_a_finding_several_afdelingen_share_is_said_once_naming_them(
    cli: Cli, tmp_path: Path
) -> None:
    # The afdelingen' subtitles are set at different sizes in their title slides: one
    # finding, naming each afdeling whose subtitle shrank more than 15 %.
    copy_content(tmp_path)
    report = json.loads(cli("check", "content", "--format", "json").stdout)
    subtitle = [f for f in report["findings"] if "'subtitle'" in f["message"]]
    assert len(subtitle) == 1, subtitle
    (found,) = subtitle
    assert found["location"].startswith("content/deck.yaml:")
    named, _, message = found["message"].partition(": ")
    slugs = named.split(", ")
    assert len(slugs) >= 2
    assert re.fullmatch(r"text of 'subtitle' set at [\d.]+(–[\d.]+)? pt instead of 26 pt "
                        "to fit its box", message), message
    # Each afdeling named is one whose own deck says so, alone.
    run = cli("build", "content", "--afdeling", slugs[0], "-o", "eigen.pptx")
    assert "text of 'subtitle' set at " in run.stderr
