"""Figures rendered in a child process (``report.figures.plotting.in_background``): the files
are those of rendering here, the writer waits for them, a failing child is made up for here,
and a discarded output set leaves nothing behind."""

from __future__ import annotations

import os

import pytest

from maatwerk_stats.io.write import OutputWriter
from maatwerk_stats.report.figures.plotting import in_background, render_files, save_figure


def small_figure():
    from maatwerk_stats.report.figures.plotting import subplots

    fig, ax = subplots(figsize=(3, 2))
    ax.plot([1, 2, 3], [2, 1, 3], label="één")
    ax.set_title("Ratings € 1,5")
    return fig


def test_files_rendered_in_the_child_equal_those_rendered_here(tmp_path):
    fig = small_figure()
    render_files(fig, tmp_path / "here.png", tmp_path / "here.svg")
    with OutputWriter(tmp_path / "out") as writer:
        names = save_figure(fig, writer, "f")
        assert writer.read_bytes("figures/f.png") == (tmp_path / "here.png").read_bytes()
    assert names == ["figures/f.png", "figures/f.svg"]
    for suffix in ("png", "svg"):
        assert (tmp_path / "out" / "figures" / f"f.{suffix}").read_bytes() == (
            tmp_path / f"here.{suffix}").read_bytes()


def test_work_that_fails_in_the_child_is_done_here(tmp_path):
    parent = os.getpid()
    with OutputWriter(tmp_path / "out") as writer:
        target = writer.path("x.txt")

        def work() -> None:
            if os.getpid() != parent:
                raise RuntimeError("fails in the child")
            target.write_text("made here")

        in_background(writer, work)
    assert (tmp_path / "out" / "x.txt").read_text() == "made here"


def test_an_error_here_is_raised_and_nothing_is_written(tmp_path):
    with pytest.raises(RuntimeError, match="always"), OutputWriter(tmp_path / "out") as writer:
        writer.path("x.txt")

        def work() -> None:
            raise RuntimeError("always fails")

        in_background(writer, work)
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


def test_a_discarded_set_waits_for_the_child_and_leaves_nothing(tmp_path):
    with pytest.raises(KeyError), OutputWriter(tmp_path / "out") as writer:
        save_figure(small_figure(), writer, "f")
        raise KeyError("a later step fails")
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


def test_a_figure_drawn_in_the_child_equals_one_drawn_here(tmp_path):
    fig = small_figure()
    render_files(fig, tmp_path / "here.png", tmp_path / "here.svg")
    with OutputWriter(tmp_path / "out") as writer:
        names = save_figure(small_figure, writer, "f")
    assert names == ["figures/f.png", "figures/f.svg"]
    for suffix in ("png", "svg"):
        assert (tmp_path / "out" / "figures" / f"f.{suffix}").read_bytes() == (
            tmp_path / f"here.{suffix}").read_bytes()


def test_a_drawing_that_fails_raises_here_and_writes_nothing(tmp_path):
    def broken():
        raise ValueError("cannot draw")

    with pytest.raises(ValueError, match="cannot draw"), \
            OutputWriter(tmp_path / "out") as writer:
        save_figure(broken, writer, "f")
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]
