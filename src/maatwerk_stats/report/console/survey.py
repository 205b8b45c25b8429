"""Terminal renderings of the team-survey tables: the APA correlation table (M, SD and the
lower triangle of r with stars or exact p), team agreement and regression tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..format import fmt_int, fmt_number, fmt_p
from ..i18n import section
from ..text import render_table, shorten

if TYPE_CHECKING:
    import pandas as pd

    from ...analyses.correlate import Correlations
    from ...analyses.regress import Regressions
    from ...analyses.teams import TeamAgreement


def stars(p: float) -> str:
    """APA significance marks: * p < .05, ** p < .01, *** p < .001."""
    if p != p:  # NaN
        return ""
    return "***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else ""


def r_text(r: float, decimals: int = 2, lang: str = "nl") -> str:
    """r without the leading zero, as APA prints correlations: ``,42`` / ``−,10`` (nl)."""
    text = fmt_number(r, decimals, lang)
    return text.replace("0,", ",", 1).replace("0.", ".", 1) if abs(r) < 1 else text


def correlation_table(pairs: pd.DataFrame, descriptives: pd.DataFrame | None, lang: str = "nl",
                      p_values: str = "stars", title: str | None = None,
                      footnote: bool = True) -> str:
    """Rows ``1. label``, columns n, M, SD (with descriptives) and 1 … k − 1: the lower
    triangle of r, marked by stars (``p_values="stars"``) or followed by the exact p."""
    t = section("survey", lang)
    names = list(dict.fromkeys([*pairs["variable_1"], *pairs["variable_2"]]))
    if descriptives is not None:
        names = list(descriptives["variable"])
    labels = dict(zip(pairs["variable_1"], pairs["label_1"], strict=True))
    labels.update(zip(pairs["variable_2"], pairs["label_2"], strict=True))
    lookup = {(row.variable_1, row.variable_2): row for row in pairs.itertuples(index=False)}
    header = [t["variable"]]
    if descriptives is not None:
        header += ["n", "M", "SD"]
        labels.update(
            (row.variable, f"{row.label} ({row.value_labels})" if row.value_labels else row.label)
            for row in descriptives.itertuples(index=False))
        stats = {row.variable: row for row in descriptives.itertuples(index=False)}
    header += [str(j + 1) for j in range(len(names) - 1)]
    rows = []
    for i, name in enumerate(names):
        row = [f"{i + 1}. {shorten(labels.get(name, name), 34)}"]
        if descriptives is not None:
            d = stats[name]
            row += [fmt_int(d.n, lang), fmt_number(d.mean, 2, lang), fmt_number(d.sd, 2, lang)]
        for j in range(len(names) - 1):
            if j >= i:
                row.append("")
                continue
            pair = lookup.get((names[j], name)) or lookup.get((name, names[j]))
            if pair is None:
                row.append("")
                continue
            cell = r_text(pair.r, 2, lang)
            if p_values == "exact":
                cell += f" ({fmt_p(pair.p_value, lang, with_p=False)})"
            else:
                cell += stars(pair.p_value)
            row.append(cell)
        rows.append(row)
    table = render_table(header, rows, align="l" + "r" * (len(header) - 1), title=title)
    return table + ("\n" + t["stars_note"] if p_values == "stars" and footnote else "")


def correlations_text(result: Correlations, lang: str = "nl", p_values: str = "stars") -> str:
    t = section("survey", lang)
    teams = result.within is not None and result.between is not None
    parts = [correlation_table(result.correlations, result.descriptives, lang, p_values,
                               t["correlations_title"], footnote=not teams)]
    if result.within is not None and result.between is not None:
        parts.append(correlation_table(result.within, None, lang, p_values, t["within_title"]
                                       + f" (n = {fmt_int(result.descriptives['n'].max(), lang)})",
                                       footnote=False))
        parts.append(correlation_table(result.between, None, lang, p_values, t["between_title"]
                                       + f" ({t['teams'].lower()} = {result.n_teams})"))
    return "\n\n".join(parts)


def agreement_text(result: TeamAgreement, lang: str = "nl") -> str:
    t = section("survey", lang)
    header = [t["variable"], t["teams"], "n", "ICC(1)", "ICC(2)", t["rwg_mean"], t["rwg_median"],
              t["rwg_share"]]
    rows = [[shorten(row.label, 34), fmt_int(row.n_teams, lang), fmt_int(row.n, lang),
             fmt_number(row.icc1, 2, lang), fmt_number(row.icc2, 2, lang),
             fmt_number(row.rwg_j_mean, 2, lang), fmt_number(row.rwg_j_median, 2, lang),
             fmt_number(100 * row.rwg_j_share_70, 0, lang) + "%"
             if row.rwg_j_share_70 == row.rwg_j_share_70 else "–"]
            for row in result.agreement.itertuples(index=False)]
    return render_table(header, rows, title=t["agreement_title"])


def regression_text(result: Regressions, outcomes: dict[str, str], lang: str = "nl") -> str:
    """Per regression and model: B, SE, t, df, p, β (the seed's reserve-slide tables)."""
    t = section("survey", lang)
    parts = []
    for name, table in result.coefficients.groupby("regression", sort=False):
        parts.append(t["regression_title"].format(name=name, outcome=outcomes.get(name, "")))
        fits = result.fit[result.fit["regression"] == name].set_index("model")
        for model, rows in table.groupby("model", sort=False):
            fit = fits.loc[model]
            icc = fit.icc_null
            line = t["fit_line"].format(
                n=fmt_int(fit.n, lang), teams=fmt_int(fit.n_teams, lang),
                r2=fmt_number(fit.r_squared, 3, lang), icc=fmt_number(icc, 3, lang))
            body = [[shorten(row.term_label, 40), fmt_number(row.estimate, 3, lang),
                     fmt_number(row.std_error, 3, lang), fmt_number(row.statistic, 2, lang),
                     fmt_number(row.df, 1, lang), fmt_p(row.p_value, lang, with_p=False),
                     fmt_number(row.std_estimate, 3, lang)]
                    for row in rows.itertuples(index=False)]
            parts.append(render_table([t["term"], "B", "SE", "t", "df", "p", "β"], body,
                                      title=f"{t['model.' + model]} — {line}"))
        slopes = result.simple_slopes
        slopes = slopes[slopes["regression"] == name] if len(slopes) else slopes
        for (predictor, moderator), rows in (slopes.groupby(["predictor", "moderator"],
                                                            sort=False) if len(slopes) else []):
            body = [[t["model." + row.model], t["at." + row.moderator_at],
                     fmt_number(row.moderator_value, 2, lang), fmt_number(row.estimate, 3, lang),
                     fmt_number(row.std_error, 3, lang), fmt_p(row.p_value, lang, with_p=False)]
                    for row in rows.itertuples(index=False)]
            parts.append(render_table(["", moderator, "", "B", "SE", "p"], body,
                                      align="llrrrr", title=t["slopes_title"].format(
                                          predictor=predictor, moderator=moderator)))
    return "\n\n".join(parts)
