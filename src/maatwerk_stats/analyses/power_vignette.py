"""``power vignette``: power of a planned vignette study, by simulation.

The plan: a deck (vignette → factor levels) and who rates what (every respondent the whole
deck, one of the ``design`` sets in turn, or ``K`` vignettes drawn once per respondent), a
number of respondents (per group), the true effects in rating units, and the variance
components (an ICC and the total SD of a rating, or the two variances). Each simulated
study draws

    y_ij = x_ij'β + u_i + e_ij,   u_i ~ N(0, σ_u²),   e_ij ~ N(0, σ²)

and is analysed as ``vignette`` analyses it: the linear mixed model with a random intercept
per respondent, REML, Satterthwaite df (as ``lmerTest``; :mod:`maatwerk_stats.stats.
mixed_batch` fits all simulations at once). With two groups (pre/post, different respondents)
the model is the pooled ``y ~ factors * group + (1 | respondent)``: ``factor[level]`` is the
effect in the first group, ``group[g]:factor[level]`` the change of that effect in group ``g``
(the interaction ``vignette_interactions.csv`` reports). Power is the share of simulations
with p < α, its 95 % interval the exact binomial (Clopper–Pearson) interval, as
``binom.test``. This is the approach of ``simr::powerSim`` (Green & MacLeod 2016, *Methods
Ecol. Evol.* 7(4)) for lme4 models.

Ratings are simulated as continuous (no floor or ceiling of the answer scale), so with many
ratings at the ends of the scale the real power is lower.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..errors import OptionError, number, param, quoted_list
from ..stats.scipy_import import import_module
from .power import POWER_COLUMNS, PowerResult, check_probability

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..config.model import FactorConfig

CHUNK = 500  # simulations fitted together (bounds the memory of the stacks)
# Bounds on the work a run may ask for (about 1 million simulated ratings per second and
# 20 kB of memory per rating of one simulated study, measured on the demo machine): a
# simulated study of at most MAX_STUDY_RATINGS ratings (about 1 GB), at most
# MAX_SIMULATED_RATINGS ratings over all simulations and sample sizes (a few minutes).
MAX_STUDY_RATINGS = 50_000
MAX_SIMULATED_RATINGS = 200_000_000


def term_names(factors: Mapping[str, FactorConfig], groups: Sequence[str] | None
               ) -> list[str]:
    """Model terms after the intercept, named as in ``vignette_coefficients.csv``."""
    names = [f"{name}[{level}]" for name, f in factors.items()
             for level in f.levels if level != f.reference]
    if groups:
        later = [f"group[{g}]" for g in groups[1:]]
        names += later + [f"{g}:{term}" for g in later for term in names]
    return names


def resolve_effects(spec: Mapping[str, float], factors: Mapping[str, FactorConfig],
                    what: str) -> dict[str, float]:
    """``{"reputatie": 0.5}`` (a two-level factor) or ``{"reputatie[succesvol]": 0.5}``
    → ``{"reputatie[succesvol]": 0.5}``; names checked against the factors."""
    resolved: dict[str, float] = {}
    for key, value in spec.items():
        name, _, level = key.partition("[")
        level = level.rstrip("]")
        if name not in factors:
            raise OptionError(
                en=f"{param(what, f'{key}={value:g}')}: {name!r} is not a factor; the factors "
                   f"are {quoted_list(list(factors))}.",
                nl=f"{param(what, f'{key}={value:g}')}: {name!r} is geen factor; de factoren "
                   f"zijn {quoted_list(list(factors), lang='nl')}.")
        factor = factors[name]
        others = [lv for lv in factor.levels if lv != factor.reference]
        if not level:
            if len(others) != 1:
                example = param(what, f'{name}[{others[0]}]={value:g}')
                raise OptionError(
                    en=f"{param(what, f'{key}={value:g}')}: {name!r} has {len(others)} levels "
                       f"besides its reference {factor.reference!r}; name the level, e.g. "
                       f"{example}.",
                    nl=f"{param(what, f'{key}={value:g}')}: {name!r} heeft {len(others)} "
                       f"niveaus naast het referentieniveau {factor.reference!r}; noem het "
                       f"niveau, bijvoorbeeld {example}.")
            level = others[0]
        if level not in others:
            raise OptionError(
                en=f"{param(what, f'{key}={value:g}')}: {level!r} is not a non-reference "
                   f"level of {name!r} ({quoted_list(others)}).",
                nl=f"{param(what, f'{key}={value:g}')}: {level!r} is geen niveau van "
                   f"{name!r} naast het referentieniveau ({quoted_list(others, lang='nl')}).")
        if not math.isfinite(value):
            raise OptionError(en=f"{param(what, key)}: the effect must be a finite number.",
                              nl=f"{param(what, key)}: het effect moet een eindig getal zijn.")
        resolved[f"{name}[{level}]"] = float(value)
    return resolved


def variance_components(icc: float | None, sd: float | None, var_respondent: float | None,
                        var_residual: float | None) -> tuple[float, float]:
    """(σ_u², σ²) from an ICC and the total SD of a rating, or given directly."""
    if icc is not None:
        if var_respondent is not None or var_residual is not None:
            raise OptionError(
                en=f"give {param('icc')} (with {param('sd')}) or {param('var_respondent')} "
                   f"and {param('var_residual')}, not both.",
                nl=f"geef {param('icc')} (met {param('sd')}) of {param('var_respondent')} "
                   f"en {param('var_residual')}, niet allebei.")
        if not (0 <= icc < 1 and math.isfinite(icc)):
            raise OptionError(
                en=f"{param('icc', icc)}: the ICC (share of the rating variance between "
                   "respondents) must be at least 0 and below 1.",
                nl=f"{param('icc', icc)}: de ICC (het deel van de variantie van de oordelen "
                   "tussen respondenten) moet minstens 0 en kleiner dan 1 zijn.")
        total = 1.0 if sd is None else sd
        if not (total > 0 and math.isfinite(total)):
            raise OptionError(en=f"{param('sd', sd)} must be a positive number.",
                              nl=f"{param('sd', sd)} moet een positief getal zijn.")
        return icc * total**2, (1 - icc) * total**2
    if var_respondent is None or var_residual is None:
        raise OptionError(
            en=f"give the variance components: {param('icc')} (and {param('sd')}, default 1) "
               f"or {param('var_respondent')} and {param('var_residual')}.",
            nl=f"geef de variantiecomponenten: {param('icc')} (en {param('sd')}, standaard "
               f"1) of {param('var_respondent')} en {param('var_residual')}.")
    if not (var_respondent >= 0 and math.isfinite(var_respondent)):
        raise OptionError(
            en=f"{param('var_respondent', var_respondent)} must be 0 or more.",
            nl=f"{param('var_respondent', var_respondent)} moet 0 of meer zijn.")
    if not (var_residual > 0 and math.isfinite(var_residual)):
        raise OptionError(
            en=f"{param('var_residual', var_residual)} must be positive: without residual "
               "variance every rating is predicted exactly.",
            nl=f"{param('var_residual', var_residual)} moet positief zijn: zonder "
               "residuele variantie ligt elk oordeel precies vast.")
    return float(var_respondent), float(var_residual)


def _check_work(deck_levels: np.ndarray, sets: Sequence[Sequence[int]] | None, k: int | None,
                respondents: Sequence[int], n_groups: int, simulations: int) -> None:
    """Refuse a run beyond :data:`MAX_STUDY_RATINGS` / :data:`MAX_SIMULATED_RATINGS` before
    anything is allocated (``--respondents 1000000000`` ran out of memory, a million sample
    sizes or 100 million simulations ran for hours)."""
    n_deck = len(deck_levels)
    per = (max(len(s) for s in sets) if sets is not None else
           n_deck if k is None else min(k, n_deck))
    largest = max(respondents) * n_groups * per
    if largest > MAX_STUDY_RATINGS:
        raise OptionError(
            en=f"{param('respondents', max(respondents))}: one simulated study would hold "
               f"{largest:,} ratings, more than the {MAX_STUDY_RATINGS:,} a simulation can "
               "fit in memory; plan fewer respondents (power rarely changes beyond a few "
               "hundred).",
            nl=f"{param('respondents', max(respondents))}: één gesimuleerde studie zou "
               f"{number(largest, 'nl')} oordelen bevatten, meer dan de "
               f"{number(MAX_STUDY_RATINGS, 'nl')} die in het geheugen passen; plan minder "
               "respondenten (boven een paar honderd verandert de power zelden).")
    total = simulations * sum(respondents) * n_groups * per
    if total > MAX_SIMULATED_RATINGS:
        raise OptionError(
            en=f"{param('simulations', simulations)} × {len(respondents)} sample size(s) "
               f"would simulate {total:,} ratings, more than {MAX_SIMULATED_RATINGS:,} "
               "(several minutes at most); use fewer simulations or fewer sample sizes (a "
               "range with a larger step).",
            nl=f"{param('simulations', simulations)} × {len(respondents)} "
               f"steekproefomvang(en) zou {number(total, 'nl')} oordelen simuleren, meer dan "
               f"{number(MAX_SIMULATED_RATINGS, 'nl')} (hooguit enkele minuten); gebruik "
               "minder simulaties of minder steekproefomvangen (een reeks met een grotere "
               "stap).")


def _plan(deck_levels: np.ndarray, sets: Sequence[Sequence[int]] | None, k: int | None,
          n_respondents: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(respondent, deck row) of every rating of one group of ``n_respondents``."""
    import numpy as np

    n_deck = len(deck_levels)
    if sets is not None:
        rows = [np.asarray(sets[r % len(sets)]) for r in range(n_respondents)]
        respondent = np.concatenate([np.full(len(r), i) for i, r in enumerate(rows)])
        return respondent, np.concatenate(rows)
    if k is None or k >= n_deck:
        return (np.repeat(np.arange(n_respondents), n_deck),
                np.tile(np.arange(n_deck), n_respondents))
    chosen = rng.random((n_respondents, n_deck)).argsort(axis=1)[:, :k]
    return np.repeat(np.arange(n_respondents), k), chosen.ravel()


def _matrix(factors: Mapping[str, FactorConfig], deck_levels: np.ndarray,
            rows: np.ndarray, group: np.ndarray | None, n_groups: int) -> np.ndarray:
    """Treatment-coded model matrix: intercept, factor terms, group terms, interactions
    (the column order of :func:`term_names`)."""
    import numpy as np

    columns = [np.ones(len(rows))]
    for f, factor in enumerate(factors.values()):
        shown = deck_levels[rows, f]
        for index, level in enumerate(factor.levels):
            if level != factor.reference:
                columns.append((shown == index).astype(float))
    if group is not None:
        main = columns[1:]
        dummies = [(group == g).astype(float) for g in range(1, n_groups)]
        columns += dummies
        columns += [d * m for d in dummies for m in main]
    return np.column_stack(columns)


def vignette_power(factors: Mapping[str, FactorConfig], deck_levels: np.ndarray, *,
                   respondents: Sequence[int], effects: Mapping[str, float],
                   var_respondent: float, var_residual: float,
                   sets: Sequence[Sequence[int]] | None = None,
                   vignettes_per_respondent: int | None = None,
                   groups: Sequence[str] | None = None,
                   interactions: Mapping[str, float] | None = None, group_shift: float = 0.0,
                   simulations: int = 1000, alpha: float = 0.05, seed: int = 1,
                   target_power: float = 0.8) -> PowerResult:
    """Simulated power of every model term for every number of respondents (per group).

    ``deck_levels``: deck rows × factors, level indices into each factor's ``levels``;
    ``sets``: deck row indices per set (respondent r rates set r mod S); ``effects`` and
    ``interactions``: ``factor`` or ``factor[level]`` → true effect in rating units (see
    :func:`resolve_effects`); ``target_power``: the power ``needed`` (power_needed.csv)
    asks for, see :func:`needed_respondents`.
    """
    import numpy as np
    import pandas as pd
    betaincinv = import_module("scipy.special").betaincinv

    from ..stats.mixed_batch import fit_many

    check_probability("alpha", alpha)
    check_probability("target_power", target_power)
    if simulations < 10:
        raise OptionError(
            en=f"{param('simulations', simulations)}: use at least 10 simulated studies "
               "(1,000 give power to about ±3 percentage points).",
            nl=f"{param('simulations', simulations)}: gebruik minstens 10 gesimuleerde "
               "studies (met 1.000 ligt de power op ongeveer ±3 procentpunt vast).")
    if not respondents or min(respondents) < 1:
        fewest = param('respondents', min(respondents) if respondents else 0)
        raise OptionError(en=f"{fewest}: give at least 2 respondents (per group).",
                          nl=f"{fewest}: geef minstens 2 respondenten (per groep).")
    if min(respondents) < 2:
        raise OptionError(
            en=f"{param('respondents', min(respondents))}: a random intercept per respondent "
               "needs at least 2 respondents (per group).",
            nl=f"{param('respondents', min(respondents))}: een random intercept per "
               "respondent heeft minstens 2 respondenten (per groep) nodig.")
    effects = resolve_effects(effects, factors, "effect")
    interactions = resolve_effects(interactions or {}, factors, "interaction")
    if interactions and not groups:
        raise OptionError(
            en=f"{param('interaction')} needs two groups ({param('groups')}, e.g. "
               f"{param('groups', 'voor,na')}).",
            nl=f"{param('interaction')} heeft twee groepen nodig ({param('groups')}, "
               f"bijvoorbeeld {param('groups', 'voor,na')}).")
    if groups is not None and (len(groups) != 2 or groups[0] == groups[1]):
        raise OptionError(
            en=f"{param('groups', ','.join(groups))}: give two different group names, the "
               "first one before.",
            nl=f"{param('groups', ','.join(groups))}: geef twee verschillende groepsnamen, "
               "de eerdere groep eerst.")
    names = term_names(factors, groups)
    n_main = sum(len(f.levels) - 1 for f in factors.values())
    beta = np.zeros(1 + len(names))
    for term, value in effects.items():
        beta[1 + names.index(term)] = value
    if groups:
        beta[1 + n_main] = group_shift
        for term, value in interactions.items():
            beta[1 + names.index(f"group[{groups[1]}]:{term}")] = value
    n_groups = len(groups) if groups else 1
    _check_work(deck_levels, sets, vignettes_per_respondent, respondents, n_groups,
                simulations)
    rng = np.random.default_rng(seed)
    contrasts = np.eye(1 + len(names))[1:]
    rows_out = []
    for n in respondents:
        respondent_parts, row_parts, group_parts = [], [], []
        for g in range(n_groups):
            person, rows = _plan(deck_levels, sets, vignettes_per_respondent, n, rng)
            respondent_parts.append(person + g * n)
            row_parts.append(rows)
            group_parts.append(np.full(len(rows), g))
        person = np.concatenate(respondent_parts)
        rows = np.concatenate(row_parts)
        group = np.concatenate(group_parts) if groups else None
        x = _matrix(factors, deck_levels, rows, group, n_groups)
        if np.linalg.matrix_rank(x) < x.shape[1] or len(x) - x.shape[1] < 1:
            raise OptionError(
                en=f"with {n} respondents{' per group' if groups else ''} the model's "
                   f"{x.shape[1]} parameters cannot all be estimated from the "
                   f"{len(x)} ratings; plan more respondents or vignettes.",
                nl=f"met {n} respondenten{' per groep' if groups else ''} zijn de "
                   f"{x.shape[1]} parameters van het model niet allemaal te schatten uit de "
                   f"{len(x)} oordelen; plan meer respondenten of vignetten.")
        mean = x @ beta
        n_people = n * n_groups
        rejected = np.zeros(len(names))
        failed = np.zeros(len(names))
        for start in range(0, simulations, CHUNK):
            size = min(CHUNK, simulations - start)
            u = rng.normal(0.0, math.sqrt(var_respondent), (size, n_people))
            e = rng.normal(0.0, math.sqrt(var_residual), (size, len(x)))
            # overflowing ratings give failed fits (counted below), not warnings
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                y = mean + u[:, person] + e
                fit = fit_many(y, x, person, contrasts)
            ok = np.isfinite(fit.p_value)
            rejected += ((fit.p_value < alpha) & ok).sum(axis=0)
            failed += (~ok).sum(axis=0)
        per_respondent = len(x) / n_people
        if (failed == simulations).any():
            term = names[int(np.argmax(failed == simulations))]
            effect = beta[1 + names.index(term)]
            raise OptionError(
                en=f"none of the {simulations} simulated studies with {n} respondents could "
                   f"be fitted for {term} (effect {effect:g}): the effects and variances give "
                   "ratings too large to compute with. Check "
                   f"{param('effect')}, {param('group_shift')}, {param('var_respondent')} and "
                   f"{param('var_residual')} (in rating points).",
                nl=f"geen van de {simulations} gesimuleerde studies met {n} respondenten kon "
                   f"geschat worden voor {term} (effect {number(effect, 'nl', 'g')}): de "
                   "effecten en varianties geven oordelen die te groot zijn om mee te rekenen. "
                   f"Controleer {param('effect')}, {param('group_shift')}, "
                   f"{param('var_respondent')} en {param('var_residual')} (in punten van het "
                   "oordeel).")
        for j, term in enumerate(names):
            hits = int(rejected[j])
            low = 0.0 if hits == 0 else float(betaincinv(hits, simulations - hits + 1, 0.025))
            high = 1.0 if hits == simulations else float(
                betaincinv(hits + 1, simulations - hits, 0.975))
            rows_out.append({
                "term": term, "effect": beta[1 + j], "n_respondents": n,
                "n_per_respondent": per_respondent, "power": hits / simulations,
                "conf_low": low, "conf_high": high, "n_simulations": simulations,
                "group": _group_of(term, groups), "n_failed": int(failed[j]),
                "n_total_respondents": n_people, "n_ratings": len(x), "alpha": alpha,
                "var_respondent": var_respondent, "var_residual": var_residual,
                "icc": var_respondent / (var_respondent + var_residual),
                "method": "simulation: lmer(y ~ factors" + (" * group" if groups else "")
                          + " + (1 | respondent)), REML, Satterthwaite"})
    table = pd.DataFrame(rows_out)
    table = table[POWER_COLUMNS + [c for c in table.columns if c not in POWER_COLUMNS]]
    return PowerResult(table=table, solved_for="power", kind="vignette",
                       needed=needed_respondents(table, target_power))


NEEDED_COLUMNS = ["term", "effect", "group", "target_power", "reached", "n_respondents",
                  "power", "conf_low", "conf_high", "smallest_n", "largest_n"]


def needed_respondents(table: pd.DataFrame, target_power: float = 0.8) -> pd.DataFrame:
    """How many to recruit: per term with a true effect (≠ 0), the smallest simulated number
    of respondents (per group) whose simulated power reaches ``target_power``, with that
    power and its Monte-Carlo interval; ``reached`` false (and ``n_respondents`` empty, the
    power at ``largest_n`` shown) when no simulated size reaches it; when ``smallest_n``
    already reaches it, fewer may do. Read from the curve as
    ``simr::powerCurve`` users do: the simulated sizes are the only candidates, so give a
    finer ``--respondents`` range around the answer for a closer one."""
    import pandas as pd

    rows = []
    for term, curve in table[table["effect"] != 0].groupby("term", sort=False):
        curve = curve.sort_values("n_respondents")
        hits = curve[curve["power"] >= target_power]
        reached = not hits.empty
        at = hits.iloc[0] if reached else curve.iloc[-1]
        rows.append({"term": term, "effect": at["effect"], "group": at["group"],
                     "target_power": target_power, "reached": reached,
                     "n_respondents": int(at["n_respondents"]) if reached else None,
                     "power": at["power"], "conf_low": at["conf_low"],
                     "conf_high": at["conf_high"],
                     "smallest_n": int(curve["n_respondents"].iloc[0]),
                     "largest_n": int(curve["n_respondents"].iloc[-1])})
    return pd.DataFrame(rows, columns=NEEDED_COLUMNS).astype({"n_respondents": "Int64"})


def _group_of(term: str, groups: Sequence[str] | None) -> str:
    if not groups:
        return "all"
    if term.startswith("group["):
        return "all"
    return groups[0]


def deck_level_indices(deck: pd.DataFrame, factors: Mapping[str, FactorConfig],
                       source: str) -> np.ndarray:
    """Deck rows × factors as level indices; names the first level the config lacks."""
    import numpy as np

    from ..errors import DataError

    columns = []
    for name, factor in factors.items():
        if factor.column not in deck.columns:
            raise DataError(
                en=f"deck {source} has no column {factor.column!r} for factor {name!r}; it "
                   f"has {quoted_list(list(deck.columns))}.",
                nl=f"deck {source} heeft geen kolom {factor.column!r} voor factor {name!r}; "
                   f"het heeft {quoted_list(list(deck.columns), lang='nl')}.")
        values = deck[factor.column].astype(str)
        unknown = sorted(set(values) - set(factor.levels))
        if unknown:
            raise DataError(
                en=f"deck {source}: factor {name!r} shows the level(s) {quoted_list(unknown)} "
                   f"that the config does not list ({quoted_list(list(factor.levels))}).",
                nl=f"deck {source}: factor {name!r} heeft de niveau(s) "
                   f"{quoted_list(unknown, lang='nl')} die niet in de config staan "
                   f"({quoted_list(list(factor.levels), lang='nl')}).")
        lookup = {level: i for i, level in enumerate(factor.levels)}
        columns.append(values.map(lookup).to_numpy(int))
    return np.column_stack(columns)
