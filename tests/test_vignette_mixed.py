"""The REML and Satterthwaite machinery of stats/mixed.py and the CR2 parts of stats/cluster.py
checked against numerical differentiation and brute force (the R comparison is in
test_vignette_reference.py)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from maatwerk_stats.stats.cluster import fit_cluster_ols
from maatwerk_stats.stats.mixed import _profile, _sums, fit_random_intercept, reml_deviance

ROOT = Path(__file__).resolve().parents[1]


def _demo(path: Path | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if path is None:
        frame = pd.read_csv(ROOT / "data" / "demo" / "vignetten.csv", sep=";",
                            encoding="utf-8-sig")
    else:
        frame = pd.read_csv(path)
    frame = frame.dropna(subset=["bereidheid"])
    x = np.column_stack([
        np.ones(len(frame)), frame["reputatie"].eq("succesvol"),
        frame["hulpbehoevendheid"].eq("slecht_ter_been"),
        frame["capaciteiten"].eq("goed_voorbereid"),
        frame["meting"].eq("na")]).astype(float)
    return (frame["bereidheid"].to_numpy(float), x,
            pd.factorize(frame["respondent"])[0])


def _numeric_hessian(f, point: np.ndarray, h: float = 1e-4) -> np.ndarray:
    k = len(point)
    out = np.empty((k, k))
    for i in range(k):
        for j in range(k):
            e_i = np.eye(k)[i] * h
            e_j = np.eye(k)[j] * h
            out[i, j] = (f(point + e_i + e_j) - f(point + e_i - e_j) - f(point - e_i + e_j)
                         + f(point - e_i - e_j)) / (4 * h * h)
    return out


@pytest.fixture(scope="module")
def demo():
    return _demo()


def test_profile_slope_is_the_derivative_of_the_profiled_deviance(demo):
    y, x, groups = demo
    sums = _sums(y, x, groups)
    for gamma in (0.05, 0.8, 3.0):
        h = 1e-6 * gamma
        numeric = (_profile(sums, gamma + h).deviance - _profile(sums, gamma - h).deviance) / (
            2 * h)
        assert _profile(sums, gamma).slope == pytest.approx(numeric, rel=1e-6)


def test_optimum_is_a_stationary_point_and_profiles_sigma(demo):
    y, x, groups = demo
    fit = fit_random_intercept(y, x, groups)
    sums = _sums(y, x, groups)
    assert abs(_profile(sums, fit.theta**2).slope) < 1e-8
    # the profiled optimum is the optimum of D(θ, σ) in σ too
    d = reml_deviance(y, x, groups, fit.theta, fit.sigma)
    assert d == pytest.approx(fit.reml_deviance, rel=1e-12)
    for dt, ds in ((1e-3, 0), (-1e-3, 0), (0, 1e-3), (0, -1e-3)):
        assert reml_deviance(y, x, groups, fit.theta + dt, fit.sigma + ds) > d


def test_analytic_hessian_matches_numerical_differentiation(demo):
    """A = 2·H⁻¹ must be lmerTest's vcov_varpar, which takes H from numDeriv."""
    y, x, groups = demo
    fit = fit_random_intercept(y, x, groups)

    def deviance(point: np.ndarray) -> float:
        return reml_deviance(y, x, groups, point[0], point[1])

    numeric = _numeric_hessian(deviance, np.array([fit.theta, fit.sigma]))
    np.testing.assert_allclose(2 * np.linalg.inv(numeric), fit.vcov_varpar, rtol=1e-5)


def test_analytic_jacobian_matches_numerical_differentiation(demo):
    y, x, groups = demo
    fit = fit_random_intercept(y, x, groups)
    sums = _sums(y, x, groups)

    def covariance(theta: float, sigma: float) -> np.ndarray:
        return sigma**2 * _profile(sums, theta**2, derivative=False).m_inv

    h = 1e-6
    d_theta = (covariance(fit.theta + h, fit.sigma) - covariance(fit.theta - h, fit.sigma)) / (
        2 * h)
    d_sigma = (covariance(fit.theta, fit.sigma + h) - covariance(fit.theta, fit.sigma - h)) / (
        2 * h)
    for analytic, numeric in ((fit.jacobian[0], d_theta), (fit.jacobian[1], d_sigma)):
        np.testing.assert_allclose(analytic, numeric, rtol=1e-6,
                                   atol=1e-6 * np.abs(numeric).max())
    # relative to the matrix: an element that nearly cancels (1e-5 of a 6e-2 matrix) moves in
    # its 12th digit with the BLAS kernel (AVX2 vs AVX-512)
    expected = covariance(fit.theta, fit.sigma)
    np.testing.assert_allclose(fit.vcov, expected, rtol=1e-12,
                               atol=1e-12 * np.abs(expected).max())


def test_boundary_fit_has_theta_zero_and_residual_df():
    y, x, groups = _demo(ROOT / "tests" / "reference" / "data" / "vignette_boundary.csv")
    fit = fit_random_intercept(y, x, groups)
    assert fit.boundary and fit.converged and fit.theta == 0.0
    assert _profile(_sums(y, x, groups), 0.0).slope > 0
    # at θ = 0 the model is OLS with σ̂² = RSS/(n − p) and df = n − p (lmerTest)
    beta, rss, *_ = np.linalg.lstsq(x, y, rcond=None)
    np.testing.assert_allclose(fit.coef, beta, rtol=1e-10)
    assert fit.sigma**2 == pytest.approx(rss[0] / (len(y) - x.shape[1]), rel=1e-10)
    for k in range(x.shape[1]):
        assert fit.contrast(np.eye(x.shape[1])[k])[2] == pytest.approx(len(y) - x.shape[1])


def test_perfect_fit_is_flagged_not_converged():
    """No residual variance at all: REML has no optimum; the fit says so instead of failing."""
    rng = np.random.default_rng(3)
    groups = np.repeat(np.arange(20), 4)
    x = np.column_stack([np.ones(80), np.tile([0.0, 1.0, 0.0, 1.0], 20)])
    y = 2 + 0.5 * x[:, 1] + rng.normal(size=20)[groups]
    fit = fit_random_intercept(y, x, groups)
    assert not fit.converged
    assert "residual variance" in fit.message


def test_cluster_codes_must_be_consecutive():
    with pytest.raises(ValueError, match="consecutive"):
        fit_random_intercept(np.ones(4), np.ones((4, 1)), np.array([0, 0, 2, 2]))


def test_cr2_satterthwaite_df_equals_brute_force(demo):
    """df = (tr P)² / ΣP² with P formed explicitly (Pustejovsky & Tipton 2018, eq. 11)."""
    y, x, groups = demo
    fit = fit_cluster_ols(y, x, groups, "cr2")
    n = len(y)
    m = np.linalg.inv(x.T @ x)
    resid_maker = np.eye(n) - x @ m @ x.T
    n_groups = groups.max() + 1
    for weights in (np.eye(x.shape[1])[1], np.array([0.0, 1.0, 0.0, 0.0, 1.0])):
        g_vectors = []
        for g in range(n_groups):
            rows = np.flatnonzero(groups == g)
            block = resid_maker[np.ix_(rows, rows)]
            values, vectors = np.linalg.eigh(block)
            a = vectors @ np.diag(1 / np.sqrt(values)) @ vectors.T
            u = a @ x[rows] @ m @ weights
            g_vectors.append(resid_maker[:, rows] @ u)
        gmat = np.array(g_vectors)
        p = gmat @ gmat.T
        expected = np.trace(p) ** 2 / np.sum(p * p)
        assert fit.contrast(weights)[2] == pytest.approx(expected, rel=1e-10)
        variance = sum(float(gv @ y) ** 2 for gv in g_vectors)
        assert fit.contrast(weights)[1] == pytest.approx(math.sqrt(variance), rel=1e-10)


def test_cr1_is_cr0_times_the_stata_factor(demo):
    y, x, groups = demo
    cr0 = fit_cluster_ols(y, x, groups, "cr0")
    cr1 = fit_cluster_ols(y, x, groups, "cr1")
    n, p = x.shape
    np.testing.assert_allclose(cr1.vcov, cr0.vcov * (n - 1) / (n - p), rtol=1e-12)
    with pytest.raises(ValueError, match="unknown"):
        fit_cluster_ols(y, x, groups, "cr3")  # type: ignore[arg-type]
