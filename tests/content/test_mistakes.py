"""The everyday YAML mistakes: each is an error in plain words at its line, with the fix,
and none passes silently (text lost, sub-bullets merged into their bullet)."""

from __future__ import annotations

from pathlib import Path

import pytest

from deck_builder.content import source
from deck_builder.content.source import parse_text, to_plain
from deck_builder.errors import DeckError
from tests.conftest import BuildFails, Problem

BULLETS = "- kind: bullets\n  title: Punten\n  body:\n"

# Each: the slide text, the needle the error is at, and fragments of its message.
MISTAKES = {
    "markdown_sub_bullets": Problem(
        BULLETS + "    - Hoofdpunt\n      - Eerste sub\n      - Tweede sub\n    - Ander punt\n",
        "- Eerste sub",
        ("no Markdown sub-bullets", "'- Eerste sub'", "'Hoofdpunt'",
         "'- text: Hoofdpunt'", "'items:'"),
    ),
    "bold_at_the_start": Problem(
        BULLETS + "    - **Versnellen** van de woningbouw\n",
        "**Versnellen",
        ("starts with *", "put the whole bullet in quotes: - '**Versnellen** van de woningbouw'"),
    ),
    "italic_at_the_start": Problem(
        BULLETS + "    - *Let op:* de termijn\n",
        "*Let op",
        ("starts with *", "put the whole bullet in quotes: - '*Let op:* de termijn'"),
    ),
    "quotation_then_more": Problem(
        BULLETS + '    - "Samen sterk" is het motto\n',
        '"Samen sterk',
        ("starts with a quote",
         """put the whole bullet in quotes: - '"Samen sterk" is het motto'"""),
    ),
    "link_then_more": Problem(
        BULLETS + "    - [Nota Ruimte](https://vng.nl) verschenen\n",
        "[Nota Ruimte]",
        ("starts with [", "put the whole bullet in quotes: "
         "- '[Nota Ruimte](https://vng.nl) verschenen'"),
    ),
    "hash_is_a_comment": Problem(
        BULLETS + "    - #1 prioriteit\n    - Tweede punt\n",
        "#1 prioriteit",
        ("start of a comment", "put the whole bullet in quotes: - '#1 prioriteit'"),
    ),
    "hash_after_a_key": Problem(
        "- kind: section\n  title: #1 Woningbouw\n",
        "#1 Woningbouw",
        ("start of a comment", "put the whole text in quotes: title: '#1 Woningbouw'"),
    ),
    "hash_word_after_text": Problem(
        BULLETS + "    - Stikstof #landbouw\n",
        " #landbouw",
        ("'#landbouw' is left out", "put the whole bullet in quotes: - 'Stikstof #landbouw'"),
    ),
    "at_sign": Problem(
        BULLETS + "    - @VNG op sociale media\n", "@VNG",
        ("start with @", "- '@VNG op sociale media'"),
    ),
    "backtick": Problem(
        BULLETS + "    - `code` in een bullet\n", "`code`",
        ("start with `", "- '`code` in een bullet'"),
    ),
    "percent": Problem(
        BULLETS + "    - %50 minder uitstoot\n", "%50", ("start with %", "- '%50 minder uitstoot'"),
    ),
    "exclamation_mark": Problem(
        BULLETS + "    - !Belangrijk: de termijn\n", "!Belangrijk",
        ("starts with ! as a tag", "- '!Belangrijk: de termijn'"),
    ),
    "ampersand": Problem(
        BULLETS + "    - &nbsp;Inspringen\n", "&nbsp", ("starts with & as an anchor",
                                                    "- '&nbsp;Inspringen'"),
    ),
    "ampersand_word": Problem(
        BULLETS + "    - &Co en partners\n", "&Co", ("starts with & as an anchor",
                                                     "- '&Co en partners'"),
    ),
    "pipe": Problem(
        BULLETS + "    - | of niet\n", "| of", ("| at the start", "- '| of niet'"),
    ),
    "greater_than": Problem(
        BULLETS + "    - > 100 gemeenten\n", "> 100", ("> at the start", "- '> 100 gemeenten'"),
    ),
    "tab_in_indentation": Problem(
        BULLETS + "    - Een\n\t- Twee\n", "\t- Twee", ("indent with spaces, not tabs",),
    ),
    "list_inside_a_list": Problem(
        BULLETS + "    - Hoofdpunt\n    - - Sub\n      - Sub twee\n", "- Sub\n",
        ("a list inside a list", "'- text: <the bullet>'", "'items:'"),
    ),
    "bullets_for_items": Problem(
        BULLETS + "    - text: Hoofdpunt\n      bullets: [Sub]\n", "bullets:",
        ("unknown key 'bullets'", "the sub-bullets of a bullet go under 'items:'"),
    ),
    "bullets_for_body": Problem(
        "- kind: bullets\n  title: Punten\n  bullets: [Een]\n", "bullets:",
        ("unknown key 'bullets'", "go under 'body:'"),
    ),
    "date_that_does_not_exist": Problem(
        "- kind: title\n", "2026-02-30",
        ("date: 2026-02-30 does not exist: February 2026 has 28 days",),
        meta={"date": "2026-02-30"},
    ),
}


@pytest.mark.parametrize("problem", MISTAKES.values(), ids=MISTAKES)
def test_an_everyday_mistake_is_explained_at_its_line(
    build_fails: BuildFails, problem: Problem
) -> None:
    line = build_fails(problem)
    assert "expected alphabetic" not in line
    assert "invalid YAML" not in line


SILENT = {
    "sub-bullets": "body:\n  - Hoofdpunt\n    - Sub\n",
    "hash": "body:\n  - #1\n",
    "hash word": "body:\n  - Punt #twee\n",
    "hash title": "title: #1 Woningbouw\n",
}


@pytest.mark.parametrize("loader", ["libyaml", "python"])
@pytest.mark.parametrize("text", SILENT.values(), ids=SILENT)
def test_what_yaml_reads_silently_is_refused_by_either_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loader: str, text: str
) -> None:
    if loader == "python":
        monkeypatch.setattr(source, "_CLoader", None)
    with pytest.raises(DeckError):
        parse_text(text, tmp_path / "x.yaml")


@pytest.mark.parametrize(
    "text",
    [
        "subtitle:     # optional, left empty\n",
        "body:\n  - Punt  # a comment of the writer\n",
        "body:\n  - >-\n    Een lange bullet\n    - met een streepje\n",
        "body:\n  - 'Punt #1'\n  - \"**Vet** en meer\"\n  - text: '[link](https://vng.nl) meer'\n",
        "title: Q&A en R & D\n",
    ],
)
def test_what_is_meant_is_left_alone(tmp_path: Path, text: str) -> None:
    parse_text(text, tmp_path / "x.yaml")


def test_a_real_anchor_is_still_refused_at_its_alias(tmp_path: Path) -> None:
    with pytest.raises(DeckError, match="aliases"):
        parse_text("a: &x {b: c}\nd: *x\n", tmp_path / "x.yaml")
    assert to_plain(parse_text("a: &x {b: c}\n", tmp_path / "y.yaml")) == {"a": {"b": "c"}}
