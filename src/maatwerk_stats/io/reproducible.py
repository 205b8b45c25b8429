"""Reproducible output files: one fixed moment for every date written into a file.

Honours ``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/);
without it, 1 January 2024 00:00 UTC. ZIP-based formats (XLSX, DOCX) stamp every member with
the time of writing; :func:`normalize_zip` rewrites them with the fixed moment.
"""

from __future__ import annotations

import io
import os
import re
import time
import zipfile

_CORE_DATES = re.compile(
    rb"(<(dcterms:created|dcterms:modified|cp:lastPrinted)\b[^>]*>)[^<]*(</\2>)")

DEFAULT_EPOCH = 1704067200  # 2024-01-01T00:00:00Z


def build_epoch() -> int:
    """``SOURCE_DATE_EPOCH`` when set to a number of seconds, else a fixed default."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.strip().isdecimal() else DEFAULT_EPOCH


def build_time() -> time.struct_time:
    return time.gmtime(build_epoch())


def normalize_zip(data: bytes, epoch: int | None = None) -> bytes:
    """The same archive with every member dated ``epoch`` (ZIP stores local time without a
    zone; 1980 is the earliest date it can hold), fixed permissions, and the created /
    modified / printed dates of an Office document's ``docProps/core.xml`` set to it."""
    moment = time.gmtime(build_epoch() if epoch is None else epoch)
    iso = time.strftime("%Y-%m-%dT%H:%M:%SZ", moment).encode("ascii")
    source = zipfile.ZipFile(io.BytesIO(data))
    members = []
    for member in source.infolist():
        content = source.read(member.filename)
        if member.filename == "docProps/core.xml":
            content = _CORE_DATES.sub(lambda m: m.group(1) + iso + m.group(3), content)
        members.append((member.filename, content))
    return zip_archive(members, epoch)


def zip_archive(members: list[tuple[str, bytes]], epoch: int | None = None) -> bytes:
    """A deflated ZIP of ``(name, content)`` in that order, every member dated ``epoch``
    (default :func:`build_epoch`) with fixed permissions: the layout :func:`normalize_zip`
    gives any archive."""
    moment = time.gmtime(build_epoch() if epoch is None else epoch)
    stamp = (max(moment.tm_year, 1980), moment.tm_mon, moment.tm_mday, moment.tm_hour,
             moment.tm_min, moment.tm_sec)
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, content)
    return target_buffer.getvalue()


# the Info dictionary's dates as Chromium (Skia's SkPDF) writes them: (D:YYYYMMDDHHmmSS+HH'mm')
_PDF_DATES = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})([^)]*)(\))")


def normalize_pdf_dates(data: bytes, epoch: int | None = None) -> bytes:
    """The same PDF with its CreationDate and ModDate set to ``epoch`` (UTC), replaced in
    place by a date string of the same length, so the cross-reference table's byte offsets
    stay valid (PDF 1.7, section 7.9.4 date format ``D:YYYYMMDDHHmmSSOHH'mm'``; the time
    zone becomes UTC: ``+00'00'``, or ``Z`` where the original has a one-character zone)."""
    moment = time.gmtime(build_epoch() if epoch is None else epoch)
    stamp = time.strftime("%Y%m%d%H%M%S", moment).encode("ascii")

    def utc(match: re.Match[bytes]) -> bytes:
        zone = match.group(3)
        fixed = b"Z" if len(zone) == 1 else b"+00'00'"[:len(zone)]
        return match.group(1) + stamp + fixed + match.group(4)

    result = _PDF_DATES.sub(utc, data)
    assert len(result) == len(data)  # in place: every offset in the file still holds
    return result


# the names Chromium gives the tagged PDF's structure elements (a table header cell's /ID,
# which the data cells' /Headers list): its accessibility tree's node numbers, 8 digits
_PDF_NODE_IDS = re.compile(rb"(?<!\\)\(node(\d{8})\)")


def normalize_pdf_node_ids(data: bytes) -> bytes:
    """The same PDF with the structure elements' names (``(node00000043)``) renumbered 1, 2, …
    in the order they first appear in the file, each written with the same 8 digits, so every
    string keeps its length and the cross-reference table's byte offsets stay valid.

    Chromium (150) names a tagged PDF's table header cells after the node numbers of its
    accessibility tree, which depend on the order the nodes were made in: two prints of the
    same page, seconds apart, gave ``node00000040`` … in one and ``node00000043`` … in the
    other (1 print in 5 on a loaded machine), all else equal. One old number becomes one new
    number everywhere (in ``/ID`` and in every ``/Headers``), so each data cell still names
    its headers; a ``(node…)`` inside a text string is escaped (``\\(node…\\)``) and left as it
    is."""
    numbers: dict[bytes, bytes] = {}

    def renumber(match: re.Match[bytes]) -> bytes:
        new = numbers.setdefault(match.group(1), b"%08d" % (len(numbers) + 1))
        return b"(node" + new + b")"

    result = _PDF_NODE_IDS.sub(renumber, data)
    assert len(result) == len(data)  # in place (fewer than 10^8 names): offsets still hold
    return result
