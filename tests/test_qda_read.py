"""Readers of QDA exports (maatwerk_stats.io.qda) on the hand-made fixtures of tests/qda/.

Every fixture holds the same small project (tests/qda/README.md): 9 codes in two branches,
3 documents, 7 fragments. Here only what the readers return is checked (tree, stated counts,
segments, participants); the counting is tested in test_codes.py.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from maatwerk_stats.errors import InputFileError
from maatwerk_stats.io.qda import read_qda, split_path

HERE = Path(__file__).resolve().parent / "qda"
TREE = [("Institutioneel", None), ("Belemmerend", "Institutioneel"),
        ("Regels", "Belemmerend"), ("Financiering", "Belemmerend"),
        ("Bevorderend", "Institutioneel"), ("Politiek", "Bevorderend"),
        ("Organisatorisch", None), ("Bevorderend", "Organisatorisch"),
        ("Steun manager", "Bevorderend")]
# files / references as NVivo states them (own coding only; parents at 0/0)
STATED = [(0, 0), (1, 1), (2, 3), (1, 2), (0, 0), (1, 1), (0, 0), (0, 0), (1, 2)]


def tree(export):
    names = {c.id: c.name for c in export.codes}
    return [(c.name, names.get(c.parent)) for c in export.codes]


@pytest.mark.parametrize("name", ["project.qdpx", "codebook.qdc", "nvivo_summary.csv",
                                  "nvivo_summary_nl.csv", "nvivo_summary_indent.xlsx",
                                  "segments.csv"])
def test_every_format_gives_the_same_tree(name):
    export = read_qda(HERE / name)
    assert tree(export) == TREE
    parents = {c.id for c in export.codes}
    assert all(c.parent is None or c.parent in parents for c in export.codes)


@pytest.mark.parametrize("name", ["nvivo_summary.csv", "nvivo_summary_nl.csv",
                                  "nvivo_summary_indent.xlsx"])
def test_nvivo_summaries_keep_the_stated_counts(name):
    export = read_qda(HERE / name)
    assert export.kind == "nvivo"
    assert not export.has_segments
    assert [(c.files, c.references) for c in export.codes] == STATED
    assert export.codes[2].description == "Onduidelijke regels"
    assert export.codes[2].id == "Institutioneel\\Belemmerend\\Regels"


def test_qdpx_segments_texts_and_participants():
    export = read_qda(HERE / "project.qdpx")
    assert export.kind == "qdpx"
    segments = export.segments
    # 7 fragments, 9 codings: F1 at Regels and Belemmerend, F7 at Regels and Financiering
    assert len(segments) == 9
    assert segments["segment"].nunique() == 7
    names = {c.id: c.name for c in export.codes}
    by_fragment = segments.groupby("segment")["code"].apply(
        lambda c: sorted(names[x] for x in c)).to_dict()
    assert by_fragment["00000000-0000-0000-0000-000000000f01"] == ["Belemmerend", "Regels"]
    assert by_fragment["00000000-0000-0000-0000-000000000f07"] == ["Financiering", "Regels"]
    # positions are Unicode code points (REFI-QDA 1.5 §9.2): "Régel" is 5 of them
    texts = dict(zip(segments["segment"], segments["text"], strict=True))
    assert texts["00000000-0000-0000-0000-000000000f01"] == "Régel"  # Sources/d1.txt
    assert texts["00000000-0000-0000-0000-000000000f04"] == "Politiek steunt ons."  # inline
    assert texts["00000000-0000-0000-0000-000000000f06"] == "Ze steunde."
    assert sorted(export.sources.values()) == ["D1", "D2", "D3"]
    by_name = {export.sources[s]: p for s, p in export.participants.items()}
    assert by_name == {"D1": "P1", "D2": "P2", "D3": "P1"}
    assert export.attributes == {"P1": {"rol": "consulent"}, "P2": {"rol": "manager"}}
    assert export.provenance()["format"] == "qdpx"


def test_segments_table_one_fragment_per_document_and_text():
    export = read_qda(HERE / "segments.csv")
    segments = export.segments
    assert len(segments) == 9 and segments["segment"].nunique() == 7
    assert sorted(export.sources) == ["D1", "D2", "D3"]


@pytest.mark.parametrize(("text", "parts"), [
    ("Codes\\A\\B", ["A", "B"]), ("Nodes\\\\A", ["A"]), ("A::B", ["A", "B"]),
    ("A > B > C", ["A", "B", "C"]), ("Knooppunten\\X", ["X"]), ("Wet- en regelgeving",
                                                                 ["Wet- en regelgeving"])])
def test_split_path(text, parts):
    assert split_path(text) == parts


def test_sets_become_part_of_the_export(tmp_path):
    qdc = (HERE / "codebook.qdc").read_text(encoding="utf-8").replace(
        "  </Codes>\n", "  </Codes>\n  <Sets>\n    <Set guid=\"00000000-0000-0000-0000-"
        "0000000000f9\" name=\"Belemmerend\">\n      <MemberCode guid=\"00000000-0000-0000-"
        "0000-0000000000A4\"/>\n    </Set>\n  </Sets>\n")
    (tmp_path / "sets.qdc").write_text(qdc, encoding="utf-8")
    export = read_qda(tmp_path / "sets.qdc")
    assert export.sets == {"Belemmerend": ("00000000-0000-0000-0000-0000000000a4",)}


# --------------------------------------------------------------------------------------------
# Bad and hostile input


def qdpx(tmp_path: Path, members: dict[str, bytes], name: str = "x.qdpx") -> Path:
    target = tmp_path / name
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return target


def project_qde() -> bytes:
    return (HERE / "project.qde").read_bytes()


def test_a_zip_without_project_qde_is_not_refi(tmp_path):
    path = qdpx(tmp_path, {"word/document.xml": b"<x/>"})
    with pytest.raises(InputFileError,
                       match=r"not a REFI-QDA project: it holds no project\.qde"):
        read_qda(path)


def test_not_a_zip(tmp_path):
    (tmp_path / "x.qdpx").write_text("hello", encoding="utf-8")
    with pytest.raises(InputFileError, match="is not a zip archive"):
        read_qda(tmp_path / "x.qdpx")


def test_xml_that_does_not_validate(tmp_path):
    bad = project_qde().replace(b' name="fixture"', b"")  # Project/@name is required
    with pytest.raises(InputFileError, match=r"does not validate against the REFI-QDA schema "
                       r"Project\.xsd: line 2: .*'name' is required"):
        read_qda(qdpx(tmp_path, {"project.qde": bad}))


def test_wrong_root_element(tmp_path):
    (tmp_path / "x.qdc").write_bytes(project_qde())
    with pytest.raises(InputFileError, match="not a REFI-QDA codebook file: its root element "
                       "is 'Project'"):
        read_qda(tmp_path / "x.qdc")


def test_xxe_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    xml = (f'<?xml version="1.0"?>\n<!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file://{secret}">]>\n'
           '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="00000000-0000-0000-'
           '0000-000000000001" name="&x;" isCodable="true"/></Codes></CodeBook>')
    (tmp_path / "xxe.qdc").write_text(xml, encoding="utf-8")
    with pytest.raises(InputFileError, match="holds a DOCTYPE declaration") as caught:
        read_qda(tmp_path / "xxe.qdc")
    assert "TOPSECRET" not in str(caught.value)


def test_billion_laughs_is_refused_fast(tmp_path):
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE Project [{entities}]>'
           '<Project xmlns="urn:QDA-XML:project:1.0" name="&l9;"/>')
    with pytest.raises(InputFileError, match="DOCTYPE"):
        read_qda(qdpx(tmp_path, {"project.qde": xml.encode()}))


@pytest.mark.parametrize("member", ["../evil.txt", "/etc/evil", "Sources/../../evil",
                                    "C:/evil.txt"])
def test_zip_slip_is_refused(tmp_path, member):
    path = qdpx(tmp_path, {"project.qde": project_qde(), member: b"x"})
    with pytest.raises(InputFileError, match="path leaves the archive"):
        read_qda(path)
    assert not (tmp_path.parent / "evil.txt").exists()


def test_zip_bomb_by_ratio_is_refused(tmp_path):
    path = qdpx(tmp_path, {"project.qde": project_qde(), "Sources/big.txt": bytes(40 * 2**20)})
    with pytest.raises(InputFileError, match="a zip bomb"):
        read_qda(path)


def test_declared_size_that_lies_is_caught(tmp_path):
    """A member whose headers declare fewer bytes than it holds."""
    path = qdpx(tmp_path, {"project.qde": project_qde()})
    data = bytearray(path.read_bytes())
    size = len(project_qde()).to_bytes(4, "little")
    small = (100).to_bytes(4, "little")
    data = bytes(data).replace(size, small)  # local header and central directory
    path.write_bytes(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.infolist()[0].file_size == 100
    # zipfile reads no further than the declared size, and the CRC then fails
    with pytest.raises(InputFileError,
                       match=r"member 'project\.qde' cannot be read \(Bad CRC-32"):
        read_qda(path)


def test_external_source_paths_are_never_opened(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("Régel Geld! Beide", encoding="utf-8")
    qde = project_qde().replace(b"internal://d1.txt", f"absolute://{outside}".encode())
    export = read_qda(qdpx(tmp_path, {"project.qde": qde,
                                      "Sources/d3.txt": (HERE / "d3.txt").read_bytes()}))
    d1 = export.segments[export.segments["source"].str.endswith("d1")]
    assert d1["text"].isna().all()
    assert export.notes and "external path is never opened" in export.notes[0].text()


@pytest.mark.parametrize(("text", "message"), [
    ("Name;Files\nA;x\n", "row 2, column 'Files' holds 'x', not a count"),
    ("Foo;Bar\n1;2\n", "not a QDA export this program knows"),
    ("Document;Segment\nD1;tekst\n", "needs a Code column"),
    ("Document;Code;Segment\nD1;;tekst\n", "row 2 lack a document or a code"),
])
def test_bad_tables(tmp_path, text, message):
    (tmp_path / "x.csv").write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError, match=message):
        read_qda(tmp_path / "x.csv")


def test_unsupported_extension(tmp_path):
    (tmp_path / "x.nvp").write_bytes(b"x")
    with pytest.raises(InputFileError, match=r"unsupported file type '\.nvp'"):
        read_qda(tmp_path / "x.nvp")


def test_segments_as_xlsx_and_atlas_ti_code_lists(tmp_path):
    """An ATLAS.ti quotation list: the codes of a quotation in one cell, one per line."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Document", "Codes", "Quotation Content"])
    sheet.append(["D1", "Regels\nFinanciering", "Beide"])
    sheet.append(["D2", "Regels", "Vaag"])
    book.save(tmp_path / "quotations.xlsx")
    export = read_qda(tmp_path / "quotations.xlsx")
    assert export.kind == "segments"
    assert list(export.segments["code"]) == ["Regels", "Financiering", "Regels"]
    assert export.segments["segment"].nunique() == 2  # "Beide" is one fragment, two codes
    assert [c.row for c in export.codes] == [2, 2]
