"""Proportional-odds (cumulative logit) models, as ``MASS::polr``, with optional
cluster-robust standard errors (``sandwich::vcovCL(type = "HC0", cadjust = TRUE)``)."""

from __future__ import annotations

import math
import warnings
from typing import TYPE_CHECKING, Any

from .scipy_import import import_module

if TYPE_CHECKING:
    import numpy as np

# |log odds ratio| beyond this means the groups' answers do not overlap (separation)
SEPARATION_LIMIT = 15.0


def _cluster_variance(model: Any, params: np.ndarray, clusters: np.ndarray) -> np.ndarray:
    """G/(G−1) · H⁻¹ (Σ_g s_g s_gᵀ) H⁻¹ (module docstring)."""
    import numpy as np

    scores = model.score_obs(params)
    bread = np.linalg.inv(-model.hessian(params))
    labels, inverse = np.unique(clusters, return_inverse=True)
    summed = np.zeros((len(labels), scores.shape[1]))
    np.add.at(summed, inverse, scores)
    meat = summed.T @ summed
    g = len(labels)
    return g / (g - 1) * bread @ meat @ bread


def proportional_odds(y: np.ndarray, group: np.ndarray, clusters: np.ndarray | None = None
                      ) -> dict[str, Any]:
    """Fit ``logit P(Y ≤ k) = θ_k − β·group``; β, its SE (model-based, or cluster-robust
    when ``clusters`` is given), Wald z and p, and a ``note`` when not estimable."""
    import numpy as np
    import pandas as pd
    norm = import_module("scipy.stats").norm
    OrderedModel = import_module("statsmodels.miscmodels.ordinal_model").OrderedModel
    sm_exceptions = import_module("statsmodels.tools.sm_exceptions")
    ConvergenceWarning = sm_exceptions.ConvergenceWarning
    HessianInversionWarning = sm_exceptions.HessianInversionWarning

    empty = {"estimate": math.nan, "std_error": math.nan, "statistic": math.nan,
             "p_value": math.nan, "n_categories": len(np.unique(y))}
    if empty["n_categories"] < 2:
        return {**empty, "note": "only one answer category: odds ratio not estimable"}
    endog = pd.Series(pd.Categorical(y, ordered=True))
    exog = pd.DataFrame({"group": group.astype(float)})
    model = OrderedModel(endog, exog, distr="logit")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", HessianInversionWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        result = model.fit(method="bfgs", disp=False, maxiter=5000, gtol=1e-9)
        params = np.asarray(result.params, dtype=float)
        gradient = float(np.max(np.abs(model.score(params))))
        estimate = float(params[0])
        if abs(estimate) > SEPARATION_LIMIT:
            return {**empty, "note": "the answers of the two groups do not overlap "
                    "(separation): odds ratio not estimable"}
        if not gradient < 1e-4:
            return {**empty, "note": "the model did not converge"}
        if clusters is None:
            variance = np.linalg.inv(-model.hessian(params))
        else:
            variance = _cluster_variance(model, params, clusters)
    se = math.sqrt(variance[0, 0]) if variance[0, 0] > 0 else math.nan
    z = estimate / se if se > 0 else math.nan
    return {"estimate": estimate, "std_error": se, "statistic": z,
            "p_value": float(2 * norm.sf(abs(z))) if not math.isnan(z) else math.nan,
            "n_categories": empty["n_categories"], "note": ""}


