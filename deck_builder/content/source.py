"""Load YAML content files into a tree of nodes that remember where they came from.

Every scalar stays text (YAML 1.1 would turn `NO` into False and `012` into 10); the
typed model decides what a value means. Duplicate keys, aliases, custom tags and
XML-illegal control characters are errors with a `file:line:col`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml.composer
import yaml.nodes
import yaml.reader

from deck_builder.content import mistakes
from deck_builder.errors import DeckError, Problem, ProblemCollector, SourceRef
from deck_builder.files import FileTooLarge, human_size, read_regular

MAX_FILE_BYTES = 5_000_000  # decimal, as every size the tool prints
MAX_DEPTH = 64

# Characters that XML 1.0 cannot carry. Vertical tab is what PowerPoint puts in copied
# text for a line break, so it becomes a newline instead of an error.
_ILLEGAL_CHARS = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_SOFT_BREAK = "\x0b"

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_NULL_TAG = "tag:yaml.org,2002:null"


@dataclass
class Node:
    """A YAML node and the position of its first character."""

    where: SourceRef


@dataclass
class Scalar(Node):
    """A scalar value; always text, or None for an empty/`null` plain value."""

    value: str | None = None


@dataclass
class Mapping(Node):
    """A mapping with text keys; `keys` holds each key's own position."""

    entries: dict[str, Node] = field(default_factory=dict)
    keys: dict[str, SourceRef] = field(default_factory=dict)

    def get(self, key: str) -> Node | None:
        """The node under `key`, or None."""
        return self.entries.get(key)


@dataclass
class Sequence(Node):
    """A list of nodes."""

    items: list[Node] = field(default_factory=list)


def describe(node: Node) -> str:
    """A short, user-facing name for the node's YAML type."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return "empty" if isinstance(node, Scalar) and node.value is None else "text"


def to_plain(node: Node) -> Any:
    """Turn a node tree into plain dicts, lists, strings and None."""
    if isinstance(node, Mapping):
        return {key: to_plain(value) for key, value in node.entries.items()}
    if isinstance(node, Sequence):
        return [to_plain(item) for item in node.items]
    assert isinstance(node, Scalar)
    return node.value


def load_file(path: Path) -> Node:
    """Read one YAML file into a node tree.

    Raises DeckError listing every problem in the file (unreadable file, invalid
    UTF-8, YAML syntax, duplicate keys, aliases, tags, control characters).
    """
    text = read_text(path)
    return parse_text(text, path)


def read_text(path: Path) -> str:
    """Read a content file as UTF-8 (a BOM is allowed) with a size limit; a folder, pipe
    or device is refused before anything is read."""
    try:
        if path.is_dir():
            raise DeckError(Problem("expected a file, found a folder", SourceRef(path)))
        data = read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise DeckError(Problem("file not found", SourceRef(path))) from None
    except FileTooLarge as exc:
        raise DeckError(
            Problem(
                f"file is {human_size(exc.size)}; content files are limited to "
                f"{human_size(MAX_FILE_BYTES)}",
                SourceRef(path),
            )
        ) from None
    except OSError as exc:
        raise DeckError(Problem(f"cannot read file: {exc.strerror}", SourceRef(path))) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _line_col_of_byte(data, exc.start)
        raise DeckError(
            Problem(
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "save the file as UTF-8",
                SourceRef(path, line, column),
            )
        ) from None


def parse_text(text: str, path: Path) -> Node:
    """Parse YAML text (already decoded) into a node tree; see `load_file`."""
    # libyaml composes ~15× faster than PyYAML's Python parser. It knows nothing of our
    # rules (aliases, anchors, depth, soft line breaks), so anything unusual, and every
    # error, goes through the Python loader, which gives the precise message and position.
    source = _Source(text)
    if _CLoader is not None and not _MAYBE_ANCHOR.search(text):
        try:
            root = yaml.compose(text, Loader=_CLoader)
            if root is None:
                return Scalar(SourceRef(path, 1, 1), None)
            collector = ProblemCollector()
            node = _convert(root, path, collector, source, set())
        except (yaml.YAMLError, RecursionError, _NeedsPythonLoader):
            pass
        else:
            collector.raise_if_any()
            return node
    return _parse_with_python(source, path)


# An anchor (`&name`) can only stand where a node starts; libyaml drops it without a
# word, so text where one may stand goes to the Python loader, which refuses one on text.
_MAYBE_ANCHOR = re.compile(r"(?:^[ \t]*|[-:?,\[{][ \t]*)&", re.MULTILINE)
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


class _Source:
    """A file's text and, when a message needs them, its lines (as YAML counts them)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[str] | None = None

    def line(self, number: int) -> str:
        """The 0-based line `number`, without its line break ('' past the end)."""
        if self._lines is None:
            self._lines = _LINE_BREAK.split(self.text)
        return self._lines[number] if 0 <= number < len(self._lines) else ""

    @property
    def lines(self) -> list[str]:
        """Every line."""
        self.line(0)
        assert self._lines is not None
        return self._lines


class _NeedsPythonLoader(Exception):
    """Raised while converting libyaml's nodes for input only the Python loader handles."""


_CLoader = getattr(yaml, "CSafeLoader", None) if yaml.__with_libyaml__ else None


def _parse_with_python(source: _Source, path: Path) -> Node:
    text = source.text
    loader: _Loader | None = None
    try:
        loader = _Loader(text)
        root = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        line, column = _line_col_of_char(text, exc.position)
        raise DeckError(
            Problem(
                f"character U+{exc.character:04X} is not allowed in a content file"
                if isinstance(exc.character, int)
                else "unreadable character in content file",
                SourceRef(path, line, column),
            )
        ) from None
    except yaml.MarkedYAMLError as exc:
        raise DeckError(_syntax_problem(exc, source, path)) from None
    except yaml.YAMLError as exc:
        raise DeckError(Problem(f"invalid YAML: {exc}", SourceRef(path))) from None
    except RecursionError:
        raise DeckError(Problem("content is nested too deeply", SourceRef(path))) from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        return Scalar(SourceRef(path, 1, 1), None)
    collector = ProblemCollector()
    node = _convert(root, path, collector, source)
    collector.raise_if_any()
    return node


def _syntax_problem(exc: yaml.MarkedYAMLError, source: _Source, path: Path) -> Problem:
    """The problem of a YAML error: in plain words where we can tell what was meant
    (see `mistakes`), else PyYAML's own message."""
    # Our own refusals stand, but for text that starts with & or * (an anchor or alias
    # only in YAML's eyes).
    ours = isinstance(exc, yaml.composer.ComposerError) and not (
        exc.problem == _ANCHOR_MESSAGE or (
            exc.problem == _ALIAS_MESSAGE and exc.problem_mark is not None
            and not mistakes.is_alias(source.line(exc.problem_mark.line))))
    for mark in (exc.problem_mark, exc.context_mark):
        if mark is None or ours:
            continue
        explained = mistakes.syntax_error(exc.problem or "", source.line(mark.line),
                                          mark.column)
        if explained is not None:
            column = (mark.column if explained.startswith(("indent", "a tab"))
                      else mistakes.value_column(source.line(mark.line)))
            return Problem(explained, SourceRef(path, mark.line + 1, column + 1))
    mark = exc.problem_mark or exc.context_mark
    where = SourceRef(path, mark.line + 1, mark.column + 1) if mark else SourceRef(path)
    message = exc.problem or exc.context or "invalid YAML"
    return Problem(f"invalid YAML: {message}", where)


class _Loader(yaml.SafeLoader):
    """SafeLoader's composer with aliases refused and a depth limit.

    The reader also accepts PowerPoint's soft line break (U+000B), pasted with copied
    text; it is not a YAML line break, so it stays inside its scalar (see `_clean`).
    """

    def __init__(self, stream: str) -> None:
        # Set here, not on the class: compiling this character class takes several ms,
        # paid only when the Python loader is needed (errors and unusual input). The stubs
        # call it Final, but PyYAML reads it through the instance: a subclass may shadow it.
        type(self).NON_PRINTABLE = _non_printable()  # type: ignore[misc]
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(None, None, _ALIAS_MESSAGE, event.start_mark)
        if self.check_event(yaml.ScalarEvent):
            # `- &nbsp tekst` is the text "tekst" named "nbsp": text would be lost.
            event = self.peek_event()  # type: ignore[no-untyped-call]
            if event.anchor is not None:
                raise yaml.composer.ComposerError(None, None, _ANCHOR_MESSAGE,
                                                  event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


@functools.cache
def _non_printable() -> re.Pattern[str]:
    """YAML's non-printable characters, less U+000B (see `_Loader`)."""
    return re.compile(
        "[^\x09\x0A\x0B\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]"
    )


def _ref(path: Path, node: yaml.nodes.Node) -> SourceRef:
    return SourceRef(path, node.start_mark.line + 1, node.start_mark.column + 1)


_ALIAS_MESSAGE = ("anchors and aliases (*name) are not supported in content files; "
                  "write the value out")
_ANCHOR_MESSAGE = "anchors (&name) are not supported in content files; write the value out"


def _convert(
    node: yaml.nodes.Node,
    path: Path,
    problems: ProblemCollector,
    source: _Source,
    seen: set[int] | None = None,
    depth: int = 0,
    in_list: bool = False,
) -> Node:
    """Our node tree from PyYAML's; `seen` (libyaml input only) catches aliases;
    `in_list`: the node is an item of a list (for the messages of `mistakes`)."""
    if seen is not None:
        # An alias is the anchored node again; too deep a tree is refused by the
        # Python loader with its position.
        if id(node) in seen or depth > MAX_DEPTH:
            raise _NeedsPythonLoader
        seen.add(id(node))
    where = _ref(path, node)
    if node.tag not in _STANDARD_TAGS:
        line = source.line(node.start_mark.line)
        explained = mistakes.starting_character(line) if node.tag.startswith("!") else None
        problems.add(explained or f"YAML tag {node.tag!r} is not allowed in content files",
                     where)
    if isinstance(node, yaml.nodes.MappingNode):
        mapping = Mapping(where)
        for key_node, value_node in node.value:
            key_where = _ref(path, key_node)
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.add("merge keys (<<) are not supported; write the keys out", key_where)
                continue
            if not isinstance(key_node, yaml.nodes.ScalarNode):
                problems.add("a key must be plain text", key_where)
                continue
            key = _clean(key_node.value, key_where, problems)
            if key in mapping.entries:
                first = mapping.keys[key]
                problems.add(
                    f"duplicate key {key!r} (first given on line {first.line})", key_where
                )
                continue
            mapping.keys[key] = key_where
            mapping.entries[key] = _convert(value_node, path, problems, source, seen,
                                            depth + 1)
        return mapping
    if isinstance(node, yaml.nodes.SequenceNode):
        items = [_convert(item, path, problems, source, seen, depth + 1, in_list=True)
                 for item in node.value]
        return Sequence(where, items)
    assert isinstance(node, yaml.nodes.ScalarNode)
    if not node.style:  # plain (libyaml says '', PyYAML None): where YAML reads silently
        _plain_mistakes(node, path, problems, source, in_list)
        if node.tag == _NULL_TAG:
            return Scalar(where, None)
    return Scalar(where, _clean(node.value, where, problems))


def _plain_mistakes(node: yaml.nodes.ScalarNode, path: Path, problems: ProblemCollector,
                    source: _Source, in_list: bool) -> None:
    """Report what YAML read differently from what a plain value's writer meant: a
    Markdown sub-bullet taken as more words, a `#` word taken as a comment."""
    start, end = node.start_mark, node.end_mark
    if node.tag == _NULL_TAG:
        line = source.line(start.line)
        found = mistakes.comment_in_empty_value(line, start.column, in_list)
        if found:
            column = len(line) - len(line[start.column:].lstrip(" \t"))
            problems.add(found, SourceRef(path, start.line + 1, column + 1))
        return
    if end.line > start.line:
        sub = mistakes.markdown_sub_bullet(source.lines, start.line, end.line)
        if sub is not None:
            number, column, message = sub
            problems.add(message, SourceRef(path, number + 1, column + 1))
            return
    found = mistakes.comment_after_text(source.line(end.line), end.column)
    if found:
        problems.add(found, SourceRef(path, end.line + 1, end.column + 1))


def _clean(value: str, where: SourceRef, problems: ProblemCollector) -> str:
    value = value.replace(_SOFT_BREAK, "\n")
    bad = _ILLEGAL_CHARS.search(value)
    if bad:
        problems.add(
            f"control character U+{ord(bad.group()):04X} is not allowed in text "
            "(it cannot be stored in a PowerPoint file)",
            where,
        )
    return value


def _line_col_of_char(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    line = before.count("\n") + 1
    return line, position - (before.rfind("\n") + 1) + 1


def _line_col_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    return line, offset - (before.rfind(b"\n") + 1) + 1
