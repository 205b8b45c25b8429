"""The config layer's messages in the run's language (issue 16): a Dutch run (the default)
prints "Fout: …" with the Dutch problems, "regel N" and the Dutch fix; --lang en, or the
config's own study.language = "en" when the file fails to load, prints "Error: …" in English.
The English texts themselves are pinned at library level (tests/test_toml_mistakes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from maatwerk_stats.config.toml_errors import parser_message_nl

from ..test_toml_mistakes import MISTAKES

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"

BAD_KEYS = ('[study]\ntitel = "X"\n[scales.a]\nitems = ["a_1", "a_2"]\nmin_items = "2"\n'
            'range = "1-5"\n')


def _config(tmp_path: Path, text: str, name: str = "study.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_config_check_lists_every_problem_in_dutch_and_in_english(run_cli, tmp_path):
    _config(tmp_path, BAD_KEYS)
    dutch = run_cli("config", "--check", "study.toml")
    assert dutch.exit_code == 78
    assert dutch.stdout == ""
    assert dutch.stderr == (
        "Fout: study.toml heeft 3 problemen:\n"
        "  - regel 2: onbekende sleutel 'study.titel' — bedoelt u 'title'?\n"
        "  - regel 6: scales.a.range moet een lijst van getallen zijn, niet '1-5'; schrijf "
        "range = [1, 5]\n"
        "  - regel 5: scales.a.min_items moet een geheel getal ≥ 1 zijn, niet '2'; schrijf "
        "min_items = 2 (een getal, zonder aanhalingstekens)\n")
    english = run_cli("config", "--check", "study.toml", "--lang", "en")
    assert english.exit_code == 78
    assert english.stderr == (
        "Error: study.toml has 3 problems:\n"
        "  - line 2: unknown key 'study.titel' — did you mean 'title'?\n"
        "  - line 6: scales.a.range must be a list of numbers, not '1-5'; write range = [1, 5]\n"
        "  - line 5: scales.a.min_items must be a whole number ≥ 1, not '2'; write min_items = 2 "
        "(a number, without quotes)\n")


@pytest.mark.parametrize("command", [
    ["config", "--check", "study.toml"],
    ["scales", str(DEMO / "pre.sav"), "--config", "study.toml", "--out", "out"],
])
def test_a_config_in_english_that_fails_to_load_speaks_english(run_cli, tmp_path, command):
    """The run's language is not known when the config fails: its own study.language is."""
    _config(tmp_path, '[study]\nlanguage = "en"\ntitel = "X"\n[scales.a]\nitems = ["a_1"]\n')
    result = run_cli(*command)
    assert result.exit_code == 78
    assert result.stderr.endswith(
        "Error: study.toml: line 3: unknown key 'study.titel' — did you mean 'title'?\n")
    assert not (tmp_path / "out").exists()
    dutch = run_cli(*command, "--lang", "nl")  # --lang wins over the file's language
    assert dutch.stderr.endswith(
        "Fout: study.toml: regel 3: onbekende sleutel 'study.titel' — bedoelt u 'title'?\n")


def test_a_config_without_a_readable_language_speaks_dutch(run_cli, tmp_path):
    """study.language wrong (or the TOML unreadable): the default, Dutch."""
    _config(tmp_path, '[study]\nlanguage = "fr"\n[scales.a]\nitems = ["a_1"]\n')
    result = run_cli("config", "--check", "study.toml")
    assert result.stderr == ("Fout: study.toml: regel 2: study.language moet \"nl\" of \"en\" "
                             "zijn, niet 'fr'\n")
    _config(tmp_path, '[study]\nlanguage = "en"\n[scales.beïnvloeding]\nitems = ["a_1"]\n')
    result = run_cli("config", "--check", "study.toml")
    assert result.stderr.startswith("Fout: study.toml, regel 3 is geen geldige TOML")


@pytest.mark.parametrize(("name", "dutch"), [
    ("unquoted non-ASCII table name",
     "Fout: study.toml, regel 1 is geen geldige TOML (']' verwacht aan het einde van een "
     "tabelnaam (op regel 1, kolom 11)): een naam met een spatie of een letter als ë, ï of é "
     "moet tussen aanhalingstekens: schrijf [scales.\"beïnvloeding\"].\n"),
    ("unquoted non-ASCII key",
     "Fout: study.toml, regel 4 is geen geldige TOML ('=' verwacht na een sleutel (op regel 4, "
     "kolom 5)): een sleutel met een spatie of een letter als ë, ï of é moet tussen "
     "aanhalingstekens: schrijf \"mee eens\" = 4.\n"),
    ("missing closing quote",
     "Fout: study.toml, regel 2 is geen geldige TOML (ongeldig teken '\\n' (op regel 2, kolom "
     "21)): een tekst is niet afgesloten: sluit hem af met hetzelfde aanhalingsteken als "
     "waarmee hij begint.\n"),
    ("missing comma",
     "Fout: study.toml, regel 2 is geen geldige TOML (lijst niet afgesloten (op regel 2, kolom "
     "16)): zet komma's tussen de waarden van een lijst: [\"a\", \"b\"].\n"),
    ("unquoted list value",
     "Fout: study.toml, regel 2 is geen geldige TOML (ongeldige waarde (op regel 2, kolom 11)): "
     "een tekst in een lijst moet tussen aanhalingstekens: schrijf labels = [\"voor\", "
     "\"na\"].\n"),
    ("trailing comma in inline table",
     "Fout: study.toml, regel 3 is geen geldige TOML (ongeldig eerste teken van een sleutel (op "
     "regel 3, kolom 39)): haal de komma voor } weg (TOML staat daar geen komma toe).\n"),
    ("duplicate table",
     "Fout: study.toml, regel 3 is geen geldige TOML (('scales', 'a') kan niet twee keer worden "
     "gedeclareerd (op regel 3, kolom 10)): [scales.a] staat er twee keer; houd er één (de "
     "andere staat boven deze regel; alle sleutels van een schaal staan onder zijn ene kop "
     "[scales.NAME]).\n"),
])
def test_toml_mistakes_in_dutch_and_english(run_cli, tmp_path, name, dutch):
    text, english = MISTAKES[name]
    _config(tmp_path, text)
    result = run_cli("config", "--check", "study.toml")
    assert result.exit_code == 78
    assert result.stderr == dutch
    result = run_cli("config", "--check", "study.toml", "--lang", "en")
    assert result.stderr == f"Error: study.toml, {english}\n"


@pytest.mark.parametrize("name", list(MISTAKES))
def test_every_toml_mistake_has_its_dutch_advice_and_parser_message(run_cli, tmp_path, name):
    """No English left in the Dutch line: the advice and tomllib's own words are Dutch."""
    text, english = MISTAKES[name]
    _config(tmp_path, text)
    result = run_cli("config", "--check", "study.toml")
    assert result.stderr.startswith("Fout: study.toml, regel ")
    parser = english.split(" (", 1)[1].rsplit(")): ", 1)[0]  # tomllib's words, English
    advice = english.rsplit(")): ", 1)[1]
    assert parser.split(" (at ")[0] not in result.stderr
    assert advice not in result.stderr
    assert " (op regel " in result.stderr


def test_the_parser_message_in_dutch():
    assert parser_message_nl("Invalid value (at line 2, column 9)") == (
        "ongeldige waarde (op regel 2, kolom 9)")
    assert parser_message_nl("Expected '=' after a key in a key/value pair (at end of "
                             "document)") == (
        "'=' verwacht na een sleutel (aan het einde van het document)")
    assert parser_message_nl("Something new (at line 1, column 1)") == (
        "Something new (op regel 1, kolom 1)")
    assert parser_message_nl("no position") == "no position"


def test_teams_and_regression_problems_in_dutch(run_cli, tmp_path):
    _config(tmp_path, '[teams]\nlabel = "Team"\n[regression.m]\noutcome = "y"\n'
                      'predictors = ["y", "a"]\ncentre = "mean"\n')
    result = run_cli("config", "--check", "study.toml")
    assert result.exit_code == 78
    assert result.stderr == (
        "Fout: study.toml heeft 3 problemen:\n"
        "  - teams.column ontbreekt: de kolom met de team-id, bijv. column = \"team\"\n"
        "  - regression.m: de uitkomst 'y' is ook een voorspeller\n"
        "  - regel 6: regression.m.centre moet een van none, grand, team zijn, niet 'mean'\n")


def test_scales_and_groups_problems_in_dutch(run_cli, tmp_path):
    _config(tmp_path, '[scales.a]\nitems = ["a_1", "a_2"]\nreverse = ["a_3"]\n'
                      '[groups]\ncolumn = "meting"\nlabels = ["voor", "na"]\npaired = true\n')
    result = run_cli("config", "--check", "study.toml")
    assert result.stderr == (
        "Fout: study.toml heeft 4 problemen:\n"
        "  - scales.a.reverse noemt 'a_3', dat geen item van deze schaal is — bedoelt u 'a_2'?\n"
        "  - scales.a heeft omgekeerde items (reverse) maar geen range; zet range = [1, 5] (het "
        "laagste en hoogste antwoord) in de config, zodat ze omgecodeerd kunnen worden\n"
        "  - groups.labels vraagt om groups.order (de opgeslagen codes in dezelfde volgorde)\n"
        "  - groups.paired = true vraagt om groups.id: de kolom die dezelfde persoon in beide "
        "metingen aanwijst\n")


def test_a_missing_config_in_dutch_and_english(run_cli, tmp_path):
    result = run_cli("config", "--check", "nope.toml")
    assert result.exit_code == 78
    assert result.stderr == (
        f"Fout: config-bestand nope.toml niet gevonden (huidige map: {tmp_path}). Controleer "
        "het pad, of schrijf een config uit uw data met `maatwerk-stats init DATA`.\n")
    result = run_cli("config", "--check", "nope.toml", "--lang", "en")
    assert result.stderr == (
        f"Error: config file nope.toml not found (current directory: {tmp_path}). Check the "
        "path, or write a config from your data with `maatwerk-stats init DATA`.\n")


def test_no_scales_inferred_and_different_items_in_dutch(run_cli, tmp_path):
    (tmp_path / "x.csv").write_text("id;x;y\n1;2;3\n2;3;4\n", encoding="utf-8")
    result = run_cli("scales", "x.csv")
    assert result.exit_code == 78
    assert result.stderr == (
        "Fout: geen schalen gevonden in x.csv: er zijn geen kolommen met namen als "
        "samenwerking_1, samenwerking_2 of sw1, sw2. Schrijf een config die de items noemt "
        "(zie configs/leeratelier.toml) en geef die mee met --config FILE.\n")
    (tmp_path / "a.csv").write_text("id;sw_1;sw_2;sw_3\n1;2;3;4\n2;3;4;4\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("id;sw_1;sw_2\n1;2;3\n2;3;4\n", encoding="utf-8")
    result = run_cli("compare", "a.csv", "b.csv")
    assert result.exit_code == 65
    assert result.stderr.endswith(
        "Fout: a.csv en b.csv bevatten niet dezelfde items (alleen in a.csv: sw_3). Geef de "
        "kolommen dezelfde namen, of schrijf een config die de te vergelijken items noemt "
        "(--config).\n")
    result = run_cli("compare", "a.csv", "b.csv", "--lang", "en")
    assert result.stderr.endswith(
        "Error: a.csv and b.csv do not hold the same items (only in a.csv: sw_3). Rename the "
        "columns so they match, or write a config that lists the items to compare "
        "(--config).\n")


def test_item_renamed_in_the_second_file_is_suggested(run_cli, tmp_path):
    (tmp_path / "a.csv").write_text("id;sw_1;sw_2;sw_3\n1;2;3;4\n2;3;4;4\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("id;sw_1;sw_2;SW_3\n1;2;3;4\n2;3;4;4\n", encoding="utf-8")
    result = run_cli("compare", "a.csv", "b.csv")
    assert result.exit_code == 65
    assert result.stderr.endswith(
        "Fout: a.csv en b.csv bevatten niet dezelfde items (alleen in a.csv: sw_3 (bedoelt u "
        "'SW_3' in b.csv?)). Geef de kolommen dezelfde namen, of schrijf een config die de te "
        "vergelijken items noemt (--config).\n")
    result = run_cli("compare", "a.csv", "b.csv", "--lang", "en")
    assert result.stderr.endswith(
        "Error: a.csv and b.csv do not hold the same items (only in a.csv: sw_3 (did you mean "
        "'SW_3' in b.csv?)). Rename the columns so they match, or write a config that lists "
        "the items to compare (--config).\n")
    assert "Traceback" not in result.stderr + result.stdout


def test_paired_without_an_id_in_dutch(run_cli, tmp_path):
    for name in ("c.csv", "d.csv"):
        (tmp_path / name).write_text("nr;sw_1;sw_2\n1;2;3\n2;3;4\n", encoding="utf-8")
    result = run_cli("compare", "c.csv", "d.csv", "--paired")
    assert result.exit_code == 65
    assert result.stderr.endswith(
        "Fout: gepaarde vergelijking zonder id-kolom: noem de kolom die dezelfde persoon in "
        "beide metingen aanwijst met --id COLUMN (of groups.id in de config).\n")


@pytest.mark.parametrize(("args", "expected"), [
    ([], "Error: paired comparison without an id column: name the column that identifies the "
         "same person in both measurements with --id COLUMN (or groups.id in the config).\n"),
    (["--lang", "nl"], "Fout: gepaarde vergelijking zonder id-kolom: noem de kolom die "
                       "dezelfde persoon in beide metingen aanwijst met --id COLUMN (of "
                       "groups.id in de config).\n"),
])
def test_an_error_after_the_config_is_read_speaks_its_language(run_cli, tmp_path, args,
                                                               expected):
    """Once the config is read its study.language is the run's (--lang wins), also for an
    error raised before the command prints anything."""
    for name in ("c.csv", "d.csv"):
        (tmp_path / name).write_text("nr;sw_1;sw_2\n1;2;3\n2;3;4\n", encoding="utf-8")
    _config(tmp_path, '[study]\nlanguage = "en"\n[scales.sw]\nitems = ["sw_1", "sw_2"]\n')
    result = run_cli("compare", "c.csv", "d.csv", "--paired", "--config", "study.toml", *args)
    assert result.exit_code == 65
    assert result.stderr == expected
