"""The vectorised hot paths equal the straightforward computations they replaced.

Issue 9 (speed) replaced per-respondent Python loops and ``scipy.stats``/``scipy.optimize``
calls by vectorised code and ``scipy.special``; these tests compare both on random data
(hypothesis), including unbalanced designs, missing ratings and one-rating respondents.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maatwerk_stats import vignette
from maatwerk_stats.io.dataset import code_ranks, code_sort_key, code_text, code_texts
from maatwerk_stats.stats import distributions
from maatwerk_stats.stats.association import cramers_v, grouped_mean_abs_difference
from maatwerk_stats.stats.roots import brent_root

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def naive_mean_abs_difference(values: np.ndarray) -> float:
    """The replaced per-group code: all pairs i < j from ``triu_indices``."""
    upper = np.triu_indices(len(values), 1)
    return float(np.mean(np.abs(values[:, None] - values[None, :])[upper]))


def naive_cramers_v(a, b) -> float:
    table = pd.crosstab(np.asarray(a), np.asarray(b)).to_numpy(float)
    n = table.sum()
    k = min(table.shape) - 1
    if n == 0 or k < 1:
        return math.nan
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / n
    return float(np.sqrt(((table - expected) ** 2 / expected).sum() / (n * k)))


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(1, 10)), min_size=1, max_size=80))
def test_grouped_mean_abs_difference_equals_all_pairs(pairs):
    codes = np.array([c for c, _ in pairs])
    values = np.array([v for _, v in pairs], dtype=float)
    codes = np.unique(codes, return_inverse=True)[1]  # groups 0..G-1, all used
    result = grouped_mean_abs_difference(values, codes)
    for group in range(codes.max() + 1):
        members = values[codes == group]
        if len(members) < 2:
            assert math.isnan(result[group])
        else:
            assert result[group] == pytest.approx(naive_mean_abs_difference(members),
                                                  rel=1e-12, abs=1e-12)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from(["x", "y", "z", "w"])),
                min_size=2, max_size=60))
def test_cramers_v_equals_the_crosstab_computation(pairs):
    a = [p for p, _ in pairs]
    b = [q for _, q in pairs]
    expected = naive_cramers_v(a, b)
    got = cramers_v(a, b)
    if math.isnan(expected):
        assert math.isnan(got)
    else:
        assert got == pytest.approx(expected, rel=1e-12, abs=1e-12)


@SETTINGS
@given(st.lists(st.integers(-3, 3), min_size=1, max_size=50))
def test_average_ranks_equal_scipy_rankdata(values):
    from scipy.stats import rankdata

    array = np.array(values, dtype=float)
    np.testing.assert_array_equal(distributions.average_ranks(array), rankdata(array))


@SETTINGS
@given(st.floats(-8, 8), st.floats(0.5, 5e5))
def test_distribution_functions_equal_scipy_stats(x, df):
    from scipy import stats

    assert distributions.t_sf(x, df) == float(stats.t.sf(x, df))
    assert distributions.t_quantile(0.975, df) == float(stats.t.ppf(0.975, df))
    assert distributions.norm_cdf(x) == float(stats.norm.cdf(x))
    assert distributions.norm_sf(x) == float(stats.norm.sf(x))
    assert distributions.nct_cdf_raw(x, df, 1.5) == pytest.approx(
        float(stats.nct.cdf(x, df, 1.5)), rel=1e-14, abs=1e-300)


@SETTINGS
@given(st.floats(-3, 3), st.floats(0.1, 4))
def test_brent_root_equals_scipy_brentq(shift, power):
    from scipy.optimize import brentq

    def f(x: float) -> float:
        return math.copysign(abs(x - shift) ** power, x - shift)

    ours = brent_root(f, -10.0, 10.0, xtol=1e-14, rtol=8.9e-16, maxiter=500)
    assert ours == brentq(f, -10.0, 10.0, xtol=1e-14, rtol=8.9e-16, maxiter=500)


def test_code_texts_and_ranks_equal_the_per_value_functions():
    values = pd.Series([1.0, "1", " na ", None, 10, 2.5, "v10", "v9", np.nan, "a", 2],
                       dtype=object)
    assert list(code_texts(values)) == [code_text(v) for v in values]
    texts = [code_text(v) for v in values]
    ranks = code_ranks(texts)
    present = sorted({t for t in texts if t is not None}, key=code_sort_key)
    for text, rank in zip(texts, ranks, strict=True):
        assert rank == (present.index(text) if text is not None else len(present))


def make_ratings(seed: int, n: int, missing: float) -> pd.DataFrame:
    """Unbalanced vignette data: respondents rate 1–6 random cards of a 2×2 deck (repeats
    allowed), integer ratings, some missing; one extra respondent rates every card once, so
    every level occurs."""
    rng = np.random.default_rng(seed)
    rows = [{"resp": n, "groep": "voor", "a": a, "b": b, "positie": k + 1,
             "oordeel": float(k + 1)}
            for k, (a, b) in enumerate([("nee", "laag"), ("nee", "hoog"), ("ja", "laag"),
                                        ("ja", "hoog")])]
    for respondent in range(n):
        for position in range(int(rng.integers(1, 7))):
            a, b = rng.choice(["nee", "ja"]), rng.choice(["laag", "hoog"])
            rows.append({"resp": respondent, "groep": ("voor", "na")[respondent % 2],
                         "a": a, "b": b, "positie": position + 1,
                         "oordeel": float(rng.integers(1, 6))})
    frame = pd.DataFrame(rows)
    frame.loc[rng.random(len(frame)) < missing, "oordeel"] = np.nan
    return frame


def naive_repeat_checks(frame: pd.DataFrame) -> dict[str, float]:
    """The replaced computation: a Python function per repeated respondent × combination."""
    rated = frame[frame["oordeel"].notna()]
    keys = ["resp", "a", "b"]
    sizes = rated.groupby(keys)["oordeel"].transform("size")
    repeated = rated[sizes > 1]
    out = {"repeated_vignettes": float(repeated["resp"].nunique())}
    if len(repeated):
        by = repeated.groupby(keys)["oordeel"]
        out["repeated_vignettes_mean_abs_diff"] = float(
            by.agg(lambda s: naive_mean_abs_difference(s.to_numpy(float))).mean())
        out["repeated_vignettes_identical"] = float(
            by.agg(lambda s: float(s.nunique() == 1)).mean())
    spread = rated.groupby("resp")["oordeel"].agg(["min", "max", "count"])
    out["straightliners"] = float(((spread["count"] >= 2)
                                   & (spread["min"] == spread["max"])).sum())
    out["factor_association"] = naive_cramers_v(rated["a"], rated["b"])
    return out


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.integers(12, 40), st.sampled_from([0.0, 0.1, 0.3]))
def test_design_checks_equal_the_per_respondent_computation(seed, n, missing):
    frame = make_ratings(seed, n, missing)
    result = vignette(frame, id="resp", outcome="oordeel", factors=["a", "b"])
    design = result.design
    overall = design[design["group"] == "all"].set_index("check")["value"]
    for check, expected in naive_repeat_checks(frame).items():
        assert overall[check] == pytest.approx(expected, rel=1e-12, abs=1e-12), check


# Categorical columns are coded from their integer codes (vignette at 100,000 respondents):
# the results must equal those of the text values exactly, not just closely.

LEVELS = st.lists(st.sampled_from(["a", "b", "c", "d", None]), min_size=2, max_size=60)


def as_categorical(values: list, extra: tuple[str, ...] = ("zz",)) -> pd.Series:
    """A categorical with unused categories (``extra``) in a shuffled order."""
    present = sorted({v for v in values if v is not None}, reverse=True)
    return pd.Series(pd.Categorical(values, categories=[*extra, *present]))


@SETTINGS
@given(LEVELS, LEVELS)
def test_cramers_v_of_categoricals_equals_that_of_the_texts(a, b):
    n = min(len(a), len(b))
    a, b = a[:n], b[:n]
    expected = cramers_v(np.array(a, dtype=object), np.array(b, dtype=object))
    got = cramers_v(as_categorical(a), as_categorical(b))
    assert (math.isnan(expected) and math.isnan(got)) or got == expected


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 8), st.sampled_from("xyz"), st.sampled_from("pq")),
                min_size=1, max_size=80))
def test_combination_codes_equal_groupby_ngroup(rows):
    from maatwerk_stats.analyses.vignette_checks import combination_codes

    frame = pd.DataFrame(rows, columns=["r", "f", "g"])
    expected = frame.groupby(["r", "f", "g"], sort=False).ngroup().to_numpy()
    categorical = pd.DataFrame({
        "r": pd.Categorical(frame["r"].astype(str), categories=[str(i) for i in range(9, -1, -1)]),
        "f": as_categorical(list(frame["f"])), "g": as_categorical(list(frame["g"]))})
    np.testing.assert_array_equal(combination_codes(categorical, ["r", "f", "g"]), expected)
    np.testing.assert_array_equal(combination_codes(frame, ["r", "f", "g"]), expected)


@SETTINGS
@given(LEVELS, st.sampled_from(["a", "b", "zz", "absent"]))
def test_indicator_of_a_categorical_equals_the_text_comparison(values, level):
    from maatwerk_stats.analyses.vignette import indicator

    expected = (np.array(values, dtype=object) == level).astype(float)
    np.testing.assert_array_equal(indicator(as_categorical(values), level), expected)
    np.testing.assert_array_equal(indicator(pd.Series(values, dtype=object), level), expected)


CODES = st.lists(st.one_of(st.integers(-3, 12), st.sampled_from([1.0, 2.5, -0.0, math.nan]),
                           st.sampled_from(["1", " 1", "a", "B ", "", "10", None])),
                 min_size=1, max_size=60)


@SETTINGS
@given(CODES)
def test_code_categories_hold_the_code_texts(values):
    from maatwerk_stats.io.dataset import code_categories

    texts = code_texts(values)
    categorical = code_categories(values)
    assert list(categorical.astype(object).where(categorical.notna(), None)) == list(texts)
    assert categorical.cat.categories.is_unique
    # ranks from the categorical's codes sort like the ranks of the texts
    dense = [np.unique(code_ranks(v), return_inverse=True)[1] for v in (texts, categorical)]
    np.testing.assert_array_equal(dense[0], dense[1])


@pytest.mark.parametrize("values", [
    pd.Series([3, 1, 2, 1, 10]), pd.Series([1.0, np.nan, 2.5, 1.0, -0.0]),
    pd.Series(["b", None, " a", "a", "10"], dtype="str"), pd.Series([True, False, True])])
def test_code_categories_of_typed_columns_hold_the_code_texts(values):
    from maatwerk_stats.io.dataset import code_categories

    categorical = code_categories(values)
    assert list(categorical.astype(object).where(categorical.notna(), None)) == list(
        code_texts(values))


def sorted_average_ranks(values: np.ndarray) -> np.ndarray:
    """The replaced average_ranks: one stable sort of all values."""
    order = np.argsort(values, kind="mergesort")
    ordered = values[order]
    starts = np.r_[True, ordered[1:] != ordered[:-1]]
    bounds = np.r_[np.flatnonzero(starts), len(values)]
    ranks = np.empty(len(values), dtype=float)
    ranks[order] = (0.5 * (bounds[:-1] + 1 + bounds[1:]))[np.cumsum(starts) - 1]
    return ranks


@SETTINGS
@given(st.lists(st.sampled_from([-2.5, -0.0, 0.0, 1.0, 1 / 3, 4.2, 1e300, -math.inf]),
                max_size=80), st.booleans())
def test_average_ranks_from_distinct_values_equal_the_sorted_ranks(values, with_nan):
    array = np.array(values + ([math.nan] if with_nan else []), dtype=float)
    np.testing.assert_array_equal(distributions.average_ranks(array),
                                  sorted_average_ranks(array))


def per_value_texts(uniques) -> list:
    """The replaced loop of code_categories: code_text of each distinct value."""
    return [code_text(u) for u in uniques]


@SETTINGS
@given(st.lists(st.integers(-10**18, 10**18), max_size=60),
       st.lists(st.one_of(st.floats(allow_nan=False), st.integers(-2**60, 2**60).map(float),
                          st.sampled_from([0.5, -0.0, 2.0**53, 2.0**53 + 2, 1e20, -7.0])),
                max_size=60))
def test_texts_of_distinct_numbers_equal_code_text(integers, floats):
    from maatwerk_stats.io.dataset import _texts_of_distinct

    with np.errstate(over="ignore"):  # floats beyond float32 become inf
        single = pd.Series(np.asarray(floats, dtype=float).astype(np.float32))
    for values in (pd.Series(integers, dtype=np.int64), pd.Series(floats, dtype=float),
                   single):
        _, uniques = pd.factorize(values)
        assert list(_texts_of_distinct(uniques)) == per_value_texts(uniques)
        assert list(_texts_of_distinct(np.asarray(uniques))) == per_value_texts(uniques)


CODE_TEXTS = st.one_of(
    st.integers(-10**16, 10**16).map(str), st.integers(0, 999).map(lambda i: f"0{i}"),
    st.sampled_from(["nan", "inf", "-inf", "1e3", "+5", "1_000", "2.5", "-0", "0", "v10",
                     "v9", "a", "B", "١٢", "5%", "15%", "x2y10", "x2y9"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1,
            max_size=4))


@SETTINGS
@given(st.lists(CODE_TEXTS, max_size=60, unique=True))
def test_natural_order_equals_the_sorted_code_sort_key(texts):
    from maatwerk_stats.io.dataset import _natural_order

    expected = sorted(range(len(texts)), key=lambda i: code_sort_key(texts[i]))
    assert list(_natural_order(texts)) == expected


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["1", "2", "10", None]), st.sampled_from(["voor", "na"]),
                          st.sampled_from([1.0, 2.0, math.nan])), max_size=40))
def test_duplicated_of_codes_equals_pandas_duplicated(rows):
    from maatwerk_stats.prepare.ratings import _duplicated

    frame = pd.DataFrame(rows, columns=["r", "g", "p"]).astype({"p": float})
    frame["r"] = pd.Categorical(frame["r"])
    frame["g"] = pd.Categorical(frame["g"], categories=["voor", "na"])
    for key in (["r", "g"], ["r", "g", "p"], ["p"]):
        np.testing.assert_array_equal(_duplicated(frame, key),
                                      frame.duplicated(subset=key, keep=False).to_numpy())


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 30), st.integers(0, 9),
                          st.sampled_from([1.0, 2.0, -0.0, 0.0, 12.5, math.nan])),
                max_size=60), st.booleans())
def test_sort_order_equals_the_stable_sort_of_five_keys(rows, shuffled_rows):
    from maatwerk_stats.prepare.ratings import POSITION, _sort_order

    frame = pd.DataFrame(rows, columns=["_g", "_r", "_v", POSITION], dtype=float).astype(
        {"_g": int, "_r": int, "_v": int})
    frame["_row"] = np.arange(len(frame))[::-1] if shuffled_rows else np.arange(len(frame))
    expected = frame.sort_values(["_g", "_r", "_v", POSITION, "_row"], kind="stable")
    np.testing.assert_array_equal(frame.take(_sort_order(frame)).index, expected.index)
