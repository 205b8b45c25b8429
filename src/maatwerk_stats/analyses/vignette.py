"""Vignette study analysis: the tables of ``maatwerk-stats vignette`` (DESIGN.md §4, §5).

Two models per analysis, both with treatment coding against each factor's reference level:

- ``mixed``: a linear mixed model with a random intercept per respondent, REML, Satterthwaite
  df (as ``lme4::lmer`` + ``lmerTest``; :mod:`.mixed`), Wald 95 % intervals
  (estimate ± z₀.₉₇₅·SE, as ``confint(method = "Wald")``).
- ``ols_cluster``: OLS with standard errors clustered by respondent (:mod:`.cluster`): CR1 by
  default (``sandwich::vcovCL(type = "HC1")``, t with G − 1 df), CR2 with
  ``cluster_se="cr2"`` (``clubSandwich``, Satterthwaite df of ``coef_test`` /
  ``linear_contrast``). Intervals from the same t.

Groups (e.g. voor/na). Rows with ``group = "all"`` come from the model over all ratings
without group terms (``y ~ factors``; the pooled coefficients a report quotes). Per-group rows
come from ONE pooled model ``y ~ group * (factors)`` (DESIGN.md §5): the simple effect of level
``l`` of factor ``f`` in group ``g`` is ``β[f[l]] + β[g:f[l]]`` (``β[f[l]]`` in the first group),
each with its standard error and df from the pooled covariance (as ``lmerTest::contest1D`` and
``clubSandwich::linear_contrast``); the interaction terms ``β[g:f[l]]`` are the differences of
an effect in group ``g`` from the first group (``vignette_interactions.csv``). The mixed pooled
model has one respondent variance and one residual variance for all groups.

Marginal means (``vignette_marginal_means.csv``), as ``emmeans(model, ~ f | group)`` with its
default equal weights (and cregg's ``mm`` in a fully randomised design): the model's predicted
mean rating at level ``l`` of ``f`` in group ``g``, averaged over the levels of every other
factor with equal weight per level: ``intercept_g + effect_g(f, l) + Σ_{f' ≠ f}
mean_{l'}(effect_g(f', l'))`` (reference effects 0). Standard errors from the model's
covariance; intervals as for the coefficients.

Influence (``vignette_influence.csv``, the factsheet's "geen / matige / veel invloed"): per
factor and group the simple effect with the largest absolute value among the factor's
non-reference levels (for a two-level factor: its one effect), in rating units. When its p-value
is not below ``influence.alpha`` (default .05) the label is the first one ("geen invloed");
otherwise ``|effect| < thresholds[0]`` → the first label, ``< thresholds[1]`` → the second, …,
else the last (a value equal to a threshold gets the higher label).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..config import FactorConfig, InfluenceConfig
from ..errors import DataError, OptionError, param
from ..names import ALL, MIXED, MODELS
from ..names import OLS_CLUSTER as OLS
from ..notes import Note, warning
from ..prepare.ratings import (
    GROUP,
    POSITION,
    RATING,
    RESPONDENT,
    VignetteData,
    VignetteStudy,
    check_levels_per_group,
    ordered_levels,
)
from ..stats.ols import full_rank
from .vignette_checks import design_rows, design_table
from .vignette_degenerate import guard_degenerate_groups
from .vignette_rows import RatedRows, is_level, respondent_codes

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..stats.cluster import ClusterOLS
    from ..stats.mixed import MixedFit

ModelName = Literal["mixed", "ols_cluster"]

COEFFICIENT_COLUMNS = ["model", "group", "term", "estimate", "std_error", "statistic", "df",
                       "p_value", "conf_low", "conf_high", "factor", "level"]
FIT_COLUMNS = ["model", "group", "n_ratings", "n_respondents", "var_respondent",
               "var_residual", "icc", "converged", "boundary", "se_type", "n_parameters",
               "reml_deviance", "note"]
MARGINAL_MEAN_COLUMNS = ["model", "factor", "level", "group", "estimate", "std_error",
                         "conf_low", "conf_high", "n_ratings"]
INTERACTION_COLUMNS = ["model", "factor", "level", "group", "estimate", "std_error",
                       "p_value", "statistic", "df", "conf_low", "conf_high", "term"]
INFLUENCE_COLUMNS = ["model", "factor", "group", "estimate", "p_value", "label", "level",
                     "std_error"]

Z_975 = 1.959963984540054  # qnorm(0.975)
# respondent ids are not printed, not even on the terminal: where the analyst finds them
IDS_IN_DESIGN = " (ids in vignette_design.csv, check {check})"


@dataclass(frozen=True)
class VignetteResult:
    """The contract tables of ``vignette`` (DESIGN.md §4) and what is needed to render them.

    ``interactions`` is None without groups. ``primary_model`` is the model the terminal,
    the figures and the factsheet use (``mixed`` unless it failed or ``model="ols_cluster"``).
    ``study`` describes the data (factors, groups, outcome) without the ratings themselves;
    ``design`` holds the design checks (``vignette_design.csv``).
    """

    coefficients: pd.DataFrame
    fit: pd.DataFrame
    marginal_means: pd.DataFrame
    interactions: pd.DataFrame | None
    influence: pd.DataFrame
    design: pd.DataFrame
    study: VignetteStudy
    influence_config: InfluenceConfig
    primary_model: str
    cluster_se: str
    n_excluded_respondents: int = 0
    notes: tuple[Note, ...] = ()
    warnings: tuple[Note, ...] = ()

    def tables(self) -> dict[str, pd.DataFrame]:
        """File stem → table, in the order they are written. The interactions and the
        influence table hold one row per key from the primary model (DESIGN.md §4), the
        other model's numbers beside them (:meth:`_one_row_per_key`)."""
        tables = {"vignette_coefficients": self.coefficients, "vignette_fit": self.fit,
                  "vignette_marginal_means": self.marginal_means}
        if self.interactions is not None:
            tables["vignette_interactions"] = self._one_row_per_key(
                self.interactions, ["factor", "level", "group"])
        tables["vignette_influence"] = self._one_row_per_key(self.influence,
                                                             ["factor", "group"])
        tables["vignette_design"] = self.design
        return tables

    def _one_row_per_key(self, table: pd.DataFrame, key: list[str]) -> pd.DataFrame:
        """The rows of :attr:`primary_model` (``model`` says which), with the other model's
        ``estimate``, ``std_error``, ``p_value`` (and ``label``, ``level``) as ``other_*``
        columns and its name in ``other_model``: a script that looks up "reputatie, na" finds
        one row."""
        primary = table["model"] == self.primary_model
        own = table[primary].reset_index(drop=True)
        other = table[~primary]
        if other.empty:
            return own
        columns = [c for c in ("estimate", "std_error", "p_value", "label", "level")
                   if c in other.columns and c not in key]
        beside = other[[*key, "model", *columns]].rename(
            columns={"model": "other_model", **{c: f"other_{c}" for c in columns}})
        return own.merge(beside, on=key, how="left", validate="one_to_one")

    @property
    def groups(self) -> tuple[str, ...]:
        """The groups of the per-group rows, or ``("all",)`` without groups."""
        return self.study.groups or (ALL,)


# --------------------------------------------------------------------------------------------
# Model matrices


@dataclass(frozen=True)
class ModelMatrix:
    """A treatment-coded model matrix and where each kind of term sits in it."""

    x: np.ndarray
    names: tuple[str, ...]
    factors: tuple[FactorConfig, ...]
    groups: tuple[str, ...] | None
    columns: Mapping[tuple[str, ...], int]
    xtx: np.ndarray  # x.T @ x

    def unit(self, *key: str) -> np.ndarray:
        import numpy as np

        weights = np.zeros(len(self.names))
        weights[self.columns[key]] = 1.0
        return weights

    def intercept(self, group: str) -> np.ndarray:
        weights = self.unit("Intercept")
        if self.groups is not None and group != self.groups[0]:
            weights = weights + self.unit("group", group)
        return weights

    def effect(self, factor: str, level: str, group: str) -> np.ndarray:
        weights = self.unit("effect", factor, level)
        if self.groups is not None and group != self.groups[0]:
            weights = weights + self.unit("interaction", group, factor, level)
        return weights

    def marginal_mean(self, factor: FactorConfig, level: str, group: str) -> np.ndarray:
        weights = self.intercept(group)
        for other in self.factors:
            if other.name == factor.name:
                if level != factor.reference:
                    weights = weights + self.effect(factor.name, level, group)
                continue
            for lv in ordered_levels(other)[1:]:
                weights = weights + self.effect(other.name, lv, group) / len(other.levels)
        return weights


def term_name(factor: str, level: str) -> str:
    """The contract's name of a coefficient: ``factor[level]``."""
    return f"{factor}[{level}]"


def model_matrix(frame: pd.DataFrame, factors: Sequence[FactorConfig],
                 groups: Sequence[str] | None = None,
                 covariates: Sequence[str] = ()) -> ModelMatrix:
    """Treatment-coded model matrix: intercept, [group dummies], factor dummies,
    [group × factor dummies], covariates (columns of ``frame``); with its cross-product
    ``x.T @ x`` (computed once: the rank check and both fits use it)."""
    import numpy as np

    columns: dict[tuple[str, ...], int] = {}
    # each column as booleans (dummies: 0/1, written into the float matrix as 0.0/1.0) or
    # floats (covariates), no float copy per dummy
    blocks: list[np.ndarray | float] = [1.0]
    names = ["Intercept"]
    columns[("Intercept",)] = 0
    in_groups = {g: is_level(frame[GROUP], g) for g in (groups or ())[1:]}
    for g, in_group in in_groups.items():
        columns[("group", g)] = len(names)
        names.append(f"group[{g}]")
        blocks.append(in_group)
    dummies: dict[tuple[str, str], np.ndarray] = {}
    for factor in factors:
        for level in ordered_levels(factor)[1:]:
            dummy = is_level(frame[factor.name], level)
            dummies[(factor.name, level)] = dummy
            columns[("effect", factor.name, level)] = len(names)
            names.append(term_name(factor.name, level))
            blocks.append(dummy)
    for g, in_group in in_groups.items():
        for (fname, level), dummy in dummies.items():
            columns[("interaction", g, fname, level)] = len(names)
            names.append(f"group[{g}]:{term_name(fname, level)}")
            blocks.append(dummy & in_group)
    for covariate in covariates:
        columns[("covariate", covariate)] = len(names)
        names.append(covariate)
        blocks.append(frame[covariate].to_numpy(float))
    # column-major: each column is written and read contiguously (the per-respondent and
    # per-cluster sums of the fits run down the columns)
    x = np.empty((len(frame), len(blocks)), order="F")
    for k, block in enumerate(blocks):
        x[:, k] = block
    matrix = ModelMatrix(x=x, names=tuple(names), factors=tuple(factors),
                         groups=tuple(groups) if groups is not None else None, columns=columns,
                         xtx=x.T @ x)
    _check_rank(matrix)
    return matrix


def indicator(values: pd.Series, level: str) -> np.ndarray:
    """``(values == level)`` as floats (:func:`.vignette_rows.is_level`)."""
    return is_level(values, level).astype(float)


def _check_rank(matrix: ModelMatrix) -> None:
    """Stop with a message naming the first term the data cannot estimate."""

    x = matrix.x
    if full_rank(x, xtx=matrix.xtx):
        return
    by_index = {index: key for key, index in matrix.columns.items()}
    for k in range(1, x.shape[1]):
        if full_rank(x[:, : k + 1]):
            continue
        key = by_index[k]
        if not x[:, k].any():
            if key[0] == "interaction":
                _, g, fname, level = key
                raise DataError(
                    en=f"level {level!r} of factor {fname!r} does not occur in group {g!r}, "
                       "so its effect in that group cannot be estimated. Check the data or the "
                       "deck.",
                    nl=f"niveau {level!r} van factor {fname!r} komt niet voor in groep {g!r}, "
                       "dus het effect ervan in die groep is niet te schatten. Controleer de "
                       "data of het deck.")
            raise DataError(
                en=f"term {matrix.names[k]!r} does not occur in the data; it cannot be "
                   "estimated.",
                nl=f"term {matrix.names[k]!r} komt niet voor in de data en is dus niet te "
                   "schatten.")
        if key[0] == "covariate":
            raise DataError(
                en=f"{key[1]!r} does not vary independently of the factors; it cannot be used "
                   "as a covariate.",
                nl=f"{key[1]!r} varieert niet los van de factoren en kan dus niet als "
                   "covariaat dienen.")
        raise DataError(
            en=f"the effect of {matrix.names[k]!r} cannot be told apart from the other "
               "factors: in these data the factors do not vary independently (they are "
               "confounded). Check the deck: each factor must vary across vignettes with the "
               "others held fixed.",
            nl=f"het effect van {matrix.names[k]!r} is niet te onderscheiden van dat van de "
               "andere factoren: in deze data variëren de factoren niet los van elkaar (ze "
               "zijn verstrengeld). Controleer het deck: elke factor moet over de vignetten "
               "variëren terwijl de andere gelijk blijven.")


# --------------------------------------------------------------------------------------------
# Fitting


@dataclass(frozen=True)
class _Fits:
    """The fits of one model matrix; ``ols`` or ``mixed`` is not fitted (None, no error)
    when the run does not report it (the order-effect model: only the primary model)."""

    matrix: ModelMatrix
    mixed: MixedFit | None
    mixed_error: str | None
    ols: ClusterOLS | None


def _fit(frame: pd.DataFrame, matrix: ModelMatrix, cluster_se: str, groups: np.ndarray,
         models: Sequence[str] = MODELS) -> _Fits:
    """Fit ``models`` (mixed, ols_cluster) of ``matrix``; ``groups``: respondent codes
    0..G−1 of the rows of ``frame`` (:func:`.vignette_rows.respondent_codes`)."""
    import numpy as np

    from ..stats.cluster import fit_cluster_ols
    from ..stats.mixed import fit_random_intercept

    y = frame[RATING].to_numpy(float)
    ols = (fit_cluster_ols(y, matrix.x, groups, cluster_se,  # type: ignore[arg-type]
                           xtx=matrix.xtx)
           if OLS in models else None)
    mixed = None
    error = None
    if MIXED in models:
        try:
            with np.errstate(all="ignore"):
                mixed = fit_random_intercept(y, matrix.x, groups, xtx=matrix.xtx)
        except (np.linalg.LinAlgError, ValueError, ArithmeticError) as exc:
            error = f"{type(exc).__name__}: {exc}"  # the sentence around it: the warning's
    return _Fits(matrix=matrix, mixed=mixed, mixed_error=error, ols=ols)


def _inference(fits: _Fits, model: str, weights: np.ndarray) -> dict[str, float]:
    """estimate, std_error, statistic, df, p_value, conf_low, conf_high of ``weights'β``."""
    from ..stats.distributions import t_quantile, t_two_sided_p

    if model == MIXED:
        if fits.mixed is None:
            return dict.fromkeys(("estimate", "std_error", "statistic", "df", "p_value",
                                  "conf_low", "conf_high"), math.nan)
        estimate, se, df = fits.mixed.contrast(weights)
        half = Z_975 * se
    else:
        assert fits.ols is not None
        estimate, se, df = fits.ols.contrast(weights)
        half = t_quantile(0.975, df) * se if math.isfinite(df) else math.nan
    statistic = estimate / se if se > 0 else math.nan
    p = t_two_sided_p(statistic, df) if math.isfinite(df) and math.isfinite(
        statistic) else math.nan
    return {"estimate": estimate, "std_error": se, "statistic": statistic, "df": df,
            "p_value": p, "conf_low": estimate - half, "conf_high": estimate + half}


# --------------------------------------------------------------------------------------------
# Analysis


def straightliners(frame: pd.DataFrame) -> tuple[str, ...]:
    """Respondents with at least two ratings that are all equal (zero variance), in order
    of first appearance: ``groupby(RESPONDENT, sort=False)[RATING].agg(["min", "max",
    "count"])`` computed on the respondent codes (:func:`.vignette_rows.respondent_codes`)
    with ``bincount`` and ``minimum.at`` / ``maximum.at`` (min, max and count are exact: the
    same respondents)."""
    import numpy as np

    values = frame[RATING].to_numpy(float)
    rated = ~np.isnan(values)
    respondents = frame[RESPONDENT][rated]
    if not len(respondents):
        return ()
    codes = respondent_codes(respondents)
    values = values[rated]
    n = int(codes.max()) + 1
    count = np.bincount(codes, minlength=n)
    lowest = np.full(n, np.inf)
    highest = np.full(n, -np.inf)
    np.minimum.at(lowest, codes, values)
    np.maximum.at(highest, codes, values)
    # codes number respondents in order of first appearance: a row shows a new respondent
    # where its code exceeds every code before it
    new = np.empty(len(codes), dtype=bool)
    new[0] = True
    np.greater(codes[1:], np.maximum.accumulate(codes)[:-1], out=new[1:])
    first = np.flatnonzero(new)  # each code's first row, code by code
    flat = np.flatnonzero((count >= 2) & (lowest == highest))
    return tuple(respondents.array.take(first[flat]))


def analyse(data: VignetteData, influence: InfluenceConfig | None = None, *,
            cluster_se: str = "cr1", exclude_straightliners: bool = False,
            model: str = MIXED,
            on_estimates: Callable[[VignetteResult], None] | None = None) -> VignetteResult:
    """All tables for prepared vignette data (see the module docstring for the methods).

    ``on_estimates`` is called (in this thread) as soon as both models are fitted, before
    the design checks and the order-effect model: with a :class:`VignetteResult` whose
    coefficients, marginal means, interactions, influence, primary model and study are
    those of the result returned (degenerate groups guarded), its fit and design tables
    empty and without notes or warnings. ``vignette`` starts its figures from it, so that
    they are drawn while the checks run and the tables are written."""
    if cluster_se not in ("cr1", "cr2"):
        raise OptionError(en=f"{param('cluster_se')} must be cr1 or cr2, not {cluster_se!r}",
                          nl=f"{param('cluster_se')} moet cr1 of cr2 zijn, niet {cluster_se!r}")
    if model not in MODELS:
        raise OptionError(
            en=f"{param('model')} must be {' or '.join(MODELS)}, not {model!r}",
            nl=f"{param('model')} moet {' of '.join(MODELS)} zijn, niet {model!r}")
    influence = influence or InfluenceConfig()
    notes = list(data.notes)
    warnings: list[Note] = []

    flat = straightliners(data.ratings)
    excluded: tuple[str, ...] = ()
    ratings = data.ratings
    if exclude_straightliners and flat:
        excluded = flat
        ratings = ratings[~ratings[RESPONDENT].isin(flat)]
        notes.append(Note("straightliners_excluded",
                          f"{len(flat)} straight-lining respondent(s) left out "
                          f"({param('exclude_straightliners')}){{ids}}.",
                          values={"n_respondents": len(flat)}, ids=flat,
                          ids_text=IDS_IN_DESIGN.format(check="respondents_excluded")))
    frame = ratings[ratings[RATING].notna()].reset_index(drop=True)
    rows = RatedRows(frame, data.groups)
    if rows.n_respondents_all < 2:
        raise DataError(
            en=f"the ratings come from {rows.n_respondents_all} respondent(s); the models "
               "need at least 2 (standard errors are clustered by respondent), and an effect "
               "worth reporting many more. Check the respondent id column "
               f"({param('id')}).",
            nl=f"de oordelen komen van {rows.n_respondents_all} respondent(en); de modellen "
               "hebben er minstens 2 nodig (de standaardfouten zijn geclusterd per "
               "respondent), en voor een effect dat het melden waard is veel meer. Controleer "
               f"de kolom met de respondent-id ({param('id')}).")
    if data.groups is not None:
        missing_groups = [g for g in data.groups if not rows.n_ratings(g)]
        if missing_groups:
            raise DataError(
                en=f"group {missing_groups[0]!r} has no ratings left to analyse.",
                nl=f"groep {missing_groups[0]!r} heeft geen oordelen over om te analyseren.")
    factors = data.factors
    check_levels_per_group(frame, data)
    clusters = rows.respondent

    # the three fits are independent: two threads (numpy leaves the interpreter lock in the
    # large array operations, so they overlap on two cores); the same numbers as one by one
    with ThreadPoolExecutor(2, initializer=_stops_to_the_main_thread) as pool:
        pooled = (pool.submit(lambda: _fit(frame, model_matrix(frame, factors, data.groups),
                                           cluster_se, clusters))
                  if data.groups is not None else None)
        position_fit = pool.submit(_position_fit, frame, data, cluster_se, clusters, model)
        fits_all = _fit(frame, model_matrix(frame, factors), cluster_se, clusters)
        fits_pooled = pooled.result() if pooled is not None else None
        primary = _primary_model(fits_all, fits_pooled, model)
        estimates = _Estimates(fits_all, fits_pooled, rows, data, influence)
        if on_estimates is not None:
            on_estimates(guard_degenerate_groups(estimates.result(data, influence, primary,
                                                                  cluster_se), rows))
        # the design checks need no fit: computed while the order-effect fit finishes
        checks = design_rows(data, ratings, rows, flat, excluded)
        position_fitted = position_fit.result()

    for fits, label in ((fits_all, "all"), (fits_pooled, "pooled")):
        if fits is None:
            continue
        what = "the mixed model" + ("" if label == "all" else " with groups")
        if fits.mixed is None:
            warnings.append(warning("mixed_model_failed",
                                    f"{what} could not be fitted: {fits.mixed_error}. The "
                                    "ols_cluster results are complete.", subject=label,
                                    values={"message": str(fits.mixed_error)}))
        elif not fits.mixed.converged:
            warnings.append(warning("mixed_model_not_converged",
                                    f"{what} did not converge: {fits.mixed.message}. Its rows "
                                    "are marked converged = false; the ols_cluster results "
                                    "are complete.", subject=label,
                                    values={"message": str(fits.mixed.message)}))
        elif fits.mixed.boundary:
            warnings.append(warning("mixed_model_boundary",
                                    f"{what} is a boundary (singular) fit: the respondent "
                                    "variance is estimated as 0, so it equals OLS with "
                                    "model-based standard errors; the ols_cluster results do "
                                    "not depend on it.", subject=label))

    if primary != model:
        warnings.append(warning("primary_model_ols",
                                "the influence table, the figures and the terminal use "
                                "ols_cluster because the mixed model failed."))
    fit = _fit_rows(fits_all, fits_pooled, rows, data, cluster_se)

    position_test, position_problem = _position_test(position_fitted, primary, cluster_se)
    if position_problem:
        warnings.append(position_problem)
    diagnostics = design_table(checks, position_test)
    if flat and not exclude_straightliners:
        warnings.append(warning(
            "straightliners", f"{len(flat)} respondent(s) gave every vignette the same rating "
            f"(straight-lining){{ids}}. Rerun with {param('exclude_straightliners')} (and "
            f"another {param('out')}) to see whether the results depend on them.",
            values={"n_respondents": len(flat)}, ids=flat,
            ids_text=IDS_IN_DESIGN.format(check="straightliners")))
    if position_test is not None and position_test["p_value"] < 0.05:
        warnings.append(warning(
            "position_effect",
            f"the position at which a vignette was shown affects the ratings (slope "
            f"{position_test['estimate']:+.3f} per position, p = {position_test['p_value']:.3f})"
            ": check that the order was randomised.",
            values={"estimate": position_test["estimate"],
                    "p_value": position_test["p_value"]}))
    n_respondents = rows.n_respondents_all
    if cluster_se == "cr1" and n_respondents < 40:
        notes.append(Note("few_respondents_cr1",
                          f"only {n_respondents} respondents: cluster-robust CR1 standard "
                          "errors can be too small with few respondents; consider "
                          f"{param('cluster_se', 'cr2')}.",
                          values={"n_respondents": n_respondents}))

    result = estimates.result(data, influence, primary, cluster_se, fit=fit,
                              design=diagnostics, n_excluded_respondents=len(excluded),
                              notes=tuple(notes), warnings=tuple(warnings))
    # a group of one respondent, or whose ratings never vary: no estimates, a warning
    return guard_degenerate_groups(result, rows)


def _stops_to_the_main_thread() -> None:
    """A fit thread blocks SIGINT, SIGTERM and SIGHUP, so that the kernel hands them to the
    main thread: the output writer holds them there (``io/write.py: _signals_held``, which
    blocks them in its own thread only) while it creates its staging folder, which
    ``vignette`` does while a fit still runs (``on_estimates``); a signal taken by this
    thread would run Python's handler in the main thread inside that block."""
    import signal

    from ..io.write import HELD_SIGNALS

    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)


def _primary_model(fits_all: _Fits, fits_pooled: _Fits | None, model: str) -> str:
    """The model asked for, or ols_cluster when it is the mixed model and that failed or did
    not converge (on the pooled model when there are groups)."""
    main = fits_pooled or fits_all
    if model == MIXED and (main.mixed is None or not main.mixed.converged):
        return OLS
    return model


class _Estimates:
    """The estimate rows of both models (coefficients, marginal means, interactions,
    influence), computed once: for :func:`analyse`'s ``on_estimates`` and its result."""

    def __init__(self, fits_all: _Fits, fits_pooled: _Fits | None, rows: RatedRows,
                 data: VignetteData, influence: InfluenceConfig) -> None:
        self.coefficients = _coefficient_rows(fits_all, fits_pooled, data)
        self.marginal = _marginal_mean_rows(fits_all, fits_pooled, rows, data)
        self.interactions = (_interaction_rows(fits_pooled, data) if fits_pooled is not None
                             else None)
        self.influence = _influence_rows(self.coefficients, data, influence)

    def result(self, data: VignetteData, influence: InfluenceConfig, primary: str,
               cluster_se: str, fit: list[dict[str, Any]] | None = None,
               design: pd.DataFrame | None = None, **more: Any) -> VignetteResult:
        """These estimates as a :class:`VignetteResult` (not yet guarded)."""
        import pandas as pd

        return VignetteResult(
            coefficients=pd.DataFrame(self.coefficients, columns=COEFFICIENT_COLUMNS),
            fit=pd.DataFrame(fit or [], columns=FIT_COLUMNS),
            marginal_means=pd.DataFrame(self.marginal, columns=MARGINAL_MEAN_COLUMNS),
            interactions=(pd.DataFrame(self.interactions, columns=INTERACTION_COLUMNS)
                          if self.interactions is not None else None),
            influence=pd.DataFrame(self.influence, columns=INFLUENCE_COLUMNS),
            design=design if design is not None else pd.DataFrame(), study=data.study(),
            influence_config=influence, primary_model=primary, cluster_se=cluster_se,
            **more)


def _model_fits(fits_all: _Fits, fits_pooled: _Fits | None, data: VignetteData
                ) -> list[tuple[str, _Fits]]:
    """(group, fits) pairs: ``all`` from the model without groups, then each group."""
    pairs = [(ALL, fits_all)]
    if fits_pooled is not None and data.groups is not None:
        pairs += [(g, fits_pooled) for g in data.groups]
    return pairs


def _coefficient_rows(fits_all: _Fits, fits_pooled: _Fits | None, data: VignetteData
                      ) -> list[dict[str, Any]]:
    rows = []
    for model in MODELS:
        for group, fits in _model_fits(fits_all, fits_pooled, data):
            matrix = fits.matrix
            rows.append({"model": model, "group": group, "term": "Intercept",
                         **_inference(fits, model, matrix.intercept(group)),
                         "factor": None, "level": None})
            for factor in data.factors:
                for level in ordered_levels(factor)[1:]:
                    rows.append({"model": model, "group": group,
                                 "term": term_name(factor.name, level),
                                 **_inference(fits, model,
                                              matrix.effect(factor.name, level, group)),
                                 "factor": factor.name, "level": level})
    return rows


def _fit_rows(fits_all: _Fits, fits_pooled: _Fits | None, rated: RatedRows,
              data: VignetteData, cluster_se: str) -> list[dict[str, Any]]:
    rows = []
    for model in MODELS:
        for group, fits in _model_fits(fits_all, fits_pooled, data):
            row: dict[str, Any] = {
                "model": model, "group": group, "n_ratings": rated.n_ratings(group),
                "n_respondents": rated.n_respondents(group),
                "n_parameters": len(fits.matrix.names)}
            if model == MIXED:
                mixed = fits.mixed
                if mixed is None:
                    row.update(var_respondent=math.nan, var_residual=math.nan, icc=math.nan,
                               converged=False, boundary=False, se_type="model",
                               reml_deviance=math.nan,
                               note=f"the mixed model could not be fitted ({fits.mixed_error})")
                else:
                    row.update(var_respondent=mixed.var_respondent,
                               var_residual=mixed.var_residual, icc=mixed.icc,
                               converged=mixed.converged, boundary=mixed.boundary,
                               se_type="model", reml_deviance=mixed.reml_deviance,
                               note=mixed.message or (
                                   "boundary (singular) fit: respondent variance 0"
                                   if mixed.boundary else None))
            else:
                assert fits.ols is not None
                row.update(var_respondent=math.nan, var_residual=fits.ols.residual_variance,
                           icc=math.nan, converged=True, boundary=False, se_type=cluster_se,
                           reml_deviance=math.nan, note=None)
            if group != ALL and model == MIXED:
                row["note"] = "; ".join(filter(None, [
                    row["note"], "variance components of the pooled model (all groups)"]))
            rows.append(row)
    return rows


def _marginal_mean_rows(fits_all: _Fits, fits_pooled: _Fits | None, rated: RatedRows,
                        data: VignetteData) -> list[dict[str, Any]]:
    rows = []
    for model in MODELS:
        for group, fits in _model_fits(fits_all, fits_pooled, data):
            for factor in data.factors:
                counts = rated.level_counts(factor, group)
                for level in factor.levels:
                    result = _inference(fits, model,
                                        fits.matrix.marginal_mean(factor, level, group))
                    rows.append({"model": model, "factor": factor.name, "level": level,
                                 "group": group, "estimate": result["estimate"],
                                 "std_error": result["std_error"],
                                 "conf_low": result["conf_low"],
                                 "conf_high": result["conf_high"],
                                 "n_ratings": int(counts.get(level, 0))})
    return rows


def _interaction_rows(fits: _Fits, data: VignetteData) -> list[dict[str, Any]]:
    assert data.groups is not None
    rows = []
    for model in MODELS:
        for group in data.groups[1:]:
            for factor in data.factors:
                for level in ordered_levels(factor)[1:]:
                    weights = fits.matrix.unit("interaction", group, factor.name, level)
                    rows.append({"model": model, "factor": factor.name, "level": level,
                                 "group": group, **_inference(fits, model, weights),
                                 "term": term_name(factor.name, level)})
    return rows


def influence_label(estimate: float, p_value: float, influence: InfluenceConfig) -> str | None:
    """The influence label of one simple effect (module docstring); None when unknown."""
    if not math.isfinite(estimate):
        return None
    if not (p_value < influence.alpha):
        return influence.labels[0]
    return influence.labels[bisect.bisect_right(list(influence.thresholds), abs(estimate))]


def _influence_rows(coefficients: list[dict[str, Any]], data: VignetteData,
                    influence: InfluenceConfig) -> list[dict[str, Any]]:
    rows = []
    groups = data.groups or (ALL,)
    for model in MODELS:
        for group in groups:
            for factor in data.factors:
                effects = [r for r in coefficients if r["model"] == model
                           and r["group"] == group and r["factor"] == factor.name]
                finite = [r for r in effects if math.isfinite(r["estimate"])]
                chosen = max(finite, key=lambda r: abs(r["estimate"])) if finite else effects[0]
                rows.append({"model": model, "factor": factor.name, "group": group,
                             "estimate": chosen["estimate"], "p_value": chosen["p_value"],
                             "label": influence_label(chosen["estimate"], chosen["p_value"],
                                                      influence),
                             "level": chosen["level"], "std_error": chosen["std_error"]})
    return rows


@dataclass(frozen=True)
class _PositionFit:
    """The order-effect model: fits of the model asked for, and what a second fit needs."""

    fits: _Fits
    rated: pd.DataFrame
    clusters: np.ndarray


def _position_fit(frame: pd.DataFrame, data: VignetteData, cluster_se: str,
                  clusters: np.ndarray, model: str) -> _PositionFit | Note | None:
    """The all-ratings model with ``position`` added, fitted as ``model`` only (the order
    effect is reported from the primary model alone); or why the order effect cannot be
    tested; None without a position column. ``clusters``: respondent codes of ``frame``."""
    if data.position_column is None:
        return None
    known = frame[POSITION].notna().to_numpy()
    if known.all():
        rated = frame
    else:
        rated = frame[known].reset_index(drop=True)
        clusters = respondent_codes(rated[RESPONDENT])
    if rated.empty or rated[POSITION].nunique() < 2:
        return warning("position_constant",
                       f"position column {data.position_column!r} does not vary: no "
                       "order-effect check.", subject=data.position_column)
    try:
        matrix = model_matrix(rated, data.factors, covariates=[POSITION])
    except DataError:
        return warning("position_confounded",
                       f"position column {data.position_column!r} is determined by the "
                       "factor levels (was the order of the vignettes randomised?): no "
                       "order-effect check.", subject=data.position_column)
    return _PositionFit(_fit(rated, matrix, cluster_se, clusters, models=(model,)), rated,
                        clusters)


def _position_test(fitted: _PositionFit | Note | None, model: str, cluster_se: str
                   ) -> tuple[dict[str, Any] | None, Note | None]:
    """Order effect: the slope of ``position`` in the model of :func:`_position_fit`
    (``model``: mixed or ols_cluster, fitted now when the mixed model failed and ols_cluster
    became the primary model); or why it cannot be tested."""
    if fitted is None or isinstance(fitted, Note):
        return None, fitted
    fits = fitted.fits
    if model == OLS and fits.ols is None:
        fits = _fit(fitted.rated, fits.matrix, cluster_se, fitted.clusters, models=(OLS,))
    result = _inference(fits, model, fits.matrix.unit("covariate", POSITION))
    return {**result, "model": model, "n_ratings": len(fitted.rated)}, None

