"""The everyday YAML mistakes of people who write slides, explained in plain words.

YAML gives meaning to a few characters at the start of a value (`*`, `&`, `!`, `|`,
`>`, `[`, `{`, quotes, `#` after a space), which is exactly where slide text likes to
put bold markup, a link or a quotation. PyYAML then says "expected alphabetic or
numeric character", or worse, reads something else and says nothing. These functions
look at the line a value is written on and say what happened and how to write it:
quote the whole text, indent with spaces, give sub-bullets under `items:`.

Only the source module calls them, with the text of the file and 0-based positions
as PyYAML reports them.
"""

from __future__ import annotations

import re

# Where a value starts on its line: after the indentation, any `- ` entries and one
# `key: `. The key is plain (no quotes), as content keys are.
_VALUE = re.compile(r"^(?P<indent>[ \t]*)(?P<prefix>(?:-[ \t]+)*"
                    r"(?:[^\s#'\"\[\]{},:*&!|>%@`][^:#]*?:[ \t]+)?(?:-[ \t]+)*)"
                    r"(?P<value>.*?)[ \t]*$")

# What YAML makes of a value starting with each character, said in plain words.
_STARTS = {
    "*": "YAML reads text that starts with * as a reference to an anchor, not as bold "
         "or italic markup",
    "&": "YAML reads text that starts with & as an anchor (a name for the value)",
    "!": "YAML reads text that starts with ! as a tag (a type for the value)",
    "@": "YAML does not allow text to start with @",
    "`": "YAML does not allow text to start with `",
    "%": "YAML does not allow text to start with %",
    "|": "YAML reads | at the start as the beginning of a block of text on the lines "
         "below",
    ">": "YAML reads > at the start as the beginning of a block of text on the lines "
         "below",
    '"': "YAML reads text that starts with a quote as quoted text that ends at the "
         "closing quote, so the rest of the line is a mistake",
    "'": "YAML reads text that starts with a quote as quoted text that ends at the "
         "closing quote, so the rest of the line is a mistake",
    "[": "YAML reads text that starts with [ as a list (a link written [text](…) too)",
    "{": "YAML reads text that starts with { as a mapping",
    "#": "YAML reads # after a space as the start of a comment, so the text is left out",
}
_QUOTE_CHARS = frozenset("\"'")


def quoted(value: str) -> str:
    """`value` as one quoted YAML scalar: single quotes, or double when it holds `'`."""
    if "'" in value and '"' not in value:
        return '"' + value.replace("\\", "\\\\") + '"'
    return "'" + value.replace("'", "''") + "'"


def _split(line: str) -> tuple[str, str]:
    """(what comes before the value on the line, less its indentation; the value)."""
    match = _VALUE.match(line)
    if match is None:  # pragma: no cover - the pattern matches any line
        return "", line.strip()
    return match.group("prefix"), match.group("value")


def value_column(line: str) -> int:
    """The 0-based column where the value written on `line` starts."""
    match = _VALUE.match(line)
    return match.start("value") if match else 0


def _fix(line: str, value: str | None = None) -> str:
    """`put the whole bullet in quotes: - '…'` for the value written on `line`."""
    prefix, found = _split(line)
    value = found if value is None else value
    noun = "bullet" if prefix.rstrip() == "-" else "text"
    return f"put the whole {noun} in quotes: {prefix}{quoted(value)}"


def starting_character(line: str) -> str | None:
    """The message for a value on `line` that starts with a character YAML reserves,
    with the quoted form to write instead; None when the value starts otherwise."""
    _, value = _split(line)
    if not value or value[0] not in _STARTS:
        return None
    first = value[0]
    if first in _QUOTE_CHARS and _closes_at_end(value):
        return None  # a properly quoted value: the problem is elsewhere
    return f"{_STARTS[first]}; {_fix(line)}"


def _closes_at_end(value: str) -> bool:
    quote = value[0]
    # Without the escaped quotes ('' in single quotes, \" in double ones).
    body = value[1:].replace("''", "") if quote == "'" else re.sub(r"\\.", "", value[1:])
    closing = body.find(quote)
    return closing == len(body) - 1


def is_alias(line: str) -> bool:
    """Whether the value on `line` is only an alias (`*name`): YAML meant as YAML."""
    return re.fullmatch(r"\*[^\s*]+", _split(line)[1]) is not None


def comment_in_empty_value(line: str, column: int, in_list: bool) -> str | None:
    """The message for an empty value whose line goes on with a `#` that is text
    (`- #1 prioriteit`, `title: #hashtag`); None for a real comment.

    In a list, an empty item with a comment is always a mistake; after a key, only a
    `#` followed by a word is taken as text (`subtitle:   # optional` is a comment).
    """
    rest = line[column:].lstrip(" \t")
    if not rest.startswith("#"):
        return None
    if not in_list and (len(rest) < 2 or rest[1].isspace()):
        return None
    return f"{_STARTS['#']}; {_fix(line)}"


def comment_after_text(line: str, column: int) -> str | None:
    """The message for text followed on its line by ` #word` (read as a comment and
    left out): `- Punt #1` is the text "Punt"; None for ` # a comment`."""
    rest = line[column:]
    match = re.match(r"[ \t]+#(\S)", rest)
    if match is None or match.group(1) == "#":
        return None
    return (f"YAML reads ' #' as the start of a comment, so {rest.strip()!r} is left out "
            f"of the text; {_fix(line)}")


def markdown_sub_bullet(lines: list[str], first: int, last: int) -> tuple[int, int, str] | None:
    """(0-based line, column, message) when a plain value spanning lines `first` to
    `last` goes on with a line starting `- `: a sub-bullet written as in Markdown,
    which YAML reads as more words of the bullet above."""
    for number in range(first + 1, min(last, len(lines) - 1) + 1):
        text = lines[number]
        stripped = text.lstrip(" \t")
        if stripped.startswith("- ") or stripped == "-":
            _, head = _split(lines[first])
            sub = stripped[2:].strip()
            return number, len(text) - len(stripped), (
                f"YAML has no Markdown sub-bullets: '- {sub}' is read as more words of the "
                f"bullet {head!r} above it; write that bullet as '- text: {head}' and put "
                "its sub-bullets under 'items:' (indented, one '- ' each)"
            )
    return None


def syntax_error(problem: str, line: str, column: int) -> str | None:
    """A plain explanation of a PyYAML scanner or parser error at `column` of `line`
    (0-based), or None when there is none better than PyYAML's own."""
    before = line[:column]
    if "'\\t'" in problem or (column < len(line) and line[column] == "\t"):
        if not before.strip(" \t"):
            return "indent with spaces, not tabs"
        return "a tab is not allowed here in YAML; use spaces"
    found = starting_character(line)
    if found is not None:
        return found
    return None
