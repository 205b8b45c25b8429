"""The commands' own errors (their options, the QDA export of `codes`) as the exact line the
terminal shows: Dutch by default ("Fout: …"), English with --lang en ("Error: …")."""

from __future__ import annotations

from pathlib import Path

import pytest

from maatwerk_stats.errors import ExitStatus

ROOT = Path(__file__).resolve().parents[2]
FILES = ROOT / "tests" / "fuzz" / "files"
PRE = ROOT / "data" / "demo" / "pre.sav"
VIGNETTES = ROOT / "data" / "demo" / "vignetten.csv"

# (arguments, exit code, Dutch line, English line); the last line of stderr is compared (a
# note on the inferred scales may come before it)
CASES = [
    (["codes", "nope.qdpx", "--out", "o"], ExitStatus.NO_INPUT,
     "Fout: nope.qdpx: bestand niet gevonden. Controleer het pad (huidige map: {tmp}).",
     "Error: nope.qdpx: file not found. Check the path (current directory: {tmp})."),
    (["codes", "codes.docx", "--out", "o"], ExitStatus.NO_INPUT,
     "Fout: codes.docx: bestandstype '.docx' wordt niet ondersteund voor een QDA-export. "
     "Ondersteund: .qdpx, .qdc, .csv, .xlsx (REFI-QDA-project of -codeboek, codeoverzicht "
     "uit NVivo, gecodeerde fragmenten).",
     "Error: codes.docx: unsupported file type '.docx' for a QDA export. Supported: .qdpx, "
     ".qdc, .csv, .xlsx (REFI-QDA project or codebook, NVivo code summary, coded segments)."),
    (["codes", "tabel.csv", "--out", "o"], ExitStatus.NO_INPUT,
     "Fout: tabel.csv: geen QDA-export die dit programma kent. Een codeoverzicht (NVivo) heeft "
     "de kolommen Name, Files en References (Naam, Bestanden, Verwijzingen) nodig; een tabel "
     "met gecodeerde fragmenten de kolommen Document, Code en Segment. De kopregel bevat 'a', "
     "'b'.",
     "Error: tabel.csv: not a QDA export this program knows. A code summary (NVivo) needs the "
     "columns Name, Files and References (Naam, Bestanden, Verwijzingen); a coded-segments "
     "table the columns Document, Code and Segment. The header holds 'a', 'b'."),
    (["codes", "segmenten.csv", "--out", "o"], ExitStatus.NO_INPUT,
     "Fout: segmenten.csv: rijen 3, 4 missen een document of een code; elk gecodeerd fragment "
     "heeft beide nodig.",
     "Error: segmenten.csv: rows 3, 4 lack a document or a code; every coded segment needs "
     "both."),
    (["codes", FILES / "qda_bomb.qdpx", "--out", "o"], ExitStatus.NO_INPUT,
     f"Fout: {FILES / 'qda_bomb.qdpx'}: onderdeel 'Sources/zeros.txt' zou uitpakken tot 64 MB "
     "uit 0,06 MB (een zipbom?); niet gelezen.",
     f"Error: {FILES / 'qda_bomb.qdpx'}: member 'Sources/zeros.txt' would unpack to 64 MB from "
     "0.06 MB (a zip bomb?); not read."),
    (["init", PRE, "--name", "a/b"], ExitStatus.USAGE,
     "Fout: --name 'a/b' is geen naam voor een studie (die mag niet leeg zijn en geen / of \\ "
     "bevatten); kies met --out FILE waar de config komt.",
     "Error: --name 'a/b' is not a study name (it must not be empty or hold / or \\); choose "
     "where the config goes with --out FILE."),
    (["init", PRE, "--out", "map"], ExitStatus.CANT_CREATE,
     "Fout: --out map is een map; geef een bestandsnaam zoals map/studie.toml.",
     "Error: --out map is a directory; give a file name such as map/studie.toml."),
    (["scales", PRE, "--write-sav", "x.txt"], ExitStatus.CANT_CREATE,
     "Fout: --write-sav x.txt: de bestandsnaam moet eindigen op .sav",
     "Error: --write-sav x.txt: the file name must end in .sav"),
    (["scales", PRE, "--group", "metnig"], ExitStatus.DATA,
     f"Fout: --group 'metnig' is geen kolom van {PRE}; lijkt op: meting",
     f"Error: --group 'metnig' is not a column of {PRE}; nearest: meting"),
    (["regress", PRE, "--outcome", "x", "--predictors", "y", "--centre", "raar"],
     ExitStatus.USAGE,
     "Fout: --centre 'raar': gebruik een van none, grand, team.",
     "Error: --centre 'raar': use one of none, grand, team."),
    (["correlate", PRE, "--variables", "samenwerking"], ExitStatus.USAGE,
     "Fout: correlate heeft minstens twee variabelen nodig: --variables A,B, [correlations] "
     "variables in de --config, of twee schalen.",
     "Error: correlate needs at least two variables: --variables A,B, [correlations] variables "
     "in the --config, or two scales."),
    (["vignette", VIGNETTES, "--factors", " , "], ExitStatus.CONFIG,
     "Fout: --factors is leeg; geef namen gescheiden door komma's, bijvoorbeeld --factors a,b",
     "Error: --factors is empty; give comma-separated names, e.g. --factors a,b"),
]


def _files(tmp: Path) -> None:
    (tmp / "codes.docx").write_bytes(b"x")
    (tmp / "tabel.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    (tmp / "segmenten.csv").write_text(
        "Document;Code;Segment\nint1;Werkdruk;tekst\n;Werkdruk;tekst\nint2;;tekst\n",
        encoding="utf-8")
    (tmp / "map").mkdir()


@pytest.mark.parametrize(("args", "status", "dutch", "english"), CASES,
                         ids=[f"{case[0][0]}-{n}" for n, case in enumerate(CASES)])
def test_a_command_error_in_dutch_and_in_english(run_cli, tmp_path, args, status, dutch,
                                                 english):
    _files(tmp_path)
    result = run_cli(*args)
    assert result.exit_code == status, result.stderr
    assert result.stderr.splitlines()[-1] == dutch.format(tmp=tmp_path)
    assert "Error:" not in result.stderr
    result = run_cli(*args, "--lang", "en")
    assert result.exit_code == status
    assert result.stderr.splitlines()[-1] == english.format(tmp=tmp_path)
    assert not (tmp_path / "o").exists()
