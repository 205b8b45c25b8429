"""Input that used to be misread silently (issue 10, class 9): CSV rows shorter than the
header, merged cells and several sheets in a workbook."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maatwerk_stats.errors import InputFileError
from maatwerk_stats.io import text_checks
from maatwerk_stats.io.read import read_data
from maatwerk_stats.io.text_checks import short_rows

FILES = Path(__file__).resolve().parent / "fuzz" / "files"

CELL = st.text(st.sampled_from(["a", "4", " ", ";", '"', "\n", "é"]), max_size=6)


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.lists(CELL, min_size=4, max_size=4), min_size=1, max_size=12),
       cut=st.lists(st.integers(0, 3), min_size=12, max_size=12),
       newline=st.sampled_from(["\n", "\r\n"]), chunk=st.integers(1, 64))
def test_short_rows_finds_exactly_the_rows_with_missing_fields(rows, cut, newline, chunk):
    """Rows written by the csv module (quotes around separators, quotes and line breaks in a
    cell), some cut short by 1–3 fields; counted in chunks as small as one byte."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator=newline)
    writer.writerow(["id", "a", "b", "c"])
    expected = []
    for number, (row, drop) in enumerate(zip(rows, cut, strict=False), start=1):
        row = ["x" + row[0], *row[1:]]  # never a blank line
        writer.writerow(row[:4 - drop] if drop else row)
        if drop:
            expected.append(number)
    raw = buffer.getvalue().encode("utf-8")
    original = text_checks.SHORT_ROWS_CHUNK
    text_checks.SHORT_ROWS_CHUNK = chunk
    try:
        assert short_rows(raw, ";", 4, len(rows)) == expected
    finally:
        text_checks.SHORT_ROWS_CHUNK = original


def test_short_rows_claims_nothing_when_the_lines_do_not_match_the_rows():
    assert short_rows(b"a;b\n1\n", ";", 2, 5) == []
    assert short_rows(b"a;b\r1;2\r3\r", ";", 2, 2) == []  # old Mac line breaks: one "line"


def test_a_short_csv_row_is_refused_an_empty_last_answer_is_not(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("respnr;v1;v2\n1;4;5\n2;3;\n3;2;1\n", encoding="utf-8")
    assert read_data(path).frame["v2"].isna().sum() == 1
    path.write_text("respnr;v1;v2\n1;4;5\n2;3\n3;2;1\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"d.csv: row 2 has fewer fields than the header "
                                             r"\(3 columns\)"):
        read_data(path)


def test_the_sheet_read_is_recorded_and_can_be_chosen():
    path = FILES / "two_sheets.xlsx"
    data = read_data(path, sheet="Data")
    assert (data.source["sheet"], data.source["sheets"]) == ("Data", ["Sheet", "Data"])
    assert data.frame.shape == (10, 3)
    assert read_data(path, sheet=1).source["sheet"] == "Data"  # a position, from 0
    assert read_data(path, sheet="2").source["sheet"] == "Data"  # a number, from 1
    with pytest.raises(InputFileError, match="there is no sheet number 3"):
        read_data(path, sheet="3")


def test_merged_cells_in_the_data_are_refused_in_the_header_row_they_are_not(tmp_path):
    from openpyxl import Workbook

    with pytest.raises(InputFileError, match=r"merged cells in the data \(B3:B5\)"):
        read_data(FILES / "merged_cells.xlsx")
    book = Workbook()
    sheet = book.active
    sheet.append(["respnr", "v", "w"])
    for i in range(1, 6):
        sheet.append([i, i, 6 - i])
    sheet.merge_cells("D1:E1")  # beside the header: no data below it
    book.save(tmp_path / "ok.xlsx")
    assert read_data(tmp_path / "ok.xlsx").frame.shape[1] == 3
