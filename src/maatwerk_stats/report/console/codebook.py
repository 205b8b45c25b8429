"""The codebook on the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..format import DASH, fmt_number
from ..text import render_table, shorten

if TYPE_CHECKING:
    import pandas as pd


def codebook_table(book: pd.DataFrame, width: int = 40) -> str:
    header = ["variable", "label", "type", "value labels", "missing codes", "valid",
              "missing", "user-missing", "min", "max"]
    rows = []
    for row in book.itertuples(index=False):
        rows.append([
            row.variable, shorten(row.label, width), row.type,
            shorten(row.value_labels, width) if row.value_labels else DASH,
            _missing_with_labels(row.missing_codes, row.value_labels) or DASH,
            str(row.n_valid), str(row.n_missing),
            str(row.n_user_missing), fmt_number(row.min, 4, "en").rstrip("0").rstrip("."),
            fmt_number(row.max, 4, "en").rstrip("0").rstrip("."),
        ])
    return render_table(header, rows, align="llllllrrrr")


def _missing_with_labels(codes: str, value_labels: str) -> str:
    """``"9"`` → ``"9 = weet niet"`` when the value labels name the code."""
    if not codes:
        return ""
    named = dict(part.split(" = ", 1) for part in value_labels.split("; ") if " = " in part)
    return ", ".join(f"{code} = {named[code]}" if code in named else code
                     for code in codes.split(", "))
