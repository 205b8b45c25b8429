"""Figures of a survey in teams: team means with 95 % intervals (one per scale) and simple
slopes of an interaction (predicted outcome at the moderator's mean − 1 SD, mean, + 1 SD)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..format import fmt_number
from .plotting import CM, GROUP_COLORS, NEUTRAL, number_formatter, save_figure, subplots

if TYPE_CHECKING:
    from ...analyses.regress import Regressions
    from ...analyses.teams import TeamAgreement
    from ...config.survey import RegressionConfig
    from ...io.write import OutputWriter
    from ...prepare.teams import SurveyData

WORDS = {
    "nl": {"team_axis": "Teams, van laag naar hoog gemiddelde", "mean_axis": "Teamgemiddelde",
           "overall": "gemiddelde van de getoonde teams", "hidden": "{k} team(s) met minder "
           "dan {min_cell} leden niet getoond", "withdrawn": ", {k} ter bescherming daarvan",
           "slopes": "{outcome}: effect van {predictor}\nbij "
           "{moderator}", "low": "laag (gem. − 1 sd)", "mid": "gemiddeld", "high":
           "hoog (gem. + 1 sd)", "predicted": "Voorspeld: {outcome}", "model": "multilevelmodel",
           "ols": "OLS"},
    "en": {"team_axis": "Teams, from lowest to highest mean", "mean_axis": "Team mean",
           "overall": "mean of the teams shown", "hidden": "{k} team(s) with fewer than "
           "{min_cell} members not shown", "withdrawn": ", {k} more to protect them",
           "slopes": "{outcome}: effect of {predictor}\nat "
           "{moderator}", "low": "low (mean − 1 SD)", "mid": "mean", "high":
           "high (mean + 1 SD)", "predicted": "Predicted: {outcome}", "model": "multilevel model",
           "ols": "OLS"},
}
SLOPE_COLORS = ("#8fb8de", "#4d7fb3", "#1b4f8a")


def team_means_figure(result: TeamAgreement, variable: str, lang: str = "nl") -> Any:
    """Published team means (ascending) with their t-based 95 % CIs and the overall mean."""
    import numpy as np

    w = WORDS[lang]
    table = result.team_means[result.team_means["variable"] == variable]
    shown = table[~table["suppressed"]].sort_values("mean").reset_index(drop=True)
    small = table["suppressed"] & (table["n"] < result.min_cell)
    hidden = int(small.sum())
    withdrawn = int((table["suppressed"] & ~small).sum())  # analyses/small_groups.py
    agreement = result.agreement.set_index("variable").loc[variable]
    fig, ax = subplots(figsize=(16 * CM, 8 * CM))
    x = np.arange(len(shown))
    low = (shown["mean"] - shown["conf_low"]).fillna(0).to_numpy()
    high = (shown["conf_high"] - shown["mean"]).fillna(0).to_numpy()
    ax.errorbar(x, shown["mean"], yerr=[low, high], fmt="o", color=GROUP_COLORS[1],
                ecolor=GROUP_COLORS[0], elinewidth=1.2, markersize=3.5, zorder=3)
    weights = shown["n"].to_numpy(float)
    if weights.sum() > 0:
        overall = float(np.average(shown["mean"], weights=weights))
        ax.axhline(overall, color=NEUTRAL, linewidth=0.8, linestyle="--", zorder=1,
                   label=w["overall"])
        ax.legend(loc="upper left", fontsize=8)
    ax.set_xticks([])
    hidden_text = w["hidden"].format(k=hidden, min_cell=result.min_cell) + (
        w["withdrawn"].format(k=withdrawn) if withdrawn else "")
    ax.set_xlabel(w["team_axis"] + (f" ({hidden_text})" if hidden or withdrawn else ""))
    ax.set_ylabel(w["mean_axis"])
    ax.yaxis.set_major_formatter(number_formatter(lang, 1))
    ax.grid(axis="y", color="#e6e6e6", linewidth=0.6, zorder=0)
    ax.set_title(f"{agreement['label']} — ICC(1) = {fmt_number(agreement['icc1'], 2, lang)}, "
                 f"ICC(2) = {fmt_number(agreement['icc2'], 2, lang)}, rwg(j) = "
                 f"{fmt_number(agreement['rwg_j_mean'], 2, lang)}")
    fig.tight_layout()
    return fig


def write_team_figures(result: TeamAgreement, writer: OutputWriter, lang: str = "nl"
                       ) -> list[str]:
    """``figures/team_means_{variable}.png/.svg`` for every variable."""
    names: list[str] = []
    for variable in result.agreement["variable"]:
        names += save_figure(team_means_figure(result, variable, lang), writer,
                             f"team_means_{variable}")
    return names


def slopes_figure(result: Regressions, data: SurveyData, model: RegressionConfig,
                  predictor: str, moderator: str, lang: str = "nl") -> Any:
    """Predicted outcome over the predictor's mean ± 2 SD (within its observed range) at the
    moderator's mean − 1 SD, mean and mean + 1 SD, other terms at their sample means; from
    the multilevel model when there is one, else OLS. The axis is in the predictor's own units
    (also after grand-mean centring)."""
    import numpy as np

    from ...analyses.regress import MIXED, OLS, build_design

    w = WORDS[lang]
    design = build_design(data, model)
    kind = MIXED if design.teams is not None else OLS
    coef = result.coefficients
    coef = coef[(coef["regression"] == model.name) & (coef["model"] == kind)]
    b = dict(zip(coef["term"], coef["estimate"], strict=True))
    means = dict(zip(design.terms, design.x.mean(axis=0), strict=True))
    column = design.x[:, design.terms.index(predictor)]
    moderator_column = design.x[:, design.terms.index(moderator)]
    centre, spread = float(column.mean()), float(column.std(ddof=1))
    grid = np.linspace(max(column.min(), centre - 2 * spread),
                       min(column.max(), centre + 2 * spread), 50)
    product = f"{predictor}:{moderator}"
    base = sum(b[t] * means[t] for t in design.terms
               if t not in (predictor, moderator, product))
    m, s = float(moderator_column.mean()), float(moderator_column.std(ddof=1))
    outcome = data.labels.get(model.outcome, model.outcome)
    fig, ax = subplots(figsize=(16 * CM, 9 * CM))
    for value, key, color in zip((m - s, m, m + s), ("low", "mid", "high"), SLOPE_COLORS,
                                 strict=True):
        y = base + b[moderator] * value + (b[predictor] + b[product] * value) * grid
        ax.plot(grid + design.offsets.get(predictor, 0.0), y, color=color, linewidth=2,
                label=f"{data.labels.get(moderator, moderator)}: {w[key]}")
    ax.set_xlabel(data.labels.get(predictor, predictor))
    ax.set_ylabel(w["predicted"].format(outcome=outcome))
    ax.xaxis.set_major_formatter(number_formatter(lang, 1))
    ax.yaxis.set_major_formatter(number_formatter(lang, 2))
    ax.grid(color="#e6e6e6", linewidth=0.6, zorder=0)
    ax.legend(loc="best", fontsize=8)
    ax.set_title(w["slopes"].format(outcome=outcome,
                                    predictor=data.labels.get(predictor, predictor),
                                    moderator=data.labels.get(moderator, moderator))
                 + f" ({w['model'] if kind == MIXED else w['ols']})")
    fig.tight_layout()
    return fig


def write_slope_figures(result: Regressions, data: SurveyData, models: list[RegressionConfig],
                        writer: OutputWriter, lang: str = "nl") -> list[str]:
    """``figures/simple_slopes_{regression}_{predictor}_{moderator}.png/.svg``."""
    names: list[str] = []
    for model in models:
        for predictor, moderator in model.interactions:
            names += save_figure(slopes_figure(result, data, model, predictor, moderator, lang),
                                 writer, f"simple_slopes_{model.name}_{predictor}_{moderator}")
    return names
