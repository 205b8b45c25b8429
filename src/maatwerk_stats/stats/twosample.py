"""Two-sample and paired tests as R computes them, on plain arrays without missing values.

Direction everywhere: group 2 (after) minus group 1 (before).

- :func:`t_test_independent`: Welch (default) or Student t-test of ``x2`` versus ``x1``, with
  the 95 % CI of the mean difference — ``t.test(x2, x1, var.equal = …)``.
- :func:`t_test_paired`: the one-sample t-test of the differences ``x2 − x1`` —
  ``t.test(x2, x1, paired = TRUE)``.
- :func:`mann_whitney`: U₂ = the number of pairs (one answer from each group) in which group 2
  is higher, ties counting ½ (equal to R's W for ``wilcox.test(x2, x1)``); p from the normal
  approximation with tie and continuity correction, as ``wilcox.test(correct = TRUE,
  exact = FALSE)``; rank-biserial r = 2·U₂/(n₁n₂) − 1.
- :func:`wilcoxon_signed_rank`: V = the sum of the ranks of |d| over the positive differences
  d = x2 − x1, zero differences dropped (R's V), p as above; matched-pairs rank-biserial
  (T₊ − T₋)/(T₊ + T₋) (Kerby 2014; as ``effectsize::rank_biserial(paired = TRUE)``).
- :func:`adjust_p`: ``p.adjust`` for ``holm`` and ``BH`` (here ``fdr_bh``), NaN left out of the
  count as R leaves out NA.

Each function returns NaN (never raises) where a statistic is undefined; the caller writes the
reason into the row's ``note``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import numpy as np

CONF_LEVEL = 0.95
ADJUST_METHODS = ("holm", "fdr_bh", "none")


class TTest(NamedTuple):
    mean_diff: float
    conf_low: float
    conf_high: float
    t: float
    df: float
    p_value: float


class RankTest(NamedTuple):
    statistic: float
    p_value: float
    rank_biserial: float
    n_used: int  # n₁ + n₂ (Mann–Whitney) or non-zero differences (signed rank)


def t_result(diff: float, se: float, df: float, level: float = CONF_LEVEL) -> TTest:
    """t = diff / se with its two-sided p and the ``level`` CI ``diff ± t(1 − α/2, df)·se``
    (as ``t.test``, and emmeans' ``summary(infer = TRUE)`` for a model's contrast)."""
    from .distributions import t_quantile, t_two_sided_p

    if not (se > 0 and df > 0):
        return TTest(diff, math.nan, math.nan, math.nan, math.nan if not df > 0 else df,
                     math.nan)
    t = diff / se
    q = t_quantile(1 - (1 - level) / 2, df)
    p = t_two_sided_p(t, df)
    return TTest(diff, diff - q * se, diff + q * se, t, df, p)


def mean_ci(mean: float, sd: float, n: int, level: float = CONF_LEVEL) -> tuple[float, float]:
    """The t-based CI of a mean, ``mean ± t(1 − α/2, n − 1) · sd / √n`` (as
    ``t.test(x)$conf.int``); NaN for fewer than 2 values."""
    from .distributions import t_quantile

    if n < 2 or math.isnan(sd):
        return math.nan, math.nan
    half = t_quantile(1 - (1 - level) / 2, n - 1) * sd / math.sqrt(n)
    return mean - half, mean + half


def t_test_independent(x1: np.ndarray, x2: np.ndarray, equal_var: bool = False,
                       level: float = CONF_LEVEL) -> TTest:
    n1, n2 = len(x1), len(x2)
    diff = float(x2.mean() - x1.mean()) if n1 and n2 else math.nan
    if n1 < 2 or n2 < 2:
        return TTest(diff, math.nan, math.nan, math.nan, math.nan, math.nan)
    v1, v2 = float(x1.var(ddof=1)), float(x2.var(ddof=1))
    if equal_var:
        df = n1 + n2 - 2
        pooled = ((n1 - 1) * v1 + (n2 - 1) * v2) / df
        se = math.sqrt(pooled * (1 / n1 + 1 / n2))
    else:
        a, b = v1 / n1, v2 / n2
        se = math.sqrt(a + b)
        df = (a + b) ** 2 / (a**2 / (n1 - 1) + b**2 / (n2 - 1)) if a + b > 0 else math.nan
    return t_result(diff, se, df, level)


def t_test_paired(x1: np.ndarray, x2: np.ndarray, level: float = CONF_LEVEL) -> TTest:
    d = x2 - x1
    n = len(d)
    diff = float(d.mean()) if n else math.nan
    if n < 2:
        return TTest(diff, math.nan, math.nan, math.nan, math.nan, math.nan)
    se = float(d.std(ddof=1)) / math.sqrt(n)
    return t_result(diff, se, n - 1, level)


def _normal_p(z_numerator: float, variance: float) -> float:
    """Two-sided p with continuity correction sign(z)·½, as wilcox.test."""
    from .distributions import norm_cdf, norm_sf

    if not variance > 0:
        return math.nan
    correction = math.copysign(0.5, z_numerator) if z_numerator != 0 else 0.0
    z = (z_numerator - correction) / math.sqrt(variance)
    return float(min(1.0, 2 * min(norm_cdf(z), norm_sf(z))))


EXACT_HALVES = 2**52
"""Below n(n + 1) < 2⁵², every rank, rank sum and partial sum is a multiple of ½ held
exactly in a double, so summing the ranks in any order gives the same number."""


def _rank_sum_and_ties(x2: np.ndarray, x1: np.ndarray) -> tuple[float, np.ndarray]:
    """The sum of the average ranks of ``x2`` in the pooled sample, and the tie sizes in
    increasing order of value (:func:`_tie_sizes`), from one hash pass over the pooled
    values: per distinct value its count, its average rank and how often ``x2`` holds it (a
    scale score of a million respondents has a few hundred distinct values; no rank per
    respondent is stored, no sort of all values). Equal to ``average_ranks(pooled)[:n2]
    .sum()`` exactly while n(n + 1) < :data:`EXACT_HALVES`."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(np.concatenate([x2, x1]))
    order = np.argsort(uniques, kind="stable")
    counts = np.bincount(codes, minlength=len(uniques))
    bounds = np.r_[0, np.cumsum(counts[order])]
    average = np.empty(len(uniques), dtype=float)
    average[order] = 0.5 * (bounds[:-1] + 1 + bounds[1:])  # mean of ranks start+1 .. end
    in_x2 = np.bincount(codes[:len(x2)], minlength=len(uniques))
    return float((in_x2 * average).sum()), counts[order].astype(float)


def _tie_sizes(values: np.ndarray) -> np.ndarray:
    import numpy as np

    _, counts = np.unique(values, return_counts=True)
    return counts.astype(float)


def mann_whitney(x1: np.ndarray, x2: np.ndarray) -> RankTest:
    import numpy as np

    from .distributions import average_ranks

    n1, n2 = len(x1), len(x2)
    if n1 == 0 or n2 == 0:
        return RankTest(math.nan, math.nan, math.nan, n1 + n2)
    n = n1 + n2
    if n * (n + 1) < EXACT_HALVES:
        rank_sum, ties = _rank_sum_and_ties(x2, x1)
    else:
        rank_sum = float(average_ranks(np.concatenate([x2, x1]))[:n2].sum())
        ties = _tie_sizes(np.concatenate([x1, x2]))
    u2 = float(rank_sum - n2 * (n2 + 1) / 2)
    variance = (n1 * n2 / 12) * ((n + 1) - float((ties**3 - ties).sum()) / (n * (n - 1))) \
        if n > 1 else 0.0
    p = _normal_p(u2 - n1 * n2 / 2, variance)
    return RankTest(u2, p, 2 * u2 / (n1 * n2) - 1, n)


def wilcoxon_signed_rank(x1: np.ndarray, x2: np.ndarray) -> RankTest:
    from .distributions import average_ranks

    d = x2 - x1
    d = d[d != 0]
    n = len(d)
    if n == 0:
        return RankTest(math.nan, math.nan, math.nan, 0)
    ranks = average_ranks(abs(d))
    v = float(ranks[d > 0].sum())
    negative = float(ranks[d < 0].sum())
    ties = _tie_sizes(abs(d))
    variance = n * (n + 1) * (2 * n + 1) / 24 - float((ties**3 - ties).sum()) / 48
    p = _normal_p(v - n * (n + 1) / 4, variance)
    return RankTest(v, p, (v - negative) / (v + negative), n)


def adjust_p(p_values: Sequence[float], method: str = "holm") -> list[float]:
    """Adjusted p-values in the input order, as R's ``p.adjust`` (NaN stays NaN and is not
    counted). ``method``: ``holm`` (Holm 1979), ``fdr_bh`` (Benjamini & Hochberg 1995) or
    ``none``."""
    if method not in ADJUST_METHODS:
        raise ValueError(f"unknown adjustment {method!r}; use one of {ADJUST_METHODS}")
    values = [float(p) for p in p_values]
    present = [i for i, p in enumerate(values) if not math.isnan(p)]
    out = [math.nan] * len(values)
    m = len(present)
    if method == "none":
        return values
    if method == "holm":
        order = sorted(present, key=lambda i: values[i])
        running = 0.0
        for rank, i in enumerate(order):
            running = max(running, (m - rank) * values[i])
            out[i] = min(1.0, running)
    else:
        order = sorted(present, key=lambda i: values[i], reverse=True)
        running = math.inf
        for position, i in enumerate(order):
            rank = m - position  # 1-based rank in ascending order
            running = min(running, m / rank * values[i])
            out[i] = min(1.0, running)
    return out


def adjust_within(p_values: Sequence[float], families: Sequence[object],
                  method: str = "holm") -> list[float]:
    """:func:`adjust_p` applied separately within each family (rows with equal
    ``families`` keys), results in the input order."""
    out = [math.nan] * len(p_values)
    for family in dict.fromkeys(families):
        rows = [i for i, f in enumerate(families) if f == family]
        for i, p in zip(rows, adjust_p([p_values[i] for i in rows], method), strict=True):
            out[i] = p
    return out
