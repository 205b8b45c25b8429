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


# --------------------------------------------------------------------------------------------
# power.t.test: solve for whichever of n, delta and power is missing

TYPES = ("two.sample", "paired", "one.sample")
ALTERNATIVES = ("two.sided", "one.sided")


def power_t(n: float, delta: float, sd: float = 1.0, alpha: float = 0.05,
            type: str = "two.sample", alternative: str = "two.sided",
            strict: bool = True) -> float:
    """Power of the t-test exactly as R's ``power.t.test`` (stats 4.x source).

    ``n`` per group (``two.sample``) or pairs / observations (``paired``, ``one.sample``;
    non-integer ``n`` allowed, as R). ``ν = (n − 1)·t_s`` with ``t_s`` = 2 groups or 1,
    ``λ = √(n / t_s)·δ / sd``; two-sided: ``q = t_{1−α/2, ν}``,
    ``power = P(T_ν,λ > q) + [strict] P(T_ν,λ < −q)``; one-sided: ``q = t_{1−α, ν}``,
    ``power = P(T_ν,λ > q)``. R's default is ``strict = FALSE`` (the far tail not counted).
    """
    groups = 2 if type == "two.sample" else 1
    df = (n - 1) * groups
    ncp = math.sqrt(n / groups) * delta / sd
    return t_power(ncp, df, alpha, two_sided=alternative == "two.sided", strict=strict)


def t_power(ncp: float, df: float, alpha: float = 0.05, two_sided: bool = True,
            strict: bool = True) -> float:
    """Power of a t-test whose statistic is noncentral t(``df``, ``ncp``): the rejection
    probability ``P(T > q) [+ P(T < −q)]`` with ``q`` the critical value of the central t.
    Any t-test of a linear model term, given its true ncp = β / SE and its df."""
    from .distributions import t_quantile
    from .effectsize import nct_cdf

    if two_sided:
        crit = t_quantile(1 - alpha / 2, df)
        power = 1 - nct_cdf(crit, df, ncp)
        if strict:
            power += nct_cdf(-crit, df, ncp)
        return power
    crit = t_quantile(1 - alpha, df)
    return 1 - nct_cdf(crit, df, ncp)


def solve_power_t(n: float | None = None, delta: float | None = None, power: float | None = None,
                  sd: float = 1.0, alpha: float = 0.05, type: str = "two.sample",
                  alternative: str = "two.sided", strict: bool = True) -> dict[str, float]:
    """The one of ``n``, ``delta``, ``power`` that is None, from the other two (as
    ``power.t.test``, which solves with ``uniroot``; here Brent's method to 1e-10).

    Returns ``{"n", "delta", "power"}``. ``n`` can come out fractional (R does the same);
    round it up to recruit."""
    from .roots import brent_root

    missing = [name for name, value in (("n", n), ("delta", delta), ("power", power))
               if value is None]
    if len(missing) != 1:
        raise ValueError("give exactly two of n, delta and power")

    def at(n_: float, delta_: float) -> float:
        return power_t(n_, delta_, sd, alpha, type, alternative, strict)

    if power is None:
        assert n is not None and delta is not None
        return {"n": n, "delta": delta, "power": at(n, delta)}
    if n is None:
        assert delta is not None
        high = 4.0
        while at(high, delta) < power:
            high *= 2
            if high > 1e9:
                raise ValueError("no sample size reaches that power")
        low = 2.0  # power.t.test searches n in [2, 1e7]
        if at(low, delta) >= power:
            return {"n": low, "delta": delta, "power": at(low, delta)}
        n = brent_root(lambda x: at(x, delta) - power, low, high, xtol=1e-10, rtol=1e-14,
                       maxiter=500)
        return {"n": n, "delta": delta, "power": at(n, delta)}
    high = sd
    while at(n, high) < power:
        high *= 2
        if high > 1e6 * sd:
            raise ValueError("no effect reaches that power")
    delta = brent_root(lambda d: at(n, d) - power, 0.0, high, xtol=1e-12, rtol=1e-14,
                       maxiter=500)
    return {"n": n, "delta": delta, "power": at(n, delta)}
