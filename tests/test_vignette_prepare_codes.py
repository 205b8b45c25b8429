"""``prepare_vignette_data`` on integer codes (issue 9): the respondents' and vignettes'
categories in natural order from the start (``io/dataset.py: natural_code_categories``, whole
numbers counted by ``whole_number_codes``), their codes used as the sort ranks
(``prepare/ratings.py: _ranks``) and the unused ones dropped from a count (``_occurring``),
the positions' ranks (``_value_ranks``), the factor levels that occur (``_distinct``) and the
categories' first appearance (``_first_appearance``) equal the expressions they replace, on
any data (hypothesis): numeric and text ids, missing values, unused categories, unbalanced
data, one-rating respondents, respondents without ratings, any row order."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maatwerk_stats.config.options import vignette_settings
from maatwerk_stats.io.dataset import (
    Dataset,
    code_categories,
    code_ranks,
    natural_code_categories,
    whole_number_codes,
)
from maatwerk_stats.prepare.ratings import (
    _distinct,
    _distinct_ratings,
    _has_rating,
    _natural_order,
    _occurring,
    _ranks,
    _recoded,
    _value_ranks,
    prepare_vignette_data,
)

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

NUMBERS = st.one_of(
    st.lists(st.one_of(st.integers(-3, 40).map(float), st.just(np.nan)), max_size=40),
    st.lists(st.one_of(st.integers(0, 10**6).map(float), st.just(2.5), st.just(-0.0),
                       st.just(np.nan), st.just(2.0**53), st.just(np.inf)), max_size=30),
    st.lists(st.integers(-(2**62), 2**62), max_size=10),
    st.lists(st.integers(-5, 5), max_size=30))


def _array(values: list) -> np.ndarray:
    floats = any(isinstance(v, float) for v in values) or not values
    return np.array(values, dtype=float if floats else np.int64)


@SETTINGS
@given(NUMBERS)
def test_whole_number_codes_are_a_sorted_factorize(values):
    array = _array(values)
    dense = whole_number_codes(array)
    codes, uniques = pd.factorize(array, use_na_sentinel=True)
    if dense is None:
        return
    order = np.argsort(uniques, kind="stable")
    assert np.array_equal(dense[1], uniques[order])
    assert dense[1].dtype == uniques.dtype
    rank = np.empty(len(order) + 1, dtype=np.intp)
    rank[order], rank[-1] = np.arange(len(order)), -1
    assert np.array_equal(dense[0], rank[codes])


def test_whole_number_codes_leave_other_columns_to_factorize():
    for values in ([1.0, 2.5], [0.0, -0.0], [1.0, np.inf], [np.nan], [], [1.0, 1e9]):
        assert whole_number_codes(np.array(values, dtype=float)) is None
    codes, uniques = whole_number_codes(np.array([7.0, np.nan, 3.0, 7.0]))
    assert list(codes) == [1, -1, 0, 1] and list(uniques) == [3.0, 7.0]


TEXTS = st.lists(st.one_of(st.none(), st.integers(0, 30).map(str), st.sampled_from(
    ["a", "B", "v10", "v9", "01", "1", " 1 ", "-2", "x y", "nan", "Ω", "1.0"])), max_size=40)


def _check_natural(values: pd.Series) -> None:
    """natural_code_categories = code_categories with categories sorted by code_ranks."""
    natural = natural_code_categories(values)
    reference = code_categories(values)
    assert natural.index.equals(reference.index)
    assert list(natural.astype(object)) == list(reference.astype(object))
    ranks = code_ranks(reference)
    expected = np.where(reference.cat.codes.to_numpy() < 0, -1, ranks)
    assert np.array_equal(natural.cat.codes.to_numpy(), expected)
    assert natural.cat.categories.dtype == reference.cat.categories.dtype
    assert sorted(natural.cat.categories) == sorted(reference.cat.categories)


@SETTINGS
@given(NUMBERS)
def test_natural_code_categories_of_numbers(values):
    _check_natural(pd.Series(_array(values), index=np.arange(len(values)) * 2))


@SETTINGS
@given(TEXTS, st.booleans())
def test_natural_code_categories_of_texts_and_categoricals(values, categorical):
    series = pd.Series(values, dtype=object)
    if categorical:
        series = series.astype("category")
    _check_natural(series)


@SETTINGS
@given(st.one_of(NUMBERS, TEXTS.map(lambda v: pd.Series(v, dtype=object))), st.data())
def test_ranks_and_occurring_equal_the_text_ranks_and_recoding(values, data):
    values = pd.Series(_array(values)) if isinstance(values, list) else values
    natural = pd.Series(natural_code_categories(values).array, name="_respondent")
    keep = np.array(data.draw(st.lists(st.booleans(), min_size=len(natural),
                                       max_size=len(natural))), dtype=bool)
    permutation = np.array(data.draw(st.permutations(range(int(keep.sum())))), dtype=np.intp)
    natural = natural[keep].iloc[permutation].reset_index(drop=True)
    ranks = _ranks(natural, True)
    assert np.array_equal(np.argsort(ranks, kind="stable"),
                          np.argsort(code_ranks(natural), kind="stable"))
    old = _recoded(natural, _natural_order(natural, pd.Series(ranks)).dropna())
    new = _occurring(natural)
    assert new.dtype == old.dtype
    assert new.categories.dtype == old.categories.dtype
    assert new.categories.name == old.categories.name
    assert list(new.categories) == list(old.categories)
    assert new.codes.dtype == old.codes.dtype and np.array_equal(new.codes, old.codes)


@SETTINGS
@given(st.lists(st.one_of(st.integers(0, 12).map(float), st.just(np.nan), st.just(1.5),
                          st.just(-0.0)), max_size=40))
def test_value_ranks_equal_np_unique(values):
    array = np.array(values, dtype=float)
    uniques, rank = _value_ranks(array)
    expected, inverse = np.unique(array, return_inverse=True)
    assert np.array_equal(uniques, expected, equal_nan=True)
    assert np.array_equal(rank, inverse.ravel())


@SETTINGS
@given(TEXTS, st.integers(0, 70))
def test_distinct_equals_pd_unique(values, extra):
    categories = list(dict.fromkeys(v for v in values if v is not None))
    categorical = pd.Categorical(values, categories=[*categories,
                                                     *(f"u{i}" for i in range(extra))])
    assert sorted(_distinct(categorical), key=repr) == sorted(pd.unique(categorical), key=repr)
    objects = np.array(values, dtype=object)
    assert _distinct(objects) == list(pd.unique(objects))


@SETTINGS
@given(st.lists(st.integers(-1, 80), max_size=60), st.integers(1, 81))
def test_first_appearance_equals_factorize(codes, size):
    """code_categories of a categorical (few or many categories) equals that of its texts."""
    codes = [min(c, size - 1) for c in codes]
    categories = [f"c{i}" for i in range(size)]
    categorical = pd.Series(pd.Categorical.from_codes(codes, categories=categories))
    texts = pd.Series([None if c < 0 else categories[c] for c in codes], dtype=object)
    new, old = code_categories(categorical), code_categories(texts)
    assert list(new.cat.categories) == list(old.cat.categories)
    assert np.array_equal(new.cat.codes, old.cat.codes)


@SETTINGS
@given(TEXTS, st.data())
def test_has_rating_equals_isin_of_the_rated_respondents(values, data):
    series = pd.Series(values, dtype=object)
    rated = np.array(data.draw(st.lists(st.booleans(), min_size=len(values),
                                        max_size=len(values))), dtype=bool)
    expected = series.isin(series[rated].unique()).to_numpy()
    for column in (series, series.astype("category")):
        assert np.array_equal(_has_rating(column, rated), expected)


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from([1.0, 2.0, 0.0, -0.0, 7.5]), st.just(np.nan)),
                max_size=30))
def test_distinct_ratings_say_what_unique_says_of_one_value(values):
    array = np.array(values, dtype=float)
    expected = pd.Series(array).dropna().unique()
    new = _distinct_ratings(array)
    assert (len(new) == 1) == (len(expected) == 1)
    assert (len(new) == 0) == (len(expected) == 0)
    if len(expected) == 1:
        assert new[0] == expected[0] and np.signbit(new[0]) == np.signbit(expected[0])
    assert len(new) <= 2 and set(new.tolist()) <= set(expected.tolist())


# ---- the whole of prepare_vignette_data: numeric ids (counted) and text ids (texts ranked)

ROWS = st.lists(st.tuples(st.integers(1, 15), st.sampled_from(["voor", "na"]),
                          st.integers(1, 4), st.one_of(st.none(), st.integers(1, 7)),
                          st.one_of(st.none(), st.integers(1, 4))), min_size=1, max_size=70)
DECK = {1: ("x", "p"), 2: ("x", "q"), 3: ("y", "p"), 4: ("y", "q")}


def _prepared(frame: pd.DataFrame):
    settings_, explicit = vignette_settings(
        None, id="id", outcome="y", factors=["a", "b"], group="g", group_order=["voor", "na"],
        position="pos", vignette_column="v", wide_columns=None, deck=None,
        outcome_range=None)
    dataset = Dataset(frame=frame, variables={}, path=Path("ratings.csv"), file_format="csv",
                      sha256="0")
    return prepare_vignette_data(dataset, settings_, explicit=explicit)


@SETTINGS
@given(ROWS, st.booleans())
def test_prepare_with_numeric_ids_equals_prepare_with_text_ids(rows, categorical):
    # one rating per (respondent, group, vignette), any order, some missing
    rows = list({(r, g, v): (r, g, v, y, p) for r, g, v, y, p in rows}.values())
    frame = pd.DataFrame({
        "id": [float(r) for r, *_ in rows], "g": [g for _, g, *_ in rows],
        "v": [float(v) for _, _, v, _, _ in rows],
        "pos": [np.nan if p is None else float(p) for *_, p in rows],
        "y": [np.nan if y is None else float(y) for *_, y, _ in rows],
        "a": [DECK[v][0] for _, _, v, _, _ in rows], "b": [DECK[v][1] for _, _, v, _, _ in rows]})
    texts = frame.assign(id=[str(r) for r, *_ in rows], v=[str(v) for _, _, v, _, _ in rows])
    if categorical:
        frame = frame.astype({c: "category" for c in ("g", "a", "b")})
    try:
        reference = _prepared(texts)
    except Exception as error:  # the same refusal (e.g. a factor that never varies)
        with pytest.raises(type(error)) as raised:
            _prepared(frame)
        assert str(raised.value) == str(error)
        return
    data = _prepared(frame)
    pd.testing.assert_frame_equal(data.ratings, reference.ratings, check_exact=True)
    for column in data.ratings.select_dtypes("category"):
        new, old = data.ratings[column].cat, reference.ratings[column].cat
        assert new.categories.name == old.categories.name
        assert new.codes.dtype == old.codes.dtype
    assert data.dropped_respondents == reference.dropped_respondents
    assert data.notes == reference.notes
