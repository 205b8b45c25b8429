"""The codebook: one row per variable with its labels, missing codes and counts.

Text columns show how many distinct answers they hold, never the answers themselves (open
answers can identify people).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from .dataset import Dataset

CODEBOOK_COLUMNS = ["variable", "label", "type", "measure", "value_labels", "missing_codes",
                    "n_valid", "n_missing", "n_user_missing", "n_distinct", "min", "max"]


def _code(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _label_order(item: tuple[object, str]) -> tuple[int, float, str]:
    code = item[0]
    if isinstance(code, int | float):
        return 0, float(code), ""
    return 1, 0.0, str(code)


def codebook(dataset: Dataset) -> pd.DataFrame:
    """Variables of ``dataset`` with label, type, value labels, user-missing codes, n valid,
    n missing (of which user-missing), number of distinct values, min and max."""
    import pandas as pd

    rows = []
    for column in dataset.frame.columns:
        series = dataset.frame[column]
        variable = dataset.variable(column)
        numeric = bool(pd.api.types.is_numeric_dtype(series))
        valid = series.dropna()
        missing = [_code(c) for c in variable.missing_codes]
        missing += [f"{_code(lo)} thru {_code(hi)}" for lo, hi in variable.missing_ranges]
        rows.append({
            "variable": column,
            "label": variable.label or "",
            "type": "numeric" if numeric else "text",
            "measure": variable.measure or "",
            "value_labels": "; ".join(f"{_code(k)} = {v}" for k, v in
                                      sorted(variable.value_labels.items(), key=_label_order)),
            "missing_codes": ", ".join(missing),
            "n_valid": int(valid.size),
            "n_missing": int(series.size - valid.size),
            "n_user_missing": variable.n_user_missing,
            "n_distinct": int(valid.nunique()),
            "min": float(valid.min()) if numeric and valid.size else float("nan"),
            "max": float(valid.max()) if numeric and valid.size else float("nan"),
        })
    return pd.DataFrame(rows, columns=CODEBOOK_COLUMNS)
