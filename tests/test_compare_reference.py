"""``compare`` against R: golden values written by tests/reference/compare.R.

Real public data — R's ``sleep`` (paired) and ``psych::bfi`` split by gender (independent) —
and a synthetic pre/post SPSS file with user-missing codes that R wrote with haven, so both
sides read the very same file. Tolerances (absolute), per quantity:

- counts and U / V: exact;
- means, SDs, mean differences and their t-based CIs, t, df, p-values (t-test, rank tests,
  adjusted), Hedges' g, d_z, d_av, rank-biserial r and their closed-form CIs, minimal
  detectable effects, OLS results: 1e-6;
- CIs from the noncentral t: 1e-6 against the exact roots (uniroot, the ``*_exact`` columns)
  and 5e-4 against effectsize itself, whose optim-based search misses the root by up to
  2.7e-4 (bfi extraversion; all other rows within 1e-5);
- proportional-odds models (iterative fits on both sides, polr with reltol 1e-14):
  1e-5 for log odds ratios, SEs, z, p and CIs.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from maatwerk_stats import load_config
from maatwerk_stats.api import compare
from maatwerk_stats.stats.power import minimal_detectable_effect

REFERENCE = Path(__file__).resolve().parent / "reference"
DATA = REFERENCE / "data"

EXACT = 0.0
T = 1e-6
NCP_EXACT = 1e-6
NCP_EFFECTSIZE = 5e-4
ORDINAL = 1e-5

COMMON_TOLERANCES = {
    "mean_1": T, "mean_2": T, "sd_1": T, "sd_2": T, "mean_diff": T, "diff_conf_low": T,
    "diff_conf_high": T, "t": T, "df": T, "p_value": T, "p_value_rank": T,
    "rank_biserial": T, "rank_biserial_conf_low": T, "rank_biserial_conf_high": T,
}
INDEPENDENT_TOLERANCES = {
    **COMMON_TOLERANCES, "n_1": EXACT, "n_2": EXACT, "u": EXACT, "hedges_g": T,
    "mde_g": T,
    "g_conf_low": NCP_EFFECTSIZE, "g_conf_high": NCP_EFFECTSIZE,
    ("g_conf_low", "g_conf_low_exact"): NCP_EXACT,
    ("g_conf_high", "g_conf_high_exact"): NCP_EXACT,
}
PAIRED_TOLERANCES = {
    **COMMON_TOLERANCES, "n_pairs": EXACT, "w": EXACT, "d_z": T, "d_av": T,
    "d_av_conf_low": T, "d_av_conf_high": T, "mde_d_z": T,
    "d_z_conf_low": NCP_EFFECTSIZE, "d_z_conf_high": NCP_EFFECTSIZE,
    ("d_z_conf_low", "d_z_conf_low_exact"): NCP_EXACT,
    ("d_z_conf_high", "d_z_conf_high_exact"): NCP_EXACT,
}


def assert_matches(ours: pd.DataFrame, reference: pd.DataFrame,
                   tolerances: dict, key: str = "variable") -> None:
    """Every reference row has a row of ours with the same key, equal within tolerance."""
    assert len(reference) > 0
    mine = ours.set_index(key)
    assert set(reference[key]) <= set(mine.index)
    for spec, tolerance in tolerances.items():
        column, ref_column = spec if isinstance(spec, tuple) else (spec, spec)
        for row in reference.itertuples(index=False):
            expected = getattr(row, ref_column)
            got = mine.loc[getattr(row, key), column]
            assert got == pytest.approx(expected, abs=tolerance, rel=0), (
                f"{getattr(row, key)}.{column}: {got!r} vs R {expected!r}")


def _reference(name: str, **where: object) -> pd.DataFrame:
    table = pd.read_csv(REFERENCE / f"compare_{name}.csv")
    for column, value in where.items():
        table = table[table[column] == value]
    return table


@pytest.fixture(scope="module")
def bfi_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    items = pd.read_csv(DATA / "bfi.csv")
    demographics = pd.read_csv(DATA / "bfi_demographics.csv")
    path = tmp_path_factory.mktemp("bfi") / "bfi_gender.csv"
    items.merge(demographics, on="id").to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def bfi_welch(bfi_file: Path):
    return compare(bfi_file, config=load_config(REFERENCE / "bfi.toml"), group="gender",
                   group_order=["1", "2"], adjust_for=["age", "education"], ordinal=True)


@pytest.fixture(scope="module")
def prepost_config():
    return load_config(REFERENCE / "prepost.toml")


@pytest.mark.parametrize("equal_var", [False, True])
@pytest.mark.parametrize("dataset", ["bfi", "prepost"])
def test_independent_groups_match_r(dataset, equal_var, bfi_file, bfi_welch, prepost_config):
    if dataset == "bfi":
        result = bfi_welch if not equal_var else compare(
            bfi_file, config=load_config(REFERENCE / "bfi.toml"), group="gender",
            group_order=["1", "2"], equal_var=True)
    else:
        result = compare(DATA / "prepost.sav", config=prepost_config, equal_var=equal_var)
    assert result.design == "independent"
    for kind, table in (("scale", result.scales), ("item", result.items)):
        reference = _reference("independent", dataset=dataset, kind=kind,
                               equal_var=equal_var)
        assert len(table) == len(reference)
        assert_matches(table, reference, INDEPENDENT_TOLERANCES)
        assert_matches(table, reference.assign(p_adjusted=reference["p_holm"]),
                       {"p_adjusted": T})


def test_fdr_adjustment_matches_r(prepost_config):
    result = compare(DATA / "prepost.sav", config=prepost_config, adjust="fdr_bh")
    reference = _reference("independent", dataset="prepost", kind="item", equal_var=False)
    assert_matches(result.items, reference.assign(p_adjusted=reference["p_bh"]),
                   {"p_adjusted": T})


def test_paired_sleep_matches_r():
    result = compare(DATA / "sleep.csv", config=load_config(REFERENCE / "sleep.toml"))
    assert result.design == "paired"
    reference = _reference("paired", dataset="sleep", kind="scale")
    assert_matches(result.scales, reference, PAIRED_TOLERANCES)
    assert result.scales.loc[0, "n_1"] == result.scales.loc[0, "n_2"] == 10
    assert result.unmatched is not None and result.unmatched.empty


def test_paired_prepost_matches_r(prepost_config):
    result = compare(DATA / "prepost.sav", config=prepost_config, paired=True)
    for kind, table in (("scale", result.scales), ("item", result.items)):
        reference = _reference("paired", dataset="prepost", kind=kind)
        assert_matches(table, reference, PAIRED_TOLERANCES)
        assert_matches(table, reference.assign(p_adjusted=reference["p_holm"]),
                       {"p_adjusted": T})
    # 6 people only before, 4 only after (compare.R): reported, not dropped silently
    assert result.unmatched["group"].value_counts().to_dict() == {"voor": 6, "na": 4}
    assert sorted(result.unmatched["id"].astype(int)) == list(range(25, 35))


@pytest.mark.parametrize("dataset", ["bfi", "prepost"])
def test_adjusted_differences_match_lm(dataset, bfi_welch, prepost_config):
    if dataset == "bfi":
        result = bfi_welch
    else:
        result = compare(DATA / "prepost.sav", config=prepost_config,
                         adjust_for=["organisatie", "ervaring"])
    reference = _reference("adjusted", dataset=dataset)
    tolerances = {"n": EXACT, "estimate": T, "std_error": T, "t": T, "df": EXACT,
                  "p_value": T, "conf_low": T, "conf_high": T}
    assert_matches(result.adjusted, reference, tolerances)
    assert_matches(result.adjusted, reference.assign(p_adjusted=reference["p_holm"]),
                   {"p_adjusted": T})


@pytest.mark.parametrize(("dataset", "design"), [("bfi", "independent"),
                                                 ("prepost", "independent"),
                                                 ("prepost", "paired")])
def test_proportional_odds_match_polr(dataset, design, bfi_welch, prepost_config):
    if dataset == "bfi":
        result = bfi_welch
    else:
        result = compare(DATA / "prepost.sav", config=prepost_config,
                         paired=design == "paired", ordinal=True)
    reference = _reference("ordinal", dataset=dataset, design=design)
    reference = reference.assign(n_1_plus_2=reference["n"])
    ours = result.ordinal.assign(n_1_plus_2=result.ordinal["n_1"] + result.ordinal["n_2"])
    tolerances = {"n_1_plus_2": EXACT, "n_categories": EXACT, "estimate": ORDINAL,
                  "std_error": ORDINAL, "statistic": ORDINAL, "p_value": ORDINAL,
                  "conf_low": ORDINAL, "conf_high": ORDINAL, "odds_ratio": ORDINAL}
    assert_matches(ours, reference, tolerances)
    expected_se = "cluster_robust" if design == "paired" else "model"
    assert set(result.ordinal["se_type"]) == {expected_se}


def test_minimal_detectable_effect_matches_power_t_test():
    reference = pd.read_csv(REFERENCE / "compare_power.csv")
    for row in reference.itertuples(index=False):
        n2 = None if row.design == "paired" else row.n_2
        assert minimal_detectable_effect(row.n_1, n2) == pytest.approx(row.mde, abs=1e-6)
    # the Leeratelier sizes: about 0.77 (issue 3)
    assert minimal_detectable_effect(22, 36) == pytest.approx(0.7715, abs=1e-4)
