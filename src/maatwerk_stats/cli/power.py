"""``maatwerk-stats power compare`` (and ``power vignette``, see :mod:`.power_vignette`)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .app import (
    Format,
    FormatOpt,
    LangOpt,
    OutOpt,
    QuietOpt,
    TracebackOpt,
    app,
    handled,
    info,
    print_tables,
)

power_app = typer.Typer(
    help="Power and sample size of a planned study: a questionnaire comparison (compare, "
    "analytic, as R's power.t.test) or a vignette study (vignette, by simulation).",
    no_args_is_help=True, rich_markup_mode=None)
app.add_typer(power_app, name="power")


class CompareType(StrEnum):
    independent = "independent"
    paired = "paired"
    one_sample = "one-sample"


@power_app.command("compare")
def power_compare(
    type_: Annotated[CompareType, typer.Option(
        "--type", help="independent: different people before and after (n per group); "
        "paired: the same people twice (n pairs); one-sample.")] = CompareType.independent,
    n: Annotated[str | None, typer.Option(
        "--n", metavar="N", help="Respondents per group (pairs when paired): 40, a list "
        "20,40,60 or a range 20:100:10.", show_default=False)] = None,
    delta: Annotated[float | None, typer.Option(
        "--delta", help="True difference in means to detect, in the units of --sd (with "
        "--sd 1: Cohen's d; paired: d_z).", show_default=False)] = None,
    sd: Annotated[float, typer.Option(
        "--sd", help="Standard deviation (paired: of the differences).")] = 1.0,
    power: Annotated[float | None, typer.Option(
        "--power", help="Power to reach, e.g. 0.8: with --delta gives n, with --n the "
        "detectable --delta.", show_default=False)] = None,
    alpha: Annotated[float, typer.Option("--alpha", help="Significance level.")] = 0.05,
    one_sided: Annotated[bool, typer.Option("--one-sided",
                                            help="One-sided test.")] = False,
    strict: Annotated[bool, typer.Option(
        "--strict/--no-strict", help="Two-sided power counts both tails (power.t.test's "
        "strict = TRUE); --no-strict as R's default.")] = True,
    out: OutOpt = Path("out"),
    lang: LangOpt = None,
    fmt: FormatOpt = Format.table,
    quiet: QuietOpt = False,
    traceback: TracebackOpt = False,
) -> None:
    """Analytic power of a t-test comparison: give two of --n, --delta and --power, get the
    third (as R's power.t.test). Writes power.csv and results.json into --out.
    """
    with handled(traceback):
        from ..analyses.power import compare_power, parse_sizes
        from ..io.write import OutputWriter
        from ..publish.results import write_result
        from ..report.power import power_summary

        sizes = parse_sizes(n) if n is not None else None
        result = compare_power(type=type_.value, n=sizes, delta=delta, sd=sd, power=power,
                               alpha=alpha, one_sided=one_sided, strict=strict)
        options = {"type": type_.value, "n": n, "delta": delta, "sd": sd, "power": power,
                   "alpha": alpha, "one_sided": one_sided, "strict": strict}
        tables = result.tables()
        with OutputWriter(out, command="power") as writer:
            write_result(writer, "power compare", tables, inputs=[], config=None,
                         options=options)
            files = list(writer.files)
        language = lang.value if lang is not None else "nl"
        print_tables(fmt, tables, "power", power_summary(result, language), quiet)
        info(f"Wrote {', '.join(Path(f).name for f in files)} to {out}", quiet)
