"""Shared options and steps of ``design`` and ``power`` (planning a study). Not a command."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .app import given_config

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ..config import StudyConfig
    from ..config.model import FactorConfig
    from ..io.write import OutputWriter
    from .app import Format

FactorsConfigOpt = Annotated[Path, typer.Option(
    "--config", "-c", metavar="FILE", help="Study config (TOML) with [vignette.factors] "
    "(levels per factor).", show_default=False, callback=given_config)]


def _per_respondent(help: str) -> Any:
    return Annotated[int | None, typer.Option(
        "--vignettes-per-respondent", "-k", metavar="K", help=help, show_default=False)]


DesignPerRespondentOpt = _per_respondent(
    "Distinct vignettes each respondent rates (default: all combinations of the levels).")
PowerPerRespondentOpt = _per_respondent(
    "Without sets: K vignettes of the deck per respondent, drawn at random (default: all).")
SeedOpt = Annotated[int, typer.Option("--seed", metavar="N", min=0, help="Random seed: the "
                                      "same seed gives the same files.")]


def factors_config(config_path: Path) -> tuple[StudyConfig, Mapping[str, FactorConfig]]:
    """The config and its ``[vignette.factors]``; one message when it has none."""
    from ..config import load_config
    from ..errors import ConfigError, Text

    config = load_config(config_path)
    if config.vignette is None or not config.vignette.factors:
        raise ConfigError(Text(
            en=f"{config_path} has no [vignette.factors]; declare every factor with its "
               "levels, e.g. [vignette.factors.reputatie] levels = [\"laag\", \"hoog\"]",
            nl=f"{config_path} heeft geen [vignette.factors]; geef elke factor met zijn "
               "niveaus, bijvoorbeeld [vignette.factors.reputatie] levels = "
               "[\"laag\", \"hoog\"]"))
    return config, config.vignette.factors


def write_and_show(command: str, tables: dict[str, Any], *, out: Path, inputs: list[Any],
                   protected: list[Path], config: StudyConfig | None,
                   options: dict[str, Any], fmt: Format, main: str, rendered: str,
                   quiet: bool, extra: Callable[[OutputWriter], object] | None = None,
                   lang: str | None = None) -> None:
    """Write ``tables`` and ``results.json`` (``extra(writer)`` adds figures or a DOCX to the
    same all-or-nothing set), then print the tables and what was written (in ``lang``)."""
    from ..io.write import OutputWriter
    from ..publish.results import write_result
    from .app import print_tables, show_written

    with OutputWriter(out, inputs=protected, command=command.split()[0]) as writer:
        write_result(writer, command, tables, inputs=inputs, config=config, options=options)
        if extra is not None:
            extra(writer)
        files = list(writer.files)
    print_tables(fmt, tables, main, rendered, quiet)
    show_written(files, out, quiet, lang)
