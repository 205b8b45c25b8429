"""The fast paths of issue 9 (reading, writing, scales, compare) equal what they replace.

- :func:`maatwerk_stats.io.sav_fast.read_numeric_sav` (``numpy.frombuffer`` of an uncompressed
  all-numeric .sav) equals ``pyreadstat.read_sav(user_missing=True)``, data and metadata, on
  random files with system-missing, HIGHEST/LOWEST, NaN, infinities, user-missing codes and
  ranges, labels; other files (compressed, strings, dates) are left to pyreadstat.
- :func:`maatwerk_stats.io.csv_fast.write_numeric_csv` writes the bytes pandas' ``to_csv``
  writes (floats of every kind, NaN, -0.0, integers), or declines.
- the reliability coefficients from one item covariance matrix equal those computed apart.
- a long CSV parsed in chunks into preallocated columns gives the frame of one read.
- Mann–Whitney from one hash pass (rank sum and tie sizes per distinct value) equals, bit for
  bit, the per-respondent ranks it replaced.
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


NAMES = st.one_of(st.from_regex(r"[a-z_][a-z0-9_]{0,5}", fullmatch=True),
                  st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1,
                          max_size=6))


@SETTINGS
@given(st.integers(2, 4).flatmap(lambda k: st.tuples(
    st.lists(NAMES, min_size=k, max_size=k, unique=True),
    st.lists(st.sampled_from(["float", "int", "int8", "bool", "object"]), min_size=k,
             max_size=k),
    st.lists(st.lists(VALUES, min_size=k, max_size=k), min_size=1, max_size=40))),
    st.integers(1, 3))
def test_numeric_csv_writes_what_pandas_writes(tmp_path_factory, spec, repeat):
    """The same bytes as the pandas path of OutputWriter.write_csv, or pandas is used (column
    names that need quotes or neutralising, non-numeric columns)."""
    from maatwerk_stats.io import csv_fast
    from maatwerk_stats.io.write import OutputWriter, neutralise_formulas

    names, kinds, rows = spec
    values = np.tile(np.array(rows, dtype=float), (repeat, 1))
    columns = {}
    for j, kind in enumerate(kinds):
        column = values[:, j]
        if kind == "float":
            columns[j] = column
        elif kind == "bool":
            columns[j] = column > 0
        elif kind == "object":
            columns[j] = column.astype(str).astype(object)
        else:
            ints = np.nan_to_num(column, nan=0, posinf=7, neginf=-7).clip(-100, 100)
            columns[j] = ints.astype("int64" if kind == "int" else kind)
    table = pd.DataFrame(columns)
    table.columns = names
    folder = tmp_path_factory.mktemp("csv")
    expected = folder / "pandas.csv"
    neutralise_formulas(table).to_csv(expected, index=False, lineterminator="\n",
                                      encoding="utf-8")
    taken = []
    original = csv_fast.MIN_ROWS, csv_fast.write_numeric_csv
    csv_fast.MIN_ROWS = 1  # small tables too, for the comparison
    csv_fast.write_numeric_csv = lambda *args: (taken.append(1), original[1](*args))
    try:
        with OutputWriter(folder / "out", command="test") as writer:
            writer.write_csv("table.csv", table)
    finally:
        csv_fast.MIN_ROWS, csv_fast.write_numeric_csv = original
    assert (folder / "out" / "table.csv").read_bytes() == expected.read_bytes()
    if taken:
        assert set(kinds) <= {"float", "int", "int8"}


def test_scores_table_takes_the_fast_path_in_blocks(tmp_path, monkeypatch):
    """A long scores table (id and scores, NaN, -0.0, ids as floats), written in several
    blocks, equals pandas' file."""
    from maatwerk_stats.io import csv_fast
    from maatwerk_stats.io.write import OutputWriter

    rng = np.random.default_rng(2)
    n = 25_000
    scores = np.round(rng.integers(10, 51, n) / 10, 1)
    scores[rng.random(n) < 0.05] = np.nan
    scores[:3] = [-0.0, 0.0, 1e16]
    table = pd.DataFrame({"respnr": np.arange(1, n + 1, dtype=float), "schaal": scores,
                          "n_items": rng.integers(0, 11, n)})
    monkeypatch.setattr(csv_fast, "BLOCK", 7_000)
    taken = []
    fast = csv_fast.write_numeric_csv
    monkeypatch.setattr(csv_fast, "write_numeric_csv",
                        lambda *args: (taken.append(1), fast(*args)))
    with OutputWriter(tmp_path / "out", command="test") as writer:
        writer.write_csv("scores.csv", table)
    table.to_csv(tmp_path / "pandas.csv", index=False, lineterminator="\n", encoding="utf-8")
    assert (tmp_path / "out" / "scores.csv").read_bytes() == (
        tmp_path / "pandas.csv").read_bytes()
    assert taken == [1]



def test_numeric_csv_whole_numbers_and_integer_extremes(tmp_path, monkeypatch):
    """Whole floats are written by digits + ".0" below 10^16 and by repr from 10^16 on; -0.0,
    fractions, NaN and infinities by repr; integers of every width as str() of the int, the
    extremes of int64 and uint64 too: the bytes pandas writes, in one block and in several."""
    from maatwerk_stats.io import csv_fast
    from maatwerk_stats.io.write import OutputWriter

    floats = [0.0, -0.0, 1.0, -1.0, 9.0, 10.0, -10.0, 1e16 - 2, 1e16, -(1e16 - 2), -1e16,
              2.0**53, 2.0**53 + 2, 123456789012345.0, -987654321.0, 0.5, -2.5, 1e-5,
              float("nan"), float("inf"), float("-inf"), 5e-324, LARGEST, -LARGEST, 1e22]
    n = len(floats)
    int64 = np.iinfo(np.int64)
    table = pd.DataFrame({
        "x": np.array(floats),
        "i": np.resize(np.array([int64.min, int64.max, 0, -1, 7, -10**18], np.int64), n),
        "u": np.resize(np.array([np.iinfo(np.uint64).max, 0, 10, 10**19], np.uint64), n),
        "b": np.resize(np.array([-128, 127, 0, -1], np.int8), n),
        "id": np.arange(1, n + 1, dtype=float)})
    table.to_csv(tmp_path / "pandas.csv", index=False, lineterminator="\n", encoding="utf-8")
    monkeypatch.setattr(csv_fast, "MIN_ROWS", 1)
    for block in (n, 4):
        monkeypatch.setattr(csv_fast, "BLOCK", block)
        taken = []
        fast = csv_fast.write_numeric_csv
        monkeypatch.setattr(csv_fast, "write_numeric_csv",
                            lambda *args, fast=fast, taken=taken: (taken.append(1),
                                                                   fast(*args)))
        with OutputWriter(tmp_path / f"out{block}", command="test") as writer:
            writer.write_csv("t.csv", table)
        monkeypatch.setattr(csv_fast, "write_numeric_csv", fast)
        assert taken == [1]
        assert (tmp_path / f"out{block}" / "t.csv").read_bytes() == (
            tmp_path / "pandas.csv").read_bytes()

@SETTINGS
@given(st.integers(2, 7).flatmap(lambda k: st.lists(
    st.lists(st.integers(1, 5).map(float), min_size=k, max_size=k), min_size=3,
    max_size=60)))
def test_one_covariance_pass_gives_the_same_coefficients(rows):
    """alpha, item-rest r, alpha-if-deleted, standardized alpha and omega from one item
    covariance matrix (passed in) equal, bit for bit, each function computing its own."""
    from maatwerk_stats.stats import bifactor
    from maatwerk_stats.stats import reliability as rel

    x = np.array(rows)
    cov = rel.item_covariance(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected_r = np.corrcoef(x, rowvar=False)
    r = rel.correlation_of(cov)
    np.testing.assert_array_equal(r, expected_r)
    with np.errstate(divide="ignore", invalid="ignore"):
        pairs = [(rel.cronbach_alpha(x, cov=cov), rel.cronbach_alpha(x)),
                 (rel.item_rest_correlations(x, cov=cov), rel.item_rest_correlations(x)),
                 (rel.alpha_if_deleted(x, cov=cov), rel.alpha_if_deleted(x)),
                 (rel.standardized_alpha(x, r=r), rel.standardized_alpha(x)),
                 (rel.omega_total_details(x, r=r), rel.omega_total_details(x))]
        groups = [j % 3 for j in range(x.shape[1])]
        pairs.append((bifactor.omega_hierarchical(x, groups, r=r),
                      bifactor.omega_hierarchical(x, groups)))
    for ours, theirs in pairs:
        np.testing.assert_array_equal(np.asarray(ours, dtype=float),
                                      np.asarray(theirs, dtype=float))


def naive_mann_whitney(x1, x2):
    """The replaced code: a rank per respondent, tie sizes from np.unique."""

    from maatwerk_stats.stats import twosample as ts
    from maatwerk_stats.stats.distributions import average_ranks

    n1, n2 = len(x1), len(x2)
    ranks = average_ranks(np.concatenate([x2, x1]))
    u2 = float(ranks[:n2].sum() - n2 * (n2 + 1) / 2)
    _, counts = np.unique(np.concatenate([x1, x2]), return_counts=True)
    ties = counts.astype(float)
    n = n1 + n2
    variance = (n1 * n2 / 12) * ((n + 1) - float((ties**3 - ties).sum()) / (n * (n - 1))) \
        if n > 1 else 0.0
    p = ts._normal_p(u2 - n1 * n2 / 2, variance)
    return ts.RankTest(u2, p, 2 * u2 / (n1 * n2) - 1, n) if n1 and n2 else None


SCORES = st.one_of(st.integers(1, 5).map(float), st.integers(4, 20).map(lambda v: v / 4),
                   st.floats(-1e6, 1e6), st.sampled_from([0.0, -0.0]))


@SETTINGS
@given(st.lists(SCORES, min_size=1, max_size=60), st.lists(SCORES, min_size=1, max_size=60),
       st.integers(1, 200))
def test_mann_whitney_equals_per_respondent_ranks(x1, x2, repeat):
    from maatwerk_stats.stats import twosample as ts

    a, b = np.tile(x1, repeat), np.array(x2)
    ours, theirs = ts.mann_whitney(a, b), naive_mann_whitney(a, b)
    assert ours.statistic == theirs.statistic and ours.n_used == theirs.n_used
    np.testing.assert_array_equal([ours.p_value, ours.rank_biserial],
                                  [theirs.p_value, theirs.rank_biserial])


def test_mann_whitney_large_sample_exact():
    """A scale score of 2 x 200,000 (few distinct values, ties everywhere): the same bits."""
    from maatwerk_stats.stats import twosample as ts

    rng = np.random.default_rng(5)
    a = np.round(rng.normal(3, 1, 200_000).clip(1, 5) * 5) / 5
    b = np.round(rng.normal(3.2, 1, 200_000).clip(1, 5) * 5) / 5
    assert ts.mann_whitney(a, b) == naive_mann_whitney(a, b)


CELLS = st.one_of(st.integers(-3, 12).map(str), st.sampled_from(["", "NA", ".", "4,5", "3.25",
                                                                 "1e3", "ja", "nee", " 7"]),
                  st.floats(-1e9, 1e9, allow_nan=False).map(repr))


@SETTINGS
@given(st.integers(1, 5).flatmap(lambda k: st.lists(
    st.lists(CELLS, min_size=k, max_size=k), min_size=1, max_size=40)),
    st.integers(1, 7), st.integers(1, 120))
def test_chunked_csv_parse_equals_one_read(rows, chunk, repeat):
    """A long CSV parsed in chunks into preallocated columns: the frame of one typed read
    (numbers bit for bit, text as the same categories' values), or the same fallback."""

    import maatwerk_stats.io.read as read

    k = len(rows[0])
    lines = [";".join(f"v{j}" for j in range(k))] + [";".join(r) for r in rows] * repeat
    raw = ("\n".join(lines) + "\n").encode()
    options = {"sep": ";", "encoding": "utf-8", "keep_default_na": False,
               "na_values": sorted(read.NA_STRINGS), "skipinitialspace": True,
               "skip_blank_lines": True, "engine": "c"}
    one = read._parse_csv(raw, options)
    original = read.CHUNK_ROWS, read.CHUNKED_BYTES
    read.CHUNK_ROWS, read.CHUNKED_BYTES = chunk, 0
    try:
        chunked = read._parse_csv(raw, options)
    finally:
        read.CHUNK_ROWS, read.CHUNKED_BYTES = original
    as_text = {c: object for c in one.columns
               if isinstance(one[c].dtype, pd.CategoricalDtype)}
    pd.testing.assert_frame_equal(chunked.astype({c: object for c in chunked.columns if
                                                  isinstance(chunked[c].dtype,
                                                             pd.CategoricalDtype)}),
                                  one.astype(as_text), check_exact=True)


def test_long_csv_read_in_chunks_equals_one_read(tmp_path, monkeypatch):
    """read_data of a Dutch CSV (decimal commas, text, NA cells) in chunks and in one read:
    the same Dataset."""
    import maatwerk_stats.io.read as read

    rng = np.random.default_rng(7)
    n = 30_000
    frame = pd.DataFrame(rng.integers(1, 6, (n, 4)).astype(float),
                         columns=[f"item_{j}" for j in range(4)])
    frame.iloc[rng.random(n) < 0.05, 1] = np.nan
    frame["ervaring"] = np.round(rng.gamma(2, 4, n), 1)
    frame["gemeente"] = rng.choice(["Den Haag", "Leiden", "Delft"], n)
    path = tmp_path / "lang.csv"
    frame.to_csv(path, sep=";", decimal=",", index=False, encoding="cp1252")
    monkeypatch.setattr(read, "CHUNK_ROWS", 4_000)
    monkeypatch.setattr(read, "CHUNKED_BYTES", 0)
    parsed = []
    in_chunks = read._parse_in_chunks
    monkeypatch.setattr(read, "_parse_in_chunks",
                        lambda *args: parsed.append(in_chunks(*args)) or parsed[-1])
    chunked = read_data(path)
    assert len(parsed) == 1 and len(parsed[0]) == n  # the chunked parse was used
    monkeypatch.setattr(read, "CHUNKED_BYTES", 1 << 40)
    one = read_data(path)
    pd.testing.assert_frame_equal(chunked.frame, one.frame, check_exact=True)
    assert chunked.source == one.source and chunked.sha256 == one.sha256
