"""Factorial designs for vignette studies: coding, D-efficiency, Fedorov exchange, sets.

Every function works on level *indices* (row ``r`` of a design holds, per factor, the index
``0..L_f − 1`` of the level the vignette shows) and on a NumPy random generator, so a seed
gives the same design on every machine.

**Coding.** The main-effects model has an intercept and ``L_f − 1`` columns per factor. The
columns are *orthonormal contrasts* scaled to mean square 1 over the levels (R:
``contr.poly(L) * sqrt(L)``), so that a balanced orthogonal design of ``N`` runs has
``X'X = N·I`` (Kuhfeld, *Experimental Design: Efficiency, Coding, and Choice Designs*, SAS
TS-722, 2010, "Efficiency"). D-efficiency does not depend on which orthonormal contrasts are
used (an orthogonal change of basis leaves ``det X'X`` unchanged).

**D-efficiency** (Kuhfeld 2010, eq. for D-efficiency; Auspurg & Hinz, *Factorial Survey
Experiments*, 2015, ch. 3.3) of a design with ``N`` runs and ``p`` parameters::

    D_eff = det(X'X)^(1/p) / N          (1 for an orthogonal balanced design; 0 when singular)

Kuhfeld reports ``100·D_eff``. Worked example (also in ``tests/reference/design.R``): two
binary factors, the three runs (−,−), (+,−), (−,+): ``X'X = [[3,−1,−1],[−1,3,−1],[−1,−1,3]]``,
``det = 16``, ``D_eff = 16^(1/3)/3 = 0.8399``.

**Fraction.** When the deck is smaller than the full factorial, the runs are chosen from the
full factorial (each vignette at most once) by Fedorov's exchange algorithm (Fedorov 1972,
*Theory of Optimal Experiments*; Cook & Nachtsheim 1980, *Technometrics* 22(3); as
``AlgDesign::optFederov``): from a random start, repeatedly swap the design run ``x_i`` and
the candidate ``x_j`` with the largest

    Δ(x_i, x_j) = d(x_j) − d(x_i) − d(x_i)·d(x_j) + d(x_i, x_j)²,   d(a, b) = a'M⁻¹b

(``det M_new = det M · (1 + Δ)``), until no swap gains; the best of several random starts.

**Sets.** The deck is split into ``S`` sets of ``K`` vignettes (one set per respondent). A
swap algorithm of the same kind exchanges vignettes between sets, first to make the level
counts of every factor within every set as equal as possible (imbalance
``Σ_s Σ_f Σ_l (n_sfl − K/L_f)²``), then to maximise ``det W`` with ``W = X'(I − P_sets)X``
the information on the main effects left after set differences are taken out (Auspurg &
Hinz 2015, ch. 3.4: main effects must not be confounded with sets). ``W`` relative to the
information without sets gives the *set efficiency* (1: main effects orthogonal to sets).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# relative size below which an eigenvalue / determinant counts as zero
_SINGULAR = 1e-9


def full_factorial(n_levels: Sequence[int]) -> np.ndarray:
    """All level combinations, the first factor varying slowest (rows × factors)."""
    import numpy as np

    grids = np.meshgrid(*[np.arange(k) for k in n_levels], indexing="ij")
    return np.stack([g.ravel() for g in grids], axis=1).astype(int)


def contrasts(n_levels: int) -> np.ndarray:
    """Orthonormal polynomial contrasts scaled to mean square 1 (``contr.poly(L)·√L``)."""
    import numpy as np

    x = np.arange(n_levels, dtype=float)
    vandermonde = np.vander(x - x.mean(), n_levels, increasing=True)
    q, r = np.linalg.qr(vandermonde)
    q = q * np.sign(np.diag(r))  # the sign R's contr.poly uses: increasing in the level
    return q[:, 1:] * math.sqrt(n_levels)


def model_matrix(runs: np.ndarray, n_levels: Sequence[int], intercept: bool = True
                 ) -> np.ndarray:
    """Main-effects model matrix in the orthonormal coding (module docstring)."""
    import numpy as np

    blocks = [contrasts(k)[runs[:, f]] for f, k in enumerate(n_levels)]
    if intercept:
        blocks.insert(0, np.ones((len(runs), 1)))
    return np.hstack(blocks)


def factor_columns(n_levels: Sequence[int]) -> list[slice]:
    """The columns of each factor in :func:`model_matrix` (with intercept)."""
    slices, start = [], 1
    for k in n_levels:
        slices.append(slice(start, start + k - 1))
        start += k - 1
    return slices


def d_efficiency(x: np.ndarray) -> float:
    """``det(X'X)^(1/p) / N``; 0 for a singular design."""
    import numpy as np

    n, p = x.shape
    sign, logdet = np.linalg.slogdet(x.T @ x)
    if sign <= 0 or logdet / p < math.log(_SINGULAR * n):
        return 0.0
    return float(math.exp(logdet / p) / n)


def max_abs_correlation(runs: np.ndarray, n_levels: Sequence[int]) -> float:
    """Largest |correlation| between the coded columns of two different factors (0 when
    orthogonal; a column that does not vary counts as correlation 1)."""
    import numpy as np

    x = model_matrix(runs, n_levels, intercept=False)
    centred = x - x.mean(axis=0)
    norms = np.sqrt((centred**2).sum(axis=0))
    owner = np.repeat(np.arange(len(n_levels)), [k - 1 for k in n_levels])
    if np.any(norms < _SINGULAR):
        return 1.0
    corr = (centred.T @ centred) / np.outer(norms, norms)
    other = owner[:, None] != owner[None, :]
    return float(np.max(np.abs(corr[other]))) if other.any() else 0.0


def aliased_interactions(runs: np.ndarray, n_levels: Sequence[int]) -> list[tuple[int, int]]:
    """Pairs of factors whose two-way interaction cannot be estimated next to the main
    effects (the interaction columns are not linearly independent of them)."""
    import numpy as np

    x = model_matrix(runs, n_levels)
    columns = factor_columns(n_levels)
    base = np.linalg.matrix_rank(x)
    aliased = []
    for f in range(len(n_levels)):
        for g in range(f + 1, len(n_levels)):
            products = (x[:, columns[f], None] * x[:, None, columns[g]]).reshape(len(x), -1)
            rank = np.linalg.matrix_rank(np.hstack([x, products]))
            if rank < base + products.shape[1]:
                aliased.append((f, g))
    return aliased


def fedorov(candidates: np.ndarray, n_runs: int, rng: np.random.Generator, starts: int = 20,
            max_swaps: int = 1000) -> np.ndarray:
    """Indices (sorted) of ``n_runs`` distinct rows of the candidate model matrix with the
    largest ``det X'X`` found by Fedorov exchange from ``starts`` random starts."""
    import numpy as np

    n_candidates, p = candidates.shape
    if n_runs >= n_candidates:
        return np.arange(n_candidates)
    ridge = 1e-8 * np.eye(p)  # lets a singular random start move towards a regular design
    best, best_logdet = None, -math.inf
    for _ in range(starts):
        chosen = np.zeros(n_candidates, dtype=bool)
        chosen[rng.choice(n_candidates, n_runs, replace=False)] = True
        for _ in range(max_swaps):
            x = candidates[chosen]
            m_inv = np.linalg.inv(x.T @ x + ridge)
            d = candidates @ m_inv @ candidates.T
            inside, outside = np.flatnonzero(chosen), np.flatnonzero(~chosen)
            di = np.diag(d)[inside][:, None]
            dj = np.diag(d)[outside][None, :]
            delta = dj - di - di * dj + d[np.ix_(inside, outside)] ** 2
            i, j = np.unravel_index(int(np.argmax(delta)), delta.shape)
            if delta[i, j] <= 1e-10:
                break
            chosen[inside[i]], chosen[outside[j]] = False, True
        x = candidates[chosen]
        sign, logdet = np.linalg.slogdet(x.T @ x)
        logdet = logdet if sign > 0 else -math.inf
        if logdet > best_logdet + 1e-9:
            best, best_logdet = chosen.copy(), logdet
    assert best is not None
    return np.flatnonzero(best)


def within_set_information(x: np.ndarray, sets: np.ndarray, n_sets: int) -> np.ndarray:
    """``W = X'(I − P_sets)X`` for the main-effect columns ``x`` (no intercept)."""
    import numpy as np

    sums = np.zeros((n_sets, x.shape[1]))
    np.add.at(sums, sets, x)
    sizes = np.bincount(sets, minlength=n_sets).astype(float)
    return x.T @ x - (sums.T / sizes) @ sums


def set_efficiency(runs: np.ndarray, n_levels: Sequence[int], sets: np.ndarray,
                   n_sets: int) -> float:
    """``(det W / det T)^(1/q)``: the information on the main effects left within sets
    relative to the information without sets (``T`` = ``X'X`` after centring); 1 when
    main effects are orthogonal to sets, 0 when some are confounded with sets."""
    import numpy as np

    x = model_matrix(runs, n_levels, intercept=False)
    q = x.shape[1]
    total = within_set_information(x, np.zeros(len(x), dtype=int), 1)
    within = within_set_information(x, sets, n_sets)
    sign_t, log_t = np.linalg.slogdet(total)
    sign_w, log_w = np.linalg.slogdet(within)
    if sign_t <= 0 or sign_w <= 0:
        return 0.0
    value = math.exp((log_w - log_t) / q)
    return 0.0 if value < _SINGULAR else float(min(value, 1.0))


def confounded_factors(runs: np.ndarray, n_levels: Sequence[int], sets: np.ndarray,
                       n_sets: int) -> list[int]:
    """Factors whose main effect cannot be separated from the set differences (their
    columns lose rank once sets and the other factors are taken out)."""
    import numpy as np

    x = model_matrix(runs, n_levels, intercept=False)
    within = within_set_information(x, sets, n_sets)
    scale = max(float(np.trace(x.T @ x)), 1.0)
    if np.linalg.eigvalsh(within).min() > _SINGULAR * scale:
        return []
    bad = []
    slices = [slice(s.start - 1, s.stop - 1) for s in factor_columns(n_levels)]
    for f, cols in enumerate(slices):
        keep = np.ones(x.shape[1], dtype=bool)
        keep[cols] = False
        w = within
        # the part of factor f left after the other factors (Schur complement of W)
        others = w[np.ix_(keep, keep)]
        cross = w[np.ix_(~keep, keep)]
        own = w[np.ix_(~keep, ~keep)] - cross @ np.linalg.pinv(others) @ cross.T
        if np.linalg.eigvalsh(own).min() <= _SINGULAR * scale:
            bad.append(f)
    return bad


def _imbalance(level_counts: np.ndarray, targets: np.ndarray) -> float:
    return float(((level_counts - targets) ** 2).sum())


def assign_sets(runs: np.ndarray, n_levels: Sequence[int], n_sets: int,
                rng: np.random.Generator, starts: int = 10, max_swaps: int = 2000
                ) -> np.ndarray:
    """Set (0..S−1) of every run: equal set sizes, level counts within sets as equal as
    possible, then the largest ``det W`` (module docstring); best of ``starts`` starts."""
    import numpy as np

    n = len(runs)
    if n_sets == 1:
        return np.zeros(n, dtype=int)
    x = model_matrix(runs, n_levels, intercept=False)
    indicator = np.hstack([np.eye(k)[runs[:, f]] for f, k in enumerate(n_levels)])
    size = n // n_sets
    targets = np.concatenate([np.full(k, size / k) for k in n_levels])
    first, second = np.triu_indices(n, k=1)
    total_xx = x.T @ x
    best, best_key = None, (math.inf, -math.inf)
    for _ in range(starts):
        sets = rng.permutation(np.repeat(np.arange(n_sets), size))
        for _ in range(max_swaps):
            pairs = sets[first] != sets[second]
            a, b = first[pairs], second[pairs]
            sa, sb = sets[a], sets[b]
            counts = np.zeros((n_sets, indicator.shape[1]))
            np.add.at(counts, sets, indicator)
            d = indicator[b] - indicator[a]  # run a leaves set sa, b comes in (and back)
            gain_balance = -(2 * ((counts[sa] - counts[sb]) * d).sum(axis=1)
                             + 2 * (d**2).sum(axis=1))
            sums = np.zeros((n_sets, x.shape[1]))
            np.add.at(sums, sets, x)
            new_a = sums[sa] - x[a] + x[b]
            new_b = sums[sb] - x[b] + x[a]
            old = (sums.T @ sums) / size
            between = (old[None] - (sums[sa, :, None] * sums[sa, None, :]
                                    + sums[sb, :, None] * sums[sb, None, :]) / size
                       + (new_a[:, :, None] * new_a[:, None, :]
                          + new_b[:, :, None] * new_b[:, None, :]) / size)
            sign, logdet = np.linalg.slogdet(total_xx[None] - between)
            logdet = np.where(sign > 0, logdet, -np.inf)
            sign0, current = np.linalg.slogdet(total_xx - old)
            current = current if sign0 > 0 else -math.inf
            balance_best = gain_balance.max()
            if balance_best > 1e-9:
                pick = int(np.argmax(np.where(gain_balance >= balance_best - 1e-9,
                                              logdet, -np.inf)))
            else:
                candidates = np.where(gain_balance > -1e-9, logdet, -np.inf)
                pick = int(np.argmax(candidates))
                if not candidates[pick] > current + 1e-9:
                    break
            sets[a[pick]], sets[b[pick]] = sets[b[pick]], sets[a[pick]]
        counts = np.zeros((n_sets, indicator.shape[1]))
        np.add.at(counts, sets, indicator)
        sign, logdet = np.linalg.slogdet(within_set_information(x, sets, n_sets))
        key = (round(_imbalance(counts, targets), 9), -(logdet if sign > 0 else -math.inf))
        if key < best_key:
            best, best_key = sets.copy(), key
    assert best is not None
    return best


def sets_balanced(runs: np.ndarray, n_levels: Sequence[int], sets: np.ndarray,
                  n_sets: int) -> bool:
    """Within every set, the counts of the levels of each factor differ by at most one."""
    import numpy as np

    for f, k in enumerate(n_levels):
        counts = np.zeros((n_sets, k), dtype=int)
        np.add.at(counts, (sets, runs[:, f]), 1)
        if np.any(counts.max(axis=1) - counts.min(axis=1) > 1):
            return False
    return True
