"""Every line a command prints follows one rule for its language (cli/app.py: speak): ``--lang``,
else the config's ``study.language``, else Dutch, the tool's default; ``init`` speaks the
language it writes into the config. That holds for the lines printed before the config is
read too: the note naming the sheet of a workbook that was read, and the note about a renamed
option (both wait until the language is known). And messages keep marks (``# CHECK:``) and
paths with a space whole when they wrap, and quote such a path as a shell needs it."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from maatwerk_stats.report import text

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
CONFIG = ROOT / "configs" / "leeratelier.toml"
EXPORT = ROOT / "data" / "voorbeeld" / "enquete.csv"

SHEET = {
    "nl": "Let op: {file} heeft 2 tabbladen ('Antwoorden', 'Toelichting'); gelezen: "
          "'Antwoorden' (nummer 1); kies een ander met --sheet NAAM of --sheet N.",
    "en": "Note: {file} has 2 sheets ('Antwoorden', 'Toelichting'); read 'Antwoorden' "
          "(number 1); choose another with --sheet NAME or --sheet N.",
}


def _one_line(stream: str) -> str:
    return " ".join(stream.split())


def _workbook(folder: Path, source: Path, name: str) -> Path:
    """``source`` (a demo CSV) as the first sheet of a workbook with a second sheet."""
    from maatwerk_stats.io.read import read_data

    frame = read_data(source).frame
    path = folder / name
    with pd.ExcelWriter(path) as writer:
        frame.to_excel(writer, sheet_name="Antwoorden", index=False)
        pd.DataFrame({"toelichting": ["de antwoorden staan op het eerste blad"]}).to_excel(
            writer, sheet_name="Toelichting", index=False)
    return path


@pytest.fixture
def english_config(tmp_path: Path) -> Path:
    """The Leeratelier config with study.language = "en"."""
    path = tmp_path / "english.toml"
    path.write_text(CONFIG.read_text(encoding="utf-8").replace(
        'language = "nl"', 'language = "en"'), encoding="utf-8")
    return path


# command → its arguments after the data file (the workbook's first sheet is the data)
RUNS = {
    "codebook": ("vragenlijst", []),
    "scales": ("vragenlijst", ["--out", "out"]),
    "compare": ("vragenlijst", ["--group", "meting", "--group-order", "voor,na",
                                "--no-figures", "--out", "out"]),
    "correlate": ("vragenlijst", ["--variables", "leeftijd,ervaring", "--out", "out"]),
    "vignette": ("vignetten", ["-c", CONFIG, "--no-figures", "--out", "out"]),
    "init": ("vragenlijst", ["--out", "study.toml"]),
}


@pytest.mark.parametrize("command", list(RUNS))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sheet_note_in_the_run_language(run_cli, tmp_path, command, lang):
    """Without --lang and without a config the note is Dutch; with --lang en English."""
    source, args = RUNS[command]
    book = _workbook(tmp_path, DEMO / f"{source}.csv", f"{source}.xlsx")
    result = run_cli(command, book, *args, *(["--lang", "en"] if lang == "en" else []))
    assert result.exit_code == 0, result.output
    line = SHEET[lang].format(file=book)
    assert line in _one_line(result.stderr)
    other = SHEET["en" if lang == "nl" else "nl"].format(file=book)
    assert other not in _one_line(result.stderr)


def test_sheet_note_follows_the_configs_language(run_cli, tmp_path, english_config):
    """No --lang: the config's study.language, also for the note printed while reading."""
    book = _workbook(tmp_path, DEMO / "vragenlijst.csv", "vragenlijst.xlsx")
    english = run_cli("scales", book, "-c", english_config, "--out", "out")
    assert english.exit_code == 0, english.output
    assert SHEET["en"].format(file=book) in _one_line(english.stderr)
    dutch = run_cli("scales", book, "-c", CONFIG, "--out", "out2")
    assert SHEET["nl"].format(file=book) in _one_line(dutch.stderr)
    # the note comes before the rest of what the command says (it is about the reading)
    assert _one_line(dutch.stderr).startswith("Let op: ")


def test_sheet_note_is_shown_when_the_command_then_fails(run_cli, tmp_path):
    """A config error after reading: the note (in Dutch, the default) and then the error."""
    book = _workbook(tmp_path, DEMO / "vragenlijst.csv", "vragenlijst.xlsx")
    (tmp_path / "bad.toml").write_text("[study\n", encoding="utf-8")
    result = run_cli("scales", book, "-c", "bad.toml", "--out", "out")
    assert result.exit_code == 78
    lines = _one_line(result.stderr)
    assert lines.startswith(SHEET["nl"].format(file=book))
    assert " Fout: bad.toml, regel 1 is geen geldige TOML " in lines


@pytest.mark.parametrize(("args", "expected"), [
    ([], "Let op: --by heet nu --group; --by verdwijnt in de volgende versie."),
    (["--lang", "en"], "Note: --by is now called --group; --by will be removed in the next "
                       "release."),
])
def test_renamed_option_note_in_the_run_language(run_cli, tmp_path, args, expected):
    result = run_cli("scales", DEMO / "vragenlijst.csv", "-c", CONFIG, "--by", "meting",
                     "--out", "out", *args)
    assert result.exit_code == 0, result.output
    assert expected in _one_line(result.stderr)


def test_renamed_option_note_follows_the_configs_language(run_cli, english_config):
    result = run_cli("compare", DEMO / "vragenlijst.csv", "-c", english_config, "--order",
                     "voor,na", "--no-figures", "--out", "out")
    assert result.exit_code == 0, result.output
    assert ("Note: --order is now called --group-order; --order will be removed in the next "
            "release.") in _one_line(result.stderr)


INIT = {
    "nl": ("configs/enquete.toml geschreven: schalen beïnvloeding, samenwerking; 5 regel(s) "
           "gemarkeerd met # CHECK: om na te lezen.\n",
           "Daarna: maatwerk-stats factsheet --config configs/enquete.toml --out out/enquete\n"),
    "en": ("Wrote configs/enquete.toml: scales beïnvloeding, samenwerking; 5 line(s) marked "
           "# CHECK: to read.\n",
           "Next: maatwerk-stats factsheet --config configs/enquete.toml --out out/enquete\n"),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_init_speaks_the_language_it_writes(run_cli, tmp_path, lang):
    """The Dutch export gives a Dutch config and Dutch lines; --lang en an English one."""
    shutil.copy(EXPORT, tmp_path / "enquete.csv")
    result = run_cli("init", "enquete.csv", *(["--lang", "en"] if lang == "en" else []))
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == INIT[lang]
    config = (tmp_path / "configs" / "enquete.toml").read_text(encoding="utf-8")
    assert f'language = "{lang}"' in config


def test_init_speaks_english_for_english_answers(run_cli, tmp_path):
    """Answers of the English agreement scale: study.language = "en", and English lines."""
    rows = ["meting;trust_1;trust_2"] + [
        f"{'pre' if i < 10 else 'post'};{a};{b}" for i, (a, b) in enumerate(
            [("agree", "disagree"), ("strongly agree", "agree"), ("neutral", "agree"),
             ("disagree", "strongly disagree"), ("agree", "neutral")] * 4)]
    (tmp_path / "survey.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_cli("init", "survey.csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Wrote configs/survey.toml: scales trust;")
    assert result.stderr.startswith("Next: ")
    assert 'language = "en"' in (tmp_path / "configs" / "survey.toml").read_text("utf-8")


@pytest.mark.parametrize(("args", "expected"), [
    ([], "leeratelier.toml: geldig; schalen samenwerking, regie, maatwerk.\n"),
    (["--lang", "en"], "leeratelier.toml: valid; scales samenwerking, regie, maatwerk.\n"),
])
def test_config_check_in_the_run_language(run_cli, tmp_path, args, expected):
    shutil.copy(CONFIG, tmp_path / "leeratelier.toml")
    result = run_cli("config", "--check", "leeratelier.toml", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout == expected


def test_config_check_follows_the_configs_language(run_cli, english_config):
    result = run_cli("config", "--check", english_config)
    assert result.stdout.endswith(": valid; scales samenwerking, regie, maatwerk.\n")


def _at_width(run_cli, monkeypatch, columns, *args):
    """Run as on a terminal of ``columns`` columns (CliRunner's output is none)."""
    app = importlib.import_module("maatwerk_stats.cli.app")
    tokens = []
    # a monkeypatch of its own: undoing the test's would also undo run_cli's chdir into
    # tmp_path, and the next run would write its --out into the working copy
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(app, "_fit_terminal", lambda: tokens.append(text._WIDTH.set(columns)))
        try:
            return run_cli(*args)
        finally:
            for token in reversed(tokens):
                text._WIDTH.reset(token)


INIT_AT = {
    60: ("configs/mijn enquête.toml geschreven: schalen beïnvloeding,\n"
         "  samenwerking; 5 regel(s) gemarkeerd met # CHECK: om na te\n"
         "  lezen.\n",
         "Daarna: maatwerk-stats factsheet \\\n"
         "    --config 'configs/mijn enquête.toml' \\\n"
         "    --out 'out/mijn enquête'\n"),
    80: ("configs/mijn enquête.toml geschreven: schalen beïnvloeding, samenwerking; 5\n"
         "  regel(s) gemarkeerd met # CHECK: om na te lezen.\n",
         "Daarna: maatwerk-stats factsheet --config 'configs/mijn enquête.toml' \\\n"
         "    --out 'out/mijn enquête'\n"),
}


@pytest.mark.parametrize("columns", [60, 80])
def test_init_keeps_marks_and_paths_whole(run_cli, monkeypatch, tmp_path, columns):
    """A file name with a space: never broken at the space, quoted in the command to copy, and
    the command's lines end in a backslash so that they paste as one command."""
    shutil.copy(EXPORT, tmp_path / "mijn enquête.csv")
    result = _at_width(run_cli, monkeypatch, columns, "init", "mijn enquête.csv")
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == INIT_AT[columns]
    assert "# CHECK:" in result.stdout  # the mark on one line
    assert all(len(line) <= columns for line in (result.stdout + result.stderr).splitlines())


@pytest.mark.slow
def test_init_command_to_copy_runs(run_cli, tmp_path):
    """The printed command, pasted into a shell, names the config init wrote."""
    import shlex

    shutil.copy(EXPORT, tmp_path / "mijn enquête.csv")
    result = run_cli("init", "mijn enquête.csv")
    words = shlex.split(result.stderr.removeprefix("Daarna: ").replace("\\\n", " "))
    assert words == ["maatwerk-stats", "factsheet", "--config", "configs/mijn enquête.toml",
                     "--out", "out/mijn enquête"]
    sheet = run_cli(*words[1:], "-q")
    assert sheet.exit_code == 0, sheet.output
    assert (tmp_path / "out" / "mijn enquête" / "factsheet.html").is_file()


def test_wrap_keeps_whole_pieces_together():
    assert text.wrap(f"aaa {text.whole('# CHECK:')} bbb", width=40) == "aaa # CHECK: bbb"
    assert text.wrap(f"een twee {text.whole('a b c')}", width=10) == "een twee\n  a b c"
    assert text.command_lines(["x", "--a 1", "--b 2"], width=12) == "x --a 1 \\\n    --b 2"
    assert text.command_lines(["x", "--a 1", "--b 2"], width=0) == "x --a 1 --b 2"


def test_init_suggests_the_command_as_it_was_typed(run_cli, tmp_path, monkeypatch):
    """Run as the README runs it (.venv/bin/maatwerk-stats), the next command is the same
    program, so it runs as pasted without an activated venv."""
    import sys

    shutil.copy(EXPORT, tmp_path / "enquete.csv")
    monkeypatch.setattr(sys, "argv", [".venv/bin/maatwerk-stats", "init", "enquete.csv"])
    result = run_cli("init", "enquete.csv")
    assert result.stderr == ("Daarna: .venv/bin/maatwerk-stats factsheet --config "
                             "configs/enquete.toml --out out/enquete\n")
