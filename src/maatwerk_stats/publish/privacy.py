"""Small-group suppression for everything published (factsheet, its tables and figures).

Rule: a statistic that rests on fewer than ``min_cell`` respondents (the config's
``report.min_cell``, default 5) is not shown. For a comparison row that is every mean, SD,
difference and test when either group has fewer than ``min_cell`` answers (counts stay: a
count is not an answer); for a distribution it is the whole bar of that group; for a vignette
group, all of its estimates. Suppressed cells become empty (NaN) and the row's ``note`` says
why, so a reader sees that something was left out, and the factsheet adds a sentence.

Complementary suppression (DESIGN.md §5): a number that rests on enough respondents but,
next to other published numbers, gives a suppressed one back is blanked too, with the note
:data:`SUPPRESSED_DERIVED` — the pooled ``all`` rows beside a small group, the interactions
when the small group is the reference group, the influence labels of a small group.

Respondent-level tables (scores, unmatched ids) are never published at all, so a note that
points to where its ids are is reworded for the factsheet (:func:`ids_not_published`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..analyses.small_groups import complementary
from ..analyses.vignette_checks import RESPONDENT_ID_CHECKS
from ..names import ALL
from ..notes import NOT_PUBLISHED

if TYPE_CHECKING:
    import pandas as pd

    from ..analyses.compare import Comparison
    from ..analyses.scales import Reliability
    from ..analyses.vignette import VignetteResult
    from ..notes import Note

SUPPRESSED = "suppressed: fewer than {min_cell} respondents"
# complementary suppression: a row that rests on enough respondents but, next to the other
# published rows, would give a suppressed one back
SUPPRESSED_DERIVED = ("suppressed: with the other published rows it gives a group of fewer "
                      "than {min_cell} respondents")

# columns that hold counts or identify the row: never suppressed
_KEEP = {"variable", "label", "group_1", "group_2", "n_1", "n_2", "n_pairs", "scale",
         "reversed", "note", "item", "group", "factor", "level", "term", "model",
         "n_ratings", "n_respondents", "value", "value_label", "converged",
         "n_items", "n", "n_scored", "n_complete", "n_incomplete", "n_observations",
         "n_measured_once", "site", "contrast", "reference_site"}

# Where a note's ids are when the analysis runs on its own (its ``ids_text``), and what the
# factsheet says instead: it writes no compare_unmatched.csv, and its vignette_design.csv has
# no ids (protect_vignette). The Dutch sentences are the word table's notes.KIND_unpublished.
_VIGNETTE_IDS = (" (ids not published; `maatwerk-stats vignette` on the same data lists them "
                 "in vignette_design.csv, check {check})")
IDS_ELSEWHERE = {
    "unmatched_ids": (" (the ids are not published; `maatwerk-stats compare` on the same data "
                      "lists them in compare_unmatched.csv)"),
    "straightliners": _VIGNETTE_IDS.format(check="straightliners"),
    "straightliners_excluded": _VIGNETTE_IDS.format(check="respondents_excluded"),
    "respondents_without_ratings": _VIGNETTE_IDS.format(check="respondents_dropped")}


def ids_not_published(note: Note) -> Note:
    """``note`` as the factsheet shows it on the terminal: a note that names respondent ids
    would point to a file the factsheet does not write (or writes without the ids), so it
    says they are not published and which command lists them. Any other note with ids is
    told only that they are not published; a note without ids is returned as it is."""
    if not note.ids or "{ids}" not in note.template:
        return note
    return replace(note, ids_text=IDS_ELSEWHERE.get(note.kind, NOT_PUBLISHED),
                   variant="unpublished")


def blank_columns(table: pd.DataFrame, mask: Any, columns: tuple[str, ...]) -> pd.DataFrame:
    """A copy of ``table`` with ``columns`` (those it has) empty (NaN) in the rows of ``mask``;
    the table itself when no row is masked. No note: the caller says why."""
    import numpy as np

    if not mask.any():
        return table
    table = table.copy()
    for column in columns:
        if column in table.columns:
            table[column] = table[column].astype(float)
            table.loc[mask, column] = np.nan
    return table


def _blank(table: pd.DataFrame, mask: Any, min_cell: int, why: str = SUPPRESSED
           ) -> pd.DataFrame:
    import numpy as np

    table = table.copy()
    if not mask.any():
        return table
    for column in table.columns:
        if column in _KEEP:
            continue
        if table[column].dtype.kind in "fiu":
            table[column] = table[column].astype(float)
            table.loc[mask, column] = np.nan
        elif table[column].dtype.kind == "b":
            table[column] = table[column].astype(object)
            table.loc[mask, column] = None
    note = why.format(min_cell=min_cell)
    if "note" in table.columns:
        old = table.loc[mask, "note"].fillna("").astype(str)
        table.loc[mask, "note"] = [f"{o}; {note}" if o else note for o in old]
    else:
        table["note"] = ""
        table.loc[mask, "note"] = note
    return table


def suppress_comparison(result: Comparison, min_cell: int) -> tuple[Comparison, int]:
    """The comparison with rows resting on a group of fewer than ``min_cell`` blanked, and
    the number of rows (scales + items) that were."""
    def small(table: pd.DataFrame) -> Any:
        if "n_pairs" in table.columns:
            return table["n_pairs"] < min_cell
        return (table["n_1"] < min_cell) | (table["n_2"] < min_cell)

    scales_mask = small(result.scales)
    items_mask = small(result.items)
    suppressed = replace(result, scales=_blank(result.scales, scales_mask, min_cell),
                         items=_blank(result.items, items_mask, min_cell),
                         distribution=protect_distribution(result.distribution, min_cell),
                         unmatched=None)
    suppressed, count = protect_prepost(suppressed, min_cell)
    return suppressed, int(scales_mask.sum() + items_mask.sum()) + count


def protect_distribution(distribution: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """A comparison's answer distributions (``Comparison.distribution``) without the item ×
    group rows resting on fewer than ``min_cell`` answers, as :func:`suppress_comparison`
    publishes them; the factsheet also protects them with it as soon as they are counted,
    for the Likert chart it starts before the tests (``compare(on_distribution=...)``)."""
    if not len(distribution):
        return distribution
    totals = distribution.groupby(["item", "group"])["n"].transform("sum")
    return distribution[totals >= min_cell].reset_index(drop=True)


def protect_prepost(result: Comparison, min_cell: int) -> tuple[Comparison, int]:
    """The mixed-model, attrition and site tables of a comparison, protected.

    - attrition rows whose incomplete (or complete) group has fewer than ``min_cell``
      respondents are blanked: their means are a small group's;
    - a site with fewer than ``min_cell`` respondents (in any scale's within-site
      comparison) is blanked everywhere: its rows of ``compare_sites``, ``compare_mixed`` and
      ``compare_mixed_means``, and every interaction it enters (as the site or as the
      reference site). When the small sites hold fewer than ``min_cell`` respondents
      together, the smallest other site is blanked too (derived): the ``all`` rows beside
      the other sites would give them back (:func:`..analyses.small_groups.complementary`;
      this was "exactly one small site", which let two sites of 2 be recomputed together).

    Returns the protected comparison and the number of site × scale rows blanked."""
    count = 0
    attrition = result.attrition
    if attrition is not None and len(attrition):
        small = (attrition["n_incomplete"] < min_cell) | (attrition["n_complete"] < min_cell)
        attrition = _blank(attrition, small, min_cell)
    sites = result.sites
    if sites is None:
        return replace(result, attrition=attrition), count
    size = sites["n_pairs"] if "n_pairs" in sites else sites[["n_1", "n_2"]].min(axis=1)
    smallest = size.groupby(sites["site"].astype(str)).min()
    small_sites = {s for s, n in smallest.items() if n < min_cell}
    kept = complementary(smallest.to_numpy(), smallest.to_numpy() >= min_cell, 0, min_cell)
    derived = {str(s) for s, k in zip(smallest.index, kept, strict=True)
               if not k and s not in small_sites}
    hidden = small_sites | derived
    if not hidden:
        return replace(result, attrition=attrition), count
    count = int(sites["site"].astype(str).isin(hidden).sum())
    protected_sites = suppress_groups(sites, small_sites, min_cell, "site", derived)
    mixed = result.mixed
    if mixed is not None:
        mixed = suppress_groups(mixed, small_sites, min_cell, "site", derived)
    means = result.mixed_means
    if means is not None:
        means = suppress_groups(means, small_sites, min_cell, "site", derived)
        means = means[~means["site"].astype(str).isin(hidden)].reset_index(drop=True)
    interaction = result.site_interaction
    if interaction is not None:
        touched = (interaction["site"].astype(str).isin(hidden)
                   | interaction["reference_site"].astype(str).isin(hidden))
        interaction = _blank(interaction, touched, min_cell, SUPPRESSED_DERIVED)
    return replace(result, attrition=attrition, sites=protected_sites, mixed=mixed,
                   mixed_means=means, site_interaction=interaction), count


def suppress_groups(table: pd.DataFrame, small_groups: set[str], min_cell: int,
                    column: str = "group", derived: set[str] | None = None) -> pd.DataFrame:
    """Blank the estimates of the rows of ``table`` that belong to one of ``small_groups``,
    and (noted as derived) those of the groups in ``derived``."""
    if column not in table.columns or not (small_groups or derived):
        return table
    groups = table[column].astype(str)
    table = _blank(table, groups.isin(small_groups), min_cell)
    return _blank(table, groups.isin(derived or set()), min_cell, SUPPRESSED_DERIVED)


def protect_reliability(result: Reliability, min_cell: int
                        ) -> tuple[Reliability, set[tuple[str, str]]]:
    """Reliability per measurement with every (scale, group) in which fewer than ``min_cell``
    respondents have a scale score blanked (items too) and its answer distributions dropped.
    When such a group is suppressed, so is the pooled ``all`` row of that scale, its items and
    its distribution: ``all`` next to the other group gives the suppressed group back (a sum
    of answers minus a sum of answers). Returns the protected tables and the suppressed
    (scale, group) pairs."""
    table = result.reliability
    small = {(str(s), str(g)) for s, g, n in zip(table["scale"], table["group"],
                                                  table["n_scored"], strict=True)
             if n < min_cell}
    derived = {(scale, ALL) for scale, group in small if group != ALL
               if ((table["scale"] == scale) & (table["group"] == ALL)).any()} - small

    def mask(frame: pd.DataFrame, pairs: set[tuple[str, str]]) -> Any:
        import pandas as pd

        keys = pd.MultiIndex.from_arrays([frame["scale"].astype(str),
                                          frame["group"].astype(str)])
        return pd.Series(keys.isin(list(pairs)), index=frame.index)

    def protect(frame: pd.DataFrame) -> pd.DataFrame:
        frame = _blank(frame, mask(frame, small), min_cell)
        return _blank(frame, mask(frame, derived), min_cell, SUPPRESSED_DERIVED)

    distribution = result.distribution
    distribution = distribution[~mask(distribution, small | derived)].reset_index(drop=True)
    return replace(result, reliability=protect(table), items=protect(result.items),
                   distribution=distribution), small | derived


# design checks computed from a group's ratings (not from its design or its counts): blanked
# for a suppressed group and for ``all`` beside it (see :func:`protect_vignette`)
RATING_CHECKS = ("ratings_per_respondent_min", "ratings_per_respondent_median",
                 "ratings_per_respondent_max", "repeated_vignettes_mean_abs_diff",
                 "repeated_vignettes_identical", "straightliners", "ceiling_share",
                 "floor_share")


def protect_vignette(result: VignetteResult, min_cell: int) -> tuple[VignetteResult, int]:
    """The vignette result with nothing published from which a group of fewer than
    ``min_cell`` respondents can be recomputed:

    - the group's rows (coefficients, fit statistics, marginal means, interactions, influence
      estimates *and* their labels and chosen levels) are blanked;
    - so are the pooled ``all`` rows (the model on every rating: ``all`` next to the other
      groups gives the small group back) and, when the small group is the reference (first)
      group, every interaction (the other group's simple effect minus its interaction is the
      reference group's effect);
    - in ``vignette_design.csv`` the checks computed from ratings (:data:`RATING_CHECKS`) of
      the group and of ``all``, and the straight-liner counts of every group (their sum is in
      the published note); design counts (ratings, respondents, level frequencies) stay.

    Also empties the ``note`` of the design checks whose note lists respondent ids (a field,
    not a pattern). Returns the protected result and the number of rows blanked."""
    import numpy as np

    fit = result.fit
    small = {str(g) for g, n in zip(fit["group"], fit["n_respondents"], strict=True)
             if g != ALL and n < min_cell}
    derived = {ALL} if small else set()
    hidden = small | derived
    tables: dict[str, Any] = {}
    for name in ("coefficients", "fit", "marginal_means"):
        tables[name] = suppress_groups(getattr(result, name), small, min_cell,
                                       derived=derived)
    interactions = result.interactions
    if interactions is not None and small:
        own = interactions["group"].astype(str).isin(small)
        interactions = _blank(interactions, own, min_cell)
        if result.groups[0] in small:
            interactions = _blank(interactions, ~own, min_cell, SUPPRESSED_DERIVED)
    tables["interactions"] = interactions
    influence = suppress_groups(result.influence, small, min_cell, derived=derived)
    mask = influence["group"].astype(str).isin(hidden)
    for column in ("label", "level"):
        influence[column] = influence[column].astype(object)
        influence.loc[mask, column] = None
    tables["influence"] = influence

    design = result.design.copy()
    design.loc[design["check"].isin(RESPONDENT_ID_CHECKS), "note"] = None
    if small:
        groups = design["group"].astype(str)
        mask = ((groups.isin(hidden) & design["check"].isin(RATING_CHECKS))
                | (design["check"] == "straightliners"))
        design["value"] = design["value"].astype(float)
        design.loc[mask, "value"] = np.nan
        design.loc[mask, "note"] = [
            (SUPPRESSED if group in small else SUPPRESSED_DERIVED).format(min_cell=min_cell)
            for group in groups[mask]]
    tables["design"] = design
    count = sum(int(t["group"].astype(str).isin(small).sum())
                for name, t in tables.items() if t is not None and name != "design")
    return replace(result, **tables), count
