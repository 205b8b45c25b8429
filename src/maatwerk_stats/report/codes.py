"""Words and numbers of code-tree results shared by the terminal, the figure and the
factsheet: direction labels in nl/en, counts that may be ranges (``2–4``)."""

from __future__ import annotations

from typing import Any

from ..analyses.codes import display_name
from .format import DASH, fmt_int
from .i18n import section


def direction_label(direction: str, lang: str) -> str:
    """``belemmerend`` → Belemmerend / Hindering; a configured direction keeps its name."""
    words = section("codes", lang)
    return words.get(direction.casefold(), direction[:1].upper() + direction[1:])


def domain_label(domain: str) -> str:
    return display_name(domain)


def count_text(exact: Any, low: Any, high: Any, lang: str) -> str:
    """``3``, or ``2–4`` (``≥2``) when only bounds (a lower bound) are known."""
    import math

    if exact is not None and not (isinstance(exact, float) and math.isnan(exact)):
        return fmt_int(exact, lang)
    if low is None:
        return DASH
    if high is None:
        return f"≥{fmt_int(low, lang)}"
    return f"{fmt_int(low, lang)}{DASH}{fmt_int(high, lang)}"
