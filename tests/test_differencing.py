"""Paired pre/post: the respondents measured once are not a subtraction away from the pairs
(publish/differencing.py; the end-to-end check is the fuzz case
``measured_once_not_recomputable_from_the_pairs``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from maatwerk_stats import load_config, read_data
from maatwerk_stats.analyses.compare import compare, measurement_reliability
from maatwerk_stats.config.options import comparison_options
from maatwerk_stats.prepare.measurements import stack_measurements
from maatwerk_stats.publish.differencing import protect_measured_once
from maatwerk_stats.publish.privacy import protect_reliability, suppress_comparison

ROOT = Path(__file__).resolve().parents[1]
# The paired demo as it was before it got 5 + 5 measured once in one municipality: 57 pairs,
# 4 measured only before and 2 only after in both municipalities (tests/fuzz/make_files.py)
MEASURED_ONCE = ROOT / "tests" / "fuzz" / "files" / "measured_once.sav"


def _analysed(config_name: str, data: Path, min_cell: int = 5):
    config = load_config(ROOT / "configs" / config_name)
    data = read_data(data)
    options = comparison_options(config, two_files=False)
    measurements = stack_measurements(
        data, None, config, group=options.group, group_order=options.group_order,
        group_labels=options.group_labels, id_column=options.id_column,
        site=config.groups.site if config.groups else None)
    raw = compare(measurements, id_column=options.id_column,
                  model="mixed" if options.id_column is not None else "t_test")
    reliability, _ = protect_reliability(measurement_reliability(measurements, min_cell),
                                         min_cell)
    comparison, _ = suppress_comparison(raw, min_cell)
    return reliability, comparison


@pytest.fixture(scope="module")
def paired():
    return _analysed("gewogen_maatwerk.toml", MEASURED_ONCE)


def test_means_of_a_measurement_with_few_measured_once_are_blanked(paired):
    reliability, comparison = paired
    protected, _, count = protect_measured_once(reliability, comparison, 5)
    table = protected.reliability.set_index(["scale", "group"])
    # methodisch: 61 scored before, 59 after, 57 pairs → 4 and 2 measured once
    assert table.loc[[("methodisch", g) for g in ("voor", "na", "all")],
                     ["mean", "sd"]].isna().all().all()
    assert table.loc[("methodisch", "voor"), "note"].startswith("suppressed: with the other")
    # what rests on the listwise answers and has nothing of the pairs beside it stays
    assert table.loc[("methodisch", "voor"), ["alpha", "omega_total", "n_scored"]].notna().all()
    assert count > 0


def test_a_measurement_with_enough_measured_once_keeps_its_mean(paired):
    """stap_intake: 61 scored before, 56 pairs (5 measured once, enough) but 58 after (2)."""
    reliability, comparison = paired
    protected, _, _ = protect_measured_once(reliability, comparison, 5)
    table = protected.reliability.set_index(["scale", "group"])
    assert table.loc[("stap_intake", "voor"), "mean"] == pytest.approx(3.4262295081967213)
    assert table.loc[[("stap_intake", "na"), ("stap_intake", "all")], "mean"].isna().all()


def test_items_and_their_distributions_follow_the_same_rule(paired):
    reliability, comparison = paired
    protected, _, _ = protect_measured_once(reliability, comparison, 5)
    items = protected.items
    pairs = comparison.items.set_index("variable")["n_pairs"]
    once = items["n"] - items["item"].map(pairs)
    small = (once > 0) & (once < 5) & (items["group"] != "all")
    assert small.any() and items.loc[small, "mean"].isna().all()
    big = (once >= 5) & (items["group"] != "all")
    small_items = set(items.loc[small, "item"])
    assert items.loc[big & ~items["item"].isin(small_items), "mean"].notna().all()
    dropped = {(i, g) for i, g in zip(items.loc[small, "item"], items.loc[small, "group"],
                                      strict=True)}
    left = set(zip(protected.distribution["item"], protected.distribution["group"],
                   strict=True))
    assert dropped and not dropped & left
    assert set(comparison.distribution["item"]) <= set(protected.distribution["item"]) | {
        i for i, _ in dropped}


def test_the_mixed_model_keeps_a_contrast_only_where_it_gives_no_small_sum_back(paired):
    """Measured once (before, after): methodisch 4 and 2 — the contrast is one weighted sum
    of 6 people's answers and stays; effectiviteit 6 and 2, stap_intake 5 and 2 — the 6 (5)
    are published, so the contrast would give the 2 back: blanked. Every scale has a small
    measurement, so no estimated mean is published; within a municipality 1–3 were measured
    once at each measurement (fewer than 5 together): every site row is blanked."""
    reliability, comparison = paired
    _, protected, _ = protect_measured_once(reliability, comparison, 5)
    overall = protected.mixed[protected.mixed["site"] == "all"].set_index("variable")
    assert overall.loc[["effectiviteit", "stap_intake"], "estimate"].isna().all()
    kept = overall.drop(index=["effectiviteit", "stap_intake"])
    assert len(kept) == 8 and kept[["estimate", "p_value", "conf_low"]].notna().all().all()
    assert overall.loc["methodisch", "estimate"] == pytest.approx(
        comparison.mixed.set_index(["variable", "site"]).loc[("methodisch", "all"),
                                                               "estimate"])
    assert protected.mixed[protected.mixed["site"] != "all"]["estimate"].isna().all()
    assert protected.mixed["n_respondents"].notna().all()  # counts stay
    assert len(protected.mixed_means) == 0
    assert protected.site_interaction["estimate"].isna().all()
    assert protected.scales["mean_diff"].notna().all()  # the pairs' comparison stays


def test_min_cell_one_or_independent_groups_change_nothing(paired):
    reliability, comparison = paired
    same, also, count = protect_measured_once(reliability, comparison, 1)
    assert count == 0 and same.reliability.equals(reliability.reliability)
    assert also.mixed.equals(comparison.mixed)
    independent = _analysed("leeratelier.toml", ROOT / "data" / "demo" / "vragenlijst.csv")
    kept, _, count = protect_measured_once(*independent, 5)
    assert count == 0 and kept.reliability.equals(independent[0].reliability)
