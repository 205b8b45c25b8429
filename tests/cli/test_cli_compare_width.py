"""compare's tables fit a narrow window (COLUMNS=80 and 60): the columns are stacked in parts
that each repeat the name (report/text.py: render_table), no number is dropped."""

from __future__ import annotations

import importlib
import shutil

import pytest

from maatwerk_stats.report import text

from .test_cli_compare import CONFIG, DEMO


@pytest.mark.parametrize("columns", [80, 60])
def test_compare_tables_fit_a_narrow_window(run_cli, tmp_path, monkeypatch, columns):
    app = importlib.import_module("maatwerk_stats.cli.app")  # the module, not the Typer app

    wide = run_cli("compare", DEMO / "vragenlijst.csv", "--config", CONFIG, "--out", "out2",
                   "--no-figures")
    assert max(len(line) for line in wide.stdout.splitlines()) > 80  # a pipe: full lines
    monkeypatch.setenv("COLUMNS", str(columns))
    # CliRunner's output is no terminal: fit the window as a terminal would
    monkeypatch.setattr(app, "_fit_terminal",
                        lambda: text.terminal_width(shutil.get_terminal_size().columns))
    token = text._WIDTH.set(None)
    try:
        result = run_cli("compare", DEMO / "vragenlijst.csv", "--config", CONFIG, "--out",
                         "out", "--no-figures")
    finally:
        text._WIDTH.reset(token)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    # every column is still shown: the effect size and MDE parts follow the means
    assert any(line.startswith("Item") and "MDE" in line for line in lines)
    assert any(line.startswith("Item") and "Gem." in line for line in lines)
