"""``maatwerk-stats codes``: code tree, tree totals and domain × direction matrix of coded
interviews."""

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
    cli_reference,
    given_config,
    handled,
    language_of,
    print_tables,
    show_notes,
    show_written,
)

CodesConfigOpt = Annotated[Path | None, typer.Option(
    "--config", "-c", metavar="FILE", help="Study config (TOML) with a [codes] section: the "
    "export, domains, directions, participants.", show_default=False, callback=given_config)]


@app.command()
def codes(
    export: Annotated[Path | None, typer.Argument(
        metavar="EXPORT",
        help="The QDA export: a REFI-QDA project (.qdpx) or codebook (.qdc), an NVivo code "
        "summary (.xlsx/.csv: Name, Files, References) or a coded-segments table "
        "(.csv/.xlsx: Document, Code, Segment). Default: the config's codes.export.",
        show_default=False)] = None,
    config_path: CodesConfigOpt = None,
    segments: Annotated[Path | None, typer.Option(
        "--segments", metavar="FILE", help="A coded-segments table that goes with a codebook "
        "or code summary EXPORT: counts from the segments, checked against the summary's "
        "[codes.segments].", show_default=False)] = None,
    quotes: Annotated[int | None, typer.Option(
        "--quotes", metavar="N", min=0, help="Pick up to N fragments per factor for the "
        "report, pseudonymised (codes_quotes.csv) [codes.quotes; without a config 0].",
        show_default=False)] = None,
    out: OutOpt = Path("out"),
    figures: Annotated[bool, typer.Option(
        "--figures/--no-figures", help="Draw the code-tree figure (PNG and SVG in "
        "figures/).")] = True,
    lang: LangOpt = None,
    fmt: FormatOpt = Format.table,
    quiet: QuietOpt = False,
    traceback: TracebackOpt = False,
) -> None:
    """Code tree of coded interviews: files and references per code, totals per branch,
    factors by domain and direction (enabling / hindering), quotes.

    Writes codes.csv, codes_matrix.csv, codes_factors.csv, codes_quotes.csv (with --quotes),
    codes_participants.csv (when sources map to participants with attributes),
    figures/codes_tree.png/.svg and results.json into --out.
    """
    with handled(traceback):
        from ..analyses.codes import analyse_codes
        from ..config import load_config
        from ..config.codes import CodesConfig
        from ..errors import OptionError
        from ..io.write import OutputWriter
        from ..publish.codes import read_codes_inputs
        from ..publish.results import write_result
        from ..report.console.codes import codes_report

        config = load_config(config_path) if config_path is not None else None
        settings = (config.codes if config is not None and config.codes is not None
                    else CodesConfig())
        export = export or settings.export
        if export is None:
            raise OptionError(
                en="give the QDA export (maatwerk-stats codes EXPORT), or codes.export in the "
                   "--config.",
                nl="geef de QDA-export (maatwerk-stats codes EXPORT), of codes.export in de "
                   "--config.")
        segments = segments or settings.segments
        n_quotes = quotes if quotes is not None else (
            settings.quotes if config is not None and config.codes is not None else 0)
        data, inputs, documents, attributes = read_codes_inputs(
            Path(export), Path(segments) if segments else None, settings.participants)
        min_cell = config.report.min_cell if config is not None else 5
        language = language_of(lang, config)
        result = analyse_codes(data, settings, quotes=n_quotes, min_cell=min_cell,
                               participants=documents, attributes=attributes)
        tables = result.tables()
        options = {"export": str(export), "segments": str(segments) if segments else None,
                   "quotes": n_quotes, "min_cell": min_cell, "figures": figures,
                   "format": data.kind, "exact_totals": result.exact,
                   "directions": list(result.directions)}
        protected = [Path(export), *([Path(segments)] if segments else []),
                     *([settings.participants] if settings.participants else []),
                     *([config_path] if config_path else [])]
        with OutputWriter(out, inputs=protected, command="codes") as writer:
            write_result(writer, "codes", tables, inputs=inputs, config=config,
                         options=options, notes=result.notes, warnings=result.warnings,
                         reference=cli_reference)
            if figures:
                from ..report.figures.codes import write_codes_figures

                write_codes_figures(result, writer, language)
            files = list(writer.files)

        print_tables(fmt, tables, "codes", codes_report(result, language), quiet)
        show_notes((*result.notes, *result.warnings), quiet, language)
        show_written(files, out, quiet, language)
