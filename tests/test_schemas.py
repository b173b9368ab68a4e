"""The content files' JSON Schemas: current, accepted by the default content, strict."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from deck_builder.content.source import load_file, to_plain
from deck_builder.schemas import FILES, content_schema, render
from tests.conftest import CONTENT_DIR, Cli

SCHEMA_DIR = CONTENT_DIR / "schemas"
COMMENT = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def content_files() -> dict[Path, str]:
    """Each content file with the name of the schema it should follow."""
    files = {CONTENT_DIR / "deck.yaml": "deck", CONTENT_DIR / "partners.yaml": "partners",
             CONTENT_DIR / "afdelingen.yaml": "afdelingen",
             CONTENT_DIR / "uitnodiging.yaml": "invitation"}
    files.update({path: "section" for path in sorted((CONTENT_DIR / "sections").glob("*.yaml"))})
    return files


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = content_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(name: str, data: Any) -> list[str]:
    return [error.message for error in validator(name).iter_errors(data)]


@pytest.mark.parametrize("name", list(FILES))
def test_committed_schema_is_current(name: str) -> None:
    """`deck-builder schema --write content/schemas` has been run after model changes."""
    assert (SCHEMA_DIR / FILES[name]).read_text(encoding="utf-8") == render(name)


@pytest.mark.parametrize(("path", "name"), list(content_files().items()),
                         ids=lambda value: getattr(value, "name", value))
def test_default_content_follows_its_schema(path: Path, name: str) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    match = COMMENT.match(first_line)
    assert match, f"{path.name} does not start with the yaml-language-server comment"
    assert (path.parent / match.group(1)).resolve() == (SCHEMA_DIR / FILES[name]).resolve()
    assert errors(name, to_plain(load_file(path))) == []


def deck_data() -> dict[str, Any]:
    return to_plain(load_file(CONTENT_DIR / "deck.yaml"))


def broken_copies() -> dict[str, dict[str, Any]]:
    """The default deck file with one mistake each."""
    cases: dict[str, dict[str, Any]] = {}
    data = deck_data()
    unknown = copy.deepcopy(data)
    unknown["titel"] = "x"
    cases["unknown top-level key"] = unknown
    no_slides = copy.deepcopy(data)
    del no_slides["slides"]
    cases["no slides"] = no_slides
    bad_kind = copy.deepcopy(data)
    bad_kind["slides"][0]["kind"] = "titel"
    cases["unknown kind"] = bad_kind
    extra = copy.deepcopy(data)
    extra["slides"][0]["kleur"] = "rood"
    cases["unknown slide key"] = extra
    bad_date = copy.deepcopy(data)
    bad_date["date"] = "4 december"
    cases["date not YYYY-MM-DD"] = bad_date
    bad_id = copy.deepcopy(data)
    bad_id["slides"][0]["id"] = "Met Spaties"
    cases["invalid id"] = bad_id
    return cases


@pytest.mark.parametrize("case", list(broken_copies()))
def test_a_broken_deck_file_is_rejected(case: str) -> None:
    assert errors("deck", broken_copies()[case]), case


def test_bullet_short_forms_are_accepted_and_checked() -> None:
    slide = {"kind": "bullets", "title": "T", "body": [
        "gewoon een bullet",
        {"paragraph": "Doel: zonder bullet"},
        {"text": "met kinderen", "items": ["a", {"text": "b", "items": ["c"]}]},
    ]}
    data = {"title": "T", "date": "2025-12-04", "slides": [slide]}
    assert errors("deck", data) == []
    slide["body"].append({"paragraph": "x", "bullet": "nee"})  # paragraph has no bullet key
    assert errors("deck", data)


def test_cli_prints_the_schema(cli: Cli) -> None:
    run = cli("schema", "partners")
    assert run.exit_code == 0
    assert json.loads(run.stdout) == content_schema("partners")
    assert cli("schema", "onbekend").exit_code == 2


# -- every field described, with an example that is valid -------------------------------


def properties(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every property schema anywhere in a schema, with where it is."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for name, value in (node.get("properties") or {}).items():
            found.append((f"{path}/{name}", value))
        for key, value in node.items():
            found += properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += properties(value, f"{path}/{index}")
    return found


@pytest.mark.parametrize("name", list(FILES))
def test_every_property_has_a_description(name: str) -> None:
    found = properties(content_schema(name))
    assert found
    missing = [path for path, schema in found if not schema.get("description", "").strip()]
    assert missing == []


@pytest.mark.parametrize("name", list(FILES))
def test_every_example_is_valid_for_its_property(name: str) -> None:
    schema = content_schema(name)
    examples = [(path, prop, example) for path, prop in properties(schema)
                for example in prop.get("examples", [])]
    for path, prop, example in examples:
        # The property's own schema, its references resolved against the file's $defs.
        alone = {"$schema": schema["$schema"], "$defs": schema["$defs"],
                 **{k: v for k, v in prop.items() if k != "examples"}}
        problems = [e.message for e in jsonschema.Draft202012Validator(alone).iter_errors(example)]
        assert problems == [], (path, example)


def test_limits_are_in_the_schema() -> None:
    defs = content_schema("deck")["$defs"]
    figure = defs["StatisticSlide"]["properties"]["figure"]
    assert figure["maxLength"] == 12
    assert "at most 12 characters" in figure["description"]
    focal = defs["Picture"]["properties"]["focal"]["anyOf"][0]
    assert (focal["minItems"], focal["maxItems"]) == (2, 2)
    assert (focal["items"]["minimum"], focal["items"]["maximum"]) == (0, 1)
    assert errors("deck", {**deck_data(), "slides": [
        {"kind": "statistic", "title": "T", "figure": "1234567890123"}]})
    slug = content_schema("deck")["properties"]["slug"]["anyOf"][0]
    assert slug["maxLength"] == 64


def test_schema_help_lists_every_schema(cli: Cli) -> None:
    run = cli("schema", "--help")
    assert run.exit_code == 0
    listed = re.findall(r"^    (\w+)\s{2,}", run.stdout, re.MULTILINE)
    assert listed == list(FILES)
    for name in FILES:
        assert cli("schema", name).exit_code == 0
