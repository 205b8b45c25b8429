"""The reading errors a new user meets first, as the exact line the terminal shows: Dutch
by default ("Fout: …"), English with --lang en ("Error: …"). Each pair fails when the
Dutch text of a message is lost (the line would be English, "Error: …", in a Dutch run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from maatwerk_stats.errors import ExitStatus

ROOT = Path(__file__).resolve().parents[2]
FILES = ROOT / "tests" / "fuzz" / "files"
PRE = ROOT / "data" / "demo" / "pre.sav"


def _files(tmp: Path) -> None:
    (tmp / "empty.csv").write_bytes(b"")
    (tmp / "header.csv").write_text("id;sw_1\n", encoding="utf-8")
    (tmp / "short.csv").write_text("id;sw_1;sw_2\n1;2;3\n2;3\n3;4;5\n", encoding="utf-8")
    (tmp / "unclosed.csv").write_text('id;sw_1;team\n1;2;"Wijkteam\n2;3;"Buurt"x\n',
                                      encoding="utf-8")
    (tmp / "dubbel.csv").write_text("id;sw_1;sw_1\n1;2;3\n", encoding="utf-8")
    (tmp / "naamloos.csv").write_text("id;;sw_2\n1;2;3\n", encoding="utf-8")
    (tmp / "kapot.sav").write_bytes(PRE.read_bytes()[:3000])
    (tmp / "data.xls").write_bytes(b"x")


# (arguments, exit code, Dutch line, English line)
CASES = [
    (["codebook", "nope.csv"], ExitStatus.NO_INPUT,
     "Fout: nope.csv: bestand niet gevonden. Controleer het pad (huidige map: {tmp}).",
     "Error: nope.csv: file not found. Check the path (current directory: {tmp})."),
    (["codebook", "empty.csv"], ExitStatus.NO_INPUT,
     "Fout: empty.csv is leeg (0 bytes). Exporteer de gegevens opnieuw.",
     "Error: empty.csv is empty (0 bytes). Export the data again."),
    (["codebook", "header.csv"], ExitStatus.NO_INPUT,
     "Fout: header.csv heeft een kopregel maar geen gegevensrijen. Exporteer de gegevens "
     "opnieuw, met de antwoorden.",
     "Error: header.csv has a header but no data rows. Export the data again, with the "
     "answers."),
    (["codebook", "data.xls"], ExitStatus.NO_INPUT,
     "Fout: data.xls: bestandstype '.xls' wordt niet ondersteund. Ondersteund: .csv, .dta, "
     ".por, .sav, .tsv, .txt, .xlsm, .xlsx, .zsav.",
     "Error: data.xls: unsupported file type '.xls'. Supported: .csv, .dta, .por, .sav, "
     ".tsv, .txt, .xlsm, .xlsx, .zsav."),
    (["codebook", FILES / "mixed_encodings.csv"], ExitStatus.NO_INPUT,
     f"Fout: {FILES / 'mixed_encodings.csv'} mengt tekstcoderingen: regel 21 bevat "
     "UTF-8-tekst, andere regels zijn geen UTF-8 (Windows-1252?), zodat letters als ö "
     "verminkt zouden worden. Open het bestand in Excel of een teksteditor en sla het "
     "opnieuw op als CSV UTF-8.",
     f"Error: {FILES / 'mixed_encodings.csv'} mixes text encodings: line 21 holds UTF-8 "
     "text, other lines are not UTF-8 (Windows-1252?), so letters such as ö would be "
     "garbled. Open the file in Excel or a text editor and save it again as CSV UTF-8."),
    (["codebook", "short.csv"], ExitStatus.NO_INPUT,
     "Fout: short.csv: rij 2 heeft minder velden dan de kopregel (3 kolommen), zodat de "
     "laatste antwoorden ongemerkt zouden ontbreken. Open het bestand in een teksteditor: er "
     "ontbreekt een scheidingsteken (';') of een aanhalingsteken, of een rij is afgebroken; "
     "vul de ontbrekende scheidingstekens aan (een leeg antwoord mag) of exporteer het "
     "bestand opnieuw.",
     "Error: short.csv: row 2 has fewer fields than the header (3 columns), so the last "
     "answers would silently become missing. Open the file in a text editor: a separator "
     "(';') or a quote is missing, or a row was cut off; add the missing separators (an "
     "empty answer is fine) or export the file again."),
    (["codebook", "unclosed.csv"], ExitStatus.NO_INPUT,
     "Fout: unclosed.csv: een aanhalingsteken dat op regel 2 een cel opent, wordt op die "
     "regel niet gesloten; het volgende aanhalingsteken, op regel 3, wordt gevolgd door meer "
     "tekst, zodat regels 2–3 ongemerkt als één rij gelezen zouden worden (de rijen ertussen "
     "verdwijnen in één cel). Open het bestand in een teksteditor en zet het ontbrekende "
     "sluitende aanhalingsteken op regel 2 (of verwijder het losse), of exporteer het "
     "bestand opnieuw.",
     "Error: unclosed.csv: a quote that opens a cell on line 2 is not closed on that line; "
     "the next quote, on line 3, is followed by more text, so lines 2–3 would silently be "
     "read as one row (the rows in between disappearing into one cell). Open the file in a "
     "text editor and add the missing closing quote on line 2 (or remove the stray one), or "
     "export the file again."),
    (["codebook", "dubbel.csv"], ExitStatus.NO_INPUT,
     "Fout: dubbel.csv: dubbele kolomnamen 'sw_1'; maak ze uniek.",
     "Error: dubbel.csv: duplicate column names 'sw_1'; make them unique."),
    (["codebook", "naamloos.csv"], ExitStatus.NO_INPUT,
     "Fout: naamloos.csv: kolom 2 van de kopregel heeft geen naam; geef elke kolom een naam.",
     "Error: naamloos.csv: column 2 of the header has no name; give every column a name."),
    (["codebook", "kapot.sav"], ExitStatus.NO_INPUT,
     "Fout: kapot.sav kon niet gelezen worden als een SPSS .sav-bestand (Unable to read from "
     "file). Het bestand is misschien onvolledig (afgebroken) of van een ander formaat; "
     "exporteer het opnieuw uit SPSS (File > Save As).",
     "Error: kapot.sav could not be read as an SPSS .sav file (Unable to read from file). The "
     "file may be truncated or of another format; export it again from SPSS (File > Save "
     "As)."),
    (["codebook", FILES / "two_sheets.xlsx"], ExitStatus.NO_INPUT,
     f"Fout: {FILES / 'two_sheets.xlsx'} heeft een kopregel maar geen gegevensrijen "
     "(werkblad 'Sheet', nummer 1 van 2: 'Sheet', 'Data'; kies een ander werkblad met "
     "--sheet Data).",
     f"Error: {FILES / 'two_sheets.xlsx'} has a header but no data rows (sheet 'Sheet', "
     "number 1 of 2: 'Sheet', 'Data'; choose another with --sheet Data)."),
    (["codebook", FILES / "two_sheets.xlsx", "--sheet", "Dta"], ExitStatus.NO_INPUT,
     f"Fout: {FILES / 'two_sheets.xlsx'} heeft geen werkblad 'Dta' (bedoelt u 'Data'?); de "
     "werkbladen: 'Sheet', 'Data'. Geef --sheet NAME met een van die namen, of een nummer "
     "(1 = het eerste).",
     f"Error: {FILES / 'two_sheets.xlsx'} has no sheet 'Dta' (did you mean 'Data'?); its "
     "sheets: 'Sheet', 'Data'. Give --sheet NAME with one of those names, or a number (1 = "
     "the first)."),
    (["codebook", FILES / "two_sheets.xlsx", "--sheet", "3"], ExitStatus.NO_INPUT,
     f"Fout: {FILES / 'two_sheets.xlsx'} heeft 2 werkblad(en) ('Sheet', 'Data'); er is geen "
     "werkblad nummer 3.",
     f"Error: {FILES / 'two_sheets.xlsx'} has 2 sheet(s) ('Sheet', 'Data'); there is no "
     "sheet number 3."),
    (["codebook", FILES / "merged_cells.xlsx"], ExitStatus.NO_INPUT,
     f"Fout: {FILES / 'merged_cells.xlsx'}: samengevoegde cellen in de gegevens (B3:B5): "
     "alleen de eerste cel van een samengevoegd bereik bevat de waarde, de andere zouden "
     "ongemerkt ontbrekende antwoorden worden. Maak de samenvoeging ongedaan in Excel "
     "(Samenvoegen en centreren) en vul elke cel in, of exporteer het werkblad als CSV.",
     f"Error: {FILES / 'merged_cells.xlsx'}: merged cells in the data (B3:B5): only the first "
     "cell of a merged range holds its value, the others would silently become missing "
     "answers. Unmerge them in Excel (Merge & Center) and fill in every cell, or export the "
     "sheet as CSV."),
]


@pytest.mark.parametrize(("args", "status", "dutch", "english"), CASES,
                         ids=[str(case[0][1]).rsplit("/", 1)[-1] + "-" + str(len(case[0]))
                              for case in CASES])
def test_a_reading_error_in_dutch_and_in_english(run_cli, tmp_path, args, status, dutch,
                                                 english):
    _files(tmp_path)
    result = run_cli(*args)
    assert result.exit_code == status
    assert result.stderr == dutch.format(tmp=tmp_path) + "\n"
    result = run_cli(*args, "--lang", "en")
    assert result.exit_code == status
    assert result.stderr == english.format(tmp=tmp_path) + "\n"


@pytest.mark.parametrize(("language", "line"), [
    ("nl", "Fout: --out taken is een bestand, geen map; kies een map voor de uitvoer."),
    ("en", "Error: --out taken is a file, not a directory; choose a directory for the "
           "outputs."),
])
def test_the_config_language_speaks_the_writing_errors(run_cli, tmp_path, language, line):
    rows = "".join(f"{i};{i % 5 + 1};{(i + 1) % 5 + 1};{(i + 2) % 5 + 1}\n" for i in range(12))
    (tmp_path / "d.csv").write_text("id;sw_1;sw_2;sw_3\n" + rows, encoding="utf-8")
    (tmp_path / "c.toml").write_text(
        f'[study]\nname = "x"\nid = "id"\nlanguage = "{language}"\n\n'
        '[scales.sw]\nitems = ["sw_1", "sw_2", "sw_3"]\nrange = [1, 5]\n', encoding="utf-8")
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    result = run_cli("scales", "d.csv", "-c", "c.toml", "--out", "taken", "-q")
    assert result.exit_code == ExitStatus.CANT_CREATE
    assert result.stderr == line + "\n"
