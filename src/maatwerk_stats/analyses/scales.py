"""Reliability of scales: the tables of ``maatwerk-stats scales`` (DESIGN.md §4, §5).

Alpha and its relatives use the respondents who answered every item of the scale (listwise);
the per-item n, mean and sd use every answer to that item. Formulas and the R calls they mirror:
:mod:`maatwerk_stats.stats.reliability`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..config import ScaleConfig
from ..errors import DataError, Text, param
from ..io.dataset import code_sort_key
from ..names import ALL
from ..notes import Note
from ..prepare.items import ScaleScores
from ..stats import bifactor
from ..stats import reliability as rel

if TYPE_CHECKING:
    import pandas as pd

RELIABILITY_COLUMNS = ["scale", "label", "group", "n_items", "n", "alpha", "alpha_std",
                       "alpha_conf_low", "alpha_conf_high", "omega_total", "n_scored",
                       "mean", "sd", "omega_heywood", "parent", "omega_h", "omega_h_heywood"]
ITEM_COLUMNS = ["scale", "item", "label", "group", "reversed", "n", "mean", "sd",
                "item_rest_r", "alpha_if_deleted"]
DISTRIBUTION_COLUMNS = ["scale", "item", "label", "group", "value", "value_label", "n",
                        "percent"]


@dataclass(frozen=True)
class Reliability:
    """The contract tables of ``scales``: ``reliability``, ``items`` and ``distribution``,
    and the notes that go with them (what was done to the data, methodological warnings)."""

    reliability: pd.DataFrame
    items: pd.DataFrame
    distribution: pd.DataFrame
    notes: tuple[Note, ...] = ()

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"reliability": self.reliability, "items": self.items,
                "items_distribution": self.distribution}


# --------------------------------------------------------------------------------------------
# Reliability


def _check_reliability_input(block: pd.DataFrame, scale: ScaleConfig, where: Text) -> None:
    """``where``: "" or " in group meting=voor" (nl " in groep meting=voor")."""
    if len(scale.items) < 2:
        raise DataError(
            en=f"scale {scale.name!r} has only {len(scale.items)} item; reliability (alpha, "
            "omega) needs at least 2 items. Add items to the scale or leave it out with "
            f"{param('scales')}.",
            nl=f"schaal {scale.name!r} heeft maar {len(scale.items)} item; betrouwbaarheid "
            "(alfa, omega) vraagt minstens 2 items. Voeg items toe aan de schaal of laat hem "
            f"weg met {param('scales')}.")
    complete = block.dropna()
    if len(complete) < 3:
        raise DataError(
            en=f"scale {scale.name!r}{where.en}: only {len(complete)} respondent(s) answered "
            "every item; reliability needs at least 3.",
            nl=f"schaal {scale.name!r}{where.nl}: alle items zijn door maar {len(complete)} "
            "respondent(en) beantwoord; betrouwbaarheid vraagt er minstens 3.")
    constant = [c for c in block.columns if complete[c].nunique() < 2]
    if constant:
        many = len(constant) > 1
        raise DataError(
            en=f"scale {scale.name!r}{where.en}: item{'s' if many else ''} "
            f"{', '.join(constant)} {'have' if many else 'has'} no variance (every "
            "respondent who answered all items gave the same answer), so alpha, item–rest r "
            "and omega are undefined. Remove the item from the scale in the config.",
            nl=f"schaal {scale.name!r}{where.nl}: item{'s' if many else ''} "
            f"{', '.join(constant)} {'hebben' if many else 'heeft'} geen variantie (elke "
            "respondent die alle items beantwoordde, gaf hetzelfde antwoord), dus alfa, "
            "r item-rest en omega zijn niet gedefinieerd. Haal het item uit de schaal in de "
            "config.")


def _counts_only_rows(scored: ScaleScores, scale: ScaleConfig, block: pd.DataFrame,
                      score: pd.Series, group: str) -> tuple[dict, list[dict]]:
    """The rows of a scale in a group too small to analyse: counts, no statistics."""
    nan = float("nan")
    scale_row = {"scale": scale.name, "label": scale.label, "group": group,
                 "n_items": len(scale.items), "n": int(block.notna().all(axis=1).sum()),
                 "n_scored": int(score.notna().sum()), "omega_heywood": False,
                 "parent": scale.parent, "omega_h_heywood": False,
                 **dict.fromkeys(("alpha", "alpha_std", "alpha_conf_low", "alpha_conf_high",
                                  "omega_total", "mean", "sd", "omega_h"), nan)}
    item_rows = [{"scale": scale.name, "item": item,
                  "label": scored.item_labels.get(item, item), "group": group,
                  "reversed": item in scale.reverse, "n": int(block[item].notna().sum()),
                  **dict.fromkeys(("mean", "sd", "item_rest_r", "alpha_if_deleted"), nan)}
                 for item in scale.items]
    return scale_row, item_rows


def _reliability_rows(scored: ScaleScores, items: pd.DataFrame, scores: pd.DataFrame,
                      group: str, where: Text, min_scored: int = 0
                      ) -> tuple[list[dict], list[dict], list[dict]]:
    scale_rows, item_rows, dist_rows = [], [], []
    for scale in scored.scales:
        block = items[list(scale.items)]
        if int(scores[scale.name].notna().sum()) < min_scored:
            scale_row, rows = _counts_only_rows(scored, scale, block, scores[scale.name], group)
            scale_rows.append(scale_row)
            item_rows.extend(rows)
            continue
        _check_reliability_input(block, scale, where)
        x = block.dropna().to_numpy(dtype=float)
        n, k = x.shape
        cov = rel.item_covariance(x)  # one pass over the respondents for all coefficients
        r = rel.correlation_of(cov)
        alpha = rel.cronbach_alpha(x, cov=cov)
        low, high = rel.feldt_ci(alpha, n, k)
        omega = rel.omega_total_details(x, r=r)
        hierarchical = _omega_hierarchical(scored, scale, x, r)
        score = scores[scale.name]
        scale_rows.append({
            "scale": scale.name, "label": scale.label, "group": group, "n_items": k, "n": n,
            "alpha": alpha, "alpha_std": rel.standardized_alpha(x, r=r),
            "alpha_conf_low": low, "alpha_conf_high": high,
            "omega_total": omega.omega,
            "n_scored": int(score.notna().sum()),
            "mean": float(score.mean()), "sd": float(score.std(ddof=1)),
            "omega_heywood": omega.heywood, "parent": scale.parent,
            "omega_h": hierarchical.omega_h, "omega_h_heywood": hierarchical.heywood,
        })
        rest = rel.item_rest_correlations(x, cov=cov)
        dropped = rel.alpha_if_deleted(x, cov=cov)
        for j, item in enumerate(scale.items):
            answers = block[item].dropna()
            item_rows.append({
                "scale": scale.name, "item": item, "label": scored.item_labels.get(item, item),
                "group": group, "reversed": item in scale.reverse,
                "n": int(answers.size), "mean": float(answers.mean()),
                "sd": float(answers.std(ddof=1)),
                "item_rest_r": float(rest[j]), "alpha_if_deleted": float(dropped[j]),
            })
            dist_rows.extend(item_distribution(scored, scale, item, answers, group))
    return scale_rows, item_rows, dist_rows


def _omega_hierarchical(scored: ScaleScores, scale: ScaleConfig, x: Any, r: Any
                        ) -> bifactor.OmegaHierarchical:
    """Omega hierarchical of a scale with subscales, the subscales as group factors of a
    bifactor model (:mod:`maatwerk_stats.stats.bifactor`); NaN for a scale without
    subscales (or whose subscales were not selected) and where it is not identified (fewer
    than three parts, :func:`maatwerk_stats.stats.bifactor.identified`)."""
    groups = _subscale_groups(scored, scale)
    if groups is None:
        return bifactor.OmegaHierarchical(float("nan"), False, False)
    return bifactor.omega_hierarchical(x, groups, r=r)


def _subscale_groups(scored: ScaleScores, scale: ScaleConfig) -> list[int] | None:
    """Per item of ``scale``, the index of its subscale (−1: in none); None when the scale
    has no subscales or not all of them are among the scored scales."""
    parts = {s.name: s for s in scored.scales if s.name in scale.subscales}
    if not scale.subscales or len(parts) < len(scale.subscales):
        return None
    return [next((j for j, sub in enumerate(scale.subscales) if item in parts[sub].items), -1)
            for item in scale.items]


def omega_h_notes(scored: ScaleScores, table: pd.DataFrame) -> tuple[Note, ...]:
    """A note for each scale with subscales whose omega hierarchical is not identified, or
    that could not be estimated on its complete cases (``table``: the reliability rows)."""
    notes = []
    for scale in scored.scales:
        groups = _subscale_groups(scored, scale)
        if groups is None:
            continue
        if bifactor.identified(groups):
            rows = table[(table["scale"] == scale.name) & table["alpha"].notna()
                         & table["omega_h"].isna()]
            for row in rows.itertuples(index=False):
                where = "" if row.group == ALL else f" (group {row.group})"
                notes.append(Note(
                    "omega_h_not_estimated",
                    f"scale {scale.name}{where}: omega hierarchical (omega_h) could not be "
                    f"estimated: the correlation matrix of the {row.n} complete respondents "
                    f"is singular (it needs more complete respondents than the {row.n_items} "
                    "items, and no item that is a sum of others).", subject=scale.name,
                    values={"group": row.group, "n": row.n, "n_items": row.n_items}))
            continue
        notes.append(Note(
            "omega_h_not_identified",
            f"scale {scale.name}: omega hierarchical (omega_h) is not computed: with "
            f"{len(scale.subscales)} subscales the general factor is not identified; it needs "
            f"at least {bifactor.MIN_SUBSCALES} subscales (psych::omega's rule too). "
            "omega_total and alpha are reported.", subject=scale.name,
            values={"n_subscales": len(scale.subscales),
                    "minimum": bifactor.MIN_SUBSCALES}))
    return tuple(notes)


# the widest answer range whose unused categories are still listed (0–10 scales have 11)
MAX_LISTED_CATEGORIES = 21


def item_distribution(scored: ScaleScores, scale: ScaleConfig, item: str, answers: pd.Series,
                  group: str) -> list[dict]:
    """% per answer category. With a range of at most :data:`MAX_LISTED_CATEGORIES` whole
    answers (a Likert item), every category of the range is listed, also those nobody chose;
    otherwise (e.g. an amount with range 0–100,000) only the answers given."""
    import numpy as np

    counts = answers.value_counts()
    if (scale.range is not None and all(float(v).is_integer() for v in counts.index)
            and scale.range[1] - scale.range[0] + 1 <= MAX_LISTED_CATEGORIES):
        low, high = scale.range
        categories = [float(v) for v in np.arange(low, high + 1)]
    else:
        categories = sorted(float(v) for v in counts.index)
    total = int(answers.size)
    labels = scored.value_labels.get(item, {})
    rows = []
    for value in categories:
        # value labels belong to the stored codes: after reverse coding, look up the original
        code = scale.reverse_value(value) if item in scale.reverse else value
        count = int(counts.get(value, 0))
        rows.append({"scale": scale.name, "item": item,
                     "label": scored.item_labels.get(item, item), "group": group,
                     "value": value, "value_label": labels.get(code, ""), "n": count,
                     "percent": 100 * count / total if total else float("nan")})
    return rows


def reliability(scored: ScaleScores, by: pd.Series | None = None,
                order: Iterable[Any] | None = None, *, min_scored: int = 0,
                group_labels: Mapping[str, str] | None = None) -> Reliability:
    """Alpha (raw and standardized, Feldt CI), omega total, item statistics and answer
    distributions for every scale of ``scored``; with ``by`` (group codes as text), also per
    group: rows with ``group`` = the group's code after the
    rows for ``all``, groups in ``order`` or else in natural code order.

    ``min_scored``: a scale in a group (or in the whole file) with fewer respondents with a
    scale score is not analysed — its rows hold the counts (``n_items``, ``n``, ``n_scored``,
    item ``n``) and empty statistics, and it has no distribution rows — instead of stopping
    the run. The factsheet passes ``report.min_cell``: such a group would be suppressed
    anyway (:mod:`maatwerk_stats.publish.privacy`), so it never computes what it may not
    show. ``group_labels`` (code → display label, ``groups.labels``) name a group in the
    notes; without them a note names its code."""
    import pandas as pd

    scale_rows, item_rows, dist_rows = _reliability_rows(scored, scored.items, scored.scores,
                                                         ALL, Text("", ""), min_scored)
    if by is not None:
        levels = list(order) if order is not None else sorted(
            by.dropna().unique().tolist(), key=lambda v: code_sort_key(str(v)))
        for level in levels:
            mask = (by == level).to_numpy()
            rows = _reliability_rows(scored, scored.items[mask], scored.scores[mask],
                                     str(level), Text(f" in group {by.name}={level}",
                                                      f" in groep {by.name}={level}"),
                                     min_scored)
            scale_rows += rows[0]
            item_rows += rows[1]
            dist_rows += rows[2]
    result = Reliability(
        reliability=pd.DataFrame(scale_rows, columns=RELIABILITY_COLUMNS),
        items=pd.DataFrame(item_rows, columns=ITEM_COLUMNS),
        distribution=pd.DataFrame(dist_rows, columns=DISTRIBUTION_COLUMNS),
        notes=scored.notes,
    )
    return replace(result, notes=(*result.notes, *omega_h_notes(scored, result.reliability),
                                  *reliability_warnings(result, group_labels)))


HEYWOOD_KINDS = ("omega_heywood", "omega_h_heywood")


def reliability_warnings(result: Reliability, group_labels: Mapping[str, str] | None = None
                         ) -> tuple[Note, ...]:
    """Methodological warnings: an item that correlates negatively with the rest of its scale
    (reverse-keyed but not declared?), omega resting on a Heywood case (any group, see
    :func:`maatwerk_stats.stats.reliability.omega_total_details`), and alpha resting on fewer
    than 30 complete respondents (a wide CI; pooled rows)."""
    notes = []
    items = result.items[result.items["group"] == ALL]
    for row in items.itertuples(index=False):
        if row.item_rest_r < 0:
            advice = ("It is already in the scale's reverse list and still goes against the "
                      "other items after reverse coding: check whether it is really "
                      "reverse-keyed (if not, remove it from reverse), or whether the data "
                      "were already reverse-coded." if bool(row.reversed) else
                      "Is it reverse-keyed? Then add it to the scale's reverse list in the "
                      "config.")
            notes.append(Note(
                "negative_item_rest",
                f"item {row.item} correlates negatively with the rest of scale "
                f"{row.scale} (r = {row.item_rest_r:.2f}). {advice}",
                subject=row.item, values={"scale": row.scale, "item_rest_r": row.item_rest_r,
                                          "reversed": bool(row.reversed)}))
    notes += heywood_notes(result.reliability, group_labels)
    for row in result.reliability.itertuples(index=False):
        if row.group == ALL and row.n < 30:
            notes.append(Note(
                "few_complete_respondents",
                f"scale {row.scale}: alpha rests on {row.n} complete respondents; its "
                "confidence interval is wide.", subject=row.scale, values={"n": row.n}))
    return tuple(notes)


def heywood_notes(table: pd.DataFrame, group_labels: Mapping[str, str] | None = None
                  ) -> list[Note]:
    """A warning per row of a reliability table whose omega total or omega hierarchical
    rests on a Heywood case; a group named by its display label (``group_labels``, as the
    tables and the other notes), its code kept in ``values["group"]``."""
    labels = group_labels or {}
    notes = []
    for row in table.itertuples(index=False):
        label = labels.get(str(row.group), str(row.group))
        where = "" if row.group == ALL else f" (group {label})"
        if row.omega_heywood:
            notes.append(Note(
                "omega_heywood",
                f"scale {row.scale}{where}: omega rests on a Heywood case — the one-factor "
                "model would measure an item (almost) without error, so that item's "
                f"uniqueness is held at {rel.MIN_UNIQUENESS} (the bound psych::fa uses) and "
                "omega_total is fragile; common with few respondents or near-duplicate "
                "items. Report alpha, or check the items.", level="warning", subject=row.scale,
                values={"group": row.group, "group_label": label,
                        "omega_total": row.omega_total, "min_uniqueness": rel.MIN_UNIQUENESS}))
        if row.omega_h_heywood:
            notes.append(Note(
                "omega_h_heywood",
                f"scale {row.scale}{where}: omega hierarchical rests on a Heywood case — in "
                "the bifactor model an item's unique variance is held at "
                f"{bifactor.MIN_UNIQUENESS} (lavaan would let it go below zero), so omega_h is "
                "fragile. Check the items and the subscales.", level="warning",
                subject=row.scale, values={"group": row.group, "group_label": label,
                                           "omega_h": row.omega_h,
                                           "min_uniqueness": bifactor.MIN_UNIQUENESS}))
    return notes
