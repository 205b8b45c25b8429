"""Terminal renderings of result tables (``--format table``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..format import fmt_ci, fmt_int, fmt_number
from ..i18n import texts
from ..text import render_table, shorten

if TYPE_CHECKING:

    from ...analyses.scales import Reliability


def reliability_table(result: Reliability, lang: str = "nl") -> str:
    t = texts(lang)
    table = result.reliability
    grouped = table["group"].nunique() > 1
    # omega hierarchical only where a total with subscales has one
    hierarchical = "omega_h" in table.columns and bool(table["omega_h"].notna().any())
    header = [t["scale"], *([t["group"]] if grouped else []), t["items"], "n", t["alpha"],
              t["alpha_ci"], t["omega"], *([t["omega_h"]] if hierarchical else []), t["mean"],
              t["sd"]]
    rows = []
    for row in table.itertuples(index=False):
        rows.append([
            f"  · {row.label}" if isinstance(row.parent, str) else row.label,
            *([t["all"] if row.group == "all" else row.group] if grouped else []),
            fmt_int(row.n_items, lang), fmt_int(row.n, lang), fmt_number(row.alpha, 2, lang),
            fmt_ci(row.alpha_conf_low, row.alpha_conf_high, 2, lang),
            fmt_number(row.omega_total, 2, lang),
            *([fmt_number(row.omega_h, 2, lang)] if hierarchical else []),
            fmt_number(row.mean, 2, lang),
            fmt_number(row.sd, 2, lang),
        ])
    align = "l" + ("l" if grouped else "") + "r" * (len(header) - 1 - grouped)
    return render_table(header, rows, align=align, title=t["reliability_title"])


def items_table(result: Reliability, lang: str = "nl", width: int = 48) -> str:
    t = texts(lang)
    table = result.items
    grouped = table["group"].nunique() > 1
    if grouped:
        table = table[table["group"] == "all"]
    header = [t["item"], t["label"], "n", t["mean"], t["sd"], t["item_rest"], t["alpha_drop"]]
    rows = []
    for row in table.itertuples(index=False):
        label = shorten(row.label, width)
        if row.reversed:
            label = shorten(row.label, width - len(t["reversed_mark"]) - 1) + " " + \
                t["reversed_mark"]
        rows.append([row.item, label, fmt_int(row.n, lang), fmt_number(row.mean, 2, lang),
                     fmt_number(row.sd, 2, lang), fmt_number(row.item_rest_r, 2, lang),
                     fmt_number(row.alpha_if_deleted, 2, lang)])
    return render_table(header, rows, align="llrrrrr", title=t["items_title"])
