"""Names shared by every layer: one name for one thing across the whole project."""

from __future__ import annotations

# The ``group`` of a row computed over all respondents (no group split).
ALL = "all"

# The two models of a vignette analysis (column ``model`` of the vignette tables).
MIXED = "mixed"
OLS_CLUSTER = "ols_cluster"
MODELS = (MIXED, OLS_CLUSTER)

# The two designs of a pre/post comparison.
INDEPENDENT = "independent"
PAIRED = "paired"
