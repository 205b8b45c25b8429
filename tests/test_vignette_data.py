"""Reading vignette data: long and wide layouts, decks, options instead of a config, and what
is reported or refused (the command-line messages are tested in tests/cli)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from maatwerk_stats import load_config, vignette
from maatwerk_stats.analyses.vignette import MIXED, OLS, influence_label
from maatwerk_stats.errors import ConfigError, DataError
from maatwerk_stats.io.dataset import code_sort_key, code_text

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
CONFIG = ROOT / "configs" / "leeratelier.toml"


def demo_long() -> pd.DataFrame:
    return pd.read_csv(DEMO / "vignetten.csv", sep=";", encoding="utf-8-sig")


def demo_wide(prefix: str = "v") -> pd.DataFrame:
    long = demo_long()
    wide = long.pivot(index=["respondent", "meting"], columns="vignette",
                      values="bereidheid")
    wide.columns = [f"{prefix}{c}" for c in wide.columns]
    return wide.reset_index().sample(frac=1, random_state=4)  # rows in another order


WIDE_COLUMNS = [f"v{i}" for i in range(1, 10)]


def _without_position(design: pd.DataFrame) -> pd.DataFrame:
    return design[~design["check"].str.startswith("position")].reset_index(drop=True)


def test_long_and_wide_input_give_identical_results():
    long = vignette(DEMO / "vignetten.csv", CONFIG)
    wide = vignette(demo_wide(), CONFIG, wide_columns=WIDE_COLUMNS)
    assert long.study.layout == "long" and wide.study.layout == "wide"
    for name in ("coefficients", "fit", "marginal_means", "interactions", "influence"):
        pd.testing.assert_frame_equal(getattr(long, name), getattr(wide, name),
                                      check_exact=True, obj=name)
    pd.testing.assert_frame_equal(_without_position(long.design), wide.design,
                                  check_exact=True)
    assert "position_effect" in set(long.design["check"])
    assert "position_effect" not in set(wide.design["check"])


@pytest.mark.parametrize("prefix", ["v", "vignet_", ""])
def test_wide_columns_match_deck_vignettes_by_their_number(prefix):
    wide = demo_wide(prefix)
    columns = [f"{prefix}{i}" for i in range(1, 10)]
    result = vignette(wide, CONFIG, wide_columns=columns)
    reference = vignette(demo_wide(), CONFIG, wide_columns=WIDE_COLUMNS)
    pd.testing.assert_frame_equal(result.coefficients, reference.coefficients,
                                  check_exact=True)


def test_long_data_with_factor_columns_only():
    """No vignette id column: factors are read from their own columns; same numbers."""
    frame = demo_long().drop(columns=["vignette"])
    config = load_config(CONFIG)
    settings = replace(config.vignette, vignette=None, deck=None)
    result = vignette(frame, settings)
    reference = vignette(DEMO / "vignetten.csv", CONFIG)
    np.testing.assert_allclose(result.coefficients["estimate"],
                               reference.coefficients["estimate"], rtol=1e-10)
    assert int(result.design.query("check == 'repeated_vignettes' and group == 'all'")
               ["value"].iloc[0]) == 57


def test_options_without_config_infer_levels_and_reference():
    result = vignette(DEMO / "vignetten.csv", id="respondent", outcome="bereidheid",
                      factors=["reputatie", "capaciteiten"], group="meting",
                      group_order=["voor", "na"])
    factors = {f.name: f for f in result.study.factors}
    # levels in sorted order, the first as reference
    assert factors["reputatie"].levels == ("niet_succesvol", "succesvol")
    assert factors["capaciteiten"].reference == "goed_voorbereid"
    terms = set(result.coefficients["term"])
    assert "capaciteiten[slecht_voorbereid]" in terms
    assert result.study.groups == ("voor", "na")


def test_factors_from_deck_columns_when_none_are_named():
    result = vignette(DEMO / "vignetten.csv", id="respondent", outcome="bereidheid",
                      vignette_column="vignette", deck=DEMO / "deck.csv")
    assert result.study.factor_names == ("reputatie", "hulpbehoevendheid", "capaciteiten")
    assert result.study.groups is None
    assert set(result.coefficients["group"]) == {"all"}
    assert result.interactions is None
    assert set(result.influence["group"]) == {"all"}


def test_respondent_without_ratings_is_dropped_and_reported():
    frame = demo_long()
    frame.loc[frame["respondent"] == 101, "bereidheid"] = np.nan
    result = vignette(frame, CONFIG)
    assert result.study.n_dropped_respondents == 1
    note = next(n for n in result.notes if n.kind == "respondents_without_ratings")
    # the id is kept for vignette_design.csv, but not printed even on the terminal
    assert note.ids == ("101",) and "101" not in note.text()
    assert "(ids in vignette_design.csv, check respondents_dropped)" in note.text()
    assert "101" not in note.text(publish=True) and "101" not in str(note.record())
    row = result.design.query("check == 'respondents_dropped'").iloc[0]
    assert row["value"] == 1 and row["note"] == "101"
    n = result.fit.query("model == 'mixed' and group == 'all'")["n_respondents"].iloc[0]
    assert n == 57


def test_straightliners_found_and_excluded_on_request():
    full = vignette(DEMO / "vignetten.csv", CONFIG)
    assert full.design.query("check == 'straightliners' and group == 'all'")["note"].iloc[
        0] == "236"
    excluded = vignette(DEMO / "vignetten.csv", CONFIG, exclude_straightliners=True)
    assert excluded.n_excluded_respondents == 1
    fit = excluded.fit.query("model == 'mixed' and group == 'all'").iloc[0]
    assert fit["n_respondents"] == 57 and fit["n_ratings"] == 519 - 9
    assert excluded.design.query("check == 'respondents_excluded'")["note"].iloc[0] == "236"


def test_paired_design_same_respondents_in_both_groups():
    frame = demo_long()
    first = frame[frame["meting"] == "voor"]
    again = first.assign(meting="na", bereidheid=np.clip(first["bereidheid"] + 1, 1, 10))
    result = vignette(pd.concat([first, again]), CONFIG)
    fit = result.fit.query("model == 'mixed'")
    assert list(fit["n_respondents"]) == [22, 22, 22]
    assert result.coefficients.query("model == 'mixed'")["estimate"].notna().all()


def test_deck_levels_must_match_the_config(tmp_path):
    deck = pd.read_csv(DEMO / "deck.csv")
    deck["reputatie"] = deck["reputatie"].replace("succesvol", "succes")
    deck.to_csv(tmp_path / "deck.csv", index=False)
    wide = demo_wide()
    with pytest.raises(ConfigError) as error:
        vignette(wide, CONFIG, wide_columns=WIDE_COLUMNS, deck=tmp_path / "deck.csv")
    message = str(error.value)
    assert "level 'succes'" in message and "did you mean 'succesvol'" in message
    assert "deck" in message


def test_config_level_that_never_occurs_is_refused():
    config = load_config(CONFIG)
    factor = config.vignette.factors["reputatie"]
    factors = {**config.vignette.factors,
               "reputatie": replace(factor, levels=(*factor.levels, "onbekend"),
                                    level_labels=None)}
    with pytest.raises(ConfigError, match=r"level 'onbekend' .* does not occur"):
        vignette(DEMO / "vignetten.csv", replace(config.vignette, factors=factors))


def test_level_missing_in_one_group_is_refused_clearly():
    frame = demo_long()
    frame = frame[~((frame["meting"] == "voor") & (frame["reputatie"] == "succesvol"))]
    config = load_config(CONFIG)
    settings = replace(config.vignette, vignette=None, deck=None)
    with pytest.raises(DataError, match="level 'succesvol' of factor 'reputatie' does not "
                                        "occur in group 'voor'"):
        vignette(frame, settings)


def test_confounded_factors_are_refused():
    frame = demo_long()
    frame["kopie"] = frame["reputatie"]
    with pytest.raises(DataError, match="cannot be told apart"):
        vignette(frame, id="respondent", outcome="bereidheid",
                 factors=["reputatie", "kopie"])


def test_text_codes_and_natural_sort():
    assert code_text(1.0) == "1" and code_text(" na ") == "na" and code_text(np.nan) is None
    assert code_text(np.int64(3)) == "3" and code_text(2.5) == "2.5"
    assert sorted(["10", "9", "<10k: 15%", "<10k: 5%"], key=code_sort_key) == [
        "9", "10", "<10k: 5%", "<10k: 15%"]
    # superscripts are digits to str.isdigit but not numbers to int(): they sort as text
    assert sorted(["a10¹", "a9²", "a9¹"], key=code_sort_key) == ["a9²", "a9¹", "a10¹"]


@pytest.mark.parametrize(("estimate", "p_value", "expected"), [
    (0.12, 0.30, "geen invloed"),  # not significant
    (0.95, 0.06, "geen invloed"),  # large but not significant
    (0.29, 0.001, "geen invloed"),  # significant, below the first threshold
    (0.30, 0.001, "matige invloed"),  # a threshold itself belongs to the higher label
    (-0.72, 0.001, "matige invloed"),  # |effect|
    (0.80, 0.049, "veel invloed"),
    (1.25, 0.001, "veel invloed"),
    (float("nan"), float("nan"), None),
])
def test_influence_label_rules(estimate, p_value, expected):
    influence = load_config(CONFIG).vignette.influence
    assert influence_label(estimate, p_value, influence) == expected


def test_demo_influence_table_reads_like_the_factsheet():
    result = vignette(DEMO / "vignetten.csv", CONFIG)
    for model in (MIXED, OLS):
        table = result.influence[result.influence["model"] == model]
        labels = table.set_index(["factor", "group"])["label"]
        assert labels[("reputatie", "voor")] == "geen invloed"
        assert labels[("reputatie", "na")] == "matige invloed"
        assert labels[("hulpbehoevendheid", "voor")] == "veel invloed"
        assert labels[("hulpbehoevendheid", "na")] == "veel invloed"
        assert labels[("capaciteiten", "voor")] == "geen invloed"
        assert labels[("capaciteiten", "na")] == "matige invloed"


def test_influence_uses_largest_effect_of_a_multilevel_factor():
    rng = np.random.default_rng(11)
    rows = []
    for respondent in range(40):
        for level in ("a", "b", "c"):
            for other in ("x", "y"):
                effect = {"a": 0.0, "b": 0.4, "c": -1.1}[level]
                rows.append({"id": respondent, "f": level, "g": other,
                             "rating": 5 + effect + rng.normal(scale=0.5)})
    result = vignette(pd.DataFrame(rows), id="id", outcome="rating", factors=["f", "g"])
    row = result.influence.query("model == 'mixed' and factor == 'f'").iloc[0]
    assert row["level"] == "c" and row["estimate"] < -0.9
    assert row["label"] == "veel invloed"


def test_position_fixed_by_the_deck_is_reported_not_fatal():
    """Every respondent saw the vignettes in deck order: no order-effect test is possible."""
    frame = demo_long()
    frame = frame[frame["vignette"] != 9].assign(positie=lambda f: f["vignette"])
    config = load_config(CONFIG)
    settings = replace(config.vignette, deck=None)  # the deck lists vignette 9
    result = vignette(frame, settings)
    assert any("determined by the factor levels" in w.text() for w in result.warnings)
    assert "position_effect" not in set(result.design["check"])
    assert result.coefficients["estimate"].notna().all()


# ---- the order of the groups without group_order -------------------------------------------


def _grouped(path: Path | None = None, **options: object):
    return vignette(path or DEMO / "vignetten.csv", id="respondent", outcome="bereidheid",
                    factors=["reputatie", "capaciteiten"], group="meting", **options)


def test_known_pair_orders_the_groups_as_compare_does():
    # sorted, "na" comes before "voor": the interactions would be voor − na
    result = _grouped()
    assert result.study.groups == ("voor", "na")
    assert set(result.interactions["group"]) == {"na"}
    assert "group_order_assumed" not in {n.kind for n in result.notes}
    given = _grouped(group_order=["voor", "na"])
    pd.testing.assert_frame_equal(result.interactions, given.interactions)


def test_unknown_pair_keeps_the_sorted_order_and_says_which_is_the_reference(tmp_path):
    frame = demo_long().replace({"meting": {"voor": "interventie", "na": "controle"}})
    path = tmp_path / "groups.csv"
    frame.to_csv(path, sep=";", index=False)
    result = _grouped(path)
    assert result.study.groups == ("controle", "interventie")
    note = next(n for n in result.notes if n.kind == "group_order_assumed")
    assert "'controle' is the first (reference) group" in note.text()
    assert "group_order=controle,interventie" in note.text()
    given = _grouped(path, group_order=["controle", "interventie"])
    assert "group_order_assumed" not in {n.kind for n in given.notes}


@pytest.mark.parametrize(("codes", "labels", "expected"), [
    (["na", "voor"], {}, ("voor", "na")),
    (["Post", "Pre"], {}, ("Pre", "Post")),
    (["t1", "t2"], {}, ("t1", "t2")),
    (["1", "2"], {"1": "na", "2": "voor"}, ("2", "1")),  # SPSS codes with value labels
    (["a", "b"], {}, None),
    (["na", "voor", "x"], {}, None),
])
def test_known_order_is_one_function_for_compare_vignette_and_init(codes, labels, expected):
    from maatwerk_stats.config.draft import _ordered
    from maatwerk_stats.names import known_order

    assert known_order(codes, labels) == expected
    if len(codes) == 2:
        assert _ordered(codes, labels) == ((list(expected), True) if expected
                                           else (codes, False))
