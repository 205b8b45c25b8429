"""Help texts: the same placeholder style everywhere, and the whole first sentence of every
command in the top-level help."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from maatwerk_stats.cli import app

RUNNER = CliRunner()
TOP = RUNNER.invoke(app, ["--help"], terminal_width=100).output
COMMANDS = re.findall(r"^  (\w+)\s", TOP.split("Commands:")[1], re.M)


def test_top_level_help_lists_every_command_without_cutting_its_sentence():
    assert {"init", "codebook", "scales", "compare", "vignette", "factsheet", "config"} <= set(
        COMMANDS)
    assert "..." not in TOP.split("Commands:")[1]
    listed = " ".join(TOP.split("Commands:")[1].split())
    assert ("init Write a complete, commented study config from the data, to check and "
            "edit.") in listed


@pytest.mark.parametrize("command", COMMANDS)
def test_placeholders_are_capital_words(command):
    text = RUNNER.invoke(app, [command, "--help"], terminal_width=100).output
    assert not re.findall(r"<[^>\s]+>", text), text  # no <str>, <path>, <list[str]>, <nl|en>
    usage = text.splitlines()[0]
    assert not re.search(r"\{[a-z_]+\}|\[[a-z_]+\]", usage), usage


def test_column_options_say_column():
    text = RUNNER.invoke(app, ["compare", "--help"], terminal_width=100).output
    usage = text.splitlines()[0]
    assert usage == "Usage: maatwerk-stats compare [OPTIONS] {DATA} [POST...]"
    assert "--id COLUMN" in text and "--group COLUMN" in text and "--adjust-for COLUMNS" in text
    assert "--lang nl|en" in text and "--format table|csv|json" in text  # choices as in README
