"""Counting code trees (maatwerk_stats.analyses.codes) against the hand computation of
tests/qda/README.md: the same small project in every export format."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from pathlib import Path

import pytest

from maatwerk_stats.analyses.codes import (
    analyse_codes,
    attach_segments,
    build_tree,
    display_name,
    matches,
)
from maatwerk_stats.config.codes import CodesConfig
from maatwerk_stats.errors import DataError
from maatwerk_stats.io.qda import QdaCode, read_qda

HERE = Path(__file__).resolve().parent / "qda"
SETTINGS = CodesConfig()

# path → (files, references, files_total, references_total), README "Counts by hand"
EXACT = {
    "Institutioneel": (0, 0, 2, 5),
    "Institutioneel\\Belemmerend": (1, 1, 2, 4),  # F1 at the node and at Regels: once
    "Institutioneel\\Belemmerend\\Regels": (2, 3, 2, 3),
    "Institutioneel\\Belemmerend\\Financiering": (1, 2, 1, 2),
    "Institutioneel\\Bevorderend": (0, 0, 1, 1),
    "Institutioneel\\Bevorderend\\Politiek": (1, 1, 1, 1),
    "Organisatorisch": (0, 0, 1, 2),
    "Organisatorisch\\Bevorderend": (0, 0, 1, 2),
    "Organisatorisch\\Bevorderend\\Steun manager": (1, 2, 1, 2),
}
# path → (files_total_min, files_total_max, references_total_min, references_total_max)
BOUNDS = {
    "Institutioneel": (2, 5, 3, 7),
    "Institutioneel\\Belemmerend": (2, 4, 3, 6),
    "Institutioneel\\Bevorderend": (1, 1, 1, 1),
    "Organisatorisch": (1, 1, 2, 2),
}
MATRIX = [("Institutioneel", "belemmerend", 2, 2, 4), ("Institutioneel", "bevorderend", 1, 1, 1),
          ("Organisatorisch", "belemmerend", 0, 0, 0),
          ("Organisatorisch", "bevorderend", 1, 1, 2)]


def by_path(result):
    return result.codes.set_index("path")


@pytest.mark.parametrize("name", ["project.qdpx", "segments.csv"])
def test_exact_counts_from_segments(name):
    result = analyse_codes(read_qda(HERE / name), SETTINGS)
    table = by_path(result)
    got = {p: tuple(int(table.loc[p, c]) for c in ("files", "references", "files_total",
                                                    "references_total")) for p in EXACT}
    assert got == EXACT
    assert table["totals_exact"].all() and result.exact
    assert list(result.codes.columns[:8]) == ["code", "parent", "path", "level", "files",
                                             "references", "files_total", "references_total"]
    assert table.loc["Institutioneel\\Belemmerend\\Regels", "parent"] == "Belemmerend"
    assert table.loc["Institutioneel\\Belemmerend\\Regels", "level"] == 3
    matrix = [tuple(r) for r in result.matrix[["domain", "direction", "n_codes", "files",
                                               "references"]].itertuples(index=False)]
    assert matrix == MATRIX


@pytest.mark.parametrize("name", ["nvivo_summary.csv", "nvivo_summary_nl.csv",
                                  "nvivo_summary_indent.xlsx"])
def test_nvivo_summary_parent_zero_zero_and_bounds(name):
    result = analyse_codes(read_qda(HERE / name), SETTINGS)
    table = by_path(result)
    assert not result.exact
    for path, (files, references, _, _) in EXACT.items():
        assert (table.loc[path, "files"], table.loc[path, "references"]) == (files, references)
    for path, bounds in BOUNDS.items():
        got = tuple(int(table.loc[path, c]) for c in ("files_total_min", "files_total_max",
                                                      "references_total_min",
                                                      "references_total_max"))
        assert got == bounds, path
    # uncertain totals are left empty, certain ones filled in
    assert math.isnan(table.loc["Institutioneel", "references_total"])
    assert not table.loc["Institutioneel", "totals_exact"]
    assert table.loc["Organisatorisch", "references_total"] == 2
    assert table.loc["Institutioneel\\Bevorderend", "files_total"] == 1
    assert any(n.kind == "totals_are_bounds" for n in result.notes)
    cell = result.matrix.set_index(["domain", "direction"]).loc[
        ("Institutioneel", "belemmerend")]
    assert (cell["files_min"], cell["files_max"], cell["references_min"],
            cell["references_max"]) == (2, 4, 3, 6)
    assert math.isnan(cell["files"]) and not cell["exact"]


def test_codebook_without_counts_lists_the_tree():
    result = analyse_codes(read_qda(HERE / "codebook.qdc"), SETTINGS)
    assert len(result.codes) == 9
    assert result.codes["files"].isna().all()
    assert any(n.kind == "codes_without_counts" for n in result.notes)


def test_codebook_with_segments_table_counts_exactly():
    combined = attach_segments(read_qda(HERE / "codebook.qdc"), read_qda(HERE / "segments.csv"))
    table = by_path(analyse_codes(combined, SETTINGS))
    assert tuple(table.loc["Institutioneel", ["files_total", "references_total"]]) == (2, 5)


def test_summary_with_matching_segments_is_accepted():
    combined = attach_segments(read_qda(HERE / "nvivo_summary.csv"),
                               read_qda(HERE / "segments.csv"))
    result = analyse_codes(combined, SETTINGS)
    assert result.exact
    assert by_path(result).loc["Institutioneel\\Belemmerend", "references_total"] == 4


def test_counts_contradicting_segments(tmp_path):
    text = (HERE / "nvivo_summary.csv").read_text(encoding="utf-8").replace(
        "Regels,Onduidelijke regels,2,3", "Regels,Onduidelijke regels,2,4")
    (tmp_path / "summary.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"contradict the coded segments.*"
                       r"'Institutioneel\\Belemmerend\\Regels': 2 files / 4 references "
                       r"stated, 2 / 3 in the segments"):
        attach_segments(read_qda(tmp_path / "summary.csv"), read_qda(HERE / "segments.csv"))


def test_segment_code_missing_from_codebook(tmp_path):
    text = (HERE / "segments.csv").read_text(encoding="utf-8") + "D3;Organisatorisch\\Nieuw;x\n"
    (tmp_path / "segments.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"1 code\(s\) are not in the codebook"):
        attach_segments(read_qda(HERE / "codebook.qdc"), read_qda(tmp_path / "segments.csv"))


def test_participants_and_suppression_by_attribute():
    export = read_qda(HERE / "project.qdpx")
    result = analyse_codes(export, SETTINGS, min_cell=5)
    table = by_path(result)
    assert table.loc["Institutioneel\\Belemmerend\\Regels", "participants_total"] == 2
    assert table.loc["Organisatorisch", "participants_total"] == 1
    assert result.n_participants == 2
    # rol has groups of 1 (consulent) and 1 (manager): nothing by rol is published
    assert result.participants["participants"].isna().all()
    assert (result.participants["value"] == "").all()
    assert any(n.kind == "codes_attribute_suppressed" for n in result.notes)
    shown = analyse_codes(export, SETTINGS, min_cell=1).participants.set_index(
        ["path", "value"])
    assert shown.loc[("Institutioneel\\Belemmerend\\Financiering", "manager"),
                     "participants"] == 0
    assert shown.loc[("Institutioneel\\Belemmerend\\Regels", "manager"), "participants"] == 1


def test_quotes_are_pseudonymised_and_spread_over_participants():
    export = read_qda(HERE / "project.qdpx")
    quotes = analyse_codes(export, SETTINGS, quotes=2).quotes
    regels = quotes[quotes["factor"] == "Regels"]
    # one fragment of each participant before a second of the same one
    assert list(regels["participant"]) == ["R1", "R2"]
    assert list(regels["quote"]) == ["Régel", "Regels zijn vaag."]
    assert set(quotes["participant"]) == {"R1", "R2"}
    published = quotes.to_csv()
    for name in ("D1", "D2", "D3", "P1", "P2"):
        assert name not in published
    assert len(analyse_codes(export, SETTINGS, quotes=1).quotes) == 4  # one per factor


def test_factors_of_a_childless_direction_node_take_the_parent_name():
    codes = [QdaCode("a", "6 - Politiek"), QdaCode("b", "Belemmerend", "a"),
             QdaCode("c", "Bevorderend", "a")]
    export = replace(read_qda(HERE / "codebook.qdc"), codes=tuple(codes))
    factors = analyse_codes(export, SETTINGS).factors
    assert list(factors["factor"]) == ["Politiek", "Politiek"]
    assert list(factors["direction"]) == ["belemmerend", "bevorderend"]


def test_configured_domains_directions_and_exclusions():
    settings = CodesConfig(domains={"Inst": ("institution*",)},
                           directions={"hindering": ("belemmer*",)},
                           exclude=("Organisatorisch",))
    result = analyse_codes(read_qda(HERE / "project.qdpx"), settings)
    assert [tuple(r) for r in result.matrix[["domain", "direction", "n_codes"]]
            .itertuples(index=False)] == [("Inst", "hindering", 2)]
    assert set(result.codes["direction"]) == {"", "hindering"}


def test_direction_from_a_refi_set():
    export = read_qda(HERE / "codebook.qdc")
    codes = tuple(replace(c, name="Overig") if c.name == "Belemmerend" else c
                  for c in export.codes)
    export = replace(export, codes=codes, sets={"Belemmerende factoren": (
        "00000000-0000-0000-0000-0000000000a3",)})
    table = by_path(analyse_codes(export, SETTINGS))
    assert table.loc["Institutioneel\\Overig\\Regels", "direction"] == "belemmerend"
    assert table.loc["Institutioneel\\Overig\\Financiering", "direction"] == ""


@pytest.mark.parametrize(("codes", "message"), [
    ([QdaCode("a", "A", "b"), QdaCode("b", "B", "a")], "has a cycle: A → B → A"),
    ([QdaCode("a", "A"), QdaCode("a", "A")], "appears twice"),
    ([QdaCode("x", "A"), QdaCode("y", "A")], "two codes have the same path 'A'"),
    ([QdaCode("a", "A", "zz")], "the parent 'zz' of the code 'A'"),
])
def test_bad_trees(codes, message):
    with pytest.raises(DataError, match=message):
        build_tree(codes, "export.csv")


def test_parent_column_with_a_cycle(tmp_path):
    (tmp_path / "c.csv").write_text("Name,Parent,Files,References\nA,B,1,1\nB,A,1,1\n",
                                    encoding="utf-8")
    with pytest.raises(DataError, match="has a cycle"):
        analyse_codes(read_qda(tmp_path / "c.csv"), SETTINGS)


@pytest.mark.parametrize(("name", "shown"), [("3 - Institutionele factoren",
                                              "Institutionele factoren"),
                                             ("10. Visie", "Visie"), ("Politiek", "Politiek"),
                                             ("2024", "2024")])
def test_display_name(name, shown):
    assert display_name(name) == shown


def test_matches_with_and_without_numbering():
    assert matches("1 - Barrières", ("barrière*",))
    assert matches("Bevorderende individuele factoren", ("bevorder*",))
    assert not matches("Bevorderend", ("belemmer*",))


def test_codes_config_section(tmp_path):
    from maatwerk_stats.config import parse_config

    config = parse_config({"codes": {"export": "qda/p.qdpx", "quotes": 0,
                                     "participant_pattern": "^(R[0-9]+)",
                                     "domains": {"Inst": "Institutioneel*"}}},
                          base=tmp_path)
    assert config.codes.export == tmp_path / "qda" / "p.qdpx"
    assert config.codes.quotes == 0
    assert config.codes.domains == {"Inst": ("Institutioneel*",)}
    assert "belemmerend" in config.codes.directions  # the default directions stay
    assert parse_config({}).codes is None


@pytest.mark.parametrize(("section", "message"), [
    ({"participant_pattern": "("}, "codes.participant_pattern '(' is not a valid regular"),
    ({"export": 3}, "codes.export must be a file path in quotes"),
    ({"domains": []}, "codes.domains must be a table"),
    ({"directions": {}}, "codes.directions is empty"),
    ({"exclude": [1]}, "codes.exclude must be a list of code-name patterns"),
])
def test_codes_config_problems(section, message):
    from maatwerk_stats.config import parse_config
    from maatwerk_stats.errors import ConfigError

    with pytest.raises(ConfigError, match=re.escape(message)):
        parse_config({"codes": section})


def test_domain_totals_count_each_fragment_once():
    """Institutioneel over both directions: F1, F2, F3, F7 (hindering) and F4 (enabling) in
    D1 and D2 — 5 fragments, 2 files; Organisatorisch: F5, F6 in D3."""
    exact = analyse_codes(read_qda(HERE / "project.qdpx"), SETTINGS).domains.set_index("domain")
    assert tuple(exact.loc["Institutioneel", ["files", "references"]]) == (2, 5)
    assert tuple(exact.loc["Organisatorisch", ["files", "references"]]) == (1, 2)
    bounds = analyse_codes(read_qda(HERE / "nvivo_summary.csv"), SETTINGS).domains.set_index(
        "domain")
    # own counts in the branch below the direction nodes: 1/1, 2/3, 1/2, 1/1
    assert tuple(bounds.loc["Institutioneel", ["files_min", "files_max", "references_min",
                                               "references_max"]]) == (2, 5, 3, 7)


def test_direction_and_domain_from_summary_columns(tmp_path):
    """Code attributes: a Richting / Domein column of the summary (inherited by children)
    instead of direction nodes in the tree."""
    (tmp_path / "summary.csv").write_text(
        "Naam;Hiërarchische naam;Bestanden;Verwijzingen;Richting;Domein\n"
        "Werkdruk;Codes\\Werkdruk;3;4;belemmerend;Organisatie\n"
        "Te veel dossiers;Codes\\Werkdruk\\Te veel dossiers;2;2;;\n"
        "Steun;Codes\\Steun;2;2;Bevorderend;Organisatie\n"
        "Regels;Codes\\Regels;1;1;belemmerend;Instituties\n", encoding="utf-8")
    result = analyse_codes(read_qda(tmp_path / "summary.csv"),
                           CodesConfig(domains={"Instituties": ("Regels",),
                                                "Organisatie": ("Werkdruk", "Steun")}))
    table = by_path(result)
    assert table.loc["Werkdruk\\Te veel dossiers", "direction"] == "belemmerend"
    assert table.loc["Werkdruk\\Te veel dossiers", "domain"] == "Organisatie"
    assert table.loc["Steun", "direction"] == "bevorderend"  # matched to the known direction
    cells = result.matrix.set_index(["domain", "direction"])["n_codes"]
    assert cells[("Organisatie", "belemmerend")] == 1  # the factor below Werkdruk
    assert cells[("Instituties", "belemmerend")] == 1
    assert cells[("Organisatie", "bevorderend")] == 1
    factors = result.factors.set_index(["domain", "direction"])["factor"]
    assert factors[("Organisatie", "belemmerend")] == "Te veel dossiers"
    assert factors[("Instituties", "belemmerend")] == "Regels"  # a direction leaf at the top
