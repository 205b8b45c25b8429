"""``maatwerk-stats design``."""

from __future__ import annotations

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
    language_of,
    print_tables,
    show_written,
)


@app.command()
def design(
    config_path: Annotated[Path, typer.Option(
        "--config", "-c", metavar="FILE", help="Study config (TOML) with [vignette.factors] "
        "(levels per factor) and optionally vignette.template with a [slot] per factor.",
        show_default=False)],
    vignettes_per_respondent: Annotated[int | None, typer.Option(
        "--vignettes-per-respondent", "-k", metavar="K", help="Distinct vignettes each "
        "respondent rates (default: all combinations of the levels).",
        show_default=False)] = None,
    sets: Annotated[int | None, typer.Option(
        "--sets", metavar="S", help="Number of sets (decks handed out in turn; default: as "
        "many whole sets of K as there are combinations).", show_default=False)] = None,
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Random seed: the same "
                                      "seed gives the same files.")] = 1,
    repeat: Annotated[bool, typer.Option(
        "--repeat", help="End every set with a repeat of its first vignette (test–retest "
        "check).")] = False,
    respondents: Annotated[int | None, typer.Option(
        "--respondents", metavar="N", help="Also write design_order.csv: the set and a random "
        "vignette order for each of N respondents.", show_default=False)] = None,
    out: OutOpt = Path("out"),
    lang: LangOpt = None,
    fmt: FormatOpt = Format.table,
    quiet: QuietOpt = False,
    traceback: TracebackOpt = False,
) -> None:
    """Design a vignette deck: the full factorial when it fits, else a D-efficient fraction
    (Fedorov exchange), blocked into balanced sets, with a random order per respondent.

    Writes deck.csv (what `vignette --deck` reads), design_sets.csv, design_efficiency.csv,
    design_order.csv (with --respondents), design_texts.csv and design_texts.docx (when the
    config has vignette.template) and results.json into --out.
    """
    with handled(traceback):
        from ..analyses.design import design as build
        from ..config import load_config
        from ..errors import ConfigError
        from ..io.write import OutputWriter
        from ..publish.results import write_result
        from ..report.design_texts import design_summary, render_texts_docx
        from ..report.i18n import word

        config = load_config(config_path)
        if config.vignette is None or not config.vignette.factors:
            raise ConfigError(f"{config_path} has no [vignette.factors]; declare every factor "
                              "with its levels, e.g. [vignette.factors.reputatie] levels = "
                              "[\"laag\", \"hoog\"]")
        factors = config.vignette.factors
        result = build(factors, vignettes_per_respondent=vignettes_per_respondent, sets=sets,
                       seed=seed, repeat=repeat, respondents=respondents,
                       template=config.vignette.template)
        language = language_of(lang, config)
        tables = result.tables()
        options = {"vignettes_per_respondent": vignettes_per_respondent, "sets": sets,
                   "seed": seed, "repeat": repeat, "respondents": respondents}
        with OutputWriter(out, inputs=[config_path], command="design") as writer:
            write_result(writer, "design", tables, inputs=[config_path], config=config,
                         options=options)
            if result.texts is not None:
                title = f"{config.display_title()} — {word('design.title', language)}"
                writer.write_bytes("design_texts.docx",
                                   render_texts_docx(result.texts, title, language))
            files = list(writer.files)
        summary = design_summary(result.efficiency,
                                 {f.label: len(f.levels) for f in factors.values()}, language)
        print_tables(fmt, tables, "deck", summary, quiet)
        show_written(files, out, quiet, language)
