"""A run stopped from outside (issue 10, class 3): SIGKILL at every step of a commit, SIGINT
during one, SIGTERM, SIGINT and SIGKILL of real runs at several moments
while they write. Afterwards ``--out`` holds
the old output set or the new one, never a mix; its parent holds no staging folder (a
SIGKILL's is removed, and its commit undone, by the next run); the inputs are untouched.

The commit is killed deterministically: a child process replaces ``os.replace`` (every step
of a commit is one) by a version that sends the signal on its k-th call, for every k.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from maatwerk_stats.io.write import OutputWriter

ROOT = Path(__file__).resolve().parents[1]

# the child: an old set in out/ (and an extra file beside it), then a commit of a new set
# with os.replace sending SIGNAL at its K-th call
CHILD = r"""
import os, signal, sys
from pathlib import Path
from maatwerk_stats.io import write

k, number = int(sys.argv[1]), int(sys.argv[2])
real, calls = os.replace, [0]

def replace(source, target):
    calls[0] += 1
    if calls[0] == k:
        os.kill(os.getpid(), number)
    real(source, target)

write.os.replace = replace
with write.OutputWriter("out", command="scales") as writer:
    for name in ("a.csv", "b.csv", "figures/c.png", "d.csv"):
        writer.write_text(name, "new " + name)
    writer.extra(Path("scores.sav"), "--write-sav").write_text("new sav", encoding="utf-8")
print(calls[0])
"""


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _old_set(folder: Path) -> None:
    with OutputWriter(folder / "out", command="scales") as writer:
        for name in ("a.csv", "b.csv", "figures/c.png", "e.csv"):
            writer.write_text(name, "old " + name)
        writer.extra(folder / "scores.sav", "--write-sav").write_text("old sav",
                                                                       encoding="utf-8")


def _child(folder: Path, k: int, number: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", CHILD, str(k), str(number)], cwd=folder,
                          env=env, capture_output=True, text=True, timeout=60)


def _sets(tmp_path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The old and the new state of the folder (a commit that was not stopped)."""
    old_dir, new_dir = tmp_path / "old", tmp_path / "new"
    for folder in (old_dir, new_dir):
        folder.mkdir()
        _old_set(folder)
    old = snapshot(old_dir)
    done = _child(new_dir, 0, signal.SIGKILL)
    assert done.returncode == 0, done.stderr
    new = snapshot(new_dir)
    assert old != new and int(done.stdout) >= 10  # journal, 2 × 5 moves, manifest
    return old, new


def test_a_commit_killed_at_any_step_is_undone_by_the_next_run(tmp_path):
    old, _ = _sets(tmp_path)
    steps = int(_child(tmp_path / "new", 0, signal.SIGKILL).stdout)
    for k in range(1, steps + 1):
        folder = tmp_path / f"kill{k}"
        folder.mkdir()
        _old_set(folder)
        killed = _child(folder, k, signal.SIGKILL)
        assert killed.returncode == -signal.SIGKILL, (k, killed.stderr)
        OutputWriter(folder / "out").discard()  # the next run into out/
        # every os.replace of a commit comes before its commit point: the old set again
        assert snapshot(folder) == old, k
        assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == [], k


def test_an_interrupt_during_a_commit_waits_until_the_set_is_in_place(tmp_path):
    _, new = _sets(tmp_path)
    for k in (2, 3, 6, 9):  # a backup, a move, in the middle, near the end
        folder = tmp_path / f"int{k}"
        folder.mkdir()
        _old_set(folder)
        stopped = _child(folder, k, signal.SIGINT)
        assert stopped.returncode in (1, -signal.SIGINT), k
        assert "KeyboardInterrupt" in stopped.stderr, k  # raised once the commit was done
        assert snapshot(folder) == new, k  # the whole new set, not part of it
        assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == [], k


# ---- real runs, stopped at several moments ---------------------------------------------

def _run(folder: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "OPENBLAS_NUM_THREADS": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", "from maatwerk_stats.cli import main; main()", "compare",
         "data/demo/pre.sav", "data/demo/post.sav", "--config", "configs/leeratelier.toml",
         "--out", "out", "-q"], cwd=folder, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE)


@pytest.mark.slow
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGKILL, signal.SIGINT],
                         ids=["SIGTERM", "SIGKILL", "SIGINT"])
def test_a_real_run_stopped_at_several_moments(tmp_path, number):
    shutil.copytree(ROOT / "data" / "demo", tmp_path / "data" / "demo")
    shutil.copytree(ROOT / "configs", tmp_path / "configs")
    first = _run(tmp_path)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    inputs = {k: v for k, v in snapshot(tmp_path).items() if not k.startswith("out")}
    old = snapshot(tmp_path / "out")
    for delay in (0.0, 0.3, 1.0, 2.0, 3.5):
        run = _run(tmp_path)
        # the moments count from the staging folder's appearance: the run is writing
        while run.poll() is None and not any(tmp_path.glob(".out-*")):
            time.sleep(0.01)
        time.sleep(delay)
        run.send_signal(number)
        code = run.wait(timeout=300)
        stderr = run.stderr.read().decode()
        assert "Traceback" not in stderr, (delay, stderr)
        # -number: the signal came while Python shut down after the run, when its handlers
        # are the default ones again (the commit is done; the checks below hold either way)
        assert code in (0, -number, 128 + number, 130), (delay, code, stderr)
        now = snapshot(tmp_path)
        assert {k: now.get(k) for k in inputs} == inputs, delay
        staging = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
        if number != signal.SIGKILL:
            assert staging == [], (delay, staging)
        OutputWriter(tmp_path / "out").discard()  # what the next run does first
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
        out = snapshot(tmp_path / "out")
        # the same command gives the same files: a mix of two runs would show as a file
        # missing or one too many (results.json differs in nothing but the run's time)
        assert sorted(out) == sorted(old), (delay, set(out) ^ set(old))
