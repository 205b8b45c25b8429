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
}


def texts(lang: str) -> Mapping[str, str]:
    """All words in ``lang`` (``nl`` or ``en``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use nl or en")
    return {key: value[lang] for key, value in _TEXTS.items()}
