"""Regressions of a survey in which professionals are nested in teams (``maatwerk-stats
regress``; DESIGN.md §4 ``regress``, §5 "Surveys in teams").

Per ``[regression.NAME]``, on the respondents with the outcome, every predictor (and, with
teams, a team id) present (listwise; the dropped rows are counted per reason, never listed):

- ``ols``: :func:`maatwerk_stats.stats.regression.fit_ols` (``lm``);
- ``ols_cluster``: the same coefficients with CR1 standard errors clustered by team, t on
  G − 1 df (:func:`maatwerk_stats.stats.cluster.fit_cluster_ols`,
  ``sandwich::vcovCL(type = "HC1")``);
- ``mixed``: a random intercept per team, REML, Satterthwaite df
  (:func:`maatwerk_stats.stats.mixed.fit_random_intercept`, ``lmerTest::lmer``); ``icc_null``
  from the model without predictors on the same rows.

Design: numeric predictors as they are (``centre = "none"``), minus their mean on the model's
rows (``"grand"``), or minus their team mean with the team mean added as a level-2 predictor
``NAME_team_mean`` (``"team"``); categorical predictors by treatment coding against the
reference code (``NAME[code]``, labelled with SPSS value labels); interactions ``a:b`` as the
product of the (centred) columns, with simple slopes of ``a`` at ``b``'s mean − 1 SD, mean and
mean + 1 SD on the model's rows (``interactions::sim_slopes``; here ``L'β`` with the model's own
covariance and df; ``moderator_value`` in the moderator's own units, also after grand-mean
centring; after team centring it is the deviation from the team mean).
``std_estimate = b·sd(x)/sd(y)`` of the design column; ``vif`` from the design without
intercept (:func:`maatwerk_stats.stats.regression.vif`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import DataError, Text
from ..io.dataset import code_sort_key
from ..notes import Note, warning
from ..prepare.teams import SurveyData
from .categories import check_categories

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..config.survey import RegressionConfig

OLS, CLUSTER, MIXED = "ols", "ols_cluster", "mixed"
COEFFICIENT_COLUMNS = ["regression", "model", "term", "term_label", "estimate", "std_error",
                       "statistic", "df", "p_value", "conf_low", "conf_high", "std_estimate",
                       "vif"]
FIT_COLUMNS = ["regression", "model", "n", "n_teams", "r_squared", "adj_r_squared",
               "var_team", "var_residual", "icc", "icc_null", "converged", "n_dropped"]
SLOPE_COLUMNS = ["regression", "model", "predictor", "moderator", "moderator_at",
                 "moderator_value", "estimate", "std_error", "df", "p_value", "conf_low",
                 "conf_high"]
INTERCEPT = "Intercept"
# what a small category's coefficient row leaves out (the term and its VIF stay)
SUPPRESSED_COLUMNS = ("estimate", "std_error", "statistic", "df", "p_value", "conf_low",
                      "conf_high", "std_estimate")


@dataclass(frozen=True)
class Regressions:
    coefficients: pd.DataFrame
    fit: pd.DataFrame
    simple_slopes: pd.DataFrame
    notes: tuple[Note, ...] = ()

    def tables(self) -> dict[str, pd.DataFrame]:
        out = {"regression_coefficients": self.coefficients, "regression_fit": self.fit}
        if len(self.simple_slopes):
            out["regression_simple_slopes"] = self.simple_slopes
        return out


@dataclass(frozen=True)
class Design:
    y: np.ndarray
    x: np.ndarray
    terms: list[str]
    labels: list[str]
    teams: np.ndarray | None  # codes 0..G−1 on the model's rows
    n_teams: int
    moderators: dict[str, np.ndarray]  # interaction moderator → its column on the model rows
    offsets: dict[str, float]  # what centring subtracted (grand mean; 0 otherwise)
    n_dropped: int
    notes: list[Note]
    # categorical predictor → (reference level's respondents, {dummy term: respondents})
    categories: dict[str, tuple[int, dict[str, int]]] = field(default_factory=dict)


def _first_dependent(x: np.ndarray) -> int | None:
    """The first column that is (numerically) a linear combination of the earlier ones
    (relative tolerance 1e-7, as ``lm``'s QR), or None."""
    import numpy as np

    for j in range(1, x.shape[1]):
        basis = x[:, :j]
        coef, *_ = np.linalg.lstsq(basis, x[:, j], rcond=None)
        residual = x[:, j] - basis @ coef
        if float(np.linalg.norm(residual)) <= 1e-7 * max(float(np.linalg.norm(x[:, j])), 1e-300):
            return j
    return None


def build_design(data: SurveyData, model: RegressionConfig) -> Design:
    """The model's rows (listwise), its design matrix and the notes on what was dropped."""
    import numpy as np

    where = f"regression {model.name}"
    where_nl = f"regressie {model.name}"
    values = data.values
    used = list(model.variables())
    complete = values[used].notna().all(axis=1).to_numpy().copy()
    notes: list[Note] = []
    for name in used:
        missing = int(values[name].isna().sum())
        if missing:
            notes.append(Note("rows_dropped_missing",
                              f"{where}: {missing} respondent(s) without {name} left out.",
                              subject=name, values={"regression": model.name, "n": missing}))
    teams = None
    n_teams = 0
    if data.teams is not None:
        codes, _ = data.team_codes()
        no_team = (codes < 0).to_numpy()
        if (no_team & complete).any():
            notes.append(Note("rows_dropped_team", f"{where}: "
                              f"{int((no_team & complete).sum())} respondent(s) without a team "
                              "id left out.", values={"regression": model.name,
                                                      "n": int((no_team & complete).sum())}))
        complete &= ~no_team
    rows = np.flatnonzero(complete)
    n_dropped = len(values) - len(rows)
    if data.teams is not None:
        raw = codes.to_numpy()[rows]
        uniques, teams = np.unique(raw, return_inverse=True)
        n_teams = len(uniques)
    y = values[model.outcome].to_numpy(float)[rows]
    columns: list[np.ndarray] = [np.ones(len(rows))]
    terms, labels = [INTERCEPT], [INTERCEPT]
    numeric: dict[str, np.ndarray] = {}
    offsets: dict[str, float] = {}
    counts: dict[str, tuple[int, dict[str, int]]] = {}
    for name in model.predictors:
        label = data.labels.get(name, name)
        if name in model.categorical:
            text = data.categories[name].to_numpy(dtype=object)[rows]
            levels = sorted({str(t) for t in text if t is not None}, key=code_sort_key)
            if len(levels) < 2:
                raise DataError(
                    en=f"{where}: the categorical predictor {name} has only "
                    f"{len(levels)} category on the model's rows; leave it out.",
                    nl=f"{where_nl}: de categorische voorspeller {name} heeft maar "
                    f"{len(levels)} categorie in de rijen van het model; laat hem weg.")
            check_categories(name, len(levels), Text(f"{where}: ", f"{where_nl}: "),
                             Text("the categorical predictor", "de categorische voorspeller"))
            if len(columns) + len(levels) - 1 >= len(rows):  # before its dummies exist
                k = len(columns) + len(levels) - 1
                raise DataError(
                    en=f"{where}: {len(rows)} respondent(s) with every variable "
                    f"present for at least {k} coefficients; a regression needs more "
                    "respondents than coefficients.",
                    nl=f"{where_nl}: {len(rows)} respondent(en) met elke variabele ingevuld "
                    f"voor minstens {k} coëfficiënten; een regressie vraagt meer respondenten "
                    "dan coëfficiënten.")
            reference = model.reference.get(name, levels[0])
            if reference not in levels:
                shown = ', '.join(levels[:10])
                raise DataError(
                    en=f"{where}: reference {reference!r} of {name} is not one of "
                    f"its codes ({shown}).",
                    nl=f"{where_nl}: referentie {reference!r} van {name} is geen van de "
                    f"codes ervan ({shown}).")
            value_labels = data.value_labels.get(name, {})
            counts[name] = (int((text == reference).sum()), {
                f"{name}[{level}]": int((text == level).sum()) for level in levels
                if level != reference})
            for level in levels:
                if level == reference:
                    continue
                columns.append((text == level).astype(float))
                terms.append(f"{name}[{level}]")
                try:
                    level_label = value_labels.get(float(level), level)
                except ValueError:
                    level_label = level
                labels.append(f"{label}: {level_label}")
            continue
        x = values[name].to_numpy(float)[rows]
        if len(x) > 1 and np.ptp(x) == 0:
            raise DataError(
                en=f"{where}: the predictor {name} has the same value for every "
                "respondent in the model, so its effect cannot be estimated; leave it out.",
                nl=f"{where_nl}: de voorspeller {name} heeft dezelfde waarde voor elke "
                "respondent in het model, dus het effect ervan is niet te schatten; laat hem "
                "weg.")
        offsets[name] = float(x.mean()) if model.centre == "grand" else 0.0
        if model.centre == "grand":
            x = x - x.mean()
        elif model.centre == "team" and teams is not None:
            team_mean = np.bincount(teams, weights=x) / np.bincount(teams)
            numeric[f"{name}_team_mean"] = team_mean[teams]
            x = x - team_mean[teams]
        numeric[name] = x
        columns.append(x)
        terms.append(name)
        labels.append(label)
    if model.centre == "team" and teams is not None:
        for name in model.predictors:
            if name in model.categorical:
                continue
            columns.append(numeric[f"{name}_team_mean"])
            terms.append(f"{name}_team_mean")
            labels.append(f"{data.labels.get(name, name)} (teamgemiddelde)")
    moderators: dict[str, np.ndarray] = {}
    for a, b in model.interactions:
        columns.append(numeric[a] * numeric[b])
        terms.append(f"{a}:{b}")
        labels.append(f"{data.labels.get(a, a)} × {data.labels.get(b, b)}")
        moderators[b] = numeric[b]
    x = np.column_stack(columns)
    n, p = x.shape
    if n <= p:
        raise DataError(
            en=f"{where}: {n} respondent(s) with every variable present for "
            f"{p} coefficients; a regression needs more respondents than coefficients.",
            nl=f"{where_nl}: {n} respondent(en) met elke variabele ingevuld voor {p} "
            "coëfficiënten; een regressie vraagt meer respondenten dan coëfficiënten.")
    dependent = _first_dependent(x)
    if dependent is not None:
        raise DataError(
            en=f"{where}: {terms[dependent]} is a linear combination of the other "
            "predictors (perfect collinearity, e.g. a scale and its own items, or "
            "dummies that add up to another); leave one of them out.",
            nl=f"{where_nl}: {terms[dependent]} is een lineaire combinatie van de andere "
            "voorspellers (perfecte collineariteit, bijvoorbeeld een schaal en de eigen items, "
            "of dummy's die samen een andere vormen); laat er een van weg.")
    if model.centre == "team" and teams is None:
        raise DataError(
            en=f"{where}: centre = \"team\" needs a team column ([teams] column or --team).",
            nl=f"{where_nl}: centre = \"team\" vraagt een teamkolom (column in [teams] of "
            "--team).")
    return Design(y=y, x=x, terms=terms, labels=labels, teams=teams, n_teams=n_teams,
                  moderators=moderators, offsets=offsets, n_dropped=n_dropped, notes=notes,
                  categories=counts)


def _rows(name: str, model: str, design: Design, fit: Any, std: np.ndarray,
          vifs: np.ndarray) -> list[dict[str, Any]]:
    import numpy as np

    from ..stats.regression import t_inference

    rows = []
    for j, term in enumerate(design.terms):
        result = t_inference(*fit.contrast(np.eye(len(design.terms))[j]))
        rows.append({"regression": name, "model": model, "term": term,
                     "term_label": design.labels[j], **result,
                     "std_estimate": float(std[j]),
                     "vif": math.nan if j == 0 else float(vifs[j - 1])})
    return rows


def small_categories(design: Design, min_cell: int) -> tuple[set[str], list[str]]:
    """The terms resting on a category of fewer than ``min_cell`` respondents, and the
    predictors concerned. A dummy ``x[level]`` is the (adjusted) mean of that level's
    respondents against the reference: with a level of 1 to ``min_cell − 1`` it is theirs
    (with one respondent the dummy fits them exactly). When the reference level is that
    small, every dummy of the predictor and the intercept rest on it."""
    terms: set[str] = set()
    predictors = []
    for name, (reference, levels) in design.categories.items():
        small = {term for term, n in levels.items() if n < min_cell}
        if reference < min_cell:
            small = set(levels) | {INTERCEPT}
        if small:
            terms |= small
            predictors.append(name)
    return terms, predictors


def regress(data: SurveyData, models: list[RegressionConfig], min_cell: int | None = None
            ) -> Regressions:
    """Every model of ``models`` as ``ols``, and with teams ``ols_cluster`` and ``mixed``.

    With ``min_cell``, the coefficients of categories with fewer respondents are left empty
    (:func:`small_categories`), with a note; counts and the model fit stay."""
    import numpy as np
    import pandas as pd

    from ..stats.cluster import fit_cluster_ols
    from ..stats.mixed import fit_random_intercept
    from ..stats.regression import fit_ols, std_coefficients, t_inference, vif

    coefficients: list[dict[str, Any]] = []
    fits: list[dict[str, Any]] = []
    slopes: list[dict[str, Any]] = []
    notes: list[Note] = list(data.notes)
    for model in models:
        design = build_design(data, model)
        notes.extend(design.notes)
        vifs = vif(design.x[:, 1:])
        high = [t for t, v in zip(design.terms[1:], vifs, strict=True)
                if v > 10 and ":" not in t]
        if high:
            notes.append(warning("high_vif", f"regression {model.name}: VIF above 10 for "
                                 f"{', '.join(high)} (strong multicollinearity): their "
                                 "coefficients are unstable.", subject=model.name,
                                 values={"terms": high}))
        fitted: dict[str, Any] = {OLS: fit_ols(design.y, design.x)}
        null_icc = math.nan
        if design.teams is not None:
            if design.n_teams < 2:
                raise DataError(
                    en=f"regression {model.name}: the model's rows come from "
                    f"{design.n_teams} team; team models need at least 2.",
                    nl=f"regressie {model.name}: de rijen van het model komen uit "
                    f"{design.n_teams} team; teammodellen vragen er minstens 2.")
            sizes = np.bincount(design.teams)
            if (sizes < 2).any():
                notes.append(warning(
                    "single_member_teams_regression",
                    f"regression {model.name}: {int((sizes < 2).sum())}"
                    " team(s) have one respondent in the model; they inform the team variance "
                    "only weakly.", subject=model.name,
                    values={"n_teams": int((sizes < 2).sum())}))
            fitted[CLUSTER] = fit_cluster_ols(design.y, design.x, design.teams, kind="cr1")
            fitted[MIXED] = fit_random_intercept(design.y, design.x, design.teams)
            null = fit_random_intercept(design.y, np.ones((len(design.y), 1)), design.teams)
            null_icc = null.icc
            if not fitted[MIXED].converged:
                notes.append(warning("mixed_not_converged",
                                     f"regression {model.name}: the random-intercept model did "
                                     f"not converge ({fitted[MIXED].message}); do not report "
                                     "its estimates.", subject=model.name,
                                     values={"message": str(fitted[MIXED].message)}))
            elif fitted[MIXED].boundary:
                notes.append(Note("mixed_boundary",
                                  f"regression {model.name}: the team variance is estimated "
                                  "as 0 (boundary fit, as lme4's \"singular\"): the mixed "
                                  "model equals OLS.", subject=model.name))
        hidden, predictors = (small_categories(design, min_cell) if min_cell is not None
                              else (set(), []))
        if hidden:
            notes.append(Note(
                "small_category_suppressed",
                f"regression {model.name}: {', '.join(predictors)} has a category of fewer "
                f"than {min_cell} respondents; its coefficients (and the intercept, when it "
                "is the reference category) are not published.", subject=model.name,
                values={"predictors": ", ".join(predictors), "min_cell": min_cell}))
        for kind, fit in fitted.items():
            coef = fit.coef
            std = std_coefficients(coef, design.x, design.y)
            rows = _rows(model.name, kind, design, fit, std, vifs)
            for row in rows:
                if row["term"] in hidden:
                    row.update(dict.fromkeys(SUPPRESSED_COLUMNS, math.nan))
            coefficients.extend(rows)
            ols_like = kind in (OLS, CLUSTER)
            fits.append({
                "regression": model.name, "model": kind, "n": len(design.y),
                "n_teams": design.n_teams if design.teams is not None else math.nan,
                "r_squared": fitted[OLS].r_squared if ols_like else math.nan,
                "adj_r_squared": fitted[OLS].adj_r_squared if ols_like else math.nan,
                "var_team": fit.var_respondent if kind == MIXED else math.nan,
                "var_residual": fit.var_residual if kind == MIXED else fitted[OLS].sigma ** 2,
                "icc": fit.icc if kind == MIXED else math.nan, "icc_null": null_icc,
                "converged": bool(fit.converged) if kind == MIXED else True,
                "n_dropped": design.n_dropped})
            for a, b in model.interactions:
                moderator = design.moderators[b]
                mean, sd = float(moderator.mean()), float(moderator.std(ddof=1))
                for at, value in (("mean - 1 sd", mean - sd), ("mean", mean),
                                  ("mean + 1 sd", mean + sd)):
                    weights = np.zeros(len(design.terms))
                    weights[design.terms.index(a)] = 1.0
                    weights[design.terms.index(f"{a}:{b}")] = value
                    result = t_inference(*fit.contrast(weights))
                    result.pop("statistic")
                    slopes.append({"regression": model.name, "model": kind, "predictor": a,
                                   "moderator": b, "moderator_at": at,
                                   "moderator_value": value + design.offsets[b], **result})
    return Regressions(coefficients=pd.DataFrame(coefficients, columns=COEFFICIENT_COLUMNS),
                       fit=pd.DataFrame(fits, columns=FIT_COLUMNS),
                       simple_slopes=pd.DataFrame(slopes, columns=SLOPE_COLUMNS),
                       notes=tuple(notes))
