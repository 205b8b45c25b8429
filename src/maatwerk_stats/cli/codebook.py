"""``maatwerk-stats codebook``."""

from pathlib import Path
from typing import Annotated

import typer

from .app import (
    Format,
    FormatOpt,
    LangOpt,
    SheetOpt,
    TracebackOpt,
    app,
    echo,
    handled,
    language_of,
    read_input,
)


@app.command()
def codebook(
    data: Annotated[Path, typer.Argument(
        metavar="DATA", help="Data file (.sav .por .dta .csv .tsv .xlsx).",
        show_default=False)],
    lang: LangOpt = None,
    fmt: FormatOpt = Format.table,
    sheet: SheetOpt = None,
    traceback: TracebackOpt = False,
) -> None:
    """List every variable: label, type, every answer with its count (value labels
    included), missing codes, n valid / missing, min / max."""
    with handled(traceback):
        from ..io.codebook import codebook as make_codebook
        from ..io.codebook import value_list
        from ..io.write import dumps_json
        from ..report.console.codebook import codebook_table
        from ..report.format import fmt_int
        from ..report.i18n import section, word
        from ..report.text import wrap

        dataset = read_input(data, sheet)
        book = make_codebook(dataset)
        if fmt is Format.table:
            language = language_of(lang, None)
            said = section("codebook.source", language)  # encoding, separator, decimal, sheet
            source = ", ".join(f"{said.get(k, k)} {v}" for k, v in dataset.source.items()
                               if k not in ("format", "sheets"))
            echo(wrap(word("codebook.summary", language, file=data,
                           rows=fmt_int(len(dataset.frame), language),  # 7.382 as the table
                           variables=fmt_int(book.shape[0], language))
                      + (f" ({source})" if source else "")))
            values = {c: value_list(dataset, c) for c in dataset.frame.columns}
            echo(codebook_table(book, values, language))
        elif fmt is Format.csv:
            typer.echo(book.to_csv(index=False, lineterminator="\n"), nl=False)
        else:
            typer.echo(dumps_json({"file": dataset.provenance(), "variables": book}))
