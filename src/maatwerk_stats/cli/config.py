"""``maatwerk-stats config``."""

from pathlib import Path
from typing import Annotated

import typer

from .app import LangOpt, TracebackOpt, app, echo, handled, language_of


@app.command()
def config(
    reference: Annotated[bool, typer.Option(
        "--reference", help="Print every config key with its type, default, meaning and an "
        "example (Markdown; the same as docs/config.md).")] = False,
    check: Annotated[Path | None, typer.Option(
        "--check", metavar="FILE", help="Check a study config: every problem is listed.",
        show_default=False)] = None,
    lang: LangOpt = None,
    traceback: TracebackOpt = False,
) -> None:
    """The study config: its reference (--reference) or a check of one (--check FILE).

    The check's output is in Dutch by default (or the config's study.language); --lang en
    switches to English. The reference is in English, as docs/config.md.
    """
    with handled(traceback):
        from ..config.load import load_config
        from ..config.reference import reference_markdown
        from ..errors import OptionError

        if reference == (check is not None):
            raise OptionError(
                en="give --reference (print the config reference) or --check FILE (check a "
                   "config), e.g. maatwerk-stats config --reference",
                nl="geef --reference (de naslag van de config tonen) of --check FILE (een "
                   "config controleren), bijv. maatwerk-stats config --reference")
        if reference:
            typer.echo(reference_markdown())
        else:
            from ..report.i18n import word
            from ..report.text import whole, wrap

            loaded = load_config(check)
            language = language_of(lang, loaded)
            echo(wrap(word("config.valid", language, file=whole(check),
                           scales=", ".join(loaded.scales) or word("none", language))))
