"""maatwerk-stats: scales, reliability, pre/post comparisons, vignette regressions and
factsheets for evaluations of trainings in the Dutch social domain.

The library is usable without the CLI::

    from maatwerk_stats import read_data, load_config, score_scales, reliability
    data = read_data("data/demo/pre.sav")
    config = load_config("configs/leeratelier.toml")
    result = reliability(score_scales(data, config))
    result.reliability      # the reliability.csv table

Names are imported lazily so that ``maatwerk-stats --help`` does not pay for pandas.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "read_data": "maatwerk_stats.io.read",
    "Dataset": "maatwerk_stats.io.dataset",
    "load_config": "maatwerk_stats.config",
    "infer_config": "maatwerk_stats.config",
    "StudyConfig": "maatwerk_stats.config",
    "score_scales": "maatwerk_stats.api",
    "reliability": "maatwerk_stats.api",
    "ScaleScores": "maatwerk_stats.prepare.items",
    "Reliability": "maatwerk_stats.analyses.scales",
    "codebook": "maatwerk_stats.io.codebook",
    "simulate_demo": "maatwerk_stats.simulate",
    "compare": "maatwerk_stats.api",
    "Comparison": "maatwerk_stats.analyses.compare",
    "vignette": "maatwerk_stats.api",
    "VignetteResult": "maatwerk_stats.analyses.vignette",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'maatwerk_stats' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
