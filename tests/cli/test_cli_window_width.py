"""Every table every command prints, and every note on stderr, fits a terminal window of 80
and of 60 columns (report/text.py: render_table wraps text columns, then stacks the columns in
parts; cli/app.py: info wraps the notes), and no number is split or dropped on the way: every
number of the full output (a pipe) is still on the narrow screen, whole."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from maatwerk_stats.report import text

from .test_cli_power import PLAN  # the 2 × 2 × 3 vignette plan

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
CONFIG = ROOT / "configs" / "leeratelier.toml"
GEWOGEN = ROOT / "configs" / "gewogen_maatwerk.toml"
EXPORT = ROOT / "data" / "voorbeeld" / "enquete.csv"
REFERENCE = ROOT / "tests" / "reference"
SMALL = ROOT / "tests" / "fuzz" / "files" / "teams_small.csv"
QDA = ROOT / "tests" / "qda" / "codebook.qdc"

# Every command and option that prints a table (with its own option set: the tables differ).
RUNS = {
    "codebook csv": ["codebook", EXPORT],
    "codebook sav en": ["codebook", DEMO / "pre.sav", "--lang", "en"],
    "scales": ["scales", DEMO / "pre.sav", "-c", CONFIG],
    "scales inferred": ["scales", DEMO / "vragenlijst.csv"],
    "scales group": ["scales", DEMO / "vragenlijst.csv", "-c", CONFIG, "--group", "meting"],
    "compare": ["compare", DEMO / "vragenlijst.csv", "-c", CONFIG],
    "compare adjusted ordinal": ["compare", DEMO / "pre.sav", DEMO / "post.sav", "-c", CONFIG,
                                 "--adjust-for", "config", "--ordinal"],
    "compare paired mixed": ["compare", DEMO / "gewogen_maatwerk.sav", "-c", GEWOGEN,
                             "--model", "mixed"],
    "compare three waves site": ["compare", REFERENCE / "data" / "orthodont_thinned.csv",
                                 "-c", REFERENCE / "orthodont.toml", "--site", "sex"],
    "compare independent site": ["compare", REFERENCE / "data" / "orthodont_thinned.csv",
                                 "-c", REFERENCE / "orthodont.toml", "--site", "sex",
                                 "--independent", "--group-order", "8,14"],
    "vignette": ["vignette", DEMO / "vignetten.csv", "-c", CONFIG],
    "teams": ["teams", SMALL, "--team", "team", "--variables", "steun,klimaat"],
    "correlate": ["correlate", SMALL, "--variables", "steun,klimaat,maatwerk", "--team",
                  "team"],
    "regress": ["regress", SMALL, "--outcome", "maatwerk", "--predictors", "steun,klimaat"],
    "codes": ["codes", QDA],
    "power compare": ["power", "compare", "--n", "10:30:10", "--delta", "0.5"],
    "design": ["design", "--config", "plan.toml", "-k", "6"],
    "init": ["init", EXPORT, "--out", "study.toml", "--force"],
}
NO_FIGURES = {"compare", "vignette", "teams", "regress"}
NUMBER = re.compile(r"[−+-]?\d+(?:[.,]\d+)*%?")


def _run(run_cli, monkeypatch, tmp_path, args, columns, out):
    (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
    app = importlib.import_module("maatwerk_stats.cli.app")  # the module, not the Typer app
    tokens = []
    if columns:  # CliRunner's output is no terminal: fit the window as a terminal would
        monkeypatch.setattr(app, "_fit_terminal",
                            lambda: tokens.append(text._WIDTH.set(columns)))
    extra = ["--no-figures"] if args[0] in NO_FIGURES else []
    try:
        result = run_cli(*args, *extra,
                         *(["--out", out] if args[0] not in ("codebook", "init") else []))
    finally:
        for token in reversed(tokens):
            text._WIDTH.reset(token)
        monkeypatch.undo()
    assert result.exit_code == 0, result.stderr
    return result


def _numbers(output: str) -> set[str]:
    """The numbers of ``output``: tokens that are a number as a whole (not "samenwerking_1")."""
    return {token for token in re.split(r"[\s()\[\];:/=]+", output)
            if NUMBER.fullmatch(token.rstrip(".,"))}


@pytest.mark.parametrize("name", list(RUNS))
def test_every_table_and_note_fits_80_and_60_columns(run_cli, monkeypatch, tmp_path, name):
    full = _run(run_cli, monkeypatch, tmp_path, RUNS[name], None, "wide")
    assert full.stdout.strip()
    for columns in (80, 60):
        monkeypatch.chdir(tmp_path)
        result = _run(run_cli, monkeypatch, tmp_path, RUNS[name], columns, f"out{columns}")
        for stream in (result.stdout, result.stderr):
            wide = [line for line in stream.splitlines() if len(line) > columns]
            assert not wide, f"{name} at {columns} columns:\n" + "\n".join(wide)
        # every number is still there, whole (no cell split mid-number, no column dropped)
        missing = _numbers(full.stdout) - _numbers(result.stdout)
        assert not missing, f"{name} at {columns} columns lost {sorted(missing)[:10]}"
