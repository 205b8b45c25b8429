"""``maatwerk-stats simulate``."""

from pathlib import Path
from typing import Annotated

import typer

from .app import QuietOpt, TracebackOpt, app, handled, show_written


@app.command()
def simulate(
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR",
                                      help="Directory for the demo files.")]
    = Path("data/demo"),
    seed: Annotated[int, typer.Option(metavar="N", help="Random seed.")] = 2023,
    quiet: QuietOpt = False,
    traceback: TracebackOpt = False,
) -> None:
    """Write the synthetic demo data (questionnaire before/after and vignettes), calibrated
    to the published Leeratelier figures."""
    with handled(traceback):
        from ..io.write import OutputWriter
        from ..simulate import write_demo

        with OutputWriter(out) as writer:
            write_demo(writer, seed=seed)
            files = list(writer.files)
        show_written(files, out, quiet)
