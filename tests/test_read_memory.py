"""The memory bound of reading a CSV (issue 9 goal, issue 10 class 9), measured: the peak
resident memory of a process reading a generated Dutch CSV of about 60 MB with ``read_data``,
minus that process's peak after the imports and a small read, per byte of the file, is at
most :data:`maatwerk_stats.io.read.CSV_MEMORY_PER_BYTE` (the bound README.md states) for a
survey export (the file of ``benchmarks/run.py: make_big_csv``: an id, 20 Likert items, a
decimal-comma number, two short text columns; the benchmark reads 500 MB of it), and
:data:`~maatwerk_stats.io.read.CSV_MEMORY_PER_BYTE_HARD` for a file of decimal-comma numbers
and half-empty items."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from maatwerk_stats.io.read import CSV_MEMORY_PER_BYTE, CSV_MEMORY_PER_BYTE_HARD

ROOT = Path(__file__).resolve().parents[1]

MEASURE = r"""
import sys
from maatwerk_stats.io.read import read_data

def peak():  # VmHWM: the peak resident memory of this process so far, in bytes
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) * 1024

read_data(sys.argv[2])  # every import and lazy set-up of a read
before = peak()
data = read_data(sys.argv[1])
print(before, peak(), len(data.frame))
"""


def make_big_csv(folder, megabytes: int):
    """``benchmarks/run.py: make_big_csv`` (the benchmark's file, smaller)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    bench = sys.modules.setdefault("bench_run", importlib.util.module_from_spec(spec))
    spec.loader.exec_module(bench)
    return bench.make_big_csv(folder, megabytes)


def write_csv(path, make, megabytes: int) -> Path:
    """Blocks of ``make()`` rows as a Dutch CSV of about ``megabytes`` MB."""
    with path.open("w", encoding="utf-8") as handle:
        first = True
        while handle.tell() < megabytes * 1_000_000:
            make().to_csv(handle, sep=";", decimal=",", index=False, header=first)
            first = False
    return path


def decimals_and_gaps(folder, megabytes: int) -> Path:
    """The harder kind: decimal-comma numbers ("12,3": float64, and parsed twice), and
    items of which half the answers are missing (empty cells, 1 byte in the file, 4 in
    memory)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(3)
    n = 100_000

    def make():
        items = np.where(rng.random((n, 10)) < 0.5, np.nan, rng.integers(1, 6, (n, 10)))
        frame = pd.DataFrame(items, columns=[f"item_{j}" for j in range(10)])
        for j in range(5):
            frame[f"uren_{j}"] = np.round(rng.gamma(2, 4, n), 1)
        return frame

    return write_csv(folder / "decimals_and_gaps.csv", make, megabytes)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
@pytest.mark.parametrize(("kind", "bound"), [("survey", CSV_MEMORY_PER_BYTE),
                                             ("decimals_and_gaps", CSV_MEMORY_PER_BYTE_HARD)])
def test_reading_a_csv_stays_within_the_stated_memory_per_byte(tmp_path, kind, bound):
    big = (make_big_csv(tmp_path, 60) if kind == "survey"
           else decimals_and_gaps(tmp_path, 60))
    small = tmp_path / "small.csv"
    small.write_text("respnr;item_1;ervaring;meting\n1;3;2,5;voor\n2;4;1,5;na\n",
                     encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", MEASURE, str(big), str(small)],
                          capture_output=True, text=True, check=True)
    before, after, n = map(int, done.stdout.split())
    assert n == sum(1 for _ in big.open("rb")) - 1  # every row read
    per_byte = (after - before) / big.stat().st_size
    assert per_byte <= bound, f"{kind}: {per_byte:.2f} bytes per input byte"
