"""The bytes of the font files matplotlib draws with, read once per process.

``report.figures.matplotlib_fonts`` gives matplotlib's font objects these bytes in memory
instead of the files, which matplotlib reads with two system calls per glyph (see there);
the file reading is here, in the reading layer (DESIGN.md §2). A figure process reads each
font file once (about 0.7 MB each, DejaVu Sans and its bold face) and its forked children
share the bytes."""

from __future__ import annotations

_contents: dict[str, bytes] = {}  # font file path → its bytes, for the life of the process


def font_bytes(path: str) -> bytes:
    """The bytes of the font file at ``path``, read from the file the first time only."""
    if path not in _contents:
        with open(path, "rb") as file:
            _contents[path] = file.read()
    return _contents[path]
