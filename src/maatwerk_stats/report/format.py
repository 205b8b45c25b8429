"""Number formatting for rendered tables and text, Dutch ("4,20") or English ("4.20").

Rounding happens only here; the CSV outputs keep full precision.
"""

from __future__ import annotations

import math
from typing import Any

from ..errors import number as errors_number

DASH = "–"


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def fmt_number(value: Any, decimals: int = 2, lang: str = "nl", sign: bool = False) -> str:
    """``4.2`` → ``"4,20"`` (nl) or ``"4.20"`` (en); NaN → an en dash.

    Negative numbers get a true minus sign (U+2212), as Dutch typesetting expects; ``sign``
    adds ``+`` to positive numbers.
    """
    if _is_missing(value):
        return DASH
    number = float(value)
    text = errors_number(abs(number), lang, f",.{decimals}f")  # nl: 1.234,50
    rounded_zero = float(f"{abs(number):.{decimals}f}") == 0
    if number < 0 and not rounded_zero:
        return "−" + text
    return ("+" + text) if sign and number > 0 and not rounded_zero else text


def fmt_int(value: Any, lang: str = "nl") -> str:
    return DASH if _is_missing(value) else fmt_number(value, 0, lang)


def fmt_p(value: Any, lang: str = "nl", with_p: bool = True) -> str:
    """The one p-value format of every output (APA 7th ed., 6.36, with the Dutch decimal
    comma): three decimals, ``p = 0,031``; ``p < 0,001`` below .001 and ``p > 0,999`` above
    .999 (a Holm-adjusted p capped at 1). Rounding never moves p across .05: a p of .0496
    is shown as ``p = 0,0496``, not as a significant ``p = 0,050``. ``with_p=False`` gives
    the part after "p = " for table cells (``0,031``, ``< 0,001``).
    """
    if _is_missing(value):
        return DASH
    number = float(value)
    if number < 0.001:
        body = "< " + fmt_number(0.001, 3, lang)
    elif number > 0.999:
        body = "> " + fmt_number(0.999, 3, lang)
    else:
        decimals = 3
        while number < 0.05 <= round(number, decimals) and decimals < 12:
            decimals += 1
        body = "= " + fmt_number(number, decimals, lang)
    return f"p {body}" if with_p else body.removeprefix("= ")


def fmt_ci(low: Any, high: Any, decimals: int = 2, lang: str = "nl") -> str:
    """``[0,12; 0,45]`` (nl: a semicolon, since the comma is the decimal mark) or
    ``[0.12, 0.45]`` (en)."""
    separator = "; " if lang == "nl" else ", "
    return f"[{fmt_number(low, decimals, lang)}{separator}{fmt_number(high, decimals, lang)}]"


def fmt_percent(value: Any, decimals: int = 0, lang: str = "nl") -> str:
    return DASH if _is_missing(value) else fmt_number(value, decimals, lang) + "%"


WORD_JOINER = "\u2060"


def join_ranges(text: str) -> str:
    """"1–10" → "1⁠–⁠10" with word joiners (U+2060) around the en dash between two numbers,
    so a line never breaks inside a range (Word, LibreOffice and browsers honour it)."""
    import re

    return re.sub(r"(?<=\d)–(?=\d)", f"{WORD_JOINER}–{WORD_JOINER}", text)

