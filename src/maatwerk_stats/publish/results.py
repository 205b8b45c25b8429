"""One way to write a command's result: its tables as CSV and ``results.json``.

``results.json`` holds the provenance (inputs with their SHA-256, the config, the options,
software versions), the notes and warnings (structured, without respondent ids: see
:class:`maatwerk_stats.notes.Note`), anything a command adds, and the same tables as the CSVs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..errors import library_reference
from ..notes import Note, Reference
from .provenance import provenance

if TYPE_CHECKING:
    import pandas as pd

    from ..config import StudyConfig
    from ..io.write import OutputWriter


def write_result(writer: OutputWriter, command: str, tables: Mapping[str, pd.DataFrame], *,
                 inputs: Iterable[Any], config: StudyConfig | None,
                 options: Mapping[str, Any] | None = None, notes: Iterable[Note] = (),
                 warnings: Iterable[Note] = (), extra: Mapping[str, Any] | None = None,
                 json_tables: Mapping[str, pd.DataFrame] | None = None,
                 folder: str = "", reference: Reference = library_reference) -> None:
    """Stage ``tables`` as ``{folder}{name}.csv`` and ``results.json`` in ``writer``.

    ``json_tables`` (default: ``tables``) are the tables ``results.json`` holds; ``extra``
    adds keys after the provenance; ``reference`` writes the parameters notes refer to (the
    CLI passes its flags)."""
    for name, table in tables.items():
        writer.write_csv(f"{folder}{name}.csv", table)
    record: dict[str, Any] = {"provenance": provenance(command, inputs, config, options)}
    record.update(extra or {})
    record["notes"] = [note.record(reference) for note in notes]
    warnings = list(warnings)
    if warnings:
        record["warnings"] = [note.record(reference) for note in warnings]
    record["tables"] = dict(json_tables if json_tables is not None else tables)
    writer.write_json("results.json", record)
