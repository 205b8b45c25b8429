"""The compact figures the factsheet prints beside its tables draw the same numbers as the
standalone figures' data tables, at the width they are printed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from maatwerk_stats.report.figures import printed
from maatwerk_stats.report.figures.compare import scale_means_data
from maatwerk_stats.report.figures.plotting import CM
from maatwerk_stats.report.figures.vignette import coefficient_plot_data

from .test_vignette_figure_columns import results  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
CONFIG = ROOT / "configs" / "leeratelier.toml"


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
        # in the effect's row (below its label)
        assert np.round(y).tolist() == part["y"].tolist()
        assert low == pytest.approx(part["conf_low"].to_numpy())
        assert high == pytest.approx(part["conf_high"].to_numpy())
    assert (series[0][1] < series[1][1]).all()  # dodged in the order of y_plot: before on top
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [  # labels from the config
        "Vóór het Leeratelier", "Na het Leeratelier"]
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert "0.5" in ticks and all("," not in t for t in ticks)  # English decimal points
    assert fig.get_size_inches()[0] == pytest.approx(printed.COEFFICIENTS_CM * CM)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_printed_text_is_at_least_8_pt_and_shown_at_its_drawn_size(comparison, vignette_result,
                                                                   lang):
    """Every text in the printed figures is >= 8 pt (the factsheet's smallest print size), and
    the factsheet shows each PNG at the width it was drawn (printed_width_cm: its pixels at
    300 dpi), so 8 pt prints as 8 pt, not scaled down to fit a nominal width."""
    from matplotlib.text import Text

    from maatwerk_stats.report.figures.plotting import figure_png, printed_width_cm

    for fig, nominal in ((printed.scale_means_figure(comparison, lang), printed.SCALE_MEANS_CM),
                         (printed.coefficient_figure(vignette_result, lang),
                          printed.COEFFICIENTS_CM)):
        fig.canvas.draw()
        sizes = {t.get_text(): t.get_fontsize() for t in fig.findobj(Text)
                 if t.get_visible() and t.get_text().strip()}
        assert len(sizes) >= 8 and min(sizes.values()) >= printed.PRINT_PT, sizes
        png = figure_png(fig)
        width = printed_width_cm(png)
        assert width == pytest.approx(int.from_bytes(png[16:20], "big") / 300 * 2.54, abs=1e-3)
        assert abs(width - nominal) < 0.4  # drawn for the slot beside its table


def test_coefficient_labels_stand_above_their_rows(vignette_result):
    fig = printed.coefficient_figure(vignette_result, "nl")
    ax = fig.axes[0]
    labels = [t for t in ax.texts if ":" in t.get_text()]
    assert [t.get_text().split(":")[0] for t in labels] == [
        "Reputatie", "Hulpbehoevendheid", "Capaciteiten"]
    points = [y for _x, y, _l, _h in drawn(ax)]
    for row, label in enumerate(labels):
        # the label starts at the top of its row, every point of the row lies below it
        assert label.get_position()[1] == pytest.approx(row - 0.46)
        assert all(row - 0.5 < p[row] < row + 0.5 and p[row] > row - 0.46
                   for p in points)
    assert ax.get_yticks().size == 0


def test_scale_means_legend_capitalises_time_labels_as_the_headers_do(comparison):
    # init writes labels = ["vóór", "na"] as the prose reads them; the legend is a header
    import dataclasses

    lower = dataclasses.replace(comparison, group_labels=("vóór", "na"))
    fig = printed.scale_means_figure(lower, "nl")
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["Vóór (n = 22)", "Na (n = 36)"]



# sha256 of the printed coefficients' PNG (figure_png) on main at 870d2a2, when the figure
# read coefficient_plot_data's DataFrame (drop_duplicates, sort_values, assign)
PRINTED_BEFORE = {
    ("mixed", "nl"): "0cea6a854ebe5d16a7eb6b44ee89521ed21c96fb1dfad352ae07b7e99f7163f8",
    ("mixed", "en"): "115458d407733ee860511fa3fc651ca836750121fba4ded7c03506db3a985ff8",
    ("ols", "nl"): "701f2d0de45b099791560675d4f8ed222ba7caeac8b996b6416cb1733325644e",
    ("suppressed", "en"): "e7aa66ba87b81f57bbf5db551efa9cbdb89eb9a8c84e0ef5a80b32ac5582b7c9"}


@pytest.mark.parametrize(("case", "lang"), list(PRINTED_BEFORE))
def test_coefficients_from_their_lists_are_the_figure_drawn_before(results, case, lang):  # noqa: F811
    """The factsheet sends the figure process the table as lists and a FigureStudy (no
    DataFrame, no analysis module to unpickle): the same PNG as the figure drawn from the
    result's DataFrame before, and as drawn from the result now."""
    import hashlib

    from maatwerk_stats.report.figures.plotting import figure_png
    from maatwerk_stats.report.figures.vignette import FigureStudy, coefficient_plot_columns

    result = results[case]  # the demo's (test_vignette_figure_columns.results)
    study = FigureStudy(result.study.outcome_label)
    png = figure_png(printed.coefficient_figure(
        study, lang, data=coefficient_plot_columns(result, lang)))
    assert hashlib.sha256(png).hexdigest() == PRINTED_BEFORE[(case, lang)]
    assert figure_png(printed.coefficient_figure(result, lang)) == png


def test_labels_are_wrapped_between_words_only():
    """A scale label longer than the printed figure's 16 characters is not cut inside a word
    ("Zelfeffectivitei" / "t"); text with spaces is still wrapped."""
    from maatwerk_stats.report.figures import compare, printed

    for wrap in (printed._wrap, compare._wrap):  # the printed twins' and compare's
        assert wrap("Zelfeffectiviteit", 16) == "Zelfeffectiviteit"
        assert wrap("Zelfeffectiviteit bij maatwerk", 16) == "Zelfeffectiviteit\nbij maatwerk"
        assert wrap("Eigen regie", 16) == "Eigen regie"
