"""The change per site and whether it differs between sites (``compare --site COLUMN``).

One pooled model per scale (DESIGN.md §5: never separate models compared by eye), with time
(k measurements) and site (S sites) crossed, treatment-coded against the first measurement and
the first site::

    score = β₀ + Σ_t β_t [time t] + Σ_s α_s [site s] + Σ_{t,s} γ_ts [time t][site s] (+ u_i) + e

- **paired** data: a linear mixed model with a random intercept per respondent, on every
  respondent (REML and Satterthwaite df, :mod:`..stats.mixed`; as ``lmerTest::lmer(score ~
  time * site + (1 | respondent))``);
- **independent** groups: OLS (as ``lm(score ~ time * site)``; df = n − p).

The change ``j − i`` within site ``s`` is the simple effect ``β_j − β_i + γ_js − γ_is`` (as
``emmeans(m, ~ time | site)`` + ``contrast("revpairwise")``): the ``compare_mixed.csv`` rows
of that site. ``compare_site_interaction.csv`` holds ``γ_js − γ_is`` for every later site: the
change in ``site`` minus the change in the first site, with its test (as ``contrast(.,
"trt.vs.ctrl", by = "contrast")`` on those simple effects). The model means per measurement
and site (``β₀ + β_t + α_s + γ_ts``) go to ``compare_mixed_means.csv``.

``compare_sites.csv`` holds, per site and scale, the same two-measurement comparison as
``compare_scales.csv`` computed within the site (paired t-test and d_z, or Welch and Hedges'
g): the effect sizes per site.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import DataError
from ..names import ALL
from ..stats import twosample as ts
from .compare_mixed import MEANS_COLUMNS, adjust_family, contrast_pairs

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..config import ScaleConfig
    from ..prepare.measurements import Measurements

INTERACTION_COLUMNS = ["variable", "site", "contrast", "estimate", "std_error", "df",
                       "p_value", "conf_low", "conf_high", "t", "label", "reference_site",
                       "model", "note"]


def _layout(k: int, n_sites: int) -> tuple[int, dict[int, int], dict[int, int],
                                           dict[tuple[int, int], int]]:
    """Column positions of the pooled design: intercept, time, site, time × site."""
    time = {t: t for t in range(1, k)}
    site = {s: k - 1 + s for s in range(1, n_sites)}
    inter = {}
    column = k + n_sites - 1
    for t in range(1, k):
        for s in range(1, n_sites):
            inter[(t, s)] = column
            column += 1
    return column, time, site, inter


def fit_site_model(values: np.ndarray, respondent: np.ndarray, wave: np.ndarray,
                   site: np.ndarray, codes: Sequence[str], site_codes: Sequence[str],
                   mixed: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                         list[dict[str, Any]]]:
    """Per-site change rows, interaction rows and per-site model means of one variable
    (the module docstring). ``site`` holds integer codes 0..S−1 into ``site_codes``."""
    import numpy as np

    from ..stats.mixed import fit_random_intercept
    from ..stats.ols import full_rank, ols_fit

    keep = ~np.isnan(values)
    y, who, when, where = values[keep], respondent[keep], wave[keep], site[keep]
    k, n_sites = len(codes), len(site_codes)
    p, time_col, site_col, inter_col = _layout(k, n_sites)
    n = len(y)
    x = np.zeros((n, p))
    x[:, 0] = 1.0
    for t, column in time_col.items():
        x[when == t, column] = 1.0
    for s, column in site_col.items():
        x[where == s, column] = 1.0
    for (t, s), column in inter_col.items():
        x[(when == t) & (where == s), column] = 1.0
    cells = np.zeros((k, n_sites), dtype=int)
    np.add.at(cells, (when, where), 1)
    note = ""
    if (cells == 0).any():
        t, s = np.argwhere(cells == 0)[0]
        note = f"no scores in measurement {codes[t]!r} in site {site_codes[s]!r}"
    elif n - p < 1 or not full_rank(x):
        note = "too few scores for the model"
    estimable = not note
    if estimable:
        if mixed:
            _, groups = np.unique(who, return_inverse=True)
            fit = fit_random_intercept(y, x, groups)
            if not fit.converged:
                note = f"the model did not converge: {fit.message}"

            def contrast(weights: np.ndarray) -> tuple[float, float, float]:
                return fit.contrast(weights)
        else:
            beta, vcov, df = ols_fit(x, y)

            def contrast(weights: np.ndarray) -> tuple[float, float, float]:
                return (float(weights @ beta), math.sqrt(max(float(weights @ vcov @ weights),
                                                             0.0)), float(df))

    def row(weights: np.ndarray) -> dict[str, Any]:
        if not estimable:
            return {"estimate": math.nan, "std_error": math.nan, "df": math.nan,
                    "t": math.nan, "p_value": math.nan, "conf_low": math.nan,
                    "conf_high": math.nan}
        estimate, se, df = contrast(weights)
        test = ts.t_result(estimate, se, df)
        return {"estimate": estimate, "std_error": se, "df": df, "t": test.t,
                "p_value": test.p_value, "conf_low": test.conf_low,
                "conf_high": test.conf_high}

    def change(j: int, i: int, s: int, interaction_only: bool) -> np.ndarray:
        weights = np.zeros(p)
        if not interaction_only:
            weights[time_col[j]] += 1.0
            if i:
                weights[time_col[i]] -= 1.0
        if s:
            weights[inter_col[(j, s)]] += 1.0
            if i:
                weights[inter_col[(i, s)]] -= 1.0
        return weights

    changes, interactions, means = [], [], []
    n_resp = np.bincount(where, minlength=n_sites) if not mixed else np.array(
        [len(np.unique(who[where == s])) for s in range(n_sites)])
    for s, name in enumerate(site_codes):
        for j, i in contrast_pairs(k):
            base = {"site": name, "contrast": f"{codes[j]} - {codes[i]}",
                    "group_1": codes[i], "group_2": codes[j], "note": note}
            changes.append({**base, **row(change(j, i, s, False)),
                            "n_respondents": int(n_resp[s]),
                            "n_observations": int(cells[:, s].sum())})
            if s:
                interactions.append({**base, **row(change(j, i, s, True)),
                                     "reference_site": site_codes[0],
                                     "model": "mixed" if mixed else "ols"})
        for t in range(k):
            weights = np.zeros(p)
            weights[0] = 1.0
            if t:
                weights[time_col[t]] = 1.0
            if s:
                weights[site_col[s]] = 1.0
            if t and s:
                weights[inter_col[(t, s)]] = 1.0
            result = row(weights)
            means.append({"site": name, "group": codes[t], "n": int(cells[t, s]),
                          **{key: result[key] for key in ("estimate", "std_error", "df",
                                                          "conf_low", "conf_high")}})
    return changes, interactions, means


def site_analysis(waves: Measurements, two: Measurements,
                  scale_vars: Sequence[tuple[str, str, ScaleConfig]], paired: bool,
                  id_column: str | None,
                  row: Callable[[np.ndarray, np.ndarray], dict[str, Any]],
                  columns: Sequence[str], adjust: str = "holm",
                  families: Mapping[str, str] | None = None
                  ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], pd.DataFrame,
                             pd.DataFrame]:
    """Per-site change rows and model means (for ``compare_mixed``, paired data), the
    ``compare_site_interaction`` table and the ``compare_sites`` table (module docstring).
    ``waves``: every measurement; ``two``: the first two (the t-test tables); ``row`` the
    statistics of one variable in one site (:func:`.compare.paired_row` or
    :func:`.compare.independent_row`) and ``columns`` the columns of its table."""
    import numpy as np
    import pandas as pd

    from ..prepare.measurements import match_pairs, subset, variable_values

    assert waves.sites is not None and two.sites is not None
    site_codes = list(waves.site_codes)
    position = {code: i for i, code in enumerate(site_codes)}
    site = waves.sites.map(position).to_numpy().astype(int)
    codes = list(waves.codes)
    if paired:
        assert waves.ids is not None
        respondent, _ = pd.factorize(waves.ids, use_na_sentinel=True)
    else:
        respondent = np.arange(len(site))
    has_id = respondent >= 0
    wave = np.asarray(waves.group, dtype=int)
    mixed_rows: list[dict[str, Any]] = []
    mean_rows: list[dict[str, Any]] = []
    interaction_rows: list[dict[str, Any]] = []
    for name, label, _scale in scale_vars:
        values = waves.scores[name].to_numpy(dtype=float)
        changes, interactions, means = fit_site_model(
            values[has_id], respondent[has_id], wave[has_id], site[has_id], codes,
            site_codes, mixed=paired)
        mixed_rows.extend({"variable": name, "label": label, **r} for r in changes)
        interaction_rows.extend({"variable": name, "label": label, **r} for r in interactions)
        labels = dict(zip(codes, waves.labels, strict=True))
        mean_rows.extend({"variable": name, "label": label, **r,
                          "group_label": labels[r["group"]]} for r in means)
    interaction = pd.DataFrame(interaction_rows, columns=INTERACTION_COLUMNS)

    site_rows = []
    for code in site_codes:
        part = subset(two, (two.sites == code).to_numpy())
        pairs = None
        if paired:
            assert id_column is not None
            try:
                pairs = match_pairs(part, id_column)
            except DataError:  # nobody in this site measured twice: rows say so
                pairs = None
        for name, label, scale in scale_vars:
            if paired and pairs is None:
                x1 = x2 = np.array([])
            else:
                x1, x2 = variable_values(part.scores, name, part, pairs)
            stats = row(x1, x2)
            site_rows.append({"site": code, "variable": name, "label": label,
                              "group_1": two.codes[0], "group_2": two.codes[1], **stats,
                              "scale": scale.name, "reversed": False})
    sites = pd.DataFrame(site_rows, columns=["site", *columns])
    for column in ("n_1", "n_2", "n_pairs"):
        if column in sites:
            sites[column] = sites[column].astype(int)
    sites["p_adjusted"] = adjust_family(sites, adjust, families)
    return mixed_rows, mean_rows, interaction, sites


def with_site_rows(table: pd.DataFrame, means: pd.DataFrame, rows: list[dict[str, Any]],
                   mean_rows: list[dict[str, Any]], adjust: str,
                   families: Mapping[str, str] | None = None
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``compare_mixed`` and ``compare_mixed_means`` with the per-site rows after the
    ``all`` rows, and ``p_adjusted`` recomputed within each site."""
    import pandas as pd

    site_table = pd.DataFrame(rows)
    paired_cols = ["n_measured_once", "n_pairs", "paired_mean_diff", "paired_p_value",
                   "var_respondent", "var_residual", "boundary", "converged"]
    for column in paired_cols:
        if column not in site_table:
            site_table[column] = math.nan
    combined = pd.concat([table, site_table[table.columns.intersection(site_table.columns)]],
                         ignore_index=True)[table.columns]
    combined["p_adjusted"] = adjust_family(combined, adjust, families)
    all_means = means[means["site"] == ALL]
    combined_means = pd.concat([all_means, pd.DataFrame(mean_rows, columns=MEANS_COLUMNS)],
                               ignore_index=True)
    return combined, combined_means
