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
