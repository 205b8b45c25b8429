"""Omega total's minres solver against a slow, thorough reference solver.

``stats.reliability`` fits the one-factor minres model by batched projected Newton from k + 1
starts (see ``_minres_fit``). The reference below is the previous implementation made more
thorough: L-BFGS-B (scipy) at ftol 1e-16 from the same k + 1 starts and from random starts,
each polished by Newton steps on the loadings inside the bounds, the best fit kept. It is
compared on random correlation structures of 3–12 items — one-factor, near-Heywood and pure
noise, many of them small samples (n = 5–15) — and on the psych golden values.

Tolerances: the minres objective F of the fast fit is never worse than the reference's by
more than 1e-12; where both reach the same minimum and no loading is at the bound, omega
agrees to 1e-8 (in practice to ~1e-15, as both are converged to machine precision).
"""

from __future__ import annotations

import math
import tomllib
from functools import cache

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maatwerk_stats.stats import reliability as rel

from .conftest import REFERENCE

LIMIT = float(np.sqrt(1 - rel.MIN_UNIQUENESS))
KINDS = ("one_factor", "near_heywood", "likert", "noise")


def objective(r: np.ndarray, loadings: np.ndarray) -> tuple[float, np.ndarray]:
    """``F(λ) = Σ_{i<j} (r_ij − λ_i λ_j)²`` and its gradient, written out independently."""
    residual = r - np.outer(loadings, loadings)
    np.fill_diagonal(residual, 0.0)
    return 0.5 * float((residual**2).sum()), -2 * residual @ loadings


def newton_polish(r: np.ndarray, loadings: np.ndarray, steps: int = 20) -> np.ndarray:
    """Newton steps on the loadings inside the bounds (the previous implementation's)."""
    current = loadings.copy()
    for _ in range(steps):
        residual = r - np.outer(current, current)
        np.fill_diagonal(residual, 0.0)
        gradient = -2 * residual @ current
        free = np.abs(current) < LIMIT - 1e-12
        if not free.any() or np.max(np.abs(gradient[free])) < 1e-15:
            break
        hessian = 2 * (np.outer(current, current) - residual)
        squares = current**2
        np.fill_diagonal(hessian, 2 * (squares.sum() - squares))
        try:
            step = np.linalg.solve(hessian[np.ix_(free, free)], gradient[free])
        except np.linalg.LinAlgError:
            break
        candidate = current.copy()
        candidate[free] -= step
        if (np.any(np.abs(candidate) > LIMIT)
                or objective(r, candidate)[0] > objective(r, current)[0] + 1e-15):
            break
        current = candidate
    return current


def reference_loadings(r: np.ndarray, random_starts: int = 4) -> np.ndarray:
    """Thorough, slow minres fit: L-BFGS-B from the principal-axis start, from that start
    with each item's sign flipped and from random starts; the best polished fit."""
    from scipy.optimize import minimize

    k = r.shape[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        try:
            smc = 1 - 1 / np.diag(np.linalg.inv(r))
        except np.linalg.LinAlgError:
            smc = np.full(k, np.nan)
    if not np.all(np.isfinite(smc)) or np.any(smc < 0) or np.any(smc > 1):
        smc = np.abs(r - np.eye(k)).max(axis=1)
    reduced = r.copy()
    np.fill_diagonal(reduced, smc)
    values, vectors = np.linalg.eigh(reduced)
    first = np.clip(vectors[:, -1] * np.sqrt(max(values[-1], 1e-6)), -LIMIT, LIMIT)
    rng = np.random.default_rng(0)
    starts = [first, *(first * np.where(np.arange(k) == j, -1.0, 1.0) for j in range(k)),
              *(rng.uniform(-LIMIT, LIMIT, k) for _ in range(random_starts))]
    best_value, best = np.inf, first
    for start in starts:
        fit = minimize(lambda loadings: objective(r, loadings), start, jac=True,
                       method="L-BFGS-B", bounds=[(-LIMIT, LIMIT)] * k,
                       options={"ftol": 1e-16, "gtol": 1e-12, "maxiter": 10_000})
        loadings = newton_polish(r, fit.x)
        value = objective(r, loadings)[0]
        if value < best_value - 1e-12:
            best_value, best = value, loadings
    return best if best.sum() >= 0 else -best


def omega_from(r: np.ndarray, loadings: np.ndarray) -> float:
    """Omega total from the loadings, items with a negative loading flipped (as psych)."""
    key = np.where(loadings < 0, -1.0, 1.0)
    return float(1 - (1 - loadings**2).sum() / (key @ r @ key))


def simulate(rng: np.random.Generator, n: int, k: int, kind: str) -> np.ndarray:
    """n × k answers from a one-factor model: random loadings of either sign, near-Heywood
    loadings (one or two items loading .95–.999), Likert answers 1–5, or pure noise."""
    loadings = rng.uniform(0.2, 0.9, k) * rng.choice([-1.0, 1.0], k)
    if kind == "near_heywood":
        loadings[: rng.integers(1, 3)] = rng.uniform(0.95, 0.999)
    elif kind == "noise":
        loadings[:] = 0.0
    factor = rng.standard_normal(n)
    x = factor[:, None] * loadings + rng.standard_normal((n, k)) * np.sqrt(1 - loadings**2)
    return np.clip(np.round(3 + 1.3 * x), 1, 5) if kind == "likert" else x


@cache
def case(kind: str, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Correlation matrix, fast fit and reference fit of a seeded random sample: k = 3–12
    items, and n = 5–15 respondents for two seeds in three."""
    rng = np.random.default_rng([KINDS.index(kind), seed])
    k = int(rng.integers(3, 13))
    n = int(rng.integers(5, 16)) if seed % 3 else int(rng.integers(16, 200))
    while True:
        x = simulate(rng, n, k, kind)
        if np.all(x.std(axis=0) > 0):
            break
    r = np.corrcoef(x, rowvar=False)
    return r, rel.minres_one_factor(r), reference_loadings(r)


def at_bound(loadings: np.ndarray) -> bool:
    return bool(np.any(np.abs(loadings) >= LIMIT - 1e-9))


def assert_same_fit(r: np.ndarray, fast: np.ndarray, reference: np.ndarray) -> None:
    """F never worse than the reference's; at the same minimum the same omega, to 1e-8 with
    every loading inside the bounds (1e-6 with one at the bound, where the reference's
    polishing is cruder)."""
    fast_value, reference_value = objective(r, fast)[0], objective(r, reference)[0]
    assert fast_value <= reference_value + 1e-12
    if abs(fast_value - reference_value) <= 1e-12:
        tolerance = 1e-6 if at_bound(fast) or at_bound(reference) else 1e-8
        assert omega_from(r, fast) == pytest.approx(omega_from(r, reference), abs=tolerance)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("seed", range(8))
def test_fast_fit_matches_the_reference(kind, seed):
    assert_same_fit(*case(kind, seed))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("seed", range(8))
def test_fast_fit_is_never_worse_than_the_reference(kind, seed):
    r, fast, reference = case(kind, seed)
    assert objective(r, fast)[0] <= objective(r, reference)[0] + 1e-12
    assert np.all(np.abs(fast) <= LIMIT)


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(st.sampled_from(KINDS), st.integers(3, 12), st.integers(5, 15),
       st.integers(0, 2**32 - 1))
def test_fast_fit_matches_the_reference_on_small_samples(kind, k, n, seed):
    x = simulate(np.random.default_rng(seed), n, k, kind)
    if np.any(x.std(axis=0) == 0):
        return
    r = np.corrcoef(x, rowvar=False)
    assert_same_fit(r, rel.minres_one_factor(r), reference_loadings(r))


# 15 respondents, 4 Likert items: from the principal-axis start alone, Newton ends in a local
# minimum that passes every check (KKT, positive definite Hessian, principal component of R*)
# with omega .431; the global minimum, found from a start with one item's sign flipped, .415.
LOCAL_MINIMUM = np.array([
    [3, 3, 5, 4, 1, 3, 4, 3, 1, 1, 4, 3, 5, 3, 4],
    [1, 4, 3, 2, 2, 5, 1, 1, 4, 4, 3, 4, 5, 3, 4],
    [4, 3, 1, 3, 1, 4, 2, 5, 5, 4, 2, 4, 3, 1, 5],
    [4, 4, 5, 1, 3, 2, 2, 1, 1, 5, 3, 4, 4, 1, 3]], dtype=float).T


def test_a_certified_local_minimum_from_one_start_is_not_kept():
    r = np.corrcoef(LOCAL_MINIMUM, rowvar=False)
    r_off = r - np.eye(4)
    single, converged = rel._projected_newton(r_off, rel._principal_axis_start(r)[None])
    assert converged[0] and rel._certified(r_off, single[0])
    fast, reference = rel.minres_one_factor(r), reference_loadings(r)
    assert objective(r, single[0])[0] > objective(r, reference)[0] + 1e-3
    assert_same_fit(r, fast, reference)
    assert rel.omega_total(LOCAL_MINIMUM) == pytest.approx(omega_from(r, reference), abs=1e-12)
    assert rel.omega_total(LOCAL_MINIMUM) == pytest.approx(0.41499, abs=1e-5)


def test_heywood_case_keeps_the_uniqueness_at_the_bound_and_says_so():
    rng = np.random.default_rng(7)
    factor = rng.standard_normal(40)
    x = np.column_stack([factor + 0.02 * rng.standard_normal(40),  # nearly the factor itself
                         *(0.6 * factor + 0.8 * rng.standard_normal((4, 40)))])
    r = np.corrcoef(x, rowvar=False)
    loadings = rel.minres_one_factor(r)
    assert abs(loadings[0]) == LIMIT  # uniqueness exactly MIN_UNIQUENESS = 0.005
    assert np.all(np.abs(loadings[1:]) < LIMIT)
    omega, heywood = rel.omega_total_details(x)
    assert heywood
    assert omega == rel.omega_total(x) == pytest.approx(omega_from(r, loadings), abs=1e-15)
    assert_same_fit(r, loadings, reference_loadings(r))
    assert not rel.omega_total_details(x[:, 1:]).heywood


def test_two_items_or_an_item_without_variance_give_nan():
    x = np.random.default_rng(1).normal(size=(20, 4))
    assert np.isnan(rel.omega_total(x[:, :2]))
    x[:, 2] = 3.0
    assert np.isnan(rel.omega_total(x))
    omega, heywood = rel.omega_total_details(x)
    assert np.isnan(omega) and not heywood


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(KINDS), st.integers(3, 12), st.integers(5, 40),
       st.integers(0, 2**32 - 1), st.randoms(use_true_random=False))
def test_omega_does_not_depend_on_item_or_row_order(kind, k, n, seed, random):
    x = simulate(np.random.default_rng(seed), n, k, kind)
    if np.any(x.std(axis=0) == 0):
        return
    rows, columns = list(range(n)), list(range(k))
    random.shuffle(rows)
    random.shuffle(columns)
    assert rel.omega_total(x[rows][:, columns]) == pytest.approx(rel.omega_total(x), abs=1e-12)


def golden_scales() -> list[tuple[str, str, np.ndarray]]:
    """The scales of ``tests/reference/reliability.R``, read and keyed without the package's
    config and scoring code (reverse keyed as min + max − x, complete cases)."""
    import pyreadstat

    bfi = pd.read_csv(REFERENCE / "data" / "bfi.csv")
    hotel = pyreadstat.read_sav(REFERENCE / "data" / "hotel.sav")[0]
    scales = []
    for dataset, frame in (("bfi", bfi), ("hotel", hotel)):
        config = tomllib.loads((REFERENCE / f"{dataset}.toml").read_text(encoding="utf-8"))
        for name, spec in config["scales"].items():
            x = frame[spec["items"]].astype(float)
            for item in spec.get("reverse", []):
                x[item] = sum(spec["range"]) - x[item]
            scales.append((dataset, name, x.dropna().to_numpy()))
    return scales


def test_omega_matches_psych_golden_values():
    expected = pd.read_csv(REFERENCE / "reliability_scales.csv").set_index(["dataset", "scale"])
    for dataset, name, x in golden_scales():
        assert len(x) == expected.loc[(dataset, name), "n"]
        assert rel.omega_total(x) == pytest.approx(expected.loc[(dataset, name), "omega_total"],
                                                   abs=1e-6)
        r = np.corrcoef(x, rowvar=False)
        assert_same_fit(r, rel.minres_one_factor(r), reference_loadings(r))


# Found by the order property (tests/test_properties.py); psych's values for every column
# order in tests/reference/omega_degenerate.R. FLAT_VALLEY: items 1–2 and 2–3 correlate
# exactly 0, so any λ₁λ₃ = r₁₃ fits; omega was 0.518 (item 1 at the Heywood bound) or 0.427
# depending on the column order. ZERO_LOADINGS: two loadings exactly 0, left at ±1e-38 by
# the solver, whose sign flipped an item and gave 0.630 instead of 0.575.
DEGENERATE = {
    "flat_valley": np.array([[1, 3, 1], [4, 1, 2], [4, 3, 4], [4, 5, 2], [3, 4, 4],
                             [3, 2, 4]], dtype=float),
    "zero_loadings": np.array([[5, 2, 5, 5], [4, 2, 2, 4], [1, 1, 5, 5], [5, 2, 5, 3],
                               [3, 4, 4, 2], [5, 1, 3, 5]], dtype=float),
}


@pytest.mark.parametrize("name", sorted(DEGENERATE))
def test_degenerate_matrices_give_psychs_omega_in_every_item_order(name):
    expected = pd.read_csv(REFERENCE / "omega_degenerate.csv")
    expected = expected[expected["case"] == name]
    x = DEGENERATE[name]
    assert len(expected) == math.factorial(x.shape[1])
    for row in expected.itertuples(index=False):
        order = [int(j) - 1 for j in row.order.split()]
        omega, heywood = rel.omega_total_details(x[:, order])
        assert omega == pytest.approx(row.omega_total, abs=1e-8)
        assert not heywood


def test_a_flat_valley_takes_the_fit_with_the_smallest_communalities():
    r = np.corrcoef(DEGENERATE["flat_valley"], rowvar=False)
    assert r[0, 1] == r[1, 2] == 0.0
    loadings = rel.minres_one_factor(r)
    # every λ₁λ₃ = r₁₃ with λ₂ = 0 fits exactly; the least Σλ² has λ₁ = λ₃ = √r₁₃
    assert objective(r, loadings)[0] < 1e-15
    assert loadings == pytest.approx([np.sqrt(r[0, 2]), 0.0, np.sqrt(r[0, 2])], abs=1e-6)
    # the other end of the valley (item 1 at the bound) fits as well, with a larger omega
    end = np.array([LIMIT, 0.0, r[0, 2] / LIMIT])
    assert objective(r, end)[0] < 1e-15
    assert omega_from(r, end) == pytest.approx(0.518, abs=1e-3)
    assert rel.omega_total(DEGENERATE["flat_valley"]) == pytest.approx(0.4273, abs=1e-4)
