"""The extended vignette model (covariates, cross-level moderators, factor × factor) and the
per-vignette table against lmerTest (tests/reference/vignette_models.R) on the demo and on
the cregg tax-plan data."""

from __future__ import annotations

import dataclasses
import gzip
from pathlib import Path

import pandas as pd
import pytest

from maatwerk_stats.analyses.vignette_models import extended_model, per_vignette
from maatwerk_stats.config import load_config
from maatwerk_stats.config.options import vignette_settings
from maatwerk_stats.errors import DataError, OptionError
from maatwerk_stats.io.deck import read_deck
from maatwerk_stats.io.read import read_data
from maatwerk_stats.prepare.moderators import respondent_covariates
from maatwerk_stats.prepare.ratings import prepare_vignette_data

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "reference"
R_COEFFICIENTS = pd.read_csv(REFERENCE / "vignette_models_coefficients.csv")
R_FIT = pd.read_csv(REFERENCE / "vignette_models_fit.csv").set_index("model")


def r_name(term: str) -> str:
    return "(Intercept)" if term == "Intercept" else term.replace("[", "").replace("]", "")


def prepared(config_path: Path, data_path: Path, without_groups: bool = False):
    config = load_config(config_path)
    if without_groups:
        config = dataclasses.replace(config, vignette=dataclasses.replace(
            config.vignette, group=None, group_order=None))
    settings, explicit = vignette_settings(config)
    deck = read_deck(settings.deck, settings.vignette) if settings.deck else None
    dataset = read_data(data_path)
    return prepare_vignette_data(dataset, settings, deck=deck, explicit=explicit), dataset


@pytest.fixture(scope="module")
def demo():
    data, _ = prepared(ROOT / "configs" / "leeratelier.toml", ROOT / "data/demo/vignetten.csv")
    questionnaire = read_data(ROOT / "data" / "demo" / "vragenlijst.csv")
    covariates = respondent_covariates(questionnaire.frame, "respnr",
                                       ["ervaring", "organisatie"], "vragenlijst.csv")
    return data, covariates


def compare(result, model: str, se_rel: float, df_rel: float) -> float:
    ours = result.coefficients.set_index(result.coefficients["term"].map(r_name))
    theirs = R_COEFFICIENTS[R_COEFFICIENTS["model"] == model].set_index("term")
    assert set(ours.index) == set(theirs.index)
    worst = 0.0
    for term, row in theirs.iterrows():
        mine = ours.loc[term]
        assert mine["estimate"] == pytest.approx(row["estimate"], abs=1e-6, rel=1e-6), term
        assert mine["std_error"] == pytest.approx(row["std_error"], rel=se_rel), term
        assert mine["df"] == pytest.approx(row["df"], rel=df_rel), term
        assert mine["p_value"] == pytest.approx(row["p_value"], abs=1e-6, rel=1e-4), term
        worst = max(worst, abs(mine["estimate"] - row["estimate"]))
    return worst


def test_covariates_moderators_and_factor_interactions_match_lmertest_on_the_demo(demo):
    data, covariates = demo
    result = extended_model(data, covariates, adjust_for=["ervaring", "organisatie"],
                            moderators=["ervaring"],
                            factor_interactions=[("reputatie", "capaciteiten")])
    compare(result, "demo", se_rel=1e-6, df_rel=1e-4)
    fit = result.fit.iloc[0]
    assert fit["var_respondent"] == pytest.approx(R_FIT.loc["demo", "var_respondent"], rel=1e-6)
    assert fit["var_residual"] == pytest.approx(R_FIT.loc["demo", "var_residual"], rel=1e-6)
    assert fit["n_ratings"] == R_FIT.loc["demo", "n_ratings"]


@pytest.mark.slow
def test_a_cross_level_moderator_and_factor_interaction_match_lmertest_on_taxes(tmp_path):
    taxes = tmp_path / "taxes.csv"
    with gzip.open(REFERENCE / "data" / "taxes.csv.gz", "rb") as source:
        taxes.write_bytes(source.read())
    data, dataset = prepared(REFERENCE / "taxes.toml", taxes, without_groups=True)
    covariates = respondent_covariates(dataset.frame, "ID", ["partyid"], "taxes.csv.gz")
    result = extended_model(data, covariates, adjust_for=["partyid"],
                            moderators=["taxrev:partyid"],
                            factor_interactions=[("taxrate1", "taxrev")])
    # a boundary fit (respondent variance 0): df are those of the residual alone
    compare(result, "taxes", se_rel=1e-6, df_rel=1e-6)
    assert result.fit.iloc[0]["var_respondent"] == pytest.approx(0, abs=1e-10)
    assert result.fit.iloc[0]["n_ratings"] == R_FIT.loc["taxes", "n_ratings"]
    assert any(n.kind == "covariates_missing" for n in result.notes)


def test_per_vignette_matches_contest1d(demo):
    data, _ = demo
    table = per_vignette(data).set_index("vignette")
    theirs = pd.read_csv(REFERENCE / "vignette_per_vignette.csv", dtype={"vignette": str})
    for row in theirs.itertuples(index=False):
        mine = table.loc[row.vignette]
        assert mine["mean"] == pytest.approx(row.mean, rel=1e-12)
        assert mine["estimate"] == pytest.approx(row.estimate, abs=1e-7)
        assert mine["std_error"] == pytest.approx(row.std_error, rel=1e-6)
        assert mine["df"] == pytest.approx(row.df, rel=1e-4)
        assert mine["p_value"] == pytest.approx(row.p_value, rel=1e-4, abs=1e-10)
    assert list(table.columns[:3]) == ["reputatie", "hulpbehoevendheid", "capaciteiten"]
    assert table.loc["9", "reputatie"] == table.loc["1", "reputatie"]  # the repeat


def test_per_vignette_suppresses_a_small_vignette_and_the_differences(demo):
    data, _ = demo
    table = per_vignette(data, min_cell=60)  # every vignette has 58 raters
    assert table["mean"].isna().all() and table["estimate"].isna().all()
    assert (table["n_ratings"] > 0).all()


def test_a_constant_moderator_and_a_varying_covariate_get_one_message(demo):
    data, covariates = demo
    constant = covariates.assign(overal=1.0)
    with pytest.raises(DataError, match="'overal' has the same value for every respondent"):
        extended_model(data, constant, moderators=["overal"])
    frame = pd.DataFrame({"id": ["1", "1", "2"], "x": [1.0, 2.0, 3.0]})
    with pytest.raises(DataError, match="takes more than one value for 1 respondent"):
        respondent_covariates(frame, "id", ["x"], "f.csv")
    with pytest.raises(DataError, match="covariate 'leeftijd2' is not a column"):
        respondent_covariates(frame, "id", ["leeftijd2"], "f.csv")
    with pytest.raises(OptionError, match="'hulp' is not a factor"):
        extended_model(data, covariates, moderators=["hulp:ervaring"])
    with pytest.raises(OptionError, match="name two different factors"):
        extended_model(data, covariates, factor_interactions=[("reputatie", "reputatie")])


def test_the_factsheet_design_sentence(demo):
    from maatwerk_stats.analyses.vignette_models import deck_summary
    from maatwerk_stats.report.factsheet_design import design_sentence

    data, _ = demo
    design = deck_summary(data)
    assert design == {"n_factors": 3, "n_combinations": 8, "n_vignettes": 9, "n_distinct": 8,
                      "per_respondent": 9}
    config = load_config(ROOT / "configs" / "leeratelier.toml")
    assert design_sentence(config, design, "nl") == (
        "Opzet: 3 kenmerken met 2 × 2 × 2 niveaus (8 mogelijke combinaties); de professionals "
        "beoordeelden 9 vignetten (8 verschillende combinaties: een volledig factorieel "
        "ontwerp), 9 per persoon.")
    half = {**design, "n_vignettes": None, "n_distinct": 4, "per_respondent": 4}
    assert design_sentence(config, half, "en") == (
        "Design: 3 factors with 2 × 2 × 2 levels (8 possible combinations), 4 of which were "
        "shown; 4 vignettes each.")


def test_the_per_vignette_figure_caption_and_alt_text_give_every_difference(demo):
    from maatwerk_stats.report.figures.vignette_models import per_vignette_description

    data, _ = demo
    table = per_vignette(data)
    caption, alt = per_vignette_description(table, data.study(), "nl")
    assert caption == ("Oordeel per vignet: verschil met het gemiddelde van alle vignetten, "
                       "in punten, met 95%-betrouwbaarheidsinterval")
    first = table.iloc[0]
    sign = "−" if first["estimate"] < 0 else "+"
    number = f"{abs(first['estimate']):.2f}".replace(".", ",")
    assert alt.startswith(f"{caption}. Vignet 1: schuldhulp niet succesvol · goed ter been · "
                          f"slecht voorbereid: {sign}{number}; Vignet 2:")
    assert alt.count("Vignet ") == len(table) == 9
    hidden = per_vignette(data, min_cell=60)  # all suppressed: the caption only
    assert per_vignette_description(hidden, data.study(), "en")[1] == (
        "Rating per vignette: difference from the mean of all vignettes, in points, with 95% "
        "confidence interval")
