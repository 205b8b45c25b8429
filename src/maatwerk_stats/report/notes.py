"""Notes and warnings in the reader's language (the terminal).

A :class:`~maatwerk_stats.notes.Note` carries its finished English sentence plus its kind,
subject and values. Where :mod:`.i18n` has a ``notes.KIND`` sentence, :func:`note_line` writes
the note in Dutch or English from those fields, numbers in the language's format; other notes
keep their English sentence (and the English word "Note"/"Warning"), so a line is never half
Dutch, half English.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import render_references
from .format import fmt_number, fmt_p
from .i18n import section, sections, word

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


# Values shown with three decimals, as in the English sentences (a slope per position, ICC).
PRECISE = frozenset({"estimate", "icc1", "min_uniqueness"})


# Notes of one kind whose sentence depends on a value: the word table has one sentence per
# variant, under ``KIND_VARIANT``.
def _key(note: Note) -> str:
    if note.variant:  # worded for where it is shown (Note.variant)
        return f"{note.kind}_{note.variant}"
    if note.kind == "negative_item_rest" and note.values.get("reversed"):
        return "negative_item_rest_reversed"
    if note.kind == "degenerate_group":
        return ("degenerate_group_one" if note.values.get("reason") == "one respondent" else
                "degenerate_group_constant")
    if note.kind in ("omega_heywood", "omega_h_heywood") and \
            note.values.get("group", "all") != "all":
        return note.kind + "_group"
    if note.kind == "measured_once":  # compare_mixed._attrition_note: the attrition test
        reason = note.values.get("reason")
        if reason:
            return f"measured_once_{reason}"
        p = note.values.get("p_value")
        if p is None or p != p:
            return "measured_once_untested"
        return "measured_once_differ" if note.level == "warning" else "measured_once_similar"
    if note.kind == "duplicate_ids" and note.values.get("within") is not None:
        return "duplicate_ids_within"  # once per measurement (group), not once in the file
    if note.kind.startswith("mixed_model_") and note.subject == "pooled":
        return note.kind + "_pooled"  # the vignette's pooled model (with groups)
    return note.kind


def note_line(note: Note, lang: str | None, reference: Reference) -> str:
    """``Let op: …`` / ``Waarschuwing: …`` (nl) or ``Note: …`` / ``Warning: …`` (en).

    A Dutch sentence may name parameters as :func:`maatwerk_stats.errors.param` does
    (``⟨cluster_se=cr2⟩``), written by ``reference`` like the English one. A note that lists
    respondent ids on the terminal (its ``ids_text`` has an ``{ids}`` slot) keeps its English
    sentence; one that only points to where the ids are has that pointer in its Dutch
    sentence."""
    key = _key(note)
    # English: the note's own finished sentence (it has the singular/plural right)
    table = section("notes", lang) if lang and lang != "en" else {}
    lists_ids = "{ids}" in note.template and "{ids}" in note.ids_text
    if lang and key in table and not lists_ids:
        # codes are config values (missing_codes = [9]): written as TOML writes them
        values = {k: (", ".join(f"{float(c):g}" for c in v) if k == "codes" else
                      fmt_p(v, lang) if k == "p_value" else
                      fmt_number(v, 3, lang, sign=k == "estimate") if k in PRECISE else
                      _value(v, lang)) for k, v in note.values.items()}
        try:
            text = table[key].format(subject=note.subject, **values)
        except KeyError:  # a value the sentence needs is missing: keep the English note
            text = None
        if text is not None:
            prefix = word("warning" if note.level == "warning" else "note", lang)
            return f"{prefix}: {render_references(text, reference)}"
    prefix = "Warning" if note.level == "warning" else "Note"
    return f"{prefix}: {note.text(reference=reference)}"


def _pattern(template: str) -> re.Pattern[str]:
    """The English ``template`` as a regular expression, each ``{slot}`` a named group."""
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile("".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)"
                              for i, part in enumerate(parts)) + "$")


def row_note(note: str, lang: str | None) -> str:
    """The ``note`` cell of a compare table (English reasons joined by "; ", e.g. "group na
    has fewer than 2 answers") in ``lang``, each reason by its ``row_notes.*`` sentence. If a
    reason has no sentence the whole cell stays English (never half of each)."""
    if not lang or lang == "en" or not note:
        return note
    texts = sections("row_notes")
    out = []
    for part in note.split("; "):
        for entry in texts.values():
            found = _pattern(entry["en"]).match(part)
            if found:
                out.append(entry[lang].format(**found.groupdict()))
                break
        else:
            return note
    return "; ".join(out)
