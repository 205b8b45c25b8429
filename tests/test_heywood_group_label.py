"""The Heywood note names a measurement by its display label (``groups.labels``), as the tables
and the other notes do, not by its stored code; one file with a group column and two files."""

from __future__ import annotations

import numpy as np
import pandas as pd

from maatwerk_stats.analyses.compare import measurement_reliability
from maatwerk_stats.errors import library_reference
from maatwerk_stats.prepare.measurements import stack_measurements
from maatwerk_stats.report.notes import note_line

from .test_scales import config, dataset


def _heywood_items(seed: int) -> pd.DataFrame:
    """Five items, the first almost the factor itself: a Heywood case (as test_scales)."""
    rng = np.random.default_rng(seed)
    factor = rng.standard_normal(40)
    items = np.column_stack([factor + 0.02 * rng.standard_normal(40),
                             *(0.6 * factor + 0.8 * rng.standard_normal((4, 40)))])
    return pd.DataFrame(items, columns=["h1", "h2", "h3", "h4", "h5"])


STUDY = '[scales.h]\nitems = ["h1", "h2", "h3", "h4", "h5"]\n'


def _heywood(result):
    return [n for n in result.notes if n.kind == "omega_heywood"]


def test_one_file_the_group_is_named_by_its_label():
    frame = pd.concat([_heywood_items(7), _heywood_items(9)], ignore_index=True)
    frame["meting"] = [1.0] * 40 + [2.0] * 40
    study = config(STUDY + '[groups]\ncolumn = "meting"\norder = ["1", "2"]\n'
                           'labels = ["vóór", "na"]\n')
    measurements = stack_measurements(dataset(frame), None, study, group="meting",
                                      group_order=["1", "2"], group_labels=["vóór", "na"])
    notes = _heywood(measurement_reliability(measurements))
    by_group = {n.values["group"]: n for n in notes}
    assert {"1", "2"} <= set(by_group)  # the code stays in values (the privacy filter)
    assert "(group vóór)" in by_group["1"].text() and "(group 1)" not in by_group["1"].text()
    dutch = note_line(by_group["2"], "nl", library_reference)
    assert dutch.startswith("Waarschuwing: schaal h (groep na): omega berust op een "
                            "Heywood-geval"), dutch


def test_two_files_each_heywood_note_names_its_measurement():
    """Each file is one measurement: its note said 'scale h' twice, as if for everyone."""
    study = config(STUDY + '[groups]\nlabels = ["vóór", "na"]\n')
    measurements = stack_measurements(dataset(_heywood_items(7)), dataset(_heywood_items(9)),
                                      study, group_labels=["vóór", "na"])
    notes = _heywood(measurement_reliability(measurements))
    assert [n.values["group_label"] for n in notes] == ["vóór", "na"]
    assert [note_line(n, "nl", library_reference).split(":")[1] for n in notes] == [
        " schaal h (groep vóór)", " schaal h (groep na)"]
