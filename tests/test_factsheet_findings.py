"""``build._factor_findings`` looks each (factor, group) up in a dict of the table's rows;
it returned, per factor, what the boolean filter per cell it replaced returned (hypothesis:
repeated and missing cells, NaN estimates and labels, groups that are numbers, empty levels,
interactions missing or repeated)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maatwerk_stats.config import load_config
from maatwerk_stats.report.factsheet.build import _factor_findings

CONFIG = load_config(Path(__file__).resolve().parents[1] / "configs" / "leeratelier.toml")
FACTORS = [*CONFIG.vignette.factors, "onbekend"]
LABELS = [*CONFIG.vignette.influence.labels, "anders"]


def _nan(value: Any) -> bool:
    try:
        return value is None or math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def old_factor_findings(influence, interactions, config):
    """The implementation before (a boolean filter per factor and group)."""
    vignette = config.vignette
    labels = list(vignette.influence.labels)
    groups = list(dict.fromkeys(influence["group"].astype(str)))
    findings = []
    for name, factor in vignette.factors.items():
        cells = []
        for group in groups:
            match = influence[(influence["factor"] == name)
                              & (influence["group"].astype(str) == group)]
            if not len(match) or _nan(match["estimate"].iloc[0]):
                continue
            first = match.iloc[0]
            label = first["label"] if isinstance(first["label"], str) else ""
            level = first["level"] if "level" in match.columns and isinstance(
                first["level"], str) and first["level"] else None
            cells.append({"group": group, "estimate": float(first["estimate"]),
                          "label": label, "rank": labels.index(label) if label in labels
                          else 0, "level": level})
        change = None
        if interactions is not None and len(groups) == 2 and len(cells) == 2:
            match = interactions[(interactions["factor"] == name)
                                 & (interactions["group"].astype(str) == groups[1])]
            if len(match) == 1 and not _nan(match["p_value"].iloc[0]):
                change = {"estimate": float(match["estimate"].iloc[0]),
                          "p_value": float(match["p_value"].iloc[0])}
        if cells:
            findings.append({"name": name, "factor": factor, "cells": cells,
                             "change": change})
    return findings


NUMBER = st.one_of(st.floats(allow_nan=True, allow_infinity=False, width=64),
                   st.just(float("nan")))
GROUP = st.one_of(st.sampled_from(["voor", "na", "midden"]), st.integers(0, 2))
ROW = st.fixed_dictionaries({
    "factor": st.sampled_from(FACTORS), "group": GROUP, "estimate": NUMBER,
    "label": st.one_of(st.sampled_from(LABELS), st.just(float("nan"))),
    "level": st.one_of(st.sampled_from(["goed", "slecht", ""]), st.just(float("nan")))})
TEST = st.fixed_dictionaries({"factor": st.sampled_from(FACTORS), "group": GROUP,
                              "estimate": NUMBER, "p_value": NUMBER})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(ROW, min_size=1, max_size=14), tests=st.none() | st.lists(TEST, max_size=8),
       with_level=st.booleans(), mixed_groups=st.booleans())
def test_the_findings_equal_the_per_cell_filters(rows, tests, with_level, mixed_groups):
    influence = pd.DataFrame(rows)
    if not with_level:
        influence = influence.drop(columns="level")
    if not mixed_groups:  # one dtype per column, as the analysis writes it
        influence["group"] = influence["group"].astype(str)
    interactions = (pd.DataFrame(tests, columns=["factor", "group", "estimate", "p_value"])
                    if tests is not None else None)
    new = _factor_findings(influence, interactions, CONFIG)
    old = old_factor_findings(influence, interactions, CONFIG)
    assert repr(new) == repr(old)  # NaN-safe: the same keys, values and order
