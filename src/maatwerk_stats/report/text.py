"""Plain-text tables for the terminal (deterministic, no colours).

Tables are as wide as their widest cells. When a width is set (:func:`terminal_width`, the
CLI sets the terminal's width when stdout is a terminal; pipes and files get full lines),
text columns are wrapped at spaces, never inside a number, until the table fits; a table that
still does not fit is split into parts stacked one below the other (:func:`render_table`), and
paragraphs are wrapped with :func:`wrap`.
"""

from __future__ import annotations

import contextvars
import re
import textwrap
from collections.abc import Sequence

_WIDTH: contextvars.ContextVar[int | None] = contextvars.ContextVar("width", default=None)
MIN_COLUMN = 12
NBSP = "\u00a0"  # a space inside a cell where no line may break; printed as a space


def terminal_width(width: int | None = None) -> int | None:
    """Set the width tables and paragraphs must fit (None: unlimited); return the width."""
    if width is not None:
        _WIDTH.set(max(40, width))
    return _WIDTH.get()


# A statistic and its value (``g = 0,83``, ``p < 0,001``, ``N = 1.234``): never split.
_STATEMENT = re.compile(r"(?<![\w=<>])\w+ [=<>≤≥] [−+-]?\d[\d.,]*%?")


def wrap(text: str, width: int | None = None, indent: str = "  ") -> str:
    """``text`` wrapped at the set width, continuation lines indented (each paragraph); never
    inside a word, nor at a no-break space (:func:`whole`), which is printed as a space, nor
    inside a command in backticks that fits the window, nor between a statistic and its value
    (``g = 0,83``)."""
    width = width or _WIDTH.get()
    if width:
        def whole_commands(line: str) -> str:  # `maatwerk-stats init DATA` on one line
            line = _STATEMENT.sub(lambda m: whole(m.group(0)), line)  # g = 0,83 too
            return re.sub(r"`[^`\n]+`", lambda m: whole(m.group(0))
                          if len(m.group(0)) <= width - len(indent) else m.group(0), line)

        text = "\n".join(textwrap.fill(whole_commands(line), width, subsequent_indent=indent,
                                       break_long_words=False, break_on_hyphens=False)
                         if len(line) > width else line for line in text.split("\n"))
    return text.replace(NBSP, " ")


def whole(text: object) -> str:
    """``text`` that :func:`wrap` keeps on one line: a mark such as ``# CHECK:``, a file name
    with a space (its spaces become no-break spaces, printed as spaces)."""
    return str(text).replace(" ", NBSP)


def shell_word(text: object) -> str:
    """A file name or value as a shell reads it back (``'my export.csv'``, as
    ``shlex.quote``), kept whole by :func:`wrap`."""
    import shlex

    return whole(shlex.quote(str(text)))


def command_lines(words: Sequence[str], width: int | None = None, indent: str = "    ") -> str:
    """A command to copy: ``words`` (an option with its value as one word, see
    :func:`shell_word`) on one line, or, wider than the set width, over lines that end in
    `` \\`` so that the pasted lines are still one command (POSIX shell line continuation)."""
    width = width or _WIDTH.get()
    lines = [""]
    for word in words:
        if lines[-1].strip() and width and len(lines[-1]) + 1 + len(word) + 2 > width:
            lines[-1] += " \\"
            lines.append(indent)
        lines[-1] += ("" if not lines[-1].strip() else " ") + word
    return "\n".join(lines).replace(NBSP, " ")


def _floors(cells: list[list[str]]) -> list[int]:
    """Per column the narrowest width wrapping can give it: :data:`MIN_COLUMN` or its longest
    word (words as textwrap sees them: a no-break space (NBSP) joins, str.split() would split
    there)."""
    return [max([MIN_COLUMN] + [max((len(w) for w in re.split(r"[ \t\n]+", row[j])),
                                    default=0) for row in cells])
            for j in range(len(cells[0]))]


def _fit(widths: list[int], align: str, cells: list[list[str]], width: int) -> list[int]:
    """Column widths whose sum (with separators) fits ``width``: the widest left-aligned text
    column (not the first) is narrowed first, down to :data:`MIN_COLUMN` or its longest word."""
    widths = list(widths)
    floor = _floors(cells)
    while sum(widths) + 2 * (len(widths) - 1) > width:
        candidates = [j for j in range(1, len(widths)) if align[j] == "l" and
                      widths[j] > floor[j]]
        if not candidates:
            break
        j = max(candidates, key=lambda k: widths[k])
        excess = sum(widths) + 2 * (len(widths) - 1) - width
        widths[j] = max(floor[j], widths[j] - excess)
    return widths


def _names(cells: Sequence[str], width: int) -> dict[str, list[str]]:
    """The rows' names (the first column) on lines of ``width``: between words, never cut off;
    continuation lines indented as far as the name's marks (``  · `` of a subscale), so a
    name reads as one. Where a word does not fit beside its marks, every name's marks lose
    the same leading spaces (the levels stay apart), and a word longer than the column is
    split as the last resort."""
    def parts(cell: str) -> tuple[str, str, int]:
        body = cell.lstrip(" ·")
        return cell[: len(cell) - len(body)], body, max(map(len, body.split()), default=0)

    split = [parts(cell) for cell in cells]
    spaces = [len(lead) - len(lead.lstrip(" ")) for lead, _, _ in split]
    drop = 0
    while drop < max(spaces, default=0) and any(
            len(lead) - min(drop, n) + longest > width and drop < n  # dropping helps
            for (lead, _, longest), n in zip(split, spaces, strict=True)):
        drop += 1
    out = {}
    for cell, (lead, body, longest), n in zip(cells, split, spaces, strict=True):
        lead = lead[min(drop, n):]
        indent = " " * len(lead) if len(lead) + longest <= width else ""
        for split_words in (False, True):
            lines = textwrap.wrap(lead + body, width, subsequent_indent=indent,
                                  break_long_words=split_words, break_on_hyphens=False)
            if all(len(line) <= width for line in lines):
                break
        out[cell] = lines or [""]
    return out


def _render(cells: list[list[str]], align: str, title: str | None, width: int | None,
            first: int | None = None) -> str:
    """``cells`` (the header first) as one table; with a ``width``, wide text columns wrap;
    with ``first``, the first column is at most that wide, its names wrapped
    (:func:`_names`)."""
    n = len(cells[0])
    widths = [max(len(row[j]) for row in cells) for j in range(n)]
    if first is not None:
        widths[0] = min(widths[0], first)
    if width and sum(widths) + 2 * (n - 1) > width:
        widths = _fit(widths, align, cells, width)

    names = _names([row[0] for row in cells[1:]], widths[0]) if first is not None else {}

    def lines(row: Sequence[str]) -> list[str]:
        parts = [names[cell] if j == 0 and cell in names else
                 textwrap.wrap(cell, widths[j], break_long_words=False,
                               break_on_hyphens=False) or [""]
                 if len(cell) > widths[j] else [cell] for j, cell in enumerate(row)]
        out = []
        for k in range(max(len(p) for p in parts)):
            texts = [p[k] if k < len(p) else "" for p in parts]
            out.append("  ".join(t.ljust(widths[j]) if align[j] == "l" else t.rjust(widths[j])
                                 for j, t in enumerate(texts)).rstrip().replace(NBSP, " "))
        return out

    out = []
    if title:
        out.append(title)
    out += lines(cells[0])
    out.append("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        out += lines(row)
    return "\n".join(out)


def _widest(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]],
                 align: str | None = None, title: str | None = None,
                 width: int | None = None, keys: int = 1) -> str:
    """Columns padded to their widest cell; ``align`` has one ``l`` or ``r`` per column
    (default: first column left, the rest right).

    With a ``width`` (default: the one set by :func:`terminal_width`; 0: none) wide text
    columns wrap onto more lines, at spaces, never inside a number. A table that still does
    not fit has its columns split over tables stacked one below the other, each repeating the
    first ``keys`` columns that say which row it is (the first, the row's name, wrapped onto
    more lines so the widest other column fits beside it, never cut off): every number stays
    on screen, in a window of 60 columns too. The title is printed once, above the first part."""
    n = len(header)
    align = align or ("l" + "r" * (n - 1))
    cells = [list(header)] + [[str(c) for c in row] for row in rows]
    width = _WIDTH.get() if width is None else width
    text = _render(cells, align, title, width)
    keys = max(1, min(keys, n - 1))
    if not width or n <= keys + 1 or _widest(text) <= width:
        return text
    return _stacked(cells, align, title, width, keys)


def _stacked(cells: list[list[str]], align: str, title: str | None, width: int,
             keys: int) -> str:
    """The columns after the first ``keys`` split into parts that each fit ``width`` (see
    :func:`render_table`); a text column counts at the width wrapping can give it."""
    n = len(cells[0])
    natural = [max(len(row[j]) for row in cells) for j in range(n)]
    floor = _floors(cells)
    need = [min(natural[j], floor[j]) if align[j] == "l" else natural[j] for j in range(n)]
    beside = sum(2 + need[j] for j in range(1, keys))  # the other key columns
    first = max(MIN_COLUMN, min(natural[0],
                                width - beside - 2 - max(need[keys:], default=0)))
    groups: list[list[int]] = [[]]
    used = first + beside
    for j in range(keys, n):
        if groups[-1] and used + 2 + need[j] > width:
            groups.append([])
            used = first + beside
        groups[-1].append(j)
        used += 2 + need[j]
    parts = []
    for k, group in enumerate(groups):
        columns = list(range(1, keys)) + group
        part = [[row[0], *(row[j] for j in columns)] for row in cells]
        parts.append(_render(part, align[0] + "".join(align[j] for j in columns),
                             title if k == 0 else None, width, first=first))
    return "\n\n".join(parts)


def shorten(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
