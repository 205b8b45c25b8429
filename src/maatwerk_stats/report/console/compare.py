"""Terminal rendering of a :class:`~maatwerk_stats.analyses.compare.Comparison`.

Tables of the scales and items, then a plain-language summary per scale that says what the
numbers allow: a difference is called higher or lower only when it is statistically
significant after the correction for multiple testing (so never when its CI includes zero);
otherwise the summary says it is not significant, and when the observed effect is smaller than
the minimal detectable effect it says that the study could not have detected an effect of that
size. It never says "improved": with different people before and after, a difference may also
come from who answered.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ..format import fmt_ci, fmt_int, fmt_number, fmt_p
from ..i18n import section, texts
from ..labels import group_headers, in_language
from ..notes import row_note
from ..text import render_table, shorten, wrap

if TYPE_CHECKING:
    from ...analyses.compare import Comparison

ALPHA = 0.05



def words(lang: str) -> dict[str, str]:
    return section("compare", lang)


def _method(result: Comparison, lang: str) -> str:
    return words(lang)[result.adjust]


def _es(result: Comparison) -> tuple[str, str, str, str]:
    """(column, low, high, display name) of the row's main effect size."""
    if result.paired:
        return "d_z", "d_z_conf_low", "d_z_conf_high", "d_z"
    return "hedges_g", "g_conf_low", "g_conf_high", "g"


def _with_ci(value: float, low: float, high: float, lang: str) -> str:
    """An estimate with its 95 % CI, as every table of this module shows one: ``+0,25 [0,10;
    0,40]``."""
    return f"{fmt_number(value, 2, lang, sign=True)} {fmt_ci(low, high, 2, lang)}"


def _ci_header(name: str, lang: str) -> str:
    """The column header of an estimate shown with :func:`_with_ci`."""
    return f"{name} [95%-BI]" if lang == "nl" else f"{name} [95% CI]"


def _group_header(result: Comparison, lang: str) -> tuple[str, str]:
    t = texts(lang)
    g1, g2 = group_headers(result.group_labels, lang)
    return (f"{t['mean']} {g1}", f"{t['mean']} {g2}")


def _indented(label: str, variable: str, scale: str | None) -> str:
    """A subscale's label indented under its scale (a scale, or no scale known: as is)."""
    return label if scale is None or scale == variable else f"  · {label}"


def _scale_of(result: Comparison) -> dict[str, str]:
    """variable → the scale it is part of (itself for a scale), from the scales table."""
    table = result.scales
    if "scale" not in table.columns:
        return {}
    return dict(zip(table["variable"].astype(str), table["scale"].astype(str), strict=True))


def comparison_table(result: Comparison, kind: str = "scales", lang: str = "nl",
                     width: int = 40) -> str:
    """The scales or items table as aligned text."""
    t = texts(lang)
    w = words(lang)
    table = result.scales if kind == "scales" else result.items
    es, es_low, es_high, es_name = _es(result)
    mde = "mde_d_z" if result.paired else "mde_g"
    first = t["scale"] if kind == "scales" else t["item"]
    m1, m2 = _group_header(result, lang)
    if result.paired:
        sizes = [w["pairs"]]
    else:
        sizes = [f"n {g}" for g in group_headers(result.group_labels, lang)]
    header = [first, *sizes, m1, m2, w["diff"], "p",
              w["p_adj"].format(method=_method(result, lang)), _ci_header(es_name, lang),
              f"MDE {es_name}"]
    rows = []
    for row in table.itertuples(index=False):
        name = _indented(row.label, row.variable, row.scale) \
            if kind == "scales" else shorten(
            f"{row.variable} {row.label}" if row.label != row.variable else row.variable,
            width)
        counts = [fmt_int(row.n_pairs, lang)] if result.paired else [
            fmt_int(row.n_1, lang), fmt_int(row.n_2, lang)]
        rows.append([
            name, *counts, fmt_number(row.mean_1, 2, lang), fmt_number(row.mean_2, 2, lang),
            _with_ci(row.mean_diff, row.diff_conf_low, row.diff_conf_high, lang),
            fmt_p(row.p_value, lang, with_p=False), fmt_p(row.p_adjusted, lang, with_p=False),
            _with_ci(getattr(row, es), getattr(row, es_low), getattr(row, es_high), lang),
            fmt_number(getattr(row, mde), 2, lang),
        ])
    title = w["scales_title"] if kind == "scales" else w["items_title"]
    # a narrow window: the columns stacked in parts, each with the name (render_table)
    return render_table(header, rows, align="l" + "r" * (len(header) - 1), title=title)


def adjusted_table(result: Comparison, lang: str = "nl") -> str:
    t = texts(lang)
    w = words(lang)
    table = result.adjusted
    if table is None:
        return ""
    covariates = ", ".join(part.split(" (")[0] for part in
                           str(table["covariates"].iloc[0]).split("; ")) if len(table) else ""
    header = [t["scale"], "n", w["raw_diff"], w["adjusted_diff"], "p",
              w["p_adj"].format(method=_method(result, lang))]
    rows = [[row.label, fmt_int(row.n, lang), fmt_number(row.mean_diff, 2, lang, sign=True),
             _with_ci(row.estimate, row.conf_low, row.conf_high, lang),
             fmt_p(row.p_value, lang, with_p=False),
             fmt_p(row.p_adjusted, lang, with_p=False)] for row in table.itertuples(index=False)]
    return render_table(header, rows, align="lrrrrr",
                        title=w["adjusted_title"].format(covariates=covariates))


def ordinal_table(result: Comparison, lang: str = "nl") -> str:
    t = texts(lang)
    w = words(lang)
    table = result.ordinal
    if table is None:
        return ""
    header = [t["item"], w["odds_ratio"], "p", w["p_adj"].format(method=_method(result, lang))]
    rows = [[row.variable,
             f"{fmt_number(row.odds_ratio, 2, lang)} "
             f"{fmt_ci(row.odds_ratio_conf_low, row.odds_ratio_conf_high, 2, lang)}",
             fmt_p(row.p_value, lang, with_p=False), fmt_p(row.p_adjusted, lang, with_p=False)]
            for row in table.itertuples(index=False)]
    return render_table(header, rows, align="lrrr", title=w["ordinal_title"])


def mixed_table(result: Comparison, lang: str = "nl") -> str:
    """The mixed model's change per scale and contrast, beside the complete-pairs t-test."""
    t = texts(lang)
    w = words(lang)
    table = result.mixed
    if table is None:
        return ""
    header = [t["scale"], w["site"], w["contrast"], w["respondents"], w["measured_once"],
              w["mixed_change"], "p", w["p_adj"].format(method=_method(result, lang)),
              w["paired_change"], w["p_paired"]]
    scale_of = _scale_of(result)
    rows = [[_indented(row.label, str(row.variable), scale_of.get(str(row.variable))),
             t["all"] if row.site == "all" else row.site, row.contrast,
             fmt_int(row.n_respondents, lang),
             fmt_int(row.n_measured_once, lang) if row.site == "all" else "",
             _with_ci(row.estimate, row.conf_low, row.conf_high, lang),
             fmt_p(row.p_value, lang, with_p=False), fmt_p(row.p_adjusted, lang, with_p=False),
             f"{fmt_number(row.paired_mean_diff, 2, lang, sign=True)} "
             f"({fmt_int(row.n_pairs, lang)})" if row.site == "all" else "",
             fmt_p(row.paired_p_value, lang, with_p=False) if row.site == "all" else ""]
            for row in table.itertuples(index=False)]
    return render_table(header, rows, align="lll" + "r" * (len(header) - 3),
                        title=w["mixed_title"], keys=3)  # stacked: scale, site, contrast


def sites_table(result: Comparison, lang: str = "nl") -> str:
    """Per site and scale: the within-site comparison of the first two measurements with
    its effect size, and the site × time interaction of the pooled model."""
    t = texts(lang)
    w = words(lang)
    table, interaction = result.sites, result.site_interaction
    if table is None or interaction is None:
        return ""
    es, es_low, es_high, es_name = _es(result)
    first = result.groups[1] + " - " + result.groups[0]
    reference = str(interaction["reference_site"].iloc[0]) if len(interaction) else ""
    inter = interaction[interaction["contrast"] == first].set_index(["variable", "site"])
    header = [t["scale"], w["site"], "n", w["diff"], "p", _ci_header(es_name, lang),
              w["interaction"].format(reference=reference), w["p_interaction"]]
    rows = []
    scale_of = _scale_of(result)
    for row in table.itertuples(index=False):
        n = fmt_int(row.n_pairs, lang) if result.paired else (
            f"{fmt_int(row.n_1, lang)}/{fmt_int(row.n_2, lang)}")
        key = (row.variable, row.site)
        has = key in inter.index
        rows.append([_indented(row.label, str(row.variable), scale_of.get(str(row.variable))),
                     row.site, n,
                     _with_ci(row.mean_diff, row.diff_conf_low, row.diff_conf_high, lang),
                     fmt_p(row.p_value, lang, with_p=False),
                     _with_ci(getattr(row, es), getattr(row, es_low), getattr(row, es_high),
                              lang),
                     _with_ci(*inter.loc[key, ["estimate", "conf_low", "conf_high"]], lang)
                     if has else "–",
                     fmt_p(inter.loc[key, "p_value"], lang, with_p=False) if has else ""])
    return render_table(header, rows, align="ll" + "r" * (len(header) - 2), keys=2,
                        title=w["sites_title"].format(g1=result.group_labels[0],
                                                      g2=result.group_labels[1],
                                                      reference=reference))


def _significant(value: Any) -> bool:
    return value is not None and not math.isnan(float(value)) and float(value) < ALPHA


def scale_sentences(row: Any, result: Comparison, lang: str = "nl") -> list[str]:
    """The honest summary of one scale row (see the module docstring)."""
    w = words(lang)
    es, _low, _high, es_name = _es(result)
    mde = row.mde_d_z if result.paired else row.mde_g
    value = getattr(row, es)
    g1, g2 = in_language(result.group_labels, lang)  # "(before)", not "(vóór)", in English
    if math.isnan(float(row.t)) or math.isnan(float(row.p_value)):
        return [w["no_test"].format(label=row.label, note=row_note(row.note, lang) or "–")]
    sentences = [w["means"].format(
        label=row.label, m1=fmt_number(row.mean_1, 2, lang), g1=g1,
        m2=fmt_number(row.mean_2, 2, lang), g2=g2,
        diff=fmt_number(row.mean_diff, 2, lang, sign=True),
        low=fmt_number(row.diff_conf_low, 2, lang),
        high=fmt_number(row.diff_conf_high, 2, lang))]
    after = w["after_correction"].format(method=_method(result, lang)) \
        if result.adjust != "none" else ""
    p_shown = fmt_p(row.p_adjusted, lang)
    includes_zero = row.diff_conf_low <= 0 <= row.diff_conf_high
    if _significant(row.p_adjusted) and not includes_zero:
        sentences.append(w["significant"].format(
            p=p_shown, after=after, g1=g1, g2=g2,
            direction=w["higher"] if row.mean_diff > 0 else w["lower"]))
        significant = True
    else:
        text = w["not_significant"].format(p=p_shown, after=after)
        if includes_zero:
            text += (w["includes_zero"] if over_time(result) else
                     w["includes_zero_groups"].format(g2=result.group_labels[1]))
        elif result.adjust != "none":
            text += w["uncorrected"].format(
                p_raw=fmt_p(row.p_value, lang).removeprefix("p "))
        sentences.append(text)
        significant = False
    if not math.isnan(float(mde)) and not math.isnan(float(value)) and abs(value) < mde:
        sizes = w["sizes_paired"].format(n=row.n_pairs) if result.paired else \
            w["sizes_independent"].format(n1=row.n_1, n2=row.n_2)
        key = "small_but_significant" if significant else "undetectable"
        sentences.append(w[key].format(sizes=sizes, es=es_name, mde=fmt_number(mde, 2, lang),
                                       value=fmt_number(value, 2, lang)))
    return sentences


def over_time(result: Comparison) -> bool:
    """Whether the two groups are measurements in time (voor/na, pre/post, t0/t1 …, as codes
    or labels, or paired data), not a split by another column such as sex."""
    import unicodedata

    from ...names import KNOWN_ORDERS

    def plain(text: str) -> str:  # "Vóór" → "voor"
        return "".join(c for c in unicodedata.normalize("NFKD", str(text).casefold())
                       if not unicodedata.combining(c))

    if result.paired:
        return True
    pairs = {tuple(plain(p) for p in pair) for pair in (result.groups, result.group_labels)}
    return any(tuple(order) in pairs for order in KNOWN_ORDERS)


def summary(result: Comparison, lang: str = "nl") -> str:
    """Plain-language summary: design, one paragraph per scale, the items, caveats."""
    w = words(lang)
    if result.paired:
        test = w["paired_test"]
        lines = [w["design_paired"].format(test=test, method=_method(result, lang))]
        n_pairs = int(result.scales["n_pairs"].max()) if len(result.scales) else 0
        k = len(result.unmatched) if result.unmatched is not None else 0
        extra = w["unmatched_extra"].format(k=k) if k else ""
        lines.append(w["pairs_line"].format(n=n_pairs, extra=extra))
    else:
        test = w["student"] if result.equal_var else w["welch"]
        lines = [w["design_independent"].format(test=test, method=_method(result, lang))]
    lines.append("")
    for row in result.scales.itertuples(index=False):
        lines.append(" ".join(scale_sentences(row, result, lang)))
        lines.append("")
    items = result.items
    n_items = len(items)
    method = _method(result, lang)

    def names(mask: Any) -> str:
        return ", ".join(f"{r.variable} ({fmt_number(r.mean_diff, 2, lang, sign=True)})"
                         for r in items[mask].itertuples(index=False))

    adjusted_sig = items["p_adjusted"] < ALPHA
    raw_sig = items["p_value"] < ALPHA
    if result.adjust == "none":
        lines.append(w["items_raw"].format(k=int(raw_sig.sum()), n=n_items,
                                           which=names(raw_sig) or "–"))
    elif adjusted_sig.any():
        lines.append(w["items_significant"].format(k=int(adjusted_sig.sum()), n=n_items,
                                                   method=method, which=names(adjusted_sig)))
    else:
        text = w["items_none"].format(n=n_items, method=method)
        if raw_sig.any():
            text += w["items_uncorrected"].format(which=names(raw_sig))
        lines.append(text)
    if not result.paired:
        lines += ["", w["independent_caveat"] if over_time(result) else
                  w["groups_caveat"].format(g1=result.group_labels[0], g2=result.group_labels[1])]
    return "\n".join([w["summary_title"], *lines]).rstrip()


def render(result: Comparison, lang: str = "nl") -> str:
    """Everything printed for ``--format table``."""
    parts = [comparison_table(result, "scales", lang), comparison_table(result, "items", lang)]
    if result.adjusted is not None:
        parts.append(adjusted_table(result, lang))
    if result.ordinal is not None:
        parts.append(ordinal_table(result, lang))
    if result.mixed is not None:
        parts.append(mixed_table(result, lang))
    if result.sites is not None:
        parts.append(sites_table(result, lang))
    parts.append(wrap(summary(result, lang)))  # paragraphs at the window's width
    return "\n\n".join(parts)
