"""``maatwerk-stats vignette`` end to end: outputs, the influence table, long vs wide input,
options, and one clear message per kind of bad input."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
CONFIG = ROOT / "configs" / "leeratelier.toml"
DECK = DEMO / "deck.csv"
WIDE = ",".join(f"v{i}" for i in range(1, 10))

TABLES = ["vignette_coefficients.csv", "vignette_fit.csv", "vignette_marginal_means.csv",
          "vignette_interactions.csv", "vignette_influence.csv", "vignette_design.csv"]
FIGURES = ["figures/vignette_coefficients.png", "figures/vignette_coefficients.svg",
           "figures/vignette_marginal_means.png", "figures/vignette_marginal_means.svg"]

FACTSHEET_TABLE = """\
Invloed van de kenmerken
                   Vóór het Leeratelier  Na het Leeratelier
-----------------  --------------------  ------------------
Reputatie          Geen invloed          Matige invloed
Hulpbehoevendheid  Veel invloed          Veel invloed
Capaciteiten       Geen invloed          Matige invloed"""


def demo() -> pd.DataFrame:
    return pd.read_csv(DEMO / "vignetten.csv", sep=";", encoding="utf-8-sig")


def wide(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    frame = demo() if frame is None else frame
    out = frame.pivot(index=["respondent", "meting"], columns="vignette", values="bereidheid")
    out.columns = [f"v{c}" for c in out.columns]
    return out.reset_index()


def write(frame: pd.DataFrame, path: Path) -> Path:
    frame.to_csv(path, index=False)
    return path


# ---- the demo, end to end ---------------------------------------------------------------------


def test_demo_prints_the_factsheet_influence_table_and_writes_everything(run_cli, tmp_path):
    result = run_cli("vignette", DEMO / "vignetten.csv", "--config", CONFIG, "--out", "out")
    assert result.exit_code == 0, result.stderr
    assert FACTSHEET_TABLE in result.stdout
    assert "Labels: niet significant (p ≥ 0,05) of |effect| < 0,3 punt: geen invloed" in (
        result.stdout)
    out = tmp_path / "out"
    for name in TABLES + FIGURES + ["results.json"]:
        assert (out / name).is_file(), name
    coefficients = pd.read_csv(out / "vignette_coefficients.csv")
    assert list(coefficients.columns[:10]) == [
        "model", "group", "term", "estimate", "std_error", "statistic", "df", "p_value",
        "conf_low", "conf_high"]
    assert set(coefficients["model"]) == {"mixed", "ols_cluster"}
    assert set(coefficients["group"]) == {"all", "voor", "na"}
    assert list(pd.read_csv(out / "vignette_fit.csv").columns[:8]) == [
        "model", "group", "n_ratings", "n_respondents", "var_respondent", "var_residual",
        "icc", "converged"]
    assert list(pd.read_csv(out / "vignette_marginal_means.csv").columns[1:8]) == [
        "factor", "level", "group", "estimate", "std_error", "conf_low", "conf_high"]
    assert list(pd.read_csv(out / "vignette_interactions.csv").columns[1:7]) == [
        "factor", "level", "group", "estimate", "std_error", "p_value"]
    influence = pd.read_csv(out / "vignette_influence.csv")
    assert list(influence.columns[1:6]) == ["factor", "group", "estimate", "p_value", "label"]
    assert set(influence["label"]) == {"geen invloed", "matige invloed", "veel invloed"}
    record = json.loads((out / "results.json").read_text(encoding="utf-8"))
    inputs = record["provenance"]["inputs"]
    assert inputs[1]["path"].endswith("deck.csv")
    assert inputs[1]["sha256"] == hashlib.sha256(DECK.read_bytes()).hexdigest()
    assert set(record["tables"]) == {name.removesuffix(".csv") for name in TABLES}
    assert record["provenance"]["options"]["cluster_se"] == "cr1"
    # the straight-liner's id is in vignette_design.csv, never on the terminal
    assert ("(straight-lining; ids in vignette_design.csv, controle straightliners)"
            in " ".join(result.stderr.split()))
    assert "236" not in result.stdout + result.stderr
    assert result.stderr.count("Waarschuwing:") == 1


def test_english_output(run_cli):
    result = run_cli("vignette", "--no-figures",
                     DEMO / "vignetten.csv", "-c", CONFIG, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "Influence of the characteristics" in result.stdout
    assert "Reputatie          No influence          Moderate influence" in result.stdout
    assert "1.24" in result.stdout


def test_groups_in_an_unknown_order_get_a_note_naming_the_reference(run_cli, tmp_path):
    path = write(demo().replace({"meting": {"voor": "interventie", "na": "controle"}}),
                 tmp_path / "groups.csv")
    options = ["vignette", "--no-figures", path, "--id", "respondent", "--outcome",
               "bereidheid", "--factors", "reputatie", "--group", "meting"]
    result = run_cli(*options, "--lang", "en", "-o", "en")
    assert result.exit_code == 0, result.stderr
    assert ("'controle' is the first (reference) group and the interactions are each other "
            "group minus 'controle'. To change it, give --group-order controle,interventie "
            "(the reference group first)") in " ".join(result.stderr.split())
    dutch = run_cli(*options, "-o", "nl")
    assert ("'controle' is de eerste groep (de referentie) en de interacties zijn elke andere "
            "groep min 'controle'. Geef om dat te veranderen --group-order "
            "controle,interventie") in " ".join(dutch.stderr.split())
    known = run_cli("vignette", "--no-figures", DEMO / "vignetten.csv", "--id", "respondent",
                    "--outcome", "bereidheid", "--factors", "reputatie", "--group", "meting",
                    "-o", "known")
    assert "--group-order" not in known.stderr
    interactions = pd.read_csv(tmp_path / "known" / "vignette_interactions.csv")
    assert set(interactions["group"]) == {"na"}  # na − voor, as with --group-order voor,na


def test_long_and_wide_files_give_identical_tables(run_cli, tmp_path):
    path = write(wide(), tmp_path / "wide.csv")
    long_run = run_cli("vignette", "--no-figures",
                       DEMO / "vignetten.csv", "-c", CONFIG, "-o", "long")
    wide_run = run_cli("vignette", "--no-figures",
                       path, "-c", CONFIG, "--wide-columns", WIDE, "-o", "wide")
    assert long_run.exit_code == 0 and wide_run.exit_code == 0, wide_run.stderr
    for name in TABLES[:-1]:
        assert (tmp_path / "long" / name).read_bytes() == (tmp_path / "wide" / name
                                                           ).read_bytes(), name
    assert FACTSHEET_TABLE in wide_run.stdout


def test_options_instead_of_a_config(run_cli, tmp_path):
    result = run_cli("vignette", "--no-figures",
                     DEMO / "vignetten.csv", "--id", "respondent", "--outcome",
                     "bereidheid", "--factors", "reputatie,hulpbehoevendheid,capaciteiten",
                     "--group", "meting", "--group-order", "voor,na", "--position", "positie",
                     "--outcome-range", "1,10", "-o", "out")
    assert result.exit_code == 0, result.stderr
    design = pd.read_csv(tmp_path / "out" / "vignette_design.csv")
    assert "position_effect" in set(design["check"])
    influence = pd.read_csv(tmp_path / "out" / "vignette_influence.csv")
    assert set(influence["group"]) == {"voor", "na"}


def test_cr2_exclude_straightliners_and_ols_model(run_cli, tmp_path):
    result = run_cli("vignette", "--no-figures",
                     DEMO / "vignetten.csv", "-c", CONFIG, "--cluster-se", "cr2",
                     "--exclude-straightliners", "--model", "ols_cluster", "-o", "out")
    assert result.exit_code == 0, result.stderr
    fit = pd.read_csv(tmp_path / "out" / "vignette_fit.csv")
    assert set(fit.loc[fit["model"] == "ols_cluster", "se_type"]) == {"cr2"}
    assert fit.loc[fit["group"] == "all", "n_respondents"].tolist() == [57, 57]
    coefficients = pd.read_csv(tmp_path / "out" / "vignette_coefficients.csv")
    ols = coefficients[coefficients["model"] == "ols_cluster"]
    assert not np.allclose(ols["df"], ols["df"].round())  # Satterthwaite, not G − 1
    assert "OLS, standaardfouten geclusterd per respondent" in result.stdout
    assert ("zijn weggelaten (--exclude-straightliners; ids in vignette_design.csv, controle "
            "respondents_excluded)") in " ".join(result.stderr.split())
    assert "Draai opnieuw met --exclude-straightliners" not in result.stderr


@pytest.mark.parametrize(("fmt", "start"), [("csv", "model,group,term,estimate"),
                                            ("json", "{")])
def test_other_formats(run_cli, fmt, start):
    result = run_cli("vignette", "--no-figures",
                     DEMO / "vignetten.csv", "-c", CONFIG, "--format", fmt, "-q")
    assert result.exit_code == 0
    assert result.stdout.startswith(start)
    assert result.stderr == ""


def test_mixed_model_failure_is_reported_and_ols_still_written(run_cli, tmp_path):
    """Ratings that respondent and factors predict exactly: no REML estimate exists."""
    frame = demo().dropna(subset=["bereidheid"])
    shift = {r: i % 5 for i, r in enumerate(frame["respondent"].unique())}
    frame["bereidheid"] = (3 + frame["respondent"].map(shift)
                           + (frame["hulpbehoevendheid"] == "slecht_ter_been").astype(int))
    path = write(frame, tmp_path / "exact.csv")
    result = run_cli("vignette", "--no-figures", path, "-c", CONFIG, "-o", "out")
    assert result.exit_code == 0, result.stderr
    assert "Waarschuwing: het gemengde model convergeerde niet (" in result.stderr
    assert "Waarschuwing: het gemengde model met groepen convergeerde niet (" in result.stderr
    assert ("Waarschuwing: de invloedstabel, de figuren en de terminal gebruiken ols_cluster, "
            "omdat het gemengde model mislukte.") in result.stderr
    english = run_cli("vignette", "--no-figures", path, "-c", CONFIG, "-o", "en", "--lang", "en")
    assert "Warning: the mixed model did not converge: " in english.stderr
    assert "Warning: the mixed model with groups did not converge: " in english.stderr
    assert "use ols_cluster because the mixed model failed" in english.stderr
    fit = pd.read_csv(tmp_path / "out" / "vignette_fit.csv")
    assert not fit.loc[fit["model"] == "mixed", "converged"].any()
    assert fit.loc[fit["model"] == "ols_cluster", "converged"].all()
    assert "(OLS, standaardfouten geclusterd per respondent)" in result.stdout


def test_respondent_without_ratings_is_reported(run_cli, tmp_path):
    frame = demo()
    frame.loc[frame["respondent"] == 101, "bereidheid"] = np.nan
    result = run_cli("vignette", "--no-figures",
                     write(frame, tmp_path / "r.csv"), "-c", CONFIG, "-o", "out")
    assert result.exit_code == 0
    assert ("Let op: 1 respondent(en) zonder enig oordeel weggelaten (ids in "
            "vignette_design.csv, controle respondents_dropped).") in result.stderr
    english = run_cli("vignette", "--no-figures", tmp_path / "r.csv", "-c", CONFIG, "-o",
                      "en", "--lang", "en")
    assert ("Note: 1 respondent(s) without any rating left out (ids in vignette_design.csv, "
            "check respondents_dropped).") in english.stderr
    assert "Zonder oordeel, weggelaten" in result.stdout


# ---- bad input: one message, an exit code, nothing written -----------------------------------


def _fails(run_cli, tmp_path, args, code, message):
    """The English message of a bad input (the Dutch ones: test_cli_vignette_dutch.py)."""
    result = run_cli("vignette", "--no-figures", *args, "--out", "out", "--lang", "en")
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stderr.strip() == f"Error: {message}"
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out").exists()


def test_factor_that_never_varies(run_cli, tmp_path):
    path = write(demo().assign(reputatie="succesvol"), tmp_path / "constant.csv")
    _fails(run_cli, tmp_path, [path, "--id", "respondent", "--outcome", "bereidheid",
                               "--factors", "reputatie,hulpbehoevendheid"], 65,
           f"factor 'reputatie' never varies: every rating in {path} has level 'succesvol'. "
           "A factor needs at least two levels to have an effect; remove it from the factors "
           "(--factors or vignette.factors) or check the data.")


def test_non_numeric_rating(run_cli, tmp_path):
    frame = demo()
    frame["bereidheid"] = frame["bereidheid"].astype(object)
    frame.loc[4, "bereidheid"] = "veel"
    path = write(frame, tmp_path / "text.csv")
    _fails(run_cli, tmp_path, [path, "-c", CONFIG], 65,
           f"rating column 'bereidheid' in {path} holds text instead of numbers in row 5 (the "
           "texts are not shown: they are respondents' answers). Ratings must be numbers; "
           "leave a rating empty when it is missing.")


def test_duplicate_respondent_vignette_rows(run_cli, tmp_path):
    frame = demo()
    path = write(pd.concat([frame, frame.iloc[[10]]]), tmp_path / "dup.csv")
    _fails(run_cli, tmp_path, [path, "-c", CONFIG], 65,
           f"{path} holds more than one rating for the same respondent and vignette "
           "(1 time(s): vignette 2; rows 11, 523). Remove the duplicate rows, or check "
           "the respondent ids.")  # the respondent's id (102) is not quoted


def test_wide_column_absent_from_the_deck(run_cli, tmp_path):
    path = write(wide().assign(v10=5), tmp_path / "wide10.csv")
    _fails(run_cli, tmp_path, [path, "-c", CONFIG, "--wide-columns", WIDE + ",v10"], 65,
           f"wide column 'v10' of {path} is not a vignette of the deck {DECK} (deck "
           "vignettes: '1', '2', '3', '4', '5', '6' and 3 more). A wide column belongs to the "
           "deck vignette whose id equals the column name or the number it ends with (v3 → "
           "vignette 3); add the vignette to the deck or remove the column from "
           "wide_columns.")


def test_deck_vignette_absent_from_wide_data(run_cli, tmp_path):
    path = write(wide().drop(columns=["v9"]), tmp_path / "wide8.csv")
    _fails(run_cli, tmp_path, [path, "-c", CONFIG, "--wide-columns", WIDE[:-3]], 65,
           f"deck {DECK} has vignette '9' without a rating column in {path} (wide columns: "
           "'v1', 'v2', 'v3', 'v4', 'v5', 'v6' and 2 more). Add the column(s) to wide_columns "
           "or remove the vignette(s) from the deck.")


def test_deck_vignette_absent_from_long_data(run_cli, tmp_path):
    frame = demo()
    path = write(frame[frame["vignette"] != 9], tmp_path / "no9.csv")
    _fails(run_cli, tmp_path, [path, "-c", CONFIG], 65,
           f"deck {DECK} has vignette '9' that no respondent rated in {path}. Remove it from "
           "the deck, or check that the vignette ids in column 'vignette' match the deck.")


def test_vignette_absent_from_the_deck(run_cli, tmp_path):
    frame = demo()
    frame.loc[frame["vignette"] == 9, "vignette"] = 99
    path = write(frame.drop(columns=["reputatie", "hulpbehoevendheid", "capaciteiten"]),
                 tmp_path / "v99.csv")
    _fails(run_cli, tmp_path, [path, "-c", CONFIG], 65,
           f"vignette '99' in column 'vignette' of {path} is not in the deck {DECK}. Add it to "
           "the deck or correct the vignette ids.")


def test_deck_levels_that_do_not_match_the_config(run_cli, tmp_path):
    deck = pd.read_csv(DECK)
    deck["reputatie"] = deck["reputatie"].replace("succesvol", "succes")
    deck_path = write(deck, tmp_path / "deck.csv")
    path = write(wide(), tmp_path / "wide.csv")
    _fails(run_cli, tmp_path, [path, "-c", CONFIG, "--wide-columns", WIDE, "--deck", deck_path],
           78, f"{CONFIG}: factor 'reputatie': level 'succes' in the deck {deck_path} is not "
           "one of vignette.factors.reputatie.levels ['niet_succesvol', 'succesvol'] — did you "
           "mean 'succesvol'?")


def test_group_column_with_one_level(run_cli, tmp_path):
    path = write(demo().assign(meting="na"), tmp_path / "one.csv")
    _fails(run_cli, tmp_path, [path, "-c", CONFIG], 65,
           f"group column 'meting' in {path} has only one value ('na'); a comparison needs at "
           "least two groups. Run without a group (leave out --group, or remove "
           "vignette.group from the config), or check the data.")


def test_rating_outside_the_declared_range(run_cli, tmp_path):
    frame = demo()
    frame.loc[3, "bereidheid"] = 11
    path = write(frame, tmp_path / "range.csv")
    _fails(run_cli, tmp_path, [path, "-c", CONFIG], 65,
           f"ratings outside the declared range 1–10 in bereidheid of {path}: 11 (row 4). "
           "Correct the data or the outcome_range in the config (--outcome-range).")


def test_missing_rating_column_suggests_the_nearest(run_cli, tmp_path):
    _fails(run_cli, tmp_path, [DEMO / "vignetten.csv", "-c", CONFIG, "--outcome", "bereid"], 65,
           f"rating column 'bereid' is not a column of {DEMO / 'vignetten.csv'}; nearest "
           "column names: bereidheid. Name it with --outcome or vignette.outcome in the "
           "config; for wide data (one rating column per vignette) give --wide-columns.")


def test_group_value_outside_the_group_order(run_cli, tmp_path):
    _fails(run_cli, tmp_path, [DEMO / "vignetten.csv", "-c", CONFIG, "--group-order", "voor,nah"],
           65, f"group column 'meting' in {DEMO / 'vignetten.csv'} holds 'na' (did you mean "
           "'nah'?), which is not in the group order ['voor', 'nah']. Add it to "
           "vignette.group_order (--group-order) or correct the data.")


def test_bad_outcome_range_option(run_cli, tmp_path):
    result = run_cli("vignette", DEMO / "vignetten.csv", "-c", CONFIG, "--outcome-range", "10,1",
                     "--out", "out")
    assert result.exit_code == 78
    assert result.stderr == ("Fout: --outcome-range '10,1': de laagste beoordeling moet onder de "
                             "hoogste liggen\n")
    assert not (tmp_path / "out").exists()
    _fails(run_cli, tmp_path, [DEMO / "vignetten.csv", "-c", CONFIG, "--outcome-range", "10,1",
                               "--lang", "en"],
           78, "--outcome-range '10,1': the lowest rating must be below the highest")


def test_no_factors_named(run_cli, tmp_path):
    _fails(run_cli, tmp_path, [DEMO / "vignetten.csv", "--outcome", "bereidheid"], 78,
           "no factors: name the factor columns with --factors a,b,c, or list them under "
           "[vignette.factors.NAME] in the config, or give a deck (--deck) whose columns are "
           "the factors.")


def test_missing_vignette_column_names_the_option(run_cli, tmp_path):
    _fails(run_cli, tmp_path, [DEMO / "vignetten.csv", "-c", CONFIG, "--vignette-column",
                               "vignet"], 65,
           f"vignette id column 'vignet' is not a column of {DEMO / 'vignetten.csv'}; nearest "
           "column names: vignette. Name it with --vignette-column or vignette.vignette in the "
           "config.")


def test_interactions_and_influence_hold_one_row_per_key(run_cli, tmp_path):
    """DESIGN.md §4: one row per (factor, level, group) from the primary model; the other
    model's numbers stand beside it (other_*), equal to that model's own rows."""
    tables = {}
    for model in ("mixed", "ols_cluster"):
        result = run_cli("vignette", "--no-figures", DEMO / "vignetten.csv", "-c", CONFIG,
                         "--model", model, "-o", model, "-q")
        assert result.exit_code == 0, result.stderr
        tables[model] = {name: pd.read_csv(tmp_path / model / f"vignette_{name}.csv")
                         for name in ("interactions", "influence")}
    keys = {"interactions": ["factor", "level", "group"], "influence": ["factor", "group"]}
    for name, key in keys.items():
        mixed, ols = tables["mixed"][name], tables["ols_cluster"][name]
        for table, own, other in ((mixed, "mixed", "ols_cluster"), (ols, "ols_cluster", "mixed")):
            assert not table.duplicated(key).any(), name
            assert set(table["model"]) == {own} and set(table["other_model"]) == {other}
        both = mixed.merge(ols, on=key, suffixes=("_m", "_o"))
        assert len(both) == len(mixed) == len(ols)
        for column in ("estimate", "std_error", "p_value"):
            assert np.allclose(both[f"other_{column}_m"], both[f"{column}_o"], rtol=1e-12)
            assert np.allclose(both[f"other_{column}_o"], both[f"{column}_m"], rtol=1e-12)
    assert set(tables["mixed"]["influence"]["other_label"]) <= {
        "geen invloed", "matige invloed", "veel invloed"}
