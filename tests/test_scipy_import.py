"""``stats.scipy_import``: scipy imported without numpy.f2py and numpy.testing, which only its
array-API layer's copy of numpy's namespace imported; the copy, numpy and scipy's results as
with scipy's own import. Each check runs in a fresh interpreter (this one may have imported
scipy already), on the pinned numpy 2.4.6 and scipy 1.17.1: if a new version changes how the
copy is made, these fail."""

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
if sys.argv[1] == "helper":
    from maatwerk_stats.stats.scipy_import import import_scipy
    import_scipy()
import scipy.special, scipy.stats, scipy.optimize, scipy.linalg, scipy.sparse
from statsmodels.miscmodels.ordinal_model import OrderedModel
imported = [name for name in UNUSED if name in sys.modules]
import scipy._lib.array_api_compat.numpy as compat
def kind(name, value):
    return (type(value).__name__, getattr(value, "__name__", None) if isinstance(
        value, type(numpy)) else None, value is getattr(numpy, name, None))
copy = {name: kind(name, getattr(compat, name)) for name in dir(compat)}
print(json.dumps({"imported": imported, "dir": dir(compat), "all": sorted(compat.__all__),
                  "copy": copy, "numpy_dir": dir(numpy), "numpy_all": sorted(numpy.__all__)}))
""".replace("UNUSED", repr(UNUSED))

# scipy's functions the package calls, on random and edge values; the bytes of the results
RESULTS = """
import hashlib, sys, warnings
import numpy as np
if sys.argv[1] == "helper":
    from maatwerk_stats.stats.scipy_import import import_scipy
    import_scipy()
from scipy import linalg, optimize, sparse, special, stats
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
from maatwerk_stats.stats.scipy_import import import_scipy
try:
    import_scipy()
except ImportError as error:
    assert str(error) == "refused"
else:
    raise AssertionError("no error")
assert numpy.__all__ is names and numpy.__dir__ is listing and dir(numpy) == everything
assert "f2py" in dir(numpy) and "testing" in numpy.__all__
print("ok")
"""


def _run(code: str, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_namespace_copy_is_the_same_without_the_unused_submodules():
    plain = json.loads(_run(NAMESPACE, "plain"))
    helper = json.loads(_run(NAMESPACE, "helper"))
    # scipy's own import still imports them: if not, the helper is no longer needed
    assert plain["imported"] == list(UNUSED)
    assert helper["imported"] == []
    for key in ("dir", "all", "copy", "numpy_dir", "numpy_all"):
        assert helper[key] == plain[key], key
    assert helper["copy"]["testing"] == ["module", "numpy.testing", True]
    assert helper["copy"]["f2py"] == ["module", "numpy.f2py", True]


def test_scipys_results_are_the_same():
    assert _run(RESULTS, "helper") == _run(RESULTS, "plain")


def test_numpy_is_restored_when_the_import_fails():
    assert _run(FAILING) == "ok\n"


def test_an_existing_copy_is_left_alone():
    import numpy
    import scipy.special  # noqa: F401

    from maatwerk_stats.stats.scipy_import import COMPAT, import_scipy

    names, listing = numpy.__all__, numpy.__dir__
    compat = sys.modules[COMPAT]
    attributes = dict(vars(compat))
    import_scipy()
    assert (numpy.__all__, numpy.__dir__) == (names, listing)
    assert vars(compat) == attributes


def unguarded_imports(path: Path) -> list[str]:
    """scipy or statsmodels imports of ``path`` that no ``import_scipy()`` call precedes in
    the same function (or that are at module level)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []

    def is_scipy(node: ast.AST) -> bool:
        names = ([node.module or ""] if isinstance(node, ast.ImportFrom) else
                 [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
        return any(name.split(".")[0] in ("scipy", "statsmodels") for name in names)

    def check(body: list[ast.stmt]) -> None:
        guarded = False
        for statement in body:
            if (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)
                    and getattr(statement.value.func, "id", None) == "import_scipy"):
                guarded = True
            elif is_scipy(statement) and not guarded:
                found.append(f"line {statement.lineno}")
            elif isinstance(statement, ast.If | ast.With | ast.Try | ast.For):  # nested
                for part in ("body", "orelse", "finalbody", "handlers"):
                    for inner in getattr(statement, part, []):
                        if not guarded:
                            check([inner] if not isinstance(inner, ast.ExceptHandler)
                                  else inner.body)

    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            check(node.body)
    for statement in tree.body:
        if is_scipy(statement):
            found.append(f"line {statement.lineno}")
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_every_scipy_import_goes_through_import_scipy(path):
    if path.name == "scipy_import.py":
        return
    assert unguarded_imports(path) == []


def test_the_import_check_can_fail(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from scipy import special\n"
        "def bad():\n    import numpy\n    from scipy.linalg import cho_solve\n"
        "def late():\n    from statsmodels import api\n    import_scipy()\n"
        "def nested(x):\n    if x:\n        import scipy.optimize\n"
        "def good():\n    import_scipy()\n    from scipy.special import ndtr\n"
        "    if ndtr:\n        from scipy import stats\n", encoding="utf-8")
    assert unguarded_imports(probe) == ["line 4", "line 6", "line 10", "line 1"]


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
