"""Linear regression of a survey outcome: OLS, its checks and inference for ``L'β``.

- :func:`fit_ols`: ``β̂`` by QR, ``vcov = σ̂²(X'X)⁻¹`` with ``σ̂² = e'e/(n − p)``, t on
  ``n − p`` df, R² and adjusted R² (R: ``lm`` + ``summary.lm``). The cluster-robust and the
  random-intercept fits of the same X are :func:`.cluster.fit_cluster_ols` (CR1,
  ``sandwich::vcovCL(type = "HC1")``, G − 1 df) and :func:`.mixed.fit_random_intercept`
  (REML, Satterthwaite, ``lmerTest``); every fit has ``contrast(L) → (estimate, se, df)``.
- :func:`std_coefficients`: ``b·sd(x)/sd(y)`` on the model's sample (the design column for a
  dummy or product term; NaN for the intercept), as ``lm.beta`` / ``b * sd(x) / sd(y)``.
- :func:`vif`: ``1/(1 − R²_j)`` of every non-intercept column = the diagonal of the inverse of
  their correlation matrix (R: ``car::vif`` for numeric predictors).
- :func:`t_inference`: statistic, two-sided p and CI from an estimate, SE and df.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class OLSFit:
    coef: np.ndarray
    vcov: np.ndarray
    n: int
    df_residual: int
    r_squared: float
    adj_r_squared: float
    sigma: float

    def contrast(self, weights: np.ndarray) -> tuple[float, float, float]:
        """``L'β̂``, its SE and the residual df (as a t-test on an ``lm`` coefficient)."""
        import numpy as np

        weights = np.asarray(weights, dtype=float)
        variance = float(weights @ self.vcov @ weights)
        return (float(weights @ self.coef), math.sqrt(max(variance, 0.0)),
                float(self.df_residual))


def fit_ols(y: np.ndarray, x: np.ndarray) -> OLSFit:
    """``lm(y ~ x)`` with the intercept as a column of ``x`` (first); ``x`` of full rank."""
    import numpy as np

    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    n, p = x.shape
    q, r = np.linalg.qr(x)
    coef = np.linalg.solve(r, q.T @ y)
    resid = y - x @ coef
    df = n - p
    rss = float(resid @ resid)
    sigma2 = rss / df if df > 0 else math.nan
    r_inv = np.linalg.solve(r, np.eye(p))
    vcov = sigma2 * (r_inv @ r_inv.T)
    tss = float(np.sum((y - y.mean()) ** 2))
    r2 = 1 - rss / tss if tss > 0 else math.nan
    adj = 1 - (1 - r2) * (n - 1) / df if df > 0 else math.nan
    return OLSFit(coef=coef, vcov=vcov, n=n, df_residual=df, r_squared=r2,
                  adj_r_squared=adj, sigma=math.sqrt(sigma2) if df > 0 else math.nan)


def std_coefficients(coef: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``b·sd(x_j)/sd(y)`` per column; NaN for a constant column (the intercept)."""
    import numpy as np

    sd_x = np.asarray(x, dtype=float).std(axis=0, ddof=1)
    sd_y = float(np.asarray(y, dtype=float).std(ddof=1))
    out = np.asarray(coef, dtype=float) * sd_x / sd_y
    return np.where(sd_x > 0, out, np.nan)


def vif(x: np.ndarray) -> np.ndarray:
    """Variance inflation factors of the columns of ``x`` (predictors only, no intercept):
    ``diag(R⁻¹)`` of their correlation matrix; ``inf`` where a column is a linear function of
    the others."""
    import numpy as np

    x = np.asarray(x, dtype=float)
    if x.shape[1] == 1:
        return np.ones(1)
    corr = np.corrcoef(x, rowvar=False)
    try:
        return np.diag(np.linalg.inv(corr))
    except np.linalg.LinAlgError:
        return np.full(x.shape[1], math.inf)


def t_inference(estimate: float, se: float, df: float, level: float = 0.95
                ) -> dict[str, float]:
    """``statistic = estimate/se``, ``p = 2·pt(−|t|, df)`` and ``estimate ± qt(.975, df)·se``
    (NaN where df or se is not usable)."""
    from .distributions import t_quantile, t_two_sided_p

    if not (se > 0 and math.isfinite(df) and df > 0):
        return {"estimate": estimate, "std_error": se, "statistic": math.nan, "df": df,
                "p_value": math.nan, "conf_low": math.nan, "conf_high": math.nan}
    statistic = estimate / se
    half = t_quantile(1 - (1 - level) / 2, df) * se
    return {"estimate": estimate, "std_error": se, "statistic": statistic, "df": df,
            "p_value": t_two_sided_p(statistic, df), "conf_low": estimate - half,
            "conf_high": estimate + half}
