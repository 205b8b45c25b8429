"""The factsheet's Word file as python-docx wrote it until the direct writer replaced it
(``src/maatwerk_stats/report/factsheet/docx.py`` before, with the interviews section of
``report/codes_factsheet.py``): the independent implementation ``test_docx_package.py``
compares the new file with, part by part and byte for byte."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from maatwerk_stats.report.docx_bytes import reproducible_docx
from maatwerk_stats.report.format import join_ranges
from maatwerk_stats.report.xml_text import xml_safe

if TYPE_CHECKING:
    from maatwerk_stats.report.factsheet.build import Factsheet, Figure, Table

BLUE = (0x1B, 0x4F, 0x8A)
LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-US"}


def _table(document: object, table: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    if table.caption:
        caption = document.add_paragraph()  # type: ignore[attr-defined]
        run = caption.add_run(table.caption)
        run.bold = True
        run.font.color.rgb = RGBColor(*BLUE)
    grid = document.add_table(rows=1, cols=len(table.header))  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    grid.autofit = False
    numeric = [j > 0 and any(any(ch.isdigit() for ch in row[j]) for row in table.rows)
               for j in range(len(table.header))]
    _repeat_as_header(grid.rows[0])
    for j, text in enumerate(table.header):
        cell = grid.rows[0].cells[j]
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(9)
        if numeric[j]:  # a header sits over its numbers
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
    for j, width in enumerate(_column_widths(table)):
        grid.columns[j].width = width  # the grid LibreOffice reads
        for cell in grid.columns[j].cells:
            cell.width = width  # the cell widths Word reads
    document.add_paragraph()  # type: ignore[attr-defined]


def _column_widths(table: Table, total_cm: float = 17.0) -> list[object]:
    """Widths in proportion to the longest text per column (at least 1.6 cm); the first
    column, in bold, counts a fifth wider (so "Samenwerking" does not wrap where Calibri is
    replaced by a wider font, as in LibreOffice without Carlito)."""
    from docx.shared import Cm

    longest = [max(len(str(row[j])) for row in (table.header, *table.rows))
               for j in range(len(table.header))]
    weights = [max(n, 6) * (1.2 if j == 0 else 1) for j, n in enumerate(longest)]
    scale = min(total_cm / sum(weights), 0.3)
    return [Cm(max(1.6, w * scale)) for w in weights]


def _scenario(document: object, factsheet: Factsheet) -> None:
    """The scenario box: a one-cell shaded table, the slots (manipulated sentences) bold in
    blue, then the variants of each factor."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    box = document.add_table(rows=1, cols=1)  # type: ignore[attr-defined]
    box.style = "Table Grid"
    cell = box.rows[0].cells[0]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), "E8F0F8")
    cell._tc.get_or_add_tcPr().append(shading)
    title = cell.paragraphs[0]
    run = title.add_run(factsheet.headings.get("scenario", ""))
    run.bold = True
    run.font.color.rgb = RGBColor(*BLUE)
    for block in factsheet.scenario:
        paragraph = cell.add_paragraph()
        for text, slot in block:
            run = paragraph.add_run(text)
            run.font.size = Pt(8.5)
            if slot:
                run.bold = True
                run.font.color.rgb = RGBColor(*BLUE)
    if factsheet.scenario_factors:
        cell.add_paragraph().add_run(factsheet.headings.get("scenario_levels", "")
                                     ).font.size = Pt(8.5)
        for label, levels in factsheet.scenario_factors:
            paragraph = cell.add_paragraph(style="List Bullet")
            run = paragraph.add_run(f"{label}: ")
            run.bold = True
            run.font.size = Pt(8.5)
            paragraph.add_run(levels).font.size = Pt(8.5)
    document.add_paragraph()  # type: ignore[attr-defined]


def add_note(document: Any, text: str, start: int) -> None:
    """A note (source, scale, what a symbol means) as a small paragraph right under the
    table or figure it explains, kept on that page: every paragraph from body element
    ``start`` (where the table's caption begins) to the note is marked keep-with-next, table
    rows included, so Word and LibreOffice move the whole block to the next page rather
    than leave the note behind.

    Not a Word footnote: a real footnote (footnotes.xml) goes to the foot of the page,
    away from the table, and python-docx cannot write one; statistical offices (CBS,
    Eurostat) also put table notes directly under the table."""
    from docx.oxml.ns import qn
    from docx.shared import Pt
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for element in list(body)[start:]:
        for p in element.iter(qn("w:p")):
            Paragraph(p, document).paragraph_format.keep_with_next = True
    document.add_paragraph().add_run(text).font.size = Pt(8)


def _repeat_as_header(row: object) -> None:
    """Mark a table row as the header row (Word repeats it and screen readers announce it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)  # type: ignore[attr-defined]


def _figure(document: object, figure: Figure) -> None:
    """The picture with its alt text (Word's "Alternatieve tekst", WCAG 1.1.1), kept on the
    page of its caption."""
    from docx.shared import Cm, Pt

    document.add_picture(io.BytesIO(figure.png), width=Cm(figure.width_cm))  # type: ignore
    picture = document.paragraphs[-1]  # type: ignore[attr-defined]
    picture.paragraph_format.keep_with_next = True
    properties = document.inline_shapes[-1]._inline.docPr  # type: ignore[attr-defined]
    properties.set("descr", figure.alt or figure.caption or figure.name)
    properties.set("title", figure.caption or figure.name)
    if figure.caption:
        caption = document.add_paragraph()  # type: ignore[attr-defined]
        run = caption.add_run(figure.caption)
        run.font.size = Pt(8)
        run.italic = True


def _set_language(document: object, lang: str) -> None:
    """The document language (nl-NL or en-US) in the default run properties, so Word
    spell-checks the text in its own language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    code = LANGUAGE_TAGS.get(lang, lang)
    styles = document.styles.element  # type: ignore[attr-defined]
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    element = rpr.find(qn("w:lang"))
    if element is None:
        element = OxmlElement("w:lang")
        rpr.append(element)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        element.set(qn(attribute), code)
    for style in styles.iter(qn("w:style")):  # styles that name a language of their own
        for lang_element in style.iter(qn("w:lang")):
            lang_element.set(qn("w:val"), code)
    document.core_properties.language = code  # type: ignore[attr-defined]


def _no_breaks_in_ranges(document: object) -> None:
    """"1–10" never breaks at the dash: a word joiner (U+2060) on both sides."""
    def runs() -> Any:
        for paragraph in document.paragraphs:  # type: ignore[attr-defined]
            yield from paragraph.runs
        for table in document.tables:  # type: ignore[attr-defined]
            for row in table.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        yield from paragraph.runs

    for run in runs():
        if "–" in run.text:
            run.text = join_ranges(run.text)


def render_docx(factsheet: Factsheet) -> bytes:
    """The factsheet as .docx bytes (fixed dates, so the same input gives the same bytes);
    text XML cannot hold (a control character from a data label) becomes U+FFFD
    (:func:`~maatwerk_stats.report.xml_text.xml_safe`)."""
    factsheet = xml_safe(factsheet)
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(1.8)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.4)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(9.5)
    normal.paragraph_format.space_after = Pt(3)
    for name, size in (("Title", 18), ("Heading 1", 12), ("Heading 2", 10.5)):
        style = document.styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(*BLUE)
        style.paragraph_format.space_before = Pt(8 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(3)

    colophon = factsheet.colophon
    if colophon is not None and colophon.logos:
        logos = document.add_paragraph()
        logos.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        logos.paragraph_format.keep_with_next = True  # the logos stay with the title
        for logo in colophon.logos:
            shape = logos.add_run().add_picture(io.BytesIO(logo.data), height=Cm(1.2))
            shape._inline.docPr.set("descr", logo.alt)
            logos.add_run("  ")
    document.add_paragraph(factsheet.title, style="Title")
    if colophon is not None and colophon.authors:
        byline = document.add_paragraph()
        run = byline.add_run(colophon.authors + (f" · {colophon.version}"
                                                 if colophon.version else ""))
        run.font.size = Pt(8.5)
    for index, text in enumerate(factsheet.intro):
        paragraph = document.add_paragraph()
        paragraph.add_run(text).bold = index == len(factsheet.intro) - 1
    if factsheet.questionnaire:
        document.add_heading(factsheet.headings.get("questionnaire", ""), level=1)
        for block in factsheet.questionnaire:
            document.add_heading(block.heading, level=2)
            if block.takeaway:
                document.add_paragraph().add_run(block.takeaway).bold = True
            if block.text:
                document.add_paragraph(block.text)
            for text in block.paragraphs:
                document.add_paragraph(text)
        # the table, its note right under it (kept on the table's page), then the figure: a
        # note under the figure would pull table and figure onto one page together
        start = len(document.element.body) - 1  # before the final section properties
        if factsheet.questionnaire_table is not None:
            _table(document, factsheet.questionnaire_table)
        if factsheet.questionnaire_footnote:
            add_note(document, factsheet.questionnaire_footnote, start)
        if "scale_means" in factsheet.figures:
            _figure(document, factsheet.figures["scale_means"])
    if factsheet.influence is not None:
        # no hard page break: page 1 of the DOCX overflows anyway, and a break would leave
        # most of page 2 empty; the heading keeps with its text
        document.add_heading(factsheet.headings.get("vignette", ""), level=1)
        if factsheet.vignette_takeaway:
            document.add_paragraph().add_run(factsheet.vignette_takeaway).bold = True
        for text in factsheet.vignette_intro:
            document.add_paragraph(text)
        if factsheet.scenario:
            _scenario(document, factsheet)
        _table(document, factsheet.influence)
        for text in factsheet.vignette_paragraphs:
            document.add_paragraph(text)
        if "coefficients" in factsheet.figures:
            _figure(document, factsheet.figures["coefficients"])
        if "per_vignette" in factsheet.figures:
            _figure(document, factsheet.figures["per_vignette"])
    if factsheet.survey is not None:
        document.add_heading(factsheet.survey.heading, level=1)
        for block in factsheet.survey.blocks:
            document.add_heading(block.heading, level=2)
            for text in block.paragraphs:
                document.add_paragraph(text)
            for table in block.tables:
                _table(document, table)
            for figure in block.figures:
                _figure(document, figure)
    for text in factsheet.prepost_paragraphs:
        document.add_paragraph(text)
    for extra in factsheet.prepost_tables:
        _table(document, extra)
    if factsheet.interviews is not None:
        _interviews(document, factsheet.interviews, factsheet.figures.get("codes"), _table,
                    _figure, add_note)
    document.add_heading(factsheet.headings.get("methods", ""), level=1)
    for text in factsheet.methods:
        paragraph = document.add_paragraph()
        paragraph.add_run(text).font.size = Pt(8)
    if colophon is not None and colophon.has_credits():
        document.add_heading(factsheet.headings.get("colophon", ""), level=1)
        for text in colophon.lines():
            paragraph = document.add_paragraph()
            paragraph.add_run(text).font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.text = colophon.version if colophon is not None else factsheet.footer
    for run in footer.runs:
        run.font.size = Pt(7.5)

    _no_breaks_in_ranges(document)
    _set_language(document, factsheet.lang)
    return reproducible_docx(document, factsheet.title)


def _interviews(document: Any, interviews: Any, figure: Any, table: Any, add_figure: Any,
                add_note: Any) -> None:
    """The section in the Word document, with the document's own table and figure
    helpers."""
    from docx.shared import Pt

    document.add_heading(interviews.heading, level=1)
    for text in interviews.paragraphs:
        document.add_paragraph(text)
    table(document, interviews.factors)
    if figure is not None:
        add_figure(document, figure)
    start = len(document.element.body) - 1  # before the final section properties
    table(document, interviews.matrix)
    if interviews.note:
        add_note(document, interviews.note, start)
    if interviews.quotes:
        document.add_heading(interviews.quotes_heading, level=2)
        for quote, source in interviews.quotes:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"“{quote}”").italic = True
            paragraph.add_run(f" — {source}").font.size = Pt(8)
