"""``maatwerk-stats design``."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
)
from .plan_input import (
    DesignPerRespondentOpt,
    FactorsConfigOpt,
    SeedOpt,
    factors_config,
    write_and_show,
)

if TYPE_CHECKING:
    from ..io.write import OutputWriter


@app.command()
def design(
    config_path: FactorsConfigOpt,
    vignettes_per_respondent: DesignPerRespondentOpt = None,
    sets: Annotated[int | None, typer.Option(
        "--sets", metavar="S", help="Number of sets (decks handed out in turn; default: as "
        "many whole sets of K as there are combinations).", show_default=False)] = None,
    seed: SeedOpt = 1,
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
    config has vignette.template, with a [slot] per factor) and results.json into --out.
    """
    with handled(traceback):
        from ..analyses.design import design as build
        from ..report.design_texts import design_summary, render_texts_docx
        from ..report.i18n import word

        config, factors = factors_config(config_path)
        result = build(factors, vignettes_per_respondent=vignettes_per_respondent, sets=sets,
                       seed=seed, repeat=repeat, respondents=respondents,
                       template=config.vignette.template)
        language = language_of(lang, config)
        tables = result.tables()
        options = {"vignettes_per_respondent": vignettes_per_respondent, "sets": sets,
                   "seed": seed, "repeat": repeat, "respondents": respondents}

        def texts_docx(writer: "OutputWriter") -> None:
            if result.texts is not None:
                title = f"{config.display_title()} — {word('design.title', language)}"
                writer.write_bytes("design_texts.docx",
                                   render_texts_docx(result.texts, title, language))

        summary = design_summary(result.efficiency,
                                 {f.label: len(f.levels) for f in factors.values()}, language)
        write_and_show("design", tables, out=out, inputs=[config_path],
                       protected=[config_path], config=config, options=options, fmt=fmt,
                       main="deck", rendered=summary, quiet=quiet, lang=language,
                       extra=texts_docx)
