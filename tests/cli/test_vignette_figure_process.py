"""``vignette`` draws its figures in the figure process (``publish/figure_process.py``):
matplotlib is imported there, on the second core while the ratings are read, never in the
command's own process, and the figures are the same files."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """
import sys
from maatwerk_stats.cli import main
sys.argv[0] = "maatwerk-stats"
try:
    main()
finally:
    print("matplotlib imported here:", "matplotlib" in sys.modules)
"""


@pytest.mark.slow
def test_vignette_figures_come_from_the_figure_process(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, "vignette", "data/demo/vignetten.csv", "--config",
         "configs/leeratelier.toml", "--out", str(tmp_path / "out"), "-q"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "matplotlib imported here: False" in done.stdout
    figures = sorted(p.name for p in (tmp_path / "out" / "figures").iterdir())
    assert figures == ["vignette_coefficients.png", "vignette_coefficients.svg",
                       "vignette_marginal_means.png", "vignette_marginal_means.svg"]
    assert all((tmp_path / "out" / "figures" / name).stat().st_size > 1000 for name in figures)


# the same run, recording in each figure job (in W's child, after W unpickled it) whether
# pandas is imported there
WITHOUT_PANDAS = """
import functools, sys
from pathlib import Path
from maatwerk_stats.cli import main
from maatwerk_stats.report.figures import plotting
record = Path(sys.argv.pop(1))
job = plotting.render_job

@functools.wraps(job)
def render_job(*args):
    job(*args)
    with record.open("a") as handle:
        handle.write(f"{'pandas' in sys.modules}\\n")

plotting.render_job = render_job
sys.argv[0] = "maatwerk-stats"
try:
    main()
finally:
    print("matplotlib imported here:", "matplotlib" in sys.modules)
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="the figure process: Linux only")
@pytest.mark.parametrize("options", [[], ["--per-vignette"]])
def test_the_figure_process_of_vignette_never_imports_pandas(tmp_path, options):
    """``vignette`` forks its figure process before pandas (``shared=("numpy",)``) and its
    jobs carry plain lists (``write_vignette_figures``, ``write_per_vignette_figure``), so
    neither W nor the children that draw import pandas; the command's own process never
    imports matplotlib, also with the per-vignette figure."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "OPENBLAS_NUM_THREADS": "1"}
    record = tmp_path / "pandas.txt"
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_PANDAS, str(record), "vignette",
         "data/demo/vignetten.csv", "--config", "configs/leeratelier.toml", "--out",
         str(tmp_path / "out"), "-q", *options],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert record.read_text().splitlines() == ["False"] * (2 + len(options))
    assert "matplotlib imported here: False" in done.stdout
