"""Figures of a vignette analysis (primary model), PNG 300 dpi + SVG via ``save_figure``.

- ``figures/vignette_coefficients``: every effect (non-reference level vs. the reference) with
  its 95 % CI, one row per effect, groups side by side (dodged, one colour per group).
- ``figures/vignette_marginal_means``: one panel per factor; the marginal mean rating at each
  level with its 95 % CI, groups side by side and joined by a line.

Each figure has a ``*_data`` function returning exactly what is drawn (tested instead of
pixels).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..console.vignette import group_text
from ..i18n import texts, word
from ..labels import in_sentence, level_text
from .palette import SERIES_COLORS
from .plotting import CM, GROUP_COLORS, NEUTRAL, number_formatter, save_figure, subplots

if TYPE_CHECKING:
    import pandas as pd

    from ...analyses.vignette import VignetteResult
    from ...io.write import OutputWriter



def group_colors(n: int) -> list[str]:
    if n == 1:
        return [GROUP_COLORS[1]]
    return [SERIES_COLORS[i % len(SERIES_COLORS)] for i in range(n)]


def _dodge(n: int, width: float = 0.5) -> list[float]:
    """Offsets of ``n`` side-by-side markers around 0 (spread over ``width``)."""
    if n == 1:
        return [0.0]
    step = width / (n - 1)
    return [-width / 2 + i * step for i in range(n)]


def coefficient_plot_data(result: VignetteResult, lang: str = "nl") -> pd.DataFrame:
    """One row per drawn point: the effect of a level in a group, its CI and position.

    ``y`` counts effects from the top (0 = first factor's first effect); ``y_plot`` adds the
    group's dodge offset.
    """
    import pandas as pd

    table = result.coefficients
    table = table[(table["model"] == result.primary_model) & (table["term"] != "Intercept")]
    groups = list(result.groups)
    offsets = _dodge(len(groups), 0.44)
    rows = []
    effects = [(f, lv) for f in result.study.factors for lv in _non_reference(f)]
    for y, (factor, level) in enumerate(effects):
        for group, offset in zip(groups, offsets, strict=True):
            match = table[(table["group"] == group) & (table["factor"] == factor.name)
                          & (table["level"] == level)].iloc[0]
            rows.append({
                "factor": factor.name, "level": level, "term": match["term"],
                "label": f"{factor.label}: {level_text(factor, level)}\n"
                         f"({texts(lang)['versus']} {level_text(factor, factor.reference)})",
                "group": group, "group_label": group_text(result, group, lang),
                "estimate": match["estimate"], "conf_low": match["conf_low"],
                "conf_high": match["conf_high"], "y": y, "y_plot": y + offset})
    return _mark_suppressed(pd.DataFrame(rows), lang)


def marginal_means_plot_data(result: VignetteResult, lang: str = "nl") -> pd.DataFrame:
    """One row per drawn point: the marginal mean of a level in a group and its CI.

    ``x`` is the level's position within its factor's panel (reference level first),
    ``x_plot`` adds the group's dodge offset.
    """
    import pandas as pd

    table = result.marginal_means
    table = table[table["model"] == result.primary_model]
    groups = list(result.groups)
    offsets = _dodge(len(groups), 0.3)
    rows = []
    for factor in result.study.factors:
        for x, level in enumerate(_levels(factor)):
            for group, offset in zip(groups, offsets, strict=True):
                match = table[(table["group"] == group) & (table["factor"] == factor.name)
                              & (table["level"] == level)].iloc[0]
                rows.append({
                    "factor": factor.name, "factor_label": factor.label, "level": level,
                    "level_label": level_text(factor, level), "group": group,
                    "group_label": group_text(result, group, lang),
                    "estimate": match["estimate"], "conf_low": match["conf_low"],
                    "conf_high": match["conf_high"], "x": x, "x_plot": x + offset})
    return _mark_suppressed(pd.DataFrame(rows), lang)


def _mark_suppressed(data: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A group without any estimate (suppressed, publish/privacy.py, or degenerate,
    analyses/vignette_degenerate.py) says so in the legend."""
    if not len(data):
        return data
    empty = data.groupby("group", sort=False)["estimate"].transform(lambda e: e.isna().all())
    suffix = f" ({word('figure_compare.suppressed', lang)})"
    return data.assign(group_label=data["group_label"].where(~empty,
                                                             data["group_label"] + suffix))


def _levels(factor: Any) -> list[str]:
    from ...prepare.ratings import ordered_levels

    return list(ordered_levels(factor))


def _non_reference(factor: Any) -> list[str]:
    return _levels(factor)[1:]


def _wrap(text: str, width: int = 22) -> str:
    import textwrap

    return "\n".join("\n".join(textwrap.wrap(line, width)) or line
                     for line in text.split("\n"))


def _steps_locator() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=7, steps=[1, 2, 5, 10])


def draw_coefficients(ax: Any, data: Any, groups: list[Any], colors: list[Any], lang: str,
                      *, label_width: int, label_size: float) -> None:
    """The effects of :func:`coefficient_plot_data` as points with their 95 % CI per group, one
    row per effect, on ``ax``: shared by the standalone figure and the printed one
    (:func:`.printed.coefficient_figure`), which differ only in size."""
    n_effects = int(data["y"].max()) + 1
    ax.axvline(0, color=NEUTRAL, linewidth=0.8, zorder=1)
    for group, color in zip(groups, colors, strict=True):
        part = data[data["group"] == group]
        ax.errorbar(part["estimate"], part["y_plot"],
                    xerr=[part["estimate"] - part["conf_low"],
                          part["conf_high"] - part["estimate"]],
                    fmt="o", color=color, ecolor=color, elinewidth=1.6, capsize=2.5,
                    markersize=5, label=part["group_label"].iloc[0], zorder=3)
    labels = data.drop_duplicates("y").sort_values("y")
    ax.set_yticks(labels["y"], [_wrap(text, label_width) for text in labels["label"]],
                  fontsize=label_size)
    ax.set_ylim(n_effects - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_locator(_steps_locator())
    ax.xaxis.set_major_formatter(number_formatter(lang, 1))
    ax.grid(axis="x", color="#e6e6e6", linewidth=0.6, zorder=0)


def coefficient_figure(result: VignetteResult, lang: str = "nl") -> Any:
    data = coefficient_plot_data(result, lang)
    t = texts(lang)
    n_effects = int(data["y"].max()) + 1
    groups = list(dict.fromkeys(data["group"]))
    colors = group_colors(len(groups))
    per_effect = 1.1 + 0.3 * (len(groups) - 1)
    legend_space = 0.8 if len(groups) > 1 else 0.0
    height = 2.6 + legend_space + per_effect * n_effects
    fig, ax = subplots(figsize=(16 * CM, height * CM))
    draw_coefficients(ax, data, groups, colors, lang, label_width=36, label_size=8)
    for y in range(1, n_effects):
        ax.axhline(y - 0.5, color="#f0f0f0", linewidth=0.6, zorder=0)
    # wrapped to the axes' width (~50 characters of 9 pt): centred under the axes, which begin
    # right of the effect labels, one long line reached past the figure's right edge
    ax.set_xlabel(_wrap(t["effect_axis"].format(
        outcome=in_sentence(result.study.outcome_label)), 50))
    ax.set_title(t["vignette_coefficients_title"])
    if len(groups) > 1:
        fig.legend(*ax.get_legend_handles_labels(), loc="lower center", ncol=len(groups),
                   bbox_to_anchor=(0.5, 0.0), handletextpad=0.3, columnspacing=1.5)
        fig.tight_layout(rect=(0, legend_space / height, 1, 1))
    else:
        fig.tight_layout()
    return fig


def marginal_means_figure(result: VignetteResult, lang: str = "nl") -> Any:
    data = marginal_means_plot_data(result, lang)
    t = texts(lang)
    factors = list(dict.fromkeys(data["factor"]))
    groups = list(dict.fromkeys(data["group"]))
    colors = group_colors(len(groups))
    n = len(factors)
    columns = min(n, 3)
    rows = -(-n // columns)
    legend_space = 1.0 if len(groups) > 1 else 0.0
    height = 2.0 + legend_space + 7.0 * rows
    fig, axes = subplots(rows, columns, squeeze=False, sharey=True,
                             figsize=(min(16.0, 4.0 + 4.4 * columns) * CM, height * CM))
    low = float(data["conf_low"].min())
    high = float(data["conf_high"].max())
    pad = 0.08 * (high - low) if high > low else 0.5
    for index, factor in enumerate(factors):
        ax = axes[index // columns][index % columns]
        part = data[data["factor"] == factor]
        for group, color in zip(groups, colors, strict=True):
            g = part[part["group"] == group]
            ax.plot(g["x_plot"], g["estimate"], color=color, linewidth=1, alpha=0.7, zorder=2)
            ax.errorbar(g["x_plot"], g["estimate"],
                        yerr=[g["estimate"] - g["conf_low"], g["conf_high"] - g["estimate"]],
                        fmt="o", color=color, ecolor=color, elinewidth=1.6, capsize=2.5,
                        markersize=5, label=g["group_label"].iloc[0], zorder=3)
        ticks = part.drop_duplicates("x").sort_values("x")
        n_levels = len(ticks)
        if n_levels <= 3:
            ax.set_xticks(ticks["x"], [_wrap(text, max(8, 26 // n_levels))
                                       for text in ticks["level_label"]], fontsize=8)
        else:  # many levels: slanted, unwrapped labels
            ax.set_xticks(ticks["x"], list(ticks["level_label"]), fontsize=7, rotation=45,
                          ha="right", rotation_mode="anchor")
        ax.set_xlim(-0.5, n_levels - 0.5)
        ax.set_title(_wrap(part["factor_label"].iloc[0], 24), loc="center", fontsize=9)
        ax.grid(axis="y", color="#e6e6e6", linewidth=0.6, zorder=0)
        ax.yaxis.set_major_locator(_steps_locator())
        ax.yaxis.set_major_formatter(number_formatter(lang, 1))
        ax.set_ylim(low - pad, high + pad)
        if index % columns == 0:
            ax.set_ylabel(_wrap(t["mean_axis"].format(outcome=result.study.outcome_label), 34))
        else:
            ax.tick_params(axis="y", length=0)
    for index in range(n, rows * columns):
        axes[index // columns][index % columns].set_visible(False)
    fig.suptitle(t["vignette_marginal_means_title"], x=0.02, ha="left", fontsize=10,
                 fontweight="bold")
    if len(groups) > 1:
        handles, labels = axes[0][0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="lower center", ncol=len(groups),
                   bbox_to_anchor=(0.5, 0.0), handletextpad=0.3, columnspacing=1.5)
        fig.tight_layout(rect=(0, legend_space / height, 1, 1))
    else:
        fig.tight_layout()
    return fig


def write_vignette_figures(result: VignetteResult, writer: OutputWriter, lang: str = "nl"
                           ) -> list[str]:
    """Both figures into ``figures/``; returns the file names written."""
    from functools import partial

    names = save_figure(partial(coefficient_figure, result, lang), writer,
                        "vignette_coefficients")
    names += save_figure(partial(marginal_means_figure, result, lang), writer,
                         "vignette_marginal_means")
    return names
