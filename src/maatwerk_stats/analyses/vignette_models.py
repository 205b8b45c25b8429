"""Richer vignette models beside the standard ones of :mod:`.vignette`.

**Extended model** (``vignette_model_coefficients.csv``, ``vignette_model_fit.csv``): the
vignette factors plus respondent-level covariates, cross-level factor × moderator
interactions and factor × factor interactions, in one linear mixed model with a random
intercept per respondent, REML and Satterthwaite df (:mod:`maatwerk_stats.stats.mixed`), as

    lmerTest::lmer(y ~ factors + covariates + factor:moderator + factor:factor
                   + (1 | respondent))

Factors are treatment-coded against their reference level (``factor[level]``), a categorical
covariate against its first value in sorted order (``covariate[value]``, R's ``factor()``);
numeric covariates and moderators enter as they are (not centred, as in the R formula), so
a factor's coefficient is its effect where the moderator is 0. Terms are named as R's
``lm`` would join them: ``reputatie[succesvol]:ervaring``. Ratings of respondents with a
missing covariate are left out (a note counts them). The model is pooled over groups; add
the group column as a covariate to control for it. Wald 95 % CI (estimate ± 1.96·SE, as
DESIGN.md §5).

**Per vignette** (``vignette_per_vignette.csv``): each deck vignette's mean rating and its
difference from the grand mean of the vignette means, ``μ_v − (1/V)Σ_w μ_w``, from the
cell-means mixed model ``lmer(y ~ 0 + vignette + (1 | respondent))`` with
``lmerTest::contest1D`` for each contrast (estimate, SE, Satterthwaite df, p). A vignette
rated by fewer than ``min_cell`` respondents is not published (its mean and SD are empty,
and so are all the differences from the grand mean, which sum to 0).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import DataError, OptionError, Text, number, quoted_list
from ..notes import Note
from ..prepare.ratings import RATING, RESPONDENT, VIGNETTE, ordered_levels
from .categories import check_categories

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..prepare.ratings import VignetteData

# --crossed works on dense (V + p + 1)² matrices: one evaluation of the deviance costs O(V³),
# so a deck is capped (500 vignettes: about 15 s on a loaded 2-core machine)
MAX_CROSSED_VIGNETTES = 500
COEFFICIENT_COLUMNS = ["model", "group", "term", "estimate", "std_error", "statistic", "df",
                       "p_value", "conf_low", "conf_high"]
Z_95 = 1.959963984540054


@dataclass(frozen=True)
class ExtendedModel:
    coefficients: pd.DataFrame
    fit: pd.DataFrame
    notes: tuple[Note, ...] = ()


def _numeric(series: pd.Series) -> bool:
    import pandas as pd

    return bool(pd.api.types.is_float_dtype(series))


def _constant(name: str) -> Text:
    """Why a covariate or moderator with one value cannot be in the model."""
    return Text(en=f"covariate or moderator {name!r} has the same value for every respondent "
                   "in the model, so its effect cannot be estimated; leave it out.",
                nl=f"covariaat of moderator {name!r} heeft dezelfde waarde voor elke "
                   "respondent in het model, dus het effect ervan is niet te schatten; laat "
                   "hem weg.")


def _covariate_blocks(values: pd.Series, name: str) -> list[tuple[str, np.ndarray]]:
    """(term, column) for one covariate: itself when numeric, dummies when categorical."""
    import numpy as np

    from ..io.dataset import code_sort_key

    if _numeric(values):
        column = values.to_numpy(float)
        if np.ptp(column) == 0:
            raise DataError(_constant(name))
        return [(name, column)]
    levels = sorted(values.dropna().unique(), key=code_sort_key)
    check_categories(repr(name), len(levels), "",
                     Text(en="the covariate or moderator", nl="de covariaat of moderator"))
    if len(levels) < 2:
        raise DataError(_constant(name))
    text = values.to_numpy(object)
    return [(f"{name}[{level}]", (text == level).astype(float)) for level in levels[1:]]


def extended_model(data: VignetteData, covariates: pd.DataFrame | None = None, *,
                   adjust_for: Sequence[str] = (), moderators: Sequence[str] = (),
                   factor_interactions: Sequence[tuple[str, str]] = ()) -> ExtendedModel:
    """The extended model of the module docstring. ``covariates``: one row per respondent
    id (text codes, the index) with the columns named in ``adjust_for`` and ``moderators``
    (:func:`maatwerk_stats.prepare.moderators.respondent_covariates`). A moderator
    ``"ervaring"`` moderates every factor, ``"taxrev:partyid"`` only that factor; a
    moderator need not be among ``adjust_for`` (its main effect is added)."""
    import numpy as np
    import pandas as pd

    from ..stats.mixed import fit_random_intercept

    factor_names = [f.name for f in data.factors]
    for pair in factor_interactions:
        unknown = [f for f in pair if f not in factor_names]
        if unknown or len(set(pair)) != 2:
            raise OptionError(
                en=f"factor interaction {':'.join(pair)!r}: name two different factors of "
                   f"{quoted_list(factor_names)}, e.g. {factor_names[0]}:{factor_names[-1]}.",
                nl=f"factorinteractie {':'.join(pair)!r}: noem twee verschillende factoren "
                   f"uit {quoted_list(factor_names, lang='nl')}, bijvoorbeeld "
                   f"{factor_names[0]}:{factor_names[-1]}.")
    moderated: list[tuple[list[str], str]] = []  # (factors, moderator)
    for entry in moderators:
        left, sep, right = entry.rpartition(":")
        if sep and left not in factor_names:
            raise OptionError(
                en=f"moderator {entry!r}: {left!r} is not a factor; write MODERATOR (it "
                   "moderates every factor) or FACTOR:MODERATOR.",
                nl=f"moderator {entry!r}: {left!r} is geen factor; schrijf MODERATOR (die "
                   "modereert elke factor) of FACTOR:MODERATOR.")
        moderated.append(([left] if sep else factor_names, right if sep else entry))
    wanted = list(dict.fromkeys([*adjust_for, *(m for _, m in moderated)]))
    frame = data.ratings[data.ratings[RATING].notna()].reset_index(drop=True)
    notes: list[Note] = []
    if wanted:
        if covariates is None:
            raise OptionError(en="covariates or moderators need their values per respondent.",
                              nl="covariaten of moderatoren hebben hun waarden per "
                                 "respondent nodig.")
        ids = frame[RESPONDENT].astype(str)
        joined = covariates.reindex(ids.to_numpy())[wanted].reset_index(drop=True)
        missing = joined.isna().any(axis=1).to_numpy()
        if missing.any():
            lost = int(ids[missing].nunique())
            notes.append(Note("covariates_missing",
                              f"{lost} respondent(s) without a value of every covariate left "
                              "out of the extended model.", values={"n_respondents": lost}))
            frame = frame[~missing].reset_index(drop=True)
            joined = joined[~missing].reset_index(drop=True)
        if frame.empty:
            raise DataError(en="no respondent has a value of every covariate; check that the "
                               "ids of the covariate file match the vignette data.",
                            nl="geen enkele respondent heeft een waarde op elke covariaat; "
                               "controleer of de ids in het bestand met covariaten "
                               "overeenkomen met de vignetdata.")
    names = ["Intercept"]
    blocks = [np.ones(len(frame))]
    dummies: dict[str, list[tuple[str, np.ndarray]]] = {}
    for factor in data.factors:
        values = frame[factor.name].to_numpy()
        dummies[factor.name] = [(f"{factor.name}[{level}]", (values == level).astype(float))
                                for level in ordered_levels(factor)[1:]]
        for term, column in dummies[factor.name]:
            names.append(term)
            blocks.append(column)
    covariate_blocks = {name: _covariate_blocks(joined[name], name) for name in wanted}
    for name in wanted:  # covariates, then moderators not among them (main effects)
        for term, column in covariate_blocks[name]:
            names.append(term)
            blocks.append(column)
    for moderated_factors, moderator in moderated:
        for name in moderated_factors:
            for f_term, f_column in dummies[name]:
                for m_term, m_column in covariate_blocks[moderator]:
                    names.append(f"{f_term}:{m_term}")
                    blocks.append(f_column * m_column)
    for first, second in factor_interactions:
        for a_term, a_column in dummies[first]:
            for b_term, b_column in dummies[second]:
                names.append(f"{a_term}:{b_term}")
                blocks.append(a_column * b_column)
    x = np.column_stack(blocks)
    _check_rank(x, names)
    y = frame[RATING].to_numpy(float)
    groups = pd.factorize(frame[RESPONDENT], sort=False)[0]
    fit = fit_random_intercept(y, x, groups)
    rows = []
    for j, term in enumerate(names):
        estimate, se, df = fit.contrast(np.eye(len(names))[j])
        rows.append(_row("mixed_extended", term, estimate, se, df))
    coefficients = pd.DataFrame(rows, columns=COEFFICIENT_COLUMNS)
    fit_table = pd.DataFrame([{
        "model": "mixed_extended", "group": "all", "n_ratings": fit.n,
        "n_respondents": fit.n_groups, "var_respondent": fit.var_respondent,
        "var_residual": fit.var_residual, "icc": fit.icc, "converged": fit.converged,
        "covariates": ", ".join(adjust_for), "moderators": ", ".join(moderators),
        "factor_interactions": ", ".join(f"{a}:{b}" for a, b in factor_interactions)}])
    if fit.message:
        notes.append(Note("extended_model_convergence",
                          f"the extended model: {fit.message}.", level="warning",
                          values={"message": str(fit.message)}))
    return ExtendedModel(coefficients=coefficients, fit=fit_table, notes=tuple(notes))


def _row(model: str, term: str, estimate: float, se: float, df: float) -> dict[str, object]:
    from ..stats.distributions import t_two_sided_p

    statistic = estimate / se if se > 0 else math.nan
    p_value = t_two_sided_p(statistic, df) if math.isfinite(df) and se > 0 else math.nan
    return {"model": model, "group": "all", "term": term, "estimate": estimate,
            "std_error": se, "statistic": statistic, "df": df, "p_value": p_value,
            "conf_low": estimate - Z_95 * se, "conf_high": estimate + Z_95 * se}


def _check_rank(x: np.ndarray, names: Sequence[str]) -> None:
    """Name the first term that is a linear combination of the ones before it."""
    import numpy as np

    if np.linalg.matrix_rank(x) == x.shape[1]:
        return
    for j in range(2, x.shape[1] + 1):
        if np.linalg.matrix_rank(x[:, :j]) < j:
            raise DataError(
                en=f"term {names[j - 1]!r} of the extended model cannot be told apart from the "
                   "terms before it in these data (it is a combination of them, e.g. a "
                   "covariate that varies only with a factor); leave it out.",
                nl=f"term {names[j - 1]!r} van het uitgebreide model is in deze data niet te "
                   "onderscheiden van de termen ervoor (hij is een combinatie ervan, "
                   "bijvoorbeeld een covariaat die alleen met een factor meevarieert); laat hem "
                   "weg.")


def per_vignette(data: VignetteData, min_cell: int = 5) -> pd.DataFrame:
    """``vignette_per_vignette.csv`` (module docstring): one row per deck vignette."""
    import numpy as np
    import pandas as pd

    from ..io.dataset import code_sort_key
    from ..stats.mixed import fit_random_intercept

    frame = data.ratings[data.ratings[RATING].notna()].reset_index(drop=True)
    if VIGNETTE not in frame.columns or frame[VIGNETTE].isna().all():
        raise OptionError(en="the per-vignette table needs the vignette of every rating: "
                             "long data with a vignette column (--vignette-column), or wide "
                             "data.",
                          nl="de tabel per vignet heeft bij elk oordeel het vignet nodig: "
                             "lange data met een vignetkolom (--vignette-column), of brede "
                             "data.")
    vignette_ids = sorted(frame[VIGNETTE].dropna().astype(str).unique(), key=code_sort_key)
    vignettes = frame[VIGNETTE].astype(str).to_numpy()
    x = np.column_stack([(vignettes == v).astype(float) for v in vignette_ids])
    y = frame[RATING].to_numpy(float)
    groups = pd.factorize(frame[RESPONDENT], sort=False)[0]
    fit = fit_random_intercept(y, x, groups)
    n_v = len(vignette_ids)
    stats = frame.assign(_v=vignettes).groupby("_v", sort=False).agg(
        n_ratings=(RATING, "size"), n_respondents=(RESPONDENT, "nunique"),
        mean=(RATING, "mean"), sd=(RATING, "std"))
    rows = []
    for j, vignette in enumerate(vignette_ids):
        weights = -np.full(n_v, 1 / n_v)
        weights[j] += 1
        estimate, se, df = fit.contrast(weights)
        row = {"vignette": vignette}
        first = frame.loc[vignettes == vignette].iloc[0]
        for factor in data.factors:
            row[factor.name] = first[factor.name]
        row.update({"n_ratings": int(stats.loc[vignette, "n_ratings"]),
                    "n_respondents": int(stats.loc[vignette, "n_respondents"]),
                    "mean": float(stats.loc[vignette, "mean"]),
                    "sd": float(stats.loc[vignette, "sd"])})
        row.update({k: v for k, v in _row("mixed", "", estimate, se, df).items()
                    if k in ("estimate", "std_error", "statistic", "df", "p_value",
                             "conf_low", "conf_high")})
        rows.append(row)
    table = pd.DataFrame(rows)
    small = table["n_respondents"] < min_cell
    if small.any():
        # a small vignette's own numbers, and the differences from the grand mean (they sum
        # to 0, so the others give the hidden one away)
        table.loc[small, ["mean", "sd"]] = math.nan
        table[["estimate", "std_error", "statistic", "df", "p_value", "conf_low",
               "conf_high"]] = math.nan
    return table


def deck_summary(data: VignetteData) -> dict[str, int | None]:
    """What the factsheet says about the design: the possible combinations of the levels,
    the vignettes rated (distinct ids; None without a vignette column), the distinct
    combinations among them, and the (median) number of ratings per respondent."""
    import numpy as np

    frame = data.ratings[data.ratings[RATING].notna()]
    n_combinations = int(np.prod([len(f.levels) for f in data.factors]))
    has_ids = VIGNETTE in frame.columns and frame[VIGNETTE].notna().any()
    combos = frame[[f.name for f in data.factors]].drop_duplicates()
    per_respondent = frame.groupby(RESPONDENT, observed=True).size()
    return {"n_factors": len(data.factors), "n_combinations": n_combinations,
            "n_vignettes": int(frame[VIGNETTE].nunique()) if has_ids else None,
            "n_distinct": len(combos),
            "per_respondent": int(per_respondent.median()) if len(per_respondent) else 0}


def crossed_model(data: VignetteData) -> ExtendedModel:
    """The factors with crossed random intercepts for respondent and vignette, as
    ``lmerTest::lmer(y ~ factors + (1 | respondent) + (1 | vignette))``
    (:mod:`maatwerk_stats.stats.mixed_crossed`): ``model`` = ``mixed_crossed``. The vignette
    intercepts take up what the factors' main effects leave of the vignettes' differences
    (their interactions, the wording), so the factor effects generalise to other vignettes
    with these levels."""
    import numpy as np
    import pandas as pd

    from ..stats.mixed_crossed import fit_crossed

    frame = data.ratings[data.ratings[RATING].notna()].reset_index(drop=True)
    if VIGNETTE not in frame.columns or frame[VIGNETTE].isna().any():
        raise OptionError(en="the crossed model needs the vignette of every rating: long "
                             "data with a vignette column (--vignette-column), or wide data.",
                          nl="het gekruiste model heeft bij elk oordeel het vignet nodig: "
                             "lange data met een vignetkolom (--vignette-column), of brede "
                             "data.")
    n_vignettes = frame[VIGNETTE].nunique()
    if n_vignettes > MAX_CROSSED_VIGNETTES:
        raise OptionError(
            en=f"--crossed fits decks of up to {MAX_CROSSED_VIGNETTES:,} distinct vignettes; "
               f"these ratings have {n_vignettes:,} (e.g. a fully randomised conjoint, where "
               "almost every profile is new). Leave out --crossed: the respondent model in "
               "vignette_coefficients.csv is the standard analysis.",
            nl=f"--crossed werkt voor decks van ten hoogste "
               f"{number(MAX_CROSSED_VIGNETTES, 'nl')} verschillende vignetten; deze oordelen "
               f"hebben er {number(n_vignettes, 'nl')} (bijvoorbeeld een volledig "
               "gerandomiseerde conjoint, waarin bijna elk profiel nieuw is). Laat --crossed "
               "weg: het respondentmodel in vignette_coefficients.csv is de standaardanalyse.")
    names = ["Intercept"]
    blocks = [np.ones(len(frame))]
    for factor in data.factors:
        values = frame[factor.name].to_numpy()
        for level in ordered_levels(factor)[1:]:
            names.append(f"{factor.name}[{level}]")
            blocks.append((values == level).astype(float))
    x = np.column_stack(blocks)
    _check_rank(x, names)
    fit = fit_crossed(frame[RATING].to_numpy(float), x,
                      pd.factorize(frame[RESPONDENT], sort=False)[0],
                      pd.factorize(frame[VIGNETTE].astype(str), sort=False)[0])
    rows = [_row("mixed_crossed", term, *fit.contrast(np.eye(len(names))[j]))
            for j, term in enumerate(names)]
    fit_table = pd.DataFrame([{
        "model": "mixed_crossed", "group": "all", "n_ratings": fit.n,
        "n_respondents": fit.n_respondents, "var_respondent": fit.var_respondent,
        "var_residual": fit.var_residual,
        "icc": fit.var_respondent / (fit.var_respondent + fit.var_vignette + fit.var_residual),
        "converged": fit.converged, "n_vignettes": fit.n_vignettes,
        "var_vignette": fit.var_vignette}])
    notes = ()
    if not fit.converged:
        notes = (Note("crossed_model_convergence", "the crossed model did not converge.",
                      level="warning"),)
    return ExtendedModel(coefficients=pd.DataFrame(rows, columns=COEFFICIENT_COLUMNS),
                         fit=fit_table, notes=notes)
