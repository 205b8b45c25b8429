"""Planning commands stay bounded (analyses/power_vignette.py, analyses/design.py): a run
that would take hours or run out of memory is refused before it starts, and a simulation in
which no fit succeeds is an error, not a power of 0."""

from __future__ import annotations

import numpy as np
import pytest

from maatwerk_stats.analyses import power_vignette
from maatwerk_stats.analyses.design import MAX_RESPONDENTS, design
from maatwerk_stats.analyses.power_vignette import vignette_power
from maatwerk_stats.config.model import FactorConfig
from maatwerk_stats.errors import OptionError

FACTORS = {"a": FactorConfig(name="a", label="a", levels=("x", "y"), reference="x",
                              column="a")}
DECK = np.array([[0], [1]])


def _power(**changes):
    arguments = {"respondents": [20], "effects": {"a": 0.5}, "var_respondent": 0.2,
                 "var_residual": 0.8, "simulations": 20}
    return vignette_power(FACTORS, DECK, **{**arguments, **changes})


def test_a_study_beyond_the_memory_bound_is_refused():
    limit = power_vignette.MAX_STUDY_RATINGS
    with pytest.raises(OptionError, match=f"would hold {2 * (limit // 2 + 1):,} ratings"):
        _power(respondents=[limit // 2 + 1])


def test_the_total_work_is_bounded():
    with pytest.raises(OptionError, match="would simulate 4,000,000,000 ratings"):
        _power(respondents=[100], simulations=20_000_000)
    assert len(_power(respondents=[20, 30]).table) == 2  # within the bounds: runs


def test_no_successful_fit_is_an_error_not_a_power_of_zero():
    with pytest.raises(OptionError, match="none of the 20 simulated studies"):
        _power(effects={"a": 1e308})
    with pytest.raises(OptionError, match="none of the 20 simulated studies"):
        _power(var_respondent=1e300, var_residual=1e300)


def test_design_order_is_bounded():
    with pytest.raises(OptionError, match="at most 100,000 respondents"):
        design(FACTORS, respondents=MAX_RESPONDENTS + 1)
