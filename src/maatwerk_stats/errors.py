"""User-facing errors.

The library raises these; the CLI turns each into one ``Error: …`` line on stderr and the exit
code of its class (modelled on sysexits.h, as httpie's ``ExitStatus``). Messages name the file,
column or value and say what to do. They never contain respondent-level answers: at most
variable names, category codes of a declared answer scale, counts and row numbers.

A message is written in both languages of the tool where it is raised, English and Dutch
(``DataError(en=f"…", nl=f"…")``, a list item as :class:`Text`): the CLI shows it in the
language of the run (``--lang``, else the config's ``study.language``, else Dutch), the
library's ``str(error)`` is the English one. A message without a Dutch text is shown in
English as a whole, ``Error:`` included, never half Dutch, half English. The helpers below
(:func:`row_list`, :func:`hint`, …) take ``lang`` to write their words in either language.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Text:
    """One message (or one item of a list of problems) in English and Dutch.

    ``str(text)`` is the English one, so a :class:`Text` can stand where a plain message
    did; :meth:`in_language` picks one."""

    en: str
    nl: str

    def __str__(self) -> str:
        return self.en

    def in_language(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


def in_language(message: str | Text, lang: str) -> str | None:
    """``message`` in ``lang``: a :class:`Text` in either language, a plain (English-only)
    message in English, and ``None`` when the Dutch of a plain message is asked."""
    if isinstance(message, Text):
        return message.in_language(lang)
    return message if lang == "en" else None


class MaatwerkError(Exception):
    """Base class: a problem the user can fix. ``str(error)`` is the whole message (English).

    Raised as ``DataError(en=f"…", nl=f"…")`` (or with one :class:`Text`); a plain English
    message (``DataError("…")``) is still accepted and shown in English in every run.
    A message names a parameter through :func:`param`; ``str(error)`` shows it as the
    library spells it (``group_order=...``), :meth:`render` lets the CLI show its flag
    (``--group-order ...``) instead, in the run's language.
    """

    exit_status: ExitStatus = ExitStatus.ERROR
    # the study.language ("nl"/"en") of the config file the error is about, when it is known
    # (config/load.py: a config that is valid TOML but fails its checks); the CLI speaks it
    # when the run's language is not known yet
    language: str | None = None

    def __init__(self, en: str | Text = "", nl: str | None = None) -> None:
        if isinstance(en, Text):
            en, nl = en.en, en.nl
        self.texts: dict[str, str] = {"en": en} if nl is None else {"en": en, "nl": nl}
        super().__init__(en)

    def __str__(self) -> str:
        return self.render(library_reference)

    def speaks(self, lang: str) -> bool:
        """Whether the message has a text in ``lang`` (every message has English)."""
        return lang in self.texts

    def render(self, reference: Callable[[str, str | None], str], lang: str = "en") -> str:
        """The message in ``lang`` (English where it has no text in ``lang``) with every
        parameter reference written by ``reference(name, value)``."""
        return render_references(self.texts.get(lang, self.texts["en"]), reference)


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
    the config in one go. ``source`` (the config file) may be a :class:`Text` when it is a
    description rather than a path ("the options" / "de opties").
    """

    exit_status = ExitStatus.CONFIG

    def __init__(self, problems: list[str | Text] | str | Text,
                 source: str | Text | None = None, nl: str | None = None) -> None:
        if nl is not None and isinstance(problems, str):  # ConfigError(en=…, nl=…) style
            problems = Text(problems, nl)
        self.problems = ([problems] if isinstance(problems, str | Text) else list(problems))
        self.source = source
        english = self._message("en")
        dutch = self._message("nl")
        super().__init__(english, dutch)

    def _message(self, lang: str) -> str | None:
        """All problems in ``lang``, or ``None`` when one of them has no text in it."""
        lines = [in_language(p, lang) for p in self.problems]
        if any(line is None for line in lines):
            return None
        source, n = self.source, len(lines)
        if isinstance(source, Text):
            source = source.in_language(lang)
        if n == 1:
            return (f"{source}: " if source else "") + str(lines[0])
        if lang == "nl":
            head = f"{source} heeft {n} problemen:" if source else f"{n} problemen:"
        else:
            head = f"{source} has {n} problems:" if source else f"{n} problems:"
        return head + "".join(f"\n  - {line}" for line in lines)


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


def hint(word: str, options: Iterable[str], lang: str = "en") -> str:
    """`` — did you mean 'x'?`` (nl: `` — bedoelt u 'x'?``) or nothing."""
    close = did_you_mean(word, options, n=1)
    if not close:
        return ""
    return f" — bedoelt u {close[0]!r}?" if lang == "nl" else f" — did you mean {close[0]!r}?"


def number(value: float, lang: str = "en", spec: str = ",") -> str:
    """``value`` formatted with ``spec`` (``","``: ``12,345``; ``"g"``: ``0.05``) for a
    message; in Dutch (``lang="nl"``) with the decimal comma and the thousands point:
    ``12.345``, ``0,05``."""
    text = format(value, spec)
    if lang == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def _more(shown: str, hidden: int, lang: str) -> str:
    """``shown`` plus `` and 2 more`` (nl: `` en nog 2``) when ``hidden`` are left out."""
    if hidden <= 0:
        return shown
    return shown + (f" en nog {hidden}" if lang == "nl" else f" and {hidden} more")


def row_list(rows: Iterable[int], limit: int = 10, lang: str = "en") -> str:
    """``3, 7, 9 and 2 more`` (nl: ``3, 7, 9 en nog 2``; row numbers as given)."""
    rows = list(rows)
    return _more(", ".join(str(r) for r in rows[:limit]), len(rows) - limit, lang)


def rows_where(mask: Any, limit: int = 10, lang: str = "en") -> str:
    """``row 3`` / ``rows 3, 7 and 2 more`` (nl: ``rij 3`` / ``rijen 3, 7 en nog 2``): the
    data rows (counted from 1) where ``mask`` holds."""
    import numpy as np

    rows = (np.flatnonzero(np.asarray(mask)) + 1).tolist()
    many = len(rows) > 1
    word = ("rijen" if many else "rij") if lang == "nl" else ("rows" if many else "row")
    return f"{word} {row_list(rows, limit, lang)}"


def quoted_list(values: Sequence[Any], limit: int = 8, lang: str = "en") -> str:
    """``'a', 'b' and 3 more`` (nl: ``'a', 'b' en nog 3``)."""
    values = list(values)
    return _more(", ".join(repr(v) for v in values[:limit]), len(values) - limit, lang)


# a value from the data is quoted in a message only when at least this many rows hold it:
# a shared value is a category (a group code, an answer), a rare one may be a person's own
MIN_QUOTED = 5


def quoted_shared(counts: Mapping[Any, int], limit: int = 8, unit: str | Text = "rows",
                  with_counts: bool = False, known: Iterable[Any] = (),
                  lang: str = "en") -> str:
    """The values of ``counts`` (value → rows holding it) for a message: quoted when at least
    :data:`MIN_QUOTED` rows hold them or they are ``known`` (named in the config), the others
    only counted: ``'voor', 'na' and 2 other value(s) in fewer than 5 rows each (not
    shown)``; with ``with_counts`` each quoted value says its rows: ``'voor' (22 rows)``.
    In Dutch (``lang="nl"``) the unit is ``rijen`` unless ``unit`` is a :class:`Text`:
    ``'voor', 'na' en 2 andere waarde(n) in minder dan 5 rijen elk (niet getoond)``."""
    known = set(known)
    if isinstance(unit, Text):
        unit = unit.in_language(lang)
    elif lang == "nl" and unit == "rows":
        unit = "rijen"
    shown = [v for v, n in counts.items() if n >= MIN_QUOTED or v in known]
    hidden = len(counts) - len(shown)
    if with_counts:
        text = _more(", ".join(f"{v!r} ({counts[v]} {unit})" for v in shown[:limit]),
                     len(shown) - limit, lang)
    else:
        text = quoted_list(shown, limit, lang)
    if hidden:
        if lang == "nl":
            text += (" en " if text else "") + (
                f"{hidden} andere waarde(n) in minder dan {MIN_QUOTED} {unit} elk "
                "(niet getoond)")
        else:
            text += (" and " if text else "") + (
                f"{hidden} other value(s) in fewer than {MIN_QUOTED} {unit} each (not shown)")
    return text
