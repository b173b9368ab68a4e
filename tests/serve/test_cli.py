"""`deck-builder serve` as a user runs it: its address, its warnings, and a clean stop."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.serve.conftest import get, libreoffice, needs_office, wait_for, write_small
from tests.serve.test_office import processes_mentioning


def start(tmp_path: Path, *args: str, env: dict[str, str] | None = None
          ) -> tuple[subprocess.Popen[str], Path]:
    """`python -m deck_builder serve small --port 0 ARGS` with its own TMPDIR."""
    content = write_small(tmp_path / "small")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch), "PYTHONPATH": str(REPO_ROOT), **(env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "deck_builder", "serve", str(content), "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    return process, scratch


def finish(process: subprocess.Popen[str]) -> None:
    """Make sure the server has stopped; keep what it said on stderr as `.errors`."""
    if process.poll() is None:
        process.kill()
    _, errors = process.communicate()
    process.errors = errors  # type: ignore[attr-defined]


def address(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("http://"):
            return line.strip()
    assert process.stderr is not None
    pytest.fail(f"no address printed: {process.stderr.read()}")


@needs_office
@libreoffice
def test_ctrl_c_stops_everything_and_leaves_no_files(tmp_path: Path) -> None:
    process, scratch = start(tmp_path)
    try:
        url = address(process)
        assert url.startswith("http://127.0.0.1:")

        def drawn() -> bool:
            state = json.loads(get(f"{url}api/state/base")[1])
            return bool(state["slides"]) and all(s["picture"] for s in state["slides"])

        wait_for(drawn, 60, "the pictures")
        assert processes_mentioning(str(scratch)), "LibreOffice should run meanwhile"
        process.send_signal(signal.SIGINT)
        assert process.wait(60) == 0
    finally:
        finish(process)
    assert processes_mentioning(str(scratch)) == []
    assert list(scratch.iterdir()) == []


def test_sigterm_stops_it_too(tmp_path: Path) -> None:
    process, scratch = start(tmp_path, "--no-pictures")
    try:
        url = address(process)
        wait_for(lambda: json.loads(get(f"{url}api/state/base")[1])["slides"], 60, "a build")
        process.send_signal(signal.SIGTERM)
        assert process.wait(60) == 0
    finally:
        finish(process)
    assert list(scratch.iterdir()) == []
    assert "warning: pictures are off" in process.errors  # type: ignore[attr-defined]


def test_another_host_is_served_with_a_warning(tmp_path: Path) -> None:
    process, _ = start(tmp_path, "--no-pictures", "--host", "127.0.0.2")
    try:
        url = address(process)
        assert url.startswith("http://127.0.0.2:")
        assert get(url)[0] == 200
        process.send_signal(signal.SIGINT)
        process.wait(60)
    finally:
        finish(process)
    assert "warning: serving on 127.0.0.2" in process.errors  # type: ignore[attr-defined]


def test_an_unknown_afdeling_is_refused(tmp_path: Path) -> None:
    process, scratch = start(tmp_path, "--no-pictures", "--afdeling", "drente")
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 1
    assert "unknown afdeling 'drente'; did you mean 'drenthe'?" in errors
    assert list(scratch.iterdir()) == []


def test_folders_of_killed_servers_are_removed(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from deck_builder.serve.app import Serve

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead = tmp_path / "deck-builder-serve-dead"
    (dead / "office").mkdir(parents=True)
    (dead / "pid").write_text(str(gone.pid))
    alive = tmp_path / "deck-builder-serve-alive"
    alive.mkdir()
    (alive / "pid").write_text(str(os.getpid()))  # a server that still runs
    other = tmp_path / "deck-builder-serve-other"
    other.mkdir()  # no pid file: not a server's folder, or not yet
    server = Serve(write_small(tmp_path / "small"), port=0, pictures=False)
    try:
        assert not dead.exists()
        assert alive.exists()
        assert other.exists()
    finally:
        server.stop()


_BROWSER = """
import sys, urllib.request
url = sys.argv[1]
with urllib.request.urlopen(url, timeout=30) as page:
    body = page.read().decode()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write(url + "\\n" + body)
"""


def test_open_shows_the_page_in_the_browser(tmp_path: Path) -> None:
    # The browser is the one $BROWSER names (as Python's webbrowser module reads it):
    # here a small program that loads the page it is given, as a browser would.
    browser = tmp_path / "browser.py"
    browser.write_text(_BROWSER, encoding="utf-8")
    seen = tmp_path / "seen.txt"
    command = f"{sys.executable} {browser} %s {seen}"
    process, _ = start(tmp_path, "--no-pictures", "--open", env={"BROWSER": command})
    try:
        url = address(process)
        wait_for(seen.exists, 60, "the browser")
        opened, page = seen.read_text(encoding="utf-8").split("\n", 1)
        assert opened == url
        assert "<html" in page.lower()
        process.send_signal(signal.SIGINT)
        assert process.wait(60) == 0
    finally:
        finish(process)
