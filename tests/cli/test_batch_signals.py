"""`deck-builder build --all-afdelingen` stopped by a signal, as a real process.

The command runs in its own process group on content with 300 afdelingen (long enough
to be stopped half-way); it is signalled once the first deck is written: Ctrl-C (SIGINT
to the whole group, as a terminal sends it), SIGINT or SIGTERM to the command alone,
SIGHUP to the group (a closed terminal). Its worker processes are read from /proc before.
"""

from __future__ import annotations

import copy
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import subprocess_env
from tests.helpers import deck_slug
from tests.variants_support import afdelingen, copy_content

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").is_file(),
                                reason="reads processes from /proc")

COPIES = 25  # of each of the 12 afdelingen


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of content/ with every afdeling COPIES times (slugs `<slug>-<n>`)."""
    folder = copy_content(tmp_path_factory.mktemp("many"))
    entries = []
    for number in range(COPIES):
        for entry in afdelingen(folder / "afdelingen.yaml"):
            entry = copy.deepcopy(entry)
            entry["slug"] = f"{entry['slug']}-{number}"
            entries.append(entry)
    (folder / "afdelingen.yaml").write_text(
        yaml.safe_dump({"afdelingen": entries}, allow_unicode=True, sort_keys=False),
        encoding="utf-8")
    return folder


def slugs_of(many: Path) -> list[str]:
    return [entry["slug"] for entry in afdelingen(many / "afdelingen.yaml")]


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie waiting to be reaped has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def gone(pids: list[int], seconds: float = 10) -> bool:
    """Whether all `pids` have ended within `seconds`."""
    deadline = time.monotonic() + seconds
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.02)
    return not any(alive(pid) for pid in pids)


def end_all(process: subprocess.Popen[bytes], workers: list[int]) -> None:
    """Kill what a failed test left running: the command and its workers."""
    if process.poll() is None:
        process.kill()
        process.wait()
    for pid in workers:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def wait_for(ready: Callable[[], bool], process: subprocess.Popen[bytes],
             seconds: float = 120) -> None:
    """Wait until `ready()` while `process` runs."""
    deadline = time.monotonic() + seconds
    while not ready():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the batch never got that far"
        time.sleep(0.01)


@pytest.mark.parametrize(
    ("signum", "to_group"),
    [(signal.SIGINT, True), (signal.SIGINT, False), (signal.SIGTERM, False),
     (signal.SIGHUP, True)],
    ids=["ctrl-c", "sigint", "sigterm", "hangup"],
)
def test_a_stopped_batch_says_which_decks_were_written_and_leaves_no_worker(
    many: Path, tmp_path: Path, signum: int, to_group: bool
) -> None:
    out = tmp_path / "decks"
    process = subprocess.Popen(
        [sys.executable, "-m", "deck_builder", "build", str(many), "--all-afdelingen",
         "-o", "decks", "--jobs", "2"],
        cwd=tmp_path, env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True)
    workers: list[int] = []
    try:
        wait_for(lambda: out.is_dir() and any(out.glob("*.pptx")), process)
        workers = children(process.pid)
        assert len(workers) == 2
        if to_group:
            os.killpg(process.pid, signum)
        else:
            os.kill(process.pid, signum)
        stdout, stderr = process.communicate(timeout=60)
        assert gone(workers)
    finally:
        end_all(process, workers)
    assert process.returncode == 128 + signum, stderr  # 130 for Ctrl-C
    errors = stderr.decode()
    assert "Traceback" not in errors
    assert list(out.glob(".*")) == []  # no temporary file left
    written = sorted(f"decks/{path.name}" for path in out.glob("*.pptx"))
    slugs = slugs_of(many)
    assert 0 < len(written) < len(slugs)
    summary = re.search(r"^interrupted by (\w+): (\d+) of (\d+) decks written in [\d.]+ s\n"
                        r"written: (.*)\nnot written: (.*)\n", errors, re.MULTILINE)
    assert summary, errors
    assert summary[1] == signal.Signals(signum).name
    assert (int(summary[2]), int(summary[3])) == (len(written), len(slugs))
    assert sorted(summary[4].split(", ")) == written
    prefix = f"-{deck_slug(many)}-"
    done = {name.split(prefix, 1)[1].removesuffix(".pptx") for name in written}
    assert summary[5].split(", ") == [slug for slug in slugs if slug not in done]
    reported = re.findall(r"^wrote (\S+) \(", stdout.decode(), re.MULTILINE)
    assert sorted(reported) == written


HELD_UP = textwrap.dedent("""
    import os, sys, time
    # Every deck waits a minute in the middle of being written.
    real = os.fsync
    def fsync(fd):
        time.sleep(60)
        real(fd)
    os.fsync = fsync
    from deck_builder.cli.commands import run
    sys.argv[0] = "deck-builder"
    run()
""")


def test_workers_end_when_the_command_is_killed(many: Path, tmp_path: Path) -> None:
    """Killed with SIGKILL, the command cannot end its workers: they notice and stop,
    without a temporary file left, instead of going on writing decks."""
    script = tmp_path / "held_up.py"
    script.write_text(HELD_UP, encoding="utf-8")
    out = tmp_path / "decks"
    process = subprocess.Popen(
        [sys.executable, str(script), "build", str(many), "--all-afdelingen", "-o", "decks",
         "--jobs", "2"],
        cwd=tmp_path, env=subprocess_env(), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    workers: list[int] = []
    try:
        wait_for(lambda: out.is_dir() and len(list(out.glob(".*.part"))) == 2, process)
        workers = children(process.pid)
        assert len(workers) == 2
        process.kill()
        process.wait(timeout=60)
        assert gone(workers)
    finally:
        end_all(process, workers)
    assert list(out.iterdir()) == []
