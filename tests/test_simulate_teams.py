"""The demo team survey (data/demo/teams.sav, teamleiders.csv; configs/teams.toml): the
shape of seed 002 (965 professionals, 64 teams and leaders) and the effects it was made with."""

from __future__ import annotations

import pandas as pd
import pytest

from maatwerk_stats.analyses.regress import regress
from maatwerk_stats.analyses.teams import team_agreement
from maatwerk_stats.config import load_config
from maatwerk_stats.io.read import read_data
from maatwerk_stats.io.write import OutputWriter
from maatwerk_stats.prepare.teams import merge_leaders, prepare_survey
from maatwerk_stats.simulate import TEAM_COUNT, TEAM_N, write_team_demo

from .conftest import DEMO, ROOT

CONFIG = ROOT / "configs" / "teams.toml"


def test_team_files_are_the_generator_output(tmp_path):
    with OutputWriter(tmp_path / "demo") as writer:
        write_team_demo(writer, seed=2023)
        names = list(writer.files)
    assert sorted(names) == ["teamleiders.csv", "teams.sav"]
    for name in names:
        assert (tmp_path / "demo" / name).read_bytes() == (DEMO / name).read_bytes(), name


@pytest.fixture(scope="module")
def survey():
    config = load_config(CONFIG)
    dataset = read_data(DEMO / "teams.sav")
    leaders = read_data(config.survey.teams.leaders)
    dataset, _ = merge_leaders(dataset, leaders, "team")
    return config, dataset


def test_shape_of_seed_002(survey):
    _, dataset = survey
    frame = dataset.frame
    assert len(frame) == TEAM_N == 965
    assert frame["team"].nunique() == TEAM_COUNT == 64
    assert frame.groupby("team").size().min() == 3  # a small team: suppressed in team means
    assert dataset.variable("geslacht").value_labels == {0.0: "man", 1.0: "vrouw"}


def test_effects_the_demo_was_made_with(survey):
    config, dataset = survey
    model = config.survey.regressions["maatwerk"]
    data = prepare_survey(dataset, config, model.variables(), team="team",
                          categorical=model.categorical)
    result = regress(data, [model])
    mixed = result.coefficients.query("model == 'mixed'").set_index("term")
    assert mixed.loc["taakonzekerheid", "estimate"] < 0 < mixed.loc["steun", "estimate"]
    assert mixed.loc["klimaat", "estimate"] > 0
    assert mixed.loc["steun:klimaat", "p_value"] < 0.01  # climate conditions support
    assert mixed.loc["rebels", "p_value"] < 0.05  # the leader-rated scale, merged by team
    fit = result.fit.set_index("model")
    assert 0.05 < fit.loc["mixed", "icc_null"] < 0.25
    agreement = team_agreement(prepare_survey(dataset, config, ["steun", "taakonzekerheid"],
                                              team="team")).agreement.set_index("variable")
    assert agreement.loc["steun", "icc1"] > 0.15 > agreement.loc["taakonzekerheid", "icc1"]
    assert pd.notna(agreement.loc["steun", "rwg_j_mean"])
