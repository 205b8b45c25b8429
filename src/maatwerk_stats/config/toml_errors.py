"""What a TOML syntax error means, in the words of the person who made it.

:mod:`tomllib` says *where* a document stops parsing ("Invalid statement (at line 12, column
10)"). :func:`explain` reads that line and names the usual mistakes in a study config with
their fix: an unquoted key with a space or a letter such as ï (``[scales.beïnvloeding]``,
``helemaal mee eens = 5``), a text without quotes (also in a list: ``labels = [voor, na]``), a
list without commas, an unclosed quote or bracket, a missing ``=``, a comma before the ``}`` of
an inline table, a decimal comma, a Windows path with backslashes, a key or table given twice.
:func:`key_line` finds the line of a key, for the messages about a valid TOML value of the
wrong type (``min_items = "3"``).
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


def _bare_words(value: str) -> list[str]:
    """The entries of a one-line list ``[voor, na]`` that are neither quoted nor a number, a
    boolean or a nested list/table."""
    inner = value.strip()[1:].rstrip()
    inner = inner[:-1] if inner.endswith("]") else inner
    entries = [entry.strip() for entry in inner.split(",")]
    return [e for e in entries if e and not re.match(r"[\"'\[{]|[-+]?\d|true$|false$|inf$|nan$",
                                                     e)]


def _quoted_list(entries: str) -> str:
    """``voor, na`` → ``"voor", "na"`` (entries already quoted or numbers kept)."""
    out = []
    for entry in (e.strip() for e in entries.split(",")):
        if not entry:
            continue
        out.append(entry if re.match(r"[\"'\[{]|[-+]?\d|true$|false$", entry)
                   else f'"{entry}"')
    return ", ".join(out)


def _open_list(lines: list[str], number: int) -> bool:
    """Line ``number`` is inside a list opened on an earlier line (``items = [`` …)."""
    depth = 0
    for line in lines[: number - 1]:
        code = re.sub(r"\"[^\"]*\"|'[^']*'", '""', line).split("#", 1)[0]
        if depth == 0 and not re.match(r"\s*[^\[=]+=\s*\[", code):
            continue
        depth += code.count("[") - code.count("]")
    return depth > 0


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
        given = re.fullmatch(r"\[\[?\s*([^\[\]]*?)\s*\]?\]", stripped)
        what = (f"[{given.group(1)}]" if given else
                f"the key {stripped.split('=', 1)[0].strip()}" if "=" in stripped else
                "a key or [table]")
        return number, (f"{what} is given twice; keep one (the other is above this line; a "
                        "scale's keys all go under its one [scales.NAME] header)")
    if _open_list(lines, number) and not stripped.startswith(("[", "]")):
        entry = stripped.rstrip(",").strip()
        if entry and not re.match(r"[\"'\[{]|[-+]?\d|true$|false$", entry):
            return number, f"a text in a list must be in quotes: write {_quoted_list(entry)}"
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
        if value.startswith("[") and _bare_words(value):
            entries = value.strip()[1:].rstrip().removesuffix("]")
            return number, (f"a text in a list must be in quotes: write {key} = "
                            f"[{_quoted_list(entries)}]")
        if value.startswith("[") and re.search(r"[\"'\d]\s+[\"'\d]", value):
            return number, "separate the entries of a list with commas: [\"a\", \"b\"]"
        if value.startswith("{") and not value.endswith("}"):
            return number, ("an inline table { ... } must be on one line and end with }; for "
                            "longer maps use a [table] with one key = value per line")
        if value.startswith("{") and re.search(r",\s*}$", value):
            return number, "remove the comma before } (TOML allows none there)"
        if value and not re.match(r"[\"'\[{\-+0-9]|true|false|inf|nan", value):
            return number, f"a text must be in quotes: write {key} = \"{value}\""
    elif "expected '='" in lowered and re.match(r"[\w\"'.-]+\s+\S", stripped):
        key, value = stripped.split(None, 1)
        return number, f"put = between the key and its value: write {key} = {value}"
    elif stripped and not stripped.startswith("#"):
        return number, ("every line is key = value, a [table] header or a # comment; "
                        "a text spread over lines needs triple quotes \"\"\"...\"\"\"")
    return number, "check quotes, commas and brackets on that line and the one before"


def key_line(text: str, path: str) -> int | None:
    """The line (1-based) of ``text`` where the key ``path`` (``scales.a.min_items``, as the
    config messages name it) is set, or None: the table headers (``[scales.a]``, also quoted
    parts) are followed, a dotted key on a line is read whole."""
    target = [part.strip().strip("\"'") for part in _split_key(path)]
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.fullmatch(r"\[\[?\s*([^\[\]]*?)\s*\]?\]\s*(#.*)?", stripped)
        if header:
            table = [p.strip().strip("\"'") for p in _split_key(header.group(1))]
            if table == target:
                return number
            continue
        found = re.match(r"\s*((?:\"[^\"]*\"|'[^']*'|[^=\"'#])+?)\s*=", line)
        if found:
            key = [p.strip().strip("\"'") for p in _split_key(found.group(1))]
            if table + key == target:
                return number
    return None


def _split_key(key: str) -> list[str]:
    """``scales."a.b".items`` → ``['scales', '"a.b"', 'items']`` (dots in quotes kept)."""
    return re.findall(r"\"[^\"]*\"|'[^']*'|[^.]+", key)


_PROBLEM_KEY = re.compile(r"(?:unknown key '([^']+)'|([\w\"'.-]+) must be )")


def locate(text: str, problem: str) -> str:
    """A config problem (``scales.a.min_items must be a whole number ≥ 1, not '2'``) with the
    line of its key in front (``line 7: …``) and, for a value in quotes where a number, a list
    of numbers or true/false belongs, how to write it."""
    found = _PROBLEM_KEY.match(problem)
    if not found:
        return problem
    path = found.group(1) or found.group(2)
    number = key_line(text, path)
    if number is None:
        return problem
    line = text.splitlines()[number - 1]
    fix = ""
    value = re.match(r"\s*[^=]+=\s*([\"'])(.*)\1\s*(#.*)?$", line)
    if found.group(2) and value:
        key = _split_key(path)[-1]
        inner = value.group(2).strip()
        if " must be a list of numbers" in problem and re.fullmatch(
                r"-?\d+(?:\.\d+)?(?:\s*(?:-|,|\s)\s*-?\d+(?:\.\d+)?)+", inner):
            numbers = re.split(r"(?<=\d)\s*[-,\s]\s*", inner)
            fix = f"; write {key} = [{', '.join(numbers)}]"
        elif " must be true or false" in problem:
            yes = inner.casefold() in ("ja", "yes", "true", "waar", "1", "y", "j")
            fix = f"; write {key} = {'true' if yes else 'false'} (without quotes)"
        elif " must be a" in problem and "number" in problem and re.fullmatch(
                r"-?\d+(?:[.,]\d+)?", inner):
            fix = f"; write {key} = {inner.replace(',', '.')} (a number, without quotes)"
    return f"line {number}: {problem}{fix}"
