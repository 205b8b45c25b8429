"""Shared test fixtures: paths of the demo data, config and reference files, and a runner
for the command line."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from maatwerk_stats import compare, load_config, vignette
from maatwerk_stats.cli import app

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
CONFIG = ROOT / "configs" / "leeratelier.toml"
REFERENCE = ROOT / "tests" / "reference"

os.environ.setdefault("MPLBACKEND", "Agg")

# caches that tools make in the working copy while the tests run
_TOOL_CACHES = {".pytest_cache", ".hypothesis", ".ruff_cache", "__pycache__"}


@pytest.fixture(autouse=True, scope="session")
def _working_copy_untouched():
    """Fail the run when a test wrote into the working copy's top folder (e.g. a relative
    ``--out`` after a fixture's ``chdir`` into ``tmp_path`` was undone): outputs belong in
    ``tmp_path``, and generated files must never end up next to the sources."""
    before = {entry.name for entry in ROOT.iterdir()}
    yield
    new = sorted({entry.name for entry in ROOT.iterdir()} - before - _TOOL_CACHES)
    if new:
        pytest.fail(f"tests wrote into the working copy {ROOT}: {', '.join(new)}",
                    pytrace=False)


@pytest.fixture
def run_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run ``maatwerk-stats ARGS`` in ``tmp_path`` (so relative outputs land there);
    stdout and stderr are kept apart (``result.stdout``, ``result.stderr``)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MAATWERK_TRACEBACK", raising=False)
    runner = CliRunner()

    def run(*args: str | Path) -> Result:
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=True)

    return run


@pytest.fixture(scope="module")
def comparison():
    """``compare`` on the demo's pre.sav and post.sav with the demo config (one per module)."""
    return compare(DEMO / "pre.sav", DEMO / "post.sav", config=load_config(CONFIG))


@pytest.fixture(scope="module")
def vignette_result():
    """``vignette`` on the demo's vignetten.csv with the demo config (one per module)."""
    return vignette(DEMO / "vignetten.csv", CONFIG)
