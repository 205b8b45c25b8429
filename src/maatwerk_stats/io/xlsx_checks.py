"""Excel input that would otherwise hang or be misread (issue 10, classes 1 and 9).

- A zip bomb: an ``.xlsx`` is a zip, and a 257 KB file can declare 250 MB of sheet XML
  (openpyxl then ran 41 s to 4.7 GB and a MemoryError). The sizes the archive declares are
  checked before anything is unpacked: more than :data:`MAX_UNPACKED` in all, or more than
  :data:`MAX_RATIO` times the file's own size beyond :data:`RATIO_FLOOR`, is refused.
- A zip that lies about its sizes: the check above reads the declared sizes, so a member
  declaring 1,000 bytes may hold 200 MB. Python's ``zipfile`` never unpacks more than a
  member declares (``ZipExtFile`` stops at ``file_size``) and then finds the CRC-32 wrong, so
  reading stays bounded by the declared (checked) sizes; :func:`read_error` turns that
  ``BadZipFile`` into a message that says what it is.
- Duplicate column names: pandas renames a second ``leeftijd`` to ``leeftijd.1``; the header
  row is read as it is written instead, so the same check as for CSV refuses it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import InputFileError

MAX_UNPACKED = 1 << 30  # 1 GiB of XML: far beyond any questionnaire export
MAX_RATIO = 100  # sheet XML compresses about 5–20 times; a zip bomb 1,000 times
RATIO_FLOOR = 50 << 20  # small workbooks may compress well: the ratio counts beyond 50 MiB


def read_error(path: Path, exc: Exception) -> InputFileError:
    """The message for a workbook the reader could not read (``exc`` from openpyxl)."""
    if isinstance(exc, zipfile.BadZipFile) and "CRC-32" in str(exc):
        member = str(exc).rsplit(" ", 1)[-1]
        return InputFileError(
            f"{path} is damaged: member {member} does not unpack to the size and checksum "
            "the archive declares (a zip bomb, or a damaged file); not read. Save the sheet "
            "again from Excel, or export it as CSV.")
    return InputFileError(
        f"{path} could not be read as an Excel .xlsx workbook ({exc}). Save it again from "
        "Excel as .xlsx, or export the sheet as CSV.")


def check_archive(path: Path) -> None:
    """Refuse an ``.xlsx`` whose declared unpacked size is out of all proportion (module
    docstring); a file that is not a zip is left to the reader's own message."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return
    packed = max(path.stat().st_size, 1)
    if unpacked > MAX_UNPACKED or (unpacked > RATIO_FLOOR and unpacked > MAX_RATIO * packed):
        raise InputFileError(
            f"{path} would unpack to {unpacked / 2**20:,.0f} MB from {packed / 2**10:,.0f} KB "
            f"(more than {MAX_RATIO} times its size: a zip bomb, or a damaged file); not read. "
            "Save the sheet again from Excel, or export it as CSV.")
