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


# A group label whose first word is one of these reads as a time or place inside a sentence
# ("vóór", "na het Leeratelier", "after"): it goes into the text as written. Any other label (a
# code such as "enquete_voor", "man" or "2") is quoted and, where the sentence needs a time,
# preceded by "in groep" / "bij meting" (see :func:`group_adverbs`).
ADVERBIAL_WORDS = frozenset({"vóór", "voor", "na", "tijdens", "bij", "in", "op", "met",
                             "zonder", "before", "after", "during", "at", "on", "with",
                             "without"})


def _translated(labels: tuple[str, ...], lang: str) -> tuple[str, ...]:
    words = tuple(in_sentence(label) for label in labels)
    if lang == "en":
        words = tuple(ENGLISH_GROUP_WORDS.get(w.lower(), w) for w in words)
    return words


def _adverbial(word: str) -> bool:
    return word.split(" ", 1)[0].lower() in ADVERBIAL_WORDS


def _accented(word: str, lang: str) -> str:
    """The code "voor" as the adverb it stands for: "vóór" (else it reads as "for")."""
    return "vóór" if lang == "nl" and word.lower() == "voor" else word


def in_language(labels: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """Group labels as written, except the Dutch time words in English (:data:`ENGLISH_GROUP_
    WORDS`: "vóór" → "before"), as the factsheet has them; the terminal's summary."""
    if lang != "en":
        return tuple(labels)
    return tuple(ENGLISH_GROUP_WORDS.get(label.lower(), label) for label in labels)


def group_words(labels: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """Group labels where a sentence names the groups ("tussen vóór en na", "de groep
    “man”"): a label that reads as a time or place as written (translated for English as
    :data:`ENGLISH_GROUP_WORDS`), any other label (a code) in quotes."""
    return tuple(_accented(w, lang) if _adverbial(w) else f"“{label}”"
                 for w, label in zip(_translated(labels, lang), labels, strict=True))


def group_adverbs(labels: tuple[str, ...], lang: str, paired: bool = False
                  ) -> tuple[str, ...]:
    """Group labels where a sentence says *when* ("ondervraagd vóór en na", "4,20 in groep
    “man”"): a label that reads as a time or place as written, any other label quoted after
    "in groep" (independent groups) or "bij meting" (paired: the same people measured)."""
    lead = texts(lang)["group_paired" if paired else "group_independent"]
    return tuple(_accented(w, lang) if _adverbial(w) else lead.format(label=label)
                 for w, label in zip(_translated(labels, lang), labels, strict=True))


def group_headers(labels: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """Group labels as column headers: a label that reads as a time ("vóór", the code "voor")
    or one written with a capital is capitalised ("Vóór", translated as in
    :func:`group_words`); any other label (a code such as "man" or "t0") is shown as written."""
    return tuple(capitalise(_accented(w, lang)) if w != label or _adverbial(w) else label
                 for w, label in zip(_translated(labels, lang), labels, strict=True))


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
