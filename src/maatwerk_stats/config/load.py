"""Read a study config from TOML and check every key.

Validation collects *every* problem and reports them in one
:class:`~maatwerk_stats.errors.ConfigError`, each naming the key and, for typos, the nearest
valid key. Checks that need the data (do the items exist?) live in :mod:`maatwerk_stats.prepare`.
"""

from __future__ import annotations

import itertools
import json
import math
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError, Text
from ..errors import hint as _hint
from ..names import display_name
from .model import (
    FactorConfig,
    GroupsConfig,
    InfluenceConfig,
    ReportConfig,
    ScaleConfig,
    StudyConfig,
    VignetteConfig,
    default_min_items,
    normalise_answer,
)
from .survey import KEYS as SURVEY_KEYS
from .survey import parse_survey

_KEYS: dict[str, set[str]] = {
    "": {"study", "scales", "value_map", "groups", "vignette", "report", "data", "teams",
         "correlations", "regression", "codes"},
    "study": {"name", "title", "id", "language", "intro"},
    "scale": {"label", "items", "reverse", "range", "min_items", "missing_codes", "item_labels",
              "value_map", "subscales"},
    "subscale": {"label", "items", "min_items"},
    "groups": {"column", "order", "labels", "paired", "id", "covariates", "site"},
    "vignette": {"id", "outcome", "outcome_label", "outcome_range", "vignette", "position",
                 "deck", "wide_columns", "group", "group_order", "group_labels", "factors",
                 "influence", "template"},
    "factor": {"label", "levels", "reference", "column", "level_labels", "slot", "texts"},
    "influence": {"thresholds", "labels", "alpha"},
    "report": {"min_cell", "top_items", "title", "intro", "vignette_intro", "footnote",
               "scale_text", "authors", "institutions", "logos", "contact", "date",
               "citation", "doi", "version", "per_vignette", "license"},
    "data": {"pre", "post", "questionnaire", "vignette", "survey"},
    **SURVEY_KEYS,
}



class _Checker:
    """Collects problems while reading one TOML document (each in English and Dutch)."""

    def __init__(self) -> None:
        self.problems: list[str | Text] = []

    def fail(self, message: str | Text) -> None:
        self.problems.append(message)

    def keys(self, table: Mapping[str, Any], where: str, kind: str) -> None:
        allowed = _KEYS[kind]
        for key in table:
            if key not in allowed:
                name = f"{where}.{key}" if where else key
                self.fail(Text(en=f"unknown key {name!r}{_hint(key, allowed)}",
                               nl=f"onbekende sleutel {name!r}{_hint(key, allowed, 'nl')}"))

    def table(self, value: Any, where: str) -> Mapping[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            kind = type(value).__name__
            self.fail(Text(en=f"{where} must be a table ([{where}]), not {kind}",
                           nl=f"{where} moet een tabel zijn ([{where}]), geen {kind}"))
            return {}
        return value

    def string(self, table: Mapping[str, Any], key: str, where: str,
               default: str | None = None) -> str | None:
        value = table.get(key, default)
        if value is not None and not isinstance(value, str):
            self.fail(Text(en=f"{where}.{key} must be a text in quotes, not {value!r}",
                           nl=f"{where}.{key} moet een tekst tussen aanhalingstekens zijn, "
                              f"niet {value!r}"))
            return default
        return value

    def strings(self, table: Mapping[str, Any], key: str, where: str, *,
                comma_list: bool = False) -> tuple[str, ...] | None:
        """The names listed under ``key`` (one text is a list of one). ``comma_list``: the
        names are columns or labels that hold no comma, so one text with commas
        (``items = "a_1, a_2"``) is a list typed as one text, refused with the list to
        write; elsewhere (an author "Jansen, P.", a vignette text) it stays one text."""
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            names = [part.strip() for part in value.split(",") if part.strip()]
            if comma_list and len(names) > 1:  # "a_1, a_2": a list typed as one text
                listed = ", ".join(json.dumps(name, ensure_ascii=False) for name in names)
                whole = json.dumps(value, ensure_ascii=False)
                self.fail(Text(
                    en=f"{where}.{key} must be a list of names, not one text {value!r}; "
                       f"write {key} = [{listed}] (one name that holds a comma: {key} = "
                       f"[{whole}])",
                    nl=f"{where}.{key} moet een lijst van namen zijn, niet één tekst "
                       f"{value!r}; schrijf {key} = [{listed}] (één naam met een komma erin: "
                       f"{key} = [{whole}])"))
                return None
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            self.fail(Text(en=f"{where}.{key} must be a list of names, e.g. [\"a\", \"b\"]",
                           nl=f"{where}.{key} moet een lijst van namen zijn, bijv. "
                              "[\"a\", \"b\"]"))
            return None
        return tuple(str(v) for v in value)

    def number(self, table: Mapping[str, Any], key: str, where: str) -> float | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(Text(en=f"{where}.{key} must be a number, not {value!r}",
                           nl=f"{where}.{key} moet een getal zijn, niet {value!r}"))
            return None
        return float(value)

    def integer(self, table: Mapping[str, Any], key: str, where: str, minimum: int = 0
                ) -> int | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(Text(
                en=f"{where}.{key} must be a whole number ≥ {minimum}, not {value!r}",
                nl=f"{where}.{key} moet een geheel getal ≥ {minimum} zijn, niet {value!r}"))
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
            self.fail(Text(en=f"{where}.{key} must be a list of numbers, not {value!r}",
                           nl=f"{where}.{key} moet een lijst van getallen zijn, niet "
                              f"{value!r}"))
            return None
        return tuple(float(v) for v in value)

    def range(self, table: Mapping[str, Any], key: str, where: str
              ) -> tuple[float, float] | None:
        value = self.numbers(table, key, where)
        if value is None:
            return None
        if len(value) != 2 or not all(math.isfinite(v) for v in value) or value[0] >= value[1]:
            given = list(table[key])
            self.fail(Text(
                en=f"{where}.{key} must be [lowest, highest] with lowest < highest, "
                   f"e.g. [1, 5]; got {given!r}",
                nl=f"{where}.{key} moet [laagste, hoogste] zijn met laagste < hoogste, "
                   f"bijv. [1, 5]; gegeven: {given!r}"))
            return None
        return value[0], value[1]

    def value_map(self, table: Mapping[str, Any], key: str, where: str) -> dict[str, float]:
        value = table.get(key)
        if value is None:
            return {}
        if not isinstance(value, Mapping) or not all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in value.values()):
            example = "{ \"helemaal mee oneens\" = 1, \"helemaal mee eens\" = 5 }"
            self.fail(Text(en=f"{where}.{key} must map answer texts to numbers, e.g. "
                              f"{example}",
                           nl=f"{where}.{key} moet antwoordteksten aan getallen koppelen, "
                              f"bijv. {example}"))
            return {}
        return {normalise_answer(k): float(v) for k, v in value.items()}



# --------------------------------------------------------------------------------------------
# Loading


def load_config(path: str | Path) -> StudyConfig:
    """Read and validate a study config (TOML). Paths inside are relative to the file.

    A :class:`ConfigError` about a file that is valid TOML carries the file's own
    ``study.language`` (``"nl"``/``"en"``, else ``None``) as ``error.language``: the CLI
    speaks it when no ``--lang`` was given (the run's language is not known yet)."""
    path = Path(path)
    if not path.exists():
        raise ConfigError(Text(
            en=f"config file {path} not found (current directory: {Path.cwd()}). Check the "
               "path, or write a config from your data with `maatwerk-stats init DATA`.",
            nl=f"config-bestand {path} niet gevonden (huidige map: {Path.cwd()}). Controleer "
               "het pad, of schrijf een config uit uw data met `maatwerk-stats init DATA`."))
    if not path.is_file():
        raise ConfigError(Text(
            en=f"config {path} is a directory, not a file; give the .toml file itself (e.g. "
               "configs/leeratelier.toml).",
            nl=f"config {path} is een map, geen bestand; geef het .toml-bestand zelf (bijv. "
               "configs/leeratelier.toml)."))
    try:
        text = path.read_text(encoding="utf-8-sig")
        raw = tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(Text(
            en=f"config file {path} cannot be read: {exc.strerror}.",
            nl=f"config-bestand {path} kan niet worden gelezen: {exc.strerror}.")) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(Text(
            en=f"{path} is not UTF-8 text; save the config as UTF-8.",
            nl=f"{path} is geen UTF-8-tekst; sla de config op als UTF-8.")) from exc
    except tomllib.TOMLDecodeError as exc:
        from .toml_errors import explain, parser_message_nl

        line, advice = explain(text, str(exc))
        where = Text(en=f"{path}, line {line}", nl=f"{path}, regel {line}") if line else None
        raise ConfigError(Text(
            en=f"{where.en if where else path} is not valid TOML ({exc}): {advice.en}.",
            nl=f"{where.nl if where else path} is geen geldige TOML "
               f"({parser_message_nl(str(exc))}): {advice.nl}.")) from exc

    except RecursionError:
        raise ConfigError(_too_deep(path)) from None
    try:
        return parse_config(raw, source=str(path), base=path.parent, path=path)
    except ConfigError as error:  # valid TOML, wrong keys or values: name their lines
        from .toml_errors import locate

        located = ConfigError([locate(text, problem) for problem in error.problems],
                              source=error.source)
        located.language = file_language(raw)
        raise located from None
    except RecursionError:  # nesting tomllib still read, deeper than our checks go
        raise ConfigError(_too_deep(path)) from None


def file_language(raw: Mapping[str, Any]) -> str | None:
    """The ``study.language`` of a parsed config when it is ``"nl"`` or ``"en"``, else None:
    the language a message about the config speaks when the run has no ``--lang``."""
    study = raw.get("study")
    language = study.get("language") if isinstance(study, Mapping) else None
    return language if language in ("nl", "en") else None


def _too_deep(path: Path) -> Text:
    """tomllib (and the checks below) descend one level of nested arrays or inline tables per
    call: a few hundred levels exhaust Python's stack; a study config nests two or three."""
    return Text(
        en=f"{path} nests arrays or inline tables hundreds of levels deep; a study config "
           "nests at most a few (e.g. interactions = [[\"a\", \"b\"]]). Check the file: is it "
           "a study config?",
        nl=f"{path} heeft lijsten of inline-tabellen die honderden niveaus diep in elkaar "
           "zitten; een config heeft er hooguit een paar (bijv. interactions = "
           "[[\"a\", \"b\"]]). Controleer het bestand: is het wel een config voor "
           "maatwerk-stats?")


def _control_characters(value: Any, where: str | Text) -> list[tuple[str | Text, str]]:
    """(key path, first control character) of every text in the config that holds one."""
    found: list[tuple[str | Text, str]] = []
    if isinstance(value, Mapping):
        for key, item in value.items():
            path = f"{where}.{key}" if where else str(key)
            found += _control_characters(str(key), Text(en=f"the key {path!r}",
                                                         nl=f"de sleutel {path!r}"))
            found += _control_characters(item, path)
    elif isinstance(value, list):
        for number, item in enumerate(value, start=1):
            found += _control_characters(item, f"{where}[{number}]")
    elif isinstance(value, str):
        bad = [c for c in value if unicodedata.category(c) == "Cc" and c not in "\n\t"]
        if bad:
            found.append((where, bad[0]))
    return found


def parse_config(raw: Mapping[str, Any], source: str = "config", base: Path | None = None,
                 path: Path | None = None) -> StudyConfig:
    """Validate a parsed TOML document; raise one ConfigError listing every problem."""
    check = _Checker()
    base = base or Path.cwd()
    check.keys(raw, "", "")
    for where, char in _control_characters(raw, ""):
        code = f"U+{ord(char):04X}"
        named = where if isinstance(where, Text) else Text(where, where)
        check.fail(Text(en=f"{named.en} holds the control character {code}; remove it (only "
                           "line breaks and tabs are allowed in texts)",
                        nl=f"{named.nl} bevat het stuurteken {code}; haal het weg (in teksten "
                           "mogen alleen regeleinden en tabs staan)"))


    study = check.table(raw.get("study"), "study")
    check.keys(study, "study", "study")
    language = check.string(study, "language", "study", "nl") or "nl"
    if language not in ("nl", "en"):
        check.fail(Text(en=f"study.language must be \"nl\" or \"en\", not {language!r}",
                        nl=f"study.language moet \"nl\" of \"en\" zijn, niet {language!r}"))
        language = "nl"

    value_map = check.value_map(raw, "value_map", "")
    scales = _parse_scales(check, check.table(raw.get("scales"), "scales"))
    groups = _parse_groups(check, raw.get("groups"))
    vignette = _parse_vignette(check, raw.get("vignette"), base)
    report = _parse_report(check, check.table(raw.get("report"), "report"), base)
    for name in report.scale_text:
        if name not in scales:
            check.fail(Text(en=f"report.scale_text.{name}: no scale {name!r} in [scales]"
                               f"{_hint(name, list(scales))}",
                            nl=f"report.scale_text.{name}: geen schaal {name!r} in [scales]"
                               f"{_hint(name, list(scales), 'nl')}"))
    survey = parse_survey(check, raw, base)
    data_table = check.table(raw.get("data"), "data")
    check.keys(data_table, "data", "data")
    data = {}
    for key, value in data_table.items():
        if isinstance(value, str):
            data[key] = (base / value) if not Path(value).is_absolute() else Path(value)
        else:
            check.fail(Text(en=f"data.{key} must be a file path in quotes",
                            nl=f"data.{key} moet een bestandspad tussen aanhalingstekens zijn"))

    from .codes import parse_codes

    codes, codes_problems = parse_codes(raw.get("codes"), base)
    for problem in codes_problems:
        check.fail(problem)

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
        codes=codes,
        path=path,
        raw=dict(raw),
        survey=survey,
    )


def _parse_scales(check: _Checker, table: Mapping[str, Any]) -> dict[str, ScaleConfig]:
    scales: dict[str, ScaleConfig] = {}
    claimed: dict[str, tuple[str, tuple[bool, object]]] = {}
    for name, spec in table.items():
        where = f"scales.{name}"
        if not isinstance(spec, Mapping):
            check.fail(Text(en=f"{where} must be a table ([{where}]) with at least `items`",
                            nl=f"{where} moet een tabel zijn ([{where}]) met ten minste "
                               "`items`"))
            continue
        check.keys(spec, where, "scale")
        items = check.strings(spec, "items", where, comma_list=True)
        if not items:
            if items is not None or spec.get("items") is None:  # else its type was reported
                check.fail(Text(en=f"{where}.items is missing or empty: list the item columns "
                                   "of this scale",
                                nl=f"{where}.items ontbreekt of is leeg: noem de itemkolommen "
                                   "van deze schaal"))
            continue
        dupes = sorted({i for i in items if items.count(i) > 1})
        if dupes:
            check.fail(Text(en=f"{where}.items lists {', '.join(dupes)} more than once",
                            nl=f"{where}.items noemt {', '.join(dupes)} meer dan eens"))
        reverse = check.strings(spec, "reverse", where, comma_list=True) or ()
        for item in reverse:
            if item not in items:
                check.fail(Text(en=f"{where}.reverse names {item!r}, which is not one of its "
                                   f"items{_hint(item, items)}",
                                nl=f"{where}.reverse noemt {item!r}, dat geen item van deze "
                                   f"schaal is{_hint(item, items, 'nl')}"))
        scale_range = check.range(spec, "range", where)
        if reverse and scale_range is None and "range" not in spec:
            check.fail(Text(en=f"{where} has reverse items but no range; add range = [1, 5] "
                               "(the lowest and highest answer) so they can be reverse-coded",
                            nl=f"{where} heeft omgekeerde items (reverse) maar geen range; zet "
                               "range = [1, 5] (het laagste en hoogste antwoord) in de config, "
                               "zodat ze omgecodeerd kunnen worden"))
        min_items = _min_items(check, spec, where, items, "scale")
        labels = spec.get("item_labels", {})
        if not isinstance(labels, Mapping) or not all(isinstance(v, str)
                                                      for v in labels.values()):
            check.fail(Text(en=f"{where}.item_labels must map item names to texts",
                            nl=f"{where}.item_labels moet itemnamen aan teksten koppelen"))
            labels = {}
        for item in labels:
            if item not in items:
                check.fail(Text(en=f"{where}.item_labels names {item!r}, which is not one of "
                                   f"its items{_hint(item, items)}",
                                nl=f"{where}.item_labels noemt {item!r}, dat geen item van "
                                   f"deze schaal is{_hint(item, items, 'nl')}"))
        scale_range_key = scale_range if "range" in spec else None
        for item in items:
            treatment = (item in reverse, scale_range_key)
            if item in claimed and claimed[item][1] != treatment:
                other = claimed[item][0]
                check.fail(Text(en=f"item {item!r} is in scales.{other} and {where} with a "
                                   "different reverse or range setting; an item is scored one "
                                   "way",
                                nl=f"item {item!r} staat in scales.{other} en in {where} met "
                                   "een andere reverse- of range-instelling; een item wordt "
                                   "op één manier gescoord"))
            claimed.setdefault(item, (name, treatment))
        scale = ScaleConfig(
            name=name,
            label=check.string(spec, "label", where) or display_name(name),
            items=items,
            reverse=reverse,
            range=scale_range,
            min_items=min_items,
            missing_codes=check.numbers(spec, "missing_codes", where) or (),
            item_labels=dict(labels),
            value_map=check.value_map(spec, "value_map", where),
        )
        subscales = _parse_subscales(check, spec.get("subscales"), scale, where)
        for sub in subscales:
            if sub in table or sub in scales:
                check.fail(Text(en=f"{where}.subscales.{sub} has the name of scales.{sub}; "
                                   "give the subscale another name",
                                nl=f"{where}.subscales.{sub} heeft de naam van scales.{sub}; "
                                   "geef de subschaal een andere naam"))
        scales[name] = replace(scale, subscales=tuple(subscales))
        scales.update(subscales)
    return scales


def _min_items(check: _Checker, spec: Mapping[str, Any], where: str, items: tuple[str, ...],
               noun: str) -> int:
    """``min_items`` of a scale or subscale: at least 1 and at most its number of items; when
    absent (or wrong, after the message), :func:`default_min_items`."""
    min_items = check.integer(spec, "min_items", where, minimum=1)
    if min_items is not None and min_items > len(items):
        noun_nl = "schaal" if noun == "scale" else "subschaal"
        check.fail(Text(en=f"{where}.min_items is {min_items} but the {noun} has only "
                           f"{len(items)} items",
                        nl=f"{where}.min_items is {min_items}, maar de {noun_nl} heeft maar "
                           f"{len(items)} items"))
        min_items = None
    return min_items or default_min_items(len(items))


def _parse_subscales(check: _Checker, value: Any, scale: ScaleConfig, where: str
                     ) -> dict[str, ScaleConfig]:
    """``[scales.NAME.subscales.SUB]`` tables: parts of the scale, each with its own items
    (all items of the scale, none in two subscales); scored, reported and compared as scales
    of their own, with the scale's range, reverse items, missing codes and value map."""
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not value:
        check.fail(Text(en=f"{where}.subscales must be tables ([{where}.subscales.NAME]) "
                           "with items",
                        nl=f"{where}.subscales moet uit tabellen bestaan "
                           f"([{where}.subscales.NAME]) met items"))
        return {}
    subscales: dict[str, ScaleConfig] = {}
    owner: dict[str, str] = {}
    for sub, spec in value.items():
        here = f"{where}.subscales.{sub}"
        if not isinstance(spec, Mapping):
            check.fail(Text(en=f"{here} must be a table ([{here}]) with `items`",
                            nl=f"{here} moet een tabel zijn ([{here}]) met `items`"))
            continue
        check.keys(spec, here, "subscale")
        items = check.strings(spec, "items", here, comma_list=True)
        if not items:
            if items is not None or spec.get("items") is None:  # else its type was reported
                check.fail(Text(en=f"{here}.items is missing or empty: list the items of this "
                                   "subscale",
                                nl=f"{here}.items ontbreekt of is leeg: noem de items van deze "
                                   "subschaal"))
            continue
        outside = [i for i in items if i not in scale.items]
        for item in outside:
            check.fail(Text(en=f"{here}.items names {item!r}, which is not an item of {where}"
                               f"{_hint(item, scale.items)}; a subscale is a part of its "
                               "scale",
                            nl=f"{here}.items noemt {item!r}, dat geen item van {where} is"
                               f"{_hint(item, scale.items, 'nl')}; een subschaal is een deel "
                               "van zijn schaal"))
        for item in items:
            if item in owner:
                check.fail(Text(en=f"item {item!r} is in two subscales of {where} "
                                   f"({owner[item]} and {sub}); an item belongs to one "
                                   "subscale",
                                nl=f"item {item!r} staat in twee subschalen van {where} "
                                   f"({owner[item]} en {sub}); een item hoort bij één "
                                   "subschaal"))
            owner.setdefault(item, sub)
        min_items = _min_items(check, spec, here, items, "subscale")
        subscales[sub] = replace(
            scale, name=sub, label=check.string(spec, "label", here)
            or sub.replace("_", " ").capitalize(), items=items,
            reverse=tuple(i for i in scale.reverse if i in items),
            min_items=min_items,
            item_labels={k: v for k, v in scale.item_labels.items() if k in items},
            parent=scale.name, subscales=())
    return subscales


def _check_order_labels(check: _Checker, where: str, order: tuple[str, ...] | None,
                        labels: tuple[str, ...] | None, order_key: str, labels_key: str) -> None:
    if order is not None and len(set(order)) != len(order):
        check.fail(Text(en=f"{where}.{order_key} lists a group twice: {list(order)!r}",
                        nl=f"{where}.{order_key} noemt een groep twee keer: {list(order)!r}"))
    if labels is not None and order is None:
        check.fail(Text(en=f"{where}.{labels_key} needs {where}.{order_key} (the stored codes "
                           "in the same order)",
                        nl=f"{where}.{labels_key} vraagt om {where}.{order_key} (de "
                           "opgeslagen codes in dezelfde volgorde)"))
    elif labels is not None and order is not None and len(labels) != len(order):
        check.fail(Text(en=f"{where}.{labels_key} has {len(labels)} labels but "
                           f"{where}.{order_key} has {len(order)} groups",
                        nl=f"{where}.{labels_key} heeft {len(labels)} labels, maar "
                           f"{where}.{order_key} heeft {len(order)} groepen"))


def _parse_groups(check: _Checker, value: Any) -> GroupsConfig | None:
    if value is None:
        return None
    table = check.table(value, "groups")
    check.keys(table, "groups", "groups")
    order = check.strings(table, "order", "groups", comma_list=True)
    labels = check.strings(table, "labels", "groups", comma_list=True)
    if labels is not None and order is None and table.get("column") is None:
        # two files (DESIGN.md §3): labels name PRE and POST, there is no column or order
        if len(labels) != 2:
            check.fail(Text(en=f"groups.labels has {len(labels)} labels; two files need two "
                               "(before, after), e.g. labels = [\"Voor\", \"Na\"]",
                            nl=f"groups.labels heeft {len(labels)} labels; twee bestanden "
                               "vragen er twee (voor, na), bijv. labels = [\"Voor\", \"Na\"]"))
    else:
        _check_order_labels(check, "groups", order, labels, "order", "labels")
    paired = table.get("paired", False)
    if not isinstance(paired, bool):
        check.fail(Text(en=f"groups.paired must be true or false, not {paired!r}",
                        nl=f"groups.paired moet true of false zijn, niet {paired!r}"))
        paired = False
    group_id = check.string(table, "id", "groups")
    if paired and not group_id:
        check.fail(Text(en="groups.paired = true needs groups.id: the column that identifies "
                           "the same person in both measurements",
                        nl="groups.paired = true vraagt om groups.id: de kolom die dezelfde "
                           "persoon in beide metingen aanwijst"))
    return GroupsConfig(column=check.string(table, "column", "groups"), order=order,
                        labels=labels, paired=paired, id=group_id,
                        covariates=check.strings(table, "covariates", "groups",
                                                 comma_list=True) or (),
                        site=check.string(table, "site", "groups"))


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
            check.fail(Text(en=f"{fwhere} must be a table with `levels`",
                            nl=f"{fwhere} moet een tabel zijn met `levels`"))
            continue
        check.keys(spec, fwhere, "factor")
        levels = check.strings(spec, "levels", fwhere)
        if not levels or len(levels) < 2:
            check.fail(Text(en=f"{fwhere}.levels must list at least two levels",
                            nl=f"{fwhere}.levels moet ten minste twee niveaus noemen"))
            continue
        if len(set(levels)) != len(levels):
            check.fail(Text(en=f"{fwhere}.levels lists a level twice",
                            nl=f"{fwhere}.levels noemt een niveau twee keer"))
        reference = check.string(spec, "reference", fwhere) or levels[0]
        if reference not in levels:
            check.fail(Text(en=f"{fwhere}.reference {reference!r} is not one of its levels "
                               f"{list(levels)!r}{_hint(reference, levels)}",
                            nl=f"{fwhere}.reference {reference!r} is geen van zijn niveaus "
                               f"{list(levels)!r}{_hint(reference, levels, 'nl')}"))
        level_labels = check.strings(spec, "level_labels", fwhere)
        if level_labels is not None and len(level_labels) != len(levels):
            check.fail(Text(en=f"{fwhere}.level_labels has {len(level_labels)} labels for "
                               f"{len(levels)} levels",
                            nl=f"{fwhere}.level_labels heeft {len(level_labels)} labels voor "
                               f"{len(levels)} niveaus"))
            level_labels = None
        texts = check.strings(spec, "texts", fwhere)
        if texts is not None and len(texts) != len(levels):
            check.fail(Text(en=f"{fwhere}.texts has {len(texts)} texts for {len(levels)} "
                               "levels; give the text of every level, in the order of its "
                               "levels",
                            nl=f"{fwhere}.texts heeft {len(texts)} teksten voor {len(levels)} "
                               "niveaus; geef de tekst van elk niveau, in de volgorde van de "
                               "niveaus"))
            texts = None
        factors[name] = FactorConfig(
            name=name, label=check.string(spec, "label", fwhere) or display_name(name),
            levels=levels, reference=reference,
            column=check.string(spec, "column", fwhere) or name, level_labels=level_labels,
            slot=check.string(spec, "slot", fwhere), texts=texts)

    influence_table = check.table(table.get("influence"), f"{where}.influence")
    check.keys(influence_table, f"{where}.influence", "influence")
    defaults = InfluenceConfig()
    thresholds = check.numbers(influence_table, "thresholds", f"{where}.influence")
    labels = check.strings(influence_table, "labels", f"{where}.influence")
    thresholds = thresholds if thresholds is not None else defaults.thresholds
    labels = labels if labels is not None else defaults.labels
    # strictly increasing: with two equal thresholds the label between them is never given
    if (not all(math.isfinite(t) and t > 0 for t in thresholds)
            or any(b <= a for a, b in itertools.pairwise(thresholds))):
        check.fail(Text(en=f"{where}.influence.thresholds must be positive finite numbers, "
                           "each larger than the one before, e.g. [0.3, 0.8]; got "
                           f"{list(thresholds)!r}",
                        nl=f"{where}.influence.thresholds moet bestaan uit positieve eindige "
                           "getallen, elk groter dan het vorige, bijv. [0.3, 0.8]; gegeven: "
                           f"{list(thresholds)!r}"))
    if len(labels) != len(thresholds) + 1:
        check.fail(Text(en=f"{where}.influence.labels needs one label more than there are "
                           f"thresholds ({len(thresholds)} thresholds, {len(labels)} labels)",
                        nl=f"{where}.influence.labels vraagt één label meer dan er drempels "
                           f"zijn ({len(thresholds)} drempels, {len(labels)} labels)"))
    alpha = check.number(influence_table, "alpha", f"{where}.influence")
    if alpha is not None and not 0 < alpha < 1:
        check.fail(Text(en=f"{where}.influence.alpha must be between 0 and 1",
                        nl=f"{where}.influence.alpha moet tussen 0 en 1 liggen"))
        alpha = None

    group_order = check.strings(table, "group_order", where, comma_list=True)
    group_labels = check.strings(table, "group_labels", where, comma_list=True)
    _check_order_labels(check, where, group_order, group_labels, "group_order", "group_labels")
    wide = check.strings(table, "wide_columns", where, comma_list=True)
    deck = check.string(table, "deck", where)
    if wide and not deck:
        check.fail(Text(en=f"{where}.wide_columns needs {where}.deck: a file that maps each "
                           "vignette to its factor levels",
                        nl=f"{where}.wide_columns vraagt om {where}.deck: een bestand dat "
                           "bij elk vignet de niveaus van de factoren geeft"))
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
        template=check.string(table, "template", where),
    )


def _parse_report(check: _Checker, table: Mapping[str, Any], base: Path) -> ReportConfig:
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
        scale_text=_texts_by_name(check, table, "scale_text", "report"),
        authors=check.strings(table, "authors", "report") or (),
        institutions=check.strings(table, "institutions", "report") or (),
        logos=tuple(path if path.is_absolute() else base / path for path in
                    map(Path, check.strings(table, "logos", "report") or ())),
        contact=check.string(table, "contact", "report"),
        date=check.string(table, "date", "report"),
        citation=check.string(table, "citation", "report"),
        doi=check.string(table, "doi", "report"),
        license=check.string(table, "license", "report"),
        version=check.string(table, "version", "report"),
        per_vignette=_flag(check, table, "per_vignette", "report"),
    )


def _flag(check: _Checker, table: Mapping[str, Any], key: str, where: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        check.fail(Text(en=f"{where}.{key} must be true or false, not {value!r}",
                        nl=f"{where}.{key} moet true of false zijn, niet {value!r}"))
        return False
    return value


def _texts_by_name(check: _Checker, table: Mapping[str, Any], key: str, where: str
                   ) -> dict[str, str]:
    """A table of texts, e.g. ``[report.scale_text]`` ``samenwerking = "..."``."""
    texts = check.table(table.get(key), f"{where}.{key}")
    result = {}
    for name, value in texts.items():
        if isinstance(value, str):
            result[str(name)] = value
        else:
            check.fail(Text(en=f"{where}.{key}.{name} must be a text in quotes, not {value!r}",
                            nl=f"{where}.{key}.{name} moet een tekst tussen aanhalingstekens "
                               f"zijn, niet {value!r}"))

    return result


