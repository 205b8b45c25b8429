"""``maatwerk-stats vignette``."""

import contextlib
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import (
    Format,
    FormatOpt,
    LangOpt,
    OutOpt,
    QuietOpt,
    SheetOpt,
    TracebackOpt,
    app,
    cli_reference,
    deprecated,
    given_config,
    handled,
    language_of,
    print_tables,
    read_input,
    show_notes,
    show_written,
)

if TYPE_CHECKING:
    from ..analyses.vignette import VignetteResult
    from ..io.write import OutputWriter

VignetteConfigOpt = Annotated[Path | None, typer.Option(
    "--config", "-c", help="Study config (TOML) with a [vignette] section. Without it, name "
    "the columns with the options below.", show_default=False, callback=given_config)]


class ClusterSE(StrEnum):
    cr1 = "cr1"
    cr2 = "cr2"


class Model(StrEnum):
    mixed = "mixed"
    ols_cluster = "ols_cluster"


def _names(value: str | None, option: str) -> list[str] | None:
    """``"a, b,c"`` → ``["a", "b", "c"]``."""
    if value is None:
        return None
    names = [v.strip() for v in value.split(",") if v.strip()]
    if not names:
        from ..errors import ConfigError

        raise ConfigError(
            f"{option} is empty; give comma-separated names, e.g. {option} a,b",
            nl=f"{option} is leeg; geef namen gescheiden door komma's, bijvoorbeeld "
               f"{option} a,b")
    return names


def _range(value: str | None) -> tuple[float, float] | None:
    if value is None:
        return None
    from ..errors import ConfigError

    parts = value.replace(";", ",").split(",")
    try:
        low, high = (float(p) for p in parts)
    except ValueError:
        raise ConfigError(
            f"--outcome-range {value!r}: give the lowest and highest rating, e.g. "
            "--outcome-range 1,10",
            nl=f"--outcome-range {value!r}: geef de laagste en de hoogste beoordeling, "
               "bijvoorbeeld --outcome-range 1,10") from None
    if not low < high:
        raise ConfigError(
            f"--outcome-range {value!r}: the lowest rating must be below the highest",
            nl=f"--outcome-range {value!r}: de laagste beoordeling moet onder de hoogste "
               "liggen")
    return low, high


@app.command()
def vignette(
    responses: Annotated[Path, typer.Argument(
        help="Vignette ratings: long (one row per rating) or wide (one row per respondent, "
        "one column per vignette).", show_default=False)],
    config_path: VignetteConfigOpt = None,
    out: OutOpt = Path("out"),
    id_column: Annotated[str | None, typer.Option(
        "--id", help="Respondent id column [config: vignette.id].", show_default=False)] = None,
    outcome: Annotated[str | None, typer.Option(
        "--outcome", help="Rating column (long data) [vignette.outcome].",
        show_default=False)] = None,
    factors: Annotated[str | None, typer.Option(
        "--factors", help="Factor columns, comma-separated (levels from the data, the first "
        "in sorted order as reference) [vignette.factors].", show_default=False)] = None,
    group: Annotated[str | None, typer.Option(
        "--group", metavar="COLUMN", help="Group column, e.g. voor/na [vignette.group].",
        show_default=False)] = None,
    group_order: Annotated[str | None, typer.Option(
        "--group-order", metavar="A,B", help="Group codes in order, comma-separated, first = "
        "before [vignette.group_order].", show_default=False)] = None,
    position: Annotated[str | None, typer.Option(
        "--position", help="Column with the position at which each vignette was shown (order-"
        "effect check) [vignette.position].", show_default=False)] = None,
    vignette_column: Annotated[str | None, typer.Option(
        "--vignette-column", metavar="COLUMN", help="Vignette id column of long data "
        "[vignette.vignette].", show_default=False)] = None,
    deck: Annotated[Path | None, typer.Option(
        "--deck", help="Deck file: vignette id → factor levels [vignette.deck].",
        show_default=False)] = None,
    wide_columns: Annotated[str | None, typer.Option(
        "--wide-columns", help="Rating columns of wide data, comma-separated "
        "[vignette.wide_columns].", show_default=False)] = None,
    outcome_range: Annotated[str | None, typer.Option(
        "--outcome-range", help="Lowest and highest possible rating, e.g. 1,10 "
        "[vignette.outcome_range].", show_default=False)] = None,
    cluster_se: Annotated[ClusterSE, typer.Option(
        "--cluster-se", help="Cluster-robust standard errors of the OLS model: cr1 (Stata, "
        "sandwich HC1) or cr2 (Bell–McCaffrey, clubSandwich; for few respondents).")
    ] = ClusterSE.cr1,
    exclude_straightliners: Annotated[bool, typer.Option(
        "--exclude-straightliners", help="Leave out respondents who gave every vignette the "
        "same rating (a sensitivity run; write it to another --out).")] = False,
    model: Annotated[Model, typer.Option(
        "--model", help="Model behind the influence table, the figures and the terminal "
        "(the CSV files hold both).")] = Model.mixed,
    figures: Annotated[bool, typer.Option(
        "--figures/--no-figures", help="Draw the figures (PNG and SVG in figures/).")] = True,
    covariates: Annotated[str | None, typer.Option(
        "--covariates", metavar="COLS", help="Respondent-level covariates, comma-separated "
        "(from the vignette file or --covariates-file): an extended model beside the "
        "standard ones (vignette_model_coefficients.csv).", show_default=False)] = None,
    moderators: Annotated[str | None, typer.Option(
        "--moderators", metavar="M", help="Cross-level moderators, comma-separated: M "
        "(moderates every factor) or FACTOR:M.", show_default=False)] = None,
    factor_interactions: Annotated[str | None, typer.Option(
        "--factor-interactions", metavar="A:B", help="Factor × factor interactions in the "
        "extended model, comma-separated, e.g. reputatie:capaciteiten.",
        show_default=False)] = None,
    covariates_file: Annotated[Path | None, typer.Option(
        "--covariates-file", metavar="FILE", help="Take covariates and moderators from this "
        "file (e.g. the questionnaire), matched on --covariates-id.", show_default=False)
    ] = None,
    covariates_id: Annotated[str | None, typer.Option(
        "--covariates-id", metavar="COLUMN", help="Id column of --covariates-file (default: "
        "study.id of the config, else the vignette id column).", show_default=False)] = None,
    crossed: Annotated[bool, typer.Option(
        "--crossed", help="Also the factors with crossed random intercepts for respondent and "
        "vignette, as lmer(y ~ factors + (1|respondent) + (1|vignette)) "
        "(vignette_model_coefficients.csv, model mixed_crossed).")] = False,
    per_vignette: Annotated[bool, typer.Option(
        "--per-vignette", help="Also each deck vignette's mean and its difference from the "
        "grand mean (vignette_per_vignette.csv and a figure).")] = False,
    lang: LangOpt = None,
    fmt: FormatOpt = Format.table,
    quiet: QuietOpt = False,
    traceback: TracebackOpt = False,
    sheet: SheetOpt = None,
    old_vignette_column: Annotated[str | None, typer.Option(
        "--vignette", hidden=True, help="Old name of --vignette-column.")] = None,
) -> None:
    """Vignette study: mixed model and clustered OLS, effects per group, influence table.

    Writes vignette_coefficients.csv, vignette_fit.csv, vignette_marginal_means.csv,
    vignette_interactions.csv (with groups), vignette_influence.csv, vignette_design.csv,
    figures/ and results.json into --out.
    """
    from ..publish.figure_process import (  # light: no matplotlib
        collector_off,
        figure_process,
        unfrozen_after,
    )

    # the figure process imports matplotlib (and the figure modules) on the second core while
    # this process imports pandas and starts reading the ratings; the figures are drawn
    # there, forked from it. It is forked after numpy only (shared): its jobs carry plain
    # lists, not the result (report/figures/vignette.py: write_vignette_figures), so it
    # never imports pandas
    with handled(traceback), unfrozen_after(), figure_process(figures, preload=(
            "maatwerk_stats.report.figures.vignette",
            *(("maatwerk_stats.report.figures.vignette_models",
               "maatwerk_stats.prepare.ratings") if per_vignette else ())),
            shared=("numpy",)):
        # pandas (which the read needs) and the command's first modules with the collector
        # off, then frozen: the ~95 collections of these imports (one of them full) found
        # nothing to free, and the later ones do not walk them (as compare)
        with collector_off(freeze=True):
            import pandas  # noqa: F401

            from ..config import load_config
            from ..config.options import vignette_settings
            from ..io.deck import read_deck
            from ..prepare.ratings import coded_columns, prepare_vignette_data
            from .preload import import_in_background

        vignette_column = vignette_column or deprecated(
            "--vignette", "--vignette-column", old_vignette_column, quiet)
        config = load_config(config_path) if config_path is not None else None
        settings, explicit = vignette_settings(
            config, id=id_column, outcome=outcome, factors=_names(factors, "--factors"),
            group=group, group_order=_names(group_order, "--group-order"),
            position=position, vignette_column=vignette_column,
            wide_columns=_names(wide_columns, "--wide-columns"), deck=deck,
            outcome_range=_range(outcome_range))
        # the fits' scipy modules, and the modules of the analysis and the writers, are
        # imported on the second core while the ratings are read and prepared
        # (cli/preload.py); the command imports them itself only after the wait below
        imported = import_in_background(
            "scipy.special", "scipy.linalg", *(f"maatwerk_stats.{name}" for name in (
                "analyses.vignette", "io.write", "publish.results", "report.console.vignette",
                *(("report.figures.vignette",) if figures else ()))))
        # the codes' text columns as categoricals: prepare then maps categories, not cells
        dataset = read_input(responses, sheet, quiet, categorical=coded_columns(settings))
        language = language_of(lang, config)
        deck_data = read_deck(settings.deck, settings.vignette) if settings.deck else None
        data = prepare_vignette_data(dataset, settings, deck=deck_data, explicit=explicit,
                                     config_source=str(config_path) if config_path else None)
        imported()
        from ..analyses.vignette import analyse
        from ..io.write import OutputWriter
        from ..publish.results import write_result
        from ..report.console.vignette import vignette_report

        # the figures start as soon as both models are fitted (analyse's on_estimates),
        # in the figure process, while the design checks run and the tables are written
        early = _EarlyFigures(out, [responses, *([data.deck] if data.deck else []),
                                    *_covariates_input(covariates, moderators, covariates_file),
                                    *([config_path] if config_path else [])], language)
        with contextlib.ExitStack() as stack:
            result = analyse(data, settings.influence, cluster_se=cluster_se.value,
                             exclude_straightliners=exclude_straightliners, model=model.value,
                             on_estimates=(lambda e: early.start(e, stack)) if figures else None)

            tables = result.tables()
            extra = _richer_models(data, dataset, config, settings.id, covariates, moderators,
                                   factor_interactions, covariates_file, covariates_id,
                                   per_vignette, crossed)
            tables.update(extra.tables)
            inputs: list[object] = [dataset, *extra.inputs]
            if data.deck is not None:
                inputs.append(data.deck)
            options = {
                "layout": data.layout, "id": settings.id, "outcome": settings.outcome,
                "factors": list(data.factor_names), "group": data.group_column,
                "group_order": list(data.groups) if data.groups else None,
                "position": data.position_column, "cluster_se": cluster_se.value,
                "exclude_straightliners": exclude_straightliners, "model": model.value,
                "primary_model": result.primary_model, "figures": figures,
                "influence": {"thresholds": list(settings.influence.thresholds),
                              "labels": list(settings.influence.labels),
                              "alpha": settings.influence.alpha},
            }
            options.update(extra.options)
            protected = [responses, *([data.deck] if data.deck else []), *extra.inputs,
                         *([config_path] if config_path else [])]
            writer = early.writer or stack.enter_context(
                OutputWriter(out, inputs=protected, command="vignette"))
            if figures:  # first: they render in child processes while the tables are written
                from ..report.figures.vignette import write_vignette_figures

                if early.writer is None:
                    write_vignette_figures(result, writer, language)
                if "vignette_per_vignette" in extra.tables:
                    from ..report.figures.vignette_models import write_per_vignette_figure

                    write_per_vignette_figure(extra.tables["vignette_per_vignette"], data,
                                              writer, language)
            write_result(writer, "vignette", tables, inputs=inputs, config=config,
                         options=options, notes=(*result.notes, *extra.notes),
                         warnings=result.warnings, reference=cli_reference)
            files = list(writer.files)
            # the terminal's text (only where it is shown), made while the figures still
            # render: the writer waits for them when this block ends
            rendered = (vignette_report(result, language) if fmt is Format.table and not quiet
                        else "")

        print_tables(fmt, tables, "vignette_coefficients", rendered, quiet)
        show_notes((*result.notes, *result.warnings), quiet, language)
        show_written(files, out, quiet, language)


def _covariates_input(covariates: str | None, moderators: str | None,
                      covariates_file: Path | None) -> list[Path]:
    """The covariates file among the inputs, as :func:`_richer_models` adds it (when a
    covariate or moderator is read from it); ``[]`` also when the options are malformed
    (:func:`_names` then stops the run later, where it always did)."""
    from ..errors import ConfigError

    try:
        wanted = _names(covariates, "--covariates") or _names(moderators, "--moderators")
    except ConfigError:
        return []
    return [covariates_file] if wanted and covariates_file is not None else []


class _EarlyFigures:
    """The figures of ``vignette``, started from ``analyse``'s ``on_estimates`` with the
    output writer opened then (:meth:`start`); the command opens the writer itself
    afterwards when this did not (``writer`` None)."""

    def __init__(self, out: Path, protected: list[Path], language: str) -> None:
        self.out, self.protected, self.language = out, protected, language
        self.writer: OutputWriter | None = None

    def start(self, estimates: "VignetteResult", stack: contextlib.ExitStack) -> None:
        """Open the writer (as the command would) and start both figures of ``estimates``
        as jobs of the figure process; nothing without a figure process (a drawing forked
        from this process must not start while the order-effect fit runs in a thread), or
        when the writer cannot be opened without creating a folder or failing (the command
        then opens it later, where it always did, and says why)."""
        from ..errors import OutputError
        from ..io.write import OutputWriter
        from ..publish.figure_process import current
        from ..report.figures.vignette import write_vignette_figures

        if current() is None or not Path(self.out).resolve().parent.is_dir():
            return  # (the writer would create a folder: only once the run gets that far)
        try:
            writer = OutputWriter(self.out, inputs=self.protected, command="vignette")
        except OutputError:
            return
        self.writer = stack.enter_context(writer)
        write_vignette_figures(estimates, writer, self.language)


class _Richer:
    """The richer models' tables, notes, extra inputs and options (all empty when none is
    asked for)."""

    def __init__(self) -> None:
        self.tables: dict[str, object] = {}
        self.notes: list[object] = []
        self.inputs: list[Path] = []
        self.options: dict[str, object] = {}


def _richer_models(data: object, dataset: object, config: object, id_column: str,
                   covariates: str | None, moderators: str | None,
                   factor_interactions: str | None, covariates_file: Path | None,
                   covariates_id: str | None, per_vignette: bool, crossed: bool = False
                   ) -> _Richer:
    """The extended model and the per-vignette table
    (:mod:`maatwerk_stats.analyses.vignette_models`) when their options are given."""
    from ..errors import OptionError

    extra = _Richer()
    adjust = _names(covariates, "--covariates") or []
    moderating = _names(moderators, "--moderators") or []
    pairs = [tuple(p.split(":", 1)) for p in (_names(factor_interactions,
                                                      "--factor-interactions") or [])]
    for pair in pairs:
        if len(pair) != 2:
            raise OptionError(
                en=f"--factor-interactions {':'.join(pair)}: write FACTOR:FACTOR, e.g. "
                   "reputatie:capaciteiten.",
                nl=f"--factor-interactions {':'.join(pair)}: schrijf FACTOR:FACTOR, "
                   "bijvoorbeeld reputatie:capaciteiten.")
    if adjust or moderating or pairs:
        from ..analyses.vignette_models import extended_model
        from ..prepare.moderators import respondent_covariates

        wanted = list(dict.fromkeys([*adjust, *(m.rpartition(":")[2] for m in moderating)]))
        table = None
        if wanted:
            if covariates_file is not None:
                source = read_input(covariates_file)
                key = covariates_id or (config.id if config is not None and config.id
                                        else id_column)
                extra.inputs.append(covariates_file)
            else:
                source, key = dataset, id_column
            table = respondent_covariates(source.frame, key, wanted, str(source.path))
        model = extended_model(data, table, adjust_for=adjust, moderators=moderating,
                               factor_interactions=pairs)
        extra.tables["vignette_model_coefficients"] = model.coefficients
        extra.tables["vignette_model_fit"] = model.fit
        extra.notes.extend(model.notes)
        extra.options.update({"covariates": adjust, "moderators": moderating,
                              "factor_interactions": [":".join(p) for p in pairs],
                              "covariates_file": str(covariates_file) if covariates_file
                              else None})
    if crossed:
        import pandas as pd

        from ..analyses.vignette_models import crossed_model

        model = crossed_model(data)
        for name, table in (("vignette_model_coefficients", model.coefficients),
                            ("vignette_model_fit", model.fit)):
            extra.tables[name] = (pd.concat([extra.tables[name], table], ignore_index=True)
                                  if name in extra.tables else table)
        extra.notes.extend(model.notes)
        extra.options["crossed"] = True
    if per_vignette:
        from ..analyses.vignette_models import per_vignette as per_vignette_table

        min_cell = config.report.min_cell if config is not None else 5
        extra.tables["vignette_per_vignette"] = per_vignette_table(data, min_cell)
        extra.options["per_vignette"] = True
    return extra
