"""Distribution functions from ``scipy.special``, without importing ``scipy.stats``.

``scipy.stats`` costs about a second to import, more than the whole analysis of a typical
study; its ``t`` and ``norm`` distributions call exactly these ``scipy.special`` functions
(``t.sf(x, df) = stdtr(df, −x)``, ``t.ppf(q, df) = stdtrit(df, q)``, ``norm.cdf = ndtr``,
``norm.ppf = ndtri``; scipy 1.17 ``_continuous_distns.py``), so the values are identical.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .scipy_import import import_module

if TYPE_CHECKING:
    import numpy as np


def t_sf(x: float, df: float) -> float:
    """P(T > x) for Student's t with ``df`` degrees of freedom (R: ``pt(x, df, lower = FALSE)``)."""
    stdtr = import_module("scipy.special").stdtr

    return float(stdtr(df, -x))


def t_two_sided_p(statistic: float, df: float) -> float:
    """Two-sided p-value of a t statistic (R: ``2 * pt(-abs(t), df)``)."""
    return 2 * t_sf(abs(statistic), df)


def t_quantile(q: float, df: float) -> float:
    """The ``q`` quantile of Student's t (R: ``qt(q, df)``)."""
    stdtrit = import_module("scipy.special").stdtrit

    return float(stdtrit(df, q))


def norm_cdf(x: float) -> float:
    """Standard normal P(Z ≤ x) (R: ``pnorm(x)``)."""
    ndtr = import_module("scipy.special").ndtr

    return float(ndtr(x))


def norm_quantile(q: float) -> float:
    """The ``q`` quantile of the standard normal (R: ``qnorm(q)``)."""
    ndtri = import_module("scipy.special").ndtri

    return float(ndtri(q))


def norm_sf(x: float) -> float:
    """Standard normal P(Z > x) (R: ``pnorm(x, lower.tail = FALSE)``)."""
    ndtr = import_module("scipy.special").ndtr

    return float(ndtr(-x))


def nct_cdf_raw(t: float, df: float, ncp: float) -> float:
    """P(T ≤ t) for the noncentral t (``scipy.stats.nct.cdf``: ``nctdtr(df, ncp, t)``); may
    be NaN far in a tail (see :func:`.effectsize.nct_cdf`)."""
    nctdtr = import_module("scipy.special").nctdtr

    return float(nctdtr(df, ncp, t))


def average_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n with ties given their average rank: ``scipy.stats.rankdata(method =
    "average")`` and R's ``rank(ties.method = "average")``: the distinct values are counted
    (one hash pass, as a scale score of a million respondents holds a few hundred distinct
    values) and only they are sorted; with missing values, from one stable sort of all."""
    import numpy as np
    import pandas as pd

    values = np.asarray(values)
    codes, uniques = pd.factorize(values.ravel(), use_na_sentinel=True)
    if not (codes < 0).any():
        order = np.argsort(uniques, kind="stable")
        bounds = np.r_[0, np.cumsum(np.bincount(codes, minlength=len(uniques))[order])]
        average = np.empty(len(uniques), dtype=float)
        average[order] = 0.5 * (bounds[:-1] + 1 + bounds[1:])  # mean of ranks start+1 .. end
        return average[codes]
    order = np.argsort(values, kind="mergesort")
    ordered = values[order]
    starts = np.r_[True, ordered[1:] != ordered[:-1]]
    tie_group = np.cumsum(starts) - 1
    bounds = np.r_[np.flatnonzero(starts), len(values)]
    average = 0.5 * (bounds[:-1] + 1 + bounds[1:])  # mean of ranks start+1 .. end
    ranks = np.empty(len(values), dtype=float)
    ranks[order] = average[tie_group]
    return ranks
