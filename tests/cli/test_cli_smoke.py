"""The command line starts, lists its commands and reports its version."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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


HEAVY = ("pandas", "numpy", "statsmodels", "matplotlib", "scipy", "rich", "pyreadstat",
         "jinja2", "openpyxl", "docx")


@pytest.mark.parametrize("args", [["--help"], ["compare", "--help"],
                                  ["factsheet", "--help"], ["power", "vignette", "--help"]])
def test_help_does_not_import_heavy_libraries(args):
    """``--help`` and ``COMMAND --help`` (start-up goal 0.2 s) build the whole command tree
    but import none of the libraries the commands need."""
    code = ("import contextlib, io, sys\n"
            f"sys.argv = ['maatwerk-stats', *{args!r}]\n"
            "from maatwerk_stats.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n        main()\n    except SystemExit:\n        pass\n"
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""


def test_command_signatures_are_not_postponed_annotations():
    """Typer reads every command's signature twice while building the command tree (for
    ``--help`` too); as strings (``from __future__ import annotations``) each ``Annotated[…,
    typer.Option(…)]`` would be compiled and evaluated both times, about a third of the
    start-up time beyond ``import typer``. Command modules therefore evaluate them once, at
    import."""
    import ast

    import maatwerk_stats.cli as cli

    folder = Path(cli.__file__).parent
    postponed = []
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        commands = any(isinstance(d, ast.Call) and getattr(d.func, "attr", "") == "command"
                       for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
                       for d in node.decorator_list)
        future = any(isinstance(node, ast.ImportFrom) and node.module == "__future__"
                     for node in tree.body)
        if commands and future:
            postponed.append(path.name)
    assert postponed == []


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
