"""``maatwerk-stats power compare`` (and ``power vignette``) end to end: files, terminal,
messages for impossible inputs."""

from __future__ import annotations

import json

import pandas as pd


def test_power_compare_solves_n_like_power_t_test(run_cli, tmp_path):
    result = run_cli("power", "compare", "--delta", "0.5", "--power", "0.8", "--out", "out")
    assert result.exit_code == 0, result.stderr
    assert "Nodig: n = 63,77, afgerond 64 (per groep of paren)." in result.stdout
    table = pd.read_csv(tmp_path / "out" / "power.csv")
    assert table.loc[0, "n_respondents"] == 64 and table.loc[0, "solved_for"] == "n"
    record = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert record["provenance"]["command"] == "power compare"
    assert record["provenance"]["options"]["delta"] == 0.5


def test_power_compare_curve_and_csv_format(run_cli):
    result = run_cli("power", "compare", "--type", "paired", "--n", "10:30:10", "--delta",
                     "0.4", "--format", "csv", "--out", "out")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("term,effect,n_respondents,n_per_respondent,power")
    assert len(lines) == 4


def test_power_compare_impossible_inputs(run_cli, tmp_path):
    result = run_cli("power", "compare", "--n", "0", "--delta", "0.5", "--out", "out")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("Error: --n 0: a t-test needs at least 2 respondents per "
                                     "group.")
    result = run_cli("power", "compare", "--delta", "0.5", "--out", "out")
    assert result.exit_code == 2
    assert "give exactly two of --n, --delta and --power" in result.stderr
    result = run_cli("power", "compare", "--n", "veel", "--delta", "0.5", "--out", "out")
    assert "--n veel: give a number, a list (20,40,60) or a range" in result.stderr
    assert not (tmp_path / "out").exists()
