"""Inline markup in content text: **bold**, *italic*, [text](url) and bare e-mail/web links.

Text is parsed into runs once, at validation; nothing downstream sees markup.
A backslash escapes a markup character (`\\*` is a literal star).
"""

from __future__ import annotations

import re
from typing import NamedTuple

ALLOWED_SCHEMES = ("http://", "https://", "mailto:")
_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"

# One alternation, tried left to right at each position; the earliest match wins.
_TOKEN = re.compile(
    r"(?P<escape>\\[\\*\[\]()_{}])"
    r"|\[(?P<label>[^\]\n]+)\]\((?P<target>[^)\s]+)\)"
    r"|\*\*(?P<bold>(?:\\.|[^\\])+?)\*\*"
    r"|(?<![\w*])\*(?P<italic>[^\s*](?:(?:\\.|[^\\])*?[^\s\\])?)\*(?![\w*])"
    rf"|(?P<url>https?://[^\s<>()\[\]\\]+[^\s<>()\[\]\\.,;:!?'\"])"
    rf"|(?P<email>(?<![\w.@-]){_EMAIL})"
)
# Every token of _TOKEN needs one of these: a markup character, an @ or a web address.
_MAY_HAVE_MARKUP = re.compile(r"[\\*\[@]|https?://")
MARKUP_CHARS = re.compile(r"([\\*\[\]])")
_ESCAPED = re.compile(r"\\([\\*\[\]()_{}])")


class Run(NamedTuple):
    """A stretch of text with one formatting; `link` is an http(s) or mailto URL."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


RichText = tuple[Run, ...]


class MarkupError(ValueError):
    """Inline markup that cannot be turned into runs (e.g. a link with a bad scheme)."""


def parse(text: str) -> RichText:
    """Parse inline markup into runs; adjacent runs with equal formatting are merged.

    Raises MarkupError for a link whose target is not http(s) or mailto.
    """
    if not _MAY_HAVE_MARKUP.search(text):
        return (Run(text),) if text else ()  # most text is plain: skip the tokenizer
    return _merge(_parse(text, False, False, None))


def plain(runs: RichText) -> str:
    """The text of the runs without formatting."""
    return "".join(run.text for run in runs)


def escape(text: str) -> str:
    """Escape markup characters so `text` is shown exactly as given."""
    return MARKUP_CHARS.sub(r"\\\1", text)


def unescape(text: str) -> str:
    """Undo markup escapes, for text that is shown without markup (alt text, figures)."""
    return _ESCAPED.sub(r"\1", text)


def _parse(text: str, bold: bool, italic: bool, link: str | None) -> list[Run]:
    runs: list[Run] = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            runs.append(Run(text[position : match.start()], bold, italic, link))
        position = match.end()
        kind = match.lastgroup
        if kind == "escape":
            runs.append(Run(match.group("escape")[1], bold, italic, link))
        elif match.group("label") is not None:
            target = _check_target(match.group("target"))
            runs.extend(_parse(match.group("label"), bold, italic, link or target))
        elif match.group("bold") is not None:
            runs.extend(_parse(match.group("bold"), True, italic, link))
        elif match.group("italic") is not None:
            runs.extend(_parse(match.group("italic"), bold, True, link))
        elif kind == "url":
            url = match.group("url")
            runs.append(Run(url, bold, italic, link or url))
        elif kind == "email":
            address = match.group("email")
            runs.append(Run(address, bold, italic, link or f"mailto:{address}"))
    if position < len(text):
        runs.append(Run(text[position:], bold, italic, link))
    return runs


def _check_target(target: str) -> str:
    if re.fullmatch(_EMAIL, target):
        return f"mailto:{target}"
    if not target.lower().startswith(ALLOWED_SCHEMES):
        raise MarkupError(
            f"link target {target!r} must start with http://, https:// or mailto:"
        )
    return target


def _merge(runs: list[Run]) -> RichText:
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and _same_format(merged[-1], run):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, run.link)
        else:
            merged.append(run)
    return tuple(merged)


def _same_format(a: Run, b: Run) -> bool:
    return (a.bold, a.italic, a.link) == (b.bold, b.italic, b.link)
