"""The compact figures the factsheet prints beside its tables draw the same numbers as the
standalone figures' data tables, at the width they are printed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from maatwerk_stats import compare, load_config, vignette
from maatwerk_stats.report.figures import printed
from maatwerk_stats.report.figures.compare import scale_means_data
from maatwerk_stats.report.figures.plotting import CM
from maatwerk_stats.report.figures.vignette import coefficient_plot_data

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
CONFIG = ROOT / "configs" / "leeratelier.toml"


@pytest.fixture(scope="module")
def comparison():
    return compare(DEMO / "pre.sav", DEMO / "post.sav", config=load_config(CONFIG))


@pytest.fixture(scope="module")
def vignette_result():
    return vignette(DEMO / "vignetten.csv", CONFIG)


def drawn(ax) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Per error-bar series: x, y of the points and the left and right ends of the bars."""
    series = []
    for container in ax.containers:
        line, _caps, (bars,) = container.lines
        ends = np.array([segment[:, 0] for segment in bars.get_segments()])
        series.append((np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float),
                       ends[:, 0], ends[:, 1]))
    return series


def test_scale_means_draw_the_means_and_intervals(comparison):
    fig = printed.scale_means_figure(comparison, "nl")
    ax = fig.axes[0]
    data = scale_means_data(comparison)
    series = drawn(ax)
    assert len(series) == 2  # vóór, na
    for (x, y, low, high), group in zip(series, ["voor", "na"], strict=True):
        part = data[data["group"] == group]
        assert x == pytest.approx(part["mean"].to_numpy())
        assert low == pytest.approx(part["conf_low"].to_numpy())
        assert high == pytest.approx(part["conf_high"].to_numpy())
        assert np.round(y).tolist() == [0, 1, 2]  # one row per scale, dodged within it
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Samenwerking", "Regie", "Maatwerk"]
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["Vóór (n = 22)", "Na (n = 36)"]
    values = {t.get_text() for t in ax.texts}
    assert {"4,20", "4,32", "3,75", "3,84", "3,52", "3,67"} <= values  # the text's format
    assert ax.get_xlim()[0] == 1  # the answer scale, from its first answer
    assert fig.get_size_inches()[0] == pytest.approx(printed.SCALE_MEANS_CM * CM)


def test_coefficients_draw_the_effects_per_group(vignette_result):
    fig = printed.coefficient_figure(vignette_result, "en")
    ax = fig.axes[0]
    data = coefficient_plot_data(vignette_result, "en")
    series = drawn(ax)
    groups = list(dict.fromkeys(data["group"]))
    assert len(series) == len(groups) == 2
    for (x, y, low, high), group in zip(series, groups, strict=True):
        part = data[data["group"] == group]
        assert x == pytest.approx(part["estimate"].to_numpy())
        assert y == pytest.approx(part["y_plot"].to_numpy())
        assert low == pytest.approx(part["conf_low"].to_numpy())
        assert high == pytest.approx(part["conf_high"].to_numpy())
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [  # labels from the config
        "Vóór het Leeratelier", "Na het Leeratelier"]
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert "0.5" in ticks and all("," not in t for t in ticks)  # English decimal points
    assert fig.get_size_inches()[0] == pytest.approx(printed.COEFFICIENTS_CM * CM)


def test_scale_means_legend_capitalises_time_labels_as_the_headers_do(comparison):
    # init writes labels = ["vóór", "na"] as the prose reads them; the legend is a header
    import dataclasses

    lower = dataclasses.replace(comparison, group_labels=("vóór", "na"))
    fig = printed.scale_means_figure(lower, "nl")
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["Vóór (n = 22)", "Na (n = 36)"]
