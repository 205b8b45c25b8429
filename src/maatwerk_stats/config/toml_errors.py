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

from ..errors import Text

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


def explain(text: str, message: str) -> tuple[int | None, Text]:
    """(line number, advice in English and Dutch) for the TOML error ``message`` raised on
    ``text``."""
    found = _WHERE.search(message)
    not_closed = Text(en="a text is not closed: end it with the same quote it starts with",
                      nl="een tekst is niet afgesloten: sluit hem af met hetzelfde "
                         "aanhalingsteken als waarmee hij begint")
    list_open = Text(en="a list is not closed: end it with ], e.g. [\"a\", \"b\"]",
                     nl="een lijst is niet afgesloten: sluit hem af met ], bijv. [\"a\", \"b\"]")
    if not found:
        lines = text.splitlines()
        for number in range(len(lines), 0, -1):
            line = lines[number - 1]
            if line.count('"') % 2 == 1 and '"""' not in line:
                return number, not_closed
            if line.count("[") > line.count("]"):
                return number, list_open
        return None, Text(en="check quotes and brackets",
                          nl="controleer de aanhalingstekens en haakjes")
    number = int(found.group(1))
    lines = text.splitlines()
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    stripped = line.split("#", 1)[0].strip() if '"' not in line else line.strip()
    lowered = message.lower()
    if "cannot overwrite" in lowered or "cannot declare" in lowered or "twice" in lowered:
        given = re.fullmatch(r"\[\[?\s*([^\[\]]*?)\s*\]?\]", stripped)
        key = stripped.split('=', 1)[0].strip()
        what = (Text(f"[{given.group(1)}]", f"[{given.group(1)}]") if given else
                Text(f"the key {key}", f"de sleutel {key}") if "=" in stripped else
                Text("a key or [table]", "een sleutel of [tabel]"))
        return number, Text(
            en=f"{what.en} is given twice; keep one (the other is above this line; a scale's "
               "keys all go under its one [scales.NAME] header)",
            nl=f"{what.nl} staat er twee keer; houd er één (de andere staat boven deze regel; "
               "alle sleutels van een schaal staan onder zijn ene kop [scales.NAME])")
    if _open_list(lines, number) and not stripped.startswith(("[", "]")):
        entry = stripped.rstrip(",").strip()
        if entry and not re.match(r"[\"'\[{]|[-+]?\d|true$|false$", entry):
            return number, Text(
                en=f"a text in a list must be in quotes: write {_quoted_list(entry)}",
                nl=f"een tekst in een lijst moet tussen aanhalingstekens: schrijf "
                   f"{_quoted_list(entry)}")
    header = re.fullmatch(r"\[\[?\s*([^\[\]]*?)\s*\]?\]", stripped)
    if header:
        key = header.group(1)
        if key and not all(_BARE.fullmatch(p.strip()) or p.strip()[:1] in "\"'"
                           for p in key.split(".")):
            return number, Text(
                en=f"a name with a space or a letter such as ë, ï or é must be in quotes: "
                   f"write [{_quote_key(key)}]",
                nl=f"een naam met een spatie of een letter als ë, ï of é moet tussen "
                   f"aanhalingstekens: schrijf [{_quote_key(key)}]")
    if stripped.startswith("[") and not stripped.endswith("]"):
        return number, Text(en="close the table name with ]: e.g. [scales.samenwerking]",
                            nl="sluit de tabelnaam af met ]: bijv. [scales.samenwerking]")
    if "=" in stripped:
        key, value = (part.strip() for part in stripped.split("=", 1))
        if key and not key.startswith(('"', "'")) and not all(
                _BARE.fullmatch(p.strip()) for p in key.split(".")):
            return number, Text(
                en=f"a key with a space or a letter such as ë, ï or é must be in quotes: "
                   f"write {_quote_key(key)} = {value}",
                nl=f"een sleutel met een spatie of een letter als ë, ï of é moet tussen "
                   f"aanhalingstekens: schrijf {_quote_key(key)} = {value}")
        if value.count('"') % 2 == 1 or value.count("'") % 2 == 1:
            return number, not_closed
        if re.search(r'"[A-Za-z]:\\', value) or ("\\" in value and '"' in value):
            return number, Text(
                en="a backslash starts an escape in \"...\": write the path with / "
                   "(\"data/enquete.csv\") or in single quotes ('C:\\data\\x.csv')",
                nl="een backslash begint een escape in \"...\": schrijf het pad met / "
                   "(\"data/enquete.csv\") of tussen enkele aanhalingstekens "
                   "('C:\\data\\x.csv')")
        if re.fullmatch(r"-?\d+,\d+", value):
            point = value.replace(',', '.')
            return number, Text(
                en=f"a number takes a decimal point: write {point}",
                nl=f"een getal krijgt in de config een decimale punt: schrijf {point}")
        if value.startswith("[") and (value.count("[") > value.count("]")):
            return number, list_open
        if value.startswith("[") and _bare_words(value):
            entries = value.strip()[1:].rstrip().removesuffix("]")
            return number, Text(
                en=f"a text in a list must be in quotes: write {key} = "
                   f"[{_quoted_list(entries)}]",
                nl=f"een tekst in een lijst moet tussen aanhalingstekens: schrijf {key} = "
                   f"[{_quoted_list(entries)}]")
        if value.startswith("[") and re.search(r"[\"'\d]\s+[\"'\d]", value):
            return number, Text(
                en="separate the entries of a list with commas: [\"a\", \"b\"]",
                nl="zet komma's tussen de waarden van een lijst: [\"a\", \"b\"]")
        if value.startswith("{") and not value.endswith("}"):
            return number, Text(
                en="an inline table { ... } must be on one line and end with }; for longer "
                   "maps use a [table] with one key = value per line",
                nl="een inline-tabel { ... } moet op één regel staan en eindigen met }; "
                   "gebruik voor langere lijsten een [tabel] met één sleutel = waarde per "
                   "regel")
        if value.startswith("{") and re.search(r",\s*}$", value):
            return number, Text(
                en="remove the comma before } (TOML allows none there)",
                nl="haal de komma voor } weg (TOML staat daar geen komma toe)")
        if value and not re.match(r"[\"'\[{\-+0-9]|true|false|inf|nan", value):
            return number, Text(
                en=f"a text must be in quotes: write {key} = \"{value}\"",
                nl=f"een tekst moet tussen aanhalingstekens: schrijf {key} = \"{value}\"")
    elif "expected '='" in lowered and re.match(r"[\w\"'.-]+\s+\S", stripped):
        key, value = stripped.split(None, 1)
        return number, Text(
            en=f"put = between the key and its value: write {key} = {value}",
            nl=f"zet = tussen de sleutel en zijn waarde: schrijf {key} = {value}")
    elif stripped and not stripped.startswith("#"):
        return number, Text(
            en="every line is key = value, a [table] header or a # comment; a text spread "
               "over lines needs triple quotes \"\"\"...\"\"\"",
            nl="elke regel is sleutel = waarde, een kop [tabel] of een # opmerking; een tekst "
               "over meer regels vraagt om drie aanhalingstekens \"\"\"...\"\"\"")
    return number, Text(
        en="check quotes, commas and brackets on that line and the one before",
        nl="controleer de aanhalingstekens, komma's en haakjes op die regel en de regel "
           "ervoor")


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


def locate(text: str, problem: str | Text) -> str | Text:
    """A config problem (``scales.a.min_items must be a whole number ≥ 1, not '2'``) with the
    line of its key in front (``line 7: …``, nl ``regel 7: …``) and, for a value in quotes
    where a number, a list of numbers or true/false belongs, how to write it (``; write …``,
    nl ``; schrijf …``). The key and the kind of problem are read from the English text; a
    :class:`~maatwerk_stats.errors.Text` problem comes back as one, in both languages."""
    english = str(problem)
    found = _PROBLEM_KEY.match(english)
    if not found:
        return problem
    path = found.group(1) or found.group(2)
    number = key_line(text, path)
    if number is None:
        return problem
    line = text.splitlines()[number - 1]
    fix = Text("", "")
    value = re.match(r"\s*[^=]+=\s*([\"'])(.*)\1\s*(#.*)?$", line)
    if found.group(2) and value:
        key = _split_key(path)[-1]
        inner = value.group(2).strip()
        if " must be a list of numbers" in english and re.fullmatch(
                r"-?\d+(?:\.\d+)?(?:\s*(?:-|,|\s)\s*-?\d+(?:\.\d+)?)+", inner):
            numbers = ", ".join(re.split(r"(?<=\d)\s*[-,\s]\s*", inner))
            fix = Text(f"; write {key} = [{numbers}]", f"; schrijf {key} = [{numbers}]")
        elif " must be true or false" in english:
            yes = inner.casefold() in ("ja", "yes", "true", "waar", "1", "y", "j")
            written = f"{key} = {'true' if yes else 'false'}"
            fix = Text(f"; write {written} (without quotes)",
                       f"; schrijf {written} (zonder aanhalingstekens)")
        elif " must be a" in english and "number" in english and re.fullmatch(
                r"-?\d+(?:[.,]\d+)?", inner):
            written = f"{key} = {inner.replace(',', '.')}"
            fix = Text(f"; write {written} (a number, without quotes)",
                       f"; schrijf {written} (een getal, zonder aanhalingstekens)")
    located = Text(en=f"line {number}: {english}{fix.en}",
                   nl=f"regel {number}: {problem.nl}{fix.nl}" if isinstance(problem, Text)
                   else "")
    return located if isinstance(problem, Text) else located.en


# tomllib's own messages (Python 3.11 ``tomllib/_parser.py``) in Dutch, for the part in
# brackets of "… is geen geldige TOML (…)"; a message not listed is quoted as tomllib wrote it
_PARSER_NL: tuple[tuple[str, str], ...] = (
    (r"Invalid statement", "ongeldige regel"),
    (r"Expected newline or end of document after a statement",
     "regeleinde of einde van het document verwacht na een regel"),
    (r"Expected '=' after a key in a key/value pair", "'=' verwacht na een sleutel"),
    (r"Expected '\]' at the end of a table declaration",
     "']' verwacht aan het einde van een tabelnaam"),
    (r"Expected '\]\]' at the end of an array declaration",
     "']]' verwacht aan het einde van een [[tabel]]-kop"),
    (r"Expected (.+)", r"\1 verwacht"),

    (r"Found invalid character (.+)", r"ongeldig teken \1"),
    (r"Cannot declare (.+) twice", r"\1 kan niet twee keer worden gedeclareerd"),
    (r"Cannot overwrite a value", "een waarde kan niet worden overschreven"),
    (r"Cannot mutate immutable namespace (.+)", r"\1 kan niet meer worden gewijzigd"),
    (r"Cannot redefine namespace (.+)", r"\1 kan niet opnieuw worden gedefinieerd"),
    (r"Invalid initial character for a key part", "ongeldig eerste teken van een sleutel"),
    (r"Unclosed array", "lijst niet afgesloten"),
    (r"Duplicate inline table key (.+)", r"sleutel \1 twee keer in een inline-tabel"),
    (r"Unclosed inline table", "inline-tabel niet afgesloten"),
    (r"Unescaped '\\' in a string", "losse '\\' in een tekst"),
    (r"Invalid hex value", "ongeldige hexadecimale waarde"),
    (r"Escaped character is not a Unicode scalar value",
     "het escape-teken is geen geldig Unicode-teken"),
    (r"Unterminated string", "tekst niet afgesloten"),
    (r"Illegal character (.+)", r"ongeldig teken \1"),
    (r"Invalid date or datetime", "ongeldige datum of tijd"),
    (r"Invalid value", "ongeldige waarde"),
)
_AT = re.compile(r"^(.*) \(at (?:line (\d+), column (\d+)|(end of document))\)$", re.S)


def parser_message_nl(message: str) -> str:
    """tomllib's message in Dutch: ``Invalid value (at line 2, column 9)`` → ``ongeldige
    waarde (op regel 2, kolom 9)``; a message without a Dutch text stays as it is."""
    found = _AT.match(message)
    if not found:
        return message
    what, line, column, end = found.groups()
    where = "aan het einde van het document" if end else f"op regel {line}, kolom {column}"
    for pattern, dutch in _PARSER_NL:
        if re.fullmatch(pattern, what, re.S):
            return f"{re.sub(pattern, dutch, what, count=1, flags=re.S)} ({where})"
    return f"{what} ({where})"
