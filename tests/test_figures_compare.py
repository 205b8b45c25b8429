"""The data behind the compare figures (not pixels), and that the files are written."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from maatwerk_stats import compare, load_config, read_data, score_scales
from maatwerk_stats.io.write import OutputWriter
from maatwerk_stats.report.figures.compare import (
    STEMS,
    forest_data,
    likert_data,
    scale_means_data,
    write_figures,
)

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
CONFIG = load_config(ROOT / "configs" / "leeratelier.toml")


@pytest.fixture(scope="module")
def result():
    return compare(DEMO / "pre.sav", DEMO / "post.sav", config=CONFIG)


def test_scale_means_are_one_sample_t_intervals(result):
    data = scale_means_data(result)
    assert len(data) == 6
    scored = score_scales(read_data(DEMO / "post.sav"), CONFIG).scores
    row = data[(data["scale"] == "regie") & (data["group"] == "na")].iloc[0]
    values = scored["regie"].dropna()
    interval = stats.ttest_1samp(values, 0).confidence_interval(0.95)
    assert row["n"] == len(values)
    assert row["mean"] == pytest.approx(values.mean(), abs=1e-12)
    assert (row["conf_low"], row["conf_high"]) == pytest.approx(
        (interval.low, interval.high), abs=1e-10)
    assert (row["range_low"], row["range_high"]) == (1, 5)
    assert row["group_label"] == "Na" and row["label"] == "Regie"


def test_likert_bars_centre_the_neutral_category(result):
    data = likert_data(result)
    # 12 items × 2 measurements × 5 categories
    assert len(data) == 120
    for (_item, _group), part in data.groupby(["item", "group"]):
        part = part.sort_values("value")
        assert part["percent"].sum() == pytest.approx(100)
        neutral = part[part["value"] == 3].iloc[0]
        assert neutral["left"] == pytest.approx(-neutral["right"])
        assert np.allclose(part["right"].to_numpy()[:-1], part["left"].to_numpy()[1:])
    # the percentages are those of the answers (after reverse coding, 9 left out)
    items = score_scales(read_data(DEMO / "pre.sav"), CONFIG).items["samenwerking_3"].dropna()
    bar = data[(data["item"] == "samenwerking_3") & (data["group"] == "voor")]
    expected = [100 * (items == v).mean() for v in (1, 2, 3, 4, 5)]
    assert bar.sort_values("value")["percent"].tolist() == pytest.approx(expected)
    assert bar["value_label"].tolist()[0] == "helemaal mee eens"  # stored code 5, reversed


def test_even_number_of_categories_centres_between_the_middle_two(tmp_path):
    import pandas as pd

    from maatwerk_stats.config import parse_config

    path = tmp_path / "four.csv"
    pd.DataFrame({"meting": ["voor"] * 4 + ["na"] * 4, "s_1": [1, 2, 2, 3, 2, 3, 4, 4],
                  "s_2": [1, 1, 2, 2, 3, 3, 4, 4]}).to_csv(path, index=False)
    config = parse_config({"scales": {"s": {"items": ["s_1", "s_2"], "range": [1, 4]}},
                           "groups": {"column": "meting", "order": ["voor", "na"]}})
    data = likert_data(compare(path, config=config))
    assert set(data["value"]) == {1, 2, 3, 4}
    for (_item, _group), part in data.groupby(["item", "group"]):
        part = part.set_index("value")
        assert part.loc[2, "right"] == pytest.approx(0)  # 0 between categories 2 and 3
        assert part.loc[3, "left"] == pytest.approx(0)
    na = data[(data["item"] == "s_1") & (data["group"] == "na")].set_index("value")
    assert na["percent"].tolist() == [0, 25, 25, 50]
    assert na.loc[1, "left"] == pytest.approx(-25)


def test_forest_data_are_the_item_differences(result):
    data = forest_data(result)
    items = result.items
    assert data["variable"].tolist() == items["variable"].tolist()
    assert data["mean_diff"].tolist() == items["mean_diff"].tolist()
    assert data["diff_conf_low"].tolist() == items["diff_conf_low"].tolist()
    assert data["significant"].tolist() == (items["p_adjusted"] < 0.05).tolist()
    assert data["scale_label"].iloc[0] == "Samenwerking"


@pytest.mark.parametrize("lang", ["en"])  # nl: every factsheet test draws them in Dutch
def test_figures_are_written_as_png_and_svg(result, tmp_path, lang):
    with OutputWriter(tmp_path / "out") as writer:
        files = write_figures(result, writer, lang)
    assert files == [f"figures/{stem}.{ext}" for stem in STEMS for ext in ("png", "svg")]
    for name in files:
        assert (tmp_path / "out" / name).stat().st_size > 1000
    from PIL import Image

    with Image.open(tmp_path / "out" / "figures" / "compare_scale_means.png") as image:
        assert round(image.info["dpi"][0]) == 300


def test_items_that_are_not_likert_items_get_no_bar_chart(tmp_path):
    """R's sleep data: hours with decimals — no stacked bars, the other figures are drawn."""
    reference = ROOT / "tests" / "reference"
    sleep = compare(reference / "data" / "sleep.csv",
                    config=load_config(reference / "sleep.toml"))
    assert likert_data(sleep).empty
    with OutputWriter(tmp_path / "out") as writer:
        files = write_figures(sleep, writer)
    assert [Path(f).stem for f in files[::2]] == ["compare_scale_means",
                                                  "compare_items_forest"]
    means = scale_means_data(sleep)
    assert means["range_low"].isna().all()  # no declared range: the axes fit the data
