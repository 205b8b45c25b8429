"""``maatwerk-stats init``: a config from the data, then the factsheet from it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
EXPORT = ROOT / "data" / "voorbeeld" / "enquete.csv"


def test_init_writes_a_config_the_factsheet_runs_on(run_cli, tmp_path):
    shutil.copy(EXPORT, tmp_path / "enquete.csv")
    before = (tmp_path / "enquete.csv").read_bytes()
    result = run_cli("init", "enquete.csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("configs/enquete.toml geschreven: schalen beïnvloeding, "
                             "samenwerking; 5 regel(s) gemarkeerd met # CHECK: om na te "
                             "lezen.\n")
    assert "Daarna: maatwerk-stats factsheet --config configs/enquete.toml" in result.stderr
    text = (tmp_path / "configs" / "enquete.toml").read_text(encoding="utf-8")
    assert 'questionnaire = "../enquete.csv"' in text
    assert '[scales."beïnvloeding".value_map]' in text
    sheet = run_cli("factsheet", "--config", "configs/enquete.toml", "--out", "out")
    assert sheet.exit_code == 0, sheet.output
    results = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert {r["variable"] for r in results["tables"]["compare_scales"]} == {
        "beïnvloeding", "samenwerking"}
    assert (tmp_path / "enquete.csv").read_bytes() == before


def test_init_writes_group_labels_as_the_text_reads_them(run_cli, tmp_path):
    """Codes voor/na: labels "vóór"/"na" (lower case, as in the prose; the code voor with its
    accent), headers capitalised by the renderers: "Gem. Vóór" on the terminal, "Vóór" in
    the factsheet's table, "professionals vóór (N=22) en na (N=26)" in its text."""
    import re

    shutil.copy(EXPORT, tmp_path / "enquete.csv")
    assert run_cli("init", "enquete.csv").exit_code == 0
    text = (tmp_path / "configs" / "enquete.toml").read_text(encoding="utf-8")
    assert 'labels = ["vóór", "na"]   # zoals de tabellen en de factsheet ze tonen' in text
    result = run_cli("compare", "enquete.csv", "--config", "configs/enquete.toml", "--out",
                     "c", "--no-figures")
    assert result.exit_code == 0, result.stderr
    assert re.search(r"Schaal +n Vóór +n Na +Gem\. Vóór +Gem\. Na ", result.stdout)
    assert "Beïnvloeding: gemiddeld 3,14 (vóór) en 3,47 (na)" in result.stdout
    english = run_cli("compare", "enquete.csv", "--config", "configs/enquete.toml", "--out",
                      "e", "--no-figures", "--lang", "en")
    assert re.search(r"Scale +n Before +n After +Mean Before +Mean After ", english.stdout)
    sheet = run_cli("factsheet", "--config", "configs/enquete.toml", "--out", "out")
    assert sheet.exit_code == 0, sheet.stderr
    html = (tmp_path / "out" / "factsheet.html").read_text(encoding="utf-8")
    assert "professionals vóór (N=22) en na (N=26) ondervraagd" in html
    assert ">Vóór<" in html and ">Na<" in html and ">Voor<" not in html
    # two files: the labels init marks to check read the same way
    assert run_cli("init", DEMO / "pre.sav", DEMO / "post.sav", "--out", "two.toml").exit_code == 0
    two = (tmp_path / "two.toml").read_text(encoding="utf-8")
    assert 'labels = ["vóór", "na"]' in two and "# CHECK: hoe het eerste en het tweede" in two


def test_init_refuses_to_replace_a_config_without_force(run_cli, tmp_path):
    (tmp_path / "study.toml").write_text("# mine\n", encoding="utf-8")
    result = run_cli("init", DEMO / "pre.sav", "--out", "study.toml")
    assert result.exit_code == 73
    assert result.stderr == ("Fout: study.toml bestaat al; kies een andere bestandsnaam met "
                             "--out FILE, of voeg --force toe om het te vervangen.\n")
    assert (tmp_path / "study.toml").read_text(encoding="utf-8") == "# mine\n"
    forced = run_cli("init", DEMO / "pre.sav", DEMO / "post.sav", "--out", "study.toml",
                     "--force", "--quiet")
    assert forced.exit_code == 0 and forced.output == ""
    assert "[scales.samenwerking]" in (tmp_path / "study.toml").read_text(encoding="utf-8")


def test_two_files_with_group_labels_only(run_cli, tmp_path):
    """DESIGN.md §3: for two files [groups] may hold only labels (no column, no order)."""
    config = tmp_path / "twee.toml"
    config.write_text(
        '[scales.regie]\nitems = ["regie_1", "regie_2", "regie_3", "regie_4"]\n'
        'range = [1, 5]\n[groups]\nlabels = ["Vooraf", "Achteraf"]\n', encoding="utf-8")
    result = run_cli("compare", DEMO / "pre.sav", DEMO / "post.sav", "--config", config,
                     "--out", "out", "--no-figures")
    assert result.exit_code == 0, result.output
    assert "Schaal  n Vooraf  n Achteraf  Gem. Vooraf  Gem. Achteraf" in result.stdout
    bad = tmp_path / "drie.toml"
    bad.write_text(config.read_text(encoding="utf-8").replace('"Achteraf"]',
                                                              '"Achteraf", "Later"]'),
                   encoding="utf-8")
    refused = run_cli("compare", DEMO / "pre.sav", DEMO / "post.sav", "--config", bad)
    assert refused.exit_code == 78
    assert "groups.labels heeft 3 labels; twee bestanden vragen er twee (voor, na)" in (
        refused.stderr)


def test_config_reference_and_check(run_cli, tmp_path):
    reference = run_cli("config", "--reference")
    assert reference.exit_code == 0
    assert reference.stdout == (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
    checked = run_cli("config", "--check", ROOT / "configs" / "leeratelier.toml")
    assert checked.exit_code == 0
    assert checked.stdout.endswith(": geldig; schalen samenwerking, regie, maatwerk.\n")
    neither = run_cli("config")
    assert neither.exit_code == 2
    assert neither.stderr == ("Fout: geef --reference (de naslag van de config tonen) of "
                              "--check FILE (een config controleren), bijv. maatwerk-stats "
                              "config --reference\n")


def test_factsheet_without_config_in_another_folder_says_what_to_do(run_cli, tmp_path):
    result = run_cli("factsheet")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Fout: geen --config gegeven en geen configs/*.toml in {tmp_path}. Geef de config van "
        "de studie met --config FILE, of schrijf er een vanuit de gegevens met `maatwerk-stats "
        "init DATA` (dat schrijft configs/NAME.toml).\n")
    (tmp_path / "configs").mkdir()
    for name in ("a.toml", "b.toml"):
        (tmp_path / "configs" / name).write_text("", encoding="utf-8")
    several = run_cli("factsheet")
    assert several.stderr == ("Fout: geen --config gegeven en configs/ bevat er meerdere: "
                              "configs/a.toml, configs/b.toml. Kies er een met --config FILE.\n")


def test_factsheet_finds_the_one_config_init_wrote(run_cli, tmp_path):
    shutil.copy(EXPORT, tmp_path / "enquete.csv")
    assert run_cli("init", "enquete.csv", "-q").exit_code == 0
    result = run_cli("factsheet", "--out", "out", "-q")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "factsheet.html").is_file()


def test_init_takes_scales_from_spss_label_prefixes(run_cli, tmp_path):
    """An SPSS file whose columns v1..v6 carry no scale name; their variable labels do."""
    import numpy as np
    import pandas as pd
    import pyreadstat

    rng = np.random.default_rng(3)
    latent = rng.normal(3, 1, size=(30, 2)).repeat([3, 3], axis=1)
    frame = pd.DataFrame(np.clip(np.round(latent + rng.normal(0, 0.5, (30, 6))), 1, 5),
                         columns=[f"v{i}" for i in range(1, 7)])
    frame["meting"] = [1.0] * 15 + [2.0] * 15
    texts = ["Samenwerking: Ik overleg", "Samenwerking: Ik deel", "Samenwerking: Ik vraag",
             "Regie - Ik plan", "Regie - Ik stem af", "Regie - Ik houd overzicht"]
    answers = {1.0: "helemaal oneens", 2.0: "oneens", 3.0: "neutraal", 4.0: "eens",
               5.0: "helemaal eens"}
    pyreadstat.write_sav(
        frame, str(tmp_path / "enquete.sav"), column_labels=[*texts, "Meting"],
        variable_value_labels={**{f"v{i}": answers for i in range(1, 7)},
                               "meting": {1.0: "voor", 2.0: "na"}})
    result = run_cli("init", "enquete.sav")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("configs/enquete.toml geschreven: schalen samenwerking, "
                                    "regie;")
    text = (tmp_path / "configs" / "enquete.toml").read_text(encoding="utf-8")
    assert '[scales.regie.item_labels]\nv4 = "Ik plan"\nv5 = "Ik stem af"\n' in text
    scores = run_cli("scales", "enquete.sav", "--config", "configs/enquete.toml", "--out", "s")
    assert scores.exit_code == 0, scores.output
    table = pd.read_csv(tmp_path / "s" / "scores.csv")
    # the drafted config scores as the item means of each label group
    np.testing.assert_allclose(table["samenwerking"], frame[["v1", "v2", "v3"]].mean(axis=1))
    np.testing.assert_allclose(table["regie"], frame[["v4", "v5", "v6"]].mean(axis=1))


def test_init_comments_in_the_config_language(run_cli, tmp_path):
    """Dutch answers: the comments init writes are Dutch, as study.language; --lang en: the
    same config with English comments. The marker # CHECK: is the same in both."""
    shutil.copy(EXPORT, tmp_path / "enquete.csv")
    assert run_cli("init", "enquete.csv").exit_code == 0
    dutch = (tmp_path / "configs" / "enquete.toml").read_text(encoding="utf-8")
    assert 'language = "nl"   # nl of en: tabellen, figuren, factsheet' in dutch
    assert "# Lees elke regel gemarkeerd met CHECK:" in dutch
    assert "# CHECK: de titel van de factsheet\ntitle = " in dutch
    assert "Read every line" not in dutch and "the title of the factsheet" not in dutch
    english = run_cli("init", "enquete.csv", "--lang", "en", "--out", "en.toml")
    assert english.exit_code == 0, english.output
    assert english.stdout.startswith("Wrote en.toml: scales beïnvloeding, samenwerking; 5 ")
    text = (tmp_path / "en.toml").read_text(encoding="utf-8")
    assert 'language = "en"   # nl or en: tables, figures, factsheet' in text
    assert "# Read every line marked CHECK:" in text
    assert "# CHECK: the title of the factsheet\ntitle = " in text
    assert "Lees elke regel" not in text and "de titel van de factsheet" not in text
    assert text.count("\n# CHECK: ") == dutch.count("\n# CHECK: ") == 5


def test_init_on_long_vignette_data_with_unknown_column_names_runs(run_cli, tmp_path):
    """A newcomer's long data: the id pers_id and the measurement ronde (voor/na) under names
    init does not know. The draft takes ronde as the group (not a factor) and pers_id as the
    id (a guess, marked), and the vignette analysis runs on it per measurement."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(3)
    rows = []
    for person in range(1, 31):
        for vignet, (age, urgency) in enumerate([("jong", "laag"), ("jong", "hoog"),
                                                 ("oud", "laag"), ("oud", "hoog")], start=1):
            rating = 5 + (urgency == "hoog") + rng.normal(0, 1)
            rows.append({"pers_id": f"P{person:03d}", "ronde": "voor" if person <= 15 else "na",
                         "vignet": vignet, "Leeftijd cliënt": age, "urgentie": urgency,
                         "oordeel": f"{np.clip(rating, 1, 10):.1f}".replace(".", ",")})
    pd.DataFrame(rows).to_csv(tmp_path / "long.csv", sep=";", index=False,
                              encoding="utf-8-sig")
    result = run_cli("init", "long.csv", "--out", "vig.toml")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "vig.toml").read_text(encoding="utf-8")
    assert '# CHECK: de respondentkolom, geraden uit de waarden: elke waarde staat op 4' in text
    assert 'id = "pers_id"\n' in text and 'group = "ronde"\n' in text
    assert 'group_order = ["voor", "na"]\n' in text and "[vignette.factors.ronde]" not in text
    run = run_cli("vignette", "long.csv", "--config", "vig.toml", "--out", "v", "--no-figures")
    assert run.exit_code == 0, run.output
    table = pd.read_csv(tmp_path / "v" / "vignette_coefficients.csv")
    assert set(table["group"]) == {"all", "voor", "na"}
    assert set(table["factor"].dropna()) == {"Leeftijd cliënt", "urgentie"}


def test_init_names_spss_scales_after_their_label_prefix(run_cli, tmp_path):
    """voor.sav and na.sav with v1..v4 labelled "Kennis: …" and w1..w3 "Houding: …" (the
    README's init section): the scales kennis and houding, and compare runs on them."""
    import numpy as np
    import pandas as pd
    import pyreadstat

    rng = np.random.default_rng(7)
    texts = {"v1": "Kennis: Ik weet welke regelingen er zijn", "v2": "Kennis: Ik ken de wet",
             "v3": "Kennis: Ik weet bij wie ik moet zijn", "v4": "Kennis: Ik vind het lastig",
             "w1": "Houding: Ik vind maatwerk belangrijk", "w2": "Houding: Ik wil afwijken",
             "w3": "Houding: Ik durf"}
    answers = {1.0: "helemaal oneens", 2.0: "oneens", 3.0: "neutraal", 4.0: "eens",
               5.0: "helemaal eens"}
    for name, shift in (("voor.sav", 0.0), ("na.sav", 0.6)):
        latent = rng.normal(3 + shift, 0.8, size=(25, 2)).repeat([4, 3], axis=1)
        frame = pd.DataFrame(np.clip(np.round(latent + rng.normal(0, 0.5, (25, 7))), 1, 5),
                             columns=list(texts))
        frame.insert(0, "id", np.arange(1.0, 26.0))
        pyreadstat.write_sav(frame, str(tmp_path / name),
                             column_labels=["Respondentnummer", *texts.values()],
                             variable_value_labels={c: answers for c in texts})
    result = run_cli("init", "voor.sav", "na.sav", "--out", "sav.toml")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("sav.toml geschreven: schalen kennis, houding;")
    text = (tmp_path / "sav.toml").read_text(encoding="utf-8")
    assert '[scales.kennis]\nlabel = "Kennis"\nitems = ["v1", "v2", "v3", "v4"]\n' in text
    compared = run_cli("compare", "voor.sav", "na.sav", "--config", "sav.toml", "--out", "c",
                       "--no-figures")
    assert compared.exit_code == 0, compared.output
    table = pd.read_csv(tmp_path / "c" / "compare_scales.csv")
    assert set(table["variable"]) == {"kennis", "houding"}
