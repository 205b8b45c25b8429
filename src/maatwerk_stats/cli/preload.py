"""Modules a command will need, imported in a background thread while it reads its input.

Importing ``scipy.special`` and ``scipy.linalg`` costs 0.1–0.3 s (through
:func:`~maatwerk_stats.stats.scipy_import.import_module`, as every scipy import of the package),
a fixed cost of every model fit. Reading a CSV leaves the
interpreter lock free for most of that time (pandas' C tokenizer and number parser run without
it), so on a second core the import is done by the time the data are prepared. Nothing else
changes: the same modules, the same code.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


def import_in_background(*modules: str) -> Callable[[], None]:
    """Start importing ``modules`` (in this order) in a thread; return the function that waits
    for it. Call that function before the command uses them, and before anything forks (the
    figures render in a forked child): no import is then under way in another thread.

    numpy and pandas are imported here first, in the calling thread, so the two threads never
    start initialising the same package at the same time. A module that fails to import is
    not reported here: the command imports it again where it needs it and meets the error
    there, as without this thread.
    """
    import numpy  # noqa: F401
    import pandas  # noqa: F401

    from ..stats.scipy_import import import_module

    def run() -> None:
        for name in modules:
            try:
                import_module(name)
            except Exception:  # the command's own import meets the error again
                return

    thread = threading.Thread(target=run, name="import-in-background")
    thread.start()
    return thread.join
