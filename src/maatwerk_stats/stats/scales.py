"""Scale scores and the reliability tables of ``maatwerk-stats scales``.

Conventions (DESIGN.md §5): user-missing and declared ``missing_codes`` are missing; values
outside an item's declared range stop the run unless ``out_of_range="missing"``; reverse-keyed
items become ``min + max − x``; a scale score is the mean of the answered items when at least
``min_items`` are answered. Alpha and its relatives use the respondents who answered every item
of the scale (listwise); the per-item n, mean and sd use every answer to that item.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..config import ScaleConfig, StudyConfig, check_against_data, normalise_answer
from ..errors import DataError, OutOfRangeError
from . import reliability as rel

if TYPE_CHECKING:
    import pandas as pd

    from ..io.dataset import Dataset

OutOfRange = Literal["error", "missing"]

RELIABILITY_COLUMNS = ["scale", "label", "group", "n_items", "n", "alpha", "alpha_std",
                       "alpha_conf_low", "alpha_conf_high", "omega_total", "n_scored",
                       "mean", "sd"]
ITEM_COLUMNS = ["scale", "item", "label", "group", "reversed", "n", "mean", "sd",
                "item_rest_r", "alpha_if_deleted"]
DISTRIBUTION_COLUMNS = ["scale", "item", "label", "group", "value", "value_label", "n",
                        "percent"]
ALL_GROUPS = "all"


@dataclass(frozen=True)
class ScaleScores:
    """Item values ready for analysis and the scale scores computed from them.

    ``items`` holds the item columns after missing codes, range handling and reverse coding
    (respondent-level: for analysis, never for publication); ``scores`` the id column (if any)
    and one column per scale; ``notes`` what was done to the data on the way (e.g. values set
    to missing with ``out_of_range="missing"``).
    """

    scores: pd.DataFrame
    items: pd.DataFrame
    scales: tuple[ScaleConfig, ...]
    item_labels: Mapping[str, str]
    value_labels: Mapping[str, Mapping[float, str]] = field(default_factory=dict)
    id_column: str | None = None
    notes: tuple[str, ...] = ()

    def scale(self, name: str) -> ScaleConfig:
        return next(s for s in self.scales if s.name == name)


@dataclass(frozen=True)
class Reliability:
    """The contract tables of ``scales``: ``reliability``, ``items`` and ``distribution``."""

    reliability: pd.DataFrame
    items: pd.DataFrame
    distribution: pd.DataFrame
    notes: tuple[str, ...] = ()

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"reliability": self.reliability, "items": self.items,
                "items_distribution": self.distribution}


# --------------------------------------------------------------------------------------------
# Preparing items


def _row_list(rows: Iterable[int], limit: int = 10) -> str:
    rows = list(rows)
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


def _numeric_item(series: pd.Series, scale: ScaleConfig, value_map: Mapping[str, float]
                  ) -> tuple[pd.Series, list[str]]:
    """The item as floats: numbers stay, texts go through the config's ``value_map``.

    Returns the values and the answer texts that no ``value_map`` covers.
    """
    import pandas as pd

    if pd.api.types.is_numeric_dtype(series):
        return series.astype(float), []
    mapping = {**value_map, **scale.value_map}
    text = series.astype(object)
    numbers = pd.to_numeric(text, errors="coerce")
    unmapped: list[str] = []
    for position, value in text.items():
        if pd.isna(value) or not pd.isna(numbers[position]):
            continue
        key = normalise_answer(str(value))
        if key in mapping:
            numbers[position] = mapping[key]
        elif str(value) not in unmapped:
            unmapped.append(str(value))
    return numbers.astype(float), unmapped


def _text_answers_error(source: str, unmapped: Mapping[str, list[str]]) -> DataError:
    shown = "; ".join(f"{item} ({', '.join(repr(v[:40]) for v in texts[:4])}"
                      + (f" and {len(texts) - 4} more" if len(texts) > 4 else "") + ")"
                      for item, texts in unmapped.items())
    distinct: list[str] = []
    for texts in unmapped.values():
        distinct += [t for t in texts if t not in distinct]
    template = "\n".join(f"  \"{t[:40].replace(chr(34), chr(39))}\" = N" for t in distinct[:8])
    return DataError(
        f"{source}: scale items hold text answers instead of numbers: {shown}. Map every answer "
        "text to its number in the config (replace N), e.g.\n"
        f"  [value_map]\n{template}\n"
        "A [value_map] table applies to every scale item, scales.NAME.value_map to one scale."
    )


def prepare_items(dataset: Dataset, config: StudyConfig, scales: Iterable[str] | None = None,
                  out_of_range: OutOfRange = "error") -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Item columns as analysis-ready floats (missing codes, range check, reverse coding)."""
    import numpy as np
    import pandas as pd

    names = list(scales) if scales is not None else list(config.scales)
    check_against_data(config, dataset, names)
    frame = dataset.frame
    source = str(dataset.path)
    out: dict[str, pd.Series] = {}
    notes: list[str] = []
    violations: list[str] = []
    n_set_missing = 0
    unmapped: dict[str, list[str]] = {}
    for name in names:
        scale = config.scales[name]
        for item in scale.items:
            values, texts = _numeric_item(frame[item], scale, config.value_map)
            if texts:
                unmapped[item] = texts
            if scale.missing_codes:
                values = values.where(~values.isin(scale.missing_codes), np.nan)
            if scale.range is not None:
                low, high = scale.range
                bad = values.notna() & ((values < low) | (values > high))
                if bad.any():
                    if out_of_range == "missing":
                        n_set_missing += int(bad.sum())
                        values = values.where(~bad, np.nan)
                    else:
                        rows = np.flatnonzero(bad.to_numpy()) + 1
                        found = sorted(set(values[bad].tolist()))
                        shown = ", ".join(_fmt_value(v) for v in found[:5])
                        violations.append(
                            f"{item} (range {_fmt_value(low)}–{_fmt_value(high)}): value "
                            f"{shown} in row{'s' if len(rows) > 1 else ''} {_row_list(rows)}")
            if item in scale.reverse:
                values = scale.reverse_value(values)
            out[item] = values
    if unmapped:
        raise _text_answers_error(source, unmapped)
    if violations:
        raise OutOfRangeError(
            f"{source} has values outside the declared range:\n  - "
            + "\n  - ".join(violations)
            + "\nRows count data rows from 1. Correct the data, declare the codes as missing "
            "(missing_codes = [...] in the scale's config), or rerun with "
            "--out-of-range missing to treat them as missing."
        )
    if n_set_missing:
        notes.append(f"{n_set_missing} value(s) outside the declared range were treated as "
                     "missing (--out-of-range missing).")
    return pd.DataFrame(out, index=frame.index), tuple(notes)


def _fmt_value(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# --------------------------------------------------------------------------------------------
# Scores


def score_items(items: pd.DataFrame, scale: ScaleConfig) -> pd.Series:
    """Mean of the answered items when at least ``min_items`` are answered, else NaN."""
    block = items[list(scale.items)]
    answered = block.notna().sum(axis=1)
    return block.mean(axis=1).where(answered >= scale.min_items)


def score_scales(dataset: Dataset, config: StudyConfig, scales: Iterable[str] | None = None,
                 out_of_range: OutOfRange = "error") -> ScaleScores:
    """Score every configured scale of ``dataset`` (see the module docstring for the rules)."""
    import pandas as pd

    names = list(scales) if scales is not None else list(config.scales)
    if not names:
        raise DataError("the config defines no scales; add a [scales.NAME] table.")
    items, notes = prepare_items(dataset, config, names, out_of_range)
    columns: dict[str, Any] = {}
    if config.id and config.id in dataset.frame.columns:
        columns[config.id] = dataset.frame[config.id]
    chosen = tuple(config.scales[n] for n in names)
    for scale in chosen:
        columns[scale.name] = score_items(items, scale)
    labels = {}
    value_labels = {}
    for scale in chosen:
        for item in scale.items:
            labels[item] = scale.item_labels.get(item) or dataset.label(item)
            codes = dataset.variable(item).value_labels
            value_labels[item] = {float(k): v for k, v in codes.items()
                                  if isinstance(k, int | float)
                                  and not dataset.variable(item).is_user_missing(k)}
    return ScaleScores(scores=pd.DataFrame(columns, index=dataset.frame.index), items=items,
                       scales=chosen, item_labels=labels, value_labels=value_labels,
                       id_column=config.id if config.id in columns else None,
                       notes=notes)


# --------------------------------------------------------------------------------------------
# Reliability


def _check_reliability_input(block: pd.DataFrame, scale: ScaleConfig, where: str) -> None:
    if len(scale.items) < 2:
        raise DataError(
            f"scale {scale.name!r} has only {len(scale.items)} item; reliability (alpha, omega) "
            "needs at least 2 items. Add items to the scale or leave it out with --scale.")
    complete = block.dropna()
    if len(complete) < 3:
        raise DataError(
            f"scale {scale.name!r}{where}: only {len(complete)} respondent(s) answered every "
            "item; reliability needs at least 3.")
    constant = [c for c in block.columns if complete[c].nunique() < 2]
    if constant:
        raise DataError(
            f"scale {scale.name!r}{where}: item{'s' if len(constant) > 1 else ''} "
            f"{', '.join(constant)} {'have' if len(constant) > 1 else 'has'} no variance (every "
            "respondent who answered all items gave the same answer), so alpha, item–rest r "
            "and omega are undefined. Remove the item from the scale in the config.")


def _reliability_rows(scored: ScaleScores, items: pd.DataFrame, scores: pd.DataFrame,
                      group: str, where: str) -> tuple[list[dict], list[dict], list[dict]]:
    scale_rows, item_rows, dist_rows = [], [], []
    for scale in scored.scales:
        block = items[list(scale.items)]
        _check_reliability_input(block, scale, where)
        x = block.dropna().to_numpy(dtype=float)
        n, k = x.shape
        alpha = rel.cronbach_alpha(x)
        low, high = rel.feldt_ci(alpha, n, k)
        score = scores[scale.name]
        scale_rows.append({
            "scale": scale.name, "label": scale.label, "group": group, "n_items": k, "n": n,
            "alpha": alpha, "alpha_std": rel.standardized_alpha(x),
            "alpha_conf_low": low, "alpha_conf_high": high,
            "omega_total": rel.omega_total(x),
            "n_scored": int(score.notna().sum()),
            "mean": float(score.mean()), "sd": float(score.std(ddof=1)),
        })
        rest = rel.item_rest_correlations(x)
        dropped = rel.alpha_if_deleted(x)
        for j, item in enumerate(scale.items):
            answers = block[item].dropna()
            item_rows.append({
                "scale": scale.name, "item": item, "label": scored.item_labels.get(item, item),
                "group": group, "reversed": item in scale.reverse,
                "n": int(answers.size), "mean": float(answers.mean()),
                "sd": float(answers.std(ddof=1)),
                "item_rest_r": float(rest[j]), "alpha_if_deleted": float(dropped[j]),
            })
            dist_rows.extend(_distribution(scored, scale, item, answers, group))
    return scale_rows, item_rows, dist_rows


def _distribution(scored: ScaleScores, scale: ScaleConfig, item: str, answers: pd.Series,
                  group: str) -> list[dict]:
    """% per answer category; with a range, every category of the range is listed."""
    import numpy as np

    counts = answers.value_counts()
    if scale.range is not None and all(float(v).is_integer() for v in counts.index):
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
                order: Iterable[Any] | None = None) -> Reliability:
    """Alpha (raw and standardized, Feldt CI), omega total, item statistics and answer
    distributions for every scale of ``scored``; with ``by``, also per group (rows with
    ``group`` = the group's value after the rows for ``all``)."""
    import pandas as pd

    scale_rows, item_rows, dist_rows = _reliability_rows(scored, scored.items, scored.scores,
                                                         ALL_GROUPS, "")
    if by is not None:
        levels = list(order) if order is not None else sorted(by.dropna().unique().tolist(),
                                                               key=str)
        for level in levels:
            mask = (by == level).to_numpy()
            rows = _reliability_rows(scored, scored.items[mask], scored.scores[mask],
                                     str(level), f" in group {by.name}={level}")
            scale_rows += rows[0]
            item_rows += rows[1]
            dist_rows += rows[2]
    return Reliability(
        reliability=pd.DataFrame(scale_rows, columns=RELIABILITY_COLUMNS),
        items=pd.DataFrame(item_rows, columns=ITEM_COLUMNS),
        distribution=pd.DataFrame(dist_rows, columns=DISTRIBUTION_COLUMNS),
        notes=scored.notes,
    )
