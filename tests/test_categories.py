"""A column with a value per respondent (an id, a text answer) taken for a category is refused
before its dummies exist (issue 10, class 4): every model that turns a categorical column
into dummies: regress, compare --adjust-for, vignette --covariates/--moderators."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from maatwerk_stats import load_config, read_data
from maatwerk_stats.analyses.categories import MAX_CATEGORIES, check_categories
from maatwerk_stats.analyses.compare_models import _design
from maatwerk_stats.analyses.regress import regress
from maatwerk_stats.analyses.vignette_models import _covariate_blocks
from maatwerk_stats.config.survey import RegressionConfig
from maatwerk_stats.errors import DataError, Text, library_reference
from maatwerk_stats.prepare.teams import prepare_survey

FILES = Path(__file__).resolve().parent / "fuzz" / "files"
TOO_MANY = f"has {MAX_CATEGORIES + 1} different values, taken as categories: at most"


def test_the_bound_is_inclusive():
    what = Text("the covariate", "de covariaat")
    check_categories("gemeente", MAX_CATEGORIES, "", what)
    with pytest.raises(DataError, match=TOO_MANY) as error:
        check_categories("gemeente", MAX_CATEGORIES + 1, "", what)
    assert error.value.render(library_reference, "nl") == (
        f"de covariaat gemeente heeft {MAX_CATEGORIES + 1} verschillende waarden, genomen als "
        f"categorieën: er passen er hoogstens {MAX_CATEGORIES} in een model (elk is een "
        "coëfficiënt). Is het een id, een getal of een tekstantwoord? Laat de kolom weg, of geef "
        "een getal niet op als categorisch.")


def test_regress_refuses_an_id_as_a_category_before_building_dummies():
    data = prepare_survey(read_data(FILES / "teams_hidden.csv"),
                          load_config(FILES / "teams_hidden.toml"),
                          ["maatwerk", "steun", "respnr"], team="team",
                          categorical={"respnr"})
    model = RegressionConfig(name="m", outcome="maatwerk", predictors=("steun", "respnr"),
                             categorical=("respnr",))
    with pytest.raises(DataError, match=r"regression m: the categorical predictor respnr has "
                                        r"\d+ different values"):
        regress(data, [model])


def test_more_coefficients_than_respondents_is_refused_before_the_dummies(tmp_path):
    """50 categories on 50 rows: the n <= p message, before a dummy exists."""
    rng = np.random.default_rng(1)
    n = 50
    pd.DataFrame({"y": rng.normal(size=n), "x": rng.normal(size=n),
                  "c": [f"k{i}" for i in range(n)]}).to_csv(tmp_path / "d.csv", index=False)
    data = prepare_survey(read_data(tmp_path / "d.csv"), load_config(FILES / "teams_hidden.toml"),
                          ["y", "x", "c"], categorical={"c"})
    model = RegressionConfig(name="m", outcome="y", predictors=("x", "c"), categorical=("c",))
    with pytest.raises(DataError, match=r"50 respondent.s. with every variable present for at "
                                        "least 51 coefficients"):
        regress(data, [model])


def test_adjust_for_a_text_column_is_refused_quickly():
    n = 20_000  # a text answer per respondent: 20,000 dummies of 20,000 rows (3.2 GB) before
    frame = pd.DataFrame({"opmerking": [f"tekst {i}" for i in range(n)]})
    start = time.perf_counter()
    with pytest.raises(DataError, match="the adjust_for covariate opmerking has 20000"):
        _design(frame, {"opmerking": "categorical"})
    assert time.perf_counter() - start < 5


def test_vignette_covariate_with_a_value_per_respondent_is_refused():
    values = pd.Series([f"r{i // 9}" for i in range(9 * 500)], dtype=object)
    with pytest.raises(DataError, match="the covariate or moderator 'team' has 500"):
        _covariate_blocks(values, "team")
    blocks = _covariate_blocks(pd.Series(["a", "b", "c"] * 3, dtype=object), "kleur")
    assert [term for term, _ in blocks] == ["kleur[b]", "kleur[c]"]
