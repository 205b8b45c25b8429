"""Team-level statistics over the published teams only (analyses/teams.py, correlate.py):
ICC(1)/ICC(2) and between-team correlations on the fuzz corpus' team survey, against
multilevel::ICC1/ICC2 and psych::statsBy on the published teams' rows
(tests/reference/teams_published.R)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from maatwerk_stats import load_config, read_data
from maatwerk_stats.analyses.correlate import correlate
from maatwerk_stats.analyses.teams import team_agreement
from maatwerk_stats.prepare.teams import prepare_survey

ROOT = Path(__file__).resolve().parents[1]
FILES = ROOT / "tests" / "fuzz" / "files"
REFERENCE = ROOT / "tests" / "reference"
SCALES = ["taakonzekerheid", "steun", "klimaat", "maatwerk"]


@pytest.fixture(scope="module")
def survey():
    return prepare_survey(read_data(FILES / "teams_hidden.csv"),
                          load_config(FILES / "teams_hidden.toml"), SCALES, team="team")


def test_icc_over_the_published_teams_matches_multilevel(survey):
    ref = pd.read_csv(REFERENCE / "teams_published_agreement.csv").set_index("variable")
    result = team_agreement(survey, SCALES, min_cell=5).agreement.set_index("variable")
    means = team_agreement(survey, SCALES, min_cell=5).team_means
    for scale in SCALES:
        withheld = means[(means["variable"] == scale) & means["suppressed"]]["team"]
        assert " ".join(sorted(withheld, key=int)) == ref.loc[scale, "withheld"]
        assert result.loc[scale, "n_teams_icc"] == ref.loc[scale, "n_teams_icc"] == 14
        assert result.loc[scale, "n_teams"] == 16  # every team counted
        for column in ("icc1", "icc2"):
            assert result.loc[scale, column] == pytest.approx(ref.loc[scale, column],
                                                              abs=1e-12), (scale, column)


def test_icc_with_every_team_when_nothing_is_hidden(survey):
    """min_cell = 1: every team, as before (and as the bhr2000 reference)."""
    open_run = team_agreement(survey, SCALES, min_cell=1).agreement
    closed = team_agreement(survey, SCALES, min_cell=5).agreement
    assert (open_run["n_teams_icc"] == 16).all()
    assert (open_run["icc1"] != closed["icc1"]).all()


def test_between_team_correlations_over_the_published_teams_match_statsby(survey):
    ref = pd.read_csv(REFERENCE / "teams_published_between.csv")
    result = correlate(survey, SCALES, min_cell=5)
    between = result.between
    assert list(between["variable_1"]) == list(ref["variable_1"])
    assert list(between["variable_2"]) == list(ref["variable_2"])
    assert (between["n"] == ref["n_teams"]).all()
    for ours, theirs in zip(between["r"], ref["r_between"], strict=True):
        assert ours == pytest.approx(theirs, abs=1e-12)
    note = next(n for n in result.notes if n.kind == "between_teams_published")
    assert note.values == {"n_teams": 14, "left_out": 2, "min_cell": 5}
    # within teams and the pooled correlations still use everyone
    everyone = correlate(survey, SCALES)
    pd.testing.assert_frame_equal(result.within, everyone.within)
    pd.testing.assert_frame_equal(result.correlations, everyone.correlations)
    assert (everyone.between["n"] == 16).all()
