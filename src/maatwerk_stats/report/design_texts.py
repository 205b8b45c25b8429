"""The vignette texts of a designed deck as a Word document, one section per set.

Byte-reproducible like the factsheet's DOCX: fixed core-property dates from
``SOURCE_DATE_EPOCH`` and a normalised zip (:mod:`maatwerk_stats.io.reproducible`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .docx_bytes import reproducible_docx
from .format import fmt_number
from .i18n import word
from .xml_text import xml_text

if TYPE_CHECKING:
    import pandas as pd


def render_texts_docx(texts: pd.DataFrame, title: str, lang: str) -> bytes:
    """``design_texts`` (``set, position, vignette, text``) as .docx bytes: a heading per set,
    then every vignette in the set's order with its number and text (what XML cannot hold
    becomes U+FFFD: :func:`~maatwerk_stats.report.xml_text.xml_text`)."""
    from docx import Document
    from docx.enum.text import WD_BREAK

    document = Document()
    document.add_paragraph(xml_text(title), style="Title")
    for index, (set_number, rows) in enumerate(texts.groupby("set", sort=True)):
        if index:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_heading(word("design.set", lang, set=int(set_number)), level=1)
        for row in rows.itertuples(index=False):
            document.add_heading(word("design.vignette", lang, position=int(row.position),
                                      vignette=int(row.vignette)), level=2)
            for paragraph in str(row.text).split("\n\n"):
                document.add_paragraph(xml_text(paragraph.strip()))
    return reproducible_docx(document, title)


def design_summary(efficiency: pd.DataFrame, factors: dict[str, int], lang: str) -> str:
    """The terminal summary of ``design``."""
    row = efficiency.iloc[0]
    lines = [word("design.summary", lang, n=int(row["n_vignettes"]),
                  candidates=int(row["n_candidates"]), sets=int(row["n_sets"]),
                  k=int(row["vignettes_per_respondent"]))]
    lines.append("  " + ", ".join(f"{name} ({k})" for name, k in factors.items()))
    lines.append(word("design.efficiency", lang,
                      d=fmt_number(row["d_efficiency"], 3, lang),
                      r=fmt_number(row["max_abs_correlation"], 3, lang),
                      s=fmt_number(row["set_efficiency"], 3, lang)))
    lines.append(word("design.aliased", lang, aliased=row["aliased"] or "—"))
    if not row["balanced"]:
        lines.append(word("design.unbalanced", lang))
    return "\n".join(lines)
