"""The factsheet's sentences (report/factsheet/build.py): takeaways never stronger than the
statistics, rounded numbers explained, the config's interpretive texts."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maatwerk_stats import load_config
from maatwerk_stats.config import parse_config
from maatwerk_stats.errors import ConfigError
from maatwerk_stats.report.factsheet.build import (
    adds_up,
    build_factsheet,
    scale_paragraphs,
    scale_takeaway,
)

from .conftest import CONFIG


def _row(diff: float, low: float, high: float, p_adjusted: float, p_value: float,
         g: float = 0.3, mde: float = 0.5) -> SimpleNamespace:
    return SimpleNamespace(variable="s", label="Samenwerking", mean_1=3.0, mean_2=3.0 + diff,
                           mean_diff=diff, diff_conf_low=low, diff_conf_high=high,
                           p_value=p_value, p_adjusted=p_adjusted, hedges_g=g, mde_g=mde,
                           d_z=g, mde_d_z=mde)


@given(diff=st.floats(-2, 2), half=st.floats(0.01, 2), p_adjusted=st.floats(0, 1),
       p_value=st.floats(0, 1), paired=st.booleans(), lang=st.sampled_from(["nl", "en"]))
def test_a_takeaway_says_higher_or_lower_only_when_the_statistics_allow_it(
        comparison, diff, half, p_adjusted, p_value, paired, lang):
    row = _row(diff, diff - half, diff + half, p_adjusted, p_value)
    fake = SimpleNamespace(group_labels=comparison.group_labels, paired=paired,
                           adjust="holm")
    text = scale_takeaway(row, fake, lang)
    allowed = p_adjusted < 0.05 and not (diff - half <= 0 <= diff + half)
    strong = ("hoger", "lager") if lang == "nl" else ("higher", "lower")
    assert any(word in text for word in strong) == allowed
    if allowed:
        assert strong[0 if diff > 0 else 1] in text


def test_a_non_significant_item_is_never_called_significant(comparison):
    """An item whose unadjusted p < .05 is "not significant once the number of statements
    tested is taken into account"; an adjusted p < .05 is a significant difference."""
    import pandas as pd

    row = _row(0.1, -0.2, 0.4, 1.0, 0.5)
    items = pd.DataFrame([{"scale": "s", "label": "Stelling", "mean_1": 3.0, "mean_2": 3.5,
                           "mean_diff": 0.5, "diff_conf_low": 0.1, "diff_conf_high": 0.9,
                           "p_value": 0.01, "p_adjusted": 0.12}])
    fake = SimpleNamespace(group_labels=comparison.group_labels, paired=False, adjust="holm")
    text = " ".join(scale_paragraphs(row, fake, items, 1, 5, "nl"))
    assert "niet statistisch significant als we rekening houden met het aantal" in text
    items.loc[0, "p_adjusted"] = 0.04
    text = " ".join(scale_paragraphs(row, fake, items, 1, 5, "nl"))
    assert "een statistisch significant verschil" in text


@pytest.mark.parametrize(("m1", "m2", "diff", "expected"), [
    (4.204545, 4.317130, 0.112584, False),  # 4,20 → 4,32 but +0,11
    (3.425439, 3.526608, 0.101170, True),  # 3,43 → 3,53, +0,10
    (float("nan"), 4.0, float("nan"), True)])
def test_adds_up(m1, m2, diff, expected):
    assert adds_up(m1, m2, diff) is expected


def test_scale_text_from_the_config_is_shown_under_its_heading(comparison):
    raw = load_config(CONFIG).raw
    config = parse_config({**raw, "report": {**raw.get("report", {}), "scale_text": {
        "regie": "De professionals weten inwoners goed te betrekken."}}})
    sheet = build_factsheet(config, "nl", comparison=comparison)
    regie = next(s for s in sheet.questionnaire if s.heading == "2. Regie")
    assert regie.text == "De professionals weten inwoners goed te betrekken."
    assert regie.takeaway == "Geen aantoonbaar verschil in regie tussen vóór en na."
    assert all(s.text == "" for s in sheet.questionnaire if s is not regie)


def test_scale_text_must_name_a_scale():
    raw = load_config(CONFIG).raw
    with pytest.raises(ConfigError, match=r"report.scale_text.regi: no scale 'regi' in "
                                          r"\[scales\] — did you mean 'regie'\?"):
        parse_config({**raw, "report": {"scale_text": {"regi": "tekst"}}})


def test_colophon_from_the_config():
    from maatwerk_stats.report.factsheet.build import colophon

    raw = load_config(CONFIG).raw
    config = parse_config({**raw, "report": {
        "authors": ["A. Een", "B. Twee", "C. Drie"], "institutions": ["Universiteit X"],
        "contact": "a@example.org", "date": "juni 2023", "citation": "Een, A. (2023).",
        "doi": "10.1234/abc", "version": "Versie 2"}})
    made = colophon(config, "nl", "0.1.0")
    assert made.authors == "Onderzoekers: A. Een, B. Twee en C. Drie."
    assert made.institutions == "Het onderzoek is uitgevoerd door Universiteit X."
    assert made.contact == "Meer informatie of vragen: a@example.org."
    assert made.citation == "Citeren als: Een, A. (2023)."
    assert (made.doi, made.doi_url) == ("10.1234/abc", "https://doi.org/10.1234/abc")
    assert made.version == "Versie 2 · juni 2023 · Gemaakt met maatwerk-stats 0.1.0"
    english = colophon(config, "en", "0.1.0")
    assert english.authors == "Researchers: A. Een, B. Twee and C. Drie."
    bare = colophon(parse_config({**raw, "report": {}}), "nl", "0.1.0")
    assert bare.lines() == ("Gemaakt met maatwerk-stats 0.1.0",)


def test_scenario_box_marks_the_manipulated_sentences():
    from maatwerk_stats.report.factsheet.build import scenario_box

    paragraphs, factors = scenario_box(load_config(CONFIG), "nl")
    assert len(paragraphs) == 2
    slots = [text for paragraph in paragraphs for text, slot in paragraph if slot]
    assert slots == ["[informatie over reputatie]", "[informatie over hulpbehoevendheid]",
                     "[informatie over capaciteiten]"]
    assert not any("[" in text for p in paragraphs for text, slot in p if not slot)
    assert factors[1] == ("Hulpbehoevendheid",
                          "De cliënt is goed ter been. / De cliënt is slecht ter been.")
    raw = load_config(CONFIG).raw
    vignette = {k: v for k, v in raw["vignette"].items() if k != "template"}
    assert scenario_box(parse_config({**raw, "vignette": vignette}), "nl") == ((), ())


def test_independent_caveat_names_the_groups_not_a_fixed_before_and_after(comparison):
    """The methods note on independent groups said "Vóór en na zijn verschillende mensen
    ondervraagd" also when the groups are "man" and "vrouw"; it names the groups as the
    comparison does."""
    from dataclasses import replace

    assert not comparison.paired
    sheet = build_factsheet(load_config(CONFIG), "nl", comparison=comparison)
    assert any("Vóór en na zijn verschillende mensen ondervraagd" in m for m in sheet.methods)
    groups = replace(comparison, group_labels=("man", "vrouw"))
    for lang, expected in (
            ("nl", "In groep “man” en in groep “vrouw” zijn verschillende mensen ondervraagd"),
            ("en", "Different people were surveyed in group “man” and in group “vrouw”")):
        methods = " ".join(build_factsheet(load_config(CONFIG), lang,
                                           comparison=groups).methods)
        assert expected in methods
        assert "Vóór en na" not in methods and "before and after" not in methods
