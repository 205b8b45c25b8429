"""Association measures on arrays: Cramér's V and the mean absolute pairwise difference."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


def cramers_v(a: Any, b: Any) -> float:
    """Cramér's V of two categorical arrays: ``sqrt(χ² / (n·(min(r, c) − 1)))``."""
    import numpy as np
    import pandas as pd

    table = pd.crosstab(np.asarray(a), np.asarray(b)).to_numpy(float)
    n = table.sum()
    k = min(table.shape) - 1
    if n == 0 or k < 1:
        return float("nan")
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / n
    chi2 = float(((table - expected) ** 2 / expected).sum())
    return float(np.sqrt(chi2 / (n * k)))


def mean_abs_difference(ratings: pd.Series) -> float:
    """Mean |x_i − x_j| over the pairs i < j."""
    import numpy as np

    values = ratings.to_numpy(float)
    upper = np.triu_indices(len(values), 1)
    return float(np.mean(np.abs(values[:, None] - values[None, :])[upper]))
