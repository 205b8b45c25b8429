"""The CSV reader never holds the whole file (``io.file_bytes.FileBytes``, read block by
block): the same dataset, the same SHA-256 and the same refusal as when every step looked at
the file's bytes at once, whatever the block size (blocks of a few bytes put block ends
inside quoted fields, multi-byte letters, "\\r\\n" pairs and the two bytes of a UTF-8
sequence in a Windows-1252 file)."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from maatwerk_stats.errors import InputFileError
from maatwerk_stats.io import file_bytes, read, text_checks
from maatwerk_stats.io.file_bytes import FileBytes, binary, blocks

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200), st.integers(-250, 250), st.integers(-250, 250),
       st.integers(1, 50))
def test_file_bytes_behave_as_the_bytes(tmp_path_factory, data, start, stop, size):
    path = tmp_path_factory.mktemp("fb") / "f.bin"
    path.write_bytes(data)
    raw = FileBytes(path)
    assert len(raw) == len(data)
    assert raw[start:stop] == data[start:stop] and raw[:] == data
    assert raw[start:] == data[start:] and raw[:stop] == data[:stop]
    assert raw.count(b"\n") == data.count(b"\n")
    assert raw.startswith((b"\xff\xfe", data[:3])) == data.startswith((b"\xff\xfe", data[:3]))
    assert b"".join(raw.blocks(size)) == data
    assert b"".join(bytes(b) for b in blocks(data, size)) == data
    with binary(raw) as handle:
        assert handle.read() == data


def test_file_bytes_refuse_what_they_cannot_do(tmp_path):
    path = tmp_path / "f.bin"
    path.write_bytes(b"abc")
    with pytest.raises(TypeError):
        FileBytes(path)[1]
    with pytest.raises(ValueError):
        FileBytes(path).count(b"ab")


CELL = st.one_of(
    st.integers(-3, 12).map(str), st.sampled_from(["", "NA", "4,5", "3.25", "ja", "nee"]),
    st.sampled_from(['"a;b"', '"regel\nnieuw"', '"zei ""ja"""', "Coördinatie", "café ö",
                     "Co\u00f6rdinatie"]))


def dataset_or_error(path):
    try:
        data = read.read_data(path)
    except InputFileError as exc:
        return str(exc)
    return data


def in_small_blocks(monkeypatch, block: int):
    monkeypatch.setattr(file_bytes, "BLOCK", block)
    monkeypatch.setattr(text_checks, "SHORT_ROWS_CHUNK", block)
    monkeypatch.setattr(read, "CHUNKED_BYTES", 0)
    monkeypatch.setattr(read, "CHUNK_ROWS", 3)


def assert_same(streamed, whole, path):
    if isinstance(whole, str):
        assert streamed == whole
        return
    assert not isinstance(streamed, str), streamed
    pd.testing.assert_frame_equal(streamed.frame, whole.frame, check_exact=True)
    assert streamed.source == whole.source
    assert streamed.sha256 == whole.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@SETTINGS
@given(st.integers(1, 4).flatmap(lambda k: st.lists(st.lists(CELL, min_size=k, max_size=k),
                                                    min_size=1, max_size=25)),
       st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "mixed"]),
       st.sampled_from(["\n", "\r\n"]), st.booleans(), st.integers(1, 9))
@example(rows=[["1", "2"], ["3"]], encoding="utf-8", newline="\n", last_newline=False,
         block=2)
@example(rows=[["4,5"], ["0"]], encoding="utf-8", newline="\n", last_newline=False,
         block=1)  # more fields than the header: pandas' index [4, 0] is a RangeIndex too
@example(rows=[["café ö", "1"]] * 30 + [["Co\u00f6rdinatie", "2"]], encoding="mixed",
         newline="\r\n", last_newline=True, block=1)
def test_read_in_blocks_equals_one_read(tmp_path_factory, monkeypatch, rows, encoding,
                                        newline, last_newline, block):
    k = max(len(r) for r in rows)
    lines = [";".join(f"v{j}" for j in range(k))] + [";".join(r) for r in rows]
    text = newline.join(lines) + (newline if last_newline else "")
    if encoding == "mixed":  # Windows-1252, with one line in UTF-8 (refused, naming it)
        half = len(lines) // 2
        data = (newline.join(lines[:half]) + newline).encode("cp1252", errors="replace") \
            + (newline.join(lines[half:]) + newline).encode("utf-8")
    else:
        data = text.encode(encoding, errors="replace")
    path = tmp_path_factory.mktemp("csv") / "data.csv"
    path.write_bytes(data)
    whole = dataset_or_error(path)
    with monkeypatch.context() as patch:
        in_small_blocks(patch, block)
        streamed = dataset_or_error(path)
    assert_same(streamed, whole, path)


def test_a_cell_larger_than_a_block_and_than_the_head(tmp_path, monkeypatch):
    """A free-text cell of 200 KB (over the 64 KiB head; over many blocks) in the first row
    and a line of 300 KB further down: read whole, the same in blocks of 4 KiB."""
    long_text = "lang antwoord; met ö en \"quotes\" " * 6000
    path = tmp_path / "long.csv"
    path.write_text('id;toelichting;score\n1;"' + long_text.replace('"', '""') + '";4\n'
                    + "".join(f"{i};kort;{i % 5}\n" for i in range(2, 200))
                    + '200;"' + ("x" * 300_000) + '";3\n', encoding="utf-8")
    whole = read.read_data(path)
    assert whole.frame["toelichting"].iloc[0] == long_text.strip()
    with monkeypatch.context() as patch:
        in_small_blocks(patch, 4096)
        streamed = read.read_data(path)
    assert_same(streamed, whole, path)


def test_the_reader_does_not_read_the_whole_file_at_once(tmp_path, monkeypatch):
    """No read of more than a block (and the 64 KiB head) while reading a CSV."""
    path = tmp_path / "d.csv"
    path.write_text("id;x;t\n" + "".join(f"{i};{i % 5},5;ja\n" for i in range(40_000)),
                    encoding="utf-8")
    monkeypatch.setattr(file_bytes, "BLOCK", 1 << 16)
    largest = []
    real = FileBytes.__getitem__

    def getitem(self, where):
        out = real(self, where)
        largest.append(len(out))
        return out

    monkeypatch.setattr(FileBytes, "__getitem__", getitem)
    data = read.read_data(path)
    assert len(data.frame) == 40_000
    assert max(largest) <= text_checks.HEAD_BYTES < path.stat().st_size


def test_a_header_name_over_128_kib_with_a_line_break_is_named_not_an_internal_error(
        tmp_path):
    """The header check for a line break inside a quoted column name reads the header with
    the csv module's field limit raised too (it raised csv.Error: exit 70)."""
    path = tmp_path / "hdr.csv"
    path.write_text('a;"' + "x" * 140_000 + '\n;b\n1;2\n', encoding="utf-8")
    with pytest.raises(InputFileError, match="in the header row holds a line break"):
        read.read_data(path)  # (column 1: the separator is sniffed from broken lines)
