"""forks: every job answered once, failures contained, workers always cleaned up."""

from __future__ import annotations

import os
import time

import pytest

from deck_builder.variants import forks

pytestmark = pytest.mark.skipif(not forks.can_fork(), reason="needs fork (not on Windows)")


def test_every_job_is_answered_once_with_its_result() -> None:
    found = {job: (result, error) for job, result, error in
             forks.run_forked(40, 3, lambda job: (job, job * job, [str(job)] * 2))}
    assert sorted(found) == list(range(40))
    assert all(found[job] == ((job, job * job, [str(job)] * 2), None) for job in found)


def test_many_jobs_and_large_results_do_not_stall() -> None:
    """More job numbers than a pipe holds at once, answers larger than one."""
    count = 20_000
    seen = [job for job, _, error in forks.run_forked(count, 2, lambda job: job) if not error]
    assert sorted(seen) == list(range(count))
    big = list(forks.run_forked(3, 2, lambda job: "x" * 200_000))
    assert sorted(job for job, _, _ in big) == [0, 1, 2]
    assert all(len(result) == 200_000 for _, result, _ in big)


def test_a_job_that_raises_fails_alone() -> None:
    def work(job: int) -> int:
        if job == 5:
            raise ValueError("kapot")
        return job

    found = {job: (result, error) for job, result, error in forks.run_forked(10, 2, work)}
    assert found[5][0] is None
    assert "ValueError('kapot')" in found[5][1]
    assert all(found[job] == (job, None) for job in found if job != 5)


def test_a_dying_worker_costs_only_its_job() -> None:
    def work(job: int) -> int:
        if job == 3:
            os._exit(7)
        return job

    found = {job: (result, error) for job, result, error in
             forks.run_forked(12, 3, work, local=False)}  # a job ending this process
    assert sorted(found) == list(range(12))
    assert found[3] == (None, "internal error: the worker stopped (exit status 7)")
    assert all(found[job] == (job, None) for job in found if job != 3)


def test_jobs_nobody_could_take_are_reported() -> None:
    def work(job: int) -> int:
        os._exit(1)

    found = {job: error for job, _, error in forks.run_forked(6, 2, work, local=False)}
    assert sorted(found) == list(range(6))
    assert sum("worker stopped" in error for error in found.values()) == 2
    assert sum("no worker was left" in error for error in found.values()) == 4


def _children() -> set[int]:
    """This process's child pids, zombies included (Linux /proc)."""
    found: set[int] = set()
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/children") as listing:
            found.update(int(pid) for pid in listing.read().split())
    return found


@pytest.mark.skipif(not os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children"),
                    reason="needs /proc/<pid>/task/<tid>/children")
def test_stopping_early_leaves_no_worker_behind() -> None:
    before = _children()
    results = forks.run_forked(50, 2, lambda job: time.sleep(0.01) or job)
    next(results)
    assert len(_children() - before) == 1  # the worker beside this process, running
    results.close()  # as when the caller stops reading (or Ctrl-C)
    assert _children() - before == set()  # terminated and reaped


def test_the_calling_process_takes_jobs_too() -> None:
    """With two workers, one is forked and the caller builds beside it."""
    me = os.getpid()
    pids = {job: pid for job, pid, _ in
            forks.run_forked(30, 2, lambda job: time.sleep(0.002) or os.getpid())}
    assert sorted(pids) == list(range(30))
    assert me in pids.values()
    assert len(set(pids.values())) == 2
    many = forks.LOCAL_JOBS + 1  # more job numbers than fit in a pipe at once
    assert me not in {pid for _, pid, _ in forks.run_forked(many, 2, lambda job: os.getpid())}


def test_a_job_that_raises_in_the_calling_process_fails_alone() -> None:
    me = os.getpid()

    def work(job: int) -> int:
        if os.getpid() == me:
            raise ValueError("hier")
        return job

    found = {job: (result, error) for job, result, error in forks.run_forked(20, 2, work)}
    assert sorted(found) == list(range(20))
    failed = [job for job, (_, error) in found.items() if error]
    assert failed  # the caller took some
    assert all("ValueError('hier')" in found[job][1] for job in failed)
    assert all(found[job] == (job, None) for job in found if job not in failed)
