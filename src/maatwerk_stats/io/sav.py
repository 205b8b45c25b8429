"""Writing SPSS ``.sav`` files with their metadata, reproducibly.

ReadStat stamps the current date and time into the file header; :func:`write_sav` overwrites
that stamp with a fixed moment (``SOURCE_DATE_EPOCH`` when set, else 1 January 2024) so the
same data give the same bytes.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import OutputError, quoted_list
from .reproducible import build_epoch

if TYPE_CHECKING:
    import pandas as pd

    from .dataset import Dataset

# Offsets in the .sav header (SPSS system file format): "$FL2", product name (60), layout
# code, nominal case size, compression, weight index, number of cases (4 each), bias (8),
# creation date (9, "dd mmm yy") and creation time (8, "hh:mm:ss").
_DATE_OFFSET = 4 + 60 + 4 * 5 + 8
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
def _stamp_header(path: Path, epoch: int) -> None:
    moment = time.gmtime(epoch)
    date = f"{moment.tm_mday:02d} {_MONTHS[moment.tm_mon - 1]} {moment.tm_year % 100:02d}"
    clock = f"{moment.tm_hour:02d}:{moment.tm_min:02d}:{moment.tm_sec:02d}"
    with path.open("r+b") as handle:
        if handle.read(4) not in (b"$FL2", b"$FL3"):
            return
        handle.seek(_DATE_OFFSET)
        handle.write((date + clock).encode("ascii"))


def write_sav(frame: pd.DataFrame, path: str | Path, *,
              column_labels: Mapping[str, str | None] | None = None,
              value_labels: Mapping[str, Mapping[Any, str]] | None = None,
              missing_ranges: Mapping[str, list[Any]] | None = None,
              measures: Mapping[str, str] | None = None,
              formats: Mapping[str, str] | None = None,
              file_label: str | None = None, epoch: int | None = None) -> None:
    """Write ``frame`` as an SPSS file with labels and user-missing codes, dated ``epoch``
    (default: :func:`~.reproducible.build_epoch`). ``formats``: SPSS display formats by
    column (``F8.0``); a column without one gets pyreadstat's ``F8.2``."""
    import pyreadstat

    bad = [str(c) for c in frame.columns if not valid_spss_name(str(c))]
    if bad:
        raise OutputError(
            en=f"{path}: SPSS cannot store the column name{'s' if len(bad) > 1 else ''} "
               f"{quoted_list(bad, 5)} (a name starts with a letter, has no spaces, and holds "
               "at most 64 bytes of letters, digits and . _ $ # @). Rename the column(s) in "
               "the data, or use scores.csv instead of the .sav output.",
            nl=f"{path}: SPSS kan de kolomna{'men' if len(bad) > 1 else 'am'} "
               f"{quoted_list(bad, 5, lang='nl')} niet opslaan (een naam begint met een "
               "letter, heeft geen spaties en bestaat uit hoogstens 64 bytes aan letters, "
               "cijfers en . _ $ # @). Geef de kolom(men) een andere naam in de gegevens, of "
               "gebruik scores.csv in plaats van de .sav-uitvoer.")
    path = Path(path)
    labels = {c: (column_labels or {}).get(c) for c in frame.columns}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        pyreadstat.write_sav(
            frame, str(temporary),
            column_labels=[labels[c] for c in frame.columns],
            variable_value_labels={k: dict(v) for k, v in (value_labels or {}).items()},
            missing_ranges={k: list(v) for k, v in (missing_ranges or {}).items()},
            variable_measure=dict(measures or {}),
            variable_format={k: v for k, v in (formats or {}).items() if k in labels},
            file_label=file_label,
        )
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(en=f"cannot write {path}: {exc.strerror or exc}.",
                          nl=f"kan {path} niet schrijven: {exc.strerror or exc}.") from exc
    except Exception as exc:  # pyreadstat.ReadstatError and friends: the data, not our code
        temporary.unlink(missing_ok=True)
        raise OutputError(
            en=f"SPSS could not store the data in {path} ({exc}). Check column names and "
               "labels, or use scores.csv instead.",
            nl=f"SPSS kon de gegevens niet opslaan in {path} ({exc}). Controleer de "
               "kolomnamen en labels, of gebruik in plaats daarvan scores.csv.") from exc
    _stamp_header(temporary, build_epoch() if epoch is None else epoch)
    os.replace(temporary, path)


_RESERVED = {"ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"}


def valid_spss_name(name: str) -> bool:
    """Whether SPSS accepts ``name`` as a variable name (IBM SPSS Statistics, "Variable
    names"): a letter (or @ # $) first, then letters, digits and . _ $ # @, at most 64 bytes,
    not ending in a full stop, not a reserved keyword."""
    return (bool(re.fullmatch(r"[^\W\d_][\w.$#@]*|[@#$][\w.$#@]*", name))
            and not name.endswith(".") and len(name.encode("utf-8")) <= 64
            and name.upper() not in _RESERVED)


def write_sav_with_scores(dataset: Dataset, scores: pd.DataFrame, labels: Mapping[str, str],
                          path: str | Path) -> None:
    """The input data with scale-score columns appended, keeping the SPSS metadata of the
    input (labels, value labels, user-missing codes with their original values, display
    formats). From another format, a whole-number id column gets a format without decimals
    (SPSS shows 101, not 101.00), as ``scores.csv`` writes it: users merge on the id."""
    import pyreadstat

    from .dataset import respondent_ids

    formats: dict[str, str] = {}
    if dataset.file_format == "sav":
        raw, meta = pyreadstat.read_sav(str(dataset.path), user_missing=True)
        column_labels = dict(meta.column_names_to_labels or {})
        value_labels = dict(meta.variable_value_labels or {})
        missing: dict[str, list[Any]] = dict(meta.missing_ranges or {})
        measures = {k: v for k, v in (meta.variable_measure or {}).items() if v != "unknown"}
        formats = dict(meta.original_variable_types or {})
    else:
        raw = dataset.frame.copy()
        column_labels, value_labels, missing, measures = {}, {}, {}, {}
    taken = set(raw.columns)
    for column in scores.columns:
        if column in taken and column in dataset.frame.columns and column not in labels:
            if dataset.file_format != "sav" and scores[column].dtype.kind in "iu":
                # a whole-number id (respondent_ids: int64, or Int64 with a missing id)
                digits = len(str(respondent_ids(raw[column]).abs().max()))
                formats[column] = f"F{max(8, digits + 1)}.0"  # room for a minus sign
            continue  # the id column, already there
        name = column if column not in taken else f"{column}_score"
        raw[name] = scores[column].to_numpy()
        column_labels[name] = labels.get(column, column)
        measures[name] = "scale"
    write_sav(raw, path, column_labels=column_labels, value_labels=value_labels,
              missing_ranges=missing, measures=measures, formats=formats)
