"""Association measures on arrays: Cramér's V and the mean absolute pairwise difference.

Both work on whole columns at once (no Python loop over respondents or ratings): a
contingency table by :func:`numpy.bincount` over factorised codes, and the pairwise
differences of every group from one sort.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np


def cramers_v(a: Any, b: Any) -> float:
    """Cramér's V of two categorical arrays: ``sqrt(χ² / (n·(min(r, c) − 1)))``, as
    ``sqrt(chisq.test(table(a, b), correct = FALSE)$statistic / (n * (min(r, c) - 1)))`` in R.
    Missing values (NaN/None) are left out pairwise, as ``table`` does."""
    import numpy as np

    table = _categorical_table(a, b)
    if table is None:
        codes_a, rows = _codes(a)
        codes_b, columns = _codes(b)
        both = (codes_a >= 0) & (codes_b >= 0)
        codes_a, codes_b = codes_a[both], codes_b[both]
        table = np.bincount(codes_a * columns + codes_b, minlength=rows * columns).reshape(
            rows, columns).astype(float)
    return _cramers_v_of_table(table)


def cramers_v_of_codes(codes: list[np.ndarray], sizes: list[int]) -> dict[tuple[int, int], float]:
    """:func:`cramers_v` of every pair ``(i, j)``, ``i < j``, of categoricals given by their
    category codes (``codes[i]``: all ≥ 0, ``sizes[i]`` categories), from one count of their
    joint codes (integers, so each pair's table, summed from it, is the one
    :func:`_categorical_table` counts, in the same row and column order): one pass over the
    rows instead of one per pair."""
    import numpy as np

    joint = np.zeros(len(codes[0]) if codes else 0, dtype=np.intp)
    for column, size in zip(codes, sizes, strict=True):
        joint = joint * size + column
    counts = np.bincount(joint, minlength=int(np.prod(sizes))).reshape(sizes)
    out: dict[tuple[int, int], float] = {}
    for i in range(len(codes)):
        for j in range(i + 1, len(codes)):
            others = tuple(k for k in range(len(codes)) if k not in (i, j))
            table = counts.sum(axis=others) if others else counts
            order_a = _first_appearance(codes[i], np.flatnonzero(table.sum(axis=1)))
            order_b = _first_appearance(codes[j], np.flatnonzero(table.sum(axis=0)))
            out[i, j] = _cramers_v_of_table(table[order_a][:, order_b].astype(float))
    return out


def _cramers_v_of_table(table: np.ndarray) -> float:
    """Cramér's V of a contingency table (rows and columns without counts left out)."""
    import numpy as np

    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    n = table.sum()
    k = min(table.shape) - 1
    if n == 0 or k < 1:
        return float("nan")
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / n
    chi2 = float(((table - expected) ** 2 / expected).sum())
    return float(np.sqrt(chi2 / (n * k)))


# a categorical with at most this many categories is tabulated from its codes directly
_FEW_CATEGORIES = 64


def _categorical_table(a: Any, b: Any) -> np.ndarray | None:
    """The contingency table of two pandas categoricals with few categories, from one
    ``bincount`` of their category codes, with its rows and columns in order of first
    appearance in ``a`` and ``b`` (the order :func:`_codes` gives them, so the χ² sums run in
    the same order and give the same bits); None for anything else."""
    import numpy as np
    import pandas as pd

    if len(a) != len(b) or not all(
            isinstance(v, pd.Series) and isinstance(v.dtype, pd.CategoricalDtype)
            and len(v.cat.categories) <= _FEW_CATEGORIES for v in (a, b)):
        return None
    codes_a, codes_b = a.cat.codes.to_numpy(), b.cat.codes.to_numpy()
    rows, columns = len(a.cat.categories), len(b.cat.categories)
    combined = codes_a.astype(np.intp) * columns + codes_b
    if codes_a.min(initial=0) < 0 or codes_b.min(initial=0) < 0:
        combined = combined[(codes_a >= 0) & (codes_b >= 0)]
    table = np.bincount(combined, minlength=rows * columns).reshape(rows, columns)
    order_a = _first_appearance(codes_a, np.flatnonzero(table.sum(axis=1)))
    order_b = _first_appearance(codes_b, np.flatnonzero(table.sum(axis=0)))
    return table[order_a][:, order_b].astype(float)


def _first_appearance(codes: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The codes ``wanted`` in order of their first appearance in ``codes``, looked up in a
    short prefix when all of them occur there."""
    import numpy as np

    for prefix in (codes[:4096], codes):
        seen, first = np.unique(prefix, return_index=True)
        if np.isin(wanted, seen).all():
            break
    ordered = seen[np.argsort(first, kind="stable")]
    return ordered[np.isin(ordered, wanted)]


def _codes(values: Any) -> tuple[np.ndarray, int]:
    """Integer codes of ``values`` in order of first appearance (missing = −1) and how many
    codes there are. A pandas categorical is coded from its integer codes (no comparison of
    900,000 texts); the numbering is the same as factorising the values themselves."""
    import numpy as np
    import pandas as pd

    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        category_codes = values.cat.codes.to_numpy()
        codes, uniques = pd.factorize(category_codes)
        codes[category_codes < 0] = -1
        return codes, len(uniques)
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    return codes, len(uniques)


def mean_abs_difference(values: Any) -> float:
    """Mean |x_i − x_j| over the pairs i < j of one array (NaN with fewer than two values)."""
    import numpy as np

    array = np.asarray(values, dtype=float)
    return float(grouped_mean_abs_difference(array, np.zeros(len(array), dtype=np.intp))[0]
                 if len(array) else np.nan)


def grouped_mean_abs_difference(values: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Per group code ``0..G−1`` the mean |x_i − x_j| over its pairs i < j (NaN for a group
    of one).

    For values sorted ascending, ``Σ_{i<j} (x_j − x_i) = Σ_k x_(k)·(2k − n + 1)`` (k = 0..n−1),
    so one sort by (group, value) and one weighted :func:`numpy.bincount` give every group's
    sum of pairwise differences in O(N log N).
    """
    import numpy as np

    values = np.asarray(values, dtype=float)
    codes = np.asarray(codes, dtype=np.intp)
    n_groups = int(codes.max()) + 1 if len(codes) else 0
    order = np.lexsort((values, codes))
    sorted_values = values[order]
    sorted_codes = codes[order]
    counts = np.bincount(sorted_codes, minlength=n_groups)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    rank = np.arange(len(sorted_values)) - starts[sorted_codes]
    weights = 2.0 * rank - counts[sorted_codes] + 1.0
    totals = np.bincount(sorted_codes, weights=sorted_values * weights, minlength=n_groups)
    pairs = counts * (counts - 1) / 2.0
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(pairs > 0, totals / np.where(pairs > 0, pairs, 1.0), np.nan)
