"""The data checks of ``scales``, ``compare`` and the team commands (prepare/items.py,
prepare/measurements.py, prepare/teams.py, analyses/scales.py) speak Dutch by default: the
exact ``Fout:`` line of the errors users meet most, and ``--lang en`` or a config with
``study.language = "en"`` gives the English ``Error:`` line."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
CONFIG = ROOT / "configs" / "leeratelier.toml"
SMALL = ROOT / "tests" / "fuzz" / "files" / "teams_small.csv"
RANGE = '[scales.sw]\nitems = ["sw_1", "sw_2", "sw_3"]\nrange = [1, 5]\n'
ENGLISH = '[study]\ntitle = "t"\nlanguage = "en"\n\n' + RANGE


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def _refused(result, code: int) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    return result.stderr.strip()


# ---- scales: answers outside the range, text answers, items that are not columns ------------


def test_answers_outside_the_range_in_dutch_and_in_an_english_study(run_cli, tmp_path):
    _write(tmp_path, {"oor.csv": "id,sw_1,sw_2,sw_3\n1,4,5,7\n2,4,0,2\n3,5,4,4\n4,3,3,3\n"
                                 "5,4,6.5,3\n",
                      "c.toml": RANGE, "en.toml": ENGLISH})
    assert _refused(run_cli("scales", "oor.csv", "-c", "c.toml", "-o", "out"), 65) == (
        "Fout: oor.csv heeft waarden buiten het opgegeven bereik:\n"
        "  - sw_2 (bereik 1–5): waarden 0; 6,5 in rijen 2, 5\n"
        "  - sw_3 (bereik 1–5): waarde 7 in rij 1\n"
        "Rijen tellen de datarijen vanaf 1. Verbeter de data, geef de codes op als ontbrekend "
        "(missing_codes = [...] in de config van de schaal), of voer de opdracht opnieuw uit met "
        "--out-of-range missing om ze als ontbrekend te behandelen.")
    assert _refused(run_cli("scales", "oor.csv", "-c", "en.toml", "-o", "out"), 65) == (
        "Error: oor.csv has values outside the declared range:\n"
        "  - sw_2 (range 1–5): value 0, 6.5 in rows 2, 5\n"
        "  - sw_3 (range 1–5): value 7 in row 1\n"
        "Rows count data rows from 1. Correct the data, declare the codes as missing "
        "(missing_codes = [...] in the scale's config), or rerun with --out-of-range missing "
        "to treat them as missing.")
    assert not (tmp_path / "out").exists()


def test_text_answers_in_dutch(run_cli, tmp_path):
    _write(tmp_path, {"text.csv": "id;sw_1;sw_2\n" + "".join(
        f"{i};helemaal mee eens;4\n" for i in range(5)) + "5;3;oneens\n"})
    assert _refused(run_cli("scales", "text.csv", "-q"), 65) == (
        "Fout: text.csv: schaalitems bevatten antwoordteksten in plaats van getallen: sw_1 "
        "('helemaal mee eens'); sw_2 ('oneens'). Geef in de config bij elke antwoordtekst het "
        "getal in schaalvolgorde (Nederlandse eens-oneensschaal, 5 antwoorden; niet elk "
        "antwoord komt voor in de data: het kan ook de vorm met 4 antwoorden zijn, controleer "
        "de getallen), bijvoorbeeld\n  [value_map]\n  \"oneens\" = 2\n  \"helemaal mee eens\" = "
        "5\n`maatwerk-stats init DATA` schrijft deze config. Een [value_map]-tabel geldt voor "
        "elk schaalitem, scales.NAME.value_map voor één schaal. Voer `maatwerk-stats codebook` "
        "uit op de data om elk antwoord met het aantal te zien.")


def test_an_item_that_is_not_a_column_in_dutch(run_cli, tmp_path):
    _write(tmp_path, {"d.csv": "id,sw_1,sw_2,sw_3\n1,4,5,3\n2,4,3,2\n3,5,4,4\n",
                      "c.toml": RANGE.replace('"sw_3"', '"sw_4"'),
                      "en.toml": ENGLISH.replace('"sw_3"', '"sw_4"')})
    assert _refused(run_cli("scales", "d.csv", "-c", "c.toml"), 78) == (
        "Fout: c.toml: schaal 'sw': item 'sw_4' is geen kolom van d.csv; kolomnamen die erop "
        "lijken: sw_3, sw_2, sw_1")
    assert _refused(run_cli("scales", "d.csv", "-c", "en.toml"), 78) == (
        "Error: en.toml: scale 'sw': item 'sw_4' is not a column of d.csv; nearest column "
        "names: sw_3, sw_2, sw_1")


def test_too_few_respondents_in_a_group_in_dutch(run_cli, tmp_path):
    rows = "".join(f"{i},{'a' if i < 10 else 'b'},{1 + i % 5},{1 + (i * 2) % 5},"
                   f"{1 + (i * 3) % 5}\n" for i in range(12))
    _write(tmp_path, {"grp.csv": "id,g,sw_1,sw_2,sw_3\n" + rows, "c.toml": RANGE})
    assert _refused(run_cli("scales", "grp.csv", "-c", "c.toml", "--group", "g", "-q"), 65) == (
        "Fout: schaal 'sw' in groep g=b: alle items zijn door maar 2 respondent(en) beantwoord; "
        "betrouwbaarheid vraagt er minstens 3.")
    assert _refused(run_cli("scales", "grp.csv", "-c", "c.toml", "--group", "g", "-q",
                            "--lang", "en"), 65) == (
        "Error: scale 'sw' in group g=b: only 2 respondent(s) answered every item; reliability "
        "needs at least 3.")


# ---- compare: the group column and its order -----------------------------------------------


def test_group_order_codes_not_in_the_data_in_dutch(run_cli, tmp_path):
    data = DEMO / "vragenlijst.csv"
    args = ["compare", data, "--group", "meting", "--group-order", "pre,post", "-c", CONFIG,
            "-o", "out"]
    assert _refused(run_cli(*args), 65) == (
        f"Fout: kolom 'meting' in {data} bevat geen 'pre' en geen 'post'; de waarden zijn 'na' "
        "(36 rijen), 'voor' (22 rijen). Geef de waarden zoals ze in de data staan met "
        "--group-order (de eerste meting eerst) of verbeter groups.order in de config.")
    assert _refused(run_cli(*args, "--lang", "en"), 65) == (
        f"Error: column 'meting' in {data} holds neither 'pre' nor 'post'; its values are 'na' "
        "(36 rows), 'voor' (22 rows). Give the stored values with --group-order (before first) "
        "or fix groups.order in the config.")
    assert not (tmp_path / "out").exists()


def test_a_group_column_with_three_values_and_no_order_in_dutch(run_cli, tmp_path):
    rows = "".join(f"{i},{('t1', 't2', 't3')[i % 3]},{1 + i % 5},{1 + (i * 2) % 5},"
                   f"{1 + (i * 3) % 5}\n" for i in range(30))
    _write(tmp_path, {"three.csv": "id,meting,sw_1,sw_2,sw_3\n" + rows, "c.toml": RANGE})
    assert _refused(run_cli("compare", "three.csv", "--group", "meting", "-c", "c.toml"),
                    65) == (
        "Fout: kolom 'meting' in three.csv bevat 3 groepen ('t1' (10 rijen), 't2' (10 rijen), "
        "'t3' (10 rijen)); geef hun volgorde in de tijd, de eerste meting eerst, met "
        "--group-order A,B,C (of twee ervan om alleen die te vergelijken; of groups.order in de "
        "config).")


def test_a_group_value_of_few_rows_is_counted_not_quoted_in_dutch(run_cli, tmp_path):
    rows = "".join(f"{i},{'voor' if i < 10 else 'na'},{1 + i % 5},{1 + (i * 2) % 5},"
                   f"{1 + (i * 3) % 5}\n" for i in range(20))
    rows += "20,Jan de Vries,3,3,3\n"  # a person's own text in the group column
    _write(tmp_path, {"odd.csv": "id,meting,sw_1,sw_2,sw_3\n" + rows, "c.toml": RANGE})
    line = _refused(run_cli("compare", "odd.csv", "--group", "meting", "-c", "c.toml"), 65)
    assert line == (
        "Fout: kolom 'meting' in odd.csv bevat 3 groepen ('na' (10 rijen), 'voor' (10 rijen) en "
        "1 andere waarde(n) in minder dan 5 rijen elk (niet getoond)); geef hun volgorde in de "
        "tijd, de eerste meting eerst, met --group-order A,B,C (of twee ervan om alleen die te "
        "vergelijken; of groups.order in de config).")
    assert "Jan" not in line


def test_paired_id_measured_once_only_in_dutch(run_cli, tmp_path):
    assert _refused(run_cli("compare", DEMO / "pre.sav", DEMO / "post.sav", "-c", CONFIG,
                            "--paired", "--id", "respnr", "-o", "out"), 65) == (
        "Fout: gepaarde data: geen enkele id in kolom 'respnr' komt in beide metingen voor (22 "
        "ids in 'voor', 36 in 'na'). Controleer of --id het respondentnummer noemt en of voor "
        "en na dezelfde nummers zijn gebruikt; laat bij verschillende personen --paired weg.")


# ---- teams ------------------------------------------------------------------------------------


def test_team_column_not_in_the_data_in_dutch(run_cli, tmp_path):
    args = ["regress", SMALL, "--outcome", "maatwerk", "--predictors", "steun", "--team",
            "ploeg", "--out", "res"]
    assert _refused(run_cli(*args), 65) == (
        f"Fout: de teamkolom 'ploeg' is geen kolom van {SMALL}. Geef de kolom met --team of "
        "column in [teams].")
    assert _refused(run_cli(*args, "--lang", "en"), 65) == (
        f"Error: the team column 'ploeg' is not a column of {SMALL}. Name it with --team or "
        "[teams] column.")
    assert not (tmp_path / "res").exists()
