"""The factsheet's figures start as soon as their result exists, and the two printed figures
are jobs of the figure process: the same PNG bytes as drawn here, a failed job drawn here, and
the factsheet waits for those two jobs only (``publish/factsheet_figures.py``)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from maatwerk_stats import load_config
from maatwerk_stats.io.write import OutputWriter
from maatwerk_stats.publish import factsheet_figures
from maatwerk_stats.publish import figure_process as worker
from maatwerk_stats.publish.factsheet_figures import FactsheetFigures
from maatwerk_stats.report.figures import compare as compare_figures_module
from maatwerk_stats.report.figures import printed
from maatwerk_stats.report.figures.plotting import figure_png, printed_width_cm

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="fork: Linux only")

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
CONFIG = ROOT / "configs" / "leeratelier.toml"
PARENT = os.getpid()


def test_printed_figures_from_the_figure_process_equal_those_drawn_here(
        tmp_path, comparison, vignette_result):
    here = {"scale_means": figure_png(printed.scale_means_figure(comparison, "nl")),
            "coefficients": figure_png(printed.coefficient_figure(vignette_result, "nl"))}
    with worker.figure_process(), OutputWriter(tmp_path / "out") as writer:
        process = worker.current()
        assert process is not None
        figures = FactsheetFigures(writer, "nl")
        figures.start_comparison(comparison)
        figures.start_vignette(vignette_result)
        figures.start_comparison(comparison)  # once only
        # every figure (a PNG and an SVG each) and the two printed twins
        assert process.sent == len(figures.names) // 2 + 2
        embedded = figures.embedded()
    assert list(embedded) == ["scale_means", "coefficients"]
    for name, png in here.items():
        assert embedded[name].png == png
        assert embedded[name].width_cm == printed_width_cm(png)
    stems = ["compare_scale_means", "compare_items_likert", "compare_items_forest",
             "vignette_coefficients", "vignette_marginal_means"]
    assert figures.names == [f"figures/{stem}.{suffix}" for stem in stems
                             for suffix in ("png", "svg")]
    # the printed PNGs are not outputs
    assert not (tmp_path / "out" / "printed").exists()
    assert sorted(f"figures/{p.name}" for p in (tmp_path / "out" / "figures").iterdir()) == \
        sorted(figures.names)


def fails_elsewhere(comparison, lang):
    if os.getpid() != PARENT:
        raise RuntimeError("fails in the figure process")
    return printed.scale_means_figure(comparison, lang)


def test_a_printed_job_that_fails_there_is_drawn_here(tmp_path, comparison):
    here = figure_png(printed.scale_means_figure(comparison, "en"))
    with worker.figure_process(), OutputWriter(tmp_path / "out") as writer:
        figures = FactsheetFigures(writer, "en")
        figures._start_printed("scale_means", lambda: fails_elsewhere(comparison, "en"))
        # a lambda does not pickle: drawn here at once
        assert worker.current().sent == 0
        from functools import partial

        figures._printed.clear()
        figures._start_printed("scale_means", partial(fails_elsewhere, comparison, "en"))
        assert worker.current().sent == 1
        assert figures.embedded()["scale_means"].png == here


def test_without_a_figure_process_the_printed_figures_are_drawn_here(tmp_path, comparison):
    with OutputWriter(tmp_path / "out") as writer:
        figures = FactsheetFigures(writer, "nl")
        figures.start_comparison(comparison)
        assert figures.embedded()["scale_means"].png == figure_png(
            printed.scale_means_figure(comparison, "nl"))


RELEASE: dict[str, Path] = {}
LIKERT_FIGURE = compare_figures_module.likert_figure  # before the test replaces it


def held_likert(result, lang, data=None):
    """A figure that renders only once the test releases it (or gives up after 20 s)."""
    import time

    folder = RELEASE["folder"]
    deadline = time.monotonic() + 20
    while not (folder / "release").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    (folder / "outcome").write_text("released" if (folder / "release").exists() else "timeout")
    return LIKERT_FIGURE(result, lang, data=data)  # the job's groups and table, as sent


def test_the_printed_figures_wait_only_for_their_own_jobs(tmp_path, comparison, monkeypatch):
    """The factsheet is built while the other figures still render: reading the printed
    twin does not wait for a figure started before it that is still rendering."""
    from maatwerk_stats.report.figures import compare as compare_figures

    RELEASE["folder"] = tmp_path
    monkeypatch.setattr(compare_figures, "likert_figure", held_likert)
    with worker.figure_process(), OutputWriter(tmp_path / "out") as writer:
        figures = FactsheetFigures(writer, "nl")
        figures.start_comparison(comparison)
        assert worker.current().sent == len(figures.names) // 2 + 1  # all jobs
        assert figures.embedded()["scale_means"].png  # while the held figure waits
        assert not (tmp_path / "outcome").exists()
        (tmp_path / "release").write_text("")
    assert (tmp_path / "outcome").read_text() == "released"  # waited for before the commit


def test_run_analyses_starts_the_comparison_figures_before_the_vignette_analysis(
        tmp_path, monkeypatch):
    from maatwerk_stats.analyses import vignette as vignette_analysis
    from maatwerk_stats.publish.factsheet import resolve_inputs, run_analyses

    events: list[str] = []
    analyse = vignette_analysis.analyse
    monkeypatch.setattr(vignette_analysis, "analyse",
                        lambda *a, **k: events.append("vignette analysis") or analyse(*a, **k))
    monkeypatch.setattr(FactsheetFigures, "start_comparison",
                        lambda self, c: events.append("comparison figures"))
    monkeypatch.setattr(FactsheetFigures, "start_vignette",
                        lambda self, r: events.append("vignette figures"))
    config = load_config(CONFIG)
    with OutputWriter(tmp_path / "out") as writer:
        run_analyses(config, resolve_inputs(config, {}), lambda step: None,
                     FactsheetFigures(writer, "nl"))
        writer.discard()
    assert events == ["comparison figures", "vignette analysis", "vignette figures"]


def record_jobs(monkeypatch, sent: list[str], pickled: list[bytes] | None = None,
                send: bool = True) -> None:
    """Record each job sent to the running figure process as ``render_x:drawing`` in
    ``sent``, with `` (ahead)`` when it is sent ahead of the waiting jobs, and its pickle in
    ``pickled``; then send it on, or with ``send`` false do not (call inside the block)."""
    import pickle

    from maatwerk_stats.report.figures import plotting

    submit = plotting.submit_job

    def recording(job):
        draw = job.args[0]
        ahead = " (ahead)" if worker.current().ahead else ""
        sent.append(f"{job.func.__name__}:{getattr(draw, 'func', draw).__name__}{ahead}")
        if pickled is not None:
            pickled.append(pickle.dumps(job))
        return submit(job) if send else (lambda complete: None)

    monkeypatch.setattr(plotting, "submit_job", recording)


def test_the_printed_twins_are_sent_ahead_of_the_other_figures(
        tmp_path, comparison, vignette_result, monkeypatch):
    """The figure process runs its jobs one per core: the printed twins, which the HTML and
    DOCX wait for, go ahead of the figures waiting there (and each is sent before the
    figures of its analysis), so the factsheet is written while the other figures render
    (not after all of them)."""
    sent: list[str] = []
    pickled: list[bytes] = []
    with worker.figure_process(), OutputWriter(tmp_path / "out") as writer:
        record_jobs(monkeypatch, sent, pickled)
        figures = FactsheetFigures(writer, "nl")
        figures.start_comparison(comparison)
        figures.start_vignette(vignette_result)
        figures.embedded()
    assert sent == ["render_png:scale_means_figure (ahead)", "render_job:scale_means_figure",
                    "render_job:likert_figure", "render_job:forest_figure",
                    "render_png:coefficient_figure (ahead)",
                    "render_job:coefficient_figure", "render_job:marginal_means_figure"]
    # the jobs carry tables, not results: the figure process, which imports no analysis
    # module before its first job, need not import one to unpickle them; the vignettes' jobs
    # (the printed coefficients too) carry plain lists, no DataFrame
    assert len(pickled) == 7
    assert not [job for job in pickled if b"maatwerk_stats.analyses" in job]
    assert not [job for job in pickled[4:] if b"pandas" in job]
    stems = ["compare_scale_means", "compare_items_likert", "compare_items_forest",
             "vignette_coefficients", "vignette_marginal_means"]
    assert figures.names == [f"figures/{stem}.{suffix}" for stem in stems
                             for suffix in ("png", "svg")]


def test_run_analyses_sends_each_figure_once_its_result_exists(tmp_path, monkeypatch):
    """The comparison's figures are all sent before the reliability is computed and the
    vignettes are analysed (they render on the second core meanwhile; held back until the
    printed coefficients were sent, they left it idle), the Likert chart first (its data are
    counted before the tests: ``test_factsheet_likert.py``), the printed twins ahead of the
    others; the rest of the modules are imported once the first figures are sent."""
    from maatwerk_stats.analyses import compare as compare_analysis
    from maatwerk_stats.analyses import vignette as vignette_analysis
    from maatwerk_stats.publish.factsheet import resolve_inputs, run_analyses

    sent: list[str] = []
    analyse = vignette_analysis.analyse
    monkeypatch.setattr(vignette_analysis, "analyse",
                        lambda *a, **k: sent.append("vignette analysis") or analyse(*a, **k))
    reliability = compare_analysis.measurement_reliability
    monkeypatch.setattr(compare_analysis, "measurement_reliability",
                        lambda *a, **k: sent.append("reliability") or reliability(*a, **k))
    config = load_config(CONFIG)
    with worker.figure_process(), OutputWriter(tmp_path / "out") as writer:
        record_jobs(monkeypatch, sent, send=False)  # not rendered: only the order is tested
        run_analyses(config, resolve_inputs(config, {}), lambda step: None,
                     FactsheetFigures(writer, "nl"), imports=lambda: sent.append("imports"))
        writer.discard()
    assert sent == ["render_job:likert_figure", "render_png:scale_means_figure (ahead)",
                    "render_job:scale_means_figure", "render_job:forest_figure", "imports",
                    "reliability", "vignette analysis", "render_png:coefficient_figure (ahead)",
                    "render_job:coefficient_figure", "render_job:marginal_means_figure"]


def test_printed_names_are_the_figure_files_of_the_key_figures():
    assert set(factsheet_figures.PRINTED) == {"figures/compare_scale_means.png",
                                             "figures/vignette_coefficients.png"}


@pytest.mark.slow
def test_the_factsheet_process_never_imports_matplotlib(tmp_path):
    """With a figure process every figure, the printed ones too, renders there: the
    command's own process does not import matplotlib (≈ 0.4 s of CPU)."""
    script = textwrap.dedent(f"""
        import sys
        from typer.testing import CliRunner
        from maatwerk_stats.cli import app
        result = CliRunner().invoke(app, ["factsheet", "--config", {str(CONFIG)!r},
                                          "--out", {str(tmp_path / "out")!r}, "--quiet"])
        assert result.exit_code == 0, result.output
        print("matplotlib" in sys.modules)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, cwd=tmp_path)
    assert done.stdout.strip() == "False"
    assert (tmp_path / "out" / "factsheet.docx").is_file()


def test_read_bytes_waits_only_for_the_deferred_work_it_is_given(tmp_path):
    """OutputWriter.collect_deferred / read_bytes(only=…): one staged figure is read while
    the other deferred work is still pending, and that work is still waited for (and
    completed) before the commit."""
    calls: list[str] = []
    with OutputWriter(tmp_path / "out") as writer:
        writer.defer(lambda complete: calls.append(f"before {complete}"))
        with writer.collect_deferred() as finishes:
            writer.path("figures/a.png").write_bytes(b"A")
            writer.defer(lambda complete: calls.append(f"a {complete}"))
        writer.defer(lambda complete: calls.append(f"after {complete}"))
        assert len(finishes) == 1
        assert writer.read_bytes("figures/a.png", only=finishes) == b"A"
        assert calls == ["a True"]
        assert writer.read_bytes("figures/a.png", only=finishes) == b"A"  # not twice
        assert calls == ["a True"]
    assert calls == ["a True", "before True", "after True"]
    assert (tmp_path / "out" / "figures" / "a.png").read_bytes() == b"A"


def test_the_codes_figure_is_a_job_of_the_figure_process(tmp_path):
    """The interviews' code tree renders in the figure process (not drawn here), read by the
    factsheet as soon as it alone is done; a result without any bar has no figure."""
    from dataclasses import replace

    from maatwerk_stats.publish.codes import run_codes
    from maatwerk_stats.report.figures.codes import has_bars
    from maatwerk_stats.report.figures.plotting import render_files

    config = load_config(ROOT / "configs" / "gewogen_maatwerk.toml")
    codes, _ = run_codes(config)
    assert has_bars(codes)
    from maatwerk_stats.report.figures.codes import codes_figure

    render_files(codes_figure(codes, "nl"), tmp_path / "here.png", tmp_path / "here.svg")
    with worker.figure_process(), OutputWriter(tmp_path / "out") as writer:
        figures = FactsheetFigures(writer, "nl")
        figures.start_codes(codes)
        assert worker.current().sent == 1
        assert figures.embedded_png("codes") == (tmp_path / "here.png").read_bytes()
        assert figures.embedded_png("per_vignette") is None
    assert (tmp_path / "out" / "figures" / "codes_tree.svg").read_bytes() == (
        tmp_path / "here.svg").read_bytes()
    empty = replace(codes, factors=codes.factors.iloc[0:0],
                    codes=codes.codes.assign(files_total=0, files_total_min=0))
    assert not has_bars(empty)
    assert codes_figure(empty, "nl") is None
    with OutputWriter(tmp_path / "none") as writer:
        figures = FactsheetFigures(writer, "nl")
        figures.start_codes(empty)
        assert figures.embedded_png("codes") is None
        assert figures.names == []


def test_the_embedded_figures_are_sent_ahead_of_the_others(tmp_path, monkeypatch):
    """The figures the factsheet embeds (the interviews' code tree; of the survey the team
    means of the first regression's outcome and the simple slopes) go ahead of the figures
    waiting in the figure process; the others do not."""
    from maatwerk_stats.publish.codes import run_codes
    from maatwerk_stats.publish.factsheet import resolve_inputs
    from maatwerk_stats.publish.survey import run_survey

    sent: list[str] = []
    codes, _ = run_codes(load_config(ROOT / "configs" / "gewogen_maatwerk.toml"))
    config = load_config(ROOT / "configs" / "teams.toml")
    inputs = resolve_inputs(config, {})
    survey = run_survey(config, inputs.survey, read=inputs.read)
    with worker.figure_process(), OutputWriter(tmp_path / "out") as writer:
        record_jobs(monkeypatch, sent)
        figures = FactsheetFigures(writer, "nl")
        figures.start_codes(codes)
        embedded = figures.survey_embedded(survey)
        assert not worker.current().ahead  # only while they are sent
    assert sorted(embedded) == ["maatwerk:steun:klimaat", "team_means"]
    assert sent == ["render_job:codes_figure (ahead)"] + [
        "render_job:team_means_figure" + (" (ahead)" if n == 3 else "") for n in range(5)] + [
        "render_job:slopes_figure (ahead)"]


def test_run_analyses_sends_the_survey_figures_once_the_survey_is_analysed(
        tmp_path, monkeypatch):
    """The survey's figures are sent from run_analyses, before the tables are written, and
    the writers' modules are imported after them (the teams demo has no other figures)."""
    from maatwerk_stats.publish.factsheet import resolve_inputs, run_analyses

    sent: list[str] = []
    config = load_config(ROOT / "configs" / "teams.toml")
    with worker.figure_process(), OutputWriter(tmp_path / "out") as writer:
        record_jobs(monkeypatch, sent, send=False)
        run_analyses(config, resolve_inputs(config, {}), lambda step: None,
                     FactsheetFigures(writer, "nl"), imports=lambda: sent.append("imports"))
        writer.discard()
    assert sent == [
        "render_job:team_means_figure" + (" (ahead)" if n == 3 else "") for n in range(5)] + [
        "render_job:slopes_figure (ahead)", "imports"]
