"""Every message a user can get is written in English and Dutch (``maatwerk_stats.errors``).

The source is read, not run: a message literal (a string or f-string, or a sum of them) given
as the English-only message of a :class:`~maatwerk_stats.errors.MaatwerkError`, to a config
checker's ``fail`` or to a list of ``problems`` has no Dutch text, and is shown in English in a
Dutch run. ``ENGLISH_ONLY`` counts those per module while they are translated; it may only go
down, and a module whose messages are all bilingual leaves it.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "maatwerk_stats"

ERRORS = {"MaatwerkError", "InputFileError", "DataError", "OutOfRangeError", "ConfigError",
          "OptionError", "OutputError"}

# module (relative to src/maatwerk_stats) → messages without Dutch, still to translate
ENGLISH_ONLY: dict[str, int] = {
}


def _is_literal(node: ast.AST) -> bool:
    """A message written here: a string, an f-string, or ``+`` / implicit joins of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_literal(node.left) or _is_literal(node.right)
    if isinstance(node, ast.IfExp):
        return _is_literal(node.body) or _is_literal(node.orelse)
    return False


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def english_only(tree: ast.AST) -> list[int]:
    """Line numbers of the English-only messages in a module's syntax tree."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = _name(node.func)
        first = node.args[0]
        if name in ERRORS:
            if any(k.arg == "nl" for k in node.keywords):
                continue
            if isinstance(first, ast.List):  # ConfigError([...]): every item counts
                lines += [item.lineno for item in first.elts if _is_literal(item)]
            elif _is_literal(first):
                lines.append(node.lineno)
        elif _is_literal(first) and (
                name == "fail" or (name == "append" and isinstance(node.func, ast.Attribute)
                                   and _name(node.func.value) == "problems")):
            lines.append(node.lineno)
    return sorted(lines)


def scan() -> dict[str, list[int]]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        lines = english_only(ast.parse(path.read_text(encoding="utf-8")))
        if lines:
            found[path.relative_to(SRC).as_posix()] = lines
    return found


def test_the_scanner_finds_english_only_messages_and_passes_bilingual_ones():
    tree = ast.parse('''
raise DataError(f"column {c} not found")
raise ConfigError(["a", Text(en="b", nl="b")], source=s)
check.fail("scales is empty")
self.problems.append("x " + name)
raise DataError(en=f"column {c} not found", nl=f"kolom {c} niet gevonden")
raise OptionError(Text(en="a", nl="b"))
check.fail(Text(en="a", nl="b"))
raise ConfigError(check.problems, source=source)
raise ValueError("not a user message")
''')
    assert english_only(tree) == [2, 3, 4, 5]


def test_every_user_message_has_dutch_or_is_counted():
    found = {module: len(lines) for module, lines in scan().items()}
    grew = {m: (n, ENGLISH_ONLY.get(m, 0)) for m, n in found.items()
            if n > ENGLISH_ONLY.get(m, 0)}
    assert not grew, (
        "messages without a Dutch text (write DataError(en=..., nl=...) or Text(en, nl)); "
        "module: (found, allowed): " + repr(grew) + "; lines: "
        + repr({m: scan()[m] for m in grew}))
    shrank = {m: (found.get(m, 0), n) for m, n in ENGLISH_ONLY.items() if found.get(m, 0) < n}
    assert not shrank, "translated, lower ENGLISH_ONLY to what is left: " + repr(shrank)
