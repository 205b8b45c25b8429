"""The figure palette (report/figures/palette.py): WCAG contrast of every series colour
against the white background (1.4.11 non-text contrast: 3:1), of the percentages printed on
Likert bars (1.4.3: 4.5:1), and the colours that appear together stay apart for protanopes,
deuteranopes and tritanopes (Machado et al. 2009 simulation, CIELAB ΔE).

The contrast, the simulation and CIELAB are checked against R colorspace
(tests/reference/palette_colorspace.R → palette_colorspace.csv)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from maatwerk_stats.report.figures.palette import (
    BACKGROUND,
    CVD_MATRICES,
    GROUP_COLORS,
    LIKERT_COLORS,
    NEUTRAL,
    SERIES_COLORS,
    SLOPE_COLORS,
    cielab,
    contrast_ratio,
    likert_colors,
    min_delta_e,
    simulate_cvd,
    text_color_on,
)

REFERENCE = Path(__file__).parent / "reference" / "palette_colorspace.csv"
KINDS = [None, *CVD_MATRICES]  # normal vision, protan, deutan, tritan

# The colours that are drawn together in one figure. ΔE*ab ≥ 12 between any two of them: a
# difference of ~2.3 is just noticeable for large patches, and thin lines and small markers
# need several times that (Szafir 2018, "Modeling color difference for visualization design",
# IEEE TVCG 24(1)); 12 keeps them apart even as lines 1.2 pt wide.
TOGETHER = {
    "groups (scale means, vignette effects, team means)": GROUP_COLORS,
    "more groups or sites (vignette, compare waves, power)": SERIES_COLORS,
    "moderator low / mean / high (teams)": SLOPE_COLORS,
    "codes: hindering, promoting and others": (LIKERT_COLORS[0], LIKERT_COLORS[4],
                                               LIKERT_COLORS[1], LIKERT_COLORS[3], NEUTRAL),
    **{f"{k} answer categories (Likert)": tuple(likert_colors(k)) for k in range(2, 7)},
}
MIN_DELTA_E = 12.0


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    return pd.read_csv(REFERENCE)


def test_contrast_and_cielab_agree_with_r_colorspace(reference):
    for row in reference.itertuples(index=False):
        assert contrast_ratio(row.color, "#ffffff") == pytest.approx(row.contrast_white,
                                                                     abs=1e-9)
        # colorspace's D65 white point differs in the 4th decimal from ours: |Δ| < 0.01
        assert cielab(row.color) == pytest.approx([row.L, row.A, row.B], abs=0.01)


@pytest.mark.parametrize("kind", list(CVD_MATRICES))
def test_cvd_simulation_agrees_with_r_colorspace(reference, kind):
    for color, expected in zip(reference["color"], reference[kind], strict=True):
        got, want = simulate_cvd(color, kind), expected
        # the same matrices and clipping; the 8-bit rounding may differ by 1
        assert all(abs(int(got[i:i + 2], 16) - int(want[i:i + 2], 16)) <= 1
                   for i in (1, 3, 5)), (kind, color, got, want)


def test_known_contrast_ratios():
    assert contrast_ratio("#000000") == pytest.approx(21)
    assert contrast_ratio("#ffffff") == pytest.approx(1)
    assert contrast_ratio("#777777") == pytest.approx(4.48, abs=0.005)  # WebAIM's example
    assert contrast_ratio("#8fb8de") < 3  # the former light blue: why it was replaced


@pytest.mark.parametrize("name", list(TOGETHER))
def test_every_series_colour_has_3_to_1_contrast_against_the_background(name):
    low = {c: round(contrast_ratio(c, BACKGROUND), 2) for c in TOGETHER[name]
           if contrast_ratio(c, BACKGROUND) < 3}
    assert low == {}, f"{name}: below WCAG 1.4.11's 3:1 against {BACKGROUND}: {low}"


@pytest.mark.parametrize("name", list(TOGETHER))
@pytest.mark.parametrize("kind", KINDS, ids=["normal", *CVD_MATRICES])
def test_colours_drawn_together_stay_apart_with_colour_vision_deficiencies(name, kind):
    assert min_delta_e(TOGETHER[name], kind) >= MIN_DELTA_E, (name, kind)


@pytest.mark.parametrize("k", range(2, 8))
def test_percentages_on_likert_bars_have_4_5_to_1_contrast(k):
    for fill in likert_colors(k):
        assert contrast_ratio(text_color_on(fill), fill) >= 4.5, fill


def test_likert_scale_is_the_palette_and_runs_from_red_to_blue():
    assert likert_colors(5) == list(LIKERT_COLORS)
    three = likert_colors(3)
    assert three[0] == LIKERT_COLORS[0] and three[-1] == LIKERT_COLORS[-1]
    assert three[1] == LIKERT_COLORS[2]  # an odd number keeps the neutral grey in the middle
    assert len(set(likert_colors(6))) == 6


def test_the_check_can_fail():
    """The former palette fails the checks this one passes."""
    assert min(contrast_ratio(c) for c in ("#8fb8de", "#ef8a62", "#d9d9d9", "#67a9cf")) < 3
    dark2 = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d")
    assert min_delta_e(dark2, "protan") < MIN_DELTA_E
