"""`deck-builder new [DIR]`: a content folder that builds and passes `check` as it is."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from pptx import Presentation

from tests.conftest import Cli, error_lines


def test_a_new_folder_checks_and_builds_as_it_is(cli: Cli) -> None:
    run = cli("new", "mijn-deck")
    assert run.exit_code == 0, run.stderr
    folder = Path("mijn-deck")
    assert run.stdout.splitlines()[-1] == (
        "next: edit mijn-deck/deck.yaml, then run deck-builder check mijn-deck and "
        "deck-builder build mijn-deck"
    )
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert files == [
        "README.md", "deck.yaml", "images/voorbeeld.png", "schemas/afdelingen.schema.json",
        "schemas/deck.schema.json", "schemas/invitation.schema.json",
        "schemas/meeting.schema.json", "schemas/partners.schema.json",
        "schemas/section.schema.json",
        "sections/01-eerste-onderwerp.yaml",
    ]
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "What to do next" in readme
    assert "deck-builder check mijn-deck" in readme
    assert "deck-builder build mijn-deck" in readme

    check = cli("check", "mijn-deck")
    assert check.exit_code == 0, check.stdout
    assert check.stdout == "no problems found\n"  # not even a warning
    built = cli("build", "mijn-deck")
    assert built.exit_code == 0, built.stderr
    assert built.stderr == ""
    deck = Presentation("output/mijn-presentatie.pptx")
    layouts = [slide.slide_layout.name for slide in deck.slides]
    assert layouts == ["Titelslide", "Agenda", "Sectie", "Tekst", "Afbeelding", "Afsluiting"]
    pictures = [shape for shape in deck.slides[4].shapes if shape.shape_type == 13]
    assert len(pictures) == 1


def test_every_file_names_its_schema_and_is_valid_against_it(cli: Cli) -> None:
    assert cli("new").exit_code == 0
    folder = Path("content")
    for name, schema in (("deck.yaml", "schemas/deck.schema.json"),
                         ("sections/01-eerste-onderwerp.yaml",
                          "../schemas/section.schema.json")):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == f"# yaml-language-server: $schema={schema}"
        document = json.loads((path.parent / schema).read_text(encoding="utf-8"))
        # Editors read YAML 1.2: the date is text there, as for the schema.
        data = yaml.load(text, Loader=yaml.BaseLoader)
        jsonschema.validate(data, document)
    # Without a folder name the next step is the bare command.
    assert cli("build").exit_code == 0
    assert Path("output/mijn-presentatie.pptx").is_file()


def test_an_existing_folder_is_never_overwritten(cli: Cli) -> None:
    Path("mijn-deck").mkdir()
    (Path("mijn-deck") / "deck.yaml").write_text("title: Van mij\n", encoding="utf-8")
    lines = error_lines(cli("new", "mijn-deck"))
    assert lines == ["error: mijn-deck: a folder of that name exists already and is not "
                     "empty; nothing was written (give a new folder: deck-builder new NAME)"]
    assert [p.name for p in Path("mijn-deck").iterdir()] == ["deck.yaml"]
    assert (Path("mijn-deck") / "deck.yaml").read_text(encoding="utf-8") == "title: Van mij\n"
    assert sorted(p.name for p in Path.cwd().iterdir()) == ["mijn-deck"]  # no leftovers
    # An empty folder (made beforehand) is filled.
    Path("leeg").mkdir()
    assert cli("new", "leeg").exit_code == 0
    assert (Path("leeg") / "deck.yaml").is_file()


def test_inside_the_new_folder_the_commands_need_no_argument(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("new", "mijn-deck").exit_code == 0
    monkeypatch.chdir(tmp_path / "mijn-deck")  # a content folder without content/ in it
    assert cli("check").exit_code == 0
    built = cli("build")
    assert built.exit_code == 0, built.stderr
    decks = list((tmp_path / "mijn-deck" / "output").glob("*.pptx"))
    assert len(decks) == 1
    assert len(Presentation(str(decks[0])).slides) > 1


def test_a_content_folder_beside_deck_yaml_is_still_the_default(cli: Cli, tmp_path: Path) -> None:
    assert cli("new", "content").exit_code == 0
    (tmp_path / "deck.yaml").write_text("not: a deck\n", encoding="utf-8")
    built = cli("build")  # content/ wins over a deck.yaml in the working folder
    assert built.exit_code == 0, built.stderr
