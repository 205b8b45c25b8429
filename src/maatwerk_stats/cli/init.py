"""``maatwerk-stats init``."""

from pathlib import Path
from typing import Annotated

import typer

from .app import (
    LangOpt,
    QuietOpt,
    SheetOpt,
    TracebackOpt,
    app,
    echo,
    handled,
    info,
    read_input,
    speak,
)


def program() -> str:
    """The command as it was typed (``.venv/bin/maatwerk-stats``, as the README runs it), so
    that the suggested next command runs as it is pasted; else ``maatwerk-stats``."""
    import sys

    from ..report.text import shell_word

    typed = sys.argv[0] if sys.argv else ""
    return shell_word(typed) if Path(typed).name == "maatwerk-stats" else "maatwerk-stats"


@app.command()
def init(
    data: Annotated[list[Path], typer.Argument(
        metavar="DATA...", help="The data files: one questionnaire (with a group column), "
        "two (before, after), and/or long vignette data.", show_default=False)],
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="FILE", help="Where to write the config (default: "
        "configs/NAME.toml, NAME from the first data file).", show_default=False)] = None,
    name: Annotated[str | None, typer.Option(
        "--name", metavar="NAME", help="Study name (default: the first file's name).",
        show_default=False)] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace FILE when it exists.")] = False,
    quiet: QuietOpt = False,
    traceback: TracebackOpt = False,
    sheet: SheetOpt = None,
    lang: LangOpt = None,
) -> None:
    """Write a complete, commented study config from the data, to check and edit.

    The config and what init prints are in Dutch by default (English when the answer texts
    are English); --lang en switches to English. --lang sets study.language in the config.

    Scales from column names (samenwerking_1..4), item labels from SPSS variable labels,
    value maps for Likert answers as text, ranges, missing codes (9 = weet niet), groups,
    teams, and a vignette section. Lines marked # CHECK: are guesses: read those.
    """
    with handled(traceback):
        from ..config.draft import draft_config
        from ..config.load import load_config
        from ..errors import OptionError, OutputError
        from ..io.write import atomic_write_text, check_file_target, check_not_input
        from ..report.i18n import word
        from ..report.text import command_lines, shell_word, whole, wrap

        if name is not None and (not name.strip() or any(c in name for c in "/\\")
                                 or name.strip() in (".", "..")):
            # configs/NAME.toml: a name with a path in it wrote the config elsewhere
            raise OptionError(
                en=f"--name {name!r} is not a study name (it must not be empty or hold / or "
                   "\\); choose where the config goes with --out FILE.",
                nl=f"--name {name!r} is geen naam voor een studie (die mag niet leeg zijn en "
                   "geen / of \\ bevatten); kies met --out FILE waar de config komt.")
        datasets = [read_input(path, sheet, quiet) for path in data]
        target = out or Path("configs") / f"{name or data[0].stem}.toml"
        check_not_input(target, data, "--out")
        check_file_target(target, "--out")
        if target.is_dir():
            raise OutputError(
                en=f"--out {target} is a directory; give a file name such as "
                   f"{target / 'studie.toml'}.",
                nl=f"--out {target} is een map; geef een bestandsnaam zoals "
                   f"{target / 'studie.toml'}.")
        if target.exists() and not force:
            raise OutputError(
                en=f"{target} exists already; choose another --out FILE, or add --force to "
                   "replace it.",
                nl=f"{target} bestaat al; kies een andere bestandsnaam met --out FILE, of voeg "
                   "--force toe om het te vervangen.")
        draft = draft_config(datasets, target, name=name,
                             language=lang.value if lang is not None else None)
        try:
            atomic_write_text(target, draft.text)
        except OSError as exc:  # e.g. a folder that cannot be made or written
            raise OutputError(
                en=f"cannot write {target}: {exc.strerror}. Choose another --out FILE.",
                nl=f"kan {target} niet schrijven: {exc.strerror}. Kies een andere bestandsnaam "
                   "met --out FILE."
            ) from exc
        load_config(target)  # what init writes always loads
        language = speak(draft.language)  # the language of the config it wrote
        if not quiet:
            echo(wrap(word("init.wrote", language, file=whole(target),
                           scales=", ".join(draft.scales) or word("none", language),
                           n=len(draft.checks), mark=whole("# CHECK:"))))
        info(command_lines([word("init.next", language), program(), "factsheet",
                            whole(f"--config {shell_word(target)}"),
                            whole(f"--out {shell_word(Path('out') / target.stem)}")]), quiet)
