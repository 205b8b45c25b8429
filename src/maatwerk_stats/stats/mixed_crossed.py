"""Crossed random intercepts for respondent and vignette: REML and Satterthwaite df.

The model ``y = Xβ + Z_r u + Z_v w + e`` with ``u ~ N(0, σ_r²)`` per respondent,
``w ~ N(0, σ_v²)`` per vignette and ``e ~ N(0, σ²)``, fitted by REML as
``lme4::lmer(y ~ x + (1 | respondent) + (1 | vignette))`` and tested as ``lmerTest``
(Satterthwaite). With ``γ_r = θ_r²``, ``γ_v = θ_v²`` (θ = σ_·/σ, lme4's parameters) and
``H = I + γ_r Z_r Z_r' + γ_v Z_v Z_v'`` (``V = σ²H``):

- ``A = I + γ_r Z_r Z_r'`` is block-diagonal, ``A_i⁻¹ = I − c_i 11'`` with
  ``c_i = γ_r / (1 + n_i γ_r)`` (as in :mod:`.mixed`), so for ``W = [X, Z_v, y]``:
  ``K = W'A⁻¹W = W'W − Σ_i c_i s_i s_i'`` from the per-respondent column sums ``s_i``;
- Woodbury over the V vignette columns: ``P'H⁻¹Q = K_PQ − γ_v K_Pv (I + γ_v K_vv)⁻¹ K_vQ``
  and ``log|H| = Σ_i log(1 + n_i γ_r) + log|I + γ_v K_vv|``;
- the profiled REML deviance ``d(θ) = log|H| + log|M| + (n − p)(1 + log(2π r²/(n − p)))``
  with ``M = X'H⁻¹X``, ``r² = y'H⁻¹y − b'M⁻¹b`` (Bates et al. 2015, section 3.4) is
  minimised over θ ≥ 0 (L-BFGS-B from several starts);
- Satterthwaite as ``lmerTest``: ``A = 2·H_D⁺`` with ``H_D`` the Hessian of
  ``D(θ_r, θ_v, σ) = log|H| + log|M| + r²/σ² + (n − p) log(2πσ²)`` at the optimum, the
  Jacobian of ``C(φ) = σ² M⁻¹``, ``df = 2 f² / (g'A g)``; the derivatives by central
  differences with Richardson extrapolation, as lmerTest's ``numDeriv`` does.

The per-respondent outer products ``s_i s_i'`` are summed once per distinct number of ratings
``n`` (``c_i`` depends on ``i`` only through ``n_i``), so after one O(N·m + G·m²) pass
(m = p + V + 1) every evaluation of the deviance costs O(K·m² + V³), K the number of distinct
``n_i``, whatever the number of respondents and ratings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .mixed import EIGEN_TOL  # lmerTest's tolerance, as in the respondent model
from .scipy_import import import_module

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class CrossedFit:
    coef: np.ndarray
    vcov: np.ndarray
    theta: tuple[float, float]  # (respondent, vignette), relative to σ
    sigma: float
    n: int
    n_respondents: int
    n_vignettes: int
    vcov_varpar: np.ndarray  # 3 × 3
    jacobian: np.ndarray  # 3 × p × p
    converged: bool

    @property
    def var_respondent(self) -> float:
        return (self.theta[0] * self.sigma) ** 2

    @property
    def var_vignette(self) -> float:
        return (self.theta[1] * self.sigma) ** 2

    @property
    def var_residual(self) -> float:
        return self.sigma**2

    def contrast(self, weights: np.ndarray) -> tuple[float, float, float]:
        """``L'β̂``, its SE and Satterthwaite df (as ``lmerTest::contest1D``)."""
        from .mixed import satterthwaite_contrast

        return satterthwaite_contrast(weights, self.coef, self.vcov, self.jacobian,
                                      self.vcov_varpar)


class _Problem:
    def __init__(self, y: np.ndarray, x: np.ndarray, respondents: np.ndarray,
                 vignettes: np.ndarray) -> None:
        import numpy as np
        sparse = import_module("scipy.sparse")

        self.n, self.p = x.shape
        self.n_v = v = int(vignettes.max()) + 1
        n, p = self.n, self.p
        # W = [X, Z_v, y]: X and y dense, the N × V indicator Z_v only through its sums
        # (sparse), so memory stays O(N·p + K·m²) whatever the number of vignettes
        xy = np.column_stack([x, y])
        self.index = index = np.r_[np.arange(p), p + v]  # the columns of xy within W
        order = np.argsort(respondents, kind="stable")
        starts = np.flatnonzero(np.r_[True, np.diff(respondents[order]) != 0])
        counts = np.diff(np.r_[starts, n])
        self.n_r = len(starts)
        s_xy = np.add.reduceat(xy[order], starts, axis=0)
        ones = np.ones(n)
        shown = sparse.csr_matrix((ones, (np.repeat(np.arange(self.n_r), counts),
                                          vignettes[order])), shape=(self.n_r, v))
        per_vignette = sparse.csr_matrix((ones, (vignettes, np.arange(n))), shape=(v, n))
        self.ww = _assemble(xy.T @ xy, np.asarray(per_vignette @ xy),
                            np.diag(np.bincount(vignettes, minlength=v).astype(float)), index)
        # c_i depends on respondent i only through n_i: Σ_i c_i s_i s_i' = Σ_n c(n) S_n with
        # S_n = Σ_{i: n_i = n} s_i s_i', summed once, so an evaluation costs O(#sizes · m²)
        sizes, size_of = np.unique(counts, return_inverse=True)
        self.sizes = sizes.astype(float)
        self.multiplicity = np.bincount(size_of).astype(float)
        blocks = []
        for k in range(len(sizes)):
            rows = np.flatnonzero(size_of == k)
            a, c = s_xy[rows], shown[rows]
            blocks.append(_assemble(a.T @ a, np.asarray(c.T @ a), (c.T @ c).toarray(), index))
        self.blocks = np.stack(blocks)

    def parts(self, gamma_r: float, gamma_v: float
              ) -> tuple[float, np.ndarray, np.ndarray, float]:
        """(log|H|, M, b, y'H⁻¹y)."""
        import numpy as np
        cho_solve = import_module("scipy.linalg").cho_solve

        c = gamma_r / (1 + self.sizes * gamma_r)
        k = self.ww - np.tensordot(c, self.blocks, axes=1)
        p, v, index = self.p, self.n_v, self.index
        iv = slice(p, p + v)
        # Woodbury over the vignette columns, solved only for X and y (Cholesky: I + γ_v K_vv
        # is positive definite)
        lower = np.linalg.cholesky(np.eye(v) + gamma_v * k[iv, iv])
        k_vq = k[iv][:, index]
        h = k[np.ix_(index, index)] - gamma_v * k_vq.T @ cho_solve((lower, True), k_vq,
                                                                   check_finite=False)
        logdet_h = (float(self.multiplicity @ np.log1p(self.sizes * gamma_r))
                    + 2 * float(np.sum(np.log(np.diag(lower)))))
        return logdet_h, h[:p, :p], h[:p, p], float(h[p, p])

    def profiled(self, theta: np.ndarray) -> float:
        import numpy as np

        logdet_h, m, b, yhy = self.parts(theta[0] ** 2, theta[1] ** 2)
        sign, logdet_m = np.linalg.slogdet(m)
        r2 = yhy - float(b @ np.linalg.solve(m, b))
        dof = self.n - self.p
        if sign <= 0 or r2 <= 0:
            return math.inf
        return logdet_h + logdet_m + dof * (1 + math.log(2 * math.pi * r2 / dof))

    def deviance(self, phi: np.ndarray) -> float:
        """D(θ_r, θ_v, σ), not profiled (lmerTest's ``devfun_vp``)."""
        import numpy as np

        logdet_h, m, b, yhy = self.parts(phi[0] ** 2, phi[1] ** 2)
        r2 = yhy - float(b @ np.linalg.solve(m, b))
        sigma2 = phi[2] ** 2
        return (logdet_h + float(np.linalg.slogdet(m)[1]) + r2 / sigma2
                + (self.n - self.p) * math.log(2 * math.pi * sigma2))

    def covariance(self, phi: np.ndarray) -> np.ndarray:
        import numpy as np

        _, m, _, _ = self.parts(phi[0] ** 2, phi[1] ** 2)
        return phi[2] ** 2 * np.linalg.inv(m)


def _assemble(xy_xy: np.ndarray, z_xy: np.ndarray, z_z: np.ndarray, index: np.ndarray
              ) -> np.ndarray:
    """The (p + V + 1)² matrix over ``[X, Z_v, y]`` from its blocks over ``[X, y]`` and
    ``Z_v``."""
    import numpy as np

    v = len(z_z)
    m = len(index) + v
    out = np.zeros((m, m))
    middle = np.arange(index[-1] - v, index[-1])
    out[np.ix_(index, index)] = xy_xy
    out[np.ix_(middle, index)] = z_xy
    out[np.ix_(index, middle)] = z_xy.T
    out[np.ix_(middle, middle)] = z_z
    return out


def _richardson(f, x: np.ndarray, i: int, h: float) -> np.ndarray:
    """∂f/∂x_i by central differences, Richardson-extrapolated over h, h/2, h/4."""
    import numpy as np

    def central(step: float) -> np.ndarray:
        up, down = x.copy(), x.copy()
        up[i] += step
        down[i] -= step
        return (np.asarray(f(up)) - np.asarray(f(down))) / (2 * step)

    d1, d2, d3 = central(h), central(h / 2), central(h / 4)
    e1, e2 = (4 * d2 - d1) / 3, (4 * d3 - d2) / 3
    return (16 * e2 - e1) / 15


def _derivatives(f, x: np.ndarray, free: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gradient and Hessian of ``f`` over the coordinates ``free`` (Richardson, steps 10⁻³)."""
    import numpy as np

    steps = 1e-3 * np.maximum(np.abs(x), 0.1)

    def gradient(point: np.ndarray) -> np.ndarray:
        return np.array([_richardson(f, point, j, steps[j]) for j in free])

    hessian = np.array([_richardson(gradient, x, i, steps[i]) for i in free])
    return gradient(x), (hessian + hessian.T) / 2


def _polish(problem: _Problem, theta: np.ndarray) -> tuple[np.ndarray, float]:
    """Newton steps on the free θ (θ > 0) from the optimiser's θ̂, with step halving; returns
    θ and the Newton decrement ``g'H⁻¹g/2`` (the deviance still to gain) at the end.

    L-BFGS-B's forward-difference gradient drowns in rounding once the deviance is large
    (≈ 3.5·10⁶ for 900,000 ratings: noise ≈ 10⁻⁸ × 10⁶ / 10⁻⁸), so it stops where the slope
    is still visible to exact derivatives; Richardson-extrapolated central differences with
    larger steps are accurate there, and a few Newton steps reach the optimum."""
    import numpy as np

    decrement = 0.0
    for _ in range(20):
        free = np.flatnonzero(theta > 0)
        if len(free) == 0:
            return theta, 0.0
        g, h = _derivatives(problem.profiled, theta, free)
        if np.linalg.eigvalsh(h).min() <= 0:
            return theta, math.inf
        step = -np.linalg.solve(h, g)
        decrement = float(-g @ step) / 2
        if decrement < 1e-12:
            break
        current = problem.profiled(theta)
        for shrink in 0.5 ** np.arange(12):
            trial = theta.copy()
            trial[free] = np.maximum(theta[free] + shrink * step, 0.0)
            if problem.profiled(trial) < current:
                theta = trial
                break
        else:
            break
    return theta, decrement


def fit_crossed(y: np.ndarray, x: np.ndarray, respondents: np.ndarray,
                vignettes: np.ndarray) -> CrossedFit:
    """Fit ``y ~ x + (1 | respondent) + (1 | vignette)`` by REML (codes 0..G−1, 0..V−1)."""
    import numpy as np
    minimize = import_module("scipy.optimize").minimize

    y = np.asarray(y, float)
    x = np.asarray(x, float)
    problem = _Problem(y, x, np.asarray(respondents), np.asarray(vignettes))
    best = None
    for start in ((1.0, 1.0), (0.5, 0.1), (2.0, 0.5), (0.1, 1.0)):
        result = minimize(problem.profiled, np.array(start), method="L-BFGS-B",
                          bounds=[(0.0, None), (0.0, None)],
                          options={"ftol": 1e-15, "gtol": 1e-11, "maxiter": 2000})
        if best is None or result.fun < best.fun:
            best = result
    theta = np.maximum(best.x, 0.0)
    theta[theta < 1e-7] = 0.0
    theta, decrement = _polish(problem, theta)
    _, m, b, yhy = problem.parts(theta[0] ** 2, theta[1] ** 2)
    beta = np.linalg.solve(m, b)
    r2 = yhy - float(b @ beta)
    sigma = math.sqrt(r2 / (problem.n - problem.p))
    phi = np.array([theta[0], theta[1], sigma])
    # Hessian of D and Jacobian of C(φ) = σ²M⁻¹, numerically (as lmerTest / numDeriv)
    steps = np.maximum(1e-4 * np.abs(phi), 1e-4)
    hessian = np.zeros((3, 3))
    for i in range(3):
        def gradient_i(point: np.ndarray, i: int = i) -> np.ndarray:
            return np.array([_richardson(problem.deviance, point, j, steps[j])
                             for j in range(3)])
        hessian[i] = _richardson(gradient_i, phi, i, steps[i])
    hessian = (hessian + hessian.T) / 2
    values, vectors = np.linalg.eigh(hessian)
    keep = values > EIGEN_TOL
    varpar = 2 * (vectors[:, keep] / values[keep]) @ vectors[:, keep].T
    jacobian = np.stack([_richardson(problem.covariance, phi, i, steps[i]) for i in range(3)])
    # converged: less than 10⁻⁶ deviance left to gain by a Newton step over the free θ, and
    # the deviance rises from the boundary θ = 0 (d depends on θ², so its slope there is 0:
    # compare with a small step instead)
    floor = problem.profiled(theta)
    rises = [problem.profiled(theta + np.eye(2)[i] * 1e-3) >= floor - 1e-9
             for i in range(2) if theta[i] == 0]
    flat = np.array([decrement < 1e-6, *rises])
    return CrossedFit(coef=beta, vcov=sigma**2 * np.linalg.inv(m), theta=(theta[0], theta[1]),
                      sigma=sigma, n=problem.n, n_respondents=problem.n_r,
                      n_vignettes=problem.n_v, vcov_varpar=varpar, jacobian=jacobian,
                      converged=bool(np.all(flat) and np.isfinite(best.fun)))
