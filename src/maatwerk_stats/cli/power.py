"""``maatwerk-stats power compare`` (and ``power vignette``, see :mod:`.power_vignette`)."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import (
    Format,
    FormatOpt,
    LangOpt,
    OutOpt,
    QuietOpt,
    TracebackOpt,
    _Group,
    app,
    handled,
)
from .plan_input import (
    FactorsConfigOpt,
    PowerPerRespondentOpt,
    SeedOpt,
    factors_config,
    write_and_show,
)

if TYPE_CHECKING:
    from ..io.write import OutputWriter

power_app = typer.Typer(
    help="Power and sample size of a planned study: a questionnaire comparison (compare, "
    "analytic, as R's power.t.test) or a vignette study (vignette, by simulation).",
    no_args_is_help=True, rich_markup_mode=None, cls=_Group)  # placeholders as everywhere
app.add_typer(power_app, name="power")


class CompareType(StrEnum):
    independent = "independent"
    paired = "paired"
    one_sample = "one-sample"


@power_app.command("compare")
def power_compare(
    type_: Annotated[CompareType, typer.Option(
        "--type", help="independent: different people before and after (n per group); "
        "paired: the same people twice (n pairs); one-sample.")] = CompareType.independent,
    n: Annotated[str | None, typer.Option(
        "--n", metavar="N", help="Respondents per group (pairs when paired): 40, a list "
        "20,40,60 or a range 20:100:10.", show_default=False)] = None,
    delta: Annotated[float | None, typer.Option(
        "--delta", help="True difference in means to detect, in the units of --sd (with "
        "--sd 1: Cohen's d; paired: d_z).", show_default=False)] = None,
    sd: Annotated[float, typer.Option(
        "--sd", help="Standard deviation (paired: of the differences).")] = 1.0,
    power: Annotated[float | None, typer.Option(
        "--power", help="Power to reach, e.g. 0.8: with --delta gives n, with --n the "
        "detectable --delta.", show_default=False)] = None,
    alpha: Annotated[float, typer.Option("--alpha", help="Significance level.")] = 0.05,
    one_sided: Annotated[bool, typer.Option("--one-sided",
                                            help="One-sided test.")] = False,
    strict: Annotated[bool, typer.Option(
        "--strict/--no-strict", help="Two-sided power counts both tails (power.t.test's "
        "strict = TRUE); --no-strict as R's default.")] = True,
    out: OutOpt = Path("out"),
    lang: LangOpt = None,
    fmt: FormatOpt = Format.table,
    quiet: QuietOpt = False,
    traceback: TracebackOpt = False,
) -> None:
    """Analytic power of a t-test comparison: give two of --n, --delta and --power, get the
    third (as R's power.t.test). Writes power.csv and results.json into --out.
    """
    with handled(traceback):
        from ..analyses.power import compare_power, parse_sizes
        from ..report.power import power_summary

        sizes = parse_sizes(n) if n is not None else None
        result = compare_power(type=type_.value, n=sizes, delta=delta, sd=sd, power=power,
                               alpha=alpha, one_sided=one_sided, strict=strict)
        options = {"type": type_.value, "n": n, "delta": delta, "sd": sd, "power": power,
                   "alpha": alpha, "one_sided": one_sided, "strict": strict}
        language = lang.value if lang is not None else "nl"
        write_and_show("power compare", result.tables(), out=out, inputs=[], protected=[],
                       config=None, options=options, fmt=fmt, main="power",
                       rendered=power_summary(result, language), quiet=quiet, lang=language)


def _effects(values: list[str] | None, option: str) -> dict[str, float]:
    """``["reputatie=0.5", "x[b]=1"]`` → ``{"reputatie": 0.5, "x[b]": 1.0}``."""
    from ..errors import OptionError

    effects: dict[str, float] = {}
    for value in values or []:
        name, sep, number = value.partition("=")
        try:
            if not sep or not name.strip():
                raise ValueError
            effects[name.strip()] = float(number.replace(",", "."))
        except ValueError:
            raise OptionError(
                en=f"{option} {value!r}: write FACTOR=EFFECT in rating points, e.g. {option} "
                   "reputatie=0.5 (or reputatie[succesvol]=0.5).",
                nl=f"{option} {value!r}: schrijf FACTOR=EFFECT in punten van de beoordeling, "
                   f"bijvoorbeeld {option} reputatie=0.5 (of reputatie[succesvol]=0.5)."
            ) from None
    return effects


@power_app.command("vignette")
def power_vignette(
    config_path: FactorsConfigOpt,
    respondents: Annotated[str, typer.Option(
        "--respondents", "-n", metavar="N", help="Respondents (per group with --groups): 60, "
        "a list 20,40,60 or a range 20:100:10.", show_default=False)],
    effect: Annotated[list[str] | None, typer.Option(
        "--effect", metavar="FACTOR=B", help="True effect of a factor in rating points "
        "(repeat the option per factor; a factor with more levels: factor[level]=B). "
        "Factors without one have effect 0.", show_default=False)] = None,
    icc: Annotated[float | None, typer.Option(
        "--icc", help="Share of the rating variance between respondents (0 ≤ ICC < 1), with "
        "--sd.", show_default=False)] = None,
    sd: Annotated[float | None, typer.Option(
        "--sd", help="Total SD of a rating (with --icc; default 1).", show_default=False)
    ] = None,
    var_respondent: Annotated[float | None, typer.Option(
        "--var-respondent", help="Variance of the respondent intercepts (instead of --icc).",
        show_default=False)] = None,
    var_residual: Annotated[float | None, typer.Option(
        "--var-residual", help="Residual variance (instead of --icc).", show_default=False)
    ] = None,
    design_dir: Annotated[Path | None, typer.Option(
        "--design", metavar="DIR", help="Output folder of `design`: its deck.csv and "
        "design_sets.csv (respondent r rates set r mod S).", show_default=False)] = None,
    deck: Annotated[Path | None, typer.Option(
        "--deck", metavar="FILE", help="A deck file (vignette → levels) instead of --design; "
        "default: the full factorial of the config's factors.", show_default=False)] = None,
    vignettes_per_respondent: PowerPerRespondentOpt = None,
    groups: Annotated[str | None, typer.Option(
        "--groups", metavar="A,B", help="Two groups of different respondents, e.g. voor,na "
        "(default with --interaction: the config's vignette.group_order).",
        show_default=False)] = None,
    interaction: Annotated[list[str] | None, typer.Option(
        "--interaction", metavar="FACTOR=B", help="Change of a factor's effect in the second "
        "group (the pre/post interaction to detect).", show_default=False)] = None,
    group_shift: Annotated[float, typer.Option(
        "--group-shift", help="Difference in mean rating of the second group.")] = 0.0,
    simulations: Annotated[int, typer.Option(
        "--simulations", metavar="N", help="Simulated studies per sample size.")] = 1000,
    alpha: Annotated[float, typer.Option("--alpha", help="Significance level.")] = 0.05,
    target_power: Annotated[float, typer.Option(
        "--target-power", help="Power to reach: power_needed.csv and the summary give the "
        "smallest simulated number of respondents that reaches it.")] = 0.8,
    seed: SeedOpt = 1,
    figures: Annotated[bool, typer.Option(
        "--figures/--no-figures", help="Draw the power curve (figures/power_curve.png, "
        ".svg).")] = True,
    out: OutOpt = Path("out"),
    lang: LangOpt = None,
    fmt: FormatOpt = Format.table,
    quiet: QuietOpt = False,
    traceback: TracebackOpt = False,
) -> None:
    """Power of a planned vignette study by simulation: every simulated study is fitted with
    the mixed model of `vignette` (REML, Satterthwaite). Writes power.csv, power_needed.csv
    (how many respondents reach --target-power), figures/ and results.json into --out.
    """
    with handled(traceback):
        from ..analyses.power import parse_sizes
        from ..analyses.power_vignette import (
            deck_level_indices,
            variance_components,
            vignette_power,
        )
        from ..errors import OptionError
        from ..io.deck import read_deck, read_sets
        from ..report.power import power_summary
        from ..stats.design import full_factorial
        from .app import language_of, names

        config, factors = factors_config(config_path)
        if design_dir is not None and deck is not None:
            raise OptionError(en="give --design or --deck, not both.",
                              nl="geef --design of --deck, niet allebei.")
        inputs: list[object] = [config_path]
        sets = None
        if design_dir is not None:
            deck = design_dir / "deck.csv"
        if deck is not None:
            deck_data = read_deck(deck, "vignette")
            inputs.append(deck)
            levels = deck_level_indices(deck_data.frame, factors, str(deck))
            sets_path = design_dir / "design_sets.csv" if design_dir is not None else None
            if sets_path is not None and sets_path.is_file():
                sets, _ = read_sets(sets_path, deck_data)
                inputs.append(sets_path)
        else:
            levels = full_factorial([len(f.levels) for f in factors.values()])
        group_names = names(groups) or None
        if group_names is None and interaction and config.vignette.group_order:
            group_names = list(config.vignette.group_order)
        var_u, var_e = variance_components(icc, sd, var_respondent, var_residual)
        sizes = parse_sizes(respondents, "respondents")
        result = vignette_power(
            factors, levels, respondents=sizes,
            effects=_effects(effect, "--effect"),
            interactions=_effects(interaction, "--interaction"),
            var_respondent=var_u, var_residual=var_e, sets=sets,
            vignettes_per_respondent=vignettes_per_respondent, groups=group_names,
            group_shift=group_shift, simulations=simulations, alpha=alpha, seed=seed,
            target_power=target_power)
        language = language_of(lang, config)
        tables = result.tables()
        options = {"respondents": respondents, "effect": effect, "icc": icc, "sd": sd,
                   "var_respondent": var_respondent, "var_residual": var_residual,
                   "design": str(design_dir) if design_dir else None,
                   "deck": str(deck) if deck else None,
                   "vignettes_per_respondent": vignettes_per_respondent,
                   "groups": group_names, "interaction": interaction,
                   "group_shift": group_shift, "simulations": simulations, "alpha": alpha,
                   "target_power": target_power, "seed": seed}
        protected = [config_path, *([deck] if deck else [])]

        def curve(writer: "OutputWriter") -> None:
            if figures:
                from ..report.figures.power import write_power_figures

                write_power_figures(result, writer, language)

        write_and_show("power vignette", tables, out=out, inputs=inputs, protected=protected,
                       config=config, options=options, fmt=fmt, main="power",
                       rendered=power_summary(result, language), quiet=quiet, lang=language,
                       extra=curve)
