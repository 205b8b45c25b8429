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
    if value is None or isinstance(value, bool | int | float | str):
        return value
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def tables_workbook(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """An .xlsx with one sheet per table (names cut to Excel's 31 characters), a bold frozen
    header row and full-precision numbers; dates in the file come from SOURCE_DATE_EPOCH."""
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
        sheet.append([str(c) for c in table.columns])
        for row in table.itertuples(index=False):
            sheet.append([_cell(v) for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for j, column in enumerate(table.columns, start=1):
            width = max([len(str(column))] + [len(str(v)) for v in table[column].head(200)])
            sheet.column_dimensions[get_column_letter(j)].width = min(max(width + 2, 8), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return normalize_zip(buffer.getvalue())
