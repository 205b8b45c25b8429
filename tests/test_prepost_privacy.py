"""Publishing the mixed-model, attrition and site tables: small sites and small drop-out
groups are suppressed, with complementary suppression (publish/privacy.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from maatwerk_stats import load_config
from maatwerk_stats.api import compare
from maatwerk_stats.publish.privacy import suppress_comparison

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def paired():
    return compare(ROOT / "data" / "demo" / "gewogen_maatwerk.sav",
                   config=load_config(ROOT / "configs" / "gewogen_maatwerk.toml"))


@pytest.fixture(scope="module")
def few_once():
    """The earlier paired demo: 4 measured only before, 2 only after (tests/fuzz/make_files.py)."""
    return compare(ROOT / "tests" / "fuzz" / "files" / "measured_once.sav",
                   config=load_config(ROOT / "configs" / "gewogen_maatwerk.toml"))


def test_a_small_site_and_its_complement_are_blanked(paired):
    sizes = paired.sites.groupby("site")["n_pairs"].min()
    min_cell = int(sizes.min()) + 1  # the smaller municipality is too small, the other not
    assert sizes.max() >= min_cell
    published, count = suppress_comparison(paired, min_cell)
    assert count > 0
    for table in (published.sites, published.mixed[published.mixed["site"] != "all"]):
        assert table["estimate" if "estimate" in table else "mean_diff"].isna().all()
    assert published.mixed[published.mixed["site"] == "all"]["estimate"].notna().all()
    assert published.site_interaction["estimate"].isna().all()
    assert set(published.mixed_means["site"]) == {"all"}


def test_drop_outs_below_min_cell_are_blanked(few_once):
    published, _ = suppress_comparison(few_once, 5)
    attrition = published.attrition.set_index("variable")
    assert attrition.loc["attitude", "n_incomplete"] == 4  # counts stay
    assert attrition.loc[["attitude", "norm"], ["mean_incomplete", "mean_diff",
                                                "p_value"]].isna().all().all()
    assert attrition.loc["effectiviteit", "n_incomplete"] == 6
    assert attrition.loc["effectiviteit", ["mean_incomplete", "p_value"]].notna().all()
    assert published.sites["mean_diff"].notna().all()  # both municipalities are large


def test_the_paired_demo_publishes_its_drop_outs_and_sites(paired):
    """The demo has 5 measured only before and 5 only after, all in Den Haag: nothing of the
    attrition check, the mixed model or the change per municipality is suppressed."""
    published, count = suppress_comparison(paired, 5)
    assert count == 0
    assert (published.attrition["n_incomplete"] == 5).all()
    assert published.attrition[["mean_incomplete", "p_value"]].notna().all().all()
    assert published.site_interaction["estimate"].notna().all()
    assert published.sites["mean_diff"].notna().all()
