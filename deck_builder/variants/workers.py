"""Worker processes that end with their batch: on a signal, and when their parent dies.

The parent turns SIGINT (Ctrl-C), SIGTERM and SIGHUP (a closed terminal) into
KeyboardInterrupt and remembers which signal it was (`stop_on_signals`); it then ends its
workers itself (`end`) instead of waiting for their decks. A worker ignores SIGINT (Ctrl-C
in a terminal reaches every process of the group: the parent decides, so workers print no
tracebacks of their own) and stops at SIGTERM or SIGHUP (`prepare_worker`): a deck being
built is abandoned by an exception, so the temporary file of a deck being written is
removed on the way out; an idle worker exits at once.

Workers are forked with those signals blocked (`signals_deferred`) and unblock them once
their own handlers are set: a signal that arrives in between waits instead of meeting
the parent's handlers in the new process.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

# Signals that stop a batch, where the platform has them.
STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))

# How long a worker may take to stop at SIGTERM before it is killed.
END_TIMEOUT = 5.0
# How often a worker looks whether its parent is still there, where the kernel cannot
# tell it (see `_follow_parent`).
_WATCH_INTERVAL = 0.5
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


@dataclass
class Stop:
    """The signal that stopped the work, once one has."""

    signum: int | None = None


@contextlib.contextmanager
def stop_on_signals() -> Iterator[Stop]:
    """Within the block, SIGINT, SIGTERM and SIGHUP raise KeyboardInterrupt (by default
    the last two end Python at once, leaving workers and temporary files behind); the
    yielded Stop says which signal came. Signals after the first are ignored until the
    block ends, so ending the workers is not itself interrupted (`end` is bounded). Does
    nothing outside the main thread, where Python cannot handle signals."""
    stop = Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.signum is None:
            stop.signum = signum
            raise KeyboardInterrupt

    previous = {number: signal.signal(number, handler) for number in STOP_SIGNALS}
    try:
        yield stop
    finally:
        for number, old in previous.items():
            signal.signal(number, old if old is not None else signal.SIG_DFL)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Within the block, the stop signals wait (they come when it ends). Processes
    forked or started in it begin with them blocked; `prepare_worker` unblocks them."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


# Whether this worker is building a deck now (see `stoppable`).
_building = False


class Stopped(BaseException):
    """Raised in a worker that is told to stop while it builds a deck; not an Exception,
    so no `except Exception` on the way swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def prepare_worker(parent: int) -> None:
    """Set up a worker process of the parent with process id `parent`: SIGINT is left to
    the parent, SIGTERM and SIGHUP stop the worker, and so does the parent's death."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for number in STOP_SIGNALS:
        if number != signal.SIGINT:
            signal.signal(number, _stop_worker)
    _follow_parent(parent)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def _stop_worker(signum: int, frame: FrameType | None) -> None:
    if _building:
        raise Stopped(signum)
    os._exit(128 + signum)


def stoppable(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`function(*args, **kwargs)` (one deck, in a worker) such that a stop raises
    Stopped in it and, once everything it unwound has cleaned up, ends the worker."""
    global _building
    try:
        _building = True
        return function(*args, **kwargs)
    except Stopped as stop:
        os._exit(128 + stop.signum)
    finally:
        _building = False


def _follow_parent(parent: int) -> None:
    """Stop this worker (as SIGTERM does) when the process `parent` ends, however it
    ends: killed with SIGKILL, it cannot end its workers itself, and they would go on
    writing decks nobody waits for.

    On Linux the kernel sends the signal (PR_SET_PDEATHSIG): at once, and with no thread
    in the worker. It is sent when the thread that started the worker ends, which is the
    thread that waits for the batch, so not before the batch is over. Elsewhere on POSIX
    a thread looks every half second whether the worker was handed to another parent.
    Windows has neither: there an orphaned worker is left to fail when it reads its next
    deck from the parent that is gone.
    """
    if sys.platform == "linux":
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0:
                # The parent may have died before the request: nobody would signal then.
                if os.getppid() != parent:
                    os.kill(os.getpid(), signal.SIGTERM)
                return
        except (OSError, AttributeError):
            pass  # a libc without prctl: look as elsewhere
    if os.name == "posix":
        threading.Thread(target=watch_parent, args=(parent,), daemon=True,
                         name="watch-parent").start()


def watch_parent(parent: int, interval: float = _WATCH_INTERVAL) -> None:
    """Wait until this process's parent is no longer `parent` (it died and the process
    was handed to another), then send this process SIGTERM."""
    while os.getppid() == parent:
        time.sleep(interval)
    os.kill(os.getpid(), signal.SIGTERM)


def end(processes: list[BaseProcess], timeout: float = END_TIMEOUT) -> None:
    """End `processes` now: SIGTERM (each stops cleanly, see `prepare_worker`), and
    SIGKILL for any still running after `timeout` seconds; returns when all are gone."""
    for process in processes:
        process.terminate()
    deadline = time.monotonic() + timeout
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
    for process in processes:
        if process.is_alive():
            process.kill()
            process.join()
