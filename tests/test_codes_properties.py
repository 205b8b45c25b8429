"""Invariants of the tree totals on random trees and codings (hypothesis): the de-duplicated
totals equal a brute-force count with sets, and the bounds an NVivo summary allows always
contain them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maatwerk_stats.analyses.codes import analyse_codes
from maatwerk_stats.config.codes import CodesConfig
from maatwerk_stats.io.qda import QdaCode, QdaExport


@st.composite
def projects(draw):
    n_codes = draw(st.integers(1, 12))
    parents = [None] + [draw(st.one_of(st.none(), st.integers(0, i - 1)))
                        for i in range(1, n_codes)]
    codes = [QdaCode(id=f"c{i}", name=f"code {i}",
                     parent=None if p is None else f"c{p}") for i, p in enumerate(parents)]
    n_fragments = draw(st.integers(0, 25))
    rows = []
    for fragment in range(n_fragments):
        source = draw(st.integers(0, 4))
        for code in draw(st.sets(st.integers(0, n_codes - 1), min_size=1, max_size=3)):
            rows.append((f"f{fragment}", f"s{source}", f"c{code}", "tekst"))
    segments = pd.DataFrame(rows, columns=["segment", "source", "code", "text"])
    return codes, segments


def descendants(codes, code_id):
    out = {code_id}
    changed = True
    while changed:
        changed = False
        for code in codes:
            if code.parent in out and code.id not in out:
                out.add(code.id)
                changed = True
    return out


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_totals_equal_a_brute_force_count_and_lie_within_the_summary_bounds(project):
    codes, segments = project
    export = QdaExport(path=Path("random.qdpx"), kind="qdpx", codes=tuple(codes), sha256="",
                       segments=segments, sources={f"s{i}": f"s{i}" for i in range(5)})
    exact = analyse_codes(export, CodesConfig()).codes.set_index("path")
    own = {}
    paths = dict(zip([c.id for c in codes], [None] * len(codes), strict=True))
    for code in codes:
        chain, current = [], code
        while current is not None:
            chain.append(current.name)
            current = next((c for c in codes if c.id == current.parent), None)
        paths[code.id] = "\\".join(reversed(chain))
    for code in codes:
        mine = segments[segments["code"] == code.id]
        branch = segments[segments["code"].isin(descendants(codes, code.id))]
        row = exact.loc[paths[code.id]]
        assert row["files"] == mine["source"].nunique()
        assert row["references"] == mine["segment"].nunique()
        assert row["files_total"] == branch["source"].nunique()
        assert row["references_total"] == branch["segment"].nunique()
        own[code.id] = (row["files"], row["references"])
    # the same tree as an NVivo summary (own counts only): bounds contain the exact totals
    summary = QdaExport(path=Path("random.csv"), kind="nvivo", sha256="", codes=tuple(
        QdaCode(id=c.id, name=c.name, parent=c.parent, files=int(own[c.id][0]),
                references=int(own[c.id][1])) for c in codes))
    bounds = analyse_codes(summary, CodesConfig()).codes.set_index("path")
    for code in codes:
        row, truth = bounds.loc[paths[code.id]], exact.loc[paths[code.id]]
        for column in ("files_total", "references_total"):
            assert row[f"{column}_min"] <= truth[column] <= row[f"{column}_max"]
            if row["totals_exact"]:
                assert row[column] == truth[column]
