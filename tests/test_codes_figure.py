"""The code-tree figure: one bar per factor grouped by domain, or per second-level code when
the tree has no directions; lower bounds marked."""

from __future__ import annotations

from pathlib import Path

from maatwerk_stats.analyses.codes import analyse_codes
from maatwerk_stats.config.codes import CodesConfig
from maatwerk_stats.io.qda import read_qda
from maatwerk_stats.report.figures.codes import codes_figure

HERE = Path(__file__).resolve().parent / "qda"


def bars_and_labels(figure):
    ax = figure.axes[0]
    bars = list(ax.patches)
    return bars, [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.texts]


def test_factors_grouped_by_domain():
    result = analyse_codes(read_qda(HERE / "project.qdpx"), CodesConfig())
    bars, labels, values = bars_and_labels(codes_figure(result, "nl"))
    assert labels == ["Institutioneel", "Regels", "Financiering", "Politiek",
                      "Organisatorisch", "Steun manager"]
    assert [b.get_width() for b in bars] == [2, 1, 1, 1]
    assert values == [" 2", " 1", " 1", " 1"]


def test_without_directions_the_second_level_by_branch_with_bounds_marked():
    result = analyse_codes(read_qda(HERE / "nvivo_summary.csv"),
                           CodesConfig(directions={"none": ("no such code",)}))
    bars, labels, values = bars_and_labels(codes_figure(result, "en"))
    assert [b.get_width() for b in bars] == [2, 1, 1]
    assert labels == ["Institutioneel", "Belemmerend", "Bevorderend", "Organisatorisch",
                      "Bevorderend"]
    assert values == [" ≥2", " 1", " 1"]  # Belemmerend: 2 to 4 files
    title = codes_figure(result, "en").axes[0].get_title(loc="left")
    assert title == "Code tree: interviews per code"


def test_nothing_to_draw():
    result = analyse_codes(read_qda(HERE / "codebook.qdc"), CodesConfig())
    assert codes_figure(result, "nl") is None
