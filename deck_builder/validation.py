"""Translate pydantic validation errors into located, plain-language problems."""

from __future__ import annotations

import difflib
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from deck_builder.errors import ProblemCollector
from deck_builder.source import Node, describe, find, key_position

_EXPECTED = {
    "string_type": "text",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "list_type": "a list",
    "tuple_type": "a list",
    "bool_parsing": "yes/no (true or false)",
    "int_parsing": "a whole number",
    "float_parsing": "a number",
}


def report_validation_error(
    error: ValidationError,
    node: Node,
    problems: ProblemCollector,
    model: type[BaseModel] | None = None,
) -> None:
    """Add one problem per pydantic error, located at the YAML node it concerns.

    `model` (the validated class) lets an unknown key be answered with the allowed keys.
    """
    for detail in error.errors(include_url=False):
        # pydantic inserts validator names (e.g. 'function-before[...]') into locations.
        loc = tuple(step for step in detail["loc"] if not _is_validator_step(step))
        kind = detail["type"]
        target, found = find(node, loc)
        where = target.where
        field = str(loc[-1]) if loc else ""
        label = f"{field}: " if field and not field.isdigit() else ""
        if kind == "extra_forbidden":
            where = key_position(node, loc) or where
            message = f"unknown key {field!r}" + _suggestion(field, loc, model)
        elif kind == "missing":
            message = f"missing required key {field!r}"
        elif kind in _EXPECTED:
            got = describe(target) if found else "something else"
            if found and got == "text" and "parsing" in kind:
                got = repr(detail["input"])
            message = f"{label}expected {_EXPECTED[kind]}, got {got}"
        elif kind == "value_error" and "ctx" in detail:
            message = label + str(detail["ctx"]["error"])
        elif kind == "string_pattern_mismatch":
            message = label + _pattern_message(field, detail["input"])
        else:
            message = label + _lower_first(detail["msg"])
        problems.add(message, where)


def _pattern_message(field: str, value: Any) -> str:
    if field in {"id", "slug"}:
        return (
            f"{value!r} is not a valid identifier: use lower-case letters, digits, '-' "
            "and '_', starting with a letter or digit"
        )
    if field == "url":
        return f"{value!r} must be a web address starting with http:// or https://"
    return f"{value!r} does not have the expected form"


def _is_validator_step(step: Any) -> bool:
    return isinstance(step, str) and "[" in step


def _suggestion(field: str, loc: tuple[Any, ...], model: type[BaseModel] | None) -> str:
    allowed = _allowed_keys(loc, model)
    if not allowed:
        return ""
    close = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{hint} (allowed: {', '.join(sorted(allowed))})"


def _allowed_keys(loc: tuple[Any, ...], model: type[BaseModel] | None) -> list[str]:
    # Follow the model's fields along the location to the mapping's own model.
    current: Any = model
    for step in loc[:-1]:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(step)
        if info is None:
            return []
        current = innermost_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [name for name in current.model_fields if name != "kind"]
    return []


def innermost_model(annotation: Any) -> Any:
    """The first pydantic model class inside a type annotation (e.g. `tuple[Item, ...]`)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = innermost_model(arg)
        if found is not None:
            return found
    return None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
