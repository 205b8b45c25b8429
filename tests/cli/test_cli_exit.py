"""At exit the objects a run made are frozen (``gc.freeze``, registered by ``cli.main``), so
the interpreter's last collections skip them: 0.1–0.15 s of every command that imported
pandas and scipy. The process still ends as before: its output whole, its exit code kept."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """
import atexit, gc, sys
# registered before main's own handler, so it runs after it (atexit runs last-in first-out)
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0))
sys.argv = ["maatwerk-stats", *sys.argv[1:]]
from maatwerk_stats.cli import main
main()
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", PROGRAM, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def test_the_objects_of_a_run_are_frozen_at_exit_and_its_output_is_whole():
    done = run("--help")
    assert done.returncode == 0, done.stderr
    assert "factsheet" in done.stdout  # the help text came out before the exit
    assert done.stdout.rstrip().endswith("frozen at exit: True")


def test_an_error_keeps_its_exit_code_and_message():
    done = run("scales", "no_such_file.csv", "--lang", "en")
    assert done.returncode != 0
    assert done.stderr.startswith("Error: ")
    assert done.stdout.rstrip().endswith("frozen at exit: True")
