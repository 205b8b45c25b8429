"""The vignette figures' jobs carry their tables as plain lists (``plotting.Columns``) and of
the result only its outcome label (``FigureStudy``), so that the figure process, forked by
``vignette`` before pandas is imported, never imports pandas; the drawings read those lists
and draw the same bytes as the pandas-indexing drawings before, and the ``*_data`` tables
equal the ones the per-point pandas filters built."""

from __future__ import annotations

import dataclasses
import hashlib
import math
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maatwerk_stats import vignette
from maatwerk_stats.io.write import OutputWriter
from maatwerk_stats.publish.privacy import protect_vignette
from maatwerk_stats.report.console.vignette import group_text
from maatwerk_stats.report.figures import plotting
from maatwerk_stats.report.figures import vignette as figures
from maatwerk_stats.report.figures.plotting import Columns
from maatwerk_stats.report.i18n import texts, word
from maatwerk_stats.report.labels import level_text

from .test_figure_columns import pickled_jobs

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
CONFIG = ROOT / "configs" / "leeratelier.toml"

# sha256 of the files write_vignette_figures wrote of the demo results on main at 4efa24c,
# before the drawings read Columns (the same files as `vignette data/demo/vignetten.csv
# --config configs/leeratelier.toml` wrote there; "suppressed": protect_vignette(min_cell=25))
_HASHES = """
mixed nl coefficients.png 64e98557530f3016938ad50cb627e2c6aa8f7d1347da8c8e3e5d22617b559e38
mixed nl coefficients.svg 58349115a7cbb1be4e845b86694fff5fae26ad184e8ddf31576710606fe6fb28
mixed nl marginal_means.png 4b318b4d2b972d06c678c1b6887804282540eaea6351506df4c87cbc907ca05f
mixed nl marginal_means.svg c89b3737f234a12aa1d85a3f36ba73f4d6e33cacf9bc6169a8d64cb49180519c
mixed en coefficients.png 22af8eb00d2d8862776083a762930d53ee139c51a3f3730318918528a263d9bf
mixed en coefficients.svg 42061a98142638fcaaaefa90cd4c3f215dab5853bf5321bc28cd2bb0fa58fbb3
mixed en marginal_means.png 454ea3670c4c3b65fa6941b61546e6cd816d3391194ad5d065dd66cd51620cb1
mixed en marginal_means.svg 6e6c529918cc524827d3aaaecddfb556c5194371f92008f1388c552e10024606
ols nl coefficients.png b681d860fd79ac99f72e612a8157205b091be6819aa2785c2321a8f8a6e27311
ols nl coefficients.svg 95526a30c0ee8e967850437899e27fc79d10be6a7e8fb5f85ada430930a7dfd1
ols nl marginal_means.png 4b313791929a0566860fae81525a30c0dd188757f19d853baeee9b6f8548f99c
ols nl marginal_means.svg b81c8ca58543f9d0f20720c9f23aea312bc8d745e6fd753bb2676c088d600604
suppressed en coefficients.png 615f3e50117040f7a7b5bb2922c5ab54c9f35e6b7a6852875a4abdeddccd72c2
suppressed en coefficients.svg 637a0ea6e516a2e81cb424498ee424180b76244ac4af79c50bfc7893b04b2003
suppressed en marginal_means.png ba91ffdd93f817b5949bab073c4e85f4a579d01b0cd28ea8cce8a89b7f36bed0
suppressed en marginal_means.svg a4d1081e820446cf242e54447faeca1eaa3b3adaf2b1535665deaf0636126d86
"""
BEFORE: dict[tuple[str, str], dict[str, str]] = {}
for _line in _HASHES.strip().splitlines():
    _case, _lang, _name, _hash = _line.split()
    BEFORE.setdefault((_case, _lang), {})[f"vignette_{_name}"] = _hash

# a fresh interpreter with what the figure process of `vignette` imports before its jobs
# (numpy, matplotlib, the vignette figure module), not pandas: runs the pickled jobs
RUN_JOBS = """
import pickle, sys
import numpy
from maatwerk_stats.report.figures.plotting import preload_matplotlib
import maatwerk_stats.report.figures.vignette
preload_matplotlib()
assert "pandas" not in sys.modules
for path in sys.argv[1:]:
    with open(path, "rb") as handle:
        pickle.load(handle)()
print("pandas imported:", "pandas" in sys.modules,
      "analyses imported:", "maatwerk_stats.analyses.vignette" in sys.modules)
"""


@pytest.fixture(scope="module")
def results():
    mixed = vignette(DEMO / "vignetten.csv", CONFIG)
    return {"mixed": mixed,
            "ols": vignette(DEMO / "vignetten.csv", CONFIG, model="ols_cluster"),
            "suppressed": protect_vignette(mixed, min_cell=25)[0]}


@pytest.mark.skipif(sys.platform != "linux", reason="the figure process: Linux only")
@pytest.mark.parametrize(("case", "lang"), list(BEFORE))
def test_the_jobs_run_without_pandas_and_draw_the_same_bytes(results, tmp_path, monkeypatch,
                                                            case, lang):
    jobs = pickled_jobs(monkeypatch, tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with OutputWriter(tmp_path / "out") as writer:
        figures.write_vignette_figures(results[case], writer, lang)
        assert len(jobs) == 2
        done = subprocess.run([sys.executable, "-c", RUN_JOBS, *jobs], env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    assert done.stdout == "pandas imported: False analyses imported: False\n"
    written = {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
               for path in (tmp_path / "out" / "figures").iterdir()}
    assert written == BEFORE[(case, lang)]


@pytest.mark.parametrize("case", ["mixed", "suppressed"])
def test_the_figures_drawn_from_the_result_equal_those_drawn_from_the_columns(results, case):
    """``coefficient_figure(result)`` (tests, scripts) computes the same Columns as
    write_vignette_figures sends: the same PNG."""
    result = results[case]
    study = figures.FigureStudy(result.study.outcome_label)
    for draw, data in ((figures.coefficient_figure, figures.coefficient_plot_columns),
                       (figures.marginal_means_figure, figures.marginal_means_plot_columns)):
        assert plotting.figure_png(draw(result, "en")) == plotting.figure_png(
            draw(study, "en", data=data(result, "en")))


# --- the tables, against the per-point pandas filters they replace --------------------------


def _old_mark_suppressed(data: pd.DataFrame, lang: str) -> pd.DataFrame:
    if not len(data):
        return data
    empty = data.groupby("group", sort=False)["estimate"].transform(lambda e: e.isna().all())
    suffix = f" ({word('figure_compare.suppressed', lang)})"
    return data.assign(group_label=data["group_label"].where(~empty,
                                                             data["group_label"] + suffix))


def _old_coefficient_plot_data(result, lang):
    table = result.coefficients
    table = table[(table["model"] == result.primary_model) & (table["term"] != "Intercept")]
    groups = list(result.groups)
    offsets = figures._dodge(len(groups), 0.44)
    rows = []
    effects = [(f, lv) for f in result.study.factors for lv in figures._non_reference(f)]
    for y, (factor, level) in enumerate(effects):
        for group, offset in zip(groups, offsets, strict=True):
            match = table[(table["group"] == group) & (table["factor"] == factor.name)
                          & (table["level"] == level)].iloc[0]
            rows.append({
                "factor": factor.name, "level": level, "term": match["term"],
                "label": f"{factor.label}: {level_text(factor, level)}\n"
                         f"({texts(lang)['versus']} {level_text(factor, factor.reference)})",
                "group": group, "group_label": group_text(result, group, lang),
                "estimate": match["estimate"], "conf_low": match["conf_low"],
                "conf_high": match["conf_high"], "y": y, "y_plot": y + offset})
    return _old_mark_suppressed(pd.DataFrame(rows), lang)


def _old_marginal_means_plot_data(result, lang):
    table = result.marginal_means
    table = table[table["model"] == result.primary_model]
    groups = list(result.groups)
    offsets = figures._dodge(len(groups), 0.3)
    rows = []
    for factor in result.study.factors:
        for x, level in enumerate(figures._levels(factor)):
            for group, offset in zip(groups, offsets, strict=True):
                match = table[(table["group"] == group) & (table["factor"] == factor.name)
                              & (table["level"] == level)].iloc[0]
                rows.append({
                    "factor": factor.name, "factor_label": factor.label, "level": level,
                    "level_label": level_text(factor, level), "group": group,
                    "group_label": group_text(result, group, lang),
                    "estimate": match["estimate"], "conf_low": match["conf_low"],
                    "conf_high": match["conf_high"], "x": x, "x_plot": x + offset})
    return _old_mark_suppressed(pd.DataFrame(rows), lang)


_NUMBERS = st.one_of(st.floats(-20, 20), st.just(math.nan), st.just(-0.0))


@st.composite
def _perturbed(draw, result):
    """The demo result with other numbers (NaN and -0.0 among them, some groups without
    any estimate), rows in another order, some rows twice (the first one counts), and either
    primary model."""
    tables = {}
    for name in ("coefficients", "marginal_means"):
        table = result.coefficients if name == "coefficients" else result.marginal_means
        n = len(table)
        order = draw(st.permutations(range(n)))
        extra = draw(st.lists(st.integers(0, n - 1), max_size=5))
        table = table.iloc[[*order, *extra]].reset_index(drop=True)
        empty = draw(st.sets(st.sampled_from(list(result.groups))))
        for column in ("estimate", "conf_low", "conf_high"):
            values = draw(st.lists(_NUMBERS, min_size=len(table), max_size=len(table)))
            table[column] = [math.nan if g in empty else v
                             for g, v in zip(table["group"], values, strict=True)]
        tables[name] = table
    return dataclasses.replace(result, **tables,
                               primary_model=draw(st.sampled_from(["mixed", "ols_cluster"])))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.data_too_large])
@given(data=st.data(), lang=st.sampled_from(["nl", "en"]))
def test_the_plot_tables_equal_the_per_point_filters(results, data, lang):
    result = data.draw(_perturbed(results["mixed"]))
    pd.testing.assert_frame_equal(figures.coefficient_plot_data(result, lang),
                                  _old_coefficient_plot_data(result, lang))
    pd.testing.assert_frame_equal(figures.marginal_means_plot_data(result, lang),
                                  _old_marginal_means_plot_data(result, lang))
    # the Columns are the table's columns as lists (what the drawings read)
    columns = figures.coefficient_plot_columns(result, lang)
    assert Columns.of(figures.coefficient_plot_data(result, lang)).data.keys() == \
        columns.data.keys()


@given(st.lists(st.tuples(st.integers(-3, 3), st.text(max_size=2)), max_size=30))
def test_distinct_is_drop_duplicates_then_sort_values(rows):
    frame = pd.DataFrame(rows, columns=["x", "label"])
    expected = frame.drop_duplicates("x").sort_values("x")
    got = figures._distinct(Columns.of(frame), "x")
    assert got["x"] == expected["x"].tolist()
    assert got["label"] == expected["label"].tolist()


# `vignette data/demo/vignetten.csv --config configs/leeratelier.toml --lang en --per-vignette`
# on main at 4efa24c (drawn in the command's process then)
PER_VIGNETTE = {
    "vignette_per_vignette.png":
        "cd7e57fc0ff0ebdd2883a1fe9d7187092004cee3c35e4bc74c5dc15d40f7876c",
    "vignette_per_vignette.svg":
        "d42654eadb4ae7be4890898e55aa4947ee0fe4f020205f628d75a299c776f7fd",
}


@pytest.mark.skipif(sys.platform != "linux", reason="the figure process: Linux only")
def test_the_per_vignette_job_runs_without_pandas_and_draws_the_same_bytes(tmp_path,
                                                                          monkeypatch):
    """The per-vignette figure is a job too (it was drawn in the command's process, which
    imported matplotlib for it): its table as Columns and the study without the ratings."""
    from maatwerk_stats.analyses.vignette_models import per_vignette
    from maatwerk_stats.report.figures.vignette_models import write_per_vignette_figure

    from .test_vignette_models import prepared

    data, _ = prepared(CONFIG, DEMO / "vignetten.csv")
    jobs = pickled_jobs(monkeypatch, tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with OutputWriter(tmp_path / "out") as writer:
        write_per_vignette_figure(per_vignette(data, 5), data, writer, "en")
        assert len(jobs) == 1
        assert len(Path(jobs[0]).read_bytes()) < 20_000  # no ratings in it
        done = subprocess.run([sys.executable, "-c", RUN_JOBS, *jobs], env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("pandas imported: False")
    written = {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
               for path in (tmp_path / "out" / "figures").iterdir()}
    assert written == PER_VIGNETTE
