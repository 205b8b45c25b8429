"""Library parameters and command-line options laid over a study config.

A config describes a study; a call may override parts of it (the CLI's options, or the
keyword arguments of the library functions). The rules for combining them live here, once:
an option replaces the config's value, and a group column other than the configured one drops
the configured order and labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import DataError, OptionError, param
from ..names import display_name
from .model import FactorConfig, StudyConfig, VignetteConfig


@dataclass(frozen=True)
class ComparisonOptions:
    """How the two measurements of a comparison are found and matched.

    ``group``: the column telling the measurements apart (one file), ``group_order`` its two
    codes (before first), ``group_labels`` their display labels, ``id_column`` the id column
    that matches people (None: independent groups)."""

    group: str | None
    group_order: tuple[str, ...] | None
    group_labels: tuple[str, ...] | None
    id_column: str | None


def comparison_options(config: StudyConfig, *, two_files: bool, group: str | None = None,
                       group_order: Sequence[str] | None = None,
                       group_labels: Sequence[str] | None = None,
                       paired: bool | None = None, id_column: str | None = None
                       ) -> ComparisonOptions:
    """The config's ``[groups]`` with the call's options laid over it.

    With one file the group column defaults to ``groups.column``; the configured order and
    labels apply to two files, or to one file when its group column is the configured one. Labels
    from the config are kept when the order is the configured one. ``paired`` (default:
    ``groups.paired``) needs an id column: ``id_column``, else ``groups.id``, else
    ``study.id``."""
    groups = config.groups
    if not two_files and group is None and groups is not None:
        group = groups.column
    config_order = None
    config_labels = None
    if groups is not None and groups.order and (two_files or groups.column in (None, group)):
        config_order, config_labels = groups.order, groups.labels
    elif groups is not None and two_files and groups.order is None:
        config_labels = groups.labels  # two files: labels of PRE and POST, no order
    order = tuple(group_order) if group_order is not None else config_order
    if group_labels is not None:
        labels: tuple[str, ...] | None = tuple(group_labels)
    elif group_order is None or (config_order is not None
                                 and list(group_order) == list(config_order)):
        labels = config_labels
    else:
        labels = None
    is_paired = paired if paired is not None else bool(groups and groups.paired)
    key = None
    if is_paired:
        key = id_column or (groups.id if groups else None) or config.id
        if key is None:
            raise DataError(
                en="paired comparison without an id column: name the column that identifies "
                   f"the same person in both measurements with {param('id_column', 'COLUMN')} "
                   "(or groups.id in the config).",
                nl="gepaarde vergelijking zonder id-kolom: noem de kolom die dezelfde persoon "
                   f"in beide metingen aanwijst met {param('id_column', 'COLUMN')} (of "
                   "groups.id in de config).")
    return ComparisonOptions(group=group, group_order=order, group_labels=labels,
                             id_column=key)



def vignette_settings(config: StudyConfig | VignetteConfig | None = None, *,
                      id: str | None = None, outcome: str | None = None,
                      factors: Sequence[str] | None = None, group: str | None = None,
                      group_order: Sequence[str] | None = None, position: str | None = None,
                      vignette_column: str | None = None,
                      wide_columns: Sequence[str] | None = None,
                      deck: str | Path | None = None,
                      outcome_range: tuple[float, float] | None = None
                      ) -> tuple[VignetteConfig, set[str]]:
    """The config's ``[vignette]`` section with the options laid over it.

    Returns the settings and the names of the options given explicitly. ``factors`` keeps the
    config's definition of a factor it names, and defines the others from their columns
    (levels taken from the data, the first in sorted order as the reference).
    """
    if isinstance(config, StudyConfig):
        base = config.vignette or VignetteConfig()
    else:
        base = config or VignetteConfig()
    explicit: set[str] = set()
    changes: dict[str, Any] = {}
    for key, value in (("id", id), ("outcome", outcome), ("position", position),
                       ("vignette", vignette_column), ("outcome_range", outcome_range)):
        if value is not None:
            changes[key] = value
            explicit.add(key)
    if deck is not None:
        changes["deck"] = Path(deck)
        explicit.add("deck")
    if wide_columns is not None:
        changes["wide_columns"] = tuple(wide_columns)
        explicit.add("wide_columns")
    if group is not None:
        changes["group"] = group
        explicit.add("group")
        if group != base.group:
            changes["group_order"] = None
            changes["group_labels"] = None
    if group_order is not None:
        order = tuple(group_order)
        changes["group_order"] = order
        explicit.add("group_order")
        labels = base.group_labels
        if labels is None or base.group_order is None or set(order) != set(base.group_order):
            changes["group_labels"] = None
        else:
            changes["group_labels"] = tuple(labels[base.group_order.index(g)] for g in order)
    if factors is not None:
        names = [f.strip() for f in factors if f.strip()]
        if not names:
            example = param('factors', 'reputatie,hulpbehoevendheid')
            raise OptionError(
                en=f"{param('factors')} is empty; name the factor columns, e.g. {example}",
                nl=f"{param('factors')} is leeg; noem de factorkolommen, bijv. {example}")

        defined: dict[str, FactorConfig] = {}
        for name in names:
            defined[name] = base.factors.get(name) or FactorConfig(
                name=name, label=display_name(name), levels=(),
                reference="", column=name)
        changes["factors"] = defined
        explicit.add("factors")
    return replace(base, **changes), explicit


