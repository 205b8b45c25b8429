"""Many random-intercept models with the same design at once: REML and Satterthwaite df.

For power by simulation every simulated study has the same model matrix ``X`` and the same
respondents; only the ratings ``y`` differ. This module fits ``y_b ~ X + (1 | respondent)``
for all simulated ``y_b`` together, with the formulas of :mod:`.mixed` (lme4's profiled REML
deviance, lmerTest's Satterthwaite df with the analytic Hessian and Jacobian; see that
module's docstring for every formula) evaluated on stacks of ``p × p`` matrices instead of
one fit at a time:

- the per-respondent sums ``s_i = X_i'1`` and ``Σ s_i s_i'`` (per cluster size) are shared by
  all simulations; per simulation only ``t_i`` (rating sums), ``X'y`` and ``y'y`` differ;
- γ̂ = θ̂² minimises the profiled deviance ``d(γ)`` per simulation: the same grid on log γ as
  :func:`.mixed.fit_random_intercept`, then bisection on the analytic derivative ``d'(γ)`` in
  the grid interval next to the grid minimum (to machine precision, where ``.mixed`` uses
  Brent's method), and γ = 0 (a boundary fit) when ``d`` is lowest there;
- Satterthwaite's df of each contrast ``L'β`` from the same ``A = 2·H_D⁺`` and Jacobian.

It agrees with :func:`.mixed.fit_random_intercept` fit by fit (tests/test_power_vignette.py:
estimates, standard errors, df and p-values to 1e-6).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .mixed import EIGEN_TOL  # lmerTest's tolerance, as in the single fit
from .scipy_import import import_module

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class BatchFit:
    """One row per simulation, one column per contrast (rows of ``L``)."""

    estimate: np.ndarray
    std_error: np.ndarray
    df: np.ndarray
    p_value: np.ndarray
    gamma: np.ndarray  # θ̂² per simulation
    sigma: np.ndarray


@dataclass(frozen=True)
class _Shared:
    """What does not depend on y: X'X, per-respondent column sums and their products."""

    xtx: np.ndarray
    s: np.ndarray  # G × p
    counts: np.ndarray  # G
    sizes: np.ndarray  # K distinct cluster sizes
    which: np.ndarray  # G: index into sizes
    per_size: np.ndarray  # K: respondents of each size
    ss: np.ndarray  # K × p × p
    order: np.ndarray
    starts: np.ndarray
    n: int
    p: int


def _shared(x: np.ndarray, groups: np.ndarray) -> _Shared:
    import numpy as np

    order = np.argsort(groups, kind="stable")
    sorted_groups = groups[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    if len(starts) != int(groups.max()) + 1:
        raise ValueError("cluster codes must be consecutive integers starting at 0")
    s = np.add.reduceat(x[order], starts, axis=0)
    counts = np.diff(np.r_[starts, len(groups)]).astype(float)
    sizes, which = np.unique(counts, return_inverse=True)
    ss = np.stack([s[which == k].T @ s[which == k] for k in range(len(sizes))])
    return _Shared(xtx=x.T @ x, s=s, counts=counts, sizes=sizes, which=which,
                   per_size=np.bincount(which, minlength=len(sizes)).astype(float), ss=ss,
                   order=order, starts=starts, n=len(groups), p=x.shape[1])


def _profile(sh: _Shared, xty: np.ndarray, st: np.ndarray, yty: np.ndarray, tt: np.ndarray,
             gamma: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """d(γ) for a stack of simulations (first axes of xty, st, …, gamma alike):
    (deviance, β̂, r², M)."""
    import numpy as np

    c = gamma[..., None] / (1 + sh.sizes * gamma[..., None])  # … × K
    m = sh.xtx - np.einsum("...k,kij->...ij", c, sh.ss)
    b = xty - np.einsum("...k,...kp->...p", c, st)
    yhy = yty - (c * tt).sum(axis=-1)
    chol = np.linalg.cholesky(m)
    beta = np.linalg.solve(m, b[..., None])[..., 0]
    r2 = yhy - (b * beta).sum(axis=-1)
    logdet_m = 2 * np.log(np.diagonal(chol, axis1=-2, axis2=-1)).sum(axis=-1)
    logdet_h = (sh.per_size * np.log1p(sh.sizes * gamma[..., None])).sum(axis=-1)
    dof = sh.n - sh.p
    with np.errstate(divide="ignore", invalid="ignore"):
        deviance = logdet_h + logdet_m + dof * (1 + np.log(2 * math.pi * r2 / dof))
    return deviance, beta, r2, m


def _slope(sh: _Shared, t: np.ndarray, xty: np.ndarray, st: np.ndarray, yty: np.ndarray,
           tt: np.ndarray, gamma: np.ndarray) -> np.ndarray:
    """d'(γ) = ℓ'(γ) + (n − p)·r²'(γ)/r²(γ) per simulation (as ``mixed._profile``)."""
    import numpy as np

    _, beta, r2, m = _profile(sh, xty, st, yty, tt, gamma)
    g_col = gamma[:, None]
    m1 = -np.einsum("bk,kij->bij", 1 / (1 + sh.sizes * g_col) ** 2, sh.ss)
    resid = t - beta @ sh.s.T
    r2_1 = -((resid**2) / (1 + sh.counts * g_col) ** 2).sum(axis=1)
    l1 = ((sh.per_size * sh.sizes) / (1 + sh.sizes * g_col)).sum(axis=1) + np.einsum(
        "bij,bji->b", np.linalg.inv(m), m1)
    return l1 + (sh.n - sh.p) * r2_1 / r2


def fit_many(y: np.ndarray, x: np.ndarray, groups: np.ndarray, contrasts: np.ndarray
             ) -> BatchFit:
    """Fit ``y[b] ~ x + (1 | groups)`` by REML for every row ``b`` of ``y`` (B × n) and test
    every row of ``contrasts`` (q × p): estimate, SE, Satterthwaite df, two-sided p."""
    import numpy as np
    stdtr = import_module("scipy.special").stdtr

    y = np.atleast_2d(np.asarray(y, dtype=float))
    x = np.asarray(x, dtype=float)
    contrasts = np.atleast_2d(np.asarray(contrasts, dtype=float))
    sh = _shared(x, np.asarray(groups))
    t = np.add.reduceat(y[:, sh.order], sh.starts, axis=1)  # B × G rating sums
    xty = y @ x
    yty = np.einsum("bn,bn->b", y, y)
    st = np.stack([t[:, sh.which == k] @ sh.s[sh.which == k]
                   for k in range(len(sh.sizes))], axis=1)  # B × K × p
    tt = np.stack([(t[:, sh.which == k] ** 2).sum(axis=1) for k in range(len(sh.sizes))],
                  axis=1)  # B × K
    n_sims = len(y)

    # grid on γ (as mixed._optimise), all simulations at once
    grid = np.r_[0.0, np.geomspace(1e-6, 1e6, 49)]
    gam = np.broadcast_to(grid, (n_sims, len(grid)))
    deviance, *_ = _profile(sh, xty[:, None], st[:, None], yty[:, None], tt[:, None], gam)
    deviance = np.where(np.isfinite(deviance), deviance, np.inf)
    best = np.argmin(deviance, axis=1)
    slope = _slope(sh, t, xty, st, yty, tt, grid[best])
    # the root of d'(γ) next to the grid minimum: right of it where d falls, else left
    right = slope < 0
    low = np.where(right, grid[best], grid[np.maximum(best - 1, 0)])
    high = np.where(right, grid[np.minimum(best + 1, len(grid) - 1)], grid[best])
    boundary = (best == 0) & ~right  # d rises from γ = 0: the boundary fit
    falling_at_end = (best == len(grid) - 1) & right
    for _ in range(120):  # bisection on d'(γ) to machine precision (as Brent in .mixed)
        middle = (low + high) / 2
        going_down = _slope(sh, t, xty, st, yty, tt, middle) < 0
        low = np.where(going_down, middle, low)
        high = np.where(going_down, high, middle)
        if np.all(high - low <= 4e-16 * high):
            break
    gamma = np.where(boundary, 0.0, np.where(falling_at_end, grid[-1], (low + high) / 2))
    at_zero = _profile(sh, xty, st, yty, tt, np.zeros(n_sims))[0]
    at_root = _profile(sh, xty, st, yty, tt, gamma)[0]
    gamma = np.where(at_zero <= at_root, 0.0, gamma)

    _, beta, r2, m = _profile(sh, xty, st, yty, tt, gamma)
    m_inv = np.linalg.inv(m)
    dof = sh.n - sh.p
    sigma2 = r2 / dof
    sigma = np.sqrt(sigma2)
    theta = np.sqrt(gamma)
    vcov = sigma2[:, None, None] * m_inv

    # Satterthwaite parts, vectorised (mixed._satterthwaite_parts)
    n_i = sh.counts
    g_col = gamma[:, None]
    c1 = 1 / (1 + n_i * g_col) ** 2  # B × G
    c2 = -2 * n_i / (1 + n_i * g_col) ** 3
    n_k = sh.sizes
    w1 = 1 / (1 + n_k * g_col) ** 2  # B × K
    w2 = -2 * n_k / (1 + n_k * g_col) ** 3
    m1 = -np.einsum("bk,kij->bij", w1, sh.ss)
    m2 = -np.einsum("bk,kij->bij", w2, sh.ss)
    resid = t - beta @ sh.s.T  # B × G
    r2_1 = -(c1 * resid**2).sum(axis=1)
    beta_1 = -np.einsum("bij,bj->bi", m_inv, (c1 * resid) @ sh.s)
    resid_1 = -(beta_1 @ sh.s.T)
    r2_2 = -(c2 * resid**2).sum(axis=1) - 2 * (c1 * resid * resid_1).sum(axis=1)
    a_mat = m_inv @ m1
    l1 = (n_i / (1 + n_i * g_col)).sum(axis=1) + np.trace(a_mat, axis1=1, axis2=2)
    l2 = (-(n_i**2 / (1 + n_i * g_col) ** 2).sum(axis=1)
          + np.einsum("bij,bji->b", m_inv, m2) - np.einsum("bij,bji->b", a_mat, a_mat))
    d_gamma = l1 + r2_1 / sigma2
    d_gamma2 = l2 + r2_2 / sigma2
    h_tt = 2 * d_gamma + 4 * gamma * d_gamma2
    h_ts = -4 * theta * r2_1 / sigma**3
    h_ss = 6 * r2 / sigma**4 - 2 * dof / sigma2
    hessian = np.stack([np.stack([h_tt, h_ts], -1), np.stack([h_ts, h_ss], -1)], -2)
    values, vectors = np.linalg.eigh(hessian)
    inverse_values = np.where(values > EIGEN_TOL, 1 / np.where(values > EIGEN_TOL,
                                                                  values, 1.0), 0.0)
    varpar = 2 * np.einsum("bik,bk,bjk->bij", vectors, inverse_values, vectors)
    d_theta = -2 * (theta * sigma2)[:, None, None] * (m_inv @ m1 @ m_inv)
    d_sigma = 2 * sigma[:, None, None] * m_inv

    estimate = beta @ contrasts.T  # B × q
    variance = np.einsum("qi,bij,qj->bq", contrasts, vcov, contrasts)
    g_t = np.einsum("qi,bij,qj->bq", contrasts, d_theta, contrasts)
    g_s = np.einsum("qi,bij,qj->bq", contrasts, d_sigma, contrasts)
    denominator = (g_t**2 * varpar[:, None, 0, 0] + 2 * g_t * g_s * varpar[:, None, 0, 1]
                   + g_s**2 * varpar[:, None, 1, 1])
    with np.errstate(divide="ignore", invalid="ignore"):
        df = np.where(denominator > 0, 2 * variance**2 / denominator, np.nan)
        std_error = np.sqrt(np.maximum(variance, 0.0))
        statistic = estimate / std_error
        p_value = 2 * stdtr(df, -np.abs(statistic))
    return BatchFit(estimate=estimate, std_error=std_error, df=df, p_value=p_value,
                    gamma=gamma, sigma=sigma)
