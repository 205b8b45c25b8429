"""The means-over-time figure (``compare --model mixed``, ``compare_waves``) is sent to the
figure process as lists (``plotting.Columns``) and a ``WavesStudy``, not the Comparison: the
figure process then imports neither pandas nor the analyses, and the drawing writes the same
bytes as the pandas-indexing drawing did."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from maatwerk_stats import compare, load_config
from maatwerk_stats.io.write import OutputWriter
from maatwerk_stats.report.figures.compare import write_figures
from maatwerk_stats.report.figures.compare_waves import waves_study

from .test_figure_columns import RUN_JOBS, pickled_jobs

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "configs" / "gewogen_maatwerk.toml"

# sha256 of compare_mixed_means.{png,svg} drawn from the Comparison by 7939abd (before this
# test): the demo's paired data with a line per site ("sites"), and without the site
# ("one": a line, each point labelled with its mean and n); the new drawing gave the same
# bytes in all four, two of which are tested (each runs the four figure jobs)
BEFORE = {
    ("sites", "nl"): ("4bffd5b93383f54429add3e1512595d3a1923c1dfe42f1652133084dea1b12fc",
                      "83b8f0bbdf32cdb1aad8d243a4dd58d2ca7bc1e2da305cf3b5ba8763e981b69b"),
    ("sites", "en"): ("b27a182bedd2abefa714639ef656c37b9fe2d7c0a81219dcab1ca194af87cd15",
                      "bf96b226463b2fc7890fb4e3c4bd687f2b2a34be2ce11c3d6df8ae7c5b2bfc25"),
    ("one", "nl"): ("3e9ce1667be98d20baffa35aff2b4f70269210640b5af26ffa0bc1ff8fe92894",
                    "761c475140b1af1d14bd2caf622e586b51d0cb236701608e30ce33380e8f6e2b"),
    ("one", "en"): ("31bba4484e31ba259b3f1e64dc1c03e273b41b6fde385d3f2db66992ae4865c2",
                    "dea7a8d73db7175a008f23964614781a510a50af01c76de2087e430bd7c1536c"),
}


@pytest.fixture(scope="module")
def results():
    config = load_config(CONFIG)
    one = dataclasses.replace(config, groups=dataclasses.replace(config.groups, site=None))
    data = ROOT / "data" / "demo" / "gewogen_maatwerk.sav"
    return {name: compare(data, config=study, model="mixed")
            for name, study in (("sites", config), ("one", one))}


@pytest.mark.skipif(sys.platform != "linux", reason="the figure process: Linux only")
@pytest.mark.parametrize(("case", "lang"), [("sites", "nl"), ("one", "en")])
def test_the_waves_job_runs_without_pandas_and_draws_the_same_bytes(results, tmp_path,
                                                                   monkeypatch, case, lang):
    jobs = pickled_jobs(monkeypatch, tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with OutputWriter(tmp_path / "out") as writer:
        write_figures(results[case], writer, lang)
        assert len(jobs) == 4  # means over time, scale means, Likert, forest
        waves = jobs[0]  # sent first (test_the_drawings_are_sent_longest_first)
        pickled = Path(waves).read_bytes()
        assert b"WavesStudy" in pickled and b"analyses" not in pickled and b"pandas" not in pickled
        done = subprocess.run([sys.executable, "-c", RUN_JOBS, "light", *jobs], env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    assert done.stdout == "pandas imported: False\n"
    figures = tmp_path / "out" / "figures"
    written = tuple(hashlib.sha256((figures / f"compare_mixed_means.{ext}").read_bytes())
                    .hexdigest() for ext in ("png", "svg"))
    assert written == BEFORE[case, lang]


def test_the_drawings_are_sent_longest_first_and_the_files_keep_their_order(
        results, tmp_path, monkeypatch):
    """The drawings are sent longest first, the means over time (a panel per scale, a line
    per site) first and the forest plot (one panel) last, so that on two cores a short
    drawing is the last to start; the files are registered and listed as before: scale
    means, Likert chart, forest plot, means over time."""
    class Abandoned(Exception):
        """Leaves the writer without committing: the jobs are pickled, not drawn."""

    jobs = pickled_jobs(monkeypatch, tmp_path)
    with pytest.raises(Abandoned), OutputWriter(tmp_path / "out") as writer:
        files = write_figures(results["sites"], writer, "en")
        registered = list(writer.files)
        raise Abandoned
    stems = ["compare_scale_means", "compare_items_likert", "compare_items_forest",
             "compare_mixed_means"]
    assert files == registered == [f"figures/{stem}.{ext}" for stem in stems
                                   for ext in ("png", "svg")]
    sent = [next(stem for stem in stems if f"{stem}.png".encode() in Path(job).read_bytes())
            for job in jobs]
    assert sent == ["compare_mixed_means", "compare_scale_means", "compare_items_likert",
                    "compare_items_forest"]


def test_the_study_names_each_subscales_parent(results):
    study = waves_study(results["sites"])
    assert study.n_waves == 2 and study.wave_labels == tuple(results["sites"].wave_labels)
    subscales = {s.name: s.parent for s in results["sites"].scale_configs if s.parent}
    labels = {s.name: s.label for s in results["sites"].scale_configs}
    assert subscales and study.parent_labels == {name: labels[parent]
                                                 for name, parent in subscales.items()}
    orphan = dataclasses.replace(results["sites"], scale_configs=tuple(
        s for s in results["sites"].scale_configs if s.name != "methodisch"))
    assert waves_study(orphan).parent_labels["stap_intake"] == "methodisch"
