"""``maatwerk-stats factsheet --pdf``: the HTML printed to PDF by headless Chromium, and a
clear error when Chromium is missing.

CI installs chromium and poppler-utils (.ci/run), so there the slow test must run: it is
skipped only outside CI when they are missing, and fails in CI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from maatwerk_stats.cli import app
from maatwerk_stats.errors import ExitStatus
from maatwerk_stats.publish.pdf import ENGINES

from ..conftest import CONFIG


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def need(*programs: str) -> None:
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs {', '.join(missing)} for this test (.ci/run installs them)")
        pytest.skip(f"needs {', '.join(missing)}")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pdf_is_the_printed_html_with_embedded_fonts(tmp_path, lang):
    need("chromium", "pdfinfo", "pdffonts", "pdftotext")
    out = tmp_path / "out"
    result = run("factsheet", "--config", CONFIG, "--out", out, "--pdf", "--lang", lang, "-q")
    assert result.exit_code == 0, result.output
    pdf = out / "factsheet.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    assert re.search(r"^Pages:\s+2$", info, re.M), info  # like the published factsheet
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    assert (round(float(size.group(1))), round(float(size.group(2)))) == (595, 842)  # A4
    assert re.search(r"^Title:\s+Factsheet", info, re.M), info
    assert re.search(r"^Tagged:\s+yes", info, re.M), info
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # emb yes
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    heading = {"nl": "Bevindingen vignetstudie", "en": "Vignette study findings"}[lang]
    assert heading in text and ("4,20" if lang == "nl" else "4.20") in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging left behind


@pytest.mark.slow
def test_same_input_gives_a_byte_identical_pdf(tmp_path, monkeypatch):
    """Chromium dates the PDF now; the dates are set to SOURCE_DATE_EPOCH, so two runs
    (seconds apart) give the same bytes, and pdfinfo reads the epoch's date."""
    need("chromium", "pdfinfo")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    monkeypatch.setenv("TZ", "UTC")
    made = []
    for run_number in (1, 2):
        out = tmp_path / f"out{run_number}"
        result = run("factsheet", "--config", CONFIG, "--out", out, "--pdf", "-q")
        assert result.exit_code == 0, result.output
        made.append((out / "factsheet.pdf").read_bytes())
    assert made[0] == made[1]
    assert b"/CreationDate (D:20231114221320+00'00')" in made[0]
    info = subprocess.run(["pdfinfo", str(tmp_path / "out1" / "factsheet.pdf")], check=True,
                          capture_output=True, text=True).stdout
    assert re.search(r"^CreationDate:\s+Tue Nov 14 22:13:20 2023", info, re.M), info
    assert re.search(r"^Pages:\s+2$", info, re.M), info  # the replacement kept the file valid


def test_missing_engine_is_one_clear_error_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no chromium on PATH
    out = tmp_path / "out"
    result = run("factsheet", "--config", CONFIG, "--out", out, "--pdf")
    assert result.exit_code == ExitStatus.USAGE, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Fout: --pdf heeft headless Chromium nodig")
    assert "apt-get install chromium" in lines[0] and "laat --pdf weg" in lines[0]
    assert all(name in lines[0] for name in ENGINES)
    assert "Traceback" not in result.output
    assert not out.exists()


def test_without_pdf_no_pdf_and_no_engine_needed(tmp_path, monkeypatch):
    """--pdf is optional: without it Chromium is never looked for."""
    import maatwerk_stats.publish.pdf as pdf

    def fail() -> str:
        raise AssertionError("looked for Chromium without --pdf")

    monkeypatch.setattr(pdf, "find_engine", fail)
    out = tmp_path / "out"
    result = run("factsheet", "--config", CONFIG, "--out", out, "-q")
    assert result.exit_code == 0, result.output
    assert not (out / "factsheet.pdf").exists()
