"""A python-docx document as reproducible bytes: the same content gives the same file."""

from __future__ import annotations

from typing import Any


def reproducible_docx(document: Any, title: str) -> bytes:
    """``document`` saved with fixed core properties (dates from ``SOURCE_DATE_EPOCH``) and
    a normalised zip (:mod:`maatwerk_stats.io.reproducible`)."""
    import io
    from datetime import UTC, datetime

    from ..io.reproducible import build_epoch, normalize_zip

    moment = datetime.fromtimestamp(build_epoch(), tz=UTC).replace(tzinfo=None)
    properties = document.core_properties
    properties.title = title[:255]  # the limit of the core properties
    properties.author = "maatwerk-stats"
    properties.last_modified_by = "maatwerk-stats"
    properties.comments = ""
    properties.revision = 1
    properties.created = properties.modified = properties.last_printed = moment
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())
