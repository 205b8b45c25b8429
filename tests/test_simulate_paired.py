"""The paired demo (Gewogen Maatwerk, seed 004): the study's shape, and those measured once
never a small group within a municipality (so its factsheet can show the change per
municipality; publish/differencing.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from maatwerk_stats import load_config, read_data
from maatwerk_stats.prepare.items import score_scales
from maatwerk_stats.simulate import simulate_paired

ROOT = Path(__file__).resolve().parents[1]
CONFIG = load_config(ROOT / "configs" / "gewogen_maatwerk.toml")


def _scores() -> pd.DataFrame:
    dataset = read_data(ROOT / "data" / "demo" / "gewogen_maatwerk.sav")
    scores = score_scales(dataset, CONFIG).scores
    scores["meting"] = dataset.frame["meting"].to_numpy()
    scores["gemeente"] = dataset.frame["gemeente"].to_numpy()
    return scores


def test_shape_of_the_study():
    frame = simulate_paired()
    ids = frame.groupby("meting")["respnr"].apply(set)
    assert len(ids[1.0] & ids[2.0]) == 57
    assert (len(ids[1.0] - ids[2.0]), len(ids[2.0] - ids[1.0])) == (5, 5)
    assert set(frame["gemeente"]) == {1.0, 2.0}  # Den Haag, Amersfoort
    once = frame[~frame["respnr"].isin(ids[1.0] & ids[2.0])]
    assert set(once["gemeente"]) == {1.0}
    assert not frame.duplicated(["respnr", "meting"]).any()


def test_every_scale_and_subscale_is_scored_at_every_measurement():
    scores = _scores()
    names = list(CONFIG.scales)
    assert len(names) == 10  # 4 scales, 4 steps of methodisch werken, 2 norm subscales
    assert scores[names].notna().all().all()


def test_per_municipality_and_measurement_nobody_or_at_least_five_measured_once():
    """For every scale and subscale, municipality (and all together) and measurement, the
    people with a score there minus the complete pairs is 0 or at least min_cell = 5."""
    scores = _scores()
    for name in CONFIG.scales:
        scored = scores.dropna(subset=[name])
        for site, part in [("all", scored), *scored.groupby("gemeente")]:
            by_wave = part.groupby("meting")["respnr"].apply(set)
            pairs = by_wave[1.0] & by_wave[2.0]
            for wave, ids in by_wave.items():
                once = len(ids - pairs)
                assert once == 0 or once >= 5, (name, site, wave, once)
