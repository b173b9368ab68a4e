"""What `pip install deck-builder` gives: every subpackage and the built-in brands.

The brands live in the repository's `templates/`; the wheel carries them as package
data, so `template: vng` works in any folder. The slow test builds the wheel, installs
it into a fresh virtual environment and builds a deck there from a folder outside the
repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from tests.conftest import REPO_ROOT

PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]

DECK = """\
title: Buiten de repository
date: 2026-03-02
template: vng
slides:
  - kind: title
  - kind: bullets
    title: Werkt overal
    body: [Een, Twee]
"""


def test_every_subpackage_is_listed_for_the_wheel() -> None:
    # The packages are listed by hand (the brands need a mapping that package discovery
    # cannot give): a new subpackage must be added, or the wheel would lack it.
    folders = sorted(
        ".".join(path.parent.relative_to(REPO_ROOT).parts)
        for path in (REPO_ROOT / "deck_builder").rglob("__init__.py")
    )
    listed = SETUPTOOLS["packages"]
    assert sorted(name for name in listed if name != "deck_builder.brands") == folders
    assert SETUPTOOLS["package-dir"] == {"deck_builder.brands": "templates"}


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment without PYTHONPATH, so nothing of the checkout is importable."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(extra)
    return env


def _run(*args: str | Path, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(arg) for arg in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600, check=False)
    assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.mark.slow
def test_a_wheel_installed_elsewhere_builds_with_the_builtin_brand(tmp_path: Path) -> None:
    # A copy of what the wheel is made of, so building leaves nothing in the checkout.
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("deck_builder", "templates"):
        shutil.copytree(REPO_ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO_ROOT / name, source / name)
    env = _clean_env(XDG_CACHE_HOME=str(tmp_path / "cache"), PIP_NO_INDEX="1",
                     PIP_DISABLE_PIP_VERSION_CHECK="1")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--wheel-dir", tmp_path / "dist", source, cwd=tmp_path, env=env)
    (wheel,) = (tmp_path / "dist").glob("deck_builder-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    brand = REPO_ROOT / "templates" / "vng"
    expected = {f"deck_builder/brands/vng/{path.relative_to(brand).as_posix()}"
                for path in brand.rglob("*") if path.is_file()}
    assert expected <= names, sorted(expected - names)
    assert not any(name.startswith("templates/") for name in names)

    # A fresh environment; the python-pptx and the rest it needs come from this one's
    # site-packages, deck-builder itself only from the wheel.
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv,
         cwd=tmp_path, env=env)
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps",
         "--force-reinstall", wheel, cwd=tmp_path, env=env)

    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "content").mkdir(parents=True)
    (elsewhere / "content" / "deck.yaml").write_text(DECK, encoding="utf-8")
    where = _run(python, "-c", "import deck_builder; print(deck_builder.__file__)",
                 cwd=elsewhere, env=env).stdout.strip()
    assert Path(where).is_relative_to(venv), where
    assert not Path(where).is_relative_to(REPO_ROOT)

    run = _run(venv / "bin" / "deck-builder", "build", cwd=elsewhere, env=env)
    deck = elsewhere / "output" / "buiten-de-repository.pptx"
    assert f"wrote {deck.relative_to(elsewhere)} (2 slides" in run.stdout, run.stdout
    slides = list(Presentation(str(deck)).slides)
    assert [slide.slide_layout.name for slide in slides] == ["Titelslide", "Tekst"]
    assert slides[1].shapes.title.text == "Werkt overal"
    assert not (elsewhere / "templates").exists()
