"""Team-survey numerics (stats/correlation, agreement, regression) against R on real data.

References: tests/reference/teams.R on ``multilevel::bh1996`` (7,382 soldiers, 99 companies)
and ``bhr2000`` (item level), R 4.2.2, multilevel 2.7, psych 2.2.9, lme4 1.1-31, lmerTest 3.1-3,
sandwich 3.0-2, car, emmeans. Tolerances (observed deviations in brackets):
- correlations, Fisher CIs, descriptives: 1e-10 absolute (≤ 1e-14); p-values 1e-9 relative
  and 1e-300 absolute (R's pt near the smallest doubles);
- rwg(j), ICC(1), ICC(2): 1e-10 absolute (≤ 1e-15);
- OLS and CR1: 1e-8 relative (≤ 1e-12); mixed estimates and SEs 1e-6 relative, Satterthwaite
  df 1e-5 relative (lmerTest differentiates numerically), variance components 1e-6 relative
  (as the vignette golden tests).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from maatwerk_stats.stats.agreement import icc_oneway, rwg_j, uniform_null_variance
from maatwerk_stats.stats.cluster import fit_cluster_ols
from maatwerk_stats.stats.correlation import pairs, pearson_table, within_between
from maatwerk_stats.stats.mixed import fit_random_intercept
from maatwerk_stats.stats.regression import fit_ols, std_coefficients, t_inference, vif

REFERENCE = Path(__file__).resolve().parent / "reference"
BH = pd.read_csv(REFERENCE / "data" / "bh1996.csv")
BHR = pd.read_csv(REFERENCE / "data" / "bhr2000.csv")
ITEMS = ["AF06", "AF07", "AP12", "AP17", "AP33", "AP34", "AS14", "AS15", "AS16", "AS17", "AS28"]


def codes(values: pd.Series) -> np.ndarray:
    return pd.factorize(values, sort=True)[0]


def test_pearson_table_matches_cor_test_and_corr_test_holm() -> None:
    from maatwerk_stats.stats.twosample import adjust_p

    ref = pd.read_csv(REFERENCE / "teams_correlations.csv")
    names = ["COHES", "LEAD", "HRS_M", "WBEING"]
    table = pearson_table(BH[names].to_numpy())
    index = pairs(len(names))
    p = [table.p_value[i, j] for i, j in index]
    adjusted = adjust_p(p, "holm")
    assert len(ref) == len(index)
    for row, (i, j), p_adj in zip(ref.itertuples(), index, adjusted, strict=True):
        assert (row.variable_1, row.variable_2) == (names[i], names[j])
        assert table.n[i, j] == row.n
        assert table.r[i, j] == pytest.approx(row.r, abs=1e-10)
        assert table.conf_low[i, j] == pytest.approx(row.conf_low, abs=1e-10)
        assert table.conf_high[i, j] == pytest.approx(row.conf_high, abs=1e-10)
        assert table.p_value[i, j] == pytest.approx(row.p_value, rel=1e-9, abs=1e-300)
        assert p_adj == pytest.approx(row.p_adjusted, rel=1e-9, abs=1e-300)
    assert np.allclose(table.r, table.r.T, equal_nan=True)


def test_within_between_matches_psych_statsby() -> None:
    ref = pd.read_csv(REFERENCE / "teams_within_between.csv")
    names = ["COHES", "LEAD", "HRS", "WBEING"]
    result = within_between(BH[names].to_numpy(), codes(BH["GRP"]))
    assert result.n_teams == 99
    for row, (i, j) in zip(ref.itertuples(), pairs(len(names)), strict=True):
        w, b = result.within, result.between
        assert w.r[i, j] == pytest.approx(row.r_within, abs=1e-10)
        assert w.n[i, j] == row.n_within
        assert w.conf_low[i, j] == pytest.approx(row.low_within, abs=1e-10)
        assert w.conf_high[i, j] == pytest.approx(row.high_within, abs=1e-10)
        assert w.p_value[i, j] == pytest.approx(row.p_within_exact, rel=1e-9, abs=1e-300)
        assert b.r[i, j] == pytest.approx(row.r_between, abs=1e-10)
        assert b.n[i, j] == row.n_between
        assert b.conf_low[i, j] == pytest.approx(row.low_between, abs=1e-10)
        assert b.conf_high[i, j] == pytest.approx(row.high_between, abs=1e-10)
        assert b.p_value[i, j] == pytest.approx(row.p_between_exact, rel=1e-8, abs=1e-300)
        if row.p_between > 0:  # statsBy's own p (0 below 1e-16)
            assert b.p_value[i, j] == pytest.approx(row.p_between, rel=1e-5)


def test_rwg_j_matches_multilevel() -> None:
    ref = pd.read_csv(REFERENCE / "teams_rwg_j.csv")
    values, n = rwg_j(BHR[ITEMS].to_numpy(), codes(BHR["GRP"]), uniform_null_variance(5))
    teams = np.sort(BHR["GRP"].unique())
    assert list(teams) == list(ref["team"])
    np.testing.assert_allclose(values, ref["rwg_j"], atol=1e-10)
    np.testing.assert_array_equal(n, ref["n"])
    agreement = pd.read_csv(REFERENCE / "teams_agreement.csv").set_index("variable")
    row = agreement.loc["bhr2000_items"]
    assert values.mean() == pytest.approx(row.rwg_j_mean, abs=1e-10)
    assert np.median(values) == pytest.approx(row.rwg_j_median, abs=1e-10)
    assert np.mean(values >= 0.70) == pytest.approx(row.rwg_j_share_70, abs=1e-12)


def test_rwg_j_is_zero_above_the_null_and_missing_for_one_member() -> None:
    # team 0: answers 1 and 5 (variance 8 > (25 - 1)/12 = 2): 0; team 1 one member: NaN
    items = np.array([[1.0, 5.0], [5.0, 1.0], [3.0, 3.0]])
    values, n = rwg_j(items, np.array([0, 0, 1]), uniform_null_variance(5))
    assert values[0] == 0.0
    assert np.isnan(values[1])
    assert list(n) == [2, 1]


def test_icc_matches_multilevel() -> None:
    agreement = pd.read_csv(REFERENCE / "teams_agreement.csv").set_index("variable")
    scale = BHR[ITEMS].mean(axis=1).to_numpy()
    icc1, icc2 = icc_oneway(scale, codes(BHR["GRP"]))
    assert icc1 == pytest.approx(agreement.loc["bhr2000_items", "icc1"], abs=1e-10)
    assert icc2 == pytest.approx(agreement.loc["bhr2000_items", "icc2"], abs=1e-10)
    for name in ["COHES", "LEAD", "HRS", "WBEING"]:
        icc1, icc2 = icc_oneway(BH[name].to_numpy(), codes(BH["GRP"]))
        assert icc1 == pytest.approx(agreement.loc[name, "icc1"], abs=1e-10)
        assert icc2 == pytest.approx(agreement.loc[name, "icc2"], abs=1e-10)


def design(columns: list[str]) -> np.ndarray:
    data = BH.assign(**{"LEAD:COHES": BH["LEAD"] * BH["COHES"]})
    for name in ("HRS", "LEAD"):
        team_mean = BH.groupby("GRP")[name].transform("mean")
        data = data.assign(**{f"W.{name}": BH[name] - team_mean, f"G.{name}": team_mean})
    return np.column_stack([np.ones(len(BH)), data[columns].to_numpy()])


MODELS = {"main": ["HRS", "LEAD", "COHES"], "interaction": ["HRS", "LEAD", "COHES", "LEAD:COHES"],
          "centred": ["W.HRS", "W.LEAD", "G.HRS", "G.LEAD"]}


@pytest.fixture(scope="module")
def fits() -> dict[tuple[str, str], object]:
    y = BH["WBEING"].to_numpy()
    g = codes(BH["GRP"])
    out = {}
    for name, columns in MODELS.items():
        x = design(columns)
        out[(name, "ols")] = fit_ols(y, x)
        out[(name, "ols_cluster")] = fit_cluster_ols(y, x, g, kind="cr1")
        out[(name, "mixed")] = fit_random_intercept(y, x, g)
    return out


def test_regressions_match_lm_vcovcl_and_lmertest(fits: dict) -> None:
    ref = pd.read_csv(REFERENCE / "teams_regression_coefficients.csv")
    y = BH["WBEING"].to_numpy()
    for (name, model), group in ref.groupby(["regression", "model"], sort=False):
        fit = fits[(name, model)]
        x = design(MODELS[name])
        std = std_coefficients(fit.coef, x, y)
        rel, df_rel = (1e-6, 1e-5) if model == "mixed" else (1e-8, 1e-12)
        for j, row in enumerate(group.itertuples()):
            weights = np.eye(x.shape[1])[j]
            result = t_inference(*fit.contrast(weights))
            assert result["estimate"] == pytest.approx(row.estimate, rel=rel), (name, model, j)
            assert result["std_error"] == pytest.approx(row.std_error, rel=rel)
            assert result["df"] == pytest.approx(row.df, rel=df_rel)
            assert result["statistic"] == pytest.approx(row.statistic, rel=rel)
            assert result["p_value"] == pytest.approx(row.p_value, rel=1e-4, abs=1e-300)
            assert result["conf_low"] == pytest.approx(row.conf_low, rel=rel)
            assert result["conf_high"] == pytest.approx(row.conf_high, rel=rel)
            if j == 0:
                assert np.isnan(std[0]) and np.isnan(row.std_estimate)
            else:
                assert std[j] == pytest.approx(row.std_estimate, rel=rel)


def test_fit_statistics_match(fits: dict) -> None:
    ref = pd.read_csv(REFERENCE / "teams_regression_fit.csv")
    y = BH["WBEING"].to_numpy()
    null = fit_random_intercept(y, np.ones((len(y), 1)), codes(BH["GRP"]))
    for row in ref.itertuples():
        fit = fits[(row.regression, row.model)]
        assert null.icc == pytest.approx(row.icc_null, rel=1e-6)
        if row.model == "ols":
            assert fit.r_squared == pytest.approx(row.r_squared, rel=1e-10)
            assert fit.adj_r_squared == pytest.approx(row.adj_r_squared, rel=1e-10)
        if row.model == "mixed":
            assert fit.var_respondent == pytest.approx(row.var_team, rel=1e-6)
            assert fit.var_residual == pytest.approx(row.var_residual, rel=1e-6)
            assert fit.icc == pytest.approx(row.icc, rel=1e-6)
            assert fit.reml_deviance == pytest.approx(row.reml_deviance, rel=1e-9)
            assert fit.converged


def test_simple_slopes_match_emtrends_and_cr1(fits: dict) -> None:
    ref = pd.read_csv(REFERENCE / "teams_simple_slopes.csv")
    columns = ["Intercept", *MODELS["interaction"]]
    lead, product = columns.index("LEAD"), columns.index("LEAD:COHES")
    mean, sd = BH["COHES"].mean(), BH["COHES"].std(ddof=1)
    for row in ref.itertuples():
        fit = fits[("interaction", row.model)]
        weights = np.zeros(len(columns))
        weights[lead] = 1.0
        weights[product] = row.moderator_value
        assert np.isclose(row.moderator_value, [mean - sd, mean, mean + sd], rtol=1e-12).any()
        result = t_inference(*fit.contrast(weights))
        rel = 1e-6 if row.model == "mixed" else 1e-8
        assert result["estimate"] == pytest.approx(row.estimate, rel=rel)
        assert result["std_error"] == pytest.approx(row.std_error, rel=rel)
        assert result["df"] == pytest.approx(row.df, rel=1e-5 if row.model == "mixed" else 1e-12)
        assert result["conf_low"] == pytest.approx(row.conf_low, rel=rel)
        assert result["conf_high"] == pytest.approx(row.conf_high, rel=rel)
        assert result["p_value"] == pytest.approx(row.p_value, rel=1e-4, abs=1e-300)


def test_vif_matches_car() -> None:
    ref = pd.read_csv(REFERENCE / "teams_vif.csv")
    values = vif(BH[list(ref["term"])].to_numpy())
    np.testing.assert_allclose(values, ref["vif"], rtol=1e-10)
