"""A long CSV parsed by two threads, each half of its chunks (``io/csv_split.py``,
``io/read.py: _parse_halves``), gives the dataset one reader gives, bit for bit (the
categoricals' categories in the same order, the same codes, the same float32/float64 columns),
or the same error, whatever the cut: any chunk size, CRLF, missing cells, NA strings, decimal
commas, text and number columns, blank lines, quotes (also quoted line breaks), short rows
and rows with too many fields, Windows-1252."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from maatwerk_stats.errors import InputFileError
from maatwerk_stats.io import csv_split, read
from maatwerk_stats.io.csv_split import split_point

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

PLAIN = st.one_of(st.integers(-3, 12).map(str), st.sampled_from(
    ["", "NA", "4,5", "3.25", "ja", "nee", "café ö", "  ja", "7 "]))
ANY = st.one_of(PLAIN, st.sampled_from(['"a;b"', '"regel\nnieuw"', '"zei ""ja"""', '"x"']))


def read_or_error(path, categorical):
    try:
        return read.read_data(path, categorical=categorical)
    except InputFileError as exc:
        return str(exc)


def assert_same(halves, one):
    if isinstance(one, str):
        assert halves == one
        return
    assert not isinstance(halves, str), halves
    pd.testing.assert_frame_equal(halves.frame, one.frame, check_exact=True)
    for column in one.frame.columns:
        assert halves.frame[column].dtype == one.frame[column].dtype, column
        if isinstance(one.frame[column].dtype, pd.CategoricalDtype):
            assert list(halves.frame[column].cat.categories) == list(
                one.frame[column].cat.categories), column
            assert (halves.frame[column].cat.codes == one.frame[column].cat.codes).all()
    assert halves.source == one.source and halves.sha256 == one.sha256


def write_csv(path, rows, newline, encoding="utf-8", blank_at=None, k=None):
    k = k or max(len(r) for r in rows)
    lines = [";".join(f"v{j}" for j in range(k))] + [";".join(r) for r in rows]
    if blank_at is not None:
        lines.insert(min(blank_at, len(lines)), "")
    path.write_bytes((newline.join(lines) + newline).encode(encoding, errors="replace"))


def compare(path, monkeypatch, chunk_rows, expect_halves=None):
    """The read with the two-thread path forced (any file, small chunks) against one
    reader; ``expect_halves``: whether the two halves must have been used."""
    columns = [f"v{j}" for j in range(40)]
    with monkeypatch.context() as patch:
        patch.setattr(read, "CHUNKED_BYTES", 0)
        patch.setattr(read, "CHUNK_ROWS", chunk_rows)
        patch.setattr(csv_split, "PARALLEL_LINES", 10**12)
        one = read_or_error(path, columns)
        patch.setattr(csv_split, "PARALLEL_LINES", 0)
        used = []
        halves_of = read._parse_halves

        def spy(*args, **kwargs):
            result = halves_of(*args, **kwargs)
            used.append(result is not None)
            return result

        patch.setattr(read, "_parse_halves", spy)
        halves = read_or_error(path, columns)
    assert_same(halves, one)
    if expect_halves is not None:
        assert any(used) == expect_halves, used
    return used


@SETTINGS
@given(st.integers(1, 4).flatmap(lambda k: st.lists(st.lists(PLAIN, min_size=k, max_size=k),
                                                    min_size=3, max_size=40)),
       st.sampled_from(["\n", "\r\n"]), st.integers(1, 12),
       st.sampled_from(["utf-8", "cp1252"]))
@example(rows=[["1", "a"], ["2", "b"], ["3", "a"], ["4", "c"]], newline="\n", chunk_rows=1,
         encoding="utf-8")
def test_two_halves_of_a_plain_file_equal_one_reader(tmp_path_factory, monkeypatch, rows,
                                                     newline, chunk_rows, encoding):
    path = tmp_path_factory.mktemp("csv") / "data.csv"
    write_csv(path, rows, newline, encoding)
    used = compare(path, monkeypatch, chunk_rows)
    # the halves, once cut, fail only where a blank line (a row of one empty cell) before
    # the cut is skipped by the parser, or a one-column file (read as ","-separated) has
    # rows of more fields than its header ("4,5")
    if False in used:
        assert len(rows[0]) == 1 and ([""] in rows or ["4,5"] in rows), rows


@SETTINGS
@given(st.integers(1, 4).flatmap(lambda k: st.lists(st.lists(ANY, min_size=1, max_size=k + 1),
                                                    min_size=3, max_size=40)),
       st.sampled_from(["\n", "\r\n"]), st.integers(1, 12),
       st.one_of(st.none(), st.integers(1, 40)))
def test_two_halves_of_any_file_equal_one_reader_or_its_error(tmp_path_factory, monkeypatch,
                                                              rows, newline, chunk_rows,
                                                              blank_at):
    """Quotes, quoted line breaks, short rows, rows with too many fields, blank lines: the
    same dataset or the same message (the halves are not used where they would differ)."""
    path = tmp_path_factory.mktemp("csv") / "data.csv"
    write_csv(path, rows, newline, blank_at=blank_at)
    compare(path, monkeypatch, chunk_rows)


def test_a_long_plain_file_is_parsed_in_two_halves(tmp_path, monkeypatch):
    rows = [[str(i), ["voor", "na"][i % 2], f"{i % 7},5", ["a", "b", "c"][i % 3]]
            for i in range(3000)]
    path = tmp_path / "data.csv"
    write_csv(path, rows, "\r\n")
    assert compare(path, monkeypatch, 100, expect_halves=True) == [True]


@pytest.mark.parametrize("trouble", ["quote", "blank", "wide", "cr"])
def test_a_file_that_cannot_be_cut_is_read_by_one_reader(tmp_path, monkeypatch, trouble):
    """A quote before the cut, a blank line (skipped by the parser) before it, a row of too
    many fields right after it (the error names its line as one reader does), lone \\r line
    breaks: one reader, the same result."""
    rows = [[str(i), ["voor", "na"][i % 2]] for i in range(400)]
    newline = "\n"
    if trouble == "quote":
        rows[10][1] = '"voor"'
    elif trouble == "wide":
        rows[200].append("extra")
    elif trouble == "cr":
        newline = "\r"
    path = tmp_path / "data.csv"
    write_csv(path, rows, newline, blank_at=50 if trouble == "blank" else None, k=2)
    expected = {"quote": None, "blank": [False], "wide": None, "cr": None}[trouble]
    used = compare(path, monkeypatch, 100)
    assert used == ([] if expected is None else expected)
    if trouble == "wide":
        assert "line 202" in read_or_error(path, ())


def test_split_point_cuts_where_a_row_of_whole_chunks_begins(monkeypatch):
    monkeypatch.setattr(csv_split, "PARALLEL_LINES", 1000)
    data = b"a;b\n" + b"".join(b"%d;x\n" % i for i in range(1000))
    offset, rows = split_point(data, ";", 2, data.count(b"\n"), 100)
    assert rows == 500 and data[offset:].startswith(b"500;x\n")
    assert data[:offset].count(b"\n") == rows + 1
    assert split_point(data, ";", 2, data.count(b"\n"), 2000) is None  # one chunk: no cut
    quoted = data.replace(b"7;x", b'7;"x"', 1)
    assert split_point(quoted, ";", 2, quoted.count(b"\n"), 100) is None
    late_quote = data.replace(b"900;x", b'900;"x"')  # after the cut: fine
    assert split_point(late_quote, ";", 2, late_quote.count(b"\n"), 100) == (offset, 500)
    wide = data.replace(b"500;x\n", b"500;x;y\n")
    assert split_point(wide, ";", 2, wide.count(b"\n"), 100) is None
    blank = data.replace(b"500;x\n", b"\r\n")
    assert split_point(blank, ";", 2, blank.count(b"\n"), 100) is None
    assert split_point(data[:4000], ";", 2, data[:4000].count(b"\n"), 100) is None  # short
