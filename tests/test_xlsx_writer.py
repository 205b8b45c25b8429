"""The own SpreadsheetML writer (``report/xlsx.py``) against openpyxl: the workbook openpyxl
3.1 wrote for the same tables (the implementation it replaced, kept here as the reference)
must read back, through openpyxl, with the same sheets, values, cell types, bold header,
frozen row and column widths."""

from __future__ import annotations

import io
import math
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from maatwerk_stats.report.xlsx import column_letter, tables_workbook

from .conftest import CONFIG


def _old_cell(value):
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str):
        return _old_text(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return _old_text(str(value))


def _old_text(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)


def openpyxl_workbook(tables):
    """``tables_workbook`` as it was written with openpyxl (main 302dc4c), verbatim."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from maatwerk_stats.io.reproducible import build_epoch, normalize_zip

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
        sheet.append([_old_text(str(c)) for c in table.columns])
        for row in table.itertuples(index=False):
            sheet.append([_old_cell(v) for v in row])
        for cells in sheet.iter_rows():
            for cell in cells:
                if cell.data_type == "f":
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


def read_back(data: bytes) -> dict:
    """Everything a reader sees of a workbook, through openpyxl."""
    book = load_workbook(io.BytesIO(data))
    seen = {"sheets": book.sheetnames, "creator": book.properties.creator,
            "created": book.properties.created, "modified": book.properties.modified}
    for sheet in book.worksheets:
        cells = []
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, float) and math.isnan(value):
                    value = "nan"
                cells.append((cell.coordinate, value, type(value).__name__, cell.data_type,
                               bool(cell.font.b)))
        seen[sheet.title] = {
            "cells": cells, "freeze": sheet.freeze_panes, "max": (sheet.max_row,
                                                                  sheet.max_column),
            "widths": {k: d.width for k, d in sheet.column_dimensions.items()}}
    return seen


@pytest.fixture(scope="module")
def demo_tables() -> dict[str, pd.DataFrame]:
    from maatwerk_stats.config import load_config
    from maatwerk_stats.publish.factsheet import resolve_inputs, run_analyses

    config = load_config(Path(CONFIG))
    return run_analyses(config, resolve_inputs(config, {}), lambda step: None).tables


def test_demo_tables_read_back_as_with_openpyxl(demo_tables, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    ours = tables_workbook(demo_tables)
    assert read_back(ours) == read_back(openpyxl_workbook(demo_tables))
    assert ours == tables_workbook(demo_tables)  # reproducible


def test_column_letters():
    from openpyxl.utils import get_column_letter

    assert [column_letter(n) for n in range(1, 2000)] == [get_column_letter(n)
                                                          for n in range(1, 2000)]


XML_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",),
                                 exclude_characters="\ufffe\uffff"), max_size=40)
SPECIAL = st.sampled_from(["", " ", " x", "x ", "=", "=1+1", "=HYPERLINK(\"x\")", "#N/A",
                           "#DIV/0!", "a\r\nb", "a\rb", "\t", "<&>\"'", "-1",
                           "+31 6", "@SUM(A1)", "\x1b[31m", "\x85", "x" * 70])
VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(-10**18, 10**18),
    st.floats(allow_nan=True, allow_infinity=True), XML_TEXT, SPECIAL,
    st.sampled_from([np.float64(0.1), np.int64(7), np.bool_(True), pd.NA, pd.NaT,
                     np.float32(0.3), pd.Timestamp("2024-05-01")]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(columns=st.lists(st.one_of(XML_TEXT, SPECIAL, st.integers(0, 9)), min_size=0,
                        max_size=4),
       values=st.lists(st.lists(VALUE, min_size=4, max_size=4), min_size=0, max_size=6),
       names=st.lists(st.sampled_from(["t", "x" * 31 + "a", "x" * 31 + "b", "x" * 29]),
                      min_size=1, max_size=3))
def test_any_table_reads_back_as_with_openpyxl(columns, values, names):
    width = len(columns)
    frame = pd.DataFrame([row[:width] for row in values], columns=columns) if width else (
        pd.DataFrame(index=range(len(values))))
    tables = dict(zip(names, [frame] * len(names), strict=True))
    assert read_back(tables_workbook(tables)) == read_back(openpyxl_workbook(tables))


def test_long_text_is_cut_as_openpyxl_cut_it():
    tables = {"t": pd.DataFrame({"a": ["x" * 33000, "é" * 40000]})}
    assert read_back(tables_workbook(tables)) == read_back(openpyxl_workbook(tables))


def test_noncharacters_become_replacement():
    """U+FFFE and U+FFFF cannot stand in XML (openpyxl refused the whole workbook)."""
    data = tables_workbook({"t": pd.DataFrame({"a\ufffe": ["x\uffffy"]})})
    sheet = load_workbook(io.BytesIO(data))["t"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["a\ufffd"],
                                                                     ["x\ufffdy"]]
