"""A regression's categories of fewer than min_cell respondents (analyses/regress.py): their
coefficients are left empty, the intercept too when the small category is the reference."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from maatwerk_stats import load_config, read_data
from maatwerk_stats.analyses.regress import SUPPRESSED_COLUMNS, regress
from maatwerk_stats.config.survey import RegressionConfig
from maatwerk_stats.prepare.teams import prepare_survey

FILES = Path(__file__).resolve().parent / "fuzz" / "files"


@pytest.fixture(scope="module")
def data():
    return prepare_survey(read_data(FILES / "teams_small_category.csv"),
                          load_config(FILES / "teams_hidden.toml"),
                          ["maatwerk", "steun", "functie"], team="team",
                          categorical={"functie"})


def _model(**changes):
    return RegressionConfig(**{"name": "m", "outcome": "maatwerk",
                               "predictors": ("steun", "functie"),
                               "categorical": ("functie",), **changes})


def test_a_category_of_two_is_left_empty(data):
    result = regress(data, [_model()], min_cell=5)
    table = result.coefficients.set_index(["model", "term"])
    for model in ("ols", "ols_cluster", "mixed"):
        row = table.loc[(model, "functie[manager]")]
        assert all(math.isnan(row[c]) for c in SUPPRESSED_COLUMNS), model
        assert not math.isnan(table.loc[(model, "functie[consulent]"), "estimate"])
        assert not math.isnan(table.loc[(model, "Intercept"), "estimate"])
    note = next(n for n in result.notes if n.kind == "small_category_suppressed")
    assert note.values == {"predictors": "functie", "min_cell": 5}
    # without min_cell (the library default) and with min_cell = 2 it is published
    for open_run in (regress(data, [_model()]), regress(data, [_model()], min_cell=2)):
        assert open_run.coefficients["estimate"].notna().all()
        assert not any(n.kind == "small_category_suppressed" for n in open_run.notes)


def test_a_small_reference_category_empties_every_dummy_and_the_intercept(data):
    result = regress(data, [_model(reference={"functie": "manager"})], min_cell=5)
    table = result.coefficients.set_index("term")
    for term in ("Intercept", "functie[coach]", "functie[consulent]"):
        assert table.loc[term, "estimate"].isna().all(), term
    assert table.loc["steun", "estimate"].notna().all()
    # the fit itself is unchanged
    pd_fit = regress(data, [_model(reference={"functie": "manager"})]).fit
    assert list(result.fit["r_squared"].fillna(-1)) == list(pd_fit["r_squared"].fillna(-1))
