"""What a TOML syntax error means, in the words of the person who made it.

:mod:`tomllib` says *where* a document stops parsing ("Invalid statement (at line 12, column
10)"). :func:`explain` reads that line and names the usual mistakes in a study config with
their fix: an unquoted key with a space or a letter such as ï (``[scales.beïnvloeding]``,
``helemaal mee eens = 5``), a text without quotes, a list without commas, an unclosed quote or
bracket, a decimal comma, a Windows path with backslashes, a key or table given twice.
"""

from __future__ import annotations

import re

_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")
_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _quote_key(key: str) -> str:
    """``a.b`` with each part that needs it in quotes (``scales."beïnvloeding"``)."""
    parts = [p.strip() for p in key.split(".")]
    return ".".join(p if _BARE.fullmatch(p) or p.startswith(('"', "'")) else f'"{p}"'
                    for p in parts)


def explain(text: str, message: str) -> tuple[int | None, str]:
    """(line number, advice) for the TOML error ``message`` raised on ``text``."""
    found = _WHERE.search(message)
    if not found:
        lines = text.splitlines()
        for number in range(len(lines), 0, -1):
            line = lines[number - 1]
            if line.count('"') % 2 == 1 and '"""' not in line:
                return number, "a text is not closed: end it with the same quote it starts with"
            if line.count("[") > line.count("]"):
                return number, "a list is not closed: end it with ], e.g. [\"a\", \"b\"]"
        return None, "check quotes and brackets"
    number = int(found.group(1))
    lines = text.splitlines()
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    stripped = line.split("#", 1)[0].strip() if '"' not in line else line.strip()
    lowered = message.lower()
    if "cannot overwrite" in lowered or "cannot declare" in lowered or "twice" in lowered:
        return number, ("a key or [table] is given twice; keep one (a scale's keys all go "
                        "under its one [scales.NAME] header)")
    header = re.fullmatch(r"\[\[?\s*([^\[\]]*?)\s*\]?\]", stripped)
    if header:
        key = header.group(1)
        if key and not all(_BARE.fullmatch(p.strip()) or p.strip()[:1] in "\"'"
                           for p in key.split(".")):
            return number, (f"a name with a space or a letter such as ë, ï or é must be in "
                            f"quotes: write [{_quote_key(key)}]")
    if stripped.startswith("[") and not stripped.endswith("]"):
        return number, "close the table name with ]: e.g. [scales.samenwerking]"
    if "=" in stripped:
        key, value = (part.strip() for part in stripped.split("=", 1))
        if key and not key.startswith(('"', "'")) and not all(
                _BARE.fullmatch(p.strip()) for p in key.split(".")):
            return number, (f"a key with a space or a letter such as ë, ï or é must be in "
                            f"quotes: write {_quote_key(key)} = {value}")
        if value.count('"') % 2 == 1 or value.count("'") % 2 == 1:
            return number, "a text is not closed: end it with the same quote it starts with"
        if re.search(r'"[A-Za-z]:\\', value) or ("\\" in value and '"' in value):
            return number, ("a backslash starts an escape in \"...\": write the path with / "
                            "(\"data/enquete.csv\") or in single quotes ('C:\\data\\x.csv')")
        if re.fullmatch(r"-?\d+,\d+", value):
            return number, f"a number takes a decimal point: write {value.replace(',', '.')}"
        if value.startswith("[") and (value.count("[") > value.count("]")):
            return number, "a list is not closed: end it with ], e.g. [\"a\", \"b\"]"
        if value.startswith("[") and re.search(r"[\"'\d]\s+[\"'\d]", value):
            return number, "separate the entries of a list with commas: [\"a\", \"b\"]"
        if value.startswith("{") and not value.endswith("}"):
            return number, ("an inline table { ... } must be on one line and end with }; for "
                            "longer maps use a [table] with one key = value per line")
        if value.startswith("{") and re.search(r",\s*}$", value):
            return number, "remove the comma before } (TOML allows none there)"
        if value and not re.match(r"[\"'\[{\-+0-9]|true|false|inf|nan", value):
            return number, f"a text must be in quotes: write {key} = \"{value}\""
    elif stripped and not stripped.startswith("#"):
        return number, ("every line is key = value, a [table] header or a # comment; "
                        "a text spread over lines needs triple quotes \"\"\"...\"\"\"")
    return number, "check quotes, commas and brackets on that line and the one before"
