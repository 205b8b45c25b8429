"""The [teams], [correlations] and [regression.NAME] config sections (config/survey.py)."""

from __future__ import annotations

import pytest

from maatwerk_stats.config import parse_config
from maatwerk_stats.errors import ConfigError


def test_sections_are_read() -> None:
    config = parse_config({
        "teams": {"column": "team", "leaders": "leiders.csv"},
        "correlations": {"variables": ["a", "b", "c"], "p_values": "exact"},
        "regression": {"m": {"outcome": "y", "predictors": ["a", "b", "g"],
                             "categorical": ["g"], "reference": {"g": 2},
                             "interactions": [["a", "b"]], "centre": "team"}},
    })
    survey = config.survey
    assert survey.teams.column == "team" and survey.teams.leaders.name == "leiders.csv"
    assert survey.correlations.variables == ("a", "b", "c")
    assert survey.correlations.p_values == "exact"
    model = survey.regressions["m"]
    assert model.variables() == ("y", "a", "b", "g")
    assert model.reference == {"g": "2"} and model.interactions == (("a", "b"),)
    assert model.centre == "team"


def test_without_sections_the_survey_is_empty() -> None:
    assert parse_config({}).survey.empty


def test_every_problem_is_listed() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({
            "teams": {"colum": "team"},
            "correlations": {"variables": ["a"]},
            "regression": {"m": {"outcome": "y", "predictors": ["a", "g"], "categorical": ["g"],
                                 "interactions": [["a", "z"], ["a", "g"]], "centre": "mean",
                                 "extra": 1}},
        })
    problems = [str(p) for p in caught.value.problems]
    assert "unknown key 'teams.colum' — did you mean 'column'?" in problems
    assert any("teams.column is missing" in p for p in problems)
    assert any("correlations.variables must list at least two" in p for p in problems)
    assert any("interactions names 'z', which is not a predictor" in p for p in problems)
    assert any("'g' is categorical" in p for p in problems)
    assert any("centre must be one of none, grand, team, not 'mean'" in p for p in problems)
    assert any("unknown key 'regression.m.extra'" in p for p in problems)


def test_outcome_among_the_predictors_is_refused() -> None:
    with pytest.raises(ConfigError, match="the outcome 'y' is also a predictor"):
        parse_config({"regression": {"m": {"outcome": "y", "predictors": ["y", "a"]}}})
