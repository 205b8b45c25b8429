"""``maatwerk-stats correlate``."""

from enum import StrEnum
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


class PValues(StrEnum):
    stars = "stars"
    exact = "exact"


@app.command()
def correlate(
    data: SurveyDataArg,
    config_path: ConfigOpt = None,
    out: OutOpt = Path("out"),
    team: TeamOpt = None,
    variables: VariablesOpt = None,
    leaders: LeadersOpt = None,
    p_values: Annotated[PValues | None, typer.Option(
        "--p-values", help="Significance in the terminal table: stars or exact p "
        "[correlations.p_values].", show_default=False)] = None,
    lang: LangOpt = None,
    fmt: FormatOpt = Format.table,
    quiet: QuietOpt = False,
    traceback: TracebackOpt = False,
    sheet: SheetOpt = None,
) -> None:
    """Descriptives and the correlation table (r, 95% CI, p, Holm-adjusted p).

    With --team COLUMN also within-team and between-team correlations. Writes
    descriptives.csv, correlations.csv (+ correlations_within.csv, correlations_between.csv),
    tables.xlsx, correlations.docx (the APA table for a report) and results.json into --out.
    """
    with handled(traceback):
        from dataclasses import replace

        from ..analyses.correlate import correlate as run
        from ..prepare.teams import prepare_survey
        from ..report.console.survey import correlations_text

        source = survey_input(data, config_path, team, leaders, quiet, sheet)
        config = source.config
        settings = config.survey.correlations
        names = (variable_names(variables) or (list(settings.variables) if settings else [])
                 or list(config.scales))
        if len(names) < 2:
            from ..errors import OptionError

            raise OptionError(
                en="correlate needs at least two variables: --variables A,B, [correlations] "
                   "variables in the --config, or two scales.",
                nl="correlate heeft minstens twee variabelen nodig: --variables A,B, "
                   "[correlations] variables in de --config, of twee schalen.")
        style = (p_values.value if p_values else settings.p_values if settings else "stars")
        language = language_of(lang, config)
        prepared = prepare_survey(source.dataset, config, names, team=source.team)
        result = run(prepared, names, min_cell=config.report.min_cell)
        result = replace(result, notes=(*source.notes, *result.notes))
        options = {"variables": names, "team": source.team, "p_values": style}
        def docx(writer: object) -> None:
            from ..report.factsheet.survey import correlations_docx

            writer.write_bytes("correlations.docx", correlations_docx(  # type: ignore[attr-defined]
                result, language, config.display_title()))

        write_and_show("correlate", source, result.tables(), options, result.notes, out,
                       "correlations", correlations_text(result, language, style), fmt, quiet,
                       figures=docx, lang=language)
