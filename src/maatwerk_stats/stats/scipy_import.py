"""Import scipy without the numpy submodules only its array-API layer's namespace copy imports.

The first import of any scipy module that computes (``scipy.special``, ``.linalg``,
``.optimize``, ``.stats``, ``.sparse``) builds ``scipy._lib.array_api_compat.numpy``: a copy of
numpy's namespace (scipy 1.17.1 ``_lib/array_api_compat/_internal.py``, ``clone_module``), made
by ``from numpy import *`` and a ``getattr`` of every name ``dir(numpy)`` lists. numpy 2.4 lists
its lazily imported submodules in both (``numpy.__all__`` and ``numpy.__dir__`` include
``__numpy_submodules__``), so the copy imports each that is not imported yet: ``numpy.f2py``
(Fortran wrapper generator) and ``numpy.testing`` (with ``unittest``, ``email``,
``importlib.metadata`` …) are most of it, and nothing in scipy's computations or ours uses them.
On the 2-core machine that was 0.04–0.09 s of wall time and 0.07–0.12 s of CPU in every command
that fits or tests anything (``import scipy.special`` after numpy and pandas, 6 alternating
runs: CPU median 0.24 → 0.13 s, wall 0.14 → 0.07 s).

:func:`import_scipy` builds that copy with those not-yet-imported submodules left out of
``numpy.__all__`` and ``dir(numpy)`` for the duration of the import (both restored at once
after it), then gives the copy back the same names: they are added to its ``__all__`` (which
its ``__dir__`` returns) and a module ``__getattr__`` returns ``getattr(numpy, name)`` for them,
importing the submodule on first use as numpy itself does. So the copy lists and returns the
same objects as before; only the moment those submodules are imported moves, to never in our
commands. ``tests/test_scipy_import.py`` checks that on the pinned numpy 2.4.6 and scipy
1.17.1 (``requirements.lock``): the plain import still imports the two (else this module is
no longer needed), :func:`import_scipy` does not, the copy's names and numpy's own are
unchanged, and scipy's results are the same.

Every function of the package that imports scipy (or statsmodels, which imports scipy) calls
:func:`import_scipy` first; ``tests/test_scipy_import.py`` reads the source to check it. Where
this process has already built the copy (a user's session, a test process), it does nothing.
Not thread-safe against another thread's ``from numpy import *`` during the import: the
package's own background import (``cli/preload.py``) runs while the main thread reads data,
which does not.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

COMPAT = "scipy._lib.array_api_compat.numpy"


def import_scipy() -> None:
    """Make sure scipy's numpy namespace copy exists, built without importing numpy's unused
    lazy submodules (the module's docstring); cheap (a dictionary look-up) once it exists."""
    if COMPAT in sys.modules:
        return
    import importlib

    import numpy

    lazy = frozenset(dir(numpy)) - frozenset(vars(numpy))  # what numpy.__getattr__ imports
    names, listing = numpy.__all__, numpy.__dir__
    numpy.__all__ = [name for name in names if name not in lazy]
    numpy.__dir__ = lambda: [name for name in listing() if name not in lazy]
    try:
        compat = importlib.import_module(COMPAT)
    finally:
        numpy.__all__, numpy.__dir__ = names, listing
    _forward(compat, numpy, lazy)


def import_module(name: str) -> ModuleType:
    """``importlib.import_module(name)``, through :func:`import_scipy` first when ``name`` is
    a scipy module: for the lists of modules a command imports ahead of use (the factsheet's
    ``import_modules``, ``cli/preload.py``'s background thread)."""
    import importlib

    if name.split(".")[0] == "scipy":
        import_scipy()
    return importlib.import_module(name)


def _forward(compat: ModuleType, numpy: ModuleType, lazy: frozenset[str]) -> None:
    """Give ``compat`` the ``lazy`` names of ``numpy`` back: listed in its ``__all__`` (and so
    its ``dir``), and returned by a module ``__getattr__``, which Python calls only for a name
    the module does not hold (``fft`` and ``linalg`` it holds: its own submodules)."""
    if not lazy:
        return
    compat.__all__ = sorted(set(compat.__all__) | lazy)

    def forwarded(name: str) -> Any:
        if name in lazy:
            return getattr(numpy, name)
        raise AttributeError(f"module {compat.__name__!r} has no attribute {name!r}")

    compat.__getattr__ = forwarded  # type: ignore[method-assign]
