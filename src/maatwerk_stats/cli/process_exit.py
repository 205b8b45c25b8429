"""The console script's entry point: :func:`~maatwerk_stats.cli.main`, then leave the process
without tearing the interpreter down.

When a command has returned, everything it does is done: its files are committed (the output
writer moves them into place before the command returns), its figure process has exited, its
lines are printed. What Python's normal exit does after that is to free the heap and the
modules one by one (``Py_FinalizeEx``): with pandas, numpy and scipy loaded and a comparison's
tables in memory, 0.15–0.2 s of a 2-second ``compare`` on the demo data (measured between the
last ``atexit`` handler and the end of the process), which nothing needs — the kernel frees a
process's memory at once.

:func:`run` therefore does what the normal exit does that has an effect outside the process —
wait for the threads that are not daemons (as ``threading._shutdown`` does first), run the
``atexit`` handlers (``weakref.finalize`` of temporary folders, logging, coverage), flush
``stdout`` and ``stderr`` — and then ends the process with ``os._exit`` and the same exit code.
Where one of these cannot be done as the normal exit would do it (a thread still running, a
flush that fails: a closed pipe, which Python reports in its own way; an exit "code" that is a
message), it leaves the normal way. :func:`~maatwerk_stats.cli.main` itself is unchanged: tests
and scripts that call it in their own process get its ``SystemExit`` as before.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import NoReturn


def run() -> NoReturn:
    """``maatwerk-stats``: run the command line (:func:`~maatwerk_stats.cli.main`) and exit
    with its code, skipping the interpreter's teardown (:func:`leave`)."""
    from . import main

    try:
        main()
    except SystemExit as stop:
        leave(stop.code)
    leave(0)


def leave(code: object) -> NoReturn:
    """Exit with ``code`` (``SystemExit.code``) as Python would, but without the teardown when
    that is safe (see the module's docstring); otherwise by raising ``SystemExit(code)``."""
    import atexit

    if code is None:
        code = 0
    if not isinstance(code, int) or not -(2 ** 31) <= code < 2 ** 31 or _threads_running():
        raise SystemExit(code)
    atexit._run_exitfuncs()  # what the normal exit runs (private, in CPython since 3.0)
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):  # a closed pipe or stream: as the normal exit reports it
        raise SystemExit(code) from None
    os._exit(code)


def _threads_running() -> bool:
    """Whether a thread other than this one that the normal exit would wait for is alive."""
    current = threading.current_thread()
    return any(thread is not current and not thread.daemon and thread.is_alive()
               for thread in threading.enumerate())
