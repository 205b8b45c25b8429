"""Errors in both languages (maatwerk_stats.errors): the message and the helpers' words."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maatwerk_stats.errors import (
    ConfigError,
    DataError,
    OptionError,
    Text,
    hint,
    library_reference,
    param,
    quoted_list,
    quoted_shared,
    row_list,
    rows_where,
)


def test_a_bilingual_error_is_english_in_the_library_and_dutch_when_asked():
    error = DataError(en="column 'x' not found", nl="kolom 'x' niet gevonden")
    assert str(error) == "column 'x' not found"
    assert error.speaks("nl") and error.speaks("en")
    assert error.render(library_reference, "nl") == "kolom 'x' niet gevonden"
    assert error.render(library_reference, "en") == "column 'x' not found"
    assert DataError(Text("a", "b")).render(library_reference, "nl") == "b"


def test_an_english_only_error_stays_english_in_a_dutch_run():
    error = DataError("column 'x' not found")
    assert not error.speaks("nl")
    assert error.render(library_reference, "nl") == "column 'x' not found"


def test_parameter_references_are_written_in_either_language():
    error = OptionError(en=f"give {param('group_order', 'voor,na')}",
                        nl=f"geef {param('group_order', 'voor,na')}")
    flag = lambda name, value: f"--{name.replace('_', '-')} {value}"  # noqa: E731
    assert error.render(flag, "nl") == "geef --group-order voor,na"
    assert str(error) == "give group_order=voor,na"


def test_config_problems_in_dutch_only_when_every_problem_has_its_dutch():
    both = ConfigError([Text("a is wrong", "a klopt niet"), Text("b is wrong", "b klopt niet")],
                       source="study.toml")
    assert str(both) == "study.toml has 2 problems:\n  - a is wrong\n  - b is wrong"
    assert both.render(library_reference, "nl") == (
        "study.toml heeft 2 problemen:\n  - a klopt niet\n  - b klopt niet")
    one = ConfigError(Text("a is wrong", "a klopt niet"), source="study.toml")
    assert one.render(library_reference, "nl") == "study.toml: a klopt niet"
    mixed = ConfigError([Text("a is wrong", "a klopt niet"), "b is wrong"])
    assert not mixed.speaks("nl")
    assert mixed.render(library_reference, "nl") == "2 problems:\n  - a is wrong\n  - b is wrong"
    keyword = ConfigError("a is wrong", nl="a klopt niet")
    assert keyword.render(library_reference, "nl") == "a klopt niet"
    assert keyword.problems == [Text("a is wrong", "a klopt niet")]


def test_the_helpers_words_in_dutch():
    assert row_list(range(1, 13), lang="nl") == "1, 2, 3, 4, 5, 6, 7, 8, 9, 10 en nog 2"
    assert row_list(range(1, 13)) == "1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more"
    assert rows_where(np.array([False, True]), lang="nl") == "rij 2"
    assert rows_where(np.array([True, True]), lang="nl") == "rijen 1, 2"
    assert rows_where(np.array([True, True])) == "rows 1, 2"
    assert quoted_list(list("abc"), limit=2, lang="nl") == "'a', 'b' en nog 1"
    assert hint("samenwerkng", ["samenwerking"], "nl") == " — bedoelt u 'samenwerking'?"
    assert hint("samenwerkng", ["samenwerking"]) == " — did you mean 'samenwerking'?"
    assert hint("x", ["samenwerking"], "nl") == ""
    counts = {"voor": 22, "na": 20, "later": 2}
    assert quoted_shared(counts, lang="nl") == (
        "'voor', 'na' en 1 andere waarde(n) in minder dan 5 rijen elk (niet getoond)")
    assert quoted_shared(counts, with_counts=True, unit=Text("people", "mensen"),
                         lang="nl") == (
        "'voor' (22 mensen), 'na' (20 mensen) en 1 andere waarde(n) in minder dan 5 mensen "
        "elk (niet getoond)")
    assert quoted_shared(counts) == (
        "'voor', 'na' and 1 other value(s) in fewer than 5 rows each (not shown)")


@settings(deadline=None)  # a loaded machine must not fail it on time
@given(st.lists(st.integers(1, 10_000), max_size=40), st.integers(1, 15))
def test_row_list_shows_the_same_rows_in_both_languages(rows, limit):
    english, dutch = row_list(rows, limit), row_list(rows, limit, lang="nl")
    assert english.split(" and ")[0] == dutch.split(" en ")[0]
    assert (" and " in english) == (" en nog " in dutch) == (len(rows) > limit)


@pytest.mark.parametrize("problems", [[], ["a"], [Text("a", "b")] * 3])
def test_config_error_keeps_its_problems(problems):
    error = ConfigError(problems)
    assert error.problems == list(problems)


def test_a_number_in_a_dutch_message_has_the_decimal_comma_and_the_thousands_point():
    from maatwerk_stats.errors import number

    assert number(12345) == "12,345" and number(12345, "nl") == "12.345"
    assert number(0.05, "en", "g") == "0.05" and number(0.05, "nl", "g") == "0,05"
    assert number(1234567.5, "nl", ",.1f") == "1.234.567,5"
