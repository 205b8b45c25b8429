"""The factsheet's pre/post additions: every respondent (mixed model), subscales, sites.

From the already suppressed comparison (:mod:`maatwerk_stats.publish.privacy`):

- a table of the change per scale from the mixed model that uses every respondent, also
  those measured once (``compare_mixed.csv``, ``site = all``), subscales indented under their
  scale, beside the number of respondents; and a paragraph saying how many were measured once
  and what the attrition check found;
- with sites, a table of the change per site (the pooled model's simple effects) and the p of
  the site × time interaction, and a sentence naming the scales whose change differs
  significantly between the sites, or saying that none does. A suppressed site is shown as
  "–" with the suppression note of the methods section.

Wording follows the rest of the factsheet: a change is called higher or lower only when it is
statistically significant after the correction and its CI excludes 0.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ...names import ALL
from ..format import fmt_ci, fmt_int, fmt_number, fmt_p
from ..i18n import sections
from ..labels import group_words

if TYPE_CHECKING:
    import pandas as pd

    from ...analyses.compare import Comparison

ALPHA = 0.05
TEXT = sections("factsheet")
# a table: (header, rows, caption), made into the factsheet's Table by the builder
TableParts = tuple[tuple[str, ...], tuple[tuple[str, ...], ...], str]


def t(key: str, lang: str, **values: Any) -> str:
    return TEXT[key][lang].format(**values)


def _indent(label: str, is_sub: bool) -> str:
    return f"\u2003{label}" if is_sub else label


def _subscales(comparison: Comparison) -> set[str]:
    return {s.name for s in comparison.scale_configs if s.parent}


def _change(row: Any, lang: str) -> str:
    if math.isnan(float(row.estimate)):
        return "–"
    return (f"{fmt_number(row.estimate, 2, lang, sign=True)} "
            f"{fmt_ci(row.conf_low, row.conf_high, 2, lang)}")


def _significant(row: Any) -> bool:
    return (not math.isnan(float(row.p_adjusted)) and float(row.p_adjusted) < ALPHA
            and not (row.conf_low <= 0 <= row.conf_high))


def _all_suppressed(rows: Any) -> bool:
    """Every estimate of the mixed model blanked: too few measured once to publish it."""
    return bool(len(rows)) and bool(rows["estimate"].isna().all())


def mixed_table(comparison: Comparison, lang: str) -> TableParts | None:
    """Change per scale (subscales indented) from the mixed model on every respondent."""
    table = comparison.mixed
    if table is None:
        return None
    subs = _subscales(comparison)
    rows = table[table["site"] == ALL]
    first = f"{comparison.waves[1]} - {comparison.waves[0]}" if comparison.waves else None
    if first is not None:
        rows = rows[rows["contrast"] == first]
    if _all_suppressed(rows):
        return None  # paragraphs() says why
    header = (t("table_scale", lang), t("mixed_respondents", lang), t("table_diff", lang),
              t("table_p", lang))
    body = tuple((_indent(row.label, row.variable in subs), fmt_int(row.n_respondents, lang),
                  _change(row, lang), fmt_p(row.p_adjusted, lang, with_p=False))
                 for row in rows.itertuples(index=False))
    return header, body, t("mixed_caption", lang)


def sites_table(comparison: Comparison, lang: str) -> TableParts | None:
    """Change per site and scale, and the p of the site × time interaction."""
    mixed, interaction = comparison.mixed, comparison.site_interaction
    if interaction is None:
        return None
    subs = _subscales(comparison)
    first = f"{comparison.groups[1]} - {comparison.groups[0]}"
    if mixed is not None:  # paired: the pooled mixed model's simple effects
        changes = mixed[(mixed["site"] != ALL) & (mixed["contrast"] == first)]
    else:  # independent: the within-site comparison
        assert comparison.sites is not None
        changes = comparison.sites.rename(columns={
            "mean_diff": "estimate", "diff_conf_low": "conf_low",
            "diff_conf_high": "conf_high"})
    if mixed is not None and _all_suppressed(changes):
        return None  # paragraphs() says why
    sites = list(dict.fromkeys(changes["site"]))
    inter = interaction[interaction["contrast"] == first].set_index(["variable", "site"])
    by_key = changes.set_index(["variable", "site"])
    header = (t("table_scale", lang), *sites, t("sites_interaction", lang))
    body = []
    for name, label in dict.fromkeys(zip(changes["variable"], changes["label"],
                                         strict=True)):
        cells = [_change(by_key.loc[(name, site)], lang) if (name, site) in by_key.index
                 else "–" for site in sites]
        p_values = [inter.loc[(name, site), "p_value"] for site in sites
                    if (name, site) in inter.index]
        p_text = fmt_p(min(p_values), lang, with_p=False) if p_values and not all(
            math.isnan(float(p)) for p in p_values) else "–"
        body.append((_indent(label, name in subs), *cells, p_text))
    return header, tuple(body), t("sites_caption", lang, site=site_word(comparison),
                                  reference=str(interaction["reference_site"].iloc[0])
                                  if len(interaction) else "")


SITE_LABEL_MAX = 30
"""The longest variable label :func:`site_word` uses in a sentence ("per {site}")."""


def site_word(comparison: Comparison) -> str:
    """How the sites are called in a sentence ("verandering per {site}"): the site column's
    variable label (SPSS) when it has a short one, with a capital lowered ("Gemeente" →
    "gemeente", "GGD-regio" kept), else the column's name with spaces for underscores
    (``werk_regio`` → "werk regio"). Never a fixed word such as "gemeente": the second factor
    may be a team, a region or a training group."""
    label = (comparison.site_label or "").strip()
    if label and len(label) <= SITE_LABEL_MAX:
        return label[0].lower() + label[1:] if label[1:2].islower() else label
    return (comparison.site_column or "site").replace("_", " ")


def methods(comparison: Comparison, lang: str) -> tuple[str, ...]:
    """The methods note on the mixed model, and on the sites only when a site column was
    configured (without one there is no interaction measurement × site to describe)."""
    if comparison.mixed is None:
        return ()
    text = t("methods_mixed", lang)
    if comparison.site_column is not None:
        text += " " + t("methods_mixed_sites", lang, site=site_word(comparison))
    return (text,)


def methods_omega_h(comparison: Comparison, reliability: pd.DataFrame, lang: str
                    ) -> tuple[str, ...]:
    """The Verantwoording on omega hierarchical of each total scale with subscales: its value
    per measurement (from the bifactor model with the subscales as group factors,
    :mod:`maatwerk_stats.stats.bifactor`), or why it is not given (fewer than three
    subscales: not identified). Suppressed groups (blank) are left out."""
    from ...stats.bifactor import MIN_SUBSCALES, identified

    labels = dict(zip(comparison.groups, group_words(comparison.group_labels, lang),
                      strict=True))
    configs = {s.name: s for s in comparison.scale_configs}
    out = []
    for scale in comparison.scale_configs:
        subs = [configs[s] for s in scale.subscales if s in configs]
        if not scale.subscales or len(subs) < len(scale.subscales):
            continue
        label = scale.label.lower() if lang == "nl" else scale.label
        groups = [next((j for j, sub in enumerate(subs) if item in sub.items), -1)
                  for item in scale.items]
        if not identified(groups):
            out.append(t("methods_omega_h_not_identified", lang, label=label,
                         k=fmt_int(len(subs), lang), minimum=fmt_int(MIN_SUBSCALES, lang)))
            continue
        rows = reliability[(reliability["scale"] == scale.name)
                           & reliability["group"].isin(list(labels))]
        values = [f"{fmt_number(r.omega_h, 2, lang)} ({labels[r.group]})"
                  for r in rows.itertuples(index=False)
                  if not math.isnan(float(r.omega_h))]
        if values:
            out.append(t("methods_omega_h", lang, label=label, values=" / ".join(values),
                         k=fmt_int(len(subs), lang)))
    return tuple(out)


def paragraphs(comparison: Comparison, lang: str) -> tuple[str, ...]:
    """What the mixed model, the attrition check and the site comparison say."""
    out = []
    if comparison.mixed is not None:
        rows = comparison.mixed[comparison.mixed["site"] == ALL]
        if len(rows):
            n = int(rows["n_respondents"].max())
            low, high = int(rows["n_measured_once"].min()), int(rows["n_measured_once"].max())
            once = fmt_int(low, lang) if low == high else (
                f"{fmt_int(low, lang)}–{fmt_int(high, lang)}")
            text = t("mixed_paragraph", lang, n=fmt_int(n, lang), once=once)
            if _all_suppressed(rows):  # publish/differencing.py
                text += " " + t("mixed_suppressed", lang)
            attrition = comparison.attrition
            if attrition is not None and len(attrition):
                tested = attrition[attrition["p_value"].notna()]
                differ = tested[tested["p_value"] < ALPHA]
                same = tested[tested["p_value"] >= ALPHA]

                def names(part: Any) -> str:
                    return ", ".join(part["label"].str.lower() if lang == "nl"
                                     else part["label"])

                if len(tested) == 0:
                    text += " " + t("attrition_untested", lang)
                else:
                    if len(differ):
                        text += " " + t("attrition_differs", lang, which=names(differ))
                    if len(same):
                        text += " " + t("attrition_ok", lang, which=names(same))
                    if len(tested) < len(attrition):
                        text += " " + t("attrition_partly", lang)
            out.append(text)
    interaction = comparison.site_interaction
    if interaction is not None and len(interaction):
        first = f"{comparison.groups[1]} - {comparison.groups[0]}"
        rows = interaction[(interaction["contrast"] == first) & interaction["p_value"].notna()]
        differ = rows[rows["p_value"] < ALPHA]
        mixed = comparison.mixed
        if mixed is not None and _all_suppressed(mixed[mixed["site"] != ALL]):
            out.append(t("sites_suppressed", lang, site=site_word(comparison)))
        elif len(rows) == 0:
            pass
        elif len(differ):
            out.append(t("sites_differ", lang, which=", ".join(
                (differ["label"].str.lower() if lang == "nl" else differ["label"]).unique()),
                reference=str(rows["reference_site"].iloc[0]), site=site_word(comparison)))
        else:
            out.append(t("sites_same", lang, site=site_word(comparison)))
    return tuple(out)

