"""Counts carry a thousands separator wherever they are rendered (nl: 1.234, en: 1,234)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from maatwerk_stats.report.factsheet.build import _group_size


def test_factsheet_group_sizes_have_thousands_separators():
    comparison = SimpleNamespace(scales=pd.DataFrame({"n_1": [1234, 1200], "n_2": [965, 10]}))
    assert _group_size(comparison, 0, "nl") == "1.234"
    assert _group_size(comparison, 0, "en") == "1,234"
    assert _group_size(comparison, 1, "nl") == "965"
