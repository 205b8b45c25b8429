"""``maatwerk-stats factsheet``."""

import sys
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer

from .app import (
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
    show_notes,
    show_written,
)


class StepProgress:
    """``[2/5] vignetstudie: modellen …`` on stderr, only when stderr is a terminal and not
    ``--quiet`` (so logs and pipes stay clean)."""

    def __init__(self, total: int, lang: str, quiet: bool) -> None:
        self.total = total
        self.lang = lang
        self.enabled = not quiet and sys.stderr.isatty()
        self.done = 0

    def __call__(self, step: str) -> None:
        self.done += 1
        if self.enabled:
            from ..report.i18n import section

            words = section("step", self.lang).get(step, step)
            typer.echo(f"[{self.done}/{self.total}] {words} …", err=True)


# what the figure process imports after matplotlib, while it waits for the first job: the
# figure modules; the jobs of the comparison and the vignettes (printed twins included) carry
# tables as lists and small label objects, not results, and need no analysis module
FIGURE_PRELOAD = tuple(f"maatwerk_stats.{name}" for name in (
    "report.figures.compare", "report.figures.vignette", "report.figures.printed"))


def _import_rest(config: Any, inputs: Any) -> None:
    """The modules of the factsheet's later sections and writers, with the collector off
    and then frozen (``publish.factsheet.import_modules``)."""
    from ..publish.factsheet import import_modules
    from ..publish.figure_process import collector_off

    with collector_off(freeze=True):
        import_modules(config, inputs, "rest")


def default_config(folder: Path) -> Path:
    """Without --config: ``configs/leeratelier.toml`` (the demo), else the only ``.toml`` in
    ``configs/``; otherwise an error that says what to do."""
    from ..errors import OptionError

    configs = sorted((folder / "configs").glob("*.toml"))
    demo = Path("configs") / "leeratelier.toml"
    if (folder / demo).is_file():
        return demo
    if len(configs) == 1:
        return configs[0].relative_to(folder)
    if configs:
        listed = ", ".join(str(c.relative_to(folder)) for c in configs)
        raise OptionError(
            en=f"no --config given and configs/ holds several: {listed}. Choose one with "
               "--config FILE.",
            nl=f"geen --config gegeven en configs/ bevat er meerdere: {listed}. Kies er een "
               "met --config FILE.")
    raise OptionError(
        en=f"no --config given and no configs/*.toml in {folder}. Pass the study config with "
           "--config FILE, or write one from your data with `maatwerk-stats init DATA` (it "
           "writes configs/NAME.toml).",
        nl=f"geen --config gegeven en geen configs/*.toml in {folder}. Geef de config van de "
           "studie met --config FILE, of schrijf er een vanuit de gegevens met "
           "`maatwerk-stats init DATA` (dat schrijft configs/NAME.toml).")


@app.command()
def factsheet(
    config_path: Annotated[Path | None, typer.Option(
        "--config", "-c", metavar="FILE", help="Study config (TOML) naming the data files "
        "under [data] (default: the one .toml in configs/ here, e.g. configs/leeratelier.toml).",
        show_default=False, callback=given_config)] = None,
    out: OutOpt = Path("out"),
    lang: LangOpt = None,
    pre: Annotated[Path | None, typer.Option(
        "--pre", metavar="FILE", help="Questionnaire before (overrides [data] pre).",
        show_default=False)] = None,
    post: Annotated[Path | None, typer.Option(
        "--post", metavar="FILE", help="Questionnaire after (overrides [data] post).",
        show_default=False)] = None,
    questionnaire: Annotated[Path | None, typer.Option(
        "--questionnaire", metavar="FILE", help="One questionnaire file with a group column "
        "(overrides [data] questionnaire).", show_default=False)] = None,
    vignette_data: Annotated[Path | None, typer.Option(
        "--vignette-data", metavar="FILE", help="Vignette ratings (overrides [data] "
        "vignette).", show_default=False)] = None,
    pdf: Annotated[bool, typer.Option(
        "--pdf", help="Also write factsheet.pdf: the HTML printed to A4 by headless Chromium "
        "(Debian/Ubuntu package chromium), fonts embedded.")] = False,
    quiet: QuietOpt = False,
    traceback: TracebackOpt = False,
    old_vignette_data: Annotated[Path | None, typer.Option(
        "--vignette", hidden=True, help="Old name of --vignette-data.")] = None,
    sheet: SheetOpt = None,
) -> None:
    """Run every configured analysis and write tables, figures and the factsheet.

    Writes tables/ (CSV and tables.xlsx), figures/ (PNG and SVG), factsheet.html,
    factsheet.docx (with --pdf also factsheet.pdf) and results.json into --out; nothing is
    written unless all of it succeeds.
    """
    with handled(traceback):
        from ..publish.figure_process import collector_off, figure_process, unfrozen_after

        vignette_data = vignette_data or deprecated("--vignette", "--vignette-data",
                                                    old_vignette_data, quiet)
        engine = None
        if pdf:  # before any analysis: without the engine nothing is written
            from ..publish.pdf import find_engine

            engine = find_engine()
        # the figure process imports matplotlib on the second core while this one loads the
        # config and analyses (it is forked before the config is read, so the config, writer
        # and analysis imports overlap its imports; an error before the first job ends it)
        with unfrozen_after(), figure_process(preload=FIGURE_PRELOAD):
            # the modules with the cyclic collector off, then frozen (publish/factsheet.py:
            # import_modules): their imports' collections found nothing to free
            with collector_off(freeze=True):
                from ..config import load_config
                from ..io.write import OutputWriter
                from ..publish.factsheet import (
                    import_modules,
                    resolve_inputs,
                    run_analyses,
                    write_factsheet,
                )

            config_path = config_path or default_config(Path.cwd())
            config = load_config(config_path)
            language = language_of(lang, config)  # an error from here on speaks it too
            inputs = resolve_inputs(config, {"pre": pre, "post": post,
                                             "questionnaire": questionnaire,
                                             "vignette": vignette_data}, sheet=sheet)
            with collector_off(freeze=True):  # the rest once the first figures are sent
                import_modules(config, inputs, "first")
            steps = 3 + bool(config.scales) + (config.vignette is not None)
            progress = StepProgress(steps, language, quiet)
            from ..publish.codes import codes_paths
            from ..publish.factsheet_figures import FactsheetFigures

            writer = OutputWriter(out, inputs=[*inputs.paths(), config_path,
                                               *codes_paths(config)],
                                  refuse_input_dir=True, command="factsheet")
            with writer:
                # each analysis's figures start as soon as its result is protected
                figures = FactsheetFigures(writer, language)
                results = run_analyses(config, inputs, progress, figures,
                                       imports=partial(_import_rest, config, inputs))
                write_factsheet(results, writer, language, progress,
                                options={"inputs": [str(p) for p in inputs.paths()],
                                         "pdf": pdf, "sheet": sheet},
                                reference=cli_reference, pdf_engine=engine, figures=figures)
        show_notes(results.notes, quiet, language)
        show_written(writer.files, out, quiet, language)
