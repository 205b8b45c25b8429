"""A figure process started before the analysis, so that matplotlib is imported on the second
core while the data are read and analysed.

Importing what every figure needs (``matplotlib.figure``, the Agg and SVG back ends, the font:
``report.figures.plotting.preload_matplotlib``) costs about 0.35 s. Without this module it is
paid in the command's own process after the analysis, right before the first figure child is
forked: in ``compare`` on the demo data it sat between the analysis and the figures, on the
critical path of a 2-second run.

:func:`figure_process` (a context manager around a command's work) forks the figure process
*W* once numpy and pandas are imported (they are shared, not imported twice; ``compare``
forks it after numpy only: see ``shared``). W becomes the
leader of its own process group, imports matplotlib (and the modules the jobs will unpickle)
and waits for jobs on a pipe. ``plotting.save_figure`` sends each drawing it is given as a
function (pickled: the drawing function with its data, and the two staged paths) to W, through
``plotting.submit_job``, which is set while W runs (the report layer does not import this
module). W unpickles each job and forks one child per job, at most one per core at a time
(:func:`job_slots`), so the figures render in parallel and each child starts with matplotlib
loaded; W reports each job's exit status as its child ends. The output writer waits for a
job as for a child of ``plotting.in_background`` (``OutputWriter.defer``): a job that
failed, or could not be sent (W gone, a drawing that does not pickle), is done in this
process, so the files and any error are the same as without W.

Stopping: a wait for a job that a signal cuts short (Ctrl-C, SIGTERM: ``cli/signals.py``) ends
W's whole group (SIGKILL) and returns only when every process of it has exited — each holds the
write end of a pipe whose other end this process reads until end-of-file — so no child of W
writes into a staging folder that is being removed. W and its children leave with
``os._exit``: no clean-up handler of this process runs in them.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import struct
import sys
from collections.abc import Callable, Iterator

_HEADER = struct.Struct("<IIB")  # job number, size of the pickled job, 1: ahead (see below)
_STATUS = struct.Struct("<Ii")  # job number, exit code of its child
_STOPS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class FigureProcess:
    """This process's end of W: the job pipe, the status pipe and the group's 'alive' pipe."""

    def __init__(self, pid: int, jobs: int, statuses: int, alive: int) -> None:
        self.pid, self.jobs, self.statuses, self.alive = pid, jobs, statuses, alive
        self.owner = os.getpid()  # a process forked from this one must not use it
        self.sent = 0
        self.done: dict[int, int] = {}
        self.broken = False
        self.ended = False
        self.ahead = False  # the jobs sent now go ahead of those waiting (:func:`ahead`)

    def submit(self, job: Callable[[], None]) -> Callable[[bool], None] | None:
        """Send ``job`` to W; the ``finish`` function for the writer, or None when it could
        not be sent (the caller does it another way)."""
        import pickle

        if self.broken or self.ended or os.getpid() != self.owner:
            return None
        try:
            payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # a drawing that does not pickle: rendered as before
            return None
        number = self.sent
        try:
            _write_all(self.jobs, _HEADER.pack(number, len(payload), self.ahead) + payload)
        except OSError:  # W is gone
            self.broken = True
            return None
        self.sent += 1

        def finish(complete: bool) -> None:
            try:
                code = self.wait_for(number)
            except BaseException:
                self.stop()
                raise
            if complete and code != 0:
                job()

        return finish

    def wait_for(self, number: int) -> int:
        """The exit code of job ``number``'s child (1 when W ended without reporting it)."""
        while number not in self.done and not self.broken:
            record = _read_exactly(self.statuses, _STATUS.size)
            if record is None:  # W is gone: its children too, before anything is redone
                self.broken = True
                self.stop()
                break
            reported, code = _STATUS.unpack(record)
            self.done[reported] = code
        return self.done.get(number, 1)

    def end(self) -> None:
        """No more jobs: W exits once its children have; wait for it."""
        if self.ended:
            return
        self.ended = True
        os.close(self.jobs)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        _drain(self.alive)
        os.close(self.statuses)
        os.close(self.alive)

    def stop(self) -> None:
        """End W's whole group now (SIGKILL) and return when every process of it is gone."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        self.end()


_current: FigureProcess | None = None


def current() -> FigureProcess | None:
    """The figure process of this run, if one was started (:func:`figure_process`)."""
    return _current if _current is not None and _current.owner == os.getpid() else None


@contextlib.contextmanager
def ahead() -> Iterator[None]:
    """The jobs sent in the block (through ``plotting.submit_job``) go ahead of the jobs that
    wait in W for a free core: W starts them first, in the order sent, as soon as a core is
    free; a running job is not stopped. For the figures the command waits for before it can
    go on (the factsheet's printed twins and embedded figures, which its HTML and DOCX need),
    so that they do not queue behind figures that nothing waits for. Without a figure
    process the block just runs."""
    process = current()
    if process is None:
        yield
        return
    before, process.ahead = process.ahead, True
    try:
        yield
    finally:
        process.ahead = before


@contextlib.contextmanager
def figure_process(enabled: bool = True, preload: tuple[str, ...] = (),
                   shared: tuple[str, ...] = ("numpy", "pandas")) -> Iterator[None]:
    """Start W for the duration of the block (nothing where ``fork`` is unavailable, when
    ``enabled`` is false, or when a figure process already runs); at the end wait for it, or
    end its group when the block is left by an exception or no job was sent. ``preload``:
    modules W imports after matplotlib while it waits (the figure modules and the result
    classes the jobs will unpickle), so that its children do not each import them.

    ``shared``: the modules imported here before the fork, so that W has them without
    importing them again (by default numpy and pandas, which jobs holding DataFrames need to
    unpickle). ``compare`` and ``vignette`` pass only numpy: W is forked 0.25 s sooner and
    imports matplotlib on the second core while this process imports pandas, and their jobs
    carry their tables as plain lists (``plotting.Columns``), so W never imports pandas. A
    job that does hold a DataFrame still works: W imports pandas when it unpickles it."""
    from ..report.figures import plotting

    global _current
    if not enabled or sys.platform != "linux" or _current is not None:
        yield
        return
    _current = _start(preload, shared)
    if _current is not None:
        plotting.submit_job = _current.submit
    try:
        yield
    except BaseException:
        if _current is not None:
            _current.stop()
        raise
    finally:
        plotting.submit_job = None
        if _current is not None:
            if not _current.sent:  # nothing to wait for, W may still be importing
                _current.stop()
            _current.end()
        _current = None


def import_shared(names: tuple[str, ...]) -> None:
    """Import ``names`` (the modules W is forked after) with the cyclic garbage collector off.
    An import makes modules, classes and functions that live as long as the process, so the
    collections its allocations trigger find nothing to free: about 120 of them during
    ``import numpy, pandas``, 0.05 s of its 0.3 s of CPU, on the one busy core before the fork
    (every command that starts W). The collector is on again afterwards (also when an import
    fails), or stays off when the caller had turned it off; modules imported already (a test
    process) are not imported again."""
    import gc
    import importlib

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for name in names:
            importlib.import_module(name)
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def collector_off(freeze: bool = False) -> Iterator[None]:
    """The block with the cyclic garbage collector off (as :func:`import_shared`, which does
    not allocate a context manager before it turns the collector off); on again
    afterwards (also after an exception), or left off when the caller had turned it off.
    ``freeze``: afterwards every object there is goes into the collector's permanent
    generation (``gc.freeze``), so that later collections do not walk what the block
    imported (modules, classes and functions that live as long as the process)."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def unfrozen_after() -> Iterator[None]:
    """What the block freezes (:func:`collector_off` with ``freeze``) is unfrozen at its end
    when nothing was frozen before it (``gc.unfreeze``, O(1)), so that a command run in a
    process that goes on (a test, a notebook) leaves the collector as it found it."""
    import gc

    frozen = gc.get_freeze_count()
    try:
        yield
    finally:
        if not frozen:
            gc.unfreeze()


def _start(preload: tuple[str, ...] = (),
           shared: tuple[str, ...] = ("numpy", "pandas")) -> FigureProcess | None:
    import_shared(shared)  # imported before the fork: shared, not imported twice

    jobs_r, jobs_w = os.pipe()
    status_r, status_w = os.pipe()
    alive_r, alive_w = os.pipe()
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        for fd in (jobs_r, jobs_w, status_r, status_w, alive_r, alive_w):
            os.close(fd)
        return None
    if pid == 0:  # W
        code = 1
        try:
            os.setpgid(0, 0)
            for number in _STOPS:
                signal.signal(number, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            for fd in (jobs_w, status_r, alive_r):
                os.close(fd)
            _serve(jobs_r, status_w, preload)  # alive_w open until W and each child exit
            code = 0
        finally:
            os._exit(code)
    with contextlib.suppress(OSError):  # also done by W: whichever comes first
        os.setpgid(pid, pid)
    for fd in (jobs_r, status_w, alive_w):
        os.close(fd)
    signal.pthread_sigmask(signal.SIG_SETMASK, held)
    return FigureProcess(pid, jobs_w, status_r, alive_r)


def job_slots() -> int:
    """How many jobs W runs at once: the CPUs this process may use (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - Linux has sched_getaffinity
        return max(1, os.cpu_count() or 1)


def _serve(jobs: int, statuses: int, preload: tuple[str, ...] = (),
           slots: int | None = None) -> None:
    """W: import matplotlib and ``preload``, then, until the job pipe ends, unpickle each job
    (here, so that what it imports is imported once) and fork a child that runs it, at most
    ``slots`` (default :func:`job_slots`) at a time, in the order they were sent, except that
    the jobs sent :func:`ahead` start before every other waiting job; report each child's
    exit code as it ends; return when the pipe has ended and every job has run.

    At most one child per core: three figures on two cores shared them three ways, so the
    longest (the Likert chart of ``compare``, sent before the last one) ran at two thirds of
    a core and ended alone while the other core was idle; now it has a core of its own from
    its start, and the next job starts as soon as a core is free.

    Each child first moves every object it inherited (numpy, pandas, matplotlib and the
    modules: about 90,000) into the collector's permanent generation (``gc.freeze``, O(1)), so
    that the collections its drawing triggers walk only the objects it makes: the Likert
    chart of ``compare`` made one full collection of the inherited heap, 0.1–0.2 s of its
    0.8–1 s. The child exits with ``os._exit``, so what is frozen is never needed again."""
    import collections
    import gc
    import importlib
    import pickle

    from ..report.figures.plotting import preload_matplotlib

    # the imports with the collector off, and frozen: about 95 collections (one of them
    # full) found nothing to free in them, 0.06 s of W's 0.3 s of CPU
    with collector_off(freeze=True), contextlib.suppress(Exception):
        preload_matplotlib()  # a job imports what it needs anyway
        for name in preload:
            importlib.import_module(name)
    limit = job_slots() if slots is None else max(1, slots)
    running: dict[int, int] = {}
    waiting: collections.deque[tuple[int, Callable[[], None]]] = collections.deque()
    first: collections.deque[tuple[int, Callable[[], None]]] = collections.deque()  # ahead
    buffer = b""
    open_ = True
    while open_ or running or waiting or first:
        while (first or waiting) and len(running) < limit:
            number, job = (first or waiting).popleft()
            pid = os.fork()
            if pid == 0:  # the job's child
                code = 1
                try:
                    gc.freeze()  # see the docstring
                    job()
                    code = 0
                finally:
                    os._exit(code)
            running[pid] = number
        if open_ and select.select([jobs], [], [], 0.005)[0]:
            chunk = os.read(jobs, 1 << 16)
            open_ = bool(chunk)
            buffer += chunk
            while len(buffer) >= _HEADER.size:
                number, size, go_ahead = _HEADER.unpack_from(buffer)
                if len(buffer) < _HEADER.size + size:
                    break
                payload = buffer[_HEADER.size:_HEADER.size + size]
                buffer = buffer[_HEADER.size + size:]
                try:
                    (first if go_ahead else waiting).append((number, pickle.loads(payload)))
                except Exception:  # reported as failed: done by the command's process
                    _write_all(statuses, _STATUS.pack(number, 1))
        elif not open_ and running:
            pid, status = os.wait()
            _report(statuses, running.pop(pid, None), status)
        while running:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            _report(statuses, running.pop(pid, None), status)


def _report(statuses: int, number: int | None, status: int) -> None:
    if number is not None:
        _write_all(statuses, _STATUS.pack(number, os.waitstatus_to_exitcode(status)))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = os.read(fd, size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _drain(fd: int) -> None:
    while os.read(fd, 1 << 12):
        pass

