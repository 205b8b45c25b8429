"""All tables in one Excel workbook, a sheet per table, byte-reproducible."""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..io.reproducible import build_epoch, normalize_zip

if TYPE_CHECKING:
    import pandas as pd


def _cell(value: Any) -> Any:
    import numpy as np

    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str):
        return _text(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return _text(str(value))


def _text(value: str) -> str:
    """Text without the control characters an .xlsx cannot hold (openpyxl's
    ``ILLEGAL_CHARACTERS_RE``: C0 controls other than tab, newline and carriage return)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)


def tables_workbook(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """An .xlsx with one sheet per table (names cut to Excel's 31 characters), a bold frozen
    header row and full-precision numbers; dates in the file come from SOURCE_DATE_EPOCH.
    Text that looks like a formula (``=HYPERLINK(…)``) is stored as text, never as a formula
    (OWASP, "CSV Injection"); control characters become U+FFFD."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    moment = datetime.fromtimestamp(build_epoch(), tz=UTC).replace(tzinfo=None)
    workbook.properties.created = moment
    workbook.properties.modified = moment
    workbook.properties.creator = "maatwerk-stats"
    used: set[str] = set()
    for name, table in tables.items():
        title = name[:31]
        suffix = 1
        while title in used:
            suffix += 1
            title = f"{name[:28]}_{suffix}"
        used.add(title)
        sheet = workbook.create_sheet(title)
        sheet.append([_text(str(c)) for c in table.columns])
        for row in table.itertuples(index=False):
            sheet.append([_cell(v) for v in row])
        for cells in sheet.iter_rows():
            for cell in cells:
                if cell.data_type == "f":  # text starting with "=": keep it text, not a formula
                    cell.data_type = "s"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for j, column in enumerate(table.columns, start=1):
            width = max([len(str(column))] + [len(str(v)) for v in table[column].head(200)])
            sheet.column_dimensions[get_column_letter(j)].width = min(max(width + 2, 8), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return normalize_zip(buffer.getvalue())
