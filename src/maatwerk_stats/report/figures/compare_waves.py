"""The figure of the means over time (``compare --model mixed``, and any follow-up wave).

``compare_mixed_means``: per scale (one panel each, on the scale's own range when declared)
the model mean of every measurement with its 95 % CI, from ``compare_mixed_means.csv`` (the
mixed model on every respondent, as ``emmeans(m, ~ time)``), joined by a line in time order;
each point is labelled with its mean and the number of respondents measured then. With
``--site`` a line per site instead (the pooled model's means; only the sites in the table, so
a suppressed site is not drawn).

The figure process draws it from lists (:class:`~.plotting.Columns`) and a
:class:`WavesStudy`, not from the Comparison: unpickling that imported pandas and the analysis
modules in the figure process (``compare`` forks it before pandas, and no other compare
figure needs them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...names import ALL
from ..format import fmt_number
from ..i18n import section
from .palette import SERIES_COLORS
from .plotting import (
    CM,
    GROUP_COLORS,
    NEUTRAL,
    Columns,
    fitted_limits,
    number_formatter,
    subplots,
    tight_layout,
)

if TYPE_CHECKING:
    import pandas as pd

    from ...analyses.compare import Comparison

STEM = "compare_mixed_means"


def waves_data(result: Comparison) -> pd.DataFrame:
    """The rows of ``compare_mixed_means`` behind the figure, with the scale's range."""
    assert result.mixed_means is not None
    ranges = {s.name: s.range for s in result.scale_configs}
    data = result.mixed_means.copy()
    bounds = [ranges.get(name) or (math.nan, math.nan) for name in data["variable"]]
    return data.assign(range_low=[b[0] for b in bounds], range_high=[b[1] for b in bounds])


@dataclass(frozen=True)
class WavesStudy:
    """What :func:`waves_figure` needs of a Comparison besides :func:`waves_data`: the number
    and labels of the measurements, and the label of the parent scale of each subscale (its
    panel's title names it)."""

    n_waves: int
    wave_labels: tuple[str, ...]
    parent_labels: dict[str, str]


def waves_study(result: Comparison) -> WavesStudy:
    """The :class:`WavesStudy` of ``result``; a subscale whose parent is not among the scales
    is titled with the parent's name."""
    labels = {}
    for scale in result.scale_configs:
        if scale.parent:
            labels[scale.name] = next((s.label for s in result.scale_configs
                                       if s.name == scale.parent), scale.parent)
    return WavesStudy(len(result.waves), tuple(result.wave_labels), labels)


def waves_figure(study: WavesStudy, lang: str = "nl", *, data: Columns) -> Any:
    """``data``: :func:`waves_data` as Columns."""
    words = section("figure_compare", lang)
    scales = list(dict.fromkeys(data["variable"]))
    sites = [site for site in dict.fromkeys(data["site"]) if site != ALL] or [ALL]
    n_waves = study.n_waves
    height = 4.2 * len(scales) + 1.6
    fig, axes = subplots(len(scales), 1, figsize=(16 * CM, height * CM), squeeze=False)
    colors = (NEUTRAL, *GROUP_COLORS[::-1], *SERIES_COLORS[2:4])
    for ax, scale in zip(axes[:, 0], scales, strict=True):
        part = data.where("variable", scale)
        for k, site in enumerate(sites):
            line = part.where("site", site)
            color = colors[k % len(colors)]
            x = [float(i) + (k - (len(sites) - 1) / 2) * 0.1 for i in range(len(line))]
            ax.plot(x, line["estimate"], "-", color=color, linewidth=1.2, zorder=2,
                    label=site if len(sites) > 1 else None)
            for xi, row in zip(x, line.rows(), strict=True):
                if math.isnan(row.estimate):
                    continue
                if not math.isnan(row.conf_low):
                    ax.errorbar(xi, row.estimate, yerr=[[row.estimate - row.conf_low],
                                                        [row.conf_high - row.estimate]],
                                fmt="o", color=color, ecolor=color, elinewidth=1.6,
                                capsize=3, markersize=6, zorder=3)
                if len(sites) == 1:
                    ax.annotate(f"{fmt_number(row.estimate, 2, lang)}\n(n = {row.n})",
                                (xi, row.estimate), xytext=(8, 0), textcoords="offset points",
                                ha="left", va="center", fontsize=7, color=NEUTRAL,
                                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6,
                                      "alpha": 0.85}, zorder=4)
        low, high = part["range_low"][0], part["range_high"][0]
        if math.isnan(low):  # no declared range: fit the data (0–1 when all suppressed)
            low, high = fitted_limits([part["conf_low"], part["conf_high"], part["estimate"]],
                                      0.15)
        ax.set_ylim(low, high)
        ax.set_xlim(-0.4, n_waves - 0.4)
        ax.set_xticks(range(n_waves), list(study.wave_labels))
        whole = float(low).is_integer() and float(high).is_integer() and high - low <= 12
        ax.yaxis.set_major_formatter(number_formatter(lang, 0 if whole else 1))
        ax.grid(axis="y", color="#e0e0e0", linewidth=0.6, zorder=0)
        title = part["label"][0]
        parent_label = study.parent_labels.get(scale)
        if parent_label is not None:  # a subscale: say whose
            title = f"{parent_label} · {title}"
        ax.set_title(title, fontsize=9, loc="left")
        ax.set_ylabel(words["mean_axis"])
        if len(sites) > 1:
            ax.legend(fontsize=7, loc="best")
    axes[-1, 0].set_xlabel(words["waves_axis"])
    fig.suptitle(words["waves_title"], x=0.01, ha="left", fontsize=10, fontweight="bold")
    tight_layout(fig, rect=(0, 0, 1, 1 - 0.9 / height))
    return fig
