"""Design diagnostics of a vignette study: ``vignette_design.csv``.

One tidy long table, one number per row, columns ``check, factor, level, factor_2, group,
value, note`` (``factor``/``level``/``factor_2`` empty where they do not apply; ``group`` is
``all`` or a group code). The checks:

=================================  =============================================================
check                              value
=================================  =============================================================
``n_ratings``                      ratings analysed
``n_respondents``                  respondents analysed
``n_missing_ratings``              ratings left empty (by respondents who rated something)
``respondents_dropped``            respondents without any rating, left out (ids in ``note``)
``respondents_excluded``           straight-liners left out with ``--exclude-straightliners``
``ratings_per_respondent_min``     fewest ratings of one respondent (also ``_median``, ``_max``)
``level_frequency``                ratings of ``factor`` at ``level``
``level_share``                    the same as a share of the group's ratings (0–1)
``factor_association``             Cramér's V between ``factor`` and ``factor_2`` over the
                                   ratings: 0 = the factors vary independently (orthogonal);
                                   for two two-level factors it is |r| of their dummies
``repeated_vignettes``             respondents who rated the same combination of levels more
                                   than once (e.g. a repeated vignette as consistency check)
``repeated_vignettes_mean_abs_diff``  mean absolute difference between such repeated ratings
``repeated_vignettes_identical``   share of those repeats rated identically (0–1)
``straightliners``                 respondents with ≥ 2 ratings, all equal (ids in ``note``)
``ceiling_share``                  share of ratings at the scale maximum (``outcome_range``;
                                   without it the highest rating observed, said in ``note``)
``floor_share``                    share of ratings at the scale minimum (likewise)
``position_effect``                order effect: slope per position of ``position`` added as a
                                   covariate to the all-ratings model (``note``: model, SE, df)
``position_effect_p``              its p-value
=================================  =============================================================
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ..names import ALL
from ..prepare.ratings import GROUP, RATING, RESPONDENT, VignetteData
from ..stats.association import cramers_v, cramers_v_of_codes, grouped_mean_abs_difference
from .vignette_rows import RatedRows, is_level

DESIGN_COLUMNS = ["check", "factor", "level", "factor_2", "group", "value", "note"]
# the checks whose ``note`` lists respondent ids (never published: see publish/privacy.py)
RESPONDENT_ID_CHECKS = ("respondents_dropped", "respondents_excluded", "straightliners")

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


def diagnostics_table(data: VignetteData, ratings: pd.DataFrame, rated: RatedRows,
                      flat: tuple[str, ...], excluded: tuple[str, ...],
                      position_test: dict[str, Any] | None) -> pd.DataFrame:
    """The diagnostics (module docstring). ``ratings``: rows kept for analysis including
    empty ratings; ``rated``: the rated rows analysed, counted per group
    (:class:`.vignette_rows.RatedRows`: a group's rows are taken column by column, never as a
    copy of the whole frame); ``flat``: straight-liners found (before any exclusion);
    ``excluded``: those left out."""
    return design_table(design_rows(data, ratings, rated, flat, excluded), position_test)


def design_table(rows: list[dict[str, Any]], position_test: dict[str, Any] | None
                 ) -> pd.DataFrame:
    """``vignette_design.csv``: the checks of :func:`design_rows`, then the order effect
    (which needs the primary model, known only after the fits)."""
    import pandas as pd

    rows = list(rows)
    if position_test is not None:
        note = (f"{position_test['model']}; SE {position_test['std_error']:.4g}, "
                f"df {position_test['df']:.4g}, {position_test['n_ratings']} ratings")
        for check, key in (("position_effect", "estimate"), ("position_effect_p", "p_value")):
            rows.append({"check": check, "factor": None, "level": None, "factor_2": None,
                         "group": ALL, "value": float(position_test[key]), "note": note})
    return pd.DataFrame(rows, columns=DESIGN_COLUMNS)


def design_rows(data: VignetteData, ratings: pd.DataFrame, rated: RatedRows,
                flat: tuple[str, ...], excluded: tuple[str, ...]) -> list[dict[str, Any]]:
    """The rows of :func:`diagnostics_table` but the order effect: they need no model fit
    (``analyse`` computes them while the pooled and order-effect models are fitted)."""
    import numpy as np
    import pandas as pd

    rows: list[dict[str, Any]] = []

    def add(check: str, value: float, group: str = ALL, factor: str | None = None,
            level: str | None = None, factor_2: str | None = None,
            note: str | None = None) -> None:
        rows.append({"check": check, "factor": factor, "level": level, "factor_2": factor_2,
                     "group": group, "value": float(value), "note": note})

    groups = [ALL, *(data.groups or ())]
    names = [f.name for f in data.factors]
    frame = rated.frame
    kept_missing = ratings[RATING].isna().to_numpy()
    for group in groups:
        in_kept = None if group == ALL else is_level(ratings[GROUP], group)
        n_part = rated.n_ratings(group)
        kept_respondents = _respondents_present(ratings[RESPONDENT], in_kept, flat)
        add("n_ratings", n_part, group)
        add("n_respondents", rated.n_respondents(group), group)
        add("n_missing_ratings", int(kept_missing.sum() if in_kept is None
                                     else kept_missing[in_kept].sum()), group)
        if group == ALL:
            add("respondents_dropped", len(data.dropped_respondents),
                note=", ".join(data.dropped_respondents) or None)
            if excluded:
                add("respondents_excluded", len(excluded), note=", ".join(excluded))
        per = rated.ratings_per_respondent(group)
        add("ratings_per_respondent_min", per.min(), group)
        add("ratings_per_respondent_median", np.median(per), group)
        add("ratings_per_respondent_max", per.max(), group)
        for factor in data.factors:
            counts = rated.level_counts(factor, group)
            for level in factor.levels:
                add("level_frequency", int(counts.get(level, 0)), group, factor.name, level)
            for level in factor.levels:
                add("level_share", counts.get(level, 0) / n_part, group, factor.name, level)
        part = pd.DataFrame({key: rated.take(key, group) for key in [RESPONDENT, *names]})
        coded = _factor_codes(part, names)  # the factors' codes, when few and none missing
        associations = (cramers_v_of_codes(*coded) if coded is not None else {})
        for i, first in enumerate(names):
            for j, second in enumerate(names[i + 1:], start=i + 1):
                value = (associations[i, j] if coded is not None
                         else cramers_v(part[first], part[second]))
                add("factor_association", value, group, first,
                    factor_2=second, note="Cramér's V; 0 = orthogonal")
        combination = combination_keys(part, [RESPONDENT, *names])
        sizes = np.bincount(combination)
        repeated = sizes[combination] > 1
        add("repeated_vignettes", _n_distinct(part[RESPONDENT], repeated), group,
            note="respondents who rated a combination of levels more than once")
        values = rated.take(RATING, group).to_numpy(float)
        if repeated.any():
            # the repeated combinations only, renumbered 0..R-1 in order of first appearance
            codes = pd.factorize(combination[repeated])[0]
            repeat_ratings = values[repeated]
            spread = grouped_mean_abs_difference(repeat_ratings, codes)
            lowest = np.full(codes.max() + 1, np.inf)
            highest = np.full(codes.max() + 1, -np.inf)
            np.minimum.at(lowest, codes, repeat_ratings)
            np.maximum.at(highest, codes, repeat_ratings)
            add("repeated_vignettes_mean_abs_diff", spread.mean(), group,
                note="mean |difference| over all pairs of repeated ratings")
            add("repeated_vignettes_identical", (lowest == highest).mean(), group,
                note="share of repeated combinations rated identically")
        in_group = [r for r in flat if r in kept_respondents] if flat else []
        add("straightliners", len(in_group), group, note=", ".join(in_group) or None)
        if data.outcome_range is not None:
            low, high = data.outcome_range
            note_max = note_min = None
        else:
            low, high = float(frame[RATING].min()), float(frame[RATING].max())
            note_max = "no outcome_range: share at the highest rating observed"
            note_min = "no outcome_range: share at the lowest rating observed"
        add("ceiling_share", float((values == high).mean()), group, note=note_max)
        add("floor_share", float((values == low).mean()), group, note=note_min)
    return rows


def _respondents_present(respondents: pd.Series, rows: np.ndarray | None,
                         flat: tuple[str, ...]) -> set[str] | _Present:
    """The respondents of ``rows`` (all with None) among whom the straight-liners ``flat``
    are looked up: ``set(respondents[rows].unique())``; of a categorical, the categories
    that occur, from a count of codes (membership as ``in``). Empty without ``flat``."""
    import numpy as np
    import pandas as pd

    if not flat:
        return set()
    if not isinstance(respondents.dtype, pd.CategoricalDtype):
        return set((respondents if rows is None else respondents[rows]).unique())
    codes = respondents.cat.codes.to_numpy()
    codes = codes if rows is None else codes[rows]
    counts = np.bincount(codes.astype(np.intp) + 1,
                         minlength=len(respondents.cat.categories) + 1)
    return _Present(respondents.cat.categories, counts[1:] > 0)


class _Present:
    """The categories of a categorical that occur: ``text in present``."""

    def __init__(self, categories: pd.Index, occurs: np.ndarray) -> None:
        self.categories, self.occurs = categories, occurs

    def __contains__(self, text: object) -> bool:
        try:
            where = self.categories.get_loc(text)
        except KeyError:
            return False
        return bool(self.occurs[where])


def _factor_codes(part: pd.DataFrame, names: list[str]
                  ) -> tuple[list[np.ndarray], list[int]] | None:
    """The codes and category counts of the factor columns ``names`` of ``part`` when each
    is a categorical of at most 64 categories without a missing value (the case in which
    :func:`~maatwerk_stats.stats.association.cramers_v` tabulates the codes) and their joint
    table (:func:`~maatwerk_stats.stats.association.cramers_v_of_codes`, one cell per
    combination of levels) is not larger than about four cells per rating, else None (each
    pair is then tabulated on its own: eight factors of ten levels would be 10⁸ cells)."""
    import math

    import pandas as pd

    codes, sizes = [], []
    for name in names:
        values = part[name]
        if not isinstance(values.dtype, pd.CategoricalDtype) or len(
                values.cat.categories) > 64:
            return None
        column = values.cat.codes.to_numpy()
        if len(column) and column.min() < 0:
            return None
        codes.append(column)
        sizes.append(len(values.cat.categories))
    if not codes or math.prod(sizes) > max(4 * len(part), 2**16):
        return None
    return codes, sizes


def _n_distinct(values: pd.Series, rows: np.ndarray) -> int:
    """``values[rows].nunique()``; of a categorical, the codes that occur there."""
    import numpy as np
    import pandas as pd

    if not isinstance(values.dtype, pd.CategoricalDtype):
        return int(values[rows].nunique())
    codes = values.cat.codes.to_numpy()[rows]
    codes = codes[codes >= 0]
    return int(np.count_nonzero(np.bincount(codes.astype(np.intp)))) if len(codes) else 0


def combination_keys(frame: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """One non-negative integer per distinct combination of the key columns, small enough
    for :func:`numpy.bincount`: categorical codes combined in mixed radix when there are at
    most a few times as many combinations possible as rows (the respondent × levels of a
    vignette study), else :func:`combination_codes`."""
    import numpy as np
    import pandas as pd

    columns = [frame[key] for key in keys]
    if all(isinstance(c.dtype, pd.CategoricalDtype) for c in columns) and math.prod(
            max(len(c.cat.categories), 1) for c in columns) <= max(4 * len(frame), 2**16):
        combined = np.zeros(len(frame), dtype=np.int64)
        for column in columns:
            codes = column.cat.codes.to_numpy()
            if (codes < 0).any():
                break
            combined = combined * len(column.cat.categories) + codes
        else:
            return combined
    return combination_codes(frame, keys)


def combination_codes(frame: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """``frame.groupby(keys, sort=False).ngroup()`` as an array: one number per distinct
    combination of the key columns, in order of first appearance. Categorical keys without
    missing values are combined from their integer codes (mixed radix) and factorised once;
    anything else goes through ``groupby``."""
    import numpy as np
    import pandas as pd

    columns = [frame[key] for key in keys]
    if not all(isinstance(c.dtype, pd.CategoricalDtype) for c in columns) or math.prod(
            max(len(c.cat.categories), 1) for c in columns) >= 2**62:
        return frame.groupby(keys, sort=False).ngroup().to_numpy()
    combined = np.zeros(len(frame), dtype=np.int64)
    for column in columns:
        codes = column.cat.codes.to_numpy().astype(np.int64)
        if (codes < 0).any():
            return frame.groupby(keys, sort=False).ngroup().to_numpy()
        combined = combined * len(column.cat.categories) + codes
    return pd.factorize(combined)[0]
