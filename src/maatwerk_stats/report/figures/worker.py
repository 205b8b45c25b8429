"""A figure worker: a process forked when a command starts, so that importing matplotlib (and
the figure modules) happens on the second core while the command reads and analyses.

    with figure_worker(figures, "maatwerk_stats.report.figures.vignette"):
        ...                      # read, analyse, write tables
        save_figure(partial(coefficient_figure, result, lang), writer, stem)

While the worker runs, :func:`.plotting.save_figure` sends each drawing function with the two
staged file paths to it (pickled, through a pipe); the worker forks one child per figure, which
draws and renders it (PNG and SVG, :func:`.plotting.render_files`), so several figures are
drawn at the same time. The command's :class:`~maatwerk_stats.io.write.OutputWriter` waits
for each figure before a file is read or the output set is committed, as for the figures
forked by :func:`.plotting.in_background`; a figure the worker could not make (it failed, or
the worker is gone) is made in the command's own process, so files and errors are the same as
without a worker. Figures are drawn by the same code on the same data, so the files are
byte-identical to those drawn in the command's process.

Only on Linux (``fork``); elsewhere, and with ``enabled`` false, nothing is started and
figures are drawn as before. The worker ends with the ``with`` block: a test or a script
that patches code after the worker was forked never talks to a stale copy.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import select
import signal
import struct
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

_HEADER = struct.Struct("<QI")  # the length of one pickled job, its number
_DONE = struct.Struct("<IB")  # job number, 1 when the files were written


class FigureWorker:
    """The command's side of the worker: send jobs, wait for their outcome."""

    def __init__(self, pid: int, jobs: int, done: int) -> None:
        self.pid = pid
        self._jobs = jobs  # write end
        self._done = done  # read end
        self._next = 0
        self._outcome: dict[int, bool] = {}
        self._waiting: set[int] = set()  # sent, not yet waited for
        self.alive = True

    def submit(self, draw: Callable[[], Any], png: Path, svg: Path) -> int | None:
        """Send a job; its number, or None when it cannot be sent (then draw it here)."""
        if not self.alive:
            return None
        try:
            payload = pickle.dumps((draw, png, svg), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # e.g. an object that cannot be pickled: drawn here instead
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


_CURRENT: FigureWorker | None = None


def current() -> FigureWorker | None:
    """The running worker of this process, if any."""
    return _CURRENT if _CURRENT is not None and _CURRENT.alive else None


@contextlib.contextmanager
def figure_worker(enabled: bool = True, *modules: str) -> Iterator[FigureWorker | None]:
    """Run a figure worker for the duration of the block (see the module docstring);
    ``modules`` are imported in the worker beforehand (the figure modules the command uses)."""
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
            _serve(jobs_read, done_write, modules)
            code = 0
        finally:
            os._exit(code)
    os.close(jobs_read)
    os.close(done_write)
    worker = _CURRENT = FigureWorker(pid, jobs_write, done_read)
    try:
        yield worker
    finally:
        _CURRENT = None
        worker.close()


def _serve(jobs: int, done: int, modules: tuple[str, ...]) -> None:
    """The worker's loop: import, then fork a child per job and report each child's exit."""
    from .plotting import preload_matplotlib

    try:
        preload_matplotlib()
        for module in modules:
            importlib.import_module(module)
    except Exception:  # pragma: no cover - then each job fails and is drawn by the command
        pass
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
    """Fork the child that draws and renders one job; None when it cannot be started."""
    from .plotting import render_files

    try:
        draw, png, svg = pickle.loads(payload)
        pid = os.fork()
    except Exception:
        return None
    if pid == 0:
        code = 1
        try:
            render_files(draw(), png, svg)
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
