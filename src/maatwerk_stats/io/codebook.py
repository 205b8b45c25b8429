"""The codebook: one row per variable with its labels, missing codes and counts.

``values`` lists every answer with its count (value labels included; codes with a label but no
answers too), when a column holds at most :data:`MAX_VALUES` distinct answers and not (nearly)
all of its values are distinct (an id column: only the number of distinct values is shown, as
for a column with many; see :func:`_mostly_distinct`). Of a text column
only standard answers (:mod:`.likert`) and answers that at least :data:`MIN_SHOWN` respondents
gave are shown, the rest are counted (an open answer can identify a person; a shared answer is
a category, the list a ``value_map`` needs). Dates are typed ``date`` and never listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from .dataset import Dataset

CODEBOOK_COLUMNS = ["variable", "label", "type", "measure", "value_labels", "missing_codes",
                    "n_valid", "n_missing", "n_user_missing", "n_distinct", "min", "max",
                    "values"]
MAX_VALUES = 12
MIN_SHOWN = 5
NEARLY_ALL = 0.8  # a column with this share of distinct values (or more) is an id, not a category


@dataclass(frozen=True)
class ValueCount:
    """One answer of a column: its code (as text), value label (or None) and count."""

    code: str
    label: str | None
    n: int


@dataclass(frozen=True)
class ValueList:
    """The answers of a column with their counts; ``hidden`` answers (distinct texts given by
    fewer than :data:`MIN_SHOWN` respondents) and ``n_hidden`` respondents who gave them are
    counted, not shown. ``listed`` is False when the column has too many distinct values."""

    values: tuple[ValueCount, ...] = ()
    hidden: int = 0
    n_hidden: int = 0
    listed: bool = True


def _is_date(series: pd.Series) -> bool:
    import datetime

    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(series):
        return True
    if series.dtype != object:
        return False
    valid = series.dropna()
    return bool(valid.size) and bool(valid.map(
        lambda v: isinstance(v, datetime.date | datetime.time)).all())


def _mostly_distinct(counts: pd.Series, labelled: dict[object, str]) -> bool:
    """Whether (nearly) every value occurs once — at least :data:`MIN_SHOWN` distinct values,
    :data:`NEARLY_ALL` of the answers or more, no value labels: an id column (or an age, a
    date of birth) of a small file, respondent-level values each with count 1, so only their
    number is shown. Labelled codes are categories and always listed."""
    n_distinct, n_valid = len(counts), int(counts.sum())
    return not labelled and n_distinct >= MIN_SHOWN and n_distinct >= NEARLY_ALL * n_valid


def value_list(dataset: Dataset, column: str) -> ValueList:
    """The answers of ``column`` with counts (see the module docstring); computed with one
    ``value_counts``, not per respondent. Standard Likert answers and "weet niet" are shown
    however few gave them, in scale order."""
    import numpy as np
    import pandas as pd

    from .likert import normalise_answer

    series = dataset.frame[column]
    variable = dataset.variable(column)
    if _is_date(series):
        return ValueList(listed=False)
    counts = series.dropna().value_counts()
    numeric = bool(pd.api.types.is_numeric_dtype(series))
    labelled = {k: v for k, v in variable.value_labels.items()
                if not variable.is_user_missing(k)}
    codes = set(counts.index) | (set(labelled) if numeric else set())
    if len(codes) > MAX_VALUES or _mostly_distinct(counts, labelled):
        return ValueList(listed=False)
    if numeric:
        order = sorted(codes, key=float)
        return ValueList(tuple(ValueCount(_code(c), labelled.get(c), int(counts.get(c, 0)))
                               for c in order))
    from .likert import is_missing_answer, is_standard_answer, recognise

    texts = [str(c) for c in counts.index]
    standard = [is_standard_answer(t) or is_missing_answer(t) for t in texts]
    keep = (counts.to_numpy() >= MIN_SHOWN) | np.array(standard, dtype=bool)
    shown = counts[keep]
    rare = counts[~keep]
    families = recognise(t for t, ok in zip(texts, standard, strict=True) if ok)
    if families:  # the answers in scale order, then "weet niet" …, then the others
        rank = families[0].codes()
        shown = shown.iloc[sorted(range(len(shown)), key=lambda i: (
            rank.get(normalise_answer(shown.index[i]),
                     len(rank) + 1 if is_missing_answer(str(shown.index[i])) else len(rank) + 2),
            -int(shown.iloc[i])))]
    return ValueList(tuple(ValueCount(str(c), labelled.get(c), int(n))
                           for c, n in shown.items()),
                     hidden=int(rare.size), n_hidden=int(rare.sum()))


def values_text(values: ValueList, number: Callable[[int], str] = str) -> str:
    """``1 = oneens: 3; 2: 5; …`` (counts written by ``number``); empty when not listed."""
    if not values.listed:
        return ""
    parts = [f"{v.code}{' = ' + v.label if v.label else ''}: {number(v.n)}"
             for v in values.values]
    if values.hidden:
        parts.append(f"+{values.hidden} other: {number(values.n_hidden)}")
    return "; ".join(parts)


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
        date = _is_date(series)
        rows.append({
            "variable": column,
            "label": variable.label or "",
            "type": "date" if date else "numeric" if numeric else "text",
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
            "values": values_text(value_list(dataset, column)),
        })
    return pd.DataFrame(rows, columns=CODEBOOK_COLUMNS)
