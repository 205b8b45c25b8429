"""The command line starts, lists its commands and reports its version."""

from __future__ import annotations

import subprocess
import sys

from maatwerk_stats import __version__


def test_help_lists_commands(run_cli):
    result = run_cli("--help")
    assert result.exit_code == 0
    for command in ("codebook", "scales", "simulate", "vignette"):
        assert command in result.stdout


def test_version(run_cli):
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"maatwerk-stats {__version__}"


def test_help_does_not_import_heavy_libraries():
    code = ("import sys; from maatwerk_stats.cli import app; "
            "heavy = [m for m in ('pandas', 'statsmodels', 'matplotlib', 'scipy') "
            "if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""
