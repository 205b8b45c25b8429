"""Text (CSV) input that would otherwise be misread silently (issue 10, class 9).

- UTF-16 (Excel's "Unicode text"), with or without a byte-order mark, is transcoded to UTF-8
  once, instead of being called binary for its NUL bytes.
- The lines used to detect the separator and the header are split at line breaks only
  (``\\r\\n``, ``\\n``, ``\\r``, as the CSV parser does), not at the other characters that
  ``str.splitlines`` breaks at (U+2028, U+0085, form feed …): a U+2028 inside a column name
  gave a header one column short and a pandas "Length mismatch".
- Mixed encodings: a file that is not valid UTF-8 is read as Windows-1252; when it also holds
  UTF-8 sequences ("Coördinatie" next to "Co\xf6rdinatie", e.g. rows pasted from two exports)
  those would silently become "CoÃ¶rdinatie". Refused, naming the first such line.
- Short rows: a row with fewer fields than the header (a separator lost, a row cut off) is
  filled with missing values by the parser, so its last answers would silently become
  missing. :func:`short_rows` counts the fields of every line, vectorised over the bytes
  (a separator or line break inside a quoted field is not counted), and the reader refuses
  the file naming the rows (never their content).
- The head read for that is as long as it must be to hold the header and a data row: a header
  of 2,000 columns is over 64 KiB, and cutting it there reported "a header but no data rows".
- A line break inside a quoted column name (``"leef\ntijd"``, typed with Alt+Enter in Excel)
  made the header end there: the column was silently renamed ``leef`` (the last column) or
  the read failed with a pandas "Length mismatch" (any other). :func:`header_line_break`
  finds it and the reader refuses the file, naming the column's position.
- A quote never closed on its line (``2;3;"Wijkteam``): the parser took the next lines into
  that cell up to the next quote and went on, so rows silently disappeared.
  :func:`unclosed_quote_lines` finds such a field and the reader refuses the file, naming
  the lines.
"""

from __future__ import annotations

import csv
import re
from typing import TYPE_CHECKING, Any

from .file_bytes import blocks

if TYPE_CHECKING:
    from .file_bytes import FileBytes

# the first block looked at for the separator and the header; extended until it holds lines
HEAD_BYTES = 65536
HEAD_LINES = 50
_LINE_BREAK = re.compile(r"\r\n|\n|\r")


def utf16_encoding(raw: bytes | FileBytes) -> str | None:
    """``utf-16`` (with a BOM), ``utf-16-le``/``-be`` (without one: most odd (even) bytes of
    the first KiB are NUL and no even (odd) one, as in UTF-16 text that is mostly ASCII),
    else None."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = raw[:1024]
    sample = sample[:len(sample) // 2 * 2]
    half = len(sample) // 2
    if half >= 2:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) >= 0.7 * half and 0 not in even:
            return "utf-16-le"
        if even.count(0) >= 0.7 * half and 0 not in odd:
            return "utf-16-be"
    return None


def head_lines(raw: bytes | FileBytes, encoding: str) -> list[str]:
    """The first non-blank lines (at most :data:`HEAD_LINES`) of ``raw``, split at line breaks
    only, from a head long enough to hold at least two lines."""
    end = HEAD_BYTES
    while end < len(raw) and len(_LINE_BREAK.findall(raw[:end].decode(
            encoding, errors="ignore"))) < 2:
        end *= 4
    head = raw[:end].decode(encoding, errors="ignore")  # a FileBytes reads only this head
    parts = _LINE_BREAK.split(head)
    if end < len(raw) and len(parts) > 1:
        parts = parts[:-1]  # the last line may be cut in the middle
    return [line for line in parts if line.strip()][:HEAD_LINES]


# a UTF-8 sequence of a Latin letter with a diacritic (Ã… / Å…: U+00C0–U+017F), as found in
# Dutch text; in real Windows-1252 text such pairs ("Ã¶") practically never occur
_UTF8_LATIN = re.compile(rb"[\xc3\xc4\xc5][\x80-\xbf]")


def mixed_encoding_line(raw: bytes | FileBytes) -> int | None:
    """For bytes that are not valid UTF-8: the line (from 1) of the first UTF-8 sequence of a
    Latin letter, when there is one (the file mixes encodings); else None. Searched block by
    block, each block with the last byte of the one before (a sequence is two bytes)."""
    lines = 0  # line breaks before the block searched
    carry = b""
    for block in blocks(raw):
        data = carry + bytes(block)
        match = _UTF8_LATIN.search(data)
        if match is not None:
            return lines + data.count(b"\n", 0, match.start()) + 1
        carry = data[-1:]
        lines += data.count(b"\n") - carry.count(b"\n")
    return None


SHORT_ROWS_CHUNK = 1 << 24  # bytes looked at at once by short_rows (memory: about 4 times)


def short_rows(raw: bytes | FileBytes, separator: str, n_columns: int, n_rows: int
               ) -> list[int]:
    """The data rows (counted from 1, after the header, blank lines skipped as the parser
    skips them) with fewer than ``n_columns`` fields. Empty when every row is complete, or
    when the lines found do not match the ``n_rows`` rows parsed (then nothing is claimed).

    A field count is the number of separators outside quotes plus one: a separator or line
    break is inside a quoted field when the number of ``"`` before it is odd (a doubled
    ``""`` keeps the parity). Vectorised over the positions of the quotes, separators and
    line breaks (found with numpy; the separators inside each quoted stretch counted by
    binary search, never one by one), in chunks of :data:`SHORT_ROWS_CHUNK` bytes, the quote
    parity and the open line carried from one chunk to the next."""
    import numpy as np

    quote, newline, sep = (np.uint8(ord(c)) for c in ('"', "\n", separator))
    fields: list[Any] = []
    lengths: list[Any] = []
    parity = 0  # quotes seen so far, mod 2
    open_seps = open_length = 0  # the line still open at a chunk's end
    for chunk in blocks(raw, SHORT_ROWS_CHUNK):
        block = np.frombuffer(chunk, dtype=np.uint8)
        quotes = np.flatnonzero(block == quote)
        ends = np.flatnonzero(block == newline)
        seps = np.flatnonzero(block == sep)
        inside = np.zeros(len(ends) + 1, dtype=np.int64)  # separators inside quotes, per line
        if len(quotes) or parity:
            # quoted stretches [open, close): a block that starts inside one opens it at -1,
            # one still open at the block's end closes at the end
            bounds = np.concatenate(([-1] if parity else [], quotes)).astype(np.int64)
            parity = len(bounds) % 2
            if parity:
                bounds = np.append(bounds, len(block))
            ends = ends[np.searchsorted(bounds, ends) % 2 == 0]  # line breaks outside quotes
            opens, closes = bounds[0::2], bounds[1::2]
            quoted = np.searchsorted(seps, closes) - np.searchsorted(seps, opens)
            inside = np.bincount(np.searchsorted(ends, opens), weights=quoted,
                                 minlength=len(ends) + 1).astype(np.int64)
        before = np.searchsorted(seps, ends)  # separators before each line break
        per_line = np.diff(np.concatenate(([0], before, [len(seps)]))) - inside
        if len(ends) == 0:
            open_seps += int(per_line[0])
            open_length += len(block)
            continue
        line_fields = per_line[:-1] + 1
        line_fields[0] += open_seps
        line_length = np.diff(ends, prepend=-1) - 1
        line_length[0] += open_length
        # a line break "\r\n": the "\r" alone is a blank line
        cr = (ends > 0) & (block[np.maximum(ends - 1, 0)] == 13)
        line_length -= cr
        fields.append(line_fields)
        lengths.append(line_length)
        open_seps = int(per_line[-1])
        open_length = len(block) - int(ends[-1]) - 1
    if open_length:  # a last line without a line break
        fields.append(np.array([open_seps + 1]))
        lengths.append(np.array([open_length]))
    if not fields:
        return []
    counts = np.concatenate(fields)[np.concatenate(lengths) > 0]
    if len(counts) != n_rows + 1:
        return []
    return (np.flatnonzero(counts[1:] < n_columns) + 1).tolist()


def header_line_break(first_line: str, separator: str) -> int | None:
    """The position (from 1) of the column whose quoted name goes on past the end of the
    first line (a line break inside the quotes: an odd number of ``"``), else None."""
    if first_line.count('"') % 2 == 0:
        return None
    return len(csv_rows([first_line + '"'], separator)[0])


def csv_rows(lines: list[str], sep: str) -> list[list[str]]:
    """``csv.reader`` of ``lines``, with its field size limit (128 KiB by default; a longer
    cell raised csv.Error, and a file whose first rows hold a long free-text answer had its
    separator misdetected and was read as one column) raised to the longest line."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, max(map(len, lines), default=0) + 1))
    try:
        return list(csv.reader(lines, delimiter=sep))
    finally:
        csv.field_size_limit(limit)


_AFTER_CLOSING_QUOTE = b'"\r\n'  # with the separator: what may follow a closing quote


def unclosed_quote_lines(raw: bytes | FileBytes, separator: str,
                         size: int | None = None, breaks: list[int] | None = None
                         ) -> tuple[int, int] | None:
    """The lines (from 1, the header being line 1) where a quoted field opens and where it
    is closed again, for the first quoted field that runs over a line break and whose closing
    quote is followed by more text in the same field; else None.

    That is a quote that was never closed on its own line (``2;3;"Wijkteam`` ⏎ ``3;2;"Buurt``):
    the parser, lenient as Excel, takes the line breaks and separators up to the next quote
    into one cell and goes on, so the following rows silently disappear into it. A field
    that is quoted correctly, Excel's multi-line answers included, ends at its closing quote
    (RFC 4180: followed by a separator, a line break, the end of the file, or a second quote
    that doubles it), so it is never reported. Only quotes that open a field (at the start
    of the file, of a line, or after a separator) count as openings: after a stray quote
    inside an unquoted field ("5" inch", which the parser keeps as text) the pairs of quotes
    shift, but none of the shifted pairs opens at a field start, so nothing is reported. The
    price: an unclosed quote after such a stray one is not found either; the check never
    refuses a file that the parser reads right. Vectorised over the positions of the quotes
    and line breaks of each block (the quote parity, the open field and the bytes at the
    block edges carried from one block to the next), as :func:`short_rows`; a block without
    a quote is only counted (memchr).

    ``breaks``: a list that is set, when nothing is reported, to the file's line breaks:
    ``[raw.count(b"\n"), raw.count(b"\r")]``, counted in this pass over the blocks (the
    reader sizes its columns by them, without reading the file once more)."""
    import numpy as np

    quote, newline = np.uint8(ord('"')), np.uint8(ord("\n"))
    allowed = np.frombuffer(_AFTER_CLOSING_QUOTE + separator.encode("ascii"), dtype=np.uint8)
    openers = np.frombuffer(b"\n" + separator.encode("ascii"), dtype=np.uint8)
    lines = 0  # line breaks before the block
    previous = newline  # the byte before the block (the file starts as after a line break)
    open_at: tuple[int, bool] | None = None  # an open field's line and whether it opens one
    pending: tuple[int, int] | None = None  # a closing quote at a block's end: its lines
    returns = 0  # "\r" bytes (memchr finds none in most blocks)
    for chunk in blocks(raw, size):
        data = chunk if isinstance(chunk, bytes) else bytes(chunk)
        if b"\r" in data:
            returns += data.count(b"\r")
        if pending is not None:
            if data[0] not in allowed:
                return pending
            pending = None
        if open_at is None and b'"' not in data:  # nothing opens or closes here (memchr)
            lines += data.count(b"\n")
            previous = data[-1]
            continue
        block = np.frombuffer(data, dtype=np.uint8)
        quotes = np.flatnonzero(block == quote)
        ends = np.flatnonzero(block == newline)
        if len(quotes):
            # a block that starts inside a quoted field opens it at -1
            bounds = np.concatenate(([-1], quotes)) if open_at is not None else quotes
            opens, closes = bounds[0::2], bounds[1::2]
            line_of = np.searchsorted(ends, np.maximum(bounds, 0)) + lines + 1
            open_lines, close_lines = line_of[0::2], line_of[1::2]
            before = block[np.maximum(opens - 1, 0)]
            starts = np.isin(before, openers)
            starts[opens == 0] = previous in openers
            if open_at is not None:
                open_lines[0], starts[0] = open_at
            paired = len(closes)
            after_at = closes + 1
            inside = after_at < len(block)
            follows_ok = np.ones(paired, dtype=bool)
            follows_ok[inside] = np.isin(block[after_at[inside]], allowed)
            spans = close_lines > open_lines[:paired]
            bad = np.flatnonzero(spans & starts[:paired] & ~follows_ok)
            if len(bad):
                first = bad[0]
                return int(open_lines[first]), int(close_lines[first])
            last_close = paired - 1
            if paired and not inside[last_close] and spans[last_close] and starts[last_close]:
                pending = (int(open_lines[last_close]), int(close_lines[last_close]))
            open_at = ((int(open_lines[-1]), bool(starts[-1])) if len(opens) > paired
                       else None)
        lines += len(ends)
        previous = block[-1]
    if breaks is not None:
        breaks[:] = [lines, returns]
    return None
