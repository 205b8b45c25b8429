"""A worker process for output files that take long to make (figures): forked when a
command starts, so that its imports (matplotlib) happen on the second core while the command
reads and analyses.

    with worker_process(True, warmup=import_matplotlib):
        ...                                   # read, analyse, write tables
        job = current().submit(partial(render, figure_function, png, svg))
        writer.defer(lambda complete: current_worker.wait(job) or make_it_here())

A job is a picklable function without arguments that writes staged files; it is sent
through a pipe and run in a child forked by the worker, one per job, so several jobs run at
the same time. :meth:`Worker.wait` says whether the child succeeded; a job that failed, could
not be sent or whose worker is gone is for the caller to do itself (the figures of
:func:`maatwerk_stats.report.figures.plotting.save_figure` are then drawn in the command's
process), so files and errors are the same as without a worker. The same code on the same
data gives the same bytes in either process.

Only on Linux (``fork``); elsewhere, and with ``enabled`` false, nothing is started. The
worker ends with the ``with`` block: a test or a script that patches code afterwards never
talks to a stale copy.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import struct
import sys
from collections.abc import Callable, Iterator
from typing import Any

_HEADER = struct.Struct("<QI")  # the length of one pickled job, its number
_DONE = struct.Struct("<IB")  # job number, 1 when the files were written


class Worker:
    """The command's side of the worker: send jobs, wait for their outcome."""

    def __init__(self, pid: int, jobs: int, done: int) -> None:
        self.pid = pid
        self._jobs = jobs  # write end
        self._done = done  # read end
        self._next = 0
        self._outcome: dict[int, bool] = {}
        self._waiting: set[int] = set()  # sent, not yet waited for
        self.alive = True

    def submit(self, job: Callable[[], Any]) -> int | None:
        """Send ``job``; its number, or None when it cannot be sent (then do it here)."""
        if not self.alive:
            return None
        try:
            payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # e.g. an object that cannot be pickled: done here instead
            return None
        try:
            _write_all(self._jobs, _HEADER.pack(len(payload), self._next) + payload)
        except OSError:
            self.alive = False
            return None
        self._waiting.add(self._next)
        self._next += 1
        return self._next - 1

    def wait(self, job: int) -> bool:
        """Block until ``job`` is done; True when its files were written."""
        self._waiting.discard(job)
        while job not in self._outcome and self.alive:
            try:
                record = _read_exactly(self._done, _DONE.size)
            except OSError:
                record = None
            if record is None:  # the worker is gone: what it did not report is redone here
                self.alive = False
                break
            number, ok = _DONE.unpack(record)
            self._outcome[number] = bool(ok)
        return self._outcome.pop(job, False)

    def close(self) -> None:
        """No more jobs. When every job was waited for, the worker is stopped at once (it
        may still be importing); otherwise it finishes the running ones and ends."""
        idle = self.alive and not self._waiting
        self.alive = False
        if idle:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGTERM)
        for fd in (self._jobs, self._done):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


_CURRENT: Worker | None = None


def current() -> Worker | None:
    """The running worker of this process, if any."""
    return _CURRENT if _CURRENT is not None and _CURRENT.alive else None


@contextlib.contextmanager
def worker_process(enabled: bool = True, warmup: Callable[[], Any] | None = None
                   ) -> Iterator[Worker | None]:
    """Run a worker for the duration of the block (see the module docstring); ``warmup``
    runs in the worker first (imports)."""
    global _CURRENT
    if not enabled or sys.platform != "linux" or _CURRENT is not None:
        yield None
        return
    jobs_read, jobs_write = os.pipe()
    done_read, done_write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (jobs_read, jobs_write, done_read, done_write):
            os.close(fd)
        yield None
        return
    if pid == 0:  # the worker
        code = 1
        try:
            os.close(jobs_write)
            os.close(done_read)
            _serve(jobs_read, done_write, warmup)
            code = 0
        finally:
            os._exit(code)
    os.close(jobs_read)
    os.close(done_write)
    worker = _CURRENT = Worker(pid, jobs_write, done_read)
    try:
        yield worker
    finally:
        _CURRENT = None
        worker.close()


def _serve(jobs: int, done: int, warmup: Callable[[], Any] | None) -> None:
    """The worker's loop: warm up, then fork a child per job and report each child's exit."""
    if warmup is not None:
        with contextlib.suppress(Exception):  # then the jobs fail and are done by the command
            warmup()
    running: dict[int, int] = {}  # child pid → job number
    open_jobs = True
    while open_jobs or running:
        if open_jobs:
            ready, _, _ = select.select([jobs], [], [], 0.02 if running else None)
            if ready:
                header = _read_exactly(jobs, _HEADER.size)
                size, number = _HEADER.unpack(header) if header else (0, 0)
                payload = _read_exactly(jobs, size) if header else None
                if payload is None:
                    open_jobs = False
                else:
                    pid = _start(payload)
                    if pid is None:
                        _report(done, number, False)
                    else:
                        running[pid] = number
        else:  # no more jobs: wait for the children still drawing
            pid, status = os.waitpid(-1, 0)
            if pid in running:
                _report(done, running.pop(pid), os.waitstatus_to_exitcode(status) == 0)
            continue
        while running:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            if pid in running:
                _report(done, running.pop(pid), os.waitstatus_to_exitcode(status) == 0)


def _start(payload: bytes) -> int | None:
    """Fork the child that runs one job; None when it cannot be started."""
    try:
        job = pickle.loads(payload)
        pid = os.fork()
    except Exception:
        return None
    if pid == 0:
        code = 1
        try:
            job()
            code = 0
        finally:
            os._exit(code)
    return pid


def _report(done: int, number: int, ok: bool) -> None:
    with contextlib.suppress(OSError):  # the command is gone: nobody to tell
        _write_all(done, _DONE.pack(number, int(ok)))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, size: int) -> bytes | None:
    """``size`` bytes from ``fd``; None at end of file."""
    parts = []
    while size:
        chunk = os.read(fd, size)
        if not chunk:
            return None
        parts.append(chunk)
        size -= len(chunk)
    return b"".join(parts)
