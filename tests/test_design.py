"""``design``: D-efficiency against R, the full factorial, the Fedorov optimum against an
exhaustive search in R, balanced sets, reproducibility, vignette texts, estimability."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maatwerk_stats.analyses.design import design, template_slots
from maatwerk_stats.config.model import FactorConfig
from maatwerk_stats.errors import ConfigError, DataError, OptionError
from maatwerk_stats.stats import design as numerics

REFERENCE = Path(__file__).resolve().parent / "reference"


def factors(*n_levels: int, **extra) -> dict[str, FactorConfig]:
    out = {}
    for f, k in enumerate(n_levels):
        name = "abcdefgh"[f]
        levels = tuple(f"{name}{i}" for i in range(k))
        out[name] = FactorConfig(name=name, label=name.upper(), levels=levels,
                                 reference=levels[0], column=name, **extra.get(name, {}))
    return out


# ---- the numbers, against tests/reference/design.R --------------------------------------------


def reference_designs():
    runs = pd.read_csv(REFERENCE / "design_runs.csv")
    values = pd.read_csv(REFERENCE / "design_efficiency.csv")
    for row in values.itertuples(index=False):
        levels = [int(v) for v in row.levels.split("x")]
        cols = [f"f{i + 1}" for i in range(len(levels))]
        design_runs = runs.loc[runs["design"] == row.design, cols].to_numpy(int)
        yield row, levels, design_runs


@pytest.mark.parametrize("case", list(reference_designs()), ids=lambda c: c[0].design)
def test_d_efficiency_and_correlation_match_r(case):
    row, levels, runs = case
    assert len(runs) == row.n_runs
    x = numerics.model_matrix(runs, levels)
    assert numerics.d_efficiency(x) == pytest.approx(row.d_efficiency, abs=1e-12)
    assert numerics.max_abs_correlation(runs, levels) == pytest.approx(
        row.max_abs_correlation, abs=1e-12)


def test_the_worked_example_of_the_docstring():
    # two binary factors, runs (−,−), (+,−), (−,+): det X'X = 16, D = 16^(1/3)/3
    x = numerics.model_matrix(np.array([[0, 0], [1, 0], [0, 1]]), [2, 2])
    assert np.linalg.det(x.T @ x) == pytest.approx(16)
    assert numerics.d_efficiency(x) == pytest.approx(16 ** (1 / 3) / 3, rel=1e-14)


@pytest.mark.parametrize("k", [2, 3, 4, 5])
def test_contrasts_are_orthonormal_with_mean_square_one(k):
    c = numerics.contrasts(k)
    assert c.shape == (k, k - 1)
    np.testing.assert_allclose(c.sum(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(c.T @ c, k * np.eye(k - 1), atol=1e-12)


@pytest.mark.parametrize("row", list(pd.read_csv(REFERENCE / "design_optimum.csv").itertuples(
    index=False)), ids=lambda r: f"{r.levels}_{r.n_runs}")
def test_fedorov_reaches_the_exhaustive_optimum(row):
    levels = [int(v) for v in row.levels.split("x")]
    candidates = numerics.model_matrix(numerics.full_factorial(levels), levels)
    chosen = numerics.fedorov(candidates, row.n_runs, np.random.default_rng(5))
    assert len(set(chosen.tolist())) == row.n_runs
    assert numerics.d_efficiency(candidates[chosen]) == pytest.approx(
        row.best_d_efficiency, abs=1e-9)


# ---- the deck ---------------------------------------------------------------------------------


def test_the_full_factorial_when_it_fits():
    result = design(factors(2, 2, 2))
    deck = result.deck
    assert list(deck.columns) == ["vignette", "a", "b", "c"]
    assert len(deck) == 8 and not deck[["a", "b", "c"]].duplicated().any()
    eff = result.efficiency.iloc[0]
    assert bool(eff["full_factorial"]) and eff["n_sets"] == 1
    assert eff["d_efficiency"] == pytest.approx(1)
    assert eff["max_abs_correlation"] == pytest.approx(0, abs=1e-12)
    assert eff["aliased"] == ""
    # the Leeratelier: 8 + a repeat of the first shown
    repeated = design(factors(2, 2, 2), repeat=True)
    assert len(repeated.deck) == 9
    sets = repeated.sets
    assert sets["position"].tolist() == list(range(1, 10))
    first, last = sets["vignette"].iloc[0], sets["vignette"].iloc[-1]
    assert last == 9
    row = repeated.deck.set_index("vignette")
    assert row.loc[first].tolist() == row.loc[last].tolist()


def test_a_half_fraction_aliases_every_two_way_interaction():
    # by default 2^3 with 4 per respondent is the full factorial in 2 sets; one set: a fraction
    assert design(factors(2, 2, 2), vignettes_per_respondent=4).efficiency.iloc[0][
        "n_sets"] == 2
    result = design(factors(2, 2, 2), vignettes_per_respondent=4, sets=1)
    eff = result.efficiency.iloc[0]
    assert eff["n_vignettes"] == 4 and not eff["full_factorial"]
    assert eff["d_efficiency"] == pytest.approx(1)  # the resolution III half fraction
    assert eff["aliased"] == "a:b; a:c; b:c"
    # a resolution V half fraction of 2^5 aliases no two-way interaction
    five = design(factors(2, 2, 2, 2, 2), vignettes_per_respondent=16,
                  sets=1).efficiency.iloc[0]
    assert five["d_efficiency"] == pytest.approx(1) and five["aliased"] == ""


@pytest.mark.parametrize(("levels", "k", "sets"), [
    ((2, 2, 2), 4, 2), ((3, 3, 2), 6, 3), ((2, 2, 2, 2), 4, 4), ((3, 2, 2), 4, 3),
    ((4, 3, 2), 8, 3), ((3, 3, 3, 2), 9, 4)])
def test_every_set_is_balanced_and_main_effects_are_not_confounded(levels, k, sets):
    result = design(factors(*levels), vignettes_per_respondent=k, sets=sets, seed=7)
    deck = result.deck.set_index("vignette")
    table = result.sets
    assert table.groupby("set").size().tolist() == [k] * sets
    assert table["vignette"].is_unique
    for _, members in table.groupby("set"):
        shown = deck.loc[members["vignette"]]
        for name, n in zip("abcd", levels, strict=False):
            counts = shown[name].value_counts().reindex(
                [f"{name}{i}" for i in range(n)], fill_value=0)
            assert counts.max() - counts.min() <= 1, (name, counts.tolist())
    eff = result.efficiency.iloc[0]
    assert bool(eff["balanced"])
    assert eff["set_efficiency"] > 0.8


def test_a_full_factorial_in_sets_confounds_only_the_highest_interaction():
    # 2^3 in 2 sets of 4: each set a half fraction, main effects orthogonal to sets
    eff = design(factors(2, 2, 2), vignettes_per_respondent=4, sets=2).efficiency.iloc[0]
    assert eff["set_efficiency"] == pytest.approx(1)
    assert eff["d_efficiency"] == pytest.approx(1)


@settings(max_examples=25, deadline=None)
@given(levels=st.lists(st.integers(2, 3), min_size=2, max_size=4),
       seed=st.integers(0, 10_000), data=st.data())
def test_any_design_has_distinct_vignettes_equal_sets_and_is_seeded(levels, seed, data):
    full = int(np.prod(levels))
    p = 1 + sum(k - 1 for k in levels)
    k = data.draw(st.integers(max(2, p), full))
    result = design(factors(*levels), vignettes_per_respondent=k, seed=seed)
    n_sets = max(1, full // k)
    assert len(result.deck) == k * n_sets
    assert not result.deck.drop(columns="vignette").duplicated().any()
    assert result.sets.groupby("set").size().tolist() == [k] * n_sets
    again = design(factors(*levels), vignettes_per_respondent=k, seed=seed)
    for name, table in result.tables().items():
        pd.testing.assert_frame_equal(table, again.tables()[name])


def test_the_order_per_respondent_is_random_and_keeps_the_repeat_last():
    result = design(factors(3, 3, 2), vignettes_per_respondent=6, sets=3, repeat=True,
                    respondents=12, seed=3)
    order = result.order
    assert len(order) == 12 * 7
    assert order.groupby("respondent")["set"].first().tolist() == [1, 2, 3] * 4
    sets = result.sets
    orders = set()
    for (_, s), rows in order.groupby(["respondent", "set"]):
        own = sets.loc[sets["set"] == s, "vignette"].tolist()
        assert sorted(rows["vignette"]) == sorted(own)
        assert rows["vignette"].iloc[-1] == own[-1]  # the repeat
        orders.add(tuple(rows["vignette"]))
    assert len(orders) > 3  # not the same order for everyone of a set


# ---- texts ------------------------------------------------------------------------------------


def test_texts_fill_every_slot_from_texts_or_level_labels():
    fs = factors(2, 2, a={"slot": "informatie over a", "texts": ("laag.", "hoog.")},
                 b={"level_labels": ("B nee", "B ja")})
    template = "Begin [informatie over a] midden [b] eind"
    result = design(fs, template=template, seed=2)
    texts = result.texts.set_index("vignette")["text"]
    deck = result.deck.set_index("vignette")
    for vignette, text in texts.items():
        a = "laag." if deck.loc[vignette, "a"] == "a0" else "hoog."
        b = "B nee" if deck.loc[vignette, "b"] == "b0" else "B ja"
        assert text == f"Begin {a} midden {b} eind"
    assert list(result.texts.columns) == ["set", "position", "vignette", "text"]


def test_a_template_slot_without_factor_and_a_factor_without_slot_are_named():
    with pytest.raises(ConfigError) as error:
        template_slots("Tekst [reputatie] en [a]", factors(2, 2))
    message = str(error.value)
    assert "'reputatie'" in message and "no slot for 'b'" in message


# ---- what cannot be designed ------------------------------------------------------------------


def test_more_parameters_than_vignettes_is_refused():
    with pytest.raises(DataError, match="need 7 parameters"):
        design(factors(3, 3, 3), vignettes_per_respondent=3, sets=2)


def test_a_factor_confounded_with_sets_is_named():
    with pytest.raises(DataError, match="confounded with the sets"):
        design(factors(2, 2, 2, 2, 2), vignettes_per_respondent=2, sets=4)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"vignettes_per_respondent": 1}, "at least 2"),
    ({"vignettes_per_respondent": 9}, "more than the 8 distinct"),
    ({"vignettes_per_respondent": 4, "sets": 3}, "allow only 8"),
    ({"sets": 0}, "at least 1 set"),
    ({"respondents": 0}, "at least 1 respondent")])
def test_impossible_sizes(kwargs, match):
    with pytest.raises(OptionError, match=match):
        design(factors(2, 2, 2), **kwargs)


def test_no_factors():
    with pytest.raises(ConfigError, match=r"no \[vignette.factors\]"):
        design({})
