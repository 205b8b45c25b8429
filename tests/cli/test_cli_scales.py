"""``maatwerk-stats scales`` and ``codebook`` from the user's side: outputs, messages, exit
codes."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

from maatwerk_stats.errors import ExitStatus

from ..conftest import CONFIG, DEMO

EXPORT = DEMO.parent / "voorbeeld" / "enquete.csv"

CONTRACT = {
    "reliability.csv": ["scale", "n_items", "n", "alpha", "alpha_std", "alpha_conf_low",
                        "alpha_conf_high", "omega_total"],
    "items.csv": ["scale", "item", "n", "mean", "sd", "item_rest_r", "alpha_if_deleted"],
    "scores.csv": ["respnr", "samenwerking", "regie", "maatwerk"],
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_scales_on_demo_writes_the_contract_files(run_cli, tmp_path):
    before = digest(DEMO / "pre.sav")
    result = run_cli("scales", DEMO / "pre.sav", "--config", CONFIG, "--out", "res")
    assert result.exit_code == 0, result.output
    out = tmp_path / "res"
    assert sorted(p.name for p in out.iterdir()) == [
        ".maatwerk-stats.json", "items.csv", "items_distribution.csv", "reliability.csv",
        "results.json", "scores.csv"]
    for name, columns in CONTRACT.items():
        table = pd.read_csv(out / name)
        assert set(columns) <= set(table.columns), name
    reliability = pd.read_csv(out / "reliability.csv")
    assert reliability["mean"].round(2).tolist() == [4.20, 3.75, 3.52]
    # the terminal shows a readable Dutch table with labels
    assert "Betrouwbaarheid" in result.stdout
    assert "Samenwerking" in result.stdout
    assert "4,20" in result.stdout
    assert "(omgepoold)" in result.stdout
    assert " ".join(result.stderr.split()).endswith(
        "Geschreven naar res: scores.csv, reliability.csv, items.csv, items_distribution.csv, "
        "results.json")  # in the language of the tables
    assert digest(DEMO / "pre.sav") == before


def test_results_json_holds_tables_and_provenance(run_cli, tmp_path):
    result = run_cli("scales", DEMO / "post.sav", "-c", CONFIG, "-o", "res", "-q")
    assert result.exit_code == 0
    record = json.loads((tmp_path / "res" / "results.json").read_text(encoding="utf-8"))
    provenance = record["provenance"]
    assert provenance["command"] == "scales"
    assert provenance["inputs"][0]["sha256"] == digest(DEMO / "post.sav")
    assert provenance["config"]["content"]["study"]["name"] == "leeratelier"
    assert set(provenance["dependencies"]) >= {"numpy", "pandas", "scipy", "pyreadstat"}
    assert set(record["tables"]) == {"reliability", "items", "items_distribution"}
    table = pd.read_csv(tmp_path / "res" / "reliability.csv")
    assert [r["alpha"] for r in record["tables"]["reliability"]] == pytest.approx(
        table["alpha"].tolist(), rel=1e-15)


def test_english_and_csv_output(run_cli):
    english = run_cli("scales", DEMO / "pre.sav", "-c", CONFIG, "--lang", "en")
    assert "Reliability" in english.stdout and "4.20" in english.stdout
    as_csv = run_cli("scales", DEMO / "pre.sav", "-c", CONFIG, "--format", "csv", "-q")
    assert as_csv.stdout.splitlines()[0].startswith("scale,label,group,n_items,n,alpha,")
    as_json = run_cli("scales", DEMO / "pre.sav", "-c", CONFIG, "--format", "json", "-q")
    assert json.loads(as_json.stdout)["reliability"][0]["scale"] == "samenwerking"


def test_by_group_on_dutch_csv(run_cli, tmp_path):
    result = run_cli("scales", DEMO / "vragenlijst.csv", "-c", CONFIG, "--group", "meting",
                     "-o", "res", "-q")
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "res" / "reliability.csv")
    assert table["group"].tolist() == ["all"] * 3 + ["voor"] * 3 + ["na"] * 3
    voor = table[table["group"] == "voor"]["mean"].round(2).tolist()
    na = table[table["group"] == "na"]["mean"].round(2).tolist()
    assert voor == [4.20, 3.75, 3.52]
    assert na == [4.32, 3.84, 3.67]
    scores = pd.read_csv(tmp_path / "res" / "scores.csv")
    assert list(scores.columns) == ["respnr", "samenwerking", "regie", "maatwerk", "meting"]


def _stacked_sav(path: Path) -> Path:
    """pre.sav and post.sav in one SPSS file: meting holds the codes 1/2, labelled voor/na."""
    pre, meta = pyreadstat.read_sav(DEMO / "pre.sav", user_missing=True)
    post, _ = pyreadstat.read_sav(DEMO / "post.sav", user_missing=True)
    pyreadstat.write_sav(pd.concat([pre, post], ignore_index=True), path,
                         column_labels=meta.column_labels,
                         variable_value_labels=meta.variable_value_labels,
                         missing_ranges=meta.missing_ranges)
    return path


def test_by_group_on_sav_codes_named_by_their_value_labels(run_cli, tmp_path):
    # groups.order = ["voor", "na"] names the value labels of the stored codes 1/2: the
    # groups are found by label, as compare finds them (they had 0 respondents each)
    stacked = _stacked_sav(tmp_path / "both.sav")
    result = run_cli("scales", stacked, "-c", CONFIG, "--group", "meting", "-o", "res", "-q")
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "res" / "reliability.csv")
    assert table["group"].tolist() == ["all"] * 3 + ["voor"] * 3 + ["na"] * 3
    as_csv = pd.read_csv(tmp_path / "res" / "reliability.csv")
    from_csv = run_cli("scales", DEMO / "vragenlijst.csv", "-c", CONFIG, "--group", "meting",
                       "-o", "csv", "-q")
    assert from_csv.exit_code == 0, from_csv.output
    expected = pd.read_csv(tmp_path / "csv" / "reliability.csv")
    pd.testing.assert_frame_equal(as_csv, expected)
    scores = pd.read_csv(tmp_path / "res" / "scores.csv")
    assert scores["meting"].tolist() == ["voor"] * 22 + ["na"] * 36


def test_by_group_on_one_measurement_notes_the_group_without_rows(run_cli, tmp_path):
    result = run_cli("scales", DEMO / "pre.sav", "-c", CONFIG, "--group", "meting", "-o",
                     "res")
    assert result.exit_code == 0, result.output
    assert ("Let op: groep 'na' uit groups.order heeft geen rijen in "
            f"{DEMO / 'pre.sav'} (kolom 'meting'): die groep ontbreekt in de resultaten per "
            "groep.") in result.stderr
    table = pd.read_csv(tmp_path / "res" / "reliability.csv")
    assert table["group"].tolist() == ["all"] * 3 + ["voor"] * 3
    english = run_cli("scales", DEMO / "pre.sav", "-c", CONFIG, "--group", "meting", "-o",
                      "en", "--lang", "en")
    assert ("Note: group 'na' of groups.order has no rows in "
            f"{DEMO / 'pre.sav'} (column 'meting'): it is left out of the results per "
            "group.") in english.stderr


def test_inferred_config_is_announced_and_saved(run_cli, tmp_path):
    result = run_cli("scales", DEMO / "pre.sav", "--save-config", "mine.toml", "-o", "res",
                     "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "No --config: scales inferred from column names: samenwerking (samenwerking_1, "
        "samenwerking_2, samenwerking_3, samenwerking_4); regie (regie_1, regie_2, regie_3, "
        "regie_4); maatwerk (maatwerk_1, maatwerk_2, maatwerk_3, maatwerk_4). Check them: "
        "`maatwerk-stats init DATA` (or --save-config FILE) writes a config to edit.")
    # without the reverse item declared, samenwerking_3 correlates negatively: say so
    assert ("Note: item samenwerking_3 correlates negatively with the rest of scale "
            "samenwerking") in result.stderr
    saved = (tmp_path / "mine.toml").read_text(encoding="utf-8")
    assert 'items = ["regie_1", "regie_2", "regie_3", "regie_4"]' in saved
    # the saved config is init's draft: it proposes the reverse item, marked CHECK
    assert "# CHECK: samenwerking_3 goes against the other items" in saved
    again = run_cli("scales", DEMO / "pre.sav", "--config", "mine.toml", "-o", "res2")
    assert again.exit_code == 0
    assert "correlates negatively" not in again.stderr
    first = pd.read_csv(tmp_path / "res" / "reliability.csv").set_index("scale")
    second = pd.read_csv(tmp_path / "res2" / "reliability.csv").set_index("scale")
    assert first.loc["regie", "alpha"] == second.loc["regie", "alpha"]
    assert second.loc["samenwerking", "alpha"] > first.loc["samenwerking", "alpha"]


def test_save_config_is_written_also_when_the_items_hold_text(run_cli, tmp_path):
    result = run_cli("scales", EXPORT, "--save-config", "mijn.toml", "-o", "res")
    assert result.exit_code == 65
    assert result.stderr.splitlines()[-1] == (
        "De config is toch opgeslagen in mijn.toml: pas hem aan (de regels met # CHECK:) en "
        "geef de opdracht opnieuw met --config mijn.toml.")
    assert not (tmp_path / "res").exists()
    # the suggested value_map: the Dutch agreement scale in scale order, weet niet missing
    assert ("Geef in de config bij elke antwoordtekst het getal in schaalvolgorde (Nederlandse "
            "eens-oneensschaal, 5 antwoorden), bijvoorbeeld\n  [value_map]\n  \"helemaal mee "
            "oneens\" = 1\n  \"mee oneens\" = 2\n  \"neutraal\" = 3\n  \"mee eens\" = 4\n  "
            "\"helemaal mee eens\" = 5\n  \"weet niet\" = 9\n  met missing_codes = [9] onder "
            "elke [scales.NAME] (geen antwoord)\n`maatwerk-stats init DATA` schrijft deze "
            "config.") in result.stderr
    english = run_cli("scales", EXPORT, "--save-config", "mine.toml", "-o", "res",
                      "--lang", "en")
    assert english.exit_code == 65
    assert english.stderr.splitlines()[-1] == (
        "The config was saved to mine.toml all the same: edit it (lines marked # CHECK:) and "
        "rerun with --config mine.toml.")
    assert ("Map every answer text to its number in the config in scale order (Dutch agreement "
            "scale, 5 answers), e.g.\n  [value_map]\n  \"helemaal mee oneens\" = 1\n  \"mee "
            "oneens\" = 2\n  \"neutraal\" = 3\n  \"mee eens\" = 4\n  \"helemaal mee eens\" = 5\n"
            "  \"weet niet\" = 9\n  with missing_codes = [9] under each [scales.NAME] (no "
            "answer)\n`maatwerk-stats init DATA` writes this config for you.") in english.stderr
    assert "= N" not in result.stderr + english.stderr
    saved = (tmp_path / "mijn.toml").read_text(encoding="utf-8")
    assert '"helemaal mee oneens" = 1\n"mee oneens" = 2\nneutraal = 3\n' in saved
    again = run_cli("scales", EXPORT, "--config", "mijn.toml", "-o", "res", "-q")
    assert again.exit_code == 0, again.output


def test_write_sav_keeps_metadata_and_adds_scores(run_cli, tmp_path):
    result = run_cli("scales", DEMO / "pre.sav", "-c", CONFIG, "--write-sav", "scored.sav",
                     "-o", "res", "-q")
    assert result.exit_code == 0, result.output
    frame, meta = pyreadstat.read_sav(str(tmp_path / "scored.sav"), user_missing=True)
    original, original_meta = pyreadstat.read_sav(str(DEMO / "pre.sav"), user_missing=True)
    pd.testing.assert_frame_equal(frame[original.columns], original)
    assert meta.missing_ranges == original_meta.missing_ranges
    assert meta.variable_value_labels["regie_1"] == original_meta.variable_value_labels["regie_1"]
    assert meta.column_names_to_labels["regie"] == "Schaalscore Regie"
    scores = pd.read_csv(tmp_path / "res" / "scores.csv")
    assert frame["regie"].tolist() == pytest.approx(scores["regie"].tolist(), nan_ok=True)


def test_scores_csv_writes_ids_as_the_input_holds_them(run_cli, tmp_path):
    """Users merge the scores back on the id: 101 (SPSS) and 1000 (CSV), not 101.0."""
    result = run_cli("scales", DEMO / "pre.sav", "-c", CONFIG, "-o", "res", "-q")
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "res" / "scores.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("101,") and lines[2].startswith("102,")
    (tmp_path / "ids.csv").write_text("id;item_1;item_2;item_3\n1000;1;2;3\n1001;2;2;3\n"
                                      ";3;4;4\n1003;4;4;5\n1004;5;4;5\n", encoding="utf-8")
    result = run_cli("scales", "ids.csv", "-o", "csv", "-q")
    assert result.exit_code == 0, result.output
    scores = (tmp_path / "csv" / "scores.csv").read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[0] for line in scores] == ["id", "1000", "1001", "", "1003",
                                                        "1004"]


def test_write_sav_keeps_the_display_formats_and_shows_whole_ids_without_decimals(
        run_cli, tmp_path):
    frame = pd.DataFrame({"respnr": [101.0, 102.0, 103.0, 104.0],
                          "naam": ["a", "b", "c", "d"], "item_1": [1.0, 2.0, 3.0, 4.0],
                          "item_2": [2.0, 2.0, 4.0, 4.0]})
    pyreadstat.write_sav(frame, str(tmp_path / "in.sav"),
                         variable_format={"respnr": "F6.0", "naam": "A4", "item_1": "F1.0",
                                          "item_2": "F1.0"})
    result = run_cli("scales", "in.sav", "--write-sav", "out.sav", "-o", "res", "-q")
    assert result.exit_code == 0, result.output
    _, meta = pyreadstat.read_sav(str(tmp_path / "out.sav"))
    _, original = pyreadstat.read_sav(str(tmp_path / "in.sav"))  # (a text's width: its data)
    assert original.original_variable_types["respnr"] == "F6.0"
    assert meta.original_variable_types == {**original.original_variable_types, "item": "F8.2"}
    frame.drop(columns="naam").to_csv(tmp_path / "in.csv", index=False)
    result = run_cli("scales", "in.csv", "--write-sav", "csv.sav", "-o", "res2", "-q")
    assert result.exit_code == 0, result.output
    scored, meta = pyreadstat.read_sav(str(tmp_path / "csv.sav"))
    assert meta.original_variable_types["respnr"] == "F8.0"  # SPSS shows 101, not 101.00
    assert scored["respnr"].tolist() == [101.0, 102.0, 103.0, 104.0]


def test_duplicated_id_is_a_warning_with_rows_not_ids(run_cli, tmp_path):
    rows = ["respnr;s_1;s_2", "4711;1;2", "12;2;3", "4711;3;3", "14;4;5", "15;2;2"]
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "d.toml").write_text('[study]\nid = "respnr"\n[scales.s]\n'
                                     'items = ["s_1", "s_2"]\nrange = [1, 5]\n',
                                     encoding="utf-8")
    result = run_cli("scales", "d.csv", "-c", "d.toml", "-o", "res")
    assert result.exit_code == 0, result.output
    assert ("Waarschuwing: id-kolom 'respnr' van d.csv: 1 id('s) komen meer dan eens voor "
            "(2 rijen: datarijen 1, 3). Elke persoon hoort één keer voor te komen: haal de "
            "dubbele rijen weg, of controleer of study.id het respondentnummer noemt."
            ) in " ".join(result.stderr.split())
    record = json.loads((tmp_path / "res" / "results.json").read_text(encoding="utf-8"))
    (note,) = [n for n in record["notes"] if n["kind"] == "duplicate_ids"]
    assert note["values"] == {"file": "d.csv", "n_ids": 1, "n_rows": 2, "rows": "1, 3"}
    assert "4711" not in result.stdout + result.stderr + json.dumps(record["notes"])
    scores = pd.read_csv(tmp_path / "res" / "scores.csv")
    assert scores["respnr"].tolist() == [4711, 12, 4711, 14, 15]  # every row kept
    english = run_cli("scales", "d.csv", "-c", "d.toml", "-o", "res_en", "--lang", "en")
    assert ("Warning: id column 'respnr' of d.csv: 1 id(s) occur more than once (2 rows: "
            "data rows 1, 3). Each person should appear once: remove the duplicate rows, or "
            "check that study.id names the respondent number."
            ) in " ".join(english.stderr.split())


def test_codebook_formats(run_cli):
    table = run_cli("codebook", DEMO / "pre.sav")
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0] == f"{DEMO / 'pre.sav'}: 22 rijen, 18 variabelen"
    assert "9 = weet niet" in table.stdout
    as_csv = run_cli("codebook", DEMO / "pre.sav", "--format", "csv")
    book = pd.read_csv(io.StringIO(as_csv.stdout), dtype={"missing_codes": str})
    row = book.set_index("variable").loc["regie_1"]
    raw, _ = pyreadstat.read_sav(str(DEMO / "pre.sav"), user_missing=True)
    assert row["n_user_missing"] == int((raw["regie_1"] == 9).sum())
    assert row["n_missing"] == int(raw["regie_1"].isna().sum() + (raw["regie_1"] == 9).sum())
    assert row["missing_codes"] == "9"
    assert row["value_labels"].startswith("1 = helemaal mee oneens; 2 = mee oneens")
    as_json = json.loads(run_cli("codebook", DEMO / "vragenlijst.csv", "-f", "json").stdout)
    assert as_json["file"]["encoding"] == "windows-1252"
    assert as_json["file"]["separator"] == ";"


def test_codebook_never_prints_text_answers(run_cli, tmp_path):
    (tmp_path / "open.csv").write_text("id;opmerking\n1;Mijn buurvrouw Joke helpt\n2;nee\n",
                                       encoding="utf-8")
    result = run_cli("codebook", "open.csv")
    assert result.exit_code == 0
    assert "Joke" not in result.stdout


# --- bad input: one message, an exit code, no traceback, nothing written -----------------


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


RANGE_CONFIG = '[scales.sw]\nitems = ["sw_1", "sw_2", "sw_3"]\nrange = [1, 5]\n'


@pytest.mark.parametrize(("files", "args", "status", "message"), [
    ({}, ["scales", "nope.csv"], ExitStatus.NO_INPUT,
     "Fout: nope.csv: bestand niet gevonden. Controleer het pad (huidige map: {tmp})."),
    ({"d.csv": "id;sw_1\n1;2\n"}, ["factsheet", "--config", "configs/nope.toml"],
     ExitStatus.CONFIG,
     "Fout: config-bestand configs/nope.toml niet gevonden (huidige map: {tmp}). Controleer "
     "het pad, of schrijf een config uit uw data met `maatwerk-stats init DATA`."),
    ({"empty.csv": ""}, ["scales", "empty.csv"], ExitStatus.NO_INPUT,
     "Fout: empty.csv is leeg (0 bytes). Exporteer de gegevens opnieuw."),
    ({"header.csv": "a;b\n"}, ["scales", "header.csv"], ExitStatus.NO_INPUT,
     "Fout: header.csv heeft een kopregel maar geen gegevensrijen. Exporteer de gegevens "
     "opnieuw, met de antwoorden."),
    ({"fake.sav": "respnr;sw_1\n1;2\n"}, ["scales", "fake.sav"], ExitStatus.NO_INPUT,
     "Fout: fake.sav kon niet gelezen worden als een SPSS .sav-bestand (Unable to read from "
     "file). Het bestand is misschien onvolledig (afgebroken) of van een ander formaat; "
     "exporteer het opnieuw uit SPSS (File > Save As)."),
    ({"junk.csv": "\x00\x01\x02" * 100}, ["scales", "junk.csv"], ExitStatus.NO_INPUT,
     "Fout: junk.csv lijkt geen tekstbestand (CSV): het bevat binaire gegevens. Is het een "
     "SPSS- of Excel-bestand, geef het dan de juiste extensie (.sav, .xlsx)."),
    ({"text.csv": "id;sw_1;sw_2\n" + "".join(f"{i};helemaal mee eens;4\n" for i in range(5))
      + "5;3;oneens\n"},
     ["scales", "text.csv", "-q", "--lang", "en"], ExitStatus.DATA,
     "Error: text.csv: scale items hold text answers instead of numbers: sw_1 ('helemaal mee "
     "eens'); sw_2 ('oneens'). Map every answer text to its number in the config in scale "
     "order (Dutch agreement scale, 5 answers; not every answer occurs in the data: it could also "
     "be the 4-answer form, check the numbers), e.g.\n  [value_map]\n  \"oneens\" = 2\n  "
     "\"helemaal mee eens\" = 5\n`maatwerk-stats init DATA` writes this config for you. A "
     "[value_map] table applies to every scale item, scales.NAME.value_map to one scale. Run "
     "`maatwerk-stats codebook` on the data to see every answer with its count."),
    ({"oor.csv": "id,sw_1,sw_2,sw_3\n1,4,5,7\n2,4,0,2\n3,5,4,4\n4,3,3,3\n",
      "c.toml": RANGE_CONFIG},
     ["scales", "oor.csv", "-c", "c.toml", "--lang", "en"], ExitStatus.DATA,
     "Error: oor.csv has values outside the declared range:\n  - sw_2 (range 1–5): value 0 in "
     "row 2\n  - sw_3 (range 1–5): value 7 in row 1\nRows count data rows from 1. Correct the "
     "data, declare the codes as missing (missing_codes = [...] in the scale's config), or "
     "rerun with --out-of-range missing to treat them as missing."),
    ({"one.csv": "id,sw_1,sw_2\n1,4,5\n2,3,3\n3,2,4\n",
      "c.toml": '[scales.x]\nitems = ["sw_1"]\nrange = [1, 5]\n'},
     ["scales", "one.csv", "-c", "c.toml", "--lang", "en"], ExitStatus.DATA,
     "Error: scale 'x' has only 1 item; reliability (alpha, omega) needs at least 2 items. Add "
     "items to the scale or leave it out with --scale."),
    ({"const.csv": "id,sw_1,sw_2,sw_3\n1,4,5,3\n2,4,3,2\n3,4,4,4\n4,4,3,3\n",
      "c.toml": RANGE_CONFIG},
     ["scales", "const.csv", "-c", "c.toml", "--lang", "en"], ExitStatus.DATA,
     "Error: scale 'sw': item sw_1 has no variance (every respondent who answered all items "
     "gave the same answer), so alpha, item–rest r and omega are undefined. Remove the item "
     "from the scale in the config."),
    ({"d.csv": "id,sw_1,sw_2\n1,4,5\n2,3,3\n3,2,4\n",
      "c.toml": '[scales.sw]\nitemz = ["sw_1"]\n'},
     ["scales", "d.csv", "-c", "c.toml"], ExitStatus.CONFIG,
     "Fout: c.toml heeft 2 problemen:\n  - regel 2: onbekende sleutel 'scales.sw.itemz' — "
     "bedoelt u 'items'?\n  - scales.sw.items ontbreekt of is leeg: noem de itemkolommen van "
     "deze schaal"),
    ({"d.csv": "id,sw_1,sw_2\n1,4,5\n2,3,3\n3,2,4\n"},
     ["scales", "d.csv", "--scale", "sx"], ExitStatus.CONFIG,
     "Fout: --scale 'sx' is geen schaal van de config (schalen: sw)"),
    ({"d.csv": "id,sw_1,sw_2\n1,4,5\n2,3,3\n3,2,4\n"},
     ["scales", "d.csv", "--group", "meting", "-q"], ExitStatus.DATA,
     "Fout: --group 'meting' is geen kolom van d.csv"),
    ({"d.csv": "id,sw_1,sw_2\n1,4,5\n2,3,3\n3,2,4\n"},
     ["scales", "d.csv", "--write-sav", "d.csv", "-q"], ExitStatus.CANT_CREATE,
     "Fout: --write-sav d.csv is een van de invoerbestanden; kies een andere naam, zodat de "
     "invoer onaangeroerd blijft."),
])
def test_bad_input(run_cli, tmp_path, files, args, status, message):
    for name, text in files.items():
        write_text(tmp_path / name, text)
    digests = {name: digest(tmp_path / name) for name in files}
    result = run_cli(*args)
    assert result.exit_code == status
    assert result.stderr.strip().splitlines()[-len(message.splitlines()):] == \
        message.format(tmp=tmp_path).splitlines()
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(files)
    assert {name: digest(tmp_path / name) for name in files} == digests


def test_traceback_flag_shows_the_traceback(run_cli):
    result = run_cli("--traceback", "scales", "nope.csv")
    assert result.exit_code != 0
    assert type(result.exception).__name__ == "InputFileError"
    result = run_cli("scales", "nope.csv", "--traceback")
    assert type(result.exception).__name__ == "InputFileError"


def test_out_of_range_missing_is_reported(run_cli, tmp_path):
    write_text(tmp_path / "oor.csv", "id,sw_1,sw_2,sw_3\n1,4,5,7\n2,4,1,2\n3,5,4,4\n4,3,3,3\n"
                                     "5,2,2,1\n")
    write_text(tmp_path / "c.toml", RANGE_CONFIG)
    result = run_cli("scales", "oor.csv", "-c", "c.toml", "--out-of-range", "missing")
    assert result.exit_code == 0, result.output
    assert ("Let op: 1 waarde(n) buiten het opgegeven bereik zijn als ontbrekend behandeld "
            "(--out-of-range missing).") in " ".join(result.stderr.split())
    record = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    notes = {note["kind"]: note for note in record["notes"]}
    assert notes["out_of_range_missing"] == {
        "kind": "out_of_range_missing", "level": "note", "subject": None,
        "values": {"n_values": 1},
        "text": "1 value(s) outside the declared range were treated as missing "
                "(--out-of-range missing)."}
    assert notes["few_complete_respondents"]["subject"] == "sw"  # saved, not only printed


def test_out_must_not_be_a_file(run_cli, tmp_path):
    write_text(tmp_path / "taken", "x")
    result = run_cli("scales", DEMO / "pre.sav", "-c", CONFIG, "--out", "taken")
    assert result.exit_code == ExitStatus.CANT_CREATE
    assert result.stderr.strip() == ("Fout: --out taken is een bestand, geen map; kies een map "
                                     "voor de uitvoer.")


def test_negative_item_already_in_reverse_gets_other_advice(run_cli, tmp_path):
    config = tmp_path / "omgepoold.toml"
    config.write_text('[scales.regie]\nitems = ["regie_1", "regie_2", "regie_3", "regie_4"]\n'
                      'reverse = ["regie_1"]\nrange = [1, 5]\n', encoding="utf-8")
    result = run_cli("scales", DEMO / "pre.sav", "--config", config, "-o", "res", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "item regie_1 correlates negatively with the rest of scale regie (r = " in result.stderr
    assert ("It is already in the scale's reverse list and still goes against the other items "
            "after reverse coding") in result.stderr
    assert "Then add it to the scale's reverse list" not in result.stderr
    saved = json.loads((tmp_path / "res" / "results.json").read_text(encoding="utf-8"))
    assert saved["notes"][0]["kind"] == "negative_item_rest"  # notes are saved
    dutch = run_cli("scales", DEMO / "pre.sav", "--config", config, "-o", "res2")
    assert ("Let op: item regie_1 hangt negatief samen met de rest van schaal regie (r = "
            "−0,") in dutch.stderr
    assert "ook na omcoderen: het staat al in de reverse-lijst" in dutch.stderr


def test_numeric_csv_without_config_warns_about_code_9(run_cli):
    result = run_cli("scales", DEMO / "vragenlijst.csv", "--scale", "regie", "-o", "res",
                     "--lang", "en")
    assert result.exit_code == 0, result.output
    assert ("Warning: scale regie: the value 9 lies beyond the other answers (1–5) and looks "
            "like a code for no answer (weet niet / n.v.t.), but counts as an answer now. "
            "Declare it missing: missing_codes = [9] in the config (`maatwerk-stats init` "
            "writes that).") in result.stderr.splitlines()
    declared = run_cli("scales", DEMO / "vragenlijst.csv", "-c", CONFIG, "-o", "res2")
    assert "Warning: scale" not in declared.stderr and "Waarschuwing" not in declared.stderr
    dutch = run_cli("scales", DEMO / "vragenlijst.csv", "--scale", "regie", "-o", "res3")
    assert ("Waarschuwing: schaal regie: 9 ligt buiten de andere antwoorden (1–5) en lijkt een "
            "code voor geen antwoord (weet niet / n.v.t.), maar telt nu als antwoord mee. Maak "
            "er een ontbrekende waarde van: missing_codes = [9] in de config (`maatwerk-stats "
            "init` schrijft dat).") in dutch.stderr.splitlines()
