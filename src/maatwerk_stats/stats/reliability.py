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
    from scipy.stats import f

    if not np.isfinite(alpha) or n < 2 or k < 2:
        return float("nan"), float("nan")
    df1 = n - 1
    df2 = df1 * (k - 1)
    tail = (1 - level) / 2
    low = 1 - (1 - alpha) * f.ppf(1 - tail, df1, df2)
    high = 1 - (1 - alpha) * f.ppf(tail, df1, df2)
    return float(low), float(high)


def item_rest_correlations(x: Matrix) -> Matrix:
    """Corrected item–total correlation: each item with the sum of the other items
    (``psych::alpha(x)$item.stats$r.drop``)."""
    total = x.sum(axis=1)
    out = np.empty(x.shape[1])
    for j in range(x.shape[1]):
        rest = total - x[:, j]
        out[j] = _corr(x[:, j], rest)
    return out


def alpha_if_deleted(x: Matrix) -> Matrix:
    """Raw alpha of the scale without each item (``psych::alpha(x)$alpha.drop$raw_alpha``)."""
    k = x.shape[1]
    if k < 3:
        return np.full(k, np.nan)
    return np.array([cronbach_alpha(np.delete(x, j, axis=1)) for j in range(k)])


def _corr(a: Matrix, b: Matrix) -> float:
    a = a - a.mean()
    b = b - b.mean()
    denominator = np.sqrt((a @ a) * (b @ b))
    return float(a @ b / denominator) if denominator > 0 else float("nan")


def minres_one_factor(r: Matrix, tol: float = 1e-12, max_iter: int = 10_000) -> Matrix:
    """Loadings of a one-factor minimum-residual (ULS) solution of correlation matrix ``r``.

    The minres solution is the fixed point at which the communalities equal the diagonal of
    the fitted ``λλᵀ`` (iterated principal axes), started, as ``psych::fa(fm = "minres")``,
    from the squared multiple correlations and with uniquenesses kept in [0.005, 1] as its
    L-BFGS-B bounds. psych stops its optimiser earlier; the two agree to about 1e-4.
    """
    k = r.shape[0]
    try:
        smc = 1 - 1 / np.diag(np.linalg.inv(r))
    except np.linalg.LinAlgError:
        smc = np.full(k, 0.5)
    psi = np.clip(1 - smc, 0.005, 1.0)
    loadings = np.zeros(k)
    for _ in range(max_iter):
        reduced = r.copy()
        np.fill_diagonal(reduced, 1 - psi)
        values, vectors = np.linalg.eigh(reduced)
        loadings = vectors[:, -1] * np.sqrt(max(values[-1], 0.0))
        new_psi = np.clip(1 - loadings**2, 0.005, 1.0)
        if np.max(np.abs(new_psi - psi)) < tol:
            psi = new_psi
            break
        psi = new_psi
    if loadings.sum() < 0:
        loadings = -loadings
    return loadings


def omega_total(x: Matrix) -> float:
    """McDonald's omega total from a one-factor minres model:
    ``1 − Σ(1 − λ²) / 1ᵀR1`` (``psych::omega(x, nfactors = 1, fm = "minres")$omega.tot``).

    As psych (``flip = TRUE``), an item that loads negatively on the factor is flipped before
    ``1ᵀR1`` is summed; such an item is usually a reverse-keyed item that was not declared
    as one, which the item–rest correlations show.
    """
    if x.shape[1] < 2:
        return float("nan")
    r = np.corrcoef(x, rowvar=False)
    loadings = minres_one_factor(r)
    uniqueness = 1 - loadings**2
    key = np.where(loadings < 0, -1.0, 1.0)
    return float(1 - uniqueness.sum() / (key @ r @ key))
