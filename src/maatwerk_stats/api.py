"""The library's entry points: read the data, prepare them, analyse them.

Each function takes files (or data already read) and a config (or its path), lays its keyword
arguments over the config as the command line does (:mod:`maatwerk_stats.config.options`),
and returns the frozen result of an analysis. This is the only library module besides
:mod:`maatwerk_stats.publish` that reads files; everything it calls works on objects in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .config import StudyConfig, VignetteConfig, infer_both, infer_config, load_config
from .errors import ConfigError, Text, param
from .errors import hint as did_you_mean_hint
from .names import MIXED

if TYPE_CHECKING:
    import pandas as pd

    from .analyses.compare import Comparison, Distribution
    from .analyses.scales import Reliability
    from .analyses.vignette import VignetteResult
    from .io.dataset import Dataset
    from .prepare.items import OutOfRange, ScaleScores

def as_dataset(data: str | Path | Dataset) -> Dataset:
    """``data`` read from its file, or as it is when it was read already; its compact number
    columns as float64 (:func:`maatwerk_stats.io.dataset.widen`), as the analyses compute."""
    from .io.dataset import widen

    if isinstance(data, str | Path):
        from .io.read import read_data

        return widen(read_data(data))
    return widen(data)


def as_config(config: StudyConfig | str | Path | None) -> StudyConfig | None:
    return load_config(config) if isinstance(config, str | Path) else config


def select_scales(config: StudyConfig, scales: Sequence[str] | None) -> StudyConfig:
    """The config with only the named scales (all when ``scales`` is empty)."""
    from .config import with_scales

    if not scales:
        return config
    unknown = [s for s in scales if s not in config.scales]
    if unknown:
        names = ", ".join(config.scales)
        raise ConfigError([Text(
            en=f"{param('scales', repr(s))} is not a scale of the config"
               + (did_you_mean_hint(s, config.scales) or f" (scales: {names})"),
            nl=f"{param('scales', repr(s))} is geen schaal van de config"
               + (did_you_mean_hint(s, config.scales, "nl") or f" (schalen: {names})"))
            for s in unknown])
    return with_scales(config, scales)


def score_scales(data: str | Path | Dataset, config: StudyConfig | str | Path | None = None,
                 scales: Sequence[str] | None = None, out_of_range: OutOfRange = "error"
                 ) -> ScaleScores:
    """Scale scores of ``data`` (:func:`maatwerk_stats.prepare.items.score_scales`); without
    a config, scales are inferred from the column names."""
    from .prepare.items import score_scales as score

    dataset = as_dataset(data)
    study = as_config(config) or infer_config(dataset)
    return score(dataset, select_scales(study, scales), out_of_range=out_of_range)


def reliability(scored: ScaleScores, by: pd.Series | None = None,
                order: Sequence[str] | None = None) -> Reliability:
    """Reliability tables of scored scales (:func:`maatwerk_stats.analyses.scales.reliability`)."""
    from .analyses.scales import reliability as analyse

    return analyse(scored, by=by, order=order)


def compare(data: str | Path | Dataset, other: str | Path | Dataset | None = None,
            *more: str | Path | Dataset, config: StudyConfig | str | Path | None = None,
            group: str | None = None,
            group_order: Sequence[str] | None = None,
            group_labels: Sequence[str] | None = None, paired: bool | None = None,
            id_column: str | None = None, equal_var: bool = False, adjust: str = "holm",
            adjust_for: Sequence[str] = (), categorical: Sequence[str] = (),
            ordinal: bool = False, scales: Sequence[str] | None = None,
            out_of_range: OutOfRange = "error", model: str = "t_test",
            site: str | None = None, adjust_family: str = "table",
            on_distribution: Callable[[Distribution], None] | None = None) -> Comparison:
    """Compare two measurements of every scale and item
    (:mod:`maatwerk_stats.analyses.compare`).

    ``data``, ``other`` and ``more``: two or more files (before, after, follow-up …; three or
    more measurements need paired data and give the mixed model's pairwise changes), or one
    file with a ``group`` column
    (default: the config's ``groups.column``) whose two codes are ordered by ``group_order``
    (default: ``groups.order``; numeric codes ascending; the pairs voor/na, pre/post,
    before/after, t0/t1 are recognised). ``paired`` (default: ``groups.paired``) matches people
    on ``id_column`` (default: ``groups.id``, then ``study.id``). Without ``config`` the scales
    are inferred from the column names of both files. ``model = "mixed"`` (paired data) adds
    the change from a mixed model that uses every respondent, also those measured once
    (:mod:`maatwerk_stats.analyses.compare_mixed`). ``site`` (default: ``groups.site``)
    names the column of the sites (municipalities): the change per site and the site × time
    interaction (:mod:`maatwerk_stats.analyses.compare_sites`). ``on_distribution``: see
    :func:`maatwerk_stats.analyses.compare.compare`.
    """
    from .analyses.compare import compare as analyse
    from .config.options import comparison_options
    from .prepare.measurements import stack_measurements

    first = as_dataset(data)
    second = as_dataset(other) if other is not None else None
    later = [as_dataset(d) for d in more]
    study = as_config(config)
    if study is None:
        study = infer_both(first, second) if second is not None else infer_config(first)
    study = select_scales(study, scales)
    options = comparison_options(study, two_files=second is not None, group=group,
                                 group_order=group_order, group_labels=group_labels,
                                 paired=paired, id_column=id_column)
    measurements = stack_measurements(
        first, second, study, more=later, group=options.group, group_order=options.group_order,
        group_labels=options.group_labels, id_column=options.id_column,
        adjust_for=adjust_for, out_of_range=out_of_range,
        site=site or (study.groups.site if study.groups else None))
    return analyse(measurements, id_column=options.id_column, equal_var=equal_var,
                   adjust=adjust, adjust_for=adjust_for, categorical=categorical,
                   ordinal=ordinal, model=model, adjust_family=adjust_family,
                   on_distribution=on_distribution)


def vignette(data: str | Path | Dataset | pd.DataFrame,
             config: StudyConfig | VignetteConfig | str | Path | None = None, *,
             id: str | None = None, outcome: str | None = None,
             factors: Sequence[str] | None = None, group: str | None = None,
             group_order: Sequence[str] | None = None, position: str | None = None,
             vignette_column: str | None = None, wide_columns: Sequence[str] | None = None,
             deck: str | Path | None = None, outcome_range: tuple[float, float] | None = None,
             cluster_se: Literal["cr1", "cr2"] = "cr1", exclude_straightliners: bool = False,
             model: Literal["mixed", "ols_cluster"] = MIXED) -> VignetteResult:
    """Analyse a vignette study: mixed model and clustered OLS, per group and pooled
    (:mod:`maatwerk_stats.analyses.vignette`).

    ``data``: a file (long or wide; see :mod:`maatwerk_stats.prepare.ratings`), a
    :class:`~maatwerk_stats.io.dataset.Dataset` or a DataFrame. ``config``: a study config
    (its ``[vignette]`` section) or its path; the keyword options override it, as the command
    line options do. ``model`` picks the model behind the influence table, the figures and the
    terminal (the tables hold both).
    """
    from .analyses.vignette import analyse
    from .config.options import vignette_settings
    from .io.dataset import Dataset as DatasetType
    from .io.deck import read_deck
    from .prepare.ratings import prepare_vignette_data

    study = as_config(config) if not isinstance(config, VignetteConfig) else config
    settings, explicit = vignette_settings(
        study, id=id, outcome=outcome, factors=factors, group=group,
        group_order=group_order, position=position, vignette_column=vignette_column,
        wide_columns=wide_columns, deck=deck, outcome_range=outcome_range)
    if isinstance(data, str | Path):
        dataset = as_dataset(data)
    elif isinstance(data, DatasetType):
        dataset = data
    else:
        dataset = DatasetType(frame=data, variables={}, path=Path("<data frame>"),
                              file_format="frame", sha256="")
    source = None
    if isinstance(study, StudyConfig) and study.path is not None:
        source = str(study.path)
    deck_data = read_deck(settings.deck, settings.vignette) if settings.deck else None
    prepared = prepare_vignette_data(dataset, settings, deck=deck_data, explicit=explicit,
                                     config_source=source)
    return analyse(prepared, settings.influence, cluster_se=cluster_se,
                   exclude_straightliners=exclude_straightliners, model=model)
