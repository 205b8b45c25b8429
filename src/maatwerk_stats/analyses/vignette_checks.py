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
from ..stats.association import cramers_v, grouped_mean_abs_difference

DESIGN_COLUMNS = ["check", "factor", "level", "factor_2", "group", "value", "note"]
# the checks whose ``note`` lists respondent ids (never published: see publish/privacy.py)
RESPONDENT_ID_CHECKS = ("respondents_dropped", "respondents_excluded", "straightliners")

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


def diagnostics_table(data: VignetteData, ratings: pd.DataFrame, frame: pd.DataFrame,
                 flat: tuple[str, ...], excluded: tuple[str, ...],
                 position_test: dict[str, Any] | None) -> pd.DataFrame:
    """The diagnostics (module docstring). ``ratings``: rows kept for analysis including
    empty ratings; ``frame``: the rated rows analysed; ``flat``: straight-liners found (before
    any exclusion); ``excluded``: those left out."""
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
    for group in groups:
        part = frame if group == ALL else frame[frame[GROUP] == group]
        kept = ratings if group == ALL else ratings[ratings[GROUP] == group]
        kept_respondents = set(kept[RESPONDENT].unique()) if flat else set()
        add("n_ratings", len(part), group)
        add("n_respondents", part[RESPONDENT].nunique(), group)
        add("n_missing_ratings", int(kept[RATING].isna().sum()), group)
        if group == ALL:
            add("respondents_dropped", len(data.dropped_respondents),
                note=", ".join(data.dropped_respondents) or None)
            if excluded:
                add("respondents_excluded", len(excluded), note=", ".join(excluded))
        per = part.groupby(RESPONDENT, sort=False).size()
        add("ratings_per_respondent_min", per.min(), group)
        add("ratings_per_respondent_median", per.median(), group)
        add("ratings_per_respondent_max", per.max(), group)
        for factor in data.factors:
            counts = part[factor.name].value_counts()
            for level in factor.levels:
                add("level_frequency", int(counts.get(level, 0)), group, factor.name, level)
            for level in factor.levels:
                add("level_share", counts.get(level, 0) / len(part), group, factor.name, level)
        for i, first in enumerate(names):
            for second in names[i + 1:]:
                add("factor_association", cramers_v(part[first], part[second]), group, first,
                    factor_2=second, note="Cramér's V; 0 = orthogonal")
        keys = [RESPONDENT, *names]
        combination = combination_codes(part, keys)
        sizes = np.bincount(combination)
        repeated = sizes[combination] > 1
        add("repeated_vignettes", part.loc[repeated, RESPONDENT].nunique(), group,
            note="respondents who rated a combination of levels more than once")
        if repeated.any():
            # the repeated combinations only, renumbered 0..R-1
            codes = np.unique(combination[repeated], return_inverse=True)[1]
            repeat_ratings = part[RATING].to_numpy(float)[repeated]
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
        values = part[RATING]
        if data.outcome_range is not None:
            low, high = data.outcome_range
            note_max = note_min = None
        else:
            low, high = float(frame[RATING].min()), float(frame[RATING].max())
            note_max = "no outcome_range: share at the highest rating observed"
            note_min = "no outcome_range: share at the lowest rating observed"
        add("ceiling_share", float((values == high).mean()), group, note=note_max)
        add("floor_share", float((values == low).mean()), group, note=note_min)
    if position_test is not None:
        note = (f"{position_test['model']}; SE {position_test['std_error']:.4g}, "
                f"df {position_test['df']:.4g}, {position_test['n_ratings']} ratings")
        add("position_effect", position_test["estimate"], note=note)
        add("position_effect_p", position_test["p_value"], note=note)
    return pd.DataFrame(rows, columns=DESIGN_COLUMNS)


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
