"""Compact number columns out of the CSV reader (``io.dataset.narrow``; issue 9, memory): a
numeric column is float32 exactly when every value in it is a float32, and
``io.dataset.widen`` of the compact dataset is bit for bit the float64 dataset the reader gave
before (read here with ``narrow`` switched off), in one read and in chunks, also when a
column turns decimal (or beyond float32) in its last chunk."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from maatwerk_stats.io import read
from maatwerk_stats.io.dataset import narrow, widen

LIMIT = 2 ** 24  # every integer up to this magnitude is a float32

# cells of one column, as a Dutch export writes them
SMALL = st.integers(-3, 12).map(str)
EDGE = st.sampled_from([str(LIMIT), str(-LIMIT), str(LIMIT + 1), str(-LIMIT - 1),
                        str(LIMIT - 1), "0", "-0", "0,5", "2,25", "0,1", "1e39", "-1e39",
                        "3,4028234663852886e+38", "1e-45", "16777216,5", "255", "-128",
                        "32767", "65536", str(2 ** 53 + 1)])
MISSING = st.sampled_from(["", "NA", ".", "nan", "NULL"])
TEXT = st.sampled_from(["ja", "nee", "Den Haag", " voor"])
DECIMAL = st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: repr(v).replace(".", ","))
CELL = st.one_of(SMALL, EDGE, MISSING, DECIMAL, TEXT)
COLUMN_KIND = st.sampled_from(["small", "small_missing", "edge", "decimal", "text", "any",
                               "missing"])
KINDS = {"small": SMALL, "small_missing": st.one_of(SMALL, MISSING), "edge": st.one_of(
    EDGE, SMALL), "decimal": st.one_of(DECIMAL, SMALL, MISSING), "text": st.one_of(
    TEXT, SMALL), "any": CELL, "missing": MISSING}


def float64_read(path, monkeypatch):
    """The reader as it was before compact columns: ``narrow`` off."""
    with monkeypatch.context() as patch:
        patch.setattr(read, "narrow", lambda values: np.asarray(values))
        patch.setattr(read, "narrow_frame", lambda frame: frame)
        return read.read_data(path)


def assert_compact_equals_float64(path, monkeypatch):
    compact = read.read_data(path)
    for column in compact.frame.columns:  # float32 only where every value is one
        values = compact.frame[column]
        if values.dtype == np.float32:
            continue
        if values.dtype == np.float64:
            assert narrow(values.to_numpy()).dtype == np.float64, column
    wide = float64_read(path, monkeypatch)
    assert not any(wide.frame.dtypes == np.float32)
    widened = widen(compact)
    pd.testing.assert_frame_equal(widened.frame, wide.frame, check_exact=True)
    for column in wide.frame.columns:  # bit for bit (-0.0 stays -0.0)
        if wide.frame[column].dtype == np.float64:
            np.testing.assert_array_equal(
                np.signbit(widened.frame[column].to_numpy()),
                np.signbit(wide.frame[column].to_numpy()))
    assert widened.source == wide.source and widened.sha256 == wide.sha256


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@SETTINGS
@given(st.lists(COLUMN_KIND, min_size=1, max_size=5).flatmap(lambda kinds: st.tuples(
    st.just(kinds), st.lists(st.tuples(*[KINDS[k] for k in kinds]), min_size=1,
                             max_size=30))),
       st.sampled_from([None, 1, 3, 7]), st.sampled_from([";", ","]))
@example(columns=(["edge"], [(str(LIMIT),), (str(LIMIT + 1),)]), chunk=1, sep=";")
@example(columns=(["small", "missing"], [("1", ""), ("2", "NA")]), chunk=None, sep=";")
def test_compact_read_widens_to_the_float64_read(tmp_path_factory, monkeypatch, columns,
                                                 chunk, sep):
    kinds, rows = columns
    if sep == ",":  # a comma-separated file has no decimal commas: quote those cells
        rows = [tuple(f'"{c}"' if "," in c else c for c in row) for row in rows]
    path = tmp_path_factory.mktemp("csv") / "data.csv"
    lines = [sep.join(f"v{j}" for j in range(len(kinds)))] + [sep.join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if chunk is not None:
        monkeypatch.setattr(read, "CHUNK_ROWS", chunk)
        monkeypatch.setattr(read, "CHUNKED_BYTES", 0)
    try:
        assert_compact_equals_float64(path, monkeypatch)
    except read.InputFileError as exc:  # the same refusal with and without narrow
        with pytest.raises(read.InputFileError) as plain:
            float64_read(path, monkeypatch)
        assert str(plain.value) == str(exc)


@pytest.mark.parametrize("last", ["2,5", "0,1", str(LIMIT + 1), "1e39", "ja", ""])
def test_a_column_that_changes_in_its_last_chunk(tmp_path, monkeypatch, last):
    """Small integers for 3,000 rows read in chunks of 500, then one cell float32 does not
    hold (or text, or missing): the column is float64 (object) from its first row on."""
    values = [str(i % 5 + 1) for i in range(3000)] + [last]
    path = tmp_path / "late.csv"
    path.write_text("id;x\n" + "".join(f"{i};{v}\n" for i, v in enumerate(values)),
                    encoding="utf-8")
    monkeypatch.setattr(read, "CHUNK_ROWS", 500)
    monkeypatch.setattr(read, "CHUNKED_BYTES", 0)
    compact = read.read_data(path)
    assert compact.frame["id"].dtype == np.float32
    expected = {"2,5": np.float32, "0,1": np.float64, str(LIMIT + 1): np.float64,
                "1e39": np.float64, "ja": object, "": np.float32}[last]
    assert compact.frame["x"].dtype == expected
    assert_compact_equals_float64(path, monkeypatch)


def test_narrow_keeps_exactly_the_float32_values():
    exact = np.array([0.0, -0.0, 1.0, -LIMIT, LIMIT, 0.5, np.nan, np.inf, -np.inf,
                      float(np.finfo(np.float32).max), float(np.finfo(np.float32).tiny)])
    assert narrow(exact).dtype == np.float32
    np.testing.assert_array_equal(narrow(exact).astype(np.float64), exact)
    assert np.signbit(narrow(exact)[1])
    for inexact in (0.1, LIMIT + 1.0, 1e39, 1e-46, 2.0 ** 53 + 2):
        values = np.array([1.0, inexact, np.nan])
        assert narrow(values) is values  # as it was, float64
    ints = np.arange(3)
    assert narrow(ints) is ints  # only float64 is narrowed


def test_widen_gives_float64_columns_in_place(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("a;b;c\n1;2,5;ja\n2;0,1;nee\n", encoding="utf-8")
    dataset = read.read_data(path)
    assert list(dataset.frame.dtypes) == [np.float32, np.float64, object]  # 0.1: float64
    assert widen(dataset) is dataset
    assert list(dataset.frame.dtypes) == [np.float64, np.float64, object]
    assert dataset.frame["b"].tolist() == [2.5, 0.1]
