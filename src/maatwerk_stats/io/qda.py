"""Read exports of qualitative-analysis (QDA) software: code trees and coded segments.

Four formats, recognised by content and extension (:func:`read_qda`):

- **NVivo codebook / node summary** (``.xlsx`` or ``.csv``): one row per code with ``Name``,
  ``Description``, ``Files``, ``References`` (Dutch NVivo: ``Naam``, ``Beschrijving``,
  ``Bestanden``, ``Verwijzingen``/``Referenties``). The hierarchy comes from a path column
  (``Hierarchical Name``/``Hiërarchische naam``: ``Codes\\Parent\\Child``), from a ``Parent``
  column, or from the indentation of ``Name`` (leading spaces, or the cell indent of an
  Excel export). NVivo does not add children up: a parent code is exported at 0 files /
  0 references unless fragments were coded at the parent itself.
- **REFI-QDA codebook** (``.qdc``): ``CodeBook/Codes/Code`` nested, validated against the
  standard's ``Codebook.xsd``.
- **REFI-QDA project** (``.qdpx``): a zip holding ``project.qde`` (validated against
  ``Project.xsd``) and the sources. Every selection (``PlainTextSelection``, ``PDFSelection``,
  …) with its ``Coding`` elements is one coded segment; ``Cases`` that refer to sources map
  sources to participants, with the cases' variables as attributes.
- **Coded segments** (``.csv``/``.xlsx``: document, code, segment text), as MAXQDA
  ("Coded segments"), ATLAS.ti (quotations) and QualCoder export them; a code path such as
  ``Parent\\Child`` (MAXQDA) gives the hierarchy, a cell with one code per line (ATLAS.ti's
  quotation list) codes the fragment with each.

Safe by construction: XML is parsed with entities, DTDs and network access switched off
(``etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
huge_tree=False)``), and a document with a ``DOCTYPE`` is refused; a ``.qdpx`` is never
extracted to disk — its members are read into memory, after checking names (no absolute or
``..`` paths), the declared sizes, the compression ratio and, while reading, the actual
sizes. Sources outside the archive (``absolute://``, ``relative://``) are never opened.

The readers only read: counting, tree totals and checks that need the whole tree are in
:mod:`maatwerk_stats.analyses.codes`.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputFileError, Text, quoted_list
from ..notes import Note

if TYPE_CHECKING:
    import pandas as pd

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"

# Limits on a .qdpx archive (the project.qde of a large NVivo project is a few MB).
MAX_MEMBERS = 20_000
MAX_MEMBER_BYTES = 256 * 2**20  # one member, uncompressed
MAX_TOTAL_BYTES = 1024 * 2**20  # all members read, uncompressed
MAX_RATIO = 200  # uncompressed / compressed size of a member larger than 1 MB
MAX_XML_BYTES = 256 * 2**20

SUFFIXES = ".qdpx, .qdc, .csv, .xlsx"


@dataclass(frozen=True)
class QdaCode:
    """One code of the tree. ``id`` is unique (a REFI-QDA guid, else the code's path);
    ``parent`` is the parent's ``id``. ``files``/``references`` are the counts the export
    states (NVivo); they are None where the export holds segments instead."""

    id: str
    name: str
    parent: str | None = None
    description: str | None = None
    files: int | None = None
    references: int | None = None
    row: int | None = None  # row of a table export (counted from 2, the header is row 1)
    attributes: Mapping[str, str] = field(default_factory=dict)  # "domain", "direction"


@dataclass(frozen=True)
class QdaExport:
    """A QDA export as read: the code tree (parents before children), the sources and,
    when the export has them, the coded segments.

    ``segments`` has one row per coding: ``segment`` (a fragment's id: the same fragment
    coded at two codes has two rows with the same id), ``source``, ``code`` (a code id),
    ``text``. ``sources`` maps a source id to its name (a document title: never published),
    ``participants`` a source id to a participant id, ``attributes`` a participant to its
    attributes (role, organisation, …), ``sets`` a REFI-QDA set's name to its member codes.
    """

    path: Path
    kind: str  # "nvivo", "qdc", "qdpx", "segments"
    codes: tuple[QdaCode, ...]
    sha256: str
    segments: pd.DataFrame | None = None
    sources: Mapping[str, str] = field(default_factory=dict)
    participants: Mapping[str, str] = field(default_factory=dict)
    attributes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    sets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()

    @property
    def has_segments(self) -> bool:
        return self.segments is not None

    def provenance(self) -> dict[str, Any]:
        return {"path": str(self.path), "sha256": self.sha256, "format": self.kind}


def read_qda(path: str | Path) -> QdaExport:
    """Read a QDA export (see the module docstring); the format follows the extension and,
    for tables, the header. Raises :class:`InputFileError` naming the file and the problem."""
    from .read import not_found, sha256_of

    path = Path(path)
    if not path.exists():
        raise not_found(path)
    if path.is_dir():
        raise InputFileError(
            en=f"{path} is a directory, not a QDA export. Give the exported file ({SUFFIXES}).",
            nl=f"{path} is een map, geen QDA-export. Geef het geëxporteerde bestand "
               f"({SUFFIXES}).")
    if path.stat().st_size == 0:
        raise InputFileError(en=f"{path} is empty (0 bytes). Export it again.",
                             nl=f"{path} is leeg (0 bytes). Exporteer het opnieuw.")
    suffix = path.suffix.lower()
    digest = sha256_of(path)
    if suffix == ".qdpx":
        return _read_qdpx(path, digest)
    if suffix == ".qdc":
        return _read_qdc(path, digest)
    if suffix in (".csv", ".tsv", ".txt", ".xlsx", ".xlsm"):
        return _read_table_export(path, digest)
    raise InputFileError(
        en=f"{path}: unsupported file type {suffix or '(no extension)'!r} for a QDA export. "
           f"Supported: {SUFFIXES} (REFI-QDA project or codebook, NVivo code summary, coded "
           "segments).",
        nl=f"{path}: bestandstype {suffix or '(geen extensie)'!r} wordt niet ondersteund voor "
           f"een QDA-export. Ondersteund: {SUFFIXES} (REFI-QDA-project of -codeboek, "
           "codeoverzicht uit NVivo, gecodeerde fragmenten).")


# --------------------------------------------------------------------------------------------
# XML: safe parsing and schema validation


def _parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, dtd_validation=False, remove_comments=True,
                           remove_pis=True)


def _schema(name: str) -> Any:
    from lxml import etree

    text = (resources.files("maatwerk_stats.io") / "schemas" / "refi_qda" / name).read_bytes()
    return etree.XMLSchema(etree.fromstring(text, _parser()))


def parse_refi_xml(data: bytes, where: str, schema: str, namespace: str, root: str) -> Any:
    """Parse and validate one REFI-QDA XML document (``schema`` = ``Project.xsd`` or
    ``Codebook.xsd``); ``where`` names it in messages. Returns the root element."""
    from lxml import etree

    if len(data) > MAX_XML_BYTES:
        raise InputFileError(
            en=f"{where} is larger than {MAX_XML_BYTES // 2**20} MB; not read.",
            nl=f"{where} is groter dan {MAX_XML_BYTES // 2**20} MB; niet gelezen.")
    doctype = "<!DOCTYPE"
    if any(doctype.encode(e) in data for e in ("utf-8", "utf-16-le", "utf-16-be")):
        raise InputFileError(_doctype(where))
    try:
        tree = etree.fromstring(data, _parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        raise InputFileError(
            en=f"{where} is not well-formed XML (line {exc.lineno}: {_short(exc.msg)}). "
               "Export it again from the QDA program.",
            nl=f"{where} is geen geldige XML (regel {exc.lineno}: {_short(exc.msg)}). "
               "Exporteer het opnieuw uit het QDA-programma.") from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise InputFileError(_doctype(where))
    element = tree.getroot()
    expected = f"{{{namespace}}}{root}"
    if element.tag != expected:
        found = _local(element.tag)
        raise InputFileError(
            en=f"{where} is not a REFI-QDA {root.lower()} file: its root element is "
               f"{found!r} in namespace {_namespace(element.tag) or '(none)'!r}, expected "
               f"{root!r} in {namespace!r}.",
            nl=f"{where} is geen REFI-QDA-{root.lower()}bestand: het hoofdelement is "
               f"{found!r} in namespace {_namespace(element.tag) or '(geen)'!r}, verwacht is "
               f"{root!r} in {namespace!r}.")
    validator = _schema(schema)
    if not validator.validate(tree):
        error = validator.error_log[0]
        count = len(validator.error_log)
        more = f" ({count - 1} more problems)" if count > 1 else ""
        more_nl = f" (nog {count - 1} problemen)" if count > 1 else ""
        detail = _short(error.message)
        raise InputFileError(
            en=f"{where} does not validate against the REFI-QDA schema {schema}: line "
               f"{error.line}: {detail}{more}. Export it again, or report it to the maker of "
               "the QDA program.",
            nl=f"{where} voldoet niet aan het REFI-QDA-schema {schema}: regel {error.line}: "
               f"{detail}{more_nl}. Exporteer het opnieuw, of meld het aan de maker van het "
               "QDA-programma.")
    return element


def _doctype(where: str) -> Text:
    """The message for an XML document with a DOCTYPE declaration."""
    return Text(f"{where} holds a DOCTYPE declaration (entities or a DTD); REFI-QDA files "
                "have none, so it is not read.",
                f"{where} bevat een DOCTYPE-declaratie (entiteiten of een DTD); REFI-QDA-"
                "bestanden hebben die niet, dus het wordt niet gelezen.")


def _short(message: str, limit: int = 160) -> str:
    message = " ".join(str(message).split()).rstrip(".")
    message = re.sub(r"\{urn:QDA-XML:[a-z]+:1\.0\}", "", message)
    return message if len(message) <= limit else message[:limit - 1] + "…"


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _namespace(tag: Any) -> str:
    tag = str(tag)
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _codes_from_xml(container: Any, ns: str) -> list[QdaCode]:
    """The ``Code`` elements below ``container`` (``Codes``), depth first."""
    codes: list[QdaCode] = []
    stack: list[tuple[Any, str | None]] = [(c, None) for c in
                                           reversed(container.findall(f"{{{ns}}}Code"))]
    while stack:
        element, parent = stack.pop()
        guid = _guid(element.get("guid"))
        description = element.findtext(f"{{{ns}}}Description")
        codes.append(QdaCode(id=guid, name=element.get("name", ""), parent=parent,
                             description=description.strip() if description else None))
        stack.extend((c, guid) for c in reversed(element.findall(f"{{{ns}}}Code")))
    return codes


def _guid(value: str | None) -> str:
    """GUIDs compare case-insensitively and may be written in braces."""
    return (value or "").strip().strip("{}").lower()


def _read_qdc(path: Path, digest: str) -> QdaExport:
    root = parse_refi_xml(path.read_bytes(), str(path), "Codebook.xsd", CODEBOOK_NS,
                          "CodeBook")
    codes = _codes_from_xml(root.find(f"{{{CODEBOOK_NS}}}Codes"), CODEBOOK_NS)
    return QdaExport(path=path, kind="qdc", codes=tuple(codes), sha256=digest,
                     sets=_sets(root, CODEBOOK_NS))


def _sets(root: Any, ns: str) -> dict[str, tuple[str, ...]]:
    """``Sets/Set`` → the guids of its ``MemberCode`` elements (sets of sources or notes
    only are left out)."""
    sets: dict[str, tuple[str, ...]] = {}
    for element in root.iterfind(f"{{{ns}}}Sets/{{{ns}}}Set"):
        members = tuple(_guid(m.get("guid") or m.get("targetGUID"))
                        for m in element.findall(f"{{{ns}}}MemberCode"))
        if members:
            sets[element.get("name", "")] = members
    return sets


# --------------------------------------------------------------------------------------------
# .qdpx: a zip read in memory


class _Archive:
    """The members of a ``.qdpx`` zip, read into memory with the limits above."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.total = 0
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise InputFileError(
                en=f"{path} is not a zip archive ({exc}); a .qdpx file is a zip holding "
                   "project.qde. Export the REFI-QDA project again.",
                nl=f"{path} is geen zip-archief ({exc}); een .qdpx-bestand is een zip met "
                   "project.qde. Exporteer het REFI-QDA-project opnieuw.") from None
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InputFileError(
                en=f"{path} holds {len(infos)} files, more than the {MAX_MEMBERS} a REFI-QDA "
                   "project is allowed here; not read.",
                nl=f"{path} bevat {len(infos)} bestanden, meer dan de {MAX_MEMBERS} die een "
                   "REFI-QDA-project hier mag hebben; niet gelezen.")
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            parts = name.replace("\\", "/").split("/")
            if name.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", name):
                raise InputFileError(
                    en=f"{path} holds a member whose path leaves the archive "
                       f"({_short(name, 80)!r}); a REFI-QDA project never does, so it is not "
                       "read (nothing is ever extracted).",
                    nl=f"{path} bevat een onderdeel waarvan het pad buiten het archief wijst "
                       f"({_short(name, 80)!r}); een REFI-QDA-project doet dat nooit, dus het "
                       "wordt niet gelezen (er wordt nooit iets uitgepakt).")
            if info.flag_bits & 0x1:
                raise InputFileError(
                    en=f"{path} holds encrypted members; export the project again without a "
                       "password.",
                    nl=f"{path} bevat versleutelde onderdelen; exporteer het project opnieuw "
                       "zonder wachtwoord.")
            if info.file_size > MAX_MEMBER_BYTES or (
                    info.file_size > 2**20
                    and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
                from ..errors import number  # (a loop variable elsewhere is called number)

                unpacked, packed = info.file_size / 2**20, info.compress_size / 2**20
                raise InputFileError(
                    en=f"{path}: member {_short(name, 80)!r} would unpack to "
                       f"{unpacked:.0f} MB from {packed:.2f} MB (a zip bomb?); not read.",
                    nl=f"{path}: onderdeel {_short(name, 80)!r} zou uitpakken tot "
                       f"{number(unpacked, 'nl', ',.0f')} MB uit {number(packed, 'nl', '.2f')} "
                       "MB (een zipbom?); niet gelezen.")
            self.members[name.replace("\\", "/").casefold()] = info

    def find(self, name: str) -> zipfile.ZipInfo | None:
        return self.members.get(name.replace("\\", "/").casefold())

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """The member's bytes; stops as soon as it grows past its declared size or the
        limits (declared sizes can lie)."""
        limit = min(info.file_size, MAX_MEMBER_BYTES)
        chunks: list[bytes] = []
        size = 0
        try:
            with self.zip.open(info) as handle:
                while True:
                    chunk = handle.read(1 << 16)
                    if not chunk:
                        break
                    size += len(chunk)
                    self.total += len(chunk)
                    if size > limit or self.total > MAX_TOTAL_BYTES:
                        member = _short(info.filename, 80)
                        raise InputFileError(
                            en=f"{self.path}: member {member!r} unpacks to more than its "
                               "declared size or the size limit (a zip bomb?); not read.",
                            nl=f"{self.path}: onderdeel {member!r} pakt uit tot meer dan de "
                               "opgegeven grootte of de limiet (een zipbom?); niet gelezen.")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
            member = _short(info.filename, 80)
            raise InputFileError(
                en=f"{self.path}: member {member!r} cannot be read ({exc}); export the project "
                   "again.",
                nl=f"{self.path}: onderdeel {member!r} kan niet gelezen worden ({exc}); "
                   "exporteer het project opnieuw.") from None
        except RuntimeError as exc:  # e.g. an unsupported compression method
            member = _short(info.filename, 80)
            raise InputFileError(
                en=f"{self.path}: member {member!r} cannot be read ({exc}).",
                nl=f"{self.path}: onderdeel {member!r} kan niet gelezen worden ({exc}).") from None
        return b"".join(chunks)


SELECTIONS = ("PlainTextSelection", "PDFSelection", "PictureSelection", "AudioSelection",
              "VideoSelection", "TranscriptSelection")
SOURCES = ("TextSource", "PDFSource", "PictureSource", "AudioSource", "VideoSource")


def _read_qdpx(path: Path, digest: str) -> QdaExport:
    import pandas as pd

    archive = _Archive(path)
    info = archive.find("project.qde")
    if info is None:
        names = sorted(i.filename for i in archive.members.values())[:5]
        raise InputFileError(
            en=f"{path} is a zip archive but not a REFI-QDA project: it holds no project.qde "
               f"(it holds {quoted_list(names, 5) if names else 'no files'}). Export the "
               "project from the QDA program as REFI-QDA (.qdpx).",
            nl=f"{path} is een zip-archief maar geen REFI-QDA-project: er zit geen "
               "project.qde in (wel "
               f"{quoted_list(names, 5, lang='nl') if names else 'geen enkel bestand'}). "
               "Exporteer het project uit het QDA-programma als REFI-QDA (.qdpx).")
    ns = PROJECT_NS
    root = parse_refi_xml(archive.read(info), f"{path} (project.qde)", "Project.xsd", ns,
                          "Project")
    codebook = root.find(f"{{{ns}}}CodeBook/{{{ns}}}Codes")
    codes = _codes_from_xml(codebook, ns) if codebook is not None else []

    sources: dict[str, str] = {}
    rows: list[tuple[str, str, str, str | None]] = []
    notes: list[Note] = []
    unreadable = 0
    container = root.find(f"{{{ns}}}Sources")
    for source in (container if container is not None else []):
        kind = _local(source.tag)
        if kind not in SOURCES:
            continue
        source_id = _guid(source.get("guid"))
        sources[source_id] = source.get("name") or source_id
        text: str | None = None
        selections = [s for s in source.iter(*(f"{{{ns}}}{t}" for t in SELECTIONS))]
        if kind == "TextSource" and any(_local(s.tag) == "PlainTextSelection"
                                        for s in selections):
            text = _source_text(archive, source, ns)
            if text is None:
                unreadable += 1
        # a Coding directly below a source codes the whole source
        for coding in source.findall(f"{{{ns}}}Coding"):
            rows.append((f"{source_id}:{_guid(coding.get('guid'))}", source_id,
                         _coded(coding, ns), None))
        for selection in selections:
            segment = _guid(selection.get("guid"))
            fragment = None
            if _local(selection.tag) == "PlainTextSelection" and text is not None:
                start = int(selection.get("startPosition"))
                end = int(selection.get("endPosition"))
                fragment = text[start:end]
            for coding in selection.findall(f"{{{ns}}}Coding"):
                rows.append((segment, source_id, _coded(coding, ns), fragment))
    if unreadable:
        notes.append(Note("qda_sources_without_text", f"{unreadable} text source(s) have no "
                          "text inside the archive (an external path is never opened): their "
                          "fragments have no quotes.", values={"n_sources": unreadable}))

    participants: dict[str, str] = {}
    attributes: dict[str, dict[str, str]] = {}
    variables = {_guid(v.get("guid")): v.get("name", "")
                 for v in root.iterfind(f"{{{ns}}}Variables/{{{ns}}}Variable")}
    for case in root.iterfind(f"{{{ns}}}Cases/{{{ns}}}Case"):
        case_id = case.get("name") or _guid(case.get("guid"))
        values: dict[str, str] = {}
        for value in case.findall(f"{{{ns}}}VariableValue"):
            ref = value.find(f"{{{ns}}}VariableRef")
            name = variables.get(_guid(ref.get("targetGUID") if ref is not None else None))
            content = [c for c in value if _local(c.tag) != "VariableRef"]
            if name and content and content[0].text is not None:
                values[name] = content[0].text.strip()
        attributes[case_id] = values
        for ref in case.findall(f"{{{ns}}}SourceRef"):
            participants[_guid(ref.get("targetGUID"))] = case_id

    segments = pd.DataFrame(rows, columns=["segment", "source", "code", "text"])
    return QdaExport(path=path, kind="qdpx", codes=tuple(codes), sha256=digest,
                     segments=segments, sources=sources, participants=participants,
                     attributes=attributes, sets=_sets(root, ns), notes=tuple(notes))


def _coded(coding: Any, ns: str) -> str:
    ref = coding.find(f"{{{ns}}}CodeRef")
    return _guid(ref.get("targetGUID"))


def _source_text(archive: _Archive, source: Any, ns: str) -> str | None:
    """The plain text of a text source: inline, or an ``internal://`` file in the archive's
    ``Sources`` folder (REFI-QDA 1.5 §7.3). Other paths are never followed."""
    inline = source.findtext(f"{{{ns}}}PlainTextContent")
    if inline is not None:
        return inline
    location = source.get("plainTextPath") or ""
    if not location.startswith("internal://"):
        return None
    name = location.removeprefix("internal://")
    if "/" in name.replace("\\", "/") or name in ("", ".", ".."):
        return None
    info = archive.find(f"sources/{name}")
    if info is None:
        return None
    data = archive.read(info)
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


# --------------------------------------------------------------------------------------------
# Tables: NVivo code summaries and coded-segment lists


def _key(text: Any) -> str:
    """A header cell compared without case, accents and punctuation."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


NAME = {"name", "naam", "code", "code name", "codenaam", "node", "knooppunt"}
PATH = {"hierarchical name", "hierarchische naam", "hierarchy", "hierarchie", "path", "pad",
        "code path", "codepad", "full name", "volledige naam"}
PARENT = {"parent", "parent code", "bovenliggende code", "ouder", "hoofdcode"}
DESCRIPTION = {"description", "beschrijving", "omschrijving", "memo"}
FILES = {"files", "bestanden", "sources", "bronnen", "documents", "documenten", "interviews"}
REFERENCES = {"references", "referenties", "verwijzingen", "coding references",
              "codeerverwijzingen", "fragments", "fragmenten", "segments", "segmenten"}
DOCUMENT = {"document", "document name", "documentnaam", "dokument", "document title",
            "file", "file name", "bestand", "bestandsnaam", "source", "bron", "interview",
            "document group document"}
SEGMENT = {"segment", "coded segment", "gecodeerd segment", "quotation", "quotation content",
           "quote", "citaat", "text", "tekst", "coded text", "gecodeerde tekst", "fragment",
           "coded segments"}
SEGMENT_ID = {"segment id", "quotation id", "fragment id", "id"}
DOMAIN = {"domain", "domein", "factor", "category", "categorie"}
DIRECTION = {"direction", "richting", "valence", "effect"}
PARTICIPANT = {"participant", "deelnemer", "respondent", "case", "casus"}
CODE = {"code", "codes", "code path", "codepad", "code name", "codenaam"}

PATH_SEPARATORS = ("\\", "::", " > ")
ROOT_FOLDERS = {"codes", "nodes", "knooppunten", "code system", "codesysteem"}


def _read_rows(path: Path) -> tuple[list[list[str]], list[list[int]]]:
    """All rows of a CSV or the first sheet of an XLSX as text, and the indent of each cell
    (Excel's cell indent level; 0 in CSV). Leading spaces are kept: they can be the tree."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True, data_only=True)
            sheet = book.worksheets[0]
            rows, indents = [], []
            for row in sheet.iter_rows():
                rows.append(["" if c.value is None else str(c.value) for c in row])
                indents.append([int(getattr(getattr(c, "alignment", None), "indent", 0) or 0)
                                for c in row])
            book.close()
        except Exception as exc:  # openpyxl raises zipfile/InvalidFileException/KeyError
            detail = _short(str(exc), 100)
            raise InputFileError(
                en=f"{path} could not be read as an Excel .xlsx workbook ({detail}). Save it "
                   "again as .xlsx, or export it as CSV.",
                nl=f"{path} kon niet gelezen worden als Excel-werkmap (.xlsx) ({detail}). Sla "
                   "het opnieuw op als .xlsx, of exporteer het als CSV.") from None
        return rows, indents
    from .read import _detect_encoding, _looks_binary, _sniff_separator

    raw = path.read_bytes()
    if _looks_binary(raw):
        raise InputFileError(
            en=f"{path} does not look like a text (CSV) file: it contains binary data.",
            nl=f"{path} lijkt geen tekstbestand (CSV): het bevat binaire gegevens.")
    text = raw.decode(_detect_encoding(raw), errors="replace").lstrip("\ufeff")
    lines = [line for line in text.splitlines() if line.strip()]
    sep = "\t" if suffix == ".tsv" else _sniff_separator(lines[:50])
    rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=sep)
            if any(cell.strip() for cell in row)]
    return rows, [[0] * len(r) for r in rows]


def _column(header: Sequence[str], names: set[str]) -> int | None:
    for number, cell in enumerate(header):
        if _key(cell) in names:
            return number
    return None


def _read_table_export(path: Path, digest: str) -> QdaExport:
    rows, indents = _read_rows(path)
    if not rows:
        raise InputFileError(en=f"{path} holds no rows. Export it again.",
                             nl=f"{path} bevat geen rijen. Exporteer het opnieuw.")
    header = [c.strip() for c in rows[0]]
    document = _column(header, DOCUMENT)
    segment = _column(header, SEGMENT)
    if document is not None and segment is not None:
        return _read_segments(path, digest, rows, header, document, segment)
    name = _column(header, NAME)
    files = _column(header, FILES)
    references = _column(header, REFERENCES)
    if name is not None and (files is not None or references is not None):
        return _read_summary(path, digest, rows, indents, header, name, files, references)
    named = [h for h in header if h]
    raise InputFileError(
        en=f"{path}: not a QDA export this program knows. A code summary (NVivo) needs the "
           "columns Name, Files and References (Naam, Bestanden, Verwijzingen); a "
           "coded-segments table the columns Document, Code and Segment. The header holds "
           f"{quoted_list(named, 8)}.",
        nl=f"{path}: geen QDA-export die dit programma kent. Een codeoverzicht (NVivo) heeft "
           "de kolommen Name, Files en References (Naam, Bestanden, Verwijzingen) nodig; een "
           "tabel met gecodeerde fragmenten de kolommen Document, Code en Segment. De "
           f"kopregel bevat {quoted_list(named, 8, lang='nl')}.")


def _cell(row: Sequence[str], column: int | None) -> str:
    return row[column] if column is not None and column < len(row) else ""


def _count(path: Path, row_number: int, column: str, text: str) -> int | None:
    text = text.strip()
    if text in ("", "-"):
        return None
    number = text.replace(".", "").replace(",", "").replace("\u00a0", "").replace(" ", "")
    if not number.isdecimal():
        if re.fullmatch(r"\d+[.,]0+", text):
            return int(re.split(r"[.,]", text)[0])
        cell = _short(text, 30)
        raise InputFileError(
            en=f"{path}: row {row_number}, column {column!r} holds {cell!r}, not a count; a "
               f"{column} count is a whole number.",
            nl=f"{path}: rij {row_number}, kolom {column!r} bevat {cell!r}, geen aantal; een "
               f"aantal in {column} is een geheel getal.")
    return int(number)


def split_path(text: str) -> list[str]:
    """``Codes\\A\\B`` → ``["A", "B"]`` (also ``A::B``, ``A > B``; a leading root folder
    such as ``Codes``/``Nodes``/``Knooppunten`` is dropped)."""
    parts = [text]
    for separator in PATH_SEPARATORS:
        if separator in text:
            parts = text.split(separator)
            break
    parts = [p.strip() for p in parts]
    if len(parts) > 1 and _key(parts[0]) in ROOT_FOLDERS:
        parts = parts[1:]
    return [p for p in parts if p] or [text.strip()]


def _read_summary(path: Path, digest: str, rows: list[list[str]], indents: list[list[int]],
                  header: list[str], name: int, files: int | None,
                  references: int | None) -> QdaExport:
    """An NVivo code summary: see the module docstring for the three ways of giving the
    hierarchy. A code's id is its path (names joined by ``\\``)."""
    path_column = _column(header, PATH)
    parent_column = _column(header, PARENT)
    description = _column(header, DESCRIPTION)
    attribute_columns = {name: column for name, column in
                         (("domain", _column(header, DOMAIN)),
                          ("direction", _column(header, DIRECTION))) if column is not None}
    codes: list[QdaCode] = []
    stack: list[tuple[int, str]] = []  # (indent, id) of the open ancestors
    raw_indents = []
    body = [(number, row, indent) for number, (row, indent) in
            enumerate(zip(rows[1:], indents[1:], strict=True), start=2)
            if _cell(row, name).strip() or _cell(row, path_column).strip()]
    for _, row, indent in body:
        cell = _cell(row, name).replace("\t", "    ")
        spaces = len(cell) - len(cell.lstrip(" \u00a0"))
        raw_indents.append(spaces + 4 * (indent[name] if name < len(indent) else 0))
    steps = sorted({i for i in raw_indents if i > 0})
    step = steps[0] if steps else 1
    for (number, row, _), raw_indent in zip(body, raw_indents, strict=True):
        label = _cell(row, name).strip()
        if path_column is not None and _cell(row, path_column).strip():
            parts = split_path(_cell(row, path_column))
            code_id = "\\".join(parts)
            parent = "\\".join(parts[:-1]) or None
            label = label or parts[-1]
        elif parent_column is not None:
            parent_name = _cell(row, parent_column).strip()
            code_id, parent = label, parent_name or None
        else:
            level = round(raw_indent / step)
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1][1] if stack else None
            code_id = f"{parent}\\{label}" if parent else label
            stack.append((level, code_id))
        codes.append(QdaCode(
            id=code_id, name=label, parent=parent,
            description=_cell(row, description).strip() or None,
            files=_count(path, number, header[files], _cell(row, files))
            if files is not None else None,
            references=_count(path, number, header[references], _cell(row, references))
            if references is not None else None,
            row=number,
            attributes={k: _cell(row, c).strip() for k, c in attribute_columns.items()
                        if _cell(row, c).strip()}))
    if not codes:
        raise InputFileError(
            en=f"{path} has a header but no codes. Export the code list again.",
            nl=f"{path} heeft een kopregel maar geen codes. Exporteer de codelijst opnieuw.")
    if path_column is not None:
        codes = _with_ancestors(codes)
    return QdaExport(path=path, kind="nvivo", codes=tuple(codes), sha256=digest)


def _with_ancestors(codes: list[QdaCode]) -> list[QdaCode]:
    """A path such as ``A\\B\\C`` names its ancestors: those missing as rows of their own are
    added (without counts) before their first descendant."""
    known = {c.id for c in codes}
    out: list[QdaCode] = []
    for code in codes:
        missing = []
        parent = code.parent
        while parent is not None and parent not in known:
            missing.append(parent)
            known.add(parent)
            parent = "\\".join(parent.split("\\")[:-1]) or None
        for ancestor in reversed(missing):
            parts = ancestor.split("\\")
            out.append(QdaCode(id=ancestor, name=parts[-1],
                               parent="\\".join(parts[:-1]) or None))
        out.append(code)
    return out


def _read_segments(path: Path, digest: str, rows: list[list[str]], header: list[str],
                   document: int, segment: int) -> QdaExport:
    """A coded-segments table: one row per (document, code, segment). The same segment text
    in the same document (or the same segment id, when the table has one) is one fragment,
    whatever the number of codes it carries."""
    import pandas as pd

    code = _column(header, CODE)
    if code is None:
        named = [h for h in header if h]
        raise InputFileError(
            en=f"{path}: a coded-segments table needs a Code column (the code of each "
               f"segment); the header holds {quoted_list(named, 8)}.",
            nl=f"{path}: een tabel met gecodeerde fragmenten heeft een kolom Code nodig (de "
               f"code van elk fragment); de kopregel bevat {quoted_list(named, 8, lang='nl')}.")
    segment_id = _column(header, SEGMENT_ID)
    participant = _column(header, PARTICIPANT)
    body = rows[1:]
    frame = pd.DataFrame({
        "source": [_cell(r, document).strip() for r in body],
        "code_path": [_cell(r, code).strip() for r in body],
        "text": [_cell(r, segment).strip() for r in body],
        "segment_id": [_cell(r, segment_id).strip() for r in body],
        "participant": [_cell(r, participant).strip() for r in body],
    })
    blank = (frame["source"] == "") | (frame["code_path"] == "")
    if blank.any():
        from ..errors import row_list

        numbers = [int(i) + 2 for i in frame.index[blank]]  # the header is row 1
        many = len(numbers) > 1
        raise InputFileError(
            en=f"{path}: row{'s' if many else ''} {row_list(numbers)} lack a document or a "
               "code; every coded segment needs both.",
            nl=f"{path}: {'rijen' if many else 'rij'} {row_list(numbers, lang='nl')} "
               f"{'missen' if many else 'mist'} een document of een code; elk gecodeerd "
               "fragment heeft beide nodig.")
    if frame.empty:
        raise InputFileError(en=f"{path} has a header but no coded segments.",
                             nl=f"{path} heeft een kopregel maar geen gecodeerde fragmenten.")
    # ATLAS.ti lists all codes of a quotation in one cell, one per line: one row per code
    frame["row"] = frame.index + 2
    frame["code_path"] = frame["code_path"].str.split("\n")
    frame = frame.explode("code_path")
    frame["code_path"] = frame["code_path"].str.strip()
    frame = frame[frame["code_path"] != ""].reset_index(drop=True)
    # the tree from the distinct code paths (each split once), parents before children
    codes: dict[str, QdaCode] = {}
    ids: dict[str, str] = {}
    first_row = frame.groupby("code_path", sort=False)["row"].first()
    for code_path, number in first_row.items():
        parts = split_path(code_path)
        ids[code_path] = "\\".join(parts)
        for depth in range(1, len(parts) + 1):
            code_id = "\\".join(parts[:depth])
            if code_id not in codes:
                codes[code_id] = QdaCode(id=code_id, name=parts[depth - 1],
                                         parent="\\".join(parts[:depth - 1]) or None,
                                         row=int(number))
    frame["code"] = frame["code_path"].map(ids)
    # one fragment: the same segment id, else the same text in the same document
    key = frame["segment_id"].where(frame["segment_id"] != "",
                                    frame["source"] + "\x1f" + frame["text"])
    frame["segment"] = pd.factorize(key)[0].astype(str)
    sources = {doc: doc for doc in dict.fromkeys(frame["source"])}
    named = frame[frame["participant"] != ""]
    participants = dict(zip(named["source"], named["participant"], strict=True))
    frame = frame[["segment", "source", "code", "text"]]
    return QdaExport(path=path, kind="segments", codes=tuple(codes.values()), sha256=digest,
                     segments=frame.reset_index(drop=True), sources=sources,
                     participants=participants)



def read_participants(path: str | Path) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """A participants table (CSV/XLSX): a document column (the source's name in the export),
    a participant column and any attribute columns (role, organisation …). Returns document →
    participant and participant → attributes. A participant's attributes must agree over its
    documents."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(
            en=f"{path}: participants table not found (codes.participants in the config). "
               "Check the path; it is relative to the config.",
            nl=f"{path}: tabel met deelnemers niet gevonden (codes.participants in de config). "
               "Controleer het pad; het is relatief aan de config.")
    rows, _ = _read_rows(path)
    if len(rows) < 2:
        raise InputFileError(
            en=f"{path} holds no participants (a header and one row per document are "
               "needed).",
            nl=f"{path} bevat geen deelnemers (een kopregel en een rij per document zijn "
               "nodig).")
    header = [c.strip() for c in rows[0]]
    document = _column(header, DOCUMENT)
    participant = _column(header, PARTICIPANT)
    if document is None or participant is None:
        named = [h for h in header if h]
        raise InputFileError(
            en=f"{path}: a participants table needs a document column (Document) and a "
               "participant column (Participant/Deelnemer); the header holds "
               f"{quoted_list(named, 8)}.",
            nl=f"{path}: een tabel met deelnemers heeft een kolom met het document (Document) "
               "en een kolom met de deelnemer (Participant/Deelnemer) nodig; de kopregel "
               f"bevat {quoted_list(named, 8, lang='nl')}.")
    attribute_columns = [(i, h) for i, h in enumerate(header)
                         if i not in (document, participant) and h]
    documents: dict[str, str] = {}
    attributes: dict[str, dict[str, str]] = {}
    for number, row in enumerate(rows[1:], start=2):
        doc, person = _cell(row, document).strip(), _cell(row, participant).strip()
        if not doc or not person:
            raise InputFileError(
                en=f"{path}: row {number} lacks a document or a participant.",
                nl=f"{path}: rij {number} mist een document of een deelnemer.")
        if doc in documents and documents[doc] != person:
            raise InputFileError(
                en=f"{path}: row {number} gives a second participant for the same document; "
                   "a document belongs to one participant.",
                nl=f"{path}: rij {number} geeft een tweede deelnemer voor hetzelfde "
                   "document; een document hoort bij één deelnemer.")
        documents[doc] = person
        values = {h: _cell(row, i).strip() for i, h in attribute_columns
                  if _cell(row, i).strip()}
        known = attributes.setdefault(person, values)
        if known != values:
            raise InputFileError(
                en=f"{path}: row {number} gives the participant on it other attributes than "
                   "an earlier row; give each participant's attributes once, the same on "
                   "every row.",
                nl=f"{path}: rij {number} geeft de deelnemer op die rij andere kenmerken dan "
                   "een eerdere rij; geef de kenmerken van elke deelnemer één keer, op elke rij "
                   "dezelfde.")
    return documents, attributes
