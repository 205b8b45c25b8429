"""Model-based companions of the pre/post comparison: adjusted differences and ordinal models.

**Adjusted differences** (``--adjust-for``; independent groups only). Per scale an OLS
regression, as R's ``lm(score ~ covariates + group)``:

    score = b₀ + covariates·b + δ·[group 2] + e

δ is the difference between the groups for people with the same covariate values (an
ANCOVA-style adjustment for differences in group make-up; it does not make non-randomised
groups comparable in anything that was not measured). Categorical covariates (numbers with
SPSS value labels, text, or named in ``categorical``) enter as dummies against their first
category; numeric ones linearly. Respondents with a missing score or covariate are left out
(listwise, as ``lm``). Columns that are linear combinations of earlier ones are dropped, as
``lm`` does (it reports them as NA); the group indicator comes last, so when the covariates
fully explain group membership the adjusted difference is reported as not estimable instead
of silently absorbing a covariate. SE, t, df = n − p, p and the 95 % CI are the classical OLS
ones (``summary.lm``, ``confint.lm``).

**Proportional-odds models** (``--ordinal``). Per item a cumulative logit model
``logit P(Y ≤ k) = θ_k − β·[group 2]`` (statsmodels ``OrderedModel``, as ``MASS::polr``):
exp(β) is the odds ratio of answering in a higher category after versus before, with a Wald
95 % CI and p (``polr`` with ``Hess = TRUE``; ``summary`` reports the same Wald statistic).
A robustness check that treats a single Likert item as ordinal instead of interval. For
paired data the model uses the complete pairs and cluster-robust standard errors by person —
the sandwich ``G/(G−1) · B⁻¹ (Σ_g s_g s_gᵀ) B⁻¹`` with B the observed information and s_g the
summed scores of person g, as ``sandwich::vcovCL(fit, cluster = id, type = "HC0",
cadjust = TRUE)`` (and Stata's ``ologit, vce(cluster id)``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import DataError, Text, param
from ..notes import Note
from ..prepare.measurements import Measurements, Pairs, variable_values
from ..stats import twosample as ts
from ..stats.ols import ols_last_coefficient
from ..stats.ordinal import proportional_odds
from .categories import check_categories

if TYPE_CHECKING:
    import pandas as pd

    from ..config import ScaleConfig

ADJUSTED_COLUMNS = ["variable", "label", "group_1", "group_2", "n", "n_1", "n_2",
                    "covariates", "mean_diff", "estimate", "std_error", "t", "df", "p_value",
                    "conf_low", "conf_high", "p_adjusted", "note"]
ORDINAL_COLUMNS = ["variable", "label", "group_1", "group_2", "n_1", "n_2", "n_categories",
                   "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high",
                   "odds_ratio", "odds_ratio_conf_low", "odds_ratio_conf_high", "p_adjusted",
                   "scale", "se_type", "note"]


# --------------------------------------------------------------------------------------------
# Adjusted differences


def covariate_kinds(frame: pd.DataFrame, labels: Mapping[str, Mapping[str, str]],
                    categorical: Sequence[str]) -> dict[str, str]:
    """``categorical`` or ``numeric`` per covariate (see the module docstring)."""
    import pandas as pd

    kinds = {}
    for name in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[name])
        kinds[name] = "categorical" if (name in categorical or not numeric
                                        or labels.get(name)) else "numeric"
    return kinds


def _design(frame: pd.DataFrame, kinds: Mapping[str, str]) -> pd.DataFrame:
    """Covariate columns of the design matrix (dummies against the first category)."""
    import pandas as pd

    from ..io.dataset import code_sort_key, code_text

    parts = []
    for name, kind in kinds.items():
        column = frame[name]
        if kind == "numeric":
            parts.append(column.astype(float).rename(name))
            continue
        codes = column.map(code_text)
        levels = sorted(codes.dropna().unique().tolist(), key=code_sort_key)
        check_categories(name, len(levels), "", Text(f"the {param('adjust_for')} covariate",
                                                     f"de covariaat van {param('adjust_for')}"))
        for level in levels[1:]:
            parts.append((codes == level).astype(float).rename(f"{name}[{level}]"))
    if not parts:
        return pd.DataFrame(index=frame.index)
    return pd.concat(parts, axis=1)


def adjusted_differences(prepared: Measurements, scales: Sequence[tuple[str, str, ScaleConfig]],
                         covariates: Sequence[str], categorical: Sequence[str] = (),
                         adjust: str = "holm") -> tuple[pd.DataFrame, tuple[Note, ...]]:
    """The ``compare_adjusted`` table: one row per scale (see the module docstring), and notes
    on how the covariates were used."""
    import numpy as np
    import pandas as pd

    if prepared.covariates is None:
        raise ValueError("stack_measurements() was called without adjust_for")
    frame = prepared.covariates
    unknown = [c for c in categorical if c not in covariates]
    if unknown:
        one = len(unknown) == 1
        raise DataError(
            en=f"{param('categorical')} names {', '.join(unknown)}, which "
            f"{'is' if one else 'are'} not among the "
            f"{param('adjust_for')} covariates ({', '.join(covariates)}).",
            nl=f"{param('categorical')} noemt {', '.join(unknown)}, "
            f"{'dat' if one else 'die'} niet bij de covariaten van {param('adjust_for')} "
            f"({', '.join(covariates)}) {'hoort' if one else 'horen'}.")
    kinds = covariate_kinds(frame, prepared.covariate_labels, categorical)
    notes = []
    for name, kind in kinds.items():
        values = frame[name].dropna()
        if kind == "numeric" and len(values) and (values % 1 == 0).all() \
                and values.nunique() <= 6:
            notes.append(Note(
                "covariate_used_as_number",
                f"covariate {name!r} holds {values.nunique()} whole numbers and no value "
                "labels, so it is used as a number; if its codes are categories, add "
                f"{param('categorical', name)}.", subject=name,
                values={"n_values": int(values.nunique())}))
    dummies = _design(frame, kinds)
    described = "; ".join(f"{name} ({kind})" for name, kind in kinds.items())
    rows = []
    for name, label, _scale in scales:
        y = prepared.scores[name].to_numpy(dtype=float)
        complete = ~np.isnan(y) & frame.notna().all(axis=1).to_numpy()
        group = prepared.group[complete].astype(float)
        x = np.column_stack([np.ones(int(complete.sum())),
                             dummies.to_numpy(dtype=float)[complete], group])
        n1, n2 = int((group == 0).sum()), int((group == 1).sum())
        yc = y[complete]
        row: dict[str, Any] = {
            "variable": name, "label": label, "group_1": prepared.codes[0],
            "group_2": prepared.codes[1], "n": int(complete.sum()), "n_1": n1, "n_2": n2,
            "covariates": described,
            "mean_diff": float(yc[group == 1].mean() - yc[group == 0].mean())
            if n1 and n2 else math.nan,
        }
        note = ""
        if n1 < 2 or n2 < 2:
            fit = None
            note = "; ".join(f"group {c} has fewer than 2 complete cases" for c, n in
                             zip(prepared.codes, (n1, n2), strict=True) if n < 2)
        else:
            fit = ols_last_coefficient(x, yc)
            if fit is None:
                note = ("the covariates fully explain group membership: adjusted difference "
                        "not estimable")
            elif math.isnan(fit["t"]):
                note = ("too few complete cases for the number of covariates"
                        if fit["df"] < 1 else "no residual variance: t undefined")
        empty = {"estimate": math.nan, "std_error": math.nan, "t": math.nan, "df": math.nan,
                 "p_value": math.nan, "conf_low": math.nan, "conf_high": math.nan}
        rows.append({**row, **(fit or empty), "note": note})
    table = pd.DataFrame(rows, columns=ADJUSTED_COLUMNS)
    table["p_adjusted"] = ts.adjust_p(table["p_value"].tolist(), adjust)
    return table, tuple(notes)


def ordinal_models(prepared: Measurements, items: Sequence[tuple[str, str, ScaleConfig]],
                   pairs: Pairs | None, adjust: str = "holm", level: float = 0.95
                   ) -> pd.DataFrame:
    """The ``compare_ordinal`` table: one proportional-odds model per item."""
    import numpy as np
    import pandas as pd

    from ..stats.distributions import norm_quantile

    z = norm_quantile(1 - (1 - level) / 2)
    rows = []
    for name, label, scale in items:
        x1, x2 = variable_values(prepared.items, name, prepared, pairs)
        y = np.concatenate([x1, x2])
        group = np.repeat([0.0, 1.0], [len(x1), len(x2)])
        clusters = np.tile(np.arange(len(x1)), 2) if pairs is not None else None
        if len(x1) < 2 or len(x2) < 2:
            fit = {"estimate": math.nan, "std_error": math.nan, "statistic": math.nan,
                   "p_value": math.nan, "n_categories": len(np.unique(y)),
                   "note": "; ".join(f"group {c} has fewer than 2 answers" for c, n in
                                     zip(prepared.codes, (len(x1), len(x2)), strict=True)
                                     if n < 2)}
        else:
            fit = proportional_odds(y, group, clusters)
        estimate, se = fit["estimate"], fit["std_error"]
        low, high = estimate - z * se, estimate + z * se
        rows.append({
            "variable": name, "label": label, "group_1": prepared.codes[0],
            "group_2": prepared.codes[1], "n_1": len(x1), "n_2": len(x2),
            "n_categories": fit["n_categories"], "estimate": estimate, "std_error": se,
            "statistic": fit["statistic"], "p_value": fit["p_value"], "conf_low": low,
            "conf_high": high, "odds_ratio": math.exp(estimate) if not math.isnan(estimate)
            else math.nan, "odds_ratio_conf_low": math.exp(low) if not math.isnan(low)
            else math.nan, "odds_ratio_conf_high": math.exp(high) if not math.isnan(high)
            else math.nan, "scale": scale.name,
            "se_type": "cluster_robust" if pairs is not None else "model",
            "note": fit["note"]})
    table = pd.DataFrame(rows, columns=ORDINAL_COLUMNS)
    table["p_adjusted"] = ts.adjust_p(table["p_value"].tolist(), adjust)
    return table
