"""``compare --site``: the change per site from one pooled model and the site × time
interaction, against R (tests/reference/compare_mixed.R, "Sites").

Golden values on ``nlme::Orthodont`` (ages 8, 12, 14, thinned; site = sex): paired,
``lmerTest::lmer(distance ~ time * site + (1 | subject))``; independent (ages 8 and 14 as
different people), ``lm(distance ~ time * site)``; changes per site with ``emmeans(m, ~ time |
site)`` + ``contrast("revpairwise")``, the interaction with ``contrast(., "trt.vs.ctrl", by =
"contrast")``, per-site t-tests with ``t.test``. Tolerances (relative): mixed as in
test_compare_mixed (1e-6, df 1e-5); OLS and t-tests 1e-9.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from maatwerk_stats.analyses.compare_sites import fit_site_model
from maatwerk_stats.api import compare
from maatwerk_stats.errors import DataError

REFERENCE = Path(__file__).resolve().parent / "reference"
DATA = REFERENCE / "data"
CONFIG = REFERENCE / "orthodont.toml"
COLUMNS = ["estimate", "std_error", "df", "p_value", "conf_low", "conf_high"]


def _reference(name: str, dataset: str) -> pd.DataFrame:
    table = pd.read_csv(REFERENCE / f"{name}.csv", dtype={"group": str})
    return table[table["dataset"] == dataset]


def _close(ours: pd.DataFrame, reference: pd.DataFrame, keys: list[str], rtol: float,
           df_rtol: float) -> None:
    merged = reference.merge(ours, on=keys, suffixes=("_r", ""), how="left",
                             validate="one_to_one")
    assert len(merged) == len(reference) > 0
    for column in COLUMNS:
        np.testing.assert_allclose(merged[column], merged[f"{column}_r"],
                                   rtol=df_rtol if column == "df" else rtol, atol=1e-12,
                                   err_msg=column)


@pytest.fixture(scope="module")
def paired():
    return compare(DATA / "orthodont_thinned.csv", config=CONFIG, site="sex")


@pytest.fixture(scope="module")
def independent():
    return compare(DATA / "orthodont_thinned.csv", config=CONFIG, site="sex", paired=False,
                   group_order=["8", "14"])


def test_paired_changes_per_site_match_lmertest(paired):
    ours = paired.mixed[paired.mixed["site"] != "all"]
    _close(ours, _reference("compare_site_changes", "orthodont"),
           ["variable", "site", "contrast"], 1e-6, 1e-5)


def test_paired_interaction_matches_emmeans(paired):
    _close(paired.site_interaction, _reference("compare_site_interaction", "orthodont"),
           ["variable", "site", "contrast"], 1e-6, 1e-5)
    assert set(paired.site_interaction["reference_site"]) == {"Female"}


def test_paired_means_per_site_match_emmeans(paired):
    ours = paired.mixed_means[paired.mixed_means["site"] != "all"]
    reference = _reference("compare_site_means", "orthodont")
    reference = reference.assign(p_value=0.0)
    _close(ours.assign(p_value=0.0), reference, ["variable", "site", "group"], 1e-6, 1e-5)


def test_independent_interaction_matches_lm(independent):
    _close(independent.site_interaction,
           _reference("compare_site_interaction", "orthodont_independent"),
           ["variable", "site", "contrast"], 1e-9, 1e-9)
    assert set(independent.site_interaction["model"]) == {"ols"}
    assert independent.mixed is None


def test_independent_simple_effects_match_emmeans():
    data = pd.read_csv(DATA / "orthodont_thinned.csv")
    data = data[data["age"].isin([8, 14])]
    wave = (data["age"] == 14).to_numpy().astype(int)
    site = (data["sex"] == "Male").to_numpy().astype(int)
    changes, _, _ = fit_site_model(data["distance"].to_numpy(float), np.arange(len(data)),
                                   wave, site, ["8", "14"], ["Female", "Male"], mixed=False)
    _close(pd.DataFrame(changes).assign(variable="distance"),
           _reference("compare_site_changes", "orthodont_independent"),
           ["variable", "site", "contrast"], 1e-9, 1e-9)


@pytest.mark.parametrize(("fixture", "dataset"), [("paired", "orthodont"),
                                                  ("independent", "orthodont_independent")])
def test_per_site_tests_match_t_test(fixture, dataset, request):
    result = request.getfixturevalue(fixture)
    reference = _reference("compare_sites", dataset)
    merged = reference.merge(result.sites, on="site", suffixes=("_r", ""))
    assert len(merged) == 2
    for column in ("mean_diff", "t", "df", "p_value"):
        np.testing.assert_allclose(merged[column], merged[f"{column}_r"], rtol=1e-9,
                                   err_msg=column)
    # the effect size per site (d_z paired, Hedges' g independent) and its noncentral-t CI
    effect = "d_z" if fixture == "paired" else "hedges_g"
    low, high = ("d_z_conf_low", "d_z_conf_high") if fixture == "paired" else (
        "g_conf_low", "g_conf_high")
    np.testing.assert_allclose(merged[effect], merged["effect"], rtol=1e-9, err_msg=effect)
    np.testing.assert_allclose(merged[low], merged["effect_conf_low"], atol=1e-6, err_msg=low)
    np.testing.assert_allclose(merged[high], merged["effect_conf_high"], atol=1e-6,
                               err_msg=high)
    if fixture == "paired":
        assert (merged["n_pairs"] == merged["n_pairs_r"]).all()


def test_site_with_one_respondent_is_refused(tmp_path):
    data = pd.read_csv(DATA / "orthodont_thinned.csv")
    data.loc[data["subject"] == "F01", "sex"] = "Other"
    path = tmp_path / "one.csv"
    data.to_csv(path, index=False)
    with pytest.raises(DataError, match="site column 'sex' has a site with only 1 respondent "
                       r"\(not named: one person's value may identify them\)") as error:
        compare(path, config=CONFIG, site="sex")
    assert "Other" not in str(error.value)
    data.loc[data["subject"] == "M01", "sex"] = "Unknown"
    data.to_csv(path, index=False)
    with pytest.raises(DataError, match="has 2 sites with only 1 respondent") as error:
        compare(path, config=CONFIG, site="sex")
    assert "Other" not in str(error.value) and "Unknown" not in str(error.value)


def test_missing_site_column_is_refused():
    with pytest.raises(DataError, match="site column 'gemeente' is not a column"):
        compare(DATA / "orthodont_thinned.csv", config=CONFIG, site="gemeente")


def test_site_texts_use_the_site_columns_name_or_label_not_a_fixed_word(paired):
    """The factsheet's site sentences name the second factor as the data do: the column's
    short variable label (SPSS), else its name; never "gemeenten" for a column of sexes."""
    from dataclasses import replace

    from maatwerk_stats.report.factsheet.prepost import methods, paragraphs, site_word

    assert paired.site_column == "sex" and paired.site_label is None  # a CSV: no labels
    assert site_word(paired) == "sex"
    for lang in ("nl", "en"):
        text = " ".join((*paragraphs(paired, lang), *methods(paired, lang)))
        assert "per sex" in text.lower()  # the methods note; the sites sentence too in nl
        for word in ("gemeente", "municipalit", "sites"):
            assert word not in text.lower()
    assert site_word(replace(paired, site_label="Gemeente")) == "gemeente"
    assert site_word(replace(paired, site_label="GGD-regio")) == "GGD-regio"
    long = "Gemeente waar de professional op 1 januari werkte"
    assert site_word(replace(paired, site_label=long)) == "sex"
    assert site_word(replace(paired, site_column="werk_regio")) == "werk regio"


def test_methods_name_the_site_model_only_with_a_site(paired):
    """The methods note describes the site × time interaction only when a site column was
    configured: a paired factsheet without ``[groups] site`` said "Per site: één model met de
    interactie meting × site" about a model it never fitted."""
    from dataclasses import replace

    from maatwerk_stats.report.factsheet.prepost import methods

    without = replace(paired, site_column=None, sites=None, site_interaction=None)
    for lang, per, interaction in (("nl", "Per sex:", "interactie"),
                                   ("en", "Per sex:", "interaction")):
        (with_site,) = methods(paired, lang)
        assert per in with_site and interaction in with_site
        (text,) = methods(without, lang)
        assert text.startswith(("Gemengd model:", "Mixed model:"))
        assert "Per " not in text and "site" not in text and interaction not in text
