"""``maatwerk-stats … | head``: when the reader closes the pipe the command stops quietly
(exit 141, as a tool stopped by SIGPIPE), never with an "internal error" line."""

from __future__ import annotations

import io

import pytest
import typer

from maatwerk_stats.cli.app import handled


def test_a_closed_pipe_is_no_internal_error(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdout", io.StringIO())  # no file descriptor to redirect
    with pytest.raises(typer.Exit) as stopped, handled():
        raise BrokenPipeError(32, "Broken pipe")
    assert stopped.value.exit_code == 141
    assert capsys.readouterr().err == ""
