"""report/text.py: render_stacked splits a table that is too wide into stacked parts."""

from __future__ import annotations

from maatwerk_stats.report.text import render_stacked, render_table


def test_a_table_that_fits_is_unchanged_and_a_wide_one_is_stacked():
    header = ["Item", *(f"kolom {k}" for k in range(8))]
    rows = [["een heel lange itemnaam die veel ruimte vraagt", *(f"{k},00" for k in range(8))],
            ["kort", *(f"−{k},50" for k in range(8))]]
    assert render_stacked(header, rows, width=200) == render_table(header, rows, width=200)
    for width in (80, 60, 40):
        text = render_stacked(header, rows, title="Titel", width=width)
        lines = text.splitlines()
        assert max(len(line) for line in lines) <= width
        assert lines[0] == "Titel" and text.count("Titel") == 1
        for k in range(8):  # every column and every value is still shown, once
            assert text.count(f"kolom {k}") == 1
            assert text.count(f"{k},00") == 1 and text.count(f"−{k},50") == 1
        assert sum(line.startswith("kort") for line in lines) == text.count("\n\n") + 1
