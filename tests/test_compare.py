"""The comparison library: designs, bad input, notes, and properties of the statistics.

Numbers against R are in test_compare_reference.py; here the behaviour around them.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from maatwerk_stats import compare, load_config
from maatwerk_stats.analyses.compare import (
    INDEPENDENT_COLUMNS,
    PAIRED_COLUMNS,
    independent_row,
    paired_row,
)
from maatwerk_stats.config import parse_config
from maatwerk_stats.errors import DataError, OptionError
from maatwerk_stats.stats.twosample import adjust_p

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
LEERATELIER = load_config(ROOT / "configs" / "leeratelier.toml")
GEWOGEN = load_config(ROOT / "configs" / "gewogen_maatwerk.toml")
CONTRACT = ["variable", "label", "group_1", "group_2", "n_1", "n_2", "mean_1", "mean_2",
            "sd_1", "sd_2", "mean_diff", "diff_conf_low", "diff_conf_high", "t", "df",
            "p_value", "p_value_rank", "p_adjusted"]
CODES = ("voor", "na")

SMALL_CONFIG = parse_config({
    "study": {"id": "respnr"},
    "scales": {"s": {"items": ["s_1", "s_2"], "range": [1, 5], "min_items": 1}},
    "groups": {"column": "meting", "order": ["voor", "na"], "id": "respnr"},
})


def write_csv(path: Path, rows: dict[str, list]) -> Path:
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


# --------------------------------------------------------------------------------------------
# The demo data


def test_two_files_and_one_file_give_the_same_tables():
    two = compare(DEMO / "pre.sav", DEMO / "post.sav", config=LEERATELIER)
    one = compare(DEMO / "vragenlijst.csv", config=LEERATELIER)  # by = groups.column
    for a, b in ((two.scales, one.scales), (two.items, one.items)):
        pd.testing.assert_frame_equal(a.drop(columns="label"), b.drop(columns="label"))
    assert two.groups == one.groups == CODES
    assert two.group_labels == ("Vóór", "Na")


def test_contract_columns_in_order():
    independent = compare(DEMO / "pre.sav", DEMO / "post.sav", config=LEERATELIER)
    for table in (independent.scales, independent.items):
        assert list(table.columns[: len(CONTRACT)]) == CONTRACT
        assert list(table.columns[len(CONTRACT): len(CONTRACT) + 5]) == [
            "hedges_g", "g_conf_low", "g_conf_high", "u", "rank_biserial"]
        assert list(table.columns) == INDEPENDENT_COLUMNS
    paired = compare(DEMO / "gewogen_maatwerk.sav", config=GEWOGEN)
    for table in (paired.scales, paired.items):
        assert list(table.columns[: len(CONTRACT)]) == CONTRACT
        assert list(table.columns[len(CONTRACT): len(CONTRACT) + 7]) == [
            "n_pairs", "d_z", "d_z_conf_low", "d_z_conf_high", "d_av", "w", "rank_biserial"]
        assert list(table.columns) == PAIRED_COLUMNS


def test_demo_reproduces_the_published_means():
    """data/demo is calibrated to the Leeratelier factsheet (4,20 → 4,32 etc.)."""
    result = compare(DEMO / "pre.sav", DEMO / "post.sav", config=LEERATELIER)
    means = result.scales.set_index("variable")[["mean_1", "mean_2"]].round(2)
    assert means.loc["samenwerking"].tolist() == [4.20, 4.32]
    assert means.loc["regie"].tolist() == [3.75, 3.84]
    assert means.loc["maatwerk"].tolist() == [3.52, 3.67]
    items = result.items.set_index("variable")
    assert items.loc["samenwerking_2", ["mean_1", "mean_2"]].round(2).tolist() == [3.77, 4.22]
    assert items.loc["samenwerking_3", "reversed"]
    assert result.scales["mde_g"].round(2).tolist() == [0.77, 0.77, 0.77]


def test_items_use_the_scales_scoring():
    """User-missing 9 is missing and samenwerking_3 is reverse coded, as in `scales`."""
    from maatwerk_stats import read_data, score_scales

    scored = score_scales(read_data(DEMO / "pre.sav"), LEERATELIER)
    result = compare(DEMO / "pre.sav", DEMO / "post.sav", config=LEERATELIER)
    items = result.items.set_index("variable")
    for item in ("samenwerking_3", "regie_1"):
        values = scored.items[item].dropna()
        assert items.loc[item, "n_1"] == len(values)
        assert items.loc[item, "mean_1"] == pytest.approx(values.mean(), abs=1e-12)
    assert items["mean_1"].max() <= 5


def test_paired_demo():
    result = compare(DEMO / "gewogen_maatwerk.sav", config=GEWOGEN)
    assert result.design == "paired"
    assert result.groups == ("voor", "na")  # given as value labels of the codes 1 and 2
    assert result.scales["n_pairs"].max() == 57
    assert (result.scales["n_1"] == result.scales["n_pairs"]).all()
    assert result.unmatched["group"].value_counts().to_dict() == {"voor": 5, "na": 5}
    # mean_diff of paired rows is the mean of the differences of complete pairs
    row = result.items.set_index("variable").loc["norm_3"]
    assert row["mean_diff"] == pytest.approx(row["mean_2"] - row["mean_1"], abs=1e-12)
    assert any("5 id(s) only in 'voor' and 5 id(s) only in 'na'" in n.text() for n in result.notes)


def test_paired_two_files_equal_one_file(tmp_path):
    from maatwerk_stats import read_data

    data = read_data(DEMO / "gewogen_maatwerk.sav").frame
    before = write_csv(tmp_path / "voor.csv", data[data["meting"] == 1].to_dict("list"))
    after = write_csv(tmp_path / "na.csv", data[data["meting"] == 2].to_dict("list"))
    two = compare(before, after, config=GEWOGEN, paired=True)
    one = compare(DEMO / "gewogen_maatwerk.sav", config=GEWOGEN)
    pd.testing.assert_frame_equal(two.scales.drop(columns="label"),
                                  one.scales.drop(columns="label"))
    assert len(two.unmatched) == 10


def test_adjusted_and_ordinal_tables():
    result = compare(DEMO / "pre.sav", DEMO / "post.sav", config=LEERATELIER,
                     adjust_for=["leeftijd", "geslacht", "organisatie", "ervaring"],
                     ordinal=True)
    assert list(result.adjusted["variable"]) == ["samenwerking", "regie", "maatwerk"]
    assert result.adjusted["covariates"].iloc[0] == (
        "leeftijd (categorical); geslacht (categorical); organisatie (categorical); "
        "ervaring (numeric)")
    assert (result.adjusted["n"] == 58).all()
    assert len(result.ordinal) == 12
    odds = result.ordinal
    assert np.allclose(odds["odds_ratio"], np.exp(odds["estimate"]))
    assert (odds["odds_ratio_conf_low"] < odds["odds_ratio"]).all()
    assert set(result.tables()) == {"compare_scales", "compare_items", "compare_distribution",
                                    "compare_adjusted", "compare_ordinal"}


def test_numeric_covariate_without_labels_gets_a_note_and_can_be_categorical():
    plain = compare(DEMO / "vragenlijst.csv", config=LEERATELIER, adjust_for=["geslacht"])
    assert plain.adjusted["covariates"].iloc[0] == "geslacht (numeric)"
    assert any("categorical=geslacht" in n.text() for n in plain.notes)
    as_category = compare(DEMO / "vragenlijst.csv", config=LEERATELIER,
                          adjust_for=["geslacht"], categorical=["geslacht"])
    assert as_category.adjusted["covariates"].iloc[0] == "geslacht (categorical)"
    spss = compare(DEMO / "pre.sav", DEMO / "post.sav", config=LEERATELIER,
                   adjust_for=["geslacht"])
    pd.testing.assert_series_equal(spss.adjusted["estimate"], as_category.adjusted["estimate"])


def test_adjusted_difference_not_estimable_when_covariate_is_the_group(tmp_path):
    path = write_csv(tmp_path / "d.csv", {
        "respnr": range(8), "meting": ["voor"] * 4 + ["na"] * 4,
        "s_1": [1, 2, 3, 4, 2, 3, 4, 5], "s_2": [2, 2, 3, 3, 3, 4, 4, 5],
        "team": ["a"] * 4 + ["b"] * 4})
    result = compare(path, config=SMALL_CONFIG, adjust_for=["team"])
    row = result.adjusted.iloc[0]
    assert math.isnan(row["estimate"])
    assert row["note"] == ("the covariates fully explain group membership: adjusted "
                           "difference not estimable")


# --------------------------------------------------------------------------------------------
# Rows with values that cannot be computed: NaN with a reason


def test_constant_variable_says_t_is_undefined():
    row = independent_row(np.array([3.0, 3, 3]), np.array([3.0, 3, 3, 3]), CODES)
    assert math.isnan(row["t"]) and math.isnan(row["hedges_g"])
    assert math.isnan(row["p_value_rank"])
    assert row["note"] == ("no variance within the groups: t and Hedges' g undefined; "
                           "all answers equal: rank test undefined")
    assert row["mean_diff"] == 0


def test_group_with_fewer_than_two_answers():
    row = independent_row(np.array([4.0]), np.array([3.0, 4, 5]), CODES)
    assert row["note"] == "group voor has fewer than 2 answers"
    assert math.isnan(row["t"]) and math.isnan(row["mde_g"])
    assert row["mean_1"] == 4 and math.isnan(row["sd_1"])
    empty = independent_row(np.array([]), np.array([3.0]), CODES)
    assert empty["note"] == "group voor has fewer than 2 answers; group na has fewer than 2 answers"


def test_paired_rows_with_undefined_statistics():
    same = paired_row(np.array([1.0, 2, 3]), np.array([1.0, 2, 3]))
    assert same["note"] == ("the differences have no variance: t and d_z undefined; "
                            "all differences are zero: signed-rank test undefined")
    constant = paired_row(np.array([2.0, 2, 2]), np.array([2.0, 2, 2]))
    assert constant["note"].startswith("no variance in either measurement")
    one = paired_row(np.array([2.0]), np.array([3.0]))
    assert one["note"].startswith("fewer than 2 complete pairs")


def test_notes_reach_the_table(tmp_path):
    path = write_csv(tmp_path / "d.csv", {
        "respnr": range(7), "meting": ["voor"] * 3 + ["na"] * 4,
        "s_1": [3, 3, 3, 3, 3, 3, 3], "s_2": [1, None, None, 2, 3, 4, 5]})
    result = compare(path, config=SMALL_CONFIG)
    notes = result.items.set_index("variable")["note"]
    assert notes["s_1"].startswith("no variance within the groups")
    assert notes["s_2"] == "group voor has fewer than 2 answers"
    assert result.scales["note"].iloc[0] == ""
    # NaN p-values are left out of the Holm adjustment, as p.adjust does
    assert math.isnan(result.items["p_adjusted"].iloc[0])


# --------------------------------------------------------------------------------------------
# Bad input: one clear message


def test_only_one_group(tmp_path):
    path = write_csv(tmp_path / "d.csv", {"respnr": [1, 2, 3], "meting": ["na"] * 3,
                                          "s_1": [1, 2, 3], "s_2": [2, 3, 4]})
    with pytest.raises(DataError, match=r"only one group to compare: column 'meting' in "
                       r".*d\.csv has no rows with 'voor', only 'na' \(3 rows\)"):
        compare(path, config=SMALL_CONFIG)


def test_missing_group_column_suggests_the_nearest(tmp_path):
    with pytest.raises(DataError, match=r"group column 'metingg' is not a column of "
                       r".*vragenlijst\.csv; did you mean 'meting'\?"):
        compare(DEMO / "vragenlijst.csv", config=LEERATELIER, group="metingg")


def test_text_groups_need_an_order(tmp_path):
    path = write_csv(tmp_path / "d.csv", {"respnr": [1, 2, 3, 4], "meting": list("abab"),
                                          "s_1": [1, 2, 3, 4], "s_2": [2, 3, 4, 5]})
    config = parse_config({"scales": {"s": {"items": ["s_1", "s_2"]}}})
    with pytest.raises(DataError, match=r"say which comes first \(before\) with group_order=a,b"):
        compare(path, config=config, group="meting")
    result = compare(path, config=config, group="meting", group_order=["b", "a"])
    assert result.groups == ("b", "a")


def test_numeric_codes_are_ordered_and_known_words_recognised(tmp_path):
    path = write_csv(tmp_path / "d.csv", {"t": [2, 1, 2, 1], "s_1": [1, 2, 3, 4],
                                          "s_2": [2, 3, 4, 5]})
    config = parse_config({"scales": {"s": {"items": ["s_1", "s_2"]}}})
    assert compare(path, config=config, group="t").groups == ("1", "2")
    path = write_csv(tmp_path / "e.csv", {"t": ["Post", "Pre"] * 2, "s_1": [1, 2, 3, 4],
                                          "s_2": [2, 3, 4, 5]})
    assert compare(path, config=config, group="t").groups == ("Pre", "Post")


def test_more_than_two_groups_without_order(tmp_path):
    path = write_csv(tmp_path / "d.csv", {"t": [1, 2, 3], "s_1": [1, 2, 3], "s_2": [1, 2, 3]})
    config = parse_config({"scales": {"s": {"items": ["s_1", "s_2"]}}})
    with pytest.raises(DataError, match=r"3 measurements .*need paired data"):
        compare(path, config=config, group="t")
    path_text = write_csv(tmp_path / "f.csv", {"t": ["a", "b", "c"], "s_1": [1, 2, 3],
                                               "s_2": [1, 2, 3]})
    with pytest.raises(DataError, match=r"holds 3 groups .*give their order in time"):
        compare(path_text, config=config, group="t")
    result = compare(path, config=config, group="t", group_order=["1", "3"])
    # '2' is one row's value: counted, not quoted (it could be a person's own answer)
    [note] = [n for n in result.notes if n.kind == "rows_in_other_groups"]
    assert note.text() == ("1 row(s) with another value in 't' were left out (1 other "
                           "value(s) in fewer than 5 rows each (not shown); compared: '1', '3').")
    assert note.values["groups"] == []


def test_files_with_different_items(tmp_path):
    from maatwerk_stats import read_data

    post = read_data(DEMO / "post.sav").frame.drop(columns=["regie_4", "maatwerk_1"])
    path = write_csv(tmp_path / "post.csv", post.to_dict("list"))
    with pytest.raises(DataError) as error:
        compare(DEMO / "pre.sav", path, config=LEERATELIER)
    assert str(error.value) == (
        f"{DEMO / 'pre.sav'} and {path} do not hold the same items (only in "
        f"{DEMO / 'pre.sav'}: regie_4, maatwerk_1). Both measurements need every item of "
        "the scales compared: rename the columns so they match, or leave the scale out with "
        "scales.")
    # without a config the inferred scales must agree as well
    with pytest.raises(DataError, match=r"only in .*pre\.sav: maatwerk_1, regie_4"):
        compare(DEMO / "pre.sav", path)


def test_files_with_a_renamed_item_suggest_its_new_name(tmp_path):
    """An item renamed in the other file ("regie_4" there "Regie_4") is suggested; an item
    that is simply missing ("maatwerk_1") gets no suggestion."""
    from maatwerk_stats import read_data

    post = read_data(DEMO / "post.sav").frame.drop(columns=["maatwerk_1"])
    path = write_csv(tmp_path / "post.csv",
                     post.rename(columns={"regie_4": "Regie_4"}).to_dict("list"))
    with pytest.raises(DataError) as error:
        compare(DEMO / "pre.sav", path, config=LEERATELIER)
    assert str(error.value).startswith(
        f"{DEMO / 'pre.sav'} and {path} do not hold the same items (only in "
        f"{DEMO / 'pre.sav'}: regie_4 (did you mean 'Regie_4' in {path}?), maatwerk_1). "
        "Both measurements")
    assert error.value.texts["nl"].startswith(
        f"{DEMO / 'pre.sav'} en {path} bevatten niet dezelfde items (alleen in "
        f"{DEMO / 'pre.sav'}: regie_4 (bedoelt u 'Regie_4' in {path}?), maatwerk_1). ")
    with pytest.raises(DataError) as error:  # the other way round: the file named second
        compare(path, DEMO / "pre.sav", config=LEERATELIER)
    assert f"only in {DEMO / 'pre.sav'}: regie_4 (did you mean 'Regie_4' in {path}?), " \
        "maatwerk_1)" in str(error.value)


def test_paired_duplicated_ids(tmp_path):
    path = write_csv(tmp_path / "d.csv", {
        "respnr": [1, 2, 2, 1, 2], "meting": ["voor"] * 3 + ["na"] * 2,
        "s_1": [1, 2, 3, 4, 5], "s_2": [2, 3, 4, 5, 5]})
    with pytest.raises(DataError, match=r"paired data: id column 'respnr' in .*d\.csv has "
                       r"duplicated ids within measurement 'voor' \(data rows 2, 3\)"):
        compare(path, config=SMALL_CONFIG, paired=True)


def test_independent_groups_warn_about_an_id_twice_within_a_measurement(tmp_path):
    """Not paired, the comparison is not wrong, but the rows may be one person twice: a
    warning (study.id configured), not the paired error; an id once before and once after
    is no duplicate."""
    path = write_csv(tmp_path / "d.csv", {
        "respnr": [1, 2, 2, 1, 3, 4], "meting": ["voor"] * 3 + ["na"] * 3,
        "s_1": [1, 2, 3, 4, 5, 4], "s_2": [2, 3, 4, 5, 5, 3]})
    result = compare(path, config=SMALL_CONFIG)
    (note,) = [n for n in result.notes if n.kind == "duplicate_ids"]
    assert note.level == "warning"
    assert note.values == {"file": str(path), "n_ids": 1, "n_rows": 2, "rows": "2, 3",
                           "within": "meting"}
    unique = write_csv(tmp_path / "u.csv", {
        "respnr": [1, 2, 3, 1, 2, 3], "meting": ["voor"] * 3 + ["na"] * 3,
        "s_1": [1, 2, 3, 4, 5, 4], "s_2": [2, 3, 4, 5, 5, 3]})
    assert [n for n in compare(unique, config=SMALL_CONFIG).notes
            if n.kind == "duplicate_ids"] == []


def test_two_files_are_checked_for_duplicate_ids_each(tmp_path):
    pre = write_csv(tmp_path / "pre.csv", {"respnr": [1, 2, 2], "s_1": [1, 2, 3],
                                           "s_2": [2, 3, 4]})
    post = write_csv(tmp_path / "post.csv", {"respnr": [1, 2, 3], "s_1": [4, 5, 4],
                                             "s_2": [5, 5, 3]})
    two = parse_config({"study": {"id": "respnr"}, "scales": {
        "s": {"items": ["s_1", "s_2"], "range": [1, 5], "min_items": 1}}})
    notes = [n for n in compare(pre, post, config=two).notes if n.kind == "duplicate_ids"]
    assert [(n.values["file"], n.values["rows"]) for n in notes] == [(str(pre), "2, 3")]


def test_paired_without_matching_ids():
    with pytest.raises(DataError, match=r"paired data: no id in column 'respnr' appears in "
                       r"both measurements \(22 ids in 'voor', 36 in 'na'\)"):
        compare(DEMO / "pre.sav", DEMO / "post.sav", config=LEERATELIER, paired=True)


def test_paired_needs_an_id_and_refuses_covariates(tmp_path):
    config = parse_config({"scales": {"s": {"items": ["s_1", "s_2"]}}})
    path = write_csv(tmp_path / "d.csv", {"t": [1, 2], "s_1": [1, 2], "s_2": [1, 2]})
    with pytest.raises(DataError, match="paired comparison without an id column"):
        compare(path, config=config, group="t", paired=True)
    with pytest.raises(DataError, match="adjust_for is for independent groups"):
        compare(DEMO / "gewogen_maatwerk.sav", config=GEWOGEN, adjust_for=["gemeente"])


def test_unknown_covariate():
    with pytest.raises(DataError, match=r"adjust_for: covariate 'leeftyd' is not a column of "
                       r".*pre\.sav; did you mean 'leeftijd'\?"):
        compare(DEMO / "pre.sav", DEMO / "post.sav", config=LEERATELIER,
                adjust_for=["leeftyd"])


def test_input_files_are_not_modified():
    import hashlib

    paths = [DEMO / "pre.sav", DEMO / "post.sav"]
    before = [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]
    compare(*paths, config=LEERATELIER, ordinal=True, adjust_for=["leeftijd"])
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths] == before


# --------------------------------------------------------------------------------------------
# Properties

likert = st.lists(st.integers(min_value=1, max_value=5), min_size=2, max_size=30)


def _arrays(a: list[int], b: list[int]) -> tuple[np.ndarray, np.ndarray]:
    return np.array(a, dtype=float), np.array(b, dtype=float)


@settings(max_examples=60, deadline=None)
@given(likert, likert, st.booleans())
def test_swapping_groups_flips_signs(a, b, equal_var):
    x1, x2 = _arrays(a, b)
    assume(np.var(np.concatenate([x1, x2])) > 0 and (x1.var() > 0 or x2.var() > 0))
    forward = independent_row(x1, x2, CODES, equal_var)
    back = independent_row(x2, x1, CODES[::-1], equal_var)
    for key in ("mean_diff", "t", "hedges_g", "rank_biserial"):
        assert back[key] == pytest.approx(-forward[key], abs=1e-9)
    assert back["g_conf_low"] == pytest.approx(-forward["g_conf_high"], abs=1e-7)
    assert back["diff_conf_high"] == pytest.approx(-forward["diff_conf_low"], abs=1e-9)
    for key in ("p_value", "p_value_rank", "df", "mde_g"):
        assert back[key] == pytest.approx(forward[key], abs=1e-9)
    assert back["u"] + forward["u"] == len(a) * len(b)


@settings(max_examples=60, deadline=None)
@given(likert, likert, st.floats(min_value=-50, max_value=50), st.floats(0.1, 10))
def test_shift_and_scale_change_only_the_location(a, b, shift, factor):
    x1, x2 = _arrays(a, b)
    assume(x1.var() > 0 and x2.var() > 0)
    plain = independent_row(x1, x2, CODES)
    moved = independent_row(x1 * factor + shift, x2 * factor + shift, CODES)
    for key in ("t", "df", "p_value", "hedges_g", "g_conf_low", "g_conf_high", "u",
                "p_value_rank", "rank_biserial", "mde_g"):
        assert moved[key] == pytest.approx(plain[key], rel=1e-7, abs=1e-7)
    assert moved["mean_1"] == pytest.approx(plain["mean_1"] * factor + shift)
    assert moved["mean_diff"] == pytest.approx(plain["mean_diff"] * factor, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=3, max_size=30))
def test_paired_swap_flips_signs(pairs):
    x1 = np.array([p[0] for p in pairs], dtype=float)
    x2 = np.array([p[1] for p in pairs], dtype=float)
    assume((x2 - x1).std() > 0)
    forward, back = paired_row(x1, x2), paired_row(x2, x1)
    for key in ("mean_diff", "t", "d_z", "d_av", "rank_biserial"):
        assert back[key] == pytest.approx(-forward[key], abs=1e-9)
    assert back["d_z_conf_low"] == pytest.approx(-forward["d_z_conf_high"], abs=1e-7)
    assert back["p_value"] == pytest.approx(forward["p_value"], abs=1e-12)
    assert back["p_value_rank"] == pytest.approx(forward["p_value_rank"], abs=1e-12)
    nonzero = np.abs(x2 - x1) > 0
    n = int(nonzero.sum())
    assert back["w"] + forward["w"] == pytest.approx(n * (n + 1) / 2)


@given(st.lists(st.one_of(st.floats(0, 1), st.just(float("nan"))), min_size=1, max_size=20))
def test_adjusted_p_values(p):
    holm, bh, none = adjust_p(p, "holm"), adjust_p(p, "fdr_bh"), adjust_p(p, "none")
    for raw, h, b, n in zip(p, holm, bh, none, strict=True):
        if math.isnan(raw):
            assert math.isnan(h) and math.isnan(b) and math.isnan(n)
        else:
            assert raw - 1e-12 <= b <= h + 1e-12 <= 1 + 1e-12
            assert n == raw
    present = [(raw, h) for raw, h in zip(p, holm, strict=True) if not math.isnan(raw)]
    for raw_a, h_a in present:  # the adjustment keeps the order of the p-values
        for raw_b, h_b in present:
            if raw_a < raw_b:
                assert h_a <= h_b + 1e-12


def test_unknown_adjustment():
    with pytest.raises(OptionError, match="unknown p-value adjustment 'bonferroni'"):
        compare(DEMO / "pre.sav", DEMO / "post.sav", config=LEERATELIER, adjust="bonferroni")
