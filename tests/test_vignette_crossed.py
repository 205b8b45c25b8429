"""Crossed random intercepts for respondent and vignette against lmerTest
(tests/reference/vignette_crossed.R): a simulated 3 × 3 × 2 study with a vignette variance,
and the demo (where the vignette variance is 0, a boundary fit)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from maatwerk_stats.analyses.vignette_models import crossed_model
from maatwerk_stats.config import load_config
from maatwerk_stats.config.options import vignette_settings
from maatwerk_stats.io.deck import read_deck
from maatwerk_stats.io.read import read_data
from maatwerk_stats.prepare.ratings import prepare_vignette_data
from maatwerk_stats.stats.mixed_crossed import _Problem, fit_crossed

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "reference"
R = pd.read_csv(REFERENCE / "vignette_crossed.csv")
# lme4 stops its optimiser (bobyqa) a little before the optimum: our θ̂ has a REML deviance
# at most as high as lme4's (checked below), and the numbers agree to these tolerances
ESTIMATE, SE, DF, VARIANCE = 1e-5, 1e-4, 1e-3, 1e-4


def simulated():
    d = pd.read_csv(REFERENCE / "data" / "vignette_crossed.csv")
    x = np.column_stack([np.ones(len(d)), d.a == "a2", d.a == "a3", d.b == "b2", d.b == "b3",
                         d.c == "c2"]).astype(float)
    return (d["rating"].to_numpy(float), x, pd.factorize(d["respondent"])[0],
            pd.factorize(d["vignette"])[0])


def test_the_crossed_fit_matches_lmertest_on_a_study_with_a_vignette_variance():
    y, x, respondents, vignettes = simulated()
    fit = fit_crossed(y, x, respondents, vignettes)
    ref = R[R["model"] == "simulated"].reset_index(drop=True)
    assert fit.converged
    assert fit.var_respondent == pytest.approx(ref.loc[0, "var_respondent"], rel=VARIANCE)
    assert fit.var_vignette == pytest.approx(ref.loc[0, "var_vignette"], rel=VARIANCE)
    assert fit.var_residual == pytest.approx(ref.loc[0, "var_residual"], rel=VARIANCE)
    for j, row in ref.iterrows():
        estimate, se, df = fit.contrast(np.eye(x.shape[1])[j])
        assert estimate == pytest.approx(row["estimate"], abs=ESTIMATE)
        assert se == pytest.approx(row["std_error"], rel=SE)
        assert df == pytest.approx(row["df"], rel=DF)
    # our optimum is at least as good as lme4's
    problem = _Problem(y, x, respondents, vignettes)
    theirs = np.sqrt([ref.loc[0, "var_respondent"], ref.loc[0, "var_vignette"]]
                     / ref.loc[0, "var_residual"])
    assert problem.profiled(np.array(fit.theta)) <= problem.profiled(theirs) + 1e-9


def test_the_crossed_model_on_the_demo_is_a_boundary_fit_as_in_lmertest():
    config = load_config(ROOT / "configs" / "leeratelier.toml")
    settings, explicit = vignette_settings(config)
    data = prepare_vignette_data(read_data(ROOT / "data" / "demo" / "vignetten.csv"), settings,
                                 deck=read_deck(settings.deck, settings.vignette),
                                 explicit=explicit)
    result = crossed_model(data)
    ours = result.coefficients.set_index("term")
    ref = R[R["model"] == "demo"].set_index("term")
    names = {"Intercept": "(Intercept)", "reputatie[succesvol]": "reputatiesuccesvol",
             "hulpbehoevendheid[slecht_ter_been]": "hulpbehoevendheidslecht_ter_been",
             "capaciteiten[goed_voorbereid]": "capaciteitengoed_voorbereid"}
    for term, r_term in names.items():
        assert ours.loc[term, "estimate"] == pytest.approx(ref.loc[r_term, "estimate"],
                                                           abs=ESTIMATE)
        assert ours.loc[term, "std_error"] == pytest.approx(ref.loc[r_term, "std_error"],
                                                            rel=SE)
        assert ours.loc[term, "df"] == pytest.approx(ref.loc[r_term, "df"], rel=DF)
        assert ours.loc[term, "p_value"] == pytest.approx(ref.loc[r_term, "p_value"],
                                                          rel=1e-3)
    fit = result.fit.iloc[0]
    assert fit["var_vignette"] == 0.0 and bool(fit["converged"])
    assert fit["var_respondent"] == pytest.approx(ref["var_respondent"].iloc[0], rel=VARIANCE)
    assert fit["n_vignettes"] == 9
