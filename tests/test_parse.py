"""Validation into the typed model: every problem located, all reported in one run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from deck_builder import pipeline
from deck_builder.model import Deck
from tests.conftest import (
    CliRun,
    ContentMaker,
    error_lines,
    expect_error,
    locate_in,
    png_bytes,
)

Cli = Callable[..., CliRun]
BUILD = ("build", "content", "-o", "out.pptx")


def test_unknown_key_suggests_the_right_one(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: bullets\n  titel: Resultaat\n  body: [a]\n")
    line = expect_error(cli(*BUILD), content.ref("titel"), "unknown key 'titel'")
    assert "did you mean 'title'?" in line


def test_unknown_key_in_a_nested_mapping(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content(
        "- kind: two-column\n  title: T\n  left:\n    heading: L\n    bdy: [a]\n"
        "  right:\n    heading: R\n"
    )
    line = expect_error(cli(*BUILD), content.ref("bdy"), "unknown key 'bdy'")
    assert "did you mean 'body'?" in line


def test_wrong_type(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: section\n  title: [een, twee]\n")
    expect_error(cli(*BUILD), content.ref("[een"), "title", "expected text, got a list")


def test_missing_required_field(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: section\n  id: leeg\n")
    # A missing key has no position of its own: the slide's first key stands for it.
    expect_error(cli(*BUILD), content.ref("kind: section"), "missing required key 'title'")


def test_unknown_kind(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: bulets\n  title: T\n")
    line = expect_error(cli(*BUILD), content.ref("bulets"), "unknown slide kind 'bulets'")
    assert "did you mean 'bullets'?" in line


def test_slide_without_kind(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- title: Geen soort\n")
    expect_error(cli(*BUILD), content.ref("title: Geen"), "kind")


def test_unknown_partner(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: partners\n  title: P\n  partners: [IPO, IPOO, XYZ]\n")
    run = cli(*BUILD)
    close = expect_error(run, content.ref("IPOO"), "unknown partner 'IPOO'")
    assert "did you mean 'IPO'?" in close
    expect_error(run, content.ref("XYZ"), "unknown partner 'XYZ'")


def test_partner_without_registry(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: partners\n  title: P\n  partners: [IPO]\n", partners=None)
    expect_error(cli(*BUILD), content.ref("IPO]"), "partners.yaml")


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


def test_invalid_identifier(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: section\n  id: Deel Een\n  title: A\n")
    expect_error(cli(*BUILD), content.ref("Deel Een"), "id", "not a valid identifier")


def test_invalid_date(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: section\n  title: A\n", meta={"date": "4-12-2025"})
    expect_error(cli(*BUILD), content.ref("4-12-2025"), "YYYY-MM-DD")


def test_unknown_language(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: section\n  title: A\n", meta={"language": "fy"})
    expect_error(cli(*BUILD), content.ref("fy"), "unknown language 'fy'")


def test_link_with_unsafe_scheme(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content(
        "- kind: bullets\n  title: T\n  body:\n    - '[klik](javascript:alert)'\n"
    )
    expect_error(cli(*BUILD), content.ref("'[klik]"), "must start with http://")


def test_missing_alt_text(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content(
        "- kind: image\n  picture:\n    file: p.png\n", files={"p.png": png_bytes()}
    )
    run = cli(*BUILD)
    assert len(error_lines(run)) == 1
    expect_error(run, content.ref("file: p.png"), "missing required key 'alt'")


def test_too_deep_nesting(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content(
        "- kind: bullets\n  title: T\n  body:\n"
        "    - text: 1\n      items:\n        - text: 2\n          items:\n"
        "            - text: 3\n              items: [4]\n"
    )
    # The rule is about the body list as a whole: located where the list starts.
    expect_error(cli(*BUILD), content.ref("- text: 1"), "body", "at most 3 levels")


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


def test_valid_content_loads_into_a_deck(make_content: ContentMaker, tmp_path: Path) -> None:
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
    make_content("- kind: partners\n  title: P\n  partners: [VNG]\n", partners=partners)
    run = cli(*BUILD)
    line, column = locate_in(partners, "www.vng.nl")
    expect_error(run, f"content/partners.yaml:{line}:{column}", "url", "http")
    assert len(error_lines(run)) == 1, run.stderr
