"""Reading a content folder: includes, file paths relative to their YAML, pictures checked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import (
    CliRun,
    ContentMaker,
    build,
    deck_texts,
    error_lines,
    expect_error,
    locate_in,
    png_bytes,
)

Cli = Callable[..., CliRun]
BUILD = ("build", "content", "-o", "out.pptx")


def test_includes_are_expanded_in_order(make_content: ContentMaker, tmp_path: Path) -> None:
    content = make_content(
        """\
        - kind: section
          title: Eerst
        - include: sections/a.yaml
        - include: sections/b.yaml
        - kind: section
          title: Laatst
        """,
        files={
            "sections/a.yaml": "- kind: section\n  title: Uit A\n- include: nested/c.yaml\n",
            "sections/nested/c.yaml": "- kind: section\n  title: Uit C\n",
            # A section file may also be a mapping with `slides:`; an empty one adds nothing.
            "sections/b.yaml": "slides:\n  - kind: section\n    title: Uit B\n",
            "sections/empty.yaml": "",
        },
    )
    prs = build(content, tmp_path / "out.pptx")
    titles = [t for t in deck_texts(prs) if t.startswith(("Eerst", "Uit", "Laatst"))]
    assert titles == ["Eerst", "Uit A", "Uit C", "Uit B", "Laatst"]


def test_picture_paths_are_relative_to_their_yaml_file(
    make_content: ContentMaker, tmp_path: Path
) -> None:
    content = make_content(
        "- include: sections/beeld.yaml\n",
        files={
            "sections/beeld.yaml": "- kind: image\n  picture:\n"
            "    file: ../images/foto.png\n    alt: Een foto\n",
            "images/foto.png": png_bytes(),
        },
    )
    prs = build(content, tmp_path / "out.pptx")
    assert len(prs.slides) == 1


def test_missing_included_file(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: section\n  title: A\n- include: sections/weg.yaml\n")
    expect_error(cli(*BUILD), content.ref("sections/weg.yaml"), "'sections/weg.yaml' not found")


def test_include_cycle_is_reported(make_content: ContentMaker, cli: Cli) -> None:
    make_content(
        "- include: a.yaml\n",
        files={"a.yaml": "- include: b.yaml\n", "b.yaml": "- include: a.yaml\n"},
    )
    line, column = locate_in("- include: a.yaml\n", "a.yaml")
    expect_error(cli(*BUILD), f"content/b.yaml:{line}:{column}", "cycle")


def test_problem_in_an_included_file_names_that_file(make_content: ContentMaker, cli: Cli) -> None:
    section = "- kind: section\n  title: Goed\n- kind: section\n  titel: Fout\n"
    make_content("- include: sections/s.yaml\n", files={"sections/s.yaml": section})
    line, column = locate_in(section, "titel")
    expect_error(cli(*BUILD), f"content/sections/s.yaml:{line}:{column}", "unknown key 'titel'")


def test_missing_picture_file(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: image\n  picture:\n    file: images/weg.png\n    alt: Weg\n")
    expect_error(cli(*BUILD), content.ref("images/weg.png"), "not found", "weg.png")


def test_broken_picture_file(make_content: ContentMaker, cli: Cli) -> None:
    data = png_bytes((200, 200))
    content = make_content(
        "- kind: image\n  picture:\n    file: kapot.png\n    alt: Kapot\n",
        files={"kapot.png": data[: len(data) // 2]},
    )
    expect_error(cli(*BUILD), content.ref("kapot.png"), "kapot.png", "truncated")


def test_a_text_file_named_png_is_refused(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content(
        "- kind: image\n  picture:\n    file: nep.png\n    alt: Nep\n",
        files={"nep.png": "dit is geen plaatje"},
    )
    expect_error(cli(*BUILD), content.ref("nep.png"), "not a PNG, JPEG or GIF")


def test_missing_partner_logo_is_located_in_partners_yaml(
    make_content: ContentMaker, cli: Cli
) -> None:
    partners = "IPO:\n  name: Interprovinciaal Overleg\n  logo: logos/ipo.png\n"
    make_content("- kind: partners\n  title: P\n  partners: [IPO]\n", partners=partners)
    line, column = locate_in(partners, "logos/ipo.png")
    expect_error(cli(*BUILD), f"content/partners.yaml:{line}:{column}", "not found")


def test_deck_file_without_slides(make_content: ContentMaker, cli: Cli) -> None:
    make_content(deck="title: Leeg\ndate: 2025-12-04\n")
    lines = error_lines(cli(*BUILD))
    assert len(lines) == 1
    assert lines[0].startswith("error: content/deck.yaml:1:1: ")
    assert "slides" in lines[0]


def test_deck_file_may_be_given_directly(make_content: ContentMaker, cli: Cli) -> None:
    make_content("- kind: section\n  title: A\n")
    run = cli("build", "content/deck.yaml", "-o", "direct.pptx")
    assert run.exit_code == 0, run.stderr
    assert Path("direct.pptx").is_file()
