"""Respondent-level covariates and moderators for the extended vignette model.

A covariate is a property of the respondent (age, experience, organisation), so it must have
one value per respondent: taken from the vignette file itself (long data: constant over a
respondent's rows) or from another file, such as the questionnaire, matched on the id.
Numbers stay numbers; any other column is categorical (treatment coding against its first
value in sorted order, as R's ``factor()``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import DataError, did_you_mean, quoted_list

if TYPE_CHECKING:
    import pandas as pd


def respondent_covariates(frame: pd.DataFrame, id_column: str, columns: Sequence[str],
                          source: str) -> pd.DataFrame:
    """One row per respondent id (the index, as text codes), one column per covariate:
    float for numeric columns, text otherwise (missing stays missing)."""
    import pandas as pd

    from ..io.dataset import code_texts

    wanted = [id_column, *columns]
    for column in wanted:
        if column not in frame.columns:
            near = did_you_mean(column, list(frame.columns))
            nearest = f"; nearest column names: {', '.join(near)}" if near else ""
            nearest_nl = f"; kolomnamen die erop lijken: {', '.join(near)}" if near else ""
            what = "id column" if column == id_column else "covariate"
            what_nl = "id-kolom" if column == id_column else "covariaat"
            raise DataError(en=f"{what} {column!r} is not a column of {source}{nearest}.",
                            nl=f"{what_nl} {column!r} is geen kolom van {source}{nearest_nl}.")
    ids = code_texts(frame[id_column])
    table = pd.DataFrame({"_id": ids.to_numpy()})
    for column in columns:
        values = frame[column]
        numeric = pd.to_numeric(values, errors="coerce")
        if (numeric.notna() | values.isna()).all():
            table[column] = numeric.astype(float).to_numpy()
        else:
            table[column] = code_texts(values).to_numpy()
    table = table[table["_id"].notna()]
    varying = table.groupby("_id", sort=False)[list(columns)].nunique(dropna=True)
    for column in columns:
        bad = int((varying[column] > 1).sum())
        if bad:
            raise DataError(
                en=f"covariate {column!r} of {source} takes more than one value for "
                f"{bad} respondent(s); a covariate or moderator is a property of "
                "the respondent, with one value per respondent.",
                nl=f"covariaat {column!r} van {source} heeft meer dan één waarde bij {bad} "
                "respondent(en); een covariaat of moderator is een kenmerk van de respondent, "
                "met één waarde per respondent.")
    first = table.groupby("_id", sort=False)[list(columns)].first()
    first.index.name = None
    return first


def merge_covariates(*tables: pd.DataFrame) -> pd.DataFrame:
    """Covariates from several sources side by side (outer join on the id); a column in two
    sources is an error."""
    import pandas as pd

    seen: set[str] = set()
    for table in tables:
        twice = seen & set(table.columns)
        if twice:
            names = sorted(twice)
            raise DataError(
                en=f"covariate {quoted_list(names)} is in more than one file; "
                "name each covariate once.",
                nl=f"covariaat {quoted_list(names, lang='nl')} staat in meer dan één bestand; "
                "noem elke covariaat één keer.")
        seen |= set(table.columns)
    return pd.concat(tables, axis=1, join="outer")
