"""``vignette`` with the richer models: covariates merged from the questionnaire, cross-level
moderators, factor × factor interactions, the per-vignette table and figure; everything else
unchanged; one message for a constant moderator."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
CONFIG = ROOT / "configs" / "leeratelier.toml"
REFERENCE = ROOT / "tests" / "reference"


def test_the_extended_model_and_per_vignette_table_are_added(run_cli, tmp_path):
    args = ["vignette", DEMO / "vignetten.csv", "--config", CONFIG]
    plain = run_cli(*args, "--out", "plain", "--no-figures")
    assert plain.exit_code == 0, plain.stderr
    result = run_cli(*args, "--covariates", "ervaring,organisatie", "--moderators",
                     "ervaring", "--factor-interactions", "reputatie:capaciteiten",
                     "--covariates-file", DEMO / "vragenlijst.csv", "--covariates-id",
                     "respnr", "--per-vignette", "--out", "out")
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "out"
    for name in ("vignette_coefficients.csv", "vignette_influence.csv",
                 "vignette_interactions.csv"):  # the standard tables stay as they are
        assert (out / name).read_bytes() == (tmp_path / "plain" / name).read_bytes(), name
    extended = pd.read_csv(out / "vignette_model_coefficients.csv").set_index("term")
    reference = pd.read_csv(REFERENCE / "vignette_models_coefficients.csv")
    r = reference[reference["model"] == "demo"].set_index("term")
    assert abs(extended.loc["reputatie[succesvol]:ervaring", "estimate"]
               - r.loc["reputatiesuccesvol:ervaring", "estimate"]) < 1e-8
    assert "reputatie[succesvol]:capaciteiten[goed_voorbereid]" in extended.index
    assert "organisatie[Sociaal wijkteam]" in extended.index
    per = pd.read_csv(out / "vignette_per_vignette.csv")
    assert len(per) == 9 and per["estimate"].notna().all()
    assert (out / "figures" / "vignette_per_vignette.png").is_file()


def test_a_constant_moderator_is_refused_with_one_message(run_cli, tmp_path):
    frame = pd.read_csv(DEMO / "vignetten.csv", sep=";", encoding="utf-8-sig")
    frame["regio"] = "Den Haag"
    frame.to_csv(tmp_path / "v.csv", index=False)
    result = run_cli("vignette", tmp_path / "v.csv", "--config", CONFIG, "--moderators",
                     "regio", "--out", "out")
    assert result.exit_code == 65
    assert result.stderr.strip() == (
        "Fout: covariaat of moderator 'regio' heeft dezelfde waarde voor elke respondent in "
        "het model, dus het effect ervan is niet te schatten; laat hem weg.")
    assert not (tmp_path / "out").exists()
    result = run_cli("vignette", tmp_path / "v.csv", "--config", CONFIG, "--moderators",
                     "regio", "--out", "out", "--lang", "en")
    assert result.exit_code == 65
    assert result.stderr.strip() == (
        "Error: covariate or moderator 'regio' has the same value for every respondent in "
        "the model, so its effect cannot be estimated; leave it out.")
    assert not (tmp_path / "out").exists()
    result = run_cli("vignette", tmp_path / "v.csv", "--config", CONFIG,
                     "--factor-interactions", "reputatie", "--out", "out")
    assert result.exit_code == 2
    assert "schrijf FACTOR:FACTOR" in result.stderr


def test_the_crossed_model_is_added_and_needs_vignette_ids(run_cli, tmp_path):
    result = run_cli("vignette", DEMO / "vignetten.csv", "--config", CONFIG, "--crossed",
                     "--out", "out", "--no-figures")
    assert result.exit_code == 0, result.stderr
    table = pd.read_csv(tmp_path / "out" / "vignette_model_coefficients.csv")
    assert set(table["model"]) == {"mixed_crossed"}
    fit = pd.read_csv(tmp_path / "out" / "vignette_model_fit.csv")
    assert {"var_vignette", "n_vignettes"} <= set(fit.columns)
    frame = pd.read_csv(DEMO / "vignetten.csv", sep=";", encoding="utf-8-sig")
    frame.drop(columns="vignette").to_csv(tmp_path / "no_ids.csv", index=False)
    result = run_cli("vignette", tmp_path / "no_ids.csv", "--id", "respondent", "--outcome",
                     "bereidheid", "--factors", "reputatie,hulpbehoevendheid,capaciteiten",
                     "--crossed", "--out", "out2")
    assert result.exit_code == 2
    assert result.stderr == (
        "Fout: het gekruiste model heeft bij elk oordeel het vignet nodig: lange data met een "
        "vignetkolom (--vignette-column), of brede data.\n")
