"""The respondents' and vignettes' natural order in ``prepare_vignette_data``
(``prepare/ratings.py: _natural_order``, ``_recoded``), computed from a categorical's codes,
equals the pandas expressions it replaces on any categorical: numeric and text codes, unused
categories (respondents left out), missing values, any row order."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from maatwerk_stats.io.dataset import code_ranks
from maatwerk_stats.prepare.ratings import _natural_order, _recoded

CODES = st.lists(st.one_of(st.integers(0, 30).map(str), st.sampled_from(
    ["a", "B", "v10", "v9", "01", "1", "-2", "x y", "nan", "Ω"])), min_size=1, max_size=12,
    unique=True)


def old_natural_order(values: pd.Series, ranks: pd.Series) -> pd.Series:
    frame = pd.DataFrame({"value": values, "rank": ranks})
    return pd.Series(list(frame.drop_duplicates("rank")[["rank", "value"]]
                          .sort_values("rank")["value"]), name=values.name)


def old_categorical(values: pd.Series, order: pd.Series) -> pd.Categorical:
    return pd.Categorical(values.cat.remove_unused_categories(), categories=order.dropna())


@settings(max_examples=150, deadline=None)
@given(CODES, st.data())
def test_natural_order_from_codes_equals_the_pandas_expressions(categories, data):
    n = data.draw(st.integers(0, 40))
    codes = np.array(data.draw(st.lists(st.integers(-1, len(categories) - 1), min_size=n,
                                        max_size=n)), dtype=np.int8)
    values = pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(
        categories, dtype=object)), name="_respondent")
    ranks = pd.Series(code_ranks(values))
    # rows in any order (as after the sort), some respondents left out (unused categories)
    keep = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
    permutation = np.array(data.draw(st.permutations(range(int(keep.sum())))), dtype=np.intp)
    values = values[keep].iloc[permutation].reset_index(drop=True)
    ranks = ranks[keep].iloc[permutation].reset_index(drop=True)

    order = _natural_order(values, ranks)
    expected = old_natural_order(values, ranks)
    pd.testing.assert_series_equal(order, expected, check_exact=True)
    assert [type(v) for v in order] == [type(v) for v in expected]
    recoded = _recoded(values, order.dropna())
    old = old_categorical(values, expected)
    assert recoded.dtype == old.dtype
    assert list(recoded.categories) == list(old.categories)
    assert recoded.categories.dtype == old.categories.dtype
    assert recoded.codes.dtype == old.codes.dtype
    assert np.array_equal(recoded.codes, old.codes)


def test_natural_order_of_object_values_is_the_pandas_expression():
    values = pd.Series(["3", None, "10", "3", "a"], name="_vignette", dtype=object)
    ranks = pd.Series(code_ranks(values))
    pd.testing.assert_series_equal(_natural_order(values, ranks),
                                   old_natural_order(values, ranks), check_exact=True)
