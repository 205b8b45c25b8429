"""The factsheet's vignette models leave a group below min_cell out (publish/vignette_groups.py):
what is published of the other groups equals a run on the other groups alone."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from maatwerk_stats import vignette
from maatwerk_stats.config.model import StudyConfig
from maatwerk_stats.config.options import vignette_settings
from maatwerk_stats.io.dataset import Dataset
from maatwerk_stats.prepare.ratings import prepare_vignette_data
from maatwerk_stats.publish.privacy import SUPPRESSED, protect_vignette
from maatwerk_stats.publish.vignette_groups import analyse_published

OPTIONS = {"id": "resp", "outcome": "oordeel", "factors": ["leeftijd", "urgentie"],
           "group": "ronde", "position": "positie"}
ESTIMATES = ["estimate", "std_error", "statistic", "df", "p_value", "conf_low", "conf_high"]


def generated(sizes: dict[str, int], seed: int = 11) -> pd.DataFrame:
    """Long data: every respondent rates the 6 vignettes (2 × 3 levels) in a random order;
    a random intercept per respondent and effects that differ per group."""
    rng = np.random.default_rng(seed)
    deck = list(itertools.product(["jong", "oud"], ["hoog", "laag", "midden"]))
    rows = []
    for g, (group, n) in enumerate(sizes.items()):
        for r in range(n):
            intercept = 5 + rng.normal(0, 0.8)
            for position, v in enumerate(rng.permutation(len(deck)), start=1):
                age, urgency = deck[v]
                mean = (intercept + (0.3 + 0.4 * g) * (age == "oud")
                        - {"hoog": 0, "laag": 1.0, "midden": 0.4}[urgency])
                rows.append({"resp": f"{group}{r:02d}", "ronde": group, "positie": position,
                             "leeftijd": age, "urgentie": urgency,
                             "oordeel": round(mean + rng.normal(0, 1), 1)})
    return pd.DataFrame(rows)


def published(frame: pd.DataFrame, min_cell: int = 5, **options: object):
    settings, _ = vignette_settings(StudyConfig(), **{**OPTIONS, **options})
    dataset = Dataset(frame=frame, variables={}, path=Path("gen.csv"),
                      file_format="csv", sha256="")
    data = prepare_vignette_data(dataset, settings)
    return protect_vignette(analyse_published(data, settings.influence, min_cell), min_cell)[0]


def rows(table: pd.DataFrame, groups: set[str]) -> pd.DataFrame:
    return table[table["group"].isin(groups)].reset_index(drop=True)


def test_published_groups_equal_a_run_without_the_small_group():
    frame = generated({"voor": 12, "tussen": 10, "na": 3})
    order = ["voor", "tussen", "na"]
    result = published(frame, group_order=order)
    alone = vignette(frame[frame["ronde"] != "na"], **OPTIONS, group_order=order[:2])
    kept = {"voor", "tussen"}
    for name in ("coefficients", "marginal_means"):
        pd.testing.assert_frame_equal(rows(getattr(result, name), kept)[ESTIMATES[:2]],
                                      rows(getattr(alone, name), kept)[ESTIMATES[:2]])
    fit = ["var_respondent", "var_residual", "icc", "reml_deviance", "n_parameters"]
    pd.testing.assert_frame_equal(rows(result.fit, kept)[fit], rows(alone.fit, kept)[fit],
                                  check_dtype=False)  # n_parameters: float beside na's NaN
    pd.testing.assert_frame_equal(rows(result.interactions, {"tussen"})[ESTIMATES],
                                  rows(alone.interactions, {"tussen"})[ESTIMATES])
    pd.testing.assert_frame_equal(rows(result.influence, kept)[["estimate", "label"]],
                                  rows(alone.influence, kept)[["estimate", "label"]],
                                  check_dtype=False)  # label: object once protected
    position = result.design[result.design["check"] == "position_effect"]["value"]
    assert position.tolist() == alone.design[alone.design["check"] == "position_effect"][
        "value"].tolist()
    # the small group keeps its rows and counts, without estimates
    na = rows(result.fit, {"na"})
    assert (na["n_respondents"] == 3).all() and (na["n_ratings"] == 18).all()
    assert na["var_residual"].isna().all()
    assert rows(result.coefficients, {"na"})["estimate"].isna().all()
    assert (rows(result.marginal_means, {"na"})["n_ratings"] > 0).all()
    na_interactions = rows(result.interactions, {"na"})
    assert na_interactions["estimate"].isna().all()
    assert (na_interactions["note"] == SUPPRESSED.format(min_cell=5)).all()
    note = next(n for n in result.notes if n.kind == "vignette_groups_left_out")
    assert note.values == {"groups": ["na"], "min_cell": 5}
    assert "left out of the vignette models" in note.text()


def test_two_groups_one_small_equals_the_other_group_alone():
    frame = generated({"voor": 14, "na": 3}, seed=5)
    result = published(frame)
    alone = vignette(frame[frame["ronde"] == "voor"], **{**OPTIONS, "group": None})
    mine = rows(result.coefficients, {"voor"})
    theirs = alone.coefficients  # one group: the model without groups (rows "all")
    np.testing.assert_allclose(mine[ESTIMATES].to_numpy(float),
                               theirs[ESTIMATES].to_numpy(float), rtol=1e-9)
    assert rows(result.coefficients, {"all"})["estimate"].isna().all()


def test_without_a_small_group_one_fit_as_before():
    frame = generated({"voor": 8, "na": 7}, seed=3)
    result = published(frame)
    plain = protect_vignette(vignette(frame, **OPTIONS), 5)[0]
    for name in ("coefficients", "fit", "marginal_means", "interactions", "influence"):
        pd.testing.assert_frame_equal(getattr(result, name), getattr(plain, name))
    assert "vignette_groups_left_out" not in {n.kind for n in result.notes}


@pytest.mark.parametrize("small", ["voor", "na"])
def test_a_small_reference_group_publishes_no_interaction(small):
    sizes = {"voor": 12, "tussen": 9, "na": 10}
    sizes[small] = 2
    result = published(generated(sizes), group_order=["voor", "tussen", "na"])
    interactions = result.interactions
    if small == "voor":  # the reference: every interaction would give it back
        assert interactions["estimate"].isna().all()
    else:
        assert interactions[interactions["group"] == "tussen"]["estimate"].notna().all()
        assert interactions[interactions["group"] == "na"]["estimate"].isna().all()
