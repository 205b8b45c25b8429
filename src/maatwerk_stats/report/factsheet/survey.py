"""The factsheet's "survey" section for professionals in teams (seed 002): the table of means,
SDs and correlations, whether team-level constructs are justified (ICC, rwg(j)), and per
regression the table of B, SE, t, p and β (the seed's reserve slides) with one sentence per
predictor and the simple slopes of an interaction.

Honesty: a predictor "goes with more/less" outcome only when p < .05 in the reported model
(the multilevel model when there are teams, else OLS); otherwise "no demonstrable relation".
Small teams are already left out of the team tables (:mod:`maatwerk_stats.analyses.teams`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..format import fmt_int, fmt_number, fmt_p
from ..i18n import section
from .build import Figure, Table

if TYPE_CHECKING:
    from ...analyses.correlate import Correlations
    from ...analyses.regress import Regressions
    from ...analyses.teams import TeamAgreement

ALPHA = 0.05


@dataclass(frozen=True)
class SurveyBlock:
    heading: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class SurveySection:
    heading: str
    blocks: tuple[SurveyBlock, ...]
    methods: tuple[str, ...] = ()


def _nan(value: Any) -> bool:
    try:
        return value is None or math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def _r(value: float, lang: str) -> str:
    from ..console.survey import r_text

    return r_text(value, 2, lang)


def correlation_block(result: Correlations, lang: str) -> SurveyBlock:
    from ..console.survey import stars

    w = section("survey", lang)
    d = result.descriptives
    names = list(d["variable"])
    pairs = {(r.variable_1, r.variable_2): r for r in result.correlations.itertuples(index=False)}
    header = (w["variable"], "n", "M", "SD", *[str(j + 1) for j in range(len(names) - 1)])
    rows = []
    for i, row in enumerate(d.itertuples(index=False)):
        label = f"{row.label} ({row.value_labels})" if row.value_labels else row.label
        cells = [f"{i + 1}. {label}", fmt_int(row.n, lang), fmt_number(row.mean, 2, lang),
                 fmt_number(row.sd, 2, lang)]
        for j in range(len(names) - 1):
            pair = pairs.get((names[j], names[i])) if j < i else None
            cells.append("" if pair is None or _nan(pair.r)
                         else _r(pair.r, lang) + stars(pair.p_value))
        rows.append(tuple(cells))
    n_teams = f" {w['fs_in_teams'].format(teams=result.n_teams)}" if result.n_teams else ""
    intro = w["fs_correlations_intro"].format(n=fmt_int(d["n"].max(), lang), teams=n_teams)
    return SurveyBlock(heading=w["fs_correlations_heading"], paragraphs=(intro,),
                       tables=(Table(header=header, rows=tuple(rows),
                                     caption=w["correlations_title"] + ". " + w["stars_note"]),))


def triangle_table(pairs: Any, names: list[str], labels: dict[str, str], lang: str,
                   caption: str) -> Table:
    """A lower triangle of r with stars, without descriptives (within / between teams)."""
    from ..console.survey import stars

    w = section("survey", lang)
    lookup = {(r.variable_1, r.variable_2): r for r in pairs.itertuples(index=False)}
    rows = []
    for i, name in enumerate(names):
        cells = [f"{i + 1}. {labels.get(name, name)}"]
        for j in range(len(names) - 1):
            pair = lookup.get((names[j], name)) if j < i else None
            cells.append("" if pair is None or _nan(pair.r)
                         else _r(pair.r, lang) + stars(pair.p_value))
        rows.append(tuple(cells))
    header = (w["variable"], *[str(j + 1) for j in range(len(names) - 1)])
    return Table(header=header, rows=tuple(rows), caption=caption)


def correlations_docx(result: Correlations, lang: str, title: str) -> bytes:
    """``correlations.docx`` of ``maatwerk-stats correlate``: the APA table (M, SD, lower
    triangle with stars) and, with teams, the within- and between-team triangles, as Word
    tables a researcher pastes into a report."""
    from docx import Document

    from ..docx_bytes import reproducible_docx
    from ..xml_text import xml_safe, xml_text

    w = section("survey", lang)
    document = Document()
    document.add_heading(xml_text(title), level=1)
    block = xml_safe(correlation_block(result, lang))  # labels from the data: any text
    for text in block.paragraphs:
        document.add_paragraph(text)
    for table in block.tables:
        _table(document, table)
    names = list(result.descriptives["variable"])
    labels = dict(zip(result.descriptives["variable"], result.descriptives["label"],
                      strict=True))
    if result.within is not None and result.between is not None:
        _table(document, xml_safe(triangle_table(result.within, names, labels, lang,
                                                 w["within_title"])))
        _table(document, xml_safe(triangle_table(
            result.between, names, labels, lang,
            f"{w['between_title']}, {w['teams'].lower()} = {result.n_teams}")))
    return reproducible_docx(document, title)


def agreement_block(result: TeamAgreement, lang: str, figure: Figure | None) -> SurveyBlock:
    w = section("survey", lang)
    header = (w["variable"], "ICC(1)", "ICC(2)", w["rwg_mean"], w["rwg_share"])
    rows = tuple((row.label, fmt_number(row.icc1, 2, lang), fmt_number(row.icc2, 2, lang),
                  fmt_number(row.rwg_j_mean, 2, lang),
                  "–" if _nan(row.rwg_j_share_70) else
                  fmt_number(100 * row.rwg_j_share_70, 0, lang) + "%")
                 for row in result.agreement.itertuples(index=False))
    justified = [row.label.lower() if lang == "nl" else row.label
                 for row in result.agreement.itertuples(index=False)
                 if not _nan(row.rwg_j_mean) and row.rwg_j_mean >= 0.70
                 and not _nan(row.icc1) and row.icc1 >= 0.05]
    paragraphs = [w["fs_agreement_intro"].format(min_cell=result.min_cell)]
    means = result.team_means
    if (means["suppressed"] & (means["n"] >= result.min_cell)).any():  # small_groups.py
        paragraphs[0] += " " + w["fs_agreement_withdrawn"]
    if justified:
        paragraphs.append(w["fs_agreement_justified"].format(scales=", ".join(justified)))
    return SurveyBlock(heading=w["fs_agreement_heading"], paragraphs=tuple(paragraphs),
                       tables=(Table(header=header, rows=rows,
                                     caption=w["agreement_title"]),),
                       figures=(figure,) if figure else ())


def regression_blocks(result: Regressions, labels: dict[str, str], outcomes: dict[str, str],
                      lang: str, figures: dict[str, Figure],
                      titles: dict[str, str] | None = None) -> tuple[SurveyBlock, ...]:
    """One block per regression, from the multilevel model when it was fitted; ``outcomes``:
    the outcome's label per regression, ``titles``: the regression's own label."""
    titles = titles or {}
    w = section("survey", lang)
    blocks = []
    for name, table in result.coefficients.groupby("regression", sort=False):
        model = "mixed" if (table["model"] == "mixed").any() else "ols"
        rows = table[table["model"] == model]
        fit = result.fit[(result.fit["regression"] == name) & (result.fit["model"] == model)]
        outcome = outcomes.get(name, name)
        outcome_word = outcome.lower() if lang == "nl" else outcome
        header = (w["term"], "B", "SE", "t", "p", "β")
        body = tuple((row.term_label, fmt_number(row.estimate, 3, lang),
                      fmt_number(row.std_error, 3, lang), fmt_number(row.statistic, 2, lang),
                      fmt_p(row.p_value, lang, with_p=False), fmt_number(row.std_estimate, 2, lang))
                     for row in rows.itertuples(index=False))
        first = fit.iloc[0]
        caption = w["fs_regression_caption"].format(
            outcome=outcome, model=w["fs_model_" + model], n=fmt_int(first.n, lang),
            teams=fmt_int(first.n_teams, lang))
        sentences = []
        for row in rows.itertuples(index=False):
            if row.term == "Intercept" or ":" in row.term or _nan(row.estimate):
                continue  # empty: a category too small to publish (analyses/regress.py)
            level = "[" in row.term  # a category against the reference category
            label = row.term_label
            values = {"label": label if level or lang != "nl" else label[:1].lower() + label[1:],
                      "outcome": outcome_word,
                      "b": fmt_number(row.estimate, 2, lang, sign=True),
                      "p": fmt_p(row.p_value, lang)}
            if not _nan(row.p_value) and row.p_value < ALPHA:
                key = "fs_more" if row.estimate > 0 else "fs_less"
            else:
                key = "fs_none"
            sentences.append(w[key + ("_level" if level else "")].format(**values))
        paragraphs = [" ".join(sentences)]
        slopes = result.simple_slopes
        if len(slopes):
            own = slopes[(slopes["regression"] == name) & (slopes["model"] == model)]
            for (predictor, moderator), part in own.groupby(["predictor", "moderator"],
                                                            sort=False):
                low, high = part.iloc[0], part.iloc[-1]
                product = rows[rows["term"] == f"{predictor}:{moderator}"].iloc[0]
                key = ("fs_interaction" if product.p_value < ALPHA else
                       "fs_no_interaction")
                paragraphs.append(w[key].format(
                    predictor=labels.get(predictor, predictor).lower() if lang == "nl"
                    else labels.get(predictor, predictor),
                    moderator=labels.get(moderator, moderator).lower() if lang == "nl"
                    else labels.get(moderator, moderator),
                    outcome=outcome_word, p=fmt_p(product.p_value, lang),
                    b_low=fmt_number(low.estimate, 2, lang, sign=True),
                    p_low=fmt_p(low.p_value, lang),
                    b_high=fmt_number(high.estimate, 2, lang, sign=True),
                    p_high=fmt_p(high.p_value, lang)))
        icc = first.icc_null
        if not _nan(icc):
            paragraphs.append(w["fs_icc_null"].format(
                outcome=outcome_word, icc=fmt_number(100 * icc, 0, lang)))
        own_figures = tuple(f for key, f in figures.items() if key.startswith(f"{name}:"))
        heading = (titles[name] if titles.get(name) else
                   w["fs_regression_heading"].format(outcome=outcome_word))
        blocks.append(SurveyBlock(heading=heading,
                                  paragraphs=tuple(paragraphs),
                                  tables=(Table(header=header, rows=body, caption=caption),),
                                  figures=own_figures))
    return tuple(blocks)


def survey_section(lang: str, correlations: Correlations | None = None,
                   agreement: TeamAgreement | None = None,
                   regressions: Regressions | None = None, labels: dict[str, str] | None = None,
                   outcomes: dict[str, str] | None = None,
                   figures: dict[str, Figure] | None = None,
                   titles: dict[str, str] | None = None) -> SurveySection:
    """The whole section; ``figures``: ``team_means`` and ``REGRESSION:slopes…`` PNGs."""
    w = section("survey", lang)
    figures = figures or {}
    blocks: list[SurveyBlock] = []
    if correlations is not None:
        blocks.append(correlation_block(correlations, lang))
    if agreement is not None:
        blocks.append(agreement_block(agreement, lang, figures.get("team_means")))
    if regressions is not None:
        blocks.extend(regression_blocks(regressions, labels or {}, outcomes or {}, lang,
                                        figures, titles))
    methods = [w["fs_methods"]]
    return SurveySection(heading=w["fs_heading"], blocks=tuple(blocks), methods=tuple(methods))


def _table(document: Any, table: Table) -> None:
    """``table`` as a Word table of a python-docx ``document`` (``correlations.docx``), laid
    out as the factsheet's tables (:func:`.docx._table`, which writes the factsheet's own
    document directly): caption in bold blue, the header row repeated, numbers right-aligned,
    9 pt, the column widths of :func:`.docx.column_widths`."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    from .docx import BLUE, column_widths, numeric_columns

    if table.caption:
        run = document.add_paragraph().add_run(table.caption)
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(BLUE)
    grid = document.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    grid.autofit = False
    numeric = numeric_columns(table)
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    grid.rows[0]._tr.get_or_add_trPr().append(header)
    for j, text in enumerate(table.header):
        cell = grid.rows[0].cells[j]
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(9)
        if numeric[j]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        cells = grid.add_row().cells
        for j, text in enumerate(row):
            paragraph = cells[j].paragraphs[0]
            run = paragraph.add_run(text)
            run.font.size = Pt(9)
            if j == 0:
                run.bold = True
            elif numeric[j]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for j, width in enumerate(column_widths(table)):
        grid.columns[j].width = Cm(width)
        for cell in grid.columns[j].cells:
            cell.width = Cm(width)
    document.add_paragraph()
