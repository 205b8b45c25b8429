"""``maatwerk-stats codebook``: every answer with its count, in nl or en, fitting the window."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pandas as pd

from maatwerk_stats.io.codebook import codebook, value_list
from maatwerk_stats.io.dataset import Dataset
from maatwerk_stats.report.console.codebook import codebook_table

from ..conftest import DEMO

EXPORT = DEMO.parent / "voorbeeld" / "enquete.csv"


def test_codebook_lists_text_answers_in_scale_order_with_counts(run_cli):
    result = run_cli("codebook", EXPORT)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (f"{EXPORT}: 48 rijen, 11 variabelen (codering windows-1252, "
                        "scheidingsteken ;, decimaalteken ,)")
    assert lines[1].split() == ["variabele", "type", "antwoorden:", "aantal", "geldig",
                                "ontbrekend", "min", "max"]
    row = next(line for line in lines if line.startswith("beïnvloeding_1"))
    assert ("tekst  helemaal mee oneens: 2; mee oneens: 4; neutraal: 14; mee eens: 14; "
            "helemaal mee eens: 6; weet niet: 8") in row
    assert "1: 1; 2: 4; 3: 17; 4: 17; 5: 5; 9: 4" in next(
        line for line in lines if line.startswith("samenwerking_1"))
    assert "48 verschillende" in lines[3]  # respnr: too many values to list
    assert "0,5  29,6" in next(line for line in lines if line.startswith("werkervaring"))


def test_codebook_in_english(run_cli):
    result = run_cli("codebook", DEMO / "pre.sav", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"{DEMO / 'pre.sav'}: 22 rows, 18 variables"
    regie = next(line for line in result.stdout.splitlines() if line.startswith("regie_1"))
    assert "numeric  1 = helemaal mee oneens: " in regie and "9 = weet niet" in regie
    assert run_cli("codebook", DEMO / "pre.sav", "--lang", "de").exit_code == 2


def test_rare_open_answers_are_counted_not_shown():
    frame = pd.DataFrame({"opmerking": ["geen"] * 5 + ["Joke helpt mij", "Piet", "mee eens"]})
    dataset = Dataset(frame=frame, variables={}, path=Path("x.csv"), file_format="csv",
                      sha256="0")
    values = value_list(dataset, "opmerking")
    assert [(v.code, v.n) for v in values.values] == [("mee eens", 1), ("geen", 5)]
    assert (values.hidden, values.n_hidden) == (2, 2)
    table = codebook_table(codebook(dataset), {"opmerking": values}, "en")
    assert "mee eens: 1; geen: 5; +2 other (each < 5×, not shown)" in table
    assert "Joke" not in table and "Piet" not in table


def test_dates_are_typed_as_dates_and_never_listed():
    frame = pd.DataFrame({"datum": [datetime.date(2023, 3, d) for d in (1, 2, 2)]})
    dataset = Dataset(frame=frame, variables={}, path=Path("x.sav"), file_format="sav",
                      sha256="0")
    book = codebook(dataset)
    assert book.loc[0, "type"] == "date" and book.loc[0, "values"] == ""
    assert "datum      datum  2 verschillende" in codebook_table(book, {"datum": value_list(
        dataset, "datum")}, "nl")


def test_a_narrow_window_wraps_between_answers_never_inside_one():
    from maatwerk_stats.io.read import read_data

    dataset = read_data(EXPORT)
    values = {c: value_list(dataset, c) for c in dataset.frame.columns}
    from maatwerk_stats.report.text import render_table

    table = codebook_table(codebook(dataset), values, "nl")
    narrow = render_table(["a", "b"], [["x", "helemaal mee eens: 6; weet niet: 8"]], "ll",
                          width=40)
    assert narrow.splitlines()[2:] == ["x  helemaal mee eens: 6; weet niet: 8"]
    from maatwerk_stats.report import text

    token = text._WIDTH.set(80)
    try:
        fitted = codebook_table(codebook(dataset), values, "nl")
    finally:
        text._WIDTH.reset(token)
    assert max(len(line) for line in fitted.splitlines()) <= 80 < max(
        len(line) for line in table.splitlines())
    assert "                       helemaal mee eens: 6;" in fitted  # wrapped, not split
    assert " ".join(fitted.split()).count("helemaal mee oneens: 2;") == 2


def test_spss_date_variable_is_a_date(run_cli, tmp_path):
    import pyreadstat

    frame = pd.DataFrame({"respnr": [1.0, 2.0, 3.0],
                          "afname": [datetime.date(2023, 3, d) for d in (1, 2, 2)]})
    pyreadstat.write_sav(frame, str(tmp_path / "datums.sav"))
    result = run_cli("codebook", "datums.sav", "--lang", "en")
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if line.startswith("afname"))
    assert row.split()[:4] == ["afname", "date", "2", "distinct"]
    assert "2023" not in result.stdout  # dates are never listed


def test_at_60_columns_no_answer_sticks_out_of_its_column():
    """An answer with its count ("helemaal mee oneens: 2", held together by no-break spaces)
    longer than the narrowed column widened it, so the numbers after it stay in line."""
    from maatwerk_stats.io.read import read_data
    from maatwerk_stats.report import text

    dataset = read_data(EXPORT)
    values = {c: value_list(dataset, c) for c in dataset.frame.columns}
    token = text._WIDTH.set(60)
    try:
        fitted = codebook_table(codebook(dataset), values, "nl")
    finally:
        text._WIDTH.reset(token)
    assert max(len(line) for line in fitted.splitlines()) <= 60
    lines = fitted.split("\n\n")[0].splitlines()  # the part with the answers (stacked)
    valid = lines[0].index("geldig")  # where the next column starts
    for line in lines[2:]:
        if line[:1].strip():  # a variable's first line: the counts stand in their column
            assert line[valid - 2:valid] == "  " and line[valid:valid + 2].strip(), line
    assert re.search("helemaal mee oneens: 2; +48", fitted)


def test_codebook_summary_line_wraps_in_a_narrow_window(run_cli, monkeypatch):
    import importlib

    from maatwerk_stats.report import text

    tokens = []
    monkeypatch.setattr(importlib.import_module("maatwerk_stats.cli.app"), "_fit_terminal",
                        lambda: tokens.append(text._WIDTH.set(60)))  # as a 60-column window
    try:
        result = run_cli("codebook", EXPORT)
    finally:
        for token in reversed(tokens):
            text._WIDTH.reset(token)
    first = result.stdout.splitlines()[:2]
    assert max(len(line) for line in first) <= 60 and first[1].startswith("  ")


def test_an_id_column_of_a_small_file_shows_its_number_of_values_not_the_ids(run_cli,
                                                                               tmp_path):
    """Eight respondents: respnr 101..108 (each once), a text id and an age (one shared) are
    respondent-level values, so the codebook shows how many there are, in nl and en; an
    answer column with repeated values (and a labelled one) is still listed."""
    lines = ["respnr;code;leeftijd;samenwerking_1"]
    ages = [31, 45, 52, 28, 39, 45, 61, 33]
    for i, (age, answer) in enumerate(zip(ages, [1, 2, 2, 3, 4, 4, 5, 5], strict=True)):
        lines.append(f"{101 + i};R{i + 1:02d};{age};{answer}")
    (tmp_path / "klein.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    dutch = run_cli("codebook", "klein.csv")
    assert dutch.exit_code == 0, dutch.output
    rows = {line.split()[0]: line for line in dutch.stdout.splitlines()[2:]}
    assert "8 verschillende" in rows["respnr"] and "101" not in rows["respnr"].split("  ")[2]
    assert "8 verschillende" in rows["code"] and "R01" not in dutch.stdout
    assert "7 verschillende" in rows["leeftijd"] and "31:" not in dutch.stdout
    assert "1: 1; 2: 2; 3: 1; 4: 2; 5: 2" in rows["samenwerking_1"]
    english = run_cli("codebook", "klein.csv", "--lang", "en")
    assert "8 distinct" in english.stdout and "101: 1" not in english.stdout
    as_csv = pd.read_csv(__import__("io").StringIO(
        run_cli("codebook", "klein.csv", "--format", "csv").stdout)).set_index("variable")
    assert as_csv.loc["respnr", "n_distinct"] == 8 and pd.isna(as_csv.loc["respnr", "values"])
    assert as_csv.loc["samenwerking_1", "values"] == "1: 1; 2: 2; 3: 1; 4: 2; 5: 2"
    labelled = Dataset(frame=pd.DataFrame({"q": [1.0, 2, 3, 4, 5]}), path=Path("x.sav"),
                       variables={"q": __import__("maatwerk_stats.io.dataset", fromlist=[
                           "Variable"]).Variable("q", value_labels={1: "nooit", 5: "altijd"})},
                       file_format="sav", sha256="0")
    assert value_list(labelled, "q").listed  # labelled codes are categories: listed
