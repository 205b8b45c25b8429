"""How codes, groups, levels and influence labels are shown: one place for every renderer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .i18n import texts

if TYPE_CHECKING:
    from ..config import FactorConfig

# Group labels are written in the study's language; in English output the usual Dutch
# measurement words are translated.
ENGLISH_GROUP_WORDS = {"voor": "before", "vóór": "before", "na": "after",
                       "voormeting": "pre-test", "nameting": "post-test",
                       "nulmeting": "baseline"}
# The config's default influence labels (InfluenceConfig), in the order of i18n's
# ``influence_labels``.
DEFAULT_INFLUENCE_LABELS = ("geen invloed", "matige invloed", "veel invloed")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def in_sentence(label: str) -> str:
    """A display label as it reads inside a sentence: "Vóór" → "vóór", "T0" stays."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def group_words(labels: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """Group labels for running text (translated for English as :data:`ENGLISH_GROUP_WORDS`)."""
    words = tuple(in_sentence(label) for label in labels)
    if lang == "en":
        words = tuple(ENGLISH_GROUP_WORDS.get(w.lower(), w) for w in words)
    return words


def group_headers(labels: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """Group labels as column headers (capitalised; translated as in :func:`group_words`)."""
    return tuple(capitalise(w) if w != label else label
                 for w, label in zip(group_words(labels, lang), labels, strict=True))


def influence_word(label: str, lang: str) -> str:
    """An influence label in ``lang``: the default Dutch labels are translated (i18n's
    ``influence_labels``); labels a config defines itself are shown as written."""
    if label in DEFAULT_INFLUENCE_LABELS:
        return texts(lang)["influence_labels"].split("|")[DEFAULT_INFLUENCE_LABELS.index(label)]
    return label


def level_text(factor: FactorConfig, level: str) -> str:
    """A level as shown: its configured label, else the code with ``_`` as spaces."""
    label = factor.level_label(level)
    return label.replace("_", " ") if label == level else label


def term_text(factor: FactorConfig, level: str, lang: str, reference: bool = True) -> str:
    """``Hulpbehoevendheid: slecht ter been (vs. goed ter been)``."""
    text = f"{factor.label}: {level_text(factor, level)}"
    if reference:
        text += f" ({texts(lang)['versus']} {level_text(factor, factor.reference)})"
    return text
