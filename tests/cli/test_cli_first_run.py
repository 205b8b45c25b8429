"""Issue 16 (first run), the remaining items with the exact text a newcomer sees: a row
without a measurement is left out with a note, and the codebook's summary line writes its
counts as the table does (7.382)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXPORT = ROOT / "data" / "voorbeeld" / "enquete.csv"
BH = ROOT / "tests" / "reference" / "data" / "bh1996.csv"


def test_a_row_without_a_measurement_is_left_out_with_a_note(run_cli, tmp_path):
    lines = EXPORT.read_text(encoding="cp1252").splitlines()
    column = lines[0].split(";").index("meting")
    first = lines[1].split(";")
    first[column] = ""
    lines[1] = ";".join(first)
    (tmp_path / "gat.csv").write_text("\n".join(lines) + "\n", encoding="cp1252")
    assert run_cli("init", "gat.csv").exit_code == 0
    result = run_cli("compare", "gat.csv", "--config", "configs/gat.toml", "--out", "out",
                     "--no-figures")
    assert result.exit_code == 0, result.stderr
    assert "Let op: 1 rij(en) zonder waarde in 'meting' zijn weggelaten.\n" in result.stderr
    assert "Schaal        n Vóór  n Na" in result.stdout  # 21 before instead of 22
    assert "Beïnvloeding      21    26" in result.stdout


def test_codebook_summary_has_thousands_separators(run_cli):
    dutch = run_cli("codebook", BH)
    assert dutch.stdout.startswith(f"{BH}: 7.382 rijen, 6 variabelen (")
    assert "7.382" in dutch.stdout.splitlines()[3]  # the table's geldig column: the same
    english = run_cli("codebook", BH, "--lang", "en")
    assert english.stdout.startswith(f"{BH}: 7,382 rows, 6 variables (")
