"""The PNG encoder and the figure jobs give the same bytes as the code they replaced (kept
verbatim here): ``encode_png`` packs the RGB bytes as one 3-byte item per pixel before
filtering whole rows (``plotting._packed_rows``), ``render_files`` encodes the PNG in a thread
while the SVG is drawn, and the scale-means job carries its data (computed in the command's
process)."""

from __future__ import annotations

import struct
import zlib

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from maatwerk_stats.report.figures.plotting import (
    encode_png,
    padded_crop,
    rasterise,
    render_files,
    subplots,
)


def old_encode_png(pixels, dpi: int = 300) -> bytes:
    """``plotting.encode_png`` as it was at e54e0fb."""
    opaque = bool(pixels[..., 3].min() == 255)
    data = pixels[..., :3] if opaque else pixels
    height, width, channels = data.shape
    rows = data.reshape(height, width * channels)
    filtered = np.empty((height, width * channels + 1), np.uint8)
    filtered[:, 0] = 2  # filter type Up
    filtered[:1, 1:] = rows[:1]
    np.subtract(rows[1:], rows[:-1], out=filtered[1:, 1:])  # modulo 256

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))

    per_metre = round(dpi / 0.0254)
    return b"".join([
        b"\x89PNG\r\n\x1a\n",
        chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2 if opaque else 6, 0, 0, 0)),
        chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
        chunk(b"IDAT", zlib.compress(filtered, 3)),
        chunk(b"IEND", b"")])


@settings(max_examples=60, deadline=None)
@given(height=st.integers(1, 40), width=st.integers(1, 40), opaque=st.booleans(),
       flat=st.booleans(), seed=st.integers(0, 2**32 - 1), crop=st.booleans())
def test_encode_png_bytes_as_before(height, width, opaque, flat, seed, crop):
    """Noise and flat images, opaque (RGB) or not (RGBA), whole arrays and crops of a larger
    canvas (strided views, as rasterise returns them): byte-identical files."""
    rng = np.random.default_rng(seed)
    canvas = rng.integers(0, 256, (height + 3, width + 5, 4), dtype=np.uint8)
    if flat:
        canvas[..., :3] = canvas[0, 0, :3]
    canvas[..., 3] = 255
    if not opaque:
        canvas[rng.integers(0, height + 3), rng.integers(0, width + 5), 3] = 17
        canvas[1, 2, 3] = 17  # inside every crop too
    pixels = canvas[1:1 + height, 2:2 + width] if crop else canvas
    assert encode_png(pixels) == old_encode_png(pixels)


def old_padded_crop(canvas_pixels, top, bottom, left, right, background):
    """The padded crop at the end of ``plotting.rasterise`` as it was at 7939abd."""
    height, width = canvas_pixels.shape[:2]
    pixels = np.empty((bottom - top, right - left, 4), np.uint8)
    pixels[...] = background.astype(np.uint8)
    rows = slice(max(top, 0), min(bottom, height))
    columns = slice(max(left, 0), min(right, width))
    pixels[rows.start - top:rows.stop - top, columns.start - left:columns.stop - left] = \
        canvas_pixels[rows, columns]
    return pixels


@settings(max_examples=200, deadline=None)
@given(height=st.integers(1, 30), width=st.integers(1, 30), data=st.data(),
       background=st.lists(st.integers(0, 255), min_size=4, max_size=4),
       seed=st.integers(0, 2**32 - 1))
def test_padded_crop_as_before(height, width, data, background, seed):
    """Boxes inside the canvas, reaching beyond any of its edges or all four, of one pixel
    or more (each overlaps the canvas, as the tight box of a figure does): the same pixels
    as the old fill-then-copy."""
    canvas = np.random.default_rng(seed).integers(0, 256, (height, width, 4), dtype=np.uint8)
    top = data.draw(st.integers(-8, height - 1))
    bottom = data.draw(st.integers(max(top, 0) + 1, height + 8))
    left = data.draw(st.integers(-8, width - 1))
    right = data.draw(st.integers(max(left, 0) + 1, width + 8))
    colour = np.array(background, np.uint8)
    new = padded_crop(canvas, (top, bottom, left, right), colour)
    old = old_padded_crop(canvas, top, bottom, left, right, np.array(background, float))
    assert new.dtype == old.dtype and new.shape == old.shape
    assert np.array_equal(new, old)
    assert new.flags.c_contiguous


def test_padded_crop_margins_are_the_background():
    """A 2 × 3 canvas in a box reaching 1 row above, 2 below, 1 column left and 2 right:
    the canvas in the middle, the background (not the canvas) around it."""
    canvas = np.arange(24, dtype=np.uint8).reshape(2, 3, 4)
    colour = np.array([255, 254, 253, 0], np.uint8)
    pixels = padded_crop(canvas, (-1, 4, -1, 5), colour)
    assert pixels.shape == (5, 6, 4)
    assert np.array_equal(pixels[1:3, 1:4], canvas)
    mask = np.ones((5, 6), bool)
    mask[1:3, 1:4] = False
    assert (pixels[mask] == colour).all()


def a_figure():
    fig, ax = subplots(figsize=(4, 3))
    ax.barh([0, 1, 2], [30, 50, 20], left=[-10, 20, 70], color=["#1b9e77", "#d95f02", "#7570b3"])
    ax.set_yticks([0, 1, 2], ["één", "twee (n = 12)", "drie"])
    ax.set_title("Gemiddelde € 1,5")
    fig.tight_layout()
    return fig


def test_render_files_as_before(tmp_path):
    """The PNG written by the thread is the old encoder's file of the same pixels, and the
    SVG that of savefig with the same box."""
    render_files(a_figure(), tmp_path / "a.png", tmp_path / "a.svg")
    pixels, box = rasterise(a_figure())
    assert (tmp_path / "a.png").read_bytes() == old_encode_png(pixels)
    again = a_figure()
    rasterise(again)
    again.savefig(tmp_path / "b.svg", bbox_inches=box, metadata={"Date": None, "Creator": None})
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


def test_render_files_raises_what_the_png_thread_met(tmp_path):
    """A PNG that cannot be written raises its error in the caller (the figure job then
    fails and is done again in the command's process, which reports it)."""
    import pytest

    with pytest.raises(FileNotFoundError):
        render_files(a_figure(), tmp_path / "missing" / "a.png", tmp_path / "a.svg")


def test_likert_percent_labels_out_of_the_layout_change_no_byte(tmp_path, monkeypatch):
    """The percentages inside the Likert bars are left out of the layout (in_layout=False):
    the same PNG and SVG as with them measured, on the demo comparison and with group labels
    long enough to squeeze the bars."""
    from pathlib import Path

    from matplotlib.axes import Axes

    from maatwerk_stats import compare, load_config
    from maatwerk_stats.report.figures.compare import FigureGroups, likert_data, likert_figure

    root = Path(__file__).resolve().parents[1]
    result = compare(root / "data" / "demo" / "pre.sav", root / "data" / "demo" / "post.sav",
                     config=load_config(root / "configs" / "leeratelier.toml"))
    data = likert_data(result)
    text = Axes.text

    def measured_text(self, *args, in_layout=True, **kwargs):
        return text(self, *args, **kwargs)

    long = ("Vóór de training in het voorjaar, eerste meting",
            "Na de training in het najaar, tweede meting")
    for labels in (result.group_labels, long):
        groups = FigureGroups(result.groups, labels)
        render_files(likert_figure(groups, "nl", data=data), tmp_path / "a.png",
                     tmp_path / "a.svg")
        with monkeypatch.context() as patch:  # the texts of ax.text measured, as before
            patch.setattr(Axes, "text", measured_text)
            render_files(likert_figure(groups, "nl", data=data), tmp_path / "b.png",
                         tmp_path / "b.svg")
        for ext in ("png", "svg"):
            assert (tmp_path / f"a.{ext}").read_bytes() == (tmp_path / f"b.{ext}").read_bytes()
