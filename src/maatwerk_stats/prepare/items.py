"""Item values ready for analysis, and scale scores.

Conventions (DESIGN.md §5): user-missing and declared ``missing_codes`` are missing; values
outside an item's declared range stop the run unless ``out_of_range="missing"``; reverse-keyed
items become ``min + max − x``; a scale score is the mean of the answered items when at least
``min_items`` are answered. Every check of questionnaire data against the config lives here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..config import ScaleConfig, StudyConfig, normalise_answer
from ..errors import (
    ConfigError,
    DataError,
    OutOfRangeError,
    Text,
    did_you_mean,
    number,
    param,
    row_list,
)
from ..notes import Note, warning

if TYPE_CHECKING:
    import pandas as pd

    from ..io.dataset import Dataset

OutOfRange = Literal["error", "missing"]


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
    notes: tuple[Note, ...] = ()

    def scale(self, name: str) -> ScaleConfig:
        return next(s for s in self.scales if s.name == name)


def check_against_data(config: StudyConfig, dataset: Dataset,
                       scales: Iterable[str] | None = None) -> None:
    """Every configured item (and the id column) must be a column of ``dataset``."""
    columns = list(dataset.frame.columns)
    problems: list[str | Text] = []

    def missing(column: str, what: Text) -> None:
        near = ", ".join(did_you_mean(column, columns))
        problems.append(Text(
            f"{what.en} {column!r} is not a column of {dataset.path}"
            + (f"; nearest column names: {near}" if near else ""),
            f"{what.nl} {column!r} is geen kolom van {dataset.path}"
            + (f"; kolomnamen die erop lijken: {near}" if near else "")))

    names = list(scales) if scales is not None else list(config.scales)
    for name in names:
        for item in config.scales[name].items:
            if item not in dataset.frame.columns:
                missing(item, Text(f"scale {name!r}: item", f"schaal {name!r}: item"))
    if config.id and config.id not in dataset.frame.columns:
        missing(config.id, Text("study.id column", "study.id-kolom"))
    if problems:
        source = str(config.path) if config.path else None
        raise ConfigError(problems, source=source)


# --------------------------------------------------------------------------------------------
# Preparing items


# An answer text is quoted in a message only when at least this many respondents gave it: a
# shared answer is a category ("mee eens"); a rare one may be a person's own words.
MIN_QUOTED = 5


def _numeric_item(series: pd.Series, scale: ScaleConfig, value_map: Mapping[str, float],
                  comma: bool = True) -> tuple[pd.Series, list[tuple[str, int]]]:
    """The item as floats: numbers stay, texts go through the config's ``value_map``.

    An item that holds text answers besides numbers stays text when read, its numbers as
    written: they are numbers as the reader takes them (with ``comma`` "3,5" too, see
    :func:`~maatwerk_stats.io.dataset.cell_numbers`), not answer texts to map.

    Returns the values and the answer texts that no ``value_map`` covers, each with how many
    respondents gave it. Each distinct text is looked up once.
    """
    import numpy as np
    import pandas as pd

    from ..io.dataset import cell_numbers

    if pd.api.types.is_numeric_dtype(series):
        return series.astype(float), []
    mapping = {**value_map, **scale.value_map}
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    texts = [str(u) for u in uniques]
    as_numbers, _text = cell_numbers(pd.Series(texts, dtype=object), comma)
    mapped = np.array([mapping.get(normalise_answer(t), np.nan) if np.isnan(n) else n
                       for t, n in zip(texts, as_numbers, strict=True)], dtype=float)
    values = np.append(mapped, np.nan)[np.where(codes >= 0, codes, len(mapped))]
    counts = np.bincount(codes[codes >= 0], minlength=len(texts))
    unmapped = [(t, int(c)) for t, n, c in zip(texts, mapped, counts, strict=True)
                if np.isnan(n)]
    return pd.Series(values, index=series.index, dtype=float), unmapped


# a Likert family (io/likert.py: name, language) as a Dutch message names it
_FAMILY_NL = {"agreement": "eens-oneensschaal", "frequency": "frequentieschaal",
              "satisfaction": "tevredenheidsschaal"}
_LANGUAGE_NL = {"nl": "Nederlandse", "en": "Engelse"}


def _likert_example(unmapped: Mapping[str, list[tuple[str, int]]], lang: str = "en"
                    ) -> str | None:
    """The ``value_map`` for answers that all belong to one of the common Likert families
    (io/likert.py, as ``maatwerk-stats init`` writes it): in scale order with their numbers,
    "weet niet" / "n.v.t." as a missing code. None when the answers are no known family (the
    caller then lists them with ``= N``). Standard answers are categories, so they are quoted
    however few respondents gave them. In Dutch with ``lang="nl"``."""
    from ..io.likert import (
        is_missing_answer,
        is_standard_answer,
        missing_code,
        normalise_answer,
        recognise,
    )

    texts = list(dict.fromkeys(t for answers in unmapped.values() for t, _n in answers))
    if not texts or not all(is_standard_answer(t) or is_missing_answer(t) for t in texts):
        return None
    families = recognise(texts)
    if not families:
        return None
    family = families[0]
    numbers = family.codes()
    answers = sorted((t for t in texts if normalise_answer(t) in numbers),
                     key=lambda t: numbers[normalise_answer(t)])
    missing = [t for t in texts if normalise_answer(t) not in numbers]
    code = missing_code(len(family.answers))
    lines = [f"  \"{t}\" = {numbers[normalise_answer(t)]}" for t in answers]
    lines += [f"  \"{t}\" = {code}" for t in missing]
    given = {normalise_answer(t) for t in texts}
    incomplete = not all(any(normalise_answer(t) in given for t in spellings)
                         for spellings in family.answers)  # as init says it (config/draft.py)
    if lang == "nl":
        title = (f"{_LANGUAGE_NL.get(family.language, family.language)} "
                 f"{_FAMILY_NL.get(family.name, family.name)}")
        lead = f"in schaalvolgorde ({title}, {len(family.answers)} antwoorden"
        if incomplete:
            lead += "; niet elk antwoord komt voor in de data" + (
                f": het kan ook de vorm met {len(families[1].answers)} antwoorden zijn, "
                "controleer de getallen" if len(families) > 1 else "")
        tail = (f"  met missing_codes = [{code}] onder elke [scales.NAME] (geen antwoord)\n"
                if missing else "")
        return (f"{lead}), bijvoorbeeld\n  [value_map]\n" + "\n".join(lines) + "\n" + tail
                + "`maatwerk-stats init DATA` schrijft deze config. ")
    lead = f"in scale order ({family.title}, {len(family.answers)} answers"
    if incomplete:
        lead += "; not every answer occurs in the data" + (
            f": it could also be the {len(families[1].answers)}-answer form, check the numbers"
            if len(families) > 1 else "")
    lead += ")"
    tail = (f"  with missing_codes = [{code}] under each [scales.NAME] (no answer)\n"
            if missing else "")
    return (f"{lead}, e.g.\n  [value_map]\n" + "\n".join(lines) + "\n" + tail +
            "`maatwerk-stats init DATA` writes this config for you. ")


def _text_answers_error(source: str, unmapped: Mapping[str, list[tuple[str, int]]]
                        ) -> DataError:
    """Which items hold unmapped texts, quoting only texts that at least :data:`MIN_QUOTED`
    respondents gave or that are standard answers (answer categories), never a rare answer of
    a person's own; with a ``value_map`` in scale order when the answers are a known Likert
    family (:func:`_likert_example`)."""
    from ..io.likert import is_missing_answer, is_standard_answer

    def quoted(text: str, n: int) -> bool:  # a standard answer is a category, however rare
        return n >= MIN_QUOTED or is_standard_answer(text) or is_missing_answer(text)

    def listed(texts: list[tuple[str, int]], lang: str) -> str:
        common = [t for t, n in texts if quoted(t, n)]
        rare = len(texts) - len(common)
        parts = [repr(t[:40]) for t in common[:4]]
        if len(common) > 4:
            parts.append(f"nog {len(common) - 4}" if lang == "nl" else
                         f"{len(common) - 4} more")
        if rare and lang == "nl":
            parts.append(f"{rare} antwoordtekst{'en' if rare > 1 else ''} van minder dan "
                         f"{MIN_QUOTED} respondenten (niet getoond)")
        elif rare:
            parts.append(f"{rare} answer text{'s' if rare > 1 else ''} given by fewer than "
                         f"{MIN_QUOTED} respondents (not shown)")
        return ", ".join(parts)

    def shown(lang: str) -> str:
        return "; ".join(f"{item} ({listed(texts, lang)})" for item, texts in unmapped.items())

    distinct: list[str] = []
    for texts in unmapped.values():
        distinct += [t for t, n in texts if quoted(t, n) and t not in distinct]
    example, example_nl = _likert_example(unmapped), _likert_example(unmapped, "nl")
    if example is None or example_nl is None:
        template = "\n".join(f"  \"{t[:40].replace(chr(34), chr(39))}\" = N"
                              for t in distinct[:8])
        template = template or '  "helemaal mee eens" = 5'
        example = "(replace N), e.g.\n  [value_map]\n" + template + "\n"
        example_nl = "(vervang N), bijvoorbeeld\n  [value_map]\n" + template + "\n"
    return DataError(
        en=f"{source}: scale items hold text answers instead of numbers: {shown('en')}. Map "
        f"every answer text to its number in the config {example}"
        "A [value_map] table applies to every scale item, scales.NAME.value_map to one scale. "
        "Run `maatwerk-stats codebook` on the data to see every answer with its count.",
        nl=f"{source}: schaalitems bevatten antwoordteksten in plaats van getallen: "
        f"{shown('nl')}. Geef in de config bij elke antwoordtekst het getal {example_nl}"
        "Een [value_map]-tabel geldt voor elk schaalitem, scales.NAME.value_map voor één "
        "schaal. Voer `maatwerk-stats codebook` uit op de data om elk antwoord met het aantal "
        "te zien.")


def prepare_items(dataset: Dataset, config: StudyConfig, scales: Iterable[str] | None = None,
                  out_of_range: OutOfRange = "error") -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Item columns as analysis-ready floats (missing codes, range check, reverse coding)."""
    import numpy as np
    import pandas as pd

    from ..io.dataset import decimal_comma

    names = list(scales) if scales is not None else list(config.scales)
    check_against_data(config, dataset, names)
    frame = dataset.frame
    source = str(dataset.path)
    comma = decimal_comma(dataset)  # "3,5" beside a text answer is a number (as read)
    out: dict[str, pd.Series] = {}
    notes: list[Note] = []
    violations: list[Text] = []
    n_set_missing = 0
    unmapped: dict[str, list[tuple[str, int]]] = {}
    for name in names:
        scale = config.scales[name]
        for item in scale.items:
            values, texts = _numeric_item(frame[item], scale, config.value_map, comma)
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
                        shown_nl = "; ".join(number(v, "nl", "g") for v in found[:5])
                        many = len(rows) > 1
                        violations.append(Text(
                            f"{item} (range {_fmt_value(low)}–{_fmt_value(high)}): value "
                            f"{shown} in row{'s' if many else ''} {row_list(rows)}",
                            f"{item} (bereik {number(low, 'nl', 'g')}–"
                            f"{number(high, 'nl', 'g')}): "
                            f"{'waarde' if len(found) == 1 else 'waarden'} "
                            f"{shown_nl} in {'rijen' if many else 'rij'} "
                            f"{row_list(rows, lang='nl')}"))
            if item in scale.reverse:
                values = scale.reverse_value(values)
            out[item] = values
    if unmapped:
        raise _text_answers_error(source, unmapped)
    if violations:
        raise OutOfRangeError(
            en=f"{source} has values outside the declared range:\n  - "
            + "\n  - ".join(v.en for v in violations)
            + "\nRows count data rows from 1. Correct the data, declare the codes as missing "
            "(missing_codes = [...] in the scale's config), or rerun with "
            f"{param('out_of_range', 'missing')} to treat them as missing.",
            nl=f"{source} heeft waarden buiten het opgegeven bereik:\n  - "
            + "\n  - ".join(v.nl for v in violations)
            + "\nRijen tellen de datarijen vanaf 1. Verbeter de data, geef de codes op als "
            "ontbrekend (missing_codes = [...] in de config van de schaal), of voer de opdracht "
            f"opnieuw uit met {param('out_of_range', 'missing')} om ze als ontbrekend te "
            "behandelen.")
    if n_set_missing:
        notes.append(Note("out_of_range_missing",
                          f"{n_set_missing} value(s) outside the declared range were treated "
                          f"as missing ({param('out_of_range', 'missing')}).",
                          values={"n_values": n_set_missing}))
    return pd.DataFrame(out, index=frame.index), tuple(notes)


def _labels_from_value_map(series: pd.Series, scale: ScaleConfig,
                           value_map: Mapping[str, float]) -> dict[float, str]:
    """Answer labels of an item that holds answer texts (a CSV export): the value map read
    backwards, ``4 → "mee eens"`` (the first text of each number; missing codes and numbers
    outside the range left out), so tables and figures show the answers, not 1 … 5."""
    import pandas as pd

    if pd.api.types.is_numeric_dtype(series) or series.dropna().empty:
        return {}
    labels: dict[float, str] = {}
    for text, code in {**value_map, **scale.value_map}.items():
        if code in scale.missing_codes or (
                scale.range is not None and not scale.range[0] <= code <= scale.range[1]):
            continue
        labels.setdefault(float(code), text)
    return dict(sorted(labels.items()))


def _fmt_value(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# --------------------------------------------------------------------------------------------
# Scores


def score_items(items: pd.DataFrame, scale: ScaleConfig) -> pd.Series:
    """Mean of the answered items when at least ``min_items`` are answered, else NaN."""
    block = items[list(scale.items)]
    answered = block.notna().sum(axis=1)
    return block.mean(axis=1).where(answered >= scale.min_items)


# the first data rows a duplicate-ids note lists (the rows, never the ids: see notes.py)
LISTED_ROWS = 10


def duplicate_ids_note(dataset: Dataset, id_column: str, within: str | None = None
                       ) -> Note | None:
    """A warning when an id of ``id_column`` occurs on more than one row of ``dataset``
    (with ``within``, a column such as the measurement: more than once within one of its
    values, since a person measured before and after has a row in each), else None.

    The scores of such rows are all kept: whether they are one person twice or two people
    under one number only the user can tell, so the run goes on and says how many ids and
    which data rows; a paired comparison refuses them (prepare/measurements.py), since its
    matching would be wrong. The note names data rows, not ids (ids are not published)."""
    import numpy as np
    import pandas as pd

    from ..io.dataset import code_numbers

    column = dataset.frame[id_column]
    if within is None and column.dtype.kind in "biuf":  # numbers as they are: one hash pass
        key = column.to_numpy()
        present = column.notna().to_numpy()
    else:
        ids, _ = code_numbers(column)
        key, present = ids.astype(np.int64), ids >= 0
        if within is not None:
            groups, n_groups = code_numbers(dataset.frame[within])
            key = key * (n_groups + 1) + (groups + 1)  # one integer per (id, group)
    duplicated = pd.Series(key).duplicated(keep=False).to_numpy() & present
    if not duplicated.any():
        return None
    rows = np.flatnonzero(duplicated) + 1
    n_ids = len(np.unique(key[duplicated]))
    shown = ", ".join(str(r) for r in rows[:LISTED_ROWS]) + (
        " …" if len(rows) > LISTED_ROWS else "")
    values = {"file": str(dataset.path), "n_ids": n_ids, "n_rows": len(rows),
              "rows": shown, **({"within": within} if within is not None else {})}
    where = "" if within is None else f" within one group of {within!r}"
    once = "once" if within is None else "once per group"
    return warning(
        "duplicate_ids",
        f"id column {id_column!r} of {dataset.path}: {n_ids} id(s) occur more than "
        f"once{where} ({len(rows)} rows: data rows {shown}). Each person should appear "
        f"{once}: remove the duplicate rows, or check that study.id names the respondent "
        "number.", subject=id_column, values=values)


def _within(dataset: Dataset, config: StudyConfig, within: str | None) -> str | None:
    """The column within whose values an id must be unique: ``within`` (the group column of
    the run) or else the config's ``groups.column`` (the measurement), if the data hold it."""
    column = within if within is not None else (config.groups.column if config.groups
                                                else None)
    return column if column is not None and column in dataset.frame.columns else None


def score_scales(dataset: Dataset, config: StudyConfig, scales: Iterable[str] | None = None,
                 out_of_range: OutOfRange = "error", *, within: str | None = None
                 ) -> ScaleScores:
    """Score every configured scale of ``dataset`` (see the module docstring for the rules).

    The id column (``study.id``) is kept as the input holds it (:func:`respondent_ids`:
    101, not 101.0), and an id on more than one row (within one value of ``within``, default
    the config's ``groups.column``) gets a warning (:func:`duplicate_ids_note`)."""
    import pandas as pd

    from ..io.dataset import respondent_ids

    names = list(scales) if scales is not None else list(config.scales)
    if not names:
        raise DataError(en="the config defines no scales; add a [scales.NAME] table.",
                        nl="de config definieert geen schalen; voeg een [scales.NAME]-tabel "
                        "toe.")
    items, notes = prepare_items(dataset, config, names, out_of_range)
    columns: dict[str, Any] = {}
    if config.id and config.id in dataset.frame.columns:
        columns[config.id] = respondent_ids(dataset.frame[config.id])
        duplicates = duplicate_ids_note(dataset, config.id, _within(dataset, config, within))
        notes = notes if duplicates is None else (*notes, duplicates)
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
            if not value_labels[item]:
                value_labels[item] = _labels_from_value_map(
                    dataset.frame[item], scale, config.value_map)
    return ScaleScores(scores=pd.DataFrame(columns, index=dataset.frame.index), items=items,
                       scales=chosen, item_labels=labels, value_labels=value_labels,
                       id_column=config.id if config.id in columns else None,
                       notes=notes)


