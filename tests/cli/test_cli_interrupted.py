"""A run stopped with Ctrl+C says so in the run's language (Dutch by default) and exits 130."""

from __future__ import annotations

import pytest

import maatwerk_stats.cli as cli
from maatwerk_stats.cli import signals
from maatwerk_stats.cli.app import _State


@pytest.mark.parametrize(("language", "line"), [(None, "Onderbroken.\n"),
                                                ("nl", "Onderbroken.\n"),
                                                ("en", "Interrupted.\n")])
def test_an_interrupted_run_says_so_in_its_language(monkeypatch, capsys, language, line):
    def stopped(**_: object) -> None:
        _State.language = language  # as the command had set it before Ctrl+C
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "app", stopped)
    monkeypatch.setattr(signals, "stop_like_interrupt", lambda: None)  # the test's own process
    monkeypatch.setattr(_State, "language", None)
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 130
    assert capsys.readouterr().err == line
