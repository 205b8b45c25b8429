"""Notes in the reader's language (report/notes.py): a whole sentence in Dutch, or the
note's own English sentence, never half of each."""

from __future__ import annotations

from maatwerk_stats.errors import library_reference
from maatwerk_stats.notes import Note, warning
from maatwerk_stats.report.i18n import section
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
