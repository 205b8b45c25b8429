"""Study configs: loading, validation messages, inference, writing."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest

from maatwerk_stats.config import (
    config_to_toml,
    infer_config,
    load_config,
    parse_config,
)
from maatwerk_stats.errors import ConfigError
from maatwerk_stats.io.dataset import Dataset
from maatwerk_stats.io.read import read_data
from maatwerk_stats.prepare.items import check_against_data

from .conftest import CONFIG, DEMO


def problems(text: str) -> list[str]:
    with pytest.raises(ConfigError) as error:
        parse_config(tomllib.loads(text))
    return [str(p) for p in error.value.problems]  # the English of each problem


def frame_dataset(frame: pd.DataFrame, name: str = "data.csv") -> Dataset:
    return Dataset(frame=frame, variables={}, path=Path(name), file_format="csv", sha256="0")


def test_leeratelier_config_loads():
    config = load_config(CONFIG)
    assert config.name == "leeratelier"
    assert config.title == "Leeratelier Maatwerk & Regie"
    assert config.id == "respnr"
    assert list(config.scales) == ["samenwerking", "regie", "maatwerk"]
    sw = config.scales["samenwerking"]
    assert sw.reverse == ("samenwerking_3",)
    assert sw.range == (1.0, 5.0)
    assert sw.min_items == 3
    assert sw.missing_codes == (9.0,)
    assert config.value_map["helemaal mee eens"] == 5.0
    assert config.groups.order == ("voor", "na")
    assert config.groups.labels == ("Vóór", "Na")
    assert config.groups.paired is False
    vignette = config.vignette
    assert vignette.deck == CONFIG.parent / "../data/demo/deck.csv"
    assert vignette.deck.resolve() == (DEMO / "deck.csv").resolve()
    assert vignette.factors["reputatie"].reference == "niet_succesvol"
    assert vignette.influence.thresholds == (0.3, 0.8)
    assert vignette.influence.labels == ("geen invloed", "matige invloed", "veel invloed")
    assert config.report.min_cell == 5
    assert config.data["pre"].resolve() == (DEMO / "pre.sav").resolve()


def test_unknown_keys_get_did_you_mean():
    found = problems("""
[study]
nmae = "x"
[scales.a]
itemz = ["x1", "x2"]
items = ["x1", "x2"]
[grups]
column = "meting"
""")
    assert found == [
        "unknown key 'grups' — did you mean 'groups'?",
        "unknown key 'study.nmae' — did you mean 'name'?",
        "unknown key 'scales.a.itemz' — did you mean 'items'?",
    ]


def test_scale_problems_are_all_reported():
    found = problems("""
[scales.regie]
items = ["regie_1", "regie_2", "regie_2"]
reverse = ["regie_9"]
range = [5, 1]
min_items = 4
[scales.empty]
label = "Leeg"
""")
    assert found == [
        "scales.regie.items lists regie_2 more than once",
        "scales.regie.reverse names 'regie_9', which is not one of its items — did you mean "
        "'regie_2'?",
        "scales.regie.range must be [lowest, highest] with lowest < highest, e.g. [1, 5]; "
        "got [5, 1]",
        "scales.regie.min_items is 4 but the scale has only 3 items",
        "scales.empty.items is missing or empty: list the item columns of this scale",
    ]


def test_reverse_needs_range_and_types_are_checked():
    assert problems('[scales.a]\nitems = ["a1", "a2"]\nreverse = ["a1"]\n') == [
        "scales.a has reverse items but no range; add range = [1, 5] (the lowest and highest "
        "answer) so they can be reverse-coded"]
    assert problems('[scales.a]\nitems = "a1"\nmin_items = "2"\n') == [
        "scales.a.min_items must be a whole number ≥ 1, not '2'"]
    assert problems('[scales.a]\nitems = ["a1", "a2"]\nrange = [1, 5, 7]\n') == [
        "scales.a.range must be [lowest, highest] with lowest < highest, e.g. [1, 5]; "
        "got [1, 5, 7]"]


def test_item_in_two_scales_must_be_scored_alike():
    ok = parse_config(tomllib.loads(
        '[scales.a]\nitems = ["x1", "x2"]\nrange = [1, 5]\n'
        '[scales.b]\nitems = ["x1", "x3"]\nrange = [1, 5]\n'))
    assert ok.scales["b"].items == ("x1", "x3")
    assert problems('[scales.a]\nitems = ["x1", "x2"]\nrange = [1, 5]\nreverse = ["x1"]\n'
                    '[scales.b]\nitems = ["x1", "x3"]\nrange = [1, 5]\n') == [
        "item 'x1' is in scales.a and scales.b with a different reverse or range setting; "
        "an item is scored one way"]


def test_groups_and_vignette_problems():
    found = problems("""
[groups]
order = ["voor", "na", "voor"]
labels = ["Vóór", "Na"]
paired = true
[vignette]
wide_columns = ["v1", "v2"]
[vignette.factors.reputatie]
levels = ["laag", "hoog"]
reference = "midden"
[vignette.influence]
thresholds = [0.8, 0.3]
labels = ["geen", "veel"]
""")
    assert found == [
        "groups.order lists a group twice: ['voor', 'na', 'voor']",
        "groups.labels has 2 labels but groups.order has 3 groups",
        "groups.paired = true needs groups.id: the column that identifies the same person in "
        "both measurements",
        "vignette.factors.reputatie.reference 'midden' is not one of its levels ['laag', "
        "'hoog']",
        "vignette.influence.thresholds must be positive finite numbers, each larger than the "
        "one before, e.g. [0.3, 0.8]; got [0.8, 0.3]",
        "vignette.influence.labels needs one label more than there are thresholds "
        "(2 thresholds, 2 labels)",
        "vignette.wide_columns needs vignette.deck: a file that maps each vignette to its "
        "factor levels",
    ]


@pytest.mark.parametrize("thresholds", ["[0.5, 0.5]", "[nan]", "[inf]", "[0, 0.8]",
                                        "[-0.3, 0.8]", "[0.3, nan]"])
def test_influence_thresholds_must_be_finite_positive_and_strictly_increasing(thresholds):
    """Two equal thresholds leave the label between them unreachable; nan compares false
    with everything, so every effect would get the same label."""
    found = problems(f"""
[vignette.factors.reputatie]
levels = ["laag", "hoog"]
[vignette.influence]
thresholds = {thresholds}
""")
    assert any(p.startswith("vignette.influence.thresholds must be positive finite numbers")
               for p in found), found


def test_valid_influence_thresholds_are_kept():
    config = parse_config(tomllib.loads("""
[vignette.factors.reputatie]
levels = ["laag", "hoog"]
[vignette.influence]
thresholds = [0.25, 0.5, 1]
labels = ["geen", "weinig", "matig", "veel"]
"""))
    assert config.vignette.influence.thresholds == (0.25, 0.5, 1.0)


def test_invalid_toml_and_missing_file(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[scales\nitems =", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken\.toml, line 1 is not valid TOML \(Expected "
                       r"'\]'.*\): close the table name with \]"):
        load_config(broken)
    with pytest.raises(ConfigError, match=r"config file .*nothere\.toml not found"):
        load_config(tmp_path / "nothere.toml")


def test_single_problem_message_names_the_file(tmp_path):
    path = tmp_path / "study.toml"
    path.write_text('[scales.a]\nitems = ["a1", "a2"]\nrange = [5, 5]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value) == (f"{path}: line 3: scales.a.range must be [lowest, highest] "
                                "with "
                                "lowest < highest, e.g. [1, 5]; got [5, 5]")


def test_items_not_in_data_name_nearest_columns():
    config = parse_config(tomllib.loads(
        '[study]\nid = "respnr"\n[scales.regie]\nitems = ["regie_1", "regie_5", "Regie_4"]\n'))
    data = read_data(DEMO / "pre.sav")
    with pytest.raises(ConfigError) as error:
        check_against_data(config, data)
    assert [str(p) for p in error.value.problems] == [
        f"scale 'regie': item 'regie_5' is not a column of {DEMO / 'pre.sav'}; nearest column "
        "names: regie_4, regie_3, regie_2",
        f"scale 'regie': item 'Regie_4' is not a column of {DEMO / 'pre.sav'}; nearest column "
        "names: regie_4, regie_3, regie_2",
    ]


def test_infer_scales_from_spss_file():
    config = infer_config(read_data(DEMO / "pre.sav"))
    assert list(config.scales) == ["samenwerking", "regie", "maatwerk"]
    assert config.scales["regie"].items == ("regie_1", "regie_2", "regie_3", "regie_4")
    # the range comes from the value labels, leaving out the user-missing code 9
    assert config.scales["regie"].range == (1.0, 5.0)
    assert config.scales["regie"].min_items == 2
    assert config.scales["regie"].reverse == ()
    assert config.id == "respnr"


def test_infer_short_names_and_numbering():
    frame = pd.DataFrame({"id": [1, 2], "sw1": [1, 2], "sw2": [2, 3], "sw10": [1, 1],
                          "leeftijd": [30, 40], "v_1": [1, 2]})
    config = infer_config(frame_dataset(frame))
    assert config.scales["sw"].items == ("sw1", "sw2", "sw10")
    assert config.scales["sw"].range is None
    assert "v" not in config.scales  # a single numbered column is not a scale
    assert config.id == "id"


def test_infer_without_scales_is_an_error():
    frame = pd.DataFrame({"id": [1, 2], "leeftijd": [30, 40]})
    with pytest.raises(ConfigError) as error:
        infer_config(frame_dataset(frame))
    assert str(error.value) == (
        "no scales found in data.csv: no columns are named like samenwerking_1, samenwerking_2 "
        "or sw1, sw2. Write a config that lists the items (see configs/leeratelier.toml) and "
        "pass it with config=FILE.")


def test_saved_config_reads_back_the_same(tmp_path):
    data = read_data(DEMO / "pre.sav")
    inferred = infer_config(data)
    path = tmp_path / "saved.toml"
    path.write_text(config_to_toml(inferred, data), encoding="utf-8")
    again = load_config(path)
    assert again.scales == inferred.scales
    assert again.id == inferred.id
    assert "#   regie_3: Ik bespreek met collega's" in path.read_text(encoding="utf-8")


def test_vignette_data_file_belongs_under_data():
    # one place names the data files: [data] vignette; [vignette] data is not a key
    assert problems('[vignette]\ndata = "v.csv"\n') == ["unknown key 'vignette.data'"]


@pytest.mark.parametrize(("text", "line", "advice"), [
    ('[study]\nname = "x"\n[scales.beïnvloeding]\nitems = ["a_1", "a_2"]\n', 3,
     'a name with a space or a letter such as ë, ï or é must be in quotes: write '
     '[scales."beïnvloeding"]'),
    ('[value_map]\nhelemaal mee eens = 5\n', 2,
     'a key with a space or a letter such as ë, ï or é must be in quotes: write '
     '"helemaal mee eens" = 5'),
    ('[scales.regie]\nlabel = Regie\n', 2, 'a text must be in quotes: write label = "Regie"'),
    ('[scales.regie]\nitems = ["regie_1" "regie_2"]\n', 2,
     'separate the entries of a list with commas: ["a", "b"]'),
    ('[vignette.influence]\nalpha = 0,05\n', 2, 'a number takes a decimal point: write 0.05'),
    ('[data]\npre = "C:\\data\\pre.sav"\n', 2, 'a backslash starts an escape in "...": write'),
    ('[scales.a]\nitems = ["a_1"]\n[scales.a]\nlabel = "A"\n', 3, 'is given twice; keep one'),
    ('[study]\ntitle = "Leeratelier\n', 2, 'a text is not closed'),
    ('[scales.a]\nitems = ["a_1", "a_2"\n', 2, 'a list is not closed'),
])
def test_common_toml_mistakes_name_the_line_and_the_fix(tmp_path, text, line, advice):
    path = tmp_path / "study.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}, line {line} is not valid TOML (")
    assert advice in message


@pytest.mark.parametrize(("name", "label"), [
    ("LanguageSkills", "Language skills"), ("samenwerking_1", "Samenwerking 1"),
    ("ICT_gebruik", "ICT gebruik"), ("reputatie", "Reputatie"), ("beïnvloeding", "Beïnvloeding")])
def test_default_labels_prettify_names_without_losing_capitals(name, label):
    from maatwerk_stats.config import parse_config

    config = parse_config({"scales": {name: {"items": ["a_1", "a_2"]}},
                           "vignette": {"factors": {name: {"levels": ["x", "y"]}}}})
    assert config.scales[name].label == label
    assert config.vignette.factors[name].label == label
