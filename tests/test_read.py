"""Reading SPSS, Stata, Excel and (Dutch) CSV files."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest

from maatwerk_stats.errors import InputFileError
from maatwerk_stats.io.read import read_data

from .conftest import DEMO


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# --- SPSS ---------------------------------------------------------------------------------


def test_sav_user_missing_become_nan_and_are_counted():
    data = read_data(DEMO / "pre.sav")
    raw, _ = pyreadstat.read_sav(str(DEMO / "pre.sav"), user_missing=True)
    for item in ("samenwerking_1", "regie_1", "maatwerk_4"):
        n_nines = int((raw[item] == 9).sum())
        variable = data.variable(item)
        assert variable.n_user_missing == n_nines
        assert variable.missing_codes == (9.0,)
        assert not (data.frame[item] == 9).any()
        assert data.frame[item].isna().sum() == raw[item].isna().sum() + n_nines
    assert sum(v.n_user_missing for v in data.variables.values()) > 0


def test_sav_keeps_labels_and_value_labels():
    data = read_data(DEMO / "pre.sav")
    assert data.variable("regie_3").label.startswith("Ik bespreek met collega's")
    labels = data.variable("regie_3").value_labels
    assert labels[1.0] == "helemaal mee oneens"
    assert labels[9.0] == "weet niet"
    assert data.variable("regie_3").measure == "ordinal"
    assert data.file_format == "sav"
    assert len(data.sha256) == 64


def test_sav_missing_ranges(tmp_path):
    frame = pd.DataFrame({"q": [1.0, 2.0, 97.0, 98.0, 99.0, 5.0]})
    path = tmp_path / "ranges.sav"
    pyreadstat.write_sav(frame, str(path), missing_ranges={"q": [{"lo": 97, "hi": 99}]})
    data = read_data(path)
    assert data.variable("q").missing_ranges == ((97.0, 99.0),)
    assert data.variable("q").n_user_missing == 3
    assert data.frame["q"].tolist()[:2] == [1.0, 2.0]
    assert data.frame["q"].isna().sum() == 3


def test_stata_and_portable_files(tmp_path):
    frame = pd.DataFrame({"id": [1.0, 2.0, 3.0], "sw_1": [1.0, 4.0, 5.0]})
    pyreadstat.write_dta(frame, str(tmp_path / "x.dta"), column_labels=["Id", "Stelling 1"])
    pyreadstat.write_por(frame, str(tmp_path / "x.por"))
    dta = read_data(tmp_path / "x.dta")
    por = read_data(tmp_path / "x.por")
    assert dta.frame["sw_1"].tolist() == [1.0, 4.0, 5.0]
    assert dta.variable("sw_1").label == "Stelling 1"
    assert por.frame.shape == (3, 2)
    assert {c.lower() for c in por.frame.columns} == {"id", "sw_1"}


# --- CSV ----------------------------------------------------------------------------------


def test_dutch_excel_csv_windows1252_semicolon_decimal_comma(tmp_path):
    text = ("respnr;beïnvloeding_1;cijfer;organisatie\r\n"
            "1;4;7,5;Wijkteam Zuid-Oost\r\n"
            "2;5;8,25;Café de Zorg\r\n"
            "3;;6;Gemeente\r\n")
    data = read_data(write(tmp_path / "nl.csv", text, "cp1252"))
    assert list(data.frame.columns) == ["respnr", "beïnvloeding_1", "cijfer", "organisatie"]
    assert data.frame["cijfer"].tolist() == [7.5, 8.25, 6.0]
    assert data.frame["organisatie"].tolist()[1] == "Café de Zorg"
    assert math.isnan(data.frame["beïnvloeding_1"][2])
    assert data.source["encoding"] == "windows-1252"
    assert data.source["separator"] == ";"
    assert data.source["decimal"] == ","


def test_utf8_with_bom_comma_separated(tmp_path):
    text = "\ufeffid,beïnvloeding_1,score\n1,3,4.5\n2,2,3.25\n"
    data = read_data(write(tmp_path / "bom.csv", text))
    assert list(data.frame.columns) == ["id", "beïnvloeding_1", "score"]
    assert data.frame["score"].tolist() == [4.5, 3.25]
    assert data.source["encoding"] == "utf-8-sig"
    assert data.source["separator"] == ","


def test_utf8_without_bom_and_tab_separated(tmp_path):
    text = "id\tnaam\tscore\n1\tJosé\t4,5\n2\tAnne\t3\n"
    csv_tab = read_data(write(tmp_path / "tab.csv", text))
    tsv = read_data(write(tmp_path / "tab.tsv", text))
    for data in (csv_tab, tsv):
        assert data.source["separator"] == "tab"
        assert data.frame["score"].tolist() == [4.5, 3.0]
        assert data.frame["naam"].tolist() == ["José", "Anne"]
    assert csv_tab.source["encoding"] == "utf-8"


def test_comma_separated_file_does_not_read_decimal_commas(tmp_path):
    # in a ,-separated file a quoted "4,5" is text, not a number
    data = read_data(write(tmp_path / "q.csv", 'id,x\n1,"4,5"\n2,"3"\n'))
    assert data.frame["x"].tolist() == ["4,5", "3"]


def test_na_strings_and_mixed_columns(tmp_path):
    text = "id;a;b\n1;NA;ja\n2;3;4\n3;.;nee\n4; 5 ;\n"
    data = read_data(write(tmp_path / "na.csv", text))
    assert data.frame["a"].isna().tolist() == [True, False, True, False]
    assert data.frame["a"][3] == 5.0
    assert data.frame["b"].tolist()[:3] == ["ja", "4", "nee"]
    assert pd.isna(data.frame["b"][3])


def test_vignette_demo_csv_reads_as_numbers():
    data = read_data(DEMO / "vignetten.csv")
    assert data.source["encoding"] == "utf-8-sig"
    assert data.frame.columns[0] == "respondent"
    assert pd.api.types.is_numeric_dtype(data.frame["bereidheid"])
    assert data.frame["bereidheid"].isna().sum() == 3


# --- Excel --------------------------------------------------------------------------------


def test_xlsx(tmp_path):
    frame = pd.DataFrame({"id": [1, 2, 3], "sw_1": [4, np.nan, 2], "tekst": ["a", "b", None],
                          "x": [0.1, 2.5, 1 / 3]})
    path = tmp_path / "data.xlsx"
    frame.to_excel(path, index=False)
    data = read_data(path)
    assert data.frame["sw_1"].tolist()[0] == 4.0
    assert math.isnan(data.frame["sw_1"][1])
    assert data.frame["x"][2] == pytest.approx(1 / 3, abs=1e-15)
    assert data.frame["tekst"].tolist()[:2] == ["a", "b"]


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.csv", b"", "empty.csv is empty (0 bytes). Export the data again."),
    ("blank.csv", b"\n\n  \n", "blank.csv is empty (only blank lines). Export the data again."),
    ("header.csv", b"a;b;c\n", "header.csv has a header but no data rows. Export the data "
                               "again, with the answers."),
    ("junk.csv", bytes(range(256)) * 4, "junk.csv does not look like a text (CSV) file: it "
                                        "contains binary data. If it is an SPSS or Excel file, "
                                        "give it its proper extension (.sav, .xlsx)."),
    ("dupes.csv", b"a;b;a\n1;2;3\n", "dupes.csv: duplicate column names 'a'; make them unique."),
    ("noname.csv", b"a;;c\n1;2;3\n", "noname.csv: column 2 of the header has no name; give "
                                     "every column a name."),
    ("data.json", b"{}", "data.json: unsupported file type '.json'. Supported: .csv, .dta, "
                         ".por, .sav, .tsv, .txt, .xlsm, .xlsx, .zsav."),
])
def test_bad_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputFileError) as error:
        read_data(path)
    assert str(error.value) == f"{tmp_path}/{message}"


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputFileError, match=r"nope\.sav: file not found"):
        read_data(tmp_path / "nope.sav")
    with pytest.raises(InputFileError, match="is a directory, not a data file"):
        read_data(tmp_path)


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.99])
def test_truncated_sav(tmp_path, fraction):
    content = (DEMO / "pre.sav").read_bytes()
    path = tmp_path / "cut.sav"
    path.write_bytes(content[: int(len(content) * fraction)])
    with pytest.raises(InputFileError) as error:
        read_data(path)
    assert str(error.value).startswith(f"{path} could not be read as an SPSS .sav file (")
    assert str(error.value).endswith("The file may be truncated or of another format; export "
                                     "it again from SPSS (File > Save As).")


def test_text_file_named_sav_and_junk_xlsx(tmp_path):
    fake = write(tmp_path / "fake.sav", "respnr;a\n1;2\n")
    with pytest.raises(InputFileError, match=r"could not be read as an SPSS \.sav file"):
        read_data(fake)
    junk = write(tmp_path / "fake.xlsx", "not a workbook")
    with pytest.raises(InputFileError, match=r"could not be read as an Excel \.xlsx workbook"):
        read_data(junk)


def test_reading_never_modifies_the_file(tmp_path):
    path = tmp_path / "pre.sav"
    path.write_bytes((DEMO / "pre.sav").read_bytes())
    before = path.read_bytes(), path.stat().st_mtime_ns
    read_data(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_decimal_commas_that_appear_late_in_a_column(tmp_path):
    rows = "".join(f"{i};{i % 5 + 1}\n" for i in range(300))
    data = read_data(write(tmp_path / "late.csv", "id;score\n" + rows + "300;4,5\n"))
    assert data.frame["score"].iloc[-1] == 4.5
    assert pd.api.types.is_float_dtype(data.frame["score"])
    assert data.source["decimal"] == ","


def test_utf16_and_line_breaks_and_long_headers(tmp_path):
    """UTF-16 with or without BOM is text, not binary; only real line breaks split the head
    (U+2028 stays inside its column name); a header longer than 64 KiB still finds its
    data rows."""
    from maatwerk_stats.io.text_checks import head_lines, utf16_encoding

    text = "a;b\u2028c;d\n1;2;3\n4;5;6\n"
    assert utf16_encoding(text.encode("utf-16")) == "utf-16"
    assert utf16_encoding(text.encode("utf-16-le")) == "utf-16-le"
    assert utf16_encoding(text.encode("utf-16-be")) == "utf-16-be"
    assert utf16_encoding(text.encode("utf-8")) is None
    assert head_lines(text.encode("utf-8"), "utf-8") == ["a;b\u2028c;d", "1;2;3", "4;5;6"]
    for encoding in ("utf-16-le", "utf-16"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        data = read_data(path)
        assert list(data.frame.columns) == ["a", "b\u2028c", "d"]
        assert data.frame["d"].tolist() == [3.0, 6.0]
        assert data.source["encoding"] == encoding
    wide = ";".join(f"column_{i:05d}_with_a_long_name" for i in range(3000))
    path = tmp_path / "wide.csv"
    path.write_text(wide + "\n" + ";".join("1" * 3000) + "\n", encoding="utf-8")
    assert len(wide) > 65536
    assert read_data(path).frame.shape == (1, 3000)


def test_mixed_encodings_are_refused_one_encoding_is_read(tmp_path):
    from maatwerk_stats.errors import InputFileError
    from maatwerk_stats.io.text_checks import mixed_encoding_line

    text = "naam;x\nCoördinatiepunt;1\nwijkteam;2\n"
    assert mixed_encoding_line(text.encode("cp1252")) is None
    mixed = text.encode("cp1252") + "Coördinatie;3\n".encode()
    assert mixed_encoding_line(mixed) == 4
    path = tmp_path / "mixed.csv"
    path.write_bytes(mixed)
    with pytest.raises(InputFileError, match="line 4 holds UTF-8 text"):
        read_data(path)
    path.write_bytes(text.encode("cp1252"))
    assert read_data(path).frame["naam"][0] == "Coördinatiepunt"


def test_the_hash_made_while_parsing_is_that_of_the_file(tmp_path):
    import hashlib

    from maatwerk_stats.io.read import sha256_of

    path = tmp_path / "d.csv"
    path.write_bytes("respnr;naam\n1;é\n2;b\n".encode("cp1252"))
    dataset = read_data(path)
    assert dataset.sha256 == sha256_of(path) == hashlib.sha256(path.read_bytes()).hexdigest()
