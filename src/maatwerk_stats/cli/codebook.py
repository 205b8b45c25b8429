"""``maatwerk-stats codebook``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import Format, FormatOpt, TracebackOpt, app, echo, handled, read_input


@app.command()
def codebook(
    data: Annotated[Path, typer.Argument(
        metavar="DATA", help="Data file (.sav .por .dta .csv .tsv .xlsx).",
        show_default=False)],
    fmt: FormatOpt = Format.table,
    traceback: TracebackOpt = False,
) -> None:
    """List every variable: label, type, value labels, missing codes, n valid / missing,
    min / max."""
    with handled(traceback):
        from ..io.codebook import codebook as make_codebook
        from ..io.write import dumps_json
        from ..report.console.codebook import codebook_table

        dataset = read_input(data)
        book = make_codebook(dataset)
        if fmt is Format.table:
            source = ", ".join(f"{k} {v}" for k, v in dataset.source.items() if k != "format")
            echo(f"{data}: {len(dataset.frame)} rows, {book.shape[0]} variables"
                       + (f" ({source})" if source else ""))
            echo(codebook_table(book))
        elif fmt is Format.csv:
            typer.echo(book.to_csv(index=False, lineterminator="\n"), nl=False)
        else:
            typer.echo(dumps_json({"file": dataset.provenance(), "variables": book}))
