"""Figures of a vignette analysis (primary model), PNG 300 dpi + SVG via ``save_figure``.

- ``figures/vignette_coefficients``: every effect (non-reference level vs. the reference) with
  its 95 % CI, one row per effect, groups side by side (dodged, one colour per group).
- ``figures/vignette_marginal_means``: one panel per factor; the marginal mean rating at each
  level with its 95 % CI, groups side by side and joined by a line.

Each figure has a ``*_data`` function returning exactly what is drawn (tested instead of
pixels).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..console.vignette import group_text
from ..i18n import texts, word
from ..labels import in_sentence, level_text
from .palette import SERIES_COLORS
from .plotting import (
    CM,
    GROUP_COLORS,
    NEUTRAL,
    Columns,
    fitted_limits,
    has_value,
    minus,
    number_formatter,
    save_figure,
    subplots,
    tight_layout,
)

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


@dataclass(frozen=True)
class FigureStudy:
    """What the two drawings need of a :class:`~maatwerk_stats.analyses.vignette.VignetteResult`
    besides their ``*_data`` table: the outcome's label. :func:`write_vignette_figures` sends
    this and the tables (:class:`~.plotting.Columns`, computed in the command's process) to
    the figure process instead of the whole result, so that the figure process, which
    ``vignette`` forks before it imports pandas, never imports pandas (nor the analysis
    modules) to unpickle a job."""

    outcome_label: str


def _study(result: VignetteResult | FigureStudy) -> FigureStudy:
    return result if isinstance(result, FigureStudy) else FigureStudy(
        result.study.outcome_label)


def _primary_rows(table: pd.DataFrame, result: VignetteResult, names: tuple[str, ...]
                  ) -> dict[tuple[Any, ...], dict[str, Any]]:
    """The rows of ``table`` (coefficients or marginal means) of the primary model, each as
    a dict of ``names``, by (group, factor, level): the first such row, as
    ``table[(table["group"] == g) & … ].iloc[0]`` found it; read column by column
    (``Series.tolist``: the Python scalars the drawings get), not filtered per point."""
    columns = {name: table[name].tolist() for name in ("model", "group", "factor", "level",
                                                         *names)}
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for i, model in enumerate(columns["model"]):
        key = (columns["group"][i], columns["factor"][i], columns["level"][i])
        if model == result.primary_model and key not in rows:
            rows[key] = {name: columns[name][i] for name in names}
    return rows


def coefficient_plot_columns(result: VignetteResult, lang: str = "nl") -> Columns:
    """:func:`coefficient_plot_data` as :class:`~.plotting.Columns` (what the drawing job
    carries)."""
    rows = _primary_rows(result.coefficients, result,
                         ("term", "estimate", "conf_low", "conf_high"))
    groups = list(result.groups)
    offsets = _dodge(len(groups), 0.44)
    points = []
    effects = [(f, lv) for f in result.study.factors for lv in _non_reference(f)]
    for y, (factor, level) in enumerate(effects):
        for group, offset in zip(groups, offsets, strict=True):
            match = rows[(group, factor.name, level)]  # (the intercept has no factor)
            points.append({
                "factor": factor.name, "level": level, "term": match["term"],
                "label": f"{factor.label}: {level_text(factor, level)}\n"
                         f"({texts(lang)['versus']} {level_text(factor, factor.reference)})",
                "group": group, "group_label": group_text(result, group, lang),
                "estimate": match["estimate"], "conf_low": match["conf_low"],
                "conf_high": match["conf_high"], "y": y, "y_plot": y + offset})
    return _mark_suppressed(points, lang)


def coefficient_plot_data(result: VignetteResult, lang: str = "nl") -> pd.DataFrame:
    """One row per drawn point: the effect of a level in a group, its CI and position.

    ``y`` counts effects from the top (0 = first factor's first effect); ``y_plot`` adds the
    group's dodge offset.
    """
    return _frame(coefficient_plot_columns(result, lang))


def marginal_means_plot_columns(result: VignetteResult, lang: str = "nl") -> Columns:
    """:func:`marginal_means_plot_data` as :class:`~.plotting.Columns` (what the drawing job
    carries)."""
    rows = _primary_rows(result.marginal_means, result, ("estimate", "conf_low", "conf_high"))
    groups = list(result.groups)
    offsets = _dodge(len(groups), 0.3)
    points = []
    for factor in result.study.factors:
        for x, level in enumerate(_levels(factor)):
            for group, offset in zip(groups, offsets, strict=True):
                match = rows[(group, factor.name, level)]
                points.append({
                    "factor": factor.name, "factor_label": factor.label, "level": level,
                    "level_label": level_text(factor, level), "group": group,
                    "group_label": group_text(result, group, lang),
                    "estimate": match["estimate"], "conf_low": match["conf_low"],
                    "conf_high": match["conf_high"], "x": x, "x_plot": x + offset})
    return _mark_suppressed(points, lang)


def marginal_means_plot_data(result: VignetteResult, lang: str = "nl") -> pd.DataFrame:
    """One row per drawn point: the marginal mean of a level in a group and its CI.

    ``x`` is the level's position within its factor's panel (reference level first),
    ``x_plot`` adds the group's dodge offset.
    """
    return _frame(marginal_means_plot_columns(result, lang))


def _frame(data: Columns) -> pd.DataFrame:
    """``data`` as the DataFrame of its points (``pd.DataFrame(rows)``: no columns when it
    has no points)."""
    import pandas as pd

    return pd.DataFrame(data.data) if data.data else pd.DataFrame([])


def _mark_suppressed(points: list[dict[str, Any]], lang: str) -> Columns:
    """The points as Columns; a group without any estimate (suppressed, publish/privacy.py,
    or degenerate, analyses/vignette_degenerate.py) says so in the legend."""
    if not points:
        return Columns({})
    estimated = {point["group"] for point in points if has_value(point["estimate"])}
    suffix = f" ({word('figure_compare.suppressed', lang)})"
    data = Columns({name: [point[name] for point in points] for name in points[0]})
    data.data["group_label"] = [label if group in estimated else label + suffix for group, label
                                in zip(data["group"], data["group_label"], strict=True)]
    return data


def _distinct(data: Columns, name: str) -> Columns:
    """The first row of each value of ``name``, ordered by it
    (``frame.drop_duplicates(name).sort_values(name)``)."""
    first: dict[Any, int] = {}
    for i, value in enumerate(data[name]):
        first.setdefault(value, i)
    return data.take(sorted(first.values(), key=lambda i: data[name][i]))


def _levels(factor: Any) -> list[str]:
    from ...prepare.ratings import ordered_levels

    return list(ordered_levels(factor))


def _non_reference(factor: Any) -> list[str]:
    return _levels(factor)[1:]


def _wrap(text: str, width: int = 22) -> str:
    """Each line of ``text`` in lines of at most ``width`` characters, broken between words
    only (as ``compare._wrap``): a longer word keeps its line whole."""
    import textwrap

    return "\n".join("\n".join(textwrap.wrap(line, width, break_long_words=False)) or line
                     for line in text.split("\n"))


def _steps_locator() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=7, steps=[1, 2, 5, 10])


def draw_coefficients(ax: Any, data: pd.DataFrame | Columns, groups: list[Any],
                      colors: list[Any], lang: str, *, label_width: int,
                      label_size: float) -> None:
    """The effects of :func:`coefficient_plot_data` as points with their 95 % CI per group, one
    row per effect, on ``ax``: shared by the standalone figure and the printed one
    (:func:`.printed.coefficient_figure`), which differ only in size. ``data``: that table,
    or its :class:`~.plotting.Columns` (the drawing reads lists)."""
    data = Columns.of(data)
    n_effects = int(max(data["y"])) + 1
    ax.axvline(0, color=NEUTRAL, linewidth=0.8, zorder=1)
    for group, color in zip(groups, colors, strict=True):
        part = data.where("group", group)
        estimate = part["estimate"]
        ax.errorbar(estimate, part["y_plot"],
                    xerr=[minus(estimate, part["conf_low"]),
                          minus(part["conf_high"], estimate)],
                    fmt="o", color=color, ecolor=color, elinewidth=1.6, capsize=2.5,
                    markersize=5, label=part["group_label"][0], zorder=3)
    labels = _distinct(data, "y")
    ax.set_yticks(labels["y"], [_wrap(text, label_width) for text in labels["label"]],
                  fontsize=label_size)
    ax.set_ylim(n_effects - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_locator(_steps_locator())
    ax.xaxis.set_major_formatter(number_formatter(lang, 1))
    ax.grid(axis="x", color="#e6e6e6", linewidth=0.6, zorder=0)


def coefficient_figure(result: VignetteResult | FigureStudy, lang: str = "nl",
                       data: pd.DataFrame | Columns | None = None) -> Any:
    """The effects of :func:`coefficient_plot_data` (``data``: that table when already
    computed, as :func:`write_vignette_figures` does in the command's process; then
    ``result`` may be its :class:`FigureStudy`)."""
    data = Columns.of(coefficient_plot_columns(result, lang) if data is None  # type: ignore[arg-type]
                      else data)
    t = texts(lang)
    n_effects = int(max(data["y"])) + 1
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
        outcome=in_sentence(_study(result).outcome_label)), 50))
    ax.set_title(t["vignette_coefficients_title"])
    if len(groups) > 1:
        fig.legend(*ax.get_legend_handles_labels(), loc="lower center", ncol=len(groups),
                   bbox_to_anchor=(0.5, 0.0), handletextpad=0.3, columnspacing=1.5)
        tight_layout(fig, rect=(0, legend_space / height, 1, 1))
    else:
        fig.tight_layout()
    return fig


def marginal_means_figure(result: VignetteResult | FigureStudy, lang: str = "nl",
                          data: pd.DataFrame | Columns | None = None) -> Any:
    """The marginal means of :func:`marginal_means_plot_data`, one panel per factor
    (``data`` and ``result``: as for :func:`coefficient_figure`)."""
    data = Columns.of(marginal_means_plot_columns(result, lang)  # type: ignore[arg-type]
                      if data is None else data)
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
    # every group suppressed (all fewer than report.min_cell): empty panels on 0–1
    low, high = fitted_limits([data["conf_low"], data["conf_high"], data["estimate"]], 0.0)
    pad = 0.08 * (high - low) if high > low else 0.5
    for index, factor in enumerate(factors):
        ax = axes[index // columns][index % columns]
        part = data.where("factor", factor)
        for group, color in zip(groups, colors, strict=True):
            g = part.where("group", group)
            estimate = g["estimate"]
            ax.plot(g["x_plot"], estimate, color=color, linewidth=1, alpha=0.7, zorder=2)
            ax.errorbar(g["x_plot"], estimate,
                        yerr=[minus(estimate, g["conf_low"]), minus(g["conf_high"], estimate)],
                        fmt="o", color=color, ecolor=color, elinewidth=1.6, capsize=2.5,
                        markersize=5, label=g["group_label"][0], zorder=3)
        ticks = _distinct(part, "x")
        n_levels = len(ticks)
        if n_levels <= 3:
            ax.set_xticks(ticks["x"], [_wrap(text, max(8, 26 // n_levels))
                                       for text in ticks["level_label"]], fontsize=8)
        else:  # many levels: slanted, unwrapped labels
            ax.set_xticks(ticks["x"], list(ticks["level_label"]), fontsize=7, rotation=45,
                          ha="right", rotation_mode="anchor")
        ax.set_xlim(-0.5, n_levels - 0.5)
        ax.set_title(_wrap(part["factor_label"][0], 24), loc="center", fontsize=9)
        ax.grid(axis="y", color="#e6e6e6", linewidth=0.6, zorder=0)
        ax.yaxis.set_major_locator(_steps_locator())
        ax.yaxis.set_major_formatter(number_formatter(lang, 1))
        ax.set_ylim(low - pad, high + pad)
        if index % columns == 0:
            ax.set_ylabel(_wrap(t["mean_axis"].format(outcome=_study(result).outcome_label),
                                34))
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
        tight_layout(fig, rect=(0, legend_space / height, 1, 1))
    else:
        fig.tight_layout()
    return fig


def write_vignette_figures(result: VignetteResult, writer: OutputWriter, lang: str = "nl"
                           ) -> list[str]:
    """Both figures into ``figures/``; returns the file names written. Each drawing gets its
    table, computed here, as :class:`~.plotting.Columns`, and of the result only its
    :class:`FigureStudy`: no pandas, no analysis module to unpickle in the figure process."""
    from functools import partial

    study = _study(result)
    names = save_figure(partial(coefficient_figure, study, lang,
                                data=coefficient_plot_columns(result, lang)), writer,
                        "vignette_coefficients")
    names += save_figure(partial(marginal_means_figure, study, lang,
                                 data=marginal_means_plot_columns(result, lang)), writer,
                         "vignette_marginal_means")
    return names
