"""The error line speaks the run's language: "Fout: …" in Dutch (the default and
study.language = "nl"), "Error: …" with --lang en, and English as a whole where a message
has no Dutch text yet."""

from __future__ import annotations

from pathlib import Path

from maatwerk_stats.cli.app import error_line
from maatwerk_stats.errors import DataError

ROOT = Path(__file__).resolve().parents[2]
CSV = ROOT / "data" / "demo" / "vragenlijst.csv"


def test_a_dutch_run_says_fout_and_an_english_run_error(run_cli):
    dutch = run_cli("scales", CSV, "--sheet", "1")
    assert dutch.exit_code == 2
    assert dutch.stderr == (f"Fout: --sheet 1: {CSV} is geen Excel-werkmap (.xlsx); --sheet "
                            "kiest een werkblad van een werkmap.\n")
    english = run_cli("scales", CSV, "--sheet", "1", "--lang", "en")
    assert english.exit_code == 2
    assert english.stderr == (f"Error: --sheet 1: {CSV} is not an Excel workbook (.xlsx); "
                              "--sheet chooses a sheet of one.\n")


def test_a_message_without_dutch_is_english_as_a_whole():
    assert error_line(DataError("column 'x' not found"), "nl") == (
        "Error: column 'x' not found")
    assert error_line(DataError(en="a", nl="b"), "nl") == "Fout: b"
    assert error_line(DataError(en="a", nl="b"), "en") == "Error: a"


def test_an_error_before_the_config_is_read_speaks_its_study_language(run_cli, tmp_path):
    """`scales` reads the data before the config: a data file that is not there is said in
    the --config file's study.language (here English), unless --lang says otherwise."""
    english = tmp_path / "english.toml"
    english.write_text('[study]\nlanguage = "en"\n', encoding="utf-8")
    result = run_cli("scales", "nothere.csv", "--config", english)
    assert result.exit_code == 66
    assert result.stderr.startswith("Error: nothere.csv: file not found.")
    dutch = run_cli("scales", "nothere.csv", "--config", english, "--lang", "nl")
    assert dutch.stderr.startswith("Fout: nothere.csv: ")
    assert run_cli("scales", "nothere.csv").stderr.startswith("Fout: nothere.csv: ")
    broken = tmp_path / "broken.toml"
    broken.write_text('[study\nlanguage = "en"\n', encoding="utf-8")  # not TOML: Dutch
    assert run_cli("scales", "nothere.csv", "--config", broken).stderr.startswith("Fout: ")
    vignette = run_cli("vignette", "nothere.csv", "--config", english)
    assert vignette.stderr.startswith("Error: nothere.csv: file not found.")
