"""One render of each figure file (report.figures.plotting.tight_box): the tight box is
measured once, and a figure laid out by ``tight_layout`` is not laid out again by
``savefig`` before each file; the files are those of ``savefig(bbox_inches="tight")``."""

from __future__ import annotations

import io

import pytest

from maatwerk_stats.report.figures.plotting import figure_png, render_files, subplots


def laid_out_figure():
    fig, ax = subplots(figsize=(3, 2))
    ax.plot([1, 2, 3], [2, 1, 3])
    ax.set_yticks([1, 2, 3], ["één", "twee (n = 12)", "drie"])
    ax.set_title("Gemiddelde € 1,5")
    fig.legend(["lijn"], loc="lower center")
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    return fig


def tight_png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=300, bbox_inches="tight",
                metadata={"Software": None}, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def test_the_png_is_that_of_savefig_with_a_tight_box(tmp_path):
    render_files(laid_out_figure(), tmp_path / "f.png", tmp_path / "f.svg")
    assert (tmp_path / "f.png").read_bytes() == tight_png(laid_out_figure())
    assert figure_png(laid_out_figure()) == tight_png(laid_out_figure())


def test_text_is_laid_out_fewer_times_than_by_savefig(tmp_path, monkeypatch):
    """``savefig`` runs a whole layout pass before each file of a figure that has a layout
    engine, and ``tight_layout`` leaves a placeholder engine behind; ``render_files`` drops
    it, so a PNG + SVG pair shapes its texts three times (box, PNG, SVG), not five."""
    from matplotlib.text import Text

    calls = []
    original = Text._get_layout
    monkeypatch.setattr(Text, "_get_layout",
                        lambda self, renderer: calls.append(1) or original(self, renderer))

    def layouts(render) -> int:
        fig = laid_out_figure()
        calls.clear()
        render(fig)
        return len(calls)

    ours = layouts(lambda fig: render_files(fig, tmp_path / "a.png", tmp_path / "a.svg"))
    theirs = layouts(lambda fig: (fig.savefig(tmp_path / "b.png", dpi=300, bbox_inches="tight"),
                                  fig.savefig(tmp_path / "b.svg", bbox_inches="tight")))
    assert ours < 0.7 * theirs


@pytest.mark.parametrize("setting", ["figure.autolayout", "figure.constrained_layout.use"])
def test_the_placeholder_stays_where_no_engine_would_mean_a_new_layout(setting, tmp_path,
                                                                     monkeypatch):
    """With ``figure.autolayout`` or ``figure.constrained_layout.use`` set, "no engine"
    means a new tight or constrained layout at each save: the placeholder is kept."""
    import matplotlib
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    fig = laid_out_figure()
    monkeypatch.setitem(matplotlib.rcParams, setting, True)
    render_files(fig, tmp_path / "f.png", tmp_path / "f.svg")
    assert isinstance(fig.get_layout_engine(), PlaceHolderLayoutEngine)


def test_without_the_setting_the_placeholder_is_dropped(tmp_path):
    fig = laid_out_figure()
    render_files(fig, tmp_path / "f.png", tmp_path / "f.svg")
    assert fig.get_layout_engine() is None
