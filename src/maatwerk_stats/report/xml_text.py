"""Text that XML can hold: what an .xlsx or .docx (XML inside a zip) can store of any text.

XML 1.0 (§2.2, ``Char``) allows tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD
and U+10000–U+10FFFF. Anything else in a label or a value (a vertical tab from Word, a form
feed from a PDF transcript, U+FFFF from a broken export) made lxml raise "All strings must be
XML compatible" while the workbook or the Word file was written: an internal error (exit 70)
after every analysis had run. Those characters become U+FFFD (as in the .xlsx:
``report/xlsx.py``, and the CSVs: ``io/write.py``); the text is otherwise unchanged.
"""

from __future__ import annotations

import dataclasses
from typing import Any

# the characters XML 1.0 cannot hold that text read from a file can: the C0 controls but tab,
# line feed and carriage return, U+FFFE and U+FFFF (what the .xlsx writer replaces too)
from .xlsx import ILLEGAL_CHARACTERS as NOT_XML


def xml_text(value: str) -> str:
    """``value`` with every character XML 1.0 cannot hold replaced by U+FFFD."""
    return NOT_XML.sub("\ufffd", value)


def xml_safe(value: Any) -> Any:
    """``value`` with :func:`xml_text` applied to every string inside it: in (frozen)
    dataclasses, tuples, lists and dict keys and values; anything else (numbers, bytes,
    tables) as it is. The factsheet is made of finished text in such containers."""
    if isinstance(value, str):
        return xml_text(value) if NOT_XML.search(value) else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: xml_safe(getattr(value, f.name))
                   for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return type(value)(*(xml_safe(v) for v in value))
    if isinstance(value, tuple | list):
        return type(value)(xml_safe(v) for v in value)
    if isinstance(value, dict):
        return {xml_safe(k): xml_safe(v) for k, v in value.items()}
    return value
