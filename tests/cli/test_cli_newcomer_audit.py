"""What a newcomer saw on the way from an export to a factsheet (issue 16's audit), each fixed
and pinned here: tables that never cut a name off, commands and counts that a wrap keeps whole,
Dutch words for the file's reading (codebook), the language named in words, a teams study
drafted by init, and measurements named by their labels."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from maatwerk_stats.report import text

from .test_cli_run_language import _at_width  # run as on a terminal of N columns

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
EXPORT = ROOT / "data" / "voorbeeld" / "enquete.csv"
GEWOGEN = ROOT / "configs" / "gewogen_maatwerk.toml"


def test_stacked_table_wraps_names_instead_of_cutting_them():
    names = ["Methodisch werken", "· Trajectplan opstellen", "· Trajectplan uitvoeren",
             "  · Terugblik en evaluatie", "Eigeneffectiviteitsverwachting"]
    rows = [[name, "alle", "na - voor", "+0,21 [0,10; 0,32]", "0,001", "0,002"]
            for name in names]
    header = ["Schaal", "Locatie", "Contrast", "Verandering [95%-BI]", "p", "p (Holm)"]
    table = text.render_table(header, rows, align="lllrrr", width=60, keys=3)
    assert "…" not in table
    assert all(len(line) <= 60 for line in table.splitlines())
    first = table.split("\n\n")[0].splitlines()
    width = len(first[1].split("  ")[0])  # the dashes under the first column
    assert width < len(max(names, key=len))  # the names had to wrap
    column = [line[:width].rstrip() for line in first[2:]]
    joined, current = [], ""
    for cell, line in zip(column, first[2:], strict=True):
        if line[width:].strip():  # a row starts: its other cells are on its first line
            if current:
                joined.append(current)
            current = cell
        else:
            current += ("" if current.endswith(" ") else " ") + cell.strip()
    joined.append(current)
    # every character of every name, in order (a word longer than the column is split)
    assert ["".join(n.split()) for n in joined] == ["".join(n.split()) for n in names]
    assert "  Eigeneffectiviteit" not in table  # whole words stay whole


def test_mixed_model_table_at_60_columns_cuts_no_scale_name(run_cli, monkeypatch):
    result = _at_width(run_cli, monkeypatch, 60, "compare", DEMO / "gewogen_maatwerk.sav",
                       "-c", GEWOGEN, "--model", "mixed", "--no-figures", "--out", "out")
    assert result.exit_code == 0, result.stderr
    mixed = result.stdout[result.stdout.index("Gemengd model"):]
    mixed = mixed[:mixed.index("\n\n\n")] if "\n\n\n" in mixed else mixed
    assert "…" not in mixed
    assert all(len(line) <= 60 for line in result.stdout.splitlines())
    # every subscale name whole: its words on consecutive lines of the first column
    for name in ("Trajectplan opstellen", "Methodisch werken", "Subjectieve norm"):
        assert name.split()[0] in mixed, name


def test_a_command_in_backticks_is_not_broken(run_cli, monkeypatch):
    """`maatwerk-stats init DATA` in the no-config advice stays on one line at 60 to 120."""
    for columns in (60, 80, 120):
        result = _at_width(run_cli, monkeypatch, columns, "scales", DEMO / "vragenlijst.csv",
                           "--out", f"out{columns}")
        assert result.exit_code == 0, result.stderr
        assert "`maatwerk-stats init DATA`" in result.stderr
        assert all(len(line) <= columns for line in result.stderr.splitlines())


def test_written_line_keeps_each_count_with_its_word(run_cli, monkeypatch):
    result = _at_width(run_cli, monkeypatch, 60, "compare", DEMO / "vragenlijst.csv", "-c",
                       ROOT / "configs" / "leeratelier.toml", "--out", "out")
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert any("tabelbestand(en) (tables/)" in line or "figuurbestand(en) (figures/)" in line
               for line in lines)
    for line in lines:
        for words in ("tabelbestand(en)", "figuurbestand(en)"):
            if words in line:
                assert line.split(words)[0].rstrip().split(" ")[-1].isdigit(), line


@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "(codering windows-1252, scheidingsteken ;, decimaalteken ,)"),
    ("en", "(encoding windows-1252, separator ;, decimal ,)"),
])
def test_codebook_says_how_the_file_was_read_in_the_language(run_cli, lang, said):
    result = run_cli("codebook", EXPORT, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].endswith(" " + said)


def test_the_answer_scale_is_named_in_words(run_cli, tmp_path):
    shutil.copy(EXPORT, tmp_path / "enquete.csv")
    assert run_cli("init", "enquete.csv").exit_code == 0
    config = (tmp_path / "configs" / "enquete.toml").read_text(encoding="utf-8")
    assert "range = [1, 5]   # 5 antwoorden van de Nederlandse eens-oneensschaal\n" in config
    refused = run_cli("scales", "enquete.csv", "--out", "out")
    assert refused.exit_code == 65
    assert "in schaalvolgorde (Nederlandse eens-oneensschaal, 5 antwoorden)" in refused.stderr
    english = run_cli("scales", "enquete.csv", "--out", "out", "--lang", "en")
    assert "in scale order (Dutch agreement scale, 5 answers)" in english.stderr


def test_init_drafts_a_teams_study_the_factsheet_runs_on(run_cli, tmp_path):
    """One measurement of professionals in teams: [teams] and [data] survey, not a
    commented-out questionnaire that the factsheet refuses."""
    result = run_cli("init", DEMO / "teams.sav", "--out", "teams.toml")
    assert result.exit_code == 0, result.output
    config = (tmp_path / "teams.toml").read_text(encoding="utf-8")
    assert '[teams]\n# CHECK: het team van elke respondent' in config
    assert 'column = "team"\n' in config
    assert '[correlations]\nvariables = ["onzeker", "steun", "klimaat", "maatwerk"]' in config
    assert "\nsurvey = " in config and "# questionnaire" not in config
    checked = run_cli("config", "--check", "teams.toml")
    assert checked.exit_code == 0, checked.output


@pytest.mark.slow
def test_init_teams_factsheet(run_cli, tmp_path):
    assert run_cli("init", DEMO / "teams.sav", "--out", "teams.toml").exit_code == 0
    sheet = run_cli("factsheet", "--config", "teams.toml", "--out", "out", "-q")
    assert sheet.exit_code == 0, sheet.output
    assert (tmp_path / "out" / "factsheet.html").is_file()
    assert (tmp_path / "out" / "tables" / "team_agreement.csv").is_file()


def test_measurement_named_by_its_label_not_its_code(run_cli, tmp_path):
    """Codes 1/2 with labels voor/na (as init writes them for the SPSS file): the note on
    who was measured once says 'voor', not '1'."""
    assert run_cli("init", DEMO / "gewogen_maatwerk.sav", "--out", "g.toml").exit_code == 0
    assert 'order = ["1", "2"]' in (tmp_path / "g.toml").read_text(encoding="utf-8")
    result = run_cli("compare", DEMO / "gewogen_maatwerk.sav", "-c", "g.toml", "--model",
                     "mixed", "--no-figures", "--out", "out")
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stderr.split())
    assert "één keer gemeten; bij 'voor' verschillen de" in said
    assert "bij '1'" not in said


def test_init_names_the_vignette_measurements_as_the_text_reads_them(run_cli, tmp_path):
    """Long vignette data with meting = voor/na: group_labels "vóór"/"na", so the figure's
    legend and the table agree (both read the labels, not the codes)."""
    assert run_cli("init", DEMO / "vignetten.csv", "--out", "v.toml").exit_code == 0
    config = (tmp_path / "v.toml").read_text(encoding="utf-8")
    assert ('group_order = ["voor", "na"]\ngroup_labels = ["vóór", "na"]   # zoals de tekst en '
            'de figuren ze tonen\n') in config
    from maatwerk_stats.config.load import load_config

    assert load_config(tmp_path / "v.toml").vignette.group_labels == ("vóór", "na")


def test_a_statistic_stays_with_its_value():
    """"g = 0,83" and "p < 0,001" are never split at their spaces (compare's summary at 120
    columns printed "… vanaf g" and "= 0,83" on the next line)."""
    assert text.wrap("met 80% kans alleen effecten vanaf g = 0,83 aantonen; p < 0,001",
                     width=30) == ("met 80% kans alleen effecten\n  vanaf g = 0,83 aantonen;\n"
                                   "  p < 0,001")
    assert text.wrap("a b c g = 0,83", width=9) == "a b c\n  g = 0,83"
    assert text.wrap("x = y en z", width=6) == "x = y\n  en z"  # no number: a plain space


@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "Beïnvloeding: gemiddeld 3,14 (vóór) en 3,47 (na);"),
    ("en", "Beïnvloeding: mean 3.14 (before) and 3.47 (after);"),
])
def test_compare_summary_names_the_measurements_in_the_language(run_cli, tmp_path, lang, said):
    """The terminal's summary says before/after in English, as the factsheet does."""
    shutil.copy(EXPORT, tmp_path / "enquete.csv")
    assert run_cli("init", "enquete.csv", "-q").exit_code == 0
    result = run_cli("compare", "enquete.csv", "-c", "configs/enquete.toml", "--no-figures",
                     "--out", "out", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert said in result.stdout
