"""A batch stopped by a signal ends its workers at once and says which decks were written.

Decks are held up where it matters by slowing a step down in the workers (they are forked
from the test process, so they inherit what the test patched): the temporary file's
fsync (a deck half written), or the collection after a deck is written (a deck written
but not yet reported). A thread then signals the test process, as Ctrl-C or `kill` would.
"""

from __future__ import annotations

import functools
import gc
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pptx import Presentation

from deck_builder.variants import workers
from deck_builder.variants.batch import DeckOutcome, Interrupted, build_variants
from tests.conftest import CONTENT_DIR, subprocess_env
from tests.variants_support import SLUGS, afdeling, output_file_name

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir() or "fork" not in multiprocessing.get_all_start_methods(),
    reason="forks workers and reads file names from /proc")

HOLD = 60.0  # seconds a held-up step waits: far longer than any test may take
FIRST = SLUGS[0]


@pytest.fixture(autouse=True)
def _no_workers_left() -> Iterator[None]:
    before = set(multiprocessing.active_children())
    yield
    assert set(multiprocessing.active_children()) <= before


def hold_fsync_except_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every deck but FIRST's waits HOLD seconds in the middle of being written."""
    real = os.fsync

    def fsync(fd: int) -> None:
        if f"-{FIRST}.pptx." not in os.readlink(f"/proc/self/fd/{fd}"):
            time.sleep(HOLD)
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def signal_when(ready: Callable[[], bool], signum: int) -> threading.Thread:
    """A thread that sends this process `signum` once `ready()` (checked every 10 ms)."""

    def wait_and_signal() -> None:
        deadline = time.monotonic() + HOLD / 2
        while not ready() and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(os.getpid(), signum)

    thread = threading.Thread(target=wait_and_signal, daemon=True)
    thread.start()
    return thread


def temporary_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.part")) if folder.is_dir() else []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP],
                         ids=["ctrl-c", "terminate", "hangup"])
def test_a_stopped_batch_ends_its_workers_and_says_what_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    hold_fsync_except_first(monkeypatch)
    out = tmp_path / "decks"
    first = out / output_file_name(afdeling(FIRST))
    # Both workers are in the middle of writing a deck when the signal comes.
    signal_when(lambda: first.exists() and len(temporary_files(out)) == 2, signum)
    handlers = {number: signal.getsignal(number)
                for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    started = time.monotonic()
    with pytest.raises(Interrupted) as caught:
        build_variants(CONTENT_DIR, None, jobs=2, output_dir=out)
    assert time.monotonic() - started < HOLD / 2  # the held-up workers did not finish
    stop = caught.value
    assert stop.signum == signum
    assert [(o.slug, o.output) for o in stop.outcomes] == [(FIRST, first)]
    assert stop.pending == SLUGS[1:]
    assert temporary_files(out) == []
    assert [p.name for p in out.iterdir()] == [first.name]
    assert {number: signal.getsignal(number) for number in handlers} == handlers


def test_a_deck_written_but_not_yet_reported_counts_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker stopped after writing its deck and before telling the parent: the deck
    is whole and current, and is said to be written."""
    real = gc.collect

    def collect(generation: int = 2) -> int:
        if multiprocessing.parent_process() is not None:  # in a worker: after its deck
            time.sleep(HOLD)
        return real(generation)

    monkeypatch.setattr(gc, "collect", collect)
    out = tmp_path / "decks"
    out.mkdir()
    chosen = SLUGS[:4]
    earlier = out / output_file_name(afdeling(chosen[1]))
    earlier.write_bytes(b"a deck of an earlier run")  # replaced by this batch
    first = out / output_file_name(afdeling(chosen[0]))
    signal_when(lambda: first.exists() and earlier.stat().st_size > 100, signal.SIGTERM)
    reported: list[str] = []

    def on_done(outcome: DeckOutcome, done: int, total: int) -> None:
        reported.append(outcome.slug)

    started = time.monotonic()
    with pytest.raises(Interrupted) as caught:
        build_variants(CONTENT_DIR, chosen, jobs=2, output_dir=out, on_done=on_done)
    assert time.monotonic() - started < HOLD / 2
    assert reported == []
    stop = caught.value
    written = [o for o in stop.outcomes if o.ok]
    assert [o.slug for o in written] == [chosen[0], chosen[1]]
    for outcome in written:
        assert outcome.output == out / output_file_name(afdeling(outcome.slug))
        assert outcome.size == outcome.output.stat().st_size
        assert outcome.slides == len(Presentation(str(outcome.output)).slides)
    assert stop.pending == chosen[2:]
    assert temporary_files(out) == []


def test_a_stopped_batch_without_workers_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hold_fsync_except_first(monkeypatch)
    out = tmp_path / "decks"
    first = out / output_file_name(afdeling(FIRST))
    signal_when(lambda: first.exists() and len(temporary_files(out)) == 1, signal.SIGINT)
    with pytest.raises(Interrupted) as caught:
        build_variants(CONTENT_DIR, SLUGS[:3], jobs=1, output_dir=out)
    assert [o.slug for o in caught.value.outcomes] == [FIRST]
    assert caught.value.pending == SLUGS[1:3]
    assert [p.name for p in out.iterdir()] == [first.name]


WATCHED = """
import os, subprocess, sys
child = subprocess.Popen([sys.executable, "-c", '''
import os, sys, time
from deck_builder.variants.workers import watch_parent
print(os.getpid(), flush=True)
watch_parent(int(sys.argv[1]), interval=0.05)
time.sleep(60)
''', str(os.getpid())], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
print(child.stdout.readline().decode().strip(), flush=True)
os._exit(0)  # leave the child behind, as a parent that was killed does
"""


def alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie waiting to be reaped has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_where_the_kernel_cannot_tell_a_worker_looks_for_its_parent() -> None:
    """The way workers notice their parent's death without PR_SET_PDEATHSIG."""
    run = subprocess.run([sys.executable, "-c", WATCHED], capture_output=True, text=True,
                         env=subprocess_env(), timeout=60, check=True)
    orphan = int(run.stdout.strip())
    deadline = time.monotonic() + 10
    while alive(orphan) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not alive(orphan)


def test_a_batch_that_is_not_stopped_restores_the_signal_handlers(tmp_path: Path) -> None:
    handlers = {number: signal.getsignal(number)
                for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    outcomes = build_variants(CONTENT_DIR, SLUGS[:2], jobs=2, output_dir=tmp_path)
    assert all(o.ok for o in outcomes)
    assert {number: signal.getsignal(number) for number in handlers} == handlers


def test_a_worker_that_does_not_stop_in_time_is_killed_and_its_file_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.fsync

    def fsync(fd: int) -> None:  # deaf to SIGTERM while holding a deck up
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
        time.sleep(HOLD)
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(workers, "end", functools.partial(workers.end, timeout=0.5))
    out = tmp_path / "decks"
    signal_when(lambda: len(temporary_files(out)) == 2, signal.SIGINT)
    started = time.monotonic()
    with pytest.raises(Interrupted) as caught:
        build_variants(CONTENT_DIR, SLUGS[:4], jobs=2, output_dir=out)
    assert time.monotonic() - started < HOLD / 2
    assert caught.value.outcomes == []
    assert caught.value.pending == SLUGS[:4]
    assert list(out.iterdir()) == []
