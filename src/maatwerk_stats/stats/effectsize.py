"""Standardized effect sizes for two measurements, with their confidence intervals.

Direction everywhere (DESIGN.md §5): group 2 (after) minus group 1 (before); a positive effect
size means higher scores in group 2.

- :func:`hedges_g`: independent groups, pooled SD, exact small-sample factor J(df), 95 % CI by
  inverting the noncentral t distribution, then multiplied by J — as
  ``effectsize::hedges_g(after, before)`` (effectsize 0.8.3, ``.effect_size_difference``).
- :func:`d_z`: paired data, mean of the differences / their SD, noncentral-t CI — as
  ``effectsize::cohens_d(after, before, paired = TRUE)`` (no bias correction).
- :func:`d_av`: paired data, mean difference / mean of the two SDs (Lakens 2013, eq. 10).
  Its CI is the t-based CI of the mean difference divided by the same SD (Bird 2002): the
  standardizer is treated as fixed. effectsize 0.8.3 has no d_av; later versions
  (``repeated_measures_d(method = "av")``) use the same standard error with normal quantiles
  and the root-mean-square of the SDs instead of their mean, so their numbers differ slightly.
- :func:`rank_biserial_ci`: Fisher-z CI of a rank-biserial correlation as
  ``effectsize::rank_biserial`` (SE √((n₁ + n₂ + 1) / (3 n₁ n₂)) for independent groups,
  √((2n³ + 3n² + n) / 6) / ((n² + n) / 2) for n non-zero paired differences).

effectsize finds the noncentral-t limits with ``optim`` (absolute tolerance 1e-9 on the
probabilities); here they are exact roots (``brentq``), so the two agree to about 1e-5.
"""

from __future__ import annotations

import math
from typing import NamedTuple

CONF_LEVEL = 0.95


class Estimate(NamedTuple):
    """An effect size with its confidence interval (NaN where undefined)."""

    estimate: float
    conf_low: float
    conf_high: float


NAN_ESTIMATE = Estimate(math.nan, math.nan, math.nan)


def j_factor(df: float) -> float:
    """Hedges' exact small-sample factor J(df) = Γ(df/2) / (√(df/2) Γ((df−1)/2))."""
    if not df > 1:
        return math.nan
    return math.exp(math.lgamma(df / 2) - math.log(math.sqrt(df / 2))
                    - math.lgamma((df - 1) / 2))


def nct_cdf(t: float, df: float, ncp: float) -> float:
    """P(T ≤ t) for T ~ noncentral t(df, ncp).

    scipy's (Boost's) noncentral t returns NaN far in a tail (e.g. t = −1.96, df = 2700,
    ncp = 10, where the probability is below 1e-16); there the probability is 0 (t below the
    centre of the distribution) or 1.
    """
    from .distributions import nct_cdf_raw

    value = nct_cdf_raw(t, df, ncp)
    if math.isfinite(value):
        return value
    return 0.0 if t < ncp else 1.0


def ncp_interval(t: float, df: float, level: float = CONF_LEVEL) -> tuple[float, float]:
    """The noncentrality parameters λ for which the observed ``t`` sits at the upper and
    lower (1 − level)/2 tail of a noncentral t(df, λ): the CI for λ (Steiger & Fouladi 1997).

    Solves ``P(T ≤ t; df, λ) = 1 − α/2`` (lower limit) and ``= α/2`` (upper limit); the cdf
    decreases in λ, so each has one root.
    """
    from .roots import brent_root

    if not (math.isfinite(t) and df > 0):
        return math.nan, math.nan
    alpha = 1 - level

    def root(target: float) -> float:
        def gap(ncp: float) -> float:
            return nct_cdf(t, df, ncp) - target

        # the limits lie about 2·√(1 + t²/(2 df)) from t; widen until they are bracketed
        width = 3.0 * math.sqrt(1 + t * t / (2 * df))
        for _ in range(60):
            low, high = t - width, t + width
            if gap(low) > 0 > gap(high):
                break
            width *= 1.5
        return brent_root(gap, low, high, xtol=1e-13, rtol=1e-13, maxiter=500)

    return root(1 - alpha / 2), root(alpha / 2)


def pooled_sd(n1: int, sd1: float, n2: int, sd2: float) -> float:
    """√(((n₁−1)s₁² + (n₂−1)s₂²) / (n₁ + n₂ − 2))."""
    return math.sqrt(((n1 - 1) * sd1**2 + (n2 - 1) * sd2**2) / (n1 + n2 - 2))


def hedges_g(n1: int, mean1: float, sd1: float, n2: int, mean2: float, sd2: float,
             level: float = CONF_LEVEL) -> Estimate:
    """Hedges' g of group 2 versus group 1 with its noncentral-t CI (module docstring)."""
    if n1 < 2 or n2 < 2:
        return NAN_ESTIMATE
    s = pooled_sd(n1, sd1, n2, sd2)
    if not s > 0:
        return NAN_ESTIMATE
    df = n1 + n2 - 2
    hn = 1 / n1 + 1 / n2
    d = (mean2 - mean1) / s
    t = d / math.sqrt(hn)
    low, high = ncp_interval(t, df, level)
    j = j_factor(df)
    return Estimate(d * j, low * math.sqrt(hn) * j, high * math.sqrt(hn) * j)


def d_z(n: int, mean_diff: float, sd_diff: float, level: float = CONF_LEVEL) -> Estimate:
    """Cohen's d_z = mean difference / SD of the differences, noncentral-t CI."""
    if n < 2 or not sd_diff > 0:
        return NAN_ESTIMATE
    d = mean_diff / sd_diff
    low, high = ncp_interval(d * math.sqrt(n), n - 1, level)
    return Estimate(d, low / math.sqrt(n), high / math.sqrt(n))


def d_av(mean_diff: float, sd1: float, sd2: float, diff_conf_low: float,
         diff_conf_high: float) -> Estimate:
    """d_av = mean difference / ((s₁ + s₂)/2) (Lakens 2013); CI = CI of the mean difference
    divided by the same SD (Bird 2002)."""
    s = (sd1 + sd2) / 2
    if not s > 0:
        return NAN_ESTIMATE
    return Estimate(mean_diff / s, diff_conf_low / s, diff_conf_high / s)


def rank_biserial_ci(r: float, se: float, level: float = CONF_LEVEL) -> tuple[float, float]:
    """tanh(atanh(r) ± z·se), as effectsize::rank_biserial."""
    from .distributions import norm_quantile

    if not (math.isfinite(r) and math.isfinite(se)):
        return math.nan, math.nan
    z = norm_quantile(1 - (1 - level) / 2)
    with_inf = math.atanh(r) if abs(r) < 1 else math.copysign(math.inf, r)
    return math.tanh(with_inf - z * se), math.tanh(with_inf + z * se)


def rank_biserial_se_independent(n1: int, n2: int) -> float:
    return math.sqrt((n1 + n2 + 1) / (3 * n1 * n2)) if n1 > 0 and n2 > 0 else math.nan


def rank_biserial_se_paired(n_nonzero: int) -> float:
    n = n_nonzero
    if n < 1:
        return math.nan
    return math.sqrt((2 * n**3 + 3 * n**2 + n) / 6) / ((n**2 + n) / 2)
