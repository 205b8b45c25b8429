"""``maatwerk-stats teams``."""

from pathlib import Path
from typing import Annotated

import typer

from .app import (
    ConfigOpt,
    Format,
    FormatOpt,
    LangOpt,
    OutOpt,
    QuietOpt,
    SheetOpt,
    TracebackOpt,
    app,
    handled,
    language_of,
)
from .survey_input import (
    LeadersOpt,
    SurveyDataArg,
    TeamOpt,
    VariablesOpt,
    survey_input,
    variable_names,
    write_and_show,
)


@app.command()
def teams(
    data: SurveyDataArg,
    config_path: ConfigOpt = None,
    out: OutOpt = Path("out"),
    team: TeamOpt = None,
    variables: VariablesOpt = None,
    leaders: LeadersOpt = None,
    figures: Annotated[bool, typer.Option(
        "--figures/--no-figures", help="Draw the team-means figure (PNG and SVG).")] = True,
    lang: LangOpt = None,
    fmt: FormatOpt = Format.table,
    quiet: QuietOpt = False,
    traceback: TracebackOpt = False,
    sheet: SheetOpt = None,
) -> None:
    """Agreement within teams and reliability of team means: rwg(j), ICC(1), ICC(2).

    Per scale: rwg(j) per team (uniform null over the answer categories), its mean, median
    and share >= .70, ICC(1) and ICC(2), and the team means (not shown for teams smaller than
    report.min_cell). Writes team_agreement.csv, team_means.csv, tables.xlsx, figures/ and
    results.json into --out.
    """
    with handled(traceback):
        from dataclasses import replace

        from ..analyses.teams import team_agreement
        from ..errors import OptionError
        from ..prepare.teams import prepare_survey
        from ..report.console.survey import agreement_text

        source = survey_input(data, config_path, team, leaders, quiet, sheet)
        if source.team is None:
            raise OptionError(
                en="teams needs the team id column: --team COLUMN (or [teams] column in the "
                   "config).",
                nl="teams heeft de kolom met de team-id nodig: --team COLUMN (of [teams] "
                   "column in de config).")
        config = source.config
        names = variable_names(variables) or list(config.scales)
        if not names:
            raise OptionError(
                en="teams needs scales: a --config with [scales.NAME] tables, or --variables "
                   "A,B.",
                nl="teams heeft schalen nodig: een --config met [scales.NAME]-tabellen, of "
                   "--variables A,B.")
        language = language_of(lang, config)
        prepared = prepare_survey(source.dataset, config, names, team=source.team)
        result = team_agreement(prepared, names, min_cell=config.report.min_cell)
        result = replace(result, notes=(*source.notes, *result.notes))
        options = {"variables": names, "team": source.team,
                   "min_cell": config.report.min_cell, "figures": figures}

        def draw(writer: object) -> None:
            from ..report.figures.teams import write_team_figures

            write_team_figures(result, writer, language)

        write_and_show("teams", source, result.tables(), options, result.notes, out,
                       "team_agreement", agreement_text(result, language), fmt, quiet,
                       figures=draw if figures else None, lang=language)
