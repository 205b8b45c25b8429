"""``maatwerk-stats compare`` on the command line: the demos end to end, and every bad input
giving one clear message, its exit code, no traceback and no output."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
CONFIG = ROOT / "configs" / "leeratelier.toml"
GEWOGEN = ROOT / "configs" / "gewogen_maatwerk.toml"
FIGURES = {f"{stem}.{ext}" for stem in ("compare_scale_means", "compare_items_likert",
                                         "compare_items_forest") for ext in ("png", "svg")}
CONTRACT = ["variable", "label", "group_1", "group_2", "n_1", "n_2", "mean_1", "mean_2",
            "sd_1", "sd_2", "mean_diff", "diff_conf_low", "diff_conf_high", "t", "df",
            "p_value", "p_value_rank", "p_adjusted"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_clean_failure(result, code: int, message: str, tmp_path: Path) -> None:
    assert result.exit_code == code, result.stderr
    assert result.stderr.startswith(("Error: ", "Fout: "))  # English / Dutch
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out-")]


# --------------------------------------------------------------------------------------------
# End to end


def test_two_files(run_cli, tmp_path):
    inputs = [DEMO / "pre.sav", DEMO / "post.sav"]
    before = [sha(p) for p in inputs]
    result = run_cli("compare", *inputs, "--config", CONFIG, "--out", "out")
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "out"
    assert {p.name for p in out.iterdir()} == {
        "compare_scales.csv", "compare_items.csv", "compare_distribution.csv",
        "results.json", "figures", ".maatwerk-stats.json"}
    assert {p.name for p in (out / "figures").iterdir()} == FIGURES
    scales = pd.read_csv(out / "compare_scales.csv")
    assert list(scales.columns[:len(CONTRACT)]) == CONTRACT
    assert scales["variable"].tolist() == ["samenwerking", "regie", "maatwerk"]
    record = json.loads((out / "results.json").read_text(encoding="utf-8"))
    inputs_recorded = record["provenance"]["inputs"]
    assert [Path(i["path"]).name for i in inputs_recorded] == ["pre.sav", "post.sav"]
    assert [i["sha256"] for i in inputs_recorded] == before
    assert record["provenance"]["command"] == "compare"
    assert record["provenance"]["options"]["adjust"] == "holm"
    assert set(record["tables"]) == {"compare_scales", "compare_items",
                                     "compare_distribution"}
    # the honest summary
    text = result.stdout
    assert "Samenwerking: gemiddeld 4,20 (Vóór) en 4,32 (Na)" in text
    assert "Dit verschil is niet statistisch significant (p > 0,999 na Holm-correctie)" in text
    assert "kon dit onderzoek met 80% kans alleen effecten vanaf g = 0,77 aantonen" in text
    assert "verbeterd" not in text and "hoger bij" not in text
    assert "Items: geen van de 12 items verschilt statistisch significant" in text
    assert [sha(p) for p in inputs] == before


def test_one_file_by_group_column(run_cli, tmp_path):
    by = run_cli("compare", DEMO / "vragenlijst.csv", "--group", "meting", "--group-order",
                 "voor,na", "--config", CONFIG, "--out", "out", "--no-figures", "-q")
    assert by.exit_code == 0, by.stderr
    two = run_cli("compare", DEMO / "pre.sav", DEMO / "post.sav", "--config", CONFIG,
                  "--out", "two", "--no-figures", "-q")
    assert two.exit_code == 0
    one_table = pd.read_csv(tmp_path / "out" / "compare_items.csv").drop(columns="label")
    two_table = pd.read_csv(tmp_path / "two" / "compare_items.csv").drop(columns="label")
    pd.testing.assert_frame_equal(one_table, two_table)
    assert not (tmp_path / "out" / "figures").exists()
    assert by.stderr == ""


def test_paired_demo(run_cli, tmp_path):
    result = run_cli("compare", DEMO / "gewogen_maatwerk.sav", "--config", GEWOGEN,
                     "--out", "out", "--no-figures")
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "out"
    scales = pd.read_csv(out / "compare_scales.csv")
    assert {"n_pairs", "d_z", "d_av", "w"} <= set(scales.columns)
    unmatched = pd.read_csv(out / "compare_unmatched.csv")
    assert unmatched["group"].value_counts().to_dict() == {"voor": 5, "na": 5}
    assert not (out / "compare_ordinal.csv").exists()  # --ordinal: test_english_csv_and_options
    assert not (out / "figures").exists()  # the figures are tested in test_two_files
    assert "Gekoppeld op id: 57 personen met beide metingen; 10 id('s) met maar één meting" \
        in result.stdout
    assert "de gemiddelde score is hoger bij Na dan bij Vóór" in result.stdout
    assert ("Let op: gepaarde data: 10 id('s) staan in maar één meting; geanalyseerd: 57 "
            "gekoppelde paren (de ids staan in compare_unmatched.csv).") in result.stderr


def test_paired_from_the_command_line(run_cli, tmp_path):
    """--paired --id without groups.paired in the config."""
    config = tmp_path / "study.toml"
    config.write_text(GEWOGEN.read_text(encoding="utf-8").replace("paired = true",
                                                                  "paired = false"),
                      encoding="utf-8")
    result = run_cli("compare", DEMO / "gewogen_maatwerk.sav", "--config", config,
                     "--paired", "--id", "respnr", "--out", "out", "--no-figures", "-q")
    assert result.exit_code == 0, result.stderr
    assert "n_pairs" in pd.read_csv(tmp_path / "out" / "compare_scales.csv").columns
    independent = run_cli("compare", DEMO / "gewogen_maatwerk.sav", "--config", GEWOGEN,
                          "--independent", "--out", "ind", "--no-figures", "-q")
    assert independent.exit_code == 0
    assert "hedges_g" in pd.read_csv(tmp_path / "ind" / "compare_scales.csv").columns


def test_english_csv_and_options(run_cli, tmp_path):
    result = run_cli("compare", DEMO / "pre.sav", DEMO / "post.sav", "--config", CONFIG,
                     "--lang", "en", "--equal-var", "--adjust", "fdr_bh",
                     "--adjust-for", "config", "--ordinal", "--out", "out", "--no-figures")
    assert result.exit_code == 0, result.stderr
    assert "This difference is not statistically significant (p = 0.630 after " \
           "Benjamini-Hochberg correction)" in result.stdout
    assert "Independent groups (Student's t-test, equal variances)" in result.stdout
    adjusted = pd.read_csv(tmp_path / "out" / "compare_adjusted.csv")
    assert adjusted["covariates"].iloc[0].startswith("leeftijd (categorical)")
    assert (tmp_path / "out" / "compare_ordinal.csv").exists()
    as_csv = run_cli("compare", DEMO / "pre.sav", DEMO / "post.sav", "--config", CONFIG,
                     "--format", "csv", "--out", "csv", "--no-figures", "-q")
    assert as_csv.stdout.splitlines()[0].startswith(",".join(CONTRACT))


def test_inferred_config_is_announced(run_cli):
    result = run_cli("compare", DEMO / "pre.sav", DEMO / "post.sav", "--out", "out",
                     "--no-figures")
    assert result.exit_code == 0, result.stderr
    assert " ".join(result.stderr.split()).startswith(
        "Geen --config: schalen afgeleid uit de kolomnamen: samenwerking (samenwerking_1, "
        "samenwerking_2, samenwerking_3, samenwerking_4)")  # Dutch, as the tables, and as scales
    assert "`maatwerk-stats init DATA` (of --save-config FILE)" in result.stderr
    english = run_cli("compare", DEMO / "pre.sav", DEMO / "post.sav", "--out", "en",
                      "--no-figures", "--lang", "en")
    assert english.stderr.startswith("No --config: scales inferred from column names: ")


def test_help_lists_compare(run_cli):
    assert "compare" in run_cli("--help").stdout
    text = run_cli("compare", "--help").stdout
    for option in ("--group", "--group-order", "--paired", "--id", "--equal-var", "--adjust",
                   "--adjust-for", "--ordinal", "--lang", "--format"):
        assert option in text


# --------------------------------------------------------------------------------------------
# Bad input


def test_only_one_group(run_cli, tmp_path):
    data = pd.read_csv(DEMO / "vragenlijst.csv", sep=";", decimal=",", encoding="cp1252")
    path = tmp_path / "na.csv"
    data[data["meting"] == "na"].to_csv(path, index=False)
    result = run_cli("compare", path, "--config", CONFIG, "--out", "out")
    assert_clean_failure(result, 65, f"Fout: maar één groep om te vergelijken: kolom 'meting' "
                         f"in {path} heeft geen rijen met 'voor', alleen 'na' (36 rijen). Een "
                         "vergelijking vraagt zowel 'voor' als 'na'; controleer de data, "
                         "--group-order of groups.order (gevonden: 'na').", tmp_path)
    english = run_cli("compare", path, "--config", CONFIG, "--out", "out", "--lang", "en")
    assert_clean_failure(english, 65, f"Error: only one group to compare: column 'meting' in "
                         f"{path} has no rows with 'voor', only 'na' (36 rows). A comparison "
                         "needs both 'voor' and 'na'; check the data, --group-order or "
                         "groups.order "
                         "(found: 'na').", tmp_path)


def test_missing_group_column(run_cli, tmp_path):
    result = run_cli("compare", DEMO / "vragenlijst.csv", "--group", "metng", "--config", CONFIG,
                     "--out", "out")
    assert_clean_failure(result, 65, f"Fout: groepskolom 'metng' is geen kolom van "
                         f"{DEMO / 'vragenlijst.csv'}; bedoelt u 'meting'?", tmp_path)


def test_one_file_without_group_column(run_cli, tmp_path):
    result = run_cli("compare", DEMO / "pre.sav", "--out", "out", "--quiet")
    assert_clean_failure(result, 65, f"Fout: {DEMO / 'pre.sav'} is één bestand: geef met "
                         "--group COLUMN (of groups.column in de config) aan welke kolom de "
                         "meting (voor / na) bevat, of geef twee bestanden PRE POST.", tmp_path)


def test_different_item_sets(run_cli, tmp_path):
    data = pd.read_csv(DEMO / "vragenlijst.csv", sep=";", decimal=",", encoding="cp1252")
    post = tmp_path / "post.csv"
    data[data["meting"] == "na"].drop(columns=["regie_2"]).to_csv(post, index=False)
    result = run_cli("compare", DEMO / "pre.sav", post, "--config", CONFIG, "--out", "out")
    assert_clean_failure(result, 65, f"Fout: {DEMO / 'pre.sav'} en {post} bevatten niet "
                         f"dezelfde items (alleen in {DEMO / 'pre.sav'}: regie_2). Beide metingen "
                         "hebben elk item van de vergeleken schalen nodig: geef de kolommen "
                         "dezelfde namen, of laat de schaal weg met --scale.", tmp_path)
    english = run_cli("compare", DEMO / "pre.sav", post, "--config", CONFIG, "--out", "out",
                      "--lang", "en")
    assert_clean_failure(english, 65, f"Error: {DEMO / 'pre.sav'} and {post} do not hold the "
                         f"same items (only in {DEMO / 'pre.sav'}: regie_2). Both measurements "
                         "need every item of the scales compared", tmp_path)


def test_paired_duplicated_ids(run_cli, tmp_path):
    data = pd.read_csv(DEMO / "vragenlijst.csv", sep=";", decimal=",", encoding="cp1252")
    voor_ids = data.loc[data["meting"] == "voor", "respnr"].tolist()
    data.loc[data["meting"] == "na", "respnr"] = voor_ids + voor_ids[:14]
    path = tmp_path / "dupes.csv"
    data.to_csv(path, index=False)
    result = run_cli("compare", path, "--config", CONFIG, "--paired", "--id", "respnr",
                     "--out", "out")
    assert_clean_failure(result, 65, f"Fout: gepaarde data: id-kolom 'respnr' in {path} heeft "
                         "dubbele ids binnen meting 'na' (datarijen 23, 24, 25", tmp_path)
    assert "Elke persoon mag één keer per meting voorkomen" in result.stderr


def test_independent_groups_warn_about_a_duplicated_id(run_cli, tmp_path):
    """Different people before and after (paired = false): an id twice within one
    measurement is a warning with the rows, on the terminal and in results.json; the run goes
    on (the comparison itself is not wrong) and never prints the id."""
    data = pd.read_csv(DEMO / "vragenlijst.csv", sep=";", decimal=",", encoding="cp1252")
    data.loc[1, "respnr"] = 4711  # rows 1 and 2 (both "voor") share one id
    data.loc[0, "respnr"] = 4711
    path = tmp_path / "dupes.csv"
    data.to_csv(path, index=False)
    result = run_cli("compare", path, "--config", CONFIG, "--out", "out", "--no-figures")
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stderr.split())
    assert (f"Waarschuwing: id-kolom 'respnr' van {path}: 1 id('s) komen meer dan eens voor "
            "binnen één groep van 'meting' (2 rijen: datarijen 1, 2). Elke persoon hoort één "
            "keer per groep voor te komen: haal de dubbele rijen weg, of controleer of study.id "
            "het respondentnummer noemt.") in said
    assert "4711" not in result.stdout + result.stderr
    record = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    (note,) = [n for n in record["notes"] if n["kind"] == "duplicate_ids"]
    assert note["level"] == "warning" and note["values"]["n_ids"] == 1
    assert "4711" not in json.dumps(record["notes"])
    # the paired design still refuses the same file
    paired = run_cli("compare", path, "--config", CONFIG, "--paired", "--id", "respnr",
                     "--out", "out2")
    assert paired.exit_code == 65 and "dubbele ids binnen meting 'voor'" in paired.stderr


def test_paired_without_matching_ids(run_cli, tmp_path):
    result = run_cli("compare", DEMO / "pre.sav", DEMO / "post.sav", "--config", CONFIG,
                     "--paired", "--id", "respnr", "--out", "out")
    assert_clean_failure(result, 65, "Fout: gepaarde data: geen enkele id in kolom 'respnr' "
                         "komt in beide metingen voor (22 ids in 'voor', 36 in 'na').", tmp_path)


def test_paired_with_unknown_id_column(run_cli, tmp_path):
    result = run_cli("compare", DEMO / "pre.sav", DEMO / "post.sav", "--config", CONFIG,
                     "--paired", "--id", "respnummer", "--out", "out")
    assert_clean_failure(result, 65, f"Fout: id-kolom 'respnummer' is geen kolom van "
                         f"{DEMO / 'pre.sav'}; bedoelt u 'respnr'?", tmp_path)


def test_paired_adjust_for_is_refused(run_cli, tmp_path):
    result = run_cli("compare", DEMO / "gewogen_maatwerk.sav", "--config", GEWOGEN,
                     "--adjust-for", "gemeente", "--out", "out")
    assert_clean_failure(result, 65, "Fout: --adjust-for is voor onafhankelijke groepen: bij een "
                         "gepaarde opzet wordt elke persoon met zichzelf vergeleken", tmp_path)


def test_adjust_for_config_without_covariates(run_cli, tmp_path):
    result = run_cli("compare", DEMO / "gewogen_maatwerk.sav", "--config", GEWOGEN,
                     "--independent", "--adjust-for", "config", "--out", "out")
    assert_clean_failure(result, 65, "Fout: --adjust-for config: de config noemt geen "
                         "covariaten", tmp_path)


def test_bad_adjust_choice_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("compare", DEMO / "pre.sav", DEMO / "post.sav", "--adjust", "bonf")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_constant_variable_and_small_group_are_reported_in_the_row(run_cli, tmp_path):
    data = pd.read_csv(DEMO / "vragenlijst.csv", sep=";", decimal=",", encoding="cp1252")
    data["regie_4"] = 4  # everyone the same answer
    data.loc[data["meting"] == "voor", "maatwerk_2"] = [3] + [9] * 21  # one answer before
    path = tmp_path / "odd.csv"
    data.to_csv(path, index=False)
    result = run_cli("compare", path, "--config", CONFIG, "--out", "out", "--no-figures")
    assert result.exit_code == 0, result.stderr
    items = pd.read_csv(tmp_path / "out" / "compare_items.csv").set_index("variable")
    assert items.loc["regie_4", "note"] == ("no variance within the groups: t and Hedges' g "
                                            "undefined; all answers equal: rank test "
                                            "undefined")
    assert pd.isna(items.loc["regie_4", "t"])
    assert items.loc["maatwerk_2", "note"] == "group voor has fewer than 2 answers"
    # the terminal says the reasons in the chosen language (the CSV keeps them in English)
    assert ("Let op: regie_4: geen variantie binnen de groepen: t en Hedges' g niet "
            "gedefinieerd; alle antwoorden gelijk: rangtoets niet gedefinieerd") in result.stderr
    assert "Let op: maatwerk_2: groep voor heeft minder dan 2 antwoorden" in result.stderr
    english = run_cli("compare", path, "--config", CONFIG, "--out", "out_en", "--no-figures",
                      "--lang", "en")
    assert english.exit_code == 0, english.stderr
    assert "Note: regie_4: no variance within the groups: t and Hedges' g undefined" \
        in english.stderr
    assert "Note: maatwerk_2: group voor has fewer than 2 answers" in english.stderr


@pytest.mark.parametrize(("order", "message"), [
    ("voor", "Fout: de groepsvolgorde moet twee of meer verschillende groepen noemen, de "
     "eerste meting eerst (bijvoorbeeld --group-order voor,na); gekregen: 'voor'"),
    ("voor,voor", "Fout: de groepsvolgorde moet twee of meer verschillende groepen noemen"),
    ("voor,na,later", "Fout: meting 'later' heeft geen rijen: kolom 'meting'")])
def test_bad_order(run_cli, tmp_path, order, message):
    result = run_cli("compare", DEMO / "vragenlijst.csv", "--group", "meting",
                     "--group-order", order, "--config", CONFIG, "--out", "out")
    assert_clean_failure(result, 65, message, tmp_path)


def test_old_group_option_names_still_work_with_a_note(run_cli, tmp_path):
    """--by/--order are hidden aliases of --group/--group-order for one release."""
    old = run_cli("compare", DEMO / "vragenlijst.csv", "--by", "meting", "--order", "voor,na",
                  "-c", CONFIG, "--no-figures", "--out", tmp_path / "old")
    new = run_cli("compare", DEMO / "vragenlijst.csv", "--group", "meting", "--group-order",
                  "voor,na", "-c", CONFIG, "--no-figures", "--out", tmp_path / "new")
    assert old.exit_code == new.exit_code == 0, old.output
    # in the config's language (Dutch): tests/cli/test_cli_run_language.py
    assert ("Let op: --by heet nu --group; --by verdwijnt in de volgende versie."
            in " ".join(old.stderr.split()))
    assert "--order heet nu --group-order" in old.stderr
    assert "heet nu" not in new.stderr
    assert "--by" not in run_cli("compare", "--help").stdout
    assert ((tmp_path / "old" / "compare_scales.csv").read_bytes()
            == (tmp_path / "new" / "compare_scales.csv").read_bytes())


def test_summary_for_groups_that_are_not_measurements_in_time(run_cli):
    """--group geslacht splits by sex: no "before and after" wording, and SPSS value labels."""
    result = run_cli("compare", DEMO / "pre.sav", "--group", "geslacht", "--group-order", "1,2",
                     "--config", CONFIG, "--out", "out", "--no-figures")
    assert result.exit_code == 0, result.output
    assert "Schaal        n man  n vrouw  Gem. man  Gem. vrouw" in result.stdout
    assert ("Let op: man en vrouw zijn verschillende mensen. Een verschil kan ook komen door "
            "andere verschillen tussen de groepen") in result.stdout
    assert "vóór en na" not in result.stdout and "daling" not in result.stdout
    assert "passen zowel bij een lager als bij een hoger gemiddelde van vrouw." in result.stdout
    timed = run_cli("compare", DEMO / "vragenlijst.csv", "--config", CONFIG, "--out", "out2",
                    "--no-figures")
    assert "Let op: vóór en na zijn verschillende mensen." in timed.stdout
