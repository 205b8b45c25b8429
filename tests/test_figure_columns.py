"""The compare figures' jobs carry their tables as plain lists (``plotting.Columns``), so that
the figure process, forked by ``compare`` before pandas is imported, never imports pandas; the
drawings read those lists and draw the same bytes as the pandas-indexing drawings before."""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from maatwerk_stats import compare, load_config
from maatwerk_stats.io.write import OutputWriter
from maatwerk_stats.report.figures import plotting
from maatwerk_stats.report.figures.compare import likert_data, likert_legend, write_figures
from maatwerk_stats.report.figures.plotting import Columns

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"

# sha256 of the files `compare data/demo/pre.sav data/demo/post.sav --config
# configs/leeratelier.toml` wrote on main at 9350774, before the drawings read Columns (the
# same files as at b96c7ad: diff -r of the demo outputs)
_HASHES = """
nl compare_items_forest.png 19da603d94a6a3357d2dd64b0900532386c6fd1385ba776f1d71217b0ed3c90f
nl compare_items_forest.svg 74f11eead7f3a38f2a3c9e0b0501963ecd7ac72600a8dbbc9eb5ab825c8222cc
nl compare_items_likert.png eb6efd0331c7a2c5750e4f093df7f31a54d8b9fd16d06eab9808125e64f5e6f6
nl compare_items_likert.svg 64b6c4a578660942573857b9b06111b752f1dec002f200d33db257ff3d9d7630
nl compare_scale_means.png 660161ac56870121b13062ec79b09c8eb4c3c5a5a549cec81cfd5ee19d763693
nl compare_scale_means.svg 11fd9180dd0c5808a4c2fbe1d868e35cec6e3897de1642613c743d49925d26a6
en compare_items_forest.png 13eb2a23ebb80d18daf7373937f2e87130d3b035e15b2903bddd1f29026e795d
en compare_items_forest.svg f7a94ec75693ddabda1e5c820b2b55e0581943ce21fc59d31c7d1ab9e8dc610d
en compare_items_likert.png b0899bea56c459f7ba1794fb3a289a19b5dfb46bf48d5d0e44f7539a34c4ba7c
en compare_items_likert.svg deac5b494714f6a9d0cc7c513db2de49124f5793e5ac136b06e4b89f97669e7f
en compare_scale_means.png 71823ff330597fbba15d959884a25b515665d58293e77b6058b13f643e289568
en compare_scale_means.svg 6aea43015a649648eac4ed178a6af683287d87cc99149ab4d58504de98e0af50
"""
BEFORE: dict[str, dict[str, str]] = {}
for _line in _HASHES.strip().splitlines():
    _lang, _name, _hash = _line.split()
    BEFORE.setdefault(_lang, {})[_name] = _hash

# a fresh interpreter with what the figure process imports before its jobs (numpy,
# matplotlib, the compare figure module), not pandas: runs the pickled jobs
RUN_JOBS = """
import pickle, sys
if sys.argv.pop(1) == "plain":  # matplotlib's own import, with its property docstrings
    import matplotlib.figure
from maatwerk_stats.report.figures.plotting import preload_matplotlib
import maatwerk_stats.report.figures.compare
preload_matplotlib()
assert "pandas" not in sys.modules
for path in sys.argv[1:]:
    with open(path, "rb") as handle:
        pickle.load(handle)()
print("pandas imported:", "pandas" in sys.modules)
"""


def pickled_jobs(monkeypatch, folder: Path) -> list[str]:
    """The files into which each figure job sent from now on is pickled, as the figure
    process's submit pickles it (to run elsewhere: a fresh interpreter); none is rendered
    here."""
    jobs: list[str] = []

    def submit(job):
        path = folder / f"job{len(jobs)}.pickle"
        path.write_bytes(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
        jobs.append(str(path))
        return lambda _complete: None

    monkeypatch.setattr(plotting, "submit_job", submit)
    return jobs


@pytest.fixture(scope="module")
def result():
    return compare(DEMO / "pre.sav", DEMO / "post.sav",
                   config=load_config(ROOT / "configs" / "leeratelier.toml"))


@pytest.mark.skipif(sys.platform != "linux", reason="the figure process: Linux only")
@pytest.mark.parametrize(("lang", "matplotlib_import"),
                         [("nl", "light"), ("en", "light"), ("nl", "plain")])
def test_the_jobs_run_without_pandas_and_draw_the_same_bytes(result, tmp_path, monkeypatch,
                                                            lang, matplotlib_import):
    """``light``: matplotlib imported as the figure process imports it, without its property
    docstrings (``figures.matplotlib_import``); ``plain``: imported as usual first."""
    jobs = pickled_jobs(monkeypatch, tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with OutputWriter(tmp_path / "out") as writer:
        write_figures(result, writer, lang)
        assert len(jobs) == 3
        done = subprocess.run([sys.executable, "-c", RUN_JOBS, matplotlib_import, *jobs], env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    assert done.stdout == "pandas imported: False\n"
    written = {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
               for path in (tmp_path / "out" / "figures").iterdir()}
    assert written == BEFORE[lang]


PANDAS_IN_W = """
import sys
from functools import partial
from pathlib import Path
from maatwerk_stats.publish import figure_process as worker

def record(path):
    Path(path).write_text(str("pandas" in sys.modules))

shared = tuple(sys.argv[2].split(","))
with worker.figure_process(shared=shared):
    worker.current().submit(partial(record, sys.argv[1]))(False)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the figure process: Linux only")
@pytest.mark.parametrize(("shared", "pandas_there"), [("numpy", "False"),
                                                      ("numpy,pandas", "True")])
def test_the_figure_process_is_forked_before_pandas_when_asked(tmp_path, shared, pandas_there):
    """``figure_process(shared=("numpy",))`` (compare) forks W before pandas is imported,
    and W does not import it; by default (vignette, factsheet) W has it from the fork."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    record = tmp_path / "record.txt"
    done = subprocess.run([sys.executable, "-c", PANDAS_IN_W, str(record), shared], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert record.read_text() == pandas_there


def test_columns_of_a_frame():
    frame = pd.DataFrame({"item": ["a", "b", "a"], "n": np.array([3, 4, 5], np.int64),
                          "mean": [1.5, math.nan, 2.0], "flag": [True, False, True]})
    columns = Columns.of(frame)
    assert len(columns) == 3 and Columns.of(columns) is columns
    assert columns["n"] == [3, 4, 5] and type(columns["n"][0]) is int
    part = columns.where("item", "a")
    assert part["n"] == [3, 5] and part["mean"] == [1.5, 2.0]
    rows = columns.rows()
    assert [repr(tuple(row)) for row in rows] == [repr(tuple(row)) for row in
                                                 frame.itertuples(index=False)]
    assert [type(v) for v in rows[0]] == [type(v) for v in next(frame.itertuples(index=False))]
    assert rows[2].mean == 2.0 and rows[1].flag is False
    assert columns.take([2, 0])["item"] == ["a", "a"]
    assert len(Columns({})) == 0 and Columns.of(frame.iloc[:0]).rows() == []
    assert repr(pickle.loads(pickle.dumps(columns)).data) == repr(columns.data)


def test_likert_legend_of_columns_equals_that_of_the_frame(result):
    data = likert_data(result)
    assert likert_legend(Columns.of(data), "nl") == likert_legend(data, "nl")
    no_labels = data.assign(value_label="")
    assert likert_legend(no_labels, "en") == {answer: f"{answer:.0f}"
                                              for answer in sorted(data["answer"].unique())}
