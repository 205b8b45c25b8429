"""Words for rendered output, Dutch and English. One key, one meaning, everywhere."""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("nl", "en")

_TEXTS: dict[str, dict[str, str]] = {
    "scale": {"nl": "Schaal", "en": "Scale"},
    "item": {"nl": "Item", "en": "Item"},
    "items": {"nl": "Items", "en": "Items"},
    "label": {"nl": "Omschrijving", "en": "Label"},
    "group": {"nl": "Groep", "en": "Group"},
    "mean": {"nl": "Gem.", "en": "Mean"},
    "sd": {"nl": "sd", "en": "SD"},
    "alpha": {"nl": "Alfa", "en": "Alpha"},
    "alpha_ci": {"nl": "95%-BI alfa", "en": "95% CI alpha"},
    "omega": {"nl": "Omega", "en": "Omega"},
    "item_rest": {"nl": "r item-rest", "en": "r item-rest"},
    "alpha_drop": {"nl": "alfa zonder", "en": "alpha if del."},
    "reversed_mark": {"nl": "(omgepoold)", "en": "(reversed)"},
    "reliability_title": {"nl": "Betrouwbaarheid", "en": "Reliability"},
    "items_title": {"nl": "Items", "en": "Items"},
    "all": {"nl": "alle", "en": "all"},
    "written": {"nl": "Geschreven naar", "en": "Written to"},
    "note": {"nl": "Let op", "en": "Note"},
    "inferred": {"nl": "Geen --config: schalen afgeleid uit de kolomnamen",
                 "en": "No --config: scales inferred from column names"},
    # vignette study
    "ci": {"nl": "95%-BI", "en": "95% CI"},
    "estimate": {"nl": "B", "en": "B"},
    "se": {"nl": "SE", "en": "SE"},
    "df": {"nl": "df", "en": "df"},
    "p": {"nl": "p", "en": "p"},
    "intercept": {"nl": "Constante", "en": "Intercept"},
    "characteristic": {"nl": "Kenmerk", "en": "Characteristic"},
    "level": {"nl": "Niveau", "en": "Level"},
    "versus": {"nl": "vs.", "en": "vs."},
    "check": {"nl": "Controle", "en": "Check"},
    "value": {"nl": "Uitkomst", "en": "Result"},
    "respondents": {"nl": "respondenten", "en": "respondents"},
    "ratings": {"nl": "oordelen", "en": "ratings"},
    "model_mixed": {"nl": "lineair gemengd model, random intercept per respondent",
                    "en": "linear mixed model, random intercept per respondent"},
    "model_ols_cluster": {"nl": "OLS, standaardfouten geclusterd per respondent",
                          "en": "OLS, standard errors clustered by respondent"},
    "vignette_coefficients_title": {"nl": "Effecten van de kenmerken",
                                    "en": "Effects of the characteristics"},
    "vignette_influence_title": {"nl": "Invloed van de kenmerken",
                                 "en": "Influence of the characteristics"},
    "vignette_design_title": {"nl": "Opzet en controles", "en": "Design checks"},
    "vignette_marginal_means_title": {"nl": "Gemiddeld oordeel per niveau",
                                      "en": "Mean rating per level"},
    "effect_axis": {"nl": "Effect op {outcome} (punten, met 95%-BI)",
                    "en": "Effect on {outcome} (points, with 95% CI)"},
    "mean_axis": {"nl": "{outcome} (gemiddelde, met 95%-BI)",
                  "en": "{outcome} (mean, with 95% CI)"},
    "influence_labels": {"nl": "geen invloed|matige invloed|veel invloed",
                         "en": "no influence|moderate influence|strong influence"},
}


def texts(lang: str) -> Mapping[str, str]:
    """All words in ``lang`` (``nl`` or ``en``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use nl or en")
    return {key: value[lang] for key, value in _TEXTS.items()}
