"""``maatwerk-stats compare``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .app import (
    ConfigOpt,
    Format,
    FormatOpt,
    LangOpt,
    OutOfRangeChoice,
    OutOpt,
    QuietOpt,
    TracebackOpt,
    app,
    handled,
    info,
    language_of,
    print_tables,
    read_input,
)


class Adjust(StrEnum):
    holm = "holm"
    fdr_bh = "fdr_bh"
    none = "none"


def _names(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


@app.command()
def compare(
    data: Annotated[Path, typer.Argument(
        help="Data before (PRE), or one file holding both measurements (with --by).",
        show_default=False)],
    post: Annotated[Path | None, typer.Argument(
        help="Data after (POST), when the measurements are two files.",
        show_default=False)] = None,
    config_path: ConfigOpt = None,
    out: OutOpt = Path("out"),
    by: Annotated[str | None, typer.Option(
        "--by", help="One file: the column that says which measurement a row is (default: "
        "the config's groups.column).", show_default=False)] = None,
    order: Annotated[str | None, typer.Option(
        "--order", help="The two values of --by, before first, e.g. voor,na (default: the "
        "config's groups.order).", show_default=False)] = None,
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
) -> None:
    """Compare two measurements (before / after) of every scale and item.

    Two files (compare PRE POST) or one file with a group column (compare DATA --by meting).
    Independent groups: Welch's t-test, Hedges' g, Mann-Whitney; paired data (--paired --id
    respnr): paired t-test, d_z, d_av, Wilcoxon signed-rank. Writes compare_scales.csv,
    compare_items.csv, compare_distribution.csv, results.json and figures/ into --out.
    """
    with handled(traceback):
        from ..config import infer_config, load_config
        from ..errors import DataError
        from ..io.write import OutputWriter
        from ..provenance import provenance
        from ..report.console_compare import render
        from ..stats.compare import compare as run_compare
        from ..stats.compare import infer_both

        first = read_input(data)
        second = read_input(post) if post is not None else None
        if config_path is not None:
            config = load_config(config_path)
        else:
            config = infer_both(first, second) if second is not None else infer_config(first)
            info("No --config: scales inferred from column names: "
                 + "; ".join(f"{s.name} ({', '.join(s.items)})"
                             for s in config.scales.values())
                 + ". Check them; `maatwerk-stats scales DATA --save-config FILE` writes them "
                 "to a config for editing.", quiet)
        covariates = _names(adjust_for)
        if covariates == ["config"] and (first.frame.columns != "config").all():
            covariates = list(config.groups.covariates) if config.groups else []
            if not covariates:
                raise DataError("--adjust-for config: the config lists no covariates; add "
                                "covariates = [\"leeftijd\", …] under [groups], or name the "
                                "columns: --adjust-for leeftijd,geslacht")
        order_values = _names(order) if order is not None else None
        result = run_compare(
            first, second, config=config, by=by, order=order_values, paired=paired,
            id_column=id_column, equal_var=equal_var, adjust=adjust.value,
            adjust_for=covariates, categorical=_names(categorical), ordinal=ordinal,
            scales=scale or None, out_of_range=out_of_range.value)
        language = language_of(lang, config)

        tables = result.tables()
        inputs = [data] + ([post] if post is not None else [])
        options = {"design": result.design, "by": by, "order": list(result.groups),
                   "id": id_column, "equal_var": equal_var, "adjust": adjust.value,
                   "adjust_for": covariates, "categorical": _names(categorical),
                   "ordinal": ordinal, "scales": [s.name for s in result.scale_configs],
                   "out_of_range": out_of_range.value, "figures": figures}
        with OutputWriter(out, inputs=inputs) as writer:
            for name, table in tables.items():
                writer.write_csv(f"{name}.csv", table)
            record = {"provenance": provenance("compare", [d for d in (first, second) if d],
                                               config, options),
                      "design": result.design,
                      "groups": {"codes": list(result.groups),
                                 "labels": list(result.group_labels)},
                      "notes": list(result.notes),
                      "tables": tables}
            writer.write_json("results.json", record)
            if figures:
                from ..report.figures_compare import write_figures

                write_figures(result, writer, language)
            files = list(writer.files)

        print_tables(fmt, tables, "compare_scales", render(result, language))
        for note in result.notes:
            info(f"Note: {note}", quiet)
        for table_name in ("compare_scales", "compare_items"):
            for row in tables[table_name].itertuples(index=False):
                if row.note:
                    info(f"Note: {row.variable}: {row.note}", quiet)
        shown = [f for f in files if not f.startswith("figures/")]
        n_figures = len(files) - len(shown)
        info(f"Wrote {', '.join(shown)}"
             + (f" and {n_figures} figure files in figures/" if n_figures else "")
             + f" to {out}", quiet)
