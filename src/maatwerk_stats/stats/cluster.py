"""OLS with cluster-robust (sandwich) standard errors: CR0, CR1 and CR2.

``β̂ = (X'X)⁻¹X'y``, ``M = (X'X)⁻¹``, residuals ``e = y − Xβ̂``, clusters ``g = 1..G``
(respondents). The sandwich ``V = M (Σ_g X_g'A_g e_g e_g'A_g X_g) M`` with

- **CR0**: ``A_g = I`` times ``G/(G − 1)``: ``sandwich::vcovCL(type = "HC0")`` (whose
  default ``cadjust = TRUE`` applies the G/(G − 1) factor).
- **CR1** (default): ``A_g = I`` times ``G/(G − 1)·(n − 1)/(n − p)``: Stata's ``vce(cluster)``
  and ``sandwich::vcovCL(type = "HC1")``. Tests and intervals use t with ``G − 1`` df (as
  Stata; DESIGN.md §5).
- **CR2** (Bell & McCaffrey 2002; Pustejovsky & Tipton 2018, *JBES* 36(4)):
  ``A_g = (I − X_g M X_g')^(-1/2)``, the symmetric inverse square root (eigenvalues below
  1e-12 treated as zero, as ``clubSandwich``'s ``Sym_power``), no further factor:
  ``clubSandwich::vcovCR(type = "CR2")`` for an unweighted ``lm``. Tests and intervals use
  the Satterthwaite df of ``clubSandwich::coef_test(test = "Satterthwaite")`` and
  ``linear_contrast``: for a contrast ``c`` let ``u_g = A_g X_g M c`` and
  ``w_g = X_g'u_g``; under the working model (independent errors, equal variance) the
  G × G matrix ``P_gh = δ_gh·u_g'u_g − w_g'M w_h`` gives ``df = (tr P)² / Σ P_gh²``.
  ``Σ P_gh²`` is computed without forming P: ``Σ_g (u_g'u_g)² − 2Σ_g u_g'u_g·w_g'Mw_g +
  tr(M K M K)`` with ``K = Σ_g w_g w_g'``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .scipy_import import import_module

if TYPE_CHECKING:
    import numpy as np

ClusterType = Literal["cr0", "cr1", "cr2"]
CLUSTER_TYPES: tuple[str, ...] = ("cr0", "cr1", "cr2")

_SYM_POWER_TOL = 1e-12  # clubSandwich::Sym_power


@dataclass(frozen=True)
class ClusterOLS:
    """An OLS fit with a cluster-robust covariance of type ``kind``."""

    coef: np.ndarray
    vcov: np.ndarray
    kind: str
    n: int
    n_clusters: int
    residual_variance: float  # e'e / (n − p)
    bread: np.ndarray  # M = (X'X)⁻¹
    x: np.ndarray
    groups: np.ndarray
    adjusted_x: np.ndarray | None = None  # CR2: the rows A_g X_g, stacked like x

    def contrast(self, weights: np.ndarray) -> tuple[float, float, float]:
        """``c'β̂``, its cluster-robust SE and df (G − 1 for CR0/CR1; Satterthwaite for CR2)."""
        import numpy as np

        weights = np.asarray(weights, dtype=float)
        estimate = float(weights @ self.coef)
        se = math.sqrt(max(float(weights @ self.vcov @ weights), 0.0))
        if self.kind != "cr2":
            return estimate, se, float(self.n_clusters - 1)
        return estimate, se, self._satterthwaite(weights)

    def _satterthwaite(self, weights: np.ndarray) -> float:
        import numpy as np

        assert self.adjusted_x is not None
        m = self.bread
        u = self.adjusted_x @ (m @ weights)
        uu = np.bincount(self.groups, weights=u * u, minlength=self.n_clusters)
        w = _cluster_sums(self.x, self.groups, self.n_clusters, scale=u)
        wmw = np.sum((w @ m) * w, axis=1)
        trace = float(uu.sum() - wmw.sum())
        k = w.T @ w
        mk = m @ k
        squares = float(np.sum(uu**2) - 2 * np.sum(uu * wmw) + np.sum(mk * mk.T))
        return trace**2 / squares if squares > 0 else math.nan


def _cluster_sums(values: np.ndarray, groups: np.ndarray, n_groups: int,
                  scale: np.ndarray | None = None) -> np.ndarray:
    """Row sums of ``values`` per cluster code (G × p): one ``np.bincount`` per column, which
    adds each cluster's rows in their order in the data (as the sparse indicator product
    it replaced, to the last bit); fastest on a column-major ``values``. With ``scale``, the
    sums of ``values * scale[:, None]``, one column at a time (the same products, without an
    n × p copy: 100 MB at 900,000 ratings)."""
    import numpy as np

    out = np.empty((n_groups, values.shape[1]))
    for j in range(values.shape[1]):
        column = values[:, j] if scale is None else values[:, j] * scale
        out[:, j] = np.bincount(groups, weights=column, minlength=n_groups)
    return out


def fit_cluster_ols(y: np.ndarray, x: np.ndarray, groups: np.ndarray,
                    kind: ClusterType = "cr1", *, xtx: np.ndarray | None = None) -> ClusterOLS:
    """OLS of ``y`` on ``x`` with standard errors clustered by ``groups`` (codes 0..G−1).

    Mirrors ``lm`` + ``sandwich::vcovCL(type = "HC1")`` (``kind="cr1"``), ``type = "HC0"``
    (``"cr0"``) and ``clubSandwich::vcovCR(type = "CR2")`` (``"cr2"``); see the module
    docstring. ``x`` must have full column rank. ``xtx``: ``x.T @ x`` when the caller has
    it already (the model matrix's rank check and the mixed fit of the same ``x`` use it).
    """
    import numpy as np
    linalg = import_module("scipy.linalg")
    cho_factor, cho_solve = linalg.cho_factor, linalg.cho_solve

    if kind not in CLUSTER_TYPES:
        raise ValueError(f"unknown cluster-robust type {kind!r}")
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    groups = np.asarray(groups)
    n, p = x.shape
    n_clusters = int(groups.max()) + 1
    factor_xtx = cho_factor(x.T @ x if xtx is None else xtx, lower=True)
    coef = cho_solve(factor_xtx, x.T @ y)
    bread = cho_solve(factor_xtx, np.eye(p))
    resid = y - x @ coef
    adjusted = None
    if kind == "cr2":
        adjusted = _cr2_adjusted_x(x, groups, bread)
        scores = _cluster_sums(adjusted, groups, n_clusters, scale=resid)
        factor = 1.0
    else:
        scores = _cluster_sums(x, groups, n_clusters, scale=resid)
        factor = n_clusters / (n_clusters - 1)
        if kind == "cr1":
            factor *= (n - 1) / (n - p)
    meat = scores.T @ scores
    vcov = factor * bread @ meat @ bread
    return ClusterOLS(coef=coef, vcov=vcov, kind=kind, n=n, n_clusters=n_clusters,
                      residual_variance=float(resid @ resid) / (n - p), bread=bread, x=x,
                      groups=groups, adjusted_x=adjusted)


def _cr2_adjusted_x(x: np.ndarray, groups: np.ndarray, bread: np.ndarray) -> np.ndarray:
    """Rows ``A_g X_g`` with ``A_g = (I − X_g M X_g')^(-1/2)``, batched by cluster size."""
    import numpy as np

    out = np.empty_like(x)
    order = np.argsort(groups, kind="stable")
    sorted_groups = groups[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    sizes = np.diff(np.r_[starts, len(groups)])
    for size in np.unique(sizes):
        first = starts[sizes == size]
        rows = order[first[:, None] + np.arange(size)[None, :]]  # clusters × size
        xg = x[rows]  # clusters × size × p
        lev = (xg @ bread) @ xg.transpose(0, 2, 1)
        resid_maker = np.eye(size)[None, :, :] - lev
        values, vectors = np.linalg.eigh(resid_maker)
        powered = np.where(values > _SYM_POWER_TOL, 1 / np.sqrt(np.clip(values, 1e-300, None)),
                           0.0)
        a = (vectors * powered[:, None, :]) @ vectors.transpose(0, 2, 1)
        out[rows] = a @ xg
    return out
