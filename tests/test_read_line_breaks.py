"""The CSV reader counts a file's line breaks in the quote check's pass over its blocks
(``io.text_checks.unclosed_quote_lines(breaks=...)``), kept on its ``FileBytes``, instead of
reading the file once more for them (``io.read._line_breaks``): the same counts for any bytes
and block size, and the same dataset."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from maatwerk_stats.io import read
from maatwerk_stats.io.file_bytes import FileBytes
from maatwerk_stats.io.text_checks import unclosed_quote_lines

BYTES = st.lists(st.sampled_from([b"a", b";", b"\n", b"\r", b"\r\n", b'"', b'""', b"12", b" "]),
                 max_size=60).map(b"".join)


@settings(max_examples=200, deadline=None)
@given(BYTES, st.integers(1, 9))
def test_the_quote_check_counts_the_line_breaks(data, size):
    breaks: list[int] = []
    if unclosed_quote_lines(data, ";", size, breaks=breaks) is None:
        assert breaks == [data.count(b"\n"), data.count(b"\r")]
        assert max(breaks) == read._line_breaks(data)
    else:
        assert breaks == []  # refused: the reader stops, nothing is counted


def test_the_reader_reuses_the_count_of_the_quote_check(tmp_path, monkeypatch):
    path = tmp_path / "data.csv"
    path.write_bytes(b"a;b\r\n" + b"".join(b"%d;x\r\n" % i for i in range(3000)))
    counted = []
    line_breaks = read._line_breaks

    def spy(raw):
        counted.append(raw.line_breaks if isinstance(raw, FileBytes) else None)
        return line_breaks(raw)

    monkeypatch.setattr(read, "_line_breaks", spy)
    monkeypatch.setattr(read, "CHUNKED_BYTES", 0)
    monkeypatch.setattr(read, "CHUNK_ROWS", 500)
    chunked = read.read_data(path)
    assert counted == [3001]  # from the quote check, not read again
    assert FileBytes(path).count(b"\n") == 3001
    monkeypatch.setattr(read, "CHUNKED_BYTES", 1 << 40)
    pd.testing.assert_frame_equal(chunked.frame, read.read_data(path).frame, check_exact=True)
