"""Groups a vignette model cannot say anything about: one respondent, or ratings that never
vary.

With a single respondent in a group, the group's simple effects are that person's own
differences in rating. Clustered by respondent, their standard error is (numerically) zero:
the group's own parameters fit that one cluster exactly, so its score contribution to them is
zero, and ``p`` comes out as 0 or 1e-140, which looks like a strong finding. The mixed
model's standard error there measures one person's consistency, not the group. Neither is a
statement about the group.

A group whose ratings are all the same has effects of 0 (± rounding, 1e-15) with a clustered
standard error of 0 as well, and p-values such as 1e-86 for an effect of −3e-15.

So the rows of such a group (coefficients, marginal means, influence with its label, and
the interactions that compare it with the reference group — all of them when the reference
group is the one) keep their keys and counts but lose every estimate, with a ``note`` saying
why, and the result carries a warning (printed and saved in ``results.json``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..notes import warning
from .vignette_rows import RatedRows

if TYPE_CHECKING:
    import pandas as pd

# ``result`` below is an analyses.vignette.VignetteResult (not imported: that module calls this)

# fewer respondents than this in a group: no estimate for the group
MIN_GROUP_RESPONDENTS = 2
NOTE = "{why} in this group: no estimate"
NOTE_REFERENCE = "{why} in the reference group: no estimate"
ONE_RESPONDENT = "one respondent"
CONSTANT = "every rating the same"
_ESTIMATES = ("estimate", "std_error", "statistic", "df", "p_value", "conf_low", "conf_high",
              "label", "level")


def _empty(table: pd.DataFrame, mask: Any, why: str) -> pd.DataFrame:
    """Blank the estimates of the rows in ``mask``; ``level`` only in the influence table
    (where it is the level chosen by the estimate; elsewhere it names the row)."""
    import numpy as np

    if not mask.any():
        return table
    table = table.copy()
    for column in _ESTIMATES:
        if column not in table.columns or (column == "level" and "label" not in table.columns):
            continue
        if column in ("label", "level"):
            table[column] = table[column].astype(object)
            table.loc[mask, column] = None
        else:
            table[column] = table[column].astype(float)
            table.loc[mask, column] = np.nan
    old = (table["note"].astype(object).where(table["note"].notna(), "")
           if "note" in table.columns else None)
    table["note"] = None if old is None else table["note"].astype(object)
    table.loc[mask, "note"] = [f"{o}; {why}" if o else why
                               for o in (old[mask] if old is not None else [""] * mask.sum())]
    return table


def guard_degenerate_groups(result: Any, rated: RatedRows) -> Any:
    """``result`` with the groups (of the analysed ratings ``rated``) of fewer than
    :data:`MIN_GROUP_RESPONDENTS` respondents or with one rating value only emptied (module
    docstring) and a warning per such group; unchanged without them."""
    if result.study.groups is None:
        return result
    respondents = {code: rated.n_respondents(code) for code in result.study.groups}
    values = {code: rated.n_distinct_ratings(code) for code in result.study.groups}
    why = {}
    for code in result.study.groups:
        if respondents.get(code, 0) < MIN_GROUP_RESPONDENTS:
            why[code] = ONE_RESPONDENT
        elif values.get(code, 0) < 2:
            why[code] = CONSTANT
    if not why:
        return result

    def rows(table: pd.DataFrame, code: str) -> Any:
        return table["group"].astype(str) == code

    tables = {name: getattr(result, name) for name in
              ("coefficients", "marginal_means", "influence", "interactions")}
    warnings = []
    reference = result.study.groups[0]
    for code, reason in why.items():
        for name, table in tables.items():
            if table is None:
                continue
            if name == "interactions" and code == reference:
                tables[name] = _empty(table, ~table["group"].astype(str).isin(why),
                                      NOTE_REFERENCE.format(why=reason))
                table = tables[name]
            tables[name] = _empty(table, rows(table, code), NOTE.format(why=reason))
        detail = ("has only one respondent: its effects would be that person's own ratings, "
                  "with a standard error of (almost) zero" if reason == ONE_RESPONDENT else
                  "has ratings that never vary (every rating the same): its effects are 0 "
                  "with a standard error of (almost) zero")
        warnings.append(warning(
            "degenerate_group",
            f"group {code!r} {detail}, so they are left empty (also its influence labels "
            "and its interactions). Groups need at least two respondents whose ratings vary, "
            "preferably many more.", subject=code,
            values={"n_respondents": int(respondents.get(code, 0)), "reason": reason}))
    return replace(result, **tables, warnings=(*result.warnings, *warnings))
