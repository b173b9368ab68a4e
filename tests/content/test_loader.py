"""Reading a content folder: includes, file paths relative to their YAML, pictures checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deck_builder.content import loader
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


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.usefixtures("no_hang")
def test_includes_that_fan_out_stop_fast_at_the_include_that_crosses_the_limit(
    make_content: ContentMaker, cli: Cli, command: str
) -> None:
    # Eight small files, each including the next ten times: 10**8 slides if followed.
    content = make_content("- include: sections/l0.yaml\n")
    sections = content.dir / "sections"
    sections.mkdir()
    for level in range(7):
        (sections / f"l{level}.yaml").write_text(
            "".join(f"- include: l{level + 1}.yaml\n" for _ in range(10)), encoding="utf-8")
    (sections / "l7.yaml").write_text("- kind: section\n  title: Diep\n" * 10, "utf-8")
    run = cli(command, "content") if command == "check" else cli(*BUILD)
    assert run.exit_code == 1
    said = (run.stdout + run.stderr).splitlines()
    crossing = [line for line in said if "crosses the limit" in line]
    assert len(crossing) == 1, said
    assert re.search(r"content/sections/l\d\.yaml:\d+:\d+: ", crossing[0]), crossing
    assert not (content.dir.parent / "out.pptx").exists()


def test_a_deck_over_the_slide_limit_is_refused_at_the_slide_that_crosses_it(
    make_content: ContentMaker, cli: Cli
) -> None:
    make_content("- kind: section\n  title: Een\n" * (loader.MAX_SLIDES + 1))
    run = cli(*BUILD)
    crossing = [line for line in error_lines(run) if "crosses the limit" in line]
    assert len(crossing) == 1, run.stderr
    where, _ = crossing[0].removeprefix("error: ").split(": ", 1)
    path, line, _column = where.rsplit(":", 2)
    assert path == "content/deck.yaml"
    assert f"more than {loader.MAX_SLIDES} slides" in crossing[0]
    # The first slide past the limit: every slide above it is two lines long.
    first = int(line) - 2 * loader.MAX_SLIDES
    assert run.exit_code == 1
    assert first > 0
