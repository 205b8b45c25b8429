"""``maatwerk-stats factsheet``: the files, their deterministic fragments, reproducibility,
data protection and bad input."""

from __future__ import annotations

import hashlib
import html as html_module
import json
import os
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from maatwerk_stats.cli import app
from maatwerk_stats.errors import ExitStatus

from ..conftest import CONFIG, DEMO, ROOT
from ..test_figure_suppressed_limits import small_group_study

PAIRED_CONFIG = ROOT / "configs" / "gewogen_maatwerk.toml"


def run(*args: str | Path):
    return CliRunner().invoke(app, [str(a) for a in args])


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("factsheet") / "out"
    result = run("factsheet", "--config", CONFIG, "--out", out)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def demo_en(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("factsheet_en") / "out"
    result = run("factsheet", "--config", CONFIG, "--out", out, "--lang", "en", "-q")
    assert result.exit_code == 0, result.output
    return out


def test_writes_every_output(demo):
    names = set(files_of(demo))
    assert {"factsheet.html", "factsheet.docx", "results.json", "tables/tables.xlsx"} <= names
    for table in ("reliability", "items", "items_distribution", "compare_scales",
                  "compare_items", "vignette_coefficients", "vignette_fit",
                  "vignette_marginal_means", "vignette_interactions", "vignette_influence"):
        assert f"tables/{table}.csv" in names
    for figure in ("compare_scale_means", "compare_items_likert", "compare_items_forest",
                   "vignette_coefficients", "vignette_marginal_means"):
        assert {f"figures/{figure}.png", f"figures/{figure}.svg"} <= names


def test_no_respondent_level_output(demo):
    names = set(files_of(demo))
    assert not any("scores" in n or "unmatched" in n for n in names)
    design = pd.read_csv(demo / "tables" / "vignette_design.csv", dtype={"note": str})
    flagged = design[design["check"] == "straightliners"]
    assert flagged["value"].tolist()[0] == 1.0  # the count stays ...
    assert flagged["note"].isna().all()  # ... the respondent id does not
    record = json.loads((demo / "results.json").read_text(encoding="utf-8"))
    texts = [note["text"] for note in record["notes"]]
    assert any("straight-lining) (ids not published)" in text for text in texts)
    assert not re.search(r"\b236\b", json.dumps(record["notes"]))
    text = html_text(demo)  # the visible text (embedded images are base64)
    assert "respnr" not in text
    assert not re.search(r"\b236\b", text)


def html_text(folder: Path) -> str:
    html = (folder / "factsheet.html").read_text(encoding="utf-8")
    text = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    text = html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))
    return text.replace("\u2060", "")  # the word joiners that keep "1–5" on one line


def test_dutch_fragments(demo):
    text = html_text(demo)
    assert "Factsheet: onderzoek Leeratelier Maatwerk & Regie" in text
    assert ("Hiervoor zijn professionals vóór (N=22) en na (N=36) ondervraagd met een "
            "vragenlijst en een vignetstudie. Dit zijn verschillende mensen.") in text
    # the takeaway is never stronger than the statistics; p and power are in the methods
    assert ("1. Samenwerking Geen aantoonbaar verschil in samenwerking tussen vóór en na. "
            "Samenwerking met collega's en ketenpartners is een kracht van de professionals: "
            "zij weten partners goed te vinden en werken met hen samen om hun doelen te "
            "bereiken. De gemiddelde score was 4,20 vóór en 4,32 na¹, een verschil van +0,11 "
            "(95%-betrouwbaarheidsinterval: −0,23 tot 0,45). Dat verschil is niet statistisch "
            "significant: het kan op toeval berusten. Het onderzoek was te klein om een "
            "verschil van deze omvang betrouwbaar aan te tonen.") in text
    assert text.count("Holm") == 1 and text.count("g = 0,77") == 1
    assert ("“In mijn werk overtuig ik relevante partnerorganisaties dat mijn werkzaamheden "
            "belangrijk zijn”: van 3,77 naar 4,22; ook dat verschil is niet statistisch "
            "significant.") in text
    # 4,20 → 4,32 with a difference of +0,11: the methods section says why
    assert ("daardoor kan een verschil 0,01 afwijken van het verschil tussen de afgeronde "
            "gemiddelden (zo is het verschil bij samenwerking +0,11, van 4,20 naar 4,32)") in text
    assert "¹ De scores zijn steeds gemeten op een schaal van 1–5." in text
    # the influence table as the published factsheet shows it
    assert re.search(r"Vóór het Leeratelier Na het Leeratelier Reputatie Geen invloed Matige "
                     r"invloed Hulpbehoevendheid Veel invloed Veel invloed Capaciteiten Geen "
                     r"invloed Matige invloed", text)
    assert ("Vooral hulpbehoevendheid beïnvloedt de bereidheid om maatwerk te leveren. "
            "Reputatie en capaciteiten wegen na het Leeratelier zwaarder mee dan vóór het "
            "Leeratelier.") in text
    # the unit is explained before the numbers it explains
    assert text.index("Tussen haakjes staat steeds hoeveel punt") < text.index("(+0,15)")
    assert ("Reputatie (schuldhulp succesvol in plaats van schuldhulp niet succesvol): geen "
            "invloed vóór het Leeratelier (+0,15) en matige invloed na het Leeratelier "
            "(+0,66). De verandering (+0,51) is statistisch significant (p = 0,011).") in text
    for jargon in ("mixed model", "d_z", "Effect op Bereidheid", "3, 4", "is na hoger"):
        assert jargon not in text
    # never "verbeterd"/"improved" while the CI includes zero
    assert "verbeter" not in text


def test_english_fragments(demo_en):
    text = html_text(demo_en)
    assert "Factsheet: Leeratelier Maatwerk & Regie study" in text
    assert ("Professionals were surveyed before (N=22) and after (N=36) with a questionnaire "
            "and a vignette study. These are different people.") in text
    assert "No demonstrable difference in Samenwerking between before and after." in text
    assert ("The mean score was 4.20 before and 4.32 after¹, a difference of +0.11 (95% confidence "
            "interval: −0.23 to 0.45). The difference is not statistically significant") in text
    assert re.search(r"Reputatie No influence Moderate influence Hulpbehoevendheid Strong "
                     r"influence Strong influence", text)
    assert ("Reputatie (schuldhulp succesvol instead of schuldhulp niet succesvol): no "
            "influence before (+0.15) and moderate influence after (+0.66).") in text
    assert "Reputatie and Capaciteiten weigh more heavily after than before." in text
    assert "improv" not in text


def test_docx_and_xlsx_hold_the_same_content(demo):
    import io

    from docx import Document
    from openpyxl import load_workbook

    document = Document(io.BytesIO((demo / "factsheet.docx").read_bytes()))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "De gemiddelde score was 4,20 vóór en 4,32 na¹" in paragraphs
    assert "Geen aantoonbaar verschil in samenwerking tussen vóór en na." in paragraphs
    # the scales table in the questionnaire section (as in the HTML), before the vignette study
    from docx.oxml.ns import qn

    body = [(el.tag.rsplit("}", 1)[1], "".join(t.text or "" for t in el.iter(qn("w:t"))))
            for el in document.element.body]
    first_table = next(i for i, (tag, _) in enumerate(body) if tag == "tbl")
    assert body[first_table][1].startswith("Schaal")
    assert first_table < next(i for i, (tag, text) in enumerate(body)
                              if tag == "p" and text == "Bevindingen vignetstudie")
    influence = document.tables[2]  # after the scales table and the scenario box
    assert [c.text for c in influence.rows[1].cells] == ["Reputatie", "Geen invloed",
                                                         "Matige invloed"]
    book = load_workbook(io.BytesIO((demo / "tables" / "tables.xlsx").read_bytes()))
    assert "compare_scales" in book.sheetnames and "vignette_influence" in book.sheetnames
    csv = pd.read_csv(demo / "tables" / "compare_scales.csv")
    sheet = list(book["compare_scales"].iter_rows(values_only=True))
    assert list(sheet[0]) == list(csv.columns)
    assert sheet[1][csv.columns.get_loc("mean_1")] == pytest.approx(csv["mean_1"][0], rel=1e-15)


def test_same_inputs_give_identical_bytes(demo, tmp_path):
    result = run("factsheet", "--config", CONFIG, "--out", tmp_path / "again", "-q")
    assert result.exit_code == 0
    assert files_of(tmp_path / "again") == files_of(demo)


@pytest.fixture(scope="module")
def paired(tmp_path_factory) -> Path:
    """The paired demo's factsheet, made with SOURCE_DATE_EPOCH = 1700000000."""
    out = tmp_path_factory.mktemp("paired") / "o"
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        result = run("factsheet", "--config", PAIRED_CONFIG, "--out", out, "-q")
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
    assert result.exit_code == 0, result.output
    return out


def test_source_date_epoch_sets_document_dates(paired):
    import io
    import zipfile

    core = zipfile.ZipFile(io.BytesIO((paired / "factsheet.docx").read_bytes()))
    assert b"2023-11-14T22:13:20Z" in core.read("docProps/core.xml")


def test_paired_design_factsheet(paired):
    text = html_text(paired)
    assert "Hiervoor zijn dezelfde 57 professionals vóór en na ondervraagd met een vragenlijst." \
        in text
    assert ("2. Houding Dezelfde professionals scoren na hoger op houding dan vóór. De "
            "gemiddelde score was 3,48 vóór en 3,75 na, een verschil van +0,28 "
            "(95%-betrouwbaarheidsinterval: 0,12 tot 0,43). Dat verschil is statistisch "
            "significant, een klein effect (d = 0,47).") in text
    # an item significant only without the correction is not called significant
    assert ("van 3,37 naar 3,71, maar dat verschil is niet statistisch significant als we "
            "rekening houden met het aantal getoetste stellingen.") in text
    assert "minstens 5 van de 8 bij methodisch werken, 1 van de 2 bij intake en beeldvorming" \
        in text
    # 004's findings: per step of methodisch werken, per norm subscale, per municipality,
    # with every respondent
    assert "1.2 Trajectplan opstellen Dezelfde professionals scoren na hoger op trajectplan " \
        "opstellen dan vóór." in text
    assert "1.1 Intake en beeldvorming Geen aantoonbaar verschil in intake en beeldvorming" \
        in text
    assert "1.4 Terugblik Geen aantoonbaar verschil in terugblik" in text
    assert "3.2 Descriptieve norm Dezelfde professionals scoren na hoger op descriptieve " \
        "norm dan vóór." in text
    assert "Het gemengde model gebruikt alle 67 respondenten" in text
    # 5 measured only before and 5 only after, all in Den Haag: the change per municipality
    # with the site × time test is shown (publish/differencing.py suppresses it for 1–4)
    assert "Verandering per gemeente (één model voor alle)" in text
    assert "Schaal Amersfoort Den Haag p verschil" in text
    assert "De verandering per gemeente wordt niet getoond" not in text
    assert "gepaarde t-toets" in text
    assert "Bevindingen vignetstudie" not in text


def test_paired_factsheet_without_a_site_says_nothing_about_sites_or_unwritten_files(
        tmp_path):
    """The paired demo without ``[groups] site``: the methods section has no "Per …: één
    model met de interactie meting × …" sentence, and the terminal's note on the unmatched
    ids does not send the reader to a compare_unmatched.csv the factsheet never writes."""
    text = PAIRED_CONFIG.read_text(encoding="utf-8")
    assert 'site = "gemeente"' in text
    config = tmp_path / "zonder_site.toml"
    config.write_text(text.replace('site = "gemeente"', "").replace(
        '"../data/', f'"{(ROOT / "data").as_posix()}/'), encoding="utf-8")
    out = tmp_path / "o"
    result = run("factsheet", "--config", config, "--out", out)
    assert result.exit_code == 0, result.output
    page = html_text(out)
    assert "Gemengd model: per schaal een lineair model" in page
    assert "interactie meting" not in page and "Per gemeente" not in page
    assert "Verandering per gemeente" not in page
    unmatched = [line for line in result.stderr.splitlines() if "gekoppelde paren" in line]
    assert len(unmatched) == 1
    assert unmatched[0].endswith("(de ids worden niet gepubliceerd; `maatwerk-stats compare` "
                                 "op dezelfde data zet ze in compare_unmatched.csv).")
    assert not (out / "compare_unmatched.csv").exists()
    assert not (out / "tables" / "compare_unmatched.csv").exists()


def test_small_groups_are_suppressed(tmp_path):
    config = tmp_path / "strict.toml"
    text = CONFIG.read_text(encoding="utf-8").replace("min_cell = 5", "min_cell = 30")
    text = text.replace('"../data/demo/', f'"{DEMO}/')
    config.write_text(text, encoding="utf-8")
    result = run("factsheet", "--config", config, "--out", tmp_path / "o", "-q")
    assert result.exit_code == 0, result.output
    out = tmp_path / "o"
    page = html_text(out)
    # 22 before (< 30): no before means anywhere, a sentence saying why
    assert "4,20" not in page and "3,77" not in page
    assert ("Voor samenwerking zijn te weinig antwoorden (minder dan 30 per groep) om "
            "resultaten te tonen.") in page
    assert "Resultaten die op minder dan 30 respondenten berusten, worden niet getoond." in page
    scales = pd.read_csv(out / "tables" / "compare_scales.csv")
    assert scales["mean_1"].isna().all() and (scales["n_1"] == 22).all()
    influence = pd.read_csv(out / "tables" / "vignette_influence.csv")
    assert influence[influence["group"] == "voor"]["estimate"].isna().all()
    distribution = pd.read_csv(out / "tables" / "items_distribution.csv")
    assert "voor" not in set(distribution["group"])


def test_a_small_group_beside_scales_of_different_ranges_is_suppressed(tmp_path):
    """A group of 3 (min_cell 5) blanks both groups' means of every scale row; with one
    scale 1–7 and one 1–5 the printed scale-means figure had no shared range and no data to
    fit, and the factsheet stopped: "interne fout in maatwerk-stats (ValueError)", exit 70."""
    config = small_group_study(tmp_path)
    result = run("factsheet", "--config", config, "--out", tmp_path / "o", "-q")
    assert result.exit_code == 0, (result.output, result.stderr)
    out = tmp_path / "o"
    page = html_text(out)
    assert ("Voor zelfeffectiviteit zijn te weinig antwoorden (minder dan 5 per groep) om "
            "resultaten te tonen.") in page
    html = (out / "factsheet.html").read_text(encoding="utf-8")
    assert 'class="fig-scale_means"' in html
    scales = pd.read_csv(out / "tables" / "compare_scales.csv")
    assert scales["mean_1"].isna().all() and (scales["n_2"] == 3).all()
    assert (out / "figures" / "compare_scale_means.png").exists()


def test_duplicated_id_is_warned_in_the_factsheet_run(tmp_path):
    """A questionnaire with an id twice within one measurement: the factsheet is made, the
    terminal and results.json warn (rows and counts; the id is not published)."""
    data = pd.read_csv(DEMO / "vragenlijst.csv", sep=";", decimal=",", encoding="cp1252")
    data.loc[[0, 1], "respnr"] = 4711
    data.to_csv(tmp_path / "vragenlijst.csv", index=False)
    text = CONFIG.read_text(encoding="utf-8")
    text = re.sub(r"\[data\]\n(.*\n){3}", '[data]\nquestionnaire = "vragenlijst.csv"\n', text)
    text = re.sub(r"\n\[vignette\][\s\S]*?\n(?=\[report\])", "\n", text)
    text = text.replace('"../data/demo/', f'"{DEMO}/')  # the logo
    (tmp_path / "dup.toml").write_text(text, encoding="utf-8")
    result = run("factsheet", "--config", tmp_path / "dup.toml", "--out", tmp_path / "o",
                 "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "1 id(s) occur more than once within one group of 'meting'" in " ".join(
        result.stderr.split())
    record = json.loads((tmp_path / "o" / "results.json").read_text(encoding="utf-8"))
    (note,) = [n for n in record["notes"] if n["kind"] == "duplicate_ids"]
    assert note["values"]["rows"] == "1, 2" and note["level"] == "warning"
    assert "4711" not in json.dumps(record["notes"]) + html_text(tmp_path / "o")
def test_a_small_vignette_group_stays_out_of_the_published_models(tmp_path):
    """min_cell 30: "voor" (22 respondents) keeps its counts but not its ratings in the
    models, so the published "na" rows are those of the "na" ratings alone."""
    import dataclasses

    from maatwerk_stats import load_config, vignette

    config = tmp_path / "strict.toml"
    text = CONFIG.read_text(encoding="utf-8").replace("min_cell = 5", "min_cell = 30")
    config.write_text(text.replace('"../data/demo/', f'"{DEMO}/'), encoding="utf-8")
    result = run("factsheet", "--config", config, "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert ("groep(en) Vóór het Leeratelier met minder dan 30 respondenten: hun oordelen "
            "zijn buiten de vignetmodellen gelaten") in " ".join(result.output.split())
    ratings = pd.read_csv(DEMO / "vignetten.csv", sep=";", encoding="utf-8-sig")
    settings = dataclasses.replace(load_config(CONFIG).vignette, group=None,
                                   group_order=None, group_labels=None)
    alone = vignette(ratings[ratings["meting"] == "na"], settings)
    tables = tmp_path / "o" / "tables"
    coefficients = pd.read_csv(tables / "vignette_coefficients.csv")
    na = coefficients[coefficients["group"] == "na"]
    for column in ("estimate", "std_error", "df", "p_value"):
        np.testing.assert_allclose(na[column], alone.coefficients[column], rtol=1e-9)
    fit = pd.read_csv(tables / "vignette_fit.csv")
    assert fit.loc[fit["group"] == "voor", "n_respondents"].tolist() == [22, 22]


# --- bad input ------------------------------------------------------------------------------


def test_config_naming_analyses_without_data(tmp_path):
    config = tmp_path / "nodata.toml"
    text = CONFIG.read_text(encoding="utf-8")
    text = re.sub(r"\[data\]\n(.*\n){3}", "", text)
    config.write_text(text, encoding="utf-8")
    result = run("factsheet", "--config", config, "--out", tmp_path / "o")
    assert result.exit_code == ExitStatus.CONFIG
    assert result.stderr.strip() == (
        f"Fout: {config} heeft 2 problemen:\n"
        "  - de config noemt schalen maar geen vragenlijstdata: zet pre = \"...\" en post = "
        "\"...\" (of questionnaire = \"...\") onder [data], of geef --pre/--post\n"
        "  - de config heeft een [vignette]-sectie maar geen vignetdata: zet vignette = \"...\" "
        "onder [data], of geef --vignette-data")
    result = run("factsheet", "--config", config, "--out", tmp_path / "o", "--lang", "en")
    assert result.exit_code == ExitStatus.CONFIG
    assert result.stderr.strip() == (
        f"Error: {config} has 2 problems:\n"
        "  - the config defines scales but no questionnaire data: add pre = \"...\" and post = "
        "\"...\" (or questionnaire = \"...\") under [data], or pass --pre/--post\n"
        "  - the config has a [vignette] section but no vignette data: add vignette = \"...\" "
        "under [data], or pass --vignette-data")
    assert not (tmp_path / "o").exists()


def test_missing_data_file(tmp_path):
    result = run("factsheet", "--config", CONFIG, "--pre", tmp_path / "nope.sav",
                 "--out", tmp_path / "o")
    assert result.exit_code == ExitStatus.NO_INPUT
    assert result.stderr.strip() == (
        f"Fout: {tmp_path / 'nope.sav'}: bestand niet gevonden (genoemd in {CONFIG}). "
        "Controleer het pad; paden in een config gaan uit van de map van het config-bestand.")
    result = run("factsheet", "--config", CONFIG, "--pre", tmp_path / "nope.sav",
                 "--out", tmp_path / "o", "--lang", "en")
    assert result.stderr.strip() == (
        f"Error: {tmp_path / 'nope.sav'}: file not found (named in {CONFIG}). Check the path; "
        "paths in a config are relative to the config file.")


def test_refuses_output_into_the_inputs(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    before = files_of(data)
    result = run("factsheet", "--config", CONFIG, "--pre", data / "pre.sav",
                 "--post", data / "post.sav", "--out", data)
    assert result.exit_code == ExitStatus.CANT_CREATE
    assert result.stderr.strip() == (
        f"Fout: --out {data} bevat het invoerbestand {data / 'pre.sav'}; schrijf de uitvoer "
        "naar een eigen map (bijvoorbeeld out/).")
    as_file = run("factsheet", "--config", CONFIG, "--pre", data / "pre.sav",
                  "--post", data / "post.sav", "--out", data / "pre.sav")
    assert as_file.exit_code == ExitStatus.CANT_CREATE
    assert as_file.stderr.strip() == (f"Fout: --out {data / 'pre.sav'} is een bestand, geen "
                                      "map; kies een map voor de uitvoer.")
    assert files_of(data) == before


def test_unwritable_output(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run("factsheet", "--config", PAIRED_CONFIG, "--out", blocker / "sub")
    assert result.exit_code == ExitStatus.CANT_CREATE
    assert result.stderr.startswith(f"Fout: kan niet schrijven naar {blocker / 'sub'}: ")
    assert "Traceback" not in result.output


def test_failure_leaves_no_partial_output(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("respondent;meting;vignette;positie;reputatie;hulpbehoevendheid;"
                   "capaciteiten;bereidheid\n1;voor;1;1;succesvol;goed_ter_been;"
                   "goed_voorbereid;veel\n", encoding="utf-8")
    out = tmp_path / "o"
    result = run("factsheet", "--config", CONFIG, "--vignette-data", bad, "--out", out)
    assert result.exit_code != 0
    assert result.stderr.startswith(("Error: ", "Fout: "))
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".o-")]


def test_inputs_are_not_modified(demo):
    digests = {p: hashlib.sha256(p.read_bytes()).hexdigest()
               for p in (DEMO / "pre.sav", DEMO / "post.sav", DEMO / "vignetten.csv", CONFIG)}
    record = json.loads((demo / "results.json").read_text(encoding="utf-8"))
    recorded = {Path(i["path"]).name: i["sha256"] for i in record["provenance"]["inputs"]}
    assert recorded == {p.name: d for p, d in digests.items() if p != CONFIG}


def test_progress_only_on_a_terminal(capsys, monkeypatch):
    import io

    from maatwerk_stats.cli.factsheet import StepProgress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    progress = StepProgress(2, "nl", quiet=False)
    progress("vignette")
    progress("factsheet")
    assert terminal.getvalue() == ("[1/2] vignetstudie: modellen …\n"
                                   "[2/2] factsheet (HTML, DOCX) …\n")
    quiet = Terminal()
    monkeypatch.setattr("sys.stderr", quiet)
    StepProgress(1, "en", quiet=True)("tables")
    assert quiet.getvalue() == ""
    piped = io.StringIO()
    monkeypatch.setattr("sys.stderr", piped)
    StepProgress(1, "en", quiet=False)("tables")
    assert piped.getvalue() == ""


def test_colophon_scenario_box_and_logo(demo):
    """The published factsheet has authors, institutions, logos, contact, citation and the
    vignette text with its [slots]: config keys, shown in HTML and DOCX."""
    import io

    from docx import Document

    html = (demo / "factsheet.html").read_text(encoding="utf-8")
    text = html_text(demo)
    assert "Onderzoekers: A. de Onderzoeker en B. van Analyse. · Demoversie 1.0" in text
    assert ("Colofon Het onderzoek is uitgevoerd door Universiteit Voorbeeld en Gemeente "
            "Voorbeeld.") in text
    assert "Meer informatie of vragen: A. de Onderzoeker, a.deonderzoeker@example.org." in text
    assert "Demoversie 1.0 · december 2026 · Gemaakt met maatwerk-stats" in text
    assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]{100,}" '
                     r'alt="Logo Universiteit Voorbeeld">', html)
    assert '<strong class="slot">[informatie over reputatie]</strong>' in html
    assert ("Hulpbehoevendheid: De cliënt is goed ter been. / De cliënt is slecht ter "
            "been.") in text
    document = Document(io.BytesIO((demo / "factsheet.docx").read_bytes()))
    box = document.tables[1].rows[0].cells[0]  # after the scales table
    slots = [run.text for p in box.paragraphs for run in p.runs if run.bold
             and run.text.startswith("[")]
    assert slots == ["[informatie over reputatie]", "[informatie over hulpbehoevendheid]",
                     "[informatie over capaciteiten]"]
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "Citeren als: Onderzoeker, A. de, & Analyse, B. van (2026)." in paragraphs
    # the licence line and the handle/URL, as the published factsheet has them
    assert "Licentie: CC BY 4.0" in text and "Licentie: CC BY 4.0" in paragraphs
    assert ('<a href="https://example.org/factsheet-leeratelier-demo">'
            'https://example.org/factsheet-leeratelier-demo</a>') in html
    assert "https://example.org/factsheet-leeratelier-demo" in paragraphs
    assert len(document.inline_shapes) >= 3  # the logo and the two figures


SNAPSHOTS = Path(__file__).parent / "snapshots"


def visible_text(folder: Path) -> str:
    """The factsheet's text as a reader sees it, one block element per line (snapshots)."""
    html = (folder / "factsheet.html").read_text(encoding="utf-8")
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    html = re.sub(r"</(p|h1|h2|h3|tr|caption|li|figcaption)>", "\n", html)
    text = html_module.unescape(re.sub(r"<[^>]+>", " ", html))
    text = re.sub(r"maatwerk-stats \d+\.\d+\.\d+\S*", "maatwerk-stats VERSION", text)
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line) + "\n"


@pytest.fixture(scope="module")
def paired_en(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("paired_en") / "o"
    result = run("factsheet", "--config", PAIRED_CONFIG, "--out", out, "--lang", "en", "-q")
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize(("fixture", "name"), [
    ("demo", "leeratelier_nl"), ("demo_en", "leeratelier_en"), ("paired", "paired_nl"),
    ("paired_en", "paired_en")])
def test_text_snapshots(request, fixture, name):
    """The whole text of both demo factsheets in nl and en, read and approved as a whole
    (tests/cli/snapshots/*.txt; UPDATE_SNAPSHOTS=1 rewrites them after a deliberate change,
    then read the diff)."""
    text = visible_text(request.getfixturevalue(fixture))
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fixture", ["demo", "demo_en", "paired", "paired_en"])
def test_html_accessibility_basics(request, fixture):
    """WCAG 2.1 AA basics checked in the HTML itself: a language, every image has an alt
    text that says what it shows, tables have captions and header cells with a scope."""
    folder = request.getfixturevalue(fixture)
    html = (folder / "factsheet.html").read_text(encoding="utf-8")
    lang = "en" if fixture.endswith("_en") else "nl"
    assert f'<html lang="{lang}">' in html
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) >= 1
    for tag in images:
        alt = re.search(r'alt="([^"]*)"', tag)
        assert alt and len(alt.group(1)) >= 8, tag[:80]
    assert html.count("<table") == html.count("<caption>")
    assert '<th scope="col">' in html and '<th scope="row">' in html
    if lang == "nl":
        assert "1\u2060–\u20605" in html  # "1–5" does not break at the dash
    if fixture == "demo":
        figure = re.search(r'<figure class="fig-scale_means"[^>]*>\s*<img [^>]*alt="([^"]*)"', html)
        assert figure.group(1) == (
            "Gemiddelde per schaal met 95%-betrouwbaarheidsinterval. Samenwerking 4,20 vóór "
            "en 4,32 na; Regie 3,75 vóór en 3,84 na; Maatwerk 3,52 vóór en 3,67 na.")


@pytest.mark.parametrize(("fixture", "language"), [("demo", "nl-NL"), ("demo_en", "en-US"),
                                                   ("paired", "nl-NL")])
def test_docx_language_headings_alt_texts_and_table_headers(request, fixture, language):
    import io
    import zipfile

    from docx import Document
    from docx.oxml.ns import qn

    data = (request.getfixturevalue(fixture) / "factsheet.docx").read_bytes()
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode("utf-8")
    assert f'<w:lang w:val="{language}" w:eastAsia="{language}" w:bidi="{language}"/>' \
        in styles
    assert "en-US" not in styles if language == "nl-NL" else "nl-NL" not in styles
    document = Document(io.BytesIO(data))
    assert document.core_properties.language == language
    assert {"Title", "Heading 1", "Heading 2"} <= {p.style.name for p in document.paragraphs}
    for shape in document.inline_shapes:
        assert len(shape._inline.docPr.get("descr", "")) >= 8
    headers = [t.rows[0]._tr.trPr for t in document.tables  # all but the scenario box
               if not (len(t.rows) == 1 and len(t.columns) == 1)]
    assert headers and all(h is not None and h.find(qn("w:tblHeader")) is not None
                           for h in headers)
    # a figure stays with its caption
    pictures = [p for p in document.paragraphs if p._p.xpath(".//pic:pic")]
    assert pictures and all(p.paragraph_format.keep_with_next for p in pictures)
    if language == "nl-NL":
        assert "1\u2060–\u20605" in "\n".join(p.text for p in document.paragraphs)


@pytest.mark.parametrize("fixture", ["demo", "demo_en", "paired"])
def test_docx_notes_stay_on_the_page_of_their_table(request, fixture):
    """The scale note ("1–5 …") is a paragraph right under the scales table (not a Word
    footnote at the foot of the page): every paragraph from the table's caption to the note,
    table rows included, is keep-with-next, so the block moves to a page as a whole; the
    figure follows the note (it is not part of the block, else table and figure together
    would leave half a page empty in the paired DOCX)."""
    import io

    from docx import Document
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(
        (request.getfixturevalue(fixture) / "factsheet.docx").read_bytes()))
    body = list(document.element.body)
    tables = [i for i, e in enumerate(body) if e.tag == qn("w:tbl")]
    first = tables[0]  # the scales table, with its caption paragraph just before it
    texts = ["".join(t.text or "" for t in e.iter(qn("w:t"))) for e in body]
    note = next(i for i, text in enumerate(texts) if i > first and text.startswith("¹ "))
    assert note == first + 2, texts[first:note + 1]  # the table, a spacer, the note
    block = [Paragraph(p, document) for e in body[first - 1:note] for p in e.iter(qn("w:p"))]
    assert len(block) > 8 and all(p.paragraph_format.keep_with_next for p in block)
    assert body[note + 1].xpath(".//pic:pic")  # then the figure
    assert not Paragraph(body[note], document).paragraph_format.keep_with_next
    import zipfile

    parts = zipfile.ZipFile(request.getfixturevalue(fixture) / "factsheet.docx").namelist()
    assert "word/footnotes.xml" not in parts


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


# lists the elements that reach beyond the right edge of their page's text block
OVERFLOW_SCRIPT = """<script>
window.addEventListener('load', () => {
  const out = [];
  document.querySelectorAll('.page').forEach(page => {
    const edge = page.getBoundingClientRect().right;
    page.querySelectorAll('*').forEach(el => {
      const over = el.getBoundingClientRect().right - edge;
      if (over > 0.5) out.push(el.tagName.toLowerCase() + '.' + el.className + ' +'
                               + Math.round(over) + 'px');
    });
  });
  // text printed smaller than 8 pt (computed under the print rules; 8 pt = 10.667 CSS px)
  const small = [];
  document.querySelectorAll('.page *').forEach(el => {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (own && size < 10.66) small.push(el.tagName.toLowerCase() + '.' + el.className + ' '
                                        + (size * 0.75).toFixed(1) + 'pt');
  });
  const pre = document.createElement('pre');
  pre.id = 'overflow';
  pre.textContent = out.join('\\n') + '\\n--small--\\n' + small.join('\\n');
  document.body.appendChild(pre);
});
</script>"""


def overflowing(html: Path, tmp_path: Path) -> tuple[list[str], list[str]]:
    """The elements wider than the A4 text block (210 − 2 × 13 mm, the @page margins), and
    the elements whose own text is smaller than 8 pt, under the print stylesheet: the print
    rules applied on screen to a page of that width, measured by headless Chromium
    (--dump-dom runs the script above)."""
    import subprocess

    text = html.read_text(encoding="utf-8")
    assert "@page { size: A4; margin: 9mm 13mm 8mm 13mm; }" in text  # the width below
    text = text.replace("@media print {", "@media all {").replace(
        "</style>", ".page { width: 184mm !important; padding: 0 !important; }</style>"
    ).replace("</body>", OVERFLOW_SCRIPT + "</body>")
    copy = tmp_path / "overflow.html"
    copy.write_text(text, encoding="utf-8")
    dom = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                          "--no-first-run", f"--user-data-dir={tmp_path / 'u2'}", "--dump-dom",
                          str(copy)], check=True, capture_output=True, text=True,
                         timeout=120).stdout
    found = re.search(r'<pre id="overflow">(.*?)</pre>', dom, re.S)
    assert found, dom[-500:]
    wide, small = found.group(1).split("\n--small--\n")
    return [line for line in wide.split("\n") if line], [
        line for line in small.split("\n") if line]


@pytest.mark.slow
@pytest.mark.parametrize(("fixture", "pages"), [
    ("demo", 2), ("demo_en", 2), ("paired", 4), ("paired_en", 4)])
def test_printed_html_is_two_a4_pages(request, fixture, pages, tmp_path):
    """The print stylesheet keeps the Leeratelier factsheet to two A4 pages with its two key
    figures, like the published one, and the paired demo (subscales, sites, interviews and the
    interviews chart) to four; nothing is wider than the A4 text block (Chromium would shrink
    the whole page to fit). Headless Chromium prints the HTML to PDF
    (CI installs chromium and poppler-utils, see .ci/run; elsewhere the test is skipped
    only outside CI)."""
    import subprocess

    if chromium() is None or shutil.which("pdfinfo") is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs chromium and poppler-utils (pdfinfo) for this test")
        pytest.skip("needs chromium and pdfinfo")
    pdf = tmp_path / "print.pdf"
    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'u'}",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    str(request.getfixturevalue(fixture) / "factsheet.html")],
                   check=True, capture_output=True, timeout=120)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    assert re.search(rf"^Pages:\s+{pages}$", info, re.M), info
    wide, small = overflowing(request.getfixturevalue(fixture) / "factsheet.html", tmp_path)
    assert wide == []
    assert small == []  # no printed text below 8 pt (the figures: tests/test_printed_figures)
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    assert (round(float(size.group(1))), round(float(size.group(2)))) == (595, 842)  # A4

