"""Read SPSS, Stata, CSV/TSV and Excel files into a :class:`Dataset`.

SPSS user-missing values (``MISSING VALUES`` in SPSS, e.g. 9 = "weet niet") become NaN and are
counted per variable, so the codebook can report them; the labels stay in the metadata.

CSV files exported from Excel in a Dutch locale are the hard case: ``;`` as separator, decimal
comma, Windows-1252 or UTF-8 with a byte-order mark. The separator is detected from the header
and the first lines, the encoding by trying UTF-8 (with or without BOM) before Windows-1252, and
the decimal mark per column: a column is numeric when every non-empty cell is a number written
with ``.`` or, for ``;``- and tab-separated files, with ``,``.
"""

from __future__ import annotations

import csv
import hashlib
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import InputFileError, Text, row_list, rows_where
from .dataset import NOT_IN_A_NUMBER, Dataset, Variable, narrow, narrow_frame
from .file_bytes import FileBytes, binary, blocks
from .text_checks import (
    csv_rows,
    head_lines,
    header_line_break,
    mixed_encoding_line,
    short_rows,
    unclosed_quote_lines,
    utf16_encoding,
)
from .xlsx_checks import (
    check_archive,
    merged_data_ranges,
    read_error,
    resolve_sheet,
    workbook_sheets,
)

SPSS_SUFFIXES = {".sav": "sav", ".zsav": "sav", ".por": "por", ".dta": "dta"}
TEXT_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".txt": "csv"}
EXCEL_SUFFIXES = {".xlsx": "xlsx", ".xlsm": "xlsx"}
SUPPORTED = ", ".join(sorted({*SPSS_SUFFIXES, *TEXT_SUFFIXES, *EXCEL_SUFFIXES}))

# Cells that mean "no answer" in text files. "." is SPSS's system-missing when exported.
NA_STRINGS = frozenset({"", ".", "NA", "N/A", "n/a", "#N/A", "NaN", "nan", "NULL", "null"})



def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _hash_in_background(raw: bytes | FileBytes) -> Any:
    """The SHA-256 of the file's bytes, computed in a thread while the file is parsed
    (hashlib leaves the interpreter lock while it hashes; so does pandas' C tokenizer):
    ``.result()`` is :func:`sha256_of` of the file (block by block: a :class:`FileBytes` is
    read again, one block at a time, not held whole)."""
    from concurrent.futures import Future
    from threading import Thread

    future: Future[str] = Future()

    def run() -> None:
        try:
            digest = hashlib.sha256()
            for block in blocks(raw):
                digest.update(block)
            future.set_result(digest.hexdigest())
        except BaseException as exc:  # e.g. the file became unreadable: .result() raises
            future.set_exception(exc)

    Thread(target=run, name="sha256", daemon=True).start()
    return future


def read_data(path: str | Path, *, sheet: str | int | None = None,
              categorical: Iterable[str] = ()) -> Dataset:
    """Read a data file; the format follows the file name's extension.

    Supported: SPSS ``.sav``/``.zsav``/``.por``, Stata ``.dta``, ``.csv``/``.tsv``/``.txt``
    (separator, encoding and decimal mark detected) and Excel ``.xlsx`` (first sheet unless
    ``sheet`` is given: a name, a position counted from 0, or a number as text counted from 1;
    ``source["sheet"]`` says which was read and ``source["sheets"]`` lists them). Raises
    :class:`InputFileError` with a message naming the file when the file is missing, empty
    or not what its name says (or a CSV row is short, a workbook's data has merged cells).

    ``categorical`` names text columns of a CSV or workbook to hand over as pandas
    categoricals of the same texts (stripped, NA strings missing) instead of object columns:
    a consumer that codes them (:func:`maatwerk_stats.io.dataset.code_categories`, e.g. the
    vignette ids and factor levels of 900,000 ratings) then works on the parser's integer
    codes instead of hashing every cell's text again. ``frame[c].astype(object)`` is the
    object column exactly; numeric columns stay numeric; other formats ignore it.
    """
    path = Path(path)
    if not path.exists():
        raise not_found(path)
    if path.is_dir():
        raise InputFileError(en=f"{path} is a directory, not a data file.",
                             nl=f"{path} is een map, geen gegevensbestand.")
    if path.stat().st_size == 0:
        raise InputFileError(en=f"{path} is empty (0 bytes). Export the data again.",
                             nl=f"{path} is leeg (0 bytes). Exporteer de gegevens opnieuw.")
    suffix = path.suffix.lower()
    if suffix in SPSS_SUFFIXES:
        return _read_spss(path, SPSS_SUFFIXES[suffix])
    if suffix in TEXT_SUFFIXES:
        return _read_text(path, "tsv" if suffix == ".tsv" else "csv", frozenset(categorical))
    if suffix in EXCEL_SUFFIXES:
        return _read_excel(path, sheet, frozenset(categorical))
    raise InputFileError(
        en=f"{path}: unsupported file type {suffix or '(no extension)'!r}. "
           f"Supported: {SUPPORTED}.",
        nl=f"{path}: bestandstype {suffix or '(geen extensie)'!r} wordt niet ondersteund. "
           f"Ondersteund: {SUPPORTED}.")


def not_found(path: Path) -> InputFileError:
    """The message for an input file that is not there (data files, QDA exports)."""
    return InputFileError(
        en=f"{path}: file not found. Check the path (current directory: {Path.cwd()}).",
        nl=f"{path}: bestand niet gevonden. Controleer het pad (huidige map: {Path.cwd()}).")


# --------------------------------------------------------------------------------------------
# SPSS / Stata


def _read_spss(path: Path, kind: str) -> Dataset:
    import numpy as np

    names = {"sav": Text("an SPSS .sav file", "een SPSS .sav-bestand"),
             "por": Text("an SPSS portable .por file", "een SPSS portable .por-bestand"),
             "dta": Text("a Stata .dta file", "een Stata .dta-bestand")}
    kwargs: dict[str, Any] = {"user_missing": True} if kind in ("sav", "dta") else {}
    fast, digest = _read_numeric_sav(path) if kind == "sav" else (None, None)
    if fast is None:  # imported only here: the fast path reads without pyreadstat
        import pyreadstat

        reader = {"sav": pyreadstat.read_sav, "por": pyreadstat.read_por,
                  "dta": pyreadstat.read_dta}[kind]
    try:
        frame, meta = fast if fast is not None else reader(str(path), **kwargs)
    except Exception as exc:  # pyreadstat raises its own ReadstatError/PyreadstatError
        raise InputFileError(
            en=f"{path} could not be read as {names[kind].en} ({exc}). The file may be "
               "truncated or of another format; export it again from SPSS (File > Save As).",
            nl=f"{path} kon niet gelezen worden als {names[kind].nl} ({exc}). Het bestand is "
               "misschien onvolledig (afgebroken) of van een ander formaat; exporteer het "
               "opnieuw uit SPSS (File > Save As).") from exc
    if frame.shape[1] == 0:
        raise InputFileError(en=f"{path} holds no variables.",
                             nl=f"{path} bevat geen variabelen.")
    if frame.shape[0] == 0:
        raise InputFileError(en=f"{path} holds variables but no cases (rows).",
                             nl=f"{path} bevat variabelen maar geen respondenten (rijen).")

    labels = meta.column_names_to_labels or {}
    value_labels = meta.variable_value_labels or {}
    ranges = getattr(meta, "missing_ranges", None) or {}
    user_values = getattr(meta, "missing_user_values", None) or {}
    measures = getattr(meta, "variable_measure", None) or {}

    variables: dict[str, Variable] = {}
    for column in frame.columns:
        codes: list[Any] = []
        spans: list[tuple[float, float]] = []
        for spec in ranges.get(column, []):
            lo, hi = spec["lo"], spec["hi"]
            if lo == hi:
                codes.append(lo)
            else:
                spans.append((float(lo), float(hi)))
        codes.extend(user_values.get(column, []))
        n_missing = 0
        if codes or spans:
            series = frame[column]
            mask = series.isin(codes)
            for lo, hi in spans:
                mask |= (series >= lo) & (series <= hi)
            n_missing = int(mask.sum())
            if n_missing:
                frame[column] = series.where(~mask, np.nan)
        if frame[column].dtype == object or str(frame[column].dtype).startswith("str"):
            # SPSS stores empty strings for blank string answers: treat them as missing
            frame[column] = frame[column].replace("", np.nan)
        measure = measures.get(column)
        variables[column] = Variable(
            name=column,
            label=printable(labels.get(column)) or None,
            value_labels={k: printable(v) for k, v in value_labels.get(column, {}).items()},
            missing_codes=tuple(codes),
            missing_ranges=tuple(spans),
            measure=None if measure in (None, "unknown") else measure,
            n_user_missing=n_missing,
        )
    return Dataset(frame=frame, variables=variables, path=path, file_format=kind,
                   sha256=digest.result() if digest is not None else sha256_of(path),
                   source={"format": kind}, spss_meta=meta)


def _read_numeric_sav(path: Path) -> tuple[Any, Any]:
    """``((frame, meta), digest)`` by :func:`maatwerk_stats.io.sav_fast.read_numeric_sav`
    for an uncompressed all-numeric .sav (the SHA-256 computed from the same bytes, in a
    thread), else ``(None, None)``: pyreadstat reads the file."""
    from .sav_fast import HEADER_SIZE, read_numeric_sav

    with path.open("rb") as handle:
        head = handle.read(HEADER_SIZE)
    if len(head) < HEADER_SIZE or head[:4] != b"$FL2" or head[72:76] != bytes(4):
        return None, None  # not an uncompressed .sav: no need to read it twice
    raw = path.read_bytes()
    digest = _hash_in_background(raw)
    fast = read_numeric_sav(path, raw)
    return (fast, digest) if fast is not None else (None, None)


# --------------------------------------------------------------------------------------------
# Text files


def _detect_encoding(raw: bytes | FileBytes) -> str:
    """UTF-16 (by its BOM), UTF-8 (with or without BOM) if the bytes are valid UTF-8, else
    Windows-1252 (Excel's "CSV" in a Dutch locale), else Latin-1. Checked in chunks, so the
    whole file is never held as text."""
    import codecs

    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    for encoding in ("utf-8", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for block in blocks(raw, 1 << 20):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8":
            return "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
        return encoding
    return "latin-1"


ENCODING_NAMES = {"cp1252": "windows-1252"}


def _looks_binary(raw: bytes | FileBytes) -> bool:
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return control > max(2, len(sample) // 100)


def _sniff_separator(lines: list[str]) -> str:
    """The candidate (``;``, ``,``, tab, ``|``) that splits the header and first lines alike."""
    best, best_score = ",", (-1, -1)
    for sep in (";", ",", "\t", "|"):
        try:
            rows = csv_rows(lines, sep)
        except csv.Error:
            continue
        widths = [len(r) for r in rows if r]
        if not widths or widths[0] < 2:
            continue
        consistent = sum(1 for w in widths if w == widths[0])
        score = (consistent, widths[0])
        if score > best_score:
            best, best_score = sep, score
    return best


def _read_text(path: Path, kind: str, categorical: frozenset[str] = frozenset()) -> Dataset:
    import pandas as pd

    # the file is read from disk where it is looked at, never held whole (memory: see
    # io/file_bytes.py); only UTF-16 text is transcoded in memory
    raw: bytes | FileBytes = FileBytes(path)
    digest = _hash_in_background(raw)
    utf16 = utf16_encoding(raw)
    if utf16 is not None:  # Excel's "Unicode text": read as the UTF-8 it stands for
        try:
            raw = raw[:].decode(utf16).encode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputFileError(
                en=f"{path} looks like UTF-16 text but is not valid UTF-16 (byte {exc.start}). "
                   "Save it again as CSV UTF-8.",
                nl=f"{path} lijkt UTF-16-tekst maar is geen geldige UTF-16 (byte {exc.start}). "
                   "Sla het opnieuw op als CSV UTF-8.") from exc
    if _looks_binary(raw):
        raise InputFileError(
            en=f"{path} does not look like a text (CSV) file: it contains binary data. If it "
               "is an SPSS or Excel file, give it its proper extension (.sav, .xlsx).",
            nl=f"{path} lijkt geen tekstbestand (CSV): het bevat binaire gegevens. Is het een "
               "SPSS- of Excel-bestand, geef het dan de juiste extensie (.sav, .xlsx).")
    encoding = _detect_encoding(raw)
    if encoding != "utf-8" and encoding != "utf-8-sig":
        line = mixed_encoding_line(raw)
        if line is not None:
            raise InputFileError(
                en=f"{path} mixes text encodings: line {line} holds UTF-8 text, other lines "
                   "are not UTF-8 (Windows-1252?), so letters such as ö would be garbled. Open "
                   "the file in Excel or a text editor and save it again as CSV UTF-8.",
                nl=f"{path} mengt tekstcoderingen: regel {line} bevat UTF-8-tekst, andere "
                   "regels zijn geen UTF-8 (Windows-1252?), zodat letters als ö verminkt "
                   "zouden worden. Open het bestand in Excel of een teksteditor en sla het "
                   "opnieuw op als CSV UTF-8.")
    lines = head_lines(raw, encoding)
    if not lines:
        raise InputFileError(
            en=f"{path} is empty (only blank lines). Export the data again.",
            nl=f"{path} is leeg (alleen lege regels). Exporteer de gegevens opnieuw.")
    sep = "\t" if kind == "tsv" else _sniff_separator(lines)
    broken = header_line_break(lines[0], sep)
    if broken is not None:
        raise InputFileError(
            en=f"{path}: the name of column {broken} in the header row holds a line break "
               "(inside quotes), so the header would end there. Put every column name on one "
               "line: edit it in the header row (in Excel: the cell of that column in row 1).",
            nl=f"{path}: de naam van kolom {broken} in de kopregel bevat een regeleinde "
               "(tussen aanhalingstekens), zodat de kopregel daar zou eindigen. Zet elke "
               "kolomnaam op één regel: pas hem aan in de kopregel (in Excel: de cel van die "
               "kolom in rij 1).")
    header = [h.strip() for h in csv_rows(lines[:1], sep)[0]]
    problems = _header_problems(header)
    if problems:
        raise InputFileError(en=f"{path}: {problems.en}", nl=f"{path}: {problems.nl}")
    if len(lines) < 2:
        raise InputFileError(
            en=f"{path} has a header but no data rows. Export the data again, with the "
               "answers.",
            nl=f"{path} heeft een kopregel maar geen gegevensrijen. Exporteer de gegevens "
               "opnieuw, met de antwoorden.")
    breaks: list[int] = []  # the line breaks, counted by the quote check
    swallowed = unclosed_quote_lines(raw, sep, breaks=breaks)
    if breaks and isinstance(raw, FileBytes):
        raw.line_breaks = max(breaks)  # for _line_breaks: the file is not read again
    if swallowed is not None:
        opened, closed = swallowed
        raise InputFileError(
            en=f"{path}: a quote that opens a cell on line {opened} is not closed on that "
               f"line; the next quote, on line {closed}, is followed by more text, so lines "
               f"{opened}–{closed} would silently be read as one row (the rows in between "
               "disappearing into one cell). Open the file in a text editor and add the "
               f"missing closing quote on line {opened} (or remove the stray one), or export "
               "the file again.",
            nl=f"{path}: een aanhalingsteken dat op regel {opened} een cel opent, wordt op "
               f"die regel niet gesloten; het volgende aanhalingsteken, op regel {closed}, "
               f"wordt gevolgd door meer tekst, zodat regels {opened}–{closed} ongemerkt als "
               "één rij gelezen zouden worden (de rijen ertussen verdwijnen in één cel). Open "
               "het bestand in een teksteditor en zet het ontbrekende sluitende "
               f"aanhalingsteken op regel {opened} (of verwijder het losse), of exporteer het "
               "bestand opnieuw.")
    options = {"sep": sep, "encoding": encoding, "keep_default_na": False,
               "na_values": sorted(NA_STRINGS), "skipinitialspace": True,
               "skip_blank_lines": True, "engine": "c"}
    try:
        # the C parser converts the plain numeric columns; the others are checked below
        frame = _parse_csv(raw, options)
        frame.columns = header
        if len(frame) and frame.iloc[:, -1].isna().any():  # short rows end in missing cells
            _refuse_short_rows(path, raw, sep, len(header), len(frame))
        decimals: set[str] = set()
        if sep != ",":
            frame, decimals = _reparse_decimal_commas(raw, frame, options)
        del raw  # the file's bytes (UTF-16 transcoded) are not needed any more (memory)
    except (pd.errors.ParserError, ValueError) as exc:
        name = "tab" if sep == "\t" else repr(sep)
        detail = str(exc).splitlines()[0]
        raise InputFileError(
            en=f"{path} could not be parsed as a {name}-separated file ({detail}). Check that "
               "every row has as many fields as the header.",
            nl=f"{path} kon niet gelezen worden als bestand met scheidingsteken {name} "
               f"({detail}). Controleer of elke rij evenveel velden heeft als de kopregel."
        ) from exc
    frame, decimal = _convert_text_columns(frame, comma_allowed=sep != ",",
                                           categorical=categorical)
    if decimals:
        decimal = "," if decimal in ("n/a", ",") else "mixed"
    elif decimal == "n/a" and any(frame[c].dtype.kind == "f" and _not_all_whole(frame[c])
                                  for c in frame.columns):
        decimal = "."
    variables = {c: Variable(name=c) for c in frame.columns}
    source = {"format": kind, "encoding": utf16 or ENCODING_NAMES.get(encoding, encoding),
              "separator": "tab" if sep == "\t" else sep, "decimal": decimal}
    return Dataset(frame=frame, variables=variables, path=path, file_format=kind,
                   sha256=digest.result(), source=source)


def _not_all_whole(column: Any) -> bool:
    """``(column % 1 != 0).any()`` of a float column without the modulo (a fifth of the
    time): ``floor(x) != x`` holds for a fraction and for NaN, as ``x % 1 != 0`` does; an
    infinity is its own floor, but ``inf % 1`` is NaN, so it counts too."""
    import numpy as np

    values = column.to_numpy()
    return bool((np.floor(values) != values).any() or np.isinf(values).any())


def _refuse_short_rows(path: Path, raw: bytes | FileBytes, sep: str, n_columns: int, n_rows: int
                       ) -> None:
    rows = short_rows(raw, sep, n_columns, n_rows)
    if rows:
        import numpy as np

        mask = np.zeros(n_rows, dtype=bool)
        mask[np.asarray(rows) - 1] = True
        name = "tab" if sep == "\t" else repr(sep)
        many = len(rows) > 1
        raise InputFileError(
            en=f"{path}: {rows_where(mask)} {'have' if many else 'has'} fewer fields than the "
               f"header ({n_columns} columns), so the last answers would silently become "
               f"missing. Open the file in a text editor: a separator ({name}) or a quote is "
               "missing, or a row was cut off; add the missing separators (an empty answer "
               "is fine) or export the file again.",
            nl=f"{path}: {rows_where(mask, lang='nl')} {'hebben' if many else 'heeft'} minder "
               f"velden dan de kopregel ({n_columns} kolommen), zodat de laatste antwoorden "
               "ongemerkt zouden ontbreken. Open het bestand in een teksteditor: er ontbreekt "
               f"een scheidingsteken ({name}) of een aanhalingsteken, of een rij is "
               "afgebroken; vul de ontbrekende scheidingstekens aan (een leeg antwoord mag) "
               "of exporteer het bestand opnieuw.")


def _parse_csv(raw: bytes | FileBytes, options: dict[str, Any]) -> Any:
    """``pandas.read_csv`` of ``raw``, told the column types its first 1,000 rows show:
    numeric columns as float64 (no int64 copy converted later), the others as categoricals
    (a text column of a million rows holds a few distinct answers: one string object per
    answer instead of one per cell). A column that turns out to be text further down
    makes the parser fail on the float type; then it is parsed again without types, as
    before."""
    import pandas as pd

    with binary(raw) as handle:
        head = pd.read_csv(handle, nrows=1000, **options)
    types = {}
    for column in head.columns:
        if pd.api.types.is_bool_dtype(head[column]):
            continue  # True/False: as the parser finds them
        types[column] = ("float64" if pd.api.types.is_numeric_dtype(head[column])
                         else "category")
    try:
        if len(raw) > CHUNKED_BYTES and len(types) == len(head.columns):
            frame = _parse_in_chunks(raw, types, options)
            if frame is not None:
                return frame
        with binary(raw) as handle:
            return narrow_frame(pd.read_csv(handle, dtype=types, **options))
    except (ValueError, OverflowError):
        with binary(raw) as handle:
            return narrow_frame(pd.read_csv(handle, **options))


CHUNKED_BYTES = 16 << 20  # larger files are parsed in chunks (memory)
CHUNK_ROWS = 100_000  # rows parsed at a time, at most
# about this much of the file's text parsed at a time (memory); 1 MiB since the two-thread
# parse, whose two readers hold a chunk's pieces each at once (2 MiB peaked over the
# README's bound: 2.46-2.68 bytes per byte, tests/test_read_memory.py)
CHUNK_BYTES = 1 << 20

# The memory bound of reading a CSV (README "Reading data"), per byte of the file, beyond
# the interpreter and its imports, measured by tests/test_read_memory.py: a survey export
# (one-digit answers, ids, a few decimal and text columns), and a file of mainly
# decimal-comma numbers and empty cells (8 bytes per "12,3", 4 per empty cell ";").
CSV_MEMORY_PER_BYTE = 2.5
CSV_MEMORY_PER_BYTE_HARD = 3.75


def _parse_in_chunks(raw: bytes | FileBytes, types: dict[str, str], options: dict[str, Any]
                     ) -> Any:
    """The typed ``pandas.read_csv`` of :func:`_parse_csv`, :data:`CHUNK_ROWS` rows at a
    time, each numeric column copied into one array allocated up front (as many rows as the
    file has line breaks) and the categorical ones joined by ``union_categoricals``.

    One read of a long file holds its parser's pieces of every column until it joins them
    (about the size of the frame again, and the freed pieces stay in the process: a 500 MB
    CSV peaked at 6.6× its size); in chunks only one chunk's pieces are alive. The values
    are the same: each cell is converted by the same C parser (the categories' order may
    differ; :func:`_convert_text_columns` looks at the values). None (one read, as before)
    when a chunk's columns differ, or a text column's chunk holds only numbers (the parser
    then gives it numeric categories).

    A long file is parsed by two threads at once, each reading half of its chunks
    (:mod:`.csv_split`: the same chunks, so the same frame); when the file cannot be cut, or
    either half fails or differs from what one reader would see, it is parsed again by one
    reader, which gives the frame or the error."""
    import pandas as pd
    from pandas.api.types import union_categoricals

    from .csv_split import split_point

    capacity = _line_breaks(raw) + 1  # at least the data rows
    chunk = _chunk_rows(len(raw), capacity)
    cut = split_point(raw, options["sep"], len(types), capacity - 1, chunk)
    parsed = _parse_halves(raw, types, options, chunk, capacity, cut) if cut else None
    if parsed is None:
        numbers = _CompactColumns([c for c, kind in types.items() if kind == "float64"],
                                  capacity)
        with binary(raw) as handle:
            parsed = _parse_rows(handle, types, options, chunk, numbers, 0)
        if parsed is None:
            return None
        parsed = (numbers, parsed[0], parsed[1])
    numbers, rows, texts = parsed
    categories = {}
    for column, parts in texts.items():
        kinds = {part.categories.dtype for part in parts if len(part.categories)}
        if len(kinds) > 1 or any(kind.kind != "O" and not isinstance(kind, pd.StringDtype)
                                 for kind in kinds):
            return None  # a chunk of only numbers got numeric categories: one read
        if kinds:  # a chunk of empty cells has no categories, of another type
            kind = kinds.pop()
            parts = [part if len(part.categories) else pd.Categorical.from_codes(
                part.codes, categories=pd.Index([], dtype=kind)) for part in parts]
        categories[column] = union_categoricals(parts)
    return pd.DataFrame({c: numbers.arrays[c][:rows] if c in numbers.arrays
                         else categories[c] for c in types}, copy=False)


def _parse_rows(handle: Any, types: dict[str, str], options: dict[str, Any], chunk: int,
                numbers: _CompactColumns, start: int, names: list[str] | None = None
                ) -> tuple[int, dict[str, list[Any]]] | None:
    """Parse ``handle`` ``chunk`` rows at a time into ``numbers`` from row ``start`` on;
    ``(rows, the categorical parts of each text column)``, or None when a chunk's columns
    differ or the rows exceed the capacity. ``names``: the file's column names, for a
    handle that starts after the header (a second half)."""
    import pandas as pd

    header = {} if names is None else {"header": None, "names": names}
    texts: dict[str, list[Any]] = {c: [] for c, kind in types.items() if kind != "float64"}
    rows = 0
    with pd.read_csv(handle, dtype=types, chunksize=chunk, **header, **options) as reader:
        for part in reader:
            size = len(part)
            if (list(part.columns) != list(types) or start + rows + size > numbers.capacity
                    or not part.index.equals(pd.RangeIndex(rows, rows + size))):
                return None  # (an index: rows with more fields than the header)
            for column in list(numbers.arrays):
                numbers.put(column, start + rows, part[column].to_numpy())
            for column, parts in texts.items():
                parts.append(part[column].array)
            rows += size
    return rows, texts


def _parse_halves(raw: bytes | FileBytes, types: dict[str, str], options: dict[str, Any],
                  chunk: int, capacity: int, cut: tuple[int, int]
                  ) -> tuple[_CompactColumns, int, dict[str, list[Any]]] | None:
    """:func:`_parse_rows` of the two halves of ``raw`` (cut at byte ``cut[0]``, where data
    row ``cut[1]`` begins: :func:`.csv_split.split_point`), the second one in a thread, into
    one set of columns; None when either fails or the first half does not hold ``cut[1]``
    rows (then one reader parses the file)."""
    import threading

    from .file_bytes import binary_span

    offset, first_rows = cut
    numbers = _CompactColumns([c for c, kind in types.items() if kind == "float64"], capacity)
    second: list[tuple[int, dict[str, list[Any]]] | None] = [None]

    def parse_second() -> None:
        try:
            with binary_span(raw, offset, len(raw)) as handle:
                second[0] = _parse_rows(handle, types, options, chunk, numbers, first_rows,
                                        names=list(types))
        except Exception:  # e.g. a row with too many fields: one reader reports it
            second[0] = None

    thread = threading.Thread(target=parse_second, name="csv-second-half", daemon=True)
    thread.start()
    try:
        with binary_span(raw, 0, offset) as handle:
            first = _parse_rows(handle, types, options, chunk, numbers, 0)
    except Exception:  # one reader meets it again, and raises it as before
        first = None
    finally:
        thread.join()
    if first is None or second[0] is None or first[0] != first_rows:
        return None
    rows, texts = second[0]
    return numbers, first_rows + rows, {c: first[1][c] + parts for c, parts in texts.items()}


def _line_breaks(raw: bytes | FileBytes) -> int:
    """``max(raw.count(b"\n"), raw.count(b"\r"))`` in one pass over the file's blocks, where
    a block without a ``\r`` (found by memchr) is not counted for it; of a file whose
    quote check counted them (``FileBytes.line_breaks``), that count."""
    if isinstance(raw, FileBytes) and raw.line_breaks is not None:
        return raw.line_breaks
    if isinstance(raw, bytes):
        return max(raw.count(b"\n"), raw.count(b"\r") if b"\r" in raw else 0)
    newlines = returns = 0
    for block in raw.blocks():
        newlines += block.count(b"\n")
        if b"\r" in block:
            returns += block.count(b"\r")
    return max(newlines, returns)


def _chunk_rows(size: int, lines: int) -> int:
    """Rows per chunk: about :data:`CHUNK_BYTES` of text (a chunk's parsed pieces, freed when
    the next one is parsed, are some times its text), at most :data:`CHUNK_ROWS`."""
    return max(1, min(CHUNK_ROWS, CHUNK_BYTES * max(lines, 1) // max(size, 1)))


class _CompactColumns:
    """Number columns filled chunk by chunk into arrays allocated up front (``capacity``
    rows): float32 until a chunk holds a value float32 does not hold exactly
    (:func:`maatwerk_stats.io.dataset.narrow`), then float64 from the first row on."""

    def __init__(self, names: list[Any], capacity: int) -> None:
        import threading

        import numpy as np

        self.capacity = capacity
        # zeros, not empty: a column widened to float64 while the other half still fills
        # it copies rows not yet put, which must not be garbage (a RuntimeWarning on
        # the terminal); calloc's untouched pages cost no memory
        self.arrays = {name: np.zeros(capacity, dtype=np.float32) for name in names}
        self.lock = threading.Lock()  # two halves of a file may be put at once

    def put(self, name: Any, rows: int, values: Any) -> None:
        """``values`` (float64) as rows ``rows`` onwards of column ``name``."""
        import numpy as np

        exact = narrow(values).dtype == np.float32
        with self.lock:
            target = self.arrays[name]
            if target.dtype == np.float32 and not exact:
                wide = np.empty(self.capacity)
                wide[:] = target  # every row put so far, by either half
                self.arrays[name] = target = wide
            target[rows:rows + len(values)] = values


def _reparse_decimal_commas(raw: bytes | FileBytes, frame: Any, options: dict[str, Any]
                            ) -> tuple[Any, set[str]]:
    """Text columns holding decimal commas ("4,5"), parsed again by the C parser with
    ``decimal=","``; a column is taken over when it comes out numeric."""
    import pandas as pd

    # which columns to try: a look at their first cells suffices (a column whose first
    # commas come later still gets converted, more slowly, by _convert_text_columns)
    candidates = [i for i, column in enumerate(frame.columns)
                  if not pd.api.types.is_numeric_dtype(frame[column])
                  and frame[column].dropna().head(200).astype(str)
                  .str.contains(",", regex=False).any()]
    if not candidates:
        return frame, set()
    columns = (_decimal_columns_in_chunks(raw, candidates, options, len(frame))
               if len(raw) > CHUNKED_BYTES else None)
    if columns is None:
        with binary(raw) as handle:
            again = pd.read_csv(handle, usecols=candidates, decimal=",", **options)
        columns = [narrow(again.iloc[:, position].to_numpy(float))
                   if pd.api.types.is_numeric_dtype(again.iloc[:, position]) else None
                   for position in range(len(candidates))]
        del again
    new = dict(zip(candidates, columns, strict=True))
    taken = {","} if any(column is not None for column in columns) else set()
    # a new frame of the same columns, the numeric ones replaced (copy=False: no copy of
    # the arrays, as isetitem would make)
    frame = pd.DataFrame({i: new[i] if new.get(i) is not None else frame.iloc[:, i]
                          for i in range(frame.shape[1])}, index=frame.index,
                         copy=False).set_axis(frame.columns, axis=1)
    return frame, taken


def _decimal_columns_in_chunks(raw: bytes | FileBytes, candidates: list[int],
                               options: dict[str, Any], n_rows: int) -> list[Any] | None:
    """The ``decimal=","`` parse of :func:`_reparse_decimal_commas`, :data:`CHUNK_ROWS` rows
    at a time into compact columns allocated up front (one read of a long file holds the
    parser's pieces of the column besides the column): per candidate its values, or None
    when a chunk of it is text (one read would give text too). None (one read decides) when
    a chunk is True/False only or holds an integer beyond 2**53 (one read would have
    converted those differently), or the rows differ from the first parse's."""
    import numpy as np
    import pandas as pd

    store = _CompactColumns(candidates, n_rows)
    numeric = set(candidates)
    rows = 0
    with binary(raw) as handle, pd.read_csv(handle, usecols=candidates, decimal=",",
                                            chunksize=_chunk_rows(len(raw), n_rows),
                                            **options) as reader:
        for part in reader:
            size = len(part)
            if (part.shape[1] != len(candidates) or rows + size > n_rows
                    or not part.index.equals(pd.RangeIndex(rows, rows + size))):
                return None
            for position, index in enumerate(candidates):
                column = part.iloc[:, position]
                kind = column.dtype.kind if isinstance(column.dtype, np.dtype) else "O"
                if index not in numeric:
                    continue
                if kind == "b" or (kind in "iu" and len(column) and bool(
                        (np.abs(column.to_numpy(float)) > 2.0 ** 53).any())):
                    return None
                if kind not in "iuf":
                    numeric.discard(index)  # text in this chunk: the column stays text
                    continue
                store.put(index, rows, column.to_numpy(float))
            rows += size
    if rows != n_rows:
        return None
    return [store.arrays[i][:rows] if i in numeric else None for i in candidates]


def _header_problems(header: list[str]) -> Text | None:
    """What is wrong with a header row (empty, a column without a name, a name twice)."""
    if not header or all(not h for h in header):
        return Text("the first line (the header) is empty; the first line must hold the "
                    "column names.",
                    "de eerste regel (de kopregel) is leeg; de eerste regel moet de "
                    "kolomnamen bevatten.")
    blank = [i + 1 for i, h in enumerate(header) if not h]
    if blank:
        listed = ", ".join(map(str, blank))
        return Text(f"column {listed} of the header has no name; give every column a name.",
                    f"kolom {listed} van de kopregel heeft geen naam; geef elke kolom een "
                    "naam.")
    seen: set[str] = set()
    dupes = sorted({h for h in header if h in seen or seen.add(h)})  # type: ignore[func-returns-value]
    if dupes:
        listed = ", ".join(map(repr, dupes))
        return Text(f"duplicate column names {listed}; make them unique.",
                    f"dubbele kolomnamen {listed}; maak ze uniek.")
    return None


def _convert_text_columns(frame: Any, *, comma_allowed: bool,
                          categorical: frozenset[str] = frozenset()) -> tuple[Any, str]:
    """Strip cells, turn NA strings into NaN and numeric columns into floats.

    A column is numeric when every non-empty cell parses as a number with ``.`` as decimal
    mark, or (``comma_allowed``) with ``,`` as decimal mark; otherwise it stays text. Each
    distinct cell text is looked at once (a text column of a million rows holds a few
    answers), then the results are spread back over the rows; a text column named in
    ``categorical`` is not spread but kept as codes into its distinct texts
    (:func:`_text_categories`).
    """
    import numpy as np
    import pandas as pd

    decimals_seen: set[str] = set()
    out = {}
    for column in frame.columns:
        if frame[column].dtype == np.float32:  # narrowed by _parse_csv
            out[column] = frame[column]
            continue
        if pd.api.types.is_numeric_dtype(frame[column]) or frame[column].isna().all():
            out[column] = pd.Series(narrow(frame[column].to_numpy(float)), index=frame.index,
                                    copy=False)
            continue
        if isinstance(frame[column].dtype, pd.CategoricalDtype):  # see _parse_csv
            codes = frame[column].cat.codes.to_numpy()
            uniques = frame[column].cat.categories.astype(object)
        else:
            codes, uniques = pd.factorize(frame[column].astype(object), use_na_sentinel=True)
        texts = pd.Series(uniques, dtype=object).str.strip()
        texts = texts.where(~texts.isin(NA_STRINGS) & texts.notna(), np.nan)
        kept = texts.notna().to_numpy()
        # every distinct text kept (the usual case): the cells present are those with a code
        present_codes = (codes >= 0) if kept.all() else kept[codes] & (codes >= 0)
        if not kept.any():
            out[column] = pd.Series(narrow(np.full(len(frame), np.nan)), index=frame.index,
                                    copy=False)
            continue
        converted = _numbers_of(texts, kept, comma_allowed, decimals_seen)
        if converted is None and column in categorical:
            out[column] = pd.Series(_text_categories(texts, codes, present_codes),
                                    index=frame.index, copy=False)
            continue
        values = narrow(converted) if converted is not None else texts.to_numpy(dtype=object)
        out[column] = pd.Series(_spread(values, codes, present_codes), index=frame.index,
                                dtype=values.dtype, copy=False)  # (pandas 3 copies arrays)
    converted_frame = pd.DataFrame(out, index=frame.index, copy=False)  # no block copy
    decimal = "," if decimals_seen == {","} else "." if decimals_seen == {"."} else (
        "mixed" if decimals_seen else "n/a")
    return converted_frame, decimal


SPREAD_ROWS = 1 << 20  # rows spread at a time by _spread (memory)


def _text_categories(texts: Any, codes: Any, present: Any) -> Any:
    """The categorical whose ``astype(object)`` is ``_spread(texts, codes, present)`` of a
    text column: the distinct kept ``texts`` (stripped, so two cells can share one) as its
    categories (in the order of the distinct cells) and every row's code into them (−1,
    missing, where not ``present``)."""
    import numpy as np
    import pandas as pd

    text_codes, categories = pd.factorize(texts.to_numpy(dtype=object), use_na_sentinel=True)
    if np.array_equal(text_codes, np.arange(len(text_codes))):
        # distinct texts, none missing (present: where there is a code): the codes as parsed
        return pd.Categorical.from_codes(codes, categories=pd.Index(categories, dtype=object))
    lookup = np.append(text_codes, -1)  # a missing cell (code −1) stays missing
    return pd.Categorical.from_codes(np.where(present, lookup[codes], -1),
                                     categories=pd.Index(categories, dtype=object))


def _spread(values: Any, codes: Any, present: Any) -> Any:
    """``values[codes]`` where ``present``, else NaN, with the type of ``values`` (float32,
    float64 or object: a column's distinct cells converted, spread back over its rows), built
    :data:`SPREAD_ROWS` rows at a time into one array (memory: no index array of the whole
    column beside it)."""
    import numpy as np

    lookup = np.append(values, np.array([np.nan], dtype=values.dtype))
    out = np.empty(len(codes), dtype=lookup.dtype)
    for start in range(0, len(codes), SPREAD_ROWS):
        stop = start + SPREAD_ROWS
        out[start:stop] = lookup[np.where(present[start:stop], codes[start:stop],
                                          len(values))]
    return out


def _numbers_of(texts: Any, kept: Any, comma_allowed: bool, decimals_seen: set[str]
                ) -> Any | None:
    """The distinct cell texts as floats when all of them (``kept``) are plain numbers with
    ``.`` (or, ``comma_allowed``, ``,``) as decimal mark; None when the column is text."""
    import pandas as pd

    present = texts[kept]
    numbers = pd.to_numeric(texts, errors="coerce")
    if bool(numbers[kept].notna().all()) and _plain_numbers(present):
        if present.str.contains(".", regex=False).any():
            decimals_seen.add(".")
        return numbers.to_numpy(float)
    if comma_allowed and present.str.contains(",", regex=False).any():
        swapped = texts.str.replace(",", ".", regex=False)
        numbers = pd.to_numeric(swapped, errors="coerce")
        if bool(numbers[kept].notna().all()) and _plain_numbers(swapped[kept]):
            decimals_seen.add(",")
            return numbers.to_numpy(float)
    return None


def _plain_numbers(series: Any) -> bool:
    """No cell is a word that ``to_numeric`` also accepts ("inf", "nan", "1_000")."""
    cells = series.dropna()
    return not cells.str.contains(NOT_IN_A_NUMBER, regex=True).any()


def _read_excel(path: Path, sheet: str | int | None,
                categorical: frozenset[str] = frozenset()) -> Dataset:
    import pandas as pd

    check_archive(path)  # a zip bomb is refused before anything is unpacked
    sheets = workbook_sheets(path)
    names = [name for name, _ in sheets]
    position = resolve_sheet(path, names, sheet) if sheets else None
    try:
        # header=None: the header row as written (pandas would rename a duplicate "a" "a.1")
        frame = pd.read_excel(path, sheet_name=(position if position is not None else
                                                0 if sheet is None else sheet),
                              dtype=object, engine="openpyxl", header=None)
    except Exception as exc:  # openpyxl raises zipfile/InvalidFileException/KeyError
        raise read_error(path, exc) from exc
    which = _which_sheet(names, position)
    if frame.shape[0] == 0:
        raise InputFileError(
            en=f"{path}: the sheet is empty{which.en}; the first row must hold the column "
               "names.",
            nl=f"{path}: het werkblad is leeg{which.nl}; de eerste rij moet de kolomnamen "
               "bevatten.")
    header = ["" if pd.isna(c) else _cell_text(c).strip() for c in frame.iloc[0]]
    problems = _header_problems(header)
    if problems:
        raise InputFileError(en=f"{path}: {problems.en}", nl=f"{path}: {problems.nl}")
    frame = frame.iloc[1:].reset_index(drop=True)
    if frame.shape[0] == 0:
        raise InputFileError(en=f"{path} has a header but no data rows{which.en}.",
                             nl=f"{path} heeft een kopregel maar geen gegevensrijen{which.nl}.")
    merged = merged_data_ranges(path, sheets[position][1]) if position is not None else []
    if merged:
        raise InputFileError(
            en=f"{path}{which.en}: merged cells in the data ({row_list(merged)}): only the "
               "first cell of a merged range holds its value, the others would silently "
               "become missing answers. "
               "Unmerge them in Excel (Merge & Center) and fill in every cell, or export the "
               "sheet as CSV.",
            nl=f"{path}{which.nl}: samengevoegde cellen in de gegevens "
               f"({row_list(merged, lang='nl')}): alleen de eerste cel van een samengevoegd "
               "bereik bevat de waarde, de andere zouden ongemerkt ontbrekende "
               "antwoorden worden. Maak de samenvoeging ongedaan in Excel (Samenvoegen en "
               "centreren) en vul elke cel in, of exporteer het werkblad als CSV.")
    frame.columns = header
    as_text = frame.map(_cell_text).where(frame.notna(), "")
    converted, _decimal = _convert_text_columns(as_text, comma_allowed=True,
                                                categorical=categorical)
    variables = {c: Variable(name=c) for c in converted.columns}
    source = {"format": "xlsx", "sheet": names[position] if position is not None else
              (sheet if sheet is not None else 0), "sheets": names or None}
    return Dataset(frame=converted, variables=variables, path=path, file_format="xlsx",
                   sha256=sha256_of(path), source=source)


def _which_sheet(names: list[str], position: int | None) -> Text:
    """`` (sheet 'Toelichting', number 1 of 2: 'Toelichting', 'Data'; choose another with
    --sheet Data)`` (nl: `` (werkblad 'Toelichting', nummer 1 van 2: …; kies een ander
    werkblad met --sheet Data)``) when the workbook has several sheets, else empty."""
    from ..errors import param

    if position is None or len(names) < 2:
        return Text("", "")
    others = [n for i, n in enumerate(names) if i != position]
    listed = ", ".join(repr(n) for n in names)
    return Text(f" (sheet {names[position]!r}, number {position + 1} of {len(names)}: "
                f"{listed}; choose another with {param('sheet', others[0])})",
                f" (werkblad {names[position]!r}, nummer {position + 1} van {len(names)}: "
                f"{listed}; kies een ander werkblad met {param('sheet', others[0])})")


def _cell_text(value: Any) -> str:
    """An Excel cell as the text a CSV export would hold (floats at full precision)."""
    import numpy as np

    if isinstance(value, str):
        return value
    if isinstance(value, bool | np.bool_):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return repr(float(value))
    return str(value)


def printable(text: Any) -> Any:
    """A label from a data file with its control characters (C0/C1, e.g. a terminal escape
    or a bell) replaced by spaces: they would garble the terminal and cannot be stored in
    .xlsx or .docx. Non-text values pass unchanged."""
    if not isinstance(text, str):
        return text
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
