"""The factsheet's interviews section: the paired demo (configs/gewogen_maatwerk.toml) points
to the synthetic interviews, so its factsheet shows the enabling and hindering factors beside
the pre/post results (TNO's layout, seed 004), in Dutch and English."""

from __future__ import annotations

import io
import re
import zipfile
from html import unescape
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maatwerk_stats.cli import app

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "configs" / "gewogen_maatwerk.toml"


def factsheet(tmp_path_factory, lang: str) -> Path:
    out = tmp_path_factory.mktemp(f"interviews_{lang}") / "out"
    result = CliRunner().invoke(app, ["factsheet", "--config", str(CONFIG), "--out", str(out),
                                      "--lang", lang, "-q"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def dutch(tmp_path_factory) -> Path:
    return factsheet(tmp_path_factory, "nl")


@pytest.fixture(scope="module")
def english(tmp_path_factory) -> Path:
    return factsheet(tmp_path_factory, "en")


def text_of(out: Path) -> str:
    html = (out / "factsheet.html").read_text(encoding="utf-8")
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_dutch_interviews_section(dutch):
    text = text_of(dutch)
    assert "Interviews: bevorderende en belemmerende factoren" in text
    assert ("Uit 16 gecodeerde interviews komen 31 factoren naar voren, ingedeeld naar domein "
            "en naar richting: bevorderend of belemmerend.") in text
    assert ("Organisatorische factoren kwamen het vaakst ter sprake: 117 fragmenten in 16 "
            "interviews.") in text
    assert ("Meest genoemd (belemmerend): Werkdruk en tekort (organisatorische factoren), in 12 "
            "interviews.") in text
    assert ("Organisatorische factoren Werkdruk en tekort (12); Cultuur van rechtmatigheid (7); "
            "Samenwerking (6); en 3 meer") in text
    assert "Organisatorische factoren Belemmerend 6 16 49" in text
    assert "— R2 · Werkdruk en tekort (belemmerend)" in text
    assert ("Geteld per factor: een interview of fragment telt één keer, ook als het bij meer "
            "codes van die factor is gecodeerd.") in text
    # still the paired survey beside it
    assert "Hiervoor zijn dezelfde 57 professionals vóór en na ondervraagd" in text


def test_english_interviews_section(english):
    text = text_of(english)
    assert "Interviews: enabling and hindering factors" in text
    assert "16 coded interviews bring up 31 factors" in text
    assert "Domain Hindering Enabling" in text
    assert "Mentioned most (enabling): Steun management (organisatorische factoren)" in text


def test_tables_figure_and_docx(dutch):
    for name in ("codes", "codes_matrix", "codes_factors", "codes_quotes", "codes_domains",
                 "codes_participants"):
        assert (dutch / "tables" / f"{name}.csv").is_file(), name
    assert (dutch / "figures" / "codes_tree.png").is_file()
    document = zipfile.ZipFile(io.BytesIO((dutch / "factsheet.docx").read_bytes()))
    body = document.read("word/document.xml").decode("utf-8")
    assert "Interviews: bevorderende en belemmerende factoren" in body
    assert "Werkdruk en tekort" in body


def test_no_document_titles_or_names_published(dutch):
    for path in dutch.rglob("*"):
        if path.suffix in (".csv", ".json", ".html"):
            text = path.read_text(encoding="utf-8")
            for secret in ("Sanne", "Interview 01", "Deelnemer 01", "Synthetisch interview"):
                assert secret not in text, (path.name, secret)
