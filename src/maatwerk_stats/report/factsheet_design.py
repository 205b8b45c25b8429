"""The factsheet's sentence on the vignette design: factors, levels, vignettes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .format import fmt_int
from .i18n import word

if TYPE_CHECKING:
    from ..config import StudyConfig


def design_sentence(config: StudyConfig, design: Mapping[str, int | None], lang: str) -> str:
    """E.g. "Opzet: 3 kenmerken met 2 × 2 × 2 niveaus (8 mogelijke combinaties); het deck telt
    9 vignetten (8 verschillende combinaties: een volledig factorieel ontwerp), 9 per
    respondent." (from :func:`maatwerk_stats.analyses.vignette_models.deck_summary`)."""
    settings = config.vignette
    levels = " × ".join(str(len(f.levels)) for f in settings.factors.values())
    full = design["n_distinct"] == design["n_combinations"]
    values = {"k": fmt_int(design["n_factors"], lang), "levels": levels,
              "combos": fmt_int(design["n_combinations"], lang),
              "distinct": fmt_int(design["n_distinct"], lang),
              "full": word("factsheet.design_full", lang) if full else "",
              "per": fmt_int(design["per_respondent"], lang)}
    if design["n_vignettes"] is None:
        return word("factsheet.design_no_deck", lang, **values)
    return word("factsheet.design_sentence", lang, n=fmt_int(design["n_vignettes"], lang),
                **values)
