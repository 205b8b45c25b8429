"""``design``: a vignette deck from the factors of a config — vignettes, sets, order, texts.

The numerics (coding, D-efficiency, Fedorov exchange, blocking into sets) are in
:mod:`maatwerk_stats.stats.design`, with their sources. Here the factors of
``[vignette.factors]`` become a :class:`DesignResult` of tidy tables (DESIGN.md §4):

- ``deck``: ``vignette`` and one column per factor (the factor's data column, the level codes)
  — exactly what ``vignette --deck`` reads; a repeated vignette (``repeat``) gets its own id
  after the distinct ones, showing the same levels as the set's first vignette;
- ``design_sets``: ``set, position, vignette`` — the order in which each set is printed;
- ``design_efficiency``: one row, ``n_vignettes, n_sets, d_efficiency, max_abs_correlation,
  aliased`` and more;
- ``design_order`` (with ``respondents``): ``respondent, set, position, vignette`` — the sets
  handed out in turn, each respondent's own random order (a repeat stays last);
- ``design_texts`` (when the config has a ``template``): ``set, position, vignette, text``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import ConfigError, DataError, OptionError, Text, number, param, quoted_list

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..config.model import FactorConfig

# The full factorial is the candidate set of the exchange algorithm; beyond this many
# combinations its C × C variance matrix would not fit comfortably in memory.
MAX_CANDIDATES = 5000
MAX_RESPONDENTS = 100_000  # design_order.csv: one row per rating, in memory while written
_SLOT = re.compile(r"\[([^\[\]]+)\]")


@dataclass(frozen=True)
class DesignResult:
    """A deck with its sets. Tables as in the module docstring."""

    deck: pd.DataFrame
    sets: pd.DataFrame
    efficiency: pd.DataFrame
    order: pd.DataFrame | None = None
    texts: pd.DataFrame | None = None
    factors: Sequence[str] = field(default_factory=tuple)

    def tables(self) -> dict[str, pd.DataFrame]:
        tables = {"deck": self.deck, "design_sets": self.sets,
                  "design_efficiency": self.efficiency}
        if self.order is not None:
            tables["design_order"] = self.order
        if self.texts is not None:
            tables["design_texts"] = self.texts
        return tables


def design(factors: Mapping[str, FactorConfig], *, vignettes_per_respondent: int | None = None,
           sets: int | None = None, seed: int = 1, repeat: bool = False,
           respondents: int | None = None, template: str | None = None) -> DesignResult:
    """Build the deck (module docstring).

    ``vignettes_per_respondent`` K (default: the whole full factorial) distinct vignettes per
    set, ``sets`` S (default: as many whole sets of K as the full factorial holds). The deck
    has K·S distinct vignettes: the full factorial when that is all of them, else a
    D-efficient fraction. ``repeat`` adds, as the last vignette of every set, a repeat of its
    first (a test–retest check, as the Leeratelier's 9th vignette).
    """
    import numpy as np
    import pandas as pd

    from ..stats import design as numerics

    if not factors:
        raise ConfigError(Text(
            en="the config has no [vignette.factors]; declare every factor with its levels, "
               "e.g. [vignette.factors.reputatie] levels = [\"laag\", \"hoog\"]",
            nl="de config heeft geen [vignette.factors]; geef elke factor met zijn niveaus, "
               "bijvoorbeeld [vignette.factors.reputatie] levels = [\"laag\", \"hoog\"]"))
    names = list(factors)
    n_levels = [len(f.levels) for f in factors.values()]
    n_candidates = math.prod(n_levels)
    if n_candidates > MAX_CANDIDATES:
        raise DataError(
            en=f"the factors have {n_candidates} level combinations; design builds decks from "
               f"at most {MAX_CANDIDATES}. Use fewer factors or levels.",
            nl=f"de factoren hebben {n_candidates} combinaties van niveaus; design bouwt decks "
               f"uit ten hoogste {MAX_CANDIDATES}. Gebruik minder factoren of niveaus.")
    k = vignettes_per_respondent if vignettes_per_respondent is not None else n_candidates
    if k < 2:
        raise OptionError(
            en=f"{param('vignettes_per_respondent', k)}: a set needs at least 2 vignettes, or "
               "no factor can vary within a respondent.",
            nl=f"{param('vignettes_per_respondent', k)}: een set heeft minstens 2 vignetten "
               "nodig, anders kan geen factor binnen een respondent variëren.")
    if k > n_candidates:
        raise OptionError(
            en=f"{param('vignettes_per_respondent', k)} is more than the {n_candidates} "
               f"distinct vignettes the factors allow; use at most {n_candidates} (add a "
               f"repeat with {param('repeat')}).",
            nl=f"{param('vignettes_per_respondent', k)} is meer dan de {n_candidates} "
               f"verschillende vignetten die de factoren toelaten; gebruik er ten hoogste "
               f"{n_candidates} (voeg een herhaling toe met {param('repeat')}).")
    n_sets = sets if sets is not None else max(1, n_candidates // k)
    if n_sets < 1:
        raise OptionError(en=f"{param('sets', n_sets)}: give at least 1 set.",
                          nl=f"{param('sets', n_sets)}: geef minstens 1 set.")
    n_runs = k * n_sets
    if n_runs > n_candidates:
        raise OptionError(
            en=f"{param('sets', n_sets)} × {param('vignettes_per_respondent', k)} = {n_runs} "
               f"distinct vignettes, but the factors allow only {n_candidates}; use at most "
               f"{n_candidates // k} sets of {k}.",
            nl=f"{param('sets', n_sets)} × {param('vignettes_per_respondent', k)} = {n_runs} "
               f"verschillende vignetten, maar de factoren laten er maar {n_candidates} toe; "
               f"gebruik ten hoogste {n_candidates // k} sets van {k}.")
    n_parameters = 1 + sum(n - 1 for n in n_levels)
    if n_runs < n_parameters:
        raise DataError(
            en=f"a deck of {n_runs} distinct vignettes cannot be estimated: the main effects "
               f"of the factors need {n_parameters} parameters (intercept + levels − 1 per "
               f"factor). Raise {param('vignettes_per_respondent')} or {param('sets')} to at "
               f"least {n_parameters} vignettes in all.",
            nl=f"een deck van {n_runs} verschillende vignetten is niet te schatten: de "
               f"hoofdeffecten van de factoren hebben {n_parameters} parameters nodig "
               f"(intercept + niveaus − 1 per factor). Verhoog "
               f"{param('vignettes_per_respondent')} of {param('sets')} tot minstens "
               f"{n_parameters} vignetten in totaal.")
    if respondents is not None and respondents < 1:
        raise OptionError(en=f"{param('respondents', respondents)}: give at least 1 respondent.",
                          nl=f"{param('respondents', respondents)}: geef minstens 1 "
                             "respondent.")
    if respondents is not None and respondents > MAX_RESPONDENTS:
        raise OptionError(
            en=f"{param('respondents', respondents)}: design_order.csv is written for at most "
               f"{MAX_RESPONDENTS:,} respondents (one row per rating; 1,000,000,000 ran out of "
               "memory); hand out the sets in turn beyond that.",
            nl=f"{param('respondents', respondents)}: design_order.csv wordt geschreven voor "
               f"ten hoogste {number(MAX_RESPONDENTS, 'nl')} respondenten (een rij per oordeel; "
               "1.000.000.000 gaf een geheugentekort); deel daarboven de sets om de beurt "
               "uit.")

    rng = np.random.default_rng(seed)
    full = numerics.full_factorial(n_levels)
    if n_runs == n_candidates:
        chosen = np.arange(n_candidates)
        algorithm = "full factorial"
    else:
        candidates = numerics.model_matrix(full, n_levels)
        chosen = numerics.fedorov(candidates, n_runs, rng)
        algorithm = "Fedorov exchange (D-optimal fraction of the full factorial)"
    runs = full[chosen]
    x = numerics.model_matrix(runs, n_levels)
    d_eff = numerics.d_efficiency(x)
    if d_eff == 0.0:
        raise DataError(
            en=f"no deck of {n_runs} distinct vignettes lets every main effect be estimated; "
               "use more vignettes.",
            nl=f"met geen enkel deck van {n_runs} verschillende vignetten zijn alle "
               "hoofdeffecten te schatten; gebruik meer vignetten.")
    set_of = numerics.assign_sets(runs, n_levels, n_sets, rng)
    confounded = numerics.confounded_factors(runs, n_levels, set_of, n_sets)
    if confounded:
        listed = quoted_list([names[f] for f in confounded])
        one = len(confounded) == 1
        what = "effect of" if one else "effects of"
        verb = "is" if one else "are"
        raise DataError(
            en=f"with {n_sets} sets of {k} vignettes the {what} {listed} {verb} confounded "
               "with the sets (cannot be told apart from differences between respondents); "
               "use more vignettes per set or fewer sets.",
            nl=f"met {n_sets} sets van {k} vignetten "
               f"{'is het effect' if one else 'zijn de effecten'} van "
               f"{quoted_list([names[f] for f in confounded], lang='nl')} verstrengeld met de "
               "sets (niet te onderscheiden van verschillen tussen respondenten); gebruik "
               "meer vignetten per set of minder sets.")
    balanced = numerics.sets_balanced(runs, n_levels, set_of, n_sets)
    aliased = numerics.aliased_interactions(runs, n_levels)

    deck = pd.DataFrame({"vignette": np.arange(1, n_runs + 1)})
    for f, factor in enumerate(factors.values()):
        deck[factor.column] = np.asarray(factor.levels, dtype=object)[runs[:, f]]
    set_rows = []
    next_id = n_runs + 1
    repeat_rows = []
    for s in range(n_sets):
        members = np.flatnonzero(set_of == s)
        members = members[rng.permutation(len(members))]
        ids = list(members + 1)
        if repeat:
            repeat_rows.append({"vignette": next_id, **{
                factor.column: deck.loc[members[0], factor.column]
                for factor in factors.values()}})
            ids.append(next_id)
            next_id += 1
        set_rows.extend({"set": s + 1, "position": p + 1, "vignette": int(v)}
                        for p, v in enumerate(ids))
    if repeat_rows:
        deck = pd.concat([deck, pd.DataFrame(repeat_rows)], ignore_index=True)
    sets_table = pd.DataFrame(set_rows, columns=["set", "position", "vignette"])
    efficiency = pd.DataFrame([{
        "n_vignettes": n_runs, "n_sets": n_sets, "d_efficiency": d_eff,
        "max_abs_correlation": numerics.max_abs_correlation(runs, n_levels),
        "aliased": "; ".join(f"{names[f]}:{names[g]}" for f, g in aliased),
        "n_candidates": n_candidates, "full_factorial": n_runs == n_candidates,
        "n_parameters": n_parameters, "vignettes_per_respondent": k + int(repeat),
        "repeat": repeat, "set_efficiency": numerics.set_efficiency(
            runs, n_levels, set_of, n_sets),
        "balanced": balanced, "algorithm": algorithm, "seed": seed,
    }])
    order = None
    if respondents is not None:
        order = _respondent_order(sets_table, n_sets, respondents, repeat, rng)
    texts = None
    if template is not None:
        texts = vignette_texts(template, factors, deck, sets_table)
    return DesignResult(deck=deck, sets=sets_table, efficiency=efficiency, order=order,
                        texts=texts, factors=tuple(names))


def _respondent_order(sets_table: pd.DataFrame, n_sets: int, respondents: int, repeat: bool,
                      rng: np.random.Generator) -> pd.DataFrame:
    """Sets handed out in turn (respondent r gets set (r − 1) mod S + 1), each respondent's
    vignettes in a random order of their own; a repeat stays the last one."""
    import numpy as np
    import pandas as pd

    per_set = [sets_table.loc[sets_table["set"] == s + 1, "vignette"].to_numpy()
               for s in range(n_sets)]
    size = len(per_set[0])
    shuffled = size - int(repeat)
    respondent = np.repeat(np.arange(1, respondents + 1), size)
    set_index = (np.arange(respondents) % n_sets)
    vignettes = np.stack([per_set[s] for s in set_index])  # respondents × size
    keys = rng.random((respondents, shuffled)).argsort(axis=1)
    vignettes[:, :shuffled] = np.take_along_axis(vignettes[:, :shuffled], keys, axis=1)
    return pd.DataFrame({"respondent": respondent, "set": np.repeat(set_index + 1, size),
                         "position": np.tile(np.arange(1, size + 1), respondents),
                         "vignette": vignettes.ravel()})


def template_slots(template: str, factors: Mapping[str, FactorConfig]) -> dict[str, str]:
    """Slot text → factor name; every factor needs its slot and every slot a factor."""
    wanted = {(f.slot or name): name for name, f in factors.items()}
    found = _SLOT.findall(template)
    problems: list[str | Text] = []
    unknown = [s for s in dict.fromkeys(found) if s not in wanted]
    if unknown:
        slots = [f'[{s}]' for s in wanted]
        problems.append(Text(
            en=f"vignette.template has the slot(s) {quoted_list(unknown)} that name no "
               f"factor; slots are {quoted_list(slots)} (a factor's `slot`, else its name)",
            nl=f"vignette.template heeft de plek(ken) {quoted_list(unknown, lang='nl')} die "
               f"geen factor noemen; de plekken zijn {quoted_list(slots, lang='nl')} (de "
               "`slot` van een factor, anders zijn naam)"))
    missing = [s for s in wanted if s not in found]
    if missing:
        slots = [f'[{s}]' for s in missing]
        problems.append(Text(
            en=f"vignette.template has no slot for {quoted_list(missing)}; write "
               f"{quoted_list(slots)} where its text goes",
            nl=f"vignette.template heeft geen plek voor {quoted_list(missing, lang='nl')}; "
               f"schrijf {quoted_list(slots, lang='nl')} waar de tekst ervan moet komen"))
    if problems:
        raise ConfigError(problems)
    return wanted


def template_parts(template: str, factors: Mapping[str, FactorConfig]
                   ) -> tuple[tuple[str, str | None], ...]:
    """The template as runs of (text, factor name or None): a slot is a run of its own,
    so a renderer can mark the manipulated sentences (the factsheet's scenario box)."""
    slots = template_slots(template, factors)
    parts: list[tuple[str, str | None]] = []
    for index, piece in enumerate(_SLOT.split(template)):
        if index % 2:
            parts.append((piece, slots[piece]))
        elif piece:
            parts.append((piece, None))
    return tuple(parts)


def vignette_texts(template: str, factors: Mapping[str, FactorConfig], deck: pd.DataFrame,
                   sets_table: pd.DataFrame) -> pd.DataFrame:
    """The text of every vignette of every set: the template with each slot replaced by the
    text of the level shown (the factor's ``texts``, else its level label)."""

    slots = template_slots(template, factors)
    by_id = deck.set_index("vignette")
    text_of: dict[int, str] = {}
    for vignette_id, row in by_id.iterrows():
        def fill(match: re.Match[str], row: pd.Series = row) -> str:
            factor = factors[slots[match.group(1)]]
            index = factor.levels.index(row[factor.column])
            return factor.texts[index] if factor.texts else factor.level_label(
                factor.levels[index])
        text_of[int(vignette_id)] = _SLOT.sub(fill, template)
    texts = sets_table.copy()
    texts["text"] = [text_of[int(v)] for v in texts["vignette"]]
    return texts
