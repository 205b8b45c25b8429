"""Subscales: parts of a scale, scored, reported and compared as scales of their own, shown
under their scale; the Holm family chosen with ``adjust_family``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maatwerk_stats.api import compare, reliability, score_scales
from maatwerk_stats.config.load import parse_config
from maatwerk_stats.errors import ConfigError
from maatwerk_stats.stats import twosample as ts

RAW = {"scales": {"norm": {
    "label": "Subjectieve norm", "items": ["n_1", "n_2", "n_3", "n_4"], "range": [1, 5],
    "reverse": ["n_4"],
    "subscales": {"injunctief": {"label": "Injunctieve norm", "items": ["n_1", "n_2"]},
                  "descriptief": {"label": "Descriptieve norm", "items": ["n_3", "n_4"]}}},
    "houding": {"items": ["h_1", "h_2", "h_3"], "range": [1, 5]}}}


def test_subscales_follow_their_scale_and_inherit_its_settings():
    config = parse_config(RAW)
    assert list(config.scales) == ["norm", "injunctief", "descriptief", "houding"]
    assert config.scales["norm"].subscales == ("injunctief", "descriptief")
    sub = config.scales["descriptief"]
    assert (sub.parent, sub.items, sub.reverse, sub.range) == ("norm", ("n_3", "n_4"),
                                                               ("n_4",), (1.0, 5.0))


@pytest.mark.parametrize(("change", "message"), [
    ({"injunctief": {"items": ["n_1", "n_9"]}},
     "scales.norm.subscales.injunctief.items names 'n_9', which is not an item of scales.norm"),
    ({"injunctief": {"items": ["n_1", "n_2"]}, "descriptief": {"items": ["n_2", "n_3"]}},
     "item 'n_2' is in two subscales of scales.norm (injunctief and descriptief)"),
    ({"houding": {"items": ["n_1"]}}, "has the name of scales.houding"),
])
def test_bad_subscales_are_refused(change, message):
    raw = {"scales": {**RAW["scales"], "norm": {**RAW["scales"]["norm"], "subscales": change}}}
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_config(raw)


def _data(rng: np.random.Generator, n: int) -> pd.DataFrame:
    columns = ["n_1", "n_2", "n_3", "n_4", "h_1", "h_2", "h_3"]
    return pd.DataFrame(rng.integers(1, 6, size=(n, len(columns))), columns=columns)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(3, 40))
def test_subscale_scores_average_to_the_total(seed, n, tmp_path_factory):
    """Disjoint subscales of equal size, every item answered: the total is the mean of the
    subscale scores."""
    path = tmp_path_factory.mktemp("s") / "d.csv"
    _data(np.random.default_rng(seed), n).to_csv(path, index=False)
    scores = score_scales(path, parse_config(RAW)).scores
    np.testing.assert_allclose(scores["norm"], (scores["injunctief"] + scores["descriptief"]) / 2,
                               rtol=1e-12)


def test_reliability_and_compare_rows_name_their_scale(tmp_path):
    rng = np.random.default_rng(7)
    frames = []
    for code in ("voor", "na"):
        frame = _data(rng, 30)
        frame["meting"], frame["id"] = code, range(30)
        frames.append(frame)
    path = tmp_path / "d.csv"
    pd.concat(frames).to_csv(path, index=False)
    config = parse_config(RAW)
    rel = reliability(score_scales(path, config)).reliability.set_index("scale")
    assert rel.loc["injunctief", "parent"] == "norm" and pd.isna(rel.loc["norm", "parent"])
    by_table = compare(path, config=config, group="meting", paired=True, id_column="id")
    scales = by_table.scales.set_index("variable")
    assert list(scales.index) == ["norm", "injunctief", "descriptief", "houding"]
    assert scales.loc["descriptief", "scale"] == "norm"
    np.testing.assert_allclose(scales["p_adjusted"], ts.adjust_p(scales["p_value"].tolist()))
    by_scale = compare(path, config=config, group="meting", paired=True, id_column="id",
                       adjust_family="scale").scales.set_index("variable")
    totals, subs = ["norm", "houding"], ["injunctief", "descriptief"]
    np.testing.assert_allclose(by_scale.loc[totals, "p_adjusted"],
                               ts.adjust_p(by_scale.loc[totals, "p_value"].tolist()))
    np.testing.assert_allclose(by_scale.loc[subs, "p_adjusted"],
                               ts.adjust_p(by_scale.loc[subs, "p_value"].tolist()))
