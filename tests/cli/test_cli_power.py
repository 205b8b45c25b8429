"""``maatwerk-stats power compare`` (and ``power vignette``) end to end: files, terminal,
messages for impossible inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd


def test_power_compare_solves_n_like_power_t_test(run_cli, tmp_path):
    result = run_cli("power", "compare", "--delta", "0.5", "--power", "0.8", "--out", "out")
    assert result.exit_code == 0, result.stderr
    assert "Nodig: n = 63,77, afgerond 64 (per groep of paren)." in result.stdout
    table = pd.read_csv(tmp_path / "out" / "power.csv")
    assert table.loc[0, "n_respondents"] == 64 and table.loc[0, "solved_for"] == "n"
    record = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert record["provenance"]["command"] == "power compare"
    assert record["provenance"]["options"]["delta"] == 0.5


def test_power_compare_curve_and_csv_format(run_cli):
    result = run_cli("power", "compare", "--type", "paired", "--n", "10:30:10", "--delta",
                     "0.4", "--format", "csv", "--out", "out")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("term,effect,n_respondents,n_per_respondent,power")
    assert len(lines) == 4


def test_power_compare_impossible_inputs(run_cli, tmp_path):
    result = run_cli("power", "compare", "--n", "0", "--delta", "0.5", "--out", "out")
    assert result.exit_code == 2
    assert result.stderr == ("Fout: --n 0: een t-toets heeft minstens 2 respondenten per groep "
                             "nodig.\n")
    result = run_cli("power", "compare", "--n", "0", "--delta", "0.5", "--out", "out",
                     "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("Error: --n 0: a t-test needs at least 2 respondents per "
                                     "group.")
    result = run_cli("power", "compare", "--delta", "0.5", "--out", "out")
    assert result.exit_code == 2
    assert result.stderr == (
        "Fout: geef precies twee van --n, --delta en --power: de derde wordt berekend (power "
        "uit n en delta, n uit delta en power, de aantoonbare delta uit n en power).\n")
    result = run_cli("power", "compare", "--delta", "0.5", "--out", "out", "--lang", "en")
    assert "Error: give exactly two of --n, --delta and --power" in result.stderr
    result = run_cli("power", "compare", "--n", "veel", "--delta", "0.5", "--out", "out")
    assert result.stderr == ("Fout: --n veel: geef een getal, een lijst (20,40,60) of een "
                             "reeks start:stop:stap (20:100:10).\n")
    result = run_cli("power", "compare", "--n", "veel", "--delta", "0.5", "--out", "out",
                     "--lang", "en")
    assert "--n veel: give a number, a list (20,40,60) or a range" in result.stderr
    result = run_cli("power", "compare", "--n", "50", "--power", "1.5", "--out", "out")
    assert result.exit_code == 2
    assert result.stderr == ("Fout: --power 1.5 moet tussen 0,05 en 1 liggen (de grenzen zelf "
                             "niet).\n")
    # an impossible target: no sample size reaches 80% power for a difference this small
    result = run_cli("power", "compare", "--delta", "0.0000001", "--power", "0.8", "--out",
                     "out")
    assert result.exit_code == 2
    assert result.stderr == ("Fout: geen steekproefomvang haalt die power: controleer --delta "
                             "en --power.\n")
    result = run_cli("power", "compare", "--delta", "0.0000001", "--power", "0.8", "--out",
                     "out", "--lang", "en")
    assert result.stderr == ("Error: no sample size reaches that power: check --delta and "
                             "--power.\n")
    assert not (tmp_path / "out").exists()


PLAN = """\
[vignette]
group_order = ["voor", "na"]
[vignette.factors.reputatie]
levels = ["niet_succesvol", "succesvol"]
[vignette.factors.hulp]
levels = ["goed", "slecht"]
[vignette.factors.capaciteiten]
levels = ["slecht", "matig", "goed"]
"""


def test_design_then_power_vignette_over_a_range_with_a_figure(run_cli, tmp_path):
    (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
    result = run_cli("design", "--config", "plan.toml", "-k", "6", "--out", "design")
    assert result.exit_code == 0, result.stderr
    result = run_cli("power", "vignette", "--config", "plan.toml", "--design", "design",
                     "--respondents", "10:30:10", "--effect", "hulp=1", "--effect",
                     "capaciteiten[goed]=0.5", "--interaction", "reputatie=0.6", "--icc",
                     "0.3", "--sd", "1.5", "--simulations", "200", "--out", "power")
    assert result.exit_code == 0, result.stderr
    assert "Power per term (simulatie, gemengd model)" in result.stdout
    table = pd.read_csv(tmp_path / "power" / "power.csv")
    assert list(table.columns[:8]) == ["term", "effect", "n_respondents", "n_per_respondent",
                                       "power", "conf_low", "conf_high", "n_simulations"]
    assert sorted(table["n_respondents"].unique()) == [10, 20, 30]
    assert (table["n_per_respondent"] == 6).all()  # one set of 6 per respondent
    terms = set(table["term"])
    assert {"hulp[slecht]", "capaciteiten[goed]", "group[na]",
            "group[na]:reputatie[succesvol]"} <= terms
    row = table[(table["term"] == "hulp[slecht]") & (table["n_respondents"] == 30)].iloc[0]
    assert row["effect"] == 1.0 and row["power"] > 0.9 and row["group"] == "voor"
    for name in ("figures/power_curve.png", "figures/power_curve.svg", "results.json"):
        assert (tmp_path / "power" / name).is_file()
    needed = pd.read_csv(tmp_path / "power" / "power_needed.csv").set_index("term")
    assert list(needed.columns[:5]) == ["effect", "group", "target_power", "reached",
                                        "n_respondents"]
    hulp = needed.loc["hulp[slecht]"]
    assert hulp["reached"] and hulp["target_power"] == 0.8
    n = int(hulp["n_respondents"])
    assert (f"Voor 80 % power op hulp[slecht] (effect 1,000): werf {n} respondenten"
            in result.stdout)
    assert "(Aantallen per groep.)" in result.stdout
    record = json.loads((tmp_path / "power" / "results.json").read_text(encoding="utf-8"))
    assert {Path(i["path"]).name for i in record["provenance"]["inputs"]} == {
        "plan.toml", "deck.csv", "design_sets.csv"}


def test_power_vignette_impossible_inputs(run_cli, tmp_path):
    (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
    base = ["power", "vignette", "--config", "plan.toml", "--effect", "hulp=1", "--out", "o"]
    result = run_cli(*base, "--respondents", "40", "--icc", "1")
    assert result.exit_code == 2
    assert result.stderr == ("Fout: --icc 1.0: de ICC (het deel van de variantie van de "
                             "oordelen tussen respondenten) moet minstens 0 en kleiner dan 1 "
                             "zijn.\n")
    result = run_cli(*base, "--respondents", "0", "--icc", "0.3")
    assert result.exit_code == 2
    assert result.stderr == "Fout: --respondents 0: geef minstens 2 respondenten (per groep).\n"
    result = run_cli(*base, "--respondents", "20", "--icc", "0.3", "--effect", "hulp")
    assert "--effect 'hulp': schrijf FACTOR=EFFECT in punten van de beoordeling" in result.stderr
    result = run_cli(*base, "--respondents", "20", "--icc", "0.3", "--effect", "capaciteiten=1")
    assert "'capaciteiten' heeft 2 niveaus naast het referentieniveau 'slecht'" in result.stderr
    assert not (tmp_path / "o").exists()


def test_power_vignette_names_a_deck_level_or_set_vignette_it_does_not_know(run_cli, tmp_path):
    (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
    assert run_cli("design", "--config", "plan.toml", "-k", "6", "--out", "d").exit_code == 0
    base = ["power", "vignette", "--config", "plan.toml", "--respondents", "20", "--icc",
            "0.3", "--simulations", "20", "--out", "o"]
    sets = tmp_path / "d" / "design_sets.csv"
    sets.write_text(sets.read_text(encoding="utf-8") + "3,1,99\n", encoding="utf-8")
    result = run_cli(*base, "--design", "d")
    assert result.exit_code == 65
    assert "vignet '99' staat niet in het deck" in result.stderr
    deck = tmp_path / "d" / "deck.csv"
    deck.write_text(deck.read_text(encoding="utf-8").replace("goed,", "heel_goed,", 1),
                    encoding="utf-8")
    result = run_cli(*base, "--deck", "d/deck.csv")
    assert result.exit_code == 65
    assert "factor 'hulp' heeft de niveau(s) 'heel_goed' die niet in de config staan" in (
        result.stderr)


def test_power_vignette_messages_in_english_and_dutch(run_cli, tmp_path):
    """The common planning mistakes: the exact Dutch line (the default) and the English one."""
    (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
    base = ["power", "vignette", "--config", "plan.toml", "--out", "o"]
    cases = [
        (["--respondents", "40", "--icc", "1", "--effect", "hulp=1"],
         "Fout: --icc 1.0: de ICC (het deel van de variantie van de oordelen tussen "
         "respondenten) moet minstens 0 en kleiner dan 1 zijn.",
         "Error: --icc 1.0: the ICC (share of the rating variance between respondents) must "
         "be at least 0 and below 1."),
        (["--respondents", "20", "--icc", "0.3", "--effect", "capaciteiten=1"],
         "Fout: --effect capaciteiten=1: 'capaciteiten' heeft 2 niveaus naast het "
         "referentieniveau 'slecht'; noem het niveau, bijvoorbeeld --effect "
         "capaciteiten[matig]=1.",
         "Error: --effect capaciteiten=1: 'capaciteiten' has 2 levels besides its reference "
         "'slecht'; name the level, e.g. --effect capaciteiten[matig]=1."),
        (["--respondents", "20", "--icc", "0.3", "--effect", "leeftijd=1"],
         "Fout: --effect leeftijd=1: 'leeftijd' is geen factor; de factoren zijn 'reputatie', "
         "'hulp', 'capaciteiten'.",
         "Error: --effect leeftijd=1: 'leeftijd' is not a factor; the factors are 'reputatie', "
         "'hulp', 'capaciteiten'."),
        (["--respondents", "20", "--icc", "0.3", "--effect", "hulp=1", "--simulations", "5"],
         "Fout: --simulations 5: gebruik minstens 10 gesimuleerde studies (met 1.000 ligt de "
         "power op ongeveer ±3 procentpunt vast).",
         "Error: --simulations 5: use at least 10 simulated studies (1,000 give power to "
         "about ±3 percentage points)."),
        (["--respondents", "20", "--effect", "hulp=1"],
         "Fout: geef de variantiecomponenten: --icc (en --sd, standaard 1) of "
         "--var-respondent en --var-residual.",
         "Error: give the variance components: --icc (and --sd, default 1) or "
         "--var-respondent and --var-residual."),
        (["--respondents", "1000000000", "--icc", "0.3", "--effect", "hulp=1"],
         "Fout: --respondents 1000000000: één gesimuleerde studie zou 12.000.000.000 oordelen "
         "bevatten, meer dan de 50.000 die in het geheugen passen; plan minder respondenten "
         "(boven een paar honderd verandert de power zelden).",
         "Error: --respondents 1000000000: one simulated study would hold 12,000,000,000 "
         "ratings, more than the 50,000 a simulation can fit in memory; plan fewer "
         "respondents (power rarely changes beyond a few hundred)."),
    ]
    for args, dutch, english in cases:
        result = run_cli(*base, *args)
        assert result.exit_code == 2, result.stderr
        assert result.stderr == dutch + "\n"
        result = run_cli(*base, *args, "--lang", "en")
        assert result.exit_code == 2, result.stderr
        assert result.stderr == english + "\n"
    assert not (tmp_path / "o").exists()
