"""report/text.py: render_table splits a table that is too wide into stacked parts."""

from __future__ import annotations

from maatwerk_stats.report.text import render_table


def test_a_table_that_fits_is_unchanged_and_a_wide_one_is_stacked():
    header = ["Item", *(f"kolom {k}" for k in range(8))]
    rows = [["een heel lange itemnaam die veel ruimte vraagt", *(f"{k},00" for k in range(8))],
            ["kort", *(f"−{k},50" for k in range(8))]]
    full = render_table(header, rows, width=0)  # no width: one table
    assert "\n\n" not in full and render_table(header, rows, width=200) == full
    for width in (80, 60, 40):
        text = render_table(header, rows, title="Titel", width=width)
        lines = text.splitlines()
        assert max(len(line) for line in lines) <= width
        assert lines[0] == "Titel" and text.count("Titel") == 1
        for k in range(8):  # every column and every value is still shown, once
            assert text.count(f"kolom {k}") == 1
            assert text.count(f"{k},00") == 1 and text.count(f"−{k},50") == 1
        assert sum(line.startswith("kort") for line in lines) == text.count("\n\n") + 1


def test_stacked_parts_repeat_the_key_columns_and_text_columns_wrap_first():
    header = ["Schaal", "Locatie", "Contrast", *(f"kolom {k}" for k in range(6))]
    rows = [["Methodisch werken", "Amersfoort", "na - voor",
             *(f"+0,{k}5 [−0,10; 0,{k}0]" for k in range(6))],
            ["Houding", "all", "na - voor", *(f"−{k},50" for k in range(6))]]
    for width in (80, 60):
        text = render_table(header, rows, width=width, keys=3)
        parts = text.split("\n\n")
        assert len(parts) > 1 and max(len(line) for line in text.splitlines()) <= width
        for part in parts:  # each part says which row it is: scale, site and contrast
            head = part.splitlines()[0].split()
            assert head[:3] == ["Schaal", "Locatie", "Contrast"]
            assert sum("Amersfoort" in line and "na - voor" in line
                       for line in part.splitlines()) == 1
        for k in range(6):
            assert text.count(f"kolom {k}") == 1 and text.count(f"+0,{k}5 [−0,10; 0,{k}0]") == 1
    # a long text column wraps at spaces before anything is stacked
    notes = render_table(["Item", "n", "Opmerking"], [["a", "12", "woord " * 12]], width=60,
                         align="lrl")
    assert "\n\n" not in notes and max(len(line) for line in notes.splitlines()) <= 60
