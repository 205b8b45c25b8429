"""``plotting.tight_layout`` measures each axes' tight box once where matplotlib's
``tight_layout(rect=…)`` measures it twice, and lays the figure out exactly as that does."""

from __future__ import annotations

from pathlib import Path

import matplotlib.artist as martist
import pytest

from maatwerk_stats import compare, load_config
from maatwerk_stats.report.figures import compare as figures
from maatwerk_stats.report.figures.compare import (
    FigureGroups,
    forest_data,
    forest_figure,
    likert_data,
    likert_figure,
)
from maatwerk_stats.report.figures.plotting import render_files, subplots, tight_layout

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def drawings():
    result = compare(ROOT / "data" / "demo" / "pre.sav", ROOT / "data" / "demo" / "post.sav",
                     config=load_config(ROOT / "configs" / "leeratelier.toml"))
    groups = FigureGroups(result.groups, result.group_labels, result.adjust)
    return [lambda: likert_figure(groups, "nl", data=likert_data(result)),
            lambda: forest_figure(groups, "en", data=forest_data(result))]


def _plain(fig, rect):
    fig.tight_layout(rect=rect)


def _counted(monkeypatch):
    calls = []
    measure = martist._get_tightbbox_for_layout_only

    def counted(obj, *args, **kwargs):
        calls.append(obj)
        return measure(obj, *args, **kwargs)

    monkeypatch.setattr(martist, "_get_tightbbox_for_layout_only", counted)
    return calls


@pytest.mark.parametrize("which", [0, 1])
def test_the_layout_is_matplotlibs_with_half_the_measuring(drawings, monkeypatch, tmp_path,
                                                          which):
    draw = drawings[which]
    fig = draw()
    ours = fig.subplotpars
    with monkeypatch.context() as patch:
        patch.setattr(figures, "tight_layout", _plain)
        plain = draw()
    for side in ("left", "right", "top", "bottom"):
        assert getattr(ours, side) == getattr(plain.subplotpars, side)
    render_files(fig, tmp_path / "a.png", tmp_path / "a.svg")
    render_files(plain, tmp_path / "b.png", tmp_path / "b.svg")
    for ext in ("png", "svg"):
        assert (tmp_path / f"a.{ext}").read_bytes() == (tmp_path / f"b.{ext}").read_bytes()


def _two_panels():
    fig, axes = subplots(2, 1, figsize=(4, 4))
    for ax in axes:
        ax.set_title("een titel")
        ax.set_yticks([0, 1], ["een lange ticklabel", "b"])
    return fig, list(axes)


def test_each_axes_is_measured_once(monkeypatch):
    calls = _counted(monkeypatch)
    fig, axes = _two_panels()
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    assert [obj for obj in calls if obj in axes] == axes * 2  # matplotlib: in both passes
    plain = fig.subplotpars
    calls.clear()
    fig, axes = _two_panels()
    tight_layout(fig, rect=(0, 0.1, 1, 1))
    assert [obj for obj in calls if obj in axes] == axes
    for side in ("left", "right", "top", "bottom", "hspace"):
        assert getattr(fig.subplotpars, side) == getattr(plain, side)
    assert martist._get_tightbbox_for_layout_only.__name__ == "counted"  # put back
