"""``likert_data`` (the table behind the stacked bar chart of ``compare``) buckets the
distribution table in one pass instead of filtering it with pandas per item and measurement:
the same table, value for value and dtype for dtype, as the code it replaced (kept here
verbatim), on the demo and on random distribution tables (items with more than 11 or non-whole
answers, NaN percentages, a measurement without rows, reverse-keyed items, rows in any order).

Since the bars are centred and coloured on their scale's categories (``likert_data`` gained
``scale_label``, ``answers``, ``neutral`` and ``color``), the old columns are compared where
the old code's centre was already the scale's: every item of the scale lists the same
categories in every measurement (as with a declared range, which lists all of them), whole
and contiguous, or spread wider than 11 (then the answers given). Scales whose items or
measurements list different categories are tested in ``test_figures_compare.py``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maatwerk_stats import compare, load_config
from maatwerk_stats.report.figures.compare import MAX_CATEGORIES, likert_data

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"


def likert_data_before(result):
    """The code before the rewrite, verbatim."""
    dist = result.distribution
    reverse = {item: scale for scale in result.scale_configs for item in scale.reverse}
    rows = []
    item_order = [item for item, part in dist.groupby("item", sort=False)
                  if part["value"].nunique() <= MAX_CATEGORIES
                  and (part["value"] % 1 == 0).all()]
    for item in item_order:
        scale = reverse.get(item)
        for code, label in zip(result.groups, result.group_labels, strict=True):
            part = dist[(dist["item"] == item) & (dist["group"] == code)]
            answers = (part["value"].map(scale.reverse_value) if scale is not None
                       else part["value"])
            part = part.assign(answer=answers).sort_values("answer")
            percents = part["percent"].fillna(0).tolist()
            k = len(percents)
            below = sum(percents[: k // 2])
            start = -(below + (percents[k // 2] / 2 if k % 2 else 0.0))
            n = int(part["n"].sum())
            for (value, answer, value_label, percent, count) in zip(
                    part["value"], part["answer"], part["value_label"], percents, part["n"],
                    strict=True):
                rows.append({"item": item, "label": part["label"].iloc[0],
                             "scale": part["scale"].iloc[0], "group": code,
                             "group_label": label, "n_group": n, "value": float(value),
                             "answer": float(answer), "reversed": scale is not None,
                             "value_label": value_label, "n": int(count), "percent": percent,
                             "left": start, "right": start + percent})
                start += percent
    return pd.DataFrame(rows, columns=["item", "label", "scale", "group", "group_label",
                                       "n_group", "value", "answer", "reversed",
                                       "value_label", "n", "percent", "left", "right"])


BEFORE_COLUMNS = ["item", "label", "scale", "group", "group_label", "n_group", "value", "answer",
                  "reversed", "value_label", "n", "percent", "left", "right"]


@pytest.fixture(scope="module")
def demo():
    return compare(DEMO / "pre.sav", DEMO / "post.sav",
                   config=load_config(ROOT / "configs" / "leeratelier.toml"))


def test_the_demo_table_is_the_same(demo):
    assert any(scale.reverse for scale in demo.scale_configs)  # reverse-keyed items drawn
    data = likert_data(demo)
    pd.testing.assert_frame_equal(data[BEFORE_COLUMNS], likert_data_before(demo),
                                  check_exact=True)
    assert set(data["answers"]) == {"1–5"} and set(data["neutral"]) == {3.0}


# one scale's answers, listed alike for every item and measurement: whole and contiguous
# (up to 13 categories: more than 11 is not a Likert item), spread over more than 11 (the
# answers given are the categories), or not whole
ANSWERS = st.one_of(
    st.tuples(st.integers(0, 6), st.integers(1, 13)).map(
        lambda lk: [float(v) for v in range(lk[0], lk[0] + lk[1])]),
    st.lists(st.integers(0, 24).map(float), min_size=2, max_size=6, unique=True).filter(
        lambda vs: max(vs) - min(vs) + 1 > 11),
    st.lists(st.sampled_from([1.0, 2.0, 2.5, 3.0, float("nan")]), min_size=1,
             max_size=4, unique=True))
PERCENT = st.one_of(st.floats(0, 100), st.just(float("nan")), st.sampled_from([0.0, 12.5]))


@st.composite
def distributions(draw, items_pool, reversed_items):
    rows = []
    answers = draw(ANSWERS)
    for item in draw(st.lists(st.sampled_from(items_pool), min_size=1, max_size=4,
                              unique=True)):
        # a reverse-keyed item (the demo's range 1–5) lists the values of the same answers
        values = [6 - v for v in answers] if item in reversed_items else answers
        for group in draw(st.lists(st.sampled_from(["voor", "na"]), max_size=2,
                                   unique=True)):
            for value in values:
                rows.append({"scale": "s", "item": item, "label": f"Stelling {item}",
                             "group": group, "value": value,
                             "value_label": draw(st.sampled_from(["", "eens", "oneens"])),
                             "n": draw(st.integers(0, 40)), "percent": draw(PERCENT)})
    order = draw(st.permutations(range(len(rows))))
    return pd.DataFrame([rows[i] for i in order],
                        columns=["scale", "item", "label", "group", "value", "value_label",
                                 "n", "percent"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_distribution_tables_give_the_same_table(demo, data):
    reversed_items = [item for scale in demo.scale_configs for item in scale.reverse]
    pool = [*reversed_items[:2], "a_1", "a_2", "b_1"]
    table = data.draw(distributions(pool, reversed_items))
    result = replace(demo, distribution=table)
    pd.testing.assert_frame_equal(likert_data(result)[BEFORE_COLUMNS],
                                  likert_data_before(result),
                                  check_exact=True)
