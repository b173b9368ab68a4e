"""build_variants: many decks in parallel, reproducible, one failure never stops the others."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from pptx import Presentation

from deck_builder.errors import DeckError
from deck_builder.variants import batch
from deck_builder.variants.batch import DeckOutcome, build_variants
from tests.conftest import CONTENT_DIR, slide_name
from tests.variants_support import (
    SLUGS,
    afdeling,
    afdelingen,
    copy_content,
    output_file_name,
    plain_afdelingen,
    ref,
    write_overlay,
)


def test_parallel_build_is_byte_identical_to_a_serial_one(tmp_path: Path) -> None:
    serial = build_variants(CONTENT_DIR, None, jobs=1, output_dir=tmp_path / "serial")
    parallel = build_variants(CONTENT_DIR, None, jobs=2, output_dir=tmp_path / "parallel")
    names = {output_file_name(entry) for entry in afdelingen()}
    for folder in ("serial", "parallel"):
        assert {p.name for p in (tmp_path / folder).iterdir()} == names
    for name in sorted(names):
        one = (tmp_path / "serial" / name).read_bytes()
        two = (tmp_path / "parallel" / name).read_bytes()
        assert one == two, name
    assert [o.slug for o in serial] == [o.slug for o in parallel] == SLUGS
    assert [(o.slides, o.size) for o in serial] == [(o.slides, o.size) for o in parallel]


def test_workers_started_afresh_build_the_same_decks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the platform cannot fork, each worker loads the batch itself."""
    chosen = SLUGS[:3]
    serial = build_variants(CONTENT_DIR, chosen, jobs=1, output_dir=tmp_path / "serial")
    monkeypatch.setattr(batch, "_context", lambda: multiprocessing.get_context("spawn"))
    spawned = build_variants(CONTENT_DIR, chosen, jobs=2, output_dir=tmp_path / "spawned")
    assert [o.slug for o in spawned] == chosen
    for alone, fresh in zip(serial, spawned, strict=True):
        assert alone.output is not None
        assert fresh.output is not None
        assert fresh.output.read_bytes() == alone.output.read_bytes()


def test_each_deck_of_a_batch_is_the_deck_built_on_its_own(tmp_path: Path) -> None:
    """A batch shares template parts, spares and drawn slides between its decks; each
    deck still comes out exactly as a build of that afdeling alone."""
    build_variants(CONTENT_DIR, None, jobs=1, output_dir=tmp_path / "batch")
    for slug in SLUGS:
        [alone] = build_variants(CONTENT_DIR, [slug], jobs=1, output_dir=tmp_path / slug)
        assert alone.output is not None
        assert alone.output.read_bytes() == (tmp_path / "batch" / alone.output.name).read_bytes()


def test_outcomes_describe_the_written_decks(tmp_path: Path) -> None:
    chosen = [SLUGS[3], SLUGS[0], SLUGS[1]]
    seen: list[tuple[str, int, int]] = []

    def on_done(outcome: DeckOutcome, done: int, total: int) -> None:
        seen.append((outcome.slug, done, total))

    outcomes = build_variants(CONTENT_DIR, chosen, jobs=2, output_dir=tmp_path, on_done=on_done)
    assert [o.slug for o in outcomes] == chosen  # in the order asked, not of finishing
    assert sorted(s for s, _, _ in seen) == sorted(chosen)
    assert [(done, total) for _, done, total in seen] == [(1, 3), (2, 3), (3, 3)]
    for outcome in outcomes:
        assert outcome.ok
        assert not outcome.problems
        assert outcome.output == tmp_path / output_file_name(afdeling(outcome.slug))
        assert outcome.size == outcome.output.stat().st_size
        prs = Presentation(str(outcome.output))
        assert outcome.slides == len(prs.slides)
        assert slide_name(prs.slides[0]).startswith("title:")
        assert outcome.seconds > 0
    assert {p.name for p in tmp_path.iterdir()} == {o.output.name for o in outcomes if o.output}


def test_a_slug_given_twice_is_built_once(tmp_path: Path) -> None:
    outcomes = build_variants(CONTENT_DIR, [SLUGS[0], SLUGS[0]], jobs=2, output_dir=tmp_path)
    assert [o.slug for o in outcomes] == [SLUGS[0]]
    assert [p.name for p in tmp_path.iterdir()] == [output_file_name(afdeling(SLUGS[0]))]


def test_one_broken_overlay_does_not_stop_the_others(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    broken = plain_afdelingen()[-1]["slug"]
    text = write_overlay(folder, broken,
                         "override:\n  afsluiting:\n    contact: ['{onbekende_variabele}']\n")
    out = tmp_path / "decks"
    outcomes = build_variants(folder, None, jobs=2, output_dir=out)
    assert [o.slug for o in outcomes] == SLUGS
    (failed,) = [o for o in outcomes if not o.ok]
    assert failed.slug == broken
    assert failed.output is None
    (problem,) = failed.problems
    assert ref(text, "'{onbekende_variabele}'") in problem  # where the scalar starts
    assert "unknown variable {onbekende_variabele}" in problem
    written = {p.name for p in out.iterdir()}
    others = [e for e in afdelingen(folder / "afdelingen.yaml") if e["slug"] != broken]
    assert written == {output_file_name(e, folder) for e in others}
    for outcome in outcomes:
        if outcome.ok:
            assert outcome.output is not None
            assert outcome.output.is_file()


def test_an_invalid_entry_fails_alone(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    broken = SLUGS[0]
    text = write_overlay(folder, broken, "zaal: Raadzaal\n")
    chosen = [broken, SLUGS[1]]
    outcomes = build_variants(folder, chosen, jobs=2, output_dir=tmp_path / "decks")
    assert [o.ok for o in outcomes] == [False, True]
    (problem,) = outcomes[0].problems
    assert ref(text, "zaal: Raadzaal") in problem
    assert "unknown key 'zaal'" in problem


def test_unknown_slug_raises_before_anything_is_built(tmp_path: Path) -> None:
    with pytest.raises(DeckError, match="unknown afdeling 'atlantis'") as caught:
        build_variants(CONTENT_DIR, [SLUGS[0], "atlantis"], jobs=2, output_dir=tmp_path)
    for slug in SLUGS:
        assert slug in str(caught.value)
    assert not list(tmp_path.iterdir())


def test_a_broken_base_deck_fails_every_variant_at_once(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    deck = folder / "deck.yaml"
    text = deck.read_text(encoding="utf-8").replace("  - kind: agenda\n", "  - kind: agendaa\n")
    assert "kind: agendaa" in text
    deck.write_text(text, encoding="utf-8")
    with pytest.raises(DeckError) as caught:
        build_variants(folder, None, jobs=2, output_dir=tmp_path / "decks")
    line = text[: text.index("kind: agendaa")].count("\n") + 1
    assert any(
        p.where is not None and p.where.path.name == "deck.yaml" and p.where.line == line
        for p in caught.value.problems
    ), (line, str(caught.value))
    assert not (tmp_path / "decks").exists()


# -- a failed deck leaves no deck of an earlier run that could pass for it ---------------

LONG_TITLE = "Een titel die voor deze afdeling veel en veel te lang is geworden " * 6


def test_a_failed_deck_renames_the_afdelings_files_of_earlier_runs(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    out = tmp_path / "decks"
    assert all(o.ok for o in build_variants(folder, None, jobs=2, output_dir=out))
    broken = plain_afdelingen()[0]["slug"]
    deck = out / output_file_name(afdeling(broken, folder / "afdelingen.yaml"), folder)
    earlier = deck.read_bytes()
    pdf = deck.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.7 of an earlier run")
    # The afdeling's deck of an older meeting, and files that are no deck of it.
    older = out / f"2024-05-01-{deck.name[len('YYYY-MM-DD-'):]}"
    older.write_bytes(b"older meeting")
    others = {p: p.read_bytes() for p in out.iterdir() if broken not in p.name}
    lookalikes = [out / f"x{deck.name}", out / f"{deck.name}.bak",
                  out / deck.name.replace(f"-{broken}.", f"-oost-{broken}.")]
    for path in lookalikes:
        path.write_bytes(b"not a deck of the afdeling")
    write_overlay(folder, broken, f"override:\n  zienswijze:\n    title: '{LONG_TITLE}'\n")

    outcomes = build_variants(folder, None, jobs=2, output_dir=out)

    (failed,) = [o for o in outcomes if not o.ok]
    assert failed.slug == broken
    assert any("does not fit its box" in problem for problem in failed.problems)
    stale = [(path, path.with_name(path.name + ".stale")) for path in (older, deck, pdf)]
    assert failed.set_aside == stale  # by date, each deck before its PDF
    for before, after in stale:
        assert not before.exists()
        assert after.is_file()
    assert (out / f"{deck.name}.stale").read_bytes() == earlier
    assert (out / f"{pdf.name}.stale").read_bytes() == b"%PDF-1.7 of an earlier run"
    assert (out / f"{older.name}.stale").read_bytes() == b"older meeting"
    for path in lookalikes:
        assert path.read_bytes() == b"not a deck of the afdeling"
    assert all(not o.set_aside for o in outcomes if o.ok)
    for path in others:  # rewritten, and the same: the other decks are current
        assert path.read_bytes() == others[path], path


def test_a_failed_deck_with_no_earlier_files_renames_nothing(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    broken = SLUGS[0]
    write_overlay(folder, broken, "zaal: Raadzaal\n")  # an invalid entry: no deck name
    for out in (tmp_path / "empty", tmp_path / "missing"):
        if out.name == "empty":
            out.mkdir()
        (failed,) = build_variants(folder, [broken], jobs=1, output_dir=out)
        assert not failed.ok
        assert failed.set_aside == []


def test_an_invalid_entry_renames_every_deck_of_the_afdeling(tmp_path: Path) -> None:
    """A date that is not a date (or another broken field) leaves the deck's name
    unknown: any deck of the afdeling could pass for the current one."""
    folder = copy_content(tmp_path)
    out = tmp_path / "decks"
    broken = SLUGS[0]
    (written,) = build_variants(folder, [broken], jobs=1, output_dir=out)
    assert written.output is not None
    path = folder / "afdelingen.yaml"
    date = f"date: {afdeling(broken, path)['date'].isoformat()}"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(date, "date: 2026-02-30", 1), encoding="utf-8")
    (failed,) = build_variants(folder, [broken], jobs=1, output_dir=out)
    assert not failed.ok
    assert failed.set_aside == [(written.output, out / f"{written.output.name}.stale")]


def test_a_file_that_cannot_be_renamed_is_a_problem(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    out = tmp_path / "decks"
    broken = SLUGS[0]
    (written,) = build_variants(folder, [broken], jobs=1, output_dir=out)
    assert written.output is not None
    blocker = out / f"{written.output.name}.stale"
    (blocker / "inside").mkdir(parents=True)  # a folder where the renamed file would go
    write_overlay(folder, broken, f"override:\n  zienswijze:\n    title: '{LONG_TITLE}'\n")
    (failed,) = build_variants(folder, [broken], jobs=1, output_dir=out)
    assert failed.set_aside == []
    assert written.output.is_file()
    (problem,) = [p for p in failed.problems if str(written.output) in p]
    assert "is from an earlier run, not from this content, and cannot be renamed" in problem
    assert problem.endswith(": delete it")
