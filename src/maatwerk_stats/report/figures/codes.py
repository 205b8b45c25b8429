"""The code-tree figure: horizontal bars per factor (number of interviews), grouped by
domain (branch) and coloured by direction; without directions, the codes of the second level
grouped by their top-level branch."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..codes import direction_label, domain_label
from ..i18n import section
from ..text import shorten
from .plotting import CM, LIKERT_COLORS, NEUTRAL, save_figure, subplots

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from ...analyses.codes import CodesResult
    from ...io.write import OutputWriter

MAX_BARS = 40
DIRECTION_COLORS = {"belemmerend": LIKERT_COLORS[0], "bevorderend": LIKERT_COLORS[4]}
OTHER_COLORS = (LIKERT_COLORS[1], LIKERT_COLORS[3], NEUTRAL)


def _bars(result: CodesResult) -> tuple[pd.DataFrame, str]:
    """The bars: group, label, value, colour key; and the title key."""
    import pandas as pd

    factors = result.factors
    value = "files" if result.exact else "files_min"
    if len(factors):
        frame = pd.DataFrame({"group": factors["domain"].map(domain_label),
                              "label": factors["factor"], "key": factors["direction"],
                              "value": factors[value].fillna(0),
                              "exact": factors["exact"].astype(bool)})
        return frame, "figure_title"
    codes = result.codes[result.codes["level"] == 2]
    value = "files_total" if result.exact else "files_total_min"
    frame = pd.DataFrame({"group": codes["parent"].map(domain_label),
                          "label": codes["code"].map(domain_label), "key": "",
                          "value": codes[value].fillna(0),
                          "exact": codes["totals_exact"].astype(bool)})
    return frame, "tree_title"


def has_bars(result: CodesResult) -> bool:
    """Whether :func:`codes_figure` draws anything: a bar of at least one interview."""
    frame, _ = _bars(result)
    return not frame.empty and bool((frame["value"] > 0).any())


def codes_figure(result: CodesResult, lang: str = "nl") -> Figure | None:
    """The figure, or None when there is nothing to draw (:func:`has_bars`)."""
    words = section("codes", lang)
    if not has_bars(result):
        return None
    frame, title = _bars(result)
    groups = list(dict.fromkeys(frame["group"]))
    frame = frame.assign(order=frame["group"].map({g: i for i, g in enumerate(groups)}))
    frame = frame.sort_values(["order", "value"], ascending=[True, False], kind="stable")
    if len(frame) > MAX_BARS:
        frame = frame.sort_values("value", ascending=False, kind="stable").head(MAX_BARS)
        frame = frame.sort_values(["order", "value"], ascending=[True, False], kind="stable")
    # one row per bar, one per group heading
    rows: list[tuple[str, str | None, float, str, bool]] = []
    for _, part in frame.groupby("order", sort=True):
        rows.append(("heading", shorten(part["group"].iloc[0], 60), 0.0, "", True))
        rows.extend(("bar", shorten(r.label, 45), float(r.value), r.key, bool(r.exact))
                    for r in part.itertuples(index=False))
    height = max(4.0, 0.5 * len(rows) + 1.8) * CM
    fig, ax = subplots(figsize=(16 * CM, height))
    positions = list(range(len(rows)))[::-1]
    keys = list(dict.fromkeys(k for kind, _, _, k, _ in rows if kind == "bar"))
    colors = {k: DIRECTION_COLORS.get(k.casefold(), OTHER_COLORS[i % len(OTHER_COLORS)])
              for i, k in enumerate(keys)}
    labels = []
    for y, (kind, label, value, key, exact) in zip(positions, rows, strict=True):
        if kind == "heading":
            labels.append(label)
            continue
        ax.barh(y, value, color=colors[key] if key else NEUTRAL, height=0.7)
        # a lower bound (a code summary cannot show overlaps) is marked as one
        ax.text(value, y, f" {'' if exact else '≥'}{value:.0f}", va="center", ha="left",
                fontsize=8)
        labels.append(label)
    ax.set_yticks(positions, labels=labels)
    for tick, (kind, *_rest) in zip(ax.get_yticklabels(), rows, strict=True):
        if kind == "heading":
            tick.set_fontweight("bold")
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(words["figure_axis"])
    ax.set_title(words[title])
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.margins(x=0.12)
    if any(keys):
        from matplotlib.patches import Patch

        ax.legend(handles=[Patch(color=colors[k], label=direction_label(k, lang))
                           for k in keys if k],
                  loc="lower right", fontsize=8)
    return fig


def write_codes_figures(result: CodesResult, writer: OutputWriter, lang: str = "nl"
                        ) -> list[str]:
    """``figures/codes_tree.png`` and ``.svg`` (none when no code has an interview), drawn
    where :func:`.plotting.save_figure` draws a function (the figure process, if one runs)."""
    from functools import partial

    if not has_bars(result):
        return []
    return save_figure(partial(codes_figure, result, lang), writer, "codes_tree")
