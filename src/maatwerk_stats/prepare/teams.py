"""Prepare a survey of professionals in teams: the variables named in ``[correlations]`` and
``[regression.NAME]`` as numbers, the team codes, and a team-leader file merged by team id.

A *variable* is a scale name (its score, :func:`maatwerk_stats.prepare.items.score_scales`)
or a data column (numbers; SPSS value labels kept for describing dummies, e.g. "1 = vrouw").
Rows without a team id are left out of team analyses with a saved warning giving their count
(never their ids).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..errors import ConfigError, DataError, Text, did_you_mean, param
from ..io.dataset import Dataset, cell_numbers, code_sort_key, code_texts, decimal_comma
from ..notes import Note, warning
from .items import ScaleScores, score_scales

if TYPE_CHECKING:
    import pandas as pd

    from ..config import StudyConfig


@dataclass(frozen=True)
class SurveyData:
    """``values``: one float column per variable (NaN = missing), rows as in the data;
    ``teams``: team codes as text (None = no team id) or None without a team column."""

    values: pd.DataFrame
    labels: Mapping[str, str]
    value_labels: Mapping[str, Mapping[float, str]]
    teams: pd.Series | None
    team_column: str | None
    scored: ScaleScores | None
    categories: Mapping[str, pd.Series] = field(default_factory=dict)  # categorical as text
    notes: tuple[Note, ...] = ()

    def team_codes(self) -> tuple[pd.Series, list[str]]:
        """Integer team codes 0..G−1 (−1 = no team) in natural code order, and the codes."""
        import numpy as np
        import pandas as pd

        assert self.teams is not None
        present = self.teams.dropna().unique().tolist()
        order = sorted(present, key=code_sort_key)
        lookup = {code: i for i, code in enumerate(order)}
        codes = self.teams.map(lookup)
        return pd.Series(np.where(codes.isna(), -1, codes.fillna(-1)).astype(np.intp),
                         index=self.teams.index), order


def _source(config: StudyConfig) -> str | None:
    return str(config.path) if config.path else None


def prepare_survey(dataset: Dataset, config: StudyConfig, variables: Iterable[str],
                   team: str | None = None, categorical: Iterable[str] = (),
                   out_of_range: str = "error") -> SurveyData:
    """The ``variables`` (scale names or columns of ``dataset``) as numbers, ``categorical``
    ones also as code texts, and the team codes of column ``team``."""
    import numpy as np
    import pandas as pd

    variables = list(dict.fromkeys(variables))
    categorical = set(categorical)
    frame = dataset.frame
    unknown = [v for v in variables if v not in config.scales and v not in frame.columns]
    if unknown:
        options = [*config.scales, *map(str, frame.columns)]
        problems: list[str | Text] = []
        for name in unknown:
            near = ", ".join(did_you_mean(name, options))
            problems.append(Text(
                f"{name!r} is neither a scale of the config nor a column of "
                f"{dataset.path}" + (f"; nearest: {near}" if near else ""),
                f"{name!r} is geen schaal van de config en geen kolom van {dataset.path}"
                + (f"; lijkt op: {near}" if near else "")))
        raise ConfigError(problems, source=_source(config))
    scales = [v for v in variables if v in config.scales]
    scored = score_scales(dataset, config, scales, out_of_range=out_of_range) if scales else None
    columns: dict[str, pd.Series] = {}
    labels: dict[str, str] = {}
    value_labels: dict[str, dict[float, str]] = {}
    categories: dict[str, pd.Series] = {}
    for name in variables:
        if name in config.scales:
            assert scored is not None
            columns[name] = scored.scores[name].astype(float)
            labels[name] = config.scales[name].label
            continue
        raw = frame[name]
        labels[name] = dataset.label(name)
        meta = dataset.variable(name).value_labels
        value_labels[name] = {float(k): str(v) for k, v in meta.items()
                              if isinstance(k, int | float) and not isinstance(k, bool)}
        if name in categorical:
            text = code_texts(raw)
            categories[name] = text
            numbers = pd.to_numeric(raw, errors="coerce")
            if (numbers.isna() & raw.notna()).any():
                # text codes: ``values`` only says whether a category is present
                numbers = pd.Series(np.where(text.isna(), np.nan, 0.0), index=raw.index)
            columns[name] = numbers.astype(float)
            continue
        # a column with a text besides numbers stays text when read, "7,5" as written: only
        # the cells that are no number are counted
        parsed, not_numbers = cell_numbers(raw, decimal_comma(dataset))
        numbers = pd.Series(parsed, index=raw.index, name=raw.name)
        text = int(not_numbers.sum())
        if text:
            raise DataError(
                en=f"column {name!r} of {dataset.path} holds {text} value(s) that are not "
                "numbers; correlations and regressions need numbers. Recode it into numbers "
                "(a category used as a predictor can be listed as categorical in its "
                "[regression] table, or with --categorical).",
                nl=f"kolom {name!r} van {dataset.path} bevat {text} waarde(n) die geen getal "
                "zijn; correlaties en regressies hebben getallen nodig. Codeer de kolom om naar "
                "getallen (een categorie als voorspeller kan als categorical in de eigen "
                "[regression]-tabel staan, of met --categorical).")
        columns[name] = numbers.astype(float)
    notes: list[Note] = list(scored.notes) if scored else []
    teams = None
    if team is not None:
        if team not in frame.columns:
            near = ", ".join(did_you_mean(team, map(str, frame.columns)))
            raise DataError(
                en=f"the team column {team!r} is not a column of {dataset.path}"
                + (f"; nearest: {near}" if near else "")
                + f". Name it with {param('team')} or [teams] column.",
                nl=f"de teamkolom {team!r} is geen kolom van {dataset.path}"
                + (f"; lijkt op: {near}" if near else "")
                + f". Geef de kolom met {param('team')} of column in [teams].")
        teams = code_texts(frame[team])
        missing = int(teams.isna().sum())
        if missing == len(teams):
            raise DataError(
                en=f"the team column {team!r} of {dataset.path} is empty: no "
                "respondent has a team id.",
                nl=f"de teamkolom {team!r} van {dataset.path} is leeg: geen enkele respondent "
                "heeft een team-id.")
        if missing:
            notes.append(warning(
                "rows_without_team",
                f"{missing} respondent(s) have no team id in column {team}; they are left "
                "out of the within- and between-team analyses and the team models.",
                subject=team, values={"n": missing}))
    values = pd.DataFrame(columns, index=frame.index)
    values = values.replace([np.inf, -np.inf], np.nan)
    return SurveyData(values=values, labels=labels, value_labels=value_labels, teams=teams,
                      team_column=team, scored=scored, categories=categories,
                      notes=tuple(notes))


def merge_leaders(dataset: Dataset, leaders: Dataset, team: str) -> tuple[Dataset, Note]:
    """``dataset`` with the columns of the team-leader file ``leaders`` (one row per team)
    added by team id; teams without a leader row get missing values (a note counts them)."""
    import pandas as pd

    if team not in leaders.frame.columns:
        raise DataError(
            en=f"the team-leader file {leaders.path} has no team column {team!r}; "
            "it needs one row per team with the same team ids.",
            nl=f"het teamleidersbestand {leaders.path} heeft geen teamkolom {team!r}; het "
            "heeft één rij per team nodig, met dezelfde team-ids.")
    ids = code_texts(leaders.frame[team])
    if ids.isna().any():
        n = int(ids.isna().sum())
        raise DataError(
            en=f"the team-leader file {leaders.path}: {n} row(s) "
            f"have no team id in column {team!r}.",
            nl=f"het teamleidersbestand {leaders.path}: {n} rij(en) hebben geen team-id in "
            f"kolom {team!r}.")
    if ids.duplicated().any():
        n = int(ids.duplicated().sum())
        raise DataError(
            en=f"the team-leader file {leaders.path} has {n} "
            f"team id(s) more than once in column {team!r}; it needs one row per team.",
            nl=f"het teamleidersbestand {leaders.path} heeft {n} team-id('s) meer dan eens in "
            f"kolom {team!r}; het heeft één rij per team nodig.")
    clash = [c for c in leaders.frame.columns if c != team and c in dataset.frame.columns]
    if clash:
        shown = ', '.join(map(str, clash[:5]))
        raise DataError(
            en=f"the team-leader file {leaders.path} has column(s) "
            f"{shown} that the data also have; rename them "
            "in one of the files (e.g. with a prefix leider_).",
            nl=f"het teamleidersbestand {leaders.path} heeft kolom(men) {shown} die ook in de "
            "data staan; geef ze in een van de bestanden een andere naam (bijvoorbeeld met het "
            "voorvoegsel leider_).")
    extra = leaders.frame.drop(columns=[team]).set_axis(ids.to_numpy())
    own = code_texts(dataset.frame[team]) if team in dataset.frame.columns else None
    if own is None:
        raise DataError(en=f"the team column {team!r} is not a column of {dataset.path}.",
                        nl=f"de teamkolom {team!r} is geen kolom van {dataset.path}.")
    merged = extra.reindex(own.to_numpy())
    merged.index = dataset.frame.index
    frame = pd.concat([dataset.frame, merged], axis=1)
    variables = {**dataset.variables,
                 **{k: v for k, v in leaders.variables.items() if k != team}}
    matched = own.dropna().isin(set(ids)).groupby(own.dropna()).first()
    without = int((~matched).sum())
    note = Note("leaders_merged",
                f"team-leader file: {len(ids)} team(s), {len(extra.columns)} column(s) added; "
                f"{without} team(s) of the data have no leader row.",
                subject=team, values={"n_teams": len(ids), "n_columns": len(extra.columns),
                                      "teams_without_leader": without})
    return replace(dataset, frame=frame, variables=variables), note
