"""Config sections of a survey of professionals in teams: ``[teams]``, ``[correlations]``,
``[regression.NAME]`` (DESIGN.md §3).

```toml
[teams]
column = "team"            # team id: professionals nested in teams
leaders = "leiders.csv"    # optional: one row per team (team-leader survey), merged by team id

[correlations]
variables = ["taakonzekerheid", "steun", "teamklimaat", "maatwerk", "leeftijd"]
p_values = "stars"         # or "exact": how the rendered table shows significance

[regression.maatwerk]
outcome = "maatwerk"
predictors = ["taakonzekerheid", "steun", "teamklimaat", "geslacht"]
categorical = ["geslacht"] # treatment coding; reference = the first code unless `reference`
reference = { geslacht = "0" }
interactions = [["steun", "teamklimaat"]]
centre = "none"            # "grand" (grand mean) or "team" (within team + team mean)
label = "Maatwerk"
```

Names are scale names or data columns; whether they exist is checked against the data
(:mod:`maatwerk_stats.prepare.teams`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..errors import Text

CENTRING = ("none", "grand", "team")
P_STYLES = ("stars", "exact")

KEYS: dict[str, set[str]] = {
    "teams": {"column", "leaders", "label"},
    "correlations": {"variables", "p_values"},
    "regression": {"outcome", "predictors", "categorical", "reference", "interactions",
                   "centre", "label"},
}


@dataclass(frozen=True)
class TeamsConfig:
    column: str
    leaders: Path | None = None
    label: str | None = None


@dataclass(frozen=True)
class CorrelationsConfig:
    variables: tuple[str, ...]
    p_values: str = "stars"


@dataclass(frozen=True)
class RegressionConfig:
    name: str
    outcome: str
    predictors: tuple[str, ...]
    categorical: tuple[str, ...] = ()
    reference: Mapping[str, str] = field(default_factory=dict)
    interactions: tuple[tuple[str, str], ...] = ()
    centre: str = "none"
    label: str | None = None

    def variables(self) -> tuple[str, ...]:
        return (self.outcome, *self.predictors)


@dataclass(frozen=True)
class SurveyConfig:
    teams: TeamsConfig | None = None
    correlations: CorrelationsConfig | None = None
    regressions: Mapping[str, RegressionConfig] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.teams is None and self.correlations is None and not self.regressions


class Checker(Protocol):
    """What :func:`parse_survey` needs from :class:`maatwerk_stats.config.load._Checker`."""

    def fail(self, message: str | Text) -> None: ...
    def keys(self, table: Mapping[str, Any], where: str, kind: str) -> None: ...
    def table(self, value: Any, where: str) -> Mapping[str, Any]: ...
    def string(self, table: Mapping[str, Any], key: str, where: str,
               default: str | None = None) -> str | None: ...
    def strings(self, table: Mapping[str, Any], key: str, where: str, *,
                comma_list: bool = False) -> tuple[str, ...] | None: ...


def parse_survey(check: Checker, raw: Mapping[str, Any], base: Path) -> SurveyConfig:
    """The three sections of ``raw`` (a parsed TOML document), problems reported to ``check``."""
    teams = None
    if "teams" in raw:
        table = check.table(raw["teams"], "teams")
        check.keys(table, "teams", "teams")
        column = check.string(table, "column", "teams")
        if not column:
            check.fail(Text(en="teams.column is missing: the column that holds the team id, "
                               "e.g. column = \"team\"",
                            nl="teams.column ontbreekt: de kolom met de team-id, bijv. "
                               "column = \"team\""))
        leaders = check.string(table, "leaders", "teams")
        path = None
        if leaders:
            path = Path(leaders) if Path(leaders).is_absolute() else base / leaders
        if column:
            teams = TeamsConfig(column=column, leaders=path,
                                label=check.string(table, "label", "teams"))
    correlations = None
    if "correlations" in raw:
        table = check.table(raw["correlations"], "correlations")
        check.keys(table, "correlations", "correlations")
        variables = check.strings(table, "variables", "correlations", comma_list=True)
        if not variables or len(variables) < 2:
            check.fail(Text(en="correlations.variables must list at least two scales or "
                               "columns",
                            nl="correlations.variables moet ten minste twee schalen of kolommen "
                               "noemen"))
        style = check.string(table, "p_values", "correlations", "stars") or "stars"
        if style not in P_STYLES:
            check.fail(Text(en=f"correlations.p_values must be \"stars\" or \"exact\", not "
                               f"{style!r}",
                            nl=f"correlations.p_values moet \"stars\" of \"exact\" zijn, niet "
                               f"{style!r}"))
        if variables and len(variables) >= 2:
            correlations = CorrelationsConfig(variables=_unique(check, variables,
                                                                "correlations.variables"),
                                              p_values=style)
    regressions: dict[str, RegressionConfig] = {}
    for name, value in check.table(raw.get("regression"), "regression").items():
        model = _parse_regression(check, name, value)
        if model is not None:
            regressions[name] = model
    return SurveyConfig(teams=teams, correlations=correlations, regressions=regressions)


def _unique(check: Checker, names: tuple[str, ...], where: str) -> tuple[str, ...]:
    seen = [n for i, n in enumerate(names) if n in names[:i]]
    if seen:
        check.fail(Text(en=f"{where} names {seen[0]!r} twice",
                        nl=f"{where} noemt {seen[0]!r} twee keer"))
    return tuple(dict.fromkeys(names))


def _parse_regression(check: Checker, name: str, value: Any) -> RegressionConfig | None:
    where = f"regression.{name}"
    table = check.table(value, where)
    check.keys(table, where, "regression")
    outcome = check.string(table, "outcome", where)
    predictors = check.strings(table, "predictors", where, comma_list=True)
    if not outcome:
        check.fail(Text(en=f"{where}.outcome is missing: the scale or column to explain",
                        nl=f"{where}.outcome ontbreekt: de schaal of kolom die verklaard "
                           "wordt"))
    if not predictors:
        check.fail(Text(en=f"{where}.predictors is missing: a list of scales or columns",
                        nl=f"{where}.predictors ontbreekt: een lijst van schalen of kolommen"))
        return None
    if outcome and outcome in predictors:
        check.fail(Text(en=f"{where}: the outcome {outcome!r} is also a predictor",
                        nl=f"{where}: de uitkomst {outcome!r} is ook een voorspeller"))
    predictors = _unique(check, predictors, f"{where}.predictors")
    categorical = check.strings(table, "categorical", where, comma_list=True) or ()
    for column in categorical:
        if column not in predictors:
            check.fail(Text(en=f"{where}.categorical names {column!r}, which is not a "
                               "predictor",
                            nl=f"{where}.categorical noemt {column!r}, dat geen voorspeller "
                               "is"))
    reference: dict[str, str] = {}
    for key, code in check.table(table.get("reference"), f"{where}.reference").items():
        if key not in categorical:
            check.fail(Text(en=f"{where}.reference names {key!r}, which is not in categorical",
                            nl=f"{where}.reference noemt {key!r}, dat niet in categorical "
                               "staat"))
        reference[key] = str(code)
    interactions: list[tuple[str, str]] = []
    raw_pairs = table.get("interactions", [])
    if not isinstance(raw_pairs, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(v, str) for v in p)
            for p in raw_pairs):
        check.fail(Text(en=f"{where}.interactions must be a list of pairs, e.g. "
                           "[[\"a\", \"b\"]]",
                        nl=f"{where}.interactions moet een lijst van paren zijn, bijv. "
                           "[[\"a\", \"b\"]]"))
        raw_pairs = []
    for a, b in raw_pairs:
        for term in (a, b):
            if term not in predictors:
                check.fail(Text(en=f"{where}.interactions names {term!r}, which is not a "
                                   "predictor",
                                nl=f"{where}.interactions noemt {term!r}, dat geen "
                                   "voorspeller is"))
            elif term in categorical:
                check.fail(Text(en=f"{where}.interactions: {term!r} is categorical; "
                                   "interactions are for numeric predictors (simple slopes at "
                                   "mean ± 1 SD)",
                                nl=f"{where}.interactions: {term!r} is categorisch; "
                                   "interacties zijn voor numerieke voorspellers "
                                   "(enkelvoudige hellingen bij gemiddelde ± 1 SD)"))
        if a == b:
            check.fail(Text(en=f"{where}.interactions pairs {a!r} with itself",
                            nl=f"{where}.interactions koppelt {a!r} aan zichzelf"))
        interactions.append((a, b))
    centre = check.string(table, "centre", where, "none") or "none"
    if centre not in CENTRING:
        check.fail(Text(en=f"{where}.centre must be one of {', '.join(CENTRING)}, not "
                           f"{centre!r}",
                        nl=f"{where}.centre moet een van {', '.join(CENTRING)} zijn, niet "
                           f"{centre!r}"))

    if not outcome:
        return None
    return RegressionConfig(name=name, outcome=outcome, predictors=predictors,
                            categorical=tuple(categorical), reference=reference,
                            interactions=tuple(interactions), centre=centre,
                            label=check.string(table, "label", where))
