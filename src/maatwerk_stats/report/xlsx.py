"""All tables in one Excel workbook, a sheet per table, byte-reproducible.

The workbook is written directly as SpreadsheetML (ECMA-376 part 1: a ZIP of a content-types
list, relationships, ``xl/workbook.xml``, ``xl/styles.xml``, one ``xl/worksheets/sheetN.xml``
per table and the document properties), the parts and cells that openpyxl 3.1 wrote for the
same tables (``Workbook`` + ``append`` + ``save``; ``tests/test_xlsx_writer.py`` checks that
openpyxl reads the same values, cell types, bold header, frozen row and column widths from
both). Importing and running openpyxl cost about 0.3 s of a 58-person factsheet; this takes
milliseconds. Only the theme part is left out (Excel and LibreOffice use their default
theme; the header's font is Calibri 11 either way).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..io.reproducible import build_epoch, zip_archive

if TYPE_CHECKING:
    import pandas as pd

# openpyxl's ILLEGAL_CHARACTERS_RE (C0 controls other than tab, newline and carriage return),
# and the two noncharacters XML 1.0 cannot hold at all (openpyxl failed on them with lxml's
# "All strings must be XML compatible")
ILLEGAL_CHARACTERS = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]|[\ufffe\uffff]")
MAX_CELL_TEXT = 32767  # Excel's limit on the characters of a cell (openpyxl cuts there too)
ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))
MAX_WIDTH_ROWS = 200  # column widths follow the header and the first 200 values

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OFFICE = "application/vnd.openxmlformats-officedocument"


def _cell(value: Any) -> Any:
    import numpy as np

    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str):
        return _text(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return _text(str(value))


def _text(value: str) -> str:
    """Text without the characters an .xlsx cannot hold (C0 controls other than tab, newline
    and carriage return, as openpyxl's ``ILLEGAL_CHARACTERS_RE``; U+FFFE, U+FFFF): each
    becomes U+FFFD."""
    return ILLEGAL_CHARACTERS.sub("\ufffd", value)


def _escape(text: str) -> str:
    """XML character data; a carriage return as ``&#13;`` so that it survives parsing (XML
    turns a literal one into a line feed), as lxml writes it."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _attribute(text: str) -> str:
    return _escape(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def column_letter(number: int) -> str:
    """Excel's name of column ``number`` (1 → A, 27 → AA; openpyxl ``get_column_letter``)."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _number(value: float | int) -> str:
    return f"{value:.16g}"  # openpyxl's safe_string ("%.16g"): the digits cells had so far


def _cell_xml(reference: str, value: Any, style: str = "") -> str:
    """One ``<c>`` element as openpyxl writes it: text inline (a cell that starts with "=" is
    text, never a formula), Excel's error codes as errors, booleans as 0/1, numbers with 16
    significant digits; None is no element at all."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{reference}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{reference}"{style} t="n"><v>{_number(value)}</v></c>'
    value = value[:MAX_CELL_TEXT]
    if value in ERROR_CODES:
        return f'<c r="{reference}"{style} t="e"><v>{value}</v></c>'
    if value == "":
        return f'<c r="{reference}"{style} t="inlineStr"/>'
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return (f'<c r="{reference}"{style} t="inlineStr"><is><t{space}>{_escape(value)}</t>'
            "</is></c>")


def _widths(table: pd.DataFrame, columns: list[list[Any]]) -> list[int]:
    """Per column: the longest of its name and its first 200 values as text, plus 2, within
    8..60 characters."""
    widths = []
    for name, values in zip(table.columns, columns, strict=True):
        if not table.columns.is_unique:  # ``table[name]`` is every column of that name
            values = table[name].head(MAX_WIDTH_ROWS)
        width = max([len(str(name))] + [len(str(v)) for v in values[:MAX_WIDTH_ROWS]])
        widths.append(min(max(width + 2, 8), 60))
    return widths


def _sheet_xml(table: pd.DataFrame) -> str:
    header = [_text(str(c)) for c in table.columns]
    letters = [column_letter(j) for j in range(1, len(header) + 1)]
    # the values as ``itertuples`` gives them (Python scalars, pandas' own for NA and dates)
    columns = [series.tolist() for _, series in table.items()]
    if not header:  # a table without columns: openpyxl styled an empty A1 all the same
        rows = ['<row r="1"><c r="A1" s="1" t="n"/></row>']
    else:
        rows = ['<row r="1">' + "".join(_cell_xml(f"{letter}1", value, ' s="1"')
                                       for letter, value in zip(letters, header, strict=True))
                + "</row>"]
    for number, row in enumerate(zip(*columns, strict=True), start=2):
        cells = "".join(_cell_xml(f"{letter}{number}", _cell(value))
                        for letter, value in zip(letters, row, strict=True))
        rows.append(f'<row r="{number}">{cells}</row>')
    n_rows = len(table) + 1
    dimension = f"A1:{letters[len(header) - 1]}{n_rows}" if header else "A1:A1"
    cols = "".join(f'<col width="{width}" customWidth="1" min="{j}" max="{j}"/>'
                   for j, width in enumerate(_widths(table, columns), start=1))
    return (f'<worksheet xmlns="{MAIN}"><sheetPr><outlinePr summaryBelow="1" '
            'summaryRight="1"/><pageSetUpPr/></sheetPr>'
            f'<dimension ref="{dimension}"/><sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A1" sqref="A1"/></sheetView>'
            '</sheetViews><sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "")
            + "<sheetData>" + "".join(rows) + "</sheetData>"
            '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" '
            'footer="0.5"/></worksheet>')


STYLES = (
    f'<styleSheet xmlns="{MAIN}"><numFmts count="0"/><fonts count="2"><font>'
    '<name val="Calibri"/><family val="2"/><sz val="11"/></font><font><b val="1"/></font>'
    '</fonts><fills count="2"><fill><patternFill/></fill><fill><patternFill '
    'patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/>'
    '<bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" '
    'fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" '
    'fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/><xf '
    'numFmtId="0" fontId="1" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" '
    'xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" '
    'builtinId="0" hidden="0"/></cellStyles><tableStyles count="0" '
    'defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>'
    "</styleSheet>")


def _sheet_titles(names: list[str]) -> list[str]:
    """Sheet names: cut to Excel's 31 characters, ``_2``, ``_3`` … when a cut name repeats."""
    used: set[str] = set()
    titles = []
    for name in names:
        title = name[:31]
        suffix = 1
        while title in used:
            suffix += 1
            title = f"{name[:28]}_{suffix}"
        used.add(title)
        titles.append(title)
    return titles


def tables_workbook(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """An .xlsx with one sheet per table (names cut to Excel's 31 characters), a bold frozen
    header row and full-precision numbers; dates in the file come from SOURCE_DATE_EPOCH.
    Text that looks like a formula (``=HYPERLINK(…)``) is stored as text, never as a formula
    (OWASP, "CSV Injection"); control characters become U+FFFD."""
    titles = _sheet_titles(list(tables))
    n = len(titles)
    moment = datetime.fromtimestamp(build_epoch(), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    sheet_type = f"{OFFICE}.spreadsheetml.worksheet+xml"
    content_types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{OFFICE}.spreadsheetml.styles+xml"'
        '/><Override PartName="/docProps/core.xml" ContentType="application/vnd.'
        'openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" '
        f'ContentType="{OFFICE}.extended-properties+xml"/>'
        + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                  f'ContentType="{sheet_type}"/>' for i in range(1, n + 1))
        + '<Override PartName="/xl/workbook.xml" ContentType="'
        f'{OFFICE}.spreadsheetml.sheet.main+xml"/></Types>')
    package_rels = (
        f'<Relationships xmlns="{RELS}"><Relationship Type="{DOC_RELS}/officeDocument" '
        'Target="xl/workbook.xml" Id="rId1"/><Relationship Type="http://schemas.'
        'openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        f'Target="docProps/core.xml" Id="rId2"/><Relationship Type="{DOC_RELS}/'
        'extended-properties" Target="docProps/app.xml" Id="rId3"/></Relationships>')
    app = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           'extended-properties"><Application>maatwerk-stats</Application></Properties>')
    dated = 'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/' \
            'XMLSchema-instance" xsi:type="dcterms:W3CDTF"'
    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties"><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'maatwerk-stats</dc:creator><dcterms:created {dated}>{moment}</dcterms:created>'
            f'<dcterms:modified {dated}>{moment}</dcterms:modified></cp:coreProperties>')
    sheets = "".join(f'<sheet xmlns:r="{DOC_RELS}" name="{_attribute(title)}" sheetId="{i}" '
                     f'state="visible" r:id="rId{i}"/>' for i, title in enumerate(titles, 1))
    workbook = (f'<workbook xmlns="{MAIN}"><workbookPr/><workbookProtection/><bookViews>'
                '<workbookView visibility="visible" minimized="0" showHorizontalScroll="1" '
                'showVerticalScroll="1" showSheetTabs="1" tabRatio="600" firstSheet="0" '
                'activeTab="0" autoFilterDateGrouping="1"/></bookViews>'
                f'<sheets>{sheets}</sheets><definedNames/><calcPr calcId="124519" '
                'fullCalcOnLoad="1"/></workbook>')
    workbook_rels = (
        f'<Relationships xmlns="{RELS}">'
        + "".join(f'<Relationship Type="{DOC_RELS}/worksheet" '
                  f'Target="/xl/worksheets/sheet{i}.xml" Id="rId{i}"/>' for i in range(1, n + 1))
        + f'<Relationship Type="{DOC_RELS}/styles" Target="styles.xml" Id="rId{n + 1}"/>'
        "</Relationships>")
    members = [("[Content_Types].xml", content_types), ("_rels/.rels", package_rels),
               ("docProps/app.xml", app), ("docProps/core.xml", core),
               ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", workbook_rels),
               ("xl/styles.xml", STYLES)]
    members += [(f"xl/worksheets/sheet{i}.xml", _sheet_xml(table))
                for i, table in enumerate(tables.values(), start=1)]
    return zip_archive([(name, text.encode("utf-8")) for name, text in members])
