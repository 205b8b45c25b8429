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


def test_quiet_prints_no_tables_but_keeps_requested_csv(run_cli, tmp_path):
    """--quiet leaves stdout empty for the text tables; --format csv output is still the
    output a script asked for."""
    from pathlib import Path

    demo = Path(__file__).resolve().parents[2] / "data" / "demo"
    config = demo.parents[1] / "configs" / "leeratelier.toml"
    quiet = run_cli("scales", str(demo / "pre.sav"), "--config", str(config),
                    "--out", str(tmp_path / "a"), "--quiet")
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stdout == ""
    as_csv = run_cli("scales", str(demo / "pre.sav"), "--config", str(config),
                     "--out", str(tmp_path / "b"), "--quiet", "--format", "csv")
    assert as_csv.exit_code == 0, as_csv.output
    assert as_csv.stdout.splitlines()[0].startswith("scale,")
