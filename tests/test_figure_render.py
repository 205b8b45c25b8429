"""One render of each figure file (report.figures.plotting.rasterise, encode_png): the figure
is laid out and drawn once on its Agg canvas at 300 dpi, the PNG is cut out of that canvas on
whole pixels with the pixels of ``savefig`` of the same box (in RGB when opaque), a figure
laid out by ``tight_layout`` is not laid out again by ``savefig``, and the SVG has the same
box."""

from __future__ import annotations

import io

import pytest

from maatwerk_stats.report.figures.plotting import (
    encode_png,
    figure_png,
    rasterise,
    render_files,
    subplots,
)


def laid_out_figure():
    fig, ax = subplots(figsize=(3, 2))
    ax.plot([1, 2, 3], [2, 1, 3])
    ax.set_yticks([1, 2, 3], ["één", "twee (n = 12)", "drie"])
    ax.set_title("Gemiddelde € 1,5")
    # anchored in figure coordinates, as every figure legend here (without an anchor savefig
    # would place the legend at the foot of its box, not where the layout put it)
    fig.legend(["lijn"], loc="lower center", bbox_to_anchor=(0.5, 0.0))
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    return fig


def savefig_png(fig, bbox_inches="tight", **pad) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=300, bbox_inches=bbox_inches,
                metadata={"Software": None}, pil_kwargs={"compress_level": 1}, **pad)
    return buffer.getvalue()


def test_the_png_is_that_of_savefig_with_the_same_box(tmp_path):
    """The PNG has exactly the pixels ``savefig`` draws for the box; the box is the tight
    one (padded) widened to whole pixels, and reaches beyond the figure here (the legend
    sits on its lower edge): the padding there is the figure's white, as in savefig."""
    import numpy as np

    render_files(laid_out_figure(), tmp_path / "f.png", tmp_path / "f.svg")
    fig = laid_out_figure()
    pixels, box = rasterise(fig)
    assert box.y0 < 0  # the padded box reaches below the figure
    ours = decoded((tmp_path / "f.png").read_bytes())[2]
    assert np.array_equal(ours, decoded(savefig_png(laid_out_figure(), box))[2])
    assert np.array_equal(ours, pixels)
    assert (box.width * 300, box.height * 300) == pytest.approx(
        (ours.shape[1], ours.shape[0]), abs=1e-6)
    tight = decoded(savefig_png(laid_out_figure()))[2]
    assert all(0 <= a - b <= 2 for a, b in zip(ours.shape[:2], tight.shape[:2], strict=True))
    # the factsheet's embedded figures: a 0.5 mm margin (printed at their drawn width)
    pixels, box = rasterise(laid_out_figure(), pad_inches=0.02)
    assert np.array_equal(decoded(figure_png(laid_out_figure()))[2],
                          decoded(savefig_png(laid_out_figure(), box))[2])


def test_the_svg_has_the_box_of_the_png(tmp_path):
    import re

    render_files(laid_out_figure(), tmp_path / "f.png", tmp_path / "f.svg")
    width, height = decoded((tmp_path / "f.png").read_bytes())[2].shape[1::-1]
    svg = (tmp_path / "f.svg").read_text()
    found = re.search(r'<svg [^>]*width="([0-9.]+)pt" height="([0-9.]+)pt"', svg)
    assert found is not None
    assert float(found[1]) == pytest.approx(width / 300 * 72, abs=0.01)
    assert float(found[2]) == pytest.approx(height / 300 * 72, abs=0.01)


def test_what_is_drawn_beyond_the_figure_is_in_the_png():
    """A title wider than the figure: drawn again on savefig's canvas of the box (the
    figure's own canvas would cut it off), with savefig's pixels."""
    import numpy as np

    def wide():
        fig, ax = subplots(figsize=(2, 1.5))
        ax.set_title("Een titel die veel breder is dan de figuur zelf", loc="left")
        fig.tight_layout()
        return fig

    pixels, box = rasterise(wide())
    assert box.x1 > 2.5
    assert np.array_equal(pixels, decoded(savefig_png(wide(), box))[2])
    tight = decoded(savefig_png(wide()))[2]
    assert 0 <= pixels.shape[1] - tight.shape[1] <= 2


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


def decoded(data: bytes):
    import numpy as np
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    return image.mode, image.info.get("dpi"), np.asarray(image.convert("RGBA"))


def test_an_opaque_png_is_rgb_with_the_pixels_of_matplotlibs_rgba_png():
    import numpy as np

    ours = figure_png(laid_out_figure())
    mode, dpi, data = decoded(ours)
    box = rasterise(laid_out_figure(), pad_inches=0.02)[1]
    their_mode, their_dpi, theirs = decoded(savefig_png(laid_out_figure(), box))
    assert (mode, their_mode) == ("RGB", "RGBA")
    assert dpi == pytest.approx(their_dpi) and dpi == pytest.approx((300, 300), abs=0.01)
    assert data.shape == theirs.shape and np.array_equal(data, theirs)
    assert len(ours) < len(savefig_png(laid_out_figure(), box))
    assert b"Software" not in ours and b"tEXt" not in ours


def test_a_transparent_figure_keeps_its_alpha_channel():
    import numpy as np

    def transparent():
        fig = laid_out_figure()
        fig.patch.set_alpha(0.0)
        return fig

    mode, _, data = decoded(figure_png(transparent()))
    box = rasterise(transparent(), pad_inches=0.02)[1]
    assert mode == "RGBA"
    assert np.array_equal(data, decoded(savefig_png(transparent(), box))[2])


def test_an_axis_label_wider_than_its_axes_is_not_cut_off():
    """matplotlib's tight box counts an x label as one pixel wide; the box here holds the
    whole label (drawn beyond the figure here, so on savefig's canvas of the box)."""
    import numpy as np

    def wide_label():
        fig, ax = subplots(figsize=(2, 1.5))
        ax.set_xlabel("Een aslabel dat veel breder is dan de figuur zelf")
        fig.tight_layout()
        return fig

    pixels, box = rasterise(wide_label())
    fig = wide_label()
    fig.canvas.draw()
    label = fig.axes[0].xaxis.label.get_window_extent(fig.canvas.get_renderer())
    assert box.x0 * 300 <= label.x0 and label.x1 <= box.x1 * 300
    assert label.x1 > fig.bbox.x1  # beyond the figure: the label is in the PNG all the same
    assert np.array_equal(pixels, decoded(savefig_png(wide_label(), box))[2])


@pytest.mark.parametrize("shape", [(1, 1), (3, 7), (40, 33), (2, 300)])
@pytest.mark.parametrize("opaque", [True, False])
def test_encode_png_gives_back_the_pixels(shape, opaque):
    """Any pixels (noise: no filter makes them smaller, every byte value occurs) come back
    unchanged from Pillow's decoder, RGB when every alpha is 255, else RGBA."""
    import numpy as np

    rng = np.random.default_rng(sum(shape))
    pixels = rng.integers(0, 256, (*shape, 4), dtype=np.uint8)
    if opaque:
        pixels[..., 3] = 255
    else:
        pixels[0, 0, 3] = 254
    mode, dpi, back = decoded(encode_png(pixels))
    assert mode == ("RGB" if opaque else "RGBA")
    assert dpi == pytest.approx((300, 300), abs=0.01)
    assert np.array_equal(back, pixels)
    # a view (a crop of a canvas) is encoded as its own pixels
    view = np.zeros((shape[0] + 4, shape[1] + 6, 4), np.uint8)
    view[2:-2, 3:-3] = pixels
    assert encode_png(view[2:-2, 3:-3]) == encode_png(pixels)


def test_a_character_the_font_lacks_gives_no_terminal_warning(recwarn):
    """An emoji or U+FFFF in a label is drawn as a box; matplotlib's "Glyph … missing from
    font" UserWarning (with source lines) is not printed between the tables."""
    from maatwerk_stats.report.figures import plotting

    fig, ax = plotting.subplots(figsize=(3, 2))
    ax.set_title("wijk \U0001F600 \uffff")
    plotting.rasterise(fig)
    assert not [w for w in recwarn if "missing from" in str(w.message)]
