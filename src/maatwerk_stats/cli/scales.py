"""``maatwerk-stats scales``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .app import (
    ConfigOpt,
    Format,
    FormatOpt,
    LangOpt,
    OutOfRangeChoice,
    OutOpt,
    QuietOpt,
    TracebackOpt,
    app,
    handled,
    info,
    language_of,
    print_tables,
    read_input,
    resolve_config,
)

if TYPE_CHECKING:
    from ..io.dataset import Dataset


@app.command()
def scales(
    data: Annotated[Path, typer.Argument(metavar="DATA", help="Questionnaire data file.",
                                         show_default=False)],
    config_path: ConfigOpt = None,
    out: OutOpt = Path("out"),
    by: Annotated[str | None, typer.Option(
        "--by", metavar="COLUMN", help="Also report every scale per group of this column.",
        show_default=False)] = None,
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
) -> None:
    """Scale scores and reliability: alpha (Feldt CI), omega, item statistics.

    Writes scores.csv, reliability.csv, items.csv, items_distribution.csv and results.json
    into --out.
    """
    with handled(traceback):
        from ..config import config_to_toml, did_you_mean, with_scales
        from ..errors import ConfigError, DataError, OutputError
        from ..io.write import OutputWriter, atomic_write_text, check_not_input
        from ..provenance import provenance
        from ..report.console import items_table, reliability_table
        from ..stats.scales import reliability, score_scales

        dataset = read_input(data)
        config = resolve_config(config_path, dataset, quiet)
        if scale:
            unknown = [s for s in scale if s not in config.scales]
            if unknown:
                raise ConfigError([f"--scale {s!r} is not a scale of the config"
                                   + (f" — did you mean {did_you_mean(s, config.scales)[0]!r}?"
                                      if did_you_mean(s, config.scales) else
                                      f" (scales: {', '.join(config.scales)})")
                                   for s in unknown])
            config = with_scales(config, scale)
        for target, what in ((save_config, "--save-config"), (write_sav, "--write-sav")):
            if target is not None:
                check_not_input(target, [data] + ([config_path] if config_path else []), what)
        if write_sav is not None and write_sav.suffix.lower() != ".sav":
            raise OutputError(f"--write-sav {write_sav}: the file name must end in .sav")
        language = language_of(lang, config)

        group = None
        order = None
        if by is not None:
            if by not in dataset.frame.columns:
                near = did_you_mean(by, dataset.frame.columns)
                raise DataError(f"--by {by!r} is not a column of {data}"
                                + (f"; nearest: {', '.join(near)}" if near else ""))
            group = _group_labels(dataset, by)
            if config.groups and config.groups.column == by and config.groups.order:
                order = list(config.groups.order)

        scored = score_scales(dataset, config, out_of_range=out_of_range.value)
        result = reliability(scored, by=group, order=order)

        scores = scored.scores
        if group is not None:
            scores = scores.assign(**{by: group})
        tables = {"scores": scores, **result.tables()}
        options = {"by": by, "scales": list(config.scales), "out_of_range": out_of_range.value}
        with OutputWriter(out, inputs=[data]) as writer:
            for name, table in tables.items():
                writer.write_csv(f"{name}.csv", table)
            record = {"provenance": provenance("scales", [dataset], config, options),
                      "notes": list(result.notes),
                      "tables": {k: v for k, v in tables.items() if k != "scores"}}
            writer.write_json("results.json", record)
            files = list(writer.files)
        if save_config is not None:
            atomic_write_text(save_config, config_to_toml(config, dataset))
            files.append(str(save_config))
        if write_sav is not None:
            from ..io.sav import write_sav_with_scores

            labels = {s.name: f"Schaalscore {s.label}" for s in scored.scales}
            write_sav_with_scores(dataset, scored.scores, labels, write_sav)
            files.append(str(write_sav))

        print_tables(fmt, {k: v for k, v in tables.items() if k != "scores"}, "reliability",
                      reliability_table(result, language) + "\n\n"
                      + items_table(result, language))
        for note in (*result.notes, *_reliability_warnings(result)):
            info(f"Note: {note}", quiet)
        info(f"Wrote {', '.join(Path(f).name for f in files)} to {out}", quiet)


def _group_labels(dataset: Dataset, column: str) -> Any:
    """Group codes as text, e.g. 1.0 → "1" (the stored code, not its label)."""
    from ..io.dataset import code_text

    return dataset.frame[column].map(code_text).rename(column)


def _reliability_warnings(result: Any) -> list[str]:
    """Methodological warnings worth a line on the terminal."""
    notes = []
    items = result.items[result.items["group"] == "all"]
    for row in items.itertuples(index=False):
        if row.item_rest_r < 0:
            notes.append(f"item {row.item} correlates negatively with the rest of scale "
                         f"{row.scale} (r = {row.item_rest_r:.2f}). Is it reverse-keyed? Then "
                         "add it to the scale's reverse list in the config.")
    for row in result.reliability.itertuples(index=False):
        if row.group == "all" and row.n < 30:
            notes.append(f"scale {row.scale}: alpha rests on {row.n} complete respondents; "
                         "its confidence interval is wide.")
    return notes
