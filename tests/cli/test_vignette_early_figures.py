"""``vignette`` starts its figures as soon as both models are fitted (``analyse``'s
``on_estimates``, ``cli/vignette.py: _EarlyFigures``), while the design checks run and the
tables are written: the files, the terminal and every error are the same as when the figures
start after the analysis."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from maatwerk_stats.cli import vignette as command

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the figure process: Linux")

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
CONFIG = ROOT / "configs" / "leeratelier.toml"


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def both_ways(run_cli, monkeypatch, tmp_path, *args):
    """The run with the early start, then with figures started after the analysis (the
    early start a no-op); each run's result, files and whether the early start was used."""
    started = []
    start = command._EarlyFigures.start

    def spy(self, estimates, stack):
        start(self, estimates, stack)
        started.append(self.writer is not None)

    runs = []
    for early in (True, False):
        with monkeypatch.context() as patch:
            patch.setattr(command._EarlyFigures, "start",
                          spy if early else lambda self, estimates, stack: None)
            result = run_cli(*args)
        out = tmp_path / "out"
        runs.append((result, files_of(out) if out.is_dir() else None))
        if out.is_dir():
            out.rename(tmp_path / ("out_early" if early else "out_late"))
    return runs, started


def test_early_figures_give_the_same_files_and_terminal(run_cli, monkeypatch, tmp_path):
    runs, started = both_ways(run_cli, monkeypatch, tmp_path, "vignette",
                              DEMO / "vignetten.csv", "--config", CONFIG, "--out", "out",
                              "--per-vignette")
    (early, early_files), (late, late_files) = runs
    assert started == [True]  # the figures did start early
    assert early.exit_code == late.exit_code == 0, early.stderr
    assert early.stdout == late.stdout and early.stderr == late.stderr
    assert early_files == late_files
    assert [n for n in early_files if n.startswith("figures/")] == [
        "figures/vignette_coefficients.png", "figures/vignette_coefficients.svg",
        "figures/vignette_marginal_means.png", "figures/vignette_marginal_means.svg",
        "figures/vignette_per_vignette.png", "figures/vignette_per_vignette.svg"]


def test_an_error_after_the_early_start_leaves_nothing(run_cli, monkeypatch, tmp_path):
    """A malformed --factor-interactions stops the run after the analysis: the same message,
    no --out and no staging folder, although the figures had started."""
    runs, started = both_ways(run_cli, monkeypatch, tmp_path, "vignette",
                              DEMO / "vignetten.csv", "--config", CONFIG, "--out", "out",
                              "--factor-interactions", "reputatie")
    (early, early_files), (late, late_files) = runs
    assert started == [True]
    assert early.exit_code == late.exit_code != 0
    assert early.stderr == late.stderr and "--factor-interactions reputatie" in early.stderr
    assert early_files is late_files is None
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("where", ["a file", "a new folder"])
def test_no_early_start_where_the_writer_would_fail_or_create_a_folder(run_cli, monkeypatch,
                                                                       tmp_path, where):
    """--out naming a file: the same error, raised where it always was; --out in a folder
    that does not exist yet: the figures start after the analysis, as the folder is made
    only once the run gets that far."""
    out = "taken.txt" if where == "a file" else "new/deeper/out"
    if where == "a file":
        (tmp_path / out).write_text("x")
    started = []
    start = command._EarlyFigures.start

    def spy(self, estimates, stack):
        start(self, estimates, stack)
        started.append(self.writer is not None)

    monkeypatch.setattr(command._EarlyFigures, "start", spy)
    result = run_cli("vignette", DEMO / "vignetten.csv", "--config", CONFIG, "--out", out)
    assert started == [False]
    if where == "a file":
        assert result.exit_code != 0 and "taken.txt" in result.stderr
        assert (tmp_path / out).read_text() == "x"
    else:
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / out / "figures" / "vignette_marginal_means.png").is_file()


def test_the_fit_threads_leave_stop_signals_to_the_main_thread(monkeypatch):
    """The early writer creates its staging folder while the order-effect fit runs in a
    thread: that thread blocks SIGINT, SIGTERM and SIGHUP, so a stop reaches the main thread,
    where the writer holds it back during the creation."""
    import signal
    import threading

    from maatwerk_stats.analyses import vignette as analysis
    from maatwerk_stats.config import load_config
    from maatwerk_stats.config.options import vignette_settings
    from maatwerk_stats.io.deck import read_deck
    from maatwerk_stats.io.read import read_data
    from maatwerk_stats.prepare.ratings import prepare_vignette_data

    seen = []
    fit = analysis._fit

    def spy(*args, **kwargs):
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, [])
        seen.append((threading.current_thread() is threading.main_thread(),
                     {signal.SIGINT, signal.SIGTERM, signal.SIGHUP} <= blocked))
        return fit(*args, **kwargs)

    monkeypatch.setattr(analysis, "_fit", spy)
    settings, explicit = vignette_settings(load_config(CONFIG))
    data = prepare_vignette_data(read_data(DEMO / "vignetten.csv"), settings,
                                 deck=read_deck(settings.deck, settings.vignette),
                                 explicit=explicit)
    analysis.analyse(data, settings.influence)
    assert (False, True) in seen  # a fit in a pool thread, with the stops blocked
    assert all(blocked for main, blocked in seen if not main)
    assert not {signal.SIGINT, signal.SIGTERM} & signal.pthread_sigmask(signal.SIG_BLOCK, [])
