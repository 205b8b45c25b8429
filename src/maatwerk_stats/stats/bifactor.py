"""Omega hierarchical of a total scale with declared subscales, from a bifactor model.

The group factors are the **declared subscales** (a confirmatory bifactor model), not factors
found by an exploratory Schmid–Leiman transformation (``psych::omega``): the config says which
items belong together, and the coefficient should be about that structure. Every item loads
on one general factor ``g``; an item of a subscale also on that subscale's group factor; all
factors are uncorrelated with variance 1 (McDonald 1999, ch. 6; Reise 2012, Multivariate
Behav. Res. 47:667–696):

    Σ = g gᵀ + Σ_k s_k s_kᵀ + diag(ψ)

fitted by maximum likelihood to the correlation matrix R of the complete cases
(``F = log|Σ| + tr(RΣ⁻¹) − log|R| − p``; ML is scale invariant, so the standardized
solution is the same as from the covariances). Then, as ``psych::omegaFromSem`` (items with a
negative general loading flipped first, ``flip = TRUE``):

    ω_h = (Σ_i |g_i*|)² / 1ᵀR1   (R with the flipped items' signs changed)

the share of the variance of the total score due to the general factor, with g* the
standardized general loadings (lavaan's ``std.all``, g_i / √Σ̂_ii). Inside the bounds Σ̂_ii = 1
at the ML solution (to ~1e-8 on the references), so this is omegaFromSem's value, which takes
the raw loadings; with a unique variance held at the bound Σ̂_ii may exceed 1 and the
standardized loadings keep ω_h a share. R must be positive definite (more complete
respondents than items): else ω_h is NaN. The golden test
(``tests/reference/omega_hierarchical.R``) fits the same model with ``lavaan::cfa(...,
std.lv = TRUE, orthogonal = TRUE)`` on R and takes ``psych::omegaFromSem(fit)$omega``.

Identification: the general loadings are determined by the covariances *between* subscales,
a rank-one pattern ``g_A g_Bᵀ``; with two subscales only up to a factor ``c`` (``c·g_A`` and
``g_B/c`` fit equally well), so ω_h needs **at least three subscales** — psych's rule too
("Three factors are required for identification", ``psych::omega`` with ``nfactors = 2``,
where psych then sets the general loadings equal; we do not make that assumption). Items in no
subscale load on ``g`` only and count as a part of their own for this rule. A subscale of two
items is allowed: then only the product of its two group loadings is determined (as a
one-factor model of two items), which leaves ω_h unchanged; the fit takes them equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from .scipy_import import import_module

Matrix = NDArray[np.float64]

MIN_SUBSCALES = 3
"""The fewest parts (subscales, and items in no subscale, each) for which ω_h is identified."""

SINGULAR = 1e-10
"""R counts as singular when its smallest eigenvalue is below this times its size."""

MIN_UNIQUENESS = 0.005
"""Lower bound on each unique variance ψ in the fit, as for omega total (``psych::fa``'s bound);
a fit at the bound is a Heywood case and flagged."""


class OmegaHierarchical(NamedTuple):
    """ω_h (NaN when not identified), whether it is identified, and whether the bifactor fit
    holds a unique variance at :data:`MIN_UNIQUENESS` (a Heywood case)."""

    omega_h: float
    identified: bool
    heywood: bool


def identified(groups: Sequence[int]) -> bool:
    """Whether ω_h is identified for items in these parts (``groups[i]``: the subscale of item
    i, −1 for an item in no subscale): at least :data:`MIN_SUBSCALES` parts, an item in no
    subscale counting as a part of its own (see the module docstring)."""
    codes = np.asarray(groups)
    return int(len(set(codes[codes >= 0].tolist())) + np.sum(codes < 0)) >= MIN_SUBSCALES


def omega_hierarchical(x: Matrix, groups: Sequence[int], *, r: Matrix | None = None
                       ) -> OmegaHierarchical:
    """ω_h of the items ``x`` (complete cases, rows = respondents; reverse-keyed items already
    reverse coded) with subscales ``groups`` (one code per column, −1 = in no subscale), as
    ``psych::omegaFromSem`` on a ``lavaan`` bifactor fit (module docstring); ``r``: the items'
    correlation matrix when already computed (``reliability.correlation_of``)."""
    codes = np.asarray(groups, dtype=int)
    if x.shape[1] < 3 or not identified(codes):
        return OmegaHierarchical(float("nan"), False, False)
    if r is None:
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.corrcoef(x, rowvar=False)
    if not np.all(np.isfinite(r)) or np.linalg.eigvalsh(r)[0] <= SINGULAR * r.shape[0]:
        # ML needs a positive definite R: more complete respondents than items, and no item
        # a linear combination of others (log|R| is −∞ otherwise)
        return OmegaHierarchical(float("nan"), True, False)
    # items that load negatively on the common factor are flipped before the fit, so that a
    # two-item subscale with one such item can still share one group loading; ω_h does not
    # change by flipping an item (|g| and the keyed 1ᵀR1), the fit is then the same
    from .reliability import minres_one_factor

    first = np.where(minres_one_factor(r) < 0, -1.0, 1.0)
    r = first[:, None] * r * first[None, :]
    general, specific, unique, value = fit_bifactor(r, codes)
    if not np.isfinite(value):
        return OmegaHierarchical(float("nan"), True, False)
    heywood = bool(np.any(unique <= MIN_UNIQUENESS * (1 + 1e-6)))
    # standardized loadings (lavaan's std.all): the model-implied variances are 1 at an ML
    # solution of R inside the bounds (to ~1e-8 on the references, where omegaFromSem's raw
    # loadings give the same ω_h), but may exceed 1 with a unique variance held at the bound
    implied = general**2 + specific**2 + unique
    loadings = general / np.sqrt(implied)
    key = np.where(loadings < 0, -1.0, 1.0)
    total = float(key @ r @ key)
    return OmegaHierarchical(float(np.abs(loadings).sum() ** 2 / total), True, heywood)


def _membership(codes: NDArray[np.int_]) -> Matrix:
    """p × G indicator matrix of the subscales (items in none: a zero row)."""
    levels = sorted(set(codes[codes >= 0].tolist()))
    return (codes[:, None] == np.array(levels)[None, :]).astype(float)


def fit_bifactor(r: Matrix, groups: Sequence[int]) -> tuple[Matrix, Matrix, Matrix, float]:
    """ML bifactor fit of correlation matrix ``r``: general loadings g, each item's loading on
    its subscale's group factor (0 for an item in none), unique variances ψ, and the minimum
    of F.

    Parameters θ: g (p), one group loading s_i per item of a subscale (the two items of a
    two-item subscale share one: only their product is identified), ψ (p, ≥ 0.005). With
    ``W = Σ⁻¹ − Σ⁻¹RΣ⁻¹`` the gradient of F is ``∂F/∂θ_a = tr(W ∂Σ/∂θ_a)`` and the expected
    (Fisher) information ``½ tr(Σ⁻¹ ∂Σ/∂θ_a Σ⁻¹ ∂Σ/∂θ_b)`` (Jöreskog 1969; lavaan's default
    ML uses the same information). From the start — g the one-factor minres loadings
    (:func:`~maatwerk_stats.stats.reliability.minres_one_factor`), group loadings 0.3, ψ the
    rest of the unit variance — L-BFGS-B (scipy) first, then Fisher scoring with step
    halving and the unique variances at their bound held there while the gradient pushes
    them out, until the projected gradient is below 1e-10: a converged fit that does not
    depend on the order of the items. The general factor is signed to a positive sum.
    """
    minimize = import_module("scipy.optimize").minimize

    from .reliability import minres_one_factor

    codes = np.asarray(groups, dtype=int)
    p = r.shape[0]
    member = _membership(codes)
    in_group = member.any(axis=1)
    sizes = member.sum(axis=0)
    pair = member[:, sizes == 2]  # the two-item subscales share a group loading
    single = in_group & ~pair.any(axis=1)
    # design of the group loadings: s = design @ θ_s
    design = np.hstack([np.eye(p)[:, single], pair])
    n_s = design.shape[1]
    n = p + n_s + p
    psi_at = slice(p + n_s, n)

    def unpack(theta: Matrix) -> tuple[Matrix, Matrix, Matrix]:
        return theta[:p], design @ theta[p:p + n_s], theta[psi_at]

    _, log_det_r = np.linalg.slogdet(r)

    def sigma_of(theta: Matrix) -> tuple[Matrix, Matrix]:
        g, s, psi = unpack(theta)
        specific = member * s[:, None]  # p × G: item i's loading on its subscale's factor
        return np.outer(g, g) + specific @ specific.T + np.diag(psi), specific

    def value_of(theta: Matrix) -> float:
        sigma, _ = sigma_of(theta)
        sign, log_det = np.linalg.slogdet(sigma)
        if sign <= 0:
            return np.inf
        return float(log_det + np.trace(np.linalg.solve(sigma, r)) - log_det_r - p)

    def derivatives(theta: Matrix) -> tuple[float, Matrix, Matrix]:
        """F, its gradient and the Fisher information at θ."""
        sigma, specific = sigma_of(theta)
        g = theta[:p]
        inverse = np.linalg.inv(sigma)
        value = value_of(theta)
        w = inverse - inverse @ r @ inverse
        # gradient: tr(W ∂Σ) = 2 (W g)_i for g_i, 2 Σ_i∈a (W s_k)_i for a group loading
        grad_g = 2 * w @ g
        grad_s_item = 2 * ((w @ specific) * member).sum(axis=1)
        gradient = np.concatenate([grad_g, design.T @ grad_s_item, np.diag(w)])
        # Fisher information from the derivative matrices ∂Σ/∂θ_a: e_i gᵀ + g e_iᵀ for g_i,
        # the same with the loadings on the item's group factor for a group loading, e_i e_iᵀ
        # for ψ_i (a loop over parameters, not respondents: p is a scale's number of items)
        d_sigma = np.empty((n, p, p))
        outer = np.eye(p)[:, :, None] * g[None, None, :]
        d_sigma[:p] = outer + outer.transpose(0, 2, 1)
        for a in range(n_s):
            items = design[:, a]
            own = (member * items[:, None]).any(axis=0)  # its group factor
            loadings = specific[:, own].sum(axis=1)
            outer = np.outer(items, loadings)
            d_sigma[p + a] = outer + outer.T
        d_sigma[p + n_s:] = 0.0
        d_sigma[p + n_s + np.arange(p), np.arange(p), np.arange(p)] = 1.0
        left = np.einsum("ij,ajk->aik", inverse, d_sigma)
        information = 0.5 * np.einsum("aij,bji->ab", left, left)
        return value, gradient, information

    def objective(theta: Matrix) -> tuple[float, Matrix]:
        value, gradient, _ = derivatives(theta)
        return (1e10, np.zeros_like(theta)) if not np.isfinite(value) else (value, gradient)

    g0 = minres_one_factor(r)
    s0 = np.full(n_s, 0.3)
    psi0 = np.clip(1 - g0**2 - (design @ s0) ** 2, 0.05, None)
    theta = np.concatenate([g0, s0, psi0])
    lower = np.concatenate([np.full(p + n_s, -np.inf), np.full(p, MIN_UNIQUENESS)])
    bounds = [(None, None)] * (p + n_s) + [(MIN_UNIQUENESS, None)] * p
    theta = np.asarray(minimize(objective, theta, jac=True, method="L-BFGS-B", bounds=bounds,
                                options={"ftol": 1e-13, "gtol": 1e-8, "maxiter": 5_000}).x)
    for _ in range(100):
        value, gradient, information = derivatives(theta)
        held = (theta <= lower + 1e-12) & (gradient > 0)
        free = ~held
        projected = np.where(held, 0.0, gradient)
        if np.max(np.abs(projected)) < 1e-10:
            break
        step = np.zeros(n)
        step[free] = -np.linalg.lstsq(information[np.ix_(free, free)], gradient[free],
                                      rcond=1e-12)[0]
        length = 1.0
        while length > 1e-10:
            candidate = np.maximum(theta + length * step, lower)
            if value_of(candidate) <= value + 1e-15 * max(abs(value), 1.0):
                break
            length /= 2
        else:
            break
        if _fixed_point(candidate, theta):
            break
        theta = candidate
    g, s, psi = unpack(theta)
    if g.sum() < 0:
        g = -g
    return g, s, psi, value_of(theta)


def _fixed_point(candidate: Matrix, theta: Matrix) -> bool:
    """Whether a scoring step of :func:`fit_bifactor` left θ as it was, bit for bit. Each step
    is a function of θ alone, so every later step would land on the same θ again: stopping
    here gives the same fit as running the remaining iterations. It happens where a group
    loading goes to 0 (the information is singular there and the projected gradient stays
    near 1e-8 instead of reaching 1e-10): in the paired demo factsheet's three fits, 131 of
    their 300 iterations (each with about 30 step halvings) changed nothing (which ones
    depends on the last bits of the BLAS in use)."""
    return bool(np.array_equal(candidate, theta))
