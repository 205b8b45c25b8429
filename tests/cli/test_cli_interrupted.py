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
    monkeypatch.setattr(_State, "config_path", None)  # no --config (an earlier test's is not)
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 130
    assert capsys.readouterr().err == line


def test_an_interrupt_before_the_config_is_read_speaks_its_study_language(
        monkeypatch, capsys, tmp_path):
    """Ctrl+C while the data are read (before the config): the --config file's language, as
    an error line then (cli/app.py: error_language)."""
    english = tmp_path / "english.toml"
    english.write_text('[study]\nlanguage = "en"\n', encoding="utf-8")

    def stopped(**_: object) -> None:
        _State.config_path = english  # --config given, its study.language not spoken yet
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "app", stopped)
    monkeypatch.setattr(signals, "stop_like_interrupt", lambda: None)
    monkeypatch.setattr(_State, "language", None)
    monkeypatch.setattr(_State, "config_path", None)
    with pytest.raises(SystemExit):
        cli.main()
    assert capsys.readouterr().err == "Interrupted.\n"
