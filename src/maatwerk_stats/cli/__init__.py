"""The ``maatwerk-stats`` command line: parse options, call the library, render, write.

A thin layer: each command module parses its options, calls the library and renders the
result; no statistics live here. ``app.py`` holds the shared options and the one place where
library errors become messages and exit codes.

Command modules do not postpone their annotations (no ``from __future__ import
annotations``): typer reads each signature twice while building the command tree, and
evaluating the ``Annotated[…, typer.Option(…)]`` strings each time cost a third of the
start-up beyond ``import typer`` (tests/cli/test_cli_smoke.py).
"""

from __future__ import annotations

import sys

import typer

from . import (  # noqa: F401
    codebook,
    codes,
    compare,
    config,
    correlate,
    design,
    factsheet,
    init,
    power,
    regress,
    scales,
    simulate,
    teams,
    vignette,
)
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    import atexit
    import gc

    from .signals import stop_like_interrupt

    # at exit the interpreter's last collections walk every object pandas, scipy and the
    # command made (0.1–0.15 s of a demo run); frozen, they are skipped. Nothing else
    # changes: the other atexit handlers run, modules are cleared, stdout and stderr are
    # flushed, and the commands close their files themselves
    atexit.register(gc.freeze)
    stop_like_interrupt()
    try:
        app(prog_name="maatwerk-stats")
    except KeyboardInterrupt:  # Ctrl+C (or a stop signal): in the run's language
        from .app import error_language

        typer.echo("Interrupted." if error_language() == "en" else "Onderbroken.", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
