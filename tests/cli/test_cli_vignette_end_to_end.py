"""The README's end-to-end vignette study: a config with only factors (and where the data
will be) → design (deck, sets, order) → power curve → data collected in that order →
vignette analysis → factsheet."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

PLAN = """\
[study]
name = "plan"
title = "Vignetstudie maatwerk"

[vignette]
id = "respondent"
outcome = "oordeel"
outcome_range = [1, 10]
vignette = "vignette"
position = "positie"
deck = "design/deck.csv"

[vignette.factors.reputatie]
levels = ["niet_succesvol", "succesvol"]
[vignette.factors.hulpbehoevendheid]
levels = ["goed_ter_been", "slecht_ter_been"]
[vignette.factors.capaciteiten]
levels = ["slecht_voorbereid", "goed_voorbereid"]

[data]
vignette = "oordelen.csv"

[report]
per_vignette = true               # the factsheet also shows the per-vignette figure
"""


@pytest.mark.slow
def test_from_factors_to_deck_power_curve_analysis_and_factsheet(run_cli, tmp_path):
    (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
    # 1. the deck: 8 vignettes + a repeat, a random order for 60 professionals
    result = run_cli("design", "--config", "plan.toml", "--repeat", "--respondents", "60",
                     "--out", "design")
    assert result.exit_code == 0, result.stderr
    order = pd.read_csv(tmp_path / "design" / "design_order.csv")
    assert order["respondent"].nunique() == 60 and len(order) == 60 * 9
    # 2. how many to recruit
    result = run_cli("power", "vignette", "--config", "plan.toml", "--design", "design",
                     "--respondents", "20:80:20", "--effect", "hulpbehoevendheid=1",
                     "--effect", "reputatie=0.4", "--icc", "0.3", "--sd", "2",
                     "--simulations", "300", "--out", "power")
    assert result.exit_code == 0, result.stderr
    power = pd.read_csv(tmp_path / "power" / "power.csv")
    reputatie = power[power["term"] == "reputatie[succesvol]"].set_index("n_respondents")
    assert reputatie["power"].loc[80] > reputatie["power"].loc[20]
    assert (tmp_path / "power" / "figures" / "power_curve.png").is_file()
    needed = pd.read_csv(tmp_path / "power" / "power_needed.csv").set_index("term")
    recruit = int(needed.loc["hulpbehoevendheid[slecht_ter_been]", "n_respondents"])
    assert (f"Voor 80 % power op hulpbehoevendheid[slecht_ter_been] (effect 1,000): werf "
            f"{recruit} respondenten") in result.stdout
    # 3. the ratings, collected in design_order.csv's order
    deck = pd.read_csv(tmp_path / "design" / "deck.csv")
    rows = order.merge(deck, on="vignette")
    rng = np.random.default_rng(1)
    rating = (5 + 0.4 * (rows["reputatie"] == "succesvol")
              + 1.0 * (rows["hulpbehoevendheid"] == "slecht_ter_been")
              + rng.normal(0, 1.1, 61)[rows["respondent"]] + rng.normal(0, 1.7, len(rows)))
    rows["oordeel"] = np.clip(np.round(rating), 1, 10).astype(int)
    rows = rows.rename(columns={"position": "positie"})
    rows[["respondent", "vignette", "positie", "oordeel"]].to_csv(tmp_path / "oordelen.csv",
                                                                  index=False)
    # 4. the analysis
    result = run_cli("vignette", "oordelen.csv", "--config", "plan.toml", "--out", "analysis",
                     "--no-figures")
    assert result.exit_code == 0, result.stderr
    coefficients = pd.read_csv(tmp_path / "analysis" / "vignette_coefficients.csv")
    mixed = coefficients[coefficients["model"] == "mixed"].set_index("term")
    assert mixed.loc["hulpbehoevendheid[slecht_ter_been]", "p_value"] < 0.001
    checks = pd.read_csv(tmp_path / "analysis" / "vignette_design.csv")
    repeated = checks[(checks["check"] == "repeated_vignettes") & (checks["group"] == "all")]
    assert repeated["value"].iloc[0] == 60  # everyone rated their set's repeat
    # 5. the factsheet
    result = run_cli("factsheet", "--config", "plan.toml", "--out", "factsheet")
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "factsheet" / "factsheet.html").read_text(encoding="utf-8")
    assert "Hulpbehoevendheid" in html
    assert ("Opzet: 3 kenmerken met 2 × 2 × 2 niveaus (8 mogelijke combinaties); de "
            "professionals beoordeelden 9 vignetten (8 verschillende combinaties: een volledig "
            "factorieel ontwerp), 9 per persoon.") in html
    assert (tmp_path / "factsheet" / "figures" / "vignette_per_vignette.png").is_file()
    assert html.count("data:image/png") == 2  # the coefficients and the per-vignette figure
    assert ("<figcaption>Oordeel per vignet: verschil met het gemiddelde van alle vignetten, "
            "in punten, met 95%-betrouwbaarheidsinterval</figcaption>") in html
