"""The Typer app, the options the commands share, and the error translation.

No statistics here. Every command runs inside :func:`handled`, which turns a
:class:`~maatwerk_stats.errors.MaatwerkError` into one ``Error: …`` line and its exit code, and
any other exception into a short "internal error" line without respondent data (``--traceback``
shows the full traceback). Heavy libraries are imported inside the commands so that
``maatwerk-stats --help`` stays fast.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import typer
import typer.core

from .. import __version__
from ..errors import ExitStatus, MaatwerkError

if TYPE_CHECKING:
    from ..config import StudyConfig
    from ..io.dataset import Dataset
    from ..notes import Note

# Placeholders for options and arguments that name none: one word per kind of value.
_COLUMN = {"id", "id_column", "outcome", "position", "site", "group", "team", "by",
           "vignette_column", "leaders_id"}
_COLUMNS = {"adjust_for", "categorical", "factors", "wide_columns", "variables", "predictors",
            "covariates"}


def _choices(param: Any) -> tuple[Any, ...] | None:
    """The choices of a parameter: click's ``param.type.choices`` (typer < 0.29) or typer's own
    ``param.type_descriptor.choices`` (typer 0.29 has no ``param.type``)."""
    choices = getattr(getattr(param, "type", None), "choices", None)
    if choices is None:
        descriptor = getattr(param, "type_descriptor", None)
        if getattr(descriptor, "is_choice", False):
            choices = getattr(descriptor, "choices", None)
    return tuple(choices) if choices else None


def _is_path(param: Any) -> bool:
    kind = getattr(param, "type", None)
    if kind is not None and "path" in type(kind).__name__.lower():
        return True
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    return isinstance(annotation, type) and issubclass(annotation, Path)


def _placeholder(param: Any) -> str:
    """The placeholder of a parameter without one: ``DATA``, ``COLUMN``, ``FILE``, ``nl|en``.
    Reads only attributes every typer version since 0.12 has, or falls back (see
    :func:`_choices`), so an unpinned install shows its help instead of crashing."""
    name = (getattr(param, "name", None) or "").lower()
    if getattr(param, "param_type_name", None) == "argument":
        return name.upper()
    choices = _choices(param)
    if choices:
        return "|".join(str(getattr(c, "value", c)) for c in choices)
    if name in _COLUMN:
        return "COLUMN"
    if name in _COLUMNS:
        return "COLUMNS"
    if name.endswith("range"):
        return "LOW,HIGH"
    if name in ("config_path", "deck") or _is_path(param):
        return "FILE"
    if name in ("scale", "scales"):
        return "NAME"
    return name.upper()


def _usage_piece(param: Any) -> str:
    """An argument on the usage line as click writes it: ``DATA``, ``DATA...``, ``[POST...]``
    (typer 0.27 writes a required one as ``{DATA}``)."""
    piece = param.metavar or (param.name or "").upper()
    if getattr(param, "nargs", 1) != 1 and not piece.endswith("..."):
        piece += "..."
    return piece if param.required else f"[{piece}]"


# The help is in English (the option names are English words); what a command prints and
# writes is in Dutch unless asked otherwise. Said in the top-level help and under the first
# line of every command that has --lang (a command whose own help says it keeps its words).
LANGUAGE_LINE = "Output is in Dutch by default{config}; --lang en switches to English."
_BY_CONFIG = " (or the config's study.language)"


def _say_language(command: Any) -> None:
    """:data:`LANGUAGE_LINE` as the second paragraph of ``command``'s help when it has a
    ``--lang`` option and its first two paragraphs do not say the language themselves; with
    "(or the config's study.language)" when it reads a config (``--config``, ``--check``),
    as :func:`language_of` does."""
    help_text = getattr(command, "help", None)
    params = {getattr(p, "name", None) for p in getattr(command, "params", [])}
    if not help_text or "lang" not in params:
        return
    first, _, rest = help_text.strip().partition("\n\n")
    if "--lang en" in first + rest.split("\n\n", 1)[0]:
        return
    line = LANGUAGE_LINE.format(config=_BY_CONFIG if params & {"config_path", "check"} else "")
    command.help = f"{first}\n\n{line}" + (f"\n\n{rest}" if rest else "")


class _Group(typer.core.TyperGroup):
    """The command group: every placeholder in capitals (``--id COLUMN``, never ``<str>``),
    arguments on the usage line without typer's braces, and the command list with each
    command's whole first sentence (click would cut it)."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        for param in getattr(command, "params", []):
            takes_value = not (getattr(param, "is_flag", False) or getattr(param, "count", False))
            if param.metavar is None and takes_value:
                param.metavar = _placeholder(param)
                if getattr(param, "nargs", 1) != 1 and param.param_type_name == "argument":
                    param.metavar += "..."
            if param.param_type_name == "argument":
                param.get_usage_pieces = lambda ctx, param=param: [_usage_piece(param)]
        _say_language(command)
        return command

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            text = (command.short_help or command.help or "").split("\n\n", 1)[0]
            rows.append((name, " ".join(text.split())))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


app = typer.Typer(
    cls=_Group,
    name="maatwerk-stats",
    help="Scales, reliability, pre/post comparisons, vignette regressions and factsheets for "
         "evaluations of maatwerk trainings.\n\n" + LANGUAGE_LINE.format(config=_BY_CONFIG)
         + " This help is in English.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Lang(StrEnum):
    nl = "nl"
    en = "en"


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class OutOfRangeChoice(StrEnum):
    error = "error"
    missing = "missing"


# Options shared by the commands -----------------------------------------------------------

def given_config(value: Path | None) -> Path | None:
    """``--config`` given: an error raised before the config is read (reading the data comes
    first in most commands) speaks the config's ``study.language`` (see :func:`handled`)."""
    _State.config_path = value
    return value


ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", "-c", metavar="FILE", help="Study config (TOML). Without it, scales are "
    "inferred from column names such as samenwerking_1..4.", show_default=False,
    callback=given_config)]
OutOpt = Annotated[Path, typer.Option("--out", "-o", metavar="DIR",
                                      help="Directory for the output files.")]
def _given_language(value: Lang | None) -> Lang | None:
    """``--lang`` given: the run speaks it from the first line on (see :func:`speak`)."""
    if value is not None:
        _State.language = value.value
    return value


LangOpt = Annotated[Lang | None, typer.Option(
    "--lang", help="Language of rendered output (default: the config's study.language, else "
    "nl).", show_default=False, callback=_given_language)]
FormatOpt = Annotated[Format, typer.Option("--format", "-f",
                                           help="What to print on the terminal.")]
QuietOpt = Annotated[bool, typer.Option(
    "--quiet", "-q", help="Print only errors (and the --format csv/json output).")]
TracebackOpt = Annotated[bool, typer.Option(
    "--traceback", help="On an error, show the full Python traceback (for debugging).")]


class _State:
    """Set by the app callback on every invocation (``--traceback`` before the command), and
    the language of the run once it is known, with the notes that wait for it."""

    traceback = False
    language: str | None = None  # --lang, else the config's study.language, else nl
    config_path: Path | None = None  # --config, for an error raised before it is read
    pending: ClassVar[list[tuple[Note, bool]]] = []  # (note, quiet) before the language is known


def _version(value: bool) -> None:
    if value:
        typer.echo(f"maatwerk-stats {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    traceback: TracebackOpt = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Scales, reliability, pre/post comparisons, vignette regressions and factsheets.

    Start with `make demo`, or: maatwerk-stats scales data/demo/pre.sav --config
    configs/leeratelier.toml
    """
    _State.traceback = traceback or bool(os.environ.get("MAATWERK_TRACEBACK"))
    _State.language = None
    _State.config_path = None
    _State.pending = []
    _fit_terminal()


def _fit_terminal() -> None:
    """Tables and paragraphs fit the terminal window; a pipe or a file gets full lines (a
    script reads those)."""
    import shutil
    import sys

    from ..report.text import terminal_width

    if sys.stdout.isatty() or sys.stderr.isatty():
        terminal_width(shutil.get_terminal_size().columns)


@contextlib.contextmanager
def handled(traceback: bool = False) -> Iterator[None]:
    """Translate library errors into one message and an exit code (see module docstring)."""
    show = traceback or _State.traceback
    try:
        yield
        speak(_State.language or "nl")  # a note that still waited: in the tool's default
    except MaatwerkError as error:
        lang = speak(error_language(error))
        if show:
            raise
        typer.echo(error_line(error, lang), err=True)
        raise typer.Exit(int(error.exit_status)) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except BrokenPipeError:  # `… | head`: the reader has had enough; no error, no traceback
        import sys

        with contextlib.suppress(OSError):  # nothing more may reach the closed pipe
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(141) from None  # 128 + SIGPIPE, as a tool stopped by the pipe
    except Exception as error:
        if show:
            raise
        name = type(error).__name__
        if error_language() == "nl":
            line = (f"Fout: interne fout in maatwerk-stats ({name}). Geef dezelfde opdracht "
                    "met --traceback om te zien waar het gebeurde, en meld het.")
        else:
            line = (f"Error: internal error in maatwerk-stats ({name}). Run the same command "
                    "with --traceback to see where it happened, and report it.")
        typer.echo(line, err=True)
        raise typer.Exit(int(ExitStatus.SOFTWARE)) from None


def error_language(error: MaatwerkError | None = None) -> str:
    """The language of an error line: ``--lang``, else the language of the run, else (a
    config that failed to load) its own ``study.language`` (config/load.py: load_config),
    else (an error before the config was read, such as a data file that cannot be read) the
    ``--config`` file's, else Dutch."""
    return (_State.language or (error.language if error is not None else None)
            or config_file_language(_State.config_path) or "nl")


def config_file_language(path: Path | None) -> str | None:
    """The ``study.language`` ("nl"/"en") of the config file at ``path``, or ``None`` when
    there is none, the file is not a readable TOML file of at most 1 MB, or it names no
    language: only for the language of an error line, never an error itself."""
    import tomllib

    from ..config.load import file_language

    if path is None:
        return None
    try:
        if not path.is_file() or path.stat().st_size > 1_000_000:
            return None
        return file_language(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeError, tomllib.TOMLDecodeError, RecursionError, ValueError):
        return None


def error_line(error: MaatwerkError, lang: str) -> str:
    """The one line an error prints, wrapped to the window: ``Fout: …`` in a Dutch run when
    the message has its Dutch text, else ``Error: …`` and the English message (never half
    Dutch, half English; see :mod:`maatwerk_stats.errors`)."""
    from ..report.text import wrap

    if lang != "en" and error.speaks(lang):
        return wrap(f"Fout: {error.render(cli_reference, lang)}")
    return wrap(f"Error: {error.render(cli_reference)}")


def terminal_text(text: str) -> str:
    """``text`` without control characters other than line breaks and tabs: a label or a
    value from a data file must not move the cursor, ring, or open a link (OSC sequences)."""
    import unicodedata

    return "".join("\ufffd" if unicodedata.category(c) == "Cc" and c not in "\n\t" else c
                   for c in text)


def echo(text: str, err: bool = False, nl: bool = True) -> None:
    """Print to the terminal with :func:`terminal_text` applied."""
    typer.echo(terminal_text(text), err=err, nl=nl)


def info(message: str, quiet: bool = False) -> None:
    """A message on stderr, wrapped to the terminal's width (not with ``--quiet``)."""
    from ..report.text import wrap

    if not quiet:
        echo(wrap(message), err=True)


# Library parameter → command-line flag, where the flag is not ``--`` + the name with dashes.
FLAGS = {"id_column": "--id", "id": "--id", "scales": "--scale", "config": "--config",
         "vignette_column": "--vignette-column", "out": "--out"}


def cli_reference(name: str, value: str | None) -> str:
    """How the CLI writes a parameter a library message refers to
    (:func:`maatwerk_stats.errors.param`): its flag, followed by the example value."""
    flag = FLAGS.get(name, "--" + name.replace("_", "-"))
    return flag if value is None else f"{flag} {value}"


def show_notes(notes: Iterable[Note], quiet: bool = False, lang: str | None = None) -> None:
    """Notes and warnings on stderr, with their respondent ids (the terminal is the analyst's
    own; published files never hold them); in ``lang`` where the word table has the note
    (:func:`maatwerk_stats.report.notes.note_line`), else in English."""
    from ..report.notes import note_line

    for note in notes:
        info(note_line(note, lang, cli_reference), quiet)


def show_written(files: Iterable[str], out: Path, quiet: bool = False,
                 lang: str | None = None) -> None:
    """What was written, in ``lang`` (default Dutch, as the tables): ``Geschreven naar out:
    scores.csv, results.json, 6 figuurbestanden (figures/)`` — files named, the tables/ and
    figures/ folders counted."""
    from ..report.i18n import word
    from ..report.text import whole

    lang = lang or "nl"
    files = [str(f) for f in files]
    named = [Path(f).name for f in files if not f.startswith(("tables/", "figures/"))]
    for folder in ("tables", "figures"):
        count = sum(f.startswith(folder + "/") for f in files)
        if count:
            named.append(whole(word(f"written_{folder}", lang, n=count)))
    info(f"{word('written', lang)} {out}: {', '.join(named)}", quiet)


def speak(language: str) -> str:
    """The language of this run is known (``--lang``, else the config's ``study.language``,
    else Dutch, the tool's default; ``init``: the language it writes into the config): the
    notes that were raised before it was (:func:`defer`: the sheet that was read, a renamed
    option) are printed now, in it. Returns ``language``."""
    _State.language = language
    pending, _State.pending = _State.pending, []
    for note, quiet in pending:
        show_notes([note], quiet, language)
    return language


def defer(note: Note, quiet: bool = False) -> None:
    """Show ``note`` in the run's language: now if it is known, else once :func:`speak`
    knows it (at the latest when the command ends, in Dutch)."""
    if _State.language is not None:
        show_notes([note], quiet, _State.language)
    else:
        _State.pending.append((note, quiet))


def deprecated(old: str, new: str, value: Any, quiet: bool = False) -> Any:
    """The value of a deprecated option name, with a note to use the new one (in the run's
    language, :func:`defer`)."""
    if value is not None:
        from ..notes import Note

        defer(Note("option_renamed", f"{old} is now called {new}; {old} will be removed in "
                   "the next release.", values={"old": old, "new": new}), quiet)
    return value


# Shared steps ---------------------------------------------------------------------------------


SheetOpt = Annotated[str | None, typer.Option(
    "--sheet", metavar="NAME|N", help="The sheet of an Excel workbook to read: its name, or "
    "its number (1 = the first; default: the first).", show_default=False)]


def read_input(path: Path, sheet: str | None = None, quiet: bool = False,
               categorical: tuple[str, ...] = ()) -> Dataset:
    """Read a data file; of a workbook with several sheets the note says which was read.
    ``categorical``: text columns to hand over as categoricals (``read_data``)."""
    from ..errors import OptionError
    from ..io.dataset import sheet_notes, widen
    from ..io.read import EXCEL_SUFFIXES, read_data

    if sheet is not None and path.suffix.lower() not in EXCEL_SUFFIXES:
        raise OptionError(
            en=f"--sheet {sheet}: {path} is not an Excel workbook (.xlsx); --sheet chooses a "
               "sheet of one.",
            nl=f"--sheet {sheet}: {path} is geen Excel-werkmap (.xlsx); --sheet kiest een "
               "werkblad van een werkmap.")
    dataset = widen(read_data(path, sheet=sheet, categorical=categorical))
    for note in sheet_notes([dataset], hint=sheet is None):
        defer(note, quiet)  # in the run's language, known once the config is read
    return dataset


def resolve_config(config_path: Path | None, dataset: Dataset, quiet: bool,
                   lang: str | None = None) -> StudyConfig:
    from ..config import infer_config, load_config

    if config_path is not None:
        config = load_config(config_path)
        speak(lang or _State.language or config.language)  # an error from here on speaks it
        return config
    config = infer_config(dataset)
    show_inferred(config, dataset, quiet, lang or _State.language or config.language)
    return config


def show_inferred(config: StudyConfig, dataset: Dataset, quiet: bool, lang: str) -> None:
    """Which scales were inferred from the column names (no ``--config``), what to do about
    it, and codes such as 9 that look like missing codes; in ``lang``."""
    from ..config.draft import suspicious_code_notes
    from ..report.i18n import word

    speak(lang)
    info(word("inferred", lang) + ": "
         + "; ".join(f"{s.name} ({', '.join(s.items)})" for s in config.scales.values())
         + ". " + word("inferred_advice", lang), quiet)
    show_notes(suspicious_code_notes(dataset, config), quiet, lang)


# The group-option family, the same in every command that splits data into groups.
GroupOpt = Annotated[str | None, typer.Option(
    "--group", metavar="COLUMN", help="The column that says which group (measurement) a row "
    "belongs to (default: the config's groups.column).", show_default=False)]
GroupOrderOpt = Annotated[str | None, typer.Option(
    "--group-order", metavar="A,B", help="The group codes in order, comma-separated, before "
    "first, e.g. voor,na (default: the config's groups.order).", show_default=False)]
ByOpt = Annotated[str | None, typer.Option("--by", hidden=True, help="Old name of --group.")]
OrderOpt = Annotated[str | None, typer.Option("--order", hidden=True,
                                              help="Old name of --group-order.")]


def names(value: str | None) -> list[str]:
    """``"a, b,c"`` → ``["a", "b", "c"]``."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def language_of(lang: Lang | None, config: StudyConfig | None) -> str:
    """The run's language: ``--lang``, else the config's ``study.language``, else Dutch
    (:func:`speak`: the notes that waited for it are printed now)."""
    if lang is not None:
        return speak(lang.value)
    return speak(config.language if config is not None else "nl")


def print_tables(fmt: Format, tables: dict[str, Any], main: str, rendered: str,
                 quiet: bool = False) -> None:
    """The results on stdout: the text tables (not with ``--quiet``; lines longer than the
    window, such as titles and paragraphs, wrapped), or the CSV/JSON that ``--format`` asked
    for (always: that is the output a script reads, never wrapped)."""
    from ..io.write import dumps_json
    from ..report.text import wrap

    if fmt is Format.table:
        if not quiet:  # the tables fit the window already; titles and paragraphs wrap here
            echo(wrap(rendered))
    elif fmt is Format.csv:
        typer.echo(tables[main].to_csv(index=False, lineterminator="\n"), nl=False)
    else:
        typer.echo(dumps_json(tables))


