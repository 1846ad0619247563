"""Forked worker processes for rendering: `run` a batch, or `Started`, one job.

Forked workers see this process's memory (the register, the page plan, compiled
templates) without copying or pickling it: only a job number goes in and a result comes
out. Below a size where starting workers costs more than it saves, jobs run here.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from typing import Any, Callable, Iterator

MAX_WORKERS = 8


def count(jobs: int, threshold: int) -> int:
    """How many processes to use: 1 (this one) below `threshold` jobs or without fork, else one per core."""
    if jobs < threshold or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def run(job: Callable[[Any, int], Any], shared: Any, jobs: int, workers: int,
        ordered: bool = True, chunksize: int = 1) -> Iterator[Any]:
    """job(shared, n) for n in range(jobs), here or in `workers` forked processes.

    Results come in job order when `ordered`, else as they finish (the caller must then
    not depend on the order). Consume the iterator fully: the workers live while it runs.
    """
    if workers == 1:
        yield from (job(shared, number) for number in range(jobs))
        return
    global _JOB
    _JOB = (job, shared)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            mapping = pool.imap if ordered else pool.imap_unordered
            yield from mapping(_run_forked, range(jobs), chunksize=chunksize)
    finally:
        _JOB = None


_JOB: tuple[Callable[[Any, int], Any], Any] | None = None


def _run_forked(number: int) -> Any:
    job, shared = _JOB
    return job(shared, number)


class Started:
    """One job started now in a forked process while this one goes on.

    A plain process and a pipe, no pool: a pool's threads would live on in this process
    while it forks the workers of `run`."""

    def __init__(self, job: Callable[[Any], Any], shared: Any):
        receiving, sending = multiprocessing.Pipe(duplex=False)
        self._process = multiprocessing.get_context("fork").Process(  # forked: nothing is pickled
            target=_run_started, args=(job, shared, sending, os.getpid()), daemon=True)
        self._process.start()
        sending.close()
        self._receiving = receiving

    def result(self) -> Any:
        """Wait for the job; its exception, if any, is raised here."""
        try:
            succeeded, value = self._receiving.recv()
        except EOFError:
            self._process.join()
            raise RuntimeError(f"a worker process stopped (exit code {self._process.exitcode})") from None
        finally:
            self._process.join()
        if not succeeded:
            raise value
        return value

    def stop(self) -> None:
        """Stop the job if it still runs (this process failed before it needed the result)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receiving.close()


def _run_started(job: Callable[[Any], Any], shared: Any, sending, parent: int) -> None:
    _end_with(parent)
    gc.freeze()  # the parent's objects: never scanned here, so their memory stays shared
    try:
        outcome = (True, job(shared))
    except BaseException as exc:  # sent back to be raised where the result is wanted
        outcome = (False, exc)
    sending.send(outcome)
    sending.close()


_PR_SET_PDEATHSIG = 1


def _end_with(parent: int) -> None:
    """Be killed when the parent dies (a build stopped with SIGKILL must not leave a process
    that goes on writing beside the site); Linux only, elsewhere the job runs to its end."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # libc, already loaded
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)
