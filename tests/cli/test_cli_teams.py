"""``correlate``, ``teams`` and ``regress`` from the user's side: the DESIGN.md §4 files and
columns, messages, exit codes (numbers themselves: tests/test_teams_reference.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from maatwerk_stats.errors import ExitStatus

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "tests" / "reference"
BH = REFERENCE / "data" / "bh1996.csv"
BH_CONFIG = REFERENCE / "bh1996.toml"
SMALL = ROOT / "tests" / "fuzz" / "files" / "teams_small.csv"

CORRELATION = ["variable_1", "variable_2", "n", "r", "conf_low", "conf_high", "p_value",
               "p_adjusted"]
CONTRACT = {
    "descriptives.csv": ["variable", "label", "n", "mean", "sd", "min", "max"],
    "correlations.csv": CORRELATION,
    "correlations_within.csv": CORRELATION,
    "correlations_between.csv": CORRELATION,
    "team_agreement.csv": ["variable", "n_teams", "n", "icc1", "icc2", "rwg_j_mean",
                           "rwg_j_median", "rwg_j_share_70"],
    "team_means.csv": ["team", "variable", "n", "mean", "sd", "rwg_j"],
    "regression_coefficients.csv": ["regression", "model", "term", "estimate", "std_error",
                                    "statistic", "df", "p_value", "conf_low", "conf_high",
                                    "std_estimate"],
    "regression_fit.csv": ["regression", "model", "n", "n_teams", "r_squared",
                           "adj_r_squared", "var_team", "var_residual", "icc", "icc_null",
                           "converged"],
    "regression_simple_slopes.csv": ["regression", "model", "predictor", "moderator",
                                     "moderator_value", "estimate", "std_error", "df",
                                     "p_value", "conf_low", "conf_high"],
}


def check_contract(folder: Path) -> None:
    for name, columns in CONTRACT.items():
        if (folder / name).exists():
            header = list(pd.read_csv(folder / name, nrows=0).columns)
            assert header[: len(columns)] == columns or set(columns) <= set(header), name


def test_correlate_writes_the_contract_and_an_apa_table(run_cli, tmp_path):
    result = run_cli("correlate", BH, "--config", BH_CONFIG, "--out", "res", "--lang", "nl")
    assert result.exit_code == 0, result.output
    out = tmp_path / "res"
    files = {p.name for p in out.iterdir()}
    assert {"descriptives.csv", "correlations.csv", "correlations_within.csv",
            "correlations_between.csv", "results.json", "tables.xlsx"} <= files
    check_contract(out)
    pairs = pd.read_csv(out / "correlations.csv")
    assert list(zip(pairs["variable_1"], pairs["variable_2"], strict=True))[:3] == [
        ("COHES", "LEAD"), ("COHES", "HRS_M"), ("COHES", "WBEING")]
    assert pd.read_csv(out / "correlations_between.csv")["n"].eq(99).all()
    # lower triangle, Dutch decimals without the leading zero, stars
    assert "2. LEAD    7.382   2,89  0,77   ,42***" in result.stdout
    assert "Correlaties tussen teams (teamgemiddelden) (teams = 99)" in result.stdout
    record = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert record["provenance"]["options"]["team"] == "GRP"
    import docx

    tables = docx.Document(str(out / "correlations.docx")).tables
    assert len(tables) == 3  # the APA table, within and between teams
    assert [c.text for c in tables[0].rows[2].cells] == ["2. LEAD", "7.382", "2,89", "0,77",
                                                         ",42***", "", ""]


def test_correlate_exact_p_and_without_teams(run_cli, tmp_path):
    result = run_cli("correlate", BH, "--variables", "LEAD,WBEING", "--p-values", "exact",
                     "--out", "res", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert ".43 (< 0.001)" in result.stdout
    assert not (tmp_path / "res" / "correlations_within.csv").exists()


def test_teams_writes_agreement_team_means_and_a_figure(run_cli, tmp_path):
    result = run_cli("teams", REFERENCE / "data" / "bhr2000.csv", "--config",
                     REFERENCE / "bhr2000.toml", "--out", "res")
    assert result.exit_code == 0, result.output
    out = tmp_path / "res"
    check_contract(out)
    assert (out / "figures" / "team_means_leadership.png").stat().st_size > 10_000
    agreement = pd.read_csv(out / "team_agreement.csv")
    assert agreement.loc[0, "n_teams"] == 99
    assert "Leadership climate     99  5,400    0.14    0.90" in result.stdout


def test_teams_suppresses_small_teams_and_warns_about_missing_ids(run_cli, tmp_path):
    result = run_cli("teams", SMALL, "--team", "team", "--variables", "steun,klimaat",
                     "--out", "res", "--no-figures")
    assert result.exit_code == 0, result.output
    means = pd.read_csv(tmp_path / "res" / "team_means.csv")
    single = means[means["team"] == "F"]
    assert single["suppressed"].all() and single["mean"].isna().all()
    assert (single["n"] == 1).all()  # the count stays
    assert ("Waarschuwing: 2 respondent(en) hebben geen team-id in kolom team; ze blijven "
            "buiten de analyses binnen en tussen teams en buiten de teammodellen.\n"
            ) in result.stderr  # no config: Dutch, as the tables
    record = json.loads((tmp_path / "res" / "results.json").read_text(encoding="utf-8"))
    kinds = {note["kind"] for note in record["notes"]}
    assert {"rows_without_team", "single_member_teams", "small_teams_suppressed"} <= kinds


def test_teams_needs_a_team_column(run_cli):
    result = run_cli("teams", SMALL, "--variables", "steun", "--out", "res")
    assert result.exit_code == ExitStatus.USAGE
    assert result.stderr.strip() == ("Fout: teams heeft de kolom met de team-id nodig: --team "
                                     "COLUMN (of [teams] column in de config).")


def test_regress_writes_three_models_and_simple_slopes(run_cli, tmp_path):
    result = run_cli("regress", BH, "--config", BH_CONFIG, "--out", "res", "--no-figures")
    assert result.exit_code == 0, result.output
    out = tmp_path / "res"
    check_contract(out)
    coefficients = pd.read_csv(out / "regression_coefficients.csv")
    assert set(coefficients["model"]) == {"ols", "ols_cluster", "mixed"}
    assert "LEAD:COHES" in set(coefficients["term"])
    assert "LEAD_team_mean" in set(coefficients["term"])
    slopes = pd.read_csv(out / "regression_simple_slopes.csv")
    assert len(slopes) == 9


def test_regress_from_options_with_a_categorical_predictor(run_cli, tmp_path):
    result = run_cli("regress", SMALL, "--outcome", "maatwerk", "--predictors",
                     "steun,oordeel", "--categorical", "oordeel", "--team", "team",
                     "--out", "res", "--no-figures")
    assert result.exit_code == 0, result.output
    terms = pd.read_csv(tmp_path / "res" / "regression_coefficients.csv")["term"]
    assert "oordeel[weinig]" in set(terms)  # treatment coding against "veel"
    assert "2 respondent(en) zonder team-id weggelaten" in result.stderr


def test_regress_bad_input_gives_one_clear_message(run_cli, tmp_path):
    cases = {
        ("steun,constant",): "regressie maatwerk: de voorspeller constant heeft dezelfde waarde "
                             "voor elke respondent in het model, dus het effect ervan is niet "
                             "te schatten; laat hem weg.",
        ("steun,dubbel",): "dubbel is een lineaire combinatie van de andere voorspellers",
    }
    for (predictors,), message in cases.items():
        result = run_cli("regress", SMALL, "--outcome", "maatwerk", "--predictors",
                         predictors, "--team", "team", "--out", "res")
        assert result.exit_code == ExitStatus.DATA
        assert message in result.stderr
        assert result.stderr.count("Fout:") == 1
    english = run_cli("regress", SMALL, "--outcome", "maatwerk", "--predictors",
                      "steun,constant", "--team", "team", "--out", "res", "--lang", "en")
    assert english.exit_code == ExitStatus.DATA
    assert english.stderr.startswith("Error: regression maatwerk: the predictor constant has the "
                                     "same value for every respondent")
    result = run_cli("regress", SMALL, "--outcome", "oordeel", "--predictors", "steun",
                     "--out", "res")
    assert result.exit_code == ExitStatus.DATA
    assert "kolom 'oordeel'" in result.stderr and "geen getal" in result.stderr
    assert not (tmp_path / "res").exists()


def test_regress_needs_a_model(run_cli):
    result = run_cli("regress", SMALL, "--out", "res")
    assert result.exit_code == ExitStatus.USAGE
    assert "Fout: regress heeft een model nodig" in result.stderr


def test_leaders_file_is_merged_by_team(run_cli, tmp_path):
    leaders = tmp_path / "leiders.csv"
    leaders.write_text("team;leider_steun\nA;4\nB;2\nC;5\nD;3\nE;1\n", encoding="utf-8")
    result = run_cli("regress", SMALL, "--outcome", "maatwerk", "--predictors",
                     "steun,leider_steun", "--team", "team", "--leaders", leaders,
                     "--out", "res", "--no-figures")
    assert result.exit_code == 0, result.output
    assert "1 team(s) in de data hebben geen teamleidersrij" in result.stderr
    terms = set(pd.read_csv(tmp_path / "res" / "regression_coefficients.csv")["term"])
    assert "leider_steun" in terms
