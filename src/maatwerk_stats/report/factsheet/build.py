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
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..format import fmt_ci, fmt_int, fmt_number, fmt_p
from ..i18n import sections
from ..labels import capitalise as _capitalise
from ..labels import group_adverbs as _group_adverbs
from ..labels import group_headers as _group_headers
from ..labels import group_words as _group_words
from ..labels import influence_word, level_text

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
    alt: str = ""  # what the figure shows, for screen readers (WCAG 1.1.1)

    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Section:
    """One section: a heading, a plain-language ``takeaway`` sentence built from the results
    (never stronger than the statistics), the interpretation the config gives (``text``) and
    the sentences with the numbers."""

    heading: str
    paragraphs: tuple[str, ...]
    takeaway: str = ""
    text: str = ""


@dataclass(frozen=True)
class Logo:
    """A logo as given (PNG or JPEG bytes) with its alt text (the institution's name)."""

    data: bytes
    alt: str
    mime: str = "image/png"

    def data_uri(self) -> str:
        return f"data:{self.mime};base64," + base64.b64encode(self.data).decode("ascii")


@dataclass(frozen=True)
class Colophon:
    """Who made the factsheet and how to cite it (``[report]`` keys of the config); every
    line is finished text, empty when the config does not give it."""

    logos: tuple[Logo, ...] = ()
    authors: str = ""
    institutions: str = ""
    contact: str = ""
    citation: str = ""
    doi: str = ""
    doi_url: str = ""
    license: str = ""
    version: str = ""

    def has_credits(self) -> bool:
        """Whether the config names anyone (else only the version line is shown)."""
        return bool(self.institutions or self.authors or self.contact or self.citation
                    or self.doi or self.license)

    def lines(self) -> tuple[str, ...]:
        """The text lines in their order (the DOI as a separate line; the authors are in
        the byline under the title)."""
        return tuple(line for line in (self.institutions, self.contact,
                                       self.citation, self.doi, self.license, self.version)
                     if line)


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
    vignette_takeaway: str = ""
    # the scenario box: paragraphs of runs (text, is it a slot = a manipulated sentence), and
    # per factor its label and the texts of its levels
    scenario: tuple[tuple[tuple[str, bool], ...], ...] = ()
    scenario_factors: tuple[tuple[str, str], ...] = ()
    colophon: Colophon | None = None
    figures: dict[str, Figure] = field(default_factory=dict)
    methods: tuple[str, ...] = ()
    prepost_paragraphs: tuple[str, ...] = ()  # every respondent, sites (.prepost)
    prepost_tables: tuple[Table, ...] = ()
    footer: str = ""
    headings: dict[str, str] = field(default_factory=dict)
    interviews: Any = None  # the interviews section (report/codes_factsheet.py)
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


def _significant(row: Any) -> bool:
    return (not _nan(row.p_adjusted) and row.p_adjusted < ALPHA
            and not row.diff_conf_low <= 0 <= row.diff_conf_high)


def adds_up(mean_1: Any, mean_2: Any, diff: Any, decimals: int = 2) -> bool:
    """Whether the shown (rounded) difference is the difference of the shown means:
    4,20 → 4,32 with a difference of +0,11 (4,3171 − 4,2045) does not add up."""
    if _nan(mean_1) or _nan(mean_2) or _nan(diff):
        return True
    shown = round(float(mean_2), decimals) - round(float(mean_1), decimals)
    return abs(shown - round(float(diff), decimals)) < 0.5 * 10**-decimals


def _effect_size(row: Any, paired: bool) -> tuple[str, float, float]:
    """(name as shown, value, minimal detectable effect) of a comparison row."""
    if paired:
        return "d", row.d_z, row.mde_d_z
    return "g", row.hedges_g, row.mde_g


def scale_takeaway(row: Any, comparison: Comparison, lang: str) -> str:
    """One plain-language sentence: higher/lower only when significant after the correction
    and the CI excludes 0; otherwise "no demonstrable difference"."""
    g1, g2 = _group_words(comparison.group_labels, lang)
    label = row.label.lower() if lang == "nl" else row.label
    if _nan(row.mean_1) or _nan(row.mean_2) or _nan(row.p_value):
        return ""
    if not _significant(row):
        return t("takeaway_none", lang, label=label, g1=g1, g2=g2)
    key = "takeaway_paired" if comparison.paired else "takeaway_independent"
    if comparison.paired:  # "scoren na hoger … dan vóór": when, not who
        g1, g2 = _group_adverbs(comparison.group_labels, lang, paired=True)
    direction = TEXT["higher" if row.mean_diff > 0 else "lower"][lang]
    return t(key, lang, label=label, g1=g1, g2=g2, direction=direction)


def scale_paragraphs(row: Any, comparison: Comparison, items: pd.DataFrame, top: int,
                     min_cell: int, lang: str, mark: str = "") -> tuple[str, ...]:
    """The sentences for one scale (see the module docstring for the honesty rules). The
    p-values, the correction and the minimal detectable effect are in the table and the
    methods section, not repeated here."""
    g1, g2 = _group_adverbs(comparison.group_labels, lang, paired=comparison.paired)
    label = row.label.lower() if lang == "nl" else row.label
    if _nan(row.mean_1) or _nan(row.mean_2):
        return (t("suppressed_scale", lang, label=label, k=min_cell),)
    first = t("scale_means", lang, label=label, m1=fmt_number(row.mean_1, 2, lang), g1=g1,
              m2=fmt_number(row.mean_2, 2, lang), g2=g2, mark=mark,
              diff=fmt_number(row.mean_diff, 2, lang, sign=True),
              ci=_ci_words(row.diff_conf_low, row.diff_conf_high, lang))
    if _nan(row.p_value):
        return (first, t("no_test", lang, label=label))
    es_name, es, mde = _effect_size(row, comparison.paired)
    if _significant(row):
        second = t("significant", lang, size=effect_size_word(es, lang), es_name=es_name,
                   es=fmt_number(es, 2, lang))
    else:
        second = TEXT["not_significant"][lang]
        if not _nan(mde) and not _nan(es) and abs(es) < mde:
            second += " " + TEXT["undetectable"][lang]
    paragraphs = [f"{first} {second}"]
    own = items[(items["scale"] == row.variable) & items["mean_diff"].notna()]
    own = own.reindex(own["mean_diff"].abs().sort_values(ascending=False).index).head(top)
    sentences = []
    for rank, item in enumerate(own.itertuples(index=False)):
        if _significant(item):
            verdict = TEXT["item_significant"][lang]
        elif not _nan(item.p_value) and item.p_value < ALPHA and comparison.adjust != "none":
            verdict = TEXT["item_uncorrected"][lang]
        else:
            verdict = TEXT["item_not_significant" if _significant(row) else
                           "item_also_not_significant"][lang]
        sentences.append(t("top_item" if rank == 0 else "next_item", lang, label=label,
                           item=item.label, m1=fmt_number(item.mean_1, 2, lang),
                           m2=fmt_number(item.mean_2, 2, lang), verdict=verdict))
    if sentences:
        paragraphs.append(" ".join(sentences))
    return tuple(paragraphs)


def scale_table(comparison: Comparison, lang: str) -> Table:
    g1, g2 = _group_headers(comparison.group_labels, lang)
    paired = comparison.paired
    p_header = TEXT["table_p" if comparison.adjust != "none" else "table_p_raw"][lang]
    header = (TEXT["table_scale"][lang], g1, g2, TEXT["table_diff"][lang], p_header,
              TEXT["table_es_paired" if paired else "table_es_independent"][lang])
    rows = []
    for row in comparison.scales.itertuples(index=False):
        es = row.d_z if paired else row.hedges_g
        label = f"\u2003{row.label}" if row.scale != row.variable else row.label
        rows.append((label, fmt_number(row.mean_1, 2, lang), fmt_number(row.mean_2, 2, lang),
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
                 caption=t("influence_caption", lang, outcome=_outcome_word(config, lang)))


def _vignette_group_labels(groups: list[str], config: StudyConfig) -> list[str]:
    vignette = config.vignette
    if vignette.group_order and vignette.group_labels:
        lookup = dict(zip(vignette.group_order, vignette.group_labels, strict=True))
        return [lookup.get(g, g) for g in groups]
    return groups


def _sentence_group_words(groups: list[str], config: StudyConfig, lang: str
                          ) -> tuple[str, ...]:
    """Group names for running text: the vignette's own labels ("na het Leeratelier"); in
    English the questionnaire's (translated) words when the vignette groups are the same
    codes, since the vignette labels are written in the study's language."""
    study_groups = config.groups
    if (lang != "nl" and study_groups is not None and study_groups.order
            and study_groups.labels):
        lookup = dict(zip(study_groups.order, study_groups.labels, strict=True))
        if all(g in lookup for g in groups):
            return _group_adverbs(tuple(lookup[g] for g in groups), lang)
    return _group_adverbs(tuple(_vignette_group_labels(groups, config)), lang)


def _factor_findings(influence: pd.DataFrame, interactions: pd.DataFrame | None,
                     config: StudyConfig) -> list[dict[str, Any]]:
    """Per factor: the influence label index, effect and level per group, and the test of the
    change between the first two groups (from the pooled model's interaction term).

    Each (factor, group) is looked up in a dict of the table's rows (the first row of each,
    and for the interactions how many there are), read column by column: the same rows as
    the boolean filter ``influence[(influence["factor"] == name) & (group == g)]`` per cell,
    which this function ran for every cell, three times per factsheet."""
    vignette = config.vignette
    labels = list(vignette.influence.labels)
    group_texts = influence["group"].astype(str).tolist()
    groups = list(dict.fromkeys(group_texts))
    columns = {name: influence[name].tolist() for name in ("estimate", "label")}
    levels = influence["level"].tolist() if "level" in influence.columns else None
    first: dict[tuple[Any, str], int] = {}
    for i, key in enumerate(zip(influence["factor"].tolist(), group_texts, strict=True)):
        first.setdefault(key, i)
    tests: dict[tuple[Any, str], list[int]] = {}
    if interactions is not None:
        for i, key in enumerate(zip(interactions["factor"].tolist(),
                                    interactions["group"].astype(str).tolist(), strict=True)):
            tests.setdefault(key, []).append(i)
    findings = []
    for name, factor in vignette.factors.items():
        cells = []
        for group in groups:
            i = first.get((name, group))
            if i is None or _nan(columns["estimate"][i]):
                continue
            label = columns["label"][i] if isinstance(columns["label"][i], str) else ""
            level = levels[i] if levels is not None and isinstance(levels[i], str) \
                and levels[i] else None
            cells.append({"group": group, "estimate": float(columns["estimate"][i]),
                          "label": label, "rank": labels.index(label) if label in labels
                          else 0, "level": level})
        change = None
        if interactions is not None and len(groups) == 2 and len(cells) == 2:
            rows = tests.get((name, groups[1]), [])
            if len(rows) == 1 and not _nan(interactions["p_value"].iloc[rows[0]]):
                change = {"estimate": float(interactions["estimate"].iloc[rows[0]]),
                          "p_value": float(interactions["p_value"].iloc[rows[0]])}
        if cells:
            findings.append({"name": name, "factor": factor, "cells": cells,
                             "change": change})
    return findings


def _and_list(words: list[str], lang: str) -> str:
    """"a, b en c" / "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + (" en " if lang == "nl" else " and ") + words[-1]


def _factor_word(factor: Any, lang: str) -> str:
    return factor.label.lower() if lang == "nl" else factor.label


def vignette_takeaway(influence: pd.DataFrame, interactions: pd.DataFrame | None,
                      config: StudyConfig, lang: str) -> str:
    """One plain-language sentence: which characteristics weigh most (the highest influence
    label reached in any group, only when significant: see the influence labels) and which
    weigh more or less after than before (only changes whose interaction test is
    significant)."""
    findings = _factor_findings(influence, interactions, config)
    if not findings:
        return ""
    groups = list(dict.fromkeys(influence["group"].astype(str)))
    words = _sentence_group_words(groups, config, lang)
    outcome = _outcome_word(config, lang)
    top = max(max(c["rank"] for c in f["cells"]) for f in findings)
    if top == 0:
        text = t("vignette_takeaway_none", lang, outcome=outcome)
    else:
        strongest = [_factor_word(f["factor"], lang) for f in findings
                     if max(c["rank"] for c in f["cells"]) == top]
        text = t("vignette_takeaway_top", lang, factors=_and_list(strongest, lang),
                 outcome=outcome, verb=TEXT["verb_one" if len(strongest) == 1 else
                                             "verb_many"][lang])
    more, less = [], []
    for finding in findings:
        change = finding["change"]
        if change is None or change["p_value"] >= config.vignette.influence.alpha:
            continue
        before, after = (c["estimate"] for c in finding["cells"])
        (more if abs(after) > abs(before) else less).append(
            _factor_word(finding["factor"], lang))
    for key, names in (("vignette_takeaway_more", more), ("vignette_takeaway_less", less)):
        if names:
            text += " " + t(key, lang, factors=_capitalise(_and_list(names, lang)),
                            g1=words[0], g2=words[1],
                            verb=TEXT["weigh_one" if len(names) == 1 else "weigh_many"][lang])
    return text


def vignette_paragraphs(influence: pd.DataFrame, interactions: pd.DataFrame | None,
                        config: StudyConfig, lang: str) -> tuple[str, ...]:
    """One sentence per factor: its influence per group (with the effect in rating points)
    and whether it changed between the groups (the interaction test)."""
    vignette = config.vignette
    groups = list(dict.fromkeys(influence["group"].astype(str)))
    words = dict(zip(groups, _sentence_group_words(groups, config, lang), strict=True))
    sentences = []
    for finding in _factor_findings(influence, interactions, config):
        factor = finding["factor"]
        cells = [t("factor_cell", lang, label=influence_word(c["label"], lang),
                   group=words[c["group"]], estimate=fmt_number(c["estimate"], 2, lang,
                                                               sign=True))
                 for c in finding["cells"]]
        level = finding["cells"][0]["level"] or next(
            (lv for lv in factor.levels if lv != factor.reference), factor.reference)
        text = t("factor_sentence", lang, factor=factor.label,
                 level=level_text(factor, level),
                 reference=level_text(factor, factor.reference), cells=_and_list(cells, lang))
        change = finding["change"]
        if change is not None:
            key = ("change_significant" if change["p_value"] < vignette.influence.alpha else
                   "change_not_significant")
            text += " " + t(key, lang, diff=fmt_number(change["estimate"], 2, lang, sign=True),
                            p=fmt_p(change["p_value"], lang))
        sentences.append(text)
    if sentences and vignette.outcome_range is not None:
        low, high = vignette.outcome_range
        sentences.insert(0, t("effects_unit", lang, low=fmt_number(low, 0, lang),
                              high=fmt_number(high, 0, lang),
                              outcome=_outcome_word(config, lang)))
    return tuple(sentences)


def _outcome_word(config: StudyConfig, lang: str) -> str:
    settings = config.vignette
    outcome = settings.outcome_label or settings.outcome
    return outcome[:1].lower() + outcome[1:] if lang == "nl" else outcome


# --------------------------------------------------------------------------------------------
# The whole factsheet


def build_factsheet(config: StudyConfig, lang: str, *, comparison: Comparison | None = None,
                    reliability: pd.DataFrame | None = None, vignette: Any = None,
                    figures: dict[str, Figure] | None = None, suppressed: int = 0,
                    version: str = "", logos: tuple[Logo, ...] = (),
                    interviews: Any = None,
                    vignette_design: Mapping[str, Any] | None = None) -> Factsheet:
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
        g1, g2 = _group_adverbs(comparison.group_labels, lang, paired=comparison.paired)
        scales = comparison.scales
        if comparison.paired:
            intro.append(t("sample_paired", lang, n=fmt_int(scales["n_pairs"].max(), lang),
                           g1=g1, g2=g2, how=TEXT[how][lang]))
        else:
            intro.append(t("sample_independent", lang, g1=g1, g2=g2,
                           n1=_group_size(comparison, 0, lang),
                           n2=_group_size(comparison, 1, lang), how=TEXT[how][lang]))
    sections: list[Section] = []
    extra_paragraphs: tuple[str, ...] = ()
    extra_tables: tuple[Table, ...] = ()
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
        number = sub = 0
        for row in comparison.scales.itertuples(index=False):
            is_sub = row.scale != row.variable  # a subscale, under its scale
            number, sub = (number, sub + 1) if is_sub else (number + 1, 0)
            sections.append(Section(
                heading=f"{number}.{sub} {row.label}" if is_sub else f"{number}. {row.label}",
                paragraphs=scale_paragraphs(row, comparison, comparison.items,
                                            config.report.top_items, min_cell, lang,
                                            mark=mark if number == 1 else ""),
                takeaway=scale_takeaway(row, comparison, lang),
                text=config.report.scale_text.get(row.variable, "")))
        table = scale_table(comparison, lang)
        from . import prepost

        extra_paragraphs = prepost.paragraphs(comparison, lang)
        extra_tables = tuple(Table(header=h, rows=r, caption=c) for parts in (
            prepost.mixed_table(comparison, lang), prepost.sites_table(comparison, lang))
            if parts is not None for h, r, c in [parts])
        if reliability is not None:
            methods.append(_methods_scales(comparison, reliability, lang))
            methods.extend(prepost.methods_omega_h(comparison, reliability, lang))
        methods.append(_methods_compare(comparison, lang))
        methods.extend(prepost.methods(comparison, lang))
        odd = [r for r in comparison.scales.itertuples(index=False)
               if not adds_up(r.mean_1, r.mean_2, r.mean_diff)]
        if odd:  # say why 4,20 → 4,32 has a difference of +0,11
            methods.append(t("methods_rounding", lang,
                             label=odd[0].label.lower() if lang == "nl" else odd[0].label,
                             m1=fmt_number(odd[0].mean_1, 2, lang),
                             m2=fmt_number(odd[0].mean_2, 2, lang),
                             diff=fmt_number(odd[0].mean_diff, 2, lang, sign=True)))
    influence = None
    influence_rows = None
    vignette_intro: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()
    vignette_summary = ""
    scenario: tuple[tuple[tuple[str, bool], ...], ...] = ()
    scenario_factors: tuple[tuple[str, str], ...] = ()
    if vignette is not None and config.vignette is not None:
        model = vignette.primary_model
        influence_rows = _of_model(vignette.influence, model)
        interactions = _of_model(vignette.interactions, model)
        influence = influence_table(influence_rows, config, lang)
        paragraphs = vignette_paragraphs(influence_rows, interactions, config, lang)
        vignette_summary = vignette_takeaway(influence_rows, interactions, config, lang)
        vignette_intro = _vignette_intro(vignette, config, lang)
        if vignette_design is not None:
            from ..factsheet_design import design_sentence

            vignette_intro = (*vignette_intro, design_sentence(config, vignette_design, lang))
        scenario, scenario_factors = scenario_box(config, lang)
        methods.append(_methods_vignette(config, model, interactions is not None, lang))
    methods.append(t("methods_suppression", lang, k=min_cell))
    if suppressed:
        methods.append(t("suppressed_note", lang, k=suppressed, min_cell=min_cell))
    if config.report.footnote:
        methods.append(config.report.footnote)
    figures = _described(dict(figures or {}), config, lang, comparison,
                         influence_rows if influence is not None else None)
    return Factsheet(lang=lang, title=title, intro=tuple(intro), questionnaire=tuple(sections),
                     questionnaire_table=table, questionnaire_footnote=footnote,
                     vignette_intro=vignette_intro, influence=influence,
                     vignette_paragraphs=paragraphs, vignette_takeaway=vignette_summary,
                     scenario=scenario, scenario_factors=scenario_factors,
                     colophon=colophon(config, lang, version, logos),
                     figures=figures,
                     methods=tuple(methods), prepost_paragraphs=extra_paragraphs,
                     prepost_tables=extra_tables, footer=t("footer", lang, version=version),
                     headings={key: TEXT[f"{key}_heading"][lang]
                               for key in ("questionnaire", "vignette", "methods")}
                     | {"colophon": TEXT["colophon_heading"][lang],
                        "scenario": TEXT["scenario_caption"][lang],
                        "scenario_levels": TEXT["scenario_levels"][lang]},
                     interviews=interviews)


def _described(figures: dict[str, Figure], config: StudyConfig, lang: str,
               comparison: Comparison | None, influence: pd.DataFrame | None
               ) -> dict[str, Figure]:
    """Captions and alt texts that say what each figure shows, with its numbers (a reader
    who cannot see the figure gets the same information)."""
    from dataclasses import replace

    result = {}
    for key, figure in figures.items():
        if key == "scale_means" and comparison is not None:
            g1, g2 = _group_words(comparison.group_labels, lang)
            parts = [t("alt_scale", lang, label=row.label, m1=fmt_number(row.mean_1, 2, lang),
                       m2=fmt_number(row.mean_2, 2, lang), g1=g1, g2=g2)
                     for row in comparison.scales.itertuples(index=False)
                     if not _nan(row.mean_1) and not _nan(row.mean_2)]
            caption = TEXT["figure_scales"][lang]
            figure = replace(figure, caption=caption,
                             alt=f"{caption}. {'; '.join(parts)}." if parts else caption)
        elif key == "coefficients" and influence is not None and config.vignette is not None:
            findings = _factor_findings(influence, None, config)
            groups = list(dict.fromkeys(influence["group"].astype(str)))
            words = dict(zip(groups, _sentence_group_words(groups, config, lang), strict=True))
            parts = [f"{f['factor'].label}: " + ", ".join(
                f"{fmt_number(c['estimate'], 2, lang, sign=True)} {words[c['group']]}"
                for c in f["cells"]) for f in findings]
            caption = t("figure_coefficients", lang, outcome=_outcome_word(config, lang))
            figure = replace(figure, caption=caption,
                             alt=f"{caption}. {'; '.join(parts)}." if parts else caption)
        elif key == "codes" and not figure.alt:
            figure = replace(figure, alt=TEXT["alt_codes"][lang])
        elif not figure.alt:
            figure = replace(figure, alt=figure.caption or key.replace("_", " "))
        result[key] = figure
    return result


def colophon(config: StudyConfig, lang: str, version: str,
             logos: tuple[Logo, ...] = ()) -> Colophon:
    """The colophon lines from ``[report]``: institutions, authors, contact, citation, DOI
    (or handle/URL), licence, version and date, and the tool version that made it."""
    report = config.report
    doi = report.doi or ""
    url = doi if doi.startswith(("http://", "https://")) else (
        f"https://doi.org/{doi}" if doi else "")
    made = t("footer", lang, version=version)
    parts = [p for p in (report.version, report.date) if p]
    return Colophon(
        logos=logos,
        authors=t("colophon_authors", lang, names=_and_list(list(report.authors), lang))
        if report.authors else "",
        institutions=t("colophon_institutions", lang,
                       names=_and_list(list(report.institutions), lang))
        if report.institutions else "",
        contact=t("colophon_contact", lang, contact=report.contact) if report.contact else "",
        citation=t("colophon_citation", lang, citation=report.citation)
        if report.citation else "",
        doi=doi, doi_url=url,
        license=t("colophon_license", lang, license=report.license) if report.license else "",
        version=" · ".join([*parts, made]))


def scenario_box(config: StudyConfig, lang: str
                 ) -> tuple[tuple[tuple[tuple[str, bool], ...], ...], tuple[tuple[str, str], ...]]:
    """The vignette text (``vignette.template``) as paragraphs of runs, each slot shown as
    ``[its slot text]`` and marked, and per factor the texts of its levels ("wel / niet")."""
    from ...analyses.design import template_parts

    settings = config.vignette
    if settings is None or not settings.template:
        return (), ()
    paragraphs: list[list[tuple[str, bool]]] = [[]]
    for text, factor in template_parts(settings.template, settings.factors):
        if factor is not None:
            paragraphs[-1].append((f"[{text}]", True))
            continue
        for index, piece in enumerate(text.split("\n\n")):
            if index:
                paragraphs.append([])
            if piece.strip():
                paragraphs[-1].append((" ".join(piece.split("\n")), False))
    factors = tuple((factor.label, " / ".join(
        factor.texts if factor.texts else [level_text(factor, lv) for lv in factor.levels]))
        for factor in settings.factors.values())
    return tuple(tuple(p) for p in paragraphs if p), factors


def _of_model(table: pd.DataFrame | None, model: str) -> pd.DataFrame | None:
    """The rows of the model the factsheet reports (the vignette tables hold both)."""
    if table is None or "model" not in table.columns:
        return table
    return table[table["model"] == model].reset_index(drop=True)


def _group_size(comparison: Comparison, which: int, lang: str) -> str:
    """The number of respondents in a group: the largest n over the scales (with a thousands
    separator, as every other count)."""
    column = "n_1" if which == 0 else "n_2"
    return fmt_int(comparison.scales[column].max(), lang)


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
    of = " van de " if lang == "nl" else " of "
    counts = [(s.min_items, len(s.items)) for s in comparison.scale_configs]
    if len(set(counts)) == 1:
        min_items = f"{counts[0][0]}{of}{counts[0][1]}"
    else:
        at = " bij " if lang == "nl" else " for "
        min_items = ", ".join(f"{m}{of}{k}{at}{s.label.lower() if lang == 'nl' else s.label}"
                              for s, (m, k) in zip(comparison.scale_configs, counts,
                                                   strict=True))
    reversed_ = any(s.reverse for s in comparison.scale_configs)
    return t("methods_scales", lang, min_items=min_items,
             reversed=TEXT["methods_reversed"][lang] if reversed_ else "",
             alphas="; ".join(parts) or "–")


def _methods_compare(comparison: Comparison, lang: str) -> str:
    """The tests, the correction and the smallest effect the study could detect."""
    g1, g2 = _group_words(comparison.group_labels, lang)
    scales = comparison.scales
    paired = comparison.paired
    es_name = "d" if paired else "g"
    mdes = sorted({fmt_number(v, 2, lang)
                   for v in scales["mde_d_z" if paired else "mde_g"] if not _nan(v)})
    if paired:
        sizes = t("sizes_paired", lang, n=fmt_int(scales["n_pairs"].max(), lang))
    else:
        sizes = t("sizes_independent", lang, n1=_group_size(comparison, 0, lang),
                  n2=_group_size(comparison, 1, lang))
    text = t("methods_compare_paired" if paired else "methods_compare_independent", lang,
             g1=g1, g2=g2)
    if comparison.adjust != "none":
        text += " " + t("methods_correction", lang,
                        method=ADJUST_NAMES.get(comparison.adjust, comparison.adjust))
    if mdes:
        mde = mdes[0] if len(mdes) == 1 else f"{mdes[0]}–{mdes[-1]}"
        text += " " + t("methods_mde", lang, sizes=sizes, es_name=es_name, mde=mde)
    if not paired:  # the groups as the sample sentence names them, not a fixed "vóór en na"
        a1, a2 = _group_adverbs(comparison.group_labels, lang)
        text += " " + t("methods_independent_caveat", lang, g1=a1, g2=a2,
                        G1=_capitalise(a1))
    return text


def _methods_vignette(config: StudyConfig, model: str, grouped: bool, lang: str) -> str:
    """The model, the group comparison and how the influence labels are made."""
    settings = config.vignette.influence
    labels = [influence_word(label, lang) for label in settings.labels]
    points = [fmt_number(x, 1, lang) for x in settings.thresholds]
    rules = [t("methods_rule_first", lang, label=labels[0], alpha=fmt_number(
        settings.alpha, 2, lang), t=points[0])]
    for index, label in enumerate(labels[1:], start=1):
        if index < len(points):
            rules.append(t("methods_rule_between", lang, label=label, low=points[index - 1],
                           high=points[index]))
        else:
            rules.append(t("methods_rule_last", lang, label=label, low=points[-1]))
    text = TEXT["methods_model_mixed" if model == "mixed" else "methods_model_ols"][lang]
    if grouped:
        text += " " + TEXT["methods_vignette_groups"][lang]
    return f"{text} {t('methods_influence', lang, rules='; '.join(rules))}"


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
    factors = _and_list([_factor_word(f, lang) for f in settings.factors.values()], lang)
    key = "vignette_sample" if settings.outcome_range else "vignette_sample_no_range"
    text = t(key, lang, n=n, k=per_person, outcome=_outcome_word(config, lang),
             low=fmt_number(low, 0, lang), high=fmt_number(high, 0, lang), factors=factors)
    extra = [p for p in (config.report.vignette_intro or "").split("\n\n") if p.strip()]
    return (text, *extra)
