"""Translate pydantic validation errors into located, plain-language problems."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from deck_builder.errors import ProblemCollector
from deck_builder.source import Mapping, Node, describe, key_position, locate


def report_validation_error(
    error: ValidationError,
    node: Node,
    problems: ProblemCollector,
    model: type[BaseModel] | None = None,
) -> None:
    """Add one problem per pydantic error, located at the YAML node it concerns."""
    for detail in error.errors(include_url=False):
        loc = tuple(step for step in detail["loc"] if not _is_union_tag(step))
        kind = detail["type"]
        where, found = locate(node, loc)
        field = str(loc[-1]) if loc else ""
        if kind == "extra_forbidden":
            where = key_position(node, loc) or where
            message = f"unknown key {field!r}" + _suggestion(field, node, loc, model)
        elif kind == "missing":
            message = f"missing required key {field!r}"
        elif kind in {"string_type", "dict_type", "list_type", "tuple_type", "model_type"}:
            expected = {
                "string_type": "text",
                "dict_type": "a mapping",
                "model_type": "a mapping",
                "list_type": "a list",
                "tuple_type": "a list",
            }[kind]
            target, _ = _node_at(node, loc)
            got = describe(target) if found and target is not None else "something else"
            message = f"{_label(field)}expected {expected}, got {got}"
        elif kind == "value_error":
            message = _label(field) + str(detail["ctx"]["error"]) if "ctx" in detail else detail["msg"]
        elif kind == "string_pattern_mismatch":
            message = f"{_label(field)}{_pattern_message(field, detail['input'])}"
        else:
            message = f"{_label(field)}{_lower_first(detail['msg'])}"
        problems.add(message, where)


def _label(field: str) -> str:
    return f"{field}: " if field and not field.isdigit() else ""


def _pattern_message(field: str, value: Any) -> str:
    if field in {"id", "slug"} or field.isidentifier():
        return (
            f"{value!r} is not a valid identifier: use lower-case letters, digits, '-' "
            "and '_', starting with a letter or digit"
        )
    return f"{value!r} has the wrong form"


def _is_union_tag(step: Any) -> bool:
    # pydantic adds e.g. 'function-before[...]' or type names for union branches.
    return isinstance(step, str) and ("[" in step or step in {"str", "list[...]"})


def _node_at(node: Node, loc: tuple[Any, ...]) -> tuple[Node | None, bool]:
    from deck_builder.source import _walk

    target, found = _walk(node, loc)
    return (target if found else None), found


def _suggestion(
    field: str, node: Node, loc: tuple[Any, ...], model: type[BaseModel] | None
) -> str:
    allowed = _allowed_keys(node, loc, model)
    if not allowed:
        return ""
    close = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{hint} (allowed: {', '.join(sorted(allowed))})"


def _allowed_keys(node: Node, loc: tuple[Any, ...], model: type[BaseModel] | None) -> list[str]:
    # Walk the model's fields along the location to find the mapping's model.
    if model is None:
        return []
    current: Any = model
    for step in loc[:-1]:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(step)
        if info is None:
            return []
        current = _innermost_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        parent, found = _node_at(node, loc[:-1])
        del parent, found
        return [name for name in current.model_fields if name != "kind"]
    return []


def _innermost_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _innermost_model(arg)
        if found is not None:
            return found
    return None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


__all__ = ["Mapping", "report_validation_error"]
