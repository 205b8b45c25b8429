"""The figure worker (``io.worker`` run by ``report.figures.plotting.figure_worker``):
figures it draws equal those drawn here, a figure it cannot make is made here (same files,
same error), and it never outlives its block."""

from __future__ import annotations

import os
import signal
from functools import partial

import pytest

from maatwerk_stats.io import worker as worker_module
from maatwerk_stats.io.worker import current
from maatwerk_stats.io.write import OutputWriter
from maatwerk_stats.report.figures.plotting import figure_worker, render_files, save_figure


def small_figure(title: str = "Ratings € 1,5"):
    from maatwerk_stats.report.figures.plotting import subplots

    fig, ax = subplots(figsize=(3, 2))
    ax.plot([1, 2, 3], [2, 1, 3], label="één")
    ax.set_title(title)
    return fig


def only_in(pid: int):
    """Draws in process ``pid`` only: fails in the worker's children."""
    if os.getpid() != pid:
        raise RuntimeError("not here")
    return small_figure("made here")


def never():
    raise ValueError("cannot draw")


def test_figures_drawn_by_the_worker_equal_those_drawn_here(tmp_path):
    render_files(small_figure(), tmp_path / "a.png", tmp_path / "a.svg")
    render_files(small_figure("b"), tmp_path / "b.png", tmp_path / "b.svg")
    with figure_worker(True, "maatwerk_stats.report.figures.vignette") as worker:
        assert worker is not None and current() is worker
        with OutputWriter(tmp_path / "out") as writer:
            names = save_figure(small_figure, writer, "a")
            names += save_figure(partial(small_figure, "b"), writer, "b")
            assert worker._waiting == {0, 1}  # both went to the worker
    assert names == ["figures/a.png", "figures/a.svg", "figures/b.png", "figures/b.svg"]
    for stem in "ab":
        for suffix in ("png", "svg"):
            assert (tmp_path / "out" / "figures" / f"{stem}.{suffix}").read_bytes() == (
                tmp_path / f"{stem}.{suffix}").read_bytes()
    assert current() is None
    with pytest.raises(ChildProcessError):
        os.waitpid(worker.pid, os.WNOHANG)  # reaped


def test_a_figure_that_fails_in_the_worker_is_made_here(tmp_path):
    render_files(small_figure("made here"), tmp_path / "x.png", tmp_path / "x.svg")
    with figure_worker(), OutputWriter(tmp_path / "out") as writer:
        save_figure(partial(only_in, os.getpid()), writer, "x")
    assert (tmp_path / "out" / "figures" / "x.png").read_bytes() == (
        tmp_path / "x.png").read_bytes()


def test_a_drawing_that_always_fails_raises_here_and_writes_nothing(tmp_path):
    with pytest.raises(ValueError, match="cannot draw"), figure_worker(), \
            OutputWriter(tmp_path / "out") as writer:
        save_figure(never, writer, "x")
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


def test_a_drawing_that_cannot_be_sent_is_drawn_without_the_worker(tmp_path):
    render_files(small_figure("λ"), tmp_path / "x.png", tmp_path / "x.svg")
    with figure_worker() as worker, OutputWriter(tmp_path / "out") as writer:
        save_figure(lambda: small_figure("λ"), writer, "x")  # a lambda does not pickle
        assert not worker._waiting
    assert (tmp_path / "out" / "figures" / "x.svg").read_bytes() == (
        tmp_path / "x.svg").read_bytes()


def test_figures_of_a_worker_that_died_are_made_here(tmp_path):
    render_files(small_figure(), tmp_path / "a.png", tmp_path / "a.svg")
    with figure_worker() as worker:
        os.kill(worker.pid, signal.SIGKILL)
        os.waitpid(worker.pid, 0)
        with OutputWriter(tmp_path / "out") as writer:
            save_figure(small_figure, writer, "a")
    assert (tmp_path / "out" / "figures" / "a.png").read_bytes() == (
        tmp_path / "a.png").read_bytes()


def test_an_error_before_any_figure_stops_the_worker_at_once(tmp_path):
    with pytest.raises(KeyError), figure_worker() as worker:
        raise KeyError("reading failed")
    with pytest.raises(ChildProcessError):
        os.waitpid(worker.pid, os.WNOHANG)


def test_disabled_or_nested_there_is_no_second_worker():
    with figure_worker(False) as none:
        assert none is None and current() is None
    with figure_worker() as outer, figure_worker() as inner:
        assert inner is None and current() is outer


def test_without_fork_nothing_is_started(monkeypatch):
    monkeypatch.setattr(worker_module.sys, "platform", "win32")
    with figure_worker() as worker:
        assert worker is None
