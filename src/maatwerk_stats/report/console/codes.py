"""Terminal rendering of ``maatwerk-stats codes``: the matrix and the top factors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..codes import count_text, direction_label, domain_label
from ..format import fmt_int
from ..i18n import section
from ..text import render_table, shorten

if TYPE_CHECKING:
    from ...analyses.codes import CodesResult


def codes_report(result: CodesResult, lang: str = "nl", top: int = 3) -> str:
    words = section("codes", lang)
    matrix = result.matrix
    if matrix.empty:
        return words["no_directions"]
    rows = [[domain_label(r.domain), direction_label(r.direction, lang),
             fmt_int(r.n_codes, lang),
             count_text(r.files, r.files_min, r.files_max, lang),
             count_text(r.references, r.references_min, r.references_max, lang)]
            for r in matrix.itertuples(index=False)]
    parts = [render_table([words["domain"], words["direction"], words["n_codes"],
                           words["files"], words["references"]], rows, align="llrrr",
                          title=words["matrix_title"])]
    factors = result.factors[result.factors["rank"] <= top]
    if len(factors):
        exact = "files_min" not in factors.columns
        rows = [[domain_label(r.domain), direction_label(r.direction, lang),
                 shorten(r.factor, 40),
                 count_text(r.files, None if exact else r.files_min, None, lang),
                 count_text(r.references, None if exact else r.references_min, None, lang)]
                for r in factors.itertuples(index=False)]
        parts.append(render_table([words["domain"], words["direction"], words["factor"],
                                   words["files"], words["references"]], rows,
                                  align="lllrr", title=words["top_title"]))
    if not result.exact:
        parts.append(words["bounds"])
    return "\n\n".join(parts)
