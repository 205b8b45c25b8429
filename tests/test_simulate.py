"""The demo data: committed files = generator output, and calibrated to the published
Leeratelier factsheet (../shared/seeds/000_…: N 22/36, scale and item means)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from maatwerk_stats.analyses.scales import reliability
from maatwerk_stats.config import load_config
from maatwerk_stats.io.read import read_data
from maatwerk_stats.prepare.items import score_scales
from maatwerk_stats.simulate import TARGETS, VIGNETTE_EFFECTS

from .conftest import CONFIG, DEMO

# published in the factsheet (scale 1-5)
PUBLISHED = {
    "pre": {"n": 22, "samenwerking": 4.20, "regie": 3.75, "maatwerk": 3.52,
            "samenwerking_2": 3.77, "regie_3": 3.15},
    "post": {"n": 36, "samenwerking": 4.32, "regie": 3.84, "maatwerk": 3.67,
             "samenwerking_2": 4.22, "regie_3": 3.61},
}


# OpenBLAS picks its kernels by CPU and its AVX-512 kernels round the last bit differently from
# the AVX2 (Haswell) kernels the demo data were made with (rng.multivariate_normal goes through
# LAPACK), so the generator runs in a fresh process with that kernel fixed, as `make data` does.
_GENERATE = """
import sys
from pathlib import Path
from maatwerk_stats.io.write import OutputWriter
from maatwerk_stats.simulate import write_demo
with OutputWriter(Path(sys.argv[1])) as writer:
    write_demo(writer, seed=2023)
    print("\\n".join(writer.files))
"""


def test_generator_reproduces_the_committed_files_byte_for_byte(tmp_path):
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1",
               PYTHONPATH=os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")])))
    if platform.machine() == "x86_64":
        env["OPENBLAS_CORETYPE"] = "Haswell"
    run = subprocess.run([sys.executable, "-c", _GENERATE, str(tmp_path / "demo")], env=env,
                         capture_output=True, text=True, check=True)
    names = run.stdout.split()
    assert "pre.sav" in names
    for name in names:
        assert (tmp_path / "demo" / name).read_bytes() == (DEMO / name).read_bytes(), name


@pytest.mark.parametrize("which", ["pre", "post"])
def test_demo_questionnaire_reproduces_published_means(which):
    data = read_data(DEMO / f"{which}.sav")
    result = reliability(score_scales(data, load_config(CONFIG)))
    published = PUBLISHED[which]
    assert len(data.frame) == published["n"]
    means = result.reliability.set_index("scale")["mean"]
    items = result.items.set_index("item")["mean"]
    for name, value in published.items():
        if name == "n":
            continue
        got = means[name] if name in means.index else items[name]
        assert abs(got - value) < 0.005, name
    # user-missing "weet niet" answers are present, and the reliabilities are plausible
    assert sum(v.n_user_missing for v in data.variables.values()) > 0
    assert result.reliability["alpha"].between(0.6, 0.95).all()


def test_published_targets_are_the_generator_targets():
    for which, key in (("pre", "voor"), ("post", "na")):
        target = TARGETS[key]
        assert target["n"] == PUBLISHED[which]["n"]
        for name, value in {**target["scales"], **target["items"]}.items():
            assert PUBLISHED[which][name] == value


def test_reverse_keyed_item_is_stored_reversed():
    data = read_data(DEMO / "post.sav")
    frame = data.frame[["samenwerking_1", "samenwerking_3"]].dropna()
    assert np.corrcoef(frame.to_numpy(), rowvar=False)[0, 1] < 0


def test_vignette_demo_shape_and_pattern():
    frame = read_data(DEMO / "vignetten.csv").frame
    deck = pd.read_csv(DEMO / "deck.csv")
    assert frame.groupby("respondent").size().eq(9).all()
    assert frame["respondent"].nunique() == 58
    assert sorted(frame["vignette"].unique()) == list(range(1, 10))
    assert len(deck) == 9
    assert frame["bereidheid"].isna().sum() == 3
    per_respondent = frame.groupby("respondent")["bereidheid"].std()
    assert (per_respondent == 0).sum() == 1  # one straight-liner
    # per group, OLS main effects are within 0.07 of the generated simple effects
    references = {"reputatie": "niet_succesvol", "hulpbehoevendheid": "goed_ter_been",
                  "capaciteiten": "slecht_voorbereid"}
    for group, effects in VIGNETTE_EFFECTS.items():
        part = frame[(frame["meting"] == group)].dropna(subset=["bereidheid"])
        x = np.column_stack([np.ones(len(part))] + [(part[f] != references[f]).to_numpy(float)
                                                    for f in effects])
        beta = np.linalg.lstsq(x, part["bereidheid"].to_numpy(float), rcond=None)[0]
        for estimate, (factor, effect) in zip(beta[1:], effects.items(), strict=True):
            assert abs(estimate - effect) < 0.07, (group, factor)
