"""Notes in the reader's language (report/notes.py): a whole sentence in Dutch, or the
note's own English sentence, never half of each."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from maatwerk_stats.errors import library_reference
from maatwerk_stats.io.dataset import Dataset
from maatwerk_stats.notes import Note, warning
from maatwerk_stats.prepare.items import duplicate_ids_note
from maatwerk_stats.report.i18n import section, sections
from maatwerk_stats.report.notes import note_line


def test_known_note_in_dutch_with_dutch_numbers():
    note = Note("few_complete_respondents", "scale regie: alpha rests on 1234 complete "
                "respondents; its confidence interval is wide.", subject="regie",
                values={"n": 1234})
    assert note_line(note, "nl", library_reference) == (
        "Let op: schaal regie: alfa berust op 1.234 respondenten die alle items "
        "beantwoordden; het betrouwbaarheidsinterval is breed.")
    assert note_line(note, "en", library_reference) == "Note: " + note.template


def test_duplicate_ids_in_dutch_with_and_without_a_measurement():
    frame = pd.DataFrame({"nr": [5.0, 5.0, 6.0, 6.0], "meting": ["voor", "voor", "voor", "na"]})
    data = Dataset(frame=frame, variables={}, path=Path("d.csv"), file_format="csv",
                   sha256="")
    whole, within = duplicate_ids_note(data, "nr"), duplicate_ids_note(data, "nr", "meting")
    assert note_line(whole, "nl", library_reference) == (
        "Waarschuwing: id-kolom 'nr' van d.csv: 2 id('s) komen meer dan eens voor (4 rijen: "
        "datarijen 1, 2, 3, 4). Elke persoon hoort één keer voor te komen: haal de dubbele "
        "rijen weg, of controleer of study.id het respondentnummer noemt.")
    assert note_line(within, "nl", library_reference) == (
        "Waarschuwing: id-kolom 'nr' van d.csv: 1 id('s) komen meer dan eens voor binnen één "
        "groep van 'meting' (2 rijen: datarijen 1, 2). Elke persoon hoort één keer per groep "
        "voor te komen: haal de dubbele rijen weg, of controleer of study.id het "
        "respondentnummer noemt.")
    assert note_line(within, "en", library_reference) == "Warning: " + within.text()


def test_unknown_note_stays_english_with_english_prefix():
    note = warning("something_new", "a new warning.")
    assert note_line(note, "nl", library_reference) == "Warning: a new warning."


def test_every_dutch_note_sentence_has_an_english_one():
    assert set(section("notes", "nl")) == set(section("notes", "en"))


# The analyses whose notes the terminal shows in the chosen language.
NOTE_SOURCES = ["analyses/vignette.py", "analyses/vignette_degenerate.py",
                "analyses/vignette_models.py", "prepare/ratings.py", "analyses/teams.py",
                "prepare/teams.py", "analyses/correlate.py", "analyses/regress.py",
                "analyses/codes.py", "io/qda.py", "publish/vignette_groups.py",
                # compare's sources
                "analyses/compare.py", "analyses/compare_mixed.py",
                "analyses/compare_models.py", "prepare/measurements.py",
                # scales' sources: scoring, reliability, and the missing-code check
                "analyses/scales.py", "prepare/items.py", "config/draft.py"]
# Kinds whose sentence depends on a value (report/notes.py:_key): key → its variants.
VARIANTS = {"degenerate_group": ["degenerate_group_one", "degenerate_group_constant"],
            "mixed_model_failed": ["mixed_model_failed", "mixed_model_failed_pooled"],
            "mixed_model_not_converged": ["mixed_model_not_converged",
                                          "mixed_model_not_converged_pooled"],
            "mixed_model_boundary": ["mixed_model_boundary", "mixed_model_boundary_pooled"],
            "measured_once": ["measured_once_differ", "measured_once_similar",
                              "measured_once_few_incomplete", "measured_once_few_complete",
                              "measured_once_untested"],
            "negative_item_rest": ["negative_item_rest", "negative_item_rest_reversed"],
            "duplicate_ids": ["duplicate_ids", "duplicate_ids_within"],
            "omega_heywood": ["omega_heywood", "omega_heywood_group"],
            "omega_h_heywood": ["omega_h_heywood", "omega_h_heywood_group"]}
# Notes kept in English only (none today: the export reader's note has a sentence too).
ENGLISH_ONLY: set[str] = set()


def _kinds(relative: str) -> set[str]:
    import re
    from pathlib import Path

    import maatwerk_stats

    text = (Path(maatwerk_stats.__file__).parent / relative).read_text(encoding="utf-8")
    return set(re.findall(r"(?:Note|warning)\(\s*\"(\w+)\"", text))


@pytest.mark.parametrize("relative", NOTE_SOURCES)
def test_every_note_of_these_analyses_has_a_dutch_sentence(relative):
    kinds = _kinds(relative) - ENGLISH_ONLY
    assert kinds, relative  # the pattern still finds the notes
    table = section("notes", "nl")
    missing = [k for k in kinds for key in VARIANTS.get(k, [k]) if key not in table]
    assert not missing, missing


def test_dutch_and_english_sentences_have_the_same_slots():
    from string import Formatter

    def slots(text):
        return {name for _, name, _, _ in Formatter().parse(text) if name}

    for key, texts in sections("notes").items():
        assert slots(texts["nl"]) == slots(texts["en"]), key


def test_variant_sentences_and_parameters_written_as_flags():
    from maatwerk_stats.cli.app import cli_reference

    one = warning("degenerate_group", "…", subject="voor",
                  values={"n_respondents": 1, "reason": "one respondent"})
    assert note_line(one, "nl", library_reference).startswith(
        "Waarschuwing: groep 'voor' heeft maar één respondent:")
    flat = warning("degenerate_group", "…", subject="na",
                   values={"n_respondents": 3, "reason": "every rating the same"})
    assert note_line(flat, "nl", library_reference).startswith(
        "Waarschuwing: groep 'na' heeft oordelen die nooit variëren")
    pooled = warning("mixed_model_boundary", "…", subject="pooled")
    assert note_line(pooled, "nl", library_reference).startswith(
        "Waarschuwing: het gemengde model met groepen ligt op de rand")
    few = Note("few_respondents_cr1", "…", values={"n_respondents": 12})
    assert note_line(few, "nl", cli_reference).endswith("overweeg --cluster-se cr2.")
    assert note_line(few, "nl", library_reference).endswith("overweeg cluster_se=cr2.")
    slope = warning("position_effect", "…", values={"estimate": -0.0421, "p_value": 0.0004})
    assert note_line(slope, "nl", library_reference) == (
        "Waarschuwing: de positie waarop een vignet werd getoond beïnvloedt de oordelen "
        "(helling −0,042 per positie, p < 0,001): controleer of de volgorde willekeurig was.")


def test_ids_listed_on_the_terminal_keep_the_english_sentence():
    """A note that lists ids on the terminal (``{ids}`` in its ids_text) is not translated:
    the Dutch sentence could not place them."""
    note = Note("straightliners_excluded", "2 left out{ids}.", values={"n_respondents": 2},
                ids=("r1", "r2"))
    assert note_line(note, "nl", library_reference) == "Note: 2 left out: r1, r2."


def test_notes_of_scoring_and_pairing_in_dutch():
    from maatwerk_stats.cli.app import cli_reference

    assert note_line(Note("out_of_range_missing", "…", values={"n_values": 3}), "nl",
                     cli_reference) == ("Let op: 3 waarde(n) buiten het opgegeven bereik zijn "
                                        "als ontbrekend behandeld (--out-of-range missing).")
    assert note_line(Note("rows_without_id", "…", subject="respnr",
                          values={"n_rows": 2, "group": "na"}), "nl", cli_reference) == (
        "Let op: 2 rij(en) van 'na' hebben geen 'respnr' en zijn niet te koppelen; ze zijn "
        "weggelaten.")
    assert note_line(Note("site_mixed", "…", subject="gemeente"), "nl", cli_reference) \
        .startswith("Let op: --site: bij gepaarde data komt de verandering per locatie")


def test_notes_of_compare_in_dutch_and_english():
    from maatwerk_stats.cli.app import cli_reference

    once = warning("measured_once", "…", subject="regie", values={
        "n_respondents": 1234, "n_measured_once": 40, "n_complete": 1194, "n_incomplete": 40,
        "p_value": 0.012, "mean_diff": -0.314, "first": "1", "first_label": "voor",
        "reason": ""})
    assert note_line(once, "nl", cli_reference) == (
        "Waarschuwing: regie: het gemengde model gebruikt alle 1.234 respondenten met een "
        "score, van wie 40 één keer gemeten; bij 'voor' verschillen de 40 die niet elke keer "
        "gemeten zijn significant van de 1.194 die elke keer gemeten zijn (verschil −0,31, "
        "Welch p = 0,012): wie afhaakte lijkt niet op wie bleef, lees de verandering dus "
        "voorzichtig.")
    assert note_line(once, "en", cli_reference).startswith("Warning: …")  # own sentence
    few = Note("measured_once", "…", subject="regie", values={
        "n_respondents": 10, "n_measured_once": 1, "n_complete": 9, "n_incomplete": 1,
        "p_value": float("nan"), "mean_diff": float("nan"), "first": "voor",
        "reason": "few_incomplete"})
    assert note_line(few, "nl", cli_reference).endswith("gemeten: geen uitvaltoets).")
    waves = Note("three_waves", "…", values={"n_waves": 3, "first": "t0", "second": "t1"})
    assert note_line(waves, "nl", cli_reference) == (
        "Let op: 3 metingen: alle paarsgewijze veranderingen komen uit het gemengde model "
        "(compare_mixed.csv, als met --model mixed); de t-toetstabellen vergelijken de eerste "
        "twee ('t0', 't1').")
    number = Note("covariate_used_as_number", "…", subject="opleiding",
                  values={"n_values": 4})
    assert note_line(number, "nl", cli_reference).endswith(
        "voeg dan --categorical opleiding toe.")
    other = Note("rows_in_other_groups", "…", subject="sekse",
                 values={"n_rows": 3, "groups": [], "compared": ["m", "v"]})
    assert note_line(other, "nl", cli_reference) == (
        "Let op: 3 rij(en) met een andere waarde in 'sekse' zijn weggelaten (vergeleken: m, v).")
    unmatched = Note("unmatched_ids", "… (the ids are listed in compare_unmatched.csv).",
                     subject="respnr", values={"n_pairs": 18, "n_unmatched": 2},
                     ids=("r7", "r9"), ids_text=" (the ids are listed in compare_unmatched.csv)")
    for lang in ("nl", "en"):
        line = note_line(unmatched, lang, cli_reference)
        assert "r7" not in line and "r9" not in line and "compare_unmatched.csv" in line


def test_factsheet_notes_do_not_point_to_files_it_does_not_write():
    """The factsheet writes no compare_unmatched.csv and no ids in vignette_design.csv: its
    notes say the ids are not published and which command lists them, in both languages."""
    from maatwerk_stats.cli.app import cli_reference
    from maatwerk_stats.publish.privacy import IDS_ELSEWHERE, ids_not_published

    unmatched = Note("unmatched_ids", "paired data: 2 id(s) only in 'voor'; analysed: 18 "
                     "matched pairs{ids}.", subject="respnr",
                     values={"n_pairs": 18, "n_unmatched": 2}, ids=("r7", "r9"),
                     ids_text=" (the ids are listed in compare_unmatched.csv)")
    published = ids_not_published(unmatched)
    assert note_line(published, "nl", cli_reference) == (
        "Let op: gepaarde data: 2 id('s) staan in maar één meting; geanalyseerd: 18 "
        "gekoppelde paren (de ids worden niet gepubliceerd; `maatwerk-stats compare` op "
        "dezelfde data zet ze in compare_unmatched.csv).")
    assert note_line(published, "en", cli_reference) == (
        "Note: paired data: 2 id(s) only in 'voor'; analysed: 18 matched pairs (the ids are "
        "not published; `maatwerk-stats compare` on the same data lists them in "
        "compare_unmatched.csv).")
    assert published.record() == unmatched.record()  # results.json: as before
    flat = warning("straightliners", "1 respondent(s) gave every vignette the same rating "
                   "(straight-lining){ids}.", values={"n_respondents": 1}, ids=("236",),
                   ids_text=" (ids in vignette_design.csv, check straightliners)")
    for lang in ("nl", "en"):
        line = note_line(ids_not_published(flat), lang, cli_reference)
        assert "`maatwerk-stats vignette`" in line and "236" not in line
    # every reworded kind has its factsheet sentence; a note without ids is left alone
    table = section("notes", "nl")
    assert all(f"{kind}_unpublished" in table for kind in IDS_ELSEWHERE)
    plain = Note("few_respondents_cr1", "…", values={"n_respondents": 12})
    assert ids_not_published(plain) is plain


def test_row_notes_of_compare_in_the_chosen_language():
    from maatwerk_stats.analyses.compare import independent_row, paired_row
    from maatwerk_stats.report.notes import row_note

    one = independent_row(np.array([3.0]), np.array([2.0, 4.0]), ("voor", "na"))["note"]
    assert row_note(one, "nl") == "groep voor heeft minder dan 2 antwoorden"
    assert row_note(one, "en") == one == "group voor has fewer than 2 answers"
    flat = paired_row(np.array([3.0, 3.0, 3.0]), np.array([3.0, 3.0, 3.0]))["note"]
    assert row_note(flat, "nl") == ("geen variantie in beide metingen: t, d_z en d_av niet "
                                    "gedefinieerd; alle verschillen zijn nul: "
                                    "rangtekentoets niet gedefinieerd")
    equal = independent_row(np.array([2.0, 2.0]), np.array([2.0, 2.0]), ("a", "b"))["note"]
    assert "; " in equal and "variantie" in row_note(equal, "nl")
    # a reason without a sentence keeps the whole cell English
    assert row_note("fewer than 2 complete pairs; something new", "nl") == (
        "fewer than 2 complete pairs; something new")


@pytest.mark.parametrize("group", ["all", "voor"])
def test_omega_h_heywood_in_dutch_and_english(group):
    from maatwerk_stats.analyses.scales import ALL
    from maatwerk_stats.stats.bifactor import MIN_UNIQUENESS

    assert ALL == "all"
    note = warning("omega_h_heywood", "scale methodisch: omega hierarchical rests on a Heywood "
                   "case — in the bifactor model an item's unique variance is held at 0.005 "
                   "(lavaan would let it go below zero), so omega_h is fragile. Check the items "
                   "and the subscales.", subject="methodisch",
                   values={"group": group, "group_label": "vóór" if group == "voor" else group,
                           "omega_h": 0.71, "min_uniqueness": MIN_UNIQUENESS})
    where = "" if group == "all" else " (groep vóór)"  # its label, not its code
    assert note_line(note, "nl", library_reference) == (
        f"Waarschuwing: schaal methodisch{where}: omega hiërarchisch berust op een "
        "Heywood-geval — in het bifactormodel is de unieke variantie van een item vastgezet op "
        "0,005 (lavaan zou die onder nul laten gaan), dus omega_h is wankel. Controleer de "
        "items en de subschalen.")
    english = note_line(note, "en", library_reference)
    assert english.startswith("Warning: scale methodisch") and "0.005" in english
