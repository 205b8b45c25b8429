"""User-facing errors.

The library raises these; the CLI turns each into one ``Error: …`` line on stderr and the exit
code of its class (modelled on sysexits.h, as httpie's ``ExitStatus``). Messages name the file,
column or value and say what to do. They never contain respondent-level answers: at most
variable names, category codes of a declared answer scale, counts and row numbers.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Exit codes of the ``maatwerk-stats`` command (after sysexits.h)."""

    OK = 0
    ERROR = 1
    USAGE = 2  # click's own code for bad options
    DATA = 65  # EX_DATAERR: the input data are not usable as they are
    NO_INPUT = 66  # EX_NOINPUT: an input file is missing or unreadable
    SOFTWARE = 70  # EX_SOFTWARE: a bug in maatwerk-stats
    CANT_CREATE = 73  # EX_CANTCREAT: an output cannot be written
    CONFIG = 78  # EX_CONFIG: the study config is wrong


class MaatwerkError(Exception):
    """Base class: a problem the user can fix. ``str(error)`` is the whole message."""

    exit_status: ExitStatus = ExitStatus.ERROR


class InputFileError(MaatwerkError):
    """An input file is missing, empty, truncated or not of the format its name says."""

    exit_status = ExitStatus.NO_INPUT


class DataError(MaatwerkError):
    """The data were read but cannot be analysed as asked (wrong values, too few cases, …)."""

    exit_status = ExitStatus.DATA


class OutOfRangeError(DataError):
    """Values outside an item's declared range."""


class ConfigError(MaatwerkError):
    """The study config is invalid or does not fit the data.

    ``problems`` holds one line per problem; the message lists them all so the user can fix
    the config in one go.
    """

    exit_status = ExitStatus.CONFIG

    def __init__(self, problems: list[str] | str, source: str | None = None) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.source = source
        if len(self.problems) == 1:
            head = f"{source}: " if source else ""
            message = head + self.problems[0]
        else:
            head = f"{source} has {len(self.problems)} problems:" if source else (
                f"{len(self.problems)} problems:"
            )
            message = head + "".join(f"\n  - {p}" for p in self.problems)
        super().__init__(message)


class OutputError(MaatwerkError):
    """An output cannot be written where asked (unwritable, or it would overwrite an input)."""

    exit_status = ExitStatus.CANT_CREATE
