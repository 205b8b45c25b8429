"""Names shared by every layer: one name for one thing across the whole project."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# The ``group`` of a row computed over all respondents (no group split).
ALL = "all"

# The two models of a vignette analysis (column ``model`` of the vignette tables).
MIXED = "mixed"
OLS_CLUSTER = "ols_cluster"
MODELS = (MIXED, OLS_CLUSTER)

# The two designs of a pre/post comparison.
INDEPENDENT = "independent"
PAIRED = "paired"


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


# Pairs of group codes whose order is obvious (before first), compared case-insensitively
# by :func:`known_order`, the one place compare, vignette and init recognise them.
KNOWN_ORDERS = (("voor", "na"), ("pre", "post"), ("before", "after"), ("t0", "t1"),
                ("t1", "t2"), ("nulmeting", "nameting"), ("voormeting", "nameting"))


def known_order(codes: Sequence[str], labels: Mapping[str, str] | None = None
                ) -> tuple[str, str] | None:
    """The two ``codes`` before first when they, or their value labels (``labels``: code →
    label, as an SPSS file's 1 = voor, 2 = na), are a pair of :data:`KNOWN_ORDERS`; None
    for any other codes (or not two), so that the caller asks for the order or says which
    it took. One function, so that ``compare``, ``vignette`` and ``init`` agree."""
    if len(codes) != 2 or codes[0] == codes[1]:
        return None
    for names in (list(codes), [(labels or {}).get(c, c) for c in codes]):
        lowered = [str(n).casefold() for n in names]
        for before, after in KNOWN_ORDERS:
            if lowered == [before, after]:
                return codes[0], codes[1]
            if lowered == [after, before]:
                return codes[1], codes[0]
    return None
