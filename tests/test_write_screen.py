"""The screen in front of ``neutralise_formulas`` and ``_unix_newlines`` (``io/write.py``):
columns whose joined text shows no risky start, control character or carriage return skip
the per-cell pandas string operations. It must never skip a column that needs a change: the
outputs equal those of the functions as they were before the screen (kept here verbatim)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maatwerk_stats.io.write import (
    CONTROL_CHARACTERS,
    FORMULA_STARTS,
    _unix_newlines,
    formula_risk,
    neutralise_formulas,
)


def old_unix_newlines(table):
    changed = {}
    for column in table.columns:
        series = table[column]
        if series.dtype.kind in "biufcmM" or isinstance(series.dtype, pd.CategoricalDtype):
            continue
        text = series.astype("string")
        has_cr = text.str.contains("\r", regex=False).fillna(False).astype(bool)
        if has_cr.any():
            fixed = text.str.replace("\r\n", "\n", regex=False).str.replace("\r", "\n",
                                                                              regex=False)
            changed[column] = series.astype(object).where(~has_cr, fixed.astype(object))
    return table.assign(**changed) if changed else table


def old_neutralise_formulas(table):
    changed = {}
    for column in table.columns:
        series = table[column]
        if series.dtype.kind in "biufcmM" or isinstance(series.dtype, pd.CategoricalDtype):
            continue
        is_text = series.map(lambda v: isinstance(v, str)).astype(bool) if (
            series.dtype == object) else series.notna()
        text = series.astype("string")
        risky = formula_risk(text) & is_text
        controls = text.str.contains(CONTROL_CHARACTERS, regex=True).fillna(False).astype(
            bool) & is_text
        if risky.any() or controls.any():
            cleaned = text.str.replace(CONTROL_CHARACTERS, "\ufffd", regex=True)
            value = ("'" + cleaned).where(risky, cleaned)
            changed[column] = series.astype(object).where(~(risky | controls),
                                                          value.astype(object))
    names = pd.Series([str(c) for c in table.columns], dtype="string")
    clean_names = names.str.replace(CONTROL_CHARACTERS, "\ufffd", regex=True)
    header = [("'" if risk else "") + str(clean) if risk or clean != str(c) else c
              for c, clean, risk in zip(table.columns, clean_names, formula_risk(names),
                                        strict=True)]
    if not changed and header == list(table.columns):
        return table
    out = table.assign(**changed) if changed else table.copy()
    out.columns = header
    return out


STARTS = st.sampled_from([*FORMULA_STARTS, "+", "-", "", "a", "\n", "1", "\x1b", "\x85"])
TEXT = st.builds(lambda start, rest: start + rest, STARTS,
                 st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8))
CELL = st.one_of(TEXT, st.none(), st.just(np.nan), st.just(pd.NA), st.floats(-5, 5),
                 st.integers(-3, 3), st.booleans(), st.just(b"a\rb"), st.just(b"=x"),
                 st.just(np.str_("=y")), st.sampled_from(["-1", "+2.5", "-", "plain"]))
KIND = st.sampled_from(["object", "text", "string", "float", "category"])


def column(kind: str, cells: list) -> pd.Series:
    if kind == "text":  # only text and missing values: the screened case
        return pd.Series([c if isinstance(c, str) or c is None else None for c in cells],
                         dtype=object)
    if kind == "string":
        return pd.Series([c if isinstance(c, str) else None for c in cells], dtype="string")
    if kind == "float":
        return pd.Series([c if isinstance(c, float) else np.nan for c in cells], dtype=float)
    if kind == "category":
        return pd.Series([c if isinstance(c, str) else None for c in cells], dtype="category")
    return pd.Series(cells, dtype=object)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=st.lists(st.tuples(st.one_of(TEXT, st.sampled_from("012345")), KIND,
                               st.lists(CELL, min_size=3, max_size=3)), min_size=1,
                     max_size=4))
def test_screened_functions_equal_the_unscreened(spec):
    table = pd.DataFrame({f"c{j}": column(kind, cells) for j, (_, kind, cells) in enumerate(spec)})
    names = [name for name, _, _ in spec]
    if len(set(map(str, names))) == len(names):
        table.columns = names
    new, old = _unix_newlines(table), old_unix_newlines(table)
    pd.testing.assert_frame_equal(new, old)
    assert (new is table) == (old is table)
    new, old = neutralise_formulas(new), old_neutralise_formulas(old)
    pd.testing.assert_frame_equal(new, old)
    assert list(new.columns) == list(old.columns)
    assert (new is table) == (old is table)
    assert new.to_csv(index=False, lineterminator="\n") == old.to_csv(index=False,
                                                                      lineterminator="\n")


def test_a_clean_table_is_returned_as_it_is():
    table = pd.DataFrame({"scale": ["samenwerking", None, "regie"], "n": [3, 4, 5],
                          "note": [None, np.nan, None]})
    assert neutralise_formulas(_unix_newlines(table)) is table
