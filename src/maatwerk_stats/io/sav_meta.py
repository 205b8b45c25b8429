"""The dictionary (metadata) of a simple SPSS ``.sav`` file, read without pyreadstat.

Importing pyreadstat (and narwhals, which it uses to build its frames) and reading the metadata
with it costs about 0.07 s CPU, a tenth of ``compare`` on the demo data, whose files are
uncompressed, numeric and small. :func:`read_sav_meta` parses the dictionary of such a file
itself and gives the fields of ``pyreadstat.read_sav(path, metadataonly=True,
user_missing=True)`` that the reader uses (names, variable labels, value labels, user-missing
values, measurement levels, formats, the number of cases), with the values pyreadstat gives.

The layout is that of the SPSS system file (IBM SPSS Statistics, "SPSS system file format";
the same in GNU PSPP's documentation, appendix "System File Format", and in ReadStat's
``spss/readstat_sav_read.c``, which pyreadstat wraps): the 176-byte file header, then records
of type 2 (a variable: type, label, missing values, print and write formats, 8-byte short
name), 3 and 4 (a set of value labels and the variables it belongs to), 6 (documents), 7
(extensions: subtype 3 machine integers, 4 machine floats, 11 display parameters (measure,
width, alignment), 13 long variable names, 16 the 64-bit case count, 20 the character
encoding, others ignored when they do not concern numeric variables) and 999 (the end of the
dictionary), then the cases. Texts are decoded as ReadStat's ``readstat_convert`` does:
trailing spaces and NUL bytes removed, then from the file's encoding to UTF-8.

Only what is certainly read the same is read: a little-endian file of layout 2 or 3 whose
encoding record says UTF-8, numeric variables only (no string, no very long string), discrete
or range missing values that are ordinary numbers, value labels on numeric values, unique
names, and a dictionary whose records end exactly where the uncompressed cases begin. For
anything else (another encoding, a compressed file, a string variable, an unknown record, a
text that is not valid UTF-8, a layout that does not add up …) it returns None and the caller
asks pyreadstat, which also gives the error message of a damaged file.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass, field
from typing import Any

from .sav import valid_spss_name

HEADER_SIZE = 176
# print/write format type codes that pyreadstat keeps as numbers, and their names (SPSS)
PLAIN_FORMATS = {3: "COMMA", 4: "DOLLAR", 5: "F", 16: "N", 17: "E", 31: "PCT", 32: "DOT"}
MEASURES = {0: "unknown", 1: "nominal", 2: "ordinal", 3: "scale"}
LARGEST = 1.7976931348623157e308
LOWEST = -LARGEST  # SPSS's LOWEST is the double next to it, system-missing is −DBL_MAX
_INT = struct.Struct("<i")
_VARIABLE = struct.Struct("<iiiii8s")  # type, has label, n missing, print, write, name


class _Unsupported(Exception):
    """Not a file this reader reads the same as pyreadstat: pyreadstat reads it."""


@dataclass
class SavMeta:
    """The fields of pyreadstat's ``metadata_container`` the reader uses, with its values; any
    other field (display widths, alignment, dates of the file …) is asked of pyreadstat when
    it is first used (``path``: the file), so it too is pyreadstat's."""

    column_names: list[str]
    column_labels: list[str | None]
    column_names_to_labels: dict[str, str | None]
    variable_value_labels: dict[str, dict[float, str]]
    missing_ranges: dict[str, list[dict[str, float]]]
    variable_measure: dict[str, str]
    readstat_variable_types: dict[str, str]
    original_variable_types: dict[str, str]
    number_rows: int
    number_columns: int
    file_encoding: str
    file_label: str | None
    notes: list[str] = field(default_factory=list)
    missing_user_values: dict[str, list[Any]] = field(default_factory=dict)
    file_format: str = "sav/zsav"
    path: str | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or self.__dict__.get("path") is None:
            raise AttributeError(name)
        import pyreadstat

        other = self.__dict__.get("_pyreadstat")
        if other is None:
            other = pyreadstat.read_sav(self.path, metadataonly=True, user_missing=True)[1]
            self.__dict__["_pyreadstat"] = other
        return getattr(other, name)


def read_sav_meta(raw: bytes | memoryview, path: str | None = None
                  ) -> tuple[SavMeta, int] | None:
    """``(meta, start)``: the dictionary of the ``.sav`` file ``raw`` (its bytes; ``path``:
    where pyreadstat finds it for the fields not read here) and the offset where its cases
    begin; None for any file this reader does not read (see the module docstring):
    pyreadstat reads it."""
    try:
        meta, start = _parse(memoryview(raw))
    except (_Unsupported, struct.error, UnicodeDecodeError, IndexError, ValueError):
        return None
    meta.path = path
    return meta, start


def _text(data: bytes) -> str:
    """ReadStat's ``readstat_convert``: trailing spaces and NULs removed, then UTF-8 (a NUL
    inside would end ReadStat's C string: not read here)."""
    data = data.rstrip(b" \0")
    if b"\0" in data:
        raise _Unsupported
    return data.decode("utf-8")


def _format(code: int) -> str:
    """A print format (type << 16 | width << 8 | decimals) as pyreadstat names it ("F8.2")."""
    kind, width, decimals = (code >> 16) & 0xFF, (code >> 8) & 0xFF, code & 0xFF
    if kind not in PLAIN_FORMATS:
        raise _Unsupported
    name = PLAIN_FORMATS[kind]
    if decimals or kind == 5:
        return f"{name}{width}.{decimals}"
    return f"{name}{width}" if width else name


def _ordinary(value: float) -> bool:
    return math.isfinite(value) and abs(value) != LARGEST and value != math.nextafter(
        LOWEST, 0)


def _parse(raw: memoryview) -> tuple[SavMeta, int]:
    if len(raw) < HEADER_SIZE + 8 or bytes(raw[:4]) != b"$FL2":
        raise _Unsupported
    layout, slots, compression, _weight, n_cases = struct.unpack_from("<iiiii", raw, 64)
    if layout not in (2, 3) or compression != 0 or slots <= 0:
        raise _Unsupported
    file_label = _text(bytes(raw[109:173]))
    pos = HEADER_SIZE
    short_names: list[str] = []
    labels: list[str | None] = []
    missing: list[list[dict[str, float]]] = []
    formats: list[str] = []
    label_sets: list[tuple[dict[float, str], list[int]]] = []
    measures: list[str] | None = None
    long_names: dict[str, str] = {}
    encoding: str | None = None
    notes: list[str] = []
    while True:
        (kind,) = _INT.unpack_from(raw, pos)
        pos += 4
        if kind == 2:
            width, has_label, n_missing, print_format, _write, name = \
                _VARIABLE.unpack_from(raw, pos)
            pos += _VARIABLE.size
            if width != 0 or has_label not in (0, 1) or n_missing not in (0, 1, 2, 3, -2, -3):
                raise _Unsupported  # a string variable (or its continuation)
            short_names.append(_text(name))
            formats.append(_format(print_format))
            if has_label:
                (size,) = _INT.unpack_from(raw, pos)
                if not 0 <= size <= 65535:
                    raise _Unsupported
                # a label of spaces only is no label (None), as pyreadstat gives it
                labels.append(_text(bytes(raw[pos + 4:pos + 4 + size])) or None)
                pos += 4 + (size + 3) // 4 * 4
            else:
                labels.append(None)
            values = struct.unpack_from(f"<{abs(n_missing)}d", raw, pos)
            pos += 8 * abs(n_missing)
            if not all(_ordinary(v) for v in values):
                raise _Unsupported  # LO, HI, NaN: as pyreadstat gives them is not copied
            if n_missing < 0:  # a range, then (-3) one discrete value
                if values[0] > values[1]:
                    raise _Unsupported
                ranges = [{"lo": values[0], "hi": values[1]}]
                ranges += [{"lo": v, "hi": v} for v in values[2:]]
            else:
                ranges = [{"lo": v, "hi": v} for v in values]
            missing.append(ranges)
        elif kind == 3:
            (count,) = _INT.unpack_from(raw, pos)
            pos += 4
            if not 0 < count <= 1 << 20:
                raise _Unsupported
            pairs: dict[float, str] = {}
            for _ in range(count):
                (value,) = struct.unpack_from("<d", raw, pos)
                size = raw[pos + 8]
                text = _text(bytes(raw[pos + 9:pos + 9 + size]))
                pos += 8 + (size + 1 + 7) // 8 * 8
                if not _ordinary(value):
                    raise _Unsupported
                pairs[value] = text
            (follows, n_vars) = struct.unpack_from("<ii", raw, pos)
            pos += 8
            if follows != 4 or not 0 < n_vars <= slots:
                raise _Unsupported
            indices = list(struct.unpack_from(f"<{n_vars}i", raw, pos))
            pos += 4 * n_vars
            label_sets.append((pairs, indices))
        elif kind == 6:
            (n_lines,) = _INT.unpack_from(raw, pos)
            if not 0 <= n_lines <= 1 << 16:
                raise _Unsupported
            notes += [_text(bytes(raw[pos + 4 + 80 * i:pos + 84 + 80 * i]))
                      for i in range(n_lines)]
            pos += 4 + 80 * n_lines
        elif kind == 7:
            subtype, size, count = struct.unpack_from("<iii", raw, pos)
            pos += 12
            length = size * count
            if size <= 0 or count < 0 or length > len(raw):
                raise _Unsupported
            body = raw[pos:pos + length]
            if len(body) != length:
                raise _Unsupported
            pos += length
            if subtype == 3:  # machine integers: endianness 2 = little
                if size != 4 or count != 8 or struct.unpack_from("<8i", body)[6] != 2:
                    raise _Unsupported
            elif subtype == 11:  # measure, width, alignment per variable
                if size != 4 or count != 3 * len(short_names):
                    raise _Unsupported
                codes = struct.unpack_from(f"<{count}i", body)[::3]
                if any(code not in MEASURES for code in codes):
                    raise _Unsupported
                measures = [MEASURES[code] for code in codes]
            elif subtype == 13:  # SHORT=Long pairs, tab separated
                for pair in _text(bytes(body)).split("\t"):
                    short, sep, long = pair.partition("=")
                    # names as SPSS allows them (ReadStat's grammar refuses other bytes)
                    if not sep or not valid_spss_name(long) or short in long_names:
                        raise _Unsupported
                    long_names[short] = long
            elif subtype == 20:
                encoding = _text(bytes(body))
            elif subtype in (4, 10, 16, 17, 18):  # floats, product, cases, attributes
                if subtype == 16 and (size != 8 or count != 2):
                    raise _Unsupported
                if subtype == 16 and struct.unpack_from("<q", body, 8)[0] != n_cases:
                    raise _Unsupported
            else:  # very long strings, string labels/missing values, mr sets, …
                raise _Unsupported
        elif kind == 999:
            pos += 4
            break
        else:
            raise _Unsupported
    if encoding != "UTF-8" or len(short_names) != slots or n_cases <= 0:
        raise _Unsupported
    if set(long_names) - set(short_names):
        raise _Unsupported
    names = [long_names.get(short, short) for short in short_names]
    if len(set(names)) != len(names) or not all(map(valid_spss_name, short_names)):
        raise _Unsupported
    value_labels: dict[str, dict[float, str]] = {}
    for pairs, indices in label_sets:
        for index in indices:
            if not 1 <= index <= slots or names[index - 1] in value_labels:
                raise _Unsupported
            value_labels[names[index - 1]] = dict(pairs)
    value_labels = {name: value_labels[name] for name in names if name in value_labels}
    meta = SavMeta(
        column_names=names, column_labels=labels,
        column_names_to_labels=dict(zip(names, labels, strict=True)),
        variable_value_labels=value_labels,
        missing_ranges={n: r for n, r in zip(names, missing, strict=True) if r},
        variable_measure=dict(zip(names, measures or ["unknown"] * len(names), strict=True)),
        readstat_variable_types=dict.fromkeys(names, "double"),
        original_variable_types=dict(zip(names, formats, strict=True)),
        number_rows=n_cases, number_columns=len(names), file_encoding=encoding,
        file_label=file_label or None, notes=notes)
    if pos + n_cases * slots * 8 != len(raw):
        raise _Unsupported
    return meta, pos
