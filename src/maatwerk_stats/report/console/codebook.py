"""The codebook on the terminal, in Dutch or English."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..format import DASH, fmt_int, fmt_number
from ..i18n import word
from ..text import NBSP, render_table, shorten

if TYPE_CHECKING:
    import pandas as pd

    from ...io.codebook import ValueList


def _values(values: ValueList, n_distinct: int, lang: str) -> str:
    """Every answer with its count (counts in the language's number format)."""
    if not values.listed:
        return word("codebook.distinct", lang, n=fmt_int(n_distinct, lang))
    # a no-break space inside an answer: a narrow terminal wraps between answers only
    parts = [f"{v.code}{' = ' + v.label if v.label else ''}: {fmt_int(v.n, lang)}"
             .replace(" ", NBSP) for v in values.values]
    if values.hidden:
        parts.append(word("codebook.other", lang, k=fmt_int(values.hidden, lang)))
    return "; ".join(parts) or DASH


def _bound(value: float, lang: str) -> str:
    text = fmt_number(value, 4, lang)
    if text == DASH:
        return text
    mark = "," if lang == "nl" else "."
    if mark in text:
        text = text.rstrip("0").rstrip(mark)
    return text


def codebook_table(book: pd.DataFrame, values: dict[str, ValueList], lang: str = "nl",
                   width: int = 40) -> str:
    """One row per variable: label, type, the answers with their counts (value labels
    included), missing codes, n valid / missing / user-missing, min, max."""
    header = [word(f"codebook.{k}", lang) for k in (
        "variable", "label", "type", "values", "missing_codes", "valid", "missing",
        "user_missing", "min", "max")]
    rows = []
    for row in book.itertuples(index=False):
        rows.append([
            row.variable, shorten(row.label, width) or DASH, word(f"codebook.{row.type}", lang),
            _values(values[row.variable], row.n_distinct, lang),
            _missing_with_labels(row.missing_codes, row.value_labels) or DASH,
            fmt_int(row.n_valid, lang), fmt_int(row.n_missing, lang),
            fmt_int(row.n_user_missing, lang), _bound(row.min, lang), _bound(row.max, lang),
        ])
    align = "llllllrrrr"
    # columns that say nothing for this file (no labels, no missing codes …) are left out
    keep = [j for j in range(len(header))
            if j in (0, 2, 3, 5, 6) or any(r[j] not in (DASH, "0") for r in rows)]
    return render_table([header[j] for j in keep], [[r[j] for j in keep] for r in rows],
                        align="".join(align[j] for j in keep))


def _missing_with_labels(codes: str, value_labels: str) -> str:
    """``"9"`` → ``"9 = weet niet"`` when the value labels name the code."""
    if not codes:
        return ""
    named = dict(part.split(" = ", 1) for part in value_labels.split("; ") if " = " in part)
    return ", ".join(f"{code} = {named[code]}" if code in named else code
                     for code in codes.split(", "))
