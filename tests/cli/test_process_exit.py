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
    assert fast.stderr == normal.stderr


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
    assert (message.returncode, message.stderr) == (1, "a message as exit code\n")
    interrupted = _run("run", "interrupt")
    assert (interrupted.returncode, interrupted.stderr) == (130, "Onderbroken.\n")


def test_the_console_script_is_run():
    """pyproject.toml's script and ``python -m maatwerk_stats`` go through run()."""
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["maatwerk-stats"] == "maatwerk_stats.cli.process_exit:run"
    assert "process_exit import run" in (ROOT / "src/maatwerk_stats/__main__.py").read_text()


class Left(Exception):
    """Raised by the stand-in for os._exit."""


@pytest.fixture
def exits(monkeypatch):
    """leave() in this process, with os._exit and atexit's handlers replaced by recorders."""
    from maatwerk_stats.cli import process_exit

    done: list[object] = []

    def _exit(code: int) -> None:
        done.append(("exit", code))
        raise Left

    monkeypatch.setattr(process_exit.os, "_exit", _exit)
    monkeypatch.setattr("atexit._run_exitfuncs", lambda: done.append("atexit"))
    return done


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (3, 3), (130, 130)])
def test_leave_skips_the_teardown(exits, code, status):
    from maatwerk_stats.cli.process_exit import leave

    with pytest.raises(Left):
        leave(code)
    assert exits == ["atexit", ("exit", status)]  # the handlers first, then the exit


def test_leave_takes_the_normal_exit_when_it_must(exits):
    import threading

    from maatwerk_stats.cli.process_exit import leave

    with pytest.raises(SystemExit) as stop:  # printed by Python as the exit's message
        leave("a message")
    assert stop.value.code == "a message"
    release = threading.Event()
    waiting = threading.Thread(target=release.wait)  # not a daemon: the exit waits for it
    waiting.start()
    try:
        with pytest.raises(SystemExit) as stop:
            leave(0)
        assert stop.value.code == 0
    finally:
        release.set()
        waiting.join()
    assert exits == []  # neither the handlers nor os._exit ran
