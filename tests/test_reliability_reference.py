"""Reliability against R (psych 2.2.9) and PSPP on real public data.

The reference values come from ``tests/reference/reliability.R`` (R 4.2.2, psych 2.2.9,
GPArotation 2022.10-2) and ``tests/reference/hotel_reliability.sps`` (PSPP); see those scripts.
Tolerances: 1e-6 absolute for every coefficient (omega included: psych's minres optimiser and
ours agree to ~1e-7 here); item n exactly. PSPP prints two decimals, so it is compared at 0.005.
"""

from __future__ import annotations

import pandas as pd
import pytest

from maatwerk_stats.analyses.scales import reliability
from maatwerk_stats.config import load_config
from maatwerk_stats.io.read import read_data
from maatwerk_stats.prepare.items import score_scales

from .conftest import REFERENCE

DATASETS = {"bfi": ("data/bfi.csv", "bfi.toml"), "hotel": ("data/hotel.sav", "hotel.toml")}
TOLERANCE = 1e-6


@pytest.fixture(scope="module")
def ours() -> dict[str, object]:
    results = {}
    for name, (data, config) in DATASETS.items():
        scored = score_scales(read_data(REFERENCE / data), load_config(REFERENCE / config))
        results[name] = reliability(scored)
    return results


@pytest.fixture(scope="module")
def reference_scales() -> pd.DataFrame:
    return pd.read_csv(REFERENCE / "reliability_scales.csv")


@pytest.fixture(scope="module")
def reference_items() -> pd.DataFrame:
    return pd.read_csv(REFERENCE / "reliability_items.csv")


@pytest.mark.parametrize("column", ["alpha", "alpha_std", "alpha_conf_low", "alpha_conf_high",
                                    "omega_total"])
def test_scale_coefficients_match_psych(ours, reference_scales, column):
    for name, result in ours.items():
        expected = reference_scales[reference_scales["dataset"] == name].set_index("scale")
        got = result.reliability.set_index("scale").loc[expected.index]
        assert (got["n"] == expected["n"]).all()
        assert (got["n_items"] == expected["n_items"]).all()
        assert got[column].to_numpy() == pytest.approx(expected[column].to_numpy(),
                                                       abs=TOLERANCE)


@pytest.mark.parametrize("column", ["mean", "sd", "item_rest_r", "alpha_if_deleted"])
def test_item_statistics_match_psych(ours, reference_items, column):
    for name, result in ours.items():
        expected = reference_items[reference_items["dataset"] == name]
        got = result.items.merge(expected, on=["scale", "item"], suffixes=("", "_r"))
        assert len(got) == len(expected)
        assert (got["n"] == got["n_r"]).all()
        assert got[column].to_numpy() == pytest.approx(got[f"{column}_r"].to_numpy(),
                                                       abs=TOLERANCE)


def test_bfi_has_missing_answers_so_listwise_n_differs_from_item_n(ours):
    result = ours["bfi"]
    agreeableness = result.reliability.set_index("scale").loc["agreeableness"]
    item_ns = result.items[result.items["scale"] == "agreeableness"]["n"]
    assert agreeableness["n"] < item_ns.min()


def pspp_tables(text: str) -> dict[tuple[str, str], list[list[str]]]:
    """The 'Reliability Statistics' and 'Item-Total Statistics' tables per scale."""
    tables: dict[tuple[str, str], list[list[str]]] = {}
    scale = table = None
    for line in text.splitlines():
        if line.startswith("Scale: "):
            scale = line.removeprefix("Scale: ").strip()
        elif line.startswith("Table: "):
            table = line.removeprefix("Table: ").strip()
            tables.setdefault((scale, table), [])
        elif line.strip() and scale and table and not tables[(scale, table)]:
            tables[(scale, table)].append(line.split(","))
        elif line.strip() and scale and table:
            tables[(scale, table)].append(line.rsplit(",", 4))
        else:
            table = None if not line.strip() else table
    return tables


def test_hotel_matches_pspp_reliability(ours):
    tables = pspp_tables((REFERENCE / "hotel_reliability_pspp.csv").read_text(encoding="utf-8"))
    result = ours["hotel"]
    for scale in ("satisfaction", "all_items"):
        alpha = float(tables[(scale, "Reliability Statistics")][1][0])
        row = result.reliability.set_index("scale").loc[scale]
        assert row["alpha"] == pytest.approx(alpha, abs=0.005)
        item_rows = tables[(scale, "Item-Total Statistics")][1:]
        ours_items = result.items[result.items["scale"] == scale]
        assert len(item_rows) == len(ours_items)
        for pspp_row, item in zip(item_rows, ours_items.itertuples(), strict=True):
            assert item.item_rest_r == pytest.approx(float(pspp_row[3]), abs=0.005)
            assert item.alpha_if_deleted == pytest.approx(float(pspp_row[4]), abs=0.005)
