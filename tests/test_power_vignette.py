"""``power vignette``: the batched REML fit equals the single fit; simulated power agrees with
the analytic power of the equivalent model; the type I error is α; impossible inputs."""

from __future__ import annotations

import math

import numpy as np
import pytest

from maatwerk_stats.analyses.power_vignette import (
    needed_respondents,
    resolve_effects,
    term_names,
    variance_components,
    vignette_power,
)
from maatwerk_stats.config.model import FactorConfig
from maatwerk_stats.errors import OptionError
from maatwerk_stats.stats.design import full_factorial
from maatwerk_stats.stats.distributions import t_two_sided_p
from maatwerk_stats.stats.mixed import fit_random_intercept
from maatwerk_stats.stats.mixed_batch import fit_many
from maatwerk_stats.stats.power import t_power


def factors(*n_levels: int) -> dict[str, FactorConfig]:
    out = {}
    for f, k in enumerate(n_levels):
        name = "abcdefgh"[f]
        levels = tuple(f"{name}{i}" for i in range(k))
        out[name] = FactorConfig(name=name, label=name.upper(), levels=levels,
                                 reference=levels[0], column=name)
    return out


def demo_matrix(n_per_group: int = 30, unequal: bool = False):
    runs = full_factorial([2, 2, 2])
    runs = np.vstack([runs, runs[:1]])
    g = 2 * n_per_group
    person = np.repeat(np.arange(g), 9)
    rows = np.tile(np.arange(9), g)
    if unequal:  # drop some ratings: cluster sizes 5..9
        keep = np.ones(len(person), dtype=bool)
        rng = np.random.default_rng(0)
        for i in range(g):
            keep[np.flatnonzero(person == i)[: rng.integers(0, 5)]] = False
        person, rows = person[keep], rows[keep]
    group = (person >= n_per_group).astype(float)
    f = runs[rows].astype(float)
    return np.column_stack([np.ones(len(rows)), f, group, f * group[:, None]]), person


@pytest.mark.parametrize(("sd_u", "unequal"), [(1.0, False), (0.05, False), (0.7, True)])
def test_the_batch_fit_equals_the_single_fit(sd_u, unequal):
    x, person = demo_matrix(unequal=unequal)
    rng = np.random.default_rng(3)
    beta = np.array([5, 0.5, 1, 0, 0.2, 0.4, 0, 0])
    y = (x @ beta + rng.normal(0, sd_u, (40, person.max() + 1))[:, person]
         + rng.normal(0, 1.2, (40, len(person))))
    fit = fit_many(y, x, person, np.eye(8)[1:])
    boundary = 0
    for b in range(len(y)):
        single = fit_random_intercept(y[b], x, person)
        boundary += single.boundary
        assert fit.gamma[b] == pytest.approx(single.theta**2, abs=1e-9)
        for j in range(1, 8):
            estimate, se, df = single.contrast(np.eye(8)[j])
            assert fit.estimate[b, j - 1] == pytest.approx(estimate, abs=1e-9)
            assert fit.std_error[b, j - 1] == pytest.approx(se, rel=1e-8)
            assert fit.df[b, j - 1] == pytest.approx(df, rel=1e-6)
            assert fit.p_value[b, j - 1] == pytest.approx(t_two_sided_p(estimate / se, df),
                                                          abs=1e-9)
    if sd_u < 0.1:
        assert boundary > 5  # boundary fits (θ = 0) are among them


def test_simulated_power_agrees_with_the_analytic_power_of_the_equivalent_model():
    """A 2×2×2 full factorial, every respondent rates all 8 vignettes, no groups. Each factor
    is balanced within every respondent, so its estimate is the within-respondent contrast:
    Var(β̂) = σ² / (G·K/4) and the t-test has the within df G(K − 1) − 3, whatever σ_u²
    (the Satterthwaite df of a balanced design are these). Analytic power: noncentral t
    with ncp = β / SE. The check: |simulated − analytic| ≤ 3.5 Monte-Carlo standard errors
    √(p(1 − p)/B), for an effect with power near 0.5 and one near 0.9."""
    g, k, var_u, var_e = 16, 8, 0.8, 1.5
    levels = full_factorial([2, 2, 2])
    simulations = 3000
    result = vignette_power(factors(2, 2, 2), levels, respondents=[g],
                            effects={"a[a1]": 0.35, "b[b1]": 0.7}, var_respondent=var_u,
                            var_residual=var_e, simulations=simulations, seed=11)
    table = result.table.set_index("term")
    df = g * (k - 1) - 3
    se = math.sqrt(var_e / (g * k / 4))
    for term, beta in (("a[a1]", 0.35), ("b[b1]", 0.7), ("c[c1]", 0.0)):
        analytic = t_power(beta / se, df)
        simulated = table.loc[term, "power"]
        mc_se = math.sqrt(analytic * (1 - analytic) / simulations)
        assert abs(simulated - analytic) <= 3.5 * mc_se, (term, simulated, analytic)
        assert table.loc[term, "conf_low"] <= simulated <= table.loc[term, "conf_high"]
    assert 0.3 < t_power(0.35 / se, df) < 0.7 and t_power(0.7 / se, df) > 0.8


def test_the_type_one_error_is_alpha_with_groups_and_sets():
    levels = full_factorial([3, 2, 2])
    sets = [[0, 3, 5, 6, 9, 10], [1, 2, 4, 7, 8, 11]]
    result = vignette_power(factors(3, 2, 2), levels, respondents=[25], effects={},
                            var_respondent=1.0, var_residual=1.0, sets=sets,
                            groups=["voor", "na"], simulations=2000, seed=5)
    table = result.table
    assert len(table) == len(term_names(factors(3, 2, 2), ["voor", "na"]))
    rate = table["power"].mean()  # 9 terms × 2000 studies
    assert abs(rate - 0.05) < 0.01
    assert (table["n_per_respondent"] == 6).all()
    assert (table["n_failed"] == 0).all()


def test_power_rises_with_n_and_the_curve_is_reproducible():
    levels = full_factorial([2, 2])
    kwargs = {"respondents": [10, 40], "effects": {"a": 0.4}, "var_respondent": 0.5,
              "var_residual": 1.0, "simulations": 400, "seed": 2}
    first = vignette_power(factors(2, 2), levels, **kwargs)
    again = vignette_power(factors(2, 2), levels, **kwargs)
    assert first.table.equals(again.table)
    power = first.table.set_index(["term", "n_respondents"])["power"]
    assert power.loc[("a[a1]", 40)] > power.loc[("a[a1]", 10)]


def test_effects_are_resolved_and_checked():
    fs = factors(2, 3)
    assert resolve_effects({"a": 0.5, "b[b2]": 1.0}, fs, "effect") == {"a[a1]": 0.5,
                                                                      "b[b2]": 1.0}
    with pytest.raises(OptionError, match="'b' has 2 levels besides its reference"):
        resolve_effects({"b": 1.0}, fs, "effect")
    with pytest.raises(OptionError, match="'z' is not a factor"):
        resolve_effects({"z": 1.0}, fs, "effect")
    with pytest.raises(OptionError, match="'b0' is not a non-reference level"):
        resolve_effects({"b[b0]": 1.0}, fs, "effect")


@pytest.mark.parametrize(("args", "match"), [
    ((1.0, 1.0, None, None), "must be at least 0 and below 1"),
    ((1.2, None, None, None), "must be at least 0 and below 1"),
    ((0.3, 0.0, None, None), "sd=0.0 must be a positive"),
    ((None, None, 1.0, 0.0), "must be positive"),
    ((None, None, None, None), "give the variance components"),
    ((0.3, None, 1.0, 1.0), "not both")])
def test_impossible_variance_components(args, match):
    with pytest.raises(OptionError, match=match):
        variance_components(*args)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"respondents": [0]}, "at least 2 respondents"),
    ({"respondents": [1]}, "needs at least 2 respondents"),
    ({"simulations": 5}, "at least 10 simulated"),
    ({"interactions": {"a[a1]": 0.5}}, "needs two groups"),
    ({"groups": ["voor", "voor"]}, "two different group names")])
def test_impossible_plans(kwargs, match):
    options = {"respondents": [20], "effects": {}, "var_respondent": 1.0,
               "var_residual": 1.0, "simulations": 50}
    options.update(kwargs)
    with pytest.raises(OptionError, match=match):
        vignette_power(factors(2, 2), full_factorial([2, 2]), **options)


def test_needed_respondents_is_the_smallest_simulated_size_reaching_the_target():
    import pandas as pd

    table = pd.DataFrame({
        "term": ["a"] * 3 + ["b"] * 3 + ["c"] * 3,
        "effect": [0.5] * 3 + [0.2] * 3 + [0.0] * 3,
        "n_respondents": [60, 20, 40] * 3,  # not sorted
        "power": [0.93, 0.41, 0.80, 0.30, 0.12, 0.22, 0.05, 0.04, 0.06],
        "conf_low": np.arange(9) / 100, "conf_high": np.arange(9) / 10,
        "group": "all"})
    needed = needed_respondents(table, 0.8).set_index("term")
    assert list(needed.index) == ["a", "b"]  # the term without an effect has no row
    a = needed.loc["a"]
    assert a["reached"] and a["n_respondents"] == 40 and a["power"] == 0.80
    assert (a["conf_low"], a["conf_high"]) == (0.02, 0.2)  # the row of n = 40
    assert (a["smallest_n"], a["largest_n"]) == (20, 60)
    b = needed.loc["b"]
    assert not b["reached"] and pd.isna(b["n_respondents"]) and b["power"] == 0.30
    assert needed_respondents(table, 0.95).loc[0, "reached"] is np.False_


def test_the_plan_says_how_many_to_recruit():
    factors = {"a": FactorConfig(name="a", label="A", levels=("a0", "a1"), reference="a0",
                                 column="a")}
    levels = full_factorial([2])
    result = vignette_power(factors, levels, respondents=[10, 40, 80], effects={"a": 0.6},
                            var_respondent=1.0, var_residual=1.0, simulations=300,
                            target_power=0.9)
    needed = result.tables()["power_needed"].iloc[0]
    curve = result.table.set_index("n_respondents")["power"]
    assert needed["target_power"] == 0.9 and needed["reached"]
    assert curve.loc[needed["n_respondents"]] >= 0.9
    assert all(curve.loc[n] < 0.9 for n in curve.index if n < needed["n_respondents"])
    with pytest.raises(OptionError, match="target"):
        vignette_power(factors, levels, respondents=[10], effects={"a": 0.6},
                       var_respondent=1.0, var_residual=1.0, target_power=1.0)
