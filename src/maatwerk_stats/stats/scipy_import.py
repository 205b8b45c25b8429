"""Import scipy without the work its import does only for its documentation and tests.

Two costs of scipy 1.17.1's imports (pinned in ``requirements.lock``, as numpy 2.4.6) buy
nothing a command uses:

- **numpy's unused submodules.** The first scipy module that computes (``scipy.special``,
  ``.linalg``, ``.optimize``, ``.stats``, ``.sparse``) builds ``scipy._lib.array_api_compat.numpy``,
  a copy of numpy's namespace (``_lib/array_api_compat/_internal.py``, ``clone_module``) made
  by ``from numpy import *`` and a ``getattr`` of every name ``dir(numpy)`` lists. numpy lists
  its lazily imported submodules in both (``numpy.__all__`` and ``numpy.__dir__`` include
  ``__numpy_submodules__``), so the copy imports each one not imported yet: ``numpy.f2py``
  (the Fortran wrapper generator) and ``numpy.testing`` (with ``unittest``, ``email``,
  ``importlib.metadata`` …) are most of it, and nothing in scipy's computations or ours uses
  them.
- **Docstring notes.** Each function scipy declares with ``@xp_capabilities``
  (``_lib/_array_api.py``: 94 in ``scipy.special``, 474 by the end of ``scipy.stats``) has its
  docstring parsed (``_docscrape.FunctionDoc``), given a table of the array libraries it
  supports and rendered again, text only ``help()`` shows.

:func:`import_module` imports scipy's modules (and statsmodels', which import scipy's) with
the copy built (once per process) while those not-yet-imported submodules are left out of
``numpy.__all__`` and ``dir(numpy)``, and with ``xp_capabilities`` registering each function in
its table as before but leaving its docstring as written. Both are restored when the import
ends (also on an error); the copy then holds the left-out names again (in its ``__all__``,
which its ``__dir__`` returns, and through a module ``__getattr__`` that returns
``getattr(numpy, name)``, importing the submodule on first use as numpy itself does), so it
lists and returns the same objects as after scipy's own import. The functions scipy declared
meanwhile lack only the note in their docstrings. Measured on the loaded 2-core machine,
after numpy and pandas, alternating runs: ``scipy.special`` and ``scipy.linalg`` 0.178 →
0.129 s CPU and 0.278 → 0.202 s wall for the copy alone (8 pairs); the docstrings save a
further 0.05 s of ``scipy.special``'s CPU and 0.15 of ``scipy.stats``'s 0.55 s.

The package gets every scipy (and statsmodels) module through :func:`import_module`, never
by an ``import`` statement; ``tests/test_scipy_import.py`` reads the source to check that, and
checks on the pinned versions that the plain import still does both things (else this module
is no longer needed), that :func:`import_module` does neither, that numpy's names, the
copy's and scipy's capability table are unchanged, and that scipy's results are the same.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable
from types import ModuleType, TracebackType
from typing import Any

COMPAT = "scipy._lib.array_api_compat.numpy"
ARRAY_API = "scipy._lib._array_api"


class _Imports:
    """What :func:`import_module` imports scipy's modules inside (one per process; the
    blocks nest and may run in two threads at once). Entering the outermost block sets two
    attributes of ``scipy._lib._array_api`` and leaving it restores them; the copy and the
    wrapper are made at the first block of the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._switch: _Switch | None = None

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                if self._switch is None:
                    self._switch = _prepare()
                self._switch.plain()
            self._depth += 1

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._switch is not None:
                self._switch.restore()


_IMPORTS = _Imports()
USES_SCIPY = frozenset({"scipy", "statsmodels"})  # packages whose imports import scipy


def import_module(name: str) -> ModuleType:
    """The module ``name``, as ``importlib.import_module`` returns it; imported, when it is a
    module of scipy or of a package that imports scipy (:data:`USES_SCIPY`), without numpy's
    unused submodules and scipy's docstring notes (the module's docstring). Every scipy
    module the package uses is got this way (``import_module("scipy.special").ndtr``), also
    in functions called thousands of times: a module that is imported already (and not
    still being imported by another thread, which ``importlib`` would wait for) is returned
    from ``sys.modules`` at once, faster than a ``from scipy.special import ndtr``."""
    module = sys.modules.get(name)
    if module is not None and not getattr(getattr(module, "__spec__", None), "_initializing",
                                          False):
        return module
    import importlib

    if name.split(".")[0] not in USES_SCIPY:
        return importlib.import_module(name)
    with _IMPORTS:
        return importlib.import_module(name)


def _prepare() -> _Switch:
    """Build the namespace copy if this process has not, and make the switch of the docstring
    notes."""
    import importlib

    if COMPAT not in sys.modules:
        _build_copy()
    return _Switch(importlib.import_module(ARRAY_API))


def _build_copy() -> None:
    """Import scipy's numpy namespace copy with numpy's not-yet-imported lazy submodules
    hidden, then give the copy their names back (:func:`_forward`)."""
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


class _Unparsed:
    """What ``xp_capabilities``'s decorator takes for the parsed docstring while the notes are
    off: it appends the note to a list nobody reads and renders nothing (the decorator then
    writes the docstring back as it was: :class:`_Switch`)."""

    def __init__(self, function: object) -> None:
        pass

    def __getitem__(self, section: str) -> list[str]:
        return []

    def __str__(self) -> str:
        return "\n"


class _Switch:
    """Turns scipy's docstring notes off (:meth:`plain`) and on again (:meth:`restore`).

    Off, ``array_api.xp_capabilities`` (which each scipy module imports by name as it is
    imported) is a wrapper that registers each function as scipy's does but keeps its
    docstring, and ``array_api.FunctionDoc`` (which only that decorator calls) is
    :class:`_Unparsed`. A module imported meanwhile keeps the wrapper, which does exactly what
    scipy's does whenever the notes are on."""

    def __init__(self, array_api: Any) -> None:
        self.array_api = array_api
        self.original, self.parse = array_api.xp_capabilities, array_api.FunctionDoc
        original = self.original

        def xp_capabilities(**options: Any) -> Callable[[Any], Any]:
            declare = original(**options)

            def decorator(function: Any) -> Any:
                if array_api.FunctionDoc is not _Unparsed:  # notes on: scipy's decorator
                    return declare(function)
                doc = function.__doc__
                declared = declare(function)
                with contextlib.suppress(AttributeError):  # as scipy's: a ufunc refusing it
                    declared.__doc__ = doc
                return declared

            return decorator

        self.wrapper = xp_capabilities

    def plain(self) -> None:
        self.array_api.xp_capabilities, self.array_api.FunctionDoc = self.wrapper, _Unparsed

    def restore(self) -> None:
        self.array_api.xp_capabilities, self.array_api.FunctionDoc = self.original, self.parse
