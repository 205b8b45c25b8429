"""Invariants that must hold for any data (hypothesis)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from maatwerk_stats.config import ScaleConfig, StudyConfig
from maatwerk_stats.io.dataset import Dataset
from maatwerk_stats.prepare.items import score_scales
from maatwerk_stats.report.format import fmt_number
from maatwerk_stats.stats import reliability as rel

ranges = st.sampled_from([(1, 5), (1, 7), (0, 10), (1, 4)])


@given(ranges, st.data())
def test_reverse_coding_twice_is_identity(bounds, data):
    scale = ScaleConfig(name="x", label="x", items=("a",), range=bounds)
    values = data.draw(st.lists(st.integers(*bounds), min_size=1, max_size=30))
    array = np.array(values, dtype=float)
    once = scale.reverse_value(array)
    assert np.array_equal(scale.reverse_value(once), array)
    assert once.min() >= bounds[0] and once.max() <= bounds[1]


@st.composite
def likert_frames(draw):
    bounds = draw(ranges)
    n = draw(st.integers(1, 25))
    k = draw(st.integers(2, 6))
    values = draw(arrays(np.float64, (n, k), elements=st.integers(*bounds).map(float)))
    holes = draw(arrays(np.bool_, (n, k)))
    values[holes] = np.nan
    reverse = draw(st.lists(st.integers(0, k - 1), unique=True, max_size=k))
    min_items = draw(st.integers(1, k))
    return bounds, values, reverse, min_items


# no deadline: a timing bound is not a property (speed is measured in benchmarks/), and a
# loaded CI core took 318 ms for one example
@settings(deadline=None)
@given(likert_frames())
def test_scores_stay_within_the_item_range(case):
    bounds, values, reverse, min_items = case
    items = [f"q{j}" for j in range(values.shape[1])]
    frame = pd.DataFrame(values, columns=items)
    scale = ScaleConfig(name="s", label="S", items=tuple(items),
                        reverse=tuple(items[j] for j in reverse), range=bounds,
                        min_items=min_items)
    data = Dataset(frame=frame, variables={}, path=Path("x.csv"), file_format="csv",
                   sha256="0")
    scores = score_scales(data, StudyConfig(scales={"s": scale})).scores["s"]
    answered = frame.notna().sum(axis=1)
    assert scores.isna().equals(answered < min_items)
    valid = scores.dropna()
    assert ((valid >= bounds[0]) & (valid <= bounds[1])).all()


@st.composite
def complete_item_matrices(draw):
    n = draw(st.integers(4, 40))
    k = draw(st.integers(2, 6))
    x = draw(arrays(np.float64, (n, k), elements=st.integers(1, 5).map(float)))
    return x


@settings(max_examples=60, deadline=None)
@given(complete_item_matrices(), st.randoms(use_true_random=False))
def test_alpha_does_not_depend_on_item_or_row_order(x, random):
    assume(not (x.std(axis=0) == 0).any())
    rows = list(range(x.shape[0]))
    columns = list(range(x.shape[1]))
    random.shuffle(rows)
    random.shuffle(columns)
    shuffled = x[rows][:, columns]
    for statistic in (rel.cronbach_alpha, rel.standardized_alpha, rel.omega_total):
        a, b = statistic(x), statistic(shuffled)
        assert (np.isnan(a) and np.isnan(b)) or abs(a - b) < 1e-9
    np.testing.assert_allclose(rel.item_rest_correlations(shuffled),
                               rel.item_rest_correlations(x)[columns], atol=1e-12)


def test_alpha_is_undefined_when_the_total_score_does_not_vary():
    # found by the property above: every row sums to 15, so var(total) is rounding noise and
    # alpha came out as -7.8e15 one way round and -3.1e16 the other
    rows = np.array([[1, 4, 4, 5, 1], [2, 3, 5, 2, 3], [1, 3, 3, 3, 5]], dtype=float)
    x = rows[[0, 0, 1, 0, 2, 0, 2, 1, 2, 1, 0, 2]]
    assert np.isnan(rel.cronbach_alpha(x)) and np.isnan(rel.cronbach_alpha(x[::-1, ::-1]))
    # two distinct answer patterns: every correlation is ±1, r̄ = −1/(k − 1)
    two = np.array([[5, 2, 1, 5, 4, 4], [3, 5, 2, 4, 5, 2]], dtype=float)[[0, 0, 1, 0]]
    assert np.isnan(rel.standardized_alpha(two))


@given(st.floats(-1e6, 1e6, allow_nan=False), st.integers(0, 4))
def test_dutch_and_english_numbers_say_the_same(value, decimals):
    nl = fmt_number(value, decimals, "nl")
    en = fmt_number(value, decimals, "en")
    assert nl.replace(".", "").replace(",", ".") == en.replace(",", "")
