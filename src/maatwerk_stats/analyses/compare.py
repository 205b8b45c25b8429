"""Pre/post comparisons of scale scores and items: ``maatwerk-stats compare``.

Two designs (DESIGN.md §5):

- **independent groups** (different people before and after, as the Leeratelier): per scale
  and item n, means, SDs, the mean difference (group 2 − group 1) with its 95 % CI, Welch's
  t-test (Student with ``equal_var``), Hedges' g with a noncentral-t CI, the Mann–Whitney test
  with U₂ and the rank-biserial correlation;
- **paired data** (the same people twice, matched on an id column, as Gewogen Maatwerk): the
  paired t-test, d_z and d_av with CIs, the Wilcoxon signed-rank test (V) and the
  matched-pairs rank-biserial correlation; every number of a row uses the complete pairs of
  that variable (so ``mean_diff`` = ``mean_2 − mean_1`` = the mean of the differences), and
  ids found in one measurement only are reported in ``unmatched``.

p-values are adjusted within each table (scales; all items) with Holm's method by default.
Each row also carries the minimal detectable effect at 80 % power (``mde_g``, paired
``mde_d_z``, see :mod:`.power`) and a ``note`` saying why any value is missing.

The input is a :class:`~maatwerk_stats.prepare.measurements.Measurements`, whose scale scores
and item values come from :func:`~maatwerk_stats.prepare.items.score_scales`, so they are
exactly those of ``maatwerk-stats scales`` (missing codes, range check, reverse coding). Where
each formula comes from and which R call it mirrors: :mod:`maatwerk_stats.stats.twosample`,
:mod:`~maatwerk_stats.stats.effectsize`, :mod:`~maatwerk_stats.stats.power`, and
:mod:`.compare_models` for ``adjust_for`` (ANCOVA-style OLS) and ``ordinal`` (proportional
odds).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..config import ScaleConfig
from ..errors import DataError, OptionError, param
from ..names import INDEPENDENT, MIXED, PAIRED
from ..notes import Note
from ..prepare.measurements import (
    Measurements,
    check_unique_ids,
    first_two,
    match_pairs,
    variable_values,
)
from ..stats import effectsize as es
from ..stats import twosample as ts
from ..stats.power import minimal_detectable_effect
from .scales import (
    DISTRIBUTION_COLUMNS,
    HEYWOOD_KINDS,
    Reliability,
    heywood_notes,
    item_distribution,
    reliability,
)

# the item figures draw a row per item (about 0.6 cm each, and a bar per answer category): 300
# items made a Likert chart 71,711 px tall, 12 minutes and 2.1 GB (issue 10, class 4)
MAX_FIGURE_ITEMS = 60

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

CONTRACT_COLUMNS = ["variable", "label", "group_1", "group_2", "n_1", "n_2", "mean_1",
                    "mean_2", "sd_1", "sd_2", "mean_diff", "diff_conf_low", "diff_conf_high",
                    "t", "df", "p_value", "p_value_rank", "p_adjusted"]
INDEPENDENT_COLUMNS = [*CONTRACT_COLUMNS, "hedges_g", "g_conf_low", "g_conf_high", "u",
                       "rank_biserial", "scale", "reversed", "rank_biserial_conf_low",
                       "rank_biserial_conf_high", "mde_g", "note"]
PAIRED_COLUMNS = [*CONTRACT_COLUMNS, "n_pairs", "d_z", "d_z_conf_low", "d_z_conf_high",
                  "d_av", "w", "rank_biserial", "scale", "reversed", "d_av_conf_low",
                  "d_av_conf_high", "rank_biserial_conf_low", "rank_biserial_conf_high",
                  "mde_d_z", "note"]
T_TEST = "t_test"
COMPARE_MODELS = (T_TEST, MIXED)
ADJUST_FAMILIES = ("table", "scale")
GROUP_MEAN_COLUMNS = ["scale", "label", "group", "group_label", "n", "mean", "conf_low",
                      "conf_high"]


# --------------------------------------------------------------------------------------------
# The result


@dataclass(frozen=True)
class Comparison:
    """The tables of ``maatwerk-stats compare`` (column names: DESIGN.md §4 and the module
    constants), plus what the renderers need to label them.

    ``distribution`` holds the answer distribution per item and group for the values that
    entered that item's row (the diverging bar chart); ``adjusted``, ``ordinal`` and
    ``unmatched`` are None unless asked for / paired.
    """

    design: str
    scales: pd.DataFrame
    items: pd.DataFrame
    distribution: pd.DataFrame
    groups: tuple[str, str]
    group_labels: tuple[str, str]
    scale_configs: tuple[ScaleConfig, ...]
    adjust: str = "holm"
    equal_var: bool = False
    adjusted: pd.DataFrame | None = None
    ordinal: pd.DataFrame | None = None
    unmatched: pd.DataFrame | None = None
    notes: tuple[Note, ...] = ()
    mixed: pd.DataFrame | None = None
    attrition: pd.DataFrame | None = None
    mixed_means: pd.DataFrame | None = None
    waves: tuple[str, ...] = ()
    wave_labels: tuple[str, ...] = ()
    sites: pd.DataFrame | None = None
    site_interaction: pd.DataFrame | None = None
    site_column: str | None = None
    site_label: str | None = None  # the site column's variable label, if it has one

    @property
    def paired(self) -> bool:
        return self.design == PAIRED

    def tables(self) -> dict[str, pd.DataFrame]:
        """Output name (without .csv) → table, in the order they are written."""
        tables = {"compare_scales": self.scales, "compare_items": self.items,
                  "compare_distribution": self.distribution}
        if self.adjusted is not None:
            tables["compare_adjusted"] = self.adjusted
        if self.ordinal is not None:
            tables["compare_ordinal"] = self.ordinal
        if self.unmatched is not None:
            tables["compare_unmatched"] = self.unmatched
        if self.mixed is not None:
            tables["compare_mixed"] = self.mixed
        if self.mixed_means is not None:
            tables["compare_mixed_means"] = self.mixed_means
        if self.attrition is not None:
            tables["compare_attrition"] = self.attrition
        if self.sites is not None:
            tables["compare_sites"] = self.sites
        if self.site_interaction is not None:
            tables["compare_site_interaction"] = self.site_interaction
        return tables


@dataclass(frozen=True)
class Distribution:
    """The answer distributions of a comparison, given to ``compare(on_distribution=…)`` as
    soon as they exist, before the tests (the Likert chart needs nothing else):
    ``distribution`` as ``Comparison.distribution``, the comparison's ``scale_configs``,
    ``groups`` and ``group_labels``, and ``n_items`` (the rows of ``Comparison.items``)."""

    distribution: pd.DataFrame
    scale_configs: tuple[ScaleConfig, ...]
    groups: tuple[str, str]
    group_labels: tuple[str, str]
    n_items: int


# --------------------------------------------------------------------------------------------
# One row


def _sd(x: np.ndarray) -> float:
    return float(x.std(ddof=1)) if len(x) >= 2 else math.nan


def _mean(x: np.ndarray) -> float:
    return float(x.mean()) if len(x) else math.nan


def independent_row(x1: np.ndarray, x2: np.ndarray, codes: tuple[str, str],
                    equal_var: bool = False) -> dict[str, Any]:
    """The statistics of one variable for two independent groups (missing values removed
    by the caller). Keys: :data:`INDEPENDENT_COLUMNS` without the descriptive ones."""
    n1, n2 = len(x1), len(x2)
    notes = [f"group {code} has fewer than 2 answers"
             for code, n in zip(codes, (n1, n2), strict=True) if n < 2]
    m1, m2, s1, s2 = _mean(x1), _mean(x2), _sd(x1), _sd(x2)
    test = ts.t_test_independent(x1, x2, equal_var=equal_var)
    if not notes and math.isnan(test.t):
        notes.append("no variance within the groups: t and Hedges' g undefined")
    g = es.hedges_g(n1, m1, s1, n2, m2, s2)
    if not notes and math.isnan(g.estimate):
        notes.append("no variance: Hedges' g undefined")
    rank = ts.mann_whitney(x1, x2)
    if n1 and n2 and math.isnan(rank.p_value):
        notes.append("all answers equal: rank test undefined")
    rb_low, rb_high = es.rank_biserial_ci(rank.rank_biserial,
                                          es.rank_biserial_se_independent(n1, n2))
    return {
        "n_1": n1, "n_2": n2, "mean_1": m1, "mean_2": m2, "sd_1": s1, "sd_2": s2,
        "mean_diff": test.mean_diff, "diff_conf_low": test.conf_low,
        "diff_conf_high": test.conf_high, "t": test.t, "df": test.df,
        "p_value": test.p_value, "p_value_rank": rank.p_value,
        "hedges_g": g.estimate, "g_conf_low": g.conf_low, "g_conf_high": g.conf_high,
        "u": rank.statistic, "rank_biserial": rank.rank_biserial,
        "rank_biserial_conf_low": rb_low, "rank_biserial_conf_high": rb_high,
        "mde_g": minimal_detectable_effect(n1, n2), "note": "; ".join(notes),
    }


def paired_row(x1: np.ndarray, x2: np.ndarray) -> dict[str, Any]:
    """The statistics of one variable for matched pairs (``x1[i]`` and ``x2[i]`` are the same
    person; incomplete pairs removed by the caller)."""
    n = len(x1)
    notes = ["fewer than 2 complete pairs"] if n < 2 else []
    m1, m2, s1, s2 = _mean(x1), _mean(x2), _sd(x1), _sd(x2)
    test = ts.t_test_paired(x1, x2)
    diffs = x2 - x1
    sd_diff = _sd(diffs)
    if not notes and math.isnan(test.t):
        if s1 + s2 > 0:
            notes.append("the differences have no variance: t and d_z undefined")
        else:
            notes.append("no variance in either measurement: t, d_z and d_av undefined")
    dz = es.d_z(n, test.mean_diff, sd_diff)
    dav = es.d_av(test.mean_diff, s1, s2, test.conf_low, test.conf_high)
    if not notes and math.isnan(dav.estimate):  # pragma: no cover - implied by t undefined
        notes.append("no variance: d_av undefined")
    rank = ts.wilcoxon_signed_rank(x1, x2)
    if n and rank.n_used == 0:
        notes.append("all differences are zero: signed-rank test undefined")
    rb_low, rb_high = es.rank_biserial_ci(rank.rank_biserial,
                                          es.rank_biserial_se_paired(rank.n_used))
    return {
        "n_1": n, "n_2": n, "mean_1": m1, "mean_2": m2, "sd_1": s1, "sd_2": s2,
        "mean_diff": test.mean_diff, "diff_conf_low": test.conf_low,
        "diff_conf_high": test.conf_high, "t": test.t, "df": test.df,
        "p_value": test.p_value, "p_value_rank": rank.p_value, "n_pairs": n,
        "d_z": dz.estimate, "d_z_conf_low": dz.conf_low, "d_z_conf_high": dz.conf_high,
        "d_av": dav.estimate, "d_av_conf_low": dav.conf_low, "d_av_conf_high": dav.conf_high,
        "w": rank.statistic, "rank_biserial": rank.rank_biserial,
        "rank_biserial_conf_low": rb_low, "rank_biserial_conf_high": rb_high,
        "mde_d_z": minimal_detectable_effect(n), "note": "; ".join(notes),
    }


# --------------------------------------------------------------------------------------------
# Tables


def _variables(prepared: Measurements) -> tuple[list[tuple[str, str, ScaleConfig]],
                                            list[tuple[str, str, ScaleConfig]]]:
    """(name, label, scale) for every scale and every item (an item once, in its first
    scale)."""
    scales = [(s.name, s.label, s) for s in prepared.scored.scales]
    seen: set[str] = set()
    items = []
    for scale in prepared.scored.scales:
        for item in scale.items:
            if item not in seen:
                seen.add(item)
                items.append((item, prepared.scored.item_labels.get(item, item), scale))
    return scales, items


def _table(rows: list[dict[str, Any]], columns: list[str], adjust: str,
           families: dict[str, str] | None = None) -> pd.DataFrame:
    import pandas as pd

    table = pd.DataFrame(rows, columns=columns)
    families = families or {}
    table["p_adjusted"] = ts.adjust_within(
        table["p_value"].tolist(), [families.get(v, "") for v in table["variable"]], adjust)
    for column in ("n_1", "n_2", "n_pairs"):
        if column in table:
            table[column] = table[column].astype(int)
    return table


def compare(prepared: Measurements, *, id_column: str | None = None,
            equal_var: bool = False, adjust: str = "holm", adjust_for: Sequence[str] = (),
            categorical: Sequence[str] = (), ordinal: bool = False, model: str = T_TEST,
            adjust_family: str = "table",
            on_distribution: Callable[[Distribution], None] | None = None) -> Comparison:
    """Compare two measurements of every scale and item (the module docstring).

    ``id_column`` (the id column) makes the design paired: people are matched on it.
    ``equal_var`` chooses Student's t-test over Welch's; ``adjust`` is ``holm``, ``fdr_bh``
    or ``none``. ``adjust_for`` adds ``Comparison.adjusted`` (OLS with these covariates, which
    :func:`~maatwerk_stats.prepare.measurements.stack_measurements` must have been given;
    numbers with SPSS value labels, text and the columns in ``categorical`` are categories),
    ``ordinal`` adds ``Comparison.ordinal`` (proportional-odds model per item).
    ``model = "mixed"`` (paired data) adds ``Comparison.mixed`` and ``Comparison.attrition``:
    the change per scale from a mixed model using every respondent
    (:mod:`.compare_mixed`). ``adjust_family`` says which rows of a table form one family
    for the correction: ``table`` (all scales and subscales together) or ``scale`` (the
    scales one family, the subscales of each scale a family of their own).
    ``on_distribution`` is called with the answer distributions (:class:`Distribution`) once
    they are counted, before the tests: the command starts the Likert chart with them.
    """
    import pandas as pd

    from . import compare_mixed, compare_models, compare_sites

    if model not in COMPARE_MODELS:
        raise OptionError(en=f"unknown model {model!r}; use one of {', '.join(COMPARE_MODELS)}",
                          nl=f"onbekend model {model!r}; kies uit {', '.join(COMPARE_MODELS)}")
    if adjust_family not in ADJUST_FAMILIES:
        raise OptionError(en=f"unknown adjustment family {adjust_family!r}; use one of "
                          f"{', '.join(ADJUST_FAMILIES)}",
                          nl=f"onbekende correctiefamilie {adjust_family!r}; kies uit "
                          f"{', '.join(ADJUST_FAMILIES)}")
    if adjust not in ts.ADJUST_METHODS:
        raise OptionError(en=f"unknown p-value adjustment {adjust!r}; use one of "
                          f"{', '.join(ts.ADJUST_METHODS)}",
                          nl=f"onbekende correctie van p-waarden {adjust!r}; kies uit "
                          f"{', '.join(ts.ADJUST_METHODS)}")
    waves = prepared
    wave_notes: list[Note] = []
    if len(waves.codes) > 2:
        if id_column is None:
            named = ', '.join(map(repr, waves.codes))
            raise DataError(
                en=f"{len(waves.codes)} measurements ({named}): "
                "three or more measurements are compared with a mixed model that follows the "
                f"same people, so they need paired data ({param('paired')} "
                f"{param('id_column', 'COLUMN')}); for independent groups name two of them "
                f"with {param('group_order', 'A,B')}.",
                nl=f"{len(waves.codes)} metingen ({named}): drie of meer metingen worden "
                "vergeleken met een gemengd model dat dezelfde personen volgt, dus ze hebben "
                f"gepaarde data nodig ({param('paired')} {param('id_column', 'COLUMN')}); "
                f"noem voor onafhankelijke groepen er twee met {param('group_order', 'A,B')}.")
        check_unique_ids(waves, id_column)
        if model != MIXED:
            wave_notes.append(Note(
                "three_waves", f"{len(waves.codes)} measurements: all pairwise changes come "
                f"from the mixed model (compare_mixed.csv, as with {param('model', 'mixed')}); "
                f"the t-test tables compare the first two ({waves.codes[0]!r}, "
                f"{waves.codes[1]!r}).", values={"n_waves": len(waves.codes),
                                                "first": waves.codes[0],
                                                "second": waves.codes[1]}))
            model = MIXED
        prepared = first_two(waves)
    if waves.sites is not None and id_column is not None and model != MIXED:
        wave_notes.append(Note(
            "site_mixed", f"{param('site')}: with paired data the change per site comes from "
            "the mixed model on every respondent (compare_mixed.csv, as with "
            f"{param('model', 'mixed')}).", subject=waves.site_column))
        model = MIXED
    pairs = match_pairs(prepared, id_column) if id_column is not None else None
    design = PAIRED if pairs is not None else INDEPENDENT
    if pairs is not None and adjust_for:
        raise DataError(
            en=f"{param('adjust_for')} is for independent groups: in a paired "
            "design every person is compared with themselves, so characteristics "
            "that do not change (age, organisation, …) cannot explain the "
            f"difference. Leave out {param('adjust_for')}, or compare as "
            "independent groups.",
            nl=f"{param('adjust_for')} is voor onafhankelijke groepen: bij een gepaarde opzet "
            "wordt elke persoon met zichzelf vergeleken, dus kenmerken die niet veranderen "
            "(leeftijd, organisatie, …) kunnen het verschil niet verklaren. Laat "
            f"{param('adjust_for')} weg, of vergelijk als onafhankelijke groepen.")
    scale_vars, item_vars = _variables(prepared)
    columns = PAIRED_COLUMNS if pairs is not None else INDEPENDENT_COLUMNS
    codes = prepared.codes

    def rows_for(frame: pd.DataFrame, variables: list[tuple[str, str, ScaleConfig]],
                 kind: str) -> list[dict[str, Any]]:
        rows = []
        for name, label, scale in variables:
            x1, x2 = variable_values(frame, name, prepared, pairs)
            stats = paired_row(x1, x2) if pairs is not None else independent_row(
                x1, x2, codes, equal_var)
            rows.append({"variable": name, "label": label, "group_1": codes[0],
                         "group_2": codes[1], **stats,
                         "scale": (scale.parent or scale.name) if kind == "scale"
                         else scale.name,
                         "reversed": kind == "item" and name in scale.reverse})
        return rows

    distribution_rows = []
    for name, _label, scale in item_vars:
        for g in (0, 1):
            x = variable_values(prepared.items, name, prepared, pairs)[g]
            distribution_rows.extend(item_distribution(prepared.scored, scale, name,
                                                       pd.Series(x), codes[g]))
    distribution = pd.DataFrame(distribution_rows, columns=DISTRIBUTION_COLUMNS)
    if on_distribution is not None:
        on_distribution(Distribution(distribution, prepared.scored.scales, codes,
                                     prepared.labels, len(item_vars)))

    families = {s.name: s.parent for s in prepared.scored.scales
                if s.parent} if adjust_family == "scale" else {}
    scales_table = _table(rows_for(prepared.scores, scale_vars, "scale"), columns, adjust,
                          families)
    items_table = _table(rows_for(prepared.items, item_vars, "item"), columns, adjust)

    adjusted = None
    adjusted_notes: tuple[Note, ...] = ()
    if adjust_for:
        adjusted, adjusted_notes = compare_models.adjusted_differences(
            prepared, scale_vars, list(adjust_for), categorical=list(categorical),
            adjust=adjust)
    ordinal_table = None
    if ordinal:
        ordinal_table = compare_models.ordinal_models(prepared, item_vars, pairs,
                                                      adjust=adjust)
    mixed_table = attrition = mixed_means = None
    mixed_notes: tuple[Note, ...] = ()
    if model == MIXED:
        if pairs is None:
            raise DataError(
                en=f"{param('model', 'mixed')} follows the same people over time: "
                f"it needs paired data; add {param('paired')} "
                f"{param('id_column', 'COLUMN')} (or paired = true and id under "
                "[groups] in the config).",
                nl=f"{param('model', 'mixed')} volgt dezelfde personen in de tijd: daarvoor "
                f"zijn gepaarde data nodig; voeg {param('paired')} "
                f"{param('id_column', 'COLUMN')} toe (of paired = true en id onder [groups] "
                "in de config).")
        mixed_table, mixed_means, attrition, mixed_notes = compare_mixed.mixed_changes(
            waves, scale_vars, adjust=adjust, families=families)
    sites_table = interaction = None
    if waves.sites is not None:
        site_rows, site_means, interaction, sites_table = compare_sites.site_analysis(
            waves, prepared, scale_vars, paired=pairs is not None, id_column=id_column,
            row=paired_row if pairs is not None else (
                lambda x1, x2: independent_row(x1, x2, codes, equal_var)),
            columns=columns, adjust=adjust, families=families)
        if mixed_table is not None and mixed_means is not None:
            mixed_table, mixed_means = compare_sites.with_site_rows(
                mixed_table, mixed_means, site_rows, site_means, adjust, families)
    notes = [*prepared.notes, *wave_notes, *(pairs.notes if pairs is not None else ()),
             *adjusted_notes, *mixed_notes]
    n_items = int(items_table["variable"].nunique()) if len(items_table) else 0
    if n_items > MAX_FIGURE_ITEMS:
        notes.append(Note(
            "item_figures_left_out",
            f"{n_items} items: the item figures (compare_items_likert, compare_items_forest) "
            f"show at most {MAX_FIGURE_ITEMS} items, so they are not drawn; compare_items.csv "
            "holds every item.", values={"n_items": n_items, "max_items": MAX_FIGURE_ITEMS}))
    return Comparison(
        design=design, scales=scales_table, items=items_table, distribution=distribution,
        groups=codes, group_labels=prepared.labels, scale_configs=prepared.scored.scales,
        adjust=adjust, equal_var=equal_var, adjusted=adjusted, ordinal=ordinal_table,
        unmatched=pairs.unmatched if pairs is not None else None, notes=tuple(notes),
        mixed=mixed_table, attrition=attrition, mixed_means=mixed_means,
        waves=waves.codes, wave_labels=waves.labels, sites=sites_table,
        site_interaction=interaction, site_column=waves.site_column,
        site_label=waves.site_label)


def group_means(result: Comparison) -> pd.DataFrame:
    """One row per scale and measurement: n, mean and the t-based 95 % CI of the mean
    (``mean ± t(.975, n − 1) · sd / √n``, as ``t.test(x)$conf.int``) — the data of the scale
    means figure. Computed from the (possibly suppressed) comparison table, so a suppressed
    group stays empty."""
    import pandas as pd

    rows = []
    for row in result.scales.itertuples(index=False):
        for g, (code, label) in enumerate(zip(result.groups, result.group_labels,
                                              strict=True)):
            n = int(getattr(row, f"n_{g + 1}"))
            mean = float(getattr(row, f"mean_{g + 1}"))
            low, high = ts.mean_ci(mean, float(getattr(row, f"sd_{g + 1}")), n)
            rows.append({"scale": row.variable, "label": row.label, "group": code,
                         "group_label": label, "n": n, "mean": mean, "conf_low": low,
                         "conf_high": high})
    return pd.DataFrame(rows, columns=GROUP_MEAN_COLUMNS)


def measurement_reliability(prepared: Measurements, min_scored: int = 0) -> Reliability:
    """Reliability per measurement (``group`` = the comparison's group codes): for two files
    each file is one measurement; for one file with a group column the pooled ``all`` rows
    (every row of the file) come first, then each compared group. ``min_scored``: see
    :func:`maatwerk_stats.analyses.scales.reliability`."""
    import pandas as pd

    labels = dict(zip(prepared.codes, prepared.labels, strict=False))  # as the tables
    parts = []
    for (scored, by), code in zip(prepared.files, prepared.codes, strict=False):
        if by is None:
            result = reliability(scored, min_scored=min_scored)
            tables = [t.assign(group=code) for t in result.tables().values()]
            # the file is one measurement: its Heywood notes name it (they said "all")
            notes = (*(n for n in result.notes if n.kind not in HEYWOOD_KINDS),
                     *heywood_notes(tables[0], labels))
            parts.append(Reliability(*tables, notes=notes))
        else:
            parts.append(reliability(scored, by=by, order=list(prepared.codes),
                                     min_scored=min_scored, group_labels=labels))
    if len(parts) == 1:
        return parts[0]
    return Reliability(*(pd.concat([getattr(p, name) for p in parts], ignore_index=True)
                         for name in ("reliability", "items", "distribution")),
                       notes=tuple(n for p in parts for n in p.notes))
