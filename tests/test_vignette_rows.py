"""The counts of analyses/vignette_rows.py equal the pandas calls they replaced, and the
order-effect model is fitted only as the model the run reports.

Issue 9 (speed): per-group counts from categorical codes instead of ``frame[frame[GROUP] ==
g]`` copies with ``nunique``/``value_counts``/``groupby.size``; respondent codes from the
category codes instead of ``pd.factorize``. Random unbalanced data (hypothesis): respondents
with one or several ratings, missing ratings left out, rows sorted by respondent or shuffled,
unused categories.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maatwerk_stats import vignette
from maatwerk_stats.analyses.vignette_rows import RatedRows, respondent_codes
from maatwerk_stats.config import FactorConfig
from maatwerk_stats.prepare.ratings import GROUP, RATING, RESPONDENT, _pairs_present

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
GROUPS = ("voor", "na")
LEVELS = ("laag", "midden", "hoog")


def rated_frame(seed: int, n_respondents: int, shuffle: bool) -> pd.DataFrame:
    """Analysed ratings as prepare_vignette_data leaves them: categoricals with unused
    categories, 1–6 ratings per respondent (one-rating respondents included), a group per
    respondent."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 7, n_respondents)
    respondent = np.repeat(np.arange(n_respondents), sizes)
    frame = pd.DataFrame({
        RESPONDENT: pd.Categorical([f"r{r}" for r in respondent],
                                   categories=[f"r{r}" for r in range(n_respondents + 2)]),
        GROUP: pd.Categorical(np.array(GROUPS)[respondent % 2], categories=list(GROUPS)),
        "f": pd.Categorical(rng.choice(LEVELS[:2], len(respondent)), categories=list(LEVELS)),
        RATING: rng.integers(1, 6, len(respondent)).astype(float),
    })
    if shuffle:
        frame = frame.sample(frac=1, random_state=seed).reset_index(drop=True)
    return frame


@SETTINGS
@given(st.integers(0, 10_000), st.integers(1, 40), st.booleans())
def test_counts_equal_the_pandas_computation(seed, n_respondents, shuffle):
    frame = rated_frame(seed, n_respondents, shuffle)
    rows = RatedRows(frame, GROUPS)
    factor = FactorConfig(name="f", label="f", levels=LEVELS, reference="laag", column="f")
    np.testing.assert_array_equal(rows.respondent,
                                  pd.factorize(frame[RESPONDENT], sort=False)[0])
    assert rows.n_respondents_all == frame[RESPONDENT].nunique()
    for group in ("all", *GROUPS):
        part = frame if group == "all" else frame[frame[GROUP] == group]
        assert rows.n_ratings(group) == len(part)
        assert rows.n_respondents(group) == part[RESPONDENT].nunique()
        per = part.groupby(RESPONDENT, sort=False, observed=True).size()
        assert sorted(rows.ratings_per_respondent(group)) == sorted(per)
        counts = part["f"].value_counts()
        assert rows.level_counts(factor, group) == {lv: int(counts.get(lv, 0))
                                                    for lv in LEVELS}
        assert rows.n_distinct_ratings(group) == part[RATING].nunique()
        assert list(rows.take("f", group)) == list(part["f"])


@SETTINGS
@given(st.lists(st.sampled_from(["a", "b", "c", None]), min_size=1, max_size=30),
       st.booleans())
def test_respondent_codes_equal_factorize(values, as_category):
    series = pd.Series(values, dtype="category" if as_category else object)
    np.testing.assert_array_equal(respondent_codes(series),
                                  pd.factorize(series, sort=False)[0])


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(GROUPS), st.sampled_from([*LEVELS, None])),
                min_size=1, max_size=40))
def test_pairs_present_equal_drop_duplicates(pairs):
    first = pd.Series(pd.Categorical([a for a, _ in pairs], categories=[*GROUPS, "x"]))
    second = pd.Series(pd.Categorical([b for _, b in pairs], categories=list(LEVELS)))
    expected = {(a, b) for a, b in pd.DataFrame({"a": first, "b": second}).drop_duplicates()
                .itertuples(index=False, name=None) if isinstance(b, str)}
    assert _pairs_present(first, second) == expected
    assert _pairs_present(first.astype(object), second.astype(object)) >= expected


def position_study(seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for respondent in range(60):
        shift = rng.normal(0, 1)
        for position in range(1, 5):
            a, b = rng.choice(["nee", "ja"]), rng.choice(["laag", "hoog"])
            rows.append({"resp": respondent, "a": a, "b": b, "positie": position,
                         "oordeel": round(5 + (a == "ja") + shift + 0.2 * position
                                          + rng.normal(0, 1))})
    return pd.DataFrame(rows)


def test_order_effect_comes_from_the_model_asked_for():
    import statsmodels.formula.api as smf

    frame = position_study()
    ols = vignette(frame, id="resp", outcome="oordeel", factors=["a", "b"],
                   position="positie", model="ols_cluster")
    design = ols.design.set_index("check")
    assert design.loc["position_effect", "note"].startswith("ols_cluster;")
    reference = smf.ols("oordeel ~ C(a) + C(b) + positie", frame).fit()
    assert design.loc["position_effect", "value"] == pytest.approx(
        reference.params["positie"], rel=1e-10)
    mixed = vignette(frame, id="resp", outcome="oordeel", factors=["a", "b"],
                     position="positie").design.set_index("check")
    assert mixed.loc["position_effect", "note"].startswith("mixed;")
    assert not math.isclose(mixed.loc["position_effect", "value"],
                            design.loc["position_effect", "value"], rel_tol=1e-12)


def test_order_effect_falls_back_to_ols_when_the_mixed_model_fails(monkeypatch):
    """The mixed position model is the only one fitted at first; when the mixed model fails
    and ols_cluster becomes the primary model, the OLS order effect is fitted then."""
    from maatwerk_stats.stats import mixed

    frame = position_study()
    expected = vignette(frame, id="resp", outcome="oordeel", factors=["a", "b"],
                        position="positie", model="ols_cluster").design.set_index("check")

    def fail(*args, **kwargs):
        raise np.linalg.LinAlgError("forced for the test")

    monkeypatch.setattr(mixed, "fit_random_intercept", fail)
    result = vignette(frame, id="resp", outcome="oordeel", factors=["a", "b"],
                      position="positie")
    assert result.primary_model == "ols_cluster"
    design = result.design.set_index("check")
    for check in ("position_effect", "position_effect_p"):
        assert design.loc[check, "value"] == expected.loc[check, "value"]
        assert design.loc[check, "note"] == expected.loc[check, "note"]


@SETTINGS
@given(st.integers(0, 10_000), st.integers(4000, 9000), st.booleans())
def test_cramers_v_table_of_long_categoricals_equals_the_text_computation(seed, n, late):
    """The contingency table from the category codes (rows and columns in order of first
    appearance, found in a 4,096-row prefix or, for a category first seen later, in the
    whole column) gives the bits of the computation on the texts."""
    from maatwerk_stats.stats.association import cramers_v

    rng = np.random.default_rng(seed)
    a = rng.choice(["x", "y", None], n, p=[0.6, 0.38, 0.02]).astype(object)
    b = rng.choice(["p", "q", "r"], n).astype(object)
    if late:  # a category that first occurs after the prefix
        a[n - 5:] = "z"
        b[: n // 2] = "p"
    expected = cramers_v(a, b)
    got = cramers_v(pd.Series(pd.Categorical(a, categories=["z", "y", "x", "w"])),
                    pd.Series(pd.Categorical(b, categories=["r", "q", "p"])))
    assert got == expected


@SETTINGS
@given(st.lists(st.integers(-10**6, 10**6), min_size=1, max_size=60), st.booleans(),
       st.booleans())
def test_code_categories_of_whole_numbers_hold_the_code_texts(values, as_float, missing):
    """Whole-number ids (integers or floats, the usual respondent id) keep their codes; the
    categories are their texts in order of first appearance, as for any other column."""
    from maatwerk_stats.io.dataset import code_categories, code_texts

    series = pd.Series(values, dtype=float if as_float or missing else np.int64)
    if missing:
        series.iloc[0] = np.nan
    categorical = code_categories(series)
    texts = code_texts(series)
    assert list(categorical.astype(object).where(categorical.notna(), None)) == list(texts)
    assert list(categorical.cat.categories) == list(dict.fromkeys(t for t in texts if t))
