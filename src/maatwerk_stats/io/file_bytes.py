"""A data file's bytes, read from disk when they are looked at, never held whole (memory).

The CSV reader looks at a file's bytes several times: its head (encoding, separator,
header), all of it in blocks (the SHA-256, the UTF-8 check, line counts, short rows) and
through pandas' parser. Held as one ``bytes`` object a 500 MB file stays in memory beside the
columns parsed from it, which are about as large; :class:`FileBytes` gives the same
operations (``len``, slices, ``startswith``, ``count``, blocks) reading each range from the
file when asked, so at most one block (:data:`BLOCK` bytes) of it is in memory at a time,
and :func:`binary` opens either a file or in-memory bytes as the binary file pandas reads.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

BLOCK = 1 << 22  # bytes read at a time (4 MiB)


class FileBytes:
    """The bytes of the file at ``path`` (its size when created: the reader never writes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.size = path.stat().st_size
        # max(count(b"\n"), count(b"\r")) once a pass over the file has counted them (the
        # CSV reader's quote check), so that nothing reads the file again for it
        self.line_breaks: int | None = None

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, where: slice) -> bytes:
        if not isinstance(where, slice) or where.step not in (None, 1):
            raise TypeError("FileBytes supports slices [start:stop] only")
        start, stop, _ = where.indices(self.size)
        if stop <= start:
            return b""
        with self.path.open("rb") as handle:
            handle.seek(start)
            return handle.read(stop - start)

    def startswith(self, prefix: bytes | tuple[bytes, ...]) -> bool:
        prefixes = (prefix,) if isinstance(prefix, bytes) else prefix
        head = self[:max(map(len, prefixes), default=0)]
        return head.startswith(prefixes)

    def blocks(self, size: int | None = None) -> Iterator[bytes]:
        """The file in consecutive blocks of ``size`` (:data:`BLOCK`) bytes, the last one
        shorter."""
        with self.path.open("rb") as handle:
            while block := handle.read(size or BLOCK):
                yield block

    def count(self, sub: bytes) -> int:
        """``bytes.count`` of a one-byte ``sub`` (a line break), block by block."""
        if len(sub) != 1:
            raise ValueError("FileBytes.count counts single bytes")
        return sum(block.count(sub) for block in self.blocks())


def binary(raw: bytes | FileBytes) -> BinaryIO:
    """``raw`` as a binary file to read (close it when done): the file itself, or a
    ``BytesIO`` of in-memory bytes."""
    if isinstance(raw, FileBytes):
        return raw.path.open("rb")
    return io.BytesIO(raw)


def blocks(raw: bytes | FileBytes, size: int | None = None) -> Iterator[bytes | memoryview]:
    """``raw`` in consecutive blocks of ``size`` (:data:`BLOCK`) bytes (views of in-memory
    bytes)."""
    if isinstance(raw, FileBytes):
        yield from raw.blocks(size)
        return
    size = size or BLOCK
    view = memoryview(raw)
    for start in range(0, len(raw), size):
        yield view[start:start + size]


class _FileSpan(io.RawIOBase):
    """Bytes ``start``..``stop`` of the file at ``path`` as a raw binary file."""

    def __init__(self, path: Path, start: int, stop: int) -> None:
        super().__init__()
        self._file = path.open("rb")
        self._file.seek(start)
        self._left = max(stop - start, 0)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        size = min(len(buffer), self._left)
        if size <= 0:
            return 0
        got = self._file.readinto(memoryview(buffer)[:size])
        self._left -= got
        return got

    def close(self) -> None:
        self._file.close()
        super().close()


def binary_span(raw: bytes | FileBytes, start: int, stop: int) -> BinaryIO:
    """Bytes ``start``..``stop`` of ``raw`` as a binary file to read (close it when done), as
    :func:`binary` gives all of them: a file read from disk (one buffer at a time, never
    whole), or a ``BytesIO`` of that part of in-memory bytes."""
    if isinstance(raw, FileBytes):
        return io.BufferedReader(_FileSpan(raw.path, start, stop), buffer_size=1 << 20)
    return io.BytesIO(raw[start:stop])
