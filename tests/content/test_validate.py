"""Validation into the typed model: every problem located, all reported in one run."""

from __future__ import annotations

import pytest

from deck_builder import pipeline
from deck_builder.content.records import Deck
from tests.conftest import (
    BUILD,
    BuildFails,
    Cli,
    ContentMaker,
    Problem,
    error_lines,
    expect_error,
    png_bytes,
)

# Each content fails validation with one error, located at the value (or key) at fault.
PROBLEMS = {
    "unknown_key_suggests_the_right_one": Problem(
        "- kind: bullets\n  titel: Resultaat\n  body: [a]\n",
        "titel",
        ("unknown key 'titel'", "did you mean 'title'?"),
    ),
    "unknown_key_in_a_nested_mapping": Problem(
        "- kind: two-column\n  title: T\n  left:\n    heading: L\n    bdy: [a]\n"
        "  right:\n    heading: R\n",
        "bdy",
        ("unknown key 'bdy'", "did you mean 'body'?"),
    ),
    "wrong_type": Problem(
        "- kind: section\n  title: [een, twee]\n", "[een", ("title", "expected text, got a list")
    ),
    # A missing key has no position of its own: the slide's first key stands for it.
    "missing_required_field": Problem(
        "- kind: section\n  id: leeg\n", "kind: section", ("missing required key 'title'",)
    ),
    "unknown_kind": Problem(
        "- kind: bulets\n  title: T\n",
        "bulets",
        ("unknown slide kind 'bulets'", "did you mean 'bullets'?"),
    ),
    "slide_without_kind": Problem("- title: Geen soort\n", "title: Geen", ("kind",)),
    "partner_without_registry": Problem(
        "- kind: partners\n  title: P\n  partners: [IPO]\n",
        "IPO]",
        ("partners.yaml",),
        partners=None,
    ),
    "invalid_identifier": Problem(
        "- kind: section\n  id: Deel Een\n  title: A\n",
        "Deel Een",
        ("id", "not a valid identifier"),
    ),
    "invalid_date": Problem(
        "- kind: section\n  title: A\n", "4-12-2025", ("YYYY-MM-DD",), meta={"date": "4-12-2025"}
    ),
    "unknown_language": Problem(
        "- kind: section\n  title: A\n",
        "fy",
        ("unknown language 'fy'",),
        meta={"language": "fy"},
    ),
    "link_with_unsafe_scheme": Problem(
        "- kind: bullets\n  title: T\n  body:\n    - '[klik](javascript:alert)'\n",
        "'[klik]",
        ("must start with http://",),
    ),
    # The rule is about the body list as a whole: located where the list starts.
    "too_deep_nesting": Problem(
        "- kind: bullets\n  title: T\n  body:\n"
        "    - text: 1\n      items:\n        - text: 2\n          items:\n"
        "            - text: 3\n              items: [4]\n",
        "- text: 1",
        ("body", "at most 3 levels"),
    ),
}


@pytest.mark.parametrize("problem", PROBLEMS.values(), ids=PROBLEMS)
def test_validation_problem_is_located(build_fails: BuildFails, problem: Problem) -> None:
    build_fails(problem)


def test_unknown_partner(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: partners\n  title: P\n  partners: [IPO, IPOO, XYZ]\n")
    run = cli(*BUILD)
    close = expect_error(run, content.ref("IPOO"), "unknown partner 'IPOO'")
    assert "did you mean 'IPO'?" in close
    expect_error(run, content.ref("XYZ"), "unknown partner 'XYZ'")


def test_duplicate_slide_id(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content(
        "- kind: section\n  id: deel\n  title: A\n- kind: section\n  id: deel\n  title: B\n"
    )
    first = content.ref("kind: section", 1)
    expect_error(
        cli(*BUILD),
        content.ref("kind: section", 2),
        "duplicate slide id 'deel'",
        f"first used at {first}",
    )


def test_missing_alt_text(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content(
        "- kind: image\n  picture:\n    file: p.png\n", files={"p.png": png_bytes()}
    )
    run = cli(*BUILD)
    assert len(error_lines(run)) == 1
    expect_error(run, content.ref("file: p.png"), "missing required key 'alt'")


def test_all_problems_are_reported_in_one_run(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content(
        """\
        - kind: bullets
          title: Een
          calout: a
        - kind: section
          title: [twee]
        - kind: quote
          attribution: Drie
        - kind: section
          title: Goed
        """
    )
    run = cli(*BUILD)
    lines = error_lines(run)
    assert len(lines) == 3
    expect_error(run, content.ref("calout"), "unknown key 'calout'", "did you mean 'callout'?")
    expect_error(run, content.ref("[twee]"), "expected text")
    expect_error(run, content.ref("kind: quote"), "missing required key 'quote'")
    assert "3 problems; nothing was written." in run.stderr
    # Reported top to bottom, as in the file.
    lines_at = [int(line.split(":")[2]) for line in lines]
    assert lines_at == sorted(lines_at)


def test_loading_and_validation_problems_come_together(
    make_content: ContentMaker, cli: Cli
) -> None:
    content = make_content(
        "- kind: section\n  title: A\n  subtitel: x\n- include: weg.yaml\n"
        "- kind: image\n  picture: {file: weg.png, alt: x}\n"
    )
    run = cli(*BUILD)
    assert len(error_lines(run)) == 3
    expect_error(run, content.ref("subtitel"), "unknown key")
    expect_error(run, content.ref("weg.yaml"), "not found")
    expect_error(run, content.ref("weg.png"), "not found")


def test_valid_content_loads_into_a_deck(make_content: ContentMaker) -> None:
    content = make_content(
        "- kind: section\n  title: '**Vet** en *schuin*'\n- kind: bullets\n  title: B\n"
        "  body:\n    - Een\n    - paragraph: Twee\n",
        meta={"variables": "{regio: Friesland}"},
    )
    deck = pipeline.load_deck(content.dir)
    assert isinstance(deck, Deck)
    assert [s.kind for s in deck.slides] == ["section", "bullets"]
    assert deck.meta.variables == {"regio": "Friesland"}
    assert deck.source == content.deck_file.resolve()
    body = deck.slides[1].body  # type: ignore[attr-defined]
    assert [(i.bullet, i.text[0].text) for i in body] == [(True, "Een"), (False, "Twee")]


def test_invalid_partner_entry_is_reported_once(make_content: ContentMaker, cli: Cli) -> None:
    partners = "VNG:\n  name: Vereniging van Nederlandse Gemeenten\n  url: www.vng.nl\n"
    content = make_content("- kind: partners\n  title: P\n  partners: [VNG]\n", partners=partners)
    run = cli(*BUILD)
    expect_error(run, content.ref("www.vng.nl", file="partners.yaml"), "url", "http")
    assert len(error_lines(run)) == 1, run.stderr
