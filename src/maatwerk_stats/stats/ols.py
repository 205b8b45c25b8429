"""Ordinary least squares with the column handling of R's ``lm``."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


def ols_last_coefficient(x: np.ndarray, y: np.ndarray, level: float = 0.95
                         ) -> dict[str, float] | None:
    """OLS of ``y`` on ``x`` (intercept included by the caller); the estimate, SE, t, df, p
    and CI of the last column, after dropping columns that depend linearly on earlier ones
    (tolerance 1e-7 relative, as ``lm``'s QR). None when the last column is dropped."""
    import numpy as np

    from .distributions import t_quantile, t_two_sided_p

    kept: list[int] = []
    for j in range(x.shape[1]):
        column = x[:, j]
        scale = float(np.linalg.norm(column))
        if scale == 0:
            continue
        if kept:
            basis = x[:, kept]
            coef, *_ = np.linalg.lstsq(basis, column, rcond=None)
            residual = column - basis @ coef
            if float(np.linalg.norm(residual)) <= 1e-7 * scale:
                continue
        kept.append(j)
    if not kept or kept[-1] != x.shape[1] - 1:
        return None
    design = x[:, kept]
    n, p = design.shape
    df = n - p
    if df < 1:
        return {"estimate": math.nan, "std_error": math.nan, "t": math.nan, "df": float(df),
                "p_value": math.nan, "conf_low": math.nan, "conf_high": math.nan}
    q, r = np.linalg.qr(design)
    beta = np.linalg.solve(r, q.T @ y)
    residual = y - design @ beta
    sigma2 = float(residual @ residual) / df
    r_inv = np.linalg.inv(r)
    variance = sigma2 * float((r_inv[-1] ** 2).sum())
    estimate = float(beta[-1])
    se = math.sqrt(variance)
    if not se > 0:
        return {"estimate": estimate, "std_error": se, "t": math.nan, "df": float(df),
                "p_value": math.nan, "conf_low": math.nan, "conf_high": math.nan}
    t = estimate / se
    q_crit = t_quantile(1 - (1 - level) / 2, df)
    return {"estimate": estimate, "std_error": se, "t": t, "df": float(df),
            "p_value": t_two_sided_p(t, df),
            "conf_low": estimate - q_crit * se, "conf_high": estimate + q_crit * se}


def full_rank(x: np.ndarray, tol: float = 1e-10, *, xtx: np.ndarray | None = None) -> bool:
    """Whether ``x`` has full column rank: the eigenvalues of X'X scaled to unit diagonal
    (the correlation-like cross-product) all exceed ``tol`` times the largest. ``xtx``:
    ``x.T @ x`` when the caller has it already (a fit of the same ``x`` needs it too)."""
    import numpy as np

    if xtx is None:
        xtx = x.T @ x
    diagonal = np.diag(xtx)
    if np.any(diagonal <= 0):
        return False
    scaled = xtx / np.sqrt(np.outer(diagonal, diagonal))
    values = np.linalg.eigvalsh(scaled)
    return bool(values[0] > tol * values[-1])


def ols_fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """OLS of ``y`` on a full-rank ``x``: coefficients, their covariance ``σ̂²(X'X)⁻¹`` and the
    residual df ``n − p`` (as ``coef``, ``vcov`` and ``df.residual`` of ``lm``)."""
    import numpy as np

    n, p = x.shape
    q, r = np.linalg.qr(x)
    beta = np.linalg.solve(r, q.T @ y)
    residual = y - x @ beta
    df = n - p
    sigma2 = float(residual @ residual) / df if df > 0 else math.nan
    r_inv = np.linalg.inv(r)
    return beta, sigma2 * (r_inv @ r_inv.T), df
