"""The config reference (``docs/config.md``, ``maatwerk-stats config --reference``), generated
from what the loader accepts.

The keys come from :data:`maatwerk_stats.config.load._KEYS` and the sections that check their
own keys (:data:`ALL_KEYS`: every key the loader accepts, so a key someone adds appears here),
their types and defaults from the frozen dataclasses of :mod:`.model`, and what they mean from
:data:`DESCRIPTIONS`. ``tests/test_config_reference.py`` fails, naming the entry to add, when a
key has no description, and when ``docs/config.md`` is not the generated text.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping

from . import codes, model, survey
from .load import _KEYS

# keys a section checks itself (config/codes.py) rather than through _KEYS
ALL_KEYS: dict[str, set[str]] = {**_KEYS, "codes": set(codes.KEYS)}

# kind in _KEYS → (TOML header, dataclass holding its keys, what the table is)
TABLES: dict[str, tuple[str, type | None, str]] = {
    "": ("top level", None, "The tables of a study config."),
    "study": ("[study]", model.StudyConfig, "The study: its name, title and language."),
    "scale": ("[scales.NAME]", model.ScaleConfig,
              "One table per scale; NAME is the scale's name in the output (in quotes when "
              "it holds a space or a letter such as ï: [scales.\"beïnvloeding\"])."),
    "groups": ("[groups]", model.GroupsConfig,
               "Which measurement is which. One file holding both: `column` and `order`. Two "
               "files (PRE POST): only `labels` (and `paired`/`id`), no column or order."),
    "vignette": ("[vignette]", model.VignetteConfig,
                 "A vignette study (factorial survey). Command-line options override these."),
    "subscale": ("[scales.NAME.subscales.SUB]", model.ScaleConfig,
                 "Parts of a scale, each with its own items (all items of the scale, none in "
                 "two subscales); scored, reported and compared as scales of their own, with "
                 "the scale's range, reverse items, missing codes and value map."),
    "factor": ("[vignette.factors.NAME]", model.FactorConfig,
               "One table per vignette characteristic (factor)."),
    "influence": ("[vignette.influence]", model.InfluenceConfig,
                  "How a simple effect becomes \"geen / matige / veel invloed\"."),
    "report": ("[report]", model.ReportConfig, "What the factsheet publishes and says."),
    "data": ("[data]", None,
             "Input files of `maatwerk-stats factsheet`, relative to the config file."),
    "teams": ("[teams]", survey.TeamsConfig, "Professionals nested in teams."),
    "correlations": ("[correlations]", survey.CorrelationsConfig,
                     "The table of means, SDs and correlations (`maatwerk-stats correlate`)."),
    "regression": ("[regression.NAME]", survey.RegressionConfig,
                   "One table per regression model (`maatwerk-stats regress`); NAME names it."),
    "codes": ("[codes]", codes.CodesConfig,
              "Interviews coded in a QDA program (`maatwerk-stats codes`); patterns are "
              "shell-style (*, ?), case-insensitive."),
}

# "kind.key" → (what it means, an example value as TOML)
DESCRIPTIONS: dict[str, tuple[str, str]] = {
    ".study": ("the study table", "[study]"),
    ".scales": ("one [scales.NAME] table per scale", "[scales.samenwerking]"),
    ".value_map": ("answer texts → numbers for every scale item (CSV exports with text "
                   "answers); matching ignores case and extra spaces",
                   '{ "helemaal mee oneens" = 1, "mee eens" = 4, "weet niet" = 9 }'),
    ".groups": ("the groups table", "[groups]"),
    ".vignette": ("the vignette table", "[vignette]"),
    ".report": ("the report table", "[report]"),
    ".data": ("the data files table", "[data]"),
    "study.name": ("short name of the study",
                   '"leeratelier"'),
    "study.title": ("title of the factsheet (report.title overrides it)",
                    '"Leeratelier Maatwerk & Regie"'),
    "study.id": ("respondent id column (copied into scores.csv)", '"respnr"'),
    "study.language": ("language of tables, figures and factsheet: \"nl\" or \"en\" "
                       "(--lang overrides it)", '"nl"'),
    "study.intro": ("a paragraph about the study under the factsheet title", '"..."'),
    "scale.label": ("the scale's name in tables and the factsheet", '"Samenwerking"'),
    "scale.items": ("the item columns of the scale",
                    '["samenwerking_1", "samenwerking_2", "samenwerking_3"]'),
    "scale.reverse": ("reverse-keyed items, scored as min + max − x (needs range)",
                      '["samenwerking_3"]'),
    "scale.range": ("lowest and highest valid answer: other values stop the run (unless "
                    "--out-of-range missing); without it no range check and no reverse coding",
                    "[1, 5]"),
    "scale.min_items": ("answered items needed for a scale score", "3"),
    "scale.missing_codes": ("codes that mean no answer (weet niet, n.v.t.) in CSV data; SPSS "
                            "user-missing values are read from the .sav itself", "[9]"),
    "scale.item_labels": ("item → the statement as the factsheet and tables quote it "
                          "(default: the SPSS variable label, else the column name); a "
                          "[scales.NAME.item_labels] table with one line per item",
                          '{ samenwerking_1 = "Ik weet de juiste partners te vinden" }'),
    "scale.value_map": ("answer texts → numbers for this scale only (overrides the top-level "
                        "value_map); map \"weet niet\" to a code in missing_codes",
                        '{ "nooit" = 1, "soms" = 3, "altijd" = 5, "weet niet" = 9 }'),
    "scale.subscales": ("one [scales.NAME.subscales.SUB] table per part of the scale",
                        "[scales.tpb.subscales.attitude]"),
    "subscale.label": ("the subscale's name in tables", '"Attitude"'),
    "subscale.items": ("its items: some of the scale's items", '["tpb_1", "tpb_2"]'),
    "subscale.min_items": ("answered items needed for a subscale score", "2"),
    "groups.column": ("one file: the column that tells the measurements apart",
                      '"meting"'),
    "groups.order": ("one file: its two stored codes, before first (voor/na, pre/post, "
                     "t0/t1 and numeric codes are recognised without it)", '["voor", "na"]'),
    "groups.labels": ("display labels of the two measurements, in order (one file: needs "
                      "order; two files: PRE and POST), as the text reads them: headers "
                      "capitalise a time word", '["vóór", "na"]'),
    "groups.paired": ("true when the same people answered twice (paired tests; needs id)",
                      "false"),
    "groups.id": ("the column that matches a person's two measurements when paired",
                  '"respnr"'),
    "groups.site": ("column of the site (municipality): `compare --model mixed` gives the "
                    "change per site", '"gemeente"'),
    "groups.covariates": ("columns for `compare --adjust-for config`",
                          '["leeftijd", "geslacht"]'),
    "vignette.id": ("respondent column of the ratings", '"respondent"'),
    "vignette.outcome": ("the rating column", '"bereidheid"'),
    "vignette.outcome_label": ("the rating as tables and figures name it",
                               '"Bereidheid om maatwerk te leveren"'),
    "vignette.outcome_range": ("lowest and highest possible rating", "[1, 10]"),
    "vignette.vignette": ("long data: which deck vignette a row rates", '"vignette"'),
    "vignette.position": ("long data: the order a vignette was shown in (order-effect "
                          "check)", '"positie"'),
    "vignette.deck": ("file: vignette number → factor levels (needed for wide data)",
                      '"deck.csv"'),
    "vignette.wide_columns": ("wide data: one rating column per vignette, in deck order",
                              '["v1", "v2", "v3"]'),
    "vignette.group": ("column with the measurement (before/after) of each rating",
                       '"meting"'),
    "vignette.group_order": ("its codes, before first", '["voor", "na"]'),
    "vignette.group_labels": ("display labels of the groups, same order",
                              '["Vóór", "Na"]'),
    "vignette.factors": ("one [vignette.factors.NAME] table per characteristic",
                         "[vignette.factors.reputatie]"),
    "vignette.influence": ("the [vignette.influence] table", "[vignette.influence]"),
    "factor.label": ("the characteristic's name in tables",
                     '"Reputatie"'),
    "factor.levels": ("its levels as stored in the data, at least two",
                      '["niet_succesvol", "succesvol"]'),
    "factor.reference": ("the level effects are measured against",
                         '"niet_succesvol"'),
    "factor.column": ("the data column", '"reputatie"'),
    "factor.level_labels": ("display labels of the levels, same order",
                            '["niet succesvol", "succesvol"]'),
    "influence.thresholds": ("|simple effect| in rating points where the next label starts, "
                             "increasing", "[0.3, 0.8]"),
    "influence.labels": ("one label more than thresholds; the first also for a "
                         "non-significant effect", '["geen invloed", "matige invloed", '
                         '"veel invloed"]'),
    "influence.alpha": ("significance level below which an effect can get more than the "
                        "first label", "0.05"),
    "report.min_cell": ("statistics on fewer respondents are not published, nor anything "
                        "they can be recomputed from", "5"),
    "report.top_items": ("per scale, the items with the largest change the factsheet names",
                         "1"),
    "report.title": ("factsheet title (default: study.title, else study.name)",
                     '"Leeratelier Maatwerk & Regie: resultaten"'),
    "report.intro": ("a paragraph under the factsheet title (default: study.intro)",
                     '"..."'),
    "report.vignette_intro": ("a paragraph above the vignette findings (blank line = new "
                              "paragraph)", '"Het scenario: ..."'),
    "report.scale_text": ("scale NAME → the researchers' interpretation, shown under the scale's "
                          "heading in the factsheet", '{ samenwerking = "Samenwerking is ..." }'),
    "report.footnote": ("a line at the bottom of the factsheet", '"Bron: ..."'),
    "report.per_vignette": ("the factsheet also shows the per-vignette figure (each vignette's "
                            "difference from the mean of all vignettes)", "true"),
    "report.authors": ("the researchers, shown under the title and in the colophon",
                       '["B. Bernards", "S. van der Pas"]'),
    "report.institutions": ("who carried out the study (colophon); also the logos' alt "
                            "texts, in the same order", '["Universiteit Leiden"]'),
    "report.logos": ("PNG or JPEG logo files (relative to the config), top right of the "
                     "factsheet", '["logo_leiden.png"]'),
    "report.contact": ("contact line of the colophon", '"B. Bernards, b.bernards@example.org"'),
    "report.date": ("publication date, as it should read", '"juni 2023"'),
    "report.citation": ("how to cite the factsheet (colophon)",
                        '"Bernards, B. (2023). Factsheet: ..."'),
    "report.doi": ("the factsheet's DOI (10.…, linked via doi.org) or a handle/URL",
                   '"https://hdl.handle.net/1887/3620503"'),
    "report.version": ("version line (with the date and the maatwerk-stats version)",
                       '"Versie 1.0"'),
    "data.pre": ("questionnaire before (two files)", '"../data/pre.sav"'),
    "data.post": ("questionnaire after (two files)", '"../data/post.sav"'),
    "data.questionnaire": ("one questionnaire file with a [groups] column",
                           '"../data/enquete.csv"'),
    "data.vignette": ("vignette ratings", '"../data/vignetten.csv"'),
    "data.survey": ("a survey of professionals in teams ([teams], [correlations], "
                    "[regression.NAME])", '"../data/demo/teams.sav"'),
    ".teams": ("the teams table", "[teams]"),
    ".correlations": ("the correlations table", "[correlations]"),
    ".regression": ("one [regression.NAME] table per model", "[regression.maatwerk]"),
    ".codes": ("the QDA codes table", "[codes]"),
    "vignette.template": ("the vignette text with a [slot] per factor (`design`)",
                          '"Een cliënt die [reputatie] ..."'),
    "factor.slot": ("the [slot] of this factor in the vignette template (default: NAME)",
                    '"reputatie"'),
    "factor.texts": ("the text of each level in the template's slot, same order as levels",
                     '["wiens schuldhulp niet slaagde", "wiens schuldhulp slaagde"]'),
    "teams.column": ("the team id column", '"team"'),
    "teams.leaders": ("file with one row per team (team-leader survey), merged by team id",
                      '"leiders.csv"'),
    "teams.label": ("what a team is called in tables", '"Team"'),
    "correlations.variables": ("scale names or data columns, in table order",
                               '["taakonzekerheid", "steun", "teamklimaat", "maatwerk"]'),
    "correlations.p_values": ("how the rendered table shows significance: \"stars\" or "
                              "\"exact\"", '"stars"'),
    "regression.outcome": ("a scale name or a data column", '"maatwerk"'),
    "regression.predictors": ("scale names or data columns",
                              '["taakonzekerheid", "steun", "teamklimaat"]'),
    "regression.categorical": ("predictors with treatment coding", '["geslacht"]'),
    "regression.reference": ("the reference code of a categorical predictor (default: its "
                             "first code)", '{ geslacht = "0" }'),
    "regression.interactions": ("pairs of predictors whose product enters the model",
                                '[["steun", "teamklimaat"]]'),
    "regression.centre": ("\"none\", \"grand\" (grand mean) or \"team\" (within team + "
                          "team mean)", '"none"'),
    "regression.label": ("the model's name in tables", '"Maatwerk"'),
    "codes.export": ("the QDA export: .qdpx, .qdc, an NVivo code summary or a segments table",
                     '"interviews/project.qdpx"'),
    "codes.segments": ("coded segments beside a codebook or summary",
                       '"interviews/segments.csv"'),
    "codes.participants": ("document → participant (and attributes)",
                           '"interviews/deelnemers.csv"'),
    "codes.participant_pattern": ("the participant id inside a document name (a regular "
                                  "expression)", "'^(R[0-9]+)'"),
    "codes.quotes": ("fragments per factor for the report (0 = none)", "2"),
    "codes.exclude": ("branches left out of the matrix (name patterns)",
                      '["0 - Professionaliteit"]'),
    "codes.domains": ("domain → code name patterns (default: the top branches)",
                      '{ "Institutionele factoren" = ["*Institutionele factoren"] }'),
    "codes.directions": ("direction → code name patterns (default: belemmer*, bevorder* …)",
                         '{ belemmerend = ["Belemmer*"], bevorderend = ["Bevorder*"] }'),
    "codes.title": ("the title of the codes section", '"Factoren uit de interviews"'),
}

_TYPES = {
    "str": "text", "str | None": "text", "int": "whole number", "int | None": "whole number",
    "float": "number", "float | None": "number", "bool": "true / false",
    "tuple[str, ...]": "list of texts", "tuple[str, ...] | None": "list of texts",
    "tuple[float, ...]": "list of numbers", "tuple[float, float] | None": "[lowest, highest]",
    "Mapping[str, str]": "table: name → text", "Mapping[str, float]": "table: text → number",
    "Path | None": "file path", "Mapping[str, FactorConfig]": "tables",
    "InfluenceConfig": "table", "GroupsConfig | None": "table", "VignetteConfig | None": "table",
    "ReportConfig": "table", "Mapping[str, ScaleConfig]": "tables",
    "Mapping[str, Path]": "table: name → file path",
    "Mapping[str, tuple[str, ...]]": "table: name → list of texts",
    "tuple[tuple[str, str], ...]": "list of pairs of names",
}
_FIELD_OF = {("study", "intro"): "intro", ("", "scales"): "scales"}
# defaults the loader computes rather than the dataclass holds
_COMPUTED = {"study.name": "the config's file name", "scale.label": "NAME capitalised",
             "scale.min_items": "half of the items, rounded up", "factor.label":
             "NAME capitalised", "factor.reference": "the first level", "factor.column": "NAME",
             "scale.items": "required", "factor.levels": "required",
             "subscale.label": "SUB capitalised", "subscale.items": "required",
             "subscale.min_items": "half of its items, rounded up", "scale.subscales": "{}"}


def missing_descriptions() -> list[str]:
    """``kind.key`` of every key the loader accepts that :data:`DESCRIPTIONS` lacks."""
    return [f"{kind}.{key}" for kind, keys in ALL_KEYS.items() for key in sorted(keys)
            if f"{kind}.{key}" not in DESCRIPTIONS]


def _field(cls: type | None, key: str) -> dataclasses.Field[typing.Any] | None:
    if cls is None:
        return None
    return next((f for f in dataclasses.fields(cls) if f.name == key), None)


def _type(kind: str, key: str, found: dataclasses.Field[typing.Any] | None) -> str:
    if (kind, key) == ("scale", "subscales"):
        return "tables"
    if kind == "data":
        return "file path"
    if kind == "" and key == "value_map":
        return "table: text → number"
    if kind == "":
        return "table"
    if found is None:
        return "—"
    return _TYPES.get(str(found.type), str(found.type))


def _default(found: dataclasses.Field[typing.Any] | None) -> str:
    if found is None or (found.default is dataclasses.MISSING and \
            found.default_factory is dataclasses.MISSING):
        return "—"
    if found.default is not dataclasses.MISSING:
        value = found.default
        if value is None:
            return "not set"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, tuple):
            return "[" + ", ".join(f'"{v}"' if isinstance(v, str) else f"{v:g}"
                                   for v in value) + "]" if value else "[]"
        if isinstance(value, str):
            return f'"{value}"'
        return f"{value:g}" if isinstance(value, float) else str(value)
    made = found.default_factory()  # type: ignore[misc]
    if isinstance(made, Mapping) and not made:
        return "{}"
    return "table" if dataclasses.is_dataclass(made) else "see meaning"


def reference_markdown() -> str:
    """The whole reference as Markdown, one table per config table."""
    out = ["# Study config reference", "",
           "Generated from the config loader by `maatwerk-stats config --reference` (do not "
           "edit by hand:",
           "`tests/test_config_reference.py` checks it). A study config is a TOML file; paths "
           "in it are",
           "relative to the file. `maatwerk-stats init DATA` writes a complete one from your "
           "data;",
           "`configs/leeratelier.toml` is a worked example. Names with a space or a letter "
           "such as ï",
           "go in quotes: `[scales.\"beïnvloeding\"]`, `\"helemaal mee eens\" = 5`.", ""]
    for kind, keys in ALL_KEYS.items():
        header, cls, what = TABLES.get(kind, (f"[{kind}]", None, ""))
        out += [f"## {header}", ""]
        if what:
            out += [what, ""]
        out += ["| key | type | default | meaning | example |", "|---|---|---|---|---|"]
        for key in sorted(keys, key=lambda k: _order(cls, k)):
            found = _field(cls, _FIELD_OF.get((kind, key), key))
            meaning, example = DESCRIPTIONS.get(f"{kind}.{key}", ("(not described)", ""))
            default = _COMPUTED.get(f"{kind}.{key}") or _default(found)
            cells = [f"`{key}`", _type(kind, key, found), default, meaning,
                     f"`{example}`" if example else ""]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    return "\n".join(out)


def _order(cls: type | None, key: str) -> tuple[int, str]:
    names = [f.name for f in dataclasses.fields(cls)] if cls is not None else []
    return (names.index(key), key) if key in names else (len(names), key)
