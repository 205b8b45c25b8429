"""The vignette data checks (prepare/ratings.py) speak Dutch by default: the exact ``Fout:``
line of the bad inputs users meet most, and ``--lang en`` / ``study.language = "en"`` gives
the English ``Error:`` line (its full text is pinned in test_cli_vignette.py)."""

from __future__ import annotations

import pandas as pd

from .test_cli_vignette import CONFIG, DECK, DEMO, WIDE, demo, wide, write


def _fails(run_cli, tmp_path, args, code, line, *, english=None):
    result = run_cli("vignette", "--no-figures", *args, "--out", "out")
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stderr.strip() == line
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out").exists()
    if english is not None:
        result = run_cli("vignette", "--no-figures", *args, "--out", "out", "--lang", "en")
        assert result.exit_code == code
        assert result.stderr.startswith(f"Error: {english}")


def test_rating_outside_the_range_in_dutch(run_cli, tmp_path):
    frame = demo()
    frame.loc[3, "bereidheid"] = 11
    frame.loc[7, "bereidheid"] = 10.5
    path = write(frame, tmp_path / "range.csv")
    _fails(run_cli, tmp_path, [path, "-c", CONFIG], 65,
           f"Fout: oordelen buiten het opgegeven bereik 1–10 in bereidheid van {path}: 10,5; 11 "
           "(rijen 4, 8). Verbeter de data of outcome_range in de config (--outcome-range).",
           english="ratings outside the declared range 1–10 in bereidheid of "
                   f"{path}: 10.5, 11 (rows 4, 8).")


def test_text_in_a_rating_in_dutch(run_cli, tmp_path):
    frame = demo()
    frame["bereidheid"] = frame["bereidheid"].astype(object)
    frame.loc[4, "bereidheid"] = "veel"
    path = write(frame, tmp_path / "text.csv")
    _fails(run_cli, tmp_path, [path, "-c", CONFIG], 65,
           f"Fout: oordeelkolom 'bereidheid' in {path} bevat tekst in plaats van getallen in "
           "rij 5 (de teksten worden niet getoond: het zijn antwoorden van respondenten). "
           "Oordelen moeten getallen zijn; laat een ontbrekend oordeel leeg.",
           english=f"rating column 'bereidheid' in {path} holds text instead of numbers")


def test_text_beside_decimal_comma_ratings_names_only_its_row(run_cli, tmp_path):
    """A Dutch export (";", "6,5") with one text rating: the column stays text when read,
    and only the text's row is named (before: every row, "rijen 1, 2, …, 10 en nog …")."""
    frame = demo()
    frame["bereidheid"] = [f"{v + 0.5:.1f}".replace(".", ",") for v in frame["bereidheid"]]
    frame.loc[4, "bereidheid"] = "veel"
    path = tmp_path / "comma.csv"
    frame.to_csv(path, sep=";", index=False)
    _fails(run_cli, tmp_path, [path, "-c", CONFIG], 65,
           f"Fout: oordeelkolom 'bereidheid' in {path} bevat tekst in plaats van getallen in "
           "rij 5 (de teksten worden niet getoond: het zijn antwoorden van respondenten). "
           "Oordelen moeten getallen zijn; laat een ontbrekend oordeel leeg.",
           english=f"rating column 'bereidheid' in {path} holds text instead of numbers in "
                   "row 5 (the texts are not shown")


def test_group_value_outside_the_group_order_in_dutch(run_cli, tmp_path):
    _fails(run_cli, tmp_path, [DEMO / "vignetten.csv", "-c", CONFIG, "--group-order", "voor,nah"],
           65, f"Fout: groepskolom 'meting' in {DEMO / 'vignetten.csv'} bevat 'na' (bedoelt u "
           "'nah'?), die niet in de groepsvolgorde ['voor', 'nah'] staat. Zet het in "
           "vignette.group_order (--group-order) of verbeter de data.",
           english=f"group column 'meting' in {DEMO / 'vignetten.csv'} holds 'na' (did you "
                   "mean 'nah'?)")


def test_group_column_with_one_value_in_dutch(run_cli, tmp_path):
    path = write(demo().assign(meting="na"), tmp_path / "one.csv")
    _fails(run_cli, tmp_path, [path, "-c", CONFIG], 65,
           f"Fout: groepskolom 'meting' in {path} heeft maar één waarde ('na'); een "
           "vergelijking vraagt minstens twee groepen. Analyseer zonder groep (laat --group "
           "weg, of haal vignette.group uit de config), of controleer de data.")


def test_missing_rating_column_in_dutch(run_cli, tmp_path):
    _fails(run_cli, tmp_path, [DEMO / "vignetten.csv", "-c", CONFIG, "--outcome", "bereid"], 65,
           f"Fout: oordeelkolom 'bereid' is geen kolom van {DEMO / 'vignetten.csv'}; "
           "kolomnamen die erop lijken: bereidheid. Geef de kolom met --outcome of "
           "vignette.outcome in de config; geef voor brede data (één oordeelkolom per vignet) "
           "--wide-columns.",
           english=f"rating column 'bereid' is not a column of {DEMO / 'vignetten.csv'}")


def test_duplicate_ratings_in_dutch(run_cli, tmp_path):
    frame = demo()
    path = write(pd.concat([frame, frame.iloc[[10]]]), tmp_path / "dup.csv")
    _fails(run_cli, tmp_path, [path, "-c", CONFIG], 65,
           f"Fout: {path} bevat meer dan één oordeel voor dezelfde respondent en hetzelfde "
           "vignet (1 keer: vignet 2; rijen 11, 523). Haal de dubbele rijen weg, of controleer "
           "de respondent-ids.")


def test_factor_that_never_varies_in_dutch(run_cli, tmp_path):
    path = write(demo().assign(reputatie="succesvol"), tmp_path / "constant.csv")
    _fails(run_cli, tmp_path, [path, "--id", "respondent", "--outcome", "bereidheid",
                               "--factors", "reputatie,hulpbehoevendheid"], 65,
           f"Fout: factor 'reputatie' varieert nooit: elk oordeel in {path} heeft niveau "
           "'succesvol'. Een factor heeft minstens twee niveaus nodig om een effect te hebben; "
           "haal hem uit de factoren (--factors of vignette.factors) of controleer de data.")


def test_deck_and_data_disagree_in_dutch(run_cli, tmp_path):
    path = write(wide().assign(v10=5), tmp_path / "wide10.csv")
    _fails(run_cli, tmp_path, [path, "-c", CONFIG, "--wide-columns", WIDE + ",v10"], 65,
           f"Fout: brede kolom 'v10' van {path} is geen vignet van het deck {DECK} (vignetten "
           "in het deck: '1', '2', '3', '4', '5', '6' en nog 3). Een brede kolom hoort bij het "
           "vignet van het deck met de kolomnaam als id of met het getal waarop de kolomnaam "
           "eindigt (v3 → vignet 3); zet het vignet in het deck of haal de kolom uit "
           "wide_columns.")
    frame = demo()
    path = write(frame[frame["vignette"] != 9], tmp_path / "no9.csv")
    _fails(run_cli, tmp_path, [path, "-c", CONFIG], 65,
           f"Fout: deck {DECK} heeft vignet '9' dat geen respondent in {path} beoordeelde. Haal "
           "het uit het deck, of controleer of de vignet-ids in kolom 'vignette' bij het deck "
           "passen.")


def test_levels_not_in_the_config_in_dutch_and_in_the_configs_language(run_cli, tmp_path):
    deck = pd.read_csv(DECK)
    deck["reputatie"] = deck["reputatie"].replace("succesvol", "succes")
    deck_path = write(deck, tmp_path / "deck.csv")
    path = write(wide(), tmp_path / "wide.csv")
    args = [path, "--wide-columns", WIDE, "--deck", deck_path]
    _fails(run_cli, tmp_path, [*args, "-c", CONFIG], 78,
           f"Fout: {CONFIG}: factor 'reputatie': niveau 'succes' in het deck {deck_path} is geen "
           "van vignette.factors.reputatie.levels ['niet_succesvol', 'succesvol'] — bedoelt u "
           "'succesvol'?")
    english = tmp_path / "english.toml"
    english.write_text(CONFIG.read_text(encoding="utf-8").replace(
        'language = "nl"', 'language = "en"'), encoding="utf-8")
    assert 'language = "en"' in english.read_text(encoding="utf-8")
    _fails(run_cli, tmp_path, [*args, "-c", english], 78,
           f"Error: {english}: factor 'reputatie': level 'succes' in the deck {deck_path} is not "
           "one of vignette.factors.reputatie.levels ['niet_succesvol', 'succesvol'] — did you "
           "mean 'succesvol'?")


def test_no_factors_in_dutch(run_cli, tmp_path):
    _fails(run_cli, tmp_path, [DEMO / "vignetten.csv", "--outcome", "bereidheid"], 78,
           "Fout: geen factoren: geef de factorkolommen met --factors a,b,c, zet ze onder "
           "[vignette.factors.NAME] in de config, of geef een deck (--deck) met de factoren als "
           "kolommen.",
           english="no factors: name the factor columns with --factors a,b,c")
