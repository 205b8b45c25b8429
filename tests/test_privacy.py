"""Small-group suppression with its derivations (DESIGN.md §5 "Small groups",
publish/privacy.py): a suppressed group is blanked, and so is every published number from
which it can be recomputed. The whole-factsheet check (no suppressed number in any published
file) is the privacy case of the fuzz corpus (tests/fuzz/cases.toml)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from maatwerk_stats import load_config, vignette
from maatwerk_stats.analyses.compare import measurement_reliability
from maatwerk_stats.errors import DataError
from maatwerk_stats.io.read import read_data
from maatwerk_stats.prepare.measurements import stack_measurements
from maatwerk_stats.publish.privacy import (
    RATING_CHECKS,
    SUPPRESSED,
    SUPPRESSED_DERIVED,
    protect_reliability,
    protect_vignette,
)

from .conftest import CONFIG, DEMO

FILES = Path(__file__).parent / "fuzz" / "files"


def small_group_measurements():
    """3 respondents before ("voor"), 36 after, in one file with a group column."""
    config = load_config(FILES / "small_group.toml")
    data = read_data(FILES / "small_group_vragenlijst.csv")
    return stack_measurements(data, None, config, group="meting", group_order=["voor", "na"])


def test_a_small_group_is_counted_not_analysed():
    """With ``min_scored`` a group too small to publish gets counts and no statistics (and no
    error); the same data without it are analysed (these 3 respondents vary on every item)."""
    measurements = small_group_measurements()
    counted = measurement_reliability(measurements, min_scored=5)
    voor = counted.reliability[counted.reliability["group"] == "voor"]
    assert (voor["n_scored"] == 3).all() and voor["alpha"].isna().all()
    assert voor["mean"].isna().all() and not voor["omega_heywood"].any()
    items = counted.items[counted.items["group"] == "voor"]
    assert items["mean"].isna().all() and (items["n"] > 0).all()
    assert "voor" not in set(counted.distribution["group"])
    analysed = measurement_reliability(measurements)
    assert analysed.reliability[analysed.reliability["group"] == "voor"]["alpha"].notna().all()
    na = analysed.reliability["group"] == "na"
    pd.testing.assert_frame_equal(counted.reliability[na], analysed.reliability[na])


def test_a_small_group_with_a_constant_item_does_not_stop_the_factsheet():
    """The demo's first three "voor" respondents give one item no variance: an error for
    ``scales``, but below ``min_cell`` the group is not analysed at all."""
    config = load_config(CONFIG)
    data = read_data(DEMO / "vragenlijst.csv")
    frame = data.frame
    first = frame[frame["meting"] == "voor"].index[:3]
    keep = frame.index.isin(first) | (frame["meting"] == "na").to_numpy()
    small = type(data)(**{**data.__dict__, "frame": frame[keep].reset_index(drop=True)})
    measurements = stack_measurements(small, None, config, group="meting",
                                      group_order=["voor", "na"])
    with pytest.raises(DataError, match="no variance"):
        measurement_reliability(measurements)
    counted = measurement_reliability(measurements, min_scored=5)
    assert counted.reliability[counted.reliability["group"] == "voor"]["alpha"].isna().all()


def test_pooled_rows_are_suppressed_beside_a_small_group():
    """``all`` minus "na" gives "voor" back (sums of answers): ``all`` goes too."""
    raw = measurement_reliability(small_group_measurements(), min_scored=5)
    protected, hidden = protect_reliability(raw, min_cell=5)
    scales = {"samenwerking", "regie", "maatwerk"}
    assert hidden == {(s, g) for s in scales for g in ("voor", "all")}
    table = protected.reliability.set_index("group")
    assert table.loc["all", "alpha"].isna().all() and table.loc["all", "mean"].isna().all()
    assert (table.loc["all", "note"] == SUPPRESSED_DERIVED.format(min_cell=5)).all()
    assert (table.loc["voor", "note"] == SUPPRESSED.format(min_cell=5)).all()
    assert (table.loc["all", "n_scored"] == 39).all()  # counts stay
    pd.testing.assert_frame_equal(
        table.loc["na"].drop(columns="note").reset_index(drop=True),
        raw.reliability.set_index("group").loc["na"].reset_index(drop=True),
        check_dtype=False)
    items = protected.items.set_index("group")
    assert items.loc[["all", "voor"], "mean"].isna().all()
    assert items.loc["na", "mean"].notna().all()
    assert set(protected.distribution["group"]) == {"na"}


def test_only_the_scale_of_a_small_group_is_suppressed():
    """Per scale: a scale that 5 respondents of a group scored is published for that group
    even when another scale of the same group is not."""
    raw = measurement_reliability(small_group_measurements(), min_scored=5)
    table = raw.reliability.copy()
    table.loc[(table["scale"] == "regie") & (table["group"] == "voor"), "n_scored"] = 6
    protected, hidden = protect_reliability(
        type(raw)(table, raw.items, raw.distribution), min_cell=5)
    assert ("regie", "voor") not in hidden and ("regie", "all") not in hidden
    assert ("samenwerking", "all") in hidden
    kept = protected.reliability.set_index(["scale", "group"])
    assert kept.loc[("regie", "all"), "alpha"] == pytest.approx(
        raw.reliability.set_index(["scale", "group"]).loc[("regie", "all"), "alpha"])


@pytest.fixture(scope="module")
def demo_vignette():
    return vignette(DEMO / "vignetten.csv", CONFIG)


def test_vignette_small_reference_group_takes_interactions_labels_and_pooled_rows(
        demo_vignette):
    """22 respondents before, 36 after, min_cell 25: "voor" is suppressed; so are the
    interactions ("na" effect − interaction = "voor" effect), the pooled ``all`` rows, the
    influence labels and levels of "voor", and its design statistics from ratings."""
    result, count = protect_vignette(demo_vignette, min_cell=25)
    coefficients = result.coefficients
    for group in ("voor", "all"):
        part = coefficients[coefficients["group"] == group]
        assert part["estimate"].isna().all() and part["p_value"].isna().all()
    na = coefficients[coefficients["group"] == "na"]
    pd.testing.assert_series_equal(
        na["estimate"], demo_vignette.coefficients.loc[na.index, "estimate"])
    assert result.interactions["estimate"].isna().all()
    assert (result.interactions["note"] == SUPPRESSED_DERIVED.format(min_cell=25)).all()
    influence = result.influence[result.influence["group"] == "voor"]
    assert influence["label"].isna().all() and influence["level"].isna().all()
    assert result.influence[result.influence["group"] == "na"]["label"].notna().all()
    assert result.marginal_means[result.marginal_means["group"] != "na"]["estimate"] \
        .isna().all()
    assert (result.fit["n_respondents"] == demo_vignette.fit["n_respondents"]).all()
    design = result.design
    rating = design["check"].isin(RATING_CHECKS)
    assert design[rating & design["group"].isin(["voor", "all"])]["value"].isna().all()
    assert design[design["check"] == "straightliners"]["value"].isna().all()
    assert design[rating & (design["group"] == "na") & (design["check"] != "straightliners")
                  ]["value"].notna().all()
    counts = design["check"].isin(["n_ratings", "n_respondents", "level_frequency"])
    np.testing.assert_array_equal(design[counts]["value"],
                                  demo_vignette.design[counts]["value"])
    # rows of the small group itself (not the derived ones) are what the factsheet counts
    assert count == sum(int((t["group"] == "voor").sum()) for t in (
        result.coefficients, result.fit, result.marginal_means, result.influence))


def test_vignette_without_small_groups_is_unchanged(demo_vignette):
    result, count = protect_vignette(demo_vignette, min_cell=5)
    assert count == 0
    for name in ("coefficients", "fit", "marginal_means", "interactions", "influence"):
        pd.testing.assert_frame_equal(getattr(result, name), getattr(demo_vignette, name))


def test_figures_say_a_group_was_left_out(demo_vignette):
    from maatwerk_stats.report.figures.vignette import (
        coefficient_plot_data,
        marginal_means_plot_data,
    )

    result, _ = protect_vignette(demo_vignette, min_cell=25)
    for data in (coefficient_plot_data(result, "en"), marginal_means_plot_data(result, "en")):
        labels = dict(zip(data["group"], data["group_label"], strict=False))
        assert labels["voor"].endswith("(left out)")
        assert "left out" not in labels["na"]
        assert data[data["group"] == "voor"]["estimate"].isna().all()
