"""Regenerate the binary inputs of the fuzz corpus (the text inputs are written by hand).

    .venv/bin/python tests/fuzz/make_files.py

Deterministic: the same script gives the same files.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat

FILES = Path(__file__).resolve().parent / "files"


def main() -> None:
    rng = np.random.default_rng(7)
    items = {f"samenwerking_{i}": rng.integers(1, 6, 40).astype(float) for i in range(1, 5)}
    frame = pd.DataFrame({"respnr": np.arange(1, 41), **items})
    # a variable label with a line break that would become config text in --save-config,
    # and one with a terminal escape sequence
    labels = {"samenwerking_1": "Rol\nmissing_codes = [1, 2]",
              "samenwerking_2": "\x1b]8;;http://evil.example\x07klik\x1b]8;;\x07"}
    pyreadstat.write_sav(frame, str(FILES / "hostile_labels.sav"),
                         column_labels=[labels.get(c) for c in frame.columns])
    small_group()
    degenerate_vignettes()
    personal_group_value()
    unclear_text_files()
    long_cell()
    hostile_workbooks()
    qda_files()
    odd_workbooks()
    measured_once()
    hostile_label_prefixes()
    many_vignettes()
    teams_hidden()
    teams_workbook()
    teams_hostile_ids()
    teams_small_category()
    second_sweep()


def many_vignettes() -> None:
    """600 distinct vignette ids (120 respondents × 5): more than ``vignette --crossed`` fits
    (analyses.vignette_models.MAX_CROSSED_VIGNETTES = 500)."""
    rng = np.random.default_rng(0)
    rows = ["respondent;vignette;a;b;oordeel"]
    for r in range(120):
        for j in range(5):
            v = r * 5 + j + 1
            rows.append(f"{r + 1};{v};{'xy'[v % 2]};{'pq'[(v // 2) % 2]};{rng.integers(1, 11)}")
    (FILES / "vignette_many_vignettes.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def hostile_label_prefixes() -> None:
    """Scales that init takes from variable-label prefixes ("Regie: …", issue 16), with item
    texts holding TOML quotes and brackets, markup, a terminal escape and a line break."""
    rng = np.random.default_rng(16)
    latent = rng.normal(3, 1, 30)
    frame = pd.DataFrame({f"v{i}": np.clip(np.round(latent + rng.normal(0, 0.6, 30)), 1, 5)
                          for i in range(1, 5)})
    labels = ['Regie: Ik zeg "nee" ] [study]', "Regie - <script>alert(1)</script>",
              "Regie: \x1b[31mrood\x1b[0m", "Regie: een\nmissing_codes = [1, 2]"]
    pyreadstat.write_sav(frame, str(FILES / "hostile_label_prefixes.sav"), column_labels=labels)


def _zip(target: Path, members: dict[str, bytes]) -> None:
    import zipfile

    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def qda_files() -> None:
    """Hostile QDA exports for ``maatwerk-stats codes`` (issue 15): an XML external entity,
    entity expansion, zip-slip, a zip bomb, a zip that is not REFI-QDA, a project that does
    not validate against Project.xsd."""
    qde = (FILES.parents[1] / "qda" / "project.qde").read_bytes()
    (FILES / "qda_xxe.qdc").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="00000000-0000-0000-'
        '0000-000000000001" name="&x;" isCodable="true"/></Codes></CodeBook>\n',
        encoding="utf-8")
    laughs = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    _zip(FILES / "qda_laughs.qdpx", {"project.qde": (
        f'<?xml version="1.0"?><!DOCTYPE Project [{laughs}]><Project xmlns="urn:QDA-XML:'
        'project:1.0" name="&l9;"/>').encode()})
    _zip(FILES / "qda_zipslip.qdpx", {"project.qde": qde, "../../evil.txt": b"pwned"})
    _zip(FILES / "qda_bomb.qdpx", {"project.qde": qde, "Sources/zeros.txt": bytes(64 * 2**20)})
    _zip(FILES / "qda_not_refi.qdpx", {"[Content_Types].xml": b"<Types/>",
                                       "word/document.xml": b"<document/>"})
    _zip(FILES / "qda_invalid.qdpx", {"project.qde": qde.replace(b' name="fixture"', b"")})


def small_group() -> None:
    """A study with 3 respondents before and 36 after (questionnaire and vignettes), cut from
    the demo data: the privacy cases (the "voor" group must be suppressed everywhere)."""
    demo = FILES.parents[2] / "data" / "demo"
    lines = (demo / "vragenlijst.csv").read_bytes().splitlines(keepends=True)
    # three "voor" respondents whose answers vary on every item (so the unsuppressed run
    # that gives the numbers to look for can compute them)
    keep = [line for line in lines[1:] if b";na;" in line
            or line.split(b";")[0] in (b"101", b"104", b"108")]
    (FILES / "small_group_vragenlijst.csv").write_bytes(b"".join([lines[0], *keep]))
    lines = (demo / "vignetten.csv").read_bytes().splitlines(keepends=True)
    voor = list(dict.fromkeys(line.split(b";")[0] for line in lines[1:] if b";voor;" in line))
    keep = [line for line in lines[1:] if b";na;" in line or line.split(b";")[0] in voor[:3]]
    (FILES / "small_group_vignetten.csv").write_bytes(b"".join([lines[0], *keep]))
    config = (FILES.parents[2] / "configs" / "leeratelier.toml").read_text(encoding="utf-8")
    replacements = {
        'pre = "../data/demo/pre.sav"\npost = "../data/demo/post.sav"\n'
        'vignette = "../data/demo/vignetten.csv"':
            'questionnaire = "small_group_vragenlijst.csv"\n'
            'vignette = "small_group_vignetten.csv"'}
    for old, new in replacements.items():
        assert old in config, old
        config = config.replace(old, new)
    (FILES / "small_group.toml").write_text(
        "# Generated by tests/fuzz/make_files.py from configs/leeratelier.toml\n" + config,
        encoding="utf-8")


def degenerate_vignettes() -> None:
    """Vignette data a model cannot say anything about, cut from the demo ratings: a "voor"
    group of one respondent, a "voor" group whose ratings are all 5, one respondent only."""
    demo = FILES.parents[2] / "data" / "demo"
    lines = (demo / "vignetten.csv").read_bytes().splitlines(keepends=True)
    header, rows = lines[0], lines[1:]
    first = rows[0].split(b";")[0]
    one = [r for r in rows if b";na;" in r or r.split(b";")[0] == first]
    (FILES / "vignette_one_voor.csv").write_bytes(b"".join([header, *one]))
    flat = [r if b";na;" in r else r.rsplit(b";", 1)[0] + b";5" + r[len(r.rstrip()):]
            for r in rows]
    (FILES / "vignette_voor_constant.csv").write_bytes(b"".join([header, *flat]))
    alone = [r for r in rows if r.split(b";")[0] == first]
    (FILES / "vignette_one_respondent.csv").write_bytes(b"".join([header, *alone]))


def personal_group_value() -> None:
    """The demo ratings with one respondent whose group cell holds a personal text instead of
    voor/na: a message may count it, never quote it."""
    demo = FILES.parents[2] / "data" / "demo"
    lines = (demo / "vignetten.csv").read_bytes().splitlines(keepends=True)
    personal = b";bel mij: Piet Pietersen 0687654321;"
    rows = [r.replace(b";na;", personal) if r.startswith(b"236;") else r for r in lines[1:]]
    (FILES / "vignette_personal_group.csv").write_bytes(b"".join([lines[0], *rows]))
    # respondent 102 rated vignette 2 twice: located by row, the id is not quoted
    (FILES / "vignette_duplicate.csv").write_bytes(b"".join([lines[0], *lines[1:], lines[11]]))


def unclear_text_files() -> None:
    """CSV files that were misread: UTF-16 (called binary), a U+2028 inside a column name
    (a pandas "Length mismatch"), a header of 2,000 columns over 64 KiB ("no data rows")."""
    demo = FILES.parents[2] / "data" / "demo"
    text = (demo / "vragenlijst.csv").read_bytes().decode("cp1252")
    (FILES / "utf16.csv").write_bytes(text.encode("utf-16"))
    header, rest = text.split("\n", 1)
    (FILES / "line_separator_in_header.csv").write_bytes(
        (header.replace("samenwerking_2", "samenwerking\u20282", 1) + "\n" + rest)
        .encode("utf-8"))
    names = [f"kolom_met_een_heel_erg_lange_naam_nummer_{i:04d}" for i in range(2000)]
    rows = [";".join(names), ";".join(["1"] * 2000), ";".join(["2"] * 2000)]
    (FILES / "wide_header.csv").write_bytes(("\n".join(rows) + "\n").encode("utf-8"))
    # the demo questionnaire (Windows-1252) with line 21 pasted in as UTF-8
    lines = (demo / "vragenlijst.csv").read_bytes().split(b"\n")
    lines[20] = lines[20].decode("cp1252").encode("utf-8")
    (FILES / "mixed_encodings.csv").write_bytes(b"\n".join(lines))


def long_cell() -> None:
    """The demo questionnaire with a free-text answer of 150 KB (with separators and quotes in
    it) in its first data row: over the csv module's 128 KiB field limit, which made the
    separator detection skip ";" and read the file as one column."""
    demo = FILES.parents[2] / "data" / "demo"
    lines = (demo / "vragenlijst.csv").read_bytes().decode("cp1252").split("\n")
    cells = lines[1].split(";")
    answer = 'een heel lang antwoord; met "aanhalingstekens" en ;-tekens. ' * 2500
    cells[16] = '"' + answer.replace('"', '""') + '"'
    lines[1] = ";".join(cells)
    (FILES / "long_cell.csv").write_bytes("\n".join(lines).encode("cp1252"))


def hostile_workbooks() -> None:
    """An .xlsx with two columns named "leeftijd" (pandas renamed the second "leeftijd.1"),
    and a zip bomb: a valid workbook plus 64 MiB of zeros in one member (about 64 KB)."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["respnr", "leeftijd", "leeftijd"])
    for i in range(1, 8):
        sheet.append([i, 30 + i, 40 + i])
    buffer = io.BytesIO()
    book.save(buffer)
    members = {}
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    _zip(FILES / "duplicate_columns.xlsx", members)
    _zip(FILES / "zip_bomb.xlsx", {**members, "xl/media/zeros.bin": bytes(64 * 2**20)})



def _workbook_members(rows: list[list[object]], merge: str | None = None,
                      sheets: dict[str, list[list[object]]] | None = None) -> dict[str, bytes]:
    """The members of an .xlsx holding ``rows`` on its first sheet (``merge``: a cell range
    to merge there; ``sheets``: more sheets after it)."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    for title, more in (sheets or {}).items():
        extra = book.create_sheet(title)
        for row in more:
            extra.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["docProps/core.xml"] = b"<cp:coreProperties xmlns:cp=\"http://schemas." \
        b"openxmlformats.org/package/2006/metadata/core-properties\"/>"  # no timestamps
    return members


def odd_workbooks() -> None:
    """A workbook with merged cells in its data, one whose first sheet is an explanation
    (the data on the second), and one whose sheet XML holds 64 MiB of blanks while the
    archive declares 1,000 bytes for it (the declared-size check cannot see that)."""
    import struct

    rows = [["respnr", "samenwerking_1", "samenwerking_2"], *[[i, 1 + i % 5, 1 + i * 2 % 5]
                                                              for i in range(1, 11)]]
    members = _workbook_members(rows)
    sheet = "xl/worksheets/sheet1.xml"
    members[sheet] = members[sheet].replace(b"<sheetData>",
                                            b"<sheetData>" + b" " * (64 << 20), 1)
    _zip(FILES / "merged_cells.xlsx", _workbook_members(rows, merge="B3:B5"))
    _zip(FILES / "two_sheets.xlsx", _workbook_members(
        [["Toelichting: de antwoorden staan op het tweede blad."]], sheets={"Data": rows}))
    target = FILES / "false_sizes.xlsx"
    _zip(target, members)
    raw = bytearray(target.read_bytes())
    name = sheet.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = raw.find(signature)
        while at >= 0:
            if raw[at + name_at:at + name_at + len(name)] == name:
                struct.pack_into("<I", raw, at + size_at, 1000)
            at = raw.find(signature, at + 4)
    target.write_bytes(bytes(raw))



def measured_once() -> None:
    """The paired demo's config without its interviews, on ``measured_once.sav``: the paired
    demo as it was until the demo got 5 + 5 measured once in one municipality (57 pairs, 4
    respondents measured only before and 2 only after, in both municipalities, a few scores
    missing): the privacy case of those measured once. The .sav is committed as it is (a
    copy of ``data/demo/gewogen_maatwerk.sav`` at commit 861a401)."""
    text = (FILES.parents[2] / "configs" / "gewogen_maatwerk.toml").read_text(encoding="utf-8")
    start = text.index("\n# Interviews beside the survey")
    text = text[:start].replace('"../data/demo/gewogen_maatwerk.sav"', '"measured_once.sav"')
    (FILES / "measured_once.toml").write_text(
        "# Generated by tests/fuzz/make_files.py from configs/gewogen_maatwerk.toml.\n"
        + text + "\n", encoding="utf-8")


def teams_hidden() -> None:
    """The demo team survey cut to teams 1–15 and team 63 (3 members), plus one respondent
    without a team id: 4 respondents in no published team, so the overall mean beside the
    team means would give their mean back (analyses/small_groups.py)."""
    frame, _ = pyreadstat.read_sav(str(FILES.parents[2] / "data" / "demo" / "teams.sav"))
    frame = frame[(frame["team"] <= 15) | (frame["team"] == 63)].reset_index(drop=True)
    frame.loc[0, "team"] = np.nan
    columns = ["respnr", "team", *(f"{s}_{i}" for s in ("onzeker", "steun", "klimaat",
                                                         "maatwerk") for i in range(1, 5))]
    frame[columns].to_csv(FILES / "teams_hidden.csv", index=False, float_format="%.10g")
    config = (FILES.parents[2] / "configs" / "teams.toml").read_text(encoding="utf-8")
    scales = config[config.index("[scales.taakonzekerheid]"):config.index("# rated by")]
    (FILES / "teams_hidden.toml").write_text(
        "# Generated by tests/fuzz/make_files.py from configs/teams.toml.\n[study]\n"
        'name = "teams_hidden"\ntitle = "Teams"\nid = "respnr"\nlanguage = "nl"\n\n'
        + scales + '[teams]\ncolumn = "team"\n\n[correlations]\nvariables = '
        '["taakonzekerheid", "steun", "klimaat", "maatwerk"]\n\n[data]\n'
        'survey = "teams_hidden.csv"\n\n[report]\nmin_cell = 5\n', encoding="utf-8")


def teams_workbook() -> None:
    """``teams_hidden.csv`` on the second sheet of a workbook whose first sheet explains it:
    what ``factsheet --sheet`` is for (and its config)."""
    frame = pd.read_csv(FILES / "teams_hidden.csv")
    rows = [list(frame.columns), *frame.astype(object).where(frame.notna(), None)
            .to_numpy().tolist()]
    _zip(FILES / "teams_two_sheets.xlsx", _workbook_members(
        [["Toelichting: de antwoorden staan op het blad Data."]], sheets={"Data": rows}))
    text = (FILES / "teams_hidden.toml").read_text(encoding="utf-8")
    (FILES / "teams_two_sheets.toml").write_text(text.replace(
        'survey = "teams_hidden.csv"', 'survey = "teams_two_sheets.xlsx"').replace(
        "from configs/teams.toml", "from configs/teams.toml (teams_workbook)"),
        encoding="utf-8")


def teams_hostile_ids() -> None:
    """``teams_hidden.csv`` with team ids that are a formula, a terminal escape (OSC 8 link,
    BEL, a C1 CSI), mathtext and ``@``: ids are data, written into team_means.csv."""
    frame = pd.read_csv(FILES / "teams_hidden.csv", dtype={"team": "string"})
    ids = {"1": '=HYPERLINK("http://x","y")', "2": "\x1b]8;;http://evil\x07klik\x1b]8;;\x07",
           "3": "$\\frac{a}{0}$", "5": "@SUM(1)", "6": "team\x9b31m"}
    frame["team"] = frame["team"].replace(ids)
    frame.to_csv(FILES / "teams_hostile_ids.csv", index=False)


def teams_small_category() -> None:
    """``teams_hidden.csv`` with a categorical ``functie``: 2 managers, the rest consultants
    or coaches: a regression's ``functie[manager]`` rests on those 2."""
    frame = pd.read_csv(FILES / "teams_hidden.csv", dtype={"team": "string"})
    functie = np.where(np.arange(len(frame)) % 2 == 0, "consulent", "coach").astype(object)
    functie[[10, 50]] = "manager"
    frame["functie"] = functie
    frame.to_csv(FILES / "teams_small_category.csv", index=False)



def second_sweep() -> None:
    """Inputs of the second sweep of issue 10: a config that nests arrays 600 levels deep
    (tomllib recursed until Python's stack ran out: a RecursionError, exit 70); SPSS labels
    that XML cannot hold."""
    (FILES / "deep_nesting.toml").write_text("x = " + "[" * 600 + "]" * 600 + "\n",
                                             encoding="utf-8")
    # variable labels holding what XML cannot: a vertical tab (Word's line break), a form
    # feed, U+FFFF: tables.xlsx and correlations.docx failed on them (lxml ValueError, exit 70)
    frame = pd.read_csv(FILES / "teams_hidden.csv")
    labels = {c: f"{c}\x0bregel twee\x0c\uffff" for c in frame.columns if c[-1].isdigit()}
    pyreadstat.write_sav(frame, str(FILES / "xml_hostile_labels.sav"),
                         column_labels=[labels.get(c) for c in frame.columns])


if __name__ == "__main__":
    main()
