"""Notes in the reader's language (report/notes.py): a whole sentence in Dutch, or the
note's own English sentence, never half of each."""

from __future__ import annotations

import pytest

from maatwerk_stats.errors import library_reference
from maatwerk_stats.notes import Note, warning
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


def test_unknown_note_stays_english_with_english_prefix():
    note = warning("something_new", "a new warning.")
    assert note_line(note, "nl", library_reference) == "Warning: a new warning."


def test_every_dutch_note_sentence_has_an_english_one():
    assert set(section("notes", "nl")) == set(section("notes", "en"))


# The analyses whose notes the terminal shows in the chosen language (besides scales/compare).
NOTE_SOURCES = ["analyses/vignette.py", "analyses/vignette_degenerate.py",
                "analyses/vignette_models.py", "prepare/ratings.py", "analyses/teams.py",
                "prepare/teams.py", "analyses/correlate.py", "analyses/regress.py",
                "analyses/codes.py"]
# Kinds whose sentence depends on a value (report/notes.py:_key): key → its variants.
VARIANTS = {"degenerate_group": ["degenerate_group_one", "degenerate_group_constant"],
            "mixed_model_failed": ["mixed_model_failed", "mixed_model_failed_pooled"],
            "mixed_model_not_converged": ["mixed_model_not_converged",
                                          "mixed_model_not_converged_pooled"],
            "mixed_model_boundary": ["mixed_model_boundary", "mixed_model_boundary_pooled"]}
# A note whose text comes from the export reader, in English only (a rare archive problem).
ENGLISH_ONLY = {"qda_export"}


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
