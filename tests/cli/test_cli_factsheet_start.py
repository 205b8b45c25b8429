"""``factsheet`` forks its figure process before it reads the config, so that matplotlib is
imported on the second core while this process loads the config and runs the analyses; a
config that fails to load still gives its one error line, writes nothing and leaves no
figure process behind."""

from __future__ import annotations

import os
import sys

import pytest
from typer.testing import CliRunner

from maatwerk_stats import config as config_module
from maatwerk_stats.cli import app
from maatwerk_stats.publish import figure_process as worker

from ..conftest import CONFIG

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="fork: Linux only")


def test_the_figure_process_runs_before_the_config_is_read(tmp_path, monkeypatch):
    seen: list[bool] = []
    load = config_module.load_config

    def recording(path):
        seen.append(worker.current() is not None)
        return load(path)

    monkeypatch.setattr(config_module, "load_config", recording)
    result = CliRunner().invoke(app, ["factsheet", "--config", str(CONFIG), "--out",
                                      str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert seen == [True]
    assert worker.current() is None
    assert (tmp_path / "out" / "factsheet.docx").is_file()


def test_a_config_that_fails_to_load_ends_the_figure_process(tmp_path, monkeypatch):
    started: list[worker.FigureProcess] = []
    start = worker._start

    def recording(*args, **kwargs):
        started.append(start(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(worker, "_start", recording)
    broken = tmp_path / "broken.toml"
    broken.write_text('[study]\ntitle = \n', encoding="utf-8")
    result = CliRunner().invoke(app, ["factsheet", "--config", str(broken), "--out",
                                      str(tmp_path / "out")])
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"Fout: {broken}, regel 2 is geen geldige TOML")
    assert not (tmp_path / "out").exists()
    assert worker.current() is None
    assert len(started) == 1
    with pytest.raises(ChildProcessError):  # W was ended and waited for
        os.waitpid(started[0].pid, os.WNOHANG)


JOB_PROGRAM = """
import pickle, sys
from maatwerk_stats.cli.factsheet import FIGURE_PRELOAD
from maatwerk_stats.report.figures.plotting import preload_matplotlib
preload_matplotlib()
for name in FIGURE_PRELOAD:
    __import__(name)
before = set(sys.modules)
pickle.loads(sys.stdin.buffer.read())
print(sorted(m for m in set(sys.modules) - before if m.startswith("maatwerk_stats")))
"""


def test_the_figure_process_needs_no_import_to_unpickle_the_vignette_jobs(
        vignette_result, tmp_path, monkeypatch):
    """What the figure process imports while it waits (FIGURE_PRELOAD) holds every module the
    printed coefficients, as the factsheet sends them, need to unpickle: it starts no job
    while it imports."""
    import pickle
    import subprocess

    from maatwerk_stats.io.write import OutputWriter
    from maatwerk_stats.publish.factsheet_figures import FactsheetFigures
    from maatwerk_stats.report.figures import plotting

    sent: list[bytes] = []

    def recording(job):  # the job as it would go to the figure process; drawn here
        sent.append(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))

    monkeypatch.setattr(plotting, "submit_job", recording)
    with OutputWriter(tmp_path / "out") as writer:
        FactsheetFigures(writer, "nl").start_vignette(vignette_result)
    done = subprocess.run([sys.executable, "-c", JOB_PROGRAM], input=sent[0],
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().strip() == "[]"
