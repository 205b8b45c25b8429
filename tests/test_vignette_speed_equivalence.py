"""The `vignette` hot paths rewritten for speed (issue 9, 100,000 × 9 ratings) give exactly the
numbers of the pandas/numpy code they replaced, on random data (hypothesis): unbalanced
designs, missing ratings, one-rating respondents, respondents out of block order."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maatwerk_stats.analyses.vignette import model_matrix, straightliners
from maatwerk_stats.config import FactorConfig
from maatwerk_stats.prepare.ratings import GROUP, RATING, RESPONDENT
from maatwerk_stats.stats.cluster import fit_cluster_ols
from maatwerk_stats.stats.mixed import fit_random_intercept
from maatwerk_stats.stats.ols import full_rank

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

FACTORS = (FactorConfig(name="a", label="A", levels=("x", "y"), reference="x", column="a"),
           FactorConfig(name="b", label="B", levels=("p", "q", "r"), reference="q", column="b"))

# one rating: respondent (0..11), rating (1..5 or missing), group, levels of a and b
RATING_ROWS = st.lists(st.tuples(st.integers(0, 11), st.one_of(st.none(), st.integers(1, 5)),
                                 st.sampled_from(["voor", "na"]), st.sampled_from(["x", "y"]),
                                 st.sampled_from(["p", "q", "r"])), min_size=1, max_size=90)


def ratings_frame(rows: list[tuple], categorical: bool = True) -> pd.DataFrame:
    respondents = [f"r{r}" for r, *_ in rows]
    frame = pd.DataFrame({
        RESPONDENT: respondents,
        RATING: [np.nan if v is None else float(v) for _, v, *_ in rows],
        GROUP: [g for *_, g, _, _ in rows],
        "a": [a for *_, a, _ in rows], "b": [b for *_, b in rows]})
    if categorical:
        frame = frame.assign(**{
            RESPONDENT: pd.Categorical(respondents,
                                       categories=[*sorted(set(respondents)), "unused"]),
            GROUP: pd.Categorical(frame[GROUP], categories=["voor", "na"]),
            "a": pd.Categorical(frame["a"], categories=["x", "y"]),
            "b": pd.Categorical(frame["b"], categories=["p", "q", "r"])})
    return frame


def old_straightliners(frame: pd.DataFrame) -> tuple[str, ...]:
    """The replaced pandas code."""
    rated = frame[frame[RATING].notna()]
    spread = rated.groupby(RESPONDENT, sort=False)[RATING].agg(["min", "max", "count"])
    flat = spread[(spread["count"] >= 2) & (spread["min"] == spread["max"])]
    return tuple(flat.index)


@SETTINGS
@given(RATING_ROWS, st.booleans(), st.booleans())
def test_straightliners_equal_the_groupby_computation(rows, categorical, blocks):
    if blocks:  # as prepare_vignette_data sorts them: each respondent's ratings together
        rows = sorted(rows, key=lambda r: r[0])
    frame = ratings_frame(rows, categorical)
    assert straightliners(frame) == old_straightliners(frame)


def test_straightliners_found_and_not_found():
    rows = [(1, 3, "voor", "x", "p"), (1, 3, "voor", "y", "q"), (2, 4, "na", "x", "p"),
            (0, 2, "voor", "x", "p"), (0, 5, "voor", "y", "r"), (3, None, "na", "x", "p"),
            (3, 1, "na", "y", "q"), (4, 5, "na", "x", "r"), (1, None, "voor", "x", "r"),
            (4, 5, "na", "y", "p")]
    # r1: 3, 3 (and a missing one); r2: one rating; r0: 2 and 5; r3: one rated; r4: 5, 5
    assert straightliners(ratings_frame(rows)) == ("r1", "r4")
    assert straightliners(ratings_frame([(0, None, "voor", "x", "p")])) == ()


def old_model_matrix_x(frame: pd.DataFrame, groups: tuple[str, ...] | None,
                       covariates: tuple[str, ...] = ()) -> np.ndarray:
    """The replaced construction: one float indicator per column (``(values == level)``
    as floats, products of floats for the interactions)."""
    def dummy(column: str, level: str) -> np.ndarray:
        return (frame[column].astype(object).to_numpy() == level).astype(float)

    blocks = [np.ones(len(frame))]
    for g in (groups or ())[1:]:
        blocks.append(dummy(GROUP, g))
    effects = [dummy(f.name, lv) for f in FACTORS for lv in f.levels if lv != f.reference]
    blocks += effects
    for g in (groups or ())[1:]:
        blocks += [d * dummy(GROUP, g) for d in effects]
    blocks += [frame[c].to_numpy(float) for c in covariates]
    return np.column_stack(blocks)


def design_rows(draw_rows: list[tuple]) -> pd.DataFrame:
    """Rated rows in which every factor level occurs in every group (a full-rank design)."""
    base = [(100 + i % 5, 3 + i % 2, g, a, b) for i, (g, a, b) in enumerate(
        (g, a, b) for g in ("voor", "na") for a in ("x", "y") for b in ("p", "q", "r"))]
    frame = ratings_frame(base + [r for r in draw_rows if r[1] is not None])
    rng = np.random.default_rng(len(draw_rows))
    return frame.assign(position=rng.integers(1, 10, len(frame)).astype(float))


@SETTINGS
@given(RATING_ROWS, st.booleans(), st.booleans())
def test_model_matrix_equals_the_float_indicator_construction(rows, with_groups, covariate):
    frame = design_rows(rows)
    groups = ("voor", "na") if with_groups else None
    covariates = ("position",) if covariate else ()
    matrix = model_matrix(frame, FACTORS, groups, covariates=list(covariates))
    expected = old_model_matrix_x(frame, groups, covariates)
    np.testing.assert_array_equal(matrix.x, expected)
    assert matrix.x.flags.f_contiguous
    np.testing.assert_array_equal(matrix.xtx, matrix.x.T @ matrix.x)  # the very same product
    assert full_rank(matrix.x, xtx=matrix.xtx) == full_rank(matrix.x)


@SETTINGS
@given(RATING_ROWS, st.sampled_from(["cr1", "cr2"]))
def test_fits_given_the_cross_product_equal_the_fits_without(rows, kind):
    frame = design_rows(rows)
    matrix = model_matrix(frame, FACTORS, ("voor", "na"))
    y = frame[RATING].to_numpy(float) + np.arange(len(frame)) % 3  # some within variance
    groups = pd.factorize(frame[RESPONDENT])[0]
    given_xtx, plain = (fit_cluster_ols(y, matrix.x, groups, kind, xtx=matrix.xtx),
                        fit_cluster_ols(y, matrix.x, groups, kind))
    np.testing.assert_array_equal(given_xtx.coef, plain.coef)
    np.testing.assert_array_equal(given_xtx.vcov, plain.vcov)
    with np.errstate(all="ignore"):
        given_xtx, plain = (fit_random_intercept(y, matrix.x, groups, xtx=matrix.xtx),
                            fit_random_intercept(y, matrix.x, groups))
    np.testing.assert_array_equal(given_xtx.coef, plain.coef)
    np.testing.assert_array_equal(given_xtx.vcov, plain.vcov)
    np.testing.assert_array_equal(given_xtx.vcov_varpar, plain.vcov_varpar)
    assert (given_xtx.theta, given_xtx.sigma) == (plain.theta, plain.sigma) or (
        np.isnan(plain.theta) and np.isnan(given_xtx.theta))


CELLS = st.lists(st.one_of(st.none(), st.sampled_from(["1", " 1", "1.0", "a", "B ", "", "10",
                                                        "b", " a"])), min_size=1, max_size=60)


@SETTINGS
@given(CELLS, st.booleans())
def test_code_categories_of_a_categorical_equal_those_of_its_texts(cells, extra_category):
    """A reader may hand text columns over as categoricals: code_categories then maps the
    categories only, with the same codes and categories (first appearance) as for the text."""
    from maatwerk_stats.io.dataset import code_categories

    present = sorted({c for c in cells if c is not None}, reverse=True)  # not appearance order
    categories = [*present, "unused"] if extra_category else present
    categorical = pd.Series(pd.Categorical(cells, categories=categories))
    expected = code_categories(pd.Series(cells, dtype=object))
    result = code_categories(categorical)
    assert list(result.cat.categories) == list(expected.cat.categories)
    np.testing.assert_array_equal(result.cat.codes.to_numpy(), expected.cat.codes.to_numpy())


@pytest.mark.parametrize("values", [[3.0, 1.0, np.nan, 3.0, 10.0], [2, 1, 2], [1.5, 0.0, -0.0]])
def test_code_categories_of_a_numeric_categorical_equal_those_of_its_numbers(values):
    from maatwerk_stats.io.dataset import code_categories

    expected = code_categories(pd.Series(values))
    result = code_categories(pd.Series(values).astype("category"))
    assert list(result.cat.categories) == list(expected.cat.categories)
    np.testing.assert_array_equal(result.cat.codes.to_numpy(), expected.cat.codes.to_numpy())


VIGNETTE_IDS = st.lists(st.one_of(st.none(), st.sampled_from(["1", "2", "3", "4"])),
                        min_size=1, max_size=50)


@SETTINGS
@given(VIGNETTE_IDS, st.data())
def test_deck_clash_equals_the_text_comparison(vignettes, data):
    """The deck check on codes flags the ratings the replaced text comparison flagged: a
    vignette not in the deck, a deck level missing or unknown to the data, a missing value."""
    from maatwerk_stats.prepare.ratings import _deck_clash

    values = data.draw(st.lists(st.one_of(st.none(), st.sampled_from(["x", "y", "z"])),
                                min_size=len(vignettes), max_size=len(vignettes)))
    deck_ids = data.draw(st.lists(st.sampled_from(["1", "2", "3", "5"]), unique=True))
    levels = data.draw(st.lists(st.one_of(st.none(), st.sampled_from(["x", "y", "w"])),
                                min_size=len(deck_ids), max_size=len(deck_ids)))
    deck = pd.Series(levels, index=pd.Index(deck_ids, dtype=object), dtype=object)
    v = pd.Series(pd.Categorical(vignettes, categories=["4", "3", "2", "1", "9"]))
    x = pd.Categorical(values, categories=["y", "x", "z"])
    expected = v.isin(deck.index).to_numpy() & (v.map(deck).to_numpy() != x)
    np.testing.assert_array_equal(_deck_clash(v.array, x, deck), expected)


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 7), st.floats(-5, 5), st.floats(-5, 5)), min_size=1,
                max_size=60), st.booleans())
def test_scaled_cluster_sums_equal_the_sums_of_the_scaled_copy(rows, fortran):
    """The clustered scores without the n × p copy ``x * resid[:, None]``: the same bits."""
    from maatwerk_stats.stats.cluster import _cluster_sums

    groups = np.unique([g for g, _, _ in rows], return_inverse=True)[1]
    x = np.array([[1.0, a, a * b] for _, a, b in rows], order="F" if fortran else "C")
    scale = np.array([b - a for _, a, b in rows])
    n = int(groups.max()) + 1
    np.testing.assert_array_equal(_cluster_sums(x, groups, n, scale=scale),
                                  _cluster_sums(x * scale[:, None], groups, n))
