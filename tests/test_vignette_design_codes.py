"""The design checks and the reader's text categories on integer codes (issue 9): Cramér's V
of every pair of factors from one joint count (``stats/association.py: cramers_v_of_codes``),
the straight-liners' respondents and the repeated-vignette respondents from counts of codes
(``analyses/vignette_checks.py: _respondents_present``, ``_n_distinct``), and a text column
whose distinct texts need no merging kept with the parser's codes (``io/read.py:
_text_categories``) equal what they replace, on any data (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maatwerk_stats.analyses.vignette_checks import (
    _factor_codes,
    _n_distinct,
    _respondents_present,
)
from maatwerk_stats.io.read import _text_categories
from maatwerk_stats.stats.association import cramers_v, cramers_v_of_codes

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(st.integers(1, 4), min_size=2, max_size=4), st.data())
def test_cramers_v_of_codes_equals_cramers_v_of_each_pair(sizes, data):
    n = data.draw(st.integers(0, 60))
    codes = [np.array(data.draw(st.lists(st.integers(0, size - 1), min_size=n, max_size=n)),
                      dtype=np.int8) for size in sizes]
    columns = [pd.Series(pd.Categorical.from_codes(c, categories=[f"l{k}" for k in range(s)]))
               for c, s in zip(codes, sizes, strict=True)]
    values = cramers_v_of_codes(codes, sizes)
    assert sorted(values) == [(i, j) for i in range(len(sizes)) for j in range(i + 1, len(sizes))]
    for (i, j), value in values.items():
        expected = cramers_v(columns[i], columns[j])
        assert (np.isnan(value) and np.isnan(expected)) or value == expected  # to the bit


def test_the_joint_count_is_used_only_where_its_table_is_small():
    """One joint table of every factor has a cell per combination of levels: eight factors
    of ten levels would be 10**8 cells for 1,000 ratings, so each pair is then counted on its
    own (``cramers_v``, the same values); three factors of three levels take the joint
    count."""
    rng = np.random.default_rng(3)

    def factors(n_factors, levels, n):
        return pd.DataFrame({f"f{k}": pd.Categorical.from_codes(
            rng.integers(0, levels, n), categories=[f"l{i}" for i in range(levels)])
            for k in range(n_factors)})

    small = factors(3, 3, 1000)
    coded = _factor_codes(small, list(small))
    assert coded is not None and coded[1] == [3, 3, 3]
    large = factors(8, 10, 1000)
    assert _factor_codes(large, list(large)) is None
    with_missing = small.assign(f0=pd.Categorical.from_codes(
        np.r_[-1, np.zeros(999, dtype=int)], categories=["l0"]))
    assert _factor_codes(with_missing, list(with_missing)) is None


RESPONDENTS = st.lists(st.one_of(st.none(), st.sampled_from(["1", "2", "10", "a", "b"])),
                       max_size=40)


@SETTINGS
@given(RESPONDENTS, st.data(), st.booleans())
def test_respondents_present_and_distinct_equal_the_pandas_expressions(values, data, extra):
    series = pd.Series(values, dtype=object)
    categorical = series.astype(pd.CategoricalDtype(
        [*dict.fromkeys(v for v in values if v is not None), *(["unused"] if extra else [])]))
    rows = np.array(data.draw(st.lists(st.booleans(), min_size=len(values),
                                       max_size=len(values))), dtype=bool)
    flat = tuple(data.draw(st.lists(st.sampled_from(["1", "2", "10", "a", "b", "unused", "x"]),
                                    max_size=4, unique=True)))
    for mask in (None, rows):
        expected = set((series if mask is None else series[mask]).dropna().unique())
        for column in (series, categorical):
            present = _respondents_present(column, mask, flat)
            assert [r for r in flat if r in present] == [r for r in flat if r in expected]
        assert _n_distinct(categorical, rows) == series[rows].nunique()
    assert _respondents_present(categorical, None, ()) == set()


def old_text_categories(texts: pd.Series, codes: np.ndarray, present: np.ndarray):
    """The replaced code: every row's code looked up and masked."""
    text_codes, categories = pd.factorize(texts.to_numpy(dtype=object), use_na_sentinel=True)
    lookup = np.append(text_codes, -1)
    return pd.Categorical.from_codes(np.where(present, lookup[codes], -1),
                                     categories=pd.Index(categories, dtype=object))


@SETTINGS
@given(st.lists(st.one_of(st.none(), st.sampled_from(["ja", "nee", " ja", "x", "y"])),
                min_size=1, max_size=6, unique=True), st.data())
def test_text_categories_equal_the_lookup_of_every_code(distinct, data):
    texts = pd.Series(distinct, dtype=object).str.strip()
    n = data.draw(st.integers(0, 40))
    codes = np.array(data.draw(st.lists(st.integers(-1, len(distinct) - 1), min_size=n,
                                        max_size=n)), dtype=np.int8)
    kept = texts.notna().to_numpy()
    present = (codes >= 0) if kept.all() else kept[codes] & (codes >= 0)
    new, old = _text_categories(texts, codes, present), old_text_categories(texts, codes,
                                                                              present)
    assert list(new.categories) == list(old.categories)
    assert new.categories.dtype == old.categories.dtype
    assert new.codes.dtype == old.codes.dtype and np.array_equal(new.codes, old.codes)
