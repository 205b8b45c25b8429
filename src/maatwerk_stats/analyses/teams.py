"""Is a team-level construct justified? ``maatwerk-stats teams`` (DESIGN.md §4 ``teams``, §5).

Per scale: rwg(j) per team against the uniform null over the scale's answer categories
(``multilevel::rwg.j``), their mean, median and share ≥ .70, and ICC(1)/ICC(2) of the scale
score from a one-way ANOVA by team (``multilevel::ICC1/ICC2``):
:mod:`maatwerk_stats.stats.agreement`. Team means per scale, with n, SD and rwg(j).

Small groups: the mean, SD and rwg(j) of a team with fewer than ``min_cell`` members are not
published (empty, ``suppressed`` = true), and the summaries of rwg(j) (mean, median, share)
use only the teams with at least ``min_cell`` members, so a small team's rwg(j) cannot be
recomputed from them (``n_teams_rwg`` says how many). ICC(1)/ICC(2) likewise use the
published teams only (``n_teams_icc``): ICC(1) and ICC(2) of every team, beside the overall
SD (which gives the total sum of squares) and the published teams' means and SDs, would give
the small teams' spread and their means back (two equations: the sums of squares between and
within teams). Over the published teams they are a function of published numbers alone.
Complementary suppression (:mod:`.small_groups`): when the respondents in small teams plus
those without a team are 1 to ``min_cell − 1``, the smallest published team is withdrawn
too, since any overall mean published elsewhere (``correlate``'s ``descriptives.csv``, a
factsheet) minus the published team means would give their mean back. Withdrawing a team
keeps every overall figure and all other teams; blanking the overall mean instead would
have to happen in every command that publishes one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import DataError
from ..notes import Note, warning
from ..prepare.teams import SurveyData
from .small_groups import complementary

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

AGREEMENT_COLUMNS = ["variable", "label", "n_teams", "n", "icc1", "icc2", "rwg_j_mean",
                     "rwg_j_median", "rwg_j_share_70", "n_teams_rwg", "n_items",
                     "null_variance", "n_teams_icc"]
TEAM_MEANS_COLUMNS = ["team", "variable", "label", "n", "mean", "sd", "conf_low", "conf_high",
                      "rwg_j", "suppressed"]


@dataclass(frozen=True)
class TeamAgreement:
    agreement: pd.DataFrame
    team_means: pd.DataFrame
    min_cell: int
    notes: tuple[Note, ...] = ()

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"team_agreement": self.agreement, "team_means": self.team_means}


def _constant_within_teams(score: np.ndarray, team: np.ndarray, n_teams: int) -> bool:
    """Whether every team with two or more values has one value only."""
    import numpy as np

    if not len(score):
        return False
    low = np.full(n_teams, np.inf)
    high = np.full(n_teams, -np.inf)
    np.minimum.at(low, team, score)
    np.maximum.at(high, team, score)
    counts = np.bincount(team, minlength=n_teams)
    several = counts > 1
    return bool(several.any() and np.all(high[several] - low[several] == 0))


def published_teams(score: np.ndarray, codes: np.ndarray, n_teams: int, min_cell: int
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Per team: its members with a value in ``score`` (every row; team code −1 = no team),
    and whether the team's statistics are published: at least ``min_cell`` of them, with
    complementary suppression (:func:`.small_groups.complementary`) for the rest."""
    import numpy as np

    present = ~np.isnan(score)
    teamed = codes >= 0
    n = np.bincount(codes[present & teamed], minlength=n_teams)
    outside = int((present & ~teamed).sum())
    return n, complementary(n, n >= min_cell, outside, min_cell)


def team_agreement(data: SurveyData, variables: list[str] | None = None, min_cell: int = 5
                   ) -> TeamAgreement:
    """Agreement and team means of ``variables`` (default: all of ``data``) by team."""
    import numpy as np
    import pandas as pd

    from ..stats.agreement import RWG_THRESHOLD, icc_oneway, rwg_j, uniform_null_variance
    from ..stats.twosample import mean_ci

    if data.teams is None:
        raise DataError(en="team agreement needs a team column: name it with --team or in the "
                        "config's [teams] table.",
                        nl="overeenstemming binnen teams vraagt een teamkolom: geef die met "
                        "--team of in de [teams]-tabel van de config.")
    codes, order = data.team_codes()
    keep = (codes >= 0).to_numpy()
    team = codes.to_numpy()[keep]
    if len(order) < 2:
        raise DataError(en=f"the team column {data.team_column} holds only {len(order)} team; "
                        "agreement and ICCs need at least 2 teams.",
                        nl=f"de teamkolom {data.team_column} bevat maar {len(order)} team; "
                        "overeenstemming en ICC's vragen minstens 2 teams.")
    names = list(variables or data.values.columns)
    notes: list[Note] = list(data.notes)
    sizes = np.bincount(team, minlength=len(order))
    if (sizes < 2).any():
        notes.append(warning(
            "single_member_teams",
            f"{int((sizes < 2).sum())} team(s) have only one member: no rwg(j) for them "
            "(agreement needs two members).",
            subject=data.team_column, values={"n_teams": int((sizes < 2).sum())}))
    small = int(((sizes >= 1) & (sizes < min_cell)).sum())
    if small:
        notes.append(Note(
            "small_teams_suppressed",
            f"{small} team(s) have fewer than {min_cell} members: their means, SDs and rwg(j) "
            "are not published, and the rwg(j) summaries and ICC(1)/ICC(2) leave them out.",
            values={"n_teams": small, "min_cell": min_cell}))
    agreement_rows, mean_rows = [], []
    withdrawn: list[str] = []
    for name in names:
        every = data.values[name].to_numpy(float)
        score = every[keep]
        n, published = published_teams(every, codes.to_numpy(), len(order), min_cell)
        if (published != (n >= min_cell)).any():
            withdrawn.append(name)
        # over the published teams only: from their n, means and SDs, nothing more
        icc1, icc2 = icc_oneway(np.where(published[team], score, np.nan), team)
        rwg = np.full(len(order), np.nan)
        n_items = None
        null_variance = math.nan
        scale = (next((s for s in data.scored.scales if s.name == name), None)
                 if data.scored else None)
        if scale is not None and scale.range is not None:
            low, high = scale.range
            n_items = len(scale.items)
            null_variance = uniform_null_variance(round(high - low) + 1)
            items = data.scored.items[list(scale.items)].to_numpy(float)[keep]
            rwg, _ = rwg_j(items, team, null_variance)
        else:
            notes.append(Note(
                "no_rwg", f"{name}: no rwg(j), which needs the items of a scale with a "
                "declared answer range (range = [1, 5]).", subject=name))
        present = ~np.isnan(score)
        team_level = _constant_within_teams(score[present], team[present], len(order))
        if team_level:
            rwg = np.full(len(order), np.nan)
            notes.append(warning(
                "team_level_variable",
                f"{name} is the same for every member of a team (a team-level variable, e.g. "
                "rated by the team leader): agreement (rwg(j)) does not apply and ICC(1) = 1 "
                "says nothing about agreement; rwg(j) left empty.", subject=name))
        sums = np.bincount(team[present], weights=score[present], minlength=len(order))
        with np.errstate(invalid="ignore", divide="ignore"):
            means = sums / n
            squares = np.bincount(team[present], weights=(score[present] - means[team[present]])
                                  ** 2, minlength=len(order))
            sds = np.sqrt(squares / (n - 1))
        summary = rwg[published & ~np.isnan(rwg)]
        agreement_rows.append({
            "variable": name, "label": data.labels.get(name, name),
            "n_teams": int((n > 0).sum()), "n": int(n.sum()), "icc1": icc1, "icc2": icc2,
            "rwg_j_mean": float(summary.mean()) if summary.size else math.nan,
            "rwg_j_median": float(np.median(summary)) if summary.size else math.nan,
            "rwg_j_share_70": float(np.mean(summary >= RWG_THRESHOLD)) if summary.size
            else math.nan,
            "n_teams_rwg": int(summary.size), "n_teams_icc": int((published & (n > 0)).sum()),
            "n_items": n_items,
            "null_variance": null_variance})
        for k, code in enumerate(order):
            low, high = mean_ci(float(means[k]), float(sds[k]), int(n[k])) if (
                published[k] and n[k] > 1) else (math.nan, math.nan)
            mean_rows.append({
                "team": code, "variable": name, "label": data.labels.get(name, name),
                "n": int(n[k]),
                "mean": float(means[k]) if published[k] else math.nan,
                "sd": float(sds[k]) if published[k] else math.nan,
                "conf_low": low, "conf_high": high,
                "rwg_j": float(rwg[k]) if published[k] else math.nan,
                "suppressed": not bool(published[k])})
        if not math.isnan(icc1) and icc1 < 0:
            notes.append(Note(
                "negative_icc1", f"{name}: ICC(1) = {icc1:.3f} < 0: teams differ less than "
                "chance would make them; a team mean says little about the team.",
                subject=name, values={"icc1": icc1}))
    if withdrawn:
        notes.append(Note(
            "team_means_complementary",
            f"{', '.join(withdrawn)}: fewer than {min_cell} respondents are in small teams or "
            "without a team; the overall mean beside the team means would give their mean "
            "back, so the smallest published team is not published either.",
            subject=", ".join(withdrawn), values={"min_cell": min_cell}))
    return TeamAgreement(agreement=pd.DataFrame(agreement_rows, columns=AGREEMENT_COLUMNS),
                         team_means=pd.DataFrame(mean_rows, columns=TEAM_MEANS_COLUMNS),
                         min_cell=min_cell, notes=tuple(notes))
