"""`{name}` variables in content text: deck metadata and `variables:`, inserted as text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from deck_builder.errors import ProblemCollector, SourceRef
from deck_builder.source import Mapping, Scalar, Sequence
from deck_builder.variables import substitute
from tests.conftest import (
    CliRun,
    ContentMaker,
    build,
    deck_texts,
    descr,
    expect_error,
    pictures,
    png_bytes,
    role_shape,
)

Cli = Callable[..., CliRun]
BUILD = ("build", "content", "-o", "out.pptx")


def _scalar(value: str) -> Scalar:
    return Scalar(SourceRef(Path("deck.yaml"), 3, 5), value)


def test_substitute_replaces_known_names_and_keeps_literal_keys() -> None:
    where = SourceRef(Path("deck.yaml"), 1, 1)
    node = Mapping(
        where,
        {
            "title": _scalar("Regio {regio}"),
            "id": _scalar("{regio}"),
            "body": Sequence(where, [_scalar("{{niet}} {regio}")]),
        },
    )
    problems = ProblemCollector()
    result = substitute(node, {"regio": "Fryslân"}, problems)
    assert problems.problems == []
    assert isinstance(result, Mapping)
    assert result.entries["title"] == _scalar("Regio Fryslân")
    assert result.entries["id"] == _scalar("{regio}")  # names are never substituted
    body = result.entries["body"]
    assert isinstance(body, Sequence)
    assert body.items == [_scalar("{niet} Fryslân")]


@pytest.mark.parametrize(
    ("date", "long"),
    [
        ("2025-12-04", "4 december 2025"),
        ("2026-03-01", "1 maart 2026"),
        ("2026-05-31", "31 mei 2026"),
    ],
)
def test_datum_is_the_dutch_long_date(
    make_content: ContentMaker, tmp_path: Path, date: str, long: str
) -> None:
    content = make_content(
        "- kind: section\n  title: Stand van {datum}\n  subtitle: '{date}'\n",
        meta={"date": date},
    )
    prs = build(content, tmp_path / "out.pptx")
    slide = prs.slides[0]
    assert role_shape(slide, "section", "title").text_frame.text == f"Stand van {long}"
    assert role_shape(slide, "section", "subtitle").text_frame.text == long


def test_metadata_and_custom_variables(make_content: ContentMaker, tmp_path: Path) -> None:
    content = make_content(
        "- kind: bullets\n  title: '{titel} voor {afdeling}'\n  body:\n"
        "    - '{organisatie} / {presentator} / {ondertitel}'\n",
        meta={
            "title": "Actualiteiten",
            "subtitle": "Ruimte",
            "presenter": "Team LG",
            "variables": "{afdeling: Friesland}",
        },
    )
    prs = build(content, tmp_path / "out.pptx")
    texts = deck_texts(prs)
    assert "Actualiteiten voor Friesland" in texts
    assert "VNG / Team LG / Ruimte" in texts


def test_double_braces_are_literal_braces(make_content: ContentMaker, tmp_path: Path) -> None:
    content = make_content("- kind: section\n  title: 'Schrijf {{datum}} of }}'\n")
    prs = build(content, tmp_path / "out.pptx")
    assert role_shape(prs.slides[0], "section", "title").text_frame.text == "Schrijf {datum} of }"


def test_variable_value_with_markup_is_shown_literally(
    make_content: ContentMaker, tmp_path: Path
) -> None:
    content = make_content(
        "- kind: bullets\n  title: '{slogan}'\n  body: ['Zie {pad}']\n",
        meta={"variables": '{slogan: "Samen **sterk** *nu*", pad: "C:\\\\map\\\\[1]"}'},
    )
    prs = build(content, tmp_path / "out.pptx")
    title = role_shape(prs.slides[0], "bullets", "title")
    assert title.text_frame.text == "Samen **sterk** *nu*"
    runs = [r for p in title.text_frame.paragraphs for r in p.runs]
    assert not any(r.font.bold or r.font.italic for r in runs)
    body = role_shape(prs.slides[0], "bullets", "body")
    assert body.text_frame.text == "Zie C:\\map\\[1]"


def test_unknown_variable(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: section\n  title: 'Hallo {foo}'\n")
    expect_error(cli(*BUILD), content.ref("'Hallo"), "unknown variable {foo}", "{{")


def test_misspelled_variable_gets_a_suggestion(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: section\n  title: 'Stand {datm}'\n")
    line = expect_error(cli(*BUILD), content.ref("'Stand"), "unknown variable {datm}")
    assert "did you mean {datum}?" in line


def test_variable_in_plain_text_fields_is_not_escaped(
    make_content: ContentMaker, tmp_path: Path
) -> None:
    content = make_content(
        "- kind: image\n  picture:\n    file: p.png\n    alt: 'Foto {bron}'\n"
        "- kind: statistic\n  title: Cijfer\n  figure: '{pct}'\n",
        meta={"variables": '{bron: "VNG*", pct: "9*"}'},
        files={"p.png": png_bytes()},
    )
    prs = build(content, tmp_path / "out.pptx")
    assert [descr(p) for p in pictures(prs.slides[0])] == ["Foto VNG*"]
    assert role_shape(prs.slides[1], "statistic", "figure").text_frame.text == "9*"
