"""Reliability coefficients on a complete-case item matrix (rows = respondents).

Every function takes a 2-D float array without missing values (the listwise sample of
DESIGN.md §5) and mirrors an R call, named in its docstring; the golden tests in
``tests/reference/reliability.R`` check them against psych 2.2.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from .scipy_import import import_module

Matrix = NDArray[np.float64]


def item_covariance(x: Matrix) -> Matrix:
    """The item covariance matrix (``cov(x)`` in R, denominator n − 1): computed once per
    scale and passed as ``cov=`` to the functions below, which would each compute it again
    (one pass over a million rows, not five)."""
    return np.cov(x, rowvar=False, ddof=1)


def correlation_of(cov: Matrix) -> Matrix:
    """The correlation matrix of covariance matrix ``cov``, computed exactly as
    ``numpy.corrcoef`` does from the same covariances (divide by the standard deviations on
    both sides, clip to [−1, 1]), so the result is bit for bit ``np.corrcoef(x)``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        r = cov.copy()
        sd = np.sqrt(np.diag(r))
        r /= sd[:, None]
        r /= sd[None, :]
        np.clip(r, -1, 1, out=r)
    return r


def cronbach_alpha(x: Matrix, *, cov: Matrix | None = None) -> float:
    """Raw Cronbach's alpha, ``k/(k−1)·(1 − Σ var(item) / var(total))``.

    As ``psych::alpha(x)$total$raw_alpha`` on complete data. Undefined (NaN) when the total
    score does not vary: what is left of var(total) then is rounding noise, which would give
    an alpha of −10¹⁶ (psych reports −Inf or that noise).
    """
    k = x.shape[1]
    cov = item_covariance(x) if cov is None else cov
    total = cov.sum()
    if k < 2 or total <= 1e-12 * np.trace(cov):
        return float("nan")
    return float(k / (k - 1) * (1 - np.trace(cov) / total))


def standardized_alpha(x: Matrix, *, r: Matrix | None = None) -> float:
    """Alpha of the standardized items, ``k·r̄ / (1 + (k−1)·r̄)`` with r̄ the mean
    inter-item correlation (``psych::alpha(x)$total$std.alpha``); ``r``: the items'
    correlation matrix when already computed (:func:`correlation_of`)."""
    k = x.shape[1]
    r = np.corrcoef(x, rowvar=False) if r is None else r
    mean_r = (r.sum() - k) / (k * (k - 1))
    denominator = 1 + (k - 1) * mean_r
    if denominator <= 1e-12:  # r̄ = −1/(k − 1): the standardized total does not vary
        return float("nan")
    return float(k * mean_r / denominator)


def feldt_ci(alpha: float, n: int, k: int, level: float = 0.95) -> tuple[float, float]:
    """Feldt (1965) confidence interval for alpha, as ``psych::alpha.ci``:

    ``1 − (1 − α)·F_q(n − 1, (n − 1)(k − 1))`` for q = (1 + level)/2 (lower bound) and
    q = (1 − level)/2 (upper bound).
    """
    fdtri = import_module("scipy.special").fdtri  # the F quantile; cheaper than scipy.stats

    if not np.isfinite(alpha) or n < 2 or k < 2:
        return float("nan"), float("nan")
    df1 = n - 1
    df2 = df1 * (k - 1)
    tail = (1 - level) / 2
    low = 1 - (1 - alpha) * fdtri(df1, df2, 1 - tail)
    high = 1 - (1 - alpha) * fdtri(df1, df2, tail)
    return float(low), float(high)


def item_rest_correlations(x: Matrix, *, cov: Matrix | None = None) -> Matrix:
    """Corrected item–total correlation: each item with the sum of the other items
    (``psych::alpha(x)$item.stats$r.drop``).

    From the item covariance matrix C: cov(item j, rest) = Σ_k C_jk − C_jj and
    var(rest) = ΣC − 2 Σ_k C_jk + C_jj, so one pass over the data serves every item
    (``cov``: C when already computed).
    """
    cov = item_covariance(x) if cov is None else cov
    variances = np.diag(cov)
    row_sums = cov.sum(axis=1)
    rest_variance = cov.sum() - 2 * row_sums + variances
    with np.errstate(divide="ignore", invalid="ignore"):
        return (row_sums - variances) / np.sqrt(variances * rest_variance)


def alpha_if_deleted(x: Matrix, *, cov: Matrix | None = None) -> Matrix:
    """Raw alpha of the scale without each item (``psych::alpha(x)$alpha.drop$raw_alpha``):
    ``(k−1)/(k−2)·(1 − (tr C − C_jj) / var(rest))`` from the item covariance matrix C."""
    k = x.shape[1]
    if k < 3:
        return np.full(k, np.nan)
    cov = item_covariance(x) if cov is None else cov
    variances = np.diag(cov)
    rest_variance = cov.sum() - 2 * cov.sum(axis=1) + variances
    with np.errstate(divide="ignore", invalid="ignore"):
        return (k - 1) / (k - 2) * (1 - (variances.sum() - variances) / rest_variance)


MIN_UNIQUENESS = 0.005
"""Lower bound on each uniqueness ``1 − λ²`` in the minres fit, as ``psych::fa`` (see
:func:`minres_one_factor`)."""

_LIMIT = float(np.sqrt(1 - MIN_UNIQUENESS))  # the matching bound on |λ|


class OmegaTotal(NamedTuple):
    """Omega total with a flag for a Heywood case (see :func:`omega_total_details`)."""

    omega: float
    heywood: bool


def minres_one_factor(r: Matrix) -> Matrix:
    """Loadings of a one-factor minimum-residual solution of correlation matrix ``r``.

    Minres (Harman 1976, ch. 9; ``psych::fa(fm = "minres")``) minimises the squared
    off-diagonal residuals ``F(λ) = Σ_{i<j} (r_ij − λ_i λ_j)²``. We minimise F over the
    loadings directly, keeping every uniqueness ``1 − λ²`` at or above 0.005, i.e.
    ``|λ_i| ≤ √0.995``: ``psych::fa`` uses the same lower bound of 0.005 for the uniquenesses
    it optimises (``optim(..., method = "L-BFGS-B", lower = .005)`` in ``fa.R``), which keeps
    an item from being modelled as perfectly reliable. See :func:`_minres_fit` for the
    algorithm and :func:`omega_total_details` for what happens at the bound.

    The loadings are signed so that they sum to a positive number, as psych does. psych
    optimises over the uniquenesses and stops earlier; where no loading is at the bound the
    two agree to about 1e-7 on the reference data.
    """
    return _minres_fit(r)[0]


def _minres_fit(r: Matrix) -> tuple[Matrix, bool]:
    """Minres loadings of ``r`` (as :func:`minres_one_factor`) and whether one is at the bound.

    F can have local minima in small or degenerate samples, so, as before, the fit starts
    from the principal-axis solution (squared multiple correlations on the diagonal, first
    eigenvector; psych too starts from the SMCs) and from that solution with one item's sign
    flipped, k + 1 starts, and keeps the best fit. From each start, projected Newton steps on
    the loadings (Bertsekas 1982, SIAM J. Control Optim. 20:221–246; all starts at once, as
    one batch of k × k systems): the box ``|λ| ≤ √0.995`` handled by an active set, an
    Armijo search along the projection arc, the Hessian made positive definite where it is
    not; then pure Newton steps, which take the solution to machine precision, so that it
    does not depend on the order of the items.

    The best fit must then pass three checks: it is a KKT point (zero gradient in the free
    loadings, a gradient pushing outward at the bound), the Hessian on the free loadings is
    positive definite (a strict local minimum), and no better than ``F(λ)`` is the fit of the
    (clipped) first principal component of ``R*``, the correlation matrix with ``λ²`` on its
    diagonal — a necessary condition for a global minimum, as ``F(λ) = ½‖R* − λλᵀ‖²`` and the
    best rank-one fit of ``R*`` is its first principal component (Eckart–Young). Only for a
    start where Newton does not converge, or when a check fails, does L-BFGS-B (scipy) take
    over, from those starts and from that principal component.

    One start with these checks would not be enough: in about 0.4 % of simulated small or
    unstructured samples (and in a 15 × 4 Likert sample in ``tests/test_omega.py``) the
    principal-axis start ends in a local minimum that passes all three while a sign-flipped
    start finds a better fit. So all k + 1 starts are always run; as one batch they cost
    about three times a single start (some 5 ms on 10 items).
    """
    k = r.shape[0]
    r_off = r.copy()
    np.fill_diagonal(r_off, 0.0)
    first = _principal_axis_start(r)
    starts = np.vstack([first, first * np.where(np.eye(k, dtype=bool), -1.0, 1.0)])
    fits, converged = _projected_newton(r_off, starts)
    if not converged.all():
        retries = np.array([_lbfgsb(r_off, start) for start in fits[~converged]])
        fits = np.vstack([fits, _projected_newton(r_off, retries)[0]])
    loadings = _best_of(r_off, fits)
    if not _certified(r_off, loadings):
        component = _principal_component(r_off, loadings)
        retries = np.array([component, _lbfgsb(r_off, component), _lbfgsb(r_off, loadings)])
        fits = np.vstack([loadings, _projected_newton(r_off, retries)[0]])
        loadings = _best_of(r_off, fits)
    if _flat(r_off, loadings):
        loadings = _least_communality(r_off, loadings)
    return loadings, bool(np.any(np.abs(loadings) >= _LIMIT))


def _principal_axis_start(r: Matrix) -> Matrix:
    """First principal-axis loadings with the SMCs as communalities, clipped to the box."""
    reduced = r.copy()
    np.fill_diagonal(reduced, _smc(r))
    values, vectors = np.linalg.eigh(reduced)
    return np.clip(vectors[:, -1] * np.sqrt(max(values[-1], 1e-6)), -_LIMIT, _LIMIT)


def _principal_component(r_off: Matrix, loadings: Matrix) -> Matrix:
    """The first principal component of ``R*`` (``r`` with ``λ²`` on the diagonal), scaled
    by the square root of its eigenvalue and clipped to the box."""
    reduced = r_off.copy()
    np.fill_diagonal(reduced, loadings**2)
    values, vectors = np.linalg.eigh(reduced)
    return np.clip(vectors[:, -1] * np.sqrt(max(values[-1], 0.0)), -_LIMIT, _LIMIT)


@cache
def _diagonal(k: int) -> NDArray[np.bool_]:
    """Boolean mask of the diagonal of a k × k matrix (cached, read-only)."""
    mask = np.eye(k, dtype=bool)
    mask.flags.writeable = False
    return mask


def _objective(r_off: Matrix, loadings: Matrix) -> Matrix:
    """``F(λ) = Σ_{i<j} (r_ij − λ_i λ_j)²`` for each row of ``loadings`` (``r_off``: ``r``
    with a zero diagonal)."""
    residual = r_off - loadings[..., :, None] * loadings[..., None, :]
    residual[..., _diagonal(r_off.shape[0])] = 0.0
    return 0.5 * np.einsum("...ij,...ij->...", residual, residual)  # each pair counted twice


def _derivatives(r_off: Matrix, loadings: Matrix) -> tuple[Matrix, Matrix, Matrix]:
    """F, its gradient and its Hessian in the loadings, for each row of ``loadings``.

    With ``e`` the off-diagonal residuals ``r − λλᵀ`` (zero diagonal): gradient
    ``g_k = −2 Σ_{j≠k} e_kj λ_j``; Hessian ``H_kl = 2(λ_k λ_l − e_kl)`` and
    ``H_kk = 2 Σ_{j≠k} λ_j²``.
    """
    diagonal = _diagonal(r_off.shape[0])
    product = loadings[..., :, None] * loadings[..., None, :]
    residual = r_off - product
    residual[..., diagonal] = 0.0
    value = 0.5 * np.einsum("...ij,...ij->...", residual, residual)
    gradient = -2 * np.einsum("...ij,...j->...i", residual, loadings)
    hessian = 2 * (product - residual)
    squares = loadings**2
    hessian[..., diagonal] = 2 * (squares.sum(axis=-1, keepdims=True) - squares)
    return value, gradient, hessian


def _projected_gradient(loadings: Matrix, gradient: Matrix) -> Matrix:
    """Largest component of the projected gradient ``λ − clip(λ − g)`` (per row): zero
    exactly at a KKT point of the box."""
    return np.max(np.abs(loadings - np.clip(loadings - gradient, -_LIMIT, _LIMIT)), axis=-1)


def _outward(loadings: Matrix, gradient: Matrix, margin: Matrix | float) -> Matrix:
    """Loadings within ``margin`` of the bound whose gradient pushes them further out."""
    return ((loadings >= _LIMIT - margin) & (gradient < 0)) | (
        (loadings <= -_LIMIT + margin) & (gradient > 0))


def _decoupled(hessian: Matrix, free: Matrix) -> Matrix:
    """The Hessians with the rows and columns of the loadings that are not free replaced by
    their diagonal: one k × k system per start, whatever its active set."""
    both = free[:, :, None] & free[:, None, :]
    return np.where(both | _diagonal(hessian.shape[-1]), hessian, 0.0)


def _newton_step(hessian: Matrix, gradient: Matrix) -> Matrix:
    """``−H⁻¹g`` per row if every H is positive definite; otherwise modified Newton, with
    H's eigenvalues replaced by their (floored) absolute values: a descent direction too.
    (Cholesky can pass on an exactly singular H, on which ``solve`` then fails: modified
    Newton as well.)"""
    try:
        np.linalg.cholesky(hessian)
        return -np.linalg.solve(hessian, gradient[..., None])[..., 0]
    except np.linalg.LinAlgError:
        values, vectors = np.linalg.eigh(hessian)
        floor = 1e-8 * np.maximum(np.max(np.abs(values), axis=-1, keepdims=True), 1.0)
        along = np.einsum("bji,bj->bi", vectors, gradient) / np.maximum(np.abs(values), floor)
        return -np.einsum("bij,bj->bi", vectors, along)


def _projected_newton(r_off: Matrix, starts: Matrix,
                      max_steps: int = 200) -> tuple[Matrix, Matrix]:
    """Minimise F over the box from each row of ``starts`` (see :func:`_minres_fit`);
    returns the fits and, per fit, whether it is a KKT point (projected gradient < 1e-9).

    Globalised projected Newton while the projected gradient is 1e-6 or more — below that an
    Armijo test drowns in rounding error, as F changes by less than its last bits — and then
    pure Newton steps, which converge quadratically from there, until a step is below 1e-12
    (the error is then ~1e-24) or after eight of them.
    """
    current = np.clip(starts, -_LIMIT, _LIMIT)
    failed = np.zeros(len(current), dtype=bool)
    done = failed.copy()
    polished = np.zeros(len(current), dtype=int)
    for _ in range(max_steps):
        value, gradient, hessian = _derivatives(r_off, current)
        size = _projected_gradient(current, gradient)
        far = size >= 1e-6
        # Bertsekas' ε-active set far from the solution; near it, the loadings at the bound
        active = _outward(current, gradient, np.where(far, np.minimum(size, 1e-3), 0.0)[:, None])
        step = _newton_step(_decoupled(hessian, ~active), gradient)
        step[done | failed] = 0.0
        length = np.ones(len(current))
        new = np.clip(current + step, -_LIMIT, _LIMIT)
        searching = far & ~(done | failed)
        while searching.any():
            rows = np.flatnonzero(searching)
            candidate = np.clip(current[rows] + length[rows, None] * step[rows], -_LIMIT, _LIMIT)
            decrease = np.where(active[rows], gradient[rows] * (current[rows] - candidate),
                                -length[rows, None] * gradient[rows] * step[rows]).sum(axis=-1)
            good = value[rows] - _objective(r_off, candidate) >= 1e-4 * decrease
            new[rows[good]] = candidate[good]
            searching[rows[good]] = False
            length[rows[~good]] /= 2
            stuck = rows[~good][length[rows[~good]] < 1e-12]
            failed[stuck] = True
            searching[stuck] = False
            new[stuck] = current[stuck]
        current = new
        polished += ~far
        done |= ~far & ((np.max(np.abs(step), axis=-1) <= 1e-12) | (polished >= 8))
        if (done | failed).all():
            break
    else:
        failed |= ~done
    gradient = _derivatives(r_off, current)[1]
    return current, ~failed & (_projected_gradient(current, gradient) < 1e-9)


def _certified(r_off: Matrix, loadings: Matrix) -> bool:
    """Whether ``loadings`` pass the checks of :func:`_minres_fit`: a KKT point, a positive
    definite Hessian on the free loadings, and no better fit from the first principal
    component of ``R*``."""
    value, gradient, hessian = _derivatives(r_off, loadings)
    if not _projected_gradient(loadings, gradient) < 1e-9:
        return False
    free = np.abs(loadings) < _LIMIT
    if free.any():
        curvature = np.linalg.eigvalsh(hessian[free][:, free])
        if not curvature[0] > 1e-8 * max(curvature[-1], 1.0):
            return False
    alternative = _objective(r_off, _principal_component(r_off, loadings))
    return bool(alternative >= value - 1e-13 * max(value, 1.0))


def _flat(r_off: Matrix, loadings: Matrix) -> bool:
    """Whether the minimum at ``loadings`` is not isolated: the Hessian of F is singular on
    the loadings that can move, those inside the box and those at the bound without a
    gradient pushing them out (at an exact fit F = 0 a loading at the bound may well be a
    point of a valley that continues inside the box)."""
    _, gradient, hessian = _derivatives(r_off, loadings)
    movable = (np.abs(loadings) < _LIMIT) | (np.abs(gradient) <= 1e-9)
    if movable.sum() < 2:
        return False
    curvature = np.linalg.eigvalsh(hessian[movable][:, movable])
    return bool(curvature[0] <= 1e-8 * max(curvature[-1], 1.0))


def _least_communality(r_off: Matrix, loadings: Matrix) -> Matrix:
    """Of a valley of equally good fits, the one with the smallest sum of communalities.

    When the minimum of F is not isolated (:func:`_flat`) the one-factor model is not
    identified: with zero correlations between items, say, only products such as λ₁λ₃ are
    determined, and any point of the valley λ₁λ₃ = r₁₃ fits equally well. Which point a
    solver stops at then depends on where it starts, and so on the order of the items;
    the two ends of the valley on the 6 × 3 data in ``tests/test_omega.py`` give omega
    0.427 and 0.518. We take the point with the smallest Σλ², which gives the smallest
    omega of all equally good fits (omega grows with Σλ² for a given sign pattern), is
    unique and order-invariant, and is the value ``psych::omega`` reports on that data (its
    symmetric start keeps the two loadings equal). Found by minimising
    ``F(λ) + ε‖λ‖²`` for ε = 1e-4, 1e-7, 1e-10 in turn (L-BFGS-B, each from the previous
    solution); the result is kept only if its F is as good as the original fit's.
    """
    value = _objective(r_off, loadings)
    current = loadings
    for penalty in (1e-4, 1e-7, 1e-10):
        current = _lbfgsb(r_off, current, penalty)
    current = np.where(current.sum() < 0, -current, current)
    if _objective(r_off, current) <= value + 1e-12 * max(value, 1.0):
        return current
    return loadings


def _best_of(r_off: Matrix, fits: Matrix) -> Matrix:
    """The fit with the smallest F, signed to a positive sum of loadings as psych does; of
    (numerically) equal fits the one with the larger communalities, which does not depend
    on the order of the items."""
    fits = np.where(fits.sum(axis=-1, keepdims=True) < 0, -fits, fits)
    values = _objective(r_off, fits)
    tied = values <= values.min() + 1e-13 * max(values.min(), 1.0)
    communalities = np.where(tied, np.einsum("bi,bi->b", fits, fits), -np.inf)
    return fits[np.argmax(communalities)]


def _lbfgsb(r_off: Matrix, start: Matrix, penalty: float = 0.0) -> Matrix:
    """L-BFGS-B on ``F(λ) + penalty·‖λ‖²`` at a tight tolerance, for starts where Newton does
    not converge (penalty 0) and for :func:`_least_communality`."""
    minimize = import_module("scipy.optimize").minimize  # imported only here: it costs ~0.5 s

    def objective(loadings: Matrix) -> tuple[float, Matrix]:
        value, gradient, _ = _derivatives(r_off, loadings)
        return float(value + penalty * loadings @ loadings), gradient + 2 * penalty * loadings

    fit = minimize(objective, np.clip(start, -_LIMIT, _LIMIT), jac=True, method="L-BFGS-B",
                   bounds=[(-_LIMIT, _LIMIT)] * len(start),
                   options={"ftol": 1e-16, "gtol": 1e-12, "maxiter": 10_000})
    return np.asarray(fit.x, dtype=float)


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
    of the standardized items (Eisinga, Te Grotenhuis & Pelzer 2013). It is NaN too when the
    correlations are undefined (an item without variance). :func:`omega_total_details` also
    says whether the fit is a Heywood case.
    """
    return omega_total_details(x).omega


def omega_total_details(x: Matrix, *, r: Matrix | None = None) -> OmegaTotal:
    """Omega total as :func:`omega_total`, and whether the minres fit is a Heywood case
    (``r``: the items' correlation matrix when already computed, :func:`correlation_of`).

    Heywood case: without the bound, the best-fitting one-factor model would give an item a
    communality above 0.995, that is an item measured almost or entirely without error, or
    even a negative uniqueness. The fit then keeps that item's loading at ±√0.995, its
    uniqueness at ``MIN_UNIQUENESS`` = 0.005, and omega counts 0.005 as that item's error
    variance. We use 0.005 because it is the lower bound ``psych::fa`` puts on the
    uniquenesses it optimises (``fa.R``: ``optim(..., method = "L-BFGS-B", lower = .005)``);
    a bound is needed at all because a uniqueness of 0 or below has no meaning. Such a fit
    is fragile — it happens mostly with few respondents or nearly duplicate items — so
    callers should warn when ``heywood`` is true.

    psych's omega differs somewhat in a Heywood case: psych bounds the uniquenesses ψ it
    optimises, but then takes the loadings from the eigendecomposition of ``R − diag(ψ)``,
    and their squares can exceed 0.995 (psych warns of an "ultra-Heywood case" above 1). In
    simulated Heywood cases, following psych's algorithm in Python gave omegas a few 1e-4
    (at most ~7e-3) from ours. Without a Heywood case the two fits coincide.
    """
    if x.shape[1] < 3:
        return OmegaTotal(float("nan"), False)
    if r is None:
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.corrcoef(x, rowvar=False)
    if not np.all(np.isfinite(r)):
        return OmegaTotal(float("nan"), False)
    loadings, heywood = _minres_fit(r)
    uniqueness = 1 - loadings**2
    return OmegaTotal(float(1 - uniqueness.sum() / _keyed_total(r, loadings)), heywood)


def _keyed_total(r: Matrix, loadings: Matrix) -> float:
    """``1ᵀR1`` after flipping the items that load negatively, as psych's ``flip = TRUE``
    (``key <- sign(gload); key[key == 0] <- 1``).

    A loading of (numerically) zero, below 1e-9, counts as zero, with key +1 as in psych:
    the solver may leave such a loading at ±1e-38, and its sign must not decide the key
    (found by the order property in ``tests/test_properties.py``). The overall sign of the
    loadings is free; where their sum is (numerically) zero, so that the rule "signed to a
    positive sum" does not fix it, the sign with the smaller ``1ᵀR1``, and so the smaller
    omega, is used.
    """
    scale = max(float(np.max(np.abs(loadings))), 1.0)
    key = np.where(loadings < -1e-9 * scale, -1.0, 1.0)
    total = float(key @ r @ key)
    if abs(loadings.sum()) <= 1e-9 * scale:
        other = np.where(loadings > 1e-9 * scale, -1.0, 1.0)
        total = min(total, float(other @ r @ other))
    return total
