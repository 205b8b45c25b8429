"""``vignette`` imports pandas (and its first modules) with the cyclic garbage collector off,
then frozen (``figure_process.collector_off``, as ``compare``): those imports ran about 95
collections, one of them full, that found nothing to free."""

from __future__ import annotations

from .test_collector_off import _run

# vignette in this process: count the collections that run while pandas is being imported,
# and the full ones before the ratings are read
VIGNETTE = """
import gc, sys
def importing_pandas():
    pandas = sys.modules.get("pandas")
    return getattr(getattr(pandas, "__spec__", None), "_initializing", False)
during = []
gc.callbacks.append(lambda phase, info: phase == "stop" and importing_pandas()
                    and during.append(info))
from maatwerk_stats.cli import main
assert "pandas" not in sys.modules
sys.argv[1:] = ["vignette", "data/demo/vignetten.csv", "--config", "configs/leeratelier.toml",
                "--out", sys.argv[1], "--quiet"]
try:
    main()
except SystemExit as stop:
    assert stop.code in (0, None), stop.code
print("pandas" in sys.modules, len(during), gc.isenabled(), gc.get_freeze_count())
"""


def test_vignette_imports_pandas_with_the_collector_off(tmp_path):
    # and nothing is left frozen when the command returns in a process that goes on
    assert _run(VIGNETTE, str(tmp_path / "out")) == "True 0 True 0"
    assert (tmp_path / "out" / "figures" / "vignette_marginal_means.png").exists()
