"""Degenerate vignette groups (analyses/vignette_degenerate.py): a group of one respondent or
whose ratings never vary gets no estimates and a saved warning, never a p of 1e-140."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from maatwerk_stats import vignette
from maatwerk_stats.errors import DataError

from .conftest import CONFIG, DEMO

FILES = Path(__file__).parent / "fuzz" / "files"


def demo_ratings() -> pd.DataFrame:
    return pd.read_csv(DEMO / "vignetten.csv", sep=";", encoding="utf-8-sig")


@pytest.fixture(scope="module")
def one_voor():
    return vignette(FILES / "vignette_one_voor.csv", CONFIG)


def test_a_group_of_one_respondent_has_no_estimates(one_voor):
    """Before the guard: ols_cluster SE 3e-15 and p = 0 for this one person's "effects"."""
    for table in (one_voor.coefficients, one_voor.marginal_means, one_voor.influence):
        voor = table[table["group"] == "voor"]
        assert len(voor) and voor["estimate"].isna().all()
        assert voor["note"].eq("one respondent in this group: no estimate").all()
        assert table[table["group"] == "na"]["estimate"].notna().all()
    assert one_voor.influence[one_voor.influence["group"] == "voor"]["label"].isna().all()
    # the interactions compare "na" with "voor": nothing to compare with
    assert one_voor.interactions["estimate"].isna().all()
    assert one_voor.interactions["note"].eq(
        "one respondent in the reference group: no estimate").all()
    na = one_voor.coefficients[one_voor.coefficients["group"] == "na"]
    assert na["std_error"].gt(0.05).all()  # real standard errors, not 1e-15
    # the pooled rows over everybody stay
    assert one_voor.coefficients[one_voor.coefficients["group"] == "all"]["estimate"] \
        .notna().all()
    [w] = [w for w in one_voor.warnings if w.kind == "degenerate_group"]
    assert w.subject == "voor" and w.values["n_respondents"] == 1
    assert "only one respondent" in w.text()


def test_a_group_whose_ratings_never_vary_has_no_estimates():
    result = vignette(FILES / "vignette_voor_constant.csv", CONFIG)
    coefficients = result.coefficients
    voor = coefficients[coefficients["group"] == "voor"]
    assert voor["p_value"].isna().all() and voor["std_error"].isna().all()
    assert voor["note"].eq("every rating the same in this group: no estimate").all()
    [w] = [w for w in result.warnings if w.kind == "degenerate_group"]
    assert w.values["reason"] == "every rating the same"


def test_ratings_of_one_respondent_are_refused():
    frame = demo_ratings()
    frame = frame[frame["respondent"] == frame["respondent"].iloc[0]]
    with pytest.raises(DataError, match=r"the ratings come from 1 respondent\(s\)"):
        vignette(frame, id="respondent", outcome="bereidheid", vignette_column="vignette",
                 factors=["reputatie", "capaciteiten"])


def test_ordinary_groups_are_untouched():
    result = vignette(DEMO / "vignetten.csv", CONFIG)
    assert not [w for w in result.warnings if w.kind == "degenerate_group"]
    assert result.coefficients["estimate"].notna().all()
    assert "note" not in result.coefficients.columns
