"""Power of the t-test and the minimal detectable effect (MDE) for given sample sizes.

The MDE answers "how large would a true effect have to be for this study to find it in 80 %
of replications?" — the honest companion of a non-significant result with small groups.

Power of the two-sided t-test at level α for a true standardized effect δ, both tails
counted (as ``power.t.test(strict = TRUE)``):

    power(δ) = 1 − F_t(t_crit; df, λ) + F_t(−t_crit; df, λ),   t_crit = t_{1−α/2, df}

with F_t the noncentral t distribution function and
- independent groups (Student, pooled SD): df = n₁ + n₂ − 2, λ = δ·√(n₁n₂ / (n₁ + n₂));
- paired data (one-sample t on the differences): df = n − 1, λ = δ·√n.

:func:`minimal_detectable_effect` solves power(δ) = 0.80 for δ (Brent's method). For independent
groups δ is on the scale of Hedges' g / Cohen's d (the population standardized mean
difference that g estimates without bias), for paired data on the scale of d_z. For 22 versus
36 respondents it is 0.771 (checked against R in tests/reference/compare.R).
"""

from __future__ import annotations

import math


def t_test_power(delta: float, n1: int, n2: int | None = None, alpha: float = 0.05) -> float:
    """Power of the two-sided t-test (two groups, or paired when ``n2`` is None)."""
    from .distributions import t_quantile
    from .effectsize import nct_cdf

    if n2 is None:
        df, ncp = n1 - 1, delta * math.sqrt(n1)
    else:
        df, ncp = n1 + n2 - 2, delta * math.sqrt(n1 * n2 / (n1 + n2))
    crit = t_quantile(1 - alpha / 2, df)
    return 1 - nct_cdf(crit, df, ncp) + nct_cdf(-crit, df, ncp)


def minimal_detectable_effect(n1: int, n2: int | None = None, power: float = 0.80,
                              alpha: float = 0.05) -> float:
    """The standardized effect detected with probability ``power`` (see module docstring);
    NaN when the sizes leave no degrees of freedom."""
    from .roots import brent_root

    df = n1 - 1 if n2 is None else n1 + n2 - 2
    if df < 1 or n1 < 2 or (n2 is not None and n2 < 2):
        return math.nan

    def gap(delta: float) -> float:
        return t_test_power(delta, n1, n2, alpha) - power

    # start from the normal approximation (z_.975 + z_.80 ≈ 2.8 units of the SE) and widen
    scale = math.sqrt(n1) if n2 is None else math.sqrt(n1 * n2 / (n1 + n2))
    high = 4.0 / scale
    while gap(high) < 0:
        high *= 2
        if high > 1e6:  # pragma: no cover - df ≥ 1 always reaches 80 % eventually
            return math.nan
    return brent_root(gap, 0.0, high, xtol=1e-12, rtol=1e-12)
