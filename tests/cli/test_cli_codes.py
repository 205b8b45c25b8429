"""``maatwerk-stats codes`` end to end on the fixtures of tests/qda/: files written, what the
terminal shows, the config's [codes] section, and one clear message per kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from maatwerk_stats.cli import app

QDA = Path(__file__).resolve().parents[1] / "qda"
TABLES = ["codes.csv", "codes_matrix.csv", "codes_factors.csv"]

MATRIX = """\
Factoren per domein en richting
Domein           Richting     Factoren  Interviews  Fragmenten
---------------  -----------  --------  ----------  ----------
Institutioneel   Belemmerend         2           2           4
Institutioneel   Bevorderend         1           1           1
Organisatorisch  Belemmerend         0           0           0
Organisatorisch  Bevorderend         1           1           2"""


def run(*args: str):
    return CliRunner().invoke(app, ["codes", *args])


def test_qdpx_writes_every_table_and_the_figure(tmp_path):
    result = run(str(QDA / "project.qdpx"), "--out", str(tmp_path), "--quotes", "1")
    assert result.exit_code == 0, result.stderr
    for name in [*TABLES, "codes_quotes.csv", "codes_participants.csv", "results.json",
                 "figures/codes_tree.png", "figures/codes_tree.svg"]:
        assert (tmp_path / name).is_file(), name
    assert MATRIX in result.stdout
    codes = pd.read_csv(tmp_path / "codes.csv", keep_default_na=False)
    assert list(codes.columns[:8]) == ["code", "parent", "path", "level", "files",
                                      "references", "files_total", "references_total"]
    row = codes.set_index("path").loc["Institutioneel"]
    assert (row["files"], row["references"], row["files_total"], row["references_total"]) \
        == (0, 0, 2, 5)
    matrix = pd.read_csv(tmp_path / "codes_matrix.csv")
    assert list(matrix.columns[:5]) == ["domain", "direction", "n_codes", "files",
                                       "references"]
    record = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert record["provenance"]["command"] == "codes"
    assert record["provenance"]["inputs"][0]["format"] == "qdpx"
    assert set(record["tables"]) >= {"codes", "codes_matrix", "codes_factors"}
    # the participants' attribute groups are smaller than 5: said once, nothing published
    assert "aantallen deelnemers naar rol worden niet gepubliceerd" in result.stderr
    assert pd.read_csv(tmp_path / "codes_participants.csv")["participants"].isna().all()


def test_published_files_never_hold_document_titles_or_case_names(tmp_path):
    result = run(str(QDA / "project.qdpx"), "--out", str(tmp_path), "--quotes", "3")
    assert result.exit_code == 0, result.stderr
    for path in tmp_path.glob("*.*"):
        text = path.read_text(encoding="utf-8")
        for name in ('"D1"', ",D1,", '"P1"', ",P1,", ",P2,"):
            assert name not in text, (path.name, name)
    quotes = pd.read_csv(tmp_path / "codes_quotes.csv")
    assert set(quotes["participant"]) == {"R1", "R2"}


def test_nvivo_summary_shows_ranges_and_says_why(tmp_path):
    result = run(str(QDA / "nvivo_summary_nl.csv"), "--out", str(tmp_path), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "Institutioneel   Hindering        2         2–4        3–6" in result.stdout
    assert "A range (2–4) means" in result.stdout
    assert "states counts per code only" in result.stderr


def test_format_csv_prints_codes_csv(tmp_path):
    result = run(str(QDA / "segments.csv"), "--out", str(tmp_path), "--format", "csv",
                 "--no-figures")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("code,parent,path,level,files,references,files_total,"
                                    "references_total")
    assert not (tmp_path / "figures").exists()


def test_config_section_gives_export_domains_directions(tmp_path):
    config = tmp_path / "study.toml"
    config.write_text(f"""
[codes]
export = "{QDA / 'project.qdpx'}"
quotes = 1
[codes.domains]
"Institutionele factoren" = ["Institutioneel"]
"Organisatorische factoren" = ["Organisatorisch"]
[codes.directions]
hindering = ["Belemmer*"]
enabling = ["Bevorder*"]
""", encoding="utf-8")
    result = run("--config", str(config), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    matrix = pd.read_csv(tmp_path / "out" / "codes_matrix.csv")
    assert list(zip(matrix["domain"], matrix["direction"], matrix["n_codes"], strict=True)) == [
        ("Institutionele factoren", "hindering", 2), ("Institutionele factoren", "enabling", 1),
        ("Organisatorische factoren", "hindering", 0),
        ("Organisatorische factoren", "enabling", 1)]
    assert len(pd.read_csv(tmp_path / "out" / "codes_quotes.csv")) == 4


def test_participants_table_and_pattern(tmp_path):
    (tmp_path / "people.csv").write_text(
        "Document;Deelnemer;rol\nD1;A;x\nD2;B;x\nD3;C;x\n", encoding="utf-8")
    config = tmp_path / "study.toml"
    config.write_text('[codes]\nparticipants = "people.csv"\n[report]\nmin_cell = 3\n',
                      encoding="utf-8")
    result = run(str(QDA / "segments.csv"), "--config", str(config), "--out",
                 str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    codes = pd.read_csv(tmp_path / "out" / "codes.csv").set_index("path")
    assert codes.loc["Institutioneel", "participants_total"] == 2
    people = pd.read_csv(tmp_path / "out" / "codes_participants.csv").set_index("path")
    assert people.loc["Institutioneel", "participants"] == 2  # group x has 3 ≥ min_cell 3

    config.write_text('[codes]\nparticipant_pattern = "D[12]"\n', encoding="utf-8")
    result = run(str(QDA / "segments.csv"), "--config", str(config), "--out",
                 str(tmp_path / "out2"))
    assert result.exit_code == 0, result.stderr
    assert "1 bron(nen) horen bij geen enkele deelnemer" in result.stderr


def test_codebook_with_segments_option(tmp_path):
    result = run(str(QDA / "codebook.qdc"), "--segments", str(QDA / "segments.csv"),
                 "--out", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    codes = pd.read_csv(tmp_path / "codes.csv").set_index("path")
    assert codes.loc["Institutioneel\\Belemmerend", "references_total"] == 4
    record = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert [i["format"] for i in record["provenance"]["inputs"]] == ["qdc", "segments"]


def test_no_export_given(tmp_path):
    result = run("--out", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.strip() == ("Fout: geef de QDA-export (maatwerk-stats codes "
                                     "EXPORT), of codes.export in de --config.")


def test_segments_option_that_holds_no_segments(tmp_path):
    result = run(str(QDA / "codebook.qdc"), "--segments", str(QDA / "nvivo_summary.csv"),
                 "--out", str(tmp_path))
    assert result.exit_code == 66
    assert ("bevat geen gecodeerde fragmenten (het leest als een codeoverzicht of codeboek)"
            in result.stderr)
    assert not tmp_path.exists() or not any(tmp_path.iterdir())


def test_bad_codes_config(tmp_path):
    config = tmp_path / "study.toml"
    config.write_text('[codes]\nquote = 2\nquotes = -1\n[codes.directions]\nx = 3\n',
                      encoding="utf-8")
    result = run(str(QDA / "project.qdpx"), "--config", str(config), "--out", str(tmp_path))
    assert result.exit_code == 78
    assert "onbekende sleutel 'codes.quote' — bedoelt u 'quotes'?" in result.stderr
    assert "codes.quotes moet een geheel getal van 0 of meer zijn, niet -1" in result.stderr
    assert "codes.directions.x moet een lijst van patronen voor codenamen zijn" in result.stderr
    english = run(str(QDA / "project.qdpx"), "--config", str(config), "--out", str(tmp_path),
                  "--lang", "en")
    assert english.stderr.startswith(f"Error: {config} has 3 problems:")
    assert "unknown key 'codes.quote' — did you mean 'quotes'?" in english.stderr
    assert "codes.quotes must be a whole number of 0 or more, not -1" in english.stderr
    assert "codes.directions.x must be a list of code-name patterns" in english.stderr
