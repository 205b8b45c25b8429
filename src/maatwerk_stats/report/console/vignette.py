"""Terminal renderings of a vignette analysis (``maatwerk-stats vignette``, ``--format table``).

The influence table is printed as the Leeratelier factsheet prints it: one row per factor
(its label), one column per group (its label), cells "Geen invloed" / "Matige invloed" /
"Veel invloed". All tables show the primary model (``VignetteResult.primary_model``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..format import DASH, fmt_ci, fmt_int, fmt_number, fmt_p, fmt_percent
from ..i18n import texts
from ..labels import capitalise, influence_word, level_text, term_text
from ..text import render_table

if TYPE_CHECKING:
    from ...analyses.vignette import VignetteResult
    from ...config import FactorConfig


def factor_config(result: VignetteResult, name: str) -> FactorConfig:
    return next(f for f in result.study.factors if f.name == name)


def group_text(result: VignetteResult, group: str, lang: str) -> str:
    if group == "all":
        return texts(lang)["all"]
    return result.study.group_label(group)


def influence_text(label: str | None, result: VignetteResult, lang: str) -> str:
    """The label as printed: capitalised ("Geen invloed"), in ``lang`` as
    :func:`maatwerk_stats.report.labels.influence_word` shows it."""
    if label is None or label != label:  # None or NaN: the model gave no estimate
        return DASH
    return capitalise(influence_word(label, lang))


def model_text(model: str, lang: str) -> str:
    return texts(lang)[f"model_{model}"]


# --------------------------------------------------------------------------------------------


def influence_table(result: VignetteResult, lang: str = "nl") -> str:
    """Factors × groups, cells = influence labels (the factsheet's table)."""
    t = texts(lang)
    table = result.influence[result.influence["model"] == result.primary_model]
    groups = list(result.groups)
    header = ["", *(group_text(result, g, lang) for g in groups)]
    rows = []
    for factor in result.study.factors:
        cells = [factor.label]
        for group in groups:
            match = table[(table["factor"] == factor.name) & (table["group"] == group)]
            cells.append(influence_text(match["label"].iloc[0] if len(match) else None,
                                        result, lang))
        rows.append(cells)
    table_text = render_table(header, rows, align="l" * len(header),
                              title=t["vignette_influence_title"])
    return table_text + "\n" + influence_footnote(result, lang)


def influence_footnote(result: VignetteResult, lang: str = "nl") -> str:
    """How the labels were made, in one line under the table."""
    influence = result.influence_config
    labels = [influence_text(label, result, lang).lower() for label in influence.labels]
    bounds = [fmt_number(v, 2, lang).rstrip("0").rstrip(",.") for v in influence.thresholds]
    alpha = fmt_number(influence.alpha, 2, lang)
    model = model_text(result.primary_model, lang)
    if lang == "nl":
        steps = "; ".join(f"vanaf {b}: {lab}" for b, lab in zip(bounds, labels[1:],
                                                                strict=True))
        return (f"Labels: niet significant (p ≥ {alpha}) of |effect| < {bounds[0]} punt: "
                f"{labels[0]}; {steps} ({model}).")
    steps = "; ".join(f"from {b}: {lab}" for b, lab in zip(bounds, labels[1:], strict=True))
    return (f"Labels: not significant (p ≥ {alpha}) or |effect| < {bounds[0]} points: "
            f"{labels[0]}; {steps} ({model}).")


def coefficients_table(result: VignetteResult, lang: str = "nl") -> str:
    """Per group: the intercept and every effect with SE, 95 % CI and p (primary model)."""
    t = texts(lang)
    table = result.coefficients[result.coefficients["model"] == result.primary_model]
    groups = list(result.groups)
    grouped = groups != ["all"]
    header = [*([t["group"]] if grouped else []), t["characteristic"], t["estimate"], t["se"],
              t["ci"], t["df"], t["p"]]
    rows = []
    for group in groups:
        for row in table[table["group"] == group].itertuples(index=False):
            if row.term == "Intercept":
                name = t["intercept"]
            else:
                name = term_text(factor_config(result, row.factor), row.level, lang)
            rows.append([*([group_text(result, group, lang)] if grouped else []), name,
                         fmt_number(row.estimate, 2, lang), fmt_number(row.std_error, 2, lang),
                         fmt_ci(row.conf_low, row.conf_high, 2, lang),
                         fmt_number(row.df, 0 if row.df >= 100 else 1, lang),
                         fmt_p(row.p_value, lang, with_p=False)])
    align = ("l" if grouped else "") + "l" + "r" * 5
    title = (f"{t['vignette_coefficients_title']}: {result.study.outcome_label} "
             f"({model_text(result.primary_model, lang)})")
    return render_table(header, rows, align=align, title=title)


def design_summary(result: VignetteResult, lang: str = "nl") -> str:
    """The main design diagnostics, one line each (all ratings)."""
    t = texts(lang)
    design = result.design
    overall = design[design["group"] == "all"]

    def value(check: str) -> float:
        match = overall[overall["check"] == check]
        return float(match["value"].iloc[0]) if len(match) else float("nan")

    nl = lang == "nl"
    # respondent ids are never printed (they are in the file, for the analyst)
    ids_where = "nummers in vignette_design.csv" if nl else "ids in vignette_design.csv"
    rows = []
    n_missing = int(value("n_missing_ratings"))
    rows.append([t["respondents"].capitalize() + " / " + t["ratings"],
                 f"{fmt_int(value('n_respondents'), lang)} / "
                 f"{fmt_int(value('n_ratings'), lang)}"
                 + (f" ({n_missing} {'leeg' if nl else 'empty'})" if n_missing else "")])
    rows.append(["Oordelen per respondent" if nl else "Ratings per respondent",
                 f"{fmt_int(value('ratings_per_respondent_min'), lang)}–"
                 f"{fmt_int(value('ratings_per_respondent_max'), lang)}"])
    dropped = int(value("respondents_dropped"))
    if dropped:
        rows.append(["Zonder oordeel, weggelaten" if nl else "Without ratings, left out",
                     f"{dropped} ({ids_where})"])
    for factor in result.study.factors:
        counts = overall[(overall["check"] == "level_frequency")
                         & (overall["factor"] == factor.name)]
        rows.append([factor.label, " / ".join(
            f"{level_text(factor, r.level)} {fmt_int(r.value, lang)}"
            for r in counts.itertuples(index=False))])
    association = overall[overall["check"] == "factor_association"]["value"]
    if len(association):
        rows.append(["Samenhang kenmerken (max. Cramér's V)" if nl else
                     "Association of factors (max. Cramér's V)",
                     fmt_number(association.max(), 2, lang)
                     + (" (0 = orthogonaal)" if nl else " (0 = orthogonal)")])
    repeated = int(value("repeated_vignettes"))
    if repeated:
        rows.append(["Herhaalde vignetten" if nl else "Repeated vignettes",
                     f"{repeated} {t['respondents']}; "
                     + ("gem. verschil " if nl else "mean difference ")
                     + fmt_number(value("repeated_vignettes_mean_abs_diff"), 2, lang) + ", "
                     + fmt_percent(100 * value("repeated_vignettes_identical"), 0, lang)
                     + (" gelijk" if nl else " identical")])
    flat = int(value("straightliners"))
    excluded = int(value("respondents_excluded")) if "respondents_excluded" in set(
        overall["check"]) else 0
    rows.append(["Steeds hetzelfde oordeel" if nl else "Straight-lining",
                 f"{flat}" + (f" ({ids_where})" if flat else "")
                 + ((" — weggelaten" if nl else " — left out") if excluded else "")])
    rows.append(["Oordelen op het maximum / minimum" if nl else "Ratings at maximum / minimum",
                 f"{fmt_percent(100 * value('ceiling_share'), 1, lang)} / "
                 f"{fmt_percent(100 * value('floor_share'), 1, lang)}"])
    if "position_effect" in set(overall["check"]):
        rows.append(["Volgorde-effect (per positie)" if nl else "Order effect (per position)",
                     f"{fmt_number(value('position_effect'), 3, lang, sign=True)}, "
                     f"{fmt_p(value('position_effect_p'), lang)}"])
    fit = result.fit[(result.fit["model"] == "mixed")]
    fit = fit[fit["group"] == (result.groups[0] if result.study.groups else "all")]
    if len(fit) and fit["var_residual"].notna().iloc[0]:
        row = fit.iloc[0]
        rows.append(["Variantie respondent / residu (ICC)" if nl else
                     "Variance respondent / residual (ICC)",
                     f"{fmt_number(row.var_respondent, 2, lang)} / "
                     f"{fmt_number(row.var_residual, 2, lang)} "
                     f"({fmt_number(row.icc, 2, lang)})"
                     + ((" — randoplossing" if nl else " — boundary fit")
                        if row.boundary else "")])
    return render_table([t["check"], t["value"]], rows, align="ll",
                        title=t["vignette_design_title"])


def vignette_report(result: VignetteResult, lang: str = "nl") -> str:
    """Everything printed by ``maatwerk-stats vignette`` (``--format table``)."""
    return "\n\n".join([design_summary(result, lang), coefficients_table(result, lang),
                        influence_table(result, lang)])
