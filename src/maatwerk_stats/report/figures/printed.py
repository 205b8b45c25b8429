"""The two key figures of the factsheet, drawn at the size they are printed: 7–8 cm wide,
beside their table, so that the Leeratelier factsheet keeps two A4 pages *with* its figures
(like the published one) and the text in them is as large on paper as in the figure files.

1. :func:`scale_means_figure`: per scale (one row each) the mean of each measurement with its
   95 % CI (mean ± t_{.975, n−1}·sd/√n, :func:`.compare.scale_means_data`), the measurements
   dodged within the row, on the scales' own range when they share one;
2. :func:`coefficient_figure`: the effect of each vignette level per group with its 95 % CI
   (:func:`.vignette.coefficient_plot_data`), labels wrapped narrow, the legend on top.

The standalone figures in ``figures/`` (:mod:`.compare`, :mod:`.vignette`) stay as they are:
one panel per scale, larger, for slides and reports.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..format import fmt_number
from ..i18n import section, texts
from ..labels import group_headers, in_sentence
from .compare import scale_means_data
from .plotting import (
    CM,
    NEUTRAL,
    Columns,
    figure_png,
    fitted_limits,
    number_formatter,
    subplots,
    tight_layout,
)
from .vignette import (
    FigureStudy,
    _distinct,
    _study,
    _wrap,
    coefficient_plot_columns,
    draw_coefficients,
    group_colors,
)

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from ...analyses.compare import Comparison
    from ...analyses.vignette import VignetteResult

# printed widths (cm): what is left beside the scales table and beside the influence table
# with its text, on a 18.4 cm wide A4 text block
SCALE_MEANS_CM = 6.6
COEFFICIENTS_CM = 7.8
ROW_CM = 0.95  # one scale or effect
# every text in the printed figures (labels, ticks, legend, values): 8 pt on paper, as large
# as the factsheet's smallest text (the figures are drawn at the width they are printed)
PRINT_PT = 8.0


def _legend_top(fig: Any, ax: Any, n: int) -> None:
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper left", ncol=n, bbox_to_anchor=(0.0, 1.0),
               frameon=False, fontsize=PRINT_PT, handletextpad=0.3, columnspacing=1.2,
               borderaxespad=0.0)


def _axis_limits(data: pd.DataFrame) -> tuple[float, float]:
    """The scales' declared range when they share one, else the span of the data. When every
    row is suppressed (a group below ``report.min_cell`` blanks the means of both groups in
    its rows) there is no data to span: then the span of the declared ranges, so that the
    empty figure still shows the answer scales (it stopped the factsheet with NaN limits)."""
    ranges = set(zip(data["range_low"], data["range_high"], strict=True))
    low, high = next(iter(ranges)) if len(ranges) == 1 else (math.nan, math.nan)
    if not math.isnan(low):
        return low, high
    declared = fitted_limits([data["range_low"].tolist(), data["range_high"].tolist()], 0.0)
    return fitted_limits([data["conf_low"].tolist(), data["conf_high"].tolist(),
                          data["mean"].tolist()], 0.1, fallback=declared)


def scale_means_figure(result: Comparison | None, lang: str = "nl",
                       width_cm: float = SCALE_MEANS_CM, data: pd.DataFrame | None = None
                       ) -> Any:
    """Mean per scale and measurement with 95 % CI, one row per scale (the compact form of
    :func:`.compare.scale_means_figure`, same numbers). ``data``: :func:`scale_means_data`
    of ``result`` when already computed (then ``result`` may be None): the factsheet computes
    it in its own process, where scipy's t quantiles are loaded, and sends only the table, so
    the figure process imports neither scipy nor the analyses to draw it."""
    from matplotlib.ticker import MultipleLocator

    data = scale_means_data(result) if data is None else data
    scales = list(dict.fromkeys(data["scale"]))
    groups = list(dict.fromkeys(data["group"]))
    colors = group_colors(len(groups))
    words = section("figure_compare", lang)
    height = 1.9 + ROW_CM * len(scales)
    fig, ax = subplots(figsize=(width_cm * CM, height * CM))
    offsets = [0.0] if len(groups) == 1 else \
        [0.36 * (i / (len(groups) - 1) - 0.5) for i in range(len(groups))]
    group_labels = tuple(dict.fromkeys(data["group_label"]))
    headers = dict(zip(group_labels, group_headers(group_labels, lang), strict=True))
    for group, color, offset in zip(groups, colors, offsets, strict=True):
        part = data[data["group"] == group]
        y = [scales.index(s) + offset for s in part["scale"]]
        ns = sorted(set(part["n"]))
        label = headers[part["group_label"].iloc[0]] + (
            f" (n = {ns[0]})" if len(ns) == 1 else "")
        ax.errorbar(part["mean"], y, xerr=[part["mean"] - part["conf_low"],
                                           part["conf_high"] - part["mean"]],
                    fmt="o", color=color, ecolor=color, elinewidth=1.6, capsize=2.5,
                    markersize=5, label=label, zorder=3)
        for x_right, mean, yy in zip(part["conf_high"], part["mean"], y, strict=True):
            if not math.isnan(mean):
                right = mean if math.isnan(x_right) else x_right
                ax.annotate(fmt_number(mean, 2, lang), (right, yy), xytext=(3, 0),
                            textcoords="offset points", ha="left", va="center", fontsize=PRINT_PT,
                            color=NEUTRAL)
    low, high = _axis_limits(data)
    whole = float(high - low) >= 3 and float(low).is_integer()
    ax.set_xlim(low, high + 0.12 * (high - low))  # room for the value labels
    if whole and high - low <= 12:
        ax.xaxis.set_major_locator(MultipleLocator(1))
    ax.xaxis.set_major_formatter(number_formatter(lang, 0 if whole else 1))
    ax.spines["right"].set_visible(False)
    labels = [data.loc[data["scale"] == s, "label"].iloc[0] for s in scales]
    ax.set_yticks(range(len(scales)), [_wrap(text, 16) for text in labels],
                  fontsize=PRINT_PT)
    ax.set_ylim(len(scales) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.tick_params(axis="x", labelsize=PRINT_PT)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color="#e0e0e0", linewidth=0.6, zorder=0)
    for y in range(1, len(scales)):
        ax.axhline(y - 0.5, color="#f0f0f0", linewidth=0.6, zorder=0)
    ax.set_xlabel(words["mean_axis"], fontsize=PRINT_PT)
    _legend_top(fig, ax, len(groups))
    tight_layout(fig, rect=(0, 0, 1, 1 - 0.55 / height))
    return fig


def coefficient_figure(result: VignetteResult | FigureStudy, lang: str = "nl",
                       width_cm: float = COEFFICIENTS_CM,
                       data: pd.DataFrame | Columns | None = None) -> Any:
    """The vignette effects per group with 95 % CI (the compact form of
    :func:`.vignette.coefficient_figure`, same numbers). Each effect's label ("Reputatie:
    schuldhulp succesvol (vs. …)") is a line above its row, across the figure's width, so the
    axis keeps the whole width and the label need not be cut into narrow pieces; the groups'
    points sit below it (the rows of ``y_plot`` moved down by half the label's height).

    ``data``: :func:`~.vignette.coefficient_plot_columns` when already computed (the
    factsheet computes it in its own process and sends the figure process only these lists
    and the result's :class:`~.vignette.FigureStudy`, not the result with its DataFrames:
    the figure process then imports neither pandas' objects nor the analysis to unpickle it)."""
    from matplotlib.transforms import blended_transform_factory

    data = Columns.of(coefficient_plot_columns(result, lang)  # type: ignore[arg-type]
                      if data is None else data)
    t = texts(lang)
    n_effects = int(max(data["y"])) + 1
    groups = list(dict.fromkeys(data["group"]))
    colors = group_colors(len(groups))
    label_chars = round(width_cm * 6.4)  # ~ characters of 8 pt DejaVu Sans per line
    labels = _distinct(data, "y")  # drop_duplicates("y").sort_values("y")
    wrapped = [_wrap(text, label_chars) for text in labels["label"]]
    lines = max(text.count("\n") + 1 for text in wrapped)
    label_cm = 0.36 * lines + 0.15  # 8 pt lines, and a gap above the points
    points_cm = 0.5 + 0.3 * (len(groups) - 1)
    row_cm = label_cm + points_cm
    label_share = label_cm / row_cm  # of a row, in data units (one row = 1)
    # the points in the lower part of the row, dodged within it
    spread = (1 - label_share) * 0.62 / 0.44  # coefficient_plot_data dodges over 0.44
    shown = Columns({**data.data, "y_plot": [  # the Series arithmetic, element by element
        y + label_share / 2 + (y_plot - y) * spread
        for y, y_plot in zip(data["y"], data["y_plot"], strict=True)]})
    height = 2.1 + row_cm * n_effects
    fig, ax = subplots(figsize=(width_cm * CM, height * CM))
    draw_coefficients(ax, shown, groups, colors, lang, label_width=label_chars,
                      label_size=PRINT_PT)
    ax.set_yticks([])
    to_row = blended_transform_factory(ax.transAxes, ax.transData)
    for y, text in zip(labels["y"], wrapped, strict=True):
        ax.text(0.0, y - 0.5 + 0.04, text, transform=to_row, ha="left", va="top",
                fontsize=PRINT_PT, color="#222222", linespacing=1.1,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6})
    ax.tick_params(axis="x", labelsize=PRINT_PT)
    ax.spines["right"].set_visible(False)
    for y in range(1, n_effects):
        ax.axhline(y - 0.5, color="#d0d0d0", linewidth=0.6, zorder=0)
    ax.set_xlabel(_wrap(t["effect_axis"].format(
        outcome=in_sentence(_study(result).outcome_label)), label_chars), fontsize=PRINT_PT)
    if len(groups) > 1:
        _legend_top(fig, ax, len(groups))
        tight_layout(fig, rect=(0, 0, 1, 1 - 0.55 / height))
    else:
        fig.tight_layout()
    return fig


def render_png(draw: Callable[[], Any], path: Path) -> None:
    """A job of the figure process (``plotting.submit_job``): draw a printed figure and
    write its PNG (:func:`.plotting.figure_png`: 300 dpi, 0.5 mm margin) to ``path``, a
    staged file the factsheet embeds (``publish/factsheet_figures.py``)."""
    path.write_bytes(figure_png(draw()))
