"""Figures of ``maatwerk-stats compare`` (PNG at 300 dpi and SVG, in ``figures/``).

1. ``compare_scale_means``: per scale the mean of each measurement with its 95 % CI
   (mean ± t_{.975, n−1}·sd/√n), one panel per scale on the scale's own range;
2. ``compare_items_likert``: a diverging stacked bar chart of the answers per item, the first
   measurement above the second, the neutral (middle) category of the item's own scale
   centred on 0 and the answers coloured on that scale's categories (scales of different
   ranges each get a header and a legend); the answers as given (also for a reverse-keyed
   item), under their own labels;
3. ``compare_items_forest``: the mean difference per item with its unadjusted 95 % CI (from
   the t-test of the row), grouped by scale; filled markers for differences that are
   significant after the correction for multiple testing, half-filled ones where only the
   unadjusted CI excludes 0, so that interval and marker never silently disagree;
4. with ``--model mixed`` (or a follow-up wave) ``compare_mixed_means``: the means over time
   (:mod:`.compare_waves`).

Each figure is drawn from a small table returned by a ``*_data`` function, so tests check the
numbers behind the figure rather than pixels. Labels come from the config (scale, item and
group labels); the axes use the decimal mark of the language.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..format import fmt_number
from ..i18n import section
from ..labels import group_headers
from .palette import likert_colors, text_color_on
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

    from ...analyses.compare import Comparison, Distribution
    from ...io.write import OutputWriter

STEMS = ("compare_scale_means", "compare_items_likert", "compare_items_forest")
# items with more answer categories than this (or non-whole answers) are not Likert items:
# they are left out of the stacked bar chart
MAX_CATEGORIES = 11



def _w(lang: str) -> dict[str, str]:
    return section("figure_compare", lang)


@dataclass(frozen=True)
class FigureGroups:
    """What the three drawings need of a :class:`~maatwerk_stats.analyses.compare.Comparison`
    besides their ``*_data`` table: the group codes and labels and the p-value correction.
    :func:`write_figures` sends this (and the tables, computed in the command's process) to
    the figure process instead of the whole comparison, so that the figure process does not
    import the analysis modules (``analyses.compare`` and what it imports, about 0.1 s) to
    unpickle it."""

    groups: tuple[str, str]
    group_labels: tuple[str, str]
    adjust: str = "holm"


# --------------------------------------------------------------------------------------------
# The data behind the figures


def scale_means_data(result: Comparison) -> pd.DataFrame:
    """One row per scale and measurement: n, mean, 95 % CI of the mean
    (:func:`maatwerk_stats.analyses.compare.group_means`) and the scale's range."""
    import pandas as pd

    from ...analyses.compare import group_means

    ranges = {s.name: s.range for s in result.scale_configs}
    data = group_means(result)
    bounds = [ranges.get(name) or (math.nan, math.nan) for name in data["scale"]]
    return data.assign(range_low=[b[0] for b in bounds], range_high=[b[1] for b in bounds]) \
        if len(data) else pd.DataFrame(columns=[*data.columns, "range_low", "range_high"])


def _scale_categories(answers: set[float]) -> tuple[float, ...]:
    """The answer categories of one scale's bars: every whole answer from the lowest to the
    highest (an answer nobody gave, of a scale without a declared range, keeps its colour
    and its place left or right of the neutral one), unless that spans more than
    :data:`MAX_CATEGORIES`: then the answers there are. With a declared range the
    distribution lists every category of it, so these are the range's categories."""
    low, high = min(answers), max(answers)
    if high - low + 1 <= MAX_CATEGORIES:
        return tuple(float(v) for v in range(int(low), int(high) + 1))
    return tuple(sorted(answers))


def _neutral(categories: tuple[float, ...]) -> float:
    """The category the bars centre on 0: the middle one, or halfway between the middle two
    of an even number (2.5 of 1–4: 0 lies between 2 and 3)."""
    k = len(categories)
    return categories[k // 2] if k % 2 else (categories[k // 2 - 1] + categories[k // 2]) / 2


def _answers_key(categories: tuple[float, ...]) -> str:
    """The categories as the legend names them: ``1–7``, or the answers (``0, 50, 100``)."""
    whole = [str(int(v)) for v in categories]
    contiguous = len(categories) > 1 and categories[-1] - categories[0] + 1 == len(categories)
    return f"{whole[0]}–{whole[-1]}" if contiguous else ", ".join(whole)


def likert_data(result: Comparison) -> pd.DataFrame:
    """One row per item, measurement and answer category: percent and the bar segment
    ``[left, right)`` with the neutral category centred on 0 (for an even number of
    categories, 0 lies between the two middle ones). Items with more than
    :data:`MAX_CATEGORIES` categories or non-whole answers are left out.

    The categories, the neutral one and the colours are those of the item's scale
    (:func:`_scale_categories`; ``answers`` names them, ``neutral`` is the answer on 0,
    ``color`` the segment's colour): a 1–5 item beside a 1–7 item is centred on 3 and
    coloured on its own five steps, not on the seven of the other scale (3 drawn as
    "disagree"), and both bars of an item centre on the same answer even where a
    measurement left a category unanswered.

    The bars show the answers as given: ``answer`` is the stored code and ``value_label`` its
    label, for a reverse-keyed item too (``value`` is the reverse-coded value of
    ``compare_distribution.csv``, ``min + max − answer``). Drawing the reverse-coded values
    under the labels of the original answers would show "helemaal mee eens" for people who
    answered "helemaal mee oneens"."""
    import pandas as pd

    dist = result.distribution
    reverse = {item: scale for scale in result.scale_configs for item in scale.reverse}
    scale_labels = {scale.name: scale.label for scale in result.scale_configs}
    # one pass over the distribution table (items × measurements × answer categories, a few
    # hundred rows, not respondents), its rows bucketed per item in their order; pandas
    # filtering per item and measurement cost ~60 times as much
    fields = ("item", "group", "value", "percent", "n", "value_label", "label", "scale")
    by_item: dict[Any, list[tuple]] = {}
    for record in zip(*(dist[field].tolist() for field in fields), strict=True):
        by_item.setdefault(record[0], []).append(record)
    likert: dict[Any, list[float]] = {}  # the Likert items and their answers as given
    for item, records in by_item.items():
        values = [r[2] for r in records]
        if (len({v for v in values if v == v}) > MAX_CATEGORIES
                or any(v != v or v % 1 != 0 for v in values)):
            continue  # not a Likert item (NaN fails the whole-answer test, as before)
        scale = reverse.get(item)
        likert[item] = [scale.reverse_value(v) if scale is not None else v for v in values]
    answers_of: dict[Any, set[float]] = {}  # per scale, the answers of its Likert items
    for item, answers in likert.items():
        answers_of.setdefault(by_item[item][0][7], set()).update(answers)
    keys = {}  # per scale: its categories' key, neutral answer and colour per answer
    for name, answers in answers_of.items():
        categories = _scale_categories(answers)
        keys[name] = (_answers_key(categories), _neutral(categories),
                      dict(zip(categories, likert_colors(len(categories)), strict=True)))
    rows = []
    for item, item_answers in likert.items():
        records = by_item[item]
        key, neutral, colors = keys[records[0][7]]
        for code, label in zip(result.groups, result.group_labels, strict=True):
            positions = [i for i, r in enumerate(records) if r[1] == code]
            order = sorted(positions, key=item_answers.__getitem__)
            part, answers = [records[i] for i in order], [item_answers[i] for i in order]
            percents = [0.0 if r[3] != r[3] else r[3] for r in part]
            below = sum(p for a, p in zip(answers, percents, strict=True) if a < neutral)
            middle = sum(p for a, p in zip(answers, percents, strict=True) if a == neutral)
            start = -(below + middle / 2)
            n = int(sum(r[4] for r in part if r[4] == r[4]))  # as pandas sum: NaN skipped
            for (_, _, value, _, count, value_label, _, _), answer, percent in zip(
                    part, answers, percents, strict=True):
                rows.append({"item": item, "label": part[0][6], "scale": part[0][7],
                             "group": code, "group_label": label, "n_group": n,
                             "value": float(value), "answer": float(answer),
                             "reversed": item in reverse, "value_label": value_label,
                             "n": int(count), "percent": percent, "left": start,
                             "right": start + percent,
                             "scale_label": scale_labels.get(part[0][7], part[0][7]),
                             "answers": key, "neutral": neutral, "color": colors[answer]})
                start += percent
    return pd.DataFrame(rows, columns=["item", "label", "scale", "group", "group_label",
                                       "n_group", "value", "answer", "reversed",
                                       "value_label", "n", "percent", "left", "right",
                                       "scale_label", "answers", "neutral", "color"])


def likert_legend(data: pd.DataFrame | Columns, lang: str) -> dict[float, str]:
    """The legend text per answer code: its value label (the same for every item, since the
    bars show the answers as given), else the number. Give it the rows of one colour key
    (one ``answers`` of :func:`likert_data`, see :func:`likert_keys`): the labels of a 1–7
    scale are not those of a 1–5 one."""
    data = Columns.of(data)
    first: dict[float, str] = {}  # the first value label of each answer, in the rows' order
    for answer, text in zip(data["answer"], data["value_label"], strict=True):
        if text != "":
            first.setdefault(answer, text)
    return {answer: first[answer] if answer in first else fmt_number(answer, 0, lang)
            for answer in sorted(set(data["answer"]))}


def likert_keys(data: pd.DataFrame | Columns) -> list[tuple[str, list[Any], list[int]]]:
    """The colour keys of :func:`likert_data`'s rows, one per distinct ``answers`` (1–5,
    1–7), in the order of the rows: the key, the labels of the scales that use it, and the
    positions of its rows. The chart draws one legend per key."""
    data = Columns.of(data)
    keys: dict[str, tuple[list[Any], list[int]]] = {}
    for position, (key, scale) in enumerate(zip(data["answers"], data["scale_label"],
                                                strict=True)):
        scales, positions = keys.setdefault(key, ([], []))
        if scale not in scales:
            scales.append(scale)
        positions.append(position)
    return [(key, scales, positions) for key, (scales, positions) in keys.items()]


def forest_data(result: Comparison) -> pd.DataFrame:
    """One row per item: mean difference, its 95 % CI (unadjusted, from the row's t-test),
    significance after the correction for multiple testing, and ``marking``: how the marker
    is drawn, so that interval and marker never disagree without saying so —
    ``significant`` (after the correction; the CI excludes 0), ``uncorrected`` (the
    unadjusted CI excludes 0, i.e. p < .05, but not after the correction: half filled) or
    ``not_significant``."""
    table = result.items
    data = table[["scale", "variable", "label", "reversed", "mean_diff", "diff_conf_low",
                  "diff_conf_high", "p_value", "p_adjusted"]].copy()
    data["significant"] = data["p_adjusted"] < 0.05
    excludes_zero = (data["diff_conf_low"] > 0) | (data["diff_conf_high"] < 0)
    data["marking"] = "not_significant"
    data.loc[excludes_zero & ~data["significant"], "marking"] = "uncorrected"
    data.loc[data["significant"], "marking"] = "significant"
    labels = {s.name: s.label for s in result.scale_configs}
    data.insert(1, "scale_label", data["scale"].map(labels))
    return data.reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Drawing


def _wrap(text: str, width: int) -> str:
    """``text`` in lines of at most ``width`` characters, broken between words only: a word
    longer than the width keeps its own line whole ("Zelfeffectiviteit" was drawn as
    "Zelfeffectivitei" / "t" at width 16)."""
    return "\n".join(textwrap.wrap(str(text), width=width, break_long_words=False)
                     ) or str(text)


def _item_text(label: str, item: str, reversed_: bool, lang: str, width: int,
               mark: str = "reversed") -> str:
    text = label if label and label != item else item
    if reversed_:
        text = f"{text} ({_w(lang)[mark]})"
    return _wrap(text, width)


def scale_means_figure(result: Comparison | FigureGroups, lang: str = "nl",
                       data: pd.DataFrame | Columns | None = None) -> Any:
    """The scale means of :func:`scale_means_data` (``data``: that table when already
    computed: :func:`write_figures` computes it in the command's process, where the t
    quantiles of the CIs are at hand, so the figure's child never imports scipy; as
    :class:`~.plotting.Columns`, so that it does not import pandas either)."""
    from matplotlib.ticker import MaxNLocator, MultipleLocator

    data = Columns.of(scale_means_data(result) if data is None else data)
    scales = list(dict.fromkeys(data["scale"]))
    fig, axes = subplots(len(scales), 1, figsize=(16 * CM, (2.9 * len(scales) + 1.8) * CM),
                             squeeze=False)
    words = _w(lang)
    for ax, scale in zip(axes[:, 0], scales, strict=True):
        part = data.where("scale", scale)
        low, high = part["range_low"][0], part["range_high"][0]
        if math.isnan(low):  # no declared range: fit the data (0–1 when all suppressed)
            low, high = fitted_limits([part["conf_low"], part["conf_high"], part["mean"]], 0.1)
        for position, row in enumerate(part.rows()):
            y = -position
            color = GROUP_COLORS[position % len(GROUP_COLORS)]
            if not math.isnan(row.conf_low):
                ax.errorbar(row.mean, y, xerr=[[row.mean - row.conf_low],
                                               [row.conf_high - row.mean]],
                            fmt="o", color=color, ecolor=color, elinewidth=2, capsize=3,
                            markersize=7, zorder=3)
            elif not math.isnan(row.mean):
                ax.plot(row.mean, y, "o", color=color, markersize=7, zorder=3)
            if not math.isnan(row.mean):
                right = row.conf_high if not math.isnan(row.conf_high) else row.mean
                ax.annotate(fmt_number(row.mean, 2, lang), (right, y),
                            xytext=(6, 0), textcoords="offset points", ha="left",
                            va="center", fontsize=8, color=NEUTRAL)
        ax.set_yticks([0, -1], [f"{g} (n = {n})" for g, n in  # "Vóór (n = 22)"
                                zip(group_headers(tuple(part["group_label"]), lang),
                                    part["n"], strict=True)])
        ax.set_ylim(-1.6, 0.6)
        ax.set_xlim(low, high)
        whole = float(high - low) >= 3 and float(low).is_integer()
        if high - low <= 12:  # answer scales: a tick per answer (or half answer)
            ax.xaxis.set_major_locator(MultipleLocator(1 if whole else 0.5))
        else:  # wide ranges (amounts, ages): at most ~8 round ticks
            ax.xaxis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 2.5, 5, 10],
                                                   integer=whole))
        ax.xaxis.set_major_formatter(number_formatter(lang, 0 if whole else 1))
        ax.grid(axis="x", color="#e0e0e0", linewidth=0.6, zorder=0)
        ax.set_title(part["label"][0], fontsize=9, loc="left")
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
    axes[-1, 0].set_xlabel(words["mean_axis"])
    fig.suptitle(words["means_title"], x=0.01, ha="left", fontsize=10, fontweight="bold")
    fig.tight_layout()
    return fig


def likert_figure(result: Comparison | FigureGroups, lang: str = "nl", label_width: int = 48,
                  data: pd.DataFrame | Columns | None = None) -> Any:
    """The stacked bar chart of :func:`likert_data` (``data``: that table when already
    computed, as a DataFrame or :class:`~.plotting.Columns`)."""
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    data = Columns.of(likert_data(result) if data is None else data)
    words = _w(lang)
    items = list(dict.fromkeys(data["item"]))
    # the rows per item and measurement, in their order (one pass, not a filter each)
    positions_of: dict[tuple[Any, Any], list[int]] = {}
    for position, key in enumerate(zip(data["item"], data["group"], strict=True)):
        positions_of.setdefault(key, []).append(position)
    parts = {key: data.take(rows).rows() for key, rows in positions_of.items()}
    item_labels: dict[Any, str] = {}
    for item, label in zip(data["item"], data["label"], strict=True):
        item_labels.setdefault(item, label)
    reversed_items = {item for item, flag in zip(data["item"], data["reversed"], strict=True)
                      if bool(flag)}
    keys = likert_keys(data)
    # one key (the demo): one legend, as before; several: a header per scale and a legend
    # per key, each naming its scales, so that no item is read on another scale's colours
    mixed = len(keys) > 1
    headers = _scale_headers(data, lang) if mixed else {}
    row_step, gap = 1.0, 1.15
    positions, tick_labels = [], []
    y = 0.0
    label_rows = []
    header_rows = []
    for item in items:
        if item in headers:
            y += 0.25 if header_rows or label_rows else 0.0
            header_rows.append((headers[item], y))
            y += 0.85
        text = _item_text(item_labels[item], item, item in reversed_items, lang, label_width * 2,
                          mark="reversed_answers")
        y += 0.55 * text.count("\n")  # room for a wrapped statement
        label_rows.append((text, y))
        y += 0.75
        for code in result.groups:
            positions.append((item, code, y))
            y += row_step
        y += gap - row_step + 0.35
    height = y
    legend_rows = [_legend_entries(data, lang, key, scales, rows)
                   for key, scales, rows in keys] if mixed else []
    legend_space = 0.9 if not mixed else sum(
        _legend_height(len(entries[1])) for entries in legend_rows) + 0.2
    fig_height = 0.62 * height + 2.6 + (legend_space - 0.9)
    fig, ax = subplots(figsize=(17 * CM, fig_height * CM))
    # tick labels as the table headers write them: "Vóór (n = 22)"
    group_labels = dict(zip(result.groups, group_headers(result.group_labels, lang),
                            strict=True))
    segments: list[tuple[float, float, float, str]] = []  # y, width, left, colour
    for item, code, ypos in positions:
        part = parts.get((item, code), [])
        for row in part:
            if row.percent <= 0:
                continue
            segments.append((ypos, row.percent, row.left, row.color))
            if row.percent >= 9:  # inside its bar, inside the axes: not measured for the
                # layout and the tight box (a tenth of the figure's text measuring; the box
                # is the same: the axes hold it)
                ax.text(row.left + row.percent / 2, ypos, f"{row.percent:.0f}", ha="center",
                        va="center", fontsize=6.5, color=text_color_on(row.color),
                        in_layout=False)
        if len(part):
            tick = f"{group_labels[code]} (n = {int(part[0].n_group)})"
        else:  # a suppressed group (publish/privacy.py): no bar, no count
            tick = f"{group_labels[code]} ({words['suppressed']})"
        tick_labels.append((ypos, tick))
    if segments:  # every segment in one call: one BarContainer, the same patches in order
        ys, widths, lefts, fills = zip(*segments, strict=True)
        ax.barh(ys, widths, left=lefts, height=0.8, color=fills, edgecolor="white",
                linewidth=0.5)
    for text, ypos in label_rows:
        ax.text(-100, ypos + 0.1, text, ha="left", va="bottom", fontsize=7.5,
                fontweight="bold", color="#222222")
    for text, ypos in header_rows:
        ax.text(-100, ypos + 0.1, text, ha="left", va="bottom", fontsize=9,
                fontweight="bold", color="#222222")
    ax.set_yticks([p for p, _ in tick_labels], [t for _, t in tick_labels], fontsize=7)
    ax.set_ylim(height - 0.2, -0.9)
    ax.set_xlim(-100, 100)
    ax.xaxis.set_major_locator(MultipleLocator(25))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{abs(v):.0f}%"))
    ax.axvline(0, color=NEUTRAL, linewidth=0.8, zorder=0)
    ax.grid(axis="x", color="#eeeeee", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(words["percent_axis"])
    ax.set_title(words["likert_title"])
    if not mixed:
        colors = dict(zip(data["answer"], data["color"], strict=True))
        legend_labels = likert_legend(data, lang)
        values = sorted(legend_labels)
        handles = [Patch(color=colors[v], label=legend_labels[v]) for v in values]
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0),
                   ncol=_legend_columns(len(values)), fontsize=7, handlelength=1.2,
                   columnspacing=1.2)
    else:
        top = legend_space - 0.1
        for title, entries in legend_rows:
            handles = [Patch(color=color, label=text) for color, text in entries]
            fig.legend(handles=handles, loc="upper center",
                       bbox_to_anchor=(0.5, top / fig_height), title=title,
                       title_fontsize=7, ncol=_legend_columns(len(entries)), fontsize=7,
                       handlelength=1.2, columnspacing=1.2, frameon=False)
            top -= _legend_height(len(entries))
    tight_layout(fig, rect=(0, legend_space / fig_height, 1, 1))
    return fig


def _scale_headers(data: Columns, lang: str) -> dict[Any, str]:
    """The header above the first item of each scale, when the scales' answer categories
    differ: the scale and its categories (``Tevredenheid (antwoorden 1–5)``)."""
    headers: dict[Any, str] = {}
    previous = None
    for item, scale, key in zip(data["item"], data["scale_label"], data["answers"],
                                strict=True):
        if scale != previous and item not in headers:
            headers[item] = _w(lang)["scale_answers"].format(scale=scale,
                                                             answers=_range_text(key, lang))
        previous = scale
    return headers


def _range_text(key: str, lang: str) -> str:
    """An ``answers`` key with the language's list separator (``0; 50; 100`` in Dutch, where
    the comma is the decimal mark)."""
    return key.replace(", ", "; ") if lang == "nl" else key


def _legend_entries(data: Columns, lang: str, key: str, scales: list[Any],
                    rows: list[int]) -> tuple[str, list[tuple[str, str]]]:
    """One key's legend: its title (its scales and categories) and (colour, text) per
    answer."""
    part = data.take(rows)
    colors = dict(zip(part["answer"], part["color"], strict=True))
    labels = likert_legend(part, lang)
    title = _w(lang)["legend_answers"].format(scales=", ".join(str(s) for s in scales),
                                              answers=_range_text(key, lang))
    return title, [(colors[answer], labels[answer]) for answer in sorted(labels)]


def _legend_columns(n: int) -> int:
    return n if n <= 7 else 6


def _legend_height(n: int) -> float:
    """The height in cm of one key's legend (title and rows of entries) under the chart."""
    return 0.42 * (1 + math.ceil(n / _legend_columns(n))) + 0.3


def forest_figure(result: Comparison | FigureGroups, lang: str = "nl", label_width: int = 55,
                  data: pd.DataFrame | Columns | None = None) -> Any:
    """The mean differences of :func:`forest_data` (``data``: that table when already
    computed, as a DataFrame or :class:`~.plotting.Columns`)."""
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    data = Columns.of(forest_data(result) if data is None else data)
    words = _w(lang)
    g1, g2 = result.group_labels
    y = 0.0
    ticks = []
    headers = []
    points = []
    for scale in dict.fromkeys(data["scale"]):
        part = data.where("scale", scale)
        headers.append((part["scale_label"][0], y))
        y += 1
        for row in part.rows():
            points.append((row, y))
            ticks.append((y, _item_text(row.label, row.variable, bool(row.reversed), lang,
                                        label_width)))
            y += 1.15 if "\n" in ticks[-1][1] else 1
        y += 0.4
    fig_height = 0.72 * y + 2.4
    fig, ax = subplots(figsize=(17 * CM, fig_height * CM))
    color = GROUP_COLORS[1]
    styles = {"significant": {"markerfacecolor": color},
              "uncorrected": {"markerfacecolor": color, "fillstyle": "left",
                              "markerfacecoloralt": "white"},
              "not_significant": {"markerfacecolor": "white"}}
    for row, ypos in points:
        if not math.isnan(row.diff_conf_low):
            ax.plot([row.diff_conf_low, row.diff_conf_high], [ypos, ypos], color=color,
                    linewidth=1.6, solid_capstyle="butt", zorder=2)
        if not math.isnan(row.mean_diff):
            ax.plot(row.mean_diff, ypos, "o", markersize=6, zorder=3, color=color,
                    markeredgewidth=1.4, **styles[row.marking])
    ax.axvline(0, color=NEUTRAL, linewidth=0.8, zorder=1)
    labelled = sorted([(p, t, False) for p, t in ticks]
                      + [(p, label, True) for label, p in headers], key=lambda row: row[0])
    ax.set_yticks([p for p, _, _ in labelled], [t for _, t, _ in labelled], fontsize=7)
    for text, (_, _, bold) in zip(ax.get_yticklabels(), labelled, strict=True):
        if bold:
            text.set_fontweight("bold")
            text.set_fontsize(8.5)
    ax.set_ylim(y - 0.2, -0.8)
    # the finite ends of the intervals (DataFrame.stack drops the NaN ones)
    finite = [abs(v) for pair in zip(data["diff_conf_low"], data["diff_conf_high"], strict=True)
              for v in pair if math.isfinite(v)]
    reach = max(0.5, float(max(finite)) * 1.1) if finite else 1.0
    ax.set_xlim(-reach, reach)
    locator = MaxNLocator(nbins=8, steps=[1, 2, 5, 10])
    ax.xaxis.set_major_locator(locator)
    step = float(locator.tick_values(-reach, reach)[1] - locator.tick_values(-reach, reach)[0])
    ax.xaxis.set_major_formatter(number_formatter(lang, 1 if step >= 0.1 - 1e-12 else 2))
    ax.grid(axis="x", color="#eeeeee", linewidth=0.6, zorder=0)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(words["diff_axis"])
    # above the whole figure from its left edge (as compare_scale_means): above the axes,
    # which begin right of the item labels, the title reached past the figure's right edge
    fig.suptitle(words["forest_title"].format(g1=g1, g2=g2), x=0.01, ha="left", fontsize=10,
                 fontweight="bold")
    adjusted = result.adjust != "none"
    method = words.get(f"method_{result.adjust}", result.adjust)
    shown = ["significant", "uncorrected", "not_significant"] if adjusted else [
        "significant", "not_significant"]
    texts = {"significant": words["significant_after" if adjusted else "significant_raw"]
             .format(method=method),
             "uncorrected": words["significant_uncorrected"].format(method=method),
             "not_significant": words["not_significant"]}
    handles = [Line2D([], [], marker="o", linestyle="", color=color, markeredgewidth=1.4,
                      label=texts[key], **styles[key]) for key in shown]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0),
               ncol=len(handles), fontsize=7)
    tight_layout(fig, rect=(0, 0.9 / fig_height, 1, 1))
    return fig


def start_likert(distribution: Distribution, writer: OutputWriter, lang: str = "nl"
                 ) -> list[str]:
    """Start the stacked bar chart as soon as the answer distributions exist (the analysis's
    ``on_distribution``), before the tests: it is the longest of the three figures and needs
    nothing else, so it renders while the tests run. The names of its files, or none when it
    is left out (as :func:`write_figures` leaves it out); give them to :func:`write_figures`,
    which then draws the other two. The scale means' files are registered first, so the files
    are listed in the same order as when :func:`write_figures` draws all three."""
    from functools import partial

    from ...analyses.compare import MAX_FIGURE_ITEMS
    from .plotting import save_figure

    if distribution.n_items > MAX_FIGURE_ITEMS:
        return []
    likert = likert_data(distribution)
    if likert.empty:
        return []
    for ext in ("png", "svg"):
        writer.path(f"figures/{STEMS[0]}.{ext}")
    groups = FigureGroups(distribution.groups, distribution.group_labels)
    return save_figure(partial(likert_figure, groups, lang, data=Columns.of(likert)), writer,
                       STEMS[1])


DRAWING_ORDER = ("compare_mixed_means", "compare_scale_means", "compare_items_likert",
                 "compare_items_forest")
"""The order in which :func:`write_figures` sends the drawings: longest first. On the paired
demo (ten scales and subscales, two sites) the means over time took 0.9 s of CPU (a panel
per scale, with an error bar per measurement and site and a legend in each), the scale
means and the stacked bar chart 0.55–0.6 s each, the forest plot (one panel of points)
0.25 s."""


def write_figures(result: Comparison, writer: OutputWriter, lang: str = "nl",
                  likert: list[str] | None = None) -> list[str]:
    """Draw the three figures and save each as PNG (300 dpi) and SVG into ``figures/``. The
    stacked bar chart is left out when no item has Likert-like answers (see
    :func:`likert_data`), both item figures when there are more than
    :data:`~maatwerk_stats.analyses.compare.MAX_FIGURE_ITEMS` items (a note says so).
    ``likert``: the files of the stacked bar chart when :func:`start_likert` drew it.

    The files are registered (and listed) in the order above, with the means over time
    last; the drawings are sent longest first (:data:`DRAWING_ORDER`), so that on two cores
    the last drawing to start is a short one, not a long one that then runs alone: the
    paired demo's ``compare`` ended 0.3–0.5 s after its other figures, on the means over
    time, which was sent last."""
    from functools import partial

    from ...analyses.compare import MAX_FIGURE_ITEMS
    from .plotting import save_figure

    # (stem, drawing) in the order of the files; None: started already (start_likert)
    drawings: list[tuple[str, Any]] = []
    too_many = result.items["variable"].nunique() > MAX_FIGURE_ITEMS
    # each drawing gets its table, computed here (where scipy, for the t quantiles of the
    # scale means, is loaded), as Columns (no pandas to unpickle), and of the comparison
    # only the groups (FigureGroups)
    groups = FigureGroups(result.groups, result.group_labels, result.adjust)
    for stem, draw in zip(STEMS, (scale_means_figure, likert_figure, forest_figure),
                          strict=True):
        if draw is not scale_means_figure and too_many:
            continue
        if draw is likert_figure:
            if likert:  # started already, by start_likert
                drawings.append((stem, None))
                continue
            bars = likert_data(result)  # computed once, for the test and the drawing
            if bars.empty:
                continue
            draw = partial(likert_figure, data=Columns.of(bars))
        elif draw is scale_means_figure:
            draw = partial(scale_means_figure, data=Columns.of(scale_means_data(result)))
        else:
            draw = partial(forest_figure, data=Columns.of(forest_data(result)))
        drawings.append((stem, partial(draw, groups, lang)))
    if result.mixed_means is not None and len(result.mixed_means):  # all may be suppressed
        from .compare_waves import STEM, waves_data, waves_figure, waves_study

        drawings.append((STEM, partial(waves_figure, waves_study(result), lang,
                                       data=Columns.of(waves_data(result)))))
    for stem, _ in drawings:  # the files in their order, whatever the order of drawing
        for ext in ("png", "svg"):
            writer.path(f"figures/{stem}.{ext}")
    names = {stem: list(likert or []) for stem, draw in drawings if draw is None}
    sent = sorted((job for job in drawings if job[1] is not None),
                  key=lambda job: DRAWING_ORDER.index(job[0]))
    for stem, draw in sent:
        names[stem] = save_figure(draw, writer, stem)
    return [name for stem, _ in drawings for name in names[stem]]
