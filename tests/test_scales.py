"""Scale scoring rules and the reliability tables (library level)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maatwerk_stats.analyses.scales import (
    DISTRIBUTION_COLUMNS,
    ITEM_COLUMNS,
    RELIABILITY_COLUMNS,
    reliability,
)
from maatwerk_stats.config import load_config, parse_config
from maatwerk_stats.errors import DataError, OutOfRangeError
from maatwerk_stats.io.dataset import Dataset, Variable
from maatwerk_stats.io.read import read_data
from maatwerk_stats.prepare.items import score_scales

from .conftest import CONFIG, DEMO

CONTRACT_RELIABILITY = ["scale", "n_items", "n", "alpha", "alpha_std", "alpha_conf_low",
                        "alpha_conf_high", "omega_total"]
CONTRACT_ITEMS = ["scale", "item", "n", "mean", "sd", "item_rest_r", "alpha_if_deleted"]


def dataset(frame: pd.DataFrame, variables: dict | None = None) -> Dataset:
    return Dataset(frame=frame, variables=variables or {}, path=Path("test.csv"),
                   file_format="csv", sha256="0")


def config(text: str):
    return parse_config(tomllib.loads(text))


SCALE = """
[study]
id = "id"
[scales.sw]
items = ["a", "b", "c"]
reverse = ["c"]
range = [1, 5]
min_items = 2
"""


def test_scores_reverse_coding_and_min_items():
    frame = pd.DataFrame({"id": [1, 2, 3, 4],
                          "a": [5.0, 4.0, np.nan, 1.0],
                          "b": [4.0, np.nan, np.nan, 2.0],
                          "c": [1.0, 2.0, 3.0, 5.0]})
    scored = score_scales(dataset(frame), config(SCALE))
    # c is reversed: 6 - c
    assert scored.items["c"].tolist() == [5.0, 4.0, 3.0, 1.0]
    # row 3 has one answered item (< min_items 2): no score
    expected = [(5 + 4 + 5) / 3, (4 + 4) / 2, np.nan, (1 + 2 + 1) / 3]
    np.testing.assert_allclose(scored.scores["sw"], expected)
    assert scored.scores["id"].tolist() == [1, 2, 3, 4]
    assert scored.id_column == "id"


def test_missing_codes_from_config_are_missing_not_out_of_range():
    text = SCALE + "missing_codes = [9]\n"
    frame = pd.DataFrame({"id": [1, 2], "a": [9.0, 3.0], "b": [4.0, 9.0], "c": [2.0, 2.0]})
    scored = score_scales(dataset(frame), config(text))
    assert scored.items["a"].isna().tolist() == [True, False]
    np.testing.assert_allclose(scored.scores["sw"], [(4 + 4) / 2, (3 + 4) / 2])


def test_out_of_range_stops_with_items_values_and_rows():
    frame = pd.DataFrame({"id": range(1, 14), "a": [1.0] * 12 + [7.0],
                          "b": [0.0] * 12 + [2.0], "c": [3.0] * 13})
    with pytest.raises(OutOfRangeError) as error:
        score_scales(dataset(frame), config(SCALE))
    assert str(error.value) == (
        "test.csv has values outside the declared range:\n"
        "  - a (range 1–5): value 7 in row 13\n"
        "  - b (range 1–5): value 0 in rows 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more\n"
        "Rows count data rows from 1. Correct the data, declare the codes as missing "
        "(missing_codes = [...] in the scale's config), or rerun with out_of_range=missing "
        "to treat them as missing.")


def test_out_of_range_missing_is_explicit():
    frame = pd.DataFrame({"id": [1, 2, 3], "a": [1.0, 7.0, 2.0], "b": [2.0, 3.0, 0.0],
                          "c": [3.0, 3.0, 3.0]})
    scored = score_scales(dataset(frame), config(SCALE), out_of_range="missing")
    assert scored.items["a"].isna().tolist() == [False, True, False]
    assert scored.items["b"].isna().tolist() == [False, False, True]
    assert [n.text() for n in scored.notes] == [
        "2 value(s) outside the declared range were treated as missing "
        "(out_of_range=missing)."]
    assert scored.notes[0].kind == "out_of_range_missing"
    assert scored.notes[0].values == {"n_values": 2}


def test_text_answers_need_a_value_map():
    """Answer texts that at least 5 respondents gave are quoted (with a value_map template);
    a rarer text is counted, never shown: it may be someone's own words."""
    frame = pd.DataFrame({"id": range(1, 11),
                          "a": ["Helemaal mee eens"] * 5 + ["mee oneens"] * 5,
                          "b": ["4"] * 9 + ["bel mij: 06 12345678"], "c": [1.0, 2.0] * 5})
    with pytest.raises(DataError) as error:
        score_scales(dataset(frame), config(SCALE))
    assert str(error.value) == (
        "test.csv: scale items hold text answers instead of numbers: a ('Helemaal mee eens', "
        "'mee oneens'); b (1 answer text given by fewer than 5 respondents (not shown)). Map "
        "every answer text to its number in the config (replace N), e.g.\n"
        "  [value_map]\n"
        "  \"Helemaal mee eens\" = N\n"
        "  \"mee oneens\" = N\n"
        "A [value_map] table applies to every scale item, scales.NAME.value_map to one scale. "
        "Run `maatwerk-stats codebook` on the data to see every answer with its count.")


def test_value_map_is_case_and_space_insensitive_and_per_scale_wins():
    text = SCALE + """
[scales.sw.value_map]
eens = 4
[value_map]
"helemaal mee eens" = 5
"mee  oneens" = 2
eens = 3
"""
    frame = pd.DataFrame({"id": [1, 2], "a": ["Helemaal  mee eens", "MEE ONEENS"],
                          "b": ["4", "eens"], "c": [1.0, 2.0]})
    scored = score_scales(dataset(frame), config(text))
    assert scored.items["a"].tolist() == [5.0, 2.0]
    assert scored.items["b"].tolist() == [4.0, 4.0]


def test_leeratelier_demo_reliability_tables_follow_the_contract():
    result = reliability(score_scales(read_data(DEMO / "pre.sav"), load_config(CONFIG)))
    assert list(result.reliability.columns) == RELIABILITY_COLUMNS
    assert set(CONTRACT_RELIABILITY) <= set(result.reliability.columns)
    assert set(CONTRACT_ITEMS) <= set(result.items.columns)
    assert list(result.items.columns) == ITEM_COLUMNS
    assert list(result.distribution.columns) == DISTRIBUTION_COLUMNS
    assert result.reliability["scale"].tolist() == ["samenwerking", "regie", "maatwerk"]
    assert (result.reliability["group"] == "all").all()
    # the reversed item is flagged and has its value labels looked up before reversing
    row = result.items.set_index("item").loc["samenwerking_3"]
    assert bool(row["reversed"]) is True
    dist = result.distribution
    reversed_5 = dist[(dist["item"] == "samenwerking_3") & (dist["value"] == 5.0)]
    assert reversed_5["value_label"].item() == "helemaal mee oneens"


def test_distribution_covers_the_range_and_sums_to_100():
    result = reliability(score_scales(read_data(DEMO / "post.sav"), load_config(CONFIG)))
    for _, block in result.distribution.groupby("item"):
        assert block["value"].tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]
        assert block["percent"].sum() == pytest.approx(100.0)
    items = result.items.set_index("item")
    counts = result.distribution.groupby("item")["n"].sum()
    assert (counts.sort_index() == items["n"].sort_index()).all()


def test_reliability_by_group_adds_rows_per_group():
    data = read_data(DEMO / "vragenlijst.csv")
    scored = score_scales(data, load_config(CONFIG))
    result = reliability(scored, by=data.frame["meting"], order=["voor", "na"])
    table = result.reliability
    assert table["group"].tolist() == ["all"] * 3 + ["voor"] * 3 + ["na"] * 3
    pre = reliability(score_scales(read_data(DEMO / "pre.sav"), load_config(CONFIG)))
    voor = table[table["group"] == "voor"].reset_index(drop=True)
    pd.testing.assert_series_equal(voor["alpha"], pre.reliability["alpha"])
    pd.testing.assert_series_equal(voor["mean"], pre.reliability["mean"])


def test_reliability_refuses_one_item_and_constant_items():
    frame = pd.DataFrame({"id": range(6), "a": [1.0, 2, 3, 4, 5, 3], "b": [2.0, 2, 3, 5, 4, 3],
                          "c": [4.0, 4, 4, 4, 4, 4]})
    one = config('[scales.x]\nitems = ["a"]\nrange = [1, 5]\n')
    with pytest.raises(DataError, match=r"^scale 'x' has only 1 item; reliability \(alpha, "
                                         r"omega\) needs at least 2 items"):
        reliability(score_scales(dataset(frame), one))
    constant = config('[scales.x]\nitems = ["a", "b", "c"]\nrange = [1, 5]\n')
    with pytest.raises(DataError) as error:
        reliability(score_scales(dataset(frame), constant))
    assert str(error.value) == (
        "scale 'x': item c has no variance (every respondent who answered all items gave the "
        "same answer), so alpha, item–rest r and omega are undefined. Remove the item from the "
        "scale in the config.")


def test_value_labels_of_spss_items_are_kept_for_distribution():
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0, 2.0], "b": [2.0, 2.0, 3.0, 1.0]})
    variables = {c: Variable(c, label=f"Stelling {c}", value_labels={1.0: "oneens",
                                                                      3.0: "eens"})
                 for c in frame.columns}
    scored = score_scales(dataset(frame, variables),
                          config('[scales.x]\nitems = ["a", "b"]\nrange = [1, 3]\n'))
    result = reliability(scored)
    assert result.items["label"].tolist() == ["Stelling a", "Stelling b"]
    labels = result.distribution[result.distribution["item"] == "a"]["value_label"].tolist()
    assert labels == ["oneens", "", "eens"]


def test_heywood_case_is_flagged_and_warned():
    """A scale whose one-factor fit holds an item at the uniqueness bound (omega_total_details):
    the row says so in omega_heywood and a warning note names the scale and the bound."""
    rng = np.random.default_rng(7)
    factor = rng.standard_normal(40)
    items = np.column_stack([factor + 0.02 * rng.standard_normal(40),
                             *(0.6 * factor + 0.8 * rng.standard_normal((4, 40)))])
    frame = pd.DataFrame(items, columns=["h1", "h2", "h3", "h4", "h5"])
    study = config('[scales.h]\nitems = ["h1", "h2", "h3", "h4", "h5"]\n'
                   '[scales.g]\nitems = ["h2", "h3", "h4", "h5"]\n')
    result = reliability(score_scales(dataset(frame), study))
    flags = result.reliability.set_index("scale")["omega_heywood"]
    assert flags.to_dict() == {"h": True, "g": False}
    warnings = [n for n in result.notes if n.kind == "omega_heywood"]
    assert [n.subject for n in warnings] == ["h"] and warnings[0].level == "warning"
    assert "held at 0.005 (the bound psych::fa uses)" in warnings[0].text()


# ---- respondent ids (study.id) --------------------------------------------------------------

IDS = '[study]\nid = "id"\n[scales.s]\nitems = ["a", "b"]\nrange = [1, 5]\n'
IDS_MEASURED = IDS + '[groups]\ncolumn = "meting"\norder = ["voor", "na"]\n'


def test_whole_number_ids_keep_their_integers_in_the_scores(tmp_path):
    """Readers hand numeric columns over as floats: the scores (what scores.csv writes and
    users merge back on) hold the ids as the input wrote them, 1000 and not 1000.0."""
    path = tmp_path / "ids.csv"
    path.write_text("id;a;b\n1000;1;2\n1001;2;3\n;3;3\n1003;4;5\n", encoding="utf-8")
    scored = score_scales(read_data(path), config(IDS))
    assert str(scored.scores["id"].dtype) == "Int64"
    assert scored.scores["id"].tolist() == [1000, 1001, pd.NA, 1003]
    assert scored.scores.to_csv(index=False).splitlines()[1:3] == ["1000,1.5", "1001,2.5"]
    assert scored.scores.to_csv(index=False).splitlines()[3] == ",3.0"  # missing: empty


def test_spss_ids_are_integers_and_text_or_fractional_ids_stay_as_they_are():
    demo = score_scales(read_data(DEMO / "pre.sav"), load_config(CONFIG))
    assert demo.scores["respnr"].tolist()[:2] == [101, 102]
    assert demo.scores.to_csv(index=False).splitlines()[1].startswith("101,")
    for ids in (["R7", "R8", "R9"], [1.5, 2.0, 3.0]):
        frame = pd.DataFrame({"id": ids, "a": [1.0, 2.0, 3.0], "b": [2.0, 2.0, 4.0]})
        assert score_scales(dataset(frame), config(IDS)).scores["id"].tolist() == ids


def _duplicates(frame: pd.DataFrame, text: str = IDS, **options):
    scored = score_scales(dataset(frame), config(text), **options)
    return [n for n in scored.notes if n.kind == "duplicate_ids"]


def test_an_id_on_two_rows_is_a_warning_naming_rows_not_ids():
    frame = pd.DataFrame({"id": [4711.0, 12.0, 4711.0, np.nan, np.nan, 13.0, 13.0],
                          "a": [1.0] * 7, "b": [2.0] * 7})
    (note,) = _duplicates(frame)
    assert note.level == "warning" and note.subject == "id"
    assert note.values == {"file": "test.csv", "n_ids": 2, "n_rows": 4, "rows": "1, 3, 6, 7"}
    text = note.text(publish=True)
    assert text == ("id column 'id' of test.csv: 2 id(s) occur more than once (4 rows: data "
                    "rows 1, 3, 6, 7). Each person should appear once: remove the duplicate "
                    "rows, or check that study.id names the respondent number.")
    assert "4711" not in text  # rows, never the ids (rows without an id are no duplicates)
    # the scores are all kept: only the user can tell one person twice from two people
    assert len(score_scales(dataset(frame), config(IDS)).scores) == 7
    assert _duplicates(frame.assign(id=[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, np.nan])) == []


def test_duplicate_rows_listed_at_most_ten():
    frame = pd.DataFrame({"id": [1.0] * 12, "a": [1.0] * 12, "b": [2.0] * 12})
    (note,) = _duplicates(frame)
    assert note.values["rows"] == "1, 2, 3, 4, 5, 6, 7, 8, 9, 10 …"
    assert note.values["n_rows"] == 12 and note.values["n_ids"] == 1


def test_an_id_may_occur_once_per_measurement():
    """A person measured before and after has a row in each: only an id twice within one
    measurement (the config's groups.column, or the column given as ``within``) is flagged."""
    frame = pd.DataFrame({"id": ["1", "2", "1", "2", "2"],
                          "meting": ["voor", "voor", "na", "na", "na"],
                          "a": [1.0] * 5, "b": [2.0] * 5})
    (note,) = _duplicates(frame, IDS_MEASURED)
    assert note.values == {"file": "test.csv", "n_ids": 1, "n_rows": 2, "rows": "4, 5",
                           "within": "meting"}
    assert "more than once within one group of 'meting'" in note.text()
    assert _duplicates(frame.iloc[:4], IDS_MEASURED) == []
    assert _duplicates(frame.iloc[:4], IDS, within="meting") == []  # e.g. scales --group
    assert len(_duplicates(frame.iloc[:4], IDS)) == 1  # no measurement column: once a file


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-3, 3).map(float), st.just(float("nan"))),
                min_size=1, max_size=30),
       st.lists(st.one_of(st.none(), st.sampled_from(["7", " 7", "7 ", "", "a", "A", "b"])),
                min_size=1, max_size=30))
def test_code_numbers_tell_the_same_codes_apart_as_code_texts(numbers, texts):
    """The integer codes of the duplicate-id check (one hash pass, no Python call per id)
    group the elements exactly as their code texts do, missing as −1."""
    from maatwerk_stats.io.dataset import code_numbers, code_texts

    for column in (pd.Series(numbers, dtype=float), pd.Series(texts, dtype=object)):
        codes, n = code_numbers(column)
        reference = code_texts(column)
        assert ((np.asarray(codes) < 0) == reference.isna().to_numpy()).all()
        seen: dict[int, str] = {}
        for code, text in zip(codes, reference, strict=True):
            if code >= 0:
                assert seen.setdefault(int(code), text) == text
        assert len(set(seen.values())) == len(seen) == n


def test_ids_without_a_missing_one_are_plain_integers_for_the_fast_writer(tmp_path):
    """No id missing: int64, which the numeric CSV writer takes (a nullable Int64 column sent
    scores.csv of a million respondents through pandas' to_csv: 0.8 s)."""
    from maatwerk_stats.io.csv_fast import plain_numeric

    path = tmp_path / "ids.csv"
    path.write_text("id;a;b\n" + "".join(f"{1000 + i};1;2\n" for i in range(60)),
                    encoding="utf-8")
    scored = score_scales(read_data(path), config(IDS))
    assert scored.scores["id"].dtype == np.int64
    assert scored.scores["id"].tolist()[:2] == [1000, 1001]
    big = pd.concat([scored.scores] * 2000, ignore_index=True)
    assert plain_numeric(big)
