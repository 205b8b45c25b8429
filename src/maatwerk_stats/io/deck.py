"""A vignette deck: which factor levels each vignette shows."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DataError, quoted_list, rows_where
from .dataset import code_sort_key, code_text

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Deck:
    """The vignettes: id (text) → the level of every factor it shows."""

    frame: pd.DataFrame  # columns: the id column, then one text column per factor column
    id_column: str
    path: Path
    sha256: str | None = None

    @property
    def ids(self) -> list[str]:
        return list(self.frame[self.id_column])


def read_deck(path: Path, vignette_column: str | None = None) -> Deck:
    """Read a deck file (any format :func:`~maatwerk_stats.io.read.read_data` reads).

    The id column is ``vignette_column`` when the deck has it, else a column called
    ``vignette``, else the first column.
    """
    from .dataset import widen
    from .read import read_data

    dataset = widen(read_data(path))
    frame = dataset.frame
    columns = list(frame.columns)
    if vignette_column and vignette_column in columns:
        id_column = vignette_column
    elif "vignette" in columns:
        id_column = "vignette"
    else:
        id_column = columns[0]
    if len(columns) < 2:
        raise DataError(
            en=f"deck {path} has only the column {columns[0]!r}; a deck needs the vignette id "
               "and one column per factor.",
            nl=f"deck {path} heeft alleen de kolom {columns[0]!r}; een deck heeft de "
               "vignet-id nodig en een kolom per factor.")
    text = frame.apply(lambda column: column.astype(object).map(code_text))
    missing_id = text[id_column].isna()
    if missing_id.any():
        raise DataError(
            en=f"deck {path}: the vignette id column {id_column!r} is empty in "
               f"{rows_where(missing_id)}. Give every vignette an id.",
            nl=f"deck {path}: de kolom met de vignet-id {id_column!r} is leeg in "
               f"{rows_where(missing_id, lang='nl')}. Geef elk vignet een id.")
    dupes = text[id_column][text[id_column].duplicated(keep=False)]
    if not dupes.empty:
        repeated = sorted(set(dupes), key=code_sort_key)
        listed, listed_nl = quoted_list(repeated, 6), quoted_list(repeated, 6, lang="nl")
        raise DataError(
            en=f"deck {path} lists vignette {listed} more than once; every vignette id must be "
               "unique in the deck.",
            nl=f"deck {path} noemt vignet {listed_nl} meer dan eens; elke vignet-id moet uniek "
               "zijn in het deck.")
    return Deck(frame=text, id_column=id_column, path=Path(os.path.normpath(path)),
                sha256=dataset.sha256)




def read_sets(path: Path, deck: Deck) -> tuple[list[list[int]], str | None]:
    """``design_sets.csv`` (``set, position, vignette``) as deck row indices per set, in
    position order; with the file's SHA-256."""
    from .dataset import widen
    from .read import read_data

    dataset = widen(read_data(path))
    frame = dataset.frame
    missing = [c for c in ("set", "position", "vignette") if c not in frame.columns]
    if missing:
        raise DataError(
            en=f"{path} has no column {quoted_list(missing)}; a sets file has the columns "
               "set, position, vignette (as design writes it).",
            nl=f"{path} heeft geen kolom {quoted_list(missing, lang='nl')}; een bestand met "
               "sets heeft de kolommen set, position, vignette (zoals design het schrijft).")
    text = frame[["set", "vignette"]].apply(lambda column: column.astype(object).map(code_text))
    row_of = {vignette: i for i, vignette in enumerate(deck.ids)}
    unknown = ~text["vignette"].isin(list(row_of))
    if unknown.any():
        absent = sorted(set(text["vignette"][unknown].astype(str)), key=code_sort_key)
        raise DataError(
            en=f"{path}: vignette {quoted_list(absent, 6)} is not in the deck {deck.path} "
               f"({rows_where(unknown)}).",
            nl=f"{path}: vignet {quoted_list(absent, 6, lang='nl')} staat niet in het deck "
               f"{deck.path} ({rows_where(unknown, lang='nl')}).")
    ordered = frame.assign(_set=text["set"], _row=text["vignette"].map(row_of)).sort_values(
        ["_set", "position"], kind="stable", key=lambda c: c.map(code_sort_key)
        if c.name == "_set" else c)
    sets = [group["_row"].astype(int).tolist() for _, group in ordered.groupby(
        "_set", sort=False)]
    return sets, dataset.sha256
