"""``stats.scipy_import.import_module``: scipy imported without numpy.f2py and numpy.testing,
which only its array-API layer's copy of numpy's namespace imported, and without the array-API
notes it writes into its functions' docstrings; the copy, numpy, scipy's capability table and
its results as with scipy's own import. Each check runs in a fresh interpreter (this one may
have imported scipy already), on the pinned numpy 2.4.6 and scipy 1.17.1: if a new version
changes how the copy is made or the notes are written, these fail."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "maatwerk_stats"
UNUSED = ("numpy.f2py", "numpy.testing", "unittest")

# the namespace copy and numpy as a program sees them, and the modules imported on the way
NAMESPACE = """
import json, sys
import numpy
names = ["scipy.special", "scipy.linalg", "scipy.sparse", "scipy.optimize", "scipy.stats",
         "statsmodels.miscmodels.ordinal_model"]
if sys.argv[1] == "helper":
    from maatwerk_stats.stats.scipy_import import import_module
    for name in names:
        import_module(name)
else:
    import importlib
    for name in names:
        importlib.import_module(name)
imported = [name for name in UNUSED if name in sys.modules]
import scipy._lib.array_api_compat.numpy as compat
import scipy._lib._array_api as array_api, scipy._lib._docscrape as docscrape
from scipy import special, stats
restored = (array_api.FunctionDoc is docscrape.FunctionDoc,
            array_api.xp_capabilities.__module__, array_api.xp_capabilities.__qualname__)
table = {f"{getattr(f, '__module__', None)}.{getattr(f, '__qualname__', f.__name__)}": repr(c)
         for f, c in array_api.xp_capabilities_table.items()}
note = "Array API Standard Support"
noted = [note in (f.__doc__ or "") for f in (special.ndtr, special.stdtrit, stats.ttest_ind)]
# declared after the imports: with the note, also through the xp_capabilities that a module
# imported during them holds
def late():
    '''Late.

    Notes
    -----
    A function.'''
late_notes = [note in array_api.xp_capabilities()(late).__doc__]
late.__doc__ = "Late."
import scipy.special._support_alternative_backends as backends
late_notes.append(note in backends.xp_capabilities(cpu_only=True)(late).__doc__)
def kind(name, value):
    return (type(value).__name__, getattr(value, "__name__", None) if isinstance(
        value, type(numpy)) else None, value is getattr(numpy, name, None))
copy = {name: kind(name, getattr(compat, name)) for name in dir(compat)}
print(json.dumps({"imported": imported, "dir": dir(compat), "all": sorted(compat.__all__),
                  "copy": copy, "numpy_dir": dir(numpy), "numpy_all": sorted(numpy.__all__),
                  "restored": restored, "table": table, "noted": noted,
                  "late_notes": late_notes}))
""".replace("UNUSED", repr(UNUSED))

# scipy's functions the package calls, on random and edge values; the bytes of the results
RESULTS = """
import hashlib, sys, warnings
import numpy as np
if sys.argv[1] == "helper":
    from maatwerk_stats.stats.scipy_import import import_module
else:
    from importlib import import_module
linalg, optimize, sparse, special, stats = (import_module(f"scipy.{name}") for name in (
    "linalg", "optimize", "sparse", "special", "stats"))
warnings.simplefilter("ignore")
rng = np.random.default_rng(9)
x = np.r_[rng.normal(0, 3, 200), 0.0, -0.0, 1e-300, -40, 40, np.inf, -np.inf, np.nan]
q = np.r_[rng.uniform(0, 1, 200), 0.0, 1.0, 1e-12, 0.5, np.nan]
df = np.r_[rng.uniform(0.5, 200, 200), 1.0, 1e6, np.inf, 2.0, np.nan]
out = [special.stdtr(df[:, None], x[None, :]), special.stdtrit(df[:, None], q[None, :]),
       special.ndtr(x), special.ndtri(q), special.nctdtr(df[:50, None], 1.5, x[None, :50]),
       special.fdtri(df[:, None], df[::-1, None], q[None, :]),
       special.betaincinv(2.5, df[:, None], q[None, :]), stats.norm.cdf(x), stats.norm.ppf(q),
       stats.t.sf(x, 7.5), stats.rankdata(np.round(x[:200]))]
a = rng.normal(size=(6, 6)); spd = a @ a.T + 6 * np.eye(6)
out.append(linalg.cho_solve(linalg.cho_factor(spd), np.arange(6.0)))
fit = optimize.minimize(lambda v: ((v - np.arange(3.0)) ** 2).sum() + np.cos(v).sum(),
                        np.zeros(3), method="L-BFGS-B", options={"ftol": 1e-16})
out += [fit.x, np.array([fit.fun, fit.nit])]
out.append(sparse.csr_matrix(spd).dot(np.ones(6)))
print(hashlib.sha256(b"".join(np.ascontiguousarray(v).tobytes() for v in out)).hexdigest())
"""

# the numpy names hidden during the import come back even when the import fails
FAILING = """
import sys
import numpy
names, listing, everything = numpy.__all__, numpy.__dir__, dir(numpy)
class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name == "scipy._lib.array_api_compat.numpy":
            raise ImportError("refused")
sys.meta_path.insert(0, Refuse())
from maatwerk_stats.stats.scipy_import import import_module
try:
    import_module("scipy.special")
except ImportError as error:
    assert str(error) == "refused"
else:
    raise AssertionError("no error")
assert numpy.__all__ is names and numpy.__dir__ is listing and dir(numpy) == everything
assert "f2py" in dir(numpy) and "testing" in numpy.__all__
sys.meta_path.pop(0)  # and the next import works
assert import_module("scipy.special").ndtr(0.0) == 0.5 and "numpy.f2py" not in sys.modules
print("ok")
"""


def _run(code: str, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_same_namespace_and_capabilities_without_the_unused_work():
    plain = json.loads(_run(NAMESPACE, "plain"))
    helper = json.loads(_run(NAMESPACE, "helper"))
    # scipy's own import still does both: if not, the helper is no longer needed
    assert plain["imported"] == list(UNUSED)
    assert plain["noted"] == [True, True, True]
    assert helper["imported"] == []
    assert helper["noted"] == [False, False, False]
    for key in ("dir", "all", "copy", "numpy_dir", "numpy_all", "restored", "table",
                "late_notes"):
        assert helper[key] == plain[key], key
    assert helper["restored"] == [True, "scipy._lib._array_api", "xp_capabilities"]
    assert len(helper["table"]) > 400 and helper["late_notes"] == [True, True]
    assert helper["copy"]["testing"] == ["module", "numpy.testing", True]
    assert helper["copy"]["f2py"] == ["module", "numpy.f2py", True]


def test_scipys_results_are_the_same():
    assert _run(RESULTS, "helper") == _run(RESULTS, "plain")


def test_numpy_is_restored_when_the_import_fails():
    assert _run(FAILING) == "ok\n"


def test_an_imported_module_is_returned_as_it_is():
    import numpy
    import scipy.special

    from maatwerk_stats.stats.scipy_import import import_module

    names, listing = numpy.__all__, numpy.__dir__
    assert import_module("scipy.special") is scipy.special
    assert import_module("json") is sys.modules["json"]
    assert (numpy.__all__, numpy.__dir__) == (names, listing)


# two threads importing scipy's modules at once (cli/preload.py's and the command's)
THREADS = """
import sys, threading
from maatwerk_stats.stats.scipy_import import import_module
done = []
def load(name):
    done.append(import_module(name).__name__)
threads = [threading.Thread(target=load, args=(name,))
           for name in ("scipy.special", "scipy.linalg", "scipy.optimize", "scipy.special")]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
import scipy._lib._array_api as array_api, scipy._lib._docscrape as docscrape
assert sorted(done) == ["scipy.linalg", "scipy.optimize", "scipy.special", "scipy.special"]
assert array_api.FunctionDoc is docscrape.FunctionDoc
assert array_api.xp_capabilities.__module__ == "scipy._lib._array_api"
print("numpy.f2py" in sys.modules, "Array API" in (sys.modules["scipy.special"].ndtr.__doc__))
"""


def test_two_threads_at_once():
    assert _run(THREADS) == "False False\n"


def scipy_statements(path: Path) -> list[str]:
    """The ``import`` statements of ``path`` that import scipy or statsmodels, wherever they
    are (module level, functions, ``TYPE_CHECKING``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = ([node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else
                 [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
        if any(name.split(".")[0] in ("scipy", "statsmodels") for name in names):
            found.append(f"line {node.lineno}")
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_every_scipy_module_comes_through_import_module(path):
    assert scipy_statements(path) == []


def test_the_statement_check_can_fail(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from scipy import special\n"
        "def f():\n    import numpy\n    from scipy.linalg import cho_solve\n"
        "    import statsmodels.api as sm\n    from .scipy import local\n"
        "    ndtr = import_module('scipy.special').ndtr\n", encoding="utf-8")
    assert scipy_statements(probe) == ["line 1", "line 4", "line 5"]


# the ways the package imports scipy first: a command, the factsheet's and the background
# thread's lists of modules
AHEAD = """
import sys
from pathlib import Path
how = sys.argv[1]
if how == "factsheet":
    from maatwerk_stats.config import load_config
    from maatwerk_stats.publish.factsheet import import_modules
    import_modules(load_config(Path("configs/leeratelier.toml")))
elif how == "background":
    from maatwerk_stats.cli.preload import import_in_background
    import_in_background("scipy.special", "scipy.linalg")()
else:
    from maatwerk_stats.cli import main
    sys.argv[1:] = ["compare", "data/demo/pre.sav", "data/demo/post.sav", "--config",
                    "configs/leeratelier.toml", "--out", sys.argv[2], "--quiet",
                    "--no-figures", "--ordinal"]
    try:
        main()
    except SystemExit as exit:
        assert not exit.code, exit.code
print("scipy.special" in sys.modules, [name for name in UNUSED if name in sys.modules])
""".replace("UNUSED", repr(UNUSED))


@pytest.mark.parametrize("how", ["factsheet", "background", "compare"])
def test_the_package_imports_scipy_without_them(how, tmp_path):
    assert _run(AHEAD, how, str(tmp_path / "out")) == "True []\n"
