"""Rendered files: number formatting, reproducible XLSX/DOCX, small-group suppression."""

from __future__ import annotations

import io
import time
import zipfile

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from maatwerk_stats import compare, load_config
from maatwerk_stats.io.reproducible import DEFAULT_EPOCH, build_epoch, normalize_zip
from maatwerk_stats.publish.privacy import SUPPRESSED, suppress_comparison, suppress_groups
from maatwerk_stats.report.format import fmt_ci, fmt_number, fmt_p
from maatwerk_stats.report.xlsx import tables_workbook

from .conftest import CONFIG, DEMO


@pytest.mark.parametrize(("value", "nl", "en"), [
    (4.2, "4,20", "4.20"), (-0.2274, "−0,23", "−0.23"), (1234.5, "1.234,50", "1,234.50"),
    (-0.001, "0,00", "0.00"), (float("nan"), "–", "–")])
def test_numbers(value, nl, en):
    assert fmt_number(value, 2, "nl") == nl
    assert fmt_number(value, 2, "en") == en


def test_p_values_and_intervals():
    assert fmt_p(0.031, "nl") == "p = 0,031"
    assert fmt_p(0.0004, "nl") == "p < 0,001"
    assert fmt_p(0.0004, "en") == "p < 0.001"
    assert fmt_p(0.049, "nl") == "p = 0,049"
    assert fmt_p(1.0, "nl") == "p > 0,999"  # a Holm-adjusted p capped at 1
    assert fmt_p(0.0496, "nl") == "p = 0,0496"  # never rounded up to a "significant" 0,050
    assert fmt_p(0.0496, "nl", with_p=False) == "0,0496"
    assert fmt_p(0.0004, "nl", with_p=False) == "< 0,001"
    assert fmt_p(0.05, "en") == "p = 0.050"
    assert fmt_ci(-0.23, 0.45, 2, "nl") == "[−0,23; 0,45]"
    assert fmt_ci(-0.23, 0.45, 2, "en") == "[−0.23, 0.45]"


def test_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_epoch() == DEFAULT_EPOCH
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_epoch() == 1700000000


def test_xlsx_is_reproducible_and_complete(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    tables = {"reliability": pd.DataFrame({"scale": ["a", "b"], "alpha": [0.8, np.nan]}),
              "a_table_with_a_very_long_name_indeed": pd.DataFrame({"x": [1]})}
    first = tables_workbook(tables)
    time.sleep(1.1)
    assert tables_workbook(tables) == first
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert b"2023-11-14T22:13:20Z" in archive.read("docProps/core.xml")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(first))
    assert book.sheetnames == ["reliability", "a_table_with_a_very_long_name_i"]
    rows = [[c.value for c in row] for row in book["reliability"].iter_rows()]
    assert rows == [["scale", "alpha"], ["a", 0.8], ["b", None]]


def test_normalize_zip_keeps_content():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hallo")
        archive.writestr("docProps/core.xml", "<cp:x><dcterms:created a=\"b\">2020-01-01T00:00:"
                                              "00Z</dcterms:created></cp:x>")
    fixed = zipfile.ZipFile(io.BytesIO(normalize_zip(buffer.getvalue(), epoch=DEFAULT_EPOCH)))
    assert fixed.read("a.txt") == b"hallo"
    assert b">2024-01-01T00:00:00Z<" in fixed.read("docProps/core.xml")


def test_suppression_blanks_small_groups_but_keeps_counts():
    result = compare(DEMO / "pre.sav", DEMO / "post.sav", config=load_config(CONFIG))
    protected, count = suppress_comparison(result, min_cell=25)
    # 22 before: every row rests on a group of fewer than 25
    assert count == len(result.scales) + len(result.items)
    assert protected.scales["mean_1"].isna().all()
    assert protected.scales["p_value"].isna().all()
    assert (protected.scales["n_1"] == result.scales["n_1"]).all()
    assert protected.scales["note"].str.contains(SUPPRESSED.format(min_cell=25)).all()
    assert set(protected.distribution["group"]) == {"na"}
    assert protected.unmatched is None
    unchanged, none = suppress_comparison(result, min_cell=5)
    assert none == 0
    pd.testing.assert_frame_equal(unchanged.scales, result.scales)


def test_suppress_groups_only_touches_those_groups():
    table = pd.DataFrame({"group": ["all", "voor", "na"], "estimate": [1.0, 2.0, 3.0],
                          "converged": [True, True, False]})
    out = suppress_groups(table, {"voor"}, 5)
    assert out["estimate"].tolist()[0] == 1.0 and np.isnan(out["estimate"][1])
    assert out["note"].tolist() == ["", SUPPRESSED.format(min_cell=5), ""]


@given(st.floats(min_value=0, max_value=1, allow_nan=False))
def test_a_shown_p_is_on_the_same_side_of_05_as_the_p(p):
    """APA-style p: three decimals, bounded by < 0,001 and > 0,999, and rounding never makes
    a p of .05 or more look significant or the other way round."""
    text = fmt_p(p, "en", with_p=False)
    if text.startswith("<"):
        assert p < 0.001
    elif text.startswith(">"):
        assert p > 0.999
    else:
        assert (float(text) < 0.05) == (p < 0.05)
        assert len(text.split(".")[1]) in (3, 4)



def test_pdf_dates_are_replaced_in_place():
    from maatwerk_stats.io.reproducible import normalize_pdf_dates

    info = (b"1 0 obj\n<</Producer (Skia/PDF m156)\n/CreationDate (D:20261201142506+01'00')\n"
            b"/ModDate (D:20261201142507-05'30')>>\nendobj\n/Title (D:20261201142506)\n"
            b"xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \n")
    fixed = normalize_pdf_dates(info, 1700000000)  # 2023-11-14 22:13:20 UTC
    assert len(fixed) == len(info)  # the xref offsets stay valid
    assert b"/CreationDate (D:20231114221320+00'00')" in fixed
    assert b"/ModDate (D:20231114221320+00'00')" in fixed
    assert b"/Title (D:20261201142506)" in fixed  # only the two dates change
    assert normalize_pdf_dates(b"/ModDate (D:20261201142507Z)", 0) == \
        b"/ModDate (D:19700101000000Z)"
    assert normalize_pdf_dates(info) == normalize_pdf_dates(info, DEFAULT_EPOCH) or \
        build_epoch() != DEFAULT_EPOCH


def _tagged_table(numbers: list[int]) -> bytes:
    """A tagged PDF's table as Chromium writes it: header cells named ``/ID (node…)`` with
    the given node numbers, and a data cell per header that lists it (and the last header)
    in ``/Headers``."""
    names = [b"(node%08d)" % n for n in numbers]
    parts = [b"%d 0 obj\n<</Type /StructElem\n/S /TH\n/ID %s>>\nendobj\n" % (i, name)
             for i, name in enumerate(names, 1)]
    parts += [b"%d 0 obj\n<</Type /StructElem\n/S /TD\n/Headers [%s %s]>>\nendobj\n"
              % (len(names) + i, name, names[-1]) for i, name in enumerate(names, 1)]
    return b"".join(parts) + b"/Title (\\(node00000007\\) in a text)\nxref\n"


def test_pdf_structure_names_are_renumbered_in_file_order_in_place():
    from maatwerk_stats.io.reproducible import normalize_pdf_node_ids

    # two prints of one page (Chromium 150): the same table, its nodes numbered from 43 or 40
    first, second = _tagged_table([43, 44, 45, 50]), _tagged_table([40, 41, 42, 47])
    assert first != second
    fixed = normalize_pdf_node_ids(first)
    assert fixed == normalize_pdf_node_ids(second) == _tagged_table([1, 2, 3, 4])
    assert len(fixed) == len(first)  # the xref offsets stay valid
    assert b"(\\(node00000007\\) in a text)" in fixed  # an escaped string is text: left
    assert normalize_pdf_node_ids(b"no tags") == b"no tags"


@given(st.lists(st.integers(0, 10**8 - 1), min_size=1, max_size=12, unique=True),
       st.randoms(use_true_random=False))
def test_pdf_structure_names_do_not_depend_on_chromium_s_numbers(numbers, rng):
    """Any other numbering of the same nodes (one-to-one) gives the same file, and every
    data cell still names the header it named (the renumbering is one-to-one, in place)."""
    from maatwerk_stats.io.reproducible import normalize_pdf_node_ids

    other = rng.sample(range(10**8), len(numbers))
    fixed = normalize_pdf_node_ids(_tagged_table(numbers))
    assert fixed == normalize_pdf_node_ids(_tagged_table(other))
    assert fixed == _tagged_table(list(range(1, len(numbers) + 1)))
    assert normalize_pdf_node_ids(fixed) == fixed
