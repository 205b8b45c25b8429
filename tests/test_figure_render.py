"""One render of each figure file (report.figures.plotting.tight_box, write_png): the tight
box is measured once, a figure laid out by ``tight_layout`` is not laid out again by
``savefig`` before each file, and the PNG has the pixels of
``savefig(bbox_inches="tight")``, in RGB when opaque."""

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


def tight_png(fig, **pad) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=300, bbox_inches="tight",
                metadata={"Software": None}, pil_kwargs={"compress_level": 1}, **pad)
    return buffer.getvalue()


def test_the_png_is_that_of_savefig_with_a_tight_box(tmp_path):
    import numpy as np

    render_files(laid_out_figure(), tmp_path / "f.png", tmp_path / "f.svg")
    theirs = pixels(tight_png(laid_out_figure()))[2]
    assert np.array_equal(pixels((tmp_path / "f.png").read_bytes())[2], theirs)
    # the factsheet's embedded figures: a 0.5 mm margin (printed at their drawn width)
    assert np.array_equal(pixels(figure_png(laid_out_figure()))[2],
                          pixels(tight_png(laid_out_figure(), pad_inches=0.02))[2])


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


def pixels(data: bytes):
    import numpy as np
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    return image.mode, image.info.get("dpi"), np.asarray(image.convert("RGBA"))


def test_an_opaque_png_is_rgb_with_the_pixels_of_matplotlibs_rgba_png():
    import numpy as np

    ours = figure_png(laid_out_figure())
    mode, dpi, data = pixels(ours)
    their_mode, their_dpi, theirs = pixels(tight_png(laid_out_figure(), pad_inches=0.02))
    assert (mode, their_mode) == ("RGB", "RGBA")
    assert dpi == pytest.approx(their_dpi) and dpi == pytest.approx((300, 300), abs=0.01)
    assert data.shape == theirs.shape and np.array_equal(data, theirs)
    assert len(ours) < len(tight_png(laid_out_figure(), pad_inches=0.02))
    assert b"Software" not in ours and b"tEXt" not in ours


def test_a_transparent_figure_keeps_its_alpha_channel():
    import numpy as np

    fig = laid_out_figure()
    fig.patch.set_alpha(0.0)
    mode, _, data = pixels(figure_png(fig))
    fig = laid_out_figure()
    fig.patch.set_alpha(0.0)
    assert mode == "RGBA"
    assert np.array_equal(data, pixels(tight_png(fig, pad_inches=0.02))[2])


def test_an_unforeseen_canvas_size_falls_back_to_matplotlibs_png(tmp_path):
    """Should matplotlib size the cropped canvas otherwise than ``int(inches × dpi)``, the
    PNG is matplotlib's own (same pixels), not a misread buffer."""
    import numpy as np

    from maatwerk_stats.report.figures.plotting import tight_box, write_png

    fig = laid_out_figure()
    savefig = fig.savefig

    def padded(target, **kwargs):
        savefig(target, **kwargs)
        if kwargs.get("format") == "rgba":
            target.write(b"\0")  # one byte more than foreseen

    fig.savefig = padded
    write_png(fig, tmp_path / "f.png", tight_box(fig))
    mode, _, data = pixels((tmp_path / "f.png").read_bytes())
    assert mode == "RGBA"
    assert np.array_equal(data, pixels(tight_png(laid_out_figure()))[2])
