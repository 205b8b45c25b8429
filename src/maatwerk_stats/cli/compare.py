"""``maatwerk-stats compare``."""

import contextlib
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .app import (
    ByOpt,
    ConfigOpt,
    Format,
    FormatOpt,
    GroupOpt,
    GroupOrderOpt,
    LangOpt,
    OrderOpt,
    OutOfRangeChoice,
    OutOpt,
    QuietOpt,
    SheetOpt,
    TracebackOpt,
    app,
    cli_reference,
    deprecated,
    handled,
    info,
    language_of,
    names,
    print_tables,
    read_input,
    show_inferred,
    show_notes,
    show_written,
)


class CompareModel(StrEnum):
    t_test = "t_test"
    mixed = "mixed"


class AdjustFamily(StrEnum):
    table = "table"
    scale = "scale"


class Adjust(StrEnum):
    holm = "holm"
    fdr_bh = "fdr_bh"
    none = "none"


@app.command()
def compare(
    data: Annotated[Path, typer.Argument(
        help="Data before (PRE), or one file holding both measurements (with --group).",
        show_default=False)],
    post: Annotated[list[Path] | None, typer.Argument(
        help="Data after (POST), when the measurements are files; more files are later "
        "measurements (a follow-up), analysed with the mixed model.",
        show_default=False)] = None,
    config_path: ConfigOpt = None,
    out: OutOpt = Path("out"),
    group: GroupOpt = None,
    group_order: GroupOrderOpt = None,
    paired: Annotated[bool | None, typer.Option(
        "--paired/--independent", help="The same people measured twice (matched on --id), "
        "or different people (default: the config's groups.paired, else independent).",
        show_default=False)] = None,
    id_column: Annotated[str | None, typer.Option(
        "--id", help="Paired data: the column identifying a person (default: the config's "
        "groups.id, then study.id).", show_default=False)] = None,
    equal_var: Annotated[bool, typer.Option(
        "--equal-var", help="Student's t-test (equal variances) instead of Welch's.")] = False,
    adjust: Annotated[Adjust, typer.Option(
        "--adjust", help="Correction of the p-values for multiple testing within each table "
        "(Holm, Benjamini-Hochberg false discovery rate, or none).")] = Adjust.holm,
    adjust_family: Annotated[AdjustFamily, typer.Option(
        "--adjust-family", help="Which rows are one family for --adjust: table (all scales "
        "and subscales of a table together) or scale (the scales one family, the subscales "
        "of each scale a family of their own).")] = AdjustFamily.table,
    adjust_for: Annotated[str | None, typer.Option(
        "--adjust-for", help="Also estimate the difference adjusted for these covariates "
        "(comma-separated columns, or 'config' for the config's groups.covariates); writes "
        "compare_adjusted.csv. Independent groups only.", show_default=False)] = None,
    categorical: Annotated[str | None, typer.Option(
        "--categorical", help="Covariates of --adjust-for to treat as categories although "
        "they hold numbers without value labels (comma-separated).",
        show_default=False)] = None,
    ordinal: Annotated[bool, typer.Option(
        "--ordinal", help="Also fit a proportional-odds model per item (odds ratio after vs "
        "before); writes compare_ordinal.csv.")] = False,
    model: Annotated[CompareModel, typer.Option(
        "--model", help="mixed: also fit, per scale, score ~ time + (1 | respondent) on every "
        "respondent (also those measured once), beside the complete-pairs t-test; writes "
        "compare_mixed.csv and compare_attrition.csv. Paired data only.")
    ] = CompareModel.t_test,
    site: Annotated[str | None, typer.Option(
        "--site", help="Column of the site (municipality, or any second factor): the change "
        "per site, its effect size, and whether it differs between sites (site x time "
        "interaction of one pooled model); writes compare_sites.csv and "
        "compare_site_interaction.csv (default: the config's groups.site).",
        show_default=False)] = None,
    scale: Annotated[list[str] | None, typer.Option(
        "--scale", "-s", help="Only this scale (repeat for more).", show_default=False)] = None,
    out_of_range: Annotated[OutOfRangeChoice, typer.Option(
        "--out-of-range", help="What to do with values outside an item's declared range: "
        "stop with an error, or treat them as missing.")] = OutOfRangeChoice.error,
    figures: Annotated[bool, typer.Option(
        "--figures/--no-figures", help="Draw the figures (PNG and SVG in figures/).")] = True,
    lang: LangOpt = None,
    fmt: FormatOpt = Format.table,
    quiet: QuietOpt = False,
    traceback: TracebackOpt = False,
    sheet: SheetOpt = None,
    by: ByOpt = None,
    order: OrderOpt = None,
) -> None:
    """Compare two measurements (before / after) of every scale and item, or more (follow-up).

    Two files (compare PRE POST) or one file with a group column (compare DATA --group meting);
    three or more measurements (compare PRE POST FOLLOWUP, paired) add the mixed model.
    Independent groups: Welch's t-test, Hedges' g, Mann-Whitney; paired data (--paired --id
    respnr): paired t-test, d_z, d_av, Wilcoxon signed-rank. Writes compare_scales.csv,
    compare_items.csv, compare_distribution.csv, results.json and figures/ into --out.
    """
    from ..publish.figure_process import (  # light: no matplotlib
        collector_off,
        figure_process,
        unfrozen_after,
    )

    # the figure process imports matplotlib on the second core meanwhile (and the figure
    # module; the jobs hold tables as plain lists and FigureGroups, not the analysis's
    # classes or DataFrames), forked before pandas: it imports matplotlib while this process
    # imports pandas
    with handled(traceback), unfrozen_after(), figure_process(figures, preload=(
            "maatwerk_stats.report.figures.compare",), shared=("numpy",)):
        # pandas (which the read imports) and the analysis's modules with the collector off,
        # then frozen: the ~120 collections of these imports found nothing to free, and the
        # ones the analysis triggers do not walk them (0.06 of 0.09 s in collections)
        with collector_off(freeze=True):
            import pandas  # noqa: F401

            from ..analyses.compare import Distribution
            from ..api import compare as run_compare
            from ..config import infer_both, infer_config, load_config
            from ..errors import DataError
            from ..io.write import OutputWriter
            from ..publish.results import write_result
            from ..report.console.compare import render
            from ..report.i18n import word
            from ..report.notes import row_note

        group = group or deprecated("--by", "--group", by, quiet)
        group_order = group_order or deprecated("--order", "--group-order", order, quiet)
        first = read_input(data, sheet, quiet)
        later = [read_input(path, sheet, quiet) for path in post or []]
        second = later[0] if later else None
        if config_path is not None:
            config = load_config(config_path)
            language_of(lang, config)  # the run's language: an error from here on speaks it
        else:
            config = infer_both(first, second) if second is not None else infer_config(first)
            show_inferred(config, first, quiet, language_of(lang, config))
        covariates = names(adjust_for)
        if covariates == ["config"] and (first.frame.columns != "config").all():
            covariates = list(config.groups.covariates) if config.groups else []
            if not covariates:
                raise DataError(
                    en="--adjust-for config: the config lists no covariates; add covariates = "
                       "[\"leeftijd\", …] under [groups], or name the columns: --adjust-for "
                       "leeftijd,geslacht",
                    nl="--adjust-for config: de config noemt geen covariaten; zet covariates "
                       "= [\"leeftijd\", …] onder [groups], of noem de kolommen: --adjust-for "
                       "leeftijd,geslacht")
        language = language_of(lang, config)
        inputs = [data, *(post or [])]
        protected = [*inputs, *([config_path] if config_path else [])]
        with contextlib.ExitStack() as stack:
            opened: list[OutputWriter] = []  # at the first file: the Likert chart's
            likert: list[str] = []

            def output() -> OutputWriter:
                if not opened:
                    opened.append(stack.enter_context(
                        OutputWriter(out, inputs=protected, command="compare")))
                return opened[0]

            def start_likert(distribution: Distribution) -> None:
                """The longest figure, started as soon as its data exist: it renders in
                the figure process while the tests run."""
                from ..report.figures.compare import start_likert as start

                likert.extend(start(distribution, output(), language))

            result = run_compare(
                first, *later, config=config, group=group,
                group_order=names(group_order) if group_order is not None else None,
                paired=paired, id_column=id_column, equal_var=equal_var, adjust=adjust.value,
                adjust_for=covariates, categorical=names(categorical), ordinal=ordinal,
                scales=scale or None, out_of_range=out_of_range.value, model=model.value,
                site=site, adjust_family=adjust_family.value,
                on_distribution=start_likert if figures else None)

            tables = result.tables()
            options = {"design": result.design, "group": group,
                       "group_order": list(result.groups),
                       "id": id_column, "equal_var": equal_var, "adjust": adjust.value,
                       "adjust_family": adjust_family.value,
                       "adjust_for": covariates, "categorical": names(categorical),
                       "ordinal": ordinal, "model": model.value, "site": result.site_column,
                       "scales": [s.name for s in result.scale_configs],
                       "out_of_range": out_of_range.value, "figures": figures}
            writer = output()
            if figures:  # first: they render in child processes while the tables are written
                from ..report.figures.compare import write_figures

                write_figures(result, writer, language, likert=likert)
            write_result(writer, "compare", tables,
                         inputs=[first, *later], config=config,
                         options=options, notes=result.notes, reference=cli_reference,
                         extra={"design": result.design,
                                "groups": {"codes": list(result.groups),
                                           "labels": list(result.group_labels)}})
            files = list(writer.files)

        print_tables(fmt, tables, "compare_scales", render(result, language), quiet)
        show_notes(result.notes, quiet, language)
        for table_name in ("compare_scales", "compare_items"):
            for row in tables[table_name].itertuples(index=False):
                if row.note:  # in Dutch when every reason has a sentence, else English
                    said = row_note(row.note, language)
                    prefix = word("note", language) if said != row.note else "Note"
                    info(f"{prefix}: {row.variable}: {said}", quiet)
        show_written(files, out, quiet, language)
