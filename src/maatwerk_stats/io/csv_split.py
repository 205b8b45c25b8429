"""Where a long CSV can be cut in two, so that two threads parse the halves at once.

pandas' C parser tokenises and converts the cells without the interpreter lock
(``TextReader._tokenize_rows`` and the float and category conversions run ``nogil``), so two
readers of two halves of a file run on two cores. The chunked read of ``io/read.py``
(:func:`maatwerk_stats.io.read._parse_in_chunks`) parses a long file ``chunk`` data rows at a
time; cut where data row ``k · chunk`` begins, the first half's reader sees exactly the first
``k`` chunks of the one reader, and a reader of the second half given the column names
(``header=None, names=…``) sees the following chunks: the same rows of the same bytes, parsed
from the start of a row, so the same parts, in the same order, and the same frame after
``union_categoricals``.

That holds when the cut is at a line break outside quotes and every line break before it
ends a data row: :func:`split_point` cuts only where no quote comes before the cut (a file
without quotes before it cannot be inside a quoted field there), and only before a row that
is not blank and has no more fields than the header (a reader given the names takes extra
leading fields of its first row as an index, where the one reader reports the row). Blank
or whitespace-only lines and lone ``\\r`` line breaks before the cut (skipped, or counted as
rows, by the parser) make the first half's row count differ from ``k · chunk``: the caller
checks that count and otherwise parses the file in one thread, as it does for any failure of
either half (its message then names the file's own line numbers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .file_bytes import blocks

if TYPE_CHECKING:
    from .file_bytes import FileBytes

PARALLEL_LINES = 200_000  # shorter files: one reader (starting a second costs more)


def split_point(raw: bytes | FileBytes, separator: str, n_columns: int, lines: int,
                chunk: int) -> tuple[int, int] | None:
    """``(offset, rows)``: the byte at which data row ``rows`` (counted from 0, a multiple of
    ``chunk`` near half of the file's ``lines`` line breaks) begins, when the file can be
    cut there (see the module docstring); None when it is too short or cannot be cut."""
    import numpy as np

    if lines < PARALLEL_LINES or chunk < 1:
        return None
    rows = max(1, round(lines / 2 / chunk)) * chunk
    target = rows + 1  # the header's line break, then one per data row
    if target >= lines:
        return None
    seen = offset = 0
    for block in blocks(raw):
        data = bytes(block)
        count = data.count(b"\n")
        if seen + count < target:
            if b'"' in data:
                return None
            seen += count
            offset += len(data)
            continue
        ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == ord("\n"))
        cut = int(ends[target - seen - 1]) + 1
        if b'"' in data[:cut]:
            return None
        if not _plain_first_row(raw, offset + cut, separator, n_columns):
            return None
        return offset + cut, rows
    return None


def _plain_first_row(raw: bytes | FileBytes, start: int, separator: str,
                     n_columns: int) -> bool:
    """Whether the line at ``start`` holds a row (not blank, not only spaces) of at most
    ``n_columns`` fields (no quotes in it: a quote makes the caller parse in one thread)."""
    line = raw[start:start + (1 << 16)]
    end = line.find(b"\n")
    if end < 0:
        return False  # a row longer than 64 KiB, or the last line: not worth the cut
    line = line[:end]
    if b'"' in line or not line.strip():
        return False
    return line.count(separator.encode("ascii")) <= n_columns - 1
