"""``vignette`` makes the terminal's text only where it is shown (``--format table`` without
``--quiet``), before the output writer waits for the figures; with ``--quiet`` or another
format it is not made at all, and the files are the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from maatwerk_stats.report.console import vignette as console

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
CONFIG = ROOT / "configs" / "leeratelier.toml"


@pytest.mark.parametrize("options", [["--quiet"], ["--format", "json"], ["--format", "csv"]])
def test_the_terminal_text_is_not_made_where_it_is_not_shown(run_cli, monkeypatch, tmp_path,
                                                             options):
    def refuse(*_args, **_kwargs):
        raise AssertionError("vignette_report called")

    monkeypatch.setattr(console, "vignette_report", refuse)
    result = run_cli("vignette", DEMO / "vignetten.csv", "--config", CONFIG, "--no-figures",
                     "--out", tmp_path / "out", *options)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "vignette_coefficients.csv").exists()


def test_the_terminal_text_is_made_before_the_writer_commits(run_cli, monkeypatch, tmp_path):
    """Made inside the writer's block (while the figures render): the files are not in
    place yet when it is made, and it is printed as before."""
    made = []
    report = console.vignette_report

    def recording(*args, **kwargs):
        made.append((tmp_path / "out" / "vignette_coefficients.csv").exists())
        return report(*args, **kwargs)

    monkeypatch.setattr(console, "vignette_report", recording)
    result = run_cli("vignette", DEMO / "vignetten.csv", "--config", CONFIG, "--no-figures",
                     "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert made == [False]
    assert "Invloed van de kenmerken" in result.stdout
