"""Reliability coefficients on a complete-case item matrix (rows = respondents).

Every function takes a 2-D float array without missing values (the listwise sample of
DESIGN.md §5) and mirrors an R call, named in its docstring; the golden tests in
``tests/reference/reliability.R`` check them against psych 2.2.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float64]


def cronbach_alpha(x: Matrix) -> float:
    """Raw Cronbach's alpha, ``k/(k−1)·(1 − Σ var(item) / var(total))``.

    As ``psych::alpha(x)$total$raw_alpha`` on complete data.
    """
    k = x.shape[1]
    cov = np.cov(x, rowvar=False, ddof=1)
    total = cov.sum()
    if k < 2 or total <= 0:
        return float("nan")
    return float(k / (k - 1) * (1 - np.trace(cov) / total))


def standardized_alpha(x: Matrix) -> float:
    """Alpha of the standardized items, ``k·r̄ / (1 + (k−1)·r̄)`` with r̄ the mean
    inter-item correlation (``psych::alpha(x)$total$std.alpha``)."""
    k = x.shape[1]
    r = np.corrcoef(x, rowvar=False)
    mean_r = (r.sum() - k) / (k * (k - 1))
    return float(k * mean_r / (1 + (k - 1) * mean_r))


def feldt_ci(alpha: float, n: int, k: int, level: float = 0.95) -> tuple[float, float]:
    """Feldt (1965) confidence interval for alpha, as ``psych::alpha.ci``:

    ``1 − (1 − α)·F_q(n − 1, (n − 1)(k − 1))`` for q = (1 + level)/2 (lower bound) and
    q = (1 − level)/2 (upper bound).
    """
    from scipy.special import fdtri  # the F quantile; far cheaper to import than scipy.stats

    if not np.isfinite(alpha) or n < 2 or k < 2:
        return float("nan"), float("nan")
    df1 = n - 1
    df2 = df1 * (k - 1)
    tail = (1 - level) / 2
    low = 1 - (1 - alpha) * fdtri(df1, df2, 1 - tail)
    high = 1 - (1 - alpha) * fdtri(df1, df2, tail)
    return float(low), float(high)


def item_rest_correlations(x: Matrix) -> Matrix:
    """Corrected item–total correlation: each item with the sum of the other items
    (``psych::alpha(x)$item.stats$r.drop``).

    From the item covariance matrix C: cov(item j, rest) = Σ_k C_jk − C_jj and
    var(rest) = ΣC − 2 Σ_k C_jk + C_jj, so one pass over the data serves every item.
    """
    cov = np.cov(x, rowvar=False, ddof=1)
    variances = np.diag(cov)
    row_sums = cov.sum(axis=1)
    rest_variance = cov.sum() - 2 * row_sums + variances
    with np.errstate(divide="ignore", invalid="ignore"):
        return (row_sums - variances) / np.sqrt(variances * rest_variance)


def alpha_if_deleted(x: Matrix) -> Matrix:
    """Raw alpha of the scale without each item (``psych::alpha(x)$alpha.drop$raw_alpha``):
    ``(k−1)/(k−2)·(1 − (tr C − C_jj) / var(rest))`` from the item covariance matrix C."""
    k = x.shape[1]
    if k < 3:
        return np.full(k, np.nan)
    cov = np.cov(x, rowvar=False, ddof=1)
    variances = np.diag(cov)
    rest_variance = cov.sum() - 2 * cov.sum(axis=1) + variances
    with np.errstate(divide="ignore", invalid="ignore"):
        return (k - 1) / (k - 2) * (1 - (variances.sum() - variances) / rest_variance)


def minres_one_factor(r: Matrix) -> Matrix:
    """Loadings of a one-factor minimum-residual solution of correlation matrix ``r``.

    Minres (Harman) minimises the squared off-diagonal residuals
    ``Σ_{i<j} (r_ij − λ_i λ_j)²``; we minimise it over the loadings directly with L-BFGS-B
    and an analytic gradient, keeping every uniqueness ``1 − λ²`` at or above 0.005 as
    ``psych::fa(fm = "minres")`` bounds them. The start is the first principal-axis solution
    on the squared multiple correlations; since small samples can give local minima, we also
    start from that solution with one item's sign flipped and keep the best of these k + 1
    fits. A few Newton steps on the loadings inside the bounds then take the solution to
    machine precision, so it does not depend on the order of the items. psych optimises over
    the uniquenesses and stops earlier; on the reference data the two agree to about 1e-7.
    """
    from scipy.optimize import minimize

    k = r.shape[0]
    off = ~np.eye(k, dtype=bool)

    def objective(loadings: Matrix) -> tuple[float, Matrix]:
        residual = np.where(off, r - np.outer(loadings, loadings), 0.0)
        value = 0.5 * float((residual**2).sum())  # each pair counted twice
        gradient = -2 * residual @ loadings
        return value, gradient

    reduced = r.copy()
    np.fill_diagonal(reduced, _smc(r))
    values, vectors = np.linalg.eigh(reduced)
    limit = float(np.sqrt(1 - 0.005))
    first = np.clip(vectors[:, -1] * np.sqrt(max(values[-1], 1e-6)), -limit, limit)
    # the objective can have local minima (small or degenerate samples): also start from
    # the first solution with one item's sign flipped, and keep the best fit
    starts = [first] + [first * np.where(np.arange(k) == j, -1.0, 1.0) for j in range(k)]
    best: tuple[float, Matrix] | None = None
    for start in starts:
        fit = minimize(objective, start, jac=True, method="L-BFGS-B",
                       bounds=[(-limit, limit)] * k,
                       options={"ftol": 1e-16, "gtol": 1e-12, "maxiter": 10_000})
        polished = _newton_polish(r, fit.x, limit)
        value = objective(polished)[0]
        if best is None or value < best[0] - 1e-12:
            best = (value, polished)
    assert best is not None
    loadings = best[1]
    if loadings.sum() < 0:
        loadings = -loadings
    return loadings


def _newton_polish(r: Matrix, loadings: Matrix, limit: float, steps: int = 20) -> Matrix:
    """Newton steps for the minres objective on the loadings not at a bound.

    Gradient ``g_k = −2 Σ_{j≠k} e_kj λ_j`` and Hessian ``H_kl = 2(λ_k λ_l − e_kl)``,
    ``H_kk = 2 Σ_{j≠k} λ_j²``, with ``e`` the off-diagonal residuals ``r − λλᵀ``.
    """
    k = r.shape[0]
    off = ~np.eye(k, dtype=bool)
    current = loadings.copy()
    for _ in range(steps):
        residual = np.where(off, r - np.outer(current, current), 0.0)
        gradient = -2 * residual @ current
        free = np.abs(current) < limit - 1e-12
        if not free.any() or np.max(np.abs(gradient[free])) < 1e-15:
            break
        hessian = 2 * (np.outer(current, current) - residual)
        squares = current**2
        np.fill_diagonal(hessian, 2 * (squares.sum() - squares))
        try:
            step = np.linalg.solve(hessian[np.ix_(free, free)], gradient[free])
        except np.linalg.LinAlgError:
            break
        candidate = current.copy()
        candidate[free] -= step
        if np.any(np.abs(candidate) > limit):
            break
        current = candidate
    return current


def _smc(r: Matrix) -> Matrix:
    """Squared multiple correlations; for a singular ``r`` each item's largest |r| instead
    (as ``psych::smc`` falls back to)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        try:
            smc = 1 - 1 / np.diag(np.linalg.inv(r))
        except np.linalg.LinAlgError:
            smc = np.full(r.shape[0], np.nan)
    if not np.all(np.isfinite(smc)) or np.any(smc < 0) or np.any(smc > 1):
        off = np.abs(r - np.eye(r.shape[0]))
        smc = off.max(axis=1)
    return smc


def omega_total(x: Matrix) -> float:
    """McDonald's omega total from a one-factor minres model:
    ``1 − Σ(1 − λ²) / 1ᵀR1`` (``psych::omega(x, nfactors = 1, fm = "minres")$omega.tot``).

    As psych (``flip = TRUE``), an item that loads negatively on the factor is flipped before
    ``1ᵀR1`` is summed; such an item is usually a reverse-keyed item that was not declared
    as one, which the item–rest correlations show.

    With two items a one-factor model is not identified (any λ₁λ₂ = r₁₂ fits), so omega is
    NaN; for two-item scales report alpha, which then equals the Spearman–Brown coefficient
    of the standardized items (Eisinga, Te Grotenhuis & Pelzer 2013).
    """
    if x.shape[1] < 3:
        return float("nan")
    r = np.corrcoef(x, rowvar=False)
    loadings = minres_one_factor(r)
    uniqueness = 1 - loadings**2
    key = np.where(loadings < 0, -1.0, 1.0)
    return float(1 - uniqueness.sum() / (key @ r @ key))
