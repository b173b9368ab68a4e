"""`deck-builder variants diff` and deck_builder.variants.diff: what each afdeling's deck changes.

Expected values come from content/afdelingen.yaml and the base deck's YAML files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from deck_builder.variants.diff import DeckDiff, DiffFailure, format_text, variant_diffs
from tests.conftest import CONTENT_DIR, Cli, slide_name
from tests.helpers import as_date, base_slide, deck_meta
from tests.variants_support import (
    SLUGS,
    afdeling,
    afdelingen,
    copy_content,
    output_file_name,
    plain_afdelingen,
    ref,
    substituted,
    variables_of,
    write_overlay,
)

# Afdeling field → deck metadata field it sets, as the diff names it.
META_FIELDS = {"date": "date", "meeting": "meeting", "name": "host", "place": "place",
               "start": "start", "end": "end", "presenter": "presenter"}


def meta_text(value: Any) -> str:
    """A metadata value as the diff writes it: dates in ISO form, absent as ''."""
    if value is None:
        return ""
    return as_date(value).isoformat() if hasattr(value, "isoformat") else str(value)


def expected_meta(entry: dict[str, Any]) -> set[tuple[str, str, str]]:
    """(field, old, new) of every metadata field the afdeling changes."""
    base = deck_meta()
    changes = set()
    for key, field in META_FIELDS.items():
        if key not in entry:
            continue
        old, new = meta_text(base.get(field)), meta_text(entry[key])
        if old != new:
            changes.add((field, old, new))
    return changes


def check_meta(changes: list[dict[str, str]], entry: dict[str, Any]) -> None:
    """The diff's meta changes: exactly the expected fields, extras only if they are right.

    Besides the fields of META_FIELDS, a diff may name the afdeling's logo and the
    variables it defines (`variables.<name>`); each must then carry the afdeling's value.
    """
    core = {(c["field"], c["old"], c["new"]) for c in changes if c["field"] in META_FIELDS.values()}
    assert core == expected_meta(entry)
    values = variables_of(entry)
    base_variables = deck_meta().get("variables") or {}
    for change in changes:
        field = change["field"]
        if field in META_FIELDS.values():
            continue
        if field == "logo":
            assert "logo" in entry, change
            assert Path(change["new"]).name == Path(entry["logo"]).name, change
        elif field.startswith("variables."):
            name = field.split(".", 1)[1]
            assert change["new"] == values.get(name, ""), change
            assert change["old"] == str(base_variables.get(name, "")), change
        else:
            raise AssertionError(f"unexpected meta change {change}")


def field_text(value: Any, values: dict[str, str] | None = None) -> str:
    """A plain field value as the diff shows it: lists joined with '; '."""
    def one(text: Any) -> str:
        return substituted(str(text), values) if values is not None else str(text)

    if isinstance(value, list):
        return "; ".join(one(item) for item in value)
    return one(value)


def dotted(slide: dict[str, Any], field: str) -> Any:
    value: Any = slide
    for step in field.split("."):
        value = value[step]
    return value


def diff_json(cli: Cli, *slugs: str) -> dict[str, dict[str, Any]]:
    args = [arg for slug in slugs for arg in ("--afdeling", slug)]
    run = cli("variants", "diff", str(CONTENT_DIR), *args, "--format", "json")
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    assert set(data) == {"afdelingen"}
    return {item["slug"]: item for item in data["afdelingen"]}


# -- text ---------------------------------------------------------------------------------


def test_text_diff_of_two_afdelingen(cli: Cli) -> None:
    chosen = ["groningen", "zeeland"]
    run = cli("variants", "diff", str(CONTENT_DIR), "--afdeling", chosen[0],
              "--afdeling", chosen[1])
    assert run.exit_code == 0, run.stderr
    blocks = [b for b in run.stdout.strip().split("\n\n") if b]
    assert len(blocks) == len(chosen)
    for block, slug in zip(blocks, chosen, strict=True):
        entry = afdeling(slug)
        lines = block.splitlines()
        assert lines[0] == f"{slug}: {entry['name']} → output/{output_file_name(entry)}"
        for field, old, new in expected_meta(entry):
            assert f'  meta {field}: "{old}" → "{new}"' in lines
        values = variables_of(entry)
        added = [line for line in lines if line.startswith("  + added")]
        new_slides = [s for a in entry.get("add", []) for s in a["slides"]]
        assert len(added) == len(new_slides)
        for line, slide in zip(added, new_slides, strict=True):
            assert f" {slide['id']} ({slide['kind']}, slide " in line
            assert line.endswith(f'"{substituted(slide["title"], values)}"')
        dropped = [line for line in lines if line.startswith("  - dropped")]
        assert len(dropped) == len(entry.get("drop", []))
        for line, slide_id in zip(dropped, entry.get("drop", []), strict=True):
            base = base_slide(slide_id)
            assert line == f'  - dropped {slide_id} ({base["kind"]}): "{base["title"]}"'
        assert not [line for line in lines if line.startswith("  ~ changed")]
    # Both afdelingen change the deck: one adds, the other adds and drops.
    assert "+ added" in blocks[0]
    assert "- dropped" in blocks[1]


def test_text_diff_shows_changed_fields_old_and_new(cli: Cli) -> None:
    with_overrides = [e for e in afdelingen() if e.get("override")]
    assert with_overrides
    run = cli("variants", "diff", str(CONTENT_DIR),
              *[a for e in with_overrides for a in ("--afdeling", e["slug"])])
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    for entry in with_overrides:
        values = variables_of(entry)
        for slide_id, fields in entry["override"].items():
            for field, value in fields.items():
                old = field_text(dotted(base_slide(slide_id), field))
                new = field_text(value, values)
                assert f'  ~ changed {slide_id}.{field}: "{old}" → "{new}"' in lines


# -- JSON ---------------------------------------------------------------------------------


def test_json_diff_of_every_afdeling(cli: Cli) -> None:
    run = cli("variants", "diff", str(CONTENT_DIR), "--format", "json")
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    assert [item["slug"] for item in data["afdelingen"]] == SLUGS
    for item in data["afdelingen"]:
        entry = afdeling(item["slug"])
        values = variables_of(entry)
        assert set(item) == {"slug", "name", "output", "meta", "added", "dropped", "changed"}
        assert item["name"] == entry["name"]
        assert item["output"] == f"output/{output_file_name(entry)}"
        check_meta(item["meta"], entry)
        new_slides = [s for a in entry.get("add", []) for s in a["slides"]]
        assert [a["key"] for a in item["added"]] == [s["id"] for s in new_slides]
        assert [a["kind"] for a in item["added"]] == [s["kind"] for s in new_slides]
        assert [a["title"] for a in item["added"]] == [
            substituted(s["title"], values) for s in new_slides
        ]
        assert [d["key"] for d in item["dropped"]] == entry.get("drop", [])
        for dropped in item["dropped"]:
            base = base_slide(dropped["key"])
            assert (dropped["kind"], dropped["title"]) == (base["kind"], base["title"])
        expected_changes = {
            (slide_id, field, field_text(dotted(base_slide(slide_id), field)),
             field_text(value, values))
            for slide_id, fields in entry.get("override", {}).items()
            for field, value in fields.items()
        }
        assert {(c["slide"], c["field"], c["old"], c["new"]) for c in item["changed"]} == (
            expected_changes
        )


@pytest.mark.parametrize("slug", [e["slug"] for e in plain_afdelingen()])
def test_afdeling_without_overlay_changes_only_meta(cli: Cli, slug: str) -> None:
    item = diff_json(cli, slug)[slug]
    assert item["meta"]
    check_meta(item["meta"], afdeling(slug))
    assert (item["added"], item["dropped"], item["changed"]) == ([], [], [])


def test_text_diff_without_overlay_has_only_meta_lines(cli: Cli) -> None:
    slug = plain_afdelingen()[0]["slug"]
    run = cli("variants", "diff", str(CONTENT_DIR), "--afdeling", slug)
    assert run.exit_code == 0, run.stderr
    header, *rest = run.stdout.strip().splitlines()
    assert header.startswith(f"{slug}: ")
    assert rest
    assert all(line.startswith("  meta ") for line in rest), rest
    for field, old, new in expected_meta(afdeling(slug)):
        assert f'  meta {field}: "{old}" → "{new}"' in rest


def test_diff_names_unknown_slugs(cli: Cli) -> None:
    run = cli("variants", "diff", str(CONTENT_DIR), "--afdeling", "atlantis")
    assert run.exit_code == 2
    assert "unknown afdeling 'atlantis'" in run.stderr
    assert all(slug in run.stderr for slug in SLUGS)
    assert run.stdout == ""


# -- the module API -------------------------------------------------------------------------


def test_dotted_override_is_diffed_as_a_dotted_field(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    slug = plain_afdelingen()[0]["slug"]
    write_overlay(folder, slug, "override:\n  bouwstenen-stikstof:\n"
                                "    left.heading: Emissiereductie {afdeling_kort}\n")
    (diff,) = variant_diffs(folder, [slug])
    assert isinstance(diff, DeckDiff)
    entry = afdeling(slug, folder / "afdelingen.yaml")
    (change,) = diff.changed
    assert (change.slide, change.field) == ("bouwstenen-stikstof", "left.heading")
    assert change.old == base_slide("bouwstenen-stikstof")["left"]["heading"]
    assert change.new == f"Emissiereductie {entry['short']}"
    text = format_text([diff])
    assert f'~ changed bouwstenen-stikstof.left.heading: "{change.old}" → "{change.new}"' in text
    assert json.loads(json.dumps(diff.as_dict()))["changed"] == [
        {"slide": "bouwstenen-stikstof", "field": "left.heading", "old": change.old,
         "new": change.new}
    ]


def test_a_broken_overlay_yields_its_problems_and_the_others_still_diff(
    cli: Cli, tmp_path: Path
) -> None:
    folder = copy_content(tmp_path)
    broken = plain_afdelingen()[0]["slug"]
    text = write_overlay(folder, broken, "drop: [spookdia]\n")
    results = variant_diffs(folder, None)
    assert len(results) == len(SLUGS)
    for slug, result in zip(SLUGS, results, strict=True):
        if slug == broken:
            assert isinstance(result, DiffFailure)
            assert result.slug == slug
            (problem,) = result.problems
            assert ref(text, "spookdia]") in problem
        else:
            assert isinstance(result, DeckDiff)
            assert result.slug == slug
    run = cli("variants", "diff", "content", "--format", "json")
    assert run.exit_code == 1
    assert [i["slug"] for i in json.loads(run.stdout)["afdelingen"]] == [
        s for s in SLUGS if s != broken
    ]
    assert ref(text, "spookdia]") in run.stderr
    assert f"error: {broken}: " in run.stderr


# -- the title slide's logo and slide numbers (regressions of fixed bugs) -----------------


def test_diff_reports_the_afdeling_logo(cli: Cli) -> None:
    with_logo = [e for e in afdelingen() if "logo" in e]
    assert with_logo
    items = diff_json(cli, *[e["slug"] for e in with_logo])
    for entry in with_logo:
        fields = {m["field"] for m in items[entry["slug"]]["meta"]}
        assert "logo" in fields


def test_added_slide_position_is_its_slide_number_in_the_deck(cli: Cli, tmp_path: Path) -> None:
    # bouwstenen-stikstof, before zeeland's added slide, runs over two deck slides.
    slug = "zeeland"
    (added,) = diff_json(cli, slug)[slug]["added"]
    run = cli("build", str(CONTENT_DIR), "--afdeling", slug, "-o", "decks")
    assert run.exit_code == 0, run.stderr
    prs = Presentation(str(tmp_path / "decks" / output_file_name(afdeling(slug))))
    names = [slide_name(s) for s in prs.slides]
    number = next(i for i, name in enumerate(names, 1) if name.split(":")[1] == added["key"])
    assert added["position"] == number
