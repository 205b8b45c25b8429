"""The config ``maatwerk-stats init`` drafts from the data (config/draft.py, config/likert.py)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maatwerk_stats.config import parse_config
from maatwerk_stats.config.draft import _id_like_name, draft_config
from maatwerk_stats.io.dataset import Dataset, Variable
from maatwerk_stats.io.likert import recognise
from maatwerk_stats.io.read import read_data
from maatwerk_stats.prepare.items import score_scales

ROOT = Path(__file__).resolve().parents[1]
EXPORT = ROOT / "data" / "voorbeeld" / "enquete.csv"

# Written by hand from the description of data/voorbeeld/enquete.csv (not from init's output).
HAND_WRITTEN = """
[study]
id = "respnr"
[scales."beïnvloeding"]
items = ["beïnvloeding_1", "beïnvloeding_2", "beïnvloeding_3"]
range = [1, 5]
missing_codes = [9]
[scales."beïnvloeding".value_map]
"helemaal mee oneens" = 1
"mee oneens" = 2
"neutraal" = 3
"mee eens" = 4
"helemaal mee eens" = 5
"weet niet" = 9
[scales.samenwerking]
items = ["samenwerking_1", "samenwerking_2", "samenwerking_3", "samenwerking_4"]
range = [1, 5]
missing_codes = [9]
[groups]
column = "meting"
order = ["voor", "na"]
"""


def frame_dataset(frame: pd.DataFrame, variables: dict[str, Variable] | None = None,
                  name: str = "survey.csv") -> Dataset:
    return Dataset(frame=frame, variables=variables or {}, path=Path(name), file_format="csv",
                   sha256="0" * 64)


def draft_of(*datasets: Dataset, target: Path = Path("configs/study.toml"),
             language: str | None = None):
    draft = draft_config(list(datasets), target, language=language)
    return draft, parse_config(tomllib.loads(draft.text), base=target.parent)


def test_round_trip_init_scores_equal_hand_written_config():
    dataset = read_data(EXPORT)
    draft, drafted = draft_of(dataset, target=ROOT / "configs" / "enquete.toml")
    hand = parse_config(tomllib.loads(HAND_WRITTEN))
    ours = score_scales(dataset, drafted).scores
    theirs = score_scales(dataset, hand).scores
    pd.testing.assert_frame_equal(ours, theirs)
    assert ours["samenwerking"].notna().sum() > 40  # 9 = weet niet is missing, not an answer
    assert drafted.groups.order == ("voor", "na") and drafted.groups.labels == ("vóór", "na")
    assert drafted.data["questionnaire"].resolve() == EXPORT.resolve()
    assert "# CHECK: 9 lijkt een code voor geen antwoord" in draft.text  # Dutch data: Dutch
    # text answers give the answer labels of tables and figures (the value map backwards)
    labels = score_scales(dataset, drafted).value_labels
    assert labels["beïnvloeding_1"] == {1.0: "helemaal mee oneens", 2.0: "mee oneens",
                                        3.0: "neutraal", 4.0: "mee eens",
                                        5.0: "helemaal mee eens"}
    assert labels["samenwerking_1"] == {}  # numbers without SPSS labels: none invented


def test_text_answers_become_a_value_map_in_scale_order_with_weet_niet_missing():
    answers = ["Mee eens", "helemaal mee oneens", "Weet niet", "neutraal", "mee oneens",
               "helemaal mee eens"]
    frame = pd.DataFrame({f"regie_{i}": answers * 2 for i in (1, 2, 3)})
    draft, config = draft_of(frame_dataset(frame))
    scale = config.scales["regie"]
    assert scale.value_map == {"helemaal mee oneens": 1, "mee oneens": 2, "neutraal": 3,
                               "mee eens": 4, "helemaal mee eens": 5, "weet niet": 9}
    assert scale.missing_codes == (9,) and scale.range == (1, 5)
    assert '"Mee eens" = 4' in draft.text  # the export's own spelling
    scores = score_scales(frame_dataset(frame), config).scores["regie"]
    assert np.allclose(scores.to_numpy(), [4, 1, np.nan, 3, 2, 5] * 2, equal_nan=True)


def test_a_four_answer_subset_says_check_and_keeps_five_point_numbers():
    answers = ["helemaal mee oneens", "mee oneens", "mee eens", "helemaal mee eens"]
    frame = pd.DataFrame({f"a_{i}": answers * 3 for i in (1, 2)})
    draft, config = draft_of(frame_dataset(frame))
    assert config.scales["a"].value_map["mee eens"] == 4
    assert "het kan ook de vorm met 4 antwoorden zijn" in draft.text
    english, _ = draft_of(frame_dataset(frame), language="en")
    assert "could also be the 4-answer form" in english.text


def test_english_families_and_language():
    answers = ["never", "rarely", "sometimes", "often", "always", "don't know"]
    frame = pd.DataFrame({f"freq_{i}": answers * 2 for i in (1, 2)})
    draft, config = draft_of(frame_dataset(frame))
    assert config.language == "en"
    assert "# Read every line marked CHECK:" in draft.text  # English answers: English comments
    assert config.scales["freq"].value_map["always"] == 5
    assert config.scales["freq"].value_map["don't know"] == 9
    assert next(f.name for f in recognise(["zeer tevreden", "ontevreden"])) == "satisfaction"


def test_rare_unknown_answers_are_not_quoted():
    answers = ["mee eens", "mee oneens"] * 5 + ["mijn buurman Piet"]
    frame = pd.DataFrame({f"a_{i}": answers for i in (1, 2)})
    draft, _ = draft_of(frame_dataset(frame))
    assert "Piet" not in draft.text
    assert "1 andere antwoordtekst (elk door minder dan 5 respondenten" in draft.text


@pytest.mark.parametrize(("values", "flagged"), [
    ([1, 2, 3, 4, 5, 9], [9]), ([0, 5, 10, 99], [99]), ([1, 2, 3, -1], [-1]),
    ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], []), ([1, 2, 3, 4, 5, 8, 9], [8, 9])])
def test_suspicious_codes_are_declared_missing_with_a_check(values, flagged):
    frame = pd.DataFrame({f"s_{i}": values * 3 for i in (1, 2)})
    draft, config = draft_of(frame_dataset(frame))
    assert list(config.scales["s"].missing_codes) == flagged
    assert ("een code voor geen antwoord" in draft.text) == bool(flagged)
    english, _ = draft_of(frame_dataset(frame), language="en")
    assert ("like a code for no answer" in english.text) == bool(flagged)


def test_spss_labels_give_range_item_labels_and_group_labels():
    frame = pd.DataFrame({"q_1": [1, 2, 3, 4, 5, 1.0], "q_2": [2, 3, 4, 5, 1, 2.0],
                          "t": [1, 1, 1, 2, 2, 2.0]})
    labels = {1: "oneens", 2: "b", 3: "c", 4: "d", 5: "eens", 8: "weet niet"}
    variables = {"q_1": Variable("q_1", label="Ik werk graag samen", value_labels=labels),
                 "q_2": Variable("q_2", label="Ik overleg", value_labels=labels),
                 "t": Variable("t", value_labels={1: "Voormeting", 2: "Nameting"})}
    _draft, config = draft_of(frame_dataset(frame, variables))
    scale = config.scales["q"]
    assert scale.range == (1, 5) and scale.missing_codes == (8,)
    assert scale.item_labels == {"q_1": "Ik werk graag samen", "q_2": "Ik overleg"}
    assert config.groups is None  # "t" is no known group name and 1/2 tell no order


def test_negatively_correlating_item_is_proposed_for_reverse():
    rng = np.random.default_rng(1)
    base = rng.integers(1, 6, 40)
    frame = pd.DataFrame({"m_1": base, "m_2": np.clip(base + rng.integers(-1, 2, 40), 1, 5),
                          "m_3": 6 - base})
    draft, config = draft_of(frame_dataset(frame))
    assert config.scales["m"].reverse == ("m_3",)
    assert "m_3 gaat tegen de andere items in" in draft.text
    assert "m_3 goes against the other items" in draft_of(frame_dataset(frame),
                                                           language="en")[0].text


def test_two_files_paired_and_vignette_section():
    demo = ROOT / "data" / "demo"
    pre, post, vignet = (read_data(demo / n) for n in ("pre.sav", "post.sav",
                                                        "vignetten.csv"))
    _draft, config = draft_of(pre, post, vignet, target=ROOT / "configs" / "x.toml")
    assert set(config.scales) == {"samenwerking", "regie", "maatwerk"}
    assert config.groups.labels == ("vóór", "na") and config.groups.paired is False
    assert set(config.data) == {"pre", "post", "vignette"}
    assert config.vignette.outcome == "bereidheid"
    assert set(config.vignette.factors) == {"reputatie", "hulpbehoevendheid", "capaciteiten"}
    assert config.vignette.group_order == ("voor", "na")


def test_vignette_group_column_told_by_its_voor_na_codes():
    # "ronde" is no group name init knows, but voor/na is the pair vignette orders by:
    # a group (voor first), not a two-level factor
    demo = ROOT / "data" / "demo"
    frame = read_data(demo / "vignetten.csv").frame.rename(columns={"meting": "ronde"})
    _draft, config = draft_of(frame_dataset(frame, name="vignetten.csv"))
    assert config.vignette.group == "ronde"
    assert config.vignette.group_order == ("voor", "na")
    assert "ronde" not in config.vignette.factors


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1,
                max_size=12)
cells = st.one_of(st.none(), st.integers(-100, 100), st.sampled_from(
    ["mee eens", "weet niet", "nooit", "x", "", " ", '"quoted"', "a\nb", "1,5", "\x07"]),
    names)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(names, st.booleans()), min_size=1, max_size=6), st.data())
def test_the_draft_always_loads(columns, data):
    """Whatever the column names and answers: init writes a config that loads."""
    n = data.draw(st.integers(1, 12))
    frame = {}
    for index, (stem, numbered) in enumerate(columns):
        name = f"{stem}_{index % 3 + 1}" if numbered else stem
        frame[name] = data.draw(st.lists(cells, min_size=n, max_size=n))
    table = pd.DataFrame(frame)
    labels = {c: Variable(c, label=data.draw(names)) for c in table.columns}
    draft = draft_config([frame_dataset(table, labels)], Path("configs/s.toml"))
    parse_config(tomllib.loads(draft.text))


def _labelled_survey() -> Dataset:
    """v1..v8 without a name per scale: the SPSS variable labels say which scale."""
    rng = np.random.default_rng(7)
    latent = rng.normal(3, 1, size=(40, 2)).repeat([4, 4], axis=1)  # two scales
    frame = pd.DataFrame(np.clip(np.round(latent + rng.normal(0, 0.6, (40, 8))), 1, 5),
                         columns=[f"v{i}" for i in range(1, 9)])
    frame.loc[[3, 11], "v2"] = 9.0  # weet niet, labelled but not user-missing
    frame["leeftijd"] = rng.integers(20, 65, size=40).astype(float)
    answers = {1: "helemaal oneens", 2: "oneens", 3: "neutraal", 4: "eens",
               5: "helemaal eens", 9: "weet niet"}
    texts = {"v1": "Samenwerking: Ik overleg met collega's", "v2": "Samenwerking - Ik deel "
             "informatie", "v3": "samenwerking: Ik vraag om hulp", "v4": "Samenwerking: Ik "
             "ken de partners", "v5": "Regie: Ik maak een plan", "v6": "Regie - Ik houd de "
             "regie", "v7": "Regie: Ik stem af", "v8": "Leeftijd: in jaren"}
    variables = {c: Variable(c, label=text, value_labels=answers) for c, text in texts.items()}
    variables["leeftijd"] = Variable("leeftijd", label="Leeftijd: in jaren")
    return frame_dataset(frame, variables)


# Written by hand from the labels above (not from init's output).
LABELLED_BY_HAND = """
[scales.samenwerking]
items = ["v1", "v2", "v3", "v4"]
range = [1, 5]
missing_codes = [9]
[scales.regie]
items = ["v5", "v6", "v7"]
range = [1, 5]
missing_codes = [9]
"""


def test_scales_from_spss_label_prefixes_round_trip():
    dataset = _labelled_survey()
    draft, config = draft_of(dataset)
    assert list(config.scales) == ["samenwerking", "regie"]  # v8 and leeftijd: no scale
    scale = config.scales["samenwerking"]
    assert scale.label == "Samenwerking" and scale.range == (1, 5)
    assert scale.item_labels == {"v1": "Ik overleg met collega's", "v2": "Ik deel informatie",
                                 "v3": "Ik vraag om hulp", "v4": "Ik ken de partners"}
    assert config.scales["regie"].item_labels["v6"] == "Ik houd de regie"
    # the grouping is a guess: the user is asked to check it, once per scale
    assert draft.text.count("# CHECK: geraden uit de SPSS-variabelelabels") == 2
    hand = parse_config(tomllib.loads(LABELLED_BY_HAND))
    pd.testing.assert_frame_equal(score_scales(dataset, config).scores,
                                  score_scales(dataset, hand).scores)


def test_label_prefix_confirmed_by_the_column_names_is_no_guess():
    frame = pd.DataFrame({"sw_1": [1, 2, 3, 4, 5.0], "sw_2": [2, 3, 4, 5, 1.0]})
    variables = {"sw_1": Variable("sw_1", label="Samenwerking: Ik overleg"),
                 "sw_2": Variable("sw_2", label="Samenwerking: Ik deel")}
    draft, config = draft_of(frame_dataset(frame, variables), language="en")
    # named after the label prefix, as the README says (the columns only confirm the group)
    assert list(config.scales) == ["samenwerking"]
    assert config.scales["samenwerking"].label == "Samenwerking"
    assert config.scales["samenwerking"].item_labels == {"sw_1": "Ik overleg", "sw_2": "Ik deel"}
    assert "guessed from the SPSS variable labels" not in draft.text


def _prefixed_spss_pair() -> tuple[Dataset, Dataset]:
    """Two SPSS measurements as a newcomer had them: v1..v4 labelled "Kennis: …", w1..w3
    "Houding: …" (each also a column stem, v and w), and "Beïnvloeding: …" on b_1, b_2."""
    rng = np.random.default_rng(5)
    files = []
    for shift in (0.0, 0.5):
        latent = rng.normal(3 + shift, 1, size=(30, 3)).repeat([4, 3, 2], axis=1)
        columns = ["v1", "v2", "v3", "v4", "w1", "w2", "w3", "b_1", "b_2"]
        frame = pd.DataFrame(np.clip(np.round(latent + rng.normal(0, 0.5, (30, 9))), 1, 5),
                             columns=columns)
        frame.insert(0, "id", np.arange(1.0, 31.0))
        prefixes = ["Kennis"] * 4 + ["Houding"] * 3 + ["Beïnvloeding"] * 2
        variables = {c: Variable(c, label=f"{p}: vraag {c}",
                                 value_labels={1: "oneens", 5: "eens"})
                     for c, p in zip(columns, prefixes, strict=True)}
        files.append(frame_dataset(frame, variables, name=f"m{len(files)}.sav"))
    return files[0], files[1]


def test_spss_label_prefixes_name_the_scales_in_snake_case_ascii():
    """v1..v4 "Kennis: …" is the scale kennis (not v, the column stem), "Beïnvloeding" is
    beinvloeding; the column names confirm the groups, so the items are no guess."""
    draft, config = draft_of(*_prefixed_spss_pair())
    assert list(config.scales) == ["kennis", "houding", "beinvloeding"]
    assert config.scales["kennis"].items == ("v1", "v2", "v3", "v4")
    assert config.scales["kennis"].label == "Kennis"
    assert config.scales["beinvloeding"].label == "Beïnvloeding"
    assert config.scales["houding"].item_labels["w2"] == "vraag w2"
    assert draft.scales == ("kennis", "houding", "beinvloeding")
    assert "geraden uit de SPSS-variabelelabels" not in draft.text


def test_a_label_prefix_takes_the_name_of_a_stem_only_once():
    """v1, v2 labelled "W: …" next to w_1, w_2 (no labels): two scales, two names."""
    frame = pd.DataFrame({"v1": [1, 2, 3, 4, 5.0], "v2": [2, 3, 4, 5, 1.0],
                          "w_1": [1, 2, 3, 4, 5.0], "w_2": [2, 3, 4, 5, 1.0]})
    variables = {"v1": Variable("v1", label="W: een"), "v2": Variable("v2", label="W: twee")}
    _draft, config = draft_of(frame_dataset(frame, variables))
    assert config.scales["w"].items == ("v1", "v2")
    assert config.scales["w_schaal"].items == ("w_1", "w_2")


def test_a_label_prefix_never_names_a_scale_after_another_column():
    frame = pd.DataFrame({"regie": [1, 2, 3, 4, 5.0], "a": [1, 2, 3, 4, 5.0],
                          "b": [2, 3, 4, 5, 1.0]})
    variables = {"a": Variable("a", label="Regie: Ik plan"),
                 "b": Variable("b", label="Regie: Ik stem af")}
    _draft, config = draft_of(frame_dataset(frame, variables))
    assert list(config.scales) == ["regie_schaal"]


def _long_vignettes(id_name: str = "pers_id", group_name: str = "ronde",
                    codes: tuple[str, str] = ("voor", "na")) -> Dataset:
    """Long vignette data as a newcomer had it: 12 respondents × 4 vignettes, the id and the
    measurement under names init does not know, a respondent-level age (integers, repeated
    per rating like an id) and a rating with decimals."""
    rng = np.random.default_rng(4)
    rows = []
    for person in range(12):
        for vignet, (age, urgency) in enumerate([("jong", "laag"), ("jong", "hoog"),
                                                 ("oud", "laag"), ("oud", "hoog")], start=1):
            rows.append({id_name: f"P{person:03d}", group_name: codes[person >= 6],
                         "leeftijd": 30 + person % 4, "vignet": vignet, "Leeftijd cliënt": age,
                         "urgentie": urgency, "oordeel": round(float(rng.uniform(1, 10)), 1)})
    return frame_dataset(pd.DataFrame(rows), name="long.csv")


@pytest.mark.parametrize(("group_name", "codes", "order"), [
    ("ronde", ("voor", "na"), ("voor", "na")), ("golf", ("POST", "PRE"), ("PRE", "POST"))])
def test_a_vignette_group_of_a_known_order_is_the_group_not_a_factor(group_name, codes, order):
    draft, config = draft_of(_long_vignettes(group_name=group_name, codes=codes))
    vignette = config.vignette
    assert vignette.group == group_name and vignette.group_order == order
    assert set(vignette.factors) == {"Leeftijd cliënt", "urgentie"}
    assert "de eerste meting eerst (een gok)" not in draft.text  # the known order is sure


@pytest.mark.parametrize("id_name", ["pers_id", "Persoonsnummer", "code"])
def test_a_vignette_id_is_recognised_by_its_values_and_marked_as_a_guess(id_name):
    """One value per respondent, on every rating of that respondent (never twice on one
    vignette); the age also repeats per rating but twice on a vignette: no id. A name that
    reads as an id is no condition ("code"), the values are."""
    draft, config = draft_of(_long_vignettes(id_name=id_name))
    assert config.vignette.id == id_name
    assert "de respondentkolom, geraden uit de waarden: elke waarde staat op 4 regels" in (
        draft.text)
    assert "leeftijd" not in config.vignette.factors  # four ages: a numeric, no factor
    english, _ = draft_of(_long_vignettes(id_name=id_name), language="en")
    assert "the respondent column, guessed from its values: each value on 4 rows" in (
        english.text)


def test_a_vignette_id_named_as_one_is_no_guess():
    draft, config = draft_of(_long_vignettes(id_name="respondent"))
    assert config.vignette.id == "respondent"
    assert "geraden uit de waarden" not in draft.text


def test_an_id_like_name_comes_before_another_column_with_id_values():
    """Two columns with the values of an id: the one named like an id, else the leftmost."""
    frame = _long_vignettes(id_name="pers_id").frame
    frame.insert(0, "x", frame["pers_id"].str[1:])  # the same values, a name of nothing
    assert draft_of(frame_dataset(frame))[1].vignette.id == "pers_id"
    plain = frame.rename(columns={"pers_id": "y"})
    assert draft_of(frame_dataset(plain))[1].vignette.id == "x"


@pytest.mark.parametrize(("name", "like"), [("pers_id", True), ("persnr", True),
                                            ("RespNo", True), ("deelnemer", True),
                                            ("ID", True), ("bereidheid", False),
                                            ("urgentie", False), ("Leeftijd cliënt", False)])
def test_id_like_names(name, like):
    assert _id_like_name(name) is like
