"""The per-vignette figure: each deck vignette's difference from the grand mean of the
vignette means, with its 95 % CI (``vignette_per_vignette.csv``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import word
from .plotting import (
    CM,
    GROUP_COLORS,
    NEUTRAL,
    Columns,
    has_value,
    minus,
    number_formatter,
    subplots,
)

if TYPE_CHECKING:
    import pandas as pd

    from ...io.write import OutputWriter
    from ...prepare.ratings import VignetteStudy


def _vignette_labels(shown: pd.DataFrame | Columns, study: VignetteStudy, lang: str
                     ) -> list[str]:
    labels = []
    for row in Columns.of(shown).rows():  # the rows of itertuples(index=False)
        levels = [factor.level_label(getattr(row, factor.name)) if getattr(
            row, factor.name) in factor.levels else str(getattr(row, factor.name))
            for factor in study.factors]
        labels.append(word("per_vignette.label", lang, vignette=row.vignette,
                           levels=" · ".join(levels)))
    return labels


def per_vignette_description(table: pd.DataFrame, study: VignetteStudy, lang: str = "nl"
                             ) -> tuple[str, str]:
    """The factsheet's caption of the per-vignette figure and its alt text, which lists every
    published difference (a reader who cannot see the figure gets the numbers)."""
    from ..format import fmt_number

    shown = table[table["estimate"].notna()]
    caption = word("per_vignette.caption", lang)
    parts = [f"{label}: {fmt_number(estimate, 2, lang, sign=True)}" for label, estimate in
             zip(_vignette_labels(shown, study, lang), shown["estimate"], strict=True)]
    return caption, f"{caption}. {'; '.join(parts)}." if parts else caption


def _published(table: Columns) -> Columns:
    """The rows with an estimate (``table[table["estimate"].notna()]``)."""
    return table.take([i for i, value in enumerate(table["estimate"]) if has_value(value)])


def per_vignette_figure(table: pd.DataFrame | Columns, study: VignetteStudy, lang: str = "nl"
                        ) -> Any:
    """One row per vignette (top to bottom in deck order), labelled with its levels.
    ``table``: ``vignette_per_vignette.csv``'s table, or its :class:`~.plotting.Columns` (what
    the figure job carries: the figure process never imports pandas)."""
    shown = _published(Columns.of(table))
    labels = _vignette_labels(shown, study, lang)
    height = 2.2 + 0.62 * len(shown)
    fig, ax = subplots(figsize=(17 * CM, height * CM))
    positions = list(range(len(shown)))[::-1]
    estimate = shown["estimate"]
    ax.errorbar(estimate, positions,
                xerr=[minus(estimate, shown["conf_low"]), minus(shown["conf_high"], estimate)],
                fmt="o", color=GROUP_COLORS[1], ecolor=GROUP_COLORS[0], elinewidth=2,
                markersize=4.5, capsize=0)
    ax.axvline(0, color=NEUTRAL, linewidth=0.8)
    ax.set_yticks(positions)
    ax.set_yticklabels(labels, fontsize=7.5)
    ax.xaxis.set_major_formatter(number_formatter(lang, 1))
    ax.set_xlabel(word("per_vignette.xlabel", lang, outcome=study.outcome_label))
    ax.set_title(word("per_vignette.title", lang))
    return fig


def write_per_vignette_figure(table: pd.DataFrame, study: VignetteStudy, writer: OutputWriter,
                              lang: str = "nl") -> list[str]:
    """``figures/vignette_per_vignette.png`` and ``.svg``; nothing when every difference is
    suppressed (small vignettes). Drawn as a job of the figure process when one runs (see
    :func:`.plotting.save_figure`), which gets the table as Columns and the study without
    the ratings (``VignetteData.study()``)."""
    from functools import partial

    from ...prepare.ratings import VignetteData
    from .plotting import save_figure

    if table["estimate"].notna().sum() == 0:
        return []
    light = study.study() if isinstance(study, VignetteData) else study
    return save_figure(partial(per_vignette_figure, Columns.of(table), light, lang), writer,
                       "vignette_per_vignette")
