"""Complementary suppression for paired pre/post studies: the respondents measured once.

In a paired comparison ``compare_scales`` / ``compare_items`` describe the complete pairs,
while the per-measurement tables describe everyone measured at that time: ``reliability``
``mean``/``sd`` over ``n_scored``, ``items`` ``mean``/``sd`` over ``n`` and
``items_distribution``; and the mixed model (``compare_mixed``, ``compare_mixed_means``)
uses every respondent. When the difference, the respondents measured only at one
measurement (drop-outs before, newcomers after), is a group of fewer than ``min_cell``, its
mean is a subtraction away::

    mean_dropouts = (n_scored · mean − n_pairs · mean_1) / (n_scored − n_pairs)

and, as the mixed model's estimates are generalised least squares with the published
variance components, ``(X'V⁻¹X)⁻¹X'V⁻¹y`` is linear in the unknown sums of those measured
once: its means and contrast give them back as well. DESIGN.md §5 "Small groups" asks to
publish neither. So, for every scale (and subscale) or item and measurement where
``0 < n_measured − n_pairs < min_cell``:

- the ``mean`` and ``sd`` of that measurement's ``reliability`` / ``items`` row are blanked,
  and of the pooled ``all`` row (``all`` next to the other measurement gives it back); the
  answer distributions of that item and measurement and of ``all`` are dropped. Alpha,
  omega and item–rest r (listwise, nothing of the pairs beside them) stay;
- the mixed model's estimated means of that variable (and site) are dropped, and its
  contrast blanked unless the small measurements hold at least ``min_cell`` respondents
  together (see :func:`_protect_mixed`), with the site interactions it enters.

The complete pairs' comparison itself is what the study reports and stays.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..names import ALL
from .privacy import SUPPRESSED_DERIVED, _blank, blank_columns

if TYPE_CHECKING:
    import pandas as pd

    from ..analyses.compare import Comparison
    from ..analyses.scales import Reliability

DESCRIPTIVES = ("mean", "sd")


def _pairs(table: pd.DataFrame) -> dict[tuple[str, str], list[int]]:
    """(variable, measurement) → the numbers of complete pairs of the comparison rows that
    measurement enters (one per contrast with more than two measurements)."""
    pairs: dict[tuple[str, str], list[int]] = {}
    for variable, first, second, n in zip(table["variable"].astype(str),
                                          table["group_1"].astype(str),
                                          table["group_2"].astype(str), table["n_pairs"],
                                          strict=True):
        for group in (first, second):
            pairs.setdefault((variable, group), []).append(int(n))
    return pairs


def _few_measured_once(measured: int, pairs: list[int], min_cell: int) -> bool:
    return any(0 < measured - n < min_cell for n in pairs)


def _blank_descriptives(table: pd.DataFrame, mask: Any, min_cell: int) -> pd.DataFrame:
    """``mean`` and ``sd`` of the rows in ``mask`` blanked, the ``note`` saying why."""
    if not mask.any():
        return table
    table = blank_columns(table, mask, DESCRIPTIVES)
    note = SUPPRESSED_DERIVED.format(min_cell=min_cell)
    old = (table["note"].fillna("").astype(str) if "note" in table.columns
           else [""] * len(table))
    table["note"] = [(f"{o}; {note}" if o and note not in o else note) if m else (o or None)
                     for o, m in zip(old, mask, strict=True)]
    return table


def _hidden(table: pd.DataFrame, key: str, count: str, pairs: dict[tuple[str, str], list[int]],
            min_cell: int) -> set[tuple[str, str]]:
    """(key, group) of the rows whose measured-once remainder is small, plus (key, all)."""
    small = {(str(k), str(g)) for k, g, n in zip(table[key], table["group"], table[count],
                                                 strict=True)
             if str(g) != ALL and (str(k), str(g)) in pairs and n == n
             and _few_measured_once(int(n), pairs[(str(k), str(g))], min_cell)}
    return small | {(k, ALL) for k, _ in small}


def _mask(table: pd.DataFrame, key: str, hidden: set[tuple[str, str]]) -> Any:
    import pandas as pd

    keys = pd.MultiIndex.from_arrays([table[key].astype(str), table["group"].astype(str)])
    return pd.Series(keys.isin(list(hidden)), index=table.index)


def protect_measured_once(reliability: Reliability, comparison: Comparison, min_cell: int
                          ) -> tuple[Reliability, Comparison, int]:
    """The per-measurement tables and the mixed model of a paired comparison with nothing
    that gives back the mean of fewer than ``min_cell`` respondents measured once (module
    docstring). Returns both, protected, and the number of rows blanked: the two halves,
    :func:`protect_measured_once_comparison` and :func:`protect_measured_once_reliability`,
    which the factsheet runs apart (the comparison's figures need only the first)."""
    mixed, count = protect_measured_once_comparison(comparison, min_cell)
    protected, blanked = protect_measured_once_reliability(reliability, comparison, min_cell)
    return protected, mixed, blanked + count


def _differenced(comparison: Comparison) -> bool:
    """Whether the comparison is paired (complete pairs beside those measured once)."""
    return comparison.paired and "n_pairs" in comparison.scales.columns


def protect_measured_once_comparison(comparison: Comparison, min_cell: int
                                     ) -> tuple[Comparison, int]:
    """The comparison's half of :func:`protect_measured_once`: its mixed model protected
    (:func:`_protect_mixed`), and the number of rows blanked. It needs no reliability, so
    the factsheet starts the comparison's figures before the reliability is computed."""
    if not _differenced(comparison):
        return comparison, 0
    return _protect_mixed(comparison, min_cell)


def protect_measured_once_reliability(reliability: Reliability, comparison: Comparison,
                                      min_cell: int) -> tuple[Reliability, int]:
    """The reliability's half of :func:`protect_measured_once`: its per-measurement tables
    protected by the comparison's complete pairs, and the number of rows blanked."""
    if not _differenced(comparison):
        return reliability, 0
    scale_pairs = _pairs(comparison.scales)
    item_pairs = _pairs(comparison.items)
    scales = _hidden(reliability.reliability, "scale", "n_scored", scale_pairs, min_cell)
    items = _hidden(reliability.items, "item", "n", item_pairs, min_cell)
    table = _blank_descriptives(reliability.reliability,
                                _mask(reliability.reliability, "scale", scales), min_cell)
    item_table = _blank_descriptives(reliability.items, _mask(reliability.items, "item", items),
                                     min_cell)
    distribution = reliability.distribution
    if len(distribution):
        distribution = distribution[~_mask(distribution, "item", items)].reset_index(drop=True)
    protected = replace(reliability, reliability=table, items=item_table,
                        distribution=distribution)
    return protected, len(scales) + len(items)


def _protect_mixed(comparison: Comparison, min_cell: int) -> tuple[Comparison, int]:
    """The mixed model (variable × site) protected from its respondents measured once.

    ``once`` = per measurement, ``compare_mixed_means.n`` minus the pairs (of
    ``compare_mixed`` for ``all``, of ``compare_sites`` for a site). A measurement with
    ``0 < once < min_cell`` is *small*: the sum of its answers is unknown only while none of
    the model's estimates is published beside the pairs. The estimated means (one equation per
    measurement) are dropped for such a variable × site. Its contrast (one equation, linear in
    the unknown sums) is blanked when it would give them back: when one measurement is small
    (the others' sums are published or absent), when the small ones hold fewer than
    ``min_cell`` together, or with more than two measurements (as many contrasts as unknowns).
    Site interactions that a blanked variable × site enters are blanked too."""
    mixed, means = comparison.mixed, comparison.mixed_means
    if mixed is None or means is None or "n_pairs" not in mixed.columns:
        return comparison, 0
    pairs: dict[tuple[str, str], list[int]] = {}
    for variable, site, n in zip(mixed["variable"], mixed["site"], mixed["n_pairs"],
                                 strict=True):
        if n == n:  # not NaN
            pairs.setdefault((str(variable), str(site)), []).append(int(n))
    sites = comparison.sites  # the pairs within each site (the site rows have no n_pairs)
    if sites is not None and "n_pairs" in sites.columns:
        for variable, site, n in zip(sites["variable"], sites["site"], sites["n_pairs"],
                                     strict=True):
            if n == n:
                pairs.setdefault((str(variable), str(site)), []).append(int(n))
    small: dict[tuple[str, str], list[int]] = {}
    for variable, site, n in zip(means["variable"], means["site"], means["n"], strict=True):
        key = (str(variable), str(site))
        if key in pairs and n == n:
            once = [int(n) - p for p in pairs[key] if 0 < int(n) - p < min_cell]
            if once:
                small.setdefault(key, []).append(max(once))
    if not small:
        return comparison, 0
    two = len(comparison.waves) <= 2
    hidden = {key for key, once in small.items()
              if len(once) == 1 or sum(once) < min_cell or not two}
    import pandas as pd

    def rows(table: pd.DataFrame, keys: set[tuple[str, str]], site: str = "site") -> Any:
        index = pd.MultiIndex.from_arrays([table["variable"].astype(str),
                                           table[site].astype(str)])
        return pd.Series(index.isin(list(keys)), index=table.index)

    interaction = comparison.site_interaction
    if interaction is not None and len(interaction):
        touched = rows(interaction, hidden) | rows(interaction, hidden, "reference_site")
        interaction = _blank(interaction, touched, min_cell, SUPPRESSED_DERIVED)
    protected = replace(comparison, mixed=_blank(mixed, rows(mixed, hidden), min_cell,
                                                 SUPPRESSED_DERIVED),
                        mixed_means=means[~rows(means, set(small))].reset_index(drop=True),
                        site_interaction=interaction)
    return protected, len(small) + len(hidden)
