"""Each TOML mistake a user makes in a study config gets the line and the fix
(config/toml_errors.py): the mistakes of issue 16 one by one, with the exact message, and
config problems of valid TOML (a value of the wrong type) named by their line too.
(More of the same in tests/test_config.py: test_common_toml_mistakes_name_the_line_and_the_fix.)
"""

from __future__ import annotations

import pytest

from maatwerk_stats.config.load import load_config
from maatwerk_stats.config.toml_errors import key_line
from maatwerk_stats.errors import ConfigError

MISTAKES = {
    "unquoted non-ASCII key": (
        '[scales.regie]\nitems = ["a_1", "a_2"]\n[scales.regie.value_map]\nmee eens = 4\n',
        "line 4 is not valid TOML (Expected '=' after a key in a key/value pair (at line 4, "
        "column 5)): a key with a space or a letter such as ë, ï or é must be in quotes: "
        'write "mee eens" = 4.'),
    "unquoted non-ASCII table name": (
        '[scales.beïnvloeding]\nitems = ["a_1"]\n',
        "line 1 is not valid TOML (Expected ']' at the end of a table declaration (at line 1, "
        "column 11)): a name with a space or a letter such as ë, ï or é must be in quotes: "
        'write [scales."beïnvloeding"].'),
    "missing closing quote": (
        '[study]\ntitle = "Leeratelier\n',
        "line 2 is not valid TOML (Illegal character '\\n' (at line 2, column 21)): a text is "
        "not closed: end it with the same quote it starts with."),
    "missing opening quote": (
        '[study]\ntitle = Leeratelier"\n',
        "line 2 is not valid TOML (Invalid value (at line 2, column 9)): a text is not "
        "closed: end it with the same quote it starts with."),
    "missing comma": (
        '[scales.a]\nitems = ["a_1" "a_2"]\n',
        "line 2 is not valid TOML (Unclosed array (at line 2, column 16)): separate the "
        'entries of a list with commas: ["a", "b"].'),
    "unquoted list value": (
        '[groups]\nlabels = [voor, na]\n',
        "line 2 is not valid TOML (Invalid value (at line 2, column 11)): a text in a list "
        'must be in quotes: write labels = ["voor", "na"].'),
    "unquoted list value, some quoted": (
        '[scales.a]\nitems = ["a_1", a_2, 3]\n',
        "line 2 is not valid TOML (Invalid value (at line 2, column 17)): a text in a list "
        'must be in quotes: write items = ["a_1", "a_2", 3].'),
    "unquoted value in a list over lines": (
        '[scales.a]\nitems = [\n  "a_1",\n  a_2,\n]\n',
        "line 4 is not valid TOML (Invalid value (at line 4, column 3)): a text in a list must "
        'be in quotes: write "a_2".'),
    "trailing comma in inline table": (
        '[scales.a]\nitems = ["a_1"]\nvalue_map = {"eens" = 4, "oneens" = 2,}\n',
        "line 3 is not valid TOML (Invalid initial character for a key part (at line 3, "
        "column 39)): remove the comma before } (TOML allows none there)."),
    "= missing": (
        '[scales.a]\nitems ["a_1", "a_2"]\n',
        "line 2 is not valid TOML (Expected '=' after a key in a key/value pair (at line 2, "
        'column 7)): put = between the key and its value: write items = ["a_1", "a_2"].'),
    "duplicate key": (
        '[study]\nname = "x"\nname = "y"\n',
        "line 3 is not valid TOML (Cannot overwrite a value (at line 3, column 11)): the key "
        "name is given twice; keep one (the other is above this line; a scale's keys all go "
        "under its one [scales.NAME] header)."),
    "duplicate table": (
        '[scales.a]\nitems = ["a_1"]\n[scales.a]\nlabel = "A"\n',
        "line 3 is not valid TOML (Cannot declare ('scales', 'a') twice (at line 3, column "
        "10)): [scales.a] is given twice; keep one (the other is above this line; a scale's "
        "keys all go under its one [scales.NAME] header)."),
}

WRONG_TYPES = {
    "number in quotes": (
        '[scales.a]\nitems = ["a_1", "a_2"]\nmin_items = "2"\n',
        "line 3: scales.a.min_items must be a whole number ≥ 1, not '2'; write min_items = 2 "
        "(a number, without quotes)"),
    "range as a text": (
        '[scales.a]\nitems = ["a_1", "a_2"]\nrange = "1-5"   # antwoorden\n',
        "line 3: scales.a.range must be a list of numbers, not '1-5'; write range = [1, 5]"),
    "boolean in Dutch": (
        '[groups]\ncolumn = "meting"\norder = ["voor", "na"]\npaired = "ja"\n',
        "line 4: groups.paired must be true or false, not 'ja'; write paired = true (without "
        "quotes)"),
    "text without a fix": (
        '[report]\nmin_cell = "veel"\n',
        "line 2: report.min_cell must be a whole number ≥ 1, not 'veel'"),
    "list typed as one text": (
        '[scales.a]\nitems = "a_1, a_2"\n',
        "line 2: scales.a.items must be a list of names, not one text 'a_1, a_2'; write "
        "items = [\"a_1\", \"a_2\"] (one name that holds a comma: items = [\"a_1, a_2\"])"),
    "group labels typed as one text": (
        '[groups]\ncolumn = "meting"\norder = ["voor", "na"]\nlabels = "vóór, na"\n',
        "line 4: groups.labels must be a list of names, not one text 'vóór, na'; write "
        "labels = [\"vóór\", \"na\"] (one name that holds a comma: labels = [\"vóór, na\"])"),
    "vignette group labels typed as one text": (  # the same hint as groups.labels
        '[vignette]\nid = "respondent"\noutcome = "bereidheid"\nvignette = "vignet"\n'
        'group = "meting"\ngroup_order = ["voor", "na"]\ngroup_labels = "vóór, na"\n',
        "line 7: vignette.group_labels must be a list of names, not one text 'vóór, na'; "
        "write group_labels = [\"vóór\", \"na\"] (one name that holds a comma: group_labels = "
        "[\"vóór, na\"])"),
    "subscale items typed as one text": (  # said once, without "missing or empty" after it
        '[scales.norm]\nitems = ["norm_1", "norm_2", "norm_3"]\n[scales.norm.subscales.a]\n'
        'items = "norm_1, norm_2"\n',
        "line 4: scales.norm.subscales.a.items must be a list of names, not one text "
        "'norm_1, norm_2'; write items = [\"norm_1\", \"norm_2\"] (one name that holds a "
        "comma: items = [\"norm_1, norm_2\"])"),
    "unknown key": (
        '[study]\nname = "x"\ntitel = "X"\n',
        "line 3: unknown key 'study.titel' — did you mean 'title'?"),
}


@pytest.mark.parametrize(("name", "after_file"), [(name, ", ") for name in MISTAKES]
                         + [(name, ": ") for name in WRONG_TYPES])
def test_each_mistake_names_its_line_and_fix(tmp_path, name, after_file):
    """TOML syntax: "FILE, line N is not valid TOML (…): fix"; a valid TOML value of the wrong
    type or an unknown key: "FILE: line N: problem; fix"."""
    text, expected = {**MISTAKES, **WRONG_TYPES}[name]
    path = tmp_path / "study.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}{after_file}{expected}"


def test_several_problems_each_with_its_line(tmp_path):
    path = tmp_path / "study.toml"
    path.write_text('[study]\nname = "x"\n\n[scales."beïnvloeding"]\nitems = ["b_1", "b_2"]\n'
                    'min_items = "1"\nreverse = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert sorted(map(str, caught.value.problems)) == [
        "line 6: scales.beïnvloeding.min_items must be a whole number ≥ 1, not '1'; write "
        "min_items = 1 (a number, without quotes)",
        "line 7: scales.beïnvloeding.reverse must be a list of names, e.g. [\"a\", \"b\"]"]


@pytest.mark.parametrize(("path", "line"), [
    ("study.name", 2), ("scales.a.items", 4), ("scales.a.value_map", 6), ("scales.b", 7),
    ("scales.b.range", 8), ("groups.paired", None), ("scales.a.b", None),
])
def test_key_line_follows_tables_quotes_and_dotted_keys(path, line):
    text = ('[study]\nname = "x"   # = not this\n[scales."a"]\nitems = ["a=1"]\n'
            "\n[scales.a.value_map]\n[scales.b]\nrange = [1, 5]\n")
    if path == "scales.a.value_map":
        assert key_line(text, path) == 6
    else:
        assert key_line(text, path) == line


def test_a_text_with_a_comma_is_one_name_where_it_may_be(tmp_path):
    """Only lists of columns (and the group labels) take "a, b" as a list typed as one text;
    an author "Jansen, P." stays one author."""
    path = tmp_path / "study.toml"
    path.write_text('[scales.a]\nitems = ["a_1", "a_2"]\n[report]\nauthors = "Jansen, P."\n',
                    encoding="utf-8")
    assert load_config(path).report.authors == ("Jansen, P.",)


def test_an_empty_subscale_is_still_said_to_be_missing_or_empty(tmp_path):
    """Only a type problem is said once: ``items = []`` of a subscale is still reported."""
    path = tmp_path / "study.toml"
    path.write_text('[scales.norm]\nitems = ["norm_1", "norm_2"]\n[scales.norm.subscales.a]\n'
                    'items = []\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert [str(problem) for problem in caught.value.problems] == [
        "scales.norm.subscales.a.items is missing or empty: list the items of this subscale"]
