"""Reading a content folder: includes, file paths relative to their YAML, pictures checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import (
    BUILD,
    BuildFails,
    Cli,
    ContentMaker,
    Problem,
    SlideBuilder,
    deck_texts,
    error_lines,
    png_bytes,
)

PNG = png_bytes((200, 200))


def test_includes_are_expanded_in_order(build_slides: SlideBuilder) -> None:
    prs = build_slides(
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
    titles = [t for t in deck_texts(prs) if t.startswith(("Eerst", "Uit", "Laatst"))]
    assert titles == ["Eerst", "Uit A", "Uit C", "Uit B", "Laatst"]


def test_picture_paths_are_relative_to_their_yaml_file(build_slides: SlideBuilder) -> None:
    prs = build_slides(
        "- include: sections/beeld.yaml\n",
        files={
            "sections/beeld.yaml": "- kind: image\n  picture:\n"
            "    file: ../images/foto.png\n    alt: Een foto\n",
            "images/foto.png": png_bytes(),
        },
    )
    assert len(prs.slides) == 1


# Each content builds with one error, located in the file that has the problem.
PROBLEMS = {
    "missing_included_file": Problem(
        "- kind: section\n  title: A\n- include: sections/weg.yaml\n",
        "sections/weg.yaml",
        ("'sections/weg.yaml' not found",),
    ),
    "include_cycle_is_reported": Problem(
        "- include: a.yaml\n",
        "a.yaml",
        ("cycle",),
        file="b.yaml",
        files={"a.yaml": "- include: b.yaml\n", "b.yaml": "- include: a.yaml\n"},
    ),
    "problem_in_an_included_file_names_that_file": Problem(
        "- include: sections/s.yaml\n",
        "titel",
        ("unknown key 'titel'",),
        file="sections/s.yaml",
        files={
            "sections/s.yaml": "- kind: section\n  title: Goed\n- kind: section\n  titel: Fout\n"
        },
    ),
    "missing_picture_file": Problem(
        "- kind: image\n  picture:\n    file: images/weg.png\n    alt: Weg\n",
        "images/weg.png",
        ("not found", "weg.png"),
    ),
    "broken_picture_file": Problem(
        "- kind: image\n  picture:\n    file: kapot.png\n    alt: Kapot\n",
        "kapot.png",
        ("kapot.png", "truncated"),
        files={"kapot.png": PNG[: len(PNG) // 2]},
    ),
    "a_text_file_named_png_is_refused": Problem(
        "- kind: image\n  picture:\n    file: nep.png\n    alt: Nep\n",
        "nep.png",
        ("not a PNG, JPEG or GIF",),
        files={"nep.png": "dit is geen plaatje"},
    ),
    # Content is shared and built by others: it must not read files from their machine.
    "a_picture_outside_the_content_folder_is_refused": Problem(
        "- kind: image\n  picture:\n    file: ../buiten.png\n    alt: Buiten\n",
        "../buiten.png",
        ("outside the content folder",),
    ),
    "missing_partner_logo_is_located_in_partners_yaml": Problem(
        "- kind: partners\n  title: P\n  partners: [IPO]\n",
        "logos/ipo.png",
        ("not found",),
        file="partners.yaml",
        partners="IPO:\n  name: Interprovinciaal Overleg\n  logo: logos/ipo.png\n",
    ),
}


@pytest.mark.parametrize("problem", PROBLEMS.values(), ids=PROBLEMS)
def test_reading_problem_is_located(build_fails: BuildFails, problem: Problem) -> None:
    build_fails(problem)


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
