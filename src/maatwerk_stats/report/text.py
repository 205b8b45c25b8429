"""Plain-text tables for the terminal (deterministic, no colours).

Tables are as wide as their widest cells. When a width is set (:func:`terminal_width`, the
CLI sets the terminal's width when stdout is a terminal; pipes and files get full lines),
text columns are wrapped at spaces, never inside a number, until the table fits, and
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


def wrap(text: str, width: int | None = None, indent: str = "  ") -> str:
    """``text`` wrapped at the set width, continuation lines indented (each paragraph)."""
    width = width or _WIDTH.get()
    if not width:
        return text
    return "\n".join(textwrap.fill(line, width, subsequent_indent=indent,
                                   break_long_words=False, break_on_hyphens=False)
                     if len(line) > width else line for line in text.split("\n"))


def _fit(widths: list[int], align: str, cells: list[list[str]], width: int) -> list[int]:
    """Column widths whose sum (with separators) fits ``width``: the widest left-aligned text
    column (not the first) is narrowed first, down to :data:`MIN_COLUMN` or its longest word."""
    widths = list(widths)
    # words as textwrap sees them: a no-break space (NBSP) joins, str.split() would split there
    floor = [max([MIN_COLUMN] + [max((len(w) for w in re.split(r"[ \t\n]+", row[j])),
                                     default=0)
                                 for row in cells]) for j in range(len(widths))]
    while sum(widths) + 2 * (len(widths) - 1) > width:
        candidates = [j for j in range(1, len(widths)) if align[j] == "l" and
                      widths[j] > floor[j]]
        if not candidates:
            break
        j = max(candidates, key=lambda k: widths[k])
        excess = sum(widths) + 2 * (len(widths) - 1) - width
        widths[j] = max(floor[j], widths[j] - excess)
    return widths


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]],
                 align: str | None = None, title: str | None = None,
                 width: int | None = None) -> str:
    """Columns padded to their widest cell; ``align`` has one ``l`` or ``r`` per column
    (default: first column left, the rest right). With a ``width`` (default: the one set by
    :func:`terminal_width`) wide text columns wrap onto more lines."""
    n = len(header)
    align = align or ("l" + "r" * (n - 1))
    cells = [list(header)] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[j]) for row in cells) for j in range(n)]
    width = width or _WIDTH.get()
    if width and sum(widths) + 2 * (n - 1) > width:
        widths = _fit(widths, align, cells, width)

    def lines(row: Sequence[str]) -> list[str]:
        parts = [textwrap.wrap(cell, widths[j], break_long_words=False,
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


def shorten(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def render_stacked(header: Sequence[str], rows: Sequence[Sequence[str]],
                   align: str | None = None, title: str | None = None,
                   width: int | None = None) -> str:
    """:func:`render_table`, but when the table is wider than ``width`` (default: the set
    width) its columns are split over tables stacked one below the other, each repeating the
    first column (shortened with :func:`shorten` so the widest other column fits beside it):
    every number stays on screen, in a window of 60 columns too."""
    n = len(header)
    align = align or ("l" + "r" * (n - 1))
    width = width or _WIDTH.get()
    full = render_table(header, rows, align, title, width=0)
    if not width or max(len(line) for line in full.splitlines()) <= width:
        return full
    cells = [list(header)] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[j]) for row in cells) for j in range(n)]
    first = max(MIN_COLUMN, min(widths[0], width - 2 - max(widths[1:], default=0)))
    groups: list[list[int]] = [[]]
    used = first
    for j in range(1, n):
        if groups[-1] and used + 2 + widths[j] > width:
            groups.append([])
            used = first
        groups[-1].append(j)
        used += 2 + widths[j]
    parts = []
    for k, group in enumerate(groups):
        part = render_table([shorten(header[0], first), *(header[j] for j in group)],
                            [[shorten(row[0], first), *(row[j] for j in group)]
                             for row in cells[1:]], align[0] + "".join(align[j] for j in group),
                            title if k == 0 else None, width=0)
        parts.append(part)
    return "\n\n".join(parts)
