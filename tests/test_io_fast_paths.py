"""The fast reading and writing paths of issue 9 equal what they replace.

- :func:`maatwerk_stats.io.sav_fast.read_numeric_sav` (``numpy.frombuffer`` of an uncompressed
  all-numeric .sav) equals ``pyreadstat.read_sav(user_missing=True)``, data and metadata, on
  random files with system-missing, HIGHEST/LOWEST, NaN, infinities, user-missing codes and
  ranges, labels; other files (compressed, strings, dates) are left to pyreadstat.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pyreadstat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maatwerk_stats.io.read import read_data
from maatwerk_stats.io.sav_fast import read_numeric_sav

SETTINGS = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])

LARGEST = sys.float_info.max
SPECIAL = [np.nan, -LARGEST, LARGEST, float(np.nextafter(-LARGEST, 0)), np.inf, -np.inf,
           -0.0, 5e-324, 9.0, 2.5]
VALUES = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(SPECIAL),
                   st.integers(-5, 12).map(float))


def meta_equal(a, b) -> None:
    for name in dir(b):
        if not name.startswith("_"):
            assert getattr(a, name) == getattr(b, name), name


def written_bytes(frame: pd.DataFrame, path, values: np.ndarray | None = None, **kwargs
                  ) -> None:
    """pyreadstat writes NaN as system-missing: patch in raw doubles (NaN, HIGHEST…)."""
    pyreadstat.write_sav(frame, str(path), **kwargs)
    if values is not None:
        raw = bytearray(path.read_bytes())
        size = values.size * 8
        raw[len(raw) - size:] = np.ascontiguousarray(values, dtype="<f8").tobytes()
        path.write_bytes(bytes(raw))


@SETTINGS
@given(st.integers(1, 4).flatmap(lambda k: st.lists(
    st.lists(VALUES, min_size=k, max_size=k), min_size=1, max_size=30)),
    st.booleans())
def test_numeric_sav_equals_pyreadstat(tmp_path_factory, rows, with_missing):
    path = tmp_path_factory.mktemp("sav") / "random.sav"
    values = np.array(rows, dtype=float)
    columns = [f"v{j + 1}" for j in range(values.shape[1])]
    frame = pd.DataFrame(np.where(np.isfinite(values), values, 0.0), columns=columns)
    kwargs = {}
    if with_missing:
        kwargs = {"missing_ranges": {"v1": [9, {"lo": -5.0, "hi": -3.0}]},
                  "variable_value_labels": {"v1": {1.0: "oneens", 9.0: "weet niet"}},
                  "column_labels": [f"Vraag {c}" for c in columns]}
    written_bytes(frame, path, values, **kwargs)
    fast = read_numeric_sav(path, path.read_bytes())
    assert fast is not None
    expected, meta = pyreadstat.read_sav(str(path), user_missing=True)
    pd.testing.assert_frame_equal(fast[0], expected, check_exact=True)
    meta_equal(fast[1], meta)


def test_read_data_same_dataset_either_way(tmp_path, monkeypatch):
    """read_data with and without the fast path: the same frame, codebook and hash."""
    import maatwerk_stats.io.read as read

    rng = np.random.default_rng(1)
    values = rng.integers(1, 6, (200, 3)).astype(float)
    values[rng.random(values.shape) < 0.1] = 9  # user-missing "weet niet"
    values[rng.random(values.shape) < 0.05] = np.nan
    path = tmp_path / "items.sav"
    pyreadstat.write_sav(pd.DataFrame(values, columns=["a", "b", "c"]), str(path),
                         missing_ranges={"a": [9], "b": [{"lo": 8, "hi": 9}]})
    fast = read_data(path)
    monkeypatch.setattr(read, "_read_numeric_sav", lambda _: (None, None))
    slow = read_data(path)
    pd.testing.assert_frame_equal(fast.frame, slow.frame, check_exact=True)
    assert fast.variables == slow.variables
    assert fast.sha256 == slow.sha256 == read.sha256_of(path)
    assert fast.variables["a"].n_user_missing > 0


@pytest.mark.parametrize("case", ["compressed", "string", "date"])
def test_other_sav_files_are_left_to_pyreadstat(tmp_path, case):
    path = tmp_path / "other.sav"
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [4.0, 5.0, 6.0]})
    kwargs = {}
    if case == "compressed":
        kwargs = {"row_compress": True}
    elif case == "string":
        frame["b"] = ["x", "y", "z"]
    else:
        frame["b"] = pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"])
    pyreadstat.write_sav(frame, str(path), **kwargs)
    assert read_numeric_sav(path, path.read_bytes()) is None
    expected, _ = pyreadstat.read_sav(str(path), user_missing=True)
    pd.testing.assert_frame_equal(read_data(path).frame, expected)


def test_truncated_numeric_sav_is_refused_as_before(tmp_path):
    """A cut-off file does not end in whole cases after the dictionary: the fast path
    declines and pyreadstat's error is reported (the message of test_read_hostile)."""
    from maatwerk_stats.errors import InputFileError

    path = tmp_path / "cut.sav"
    pyreadstat.write_sav(pd.DataFrame({"a": np.arange(100.0), "b": np.arange(100.0)}),
                         str(path))
    raw = path.read_bytes()
    path.write_bytes(raw[:-12])
    assert read_numeric_sav(path, path.read_bytes()) is None
    with pytest.raises(InputFileError, match=r"could not be read as an SPSS \.sav file"):
        read_data(path)
