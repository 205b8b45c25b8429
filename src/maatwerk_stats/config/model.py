"""The study config as typed, frozen objects (DESIGN.md, "Study config").

A config says which columns form which scale, how groups are coded and how a vignette study is
laid out. :mod:`.load` builds it from TOML (checking every key), :mod:`.infer` guesses it from
column names, :mod:`.options` lays command-line options or library parameters over it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

# answer texts are matched by one rule, kept with the answer families
from ..io.likert import normalise_answer  # noqa: F401
from .codes import CodesConfig
from .survey import SurveyConfig

# --------------------------------------------------------------------------------------------
# The typed config


@dataclass(frozen=True)
class ScaleConfig:
    """One Likert scale: its items, which are reverse-keyed, and the answer range."""

    name: str
    label: str
    items: tuple[str, ...]
    reverse: tuple[str, ...] = ()
    range: tuple[float, float] | None = None
    min_items: int = 1
    missing_codes: tuple[float, ...] = ()
    item_labels: Mapping[str, str] = field(default_factory=dict)
    value_map: Mapping[str, float] = field(default_factory=dict)
    parent: str | None = None  # a subscale: the name of its scale
    subscales: tuple[str, ...] = ()  # a scale: the names of its subscales

    def reverse_value(self, value: float) -> float:
        """``min + max − x`` (DESIGN.md §5); needs a declared range."""
        if self.range is None:
            raise ValueError(f"scale {self.name} has no range; cannot reverse-code")
        low, high = self.range
        return low + high - value


@dataclass(frozen=True)
class GroupsConfig:
    """How the two measurements are told apart: a column (one file) or two files."""

    column: str | None = None
    order: tuple[str, ...] | None = None
    labels: tuple[str, ...] | None = None
    paired: bool = False
    id: str | None = None
    covariates: tuple[str, ...] = ()
    site: str | None = None  # column of the site (municipality): change per site


@dataclass(frozen=True)
class FactorConfig:
    name: str
    label: str
    levels: tuple[str, ...]
    reference: str
    column: str
    level_labels: tuple[str, ...] | None = None
    slot: str | None = None  # the [slot] of the vignette text template (default: the name)
    texts: tuple[str, ...] | None = None  # the text of each level in the template's slot

    def level_label(self, level: str) -> str:
        if self.level_labels is None:
            return level
        return self.level_labels[self.levels.index(level)]


@dataclass(frozen=True)
class InfluenceConfig:
    """Thresholds on |simple effect| (rating units) → "geen / matige / veel invloed"."""

    thresholds: tuple[float, ...] = (0.3, 0.8)
    labels: tuple[str, ...] = ("geen invloed", "matige invloed", "veel invloed")
    alpha: float = 0.05


@dataclass(frozen=True)
class VignetteConfig:
    id: str = "respondent"
    outcome: str = "rating"
    outcome_label: str | None = None
    outcome_range: tuple[float, float] | None = None
    vignette: str | None = None
    position: str | None = None
    deck: Path | None = None
    wide_columns: tuple[str, ...] | None = None
    group: str | None = None
    group_order: tuple[str, ...] | None = None
    group_labels: tuple[str, ...] | None = None
    factors: Mapping[str, FactorConfig] = field(default_factory=dict)
    influence: InfluenceConfig = field(default_factory=InfluenceConfig)
    template: str | None = None  # vignette text with a [slot] per factor (`design`)


@dataclass(frozen=True)
class ReportConfig:
    min_cell: int = 5
    top_items: int = 1
    title: str | None = None
    intro: str | None = None
    vignette_intro: str | None = None
    footnote: str | None = None
    # scale name → the researchers' interpretation, shown under the scale's heading
    scale_text: Mapping[str, str] = field(default_factory=dict)
    # the colophon: who made it, how to cite it, which version (shown in HTML and DOCX)
    authors: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()
    logos: tuple[Path, ...] = ()  # PNG or JPEG files, relative to the config
    contact: str | None = None
    date: str | None = None  # as it should read ("juni 2023")
    citation: str | None = None
    doi: str | None = None  # a DOI ("10.…") or a handle/URL
    license: str | None = None  # the licence it is published under ("CC BY 4.0")
    version: str | None = None
    per_vignette: bool = False  # the factsheet shows the per-vignette figure


@dataclass(frozen=True)
class StudyConfig:
    """A whole study config. ``path`` is the file it came from (None when inferred)."""

    name: str = "study"
    title: str | None = None
    id: str | None = None
    language: str = "nl"
    intro: str | None = None
    scales: Mapping[str, ScaleConfig] = field(default_factory=dict)
    value_map: Mapping[str, float] = field(default_factory=dict)
    groups: GroupsConfig | None = None
    vignette: VignetteConfig | None = None
    report: ReportConfig = field(default_factory=ReportConfig)
    data: Mapping[str, Path] = field(default_factory=dict)
    codes: CodesConfig | None = None  # [codes]: the interviews' QDA export (config/codes.py)
    path: Path | None = None
    raw: Mapping[str, Any] = field(default_factory=dict)
    survey: SurveyConfig = field(default_factory=SurveyConfig)  # [teams], [correlations], …

    def display_title(self) -> str:
        return self.report.title or self.title or self.name

    def scale_of(self, item: str) -> ScaleConfig | None:
        for scale in self.scales.values():
            if item in scale.items:
                return scale
        return None




def default_min_items(n_items: int) -> int:
    """Without ``min_items``: at least half of the items answered (rounded up)."""
    return max(1, math.ceil(n_items / 2))


def with_scales(config: StudyConfig, names: Iterable[str]) -> StudyConfig:
    """A copy keeping only the named scales."""
    keep = set(names)
    keep |= {sub for name in names if name in config.scales
             for sub in config.scales[name].subscales}
    return replace(config, scales={k: v for k, v in config.scales.items() if k in keep})


