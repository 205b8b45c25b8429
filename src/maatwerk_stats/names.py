"""Names shared by every layer: one name for one thing across the whole project."""

from __future__ import annotations

# The ``group`` of a row computed over all respondents (no group split).
ALL = "all"

# The two models of a vignette analysis (column ``model`` of the vignette tables).
MIXED = "mixed"
OLS_CLUSTER = "ols_cluster"
MODELS = (MIXED, OLS_CLUSTER)

# The two designs of a pre/post comparison.
INDEPENDENT = "independent"
PAIRED = "paired"

# Pairs of group codes whose order is obvious (before first), compared case-insensitively:
# the order of a comparison (prepare/measurements.py), the group column ``init`` proposes
# (config/draft.py) and the wording of a comparison over time (report/console/compare.py).
KNOWN_ORDERS = (("voor", "na"), ("pre", "post"), ("before", "after"), ("t0", "t1"),
                ("nulmeting", "nameting"), ("voormeting", "nameting"))


def display_name(name: str) -> str:
    """A column or key name as a label: ``samenwerking_1`` → ``Samenwerking 1``,
    ``LanguageSkills`` → ``Language skills``, ``ICT_gebruik`` → ``ICT gebruik`` (a capital
    inside a word starts a new word; acronyms stay as they are)."""
    import re

    words = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", str(name).replace("_", " ")).split()
    words = [w if i == 0 or not re.fullmatch(r"[A-Z][a-z]+", w) else w.lower()
             for i, w in enumerate(words)]
    text = " ".join(words)
    return text[:1].upper() + text[1:]
