"""`deck-builder build --afdeling/--all-afdelingen`: the decks of the afdelingen, read back.

The repository's content/ is built for all afdelingen once per module; every deck is
opened with python-pptx and checked against content/afdelingen.yaml (read with
yaml.safe_load): file name, title slide, footer dates, and the overlay of each afdeling.
Error cases run on copies of content/ with one afdeling's overlay broken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide

from deck_builder.cli.commands import main as cli_main
from tests.conftest import (
    CONTENT_DIR,
    Cli,
    descr,
    error_lines,
    fold,
    pictures,
    role_shape,
    slide_name,
    slide_texts,
)
from tests.helpers import base_ids, base_slide, deck_meta, deck_slug, long_date
from tests.variants_support import (
    SLUGS,
    afdeling,
    afdelingen,
    copy_content,
    output_file_name,
    plain_afdelingen,
    ref,
    strings,
    substituted,
    variables_of,
    write_overlay,
)


@dataclass(frozen=True)
class AllDecks:
    """The outcome of `build --all-afdelingen` on the repository's content."""

    folder: Path
    exit_code: int
    stdout: str
    stderr: str

    def open(self, slug: str) -> PresentationType:
        return Presentation(str(self.folder / output_file_name(afdeling(slug))))


@pytest.fixture(scope="module")
def all_decks(tmp_path_factory: pytest.TempPathFactory) -> AllDecks:
    folder = tmp_path_factory.mktemp("afdelingen")
    result = CliRunner().invoke(
        cli_main,
        ["build", str(CONTENT_DIR), "--all-afdelingen", "--jobs", "2", "-o", str(folder)],
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return AllDecks(folder, result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def decks(all_decks: AllDecks) -> dict[str, PresentationType]:
    """Every afdeling's deck, opened once."""
    return {slug: all_decks.open(slug) for slug in SLUGS}


def slide_id(slide: Slide) -> str:
    """The id part of a slide name `<kind>:<id>[:<part>]`."""
    return slide_name(slide).split(":")[1]


def id_sequence(prs: PresentationType) -> list[str]:
    """Slide ids in deck order, continuation slides (`:2`, …) folded into their first."""
    ids: list[str] = []
    for slide in prs.slides:
        name = slide_name(slide).split(":")
        if len(name) < 3:
            ids.append(name[1])
        else:
            assert ids[-1] == name[1], f"continuation {name} does not follow its slide"
    return ids


def text_of(prs: PresentationType, wanted: str) -> str:
    """All text of the slides with this id (continuations included), folded."""
    parts = [t for s in prs.slides if slide_id(s) == wanted for t in slide_texts(s)]
    assert parts, f"no slide {wanted!r}"
    return fold(" ".join(parts))


def expected_ids(entry: dict[str, Any]) -> list[str]:
    """The deck's slide ids by the overlay rules: drops, then additions in order."""
    ids = [i for i in base_ids() if i not in entry.get("drop", [])]
    for addition in entry.get("add", []):
        new = [str(slide["id"]) for slide in addition["slides"]]
        if "at" in addition:
            position = 0 if addition["at"] == "start" else len(ids)
        elif "after" in addition:
            position = ids.index(addition["after"]) + 1
        else:
            position = ids.index(addition["before"])
        ids[position:position] = new
    return ids


def dates(placeholders: Any) -> list[Any]:
    """The date placeholders among a slide's or layout's placeholders."""
    return [p for p in placeholders if p.placeholder_format.type == PP_PLACEHOLDER.DATE]


def shown(value: Any, entry: dict[str, Any]) -> list[str]:
    """The texts a YAML value shows in the deck: variables substituted, folded."""
    values = variables_of(entry)
    return [fold(substituted(text, values)) for text in strings(value)]


# -- all afdelingen in one run ----------------------------------------------------------


def test_all_afdelingen_are_written_under_their_names(all_decks: AllDecks) -> None:
    assert all_decks.exit_code == 0, all_decks.stderr
    expected = {output_file_name(entry) for entry in afdelingen()}
    assert {p.name for p in all_decks.folder.iterdir()} == expected
    for name in expected:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-" + re.escape(deck_slug()) + r"-[a-z0-9-]+\.pptx",
                            name)
        assert f"wrote {all_decks.folder / name} (" in all_decks.stdout
    count = len(expected)
    assert f"{count} of {count} decks written" in all_decks.stdout + all_decks.stderr
    assert "error" not in all_decks.stderr


@pytest.mark.parametrize("slug", SLUGS)
def test_title_slide_names_the_afdeling_and_its_meeting(
    decks: dict[str, PresentationType], slug: str
) -> None:
    entry = afdeling(slug)
    slide = decks[slug].slides[0]
    assert slide_name(slide).startswith("title:")
    when = long_date(entry["date"])
    text = "\n".join(slide_texts(slide))
    for part in (entry["name"], when, entry["place"]):
        assert part in text, (part, text)
    subtitle = role_shape(slide, "title", "subtitle").text_frame.text.split("\n")
    assert subtitle[-1] == f"{entry['meeting']} · {entry['name']}"
    assert subtitle[0] == deck_meta()["subtitle"]
    date_line = role_shape(slide, "title", "date").text_frame.text
    assert date_line == f"{when} · {entry['start']}–{entry['end']} uur · {entry['place']}"


@pytest.mark.parametrize("slug", SLUGS)
def test_host_logo_only_for_afdelingen_with_a_logo(
    decks: dict[str, PresentationType], slug: str
) -> None:
    entry = afdeling(slug)
    labels = [descr(p) for p in pictures(decks[slug].slides[0])]
    assert (f"Logo {entry['name']}" in labels) == ("logo" in entry), labels


@pytest.mark.parametrize("slug", SLUGS)
def test_every_footer_date_is_the_meeting_date(
    decks: dict[str, PresentationType], slug: str
) -> None:
    when = long_date(afdeling(slug)["date"])
    seen = 0
    for slide in decks[slug].slides:
        on_slide = dates(slide.placeholders)
        assert len(on_slide) == len(dates(slide.slide_layout.placeholders)), slide_name(slide)
        for shape in on_slide:
            assert shape.text_frame.text == when, (slide_name(slide), shape.text_frame.text)
            seen += 1
    assert seen  # the template's layouts do have date placeholders


@pytest.mark.parametrize("slug", SLUGS)
def test_slides_are_added_and_dropped_as_the_overlay_says(
    decks: dict[str, PresentationType], slug: str
) -> None:
    entry = afdeling(slug)
    ids = id_sequence(decks[slug])
    assert ids == expected_ids(entry)
    for dropped in entry.get("drop", []):
        assert dropped not in ids
    for addition in entry.get("add", []):
        for slide in addition["slides"]:
            text = text_of(decks[slug], str(slide["id"]))
            for line in shown({k: v for k, v in slide.items() if k not in {"kind", "id"}}, entry):
                assert line in text, (line, text)


@pytest.mark.parametrize("slug", [s for s in SLUGS if afdeling(s).get("override")])
def test_overridden_fields_show_the_new_text(
    decks: dict[str, PresentationType], slug: str
) -> None:
    entry = afdeling(slug)
    prs = decks[slug]
    for target, fields in entry["override"].items():
        text = text_of(prs, target)
        for field, value in fields.items():
            for line in shown(value, entry):
                assert line in text, (target, field, line, text)
            if field == "title":
                first = next(s for s in prs.slides if slide_id(s) == target)
                kind = slide_name(first).split(":")[0]
                (new,) = shown(value, entry)
                assert fold(role_shape(first, kind, "title").text_frame.text) == new


def test_the_real_overlays_use_the_variables_under_test() -> None:
    # Keeps the next test meaningful: afdelingen.yaml uses these variables in slides.
    used = " ".join(
        text for entry in afdelingen()
        for text in strings([entry.get("add", []), entry.get("override", {})])
    )
    for name in ("afdeling_kort", "voorzitter", "thema"):
        assert "{" + name + "}" in used, name


@pytest.mark.parametrize("variable", ["afdeling_kort", "voorzitter", "thema", "plaats",
                                      "contactpersoon"])
def test_variables_in_overlay_text_are_substituted(
    decks: dict[str, PresentationType], variable: str
) -> None:
    checked = 0
    for entry in afdelingen():
        values = variables_of(entry)
        overlay = [*entry.get("add", []), entry.get("override", {})]
        for text in strings(overlay):
            if "{" + variable + "}" not in text:
                continue
            deck = decks[entry["slug"]]
            all_text = fold(" ".join(t for s in deck.slides for t in slide_texts(s)))
            assert fold(substituted(text, values)) in all_text
            assert values[variable] in all_text
            checked += 1
    if variable in {"afdeling_kort", "voorzitter", "thema"}:
        assert checked, f"no overlay text uses {{{variable}}}"


def test_no_variable_is_left_unsubstituted(decks: dict[str, PresentationType]) -> None:
    for slug, prs in decks.items():
        for slide in prs.slides:
            for text in slide_texts(slide):
                assert not re.search(r"\{[a-z_]+\}", text), (slug, slide_name(slide), text)


# -- choosing afdelingen ----------------------------------------------------------------


def test_afdeling_option_builds_only_the_given_ones(cli: Cli, tmp_path: Path) -> None:
    chosen = [SLUGS[-1], SLUGS[0]]
    run = cli("build", str(CONTENT_DIR), "--afdeling", chosen[0], "--afdeling", chosen[1],
              "-o", "decks")
    assert run.exit_code == 0, run.stderr
    written = {p.name for p in (tmp_path / "decks").iterdir()}
    assert written == {output_file_name(afdeling(slug)) for slug in chosen}
    assert "2 of 2 decks written" in run.stdout


def test_unknown_slug_is_a_usage_error_with_a_hint(cli: Cli, tmp_path: Path) -> None:
    # A mistyped slug is a usage mistake (exit 2): the closest slug, and every valid one.
    run = cli("build", str(CONTENT_DIR), "--afdeling", "atlantis", "--afdeling", "drente",
              "--afdeling", SLUGS[0], "-o", "decks")
    assert run.exit_code == 2, run.stderr
    (line,) = [line for line in run.stderr.splitlines() if line.startswith("Error: ")]
    assert "unknown afdeling 'atlantis', 'drente' (did you mean 'drenthe'?)" in line
    listed = line.split("valid slugs:", 1)[1]
    assert [s.strip() for s in listed.split(",")] == SLUGS
    assert not list(tmp_path.rglob("*.pptx"))


def test_afdeling_and_all_afdelingen_together_is_a_usage_error(
    cli: Cli, tmp_path: Path
) -> None:
    run = cli("build", str(CONTENT_DIR), "--afdeling", SLUGS[0], "--all-afdelingen",
              "-o", "decks")
    assert run.exit_code == 2
    assert "--all-afdelingen" in run.stderr
    assert not list(tmp_path.rglob("*.pptx"))


def test_base_deck_still_builds_without_options(cli: Cli, tmp_path: Path) -> None:
    run = cli("build", str(CONTENT_DIR))
    assert run.exit_code == 0, run.stderr
    target = tmp_path / "output" / f"{deck_slug()}.pptx"
    assert [p for p in tmp_path.rglob("*.pptx")] == [target]
    prs = Presentation(str(target))
    assert id_sequence(prs) == base_ids()
    meta = deck_meta()
    title = prs.slides[0]
    assert role_shape(title, "title", "subtitle").text_frame.text == meta["subtitle"]
    assert role_shape(title, "title", "date").text_frame.text == long_date(meta["date"])
    text = " ".join(t for s in prs.slides for t in slide_texts(s))
    for entry in afdelingen():
        assert entry["name"] not in text
    for slide in prs.slides:
        for shape in dates(slide.placeholders):
            assert shape.text_frame.text == long_date(meta["date"])


# -- a broken overlay fails its own deck only -------------------------------------------

TARGET = plain_afdelingen()[0]["slug"]

BROKEN = {
    "override-unknown-slide": ("override:\n  spookdia:\n    title: X\n", "spookdia:", 0,
                               "no slide with id 'spookdia'"),
    "drop-unknown-slide": ("drop: [spookdia]\n", "spookdia]", 0, "no slide with id 'spookdia'"),
    "add-after-unknown-slide": (
        "add:\n  - after: spookdia\n    slides:\n"
        "      - {kind: bullets, id: extra, title: Extra, body: [x]}\n",
        "after: spookdia", len("after: "), "no slide with id 'spookdia'",
    ),
    "unknown-field": ("override:\n  agenda:\n    ondertitel: X\n", "ondertitel: X", 0,
                      "has no field 'ondertitel'"),
    "undefined-variable": (
        "add:\n  - at: end\n    slides:\n"
        "      - kind: bullets\n        id: extra\n        title: Welkom {wethouder}\n"
        "        body: [x]\n",
        "Welkom {wethouder}", 0, "unknown variable {wethouder}",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_overlay_fails_only_its_own_deck(cli: Cli, tmp_path: Path, case: str) -> None:
    overlay, needle, skip, fragment = BROKEN[case]
    folder = copy_content(tmp_path)
    text = write_overlay(folder, TARGET, overlay)
    run = cli("build", "content", "--all-afdelingen", "--jobs", "2", "-o", "decks")
    errors = error_lines(run)
    assert errors, run.stderr
    where = ref(text, needle, skip)
    (line,) = [e for e in errors if where in e]
    assert line.startswith(f"error: {TARGET}: ")
    assert fragment in line
    assert all(e.startswith(f"error: {TARGET}: ") for e in errors), errors
    others = [entry for entry in afdelingen(folder / "afdelingen.yaml") if entry["slug"] != TARGET]
    written = {p.name for p in (tmp_path / "decks").iterdir()}
    assert written == {output_file_name(entry, folder) for entry in others}
    assert f"failed: {TARGET}" in run.stderr



LONG_TITLE = "Een titel die voor deze afdeling veel en veel te lang is geworden " * 6


@pytest.mark.parametrize("chosen", [("--all-afdelingen",), ("--afdeling", TARGET)])
def test_a_failed_afdeling_renames_its_deck_of_an_earlier_run(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chosen: tuple[str, ...]
) -> None:
    folder = copy_content(tmp_path)
    assert cli("build", "content", *chosen, "-o", "decks").exit_code == 0
    deck = tmp_path / "decks" / output_file_name(afdeling(TARGET, folder / "afdelingen.yaml"),
                                                 folder)
    earlier = deck.read_bytes()
    pdf = deck.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.7 of an earlier run")
    write_overlay(folder, TARGET, f"override:\n  zienswijze:\n    title: '{LONG_TITLE}'\n")

    run = cli("build", "content", *chosen, "-o", "decks")

    assert run.exit_code == 1
    lines = run.stderr.splitlines()
    assert lines[-3:] == [
        f"failed: {TARGET}",
        f"renamed decks/{deck.name} to {deck.name}.stale: {TARGET} failed, and this file "
        "is from an earlier run",
        f"renamed decks/{pdf.name} to {pdf.name}.stale: {TARGET} failed, and this file "
        "is from an earlier run",
    ]
    assert not deck.exists()
    assert not pdf.exists()
    assert deck.with_name(f"{deck.name}.stale").read_bytes() == earlier
    # `invite` builds the afdeling's deck again (it is missing), fails as the build did,
    # and invites nobody: the deck of the earlier run is never attached.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")  # before the meetings
    invite = cli("invite", "content", "--afdeling", TARGET, "-o", "decks")
    assert invite.exit_code == 1
    assert f"failed: {TARGET}" in invite.stderr
    assert not (tmp_path / "decks" / "uitnodigingen").exists()
    assert deck.with_name(f"{deck.name}.stale").read_bytes() == earlier


def test_dotted_override_reaches_the_column_heading(cli: Cli, tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    overlay = "override:\n  bouwstenen-stikstof:\n    left.heading: Emissiereductie in {plaats}\n"
    write_overlay(folder, TARGET, overlay)
    run = cli("build", "content", "--afdeling", TARGET, "-o", "decks")
    assert run.exit_code == 0, run.stderr
    entry = afdeling(TARGET, folder / "afdelingen.yaml")
    prs = Presentation(str(tmp_path / "decks" / output_file_name(entry, folder)))
    assert afdeling(TARGET) == {k: v for k, v in entry.items() if k != "override"}
    column = [s for s in prs.slides if slide_id(s) == "bouwstenen-stikstof"]
    assert column
    heading = role_shape(column[0], "two-column", "left_heading").text_frame.text
    assert heading == f"Emissiereductie in {entry['place']}"
    right = role_shape(column[0], "two-column", "right_heading").text_frame.text
    assert right == base_slide("bouwstenen-stikstof")["right"]["heading"]


def test_one_afdeling_to_a_file_name_writes_that_file(cli: Cli, tmp_path: Path) -> None:
    run = cli("build", str(CONTENT_DIR), "--afdeling", "drenthe", "-o", "uit/drenthe.pptx")
    assert run.exit_code == 0, run.stderr
    assert [p.name for p in (tmp_path / "uit").iterdir()] == ["drenthe.pptx"]
    assert run.stdout.startswith("wrote uit/drenthe.pptx (")
    # The same deck as the batch writes into a folder, byte for byte.
    assert cli("build", str(CONTENT_DIR), "--afdeling", "drenthe", "-o", "map").exit_code == 0
    (batch,) = (tmp_path / "map").iterdir()
    assert batch.name == output_file_name(afdeling("drenthe"))
    assert batch.read_bytes() == (tmp_path / "uit" / "drenthe.pptx").read_bytes()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("-o", "deck.ppt"), "'deck.ppt' ends in '.ppt'; a deck is written as .pptx"),
        (("-o", "deck.potx"), "'deck.potx' ends in '.potx'; a deck is written as .pptx"),
        (("-o", "deck"), "'deck' has no suffix; a deck is written as .pptx"),
        (("--afdeling", "drenthe", "-o", "drenthe.pdf"), "'drenthe.pdf' ends in '.pdf'"),
        (("--all-afdelingen", "-o", "alle.pptx"),
         "'alle.pptx' is a file name, but several decks are built"),
        (("--afdeling", "drenthe", "--afdeling", "zeeland", "-o", "twee.pptx"),
         "several decks are built"),
    ],
)
def test_an_output_that_is_not_a_pptx_is_a_usage_error(
    cli: Cli, tmp_path: Path, args: tuple[str, ...], fragment: str
) -> None:
    run = cli("build", str(CONTENT_DIR), *args)
    assert run.exit_code == 2, run.stderr
    assert fragment in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_deck_given_as_content_points_at_check(cli: Cli, tmp_path: Path) -> None:
    deck = tmp_path / "output" / "actualiteiten.pptx"
    deck.parent.mkdir()
    deck.write_bytes(b"PK")
    for command in (("build",), ("invite", "--all-afdelingen"), ("variants", "diff")):
        run = cli(*command, "output/actualiteiten.pptx")
        assert run.exit_code == 2, (command, run.stderr)
        assert ("'output/actualiteiten.pptx' is a deck, not content: give the content folder "
                "(with deck.yaml; default content/); to check a deck, run: deck-builder check "
                "output/actualiteiten.pptx") in " ".join(run.stderr.split())


def test_one_deck_of_one_is_said_so(cli: Cli, tmp_path: Path) -> None:
    run = cli("build", str(CONTENT_DIR), "--afdeling", "drenthe", "-o", "map")
    assert run.exit_code == 0, run.stderr
    assert re.search(r"^1 of 1 deck written in ", run.stdout, re.MULTILINE), run.stdout


def test_a_batch_says_each_warning_once_naming_the_afdelingen(all_decks: AllDecks) -> None:
    warnings = [line for line in all_decks.stderr.splitlines() if line.startswith("warning: ")]
    assert warnings, all_decks.stderr
    assert len(warnings) == len(set(warnings))
    # Grouped by place: no warning starts with an afdeling, each names who it concerns.
    assert not any(line.startswith(f"warning: {slug}:") for line in warnings for slug in SLUGS)
    places = [line.split(": ")[1] for line in warnings]
    assert places == sorted(places, key=lambda p: (p.rsplit(":", 2)[0],
                                                   *map(int, p.rsplit(":", 2)[1:])))
    quote = [line for line in warnings if "'quote'" in line]
    assert len(quote) == 1
    assert ": all 12 afdelingen: text of 'quote' set at " in quote[0]
    # Every afdeling's deck is built from one base: a base warning is never per afdeling.
    assert sum("'quote'" in line for line in all_decks.stderr.splitlines()) == 1
    assert all_decks.stdout.count("wrote ") == len(SLUGS)
