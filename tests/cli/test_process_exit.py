"""The console script (``cli.process_exit.run``) ends the process without the interpreter's
teardown, and is otherwise indistinguishable from ``cli.main`` followed by Python's normal
exit: the same exit code, every line on stdout and stderr, the ``atexit`` handlers, and a
thread that is still running is waited for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# runs a stand-in for the Typer app under cli.main (as tests/cli/test_cli_interrupted.py
# does), through run() or through main() and the normal exit
PROGRAM = """
import atexit, sys, threading, time
import maatwerk_stats.cli as cli

entry, case = sys.argv[1], sys.argv[2]
sys.argv[1:] = []

class TornDown:
    def __del__(self):
        sys.stderr.write("torn down\\n")

kept = TornDown()  # a global of __main__: deleted by the teardown only

def app(**_):
    if case == "lines":
        sys.stdout.write("".join(f"{i};x\\n" for i in range(200_000)))
        sys.stderr.write("Error: a message\\n")
        sys.exit(3)
    if case == "atexit":
        atexit.register(lambda: print("atexit ran"))
        print("done")
    if case == "thread":
        def late():
            time.sleep(0.3)
            print("thread finished")
        threading.Thread(target=late).start()
        print("done")
    if case == "message":
        sys.exit("a message as exit code")
    if case == "interrupt":
        raise KeyboardInterrupt

cli.app = app
if entry == "run":
    from maatwerk_stats.cli.process_exit import run
    run()
else:
    cli.main()
"""


def _run(entry: str, case: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", PROGRAM, entry, case], capture_output=True,
                          text=True, env=env, timeout=60)


@pytest.mark.parametrize("case", ["lines", "atexit", "thread", "message", "interrupt"])
def test_run_exits_as_main_does(case):
    fast, normal = _run("run", case), _run("main", case)
    assert fast.returncode == normal.returncode
    assert fast.stdout == normal.stdout
    torn = "torn down\n"
    # the teardown is skipped where nothing is left to wait for
    skipped = case in ("lines", "atexit", "interrupt")
    assert (torn not in fast.stderr) == skipped
    assert torn in normal.stderr
    assert fast.stderr.replace(torn, "") == normal.stderr.replace(torn, "")


def test_the_cases_say_what_they_test():
    """The stand-in does what the cases claim: every line, the exit codes, the handler, the
    thread's late line, the message (so that the comparison above cannot pass on empty runs)."""
    lines = _run("run", "lines")
    assert lines.returncode == 3
    assert lines.stdout.count("\n") == 200_000 and lines.stdout.endswith("199999;x\n")
    assert lines.stderr == "Error: a message\n"
    assert _run("run", "atexit").stdout == "done\natexit ran\n"
    assert _run("run", "thread").stdout == "done\nthread finished\n"
    message = _run("run", "message")
    assert (message.returncode, message.stderr) == (1, "a message as exit code\ntorn down\n")
    interrupted = _run("run", "interrupt")
    assert (interrupted.returncode, interrupted.stderr) == (130, "Onderbroken.\n")


def test_the_console_script_is_run():
    """pyproject.toml's script and ``python -m maatwerk_stats`` go through run()."""
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["maatwerk-stats"] == "maatwerk_stats.cli.process_exit:run"
    assert "process_exit import run" in (ROOT / "src/maatwerk_stats/__main__.py").read_text()
