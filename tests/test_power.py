"""``power compare``: analytic power, n and detectable delta against R's power.t.test
(tests/reference/power.R → power_t_test.csv)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from maatwerk_stats.analyses.power import compare_power, parse_sizes
from maatwerk_stats.errors import OptionError
from maatwerk_stats.stats.power import power_t, solve_power_t, t_test_power

REFERENCE = pd.read_csv(Path(__file__).resolve().parent / "reference" / "power_t_test.csv")
TOLERANCE = 1e-6  # the bound; the largest deviation is about 2e-10


@pytest.mark.parametrize("row", list(REFERENCE.itertuples(index=False)),
                         ids=lambda r: f"{r.type}-{r.alternative}-{r.strict}-{r.n}")
def test_power_n_and_delta_match_power_t_test(row):
    options = {"sd": row.sd, "alpha": row.sig_level, "type": row.type,
               "alternative": row.alternative, "strict": bool(row.strict)}
    assert power_t(row.n, row.delta, **options) == pytest.approx(row.power, abs=TOLERANCE)
    n = solve_power_t(delta=row.delta, power=row.target_power, **options)["n"]
    assert n == pytest.approx(row.n_for_power, abs=TOLERANCE)
    delta = solve_power_t(n=row.n, power=row.target_power, **options)["delta"]
    assert delta == pytest.approx(row.delta_for_power, abs=TOLERANCE)


def test_the_existing_power_function_is_the_same_formula():
    assert power_t(22, 0.7) == pytest.approx(t_test_power(0.7, 22, 22), abs=1e-14)
    assert power_t(15, 0.4, type="paired") == pytest.approx(t_test_power(0.4, 15), abs=1e-14)


def test_compare_power_solves_n_and_rounds_up():
    result = compare_power(delta=0.5, power=0.8)
    row = result.table.iloc[0]
    expected = REFERENCE.query("type == 'two.sample' and alternative == 'two.sided' and "
                               "strict and delta == 0.5 and sd == 1 and sig_level == 0.05")
    assert row["n_exact"] == pytest.approx(expected["n_for_power"].iloc[0], abs=1e-6)
    assert row["n_respondents"] == math.ceil(row["n_exact"])
    assert row["power"] >= 0.8 and row["n_total"] == 2 * row["n_respondents"]
    assert list(result.table.columns[:8]) == ["term", "effect", "n_respondents",
                                              "n_per_respondent", "power", "conf_low",
                                              "conf_high", "n_simulations"]


def test_compare_power_over_a_range_of_sizes_increases():
    table = compare_power(type="paired", n=parse_sizes("10:50:10"), delta=0.4).table
    assert table["n_respondents"].tolist() == [10, 20, 30, 40, 50]
    assert table["power"].is_monotonic_increasing
    assert (table["n_per_respondent"] == 2).all()


def test_parse_sizes():
    assert parse_sizes("60") == [60]
    assert parse_sizes("20,40, 60") == [20, 40, 60]
    assert parse_sizes("20:100:40") == [20, 60, 100]
    with pytest.raises(OptionError, match="start:stop:step"):
        parse_sizes("veel")


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"delta": 0.5}, "exactly two of n, delta and power"),
    ({"n": [20], "delta": 0.5, "power": 0.8}, "exactly two"),
    ({"n": [0], "delta": 0.5}, "at least 2 respondents per group"),
    ({"n": [1], "delta": 0.5, "type": "paired"}, "at least 2 respondents in all"),
    ({"delta": 0.5, "power": 1.2}, "power=1.2 must lie strictly between 0.05 and 1"),
    ({"delta": 0.5, "power": 0.8, "alpha": 0}, "alpha=0 must lie strictly"),
    ({"delta": 0.0, "power": 0.8}, "non-zero difference"),
    ({"delta": 0.5, "power": 0.8, "sd": -1}, "sd=-1 must be a positive"),
    ({"delta": 0.5, "power": 0.8, "type": "twee"}, "use one of independent"),
])
def test_impossible_inputs(kwargs, match):
    with pytest.raises(OptionError, match=match):
        compare_power(**kwargs)
