"""``maatwerk-stats scales``."""

from pathlib import Path
from typing import Annotated

import typer

from .app import (
    ByOpt,
    ConfigOpt,
    Format,
    FormatOpt,
    GroupOpt,
    LangOpt,
    OutOfRangeChoice,
    OutOpt,
    QuietOpt,
    SheetOpt,
    TracebackOpt,
    app,
    cli_reference,
    deprecated,
    handled,
    language_of,
    print_tables,
    read_input,
    resolve_config,
    show_notes,
    show_written,
)


@app.command()
def scales(
    data: Annotated[Path, typer.Argument(metavar="DATA", help="Questionnaire data file.",
                                         show_default=False)],
    config_path: ConfigOpt = None,
    out: OutOpt = Path("out"),
    group: GroupOpt = None,
    scale: Annotated[list[str] | None, typer.Option(
        "--scale", "-s", metavar="NAME", help="Only this scale (repeat for more).",
        show_default=False)] = None,
    out_of_range: Annotated[OutOfRangeChoice, typer.Option(
        "--out-of-range", help="What to do with values outside an item's declared range: "
        "stop with an error, or treat them as missing.")] = OutOfRangeChoice.error,
    save_config: Annotated[Path | None, typer.Option(
        "--save-config", metavar="FILE",
        help="Write the (inferred) config to this TOML file for editing.",
        show_default=False)] = None,
    write_sav: Annotated[Path | None, typer.Option(
        "--write-sav", metavar="FILE", help="Also write the data with the scale scores added, "
        "as SPSS .sav with all metadata kept.", show_default=False)] = None,
    lang: LangOpt = None,
    fmt: FormatOpt = Format.table,
    quiet: QuietOpt = False,
    traceback: TracebackOpt = False,
    sheet: SheetOpt = None,
    by: ByOpt = None,
) -> None:
    """Scale scores and reliability: alpha (Feldt CI), omega, item statistics.

    With --group COLUMN also per group. Writes scores.csv, reliability.csv, items.csv,
    items_distribution.csv and results.json into --out.
    """
    with handled(traceback):
        from dataclasses import replace

        from ..analyses.scales import reliability
        from ..api import select_scales
        from ..config import config_to_toml
        from ..errors import DataError, OutputError, did_you_mean, param
        from ..io.write import OutputWriter, check_not_input
        from ..notes import Note
        from ..prepare.items import score_scales
        from ..prepare.measurements import group_codes
        from ..publish.results import write_result
        from ..report.console.scales import items_table, reliability_table
        from .preload import import_in_background

        group = group or deprecated("--by", "--group", by, quiet)
        # the Feldt CI's F quantile (scipy.special) is imported on the second core while the
        # data are read (cli/preload.py)
        imported = import_in_background("scipy.special")
        dataset = read_input(data, sheet, quiet)
        config = select_scales(resolve_config(config_path, dataset, quiet,
                                              lang.value if lang else None), scale)
        for target, what in ((save_config, "--save-config"), (write_sav, "--write-sav")):
            if target is not None:
                check_not_input(target, [data] + ([config_path] if config_path else []), what)
        if write_sav is not None and write_sav.suffix.lower() != ".sav":
            raise OutputError(
                en=f"--write-sav {write_sav}: the file name must end in .sav",
                nl=f"--write-sav {write_sav}: de bestandsnaam moet eindigen op .sav")
        language = language_of(lang, config)

        codes = None
        order = None
        group_notes: tuple[Note, ...] = ()
        group_labels: dict[str, str] | None = None
        if group is not None:
            if group not in dataset.frame.columns:
                near = did_you_mean(group, dataset.frame.columns)
                raise DataError(
                    en=f"--group {group!r} is not a column of {data}"
                       + (f"; nearest: {', '.join(near)}" if near else ""),
                    nl=f"--group {group!r} is geen kolom van {data}"
                       + (f"; lijkt op: {', '.join(near)}" if near else ""))
            groups = config.groups
            if groups is not None and groups.column == group and groups.order:
                codes, order, group_notes = group_codes(dataset, group, groups.order)
                if groups.labels:
                    group_labels = dict(zip(groups.order, groups.labels, strict=False))
            else:
                codes, order, group_notes = group_codes(dataset, group)

        saved = None
        if save_config is not None:
            from ..config.draft import draft_config

            saved = (config_to_toml(config, dataset) if config_path is not None
                     else draft_config([dataset], save_config,  # comments as init writes
                                       language=lang.value if lang else None).text)
        try:
            scored = score_scales(dataset, config, out_of_range=out_of_range.value,
                                  within=group)
        except DataError as error:
            if save_config is None:
                raise
            # the config is what the user needs to fix the data problem: write it anyway
            from ..io.write import atomic_write_text

            atomic_write_text(save_config, saved or "")
            dutch = error.texts.get("nl")  # the data problem in Dutch, if it has its text
            raise type(error)(
                en=f"{error.texts['en']}\nThe config was saved to {save_config} all the same: "
                   f"edit it (lines marked # CHECK:) and rerun with "
                   f"{param('config', save_config)}.",
                nl=None if dutch is None else
                f"{dutch}\nDe config is toch opgeslagen in {save_config}: pas hem aan (de "
                f"regels met # CHECK:) en geef de opdracht opnieuw met "
                f"{param('config', save_config)}.") from None
        imported()
        result = reliability(scored, by=codes, order=order, group_labels=group_labels)
        result = replace(result, notes=(*group_notes, *result.notes))

        scores = scored.scores
        if codes is not None:
            scores = scores.assign(**{group: codes})
        tables = {"scores": scores, **result.tables()}
        options = {"group": group, "scales": list(config.scales),
                   "out_of_range": out_of_range.value}
        protected = [data] + ([config_path] if config_path else [])
        with OutputWriter(out, inputs=protected, command="scales") as writer:
            write_result(writer, "scales", tables, inputs=[dataset], config=config,
                         options=options, notes=result.notes, json_tables=result.tables(),
                         reference=cli_reference)
            files = list(writer.files)
            if save_config is not None:
                writer.extra(save_config, "--save-config").write_text(
                    saved or "", encoding="utf-8", newline="\n")
                files.append(str(save_config))
            if write_sav is not None:
                from ..io.sav import write_sav_with_scores

                labels = {s.name: f"Schaalscore {s.label}" for s in scored.scales}
                write_sav_with_scores(dataset, scored.scores, labels,
                                      writer.extra(write_sav, "--write-sav"))
                files.append(str(write_sav))

        print_tables(fmt, result.tables(), "reliability",
                     reliability_table(result, language) + "\n\n"
                     + items_table(result, language), quiet)
        show_notes(result.notes, quiet, language)
        show_written(files, out, quiet, language)
