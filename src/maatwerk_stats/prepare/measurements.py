"""Measurements of a pre/post study, stacked and paired.

Two or more files (before, after, follow-up) or one file with a group column become one
:class:`Measurements`:
every respondent × measurement a row, with the scored scales and items (from
:func:`~maatwerk_stats.prepare.items.score_scales`, so exactly those of ``maatwerk-stats
scales``), which measurement the row is, and the matching key. :func:`match_pairs` pairs the
rows of the same person for a paired design. Every check of these data against the options
(group column and order, id column, covariates, duplicated ids) lives here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import StudyConfig
from ..config.infer import different_items
from ..errors import (
    MIN_QUOTED,
    DataError,
    Text,
    did_you_mean,
    param,
    quoted_list,
    quoted_shared,
    row_list,
)
from ..io.dataset import code_sort_key, code_text, value_label_texts
from ..names import known_order
from ..notes import Note
from .items import OutOfRange, ScaleScores, score_scales

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..io.dataset import Dataset

UNMATCHED_COLUMNS = ["id", "group", "group_label"]

@dataclass(frozen=True)
class Measurements:
    """All measurements stacked: one row per respondent and measurement.

    ``group`` is 0 (group 1), 1 (group 2), … (the measurement's position); ``codes`` the group
    codes in time order (before first; two, or more for a follow-up) and ``labels`` their
    display labels; ``ids`` the matching key as text (paired) or None;
    ``source`` the file and 1-based data row of each row (for messages); ``covariates`` the
    raw covariate columns (``adjust_for``). ``files`` holds, per data file, its scored scales
    and the group code of each of its rows (``None`` where the whole file is one measurement,
    a code or None per row for one file with a group column): what reliability per
    measurement needs."""

    scored: ScaleScores
    scores: pd.DataFrame
    items: pd.DataFrame
    group: np.ndarray
    codes: tuple[str, ...]
    labels: tuple[str, ...]
    ids: pd.Series | None
    source: pd.DataFrame
    covariates: pd.DataFrame | None
    covariate_labels: Mapping[str, Mapping[str, str]]
    notes: tuple[Note, ...]
    files: tuple[tuple[ScaleScores, pd.Series | None], ...] = ()
    sites: pd.Series | None = None
    site_column: str | None = None
    site_label: str | None = None  # the site column's variable label (SPSS), if any

    @property
    def site_codes(self) -> tuple[str, ...]:
        """The sites in natural order (their display labels), or () without ``site``."""
        if self.sites is None:
            return ()
        return tuple(sorted(self.sites.unique(), key=code_sort_key))


def _codes(series: pd.Series) -> pd.Series:
    import pandas as pd

    return pd.Series([code_text(v) for v in series.tolist()], index=series.index, dtype=object)


def _missing_column(column: str, dataset: Dataset, what: Text) -> DataError:
    """``what`` (e.g. "id column" / "id-kolom") ``column`` is not in ``dataset``: the nearest
    column name or the columns there are, in both languages."""
    near = did_you_mean(column, dataset.frame.columns)
    columns = list(dataset.frame.columns)
    hint = f"; did you mean {near[0]!r}?" if near else f" (columns: {quoted_list(columns)})"
    hint_nl = (f"; bedoelt u {near[0]!r}?" if near
               else f" (kolommen: {quoted_list(columns, lang='nl')})")
    return DataError(en=f"{what.en} {column!r} is not a column of {dataset.path}{hint}",
                     nl=f"{what.nl} {column!r} is geen kolom van {dataset.path}{hint_nl}")


def _rename_by_labels(order: Sequence[str], value_labels: Mapping[str, str],
                      present: Iterable[str], every: bool) -> dict[str, str]:
    """A code → name map when ``order`` names the groups by their value labels (``voor``/
    ``na`` for the codes 1/2 of an SPSS file), so that the codes can be renamed to the names
    of the order; empty when no labelled code has a row (``present``). ``every``: every name
    of the order must be a value label (``compare``, which needs each of its groups), else
    the names that are labels are enough (``scales --group``, where a group of the order may
    be absent from a file)."""
    by_label = {label: code for code, label in value_labels.items()}
    named = [o for o in order if o in by_label]
    if every and len(named) < len(order):
        return {}
    rename = {by_label[o]: o for o in named}
    return rename if set(rename) & set(present) else {}


def _resolve_order(values: Sequence[str], order: Sequence[str] | None,
                   value_labels: Mapping[str, str], column: str, path: Path,
                   counts: Mapping[str, int]) -> tuple[tuple[str, ...], dict[str, str]]:
    """(group_1, group_2, …) as codes in the data, and a code → group-name map when the order
    was given in value labels (``voor``/``na`` for codes 1/2). Three or more measurements
    (a follow-up) need their order, or numeric codes (taken in ascending order)."""
    present = list(values)

    def describe(lang: str = "en") -> str:  # values of fewer than MIN_QUOTED rows: counted
        return quoted_shared({v: counts[v] for v in present}, with_counts=True,
                             known=order or (), lang=lang)

    rename: dict[str, str] = {}
    if order is not None:
        order = [str(o).strip() for o in order]
        if len(order) < 2 or len(set(order)) != len(order):
            raise DataError(
                en=f"the group order must name two or more different groups, before "
                f"first (e.g. {param('group_order', 'voor,na')}); got {','.join(order)!r}",
                nl=f"de groepsvolgorde moet twee of meer verschillende groepen noemen, de eerste "
                f"meting eerst (bijvoorbeeld {param('group_order', 'voor,na')}); gekregen: "
                f"{','.join(order)!r}")
        if not set(order) <= set(present):
            rename = _rename_by_labels(order, value_labels, present, every=True)
            if rename:
                present = [rename.get(v, v) for v in present]
                counts = {rename.get(k, k): n for k, n in counts.items()}
        missing = [o for o in order if o not in present]
        if len(order) > 2 and missing:
            raise DataError(
                en=f"measurement {missing[0]!r} has no rows: column {column!r} in "
                f"{path} holds {describe()}. Every measurement named in "
                f"{param('group_order')} (or groups.order) needs respondents; "
                "check the data or leave that measurement out of the order.",
                nl=f"meting {missing[0]!r} heeft geen rijen: kolom {column!r} in {path} bevat "
                f"{describe('nl')}. Elke meting in {param('group_order')} (of groups.order) "
                "heeft respondenten nodig; controleer de data of haal die meting uit de "
                "volgorde.")
        if len(missing) == 2:
            raise DataError(
                en=f"column {column!r} in {path} holds neither {order[0]!r} nor "
                f"{order[1]!r}; its values are {describe()}. Give the stored "
                f"values with {param('group_order')} (before first) or fix "
                "groups.order in the config.",
                nl=f"kolom {column!r} in {path} bevat geen {order[0]!r} en geen {order[1]!r}; de "
                f"waarden zijn {describe('nl')}. Geef de waarden zoals ze in de data staan met "
                f"{param('group_order')} (de eerste meting eerst) of verbeter groups.order in "
                "de config.")
        if missing:
            other = next(o for o in order if o not in missing)
            raise DataError(
                en=f"only one group to compare: column {column!r} in {path} has no "
                f"rows with {missing[0]!r}, only {describe()}. A comparison needs "
                f"both {order[0]!r} and {order[1]!r}; check the data, "
                f"{param('group_order')} or groups.order (found: {other!r}).",
                nl=f"maar één groep om te vergelijken: kolom {column!r} in {path} heeft geen "
                f"rijen met {missing[0]!r}, alleen {describe('nl')}. Een vergelijking vraagt "
                f"zowel {order[0]!r} als {order[1]!r}; controleer de data, "
                f"{param('group_order')} of groups.order (gevonden: {other!r}).")
        return tuple(order), rename
    if len(present) == 1:
        raise DataError(
            en=f"only one group to compare: column {column!r} in {path} holds only "
            f"{describe()}. A comparison needs two measurements; check the "
            "column, or give two files PRE POST.",
            nl=f"maar één groep om te vergelijken: kolom {column!r} in {path} bevat alleen "
            f"{describe('nl')}. Een vergelijking vraagt twee metingen; controleer de kolom, of "
            "geef twee bestanden PRE POST.")
    if len(present) > 2:
        try:
            return tuple(sorted(present, key=float)), rename
        except ValueError:
            raise DataError(
                en=f"column {column!r} in {path} holds {len(present)} groups "
                f"({describe()}); give their order in time, first measurement "
                f"first, with {param('group_order', 'A,B,C')} (or two of them to "
                "compare only those; or groups.order in the config).",
                nl=f"kolom {column!r} in {path} bevat {len(present)} groepen "
                f"({describe('nl')}); geef hun volgorde in de tijd, de eerste meting eerst, met "
                f"{param('group_order', 'A,B,C')} (of twee ervan om alleen die te vergelijken; "
                "of groups.order in de config).") from None
    if (known := known_order(present)) is not None:
        return known, rename
    try:
        numbers = sorted(present, key=float)
    except ValueError:
        first_second = param('group_order', f'{present[0]},{present[1]}')
        second_first = param('group_order', f'{present[1]},{present[0]}')
        raise DataError(
            en=f"column {column!r} in {path} holds {describe()}: say which comes "
            f"first (before) with {first_second} or {second_first} (or "
            "groups.order in the config).",
            nl=f"kolom {column!r} in {path} bevat {describe('nl')}: geef aan welke eerst komt "
            f"(de voormeting) met {first_second} of {second_first} (of groups.order in de "
            "config).") from None
    return (numbers[0], numbers[1]), rename


def group_codes(dataset: Dataset, column: str, order: Sequence[str] | None = None
                ) -> tuple[pd.Series, list[str] | None, tuple[Note, ...]]:
    """The group column of one file as text codes, for results per group (``scales
    --group``), with the order to show the groups in and notes.

    ``order`` (``groups.order``) may name the stored codes or their value labels (``voor``/
    ``na`` for the codes 1/2 of an SPSS file), as :func:`_resolve_order` allows for
    ``compare``: given in labels, the codes are renamed to those names. Groups of ``order``
    without a row in this file are left out of the order, with a note; ``None`` when no
    group of ``order`` has a row (the groups then come in natural code order)."""
    codes = _codes(dataset.frame[column]).rename(column)
    if not order:
        return codes, None, ()
    order = [str(o).strip() for o in order]
    present = set(codes.dropna())
    if not set(order) & present:
        rename = _rename_by_labels(order, value_label_texts(dataset, column), present,
                                   every=False)
        if rename:
            codes = codes.map(lambda v: rename.get(v, v)).astype(object)
            present = set(codes.dropna())
    kept = [o for o in order if o in present]
    absent = [o for o in order if o not in present]
    if not kept:
        return codes, None, ()
    notes = tuple(Note(
        kind="group_without_rows",
        template=f"group {code!r} of groups.order has no rows in {dataset.path} "
                 f"(column {column!r}): it is left out of the results per group.",
        subject=code, values={"column": column, "file": str(dataset.path)})
        for code in absent)
    return codes, kept, notes


def check_same_items(first: Dataset, second: Dataset, config: StudyConfig) -> None:
    """Every configured item must be in both files; list the ones that are not."""
    needed = [i for s in config.scales.values() for i in s.items]
    needed = list(dict.fromkeys(needed))
    in_first = set(first.frame.columns)
    in_second = set(second.frame.columns)
    only_first = [i for i in needed if i in in_first and i not in in_second]
    only_second = [i for i in needed if i in in_second and i not in in_first]
    if only_first or only_second:
        raise different_items(first, second, only_first, only_second,
                              Text("Both measurements need every item of the scales compared: "
                                   "rename the columns so they match, or leave the scale out "
                                   f"with {param('scales')}.",
                                   "Beide metingen hebben elk item van de vergeleken schalen "
                                   "nodig: geef de kolommen dezelfde namen, of laat de schaal "
                                   f"weg met {param('scales')}."))


def _covariate_frame(datasets: Sequence[Dataset], rows: Sequence[Any], names: Sequence[str]
                     ) -> tuple[pd.DataFrame, dict[str, dict[str, str]]]:
    import pandas as pd

    for dataset in datasets:
        for name in names:
            if name not in dataset.frame.columns:
                raise _missing_column(name, dataset,
                                      Text(f"{param('adjust_for')}: covariate",
                                           f"{param('adjust_for')}: covariaat"))
    parts = [dataset.frame.loc[index, list(names)] for dataset, index in
             zip(datasets, rows, strict=True)]
    labels: dict[str, dict[str, str]] = {}
    for name in names:
        merged: dict[str, str] = {}
        for dataset in datasets:
            merged.update(value_label_texts(dataset, name))
        labels[name] = merged
    return pd.concat(parts, ignore_index=True), labels


def stack_measurements(data: Dataset, other: Dataset | None, config: StudyConfig, *,
                       more: Sequence[Dataset] = (), group: str | None = None,
                       group_order: Sequence[str] | None = None,
                       group_labels: Sequence[str] | None = None, id_column: str | None = None,
                       adjust_for: Sequence[str] = (), out_of_range: OutOfRange = "error",
                       site: str | None = None) -> Measurements:
    """Score both measurements and stack them (see :class:`Measurements`).

    ``data``, ``other`` and ``more``: two or more files (before, after, follow-up …), or
    ``data`` alone with a ``group`` column whose codes ``group_order`` puts in order (see
    :func:`_resolve_order`). ``site`` names a column (in every file) telling the sites
    (municipalities) apart: rows without a site are left out, with a note; a site with fewer
    than two respondents stops the run (see :func:`_sites`)."""
    import numpy as np
    import pandas as pd

    by = group
    order = group_order
    labels = group_labels
    notes: list[Note] = []
    files: list[tuple[ScaleScores, pd.Series | None]] = []
    if other is not None:
        datasets = [data, other, *more]
        paths = ", ".join(str(d.path) for d in datasets)
        if by is not None:
            raise DataError(
                en=f"{param('group', by)} is for one file holding all measurements; "
                f"with several files ({paths}) the first is group 1 (before), the "
                f"second group 2 (after), and so on. Leave out {param('group')}.",
                nl=f"{param('group', by)} is voor één bestand met alle metingen; bij meerdere "
                f"bestanden ({paths}) is het eerste groep 1 (voor), het tweede groep 2 (na), "
                f"enzovoort. Laat {param('group')} weg.")
        for later in datasets[1:]:
            check_same_items(data, later, config)
        if id_column is not None:
            for dataset in datasets:
                if id_column not in dataset.frame.columns:
                    raise _missing_column(id_column, dataset, Text("id column", "id-kolom"))
        scored_parts = [score_scales(d, config, out_of_range=out_of_range) for d in datasets]
        sizes = [len(d.frame) for d in datasets]
        if order is not None and len(order) == len(datasets):
            codes = tuple(str(o) for o in order)
        else:
            stems = tuple(d.path.stem for d in datasets)
            codes = stems if len(set(stems)) == len(stems) else tuple(
                str(i + 1) for i in range(len(datasets)))
        group = np.repeat(np.arange(len(datasets)), sizes)
        scores = pd.concat([p.scores for p in scored_parts], ignore_index=True)
        items = pd.concat([p.items for p in scored_parts], ignore_index=True)
        ids = None
        if id_column is not None:
            ids = pd.concat([_codes(d.frame[id_column]) for d in datasets], ignore_index=True)
        source = pd.DataFrame({"file": np.repeat(np.array([str(d.path) for d in datasets],
                                                          dtype=object), sizes),
                               "row": np.concatenate([np.arange(1, n + 1) for n in sizes])})
        covariates, covariate_labels = (None, {})
        if adjust_for:
            covariates, covariate_labels = _covariate_frame(
                datasets, [d.frame.index for d in datasets], adjust_for)
        scored = scored_parts[0]
        notes.extend(n for p in scored_parts for n in p.notes)
        files = [(part, None) for part in scored_parts]
        value_labels: dict[str, str] = {}
    else:
        if by is None:
            raise DataError(
                en=f"{data.path} is one file: say which column holds the measurement "
                f"(before / after) with {param('group', 'COLUMN')} (or "
                "groups.column in the config), or give two files PRE POST.",
                nl=f"{data.path} is één bestand: geef met {param('group', 'COLUMN')} (of "
                "groups.column in de config) aan welke kolom de meting (voor / na) bevat, of "
                "geef twee bestanden PRE POST.")
        if by not in data.frame.columns:
            raise _missing_column(by, data, Text("group column", "groepskolom"))
        if id_column is not None and id_column not in data.frame.columns:
            raise _missing_column(id_column, data, Text("id column", "id-kolom"))
        # an id may occur once per measurement (by), not once in the file
        scored = score_scales(data, config, out_of_range=out_of_range, within=by)
        notes.extend(scored.notes)
        raw = _codes(data.frame[by])
        value_labels = value_label_texts(data, by)
        counts = raw.value_counts(sort=False).to_dict()
        present = sorted(counts, key=code_sort_key)
        if not present:
            raise DataError(en=f"group column {by!r} in {data.path} is empty.",
                            nl=f"groepskolom {by!r} in {data.path} is leeg.")
        codes, rename = _resolve_order(present, order, value_labels, by, data.path, counts)
        named = raw.map(lambda v: rename.get(v, v) if v is not None else None)
        keep = named.isin(codes).to_numpy()
        n_missing = int(raw.isna().sum())
        others = sorted({v for v in named.dropna() if v not in codes})
        if n_missing:
            notes.append(Note("rows_without_group",
                              f"{n_missing} row(s) without a value in {by!r} were left out.",
                              subject=by, values={"n_rows": n_missing}))
        if others:
            n_other = int((~keep).sum()) - n_missing
            sizes = named[~named.isin(codes)].value_counts()
            shared = {v: int(sizes[v]) for v in others}
            notes.append(Note("rows_in_other_groups",
                              f"{n_other} row(s) with another value in {by!r} were left out "
                              f"({quoted_shared(shared)}; compared: "
                              f"{quoted_list(list(codes))}).",
                              subject=by, values={"n_rows": n_other, "groups": [
                                  v for v, n in shared.items() if n >= MIN_QUOTED],
                                  "compared": list(codes)}))
        files = [(scored, named.where(named.isin(codes)).rename(by))]
        index = data.frame.index[keep]
        position = {code: i for i, code in enumerate(codes)}
        group = named[keep].map(position).to_numpy().astype(int)
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
    prepared = Measurements(scored=scored, scores=scores, items=items, group=np.asarray(group),
                            codes=codes, labels=display, ids=ids, source=source,
                            covariates=covariates, covariate_labels=covariate_labels,
                            notes=tuple(notes), files=tuple(files))
    if site is None:
        return prepared
    datasets = [data] if other is None else [data, other, *more]
    rows = [data.frame.index[keep]] if other is None else [d.frame.index for d in datasets]
    return _sites(prepared, datasets, rows, site)


def _sites(prepared: Measurements, datasets: Sequence[Dataset], rows: Sequence[Any],
           column: str) -> Measurements:
    """``prepared`` with the site of every row (the value label when there is one); rows
    without a site are left out (a note), and every site needs two or more respondents."""
    import numpy as np
    import pandas as pd

    for dataset in datasets:
        if column not in dataset.frame.columns:
            raise _missing_column(column, dataset, Text(f"{param('site')}: site column",
                                                        f"{param('site')}: locatiekolom"))
    labels: dict[str, str] = {}
    for dataset in datasets:
        labels.update(value_label_texts(dataset, column))
    raw = pd.concat([_codes(d.frame.loc[index, column]) for d, index in
                     zip(datasets, rows, strict=True)], ignore_index=True)
    sites = raw.map(lambda v: labels.get(v, v) if v is not None else None)
    missing = sites.isna().to_numpy()
    notes = list(prepared.notes)
    if missing.all():
        raise DataError(
            en=f"site column {column!r} is empty in {datasets[0].path}: give the "
            f"column that holds the site (municipality) with {param('site')}.",
            nl=f"locatiekolom {column!r} is leeg in {datasets[0].path}: geef met "
            f"{param('site')} de kolom met de locatie (gemeente).")
    if missing.any():
        notes.append(Note("rows_without_site",
                          f"{int(missing.sum())} row(s) without a value in {column!r} were "
                          "left out.", subject=column,
                          values={"n_rows": int(missing.sum())}))
    prepared = subset(prepared, ~missing)
    sites = sites[~missing].reset_index(drop=True)
    people = prepared.ids if prepared.ids is not None else pd.Series(
        np.arange(len(sites)).astype(str))
    counts = pd.Series(people.to_numpy()).groupby(sites.to_numpy()).nunique()
    small = int((counts < 2).sum())
    if small:  # a value of one person is counted, not quoted (it may be their own)
        which = "a site" if small == 1 else f"{small} sites"
        which_nl = "een locatie" if small == 1 else f"{small} locaties"
        raise DataError(
            en=f"site column {column!r} has {which} with only 1 respondent (not "
            "named: one person's value may identify them): a change per site "
            "needs at least 2 people in every site. Merge it with another site, "
            f"leave its rows out, or leave out {param('site')}.",
            nl=f"locatiekolom {column!r} heeft {which_nl} met maar 1 respondent (niet "
            "genoemd: de waarde van één persoon kan die persoon herkenbaar maken): een "
            "verandering per locatie vraagt minstens 2 personen in elke locatie. Voeg de "
            f"locatie samen met een andere, laat de rijen weg, of laat {param('site')} weg.")
    from dataclasses import replace

    label = next((d.label(column) for d in datasets if d.label(column) != column), None)
    return replace(prepared, sites=sites, site_column=column, site_label=label,
                   notes=tuple(notes))


def _display_labels(codes: tuple[str, ...], labels: Sequence[str] | None,
                    value_labels: Mapping[str, str]) -> tuple[str, ...]:
    if labels is not None and len(labels) == len(codes):
        return tuple(str(label) for label in labels)
    return tuple(value_labels.get(code, code) for code in codes)


def first_two(prepared: Measurements) -> Measurements:
    """The rows of the first two measurements only (the before/after of the t-test tables
    when there is a follow-up)."""
    from dataclasses import replace

    if len(prepared.codes) == 2:
        return prepared
    keep = prepared.group < 2
    files = prepared.files[:2] if all(by is None for _, by in prepared.files) else tuple(
        (scored, by.where(by.isin(prepared.codes[:2])) if by is not None else None)
        for scored, by in prepared.files)
    return replace(subset(prepared, keep), codes=prepared.codes[:2],
                   labels=prepared.labels[:2], files=files)


def subset(prepared: Measurements, keep: np.ndarray) -> Measurements:
    """The rows where ``keep`` is true (same measurements, files and notes)."""
    from dataclasses import replace

    index = keep.nonzero()[0]

    def rows(frame: pd.DataFrame | pd.Series | None) -> Any:
        return None if frame is None else frame.iloc[index].reset_index(drop=True)

    return replace(prepared, scores=rows(prepared.scores), items=rows(prepared.items),
                   group=prepared.group[keep], ids=rows(prepared.ids),
                   source=rows(prepared.source), covariates=rows(prepared.covariates),
                   sites=rows(prepared.sites))


# --------------------------------------------------------------------------------------------
# Pairing


@dataclass(frozen=True)
class Pairs:
    """Row positions (in :class:`Measurements`) of each matched person's two measurements."""

    first: np.ndarray
    second: np.ndarray
    unmatched: pd.DataFrame
    notes: tuple[Note, ...]


def _check_unique(prepared: Measurements, id_column: str, rows: np.ndarray,
                  group_ids: pd.Series, no_id: np.ndarray, g: int) -> None:
    duplicated = group_ids.duplicated(keep=False).to_numpy() & ~no_id
    if duplicated.any():
        where = prepared.source.iloc[rows[duplicated]]
        files = sorted(set(where["file"]))
        rows_shown = where['row'].tolist()
        raise DataError(
            en=f"paired data: id column {id_column!r} in {', '.join(files)} has duplicated "
            f"ids within measurement {prepared.codes[g]!r} (data rows "
            f"{row_list(rows_shown)}). Each person may appear once per "
            f"measurement: remove the duplicates, or check that {param('id_column')} "
            "names the respondent number.",
            nl=f"gepaarde data: id-kolom {id_column!r} in {', '.join(files)} heeft dubbele "
            f"ids binnen meting {prepared.codes[g]!r} (datarijen "
            f"{row_list(rows_shown, lang='nl')}). Elke persoon mag één keer per meting "
            f"voorkomen: haal de dubbele rijen weg, of controleer of {param('id_column')} het "
            "respondentnummer noemt.")


def check_unique_ids(prepared: Measurements, id_column: str) -> None:
    """Refuse an id that occurs twice within one measurement (any of them)."""
    import numpy as np

    if prepared.ids is None:
        raise ValueError("stack_measurements() was called without an id column")
    for g in range(len(prepared.codes)):
        rows = np.flatnonzero(prepared.group == g)
        group_ids = prepared.ids.iloc[rows]
        _check_unique(prepared, id_column, rows, group_ids, group_ids.isna().to_numpy(), g)


def match_pairs(prepared: Measurements, id_column: str) -> Pairs:
    """Match group 1 and group 2 rows on the id; refuse duplicated ids, report unmatched."""
    import numpy as np
    import pandas as pd

    if prepared.ids is None:
        raise ValueError("stack_measurements() was called without an id column")
    ids = prepared.ids
    notes: list[Note] = []
    positions: list[dict[str, int]] = []
    for g in (0, 1):
        rows = np.flatnonzero(prepared.group == g)
        group_ids = ids.iloc[rows]
        no_id = group_ids.isna().to_numpy()
        if no_id.any():
            notes.append(Note("rows_without_id",
                              f"{int(no_id.sum())} row(s) of {prepared.codes[g]!r} have no "
                              f"{id_column!r} and cannot be matched; they were left out.",
                              subject=id_column, values={"n_rows": int(no_id.sum()),
                                                         "group": prepared.codes[g]}))
        _check_unique(prepared, id_column, rows, group_ids, no_id, g)
        positions.append({str(i): int(r) for i, r in zip(group_ids[~no_id], rows[~no_id],
                                                           strict=True)})
    common = [i for i in positions[0] if i in positions[1]]
    if not common:
        raise DataError(
            en=f"paired data: no id in column {id_column!r} appears in both measurements "
            f"({len(positions[0])} ids in {prepared.codes[0]!r}, {len(positions[1])} in "
            f"{prepared.codes[1]!r}). Check that {param('id_column')} names the respondent "
            "number and that the same numbers were used before and after; for different "
            f"people, leave out {param('paired')}.",
            nl=f"gepaarde data: geen enkele id in kolom {id_column!r} komt in beide metingen "
            f"voor ({len(positions[0])} ids in {prepared.codes[0]!r}, {len(positions[1])} in "
            f"{prepared.codes[1]!r}). Controleer of {param('id_column')} het respondentnummer "
            "noemt en of voor en na dezelfde nummers zijn gebruikt; laat bij verschillende "
            f"personen {param('paired')} weg.")
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
        notes.append(Note(
            "unmatched_ids", "paired data: " + " and ".join(
                f"{int(counts.get(code, 0))} id(s) only in {code!r}" for code in prepared.codes
                if counts.get(code, 0)) + f"; analysed: {len(common)} matched pairs{{ids}}.",
            subject=id_column, values={"n_pairs": len(common),
                                       "n_unmatched": len(unmatched), **{
                f"only_in_{code}": int(counts.get(code, 0)) for code in prepared.codes}},
            ids=tuple(unmatched["id"]),
            ids_text=" (the ids are listed in compare_unmatched.csv)"))
    return Pairs(first=np.array([positions[0][i] for i in common], dtype=int),
                 second=np.array([positions[1][i] for i in common], dtype=int),
                 unmatched=unmatched, notes=tuple(notes))


def variable_values(frame: pd.DataFrame, column: str, prepared: Measurements,
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


