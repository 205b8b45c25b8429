"""A numeric column with decimal commas and one text cell: the reader leaves the whole column
as text ("7,5" as written), so every consumer must take "7,5" for the number it is and name
only the cells that are text (the command-line message: tests/cli/test_cli_vignette_dutch.py).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from maatwerk_stats import vignette
from maatwerk_stats.config import parse_config
from maatwerk_stats.errors import DataError
from maatwerk_stats.io.dataset import cell_numbers
from maatwerk_stats.io.read import read_data
from maatwerk_stats.prepare.items import score_scales
from maatwerk_stats.prepare.teams import prepare_survey

FACTORS = ["leeftijd", "urgentie"]


def _long_ratings(bad: dict[int, str], sep: str = ";") -> str:
    """A long vignette file of 12 respondents × 4 vignettes, ratings with a decimal comma;
    ``bad`` replaces the rating of data rows (counted from 1) by a text."""
    lines = [sep.join(["pers_id", "vignet", "leeftijd", "urgentie", "positie", "oordeel"])]
    levels = [("jong", "laag"), ("jong", "hoog"), ("oud", "laag"), ("oud", "hoog")]
    for person in range(12):
        for number, (age, urgency) in enumerate(levels, start=1):
            rating = f"{(person * 7 + number * 3) % 9 + 1},5"
            row = len(lines)
            rating = bad.get(row, rating)
            cell = f'"{rating}"' if sep == "," and "," in rating else rating
            lines.append(sep.join([f"P{person:02}", str(number), age, urgency, str(number),
                                   cell]))
    return "\n".join(lines) + "\n"


def _write(tmp_path: Path, text: str, name: str = "long.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _rating_error(path: Path, **options) -> str:
    with pytest.raises(DataError) as error:
        vignette(path, id="pers_id", outcome="oordeel", factors=FACTORS, **options)
    return str(error.value)


def test_cell_numbers_take_numbers_as_the_reader_does():
    cells = pd.Series(["3,9", "7", "goed", None, "1.234,5", " 4,5 ", "1.5", "1,5,5", "2,5x"],
                      dtype=object)
    numbers, text = cell_numbers(cells)
    np.testing.assert_array_equal(numbers[[0, 1, 5, 6]], [3.9, 7.0, 4.5, 1.5])
    assert text.tolist() == [False, False, True, False, True, False, False, True, True]
    # a comma-separated file: the reader takes "3,9" for text, and so does the message
    numbers, text = cell_numbers(cells, comma=False)
    assert text.tolist() == [True, False, True, False, True, True, False, True, True]


def test_rating_with_decimal_commas_names_only_the_text_row(tmp_path):
    path = _write(tmp_path, _long_ratings({6: "goed"}))
    assert read_data(path).frame["oordeel"].dtype == object  # the column stayed text
    assert _rating_error(path) == (
        f"rating column 'oordeel' in {path} holds text instead of numbers in row 6 (the texts "
        "are not shown: they are respondents' answers). Ratings must be numbers; leave a "
        "rating empty when it is missing.")


def test_thousands_separator_is_no_number_to_the_reader_and_is_named(tmp_path):
    """The reader takes "1.234,5" for text (no thousands separators), so it is named too."""
    path = _write(tmp_path, _long_ratings({6: "goed", 9: "1.234,5"}))
    assert "holds text instead of numbers in rows 6, 9 (the texts" in _rating_error(path)
    only = _write(tmp_path, _long_ratings({9: "1.234,5"}), "only.csv")
    assert read_data(only).frame["oordeel"].dtype == object
    assert "holds text instead of numbers in row 9 (the texts" in _rating_error(only)


def test_decimal_comma_ratings_handed_over_as_text_are_the_numbers_read(tmp_path):
    """A frame of texts ("7,5", as pandas reads the file without ``decimal=","``) gives the
    ratings the reader gives: before, every rating was refused as text."""
    path = _write(tmp_path, _long_ratings({}))
    texts = pd.read_csv(path, sep=";", dtype=str)
    assert texts["oordeel"].str.contains(",").all()
    as_read = vignette(path, id="pers_id", outcome="oordeel", factors=FACTORS)
    as_text = vignette(texts, id="pers_id", outcome="oordeel", factors=FACTORS)
    pd.testing.assert_frame_equal(as_text.coefficients, as_read.coefficients)


def test_comma_separated_file_keeps_its_decimal_commas_text(tmp_path):
    """In a comma-separated file the reader takes "7,5" for text: every row is named, as
    before (the commas are not numbers there)."""
    path = _write(tmp_path, _long_ratings({6: "goed"}, sep=","))
    assert "holds text instead of numbers in rows 1, 2, 3" in _rating_error(path)


def test_position_column_with_decimal_commas_names_only_the_text_row(tmp_path):
    text = _long_ratings({}).replace(";2;jong;hoog;2;", ";2;jong;hoog;2,0;")
    lines = text.splitlines()
    lines[7] = lines[7].replace(";3;oud;laag;3;", ";3;oud;laag;derde;")
    path = _write(tmp_path, "\n".join(lines) + "\n")
    message = _rating_error(path, position="positie")
    assert message.startswith(f"position column 'positie' in {path} holds text in row 7;")


SCALE = """
[study]
id = "id"
[scales.sw]
items = ["a", "b"]
[value_map]
"goed" = 4
"""


def _items_file(tmp_path: Path, a6: str) -> Path:
    lines = ["id;a;b;leeftijd"] + [f"{i};{i % 4 + 1},5;{i % 5 + 1};{30 + i},5"
                                   for i in range(1, 13)]
    lines[6] = f"6;{a6};2;35,5"  # respondent 6 answered a text
    return _write(tmp_path, "\n".join(lines) + "\n", "items.csv")


def test_items_with_decimal_commas_list_only_the_text_answers(tmp_path):
    path = _items_file(tmp_path, "prima")
    with pytest.raises(DataError) as error:
        score_scales(read_data(path), parse_config(tomllib.loads(SCALE)))
    assert str(error.value).startswith(
        f"{path}: scale items hold text answers instead of numbers: a (1 answer text given "
        "by fewer than 5 respondents (not shown)). Map")


def test_items_with_decimal_commas_and_a_mapped_answer_are_scored(tmp_path):
    path = _items_file(tmp_path, "goed")
    scored = score_scales(read_data(path), parse_config(tomllib.loads(SCALE)))
    items = scored.items
    assert items["a"].tolist()[:8] == [2.5, 3.5, 4.5, 1.5, 2.5, 4.0, 4.5, 1.5]


def test_correlate_variable_with_decimal_commas_counts_only_the_text(tmp_path):
    lines = ["id;x;y"] + [f"{i};{i},5;{i % 3}" for i in range(1, 11)]
    lines[4] = "4;onbekend;1"
    path = _write(tmp_path, "\n".join(lines) + "\n", "survey.csv")
    config = parse_config(tomllib.loads('[study]\nid = "id"\n'))
    with pytest.raises(DataError) as error:
        prepare_survey(read_data(path), config, ["x", "y"])
    assert str(error.value).startswith(f"column 'x' of {path} holds 1 value(s) that are not "
                                       "numbers;")
