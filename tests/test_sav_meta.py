"""``io/sav_meta.py`` reads the dictionary of a simple .sav file as pyreadstat does: on every
committed .sav file and on files pyreadstat writes with random names, labels, value labels,
missing values, measures and formats, each field equals pyreadstat's (or the reader declines
and pyreadstat reads the file); a damaged file is never read where pyreadstat fails."""

from __future__ import annotations

import string
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from maatwerk_stats.io.read import read_data
from maatwerk_stats.io.sav_meta import read_sav_meta

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = sorted(p for p in ROOT.rglob("*.sav") if ".venv" not in p.parts)
FIELDS = ("column_names", "column_labels", "column_names_to_labels", "variable_value_labels",
          "missing_ranges", "variable_measure", "readstat_variable_types",
          "original_variable_types", "number_rows", "number_columns", "file_encoding",
          "file_label", "notes", "missing_user_values")


def pyreadstat_meta(path: Path):
    return pyreadstat.read_sav(str(path), metadataonly=True, user_missing=True)[1]


def assert_same(path: Path) -> bool:
    """True when the reader read ``path`` (each field as pyreadstat's, also in type and
    order: compared by repr), False when it declined."""
    parsed = read_sav_meta(path.read_bytes())
    if parsed is None:
        return False
    ours = parsed[0]
    theirs = pyreadstat_meta(path)
    for name in FIELDS:
        assert repr(getattr(ours, name)) == repr(getattr(theirs, name)), (path.name, name)
    return True


def test_other_fields_are_pyreadstats():
    """A field not read here (display width, alignment, the file's dates …) is pyreadstat's,
    asked of it when first used."""
    path = ROOT / "data" / "demo" / "pre.sav"
    ours = read_sav_meta(path.read_bytes(), str(path))[0]
    theirs = pyreadstat_meta(path)
    for name in ("variable_display_width", "variable_alignment", "creation_time",
                 "value_labels", "variable_to_label", "mr_sets"):
        assert getattr(ours, name) == getattr(theirs, name), name
    with pytest.raises(AttributeError):
        _ = read_sav_meta(path.read_bytes())[0].variable_alignment  # no path: not known


def test_the_committed_files():
    """Every committed .sav: the same fields, or declined (the compressed reference files);
    the demo files and the fuzz corpus's labelled files are read."""
    read = {path.name for path in COMMITTED if assert_same(path)}
    assert {"pre.sav", "post.sav", "gewogen_maatwerk.sav", "teams.sav",
            "hostile_labels.sav", "xml_hostile_labels.sav"} <= read


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.name)
def test_datasets_equal_those_read_with_pyreadstat(path, monkeypatch):
    """The whole Dataset (frame, labels, value labels, missing codes, measures) is the same
    as with pyreadstat's metadata (the reader switched off)."""
    from maatwerk_stats.io import sav_fast

    ours = read_data(path)
    monkeypatch.setattr(sav_fast, "read_sav_meta", lambda raw, path=None: None)
    theirs = read_data(path)
    pd.testing.assert_frame_equal(ours.frame, theirs.frame, check_exact=True)
    assert ours.variables == theirs.variables
    assert ours.sha256 == theirs.sha256


NAME_START = string.ascii_letters + "éß"
NAME_REST = NAME_START + string.digits + "_."
texts = st.text(st.characters(codec="utf-8", exclude_characters="\x00",
                              exclude_categories=("Cs",)), max_size=80) | st.sampled_from(
    ["", " ", "   ", " x", "x  ", "é ", "\t", "a\tb"])  # the trimming of padded texts


@st.composite
def spss_files(draw):
    n_vars = draw(st.integers(1, 6))
    names = draw(st.lists(
        st.builds(lambda a, b: (a + b).rstrip("."), st.sampled_from(NAME_START),
                  st.text(NAME_REST, max_size=20)),
        min_size=n_vars, max_size=n_vars, unique_by=str.lower))
    n_rows = draw(st.integers(1, 8))
    values = draw(st.lists(st.sampled_from([1.0, 2.0, 3.0, 9.0, 0.5, -4.0, np.nan]),
                           min_size=n_rows * n_vars, max_size=n_rows * n_vars))
    frame = pd.DataFrame(np.array(values).reshape(n_rows, n_vars), columns=names)
    labels = {n: draw(st.none() | texts) for n in names}
    value_labels = {n: draw(st.dictionaries(st.sampled_from([1, 2, 3, 9, 2.5, -1]), texts,
                                            max_size=4))
                    for n in names if draw(st.booleans())}
    missing = {}
    for n in names:
        kind = draw(st.sampled_from(["none", "discrete", "range"]))
        if kind == "discrete":
            missing[n] = draw(st.lists(st.sampled_from([9, 99, -1, 8.5]), min_size=1,
                                       max_size=3, unique=True))
        elif kind == "range":
            missing[n] = [{"lo": 90, "hi": 99}, *draw(st.lists(st.just(-9), max_size=1))]
    measures = {n: draw(st.sampled_from(["nominal", "ordinal", "scale", "unknown"]))
                for n in names}
    formats = {n: draw(st.sampled_from(["F8.2", "F3.0", "F10.4", "COMMA12.2", "DOT9.1",
                                        "DATE11", "N8", "PCT8.2", "E10.3"]))
               for n in names if draw(st.booleans())}
    return dict(df=frame, column_labels=labels, variable_value_labels=value_labels,
                missing_ranges=missing, variable_measure=measures, variable_format=formats,
                file_label=draw(texts), note=draw(st.none() | texts))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(spec=spss_files())
def test_files_pyreadstat_writes(spec, tmp_path):
    path = tmp_path / "random.sav"
    path.unlink(missing_ok=True)
    try:
        pyreadstat.write_sav(dst_path=str(path), **spec)
    except Exception:  # a combination pyreadstat refuses to write: nothing to compare
        return
    assert_same(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, 8406), flips=st.lists(st.tuples(st.integers(0, 8406),
                                                          st.integers(1, 255)), max_size=3))
@example(cut=0, flips=[(5124, 1)])  # a tab of the long-names record made a backspace
def test_a_damaged_file_is_read_only_as_pyreadstat_reads_it(cut, flips, tmp_path):
    """The demo's pre.sav cut short and with bytes changed: where the reader reads it,
    pyreadstat reads it too, with the same fields (else pyreadstat gives its error, as
    before)."""
    raw = bytearray((ROOT / "data" / "demo" / "pre.sav").read_bytes())
    for offset, change in flips:
        raw[offset % len(raw)] ^= change
    path = tmp_path / "damaged.sav"
    path.write_bytes(bytes(raw[:len(raw) - cut % 64] if cut % 3 else raw))
    if read_sav_meta(path.read_bytes()) is not None:
        pyreadstat.read_sav(str(path), user_missing=True)  # no error
        assert_same(path)
