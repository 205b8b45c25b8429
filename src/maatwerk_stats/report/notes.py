"""Notes and warnings in the reader's language (the terminal).

A :class:`~maatwerk_stats.notes.Note` carries its finished English sentence plus its kind,
subject and values. Where :mod:`.i18n` has a ``notes.KIND`` sentence, :func:`note_line` writes
the note in Dutch or English from those fields, numbers in the language's format; other notes
keep their English sentence (and the English word "Note"/"Warning"), so a line is never half
Dutch, half English.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .format import fmt_number
from .i18n import section, word

if TYPE_CHECKING:
    from ..notes import Note, Reference


def _value(value: object, lang: str) -> str:
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return fmt_number(value, 0, lang)
    if isinstance(value, float):
        return fmt_number(value, 0 if value.is_integer() else 2, lang)
    if isinstance(value, list | tuple):
        return ", ".join(_value(v, lang) for v in value)
    return str(value)


def note_line(note: Note, lang: str | None, reference: Reference) -> str:
    """``Let op: …`` / ``Waarschuwing: …`` (nl) or ``Note: …`` / ``Warning: …`` (en)."""
    key = note.kind
    if note.kind == "negative_item_rest" and note.values.get("reversed"):
        key = "negative_item_rest_reversed"
    # English: the note's own finished sentence (it has the singular/plural right)
    table = section("notes", lang) if lang and lang != "en" else {}
    if lang and key in table and "{ids}" not in note.template:
        # codes are config values (missing_codes = [9]): written as TOML writes them
        values = {k: (", ".join(f"{float(c):g}" for c in v) if k == "codes" else
                      _value(v, lang)) for k, v in note.values.items()}
        try:
            text = table[key].format(subject=note.subject, **values)
        except KeyError:  # a value the sentence needs is missing: keep the English note
            text = None
        if text is not None:
            prefix = word("warning" if note.level == "warning" else "note", lang)
            return f"{prefix}: {text}"
    prefix = "Warning" if note.level == "warning" else "Note"
    return f"{prefix}: {note.text(reference=reference)}"
