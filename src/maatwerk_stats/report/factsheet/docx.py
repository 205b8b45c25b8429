"""The factsheet as an editable Word document, byte-reproducible.

Same content and order as the HTML (:func:`~.factsheet.render_html`); municipal researchers
often finish a factsheet in Word, so it uses Word's own styles (Title, Heading 1/2, Table
Grid) that they can restyle with their house template.

Written directly as the zip of XML parts a .docx is (:mod:`maatwerk_stats.report.
docx_package`), on python-docx's default template: the same file python-docx wrote for it
before, byte for byte (``tests/test_docx_package.py``), without its import and object model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..docx_package import Document, Paragraph, cm, half_points, pt, reserialized, twips
from ..format import join_ranges
from ..xml_text import xml_safe

if TYPE_CHECKING:
    from .build import Factsheet, Figure, Table

BLUE = "1B4F8A"
LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-US"}
NORMAL_SIZE, SPACE_AFTER = 9.5, 3  # points
HEADINGS = (("Title", 18), ("Heading1", 12), ("Heading2", 10.5))  # style id, points


def _table(document: Document, table: Table) -> None:
    if table.caption:
        document.add_paragraph().add_run(table.caption, bold=True, color=BLUE)
    grid = document.add_table(len(table.header))
    grid.fixed = True  # python-docx's autofit = False
    numeric = numeric_columns(table)
    grid.header_rows = 1
    for j, value in enumerate(table.header):
        paragraph = grid.rows[0][j].paragraphs_[0]
        paragraph.add_run()  # python-docx's cell.text = "" leaves an empty run
        paragraph.add_run(value, bold=True, size=9)
        if numeric[j]:  # a header sits over its numbers
            paragraph.align = "right"
    for row in table.rows:
        cells = grid.add_row()
        for j, value in enumerate(row):
            paragraph = cells[j].paragraphs_[0]
            paragraph.add_run(value, size=9, bold=True if j == 0 else None)
            if j != 0 and numeric[j]:
                paragraph.align = "right"
    grid.set_widths([twips(cm(width)) for width in column_widths(table)])
    document.add_paragraph()


def numeric_columns(table: Table) -> list[bool]:
    """Which columns hold numbers (right-aligned, their header too): any digit in any row;
    never the first column (the labels)."""
    return [j > 0 and any(any(ch.isdigit() for ch in row[j]) for row in table.rows)
            for j in range(len(table.header))]


def column_widths(table: Table, total_cm: float = 17.0) -> list[float]:
    """Widths (cm) in proportion to the longest text per column (at least 1.6 cm); the first
    column, in bold, counts a fifth wider (so "Samenwerking" does not wrap where Calibri is
    replaced by a wider font, as in LibreOffice without Carlito)."""
    longest = [max(len(str(row[j])) for row in (table.header, *table.rows))
               for j in range(len(table.header))]
    weights = [max(n, 6) * (1.2 if j == 0 else 1) for j, n in enumerate(longest)]
    scale = min(total_cm / sum(weights), 0.3)
    return [max(1.6, w * scale) for w in weights]


def _scenario(document: Document, factsheet: Factsheet) -> None:
    """The scenario box: a one-cell shaded table, the slots (manipulated sentences) bold in
    blue, then the variants of each factor."""
    cell = document.add_table(1).rows[0][0]
    cell.fill = "E8F0F8"
    cell.paragraphs_[0].add_run(factsheet.headings.get("scenario", ""), bold=True, color=BLUE)
    for block in factsheet.scenario:
        paragraph = cell.add_paragraph()
        for value, slot in block:
            if slot:
                paragraph.add_run(value, bold=True, color=BLUE, size=8.5)
            else:
                paragraph.add_run(value, size=8.5)
    if factsheet.scenario_factors:
        cell.add_paragraph().add_run(factsheet.headings.get("scenario_levels", ""), size=8.5)
        for label, levels in factsheet.scenario_factors:
            paragraph = cell.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{label}: ", bold=True, size=8.5)
            paragraph.add_run(levels, size=8.5)
    document.add_paragraph()


def add_note(document: Document, value: str, start: int) -> None:
    """A note (source, scale, what a symbol means) as a small paragraph right under the
    table or figure it explains, kept on that page: every paragraph from block ``start``
    (:meth:`~..docx_package.Document.mark`, where the table's caption begins) to the note
    is marked keep-with-next, table rows included, so Word and LibreOffice move the whole
    block to the next page rather than leave the note behind.

    Not a Word footnote: a real footnote (footnotes.xml) goes to the foot of the page,
    away from the table; statistical offices (CBS, Eurostat) also put table notes directly
    under the table."""
    document.keep_with_next_from(start)
    document.add_paragraph().add_run(value, size=8)


def _figure(document: Document, figure: Figure) -> None:
    """The picture with its alt text (Word's "Alternatieve tekst", WCAG 1.1.1), kept on the
    page of its caption."""
    picture = document.add_paragraph()
    picture.add_run(drawing=document.picture(
        figure.png, width_cm=figure.width_cm, descr=figure.alt or figure.caption or figure.name,
        title=figure.caption or figure.name))
    picture.keep_with_next = True
    if figure.caption:
        document.add_paragraph().add_run(figure.caption, size=8, italic=True)


def styles_part(template: bytes, lang: str) -> bytes:
    """python-docx's ``word/styles.xml`` with the factsheet's fonts and colours (Normal:
    Calibri 9.5 pt, 3 pt after; Title 18 pt, Heading 1 12 pt, Heading 2 10.5 pt, blue, 8 pt
    before (the Title 0) and 3 pt after) and the document language (``lang``: nl-NL or
    en-US) in the default run properties, so Word spell-checks in it; as python-docx wrote it
    (``style.font``, ``paragraph_format``; the language on every ``w:lang`` of the styles)."""
    code = LANGUAGE_TAGS.get(lang, lang)
    xml = reserialized(template).decode("utf-8")
    after, before = twips(pt(SPACE_AFTER)), twips(pt(8))

    def edit(style_id: str, old: str, new: str) -> None:
        nonlocal xml
        start = xml.index(f'w:styleId="{style_id}"')
        end = xml.index("</w:style>", start)
        block = xml[start:end]
        if block.count(old) != 1:
            raise ValueError(f"python-docx's template changed: style {style_id} ({old})")
        xml = xml[:start] + block.replace(old, new) + xml[end:]

    edit("Normal", '<w:rsid w:val="00FC693F"/>',
         f'<w:rsid w:val="00FC693F"/><w:pPr><w:spacing w:after="{after}"/></w:pPr><w:rPr>'
         '<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/>'
         f'<w:sz w:val="{half_points(NORMAL_SIZE)}"/></w:rPr>')
    old_spacing = {"Title": ('<w:spacing w:after="300" w:line="240" w:lineRule="auto"/>',
                             f'<w:spacing w:after="{after}" w:line="240" w:lineRule="auto" '
                             'w:before="0"/>'),
                   "Heading1": ('<w:spacing w:before="480" w:after="0"/>',
                                f'<w:spacing w:before="{before}" w:after="{after}"/>'),
                   "Heading2": ('<w:spacing w:before="200" w:after="0"/>',
                                f'<w:spacing w:before="{before}" w:after="{after}"/>')}
    old_color = {"Title": '<w:color w:val="17365D" w:themeColor="text2" w:themeShade="BF"/>',
                 "Heading1": '<w:color w:val="365F91" w:themeColor="accent1" '
                             'w:themeShade="BF"/>',
                 "Heading2": '<w:color w:val="4F81BD" w:themeColor="accent1"/>'}
    old_size = {"Title": 52, "Heading1": 28, "Heading2": 26}
    for style_id, size in HEADINGS:
        edit(style_id, *old_spacing[style_id])
        edit(style_id, old_color[style_id], f'<w:color w:val="{BLUE}"/>')
        edit(style_id, f'<w:sz w:val="{old_size[style_id]}"/>',
             f'<w:sz w:val="{half_points(size)}"/>')
    # the template's only w:lang: that of the default run properties (no style names one)
    default = '<w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/>'
    if xml.count("<w:lang ") != 1 or xml.count(default) != 1:
        raise ValueError("python-docx's template changed: the languages of its styles")
    xml = xml.replace(default, f'<w:lang w:val="{code}" w:eastAsia="{code}" w:bidi="{code}"/>')
    return xml.encode("utf-8")


def render_docx(factsheet: Factsheet) -> bytes:
    """The factsheet as .docx bytes (fixed dates, so the same input gives the same bytes);
    text XML cannot hold (a control character from a data label) becomes U+FFFD
    (:func:`~maatwerk_stats.report.xml_text.xml_safe`)."""
    from ...io.docx_template import default_parts

    factsheet = xml_safe(factsheet)
    template = default_parts()
    document = Document()
    colophon = factsheet.colophon
    if colophon is not None and colophon.logos:
        logos = document.add_paragraph()
        logos.align = "right"
        logos.keep_with_next = True  # the logos stay with the title
        for logo in colophon.logos:
            logos.add_run(drawing=document.picture(logo.data, height_cm=1.2, descr=logo.alt))
            logos.add_run("  ")
    document.add_paragraph(factsheet.title, style="Title")
    if colophon is not None and colophon.authors:
        document.add_paragraph().add_run(
            colophon.authors + (f" · {colophon.version}" if colophon.version else ""),
            size=8.5)
    for index, value in enumerate(factsheet.intro):
        document.add_paragraph().add_run(value, bold=index == len(factsheet.intro) - 1)
    if factsheet.questionnaire:
        document.add_heading(factsheet.headings.get("questionnaire", ""), level=1)
        for block in factsheet.questionnaire:
            document.add_heading(block.heading, level=2)
            if block.takeaway:
                document.add_paragraph().add_run(block.takeaway, bold=True)
            if block.text:
                document.add_paragraph(block.text)
            for value in block.paragraphs:
                document.add_paragraph(value)
        # the table, its note right under it (kept on the table's page), then the figure: a
        # note under the figure would pull table and figure onto one page together
        start = document.mark()
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
            document.add_paragraph().add_run(factsheet.vignette_takeaway, bold=True)
        for value in factsheet.vignette_intro:
            document.add_paragraph(value)
        if factsheet.scenario:
            _scenario(document, factsheet)
        _table(document, factsheet.influence)
        for value in factsheet.vignette_paragraphs:
            document.add_paragraph(value)
        if "coefficients" in factsheet.figures:
            _figure(document, factsheet.figures["coefficients"])
        if "per_vignette" in factsheet.figures:
            _figure(document, factsheet.figures["per_vignette"])
    if factsheet.survey is not None:
        document.add_heading(factsheet.survey.heading, level=1)
        for survey_block in factsheet.survey.blocks:
            document.add_heading(survey_block.heading, level=2)
            for value in survey_block.paragraphs:
                document.add_paragraph(value)
            for table in survey_block.tables:
                _table(document, table)
            for figure in survey_block.figures:
                _figure(document, figure)
    for value in factsheet.prepost_paragraphs:
        document.add_paragraph(value)
    for extra in factsheet.prepost_tables:
        _table(document, extra)
    if factsheet.interviews is not None:
        from ..codes_factsheet import add_to_docx

        add_to_docx(document, factsheet.interviews, factsheet.figures.get("codes"), _table,
                    _figure, add_note)
    document.add_heading(factsheet.headings.get("methods", ""), level=1)
    for value in factsheet.methods:
        document.add_paragraph().add_run(value, size=8)
    if colophon is not None and colophon.has_credits():
        document.add_heading(factsheet.headings.get("colophon", ""), level=1)
        for value in colophon.lines():
            document.add_paragraph().add_run(value, size=8)
    footer = Paragraph(style="Footer")
    footer.add_run(colophon.version if colophon is not None else factsheet.footer, size=7.5)
    _no_breaks_in_ranges(document)
    code = LANGUAGE_TAGS.get(factsheet.lang, factsheet.lang)
    return document.docx(footer, styles_part(template["word/styles.xml"], factsheet.lang),
                         factsheet.title, code, template)


def _no_breaks_in_ranges(document: Document) -> None:
    """"1–10" never breaks at the dash: a word joiner (U+2060) on both sides (in the body,
    not the footer, as before)."""
    for block in document.blocks:
        for paragraph in block.paragraphs():
            for run in paragraph.runs:
                if "–" in run.text:
                    run.text = join_ranges(run.text)
