"""``maatwerk-stats compare --model mixed`` on the command line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .test_cli_compare import DEMO, GEWOGEN, assert_clean_failure

ROOT = Path(__file__).resolve().parents[2]

MIXED_CONTRACT = ["variable", "site", "contrast", "estimate", "std_error", "df", "p_value",
                  "conf_low", "conf_high", "p_adjusted", "n_respondents", "n_observations"]


def test_paired_demo_mixed(run_cli, tmp_path):
    result = run_cli("compare", DEMO / "gewogen_maatwerk.sav", "--config", GEWOGEN,
                     "--model", "mixed", "--no-figures", "--out", "out")
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "out"
    mixed = pd.read_csv(out / "compare_mixed.csv")
    assert list(mixed.columns[:len(MIXED_CONTRACT)]) == MIXED_CONTRACT
    assert set(mixed["site"]) == {"all", "Amersfoort", "Den Haag"}  # groups.site
    assert set(mixed["contrast"]) == {"na - voor"}
    scales = pd.read_csv(out / "compare_scales.csv")
    # every respondent with a score: more than the complete pairs
    overall = mixed[mixed["site"] == "all"]
    assert (overall["n_respondents"].to_numpy() > scales["n_pairs"].to_numpy()).all()
    attrition = pd.read_csv(out / "compare_attrition.csv")
    assert list(attrition["variable"]) == list(scales["variable"])
    assert "Gemengd model met alle respondenten" in result.stdout
    assert "één keer gemeten; bij 'Vóór' verschillen de" in result.stderr  # its label
    # subscales indented under their scale in the mixed-model and per-site tables too
    mixed_text = result.stdout.split("Gemengd model met alle respondenten")[1]
    sites_text = mixed_text.split("Verandering per locatie")[1].split("Samenvatting")[0]
    for text in (mixed_text.split("Verandering per locatie")[0], sites_text):
        lines = [line for line in text.splitlines() if "Descriptieve norm" in line]
        assert lines and all(line.startswith("  · Descriptieve norm") for line in lines)
        assert any(line.startswith("Subjectieve norm ") for line in text.splitlines())
    # the pooled rows read "alle" in Dutch (the CSV keeps the key "all")
    pooled = [line for line in mixed_text.split("Verandering per locatie")[0].splitlines()
              if line.startswith("Subjectieve norm ")]
    assert any(" alle " in line for line in pooled)
    assert not any(" all " in line for line in pooled)


def test_mixed_for_independent_groups_is_refused(run_cli, tmp_path):
    result = run_cli("compare", DEMO / "vragenlijst.csv", "--config",
                     ROOT / "configs" / "leeratelier.toml", "--model", "mixed", "--out", "out")
    assert_clean_failure(result, 65, "Fout: --model mixed volgt dezelfde personen in de tijd: "
                         "daarvoor zijn gepaarde data nodig; voeg --paired --id COLUMN toe (of "
                         "paired = true en id onder [groups] in de config).", tmp_path)
    english = run_cli("compare", DEMO / "vragenlijst.csv", "--config",
                      ROOT / "configs" / "leeratelier.toml", "--model", "mixed", "--out", "out",
                      "--lang", "en")
    assert_clean_failure(english, 65, "Error: --model mixed follows the same people over time: "
                         "it needs paired data; add --paired --id COLUMN", tmp_path)


def test_three_files_pre_post_followup(run_cli, tmp_path):
    data = pd.read_csv(ROOT / "tests" / "reference" / "data" / "orthodont_thinned.csv")
    paths = []
    for age in (8, 12, 14):
        path = tmp_path / f"age{age}.csv"
        data[data["age"] == age].drop(columns="age").to_csv(path, index=False)
        paths.append(path)
    result = run_cli("compare", *paths, "--config", ROOT / "tests" / "reference" /
                     "orthodont.toml", "--paired", "--id", "subject", "--out", "out")
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "out"
    mixed = pd.read_csv(out / "compare_mixed.csv")
    assert list(mixed["contrast"]) == ["age12 - age8", "age14 - age8", "age14 - age12"]
    means = pd.read_csv(out / "compare_mixed_means.csv")
    assert list(means["group"]) == ["age8", "age12", "age14"]
    assert {"compare_mixed_means.png", "compare_mixed_means.svg"} <= {
        p.name for p in (out / "figures").iterdir()}
    assert "3 metingen: alle paarsgewijze veranderingen komen uit het gemengde model" \
        in result.stderr


def test_site_paired_and_independent(run_cli, tmp_path):
    data = ROOT / "tests" / "reference" / "data" / "orthodont_thinned.csv"
    config = ROOT / "tests" / "reference" / "orthodont.toml"
    result = run_cli("compare", data, "--config", config, "--site", "sex", "--no-figures",
                     "--out", "paired")
    assert result.exit_code == 0, result.stderr
    interaction = pd.read_csv(tmp_path / "paired" / "compare_site_interaction.csv")
    assert list(interaction.columns[:7]) == ["variable", "site", "contrast", "estimate",
                                             "std_error", "df", "p_value"]
    assert set(interaction["site"]) == {"Male"}  # the change in Male minus that in Female
    mixed = pd.read_csv(tmp_path / "paired" / "compare_mixed.csv")
    assert list(dict.fromkeys(mixed["site"])) == ["all", "Female", "Male"]
    assert "Verandering per locatie" in result.stdout
    result = run_cli("compare", data, "--config", config, "--site", "sex", "--independent",
                     "--group-order", "8,14", "--no-figures", "--out", "independent")
    assert result.exit_code == 0, result.stderr
    sites = pd.read_csv(tmp_path / "independent" / "compare_sites.csv")
    assert list(sites["site"]) == ["Female", "Male"]
    assert sites["hedges_g"].notna().all()
    assert not (tmp_path / "independent" / "compare_mixed.csv").exists()
