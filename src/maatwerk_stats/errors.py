"""User-facing errors.

The library raises these; the CLI turns each into one ``Error: …`` line on stderr and the exit
code of its class (modelled on sysexits.h, as httpie's ``ExitStatus``). Messages name the file,
column or value and say what to do. They never contain respondent-level answers: at most
variable names, category codes of a declared answer scale, counts and row numbers.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import IntEnum
from typing import Any


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
    """Base class: a problem the user can fix. ``str(error)`` is the whole message.

    A message names a parameter through :func:`param`; ``str(error)`` shows it as the
    library spells it (``group_order=...``), :meth:`render` lets the CLI show its flag
    (``--group-order ...``) instead.
    """

    exit_status: ExitStatus = ExitStatus.ERROR

    def __str__(self) -> str:
        return self.render(library_reference)

    def render(self, reference: Callable[[str, str | None], str]) -> str:
        """The message with every parameter reference written by ``reference(name, value)``."""
        return render_references(super().__str__(), reference)


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


class OptionError(MaatwerkError):
    """A parameter (command-line option) has a value it cannot take."""

    exit_status = ExitStatus.USAGE


class OutputError(MaatwerkError):
    """An output cannot be written where asked (unwritable, or it would overwrite an input)."""

    exit_status = ExitStatus.CANT_CREATE


# --------------------------------------------------------------------------------------------
# Message helpers: one way to list rows and values, to suggest a name, to refer to a parameter

_REFERENCE = re.compile(r"⟨([a-z_]+)(?:=([^⟩]*))?⟩")


def param(name: str, value: Any = None) -> str:
    """A reference to the library parameter ``name`` (with an example ``value``) inside a
    message: the library shows ``name="value"``, the CLI the flag of its command line."""
    return f"⟨{name}⟩" if value is None else f"⟨{name}={value}⟩"


def library_reference(name: str, value: str | None) -> str:
    """How the library names a parameter in a message: ``group_order`` or
    ``group_order=voor,na``."""
    return name if value is None else f"{name}={value}"


def render_references(message: str, reference: Callable[[str, str | None], str]) -> str:
    return _REFERENCE.sub(lambda m: reference(m.group(1), m.group(2)), message)


def did_you_mean(word: str, options: Iterable[str], n: int = 3) -> list[str]:
    """The options closest to ``word`` (for "did you mean" hints)."""
    options = [str(o) for o in options]
    lowered = {o.lower(): o for o in options}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=0.6)
    return [lowered[c] for c in close]


def hint(word: str, options: Iterable[str]) -> str:
    """`` — did you mean 'x'?`` or nothing."""
    close = did_you_mean(word, options, n=1)
    return f" — did you mean {close[0]!r}?" if close else ""


def row_list(rows: Iterable[int], limit: int = 10) -> str:
    """``3, 7, 9 and 2 more`` (row numbers as given)."""
    rows = list(rows)
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


def rows_where(mask: Any, limit: int = 10) -> str:
    """``row 3`` / ``rows 3, 7 and 2 more``: the data rows (counted from 1) where ``mask``
    holds."""
    import numpy as np

    rows = (np.flatnonzero(np.asarray(mask)) + 1).tolist()
    return f"row{'s' if len(rows) > 1 else ''} {row_list(rows, limit)}"


def quoted_list(values: Sequence[Any], limit: int = 8) -> str:
    """``'a', 'b' and 3 more``."""
    values = list(values)
    shown = ", ".join(repr(v) for v in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


# a value from the data is quoted in a message only when at least this many rows hold it:
# a shared value is a category (a group code, an answer), a rare one may be a person's own
MIN_QUOTED = 5


def quoted_shared(counts: Mapping[Any, int], limit: int = 8, unit: str = "rows",
                  with_counts: bool = False, known: Iterable[Any] = ()) -> str:
    """The values of ``counts`` (value → rows holding it) for a message: quoted when at least
    :data:`MIN_QUOTED` rows hold them or they are ``known`` (named in the config), the others
    only counted: ``'voor', 'na' and 2 other value(s) in fewer than 5 rows each (not
    shown)``; with ``with_counts`` each quoted value says its rows: ``'voor' (22 rows)``."""
    known = set(known)
    shown = [v for v, n in counts.items() if n >= MIN_QUOTED or v in known]
    hidden = len(counts) - len(shown)
    if with_counts:
        text = ", ".join(f"{v!r} ({counts[v]} {unit})" for v in shown[:limit])
        if len(shown) > limit:
            text += f" and {len(shown) - limit} more"
    else:
        text = quoted_list(shown, limit)
    if hidden:
        text += (" and " if text else "") + (
            f"{hidden} other value(s) in fewer than {MIN_QUOTED} {unit} each (not shown)")
    return text
