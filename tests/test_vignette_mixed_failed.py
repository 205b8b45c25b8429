"""A mixed model that cannot be fitted (a LinAlgError in fit_random_intercept): the warning
names the error once, in either language, and vignette_fit.csv says why (was: "the mixed
model could not be fitted: the mixed model could not be fitted (…)", and the Dutch warning
held the English sentence)."""

from __future__ import annotations

import numpy as np

from maatwerk_stats import vignette
from maatwerk_stats.errors import library_reference
from maatwerk_stats.report.notes import note_line
from maatwerk_stats.stats import mixed

from .conftest import CONFIG, DEMO


def test_the_failed_mixed_model_is_said_once_and_in_dutch(monkeypatch):
    def fail(*args, **kwargs):
        raise np.linalg.LinAlgError("Singular matrix")

    monkeypatch.setattr(mixed, "fit_random_intercept", fail)
    result = vignette(DEMO / "vignetten.csv", CONFIG)
    failed = [w for w in result.warnings if w.kind == "mixed_model_failed"]
    assert [w.subject for w in failed] == ["all", "pooled"]
    assert note_line(failed[0], "en", library_reference) == (
        "Warning: the mixed model could not be fitted: LinAlgError: Singular matrix. The "
        "ols_cluster results are complete.")
    assert note_line(failed[0], "nl", library_reference) == (
        "Waarschuwing: het gemengde model kon niet worden geschat (LinAlgError: Singular "
        "matrix). De ols_cluster-resultaten zijn volledig.")
    assert note_line(failed[1], "nl", library_reference) == (
        "Waarschuwing: het gemengde model met groepen kon niet worden geschat (LinAlgError: "
        "Singular matrix). De ols_cluster-resultaten zijn volledig.")
    rows = result.fit[result.fit["model"] == "mixed"]
    assert len(rows) == 3 and rows["note"].str.startswith(
        "the mixed model could not be fitted (LinAlgError: Singular matrix)").all()
    assert "fitted: the mixed model" not in " ".join(w.text() for w in failed)
