"""Nothing is read from outside the content folder, and nothing that is not a regular
file is read at all: a link that leads out is refused like a path that does, a pipe or
device is refused before it could block or never end."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import BUILD, Cli, ContentMaker, error_lines, expect_error, png_bytes

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="links and pipes as POSIX has them"),
    pytest.mark.usefixtures("no_hang"),
]

SECRET_SLIDES = "- kind: section\n  title: Geheim van buiten\n"


def outside(tmp_path: Path, name: str, data: str | bytes) -> Path:
    """A file beside the content folder, not in it."""
    path = tmp_path / "elders" / name
    path.parent.mkdir(exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


@pytest.mark.parametrize("written", ["../elders/geheim.yaml", "ABSOLUTE"])
def test_an_include_outside_the_content_folder_is_refused(
    make_content: ContentMaker, cli: Cli, tmp_path: Path, written: str
) -> None:
    secret = outside(tmp_path, "geheim.yaml", SECRET_SLIDES)
    target = str(secret) if written == "ABSOLUTE" else written
    content = make_content(f"- kind: section\n  title: A\n- include: {target}\n")
    expect_error(cli(*BUILD), content.ref(target), "outside the content folder")


def test_an_include_that_links_outside_is_refused(
    make_content: ContentMaker, cli: Cli, tmp_path: Path
) -> None:
    secret = outside(tmp_path, "geheim.yaml", SECRET_SLIDES)
    content = make_content("- kind: section\n  title: A\n- include: sections/s.yaml\n")
    (content.dir / "sections").mkdir()
    (content.dir / "sections" / "s.yaml").symlink_to(secret)
    expect_error(cli(*BUILD), content.ref("sections/s.yaml"), "outside the content folder")


def test_a_picture_in_a_folder_that_links_outside_is_refused(
    make_content: ContentMaker, cli: Cli, tmp_path: Path
) -> None:
    outside(tmp_path, "foto.png", png_bytes())
    content = make_content("- kind: image\n  picture:\n    file: images/foto.png\n"
                           "    alt: Foto\n")
    (content.dir / "images").symlink_to(tmp_path / "elders", target_is_directory=True)
    expect_error(cli(*BUILD), content.ref("images/foto.png"), "outside the content folder")


def test_a_partner_logo_that_links_outside_is_refused(
    make_content: ContentMaker, cli: Cli, tmp_path: Path
) -> None:
    logo = outside(tmp_path, "logo.png", png_bytes())
    content = make_content("- kind: partners\n  title: P\n  partners: [IPO]\n",
                           partners="IPO:\n  name: Interprovinciaal Overleg\n"
                           "  logo: logos/ipo.png\n")
    (content.dir / "logos").mkdir()
    (content.dir / "logos" / "ipo.png").symlink_to(logo)
    expect_error(cli(*BUILD), content.ref("logos/ipo.png", file="partners.yaml"),
                 "outside the content folder")


def test_links_inside_the_content_folder_are_followed(
    make_content: ContentMaker, cli: Cli
) -> None:
    content = make_content("- include: sections/link.yaml\n",
                           files={"sections/echt.yaml": "- kind: section\n  title: A\n"})
    (content.dir / "sections" / "link.yaml").symlink_to("echt.yaml")
    run = cli(*BUILD)
    assert run.exit_code == 0, run.stderr


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_deck_file_that_is_a_pipe_is_refused_without_waiting(
    cli: Cli, tmp_path: Path, command: str
) -> None:
    (tmp_path / "content").mkdir()
    os.mkfifo(tmp_path / "content" / "deck.yaml")
    run = cli(command, "content")
    assert run.exit_code == 1, run.stdout + run.stderr
    assert "content/deck.yaml" in run.stdout + run.stderr
    assert "not a regular file" in run.stdout + run.stderr


def test_an_include_that_is_a_device_is_refused(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- include: sections/nul.yaml\n")
    (content.dir / "sections").mkdir()
    (content.dir / "sections" / "nul.yaml").symlink_to(os.devnull)
    # /dev/null lies outside the content folder, so that is what is said first; a pipe
    # inside it is refused as what it is.
    expect_error(cli(*BUILD), content.ref("sections/nul.yaml"), "outside the content folder")
    (content.dir / "sections" / "nul.yaml").unlink()
    os.mkfifo(content.dir / "sections" / "nul.yaml")
    expect_error(cli(*BUILD), content.ref("sections/nul.yaml"), "not a regular file")


def test_a_template_that_links_to_a_device_is_refused(
    make_content: ContentMaker, cli: Cli, tmp_path: Path
) -> None:
    make_content("- kind: section\n  title: A\n")
    (tmp_path / "merk.pptx").symlink_to("/dev/zero")
    errors = error_lines(cli(*BUILD, "--template", "merk.pptx"))
    assert any("merk.pptx" in e and "not a regular file" in e for e in errors), errors
    run = cli("template", "check", "merk.pptx")
    assert run.exit_code == 1, run.stderr
    assert "not a regular file" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("target", [os.devnull, "PIPE"])
def test_check_of_a_deck_that_is_no_regular_file_says_so(
    cli: Cli, tmp_path: Path, target: str
) -> None:
    deck = tmp_path / "deck.pptx"
    if target == "PIPE":
        os.mkfifo(deck)
    else:
        deck.symlink_to(target)
    run = cli("check", "deck.pptx")
    assert run.exit_code == 1
    assert "PKG-BAD-ZIP" in run.stdout, run.stdout
    assert "not a regular file" in run.stdout, run.stdout
