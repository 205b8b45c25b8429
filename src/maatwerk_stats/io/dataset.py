"""The in-memory form of a data file: a frame plus per-variable metadata."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..notes import Note

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


@dataclass(frozen=True)
class Variable:
    """Metadata of one column, as SPSS keeps it (empty for plain CSV columns).

    ``missing_codes`` and ``missing_ranges`` are the declared user-missing values; the values
    themselves have already been replaced by NaN in the frame, and ``n_user_missing`` counts
    how many cells that affected.
    """

    name: str
    label: str | None = None
    value_labels: Mapping[Any, str] = field(default_factory=dict)
    missing_codes: tuple[Any, ...] = ()
    missing_ranges: tuple[tuple[float, float], ...] = ()
    measure: str | None = None
    n_user_missing: int = 0

    def is_user_missing(self, value: Any) -> bool:
        if value in self.missing_codes:
            return True
        if isinstance(value, int | float):
            return any(lo <= value <= hi for lo, hi in self.missing_ranges)
        return False

    def display_label(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class Dataset:
    """A data file as read: ``frame`` (user-missing → NaN) and its ``variables`` metadata.

    ``source`` records how the file was read (format, encoding, separator, decimal mark) so
    the codebook and ``results.json`` can say it; ``sha256`` identifies the exact input.
    """

    frame: pd.DataFrame
    variables: Mapping[str, Variable]
    path: Path
    file_format: str
    sha256: str
    source: Mapping[str, Any] = field(default_factory=dict)
    spss_meta: Any = None  # pyreadstat metadata, kept for --write-sav

    @property
    def name(self) -> str:
        return str(self.path)

    def variable(self, column: str) -> Variable:
        return self.variables.get(column) or Variable(column)

    def label(self, column: str) -> str:
        return self.variable(column).display_label()

    def provenance(self) -> dict[str, Any]:
        return {"path": str(self.path), "sha256": self.sha256, "format": self.file_format,
                **{k: v for k, v in self.source.items() if v is not None}}


NOT_IN_A_NUMBER = r"[^0-9eE.+\-]"
"""A character no plain number holds: a cell with one is text even where ``to_numeric``
takes it for a number ("inf", "nan", "1_000"); the reader's rule (io/read.py) and
:func:`cell_numbers`."""


def decimal_comma(dataset: Dataset) -> bool:
    """Whether a text cell of ``dataset`` may hold a number with a decimal comma ("7,5"): as
    the reader has it, in every file but a comma-separated CSV (there the comma separates the
    cells, so the reader takes "7,5" for text)."""
    return dataset.source.get("separator") != ","


def cell_numbers(values: pd.Series, comma: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """The numbers of a column that may hold text, and where it holds text.

    A column with one text answer stays text when read, its numbers as written ("7,5"):
    each cell is a number when it is one as the reader takes numbers (io/read.py: with a
    decimal point, or with ``comma`` a decimal comma), so that a message about the text
    names only the cells that are text. Returns the floats (NaN for a text or an empty cell)
    and the mask of the cells that are present but no number. Each distinct cell is looked
    at once."""
    import numpy as np
    import pandas as pd

    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        numbers = values.to_numpy(dtype=float, na_value=np.nan)  # as read: nothing to parse
        return numbers, np.zeros(len(numbers), dtype=bool)
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    distinct = pd.Series(np.asarray(uniques, dtype=object), dtype=object)
    numbers = np.array(pd.to_numeric(distinct, errors="coerce"), dtype=float)
    failed = np.isnan(numbers)
    if comma and failed.any():
        texts = distinct[failed]
        texts = texts[[isinstance(t, str) and "," in t for t in texts]].str.strip()
        swapped = texts.str.replace(",", ".", regex=False)
        plain = swapped[~swapped.str.contains(NOT_IN_A_NUMBER, regex=True)]  # not "1,5x"
        numbers[plain.index.to_numpy()] = pd.to_numeric(plain, errors="coerce").to_numpy(float)
    per_cell = np.append(numbers, np.nan)[np.where(codes >= 0, codes, len(numbers))]
    return per_cell, (codes >= 0) & np.isnan(per_cell)


def sheet_notes(datasets: Iterable[Dataset], hint: bool = False) -> list[Note]:
    """Of every workbook with several sheets, a note naming the sheet read; with ``hint``
    (no ``--sheet`` given) also how to choose another."""
    notes = []
    for dataset in datasets:
        sheets = list(dataset.source.get("sheets") or [])
        if len(sheets) > 1:
            chosen = dataset.source["sheet"]
            values = {"n_sheets": len(sheets), "sheets": ", ".join(map(repr, sheets)),
                      "sheet": repr(chosen), "number": sheets.index(chosen) + 1}
            kind = "workbook_sheet_read" + ("_hint" if hint else "")
            notes.append(Note(
                kind, f"{dataset.path} has {values['n_sheets']} sheets "
                f"({values['sheets']}); read {values['sheet']} (number {values['number']})"
                + ("; choose another with --sheet NAME or --sheet N." if hint else "."),
                subject=str(dataset.path), values=values))
    return notes


def code_text(value: Any) -> str | None:
    """A stored code as text: ``1.0`` → ``"1"``, ``" na "`` → ``"na"``, missing → None.

    Group codes, respondent ids and factor levels are compared as these texts everywhere, so
    that 1 (SPSS), 1.0 (CSV) and "1" are one code.
    """
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    import pandas as pd

    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return code_text(value.item())
    text = str(value).strip()
    return text or None


def value_label_texts(dataset: Dataset, column: str) -> dict[str, str]:
    """The value labels of ``column`` keyed by code text (``"1"`` → ``"voor"``), as group
    codes are compared (:func:`code_text`): for orders given in labels and
    :func:`~maatwerk_stats.names.known_order`."""
    return {code: str(label) for key, label in dataset.variable(column).value_labels.items()
            if (code := code_text(key)) is not None}


def respondent_ids(values: pd.Series) -> pd.Series:
    """The id column as the input holds it, for the respondent-level outputs users merge back
    on the id (``scores.csv``): readers hand every numeric column over as floats, so a whole-
    number id column (SPSS ``respnr`` 101, a CSV's 1000) becomes nullable integers (``101``,
    not ``101.0``; a missing id stays empty). Text ids, and numbers with a fraction, are
    returned unchanged."""
    import numpy as np

    if not (isinstance(values.dtype, np.dtype) and values.dtype.kind == "f"):
        return values
    present = values.dropna().to_numpy(np.float64)
    # beyond 2**53 a float no longer holds each whole number: leave such a column alone
    if not (np.isfinite(present).all() and (np.floor(present) == present).all()
            and (np.abs(present) <= 2.0 ** 53).all()):
        return values
    # plain int64 when no id is missing: the numeric CSV writer (io/csv_fast.py) takes it,
    # where pandas' to_csv of a nullable column took 0.8 s for a million ids
    return values.astype("Int64" if len(present) < len(values) else np.int64)


def code_sort_key(code: str) -> tuple[int, float, tuple[tuple[int, int, str], ...]]:
    """Codes in natural order: numbers ascending ("2" before "10"), then texts with their
    digit runs compared as numbers ("5%" before "15%")."""
    try:
        return (0, float(code), ())
    except ValueError:
        parts = tuple((0, int(p), "") if p.isdecimal() else (1, 0, p.casefold())
                      for p in re.split(r"(\d+)", code) if p)
        return (1, 0.0, parts)


def code_texts(values: Any) -> pd.Series:
    """:func:`code_text` of every element of a column, computed once per distinct value
    (a column of 900,000 ratings holds a handful of codes); returns an object Series with
    the index of ``values`` when it is a Series."""
    import numpy as np
    import pandas as pd

    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    texts = np.array([code_text(u) for u in uniques] + [None], dtype=object)
    return pd.Series(texts[codes], index=series.index, dtype=object)  # -1 → None


def code_numbers(values: pd.Series) -> tuple[Any, int]:
    """One integer per element of a column for the distinct codes of :func:`code_texts`
    (missing: −1) and the number of distinct codes, without a Python call per distinct value:
    a respondent id column holds as many codes as rows (a million in ``scales`` of 1,000,000
    respondents, where :func:`code_texts` took 1.2 s). Numbers are factorized as they are
    (1.0 and 1 are one code, as their texts); texts with their spaces stripped (" 7" is
    "7"), an empty text missing; a column mixing numbers and texts through :func:`code_texts`."""
    import numpy as np
    import pandas as pd

    if values.dtype.kind in "biuf":
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        return codes, len(uniques)
    if pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
        text = values.astype("string").str.strip()
        text = text.mask(text == "")
    else:
        text = code_texts(values)
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    return np.asarray(codes), len(uniques)


def code_categories(values: Any) -> pd.Series:
    """:func:`code_texts` as a categorical Series (categories: the distinct texts in order of
    first appearance; missing → NaN): the same texts, held as integer codes, so that the
    hashing, comparing and sorting of a million ratings work on integers."""
    import numpy as np
    import pandas as pd

    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if isinstance(series.dtype, pd.CategoricalDtype):
        # a categorical (as a reader may hand low-cardinality text over): its categories
        # in order of first appearance, as pd.factorize would find them, from the codes
        codes, uniques = _first_appearance(series.cat.codes.to_numpy(),
                                           series.cat.categories)
    else:
        if not (pd.api.types.is_string_dtype(series.dtype) or (
                isinstance(series.dtype, np.dtype) and series.dtype.kind in "biuf")):
            series = series.astype(object)
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    texts = _texts_of_distinct(uniques)
    if _whole_numbers(uniques):  # distinct whole numbers have distinct texts: codes as they are
        return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(
            texts, dtype=object)), index=series.index)
    # distinct values can share a text ("1" and 1.0): one category per text
    text_codes, categories = pd.factorize(np.array([*texts, None], dtype=object),
                                          use_na_sentinel=True)
    # every text distinct: the codes as they are (−1 stays missing); else code −1 (missing)
    # takes the code of the None appended
    merged = (codes if np.array_equal(text_codes[:-1], np.arange(len(texts)))
              else text_codes[codes])
    return pd.Series(pd.Categorical.from_codes(merged, categories=pd.Index(
        categories, dtype=object)), index=series.index)


def _first_appearance(codes: np.ndarray, categories: Any) -> tuple[np.ndarray, Any]:
    """``pd.factorize`` of a categorical's values from its codes (−1: missing): codes
    0..k−1 in order of first appearance and the categories that occur, in that order (a
    hash of small integers, not of every value's text)."""
    import numpy as np
    import pandas as pd

    if len(categories) <= 64:  # few: each one's first row, one comparison per category
        occurring = np.flatnonzero(np.bincount(codes.astype(np.intp) + 1,
                                               minlength=len(categories) + 1)[1:])
        first = np.array([np.argmax(codes == code) for code in occurring], dtype=np.intp)
        seen = occurring[np.argsort(first, kind="stable")]
    else:
        seen = pd.unique(codes[codes >= 0])
    if len(seen) == len(categories) and np.array_equal(seen, np.arange(len(seen))):
        return codes, np.asarray(categories.to_numpy())  # in that order already: as they are
    renumber = np.full(len(categories) + 1, -1, dtype=np.intp)  # the last entry: code −1
    renumber[seen] = np.arange(len(seen))
    return renumber[codes], np.asarray(categories[seen].to_numpy())


def _whole_numbers(uniques: Any) -> bool:
    """Whether distinct values are all integers (or whole-number floats below 2**53, written
    ``str(int(v))`` by :func:`_texts_of_distinct`): then their texts are distinct too."""
    import numpy as np

    kind = uniques.dtype.kind if isinstance(getattr(uniques, "dtype", None), np.dtype) else ""
    if kind in ("i", "u"):
        return True
    if kind != "f":
        return False
    values = np.asarray(uniques)
    with np.errstate(invalid="ignore"):
        return bool(np.all(np.isfinite(values) & (np.abs(values) < _EXACT)
                           & (values == np.trunc(values)) & ~((values == 0) & np.signbit(values))))


def code_ranks(texts: Any) -> np.ndarray:
    """The position of every code in natural order (:func:`code_sort_key`), None last, as
    integers to sort by: computed per distinct code, not per element."""
    import numpy as np
    import pandas as pd

    if isinstance(getattr(texts, "dtype", None), pd.CategoricalDtype):
        categorical = texts.array if isinstance(texts, pd.Series) else texts
        codes, uniques = categorical.codes, categorical.categories
    else:
        codes, uniques = pd.factorize(np.asarray(texts, dtype=object), use_na_sentinel=True)
    order = _natural_order(uniques)
    rank = np.empty(len(uniques) + 1, dtype=np.int64)
    rank[order] = np.arange(len(uniques))
    rank[-1] = len(uniques)  # missing (code -1) last
    return rank[codes]


def natural_code_categories(values: Any) -> pd.Series:
    """:func:`code_categories` with the categories in natural order (:func:`code_ranks`:
    :func:`code_sort_key`, ties in order of first appearance) instead of first appearance:
    the same text in every row, and each row's code is its :func:`code_ranks` (missing: −1).

    A column of whole numbers (respondent numbers, vignette numbers) is put in order by the
    numbers themselves, whose texts sort as the numbers do (``str(int(v))``; a sort of the
    distinct numbers, no texts parsed back); any other column by :func:`code_ranks` of its
    categories."""
    import numpy as np
    import pandas as pd

    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if isinstance(series.dtype, np.dtype) and series.dtype.kind in "biuf":
        dense = whole_number_codes(series.to_numpy())
        codes, uniques = dense if dense is not None else pd.factorize(
            series, use_na_sentinel=True)
        numbers = np.asarray(uniques)
        # integers beyond 2**53 share a float key (code_sort_key) with a neighbour: texts
        if dense is not None:  # sorted already: the codes are the ranks
            return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(
                _texts_of_distinct(numbers), dtype=object)), index=series.index)
        if _whole_numbers(uniques) and (numbers.dtype.kind == "f" or not len(numbers) or (
                np.abs(numbers.astype(float)).max() < _EXACT)):
            order = np.argsort(numbers, kind="stable")
            texts = pd.Index(_texts_of_distinct(numbers[order]), dtype=object)
            return pd.Series(pd.Categorical.from_codes(_rank_of_code(order)[codes],
                                                       categories=texts), index=series.index)
    categorical = code_categories(series)
    categories = categorical.cat.categories
    order = _natural_order(categories)
    return pd.Series(pd.Categorical.from_codes(
        _rank_of_code(order)[categorical.cat.codes.to_numpy()], categories=pd.Index(
            np.asarray(categories, dtype=object)[order], dtype=object)), index=series.index)


def _rank_of_code(order: np.ndarray) -> np.ndarray:
    """A lookup from code to rank, for codes whose categories sorted are ``order`` (a
    permutation): ``lookup[codes]`` are the ranks, and code −1 (missing, the last entry)
    stays −1."""
    import numpy as np

    rank = np.empty(len(order) + 1, dtype=np.intp)
    rank[order] = np.arange(len(order))
    rank[-1] = -1
    return rank


def whole_number_codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """``pd.factorize(values)`` of a column of whole numbers that lie close together (such
    as respondent numbers 1..n), but with the distinct values sorted: each value's code is
    its rank among them (missing: −1), from a count per possible value (no hashing, no
    sort); None for any other column (the caller factorises it)."""
    import numpy as np

    if values.dtype.kind not in "iuf" or not len(values):
        return None
    missing = np.isnan(values) if values.dtype.kind == "f" else None
    if missing is not None and not missing.any():
        missing = None
    known = values if missing is None else values[~missing]
    if not len(known):
        return None
    low, high = known.min(), known.max()
    if values.dtype.kind == "f" and not (np.isfinite(low) and np.isfinite(high)):
        return None
    if not (float(low) > -_EXACT and float(high) < _EXACT) or (
            float(high) - float(low) > 4 * len(values) + 2**16):
        return None
    if values.dtype.kind == "f":
        if not np.array_equal(known, np.trunc(known)):
            return None
        if low <= 0 <= high and bool(np.any((known == 0) & np.signbit(known))):
            return None  # −0.0 has its own text
        offsets = (known - low).astype(np.intp)
    else:
        offsets = (known.astype(np.int64) - int(low)).astype(np.intp)
    present = np.bincount(offsets) > 0
    rank = np.cumsum(present) - 1
    if missing is None:
        codes = rank[offsets]
    else:
        codes = np.full(len(values), -1, dtype=np.intp)
        codes[~missing] = rank[offsets]
    distinct = np.flatnonzero(present)
    uniques = (distinct + low if values.dtype.kind == "f"
               else (distinct.astype(np.int64) + int(low)).astype(values.dtype))
    return codes, np.asarray(uniques, dtype=values.dtype)


# Exact integers up to 2**53 are the floats whose text is str(int(value)) (code_text).
_EXACT = 2.0 ** 53


def _texts_of_distinct(uniques: Any) -> Any:
    """:func:`code_text` of every distinct value of a column (``pd.factorize``'s uniques),
    vectorised for integer and whole-number float columns (a column of 100,000 respondent ids
    has 100,000 distinct values): ``str(int(v))`` is numpy's integer-to-text conversion; other
    values go through :func:`code_text` one by one."""
    import numpy as np

    kind = uniques.dtype.kind if isinstance(getattr(uniques, "dtype", None), np.dtype) else ""
    if kind in ("i", "u", "f"):
        uniques = np.asarray(uniques)
    if kind in ("i", "u"):
        return uniques.astype(str).astype(object)
    if kind == "f":
        with np.errstate(invalid="ignore"):
            whole = np.isfinite(uniques) & (np.abs(uniques) < _EXACT) & (
                uniques == np.trunc(uniques))
        texts = np.empty(len(uniques), dtype=object)
        texts[whole] = uniques[whole].astype(np.int64).astype(str).astype(object)
        texts[~whole] = [code_text(u) for u in uniques[~whole].tolist()]
        return texts
    return [code_text(u) for u in uniques]


def _natural_order(uniques: Any) -> np.ndarray:
    """The indices of ``uniques`` (distinct code texts) sorted by :func:`code_sort_key`, as
    the stable ``sorted(range(n), key=...)``: whole numbers below 10^15 are sorted by their
    value in numpy (ties, such as "1" and "01", keep their order); only the other codes
    get a Python sort key."""
    import numpy as np
    import pandas as pd

    texts = pd.Index(uniques, dtype=object)
    n = len(texts)
    if n == 0:
        return np.zeros(0, dtype=np.intp)
    # whole numbers written as numpy writes them ("12", "-3"; not "012" or "+3"): parsed by
    # pandas' C parser, checked by writing them back
    fast = np.zeros(n, dtype=bool)
    if texts.inferred_type == "string":
        numbers = np.asarray(pd.to_numeric(texts, errors="coerce"), dtype=float)
        with np.errstate(invalid="ignore"):
            candidate = np.flatnonzero(np.isfinite(numbers) & (np.abs(numbers) < 1e15)
                                       & (numbers == np.trunc(numbers)))
        whole = numbers[candidate].astype(np.int64)
        fast[candidate] = whole.astype(str) == texts[candidate].to_numpy().astype(str)
    kind = np.ones(n, dtype=np.int8)  # 0: a number, 1: a text
    value = np.zeros(n)  # a number's value, or a text's rank among the texts
    kind[fast] = 0
    value[fast] = numbers[fast] if fast.any() else 0.0
    slow = np.flatnonzero(~fast)
    keys = [code_sort_key(texts[i]) for i in slow]
    if any(k[0] == 0 and math.isnan(k[1]) for k in keys):  # "nan": Python's own order
        return np.asarray(sorted(range(n), key=lambda i: code_sort_key(texts[i])),
                          dtype=np.intp)
    words = [j for j, k in enumerate(keys) if k[0] == 1]
    for j, k in enumerate(keys):
        if k[0] == 0:
            kind[slow[j]], value[slow[j]] = 0, k[1]
    for rank, j in enumerate(sorted(words, key=lambda j: keys[j])):
        value[slow[j]] = rank
    return np.lexsort((np.arange(n), value, kind)).astype(np.intp)


# Compact number columns (memory). The readers hold a numeric column as float32 when every
# value in it is exactly a float32 (all integers up to 2**24 in magnitude, such as answers on
# a 1-5 scale or respondent numbers, and halves or quarters of them; NaN still marks a missing
# answer), else as float64: a float64 frame of a 500 MB CSV of Likert answers is 2.8 times the
# file, in float32 half of that. Nothing computes in float32: :func:`widen`, called where a
# command or the API receives a data file, turns them back into the float64 values they
# were parsed as, bit for bit (float32 -> float64 is exact), so every number is the same.


def narrow(values: Any) -> Any:
    """``values`` (a float64 array) as float32 when that holds every one of them exactly
    (NaN as NaN, -0.0 as -0.0; a value beyond float32's range or between two float32 values
    keeps the column float64); any other array unchanged."""
    import numpy as np

    values = np.asarray(values)
    if values.dtype != np.float64:
        return values
    with np.errstate(over="ignore", invalid="ignore"):
        small = values.astype(np.float32)
    return small if np.array_equal(small, values, equal_nan=True) else values


def narrow_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each float64 column :func:`narrow`-ed, one column at a time (no block
    copy: each column its own array)."""
    import pandas as pd

    return pd.DataFrame({i: narrow(frame.iloc[:, i].to_numpy())
                         if frame.dtypes.iloc[i] == "float64" else frame.iloc[:, i]
                         for i in range(frame.shape[1])}, index=frame.index,
                        copy=False).set_axis(frame.columns, axis=1)


def widen(dataset: Dataset) -> Dataset:
    """``dataset`` with its float32 columns (see :func:`narrow`) as float64 again, in place,
    one column at a time (a column's float32 array is freed as its float64 one is made): the
    frame as the readers parsed it, on which every analysis computes. Returns ``dataset``."""
    import numpy as np
    import pandas as pd

    frame = dataset.frame
    for i in range(frame.shape[1]):
        if frame.dtypes.iloc[i] == np.float32:
            frame.isetitem(i, pd.Series(frame.iloc[:, i].to_numpy(np.float64),
                                        index=frame.index, copy=False))
    return dataset
