"""Properties of the vignette analysis that must hold for any data (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maatwerk_stats import vignette

NUMERIC = ["estimate", "std_error", "statistic", "df", "p_value", "conf_low", "conf_high"]


def make_study(seed: int, n_respondents: int, grouped: bool, missing: float) -> pd.DataFrame:
    """Random vignette data: two binary factors and a three-level factor, respondent
    intercepts, optional groups, some missing ratings."""
    rng = np.random.default_rng(seed)
    cards = [(a, b, c) for a in ("nee", "ja") for b in ("laag", "hoog")
             for c in ("x", "y", "z")]
    rows = []
    for respondent in range(n_respondents):
        group = ("voor", "na")[respondent % 2] if grouped else "voor"
        intercept = rng.normal(5, 1)
        for number, (a, b, c) in enumerate(cards, start=1):
            rating = (intercept + 0.6 * (a == "ja") + 0.3 * (b == "hoog")
                      + {"x": 0.0, "y": -0.4, "z": 0.8}[c] + rng.normal(0, 1))
            rows.append({"resp": 1000 + respondent, "groep": group, "kaart": number,
                         "a": a, "b": b, "c": c, "oordeel": rating})
    frame = pd.DataFrame(rows)
    drop = rng.random(len(frame)) < missing
    frame.loc[drop, "oordeel"] = np.nan
    return frame


def run(frame: pd.DataFrame, grouped: bool):
    return vignette(frame, id="resp", outcome="oordeel", factors=["a", "b", "c"],
                    vignette_column="kaart", group="groep" if grouped else None,
                    group_order=["voor", "na"] if grouped else None)


studies = st.builds(
    lambda seed, n, grouped, missing: (make_study(seed, n, grouped, missing), grouped),
    st.integers(0, 2**32 - 1), st.integers(6, 14), st.booleans(),
    st.sampled_from([0.0, 0.1]))

SETTINGS = settings(max_examples=20, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _assert_same(first, second, columns=NUMERIC, rtol=1e-8):
    for name in ("coefficients", "marginal_means"):
        a = getattr(first, name)
        b = getattr(second, name)
        assert list(a.columns) == list(b.columns)
        cols = [c for c in columns if c in a.columns]
        np.testing.assert_allclose(a[cols].to_numpy(float), b[cols].to_numpy(float),
                                   rtol=rtol, atol=1e-9)
    np.testing.assert_allclose(first.fit[["var_respondent", "var_residual"]].to_numpy(float),
                               second.fit[["var_respondent", "var_residual"]].to_numpy(float),
                               rtol=1e-7, atol=1e-10)


@SETTINGS
@pytest.mark.slow
@given(studies, st.randoms(use_true_random=False))
def test_row_order_does_not_matter(study, random):
    frame, grouped = study
    order = list(range(len(frame)))
    random.shuffle(order)
    shuffled = frame.iloc[order].reset_index(drop=True)
    first, second = run(frame, grouped), run(shuffled, grouped)
    for name in ("coefficients", "fit", "marginal_means", "influence"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name),
                                      check_exact=True)


@SETTINGS
@pytest.mark.slow
@given(studies, st.randoms(use_true_random=False))
def test_respondent_ids_do_not_matter(study, random):
    frame, grouped = study
    ids = sorted(frame["resp"].unique())
    new = ids[:]
    random.shuffle(new)
    relabelled = frame.assign(resp=frame["resp"].map(dict(zip(ids, new, strict=True)) )
                              .map(lambda i: f"R{i}"))
    _assert_same(run(frame, grouped), run(relabelled, grouped))


@SETTINGS
@pytest.mark.slow
@given(studies, st.floats(-50, 50).filter(lambda c: abs(c) > 1e-3))
def test_adding_a_constant_moves_only_intercepts_and_means(study, constant):
    frame, grouped = study
    first = run(frame, grouped)
    second = run(frame.assign(oordeel=frame["oordeel"] + constant), grouped)
    a, b = first.coefficients, second.coefficients
    intercept = a["term"] == "Intercept"
    np.testing.assert_allclose(b.loc[intercept, "estimate"],
                               a.loc[intercept, "estimate"] + constant, rtol=1e-9, atol=1e-9)
    for column in ("estimate", "std_error", "df", "p_value"):
        np.testing.assert_allclose(b.loc[~intercept, column], a.loc[~intercept, column],
                                   rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(b["std_error"], a["std_error"], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(second.marginal_means["estimate"],
                               first.marginal_means["estimate"] + constant, rtol=1e-9,
                               atol=1e-9)
    np.testing.assert_allclose(second.fit["var_residual"], first.fit["var_residual"],
                               rtol=1e-6)
    assert list(first.influence["label"]) == list(second.influence["label"])


@SETTINGS
@pytest.mark.slow
@given(studies, st.floats(0.1, 10))
def test_rescaling_the_outcome_rescales_estimates_and_errors(study, scale):
    frame, grouped = study
    first = run(frame, grouped)
    second = run(frame.assign(oordeel=frame["oordeel"] * scale), grouped)
    for column in ("estimate", "std_error", "conf_low", "conf_high"):
        np.testing.assert_allclose(second.coefficients[column],
                                   first.coefficients[column] * scale, rtol=1e-6, atol=1e-9)
    for column in ("statistic", "df", "p_value"):
        np.testing.assert_allclose(second.coefficients[column], first.coefficients[column],
                                   rtol=1e-5, atol=1e-9)
    np.testing.assert_allclose(second.fit["icc"].dropna(), first.fit["icc"].dropna(),
                               rtol=1e-6, atol=1e-9)
