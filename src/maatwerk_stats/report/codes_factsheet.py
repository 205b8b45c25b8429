"""The factsheet's interviews section: what the coded interviews say, beside the survey (the
layout of TNO's Gewogen Maatwerk factsheet, seed 004, and Table 2 of seed 003).

:func:`interviews_section` makes finished sentences and two small tables from a
:class:`~maatwerk_stats.analyses.codes.CodesResult`: the factors per domain and direction
(Table 2: the most discussed factors of each cell, with the number of interviews) and the
counts per cell; plus a few quotes, labelled by pseudonym only. :func:`add_to_docx` writes
the same into the Word document; the HTML template includes ``interviews.html.j2``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .codes import count_text, direction_label, domain_label
from .format import fmt_int
from .i18n import section
from .text import shorten

if TYPE_CHECKING:
    from ..analyses.codes import CodesResult
    from .factsheet.build import Figure, Table

TOP = 3
QUOTES_PER_DIRECTION = 2


@dataclass(frozen=True)
class Interviews:
    heading: str
    paragraphs: tuple[str, ...]
    factors: Table
    matrix: Table
    quotes: tuple[tuple[str, str], ...]  # (quote, attribution)
    quotes_heading: str
    note: str = ""


def interviews_section(result: CodesResult, lang: str, title: str | None = None
                       ) -> Interviews | None:
    """The section, or None when no code carries a direction (nothing to show)."""
    from .factsheet.build import Table

    words = section("codes", lang)
    matrix = result.matrix
    if matrix.empty or int(matrix["n_codes"].sum()) == 0:
        return None
    directions = list(result.directions)
    domains = list(dict.fromkeys(matrix["domain"]))
    factors = result.factors
    exact = result.exact
    files = "files" if exact else "files_min"

    rows = []
    for domain in domains:
        cells = [domain_label(domain)]
        for direction in directions:
            part = factors[(factors["domain"] == domain) & (factors["direction"] == direction)]
            shown = [f"{shorten(r.factor, 40)} "
                     f"({count_text(r.files, getattr(r, 'files_min', None), None, lang)})"
                     for r in part.head(TOP).itertuples(index=False)]
            more = len(part) - TOP
            if more > 0:
                shown.append(words["fs_more"].format(n=more))
            cells.append("; ".join(shown) if shown else "–")
        rows.append(tuple(cells))
    factor_table = Table(header=(words["domain"], *(direction_label(d, lang)
                                                    for d in directions)),
                         rows=tuple(rows), caption=words["fs_factors_caption"])
    counts = Table(
        header=(words["domain"], words["direction"], words["n_codes"], words["files"],
                words["references"]),
        rows=tuple((domain_label(r.domain), direction_label(r.direction, lang),
                    fmt_int(r.n_codes, lang),
                    count_text(r.files, r.files_min, r.files_max, lang),
                    count_text(r.references, r.references_min, r.references_max, lang))
                   for r in matrix.itertuples(index=False)),
        caption=words["fs_matrix_caption"])

    paragraphs = []
    n_factors = int(matrix["n_codes"].sum())
    if result.n_sources:
        paragraphs.append(words["fs_intro"].format(n=fmt_int(result.n_sources, lang),
                                                   k=fmt_int(n_factors, lang)))
    else:
        paragraphs.append(words["fs_intro_no_n"].format(k=fmt_int(n_factors, lang)))
    totals = result.domains
    if totals is not None and len(totals):
        key = "references" if exact else "references_min"
        top = totals.sort_values(key, ascending=False, kind="stable").iloc[0]
        paragraphs.append(words["fs_most"].format(
            domain=domain_label(top["domain"]),
            refs=count_text(top["references"], top["references_min"], top["references_max"],
                            lang),
            files=count_text(top["files"], top["files_min"], top["files_max"], lang)))
    for direction in directions:
        part = factors[factors["direction"] == direction].sort_values(
            files, ascending=False, kind="stable")
        if len(part):
            first = part.iloc[0]
            paragraphs.append(words["fs_top"].format(
                direction=direction_label(direction, lang).lower(),
                factor=first["factor"], domain=domain_label(first["domain"]).lower(),
                files=count_text(first["files"], first.get("files_min"), None, lang)))

    quotes: list[tuple[str, str]] = []
    used: set[str] = set()  # a different participant for every quote, where possible
    if result.quotes is not None and len(result.quotes):
        for direction in directions:
            part = factors[factors["direction"] == direction].sort_values(
                files, ascending=False, kind="stable")
            for path in part["path"].head(QUOTES_PER_DIRECTION):
                found = result.quotes[result.quotes["path"] == path]
                if not len(found):
                    continue
                fresh = found[~found["participant"].isin(used)]
                row = (fresh if len(fresh) else found).iloc[0]
                used.add(row["participant"])
                quotes.append((row["quote"], f"{row['participant']} · {row['factor']} "
                               f"({direction_label(direction, lang).lower()})"))
    paragraphs.append(words["fs_method"])
    return Interviews(heading=title or words["fs_heading"], paragraphs=tuple(paragraphs),
                      factors=factor_table, matrix=counts, quotes=tuple(quotes),
                      quotes_heading=words["quotes_title"],
                      note="" if exact else words["bounds"])


def add_to_docx(document: Any, interviews: Interviews, figure: Figure | None,
                table: Callable[[Any, Table], None],
                add_figure: Callable[[Any, Figure], None],
                add_note: Callable[[Any, str, int], None]) -> None:
    """The section in the Word document (a :class:`~.docx_package.Document`), with the
    document's own table and figure helpers."""
    document.add_heading(interviews.heading, level=1)
    for text in interviews.paragraphs:
        document.add_paragraph(text)
    table(document, interviews.factors)
    if figure is not None:
        add_figure(document, figure)
    start = document.mark()
    table(document, interviews.matrix)
    if interviews.note:
        add_note(document, interviews.note, start)
    if interviews.quotes:
        document.add_heading(interviews.quotes_heading, level=2)
        for quote, source in interviews.quotes:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"“{quote}”", italic=True)
            paragraph.add_run(f" — {source}", size=8)
