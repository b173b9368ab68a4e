"""The record layer: conversion from YAML nodes, located messages, JSON Schema."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deck_builder.content.schema import (
    Items,
    Length,
    Pattern,
    Range,
    Record,
    field_path_exists,
    json_schema,
    record_fields,
    validate,
)
from deck_builder.content.source import Node, parse_text
from deck_builder.errors import DeckError, ProblemCollector

SOURCE = Path("sample.yaml")


class Inner(Record):
    """A nested record."""

    label: Annotated[str, Length(min=1, max=5)]
    weight: Annotated[float, Range(gt=0, le=10)] | None = None


class Sample(Record):
    """A record with one field of every kind.

    The second paragraph is not part of the schema's description.
    """

    name: str
    count: Annotated[int, Range(ge=0)] = 0
    active: bool = True
    when: dt.date | None = None
    mode: Literal["fast", "slow"] = "fast"
    code: Annotated[str, Pattern(r"^[A-Z]{2}$", "{value!r} is not a two-letter code")] | None = None
    tags: Annotated[tuple[str, ...], Items(min=1)] = ("x",)
    inner: Inner | None = None
    extra: dict[str, int] = {}  # noqa: RUF012 (records copy mutable defaults)
    anything: Any = None


def node(text: str) -> Node:
    return parse_text(text, SOURCE)


def check(cls: type[Record], text: str) -> tuple[Any, list[str]]:
    """The record (or None) and the problems as `line:col: message` strings."""
    problems = ProblemCollector()
    result = validate(cls, node(text), problems)
    lines = [f"{p.where.line}:{p.where.column}: {p.message}" for p in problems.problems
             if p.where is not None]
    return result, lines


def test_every_field_kind_converts() -> None:
    record, problems = check(Sample, """\
name: '  Naam  '
count: '12'
active: nee
when: 2025-12-04
mode: slow
code: NL
tags: [a, b]
inner: {label: abc, weight: '2.5'}
extra: {a: 1}
anything: [1, {b: c}]
""")
    assert problems == []
    assert record == Sample(
        name="Naam", count=12, active=False, when=dt.date(2025, 12, 4), mode="slow",
        code="NL", tags=("a", "b"), inner=Inner(label="abc", weight=2.5), extra={"a": 1},
        anything=["1", {"b": "c"}],
    )


def test_defaults_and_empty_values() -> None:
    record, problems = check(Sample, "name: x\nwhen:\ncode:\n")
    assert problems == []
    assert (record.count, record.active, record.when, record.tags, record.extra) == (
        0, True, None, ("x",), {})
    # A mutable default is not shared between records.
    other, _ = check(Sample, "name: y\n")
    assert record.extra is not other.extra


def test_every_problem_is_reported_at_its_node() -> None:
    record, problems = check(Sample, """\
count: -1
active: misschien
mode: medium
code: nld
tags: []
inner: {label: te-lang, weight: '0'}
extra: {a: veel}
naem: x
""")
    assert record is None
    assert problems == [
        "1:8: count: must be 0 or more, got -1",
        "2:9: active: expected yes/no (true or false), got 'misschien'",
        "3:7: mode: expected one of fast, slow, got 'medium'",
        "4:7: code: 'nld' is not a two-letter code",
        "5:7: tags: must not be empty",
        "6:16: label: at most 5 characters, got 7 ('te-lang')",
        "6:33: weight: must be more than 0, got 0",
        "7:12: a: expected a whole number, got 'veel'",
        "8:1: unknown key 'naem'; did you mean 'name'? (allowed: active, anything, code, "
        "count, extra, inner, mode, name, tags, when)",
        "1:1: missing required key 'name'",
    ]


def test_wrong_shapes() -> None:
    _, problems = check(Sample, "name: [a]\ninner: tekst\ntags: {a: b}\n")
    assert problems == [
        "1:7: name: expected text, got a list",
        "2:8: inner: expected a mapping, got text",
        "3:7: tags: expected a list, got a mapping",
    ]
    _, problems = check(Sample, "- a\n")
    assert problems == ["1:1: expected a mapping, got a list"]


def test_records_are_immutable_values() -> None:
    first = Inner(label="a")
    with pytest.raises(AttributeError):
        first.label = "b"  # type: ignore[misc]
    assert first == Inner(label="a")
    assert hash(first) == hash(Inner(label="a"))
    assert first.replace(weight=1.0) == Inner(label="a", weight=1.0)
    assert first != first.replace(weight=1.0)
    with pytest.raises(TypeError, match="missing field 'label'"):
        Inner()
    with pytest.raises(TypeError, match="unknown fields"):
        Inner(label="a", colour="red")


def test_fields_and_paths() -> None:
    assert list(record_fields(Inner)) == ["label", "weight"]
    assert field_path_exists(Sample, ["inner", "label"])
    assert not field_path_exists(Sample, ["inner", "colour"])
    assert not field_path_exists(Sample, ["name", "label"])


def test_json_schema_describes_the_rules() -> None:
    schema = json_schema(Sample)
    sample = schema["$defs"]["Sample"]
    assert schema["$ref"] == "#/$defs/Sample"
    assert sample["description"] == "A record with one field of every kind."
    assert sample["required"] == ["name"]
    assert sample["additionalProperties"] is False
    assert sample["properties"]["mode"] == {"enum": ["fast", "slow"]}
    assert sample["properties"]["tags"]["minItems"] == 1
    assert schema["$defs"]["Inner"]["properties"]["label"]["maxLength"] == 5


@given(st.dictionaries(st.sampled_from(["name", "count", "active", "mode", "naam", "x"]),
                       st.text(alphabet="abcXYZ019 -:", max_size=8), max_size=6))
def test_validation_either_succeeds_or_explains(values: dict[str, str]) -> None:
    """Any mapping of text values gives a record, or at least one located problem —
    never an exception."""
    text = "".join(f"{key}: {value!r}\n" for key, value in values.items()) or "{}\n"
    problems = ProblemCollector()
    record = validate(Sample, node(text), problems)
    if record is None:
        assert problems.problems
        assert all(p.where is not None and p.where.line >= 1 for p in problems.problems)
        with pytest.raises(DeckError):
            problems.raise_if_any()
    else:
        assert not problems.problems
        assert record.name == values["name"].strip()
