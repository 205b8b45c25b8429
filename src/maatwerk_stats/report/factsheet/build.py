"""The factsheet: what the analyses found, in sentences, tables and figures, for
professionals and managers (modelled on the Leeratelier factsheet, Bernards et al. 2023).

:func:`build_factsheet` turns the result tables into a :class:`Factsheet` of finished
sentences and small tables (pure, testable); :mod:`.html` lays it out with the Jinja2 template
``templates/factsheet.html.j2`` (two A4 pages in print) and :mod:`.docx` writes the same
content as an editable Word document.

Honesty rules: a difference is called higher or lower only when it is statistically
significant after the multiple-testing correction and its CI excludes zero; otherwise the
sentence says it is not significant and, when the observed effect is below the minimal
detectable effect, that the study could not have detected an effect of that size. Nothing
resting on fewer than ``report.min_cell`` respondents is shown (see
:mod:`maatwerk_stats.publish.privacy`).
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..format import fmt_ci, fmt_int, fmt_number, fmt_p
from ..i18n import sections
from ..labels import capitalise as _capitalise
from ..labels import group_headers as _group_headers
from ..labels import group_words as _group_words
from ..labels import influence_word

if TYPE_CHECKING:
    import pandas as pd

    from ...analyses.compare import Comparison
    from ...config import StudyConfig

ALPHA = 0.05

TEXT = sections("factsheet")

ADJUST_NAMES = {"holm": "Holm", "fdr_bh": "Benjamini-Hochberg", "none": "geen"}


def t(key: str, lang: str, **values: Any) -> str:
    return TEXT[key][lang].format(**values)


def effect_size_word(value: float, lang: str) -> str:
    """Cohen's (1988) conventional labels: < 0.2 negligible, < 0.5 small, < 0.8 medium."""
    size = abs(value)
    key = ("size_negligible" if size < 0.2 else "size_small" if size < 0.5 else
           "size_medium" if size < 0.8 else "size_large")
    return TEXT[key][lang]


@dataclass(frozen=True)
class Figure:
    name: str
    caption: str
    png: bytes
    width_cm: float = 16.0

    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Factsheet:
    """Finished text and tables of a factsheet, independent of the output format."""

    lang: str
    title: str
    intro: tuple[str, ...]
    questionnaire: tuple[Section, ...] = ()
    questionnaire_table: Table | None = None
    questionnaire_footnote: str = ""
    vignette_intro: tuple[str, ...] = ()
    influence: Table | None = None
    vignette_paragraphs: tuple[str, ...] = ()
    figures: dict[str, Figure] = field(default_factory=dict)
    methods: tuple[str, ...] = ()
    footer: str = ""
    headings: dict[str, str] = field(default_factory=dict)
    survey: Any = None  # .survey.SurveySection: professionals in teams


# --------------------------------------------------------------------------------------------
# Questionnaire


def _nan(value: Any) -> bool:
    try:
        return value is None or math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def _ci_words(low: Any, high: Any, lang: str) -> str:
    """"−0,23 tot 0,45" / "−0.23 to 0.45": an interval in running text."""
    word = " tot " if lang == "nl" else " to "
    return fmt_number(low, 2, lang) + word + fmt_number(high, 2, lang)


def _p_text(row: Any, comparison: Comparison, lang: str) -> str:
    p = fmt_p(row.p_adjusted, lang)
    if comparison.adjust == "none":
        return p
    return t("after_correction", lang, p=p, method=ADJUST_NAMES[comparison.adjust])


def _significant(row: Any) -> bool:
    return (not _nan(row.p_adjusted) and row.p_adjusted < ALPHA
            and not row.diff_conf_low <= 0 <= row.diff_conf_high)


def scale_paragraphs(row: Any, comparison: Comparison, items: pd.DataFrame, top: int,
                     min_cell: int, lang: str, mark: str = "") -> tuple[str, ...]:
    """The sentences for one scale (see the module docstring for the honesty rules)."""
    g1, g2 = _group_words(comparison.group_labels, lang)
    label = row.label.lower() if lang == "nl" else row.label
    if _nan(row.mean_1) or _nan(row.mean_2):
        return (t("suppressed_scale", lang, label=label, k=min_cell),)
    first = t("scale_means", lang, label=label, m1=fmt_number(row.mean_1, 2, lang), g1=g1,
              m2=fmt_number(row.mean_2, 2, lang), g2=g2, mark=mark)
    if _nan(row.p_value):
        return (first, t("no_test", lang, label=label))
    paired = comparison.paired
    es_name = "d_z" if paired else "g"
    es = row.d_z if paired else row.hedges_g
    mde = row.mde_d_z if paired else row.mde_g
    values = {"diff": fmt_number(row.mean_diff, 2, lang, sign=True),
              "ci": _ci_words(row.diff_conf_low, row.diff_conf_high, lang),
              "p": _p_text(row, comparison, lang), "g2": g2}
    if _significant(row):
        direction = TEXT["higher" if row.mean_diff > 0 else "lower"][lang]
        second = t("significant", lang, **values, direction=direction,
                   size=effect_size_word(es, lang), es_name=es_name,
                   es=fmt_number(es, 2, lang))
    else:
        second = t("not_significant", lang, **values)
        if not _nan(mde) and not _nan(es) and abs(es) < mde:
            second += t("undetectable", lang, es_name=es_name, mde=fmt_number(mde, 2, lang))
        second += "."
    paragraphs = [f"{first} {second}"]
    own = items[(items["scale"] == row.variable) & items["mean_diff"].notna()]
    own = own.reindex(own["mean_diff"].abs().sort_values(ascending=False).index).head(top)
    sentences = []
    for rank, item in enumerate(own.itertuples(index=False)):
        verdict = (t("item_significant", lang, p=_p_text(item, comparison, lang))
                   if _significant(item) else TEXT["item_not_significant"][lang])
        sentences.append(t("top_item" if rank == 0 else "next_item", lang, label=label,
                           item=item.label, m1=fmt_number(item.mean_1, 2, lang),
                           m2=fmt_number(item.mean_2, 2, lang), verdict=verdict))
    if sentences:
        paragraphs.append(" ".join(sentences))
    return tuple(paragraphs)


def scale_table(comparison: Comparison, lang: str) -> Table:
    g1, g2 = _group_headers(comparison.group_labels, lang)
    paired = comparison.paired
    header = (TEXT["table_scale"][lang], g1, g2, TEXT["table_diff"][lang], "p",
              "d_z" if paired else "Hedges' g")
    rows = []
    for row in comparison.scales.itertuples(index=False):
        es = row.d_z if paired else row.hedges_g
        rows.append((row.label, fmt_number(row.mean_1, 2, lang), fmt_number(row.mean_2, 2, lang),
                     f"{fmt_number(row.mean_diff, 2, lang, sign=True)} "
                     f"{fmt_ci(row.diff_conf_low, row.diff_conf_high, 2, lang)}"
                     if not _nan(row.mean_diff) else "–",
                     fmt_p(row.p_adjusted, lang, with_p=False),
                     fmt_number(es, 2, lang)))
    return Table(header=header, rows=tuple(rows), caption=TEXT["table_caption"][lang])


# --------------------------------------------------------------------------------------------
# Vignettes


def influence_table(influence: pd.DataFrame, config: StudyConfig, lang: str) -> Table:
    """Rows = factors (labels), columns = groups (labels), cells = influence labels — as the
    published factsheet shows it."""
    vignette = config.vignette
    groups = list(dict.fromkeys(influence["group"].astype(str)))
    labels = _group_headers(tuple(_vignette_group_labels(groups, config)), lang)
    rows = []
    for name, factor in vignette.factors.items():
        cells = []
        for group in groups:
            match = influence[(influence["factor"] == name)
                              & (influence["group"].astype(str) == group)]
            value = match["label"].iloc[0] if len(match) else None
            cells.append(_capitalise(influence_word(value, lang))
                         if isinstance(value, str) and value else "–")
        rows.append((factor.label, *cells))
    return Table(header=("", *labels), rows=tuple(rows),
                 caption=TEXT["influence_caption"][lang])


def _vignette_group_labels(groups: list[str], config: StudyConfig) -> list[str]:
    vignette = config.vignette
    if vignette.group_order and vignette.group_labels:
        lookup = dict(zip(vignette.group_order, vignette.group_labels, strict=True))
        return [lookup.get(g, g) for g in groups]
    return groups


def _sentence_group_labels(groups: list[str], config: StudyConfig) -> list[str]:
    """Group names for running text: the questionnaire's (short) group labels when the
    vignette groups are the same codes, else the vignette's own labels."""
    study_groups = config.groups
    if study_groups is not None and study_groups.order and study_groups.labels:
        lookup = dict(zip(study_groups.order, study_groups.labels, strict=True))
        if all(g in lookup for g in groups):
            return [lookup[g] for g in groups]
    return _vignette_group_labels(groups, config)


def vignette_paragraphs(influence: pd.DataFrame, interactions: pd.DataFrame | None,
                        config: StudyConfig, lang: str) -> tuple[str, ...]:
    """One sentence per factor: its influence per group and whether it changed."""
    vignette = config.vignette
    groups = list(dict.fromkeys(influence["group"].astype(str)))
    words = _group_words(tuple(_sentence_group_labels(groups, config)), lang)
    sentences = []
    for name, factor in vignette.factors.items():
        cells = []
        for group, word in zip(groups, words, strict=True):
            match = influence[(influence["factor"] == name)
                              & (influence["group"].astype(str) == group)]
            if not len(match) or _nan(match["estimate"].iloc[0]):
                continue
            cells.append(t("factor_cell", lang, label=influence_word(match["label"].iloc[0], lang),
                           group=word,
                           estimate=fmt_number(match["estimate"].iloc[0], 2, lang,
                                               sign=True)))
        if not cells:
            continue
        text = t("factor_sentence", lang, factor=factor.label, cells="; ".join(cells))
        if interactions is not None and len(groups) == 2:
            match = interactions[(interactions["factor"] == name)
                                 & (interactions["group"].astype(str) == groups[1])]
            if len(match) == 1 and not _nan(match["p_value"].iloc[0]):
                diff = fmt_number(match["estimate"].iloc[0], 2, lang, sign=True)
                p = fmt_p(match["p_value"].iloc[0], lang)
                key = ("interaction_significant" if match["p_value"].iloc[0] < ALPHA else
                       "interaction_not_significant")
                text += t(key, lang, g1=words[0], g2=words[1], diff=diff, p=p)
        sentences.append(text)
    return tuple(sentences)


# --------------------------------------------------------------------------------------------
# The whole factsheet


def build_factsheet(config: StudyConfig, lang: str, *, comparison: Comparison | None = None,
                    reliability: pd.DataFrame | None = None, vignette: Any = None,
                    figures: dict[str, Figure] | None = None, suppressed: int = 0,
                    version: str = "") -> Factsheet:
    """Everything the factsheet says, from the (already suppressed) result tables.

    ``reliability`` is the reliability table (with a ``group`` column) for the methods note;
    ``vignette`` a vignette result with ``influence`` and ``interactions`` tables.
    """
    min_cell = config.report.min_cell
    title = config.report.title or t("title", lang, title=config.title or config.name)
    intro = [p for p in (config.report.intro or config.intro or "").split("\n\n") if p.strip()]
    how = ("how_both" if comparison is not None and vignette is not None else
           "how_questionnaire" if comparison is not None else "how_vignette")
    if comparison is not None:
        g1, g2 = _group_words(comparison.group_labels, lang)
        scales = comparison.scales
        if comparison.paired:
            intro.append(t("sample_paired", lang, n=fmt_int(scales["n_pairs"].max(), lang),
                           g1=g1, g2=g2, how=TEXT[how][lang]))
        else:
            intro.append(t("sample_independent", lang, g1=g1, g2=g2,
                           n1=_group_size(comparison, 0), n2=_group_size(comparison, 1),
                           how=TEXT[how][lang]))
    sections: list[Section] = []
    table = None
    footnote = ""
    methods: list[str] = []
    if comparison is not None:
        ranges = {s.range for s in comparison.scale_configs}
        mark = ""
        if len(ranges) == 1 and None not in ranges:
            low, high = next(iter(ranges))  # type: ignore[misc]
            footnote = t("scale_footnote", lang, low=fmt_number(low, 0, lang),
                         high=fmt_number(high, 0, lang))
            mark = "¹"
        for number, row in enumerate(comparison.scales.itertuples(index=False), start=1):
            sections.append(Section(
                heading=f"{number}. {row.label}",
                paragraphs=scale_paragraphs(row, comparison, comparison.items,
                                            config.report.top_items, min_cell, lang,
                                            mark=mark if number == 1 else "")))
        table = scale_table(comparison, lang)
        if reliability is not None:
            methods.append(_methods_scales(comparison, reliability, lang))
        key = "methods_compare_paired" if comparison.paired else "methods_compare_independent"
        g1, g2 = _group_words(comparison.group_labels, lang)
        methods.append(t(key, lang, g1=g1, g2=g2,
                         method=ADJUST_NAMES.get(comparison.adjust, comparison.adjust)))
    influence = None
    vignette_intro: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()
    if vignette is not None and config.vignette is not None:
        model = vignette.primary_model
        influence_rows = _of_model(vignette.influence, model)
        influence = influence_table(influence_rows, config, lang)
        paragraphs = vignette_paragraphs(influence_rows,
                                         _of_model(vignette.interactions, model), config, lang)
        vignette_intro = _vignette_intro(vignette, config, lang)
        outcome_range = config.vignette.outcome_range
        if paragraphs and outcome_range is not None:
            note = t("factor_effects_note", lang, low=fmt_number(outcome_range[0], 0, lang),
                     high=fmt_number(outcome_range[1], 0, lang))
            paragraphs = (*paragraphs[:-1], f"{paragraphs[-1]} {note}")
        settings = config.vignette.influence
        labels = [influence_word(label, lang) for label in settings.labels]
        methods.append(t("methods_vignette", lang, alpha=fmt_number(settings.alpha, 2, lang),
                         t1=fmt_number(settings.thresholds[0], 1, lang),
                         t2=fmt_number(settings.thresholds[-1], 1, lang), l1=labels[0],
                         l2=labels[1] if len(labels) > 2 else labels[-1], l3=labels[-1]))
    methods.append(t("methods_suppression", lang, k=min_cell))
    if suppressed:
        methods.append(t("suppressed_note", lang, k=suppressed, min_cell=min_cell))
    if config.report.footnote:
        methods.append(config.report.footnote)
    return Factsheet(lang=lang, title=title, intro=tuple(intro), questionnaire=tuple(sections),
                     questionnaire_table=table, questionnaire_footnote=footnote,
                     vignette_intro=vignette_intro, influence=influence,
                     vignette_paragraphs=paragraphs, figures=dict(figures or {}),
                     methods=tuple(methods), footer=t("footer", lang, version=version),
                     headings={key: TEXT[f"{key}_heading"][lang]
                               for key in ("questionnaire", "vignette", "methods")})


def _of_model(table: pd.DataFrame | None, model: str) -> pd.DataFrame | None:
    """The rows of the model the factsheet reports (the vignette tables hold both)."""
    if table is None or "model" not in table.columns:
        return table
    return table[table["model"] == model].reset_index(drop=True)


def _group_size(comparison: Comparison, which: int) -> str:
    """The number of respondents in a group: the largest n over the scales."""
    column = "n_1" if which == 0 else "n_2"
    return str(int(comparison.scales[column].max()))


def _methods_scales(comparison: Comparison, reliability: pd.DataFrame, lang: str) -> str:
    g1, g2 = _group_words(comparison.group_labels, lang)
    words = {comparison.groups[0]: g1, comparison.groups[1]: g2}
    parts = []
    for scale in comparison.scale_configs:
        rows = reliability[(reliability["scale"] == scale.name)
                           & reliability["group"].isin(list(words))]
        alphas = [f"{fmt_number(r.alpha, 2, lang)} ({words[r.group]})"
                  for r in rows.itertuples(index=False) if not _nan(r.alpha)]
        if alphas:
            label = scale.label.lower() if lang == "nl" else scale.label
            parts.append(f"{label} {' / '.join(alphas)}")
    min_items = sorted({s.min_items for s in comparison.scale_configs})
    return t("methods_scales", lang, min_items=", ".join(map(str, min_items)),
             alphas="; ".join(parts) or "–")


def _vignette_intro(vignette: Any, config: StudyConfig, lang: str) -> tuple[str, ...]:
    settings = config.vignette
    fit = vignette.fit
    row = fit[(fit["model"] == "mixed") & (fit["group"] == "all")]
    if not len(row):
        row = fit.iloc[:1]
    n = int(row["n_respondents"].iloc[0])
    ratings = int(row["n_ratings"].iloc[0])
    per_person = round(ratings / n) if n else 0
    low, high = settings.outcome_range or (float("nan"), float("nan"))
    factors = ", ".join(f.label.lower() if lang == "nl" else f.label
                        for f in settings.factors.values())
    outcome = (settings.outcome_label or settings.outcome)
    outcome = outcome[:1].lower() + outcome[1:] if lang == "nl" else outcome
    text = t("vignette_sample", lang, n=n, k=per_person, outcome=outcome,
             low=fmt_number(low, 0, lang), high=fmt_number(high, 0, lang), factors=factors)
    extra = [p for p in (config.report.vignette_intro or "").split("\n\n") if p.strip()]
    return (text, *extra)
