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
- The head read for that is as long as it must be to hold the header and a data row: a header
  of 2,000 columns is over 64 KiB, and cutting it there reported "a header but no data rows".
"""

from __future__ import annotations

import re

# the first block looked at for the separator and the header; extended until it holds lines
HEAD_BYTES = 65536
HEAD_LINES = 50
_LINE_BREAK = re.compile(r"\r\n|\n|\r")


def utf16_encoding(raw: bytes) -> str | None:
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


def head_lines(raw: bytes, encoding: str) -> list[str]:
    """The first non-blank lines (at most :data:`HEAD_LINES`) of ``raw``, split at line breaks
    only, from a head long enough to hold at least two lines."""
    end = HEAD_BYTES
    while end < len(raw) and len(_LINE_BREAK.findall(raw[:end].decode(
            encoding, errors="ignore"))) < 2:
        end *= 4
    head = raw[:end].decode(encoding, errors="ignore")
    parts = _LINE_BREAK.split(head)
    if end < len(raw) and len(parts) > 1:
        parts = parts[:-1]  # the last line may be cut in the middle
    return [line for line in parts if line.strip()][:HEAD_LINES]


# a UTF-8 sequence of a Latin letter with a diacritic (Ã… / Å…: U+00C0–U+017F), as found in
# Dutch text; in real Windows-1252 text such pairs ("Ã¶") practically never occur
_UTF8_LATIN = re.compile(rb"[\xc3\xc4\xc5][\x80-\xbf]")


def mixed_encoding_line(raw: bytes) -> int | None:
    """For bytes that are not valid UTF-8: the line (from 1) of the first UTF-8 sequence of a
    Latin letter, when there is one (the file mixes encodings); else None."""
    match = _UTF8_LATIN.search(raw)
    if match is None:
        return None
    return raw.count(b"\n", 0, match.start()) + 1
