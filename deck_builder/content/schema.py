"""Typed, frozen records validated straight from YAML nodes, with every problem located.

A record class lists its fields as annotations, the way a dataclass does:

    class Partner(Record):
        '''One organisation of the partner registry.'''

        name: Annotated[str, Length(min=1)]
        url: Annotated[str, Pattern(r"^https?://\\S+$", "...")] | None = None

`validate(Partner, node, problems)` turns a mapping node into a `Partner`, or adds one
`file:line:col` problem per mistake (all of them, not just the first) and returns None.
`json_schema(Partner)` describes the same rules for editors.

Annotations are read on first use, not at import: a run pays only for the records its
content has. The types understood are `str`, `bool`, `int`, `float`, `Path`,
`datetime.date`, `Any`, `X | None`, `tuple[X, ...]`, `list[X]`, `dict[K, V]`,
`Literal[...]`, other records, and `Annotated[T, ...]` whose extras are a `Rule` (it
replaces T's rule) and/or checks (`Length`, `Pattern`, `Range`, `Check`) run after it.

Why not pydantic: it did this job, but importing it and building its validators took
about a third of every build, and its errors needed translating back to YAML
positions anyway. Working on the node tree, every message knows its line directly.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar, NamedTuple, Self, TypeVar

from deck_builder.content.source import Mapping, Node, Scalar, Sequence, describe, to_plain
from deck_builder.errors import ProblemCollector, close_matches

R = TypeVar("R", bound="Record")


class _Failed:
    """Returned by a rule that has reported its problems (a value can be None)."""

    def __repr__(self) -> str:
        return "FAILED"


FAILED: Any = _Failed()


def _got(node: Node) -> str:
    return "nothing" if isinstance(node, Scalar) and node.value is None else describe(node)


# -- rules: node → value --------------------------------------------------------


class Rule:
    """Turns a node into a value, or reports why it cannot and returns FAILED.

    `label` ("title: " or "") prefixes every message, naming the key the node is under.
    """

    expected = "a value"

    def convert(self, node: Node, label: str, problems: ProblemCollector) -> Any:
        raise NotImplementedError

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """The JSON Schema of what this rule accepts; records go into `defs`."""
        return {}

    def scalar(self, node: Node, label: str, problems: ProblemCollector) -> str | Any:
        """The node's text, or FAILED (reported) when it is not a non-empty scalar."""
        if isinstance(node, Scalar) and node.value is not None:
            return node.value
        problems.add(f"{label}expected {self.expected}, got {_got(node)}", node.where)
        return FAILED


class Str(Rule):
    """Text, surrounding white space removed."""

    expected = "text"

    def convert(self, node: Node, label: str, problems: ProblemCollector) -> Any:
        value = self.scalar(node, label, problems)
        return value if value is FAILED else value.strip()

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        # Editors read YAML 1.2, where `12` or `true` are not strings; the loader
        # keeps every scalar as text, so those are fine here.
        return {"type": ["string", "number", "boolean"]}


# Dutch words too: the people who write the content write Dutch.
_TRUE = frozenset({"true", "yes", "on", "y", "1", "ja"})
_FALSE = frozenset({"false", "no", "off", "n", "0", "nee"})


class Bool(Rule):
    """yes/no, true/false, on/off (and ja/nee)."""

    expected = "yes/no (true or false)"

    def convert(self, node: Node, label: str, problems: ProblemCollector) -> Any:
        value = self.scalar(node, label, problems)
        if value is FAILED:
            return value
        word = value.strip().lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        problems.add(f"{label}expected {self.expected}, got {value!r}", node.where)
        return FAILED

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        words = sorted(_TRUE | _FALSE)
        return {"anyOf": [{"type": "boolean"}, {"enum": words}]}


class Number(Rule):
    """A whole number (`whole=True`) or any number."""

    def __init__(self, whole: bool) -> None:
        self.whole = whole
        self.expected = "a whole number" if whole else "a number"

    def convert(self, node: Node, label: str, problems: ProblemCollector) -> Any:
        value = self.scalar(node, label, problems)
        if value is FAILED:
            return value
        try:
            return int(value) if self.whole else float(value)
        except ValueError:
            problems.add(f"{label}expected {self.expected}, got {value!r}", node.where)
            return FAILED

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        pattern = r"^\s*[+-]?\d+\s*$" if self.whole else r"^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$"
        kind = "integer" if self.whole else "number"
        return {"anyOf": [{"type": kind}, {"type": "string", "pattern": pattern}]}


class PathRule(Rule):
    """A file path (made absolute and checked by the loader before validation)."""

    expected = "a file name"

    def convert(self, node: Node, label: str, problems: ProblemCollector) -> Any:
        value = self.scalar(node, label, problems)
        return value if value is FAILED else Path(value.strip())

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "minLength": 1}


class DateRule(Rule):
    """A calendar date written YYYY-MM-DD."""

    expected = "a date (YYYY-MM-DD)"

    def convert(self, node: Node, label: str, problems: ProblemCollector) -> Any:
        value = self.scalar(node, label, problems)
        if value is FAILED:
            return value
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
            if match is not None:
                problems.add(f"{label}{_no_such_date(*map(int, match.groups()))}", node.where)
            else:
                problems.add(
                    f"{label}{value!r} is not a valid date; write it as YYYY-MM-DD, "
                    "e.g. 2025-12-04",
                    node.where,
                )
            return FAILED

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _no_such_date(year: int, month: int, day: int) -> str:
    """Why a date written as YYYY-MM-DD does not exist: `2026-02-30` has no 30th."""
    import calendar

    written = f"{year:04d}-{month:02d}-{day:02d}"
    if not 1 <= month <= 12:
        return f"{written} does not exist: there is no month {month} (months are 01 to 12)"
    if year < 1:
        return f"{written} does not exist: there is no year 0000"
    days = calendar.monthrange(year, month)[1]
    if day == 0:
        return (f"{written} does not exist: there is no day 00 (days are 01 to {days} in "
                f"{_MONTHS[month - 1]} {year})")
    return f"{written} does not exist: {_MONTHS[month - 1]} {year} has {days} days"


class AnyRule(Rule):
    """Anything, as plain data (dicts, lists, text, None)."""

    def convert(self, node: Node, label: str, problems: ProblemCollector) -> Any:
        return to_plain(node)


class Optional(Rule):
    """`inner`, or None for an empty value."""

    def __init__(self, inner: Rule) -> None:
        self.inner = inner

    def convert(self, node: Node, label: str, problems: ProblemCollector) -> Any:
        if isinstance(node, Scalar) and node.value is None:
            return None
        return self.inner.convert(node, label, problems)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"anyOf": [self.inner.schema(defs), {"type": "null"}]}


class Seq(Rule):
    """A list of `item`s, returned as `container` (tuple or list)."""

    expected = "a list"

    def __init__(self, item: Rule, container: type = tuple) -> None:
        self.item = item
        self.container = container

    def convert(self, node: Node, label: str, problems: ProblemCollector) -> Any:
        if not isinstance(node, Sequence):
            problems.add(f"{label}expected a list, got {_got(node)}", node.where)
            return FAILED
        values = [self.item.convert(item, "", problems) for item in node.items]
        if any(value is FAILED for value in values):
            return FAILED
        return self.container(values)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "array", "items": self.item.schema(defs)}


class Dict(Rule):
    """A mapping of `key`s (text) to `value`s."""

    expected = "a mapping"

    def __init__(self, key: Rule, value: Rule) -> None:
        self.key = key
        self.value = value

    def convert(self, node: Node, label: str, problems: ProblemCollector) -> Any:
        if not isinstance(node, Mapping):
            problems.add(f"{label}expected a mapping, got {_got(node)}", node.where)
            return FAILED
        result: dict[Any, Any] = {}
        failed = False
        for key, value_node in node.entries.items():
            key_value = self.key.convert(Scalar(node.keys[key], key), "", problems)
            value = self.value.convert(value_node, f"{key}: ", problems)
            if key_value is FAILED or value is FAILED:
                failed = True
            else:
                result[key_value] = value
        return FAILED if failed else result

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = {
            "type": "object",
            "additionalProperties": self.value.schema(defs),
        }
        key = self.key.schema(defs)
        if "pattern" in key:
            result["propertyNames"] = {"pattern": key["pattern"]}
        return result


class Choice(Rule):
    """One of a fixed set of words."""

    def __init__(self, values: tuple[str, ...]) -> None:
        self.values = values
        self.expected = "one of " + ", ".join(values)

    def convert(self, node: Node, label: str, problems: ProblemCollector) -> Any:
        value = self.scalar(node, label, problems)
        if value is FAILED or value.strip() in self.values:
            return value if value is FAILED else value.strip()
        problems.add(f"{label}expected {self.expected}, got {value!r}", node.where)
        return FAILED

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"enum": list(self.values)}


class RecordRule(Rule):
    """A mapping validated into the record class `cls`."""

    expected = "a mapping"

    def __init__(self, cls: type[Record]) -> None:
        self.cls = cls

    def convert(self, node: Node, label: str, problems: ProblemCollector) -> Any:
        return _convert_record(self.cls, node, label, problems)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        name = self.cls.__name__
        if name not in defs:
            defs[name] = {}  # reserved first: records may contain themselves
            defs[name] = _record_schema(self.cls, defs)
        return {"$ref": f"#/$defs/{name}"}


# -- checks: value → value, run after a rule --------------------------------------


class Checked(Rule):
    """`rule`, then each check in turn (a check raises ValueError with a message)."""

    def __init__(self, rule: Rule, checks: tuple[Check, ...]) -> None:
        self.rule = rule
        self.checks = checks
        self.expected = rule.expected

    def convert(self, node: Node, label: str, problems: ProblemCollector) -> Any:
        value = self.rule.convert(node, label, problems)
        if value is FAILED:
            return value
        for check in self.checks:
            try:
                value = check(value)
            except ValueError as error:
                problems.add(f"{label}{error}", node.where)
                return FAILED
        return value

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        result = dict(self.rule.schema(defs))
        for check in self.checks:
            result.update(check.schema())
        return result


class Check:
    """A test or transformation of a converted value: `func` returns the value to keep
    or raises ValueError with a plain message."""

    def __init__(self, func: Callable[[Any], Any], json: dict[str, Any] | None = None) -> None:
        self.func = func
        self.json = json or {}

    def __call__(self, value: Any) -> Any:
        return self.func(value)

    def schema(self) -> dict[str, Any]:
        """What this check adds to the JSON Schema."""
        return self.json


class Length(Check):
    """Text (or a list) of at least `min` and at most `max` characters (items)."""

    def __init__(self, min: int = 0, max: int | None = None) -> None:
        self.min, self.max = min, max
        super().__init__(self._check)

    def _check(self, value: Any) -> Any:
        unit = "characters" if isinstance(value, str) else "items"
        if len(value) < self.min:
            if self.min == 1:
                raise ValueError("must not be empty")
            raise ValueError(f"give at least {self.min} {unit}")
        if self.max is not None and len(value) > self.max:
            raise ValueError(
                f"at most {self.max} {unit}, got {len(value)}"
                + (f" ({value!r})" if isinstance(value, str) else "")
            )
        return value

    def schema(self) -> dict[str, Any]:
        # "type" of a text rule is a list (string, number, boolean); lengths apply to
        # strings only in JSON Schema, so they are harmless for the others.
        result: dict[str, Any] = {}
        if self.min:
            result["minLength"] = self.min
        if self.max is not None:
            result["maxLength"] = self.max
        return result


class Items(Length):
    """A list of at least `min` (and at most `max`) items."""

    def schema(self) -> dict[str, Any]:
        result: dict[str, Any] = {"minItems": self.min} if self.min else {}
        if self.max is not None:
            result["maxItems"] = self.max
        return result


class Pattern(Check):
    """Text matching `pattern`; `message` is formatted with the offending `value`."""

    def __init__(self, pattern: str, message: str) -> None:
        self.regex = re.compile(pattern)
        self.message = message
        super().__init__(self._check, {"type": "string", "pattern": pattern})

    def _check(self, value: str) -> str:
        if not self.regex.match(value):
            raise ValueError(self.message.format(value=value))
        return value


class Range(Check):
    """A number with optional bounds: `ge` (≥), `gt` (>), `le` (≤)."""

    def __init__(self, ge: float | None = None, gt: float | None = None,
                 le: float | None = None) -> None:
        self.ge, self.gt, self.le = ge, gt, le
        json = {name: bound for name, bound in
                (("minimum", ge), ("exclusiveMinimum", gt), ("maximum", le)) if bound is not None}
        super().__init__(self._check, json)

    def _check(self, value: float) -> float:
        if self.ge is not None and value < self.ge:
            raise ValueError(f"must be {self.ge:g} or more, got {value:g}")
        if self.gt is not None and value <= self.gt:
            raise ValueError(f"must be more than {self.gt:g}, got {value:g}")
        if self.le is not None and value > self.le:
            raise ValueError(f"must be {self.le:g} or less, got {value:g}")
        return value

    def schema(self) -> dict[str, Any]:
        # Bounds of a number that may also be written as text: they go on the number.
        return {}


# -- records ---------------------------------------------------------------------


class Field(NamedTuple):
    """One field of a record: its rule and default (`required` when it has none)."""

    name: str
    rule: Rule
    required: bool
    default: Any = None


class Record:
    """Base of every content record: immutable; fields declared as annotations.

    Class attributes give defaults; a field without one is required. Subclasses may
    override `_shorthand` (node → node, before validation) and `_check` (after).
    """

    _fields_cache: ClassVar[dict[type, dict[str, Field]]] = {}
    _instead: ClassVar[dict[str, tuple[str, str]]] = {}
    """Keys people write for one of the fields: wrong key → (field, what to say)."""

    def __init__(self, **values: Any) -> None:
        for name, spec in record_fields(type(self)).items():
            if name in values:
                value = values.pop(name)
            elif spec.required:
                raise TypeError(f"{type(self).__name__}: missing field {name!r}")
            else:
                value = _fresh(spec.default)
            object.__setattr__(self, name, value)
        if values:
            raise TypeError(f"{type(self).__name__}: unknown fields {sorted(values)}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in record_fields(type(self)))

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), *map(_hashable, self._values())))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in record_fields(type(self)))
        return f"{type(self).__name__}({shown})"

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed (not validated again)."""
        values = {name: getattr(self, name) for name in record_fields(type(self))}
        values.update(changes)
        return type(self)(**values)

    @classmethod
    def _shorthand(cls, node: Node) -> Node:
        """Rewrite a short form into the full mapping; raise ValueError if it is wrong."""
        return node

    def _check(self) -> None:
        """Rules across fields; raise ValueError with a plain message."""

    @classmethod
    def _adjust_schema(cls, schema: dict[str, Any]) -> dict[str, Any]:
        """The JSON Schema of the record, amended for what `_shorthand` accepts."""
        return schema


def _fresh(default: Any) -> Any:
    # A mutable default (an empty dict) must not be shared between records.
    return type(default)(default) if isinstance(default, dict | list) else default


def _hashable(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(map(_hashable, value))
    return value


def record_fields(cls: type[Record]) -> dict[str, Field]:
    """The fields of a record class, base class fields first, in declaration order."""
    cached = Record._fields_cache.get(cls)
    if cached is None:
        hints = typing.get_type_hints(cls, include_extras=True)
        cached = {}
        for name, annotation in hints.items():
            if name.startswith("_") or typing.get_origin(annotation) is ClassVar:
                continue
            default = getattr(cls, name, FAILED)
            if isinstance(default, property | types.FunctionType):
                default = FAILED
            cached[name] = Field(name, rule_for(annotation), default is FAILED,
                                 None if default is FAILED else default)
        Record._fields_cache[cls] = cached
    return cached


def validate(cls: type[R], node: Node, problems: ProblemCollector) -> R | None:
    """`node` as a `cls` record, or None after adding every problem to `problems`."""
    value = _convert_record(cls, node, "", problems)
    return None if value is FAILED else value


def _convert_record(cls: type[Record], node: Node, label: str,
                    problems: ProblemCollector) -> Any:
    try:
        node = cls._shorthand(node)
    except ValueError as error:
        problems.add(f"{label}{error}", node.where)
        return FAILED
    if not isinstance(node, Mapping):
        problems.add(f"{label}expected a mapping, got {_got(node)}", node.where)
        return FAILED
    spec = record_fields(cls)
    values: dict[str, Any] = {}
    failed = False
    for key, value_node in node.entries.items():
        field = spec.get(key)
        if field is None:
            problems.add(f"unknown key {key!r}{_suggestion(cls, key, spec)}", node.keys[key])
            failed = True
            continue
        if not field.required and isinstance(value_node, Scalar) and value_node.value is None:
            continue  # `key:` with nothing after it: as if not given
        value = field.rule.convert(value_node, f"{key}: ", problems)
        if value is FAILED:
            failed = True
        else:
            values[key] = value
    for name, field in spec.items():
        if field.required and name not in node.entries:
            problems.add(f"missing required key {name!r}", node.where)
            failed = True
    if failed:
        return FAILED
    record = cls(**values)
    try:
        record._check()
    except ValueError as error:
        problems.add(f"{label}{error}", node.where)
        return FAILED
    return record


def _suggestion(cls: type[Record], key: str, spec: dict[str, Field]) -> str:
    allowed = sorted(name for name in spec if name != "kind")
    if not allowed:
        return ""
    meant = cls._instead.get(key)
    if meant is not None and meant[0] in spec:
        return f": {meant[1]} (allowed: {', '.join(allowed)})"
    close = close_matches(key, allowed, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{hint} (allowed: {', '.join(allowed)})"


def field_path_exists(cls: type[Record], path: list[str]) -> bool:
    """Whether a dotted field path (e.g. `left.heading`) names a field of `cls`."""
    current: Any = cls
    for step in path:
        if not (isinstance(current, type) and issubclass(current, Record)):
            return False
        field = record_fields(current).get(step)
        if field is None:
            return False
        current = _inner_record(field.rule)
    return True


def _inner_record(rule: Rule) -> type[Record] | None:
    while True:
        if isinstance(rule, RecordRule):
            return rule.cls
        if isinstance(rule, Optional | Checked):
            rule = rule.inner if isinstance(rule, Optional) else rule.rule
        elif isinstance(rule, Seq):
            rule = rule.item
        else:
            return None


# -- annotations → rules --------------------------------------------------------

_BASIC: dict[Any, Callable[[], Rule]] = {
    str: Str,
    bool: Bool,
    int: lambda: Number(whole=True),
    float: lambda: Number(whole=False),
    Path: PathRule,
    dt.date: DateRule,
    Any: AnyRule,
}


def rule_for(annotation: Any) -> Rule:
    """The rule that validates values of a (resolved) type annotation."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        extras = annotation.__metadata__
        rules = [extra for extra in extras if isinstance(extra, Rule)]
        checks = tuple(extra for extra in extras if isinstance(extra, Check))
        base = rules[-1] if rules else rule_for(args[0])
        return Checked(base, checks) if checks else base
    if origin in (types.UnionType, typing.Union):
        others = [arg for arg in args if arg is not type(None)]
        if len(others) != 1:
            raise TypeError(f"unsupported union {annotation!r}")
        inner = rule_for(others[0])
        return Optional(inner) if len(others) < len(args) else inner
    if origin is tuple:
        return Seq(rule_for(args[0]), tuple)
    if origin is list:
        return Seq(rule_for(args[0]), list)
    if origin is dict:
        return Dict(rule_for(args[0]), rule_for(args[1]))
    if origin is typing.Literal:
        return Choice(tuple(str(arg) for arg in args))
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return RecordRule(annotation)
    if annotation in _BASIC:
        return _BASIC[annotation]()
    raise TypeError(f"no rule for {annotation!r}")


# -- JSON Schema ------------------------------------------------------------------


def json_schema(cls: type[Record], defs: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a record class, its records under `$defs`."""
    defs = {} if defs is None else defs
    return RecordRule(cls).schema(defs) | {"$defs": defs}


def _record_schema(cls: type[Record], defs: dict[str, Any]) -> dict[str, Any]:
    spec = record_fields(cls)
    docs = field_docs(cls)
    result: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {name: _described(field.rule.schema(defs), docs.get(name))
                       for name, field in spec.items()},
    }
    required = [name for name, field in spec.items() if field.required]
    if required:
        result["required"] = required
    summary = _summary(cls)
    if summary:
        result["description"] = summary
    return cls._adjust_schema(result)


def _described(schema: dict[str, Any], doc: str | None) -> dict[str, Any]:
    """A property's schema with its field's documentation: the text as `description`,
    and a last line `Example: <YAML>` as `examples`."""
    if not doc:
        return schema
    text, _, example = doc.partition("\nExample: ")
    described = {**schema, "description": " ".join(text.split())}
    if example.strip():
        import yaml  # only when schemas are written

        # As an editor reads the YAML (numbers are numbers), dates as the text they are.
        described["examples"] = [_json_value(yaml.safe_load(example.strip()))]
    return described


def _json_value(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_value(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def field_docs(cls: type[Record]) -> dict[str, str]:
    """The documentation of each field of a record class: the string written right
    under the field in its class body (as Sphinx reads attribute docstrings), from the
    class or, for a field it only inherits or redeclares bare, a base class.

    Read from the source, so it costs nothing when no schema is made.
    """
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if isinstance(klass, type) and issubclass(klass, Record) and klass is not Record:
            docs.update(_own_field_docs(klass))
    return docs


_OWN_DOCS: dict[type, dict[str, str]] = {}


def _own_field_docs(klass: type) -> dict[str, str]:
    """The field documentation written in `klass`'s own body (every kind shares the
    base classes': each class's source is read once)."""
    import ast
    import inspect
    import textwrap

    if klass in _OWN_DOCS:
        return _OWN_DOCS[klass]
    docs: dict[str, str] = _OWN_DOCS.setdefault(klass, {})
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(klass)))
    except (OSError, TypeError, SyntaxError):
        return docs
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    for statement, following in zip(body, [*body[1:], None], strict=True):
        if (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs


def _summary(cls: type) -> str:
    doc = cls.__doc__ or ""
    return " ".join(next(_paragraphs(doc), "").split())


def _paragraphs(doc: str) -> Iterator[str]:
    for paragraph in re.split(r"\n\s*\n", doc.strip()):
        if paragraph.strip():
            yield paragraph
