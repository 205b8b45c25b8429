"""Terminal rendering of ``power.csv`` (``power compare`` and ``power vignette``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .format import fmt_ci, fmt_int, fmt_number
from .i18n import word
from .text import render_table

if TYPE_CHECKING:
    from ..analyses.power import PowerResult


def power_summary(result: PowerResult, lang: str = "nl") -> str:
    """One row per term and sample size: effect, n, power (with its Monte-Carlo CI)."""
    table = result.table
    simulated = result.kind == "vignette"
    header = [word("power.term", lang), word("power.effect", lang), "n",
              word("power.power", lang)]
    if simulated:
        header.append(word("power.ci", lang))
    rows = []
    for row in table.itertuples(index=False):
        cells = [str(row.term), fmt_number(row.effect, 3, lang),
                 fmt_int(row.n_respondents, lang), fmt_number(row.power, 3, lang)]
        if simulated:
            cells.append(fmt_ci(row.conf_low, row.conf_high, 3, lang))
        rows.append(cells)
    title = word(f"power.title_{result.kind}", lang)
    text = render_table(header, rows, align="lrrr" + ("r" if simulated else ""), title=title)
    if result.needed is not None:
        for row in result.needed.itertuples(index=False):
            values = {"target": fmt_number(row.target_power * 100, 0, lang),
                      "term": row.term, "effect": fmt_number(row.effect, 3, lang),
                      "power": fmt_number(row.power, 3, lang),
                      "ci": fmt_ci(row.conf_low, row.conf_high, 3, lang),
                      "largest": fmt_int(row.largest_n, lang)}
            if row.reached:
                text += "\n" + word("power.needed", lang, n=fmt_int(row.n_respondents, lang),
                                    **values)
                if row.n_respondents == row.smallest_n:
                    text += " " + word("power.needed_smallest", lang)
            else:
                text += "\n" + word("power.not_reached", lang, **values)
        if (result.needed["group"] != "all").any():
            text += "\n" + word("power.needed_per_group", lang)
    if result.kind == "compare" and result.solved_for == "n":
        first = table.iloc[0]
        text += "\n" + word("power.solved_n", lang, n=fmt_number(first["n_exact"], 2, lang),
                            whole=fmt_int(first["n_respondents"], lang))
    return text
