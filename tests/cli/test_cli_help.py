"""Help texts: the same placeholder style everywhere, and the whole first sentence of every
command in the top-level help."""

from __future__ import annotations

import re
from pathlib import Path

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


@pytest.mark.parametrize("command", [*COMMANDS, "power compare", "power vignette"])
def test_placeholders_are_capital_words(command):
    text = RUNNER.invoke(app, [*command.split(), "--help"], terminal_width=100).output
    assert not re.findall(r"<[^>\s]+>", text), text  # no <str>, <path>, <list[str]>, <nl|en>
    usage = text.splitlines()[0]
    assert not re.search(r"\{\w+\}|\[[a-z_]+\]", usage), usage  # no {DATA} (typer 0.27)


def test_column_options_say_column():
    text = RUNNER.invoke(app, ["compare", "--help"], terminal_width=100).output
    usage = text.splitlines()[0]
    assert usage == "Usage: maatwerk-stats compare [OPTIONS] DATA [POST...]"
    assert "--id COLUMN" in text and "--group COLUMN" in text and "--adjust-for COLUMNS" in text
    assert "--lang nl|en" in text and "--format table|csv|json" in text  # choices as in README


@pytest.mark.parametrize(("command", "usage"), [
    ("scales", "Usage: maatwerk-stats scales [OPTIONS] DATA"),
    ("codebook", "Usage: maatwerk-stats codebook [OPTIONS] DATA"),
    ("init", "Usage: maatwerk-stats init [OPTIONS] DATA..."),
    ("vignette", "Usage: maatwerk-stats vignette [OPTIONS] RESPONSES"),
    ("codes", "Usage: maatwerk-stats codes [OPTIONS] [EXPORT]"),
    ("factsheet", "Usage: maatwerk-stats factsheet [OPTIONS]"),
])
def test_usage_line_names_arguments_as_click_does(command, usage):
    assert RUNNER.invoke(app, [command, "--help"], terminal_width=100).output.splitlines()[0] \
        == usage


def test_placeholder_without_click_type_attribute():
    """typer 0.29 parameters have no ``.type`` (choices live in ``type_descriptor``): the help
    must still come out, with the same placeholders."""
    from types import SimpleNamespace

    from maatwerk_stats.cli.app import Lang, _placeholder

    def option(name, **fields):
        return SimpleNamespace(name=name, param_type_name="option", **fields)

    choice = SimpleNamespace(is_choice=True, choices=list(Lang), annotation=Lang)
    assert _placeholder(option("lang", type_descriptor=choice)) == "nl|en"
    path = SimpleNamespace(is_choice=False, choices=None, annotation=Path)
    assert _placeholder(option("leaders", type_descriptor=path)) == "FILE"
    assert _placeholder(option("by")) == "COLUMN"
    assert _placeholder(option("seed")) == "SEED"
    assert _placeholder(SimpleNamespace(name="data", param_type_name="argument")) == "DATA"


def test_every_command_help_renders_with_the_installed_typer():
    for command in COMMANDS:
        result = RUNNER.invoke(app, [command, "--help"], terminal_width=60)
        assert result.exit_code == 0, (command, result.output)
        assert result.output.startswith(f"Usage: maatwerk-stats {command} [OPTIONS]")


def test_power_lists_its_commands_without_cutting_their_sentence():
    text = RUNNER.invoke(app, ["power", "--help"], terminal_width=100).output
    listed = " ".join(text.split("Commands:")[1].split())
    assert "..." not in listed and "give two of --n, --delta and --power" in listed


def _first_paragraphs(text: str) -> str:
    """The usage line's paragraph after it, and the one after that: the command's first line
    and what is said directly under it."""
    body = text.split("\n\n", 1)[1]
    return " ".join(" ".join(body.split("\n\n")[:2]).split())


def test_top_level_help_says_the_output_language_and_that_the_help_is_english():
    said = " ".join(TOP.split("Options:")[0].split())
    assert ("Output is in Dutch by default (or the config's study.language); --lang en "
            "switches to English. This help is in English.") in said


@pytest.mark.parametrize("command", [*COMMANDS, "power compare", "power vignette"])
def test_every_command_with_lang_says_its_output_language_under_its_first_line(command):
    text = RUNNER.invoke(app, [*command.split(), "--help"], terminal_width=100).output
    if "--lang" not in text:
        return  # simulate: no rendered output (checked below: the set of such commands)
    said = _first_paragraphs(text)
    assert "Dutch by default" in said and "--lang en switches to English" in said, said
    reads_config = "--config" in text or "--check" in text
    assert ("(or the config's study.language)" in said) == reads_config, said


def test_commands_without_lang_are_only_simulate():
    """(and the group power, whose two commands have it)"""
    without = [c for c in COMMANDS
               if "--lang" not in RUNNER.invoke(app, [c, "--help"]).output]
    assert without == ["simulate", "power"]
