"""The factsheet starts the Likert chart as soon as the answer distributions are counted,
before the tests (``publish/factsheet.py: _start_likert``): from the distributions protected
as :func:`~maatwerk_stats.publish.privacy.suppress_comparison` protects the comparison's, so
the chart is the one drawn from the protected comparison, also when groups are too small."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pandas.testing import assert_frame_equal

from maatwerk_stats import load_config
from maatwerk_stats.io.write import OutputWriter
from maatwerk_stats.publish.factsheet import resolve_inputs, run_analyses
from maatwerk_stats.publish.factsheet_figures import FactsheetFigures
from maatwerk_stats.report.figures.compare import likert_data

ROOT = Path(__file__).resolve().parents[1]


class Capture(FactsheetFigures):
    """Keeps what the analyses hand over instead of drawing it."""

    def __init__(self, writer: OutputWriter, lang: str) -> None:
        super().__init__(writer, lang)
        self.got: dict[str, object] = {}

    def start_likert(self, distribution: Any) -> None:
        self.got["likert"] = distribution

    def start_comparison(self, comparison: Any) -> None:
        self.got["comparison"] = comparison

    def start_vignette(self, result: Any) -> None:
        pass

    def start_codes(self, codes: Any) -> None:
        pass


def handed_over(tmp_path: Path, config_name: str, min_cell: int) -> dict[str, object]:
    config = load_config(ROOT / "configs" / config_name)
    config = replace(config, report=replace(config.report, min_cell=min_cell))
    with OutputWriter(tmp_path / f"out_{min_cell}") as writer:
        figures = Capture(writer, "nl")
        run_analyses(config, resolve_inputs(config, {}), lambda step: None, figures)
        writer.discard()
    return figures.got


@pytest.mark.parametrize(("config_name", "sizes"), [
    ("leeratelier.toml", (0, 5, 21, 22, 33, 10_000)),  # item × group totals 20–36
    ("gewogen_maatwerk.toml", (0, 5, 50, 55, 10_000)),  # 48–56
])
def test_the_early_likert_data_are_those_of_the_protected_comparison(tmp_path, config_name,
                                                                     sizes):
    rows = []
    for min_cell in sizes:
        got = handed_over(tmp_path, config_name, min_cell)
        early, comparison = got["likert"], got["comparison"]
        assert_frame_equal(early.distribution, comparison.distribution)
        assert (early.groups, early.group_labels) == (comparison.groups,
                                                      comparison.group_labels)
        assert_frame_equal(likert_data(early), likert_data(comparison))
        rows.append(len(early.distribution))
    # not vacuous: the sizes between the smallest and the largest total drop some item ×
    # group rows, not all; at 10,000 every row is dropped
    assert rows[0] == rows[1] > rows[2] > rows[-2] > rows[-1] == 0
