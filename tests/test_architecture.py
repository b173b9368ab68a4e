"""The rules of the code base that no single feature test sees.

- mypy, configured in pyproject.toml, finds no error in deck_builder/;
- the import contracts in pyproject.toml (the layers of the pipeline, what content and
  rendering may not import, nothing but `python -m deck_builder` imports the command
  line) are all kept;
- every third-party package deck_builder imports is a declared dependency, and
  python-pptx is pinned to one version: the code reads and writes the XML behind its
  objects, which a new release may change, so an upgrade must be deliberate.

Both tools run as subprocesses in the checkout, so they check this copy of the package
whatever else is installed.
"""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "deck_builder"
PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))

LINT_IMPORTS = (
    "import sys; from importlinter.cli import lint_imports; "
    "sys.exit(lint_imports('pyproject.toml', no_cache=True, no_logo=True))"
)


def run_in_checkout(*args: str) -> subprocess.CompletedProcess[str]:
    """`python args...` in the repository root, with its output captured."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True,
        timeout=600, check=False,
    )


@pytest.mark.slow
def test_mypy_finds_no_errors() -> None:
    # The configuration (strictness, the package to check) is pyproject.toml's; no cache,
    # so a stale one can never hide an error.
    run = run_in_checkout("-m", "mypy", "--config-file", "pyproject.toml",
                          "--cache-dir", os.devnull)
    assert run.returncode == 0, f"mypy found errors:\n{run.stdout}{run.stderr}"
    assert run.stdout.startswith("Success: no issues found"), run.stdout


def test_the_import_contracts_are_kept() -> None:
    run = run_in_checkout("-c", LINT_IMPORTS)
    assert run.returncode == 0, f"import contracts broken:\n{run.stdout}{run.stderr}"
    contracts = PYPROJECT["tool"]["importlinter"]["contracts"]
    assert f"Contracts: {len(contracts)} kept, 0 broken." in run.stdout, run.stdout


def imported_top_level_names(folder: Path) -> dict[str, Path]:
    """Each top-level module name imported anywhere under `folder` (absolute imports,
    including those inside functions), with one file that imports it."""
    names: dict[str, Path] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                found = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found = [node.module]
            else:
                continue
            for name in found:
                names.setdefault(name.partition(".")[0], path)
    return names


def canonical(name: str) -> str:
    """A distribution name as package indexes compare them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> dict[str, Requirement]:
    requirements = (Requirement(text) for text in PYPROJECT["project"]["dependencies"])
    return {canonical(requirement.name): requirement for requirement in requirements}


def test_every_third_party_import_is_a_declared_dependency() -> None:
    providers = importlib.metadata.packages_distributions()
    dependencies = declared()
    undeclared = []
    for name, path in sorted(imported_top_level_names(PACKAGE).items()):
        if name in sys.stdlib_module_names or name in {"deck_builder", "__future__"}:
            continue
        distributions = {canonical(dist) for dist in providers.get(name, [])}
        assert distributions, f"{name} (imported in {path.name}) is installed by no package"
        if not distributions & dependencies.keys():
            undeclared.append(f"{name} ({' or '.join(sorted(distributions))}, "
                              f"imported in {path.relative_to(REPO_ROOT)})")
    assert not undeclared, "not in [project] dependencies: " + "; ".join(undeclared)


def test_the_scan_sees_imports_inside_functions(tmp_path: Path) -> None:
    # Most of deck_builder's heavy imports are deferred into the function that needs them.
    (tmp_path / "m.py").write_text(
        "import os.path\nfrom . import sibling\n\ndef f():\n    from lxml import etree\n",
        encoding="utf-8",
    )
    assert set(imported_top_level_names(tmp_path)) == {"os", "lxml"}


def test_python_pptx_is_pinned_to_one_version() -> None:
    pptx = declared()["python-pptx"]
    assert [spec.operator for spec in pptx.specifier] == ["=="], str(pptx)
