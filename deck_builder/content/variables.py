"""Substitute `{name}` variables in content text: plain lookup, no code is ever run."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import replace

from deck_builder.content.richtext import escape
from deck_builder.content.source import Mapping, Node, Scalar, Sequence
from deck_builder.errors import ProblemCollector, close_matches

_VARIABLE = re.compile(r"\{\{|\}\}|\{([^{}\s]*)\}")
LITERAL_KEYS = frozenset({"kind", "id", "file", "logo", "after", "before"})
"""Keys whose values are names or paths, never shown as text: left as written (slide
kinds add their own, see validate.ContentKind)."""


def substitute(node: Node, variables: dict[str, str], problems: ProblemCollector,
               literal_keys: AbstractSet[str] = LITERAL_KEYS) -> Node:
    """A copy of `node` with `{name}` replaced by the variable's value in every text
    except under `literal_keys` (at any depth).

    `{{` and `}}` stand for literal braces. A value is inserted as plain text (its
    markup characters are escaped). An unknown name is a problem at the text's position.
    """
    return _substitute(node, variables, problems, literal_keys, literal=False)


def _substitute(
    node: Node, variables: dict[str, str], problems: ProblemCollector,
    literal_keys: AbstractSet[str], literal: bool,
) -> Node:
    if isinstance(node, Mapping):
        entries = {
            key: _substitute(value, variables, problems, literal_keys, key in literal_keys)
            for key, value in node.entries.items()
        }
        return Mapping(node.where, entries, dict(node.keys))
    if isinstance(node, Sequence):
        items = [_substitute(item, variables, problems, literal_keys, literal)
                 for item in node.items]
        return Sequence(node.where, items)
    assert isinstance(node, Scalar)
    if literal or node.value is None or ("{" not in node.value and "}" not in node.value):
        return node

    def lookup(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in {"{{", "}}"}:
            return token[0]
        name = match.group(1)
        if name in variables:
            return escape(variables[name])
        close = close_matches(name, list(variables))
        hint = f"; did you mean {{{close[0]}}}?" if close else ""
        problems.add(
            f"unknown variable {{{name}}}{hint} (defined: {', '.join(sorted(variables))}); "
            "write {{ and }} for literal braces",
            node.where,
        )
        return token

    return replace(node, value=_VARIABLE.sub(lookup, node.value))
