"""The vignette figures, tested on the data they draw (not on pixels), and the terminal
renderings."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from maatwerk_stats import vignette
from maatwerk_stats.io.write import OutputWriter
from maatwerk_stats.report.console.vignette import (
    coefficients_table,
    design_summary,
    influence_table,
)
from maatwerk_stats.report.figures.palette import GROUP_COLORS
from maatwerk_stats.report.figures.vignette import (
    coefficient_figure,
    coefficient_plot_data,
    group_colors,
    marginal_means_figure,
    marginal_means_plot_data,
    write_vignette_figures,
)

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
CONFIG = ROOT / "configs" / "leeratelier.toml"


@pytest.fixture(scope="module")
def result():
    return vignette(DEMO / "vignetten.csv", CONFIG)


def test_coefficient_plot_draws_the_simple_effects_of_the_primary_model(result):
    data = coefficient_plot_data(result)
    table = result.coefficients
    expected = table[(table["model"] == "mixed") & (table["term"] != "Intercept")
                     & (table["group"] != "all")]
    assert len(data) == len(expected) == 6
    merged = data.merge(expected, on=["group", "term"], suffixes=("", "_table"))
    assert len(merged) == 6
    for column in ("estimate", "conf_low", "conf_high"):
        assert (merged[column] == merged[f"{column}_table"]).all()
    # effects from the top in factor order, groups side by side around the same row
    assert list(data.drop_duplicates("y")["factor"]) == [
        "reputatie", "hulpbehoevendheid", "capaciteiten"]
    voor = data[data["group"] == "voor"]
    na = data[data["group"] == "na"]
    assert (voor["y_plot"].to_numpy() < na["y_plot"].to_numpy()).all()
    assert set(data["group_label"]) == {"Vóór het Leeratelier", "Na het Leeratelier"}
    assert data["label"].iloc[0] == (
        "Reputatie: schuldhulp succesvol\n(vs. schuldhulp niet succesvol)")


def test_marginal_means_plot_draws_every_level_per_group(result):
    data = marginal_means_plot_data(result, "en")
    table = result.marginal_means
    expected = table[(table["model"] == "mixed") & (table["group"] != "all")]
    assert len(data) == len(expected) == 12
    merged = data.merge(expected, on=["factor", "level", "group"], suffixes=("", "_table"))
    assert (merged["estimate"] == merged["estimate_table"]).all()
    # the reference level sits left (x = 0)
    reference = data[data["x"] == 0]
    assert set(reference["level"]) == {"niet_succesvol", "goed_ter_been", "slecht_voorbereid"}
    assert set(data["level_label"]) >= {"goed ter been", "slecht ter been"}


def test_figures_follow_the_fallback_model():
    """When a result's primary model is ols_cluster, the figures draw ols_cluster."""
    result = vignette(DEMO / "vignetten.csv", CONFIG, model="ols_cluster")
    data = coefficient_plot_data(result)
    table = result.coefficients
    ols = table[(table["model"] == "ols_cluster") & (table["term"] == data["term"].iloc[0])
                & (table["group"] == data["group"].iloc[0])]
    assert data["conf_low"].iloc[0] == ols["conf_low"].iloc[0]


def test_figures_are_written_as_png_and_svg(result, tmp_path):
    with OutputWriter(tmp_path / "out") as writer:
        names = write_vignette_figures(result, writer, "nl")
    assert names == ["figures/vignette_coefficients.png", "figures/vignette_coefficients.svg",
                     "figures/vignette_marginal_means.png",
                     "figures/vignette_marginal_means.svg"]
    png = (tmp_path / "out" / names[0]).read_bytes()
    assert png.startswith(b"\x89PNG")
    assert b"<svg" in (tmp_path / "out" / names[1]).read_bytes()[:500]


def test_figure_axes_and_legends_say_what_is_drawn(result):
    fig = coefficient_figure(result, "nl")
    ax = fig.axes[0]
    fig.canvas.draw()
    assert ax.get_title(loc="left") == "Effecten van de kenmerken"
    assert ax.get_xlabel().startswith("Effect op bereidheid om maatwerk te leveren")
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "Vóór het Leeratelier", "Na het Leeratelier"]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert "0,5" in ticks and all("." not in t for t in ticks)  # Dutch decimal commas
    fig = marginal_means_figure(result, "en")
    assert [a.get_title(loc="center") for a in fig.axes[:3]] == [
        "Reputatie", "Hulpbehoevendheid", "Capaciteiten"]


def test_group_colours():
    assert len(set(group_colors(5))) == 5
    assert group_colors(2) == list(GROUP_COLORS)


def test_terminal_tables(result):
    text = influence_table(result, "nl")
    lines = text.splitlines()
    assert lines[0] == "Invloed van de kenmerken"
    rows = {line.split("  ")[0]: [c.strip() for c in line.split("  ") if c.strip()][1:]
            for line in lines[3:6]}
    assert rows == {"Reputatie": ["Geen invloed", "Matige invloed"],
                    "Hulpbehoevendheid": ["Veel invloed", "Veel invloed"],
                    "Capaciteiten": ["Geen invloed", "Matige invloed"]}
    assert "Strong influence" in influence_table(result, "en")
    coefficients = coefficients_table(result, "nl")
    assert "Hulpbehoevendheid: slecht ter been (vs. goed ter been)" in coefficients
    assert "1,24" in coefficients  # Dutch decimal comma
    summary = design_summary(result, "nl")
    assert "Steeds hetzelfde oordeel" in summary and "236" not in summary  # id: in the file
    assert "1 (nummers in vignette_design.csv)" in summary
    assert isinstance(result.tables()["vignette_design"], pd.DataFrame)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_coefficient_figure_stays_within_its_width(result, lang):
    """The effect axis' label is wrapped to the axes' width: one line, centred under the axes
    (which begin right of the effect labels), reached past the figure's right edge."""
    from maatwerk_stats.report.figures.vignette import coefficient_figure

    fig = coefficient_figure(result, lang)
    fig.canvas.draw()
    label = fig.axes[0].xaxis.label
    assert "\n" in label.get_text()
    assert label.get_window_extent(fig.canvas.get_renderer()).x1 <= fig.bbox.x1
