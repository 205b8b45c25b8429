"""The publish layer's messages in the run's language (issue 16): what `factsheet` says about
the [data] of a config, a data or logo file, --sheet, --pdf without Chromium and a
regression too small to publish, in Dutch (the default: "Fout: …") and in English ("Error:
…", with --lang en or the config's study.language = "en")."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"

SCALES = '[study]\nname = "x"\n{language}[scales.s]\nitems = ["samenwerking_1", "samenwerking_2"]\n'
DATA = '[data]\npre = "pre.sav"\npost = "post.sav"\n'


def _study(tmp_path: Path, text: str, name: str = "study.toml") -> Path:
    for data in ("pre.sav", "post.sav"):
        shutil.copy(DEMO / data, tmp_path / data)
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / name


@pytest.mark.parametrize(("language", "args", "expected"), [
    ("", [], "Fout: logo.png: logobestand niet gevonden (report.logos in study.toml). "
             "Controleer het pad; paden in een config gaan uit van de map van het "
             "config-bestand.\n"),
    ('language = "en"\n', [],
     "Error: logo.png: logo file not found (report.logos in study.toml). Check the path; paths "
     "in a config are relative to the config file.\n"),
    ('language = "en"\n', ["--lang", "nl"],
     "Fout: logo.png: logobestand niet gevonden (report.logos in study.toml). Controleer het "
     "pad; paden in een config gaan uit van de map van het config-bestand.\n"),
])
def test_a_missing_logo_in_the_language_of_the_run(run_cli, tmp_path, language, args,
                                                    expected):
    """After the config is read its study.language is the run's (--lang wins)."""
    _study(tmp_path, SCALES.format(language=language) + DATA + '[report]\nlogos = ["logo.png"]\n')
    result = run_cli("factsheet", "--config", "study.toml", "--out", "out", *args)
    assert result.exit_code == 66
    assert result.stderr == expected
    assert not (tmp_path / "out").exists()


def test_a_logo_that_is_not_an_image(run_cli, tmp_path):
    _study(tmp_path, SCALES.format(language="") + DATA + '[report]\nlogos = ["logo.svg"]\n')
    (tmp_path / "logo.svg").write_text("<svg/>", encoding="utf-8")
    result = run_cli("factsheet", "--config", "study.toml", "--out", "out")
    assert result.stderr == ("Fout: logo.svg: report.logos neemt alleen PNG- en JPEG-bestanden; "
                             "zet dit logo om naar PNG.\n")
    result = run_cli("factsheet", "--config", "study.toml", "--out", "out", "--lang", "en")
    assert result.stderr == ("Error: logo.svg: report.logos takes PNG or JPEG files; convert "
                             "this logo to PNG.\n")


def test_data_problems_of_the_config_in_dutch(run_cli, tmp_path):
    _study(tmp_path, SCALES.format(language="") + '[data]\npre = "pre.sav"\nsurvey = "s.csv"\n')
    result = run_cli("factsheet", "--config", "study.toml", "--out", "out")
    assert result.exit_code == 78
    assert result.stderr == (
        "Fout: study.toml heeft 2 problemen:\n"
        "  - [data] heeft pre maar geen post: een vergelijking vraagt om beide bestanden\n"
        "  - [data] noemt enquêtedata, maar de config heeft geen [correlations]- of "
        "[regression.NAME]-sectie: voeg er een toe, zie configs/teams.toml\n")
    _study(tmp_path, '[study]\nname = "x"\n')
    result = run_cli("factsheet", "--config", "study.toml", "--out", "out")
    assert result.stderr == ("Fout: study.toml: de config noemt geen analyses: voeg "
                             "[scales.NAME]-tabellen en/of een [vignette]-sectie toe\n")
    result = run_cli("factsheet", "--config", "study.toml", "--out", "out", "--lang", "en")
    assert result.stderr == ("Error: study.toml: the config defines no analyses: add "
                             "[scales.NAME] tables and/or a [vignette] section\n")


def test_a_missing_data_file_and_sheet_without_a_workbook(run_cli, tmp_path):
    _study(tmp_path, SCALES.format(language="") + DATA.replace("post.sav", "nope.sav"))
    result = run_cli("factsheet", "--config", "study.toml", "--out", "out")
    assert result.exit_code == 66
    assert result.stderr == (
        "Fout: nope.sav: bestand niet gevonden (genoemd in study.toml). Controleer het pad; "
        "paden in een config gaan uit van de map van het config-bestand.\n")
    _study(tmp_path, SCALES.format(language="") + DATA)
    result = run_cli("factsheet", "--config", "study.toml", "--sheet", "2", "--out", "out")
    assert result.exit_code == 2
    assert result.stderr == (
        "Fout: --sheet 2: geen van de databestanden (pre.sav, post.sav) is een Excel-werkmap "
        "(.xlsx); --sheet kiest een werkblad van een werkmap.\n")


def test_pdf_without_chromium_in_english(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    _study(tmp_path, SCALES.format(language="") + DATA)
    result = run_cli("factsheet", "--config", "study.toml", "--out", "out", "--pdf",
                     "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --pdf needs headless Chromium to print the HTML to PDF, and none was found on "
        "PATH (looked for chromium, chromium-browser, google-chrome, google-chrome-stable). "
        "Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or leave out --pdf; "
        "factsheet.html prints to the same PDF from any browser.\n")


def test_a_regression_too_small_to_publish(run_cli, tmp_path):
    (tmp_path / "s.csv").write_text("id,y,x\n1,2,3\n2,3,4\n3,5,4\n4,4,2\n", encoding="utf-8")
    (tmp_path / "s.toml").write_text('[study]\nname = "s"\n[data]\nsurvey = "s.csv"\n'
                                     '[regression.m]\noutcome = "y"\npredictors = ["x"]\n',
                                     encoding="utf-8")
    result = run_cli("factsheet", "--config", "s.toml", "--out", "out")
    assert result.exit_code == 65
    assert result.stderr == ("Fout: regressie m: minder dan 5 respondenten met elke variabele; "
                             "de regressie kan niet worden gepubliceerd.\n")
    result = run_cli("factsheet", "--config", "s.toml", "--out", "out", "--lang", "en")
    assert result.stderr == ("Error: regression m: fewer than 5 respondents with every "
                             "variable; it cannot be published.\n")
    assert not (tmp_path / "out").exists()

