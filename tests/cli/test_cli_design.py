"""``maatwerk-stats design`` end to end: the files, byte-for-byte reproducibility, the deck
read back by ``vignette --deck``, the texts as DOCX, and the messages for what cannot be
designed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

CONFIG = """\
[study]
name = "plan"
title = "Mijn vignetstudie"

[vignette]
id = "respondent"
outcome = "oordeel"
vignette = "vignette"
position = "positie"
deck = "out/deck.csv"
template = \"\"\"Een cliënt komt op gesprek. [informatie over reputatie]

Hij is [hulp]. [capaciteiten]\"\"\"

[vignette.factors.reputatie]
levels = ["laag", "midden", "hoog"]
slot = "informatie over reputatie"
texts = ["Zijn schuldhulp liep slecht af.", "Zijn schuldhulp liep half af.",
         "Zijn schuldhulp liep goed af."]

[vignette.factors.hulp]
levels = ["goed_ter_been", "slecht_ter_been"]
level_labels = ["goed ter been", "slecht ter been"]

[vignette.factors.capaciteiten]
levels = ["slecht", "goed"]
texts = ["Hij kwam slecht voorbereid.", "Hij kwam goed voorbereid."]
"""
FILES = ["deck.csv", "design_sets.csv", "design_efficiency.csv", "design_order.csv",
         "design_texts.csv", "design_texts.docx", "results.json"]


def config(tmp_path: Path, text: str = CONFIG) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    return path


def hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()
            if p.is_file() and not p.name.startswith(".")}


def test_design_writes_every_file_and_prints_a_summary(run_cli, tmp_path):
    result = run_cli("design", "--config", config(tmp_path), "-k", "6", "--repeat",
                     "--respondents", "20", "--out", "out")
    assert result.exit_code == 0, result.stderr
    assert "Deck: 12 van 12 mogelijke vignetten, 2 set(s) van 7 vignetten" in result.stdout
    assert "D-efficiëntie 1,000" in result.stdout
    for name in FILES:
        assert (tmp_path / "out" / name).is_file(), name
    deck = pd.read_csv(tmp_path / "out" / "deck.csv")
    assert list(deck.columns) == ["vignette", "reputatie", "hulp", "capaciteiten"]
    assert len(deck) == 12 + 2  # a repeat per set
    efficiency = pd.read_csv(tmp_path / "out" / "design_efficiency.csv")
    assert list(efficiency.columns[:5]) == ["n_vignettes", "n_sets", "d_efficiency",
                                            "max_abs_correlation", "aliased"]
    sets = pd.read_csv(tmp_path / "out" / "design_sets.csv")
    assert list(sets.columns) == ["set", "position", "vignette"]


def test_seeded_runs_are_byte_for_byte_reproducible(run_cli, tmp_path):
    path = config(tmp_path)
    for out in ("a", "b"):
        result = run_cli("design", "--config", path, "-k", "6", "--seed", "11", "--repeat",
                         "--respondents", "9", "--out", out)
        assert result.exit_code == 0, result.stderr
    first, second = hashes(tmp_path / "a"), hashes(tmp_path / "b")
    assert set(first) == set(FILES)
    assert first == second
    run_cli("design", "--config", path, "-k", "6", "--seed", "12", "--repeat",
            "--respondents", "9", "--out", "c")
    assert hashes(tmp_path / "c")["design_order.csv"] != first["design_order.csv"]


def test_the_texts_docx_holds_every_set_and_text(run_cli, tmp_path):
    from docx import Document

    result = run_cli("design", "--config", config(tmp_path), "-k", "6", "--out", "out")
    assert result.exit_code == 0, result.stderr
    texts = pd.read_csv(tmp_path / "out" / "design_texts.csv")
    paragraphs = [p.text for p in Document(str(tmp_path / "out" / "design_texts.docx")).paragraphs]
    assert "Set 1" in paragraphs and "Set 2" in paragraphs
    first = texts.iloc[0]
    assert f"1. Vignet {first['vignette']}" in paragraphs
    assert first["text"].split("\n\n")[0] in paragraphs
    assert "Hij is goed ter been." in " ".join(texts["text"]) or "Hij is slecht ter been." in (
        " ".join(texts["text"]))
    assert "[" not in " ".join(texts["text"])


def test_the_deck_is_read_back_by_vignette_and_every_effect_is_estimated(run_cli, tmp_path):
    """design → simulated ratings in design_order.csv's order → vignette --deck."""
    path = config(tmp_path)
    result = run_cli("design", "--config", path, "-k", "6", "--respondents", "40", "--out",
                     "out", "--seed", "4")
    assert result.exit_code == 0, result.stderr
    order = pd.read_csv(tmp_path / "out" / "design_order.csv")
    deck = pd.read_csv(tmp_path / "out" / "deck.csv")
    rows = order.merge(deck, on="vignette")
    rng = np.random.default_rng(8)
    person = rng.normal(0, 1, 41)[rows["respondent"]]
    rows["oordeel"] = (5 + 1.5 * (rows["reputatie"] == "hoog") + 0.8 * (rows["hulp"] ==
                       "slecht_ter_been") + person + rng.normal(0, 0.7, len(rows))).round(2)
    rows = rows.rename(columns={"position": "positie"})
    rows[["respondent", "vignette", "positie", "oordeel"]].to_csv(tmp_path / "ratings.csv",
                                                                  index=False)
    result = run_cli("vignette", tmp_path / "ratings.csv", "--config", path, "--out", "fit",
                     "--no-figures")
    assert result.exit_code == 0, result.stderr
    coefficients = pd.read_csv(tmp_path / "fit" / "vignette_coefficients.csv")
    mixed = coefficients[coefficients["model"] == "mixed"].set_index("term")
    assert set(mixed.index) == {"Intercept", "reputatie[midden]", "reputatie[hoog]",
                                "hulp[slecht_ter_been]", "capaciteiten[goed]"}
    assert mixed[["estimate", "std_error", "df"]].notna().all().all()
    assert abs(mixed.loc["reputatie[hoog]", "estimate"] - 1.5) < 0.4
    assert abs(mixed.loc["hulp[slecht_ter_been]", "estimate"] - 0.8) < 0.4


def test_what_cannot_be_designed_gets_one_message_and_no_output(run_cli, tmp_path):
    path = config(tmp_path)
    result = run_cli("design", "--config", path, "-k", "2", "--sets", "2", "--out", "out")
    assert result.exit_code == 65
    assert result.stderr == (
        "Fout: een deck van 4 verschillende vignetten is niet te schatten: de hoofdeffecten "
        "van de factoren hebben 5 parameters nodig (intercept + niveaus − 1 per factor). "
        "Verhoog --vignettes-per-respondent of --sets tot minstens 5 vignetten in totaal.\n")
    assert not (tmp_path / "out").exists()
    result = run_cli("design", "--config", path, "-k", "2", "--sets", "2", "--out", "out",
                     "--lang", "en")
    assert result.exit_code == 65
    assert result.stderr.startswith("Error: a deck of 4 distinct vignettes cannot be estimated")
    assert "Raise --vignettes-per-respondent or --sets" in result.stderr
    assert not (tmp_path / "out").exists()
    result = run_cli("design", "--config", path, "-k", "13", "--out", "out")
    assert result.exit_code == 2
    assert result.stderr == (
        "Fout: --vignettes-per-respondent 13 is meer dan de 12 verschillende vignetten die de "
        "factoren toelaten; gebruik er ten hoogste 12 (voeg een herhaling toe met "
        "--repeat).\n")
    result = run_cli("design", "--config", path, "-k", "13", "--out", "out", "--lang", "en")
    assert result.exit_code == 2
    assert "Error: --vignettes-per-respondent 13 is more than the 12 distinct" in result.stderr
    result = run_cli("design", "--config", path, "-k", "1", "--out", "out")
    assert result.exit_code == 2
    assert result.stderr == (
        "Fout: --vignettes-per-respondent 1: een set heeft minstens 2 vignetten nodig, anders "
        "kan geen factor binnen een respondent variëren.\n")
    result = run_cli("design", "--config", path, "-k", "4", "--sets", "4", "--out", "out")
    assert result.exit_code == 2
    assert result.stderr == (
        "Fout: --sets 4 × --vignettes-per-respondent 4 = 16 verschillende vignetten, maar de "
        "factoren laten er maar 12 toe; gebruik ten hoogste 3 sets van 4.\n")
    assert not (tmp_path / "out").exists()


def test_a_config_without_factors_and_a_bad_template(run_cli, tmp_path):
    bare = config(tmp_path, "[study]\nname = \"x\"\n")
    result = run_cli("design", "--config", bare, "--out", "out")
    assert result.exit_code == 78
    assert result.stderr == (
        f"Fout: {bare} heeft geen [vignette.factors]; geef elke factor met zijn niveaus, "
        "bijvoorbeeld [vignette.factors.reputatie] levels = [\"laag\", \"hoog\"]\n")
    result = run_cli("design", "--config", bare, "--out", "out", "--lang", "en")
    assert result.exit_code == 78
    assert result.stderr.startswith(f"Error: {bare} has no [vignette.factors]")
    bad = config(tmp_path, CONFIG.replace("[hulp]", "[hulpbehoevendheid]"))
    result = run_cli("design", "--config", bad, "--out", "out")
    assert result.exit_code == 78
    assert result.stderr == (
        "Fout: 2 problemen:\n"
        "  - vignette.template heeft de plek(ken) 'hulpbehoevendheid' die geen factor noemen; "
        "de plekken zijn '[informatie over reputatie]', '[hulp]', '[capaciteiten]' (de `slot` "
        "van een factor, anders zijn naam)\n"
        "  - vignette.template heeft geen plek voor 'hulp'; schrijf '[hulp]' waar de tekst "
        "ervan moet komen\n")
    result = run_cli("design", "--config", bad, "--out", "out", "--lang", "en")
    assert result.exit_code == 78
    assert "'hulpbehoevendheid' that name no factor" in result.stderr
    assert "no slot for 'hulp'" in result.stderr
    assert not (tmp_path / "out").exists()
