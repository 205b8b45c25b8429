"""Every word of rendered output, Dutch and English: one table, one key per meaning.

Keys without a dot are shared by the terminal, the figures and the factsheet; a prefix names
the one renderer that uses a key (``compare.`` the terminal comparison, ``figure_compare.`` its
figures, ``factsheet.`` the factsheet, ``step.`` the factsheet's progress lines). Values may hold
``{name}`` slots, filled in by :func:`word`.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("nl", "en")

_TEXTS: dict[str, dict[str, str]] = {
    "scale": {"nl": "Schaal", "en": "Scale"},
    "item": {"nl": "Item", "en": "Item"},
    "items": {"nl": "Items", "en": "Items"},
    "label": {"nl": "Omschrijving", "en": "Label"},
    "group": {"nl": "Groep", "en": "Group"},
    "mean": {"nl": "Gem.", "en": "Mean"},
    "sd": {"nl": "sd", "en": "SD"},
    "alpha": {"nl": "Alfa", "en": "Alpha"},
    "alpha_ci": {"nl": "95%-BI alfa", "en": "95% CI alpha"},
    "omega": {"nl": "Omega", "en": "Omega"},
    "omega_h": {"nl": "Omega h", "en": "Omega h"},
    "item_rest": {"nl": "r item-rest", "en": "r item-rest"},
    "alpha_drop": {"nl": "alfa zonder", "en": "alpha if del."},
    "reversed_mark": {"nl": "(omgepoold)", "en": "(reversed)"},
    "reliability_title": {"nl": "Betrouwbaarheid", "en": "Reliability"},
    "items_title": {"nl": "Items", "en": "Items"},
    "all": {"nl": "alle", "en": "all"},
    "written": {"nl": "Geschreven naar", "en": "Written to"},
    "written_tables": {"nl": "{n} tabelbestand(en) (tables/)",
                       "en": "{n} table file(s) (tables/)"},
    "written_figures": {"nl": "{n} figuurbestand(en) (figures/)",
                        "en": "{n} figure file(s) (figures/)"},
    "note": {"nl": "Let op", "en": "Note"},
    "inferred": {"nl": "Geen --config: schalen afgeleid uit de kolomnamen",
                 "en": "No --config: scales inferred from column names"},
    "inferred_advice": {
        "nl": "Controleer ze: `maatwerk-stats init DATA` (of --save-config FILE) schrijft een "
              "config om aan te passen.",
        "en": "Check them: `maatwerk-stats init DATA` (or --save-config FILE) writes a config "
              "to edit."},
    # vignette study
    "ci": {"nl": "95%-BI", "en": "95% CI"},
    "estimate": {"nl": "B", "en": "B"},
    "se": {"nl": "SE", "en": "SE"},
    "df": {"nl": "df", "en": "df"},
    "p": {"nl": "p", "en": "p"},
    "intercept": {"nl": "Constante", "en": "Intercept"},
    "characteristic": {"nl": "Kenmerk", "en": "Characteristic"},
    "level": {"nl": "Niveau", "en": "Level"},
    "versus": {"nl": "vs.", "en": "vs."},
    "check": {"nl": "Controle", "en": "Check"},
    "value": {"nl": "Uitkomst", "en": "Result"},
    "respondents": {"nl": "respondenten", "en": "respondents"},
    "ratings": {"nl": "oordelen", "en": "ratings"},
    "model_mixed": {"nl": "lineair gemengd model, random intercept per respondent",
                    "en": "linear mixed model, random intercept per respondent"},
    "model_ols_cluster": {"nl": "OLS, standaardfouten geclusterd per respondent",
                          "en": "OLS, standard errors clustered by respondent"},
    "vignette_coefficients_title": {"nl": "Effecten van de kenmerken",
                                    "en": "Effects of the characteristics"},
    "vignette_influence_title": {"nl": "Invloed van de kenmerken",
                                 "en": "Influence of the characteristics"},
    "vignette_design_title": {"nl": "Opzet en controles", "en": "Design checks"},
    "vignette_marginal_means_title": {"nl": "Gemiddeld oordeel per niveau",
                                      "en": "Mean rating per level"},
    "effect_axis": {"nl": "Effect op {outcome} (punten, met 95%-BI)",
                    "en": "Effect on {outcome} (points, with 95% CI)"},
    "mean_axis": {"nl": "{outcome} (gemiddelde, met 95%-BI)",
                  "en": "{outcome} (mean, with 95% CI)"},
    "influence_labels": {"nl": "geen invloed|matige invloed|veel invloed",
                         "en": "no influence|moderate influence|strong influence"},
    # the terminal comparison (report/console/compare.py)
    "compare.scales_title": {"nl": "Vergelijking van de schalen", "en": "Comparison of the scales"},
    "compare.items_title": {"nl": "Vergelijking van de items", "en": "Comparison of the items"},
    "compare.adjusted_title": {"nl": "Verschil gecorrigeerd voor {covariates}",
                       "en": "Difference adjusted for {covariates}"},
    "compare.ordinal_title": {"nl": "Ordinaal model per item (proportionele odds)",
                      "en": "Ordinal model per item (proportional odds)"},
    "compare.mixed_title": {
        "nl": "Gemengd model met alle respondenten (ook wie één keer is gemeten)",
        "en": "Mixed model with every respondent (also those measured once)"},
    "compare.contrast": {"nl": "Contrast", "en": "Contrast"},
    "compare.site": {"nl": "Locatie", "en": "Site"},
    "compare.sites_title": {
        "nl": "Verandering per locatie ({g1} → {g2}); interactie: verschil met {reference}",
        "en": "Change per site ({g1} → {g2}); interaction: difference from {reference}"},
    "compare.interaction": {"nl": "Verschil met {reference} [95%-BI]",
                            "en": "Difference from {reference} [95% CI]"},
    "compare.p_interaction": {"nl": "p interactie", "en": "p interaction"},
    "compare.respondents": {"nl": "n resp.", "en": "n resp."},
    "compare.measured_once": {"nl": "1× gemeten", "en": "measured once"},
    "compare.mixed_change": {"nl": "Verandering [95%-BI]", "en": "Change [95% CI]"},
    "compare.paired_change": {"nl": "Gepaard (paren)", "en": "Paired (pairs)"},
    "compare.p_paired": {"nl": "p gepaard", "en": "p paired"},
    "compare.summary_title": {"nl": "Samenvatting", "en": "Summary"},
    "compare.diff": {"nl": "Verschil [95%-BI]", "en": "Difference [95% CI]"},
    "compare.adjusted_diff": {"nl": "Gecorr. verschil [95%-BI]", "en": "Adj. difference [95% CI]"},
    "compare.raw_diff": {"nl": "Ongecorr.", "en": "Unadjusted"},
    "compare.odds_ratio": {"nl": "Odds ratio [95%-BI]", "en": "Odds ratio [95% CI]"},
    "compare.pairs": {"nl": "paren", "en": "pairs"},
    "compare.holm": {"nl": "Holm", "en": "Holm"},
    "compare.fdr_bh": {"nl": "Benjamini-Hochberg", "en": "Benjamini-Hochberg"},
    "compare.none": {"nl": "geen", "en": "none"},
    "compare.p_adj": {"nl": "p ({method})", "en": "p ({method})"},
    "compare.welch": {"nl": "Welch-t-toets", "en": "Welch's t-test"},
    "compare.student": {"nl": "Student-t-toets, gelijke varianties",
                "en": "Student's t-test, equal variances"},
    "compare.paired_test": {"nl": "gepaarde t-toets", "en": "paired t-test"},
    "compare.design_independent": {
        "nl": "Onafhankelijke groepen ({test}); p-waarden gecorrigeerd voor meervoudig toetsen "
              "binnen elke tabel ({method}).",
        "en": "Independent groups ({test}); p-values adjusted for multiple testing within "
              "each table ({method})."},
    "compare.design_paired": {
        "nl": "Gepaarde metingen: dezelfde personen vóór en na ({test}); p-waarden "
              "gecorrigeerd voor meervoudig toetsen binnen elke tabel ({method}).",
        "en": "Paired measurements: the same people before and after ({test}); p-values "
              "adjusted for multiple testing within each table ({method})."},
    "compare.no_test": {"nl": "{label}: geen toets mogelijk ({note}).",
                "en": "{label}: no test possible ({note})."},
    "compare.means": {"nl": "{label}: gemiddeld {m1} ({g1}) en {m2} ({g2}); verschil {diff} "
                    "(95%-BI {low} tot {high}).",
              "en": "{label}: mean {m1} ({g1}) and {m2} ({g2}); difference {diff} "
                    "(95% CI {low} to {high})."},
    "compare.significant": {"nl": "Dit verschil is statistisch significant ({p}{after}): de "
                          "gemiddelde score is {direction} bij {g2} dan bij {g1}.",
                    "en": "This difference is statistically significant ({p}{after}): the "
                          "mean score is {direction} for {g2} than for {g1}."},
    "compare.higher": {"nl": "hoger", "en": "higher"},
    "compare.lower": {"nl": "lager", "en": "lower"},
    "compare.after_correction": {"nl": " na {method}-correctie",
                                 "en": " after {method} correction"},
    "compare.not_significant": {
        "nl": "Dit verschil is niet statistisch significant ({p}{after}).",
        "en": "This difference is not statistically significant ({p}{after})."},
    "compare.includes_zero": {
        "nl": " Het betrouwbaarheidsinterval omvat 0: de gegevens passen zowel bij een "
              "daling als bij een stijging.",
        "en": " The confidence interval includes 0: the data are compatible with a decrease "
              "as well as an increase."},
    "compare.uncorrected": {
        "nl": " Zonder correctie voor meervoudig toetsen zou p {p_raw} zijn.",
        "en": " Without the correction for multiple testing p would be {p_raw}."},
    "compare.undetectable": {
        "nl": "Met {sizes} kon dit onderzoek met 80% kans alleen effecten vanaf {es} = {mde} "
              "aantonen; het gevonden effect ({es} = {value}) is kleiner. Geen significant "
              "verschil betekent hier dus niet dat er geen effect is.",
        "en": "With {sizes} this study could detect (with 80% probability) only effects of "
              "{es} = {mde} or more; the observed effect ({es} = {value}) is smaller. No "
              "significant difference does not mean no effect here."},
    "compare.small_but_significant": {
        "nl": "Het gevonden effect ({es} = {value}) is kleiner dan wat dit onderzoek met 80% "
              "kans kon aantonen ({es} = {mde}); een herhaling zou het vaak niet vinden.",
        "en": "The observed effect ({es} = {value}) is smaller than what this study could "
              "detect with 80% probability ({es} = {mde}); a replication would often miss "
              "it."},
    "compare.sizes_independent": {"nl": "{n1} en {n2} respondenten", "en": "{n1} and {n2} "
                                                                           "respondents"},
    "compare.sizes_paired": {"nl": "{n} paren", "en": "{n} pairs"},
    "compare.items_significant": {
        "nl": "Items: {k} van de {n} items verschillen statistisch significant na "
              "{method}-correctie: {which}.",
        "en": "Items: {k} of the {n} items differ statistically significantly after {method} "
              "correction: {which}."},
    "compare.items_none": {
        "nl": "Items: geen van de {n} items verschilt statistisch significant na "
              "{method}-correctie.",
        "en": "Items: none of the {n} items differs statistically significantly after "
              "{method} correction."},
    "compare.items_uncorrected": {
        "nl": " Zonder correctie: {which}.", "en": " Without correction: {which}."},
    "compare.items_raw": {
        "nl": "Items: {k} van de {n} items verschillen met p < 0,05 (geen correctie): {which}.",
        "en": "Items: {k} of the {n} items differ with p < 0.05 (no correction): {which}."},
    "compare.independent_caveat": {
        "nl": "Let op: vóór en na zijn verschillende mensen. Een verschil kan ook komen door "
              "wie er meededen; --adjust-for corrigeert voor gemeten kenmerken, niet voor "
              "ongemeten.",
        "en": "Note: the people before and after are different people. A difference may also "
              "come from who took part; --adjust-for corrects for measured characteristics, "
              "not for unmeasured ones."},
    "compare.groups_caveat": {
        "nl": "Let op: {g1} en {g2} zijn verschillende mensen. Een verschil kan ook komen door "
              "andere verschillen tussen de groepen; --adjust-for corrigeert voor gemeten "
              "kenmerken, niet voor ongemeten.",
        "en": "Note: {g1} and {g2} are different people. A difference may also come from other "
              "differences between the groups; --adjust-for corrects for measured "
              "characteristics, not for unmeasured ones."},
    "compare.includes_zero_groups": {
        "nl": " Het betrouwbaarheidsinterval omvat 0: de gegevens passen zowel bij een lager "
              "als bij een hoger gemiddelde van {g2}.",
        "en": " The confidence interval includes 0: the data are compatible with a lower as "
              "well as a higher mean of {g2}."},
    "compare.pairs_line": {"nl": "Gekoppeld op id: {n} personen met beide metingen{extra}.",
                   "en": "Matched on id: {n} people with both measurements{extra}."},
    "compare.unmatched_extra": {"nl": "; {k} id('s) met maar één meting (compare_unmatched.csv)",
                        "en": "; {k} id(s) with one measurement only "
                              "(compare_unmatched.csv)"},
    # the figures of a comparison (report/figures/compare.py)
    "figure_compare.means_title": {"nl": "Gemiddelde per schaal (95%-betrouwbaarheidsinterval)",
                    "en": "Mean per scale (95% confidence interval)"},
    "figure_compare.mean_axis": {"nl": "Gemiddelde score", "en": "Mean score"},
    "figure_compare.waves_title": {
        "nl": "Gemiddelde per meting, gemengd model met alle respondenten (95%-BI)",
        "en": "Mean per measurement, mixed model with every respondent (95% CI)"},
    "figure_compare.waves_axis": {"nl": "Meting", "en": "Measurement"},
    "figure_compare.likert_title": {"nl": "Antwoorden per stelling", "en": "Answers per statement"},
    "figure_compare.scale_answers": {"nl": "{scale} (antwoorden {answers})",
                                     "en": "{scale} (answers {answers})"},
    "figure_compare.legend_answers": {"nl": "{scales}: antwoorden {answers}",
                                      "en": "{scales}: answers {answers}"},
    "figure_compare.percent_axis": {"nl": "% van de antwoorden", "en": "% of answers"},
    "figure_compare.forest_title": {
        "nl": "Verschil per stelling ({g2} − {g1}), 95%-BI zonder correctie",
        "en": "Difference per statement ({g2} − {g1}), 95% CI without correction"},
    "figure_compare.diff_axis": {"nl": "Verschil in gemiddelde score", "en": "Difference in mean "
                                                                             "score"},
    "figure_compare.significant_after": {"nl": "significant na {method}-correctie",
                                         "en": "significant after {method} correction"},
    "figure_compare.significant_raw": {"nl": "significant (p < 0,05)",
                                       "en": "significant (p < 0.05)"},
    "figure_compare.significant_uncorrected": {
        "nl": "alleen zonder correctie significant", "en": "significant only without correction"},
    "figure_compare.method_holm": {"nl": "Holm", "en": "Holm"},
    "figure_compare.method_fdr_bh": {"nl": "Benjamini-Hochberg", "en": "Benjamini-Hochberg"},
    "figure_compare.not_significant": {"nl": "niet significant", "en": "not significant"},
    "figure_compare.reversed": {"nl": "omgepoold: hoger = minder eens",
                                "en": "reversed: higher = less agreement"},
    "figure_compare.reversed_answers": {"nl": "antwoorden zoals gegeven; omgepoold in de "
                                              "schaalscore",
                                        "en": "answers as given; reversed in the scale score"},
    # the factsheet (report/factsheet/build.py)
    "factsheet.title": {"nl": "Factsheet: onderzoek {title}", "en": "Factsheet: {title} study"},
    "factsheet.sample_independent": {
        "nl": "Hiervoor zijn professionals {g1} (N={n1}) en {g2} (N={n2}) ondervraagd{how}. "
              "Dit zijn verschillende mensen.",
        "en": "Professionals were surveyed {g1} (N={n1}) and {g2} (N={n2}){how}. These are "
              "different people."},
    "factsheet.mixed_caption": {
        "nl": "Verandering met alle respondenten (gemengd model; ook wie één keer meedeed)",
        "en": "Change with every respondent (mixed model; also those measured once)"},
    "factsheet.mixed_respondents": {"nl": "Respondenten", "en": "Respondents"},
    "factsheet.mixed_paragraph": {
        "nl": "Het gemengde model gebruikt alle {n} respondenten, ook wie de vragenlijst maar "
              "één keer invulde (per schaal {once}); de gepaarde toets hierboven gebruikt "
              "alleen wie beide keren meedeed.",
        "en": "The mixed model uses all {n} respondents, also those who answered only once "
              "({once} per scale); the paired test above uses only those who answered both "
              "times."},
    "factsheet.mixed_suppressed": {
        "nl": "De uitkomsten van dat model worden hier niet getoond: bij elke schaal vulden "
              "zo weinig mensen de vragenlijst maar één keer in dat hun antwoorden eruit "
              "terug te rekenen zouden zijn.",
        "en": "That model's results are not shown here: for every scale so few people "
              "answered only once that their answers could be recomputed from them."},
    "factsheet.sites_suppressed": {
        "nl": "De verandering per {site} wordt niet getoond: per {site} vulden zo weinig "
              "mensen de vragenlijst maar één keer in dat hun antwoorden eruit terug te "
              "rekenen zouden zijn.",
        "en": "The change per {site} is not shown: per {site} so few people answered only "
              "once that their answers could be recomputed from it."},
    "factsheet.methods_mixed": {
        "nl": "Gemengd model: per schaal een lineair model met een willekeurig intercept per "
              "persoon (REML, vrijheidsgraden volgens Satterthwaite), op alle antwoorden, ook "
              "van wie één keer meedeed; dat is zuiver als het missen van een meting alleen "
              "samenhangt met wat wel gemeten is.",
        "en": "Mixed model: per scale a linear model with a random intercept per person "
              "(REML, Satterthwaite degrees of freedom), on every answer, also of those who "
              "answered once; unbiased when missing a measurement depends only on what "
              "was measured."},
    # only with a site ([groups] site): after methods_mixed, in the same paragraph
    "factsheet.methods_mixed_sites": {
        "nl": "Per {site}: één model met de interactie meting × {site}; de p van dat verschil "
              "(de interactie) is niet gecorrigeerd voor meervoudig toetsen.",
        "en": "Per {site}: one model with the interaction measurement × {site}; the p of "
              "that difference (the interaction) is not adjusted for multiple testing."},
    "factsheet.attrition_ok": {
        "nl": "Wie bij de eerste meting meedeed maar niet elke keer, verschilde toen niet "
              "statistisch significant van wie elke keer meedeed ({which}).",
        "en": "At the first measurement, those who answered then but not every time did not "
              "differ significantly from those who answered every time ({which})."},
    "factsheet.attrition_partly": {
        "nl": "Bij de andere schalen deden te weinig mensen maar één keer mee om dat na te "
              "gaan.",
        "en": "For the other scales too few answered only once to check this."},
    "factsheet.attrition_differs": {
        "nl": "Let op: wie bij de eerste meting meedeed maar niet elke keer, verschilde toen "
              "statistisch significant van wie elke keer meedeed ({which}; per schaal "
              "getoetst, niet gecorrigeerd voor het aantal schalen); de uitval is dan "
              "mogelijk niet willekeurig.",
        "en": "Note: at the first measurement those who answered then but not every time "
              "differed significantly from those who answered every time ({which}; tested "
              "per scale, not adjusted for the number of scales); the drop-out may then not "
              "be random."},
    "factsheet.attrition_untested": {
        "nl": "Te weinig mensen deden één keer mee om hen met de anderen te vergelijken.",
        "en": "Too few answered only once to compare them with the others."},
    "factsheet.sites_caption": {
        "nl": "Verandering per {site} (één model voor alle); p: verschilt de verandering "
              "van die in {reference}",
        "en": "Change per {site} (one model for all); p: does the change differ from that "
              "in {reference}"},
    "factsheet.sites_interaction": {"nl": "p verschil", "en": "p difference"},
    "factsheet.sites_differ": {
        "nl": "De verandering verschilt statistisch significant van die in {reference} voor: "
              "{which} (ongecorrigeerd voor meervoudig toetsen). Voor de andere schalen is "
              "geen verschil in verandering per {site} aangetoond.",
        "en": "The change differs significantly from that in {reference} for: {which} "
              "(not adjusted for multiple testing). For the other scales no difference in "
              "change by {site} was shown."},
    "factsheet.sites_same": {
        "nl": "Voor geen enkele schaal verschilt de verandering statistisch significant per "
              "{site}; dat betekent niet dat ze overal gelijk is.",
        "en": "For no scale does the change differ significantly by {site}; that does not "
              "mean it is the same everywhere."},
    "factsheet.sample_paired": {
        "nl": "Hiervoor zijn dezelfde {n} professionals {g1} en {g2} ondervraagd{how}.",
        "en": "The same {n} professionals were surveyed {g1} and {g2}{how}."},
    "factsheet.how_both": {"nl": " met een vragenlijst en een vignetstudie",
                 "en": " with a questionnaire and a vignette study"},
    "factsheet.how_questionnaire": {"nl": " met een vragenlijst", "en": " with a questionnaire"},
    "factsheet.how_vignette": {"nl": " met een vignetstudie", "en": " with a vignette study"},
    "factsheet.questionnaire_heading": {"nl": "Bevindingen vragenlijst",
                              "en": "Questionnaire findings"},
    "factsheet.vignette_heading": {"nl": "Bevindingen vignetstudie", "en": "Vignette study "
                                                                           "findings"},
    "factsheet.methods_heading": {"nl": "Verantwoording", "en": "Methods"},
    # per scale: the takeaway, then the numbers (p-values and power in the methods section)
    # a group label that is a code, where a sentence says when (report/labels.py)
    "group_independent": {"nl": "in groep “{label}”", "en": "in group “{label}”"},
    "group_paired": {"nl": "bij meting “{label}”", "en": "at measurement “{label}”"},
    "factsheet.takeaway_none": {
        "nl": "Geen aantoonbaar verschil in {label} tussen {g1} en {g2}.",
        "en": "No demonstrable difference in {label} between {g1} and {g2}."},
    "factsheet.takeaway_independent": {
        "nl": "De groep {g2} scoort {direction} op {label} dan de groep {g1}.",
        "en": "The {g2} group scores {direction} on {label} than the {g1} group."},
    "factsheet.takeaway_paired": {
        "nl": "Dezelfde professionals scoren {g2} {direction} op {label} dan {g1}.",
        "en": "The same professionals score {direction} on {label} {g2} than {g1}."},
    "factsheet.scale_means": {
        "nl": "De gemiddelde score was {m1} {g1} en {m2} {g2}{mark}, een verschil van {diff} "
              "(95%-betrouwbaarheidsinterval: {ci}).",
        "en": "The mean score was {m1} {g1} and {m2} {g2}{mark}, a difference of {diff} (95% "
              "confidence interval: {ci})."},
    "factsheet.significant": {
        "nl": "Dat verschil is statistisch significant, een {size} effect ({es_name} = {es}).",
        "en": "The difference is statistically significant, a {size} effect "
              "({es_name} = {es})."},
    "factsheet.not_significant": {
        "nl": "Dat verschil is niet statistisch significant: het kan op toeval berusten.",
        "en": "The difference is not statistically significant: it may be due to chance."},
    "factsheet.undetectable": {
        "nl": "Het onderzoek was te klein om een verschil van deze omvang betrouwbaar aan te "
              "tonen.",
        "en": "The study was too small to detect a difference of this size reliably."},
    "factsheet.higher": {"nl": "hoger", "en": "higher"},
    "factsheet.lower": {"nl": "lager", "en": "lower"},
    "factsheet.size_negligible": {"nl": "verwaarloosbaar", "en": "negligible"},
    "factsheet.size_small": {"nl": "klein", "en": "small"},
    "factsheet.size_medium": {"nl": "middelgroot", "en": "medium"},
    "factsheet.size_large": {"nl": "groot", "en": "large"},
    "factsheet.top_item": {
        "nl": "Het grootste verschil zien we bij de stelling “{item}”: van {m1} naar "
              "{m2}{verdict}.",
        "en": "The largest difference is on the statement “{item}”: from {m1} to "
              "{m2}{verdict}."},
    "factsheet.next_item": {
        "nl": "Daarna volgt “{item}”: van {m1} naar {m2}{verdict}.",
        "en": "Next is “{item}”: from {m1} to {m2}{verdict}."},
    "factsheet.item_significant": {"nl": ", een statistisch significant verschil",
                                   "en": ", a statistically significant difference"},
    "factsheet.item_uncorrected": {
        "nl": ", maar dat verschil is niet statistisch significant als we rekening houden met "
              "het aantal getoetste stellingen",
        "en": ", but this difference is not statistically significant once the number of "
              "statements tested is taken into account"},
    "factsheet.item_not_significant": {
        "nl": ", maar dat verschil op zich is niet statistisch significant",
        "en": ", but this difference on its own is not statistically significant"},
    "factsheet.item_also_not_significant": {
        "nl": "; ook dat verschil is niet statistisch significant",
        "en": "; this difference is not statistically significant either"},
    "factsheet.suppressed_scale": {
        "nl": "Voor {label} zijn te weinig antwoorden (minder dan {k} per groep) om "
              "resultaten te tonen.",
        "en": "Too few answers on {label} (fewer than {k} per group) to show results."},
    "factsheet.no_test": {"nl": "Voor {label} is geen toets mogelijk.",
                "en": "No test is possible for {label}."},
    "factsheet.scale_footnote": {"nl": "¹ De scores zijn steeds gemeten op een schaal van "
                                       "{low}–{high}.",
                       "en": "¹ All scores are on a scale from {low} to {high}."},
    "factsheet.table_scale": {"nl": "Schaal", "en": "Scale"},
    "factsheet.table_caption": {"nl": "Gemiddelde scores en verschillen per schaal",
                      "en": "Mean scores and differences per scale"},
    "factsheet.table_diff": {"nl": "Verschil [95%-BI]", "en": "Difference [95% CI]"},
    "factsheet.table_p": {"nl": "p (na correctie)", "en": "p (adjusted)"},
    "factsheet.table_p_raw": {"nl": "p", "en": "p"},
    # a no-break space: the header wraps in a narrow column, but not before its letter
    "factsheet.table_es_independent": {"nl": "Hedges'\u00a0g", "en": "Hedges'\u00a0g"},
    "factsheet.table_es_paired": {"nl": "Cohen's\u00a0d", "en": "Cohen's\u00a0d"},
    # the vignette study
    "factsheet.vignette_sample": {
        "nl": "{n} professionals lazen elk {k} scenario's, in willekeurige volgorde, en gaven "
              "per scenario hun {outcome} aan op een schaal van {low} tot {high}. In de "
              "scenario's verschillen steeds de {factors} van de inwoner.",
        "en": "{n} professionals each read {k} scenarios in random order and rated each on "
              "{outcome}, on a scale from {low} to {high}. The scenarios vary the {factors} "
              "of the client."},
    "factsheet.vignette_sample_no_range": {
        "nl": "{n} professionals lazen elk {k} scenario's, in willekeurige volgorde, en gaven "
              "per scenario hun {outcome} aan. In de scenario's verschillen steeds de "
              "{factors} van de inwoner.",
        "en": "{n} professionals each read {k} scenarios in random order and rated each on "
              "{outcome}. The scenarios vary the {factors} of the client."},
    "factsheet.influence_caption": {
        "nl": "Invloed van de kenmerken op de {outcome}",
        "en": "Influence of the characteristics on {outcome}"},
    "factsheet.effects_unit": {
        "nl": "Tussen haakjes staat steeds hoeveel punt (op de schaal van {low} tot {high}) "
              "een kenmerk de {outcome} gemiddeld verhoogt (+) of verlaagt (−).",
        "en": "In brackets: how many points (on the {low}–{high} scale) a characteristic "
              "raises (+) or lowers (−) {outcome} on average."},
    "factsheet.factor_sentence": {
        "nl": "{factor} ({level} in plaats van {reference}): {cells}.",
        "en": "{factor} ({level} instead of {reference}): {cells}."},
    "factsheet.factor_cell": {"nl": "{label} {group} ({estimate})",
                              "en": "{label} {group} ({estimate})"},
    "factsheet.change_significant": {
        "nl": "De verandering ({diff}) is statistisch significant ({p}).",
        "en": "The change ({diff}) is statistically significant ({p})."},
    "factsheet.change_not_significant": {
        "nl": "De verandering ({diff}) is niet statistisch significant ({p}).",
        "en": "The change ({diff}) is not statistically significant ({p})."},
    "factsheet.vignette_takeaway_top": {
        "nl": "Vooral {factors} {verb} de {outcome}.",
        "en": "Above all, {factors} {verb} {outcome}."},
    "factsheet.vignette_takeaway_none": {
        "nl": "Geen van de kenmerken heeft aantoonbaar invloed op de {outcome}.",
        "en": "None of the characteristics demonstrably affects {outcome}."},
    "factsheet.vignette_takeaway_more": {
        "nl": "{factors} {verb} {g2} zwaarder mee dan {g1}.",
        "en": "{factors} {verb} more heavily {g2} than {g1}."},
    "factsheet.vignette_takeaway_less": {
        "nl": "{factors} {verb} {g2} minder zwaar mee dan {g1}.",
        "en": "{factors} {verb} less heavily {g2} than {g1}."},
    "factsheet.verb_one": {"nl": "beïnvloedt", "en": "affects"},
    "factsheet.verb_many": {"nl": "beïnvloeden", "en": "affect"},
    "factsheet.weigh_one": {"nl": "weegt", "en": "weighs"},
    "factsheet.weigh_many": {"nl": "wegen", "en": "weigh"},
    # the methods section ("Verantwoording")
    "factsheet.methods_scales": {
        "nl": "Vragenlijst: de score op een schaal is het gemiddelde van de beantwoorde "
              "stellingen, als genoeg stellingen zijn beantwoord (minstens {min_items})"
              "{reversed}. Betrouwbaarheid (Cronbachs alfa): {alphas}.",
        "en": "Questionnaire: a scale score is the mean of the answered statements, when "
              "enough of them were answered (at least {min_items}){reversed}. Reliability "
              "(Cronbach's alpha): {alphas}."},
    "factsheet.methods_omega_h": {
        "nl": "Omega hiërarchisch van {label}: {values}; het deel van de verschillen in de "
              "totaalscore dat op één gemeenschappelijke factor terug te voeren is, uit een "
              "bifactormodel met de {k} subschalen als groepsfactoren.",
        "en": "Omega hierarchical of {label}: {values}; the share of the variance of the total "
              "score due to one general factor, from a bifactor model with the {k} subscales "
              "as group factors."},
    "factsheet.methods_omega_h_not_identified": {
        "nl": "Voor {label} is geen omega hiërarchisch berekend: met {k} subschalen is de "
              "gemeenschappelijke factor niet te schatten (daarvoor zijn er minstens {minimum} "
              "nodig).",
        "en": "No omega hierarchical is given for {label}: with {k} subscales the general "
              "factor is not identified (that takes at least {minimum})."},
    "factsheet.methods_reversed": {
        "nl": "; negatief geformuleerde stellingen zijn daarvoor omgepoold",
        "en": "; negatively worded statements were reversed first"},
    "factsheet.methods_compare_independent": {
        "nl": "Vergelijking {g1} en {g2}: Welch-t-toets voor onafhankelijke groepen; "
              "effectgrootte Hedges' g (vanaf 0,2 klein, 0,5 middelgroot, 0,8 groot).",
        "en": "Comparison {g1} and {g2}: Welch's t-test for independent groups; effect size "
              "Hedges' g (from 0.2 small, 0.5 medium, 0.8 large)."},
    "factsheet.methods_compare_paired": {
        "nl": "Vergelijking {g1} en {g2}: gepaarde t-toets (dezelfde personen); effectgrootte "
              "Cohen's d voor gepaarde metingen (dz: het gemiddelde verschil gedeeld door de "
              "standaarddeviatie van de verschillen; vanaf 0,2 klein, 0,5 middelgroot, 0,8 "
              "groot).",
        "en": "Comparison {g1} and {g2}: paired t-test (the same people); effect size Cohen's "
              "d for paired measurements (dz: the mean difference divided by the standard "
              "deviation of the differences; from 0.2 small, 0.5 medium, 0.8 large)."},
    "factsheet.methods_correction": {
        "nl": "De p-waarden zijn gecorrigeerd voor het aantal toetsen ({method}), apart voor "
              "de schalen en voor de stellingen; statistisch significant betekent hier: "
              "p < 0,05 na die correctie.",
        "en": "p-values are adjusted for the number of tests ({method}), separately for the "
              "scales and for the statements; statistically significant means p < 0.05 after "
              "that adjustment."},
    "factsheet.methods_mde": {
        "nl": "Met {sizes} kon dit onderzoek met 80% kans alleen verschillen vanaf "
              "{es_name} = {mde} aantonen.",
        "en": "With {sizes} this study could detect (with 80% power) only differences of "
              "{es_name} = {mde} or more."},
    "factsheet.sizes_independent": {"nl": "{n1} en {n2} respondenten",
                                    "en": "{n1} and {n2} respondents"},
    "factsheet.sizes_paired": {"nl": "{n} paren", "en": "{n} pairs"},
    "factsheet.methods_independent_caveat": {
        "nl": "{G1} en {g2} zijn verschillende mensen ondervraagd; een verschil kan dus ook "
              "komen door wie er meededen.",
        "en": "Different people were surveyed {g1} and {g2}, so a difference may also "
              "come from who took part."},
    "factsheet.methods_rounding": {
        "nl": "Verschillen zijn berekend met de onafgeronde gemiddelden; daardoor kan een "
              "verschil 0,01 afwijken van het verschil tussen de afgeronde gemiddelden (zo is "
              "het verschil bij {label} {diff}, van {m1} naar {m2}).",
        "en": "Differences are computed from the unrounded means, so a difference may differ "
              "by 0.01 from the difference between the rounded means (for {label} the "
              "difference is {diff}, from {m1} to {m2})."},
    "factsheet.methods_model_mixed": {
        "nl": "Vignetstudie: lineair gemengd model (multilevelmodel) met een eigen niveau per "
              "professional (random intercept; REML, Satterthwaite-vrijheidsgraden).",
        "en": "Vignette study: linear mixed model (multilevel model) with a random intercept "
              "per professional (REML, Satterthwaite degrees of freedom)."},
    "factsheet.methods_model_ols": {
        "nl": "Vignetstudie: lineaire regressie (OLS) met standaardfouten geclusterd per "
              "professional.",
        "en": "Vignette study: linear regression (OLS) with standard errors clustered by "
              "professional."},
    "factsheet.methods_vignette_groups": {
        "nl": "Eén model voor beide metingen, met interacties tussen kenmerk en meting; de "
              "verandering per kenmerk is met die interactie getoetst.",
        "en": "One model for both measurements with characteristic × measurement "
              "interactions; the change per characteristic is tested with that interaction."},
    "factsheet.methods_influence": {"nl": "Invloed: {rules}.", "en": "Influence: {rules}."},
    "factsheet.methods_rule_first": {
        "nl": "{label} als het effect niet statistisch significant is (p ≥ {alpha}) of kleiner "
              "dan {t} punt",
        "en": "{label} if the effect is not statistically significant (p ≥ {alpha}) or "
              "smaller than {t} points"},
    "factsheet.methods_rule_between": {"nl": "{label} van {low} tot {high} punt",
                                       "en": "{label} from {low} to {high} points"},
    "factsheet.methods_rule_last": {"nl": "{label} vanaf {low} punt",
                                    "en": "{label} from {low} points"},
    "factsheet.methods_suppression": {
        "nl": "Resultaten die op minder dan {k} respondenten berusten, worden niet getoond.",
        "en": "Results based on fewer than {k} respondents are not shown."},
    "factsheet.suppressed_note": {
        "nl": "{k} resultaat/resultaten met minder dan {min_cell} respondenten zijn weggelaten.",
        "en": "{k} result(s) with fewer than {min_cell} respondents were left out."},
    "factsheet.footer": {"nl": "Gemaakt met maatwerk-stats {version}", "en": "Made with "
                                                                             "maatwerk-stats "
                                                                  "{version}"},
    "factsheet.figure_scales": {"nl": "Gemiddelde per schaal met 95%-betrouwbaarheidsinterval",
                      "en": "Mean per scale with 95% confidence interval"},
    "factsheet.figure_coefficients": {
        "nl": "Effect van de kenmerken op de {outcome}, in punten, met "
              "95%-betrouwbaarheidsinterval",
        "en": "Effect of the characteristics on {outcome}, in points, with 95% confidence "
              "interval"},
    "factsheet.alt_codes": {
        "nl": "Staafdiagram: per factor uit de interviews het aantal interviews waarin hij "
              "voorkomt, gegroepeerd per domein en gekleurd naar bevorderend of belemmerend "
              "(de getallen staan in de tabel)",
        "en": "Bar chart: per factor from the interviews the number of interviews it occurs "
              "in, grouped by domain and coloured by enabling or hindering (the numbers are "
              "in the table)"},
    "factsheet.alt_scale": {"nl": "{label} {m1} {g1} en {m2} {g2}",
                            "en": "{label} {m1} {g1} and {m2} {g2}"},
    "factsheet.colophon_heading": {"nl": "Colofon", "en": "Colophon"},
    "factsheet.colophon_institutions": {"nl": "Het onderzoek is uitgevoerd door {names}.",
                                        "en": "The study was carried out by {names}."},
    "factsheet.colophon_authors": {"nl": "Onderzoekers: {names}.", "en": "Researchers: {names}."},
    "factsheet.colophon_contact": {"nl": "Meer informatie of vragen: {contact}.",
                                   "en": "More information or questions: {contact}."},
    "factsheet.colophon_citation": {"nl": "Citeren als: {citation}", "en": "Cite as: {citation}"},
    "factsheet.colophon_license": {"nl": "Licentie: {license}", "en": "Licence: {license}"},
    "factsheet.scenario_caption": {"nl": "Het scenario", "en": "The scenario"},
    "factsheet.scenario_levels": {
        "nl": "Op de plaats van elke zin tussen haken staat per scenario één van deze "
              "varianten:",
        "en": "In place of each bracketed sentence, a scenario shows one of these variants:"},
    # the factsheet's progress lines (cli/factsheet.py)
    "step.questionnaire": {"nl": "vragenlijst: schalen en vergelijking", "en": "questionnaire: "
                      "scales and comparison"},
    "step.vignette": {"nl": "vignetstudie: modellen", "en": "vignette study: models"},
    "step.tables": {"nl": "tabellen", "en": "tables"},
    "step.figures": {"nl": "figuren", "en": "figures"},
    "step.factsheet": {"nl": "factsheet (HTML, DOCX)", "en": "factsheet (HTML, DOCX)"},
    "step.survey": {"nl": "professionals in teams: correlaties, teams, regressies",
                    "en": "professionals in teams: correlations, teams, regressions"},
    # interviews coded in a QDA program (cli/codes.py, report/*/codes.py)
    "codes.matrix_title": {"nl": "Factoren per domein en richting",
                           "en": "Factors by domain and direction"},
    "codes.top_title": {"nl": "Meest besproken factoren", "en": "Factors discussed most"},
    "codes.quotes_title": {"nl": "Citaten", "en": "Quotes"},
    "codes.domain": {"nl": "Domein", "en": "Domain"},
    "codes.direction": {"nl": "Richting", "en": "Direction"},
    "codes.factor": {"nl": "Factor", "en": "Factor"},
    "codes.n_codes": {"nl": "Factoren", "en": "Factors"},
    "codes.files": {"nl": "Interviews", "en": "Interviews"},
    "codes.references": {"nl": "Fragmenten", "en": "Fragments"},
    "codes.participant": {"nl": "Deelnemer", "en": "Participant"},
    "codes.belemmerend": {"nl": "Belemmerend", "en": "Hindering"},
    "codes.bevorderend": {"nl": "Bevorderend", "en": "Enabling"},
    "codes.tree_title": {"nl": "Codeboom: interviews per code", "en": "Code tree: interviews "
                         "per code"},
    "codes.figure_title": {"nl": "Factoren: aantal interviews waarin ze ter sprake kwamen",
                           "en": "Factors: number of interviews in which they came up"},
    "codes.figure_axis": {"nl": "Aantal interviews", "en": "Number of interviews"},
    "codes.bounds": {"nl": "Een bereik (2–4) betekent: de export geeft alleen aantallen per "
                     "code, dus dubbel gecodeerde fragmenten zijn niet te zien.",
                     "en": "A range (2–4) means: the export gives counts per code only, so "
                     "fragments coded twice cannot be seen."},
    "codes.fs_heading": {"nl": "Interviews: bevorderende en belemmerende factoren",
                         "en": "Interviews: enabling and hindering factors"},
    "codes.fs_intro": {"nl": "Uit {n} gecodeerde interviews komen {k} factoren naar voren, "
                       "ingedeeld naar domein en naar richting: bevorderend of belemmerend.",
                       "en": "{n} coded interviews bring up {k} factors, sorted by domain and "
                       "by direction: enabling or hindering."},
    "codes.fs_intro_no_n": {"nl": "De gecodeerde interviews brengen {k} factoren naar voren, "
                            "ingedeeld naar domein en naar richting: bevorderend of "
                            "belemmerend.",
                            "en": "The coded interviews bring up {k} factors, sorted by domain "
                            "and by direction: enabling or hindering."},
    "codes.fs_most": {"nl": "{domain} kwamen het vaakst ter sprake: {refs} fragmenten in "
                      "{files} interviews.",
                      "en": "{domain} were discussed most: {refs} fragments in {files} "
                      "interviews."},
    "codes.fs_top": {"nl": "Meest genoemd ({direction}): {factor} ({domain}), in {files} "
                     "interviews.",
                     "en": "Mentioned most ({direction}): {factor} ({domain}), in {files} "
                     "interviews."},
    "codes.fs_method": {"nl": "Geteld per factor: een interview of fragment telt één keer, ook "
                        "als het bij meer codes van die factor is gecodeerd. Citaten staan "
                        "onder een pseudoniem (R1, R2 …).",
                        "en": "Counted per factor: an interview or fragment counts once, also "
                        "when it was coded at several codes of that factor. Quotes are shown "
                        "under a pseudonym (R1, R2 …)."},
    "codes.fs_more": {"nl": "en {n} meer", "en": "and {n} more"},
    "codes.fs_factors_caption": {"nl": "Factoren per domein en richting (aantal interviews)",
                                 "en": "Factors by domain and direction (number of "
                                 "interviews)"},
    "codes.fs_matrix_caption": {"nl": "Aantal factoren, interviews en fragmenten per domein "
                                "en richting",
                                "en": "Number of factors, interviews and fragments by domain "
                                "and direction"},
    "codes.no_directions": {"nl": "Geen code draagt een richting (bevorderend/belemmerend); "
                            "zie [codes.directions] in de config.",
                            "en": "No code carries a direction (enabling/hindering); see "
                            "[codes.directions] in the config."},
    # design (vignette decks)
    "design.set": {"nl": "Set {set}", "en": "Set {set}"},
    "design.vignette": {"nl": "{position}. Vignet {vignette}",
                        "en": "{position}. Vignette {vignette}"},
    "design.title": {"nl": "Vignetten per set", "en": "Vignettes per set"},
    "design.summary": {"nl": "Deck: {n} van {candidates} mogelijke vignetten, {sets} set(s) "
                             "van {k} vignetten per respondent",
                       "en": "Deck: {n} of {candidates} possible vignettes, {sets} set(s) of "
                             "{k} vignettes per respondent"},
    "design.efficiency": {"nl": "D-efficiëntie {d}, grootste |correlatie| tussen factoren {r}, "
                                "efficiëntie binnen sets {s}",
                          "en": "D-efficiency {d}, largest |correlation| between factors {r}, "
                                "efficiency within sets {s}"},
    "design.aliased": {"nl": "Niet te schatten interacties (aliased): {aliased}",
                       "en": "Interactions that cannot be estimated (aliased): {aliased}"},
    "per_vignette.label": {"nl": "Vignet {vignette}: {levels}",
                           "en": "Vignette {vignette}: {levels}"},
    "per_vignette.xlabel": {"nl": "Verschil met het gemiddelde van alle vignetten ({outcome})",
                            "en": "Difference from the mean of all vignettes ({outcome})"},
    "per_vignette.title": {"nl": "Oordeel per vignet (95%-BI, gemengd model)",
                           "en": "Rating per vignette (95% CI, mixed model)"},
    "per_vignette.caption": {"nl": "Oordeel per vignet: verschil met het gemiddelde van alle "
                                   "vignetten, in punten, met 95%-betrouwbaarheidsinterval",
                             "en": "Rating per vignette: difference from the mean of all "
                                   "vignettes, in points, with 95% confidence interval"},
    "factsheet.design_sentence": {
        "nl": "Opzet: {k} kenmerken met {levels} niveaus ({combos} mogelijke combinaties); de "
              "professionals beoordeelden {n} vignetten ({distinct} verschillende "
              "combinaties{full}), {per} per persoon.",
        "en": "Design: {k} factors with {levels} levels ({combos} possible combinations); the "
              "professionals rated {n} vignettes ({distinct} different combinations{full}), "
              "{per} each."},
    "factsheet.design_no_deck": {
        "nl": "Opzet: {k} kenmerken met {levels} niveaus ({combos} mogelijke combinaties), "
              "waarvan er {distinct} voorkwamen{full}; {per} vignetten per persoon.",
        "en": "Design: {k} factors with {levels} levels ({combos} possible combinations), "
              "{distinct} of which were shown{full}; {per} vignettes each."},
    "factsheet.design_full": {"nl": ": een volledig factorieel ontwerp",
                              "en": ": a full factorial"},
    "factsheet.per_vignette_caption": {"nl": "Oordeel per vignet", "en": "Rating per vignette"},
    "power.term": {"nl": "Term", "en": "Term"},
    "power.effect": {"nl": "Effect", "en": "Effect"},
    "power.power": {"nl": "Power", "en": "Power"},
    "power.ci": {"nl": "95%-BI (Monte Carlo)", "en": "95% CI (Monte Carlo)"},
    "power.title_compare": {"nl": "Power van de t-toets (analytisch, als power.t.test)",
                            "en": "Power of the t-test (analytic, as power.t.test)"},
    "power.title_vignette": {"nl": "Power per term (simulatie, gemengd model)",
                             "en": "Power per term (simulation, mixed model)"},
    "power.respondents": {"nl": "Aantal respondenten", "en": "Number of respondents"},
    "power.respondents_group": {"nl": "Aantal respondenten per groep",
                                "en": "Number of respondents per group"},
    "power.figure_title": {"nl": "Power per term ({n} gesimuleerde studies per n)",
                           "en": "Power per term ({n} simulated studies per n)"},
    "power.solved_n": {"nl": "Nodig: n = {n}, afgerond {whole} (per groep of paren).",
                       "en": "Needed: n = {n}, rounded up {whole} (per group or pairs)."},
    "power.needed": {"nl": "Voor {target} % power op {term} (effect {effect}): werf {n} "
                           "respondenten (power {power}, 95%-BI {ci}).",
                     "en": "For {target}% power on {term} (effect {effect}): recruit {n} "
                           "respondents (power {power}, 95% CI {ci})."},
    "power.not_reached": {"nl": "{term} (effect {effect}) haalt {target} % power niet met "
                                "{largest} respondenten (power {power}): plan er meer "
                                "(een grotere --respondents).",
                          "en": "{term} (effect {effect}) does not reach {target}% power with "
                                "{largest} respondents (power {power}): plan more (a larger "
                                "--respondents)."},
    "power.needed_smallest": {"nl": "Dat is de kleinste gesimuleerde n: minder kan genoeg "
                                    "zijn.",
                              "en": "That is the smallest n simulated: fewer may do."},
    "power.needed_per_group": {"nl": "(Aantallen per groep.)", "en": "(Numbers per group.)"},
    "design.unbalanced": {"nl": "Let op: niet elke set toont de niveaus van elke factor even "
                                "vaak (verschil > 1).",
                          "en": "Note: not every set shows the levels of every factor equally "
                                "often (difference > 1)."},
    # survey of professionals in teams (correlate, teams, regress)
    "survey.variable": {"nl": "Variabele", "en": "Variable"},
    "survey.correlations_title": {"nl": "Gemiddelden, standaarddeviaties en correlaties",
                                  "en": "Means, standard deviations and correlations"},
    "survey.within_title": {"nl": "Correlaties binnen teams", "en": "Within-team correlations"},
    "survey.between_title": {"nl": "Correlaties tussen teams (teamgemiddelden)",
                             "en": "Between-team correlations (team means)"},
    "survey.stars_note": {"nl": "* p < 0,05; ** p < 0,01; *** p < 0,001 (tweezijdig, niet "
                                "gecorrigeerd; Holm-gecorrigeerde p in de CSV)",
                          "en": "* p < 0.05; ** p < 0.01; *** p < 0.001 (two-sided, "
                                "unadjusted; Holm-adjusted p in the CSV)"},
    "survey.agreement_title": {"nl": "Overeenstemming binnen teams",
                               "en": "Agreement within teams"},
    "survey.teams": {"nl": "Teams", "en": "Teams"},
    "survey.rwg_mean": {"nl": "rwg(j) gem.", "en": "rwg(j) mean"},
    "survey.rwg_median": {"nl": "rwg(j) mediaan", "en": "rwg(j) median"},
    "survey.rwg_share": {"nl": "≥ 0,70", "en": "≥ 0.70"},
    "survey.regression_title": {"nl": "Regressie: {name} (uitkomst: {outcome})",
                                "en": "Regression: {name} (outcome: {outcome})"},
    "survey.term": {"nl": "Term", "en": "Term"},
    "survey.model.ols": {"nl": "OLS", "en": "OLS"},
    "survey.model.ols_cluster": {"nl": "OLS, SE per team (CR1)", "en": "OLS, team-clustered SE"},
    "survey.model.mixed": {"nl": "Multilevel (random intercept team)",
                           "en": "Multilevel (random team intercept)"},
    "survey.fit_line": {"nl": "n = {n}, teams = {teams}, R² = {r2}, ICC (leeg model) = {icc}",
                        "en": "n = {n}, teams = {teams}, R² = {r2}, ICC (null model) = {icc}"},
    "survey.slopes_title": {"nl": "Enkelvoudige hellingen van {predictor} bij {moderator}",
                            "en": "Simple slopes of {predictor} at {moderator}"},
    "survey.at.mean - 1 sd": {"nl": "gem. − 1 sd", "en": "mean − 1 SD"},
    "survey.at.mean": {"nl": "gemiddeld", "en": "mean"},
    "survey.at.mean + 1 sd": {"nl": "gem. + 1 sd", "en": "mean + 1 SD"},
    # a group left out of a figure (publish/privacy.py, analyses/vignette_degenerate.py)
    "figure_compare.suppressed": {"nl": "weggelaten", "en": "left out"},
    # notes and warnings on the terminal (report/notes.py), by Note.kind; slots: the note's
    # subject and values. A note without an entry here is shown in English.
    "warning": {"nl": "Waarschuwing", "en": "Warning"},
    "notes.negative_item_rest": {
        "nl": "item {subject} hangt negatief samen met de rest van schaal {scale} (r = "
              "{item_rest_r}). Is het omgekeerd geformuleerd? Zet het dan in de reverse-lijst "
              "van de schaal in de config.",
        "en": "item {subject} correlates negatively with the rest of scale {scale} (r = "
              "{item_rest_r}). Is it reverse-keyed? Then add it to the scale's reverse list in "
              "the config."},
    "notes.negative_item_rest_reversed": {
        "nl": "item {subject} hangt negatief samen met de rest van schaal {scale} (r = "
              "{item_rest_r}), ook na omcoderen: het staat al in de reverse-lijst. Controleer of "
              "het echt omgekeerd geformuleerd is (zo niet: haal het uit reverse), of dat de "
              "data al omgecodeerd waren.",
        "en": "item {subject} correlates negatively with the rest of scale {scale} (r = "
              "{item_rest_r}). It is already in the scale's reverse list and still goes against "
              "the other items after reverse coding: check whether it is really reverse-keyed "
              "(if not, remove it from reverse), or whether the data were already "
              "reverse-coded."},
    "notes.omega_h_not_identified": {
        "nl": "schaal {subject}: omega hiërarchisch (omega_h) is niet berekend: met "
              "{n_subscales} subschalen is de algemene factor niet geïdentificeerd; daarvoor "
              "zijn er minstens {minimum} nodig (ook de regel van psych::omega). omega_total en "
              "alfa staan erbij.",
        "en": "scale {subject}: omega hierarchical (omega_h) is not computed: with "
              "{n_subscales} subscales the general factor is not identified; it needs at least "
              "{minimum} subscales (psych::omega's rule too). omega_total and alpha are "
              "reported."},
    "notes.omega_h_not_estimated": {
        "nl": "schaal {subject}: omega hiërarchisch (omega_h) kon niet geschat worden: de "
              "correlatiematrix van de {n} respondenten die alle items beantwoordden is "
              "singulier (er zijn meer volledige respondenten nodig dan de {n_items} items, en "
              "geen item dat een som van andere is).",
        "en": "scale {subject}: omega hierarchical (omega_h) could not be estimated: the "
              "correlation matrix of the {n} complete respondents is singular (it needs more "
              "complete respondents than the {n_items} items, and no item that is a sum of "
              "others)."},
    "notes.few_complete_respondents": {
        "nl": "schaal {subject}: alfa berust op {n} respondenten die alle items beantwoordden; "
              "het betrouwbaarheidsinterval is breed.",
        "en": "scale {subject}: alpha rests on {n} complete respondents; its confidence "
              "interval is wide."},
    "notes.rows_without_group": {
        "nl": "{n_rows} rij(en) zonder waarde in '{subject}' zijn weggelaten.",
        "en": "{n_rows} row(s) without a value in '{subject}' were left out."},
    "notes.suspicious_missing_code": {
        "nl": "schaal {subject}: {codes} ligt buiten de andere antwoorden ({low}–{high}) en "
              "lijkt een code voor geen antwoord (weet niet / n.v.t.), maar telt nu als antwoord "
              "mee. Maak er een ontbrekende waarde van: missing_codes = [{codes}] in de config "
              "(`maatwerk-stats init` schrijft dat).",
        "en": "scale {subject}: {codes} lie(s) beyond the other answers ({low}–{high}) and "
              "look(s) like a code for no answer (weet niet / n.v.t.), but count(s) as an "
              "answer now. Declare it missing: missing_codes = [{codes}] in the config "
              "(`maatwerk-stats init` writes that)."},
    "notes.group_without_rows": {
        "nl": "groep {subject!r} uit groups.order heeft geen rijen in {file} (kolom "
              "{column!r}): die groep ontbreekt in de resultaten per groep.",
        "en": "group {subject!r} of groups.order has no rows in {file} (column {column!r}): "
              "it is left out of the results per group."},
    "notes.omega_heywood": {
        "nl": "schaal {subject}: omega berust op een Heywood-geval — het één-factormodel zou "
              "een item (bijna) zonder fout meten, dus de uniciteit van dat item is vastgezet "
              "op {min_uniqueness} (de grens die psych::fa gebruikt) en omega_total is "
              "wankel; dat komt vaak voor bij weinig respondenten of bijna gelijke items. "
              "Rapporteer alfa, of controleer de items.",
        "en": "scale {subject}: omega rests on a Heywood case — the one-factor model would "
              "measure an item (almost) without error, so that item's uniqueness is held at "
              "{min_uniqueness} (the bound psych::fa uses) and omega_total is fragile; common "
              "with few respondents or near-duplicate items. Report alpha, or check the "
              "items."},
    "notes.omega_heywood_group": {
        "nl": "schaal {subject} (groep {group_label}): omega berust op een Heywood-geval — het "
              "één-factormodel zou een item (bijna) zonder fout meten, dus de uniciteit van "
              "dat item is vastgezet op {min_uniqueness} (de grens die psych::fa gebruikt) en "
              "omega_total is wankel; dat komt vaak voor bij weinig respondenten of bijna "
              "gelijke items. Rapporteer alfa, of controleer de items.",
        "en": "scale {subject} (group {group_label}): omega rests on a Heywood case — the "
              "one-factor model would measure an item (almost) without error, so that item's "
              "uniqueness is held at {min_uniqueness} (the bound psych::fa uses) and "
              "omega_total is fragile; common with few respondents or near-duplicate items. "
              "Report alpha, or check the items."},
    "notes.omega_h_heywood": {
        "nl": "schaal {subject}: omega hiërarchisch berust op een Heywood-geval — in het "
              "bifactormodel is de unieke variantie van een item vastgezet op {min_uniqueness} "
              "(lavaan zou die onder nul laten gaan), dus omega_h is wankel. Controleer de "
              "items en de subschalen.",
        "en": "scale {subject}: omega hierarchical rests on a Heywood case — in the bifactor "
              "model an item's unique variance is held at {min_uniqueness} (lavaan would let "
              "it go below zero), so omega_h is fragile. Check the items and the subscales."},
    "notes.omega_h_heywood_group": {
        "nl": "schaal {subject} (groep {group_label}): omega hiërarchisch berust op een "
              "Heywood-geval — in het bifactormodel is de unieke variantie van een item "
              "vastgezet op {min_uniqueness} (lavaan zou die onder nul laten gaan), dus "
              "omega_h is wankel. Controleer de items en de subschalen.",
        "en": "scale {subject} (group {group_label}): omega hierarchical rests on a Heywood case — "
              "in the bifactor model an item's unique variance is held at {min_uniqueness} "
              "(lavaan would let it go below zero), so omega_h is fragile. Check the items and "
              "the subscales."},
    "notes.out_of_range_missing": {
        "nl": "{n_values} waarde(n) buiten het opgegeven bereik zijn als ontbrekend behandeld "
              "(⟨out_of_range=missing⟩).",
        "en": "{n_values} value(s) outside the declared range were treated as missing "
              "(⟨out_of_range=missing⟩)."},
    "notes.rows_without_site": {
        "nl": "{n_rows} rij(en) zonder waarde in '{subject}' zijn weggelaten.",
        "en": "{n_rows} row(s) without a value in '{subject}' were left out."},
    "notes.rows_without_id": {
        "nl": "{n_rows} rij(en) van '{group}' hebben geen '{subject}' en zijn niet te koppelen; "
              "ze zijn weggelaten.",
        "en": "{n_rows} row(s) of '{group}' have no '{subject}' and cannot be matched; they "
              "were left out."},
    "notes.site_mixed": {
        "nl": "⟨site⟩: bij gepaarde data komt de verandering per locatie uit het gemengde model "
              "met alle respondenten (compare_mixed.csv, als met ⟨model=mixed⟩).",
        "en": "⟨site⟩: with paired data the change per site comes from the mixed model on "
              "every respondent (compare_mixed.csv, as with ⟨model=mixed⟩)."},
    # more notes of compare (measured_once: one sentence per outcome of the attrition test)
    "notes.measured_once_differ": {
        "nl": "{subject}: het gemengde model gebruikt alle {n_respondents} respondenten met een "
              "score, van wie {n_measured_once} één keer gemeten; bij '{first_label}' "
              "verschillen de "
              "{n_incomplete} die niet elke keer gemeten zijn significant van de {n_complete} "
              "die elke keer gemeten zijn (verschil {mean_diff}, Welch {p_value}): wie afhaakte "
              "lijkt niet op wie bleef, lees de verandering dus voorzichtig.",
        "en": "{subject}: the mixed model uses all {n_respondents} respondents with a score, "
              "{n_measured_once} of them measured once; at '{first_label}' the {n_incomplete} not "
              "measured every time differ significantly from the {n_complete} measured every "
              "time (difference {mean_diff}, Welch {p_value}): those who dropped out are not "
              "like those who stayed, so read the change with care."},
    "notes.measured_once_similar": {
        "nl": "{subject}: het gemengde model gebruikt alle {n_respondents} respondenten met een "
              "score, van wie {n_measured_once} één keer gemeten; bij '{first_label}' "
              "verschillen de "
              "{n_incomplete} die niet elke keer gemeten zijn niet significant van de "
              "{n_complete} die elke keer gemeten zijn (verschil {mean_diff}, Welch {p_value}).",
        "en": "{subject}: the mixed model uses all {n_respondents} respondents with a score, "
              "{n_measured_once} of them measured once; at '{first_label}' the {n_incomplete} not "
              "measured every time do not differ significantly from the {n_complete} measured "
              "every time (difference {mean_diff}, Welch {p_value})."},
    "notes.measured_once_few_incomplete": {
        "nl": "{subject}: het gemengde model gebruikt alle {n_respondents} respondenten met een "
              "score, van wie {n_measured_once} één keer gemeten (minder dan 2 respondenten "
              "zijn bij de eerste meting maar niet elke keer gemeten: geen uitvaltoets).",
        "en": "{subject}: the mixed model uses all {n_respondents} respondents with a score, "
              "{n_measured_once} of them measured once (fewer than 2 respondents measured at "
              "baseline but not every time: no attrition test)."},
    "notes.measured_once_few_complete": {
        "nl": "{subject}: het gemengde model gebruikt alle {n_respondents} respondenten met een "
              "score, van wie {n_measured_once} één keer gemeten (minder dan 2 respondenten "
              "zijn elke keer gemeten: geen uitvaltoets).",
        "en": "{subject}: the mixed model uses all {n_respondents} respondents with a score, "
              "{n_measured_once} of them measured once (fewer than 2 respondents measured "
              "every time: no attrition test)."},
    "notes.measured_once_untested": {
        "nl": "{subject}: het gemengde model gebruikt alle {n_respondents} respondenten met een "
              "score, van wie {n_measured_once} één keer gemeten.",
        "en": "{subject}: the mixed model uses all {n_respondents} respondents with a score, "
              "{n_measured_once} of them measured once."},
    "notes.rows_in_other_groups": {
        "nl": "{n_rows} rij(en) met een andere waarde in '{subject}' zijn weggelaten "
              "(vergeleken: {compared}).",
        "en": "{n_rows} row(s) with another value in '{subject}' were left out (compared: "
              "{compared})."},
    "notes.three_waves": {
        "nl": "{n_waves} metingen: alle paarsgewijze veranderingen komen uit het gemengde model "
              "(compare_mixed.csv, als met ⟨model=mixed⟩); de t-toetstabellen vergelijken de "
              "eerste twee ('{first}', '{second}').",
        "en": "{n_waves} measurements: all pairwise changes come from the mixed model "
              "(compare_mixed.csv, as with ⟨model=mixed⟩); the t-test tables compare the first "
              "two ('{first}', '{second}')."},
    "notes.covariate_used_as_number": {
        "nl": "covariaat '{subject}' bevat {n_values} gehele getallen en geen waardelabels, dus "
              "telt als getal; zijn het categorieën, voeg dan ⟨categorical={subject}⟩ toe.",
        "en": "covariate '{subject}' holds {n_values} whole numbers and no value labels, so it "
              "is used as a number; if its codes are categories, add "
              "⟨categorical={subject}⟩."},
    "notes.duplicate_ids": {
        "nl": "id-kolom '{subject}' van {file}: {n_ids} id('s) komen meer dan eens voor "
              "({n_rows} rijen: datarijen {rows}). Elke persoon hoort één keer voor te komen: "
              "haal de dubbele rijen weg, of controleer of study.id het respondentnummer "
              "noemt.",
        "en": "id column '{subject}' of {file}: {n_ids} id(s) occur more than once ({n_rows} "
              "rows: data rows {rows}). Each person should appear once: remove the duplicate "
              "rows, or check that study.id names the respondent number."},
    "notes.duplicate_ids_within": {
        "nl": "id-kolom '{subject}' van {file}: {n_ids} id('s) komen meer dan eens voor "
              "binnen één groep van '{within}' ({n_rows} rijen: datarijen {rows}). Elke "
              "persoon hoort één keer per groep voor te komen: haal de dubbele rijen weg, of "
              "controleer of study.id het respondentnummer noemt.",
        "en": "id column '{subject}' of {file}: {n_ids} id(s) occur more than once within one "
              "group of '{within}' ({n_rows} rows: data rows {rows}). Each person should "
              "appear once per group: remove the duplicate rows, or check that study.id names "
              "the respondent number."},
    "notes.unmatched_ids": {
        "nl": "gepaarde data: {n_unmatched} id('s) staan in maar één meting; geanalyseerd: "
              "{n_pairs} gekoppelde paren (de ids staan in compare_unmatched.csv).",
        "en": "paired data: {n_unmatched} id(s) are in only one measurement; analysed: "
              "{n_pairs} matched pairs (the ids are listed in compare_unmatched.csv)."},
    # the factsheet's wording of the notes that point to their ids (privacy.ids_not_published)
    "notes.unmatched_ids_unpublished": {
        "nl": "gepaarde data: {n_unmatched} id('s) staan in maar één meting; geanalyseerd: "
              "{n_pairs} gekoppelde paren (de ids worden niet gepubliceerd; `maatwerk-stats "
              "compare` op dezelfde data zet ze in compare_unmatched.csv).",
        "en": "paired data: {n_unmatched} id(s) are in only one measurement; analysed: "
              "{n_pairs} matched pairs (the ids are not published; `maatwerk-stats compare` "
              "on the same data lists them in compare_unmatched.csv)."},
    "notes.qda_sources_without_text": {
        "nl": "{n_sources} tekstbron(nen) hebben geen tekst in het archief (een extern pad "
              "wordt nooit geopend): hun fragmenten hebben geen citaten.",
        "en": "{n_sources} text source(s) have no text inside the archive (an external path "
              "is never opened): their fragments have no quotes."},
    # the reasons in the note column of compare_scales/compare_items (row_note: the English
    # text is matched fragment by fragment, "; " between fragments)
    "row_notes.few_answers": {"nl": "groep {code} heeft minder dan 2 antwoorden",
                              "en": "group {code} has fewer than 2 answers"},
    "row_notes.no_variance_groups": {
        "nl": "geen variantie binnen de groepen: t en Hedges' g niet gedefinieerd",
        "en": "no variance within the groups: t and Hedges' g undefined"},
    "row_notes.no_variance_g": {"nl": "geen variantie: Hedges' g niet gedefinieerd",
                                "en": "no variance: Hedges' g undefined"},
    "row_notes.answers_equal": {"nl": "alle antwoorden gelijk: rangtoets niet gedefinieerd",
                                "en": "all answers equal: rank test undefined"},
    "row_notes.few_pairs": {"nl": "minder dan 2 volledige paren",
                            "en": "fewer than 2 complete pairs"},
    "row_notes.differences_constant": {
        "nl": "de verschillen hebben geen variantie: t en d_z niet gedefinieerd",
        "en": "the differences have no variance: t and d_z undefined"},
    "row_notes.no_variance_either": {
        "nl": "geen variantie in beide metingen: t, d_z en d_av niet gedefinieerd",
        "en": "no variance in either measurement: t, d_z and d_av undefined"},
    "row_notes.no_variance_dav": {"nl": "geen variantie: d_av niet gedefinieerd",
                                  "en": "no variance: d_av undefined"},
    "row_notes.differences_zero": {
        "nl": "alle verschillen zijn nul: rangtekentoets niet gedefinieerd",
        "en": "all differences are zero: signed-rank test undefined"},
    "row_notes.suppressed": {"nl": "weggelaten: minder dan {min_cell} respondenten",
                             "en": "suppressed: fewer than {min_cell} respondents"},
    # notes of vignette, teams, correlate, regress and codes (same slots as above; a
    # parameter as ⟨name⟩ or ⟨name=value⟩ is written as the command line's flag)
    "notes.straightliners_excluded": {
        "nl": "{n_respondents} respondent(en) die elk vignet hetzelfde oordeel gaven "
              "(straight-lining) zijn weggelaten (⟨exclude_straightliners⟩; ids in "
              "vignette_design.csv, controle respondents_excluded).",
        "en": "{n_respondents} straight-lining respondent(s) left out "
              "(⟨exclude_straightliners⟩; ids in vignette_design.csv, check "
              "respondents_excluded)."},
    "notes.straightliners": {
        "nl": "{n_respondents} respondent(en) gaven elk vignet hetzelfde oordeel "
              "(straight-lining; ids in vignette_design.csv, controle straightliners). Draai "
              "opnieuw met ⟨exclude_straightliners⟩ (en een andere ⟨out⟩) om te zien of de "
              "resultaten van hen afhangen.",
        "en": "{n_respondents} respondent(s) gave every vignette the same rating "
              "(straight-lining; ids in vignette_design.csv, check straightliners). Rerun with "
              "⟨exclude_straightliners⟩ (and another ⟨out⟩) to see whether the results depend "
              "on them."},
    "notes.respondents_without_ratings": {
        "nl": "{n_respondents} respondent(en) zonder enig oordeel weggelaten (ids in "
              "vignette_design.csv, controle respondents_dropped).",
        "en": "{n_respondents} respondent(s) without any rating left out (ids in "
              "vignette_design.csv, check respondents_dropped)."},
    # the factsheet's wording of the three above (privacy.ids_not_published)
    "notes.straightliners_excluded_unpublished": {
        "nl": "{n_respondents} respondent(en) die elk vignet hetzelfde oordeel gaven "
              "(straight-lining) zijn weggelaten (⟨exclude_straightliners⟩; ids niet "
              "gepubliceerd; `maatwerk-stats vignette` op dezelfde data zet ze in "
              "vignette_design.csv, controle respondents_excluded).",
        "en": "{n_respondents} straight-lining respondent(s) left out "
              "(⟨exclude_straightliners⟩; ids not published; `maatwerk-stats vignette` on "
              "the same data lists them in vignette_design.csv, check respondents_excluded)."},
    "notes.straightliners_unpublished": {
        "nl": "{n_respondents} respondent(en) gaven elk vignet hetzelfde oordeel "
              "(straight-lining; ids niet gepubliceerd; `maatwerk-stats vignette` op dezelfde "
              "data zet ze in vignette_design.csv, controle straightliners). Draai opnieuw "
              "met ⟨exclude_straightliners⟩ (en een andere ⟨out⟩) om te zien of de "
              "resultaten van hen afhangen.",
        "en": "{n_respondents} respondent(s) gave every vignette the same rating "
              "(straight-lining; ids not published; `maatwerk-stats vignette` on the same data "
              "lists them in vignette_design.csv, check straightliners). Rerun with "
              "⟨exclude_straightliners⟩ (and another ⟨out⟩) to see whether the results depend "
              "on them."},
    "notes.respondents_without_ratings_unpublished": {
        "nl": "{n_respondents} respondent(en) zonder enig oordeel weggelaten (ids niet "
              "gepubliceerd; `maatwerk-stats vignette` op dezelfde data zet ze in "
              "vignette_design.csv, controle respondents_dropped).",
        "en": "{n_respondents} respondent(s) without any rating left out (ids not published; "
              "`maatwerk-stats vignette` on the same data lists them in vignette_design.csv, "
              "check respondents_dropped)."},
    "notes.vignette_groups_left_out": {
        "nl": "groep(en) {groups} met minder dan {min_cell} respondenten: hun oordelen zijn "
              "buiten de vignetmodellen gelaten (hun aantallen blijven staan), dus de effecten "
              "van de andere groepen zijn die van een analyse zonder hen; interacties met hen "
              "worden niet gepubliceerd.",
        "en": "group(s) {groups} with fewer than {min_cell} respondents: their ratings are "
              "left out of the vignette models (their counts stay), so the effects of the "
              "other groups are those of an analysis without them; interactions with them are "
              "not published."},
    "notes.group_order_assumed": {
        "nl": "geen groepsvolgorde gegeven en de groepen van {subject!r} zijn geen bekend paar "
              "(voor/na, pre/post, t0/t1, …): ze staan in gesorteerde volgorde ({groups}), dus "
              "{first!r} is de eerste groep (de referentie) en de interacties zijn elke andere "
              "groep min {first!r}. Geef om dat te veranderen ⟨group_order={order}⟩ (de "
              "referentiegroep eerst) of vignette.group_order in de config.",
        "en": "no group order given and the groups of {subject!r} are not a known pair "
              "(voor/na, pre/post, t0/t1, …): they are taken in sorted order ({groups}), so "
              "{first!r} is the first (reference) group and the interactions are each other "
              "group minus {first!r}. To change it, give ⟨group_order={order}⟩ (the "
              "reference group first) or vignette.group_order in the config."},
    "notes.mixed_model_failed": {
        "nl": "het gemengde model kon niet worden geschat ({message}). De ols_cluster-"
              "resultaten zijn volledig.",
        "en": "the mixed model could not be fitted: {message}. The ols_cluster results are "
              "complete."},
    "notes.mixed_model_failed_pooled": {
        "nl": "het gemengde model met groepen kon niet worden geschat ({message}). De "
              "ols_cluster-resultaten zijn volledig.",
        "en": "the mixed model with groups could not be fitted: {message}. The ols_cluster "
              "results are complete."},
    "notes.mixed_model_not_converged": {
        "nl": "het gemengde model convergeerde niet ({message}). Zijn rijen hebben converged "
              "= false; de ols_cluster-resultaten zijn volledig.",
        "en": "the mixed model did not converge: {message}. Its rows are marked converged = "
              "false; the ols_cluster results are complete."},
    "notes.mixed_model_not_converged_pooled": {
        "nl": "het gemengde model met groepen convergeerde niet ({message}). Zijn rijen "
              "hebben converged = false; de ols_cluster-resultaten zijn volledig.",
        "en": "the mixed model with groups did not converge: {message}. Its rows are marked "
              "converged = false; the ols_cluster results are complete."},
    "notes.mixed_model_boundary": {
        "nl": "het gemengde model ligt op de rand (singulier): de variantie tussen "
              "respondenten is geschat als 0, dus het is gelijk aan OLS met modelgebaseerde "
              "standaardfouten; de ols_cluster-resultaten hangen daar niet van af.",
        "en": "the mixed model is a boundary (singular) fit: the respondent variance is "
              "estimated as 0, so it equals OLS with model-based standard errors; the "
              "ols_cluster results do not depend on it."},
    "notes.mixed_model_boundary_pooled": {
        "nl": "het gemengde model met groepen ligt op de rand (singulier): de variantie "
              "tussen respondenten is geschat als 0, dus het is gelijk aan OLS met "
              "modelgebaseerde standaardfouten; de ols_cluster-resultaten hangen daar niet "
              "van af.",
        "en": "the mixed model with groups is a boundary (singular) fit: the respondent "
              "variance is estimated as 0, so it equals OLS with model-based standard errors; "
              "the ols_cluster results do not depend on it."},
    "notes.primary_model_ols": {
        "nl": "de invloedstabel, de figuren en de terminal gebruiken ols_cluster, omdat het "
              "gemengde model mislukte.",
        "en": "the influence table, the figures and the terminal use ols_cluster because the "
              "mixed model failed."},
    "notes.position_effect": {
        "nl": "de positie waarop een vignet werd getoond beïnvloedt de oordelen (helling "
              "{estimate} per positie, {p_value}): controleer of de volgorde willekeurig was.",
        "en": "the position at which a vignette was shown affects the ratings (slope "
              "{estimate} per position, {p_value}): check that the order was randomised."},
    "notes.few_respondents_cr1": {
        "nl": "maar {n_respondents} respondenten: clustergecorrigeerde CR1-standaardfouten "
              "kunnen bij weinig respondenten te klein zijn; overweeg ⟨cluster_se=cr2⟩.",
        "en": "only {n_respondents} respondents: cluster-robust CR1 standard errors can be too "
              "small with few respondents; consider ⟨cluster_se=cr2⟩."},
    "notes.position_constant": {
        "nl": "positiekolom '{subject}' varieert niet: geen controle op volgorde-effecten.",
        "en": "position column '{subject}' does not vary: no order-effect check."},
    "notes.position_confounded": {
        "nl": "positiekolom '{subject}' ligt vast door de niveaus van de kenmerken (was de "
              "volgorde van de vignetten willekeurig?): geen controle op volgorde-effecten.",
        "en": "position column '{subject}' is determined by the factor levels (was the order "
              "of the vignettes randomised?): no order-effect check."},
    "notes.degenerate_group_one": {
        "nl": "groep '{subject}' heeft maar één respondent: de effecten zouden de eigen "
              "oordelen van die persoon zijn, met een standaardfout van (bijna) nul. Ze blijven "
              "daarom leeg (ook de invloedslabels en interacties van de groep). Een groep "
              "heeft minstens twee respondenten met wisselende oordelen nodig, liefst veel "
              "meer.",
        "en": "group '{subject}' has only one respondent: its effects would be that person's "
              "own ratings, with a standard error of (almost) zero, so they are left empty "
              "(also its influence labels and its interactions). Groups need at least two "
              "respondents whose ratings vary, preferably many more."},
    "notes.degenerate_group_constant": {
        "nl": "groep '{subject}' heeft oordelen die nooit variëren (steeds hetzelfde "
              "oordeel): de effecten zijn 0 met een standaardfout van (bijna) nul. Ze blijven "
              "daarom leeg (ook de invloedslabels en interacties van de groep). Een groep "
              "heeft minstens twee respondenten met wisselende oordelen nodig, liefst veel "
              "meer.",
        "en": "group '{subject}' has ratings that never vary (every rating the same): its "
              "effects are 0 with a standard error of (almost) zero, so they are left empty "
              "(also its influence labels and its interactions). Groups need at least two "
              "respondents whose ratings vary, preferably many more."},
    "notes.covariates_missing": {
        "nl": "{n_respondents} respondent(en) zonder waarde op elke covariaat weggelaten uit "
              "het uitgebreide model.",
        "en": "{n_respondents} respondent(s) without a value of every covariate left out of "
              "the extended model."},
    "notes.extended_model_convergence": {
        "nl": "het uitgebreide model: {message}.",
        "en": "the extended model: {message}."},
    "notes.crossed_model_convergence": {
        "nl": "het gekruiste model convergeerde niet.",
        "en": "the crossed model did not converge."},
    "notes.no_position_in_wide_data": {
        "nl": "brede data ({source}) hebben geen positie per oordeel: geen controle op "
              "volgorde-effecten.",
        "en": "wide data ({source}) hold no position per rating: no order-effect check."},
    "notes.no_vignette_column": {
        "nl": "vignetkolom '{subject}' staat niet in {source}: vignetten worden alleen aan "
              "hun niveaus herkend.",
        "en": "vignette id column '{subject}' is not in {source}: vignettes are identified by "
              "their factor levels only."},
    "notes.no_position_column": {
        "nl": "positiekolom '{subject}' staat niet in {source}: geen controle op "
              "volgorde-effecten.",
        "en": "position column '{subject}' is not in {source}: no order-effect check."},
    "notes.single_member_teams": {
        "nl": "{n_teams} team(s) hebben maar één lid: voor hen geen rwg(j) (eensgezindheid "
              "vraagt twee leden).",
        "en": "{n_teams} team(s) have only one member: no rwg(j) for them (agreement needs two "
              "members)."},
    "notes.small_teams_suppressed": {
        "nl": "{n_teams} team(s) hebben minder dan {min_cell} leden: hun gemiddelden, sd's en "
              "rwg(j) worden niet gepubliceerd, en de rwg(j)-samenvattingen en ICC(1)/ICC(2) "
              "laten ze weg.",
        "en": "{n_teams} team(s) have fewer than {min_cell} members: their means, SDs and "
              "rwg(j) are not published, and the rwg(j) summaries and ICC(1)/ICC(2) leave "
              "them out."},
    "notes.between_teams_published": {
        "nl": "correlaties tussen teams over de {n_teams} teams waarvan de gemiddelden "
              "gepubliceerd worden (minstens {min_cell} leden); {left_out} team(s) weggelaten.",
        "en": "between-team correlations over the {n_teams} teams whose means are published "
              "(at least {min_cell} members); {left_out} team(s) left out."},
    "notes.small_category_suppressed": {
        "nl": "regressie {subject}: {predictors} heeft een categorie met minder dan {min_cell} "
              "respondenten; de coëfficiënten ervan (en het intercept, als het de "
              "referentiecategorie is) worden niet gepubliceerd.",
        "en": "regression {subject}: {predictors} has a category of fewer than {min_cell} "
              "respondents; its coefficients (and the intercept, when it is the reference "
              "category) are not published."},
    "notes.workbook_sheet_read": {
        "nl": "{subject} heeft {n_sheets} tabbladen ({sheets}); gelezen: {sheet} (nummer "
              "{number}).",
        "en": "{subject} has {n_sheets} sheets ({sheets}); read {sheet} (number {number})."},
    "notes.team_means_complementary": {
        "nl": "{subject}: minder dan {min_cell} respondenten zitten in kleine teams of in geen "
              "team; het totale gemiddelde naast de teamgemiddelden zou hun gemiddelde "
              "teruggeven, dus ook het kleinste gepubliceerde team wordt niet gepubliceerd.",
        "en": "{subject}: fewer than {min_cell} respondents are in small teams or without a "
              "team; the overall mean beside the team means would give their mean back, so "
              "the smallest published team is not published either."},
    "notes.no_rwg": {
        "nl": "{subject}: geen rwg(j); dat vraagt de items van een schaal met een opgegeven "
              "antwoordbereik (range = [1, 5]).",
        "en": "{subject}: no rwg(j), which needs the items of a scale with a declared answer "
              "range (range = [1, 5])."},
    "notes.team_level_variable": {
        "nl": "{subject} is gelijk voor elk lid van een team (een teamvariabele, bijvoorbeeld "
              "gescoord door de teamleider): eensgezindheid (rwg(j)) is niet van toepassing en "
              "ICC(1) = 1 zegt niets over eensgezindheid; rwg(j) blijft leeg.",
        "en": "{subject} is the same for every member of a team (a team-level variable, e.g. "
              "rated by the team leader): agreement (rwg(j)) does not apply and ICC(1) = 1 "
              "says nothing about agreement; rwg(j) left empty."},
    "notes.negative_icc1": {
        "nl": "{subject}: ICC(1) = {icc1} < 0: teams verschillen minder dan toeval zou geven; "
              "een teamgemiddelde zegt weinig over het team.",
        "en": "{subject}: ICC(1) = {icc1} < 0: teams differ less than chance would make them; "
              "a team mean says little about the team."},
    "notes.rows_without_team": {
        "nl": "{n} respondent(en) hebben geen team-id in kolom {subject}; ze blijven buiten de "
              "analyses binnen en tussen teams en buiten de teammodellen.",
        "en": "{n} respondent(s) have no team id in column {subject}; they are left out of the "
              "within- and between-team analyses and the team models."},
    "notes.leaders_merged": {
        "nl": "teamleidersbestand: {n_teams} team(s), {n_columns} kolom(men) toegevoegd; "
              "{teams_without_leader} team(s) in de data hebben geen teamleidersrij.",
        "en": "team-leader file: {n_teams} team(s), {n_columns} column(s) added; "
              "{teams_without_leader} team(s) of the data have no leader row."},
    "notes.constant_variable": {
        "nl": "variabele {subject} heeft voor iedereen dezelfde waarde; de correlaties ervan "
              "zijn niet gedefinieerd (leeg gelaten).",
        "en": "variable {subject} has the same value for everyone; its correlations are "
              "undefined (left empty)."},
    "notes.single_member_teams_correlations": {
        "nl": "{n_teams} team(s) hebben maar één lid: ze dragen niets bij binnen teams en tellen "
              "volledig mee tussen teams.",
        "en": "{n_teams} team(s) have only one member: they add nothing within teams and count "
              "fully between teams."},
    "notes.few_teams": {
        "nl": "maar {n_teams} teams: correlaties tussen teams berusten op {n_teams} "
              "teamgemiddelden en zijn niet te interpreteren.",
        "en": "only {n_teams} teams: between-team correlations rest on {n_teams} team means "
              "and are not interpretable."},
    "notes.rows_dropped_missing": {
        "nl": "regressie {regression}: {n} respondent(en) zonder {subject} weggelaten.",
        "en": "regression {regression}: {n} respondent(s) without {subject} left out."},
    "notes.rows_dropped_team": {
        "nl": "regressie {regression}: {n} respondent(en) zonder team-id weggelaten.",
        "en": "regression {regression}: {n} respondent(s) without a team id left out."},
    "notes.high_vif": {
        "nl": "regressie {subject}: VIF boven 10 voor {terms} (sterke multicollineariteit): "
              "hun coëfficiënten zijn instabiel.",
        "en": "regression {subject}: VIF above 10 for {terms} (strong multicollinearity): "
              "their coefficients are unstable."},
    "notes.single_member_teams_regression": {
        "nl": "regressie {subject}: {n_teams} team(s) hebben één respondent in het model; ze "
              "zeggen maar weinig over de variantie tussen teams.",
        "en": "regression {subject}: {n_teams} team(s) have one respondent in the model; they "
              "inform the team variance only weakly."},
    "notes.mixed_not_converged": {
        "nl": "regressie {subject}: het random-interceptmodel convergeerde niet ({message}); "
              "rapporteer de schattingen ervan niet.",
        "en": "regression {subject}: the random-intercept model did not converge ({message}); "
              "do not report its estimates."},
    "notes.mixed_boundary": {
        "nl": "regressie {subject}: de variantie tussen teams is geschat als 0 (randoplossing, "
              "in lme4 \"singular\"): het gemengde model is gelijk aan OLS.",
        "en": "regression {subject}: the team variance is estimated as 0 (boundary fit, as "
              "lme4's \"singular\"): the mixed model equals OLS."},
    "notes.codes_without_counts": {
        "nl": "{source} is een codeboek zonder gecodeerde fragmenten: de codeboom staat er "
              "zonder aantallen. Exporteer het project (.qdpx) of de gecodeerde fragmenten "
              "voor aantallen.",
        "en": "{source} is a codebook without coded segments: the tree is listed without "
              "counts. Export the project (.qdpx) or its coded segments for counts."},
    "notes.totals_are_bounds": {
        "nl": "{source} geeft alleen aantallen per code: een fragment dat bij twee codes van "
              "een tak is gecodeerd is niet te zien, dus files_total en references_total staan "
              "er waar ze zeker zijn (totals_exact) en elders als grenzen "
              "(files_total_min … _max). Exporteer het project (.qdpx) of de gecodeerde "
              "fragmenten voor exacte totalen.",
        "en": "{source} states counts per code only: a fragment coded at two codes of a branch "
              "cannot be seen, so files_total and references_total are given where they are "
              "certain (totals_exact) and as bounds (files_total_min … _max) elsewhere. Export "
              "the project (.qdpx) or its coded segments for exact totals."},
    "notes.no_quotes": {
        "nl": "{source} bevat geen gecodeerde fragmenten, dus er zijn geen citaten om te "
              "kiezen; exporteer het project (.qdpx) of de gecodeerde fragmenten.",
        "en": "{source} holds no coded segments, so there are no quotes to pick; export the "
              "project (.qdpx) or its coded segments."},
    "notes.sources_without_participant": {
        "nl": "{sources} bron(nen) horen bij geen enkele deelnemer; ze tellen niet mee in de "
              "aantallen per deelnemer.",
        "en": "{sources} source(s) belong to no participant; they are left out of the "
              "participant counts."},
    "notes.codes_attribute_suppressed": {
        "nl": "aantallen deelnemers naar {subject} worden niet gepubliceerd: een van de "
              "groepen (ook die zonder waarde) heeft minder dan {min_cell} deelnemers.",
        "en": "participant counts by {subject} are not published: one of its groups (those "
              "without a value included) has fewer than {min_cell} participants."},
    # the terminal codebook (report/console/codebook.py)
    "codebook.variable": {"nl": "variabele", "en": "variable"},
    "codebook.label": {"nl": "label", "en": "label"},
    "codebook.type": {"nl": "type", "en": "type"},
    "codebook.values": {"nl": "antwoorden: aantal", "en": "answers: count"},
    "codebook.missing_codes": {"nl": "ontbrekend-codes", "en": "missing codes"},
    "codebook.valid": {"nl": "geldig", "en": "valid"},
    "codebook.missing": {"nl": "ontbrekend", "en": "missing"},
    "codebook.user_missing": {"nl": "waarvan codes", "en": "user-missing"},
    "codebook.min": {"nl": "min", "en": "min"},
    "codebook.max": {"nl": "max", "en": "max"},
    "codebook.numeric": {"nl": "getal", "en": "numeric"},
    "codebook.text": {"nl": "tekst", "en": "text"},
    "codebook.date": {"nl": "datum", "en": "date"},
    "codebook.distinct": {"nl": "{n} verschillende", "en": "{n} distinct"},
    "codebook.other": {"nl": "+{k} andere (elk < 5×, niet getoond)",
                       "en": "+{k} other (each < 5×, not shown)"},
    "codebook.summary": {"nl": "{file}: {rows} rijen, {variables} variabelen",
                         "en": "{file}: {rows} rows, {variables} variables"},
    # the factsheet's survey section (report/factsheet/survey.py)
    "survey.fs_heading": {"nl": "Professionals in teams", "en": "Professionals in teams"},
    "survey.fs_correlations_heading": {"nl": "Samenhang", "en": "How the measures relate"},
    "survey.fs_in_teams": {"nl": "in {teams} teams", "en": "in {teams} teams"},
    "survey.fs_correlations_intro": {
        "nl": "De tabel geeft per kenmerk het gemiddelde en de spreiding, en hoe sterk de "
              "kenmerken samenhangen (correlaties, van −1 tot 1), voor {n} professionals{teams}.",
        "en": "The table gives each measure's mean and spread, and how strongly the measures "
              "go together (correlations, from −1 to 1), for {n} professionals{teams}."},
    "survey.fs_agreement_heading": {"nl": "Kenmerken van teams", "en": "Team characteristics"},
    "survey.fs_agreement_withdrawn": {
        "nl": "Ook het kleinste andere team is niet getoond: anders gaf het totale gemiddelde "
              "de kleine teams samen terug.",
        "en": "The smallest other team is not shown either: otherwise the overall mean would "
              "give the small teams back together."},
    "survey.fs_agreement_intro": {
        "nl": "Mogen we van een teamkenmerk spreken? ICC(1) is het deel van de verschillen "
              "tussen professionals dat tussen teams ligt, ICC(2) hoe betrouwbaar een "
              "teamgemiddelde is, en rwg(j) hoe eensgezind teamleden antwoorden (vanaf 0,70 "
              "voldoende). Teams met minder dan {min_cell} leden zijn niet getoond.",
        "en": "Can we speak of a team characteristic? ICC(1) is the share of the differences "
              "between professionals that lies between teams, ICC(2) how reliable a team mean "
              "is, and rwg(j) how much team members agree (0.70 or more is enough). Teams with "
              "fewer than {min_cell} members are not shown."},
    "survey.fs_agreement_justified": {
        "nl": "Voldoende eensgezindheid en verschillen tussen teams voor: {scales}.",
        "en": "Enough agreement and differences between teams for: {scales}."},
    "survey.fs_regression_heading": {"nl": "Wat hangt samen met {outcome}?",
                                     "en": "What goes with {outcome}?"},
    "survey.fs_regression_caption": {
        "nl": "{outcome}: regressie ({model}), n = {n}, teams = {teams}. B = coëfficiënt, "
              "β = gestandaardiseerd",
        "en": "{outcome}: regression ({model}), n = {n}, teams = {teams}. B = coefficient, "
              "β = standardised"},
    "survey.fs_more": {"nl": "Meer {label} gaat samen met meer {outcome} (B = {b}, {p}).",
                       "en": "More {label} goes with more {outcome} (B = {b}, {p})."},
    "survey.fs_less": {"nl": "Meer {label} gaat samen met minder {outcome} (B = {b}, {p}).",
                       "en": "More {label} goes with less {outcome} (B = {b}, {p})."},
    "survey.fs_none": {"nl": "Voor {label} is geen verband aangetoond (B = {b}, {p}).",
                       "en": "No relation was shown for {label} (B = {b}, {p})."},
    "survey.fs_more_level": {"nl": "{label}: meer {outcome} dan de referentiecategorie (B = {b}, "
                                   "{p}).",
                             "en": "{label}: more {outcome} than the reference category "
                                   "(B = {b}, {p})."},
    "survey.fs_less_level": {"nl": "{label}: minder {outcome} dan de referentiecategorie (B = "
                                   "{b}, {p}).",
                             "en": "{label}: less {outcome} than the reference category "
                                   "(B = {b}, {p})."},
    "survey.fs_none_level": {"nl": "{label}: geen verschil met de referentiecategorie "
                                   "aangetoond (B = {b}, {p}).",
                             "en": "{label}: no difference from the reference category shown "
                                   "(B = {b}, {p})."},
    "survey.fs_model_mixed": {"nl": "multilevelmodel, random intercept per team",
                              "en": "multilevel model, random intercept per team"},
    "survey.fs_model_ols": {"nl": "OLS", "en": "OLS"},
    "survey.fs_interaction": {
        "nl": "Het verband van {predictor} met {outcome} hangt af van {moderator} ({p}): bij "
              "weinig {moderator} (gemiddelde − 1 sd) B = {b_low} ({p_low}), bij veel "
              "(gemiddelde + 1 sd) B = {b_high} ({p_high}).",
        "en": "The relation of {predictor} with {outcome} depends on {moderator} ({p}): at "
              "low {moderator} (mean − 1 SD) B = {b_low} ({p_low}), at high (mean + 1 SD) "
              "B = {b_high} ({p_high})."},
    "survey.fs_no_interaction": {
        "nl": "Dat het verband van {predictor} met {outcome} afhangt van {moderator} is niet "
              "aangetoond ({p}).",
        "en": "That the relation of {predictor} with {outcome} depends on {moderator} was not "
              "shown ({p})."},
    "survey.fs_icc_null": {
        "nl": "Van de verschillen in {outcome} ligt {icc}% tussen teams (ICC van het lege "
              "model).",
        "en": "Of the differences in {outcome}, {icc}% lie between teams (ICC of the empty "
              "model)."},
    "survey.fs_methods": {
        "nl": "Professionals in teams: Pearson-correlaties (paarsgewijs, * p < 0,05, ** p < "
              "0,01, *** p < 0,001, niet gecorrigeerd; Holm-gecorrigeerd in de tabellen); "
              "regressies als multilevelmodel met een random intercept per team (REML, "
              "vrijheidsgraden volgens Satterthwaite), naast OLS met standaardfouten per team "
              "(CR1) in de tabellen; rwg(j) tegen een uniforme verdeling over de "
              "antwoordcategorieën, ICC(1) en ICC(2) uit een variantieanalyse per team.",
        "en": "Professionals in teams: Pearson correlations (pairwise, * p < 0.05, ** p < 0.01, "
              "*** p < 0.001, unadjusted; Holm-adjusted in the tables); regressions as a "
              "multilevel model with a random intercept per team (REML, Satterthwaite degrees "
              "of freedom), besides OLS with team-clustered standard errors (CR1) in the "
              "tables; rwg(j) against a uniform distribution over the answer categories, "
              "ICC(1) and ICC(2) from an analysis of variance by team."},
    # first run (issue 16): lines printed before or without a config, in the run's language
    "notes.workbook_sheet_read_hint": {
        "nl": "{subject} heeft {n_sheets} tabbladen ({sheets}); gelezen: {sheet} (nummer "
              "{number}); kies een ander met --sheet NAAM of --sheet N.",
        "en": "{subject} has {n_sheets} sheets ({sheets}); read {sheet} (number {number}); "
              "choose another with --sheet NAME or --sheet N."},
    "notes.option_renamed": {
        "nl": "{old} heet nu {new}; {old} verdwijnt in de volgende versie.",
        "en": "{old} is now called {new}; {old} will be removed in the next release."},
    "notes.item_figures_left_out": {
        "nl": "{n_items} items: de itemfiguren (compare_items_likert, compare_items_forest) "
              "tonen ten hoogste {max_items} items en worden dus niet getekend; "
              "compare_items.csv bevat elk item.",
        "en": "{n_items} items: the item figures (compare_items_likert, compare_items_forest) "
              "show at most {max_items} items, so they are not drawn; compare_items.csv holds "
              "every item."},
    "init.wrote": {
        "nl": "{file} geschreven: schalen {scales}; {n} regel(s) gemarkeerd met {mark} om na "
              "te lezen.",
        "en": "Wrote {file}: scales {scales}; {n} line(s) marked {mark} to read."},
    "init.next": {"nl": "Daarna:", "en": "Next:"},
    "none": {"nl": "geen", "en": "none"},
    "config.valid": {"nl": "{file}: geldig; schalen {scales}.",
                     "en": "{file}: valid; scales {scales}."},
    "codebook.source.encoding": {"nl": "codering", "en": "encoding"},
    "codebook.source.separator": {"nl": "scheidingsteken", "en": "separator"},
    "codebook.source.decimal": {"nl": "decimaalteken", "en": "decimal"},
    "codebook.source.sheet": {"nl": "tabblad", "en": "sheet"},
}


def texts(lang: str) -> Mapping[str, str]:
    """All words in ``lang`` (``nl`` or ``en``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use nl or en")
    return {key: value[lang] for key, value in _TEXTS.items() if "." not in key}


def section(prefix: str, lang: str) -> dict[str, str]:
    """The words of one renderer in ``lang``, keys without the prefix."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use nl or en")
    start = prefix + "."
    return {key.removeprefix(start): value[lang] for key, value in _TEXTS.items()
            if key.startswith(start)}


def sections(prefix: str) -> dict[str, dict[str, str]]:
    """The words of one renderer in both languages: key → {lang: text}."""
    start = prefix + "."
    return {key.removeprefix(start): value for key, value in _TEXTS.items()
            if key.startswith(start)}


def word(key: str, lang: str, **values: object) -> str:
    """One word or sentence in ``lang``, its ``{name}`` slots filled from ``values``."""
    return _TEXTS[key][lang].format(**values)
