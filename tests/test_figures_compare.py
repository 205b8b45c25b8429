"""The data behind the compare figures (not pixels), and that the files are written."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from maatwerk_stats import compare, load_config, read_data, score_scales
from maatwerk_stats.io.write import OutputWriter
from maatwerk_stats.report.figures.compare import (
    STEMS,
    forest_data,
    likert_data,
    scale_means_data,
    write_figures,
)

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
CONFIG = load_config(ROOT / "configs" / "leeratelier.toml")


@pytest.fixture(scope="module")
def result():
    return compare(DEMO / "pre.sav", DEMO / "post.sav", config=CONFIG)


def test_scale_means_are_one_sample_t_intervals(result):
    data = scale_means_data(result)
    assert len(data) == 6
    scored = score_scales(read_data(DEMO / "post.sav"), CONFIG).scores
    row = data[(data["scale"] == "regie") & (data["group"] == "na")].iloc[0]
    values = scored["regie"].dropna()
    interval = stats.ttest_1samp(values, 0).confidence_interval(0.95)
    assert row["n"] == len(values)
    assert row["mean"] == pytest.approx(values.mean(), abs=1e-12)
    assert (row["conf_low"], row["conf_high"]) == pytest.approx(
        (interval.low, interval.high), abs=1e-10)
    assert (row["range_low"], row["range_high"]) == (1, 5)
    assert row["group_label"] == "Na" and row["label"] == "Regie"


def test_likert_bars_centre_the_neutral_category(result):
    data = likert_data(result)
    # 12 items × 2 measurements × 5 categories
    assert len(data) == 120
    for (_item, _group), part in data.groupby(["item", "group"]):
        part = part.sort_values("answer")  # the bars run in the order of the answers
        assert part["percent"].sum() == pytest.approx(100)
        neutral = part[part["answer"] == 3].iloc[0]
        assert neutral["left"] == pytest.approx(-neutral["right"])
        assert np.allclose(part["right"].to_numpy()[:-1], part["left"].to_numpy()[1:])
    # the percentages are those of the answers (after reverse coding, 9 left out)
    items = score_scales(read_data(DEMO / "pre.sav"), CONFIG).items["samenwerking_3"].dropna()
    bar = data[(data["item"] == "samenwerking_3") & (data["group"] == "voor")]
    expected = [100 * (items == v).mean() for v in (1, 2, 3, 4, 5)]
    assert bar.sort_values("value")["percent"].tolist() == pytest.approx(expected)


def test_likert_of_a_reversed_item_shows_the_answers_under_their_own_labels(result, tmp_path):
    """Issue 11: the bars of a reverse-keyed item were the reverse-coded values under the
    legend of the original answers. Every bar segment must carry the answer label that
    compare_distribution.csv gives its respondents, and the legend colour of that label."""
    from matplotlib.patches import Rectangle

    from maatwerk_stats.report.figures.compare import likert_figure, likert_legend

    data = likert_data(result)
    legend = likert_legend(data, "nl")
    assert legend == {1.0: "helemaal mee oneens", 2.0: "mee oneens", 3.0: "neutraal",
                      4.0: "mee eens", 5.0: "helemaal mee eens"}
    dist = result.distribution
    for reversed_, expected_items in ((True, {"samenwerking_3"}), (False, None)):
        part = data[data["reversed"] == reversed_]
        if expected_items:
            assert set(part["item"]) == expected_items
        merged = part.merge(dist, on=["item", "group", "value"], suffixes=("", "_table"))
        assert len(merged) == len(part)
        # the figure's answer label and percent are the table's, and the legend agrees
        assert (merged["value_label"] == merged["value_label_table"]).all()
        assert np.allclose(merged["percent"], merged["percent_table"])
        assert (merged["answer"].map(legend) == merged["value_label"]).all()
    # "helemaal mee oneens" (stored 1) of the reversed item is its scored value 5
    bar = data[(data["item"] == "samenwerking_3") & (data["group"] == "na")]
    disagree = bar[bar["value_label"] == "helemaal mee oneens"].iloc[0]
    assert disagree["answer"] == 1 and disagree["value"] == 5
    table = dist[(dist["item"] == "samenwerking_3") & (dist["group"] == "na")
                 & (dist["value_label"] == "helemaal mee oneens")]
    assert disagree["percent"] == pytest.approx(table["percent"].iloc[0])
    assert disagree["left"] == bar["left"].min()  # the leftmost segment, as in the legend

    # the drawn figure: the segment of the reversed item's disagreeing answers has the colour
    # that the legend gives to "helemaal mee oneens"
    fig = likert_figure(result, "nl")
    handles = {text.get_text(): patch.get_facecolor() for patch, text in
               zip(fig.legends[0].get_patches(), fig.legends[0].get_texts(), strict=True)}
    ax = fig.axes[0]
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    match = [p for p in bars if p.get_x() == pytest.approx(disagree["left"])
             and p.get_width() == pytest.approx(disagree["percent"])]
    assert match, "no bar segment for the reversed item's 'helemaal mee oneens'"
    assert match[0].get_facecolor() == handles["helemaal mee oneens"]
    labels = " ".join(t.get_text() for t in ax.texts)
    assert "omgepoold in de schaalscore" in labels


def test_even_number_of_categories_centres_between_the_middle_two(tmp_path):
    import pandas as pd

    from maatwerk_stats.config import parse_config

    path = tmp_path / "four.csv"
    pd.DataFrame({"meting": ["voor"] * 4 + ["na"] * 4, "s_1": [1, 2, 2, 3, 2, 3, 4, 4],
                  "s_2": [1, 1, 2, 2, 3, 3, 4, 4]}).to_csv(path, index=False)
    config = parse_config({"scales": {"s": {"items": ["s_1", "s_2"], "range": [1, 4]}},
                           "groups": {"column": "meting", "order": ["voor", "na"]}})
    data = likert_data(compare(path, config=config))
    assert set(data["value"]) == {1, 2, 3, 4}
    for (_item, _group), part in data.groupby(["item", "group"]):
        part = part.set_index("value")
        assert part.loc[2, "right"] == pytest.approx(0)  # 0 between categories 2 and 3
        assert part.loc[3, "left"] == pytest.approx(0)
    na = data[(data["item"] == "s_1") & (data["group"] == "na")].set_index("value")
    assert na["percent"].tolist() == [0, 25, 25, 50]
    assert na.loc[1, "left"] == pytest.approx(-25)


def _mixed_ranges(tmp_path):
    """A 1–7 scale beside a 1–5 scale (with a reverse-keyed item), as ``init`` writes them
    for a questionnaire that mixes the two (the walk-through's zelfeffectiviteit and
    tevredenheid)."""
    import pandas as pd

    from maatwerk_stats.config import parse_config

    rng = np.random.default_rng(7)
    n = 24
    frame = pd.DataFrame({"meting": ["T0"] * n + ["T1"] * n,
                          **{f"z_{k}": rng.integers(1, 8, 2 * n) for k in (1, 2)},
                          **{f"t_{k}": rng.integers(1, 6, 2 * n) for k in (1, 2)}})
    path = tmp_path / "mixed.csv"
    frame.to_csv(path, index=False)
    config = parse_config({
        "scales": {"zelf": {"label": "Zelfeffectiviteit", "items": ["z_1", "z_2"],
                            "range": [1, 7]},
                   "tevr": {"label": "Tevredenheid", "items": ["t_1", "t_2"],
                            "reverse": ["t_2"], "range": [1, 5]}},
        "groups": {"column": "meting", "order": ["T0", "T1"]}})
    return compare(path, config=config)


def test_mixed_ranges_are_centred_and_coloured_on_each_items_own_scale(tmp_path):
    """Issue (walk-through d1): with a 1–7 and a 1–5 scale, one 1–7 colour map served every
    item, so a 1–5 item's neutral 3 was drawn in "disagree" red and its 4 in neutral grey.
    Each item's categories, neutral answer and colours are now its own scale's."""
    from maatwerk_stats.report.figures.compare import likert_keys
    from maatwerk_stats.report.figures.palette import LIKERT_COLORS, likert_colors

    data = likert_data(_mixed_ranges(tmp_path))
    grey = LIKERT_COLORS[2]
    for scale, key, neutral, k in (("zelf", "1–7", 4.0, 7), ("tevr", "1–5", 3.0, 5)):
        part = data[data["scale"] == scale]
        assert set(part["answers"]) == {key} and set(part["neutral"]) == {neutral}
        colors = dict(zip(part["answer"], part["color"], strict=True))
        assert colors == dict(zip(map(float, range(1, k + 1)), likert_colors(k), strict=True))
        assert colors[neutral] == grey  # the neutral answer grey, the ones beside it not
        assert grey not in (colors[neutral - 1], colors[neutral + 1])
        for (_item, _group), bar in part.groupby(["item", "group"]):
            middle = bar[bar["answer"] == neutral].iloc[0]
            assert middle["left"] == pytest.approx(-middle["right"])  # centred on its 0
    # the reverse-keyed 1–5 item: coloured by the answers as given, as its legend says
    reversed_ = data[data["item"] == "t_2"]
    assert reversed_["reversed"].all()
    assert (reversed_["color"] == reversed_["answer"].map(
        dict(zip(map(float, range(1, 6)), likert_colors(5), strict=True)))).all()
    keys = likert_keys(data)
    assert [(key, scales) for key, scales, _rows in keys] == [
        ("1–7", ["Zelfeffectiviteit"]), ("1–5", ["Tevredenheid"])]
    assert sorted(i for _key, _scales, rows in keys for i in rows) == list(range(len(data)))


def test_mixed_ranges_get_a_legend_per_range_under_the_chart(tmp_path):
    """The drawn chart: one legend per range, named after its scales, each giving the
    colours its items' segments have; a header names each scale's range; the legends stay
    within the figure, apart from each other and from the axes."""
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Rectangle

    from maatwerk_stats.report.figures.compare import FigureGroups, likert_figure
    from maatwerk_stats.report.figures.palette import LIKERT_COLORS, likert_colors

    result = _mixed_ranges(tmp_path)
    data = likert_data(result)
    fig = likert_figure(FigureGroups(result.groups, result.group_labels), "nl", data=data)
    ax = fig.axes[0]
    # every segment (drawn in the rows' order, the empty ones left out) has its scale's
    # colour: a 1–5 item's neutral 3 grey (it was the 1–7 scale's "3", red)
    steps = {"zelf": likert_colors(7), "tevr": likert_colors(5)}
    shown = data[data["percent"] > 0]
    expected = [to_rgba(steps[scale][int(answer) - 1])
                for scale, answer in zip(shown["scale"], shown["answer"], strict=True)]
    bars = [p.get_facecolor() for p in ax.patches if isinstance(p, Rectangle)]
    assert bars == expected
    assert steps["tevr"][2] == steps["zelf"][3] == LIKERT_COLORS[2]
    titles = [legend.get_title().get_text() for legend in fig.legends]
    assert titles == ["Zelfeffectiviteit: antwoorden 1–7", "Tevredenheid: antwoorden 1–5"]
    for legend, (scale, k) in zip(fig.legends, (("zelf", 7), ("tevr", 5)), strict=True):
        texts = [t.get_text() for t in legend.get_texts()]
        assert texts == [str(v) for v in range(1, k + 1)]
        part = data[data["scale"] == scale]
        colors = dict(zip(part["answer"], part["color"], strict=True))
        handles = [patch.get_facecolor() for patch in legend.get_patches()]
        assert handles == [to_rgba(colors[float(v)]) for v in range(1, k + 1)]
    texts = [t.get_text() for t in ax.texts]
    assert "Zelfeffectiviteit (antwoorden 1–7)" in texts
    assert "Tevredenheid (antwoorden 1–5)" in texts
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [legend.get_window_extent(renderer) for legend in fig.legends]
    axes_box = ax.get_tightbbox(renderer)
    figure_box = fig.bbox
    for box in boxes:
        assert box.y1 < axes_box.y0 and box.y0 >= figure_box.y0 and box.x1 <= figure_box.x1
    assert boxes[1].y1 < boxes[0].y0


def test_a_scale_without_range_centres_both_measurements_on_the_same_answer(tmp_path):
    """Without a declared range only the answers given are listed: here 1–4 before and
    2–5 after. Both bars are centred on 3, the middle of the scale's answers 1–5 (before:
    the middle of each measurement's own answers, 2,5 before and 3,5 after)."""
    import pandas as pd

    from maatwerk_stats.config import parse_config

    path = tmp_path / "norange.csv"
    pd.DataFrame({"meting": ["voor"] * 4 + ["na"] * 4,
                  "s_1": [1, 2, 3, 4, 2, 3, 4, 5], "s_2": [1, 2, 3, 4, 2, 3, 4, 5]}
                 ).to_csv(path, index=False)
    config = parse_config({"scales": {"s": {"items": ["s_1", "s_2"]}},
                           "groups": {"column": "meting", "order": ["voor", "na"]}})
    data = likert_data(compare(path, config=config))
    for (_item, _group), bar in data.groupby(["item", "group"]):
        middle = bar.set_index("answer").loc[3.0]
        assert middle["left"] == pytest.approx(-12.5) and middle["right"] == pytest.approx(12.5)
    voor = data[(data["item"] == "s_1") & (data["group"] == "voor")].set_index("answer")
    assert voor.loc[1.0, "left"] == pytest.approx(-62.5)
    assert set(data["answers"]) == {"1–5"} and set(data["neutral"]) == {3.0}


def test_forest_data_are_the_item_differences(result):
    data = forest_data(result)
    items = result.items
    assert data["variable"].tolist() == items["variable"].tolist()
    assert data["mean_diff"].tolist() == items["mean_diff"].tolist()
    assert data["diff_conf_low"].tolist() == items["diff_conf_low"].tolist()
    assert data["significant"].tolist() == (items["p_adjusted"] < 0.05).tolist()
    assert data["scale_label"].iloc[0] == "Samenwerking"


@pytest.fixture(scope="module")
def paired():
    return compare(DEMO / "gewogen_maatwerk.sav",
                   config=load_config(ROOT / "configs" / "gewogen_maatwerk.toml"))


def test_forest_markers_agree_with_the_intervals(paired):
    """Issue 11: an item whose unadjusted CI excludes 0 was drawn "not significant" (Holm)
    without saying why. Such items get their own, half-filled marker and legend entry."""
    from maatwerk_stats.report.figures.compare import forest_figure

    data = forest_data(paired)
    excludes_zero = (data["diff_conf_low"] > 0) | (data["diff_conf_high"] < 0)
    # the t-test's CI excludes 0 exactly when its unadjusted p < .05
    assert (excludes_zero == (data["p_value"] < 0.05)).all()
    assert (data.loc[data["significant"], "marking"] == "significant").all()
    assert (data.loc[excludes_zero & ~data["significant"], "marking"] == "uncorrected").all()
    assert (data.loc[~excludes_zero, "marking"] == "not_significant").all()
    # the paired demo has such items (attitude_1: CI [0,08; 0,60], p = 0,134 after Holm)
    row = data[data["variable"] == "attitude_1"].iloc[0]
    assert row["diff_conf_low"] > 0 and row["p_adjusted"] > 0.05
    assert row["marking"] == "uncorrected"
    fig = forest_figure(paired, "nl")
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["significant na Holm-correctie", "alleen zonder correctie significant",
                      "niet significant"]
    assert "zonder correctie" in fig.get_suptitle()


def test_the_forest_plot_stays_within_its_width(paired):
    """The title stands above the whole figure (it reached 2 cm past the right edge of the
    17 cm figure when it stood above the axes): the PNG is the figure's width plus the
    margins, and is drawn once (nothing beyond the canvas)."""
    from maatwerk_stats.report.figures import plotting
    from maatwerk_stats.report.figures.compare import forest_figure

    fig = forest_figure(paired, "nl")
    _pixels, box = plotting.rasterise(fig)
    assert box.width <= 17 * plotting.CM + 2 * 0.1 + 2 / 300
    assert fig.get_tightbbox().x1 <= fig.get_figwidth()


@pytest.mark.parametrize("lang", ["en"])  # nl: every factsheet test draws them in Dutch
def test_figures_are_written_as_png_and_svg(result, tmp_path, lang):
    with OutputWriter(tmp_path / "out") as writer:
        files = write_figures(result, writer, lang)
    assert files == [f"figures/{stem}.{ext}" for stem in STEMS for ext in ("png", "svg")]
    for name in files:
        assert (tmp_path / "out" / name).stat().st_size > 1000
    from PIL import Image

    with Image.open(tmp_path / "out" / "figures" / "compare_scale_means.png") as image:
        assert round(image.info["dpi"][0]) == 300


def test_items_that_are_not_likert_items_get_no_bar_chart(tmp_path):
    """R's sleep data: hours with decimals — no stacked bars, the other figures are drawn."""
    reference = ROOT / "tests" / "reference"
    sleep = compare(reference / "data" / "sleep.csv",
                    config=load_config(reference / "sleep.toml"))
    assert likert_data(sleep).empty
    with OutputWriter(tmp_path / "out") as writer:
        files = write_figures(sleep, writer)
    assert [Path(f).stem for f in files[::2]] == ["compare_scale_means",
                                                  "compare_items_forest"]
    means = scale_means_data(sleep)
    assert means["range_low"].isna().all()  # no declared range: the axes fit the data


def test_figure_jobs_hold_tables_not_the_analysis(result, tmp_path, monkeypatch):
    """The jobs sent to the figure process pickle the tables and FigureGroups, not the
    Comparison (the figure process does not import the analysis modules to unpickle them),
    and draw the same files as the figures drawn from the Comparison itself."""
    import pickle

    from maatwerk_stats.report.figures import compare as figures
    from maatwerk_stats.report.figures import plotting

    sent = []

    def submit(job):
        sent.append(pickle.dumps(job))
        pickle.loads(sent[-1])()  # as the figure process: unpickled, then run
        return lambda complete: None

    monkeypatch.setattr(plotting, "submit_job", submit)
    with OutputWriter(tmp_path / "out") as writer:
        write_figures(result, writer, "en")
    assert len(sent) == 3
    assert not [job for job in sent if b"maatwerk_stats.analyses" in job]
    drawings = {"compare_scale_means": figures.scale_means_figure,
                "compare_items_likert": figures.likert_figure,
                "compare_items_forest": figures.forest_figure}
    for stem, draw in drawings.items():
        plotting.render_files(draw(result, "en"), tmp_path / "a.png", tmp_path / "a.svg")
        for ext in ("png", "svg"):
            assert (tmp_path / "out" / "figures" / f"{stem}.{ext}").read_bytes() == (
                tmp_path / f"a.{ext}").read_bytes(), (stem, ext)


def test_the_likert_chart_started_from_the_distributions_is_the_same(result, tmp_path):
    """compare starts the stacked bar chart from the answer distributions, before the tests
    (on_distribution, start_likert): the same files, listed in the same order, as when
    write_figures draws all three."""
    from maatwerk_stats.report.figures.compare import start_likert

    seen = []
    again = compare(DEMO / "pre.sav", DEMO / "post.sav", config=CONFIG,
                    on_distribution=seen.append)
    assert len(seen) == 1 and seen[0].distribution is again.distribution
    assert (seen[0].groups, seen[0].group_labels, seen[0].scale_configs) == (
        again.groups, again.group_labels, again.scale_configs)
    assert seen[0].n_items == len(again.items)
    with OutputWriter(tmp_path / "all") as writer:
        write_figures(result, writer, "en")
        together = list(writer.files)
    with OutputWriter(tmp_path / "early") as writer:
        likert = start_likert(seen[0], writer, "en")
        assert likert == ["figures/compare_items_likert.png", "figures/compare_items_likert.svg"]
        files = write_figures(again, writer, "en", likert=likert)
        early = list(writer.files)
    assert early == together == files
    for name in together:
        assert (tmp_path / "early" / name).read_bytes() == (tmp_path / "all" / name).read_bytes()


def test_the_distributions_come_before_the_tests(monkeypatch):
    from maatwerk_stats.stats import twosample

    events = []
    t_test = twosample.t_test_independent
    monkeypatch.setattr(twosample, "t_test_independent",
                        lambda *a, **k: events.append("test") or t_test(*a, **k))
    compare(DEMO / "pre.sav", DEMO / "post.sav", config=CONFIG,
            on_distribution=lambda d: events.append("distribution"))
    assert events[0] == "distribution" and events.count("distribution") == 1
    assert "test" in events
