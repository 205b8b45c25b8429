"""``maatwerk-stats factsheet``: every configured analysis, then tables, figures and the
factsheet, written all-or-nothing into one output directory.

Which analyses run follows the config: scales and the pre/post comparison when it has
``[scales]`` and questionnaire data (``[data] pre`` + ``post``, or ``questionnaire`` with a
``[groups] column``), the vignette analysis when it has ``[vignette]`` and ``[data] vignette``.
A section whose data are missing is an error that names it, not a silently shorter factsheet.

What is published is protected (see :mod:`.report.privacy`): nothing resting on fewer than
``report.min_cell`` respondents, and no respondent-level table (scale scores, unmatched ids,
straight-lining respondents) among the outputs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError, InputFileError

if TYPE_CHECKING:
    import pandas as pd

    from .config import StudyConfig
    from .io.dataset import Dataset
    from .io.write import OutputWriter
    from .stats.compare import Comparison

Progress = Callable[[str], None]

# design checks whose note lists respondent ids (stats/vignette_design.py): counts only
RESPONDENT_ID_CHECKS = ("respondents_dropped", "respondents_excluded", "straightliners")
# notes of the vignette analysis that end in a list of respondent ids (stats/vignette.py,
# io/vignette_data.py): the terminal shows them, the published results.json does not
_ID_LIST = re.compile(r"(\(straight-lining\)|left out(?: \(--exclude-straightliners\))?)"
                      r": [^.]+\.")


_UNMATCHED_FILE = " (the ids are listed in compare_unmatched.csv)"


def published_note(note: str) -> str:
    """A note without the respondent ids it lists or points to (a factsheet run writes no
    respondent-level file)."""
    return _ID_LIST.sub(r"\1 (ids not published).", note).replace(_UNMATCHED_FILE,
                                                                   " (ids not published)")


@dataclass(frozen=True)
class Inputs:
    """The data files of a factsheet run (absolute or relative to the working directory)."""

    pre: Path | None = None
    post: Path | None = None
    questionnaire: Path | None = None
    vignette: Path | None = None

    def paths(self) -> list[Path]:
        return [p for p in (self.pre, self.post, self.questionnaire, self.vignette) if p]


def resolve_inputs(config: StudyConfig, overrides: Mapping[str, Path | None]) -> Inputs:
    """The data files from the config's ``[data]`` table, with command-line overrides.

    Raises :class:`ConfigError` naming every configured analysis whose data are missing and
    :class:`InputFileError` for a named file that does not exist.
    """
    data = {**config.data, **{k: v for k, v in overrides.items() if v is not None}}
    where = str(config.path) if config.path else "the config"
    problems = []
    if data.get("questionnaire") and (data.get("pre") or data.get("post")):
        problems.append("[data] names both questionnaire and pre/post: use one file with a "
                        "group column (questionnaire) or two files (pre and post)")
    if bool(data.get("pre")) != bool(data.get("post")):
        missing = "post" if data.get("pre") else "pre"
        problems.append(f"[data] has {'pre' if missing == 'post' else 'post'} but no "
                        f"{missing}: a comparison needs both files")
    has_questionnaire = bool(data.get("questionnaire") or (data.get("pre") and data.get("post")))
    if config.scales and not has_questionnaire:
        problems.append("the config defines scales but no questionnaire data: add pre = "
                        "\"...\" and post = \"...\" (or questionnaire = \"...\") under [data], "
                        "or pass --pre/--post")
    if data.get("questionnaire") and not (config.groups and config.groups.column):
        problems.append("[data] questionnaire is one file: name its group column with "
                        "[groups] column = \"...\" (and order = [before, after])")
    if config.vignette is not None and not data.get("vignette"):
        problems.append("the config has a [vignette] section but no vignette data: add "
                        "vignette = \"...\" under [data], or pass --vignette")
    if data.get("vignette") and config.vignette is None:
        problems.append("[data] names vignette data but the config has no [vignette] section "
                        "(columns, factors): add one, see configs/leeratelier.toml")
    if not config.scales and config.vignette is None:
        problems.append("the config defines no analyses: add [scales.NAME] tables and/or a "
                        "[vignette] section")
    if problems:
        raise ConfigError(problems, source=where)
    inputs = Inputs(**{k: Path(v) for k, v in data.items()
                       if k in ("pre", "post", "questionnaire", "vignette") and v})
    for path in inputs.paths():
        if not path.exists():
            raise InputFileError(f"{path}: file not found (named in {where}). Check the path; "
                                 "paths in a config are relative to the config file.")
    return inputs


@dataclass(frozen=True)
class FactsheetResults:
    """Everything a factsheet is made of, already protected for publication."""

    config: StudyConfig
    datasets: tuple[Dataset, ...]
    reliability: pd.DataFrame | None = None
    reliability_items: pd.DataFrame | None = None
    reliability_distribution: pd.DataFrame | None = None
    comparison: Comparison | None = None
    vignette: Any = None
    suppressed: int = 0
    notes: tuple[str, ...] = ()
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


def _reliability_per_group(config: StudyConfig, inputs: Inputs, datasets: dict[str, Dataset],
                           comparison: Comparison) -> tuple[pd.DataFrame, pd.DataFrame,
                                                            pd.DataFrame]:
    """Reliability per measurement (group codes as in the comparison) and pooled."""
    import pandas as pd

    from .stats.scales import reliability, score_scales

    if inputs.questionnaire is not None:
        dataset = datasets["questionnaire"]
        column = config.groups.column  # type: ignore[union-attr]
        scored = score_scales(dataset, config)
        by = group_codes(dataset, column, comparison.groups)
        result = reliability(scored, by=by.where(by.isin(comparison.groups)),
                             order=list(comparison.groups))
        return result.reliability, result.items, result.distribution
    parts = []
    for key, code in zip(("pre", "post"), comparison.groups, strict=True):
        result = reliability(score_scales(datasets[key], config))
        parts.append(tuple(t.assign(group=code) for t in (result.reliability, result.items,
                                                           result.distribution)))
    return tuple(pd.concat([p[i] for p in parts], ignore_index=True)  # type: ignore[return-value]
                 for i in range(3))


def group_codes(dataset: Dataset, column: str, wanted: tuple[str, ...]) -> pd.Series:
    """The group column as the comparison names its groups: stored codes as text, or their
    value labels when the groups were named by label (an SPSS ``meting`` 1/2 with labels
    voor/na and ``groups.order = ["voor", "na"]``)."""
    from .io.dataset import code_text

    codes = dataset.frame[column].map(code_text)
    if not set(wanted) <= set(codes.dropna()):
        labels = {code_text(k): str(v) for k, v in dataset.variable(column).value_labels.items()}
        codes = codes.map(lambda c: labels.get(c, c))
    return codes.rename(column)


def run_analyses(config: StudyConfig, inputs: Inputs, progress: Progress) -> FactsheetResults:
    """Read the data and run every configured analysis, then protect the results."""
    from .io.read import read_data
    from .report.privacy import suppress_comparison, suppress_groups

    min_cell = config.report.min_cell
    datasets: dict[str, Dataset] = {}
    notes: list[str] = []
    tables: dict[str, pd.DataFrame] = {}
    comparison = None
    reliability_tables = (None, None, None)
    suppressed = 0
    if config.scales:
        progress("questionnaire")
        from .stats.compare import compare

        if inputs.questionnaire is not None:
            datasets["questionnaire"] = read_data(inputs.questionnaire)
            raw = compare(datasets["questionnaire"], config=config)
        else:
            datasets["pre"] = read_data(inputs.pre)  # type: ignore[arg-type]
            datasets["post"] = read_data(inputs.post)  # type: ignore[arg-type]
            raw = compare(datasets["pre"], datasets["post"], config=config)
        notes.extend(raw.notes)
        reliability_tables = _reliability_per_group(config, inputs, datasets, raw)
        small = {code for code in raw.groups
                 if not _enough(reliability_tables[0], code, min_cell)}
        reliability_tables = tuple(suppress_groups(t, small, min_cell)  # type: ignore[assignment]
                                   for t in reliability_tables)
        comparison, suppressed = suppress_comparison(raw, min_cell)
        tables.update({"reliability": reliability_tables[0],
                       "items": reliability_tables[1],
                       "items_distribution": _drop_small_groups(reliability_tables[2], small)})
        tables.update({k: v for k, v in comparison.tables().items()
                       if k != "compare_unmatched"})
    vignette_result = None
    if config.vignette is not None:
        progress("vignette")
        from .stats.vignette import vignette

        datasets["vignette"] = read_data(inputs.vignette)  # type: ignore[arg-type]
        vignette_result = vignette(datasets["vignette"], config)
        notes.extend(vignette_result.notes)
        notes.extend(vignette_result.warnings)
        vignette_result, count = _protect_vignette(vignette_result, min_cell)
        suppressed += count
        tables.update(vignette_result.tables())
    return FactsheetResults(
        config=config, datasets=tuple(datasets.values()),
        reliability=reliability_tables[0], reliability_items=reliability_tables[1],
        reliability_distribution=reliability_tables[2], comparison=comparison,
        vignette=vignette_result, suppressed=suppressed,
        notes=tuple(published_note(n) for n in notes), tables=tables)


def _enough(reliability: pd.DataFrame, group: str, min_cell: int) -> bool:
    rows = reliability[reliability["group"] == group]
    return bool(len(rows)) and int(rows["n_scored"].max()) >= min_cell


def _drop_small_groups(table: pd.DataFrame, small: set[str]) -> pd.DataFrame:
    return table[~table["group"].astype(str).isin(small)].reset_index(drop=True)


def _protect_vignette(result: Any, min_cell: int) -> tuple[Any, int]:
    """Blank the rows of groups with fewer than ``min_cell`` respondents; drop the design
    rows that name respondents."""
    from dataclasses import replace

    from .report.privacy import suppress_groups

    fit = result.fit
    small = {str(g) for g, n in zip(fit["group"], fit["n_respondents"], strict=True)
             if g != "all" and n < min_cell}
    tables = {}
    for name in ("coefficients", "fit", "marginal_means", "interactions", "influence"):
        table = getattr(result, name)
        tables[name] = None if table is None else suppress_groups(table, small, min_cell)
    design = result.design.copy()
    names_respondents = design["check"].isin(RESPONDENT_ID_CHECKS)
    design.loc[names_respondents, "note"] = None
    protected = replace(result, design=design, excluded_respondents=(), **tables)
    count = sum(int(t["group"].astype(str).isin(small).sum())
                for t in tables.values() if t is not None and "group" in t.columns)
    return protected, count


# --------------------------------------------------------------------------------------------
# Writing


def write_factsheet(results: FactsheetResults, writer: OutputWriter, lang: str,
                    progress: Progress, options: Mapping[str, Any] | None = None) -> None:
    """tables/ (CSV + tables.xlsx), figures/ (PNG + SVG), factsheet.html, factsheet.docx and
    results.json, staged in ``writer``."""
    from . import __version__
    from .provenance import provenance
    from .report.docx import render_docx
    from .report.factsheet import Figure, build_factsheet, render_html
    from .report.xlsx import tables_workbook

    progress("tables")
    for name, table in results.tables.items():
        writer.write_csv(f"tables/{name}.csv", table)
    writer.write_bytes("tables/tables.xlsx", tables_workbook(results.tables))

    progress("figures")
    embedded: dict[str, Figure] = {}
    if results.comparison is not None:
        from .report.figures_compare import write_figures

        names = write_figures(results.comparison, writer, lang)
        stem = "figures/compare_scale_means.png"
        if stem in names:
            embedded["scale_means"] = Figure("scale_means", "", writer.read_bytes(stem), 13.0)
    if results.vignette is not None:
        from .report.figures_vignette import write_vignette_figures

        names = write_vignette_figures(results.vignette, writer, lang)
        stem = "figures/vignette_coefficients.png"
        if stem in names:
            embedded["coefficients"] = Figure("coefficients", "", writer.read_bytes(stem),
                                              11.5)

    progress("factsheet")
    factsheet = build_factsheet(
        results.config, lang, comparison=results.comparison, reliability=results.reliability,
        vignette=results.vignette, figures=embedded, suppressed=results.suppressed,
        version=__version__)
    writer.write_text("factsheet.html", render_html(factsheet))
    writer.write_bytes("factsheet.docx", render_docx(factsheet))
    writer.write_json("results.json", {
        "provenance": provenance("factsheet", results.datasets, results.config,
                                 {"lang": lang, **(options or {})}),
        "notes": list(results.notes),
        "tables": results.tables,
    })
