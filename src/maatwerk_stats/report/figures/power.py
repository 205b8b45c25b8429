"""The power curve of ``power vignette``: power per term against the number of respondents,
with the Monte-Carlo 95 % interval as a band and the usual 80 % target as a line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import word
from .palette import SERIES_COLORS
from .plotting import CM, NEUTRAL, number_formatter, subplots

if TYPE_CHECKING:
    from ...analyses.power import PowerResult
    from ...io.write import OutputWriter

# beyond the five series colours a line is told apart by its marker
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def power_curve_figure(result: PowerResult, lang: str = "nl", target: float = 0.8) -> Any:
    """One line per term with a true effect (terms with effect 0 only show the α level)."""
    table = result.table
    shown = table[table["effect"] != 0]
    if shown.empty:
        shown = table
    fig, ax = subplots(figsize=(16 * CM, 10 * CM))
    for index, (term, rows) in enumerate(shown.groupby("term", sort=False)):
        color = SERIES_COLORS[index % len(SERIES_COLORS)]
        marker = MARKERS[index % len(MARKERS)]
        rows = rows.sort_values("n_respondents")
        ax.fill_between(rows["n_respondents"], rows["conf_low"], rows["conf_high"],
                        color=color, alpha=0.15, linewidth=0)
        number = f"{rows['effect'].iloc[0]:g}"
        number = number.replace(".", ",") if lang == "nl" else number
        ax.plot(rows["n_respondents"], rows["power"], marker=marker, markersize=3.5,
                color=color, label=f"{term} ({word('power.effect', lang).lower()} {number})")
    ax.axhline(target, color=NEUTRAL, linewidth=0.8, linestyle="--")
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(number_formatter(lang, 1))
    grouped = (table["group"] != "all").any()
    ax.set_xlabel(word("power.respondents_group" if grouped else "power.respondents", lang))
    ax.set_ylabel(word("power.power", lang))
    ax.set_title(word("power.figure_title", lang,
                      n=f"{int(table['n_simulations'].iloc[0]):,}".replace(
                          ",", "." if lang == "nl" else ",")))
    ax.legend(loc="lower right", fontsize=7.5)
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    return fig


def write_power_figures(result: PowerResult, writer: OutputWriter, lang: str = "nl"
                        ) -> list[str]:
    from .plotting import save_figure

    target = (float(result.needed["target_power"].iloc[0])
              if result.needed is not None and len(result.needed) else 0.8)
    return save_figure(power_curve_figure(result, lang, target), writer, "power_curve")
