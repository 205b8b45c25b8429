"""Notes and warnings of teams, correlate, regress and codes in the chosen language
(``--lang nl|en``, else the config's, else Dutch), as scales and compare (report/notes.py);
the vignette's: tests/cli/test_cli_vignette.py."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fuzz" / "files" / "teams_small.csv"
CODEBOOK = ROOT / "tests" / "qda" / "codebook.qdc"

TEAMS = {
    "nl": ["Waarschuwing: 2 respondent(en) hebben geen team-id in kolom team; ze blijven buiten "
           "de analyses binnen en tussen teams en buiten de teammodellen.",
           "Waarschuwing: 1 team(s) hebben maar één lid: voor hen geen rwg(j) (eensgezindheid "
           "vraagt twee leden).",
           "Let op: 1 team(s) hebben minder dan 5 leden: hun gemiddelden, sd's en rwg(j) worden "
           "niet gepubliceerd, en de rwg(j)-samenvattingen en ICC(1)/ICC(2) laten ze weg.",
           "Let op: steun, klimaat: minder dan 5 respondenten zitten in kleine teams of in geen "
           "team; het totale gemiddelde naast de teamgemiddelden zou hun gemiddelde "
           "teruggeven, dus ook het kleinste gepubliceerde team wordt niet gepubliceerd.",
           "Let op: steun: geen rwg(j); dat vraagt de items van een schaal met een opgegeven "
           "antwoordbereik (range = [1, 5]).",
           "Let op: steun: ICC(1) = −0,168 < 0: teams verschillen minder dan toeval zou geven; "
           "een teamgemiddelde zegt weinig over het team."],
    "en": ["Warning: 2 respondent(s) have no team id in column team; they are left out of the "
           "within- and between-team analyses and the team models.",
           "Warning: 1 team(s) have only one member: no rwg(j) for them (agreement needs two "
           "members).",
           "Note: 1 team(s) have fewer than 5 members: their means, SDs and rwg(j) are not "
           "published, and the rwg(j) summaries and ICC(1)/ICC(2) leave them out.",
           "Note: steun, klimaat: fewer than 5 respondents are in small teams or without a "
           "team; the overall mean beside the team means would give their mean back, so the "
           "smallest published team is not published either.",
           "Note: steun: no rwg(j), which needs the items of a scale with a declared answer "
           "range (range = [1, 5]).",
           "Note: steun: ICC(1) = -0.168 < 0: teams differ less than chance would make them; a "
           "team mean says little about the team."],
}


def _lines(text: str) -> str:
    return " ".join(text.split())  # the terminal wraps to its width


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_teams_notes_in_the_chosen_language(run_cli, lang):
    result = run_cli("teams", SMALL, "--team", "team", "--variables", "steun,klimaat",
                     "--out", "res", "--no-figures", "--lang", lang)
    assert result.exit_code == 0, result.output
    for line in TEAMS[lang]:
        assert line in _lines(result.stderr), line


def _survey(folder: Path) -> Path:
    """30 respondents in 6 teams; b missing for 3; c the same for everyone."""
    rows = ["team;a;b;c"] + [f"T{i % 6};{1 + i * 7 % 5};{'' if i < 3 else 1 + i * 3 % 5};3"
                             for i in range(30)]
    path = folder / "survey.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", "Waarschuwing: variabele c heeft voor iedereen dezelfde waarde; de correlaties "
           "ervan zijn niet gedefinieerd (leeg gelaten)."),
    ("en", "Warning: variable c has the same value for everyone; its correlations are "
           "undefined (left empty)."),
])
def test_correlate_notes_in_the_chosen_language(run_cli, tmp_path, lang, expected):
    result = run_cli("correlate", _survey(tmp_path), "--variables", "a,b,c", "--team", "team",
                     "--out", "res", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert expected in _lines(result.stderr)


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", "Let op: regressie a: 3 respondent(en) zonder b weggelaten."),
    ("en", "Note: regression a: 3 respondent(s) without b left out."),
])
def test_regress_notes_in_the_chosen_language(run_cli, tmp_path, lang, expected):
    result = run_cli("regress", _survey(tmp_path), "--outcome", "a", "--predictors", "b",
                     "--team", "team", "--out", "res", "--no-figures", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert expected in _lines(result.stderr)


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", "codebook.qdc is een codeboek zonder gecodeerde fragmenten: de codeboom staat er "
           "zonder aantallen. Exporteer het project (.qdpx) of de gecodeerde fragmenten voor "
           "aantallen."),
    ("en", "codebook.qdc is a codebook without coded segments: the tree is listed without "
           "counts. Export the project (.qdpx) or its coded segments for counts."),
])
def test_codes_notes_in_the_chosen_language(run_cli, lang, expected):
    result = run_cli("codes", CODEBOOK, "--out", "res", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert expected in _lines(result.stderr)
    assert _lines(result.stderr).startswith("Let op: " if lang == "nl" else "Note: ")


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", "Geschreven naar res: team_agreement.csv, team_means.csv, results.json, "
           "tables.xlsx"),
    ("en", "Written to res: team_agreement.csv, team_means.csv, results.json, tables.xlsx"),
])
def test_what_was_written_in_the_chosen_language(run_cli, lang, expected):
    result = run_cli("teams", SMALL, "--team", "team", "--variables", "steun,klimaat",
                     "--out", "res", "--no-figures", "--lang", lang)
    assert _lines(result.stderr).endswith(expected)


def test_folders_of_many_files_are_counted():
    import io
    from contextlib import redirect_stderr

    from maatwerk_stats.cli.app import show_written

    # typer.echo writes to sys.stderr: capture it
    buffer = io.StringIO()
    with redirect_stderr(buffer):
        show_written(["factsheet.html", "tables/a.csv", "tables/b.csv", "figures/c.png"],
                     Path("out"), lang="nl")
    assert buffer.getvalue() == ("Geschreven naar out: factsheet.html, 2 tabelbestand(en) "
                                 "(tables/), 1 figuurbestand(en) (figures/)\n")
