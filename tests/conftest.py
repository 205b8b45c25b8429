"""Shared test fixtures: paths of the demo data, config and reference files, and a runner
for the command line."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from maatwerk_stats.cli import app

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
CONFIG = ROOT / "configs" / "leeratelier.toml"
REFERENCE = ROOT / "tests" / "reference"

os.environ.setdefault("MPLBACKEND", "Agg")


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
