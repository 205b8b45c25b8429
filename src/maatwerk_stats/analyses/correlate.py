"""Descriptives and the correlation table of a survey (``maatwerk-stats correlate``,
DESIGN.md §4 ``correlate``, §5 "Surveys in teams").

Pearson, pairwise complete, Fisher-z CI, t on n − 2 df, Holm over the table; with a team
column also within-team (team-mean-centred) and between-team (team means weighted by team
size) correlations: :mod:`maatwerk_stats.stats.correlation` (``cor.test``,
``psych::corr.test``, ``psych::statsBy``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import DataError
from ..notes import Note, warning
from ..prepare.teams import SurveyData

if TYPE_CHECKING:
    import pandas as pd

    from ..stats.correlation import CorrelationTable

DESCRIPTIVE_COLUMNS = ["variable", "label", "n", "mean", "sd", "min", "max", "value_labels"]
CORRELATION_COLUMNS = ["variable_1", "variable_2", "label_1", "label_2", "n", "r", "conf_low",
                       "conf_high", "p_value", "p_adjusted"]


@dataclass(frozen=True)
class Correlations:
    descriptives: pd.DataFrame
    correlations: pd.DataFrame
    within: pd.DataFrame | None = None
    between: pd.DataFrame | None = None
    n_teams: int | None = None
    notes: tuple[Note, ...] = ()

    def tables(self) -> dict[str, pd.DataFrame]:
        out = {"descriptives": self.descriptives, "correlations": self.correlations}
        if self.within is not None and self.between is not None:
            out["correlations_within"] = self.within
            out["correlations_between"] = self.between
        return out


def _pair_rows(table: CorrelationTable, names: list[str], labels: dict[str, str],
               adjust: str) -> pd.DataFrame:
    import pandas as pd

    from ..stats.correlation import pairs
    from ..stats.twosample import adjust_p

    index = pairs(len(names))
    rows = [{"variable_1": names[i], "variable_2": names[j], "label_1": labels[names[i]],
             "label_2": labels[names[j]], "n": int(table.n[i, j]), "r": float(table.r[i, j]),
             "conf_low": float(table.conf_low[i, j]), "conf_high": float(table.conf_high[i, j]),
             "p_value": float(table.p_value[i, j])} for i, j in index]
    adjusted = adjust_p([row["p_value"] for row in rows], adjust)
    for row, p in zip(rows, adjusted, strict=True):
        row["p_adjusted"] = p
    return pd.DataFrame(rows, columns=CORRELATION_COLUMNS)


def describe_value_labels(value_labels: dict[float, str]) -> str:
    """``0 = man, 1 = vrouw``: how a dummy or coded column is read."""
    return ", ".join(f"{int(k) if float(k).is_integer() else k} = {v}"
                     for k, v in sorted(value_labels.items()))


def correlate(data: SurveyData, variables: list[str] | None = None, adjust: str = "holm",
              min_cell: int | None = None) -> Correlations:
    """Descriptives (n, mean, sd, min, max) and the pairwise correlations of ``variables``
    (default: every variable of ``data``), within and between teams when ``data`` has teams.

    With ``min_cell`` the between-team correlations use only the teams whose means ``teams``
    publishes for every one of the variables (:func:`.teams.published_teams`: at least
    ``min_cell`` members, with complementary suppression): correlations of all team means,
    beside the published team means and the overall means, are equations in the hidden
    teams' means (with four scales, ten equations in eight unknowns), so they could be
    solved for them."""
    import numpy as np
    import pandas as pd

    from ..stats.correlation import pearson_table, within_between

    names = list(variables or data.values.columns)
    if len(names) < 2:
        raise DataError(en="a correlation table needs at least two variables.",
                        nl="een correlatietabel vraagt minstens twee variabelen.")
    values = data.values[names]
    labels = {n: data.labels.get(n, n) for n in names}
    notes: list[Note] = list(data.notes)
    rows = []
    for name in names:
        column = values[name].dropna()
        rows.append({"variable": name, "label": labels[name], "n": int(column.size),
                     "mean": float(column.mean()) if column.size else np.nan,
                     "sd": float(column.std(ddof=1)) if column.size > 1 else np.nan,
                     "min": float(column.min()) if column.size else np.nan,
                     "max": float(column.max()) if column.size else np.nan,
                     "value_labels": describe_value_labels(dict(data.value_labels.get(name, {})))
                     if column.size and column.nunique() <= 2 else ""})
        if column.size > 1 and column.nunique() < 2:
            notes.append(warning("constant_variable",
                                 f"variable {name} has the same value for everyone; its "
                                 "correlations are undefined (left empty).", subject=name))
    descriptives = pd.DataFrame(rows, columns=DESCRIPTIVE_COLUMNS)
    correlations = _pair_rows(pearson_table(values.to_numpy(float)), names, labels, adjust)
    within = between = None
    n_teams = None
    if data.teams is not None:
        codes, order = data.team_codes()
        keep = (codes >= 0).to_numpy()
        between_teams = None
        if min_cell is not None:
            from .teams import published_teams

            n_order = len(order)
            between_teams = np.ones(n_order, bool)
            for name in names:
                n, published = published_teams(values[name].to_numpy(float), codes.to_numpy(),
                                               n_order, min_cell)
                between_teams &= published | (n == 0)
            left_out = int((~between_teams).sum())
            if left_out:
                notes.append(Note(
                    "between_teams_published",
                    f"between-team correlations over the {n_order - left_out} teams whose "
                    f"means are published (at least {min_cell} members); {left_out} team(s) "
                    "left out.", values={"n_teams": n_order - left_out, "left_out": left_out,
                                         "min_cell": min_cell}))
        result = within_between(values.to_numpy(float)[keep], codes.to_numpy()[keep],
                                between_teams=between_teams)
        n_teams = result.n_teams
        within = _pair_rows(result.within, names, labels, adjust)
        between = _pair_rows(result.between, names, labels, adjust)
        sizes = np.bincount(codes.to_numpy()[keep])
        if (sizes < 2).any() and (min_cell is None or min_cell < 2):
            notes.append(warning(
                "single_member_teams_correlations",
                f"{int((sizes < 2).sum())} team(s) have only one member: they add nothing "
                "within teams and count fully between teams.",
                values={"n_teams": int((sizes < 2).sum())}))
        if n_teams < 4:
            notes.append(warning(
                "few_teams", f"only {n_teams} teams: between-team correlations rest on "
                f"{n_teams} team means and are not interpretable.", values={"n_teams": n_teams}))
    return Correlations(descriptives=descriptives, correlations=correlations, within=within,
                        between=between, n_teams=n_teams, notes=tuple(notes))
