"""Plain-text tables for the terminal (deterministic, no colours, no wrapping)."""

from __future__ import annotations

from collections.abc import Sequence


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]],
                 align: str | None = None, title: str | None = None) -> str:
    """Columns padded to their widest cell; ``align`` has one ``l`` or ``r`` per column
    (default: first column left, the rest right)."""
    n = len(header)
    align = align or ("l" + "r" * (n - 1))
    cells = [list(header)] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[j]) for row in cells) for j in range(n)]

    def line(row: Sequence[str]) -> str:
        parts = [cell.ljust(widths[j]) if align[j] == "l" else cell.rjust(widths[j])
                 for j, cell in enumerate(row)]
        return "  ".join(parts).rstrip()

    out = []
    if title:
        out.append(title)
    out.append(line(cells[0]))
    out.append("  ".join("-" * w for w in widths))
    out.extend(line(row) for row in cells[1:])
    return "\n".join(out)


def shorten(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
