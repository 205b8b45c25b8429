"""Shared steps of ``correlate``, ``teams`` and ``regress``: read the data (and a team-leader
file), resolve the config and the team column. Not a command."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .app import names, read_input, resolve_config

if TYPE_CHECKING:
    from ..config import StudyConfig
    from ..io.dataset import Dataset
    from ..notes import Note

SurveyDataArg = Annotated[Path, typer.Argument(metavar="DATA", help="Survey data file.",
                                               show_default=False)]
TeamOpt = Annotated[str | None, typer.Option(
    "--team", metavar="COLUMN", help="Team id column: professionals nested in teams "
    "[config: teams.column].", show_default=False)]
LeadersOpt = Annotated[Path | None, typer.Option(
    "--leaders", metavar="FILE", help="Team-leader file, one row per team, merged by the team "
    "id so its columns and scales can be used [teams.leaders].", show_default=False)]
VariablesOpt = Annotated[str | None, typer.Option(
    "--variables", metavar="A,B", help="Scales or columns, comma-separated "
    "[correlations.variables; default: every scale].", show_default=False)]


@dataclass(frozen=True)
class SurveyInput:
    dataset: Dataset
    config: StudyConfig
    team: str | None
    inputs: list[Any]
    protected: list[Path]
    notes: list[Note] = field(default_factory=list)


def survey_input(data: Path, config_path: Path | None, team: str | None,
                 leaders: Path | None, quiet: bool, sheet: str | None = None) -> SurveyInput:
    from ..config import StudyConfig
    from ..errors import ConfigError
    from ..prepare.teams import merge_leaders

    dataset = read_input(data, sheet, quiet)
    try:
        config = resolve_config(config_path, dataset, quiet)
    except ConfigError:
        if config_path is not None:
            raise
        config = StudyConfig(name=data.stem)  # no scales to infer: data columns only
    survey = config.survey
    team = team or (survey.teams.column if survey.teams else None)
    leaders = leaders or (survey.teams.leaders if survey.teams else None)
    inputs: list[Any] = [dataset]
    protected = [data, *([config_path] if config_path else [])]
    notes = []
    if leaders is not None:
        if team is None:
            from ..errors import OptionError

            raise OptionError(
                en="--leaders needs --team COLUMN (the team id both files share).",
                nl="--leaders heeft --team COLUMN nodig (de team-id die beide bestanden "
                   "delen).")
        leader_data = read_input(leaders)
        dataset, note = merge_leaders(dataset, leader_data, team)
        inputs.append(leader_data)
        protected.append(leaders)
        notes.append(note)
    return SurveyInput(dataset=dataset, config=config, team=team, inputs=inputs,
                       protected=protected, notes=notes)


def variable_names(value: str | None) -> list[str]:
    return names(value)


def write_and_show(command: str, source: SurveyInput, tables: dict[str, Any],
                   options: dict[str, Any], notes: Any, out: Path, main: str, rendered: str,
                   fmt: Any, quiet: bool, figures: Any = None, lang: str | None = None) -> None:
    """Write ``tables`` (CSV, ``tables.xlsx``, ``results.json``; ``figures(writer)`` draws
    into the same all-or-nothing set), then print the tables, the notes (in ``lang``) and
    what was written."""
    from ..io.write import OutputWriter
    from ..publish.results import write_result
    from ..report.xlsx import tables_workbook
    from .app import cli_reference, print_tables, show_notes, show_written

    with OutputWriter(out, inputs=source.protected, command=command) as writer:
        write_result(writer, command, tables, inputs=source.inputs, config=source.config,
                     options=options, notes=notes, reference=cli_reference)
        writer.write_bytes("tables.xlsx", tables_workbook(tables))
        if figures is not None:
            figures(writer)
        files = list(writer.files)
    print_tables(fmt, tables, main, rendered, quiet)
    show_notes(notes, quiet, lang)
    show_written(files, out, quiet, lang)
