"""Pre/post comparisons of scale scores and items: ``maatwerk-stats compare``.

Two designs (DESIGN.md §5):

- **independent groups** (different people before and after, as the Leeratelier): per scale
  and item n, means, SDs, the mean difference (group 2 − group 1) with its 95 % CI, Welch's
  t-test (Student with ``equal_var``), Hedges' g with a noncentral-t CI, the Mann–Whitney test
  with U₂ and the rank-biserial correlation;
- **paired data** (the same people twice, matched on an id column, as Gewogen Maatwerk): the
  paired t-test, d_z and d_av with CIs, the Wilcoxon signed-rank test (V) and the
  matched-pairs rank-biserial correlation; every number of a row uses the complete pairs of
  that variable (so ``mean_diff`` = ``mean_2 − mean_1`` = the mean of the differences), and
  ids found in one measurement only are reported in ``unmatched``.

p-values are adjusted within each table (scales; all items) with Holm's method by default.
Each row also carries the minimal detectable effect at 80 % power (``mde_g``, paired
``mde_d_z``, see :mod:`.power`) and a ``note`` saying why any value is missing.

Scale scores and item values come from :func:`~maatwerk_stats.stats.scales.score_scales`, so
they are exactly those of ``maatwerk-stats scales`` (missing codes, range check, reverse
coding). Where each formula comes from and which R call it mirrors: :mod:`.twosample`,
:mod:`.effectsize`, :mod:`.power`, and :mod:`.compare_models` for ``adjust_for`` (ANCOVA-style
OLS) and ``ordinal`` (proportional odds).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import ScaleConfig, StudyConfig, did_you_mean, infer_config, with_scales
from ..errors import ConfigError, DataError
from ..io.dataset import code_sort_key, code_text
from . import effectsize as es
from . import twosample as ts
from .power import minimal_detectable_effect
from .scales import DISTRIBUTION_COLUMNS, OutOfRange, ScaleScores, _distribution, score_scales

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..io.dataset import Dataset

INDEPENDENT = "independent"
PAIRED = "paired"

CONTRACT_COLUMNS = ["variable", "label", "group_1", "group_2", "n_1", "n_2", "mean_1",
                    "mean_2", "sd_1", "sd_2", "mean_diff", "diff_conf_low", "diff_conf_high",
                    "t", "df", "p_value", "p_value_rank", "p_adjusted"]
INDEPENDENT_COLUMNS = [*CONTRACT_COLUMNS, "hedges_g", "g_conf_low", "g_conf_high", "u",
                       "rank_biserial", "scale", "reversed", "rank_biserial_conf_low",
                       "rank_biserial_conf_high", "mde_g", "note"]
PAIRED_COLUMNS = [*CONTRACT_COLUMNS, "n_pairs", "d_z", "d_z_conf_low", "d_z_conf_high",
                  "d_av", "w", "rank_biserial", "scale", "reversed", "d_av_conf_low",
                  "d_av_conf_high", "rank_biserial_conf_low", "rank_biserial_conf_high",
                  "mde_d_z", "note"]
UNMATCHED_COLUMNS = ["id", "group", "group_label"]

# Pairs of group codes whose order is obvious (before first), compared case-insensitively.
KNOWN_ORDERS = (("voor", "na"), ("pre", "post"), ("before", "after"), ("t0", "t1"),
                ("nulmeting", "nameting"), ("voormeting", "nameting"))


# --------------------------------------------------------------------------------------------
# The result


@dataclass(frozen=True)
class Comparison:
    """The tables of ``maatwerk-stats compare`` (column names: DESIGN.md §4 and the module
    constants), plus what the renderers need to label them.

    ``distribution`` holds the answer distribution per item and group for the values that
    entered that item's row (the diverging bar chart); ``adjusted``, ``ordinal`` and
    ``unmatched`` are None unless asked for / paired.
    """

    design: str
    scales: pd.DataFrame
    items: pd.DataFrame
    distribution: pd.DataFrame
    groups: tuple[str, str]
    group_labels: tuple[str, str]
    scale_configs: tuple[ScaleConfig, ...]
    adjust: str = "holm"
    equal_var: bool = False
    adjusted: pd.DataFrame | None = None
    ordinal: pd.DataFrame | None = None
    unmatched: pd.DataFrame | None = None
    notes: tuple[str, ...] = ()

    @property
    def paired(self) -> bool:
        return self.design == PAIRED

    def tables(self) -> dict[str, pd.DataFrame]:
        """Output name (without .csv) → table, in the order they are written."""
        tables = {"compare_scales": self.scales, "compare_items": self.items,
                  "compare_distribution": self.distribution}
        if self.adjusted is not None:
            tables["compare_adjusted"] = self.adjusted
        if self.ordinal is not None:
            tables["compare_ordinal"] = self.ordinal
        if self.unmatched is not None:
            tables["compare_unmatched"] = self.unmatched
        return tables


# --------------------------------------------------------------------------------------------
# Preparing the two measurements


@dataclass(frozen=True)
class Prepared:
    """Both measurements stacked: one row per respondent and measurement.

    ``group`` is 0 (group 1) or 1 (group 2); ``ids`` the matching key as text (paired) or
    None; ``source`` the file and 1-based data row of each row (for messages);
    ``covariates`` the raw covariate columns (``adjust_for``)."""

    scored: ScaleScores
    scores: pd.DataFrame
    items: pd.DataFrame
    group: np.ndarray
    codes: tuple[str, str]
    labels: tuple[str, str]
    ids: pd.Series | None
    source: pd.DataFrame
    covariates: pd.DataFrame | None
    covariate_labels: Mapping[str, Mapping[str, str]]
    notes: tuple[str, ...]


def _codes(series: pd.Series) -> pd.Series:
    import pandas as pd

    return pd.Series([code_text(v) for v in series.tolist()], index=series.index, dtype=object)


def _quote_list(values: Sequence[str], limit: int = 8) -> str:
    shown = ", ".join(repr(v) for v in list(values)[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def _row_numbers(mask: np.ndarray, limit: int = 10) -> str:
    import numpy as np

    rows = (np.flatnonzero(mask) + 1).tolist()
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


def _missing_column(column: str, dataset: Dataset, what: str) -> DataError:
    near = did_you_mean(column, dataset.frame.columns)
    hint = f"; did you mean {near[0]!r}?" if near else (
        f" (columns: {_quote_list(list(dataset.frame.columns))})")
    return DataError(f"{what} {column!r} is not a column of {dataset.path}{hint}")


def _resolve_order(values: Sequence[str], order: Sequence[str] | None,
                   value_labels: Mapping[str, str], column: str, path: Path,
                   counts: Mapping[str, int]) -> tuple[tuple[str, str], dict[str, str]]:
    """(group_1, group_2) as codes in the data, and a code → group-name map when the order
    was given in value labels (``voor``/``na`` for codes 1/2)."""
    present = list(values)

    def describe() -> str:
        return ", ".join(f"{v!r} ({counts[v]} rows)" for v in present)

    rename: dict[str, str] = {}
    if order is not None:
        order = [str(o).strip() for o in order]
        if len(order) != 2 or order[0] == order[1]:
            raise DataError(f"the group order must name two different groups, before first "
                            f"(e.g. --order voor,na); got {','.join(order)!r}")
        if not set(order) <= set(present):
            by_label = {label: code for code, label in value_labels.items()}
            if set(order) <= set(by_label) and any(by_label[o] in present for o in order):
                rename = {by_label[o]: o for o in order}
                present = [rename.get(v, v) for v in present]
                counts = {rename.get(k, k): n for k, n in counts.items()}
        missing = [o for o in order if o not in present]
        if len(missing) == 2:
            raise DataError(f"column {column!r} in {path} holds neither {order[0]!r} nor "
                            f"{order[1]!r}; its values are {describe()}. Give the stored "
                            "values with --order (before first) or fix groups.order in the "
                            "config.")
        if missing:
            other = next(o for o in order if o not in missing)
            raise DataError(f"only one group to compare: column {column!r} in {path} has no "
                            f"rows with {missing[0]!r}, only {describe()}. A comparison needs "
                            f"both {order[0]!r} and {order[1]!r}; check the data, --order or "
                            f"groups.order (found: {other!r}).")
        return (order[0], order[1]), rename
    if len(present) == 1:
        raise DataError(f"only one group to compare: column {column!r} in {path} holds only "
                        f"{describe()}. A comparison needs two measurements; check the "
                        "column, or give two files PRE POST.")
    if len(present) > 2:
        raise DataError(f"column {column!r} in {path} holds {len(present)} groups "
                        f"({describe()}); say which two to compare, before first, with "
                        "--order A,B (or groups.order in the config).")
    for first, second in KNOWN_ORDERS:
        lowered = {p.lower(): p for p in present}
        if set(lowered) == {first, second}:
            return (lowered[first], lowered[second]), rename
    try:
        numbers = sorted(present, key=float)
    except ValueError:
        raise DataError(f"column {column!r} in {path} holds {describe()}: say which comes "
                        f"first (before) with --order {present[0]},{present[1]} or "
                        f"--order {present[1]},{present[0]} (or groups.order in the "
                        "config).") from None
    return (numbers[0], numbers[1]), rename


def _value_labels_text(dataset: Dataset, column: str) -> dict[str, str]:
    return {code: str(label) for key, label in dataset.variable(column).value_labels.items()
            if (code := code_text(key)) is not None}


def _different_items(first: Dataset, second: Dataset, only_first: Sequence[str],
                     only_second: Sequence[str], advice: str) -> DataError:
    """The error for two measurements whose item sets differ, listing both sides."""
    parts = []
    if only_first:
        parts.append(f"only in {first.path}: {', '.join(only_first)}")
    if only_second:
        parts.append(f"only in {second.path}: {', '.join(only_second)}")
    return DataError(f"{first.path} and {second.path} do not hold the same items ("
                     + "; ".join(parts) + f"). {advice}")


def _check_same_items(first: Dataset, second: Dataset, config: StudyConfig) -> None:
    """Every configured item must be in both files; list the ones that are not."""
    needed = [i for s in config.scales.values() for i in s.items]
    needed = list(dict.fromkeys(needed))
    in_first = set(first.frame.columns)
    in_second = set(second.frame.columns)
    only_first = [i for i in needed if i in in_first and i not in in_second]
    only_second = [i for i in needed if i in in_second and i not in in_first]
    if only_first or only_second:
        raise _different_items(first, second, only_first, only_second,
                               "Both measurements need every item of the scales compared: "
                               "rename the columns so they match, or leave the scale out with "
                               "--scale.")


def infer_both(first: Dataset, second: Dataset) -> StudyConfig:
    """Infer scales from both files; they must agree."""
    one = infer_config(first)
    try:
        two = infer_config(second)
    except ConfigError:
        two = None
    items_one = {i for s in one.scales.values() for i in s.items}
    items_two = {i for s in two.scales.values() for i in s.items} if two else set()
    # items inferred from one file only: missing columns in the other, or a different set
    only_first = sorted(items_one - items_two)
    only_second = sorted(items_two - items_one)
    if only_first or only_second:
        raise _different_items(first, second, only_first, only_second,
                               "Rename the columns so they match, or write a config that lists "
                               "the items to compare (--config).")
    return one


def _covariate_frame(datasets: Sequence[Dataset], rows: Sequence[Any], names: Sequence[str]
                     ) -> tuple[pd.DataFrame, dict[str, dict[str, str]]]:
    import pandas as pd

    for dataset in datasets:
        for name in names:
            if name not in dataset.frame.columns:
                raise _missing_column(name, dataset, "--adjust-for: covariate")
    parts = [dataset.frame.loc[index, list(names)] for dataset, index in
             zip(datasets, rows, strict=True)]
    labels: dict[str, dict[str, str]] = {}
    for name in names:
        merged: dict[str, str] = {}
        for dataset in datasets:
            merged.update(_value_labels_text(dataset, name))
        labels[name] = merged
    return pd.concat(parts, ignore_index=True), labels


def prepare(data: Dataset, other: Dataset | None, config: StudyConfig, *,
            by: str | None = None, order: Sequence[str] | None = None,
            labels: Sequence[str] | None = None, id_column: str | None = None,
            adjust_for: Sequence[str] = (), out_of_range: OutOfRange = "error") -> Prepared:
    """Score both measurements and stack them (see :class:`Prepared`)."""
    import numpy as np
    import pandas as pd

    notes: list[str] = []
    if other is not None:
        if by is not None:
            raise DataError(f"--by {by!r} is for one file holding both measurements; with two "
                            f"files ({data.path}, {other.path}) the first is group 1 (before) "
                            "and the second group 2 (after). Leave out --by.")
        _check_same_items(data, other, config)
        if id_column is not None:
            for dataset in (data, other):
                if id_column not in dataset.frame.columns:
                    raise _missing_column(id_column, dataset, "id column")
        scored_parts = [score_scales(d, config, out_of_range=out_of_range)
                        for d in (data, other)]
        if order is not None and len(order) == 2:
            codes = (str(order[0]), str(order[1]))
        else:
            stems = (data.path.stem, other.path.stem)
            codes = stems if stems[0] != stems[1] else ("1", "2")
        group = np.repeat([0, 1], [len(data.frame), len(other.frame)])
        scores = pd.concat([p.scores for p in scored_parts], ignore_index=True)
        items = pd.concat([p.items for p in scored_parts], ignore_index=True)
        ids = None
        if id_column is not None:
            ids = pd.concat([_codes(data.frame[id_column]), _codes(other.frame[id_column])],
                            ignore_index=True)
        source = pd.DataFrame({"file": [str(data.path)] * len(data.frame)
                               + [str(other.path)] * len(other.frame),
                               "row": np.concatenate([np.arange(1, len(data.frame) + 1),
                                                      np.arange(1, len(other.frame) + 1)])})
        covariates, covariate_labels = (None, {})
        if adjust_for:
            covariates, covariate_labels = _covariate_frame(
                [data, other], [data.frame.index, other.frame.index], adjust_for)
        scored = scored_parts[0]
        notes.extend(n for p in scored_parts for n in p.notes)
        value_labels: dict[str, str] = {}
    else:
        if by is None:
            raise DataError(f"{data.path} is one file: say which column holds the measurement "
                            "(before / after) with --by COLUMN (or groups.column in the "
                            "config), or give two files PRE POST.")
        if by not in data.frame.columns:
            raise _missing_column(by, data, "group column")
        if id_column is not None and id_column not in data.frame.columns:
            raise _missing_column(id_column, data, "id column")
        scored = score_scales(data, config, out_of_range=out_of_range)
        notes.extend(scored.notes)
        raw = _codes(data.frame[by])
        value_labels = _value_labels_text(data, by)
        counts = raw.value_counts(sort=False).to_dict()
        present = sorted(counts, key=code_sort_key)
        if not present:
            raise DataError(f"group column {by!r} in {data.path} is empty.")
        codes, rename = _resolve_order(present, order, value_labels, by, data.path, counts)
        named = raw.map(lambda v: rename.get(v, v) if v is not None else None)
        keep = named.isin(codes).to_numpy()
        n_missing = int(raw.isna().sum())
        others = sorted({v for v in named.dropna() if v not in codes})
        if n_missing:
            notes.append(f"{n_missing} row(s) without a value in {by!r} were left out.")
        if others:
            n_other = int((~keep).sum()) - n_missing
            notes.append(f"{n_other} row(s) with {by!r} = {_quote_list(others)} were left out "
                         f"(compared: {codes[0]!r} and {codes[1]!r}).")
        index = data.frame.index[keep]
        group = (named[keep] == codes[1]).to_numpy().astype(int)
        scores = scored.scores.loc[index].reset_index(drop=True)
        items = scored.items.loc[index].reset_index(drop=True)
        ids = _codes(data.frame.loc[index, id_column]).reset_index(drop=True) \
            if id_column is not None else None
        source = pd.DataFrame({"file": str(data.path),
                               "row": np.flatnonzero(keep) + 1})
        covariates, covariate_labels = (None, {})
        if adjust_for:
            covariates, covariate_labels = _covariate_frame([data], [index], adjust_for)
        if rename:  # order given as value labels: show those
            value_labels = {}
    display = _display_labels(codes, labels, value_labels)
    return Prepared(scored=scored, scores=scores, items=items, group=np.asarray(group),
                    codes=codes, labels=display, ids=ids, source=source,
                    covariates=covariates, covariate_labels=covariate_labels,
                    notes=tuple(notes))


def _display_labels(codes: tuple[str, str], labels: Sequence[str] | None,
                    value_labels: Mapping[str, str]) -> tuple[str, str]:
    if labels is not None and len(labels) == 2:
        return str(labels[0]), str(labels[1])
    return (value_labels.get(codes[0], codes[0]), value_labels.get(codes[1], codes[1]))


# --------------------------------------------------------------------------------------------
# Pairing


@dataclass(frozen=True)
class Pairs:
    """Row positions (in :class:`Prepared`) of each matched person's two measurements."""

    first: np.ndarray
    second: np.ndarray
    unmatched: pd.DataFrame
    notes: tuple[str, ...]


def match_pairs(prepared: Prepared, id_column: str) -> Pairs:
    """Match group 1 and group 2 rows on the id; refuse duplicated ids, report unmatched."""
    import numpy as np
    import pandas as pd

    if prepared.ids is None:
        raise ValueError("prepare() was called without an id column")
    ids = prepared.ids
    notes: list[str] = []
    positions: list[dict[str, int]] = []
    for g in (0, 1):
        rows = np.flatnonzero(prepared.group == g)
        group_ids = ids.iloc[rows]
        no_id = group_ids.isna().to_numpy()
        if no_id.any():
            notes.append(f"{int(no_id.sum())} row(s) of {prepared.codes[g]!r} have no "
                         f"{id_column!r} and cannot be matched; they were left out.")
        duplicated = group_ids.duplicated(keep=False).to_numpy() & ~no_id
        if duplicated.any():
            where = prepared.source.iloc[rows[duplicated]]
            files = sorted(set(where["file"]))
            row_list = ", ".join(str(r) for r in where["row"].tolist()[:10])
            more = f" and {int(duplicated.sum()) - 10} more" if duplicated.sum() > 10 else ""
            raise DataError(
                f"paired data: id column {id_column!r} in {', '.join(files)} has duplicated "
                f"ids within measurement {prepared.codes[g]!r} (data rows {row_list}{more}). "
                "Each person may appear once per measurement: remove the duplicates, or check "
                "that --id names the respondent number.")
        positions.append({str(i): int(r) for i, r in zip(group_ids[~no_id], rows[~no_id],
                                                           strict=True)})
    common = [i for i in positions[0] if i in positions[1]]
    if not common:
        raise DataError(
            f"paired data: no id in column {id_column!r} appears in both measurements "
            f"({len(positions[0])} ids in {prepared.codes[0]!r}, {len(positions[1])} in "
            f"{prepared.codes[1]!r}). Check that --id names the respondent number and that the "
            "same numbers were used before and after; for different people, leave out "
            "--paired.")
    common = sorted(common, key=code_sort_key)
    rows_unmatched = []
    for g in (0, 1):
        other = positions[1 - g]
        for key in positions[g]:
            if key not in other:
                rows_unmatched.append({"id": key, "group": prepared.codes[g],
                                       "group_label": prepared.labels[g]})
    unmatched = pd.DataFrame(rows_unmatched, columns=UNMATCHED_COLUMNS)
    if len(unmatched):
        counts = unmatched["group"].value_counts()
        notes.append("paired data: " + " and ".join(
            f"{int(counts.get(code, 0))} id(s) only in {code!r}" for code in prepared.codes
            if counts.get(code, 0)) + f"; analysed: {len(common)} matched pairs (the ids are "
            "listed in compare_unmatched.csv).")
    return Pairs(first=np.array([positions[0][i] for i in common], dtype=int),
                 second=np.array([positions[1][i] for i in common], dtype=int),
                 unmatched=unmatched, notes=tuple(notes))


# --------------------------------------------------------------------------------------------
# One row


def _sd(x: np.ndarray) -> float:
    return float(x.std(ddof=1)) if len(x) >= 2 else math.nan


def _mean(x: np.ndarray) -> float:
    return float(x.mean()) if len(x) else math.nan


def independent_row(x1: np.ndarray, x2: np.ndarray, codes: tuple[str, str],
                    equal_var: bool = False) -> dict[str, Any]:
    """The statistics of one variable for two independent groups (missing values removed
    by the caller). Keys: :data:`INDEPENDENT_COLUMNS` without the descriptive ones."""
    n1, n2 = len(x1), len(x2)
    notes = [f"group {code} has fewer than 2 answers"
             for code, n in zip(codes, (n1, n2), strict=True) if n < 2]
    m1, m2, s1, s2 = _mean(x1), _mean(x2), _sd(x1), _sd(x2)
    test = ts.t_test_independent(x1, x2, equal_var=equal_var)
    if not notes and math.isnan(test.t):
        notes.append("no variance within the groups: t and Hedges' g undefined")
    g = es.hedges_g(n1, m1, s1, n2, m2, s2)
    if not notes and math.isnan(g.estimate):
        notes.append("no variance: Hedges' g undefined")
    rank = ts.mann_whitney(x1, x2)
    if n1 and n2 and math.isnan(rank.p_value):
        notes.append("all answers equal: rank test undefined")
    rb_low, rb_high = es.rank_biserial_ci(rank.rank_biserial,
                                          es.rank_biserial_se_independent(n1, n2))
    return {
        "n_1": n1, "n_2": n2, "mean_1": m1, "mean_2": m2, "sd_1": s1, "sd_2": s2,
        "mean_diff": test.mean_diff, "diff_conf_low": test.conf_low,
        "diff_conf_high": test.conf_high, "t": test.t, "df": test.df,
        "p_value": test.p_value, "p_value_rank": rank.p_value,
        "hedges_g": g.estimate, "g_conf_low": g.conf_low, "g_conf_high": g.conf_high,
        "u": rank.statistic, "rank_biserial": rank.rank_biserial,
        "rank_biserial_conf_low": rb_low, "rank_biserial_conf_high": rb_high,
        "mde_g": minimal_detectable_effect(n1, n2), "note": "; ".join(notes),
    }


def paired_row(x1: np.ndarray, x2: np.ndarray) -> dict[str, Any]:
    """The statistics of one variable for matched pairs (``x1[i]`` and ``x2[i]`` are the same
    person; incomplete pairs removed by the caller)."""
    n = len(x1)
    notes = ["fewer than 2 complete pairs"] if n < 2 else []
    m1, m2, s1, s2 = _mean(x1), _mean(x2), _sd(x1), _sd(x2)
    test = ts.t_test_paired(x1, x2)
    diffs = x2 - x1
    sd_diff = _sd(diffs)
    if not notes and math.isnan(test.t):
        if s1 + s2 > 0:
            notes.append("the differences have no variance: t and d_z undefined")
        else:
            notes.append("no variance in either measurement: t, d_z and d_av undefined")
    dz = es.d_z(n, test.mean_diff, sd_diff)
    dav = es.d_av(test.mean_diff, s1, s2, test.conf_low, test.conf_high)
    if not notes and math.isnan(dav.estimate):  # pragma: no cover - implied by t undefined
        notes.append("no variance: d_av undefined")
    rank = ts.wilcoxon_signed_rank(x1, x2)
    if n and rank.n_used == 0:
        notes.append("all differences are zero: signed-rank test undefined")
    rb_low, rb_high = es.rank_biserial_ci(rank.rank_biserial,
                                          es.rank_biserial_se_paired(rank.n_used))
    return {
        "n_1": n, "n_2": n, "mean_1": m1, "mean_2": m2, "sd_1": s1, "sd_2": s2,
        "mean_diff": test.mean_diff, "diff_conf_low": test.conf_low,
        "diff_conf_high": test.conf_high, "t": test.t, "df": test.df,
        "p_value": test.p_value, "p_value_rank": rank.p_value, "n_pairs": n,
        "d_z": dz.estimate, "d_z_conf_low": dz.conf_low, "d_z_conf_high": dz.conf_high,
        "d_av": dav.estimate, "d_av_conf_low": dav.conf_low, "d_av_conf_high": dav.conf_high,
        "w": rank.statistic, "rank_biserial": rank.rank_biserial,
        "rank_biserial_conf_low": rb_low, "rank_biserial_conf_high": rb_high,
        "mde_d_z": minimal_detectable_effect(n), "note": "; ".join(notes),
    }


# --------------------------------------------------------------------------------------------
# Tables


def _variables(prepared: Prepared) -> tuple[list[tuple[str, str, ScaleConfig]],
                                            list[tuple[str, str, ScaleConfig]]]:
    """(name, label, scale) for every scale and every item (an item once, in its first
    scale)."""
    scales = [(s.name, s.label, s) for s in prepared.scored.scales]
    seen: set[str] = set()
    items = []
    for scale in prepared.scored.scales:
        for item in scale.items:
            if item not in seen:
                seen.add(item)
                items.append((item, prepared.scored.item_labels.get(item, item), scale))
    return scales, items


def variable_values(frame: pd.DataFrame, column: str, prepared: Prepared,
                    pairs: Pairs | None) -> tuple[np.ndarray, np.ndarray]:
    """The values of ``column`` for group 1 and group 2, missing values removed; for paired
    data the complete pairs, in matching order."""
    import numpy as np

    values = frame[column].to_numpy(dtype=float)
    if pairs is None:
        x1 = values[prepared.group == 0]
        x2 = values[prepared.group == 1]
        return x1[~np.isnan(x1)], x2[~np.isnan(x2)]
    x1, x2 = values[pairs.first], values[pairs.second]
    complete = ~(np.isnan(x1) | np.isnan(x2))
    return x1[complete], x2[complete]


def _table(rows: list[dict[str, Any]], columns: list[str], adjust: str) -> pd.DataFrame:
    import pandas as pd

    table = pd.DataFrame(rows, columns=columns)
    table["p_adjusted"] = ts.adjust_p(table["p_value"].tolist(), adjust)
    for column in ("n_1", "n_2", "n_pairs"):
        if column in table:
            table[column] = table[column].astype(int)
    return table


def compare_prepared(prepared: Prepared, *, paired_on: str | None = None,
                     equal_var: bool = False, adjust: str = "holm",
                     adjust_for: Sequence[str] = (), categorical: Sequence[str] = (),
                     ordinal: bool = False) -> Comparison:
    """The comparison tables from stacked, scored measurements (see :func:`compare`)."""
    import pandas as pd

    from . import compare_models

    if adjust not in ts.ADJUST_METHODS:
        raise DataError(f"unknown p-value adjustment {adjust!r}; use one of "
                        f"{', '.join(ts.ADJUST_METHODS)}")
    pairs = match_pairs(prepared, paired_on) if paired_on is not None else None
    design = PAIRED if pairs is not None else INDEPENDENT
    if pairs is not None and adjust_for:
        raise DataError("--adjust-for is for independent groups: in a paired design every "
                        "person is compared with themselves, so characteristics that do not "
                        "change (age, organisation, …) cannot explain the difference. Leave "
                        "out --adjust-for, or compare as independent groups.")
    scale_vars, item_vars = _variables(prepared)
    columns = PAIRED_COLUMNS if pairs is not None else INDEPENDENT_COLUMNS
    codes = prepared.codes

    def rows_for(frame: pd.DataFrame, variables: list[tuple[str, str, ScaleConfig]],
                 kind: str) -> list[dict[str, Any]]:
        rows = []
        for name, label, scale in variables:
            x1, x2 = variable_values(frame, name, prepared, pairs)
            stats = paired_row(x1, x2) if pairs is not None else independent_row(
                x1, x2, codes, equal_var)
            rows.append({"variable": name, "label": label, "group_1": codes[0],
                         "group_2": codes[1], **stats, "scale": scale.name,
                         "reversed": kind == "item" and name in scale.reverse})
        return rows

    scales_table = _table(rows_for(prepared.scores, scale_vars, "scale"), columns, adjust)
    items_table = _table(rows_for(prepared.items, item_vars, "item"), columns, adjust)

    distribution_rows = []
    for name, _label, scale in item_vars:
        for g in (0, 1):
            x = variable_values(prepared.items, name, prepared, pairs)[g]
            distribution_rows.extend(_distribution(prepared.scored, scale, name,
                                                   pd.Series(x), codes[g]))
    distribution = pd.DataFrame(distribution_rows, columns=DISTRIBUTION_COLUMNS)

    adjusted = None
    if adjust_for:
        adjusted = compare_models.adjusted_differences(
            prepared, scale_vars, list(adjust_for), categorical=list(categorical),
            adjust=adjust)
    ordinal_table = None
    if ordinal:
        ordinal_table = compare_models.ordinal_models(prepared, item_vars, pairs,
                                                      adjust=adjust)
    notes = list(prepared.notes) + (list(pairs.notes) if pairs is not None else [])
    if adjusted is not None:
        notes.extend(adjusted.attrs.get("notes", []))
    return Comparison(
        design=design, scales=scales_table, items=items_table, distribution=distribution,
        groups=codes, group_labels=prepared.labels, scale_configs=prepared.scored.scales,
        adjust=adjust, equal_var=equal_var, adjusted=adjusted, ordinal=ordinal_table,
        unmatched=pairs.unmatched if pairs is not None else None, notes=tuple(notes))


# --------------------------------------------------------------------------------------------
# The entry point


def _as_dataset(data: Dataset | str | Path) -> Dataset:
    if isinstance(data, str | Path):
        from ..io.read import read_data

        return read_data(data)
    return data


def compare(data: Dataset | str | Path, other: Dataset | str | Path | None = None, *,
            config: StudyConfig | None = None, by: str | None = None,
            order: Sequence[str] | None = None, labels: Sequence[str] | None = None,
            paired: bool | None = None, id_column: str | None = None,
            equal_var: bool = False, adjust: str = "holm",
            adjust_for: Sequence[str] = (), categorical: Sequence[str] = (),
            ordinal: bool = False, scales: Sequence[str] | None = None,
            out_of_range: OutOfRange = "error") -> Comparison:
    """Compare two measurements of every scale and item.

    ``data`` and ``other``: two files (before, after), or one file with a group column
    ``by`` (default: the config's ``groups.column``) whose two values are ordered by
    ``order`` (default: the config's ``groups.order``; numeric codes ascending; the pairs
    voor/na, pre/post, before/after, t0/t1 are recognised). ``paired`` (default: the
    config's ``groups.paired``) matches people on ``id_column`` (default: ``groups.id``, then
    ``study.id``). ``equal_var`` chooses Student's t-test over Welch's; ``adjust`` is
    ``holm``, ``fdr_bh`` or ``none``. ``adjust_for`` adds ``Comparison.adjusted`` (OLS with
    these covariates; numbers with SPSS value labels, text and the columns in
    ``categorical`` are categories), ``ordinal`` adds ``Comparison.ordinal``
    (proportional-odds model per item). Without ``config`` the scales are inferred from the
    column names of both files.
    """
    first = _as_dataset(data)
    second = _as_dataset(other) if other is not None else None
    if config is None:
        config = infer_both(first, second) if second is not None else infer_config(first)
    if scales:
        unknown = [s for s in scales if s not in config.scales]
        if unknown:
            raise ConfigError([f"scale {s!r} is not a scale of the config"
                               + (f" — did you mean {did_you_mean(s, config.scales)[0]!r}?"
                                  if did_you_mean(s, config.scales) else "")
                               for s in unknown])
        config = with_scales(config, scales)
    groups = config.groups
    if second is None and by is None and groups is not None:
        by = groups.column
    config_order = None
    config_labels = None
    if groups is not None and groups.order and (second is not None or groups.column in (None,
                                                                                        by)):
        config_order, config_labels = groups.order, groups.labels
    use_order = order if order is not None else config_order
    use_labels = labels if labels is not None else (
        config_labels if order is None or (config_order is not None
                                           and list(order) == list(config_order)) else None)
    is_paired = paired if paired is not None else bool(groups and groups.paired)
    key = None
    if is_paired:
        key = id_column or (groups.id if groups else None) or config.id
        if key is None:
            raise DataError("paired comparison without an id column: name the column that "
                            "identifies the same person in both measurements with --id COLUMN "
                            "(or groups.id in the config).")
    prepared = prepare(first, second, config, by=by, order=use_order, labels=use_labels,
                       id_column=key, adjust_for=adjust_for, out_of_range=out_of_range)
    return compare_prepared(prepared, paired_on=key, equal_var=equal_var, adjust=adjust,
                            adjust_for=adjust_for, categorical=categorical, ordinal=ordinal)
