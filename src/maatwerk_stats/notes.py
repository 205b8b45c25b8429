"""Notes and warnings that travel with a result: structured, rendered in one place.

A :class:`Note` has a ``kind`` (a stable key, e.g. ``rows_without_group``), the ``subject`` it
is about (a column, scale or group), the numbers it reports (``values``) and, separately, the
respondent ids it names (``ids``). The ids are shown on the terminal of the person who ran the
analysis and never published: :meth:`Note.text` with ``publish=True`` and :meth:`Note.record`
leave them out by field, so no text needs to be scrubbed afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .errors import library_reference, render_references

Reference = Callable[[str, "str | None"], str]

NOT_PUBLISHED = " (ids not published)"


@dataclass(frozen=True)
class Note:
    """One note. ``template`` is the finished English sentence, except for an optional
    ``{ids}`` slot where the ids go: on the terminal as ``ids_text`` (its ``{ids}`` replaced
    by the ids joined by commas), in published output as " (ids not published)". ``values``
    holds the numbers the sentence states, for scripts that read ``results.json``.
    ``variant`` names another wording of the sentence for where the note is shown (the
    factsheet's ``unpublished``: the ids are not in its output, see
    :func:`maatwerk_stats.publish.privacy.ids_not_published`); the reader's language then uses
    the word table's ``notes.KIND_VARIANT``."""

    kind: str
    template: str
    values: Mapping[str, Any] = field(default_factory=dict)
    subject: str | None = None
    level: Literal["note", "warning"] = "note"
    ids: tuple[str, ...] = ()
    ids_text: str = ": {ids}"
    variant: str = ""

    def text(self, publish: bool = False, reference: Reference = library_reference) -> str:
        """The sentence; parameters it names are written by ``reference`` (the CLI passes
        one that writes its flags, see :func:`maatwerk_stats.errors.param`)."""
        text = self.template
        if "{ids}" in text:
            ids = (NOT_PUBLISHED if publish else
                   self.ids_text.replace("{ids}", ", ".join(self.ids)))
            text = text.replace("{ids}", ids)
        return render_references(text, reference)

    def record(self, reference: Reference = library_reference) -> dict[str, Any]:
        """What ``results.json`` holds: everything but the ids."""
        return {"kind": self.kind, "level": self.level, "subject": self.subject,
                "values": dict(self.values),
                "text": self.text(publish=True, reference=reference)}

    def __str__(self) -> str:
        return self.text()


def warning(kind: str, template: str, **fields: Any) -> Note:
    return Note(kind, template, level="warning", **fields)
