"""The factsheet of the demo team survey (configs/teams.toml): the "professionals in teams"
section with the structure of seed 002's tables, and its small-team rule."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from maatwerk_stats.cli import app

from ..conftest import ROOT

CONFIG = ROOT / "configs" / "teams.toml"


@pytest.fixture(scope="module")
def factsheet(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("teams") / "fs"
    result = CliRunner().invoke(app, ["factsheet", "--config", str(CONFIG), "--out", str(out),
                                      "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def text_of(path: Path) -> str:
    page = re.sub(r"<style.*?</style>", "", path.read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_survey_section_has_the_seed_tables(factsheet: Path) -> None:
    text = " ".join(text_of(factsheet / "factsheet.html").split())
    assert "Professionals in teams" in text
    # M, SD and the lower triangle of correlations with stars (seed 002 reserve slides)
    assert "4. Maatwerk 961 3,30 0,61 −,27*** ,19*** ,14***" in text
    assert "6. Geslacht (0 = man, 1 = vrouw) 965 0,88 0,32" in text
    # B, SE, t, p, β of the multilevel model
    assert "Term B SE t p β" in text
    assert "Steun van de teamleider × Veilig teamklimaat 0,197 0,044 4,52 < 0,001 0,13" in text
    assert "hangt af van veilig teamklimaat (p < 0,001)" in text
    assert "Van de verschillen in maatwerk ligt 12% tussen teams" in text
    for name in ("correlations", "team_agreement", "team_means", "regression_coefficients",
                 "regression_fit", "regression_simple_slopes"):
        assert (factsheet / "tables" / f"{name}.csv").exists(), name
    assert (factsheet / "factsheet.docx").stat().st_size > 50_000


def test_small_teams_are_not_published(factsheet: Path) -> None:
    means = pd.read_csv(factsheet / "tables" / "team_means.csv")
    small = means[means["n"] < 5]
    assert len(small) and small[["mean", "sd", "rwg_j"]].isna().all().all()
    assert small["suppressed"].all()
    assert "Teams met minder dan 5 leden zijn niet getoond" in text_of(
        factsheet / "factsheet.html")
