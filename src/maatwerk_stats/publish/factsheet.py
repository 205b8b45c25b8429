"""``maatwerk-stats factsheet``: every configured analysis, then tables, figures and the
factsheet, written all-or-nothing into one output directory.

Which analyses run follows the config: scales and the pre/post comparison when it has
``[scales]`` and questionnaire data (``[data] pre`` + ``post``, or ``questionnaire`` with a
``[groups] column``), the vignette analysis when it has ``[vignette]`` and ``[data] vignette``.
A section whose data are missing is an error that names it, not a silently shorter factsheet.

What is published is protected (see :mod:`.privacy`): nothing resting on fewer than
``report.min_cell`` respondents, and no respondent-level table (scale scores, unmatched ids,
straight-lining respondents) among the outputs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError, InputFileError, OptionError, Text, param
from ..io.dataset import sheet_notes

if TYPE_CHECKING:
    import pandas as pd

    from ..analyses.codes import CodesResult
    from ..analyses.compare import Comparison, Distribution
    from ..analyses.vignette import VignetteResult
    from ..config import StudyConfig
    from ..io.dataset import Dataset
    from ..io.write import OutputWriter
    from ..notes import Note, Reference
    from .factsheet_figures import FactsheetFigures

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Inputs:
    """The data files of a factsheet run (absolute or relative to the working directory)."""

    pre: Path | None = None
    post: Path | None = None
    questionnaire: Path | None = None
    vignette: Path | None = None
    survey: Path | None = None  # a survey of professionals in teams ([data] survey)
    sheet: str | None = None  # --sheet: the sheet of every data file that is a workbook

    def read(self, path: Path) -> Dataset:
        """Read one of the data files, ``sheet`` of it when it is an Excel workbook."""
        from ..io.dataset import widen
        from ..io.read import EXCEL_SUFFIXES, read_data

        workbook = path.suffix.lower() in EXCEL_SUFFIXES
        return widen(read_data(path, sheet=self.sheet if workbook else None))

    def paths(self) -> list[Path]:
        return [p for p in (self.pre, self.post, self.questionnaire, self.vignette,
                            self.survey) if p]


def resolve_inputs(config: StudyConfig, overrides: Mapping[str, Path | None],
                   sheet: str | None = None) -> Inputs:
    """The data files from the config's ``[data]`` table, with command-line overrides, and
    the ``sheet`` to read of those that are Excel workbooks (``--sheet``).

    Raises :class:`ConfigError` naming every configured analysis whose data are missing and
    :class:`InputFileError` for a named file that does not exist.
    """
    data = {**config.data, **{k: v for k, v in overrides.items() if v is not None}}
    where = (Text(str(config.path), str(config.path)) if config.path
             else Text("the config", "de config"))
    problems: list[str | Text] = []
    if data.get("questionnaire") and (data.get("pre") or data.get("post")):
        problems.append(Text(
            en="[data] names both questionnaire and pre/post: use one file with a group "
               "column (questionnaire) or two files (pre and post)",
            nl="[data] noemt zowel questionnaire als pre/post: gebruik één bestand met een "
               "groepskolom (questionnaire) of twee bestanden (pre en post)"))
    if bool(data.get("pre")) != bool(data.get("post")):
        missing = "post" if data.get("pre") else "pre"
        given = "pre" if missing == "post" else "post"
        problems.append(Text(
            en=f"[data] has {given} but no {missing}: a comparison needs both files",
            nl=f"[data] heeft {given} maar geen {missing}: een vergelijking vraagt om beide "
               "bestanden"))
    has_questionnaire = bool(data.get("questionnaire") or (data.get("pre") and data.get("post")))
    survey = not config.survey.empty
    if survey and not data.get("survey"):
        problems.append(Text(
            en="the config has [teams]/[correlations]/[regression] sections but no survey "
               "data: add survey = \"...\" under [data]",
            nl="de config heeft [teams]/[correlations]/[regression]-secties maar geen "
               "enquêtedata: zet survey = \"...\" onder [data]"))
    if data.get("survey") and not survey:
        problems.append(Text(
            en="[data] names survey data but the config has no [correlations] or "
               "[regression.NAME] section: add one, see configs/teams.toml",
            nl="[data] noemt enquêtedata, maar de config heeft geen [correlations]- of "
               "[regression.NAME]-sectie: voeg er een toe, zie configs/teams.toml"))
    if config.scales and not has_questionnaire and not data.get("survey"):
        problems.append(Text(
            en="the config defines scales but no questionnaire data: add pre = \"...\" and "
               "post = \"...\" (or questionnaire = \"...\") under [data], or pass "
               f"{param('pre')}/{param('post')}",
            nl="de config noemt schalen maar geen vragenlijstdata: zet pre = \"...\" en "
               "post = \"...\" (of questionnaire = \"...\") onder [data], of geef "
               f"{param('pre')}/{param('post')}"))
    if data.get("questionnaire") and not (config.groups and config.groups.column):
        problems.append(Text(
            en="[data] questionnaire is one file: name its group column with [groups] "
               "column = \"...\" (and order = [before, after])",
            nl="[data] questionnaire is één bestand: noem de groepskolom met [groups] "
               "column = \"...\" (en order = [voor, na])"))
    if config.vignette is not None and not data.get("vignette"):
        problems.append(Text(
            en="the config has a [vignette] section but no vignette data: add vignette = "
               f"\"...\" under [data], or pass {param('vignette_data')}",
            nl="de config heeft een [vignette]-sectie maar geen vignetdata: zet vignette = "
               f"\"...\" onder [data], of geef {param('vignette_data')}"))
    if data.get("vignette") and config.vignette is None:
        problems.append(Text(
            en="[data] names vignette data but the config has no [vignette] section (columns, "
               "factors): add one, see configs/leeratelier.toml",
            nl="[data] noemt vignetdata, maar de config heeft geen [vignette]-sectie (kolommen, "
               "factoren): voeg er een toe, zie configs/leeratelier.toml"))
    if not config.scales and config.vignette is None and config.codes is None and not survey:
        problems.append(Text(
            en="the config defines no analyses: add [scales.NAME] tables and/or a [vignette] "
               "section",
            nl="de config noemt geen analyses: voeg [scales.NAME]-tabellen en/of een "
               "[vignette]-sectie toe"))
    if problems:
        raise ConfigError(problems, source=where.en)
    inputs = Inputs(**{k: Path(v) for k, v in data.items()
                       if k in ("pre", "post", "questionnaire", "vignette", "survey") and v},
                    sheet=sheet)
    for path in config.report.logos:
        _check_logo(path, where)
    for path in inputs.paths():
        if not path.exists():
            raise InputFileError(
                en=f"{path}: file not found (named in {where.en}). Check the path; paths in a "
                   "config are relative to the config file.",
                nl=f"{path}: bestand niet gevonden (genoemd in {where.nl}). Controleer het pad; "
                   "paden in een config gaan uit van de map van het config-bestand.")
    from ..io.read import EXCEL_SUFFIXES

    if sheet is not None and not any(p.suffix.lower() in EXCEL_SUFFIXES
                                     for p in inputs.paths()):
        files = ", ".join(map(str, inputs.paths()))
        raise OptionError(
            en=f"{param('sheet')} {sheet}: none of the data files ({files}) is an Excel "
               f"workbook (.xlsx); {param('sheet')} chooses the sheet of one.",
            nl=f"{param('sheet')} {sheet}: geen van de databestanden ({files}) is een "
               f"Excel-werkmap (.xlsx); {param('sheet')} kiest een werkblad van een werkmap.")
    return inputs


LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def _logo_type(head: bytes) -> str | None:
    return next((mime for magic, mime in LOGO_TYPES.items() if head.startswith(magic)), None)


def _check_logo(path: Path, where: Text) -> None:
    """A logo must be a PNG or JPEG file (what HTML and Word both show)."""
    if not path.is_file():
        raise InputFileError(
            en=f"{path}: logo file not found (report.logos in {where.en}). Check the path; "
               "paths in a config are relative to the config file.",
            nl=f"{path}: logobestand niet gevonden (report.logos in {where.nl}). Controleer "
               "het pad; paden in een config gaan uit van de map van het config-bestand.")
    with path.open("rb") as handle:
        if _logo_type(handle.read(8)) is None:
            raise InputFileError(
                en=f"{path}: report.logos takes PNG or JPEG files; convert this logo to PNG.",
                nl=f"{path}: report.logos neemt alleen PNG- en JPEG-bestanden; zet dit logo om "
                   "naar PNG.")



def read_logos(config: StudyConfig) -> tuple[Any, ...]:
    """The configured logos as :class:`~maatwerk_stats.report.factsheet.build.Logo` (alt
    text: the institution of the same position, else the file name)."""
    from ..report.factsheet.build import Logo

    names = config.report.institutions
    logos = []
    for index, path in enumerate(config.report.logos):
        data = path.read_bytes()
        alt = names[index] if index < len(names) else path.stem.replace("_", " ")
        logos.append(Logo(data=data, alt=f"Logo {alt}", mime=_logo_type(data) or "image/png"))
    return tuple(logos)


@dataclass(frozen=True)
class FactsheetResults:
    """Everything a factsheet is made of, already protected for publication: no table rests
    on fewer than ``report.min_cell`` respondents and none holds respondent-level data."""

    config: StudyConfig
    datasets: tuple[Dataset, ...]
    reliability: pd.DataFrame | None = None
    comparison: Comparison | None = None
    vignette: VignetteResult | None = None
    suppressed: int = 0
    notes: tuple[Note, ...] = ()
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    codes: CodesResult | None = None  # the interviews ([codes], publish/codes.py)
    survey: Any = None  # publish.survey.SurveyResults: professionals in teams
    vignette_design: Mapping[str, Any] | None = None  # analyses.vignette_models.deck_summary
    per_vignette: pd.DataFrame | None = None  # with report.per_vignette
    vignette_study: Any = None  # the VignetteStudy (no ratings) the per-vignette figure labels


# what run_analyses and write_factsheet import (lazily, where they need it), by section
WRITER_MODULES = ("maatwerk_stats.publish.factsheet_figures", "maatwerk_stats.publish.results",
                  "maatwerk_stats.publish.privacy", "maatwerk_stats.publish.template_cache",
                  "maatwerk_stats.report.factsheet.build", "maatwerk_stats.report.factsheet.docx",
                  "maatwerk_stats.report.factsheet.html", "maatwerk_stats.report.xlsx",
                  "jinja2")
QUESTIONNAIRE_MODULES = ("maatwerk_stats.analyses.compare", "maatwerk_stats.config.options",
                         "maatwerk_stats.prepare.measurements",
                         "maatwerk_stats.publish.differencing", "scipy.special")
VIGNETTE_MODULES = ("maatwerk_stats.analyses.vignette", "maatwerk_stats.analyses.vignette_models",
                    "maatwerk_stats.config.options", "maatwerk_stats.io.deck",
                    "maatwerk_stats.prepare.ratings", "maatwerk_stats.publish.vignette_groups",
                    "scipy.special", "scipy.linalg")


def section_modules(config: StudyConfig, inputs: Inputs | None = None
                    ) -> tuple[list[str], list[str]]:
    """The modules :func:`run_analyses` and :func:`write_factsheet` import for ``config``'s
    sections, in two parts: those of the first section that sends figures (the
    questionnaire, else the vignettes), and the rest (the vignettes after a questionnaire,
    the writers). With ``inputs``, a config whose scales belong to the survey of
    professionals (no questionnaire data) imports no questionnaire module."""
    questionnaire = bool(config.scales) and (
        inputs is None or inputs.questionnaire is not None or inputs.pre is not None)
    sections = [*([QUESTIONNAIRE_MODULES] if questionnaire else []),
                *([VIGNETTE_MODULES] if config.vignette is not None else [])]
    first = list(sections[0]) if sections else []
    rest = [name for part in (*sections[1:], WRITER_MODULES) for name in part
            if name not in first]
    return list(dict.fromkeys(first)), list(dict.fromkeys(rest))


def import_modules(config: StudyConfig, inputs: Inputs | None = None,
                   part: str = "all") -> None:
    """Import now the modules :func:`run_analyses` and :func:`write_factsheet` will import
    for ``config``'s sections (the same modules, only earlier; ``part``: ``first``,
    ``rest`` or ``all`` of :func:`section_modules`): the factsheet command does so with the
    cyclic collector off and then freezes them (:func:`~.figure_process.collector_off`), as
    ``compare`` does; imported along the way, with the collector on, they triggered ~115
    collections that found nothing to free and walked the imported heap (0.065 s of the main
    process's CPU on the demo). It imports the first part before the analyses and the rest
    once the first figures are sent (``run_analyses(imports=...)``): the vignettes' and the
    writers' modules (0.06-0.07 s of CPU) are then imported while the figures render, not
    before the first of them. scipy's modules are imported through
    :func:`~maatwerk_stats.stats.scipy_import.import_module`, as everywhere (without
    numpy.f2py, numpy.testing and scipy's docstring notes)."""
    from ..stats.scipy_import import import_module

    first, rest = section_modules(config, inputs)
    names = {"first": first, "rest": rest}.get(part, first + rest)
    for name in names:
        import_module(name)


def run_analyses(config: StudyConfig, inputs: Inputs, progress: Progress,
                 figures: FactsheetFigures | None = None,
                 imports: Callable[[], None] | None = None) -> FactsheetResults:
    """Read the data and run every configured analysis, then protect the results. With
    ``figures``, the figures of each protected result start as soon as it exists (they
    render in the figure process while the next analysis runs; the printed twins, which the
    HTML and DOCX wait for, ahead of the others: :mod:`.factsheet_figures`). ``imports`` is
    called once, after the first section's figures are sent (the command imports the rest
    of the modules then: :func:`import_modules`)."""
    from .differencing import protect_measured_once_comparison, protect_measured_once_reliability
    from .privacy import (
        ids_not_published,
        protect_reliability,
        protect_vignette,
        suppress_comparison,
    )

    min_cell = config.report.min_cell
    pending = [imports] if imports is not None else []

    def first_figures_sent() -> None:
        while pending:
            pending.pop()()

    datasets: dict[str, Dataset] = {}
    notes: list[Note] = []
    tables: dict[str, pd.DataFrame] = {}
    comparison = None
    reliability_table = None
    suppressed = 0
    if config.scales and inputs.questionnaire is None and inputs.pre is None:
        pass  # the scales belong to the survey of professionals in teams
    elif config.scales:
        progress("questionnaire")
        from ..analyses.compare import compare, measurement_reliability
        from ..config.options import comparison_options
        from ..prepare.measurements import stack_measurements

        if inputs.questionnaire is not None:
            datasets["questionnaire"] = inputs.read(inputs.questionnaire)
            first, second = datasets["questionnaire"], None
        else:
            datasets["pre"] = inputs.read(inputs.pre)  # type: ignore[arg-type]
            datasets["post"] = inputs.read(inputs.post)  # type: ignore[arg-type]
            first, second = datasets["pre"], datasets["post"]
        options = comparison_options(config, two_files=second is not None)
        site = config.groups.site if config.groups else None
        measurements = stack_measurements(
            first, second, config, group=options.group, group_order=options.group_order,
            group_labels=options.group_labels, id_column=options.id_column, site=site)
        # paired: also the mixed model on every respondent (and per site); the Likert chart
        # starts once the answers are counted, protected as suppress_comparison does
        raw = compare(measurements, id_column=options.id_column,
                      model="mixed" if options.id_column is not None else "t_test",
                      on_distribution=None if figures is None else partial(
                          _start_likert, figures, min_cell))
        # the attrition note states the means of those measured once: only when they are
        # enough to publish (else the protected attrition table says they were too few)
        notes.extend(n for n in raw.notes if not (
            n.kind == "measured_once" and n.values.get("n_incomplete", 0) < min_cell))
        comparison, suppressed = suppress_comparison(raw, min_cell)
        # paired: those measured once are a subtraction away from the pairs (differencing.py)
        comparison, derived = protect_measured_once_comparison(comparison, min_cell)
        suppressed += derived
        # the comparison's figures need no reliability: they render in the figure process
        # while it is computed (the paired demo's bifactor fits, 0.3-0.5 s, were all done
        # before its first figure was sent)
        if figures is not None:
            figures.start_comparison(comparison)
        first_figures_sent()
        # a group too small to publish is not analysed (counts only), not an error
        per_group = measurement_reliability(measurements, min_scored=min_cell)
        reliability, small = protect_reliability(per_group, min_cell)
        # a Heywood case makes omega fragile: say so (not for groups that are suppressed)
        notes.extend(n for n in per_group.notes if n.kind == "omega_heywood"
                     and (n.subject, n.values.get("group")) not in small)
        reliability, derived = protect_measured_once_reliability(reliability, comparison,
                                                                 min_cell)
        suppressed += derived
        reliability_table = reliability.reliability
        tables.update({"reliability": reliability.reliability, "items": reliability.items,
                       "items_distribution": reliability.distribution})
        tables.update({k: v for k, v in comparison.tables().items()
                       if k != "compare_unmatched"})
    vignette_result = None
    vignette_design = per_vignette_table = vignette_study = None
    if config.vignette is not None:
        progress("vignette")
        from ..config.options import vignette_settings
        from ..io.deck import read_deck
        from ..prepare.ratings import prepare_vignette_data
        from .vignette_groups import analyse_published

        datasets["vignette"] = inputs.read(inputs.vignette)  # type: ignore[arg-type]
        settings, _ = vignette_settings(config)
        deck = read_deck(settings.deck, settings.vignette) if settings.deck else None
        ratings = prepare_vignette_data(datasets["vignette"], settings, deck=deck,
                                        config_source=str(config.path) if config.path
                                        else None)
        # a group below min_cell keeps its counts but stays out of the models (README)
        vignette_result = analyse_published(ratings, settings.influence, min_cell)
        from ..analyses.vignette_models import deck_summary, per_vignette

        vignette_design = deck_summary(ratings)
        if config.report.per_vignette:
            per_vignette_table = per_vignette(ratings, min_cell)
            tables["vignette_per_vignette"] = per_vignette_table
            vignette_study = ratings.study()
        notes.extend(vignette_result.notes)
        notes.extend(vignette_result.warnings)
        vignette_result, count = protect_vignette(vignette_result, min_cell)
        suppressed += count
        if figures is not None:
            figures.start_vignette(vignette_result)
            if per_vignette_table is not None:
                figures.start_per_vignette(per_vignette_table, vignette_study)
        first_figures_sent()
        tables.update(vignette_result.tables())
    codes_result, codes_inputs = None, []
    if config.codes is not None and config.codes.export is not None:
        from .codes import run_codes

        codes_result, codes_inputs = run_codes(config)
        if figures is not None:
            figures.start_codes(codes_result)
        notes.extend(codes_result.notes)
        tables.update(codes_result.tables())
    survey = None
    if inputs.survey is not None:
        progress("survey")
        from .survey import run_survey

        survey = run_survey(config, inputs.survey, read=inputs.read)
        if figures is not None:
            figures.start_survey(survey)
        datasets.update({f"survey_{i}": d for i, d in enumerate(survey.datasets)})
        notes.extend(survey.notes)
        tables.update(survey.tables)
    first_figures_sent()  # the writers' modules, at the latest
    notes.extend(sheet_notes(datasets.values()))
    # no respondent ids are published: a note does not point to a file holding them
    notes = [ids_not_published(n) for n in notes]
    return FactsheetResults(
        config=config, datasets=(*datasets.values(), *codes_inputs),
        reliability=reliability_table,
        comparison=comparison, vignette=vignette_result, suppressed=suppressed,
        notes=tuple(notes), tables=tables, codes=codes_result, survey=survey,
        vignette_design=vignette_design, per_vignette=per_vignette_table,
        vignette_study=vignette_study)


def _start_likert(figures: FactsheetFigures, min_cell: int, counted: Distribution) -> None:
    """Start the Likert chart of ``counted`` (``compare(on_distribution=...)``), its answer
    distributions protected as :func:`.privacy.suppress_comparison` protects the
    comparison's (the chart it replaces was drawn from those)."""
    from dataclasses import replace

    from .privacy import protect_distribution

    figures.start_likert(replace(counted, distribution=protect_distribution(
        counted.distribution, min_cell)))


# --------------------------------------------------------------------------------------------
# Writing


def _interviews(results: FactsheetResults, lang: str) -> Any:
    """The interviews section of the ``[codes]`` result (None without one)."""
    if results.codes is None:
        return None
    from ..report.codes_factsheet import interviews_section

    codes = results.config.codes
    return interviews_section(results.codes, lang, codes.title if codes else None)


def write_factsheet(results: FactsheetResults, writer: OutputWriter, lang: str,
                    progress: Progress, options: Mapping[str, Any] | None = None,
                    reference: Reference | None = None, pdf_engine: str | None = None,
                    figures: FactsheetFigures | None = None) -> None:
    """tables/ (CSV + tables.xlsx), figures/ (PNG + SVG), factsheet.html, factsheet.docx and
    results.json, staged in ``writer``; with ``pdf_engine`` (a Chromium,
    :func:`.pdf.find_engine`) also factsheet.pdf, the staged HTML printed to A4.
    ``figures``: the figures :func:`run_analyses` started already (else started here)."""
    from .. import __version__
    from ..errors import library_reference
    from ..report.factsheet.build import Figure, build_factsheet
    from ..report.factsheet.docx import render_docx
    from ..report.factsheet.html import render_html
    from ..report.xlsx import tables_workbook
    from .results import write_result

    progress("tables")
    for name, table in results.tables.items():
        writer.write_csv(f"tables/{name}.csv", table)
    writer.write_bytes("tables/tables.xlsx", tables_workbook(results.tables))

    progress("figures")
    from .factsheet_figures import FactsheetFigures

    figures = figures if figures is not None else FactsheetFigures(writer, lang)
    if results.comparison is not None:
        figures.start_comparison(results.comparison)
    if results.vignette is not None:
        figures.start_vignette(results.vignette)
    if results.per_vignette is not None:
        figures.start_per_vignette(results.per_vignette, results.vignette_study)
    if results.codes is not None:
        figures.start_codes(results.codes)
    # the two key figures drawn again at their printed size (7–8 cm, beside their table), text
    # as large as in print: jobs of the figure process, waited for here (only they)
    embedded: dict[str, Figure] = figures.embedded()
    # each read once it is drawn (it alone): the others go on rendering meanwhile
    per_vignette_png = figures.embedded_png("per_vignette")
    if per_vignette_png is not None:
        from ..report.figures.vignette_models import per_vignette_description

        caption, alt = per_vignette_description(results.per_vignette, results.vignette_study,
                                                lang)
        embedded["per_vignette"] = Figure("per_vignette", caption, per_vignette_png, 16.0,
                                          alt=alt)
    codes_png = figures.embedded_png("codes")
    if codes_png is not None:
        embedded["codes"] = Figure("codes", "", codes_png, 15.0)

    survey_embedded = {} if results.survey is None else figures.survey_embedded(
        results.survey)

    progress("factsheet")
    factsheet = build_factsheet(
        results.config, lang, comparison=results.comparison, reliability=results.reliability,
        vignette=results.vignette, figures=embedded, suppressed=results.suppressed,
        version=__version__, logos=read_logos(results.config),
        interviews=_interviews(results, lang), vignette_design=results.vignette_design)
    if results.survey is not None:
        factsheet = _with_survey(factsheet, results.survey, survey_embedded, lang)
    from .template_cache import bytecode_cache

    writer.write_text("factsheet.html", render_html(factsheet, bytecode_cache()))
    writer.write_bytes("factsheet.docx", render_docx(factsheet))
    if pdf_engine is not None:
        from .pdf import html_to_pdf

        html_to_pdf(writer.path("factsheet.html"), writer.path("factsheet.pdf"), pdf_engine)
    write_result(writer, "factsheet", {}, inputs=results.datasets, config=results.config,
                 options={"lang": lang, **(options or {})}, notes=results.notes,
                 json_tables=results.tables, reference=reference or library_reference)


def _with_survey(factsheet: Any, survey: Any, figures: dict[str, Any], lang: str) -> Any:
    """The factsheet with its "professionals in teams" section and that section's methods."""
    from dataclasses import replace

    from ..report.factsheet.survey import survey_section

    prepared = survey.prepared
    outcomes = {m.name: prepared.labels.get(m.outcome, m.outcome) for m in survey.models}
    titles = {m.name: m.label for m in survey.models if m.label}
    section = survey_section(lang, correlations=survey.correlations,
                             agreement=survey.agreement, regressions=survey.regressions,
                             labels=dict(prepared.labels), outcomes=outcomes, figures=figures,
                             titles=titles)
    return replace(factsheet, survey=section, methods=(*section.methods, *factsheet.methods))
