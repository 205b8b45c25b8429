"""Speed and memory benchmarks, each a ratio against a baseline measured in the same run.

    make bench            (or: .venv/bin/python benchmarks/run.py [NAME ...])

Absolute times depend on the machine; ratios against a baseline doing comparable work on the
same machine, in the same run, do not (much). Each benchmark states its goal as a maximum
ratio; the script prints every ratio and exits 1 when a goal is missed. These are not unit
tests: run them when touching a hot path (reading, scoring, model fitting, start-up).
"""

from __future__ import annotations

import os
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
    limit: float | None = None  # an absolute goal for ``ours`` (seconds), besides the ratio


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
    """The slowest of ``maatwerk-stats --help`` and ``maatwerk-stats COMMAND --help`` (median of
    5 processes each) versus ``python -c 'import typer'``; the goal is absolute (≤ 0.2 s)."""
    def run(code: str) -> float:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    ours = max(run(f"import sys; sys.argv = ['maatwerk-stats', {', '.join(map(repr, args))}]\n"
                   "from maatwerk_stats.cli import main\ntry:\n main()\nexcept SystemExit:\n pass")
               for args in (["--help"], ["compare", "--help"], ["vignette", "--help"],
                            ["factsheet", "--help"]))
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


def run_process(args: list[str], repeat: int = 3) -> float:
    """Median wall time of a whole process (start-up, imports, reading, writing included)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


CLI = [sys.executable, "-c", "import sys; from maatwerk_stats.cli import main; "
       "sys.argv[0] = 'maatwerk-stats'; main()"]
FLOOR = [sys.executable, "-c", "import pandas, scipy.special, matplotlib.figure"]


def make_vignette_ratings(folder: Path, n_respondents: int) -> Path:
    """Long vignette data like the demo's (9 vignettes of the demo deck per respondent, in a
    random order, before/after), as a Dutch CSV."""
    import numpy as np
    import pandas as pd

    path = folder / f"vignetten_{n_respondents}.csv"
    if path.exists():
        return path
    rng = np.random.default_rng(n_respondents)
    deck = pd.read_csv(ROOT / "data/demo/deck.csv").set_index("vignette")
    shown = rng.permuted(np.tile(np.arange(1, 10), (n_respondents, 1)), axis=1).ravel()
    levels = deck.loc[shown]
    respondent = np.repeat(np.arange(1, n_respondents + 1), 9)
    rating = (6 + 0.8 * (levels["reputatie"].to_numpy() == "succesvol")
              + 0.5 * (levels["capaciteiten"].to_numpy() == "goed_voorbereid")
              + np.repeat(rng.normal(0, 1.2, n_respondents), 9)
              + rng.normal(0, 1.5, len(shown)))
    pd.DataFrame({
        "respondent": respondent,
        "meting": np.where(respondent <= n_respondents // 2, "voor", "na"),
        "vignette": shown, "positie": np.tile(np.arange(1, 10), n_respondents),
        **{c: levels[c].to_numpy() for c in ("reputatie", "hulpbehoevendheid", "capaciteiten")},
        "bereidheid": np.clip(np.rint(rating), 1, 10).astype(int),
    }).to_csv(path, sep=";", index=False)
    return path


def vignette_config(folder: Path) -> Path:
    """The demo config with absolute paths (so it works from the benchmark folder)."""
    text = (ROOT / "configs/leeratelier.toml").read_text(encoding="utf-8")
    path = folder / "leeratelier.toml"
    path.write_text(text.replace('"../data/demo/', f'"{ROOT / "data/demo"}/'), encoding="utf-8")
    return path


def vignette_process(folder: Path, n_respondents: int, repeat: int = 3) -> float:
    data = make_vignette_ratings(folder, n_respondents)
    return run_process([*CLI, "vignette", str(data), "--config", str(vignette_config(folder)),
                        "--out", str(folder / f"out_vignette_{n_respondents}"), "--quiet"],
                       repeat)


def bench_vignette_process(folder: Path) -> tuple[float, float]:
    """The whole `maatwerk-stats vignette` (both models with Satterthwaite df, design checks,
    figures, files) on 900,000 ratings versus statsmodels OLS with cluster-robust standard
    errors on the same ratings (reading included, in its own process): one model, no df, no
    checks, no figures."""
    data = make_vignette_ratings(folder, 100_000)
    baseline = [sys.executable, "-c", (
        "import pandas as pd, statsmodels.formula.api as smf\n"
        f"f = pd.read_csv({str(data)!r}, sep=';')\n"
        "smf.ols('bereidheid ~ C(meting) * (C(reputatie) + C(hulpbehoevendheid)"
        " + C(capaciteiten))', f).fit(cov_type='cluster',"
        " cov_kwds={'groups': f['respondent']})")]
    return vignette_process(folder, 100_000, repeat=3), run_process(baseline, repeat=3)


def bench_vignette_growth(folder: Path) -> tuple[float, float]:
    """Growth from 10,000 to 100,000 respondents: the ratio is 10^b for time ∝ n^b, so the
    goal 12.6 means b ≤ 1.1 (linear, with some slack for start-up costs that do not grow)."""
    return vignette_process(folder, 100_000), vignette_process(folder, 10_000)


def bench_compare_demo(_: Path) -> tuple[float, float]:
    """`compare` on the demo (58 respondents, three scales, figures) versus the floor every
    Python tool pays: starting Python and importing pandas, scipy and matplotlib."""
    with tempfile.TemporaryDirectory() as out:
        ours = run_process([*CLI, "compare", str(ROOT / "data/demo/pre.sav"),
                            str(ROOT / "data/demo/post.sav"), "--config",
                            str(ROOT / "configs/leeratelier.toml"), "--out", out, "--quiet"])
    return ours, run_process(FLOOR)


def bench_factsheet_demo(_: Path) -> tuple[float, float]:
    """`factsheet` on the demo (scales, comparison, vignettes, 5 figures, HTML and DOCX)
    versus the same floor."""
    with tempfile.TemporaryDirectory() as out:
        ours = run_process([*CLI, "factsheet", "--config",
                            str(ROOT / "configs/leeratelier.toml"), "--out", out, "--quiet"])
    return ours, run_process(FLOOR)


TEAMS_N, TEAMS_G = 100_000, 1_000

LMER_SCRIPT = r"""
suppressPackageStartupMessages(library(lmerTest))
d <- read.csv(commandArgs(TRUE)[1])
times <- c()
for (i in 1:3) {
  start <- proc.time()[["elapsed"]]
  fit <- lmer(y ~ support + climate + uncertainty + support:climate + (1 | team), data = d,
              REML = TRUE)
  s <- summary(fit)$coefficients
  times <- c(times, proc.time()[["elapsed"]] - start)
}
write.csv(data.frame(term = rownames(s), estimate = s[, "Estimate"], se = s[, "Std. Error"],
                     df = s[, "df"], seconds = min(times)), commandArgs(TRUE)[2],
          row.names = FALSE)
"""


def bench_teams_mixed(folder: Path) -> tuple[float, float]:
    """The random-intercept regression of ``regress`` (REML + Satterthwaite df of every
    coefficient) on 100,000 professionals in 1,000 teams vs ``lmerTest::lmer`` + ``summary``
    on the same data in R (model fit only, best of 3 in both; R's start-up and CSV reading
    not counted). The estimates, SEs and df must agree to 1e-6 (relative)."""
    import numpy as np
    import pandas as pd

    from maatwerk_stats.stats.mixed import fit_random_intercept

    rng = np.random.default_rng(12)
    team = rng.integers(0, TEAMS_G, size=TEAMS_N)
    support = rng.normal(3.6, 0.6, TEAMS_N) + rng.normal(0, 0.4, TEAMS_G)[team]
    climate = rng.normal(3.8, 0.5, TEAMS_N) + rng.normal(0, 0.3, TEAMS_G)[team]
    uncertainty = rng.normal(2.7, 0.7, TEAMS_N)
    y = (3.3 + 0.2 * support + 0.15 * climate - 0.3 * uncertainty + 0.05 * support * climate
         + rng.normal(0, 0.2, TEAMS_G)[team] + rng.normal(0, 0.5, TEAMS_N))
    frame = pd.DataFrame({"team": team, "support": support, "climate": climate,
                          "uncertainty": uncertainty, "y": y})
    data = folder / "teams_100k.csv"
    frame.to_csv(data, index=False, float_format="%.17g")
    script = folder / "teams_lmer.R"
    script.write_text(LMER_SCRIPT, encoding="utf-8")
    out = folder / "teams_lmer.csv"
    subprocess.run(["Rscript", str(script), str(data), str(out)], check=True,
                   capture_output=True)
    r = pd.read_csv(out)
    x = np.column_stack([np.ones(TEAMS_N), support, climate, uncertainty, support * climate])

    def ours() -> list[tuple[float, float, float]]:
        fit = fit_random_intercept(y, x, team)
        return [fit.contrast(row) for row in np.eye(x.shape[1])]

    rows = np.array(ours())
    for column, values in (("estimate", rows[:, 0]), ("se", rows[:, 1])):
        np.testing.assert_allclose(values, r[column], rtol=1e-6, err_msg=column)
    np.testing.assert_allclose(rows[:, 2], r["df"], rtol=1e-4, err_msg="Satterthwaite df")
    return best_of(ours), float(r["seconds"].iloc[0])

def bench_power_vignette(_: Path) -> tuple[float, float]:
    """`power vignette`: 1,000 simulated studies of 60 respondents per group (pre/post, so 120)
    × the 9 demo vignettes, each fitted with REML + Satterthwaite df for all 7 terms, versus
    refitting the same 1,000 studies one by one with statsmodels MixedLM (REML, no df): 20
    refits timed, scaled to 1,000."""
    import numpy as np
    import pandas as pd
    import statsmodels.formula.api as smf

    from maatwerk_stats.analyses.power_vignette import vignette_power
    from maatwerk_stats.config import load_config
    from maatwerk_stats.stats.design import full_factorial

    factors = load_config(ROOT / "configs" / "leeratelier.toml").vignette.factors
    levels = full_factorial([2, 2, 2])
    levels = np.vstack([levels, levels[:1]])  # the demo's 9th vignette repeats the 1st

    def ours() -> None:
        vignette_power(factors, levels, respondents=[60], groups=["voor", "na"],
                       effects={"reputatie[succesvol]": 0.3},
                       interactions={"reputatie[succesvol]": 0.5},
                       var_respondent=1.6, var_residual=2.4, simulations=1000)

    rng = np.random.default_rng(1)
    person = np.repeat(np.arange(120), 9)
    frame = pd.DataFrame({"person": person, "group": (person >= 60).astype(int)})
    for f, name in enumerate(factors):
        frame[name] = np.tile(levels[:, f], 120)
    formula = "y ~ (" + " + ".join(factors) + ") * group"

    def baseline() -> None:
        for _ in range(20):
            frame["y"] = (0.3 * frame["reputatie"] + 0.5 * frame["reputatie"] * frame["group"]
                          + rng.normal(0, 1.26, 120)[person] + rng.normal(0, 1.55, len(frame)))
            smf.mixedlm(formula, frame, groups=frame["person"]).fit(reml=True)

    return best_of(ours, repeat=1), best_of(baseline, repeat=1) * 1000 / 20


BENCHMARKS = [
    Benchmark("startup", "slowest of --help and COMMAND --help vs python -c 'import typer'",
              2.0, bench_startup, limit=0.2),
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
    Benchmark("vignette_100k", "whole `vignette` process, 100,000 × 9 ratings vs statsmodels "
              "clustered OLS process", 1.5, bench_vignette_process),
    Benchmark("vignette_growth", "whole `vignette` process, 100,000 vs 10,000 respondents "
              "(10^b for time ∝ n^b)", 12.6, bench_vignette_growth),
    Benchmark("compare_demo", "whole `compare` on the demo with figures vs importing pandas, "
              "scipy, matplotlib", 6.0, bench_compare_demo),
    Benchmark("power_vignette", "`power vignette` 1,000 studies of 60 + 60 respondents × 9 "
              "with a pre/post interaction vs 1,000 statsmodels MixedLM refits", 0.05,
              bench_power_vignette, limit=5.0),
    Benchmark("factsheet_demo", "whole `factsheet` on the demo vs importing pandas, scipy, "
              "matplotlib", 10.0, bench_factsheet_demo),
    Benchmark("teams_mixed", "random intercept per team, REML + Satterthwaite, 100,000 "
              "professionals in 1,000 teams vs lmerTest::lmer + summary (estimates to 1e-6)",
              0.2, bench_teams_mixed),
]


RESULTS = ROOT / "benchmarks" / "RESULTS.md"


def main(names: list[str]) -> int:
    import platform

    chosen = [b for b in BENCHMARKS if not names or b.name in names]
    failed = 0
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        make_survey(Path(folder))
        print(f"{'benchmark':<16} {'ours':>10} {'baseline':>10} {'ratio':>7} {'goal':>6}  what")
        for bench in chosen:
            ours, baseline = bench.run(Path(folder))
            ratio = ours / baseline
            ok = ratio <= bench.goal and (bench.limit is None or ours <= bench.limit)
            goal = f"≤ {bench.goal:g}" + (f", ≤ {bench.limit:g} s" if bench.limit else "")
            failed += not ok
            fmt = (lambda v: f"{v / 2**20:.1f} MB") if bench.unit == "memory" else (
                lambda v: f"{v:.3f} s")
            print(f"{bench.name:<16} {fmt(ours):>10} {fmt(baseline):>10} {ratio:7.2f} "
                  f"{goal:>6}  {bench.what}{'' if ok else '   <-- goal missed'}",
                  flush=True)
            lines.append(f"| `{bench.name}` | {bench.what} | {fmt(ours)} | {fmt(baseline)} "
                         f"| {ratio:.2f} | {goal} | {'met' if ok else '**missed**'} |")
    if not names:  # a full run: keep its table (README links to it)
        RESULTS.write_text(
            "# Benchmark results\n\n"
            f"Written by `make bench` on {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}. Each row is a ratio "
            "against a baseline measured in the same run (see `benchmarks/run.py` for what "
            "each measures); absolute times depend on the machine.\n\n"
            "| benchmark | what | ours | baseline | ratio | goal | |\n"
            "|---|---|---:|---:|---:|---:|---|\n" + "\n".join(lines) + "\n",
            encoding="utf-8")
        print(f"Wrote {RESULTS.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
