"""factsheet --sheet (publish/factsheet.py): the sheet of every data file that is a
workbook, a note naming it, and a clear error when no data file is a workbook."""

from __future__ import annotations

from pathlib import Path

import pytest

from maatwerk_stats import load_config
from maatwerk_stats.errors import OptionError
from maatwerk_stats.io.dataset import sheet_notes
from maatwerk_stats.publish.factsheet import resolve_inputs

FILES = Path(__file__).resolve().parent / "fuzz" / "files"


def test_the_sheet_is_read_of_workbooks_and_named_in_a_note():
    config = load_config(FILES / "teams_two_sheets.toml")
    inputs = resolve_inputs(config, {}, sheet="2")
    dataset = inputs.read(inputs.survey)
    assert dataset.source["sheet"] == "Data" and len(dataset.frame) == 191
    (note,) = sheet_notes([dataset])
    assert note.kind == "workbook_sheet_read" and note.values["number"] == 2
    assert note.text().endswith("has 2 sheets ('Sheet', 'Data'); read 'Data' (number 2).")


def test_a_csv_beside_the_sheet_is_read_as_it_is():
    config = load_config(FILES / "teams_hidden.toml")
    inputs = resolve_inputs(load_config(FILES / "teams_two_sheets.toml"), {}, sheet="Data")
    csv = inputs.read(config.data["survey"])  # --sheet does not apply to a CSV
    assert csv.source.get("sheet") is None and sheet_notes([csv]) == []


def test_a_sheet_without_any_workbook_is_refused():
    with pytest.raises(OptionError, match=r"none of the data files .* is an Excel workbook"):
        resolve_inputs(load_config(FILES / "teams_hidden.toml"), {}, sheet="1")
