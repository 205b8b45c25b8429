"""``figure_process.collector_off``: imports with the cyclic garbage collector off (and frozen
after), in W's preload and in ``compare``'s own imports (pandas, the analysis)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from maatwerk_stats.publish.figure_process import collector_off, unfrozen_after

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, timeout=180, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_collector_is_off_in_the_block_and_as_before_after():
    assert gc.isenabled()
    with collector_off():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_off():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_off():
            pass
        assert not gc.isenabled()  # the caller had turned it off
    finally:
        gc.enable()


def test_freeze_moves_what_exists_into_the_permanent_generation():
    frozen = gc.get_freeze_count()
    try:
        with collector_off(freeze=True):
            kept = [[] for _ in range(100)]
        assert gc.get_freeze_count() >= frozen + 100 and gc.isenabled()
        assert kept
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0


def test_unfrozen_after_the_block_unless_frozen_before():
    try:
        with unfrozen_after():
            with collector_off(freeze=True):
                pass
            assert gc.get_freeze_count() > 0
        assert gc.get_freeze_count() == 0
        gc.freeze()  # a caller's own freeze: kept
        frozen = gc.get_freeze_count()
        with unfrozen_after(), collector_off(freeze=True):
            pass
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()


# W's preload (matplotlib, the compare figure module) as W runs it, with no jobs: the job pipe
# ends at once, so _serve returns after its imports
SERVE = """
import gc, os, sys
collections = []
gc.callbacks.append(lambda phase, info: phase == "stop" and collections.append(info))
import numpy
from maatwerk_stats.publish import figure_process
from maatwerk_stats.report.figures import plotting  # imported by figure_process() before W
import collections as _, pickle as _  # noqa
jobs, end = os.pipe()
os.close(end)
statuses = os.pipe()[1]
del collections[:]
figure_process._serve(jobs, statuses, ("maatwerk_stats.report.figures.compare",))
print("matplotlib.figure" in sys.modules, len(collections), gc.isenabled(),
      gc.get_freeze_count() > 10000)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the figure process: Linux only")
def test_the_figure_process_imports_without_collections_and_freezes_them():
    """W's imports ran about 95 collections (one of them full, 0.06 s) that found nothing."""
    assert _run(SERVE) == "True 0 True True"


# a command (its arguments after the program's) in this process: the collections that run
# while pandas is being imported; and what is left frozen when it returns
COMMAND = """
import gc, sys
def importing_pandas():
    pandas = sys.modules.get("pandas")
    return getattr(getattr(pandas, "__spec__", None), "_initializing", False)
during = []
gc.callbacks.append(lambda phase, info: phase == "stop" and importing_pandas()
                    and during.append(info))
from maatwerk_stats.cli import main
assert "pandas" not in sys.modules
try:
    main()  # sys.argv[1:]: the command's arguments
except SystemExit as stop:
    assert stop.code in (0, None), stop.code
print("pandas" in sys.modules, len(during), gc.isenabled(), gc.get_freeze_count())
"""


def collections_importing_pandas(*command: str) -> str:
    """What :data:`COMMAND` prints for ``maatwerk-stats COMMAND…`` run in a fresh process."""
    return _run(COMMAND, *command)


def test_compare_imports_pandas_with_the_collector_off(tmp_path):
    """About 90 collections ran while the read imported pandas, in compare's own process."""
    assert collections_importing_pandas(
        "compare", "data/demo/pre.sav", "data/demo/post.sav", "--config",
        "configs/leeratelier.toml", "--out", str(tmp_path / "out"), "--quiet",
        "--no-figures") == "True 0 True 0"  # and nothing left frozen
