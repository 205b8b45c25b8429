"""Read what a code-tree analysis needs and run it: the QDA export, the coded-segments table
that may go with a codebook or summary, the participants table (``maatwerk-stats codes`` and
the factsheet's interviews section share this)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..analyses.codes import CodesResult
    from ..config import StudyConfig
    from ..io.qda import QdaExport


def read_codes_inputs(export: Path, segments: Path | None = None,
                      participants: Path | None = None
                      ) -> tuple[QdaExport, list[object], dict[str, str] | None,
                                 dict[str, dict[str, str]] | None]:
    """The export (with the segments attached), the inputs for the provenance, and the
    participants table's documents and attributes (None without one)."""
    from ..analyses.codes import attach_segments
    from ..errors import InputFileError
    from ..io.qda import read_participants, read_qda

    data = read_qda(export)
    inputs: list[object] = [data]
    if segments is not None:
        extra = read_qda(segments)
        if not extra.has_segments:
            raise InputFileError(
                en=f"{segments} holds no coded segments (it reads as a code summary or "
                   "codebook); the segments that go with a codebook are a table with "
                   "Document, Code and Segment columns.",
                nl=f"{segments} bevat geen gecodeerde fragmenten (het leest als een "
                   "codeoverzicht of codeboek); de fragmenten bij een codeboek zijn een tabel "
                   "met de kolommen Document, Code en Segment.")
        data = attach_segments(data, extra)
        inputs.append(extra)
    documents = attributes = None
    if participants is not None:
        documents, attributes = read_participants(participants)
        inputs.append(participants)
    return data, inputs, documents, attributes


def codes_paths(config: StudyConfig) -> list[Path]:
    """The files a config's ``[codes]`` section reads (kept safe from being overwritten)."""
    settings = config.codes
    if settings is None:
        return []
    return [p for p in (settings.export, settings.segments, settings.participants) if p]


def run_codes(config: StudyConfig) -> tuple[CodesResult, list[object]]:
    """The analysis of the config's ``[codes]`` section with its quotes and
    ``report.min_cell``, and the inputs it read."""
    from ..analyses.codes import analyse_codes
    from ..errors import ConfigError, Text

    settings = config.codes
    if settings is None or settings.export is None:
        raise ConfigError(Text(en="the config has no [codes] export = \"...\" (the QDA export "
                                  "of the interviews)",
                               nl="de config heeft geen [codes] export = \"...\" (de "
                                  "QDA-export van de interviews)"),
                          source=str(config.path) if config.path else None)

    export, inputs, documents, attributes = read_codes_inputs(
        settings.export, settings.segments, settings.participants)
    result = analyse_codes(export, settings, quotes=settings.quotes,
                           min_cell=config.report.min_cell, participants=documents,
                           attributes=attributes)
    return result, inputs
