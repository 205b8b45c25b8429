"""``maatwerk-stats regress``."""

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
    names,
)
from .survey_input import LeadersOpt, SurveyDataArg, TeamOpt, survey_input, write_and_show


@app.command()
def regress(
    data: SurveyDataArg,
    config_path: ConfigOpt = None,
    out: OutOpt = Path("out"),
    outcome: Annotated[str | None, typer.Option(
        "--outcome", help="Scale or column to explain (instead of the config's "
        "[regression.NAME] tables).", show_default=False)] = None,
    predictors: Annotated[str | None, typer.Option(
        "--predictors", metavar="A,B", help="Predictors, comma-separated (with --outcome).",
        show_default=False)] = None,
    interaction: Annotated[list[str] | None, typer.Option(
        "--interaction", metavar="A:B", help="An interaction of two predictors (repeat for "
        "more; with --outcome).", show_default=False)] = None,
    categorical: Annotated[str | None, typer.Option(
        "--categorical", metavar="A,B", help="Predictors coded as categories (treatment "
        "coding, the first code as reference; with --outcome).", show_default=False)] = None,
    centre: Annotated[str, typer.Option(
        "--centre", help="Centring of numeric predictors: none, grand or team (with "
        "--outcome).")] = "none",
    team: TeamOpt = None,
    leaders: LeadersOpt = None,
    figures: Annotated[bool, typer.Option(
        "--figures/--no-figures", help="Draw the simple-slopes figures (PNG and SVG).")] = True,
    lang: LangOpt = None,
    fmt: FormatOpt = Format.table,
    quiet: QuietOpt = False,
    traceback: TracebackOpt = False,
    sheet: SheetOpt = None,
) -> None:
    """Regressions of professionals nested in teams: OLS, team-clustered OLS, multilevel.

    For each [regression.NAME] of the config (or --outcome/--predictors): OLS, OLS with CR1
    errors clustered by team and a random intercept per team (REML, Satterthwaite df), with
    standardised coefficients, R², the null-model ICC, VIF and simple slopes of interactions.
    Writes regression_coefficients.csv, regression_fit.csv (+ regression_simple_slopes.csv),
    tables.xlsx, figures/ and results.json into --out.
    """
    with handled(traceback):
        from dataclasses import replace

        from ..analyses.regress import regress as run
        from ..config.survey import CENTRING, RegressionConfig
        from ..errors import OptionError
        from ..prepare.teams import prepare_survey
        from ..report.console.survey import regression_text

        source = survey_input(data, config_path, team, leaders, quiet, sheet)
        config = source.config
        if outcome is not None:
            chosen = names(predictors)
            if not chosen:
                raise OptionError(
                    en="--outcome needs --predictors A,B (comma-separated).",
                    nl="--outcome heeft --predictors A,B nodig (gescheiden door komma's).")
            if centre not in CENTRING:
                raise OptionError(en=f"--centre {centre!r}: use one of {', '.join(CENTRING)}.",
                                  nl=f"--centre {centre!r}: gebruik een van "
                                     f"{', '.join(CENTRING)}.")
            pairs = []
            for text in interaction or []:
                parts = [p.strip() for p in text.split(":")]
                if len(parts) != 2 or not all(parts) or any(p not in chosen for p in parts):
                    raise OptionError(
                        en=f"--interaction {text!r}: give two of the predictors joined by a "
                           "colon, e.g. --interaction steun:klimaat.",
                        nl=f"--interaction {text!r}: geef twee van de predictoren, verbonden "
                           "door een dubbele punt, bijvoorbeeld --interaction steun:klimaat.")
                pairs.append((parts[0], parts[1]))
            models = [RegressionConfig(name=outcome, outcome=outcome, predictors=tuple(chosen),
                                       categorical=tuple(names(categorical)),
                                       interactions=tuple(pairs), centre=centre)]
        else:
            models = list(config.survey.regressions.values())
            if not models:
                raise OptionError(
                    en="regress needs a model: --outcome Y --predictors A,B, or "
                       "[regression.NAME] tables in the --config.",
                    nl="regress heeft een model nodig: --outcome Y --predictors A,B, of "
                       "[regression.NAME]-tabellen in de --config.")
        used = list(dict.fromkeys(v for m in models for v in m.variables()))
        categories = {c for m in models for c in m.categorical}
        language = language_of(lang, config)
        prepared = prepare_survey(source.dataset, config, used, team=source.team,
                                  categorical=categories)
        result = run(prepared, models, min_cell=config.report.min_cell)
        result = replace(result, notes=(*source.notes, *result.notes))
        options = {"team": source.team, "models": {
            m.name: {"outcome": m.outcome, "predictors": list(m.predictors),
                     "categorical": list(m.categorical),
                     "interactions": [list(p) for p in m.interactions], "centre": m.centre}
            for m in models}, "figures": figures}

        def draw(writer: object) -> None:
            from ..report.figures.teams import write_slope_figures

            write_slope_figures(result, prepared, models, writer, language)

        outcomes = {m.name: prepared.labels.get(m.outcome, m.outcome) for m in models}
        write_and_show("regress", source, result.tables(), options, result.notes, out,
                       "regression_coefficients", regression_text(result, outcomes, language),
                       fmt, quiet, figures=draw if figures and len(result.simple_slopes)
                       else None, lang=language)
