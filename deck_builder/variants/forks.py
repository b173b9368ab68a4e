"""Run numbered jobs in forked worker processes: a pool with nothing to import.

The workers are forked from the caller, so they share everything it has loaded (the
base deck, the template) without pickling it. Jobs go out through one pipe that all
workers read (each takes the next number when it is free, so long and short jobs even
out), the calling process among them; each worker sends its results back through a
pipe of its own. A worker that dies costs only the job it was on, which is reported as
failed; the others take the rest.

multiprocessing's pool would do the same, but importing it and starting it take
longer than building two of our decks, and it must pickle what the workers return.
Here results are `marshal`-able values (tuples, lists, strings, numbers, None).
"""

from __future__ import annotations

import marshal
import os
import select
import signal
import struct
import sys
from collections.abc import Callable, Iterator
from typing import Any

_JOB = struct.Struct(">I")
_LENGTH = struct.Struct(">I")
# POSIX: a pipe write of at most PIPE_BUF (≥ 512) bytes is never split, so workers
# only ever see whole job numbers (512 is a multiple of their size).
_PIPE_ATOMIC = 512
LOCAL_JOBS = 1024  # job numbers (4 KB) that fit in any pipe at once: see run_forked
_STARTED, _DONE = 0, 1


def can_fork() -> bool:
    """Whether this platform can fork (not Windows)."""
    return hasattr(os, "fork")


def run_forked(count: int, workers: int, work: Callable[[int], Any], local: bool = True
               ) -> Iterator[tuple[int, Any, str | None]]:
    """Run `work(0)` … `work(count - 1)` in `workers` processes at a time.

    With `local` (and up to LOCAL_JOBS jobs) the calling process is one of them and
    forks `workers - 1`: it would only wait otherwise, and it is the one process that
    need not copy the memory pages it writes to. Yields `(job, result, None)` as each
    job finishes, or `(job, None, message)` when it raised (the message names the
    exception) or its worker died. Every job is yielded once. Stopping early (or
    Ctrl-C) terminates the workers.
    """
    pool = _Pool()
    try:
        yield from pool.run(count, workers, work, local and workers >= 2 and count <= LOCAL_JOBS)
    finally:
        pool.stop()


class _Pool:
    """The pipes and workers of one `run_forked`; `stop` cleans up whatever is left."""

    def __init__(self) -> None:
        self.jobs_read = -1
        self.jobs_write = -1
        self.results: dict[int, int] = {}  # result pipe → worker pid

    def run(self, count: int, workers: int, work: Callable[[int], Any], local: bool
            ) -> Iterator[tuple[int, Any, str | None]]:
        sys.stdout.flush()  # else buffered output could be written twice
        sys.stderr.flush()
        self.jobs_read, self.jobs_write = os.pipe()
        for _ in range(max(1, min(workers, count)) - local):
            result_read, result_write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: never returns
                _worker(self.jobs_read, self.jobs_write, result_write, list(self.results), work)
            os.close(result_write)
            self.results[result_read] = pid
        pending = b"".join(_JOB.pack(job) for job in range(count))
        if local:
            # All job numbers fit in the pipe: written now, so that this process never
            # waits for one it would have to write itself.
            while pending:
                pending = pending[os.write(self.jobs_write, pending[:_PIPE_ATOMIC]):]
            self._close("jobs_write")
        else:
            self._close("jobs_read")
        yield from self._collect(count, pending, work if local else None)

    def _collect(self, count: int, pending: bytes, local: Callable[[int], Any] | None
                 ) -> Iterator[tuple[int, Any, str | None]]:
        buffers = {fd: b"" for fd in self.results}
        running: dict[int, int | None] = dict.fromkeys(self.results)  # fd → job in hand
        reported: set[int] = set()
        while buffers or local is not None:
            writable = [self.jobs_write] if pending else []
            # While this process builds too, only look at what is ready; else wait.
            timeout = 0.0 if local is not None else None
            readable, ready, _ = select.select(list(buffers), writable, [], timeout)
            if ready:
                # Whole job numbers per write, so that no worker ever reads half of one.
                written = os.write(self.jobs_write, pending[:_PIPE_ATOMIC])
                pending = pending[written:]
                if not pending:
                    self._close("jobs_write")  # the workers stop when it is empty
            for fd in readable:
                data = os.read(fd, 65536)
                if not data:  # the worker is gone
                    del buffers[fd]
                    os.close(fd)
                    status = os.waitpid(self.results.pop(fd), 0)[1]
                    job = running.pop(fd)
                    if job is not None:
                        reported.add(job)
                        yield job, None, f"internal error: the worker stopped ({_how(status)})"
                    continue
                buffers[fd] += data
                for message in _messages(buffers, fd):
                    if message[0] == _STARTED:
                        running[fd] = message[1]
                    else:
                        _, job, result, error = message
                        running[fd] = None
                        reported.add(job)
                        yield job, result, error
            if local is not None:
                raw = _read_exactly(self.jobs_read, _JOB.size)
                if raw is None:  # all jobs taken: from now on only wait for the workers
                    local = None
                    self._close("jobs_read")
                    continue
                (job,) = _JOB.unpack(raw)
                reported.add(job)
                try:
                    result, error = local(job), None
                except Exception as exc:  # as in a worker: one job never stops the others
                    result, error = None, f"internal error: {exc!r}"
                yield job, result, error
        for job in range(count):  # every worker died before taking these
            if job not in reported:
                yield job, None, "internal error: no worker was left to build it"

    def _close(self, name: str) -> None:
        fd = getattr(self, name)
        if fd >= 0:
            os.close(fd)
            setattr(self, name, -1)  # never closed twice: the number may be reused

    def stop(self) -> None:
        """Close the pipes; terminate and reap workers still running (early stop)."""
        self._close("jobs_read")
        self._close("jobs_write")
        for fd, pid in self.results.items():
            os.close(fd)
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        self.results.clear()


def _worker(jobs_read: int, jobs_write: int, result_write: int, others: list[int],
            work: Callable[[int], Any]) -> None:
    """Take job numbers until the job pipe is empty and closed, send back results."""
    status = 0
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.close(jobs_write)  # else the job pipe never reads as closed
        for fd in others:
            os.close(fd)
        while True:
            raw = _read_exactly(jobs_read, _JOB.size)
            if raw is None:
                break
            (job,) = _JOB.unpack(raw)
            _send(result_write, (_STARTED, job))
            try:
                reply = (_DONE, job, work(job), None)
            except Exception as exc:  # one job never stops the others
                reply = (_DONE, job, None, f"internal error: {exc!r}")
            _send(result_write, reply)
    except BaseException:  # Ctrl-C or a broken pipe: leave quietly
        status = 1
    finally:
        os._exit(status)  # no cleanup of the parent's state (atexit, open files)


def _messages(buffers: dict[int, bytes], fd: int) -> Iterator[tuple[Any, ...]]:
    """The complete messages at the start of `buffers[fd]`, taken off it."""
    while len(buffers[fd]) >= _LENGTH.size:
        (length,) = _LENGTH.unpack_from(buffers[fd])
        end = _LENGTH.size + length
        if len(buffers[fd]) < end:
            return
        message = marshal.loads(buffers[fd][_LENGTH.size:end])
        buffers[fd] = buffers[fd][end:]
        yield message


def _send(fd: int, message: tuple[Any, ...]) -> None:
    data = marshal.dumps(message)
    data = _LENGTH.pack(len(data)) + data
    while data:
        data = data[os.write(fd, data):]


def _read_exactly(fd: int, size: int) -> bytes | None:
    """`size` bytes from a pipe, or None at its end."""
    data = b""
    while len(data) < size:
        more = os.read(fd, size - len(data))
        if not more:
            return None
        data += more
    return data


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
