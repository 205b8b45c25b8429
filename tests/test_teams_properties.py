"""Invariants of the team-survey numerics for any data (hypothesis)."""

from __future__ import annotations

import warnings

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from maatwerk_stats.stats.agreement import icc_oneway, rwg_j, uniform_null_variance
from maatwerk_stats.stats.correlation import pearson_table, within_between


@st.composite
def team_data(draw: st.DrawFn, missing: bool = True) -> tuple[np.ndarray, np.ndarray]:
    n_teams = draw(st.integers(3, 8))
    sizes = draw(st.lists(st.integers(2, 6), min_size=n_teams, max_size=n_teams))
    teams = np.repeat(np.arange(n_teams), sizes)
    k = draw(st.integers(2, 4))
    x = draw(arrays(float, (len(teams), k), elements=st.integers(1, 5).map(float)))
    if missing:
        one_in_five = st.sampled_from([False, False, False, False, True])
        holes = draw(arrays(bool, x.shape, elements=one_in_five))
        x = np.where(holes, np.nan, x)
    return x, teams


def _finite(values: np.ndarray) -> np.ndarray:
    return values[np.isfinite(values)]


@settings(max_examples=80, deadline=None)
@given(arrays(float, st.tuples(st.integers(4, 30), st.integers(2, 5)),
              elements=st.one_of(st.integers(1, 5).map(float), st.just(np.nan))))
def test_correlations_symmetric_and_bounded(x: np.ndarray) -> None:
    table = pearson_table(x)
    for matrix in (table.r, table.n, table.p_value, table.conf_low, table.conf_high):
        np.testing.assert_array_equal(np.isnan(matrix), np.isnan(matrix.T))
        np.testing.assert_allclose(np.nan_to_num(matrix), np.nan_to_num(matrix.T))
    r = _finite(table.r)
    assert np.all((r >= -1) & (r <= 1))
    p = _finite(table.p_value)
    assert np.all((p >= 0) & (p <= 1))
    finite = np.isfinite(table.conf_low)
    assert np.all(table.conf_low[finite] <= table.r[finite] + 1e-12)
    assert np.all(table.r[finite] <= table.conf_high[finite] + 1e-12)


@settings(max_examples=60, deadline=None)
@given(team_data(missing=False))
def test_within_between_decomposition(data: tuple[np.ndarray, np.ndarray]) -> None:
    """``r_total = η_bx η_by r_between + η_wx η_wy r_within`` (complete data; psych::statsBy's
    etabg / etawg; Snijders & Bosker 2012, section 3.6)."""
    x, teams = data
    means = np.stack([np.bincount(teams, weights=x[:, j]) / np.bincount(teams)
                      for j in range(x.shape[1])], 1)[teams]
    assume(np.all(x.std(axis=0) > 0))
    assume(np.all(means.std(axis=0) > 1e-9) and np.all((x - means).std(axis=0) > 1e-9))
    result = within_between(x, teams)
    total = pearson_table(x).r
    eta_b = means.std(axis=0) / x.std(axis=0)
    eta_w = (x - means).std(axis=0) / x.std(axis=0)
    rebuilt = (np.outer(eta_b, eta_b) * result.between.r
               + np.outer(eta_w, eta_w) * result.within.r)
    np.testing.assert_allclose(rebuilt, total, atol=1e-9)


@settings(max_examples=80, deadline=None)
@given(team_data(), st.randoms(use_true_random=False))
def test_relabelling_teams_changes_nothing(data: tuple[np.ndarray, np.ndarray],
                                           rnd) -> None:
    x, teams = data
    n_teams = int(teams.max()) + 1
    relabel = np.array(rnd.sample(range(n_teams), n_teams))
    rows = np.array(rnd.sample(range(len(teams)), len(teams)))  # row order too
    new_x, new_teams = x[rows], relabel[teams[rows]]
    a, b = within_between(x, teams), within_between(new_x, new_teams)
    for old, new in ((a.within, b.within), (a.between, b.between)):
        np.testing.assert_allclose(old.r, new.r, atol=1e-10, equal_nan=True)
    rwg_a, n_a = rwg_j(x, teams, uniform_null_variance(5))
    rwg_b, n_b = rwg_j(new_x, new_teams, uniform_null_variance(5))
    np.testing.assert_allclose(rwg_a, rwg_b[relabel], atol=1e-12, equal_nan=True)
    np.testing.assert_array_equal(n_a, n_b[relabel])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # rows without answers: NaN
        score = np.nanmean(x, axis=1)
    np.testing.assert_allclose(icc_oneway(score, teams), icc_oneway(score[rows], new_teams),
                               atol=1e-10, equal_nan=True)


@settings(max_examples=80, deadline=None)
@given(team_data())
def test_rwg_j_between_zero_and_one(data: tuple[np.ndarray, np.ndarray]) -> None:
    x, teams = data
    values, n = rwg_j(x, teams, uniform_null_variance(5))
    assert np.all(np.isnan(values) == (n < 2))
    finite = _finite(values)
    assert np.all((finite >= 0) & (finite <= 1))


def test_a_column_constant_on_a_pairs_rows_gives_nan_both_ways() -> None:
    # found by the property above: column 4 is constant on the three rows it shares with
    # column 2, and rounding left a variance of 1e-16 one way round and 0 the other
    x = np.full((16, 5), np.nan)
    x[[10, 12, 15], 2] = [1.0, 2.0, 1.0]
    x[[10, 11, 12, 15], 4] = [1.0, 4.0, 1.0, 1.0]
    table = pearson_table(x)
    assert np.isnan(table.r[2, 4]) and np.isnan(table.r[4, 2])
    assert np.isnan(table.p_value[2, 4]) and np.isnan(table.p_value[4, 2])
