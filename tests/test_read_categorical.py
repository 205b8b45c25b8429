"""Text columns handed over by the reader as categoricals (``read_data(categorical=...)``, the
`vignette` command's codes, issue 9): the same texts as the object columns the reader gives
otherwise, whatever the cells (spaces around them, NA strings, numbers, quoted separators),
in one read or in chunks; and `prepare_vignette_data` gives exactly the same ratings, notes
and refusals from either (hypothesis: unbalanced data, missing ratings, one-rating
respondents, levels and groups with spaces around them)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maatwerk_stats.config import FactorConfig
from maatwerk_stats.config.options import vignette_settings
from maatwerk_stats.errors import ConfigError, DataError, InputFileError
from maatwerk_stats.io import file_bytes, read, text_checks
from maatwerk_stats.io.dataset import widen
from maatwerk_stats.prepare.ratings import coded_columns, prepare_vignette_data

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

CELL = st.one_of(
    st.integers(-3, 12).map(str),
    st.sampled_from(["", " ", "NA", " NA ", "n/a", "4,5", "3.25", "ja", " ja", "ja ", "nee",
                     "Ja", '"a;b"', '" b "', "Coördinatie", "inf", "1_000", "01"]))


def in_chunks(monkeypatch) -> None:
    """The chunked parse (:func:`maatwerk_stats.io.read._parse_in_chunks`) of a small file."""
    monkeypatch.setattr(file_bytes, "BLOCK", 7)
    monkeypatch.setattr(text_checks, "SHORT_ROWS_CHUNK", 7)
    monkeypatch.setattr(read, "CHUNKED_BYTES", 0)
    monkeypatch.setattr(read, "CHUNK_ROWS", 3)


def assert_same_data(coded, plain, names) -> None:
    """``coded`` (read with ``categorical=names``) holds the columns of ``plain``: each named
    text column as a categorical of the same values, every other column identical."""
    assert list(coded.frame.columns) == list(plain.frame.columns)
    for column in plain.frame.columns:
        got, want = coded.frame[column], plain.frame[column]
        if column in names and want.dtype == object:
            assert isinstance(got.dtype, pd.CategoricalDtype), column
            assert not got.cat.categories.duplicated().any()
            assert got.cat.categories.isin(got.astype(object).dropna()).all()  # all used
            pd.testing.assert_series_equal(got.astype(object), want, check_exact=True)
        else:
            pd.testing.assert_series_equal(got, want, check_exact=True)
    assert coded.source == plain.source and coded.sha256 == plain.sha256


@SETTINGS
@given(st.integers(1, 4).flatmap(lambda k: st.lists(st.lists(CELL, min_size=k, max_size=k),
                                                    min_size=1, max_size=30)),
       st.booleans(), st.data())
def test_categorical_text_columns_hold_the_texts_of_the_object_columns(
        tmp_path_factory, monkeypatch, rows, chunked, data):
    k = len(rows[0])
    header = [f"v{j}" for j in range(k)]
    path = tmp_path_factory.mktemp("csv") / "data.csv"
    path.write_text("\n".join([";".join(header), *(";".join(r) for r in rows)]) + "\n",
                    encoding="utf-8")
    names = data.draw(st.sets(st.sampled_from([*header, "absent"])))
    with monkeypatch.context() as patch:
        if chunked:
            in_chunks(patch)
        try:
            plain = read.read_data(path)
        except InputFileError as exc:
            with pytest.raises(InputFileError) as again:
                read.read_data(path, categorical=names)
            assert str(again.value) == str(exc)
            return
        coded = read.read_data(path, categorical=names)
    assert_same_data(coded, plain, names)


def test_a_text_column_becomes_categories_of_its_stripped_texts(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("id;g;x\n1; voor ;1\n2;voor;2\n3;NA;3\n4;na ;4\n5;;5\n", encoding="utf-8")
    frame = read.read_data(path, categorical=["g", "x", "id"]).frame
    assert sorted(frame["g"].cat.categories) == ["na", "voor"]  # " voor " and "voor": one
    assert frame["g"].astype(object).tolist() == ["voor", "voor", np.nan, "na", np.nan]
    assert frame["x"].dtype.kind == "f" and frame["id"].dtype.kind == "f"  # numbers stay


def test_a_workbook_text_column_too(tmp_path):
    path = tmp_path / "d.xlsx"
    pd.DataFrame({"id": [1, 2, 3], "g": [" voor", "na", None]}).to_excel(path, index=False)
    plain = read.read_data(path)
    coded = read.read_data(path, categorical=["g"])
    assert isinstance(coded.frame["g"].dtype, pd.CategoricalDtype)
    assert_same_data(coded, plain, {"g"})


# --------------------------------------------------------------------------------------------
# prepare_vignette_data from either

FACTORS = {"a": FactorConfig(name="a", label="A", levels=("x", "y"), reference="x",
                             column="a"),
           "b": FactorConfig(name="b", label="B", levels=("p", "q", "r"), reference="q",
                             column="b")}

# one rating: respondent, vignette, position, rating (or missing), group, levels of a and b;
# valid cells (spaces around some), and a few rows with a cell that is refused
RATING = st.tuples(st.integers(0, 9), st.integers(1, 6), st.integers(1, 6),
                   st.one_of(st.none(), st.integers(1, 7)),
                   st.sampled_from(["voor", " voor", "na", "na "]),
                   st.sampled_from(["x", "y", " y"]), st.sampled_from(["p", "q", "r "]))
BAD_CELL = st.sampled_from([(4, "NA"), (4, "later"), (5, ""), (6, "s"), (3, "veel")])
RATINGS = st.tuples(
    st.lists(RATING, min_size=1, max_size=60, unique_by=lambda r: (r[0], r[1])),
    st.lists(st.tuples(st.integers(0, 59), BAD_CELL), max_size=1))


def prepared_or_error(path, settings, names):
    try:
        dataset = widen(read.read_data(path, categorical=names))
        return prepare_vignette_data(dataset, settings, explicit=set())
    except (DataError, ConfigError) as exc:
        return f"{type(exc).__name__}: {exc}"


@settings(max_examples=80, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(RATINGS, st.booleans(), st.booleans(), st.booleans())
def test_prepare_gives_the_same_data_from_categorical_columns(
        tmp_path_factory, monkeypatch, ratings, configured, grouped, chunked):
    rows, bad = ratings
    rows = [list(r) for r in rows]
    for row, (column, cell) in bad:
        rows[row % len(rows)][column] = cell
    lines = ["respondent;vignette;positie;bereidheid;meting;a;b"] + [
        f"r{r};{v};{p};{'' if y is None else y};{g};{a};{b}" for r, v, p, y, g, a, b in rows]
    path = tmp_path_factory.mktemp("vig") / "ratings.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings, _ = vignette_settings(
        None, id="respondent", outcome="bereidheid", vignette_column="vignette",
        position="positie", group="meting" if grouped else None,
        group_order=["voor", "na"] if grouped and configured else None,
        factors=None if configured else ["a", "b"])
    if configured:
        settings = dataclasses.replace(settings, factors=FACTORS)
    names = coded_columns(settings)
    assert set(names) == {"respondent", "vignette", "a", "b"} | ({"meting"} if grouped else set())
    with monkeypatch.context() as patch:
        if chunked:
            in_chunks(patch)
        plain = prepared_or_error(path, settings, ())
        coded = prepared_or_error(path, settings, names)
    if isinstance(plain, str):
        assert coded == plain
        return
    assert not isinstance(coded, str), coded
    pd.testing.assert_frame_equal(coded.ratings, plain.ratings, check_exact=True)
    for field in dataclasses.fields(plain):
        if field.name != "ratings":
            assert getattr(coded, field.name) == getattr(plain, field.name), field.name
