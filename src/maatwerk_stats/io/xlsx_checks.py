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
- Several sheets: only one is read (the first, or ``sheet``); :func:`workbook_sheets` lists
  them (from ``xl/workbook.xml`` and its relationships, read as text: no XML entities) so
  the reader can record which one was read and refuse a sheet name or number that is not
  there.
- Merged cells: only the first cell of a merged range holds the value, the others read as
  empty, so merged answers would silently become missing. :func:`merged_data_ranges` finds
  the ``<mergeCell ref="B3:B5"/>`` entries of the sheet read (streamed, bounded like the
  rest) and the reader refuses a merge that reaches the data rows, naming the cells.
- Duplicate column names: pandas renames a second ``leeftijd`` to ``leeftijd.1``; the header
  row is read as it is written instead, so the same check as for CSV refuses it.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

from ..errors import InputFileError, number

MAX_UNPACKED = 1 << 30  # 1 GiB of XML: far beyond any questionnaire export
MAX_RATIO = 100  # sheet XML compresses about 5–20 times; a zip bomb 1,000 times
RATIO_FLOOR = 50 << 20  # small workbooks may compress well: the ratio counts beyond 50 MiB


def read_error(path: Path, exc: Exception) -> InputFileError:
    """The message for a workbook the reader could not read (``exc`` from openpyxl)."""
    if isinstance(exc, zipfile.BadZipFile) and "CRC-32" in str(exc):
        member = str(exc).rsplit(" ", 1)[-1]
        return InputFileError(
            en=f"{path} is damaged: member {member} does not unpack to the size and checksum "
               "the archive declares (a zip bomb, or a damaged file); not read. Save the "
               "sheet again from Excel, or export it as CSV.",
            nl=f"{path} is beschadigd: onderdeel {member} pakt niet uit tot de grootte en "
               "controlesom die het archief opgeeft (een zipbom, of een beschadigd bestand); "
               "niet gelezen. Sla het werkblad opnieuw op vanuit Excel, of exporteer het als "
               "CSV.")
    return InputFileError(
        en=f"{path} could not be read as an Excel .xlsx workbook ({exc}). Save it again from "
           "Excel as .xlsx, or export the sheet as CSV.",
        nl=f"{path} kon niet gelezen worden als Excel-werkmap (.xlsx) ({exc}). Sla het "
           "opnieuw op vanuit Excel als .xlsx, of exporteer het werkblad als CSV.")


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
        mega, kilo = unpacked / 2**20, packed / 2**10
        raise InputFileError(
            en=f"{path} would unpack to {mega:,.0f} MB from {kilo:,.0f} KB (more than "
               f"{MAX_RATIO} times its size: a zip bomb, or a damaged file); not read. Save the "
               "sheet again from Excel, or export it as CSV.",
            nl=f"{path} zou uitpakken tot {number(mega, 'nl', ',.0f')} MB uit "
               f"{number(kilo, 'nl', ',.0f')} KB (meer dan {MAX_RATIO} keer de eigen grootte: "
               "een zipbom, of een beschadigd bestand); niet gelezen. Sla het werkblad opnieuw "
               "op vanuit Excel, of exporteer het als CSV.")


_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_SMALL_PART = 8 << 20  # workbook.xml and its relationships: a few KB in any real workbook


def _attribute(tag: bytes, name: str) -> str | None:
    found = re.search(rb"(?:^|\s)" + name.encode() + rb'="([^"]*)"', tag)
    return html.unescape(found.group(1).decode("utf-8", "replace")) if found else None


def workbook_sheets(path: Path) -> list[tuple[str, str]]:
    """(name, archive member) of every worksheet, in the workbook's order; empty when the
    file is not a readable workbook (the reader's own message then says so)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = {}
            for part in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
                info = archive.getinfo(part)
                if info.file_size > _SMALL_PART:
                    return []
                parts[part] = archive.read(info)
    except (KeyError, zipfile.BadZipFile, OSError):
        return []
    targets = {}
    for tag in _RELATION.findall(parts["xl/_rels/workbook.xml.rels"]):
        key, target = _attribute(tag, "Id"), _attribute(tag, "Target")
        if key and target:
            targets[key] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    sheets = []
    for tag in _SHEET.findall(parts["xl/workbook.xml"]):
        name = _attribute(tag, "name")
        key = re.search(rb'\s\w+:id="([^"]*)"', tag)
        member = targets.get(key.group(1).decode()) if key else None
        if name is not None and member is not None:
            sheets.append((name, member))
    return sheets


def merged_data_ranges(path: Path, member: str) -> list[str]:
    """The merged ranges of the sheet in ``member`` that reach below the header row
    (``B3:B5``), in the order written; the member is streamed in blocks of 1 MiB."""
    found: dict[str, None] = {}
    tail = b""
    try:
        with zipfile.ZipFile(path) as archive, archive.open(member) as stream:
            while block := stream.read(1 << 20):
                data = tail + block
                if b"mergeCell" in data:
                    for match in _MERGE.finditer(data):
                        first, last = int(match.group(2)), int(match.group(4) or match.group(2))
                        if max(first, last) >= 2:
                            cells = f"{match.group(1).decode()}{first}"
                            if match.group(3):
                                cells += f":{match.group(3).decode()}{last}"
                            found[cells] = None
                tail = data[-256:]
    except (KeyError, zipfile.BadZipFile, OSError):
        return []
    return list(found)


def resolve_sheet(path: Path, names: list[str], sheet: str | int | None) -> int:
    """The position of the sheet to read: the first without ``sheet``; ``sheet`` is a
    position (int, 0 = the first) or a name, or a number as text counted from 1 ("2" = the
    second) when no sheet has that name."""
    from ..errors import did_you_mean, param

    if sheet is None:
        return 0
    listed = ", ".join(repr(n) for n in names)
    if isinstance(sheet, str) and sheet in names:
        return names.index(sheet)
    if isinstance(sheet, str) and sheet.strip().isdecimal():
        position = int(sheet) - 1
    elif isinstance(sheet, int):
        position = sheet
    else:
        near = did_you_mean(sheet, names)
        raise InputFileError(
            en=f"{path} has no sheet {sheet!r}"
               + (f" (did you mean {near[0]!r}?)" if near else "")
               + f"; its sheets: {listed}. Give {param('sheet', 'NAME')} with one of those "
               "names, or a number (1 = the first).",
            nl=f"{path} heeft geen werkblad {sheet!r}"
               + (f" (bedoelt u {near[0]!r}?)" if near else "")
               + f"; de werkbladen: {listed}. Geef {param('sheet', 'NAME')} met een van die "
               "namen, of een nummer (1 = het eerste).")
    if not 0 <= position < len(names):
        raise InputFileError(
            en=f"{path} has {len(names)} sheet(s) ({listed}); there is no sheet number "
               f"{position + 1}.",
            nl=f"{path} heeft {len(names)} werkblad(en) ({listed}); er is geen werkblad "
               f"nummer {position + 1}.")
    return position
