"""Inline markup: **bold**, *italic*, links, bare e-mail addresses and URLs, escapes."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deck_builder.content.richtext import MarkupError, Run, escape, language_tag, parse, plain


def test_plain_text_is_one_run() -> None:
    assert parse("Gewoon tekst, met 12:30 en 99%.") == (Run("Gewoon tekst, met 12:30 en 99%."),)


def test_bold_and_italic() -> None:
    assert parse("**Doel:** gedragen *zienswijze*") == (
        Run("Doel:", bold=True),
        Run(" gedragen "),
        Run("zienswijze", italic=True),
    )


def test_italic_inside_bold() -> None:
    assert parse("**vet en *schuin* woord**") == (
        Run("vet en ", bold=True),
        Run("schuin", bold=True, italic=True),
        Run(" woord", bold=True),
    )


def test_a_lone_star_is_text() -> None:
    assert plain(parse("5 * 3 = 15 en a*b")) == "5 * 3 = 15 en a*b"


def test_link_with_label() -> None:
    assert parse("Zie [de nota](https://vng.nl/nota).") == (
        Run("Zie "),
        Run("de nota", link="https://vng.nl/nota"),
        Run("."),
    )


def test_bold_link_label() -> None:
    assert parse("[**Nota**](https://vng.nl)") == (Run("Nota", bold=True, link="https://vng.nl"),)


def test_link_to_an_email_address_becomes_mailto() -> None:
    assert parse("[mail ons](info@vng.nl)") == (Run("mail ons", link="mailto:info@vng.nl"),)


def test_bare_email_and_url_are_linked_without_trailing_punctuation() -> None:
    runs = parse("Mail wieger.zwikstra@vng.nl of zie https://vng.nl/a?b=1.")
    assert runs == (
        Run("Mail "),
        Run("wieger.zwikstra@vng.nl", link="mailto:wieger.zwikstra@vng.nl"),
        Run(" of zie "),
        Run("https://vng.nl/a?b=1", link="https://vng.nl/a?b=1"),
        Run("."),
    )


def test_email_in_parentheses() -> None:
    runs = parse("Open voor nieuwe deelnemers! (wieger.zwikstra@vng.nl)")
    assert Run("wieger.zwikstra@vng.nl", link="mailto:wieger.zwikstra@vng.nl") in runs
    assert plain(runs) == "Open voor nieuwe deelnemers! (wieger.zwikstra@vng.nl)"


@pytest.mark.parametrize(
    "target", ["javascript:alert(1)", "file:///etc/passwd", "ftp://x.nl", "vng.nl"]
)
def test_unsafe_link_targets_are_refused(target: str) -> None:
    with pytest.raises(MarkupError, match="http"):
        parse(f"[klik]({target})")


def test_backslash_escapes_markup() -> None:
    assert parse(r"\*\*niet vet\*\* en \[geen](link) \\") == (
        Run("**niet vet** en [geen](link) \\"),
    )


def test_escape_then_parse_gives_the_text_back() -> None:
    text = r"**a** *b* [c](d) \e"
    assert parse(escape(text)) == (Run(text),)


# -- properties --------------------------------------------------------------------------

TOKENS = st.sampled_from(
    [
        "a",
        "B",
        " ",
        "*",
        "**",
        "_",
        "\\",
        "[",
        "]",
        "(",
        ")",
        "[x](",
        "{",
        "}",
        "@",
        "info@vng.nl",
        ".",
        ":",
        "é",
        "’",
        "\n",
        "12:30",
        "<",
        "&",
        '"',
    ]
)
TEXT = st.lists(TOKENS, max_size=20).map("".join) | st.text(max_size=30)


@given(TEXT)
def test_escaped_text_round_trips(text: str) -> None:
    assert plain(parse(escape(text))) == text


@given(TEXT.filter(lambda s: "](" not in s))
def test_parse_never_raises_without_links(text: str) -> None:
    runs = parse(text)
    assert all(run.text for run in runs)
    # Merged: neighbours always differ in formatting.
    for a, b in itertools.pairwise(runs):
        assert (a.bold, a.italic, a.link, a.lang) != (b.bold, b.italic, b.link, b.lang)


@pytest.mark.parametrize("text", ["https://vng.nl/*", "zie http://x.nl/[1]", "https://a.nl\\"])
def test_escaped_text_with_a_url_round_trips(text: str) -> None:
    assert plain(parse(escape(text))) == text


def test_a_phrase_in_another_language_carries_its_tag() -> None:
    runs = parse("Een [stakeholder **analyse**](lang:en) maken")
    assert runs == (
        Run("Een "),
        Run("stakeholder ", lang="en-GB"),
        Run("analyse", bold=True, lang="en-GB"),
        Run(" maken"),
    )


def test_a_language_span_around_a_link_keeps_both() -> None:
    runs = parse("[see https://vng.nl](LANG:en-us)")
    assert runs == (Run("see ", lang="en-US"),
                    Run("https://vng.nl", link="https://vng.nl", lang="en-US"))


@pytest.mark.parametrize(("code", "tag"), [("en", "en-GB"), ("DE", "de-DE"), ("en-us", "en-US"),
                                           ("pap", "pap-CW"), ("xh", "xh")])
def test_language_codes_are_written_as_office_tags(code: str, tag: str) -> None:
    assert language_tag(code) == tag


@pytest.mark.parametrize("target", ["lang:", "lang:english", "lang:en_GB", "lang:e"])
def test_a_bad_language_code_is_refused(target: str) -> None:
    with pytest.raises(MarkupError, match="language code"):
        parse(f"[word]({target})")


LANGUAGES = st.sampled_from(["en", "de", "fr", "en-US", "fy", "pap"])


@given(st.lists(st.tuples(TEXT, st.none() | LANGUAGES), max_size=6))
def test_language_spans_round_trip(pieces: list[tuple[str, str | None]]) -> None:
    # Each piece escaped and, when it has a language, wrapped in [..](lang:..): the text
    # comes back whole, and every character carries the language of its piece.
    source = "".join(
        escape(text) if lang is None or not text.strip() or "\n" in text
        else f"[{escape(text)}](lang:{lang})"
        for text, lang in pieces
    )
    runs = parse(source)
    expected = "".join(text for text, _ in pieces)
    assert plain(runs) == expected
    got = [run.lang for run in runs for _ in run.text]
    want = [
        None if lang is None or not text.strip() or "\n" in text else language_tag(lang)
        for text, lang in pieces for _ in text
    ]
    assert got == want
