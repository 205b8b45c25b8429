"""The synthetic interviews of the demo (maatwerk_stats.simulate_qda): committed files = generator
output, the round trip .qdpx → reader → counts gives the generator's own counts, and the
structure of seed 003 (appendix D, Table 2) comes out."""

from __future__ import annotations

from pathlib import Path

from maatwerk_stats.analyses.codes import analyse_codes
from maatwerk_stats.config.codes import CodesConfig
from maatwerk_stats.io.qda import read_qda
from maatwerk_stats.io.write import OutputWriter
from maatwerk_stats.simulate_qda import (
    DOMAINS,
    N_INTERVIEWS,
    SYNTHETIC,
    expected_counts,
    write_interviews_demo,
)

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo" / "interviews"
SETTINGS = CodesConfig(domains=DOMAINS)


def written(tmp_path: Path) -> Path:
    with OutputWriter(tmp_path / "demo") as writer:
        write_interviews_demo(writer)
    return tmp_path / "demo" / "interviews"


def test_committed_files_are_the_generator_output(tmp_path):
    fresh = written(tmp_path)
    for name in ("project.qdpx", "codes_nvivo.csv"):
        assert (fresh / name).read_bytes() == (DEMO / name).read_bytes(), name


def test_round_trip_gives_the_generator_counts(tmp_path):
    """expected_counts() counts with Python sets over the generator's own fragment list; the
    toolkit reads the written .qdpx (validated against Project.xsd) and counts with pandas."""
    export = read_qda(written(tmp_path) / "project.qdpx")
    table = analyse_codes(export, SETTINGS).codes.set_index("path")
    expected = expected_counts()
    assert len(table) == len(expected)
    for path, counts in expected.items():
        assert tuple(int(table.loc[path, c]) for c in (
            "files", "references", "files_total", "references_total")) == counts, path
    # fragments coded at a factor and at its direction node, or at two factors, exist
    # and are counted once: the plain sum of the children is larger than the total
    barriers = "4 - Organisatorische factoren\\1 - Barrières"
    children = table[table["parent"] == "1 - Barrières"]
    assert children["references"].sum() + table.loc[barriers, "references"] > \
        table.loc[barriers, "references_total"]


def test_nvivo_summary_states_the_own_counts_with_parents_at_zero():
    summary = analyse_codes(read_qda(DEMO / "codes_nvivo.csv"), SETTINGS).codes.set_index(
        "path")
    for path, (files, references, _, _) in expected_counts().items():
        assert (summary.loc[path, "files"], summary.loc[path, "references"]) == (
            files, references), path
    assert summary.loc["3 - Institutionele factoren", "references"] == 0  # NVivo's 0 / 0
    assert summary.loc["2 - Functie", "files"] == 10  # as in appendix D: 10 / 18
    assert summary.loc["2 - Functie", "references"] == 18


def test_structure_of_seed_003():
    export = read_qda(DEMO / "project.qdpx")
    result = analyse_codes(export, SETTINGS, quotes=1)
    assert result.n_sources == N_INTERVIEWS == 16
    matrix = result.matrix.set_index(["domain", "direction"])
    assert list(dict.fromkeys(result.matrix["domain"])) == list(DOMAINS)
    assert set(result.matrix["direction"]) == {"belemmerend", "bevorderend"}
    assert (matrix["n_codes"] > 0).all()
    # Table 2's "organisatorische factoren het meest besproken"
    domains = result.domains.set_index("domain")
    assert domains["references"].idxmax() == "Organisatorische factoren"
    factors = set(result.factors["factor"])
    assert {"Werkdruk en tekort", "Afgestraft worden", "Steun management", "Maatwerkbudget",
            "Politiek", "Durf en lef", "Doorzettingsvermogen"} <= factors
    assert export.attributes["Deelnemer 01"] == {"rol": "wijkteamprofessional",
                                                 "organisatie": "gemeente A"}


def test_marked_synthetic_and_quotes_pseudonymised():
    export = read_qda(DEMO / "project.qdpx")
    assert all(name.endswith("(synthetisch)") for name in export.sources.values())
    quotes = analyse_codes(export, SETTINGS, quotes=2).quotes
    published = quotes.to_csv()
    assert "Sanne" not in published and "Interview 01" not in published
    assert "Deelnemer" not in published
    assert SYNTHETIC not in published
