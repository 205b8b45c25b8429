"""``compare --model mixed`` against R (tests/reference/compare_mixed.R) and its properties.

Golden values: ``lmerTest::lmer(score ~ meting + (1 | subject))`` with ``emmeans`` contrasts
(``revpairwise``, Satterthwaite df, t-based CI), model means (``emmeans(m, ~ time)``) and
``p.adjust(method = "holm")`` on ``lme4::sleepstudy`` (days 0 and 9) thinned to incomplete
pairs and on ``nlme::Orthodont`` at ages 8, 12 and 14 (three measurements) thinned; the
attrition check against ``t.test`` (Welch). Tolerances (relative, as for the vignette mixed
model): estimates, SEs, t, p and CIs 1e-6; Satterthwaite df 1e-5 (lmerTest differentiates
numerically); variance components 1e-6; counts exact. The Welch test: 1e-9.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maatwerk_stats.analyses.compare_mixed import contrast_pairs, fit_changes
from maatwerk_stats.api import compare
from maatwerk_stats.errors import DataError
from maatwerk_stats.stats import twosample as ts

REFERENCE = Path(__file__).resolve().parent / "reference"
DATA = REFERENCE / "data"

MIXED_TOLERANCES = {"estimate": 1e-6, "std_error": 1e-6, "df": 1e-5, "p_value": 1e-6,
                    "conf_low": 1e-6, "conf_high": 1e-6, "p_adjusted": 1e-6,
                    "var_respondent": 1e-6, "var_residual": 1e-6}


def _merged(ours: pd.DataFrame, reference: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    merged = reference.merge(ours, on=keys, suffixes=("_r", ""), how="left",
                             validate="one_to_one")
    assert len(merged) == len(reference) > 0
    return merged


def _close(merged: pd.DataFrame, tolerances: dict[str, float]) -> None:
    for column, rtol in tolerances.items():
        np.testing.assert_allclose(merged[column], merged[f"{column}_r"], rtol=rtol,
                                   atol=1e-12, err_msg=column)


@pytest.fixture(scope="module")
def sleepstudy():
    return compare(DATA / "sleepstudy_thinned.csv", config=REFERENCE / "sleepstudy.toml",
                   model="mixed")


@pytest.fixture(scope="module")
def orthodont():
    return compare(DATA / "orthodont_thinned.csv", config=REFERENCE / "orthodont.toml")


def _reference(name: str, dataset: str) -> pd.DataFrame:
    table = pd.read_csv(REFERENCE / f"{name}.csv", dtype={"group": str})
    return table[table["dataset"] == dataset]


@pytest.mark.parametrize("dataset", ["sleepstudy", "orthodont"])
def test_mixed_model_matches_lmertest_emmeans(dataset, request):
    result = request.getfixturevalue(dataset)
    reference = _reference("compare_mixed", dataset)
    merged = _merged(result.mixed, reference, ["variable", "site", "contrast"])
    _close(merged, MIXED_TOLERANCES)
    for column in ("n_respondents", "n_observations"):
        assert (merged[column] == merged[f"{column}_r"]).all(), column


@pytest.mark.parametrize("dataset", ["sleepstudy", "orthodont"])
def test_model_means_match_emmeans(dataset, request):
    result = request.getfixturevalue(dataset)
    reference = _reference("compare_mixed_means", dataset)
    merged = _merged(result.mixed_means, reference, ["variable", "site", "group"])
    _close(merged, {"estimate": 1e-6, "std_error": 1e-6, "df": 1e-5, "conf_low": 1e-6,
                    "conf_high": 1e-6})
    assert (merged["n"] == merged["n_r"]).all()


def test_three_waves_holm_is_emmeans_holm_within_the_variable(orthodont):
    """One variable: the table's family is its three pairwise contrasts, which is the family
    of emmeans' own ``adjust = "holm"``."""
    reference = _reference("compare_mixed", "orthodont")
    merged = _merged(orthodont.mixed, reference, ["variable", "site", "contrast"])
    np.testing.assert_allclose(merged["p_adjusted"], merged["p_holm_within_variable"],
                               rtol=1e-6)
    assert list(orthodont.mixed["contrast"]) == ["12 - 8", "14 - 8", "14 - 12"]
    assert orthodont.groups == ("8", "12")  # the t-test tables: the first two
    assert orthodont.waves == ("8", "12", "14")
    assert any(n.kind == "three_waves" for n in orthodont.notes)


def test_three_files_equal_one_file_with_a_wave_column(orthodont, tmp_path):
    data = pd.read_csv(DATA / "orthodont_thinned.csv")
    paths = []
    for age in (8, 12, 14):
        path = tmp_path / f"age{age}.csv"
        data[data["age"] == age].drop(columns="age").to_csv(path, index=False)
        paths.append(path)
    config = REFERENCE / "orthodont.toml"
    result = compare(*paths, config=config, paired=True, id_column="subject")
    assert result.waves == ("age8", "age12", "age14")
    np.testing.assert_allclose(result.mixed["estimate"], orthodont.mixed["estimate"],
                               rtol=1e-12)
    np.testing.assert_allclose(result.mixed["df"], orthodont.mixed["df"], rtol=1e-9)


def test_wave_without_respondents_is_refused():
    with pytest.raises(DataError, match="measurement '16' has no rows"):
        compare(DATA / "orthodont_thinned.csv", config=REFERENCE / "orthodont.toml",
                group_order=["8", "12", "16"])


def test_id_repeated_within_the_third_wave_is_refused(tmp_path):
    data = pd.read_csv(DATA / "orthodont_thinned.csv")
    extra = data[(data["age"] == 14)].head(1)
    path = tmp_path / "dup.csv"
    pd.concat([data, extra]).to_csv(path, index=False)
    with pytest.raises(DataError, match="duplicated ids within measurement '14'"):
        compare(path, config=REFERENCE / "orthodont.toml")


@pytest.mark.parametrize("dataset", ["sleepstudy", "orthodont"])
def test_attrition_check_matches_welch(dataset, request):
    result = request.getfixturevalue(dataset)
    reference = _reference("compare_mixed_attrition", dataset)
    merged = _merged(result.attrition, reference, ["variable"])
    _close(merged, {c: 1e-9 for c in ("mean_complete", "mean_incomplete", "mean_diff", "t",
                                      "df", "p_value")})
    assert (merged["n_incomplete"] == merged["n_incomplete_r"]).all()
    assert (merged["n_complete"] == merged["n_complete_r"]).all()


def test_mixed_rows_beside_the_paired_test(sleepstudy):
    mixed = sleepstudy.mixed.set_index("variable")
    scales = sleepstudy.scales.set_index("variable")
    assert list(mixed["contrast"]) == ["na - voor", "na - voor"]
    assert (mixed["n_measured_once"] == 5).all()  # 3 only before, 2 only after
    assert (mixed["n_pairs"] == scales["n_pairs"]).all()
    np.testing.assert_array_equal(mixed["paired_mean_diff"], scales["mean_diff"])
    notes = [n for n in sleepstudy.notes if n.kind == "measured_once"]
    assert [n.subject for n in notes] == ["reaction", "reaction_log"]
    assert "5 of them measured once" in notes[0].text()
    assert "do not differ significantly" in notes[0].text()


def test_mixed_needs_paired_data():
    with pytest.raises(DataError, match="needs paired data"):
        compare(DATA / "sleepstudy_thinned.csv", config=REFERENCE / "sleepstudy.toml",
                paired=False, model="mixed")


def test_contrast_order_is_emmeans_revpairwise():
    assert contrast_pairs(2) == [(1, 0)]
    assert contrast_pairs(3) == [(1, 0), (2, 0), (2, 1)]


def test_nobody_measured_twice_is_explained():
    rows, _ = fit_changes(np.array([1.0, 2.0, 3.0, 4.0]), np.arange(4), np.array([0, 0, 1, 1]),
                       ["voor", "na"])
    assert np.isnan(rows[0]["estimate"])
    assert "nobody has a score in more than one measurement" in rows[0]["note"]


def test_empty_measurement_is_explained():
    rows, _ = fit_changes(np.array([1.0, 2.0, np.nan, np.nan]), np.array([0, 1, 0, 1]),
                       np.array([0, 0, 1, 1]), ["voor", "na"])
    assert "no scores in measurement 'na'" in rows[0]["note"]


@settings(max_examples=40, deadline=None)
@given(n=st.integers(3, 30), seed=st.integers(0, 2**32 - 1),
       person_sd=st.floats(0.0, 3.0), change=st.floats(-2.0, 2.0))
def test_complete_pairs_change_is_the_paired_mean_difference(n, seed, person_sd, change):
    """With complete pairs (and one site) each person's intercept cancels: the model's
    change is the mean of the differences, whatever the variance components."""
    rng = np.random.default_rng(seed)
    person = rng.normal(0, person_sd, n)
    before = person + rng.normal(0, 1, n)
    after = person + change + rng.normal(0, 1, n)
    values = np.r_[before, after]
    rows, _ = fit_changes(values, np.r_[np.arange(n), np.arange(n)],
                       np.repeat([0, 1], n), ["voor", "na"])
    paired = ts.t_test_paired(before, after)
    assert rows[0]["estimate"] == pytest.approx(paired.mean_diff, abs=1e-9)
    if not rows[0]["boundary"]:  # off the boundary the SE and df are the paired t-test's too
        assert rows[0]["df"] == pytest.approx(n - 1, rel=1e-6)
        assert rows[0]["conf_low"] == pytest.approx(paired.conf_low, rel=1e-6, abs=1e-9)
