"""The common Likert answer families, in Dutch and English, in scale order.

Used by ``maatwerk-stats init`` (:mod:`maatwerk_stats.config.draft`) to turn the answer texts
of an export into a ``value_map`` in the right order: a set of answers is recognised when every
answer is one of a family's texts (or a "don't know" text), and the family gives the numbers
1..k. "Weet niet", "n.v.t." and "don't know" answers are no answer: they get a missing code.

The families are the standard five-point labels of Dutch and English questionnaires
(agreement: Likert 1932; frequency and satisfaction as in the CBS and ESS questionnaires),
plus their shorter four- and seven-point forms. The codebook lists these answers in this
order, also when few respondents gave one (a standard answer is a category, not a person's
words).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def normalise_answer(text: str) -> str:
    """Answer texts are matched case- and whitespace-insensitively."""
    return " ".join(str(text).split()).casefold()


@dataclass(frozen=True)
class LikertFamily:
    """One answer scale: ``name`` (agreement, frequency, satisfaction…) and its texts from
    lowest to highest (each entry lists the spellings that mean the same answer)."""

    name: str
    language: str
    answers: tuple[tuple[str, ...], ...]

    @property
    def title(self) -> str:
        """How a message names it: ``Dutch agreement scale``."""
        return f"{ {'nl': 'Dutch', 'en': 'English'}.get(self.language, self.language)} " \
               f"{self.name} scale"

    def codes(self) -> dict[str, int]:
        """Every spelling (normalised) → its number, 1 for the lowest answer."""
        return {normalise_answer(text): number
                for number, spellings in enumerate(self.answers, start=1)
                for text in spellings}


def _family(name: str, language: str, *answers: str | tuple[str, ...]) -> LikertFamily:
    return LikertFamily(name, language, tuple((a,) if isinstance(a, str) else a
                                              for a in answers))


_NEUTRAL_NL = ("neutraal", "niet eens, niet oneens", "niet mee eens, niet mee oneens",
               "niet eens/niet oneens", "noch eens, noch oneens", "eens noch oneens",
               "niet eens en niet oneens")
_NEUTRAL_EN = ("neutral", "neither agree nor disagree", "neither agree or disagree",
               "undecided")

FAMILIES: tuple[LikertFamily, ...] = (
    _family("agreement", "nl", ("helemaal mee oneens", "helemaal oneens", "zeer mee oneens",
                                "zeer oneens"),
            ("mee oneens", "oneens"), _NEUTRAL_NL, ("mee eens", "eens"),
            ("helemaal mee eens", "helemaal eens", "zeer mee eens", "zeer eens")),
    _family("agreement", "nl", ("helemaal mee oneens", "helemaal oneens"),
            ("mee oneens", "oneens"), ("mee eens", "eens"),
            ("helemaal mee eens", "helemaal eens")),
    _family("agreement", "nl", ("helemaal mee oneens", "helemaal oneens"),
            ("mee oneens", "oneens"), ("een beetje mee oneens", "enigszins mee oneens"),
            _NEUTRAL_NL, ("een beetje mee eens", "enigszins mee eens"), ("mee eens", "eens"),
            ("helemaal mee eens", "helemaal eens")),
    _family("frequency", "nl", "nooit", ("zelden", "bijna nooit"), ("soms", "af en toe"),
            ("vaak", "regelmatig"), ("altijd", "(bijna) altijd", "heel vaak", "zeer vaak")),
    _family("satisfaction", "nl", ("zeer ontevreden", "heel ontevreden"), "ontevreden",
            ("neutraal", "niet tevreden, niet ontevreden", "niet ontevreden, niet tevreden",
             "tevreden noch ontevreden"),
            "tevreden", ("zeer tevreden", "heel tevreden")),
    _family("agreement", "en", "strongly disagree", "disagree", _NEUTRAL_EN, "agree",
            "strongly agree"),
    _family("agreement", "en", "strongly disagree", "disagree", "agree", "strongly agree"),
    _family("agreement", "en", "strongly disagree", "disagree", "somewhat disagree",
            _NEUTRAL_EN, "somewhat agree", "agree", "strongly agree"),
    _family("frequency", "en", "never", "rarely", "sometimes", ("often", "usually"),
            ("always", "very often")),
    _family("satisfaction", "en", "very dissatisfied", "dissatisfied",
            ("neutral", "neither satisfied nor dissatisfied"), "satisfied", "very satisfied"),
)

# Answers that are no answer: they become a missing code.
MISSING_ANSWERS: frozenset[str] = frozenset(normalise_answer(t) for t in (
    "weet niet", "weet ik niet", "geen mening", "n.v.t.", "nvt", "n.v.t", "niet van toepassing",
    "wil ik niet zeggen", "zeg ik liever niet", "geen antwoord", "onbekend",
    "don't know", "dont know", "do not know", "not applicable", "n/a", "na", "no answer",
    "prefer not to say", "no opinion", "refused",
))


def is_missing_answer(text: str) -> bool:
    """Whether an answer text means "no answer" (weet niet, n.v.t., don't know …)."""
    return normalise_answer(text) in MISSING_ANSWERS


_STANDARD: frozenset[str] = frozenset(t for f in FAMILIES for t in f.codes())


def is_standard_answer(text: str) -> bool:
    """Whether ``text`` is an answer of one of the :data:`FAMILIES` (a category, never a
    person's own words)."""
    return normalise_answer(text) in _STANDARD


def recognise(texts: Iterable[str]) -> list[LikertFamily]:
    """Every family that holds all answers in ``texts`` (missing answers ignored), the
    standard five-point form first; empty when none does (or no answer is left). More than
    one means the data do not tell (e.g. no "neutraal" answer was given): the caller says so."""
    answers = {normalise_answer(t) for t in texts} - MISSING_ANSWERS
    if not answers:
        return []
    return [f for f in FAMILIES if answers <= set(f.codes())]


def missing_code(high: float, taken: Sequence[float] = ()) -> int:
    """A code for "no answer" beyond the answers: 9 for scales up to 8, else 99 (or 999)."""
    for code in (9, 99, 999, 9999):
        if code > high and code not in taken:
            return code
    return int(max(high, *taken, 0)) * 10 + 9
