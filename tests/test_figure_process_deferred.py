"""A figure process started with ``deferred=True`` (``publish.figure_process``, as ``vignette``
starts it for a long CSV parsed in two threads) waits with its imports until ``go_ahead()``,
the first job, or the end of its block; its figures are the same files."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from maatwerk_stats.io.write import OutputWriter
from maatwerk_stats.publish import figure_process as worker
from maatwerk_stats.report.figures.plotting import render_files, save_figure

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="fork: Linux only")

ROOT = Path(__file__).resolve().parents[1]


def small_figure():
    from maatwerk_stats.report.figures.plotting import subplots

    fig, ax = subplots(figsize=(3, 2))
    ax.plot([1, 2, 3], [2, 1, 3])
    return fig


# in a fresh interpreter (this one may have matplotlib loaded, which W would inherit):
# W's memory maps show matplotlib's compiled font module once it has imported matplotlib
PROBE = textwrap.dedent("""
    import time
    from maatwerk_stats.publish import figure_process as worker

    def loaded(pid):
        with open(f"/proc/{pid}/maps") as maps:
            return "ft2font" in maps.read()

    with worker.figure_process(deferred=True):
        pid = worker.current().pid
        time.sleep(1.5)
        print("before:", loaded(pid))
        worker.go_ahead()
        worker.go_ahead()  # once is enough; a second call does nothing
        deadline = time.monotonic() + 120
        while not loaded(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        print("after:", loaded(pid))
""")


@pytest.mark.slow
def test_a_deferred_figure_process_imports_only_after_go_ahead():
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["before:", "False", "after:", "True"]


def test_a_deferred_figure_process_renders_its_first_job_without_go_ahead(tmp_path):
    render_files(small_figure(), tmp_path / "here.png", tmp_path / "here.svg")
    with worker.figure_process(deferred=True), OutputWriter(tmp_path / "out") as writer:
        process = worker.current()
        assert process is not None and process.go is not None
        save_figure(small_figure, writer, "f")
        assert process.sent == 1 and process.go is None  # the job let it go ahead
    for suffix in ("png", "svg"):
        assert (tmp_path / "out" / "figures" / f"f.{suffix}").read_bytes() == (
            tmp_path / f"here.{suffix}").read_bytes()


def test_a_deferred_figure_process_without_jobs_ends_with_its_block():
    with worker.figure_process(deferred=True):
        process = worker.current()
        assert process is not None
    assert worker.current() is None and process.ended
    with pytest.raises(ChildProcessError):
        os.waitpid(process.pid, os.WNOHANG)  # reaped: nothing left running
    worker.go_ahead()  # without a figure process: nothing
