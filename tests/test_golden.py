"""Golden hashes: the bytes of what the default content produces stay the same.

The SHA-256 of the default deck, of every afdeling's deck, of the default deck on each
third-party template the tests generate, and of the invitations (.eml and .ics, made with
the clock fixed by SOURCE_DATE_EPOCH, before the default content's meetings) are
recorded in `golden/hashes.json`. A change to any of them is
a change of behaviour: record it again only on purpose, and say so in the commit:

    python -m tests.test_golden --record
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.fixtures.third_party import NAMES, third_party_templates

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden" / "hashes.json"
GUID = re.compile(rb'id="\{[0-9A-Fa-f-]{36}\}"')
CREATED = re.compile(rb"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def canonical(template: Path, folder: Path) -> Path:
    """`template` with what LibreOffice makes afresh on each conversion (creation time,
    field ids, zip dates) set to fixed values, so decks built on it are comparable."""
    counter = iter(range(1, 1 << 30))

    def fixed_guid(_match: re.Match[bytes]) -> bytes:
        return b'id="{00000000-0000-4000-8000-%012d}"' % next(counter)

    target = folder / template.name
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith(".xml"):
                data = GUID.sub(fixed_guid, data)
                data = CREATED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            out.writestr(zipfile.ZipInfo(info.filename, (2000, 1, 1, 0, 0, 0)), data,
                         zipfile.ZIP_DEFLATED)
    return target


# Invitations carry the time they are made; this fixes it (2025-11-24 16:00 UTC, before
# the default content's meetings), so they are made the same on every run.
INVITED_AT = "1764000000"


def _run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> None:
    done = subprocess.run([sys.executable, "-m", "deck_builder", *args], cwd=cwd,
                          env={**os.environ, **(env or {})},
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def _workspace(folder: Path) -> Path:
    """A copy of the default content and templates (nothing in the repository is touched)."""
    shutil.copytree(REPO / "content", folder / "content")
    shutil.copytree(REPO / "templates", folder / "templates")
    return folder


def outputs(folder: Path, templates: dict[str, Path]) -> dict[str, str]:
    """Produce every golden output in `folder`; their digests by a stable name."""
    work = _workspace(folder)
    _run("build", cwd=work)
    _run("build", "--all-afdelingen", "-o", "afdelingen", cwd=work)
    _run("invite", "--all-afdelingen", "-o", "uit", cwd=work,
         env={"SOURCE_DATE_EPOCH": INVITED_AT})
    found = {
        "default": work / "output" / "actualiteiten.pptx",
        **{f"afdeling/{p.name}": p for p in sorted((work / "afdelingen").glob("*.pptx"))},
        **{f"invite/{p.name}": p for p in sorted((work / "uit" / "uitnodigingen").iterdir())},
    }
    (work / "canonical").mkdir()
    for name, source in templates.items():
        template = canonical(source, work / "canonical")
        target = work / "foreign" / f"{name}.pptx"
        _run("build", "-o", str(target), "--template", str(template), cwd=work)
        found[f"foreign/{name}/{_digest(template)[:16]}"] = target
    return {name: _digest(path) for name, path in found.items()}


@pytest.mark.slow
def test_outputs_are_byte_for_byte_the_recorded_ones(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    recorded: dict[str, str] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    third = third_party_templates(tmp_path_factory)
    made = outputs(tmp_path, third.paths)
    own = {k: v for k, v in made.items() if not k.startswith("foreign/")}
    assert own == {k: v for k, v in recorded.items() if not k.startswith("foreign/")}
    # A third-party template is only comparable when the tool made the same file (the
    # template's digest is part of the name); another tool version makes another one.
    foreign = {k: v for k, v in made.items() if k.startswith("foreign/")}
    comparable = {k: v for k, v in foreign.items() if k in recorded}
    assert comparable == {k: recorded[k] for k in comparable}
    assert comparable, f"no third-party template matched a recorded one: {sorted(foreign)}"


def _record() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        from tests.fixtures import third_party

        (base / "third").mkdir()
        made = third_party._generate(base / "third")
        GOLDEN.parent.mkdir(exist_ok=True)
        (base / "out").mkdir()
        digests = outputs(base / "out", made.paths)
        GOLDEN.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", "utf-8")
        print(f"{len(digests)} digests recorded in {GOLDEN.relative_to(REPO)}")
        missing = sorted(set(NAMES) - set(made.paths))
        if missing:
            print(f"third-party templates not made: {missing}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--record"]:
        _record()
    else:
        sys.exit(__doc__)
