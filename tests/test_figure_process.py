"""The figure process (``publish.figure_process``), started before a command's analysis: the
figures it renders equal those rendered here, a job that fails there (or does not pickle) is
done here, an error in a drawing is raised here with nothing written, and stopping it ends its
whole process group before the output set is discarded."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from maatwerk_stats.io.write import OutputWriter
from maatwerk_stats.publish import figure_process as worker
from maatwerk_stats.report.figures.plotting import render_files, save_figure

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="fork: Linux only")

PARENT = os.getpid()


def small_figure():
    from maatwerk_stats.report.figures.plotting import subplots

    fig, ax = subplots(figsize=(3, 2))
    ax.plot([1, 2, 3], [2, 1, 3], label="één")
    ax.set_title("Ratings € 1,5")
    return fig


def fails_elsewhere():
    if os.getpid() != PARENT:
        raise RuntimeError("fails in the figure process")
    return small_figure()


def always_fails():
    raise ValueError("cannot draw")


def test_figures_rendered_by_the_figure_process_equal_those_rendered_here(tmp_path):
    render_files(small_figure(), tmp_path / "here.png", tmp_path / "here.svg")
    with worker.figure_process(), OutputWriter(tmp_path / "out") as writer:
        process = worker.current()
        assert process is not None and process.pid != os.getpid()
        names = save_figure(small_figure, writer, "f")
        assert process.sent == 1  # a job of the figure process, not a child of this one
    assert worker.current() is None
    assert names == ["figures/f.png", "figures/f.svg"]
    for suffix in ("png", "svg"):
        assert (tmp_path / "out" / "figures" / f"f.{suffix}").read_bytes() == (
            tmp_path / f"here.{suffix}").read_bytes()


def test_a_job_that_fails_there_is_done_here(tmp_path):
    render_files(small_figure(), tmp_path / "here.png", tmp_path / "here.svg")
    with worker.figure_process(), OutputWriter(tmp_path / "out") as writer:
        save_figure(fails_elsewhere, writer, "f")
        assert worker.current().sent == 1
    assert (tmp_path / "out" / "figures" / "f.png").read_bytes() == (
        tmp_path / "here.png").read_bytes()


def test_a_drawing_that_does_not_pickle_is_rendered_as_before(tmp_path):
    with worker.figure_process(), OutputWriter(tmp_path / "out") as writer:
        save_figure(lambda: small_figure(), writer, "f")  # a lambda does not pickle
        assert worker.current().sent == 0
    assert (tmp_path / "out" / "figures" / "f.svg").exists()


def test_a_drawing_that_fails_raises_here_and_writes_nothing(tmp_path):
    with pytest.raises(ValueError, match="cannot draw"), worker.figure_process(), \
            OutputWriter(tmp_path / "out") as writer:
        save_figure(always_fails, writer, "f")
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]
    assert worker.current() is None


def sleeps(marker: Path) -> None:
    marker.write_text(str(os.getpid()))
    time.sleep(60)


def _gone(pid: int) -> bool:
    """The process has exited (a zombie no longer runs; its new parent reaps it). The wait
    returns once every process of the group has closed its files, which a killed process does
    on its way out, a moment before it is listed as a zombie: allow that moment."""
    deadline = time.monotonic() + 5
    while True:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
        except (FileNotFoundError, IndexError):
            return True
        if state in "ZX":
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)


def test_a_stop_ends_the_whole_group_before_it_returns(tmp_path):
    from functools import partial

    marker = tmp_path / "job.pid"
    with worker.figure_process():
        process = worker.current()
        finish = process.submit(partial(sleeps, marker))
        assert finish is not None
        deadline = time.monotonic() + 60
        while not marker.exists() or not marker.read_text():
            assert time.monotonic() < deadline
            time.sleep(0.01)
        job = int(marker.read_text())
        started = time.monotonic()
        process.stop()
        assert time.monotonic() - started < 10
        assert _gone(job) and _gone(process.pid)
    assert worker.current() is None


def test_an_interrupted_wait_stops_the_figure_process(tmp_path):
    """Ctrl-C while the writer waits for a job (at the commit) ends the job's process group
    before the staging folder is removed: nothing is left beside --out, nothing written."""
    import signal
    import threading
    from functools import partial

    from maatwerk_stats.report.figures.plotting import render_job

    marker = tmp_path / "job.pid"
    with pytest.raises(KeyboardInterrupt), worker.figure_process(), \
            OutputWriter(tmp_path / "out") as writer:
        process = worker.current()
        png, svg = writer.path("figures/f.png"), writer.path("figures/f.svg")
        finish = process.submit(partial(render_job, partial(sleeps, marker), png, svg))
        writer.defer(finish)
        while not marker.exists() or not marker.read_text():
            time.sleep(0.01)
        job = int(marker.read_text())
        threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)).start()
    assert _gone(job) and _gone(process.pid)
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


def test_no_figure_process_without_figures_or_inside_one():
    with worker.figure_process(enabled=False):
        assert worker.current() is None
    with worker.figure_process():
        outer = worker.current()
        with worker.figure_process():
            assert worker.current() is outer
    assert worker.current() is None


def records_its_run(log: Path, number: int) -> None:
    start = time.monotonic()
    time.sleep(0.25)
    with log.open("a") as handle:
        handle.write(f"{number} {start} {time.monotonic()}\n")


@pytest.mark.parametrize("slots", [1, 2])
def test_at_most_one_job_per_core_runs_at_once_in_the_order_sent(tmp_path, monkeypatch, slots):
    """W starts the jobs in the order they were sent and runs at most ``job_slots()`` at a
    time (three figures on two cores no longer share them three ways); every job runs."""
    from functools import partial

    monkeypatch.setattr(worker, "job_slots", lambda: slots)  # read by W after the fork
    log = tmp_path / "runs.txt"
    with worker.figure_process():
        process = worker.current()
        finishes = [process.submit(partial(records_its_run, log, number))
                    for number in range(4)]
        assert all(finishes)
        for finish in finishes:
            finish(False)
    runs = sorted((float(start), float(end), int(number)) for number, start, end in
                  (line.split() for line in log.read_text().splitlines()))
    assert sorted(number for _, _, number in runs) == [0, 1, 2, 3]
    # the first ``slots`` jobs sent start first (among them the order is the scheduler's)
    assert {number for _, _, number in runs[:slots]} == set(range(slots))
    most = max(sum(1 for start, end, _ in runs if start <= moment < end)
               for moment, _, _ in runs)
    assert most == slots


def starts_then_records(log: Path, number: int) -> None:
    log.with_suffix(f".{number}").write_text("started")
    records_its_run(log, number)


def test_jobs_sent_ahead_start_before_the_waiting_ones(tmp_path, monkeypatch):
    """With the one core busy (job 0), the jobs sent ``ahead()`` start before the jobs sent
    earlier that still wait (in the order they were sent), and then the others, in theirs; ``ahead``
    holds only inside its block, and without a figure process it does nothing."""
    from functools import partial

    monkeypatch.setattr(worker, "job_slots", lambda: 1)
    log = tmp_path / "runs.txt"
    with worker.ahead():
        assert worker.current() is None  # nothing to do
    with worker.figure_process():
        process = worker.current()
        finishes = [process.submit(partial(starts_then_records, log, 0))]
        deadline = time.monotonic() + 30  # W may still be importing matplotlib
        while not log.with_suffix(".0").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        finishes += [process.submit(partial(records_its_run, log, number))
                     for number in (1, 2)]
        with worker.ahead():
            assert process.ahead
            finishes += [process.submit(partial(records_its_run, log, number))
                         for number in (3, 4)]
        assert not process.ahead
        finishes.append(process.submit(partial(records_its_run, log, 5)))
        assert all(finishes)
        for finish in finishes:
            finish(False)
    runs = sorted((float(start), int(number)) for number, start, _ in
                  (line.split() for line in log.read_text().splitlines()))
    assert [number for _, number in runs] == [0, 3, 4, 1, 2, 5]


def test_job_slots_are_the_usable_cpus():
    assert worker.job_slots() == len(os.sched_getaffinity(0))


def records_the_frozen_heap(log: Path) -> None:
    import gc

    log.write_text(f"{os.getpid() != PARENT} {gc.get_freeze_count()}")


def test_a_job_runs_with_the_inherited_heap_frozen(tmp_path):
    """Each job's child freezes the heap it inherited (``gc.freeze``), so that the
    collections its drawing triggers do not walk pandas', numpy's and matplotlib's objects;
    the same for a child of ``plotting.in_background`` (no figure process)."""
    import gc
    from functools import partial

    from maatwerk_stats.report.figures.plotting import in_background

    assert gc.get_freeze_count() == 0  # this process is not frozen
    log = tmp_path / "job.txt"
    with worker.figure_process():
        finish = worker.current().submit(partial(records_the_frozen_heap, log))
        finish(False)
    in_child, frozen = log.read_text().split()
    assert in_child == "True" and int(frozen) > 1000
    with OutputWriter(tmp_path / "out") as writer:
        in_background(writer, partial(records_the_frozen_heap, tmp_path / "background.txt"))
    in_child, frozen = (tmp_path / "background.txt").read_text().split()
    assert in_child == "True" and int(frozen) > 1000
    assert gc.get_freeze_count() == 0


IMPORT_PROGRAM = """
import gc, sys
{setup}
collections = []
gc.callbacks.append(lambda phase, info: phase == "stop" and collections.append(info))
from maatwerk_stats.publish.figure_process import import_shared
assert "pandas" not in sys.modules
del collections[:]  # those while the CLI was imported
import_shared(("numpy", "pandas"))
print("pandas" in sys.modules, len(collections), gc.isenabled())
"""


@pytest.mark.parametrize(("setup", "expected"), [("", "True 0 True"),
                                                 ("gc.disable()", "True 0 False")])
def test_the_shared_modules_are_imported_without_the_collector(setup, expected):
    """No collection runs while W's shared modules are imported (about 120 ran, ~0.05 s of
    CPU), and the collector is left as it was (on, or off when the caller had turned it off)."""
    import subprocess

    done = subprocess.run([sys.executable, "-c", IMPORT_PROGRAM.format(setup=setup)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected
