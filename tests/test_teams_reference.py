"""``correlate``, ``teams`` and ``regress`` as a user runs them (config → prepare → analyses)
against R on multilevel::bh1996 / bhr2000 (tests/reference/teams.R; configs bh1996.toml and
bhr2000.toml beside it). Tolerances as tests/test_teams_stats_reference.py: r, CIs, ICCs and
rwg(j) 1e-10 absolute; OLS/CR1 1e-8 relative; mixed 1e-6 relative, Satterthwaite df 1e-5.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from maatwerk_stats.analyses.correlate import correlate
from maatwerk_stats.analyses.regress import regress
from maatwerk_stats.analyses.teams import team_agreement
from maatwerk_stats.config import load_config
from maatwerk_stats.io.read import read_data
from maatwerk_stats.prepare.teams import prepare_survey

REFERENCE = Path(__file__).resolve().parent / "reference"
# our term names for the centred model → the bh1996 columns R used
CENTRED = {"Intercept": "(Intercept)", "HRS": "W.HRS", "LEAD": "W.LEAD",
           "HRS_team_mean": "G.HRS", "LEAD_team_mean": "G.LEAD"}


@pytest.fixture(scope="module")
def bh() -> tuple:
    config = load_config(REFERENCE / "bh1996.toml")
    dataset = read_data(REFERENCE / "data" / "bh1996.csv")
    return config, dataset


def test_correlate_tables_match_r(bh: tuple) -> None:
    config, dataset = bh
    names = list(config.survey.correlations.variables)
    data = prepare_survey(dataset, config, names, team=config.survey.teams.column)
    result = correlate(data, names)
    ref = pd.read_csv(REFERENCE / "teams_correlations.csv")
    ours = result.correlations
    assert list(ours["variable_1"]) == list(ref["variable_1"])
    assert list(ours["variable_2"]) == list(ref["variable_2"])
    np.testing.assert_array_equal(ours["n"], ref["n"])
    for column in ("r", "conf_low", "conf_high"):
        np.testing.assert_allclose(ours[column], ref[column], atol=1e-10)
    np.testing.assert_allclose(ours["p_value"], ref["p_value"], rtol=1e-9, atol=1e-300)
    np.testing.assert_allclose(ours["p_adjusted"], ref["p_adjusted"], rtol=1e-9, atol=1e-300)
    descriptives = pd.read_csv(REFERENCE / "teams_descriptives.csv")
    np.testing.assert_array_equal(result.descriptives["n"], descriptives["n"])
    for column in ("mean", "sd", "min", "max"):
        np.testing.assert_allclose(result.descriptives[column], descriptives[column], atol=1e-10)
    assert result.n_teams == 99
    assert set(result.tables()) == {"descriptives", "correlations", "correlations_within",
                                    "correlations_between"}
    assert result.between["n"].eq(99).all()


def test_within_between_tables_match_statsby(bh: tuple) -> None:
    config, dataset = bh
    names = ["COHES", "LEAD", "HRS", "WBEING"]
    result = correlate(prepare_survey(dataset, config, names, team="GRP"), names)
    ref = pd.read_csv(REFERENCE / "teams_within_between.csv")
    np.testing.assert_allclose(result.within["r"], ref["r_within"], atol=1e-10)
    np.testing.assert_allclose(result.within["conf_low"], ref["low_within"], atol=1e-10)
    np.testing.assert_allclose(result.between["r"], ref["r_between"], atol=1e-10)
    np.testing.assert_allclose(result.between["conf_high"], ref["high_between"], atol=1e-10)
    np.testing.assert_allclose(result.between["p_value"], ref["p_between_exact"], rtol=1e-8)


def test_team_agreement_matches_multilevel() -> None:
    config = load_config(REFERENCE / "bhr2000.toml")
    dataset = read_data(REFERENCE / "data" / "bhr2000.csv")
    data = prepare_survey(dataset, config, ["leadership"], team="GRP")
    result = team_agreement(data, ["leadership"], min_cell=5)
    ref = pd.read_csv(REFERENCE / "teams_agreement.csv").set_index("variable")
    row = result.agreement.iloc[0]
    expected = ref.loc["bhr2000_items"]
    for column in ("icc1", "icc2", "rwg_j_mean", "rwg_j_median", "rwg_j_share_70"):
        assert row[column] == pytest.approx(expected[column], abs=1e-10), column
    assert row["n_teams"] == 99 and row["n"] == 5400 and row["n_teams_rwg"] == 99
    per_team = pd.read_csv(REFERENCE / "teams_rwg_j.csv")
    means = result.team_means
    assert list(means["team"]) == [str(t) for t in per_team["team"]]
    np.testing.assert_allclose(means["rwg_j"], per_team["rwg_j"], atol=1e-10)
    np.testing.assert_array_equal(means["n"], per_team["n"])


def test_regressions_match_r(bh: tuple) -> None:
    config, dataset = bh
    models = list(config.survey.regressions.values())
    used = list(dict.fromkeys(v for m in models for v in m.variables()))
    result = regress(prepare_survey(dataset, config, used, team="GRP"), models)
    ref = pd.read_csv(REFERENCE / "teams_regression_coefficients.csv")
    ours = result.coefficients.copy()
    ours["r_term"] = [CENTRED[t] if r == "centred" else
                      ("(Intercept)" if t == "Intercept" else t)
                      for r, t in zip(ours["regression"], ours["term"], strict=True)]
    merged = ours.merge(ref, left_on=["regression", "model", "r_term"],
                        right_on=["regression", "model", "term"], suffixes=("", "_r"))
    assert len(merged) == len(ref) == len(ours)
    for model, rows in merged.groupby("model"):
        rel = 1e-6 if model == "mixed" else 1e-8
        for column in ("estimate", "std_error", "statistic", "conf_low", "conf_high"):
            np.testing.assert_allclose(rows[column], rows[f"{column}_r"], rtol=rel,
                                       err_msg=f"{model} {column}")
        np.testing.assert_allclose(rows["df"], rows["df_r"], rtol=1e-5 if model == "mixed"
                                   else 1e-12)
        np.testing.assert_allclose(rows["p_value"], rows["p_value_r"], rtol=1e-4, atol=1e-300)
        finite = rows["std_estimate_r"].notna()
        np.testing.assert_allclose(rows.loc[finite, "std_estimate"],
                                   rows.loc[finite, "std_estimate_r"], rtol=rel)
    fit = result.fit.merge(pd.read_csv(REFERENCE / "teams_regression_fit.csv"),
                           on=["regression", "model"], suffixes=("", "_r"))
    assert len(fit) == 9
    np.testing.assert_allclose(fit["icc_null"], fit["icc_null_r"], rtol=1e-6)
    ols = fit[fit["model"] != "mixed"]
    np.testing.assert_allclose(ols["r_squared"], ols["r_squared_r"], rtol=1e-10)
    np.testing.assert_allclose(ols["adj_r_squared"], ols["adj_r_squared_r"], rtol=1e-10)
    mixed = fit[fit["model"] == "mixed"]
    for column in ("var_team", "var_residual", "icc"):
        np.testing.assert_allclose(mixed[column], mixed[f"{column}_r"], rtol=1e-6)
    assert fit["converged"].all()
    slopes = result.simple_slopes.merge(pd.read_csv(REFERENCE / "teams_simple_slopes.csv"),
                                        on=["regression", "model", "predictor", "moderator"],
                                        suffixes=("", "_r"))
    slopes = slopes[np.isclose(slopes["moderator_value"], slopes["moderator_value_r"],
                               rtol=1e-12)]
    assert len(slopes) == 9
    for column in ("estimate", "std_error", "conf_low", "conf_high"):
        np.testing.assert_allclose(slopes[column], slopes[f"{column}_r"], rtol=1e-6)
    vif = pd.read_csv(REFERENCE / "teams_vif.csv")
    main = result.coefficients.query("regression == 'main' and model == 'ols'")
    np.testing.assert_allclose(main["vif"].iloc[1:], vif["vif"], rtol=1e-10)
