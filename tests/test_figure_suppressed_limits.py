"""Figures whose rows are all suppressed (publish/privacy.py blanks every mean of a scale's
row when one group has fewer than ``report.min_cell`` respondents) are drawn empty, with their
row labels and counts, instead of stopping on NaN axis limits: a factsheet with a group of 3
and scales of different ranges ended in "interne fout (ValueError)"."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from maatwerk_stats import compare, load_config
from maatwerk_stats.publish.privacy import suppress_comparison
from maatwerk_stats.report.figures import printed
from maatwerk_stats.report.figures.compare import scale_means_data, scale_means_figure
from maatwerk_stats.report.figures.compare_waves import WavesStudy, waves_figure
from maatwerk_stats.report.figures.plotting import Columns, fitted_limits
from maatwerk_stats.report.figures.vignette import FigureStudy, marginal_means_figure

CONFIG = """[study]
name = "klein"
id = "resp"
language = "nl"

[scales.zelf]
label = "Zelfeffectiviteit"
items = ["zelf_1", "zelf_2", "zelf_3"]
range = [1, 7]

[scales.tevreden]
label = "Tevredenheid"
items = ["tevreden_1", "tevreden_2", "tevreden_3"]
range = [1, 5]

[groups]
column = "meting"
order = ["T0", "T1"]

[data]
questionnaire = "klein.csv"

[report]
min_cell = 5
"""


def small_group_study(folder: Path, n_first: int = 20, n_second: int = 3) -> Path:
    """A generated study in ``folder``: ``n_first`` respondents at T0, ``n_second`` at T1
    (below min_cell = 5), one scale 1–7 and one 1–5. Returns the config's path."""
    rng = np.random.default_rng(7)
    header = ["resp", "meting", *(f"zelf_{i}" for i in (1, 2, 3)),
              *(f"tevreden_{i}" for i in (1, 2, 3))]
    rows = [",".join(header)]
    for k in range(n_first + n_second):
        answers = [*rng.integers(1, 8, 3), *rng.integers(1, 6, 3)]
        group = "T0" if k < n_first else "T1"
        rows.append(",".join([str(1000 + k), group, *map(str, answers)]))
    (folder / "klein.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    config = folder / "klein.toml"
    config.write_text(CONFIG, encoding="utf-8")
    return config


def test_printed_scale_means_of_a_suppressed_small_group_span_the_declared_ranges(tmp_path):
    config = small_group_study(tmp_path)
    raw = compare(tmp_path / "klein.csv", config=load_config(config))
    suppressed, count = suppress_comparison(raw, min_cell=5)
    assert count > 0
    data = scale_means_data(suppressed)
    assert data["mean"].isna().all()  # the small group's rows: both groups' means blanked
    fig = printed.scale_means_figure(None, "nl", data=data)
    low, high = fig.axes[0].get_xlim()
    assert (low, high) == pytest.approx((1, 7 + 0.12 * 6))  # 1–7 and 1–5: from 1 to 7
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["T0 (n = 20)", "T1 (n = 3)"]
    fig.canvas.draw()


def test_printed_scale_means_of_published_rows_still_fit_the_data(tmp_path):
    config = small_group_study(tmp_path, n_second=12)
    data = scale_means_data(compare(tmp_path / "klein.csv", config=load_config(config)))
    assert data["mean"].notna().all()
    low, high = printed.scale_means_figure(None, "nl", data=data).axes[0].get_xlim()
    first, last = data["conf_low"].min(), data["conf_high"].max()
    pad = 0.1 * (last - first)
    assert low == pytest.approx(first - pad)
    assert high == pytest.approx(last + pad + 0.12 * (last - first + 2 * pad))


def suppressed_scale_means() -> Columns:
    """Two measurements of a scale without a declared range, both blanked."""
    nan = math.nan
    return Columns({"scale": ["s", "s"], "label": ["Schaal", "Schaal"],
                    "group": ["T0", "T1"], "group_label": ["T0", "T1"], "n": [20, 3],
                    "mean": [nan, nan], "conf_low": [nan, nan], "conf_high": [nan, nan],
                    "range_low": [nan, nan], "range_high": [nan, nan]})


def test_standalone_scale_means_without_a_range_are_drawn_empty():
    fig = scale_means_figure(None, "nl", data=suppressed_scale_means())
    assert fig.axes[0].get_xlim() == (0.0, 1.0)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["T0 (n = 20)",
                                                                    "T1 (n = 3)"]


def test_means_over_time_without_a_range_are_drawn_empty():
    nan = math.nan
    data = Columns({"variable": ["s", "s"], "label": ["Schaal", "Schaal"],
                    "site": ["all", "all"], "wave": ["T0", "T1"], "n": [20, 3],
                    "estimate": [nan, nan], "conf_low": [nan, nan], "conf_high": [nan, nan],
                    "range_low": [nan, nan], "range_high": [nan, nan]})
    fig = waves_figure(WavesStudy(2, ("T0", "T1"), {}), "nl", data=data)
    assert fig.axes[0].get_ylim() == (0.0, 1.0)


def test_marginal_means_of_suppressed_groups_are_drawn_empty():
    nan = math.nan
    data = Columns({"factor": ["f", "f"], "factor_label": ["Factor", "Factor"],
                    "level": ["a", "b"], "level_label": ["a", "b"], "group": ["g", "g"],
                    "group_label": ["G (weggelaten)"] * 2, "estimate": [nan, nan],
                    "conf_low": [nan, nan], "conf_high": [nan, nan], "x": [0, 1],
                    "x_plot": [0.0, 1.0]})
    fig = marginal_means_figure(FigureStudy("Oordeel"), "nl", data=data)
    assert fig.axes[0].get_ylim() == pytest.approx((-0.08, 1.08))


def test_fitted_limits_skip_missing_and_infinite_values():
    nan, inf = math.nan, math.inf
    assert fitted_limits([[nan, 2.0], [4.0, inf], [None, 3.0]], 0.1) == pytest.approx(
        (1.8, 4.2))
    assert fitted_limits([[3.0], [3.0]], 0.1) == pytest.approx((2.9, 3.1))  # one point
    # a mean without an interval (n = 1 has no SD) is still inside the axis
    assert fitted_limits([[nan, 2.0], [nan, 3.0], [6.0, 2.5]], 0.0) == (2.0, 6.0)
    assert fitted_limits([[nan], [nan]], 0.1, fallback=(1.0, 7.0)) == (1.0, 7.0)
