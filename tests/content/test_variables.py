"""`{name}` variables in content text: deck metadata and `variables:`, inserted as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from deck_builder.content.source import Mapping, Scalar, Sequence
from deck_builder.content.variables import substitute
from deck_builder.errors import ProblemCollector, SourceRef
from tests.conftest import (
    BuildFails,
    KindSlide,
    Problem,
    SlideBuilder,
    deck_texts,
    descr,
    pictures,
    png_bytes,
    text_runs,
)


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
def test_datum_is_the_dutch_long_date(build_slides: SlideBuilder, date: str, long: str) -> None:
    prs = build_slides(
        "- kind: section\n  title: Stand van {datum}\n  subtitle: '{date}'\n",
        meta={"date": date},
    )
    slide = KindSlide(prs.slides[0], "section")
    assert slide.text("title") == f"Stand van {long}"
    assert slide.text("subtitle") == long


def test_metadata_and_custom_variables(build_slides: SlideBuilder) -> None:
    prs = build_slides(
        "- kind: bullets\n  title: '{titel} voor {afdeling}'\n  body:\n"
        "    - '{organisatie} / {presentator} / {ondertitel}'\n",
        meta={
            "title": "Actualiteiten",
            "subtitle": "Ruimte",
            "presenter": "Team LG",
            "variables": "{afdeling: Friesland}",
        },
    )
    texts = deck_texts(prs)
    assert "Actualiteiten voor Friesland" in texts
    assert "VNG / Team LG / Ruimte" in texts


def test_double_braces_are_literal_braces(build_slides: SlideBuilder) -> None:
    prs = build_slides("- kind: section\n  title: 'Schrijf {{datum}} of }}'\n")
    assert KindSlide(prs.slides[0], "section").text("title") == "Schrijf {datum} of }"


def test_variable_value_with_markup_is_shown_literally(build_slides: SlideBuilder) -> None:
    prs = build_slides(
        "- kind: bullets\n  title: '{slogan}'\n  body: ['Zie {pad}']\n",
        meta={"variables": '{slogan: "Samen **sterk** *nu*", pad: "C:\\\\map\\\\[1]"}'},
    )
    slide = KindSlide(prs.slides[0], "bullets")
    assert slide.text("title") == "Samen **sterk** *nu*"
    assert not any(r.font.bold or r.font.italic for r in text_runs(slide.shape("title")))
    assert slide.text("body") == "Zie C:\\map\\[1]"


PROBLEMS = {
    "unknown_variable": Problem(
        "- kind: section\n  title: 'Hallo {foo}'\n", "'Hallo", ("unknown variable {foo}", "{{")
    ),
    "misspelled_variable_gets_a_suggestion": Problem(
        "- kind: section\n  title: 'Stand {datm}'\n",
        "'Stand",
        ("unknown variable {datm}", "did you mean {datum}?"),
    ),
}


@pytest.mark.parametrize("problem", PROBLEMS.values(), ids=PROBLEMS)
def test_variable_problem_is_located(build_fails: BuildFails, problem: Problem) -> None:
    build_fails(problem)


def test_variable_in_plain_text_fields_is_not_escaped(build_slides: SlideBuilder) -> None:
    prs = build_slides(
        "- kind: image\n  picture:\n    file: p.png\n    alt: 'Foto {bron}'\n"
        "- kind: statistic\n  title: Cijfer\n  figure: '{pct}'\n",
        meta={"variables": '{bron: "VNG*", pct: "9*"}'},
        files={"p.png": png_bytes()},
    )
    assert [descr(p) for p in pictures(prs.slides[0])] == ["Foto VNG*"]
    assert KindSlide(prs.slides[1], "statistic").text("figure") == "9*"
