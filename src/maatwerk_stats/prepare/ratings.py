"""Vignette data → one tidy frame of ratings, checked against the deck and the study config.

Two layouts are read (DESIGN.md, "Study config", ``[vignette]``):

- **long**: one row per rating: the respondent id, the rating (``outcome``), the vignette id
  (``vignette``) and/or one column per factor, optionally the position at which the vignette
  was shown (``position``) and a group column (``group``, e.g. voor/na).
- **wide**: one row per respondent, one rating column per vignette (``wide_columns``); the
  deck (``deck``) says which factor levels each vignette shows. A wide column belongs to the
  deck vignette whose id equals the column name or the number the column name ends with
  (``v3`` and ``vignet_3`` → vignette 3).

Both become the same :class:`VignetteData`: ratings sorted by group (in the configured order),
respondent, vignette and position, with all codes as text (``1.0`` → ``"1"``), so long and wide
input of the same data give identical numbers.

What stops the run (one message naming file, column and value, and what to do): missing
columns, a non-numeric rating or one outside ``outcome_range``, a missing respondent id or
group, duplicate respondent × vignette rows, vignettes absent from the deck or deck vignettes
absent from the data, factor levels that differ from the config, a factor that never varies and
a group column with one level. Respondents without any rating are dropped and reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import FactorConfig, VignetteConfig
from ..errors import (
    MIN_QUOTED,
    ConfigError,
    DataError,
    Text,
    did_you_mean,
    hint,
    number,
    param,
    quoted_list,
    rows_where,
)
from ..io.dataset import (
    cell_numbers,
    code_categories,
    code_ranks,
    code_sort_key,
    code_text,
    code_texts,
    decimal_comma,
    natural_code_categories,
    value_label_texts,
    whole_number_codes,
)
from ..names import ALL, display_name, known_order
from ..notes import Note

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..io.dataset import Dataset
    from ..io.deck import Deck

# Columns of VignetteData.ratings besides one column per factor (named after the factor).
RESPONDENT, GROUP, VIGNETTE, POSITION, RATING = (
    "_respondent", "_group", "_vignette", "_position", "_rating")
CANONICAL = (RESPONDENT, GROUP, VIGNETTE, POSITION, RATING)


@dataclass(frozen=True)
class VignetteStudy:
    """What a vignette analysis was run on, without the ratings: the factors with their
    levels (reference first in ``levels`` order of the config), the groups in order, the
    outcome and where the data came from. Results carry this, never the ratings."""

    factors: tuple[FactorConfig, ...]
    groups: tuple[str, ...] | None
    group_labels: tuple[str, ...] | None
    layout: str  # "long" or "wide"
    source: str
    outcome: str
    outcome_label: str
    outcome_range: tuple[float, float] | None
    id_column: str
    group_column: str | None = None
    position_column: str | None = None
    deck: Path | None = None
    deck_sha256: str | None = None
    n_dropped_respondents: int = 0

    def group_label(self, group: str) -> str:
        if group == ALL or self.groups is None or self.group_labels is None:
            return group
        return self.group_labels[self.groups.index(group)]

    @property
    def factor_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.factors)


@dataclass(frozen=True, kw_only=True)
class VignetteData(VignetteStudy):
    """Ratings ready for analysis: a :class:`VignetteStudy` with the ratings themselves.

    ``ratings`` has the columns of :data:`CANONICAL` plus one column per factor (in the
    order of ``factors``); respondent, group, vignette and factor columns are categoricals
    of text codes (categories in study order); rows whose rating is missing are kept
    (``_rating`` NaN) so they can be counted, respondents without any rating are not
    (``dropped_respondents``).
    """

    ratings: pd.DataFrame
    dropped_respondents: tuple[str, ...] = ()
    notes: tuple[Note, ...] = field(default_factory=tuple)

    def study(self) -> VignetteStudy:
        """These data without the ratings and respondent ids."""
        return VignetteStudy(**{f.name: getattr(self, f.name) for f in fields(VignetteStudy)})


def _text_series(series: pd.Series) -> pd.Series:
    return code_texts(series)


def _column_error(column: str, what: Text, source: str, columns: Iterable[str],
                  fix: Text) -> DataError:
    """``what`` (e.g. "rating column" / "oordeelkolom") ``column`` is not in ``source``,
    with the nearest column names and ``fix``, in both languages."""
    near = did_you_mean(column, list(columns))
    nearest = f"; nearest column names: {', '.join(near)}" if near else ""
    nearest_nl = f"; kolomnamen die erop lijken: {', '.join(near)}" if near else ""
    return DataError(
        en=f"{what.en} {column!r} is not a column of {source}{nearest}. {fix.en}",
        nl=f"{what.nl} {column!r} is geen kolom van {source}{nearest_nl}. {fix.nl}")


# --------------------------------------------------------------------------------------------
# Wide data


def _match_wide_columns(wide: Sequence[str], deck: Deck, source: str) -> dict[str, str]:
    """wide column → deck vignette id (see the module docstring)."""
    ids = deck.ids
    by_number: dict[float, str] = {}
    for vid in ids:
        try:
            by_number[float(vid)] = vid
        except ValueError:
            continue
    mapping: dict[str, str] = {}
    unmatched: list[str] = []
    for column in wide:
        if column in ids:
            mapping[column] = column
            continue
        match = re.fullmatch(r"\D*?(\d+)", column)
        if match and float(match.group(1)) in by_number:
            mapping[column] = by_number[float(match.group(1))]
        else:
            unmatched.append(column)
    if unmatched:
        many = len(unmatched) > 1
        raise DataError(
            en=f"wide column{'s' if many else ''} {quoted_list(unmatched, 6)} of "
            f"{source} "
            f"{'are' if many else 'is'} not a vignette of the deck {deck.path} "
            f"(deck vignettes: {quoted_list(ids, 6)}). A wide column belongs to the deck vignette "
            "whose id equals the column name or the number it ends with (v3 → vignette 3); add the "
            "vignette to the deck or remove the column from wide_columns.",
            nl=f"brede kolom{'men' if many else ''} {quoted_list(unmatched, 6, 'nl')} van "
            f"{source} {'zijn geen vignetten' if many else 'is geen vignet'} van het deck "
            f"{deck.path} (vignetten in het deck: {quoted_list(ids, 6, 'nl')}). Een brede kolom "
            "hoort bij het vignet van het deck met de kolomnaam als id of met het getal waarop de "
            "kolomnaam eindigt (v3 → vignet 3); zet het vignet in het deck of haal de kolom uit "
            "wide_columns.")
    seen: dict[str, str] = {}
    for column, vid in mapping.items():
        if vid in seen:
            raise DataError(
                en=f"wide columns {seen[vid]!r} and {column!r} of {source} both "
                f"belong to deck vignette {vid!r}; each vignette needs one column.",
                nl=f"brede kolommen {seen[vid]!r} en {column!r} van {source} horen allebei bij "
                f"vignet {vid!r} van het deck; elk vignet heeft één kolom nodig.")
        seen[vid] = column
    absent = [vid for vid in ids if vid not in seen]
    if absent:
        raise DataError(
            en=f"deck {deck.path} has vignette{'s' if len(absent) > 1 else ''} "
            f"{quoted_list(absent, 6)} "
            f"without a rating column in {source} (wide columns: {quoted_list(wide, 6)}). Add the "
            "column(s) to wide_columns or remove the vignette(s) from the deck.",
            nl=f"deck {deck.path} heeft {'vignetten' if len(absent) > 1 else 'vignet'} "
            f"{quoted_list(absent, 6, 'nl')} zonder oordeelkolom in {source} (brede kolommen: "
            f"{quoted_list(wide, 6, 'nl')}). Zet de kolom(men) in wide_columns of haal de "
            "vignet(ten) uit het deck.")
    return mapping


# --------------------------------------------------------------------------------------------
# Reading


def coded_columns(settings: VignetteConfig) -> tuple[str, ...]:
    """The columns :func:`prepare_vignette_data` codes as texts (respondent id, group,
    vignette id, the configured factors' columns): the ones a reader may hand over as
    categoricals (``read_data(categorical=...)``), which gives the same data faster."""
    names = [settings.id, settings.group, settings.vignette,
             *(factor.column for factor in settings.factors.values())]
    return tuple(dict.fromkeys(n for n in names if n))



def prepare_vignette_data(dataset: Dataset, settings: VignetteConfig, *,
                          deck: Deck | None = None, explicit: Iterable[str] = (),
                          config_source: str | None = None) -> VignetteData:
    """Turn ``dataset`` into :class:`VignetteData` following ``settings``; ``deck`` is the
    deck read from ``settings.deck`` (:func:`maatwerk_stats.io.deck.read_deck`), if any.

    ``explicit`` names the settings the user gave on the command line (``position``,
    ``group``, …): a column named there must exist; a column named only in the config may be
    absent from the data when the analysis can do without it (position, vignette id), and a
    note says so. ``config_source`` (the config file) is named in messages about levels.
    """
    import numpy as np
    import pandas as pd

    frame = dataset.frame
    source = str(dataset.path)
    comma = decimal_comma(dataset)
    explicit = set(explicit)
    columns = list(frame.columns)
    notes: list[Note] = []

    if settings.id not in frame.columns:
        raise _column_error(settings.id, Text("respondent id column", "respondent-id-kolom"),
                            source, columns,
                            Text(f"Name it with {param('id_column')} or vignette.id in the "
                                 "config.",
                                 f"Geef de kolom met {param('id_column')} of vignette.id in de "
                                 "config."))

    wide = settings.wide_columns or ()
    layout = "long"
    if wide and (settings.outcome not in frame.columns or "wide_columns" in explicit):
        layout = "wide"
        absent = [c for c in wide if c not in frame.columns]
        if absent:
            near = {c: did_you_mean(c, columns) for c in absent}
            hints = [f"{c!r}" + (f" (did you mean {near[c][0]!r}?)" if near[c] else "")
                     for c in absent]
            hints_nl = [f"{c!r}" + (f" (bedoelt u {near[c][0]!r}?)" if near[c] else "")
                        for c in absent]
            many = len(absent) > 1
            raise DataError(
                en=f"wide column{'s' if many else ''} {', '.join(hints)} "
                f"{'are' if many else 'is'} not in {source}. Check "
                f"wide_columns ({param('wide_columns')} or vignette.wide_columns).",
                nl=f"brede kolom{'men' if many else ''} {', '.join(hints_nl)} "
                f"{'staan' if many else 'staat'} niet in {source}. Controleer "
                f"wide_columns ({param('wide_columns')} of vignette.wide_columns).")
        if deck is None:
            raise ConfigError(
                Text("wide data need a deck: a file that maps every vignette to its "
                     f"factor levels ({param('deck')} FILE or vignette.deck in the config).",
                     "brede data hebben een deck nodig: een bestand dat bij elk vignet de "
                     f"niveaus van de factoren geeft ({param('deck')} FILE of vignette.deck in "
                     "de config)."))
    elif settings.outcome not in frame.columns:
        raise _column_error(settings.outcome, Text("rating column", "oordeelkolom"), source,
                            columns,
                            Text(f"Name it with {param('outcome')} or vignette.outcome in the "
                                 "config; for wide data (one rating column per vignette) give "
                                 f"{param('wide_columns')}.",
                                 f"Geef de kolom met {param('outcome')} of vignette.outcome in "
                                 "de config; geef voor brede data (één oordeelkolom per vignet) "
                                 f"{param('wide_columns')}."))

    group_column = settings.group
    if group_column is not None and group_column not in frame.columns:
        raise _column_error(group_column, Text("group column", "groepskolom"), source, columns,
                            Text(f"Name it with {param('group')} or vignette.group in the "
                                 "config.",
                                 f"Geef de kolom met {param('group')} of vignette.group in de "
                                 "config."))

    # ---- one row per rating -----------------------------------------------------------
    if layout == "wide":
        mapping = _match_wide_columns(list(wide), deck, source)  # type: ignore[arg-type]
        ids = frame[settings.id]
        parts = []
        for column in wide:
            ratings = _numeric_rating(frame[column], column, source, comma)
            part = pd.DataFrame({
                RESPONDENT: _text_series(ids).to_numpy(),
                GROUP: (_text_series(frame[group_column]).to_numpy()
                        if group_column else ALL),
                VIGNETTE: mapping[column],
                POSITION: np.nan,
                RATING: ratings.to_numpy(),
                "_row": np.arange(1, len(frame) + 1),
            })
            parts.append(part)
        long = pd.concat(parts, ignore_index=True)
        vignette_column = None
        if settings.position and "position" in explicit:
            raise DataError(
                en=f"{param('position')} {settings.position!r}: wide data ({source}) hold "
                "no position per rating; give long data for the order-effect check.",
                nl=f"{param('position')} {settings.position!r}: brede data ({source}) hebben "
                "geen positie per oordeel; geef lange data voor de controle op volgorde-effecten.")
        if settings.position:
            notes.append(Note("no_position_in_wide_data",
                              f"wide data ({source}) hold no position per rating: no "
                              "order-effect check.", subject=settings.position,
                              values={"source": str(source)}))
        position_column = None
    else:
        ratings = _numeric_rating(frame[settings.outcome], settings.outcome, source,
                                  comma)
        vignette_column = settings.vignette
        if vignette_column is not None and vignette_column not in frame.columns:
            if "vignette" in explicit or (deck is not None and not _factor_columns_present(
                    frame, settings.factors)):
                raise _column_error(vignette_column, Text("vignette id column",
                                                          "vignet-id-kolom"),
                                    source, columns,
                                    Text(f"Name it with {param('vignette_column')} or "
                                         "vignette.vignette in the config.",
                                         f"Geef de kolom met {param('vignette_column')} of "
                                         "vignette.vignette in de config."))
            notes.append(Note("no_vignette_column",
                              f"vignette id column {vignette_column!r} is not in {source}: "
                              "vignettes are identified by their factor levels only.",
                              subject=vignette_column, values={"source": str(source)}))
            vignette_column = None
        position_column = settings.position
        if position_column is not None and position_column not in frame.columns:
            if "position" in explicit:
                raise _column_error(position_column, Text("position column", "positiekolom"),
                                    source, columns,
                                    Text("Name the column that holds the order in which each "
                                         "vignette was shown.",
                                         "Geef de kolom met de volgorde waarin elk vignet is "
                                         "getoond."))
            notes.append(Note("no_position_column",
                              f"position column {position_column!r} is not in {source}: no "
                              "order-effect check.", subject=position_column,
                              values={"source": str(source)}))
            position_column = None
        position = pd.Series(np.nan, index=frame.index)
        if position_column is not None:
            numbers, bad = cell_numbers(frame[position_column], comma)
            position = pd.Series(numbers, index=frame.index)
            if bad.any():
                raise DataError(
                    en=f"position column {position_column!r} in {source} holds text "
                    f"in {rows_where(bad)}; positions must be numbers (1 = shown first).",
                    nl=f"positiekolom {position_column!r} in {source} bevat tekst in "
                    f"{rows_where(bad, lang='nl')}; posities moeten getallen zijn (1 = als "
                    "eerste getoond).")
        # codes as categoricals of their texts: one text per distinct value, integer codes;
        # respondents and vignettes with their categories in natural order, so that a code
        # is the rank the rows are sorted by (see "order" below)
        long = pd.DataFrame({
            RESPONDENT: natural_code_categories(frame[settings.id]).array,
            GROUP: (code_categories(frame[group_column]).array if group_column
                    else pd.Categorical.from_codes(np.zeros(len(frame), dtype=np.int8), [ALL])),
            VIGNETTE: (natural_code_categories(frame[vignette_column]).array
                       if vignette_column else None),
            POSITION: position.astype(float).to_numpy(),
            RATING: ratings.to_numpy(),
            "_row": np.arange(1, len(frame) + 1),
        })

    # ---- ids, groups --------------------------------------------------------------------
    missing_id = long[RESPONDENT].isna()
    if missing_id.any():
        rows = long.loc[missing_id, "_row"].to_numpy()
        at = np.isin(np.arange(1, len(frame) + 1), rows)
        raise DataError(
            en=f"respondent id column {settings.id!r} in {source} is empty in "
            f"{rows_where(at)}. Every rating needs the id of the respondent who gave it.",
            nl=f"respondent-id-kolom {settings.id!r} in {source} is leeg in "
            f"{rows_where(at, lang='nl')}. Elk oordeel heeft de id nodig van de respondent die "
            "het gaf.")
    labels = value_label_texts(dataset, group_column) if group_column else {}
    groups, group_labels, order_notes = _resolve_groups(long, settings, group_column, source,
                                                        frame, labels)
    notes.extend(order_notes)

    # ---- factors --------------------------------------------------------------------------
    factors = _resolve_factors(long, frame, settings, deck, layout, vignette_column, source,
                               config_source)
    if layout == "long" and vignette_column is not None and deck is not None:
        deck_ids = set(deck.ids)
        data_ids = set(long[VIGNETTE].dropna().unique())
        absent = sorted(deck_ids - data_ids, key=code_sort_key)
        if absent:
            many = len(absent) > 1
            raise DataError(
                en=f"deck {deck.path} has vignette{'s' if many else ''} "
                f"{quoted_list(absent, 6)} that no respondent rated in {source}. Remove "
                f"{'them' if many else 'it'} from the deck, or check that the "
                f"vignette ids in column {vignette_column!r} match the deck.",
                nl=f"deck {deck.path} heeft {'vignetten' if many else 'vignet'} "
                f"{quoted_list(absent, 6, 'nl')} {'die' if many else 'dat'} geen respondent in "
                f"{source} beoordeelde. "
                f"Haal {'ze' if many else 'het'} uit het deck, of controleer of de vignet-ids in "
                f"kolom {vignette_column!r} bij het deck passen.")

    # ---- duplicates ----------------------------------------------------------------------
    key = [RESPONDENT, GROUP, VIGNETTE] if (layout == "wide" or vignette_column) else (
        [RESPONDENT, GROUP, POSITION] if position_column else None)
    if key is not None:
        dup = _duplicated(long, key)
        if dup.any():
            what = "vignette" if key[-1] == VIGNETTE else "position"
            # located by row and vignette, never by the respondent's id
            pairs = long.loc[dup, [RESPONDENT, key[-1]]].drop_duplicates()
            values = list(dict.fromkeys(pairs[key[-1]].astype(str)))
            many = len(values) > 1
            shown = f"{what}{'s' if many else ''} {', '.join(values[:5])}"
            what_nl = "vignet" if what == "vignette" else "positie"
            shown_nl = ({"vignet": "vignetten", "positie": "posities"}[what_nl] if many
                        else what_nl) + f" {', '.join(values[:5])}"
            more = ' …' if len(values) > 5 else ''
            at = np.isin(np.arange(1, len(frame) + 1), long.loc[dup, "_row"].to_numpy())
            raise DataError(
                en=f"{source} holds more than one rating for the same respondent and {what} "
                f"({len(pairs)} time(s): {shown}{more}; "
                f"{rows_where(at)}). Remove the duplicate rows, or check the respondent ids.",
                nl=f"{source} bevat meer dan één oordeel voor dezelfde respondent en "
                f"{'hetzelfde vignet' if what == 'vignette' else 'dezelfde positie'} "
                f"({len(pairs)} keer: {shown_nl}{more}; {rows_where(at, lang='nl')}). Haal de "
                "dubbele rijen weg, of controleer de respondent-ids.")

    # ---- respondents without ratings -----------------------------------------------------
    has_rating = _has_rating(long[RESPONDENT], long[RATING].notna().to_numpy())
    dropped = tuple(sorted(long.loc[~has_rating, RESPONDENT].unique(), key=code_sort_key))
    if dropped:
        long = long[has_rating]
        notes.append(Note("respondents_without_ratings",
                          f"{len(dropped)} respondent(s) without any rating left out{{ids}}.",
                          values={"n_respondents": len(dropped)}, ids=dropped,
                          ids_text=" (ids in vignette_design.csv, check respondents_dropped)"))
    if long[RATING].notna().sum() == 0:
        raise DataError(en=f"{source} holds no ratings at all in {settings.outcome!r}.",
                        nl=f"{source} bevat helemaal geen oordelen in {settings.outcome!r}.")

    # ---- range ----------------------------------------------------------------------------
    if settings.outcome_range is not None:
        low, high = settings.outcome_range
        bad = long[RATING].notna() & ((long[RATING] < low) | (long[RATING] > high))
        if bad.any():
            values = sorted(set(long.loc[bad, RATING].tolist()))
            rows = long.loc[bad, "_row"].to_numpy()
            shown = ", ".join(code_text(float(v)) or "" for v in values[:5])
            shown_nl = "; ".join(number(v, "nl", "g") for v in values[:5])
            column = settings.outcome if layout == "long" else "the wide columns"
            column_nl = settings.outcome if layout == "long" else "de brede kolommen"
            at = np.isin(np.arange(1, len(frame) + 1), rows)
            span = f"{code_text(float(low))}–{code_text(float(high))}"
            span_nl = f"{number(low, 'nl', 'g')}–{number(high, 'nl', 'g')}"
            raise DataError(
                en=f"ratings outside the declared range {span} in {column} of {source}: {shown} "
                f"({rows_where(at)}). Correct the data "
                f"or the outcome_range in the config ({param('outcome_range')}).",
                nl=f"oordelen buiten het opgegeven bereik {span_nl} in {column_nl} van {source}: "
                f"{shown_nl} ({rows_where(at, lang='nl')}). Verbeter de data of outcome_range in "
                f"de config ({param('outcome_range')}).")

    # ---- degenerate ------------------------------------------------------------------------
    distinct = _distinct_ratings(long[RATING].to_numpy())
    if len(distinct) == 1:
        column = settings.outcome if layout == "long" else "the wide columns"
        column_nl = settings.outcome if layout == "long" else "de brede kolommen"
        raise DataError(
            en=f"every rating in {source} is {code_text(float(distinct[0]))} ({column}): the "
            "ratings do not vary, so no factor can have an effect and every model statistic "
            "would be meaningless. Check that the right column is named as the rating.",
            nl=f"elk oordeel in {source} is {number(distinct[0], 'nl', 'g')} ({column_nl}): de "
            "oordelen variëren niet, dus geen factor kan een effect hebben en elke "
            "modeluitkomst zou zinloos zijn. Controleer of de juiste kolom als oordeel is "
            "opgegeven.")

    # ---- order -----------------------------------------------------------------------------
    # long data: respondent and vignette categories in natural order (their codes are the
    # ranks); wide data: texts, ranked here
    natural = {column for column in (RESPONDENT, VIGNETTE) if layout == "long"
               and isinstance(long[column].dtype, pd.CategoricalDtype)}
    long = long.assign(
        _g=_positions(long[GROUP], groups or (ALL,)),
        _r=_ranks(long[RESPONDENT], RESPONDENT in natural),
        _v=_ranks(long[VIGNETTE], VIGNETTE in natural),
    )
    ordered = [*CANONICAL, *(f.name for f in factors)]
    order = _sort_order(long)
    long = long[[*ordered, "_r", "_v"]].take(order)
    natural_order = {column: None if column in natural else _natural_order(long[column],
                                                                           long[rank])
                     for column, rank in ((RESPONDENT, "_r"), (VIGNETTE, "_v"))}
    long = _as_categories(long[ordered].reset_index(drop=True), groups, factors, natural_order)

    outcome_label = settings.outcome_label or settings.outcome
    return VignetteData(
        ratings=long, factors=factors, groups=groups, group_labels=group_labels,
        layout=layout, source=source, outcome=settings.outcome, outcome_label=outcome_label,
        outcome_range=settings.outcome_range, id_column=settings.id,
        group_column=group_column, position_column=position_column,
        deck=deck.path if deck else None, deck_sha256=deck.sha256 if deck else None,
        n_dropped_respondents=len(dropped), dropped_respondents=dropped, notes=tuple(notes))


def _sort_order(long: pd.DataFrame) -> np.ndarray:
    """The row order of ``long.sort_values(["_g", "_r", "_v", POSITION, "_row"],
    kind="stable")`` (NaN positions last) from one numpy sort: group, respondent and vignette
    ranks and the rank of the position combined into one integer in mixed radix, ties broken
    by ``_row`` (pandas would factorise and sort each of the five keys)."""
    import numpy as np

    positions, position_rank = _value_ranks(long[POSITION].to_numpy())
    keys = [long[c].to_numpy().astype(np.int64) for c in ("_g", "_r", "_v")]
    keys.append(position_rank)
    sizes = [int(k.max()) + 1 if len(k) else 1 for k in keys[:3]] + [max(len(positions), 1)]
    if float(np.prod(np.array(sizes, dtype=float))) >= 2.0**62:  # too many for one integer
        return np.lexsort((long["_row"].to_numpy(), long[POSITION].to_numpy(), *keys[2::-1]))
    combined = keys[0]  # (a copy: astype)
    for key, size in zip(keys[1:], sizes[1:], strict=True):
        combined *= size  # in place: no temporary of 900,000 integers per key
        combined += key
    rows = long["_row"].to_numpy()
    if len(rows) < 2 or bool(np.all(rows[1:] > rows[:-1])):  # long data: rows in file order
        return np.argsort(combined, kind="stable")  # ties keep their (row) order
    return np.lexsort((rows, combined))


def _value_ranks(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_inverse=True)`` (sorted distinct values, NaN last and once,
    and each value's index among them) for a float column with few distinct values: one hash
    pass and a sort of the distinct values instead of a sort of every row."""
    import numpy as np
    import pandas as pd

    dense = whole_number_codes(values)  # whole positions 1..9: counted, not hashed
    if dense is not None:
        codes, uniques = dense  # sorted; missing: −1, last
        if (codes < 0).any():
            uniques = np.append(uniques.astype(float), np.nan)
            codes = np.where(codes < 0, len(uniques) - 1, codes)
        return np.asarray(uniques, dtype=float), codes.astype(np.int64)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    uniques = np.asarray(uniques, dtype=float)
    order = np.argsort(uniques, kind="stable")  # NaN sorts last
    rank = np.empty(len(uniques), dtype=np.int64)
    rank[order] = np.arange(len(uniques))
    return uniques[order], rank[codes]


def _duplicated(long: pd.DataFrame, key: Sequence[str]) -> np.ndarray:
    """``long.duplicated(subset=key, keep=False)`` of categorical (and float) key columns,
    computed on one integer per row: the columns' codes (NaN as its own code, as pandas
    counts NaN equal to NaN) combined in mixed radix."""
    import numpy as np
    import pandas as pd

    combined = np.zeros(len(long), dtype=np.int64)
    radix = 1
    for column in key:
        values = long[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            codes = values.cat.codes.to_numpy().astype(np.int64) + 1  # NaN: 0
            size = len(values.cat.categories) + 1
        else:
            codes, uniques = pd.factorize(values, use_na_sentinel=False)
            size = len(uniques)
        radix *= max(size, 1)
        if radix >= 2**62:  # too many combinations for one integer: as pandas does it
            return long.duplicated(subset=list(key), keep=False).to_numpy()
        combined = combined * max(size, 1) + codes
    if radix <= max(4 * len(long), 2**16):  # few possible keys: count them
        return np.bincount(combined, minlength=radix)[combined] > 1
    return pd.Series(combined).duplicated(keep=False).to_numpy()


def _as_categories(long: pd.DataFrame, groups: tuple[str, ...] | None,
                   factors: Sequence[FactorConfig],
                   natural_order: Mapping[str, pd.Series | None]) -> pd.DataFrame:
    """Respondent, group, vignette and factor columns as pandas categoricals, with their
    categories in the order of the study (groups as configured, factor levels as configured,
    respondents and vignettes in natural order, ``natural_order``): counting, grouping and
    comparing then work on integer codes, which matters at a million ratings."""
    import pandas as pd

    def natural(column: str) -> pd.Categorical:
        values = long[column]
        if natural_order[column] is None:  # categories in natural order already
            return _occurring(values)
        categories = natural_order[column].dropna()
        if isinstance(values.dtype, pd.CategoricalDtype):
            return _recoded(values, categories)
        return pd.Categorical(values, categories=categories)

    columns = {RESPONDENT: natural(RESPONDENT),
               GROUP: pd.Categorical(long[GROUP], categories=list(groups or (ALL,)))}
    if long[VIGNETTE].notna().any():
        columns[VIGNETTE] = natural(VIGNETTE)
    for factor in factors:
        columns[factor.name] = pd.Categorical(long[factor.name], categories=list(factor.levels))
    return long.assign(**columns)


def _natural_order(values: pd.Series, ranks: pd.Series) -> pd.Series:
    """The distinct ``values`` (missing included, as NaN) ordered by their ``ranks`` (one rank
    per distinct value: :func:`maatwerk_stats.io.dataset.code_ranks`), named after the
    column: ``pd.Series(list(frame.drop_duplicates(rank)[[rank, column]]
    .sort_values(rank)[column]), name=column)``; of a categorical from its codes (a count per
    category and a sort of the categories that occur, not a hash of every row)."""
    import numpy as np
    import pandas as pd

    if not isinstance(values.dtype, pd.CategoricalDtype):
        frame = pd.DataFrame({"value": values, "rank": ranks})
        return pd.Series(list(frame.drop_duplicates("rank").sort_values("rank")["value"]),
                         name=values.name)
    codes = values.cat.codes.to_numpy().astype(np.intp)
    n = len(values.cat.categories)
    rank_of = np.zeros(n + 1, dtype=np.int64)  # the last entry: code −1 (missing)
    rank_of[codes] = ranks.to_numpy()  # the same rank for every row of a category
    present = np.bincount(codes + 1, minlength=n + 1) > 0  # [0]: missing
    occurring = np.flatnonzero(present[1:])
    # ranks are distinct per category, missing last (sort_values is stable; no ties)
    order = occurring[np.argsort(rank_of[occurring], kind="stable")]
    texts = list(values.cat.categories[order])
    if present[0]:
        missing_rank = rank_of[-1]
        texts.insert(int(np.searchsorted(rank_of[order], missing_rank, side="right")),
                     np.nan)
    return pd.Series(texts, name=values.name, dtype=None if texts else object)


def _ranks(values: pd.Series, natural: bool) -> np.ndarray:
    """:func:`~maatwerk_stats.io.dataset.code_ranks` of ``values``; of a categorical whose
    categories are in natural order already (``natural``:
    :func:`~maatwerk_stats.io.dataset.natural_code_categories`) its codes, missing last."""
    import numpy as np

    if not natural:
        return code_ranks(values)
    codes = values.cat.codes.to_numpy().astype(np.int64)
    codes[codes < 0] = len(values.cat.categories)
    return codes


def _occurring(values: pd.Series) -> pd.Categorical:
    """A categorical whose categories are in natural order, without the categories that do
    not occur (respondents left out): what ``_recoded(values, _natural_order(values,
    _ranks(values, True)).dropna())`` gives, from a count per category."""
    import numpy as np
    import pandas as pd

    codes = values.cat.codes.to_numpy()
    categories = values.cat.categories
    present = np.bincount(codes.astype(np.intp) + 1, minlength=len(categories) + 1)[1:] > 0
    if present.any():
        kept = pd.Series(list(categories[present]), name=values.name)
    else:  # (as _natural_order has it: only a missing value, a float NaN, or none at all)
        kept = pd.Series([np.nan] if len(codes) else [], name=values.name,
                         dtype=None if len(codes) else object).dropna()
    dtype = pd.CategoricalDtype(categories=kept)
    if present.all():
        return pd.Categorical.from_codes(codes, dtype=dtype)
    lookup = np.append(np.cumsum(present) - 1, -1)  # code −1: missing
    return pd.Categorical.from_codes(lookup[codes], dtype=dtype)


def _recoded(values: pd.Series, categories: pd.Series) -> pd.Categorical:
    """``pd.Categorical(values.cat.remove_unused_categories(), categories=categories)`` of a
    categorical whose occurring categories are all among ``categories``: each code mapped
    to its category's position there (missing stays missing)."""
    import numpy as np
    import pandas as pd

    dtype = pd.CategoricalDtype(categories=categories)
    position = dtype.categories.get_indexer(values.cat.categories)
    lookup = np.append(position, -1)  # code −1: missing
    return pd.Categorical.from_codes(lookup[values.cat.codes.to_numpy()], dtype=dtype)


def _positions(values: pd.Series, order: Sequence[str]) -> np.ndarray:
    """The position of each value in ``order`` (as ``values.map({v: i})``), from the codes
    of a categorical."""
    import numpy as np
    import pandas as pd

    if isinstance(values.dtype, pd.CategoricalDtype):
        position = np.array([order.index(c) if c in order else len(order)
                             for c in values.cat.categories] + [len(order)])
        return position[values.cat.codes.to_numpy()]
    return values.map({v: i for i, v in enumerate(order)}).to_numpy()


def _numeric_rating(series: pd.Series, column: str, source: str, comma: bool = True
                    ) -> pd.Series:
    """The ratings as floats. A column that holds text besides numbers stays text when read,
    its numbers as written ("7,5"): only the cells that are no number are named (as numbers
    are read: :func:`~maatwerk_stats.io.dataset.cell_numbers`)."""
    import pandas as pd

    if pd.api.types.is_numeric_dtype(series):
        return series.astype(float)
    numbers, bad = cell_numbers(series, comma)
    if bad.any():
        raise DataError(
            en=f"rating column {column!r} in {source} holds text instead of numbers in "
            f"{rows_where(bad)} (the texts are not shown: they are respondents' answers). "
            "Ratings must be numbers; leave a rating empty when it is missing.",
            nl=f"oordeelkolom {column!r} in {source} bevat tekst in plaats van getallen in "
            f"{rows_where(bad, lang='nl')} (de teksten worden niet getoond: het zijn antwoorden "
            "van respondenten). Oordelen moeten getallen zijn; laat een ontbrekend oordeel "
            "leeg.")
    return pd.Series(numbers, index=series.index, name=series.name)


def _factor_columns_present(frame: pd.DataFrame, factors: Mapping[str, FactorConfig]) -> bool:
    return bool(factors) and all(f.column in frame.columns for f in factors.values())


def _resolve_groups(long: pd.DataFrame, settings: VignetteConfig, group_column: str | None,
                    source: str, frame: pd.DataFrame, value_labels: Mapping[str, str]
                    ) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None, tuple[Note, ...]]:
    """The groups in order (the first is the reference of the interactions), their labels
    and a note when the order was neither given nor a known pair (voor/na …)."""
    import numpy as np

    if group_column is None:
        return None, None, ()
    missing = long[GROUP].isna()
    if missing.any():
        rows = long.loc[missing, "_row"].to_numpy()
        at = np.isin(np.arange(1, len(frame) + 1), rows)
        raise DataError(
            en=f"group column {group_column!r} in {source} is empty in "
            f"{rows_where(at)}. Fill in the group of every respondent, or leave those rows out.",
            nl=f"groepskolom {group_column!r} in {source} is leeg in {rows_where(at, lang='nl')}. "
            "Vul bij elke respondent de groep in, of laat die rijen weg.")
    found = sorted(long[GROUP].unique(), key=code_sort_key)
    notes: tuple[Note, ...] = ()
    if settings.group_order:
        order = tuple(settings.group_order)
        unknown = [g for g in found if g not in order]
        if unknown:
            # a value of fewer than MIN_QUOTED respondents may be personal: counted, not quoted
            sizes = long.groupby(GROUP)[RESPONDENT].nunique()
            shared = [g for g in unknown if sizes.get(g, 0) >= MIN_QUOTED]
            near = {g: did_you_mean(g, order) for g in shared}
            hints = ", ".join(f"{g!r}" + (f" (did you mean {near[g][0]!r}?)" if near[g] else "")
                              for g in shared)
            hints_nl = ", ".join(f"{g!r}" + (f" (bedoelt u {near[g][0]!r}?)" if near[g] else "")
                                 for g in shared)
            hidden = len(unknown) - len(shared)
            if hidden:
                hints += (" and " if hints else "") + (
                    f"{hidden} other value(s) of fewer than {MIN_QUOTED} "
                    "respondents each (not shown)")
                hints_nl += (" en " if hints_nl else "") + (
                    f"{hidden} andere waarde(n) van minder dan {MIN_QUOTED} respondenten elk "
                    "(niet getoond)")
            many = len(unknown) > 1
            raise DataError(
                en=f"group column {group_column!r} in {source} holds "
                f"{hints}, which {'are' if many else 'is'} "
                f"not in the group order {list(order)!r}. Add "
                f"{'them' if many else 'it'} to vignette.group_order "
                f"({param('group_order')}) or correct the data.",
                nl=f"groepskolom {group_column!r} in {source} bevat {hints_nl}, "
                f"die niet in de groepsvolgorde {list(order)!r} "
                f"{'staan' if many else 'staat'}. Zet {'ze' if many else 'het'} in "
                f"vignette.group_order ({param('group_order')}) of verbeter de data.")
        groups = tuple(g for g in order if g in found)
        labels = settings.group_labels
        group_labels = (tuple(labels[order.index(g)] for g in groups) if labels else groups)
    else:
        known = known_order(found, value_labels)
        groups = known if known is not None else tuple(found)
        group_labels = groups
        if known is None and len(groups) > 1:
            notes = (_order_assumed(groups, group_column),)
    if len(groups) < 2:
        raise DataError(
            en=f"group column {group_column!r} in {source} has only one value "
            f"({groups[0]!r}); a comparison needs at least two groups. Run without a group "
            f"(leave out {param('group')}, or remove vignette.group from the config), or check the "
            "data.",
            nl=f"groepskolom {group_column!r} in {source} heeft maar één waarde "
            f"({groups[0]!r}); een vergelijking vraagt minstens twee groepen. Analyseer zonder "
            f"groep (laat {param('group')} weg, of haal vignette.group uit de config), of "
            "controleer de data.")
    return groups, group_labels, notes


def _order_assumed(groups: tuple[str, ...], group_column: str) -> Note:
    """Say which group the sorted order made the reference, since the interactions (each
    group minus the first) silently change sign when that was not the intended one."""
    order = ",".join(groups)
    return Note(
        "group_order_assumed",
        f"no group order given and the groups of {group_column!r} are not a known pair "
        f"(voor/na, pre/post, t0/t1, …): they are taken in sorted order "
        f"({', '.join(groups)}), so {groups[0]!r} is the first (reference) group and the "
        f"interactions are each other group minus {groups[0]!r}. To change it, give "
        f"{param('group_order', order)} (the reference group first) or vignette.group_order "
        "in the config.",
        subject=group_column, values={"first": groups[0], "groups": list(groups),
                                      "order": order})


def _resolve_factors(long: pd.DataFrame, frame: pd.DataFrame, settings: VignetteConfig,
                     deck: Deck | None, layout: str, vignette_column: str | None, source: str,
                     config_source: str | None) -> tuple[FactorConfig, ...]:
    """Attach one text column per factor to ``long`` (in place) and return the factors with
    their levels checked against the config (or inferred from the data)."""
    import numpy as np
    import pandas as pd

    configured = dict(settings.factors)
    if not configured:
        if deck is None:
            raise ConfigError(Text(
                f"no factors: name the factor columns with {param('factors')} a,b,c, "
                "or list them under [vignette.factors.NAME] in the config, or give "
                f"a deck ({param('deck')}) whose columns are the factors.",
                f"geen factoren: geef de factorkolommen met {param('factors')} a,b,c, zet ze "
                "onder [vignette.factors.NAME] in de config, of geef een deck "
                f"({param('deck')}) met de factoren als kolommen."))
        configured = {c: FactorConfig(name=c, label=display_name(c),
                                      levels=(), reference="", column=c)
                      for c in deck.frame.columns if c != deck.id_column}
    problems: list[Text] = []
    resolved: list[FactorConfig] = []
    deck_lookup = deck.frame.set_index(deck.id_column) if deck is not None else None
    for name, factor in configured.items():
        column = factor.column
        values = None
        origin = origin_nl = source
        if layout == "long" and column in frame.columns:
            values = code_categories(frame[column]).array  # long: one row per file row
            if len(long) != len(frame):  # (never so far: no row is left out before this)
                values = values.take(long["_row"].to_numpy() - 1)
            if deck_lookup is not None and vignette_column and column in deck_lookup.columns:
                clash = _deck_clash(long[VIGNETTE].array, values, deck_lookup[column])
                if clash.any():
                    from_deck = long[VIGNETTE].map(deck_lookup[column]).to_numpy()
                    rows = long.loc[clash, "_row"].to_numpy()
                    at = np.isin(np.arange(1, len(frame) + 1), rows)
                    example = (long.loc[clash, VIGNETTE].iloc[0], values[clash][0],
                               from_deck[clash][0])
                    raise DataError(
                        en=f"factor {column!r} in {source} does not agree with the deck "
                        f"{deck.path if deck else ''} in {rows_where(at)} (e.g. "
                        f"vignette {example[0]}: data {example[1]!r}, deck {example[2]!r}). "
                        "Correct the data or the deck.",
                        nl=f"factor {column!r} in {source} klopt niet met het deck "
                        f"{deck.path if deck else ''} in {rows_where(at, lang='nl')} "
                        f"(bijvoorbeeld vignet {example[0]}: data {example[1]!r}, deck "
                        f"{example[2]!r}). Verbeter de data of het deck.")
        elif deck_lookup is not None and column in deck_lookup.columns and (
                layout == "wide" or vignette_column):
            unknown = sorted(set(long[VIGNETTE].dropna().unique()) - set(deck_lookup.index),
                             key=code_sort_key)
            if unknown:
                many = len(unknown) > 1
                raise DataError(
                    en=f"vignette{'s' if many else ''} {quoted_list(unknown, 6)} in "
                    f"column {vignette_column!r} of {source} {'are' if many else 'is'} "
                    f"not in the deck {deck.path if deck else ''}. Add "
                    f"{'them' if many else 'it'} to the deck or correct the "
                    "vignette ids.",
                    nl=f"{'vignetten' if many else 'vignet'} {quoted_list(unknown, 6, 'nl')} in "
                    f"kolom {vignette_column!r} van {source} {'staan' if many else 'staat'} "
                    f"niet in het deck {deck.path if deck else ''}. Zet "
                    f"{'ze' if many else 'het'} in het deck of verbeter de vignet-ids.")
            values = long[VIGNETTE].map(deck_lookup[column]).to_numpy()
            origin = f"the deck {deck.path if deck else ''}"
            origin_nl = f"het deck {deck.path if deck else ''}"
        else:
            places = [source] + ([str(deck.path)] if deck is not None else [])
            candidates = list(frame.columns) + (list(deck.frame.columns) if deck else [])
            near = did_you_mean(column, candidates)
            nearest = f"; nearest column names: {', '.join(near)}" if near else ""
            nearest_nl = f"; kolomnamen die erop lijken: {', '.join(near)}" if near else ""
            raise DataError(
                en=f"factor {name!r}: column {column!r} is in neither "
                f"{' nor '.join(places)}{nearest}. Name the factor columns with "
                f"{param('factors')} or vignette.factors.NAME.column, or give a deck "
                "with a vignette id column.",
                nl=f"factor {name!r}: kolom {column!r} staat niet in "
                f"{' en niet in '.join(places)}{nearest_nl}. Geef de factorkolommen met "
                f"{param('factors')} of vignette.factors.NAME.column, of geef een deck met een "
                "vignet-id-kolom.")
        missing = pd.isna(values)
        if missing.any():
            rows = long.loc[missing, "_row"].to_numpy()
            at = np.isin(np.arange(1, len(frame) + 1), rows)
            raise DataError(
                en=f"factor {name!r} ({origin}) is empty in {rows_where(at)}. Every "
                "rating needs the level of every factor.",
                nl=f"factor {name!r} ({origin_nl}) is leeg in {rows_where(at, lang='nl')}. Elk "
                "oordeel heeft het niveau van elke factor nodig.")
        found = sorted(_distinct(values), key=code_sort_key)
        if factor.levels:
            unknown = [v for v in found if v not in factor.levels]
            for value in unknown:
                problems.append(Text(
                    f"factor {name!r}: level {value!r} in {origin} is not one of "
                    f"vignette.factors.{name}.levels {list(factor.levels)!r}"
                    f"{hint(value, factor.levels)}",
                    f"factor {name!r}: niveau {value!r} in {origin_nl} is geen van "
                    f"vignette.factors.{name}.levels {list(factor.levels)!r}"
                    f"{hint(value, factor.levels, 'nl')}"))
            if unknown:
                continue
            absent = [lv for lv in factor.levels if lv not in found]
            if len(found) >= 2:
                for level in absent:
                    problems.append(Text(
                        f"factor {name!r}: level {level!r} of "
                        f"vignette.factors.{name}.levels does not occur in "
                        f"{origin}; remove it from the levels (or check the data)",
                        f"factor {name!r}: niveau {level!r} van vignette.factors.{name}.levels "
                        f"komt niet voor in {origin_nl}; haal het uit de niveaus (of controleer "
                        "de data)"))
            levels = factor.levels
            reference = factor.reference
        else:
            levels = tuple(found)
            reference = levels[0]
        if len(found) < 2:
            raise DataError(
                en=f"factor {name!r} never varies: every rating in {origin} has level "
                f"{found[0]!r}. A factor needs at least two levels to have an effect; remove "
                f"it from the factors ({param('factors')} or vignette.factors) or check the data.",
                nl=f"factor {name!r} varieert nooit: elk oordeel in {origin_nl} heeft niveau "
                f"{found[0]!r}. Een factor heeft minstens twee niveaus nodig om een effect te "
                f"hebben; haal hem uit de factoren ({param('factors')} of vignette.factors) of "
                "controleer de data.")
        long[name] = values
        resolved.append(replace(factor, levels=tuple(levels), reference=reference))
    if problems:
        raise ConfigError(problems, source=config_source or Text("the options", "de opties"))
    return tuple(resolved)


def _has_rating(respondents: pd.Series, rated: np.ndarray) -> np.ndarray:
    """Whether each row's respondent has a rating in any row (``respondents.isin(
    respondents[rated].unique())``); of a categorical, from a count of the rated rows'
    codes."""
    import numpy as np
    import pandas as pd

    if not isinstance(respondents.dtype, pd.CategoricalDtype):
        return respondents.isin(respondents[rated].unique()).to_numpy()
    codes = respondents.cat.codes.to_numpy().astype(np.intp) + 1  # 0: missing (never so)
    # a missing id counts as rated when a row with a missing id is (isin matches NaN to NaN)
    counts = np.bincount(codes[rated], minlength=len(respondents.cat.categories) + 1)
    return counts[codes] > 0


def _distinct_ratings(values: np.ndarray) -> np.ndarray:
    """``Series(values).dropna().unique()`` when that is one value or none (then no other
    value is needed: the ratings do not vary), else the first two distinct values: one
    comparison with the first rating instead of a hash of every rating."""
    import numpy as np

    known = values[~np.isnan(values)]
    if not len(known):
        return known
    other = np.flatnonzero(known != known[0])
    return known[:1] if not len(other) else known[[0, other[0]]]


def _distinct(values: pd.Categorical | np.ndarray) -> list[object]:
    """The distinct values (``pd.unique``), in any order; of a categorical, the categories
    that occur (a count per code)."""
    import numpy as np
    import pandas as pd

    if not isinstance(values, pd.Categorical):
        return list(pd.unique(values))
    counts = np.bincount(values.codes.astype(np.intp) + 1, minlength=len(values.categories) + 1)
    return [*values.categories[counts[1:] > 0], *([np.nan] if counts[0] else [])]


def _deck_clash(vignettes: pd.Categorical, values: pd.Categorical, deck_levels: pd.Series
                ) -> np.ndarray:
    """The ratings whose factor level differs from the deck's level of their vignette:
    ``vignettes.isin(deck_levels.index) & (vignettes.map(deck_levels) != values)``, compared
    on the categoricals' codes (one deck level per vignette category looked up among the
    level categories) instead of 900,000 texts. A deck level that is missing or not a
    category of ``values`` never equals a value, as ``!=`` has it (NaN ≠ anything)."""
    import numpy as np

    per_vignette = deck_levels.reindex(vignettes.categories)  # NaN: not in the deck
    known = np.append(vignettes.categories.isin(deck_levels.index), False)  # code −1: False
    expected = values.categories.get_indexer(per_vignette.to_numpy(dtype=object))
    expected = np.append(np.where(expected < 0, -2, expected), -2)  # −2 equals no code
    codes = vignettes.codes
    return known[codes] & (expected[codes] != values.codes)


def check_levels_per_group(frame: pd.DataFrame, data: VignetteData) -> None:
    """Every level must occur in every group of the rated rows ``frame``, or its effect there
    is not estimable."""
    if data.groups is None:
        return
    for factor in data.factors:
        present = _pairs_present(frame[GROUP], frame[factor.name])
        for group in data.groups:
            for level in factor.levels:
                if (group, level) not in present:
                    raise DataError(
                        en=f"level {level!r} of factor {factor.name!r} does not occur in group "
                        f"{group!r} ({data.source}), so its effect in that group cannot be "
                        "estimated. Check the data, or analyse without groups.",
                        nl=f"niveau {level!r} van factor {factor.name!r} komt niet voor in groep "
                        f"{group!r} ({data.source}), dus het effect ervan in die groep is niet "
                        "te schatten. Controleer de data, of analyseer zonder groepen.")


def _pairs_present(first: pd.Series, second: pd.Series) -> set[tuple[object, object]]:
    """The distinct (first, second) pairs of two columns (``drop_duplicates`` of the two),
    for categoricals from a ``bincount`` of their combined integer codes."""
    import numpy as np
    import pandas as pd

    if not all(isinstance(c.dtype, pd.CategoricalDtype) for c in (first, second)):
        return set(pd.DataFrame({"a": first, "b": second}).drop_duplicates().itertuples(
            index=False, name=None))
    a, b = first.cat.codes.to_numpy(), second.cat.codes.to_numpy()
    width = len(second.cat.categories)
    known = (a >= 0) & (b >= 0)
    seen = np.flatnonzero(np.bincount(a[known].astype(np.int64) * width + b[known],
                                      minlength=len(first.cat.categories) * width))
    pairs = {(first.cat.categories[k // width], second.cat.categories[k % width])
             for k in seen}
    return pairs


def ordered_levels(factor: FactorConfig) -> tuple[str, ...]:
    """The reference level first, then the others in their configured order."""
    return (factor.reference, *(lv for lv in factor.levels if lv != factor.reference))
