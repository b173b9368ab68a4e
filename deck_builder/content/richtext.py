"""Inline markup in content text: **bold**, *italic*, [text](url), bare e-mail/web links
and [phrase](lang:en), a phrase in another language than the deck's.

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
    r"|\[(?P<label>(?:\\[^\n]|[^\]\\\n])+)\]\((?P<target>[^)\s]+)\)"
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
    """A stretch of text with one formatting; `link` is an http(s) or mailto URL, `lang`
    the language tag of a phrase marked `[…](lang:xx)` (None: the deck's language)."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    lang: str | None = None


RichText = tuple[Run, ...]


class MarkupError(ValueError):
    """Inline markup that cannot be turned into runs (e.g. a link with a bad scheme)."""


LANG_PREFIX = "lang:"
_LANG_CODE = re.compile(r"([a-z]{2,3})(?:-([a-z]{2}))?", re.I)
# The region a bare language code is written with, as Office's proofing tools name them.
_REGIONS = {
    "nl": "NL", "en": "GB", "de": "DE", "fr": "FR", "fy": "NL", "es": "ES", "it": "IT",
    "pt": "PT", "pl": "PL", "tr": "TR", "ar": "SA", "da": "DK", "sv": "SE", "nb": "NO",
    "fi": "FI", "el": "GR", "cs": "CZ", "hu": "HU", "ro": "RO", "bg": "BG", "hr": "HR",
    "sk": "SK", "sl": "SI", "et": "EE", "lv": "LV", "lt": "LT", "uk": "UA", "ru": "RU",
    "zh": "CN", "ja": "JP", "ko": "KR", "pap": "CW",
}


def language_tag(code: str) -> str:
    """`en` → `en-GB`, `EN-us` → `en-US`: the tag a run of that language carries.

    Raises MarkupError unless `code` is a language (2 or 3 letters) with an optional
    region (2 letters).
    """
    match = _LANG_CODE.fullmatch(code)
    if match is None:
        raise MarkupError(
            f"language {code!r} after 'lang:' must be a language code such as en, de or "
            "en-US"
        )
    language, region = match.group(1).lower(), match.group(2)
    region = region.upper() if region else _REGIONS.get(language)
    return f"{language}-{region}" if region else language


def parse(text: str) -> RichText:
    """Parse inline markup into runs; adjacent runs with equal formatting are merged.

    Raises MarkupError for a link whose target is not http(s) or mailto.
    """
    if not _MAY_HAVE_MARKUP.search(text):
        return (Run(text),) if text else ()  # most text is plain: skip the tokenizer
    return _merge(_parse(text, False, False, None, None))


def plain(runs: RichText) -> str:
    """The text of the runs without formatting."""
    return "".join(run.text for run in runs)


def escape(text: str) -> str:
    """Escape markup characters so `text` is shown exactly as given."""
    return MARKUP_CHARS.sub(r"\\\1", text)


def unescape(text: str) -> str:
    """Undo markup escapes, for text that is shown without markup (alt text, figures)."""
    return _ESCAPED.sub(r"\1", text)


def _parse(text: str, bold: bool, italic: bool, link: str | None,
           lang: str | None) -> list[Run]:
    runs: list[Run] = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            runs.append(Run(text[position : match.start()], bold, italic, link, lang))
        position = match.end()
        kind = match.lastgroup
        if kind == "escape":
            runs.append(Run(match.group("escape")[1], bold, italic, link, lang))
        elif match.group("label") is not None:
            target = match.group("target")
            if target[: len(LANG_PREFIX)].lower() == LANG_PREFIX:
                tag = language_tag(target[len(LANG_PREFIX):])
                runs.extend(_parse(match.group("label"), bold, italic, link, tag))
            else:
                target = _check_target(target)
                runs.extend(_parse(match.group("label"), bold, italic, link or target, lang))
        elif match.group("bold") is not None:
            runs.extend(_parse(match.group("bold"), True, italic, link, lang))
        elif match.group("italic") is not None:
            runs.extend(_parse(match.group("italic"), bold, True, link, lang))
        elif kind == "url":
            url = match.group("url")
            runs.append(Run(url, bold, italic, link or url, lang))
        elif kind == "email":
            address = match.group("email")
            runs.append(Run(address, bold, italic, link or f"mailto:{address}", lang))
    if position < len(text):
        runs.append(Run(text[position:], bold, italic, link, lang))
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
            merged[-1] = run._replace(text=merged[-1].text + run.text)
        else:
            merged.append(run)
    return tuple(merged)


def _same_format(a: Run, b: Run) -> bool:
    return (a.bold, a.italic, a.link, a.lang) == (b.bold, b.italic, b.link, b.lang)
