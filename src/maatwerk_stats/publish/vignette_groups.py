"""The factsheet's vignette models without the groups too small to publish.

README ("Data protection") promises that a group of fewer than ``report.min_cell``
respondents is not analysed at all. Blanking its rows (:func:`.privacy.protect_vignette`) is
not enough for a vignette study: the groups share one pooled model (one respondent variance,
one residual variance, the clusters of every respondent), so the published rows of the other
groups would still rest partly on the small group's ratings. So the models are fitted once
more without its ratings, and the published rows of the other groups are taken from that
fit: they equal those of a run on the other groups alone. The small group keeps its rows
with their counts (blanked by :func:`.privacy.protect_vignette`), and so do the pooled
``all`` rows; the interactions with it are not estimated.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..notes import Note

if TYPE_CHECKING:
    import pandas as pd

    from ..analyses.vignette import VignetteResult
    from ..config import InfluenceConfig
    from ..prepare.ratings import VignetteData

# the columns that name a row of each table (the rest are estimates and counts)
KEYS = {"coefficients": ("model", "group", "term"), "fit": ("model", "group"),
        "marginal_means": ("model", "factor", "level", "group"),
        "interactions": ("model", "factor", "level", "group"),
        "influence": ("model", "factor", "group"),
        "design": ("check", "factor", "level", "factor_2", "group")}
# design checks of the model on every rating (group ``all``), not of the ratings themselves
MODEL_CHECKS = ("position_effect", "position_effect_p")


def small_groups(result: VignetteResult, min_cell: int) -> tuple[str, ...]:
    """The groups of fewer than ``min_cell`` respondents, in the study's order: the rule of
    :func:`.privacy.protect_vignette` (the respondents with a rating, from ``fit``)."""
    fit = result.fit
    sizes = dict(zip(fit["group"].astype(str), fit["n_respondents"], strict=True))
    return tuple(g for g in (result.study.groups or ()) if sizes.get(g, 0) < min_cell)


def without_groups(data: VignetteData, left_out: tuple[str, ...]) -> VignetteData:
    """``data`` with the ratings of ``left_out`` removed, and those groups removed from its
    order, as if they had never been in the file (unused categories dropped, so that no
    respondent of theirs is counted as a cluster)."""
    from ..prepare.ratings import GROUP, RESPONDENT

    assert data.groups is not None
    keep = [i for i, g in enumerate(data.groups) if g not in left_out]
    groups = tuple(data.groups[i] for i in keep)
    labels = (tuple(data.group_labels[i] for i in keep) if data.group_labels is not None
              else None)
    ratings = data.ratings[~data.ratings[GROUP].astype(str).isin(left_out)].copy()
    ratings[GROUP] = ratings[GROUP].cat.set_categories(list(groups))
    ratings[RESPONDENT] = ratings[RESPONDENT].cat.remove_unused_categories()
    return replace(data, ratings=ratings, groups=groups, group_labels=labels)


def analyse_published(data: VignetteData, influence: InfluenceConfig | None,
                      min_cell: int) -> VignetteResult:
    """:func:`~maatwerk_stats.analyses.vignette.analyse` for the factsheet: the groups of
    fewer than ``min_cell`` respondents keep their rows and counts, but their ratings do
    not enter the models whose rows of the other groups are published (module docstring).
    Unchanged (one fit) without such a group."""
    from ..analyses.vignette import analyse

    full = analyse(data, influence)
    small = small_groups(full, min_cell)
    if not small or len(small) == len(full.study.groups or ()):
        return full
    kept = analyse(without_groups(data, small), influence)
    published = {g for g in (full.study.groups or ()) if g not in small}
    tables = {name: _rows_from(getattr(full, name), getattr(kept, name), published, name)
              for name in ("coefficients", "fit", "marginal_means", "influence", "design")}
    if full.interactions is not None and full.study.groups[0] not in small:
        # the reference group is kept: the other groups' interactions keep their meaning
        tables["interactions"] = _rows_from(full.interactions, kept.interactions,
                                            published, "interactions")
    return replace(full, **tables, primary_model=kept.primary_model,
                   notes=(*kept.notes, _left_out_note(small, full, min_cell)),
                   warnings=kept.warnings)


def _rows_from(full: pd.DataFrame, kept: pd.DataFrame | None, groups: set[str],
               name: str) -> pd.DataFrame:
    """``full`` with its rows of ``groups`` replaced by those of ``kept``, in ``full``'s
    order; in the design also the order-effect check (a model on every rating, the last
    rows, absent when the position does not vary without the small groups)."""
    import pandas as pd

    if kept is None:
        return full
    if name == "design":
        model = full["check"].isin(MODEL_CHECKS)
        return pd.concat([_rows_from(full[~model], kept[~kept["check"].isin(MODEL_CHECKS)],
                                     groups, "rows"), kept[kept["check"].isin(MODEL_CHECKS)]],
                         ignore_index=True)
    ours = full["group"].astype(str).isin(groups)
    theirs = kept[kept["group"].astype(str).isin(groups)]
    key = [c for c in KEYS.get(name, KEYS["design"]) if c in full.columns]
    if len(theirs) != int(ours.sum()) or not full.loc[ours, key].astype(str).reset_index(
            drop=True).equals(theirs[key].astype(str).reset_index(drop=True)):
        raise AssertionError(f"vignette {name}: the fit without the small groups has other "
                             "rows")  # the same factors and groups: cannot happen
    theirs = theirs.set_axis(full.index[ours.to_numpy()])
    merged = pd.concat([full[~ours], theirs]).sort_index()
    return merged[[*full.columns, *(c for c in merged.columns if c not in full.columns)]]


def _left_out_note(small: tuple[str, ...], full: VignetteResult, min_cell: int) -> Note:
    """Say that the small groups were left out of the models, not only blanked."""
    labels = [full.study.group_label(g) for g in small]
    return Note(
        "vignette_groups_left_out",
        f"group(s) {', '.join(labels)} with fewer than {min_cell} respondents: their "
        "ratings are left out of the vignette models (their counts stay), so the effects of "
        "the other groups are those of an analysis without them; interactions with them are "
        "not published.",
        values={"groups": labels, "min_cell": min_cell})
