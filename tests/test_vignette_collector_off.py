"""``vignette`` imports pandas (and its first modules) with the cyclic garbage collector off,
then frozen (``figure_process.collector_off``, as ``compare``): those imports ran about 95
collections, one of them full, that found nothing to free."""

from __future__ import annotations

from .test_collector_off import collections_importing_pandas


def test_vignette_imports_pandas_with_the_collector_off(tmp_path):
    # and nothing is left frozen when the command returns in a process that goes on
    assert collections_importing_pandas(
        "vignette", "data/demo/vignetten.csv", "--config", "configs/leeratelier.toml",
        "--out", str(tmp_path / "out"), "--quiet") == "True 0 True 0"
    assert (tmp_path / "out" / "figures" / "vignette_marginal_means.png").exists()
