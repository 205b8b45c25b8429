"""Small-group suppression for everything published (factsheet, its tables and figures).

Rule: a statistic that rests on fewer than ``min_cell`` respondents (the config's
``report.min_cell``, default 5) is not shown. For a comparison row that is every mean, SD,
difference and test when either group has fewer than ``min_cell`` answers (counts stay: a
count is not an answer); for a distribution it is the whole bar of that group; for a vignette
group, all of its estimates. Suppressed cells become empty (NaN) and the row's ``note`` says
why, so a reader sees that something was left out, and the factsheet adds a sentence.

Respondent-level tables (scores, unmatched ids) are never published at all.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..analyses.vignette_checks import RESPONDENT_ID_CHECKS
from ..names import ALL

if TYPE_CHECKING:
    import pandas as pd

    from ..analyses.compare import Comparison
    from ..analyses.scales import Reliability
    from ..analyses.vignette import VignetteResult

SUPPRESSED = "suppressed: fewer than {min_cell} respondents"

# columns that hold counts or identify the row: never suppressed
_KEEP = {"variable", "label", "group_1", "group_2", "n_1", "n_2", "n_pairs", "scale",
         "reversed", "note", "item", "group", "factor", "level", "term", "model",
         "n_ratings", "n_respondents", "value", "value_label", "converged"}


def _blank(table: pd.DataFrame, mask: Any, min_cell: int) -> pd.DataFrame:
    import numpy as np

    table = table.copy()
    if not mask.any():
        return table
    for column in table.columns:
        if column in _KEEP:
            continue
        if table[column].dtype.kind in "fiu":
            table[column] = table[column].astype(float)
            table.loc[mask, column] = np.nan
        elif table[column].dtype.kind == "b":
            table[column] = table[column].astype(object)
            table.loc[mask, column] = None
    note = SUPPRESSED.format(min_cell=min_cell)
    if "note" in table.columns:
        old = table.loc[mask, "note"].fillna("").astype(str)
        table.loc[mask, "note"] = [f"{o}; {note}" if o else note for o in old]
    else:
        table["note"] = ""
        table.loc[mask, "note"] = note
    return table


def suppress_comparison(result: Comparison, min_cell: int) -> tuple[Comparison, int]:
    """The comparison with rows resting on a group of fewer than ``min_cell`` blanked, and
    the number of rows (scales + items) that were."""
    def small(table: pd.DataFrame) -> Any:
        if "n_pairs" in table.columns:
            return table["n_pairs"] < min_cell
        return (table["n_1"] < min_cell) | (table["n_2"] < min_cell)

    scales_mask = small(result.scales)
    items_mask = small(result.items)
    distribution = result.distribution
    if len(distribution):
        totals = distribution.groupby(["item", "group"])["n"].transform("sum")
        distribution = distribution[totals >= min_cell].reset_index(drop=True)
    suppressed = replace(result, scales=_blank(result.scales, scales_mask, min_cell),
                         items=_blank(result.items, items_mask, min_cell),
                         distribution=distribution, unmatched=None)
    return suppressed, int(scales_mask.sum() + items_mask.sum())


def suppress_groups(table: pd.DataFrame, small_groups: set[str], min_cell: int,
                    column: str = "group") -> pd.DataFrame:
    """Blank the estimates of the rows of ``table`` that belong to one of ``small_groups``."""
    if column not in table.columns or not small_groups:
        return table
    return _blank(table, table[column].astype(str).isin(small_groups), min_cell)


def protect_reliability(result: Reliability, groups: tuple[str, ...], min_cell: int
                        ) -> tuple[Reliability, set[str]]:
    """Reliability per measurement with the groups (among ``groups``) in which fewer than
    ``min_cell`` respondents have a scale score blanked, and their answer distributions
    dropped; returns the protected tables and the small groups."""
    table = result.reliability

    def enough(group: str) -> bool:
        rows = table[table["group"] == group]
        return bool(len(rows)) and int(rows["n_scored"].max()) >= min_cell

    small = {code for code in groups if not enough(code)}
    distribution = suppress_groups(result.distribution, small, min_cell)
    distribution = distribution[~distribution["group"].astype(str).isin(small)]
    return replace(result, reliability=suppress_groups(table, small, min_cell),
                   items=suppress_groups(result.items, small, min_cell),
                   distribution=distribution.reset_index(drop=True)), small


def protect_vignette(result: VignetteResult, min_cell: int) -> tuple[VignetteResult, int]:
    """Blank the rows of groups with fewer than ``min_cell`` respondents, and empty the
    ``note`` of the design checks whose note lists respondent ids (a field, not a pattern);
    returns the protected result and the number of rows blanked."""
    fit = result.fit
    small = {str(g) for g, n in zip(fit["group"], fit["n_respondents"], strict=True)
             if g != ALL and n < min_cell}
    tables = {}
    for name in ("coefficients", "fit", "marginal_means", "interactions", "influence"):
        table = getattr(result, name)
        tables[name] = None if table is None else suppress_groups(table, small, min_cell)
    design = result.design.copy()
    design.loc[design["check"].isin(RESPONDENT_ID_CHECKS), "note"] = None
    count = sum(int(t["group"].astype(str).isin(small).sum())
                for t in tables.values() if t is not None and "group" in t.columns)
    return replace(result, design=design, **tables), count
