"""A config guessed from the data: scales from column names (``samenwerking_1 … _4``), and
the TOML a user can edit (``--save-config``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError, DataError, Text, did_you_mean, param
from ..names import display_name
from .model import ScaleConfig, StudyConfig, default_min_items

if TYPE_CHECKING:
    from ..io.dataset import Dataset

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
    scales: dict[str, ScaleConfig] = {}
    for stem, items in item_stems(frame.columns).items():
        scales[stem] = ScaleConfig(
            name=stem,
            label=display_name(stem),
            items=items,
            range=_range_from_labels(dataset, items),
            min_items=default_min_items(len(items)),
        )
    if not scales:
        raise ConfigError(Text(
            en=f"no scales found in {dataset.path}: no columns are named like "
               "samenwerking_1, samenwerking_2 or sw1, sw2. Write a config that lists the "
               f"items (see configs/leeratelier.toml) and pass it with "
               f"{param('config', 'FILE')}.",
            nl=f"geen schalen gevonden in {dataset.path}: er zijn geen kolommen met namen als "
               "samenwerking_1, samenwerking_2 of sw1, sw2. Schrijf een config die de items "
               f"noemt (zie configs/leeratelier.toml) en geef die mee met "
               f"{param('config', 'FILE')}."))
    lowered = {c.lower(): c for c in frame.columns}
    id_column = next((lowered[n] for n in _ID_NAMES if n in lowered), None)
    return StudyConfig(name=name or dataset.path.stem, id=id_column, scales=scales)


def item_stems(columns: Iterable[Any]) -> dict[str, tuple[str, ...]]:
    """Column stems with their items in number order: ``regie_1``, ``regie_2`` → ``regie``.
    Two or more columns with the same stem form a scale."""
    stems: dict[str, list[tuple[int, str]]] = {}
    for column in columns:
        match = _ITEM_NAME.match(str(column))
        if match:
            stems.setdefault(match["stem"], []).append((int(match["number"]), str(column)))
    return {stem: tuple(column for _, column in sorted(members))
            for stem, members in stems.items() if len(members) >= 2}


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



def different_items(first: Dataset, second: Dataset, only_first: Sequence[str],
                     only_second: Sequence[str], advice: str | Text) -> DataError:
    """The error for two measurements whose item sets differ, listing both sides; in English
    and Dutch when ``advice`` is a :class:`Text` (an English ``advice``: English only). An
    item renamed in the other file ("v2" there "V2") is the usual cause: each item gets the
    nearest column of the other file that the item's own file lacks (:func:`_renamed`)."""
    parts = []
    if only_first:
        parts.append((first.path, _renamed(only_first, first, second)))
    if only_second:
        parts.append((second.path, _renamed(only_second, second, first)))
    english = (f"{first.path} and {second.path} do not hold the same items ("
               + "; ".join(f"only in {path}: {items.en}" for path, items in parts)
               + f"). {advice}")
    if not isinstance(advice, Text):
        return DataError(english)
    return DataError(
        en=english,
        nl=
f"{first.path} en {second.path} bevatten niet dezelfde items ("
           + "; ".join(f"alleen in {path}: {items.nl}" for path, items in parts)
           + f"). {advice.nl}")


def _renamed(items: Sequence[str], own: Dataset, other: Dataset) -> Text:
    """``v2 (did you mean 'V2' in post.sav?), w3`` (nl: ``bedoelt u``): the ``items`` of
    ``own`` that ``other`` lacks, each with the nearest column of ``other`` that is not a
    column of ``own`` (a column in both files is no renamed item)."""
    candidates = [str(c) for c in other.frame.columns if c not in set(own.frame.columns)]
    en, nl = [], []
    for item in items:
        near = did_you_mean(item, candidates, n=1)
        en.append(item + (f" (did you mean {near[0]!r} in {other.path}?)" if near else ""))
        nl.append(item + (f" (bedoelt u {near[0]!r} in {other.path}?)" if near else ""))
    return Text(", ".join(en), ", ".join(nl))


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
        raise different_items(first, second, only_first, only_second, Text(
            en="Rename the columns so they match, or write a config that lists the items to "
               f"compare ({param('config')}).",
            nl="Geef de kolommen dezelfde namen, of schrijf een config die de te vergelijken "
               f"items noemt ({param('config')})."))

    return one



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
                    lines.append(f"#   {item}: {_comment_text(label)}")
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


def _comment_text(text: str) -> str:
    """``text`` safe inside a TOML ``#`` comment: one line (a label with a newline would
    otherwise start a line of real config), without control characters."""
    return "".join(c if c.isprintable() else " " for c in text.replace("\r\n", " "))
