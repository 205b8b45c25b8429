"""Linear mixed model with a random intercept per cluster: REML and Satterthwaite df.

The model (one random intercept per respondent ``i``)::

    y_ij = x_ij'β + u_i + e_ij,   u_i ~ N(0, σ_u²),   e_ij ~ N(0, σ²)

is fitted by restricted maximum likelihood exactly as ``lme4::lmer(y ~ x + (1 | id),
REML = TRUE)``, and the degrees of freedom of every fixed effect and linear combination
``L'β`` are Satterthwaite's, computed as ``lmerTest`` does (Kuznetsova, Brockhoff &
Christensen 2017, *J. Stat. Softw.* 82(13); lmerTest 3.1-3, ``as_lmerModLT`` and
``contest1D``).

REML, profiled (Bates, Mächler, Bolker & Walker 2015, *J. Stat. Softw.* 67(1), section 3.4).
Write ``θ = σ_u/σ`` (lme4's relative covariance factor), ``γ = θ²`` and ``V = σ²H`` with
``H = I + γZZ'``. For respondent ``i`` with ``n_i`` ratings ``H_i⁻¹ = I − c_i 11'`` with
``c_i = γ/(1 + n_iγ)``, so with the per-respondent column sums ``s_i = X_i'1`` and rating sums
``t_i``::

    M(γ)  = X'H⁻¹X = X'X − Σ c_i s_i s_i'          b(γ) = X'H⁻¹y = X'y − Σ c_i s_i t_i
    β̂(γ) = M⁻¹b,      r²(γ) = y'H⁻¹y − b'β̂  (penalised residual sum of squares)
    log|H| = Σ log(1 + n_iγ)

The REML deviance (−2 × restricted log-likelihood, lme4's ``REMLcrit``) is::

    D(θ, σ) = log|H| + log|M| + r²/σ² + (n − p)·log(2πσ²)

and, profiled over σ (``σ̂² = r²/(n − p)``),
``d(θ) = log|H| + log|M| + (n − p)(1 + log(2πσ̂²))``. Only per-respondent sums enter, and
``c_i`` depends on ``i`` only through ``n_i``, so every sum over respondents is kept per
distinct cluster size ``n_k`` (``m_k`` respondents): ``log|H| = Σ_k m_k log(1 + n_kγ)`` and
``Σ_{i: n_i = n_k} E_i² = Σt_i² − 2β̂'Σs_i t_i + β̂'(Σs_i s_i')β̂`` (``E_i`` below). One
evaluation of ``d`` and ``d'`` then costs O(K·p²) for K distinct sizes, whatever the number of
ratings or respondents. ``d`` is minimised over ``θ ≥ 0``:
a grid on log γ brackets the roots of the analytic derivative ``d'(γ)``, Brent's method
(:mod:`.roots`, as ``scipy.optimize.brentq``) solves them to machine precision, and θ = 0
(a *boundary* or singular fit, as lme4 reports it) is taken when ``d`` is lowest there.
``vcov(β̂) = σ̂² M⁻¹`` (lme4's ``vcov``).

Satterthwaite (lmerTest). With varpar ``φ = (θ, σ)``::

    A  = 2·H_D⁺             H_D: the Hessian of D(θ, σ) at the optimum; ⁺: Moore–Penrose
                            inverse over the eigenvalues > 1e-8 (as lmerTest)
    C(φ) = σ² M(θ²)⁻¹       (Var β̂ as a function of the variance parameters)
    f = L'C L,  g_k = L' (∂C/∂φ_k) L,  df = 2 f² / (g'A g)

lmerTest takes the Hessian and the Jacobian by numerical differentiation (numDeriv); here
they are analytic::

    ∂C/∂σ = 2σM⁻¹,   ∂C/∂θ = 2θ σ² M⁻¹ (Σ c'_i s_i s_i') M⁻¹,   c'_i = (1 + n_iγ)⁻²
    ∂²D/∂σ² = 6r²/σ⁴ − 2(n − p)/σ²
    ∂²D/∂θ∂σ = −4θ r²'/σ³
    ∂²D/∂θ² = 2D_γ + 4γD_γγ        with D_γ = ℓ' + r²'/σ², D_γγ = ℓ'' + r²''/σ²,
                                   ℓ = log|H| + log|M|

where ``r²' = −Σ c'_i E_i²`` (envelope theorem; ``E_i = t_i − s_i'β̂``, the respondent's sum
of residuals) and ``r²'' = −Σ c''_i E_i² − 2Σ c'_i E_i E'_i`` with ``c''_i = −2n_i(1 + n_iγ)⁻³``,
``E'_i = −s_i'β̂'``, ``β̂' = −M⁻¹ Σ c'_i s_i E_i``. At the boundary (θ = 0) ``∂C/∂θ = 0`` and
the df rest on σ alone, as lmerTest's do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .scipy_import import import_module

if TYPE_CHECKING:
    import numpy as np

# lmerTest's tolerance for the eigenvalues of the Hessian of the deviance
EIGEN_TOL = 1e-8


@dataclass(frozen=True)
class MixedFit:
    """A fitted random-intercept model (REML). Arrays are indexed like the columns of X."""

    coef: np.ndarray
    vcov: np.ndarray
    theta: float
    sigma: float
    reml_deviance: float
    n: int
    n_groups: int
    converged: bool
    boundary: bool
    message: str | None
    vcov_varpar: np.ndarray  # A = 2·H_D⁺ for (θ, σ)
    jacobian: np.ndarray  # ∂C/∂θ, ∂C/∂σ stacked: shape (2, p, p)

    @property
    def var_respondent(self) -> float:
        return (self.theta * self.sigma) ** 2

    @property
    def var_residual(self) -> float:
        return self.sigma**2

    @property
    def icc(self) -> float:
        total = self.var_respondent + self.var_residual
        return self.var_respondent / total if total > 0 else math.nan

    def contrast(self, weights: np.ndarray) -> tuple[float, float, float]:
        """``L'β̂``, its standard error and Satterthwaite df (as ``lmerTest::contest1D``)."""
        return satterthwaite_contrast(weights, self.coef, self.vcov, self.jacobian,
                                      self.vcov_varpar)


def satterthwaite_contrast(weights: np.ndarray, coef: np.ndarray, vcov: np.ndarray,
                           jacobian: np.ndarray, vcov_varpar: np.ndarray
                           ) -> tuple[float, float, float]:
    """``L'β̂``, its SE and ``df = 2 f² / (g'A g)`` with ``f = L'CL``, ``g_k = L'(∂C/∂φ_k)L``
    (``jacobian`` stacks ∂C/∂φ_k) and ``A`` = ``vcov_varpar`` (lmerTest's ``contest1D``)."""
    import numpy as np

    weights = np.asarray(weights, dtype=float)
    estimate = float(weights @ coef)
    variance = float(weights @ vcov @ weights)
    gradient = np.array([weights @ j @ weights for j in jacobian])
    denominator = float(gradient @ vcov_varpar @ gradient)
    df = 2 * variance**2 / denominator if denominator > 0 else math.nan
    return estimate, math.sqrt(max(variance, 0.0)), df


@dataclass(frozen=True)
class _Sums:
    """Per-respondent sums: everything REML needs (see the module docstring).

    ``c_i`` depends on respondent ``i`` only through ``n_i``, so the sums over respondents
    ``Σ c_i s_i s_i'``, ``Σ c_i s_i t_i`` and ``Σ c_i t_i²`` are kept per distinct ``n_i``
    (``sizes``): one REML evaluation then costs O(K·p²) for K distinct cluster sizes.
    """

    xtx: np.ndarray
    xty: np.ndarray
    yty: float
    s: np.ndarray  # G × p column sums per respondent
    t: np.ndarray  # G rating sums
    counts: np.ndarray  # G ratings per respondent
    sizes: np.ndarray  # K distinct values of counts
    per_size: np.ndarray  # K: respondents of each size (m_k)
    ss: np.ndarray  # K × p × p: Σ s_i s_i' over the respondents of each size
    st: np.ndarray  # K × p: Σ s_i t_i
    tt: np.ndarray  # K: Σ t_i²
    n: int
    p: int

    def weighted(self, weights: np.ndarray) -> np.ndarray:
        """``Σ_i w(n_i) s_i s_i'`` for per-size weights."""
        import numpy as np

        return np.tensordot(weights, self.ss, axes=1)


def _sums(y: np.ndarray, x: np.ndarray, groups: np.ndarray,
          xtx: np.ndarray | None = None) -> _Sums:
    import numpy as np

    n_groups = int(groups.max()) + 1
    if bool(np.all(groups[1:] >= groups[:-1])):  # already in cluster order: no copy of x
        sorted_x, sorted_y, sorted_groups = x, y, groups
    else:
        order = np.argsort(groups, kind="stable")
        sorted_x, sorted_y, sorted_groups = x[order], y[order], groups[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    if len(starts) != n_groups or sorted_groups[0] != 0:  # codes must be 0..G-1, all used
        raise ValueError("cluster codes must be consecutive integers starting at 0")
    s = np.add.reduceat(sorted_x, starts, axis=0)
    t = np.add.reduceat(sorted_y, starts)
    counts = np.diff(np.r_[starts, len(y)]).astype(float)
    sizes, which = np.unique(counts, return_inverse=True)
    ss = np.stack([s[which == k].T @ s[which == k] for k in range(len(sizes))])
    st = np.stack([s[which == k].T @ t[which == k] for k in range(len(sizes))])
    tt = np.array([float(t[which == k] @ t[which == k]) for k in range(len(sizes))])
    return _Sums(xtx=x.T @ x if xtx is None else xtx, xty=x.T @ y, yty=float(y @ y), s=s,
                 t=t, counts=counts, sizes=sizes,
                 per_size=np.bincount(which, minlength=len(sizes)).astype(float),
                 ss=ss, st=st, tt=tt, n=len(y), p=x.shape[1])


@dataclass(frozen=True)
class _Profile:
    gamma: float
    deviance: float  # profiled REML deviance d(γ)
    slope: float  # d'(γ)
    m: np.ndarray
    m_inv: np.ndarray
    beta: np.ndarray
    r2: float
    logdet_h: float
    logdet_m: float


def _profile(sums: _Sums, gamma: float, derivative: bool = True) -> _Profile:
    """d(γ) and d'(γ) = ℓ'(γ) + (n − p)·r²'(γ)/r²(γ), from the per-size sums only
    (O(K·p²), module docstring)."""
    import numpy as np
    linalg = import_module("scipy.linalg")
    cho_factor, cho_solve = linalg.cho_factor, linalg.cho_solve

    n_k = sums.sizes
    m_k = sums.per_size
    c_k = gamma / (1 + n_k * gamma)
    m = sums.xtx - sums.weighted(c_k)
    b = sums.xty - c_k @ sums.st
    yhy = sums.yty - float(c_k @ sums.tt)
    factor = cho_factor(m, lower=True)
    beta = cho_solve(factor, b)
    r2 = yhy - float(b @ beta)
    logdet_m = 2 * float(np.sum(np.log(np.diag(factor[0]))))
    logdet_h = float(m_k @ np.log1p(n_k * gamma))
    dof = sums.n - sums.p
    deviance = logdet_h + logdet_m + dof * (1 + math.log(2 * math.pi * r2 / dof))
    m_inv = cho_solve(factor, np.eye(sums.p))
    slope = math.nan
    if derivative:
        c1_k = 1 / (1 + n_k * gamma) ** 2
        m1 = -sums.weighted(c1_k)
        # Σ_{n_i = n_k} E_i² with E_i = t_i − s_i'β̂, from the per-size sums
        squares = sums.tt - 2 * (sums.st @ beta) + np.einsum("kij,i,j->k", sums.ss, beta, beta)
        r2_1 = -float(c1_k @ squares)
        l1 = float(m_k @ (n_k / (1 + n_k * gamma))) + float(np.sum(m_inv * m1.T))
        slope = l1 + dof * r2_1 / r2
    return _Profile(gamma=gamma, deviance=deviance, slope=slope, m=m, m_inv=m_inv, beta=beta,
                    r2=r2, logdet_h=logdet_h, logdet_m=logdet_m)


def _optimise(sums: _Sums) -> tuple[float, bool, str | None]:
    """γ̂ = θ̂² minimising the profiled REML deviance over γ ≥ 0; (γ̂, converged, message)."""
    import numpy as np

    from .roots import brent_root

    grid = np.r_[0.0, np.geomspace(1e-6, 1e6, 49)]
    within = _profile(sums, float(grid[-1]), derivative=False).r2
    total = sums.yty - sums.t.sum() ** 2 / sums.n
    if within <= 1e-10 * max(total, np.finfo(float).tiny):
        return float(grid[-1]), False, (
            "there is no residual variance: respondent and factors predict every rating "
            "exactly, so the REML estimate does not exist")
    profiles = [_profile(sums, float(g)) for g in grid]
    slopes = np.array([p.slope for p in profiles])
    deviances = np.array([p.deviance for p in profiles])
    if not np.all(np.isfinite(deviances)):
        return math.nan, False, "the REML deviance is not finite for some variance ratios"
    candidates: list[tuple[float, float]] = [(deviances[0], 0.0)]
    for k in range(len(grid) - 1):
        if slopes[k] < 0 <= slopes[k + 1]:
            root = brent_root(lambda g: _profile(sums, g).slope, grid[k], grid[k + 1],
                              xtol=1e-14, rtol=4 * np.finfo(float).eps, maxiter=500)
            candidates.append((_profile(sums, root, derivative=False).deviance, root))
    _, gamma = min(candidates)
    if slopes[-1] < 0:
        return float(grid[-1]), False, (
            "the REML deviance still decreases at the largest variance ratio tried: the "
            "residual variance is (almost) zero")
    return float(gamma), True, None


def fit_random_intercept(y: np.ndarray, x: np.ndarray, groups: np.ndarray, *,
                         xtx: np.ndarray | None = None) -> MixedFit:
    """Fit ``y ~ x + (1 | groups)`` by REML (as lme4) with lmerTest's Satterthwaite parts.

    ``groups`` holds integer codes 0..G−1. ``x`` must have full column rank. ``xtx``:
    ``x.T @ x`` when the caller has it already (the same product, computed once per model
    matrix).
    """
    import numpy as np

    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    groups = np.asarray(groups)
    sums = _sums(y, x, groups, xtx)
    gamma, converged, message = _optimise(sums)
    if not math.isfinite(gamma):
        p = x.shape[1]
        nan = np.full((p, p), math.nan)
        return MixedFit(coef=np.full(p, math.nan), vcov=nan, theta=math.nan, sigma=math.nan,
                        reml_deviance=math.nan, n=sums.n, n_groups=len(sums.counts),
                        converged=False, boundary=False, message=message,
                        vcov_varpar=np.full((2, 2), math.nan),
                        jacobian=np.full((2, p, p), math.nan))
    prof = _profile(sums, gamma)
    dof = sums.n - sums.p
    sigma2 = prof.r2 / dof
    sigma = math.sqrt(sigma2)
    theta = math.sqrt(gamma)
    hessian, jacobian = _satterthwaite_parts(sums, prof, sigma)
    values, vectors = np.linalg.eigh(hessian)
    if converged and np.any(values < -EIGEN_TOL):
        converged = False
        message = ("the REML deviance has a negative curvature at the optimum (lmerTest: "
                   "\"Model failed to converge with negative eigenvalues\")")
    keep = values > EIGEN_TOL
    h_inv = (vectors[:, keep] / values[keep]) @ vectors[:, keep].T
    return MixedFit(
        coef=prof.beta, vcov=sigma2 * prof.m_inv, theta=theta, sigma=sigma,
        reml_deviance=prof.deviance, n=sums.n, n_groups=len(sums.counts),
        converged=converged, boundary=gamma == 0.0, message=message,
        vcov_varpar=2 * h_inv, jacobian=jacobian)


def _satterthwaite_parts(sums: _Sums, prof: _Profile, sigma: float
                         ) -> tuple[np.ndarray, np.ndarray]:
    """The Hessian of D(θ, σ) and the Jacobian of C(θ, σ) = σ²M⁻¹ (module docstring)."""
    import numpy as np

    gamma = prof.gamma
    theta = math.sqrt(gamma)
    n_i = sums.counts
    dof = sums.n - sums.p
    m_inv = prof.m_inv
    c1 = 1 / (1 + n_i * gamma) ** 2
    c2 = -2 * n_i / (1 + n_i * gamma) ** 3
    n_k = sums.sizes
    m1 = -sums.weighted(1 / (1 + n_k * gamma) ** 2)
    m2 = -sums.weighted(-2 * n_k / (1 + n_k * gamma) ** 3)
    resid_sums = sums.t - sums.s @ prof.beta
    r2_1 = -float(c1 @ resid_sums**2)
    beta_1 = -m_inv @ (sums.s.T @ (c1 * resid_sums))
    resid_sums_1 = -(sums.s @ beta_1)
    r2_2 = -float(c2 @ resid_sums**2) - 2 * float(c1 @ (resid_sums * resid_sums_1))
    a = m_inv @ m1
    l1 = float(np.sum(n_i / (1 + n_i * gamma))) + float(np.trace(a))
    l2 = (-float(np.sum(n_i**2 / (1 + n_i * gamma) ** 2)) + float(np.sum(m_inv * m2.T))
          - float(np.sum(a * a.T)))
    s2 = sigma**2
    d_gamma = l1 + r2_1 / s2
    d_gamma2 = l2 + r2_2 / s2
    h_tt = 2 * d_gamma + 4 * gamma * d_gamma2
    h_ts = -4 * theta * r2_1 / sigma**3
    h_ss = 6 * prof.r2 / sigma**4 - 2 * dof / s2
    hessian = np.array([[h_tt, h_ts], [h_ts, h_ss]])
    d_theta = -2 * theta * s2 * (m_inv @ m1 @ m_inv)
    d_sigma = 2 * sigma * m_inv
    return hessian, np.stack([d_theta, d_sigma])


def reml_deviance(y: np.ndarray, x: np.ndarray, groups: np.ndarray, theta: float,
                  sigma: float) -> float:
    """``D(θ, σ)`` (not profiled): lmerTest's ``devfun_vp``; used to check the derivatives."""
    import numpy as np

    sums = _sums(np.asarray(y, float), np.asarray(x, float), np.asarray(groups))
    prof = _profile(sums, theta**2, derivative=False)
    return (prof.logdet_h + prof.logdet_m + prof.r2 / sigma**2
            + (sums.n - sums.p) * math.log(2 * math.pi * sigma**2))
