"""Complementary suppression (analyses/small_groups.py): the people outside the published
groups are never 1 to min_cell − 1, for team means and for sites."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from maatwerk_stats import load_config, read_data
from maatwerk_stats.analyses.correlate import correlate
from maatwerk_stats.analyses.small_groups import complementary
from maatwerk_stats.analyses.teams import team_agreement
from maatwerk_stats.api import compare
from maatwerk_stats.prepare.teams import prepare_survey
from maatwerk_stats.publish.privacy import protect_prepost

ROOT = Path(__file__).resolve().parents[1]
FILES = ROOT / "tests" / "fuzz" / "files"
SCALES = ["taakonzekerheid", "steun", "klimaat", "maatwerk"]


@given(st.lists(st.integers(0, 12), min_size=1, max_size=8), st.integers(0, 6),
       st.integers(1, 6))
def test_the_hidden_are_none_or_at_least_min_cell(sizes, outside, min_cell):
    sizes = np.array(sizes)
    primary = sizes >= min_cell
    kept = complementary(sizes, primary, outside, min_cell)
    hidden = int(sizes[~kept].sum()) + outside
    assert hidden == 0 or hidden >= min_cell or not kept.any()
    assert (kept <= primary).all()  # never publishes a small group
    withdrawn = np.flatnonzero(primary & ~kept)
    assert len(withdrawn) <= 1  # one more group always suffices
    if len(withdrawn):
        assert sizes[withdrawn[0]] == sizes[primary].min()
        assert 0 < int(sizes[~primary].sum()) + outside < min_cell


def test_no_group_is_withdrawn_without_need():
    sizes = np.array([3, 4, 9, 12])
    assert list(complementary(sizes, sizes >= 5, 0, 5)) == [False, False, True, True]
    assert list(complementary(sizes, sizes >= 8, 0, 8)) == [False, False, False, True]
    one = np.array([3, 9, 6, 6])
    assert list(complementary(one, one >= 5, 0, 5)) == [False, True, False, True]
    assert list(complementary(one, one >= 5, 2, 5)) == [False, True, True, True]  # 5 hidden


@pytest.fixture(scope="module")
def survey():
    config = load_config(FILES / "teams_hidden.toml")
    dataset = read_data(FILES / "teams_hidden.csv")
    return dataset, prepare_survey(dataset, config, SCALES, team="team")


def _rest(agreement, overall: pd.DataFrame, shown) -> dict[str, tuple[int, float]]:
    """Per scale: the people not in a shown team and their mean, from the overall mean."""
    out = {}
    for scale in SCALES:
        rows = agreement.team_means[(agreement.team_means["variable"] == scale) & shown(
            agreement.team_means)]
        total = overall.loc[scale]
        n_rest = int(total["n"] - rows["n"].sum())
        mean = (total["n"] * total["mean"] - (rows["n"] * rows["mean"]).sum()) / n_rest
        out[scale] = (n_rest, float(mean))
    return out


def test_team_means_beside_the_overall_mean_do_not_give_a_small_group_back(survey):
    dataset, data = survey
    overall = correlate(data, SCALES).descriptives.set_index("variable")
    team = dataset.frame["team"]
    hidden = (team == 63) | team.isna()  # a team of 3 and one respondent without a team
    truth = data.values.loc[hidden, SCALES].mean()

    # the attack, on the means a min_cell = 5 run used to publish (every team of 5 or more)
    open_run = team_agreement(data, SCALES, min_cell=1)
    attack = _rest(open_run, overall, lambda t: t["n"] >= 5)
    for scale in SCALES:
        assert attack[scale][0] == 4
        assert attack[scale][1] == pytest.approx(truth[scale], abs=1e-12)

    result = team_agreement(data, SCALES, min_cell=5)
    means = result.team_means
    withdrawn = means[means["suppressed"] & (means["n"] >= 5)]
    assert sorted(withdrawn["variable"]) == sorted(SCALES)
    assert set(withdrawn["team"]) == {"4"}  # the first of the smallest (5 members)
    assert withdrawn[["mean", "sd", "conf_low", "conf_high", "rwg_j"]].isna().all().all()
    for scale, (n_rest, _) in _rest(result, overall, lambda t: ~t["suppressed"]).items():
        assert n_rest >= 5, scale  # 3 + 1 + the withdrawn 5
    # the rwg(j) summaries leave the withdrawn team out, as they do the small one
    assert (result.agreement["n_teams_rwg"] == 14).all()
    published = means[~means["suppressed"]]
    rwg = published[published["variable"] == "steun"]["rwg_j"]
    assert result.agreement.set_index("variable").loc["steun", "rwg_j_mean"] == pytest.approx(
        rwg.mean(), abs=1e-12)
    notes = [n for n in result.notes if n.kind == "team_means_complementary"]
    assert len(notes) == 1 and notes[0].subject == ", ".join(SCALES)


def test_teams_without_a_hidden_group_withdraw_nothing(survey, tmp_path):
    _, data = survey
    result = team_agreement(data, SCALES, min_cell=3)  # team 63 (3) shown; 1 without a team
    means = result.team_means
    assert means["suppressed"].sum() == len(SCALES)  # team 4 of 5 hides the one respondent
    lines = (FILES / "teams_hidden.csv").read_text(encoding="utf-8").splitlines(True)
    assert lines[1].split(",")[1] == ""  # the respondent without a team
    (tmp_path / "teamed.csv").write_text("".join([lines[0], *lines[2:]]), encoding="utf-8")
    teamed = prepare_survey(read_data(tmp_path / "teamed.csv"),
                            load_config(FILES / "teams_hidden.toml"), SCALES, team="team")
    result = team_agreement(teamed, SCALES, min_cell=3)
    assert not result.team_means["suppressed"].any()
    assert not any(n.kind == "team_means_complementary" for n in result.notes)


@pytest.fixture(scope="module")
def paired():
    return compare(ROOT / "data" / "demo" / "gewogen_maatwerk.sav",
                   config=load_config(ROOT / "configs" / "gewogen_maatwerk.toml"))


def test_two_small_sites_together_below_min_cell_withdraw_the_smallest_other(paired):
    """Sites of 2, 2, 30 and 40 pairs: the ``all`` rows minus sites C and D would give A and
    B together (4 people) back, so C is blanked too (it was: only with exactly one small
    site)."""
    base = paired.sites[paired.sites["site"] == paired.sites["site"].iloc[0]]
    sites = pd.concat([base.assign(site=name, n_pairs=n)
                       for name, n in (("A", 2), ("B", 2), ("C", 30), ("D", 40))],
                      ignore_index=True)
    result = replace(paired, sites=sites, mixed=None, mixed_means=None, site_interaction=None)
    published, count = protect_prepost(result, 5)
    blank = published.sites.groupby("site")["mean_diff"].apply(lambda c: c.isna().all())
    assert blank.to_dict() == {"A": True, "B": True, "C": True, "D": False}
    assert count == 3 * len(base)
    notes = published.sites.set_index("site")["note"]
    assert notes.loc["C"].str.contains("with the other published rows").all()
    # 3 + 3: together 6, no site withdrawn
    sites.loc[sites["site"].isin(["A", "B"]), "n_pairs"] = 3
    published, _ = protect_prepost(replace(result, sites=sites), 5)
    blank = published.sites.groupby("site")["mean_diff"].apply(lambda c: c.isna().all())
    assert blank.to_dict() == {"A": True, "B": True, "C": False, "D": False}
