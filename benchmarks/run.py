"""Speed and memory benchmarks, each a ratio against a baseline measured in the same run.

    make bench            (or: .venv/bin/python benchmarks/run.py [NAME ...])

Absolute times depend on the machine; ratios against a baseline doing comparable work on the
same machine, in the same run, do not (much). Each benchmark states its goal as a maximum
ratio; the script prints every ratio and exits 1 when a goal is missed. These are not unit
tests: run them when touching a hot path (reading, scoring, model fitting, start-up).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

N_RESPONDENTS = 100_000
N_ITEMS = 30


@dataclass(frozen=True)
class Benchmark:
    name: str
    what: str
    goal: float
    run: Callable[[Path], tuple[float, float]]  # (ours, baseline)
    unit: str = "time"


def best_of(function: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_memory(function: Callable[[], object]) -> float:
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return float(peak)


def make_survey(folder: Path) -> dict[str, Path]:
    """A large synthetic questionnaire as Dutch CSV and as SPSS .sav."""
    import numpy as np
    import pandas as pd
    import pyreadstat

    rng = np.random.default_rng(1)
    stems = ["samenwerking", "regie", "maatwerk", "houding", "norm", "vertrouwen"]
    columns = [f"{stems[j // 5]}_{j % 5 + 1}" for j in range(N_ITEMS)]
    latent = rng.normal(size=(N_RESPONDENTS, len(stems)))
    values = np.clip(np.rint(3 + latent[:, [j // 5 for j in range(N_ITEMS)]]
                             + rng.normal(0, 0.8, (N_RESPONDENTS, N_ITEMS))), 1, 5)
    frame = pd.DataFrame(values, columns=columns)
    frame.insert(0, "respnr", np.arange(N_RESPONDENTS))
    frame["ervaring"] = np.round(rng.gamma(2, 4, N_RESPONDENTS), 1)
    paths = {"csv": folder / "survey.csv", "sav": folder / "survey.sav"}
    frame.to_csv(paths["csv"], sep=";", decimal=",", index=False, encoding="cp1252")
    pyreadstat.write_sav(frame, str(paths["sav"]),
                         missing_ranges={c: [9] for c in columns})
    return paths


def bench_startup(_: Path) -> tuple[float, float]:
    def run(code: str) -> float:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    ours = run("import sys; sys.argv = ['maatwerk-stats', '--help']\n"
               "from maatwerk_stats.cli import main\ntry:\n main()\nexcept SystemExit:\n pass")
    baseline = run("import typer")
    return ours, baseline


def bench_read_csv(folder: Path) -> tuple[float, float]:
    import pandas as pd

    from maatwerk_stats.io.read import read_data

    path = folder / "survey.csv"
    return (best_of(lambda: read_data(path)),
            best_of(lambda: pd.read_csv(path, sep=";", decimal=",", encoding="cp1252")))


def bench_read_sav(folder: Path) -> tuple[float, float]:
    import pyreadstat

    from maatwerk_stats.io.read import read_data

    path = folder / "survey.sav"
    return (best_of(lambda: read_data(path)),
            best_of(lambda: pyreadstat.read_sav(str(path), user_missing=True)))


def bench_read_csv_memory(folder: Path) -> tuple[float, float]:
    import pandas as pd

    from maatwerk_stats.io.read import read_data

    path = folder / "survey.csv"
    return (peak_memory(lambda: read_data(path)),
            peak_memory(lambda: pd.read_csv(path, sep=";", decimal=",", encoding="cp1252")))


def bench_scales(folder: Path) -> tuple[float, float]:
    """Scoring + all reliability tables versus the bare minimum: per scale the row means and
    one covariance matrix (what alpha needs)."""
    import numpy as np

    from maatwerk_stats.analyses.scales import reliability
    from maatwerk_stats.config import infer_config
    from maatwerk_stats.io.read import read_data
    from maatwerk_stats.prepare.items import score_scales

    data = read_data(folder / "survey.sav")
    config = infer_config(data)

    def baseline() -> None:
        for scale in config.scales.values():
            block = data.frame[list(scale.items)].to_numpy()
            np.nanmean(block, axis=1)
            np.cov(block[~np.isnan(block).any(axis=1)], rowvar=False)

    return best_of(lambda: reliability(score_scales(data, config))), best_of(baseline)


def bench_vignette(_: Path) -> tuple[float, float]:
    """The whole vignette analysis of the cregg tax experiment (32,000 ratings of 2,000
    respondents, 7 factors: mixed model + CR1 OLS + marginal means + design checks) versus
    what a user would otherwise run: statsmodels OLS with cluster-robust SEs."""
    import dataclasses

    import pandas as pd
    import statsmodels.formula.api as smf

    from maatwerk_stats.api import vignette
    from maatwerk_stats.config import load_config

    frame = pd.read_csv(ROOT / "tests/reference/data/taxes.csv.gz", dtype=str)
    frame["chose_plan"] = frame["chose_plan"].astype(float)
    config = load_config(ROOT / "tests/reference/taxes.toml")
    config = dataclasses.replace(config, vignette=dataclasses.replace(
        config.vignette, group=None, group_order=None))
    formula = "chose_plan ~ " + " + ".join(f"C(Q('{f}'))" for f in config.vignette.factors)
    clusters = frame["ID"].astype("category").cat.codes

    def baseline() -> None:
        smf.ols(formula, frame).fit(cov_type="cluster", cov_kwds={"groups": clusters})

    return best_of(lambda: vignette(frame, config)), best_of(baseline)


BENCHMARKS = [
    Benchmark("startup", "maatwerk-stats --help vs python -c 'import typer'", 2.0,
              bench_startup),
    Benchmark("read_csv", f"read_data, Dutch CSV {N_RESPONDENTS:,} × {N_ITEMS + 2} vs "
              "pandas.read_csv told the format", 6.0, bench_read_csv),
    Benchmark("read_csv_memory", "peak memory of the same read vs pandas.read_csv", 4.0,
              bench_read_csv_memory, unit="memory"),
    Benchmark("read_sav", "read_data, .sav with user-missing vs pyreadstat.read_sav", 2.0,
              bench_read_sav),
    Benchmark("scales", "score_scales + reliability vs row means + covariance", 20.0,
              bench_scales),
    Benchmark("vignette", "vignette(), taxes 32,000 ratings vs statsmodels clustered OLS", 5.0,
              bench_vignette),
]


def main(names: list[str]) -> int:
    chosen = [b for b in BENCHMARKS if not names or b.name in names]
    failed = 0
    with tempfile.TemporaryDirectory() as folder:
        make_survey(Path(folder))
        print(f"{'benchmark':<16} {'ours':>10} {'baseline':>10} {'ratio':>7} {'goal':>6}  what")
        for bench in chosen:
            ours, baseline = bench.run(Path(folder))
            ratio = ours / baseline
            ok = ratio <= bench.goal
            failed += not ok
            fmt = (lambda v: f"{v / 2**20:8.1f}MB") if bench.unit == "memory" else (
                lambda v: f"{v:9.3f}s")
            print(f"{bench.name:<16} {fmt(ours):>10} {fmt(baseline):>10} {ratio:7.2f} "
                  f"{bench.goal:6.1f}  {bench.what}{'' if ok else '   <-- goal missed'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
