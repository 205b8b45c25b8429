"""A Word document (.docx) written as the zip of XML parts it is, without python-docx.

The factsheet's Word file used python-docx: its import and object model (element classes,
style look-ups by XPath over the 350 KB styles part, a save and a second zip pass) took
0.15-0.2 s of CPU in a factsheet run, more than the document's content. This module writes
the same document directly: the same parts, in the same order, with the same bytes
(``tests/test_docx_package.py`` compares every part with python-docx's file for the demo
factsheets and for generated text), so Word, LibreOffice and the DOCX content tests see
exactly the file they saw before.

What it reproduces of python-docx 1.2 (``docx/oxml``, ``docx/parts``, ``docx/opc``):

- the template: python-docx's ``default.docx`` (:func:`~maatwerk_stats.io.docx_template.
  default_parts`); the XML parts python-docx parses and saves again (styles, settings,
  numbering, relationships, core properties) are serialised as lxml does after parsing with
  ``remove_blank_text`` (the whitespace between tags removed, the XML declaration with single
  quotes); the parts it only carries (theme, font table, ``stylesWithEffects``, the
  thumbnail) keep their bytes;
- elements in schema order (``w:pPr``: pStyle, keepNext, jc; ``w:rPr``: b, i, color, sz),
  text as ``w:t`` (``xml:space="preserve"`` when it starts or ends with white space), a tab
  as ``w:tab``, a line end as ``w:br`` (``docx.oxml.text.run._RunContentAppender``), and
  lxml's escaping of text (``&``, ``<``, ``>``, CR) and attributes (also ``"``, tab, LF);
- lengths as python-docx rounds them: ``Cm``/``Pt`` truncate to EMU, twips and half-points
  from EMU (``docx.shared.Length``, ``docx.oxml.simpletypes``);
- pictures: one media part per distinct image (by content), ``imageN.png``, a relationship
  each, ``wp:docPr`` ids 1, 2, … in order, the size from the PNG's pixels and ``pHYs``
  resolution (72 dpi without one: ``docx.image.png``); a JPEG (a logo) is measured by
  python-docx's own image header parser, imported only then;
- the footer part (``footer1.xml``) and its reference in the section properties.
"""

from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import dataclass, field

# python-docx's Length units (docx.shared): EMU per unit
EMU_PER_CM, EMU_PER_PT, EMU_PER_INCH, EMU_PER_TWIP = 360000, 12700, 914400, 635

W_NAMESPACES = (
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:mo="http://schemas.microsoft.com/office/mac/office/2008/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:mv="urn:schemas-microsoft-com:mac:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk" '
    'xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'mc:Ignorable="w14 wp14"')
# python-docx's default-footer.xml, its namespaces in that file's order
FOOTER_NAMESPACES = (
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:mo="http://schemas.microsoft.com/office/mac/office/2008/main" '
    'xmlns:mv="urn:schemas-microsoft-com:mac:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'mc:Ignorable="w14 wp14"')
DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
STYLE_IDS = {"Title": "Title", "Heading 1": "Heading1", "Heading 2": "Heading2",
             "List Bullet": "ListBullet", "Footer": "Footer"}
# the page the factsheet sets: A4 portrait, margins 1.8 cm left and right, 1.5 cm top,
# 1.4 cm bottom, in twips as python-docx stores them
PAGE_WIDTH_TWIPS, SIDE_MARGIN_TWIPS = 11906, 1020
SECTION = ('<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="850" w:right="1020" '
           'w:bottom="794" w:left="1020" w:header="720" w:footer="720" w:gutter="0"/>'
           '<w:cols w:space="720"/><w:docGrid w:linePitch="360"/>')
TABLE_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
              'w:noHBand="0" w:noVBand="1" w:val="04A0"/>')
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                                    "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})
_RUN_CONTENT = re.compile(r"(\t|[\r\n])")


def cm(value: float) -> int:
    """EMU of ``value`` cm (``docx.shared.Cm``: truncated)."""
    return int(value * EMU_PER_CM)


def pt(value: float) -> int:
    """EMU of ``value`` points (``docx.shared.Pt``: truncated)."""
    return int(value * EMU_PER_PT)


def twips(emu: int) -> int:
    """``docx.shared.Length.twips``: ``int(round(emu / 635))``."""
    return round(emu / float(EMU_PER_TWIP))


def half_points(points: float) -> int:
    """``w:sz`` of a font size (``ST_HpsMeasure`` of ``Pt(points)``)."""
    return int(pt(points) / float(EMU_PER_PT) * 2)


def text(value: str) -> str:
    return value.translate(_TEXT_ESCAPES)


def attribute(value: str) -> str:
    return value.translate(_ATTRIBUTE_ESCAPES)


def reserialized(xml: bytes) -> bytes:
    """A template part as python-docx saves it after parsing it (lxml, ``remove_blank_text``):
    the white space between tags removed, lxml's XML declaration."""
    body = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", xml).strip()
    return DECLARATION.encode() + re.sub(rb">\s+<", b"><", body)


@dataclass
class Run:
    """A ``w:r``: text (or a picture) with bold/italic (None: not set), colour (hex) and
    size (points)."""

    text: str = ""
    bold: bool | None = None
    italic: bool | None = None
    color: str | None = None
    size: float | None = None
    drawing: str = ""  # a finished <w:drawing> element

    def xml(self) -> str:
        properties = []
        if self.bold is not None:
            properties.append("<w:b/>" if self.bold else '<w:b w:val="0"/>')
        if self.italic is not None:
            properties.append("<w:i/>" if self.italic else '<w:i w:val="0"/>')
        if self.color is not None:
            properties.append(f'<w:color w:val="{self.color}"/>')
        if self.size is not None:
            properties.append(f'<w:sz w:val="{half_points(self.size)}"/>')
        content = "".join(_content(piece) for piece in _RUN_CONTENT.split(self.text) if piece)
        inner = (f"<w:rPr>{''.join(properties)}</w:rPr>" if properties else "") + \
            self.drawing + content
        return f"<w:r>{inner}</w:r>" if inner else "<w:r/>"


def _content(piece: str) -> str:
    if piece == "\t":
        return "<w:tab/>"
    if piece in "\r\n":
        return "<w:br/>"
    space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
    return f"<w:t{space}>{text(piece)}</w:t>"


@dataclass
class Paragraph:
    """A ``w:p`` with a style (a name of :data:`STYLE_IDS`), keep-with-next, alignment."""

    style: str | None = None
    keep_with_next: bool = False
    align: str | None = None  # "right"
    runs: list[Run] = field(default_factory=list)

    def add_run(self, value: str = "", **properties: object) -> Run:
        run = Run(value, **properties)  # type: ignore[arg-type]
        self.runs.append(run)
        return run

    def paragraphs(self) -> list[Paragraph]:
        return [self]

    def xml(self) -> str:
        properties = ""
        if self.style is not None:
            properties += f'<w:pStyle w:val="{STYLE_IDS[self.style]}"/>'
        if self.keep_with_next:
            properties += "<w:keepNext/>"
        if self.align is not None:
            properties += f'<w:jc w:val="{self.align}"/>'
        inner = (f"<w:pPr>{properties}</w:pPr>" if properties else "") + \
            "".join(run.xml() for run in self.runs)
        return f"<w:p>{inner}</w:p>" if inner else "<w:p/>"


@dataclass
class Cell:
    width: int  # twips
    paragraphs_: list[Paragraph] = field(default_factory=lambda: [Paragraph()])
    fill: str | None = None

    def add_paragraph(self, style: str | None = None) -> Paragraph:
        paragraph = Paragraph(style=style)
        self.paragraphs_.append(paragraph)
        return paragraph

    def xml(self) -> str:
        shading = (f'<w:shd w:val="clear" w:fill="{self.fill}"/>' if self.fill else "")
        return (f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{self.width}"/>{shading}</w:tcPr>'
                + "".join(p.xml() for p in self.paragraphs_) + "</w:tc>")


@dataclass
class Table:
    """A ``w:tbl`` in style Table Grid; ``fixed``: python-docx's ``autofit = False``; the
    first row may repeat as a header row."""

    widths: list[int]  # twips per column
    rows: list[list[Cell]] = field(default_factory=list)
    fixed: bool = False
    header_rows: int = 0

    def add_row(self) -> list[Cell]:
        row = [Cell(width) for width in self.widths]
        self.rows.append(row)
        return row

    def set_widths(self, widths: list[int]) -> None:
        self.widths = list(widths)
        for row in self.rows:
            for cell, width in zip(row, widths, strict=False):
                cell.width = width

    def paragraphs(self) -> list[Paragraph]:
        return [p for row in self.rows for cell in row for p in cell.paragraphs_]

    def xml(self) -> str:
        layout = '<w:tblLayout w:type="fixed"/>' if self.fixed else ""
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in self.widths)
        rows = []
        for index, row in enumerate(self.rows):
            header = ('<w:trPr><w:tblHeader w:val="true"/></w:trPr>'
                      if index < self.header_rows else "")
            rows.append(f"<w:tr>{header}{''.join(cell.xml() for cell in row)}</w:tr>")
        return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" '
                f'w:w="0"/>{layout}{TABLE_LOOK}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
                + "".join(rows) + "</w:tbl>")


def png_size(data: bytes) -> tuple[int, int, int, int]:
    """Pixels and dots per inch (width, height, horizontal, vertical) of a PNG, as
    ``docx.image.png`` reads them: IHDR, and the first pHYs chunk in metres (72 without)."""
    width, height = struct.unpack(">II", data[16:24])
    dpi = (72, 72)
    offset = 8
    while offset + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        if kind == b"pHYs":
            horizontal, vertical, unit = struct.unpack(">IIB", data[offset + 8:offset + 17])
            dpi = tuple(round(per_metre * 0.0254) if unit == 1 and per_metre else 72
                        for per_metre in (horizontal, vertical))  # type: ignore[assignment]
            break
        if kind in (b"IDAT", b"IEND"):
            break
        offset += 12 + length
    return width, height, *dpi


def _image_header(data: bytes) -> tuple[str, int, int, int, int]:
    """Extension and (pixels, dpi) of an image, PNG here, any other kind by python-docx's
    own header parser (a JPEG logo)."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return ("png", *png_size(data))
    from docx.image.image import Image  # only for a JPEG logo

    image = Image.from_blob(data)
    return image.ext, image.px_width, image.px_height, image.horz_dpi, image.vert_dpi


@dataclass
class Document:
    """The body of ``word/document.xml`` as blocks (paragraphs and tables), with the images
    they show; :meth:`docx` assembles the package."""

    blocks: list[Paragraph | Table] = field(default_factory=list)
    images: dict[str, tuple[str, str, bytes]] = field(default_factory=dict)  # sha1: rId…
    shapes: int = 0

    def add_paragraph(self, value: str = "", style: str | None = None) -> Paragraph:
        paragraph = Paragraph(style=style)
        if value:
            paragraph.add_run(value)
        self.blocks.append(paragraph)
        return paragraph

    def add_heading(self, value: str, level: int) -> Paragraph:
        return self.add_paragraph(value, "Title" if level == 0 else f"Heading {level}")

    def add_table(self, columns: int) -> Table:
        """A one-row table of ``columns`` equal columns over the text width (python-docx's
        ``add_table(rows=1, cols=columns)``)."""
        block = (PAGE_WIDTH_TWIPS - 2 * SIDE_MARGIN_TWIPS) * EMU_PER_TWIP
        width = twips(block // columns) if columns > 0 else 0
        table = Table([width] * columns)
        table.add_row()
        self.blocks.append(table)
        return table

    def mark(self) -> int:
        """Where the next block goes (for :meth:`keep_with_next_from`)."""
        return len(self.blocks)

    def keep_with_next_from(self, start: int) -> None:
        """Every paragraph from block ``start`` on (table cells included) keeps with the
        next."""
        for block in self.blocks[start:]:
            for paragraph in block.paragraphs():
                paragraph.keep_with_next = True

    def picture(self, data: bytes, width_cm: float | None = None,
                height_cm: float | None = None, descr: str | None = None,
                title: str | None = None) -> str:
        """A ``w:drawing`` of ``data`` scaled to the width or height given
        (``docx.image.image.Image.scaled_dimensions``)."""
        digest = hashlib.sha1(data).hexdigest()
        ext, px_width, px_height, horz_dpi, vert_dpi = _image_header(data)
        if digest not in self.images:
            number = len(self.images) + 1
            self.images[digest] = (f"rId{8 + number}", f"image{number}.{ext}", data)
        rid = self.images[digest][0]
        native_width = int(px_width / horz_dpi * EMU_PER_INCH)
        native_height = int(px_height / vert_dpi * EMU_PER_INCH)
        if width_cm is not None:
            cx = cm(width_cm)
            cy = round(native_height * (float(cx) / float(native_width)))
        else:
            assert height_cm is not None
            cy = cm(height_cm)
            cx = round(native_width * (float(cy) / float(native_height)))
        self.shapes += 1
        shape = self.shapes
        names = f'id="{shape}" name="Picture {shape}"'
        if descr is not None:
            names += f' descr="{attribute(descr)}"'
        if title is not None:
            names += f' title="{attribute(title)}"'
        return (
            '<w:drawing><wp:inline xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/'
            'main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr {names}/><wp:cNvGraphicFramePr>'
            '<a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic>'
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="image.{ext}"/><pic:cNvPicPr/>'
            f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/>'
            '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>'
            '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>')

    def docx(self, footer: Paragraph, styles: bytes, title: str, language: str,
             template: dict[str, bytes]) -> bytes:
        """The package: this body, ``footer`` (style Footer), ``styles`` (the finished
        styles part), the core properties (``title``, ``language``, dates from
        :func:`~maatwerk_stats.io.reproducible.build_epoch`), the rest from ``template``."""
        import time

        from ..io.reproducible import build_epoch, zip_archive

        footer_rid = f"rId{9 + len(self.images)}"
        body = "".join(block.xml() for block in self.blocks)
        document = (f"{DECLARATION}<w:document {W_NAMESPACES}><w:body>{body}"
                    '<w:sectPr w:rsidR="00FC693F" w:rsidRPr="0006063C" w:rsidSect="00034616">'
                    f'<w:footerReference w:type="default" r:id="{footer_rid}"/>{SECTION}'
                    "</w:sectPr></w:body></w:document>")
        footer_xml = f"{DECLARATION}<w:ftr {FOOTER_NAMESPACES}>{footer.xml()}</w:ftr>"
        moment = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(build_epoch()))
        core = (
            f'{DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/'
            '1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/'
            'dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{text(title[:255])}</dc:title><dc:subject/><dc:creator>maatwerk-stats"
            "</dc:creator><cp:keywords/><dc:description></dc:description><cp:lastModifiedBy>"
            "maatwerk-stats</cp:lastModifiedBy><cp:revision>1</cp:revision><dcterms:created "
            f'xsi:type="dcterms:W3CDTF">{moment}</dcterms:created><dcterms:modified '
            f'xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified><cp:category/>'
            f"<dc:language>{text(language)}</dc:language><cp:lastPrinted>{moment}"
            "</cp:lastPrinted></cp:coreProperties>")
        images = list(self.images.values())
        relations = "".join(
            f'<Relationship Id="{rid}" Type="{RELS}/image" Target="media/{name}"/>'
            for rid, name, _ in images)
        document_rels = reserialized(template["word/_rels/document.xml.rels"]).replace(
            b"</Relationships>", (relations + f'<Relationship Id="{footer_rid}" '
                                  f'Type="{RELS}/footer" Target="footer1.xml"/>'
                                  "</Relationships>").encode())
        extensions = {"jpeg", "rels", "xml", *(name.rsplit(".", 1)[1] for _, name, _ in images)}
        content_types = (
            f'{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types">'
            + "".join(f'<Default Extension="{ext}" ContentType="{DEFAULT_TYPES[ext]}"/>'
                      for ext in sorted(extensions))
            + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>'
                      for name, kind in sorted(OVERRIDES.items()))
            + "</Types>")
        raw = ("docProps/app.xml", "word/stylesWithEffects.xml", "word/webSettings.xml",
               "word/fontTable.xml", "word/theme/theme1.xml", "customXml/item1.xml",
               "customXml/itemProps1.xml")
        parts = {name: template[name] for name in raw}
        members = [
            ("[Content_Types].xml", content_types.encode()),
            ("_rels/.rels", reserialized(template["_rels/.rels"])),
            ("docProps/core.xml", core.encode()),
            ("docProps/app.xml", parts["docProps/app.xml"]),
            ("word/document.xml", document.encode()),
            ("word/_rels/document.xml.rels", document_rels),
            ("word/styles.xml", styles),
            ("word/stylesWithEffects.xml", parts["word/stylesWithEffects.xml"]),
            ("word/settings.xml", reserialized(template["word/settings.xml"])),
            ("word/webSettings.xml", parts["word/webSettings.xml"]),
            ("word/fontTable.xml", parts["word/fontTable.xml"]),
            ("word/theme/theme1.xml", parts["word/theme/theme1.xml"]),
            ("customXml/item1.xml", parts["customXml/item1.xml"]),
            ("customXml/_rels/item1.xml.rels",
             reserialized(template["customXml/_rels/item1.xml.rels"])),
            ("customXml/itemProps1.xml", parts["customXml/itemProps1.xml"]),
            ("word/numbering.xml", reserialized(template["word/numbering.xml"])),
            *((f"word/media/{name}", data) for _, name, data in images),
            ("word/footer1.xml", footer_xml.encode()),
            ("docProps/thumbnail.jpeg", template["docProps/thumbnail.jpeg"]),
        ]
        return zip_archive(members)


DEFAULT_TYPES = {
    "jpeg": "image/jpeg", "jpg": "image/jpeg", "png": "image/png",
    "rels": "application/vnd.openxmlformats-package.relationships+xml",
    "xml": "application/xml"}
_OFFICE = "application/vnd.openxmlformats-officedocument"
OVERRIDES = {
    "/customXml/itemProps1.xml": f"{_OFFICE}.customXmlProperties+xml",
    "/docProps/app.xml": f"{_OFFICE}.extended-properties+xml",
    "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "/word/document.xml": f"{_OFFICE}.wordprocessingml.document.main+xml",
    "/word/fontTable.xml": f"{_OFFICE}.wordprocessingml.fontTable+xml",
    "/word/footer1.xml": f"{_OFFICE}.wordprocessingml.footer+xml",
    "/word/numbering.xml": f"{_OFFICE}.wordprocessingml.numbering+xml",
    "/word/settings.xml": f"{_OFFICE}.wordprocessingml.settings+xml",
    "/word/styles.xml": f"{_OFFICE}.wordprocessingml.styles+xml",
    "/word/stylesWithEffects.xml": "application/vnd.ms-word.stylesWithEffects+xml",
    "/word/theme/theme1.xml": f"{_OFFICE}.theme+xml",
    "/word/webSettings.xml": f"{_OFFICE}.wordprocessingml.webSettings+xml",
}
