"""The team-survey part of a factsheet run: read the survey (and the team-leader file), run
``correlate``, ``teams`` and ``regress`` as the config asks, and protect what is published.

Protection (:mod:`.privacy` rules): team means, SDs and rwg(j) of teams below ``min_cell``
are already left out by :func:`maatwerk_stats.analyses.teams.team_agreement`; a correlation
or a regression resting on fewer than ``min_cell`` respondents (or, between teams, teams) is
blanked here. No respondent-level table is published.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    import pandas as pd

    from ..analyses.correlate import Correlations
    from ..analyses.regress import Regressions
    from ..analyses.teams import TeamAgreement
    from ..config import StudyConfig
    from ..config.survey import RegressionConfig
    from ..io.dataset import Dataset
    from ..notes import Note
    from ..prepare.teams import SurveyData

_STATISTICS = ("r", "conf_low", "conf_high", "p_value", "p_adjusted")


@dataclass(frozen=True)
class SurveyResults:
    prepared: SurveyData
    models: tuple[RegressionConfig, ...]
    correlations: Correlations | None = None
    agreement: TeamAgreement | None = None
    regressions: Regressions | None = None
    datasets: tuple[Dataset, ...] = ()
    notes: tuple[Note, ...] = ()
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


def _blank_small(table: pd.DataFrame, min_cell: int, columns: tuple[str, ...]) -> pd.DataFrame:
    from .privacy import blank_columns

    return blank_columns(table, table["n"] < min_cell, columns)


def run_survey(config: StudyConfig, path: Path,
               read: Callable[[Path], Dataset] | None = None) -> SurveyResults:
    """Every configured survey analysis on the data file ``path`` (read by ``read``, by
    default :func:`maatwerk_stats.io.read.read_data`: the factsheet passes its ``--sheet``)."""
    from ..analyses.correlate import correlate
    from ..analyses.regress import regress
    from ..analyses.teams import team_agreement
    from ..io.dataset import widen
    from ..io.read import read_data
    from ..prepare.teams import merge_leaders, prepare_survey

    survey = config.survey
    min_cell = config.report.min_cell
    dataset = widen((read or read_data)(path))
    datasets: list[Dataset] = [dataset]
    notes: list[Note] = []
    team = survey.teams.column if survey.teams else None
    if survey.teams and survey.teams.leaders:
        leaders = widen(read_data(survey.teams.leaders))
        dataset, note = merge_leaders(dataset, leaders, survey.teams.column)
        datasets.append(leaders)
        notes.append(note)
    models = tuple(survey.regressions.values())
    names = list(dict.fromkeys([*(survey.correlations.variables if survey.correlations
                                  else ()), *(v for m in models for v in m.variables()),
                                *(config.scales if team else ())]))
    categorical = {c for m in models for c in m.categorical}
    prepared = prepare_survey(dataset, config, names, team=team, categorical=categorical)
    notes.extend(prepared.notes)
    prepared = replace(prepared, notes=())
    tables: dict[str, pd.DataFrame] = {}
    correlations = agreement = regressions = None
    if survey.correlations:
        correlations = correlate(prepared, list(survey.correlations.variables),
                                 min_cell=min_cell)
        protected = {name: _blank_small(table, min_cell, _STATISTICS)
                     for name, table in correlations.tables().items() if name != "descriptives"}
        correlations = replace(
            correlations, correlations=protected["correlations"],
            within=protected.get("correlations_within"),
            between=protected.get("correlations_between"),
            descriptives=_blank_small(correlations.descriptives, min_cell,
                                      ("mean", "sd", "min", "max")))
        notes.extend(correlations.notes)
        tables.update(correlations.tables())
    if team and config.scales:
        scales = [s for s in config.scales if s in prepared.values.columns]
        agreement = team_agreement(prepared, scales, min_cell=min_cell)
        notes.extend(agreement.notes)
        tables.update(agreement.tables())
    if models:
        regressions = regress(prepared, list(models), min_cell=min_cell)
        notes.extend(regressions.notes)
        small = set(regressions.fit.loc[regressions.fit["n"] < min_cell, "regression"])
        if small:
            raise_small = ", ".join(sorted(small))
            from ..errors import DataError

            raise DataError(
                en=f"regression {raise_small}: fewer than {min_cell} respondents with every "
                   "variable; it cannot be published.",
                nl=f"regressie {raise_small}: minder dan {min_cell} respondenten met elke "
                   "variabele; de regressie kan niet worden gepubliceerd.")

        tables.update(regressions.tables())
    unique: dict[tuple[str, str], Note] = {}
    for note in notes:
        unique.setdefault((note.kind, note.template), note)
    return SurveyResults(prepared=prepared, models=models, correlations=correlations,
                         agreement=agreement, regressions=regressions,
                         datasets=tuple(datasets), notes=tuple(unique.values()), tables=tables)


# a survey figure the factsheet embeds: its key, kind, file, width (cm) and the jobs to wait for
Started = tuple[str, str, str, float, Any]


def start_survey_figures(results: SurveyResults, writer: Any, lang: str) -> list[Started]:
    """Start the survey figures into ``figures/``; returns the ones the factsheet embeds
    (read them with :func:`embedded_survey_figures`): the team means of the first
    regression's outcome (or the first scale) and the simple slopes. The embedded ones go
    ahead of the others (:func:`.figure_process.ahead`: the factsheet waits for them, not
    for the others)."""
    from contextlib import nullcontext
    from functools import partial

    from ..report.figures.plotting import save_figure
    from ..report.figures.teams import slopes_figure, team_means_figure
    from .figure_process import ahead

    started: list[Started] = []
    if results.agreement is not None and len(results.agreement.agreement):
        variables = list(results.agreement.agreement["variable"])
        outcome = results.models[0].outcome if results.models else variables[0]
        chosen = outcome if outcome in variables else variables[0]
        for variable in variables:
            with (ahead() if variable == chosen else nullcontext()), \
                    writer.collect_deferred() as finishes:
                names = save_figure(partial(team_means_figure, results.agreement, variable,
                                            lang), writer, f"team_means_{variable}")
            if variable == chosen:
                started.append(("team_means", "team_means", names[0], 15.0, finishes))
    if results.regressions is not None:
        for model in results.models:
            for predictor, moderator in model.interactions:
                with ahead(), writer.collect_deferred() as finishes:
                    names = save_figure(partial(slopes_figure, results.regressions,
                                                results.prepared, model, predictor,
                                                moderator, lang), writer,
                                        f"simple_slopes_{model.name}_{predictor}_{moderator}")
                started.append((f"{model.name}:{predictor}:{moderator}", "slopes", names[0],
                                14.0, finishes))
    return started


def embedded_survey_figures(started: list[Started], writer: Any) -> dict[str, Any]:
    """The embedded survey figures :func:`start_survey_figures` started, each read once it
    alone is drawn."""
    from ..report.factsheet.build import Figure

    return {key: Figure(kind, "", writer.read_bytes(file, only=finishes), width)
            for key, kind, file, width, finishes in started}

