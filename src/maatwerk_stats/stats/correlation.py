"""Pearson correlation tables on arrays: pairwise complete, within and between teams.

- :func:`pearson_table`: every pair of columns on the rows where both are present (R:
  ``cor(x, use = "pairwise.complete.obs")``); per pair as ``cor.test``: 95 % CI by Fisher's z,
  ``tanh(atanh r ± z_.975/√(n − 3))``, and p from ``t = r√(n − 2)/√(1 − r²)`` on ``n − 2`` df.
  Holm over the table (the pairs i < j) is :func:`.twosample.adjust_p`, as
  ``psych::corr.test(adjust = "holm")``.
- :func:`within_between`: as ``psych::statsBy(group = team)`` (psych 2.2.9): *within*
  (``rwg``) correlates the team-mean-centred scores ``x − x̄_team`` (pairwise complete), CI by
  Fisher's z on the pairwise ``n``, p from the same ``t`` on ``N − G − 2`` df (statsBy's
  ``pwg``); *between* (``rbg``) correlates the team means, each team weighted by its size
  (statsBy merges the means back onto the respondents), CI by Fisher's z and p from ``t`` on
  ``G − 2`` df, ``G`` = teams (``pbg``, ``ci.bg``). statsBy computes ``2·(1 − pt(|t|, df))``,
  which is 0 below 1e-16; here ``2·pt(−|t|, df)``.

All sums come from one matrix product over the rows (no loop over respondents): with the
presence mask ``M`` and the centred values ``X₀`` (0 where missing), ``n = M'M``,
``Σx = X₀'M``, ``Σx² = (X₀²)'M`` and ``Σxy = X₀'X₀`` per pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .scipy_import import import_module

if TYPE_CHECKING:
    import numpy as np

CONF_LEVEL = 0.95


@dataclass(frozen=True)
class CorrelationTable:
    """k × k matrices (symmetric; the diagonal is r = 1) of one correlation table."""

    r: np.ndarray
    n: np.ndarray
    conf_low: np.ndarray
    conf_high: np.ndarray
    p_value: np.ndarray


def _weighted_pairwise_r(x: np.ndarray, weights: np.ndarray | None = None
                         ) -> tuple[np.ndarray, np.ndarray]:
    """Pairwise-complete Pearson r and the number of rows behind each pair (weighted rows
    count by their weight in r, and once in the returned n)."""
    import numpy as np

    x = np.asarray(x, dtype=float)
    present = ~np.isnan(x)
    mask = present.astype(float)
    w = np.ones(len(x)) if weights is None else np.asarray(weights, dtype=float)
    # centre by the column means first: the sums of squares below lose no precision then
    count = present.sum(axis=0)
    centre = np.where(present, x, 0.0).sum(axis=0) / np.maximum(count, 1)
    x0 = np.where(present, x - centre, 0.0)
    wm = mask * w[:, None]
    wx = x0 * w[:, None]
    sw = wm.T @ mask  # Σw over the rows where both are present
    sx = wx.T @ mask  # [i, j]: Σ w x_i over the rows where j is present too
    sxx = (wx * x0).T @ mask
    sxy = wx.T @ x0
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = sxy - sx * sx.T / sw
        var_i = sxx - sx**2 / sw
        # a column that does not vary on a pair's rows leaves rounding noise, not variance
        var_i = np.where(var_i <= 1e-12 * np.maximum(sxx, np.finfo(float).tiny), 0.0, var_i)
        r = cov / np.sqrt(var_i * var_i.T)
    r = np.clip(r, -1.0, 1.0)
    # one value per pair: the upper triangle mirrored (the sums above are symmetric only up to
    # the order in which the matrix products add)
    lower = np.tril_indices(len(r), -1)
    r[lower] = r.T[lower]
    return r, mask.T @ mask


def _fisher_ci(r: np.ndarray, n: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np
    ndtri = import_module("scipy.special").ndtri

    z = ndtri(1 - (1 - level) / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        se = np.where(n > 3, 1 / np.sqrt(np.where(n > 3, n - 3, 1.0)), np.nan)
        centre = np.arctanh(r)
        return np.tanh(centre - z * se), np.tanh(centre + z * se)


def _t_p(r: np.ndarray, n: np.ndarray, df: np.ndarray) -> np.ndarray:
    """Two-sided p of ``t = r√(n − 2)/√(1 − r²)`` on ``df`` (R: ``2 * pt(-abs(t), df)``)."""
    import numpy as np
    stdtr = import_module("scipy.special").stdtr

    with np.errstate(invalid="ignore", divide="ignore"):
        t = r * np.sqrt(n - 2) / np.sqrt(1 - r**2)
        p = 2 * stdtr(np.where(df > 0, df, np.nan), -np.abs(t))
    return np.where(np.abs(r) >= 1, 0.0, p)


def _table(r: np.ndarray, n: np.ndarray, df: np.ndarray, ci_n: np.ndarray,
           level: float) -> CorrelationTable:
    import numpy as np

    low, high = _fisher_ci(r, ci_n, level)
    p = _t_p(r, n, df)
    undefined = n < 3
    r = np.where(undefined, np.nan, r)
    np.fill_diagonal(r, 1.0)
    return CorrelationTable(r=r, n=n, conf_low=np.where(undefined, np.nan, low),
                            conf_high=np.where(undefined, np.nan, high),
                            p_value=np.where(undefined, np.nan, p))


def pearson_table(x: np.ndarray, level: float = CONF_LEVEL) -> CorrelationTable:
    """Pearson r of every pair of columns of ``x`` (NaN = missing), pairwise complete, with
    ``cor.test``'s Fisher-z CI and t-test (module docstring). r is NaN where a pair has fewer
    than 3 rows or a column does not vary on them."""
    r, n = _weighted_pairwise_r(x)
    return _table(r, n, n - 2, n, level)


@dataclass(frozen=True)
class WithinBetween:
    within: CorrelationTable  # n = respondents
    between: CorrelationTable  # n = teams
    n_teams: int


def within_between(x: np.ndarray, teams: np.ndarray, level: float = CONF_LEVEL,
                   between_teams: np.ndarray | None = None) -> WithinBetween:
    """Within-team and between-team correlations of the columns of ``x`` (NaN = missing) for
    team codes ``teams`` (0..G−1, every code used), as ``psych::statsBy`` (module docstring).
    ``between_teams`` (one bool per team): the teams whose means enter the between-team
    correlations (default: all), as ``statsBy`` on those teams' rows; within-team
    correlations always use every team."""
    import numpy as np

    x = np.asarray(x, dtype=float)
    teams = np.asarray(teams, dtype=np.intp)
    n_teams = int(teams.max()) + 1 if len(teams) else 0
    present = ~np.isnan(x)
    counts = np.stack([np.bincount(teams, weights=present[:, j], minlength=n_teams)
                       for j in range(x.shape[1])], axis=1)
    sums = np.stack([np.bincount(teams, weights=np.where(present[:, j], x[:, j], 0.0),
                                 minlength=n_teams) for j in range(x.shape[1])], axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counts > 0, sums / counts, np.nan)
    deviations = x - means[teams]
    r_w, n_w = _weighted_pairwise_r(deviations)
    within = _table(r_w, n_w, np.full_like(n_w, float(len(x) - n_teams - 2)), n_w, level)
    size = np.bincount(teams, minlength=n_teams).astype(float)
    if between_teams is not None:
        means = np.where(np.asarray(between_teams, bool)[:, None], means, np.nan)
    r_b, n_b = _weighted_pairwise_r(means, weights=size)
    between = _table(r_b, n_b, n_b - 2, n_b, level)
    return WithinBetween(within=within, between=between, n_teams=n_teams)


def pairs(k: int) -> list[tuple[int, int]]:
    """The pairs (i, j), i < j, in table order: (0, 1), (0, 2), …, (1, 2), …"""
    return [(i, j) for i in range(k) for j in range(i + 1, k)]

