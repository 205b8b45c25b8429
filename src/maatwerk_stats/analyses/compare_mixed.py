"""Pre/post change from a linear mixed model that keeps every respondent (``--model mixed``).

The paired t-test of :mod:`.compare` uses the complete pairs only: a respondent measured once
is dropped. Here, per scale, one model (DESIGN.md §5, "Pre/post designs beyond two groups")::

    score_it = β₀ + β_t·[measurement t] + u_i + e_it,   u_i ~ N(0, σ_u²),  e_it ~ N(0, σ²)

is fitted by REML with the project's own random-intercept REML (:mod:`..stats.mixed`, as
``lmerTest::lmer(score ~ time + (1 | respondent))``) on every observed score, so a respondent
measured once still informs the means of that measurement (under "missing at random": that
whether someone answered the second time depends only on what was observed). The change
between two measurements is the contrast of their model means, ``contrast`` = ``later −
earlier`` (``na - voor``), with its Satterthwaite df (as ``lmerTest::contest1D``) and, as
``emmeans(m, ~ time, lmer.df = "satterthwaite")`` + ``contrast(., "revpairwise")`` +
``summary(infer = TRUE, adjust = "none")``, t, two-sided p and the t-based 95 % CI
``estimate ± t(.975, df)·SE``. ``p_adjusted`` corrects the p-values of all rows of the table
with the same ``site`` (every scale × contrast: the table is the family, as for
``compare_scales``), Holm by default (as ``p.adjust``).

With complete pairs the model's change equals the paired mean difference (each person's
intercept cancels); with incomplete pairs it weighs in the people measured once. Beside each
contrast, the paired t-test of the people measured at both of its measurements
(``paired_mean_diff``, ``paired_p_value``, ``n_pairs``; for two measurements exactly the row
of ``compare_scales``). ``compare_mixed_means.csv`` holds the model mean per measurement
(``β₀ + β_t``, as ``emmeans(m, ~ time)``, with its Satterthwaite df and t-based CI): the
figure of the means over time. Three or more measurements (pre, post, follow-up) are the
same model with time as a factor and all pairwise contrasts.

**Attrition check** (``compare_attrition.csv``): per scale, the baseline score of those
*not* measured every time is compared with that of those measured every time (Welch's t-test
and Hedges' g, as for independent groups; ``mean_diff`` = incomplete − complete). A difference
means those who dropped out were not a random part of the baseline sample, so "missing at
random" is doubtful and both the paired test and the mixed model should be read with care.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..names import ALL
from ..notes import Note
from ..stats import effectsize as es
from ..stats import twosample as ts

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..config import ScaleConfig
    from ..prepare.measurements import Measurements

MIXED_COLUMNS = ["variable", "site", "contrast", "estimate", "std_error", "df", "p_value",
                 "conf_low", "conf_high", "p_adjusted", "n_respondents", "n_observations",
                 "label", "group_1", "group_2", "t", "n_measured_once", "n_pairs",
                 "paired_mean_diff", "paired_p_value", "var_respondent", "var_residual",
                 "boundary", "converged", "note"]
ATTRITION_COLUMNS = ["variable", "label", "group", "n_complete", "n_incomplete",
                     "mean_complete", "mean_incomplete", "mean_diff", "diff_conf_low",
                     "diff_conf_high", "t", "df", "p_value", "hedges_g", "note"]
MEANS_COLUMNS = ["variable", "site", "group", "estimate", "std_error", "df", "conf_low",
                 "conf_high", "n", "label", "group_label"]
ALPHA = 0.05


def contrast_pairs(n_waves: int) -> list[tuple[int, int]]:
    """(later, earlier) measurement positions in emmeans' ``revpairwise`` order:
    2 − 1, 3 − 1, 3 − 2, …"""
    return [(j, i) for j in range(1, n_waves) for i in range(j)]


def _nan_contrast(codes: Sequence[str], j: int, i: int) -> dict[str, Any]:
    return {"contrast": f"{codes[j]} - {codes[i]}", "group_1": codes[i], "group_2": codes[j],
            "estimate": math.nan, "std_error": math.nan, "df": math.nan, "t": math.nan,
            "p_value": math.nan, "conf_low": math.nan, "conf_high": math.nan}


def fit_changes(values: np.ndarray, respondent: np.ndarray, wave: np.ndarray,
                codes: Sequence[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The contrast rows and the model-mean rows of one variable: ``values`` (NaN =
    missing), ``respondent`` integer codes, ``wave`` the measurement position 0..k−1 of each
    observation and ``codes`` the k measurement codes. Treatment coding: intercept + one
    indicator per later measurement, so the contrast ``j − i`` is ``β_j − β_i`` (``β_0 = 0``)
    and the mean of measurement ``t`` is ``β₀ + β_t``."""
    import numpy as np

    from ..stats.mixed import fit_random_intercept

    keep = ~np.isnan(values)
    y, who, when = values[keep], respondent[keep], wave[keep]
    k = len(codes)
    ids, who = np.unique(who, return_inverse=True)
    n_resp, n_obs = len(ids), len(y)
    per_wave = np.bincount(when, minlength=k)
    common = {"n_respondents": n_resp, "n_observations": n_obs, "var_respondent": math.nan,
              "var_residual": math.nan, "boundary": False, "converged": False}
    empty = [codes[w] for w in range(k) if per_wave[w] == 0]
    note = ""
    if empty:
        note = f"no scores in measurement {', '.join(map(repr, empty))}"
    elif n_obs == n_resp:
        note = ("nobody has a score in more than one measurement: the mixed model needs "
                "repeated measurements")
    elif n_obs - k < 1:
        note = "too few scores for the model"
    if note:
        contrasts = [{**_nan_contrast(codes, j, i), **common, "note": note}
                     for j, i in contrast_pairs(k)]
        means = [{"group": codes[w], "estimate": math.nan, "std_error": math.nan,
                  "df": math.nan, "conf_low": math.nan, "conf_high": math.nan,
                  "n": int(per_wave[w])} for w in range(k)]
        return contrasts, means
    x = np.zeros((n_obs, k))
    x[:, 0] = 1.0
    x[np.arange(n_obs), when] = 1.0  # column 0 stays the intercept for the first wave
    fit = fit_random_intercept(y, x, who)
    common.update(var_respondent=fit.var_respondent, var_residual=fit.var_residual,
                  boundary=fit.boundary, converged=fit.converged,
                  note="" if fit.converged else f"the model did not converge: {fit.message}")
    contrasts = []
    for j, i in contrast_pairs(k):
        weights = np.zeros(k)
        weights[j] = 1.0
        if i:
            weights[i] = -1.0
        estimate, se, df = fit.contrast(weights)
        test = ts.t_result(estimate, se, df)
        contrasts.append({**_nan_contrast(codes, j, i), "estimate": estimate, "std_error": se,
                          "df": df, "t": test.t, "p_value": test.p_value,
                          "conf_low": test.conf_low, "conf_high": test.conf_high, **common})
    means = []
    for w in range(k):
        weights = np.zeros(k)
        weights[0] = 1.0
        weights[w] = 1.0
        estimate, se, df = fit.contrast(weights)
        test = ts.t_result(estimate, se, df)
        means.append({"group": codes[w], "estimate": estimate, "std_error": se, "df": df,
                      "conf_low": test.conf_low, "conf_high": test.conf_high,
                      "n": int(per_wave[w])})
    return contrasts, means


def _attrition_row(matrix: np.ndarray) -> dict[str, Any]:
    """Baseline scores (column 0 of the respondent × measurement ``matrix``) of the
    respondents measured every time against the others."""
    import numpy as np

    observed = ~np.isnan(matrix)
    complete = observed.all(axis=1)
    at_baseline = observed[:, 0]
    x_complete = matrix[at_baseline & complete, 0]
    x_incomplete = matrix[at_baseline & ~complete, 0]
    test = ts.t_test_independent(x_complete, x_incomplete)
    n1, n2 = len(x_complete), len(x_incomplete)
    m1 = float(x_complete.mean()) if n1 else math.nan
    m2 = float(x_incomplete.mean()) if n2 else math.nan
    s1 = float(x_complete.std(ddof=1)) if n1 > 1 else math.nan
    s2 = float(x_incomplete.std(ddof=1)) if n2 > 1 else math.nan
    note, reason = "", ""
    if n2 < 2:
        note = ("fewer than 2 respondents measured at baseline but not every time: no "
                "attrition test")
        reason = "few_incomplete"
    elif n1 < 2:
        note = "fewer than 2 respondents measured every time: no attrition test"
        reason = "few_complete"
    return {"reason": reason, "n_complete": n1, "n_incomplete": n2, "mean_complete": m1,
            "mean_incomplete": m2,
            "mean_diff": test.mean_diff, "diff_conf_low": test.conf_low,
            "diff_conf_high": test.conf_high, "t": test.t, "df": test.df,
            "p_value": test.p_value, "hedges_g": es.hedges_g(n1, m1, s1, n2, m2, s2).estimate,
            "note": note}


def _paired_columns(matrix: np.ndarray, j: int, i: int) -> dict[str, Any]:
    """The complete-pairs paired t-test of measurements ``i`` and ``j`` (as compare_scales)."""
    import numpy as np

    both = ~(np.isnan(matrix[:, i]) | np.isnan(matrix[:, j]))
    test = ts.t_test_paired(matrix[both, i], matrix[both, j])
    return {"n_pairs": int(both.sum()), "paired_mean_diff": test.mean_diff,
            "paired_p_value": test.p_value}


def mixed_changes(prepared: Measurements, scale_vars: Sequence[tuple[str, str, ScaleConfig]],
                  adjust: str = "holm", families: Mapping[str, str] | None = None
                  ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, tuple[Note, ...]]:
    """``compare_mixed``, ``compare_mixed_means`` and ``compare_attrition`` tables and one
    note per scale (the module docstring); ``families`` (variable → key) splits the Holm
    family of a site (:func:`adjust_family`). Ids must be unique within each measurement
    (:func:`~maatwerk_stats.prepare.measurements.check_unique_ids`)."""
    import numpy as np
    import pandas as pd

    if prepared.ids is None:
        raise ValueError("stack_measurements() was called without an id column")
    respondent, _ = pd.factorize(prepared.ids, use_na_sentinel=True)
    has_id = respondent >= 0
    wave = np.asarray(prepared.group, dtype=int)[has_id]
    respondent = respondent[has_id]
    codes = list(prepared.codes)
    labels = dict(zip(codes, prepared.labels, strict=True))
    n_people = int(respondent.max()) + 1 if len(respondent) else 0
    rows: list[dict[str, Any]] = []
    mean_rows: list[dict[str, Any]] = []
    attrition_rows: list[dict[str, Any]] = []
    notes: list[Note] = []
    for name, label, _scale in scale_vars:
        values = prepared.scores[name].to_numpy(dtype=float)[has_id]
        matrix = np.full((n_people, len(codes)), np.nan)
        matrix[respondent, wave] = values
        counts = (~np.isnan(matrix)).sum(axis=1)
        n_once = int((counts == 1).sum())
        contrasts, means = fit_changes(values, respondent, wave, codes)
        for row in contrasts:
            j, i = codes.index(row["group_2"]), codes.index(row["group_1"])
            rows.append({"variable": name, "site": ALL, "label": label, **row,
                         "n_measured_once": n_once, **_paired_columns(matrix, j, i)})
        mean_rows.extend({"variable": name, "site": ALL, "label": label, **row,
                          "group_label": labels[row["group"]]} for row in means)
        attrition = _attrition_row(matrix)
        attrition_rows.append({"variable": name, "label": label, "group": codes[0],
                               **attrition})
        notes.append(_attrition_note(name, codes, int((counts > 0).sum()), n_once, attrition,
                                     first_label=labels[codes[0]]))
    table = pd.DataFrame(rows, columns=MIXED_COLUMNS)
    table["p_adjusted"] = adjust_family(table, adjust, families)
    attrition_table = pd.DataFrame(attrition_rows, columns=ATTRITION_COLUMNS)
    for column in ("n_complete", "n_incomplete"):
        attrition_table[column] = attrition_table[column].astype(int)
    return (table, pd.DataFrame(mean_rows, columns=MEANS_COLUMNS), attrition_table,
            tuple(notes))


def adjust_family(table: pd.DataFrame, adjust: str, families: Mapping[str, str] | None
                  ) -> list[float]:
    """``p_adjusted`` of a table with ``variable`` (and ``site``) columns: within each site,
    and within each family of variables (``families``: variable → key; by default one
    family: the whole table)."""
    families = families or {}
    sites = table["site"] if "site" in table else [""] * len(table)
    keys = [(site, families.get(v, "")) for site, v in zip(sites, table["variable"],
                                                         strict=True)]
    return ts.adjust_within(table["p_value"].tolist(), keys, adjust)


def _attrition_note(name: str, codes: Sequence[str], n_resp: int, n_once: int,
                    attrition: dict[str, Any], first_label: str | None = None) -> Note:
    """The note on who was measured once; the first measurement named by its display label
    (``voor``, not the stored code 1; ``first`` in ``values`` keeps the code)."""
    first_label = first_label or codes[0]
    values = {"n_respondents": n_resp, "n_measured_once": n_once,
              "n_complete": attrition["n_complete"],
              "n_incomplete": attrition["n_incomplete"], "p_value": attrition["p_value"],
              "mean_diff": attrition["mean_diff"], "first": codes[0],
              "first_label": first_label, "reason": attrition["reason"]}
    text = (f"{name}: the mixed model uses all {n_resp} respondents with a score, "
            f"{n_once} of them measured once")
    p = attrition["p_value"]
    if math.isnan(p):
        text += f" ({attrition['note']})." if attrition["note"] else "."
    else:
        verdict = ("differ significantly" if p < ALPHA else "do not differ significantly")
        text += (f"; at {first_label!r} the {attrition['n_incomplete']} not measured every time "
                 f"{verdict} from the {attrition['n_complete']} measured every time "
                 f"(difference {attrition['mean_diff']:.2f}, Welch p = {p:.3f})")
        text += (": those who dropped out are not like those who stayed, so read the change "
                 "with care." if p < ALPHA else ".")
    return Note("measured_once", text, subject=name, values=values,
                level="warning" if not math.isnan(p) and p < ALPHA else "note")
