"""The command line: options, the summary line, errors as `file:line:col: message`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from deck_builder import __version__, pipeline
from deck_builder.pipeline import BuildResult
from tests.conftest import (
    BUILD,
    REPO_ROOT,
    Cli,
    ContentMaker,
    error_lines,
    expect_error,
    subprocess_env,
    unwritable_folder,
)

GOOD = "- kind: section\n  title: Goed\n- kind: bullets\n  title: Punten\n  body: [a, b]\n"
SUMMARY = re.compile(
    r"^wrote (?P<path>\S+) \((?P<slides>\d+) slides, (?P<size>\d+(\.\d)? (kB|MB)), "
    r"(?P<seconds>\d+\.\d\d) s\)$"
)


def test_version(cli: Cli) -> None:
    run = cli("--version")
    assert run.exit_code == 0
    assert __version__ in run.stdout


def test_build_help_shows_an_example(cli: Cli) -> None:
    run = cli("build", "--help")
    assert run.exit_code == 0
    assert "Example" in run.stdout
    assert "deck-builder build" in run.stdout
    assert "--output" in run.stdout


def test_unknown_option_exits_2(cli: Cli) -> None:
    run = cli("build", "--no-such-option")
    assert run.exit_code == 2
    assert "No such option" in run.stderr
    assert "Traceback" not in run.stderr


def test_success_prints_one_summary_line(make_content: ContentMaker, cli: Cli) -> None:
    make_content(GOOD)
    run = cli("build", "content", "-o", "uit/deck.pptx")
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 1
    match = SUMMARY.match(lines[0])
    assert match, lines[0]
    assert match["path"] == "uit/deck.pptx"
    assert int(match["slides"]) == 2 == len(Presentation("uit/deck.pptx").slides)
    size = Path("uit/deck.pptx").stat().st_size
    assert match["size"] == f"{round(size / 1000)} kB"  # decimal, as --max-size
    assert run.stderr == ""


@pytest.mark.parametrize(
    ("size", "shown"),
    [(152_000, "152 kB"), (999_000, "999 kB"), (6_100_000, "6.1 MB"), (812, "812 B")],
)
def test_sizes_are_printed_in_decimal_units(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, size: int, shown: str
) -> None:
    # 152,000 bytes are 148 KiB and 6,100,000 bytes 5.8 MiB: binary units would show those.
    def built(*args: object) -> BuildResult:
        return BuildResult(Path("uit/deck.pptx"), 3, size, 0.5, [])

    monkeypatch.setattr(pipeline, "build", built)
    run = cli("build")
    assert run.exit_code == 0, run.stderr
    assert run.stdout == f"wrote uit/deck.pptx (3 slides, {shown}, 0.50 s)\n"


@pytest.mark.parametrize(
    ("option", "limit"),
    [("10MB", 10_000_000), ("512KB", 512_000), ("2.5 MB", 2_500_000), ("1500", 1500),
     ("1g", 1_000_000_000), ("0", None)],
)
def test_max_size_is_read_in_decimal_units(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, option: str, limit: int | None
) -> None:
    asked: list[int | None] = []

    def built(content: Path, output: Path | None, template: Path | None, strict: bool,
              max_bytes: int | None, afdeling: str | None = None) -> BuildResult:
        asked.append(max_bytes)
        return BuildResult(Path("deck.pptx"), 1, 1000, 0.1, [])

    monkeypatch.setattr(pipeline, "build", built)
    assert cli("build", "--max-size", option).exit_code == 0
    assert asked == [limit]


def test_default_content_and_output(make_content: ContentMaker, cli: Cli) -> None:
    # Without arguments: content/ in the working folder → output/<slug>.pptx.
    make_content(GOOD, meta={"title": "Actualiteiten – Q3 2025"})
    run = cli("build")
    assert run.exit_code == 0, run.stderr
    assert Path("output/actualiteiten-q3-2025.pptx").is_file()
    assert "output/actualiteiten-q3-2025.pptx" in run.stdout


def test_explicit_slug_names_the_output(make_content: ContentMaker, cli: Cli) -> None:
    make_content(GOOD, meta={"slug": "mijn-deck"})
    assert cli("build").exit_code == 0
    assert Path("output/mijn-deck.pptx").is_file()


def test_warning_for_text_that_had_to_shrink(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: section\n  title: '" + "Veel te lang " * 8 + "'\n")
    run = cli(*BUILD)
    assert run.exit_code == 0
    warnings = [line for line in run.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1
    assert content.ref("title: 'Veel") in warnings[0]  # the field's line, not the slide's
    assert "instead of" in warnings[0]
    assert Path("out.pptx").is_file()
    # --strict: the same is an error, and nothing is written.
    Path("out.pptx").unlink()
    expect_error(cli(*BUILD, "--strict"), content.ref("title: 'Veel"), "strict")


def test_text_that_never_fits_is_an_error(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: section\n  title: '" + "Veel te lang " * 60 + "'\n")
    expect_error(cli(*BUILD), content.ref("title: 'Veel"), "does not fit", "shorten it")


def test_a_deck_over_the_size_limit_is_refused(make_content: ContentMaker, cli: Cli) -> None:
    make_content(GOOD)
    run = cli(*BUILD, "--max-size", "20KB")
    (line,) = error_lines(run)
    assert "more than the 20 kB allowed (--max-size); largest: " in line
    assert "ppt/" in line
    assert cli(*BUILD, "--max-size", "0").exit_code == 0


def test_missing_content_folder(cli: Cli) -> None:
    lines = error_lines(cli("build", "nergens", "-o", "out.pptx"))
    assert len(lines) == 1
    assert lines[0].startswith("error: nergens")
    assert "not found" in lines[0]


def test_template_option_overrides_the_deck(make_content: ContentMaker, cli: Cli) -> None:
    make_content(GOOD, meta={"template": "bestaat-niet"})
    run = cli(*BUILD)
    assert run.exit_code == 1
    assert "template 'bestaat-niet' not found" in run.stderr
    run = cli(
        "build", "content", "-o", "out.pptx", "--template", str(REPO_ROOT / "templates" / "vng")
    )
    assert run.exit_code == 0, run.stderr


def test_failed_build_keeps_the_existing_output(make_content: ContentMaker, cli: Cli) -> None:
    make_content(GOOD)
    assert cli("build", "content", "-o", "deck.pptx").exit_code == 0
    before = Path("deck.pptx").read_bytes()
    content = make_content(GOOD + "- kind: section\n  titel: Fout\n")
    expect_error(cli("build", "content", "-o", "deck.pptx"), content.ref("titel"), "unknown key")
    assert Path("deck.pptx").read_bytes() == before
    assert sorted(p.name for p in Path.cwd().iterdir()) == ["content", "deck.pptx"]


def test_output_path_that_is_a_folder(make_content: ContentMaker, cli: Cli) -> None:
    make_content(GOOD)
    Path("map.pptx").mkdir()
    lines = error_lines(cli("build", "content", "-o", "map.pptx"))
    assert len(lines) == 1
    assert "folder" in lines[0]


def test_unwritable_output_folder_is_a_clean_error(make_content: ContentMaker, cli: Cli) -> None:
    make_content(GOOD)
    folder = unwritable_folder(Path.cwd())
    lines = error_lines(cli("build", "content", "-o", str(folder / "deck.pptx")))
    assert len(lines) == 1
    assert "cannot write" in lines[0]


def test_real_process_reports_errors_without_traceback(
    make_content: ContentMaker, tmp_path: Path
) -> None:
    content = make_content("- kind: section\n  titel: A\n- kind: bulets\n  title: B\n")
    result = subprocess.run(
        [sys.executable, "-m", "deck_builder", "build", "content", "-o", "out.pptx"],
        cwd=tmp_path,
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"error: {content.ref('kind: section')}: missing required key")
    assert any(line.startswith(f"error: {content.ref('titel')}: unknown key") for line in lines)
    assert any(
        line.startswith(f"error: {content.ref('bulets')}: unknown slide kind") for line in lines
    )
    assert lines[-1] == "3 problems; nothing was written."
    assert not (tmp_path / "out.pptx").exists()


def test_debug_flag_shows_the_traceback(make_content: ContentMaker, cli: Cli) -> None:
    make_content("- kind: bulets\n")
    run = cli("--debug", "build", "content", "-o", "out.pptx")
    assert run.exit_code != 0
    assert run.exception is not None
    assert type(run.exception).__name__ == "DeckError"


def test_the_command_leaves_the_cyclic_collector_alone() -> None:
    """`deck-builder` / `python -m deck_builder` run with the interpreter's collector as
    it is: no command switches it off for the process."""
    probe = (
        "import gc, sys\n"
        "from deck_builder import cli\n"
        "imported = gc.isenabled()\n"
        "sys.argv = ['deck-builder', '--version']\n"
        "try:\n"
        "    cli.run()\n"
        "except SystemExit:\n"
        "    print(imported, gc.isenabled())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], env=subprocess_env(), capture_output=True, text=True,
        timeout=120, check=True,
    )
    assert result.stdout.splitlines()[-1] == "True True"
    assert "deck-builder" in result.stdout


def test_the_console_script_is_the_run_entry_point() -> None:
    import tomllib

    from tests.conftest import CONTENT_DIR

    project = tomllib.loads((CONTENT_DIR.parent / "pyproject.toml").read_text())
    assert project["project"]["scripts"]["deck-builder"] == "deck_builder.cli:run"


def test_max_size_names_pictures_as_the_content_does(
    make_content: ContentMaker, cli: Cli
) -> None:
    # Noise does not compress: the picture is what makes the deck large.
    from PIL import Image

    picture = Path("content/images/kaart.jpg")
    picture.parent.mkdir(parents=True)
    Image.effect_noise((1600, 1000), 90).convert("RGB").save(picture, quality=95)
    slide = "- kind: image\n  title: {0}\n  picture: {{file: images/kaart.jpg, alt: Kaart}}\n"
    make_content(slide.format("Kaart") + "- kind: section\n  title: Tussen\n"
                 + slide.format("Nog eens"))
    (line,) = error_lines(cli(*BUILD, "--max-size", "100KB"))
    assert "more than the 100 kB allowed (--max-size); largest: images/kaart.jpg, used on " \
           "slides 1 and 3: " in line
    assert "ppt/media/image" not in line.split("; ")[0]


def test_the_main_help_shows_each_command_description_whole(cli: Cli) -> None:
    from deck_builder.cli.commands import main

    run = cli("--help")
    assert run.exit_code == 0
    commands = run.stdout.split("Commands:")[1]
    assert "..." not in commands  # click cut them to the width of the terminal
    listed = " ".join(commands.split())
    for name, command in main.commands.items():
        first = " ".join((command.help or "").split("\n\n")[0].split()).split(". ")[0]
        assert f"{name} {first.rstrip('.')}" in listed, name


def test_counts_are_said_in_the_singular_for_one(make_content: ContentMaker, cli: Cli) -> None:
    make_content("- kind: section\n  title: Alleen\n")
    run = cli(*BUILD)
    assert run.exit_code == 0, run.stderr
    assert " (1 slide, " in run.stdout
    assert "1 slides" not in run.stdout


# -- the accessibility summary of a build ---------------------------------------------------


def test_a_clean_deck_says_nothing_about_accessibility(make_content: ContentMaker,
                                                       cli: Cli) -> None:
    make_content(GOOD)
    run = cli(*BUILD)
    assert run.exit_code == 0, run.stderr
    assert "accessibility" not in run.stdout + run.stderr


@pytest.mark.parametrize(("repeats", "said"), [(2, "1 accessibility warning"),
                                               (3, "2 accessibility warnings")])
def test_build_counts_the_accessibility_findings_of_what_it_wrote(
    make_content: ContentMaker, cli: Cli, repeats: int, said: str
) -> None:
    # The same title on several slides: screen reader users cannot tell them apart.
    make_content("".join("- kind: bullets\n  title: Dezelfde\n  body: [a]\n"
                         for _ in range(repeats)))
    run = cli(*BUILD)
    assert run.exit_code == 0, run.stderr
    assert run.stderr.splitlines()[-1] == f"{said}: deck-builder check out.pptx"
    # The check it points at finds exactly that many.
    checked = cli("check", "out.pptx")
    assert checked.stdout.count("A11Y-DUP-TITLE") == repeats - 1


def test_a_batch_sums_the_accessibility_findings_in_one_line(
    make_content: ContentMaker, cli: Cli
) -> None:
    afdelingen = "".join(
        f"  - slug: {slug}\n    name: Afdeling {slug}\n    meeting: Vergadering\n"
        f"    date: 2025-12-1{n}\n    start: '13:30'\n    end: '16:00'\n    place: Assen\n"
        for n, slug in enumerate(("een", "twee", "drie"))
    )
    make_content("- kind: bullets\n  title: Dezelfde\n  body: [a]\n" * 2,
                 files={"afdelingen.yaml": "afdelingen:\n" + afdelingen})
    run = cli("build", "content", "--all-afdelingen", "-o", "decks")
    assert run.exit_code == 0, run.stderr
    lines = [line for line in run.stderr.splitlines() if "accessibility" in line]
    assert lines == ["3 accessibility warnings in 3 decks: deck-builder check content"]
