"""The in-memory form of a data file: a frame plus per-variable metadata."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Variable:
    """Metadata of one column, as SPSS keeps it (empty for plain CSV columns).

    ``missing_codes`` and ``missing_ranges`` are the declared user-missing values; the values
    themselves have already been replaced by NaN in the frame, and ``n_user_missing`` counts
    how many cells that affected.
    """

    name: str
    label: str | None = None
    value_labels: Mapping[Any, str] = field(default_factory=dict)
    missing_codes: tuple[Any, ...] = ()
    missing_ranges: tuple[tuple[float, float], ...] = ()
    measure: str | None = None
    n_user_missing: int = 0

    def is_user_missing(self, value: Any) -> bool:
        if value in self.missing_codes:
            return True
        if isinstance(value, int | float):
            return any(lo <= value <= hi for lo, hi in self.missing_ranges)
        return False

    def display_label(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class Dataset:
    """A data file as read: ``frame`` (user-missing → NaN) and its ``variables`` metadata.

    ``source`` records how the file was read (format, encoding, separator, decimal mark) so
    the codebook and ``results.json`` can say it; ``sha256`` identifies the exact input.
    """

    frame: pd.DataFrame
    variables: Mapping[str, Variable]
    path: Path
    file_format: str
    sha256: str
    source: Mapping[str, Any] = field(default_factory=dict)
    spss_meta: Any = None  # pyreadstat metadata, kept for --write-sav

    @property
    def name(self) -> str:
        return str(self.path)

    def variable(self, column: str) -> Variable:
        return self.variables.get(column) or Variable(column)

    def label(self, column: str) -> str:
        return self.variable(column).display_label()

    def provenance(self) -> dict[str, Any]:
        return {"path": str(self.path), "sha256": self.sha256, "format": self.file_format,
                **{k: v for k, v in self.source.items() if v is not None}}


def code_text(value: Any) -> str | None:
    """A stored code as text: 1.0 → "1", " na " → "na", NaN → None."""
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            return str(int(value))
        return repr(value)
    try:
        if value != value:  # pandas NA-likes
            return None
    except (TypeError, ValueError):
        return None
    text = str(value).strip()
    return text or None
