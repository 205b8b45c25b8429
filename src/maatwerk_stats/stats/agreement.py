"""Within-team agreement and the reliability of team means, on arrays.

- :func:`rwg_j` (James, Demaree & Wolf 1984): for a team's J items with mean observed
  within-team variance ``S̄`` (each item's variance with n − 1, over the team members who
  answered every item) and the variance of the null distribution ``σ²_E``,
  ``rwg(j) = J(1 − S̄/σ²_E) / (J(1 − S̄/σ²_E) + S̄/σ²_E)``; ``S̄`` is capped at ``σ²_E`` so
  rwg(j) = 0 where the observed variance exceeds the null, and a team with fewer than 2
  complete members has none: exactly ``multilevel::rwg.j`` (multilevel 2.7). The uniform
  null over ``A`` answer categories has ``σ²_E = (A² − 1)/12`` (:func:`uniform_null_variance`).
- :func:`icc_oneway`: from the one-way ANOVA of a score by team (``aov(y ~ factor(team))``),
  ``ICC(1) = (MSB − MSW)/(MSB + (k − 1)MSW)`` with ``k = N/G`` the mean team size, and
  ``ICC(2) = (MSB − MSW)/MSB`` (Bliese 2000): ``multilevel::ICC1`` and ``ICC2``.

Sums per team come from :func:`numpy.bincount` (no loop over respondents).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

RWG_THRESHOLD = 0.70  # the usual cut-off for "enough agreement" (LeBreton & Senter 2008)


def uniform_null_variance(n_categories: int) -> float:
    """``(A² − 1)/12``: the variance of a discrete uniform distribution over A answers."""
    return (n_categories**2 - 1) / 12


def rwg_j(items: np.ndarray, teams: np.ndarray, null_variance: float
          ) -> tuple[np.ndarray, np.ndarray]:
    """rwg(j) per team code 0..G−1 and the number of complete members behind it.

    ``items``: respondents × J answers (NaN = missing; a respondent counts only with every item
    answered, as ``rwg.j``'s ``na.exclude``). NaN for a team with fewer than 2 complete
    members."""
    import numpy as np

    items = np.asarray(items, dtype=float)
    teams = np.asarray(teams, dtype=np.intp)
    n_teams = int(teams.max()) + 1 if len(teams) else 0
    complete = ~np.isnan(items).any(axis=1)
    x = items[complete]
    g = teams[complete]
    j = x.shape[1]
    n = np.bincount(g, minlength=n_teams).astype(float)
    sums = np.stack([np.bincount(g, weights=x[:, k], minlength=n_teams) for k in range(j)],
                    1).astype(float)
    means = np.divide(sums, n[:, None], out=np.zeros_like(sums), where=n[:, None] > 0)
    centred = x - means[g]
    squares = np.stack([np.bincount(g, weights=centred[:, k] ** 2, minlength=n_teams)
                        for k in range(j)], 1).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        variance = squares / (n[:, None] - 1)
    mean_variance = np.minimum(variance.mean(axis=1), null_variance)
    ratio = mean_variance / null_variance
    with np.errstate(invalid="ignore", divide="ignore"):
        value = j * (1 - ratio) / (j * (1 - ratio) + ratio)
    return np.where(n > 1, value, np.nan), n


def icc_oneway(y: np.ndarray, teams: np.ndarray) -> tuple[float, float]:
    """ICC(1) and ICC(2) of ``y`` by team code (NaN in ``y`` left out; teams without a value
    do not count), as ``multilevel::ICC1/ICC2(aov(y ~ as.factor(team)))``."""
    import numpy as np

    y = np.asarray(y, dtype=float)
    teams = np.asarray(teams, dtype=np.intp)
    keep = ~np.isnan(y)
    y, teams = y[keep], teams[keep]
    n_total = len(y)
    if n_total == 0:
        return math.nan, math.nan
    counts = np.bincount(teams)
    used = counts > 0
    n_teams = int(used.sum())
    if n_teams < 2 or n_total <= n_teams:
        return math.nan, math.nan
    means = np.bincount(teams, weights=y)[used] / counts[used]
    grand = y.mean()
    ss_between = float(np.sum(counts[used] * (means - grand) ** 2))
    team_mean = np.zeros(len(counts))
    team_mean[used] = means
    ss_within = float(np.sum((y - team_mean[teams]) ** 2))
    ms_between = ss_between / (n_teams - 1)
    ms_within = ss_within / (n_total - n_teams)
    k = n_total / n_teams
    if ms_between <= 0:
        return math.nan, math.nan
    icc1 = (ms_between - ms_within) / (ms_between + (k - 1) * ms_within)
    icc2 = (ms_between - ms_within) / ms_between
    return float(icc1), float(icc2)
