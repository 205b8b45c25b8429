"""``power``: how many respondents a planned study needs.

``power compare`` is analytic: the t-test of a questionnaire comparison, exactly as R's
``power.t.test`` (:func:`maatwerk_stats.stats.power.power_t`). ``power vignette`` simulates
the planned vignette study and fits every simulated data set with the model ``vignette`` uses
(:mod:`maatwerk_stats.analyses.power_vignette`).

Both give ``power.csv`` (DESIGN.md §4): one row per term or comparison and sample size,
``term, effect, n_respondents, n_per_respondent, power, conf_low, conf_high, n_simulations``
(analytic rows have no Monte-Carlo interval and ``n_simulations`` 0).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import OptionError, number, param

if TYPE_CHECKING:
    import pandas as pd

POWER_COLUMNS = ["term", "effect", "n_respondents", "n_per_respondent", "power", "conf_low",
                 "conf_high", "n_simulations"]
# --type of power compare → power.t.test's type
COMPARE_TYPES = {"independent": "two.sample", "paired": "paired", "one-sample": "one.sample"}


@dataclass(frozen=True)
class PowerResult:
    """``table``: power.csv. ``solved_for``: what was computed (``power``, ``n``, ``delta``)."""

    table: pd.DataFrame
    solved_for: str
    kind: str  # "compare" or "vignette"
    needed: pd.DataFrame | None = None  # power_needed.csv (power vignette)

    def tables(self) -> dict[str, pd.DataFrame]:
        if self.needed is None:
            return {"power": self.table}
        return {"power": self.table, "power_needed": self.needed}


# the Dutch of what :func:`maatwerk_stats.stats.power.solve_power_t` says when the target
# cannot be reached (its ValueError, shown to the user with the options to check)
_UNREACHABLE = {
    "no sample size reaches that power": "geen steekproefomvang haalt die power",
    "no effect reaches that power": "geen effect haalt die power",
}


def check_probability(name: str, value: float | None, low: float = 0.0, high: float = 1.0
                      ) -> None:
    if value is not None and not (low < value < high and math.isfinite(value)):
        raise OptionError(
            en=f"{param(name, value)} must lie strictly between {low:g} and {high:g}.",
            nl=f"{param(name, value)} moet tussen {number(low, 'nl', 'g')} en "
               f"{number(high, 'nl', 'g')} liggen (de grenzen zelf niet).")


def compare_power(*, type: str = "independent", n: Sequence[float] | None = None,
                  delta: float | None = None, sd: float = 1.0, power: float | None = None,
                  alpha: float = 0.05, one_sided: bool = False, strict: bool = True
                  ) -> PowerResult:
    """Power, sample size or detectable difference of a two-group or paired comparison.

    Give two of ``n`` (per group for ``independent``; pairs for ``paired``; one or more
    sizes), ``delta`` (the true mean difference, in the units of ``sd``) and ``power``; the
    third is solved as ``power.t.test(n, delta, sd, sig.level = alpha, power, type,
    alternative, strict)`` does. A solved ``n`` is reported both exactly (``n_exact``, as R)
    and rounded up (``n_respondents``, with the power it reaches).
    """
    import pandas as pd

    from ..stats.power import solve_power_t

    if type not in COMPARE_TYPES:
        raise OptionError(en=f"{param('type', type)}: use one of {', '.join(COMPARE_TYPES)}.",
                          nl=f"{param('type', type)}: gebruik een van "
                             f"{', '.join(COMPARE_TYPES)}.")
    given = {"n": n is not None and len(n) > 0, "delta": delta is not None,
             "power": power is not None}
    if sum(given.values()) != 2:
        raise OptionError(
            en=f"give exactly two of {param('n')}, {param('delta')} and {param('power')}: the "
               "third is computed (power from n and delta, n from delta and power, the "
               "detectable delta from n and power).",
            nl=f"geef precies twee van {param('n')}, {param('delta')} en {param('power')}: de "
               "derde wordt berekend (power uit n en delta, n uit delta en power, de "
               "aantoonbare delta uit n en power).")
    check_probability("alpha", alpha)
    check_probability("power", power, low=alpha)
    if not (sd > 0 and math.isfinite(sd)):
        raise OptionError(en=f"{param('sd', sd)} must be a positive number.",
                          nl=f"{param('sd', sd)} moet een positief getal zijn.")
    if delta is not None and (not math.isfinite(delta) or delta == 0):
        raise OptionError(en=f"{param('delta', delta)}: give a non-zero difference to detect.",
                          nl=f"{param('delta', delta)}: geef het verschil dat aangetoond moet "
                             "worden; het mag niet 0 zijn.")
    sizes = list(n) if n else [None]
    for size in sizes:
        if size is not None and not (size >= 2 and math.isfinite(size)):
            independent = type == "independent"
            raise OptionError(
                en=f"{param('n', size)}: a t-test needs at least 2 respondents "
                   f"{'per group' if independent else 'in all'}.",
                nl=f"{param('n', size)}: een t-toets heeft minstens 2 respondenten "
                   f"{'per groep' if independent else 'in totaal'} nodig.")
    r_type = COMPARE_TYPES[type]
    alternative = "one.sided" if one_sided else "two.sided"
    solved_for = next(k for k, v in given.items() if not v)
    rows = []
    for size in sizes:
        try:
            solved = solve_power_t(n=size, delta=abs(delta) if delta is not None else None,
                                   power=power, sd=sd, alpha=alpha, type=r_type,
                                   alternative=alternative, strict=strict)
        except ValueError as error:
            dutch = _UNREACHABLE.get(str(error))
            english = f"{error}: check {param('delta')} and {param('power')}."
            raise OptionError(english, None if dutch is None else (
                f"{dutch}: controleer {param('delta')} en {param('power')}.")) from None
        n_exact = solved["n"]
        n_whole = math.ceil(n_exact - 1e-9) if solved_for == "n" else n_exact
        reached = solved["power"] if solved_for != "n" else solve_power_t(
            n=n_whole, delta=solved["delta"], sd=sd, alpha=alpha, type=r_type,
            alternative=alternative, strict=strict)["power"]
        rows.append({
            "term": type, "effect": solved["delta"], "n_respondents": n_whole,
            "n_per_respondent": 2 if type == "paired" else 1, "power": reached,
            "conf_low": math.nan, "conf_high": math.nan, "n_simulations": 0,
            "sd": sd, "effect_size": solved["delta"] / sd, "n_exact": n_exact,
            "n_total": 2 * n_whole if type == "independent" else n_whole,
            "target_power": power if power is not None else math.nan,
            "power_exact": solved["power"], "alpha": alpha, "alternative": alternative,
            "strict": strict, "solved_for": solved_for, "method": "power.t.test (analytic)"})
    table = pd.DataFrame(rows)
    return PowerResult(table=table[POWER_COLUMNS + [c for c in table.columns
                                                    if c not in POWER_COLUMNS]],
                       solved_for=solved_for, kind="compare")


def parse_sizes(text: str, option: str = "n") -> list[int]:
    """``"60"``, ``"20,40,60"`` or ``"20:100:10"`` (start:stop:step, stop included)."""
    text = text.strip()
    try:
        if ":" in text:
            parts = [int(p) for p in text.split(":")]
            if len(parts) not in (2, 3) or (len(parts) == 3 and parts[2] <= 0):
                raise ValueError
            start, stop = parts[0], parts[1]
            step = parts[2] if len(parts) == 3 else 1
            sizes = list(range(start, stop + 1, step))
        else:
            sizes = [int(p) for p in text.replace(";", ",").split(",") if p.strip()]
    except ValueError:
        raise OptionError(
            en=f"{param(option, text)}: give a number, a list (20,40,60) or a range "
               "start:stop:step (20:100:10).",
            nl=f"{param(option, text)}: geef een getal, een lijst (20,40,60) of een reeks "
               "start:stop:stap (20:100:10).") from None
    if not sizes:
        raise OptionError(en=f"{param(option, text)} holds no size.",
                          nl=f"{param(option, text)} bevat geen steekproefomvang.")
    return sizes
