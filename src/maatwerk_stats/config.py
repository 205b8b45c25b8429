"""Study configs: TOML → validated, typed, frozen objects.

A config says which columns form which scale, how groups are coded and how a vignette study is
laid out (DESIGN.md, "Study config"). Validation collects *every* problem and reports them in
one :class:`~maatwerk_stats.errors.ConfigError`, each naming the key and, for typos, the nearest
valid key. Checks that need the data (do the items exist?) live in :func:`check_against_data`.

Without a config, :func:`infer_config` recognises scales from column names such as
``samenwerking_1 … samenwerking_4`` or ``sw1 … sw4``; :func:`config_to_toml` writes the result
so the user can edit it.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError

if TYPE_CHECKING:
    from .io.dataset import Dataset


# --------------------------------------------------------------------------------------------
# The typed config


@dataclass(frozen=True)
class ScaleConfig:
    """One Likert scale: its items, which are reverse-keyed, and the answer range."""

    name: str
    label: str
    items: tuple[str, ...]
    reverse: tuple[str, ...] = ()
    range: tuple[float, float] | None = None
    min_items: int = 1
    missing_codes: tuple[float, ...] = ()
    item_labels: Mapping[str, str] = field(default_factory=dict)
    value_map: Mapping[str, float] = field(default_factory=dict)

    def reverse_value(self, value: float) -> float:
        """``min + max − x`` (DESIGN.md §5); needs a declared range."""
        if self.range is None:
            raise ValueError(f"scale {self.name} has no range; cannot reverse-code")
        low, high = self.range
        return low + high - value


@dataclass(frozen=True)
class GroupsConfig:
    """How the two measurements are told apart: a column (one file) or two files."""

    column: str | None = None
    order: tuple[str, ...] | None = None
    labels: tuple[str, ...] | None = None
    paired: bool = False
    id: str | None = None
    covariates: tuple[str, ...] = ()


@dataclass(frozen=True)
class FactorConfig:
    name: str
    label: str
    levels: tuple[str, ...]
    reference: str
    column: str
    level_labels: tuple[str, ...] | None = None

    def level_label(self, level: str) -> str:
        if self.level_labels is None:
            return level
        return self.level_labels[self.levels.index(level)]


@dataclass(frozen=True)
class InfluenceConfig:
    """Thresholds on |simple effect| (rating units) → "geen / matige / veel invloed"."""

    thresholds: tuple[float, ...] = (0.3, 0.8)
    labels: tuple[str, ...] = ("geen invloed", "matige invloed", "veel invloed")
    alpha: float = 0.05


@dataclass(frozen=True)
class VignetteConfig:
    id: str = "respondent"
    outcome: str = "rating"
    outcome_label: str | None = None
    outcome_range: tuple[float, float] | None = None
    vignette: str | None = None
    position: str | None = None
    deck: Path | None = None
    wide_columns: tuple[str, ...] | None = None
    group: str | None = None
    group_order: tuple[str, ...] | None = None
    group_labels: tuple[str, ...] | None = None
    factors: Mapping[str, FactorConfig] = field(default_factory=dict)
    influence: InfluenceConfig = field(default_factory=InfluenceConfig)


@dataclass(frozen=True)
class ReportConfig:
    min_cell: int = 5
    top_items: int = 1
    title: str | None = None
    intro: str | None = None
    vignette_intro: str | None = None
    footnote: str | None = None


@dataclass(frozen=True)
class StudyConfig:
    """A whole study config. ``path`` is the file it came from (None when inferred)."""

    name: str = "study"
    title: str | None = None
    id: str | None = None
    language: str = "nl"
    intro: str | None = None
    scales: Mapping[str, ScaleConfig] = field(default_factory=dict)
    value_map: Mapping[str, float] = field(default_factory=dict)
    groups: GroupsConfig | None = None
    vignette: VignetteConfig | None = None
    report: ReportConfig = field(default_factory=ReportConfig)
    data: Mapping[str, Path] = field(default_factory=dict)
    path: Path | None = None
    raw: Mapping[str, Any] = field(default_factory=dict)

    def display_title(self) -> str:
        return self.report.title or self.title or self.name

    def scale_of(self, item: str) -> ScaleConfig | None:
        for scale in self.scales.values():
            if item in scale.items:
                return scale
        return None


# --------------------------------------------------------------------------------------------
# Parsing helpers

_KEYS: dict[str, set[str]] = {
    "": {"study", "scales", "value_map", "groups", "vignette", "report", "data"},
    "study": {"name", "title", "id", "language", "intro"},
    "scale": {"label", "items", "reverse", "range", "min_items", "missing_codes", "item_labels",
              "value_map"},
    "groups": {"column", "order", "labels", "paired", "id", "covariates"},
    "vignette": {"id", "outcome", "outcome_label", "outcome_range", "vignette", "position",
                 "deck", "wide_columns", "group", "group_order", "group_labels", "factors",
                 "influence"},
    "factor": {"label", "levels", "reference", "column", "level_labels"},
    "influence": {"thresholds", "labels", "alpha"},
    "report": {"min_cell", "top_items", "title", "intro", "vignette_intro", "footnote"},
    "data": {"pre", "post", "questionnaire", "vignette"},
}


def did_you_mean(word: str, options: Iterable[str], n: int = 3) -> list[str]:
    """The options closest to ``word`` (for "did you mean" hints)."""
    options = list(options)
    lowered = {o.lower(): o for o in options}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=0.6)
    return [lowered[c] for c in close]


def _hint(word: str, options: Iterable[str]) -> str:
    close = did_you_mean(word, options, n=1)
    return f" — did you mean {close[0]!r}?" if close else ""


class _Checker:
    """Collects problems while reading one TOML document."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, message: str) -> None:
        self.problems.append(message)

    def keys(self, table: Mapping[str, Any], where: str, kind: str) -> None:
        allowed = _KEYS[kind]
        for key in table:
            if key not in allowed:
                name = f"{where}.{key}" if where else key
                self.fail(f"unknown key {name!r}{_hint(key, allowed)}")

    def table(self, value: Any, where: str) -> Mapping[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.fail(f"{where} must be a table ([{where}]), not {type(value).__name__}")
            return {}
        return value

    def string(self, table: Mapping[str, Any], key: str, where: str,
               default: str | None = None) -> str | None:
        value = table.get(key, default)
        if value is not None and not isinstance(value, str):
            self.fail(f"{where}.{key} must be a text in quotes, not {value!r}")
            return default
        return value

    def strings(self, table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...] | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            self.fail(f"{where}.{key} must be a list of names, e.g. [\"a\", \"b\"]")
            return None
        return tuple(str(v) for v in value)

    def number(self, table: Mapping[str, Any], key: str, where: str) -> float | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(f"{where}.{key} must be a number, not {value!r}")
            return None
        return float(value)

    def integer(self, table: Mapping[str, Any], key: str, where: str, minimum: int = 0
                ) -> int | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(f"{where}.{key} must be a whole number ≥ {minimum}, not {value!r}")
            return None
        return value

    def numbers(self, table: Mapping[str, Any], key: str, where: str) -> tuple[float, ...] | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, list) or not all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in value):
            self.fail(f"{where}.{key} must be a list of numbers, not {value!r}")
            return None
        return tuple(float(v) for v in value)

    def range(self, table: Mapping[str, Any], key: str, where: str
              ) -> tuple[float, float] | None:
        value = self.numbers(table, key, where)
        if value is None:
            return None
        if len(value) != 2 or not all(math.isfinite(v) for v in value) or value[0] >= value[1]:
            self.fail(f"{where}.{key} must be [lowest, highest] with lowest < highest, "
                      f"e.g. [1, 5]; got {list(table[key])!r}")
            return None
        return value[0], value[1]

    def value_map(self, table: Mapping[str, Any], key: str, where: str) -> dict[str, float]:
        value = table.get(key)
        if value is None:
            return {}
        if not isinstance(value, Mapping) or not all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in value.values()):
            self.fail(f"{where}.{key} must map answer texts to numbers, e.g. "
                      "{ \"helemaal mee oneens\" = 1, \"helemaal mee eens\" = 5 }")
            return {}
        return {normalise_answer(k): float(v) for k, v in value.items()}


def normalise_answer(text: str) -> str:
    """Answer texts are matched case- and whitespace-insensitively."""
    return " ".join(str(text).split()).casefold()


# --------------------------------------------------------------------------------------------
# Loading


def load_config(path: str | Path) -> StudyConfig:
    """Read and validate a study config (TOML). Paths inside are relative to the file."""
    path = Path(path)
    if not path.exists():
        raise ConfigError(f"config file {path} not found. See configs/leeratelier.toml for a "
                          "worked example.")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path} is not UTF-8 text; save the config as UTF-8.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}. Check quotes and brackets near "
                          "that line.") from exc
    return parse_config(raw, source=str(path), base=path.parent, path=path)


def parse_config(raw: Mapping[str, Any], source: str = "config", base: Path | None = None,
                 path: Path | None = None) -> StudyConfig:
    """Validate a parsed TOML document; raise one ConfigError listing every problem."""
    check = _Checker()
    base = base or Path.cwd()
    check.keys(raw, "", "")

    study = check.table(raw.get("study"), "study")
    check.keys(study, "study", "study")
    language = check.string(study, "language", "study", "nl") or "nl"
    if language not in ("nl", "en"):
        check.fail(f"study.language must be \"nl\" or \"en\", not {language!r}")
        language = "nl"

    value_map = check.value_map(raw, "value_map", "")
    scales = _parse_scales(check, check.table(raw.get("scales"), "scales"))
    groups = _parse_groups(check, raw.get("groups"))
    vignette = _parse_vignette(check, raw.get("vignette"), base)
    report = _parse_report(check, check.table(raw.get("report"), "report"))
    data_table = check.table(raw.get("data"), "data")
    check.keys(data_table, "data", "data")
    data = {}
    for key, value in data_table.items():
        if isinstance(value, str):
            data[key] = (base / value) if not Path(value).is_absolute() else Path(value)
        else:
            check.fail(f"data.{key} must be a file path in quotes")

    if check.problems:
        raise ConfigError(check.problems, source=source)
    return StudyConfig(
        name=check.string(study, "name", "study", None) or (path.stem if path else "study"),
        title=check.string(study, "title", "study"),
        id=check.string(study, "id", "study"),
        language=language,
        intro=check.string(study, "intro", "study"),
        scales=scales,
        value_map=value_map,
        groups=groups,
        vignette=vignette,
        report=report,
        data=data,
        path=path,
        raw=dict(raw),
    )


def default_min_items(n_items: int) -> int:
    """Without ``min_items``: at least half of the items answered (rounded up)."""
    return max(1, math.ceil(n_items / 2))


def _parse_scales(check: _Checker, table: Mapping[str, Any]) -> dict[str, ScaleConfig]:
    scales: dict[str, ScaleConfig] = {}
    claimed: dict[str, tuple[str, tuple[bool, object]]] = {}
    for name, spec in table.items():
        where = f"scales.{name}"
        if not isinstance(spec, Mapping):
            check.fail(f"{where} must be a table ([{where}]) with at least `items`")
            continue
        check.keys(spec, where, "scale")
        items = check.strings(spec, "items", where)
        if not items:
            check.fail(f"{where}.items is missing or empty: list the item columns of this "
                       "scale")
            continue
        dupes = sorted({i for i in items if items.count(i) > 1})
        if dupes:
            check.fail(f"{where}.items lists {', '.join(dupes)} more than once")
        reverse = check.strings(spec, "reverse", where) or ()
        for item in reverse:
            if item not in items:
                check.fail(f"{where}.reverse names {item!r}, which is not one of its items"
                           f"{_hint(item, items)}")
        scale_range = check.range(spec, "range", where)
        if reverse and scale_range is None and "range" not in spec:
            check.fail(f"{where} has reverse items but no range; add range = [1, 5] (the "
                       "lowest and highest answer) so they can be reverse-coded")
        min_items = check.integer(spec, "min_items", where, minimum=1)
        if min_items is not None and min_items > len(items):
            check.fail(f"{where}.min_items is {min_items} but the scale has only "
                       f"{len(items)} items")
            min_items = None
        labels = spec.get("item_labels", {})
        if not isinstance(labels, Mapping) or not all(isinstance(v, str)
                                                      for v in labels.values()):
            check.fail(f"{where}.item_labels must map item names to texts")
            labels = {}
        for item in labels:
            if item not in items:
                check.fail(f"{where}.item_labels names {item!r}, which is not one of its items"
                           f"{_hint(item, items)}")
        scale_range_key = scale_range if "range" in spec else None
        for item in items:
            treatment = (item in reverse, scale_range_key)
            if item in claimed and claimed[item][1] != treatment:
                check.fail(f"item {item!r} is in scales.{claimed[item][0]} and {where} with a "
                           "different reverse or range setting; an item is scored one way")
            claimed.setdefault(item, (name, treatment))
        scales[name] = ScaleConfig(
            name=name,
            label=check.string(spec, "label", where) or name.replace("_", " ").capitalize(),
            items=items,
            reverse=reverse,
            range=scale_range,
            min_items=min_items or default_min_items(len(items)),
            missing_codes=check.numbers(spec, "missing_codes", where) or (),
            item_labels=dict(labels),
            value_map=check.value_map(spec, "value_map", where),
        )
    return scales


def _check_order_labels(check: _Checker, where: str, order: tuple[str, ...] | None,
                        labels: tuple[str, ...] | None, order_key: str, labels_key: str) -> None:
    if order is not None and len(set(order)) != len(order):
        check.fail(f"{where}.{order_key} lists a group twice: {list(order)!r}")
    if labels is not None and order is None:
        check.fail(f"{where}.{labels_key} needs {where}.{order_key} (the stored codes in the "
                   "same order)")
    elif labels is not None and order is not None and len(labels) != len(order):
        check.fail(f"{where}.{labels_key} has {len(labels)} labels but {where}.{order_key} "
                   f"has {len(order)} groups")


def _parse_groups(check: _Checker, value: Any) -> GroupsConfig | None:
    if value is None:
        return None
    table = check.table(value, "groups")
    check.keys(table, "groups", "groups")
    order = check.strings(table, "order", "groups")
    labels = check.strings(table, "labels", "groups")
    _check_order_labels(check, "groups", order, labels, "order", "labels")
    paired = table.get("paired", False)
    if not isinstance(paired, bool):
        check.fail(f"groups.paired must be true or false, not {paired!r}")
        paired = False
    group_id = check.string(table, "id", "groups")
    if paired and not group_id:
        check.fail("groups.paired = true needs groups.id: the column that identifies the same "
                   "person in both measurements")
    return GroupsConfig(column=check.string(table, "column", "groups"), order=order,
                        labels=labels, paired=paired, id=group_id,
                        covariates=check.strings(table, "covariates", "groups") or ())


def _parse_vignette(check: _Checker, value: Any, base: Path) -> VignetteConfig | None:
    if value is None:
        return None
    where = "vignette"
    table = check.table(value, where)
    check.keys(table, where, "vignette")
    factors: dict[str, FactorConfig] = {}
    for name, spec in check.table(table.get("factors"), f"{where}.factors").items():
        fwhere = f"{where}.factors.{name}"
        if not isinstance(spec, Mapping):
            check.fail(f"{fwhere} must be a table with `levels`")
            continue
        check.keys(spec, fwhere, "factor")
        levels = check.strings(spec, "levels", fwhere)
        if not levels or len(levels) < 2:
            check.fail(f"{fwhere}.levels must list at least two levels")
            continue
        if len(set(levels)) != len(levels):
            check.fail(f"{fwhere}.levels lists a level twice")
        reference = check.string(spec, "reference", fwhere) or levels[0]
        if reference not in levels:
            check.fail(f"{fwhere}.reference {reference!r} is not one of its levels "
                       f"{list(levels)!r}{_hint(reference, levels)}")
        level_labels = check.strings(spec, "level_labels", fwhere)
        if level_labels is not None and len(level_labels) != len(levels):
            check.fail(f"{fwhere}.level_labels has {len(level_labels)} labels for "
                       f"{len(levels)} levels")
            level_labels = None
        factors[name] = FactorConfig(
            name=name, label=check.string(spec, "label", fwhere) or name.capitalize(),
            levels=levels, reference=reference,
            column=check.string(spec, "column", fwhere) or name, level_labels=level_labels)

    influence_table = check.table(table.get("influence"), f"{where}.influence")
    check.keys(influence_table, f"{where}.influence", "influence")
    defaults = InfluenceConfig()
    thresholds = check.numbers(influence_table, "thresholds", f"{where}.influence")
    labels = check.strings(influence_table, "labels", f"{where}.influence")
    thresholds = thresholds if thresholds is not None else defaults.thresholds
    labels = labels if labels is not None else defaults.labels
    if list(thresholds) != sorted(thresholds) or any(t <= 0 for t in thresholds):
        check.fail(f"{where}.influence.thresholds must be positive and increasing, e.g. "
                   "[0.3, 0.8]")
    if len(labels) != len(thresholds) + 1:
        check.fail(f"{where}.influence.labels needs one label more than there are "
                   f"thresholds ({len(thresholds)} thresholds, {len(labels)} labels)")
    alpha = check.number(influence_table, "alpha", f"{where}.influence")
    if alpha is not None and not 0 < alpha < 1:
        check.fail(f"{where}.influence.alpha must be between 0 and 1")
        alpha = None

    group_order = check.strings(table, "group_order", where)
    group_labels = check.strings(table, "group_labels", where)
    _check_order_labels(check, where, group_order, group_labels, "group_order", "group_labels")
    wide = check.strings(table, "wide_columns", where)
    deck = check.string(table, "deck", where)
    if wide and not deck:
        check.fail(f"{where}.wide_columns needs {where}.deck: a file that maps each vignette "
                   "to its factor levels")
    defaults_v = VignetteConfig()
    return VignetteConfig(
        id=check.string(table, "id", where) or defaults_v.id,
        outcome=check.string(table, "outcome", where) or defaults_v.outcome,
        outcome_label=check.string(table, "outcome_label", where),
        outcome_range=check.range(table, "outcome_range", where),
        vignette=check.string(table, "vignette", where),
        position=check.string(table, "position", where),
        deck=(base / deck) if deck else None,
        wide_columns=wide,
        group=check.string(table, "group", where),
        group_order=group_order,
        group_labels=group_labels,
        factors=factors,
        influence=InfluenceConfig(thresholds=tuple(thresholds), labels=tuple(labels),
                                  alpha=alpha if alpha is not None else defaults.alpha),
    )


def _parse_report(check: _Checker, table: Mapping[str, Any]) -> ReportConfig:
    check.keys(table, "report", "report")
    defaults = ReportConfig()
    min_cell = check.integer(table, "min_cell", "report", minimum=1)
    top_items = check.integer(table, "top_items", "report", minimum=0)
    return ReportConfig(
        min_cell=defaults.min_cell if min_cell is None else min_cell,
        top_items=defaults.top_items if top_items is None else top_items,
        title=check.string(table, "title", "report"),
        intro=check.string(table, "intro", "report"),
        vignette_intro=check.string(table, "vignette_intro", "report"),
        footnote=check.string(table, "footnote", "report"),
    )


# --------------------------------------------------------------------------------------------
# Checks against the data


def check_against_data(config: StudyConfig, dataset: Dataset,
                       scales: Iterable[str] | None = None) -> None:
    """Every configured item (and the id column) must be a column of ``dataset``."""
    columns = list(dataset.frame.columns)
    problems: list[str] = []

    def missing(column: str, what: str) -> None:
        near = did_you_mean(column, columns)
        hint = f"; nearest column names: {', '.join(near)}" if near else ""
        problems.append(f"{what} {column!r} is not a column of {dataset.path}{hint}")

    names = list(scales) if scales is not None else list(config.scales)
    for name in names:
        for item in config.scales[name].items:
            if item not in dataset.frame.columns:
                missing(item, f"scale {name!r}: item")
    if config.id and config.id not in dataset.frame.columns:
        missing(config.id, "study.id column")
    if problems:
        source = str(config.path) if config.path else None
        raise ConfigError(problems, source=source)


# --------------------------------------------------------------------------------------------
# Inference from column names

_ITEM_NAME = re.compile(r"^(?P<stem>[^\W\d_](?:[\w]*?[^\W\d_])?)[_.]?(?P<number>\d{1,2})$",
                        re.UNICODE)
_ID_NAMES = ("respnr", "respondent", "respondent_id", "id", "resp_id", "respondentnummer",
             "deelnemer", "participant")


def infer_config(dataset: Dataset, name: str | None = None) -> StudyConfig:
    """Guess scales from column names: a stem followed by a number (``regie_1``, ``sw1``).

    Two or more columns with the same stem form a scale. The answer range comes from
    the SPSS value labels when every item carries the same ones (user-missing codes left
    out); without labels no range is set, so nothing is reverse-coded or range-checked.
    """
    frame = dataset.frame
    stems: dict[str, list[tuple[int, str]]] = {}
    for column in frame.columns:
        match = _ITEM_NAME.match(column)
        if not match:
            continue
        stems.setdefault(match["stem"], []).append((int(match["number"]), column))
    scales: dict[str, ScaleConfig] = {}
    for stem, members in stems.items():
        if len(members) < 2:
            continue
        items = tuple(column for _, column in sorted(members))
        scales[stem] = ScaleConfig(
            name=stem,
            label=stem.replace("_", " ").capitalize(),
            items=items,
            range=_range_from_labels(dataset, items),
            min_items=default_min_items(len(items)),
        )
    if not scales:
        raise ConfigError(
            f"no scales found in {dataset.path}: no columns are named like samenwerking_1, "
            "samenwerking_2 or sw1, sw2. Write a config that lists the items (see "
            "configs/leeratelier.toml) and pass it with --config.")
    lowered = {c.lower(): c for c in frame.columns}
    id_column = next((lowered[n] for n in _ID_NAMES if n in lowered), None)
    return StudyConfig(name=name or dataset.path.stem, id=id_column, scales=scales)


def _range_from_labels(dataset: Dataset, items: tuple[str, ...]) -> tuple[float, float] | None:
    spans = set()
    for item in items:
        variable = dataset.variable(item)
        codes = [float(c) for c in variable.value_labels
                 if isinstance(c, int | float) and not variable.is_user_missing(c)]
        if len(codes) < 2:
            return None
        spans.add((min(codes), max(codes)))
    return spans.pop() if len(spans) == 1 else None


def with_scales(config: StudyConfig, names: Iterable[str]) -> StudyConfig:
    """A copy keeping only the named scales."""
    keep = set(names)
    return replace(config, scales={k: v for k, v in config.scales.items() if k in keep})


# --------------------------------------------------------------------------------------------
# Writing TOML (for --save-config)


def _toml_value(value: Any) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}"
                                for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {value!r} as TOML")


def _toml_key(key: str) -> str:
    import json

    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def config_to_toml(config: StudyConfig, dataset: Dataset | None = None) -> str:
    """The scales part of ``config`` as a commented TOML document for the user to edit."""
    lines = [
        "# Study config written by `maatwerk-stats --save-config`.",
        "# Check every scale: add reverse = [...] for reverse-keyed items, set range = [1, 5]",
        "# (lowest and highest answer) and min_items (answered items needed for a score).",
        "# See configs/leeratelier.toml for all keys.",
        "",
        "[study]",
        f"name = {_toml_value(config.name)}",
    ]
    if config.title:
        lines.append(f"title = {_toml_value(config.title)}")
    if config.id:
        lines.append(f"id = {_toml_value(config.id)}")
    lines.append(f"language = {_toml_value(config.language)}")
    for scale in config.scales.values():
        lines += ["", f"[scales.{_toml_key(scale.name)}]",
                  f"label = {_toml_value(scale.label)}",
                  f"items = {_toml_value(scale.items)}"]
        if dataset is not None:
            for item in scale.items:
                label = dataset.variable(item).label
                if label:
                    lines.append(f"#   {item}: {label}")
        lines.append(f"reverse = {_toml_value(scale.reverse)}")
        if scale.range is not None:
            lines.append(f"range = {_toml_value(scale.range)}")
        else:
            lines.append("# range = [1, 5]   # not known from the data: set it to enable "
                         "range checks and reverse coding")
        lines.append(f"min_items = {scale.min_items}")
        if scale.missing_codes:
            lines.append(f"missing_codes = {_toml_value(scale.missing_codes)}")
    return "\n".join(lines) + "\n"
