"""Stopping a run from outside: SIGTERM and SIGHUP end it as Ctrl-C (SIGINT) does.

Python's default for SIGTERM (``kill``, ``timeout``, a CI job cancelled, a closed SSH
session's SIGHUP) ends the process on the spot: no ``finally`` runs, so the staging folder
beside ``--out`` stays (the next run removes it) and a figure child may outlive the run. With
:func:`stop_like_interrupt` the signal raises :class:`SystemExit` with the shell's code for it
(128 + the signal's number: 143 for SIGTERM, 129 for SIGHUP) wherever the run is, so the
output writer (:class:`~maatwerk_stats.io.write.OutputWriter`) removes its staging folder and
leaves ``--out`` as it was; a commit already under way finishes first (it holds these signals
back while it moves files). SIGKILL cannot be caught: what it leaves is undone by the next run
(see ``io/write.py``).
"""

from __future__ import annotations

import signal
from types import FrameType

STOPPING = ("SIGTERM", "SIGHUP")


def _stop(number: int, _frame: FrameType | None) -> None:
    signal.signal(number, signal.SIG_IGN)  # a second signal must not cut the clean-up short
    raise SystemExit(128 + number)


def stop_like_interrupt() -> None:
    """Install the handler for SIGTERM and SIGHUP (where the platform has them)."""
    for name in STOPPING:
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, _stop)
